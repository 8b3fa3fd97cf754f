"""Versions of an article: a file edited on disk and imported again is the same article, newer.

The ``articles`` row always holds the newest text, so every view shows it; the text it replaces is kept
in ``article_versions``. A person's review decisions on the old text are carried over to the new one by
the same anchoring re-extraction uses (:func:`quotecheck.project.decisions.anchor_quote`: same place,
else the same words, else the most overlap); a decision whose quote is gone stays with the old version.
"""

from __future__ import annotations

import json
import logging
import os

from ..model import META_FIELDS, Article
from .decisions import QUOTE_KINDS, anchor_quote
from .store import timestamp

log = logging.getLogger(__name__)


def source_of(path: str) -> str | None:
    """Where an article was read from, as an absolute path; None for texts that are no file (``<text>``)."""
    if not path or path.startswith("<"):
        return None
    return os.path.abspath(path)


def known(db, content_hash: str) -> bool:
    """Whether this exact text is stored already, as an article or as an earlier version of one."""
    sql = (
        "SELECT 1 FROM articles WHERE content_hash = ?"
        " UNION ALL SELECT 1 FROM article_versions WHERE content_hash = ? LIMIT 1"
    )
    return db.execute(sql, [content_hash, content_hash]).fetchone() is not None


def earlier(db, article: Article) -> int | None:
    """The stored article this file is a newer version of (same source file), if any."""
    source = source_of(article.path)
    row = db.execute(
        "SELECT id FROM articles WHERE source = ? OR (source IS NULL AND path = ?) ORDER BY id DESC LIMIT 1",
        [source, article.path],
    ).fetchone()
    return row[0] if row else None


def replace(db, article_id: int, article: Article, row: dict, quote_rows: list[dict], delete_quote) -> int:
    """Make ``article`` the newest version of ``article_id``; call inside a transaction.

    ``row`` is the article row as a new import would store it, ``quote_rows`` its quotes (without
    ``article_id``), ``delete_quote(id)`` removes an old quote with what hangs on it. Metadata a person
    may have corrected wins: the new file only fills fields that are empty. Returns how many review
    decisions could not be carried over (their quote is not in the new text).
    """
    old = next(db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
    db["article_versions"].insert(
        {
            "article_id": article_id,
            "version": old["version"] or 1,
            "content_hash": old["content_hash"],
            "text": old["text"],
            "paragraphs": old["paragraphs"],
            "meta": json.dumps({name: old[name] for name in META_FIELDS if old[name]}, ensure_ascii=False),
            "ingested_at": old["ingested_at"],
            "replaced_at": timestamp(),
        }
    )
    old_quotes = list(db.query("SELECT id, start, end, text FROM quotes WHERE article_id = ?", [article_id]))
    for q in old_quotes:
        delete_quote(q["id"])
    update = {k: v for k, v in row.items() if k not in META_FIELDS}
    update.update({name: old[name] or row.get(name) for name in META_FIELDS})
    update["version"] = (old["version"] or 1) + 1
    db["articles"].update(article_id, update)
    db["quotes"].insert_all(({**q, "article_id": article_id} for q in quote_rows), batch_size=500)
    return _carry_decisions(db, article_id, old["content_hash"], row["content_hash"])


def _carry_decisions(db, article_id: int, old_hash: str, new_hash: str) -> int:
    """Copy the active quote decisions of the old text onto the quotes of the new one."""
    quotes = list(db.query("SELECT id, start, end, text FROM quotes WHERE article_id = ?", [article_id]))
    by_id = {q["id"]: q for q in quotes}
    lost = 0
    rows = list(
        db.query(
            "SELECT * FROM decisions WHERE article_hash = ? AND active = 1 ORDER BY id",
            [old_hash],
        )
    )
    for d in rows:
        if d["kind"] not in QUOTE_KINDS:
            continue
        target = anchor_quote(quotes, d["quote_start"], d["quote_end"], d["quote_text"])
        if target is None:
            lost += 1
            continue
        q = by_id[target]
        copy = {k: v for k, v in d.items() if k != "id"}
        copy.update(article_hash=new_hash, quote_start=q["start"], quote_end=q["end"], quote_text=q["text"])
        db["decisions"].insert(copy)
    return lost
