"""Taking things out of a project on a person's word: a false quote dismissed, an article deleted.

Both are decisions (:mod:`.decisions`), so they are undone like any other and kept over re-extraction:

- ``dismiss`` is anchored to the quote like a review decision (article hash, place, words). The quote
  row leaves ``quotes`` (a headline or a scare quote must not count in statements, flags or exports),
  and the decision keeps a copy of it, so undo puts the same row back with the same id. Extraction
  finding the quote again changes nothing: :func:`quotecheck.project.decisions.apply` removes it again.
- ``delete_article`` is anchored to the article's content hash and keeps the article, its earlier
  versions and its quotes, so undo restores all of them with their ids. The person's other decisions
  on the article stay in the project, inactive while it is gone and in force again when it comes back.
  Importing a *folder* again skips a deleted article (it was removed on purpose); importing the *file
  itself* brings it back and lifts the deletion (see :meth:`quotecheck.library.Library.ingest`).

Matching (statements, flags) is redone by the caller after a removal or its undo.
"""

from __future__ import annotations

import bisect
import json
import logging

from .store import fresh_ids

log = logging.getLogger(__name__)


def _rows(db, sql: str, params: list) -> list[dict]:
    return [dict(r) for r in db.query(sql, params)]


def quote_row(db, quote_id: int) -> dict | None:
    rows = _rows(db, "SELECT * FROM quotes WHERE id = ?", [quote_id])
    return rows[0] if rows else None


def remove_quote(db, quote_id: int) -> None:
    """Delete one quote and everything that points at it (matching is redone afterwards)."""
    for sql in (
        "DELETE FROM flag_quotes WHERE quote_id = ?",
        "DELETE FROM cluster_members WHERE quote_id = ?",
        "DELETE FROM translation_links WHERE quote_id = ? OR original_id = ?",
        "DELETE FROM match_texts WHERE quote_id = ?",
        "DELETE FROM match_shingles WHERE quote_id = ?",
        "DELETE FROM quotes WHERE id = ?",
    ):
        db.execute(sql, [quote_id] * sql.count("?"))


def restore_quote(db, row: dict) -> int | None:
    """Put a removed quote back (with its old id when that is free); None if its article is gone or the
    same place holds a quote again."""
    if not db.execute("SELECT 1 FROM articles WHERE id = ?", [row["article_id"]]).fetchone():
        return None
    if db.execute(
        'SELECT 1 FROM quotes WHERE article_id = ? AND start = ? AND "end" = ?',
        [row["article_id"], row["start"], row["end"]],
    ).fetchone():
        return None
    fresh = {**row, "speaker_id": None}  # speakers are grouped again by the matching that follows
    if db.execute("SELECT 1 FROM quotes WHERE id = ?", [row["id"]]).fetchone():
        fresh["id"] = fresh_ids(db, "quotes", 1)[0]
    columns = set(db["quotes"].columns_dict)
    return db["quotes"].insert({k: v for k, v in fresh.items() if k in columns}).last_pk


def placed(db, row: dict, near: int | None = None) -> dict | None:
    """A dismissed quote's row as it stands in its article's current text: as stored when its words are at
    its place, else at ``near`` (the dismissal's anchor) when they are there, else at the occurrence of its
    words nearest to its place, else None (they are gone). A deleted article's quote is given back as
    stored (:func:`restore_quote` leaves it out).

    The quote row a dismissal keeps may come from an earlier text of the article (a project whose
    dismissal was copied onto a new version before versions moved decisions); its undo must not put the
    quote back at offsets that now cover other words."""
    found = db.execute("SELECT text, paragraphs FROM articles WHERE id = ?", [row["article_id"]]).fetchone()
    words = row.get("text") or ""
    if found is None:
        return row
    text, paragraphs = found
    if words and text[row["start"] : row["end"]] == words:
        return row
    places = []
    at = text.find(words) if words else -1
    while at >= 0:
        places.append(at)
        at = text.find(words, at + 1)
    if not places:
        return None
    start = near if near is not None and near in places else min(places, key=lambda p: abs(p - row["start"]))
    shift = start - row["start"]
    moved = {**row, "start": start, "end": start + len(words)}
    s_start, s_end = moved.get("speaker_start"), moved.get("speaker_end")
    if s_start is not None and s_end is not None:
        moved["speaker_start"], moved["speaker_end"] = s_start + shift, s_end + shift
        if moved.get("mention") and text[moved["speaker_start"] : moved["speaker_end"]] != moved["mention"]:
            moved["speaker_start"] = moved["speaker_end"] = None  # the words between changed: no place to show
    starts = [p[0] for p in json.loads(paragraphs or "[]")]
    moved["paragraph"] = max(0, bisect.bisect_right(starts, start) - 1)
    return moved


def article_stash(db, article_id: int) -> dict:
    """Everything a deletion removes of one article, for undo: its row, earlier versions and quotes."""
    return {
        "article": _rows(db, "SELECT * FROM articles WHERE id = ?", [article_id])[0],
        "versions": _rows(db, "SELECT * FROM article_versions WHERE article_id = ?", [article_id]),
        "quotes": _rows(db, "SELECT * FROM quotes WHERE article_id = ?", [article_id]),
    }


def remove_article(db, article_id: int) -> None:
    for (quote_id,) in db.execute("SELECT id FROM quotes WHERE article_id = ?", [article_id]).fetchall():
        remove_quote(db, quote_id)
    db.execute("DELETE FROM article_versions WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM articles WHERE id = ?", [article_id])


def restore_article(db, stash: dict) -> int | None:
    """Put a deleted article back from :func:`article_stash`; None when its text is in the project again."""
    article = stash["article"]
    if db.execute("SELECT 1 FROM articles WHERE content_hash = ?", [article["content_hash"]]).fetchone():
        return None
    row = dict(article)
    if db.execute("SELECT 1 FROM articles WHERE id = ?", [row["id"]]).fetchone():
        row["id"] = fresh_ids(db, "articles", 1)[0]
    article_id = db["articles"].insert(row).last_pk
    for version in stash["versions"]:
        db["article_versions"].insert({**version, "article_id": article_id}, replace=True)
    for quote in stash["quotes"]:
        restore_quote(db, {**quote, "article_id": article_id})
    return article_id


def deleted_hashes(db) -> dict[str, int]:
    """Content hash -> delete decision id of every article deleted and not brought back."""
    return {
        h: d
        for d, h in db.execute(
            "SELECT id, article_hash FROM decisions WHERE kind = 'delete_article' AND active = 1 ORDER BY id"
        ).fetchall()
    }
