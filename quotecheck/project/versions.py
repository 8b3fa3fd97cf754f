"""Versions of an article: a file edited on disk and imported again is the same article, newer.

The ``articles`` row always holds the newest text, so every view shows it; the text it replaces is kept
in ``article_versions``. The file's earlier text put back on disk is a new version too (the text on disk
is the one shown); the same text from another file is a duplicate.

A person's review decisions on the old text are *moved* to the new one, under the id the person was
given, by the same anchoring re-extraction uses (:func:`quotecheck.project.decisions.anchor_quote`:
same place, else the same words, else the most overlap; a gone quote's also to the new quote over its
place by the same speaker, :func:`successor`): undoing that id undoes the decision as it now
stands, and no copy is left behind to apply it again. A dismissal also keeps the quote row of the new
text, so its undo brings the quote back at its place in the current text. A decision whose quote is
gone stays with the old version (:func:`dormant`): it applies again if that text comes back, and undoing
it is refused, as nothing shown would change.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import unicodedata
from collections.abc import Container
from dataclasses import replace as replaced
from difflib import SequenceMatcher

from ..model import META_FIELDS, Article
from .decisions import QUOTE_KINDS, WORDED_KINDS, anchor_quote, same_words
from .store import insert_fresh, timestamp

log = logging.getLogger(__name__)


def source_of(path: str) -> str | None:
    """Where an article was read from, as an absolute path; None for texts that are no file (``<text>``)."""
    if not path or path.startswith("<"):
        return None
    return os.path.abspath(path)


def duplicate(db, article: Article) -> bool:
    """Whether importing ``article`` adds nothing: its text is an article's current text, or an earlier
    text of another file's article. The earlier text of this file's own article is not: put back on disk,
    it becomes the current version again."""
    if db.execute("SELECT 1 FROM articles WHERE content_hash = ?", [article.content_hash]).fetchone():
        return True
    holders = {
        r[0]
        for r in db.execute("SELECT article_id FROM article_versions WHERE content_hash = ?", [article.content_hash])
    }
    return bool(holders) and earlier(db, article) not in holders


def as_read_before(db, article: Article, stored: Container[str]) -> Article:
    """``article`` as an earlier quotecheck read it, when the project knows its text in that form.

    Three readings changed, and a project may hold any: (1) the content hash was the sha256 of the text
    exactly as read, so the same story saved with Windows line breaks or a blank line more at its end
    was a second article (it is now :func:`..model.text_hash`, which reads past such differences);
    (2) an old Mac line break (a carriage return alone) was kept, and is now read as ``\\n``; (3) a text
    or HTML file inside a zip or attached to an e-mail was stored without the line breaks at its start
    and end. ``article`` comes back as it was stored (that text, that hash) when ``stored`` (the content
    hashes of the project's articles, earlier versions and deleted articles) holds the older hash and
    not the new one, or holds both (a file and its copy, stored twice before) and this file's own
    article is the older reading. Stored hashes stay as they are, so every decision keyed by them holds.
    """
    for older in _older_readings(article):
        if older.content_hash == article.content_hash or older.content_hash not in stored:
            continue
        if article.content_hash in stored:
            mine = earlier(db, article)
            row = db.execute("SELECT content_hash FROM articles WHERE id = ?", [mine]).fetchone() if mine else None
            if row is None or row[0] != older.content_hash:
                continue
        return older
    return article


def _older_readings(article: Article):
    """``article`` as each earlier quotecheck stored it (see :func:`as_read_before`)."""

    def hashed(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    yield replaced(article, content_hash=hashed(article.text))
    if "\n" in article.text and "\r" not in article.text:  # every line break a carriage return alone
        mac = article.text.replace("\n", "\r")
        yield replaced(article, text=mac, content_hash=hashed(mac))
    text = article.text.strip("\n")
    if text != article.text:
        cut = len(article.text) - len(article.text.lstrip("\n"))
        paragraphs = tuple((start - cut, end - cut) for start, end in article.paragraphs)
        yield replaced(article, text=text, content_hash=hashed(text), paragraphs=paragraphs)


PUBLICATION = ("outlet", "date", "url")
"""The metadata that makes the same text another outlet's article (syndicated wire copy), not a duplicate."""


def as_stored(db, article: Article, reading: tuple[str | None, ...] | None = None) -> Article:
    """``article`` with the content hash it has (or would have) in the project.

    The same text as a stored article, read from another file whose outlet, date or URL differ, is that
    text as another outlet published it: an article of its own, under a hash of the text and those fields
    (each outlet's copy counts for the first appearance and the provenance). The same text with the same
    publication, or from the file it was stored from (also a copy's file, its metadata edited since),
    keeps the hash it is stored under, so importing it again adds nothing. ``reading``: the
    :func:`publication` of the article of this text read by the same import and not stored yet, if any."""
    row = db.execute("SELECT id, outlet, date, url FROM articles WHERE content_hash = ?", [article.content_hash])
    found = row.fetchone()
    if found is None:
        if reading is None or same_publication(reading, publication(article)):
            return article
        return _copy(article)
    mine = earlier(db, article)
    if mine == found[0]:
        return article
    if mine is not None:
        own = db.execute("SELECT content_hash, text FROM articles WHERE id = ?", [mine]).fetchone()
        if own[1] == article.text:  # this file's own copy, read again
            return replaced(article, content_hash=own[0])
    return article if same_publication(tuple(found[1:]), publication(article)) else _copy(article)


def publication(article: Article) -> tuple[str | None, ...]:
    """The fields of :data:`PUBLICATION` an article's file gives."""
    return tuple(getattr(article.meta, name) for name in PUBLICATION)


def same_publication(a: tuple[str | None, ...], b: tuple[str | None, ...]) -> bool:
    """Whether two :func:`publication` tuples name the same outlet, date and URL as a reader would: case,
    runs of white space and the Unicode form of accents aside ("Zürich" typed with a combining mark,
    "HARBOUR  COURIER")."""
    return [_written(v).casefold() for v in a] == [_written(v).casefold() for v in b]


def _written(value: str | None) -> str:
    """A metadata value as written, whatever its Unicode form of accents and its runs of white space."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def _copy(article: Article) -> Article:
    """Another outlet's copy of a text: hashed with the fields that tell the copies apart."""
    # the values as written (a copy keyed before this reading of NFC and spaces keeps its hash: the values
    # of nearly every file are written so already)
    key = "\x00".join([article.content_hash, *(_written(value) for value in publication(article))])
    return replaced(article, content_hash=hashlib.sha256(key.encode("utf-8")).hexdigest())


def dormant(db, content_hash: str | None) -> tuple[int, str] | None:
    """``(article id, path)`` when ``content_hash`` is an earlier text of an article and not its current
    one: a decision anchored there stayed with the old version (its quote is not in the new text)."""
    if not content_hash or db.execute("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]).fetchone():
        return None
    row = db.execute(
        "SELECT a.id, a.path FROM article_versions v JOIN articles a ON a.id = v.article_id"
        " WHERE v.content_hash = ? ORDER BY v.id DESC LIMIT 1",
        [content_hash],
    ).fetchone()
    return (row[0], row[1]) if row else None


def earlier(db, article: Article) -> int | None:
    """The stored article this file is a newer version of (same source file), if any."""
    source = source_of(article.path)
    row = db.execute(
        "SELECT id FROM articles WHERE source = ? OR (source IS NULL AND path = ?) ORDER BY id DESC LIMIT 1",
        [source, article.path],
    ).fetchone()
    return row[0] if row else None


def hand_set(old: dict) -> set[str] | None:
    """The metadata fields of a stored article row a person set by hand (``set-meta``, Article Details);
    None for an article stored before quotecheck recorded that (schema 12), where nobody can tell."""
    value = old.get("meta_by_hand")
    return None if value is None else set(json.loads(value))


def file_meta(old: dict, new: dict) -> tuple[dict[str, str | None], list[str]]:
    """What a re-import of an article's file changes in its stored metadata: ``(changes, kept)``.

    ``old`` is the stored row, ``new`` the row the file gives now. The file has the last word on every
    field but those a person set by hand, which are ``kept`` (listed when the file says otherwise); on an
    article stored before schema 12 the file only fills empty fields, as nobody can tell which a person set.
    """
    by_hand = hand_set(old)
    changes: dict[str, str | None] = {}
    kept = []
    for name in META_FIELDS:
        ours, theirs = old.get(name), new.get(name)
        if by_hand is None:
            value = ours or theirs
        elif name in by_hand:
            value = ours
            if theirs != ours:
                kept.append(name)
        else:
            value = theirs
        if value != ours:
            changes[name] = value
    return changes, kept


def describe_meta_changes(old: dict, changes: dict, kept: list[str], new: dict) -> str:
    """The metadata a re-import changed, for a person: "date '2025-03-01' → '2025-03-04'" (and the
    fields kept as set by hand although the file says otherwise)."""
    said = [f"{name} {old.get(name) or ''!r} → {value or ''!r}" for name, value in changes.items()]
    if kept:
        said.append(
            "kept as you set them: " + ", ".join(f"{n} {old.get(n) or ''!r} (file: {new.get(n) or ''!r})" for n in kept)
        )
    return ", ".join(said)


def replace(db, article_id: int, article: Article, row: dict, quote_rows: list[dict], delete_quote) -> tuple[int, str]:
    """Make ``article`` the newest version of ``article_id``; call inside a transaction.

    ``row`` is the article row as a new import would store it, ``quote_rows`` its quotes (without
    ``article_id``), ``delete_quote(id)`` removes an old quote with what hangs on it. Metadata a person
    set by hand wins; the rest follows the new file (:func:`file_meta`). Returns how many review
    decisions in force could not be carried over (their quote is not in the new text), and the metadata
    changed, in words ("" when none).
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
    old_quotes = list(db.query("SELECT id, start, end, text, speaker FROM quotes WHERE article_id = ?", [article_id]))
    same = _same_quotes(old_quotes, quote_rows)
    for q in old_quotes:
        if q["id"] not in same.values():
            delete_quote(q["id"])
    update = {k: v for k, v in row.items() if k not in (*META_FIELDS, "meta_by_hand")}
    changes, kept = file_meta(old, row)
    update.update(changes)
    update["version"] = (old["version"] or 1) + 1
    db["articles"].update(article_id, update)
    for k, quote_id in same.items():  # the same words again: the same quote, under its number
        db["quotes"].update(quote_id, {**quote_rows[k], "article_id": article_id})
    insert_fresh(db, "quotes", [{**q, "article_id": article_id} for k, q in enumerate(quote_rows) if k not in same])
    lost = _carry_decisions(db, article_id, old["content_hash"], row["content_hash"], old_quotes, set(same.values()))
    return lost, describe_meta_changes(old, changes, kept, row) if changes else ""


def _same_quotes(old_quotes: list[dict], quote_rows: list[dict]) -> dict[int, int]:
    """Which new quote (index into ``quote_rows``) is which old one (id): the same words, each old quote
    taken once, by the same speaker first (the same words said again by somebody else, added above, are
    another quote), then the nearest in place. A quote keeps its number through a new version of its
    article, so a number a person wrote down ("quote 12") still names those words."""
    by_text: dict[str, list[dict]] = {}
    for q in old_quotes:
        by_text.setdefault(q["text"], []).append(q)
    pairs = sorted(
        (q["speaker"] != row["speaker"], abs(q["start"] - row["start"]), k, q["id"])
        for k, row in enumerate(quote_rows)
        for q in by_text.get(row["text"], ())
    )
    same: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, k, quote_id in pairs:
        if k not in same and quote_id not in taken:
            same[k] = quote_id
            taken.add(quote_id)
    return same


def _carry_decisions(db, article_id: int, old_hash: str, new_hash: str, old_quotes: list[dict], kept: set[int]) -> int:
    """Move the quote decisions of the old text onto the quotes of the new one, keeping their ids (and
    whether they are in force: an undone decision stays undone, ready to be redone on the new text).
    A decision on a quote that kept its number goes with it; one on a quote that is gone goes only to a
    new quote (its words edited), never to one that is another old quote's continuation (the same words
    said twice: the one left is not the one removed). Returns how many decisions in force stay behind
    because their quote is not in the new text."""
    quotes = [dict(q) for q in db.query("SELECT * FROM quotes WHERE article_id = ?", [article_id])]
    by_id = {q["id"]: q for q in quotes}
    fresh = [q for q in quotes if q["id"] not in kept]
    old_at = {(q["start"], q["end"]): q["id"] for q in old_quotes}
    by_old = {q["id"]: q for q in old_quotes}
    marks = ", ".join("?" * len(QUOTE_KINDS))
    lost = 0
    rows = list(
        db.query(
            f"SELECT id, kind, quote_start, quote_end, quote_text, value, active FROM decisions"
            f" WHERE article_hash = ? AND kind IN ({marks}) ORDER BY id",
            [old_hash, *QUOTE_KINDS],
        )
    )
    for d in rows:
        was = old_at.get((d["quote_start"], d["quote_end"]))
        if was in kept:
            target: int | None = was
        else:
            target = anchor_quote(fresh, d["quote_start"], d["quote_end"], d["quote_text"], other_text=True)
        if target is None and was is not None and was not in kept:
            target = successor(fresh, by_old[was])
        if target is None:
            lost += d["active"] == 1
            continue
        q = by_id[target]
        moved = {"article_hash": new_hash, "quote_start": q["start"], "quote_end": q["end"], "quote_text": q["text"]}
        if d["kind"] in WORDED_KINDS and not same_words(q["text"], d["quote_text"]):
            # the anchor follows the new words; the words the person judged stay with the decision
            value = json.loads(d["value"]) if d["value"] else {}
            value.setdefault("wording_was", d["quote_text"])
            moved["value"] = json.dumps(value, ensure_ascii=False)
        if d["kind"] == "dismiss":  # its undo puts back the quote of the current text, at its place there
            value = json.loads(d["value"]) if d["value"] else {}
            value["quote"] = q
            moved["value"] = json.dumps(value, ensure_ascii=False)
        db["decisions"].update(d["id"], moved)
    return lost


def successor(fresh: list[dict], old: dict) -> int | None:
    """The new quote in the place of the gone quote ``old``, by the same speaker, reading at least half the
    same: its words edited where one of the two was extracted cut short (quote marks inside it end a quote
    early), so neither holds half the other's place nor three words in four. The most overlap wins; None
    when no new quote is that."""
    found = []
    for q in fresh:
        inter = min(q["end"], old["end"]) - max(q["start"], old["start"])
        alike = SequenceMatcher(None, q["text"] or "", old["text"] or "").ratio() >= 0.5
        if inter > 0 and alike and q["speaker"] == old["speaker"]:
            found.append((inter, q["id"]))
    return max(found)[1] if found else None
