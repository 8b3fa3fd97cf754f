"""The project file: schema, migrations, transactions, foreign keys and full-text search."""

import sqlite3
import threading

import pytest

from quotecheck.project import store
from quotecheck.project.query import QuoteFilter, select_ids


def add_article(db, text="Body.", content_hash="h1", **meta):
    row = {"path": "a.txt", "content_hash": content_hash, "text": text, "paragraphs": "[]", "ingested_at": "now"}
    return db["articles"].insert({**row, **meta}).last_pk


def add_quote(db, article_id, text, speaker=None, start=0, **extra):
    row = {"article_id": article_id, "start": start, "end": start + len(text), "text": text, "speaker": speaker}
    return db["quotes"].insert({**row, **extra}).last_pk


def test_new_project_has_current_schema_with_wal_and_foreign_keys(tmp_path):
    db = store.open_db(tmp_path / "p.qcproj")
    assert store.schema_version(db) == store.SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    for table in ("articles", "quotes", "speakers", "speaker_aliases", "clusters", "flags", "decisions"):
        assert table in db.table_names()
    db.close()
    again = store.open_db(tmp_path / "p.qcproj")  # reopening migrates nothing and loses nothing
    assert store.schema_version(again) == store.SCHEMA_VERSION


def test_migrations_run_in_order_each_once(monkeypatch):
    calls = []
    steps = list(store.MIGRATIONS) + [lambda db: calls.append("v2") or db["extra"].create({"x": int})]
    monkeypatch.setattr(store, "MIGRATIONS", steps)
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(steps))
    db = store.memory_db()
    assert store.schema_version(db) == len(steps) and "extra" in db.table_names()
    store.migrate(db)
    assert calls == ["v2"]


def test_failed_migration_leaves_the_project_as_it_was(monkeypatch):
    db = store.memory_db()
    version = store.schema_version(db)

    def broken(db):
        db["half_done"].create({"x": int})
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "MIGRATIONS", list(store.MIGRATIONS) + [broken])
    monkeypatch.setattr(store, "SCHEMA_VERSION", version + 1)
    with pytest.raises(RuntimeError):
        store.migrate(db)
    assert store.schema_version(db) == version
    assert "half_done" not in db.table_names()


def test_project_from_a_newer_quotecheck_is_refused(tmp_path):
    db = store.open_db(tmp_path / "p.qcproj")
    db["meta"].upsert({"key": "schema_version", "value": "999"}, pk="key")
    db.close()
    with pytest.raises(store.StoreError, match="newer"):
        store.open_db(tmp_path / "p.qcproj")


def test_a_file_that_is_not_a_project_is_refused(tmp_path):
    junk = tmp_path / "junk.qcproj"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(store.StoreError, match="not a quotecheck project"):
        store.open_db(junk)
    with pytest.raises(store.StoreError, match="no such project"):
        store.open_db(tmp_path / "missing.qcproj", create=False)


def test_transaction_rolls_back_everything_on_error():
    db = store.memory_db()
    add_article(db, content_hash="keep")
    with pytest.raises(ValueError):
        with store.transaction(db):
            article = add_article(db, content_hash="gone")
            add_quote(db, article, "half written")
            raise ValueError("crash mid-import")
    assert [r["content_hash"] for r in db["articles"].rows] == ["keep"]
    assert db["quotes"].count == 0


def test_nested_transactions_join_the_outer_one():
    db = store.memory_db()
    with pytest.raises(RuntimeError):
        with store.transaction(db):
            add_article(db, content_hash="outer")
            with store.transaction(db):
                add_article(db, content_hash="inner")
            raise RuntimeError
    assert db["articles"].count == 0


def test_a_block_without_reference_checks_has_them_again_after_it_even_when_it_fails():
    db = store.memory_db()
    article = add_article(db)
    with store.transaction(db, foreign_keys=False):
        add_quote(db, article, "a speaker written before its row", speaker_id=7)
        db["speakers"].insert({"id": 7, "name": "Wren Holloway", "kind": "person"})
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(RuntimeError):
        with store.transaction(db, foreign_keys=False):
            add_quote(db, article, "never kept", speaker_id=99)
            raise RuntimeError
    assert db["quotes"].count == 1
    with pytest.raises(sqlite3.IntegrityError):  # checked again
        add_quote(db, article, "a speaker nobody is", speaker_id=99)
    with store.transaction(db):
        with store.transaction(db, foreign_keys=False):  # inside a transaction: the outer block's checks hold
            with pytest.raises(sqlite3.IntegrityError):
                add_quote(db, article, "a speaker nobody is", speaker_id=99)


def test_a_block_joined_without_a_savepoint_is_undone_with_the_outer_one():
    db = store.memory_db()
    with pytest.raises(RuntimeError):
        with store.transaction(db):
            add_article(db, content_hash="outer")
            with store.transaction(db, savepoint=False):
                add_article(db, content_hash="inner")
                raise RuntimeError
    assert db["articles"].count == 0
    with store.transaction(db, savepoint=False):  # outermost: a transaction of its own
        add_article(db, content_hash="alone")
    assert not db.conn.in_transaction and db["articles"].count == 1


def test_same_content_hash_is_stored_once():
    db = store.memory_db()
    add_article(db, content_hash="same")
    with pytest.raises(sqlite3.IntegrityError):
        add_article(db, content_hash="same")


def test_foreign_keys_refuse_quotes_of_missing_articles():
    db = store.memory_db()
    with pytest.raises(sqlite3.IntegrityError):
        add_quote(db, 42, "orphan")


def test_full_text_search_over_quotes_by_word_prefix_and_speaker():
    db = store.memory_db()
    a = add_article(db)
    q1 = add_quote(db, a, "We will rebuild the harbour wall", speaker="Ana Lind")
    q2 = add_quote(db, a, "Nobody asked the fishermen", speaker="Mara Voss", start=40)
    assert select_ids(db, QuoteFilter(search="harb*")) == [q1]  # a prefix only when asked for
    assert select_ids(db, QuoteFilter(search="harb")) == []
    assert select_ids(db, QuoteFilter(search="voss")) == [q2]
    assert select_ids(db, QuoteFilter(search='the "fishermen')) == [q2]  # stray marks are harmless
    db["quotes"].update(q2, {"text": "Everyone asked the harbour master"})
    assert select_ids(db, QuoteFilter(search="harbour")) == [q1, q2]  # triggers keep the index in step
    assert db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'body'").fetchall() == [(a,)]


def test_filters_and_sorting_run_in_sql():
    db = store.memory_db()
    a = add_article(db, outlet="Zeta Post", date="2025-01-02")
    b = add_article(db, content_hash="h2", outlet="Alpha Daily", date="2025-01-01")
    q1 = add_quote(db, a, "first", speaker="Ana Lind", confidence=0.9)
    q2 = add_quote(db, b, "second", speaker="Bo Sund", confidence=0.3, verdict="verified")
    assert select_ids(db, QuoteFilter(min_confidence=0.5)) == [q1]
    assert select_ids(db, QuoteFilter(speaker="sund")) == [q2]
    # the speaker's words as typed: "%" and "_" are no wildcards, a backslash is a backslash
    assert [select_ids(db, QuoteFilter(speaker=typed)) for typed in ("%", "_", "Bo_Sund", "\\", "n%d")] == [[]] * 5
    q3 = add_quote(db, a, "third", speaker="Ana_Lind 100%", start=80)
    assert [select_ids(db, QuoteFilter(speaker=typed)) for typed in ("a_l", "100%", "_")] == [[q3]] * 3
    db["quotes"].delete(q3)
    assert select_ids(db, QuoteFilter(article_ids=(a,))) == [q1]
    assert select_ids(db, QuoteFilter(reviewed_only=True)) == [q2]
    assert select_ids(db, sort="outlet") == [q2, q1]
    assert select_ids(db, sort="date", descending=True) == [q1, q2]
    flag = db["flags"].insert({"kind": "unattributed", "severity": "minor", "explanation": "x"}).last_pk
    db["flag_quotes"].insert({"flag_id": flag, "quote_id": q2})
    assert select_ids(db, QuoteFilter(flag_kinds=("unattributed",))) == [q2]
    assert select_ids(db, QuoteFilter(flag_kinds=("any",))) == [q2]
    assert select_ids(db, QuoteFilter(flag_kinds=("fragment",))) == []


def test_every_sort_key_runs_both_ways():
    from quotecheck.project.query import SORT_COLUMNS

    db = store.memory_db()
    a = add_article(db)
    ids = [add_quote(db, a, t, speaker=s, start=i * 10) for i, (t, s) in enumerate([("b", "Zed"), ("a", "Amy")])]
    for key in SORT_COLUMNS:
        for descending in (False, True):
            assert sorted(select_ids(db, sort=key, descending=descending)) == ids
    assert select_ids(db, sort="speaker") == ids[::-1]


def test_two_writers_on_one_project_wait_for_each_other(tmp_path):
    """A reader-then-writer must not fail with 'database is locked' when another connection commits in
    between (the window reviews a quote while an import runs)."""
    import threading
    import time

    path = tmp_path / "p.qcproj"
    store.open_db(path).close()
    started, errors = threading.Event(), []

    def slow_writer():
        db = store.open_db(path)
        try:
            with store.transaction(db):
                db.execute("SELECT COUNT(*) FROM articles").fetchone()
                started.set()
                time.sleep(0.3)
                add_article(db, content_hash="slow")
        except Exception as exc:  # pragma: no cover - the failure this test guards against
            errors.append(exc)
        db.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    started.wait()
    other = store.open_db(path)
    with store.transaction(other):
        add_article(other, content_hash="quick")
    thread.join()
    assert not errors
    assert {r["content_hash"] for r in other["articles"].rows} == {"slow", "quick"}
    other.close()


def test_a_project_path_that_cannot_be_created_is_a_clear_error(tmp_path):
    path = tmp_path / "no" / "such" / "folder" / "p.qcproj"
    with pytest.raises(store.StoreError) as refused:
        store.open_db(path)
    assert str(refused.value) == f"{path}: cannot create the project: no folder {path.parent}"


def test_the_search_index_follows_searched_columns_only():
    """A speaker decision rewrites speaker ids of many quotes: that must not write their words into the
    search index again (it costs more than the decision), while a changed speaker or title is found."""
    db = store.memory_db()
    a = add_article(db)
    q = add_quote(db, a, "We will rebuild the harbour wall", speaker="Ana Lind")
    before = db.conn.total_changes
    db.execute("UPDATE quotes SET speaker_id = NULL, confidence = 0.5 WHERE id = ?", [q])
    assert db.conn.total_changes - before == 1  # the quote only, no search-index rows
    db.execute("UPDATE quotes SET speaker = 'Mara Voss' WHERE id = ?", [q])
    assert select_ids(db, QuoteFilter(search="voss")) == [q]
    assert select_ids(db, QuoteFilter(search="lind")) == []
    db.execute("UPDATE articles SET title = 'Seawall plans' WHERE id = ?", [a])
    assert db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'seawall'").fetchall() == [(a,)]


def test_a_schema_9_project_gains_the_speakers_kind_and_keeps_its_quotes(tmp_path):
    path = tmp_path / "old.qcproj"
    db = store.open_db(path)
    art = add_article(db)
    add_quote(db, art, "the pier stays shut", "Norland Freight")
    db.execute("DROP INDEX quotes_bodies")
    db.execute("ALTER TABLE quotes DROP COLUMN speaker_kind")
    db.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
    db.conn.commit()
    db.close()
    db = store.open_db(path)
    assert store.schema_version(db) == store.SCHEMA_VERSION
    assert db.execute("SELECT text, speaker, speaker_kind FROM quotes").fetchall() == [
        ("the pier stays shut", "Norland Freight", None)
    ]
    plan = " ".join(
        r[-1] for r in db.execute(f"EXPLAIN QUERY PLAN SELECT speaker FROM quotes WHERE {store.BODY_NAMED}")
    )
    assert "quotes_bodies" in plan


def test_a_decision_finds_its_quote_moved_by_an_edit_and_read_a_little_shorter():
    """A paragraph added above moved the quote, and the new layout took its dateline off: the words the
    decision was made on still hold the quote's, so the decision stays with it."""
    from quotecheck.project.decisions import anchor_quote

    old_text = "March 12 (Kallnet) – the releases will rise by a fifth next month"
    quotes = [
        {"id": 1, "start": 10, "end": 40, "text": "the harbour stays shut"},
        {"id": 2, "start": 140, "end": 190, "text": "the releases will rise by a fifth next month"},
    ]
    assert anchor_quote(quotes, 60, 60 + len(old_text), old_text) == 2
    assert anchor_quote(quotes, 60, 80, "nothing of the kind was said") is None


def test_a_schema_10_project_gains_the_article_labels_index_and_reads_labels_from_it(tmp_path):
    """Schema 11 adds an index covering an article's labels: a decision's flags read them there, not from
    rows that hold the whole text before them; a project of schema 10 gains it on opening."""
    from quotecheck.matching.stored import read_articles

    path = tmp_path / "old.qcproj"
    db = store.open_db(path)
    dated = add_article(db, "The pier stays shut.", "h1", outlet="Harbour Post", date="2026-03-02")
    titled = add_article(db, "Dues rise.", "h2", title="Dues rise next year", path="b.txt", language="en")
    add_quote(db, dated, "the pier stays shut", "Rosa Quint")
    db.execute(f"DROP INDEX {store.ARTICLE_LABELS}")
    db.execute("UPDATE meta SET value = '10' WHERE key = 'schema_version'")
    db.conn.commit()
    db.close()
    db = store.open_db(path)
    assert store.schema_version(db) == store.SCHEMA_VERSION == 14
    assert db.execute("SELECT text FROM quotes").fetchall() == [("the pier stays shut",)]
    labels = read_articles(db, [dated, titled], text=False)
    whole = read_articles(db, [dated, titled])
    assert {a: (x.label, x.path, x.meta, x.text) for a, x in labels.items()} == {
        a: (x.label, x.path, x.meta, "") for a, x in whole.items()
    }
    assert labels[dated].label == "Harbour Post 2026-03-02" and labels[titled].language == "en"
    from quotecheck.matching import stored

    plan = " ".join(r[-1] for r in db.execute(f"EXPLAIN QUERY PLAN {stored._LABEL_SQL} WHERE id IN (1, 2)"))
    assert f"COVERING INDEX {store.ARTICLE_LABELS}" in plan


def test_a_projects_write_ahead_log_is_folded_in_on_a_thread_of_its_own_not_in_its_commits(tmp_path):
    """A commit that leaves the log past 1,000 pages no longer copies them into the file itself (a
    decision at 10^5 quotes paid 20-35 ms for that every other time): the library's connection does not
    checkpoint, a background connection does, and closing the library stops its thread."""
    from quotecheck.library import Library

    path = tmp_path / "big.qcproj"
    lib = Library(path)
    assert lib.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    keeper = lib._checkpoints
    stamps: list[str] = []
    keeper_run = keeper._run

    def noted_run():  # which thread checkpoints
        stamps.append(threading.current_thread().name)
        keeper_run()

    keeper._run = noted_run  # type: ignore[method-assign]
    lib.db.execute("CREATE TABLE filler (x BLOB)")
    for _ in range(3):  # ~1,500 pages of 4 KB, in three commits
        with store.transaction(lib.db):
            lib.db.conn.executemany("INSERT INTO filler VALUES (randomblob(3000))", [()] * 2000)
    assert keeper.wait() and keeper.runs >= 1
    assert stamps and stamps[0] != threading.current_thread().name
    assert path.stat().st_size > 1000 * 4096  # the log's pages copied into the file, by that thread
    thread = keeper._thread
    lib.close()
    assert thread is not None and not thread.is_alive()


def test_the_background_checkpoint_waits_for_a_quiet_moment(tmp_path):
    """Decisions often come in a quick series (a merge, its undo): the checkpoint waits until no commit
    came for a moment, so it does not run beside the next one."""
    import time

    from quotecheck.library import Library

    lib = Library(tmp_path / "quick.qcproj")
    keeper = lib._checkpoints
    keeper.settle = 30.0
    lib.db.execute("CREATE TABLE filler (x BLOB)")
    with store.transaction(lib.db):
        lib.db.conn.executemany("INSERT INTO filler VALUES (randomblob(3000))", [()] * 2000)
    time.sleep(0.3)
    assert keeper._thread is not None and keeper._thread.is_alive() and keeper.runs == 0
    lib.close()  # stops the thread; closing the last connection folds the log in itself
    assert keeper.runs == 0 and not keeper._thread.is_alive()
