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
    db.execute("DELETE FROM meta WHERE key = ?", [store.LAST_QUOTE_ID])
    db.execute("UPDATE meta SET value = '13' WHERE key = 'schema_version'")
    db.conn.commit()
    db.close()
    db = store.open_db(path)
    assert store.schema_version(db) == 14
    with store.transaction(db):
        db.execute("DELETE FROM quotes WHERE id = 3")
        assert list(store.fresh_quote_ids(db, 2)) == [4, 5]
