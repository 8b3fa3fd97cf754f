"""A quote's number is what a person writes down ("verify quote 12"): it keeps naming the same words
through a new version of its article, and a number once given never goes to other words."""

from quotecheck import cli
from quotecheck.library import Library

PIER = """Pier story

"The pier is safe," said engineer Rolf Varga.

"Boats will run," said Ada Wren.

"The repairs are finished," said Tomas Brandt.
"""

EDITED = """Pier story

Updated 10:40.

"Boats will run," said Ada Wren.

"The pier is safe," said engineer Rolf Varga.

"We will open on Monday," said Tomas Brandt.
"""


def run(capsys, *args) -> tuple[int, str]:
    rc = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out + err


def numbers(lib: Library) -> dict[str, int]:
    return {lib.quote(i).text: i for i in lib.quote_ids()}


def test_a_quote_keeps_its_number_through_a_new_version(tmp_path, capsys):
    project, article = tmp_path / "p.qcproj", tmp_path / "pier.txt"
    article.write_text(PIER, encoding="utf-8")
    assert run(capsys, "ingest", project, article)[0] == 0
    with Library(project) as lib:
        before = numbers(lib)
    article.write_text(EDITED, encoding="utf-8")  # a line added, two paragraphs swapped, one quote new
    assert run(capsys, "ingest", project, article)[0] == 0
    with Library(project) as lib:
        after = numbers(lib)
    safe, boats = "The pier is safe,", "Boats will run,"
    assert after[safe] == before[safe] and after[boats] == before[boats]
    # the new words get a number none of the old ones had, not the dropped quote's
    assert after["We will open on Monday,"] > max(before.values())
    rc, out = run(capsys, "review", project, before[safe], "--verdict", "verified")
    assert rc == 0 and "Rolf Varga" in out


def test_a_number_is_never_given_again(tmp_path, capsys):
    project, first, second = tmp_path / "p.qcproj", tmp_path / "pier.txt", tmp_path / "ferry.txt"
    first.write_text(PIER, encoding="utf-8")
    assert run(capsys, "ingest", project, first)[0] == 0
    with Library(project) as lib:
        last = max(lib.quote_ids())
    assert run(capsys, "dismiss", project, last)[0] == 0  # the highest number goes
    second.write_text('Ferry story\n\n"The ferry is late," said Ada Wren.\n', encoding="utf-8")
    assert run(capsys, "ingest", project, second)[0] == 0
    with Library(project) as lib:
        assert numbers(lib)["The ferry is late,"] > last
    rc, out = run(capsys, "review", project, last, "--verdict", "verified")
    assert rc != 0 and f"no quote {last}" in out


def test_a_schema_13_project_numbers_new_quotes_past_its_highest(tmp_path):
    """Opening a project of schema 13 starts the mark at its highest quote: deleting that quote and
    storing another gives the new one a number of its own."""
    from quotecheck.project import store

    path = tmp_path / "old.qcproj"
    db = store.open_db(path)
    db["articles"].insert(
        {"path": "a.txt", "content_hash": "h1", "text": "x", "paragraphs": "[]", "ingested_at": "2026-01-01"}
    )
    for k in range(3):
        db["quotes"].insert({"article_id": 1, "start": k, "end": k + 1, "text": f"q{k}", "kind": "direct"})
    db.execute("DROP TRIGGER quotes_id_mark")
    db.execute("DELETE FROM meta WHERE key = ?", [store.LAST_IDS["quotes"]])
    db.execute("UPDATE meta SET value = '13' WHERE key = 'schema_version'")
    db.conn.commit()
    db.close()
    db = store.open_db(path)
    assert store.schema_version(db) == 14
    with store.transaction(db):
        db.execute("DELETE FROM quotes WHERE id = 3")
        assert list(store.fresh_ids(db, "quotes", 2)) == [4, 5]


TWICE = """Budget story

"The work will cost 12 million crowns," said Petra Varga, the city engineer.

The council met in the evening.

"The work will cost 12 million crowns," Varga repeated later at the council meeting.
"""


def test_a_decision_stays_with_its_quote_when_the_same_words_come_again(tmp_path, capsys):
    """The same words added above, said by somebody else: the note stays on the engineer's quote."""
    project, article = tmp_path / "p.qcproj", tmp_path / "budget.txt"
    article.write_text(TWICE, encoding="utf-8")
    assert run(capsys, "ingest", project, article)[0] == 0
    with Library(project) as lib:
        first = min(lib.quote_ids())
        lib.review(first, note="checked against the tape")
    rival = '"The work will cost 12 million crowns," claimed a rival bidder.\n\n'
    article.write_text(TWICE.replace("\n\n", "\n\n" + rival, 1), encoding="utf-8")
    assert run(capsys, "ingest", project, article)[0] == 0
    with Library(project) as lib:
        noted = [lib.quote(i) for i in lib.quote_ids() if lib.quote(i).note]
        assert lib.quote(first).speaker == "Petra Varga"
    assert [(q.id, q.speaker, q.note) for q in noted] == [(first, "Petra Varga", "checked against the tape")]


def test_a_removed_quote_leaves_its_decisions_behind_not_on_its_twin(tmp_path, capsys):
    """The same words twice, each with its own verdict and note; the first paragraph goes: its decisions
    stay with the old text (said by the import), the second keeps its own."""
    project, article = tmp_path / "p.qcproj", tmp_path / "budget.txt"
    article.write_text(TWICE, encoding="utf-8")
    assert run(capsys, "ingest", project, article)[0] == 0
    with Library(project) as lib:
        first, second = sorted(lib.quote_ids())
        lib.review(first, verdict="verified", note="first, at the press conference")
        lib.review(second, verdict="misquoted", note="second, at the council")
    article.write_text(TWICE.replace('"The work will cost 12 million crowns," said Petra Varga', "Petra Varga", 1))
    rc, out = run(capsys, "ingest", project, article)
    assert rc == 0 and "stay with the old text" in out
    with Library(project) as lib:
        assert lib.quote_ids() == [second]
        kept = lib.quote(second)
        assert (kept.verdict, kept.note) == ("misquoted", "second, at the council")


def test_an_article_number_is_never_given_again(tmp_path, capsys):
    """A deleted article's number does not go to the next file imported ("set-meta 1 …" from notes)."""
    project, first, second = tmp_path / "p.qcproj", tmp_path / "pier.txt", tmp_path / "ferry.txt"
    first.write_text(PIER, encoding="utf-8")
    second.write_text('Ferry story\n\n"The ferry is late," said Ada Wren.\n', encoding="utf-8")
    assert run(capsys, "ingest", project, first)[0] == 0
    with Library(project) as lib:
        (gone,) = [a.id for a in lib.articles()]
    assert run(capsys, "delete-article", project, gone)[0] == 0
    assert run(capsys, "ingest", project, second)[0] == 0
    with Library(project) as lib:
        assert [a.id for a in lib.articles()] == [gone + 1]


def test_a_check_line_names_the_number_the_person_judged_too(tmp_path, capsys):
    """A verdict carried to a quote whose words changed: the quote has a new number now (ids are never
    reused), and the line says the old one too, the number the person wrote down."""
    project, article = tmp_path / "p.qcproj", tmp_path / "dock.txt"
    said = '"The dock closes in May for the repairs," said harbour master Nils Calloway.'
    article.write_text(f'Dock story\n\n{said}\n\n"Boats will run," said Ada Wren.\n', encoding="utf-8")
    assert run(capsys, "ingest", project, article)[0] == 0
    with Library(project) as lib:
        old = numbers(lib)["The dock closes in May for the repairs,"]
    rc, _ = run(capsys, "review", project, old, "--verdict", "misquoted")
    assert rc == 0
    article.write_text(
        f'Dock story\n\n{said.replace("in May", "in late June")}\n\n"Boats will run," said Ada Wren.\n',
        encoding="utf-8",
    )
    rc, said_now = run(capsys, "ingest", project, article)
    with Library(project) as lib:
        new = numbers(lib)["The dock closes in late June for the repairs,"]
        assert lib.quote(new).verdict == "misquoted"
    assert rc == 0 and new != old
    [line] = [x for x in said_now.splitlines() if x.startswith("check: ")]
    assert f"dock.txt: quote {new} (was {old}) now reads “" in line, line
    assert "your verdict 'misquoted' was given on “" in line


def test_decisions_follow_a_quote_through_a_second_edit(tmp_path, capsys):
    """A verdict and a note follow the mayor's quote through two edits of the article, also where the first
    edit's quote marks inside it ("cost") cut the quote extracted from it short: the second edit's quote,
    whole again, holds less than half that short quote's place and shares too few of its words, but it is
    the quote in its place by the same speaker, so the decisions go to it, marked, never left behind."""
    project, article = tmp_path / "p.qcproj", tmp_path / "levy.txt"
    said = '"The levy will double the cost for fishing boats," said Mayor Ana Lind at a meeting of the council.'
    story = f"Harbour levy row deepens\n\nThe harbour levy dispute widened on Sunday.\n\n{said}\n"
    article.write_text(story, encoding="utf-8")
    assert run(capsys, "ingest", project, article)[0] == 0
    with Library(project) as lib:
        [first] = lib.quote_ids()
        lib.review(first, verdict="verified", note="checked against the tape")
    article.write_text(story.replace("double the cost", 'triple the "cost"'), encoding="utf-8")
    assert run(capsys, "ingest", project, article)[0] == 0
    with Library(project) as lib:
        [second] = lib.quote_ids()
        edited = lib.quote(second)
        assert edited.verdict == "verified"
        [misquoted] = lib.review(second, verdict="misquoted")
    article.write_text(story.replace("double the cost", "quadruple the cost"), encoding="utf-8")
    rc, out = run(capsys, "ingest", project, article)
    assert rc == 0 and "stay with the old text" not in out
    with Library(project) as lib:
        [third] = lib.quote_ids()
        row = lib.quote_rows([third])[third]
        assert row.text == "The levy will quadruple the cost for fishing boats,"
        assert (row.verdict, row.note, row.speaker) == ("misquoted", "checked against the tape", "Ana Lind")
        assert row.wording_was == edited.text  # the words the newest verdict was given on
        lib.set_decisions_active([misquoted], False)  # its undo gives back the verdict before it
        assert lib.quote(third).verdict == "verified"
    [line] = [x for x in out.splitlines() if x.startswith("check: ")]
    assert f"levy.txt: quote {third} (was {second}) now reads “The levy will quadruple" in line, line
    assert "your verdict 'misquoted' and note were given on “" in line
