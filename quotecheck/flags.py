"""Findings a fact-checker should look at, each with a severity and a plain-language explanation.

Pure functions over quotes, articles and the clusters found by :mod:`quotecheck.match`:

- ``wording_drift``: two reports present the statement as a verbatim quote but the words differ.
- ``conflicting_speaker``: one statement is attributed to different people.
- ``fragment``: an article quotes only part of a statement another article quotes in full.
- ``missing_from_primary``: a quote checked against the article that is the speaker's own primary
  source was found there only with changes, or not at all (:func:`primary_check` gives the verdict).
- ``unattributed``: words presented as a quotation with nobody named as the speaker.
- ``first_appearance``: the earliest report of a statement.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from anyascii import anyascii
from rapidfuzz import fuzz

from .align import PIVOTS, SEVERITY_ORDER, Op, align, differs, worst

KINDS = (
    "wording_drift",
    "conflicting_speaker",
    "fragment",
    "missing_from_primary",
    "unattributed",
    "first_appearance",
)
"""Every kind of flag, in the order a person would look at them."""

VERBATIM_KINDS = frozenset({"direct", "partial", None})
"""Quote kinds that present the words as the speaker's own (an indirect paraphrase is not checked)."""


@dataclass(frozen=True)
class QuoteInfo:
    """What the flag rules need of a quote. ``speaker`` is the name as written (or corrected)."""

    id: int
    article_id: int
    text: str
    start: int = 0
    end: int = 0
    speaker: str | None = None
    speaker_id: int | None = None
    kind: str | None = "direct"
    confidence: float = 1.0
    said_on: str | None = None
    cue: str | None = None


@dataclass(frozen=True)
class ArticleInfo:
    """What the flag rules need of an article."""

    id: int
    text: str = ""
    path: str = ""
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    language: str | None = None
    translated_from: str | None = None
    primary_source_of: str | None = None

    @property
    def label(self) -> str:
        """How a person recognises the article: outlet and date, else title, else file name."""
        parts = [p for p in (self.outlet, self.date) if p]
        if parts:
            return " ".join(parts)
        if self.title:
            return f"“{self.title[:57]}…”" if len(self.title) > 60 else f"“{self.title}”"
        return self.path.rsplit("/", 1)[-1] or f"article {self.id}"


@dataclass
class Flag:
    """One finding. ``cluster`` is the root quote id of the statement it concerns, if any."""

    kind: str
    severity: str
    explanation: str
    quote_ids: tuple[int, ...]
    cluster: int | None = None
    details: dict = field(default_factory=dict)


def is_translation(quote: QuoteInfo, article: ArticleInfo) -> bool:
    """The article is a translation, or the quote follows its original in another script."""
    if article.translated_from:
        return True
    before = article.text[max(0, quote.start - 400) : quote.start]
    letters = [c for c in before if c.isalpha()]
    foreign = sum(1 for c in letters if not c.isascii())
    return foreign >= 15 and foreign >= 0.4 * len(letters)


def cluster_flags(
    root: int,
    members: list[QuoteInfo],
    roles: dict[int, str],
    alignments: dict[int, list[Op]],
    articles: dict[int, ArticleInfo],
    speaker_names: dict[int, str],
) -> list[Flag]:
    """Wording drift, conflicting speakers, fragments and first appearance for one statement.

    ``alignments[q]`` aligns the root's text (a side) with member ``q`` (b side).
    """
    by_id = {q.id: q for q in members}
    top = by_id[root]
    flags: list[Flag] = []
    for q in members:
        if q.id == root or roles.get(q.id) == "copy":
            continue
        ops = alignments.get(q.id) or align(top.text, q.text)
        where = f"{articles[top.article_id].label} and {articles[q.article_id].label}"
        if top.kind in VERBATIM_KINDS and q.kind in VERBATIM_KINDS and differs(ops):
            flags.append(_drift(top, q, ops, where, articles))
        if roles.get(q.id) == "fragment" and q.article_id != top.article_id:
            flags.append(_fragment(top, q, ops, articles))
    speakers = {q.speaker_id for q in members if q.speaker_id is not None}
    if len(speakers) > 1:
        named = "; ".join(
            f"{speaker_names.get(s, '?')} ({', '.join(sorted({articles[q.article_id].label for q in members if q.speaker_id == s}))})"
            for s in sorted(speakers)
        )
        flags.append(
            Flag(
                "conflicting_speaker",
                "severe",
                f"The same statement is attributed to different people: {named}.",
                tuple(q.id for q in members if q.speaker_id is not None),
                root,
                {"speaker_ids": sorted(speakers)},
            )
        )
    first = first_appearance(members, articles)
    if first is not None:
        q = by_id[first]
        art = articles[q.article_id]
        when = q.said_on or art.date
        flags.append(
            Flag(
                "first_appearance",
                "info",
                f"First appearance of this statement: {art.label}, {when}.",
                (first,),
                root,
                {"date": when, "article_id": art.id},
            )
        )
    return flags


def _drift(top: QuoteInfo, q: QuoteInfo, ops: list[Op], where: str, articles) -> Flag:
    changes = [op for op in ops if op.tag != "equal" and not op.why.startswith("shortened")]
    severity = worst(changes) or "minor"
    translated = is_translation(top, articles[top.article_id]) or is_translation(q, articles[q.article_id])
    text = "; ".join(f"{op.why} ({op.severity})" for op in changes[:6])
    if len(changes) > 6:
        text += f"; and {len(changes) - 6} more"
    note = ""
    if translated:
        note = " Possible translation difference: one of the reports is translated."
        if severity != "severe" or not any(_hard(op) for op in changes):
            severity = _lower(severity)
    return Flag(
        "wording_drift",
        severity,
        f"Both {where} present this as a verbatim quote, but the words differ: {text}.{note}",
        (top.id, q.id),
        top.id,
        {"changes": [op.as_dict() for op in changes], "translation": translated},
    )


def _hard(op: Op) -> bool:
    return op.why.startswith(("number", "negation", "name"))


def _lower(severity: str) -> str:
    order = sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.__getitem__)
    return order[max(1, SEVERITY_ORDER[severity] - 1)]


def _fragment(top: QuoteInfo, q: QuoteInfo, ops: list[Op], articles) -> Flag:
    cut = [top.text[op.a_start : op.a_end] for op in ops if op.tag == "delete" and op.why.startswith("shortened")]
    cut = [c.strip() for c in cut if c.strip()]
    severity = "moderate" if any(op.severity == "severe" and op.tag == "delete" for op in ops) else "minor"
    if any(w in PIVOTS for c in cut for w in re.findall(r"\w+", c.lower())):
        severity = "moderate"
    left_out = " … ".join(f"“{c}”" for c in cut) or "part of the statement"
    return Flag(
        "fragment",
        severity,
        f"{articles[q.article_id].label} quotes only “{q.text.strip()}” of a statement that "
        f"{articles[top.article_id].label} quotes in full; left out: {left_out}.",
        (top.id, q.id),
        top.id,
        {"left_out": cut},
    )


def first_appearance(members: Iterable[QuoteInfo], articles: dict[int, ArticleInfo]) -> int | None:
    """The quote of the earliest report (by said-on date, else article date); None if none is dated."""
    dated = [((q.said_on or articles[q.article_id].date), q.article_id, q.id) for q in members]
    dated = [d for d in dated if d[0]]
    return min(dated)[2] if dated else None


def unattributed_flags(
    quotes: Iterable[QuoteInfo], min_confidence: float = 0.5, described: frozenset[int] | set[int] = frozenset()
) -> list[Flag]:
    """Quotes with nobody named as their speaker.

    No speaker at all, on a run claimed as a quotation (confidence ≥ ``min_confidence``): moderate.
    A speaker known only by a description (``described`` speaker ids: "one man", "a spokeswoman"): minor,
    since a reader cannot check who said it.
    """
    flags = []
    for q in quotes:
        if not q.speaker and (q.confidence or 0.0) >= min_confidence:
            why = "Presented as a quotation, but the article names nobody as its speaker."
            flags.append(Flag("unattributed", "moderate", why, (q.id,), None, {"confidence": q.confidence}))
        elif q.speaker and q.speaker_id in described:
            why = f"Attributed only to “{q.speaker}”: the article does not name the speaker."
            flags.append(Flag("unattributed", "minor", why, (q.id,), None, {"described_as": q.speaker}))
    return flags


def searchable(text: str) -> tuple[str, list[int]]:
    """Text folded for searching, and the original offset of every folded character.

    Forgives what print and copy-paste change: case, ligatures, curly vs straight marks, dashes, line
    breaks and words hyphenated across them ("denuclear-\\nization").
    """
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\u00ad\u200b\u200c\u200d\ufeff":  # soft hyphen and invisible marks
            i += 1
            continue
        if c in "-\u2010" and i + 1 < n and text[i + 1] in "\r\n":
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            i = j  # a word broken over a line end is one word
            continue
        if c.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            i += 1
            continue
        c = unicodedata.normalize("NFKC", c)
        folded = c if c.isascii() else (anyascii(c) or c)
        for ch in folded.lower():
            out.append(ch)
            where.append(i)
        i += 1
    return "".join(out), where


def primary_check(quote: str, source: str) -> tuple[str, int, int, list[Op]]:
    """Find a quote in the speaker's primary source: ``(verdict, start, end, ops)``.

    ``verdict`` is ``verbatim``, ``changed`` (``ops`` say what) or ``absent``; ``start``/``end`` are
    character offsets into ``source`` of the passage found (0, 0 when absent).
    """
    q, _ = searchable(quote)
    q = q.strip(" ,.;:!?-\"'")
    src, where = searchable(source)
    if not q:
        return "absent", 0, 0, []
    parts = [p.strip(" ,.;:!?-\"'") for p in re.split(r"\s*(?:\.\.\.|\[\.\.\.\]|…)\s*", q) if p.strip(" ,.;:!?-\"'")]
    pos, first, last = 0, None, None
    for part in parts:
        k = src.find(part, pos)
        if k < 0:
            break
        first = k if first is None else first
        last = k + len(part)
        pos = last
    else:
        return "verbatim", where[first], where[last - 1] + 1, []
    hit = fuzz.partial_ratio_alignment(q, src, score_cutoff=80)
    if hit is None:
        return "absent", 0, 0, []
    start, end = where[hit.dest_start], where[max(hit.dest_start, hit.dest_end - 1)] + 1
    ops = align(source[start:end], quote)
    return "changed", start, end, ops


def primary_verdict(q: QuoteInfo, arts: list[ArticleInfo], who: str = "the speaker") -> dict | None:
    """A quote checked against its speaker's primary-source articles (best verdict over them).

    Returns None without a primary source; else ``verdict`` (``verbatim``, ``changed``, ``absent``, or
    ``primary`` when the quote is in the primary source itself), ``severity``, ``explanation``,
    ``article_id``, the passage found (``start``/``end`` in that article) and ``changes`` (word ops).
    """
    if not arts:
        return None
    if any(a.id == q.article_id for a in arts):
        return {
            "verdict": "primary",
            "severity": "info",
            "explanation": "This article is the primary source.",
            "article_id": q.article_id,
            "start": q.start,
            "end": q.end,
            "changes": [],
        }
    rank = {"verbatim": 0, "changed": 1, "absent": 2}
    checked = [(primary_check(q.text, art.text), art) for art in arts]
    (verdict, start, end, ops), art = min(checked, key=lambda c: rank[c[0][0]])
    title = art.title or art.label
    changes = [op for op in ops if op.tag != "equal" and not op.why.startswith("shortened")]
    if verdict == "verbatim":
        severity, text = "info", f"Found word for word in {who}'s primary source, {title}."
    elif verdict == "changed":
        listed = "; ".join(op.why for op in changes[:6]) or "only the ends differ"
        severity, text = (
            worst(changes) or "minor",
            f"Found in {who}'s primary source, {title}, but with changes: {listed}.",
        )
    else:
        severity, text = "severe", f"Not found in {who}'s primary source, {title}: it does not contain these words."
    return {
        "verdict": verdict,
        "severity": severity,
        "explanation": text,
        "article_id": art.id,
        "start": start,
        "end": end,
        "changes": [op.as_dict() for op in changes],
    }


def primary_source_flags(
    quotes: Iterable[QuoteInfo], sources: dict[int, list[ArticleInfo]], speaker_names: dict[int, str]
) -> list[Flag]:
    """Flag quotes of a speaker that the speaker's primary source has only with changes, or not at all.

    ``sources`` maps a speaker id to the articles that are that speaker's primary source.
    """
    flags = []
    for q in quotes:
        if q.speaker_id is None:
            continue
        arts = [a for a in sources.get(q.speaker_id, []) if a.id != q.article_id]
        found = primary_verdict(q, arts, speaker_names.get(q.speaker_id, q.speaker or "the speaker"))
        if found and found["verdict"] in ("changed", "absent"):
            details = {k: found[k] for k in ("verdict", "article_id", "start", "end", "changes")}
            flags.append(Flag("missing_from_primary", found["severity"], found["explanation"], (q.id,), None, details))
    return flags
