"""The project file: one SQLite database per investigation, created and migrated through sqlite-utils.

Tables (schema version 1; version 2 adds the stored match index ``match_*`` of :mod:`quotecheck.matching.analysis`;
version 3 the quote language and ``translation_links``, see ``_v3``; version 4 article versions, see ``_v4``;
versions 5 to 7 indexes, see ``_v5`` to ``_v7``; version 8 ``speaker_names``, see ``_v8``; version 9 a
new statement-candidate rule, see ``_v9``; version 10 each quote's ``speaker_kind``, see ``_v10``; version
11 an index of the articles' labels, see ``_v11``; version 12 the metadata fields a person set by hand
and the words a review decision was given on, see ``_v12``; version 13 each quote's 3-gram keys in one
value, see ``_v13``):

- ``articles``: text, paragraph spans (JSON) and metadata; ``content_hash`` is unique, so the same
  article imported twice is stored once. ``version`` counts the edits of a file imported again;
  ``article_versions`` keeps the earlier texts.
- ``meta``: the schema version, and ``unmatched`` while stored quotes wait for matching (set with
  the articles, cleared when matching finished), so an import killed before or during matching is
  finished by the next command that opens the project.
- ``quotes``: one row per quoted run, with the extractor's speaker and reason, the canonical
  ``speaker_id`` set by speaker grouping, and review columns (``reviewed_speaker``, ``confirmed``,
  ``verdict``, ``note``) that are a cache of the ``decisions`` table.
- ``speakers`` / ``speaker_aliases``: one row per person or body; every spelling with the evidence for
  grouping it.
- ``clusters`` / ``cluster_members``: quotes that report one statement, with each member's word
  alignment to the cluster's fullest version (JSON).
- ``flags`` / ``flag_quotes``: findings with a severity and a plain-language explanation.
- ``decisions``: what a person decided (speaker corrected or confirmed, names merged or split, a
  verdict, a note), anchored to the article's content hash and the quote's place and words, never to
  row ids, so they survive re-extraction. They always win over automatic results.
- FTS5 indexes: ``quotes_fts`` (text, speaker, mention), ``articles_fts`` (title, text),
  ``speaker_aliases_fts`` (alias), kept in step by triggers.

Every batch write goes through :func:`transaction`: it commits whole or not at all. Writers from
several processes take turns: one waiting for the write lock says so (:func:`set_wait_notice`) and
gives up after :func:`lock_wait` seconds with a :class:`LockTimeout` naming the project and the holder.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

log = logging.getLogger(__name__)

SCHEMA_VERSION = 14


def _v1(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["articles"].create(
        {
            "id": int,
            "path": str,
            "content_hash": str,
            "text": str,
            "paragraphs": str,
            "title": str,
            "outlet": str,
            "author": str,
            "date": str,
            "url": str,
            "language": str,
            "translated_from": str,
            "primary_source_of": str,
            "ingested_at": str,
            "extracted_with": str,
        },
        pk="id",
        not_null={"path", "content_hash", "text", "paragraphs", "ingested_at"},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["date"])
    db["speakers"].create({"id": int, "name": str, "kind": str}, pk="id", not_null={"name"})
    db["speakers"].create_index(["name"])
    db["speaker_aliases"].create(
        {"speaker_id": int, "alias": str, "evidence": str},
        pk=("speaker_id", "alias"),
        foreign_keys=[("speaker_id", "speakers", "id")],
    )
    db["speaker_aliases"].create_index(["alias"])
    db["quotes"].create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "text": str,
            "paragraph": int,
            "speaker": str,
            "mention": str,
            "speaker_start": int,
            "speaker_end": int,
            "cue": str,
            "kind": str,
            "confidence": float,
            "reported_by": str,
            "said_on": str,
            "reason": str,
            "speaker_id": int,
            "reviewed_speaker": str,
            "confirmed": int,
            "verdict": str,
            "note": str,
        },
        pk="id",
        not_null={"article_id", "start", "end", "text"},
        foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "speakers", "id")],
    )
    db["quotes"].create_index(["article_id", "start"])
    db["quotes"].create_index(["speaker_id"])
    db["quotes"].create_index(["confidence"])
    db["clusters"].create({"id": int, "kind": str, "root_quote_id": int, "first_quote_id": int}, pk="id")
    db["cluster_members"].create(
        {"cluster_id": int, "quote_id": int, "role": str, "score": float, "alignment": str},
        pk=("cluster_id", "quote_id"),
        foreign_keys=[("cluster_id", "clusters", "id"), ("quote_id", "quotes", "id")],
    )
    db["cluster_members"].create_index(["quote_id"])
    db["flags"].create(
        {"id": int, "kind": str, "severity": str, "explanation": str, "cluster_id": int, "details": str},
        pk="id",
        not_null={"kind", "severity", "explanation"},
        foreign_keys=[("cluster_id", "clusters", "id")],
    )
    db["flags"].create_index(["kind"])
    db["flag_quotes"].create(
        {"flag_id": int, "quote_id": int},
        pk=("flag_id", "quote_id"),
        foreign_keys=[("flag_id", "flags", "id"), ("quote_id", "quotes", "id")],
    )
    db["flag_quotes"].create_index(["quote_id"])
    db["decisions"].create(
        {
            "id": int,
            "kind": str,
            "article_hash": str,
            "quote_start": int,
            "quote_end": int,
            "quote_text": str,
            "value": str,
            "created_at": str,
            "active": int,
        },
        pk="id",
        not_null={"kind", "created_at"},
        defaults={"active": 1},
    )
    db["decisions"].create_index(["article_hash", "quote_start"])
    db["quotes"].enable_fts(["text", "speaker", "mention"], create_triggers=True, tokenize="unicode61")
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61")
    db["speaker_aliases"].enable_fts(["alias"], create_triggers=True, tokenize="unicode61")


def _v2(db: sqlite_utils.Database) -> None:
    """The statement-matching index kept between runs, so adding an article updates clusters in seconds.

    ``match_shingles``: word 3-gram key -> quote (one quote per distinct wording); ``match_terms``: how
    many distinct wordings hold each word; ``match_texts``: a key of each quote's normalised words, to
    find verbatim copies.
    """
    db.execute(
        "CREATE TABLE match_shingles (h INTEGER NOT NULL, quote_id INTEGER NOT NULL, PRIMARY KEY (h, quote_id)) WITHOUT ROWID"
    )
    db.execute("CREATE TABLE match_terms (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
    db.execute(
        "CREATE TABLE match_texts (quote_id INTEGER PRIMARY KEY, words_key INTEGER NOT NULL, rep_id INTEGER NOT NULL)"
    )
    db.execute("CREATE INDEX match_texts_key ON match_texts (words_key)")


def _v3(db: sqlite_utils.Database) -> None:
    """Quotes across languages: each quote's language, the offset of the original a quote translates
    within its article (an embedded post and the translation after it), and ``translation_links``,
    the links :mod:`quotecheck.matching.translations` finds between a statement and its renderings in
    other languages (``kind`` "translation" or "possible translation", the encoder ``score``, and the
    checks of numbers, dates, names and negations as JSON ``evidence``)."""
    db["quotes"].add_column("language", str)
    db["quotes"].add_column("translation_of", int)
    db["translation_links"].create(
        {"quote_id": int, "original_id": int, "kind": str, "score": float, "evidence": str},
        pk=("quote_id", "original_id"),
        foreign_keys=[("quote_id", "quotes", "id"), ("original_id", "quotes", "id")],
    )
    db["translation_links"].create_index(["original_id"])


def _v4(db: sqlite_utils.Database) -> None:
    """Versions of an article: a file edited on disk and imported again replaces the article's text
    (``version`` counts up) and the text it had before is kept in ``article_versions``. ``source`` is the
    absolute path the file was read from, which says that two imports are the same article."""
    db["articles"].add_column("version", int, not_null_default=1)
    db["articles"].add_column("source", str)
    db["articles"].create_index(["source"])
    db["article_versions"].create(
        {
            "id": int,
            "article_id": int,
            "version": int,
            "content_hash": str,
            "text": str,
            "paragraphs": str,
            "meta": str,
            "ingested_at": str,
            "replaced_at": str,
        },
        pk="id",
        not_null={"article_id", "version", "content_hash", "text"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_versions"].create_index(["article_id", "version"], unique=True)
    db["article_versions"].create_index(["content_hash"])


def _v5(db: sqlite_utils.Database) -> None:
    """The flags of one statement and the primary sources found through indexes (the provenance view
    asks for both on every selection)."""
    db["flags"].create_index(["cluster_id"], if_not_exists=True)
    db["articles"].create_index(["primary_source_of"], if_not_exists=True)


def _v6(db: sqlite_utils.Database) -> None:
    """Indexes for what a person's decision asks on every step: small partial ones over the rare rows
    (reported speech, quotes with a language, paraphrase and translation members and statements), and
    one over the name each quote is attributed under. Without them each question reads every quote or
    every statement member (~10^5 rows on a large project). And the search index of quotes and articles
    follows the columns it searches only, not every update."""
    db.execute("CREATE INDEX IF NOT EXISTS quotes_indirect ON quotes (id) WHERE kind = 'indirect'")
    db.execute("CREATE INDEX IF NOT EXISTS quotes_language ON quotes (language) WHERE language IS NOT NULL")
    db.execute(
        "CREATE INDEX IF NOT EXISTS cluster_members_paraphrase ON cluster_members (cluster_id) WHERE role = 'paraphrase'"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS cluster_members_translation ON cluster_members (cluster_id)"
        " WHERE role IN ('translation', 'possible translation')"
    )
    db.execute("CREATE INDEX IF NOT EXISTS clusters_paraphrases ON clusters (id) WHERE kind = 'paraphrases'")
    db.execute("CREATE INDEX IF NOT EXISTS clusters_translations ON clusters (id) WHERE kind = 'translations'")
    # the name a quote is attributed under, as a speaker decision looks quotes up by it (identities.members)
    db.execute("CREATE INDEX IF NOT EXISTS quotes_named ON quotes (COALESCE(reviewed_speaker, speaker))")
    # every copy of some words (StoredIndex.copies), and how many distinct wordings there are
    db.execute("CREATE INDEX IF NOT EXISTS match_texts_rep ON match_texts (rep_id)")
    db.execute("CREATE INDEX IF NOT EXISTS match_texts_reps ON match_texts (quote_id) WHERE rep_id = quote_id")
    # the search index is written again only when a searched column changes, not on every update (a
    # decision moving 10^2 quotes to another speaker id wrote each quote's words into it again)
    for table, columns in (("quotes", ("text", "speaker", "mention")), ("articles", ("title", "text"))):
        cols = ", ".join(f'"{c}"' for c in columns)
        olds, news = ", ".join(f'old."{c}"' for c in columns), ", ".join(f'new."{c}"' for c in columns)
        db.execute(f'DROP TRIGGER IF EXISTS "{table}_au"')
        db.execute(
            f'CREATE TRIGGER "{table}_au" AFTER UPDATE OF id, {cols} ON "{table}" BEGIN'
            f' INSERT INTO "{table}_fts" ("{table}_fts", rowid, {cols}) VALUES (\'delete\', old.rowid, {olds});'
            f' INSERT INTO "{table}_fts" (rowid, {cols}) VALUES (new.rowid, {news}); END'
        )


def _v7(db: sqlite_utils.Database) -> None:
    """Each wording's stored 3-gram keys found by its quote: a speaker decision asks which 3-grams the
    quotes of the two speakers concerned share, and read them here instead of tokenising ~10^3 quotes
    again (and a dismissed quote's rows are deleted through it, not by reading the whole table)."""
    db.execute("CREATE INDEX IF NOT EXISTS match_shingles_quote ON match_shingles (quote_id)")


_NAMED = "COALESCE({0}.reviewed_speaker, {0}.speaker)"


def _v8(db: sqlite_utils.Database) -> None:
    """How many quotes each speaker name has under each cue (``speaker_names``), kept by triggers, and an
    index over the quotes whose speaker is written otherwise in the sentence: what speaker grouping needs
    of the names it joins as a whole, so an import groups without reading every quote (see
    :mod:`quotecheck.matching.units`). And an index for finding an imported file's earlier version."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS speaker_names (name TEXT NOT NULL, cue TEXT NOT NULL, quotes INTEGER NOT NULL,"
        " PRIMARY KEY (name, cue)) WITHOUT ROWID"
    )
    old, new = _NAMED.format("old"), _NAMED.format("new")
    count = (  # a quote's name and cue counted once more (a blank cue is '': primary keys hold no NULL)
        "INSERT INTO speaker_names (name, cue, quotes) SELECT {0}, COALESCE({1}.cue, ''), 1 WHERE {0} IS NOT NULL"
        " ON CONFLICT (name, cue) DO UPDATE SET quotes = quotes + 1;"
    )
    uncount = (
        "UPDATE speaker_names SET quotes = quotes - 1 WHERE name = {0} AND cue = COALESCE({1}.cue, '');"
        " DELETE FROM speaker_names WHERE name = {0} AND cue = COALESCE({1}.cue, '') AND quotes <= 0;"
    )
    db.execute(
        f"CREATE TRIGGER IF NOT EXISTS speaker_names_ai AFTER INSERT ON quotes BEGIN {count.format(new, 'new')} END"
    )
    db.execute(
        f"CREATE TRIGGER IF NOT EXISTS speaker_names_ad AFTER DELETE ON quotes BEGIN {uncount.format(old, 'old')} END"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS speaker_names_au AFTER UPDATE OF speaker, reviewed_speaker, cue ON quotes"
        f" WHEN {old} IS NOT {new} OR COALESCE(old.cue, '') IS NOT COALESCE(new.cue, '')"
        f" BEGIN {uncount.format(old, 'old')} {count.format(new, 'new')} END"
    )
    db.execute("DELETE FROM speaker_names")
    db.execute(
        "INSERT INTO speaker_names (name, cue, quotes) SELECT COALESCE(reviewed_speaker, speaker), COALESCE(cue, ''),"
        " COUNT(*) FROM quotes WHERE COALESCE(reviewed_speaker, speaker) IS NOT NULL GROUP BY 1, 2"
    )
    db.execute(f"CREATE INDEX IF NOT EXISTS quotes_written ON quotes (id) WHERE {WRITTEN_OTHERWISE}")
    # each imported file asks for the article it may be a new version of (versions.earlier): by source
    # file, or by path where the source is not known, which the index on source alone answers by reading
    # every such article (~10^5 on a large project, a tenth of a second per file)
    db.execute("CREATE INDEX IF NOT EXISTS articles_source_path ON articles (source, path)")


def _v9(db: sqlite_utils.Database) -> None:
    """Statements are found by a stricter candidate rule since schema 9 (a quote's rarest 3-grams ranked
    by class, so an import gives what a full rebuild gives): a project matched before is marked for one
    full matching, which the next command or the window does on opening, with progress."""
    if db.execute("SELECT 1 FROM quotes LIMIT 1").fetchone():
        mark_unmatched(db)


BODY_NAMED = "speaker_kind = 'body' AND reviewed_speaker IS NULL"
"""The quotes whose article names their speaker as a body, as extracted (the ``quotes_bodies`` index)."""


def _v10(db: sqlite_utils.Database) -> None:
    """Whether the article names a quote's speaker as a person or a body (``speaker_kind``: "person",
    "body" or NULL, from the engine's entity), with a small partial index over the bodies' quotes, which
    speaker grouping reads to tell a company or a country from a person ("Norland Freight said"). Quotes
    stored before have NULL until ``quotecheck reextract``."""
    if "speaker_kind" not in db["quotes"].columns_dict:
        db["quotes"].add_column("speaker_kind", str)
    db.execute(f"CREATE INDEX IF NOT EXISTS quotes_bodies ON quotes (speaker) WHERE {BODY_NAMED}")


ARTICLE_LABELS = "articles_labels"
"""The index holding what the flag rules need of an article besides its text (see ``_v11``)."""


def _v11(db: sqlite_utils.Database) -> None:
    """An index that covers what the flag rules read of an article besides its text (path, title, outlet,
    date, language, translation, primary source): a speaker decision redoes the conflicting-speaker flags
    of ~10^2 statements and labels their ~500 articles, whose rows hold those columns behind the full
    text, so reading them from the table reads the texts' pages too."""
    db.execute(
        f"CREATE INDEX IF NOT EXISTS {ARTICLE_LABELS} ON articles"
        " (id, path, title, outlet, date, language, translated_from, primary_source_of)"
    )


def _v12(db: sqlite_utils.Database) -> None:
    """What a person decided, told apart from what a file says: ``articles.meta_by_hand`` lists (JSON) the
    metadata fields set with ``set-meta`` or Article Details, which a re-import never overwrites (NULL for
    articles stored before schema 12, where nobody can tell: their filled fields are kept as they are);
    ``quotes.wording_was`` holds the words the verdict or note in force was given on when the quote reads
    otherwise now (an edited article imported again) and ``reworded_for`` which of them ("verdict", "note",
    "verdict and note"), a cache of the ``decisions`` table like ``verdict``."""
    if "meta_by_hand" not in db["articles"].columns_dict:
        db["articles"].add_column("meta_by_hand", str)
    if "wording_was" not in db["quotes"].columns_dict:
        db["quotes"].add_column("wording_was", str)
    if "reworded_for" not in db["quotes"].columns_dict:
        db["quotes"].add_column("reworded_for", str)


def _v13(db: sqlite_utils.Database) -> None:
    """Each quote's 3-gram keys also in its ``match_texts`` row (``keys``: 64-bit little-endian integers in
    key order, empty for a copy of an earlier wording), so a speaker decision reads the keys of ~10^3
    quotes as ~10^3 values rather than ~10^4 rows of ``match_shingles`` (which still lists, by key, the
    quotes holding each). Rows written before have NULL there and are read from ``match_shingles``
    until the next full matching (``quotecheck match``) writes them again; nothing is filled in here, as
    reading a million quotes' keys would hold up opening the project for a minute."""
    if "keys" not in db["match_texts"].columns_dict:
        db["match_texts"].add_column("keys", bytes)


LAST_IDS = {"quotes": "last_quote_id", "articles": "last_article_id"}
"""The ``meta`` keys holding the highest quote and article id ever deleted (see ``_v14``)."""


def _v14(db: sqlite_utils.Database) -> None:
    """A quote or article id is never given again: SQLite hands a new row the highest id in the table plus
    one, so a deleted last quote's id went to the next new quote, and a decision or a note naming the old
    number ("verify quote 27", "set-meta 4") landed on other words or another article. A trigger keeps
    the highest id ever deleted in ``meta`` (``last_quote_id``, ``last_article_id``), and every insert of
    new quotes or articles numbers them past it (:func:`fresh_ids`). Ids deleted before this schema are
    unknown: the mark starts at the highest id there is."""
    for table, key in LAST_IDS.items():
        db.execute(
            f"INSERT INTO meta (key, value) SELECT ?, COALESCE(MAX(id), 0) FROM {table}"
            " WHERE true ON CONFLICT(key) DO NOTHING",
            [key],
        )
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_id_mark AFTER DELETE ON {table} BEGIN"
            f" UPDATE meta SET value = MAX(CAST(value AS INTEGER), OLD.id) WHERE key = '{key}';"
            " END"
        )


def fresh_ids(db: sqlite_utils.Database, table: str, n: int) -> range:
    """``n`` ids of ``table`` ("quotes", "articles") never used in this project, in order; call inside the
    transaction that inserts them."""
    row = db.execute(
        f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0),"
        " COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?), 0))",
        [LAST_IDS[table]],
    ).fetchone()
    return range(row[0] + 1, row[0] + 1 + n)


def insert_fresh(db: sqlite_utils.Database, table: str, rows: list[dict]) -> range:
    """Insert new ``rows`` into ``table`` under ids never used in this project (:func:`fresh_ids`); returns
    their ids, in order. Call inside the transaction that stores them."""
    ids = fresh_ids(db, table, len(rows))
    db[table].insert_all(({**row, "id": i} for i, row in zip(ids, rows, strict=True)), batch_size=500)
    return ids


WRITTEN_OTHERWISE = "reviewed_speaker IS NULL AND mention IS NOT NULL AND speaker IS NOT NULL AND mention != speaker"
"""The quotes whose speaker the sentence writes otherwise (the condition of the ``quotes_written`` index)."""

MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1,
    _v2,
    _v3,
    _v4,
    _v5,
    _v6,
    _v7,
    _v8,
    _v9,
    _v10,
    _v11,
    _v12,
    _v13,
    _v14,
]
"""``MIGRATIONS[n]`` takes a project from schema version ``n`` to ``n + 1``. Only ever append."""


class StoreError(Exception):
    """A project file that cannot be opened: not SQLite, or written by a newer quotecheck."""


class LockTimeout(StoreError):
    """Another process held the project's write lock for longer than :func:`lock_wait` seconds."""


def writable(path: Path) -> bool:
    """Whether this process may change the project file ``path``: write the file, and create its ``-wal``
    and ``-shm`` beside it (the folder writable) or write them where they are already. A colleague's
    project on a read-only share, or one made read-only (``chmod a-w``), is not; as root, only a
    read-only file system makes a file so."""
    if not os.access(path, os.W_OK):
        return False
    return os.access(path.parent, os.W_OK) or all(os.access(f"{path}{end}", os.W_OK) for end in ("-wal", "-shm"))


def is_read_only(db: sqlite_utils.Database) -> bool:
    """Whether ``db`` was opened read-only by :func:`open_db` (it refuses every write)."""
    return bool(db.execute("PRAGMA query_only").fetchone()[0])


def open_db(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (or create) a project file with foreign keys and WAL on, migrated to the current schema; one
    this process may not write (:func:`writable`) is opened read-only (:func:`open_read_only`)."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"{path}: no such project file")
    if path.exists() and path.is_dir():
        raise StoreError(f"{path}: is a folder, not a project file")
    if path.exists() and not writable(path):
        return open_read_only(path)
    if not path.exists():
        _check_can_create(path)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_SECONDS)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open or create the project file ({exc})") from exc
    db = sqlite_utils.Database(conn)
    try:
        if "meta" not in db.table_names() and db.table_names():
            # another program's SQLite file: never add our tables to it, not even on a read
            raise StoreError("not a quotecheck project (an SQLite file of another program)")
        db.execute("PRAGMA foreign_keys = ON")
        _until_free(db, lambda: db.execute("PRAGMA journal_mode = WAL"))
        db.execute("PRAGMA synchronous = NORMAL")
        # a decision or an import reads the same pages again: 64 MB of cache, and reads from a mapping
        # rather than one system call per page (CPU time of a merge at 10^5 quotes about a tenth lower)
        db.execute("PRAGMA cache_size = -65536")
        db.execute("PRAGMA mmap_size = 1073741824")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "readonly" in str(exc) or "unable to open" in str(exc):
            raise StoreError(f"{path}: read-only here, cannot be opened for writing ({exc})") from exc
        raise StoreError(f"{path}: not a quotecheck project ({exc})") from exc
    except LockTimeout:  # names the project and the writer holding it already
        conn.close()
        raise
    except StoreError as exc:  # a foreign file, a damaged or newer schema: said of this file
        conn.close()
        raise StoreError(f"{path}: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return db


def _check_can_create(path: Path) -> None:
    """A new project file goes in a folder that is there and that this user may write (else SQLite says
    only "unable to open database file"): said of the folder, by name."""
    folder = path.parent if str(path.parent) != "." else Path.cwd()
    if not folder.is_dir():
        raise StoreError(f"{path}: cannot create the project: no folder {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"{path}: cannot create the project: this user may not write in its folder {folder}")


def open_read_only(path: Path) -> sqlite_utils.Database:
    """Open a project file for reading only (SQLite's ``mode=ro``), without migrating it: any write on
    the connection fails (``PRAGMA query_only``, checked by :func:`is_read_only`).

    A project in WAL mode needs its ``-shm`` file to be read; in a folder that cannot be written, where
    there is none, SQLite cannot open it read-only. Then, when no ``-wal`` file holds changes not yet in
    the file either, it is opened as ``immutable``: SQLite reads the file as it is, with no locks and no
    ``-shm`` (a writer elsewhere would go unseen, but nobody can write a file in such a folder without
    leaving a ``-wal`` beside it)."""
    uri = path.resolve().as_uri()
    wal = Path(f"{path}-wal")
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=BUSY_SECONDS)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as probe:
            conn.close()  # whatever the probe met, the connection is not left open
            if not isinstance(probe, sqlite3.OperationalError):
                raise
            if wal.exists() and wal.stat().st_size:
                raise StoreError(
                    f"{path}: read-only here, and its {wal.name} holds changes SQLite cannot read without"
                    " writing beside it; open it once where it can be written"
                ) from None
            conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None, timeout=BUSY_SECONDS)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: read-only here, and cannot be opened for reading either ({exc})") from exc
    db = sqlite_utils.Database(conn)
    try:
        if "meta" not in db.table_names():
            raise StoreError("not a quotecheck project")
        db.execute("PRAGMA query_only = ON")
        db.execute("PRAGMA cache_size = -65536")
        db.execute("PRAGMA mmap_size = 1073741824")
        version = schema_version(db)
        if version > SCHEMA_VERSION:
            raise StoreError(f"project schema {version} is newer than this quotecheck understands ({SCHEMA_VERSION})")
        if version < SCHEMA_VERSION:
            raise StoreError(
                "read-only here, and written by an older quotecheck: it must be updated before it can be read;"
                " open it once where it can be written"
            )
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a quotecheck project ({exc})") from exc
    except StoreError as exc:
        conn.close()
        raise StoreError(f"{path}: {exc}") from exc
    return db


def memory_db() -> sqlite_utils.Database:
    """A fresh in-memory project, for tests."""
    db = sqlite_utils.Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db


def schema_version(db: sqlite_utils.Database) -> int:
    if "meta" not in db.table_names():
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        raise StoreError(f"damaged project: its schema version reads {row[0]!r}") from None


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every pending migration, each in its own transaction; return the schema version."""
    version = schema_version(db)
    while version < SCHEMA_VERSION:
        with transaction(db):
            # Read again under the write lock: another process creating or migrating the same project
            # at the same moment may have taken this step while we waited.
            version = schema_version(db)
            if version < SCHEMA_VERSION:
                MIGRATIONS[version](db)
                version += 1
                db["meta"].upsert({"key": "schema_version", "value": str(version)}, pk="key")
    if version > SCHEMA_VERSION:
        raise StoreError(f"project schema {version} is newer than this quotecheck understands ({SCHEMA_VERSION})")
    return version


@contextmanager
def transaction(
    db: sqlite_utils.Database, *, foreign_keys: bool = True, savepoint: bool = True, wait: float | None = None
) -> Iterator[sqlite_utils.Database]:
    """Run a block of writes as one transaction: committed whole, or rolled back on any exception.

    The outermost block takes the write lock at once (``BEGIN IMMEDIATE``): our writers read before they
    write, and a deferred transaction upgraded after another connection's commit fails at once with
    "database is locked" instead of waiting. Nested blocks join through a savepoint, so that an exception
    caught between the two undoes the inner block alone.

    ``savepoint=False`` joins without one, for a run whose failure always fails the transaction around it
    (a whole matching pass, a speaker decision's regrouping: nothing catches their exceptions before the
    outer block). Under a savepoint SQLite first copies every page a write touches to a journal file of
    its own: ~650 pages (2.6 MB) for a merge at 10^5 quotes, every page a matching pass writes for a rebuild.

    ``wait``: seconds to wait for another process's write lock (default :func:`lock_wait`); past them
    :class:`LockTimeout` is raised.

    ``foreign_keys=False`` (outermost block only) leaves out SQLite's check of each written reference, for
    a block whose references are to rows it read or wrote itself under the lock and which deletes only rows
    it left unreferenced: a person's speaker decision rewrites the speaker id of ~10^2 quotes (and drops
    the speakers nobody is any more), and the check costs ~8 µs a row, ~4% of a merge at 10^5 quotes. The
    checks are on again after the block, whatever happens in it.
    """
    conn = db.conn
    if conn.in_transaction:
        if not savepoint:
            yield db
            return
        with db.atomic():
            yield db
        return
    if not foreign_keys:
        conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set before it starts
        try:
            with transaction(db, wait=wait):
                yield db
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
        return
    _until_free(db, lambda: conn.execute("BEGIN IMMEDIATE"), wait)
    note = _write_holder_note(db)
    try:
        yield db
    except BaseException:
        _remove_holder_note(note)
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    _remove_holder_note(note)  # before COMMIT, while the lock is ours: the next writer writes its own
    conn.execute("COMMIT")
    hook = _after_commit.get(db)
    if hook is not None:
        hook()


_after_commit: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def after_commit(db: sqlite_utils.Database, hook: Callable[[], None]) -> None:
    """Call ``hook()`` after each commit of a :func:`transaction` on ``db`` (a background checkpoint, see
    :mod:`.checkpoint`)."""
    _after_commit[db] = hook


BUSY_SECONDS = 2.0
"""How long one attempt at the write lock waits inside SQLite before we say that we are waiting."""

_wait_notice: list[Callable[[str], None]] = []


def set_wait_notice(notice: Callable[[str], None] | None) -> None:
    """Call ``notice(line)`` when a write has to wait for another process (the CLI prints the line)."""
    _wait_notice[:] = [notice] if notice else []


LOCK_WAIT_DEFAULT = 600.0


def lock_wait() -> float:
    """Seconds a write waits for another process's write lock before giving up: ``$QUOTECHECK_LOCK_WAIT``,
    else 600 (a full rebuild of a large project takes minutes; a person can always press Ctrl+C). A value
    that is no number of seconds from 0 up counts as unset; :func:`lock_wait_problem` says so in words."""
    seconds = _lock_wait_setting()
    return LOCK_WAIT_DEFAULT if seconds is None else seconds


def _lock_wait_setting() -> float | None:
    raw = os.environ.get("QUOTECHECK_LOCK_WAIT")
    if raw is None or not raw.strip():
        return None
    try:
        seconds = float(raw)
    except ValueError:
        return None
    return None if math.isnan(seconds) or seconds < 0 else seconds


def lock_wait_problem() -> str | None:
    """One line for a person when ``$QUOTECHECK_LOCK_WAIT`` is set to something that is no wait (``abc``,
    ``-5``), naming the value and the wait used instead; None when it is fine or unset."""
    raw = os.environ.get("QUOTECHECK_LOCK_WAIT")
    if raw is None or _lock_wait_setting() is not None or not raw.strip():
        return None
    return (
        f"QUOTECHECK_LOCK_WAIT={raw!r} is not a number of seconds from 0 up; waiting the default "
        f"{LOCK_WAIT_DEFAULT:g} s for another program's write instead"
    )


def _busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _until_free(db: sqlite_utils.Database, attempt: Callable[[], object], limit: float | None = None) -> None:
    """Run ``attempt`` (a statement that needs the write lock), waiting while another process holds it
    (``limit`` seconds at most, else :func:`lock_wait`)."""
    limit = lock_wait() if limit is None else limit
    deadline = time.monotonic() + limit
    told = False
    while True:
        # Each attempt waits inside SQLite at most until the deadline, so we give up when the configured
        # wait runs out, not up to one BUSY_SECONDS attempt after it.
        _set_busy_timeout(db, min(BUSY_SECONDS, max(deadline - time.monotonic(), 0.0)))
        try:
            attempt()
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise
        finally:
            _set_busy_timeout(db, BUSY_SECONDS)
        path = _db_path(db)
        if time.monotonic() >= deadline:
            raise LockTimeout(
                f"{path}: {describe_holder(db)} is writing to this project; gave up after waiting "
                f"{limit:g} s (QUOTECHECK_LOCK_WAIT); try again when it has finished"
            )
        if not told and _wait_notice:
            _wait_notice[0](f"waiting for {path}: {describe_holder(db)} is writing to it…")
            told = True


def _set_busy_timeout(db: sqlite_utils.Database, seconds: float) -> None:
    db.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")


def _db_path(db: sqlite_utils.Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else ":memory:"


def _holder_note_path(db: sqlite_utils.Database) -> str | None:
    path = _db_path(db)
    return None if path == ":memory:" else path + "-writer"


def _write_holder_note(db: sqlite_utils.Database) -> str | None:
    """Say who holds the write lock in ``PROJECT-writer``, so a process kept waiting can name it."""
    note = _holder_note_path(db)
    if note is None:
        return None
    command = [a for a in sys.argv[1:2] if a.isidentifier() or a.replace("-", "").isalpha()]  # ingest, review
    program = " ".join([os.path.basename(sys.argv[0] or "python"), *command])
    try:
        with open(note, "w", encoding="utf-8") as out:
            json.dump({"pid": os.getpid(), "program": program, "since": timestamp()}, out)
    except OSError:
        return None
    return note


def _remove_holder_note(note: str | None) -> None:
    if note is not None:
        try:
            os.unlink(note)
        except OSError:
            pass


def describe_holder(db: sqlite_utils.Database) -> str:
    """Who holds the write lock, as far as we know: a quotecheck process leaves a note saying so; another
    program (the sqlite3 shell, a DB browser) is found by its lock, where the system lists locks."""
    note = _holder_note_path(db)
    try:
        with open(note or "", encoding="utf-8") as f:
            info = json.load(f)
        pid = int(info["pid"])
        os.kill(pid, 0)  # a note left by a killed process names nobody
    except (OSError, ValueError, KeyError, TypeError):
        outside = _write_lock_pid(_db_path(db))
        return "another program" if outside is None else f"another program, {_program_of(outside)} (process {outside})"
    return f"{info.get('program') or 'quotecheck'} (process {pid}, since {info.get('since', '?')})"


_WAL_WRITE_BYTE = 120
"""The byte of ``PROJECT-shm`` SQLite locks for writing in WAL mode (WALINDEX_LOCK_OFFSET + WAL_WRITE_LOCK)."""
_RESERVED_BYTE = 0x40000001
"""The byte of the database file a writer locks in rollback-journal mode (PENDING_BYTE + 1)."""


def _write_lock_pid(path: str) -> int | None:
    """The process holding SQLite's write lock on the project at ``path``, from ``/proc/locks`` (Linux);
    None where the system does not say."""
    targets = {}
    for name, byte in ((path + "-shm", _WAL_WRITE_BYTE), (path, _RESERVED_BYTE)):
        try:
            st = os.stat(name)
        except OSError:
            continue
        targets[(os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)] = byte
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for line in lines:
        parts = line.split()
        if len(parts) < 8 or "->" in parts or parts[1] != "POSIX" or parts[3] != "WRITE":
            continue  # "->": a lock waited for, not held; SQLite takes POSIX locks
        try:
            pid = int(parts[4])
            major, minor, inode = parts[5].split(":")
            key = (int(major, 16), int(minor, 16), int(inode))
            start, end = int(parts[6]), (math.inf if parts[7] == "EOF" else float(parts[7]))
        except ValueError:
            continue
        locked = targets.get(key)
        if locked is not None and start <= locked <= end and pid != os.getpid():
            return pid
    return None


def _program_of(pid: int) -> str:
    """A process's program as a person knows it: ``sqlite3``, ``sqlitebrowser``, ``python3 tool.py``."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = [os.path.basename(os.fsdecode(a)) for a in f.read().split(b"\0") if a]
    except OSError:
        return "unknown program"
    if not argv:
        return "unknown program"
    return " ".join(argv[:2]) if argv[0].startswith("python") and len(argv) > 1 else argv[0]


def mark_unmatched(db: sqlite_utils.Database) -> None:
    """Note that stored quotes wait for matching; call inside the transaction that stores them."""
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('unmatched', '1')")


def clear_unmatched(db: sqlite_utils.Database) -> None:
    """Matching has caught up with every stored quote."""
    if is_unmatched(db):
        with transaction(db):
            db.execute("DELETE FROM meta WHERE key = 'unmatched'")


def is_unmatched(db: sqlite_utils.Database) -> bool:
    """Whether an import or re-extraction stopped (killed, cancelled) before matching what it stored."""
    return db.execute("SELECT 1 FROM meta WHERE key = 'unmatched'").fetchone() is not None


def timestamp() -> str:
    """Now, in UTC, as stored in the project (ISO 8601, seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
