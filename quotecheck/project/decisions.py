"""A person's review decisions: recorded once, applied again to whatever quotes extraction finds.

A decision is anchored to the article's content hash and the quote's place and words, never to a row
id, so re-running extraction (which may move, trim or renumber quotes) never loses it. The ``quotes``
table's review columns (``reviewed_speaker``, ``confirmed``, ``verdict``, ``note``) are a cache that
:func:`apply` rebuilds from the active decisions of one article.
"""

from __future__ import annotations

import json
import logging
import re
from difflib import SequenceMatcher

from . import removals
from .store import timestamp

log = logging.getLogger(__name__)

REVIEW_COLUMNS = {"speaker": "reviewed_speaker", "confirm": "confirmed", "verdict": "verdict", "note": "note"}
"""Which review column each kind of quote decision fills (merges and splits act on speakers instead)."""

QUOTE_KINDS = (*REVIEW_COLUMNS, "dismiss")
"""Decisions anchored to one quote: the review columns, and ``dismiss`` (see :mod:`.removals`)."""

WORDED_KINDS = ("verdict", "note")
"""Decisions on what a quote says: when the quote they are carried to reads otherwise (an edited article
imported again, a quote re-extracted with other bounds), they stay, marked (``quotes.wording_was``)."""


def _same(name: str, other: str | None) -> bool:
    """Whether two speaker names may be one person: the same words but for case and spacing, or the words
    of one all among the other's ("Ruud" and "Signe Ruud", as re-extraction may name the same person)."""
    a, b = (set(re.findall(r"\w+", (n or "").casefold())) for n in (name, other))
    return bool(a and b) and (a <= b or b <= a)


def same_words(a: str | None, b: str | None) -> bool:
    """Whether two wordings of a quote say the same words (case, punctuation and spacing aside)."""
    return _words(a) == _words(b)


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").casefold())


def record(db, kind: str, value: dict, anchor: dict | None = None) -> int:
    """Store one active decision; ``anchor`` holds article_hash, quote_start, quote_end, quote_text."""
    row = {
        "kind": kind,
        "value": json.dumps(value, ensure_ascii=False),
        "created_at": timestamp(),
        "active": 1,
        **(anchor or {}),
    }
    return db["decisions"].insert(row).last_pk


def apply(db, article_id: int) -> int:
    """Write the active review decisions of one article onto its quotes (the review columns); returns how
    many of its quotes a dismissal removed again (found by extraction, dismissed by a person before).

    A verdict or note given on other words than the quote now has is kept, and the words it was given
    on go to ``wording_was``, so every view can say the quote changed since (see :data:`WORDED_KINDS`)."""
    content_hash = db.execute("SELECT content_hash FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    quotes = list(db.query("SELECT id, start, end, text, speaker FROM quotes WHERE article_id = ?", [article_id]))
    db.execute(
        "UPDATE quotes SET reviewed_speaker = NULL, confirmed = NULL, verdict = NULL, note = NULL, wording_was = NULL,"
        " reworded_for = NULL"
        " WHERE article_id = ?",
        [article_id],
    )
    texts = {q["id"]: q["text"] for q in quotes}
    speakers = {q["id"]: q["speaker"] for q in quotes}  # each quote's speaker as the decisions so far leave it
    reworded: dict[int, dict[str, str]] = {}  # quote -> kind -> the words its verdict or note was given on
    rows = db.query(
        "SELECT kind, quote_start, quote_end, quote_text, value FROM decisions"
        " WHERE article_hash = ? AND active = 1 ORDER BY id",
        [content_hash],
    )
    dismissed = set()
    for d in rows:
        target = anchor_quote(quotes, d["quote_start"], d["quote_end"], d["quote_text"])
        if target is not None and d["kind"] == "dismiss":
            dismissed.add(target)
        if target is None or d["kind"] not in REVIEW_COLUMNS:
            continue
        value = json.loads(d["value"])
        cell = {
            "speaker": value.get("name"),
            "confirm": None if value.get("withdrawn") else 1,  # a later "unconfirm" withdraws it
            "verdict": value.get("verdict"),
            "note": value.get("note"),
        }[d["kind"]]
        db.execute(f"UPDATE quotes SET {REVIEW_COLUMNS[d['kind']]} = ? WHERE id = ?", [cell, target])
        if d["kind"] == "speaker":
            speakers[target] = cell
        elif (
            d["kind"] == "confirm"
            and cell
            and value.get("speaker")
            and value.get("extracted")
            and not _same(value["extracted"], speakers[target])
        ):
            # confirmed as Roe, and an edited version of the article now names Lee: Roe stays, as a person's
            # decision does; the speaker the article now gives stays to see as the extracted one
            db.execute("UPDATE quotes SET reviewed_speaker = ? WHERE id = ?", [value["speaker"], target])
            speakers[target] = value["speaker"]
        if d["kind"] in WORDED_KINDS:  # the decision in force of its kind says whether the words changed
            was = value.get("wording_was") or d["quote_text"]
            if cell is not None and was and not same_words(was, texts[target]):
                reworded.setdefault(target, {})[d["kind"]] = was
            else:
                reworded.get(target, {}).pop(d["kind"], None)
    for quote_id, was in reworded.items():
        if was:
            db.execute(
                "UPDATE quotes SET wording_was = ?, reworded_for = ? WHERE id = ?",
                [was.get("verdict") or was.get("note"), " and ".join(k for k in WORDED_KINDS if k in was), quote_id],
            )
    for quote_id in sorted(dismissed):  # found again by extraction, or restored: dismissed it stays
        removals.remove_quote(db, quote_id)
    return len(dismissed)


def reworded(db, article_id: int) -> list[tuple[int, str, str, str]]:
    """The quotes of one article whose verdict or note was given on other words: ``(quote id, words now,
    words then, what: "verdict 'misquoted'", "note" or "verdict 'misquoted' and note")``, in text order."""
    rows = db.execute(
        "SELECT id, text, wording_was, verdict, reworded_for FROM quotes"
        " WHERE article_id = ? AND wording_was IS NOT NULL ORDER BY start",
        [article_id],
    ).fetchall()
    return [
        (qid, text, was, (what or "").replace("verdict", f"verdict {verdict!r}"))
        for qid, text, was, verdict, what in rows
    ]


def anchor_quote(quotes: list[dict], start: int, end: int, text: str | None, *, other_text: bool = False) -> int | None:
    """The quote a decision was made on: same place, else the same words, else the words within (or around)
    a quote's, at least half of them (an edit above moved the quote, and the new text's layout gave it a
    dateline more or less), else the most overlap in place (≥ half).

    A quote found by its place must also say the same words, and one found by overlap read mostly the same
    (half its characters alike): the same text saved with other line breaks or white space is the same
    article (one content hash, see :func:`..model.text_hash`) with its quotes at other places, and a
    decision must not land on whatever quote stands at its old place there.

    ``other_text``: the quotes are of another text of the article (a new version), where a quote found by
    its place need only read mostly the same (an edit inside it); and a quote both edited inside and moved
    by an edit above is found by its words alone (three in four the same)."""

    def alike(q: dict) -> bool:
        return not text or SequenceMatcher(None, q["text"] or "", text).ratio() >= 0.5

    def at_place(q: dict) -> bool:  # the decision's own words there (another text: mostly them)
        return alike(q) if other_text else not text or same_words(q["text"], text)

    for q in quotes:
        if q["start"] == start and q["end"] == end and at_place(q):
            return q["id"]
    if text:
        for q in quotes:
            if q["text"] == text:
                return q["id"]
        within = []
        for q in quotes:
            short, long_ = sorted((q["text"] or "", text), key=len)
            if short.strip() and short in long_ and len(short) >= len(long_) / 2:
                within.append((len(short) / len(long_), -abs(q["start"] - start), q["id"]))
        if within:
            return max(within)[2]
    best, best_overlap = None, 0.0
    for q in quotes:
        inter = min(q["end"], end) - max(q["start"], start)
        union = max(q["end"], end) - min(q["start"], start)
        if inter > 0 and inter / union > best_overlap and alike(q):
            best, best_overlap = q["id"], inter / union
    if best_overlap >= 0.5:
        return best
    if other_text and text:  # an edit inside the quote and another above it: found by its words alone
        return _most_alike(quotes, start, text)
    return None


def _most_alike(quotes: list[dict], start: int, text: str) -> int | None:
    """The quote whose words are mostly those of ``text`` (a figure or a word changed, at least three words
    in four the same, in order), the most alike, then the nearest; None when none is."""
    words = _words(text)
    scored = []
    for q in quotes:
        ratio = SequenceMatcher(None, _words(q["text"]), words, autojunk=False).ratio()
        if ratio >= 0.75:
            scored.append((ratio, -abs(q["start"] - start), q["id"]))
    return max(scored)[2] if scored else None
