"""Speaker units kept beside a connection (matching/units.py): a decision reads only what changed, and
whatever changed the quotes (this connection, another one, a rollback) the result is a full rebuild's."""

import sqlite3
import time

import numpy as np
import pytest
from test_analysis import add_article, add_quote, same_as_rebuild

from quotecheck.library import Library
from quotecheck.matching import analysis, regroup, units
from quotecheck.project import store


@pytest.fixture
def project(tmp_path):
    """A small project on disk (a second connection must see it), rebuilt once, with the units read."""
    lib = _small_project(tmp_path, outlets=False)
    regroup.refresh_speakers(lib.db)
    yield lib
    lib.close()


def test_a_merge_reads_only_the_quotes_of_the_speakers_it_moves(project, monkeypatch):
    db = project.db
    kept = units.kept(db)
    assert kept is not None
    seen = []
    original = units.Units.read

    def counting(self, rows):
        rows = list(rows)
        seen.append(len(rows))
        return original(self, rows)

    monkeypatch.setattr(units.Units, "read", counting)
    project.merge_speakers(["Luc Garnier", "Rosa Quint"])
    assert units.kept(db) is kept  # kept, not read again
    assert seen == []  # the merge changed no quote: none is read again
    same_as_rebuild(db)


def test_a_merge_deletes_the_speaker_it_ends_and_names_no_other(project):
    """The speakers a decision leaves alone are not listed in any statement it runs (on a large project
    every speaker id, each decision): only the speaker the merge ends is deleted, by its id."""
    db = project.db
    ids = dict(db.execute("SELECT name, id FROM speakers").fetchall())
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        project.merge_speakers(["Luc Garnier", "Rosa Quint"])
    finally:
        db.conn.set_trace_callback(None)
    gone = set(ids.values()) - {r[0] for r in db.execute("SELECT id FROM speakers")}
    assert gone == {ids["Rosa Quint"]}
    deletes = [s for s in statements if s.startswith("DELETE FROM speakers")]
    assert deletes == [f"DELETE FROM speakers WHERE id IN ({ids['Rosa Quint']})"]
    # the speakers before and after are the grouping's: the table is read whole once, not again around it
    assert sum(s.startswith("SELECT id, name, kind FROM speakers") for s in statements) == 1
    same_as_rebuild(db)


def _open_savepoints_at(statements: list[str], prefix: str) -> list[int]:
    """How many savepoints were open at each statement starting with ``prefix``."""
    depth, out = 0, []
    for s in statements:
        depth += s.startswith("SAVEPOINT") - s.startswith("RELEASE")
        if s.startswith(prefix):
            out.append(depth)
    return out


def test_a_decision_and_a_matching_pass_write_under_no_savepoint(project):
    """Under a savepoint SQLite copies each page a write touches to a journal file first: a decision's
    regrouping and a whole matching pass join the transaction around them without one."""
    db = project.db
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        project.merge_speakers(["Luc Garnier", "Rosa Quint"])
        merge = list(statements)
        statements.clear()
        project.match()
    finally:
        db.conn.set_trace_callback(None)
    assert _open_savepoints_at(merge, "UPDATE quotes SET speaker_id") == [0]
    assert _open_savepoints_at(merge, "COMMIT") == [0]
    assert set(_open_savepoints_at(statements, "INSERT INTO clusters")) == {0}
    same_as_rebuild(db)


def test_reading_ahead_for_decisions_reads_every_quote_once_and_never_waits_for_a_writer(project, monkeypatch):
    path = project.path
    with Library(path) as lib:
        reads: list[int] = []
        read_all = units.Units.read_all
        monkeypatch.setattr(units.Units, "read_all", lambda self, db: (reads.append(1), read_all(self, db))[1])
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process writing
        started = time.monotonic()
        assert not lib.prepare_decisions()
        assert time.monotonic() - started < 1 and reads == []
        other.execute("ROLLBACK")
        other.close()
        assert lib.prepare_decisions() and reads == [1]
        lib.merge_speakers(["Luc Garnier", "Rosa Quint"])  # reads no quote again
        assert reads == [1]
        same_as_rebuild(lib.db)


def test_a_corrected_speaker_rechecks_its_quotes_knowing_only_their_speakers(project):
    """The single-quote flags a decision re-checks look up the names and kinds of the quotes' own
    speakers, not every speaker of the project."""
    db = project.db
    qid = db.execute("SELECT id FROM quotes WHERE speaker = 'Rosa Quint' LIMIT 1").fetchone()[0]
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        project.review(qid, speaker="the harbour master")
    finally:
        db.conn.set_trace_callback(None)
    named = [s for s in statements if s.startswith("SELECT id, name FROM speakers")]
    roles = [s for s in statements if s.startswith("SELECT id FROM speakers WHERE kind = 'role'")]
    assert named and roles
    assert all(" WHERE id IN (" in s for s in named) and all(" AND id IN (" in s for s in roles)
    same_as_rebuild(db)


def test_an_import_writes_its_statements_knowing_only_their_speakers(project):
    """Statements an import clusters again are written with the names of their own quotes' speakers,
    not with every speaker of the project read for them."""
    db = project.db
    with store.transaction(db):
        art = add_article(db, "article new", "new.txt", date="2026-03-01")
        add_quote(db, art, "we will close the northern pier for repairs in March and April", "Luc Garnier")
        add_quote(db, art, "the budget for schools rises by a tenth next year", "Ana Vidal")
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        counts = analysis.update(db, [art], small=0)
    finally:
        db.conn.set_trace_callback(None)
    assert counts.get("incremental") and counts["clusters"] >= 1
    named = [s for s in statements if s.startswith("SELECT id, name FROM speakers")]
    assert named and all(" WHERE id IN (" in s for s in named)
    same_as_rebuild(db)


def test_a_quote_changed_on_this_connection_is_seen(project):
    db = project.db
    qid = db.execute("SELECT id FROM quotes WHERE speaker = 'Rosa Quint' LIMIT 1").fetchone()[0]
    with store.transaction(db):
        db.execute("UPDATE quotes SET reviewed_speaker = 'Luc Garnier' WHERE id = ?", [qid])
    regroup.refresh_speakers(db)
    luc = db.execute("SELECT speaker_id FROM quotes WHERE speaker = 'Luc Garnier' LIMIT 1").fetchone()[0]
    assert db.execute("SELECT speaker_id FROM quotes WHERE id = ?", [qid]).fetchone()[0] == luc
    same_as_rebuild(db)


def test_a_quote_changed_by_another_connection_is_seen(project):
    db = project.db
    other = sqlite3.connect(project.path)
    other.execute("UPDATE quotes SET speaker = 'Ana Vidal' WHERE speaker = 'Rosa Quint'")
    other.commit()
    other.close()
    regroup.refresh_speakers(db)
    assert not db.execute("SELECT 1 FROM speakers WHERE name = 'Rosa Quint'").fetchall()
    same_as_rebuild(db)


def test_a_rolled_back_grouping_leaves_nothing_stale(project):
    db = project.db
    with pytest.raises(RuntimeError), store.transaction(db):
        db.execute("UPDATE quotes SET speaker = 'Ana Vidal' WHERE speaker = 'Rosa Quint'")
        regroup.refresh_speakers(db)
        raise RuntimeError("the person cancelled")
    assert db.execute("SELECT 1 FROM speakers WHERE name = 'Rosa Quint'").fetchall()
    regroup.refresh_speakers(db)
    assert db.execute("SELECT 1 FROM speakers WHERE name = 'Rosa Quint'").fetchall()
    same_as_rebuild(db)


def test_new_and_deleted_quotes_are_seen(project):
    db = project.db
    art = db.execute("SELECT id FROM articles LIMIT 1").fetchone()[0]
    with store.transaction(db):
        add_quote(db, art, "the ferry timetable changes in spring", "Olaf Berg")
        db.execute("DELETE FROM flag_quotes WHERE quote_id IN (SELECT id FROM quotes WHERE speaker = 'Luc Garnier')")
        db.execute(
            "DELETE FROM cluster_members WHERE quote_id IN (SELECT id FROM quotes WHERE speaker = 'Luc Garnier')"
        )
        db.execute("DELETE FROM match_texts WHERE quote_id IN (SELECT id FROM quotes WHERE speaker = 'Luc Garnier')")
        db.execute("DELETE FROM quotes WHERE speaker = 'Luc Garnier'")
    analysis.rebuild(db)
    names = {r[0] for r in db.execute("SELECT name FROM speakers")}
    assert "Olaf Berg" in names and "Luc Garnier" not in names
    same_as_rebuild(db)


def _grouped(grouping, decisions=()):
    return [(s.name, s.aliases, s.members, s.quotes, s.context, s.nodes) for s in grouping.people(decisions)]


@pytest.mark.parametrize("seed", [3, 17, 2024])
def test_a_grouping_updated_unit_by_unit_is_the_one_prepared_afresh(seed):
    """Units come, go and change (a corrected speaker); the updated grouping groups as a fresh one does."""
    import random

    from quotecheck.matching import speakers

    rnd = random.Random(seed)
    names = ["Ana Vidal", "Ana Vidaal", "A. Vidal", "Vidal", "Luc Garnier", "Garnier", "Rosa Quint", "the mayor"]
    cues = [set(), {"minister"}, {"mayor"}]

    def mention(name, article):
        return speakers.Mention(name, article, rnd.randint(1, 4), set(rnd.choice(cues)))

    units_now = {(n, a): mention(n, a) for n in names for a in range(6) if rnd.random() < 0.5}
    grouping = speakers.Grouping(list(units_now.values()))
    decisions = [
        ("merge", {"names": ["Rosa Quint", "Luc Garnier"]}),
        ("split", {"alias": "Vidal", "from": "Ana Vidal"}),
    ]
    for _ in range(12):
        grouping.people(decisions[: rnd.randint(0, 2)])  # fills the caches an update must keep true
        changed = {}
        for _ in range(rnd.randint(1, 3)):
            key = (rnd.choice([*names, "Ines Moreau", "Moreau"]), rnd.randrange(7))
            changed[key] = None if key in units_now and rnd.random() < 0.5 else mention(*key)
        for key, m in changed.items():
            if m is None:
                units_now.pop(key, None)
            else:
                units_now[key] = m
        grouping.update(changed)
        fresh = speakers.Grouping(list(units_now.values()))
        for decided in (decisions[:0], decisions[:1], decisions):
            assert _grouped(grouping, decided) == _grouped(fresh, decided)
        assert (grouping.multi, grouping.single, grouping.by_name) == (fresh.multi, fresh.single, fresh.by_name)


def test_a_quote_added_after_a_grouping_without_its_match_index_row_brings_a_rebuild(project):
    """The match index is checked only for quotes changed since the last grouping, and such a quote is one."""
    db = project.db
    assert "moved" in regroup.refresh_speakers(db)  # complete: the incremental path
    article = db.execute("SELECT id FROM articles LIMIT 1").fetchone()[0]
    with store.transaction(db):
        add_quote(db, article, "a quote nobody put in the match index yet", "Rosa Quint")
    assert "moved" not in regroup.refresh_speakers(db)  # found missing: rebuilt
    assert "moved" in regroup.refresh_speakers(db)


@pytest.mark.parametrize("written", ["in each quote's row", "before schema 13"])
def test_pairs_among_are_the_pairs_the_stored_postings_give(project, written):
    """The pairs a decision re-checks come from the 3-grams' lengths read from the file and their members
    known in memory; they are the pairs the whole stored lists give, whether each quote's keys are read
    from its ``match_texts`` row or, in rows written before schema 13, from ``match_shingles``."""
    import random

    from quotecheck.matching import statements
    from quotecheck.matching.stored import StoredIndex

    db = project.db
    if written == "before schema 13":
        db.execute("UPDATE match_texts SET keys = NULL")
    all_ids = [r[0] for r in db.execute("SELECT id FROM quotes ORDER BY id")]
    rnd = random.Random(4)
    sizes = []
    for cap in (1, 2, 3, 40, 40):  # a few 3-grams of these quotes are listed more than once or twice
        near = StoredIndex(db)
        near.index.cap = cap
        ids, among = set(rnd.sample(all_ids, 5)), set(rnd.sample(all_ids, 9))
        among |= ids
        near.load(ids | among)
        found = near.pairs_among(ids, among)
        seq, vh, rep = near.index.seq, near.index.vocab_hash, near.index.rep
        expected = set()
        for q in ids:
            if rep.get(q) != q:
                continue
            keys = statements.shingles([vh[i] for i in seq[q]])
            for listed in near.read_postings(keys).values():
                if len(listed) <= near.index.cap:
                    expected |= {(min(q, o), max(q, o)) for o in listed if o != q and o in among}
        assert found == expected
        sizes.append(len(found))
    assert sizes[-1] > sizes[0]  # the cap left some out


def test_each_quotes_row_holds_the_3_gram_keys_its_wording_posted(project):
    """``match_texts.keys`` (schema 13) holds what ``match_shingles`` lists of each quote: every key of a
    first wording, none for a copy; :func:`stored.stored_keys` gives the same from either."""
    from quotecheck.matching import stored

    db = project.db
    posted: dict[int, set[int]] = {}
    for q, h in db.execute("SELECT quote_id, h FROM match_shingles"):
        posted.setdefault(q, set()).add(h)
    rows = db.execute("SELECT quote_id, rep_id, keys FROM match_texts").fetchall()
    assert rows and all(keys is not None for _, _, keys in rows)
    assert any(q != rep for q, rep, _ in rows)  # the project has copies
    for q, rep, keys in rows:
        assert set(np.frombuffer(keys, dtype="<i8").tolist()) == posted.get(q, set())
        assert not keys or q == rep
    ids = [q for q, _, _ in rows]
    from_rows = {q: set(k.tolist()) for q, k in stored.stored_keys(db, ids).items()}
    db.execute("UPDATE match_texts SET keys = NULL")
    from_postings = {q: set(k.tolist()) for q, k in stored.stored_keys(db, ids).items()}
    assert from_rows == from_postings == {q: posted.get(q, set()) for q in ids}


@pytest.mark.parametrize("source", [None, "Rosa Quint"])
def test_an_import_prepares_only_the_new_articles_units_and_groups_like_a_rebuild(project, monkeypatch, source):
    """New articles stored on a connection that grouped before: only their units are prepared again (not
    every unit of the project), and the speakers, statements and flags are a full rebuild's."""
    db = project.db
    prepared = units.kept(db).prepared()
    calls = []
    original = units.Units._mention

    def counting(self, name, article_id, *qids):
        calls.append((name, article_id))
        return original(self, name, article_id, *qids)

    monkeypatch.setattr(units.Units, "_mention", counting)
    with store.transaction(db):
        new = []
        for a in range(2):
            meta = {"primary_source_of": source} if source and a == 0 else {}
            art = add_article(db, f"new article {a}", f"new-{a}.txt", date=f"2026-03-{a + 1:02d}", **meta)
            new.append(art)
            add_quote(db, art, "the budget for schools rises by a tenth next year", "Luc Garnier")
            add_quote(db, art, "a ferry line to the islands opens in the summer", "Ines Moreau")
            add_quote(db, art, "a ferry line to the islands opens in June", "Moreau")
    result = analysis.update(db, new, small=0)
    assert result.get("incremental")
    assert units.kept(db).prepared() is prepared  # updated unit by unit, not prepared afresh
    assert sorted(calls) == sorted((n, a) for a in new for n in ("Luc Garnier", "Ines Moreau", "Moreau"))
    names = {r[0] for r in db.execute("SELECT name FROM speakers")}
    assert "Ines Moreau" in names and "Moreau" not in names
    same_as_rebuild(db)


def test_a_split_links_the_other_names_again_without_comparing_them_again(monkeypatch):
    """What full-name linking derives from two names alone is kept: a split compares no pair again, and
    groups as a fresh grouping does."""
    from quotecheck.matching import speakers

    mentions = [
        speakers.Mention(name, article, 2, {"minister"} if article % 2 else set())
        for article, name in enumerate(["Ana Vidal", "Ana Vidaal", "A. Vidal", "Luc Garnier", "Luc Garniers", "Vidal"])
    ]
    grouping = speakers.Grouping(mentions)
    grouping.people()
    calls = []
    original = speakers.same_person

    def counting(a, b):
        calls.append((a, b))
        return original(a, b)

    monkeypatch.setattr(speakers, "same_person", counting)
    split = [("split", {"alias": "Ana Vidaal", "from": "Ana Vidal"})]
    assert _grouped(grouping, split) == _grouped(speakers.Grouping(mentions), split)
    assert len(calls) > 0  # the fresh grouping compared
    calls.clear()
    again = [("split", {"alias": "Luc Garniers", "from": "Luc Garnier"})]
    grouping.people(again)
    assert calls == []


def test_a_project_of_the_previous_schema_is_brought_up_to_date_and_its_decisions_match_a_rebuild(tmp_path):
    """A project written before the 3-gram keys were indexed by quote (schema 6), or kept in each quote's
    row (schema 13), gets the index and the column on opening, and a merge and its undo on it give what
    a rebuild gives: the keys its rows lack are read from ``match_shingles``."""
    path = tmp_path / "old.qcproj"
    lib = Library(path)
    for a in range(4):
        art = add_article(lib.db, f"article {a}", f"{a}.txt", date=f"2026-02-{a + 1:02d}")
        add_quote(
            lib.db, art, "the harbour dues stay as they are this year and next", ["Ana Vidal", "Luc Garnier"][a % 2]
        )
        add_quote(lib.db, art, "we will close the northern pier for repairs in March", "Rosa Quint")
    lib.match()
    lib.db.execute("DROP INDEX match_shingles_quote")
    lib.db.execute("ALTER TABLE match_texts DROP COLUMN keys")
    lib.db.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    lib.close()
    lib = Library(path, create=False)
    assert store.schema_version(lib.db) == store.SCHEMA_VERSION == 14
    assert lib.db.execute("SELECT COUNT(keys) FROM match_texts").fetchone()[0] == 0
    assert "match_shingles_quote" in {
        r[0] for r in lib.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    merged = lib.merge_speakers(["Ana Vidal", "Luc Garnier"])
    same_as_rebuild(lib.db)
    lib.set_decisions_active([merged], False)
    same_as_rebuild(lib.db)
    lib.close()


def test_after_a_rebuild_the_match_index_is_checked_for_changed_quotes_only(project):
    """A rebuild indexes every quote, so the decision after it asks only about quotes changed since (not
    every quote of the project), and still sees one added without its row."""
    db = project.db
    units.forget(db)  # as on a connection that never grouped before
    analysis.rebuild(db)
    asked: list[str] = []
    db.conn.set_trace_callback(asked.append)
    try:
        assert not units.unindexed(db)
    finally:
        db.conn.set_trace_callback(None)
    assert any("match_texts" in sql and "qc_units_dirty" in sql for sql in asked)
    article = db.execute("SELECT id FROM articles LIMIT 1").fetchone()[0]
    with store.transaction(db):
        add_quote(db, article, "a quote nobody put in the match index yet", "Rosa Quint")
    assert units.unindexed(db)
    assert "moved" not in regroup.refresh_speakers(db)  # found missing: rebuilt
    same_as_rebuild(db)


def test_every_quote_read_at_once_gives_the_units_read_one_by_one(project):
    """The first read of a whole project (blank names and spellings written otherwise told apart in SQL,
    the mentions prepared name by name) gives the units and the grouping a quote-by-quote read does."""
    from quotecheck.matching import speakers

    db = project.db
    art = add_article(db, "one more", "more.txt", date="2026-02-20")
    add_quote(db, art, "a blank name is nobody", "  ")
    add_quote(db, art, "written otherwise", "Ana Vidal", mention="Ana Vidall", cue="the minister Ana Vidall said")
    add_quote(db, art, "reviewed", "Ana Vidal", mention="Ana Vidall", reviewed_speaker="Rosa Quint")
    add_quote(db, art, "another of the same unit", "Rosa Quint", cue="the mayor said")
    add_quote(db, art, "a title before the name", "Minister Luc Garnier", cue="said")
    whole, one = units.Units(), units.Units()
    whole.read_all(db)
    one.read(db.execute(units._QUOTES))
    for part in ("name", "article", "cue", "speaker", "written", "members"):
        assert getattr(whole, part) == getattr(one, part), part
    assert whole.name[db.execute("SELECT id FROM quotes WHERE speaker = '  '").fetchone()[0]] is None
    assert len(whole.written) == 1
    keys = list(whole.members)
    assert speakers.key_order(keys) == sorted(keys)
    fresh = [one._mention(name, article) for name, article in sorted(one.members)]
    assert whole._mentions(speakers.key_order(keys)) == fresh


def _project_of_names(path):
    """A project of full names, one-word names (one beside its full name, one alone in the project),
    descriptions, a spelling written otherwise, role words in cues, a primary source and decisions, one of
    them naming a full name's unit in one article; grouped, then closed."""
    from quotecheck.project import decisions

    lib = Library(path)
    db = lib.db
    said = [
        ("Ana Vidal", {"cue": "the minister Ana Vidal said"}),
        ("Ana Vidaal", {}),
        ("Luc Garnier", {"cue": "Luc Garnier, the mayor, said"}),
        ("Garnier", {}),
        ("Rosa Quint", {}),
        ("the spokesman", {}),
        ("Yuri Varnov", {"mention": "Yury Varnov"}),
        ("Ines Moreau", {}),
        ("Olaf Berg", {}),
        ("R. Quint", {}),  # initials: Rosa Quint while she is the only R. Quint
    ]
    texts = ["the harbour dues stay as they are", "we will close the northern pier in March", "schools get more"]
    hashes = []
    for a in range(6):
        meta = {"primary_source_of": "Luc Garnier"} if a == 5 else {}
        art = add_article(db, f"article {a}", f"{a}.txt", date=f"2026-02-{a + 1:02d}", **meta)
        hashes.append(db.execute("SELECT content_hash FROM articles WHERE id = ?", [art]).fetchone()[0])
        for k in range(4):
            name, extra = said[(a * 3 + k) % len(said)]
            if name == "Garnier" and a % 2:
                name = "Quint"  # alone in its article: the only Quint of the project stands for it
            add_quote(db, art, f"{texts[k % 3]} {a}" if k == 3 else texts[k % 3], name, **extra)
    decisions.record(db, "merge", {"members": [["Olaf Berg", hashes[2]], "Ines Moreau"]})
    lib.match()
    lib.close()


_NEW_ARTICLES = {
    "names already grouped": [("Ana Vidal", {}), ("Luc Garnier", {}), ("the spokesman", {}), ("Rosa Quint", {})],
    "a new spelling joins a person and outnumbers her name": [("Ana Vidall", {})] * 3 + [("Ana Vidaal", {})] * 4,
    "a second Quint makes the one-word Quint nobody in particular": [("Pia Quint", {}), ("Yuri Varnov", {})],
    "a second R. Quint takes the initials off Rosa Quint": [("Rita Quint", {}), ("Rosa Quint", {})],
    "a one-word name beside its full name, role words, a new source": [
        ("Moreau", {"cue": "the minister said"}),
        ("Ines Moreau", {"cue": "the minister Ines Moreau said"}),
        ("Varnov", {"mention": "Yury Varnov"}),
    ],
    "a primary source of a name quoted nowhere": [("Garnier", {}), ("Eda Roe", {})],
}


@pytest.mark.parametrize("case", list(_NEW_ARTICLES))
def test_an_import_on_a_freshly_opened_project_reads_only_what_it_needs_and_groups_like_a_rebuild(
    tmp_path, monkeypatch, case
):
    """On a connection that has not grouped yet, an import takes the full names whole from the stored
    totals (reading no quote of the project at large) and gives the speakers, statements and flags of a
    full rebuild, whatever the new articles change about who is who."""
    path = tmp_path / "p.qcproj"
    _project_of_names(path)
    lib = Library(path, create=False)
    db = lib.db
    new = []
    with store.transaction(db):
        for a in range(2):
            source = {"primary_source_of": "Ada Lind" if "nowhere" in case else "Ines Moreau"} if a else {}
            art = add_article(db, f"new {a}", f"new-{a}.txt", date=f"2026-03-{a + 1:02d}", **source)
            new.append(art)
            for k, (name, extra) in enumerate(_NEW_ARTICLES[case]):
                add_quote(db, art, f"the harbour dues stay as they are {'now' if k % 2 else ''}", name, **extra)

    def whole(*args):
        raise AssertionError("every quote read")

    read = []
    original = units.Units.read

    def counting(self, rows):
        rows = list(rows)
        read.extend(row[0] for row in rows)
        return original(self, rows)

    monkeypatch.setattr(units.Units, "read_all", whole)
    monkeypatch.setattr(units.Units, "read", counting)
    result = analysis.update(db, new, small=0)
    assert result.get("incremental")
    assert units.kept(db) is None  # what one import read is not kept for the next decision
    monkeypatch.undo()
    full_names = "SELECT id FROM quotes WHERE speaker IN ('Luc Garnier', 'Ana Vidal') AND article_id NOT IN (?, ?)"
    assert read and not set(read) & {r[0] for r in db.execute(full_names, new)}  # taken whole, not read
    same_as_rebuild(db)
    lib.close()


def test_speaker_names_follow_every_change_of_the_quotes():
    """``speaker_names`` holds what counting the quotes gives, after inserts, corrections and deletions."""
    db = store.memory_db()
    count = (
        "SELECT COALESCE(reviewed_speaker, speaker), COALESCE(cue, ''), COUNT(*) FROM quotes"
        " WHERE COALESCE(reviewed_speaker, speaker) IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
    )
    art = add_article(db, "one", "one.txt")
    with store.transaction(db):
        for name in ("Ana Vidal", "Ana Vidal", "Luc Garnier", "Rosa Quint", "Rosa Quint"):
            add_quote(db, art, "words", name, cue="said" if name != "Ana Vidal" else None)
        add_quote(db, art, "no speaker", None)
        added = add_quote(db, art, "a new name", "Olaf Berg", cue="the mayor said")
        db.execute("UPDATE quotes SET reviewed_speaker = 'Olaf Berg' WHERE speaker = 'Rosa Quint'")
        db.execute("UPDATE quotes SET cue = 'told' WHERE speaker = 'Ana Vidal'")
        db.execute("UPDATE quotes SET reviewed_speaker = NULL WHERE id = ?", [added])
        db.execute("DELETE FROM quotes WHERE speaker = 'Luc Garnier'")
    stored = db.execute("SELECT * FROM speaker_names ORDER BY 1, 2").fetchall()
    assert stored == db.execute(count).fetchall() and ("Olaf Berg", "said", 2) in stored


def test_a_project_of_schema_7_gets_its_speaker_names_and_imports_like_a_rebuild(tmp_path):
    """A project written before ``speaker_names`` (schema 7) gets the table filled on opening, and the next
    import on it groups as a rebuild does."""
    path = tmp_path / "old.qcproj"
    _project_of_names(path)
    db = store.open_db(path, create=False)
    for trigger in ("speaker_names_ai", "speaker_names_ad", "speaker_names_au"):
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute("DROP TABLE speaker_names")
    db.execute("DROP INDEX quotes_written")
    db.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    db.conn.close()
    lib = Library(path, create=False)
    assert store.schema_version(lib.db) == store.SCHEMA_VERSION == 14
    names = dict(lib.db.execute("SELECT name, SUM(quotes) FROM speaker_names GROUP BY name").fetchall())
    assert names["Ana Vidal"] == lib.db.execute("SELECT COUNT(*) FROM quotes WHERE speaker = 'Ana Vidal'").fetchone()[0]
    with store.transaction(lib.db):
        art = add_article(lib.db, "new", "new.txt", date="2026-03-01")
        add_quote(lib.db, art, "the harbour dues stay as they are", "Ana Vidall")
        add_quote(lib.db, art, "we will close the northern pier in March", "Quint")
    assert analysis.update(lib.db, [art], small=0).get("incremental")
    same_as_rebuild(lib.db)
    lib.close()


def test_a_rebuild_keeps_the_count_of_wordings_it_wrote_until_the_index_changes(project):
    """A full run knows how many distinct wordings it indexed, so the decision after it does not count
    them (which scales with the project); the count it keeps is the one counted, and goes stale with
    the index."""
    from quotecheck.matching import stored

    db = project.db

    def counted():
        return db.execute("SELECT COUNT(*) FROM match_texts WHERE rep_id = quote_id").fetchone()[0]

    analysis.rebuild(db)
    expected = counted()
    asked: list[str] = []
    db.conn.set_trace_callback(asked.append)
    try:
        assert stored.wordings(db) == expected
    finally:
        db.conn.set_trace_callback(None)
    assert not any("FROM match_texts" in sql for sql in asked)
    with store.transaction(db):
        db.execute("INSERT INTO match_texts (quote_id, words_key, rep_id) VALUES (10000, 1, 10000)")
    assert stored.wordings(db) == counted()


def test_a_whole_projects_units_are_kept_out_of_the_cycle_collectors_sight(project, monkeypatch):
    """The units built on opening are frozen (``gc.freeze``): the collector's next full pass does not walk
    them again in the middle of the person's next decision. A grouping that built few objects freezes
    nothing."""
    import gc

    db = project.db
    try:
        for threshold, frozen in ((100, True), (10**9, False)):
            gc.unfreeze()
            monkeypatch.setattr(units, "FREEZE", threshold)
            units.forget(db)
            regroup.refresh_speakers(db)  # the whole project's units built afresh
            kept = units.kept(db)
            assert gc.is_tracked(kept)
            assert (kept not in gc.get_objects()) == frozen
    finally:
        gc.unfreeze()


def test_a_project_matched_under_the_earlier_candidate_rule_is_matched_again_once(tmp_path):
    """Schema 9 changed which quotes become statement candidates: a project matched before it is marked
    for one full matching on opening (the CLI and the window finish it), an empty one is not."""
    path = tmp_path / "old.qcproj"
    lib = Library(path)
    for a in range(3):
        art = add_article(lib.db, f"article {a}", f"{a}.txt", date=f"2026-02-{a + 1:02d}")
        add_quote(lib.db, art, "the harbour dues stay as they are this year and next", "Ana Vidal")
    lib.match()
    assert not lib.needs_matching()
    lib.db.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    lib.close()
    lib = Library(path, create=False)
    assert store.schema_version(lib.db) == store.SCHEMA_VERSION and lib.needs_matching()
    lib.match()
    assert not lib.needs_matching()
    same_as_rebuild(lib.db)
    lib.close()
    empty = Library(tmp_path / "new.qcproj")
    assert not empty.needs_matching()
    empty.close()


def test_an_undo_verifies_again_no_pair_the_merge_verified(project, monkeypatch):
    """Whether two quotes verify depends on their words, the index's word counts and whether their
    speakers agree; a merge and its undo ask the same pairs under the same two relations, so the undo
    reads and compares none of them again, and ends as a full rebuild does."""
    from quotecheck.matching.stored import StoredIndex

    db = project.db
    asked = []
    original = StoredIndex.compare

    def counting(self, a, b, speakers=None):
        if speakers is not None:  # the relation check of a decision (restate compares with the current ones)
            asked.append((a, b))
        return original(self, a, b, speakers)

    monkeypatch.setattr(StoredIndex, "compare", counting)
    decision = project.merge_speakers(["Luc Garnier", "Rosa Quint"])
    assert asked  # the merge verified the pairs whose speakers now agree
    asked.clear()  # (a rebuild here would write the match index again, and the undo verify them again)
    project.set_decisions_active([decision], False)
    assert asked == []
    same_as_rebuild(db)


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE match_terms SET n = n + 1 WHERE term = 'harbour'",
        "INSERT INTO match_texts (quote_id, words_key, rep_id) VALUES (10000, 1, 10000)",
        "INSERT INTO match_shingles (h, quote_id) VALUES (1, 10000)",
        "UPDATE quotes SET text = text || ' now' WHERE id = 1",
        "UPDATE quotes SET kind = 'indirect' WHERE id = 1",
    ],
)
def test_what_decisions_learnt_of_pairs_goes_with_any_change_of_the_match_index_or_the_words(project, change):
    from quotecheck.matching import stored

    db = project.db
    with store.transaction(db):
        kept = stored.checked(db)
    with store.transaction(db):
        assert stored.checked(db) is kept  # nothing changed
        db.execute("UPDATE quotes SET speaker_id = speaker_id WHERE id = 1")  # speakers are in the keys
    with store.transaction(db):
        assert stored.checked(db) is kept
        db.execute(change)
    assert stored.checked(db) is not kept


def test_what_decisions_learnt_of_pairs_starts_again_empty_past_its_bound(project, monkeypatch):
    from quotecheck.matching import stored

    db = project.db
    project.merge_speakers(["Luc Garnier", "Rosa Quint"])
    with store.transaction(db):
        kept = stored.checked(db)
        assert kept.keys  # the merge read the keys of both people's quotes
        assert stored.checked(db) is kept
        monkeypatch.setattr(stored, "CHECKED_AT_MOST", len(kept.keys) - 1)
        assert stored.checked(db) is not kept


def test_the_first_grouping_on_a_connection_labels_every_article_so_the_next_decision_reads_none(tmp_path, monkeypatch):
    """The grouping that reads every quote (a connection's first) also keeps every article's labels, so
    the flags the next decision redoes read no article; what they say is still a full rebuild's."""
    from quotecheck.matching import stored

    lib = _small_project(tmp_path)
    units.forget(lib.db)
    regroup.refresh_speakers(lib.db)  # every quote read again: the labels read ahead
    assert units.kept(lib.db).read_whole
    read = []
    original = stored._read_articles

    def counting(db, ids, *, text):
        read.append((None if ids is None else sorted(ids), text))
        return original(db, ids, text=text)

    monkeypatch.setattr(stored, "_read_articles", counting)
    lib.merge_speakers(["Luc Garnier", "Rosa Quint"])
    assert not units.kept(lib.db).read_whole  # the merge's grouping read only what changed
    assert [r for r in read if not r[1]] == []  # no article labelled one by one: all were kept
    monkeypatch.undo()
    same_as_rebuild(lib.db)
    lib.close()


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE articles SET outlet = 'Harbour Post' WHERE id = 2",
        "UPDATE articles SET date = '2026-04-09' WHERE id = 2",
        "UPDATE articles SET outlet = NULL, date = NULL, title = 'Pier works' WHERE id = 2",
    ],
)
def test_labels_read_ahead_follow_a_change_of_the_articles(tmp_path, change):
    """Labels kept by the first grouping go with any change of an article (on this connection or
    another): what a decision's flags are given is what the articles hold now."""
    from quotecheck.matching import stored

    lib = _small_project(tmp_path)
    db = lib.db
    units.forget(db)
    regroup.refresh_speakers(db)  # every quote read again: the labels read ahead
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
    assert stored.read_articles(db, ids, text=False)[2].label == "Outlet 1 2026-02-02"
    other = sqlite3.connect(lib.path)
    other.execute(change)
    other.commit()
    other.close()
    fresh = stored._read_articles(db, ids, text=False)
    kept = stored.read_articles(db, ids, text=False)
    assert {a: x.label for a, x in kept.items()} == {a: x.label for a, x in fresh.items()}
    with store.transaction(db):
        db.execute("UPDATE articles SET outlet = 'Quay Daily' WHERE id = 3")
    fresh = stored._read_articles(db, ids, text=False)
    assert {a: x.label for a, x in stored.read_articles(db, ids, text=False).items()} == {
        a: x.label for a, x in fresh.items()
    }
    lib.close()


def _small_project(tmp_path, outlets: bool = True) -> Library:
    """Six articles of three quotes by four people (two spellings of one), rebuilt once; with
    ``outlets`` an outlet per article, so that flags name articles by it."""
    lib = Library(tmp_path / "p.qcproj")
    db = lib.db
    texts = [
        "the harbour dues stay as they are this year and next",
        "we will close the northern pier for repairs in March",
        "the budget for schools rises by a tenth next year",
    ]
    people = ["Ana Vidal", "Ana Vidaal", "Luc Garnier", "Rosa Quint"]
    for a in range(6):
        outlet = f"Outlet {a}" if outlets else None
        art = add_article(db, f"article {a}", f"{a}.txt", date=f"2026-02-{a + 1:02d}", outlet=outlet)
        for k, text in enumerate(texts):
            add_quote(db, art, text if a % 2 else f"{text} today", people[(a + k) % len(people)])
    analysis.rebuild(db)
    return lib


def test_the_first_quote_of_each_moved_quotes_words_leaves_out_reported_speech(project):
    """A decision takes the moved quotes' first quotes of the same words from the match index, telling
    reported speech (which joins no statement by its words) by the partial index over it; a quote made
    reported speech after it was indexed is left out as one that never was."""
    from quotecheck.matching.stored import StoredIndex

    db = project.db
    ids = [r[0] for r in db.execute("SELECT quote_id FROM match_texts ORDER BY quote_id")]
    near = StoredIndex(db)
    before = near.firsts(ids)
    assert sorted(before) == ids
    with store.transaction(db):
        db.execute("UPDATE quotes SET kind = 'indirect' WHERE id IN (?, ?)", ids[:2])
    after = near.firsts(ids)
    assert after == {q: r for q, r in before.items() if q not in ids[:2]}
