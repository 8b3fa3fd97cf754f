"""A paraphrase joins the statement of the quotation it reports; one that changes the facts is flagged.

Invented articles: one outlet quotes a harbour master, a second reports the same words as reported
speech, a third reports them with another number.
"""

from __future__ import annotations

import pytest

from quotecheck.library import Library
from quotecheck.matching import analysis, paraphrases
from quotecheck.matching.paraphrases import Report, find_links, focus, marks
from quotecheck.matching.report import snapshot
from quotecheck.project import store
from quotecheck.project.query import QuoteFilter

QUOTED = """Port to raise its fees

“Harbour fees will rise by 40 percent next spring,” the harbour master Ilse Varga told the council.
"""
REPORTED = """Council hears of fee rise

Ilse Varga said harbour fees would rise by 40 percent next spring.
"""
CHANGED = """Fees up sharply, port says

The harbour master, Ilse Varga, said harbour fees would rise by 14 percent next spring.
"""
UNRELATED = """Ferry timetable

Tobias Wren said the morning ferry would leave ten minutes earlier from May.
"""


def _write(tmp_path, name: str, text: str, outlet: str):
    path = tmp_path / f"{name}.md"
    path.write_text(f"---\noutlet: {outlet}\ndate: 2026-03-0{len(name) % 9 + 1}\n---\n{text}", encoding="utf-8")
    return path


@pytest.fixture
def lib(tmp_path):
    paths = [
        _write(tmp_path, "quoted", QUOTED, "Harbour Gazette"),
        _write(tmp_path, "reported", REPORTED, "Coast Radio"),
        _write(tmp_path, "changed", CHANGED, "Daily Tide"),
        _write(tmp_path, "unrelated", UNRELATED, "Coast Radio"),
    ]
    lib = Library(tmp_path / "p.qcproj")
    assert lib.ingest(paths).ok
    yield lib
    lib.close()


def _by_text(lib, words: str):
    ids = lib.quote_ids(QuoteFilter())
    rows = lib.quote_rows(ids)
    return next(r for r in rows.values() if words in r.text)


def test_paraphrases_join_the_quoted_statement_and_raise_no_wording_drift(lib):
    quote = _by_text(lib, "Harbour fees will rise")
    same = _by_text(lib, "would rise by 40")
    other = _by_text(lib, "would rise by 14")
    ferry = _by_text(lib, "morning ferry")
    assert (quote.kind, same.kind, other.kind) == ("direct", "indirect", "indirect")
    prov = lib.provenance(quote.id)
    members = {v.quote_id: v for v in prov.variants}
    assert set(members) == {quote.id, same.id, other.id}  # the ferry report joins nothing
    assert members[same.id].role == members[other.id].role == "paraphrase"
    assert ferry.id not in members
    assert "wording_drift" not in same.flags and "wording_drift" not in other.flags
    assert same.flags == ()  # the same facts in other words: nothing to flag


def test_a_paraphrase_that_changes_a_number_is_flagged_and_marked(lib):
    quote = _by_text(lib, "Harbour fees will rise")
    other = _by_text(lib, "would rise by 14")
    assert other.flags == ("paraphrase_meaning",)
    prov = lib.provenance(quote.id)
    flag = next(f for f in prov.flags if f.kind == "paraphrase_meaning")
    assert "a number differs" in flag.explanation
    assert set(flag.quote_ids) == {quote.id, other.id}
    shown = {v.quote_id: v for v in prov.variants}[other.id]
    assert shown.paraphrase and shown.kind == "indirect"
    severe = [other.text[m.start : m.end] for m in shown.marks if m.severity == "severe"]
    assert severe == ["14"]
    on_quote = [quote.text[m.start : m.end] for m in shown.selected_marks if m.severity == "severe"]
    assert on_quote == ["40"]


def test_a_paraphrase_alone_stands_alone(tmp_path):
    with Library(tmp_path / "p.qcproj") as lib:
        assert lib.ingest([_write(tmp_path, "reported", REPORTED, "Coast Radio")]).ok
        row = _by_text(lib, "would rise by 40")
        prov = lib.provenance(row.id)
        assert [v.quote_id for v in prov.variants] == [row.id]
        assert row.flags == ()


def test_links_survive_a_rebuild_and_an_incremental_update_alike(tmp_path, monkeypatch):
    import functools

    monkeypatch.setattr(analysis, "update", functools.partial(analysis.update, small=0))  # the incremental path
    with Library(tmp_path / "p.qcproj") as lib:
        assert lib.ingest([_write(tmp_path, "quoted", QUOTED, "Harbour Gazette")]).ok
        assert lib.ingest([_write(tmp_path, "changed", CHANGED, "Daily Tide")]).ok
        incremental = snapshot(lib.db)
        assert any(f["kind"] == "paraphrase_meaning" for f in incremental["flags"])
        analysis.rebuild(lib.db)
        assert snapshot(lib.db) == incremental


def _report(qid, text, kind="indirect", speaker=1, article=None, cue="said"):
    return Report(qid, article or qid, text, kind, speaker, cue, None, f"outlet {qid}")


def test_matching_rules():
    quote = _report(1, "We will not close the northern ferry line before the winter", kind="direct")
    kept = _report(2, "the northern ferry line would not close before the winter")
    dropped = _report(3, "they would close the northern ferry line before the winter")
    denied = _report(4, "that the northern ferry line would close before the winter", cue="denied")
    elsewhere = _report(5, "the northern ferry line would close before the winter", speaker=2)
    unrelated = _report(6, "the winter timetable starts in October")
    links = {p: check for p, q, check in find_links([quote, kept, dropped, denied, elsewhere, unrelated])}
    assert set(links) == {2, 3, 4, 5}
    assert links[2].conflicts == []
    assert links[3].conflicts == ["the paraphrase drops the quotation's negation"]
    assert links[4].conflicts == []  # "denied" carries the negation
    assert "the paraphrase gives the words to another speaker" in links[5].conflicts
    less_sure = find_links([quote, _report(7, "the northern ferry line might not close before the winter")])
    assert less_sure[0][2].conflicts == [
        "the paraphrase is less certain than the quotation ('will' reported as 'may' or 'might')"
    ]


def test_a_cue_that_denies_turns_the_report_around():
    """ "Wren never said the pier was unsafe" reports the opposite of Wren's “The pier is unsafe”: a cue
    negated or a denial turns its content around, both together ("did not deny") cancel out."""
    quote = _report(1, "The Skarra pier is unsafe for heavy lorries", kind="direct")
    cases = {
        2: ("the Skarra pier was unsafe for heavy lorries", "never said"),
        3: ("that the Skarra pier was unsafe for heavy lorries", "denied"),
        4: ("that the Skarra pier was unsafe for heavy lorries", "did not deny"),
        5: ("the Skarra pier was not unsafe for heavy lorries", "didn't say"),
        6: ("the Skarra pier was unsafe for heavy lorries", "said"),
    }
    for qid, (text, cue) in cases.items():
        links = find_links([quote, _report(qid, text, cue=cue)])
        assert [link[:2] for link in links] == [(qid, 1)]
        turned = [c for c in links[0][2].conflicts if c.startswith("the report says the speaker")]
        assert bool(turned) == (qid in (2, 3)), cue
        assert links[0][2].conflicts == turned or qid == 5  # "didn't say ... was not": the negation differs


def test_a_negated_report_joined_to_the_quote_is_flagged(tmp_path):
    quoted = "Bridge to close\n\n“The Skarra bridge is unsafe for heavy trucks,” Mayor Tomas Wren said on Monday.\n"
    denied = "Mayor backtracks\n\nTomas Wren never said the Skarra bridge was unsafe for heavy trucks.\n"
    with Library(tmp_path / "p.qcproj") as lib:
        paths = [_write(tmp_path, "quoted", quoted, "Harbour Courier"), _write(tmp_path, "denied", denied, "Gazette")]
        assert lib.ingest(paths).ok
        row = _by_text(lib, "was unsafe for heavy trucks")
        assert (row.kind, row.speaker) == ("indirect", "Tomas Wren")
        assert row.flags == ("paraphrase_meaning",)
        flag = next(f for f in lib.provenance(row.id).flags if f.kind == "paraphrase_meaning")
        assert "never said what the quotation says" in flag.explanation


def test_a_paraphrase_that_writes_non_solid_before_the_quoted_word_is_flagged(tmp_path):
    """Found by a hostile trial: "binding" quoted, "nonbinding" (AP's spelling) reported, and no flag,
    though "non-binding" was flagged."""
    quoted = "Water deal\n\n“The water agreement with Kallmark is binding on both towns,” said lawyer Piet Vos.\n"
    reported = "Deal in doubt\n\nPiet Vos said the water agreement with Kallmark was nonbinding on both towns.\n"
    with Library(tmp_path / "p.qcproj") as lib:
        paths = [_write(tmp_path, "quoted", quoted, "Orvel Gazette"), _write(tmp_path, "reported", reported, "Times")]
        assert lib.ingest(paths).ok
        row = _by_text(lib, "was nonbinding")
        assert (row.kind, row.speaker, row.flags) == ("indirect", "Piet Vos", ("paraphrase_meaning",))
        flag = next(f for f in lib.provenance(row.id).flags if f.kind == "paraphrase_meaning")
        assert "'binding' into 'nonbinding'" in flag.explanation


def test_a_severe_flag_needs_strong_evidence():
    """What gave false "meaning changed" flags on real news: an idiom read as a negation, the facts of
    another sentence of a long quotation, a topic shared through names, a weak match with another date."""
    doubt = _report(1, "There is no doubt that the northern ferry line will reopen before the winter", kind="direct")
    asserted = _report(2, "the northern ferry line would reopen before the winter")
    (link,) = find_links([doubt, asserted])
    assert link[:2] == (2, 1) and link[2].conflicts == []

    long = _report(
        3,
        "We will not raise the fares this year. The northern ferry line reopens before the winter with two boats.",
        kind="direct",
    )
    other_sentence = _report(4, "the northern ferry line reopens before the winter with two boats")
    (link,) = find_links([long, other_sentence])
    assert link[2].conflicts == []  # the negation is in the sentence the paraphrase does not report

    two_points = _report(
        9,
        "The northern ferry line reopens before the winter with two boats, and we will not raise the fares this year",
        kind="direct",
    )
    one_point = _report(10, "the northern ferry line would reopen before the winter with two boats")
    (link,) = find_links([two_points, one_point])
    assert link[2].conflicts == []  # the negation is in the other clause of the sentence
    dropped = _report(11, "they would raise the fares this year")
    assert focus(two_points.text, dropped.text) == "and we will not raise the fares this year"

    names = _report(5, "Mayor Ilse Varga met Governor Tobias Wren in Lindholm on Tuesday", kind="direct", speaker=7)
    topic = _report(6, "Ilse Varga and Tobias Wren would discuss Lindholm harbour funding", speaker=8)
    assert find_links([names, topic]) == []

    dated = _report(7, "The ferry to Lindholm will sail on May 4 with the new crew and the old boat", kind="direct")
    weak = _report(8, "the ferry to Lindholm had been inspected on May 18 by the coast guard")
    assert find_links([dated, weak]) == []


def test_marks_show_the_facts_severe_and_the_rewording_as_information():
    found = marks("fees would rise by 14 percent in spring", "Fees will rise by 40 percent in spring")
    text = "fees would rise by 14 percent in spring"
    assert [(text[m["start"] : m["end"]], m["severity"]) for m in found] == [("14", "severe")]
    reworded = marks("charges climb in spring", "Fees will rise in spring")
    assert {m["severity"] for m in reworded} == {"info"}


def test_detach_removes_everything_attach_wrote(lib):
    before = lib.db.execute("SELECT COUNT(*) FROM cluster_members WHERE role = 'paraphrase'").fetchone()[0]
    assert before == 2
    paraphrases.detach(lib.db)
    assert lib.db.execute("SELECT COUNT(*) FROM cluster_members WHERE role = 'paraphrase'").fetchone()[0] == 0
    assert lib.db.execute("SELECT COUNT(*) FROM flags WHERE kind = 'paraphrase_meaning'").fetchone()[0] == 0
    assert lib.db.execute("SELECT COUNT(*) FROM clusters WHERE kind = 'paraphrases'").fetchone()[0] == 0


def test_the_flag_kind_is_known_to_the_cli_and_the_window():
    from quotecheck.matching.flags import KINDS

    assert paraphrases.FLAG_KIND in KINDS


def test_speaker_decisions_relink_paraphrases_as_a_rebuild_does(monkeypatch):
    """Whether a paraphrase reports a quotation of someone else depends on the speakers: a merge makes
    them one person and links them, its undo parts them again; each step is what a rebuild gives, and
    after the first the project's words are not read again (only what changed words is)."""
    from test_analysis import add_article, add_quote, same_as_rebuild

    lib = Library.in_memory()
    db = lib.db
    quoted = "the harbour fees will rise by forty percent next spring for every ship"
    reported = "harbour fees would rise by forty percent, the council was told on Monday"
    for a in range(4):
        art = add_article(db, f"article {a}", f"{a}.txt", date=f"2026-03-0{a + 1}", outlet=f"Outlet {a}")
        add_quote(db, art, quoted, "Luc Garnier" if a % 2 else "Rosa Quint")
        add_quote(db, art, f"the ferry leaves at {a + 6} from the northern pier", "Olaf Berg")
        add_quote(db, art, reported, "Ana Vidal", kind="indirect")
    analysis.rebuild(db)
    links = "SELECT COUNT(*) FROM cluster_members WHERE role = 'paraphrase'"
    assert db.execute(links).fetchone()[0] == 0  # 5 of 8 words shared: too few to give them to someone else
    read = []
    original = paraphrases.candidates
    monkeypatch.setattr(paraphrases, "candidates", lambda reports: read.append(1) or original(reports))
    merge = lib.merge_speakers(["Ana Vidal", "Luc Garnier"])
    assert db.execute(links).fetchone()[0] == 4 and read == []  # the speakers changed, the words did not
    same_as_rebuild(db)
    lib.set_decisions_active([merge], False)
    assert db.execute(links).fetchone()[0] == 0
    same_as_rebuild(db)
    lib.merge_speakers(["Ana Vidal", "Rosa Quint"])
    assert db.execute(links).fetchone()[0] == 4
    read.clear()
    with store.transaction(db):  # the words of one paraphrase change (reported speech is in no match index)
        db.execute(
            "UPDATE quotes SET text = 'the ferry will leave early' WHERE id = (SELECT MIN(id) FROM quotes WHERE kind = 'indirect')"
        )
    lib.review(db.execute("SELECT id FROM quotes WHERE speaker = 'Olaf Berg'").fetchone()[0], speaker="Ana Vidal")
    assert read and db.execute(links).fetchone()[0] == 3  # its words were read again
    same_as_rebuild(db)


def test_a_frame_that_judges_the_claim_unlikely_turns_it_around(tmp_path):
    """ "said it was impossible the crossing would reopen" reports the opposite of “The crossing will
    reopen”: the report keeps its frame (the parser hangs the frame and the clause side by side on
    "said"), joins the quotation and is flagged; so is a short negated report of the same speaker."""
    quoted = (
        "Crossing to reopen\n\n“The river crossing at Tesk will reopen to lorries in June,” Jan Roe said on"
        " Monday.\n\n“The ferry will sail in June,” Jan Roe added.\n"
    )
    doubted = (
        "Doubts over crossing\n\nJan Roe, the chief negotiator, spoke on Tuesday.\n\n"
        "Roe said it was impossible the river crossing at Tesk would reopen to lorries in June.\n\n"
        "Roe said the ferry would not sail in June.\n"
    )
    with Library(tmp_path / "p.qcproj") as lib:
        paths = [_write(tmp_path, "quoted", quoted, "Harbour Courier"), _write(tmp_path, "doubted", doubted, "Gazette")]
        assert lib.ingest(paths).ok
        framed = _by_text(lib, "would reopen to lorries")
        assert framed.text == "it was impossible the river crossing at Tesk would reopen to lorries in June"
        short = _by_text(lib, "the ferry would not sail in June")  # two words in common, and a name
        for row in (framed, short):
            assert (row.kind, row.speaker, row.flags) == ("indirect", "Jan Roe", ("paraphrase_meaning",))
            flag = next(f for f in lib.provenance(row.id).flags if f.kind == "paraphrase_meaning")
            assert "adds a negation" in flag.explanation


def test_a_frame_of_doubt_is_a_negation():
    assert paraphrases.negated("it was unlikely the pier would open in May")
    assert not paraphrases.negated("there is no doubt the pier will open in May")
    assert paraphrases.facts_differ("The pier will open in May.", "it was impossible the pier would open in May")


def test_a_short_paraphrase_joins_only_a_quotation_of_its_own_speaker():
    quote = _report(1, "The ferry will sail in June", kind="direct")
    assert [link[:2] for link in find_links([quote, _report(2, "the ferry would not sail in June")])] == [(2, 1)]
    assert find_links([quote, _report(3, "the ferry would not sail in June", speaker=2)]) == []
    assert find_links([quote, _report(4, "the ferry would not sail in June", speaker=None)]) == []


@pytest.mark.parametrize(
    ("plain", "negated"),
    [("legal", "illegal"), ("responsible", "irresponsible"), ("aware", "unaware"), ("binding", "non-binding")],
)
def test_a_negating_prefix_is_a_change_of_negation(plain, negated):
    """Found by a hostile trial: a report of "the levy is legal" as "said the levy was illegal" agreed on
    the facts; the prefix says the opposite, as "not" would. A "not" and a prefix together cancel out."""
    for quoted, reported in ((plain, negated), (negated, plain)):
        assert paraphrases.facts_differ(f"The mooring levy is {quoted}.", f"that the mooring levy was {reported}")
    assert not paraphrases.facts_differ(f"The mooring levy is {plain}.", f"that the mooring levy was not {negated}")
    assert not paraphrases.facts_differ("The wardens cover the costs.", "that the wardens discover the costs")
    text = f"the mooring levy was {negated}"
    assert [m["why"] for m in marks(text, f"The mooring levy is {plain}.") if m["severity"] == "severe"]


def test_a_paraphrase_that_turns_a_word_by_its_prefix_is_flagged(tmp_path):
    quoted = "Levy upheld\n\n“The mooring levy is legal under the port charter,” warden Oda Fenwick said on Monday.\n"
    reported = "Levy row\n\nOda Fenwick said the mooring levy was illegal under the port charter.\n"
    with Library(tmp_path / "p.qcproj") as lib:
        paths = [
            _write(tmp_path, "quoted", quoted, "Harbour Courier"),
            _write(tmp_path, "reported", reported, "Gazette"),
        ]
        assert lib.ingest(paths).ok
        row = _by_text(lib, "was illegal under the port charter")
        assert (row.kind, row.flags) == ("indirect", ("paraphrase_meaning",))
        flag = next(f for f in lib.provenance(row.id).flags if f.kind == "paraphrase_meaning")
        assert "turns the quotation's 'legal' into 'illegal'" in flag.explanation
