"""The project file: one SQLite database per investigation, created and migrated through sqlite-utils.

Tables (schema version 1; version 2 adds the stored match index ``match_*`` of :mod:`quotecheck.matching.analysis`;
version 3 the quote language and ``translation_links``, see ``_v3``):

- ``articles``: text, paragraph spans (JSON) and metadata; ``content_hash`` is unique, so the same
  article imported twice is stored once.
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

Every batch write goes through :func:`transaction`: it commits whole or not at all.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3


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


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3]
"""``MIGRATIONS[n]`` takes a project from schema version ``n`` to ``n + 1``. Only ever append."""


class StoreError(Exception):
    """A project file that cannot be opened: not SQLite, or written by a newer quotecheck."""


def open_db(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (or create) a project file with foreign keys and WAL on, migrated to the current schema."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"{path}: no such project file")
    if path.exists() and path.is_dir():
        raise StoreError(f"{path}: is a folder, not a project file")
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open or create the project file ({exc})") from exc
    db = sqlite_utils.Database(conn)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a quotecheck project ({exc})") from exc
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
    return int(row[0]) if row else 0


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every pending migration, each in its own transaction; return the schema version."""
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise StoreError(f"project schema {version} is newer than this quotecheck understands ({SCHEMA_VERSION})")
    for step in MIGRATIONS[version:]:
        with transaction(db):
            step(db)
            version += 1
            db["meta"].upsert({"key": "schema_version", "value": str(version)}, pk="key")
    return version


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run a block of writes as one transaction: committed whole, or rolled back on any exception.

    The outermost block takes the write lock at once (``BEGIN IMMEDIATE``): our writers read before they
    write, and a deferred transaction upgraded after another connection's commit fails at once with
    "database is locked" instead of waiting. Nested blocks join through a savepoint.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def timestamp() -> str:
    """Now, in UTC, as stored in the project (ISO 8601, seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
