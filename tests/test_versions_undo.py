"""Undo after an article's file was edited on disk and imported again (a new version), and the file's
earlier text put back: the decision id a person was given keeps working, a dismissed quote comes back at
its place in the current text and stays back, and the text on disk is the one shown."""

import json
import shutil

import pytest

from quotecheck import cli
from quotecheck.library import Library, LibraryError

ORVEL = """Orvel port strike enters second week

Dockworkers at the port of Orvel stayed off the job on Monday.

Union leader Mira Orvel said that the strike would continue until wages rose.

"We will not go back for promises," Orvel said.

According to port director Jan Holloway, the port loses 2 million euros a day.

The talks will resume on Friday, a ministry spokesman said.

The harbour master, Piet Brandt, said the ships were waiting outside.
"""

GAZETTE = """Strike talks set for Friday

M. Orvel said the strike would go on until wages rose.

"We will not go back for promises," said Mira Orvel.

Holloway said the port was losing 2 million euros every day.
"""

ADDED = "Ships queued in the bay as the dispute dragged on, with no sign of a deal before the weekend.\n\n"
NEWER = ORVEL.replace("Dockworkers", ADDED + "Dockworkers", 1)

WAGES = "that the strike would continue until wages rose"
PROMISES = "We will not go back for promises,"
SHIPS = "the ships were waiting outside"
EUROS = "the port loses 2 million euros a day"


def run(capsys, *args) -> tuple[int, str, str]:
    rc = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


def orvel_quote(lib: Library, words: str):
    article = lib.find_article("orvel.txt")
    found = [q for q in map(lib.quote, lib.quote_ids()) if q.article_id == article and q.text == words]
    return found[0] if found else None


def speaker_names(lib: Library) -> dict[str, bool]:
    return {s.name: s.hidden for s in lib.speakers()}


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """Two articles imported, then the tester's decisions: dismiss, hide, split, verdict + note, a speaker
    correction and a confirmation; returns the project file and the decision ids by name."""
    folder = tmp_path_factory.mktemp("versions_undo")
    (folder / "articles").mkdir()
    (folder / "articles" / "orvel.txt").write_text(ORVEL)
    (folder / "articles" / "gazette.txt").write_text(GAZETTE)
    project = folder / "reviewed.qcproj"
    ids = {}
    with Library(project) as lib:
        lib.ingest([folder / "articles"])
        [ids["dismiss"]] = lib.dismiss_quotes([orvel_quote(lib, PROMISES).id])
        [ids["hide"]] = lib.hide_speakers(["a ministry spokesman"])
        ids["split"] = lib.split_speaker("Mira Orvel", "M. Orvel")
        ids["verdict"], ids["note"] = lib.review(orvel_quote(lib, WAGES).id, verdict="misquoted", note="line one")
        [ids["speaker"]] = lib.review(orvel_quote(lib, SHIPS).id, speaker="Pieter Brandt")
        [ids["confirm"]] = lib.review(orvel_quote(lib, EUROS).id, confirm=True)
        assert orvel_quote(lib, PROMISES) is None
    return project, folder / "articles" / "orvel.txt", ids


@pytest.fixture
def case(reviewed, tmp_path):
    """A copy of the reviewed project (its article files in place, with their first text)."""
    project, orvel, ids = reviewed
    copy = tmp_path / "case.qcproj"
    shutil.copy(project, copy)
    orvel.write_text(ORVEL)
    return copy, orvel, ids


def new_version(capsys, project, orvel, text=NEWER) -> str:
    orvel.write_text(text)
    rc, _, err = run(capsys, "ingest", project, orvel)
    assert rc == 0 and "1 article updated: new version" in err, err
    return err


def test_undo_after_a_new_version_takes_back_the_decision_by_the_id_the_person_was_given(case, capsys):
    project, orvel, ids = case
    new_version(capsys, project, orvel)
    with Library(project) as lib:
        assert len(lib.decisions()) == 7  # moved to the new text, not copied under ids never shown
        wages = orvel_quote(lib, WAGES)
        assert ORVEL.index(WAGES) != wages.start and (wages.verdict, wages.note) == ("misquoted", "line one")
        assert orvel_quote(lib, SHIPS).reviewed_speaker == "Pieter Brandt"
        assert orvel_quote(lib, EUROS).confirmed

    for kind in ("verdict", "note", "speaker", "confirm", "hide", "split"):
        rc, _, err = run(capsys, "undo", project, ids[kind])
        assert rc == 0 and f"undone: decision {ids[kind]}" in err
    with Library(project) as lib:
        wages = orvel_quote(lib, WAGES)
        assert (wages.verdict, wages.note) == (None, None)
        ships = orvel_quote(lib, SHIPS)
        assert ships.reviewed_speaker is None and ships.speaker == "Piet Brandt"
        assert not orvel_quote(lib, EUROS).confirmed
        names = speaker_names(lib)
        assert names["a ministry spokesman"] is False and "M. Orvel" not in names
        assert [d.id for d in lib.decisions()] == [ids["dismiss"]]
        assert len(lib.decisions(active_only=False)) == 7
    rc, _, err = run(capsys, "reextract", project)  # nothing undone comes back
    with Library(project) as lib:
        assert orvel_quote(lib, WAGES).verdict is None and orvel_quote(lib, SHIPS).reviewed_speaker is None


def test_a_dismissal_undone_after_a_new_version_brings_the_quote_back_at_its_place_in_the_new_text(case, capsys):
    project, orvel, ids = case
    new_version(capsys, project, orvel)
    rc, _, err = run(capsys, "undo", project, ids["dismiss"])
    assert rc == 0 and f"undone: decision {ids['dismiss']}" in err
    with Library(project) as lib:
        back = orvel_quote(lib, PROMISES)
        assert back is not None and (back.start, back.end) == (NEWER.index(PROMISES), NEWER.index(PROMISES) + 33)
        assert lib.article(back.article_id).text[back.start : back.end] == PROMISES
        assert lib.decisions(active_only=False)[0].active is False and len(lib.decisions(active_only=False)) == 7
    rc, _, err = run(capsys, "reextract", project)
    assert rc == 0 and "0 gone" in err, err  # the dismissal has no copy left in force to remove it again
    with Library(project) as lib:
        assert orvel_quote(lib, PROMISES) is not None


def test_undo_of_a_decision_whose_quote_the_new_version_lacks_is_refused_and_changes_nothing(case, capsys):
    project, orvel, ids = case
    without_ships = NEWER.replace("The harbour master, Piet Brandt, said the ships were waiting outside.\n", "")
    err = new_version(capsys, project, orvel, without_ships)
    assert "1 review decision(s) stay with the old text" in err
    with Library(project) as lib:  # not moved onto the quote an edit above brought to its old place
        assert [q.reviewed_speaker for q in map(lib.quote, lib.quote_ids())] == [None] * len(lib.quote_ids())
    rc, _, err = run(capsys, "undo", project, ids["speaker"])
    assert rc == 1 and "undone: decision" not in err
    [line] = err.strip().splitlines()
    assert line.startswith(f"error: decision {ids['speaker']} was made on an earlier text of")
    assert "nothing was undone" in line
    with Library(project) as lib:
        assert ids["speaker"] in {d.id for d in lib.decisions()}
        with pytest.raises(LibraryError):  # several at once: none undone when one cannot be
            lib.set_decisions_active([ids["verdict"], ids["speaker"]], False)
        assert orvel_quote(lib, WAGES).verdict == "misquoted"
        assert len(lib.decisions()) == 7
    new_version(capsys, project, orvel, ORVEL)  # the text it was made on back on disk: in force there again
    with Library(project) as lib:
        assert orvel_quote(lib, SHIPS).reviewed_speaker == "Pieter Brandt"
    rc, _, err = run(capsys, "undo", project, ids["speaker"])
    assert rc == 0
    with Library(project) as lib:
        assert orvel_quote(lib, SHIPS).reviewed_speaker is None


def test_a_decision_undone_before_a_new_version_stays_undone_and_can_be_redone_on_the_new_text(case, capsys):
    project, orvel, ids = case
    assert run(capsys, "undo", project, ids["verdict"])[0] == 0
    new_version(capsys, project, orvel)
    with Library(project) as lib:
        assert orvel_quote(lib, WAGES).verdict is None  # a re-import never undoes an undo
        lib.set_decisions_active([ids["verdict"]], True)  # redo (Ctrl+Shift+Z in the window)
        assert orvel_quote(lib, WAGES).verdict == "misquoted"
        assert len(lib.decisions(active_only=False)) == 7


def test_the_files_earlier_text_put_back_on_disk_is_the_current_version_again(case, capsys, tmp_path):
    project, orvel, ids = case
    new_version(capsys, project, orvel)
    assert run(capsys, "review", project, orvel_quote_id(project, EUROS), "--note", "on the new text")[0] == 0
    err = new_version(capsys, project, orvel, ORVEL)  # the added paragraph removed again
    assert "already in the project" not in err
    with Library(project) as lib:
        article = lib.find_article("orvel.txt")
        assert (
            lib.article(article).text.startswith(ORVEL.split("\n")[0])
            and ADDED.strip() not in lib.article(article).text
        )
        wages = orvel_quote(lib, WAGES)
        assert wages.start == ORVEL.index(WAGES) and (wages.verdict, wages.note) == ("misquoted", "line one")
        assert orvel_quote(lib, EUROS).note == "on the new text"  # decisions made on the newer text come too
        assert orvel_quote(lib, PROMISES) is None
        assert len(lib.decisions()) == 8
        versions = [
            r["version"] for r in lib.db.query("SELECT version FROM article_versions WHERE article_id = ?", [article])
        ]
        assert sorted(versions) == [1, 2]
    assert run(capsys, "undo", project, ids["verdict"])[0] == 0
    with Library(project) as lib:
        assert orvel_quote(lib, WAGES).verdict is None
    other = tmp_path / "copy_of_orvel.txt"  # the same text from another file is still no new article
    other.write_text(NEWER)
    rc, _, err = run(capsys, "ingest", project, other)
    assert rc == 0 and "1 already there" in err, err
    rc, _, err = run(capsys, "ingest", project, orvel)
    assert rc == 0 and "1 already there" in err, err


def orvel_quote_id(project, words: str) -> int:
    with Library(project) as lib:
        return orvel_quote(lib, words).id


def test_undo_of_a_dismissal_kept_with_an_earlier_texts_offsets_puts_the_quote_where_its_words_are(case, capsys):
    """A project whose dismissal keeps the quote row of an earlier text (copied onto a new version by an
    older quotecheck): its undo must not bring the quote back over other words."""
    project, orvel, ids = case
    new_version(capsys, project, orvel)
    with Library(project) as lib:
        value = json.loads(lib.db.execute("SELECT value FROM decisions WHERE id = ?", [ids["dismiss"]]).fetchone()[0])
        at = NEWER.index(PROMISES)
        value["quote"].update(start=ORVEL.index(PROMISES), end=ORVEL.index(PROMISES) + len(PROMISES))
        lib.db.execute("UPDATE decisions SET value = ? WHERE id = ?", [json.dumps(value), ids["dismiss"]])
        lib.db.conn.commit()
    assert run(capsys, "undo", project, ids["dismiss"])[0] == 0
    with Library(project) as lib:
        back = orvel_quote(lib, PROMISES)
        assert back is not None and back.start == at


def test_metadata_changed_beside_an_unchanged_text_is_taken_on_reimport_keeping_every_decision(case, capsys):
    """A sidecar added, then edited, next to an article whose text did not change: the metadata is
    updated in one line, not skipped as "already in the project"; decisions and the article stay one."""
    project, orvel, ids = case
    sidecar = orvel.with_name("orvel.txt.meta.json")
    sidecar.write_text(
        json.dumps({"outlet": "Orvel Courier", "date": "2025-03-01", "url": "https://courier.example/s"})
    )
    rc, _, err = run(capsys, "ingest", project, orvel)
    assert rc == 0, err
    [line] = [x for x in err.splitlines() if x.startswith("updated metadata")]
    assert line.startswith("updated metadata of ") and "orvel.txt: " in line
    assert "outlet '' → 'Orvel Courier'" in line and "date '' → '2025-03-01'" in line
    assert "already in the project" not in err and "1 with new metadata" in err
    with Library(project) as lib:
        assert len(lib.articles()) == 2 and len(lib.decisions()) == 7
        meta = lib.article(lib.find_article("orvel.txt")).meta
        assert (meta.outlet, meta.date, meta.url) == ("Orvel Courier", "2025-03-01", "https://courier.example/s")
        wages = orvel_quote(lib, WAGES)
        assert (wages.verdict, wages.note, wages.outlet) == ("misquoted", "line one", "Orvel Courier")
        assert orvel_quote(lib, PROMISES) is None  # still dismissed
    rc, _, err = run(capsys, "ingest", project, orvel)  # same text, same metadata: nothing to do
    assert rc == 0 and "skipped (already in the project)" in err and "updated metadata" not in err

    assert run(capsys, "set-meta", project, "orvel.txt", "--outlet", "Holloway Weekly")[0] == 0
    sidecar.write_text(json.dumps({"outlet": "Orvel Times", "date": "2025-03-04"}))
    rc, _, err = run(capsys, "ingest", project, orvel.parent)  # the folder: the same rule
    assert rc == 0, err
    [line] = [x for x in err.splitlines() if x.startswith("updated metadata")]
    assert "date '2025-03-01' → '2025-03-04'" in line and "url 'https://courier.example/s' → ''" in line
    assert "kept as you set them: outlet 'Holloway Weekly' (file: 'Orvel Times')" in line
    with Library(project) as lib:
        meta = lib.article(lib.find_article("orvel.txt")).meta
        assert (meta.outlet, meta.date, meta.url) == ("Holloway Weekly", "2025-03-04", None)
        assert len(lib.articles()) == 2 and len(lib.decisions()) == 7


def test_front_matter_edited_with_the_text_follows_the_file_but_for_fields_set_by_hand(tmp_path, capsys):
    story = tmp_path / "varga.md"
    body = 'Varga opens the ferry line\n\n"The ferry will carry 300 people a day," said Mayor Ilse Varga.\n'
    story.write_text(f"---\ntitle: Ferry line\noutlet: Brandt Post\nauthor: Lena Orvel\ndate: 2025-05-02\n---\n{body}")
    project = tmp_path / "p.qcproj"
    assert run(capsys, "ingest", project, story)[0] == 0
    assert run(capsys, "set-meta", project, "varga.md", "--author", "Lena Orvel-Brandt")[0] == 0
    story.write_text(
        f"---\ntitle: Ferry line opens\noutlet: Brandt Post\nauthor: L. Orvel\ndate: 2025-05-03\n---\n{body}"
    )
    rc, _, err = run(capsys, "ingest", project, story)
    assert rc == 0 and "updated metadata of" in err and "title 'Ferry line' → 'Ferry line opens'" in err
    with Library(project) as lib:
        [row] = lib.articles()
        assert (row.meta.title, row.meta.date, row.meta.author) == (
            "Ferry line opens",
            "2025-05-03",
            "Lena Orvel-Brandt",
        )
    story.write_text(
        f"---\ntitle: Ferry line opens\noutlet: Brandt Post\nauthor: L. Orvel\ndate: 2025-05-03\n---\n{body}X\n"
    )
    rc, _, err = run(capsys, "ingest", project, story)  # a new version: the same rule for its metadata
    assert rc == 0 and "new version" in err
    with Library(project) as lib:
        [row] = lib.articles()
        assert (row.meta.title, row.meta.author) == ("Ferry line opens", "Lena Orvel-Brandt")


def test_an_article_stored_before_hand_set_fields_were_recorded_keeps_its_filled_fields(case, capsys):
    """Schema 11 and earlier kept no record of set-meta: a filled field may be a person's, so it stays."""
    project, orvel, ids = case
    assert run(capsys, "set-meta", project, "orvel.txt", "--outlet", "Brandt Post")[0] == 0
    with Library(project) as lib:
        lib.db.execute("UPDATE articles SET meta_by_hand = NULL")
        lib.db.conn.commit()
    orvel.with_name("orvel.meta.json").write_text(json.dumps({"outlet": "Orvel Times", "date": "2025-03-04"}))
    rc, _, err = run(capsys, "ingest", project, orvel)
    assert rc == 0 and "date '' → '2025-03-04'" in err and "outlet" not in err.split("updated metadata")[1]
    with Library(project) as lib:
        meta = lib.article(lib.find_article("orvel.txt")).meta
        assert (meta.outlet, meta.date) == ("Brandt Post", "2025-03-04")


REWORDED = ORVEL.replace("until wages rose.", "until wages rose by 9 percent.")
WAGES_NOW = "that the strike would continue until wages rose by 9 percent"


def test_a_verdict_carried_to_a_quote_whose_words_changed_is_kept_marked_and_said(case, capsys):
    project, orvel, ids = case
    with Library(project) as lib:
        judged = orvel_quote(lib, WAGES).id
    err = new_version(capsys, project, orvel, REWORDED)
    with Library(project) as lib:
        wages = orvel_quote(lib, WAGES_NOW)
        assert (wages.verdict, wages.note, wages.wording_was) == ("misquoted", "line one", WAGES)
        assert orvel_quote(lib, EUROS).wording_was is None and orvel_quote(lib, EUROS).confirmed
    [line] = [x for x in err.splitlines() if x.startswith("check: ")]
    assert (
        f"orvel.txt: quote {wages.id} (was {judged}) now reads “{WAGES_NOW}”" in line and "and note were given" in line
    )
    assert f"your verdict 'misquoted' and note were given on “{WAGES}”" in line
    rc, out, _ = run(capsys, "quotes", project, "--quote", wages.id)
    assert rc == 0 and f"[wording changed since your verdict and note: was “{WAGES}”]" in out
    rc, out, _ = run(capsys, "quotes", project, "--quote", wages.id, "--json")
    assert json.loads(out)["wording_was"] == WAGES

    rc, _, err = run(capsys, "reextract", project)  # said once, marked until the person looks again
    assert rc == 0 and "check:" not in err
    rc, _, err = run(capsys, "ingest", project, orvel)
    assert rc == 0 and "check:" not in err
    rc, _, err = run(capsys, "review", project, wages.id, "--verdict", "verified")
    assert rc == 0 and "wording changed since your note" in err  # the note still stands on the old words
    rc, _, err = run(capsys, "review", project, wages.id, "--note", "checked the new figure")
    assert rc == 0 and "wording changed" not in err
    with Library(project) as lib:
        assert orvel_quote(lib, WAGES_NOW).wording_was is None
    rc, _, err = run(capsys, "undo", project, ids["verdict"])  # an undone decision marks nothing either
    assert rc == 0
    with Library(project) as lib:
        assert orvel_quote(lib, WAGES_NOW).wording_was is None


def claims(project, capsys) -> tuple[list[str], str]:
    """The claims a ClaimReview export publishes, and what it says; with none it writes nothing, exit 1."""
    rc, out, err = run(capsys, "export", project, "--format", "claimreview")
    if rc == 1 and not out:
        return [], err
    assert rc == 0, err
    return [r["claimReviewed"] for r in json.loads(out)], err


def test_a_verdict_given_on_earlier_words_is_not_published_in_claimreview_until_given_again(case, capsys):
    """ClaimReview is read as the rating of the words it names: a verdict on words the article no longer
    has is left out (and said), while the JSON export keeps it with the words it was given on."""
    project, orvel, ids = case
    assert claims(project, capsys)[0] == [WAGES.removeprefix("that ")]  # reported speech: the claim
    new_version(capsys, project, orvel, REWORDED)
    published, err = claims(project, capsys)
    assert published == []
    with Library(project) as lib:
        wages = orvel_quote(lib, WAGES_NOW)
    [line] = err.strip().splitlines()
    assert line == (
        "error: nothing to publish in ClaimReview: 1 verdict(s) left out: given on earlier words than the quote"
        f" has now (quote {wages.id} “that the strike would continue until…”);"
        " give the verdict again to publish it; nothing exported"
    )
    rc, out, _ = run(capsys, "export", project, "--format", "json", "--quote", wages.id)
    [entry] = json.loads(out)
    assert (entry["verdict"], entry["verdict_given_on"]) == ("misquoted", WAGES)

    assert run(capsys, "review", project, wages.id, "--note", "checked the new figure")[0] == 0
    assert claims(project, capsys)[0] == []  # a new note says nothing of the verdict's words
    assert run(capsys, "review", project, wages.id, "--verdict", "misquoted")[0] == 0
    assert claims(project, capsys) == ([WAGES_NOW.removeprefix("that ")], "")


WIRE = (
    "Ferry fares to rise in April\n\n"
    '"The cost of fuel has doubled since last spring, and we cannot carry that alone," harbour chair'
    " Anna Wren said.\n"
)


def test_the_same_wire_story_from_several_outlets_is_an_article_of_each(tmp_path, capsys):
    """Syndicated copy: one text, several outlets. Each file whose outlet, date or URL differ is an article
    of its own (the first appearance is the earliest outlet's); the same file again, or the same text with
    the same publication from another file, adds nothing, and a copy's file edited still updates it."""

    def wire(name: str, outlet: str, date: str, body: str = WIRE):
        path = tmp_path / name
        path.write_text(f"---\noutlet: {outlet}\ndate: {date}\n---\n\n{body}")
        return path

    project = tmp_path / "p.qcproj"
    marsh = wire("marsh.md", "Marsh Gazette", "2026-03-06")
    calloway = wire("calloway.md", "Calloway Post", "2026-03-09")
    roe = wire("roe.md", "Roe Courier", "2026-03-02")
    rc, _, err = run(capsys, "ingest", project, marsh, calloway)
    assert rc == 0 and "2 articles added" in err, err
    rc, _, err = run(capsys, "ingest", project, roe)
    assert rc == 0 and "1 article added" in err and "already in the project" not in err, err
    with Library(project) as lib:
        assert sorted(a.meta.outlet for a in lib.articles()) == ["Calloway Post", "Marsh Gazette", "Roe Courier"]
    rc, out, _ = run(capsys, "flags", project)
    assert "First appearance of this statement: Roe Courier 2026-03-02" in out, out

    rc, _, err = run(capsys, "ingest", project, marsh, calloway, roe)  # the same files again
    assert rc == 0 and "3 already there" in err and "updated metadata" not in err, err
    again = wire("calloway_copy.md", "Calloway Post", "2026-03-09")  # same text, same publication
    rc, _, err = run(capsys, "ingest", project, again)
    assert rc == 0 and "skipped (already in the project)" in err, err
    wire("calloway.md", "Calloway Post", "2026-03-10")  # a copy's front matter edited: its metadata
    rc, _, err = run(capsys, "ingest", project, calloway)
    assert rc == 0 and "date '2026-03-09' → '2026-03-10'" in err and "0 articles added" in err, err
    wire("calloway.md", "Calloway Post", "2026-03-10", WIRE.replace("doubled", "tripled"))  # its text edited
    rc, _, err = run(capsys, "ingest", project, calloway)
    assert rc == 0 and "new version" in err, err
    with Library(project) as lib:
        assert len(lib.articles()) == 3


def test_a_verdict_goes_with_its_quote_whose_figure_changed_below_a_quote_added_above(case, capsys):
    """An edit that adds a quote above and changes a figure inside the judged quote: the verdict follows
    the changed quote (said in one check: line, with its number then), not stay behind with the old text."""
    project, orvel, ids = case
    with Library(project) as lib:
        judged = orvel_quote(lib, EUROS).id
        lib.review(judged, verdict="misquoted")
    added = '"Nobody on this quay wants a long strike," said dock steward Ela Marsh.\n\n'
    edited = ORVEL.replace("Dockworkers", added + "Dockworkers", 1).replace("2 million", "3 million")
    err = new_version(capsys, project, orvel, edited)
    now = EUROS.replace("2 million", "3 million")
    with Library(project) as lib:
        euros = orvel_quote(lib, now)
        assert (euros.verdict, euros.wording_was, euros.confirmed) == ("misquoted", EUROS, True)
        assert [q.verdict for q in map(lib.quote, lib.quote_ids()) if "Nobody" in q.text] == [None]
    [line] = [x for x in err.splitlines() if x.startswith("check: ")]
    assert f"orvel.txt: quote {euros.id} (was {judged}) now reads “{now}”" in line, line
    assert "stay with the old text" not in err, err
