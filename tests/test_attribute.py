"""Speaker attribution on small invented articles, one per group of cases.

Each ``tests/data/engine/NAME.txt`` has a ``NAME.json`` listing its quotations in order: the quoted
text (or its beginning), the speaker (null = found but not claimed), and where it matters the kind,
the outlet passing it on and the date it was said.
"""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecheck.engine.extract import Extractor, _decoded, extract_text, load_nlp
from quotecheck.engine.resolve import EntityTable, clean_name
from quotecheck.model import Article, ArticleMeta
from quotecheck.progress import Cancelled, Progress

DATA = Path(__file__).parent / "data" / "engine"
CASES = sorted(p.stem for p in DATA.glob("*.txt"))


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    name = name.replace("’", "'").strip()
    return name[4:] if name.lower().startswith("the ") else name


@pytest.fixture(scope="module")
def extracted() -> dict[str, list]:
    out = {}
    for case in CASES:
        spec = json.loads((DATA / f"{case}.json").read_text(encoding="utf-8"))
        out[case] = (spec, extract_text((DATA / f"{case}.txt").read_text(encoding="utf-8"), date=spec.get("date")))
    return out


@pytest.mark.parametrize("case", CASES)
def test_golden_article(extracted, case):
    spec, quotes = extracted[case]
    assert len(quotes) == len(spec["quotes"]), [q.text for q in quotes]
    for want, got in zip(spec["quotes"], quotes, strict=False):
        assert got.text.startswith(want["text"]), (want["text"], got.text)
        if "ends_with" in want:
            assert got.text.endswith(want["ends_with"])
        if want["speaker"] is None:
            assert got.speaker is None and got.confidence < 0.5, (got.text, got.speaker, got.reason)
            continue
        assert _norm(got.speaker) == _norm(want["speaker"]), (got.text, got.speaker, got.reason)
        assert got.confidence >= want.get("confidence_at_least", 0.5), got.reason
        assert got.reason
        if "kind" in want:
            assert got.kind == want["kind"], got.text
        if "reported_by" in want:
            assert _norm(got.reported_by) == _norm(want["reported_by"])
        if "said_on" in want:
            assert got.said_on == want["said_on"]


def test_speaker_offsets_point_at_the_mention(extracted):
    _, quotes = extracted["patterns"]
    text = (DATA / "patterns.txt").read_text(encoding="utf-8")
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.mention


def test_pronoun_and_description_resolve_to_people_not_strings(extracted):
    _, quotes = extracted["resolution"]
    expert = quotes[0]
    assert expert.mention == "the expert" and expert.speaker == "Anton Brandt"
    assert "Anton Brandt" in expert.reason


def test_bare_surname_goes_to_the_latest_source_not_the_nearest_name(extracted):
    # "Emil Varga did not comment" stands between Ilse Varga's quotes and the next "Varga said".
    _, quotes = extracted["resolution"]
    water = next(q for q in quotes if q.text.startswith("The water belongs"))
    assert water.speaker == "Ilse Varga"
    assert water.mention == "Varga"


def test_confidence_separates_claimed_from_unclaimed(extracted):
    claimed = [q.confidence for _, qs in extracted.values() for q in qs if q.speaker]
    unclaimed = [q.confidence for _, qs in extracted.values() for q in qs if not q.speaker]
    assert unclaimed and min(claimed) > max(unclaimed)


def test_description_with_a_place_needs_a_person_of_that_place():
    table = EntityTable()
    hovde = table.add_name("Lars Hovde", "PERSON", 0, ["Governor"])
    assert table.resolve_description("the governor", "governor", 100).entity is hovde
    other = table.resolve_description("the Oregon governor", "governor", 100, places=("Oregon",))
    assert other.entity is not hovde and other.confidence < 0.5
    lind = table.add_name("Kate Lind", "PERSON", 200, ["Oregon Governor"])
    assert table.resolve_description("the Oregon governor", "governor", 300, places=("Oregon",)).entity is lind


def test_titled_surname_joins_the_person_unless_the_title_contradicts():
    table = EntityTable()
    dahl = table.add_name("Anders Dahl", "PERSON", 0)
    assert table.resolve_name("Mr. Dahl", "PERSON", 50).entity is dahl
    assert dahl.any_gender == "m"
    assert table.resolve_name("Mrs. Dahl", "PERSON", 90).entity is not dahl


def test_names_of_many_shapes_resolve_to_the_full_name():
    table = EntityTable()
    carr = table.add_name("Eliza Dunmore-Carr", "PERSON", 0)
    ban = table.add_name("Ban Ki-sool", "PERSON", 10)
    berg = table.add_name("Pieter van der Berg", "PERSON", 20)
    table.add_name("Anouk van der Berg", "PERSON", 30)
    table.add_source(berg, 40)
    dijk = table.add_name("Kasimir van Dijk", "PERSON", 35)  # first names that say nothing of either
    other_dijk = table.add_name("Jordan van Dijk", "PERSON", 36)
    king = table.add_name("Marcus Holloway Jr.", "PERSON", 50)
    tallow = table.add_name("A.J. Tallow", "PERSON", 60)
    for mention, label, want in (
        ("Dunmore-Carr", "ORG", carr),  # the tagger calls the lone surname a body
        ("Ms. Dunmore-Carr", "PERSON", carr),
        ("Ki-sool", "PERSON", ban),
        ("van der Berg", "PERSON", berg),  # the one cited as a source, not the latest named
        ("Mr. van der Berg", "PERSON", berg),  # two of them: the title says which by their first names
        ("Mr. van Dijk", "PERSON", None),  # neither the article nor the first names say which
        ("Holloway", "ORG", king),
        ("Tallow", "PERSON", tallow),
    ):
        got = table.resolve_name(mention, label, 100).entity
        assert got is want if want is not None else got not in (dijk, other_dijk), mention
    assert king.name == "Marcus Holloway Jr."
    assert table.add_name("A. J. Tallow", "PERSON", 200) is tallow
    assert table.add_name("Marcus Holloway Sr.", "PERSON", 210) is not king


def test_pronoun_never_refers_to_a_source_cited_after_it():
    table = EntityTable()
    later = table.add_name("Mira Solberg", "PERSON", 500)
    table.add_source(later, 520)
    res = table.resolve_pronoun("he", 100, 0, 0)
    assert res.entity is None and res.confidence < 0.5
    body = table.add_name("Perrin Castlemoor", "ORG", 10)
    res = table.resolve_pronoun("he", 100, 0, 0)
    assert res.entity is body and body.label == "PERSON" and res.confidence >= 0.5
    assert table.resolve_pronoun("they", 100, 0, 0).entity is not body


def test_an_honorific_of_the_other_gender_never_takes_a_pronoun():
    """ "Mrs. Varga" named before "he", nobody else: "he" is nobody, not her."""
    table = EntityTable()
    varga = table.add_name("Ilse Varga", "PERSON", 10)
    table.resolve_name("Mrs. Varga", "PERSON", 40)
    assert varga.titled_gender == "f"
    res = table.resolve_pronoun("he", 100, 0, 0)
    assert res.entity is None and res.confidence < 0.5
    assert table.resolve_pronoun("she", 100, 0, 0).entity is varga


def test_a_bare_surname_named_only_further_on_is_the_one_named_next():
    """ "President Holloway" in the lead, "Mr. Holloway" two paragraphs on, "the first lady, Jane
    Holloway" at the end: the lead's "Holloway" is Mr. Holloway, the president, not the first lady; one
    person under the name the article first gave him."""
    text = (
        "With the vote close, President Holloway is rolling out a new message: “It is about me.”\n\n"
        "“My name is not on the ballot, but our progress is,” Mr. Holloway said on Saturday.\n\n"
        "The campaign plans to use Mr. Holloway and the first lady, Jane Holloway, in the coming weeks."
    )
    quotes = [q for q in extract_text(text) if q.kind != "indirect"]
    assert [q.speaker for q in quotes[:2]] == ["President Holloway", "President Holloway"]


def test_description_matches_the_words_a_person_was_introduced_with():
    table = EntityTable()
    hartley = table.add_name("Oswin Hartley", "PERSON", 0)
    hartley.described |= {"farm", "hectare", "barley"}
    assert table.resolve_description("the farmer", "farmer", 100).entity is hartley
    assert table.resolve_description("the teacher", "teacher", 100).entity is not hartley
    assert table.resolve_description("a farmer", "farmer", 100).entity is not hartley


def test_datelines_and_apostrophes_in_names():
    from quotecheck.engine.entities import has_quote_mark
    from quotecheck.engine.shapes import DATELINE

    for line in ("ORVEL — Farmers said", "KASTREN, Ostrevia (AP) — The talks", "NEW YORK - Police said"):
        assert DATELINE.match(line), line
    for line in ("NATO — the alliance said", "The ABC — a network", "I said — no"):
        assert not DATELINE.match(line), line
    assert not any(has_quote_mark(n) for n in ("O'Neill", "Roe's", "Roe’s", "the Roes'"))
    assert all(has_quote_mark(n) for n in ("“Roe", "Roe”", "'Roe", '"Roe'))


def test_said_on_resolves_month_day_against_article_date():
    quotes = extract_text('"We are ready," the minister Lena Holt said on April 19th.', date="2024-05-02")
    assert quotes[0].said_on == "2024-04-19"
    assert extract_text('"We are ready," Lena Holt said on April 19th.')[0].said_on is None


def test_empty_and_markless_texts():
    assert extract_text("") == []
    assert extract_text("No quotation here at all.") == []


def test_extract_many_reports_progress_and_cancels():
    arts = [
        Article(
            path=f"a{i}.txt",
            text=f'"Point number {i} stands," said Mara Quill.',
            meta=ArticleMeta(),
            content_hash=str(i),
        )
        for i in range(4)
    ]
    progress = Progress(total=4)
    got = list(Extractor().extract_many(arts, progress=progress))
    assert progress.done == 4
    assert [a.path for a, _ in got] == [a.path for a in arts]
    assert all(qs[0].speaker == "Mara Quill" for _, qs in got)

    progress = Progress(total=4)
    progress.cancel()
    with pytest.raises(Cancelled):
        list(Extractor().extract_many(arts, progress=progress))


def test_model_is_loaded_once():
    assert load_nlp() is load_nlp()
    assert "ner" in load_nlp().pipe_names and "parser" in load_nlp().pipe_names


@pytest.mark.slow
def test_extract_many_in_spawned_processes_matches_one_process():
    texts = [(DATA / f"{case}.txt").read_text(encoding="utf-8") for case in CASES]
    arts = [Article(path=f"{i}.txt", text=t, meta=ArticleMeta(), content_hash=str(i)) for i, t in enumerate(texts)]
    one = [(a.path, [(q.start, q.speaker) for q in qs]) for a, qs in Extractor().extract_many(arts)]
    progress = Progress(total=len(arts))
    two = [
        (a.path, [(q.start, q.speaker) for q in qs])
        for a, qs in Extractor().extract_many(arts, n_process=2, progress=progress)
    ]
    assert one == two
    assert progress.done == len(arts)


@pytest.mark.parametrize("br", ["\r", "\u2029"], ids=["CR", "PS"])
def test_old_mac_and_unicode_paragraph_breaks_extract_like_newlines(br):
    lines = [
        "Voters gathered in the square on Sunday.",
        'He said "we will win and left the stage.',
        '"It is fine," said Ana Lind.',
        "“It conforms with the interests of both peoples",
        "I am ready to cooperate with you,” the statement from Bo Smith read.",
    ]
    text = br.join(lines)
    got = extract_text(text)
    assert [(q.text, q.speaker) for q in got if q.text == "It is fine,"] == [("It is fine,", "Ana Lind")]
    assert all(text[q.start : q.end] == q.text for q in got)  # offsets into the text as given
    assert any(q.text.endswith(f"peoples{br}I am ready to cooperate with you,") for q in got)
    lf = "\n".join(lines)
    assert [(q.start, q.end, q.text.replace(br, "\n"), q.speaker, q.cue) for q in got] == [
        (q.start, q.end, q.text, q.speaker, q.cue) for q in extract_text(lf)
    ]


@pytest.mark.parametrize("br", ["\r", "\u2029"], ids=["CR", "PS"])
def test_engine_cases_come_out_the_same_whatever_the_line_break(br, extracted):
    for case in CASES:
        text = (DATA / f"{case}.txt").read_text(encoding="utf-8")
        assert "\r" not in text
        got = extract_text(text.replace("\n", br), date=extracted[case][0].get("date"))
        assert [dataclasses.replace(q, text=q.text.replace(br, "\n")) for q in got] == extracted[case][1], case


_PIECES = [
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "—",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\u2029",
    "\u2028",
    "\x0c",
    " said Jane Roe",
    ", she told reporters",
    ".",
    ":",
    " According to Bo Smith,",
    " the expert",
    " Министр сказал ",
    " pic.twitter.com/x— Pool (@p) May 1, 2020\n",
    "The ministry",
    "• ",
    " (@x) ",
    " they ",
    "Mr. Roe",
    " Eliza Dunmore-Carr Jr.",
    " Dunmore-Carr said",
    "-",
    " van der Berg",
    " A.J. ",
    "Ms. de la",
    "[Video: x]",
    "ROE: ",
    "=",
    "123",
    " words here",
]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=50).map("".join), st.sampled_from([None, "2024-02-29", "not a date"])
)
def test_fuzz_extraction_never_breaks(text, date):
    for q in extract_text(text, date=date):
        assert 0 <= q.start <= q.end <= len(text) and text[q.start : q.end] == q.text
        assert 0.0 <= q.confidence <= 1.0
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start <= q.speaker_end <= len(text)


def test_a_headline_cited_with_its_byline_is_no_quotation():
    """A newsletter's reading list quotes other outlets' headlines ("“…,” by the Courier’s Jane Roe:"):
    titles, not statements, even with a name in the byline. A passive agent in running text keeps its
    speaker, with or without the comma, and so does a quote followed by "by Tuesday …"."""
    text = (
        "Morning reading.\n\n"
        "HARBOUR NEWS—“Ferry service to end in May, council says,” by the Courier’s Jane Roe: http://x.example/1.\n\n"
        "—“Mayor vows to keep the ferry running,” by Post’s Ann Lee: http://x.example/2.\n\n"
        "PSA—“You have until May to renew your pass,” by DNA’s Kim Holloway: http://x.example/3.\n\n"
        "The plan was called “reckless and cruel” by Senator Tomas Varga on Monday.\n\n"
        "The budget was denounced as “reckless, cruel and unfair,” by Senator Ana Roe, who voted against it.\n\n"
        "“The fight is not over,” by Tuesday she had changed her mind, Ilse Brannoch said.\n\n"
        "The plan was denounced as “a betrayal,” by Mayor Kim Holloway."
    )
    quotes = extract_text(text, date="2026-03-02")
    headlines = [q for q in quotes if q.text.endswith(",") and q.text[:1].isupper()][:3]
    assert [q.text[:5] for q in headlines] == ["Ferry", "Mayor", "You h"]
    assert all(q.speaker is None and q.confidence < 0.5 for q in headlines), headlines
    by_text = {q.text: q.speaker for q in quotes}
    assert by_text["reckless and cruel"] == "Tomas Varga"
    assert by_text["reckless, cruel and unfair,"] == "Ana Roe"
    assert by_text["The fight is not over,"] == "Ilse Brannoch"
    assert by_text["a betrayal,"] == "Kim Holloway"


def test_title_case_words_a_thing_reads_are_a_quotation_not_a_title():
    """ "shirts that read “Vote For Varga.”": words in capitals that a sign, a shirt or a chant carries
    are quoted words, claimed with the source the sentence gives; a show's name stays a title."""
    text = (
        "The rally in Orvel drew hundreds on Monday.\n\n"
        "According to The Harbour Courier, the men were wearing shirts that read “Vote For Varga.”\n\n"
        "Ilse Varga watched the rally on “Harbour Morning News.”"
    )
    quotes = {q.text: q for q in extract_text(text, date="2026-03-02")}
    assert quotes["Vote For Varga."].speaker == "Harbour Courier"
    show = quotes["Harbour Morning News."]
    assert show.speaker is None and show.confidence < 0.5


def test_a_title_right_after_the_noun_for_its_work_is_no_quotation():
    """ "on the podcast “Here’s the Truth.”", "the documentary “Varga.”": the name of a work, even
    one word, even in a sentence a reporting verb governs; a quote after "said" keeps its speaker."""
    text = (
        "“I was never afraid of the sea,” Ilse Varga said in May on the podcast “Here’s the Truth.”\n\n"
        "Ilse Varga spoke with Tomas Brandt on the latest episode of her podcast, “So, That Was Odd.”\n\n"
        "Her years at sea were featured in the documentary “Varga.”"
    )
    quotes = {q.text: q for q in extract_text(text, date="2026-03-02")}
    assert quotes["I was never afraid of the sea,"].speaker == "Ilse Varga"
    for title in ("Here’s the Truth.", "So, That Was Odd.", "Varga."):
        assert quotes[title].speaker is None and quotes[title].confidence < 0.5, title


def test_a_quoted_word_the_sentence_is_about_is_no_quotation():
    """ "“Netting” has been banned …" after a quote of the mayor: the article talks about the word, the
    mayor is not quoted saying it; "“That,” she added, “…”" keeps its speaker."""
    text = (
        "“We will fish in the bay again,” Mayor Ilse Varga said.\n\n"
        "“Netting” has been banned in the bay since 1990.\n\n"
        "“That,” Varga added, “is going to change.”"
    )
    quotes = {q.text: q for q in extract_text(text, date="2026-03-02")}
    assert quotes["Netting"].speaker is None and quotes["Netting"].confidence < 0.5
    assert quotes["That,"].speaker == "Ilse Varga"


def test_a_bare_surname_missed_by_the_tagger_takes_the_name_not_its_description():
    """When the surname alone is all that resolves ("D’Vargo said"), the fuller earlier phrase
    gives the name as written, never the description in front of it ("best-selling author …")."""
    for lead in ("Conservative commentator and best-selling author", "Harvard economist"):
        for name in ("Ilse D’Vargo", "Anil D’Souvar"):
            surname = name.split()[1]
            text = (
                f"{lead} {name} predicted on Monday that the race is over. "
                f"“If I had to bet now, I would bet on the mayor,” {surname} said."
            )
            assert [q.speaker for q in extract_text(text, date="2026-03-02")] == [name], text


def test_a_description_too_long_to_keep_whole_loses_its_clause_not_half_of_it():
    """A clause about the source too long for a name is left out from its relative pronoun on: never
    "a Norland official who was not" (a fragment) in the speaker list."""
    cases = {
        "“This set off our fear,” said a Norland official who was not authorized to speak publicly on this "
        "issue.": "a Norland official",
        "“The pier is safe,” said a Norland official who knows the harbour.": "a Norland official who knows the harbour",
    }
    for text, speaker in cases.items():
        assert [q.speaker for q in extract_text(text, date="2026-03-02")] == [speaker], text


def test_a_described_party_member_keeps_the_description_as_written():
    """ "an Ohio Republican" or "one Democrat familiar with the talks" names nobody: the speaker is
    the description as the article gives it, not the bare party word; a plural group stays. ("the
    Texan" shows as "Texan", the article dropped as for every description with "the".)"""
    cases = {
        "“It was not a convincing argument,” said an Ohio Republican.": "an Ohio Republican",
        "“Fundraising is not a problem,” said one Democrat involved in the planning.": (
            "one Democrat involved in the planning"
        ),
        "“We will win,” Republicans said.": "Republicans",
    }
    for text, speaker in cases.items():
        assert [q.speaker for q in extract_text(text, date="2026-03-02")] == [speaker], text


class _TaggerMissesBodies:
    """The pipeline with its entity tagger blind to bodies, as it is on some long names of agencies."""

    def __init__(self, nlp):
        self.nlp = nlp

    def _blind(self, doc):
        doc.ents = [e for e in doc.ents if e.label_ != "ORG"]
        return doc

    def __call__(self, text):
        return self._blind(self.nlp(text))

    def pipe(self, items, **kwargs):
        for doc, ctx in self.nlp.pipe(items, **kwargs):
            yield self._blind(doc), ctx


def test_a_body_the_tagger_missed_keeps_its_whole_name():
    """ "Kastren Pilotage and Towage Services … said": the source is the agency's whole name,
    not its last word, when the tagger did not mark it."""
    extractor = Extractor(reported=True)
    extractor.nlp = _TaggerMissesBodies(extractor.nlp)
    text = (
        "Kastren Pilotage and Towage Services, the agency that licenses harbour pilots, said it would check "
        "the papers of every pilot again before the winter."
    )
    article = Article(path="<text>", text=text, meta=ArticleMeta(date="2026-03-02"), content_hash="")
    assert [q.speaker for q in extractor.extract(article)] == ["Kastren Pilotage and Towage Services"]


def test_a_name_loses_quotation_marks_and_a_dangling_relative_pronoun():
    """A description read up to "-- which" or holding scare quotes is shown as a name without them."""
    assert clean_name("the study -- which") == "the study"
    assert clean_name("the “fact-checking” website") == "the fact-checking website"
    assert clean_name("Al From") == "Al From" and clean_name("Ana Roe and") == "Ana Roe"


def test_a_run_in_section_head_is_nobody():
    """A section head in capitals run into its paragraph ("THE LEVY Until he …") or in Title Case
    before a colon is no source and names nobody a pronoun could stand for."""
    text = (
        "Tomas Varga, a harbour master in Orvel, has spent a decade arguing for a levy on cargo.\n\n"
        "Few Means to Curb Floods: The quay was built when storms were rare and the ships were small. "
        "Over the summer, he said he favoured a fund paid for by the shipping lines.\n\n"
        "THE LEVY Until he drafted his plan, Mr. Varga said that he saw a levy as the very last option.\n"
    )
    found = [(q.text, q.speaker) for q in extract_text(text, reported=True)]
    assert found == [
        ("he favoured a fund paid for by the shipping lines", "Tomas Varga"),
        ("that he saw a levy as the very last option", "Tomas Varga"),
    ]


def test_a_description_opening_a_sentence_is_shown_as_a_description():
    """ "Historians said" / "Several harbour pilots told": capitalised only by position, shown in lower
    case (so the speaker list keeps it apart from names); a party's members stay as written."""
    text = (
        "Orvel Quay Reopens\n\nHistorians said the quay was older than the town.\n\n"
        "Several harbour pilots told reporters that the channel was too shallow.\n\n"
        "“We will win,” Republicans said.\n"
    )
    assert [q.speaker for q in extract_text(text, reported=True)] == [
        "historians",
        "several harbour pilots",
        "Republicans",
    ]


def test_a_headline_lead_in_is_no_source_and_many_of_whom_are_the_people_before():
    """ "Bombshell: …" on the headline line is a label, not a source; a name before the colon still is
    one. "…, many of whom say …" is said by the people before."""
    text = (
        "Bombshell: The Council Just Gave Varga A Whole New Reason To Worry.\n\n"
        "Families of the flood victims, many of whom say the council ignored the warnings, met the mayor.\n"
    )
    found = [(q.text, q.speaker) for q in extract_text(text, reported=True)]
    assert found == [("the council ignored the warnings", "families of the flood victims")]
    text = "Brandt: Don't Trust the Pumps\n\nRoger Brandt, who built the pumps, said on Monday that they would fail.\n"
    assert [q.speaker for q in extract_text(text, reported=True)] == ["Roger Brandt", "Roger Brandt"]


def test_a_bare_many_is_the_people_the_sentence_began_with():
    """ "Farmers in the valley reacted …, but many said …": the farmers said it, not "many"."""
    text = "Farmers in the valley reacted with relief on Thursday, but many said the trial came too late for the crop."
    assert [q.speaker for q in extract_text(text, reported=True)] == ["farmers in the valley"]


def test_an_unnamed_some_is_nobody_cited_before():
    """ "an aggressive - some say unrealistic - pledge": "some" stays as written, never the body or
    person cited as the latest source."""
    text = (
        "Back when it signed the trade pact, Norland pledged that it would lift the limits on trucks.\n\n"
        "Mr. Varga leaves a legacy: a raft of rules that promise to transform the economy, and an "
        "aggressive - some say unrealistic - pledge to cut emissions 80 percent by 2050.\n"
    )
    speakers = [(q.speaker, q.mention) for q in extract_text(text, reported=True)]
    assert speakers == [("Norland", "Norland"), ("some", "some")]


def test_a_heading_lead_in_with_a_preposition_is_no_source():
    """ "Storm Over Harbour: …" on the headline line is a title's phrase; "Brandt: …" is a source."""
    text = (
        "Storm Over Harbour: Varga Was Taken to Clinic But Kept Out of Sight.\n\n"
        "The Daily Herald reports that Anna Varga was taken to a clinic on Sunday.\n\n"
        "Brandt: The plan is dead and buried.\n"
    )
    speakers = [q.speaker for q in extract_text(text, reported=True)]
    assert speakers == ["Daily Herald", "Brandt"]


def test_a_body_run_into_a_known_surname_gives_the_person():
    """ "… the editorial board of the Daily Herald Varga said …": the tagger runs the paper and the
    surname into one body for want of a comma; Varga said it."""
    text = (
        "Anna Varga is running for the chamber. In a March meeting with the editorial board of the Daily "
        "Herald Varga said that the country's role in the alliance may need to be cut.\n"
    )
    assert [q.speaker for q in extract_text(text, reported=True)] == ["Anna Varga"]


def test_a_name_garbled_by_a_wrong_decoding_is_given_as_written_by_its_owner():
    """UTF-8 read as Windows-1252 (twice) before the article reached us: the speaker list shows the name,
    the text and offsets stay the file's."""
    garbled = "François Kastren".encode().decode("cp1252").encode().decode("cp1252")
    text = f"“We will not sign,” {garbled} said on Monday.\n"
    (q,) = extract_text(text)
    assert q.speaker == "François Kastren"
    assert text[q.start : q.end] == q.text == "We will not sign,"
    # the same letters taken apart into combining marks, as some archives store them
    assert _decoded(unicodedata.normalize("NFD", garbled)) == "François Kastren"
    assert _decoded("José Orvel") == "José Orvel" and _decoded("Łukasz Brandt") == "Łukasz Brandt"


def test_a_speaker_named_as_a_body_is_no_person():
    """The entity says what a name is: a company or a country speaks as a body, a person as a person, a
    description is neither (the grouping reads it from its words)."""
    text = (
        "Norland Freight said on Tuesday that it would pay the fine in full.\n\n"
        "“We regret the delay,” Anna Varga said. “We will answer in court,” North Korea said in a statement.\n\n"
        "“This is over,” said the ministry spokesman.\n"
    )
    kinds = {q.speaker: q.speaker_kind for q in extract_text(text, reported=True)}
    assert kinds == {
        "Norland Freight": "body",
        "Anna Varga": "person",
        "North Korea": "body",
        "the ministry spokesman": None,
    }


def test_a_description_in_lower_case_keeps_the_article_it_is_written_with():
    """ "The bank said" gives "the bank", not a speaker called "bank"; every record of that source in the
    article says it the same way, and one the article writes without "the" stays as written."""
    text = (
        "The bank said that it had fired the staff involved. According to the data, fees rose by 40 percent"
        " in a year. The bank added that the fines would be paid.\n\n"
        "Officials said the staff would not be charged. The Norland government said it would appeal. Later"
        " the Norland senator acknowledged that the vote was close.\n"
    )
    got = [(q.speaker, q.speaker_kind) for q in extract_text(text, reported=True)]
    assert got == [
        ("the bank", None),
        ("the data", None),
        ("the bank", None),
        ("officials", None),
        ("Norland government", "body"),
        ("Norland senator", None),  # a description naming no one is no body, whatever its capitals
    ]


def test_an_update_or_correction_notice_is_nobody_s_statement():
    """ "UPDATED: …", "Correction: …" above or below a story are the newsroom's notices, not a source."""
    text = (
        "Ferry fine upheld\n\nUPDATED: This story was corrected to fix the spelling of a name.\n\n"
        "Anna Varga said the fine would be paid.\n\nCorrection: An earlier version misstated the fine.\n\n"
        "Brandt: The plan is dead and buried.\n"
    )
    assert [q.speaker for q in extract_text(text, reported=True)] == ["Anna Varga", "Brandt"]


def test_they_is_never_a_description_that_names_no_one():
    """ "…,” the first noted." names nobody; a later "they said" is not given to a body called "first"."""
    text = (
        "Ilse Varga met Tobias Wren in Orvel in March.\n\n“We will meet the heads of the two harbours first, and "
        "only then speak out,” the first noted.\n\nThe talks went on for a week.\n\nEven in Norland they said they "
        "were disappointed with the results of the talks.\n"
    )
    speakers = [q.speaker for q in extract_text(text, reported=True) if q.kind == "indirect"]
    assert speakers and "first" not in speakers


def test_a_quote_signed_on_the_next_line_with_a_dash_is_the_signer_s():
    """A quote alone on its line and then a line that is only "- Name." (how columns sign a quoted
    remark) is that person's, not the speaker of the quote before; a list item is no signature."""
    text = (
        "Harbour plan stalls\n\nThe harbour board met on Monday. Its chairwoman, Ilse Varga, defended the plan.\n\n"
        "“The pier will not close,” said Anton Brandt, the mayor.\n\n"
        "“I never said we made a mistake with the pier.”\n\n- Varga.\n\n"
        "“We will keep the ferry running.”\n\n- Lower Fares\n"
    )
    quotes = extract_text(text)
    signed = next(q for q in quotes if q.text.startswith("I never said"))
    assert signed.speaker == "Ilse Varga" and signed.mention == "Varga", signed.reason
    assert text[signed.speaker_start : signed.speaker_end] == "Varga"
    listed = next(q for q in quotes if q.text.startswith("We will keep"))
    assert listed.speaker != "Lower Fares", listed.reason


def test_went_on_is_a_cue():
    """ "Roe went on: “…”" carries on speaking: the quote is Roe's, with the cue shown."""
    text = (
        "Harbour plan stalls\n\nThe board met on Monday.\n\n"
        "“The plan is sound,” said Ilse Varga, the chairwoman. Anton Brandt disagreed.\n\n"
        "Varga went on: “It is like a leaking roof. You fix it or you move.”\n"
    )
    roof = next(q for q in extract_text(text) if q.text.startswith("It is like"))
    assert roof.speaker == "Ilse Varga" and roof.cue == "Varga went on", roof.reason


def test_a_lone_surname_the_tagger_calls_a_body_is_a_person_once_he_or_she_follows():
    """ "Holloway said" with "Holloway" tagged as an organisation, then "he said": he is Holloway, and
    Holloway is a person in every record (the grouping across articles weighs the kind)."""
    text = (
        "Harbour plan stalls\n\nThe board met on Monday in Orvel.\n\n"
        "“The plan is a disgrace,” Holloway said. “We will fight it.”\n\n"
        "Holloway spoke next. “The pier is sound,” he said.\n"
    )
    quotes = extract_text(text)
    assert [q.speaker for q in quotes] == ["Holloway"] * 3, [q.reason for q in quotes]
    assert {q.speaker_kind for q in quotes} == {"person"}


def test_a_signature_line_may_follow_at_once_and_carry_a_place_and_shows_its_own_dash():
    """A letters page: "- Name." on the very next line, "— Name, Place", "-- Name, description"; the
    cue shows the dash the article wrote. A run of dashed items under a quote is a list, no signature."""
    text = (
        "Letters page\n\n“The harbour board has failed every family on the east quay.”\n- Margit Holloway.\n\n"
        "“The ferry must run on Sundays.”\n\n— Tomas Brandt, Eastport\n\n"
        "“Fix the lights first.”\n\n-- Ilse Wren, harbour resident\n\n"
        "What we want:\n\n“Better roads and cheaper tickets for all of us.”\n- Lower Fares\n- New Ferries\n"
    )
    got = {q.text[:12]: (q.speaker, q.cue) for q in extract_text(text)}
    assert got["The harbour "] == ("Margit Holloway", "- Margit Holloway")
    assert got["The ferry mu"] == ("Tomas Brandt", "— Tomas Brandt")
    assert got["Fix the ligh"] == ("Ilse Wren", "-- Ilse Wren")
    assert got["Better roads"][0] != "Lower Fares"


def test_a_person_named_by_their_age_is_the_latest_person_named():
    """ "…,” said the 46-year-old." is the person the article has just named (not the last one quoted),
    with the cue shown; the same in reported speech."""
    text = (
        "Harbour plan stalls\n\nIlse Varga, a fisherwoman from Orvel, spoke first. “We were promised a wall,” "
        "she said.\n\nTobias Brandt runs the ferry. “It never came,” said the 52-year-old.\n\n"
        "Anna Wren has lived by the pier for decades. The 81-year-old said the pier had never flooded.\n"
    )
    records = extract_text(text, reported=True)
    came = next(q for q in records if q.text.startswith("It never came"))
    assert came.speaker == "Tobias Brandt" and came.cue == "said the 52-year-old", came.reason
    assert came.mention == "the 52-year-old" and came.confidence >= 0.7
    flooded = next(q for q in records if q.kind == "indirect" and "flooded" in q.text)
    assert flooded.speaker == "Anna Wren", flooded.reason
    # the parser may read "68-year-old" as "year" compounding "old", and the tagger the name as a body
    told = extract_text(
        "Eleanor Hargrove spoke in Dunmore on Monday.\n\n"
        '"I didn\'t plan on doing this again," the 68-year-old told a crowd of about 300.\n'
    )
    assert [(q.speaker, q.cue) for q in told] == [("Eleanor Hargrove", "the 68-year-old told")], told[0].reason
    # a name in passing after the subject ("… a clash with Rep. Curtis Bolling") is not who the age means
    told = extract_text(
        "Former Gov. Eleanor Hargrove announced Monday that she would run, setting up a primary clash with Rep."
        " Curtis Bolling, who entered the race in March.\n\n"
        "The former governor, who served two terms, made the announcement in a school gymnasium.\n\n"
        '"I didn\'t plan on doing this again," the 68-year-old told a crowd of about 300.\n'
    )
    assert [q.speaker for q in told if q.kind == "direct"] == ["Eleanor Hargrove"], told[-1].reason
    # a company named as a subject in between is no 68-year-old, and stays a body
    told = extract_text(
        "Eleanor Hargrove spoke first at the meeting on Tuesday. Harbor Freight Lines then said it would appeal.\n\n"
        "“We were never told,” the 68-year-old told a crowd outside.\n",
        reported=True,
    )
    assert [(q.speaker, q.speaker_kind) for q in told] == [
        ("Harbor Freight Lines", "body"),
        ("Eleanor Hargrove", "person"),
    ]


def test_a_cue_verb_opening_its_sentence_before_a_name_and_a_colon_is_that_person_s():
    """ "Continued Holloway: “…”" and "Added the mayor: “…”": an inverted cue the parser reads as a name
    with an adjective still gives the quote to the name (resolved as any other mention)."""
    text = (
        "Harbour plan stalls\n\nOskar Holloway spoke for an hour at the meeting in Orvel.\n\n"
        "Continued Holloway: “The council has never once asked us.”\n\n"
        "The mayor of Orvel, Anna Varga, closed the meeting.\n\n"
        "Added the mayor: “Nobody will lose their home.”\n"
    )
    asked, home = extract_text(text)
    assert asked.speaker == "Oskar Holloway" and asked.cue == "Continued Holloway", asked.reason
    assert home.speaker == "Anna Varga" and home.cue == "Added the mayor", home.reason


def test_a_line_that_opens_with_a_name_and_a_colon_gives_the_quote_to_that_name():
    """A transcript's turn in an article ("Calloway: “…”") is the named person's, resolved as any other
    mention; a colon after a clause with a name inside it is no such turn."""
    text = (
        "Strike talks\n\nThe union met on Friday. Sanna Calloway, its leader, spoke briefly.\n\n"
        "Calloway: “We strike on Friday.”\n\n"
        "Harbour master Ivo Marsh: “The pier stays open.”\n\n"
        "The notice from Brandt read: “Closed for repairs.”\n"
    )
    strike, pier, notice = extract_text(text)
    assert (strike.speaker, strike.cue) == ("Sanna Calloway", ":"), strike.reason
    assert (pier.speaker, pier.cue) == ("Ivo Marsh", ":"), pier.reason
    assert notice.cue != ":"
