"""Findings a fact-checker should look at, each with a severity and a plain-language explanation.

Pure functions over quotes, articles and the clusters found by :mod:`quotecheck.matching.statements`:

- ``wording_drift``: two reports present the statement as a verbatim quote but the words differ.
- ``conflicting_speaker``: one statement is attributed to different people.
- ``fragment``: an article quotes only part of a statement another article quotes in full.
- ``missing_from_primary``: a quote checked against the article that is the speaker's own primary
  source was found there only with changes, or not at all (:func:`primary_check` gives the verdict).
- ``unattributed``: words presented as a quotation with nobody named as the speaker.
- ``first_appearance``: the earliest report of a statement.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple

from anyascii import anyascii
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from ..model import ArticleMeta, day_of
from .align import PIVOTS, SEVERITY_ORDER, Op, align, differs, other_part, worst

log = logging.getLogger(__name__)

VERBATIM_KINDS = frozenset({"direct", "partial", None})
"""Quote kinds that present the words as the speaker's own (an indirect paraphrase is not checked)."""


class QuoteInfo(NamedTuple):
    """What the flag rules need of a quote. ``speaker`` is the name as written (or corrected).

    A named tuple, not a frozen dataclass: a speaker decision reads ~10^3 of them and a full rebuild
    every quote, and a frozen dataclass costs ~6 µs each to build, a tuple under 1."""

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
    published: str | None = None  # the quote's article's date, where the reader knows it


@dataclass(frozen=True)
class ArticleInfo:
    """What the flag rules need of a stored article: its id, text and path, and its metadata (the one
    :class:`~quotecheck.model.ArticleMeta` every wing uses; its fields read through, ``article.outlet``)."""

    id: int
    text: str = ""
    path: str = ""
    meta: ArticleMeta = ArticleMeta()

    title = property(lambda self: self.meta.title)
    outlet = property(lambda self: self.meta.outlet)
    date = property(lambda self: self.meta.date)
    language = property(lambda self: self.meta.language)
    translated_from = property(lambda self: self.meta.translated_from)
    primary_source_of = property(lambda self: self.meta.primary_source_of)

    @property
    def undated(self) -> ArticleInfo:
        """The same article without its date (to name it where the date is said apart)."""
        return replace(self, meta=replace(self.meta, date=None))

    @cached_property  # asked for each member of each statement a decision flags again; articles are kept
    def label(self) -> str:
        """How a person recognises the article, the one label every flag uses: its outlet, else its
        title, else its file name, and its date ("Orvel Gazette 2025-06-01", "“Pier news”, 2025-06-01")."""
        if self.outlet:
            name = self.outlet
        elif self.title:
            name = f"“{self.title[:57]}…”" if len(self.title) > 60 else f"“{self.title}”"
        else:
            name = self.path.rsplit("/", 1)[-1] or f"article {self.id}"
        if not self.date:
            return name
        return f"{name} {self.date}" if self.outlet else f"{name}, {self.date}"


@dataclass
class Finding:
    """What a rule found, before it is stored. ``cluster`` is the root quote id of the statement it
    concerns, if any. Stored (:func:`quotecheck.matching.analysis.reflag`), it is read back as a
    :class:`quotecheck.records.Flag`, with its id and the quotes it concerns."""

    kind: str
    severity: str
    explanation: str
    quote_ids: tuple[int, ...]
    cluster: int | None = None
    details: dict = field(default_factory=dict)


_ASCII = dict.fromkeys(range(128))
"""A ``str.translate`` table that drops every ASCII character."""


def is_translation(quote: QuoteInfo, article: ArticleInfo) -> bool:
    """The article is a translation, or the quote follows its original in another script."""
    if article.translated_from:
        return True
    before = article.text[max(0, quote.start - 400) : quote.start]
    foreign = sum(1 for c in before.translate(_ASCII) if c.isalpha())  # a statement's flags ask ~10^2 times
    return foreign >= 15 and foreign >= 0.4 * sum(1 for c in before if c.isalpha())


@dataclass(frozen=True)
class Statement:
    """What the statement rules see of one statement: its members, each member's role (``root``, ``copy``,
    ``fragment``, ``variant``) and alignment against the root (root's text a side, the member's b side)."""

    root: int
    members: list[QuoteInfo]
    roles: dict[int, str]
    alignments: dict[int, list[Op]]
    articles: dict[int, ArticleInfo]
    speaker_names: dict[int, str]

    @cached_property
    def by_id(self) -> dict[int, QuoteInfo]:
        return {q.id: q for q in self.members}

    @property
    def top(self) -> QuoteInfo:
        """The root quote: the statement's fullest wording."""
        return self.by_id[self.root]

    @cached_property
    def first(self) -> QuoteInfo | None:
        """The first appearance's quote (:func:`first_appearance`), None when no report is dated."""
        first = first_appearance(self.members, self.articles)
        return None if first is None else self.by_id[first]


@dataclass(frozen=True)
class QuoteContext:
    """What the quote rules need of the project besides the quotes themselves."""

    described: frozenset[int] | set[int] = frozenset()
    """Ids of speakers known only by a description ("a spokeswoman")."""
    sources: dict[int, list[ArticleInfo]] = field(default_factory=dict)
    """Speaker id -> the articles that are that speaker's primary source."""
    speaker_names: dict[int, str] = field(default_factory=dict)


def cluster_flags(
    root: int,
    members: list[QuoteInfo],
    roles: dict[int, str],
    alignments: dict[int, list[Op]],
    articles: dict[int, ArticleInfo],
    speaker_names: dict[int, str],
    *,
    kinds: Iterable[str] | None = None,
) -> list[Finding]:
    """Wording drift, conflicting speakers, fragments and first appearance for one statement.

    ``alignments[q]`` aligns the root's text (a side) with member ``q`` (b side). ``kinds`` limits the
    rules run (default: every statement kind of :data:`REGISTRY`).
    """
    specs = [REGISTRY[k] for k in kinds] if kinds is not None else list(REGISTRY.values())
    return statement_flags(Statement(root, members, roles, alignments, articles, speaker_names), specs)


def statement_flags(st: Statement, specs: Iterable[FlagKind]) -> list[Finding]:
    """The flags of these kinds for one statement: member rules member by member, then statement rules."""
    specs = sorted((k for k in specs if k.scope != "quote"), key=lambda k: k.written)
    per_member = [k for k in specs if k.scope == "member"]
    flags: list[Finding] = []
    if per_member:
        top = st.top
        for q in st.members:
            if q.id == st.root or st.roles.get(q.id) == "copy":
                continue
            ops = st.alignments.get(q.id) or align(top.text, q.text)
            flags += [f for k in per_member for f in k.rule(st, q, ops)]
    flags += [f for k in specs if k.scope == "statement" and (f := k.rule(st)) is not None]
    return flags


def quote_flags(quotes: Iterable[QuoteInfo], context: QuoteContext, specs: Iterable[FlagKind]) -> list[Finding]:
    """The flags of these kinds for single quotes (those not tied to a statement), kind by kind."""
    quotes = list(quotes)
    flags: list[Finding] = []
    for k in sorted((k for k in specs if k.scope == "quote"), key=lambda k: k.written):
        flags += k.rule(quotes, context)
    return flags


def _drift_rule(st: Statement, q: QuoteInfo, ops: list[Op]) -> list[Finding]:
    """A report's words against the statement's fullest wording (the root) and against its first
    appearance, when that is in other words than the root: every report is read against the words as
    first printed, and each pair of reports is compared once (the root and the first appearance are
    compared when the first appearance is the member). Two reports that quote different stretches of
    the statement are not compared word by word."""
    top, articles = st.top, st.articles
    if q.kind not in VERBATIM_KINDS:
        return []
    found = []
    if top.kind in VERBATIM_KINDS and differs(ops):
        found.append(_drift(st.root, top, q, ops, articles))
    first = st.first
    if (
        first is not None
        and first.id not in (st.root, q.id)
        and st.roles.get(first.id) != "copy"
        and first.kind in VERBATIM_KINDS
    ):
        translated = is_translation(first, articles[first.article_id]) or is_translation(q, articles[q.article_id])
        against_first = align(first.text, q.text, translated=translated)
        if differs(against_first) and not other_part(first.text, q.text, against_first):
            found.append(_drift(st.root, first, q, against_first, articles))
    return found


def _fragment_rule(st: Statement, q: QuoteInfo, ops: list[Op]) -> list[Finding]:
    if st.roles.get(q.id) == "fragment" and q.article_id != st.top.article_id:
        return [_fragment(st.top, q, ops, st.articles)]
    return []


def _conflict_rule(st: Statement) -> Finding | None:
    members, articles = st.members, st.articles
    speakers = {q.speaker_id for q in members if q.speaker_id is not None}
    if len(speakers) <= 1:
        return None
    where: dict[int, set[str]] = {s: set() for s in speakers}  # each member's article labelled once
    for q in members:
        if q.speaker_id is not None:
            where[q.speaker_id].add(articles[q.article_id].label)
    named = "; ".join(f"{st.speaker_names.get(s, '?')} ({', '.join(sorted(where[s]))})" for s in sorted(speakers))
    return Finding(
        "conflicting_speaker",
        "severe",
        f"The same statement is attributed to different people: {named}.",
        tuple(q.id for q in members if q.speaker_id is not None),
        st.root,
        {"speaker_ids": sorted(speakers)},
    )


def _first_rule(st: Statement) -> Finding | None:
    first = first_appearance(st.members, st.articles)
    if first is None:
        return None
    q = st.by_id[first]
    art = st.articles[q.article_id]
    day = q.said_on or art.date
    # reports published the same day: nobody can tell which came first, so the flag says it is a tie; a
    # report published later is no tie, even when it dates the words to that day (said_on), and the
    # first article quoting the words again is no other report
    published = art.date
    tied = [
        m for m in st.members if m.article_id != art.id and published and st.articles[m.article_id].date == published
    ]
    others = sorted({st.articles[m.article_id].undated.label for m in tied})
    tie = f" — a tie: {', '.join(others)} also published it on {published}" if others else ""
    details = {"date": day, "article_id": art.id, **({"tie": sorted(m.id for m in tied)} if tied else {})}
    return Finding(
        "first_appearance",
        "info",
        f"First appearance of this statement: {_dated(q, art)}{tie}{_said_earlier(st, q, art)}.",
        (first,),
        st.root,
        details,
    )


def _said_earlier(st: Statement, first: QuoteInfo, art: ArticleInfo) -> str:
    """A later report's word that the statement was said before the first report dates it: ``; Brandt
    Times says it was said on 2025-06-30`` (the earliest such date, each report named once)."""
    before = first.said_on or art.date or ""
    said = sorted(
        (m.said_on, st.articles[m.article_id].undated.label)
        for m in st.members
        if m.said_on and m.said_on < before and m.article_id != art.id
    )
    if not said:
        return ""
    day = said[0][0]
    who = ", ".join(dict.fromkeys(label for d, label in said if d == day))
    return f"; {who} {'say' if ', ' in who else 'says'} it was said on {day}"


def _unattributed_rule(quotes: list[QuoteInfo], context: QuoteContext) -> list[Finding]:
    return unattributed_flags(quotes, described=context.described)


def _primary_rule(quotes: list[QuoteInfo], context: QuoteContext) -> list[Finding]:
    owned = [q for q in quotes if q.speaker_id in context.sources]
    return primary_source_flags(owned, context.sources, context.speaker_names)


def _dated(q: QuoteInfo, art: ArticleInfo) -> str:
    """Where and when a quote appeared, each date once: "Kallpress 2025-03-12", or "Kallpress, said on
    2025-03-10, published 2025-03-12" when the words were said before the article came out."""
    where = art.undated.label
    if q.said_on and q.said_on != art.date:
        return f"{where}, said on {q.said_on}" + (f", published {art.date}" if art.date else "")
    return art.label


def _drift(root: int, top: QuoteInfo, q: QuoteInfo, ops: list[Op], articles) -> Finding:
    """The drift between the root's wording and member ``q``'s (``ops`` align them), told from the
    report published first to the later one: a fact-checker reads "“a” → “b”" as original → changed."""
    translated = is_translation(top, articles[top.article_id]) or is_translation(q, articles[q.article_id])
    early, late = sorted((top, q), key=lambda m: print_order(m, articles))
    if early is not top:
        ops = align(early.text, late.text, translated=translated)
    top, q = early, late
    where = f"{articles[top.article_id].label} and {articles[q.article_id].label}"
    changes = [op for op in ops if op.tag != "equal" and not op.why.startswith("shortened")]
    severity = worst(changes) or "minor"
    text = "; ".join(f"{op.why} ({op.severity})" for op in changes[:6])
    if len(changes) > 6:
        text += f"; and {len(changes) - 6} more"
    note = ""
    if translated:
        note = " Possible translation difference: one of the reports is translated."
        if severity != "severe" or not any(_hard(op) for op in changes):
            severity = _lower(severity)
    return Finding(
        "wording_drift",
        severity,
        f"Both {where} present this as a verbatim quote, but the words differ: {text}.{note}",
        (top.id, q.id),
        root,
        {"changes": [op.as_dict() for op in changes], "translation": translated},
    )


def _hard(op: Op) -> bool:
    return op.why.startswith(("number", "negation", "name"))


def _lower(severity: str) -> str:
    order = sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.__getitem__)
    return order[max(1, SEVERITY_ORDER[severity] - 1)]


def _fragment(top: QuoteInfo, q: QuoteInfo, ops: list[Op], articles) -> Finding:
    cut = [top.text[op.a_start : op.a_end] for op in ops if op.tag == "delete" and op.why.startswith("shortened")]
    cut = [c.strip() for c in cut if c.strip()]
    severity = "moderate" if any(op.severity == "severe" and op.tag == "delete" for op in ops) else "minor"
    if any(w in PIVOTS for c in cut for w in re.findall(r"\w+", c.lower())):
        severity = "moderate"
    left_out = " … ".join(f"“{c}”" for c in cut) or "part of the statement"
    return Finding(
        "fragment",
        severity,
        f"{articles[q.article_id].label} quotes only “{q.text.strip()}” of a statement that "
        f"{articles[top.article_id].label} quotes in full; left out: {left_out}.",
        (top.id, q.id),
        top.id,
        {"left_out": cut},
    )


def first_appearance(members: Iterable[QuoteInfo], articles: dict[int, ArticleInfo]) -> int | None:
    """The quote of the earliest published report (of reports published the same day, the article
    imported first); None if no report has a publication date.

    The first appearance of a statement in print is the report published first: a said-on date says
    when the words were spoken, not when they appeared, so a report published later that dates them
    earlier is not the first (its date is named in the flag). ClaimReview's ``firstAppearance`` follows
    the same rule (:mod:`quotecheck.io.export`).
    """
    dated = [q for q in members if articles[q.article_id].date]
    return min(dated, key=lambda q: print_order(q, articles)).id if dated else None


def print_order(q: QuoteInfo, articles: dict[int, ArticleInfo]) -> tuple:
    """A quote's place in the order its statement appeared in print: by publication date (undated
    last), then the article imported first, then where in its article."""
    published = articles[q.article_id].date
    return (published is None, published or "", q.article_id, q.start, q.id)


def unattributed_flags(
    quotes: Iterable[QuoteInfo], min_confidence: float = 0.5, described: frozenset[int] | set[int] = frozenset()
) -> list[Finding]:
    """Quotes with nobody named as their speaker.

    No speaker at all, on a run claimed as a quotation (confidence ≥ ``min_confidence``): moderate.
    A speaker known only by a description (``described`` speaker ids: "one man", "a spokeswoman"): minor,
    since a reader cannot check who said it.
    """
    flags = []
    for q in quotes:
        if not q.speaker and (q.confidence or 0.0) >= min_confidence:
            why = "Presented as a quotation, but the article names nobody as its speaker."
            flags.append(Finding("unattributed", "moderate", why, (q.id,), None, {"confidence": q.confidence}))
        elif q.speaker and q.speaker_id in described:
            why = f"Attributed only to “{q.speaker}”: the article does not name the speaker."
            flags.append(Finding("unattributed", "minor", why, (q.id,), None, {"described_as": q.speaker}))
    return flags


_EDGE = " ,.;:!?-\"'"
_MARKS = frozenset("'\"`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a")
_WORDS = re.compile(r"[^\W_]+(?:['.,][^\W_]+)*")


def searchable(text: str) -> tuple[str, list[int]]:
    """Text folded for searching, and the original offset of every folded character.

    Forgives what print, copy-paste and quoting change: case, ligatures, curly vs straight and single vs
    double marks, dashes, line breaks and words hyphenated across them ("denuclear-\\nization").
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
        if c in _MARKS:  # an article turns the source's quote marks into single ones inside its quote
            c = '"'
        c = unicodedata.normalize("NFKC", c)
        folded = c if c.isascii() else (anyascii(c) or c)
        for ch in folded.lower():
            out.append(ch)
            where.append(i)
        i += 1
    return "".join(out), where


def primary_check(quote: str, source: str) -> tuple[str, int, int, list[Op]]:
    """Find a quote in the speaker's primary source: ``(verdict, start, end, ops)``.

    ``verdict`` is ``verbatim``, ``changed`` (``ops`` align the passage, a side, with the quote, b side)
    or ``absent``; ``start``/``end`` are character offsets into ``source`` of the passage found, whole
    words from its first to its last (0, 0 when absent).

    Example:
        >>> verdict, start, end, _ = primary_check("We will raise fees", "Q: We will not raise fees.")
        >>> verdict, "Q: We will not raise fees."[start:end]
        ('changed', 'We will not raise fees')
    """
    q, _ = searchable(quote)
    q = q.strip(_EDGE)
    src, where = searchable(source)
    if not q:
        return "absent", 0, 0, []
    parts = [p.strip(_EDGE) for p in re.split(r"\s*(?:\.\.\.|\[\.\.\.\]|…)\s*", q) if p.strip(_EDGE)]
    if not parts:  # nothing but an elision mark: no words to look for
        return "absent", 0, 0, []
    pos, first, last = 0, None, None
    for part in parts:
        k = src.find(part, pos)
        if k < 0:
            break
        first = k if first is None else first
        last = k + len(part)
        pos = last
    else:
        assert first is not None and last is not None  # the loop ran: ``parts`` is not empty
        return "verbatim", where[first], where[last - 1] + 1, []
    hit = fuzz.partial_ratio_alignment(q, src, score_cutoff=80)
    if hit is None:
        return "absent", 0, 0, []
    span = _passage(q, src, hit.dest_start, hit.dest_end)
    if span is None:
        return "absent", 0, 0, []
    start, end = where[span[0]], where[span[1] - 1] + 1
    marks = _EDGE + "\n\u201c\u201d\u2018\u2019"
    core = quote.strip(marks)
    lead = len(quote) - len(quote.lstrip(marks))
    ops = []
    for op in align(source[start:end], core):
        op = replace(op, b_start=op.b_start + lead, b_end=op.b_end + lead)
        if op.label.startswith("shortened") and op.b_end > op.b_start:
            # the passage ends where the quote's words do: words past it are the article's own
            severity = max(op.severity or "info", "moderate", key=SEVERITY_ORDER.__getitem__)
            op = replace(op, severity=severity, label="added", why=f"added: “{quote[op.b_start : op.b_end]}”")
        ops.append(op)
    return "changed", start, end, ops


def _passage(q: str, src: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The whole words of ``src`` (folded) that best match quote ``q`` (folded) near ``src[lo:hi]``.

    A character-level window can start or end inside a word, or settle a few letters off when a word
    is missing ("will not raise" for "will raise"); so words are aligned instead, in a stretch around
    that window, and the passage kept only if it holds at least half of the quote's words in order.
    """
    qwords = [m.group() for m in _WORDS.finditer(q)]
    pad = len(q) // 2 + 80  # room for the words the window may be off by (a long source is not read whole)
    r0, r1 = max(0, lo - pad), min(len(src), hi + pad)
    spans = [
        m.span()
        for m in _WORDS.finditer(src, r0, r1)
        if not (m.start() == r0 > 0 and src[r0 - 1].isalnum()) and not (m.end() == r1 < len(src) and src[r1].isalnum())
    ]
    if not qwords or not spans:
        return None
    vocab: dict[str, int] = {}
    qids = [vocab.setdefault(w, len(vocab)) for w in qwords]
    sids = [vocab.setdefault(src[a:b], len(vocab)) for a, b in spans]
    first = next((i for i, (_, b) in enumerate(spans) if b > lo), len(spans) - 1)
    last = next((i for i in range(len(spans) - 1, -1, -1) if spans[i][0] < hi), first)
    slack = len(qids) // 4 + 3  # words the passage may have beyond the window (the quote left them out)
    w0, w1 = max(0, first - slack), min(len(sids), max(last, first) + 1 + slack)
    a, b = _fit(qids, sids[w0:w1], last + 1 - w0)
    a, b = a + w0, b + w0
    # a word substituted at an edge may belong to the next or previous sentence: leave such out
    kept = LCSseq.similarity(qids, sids[a:b])
    ends = [i for i in range(a, b - 1) if any(c in ".!?;" for c in src[spans[i][1] : spans[i + 1][0]])]
    ends = ends if not re.search(r"[.!?;]\W*\s", q) else []  # unless the quote runs on over a sentence end
    if ends and LCSseq.similarity(qids, sids[ends[0] + 1 : b]) == kept:
        a = ends[0] + 1
    if ends and ends[-1] >= a and LCSseq.similarity(qids, sids[a : ends[-1] + 1]) == kept:
        b = ends[-1] + 1
    if b <= a or LCSseq.similarity(qids, sids[a:b]) * 2 < len(qids):
        return None
    return spans[a][0], spans[b - 1][1]


def _fit(quote: list[int], text: list[int], near: int) -> tuple[int, int]:
    """``(start, end)`` of the stretch of ``text`` with the fewest word edits to ``quote``.

    Edit distance with free ends in ``text`` (Sellers' approximate substring match). A quote word the
    text lacks costs a little more than a substitution, so a word changed at an end ("by the city" for
    "by the state") is taken into the stretch rather than left out; of equally close stretches the one
    ending nearest ``near`` wins.
    """
    prev = [(0, j) for j in range(len(text) + 1)]  # (cost, start) of the best fit ending here
    for i, word in enumerate(quote, 1):
        cur = [(3 * i, 0)]
        for j, other in enumerate(text, 1):
            diag = (prev[j - 1][0] + (2 if word != other else 0), prev[j - 1][1])
            up = (prev[j][0] + 3, prev[j][1])  # a quote word the text lacks
            left = (cur[j - 1][0] + 2, cur[j - 1][1])  # a text word the quote lacks
            cur.append(min(diag, up, left, key=lambda c: c[0]))
        prev = cur
    end = min(range(1, len(text) + 1), key=lambda j: (prev[j][0], abs(j - near)))
    return prev[end][1], end


def primary_verdict(q: QuoteInfo, arts: list[ArticleInfo], who: str = "the speaker") -> dict | None:
    """A quote checked against its speaker's primary-source articles (best verdict over them).

    Returns None without a primary source; else ``verdict`` (``verbatim``, ``changed``, ``absent``, or
    ``primary`` when the quote is in the primary source itself), ``severity``, ``explanation``,
    ``article_id``, the passage found (``start``/``end`` in that article) and ``changes`` (word ops).
    """
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
    arts = [a for a in arts if _same_occasion(q, a)]
    if not arts:
        return None
    rank = {"verbatim": 0, "changed": 1, "absent": 2}
    checked = [(primary_check(q.text, art.text), art) for art in arts]
    (verdict, start, end, ops), art = min(checked, key=lambda c: rank[c[0][0]])
    title = art.title or art.label
    changes = [op for op in ops if op.tag != "equal" and not op.why.startswith("shortened")]
    if verdict == "verbatim":
        severity, text = "info", f"Found word for word in {who}'s primary source ({title})."
    elif verdict == "changed":
        noun = "transcript" if "transcript" in f"{art.title} {art.path}".lower() else "source"
        listed = "; ".join(_side_by_side(op, art.text[start:end], q.text, noun) for op in changes[:6])
        if len(changes) > 6:
            listed += f"; and {len(changes) - 6} more"
        severity, text = worst(changes) or "minor", f"Differs from {who}'s primary source ({title}): "
        text += f"{listed or 'only the ends differ'}."
    else:
        severity, text = "severe", f"Not in {who}'s primary source ({title}): it does not contain these words."
    return {
        "verdict": verdict,
        "severity": severity,
        "explanation": text,
        "article_id": art.id,
        "start": start,
        "end": end,
        "changes": [op.as_dict() for op in changes],
    }


OCCASION_DAYS = 2
"""Days after a primary source's date within which an article's quote (with no day of its own) may be
from that occasion; one published a week later may be from another interview altogether."""


def _same_occasion(q: QuoteInfo, source: ArticleInfo) -> bool:
    """Whether ``q`` can have been said on the occasion ``source`` records: on its day when the article
    says when the words were said, else published on that day or within :data:`OCCASION_DAYS` after;
    with a date missing on either side, it can."""
    held, when = day_of(source.date), day_of(q.said_on or q.published)
    if held is None or when is None:
        return True
    return when == held if q.said_on else 0 <= (when - held).days <= OCCASION_DAYS


def _side_by_side(op: Op, source: str, quote: str, noun: str) -> str:
    """One change as "negation changed: the transcript says “will not raise”, the article “will raise”".

    Words only one side has are shown with a word of context either side, so neither side is empty.
    """
    grow = op.a_start == op.a_end or op.b_start == op.b_end
    said = _around(source, op.a_start, op.a_end, grow)
    quoted = _around(quote, op.b_start, op.b_end, grow)
    return f"{op.label}: the {noun} says “{said}”, the article “{quoted}”"


def _around(text: str, start: int, end: int, grow: bool) -> str:
    if grow:
        before = [m.start() for m in _WORDS.finditer(text, 0, start)]
        after = _WORDS.search(text, end)
        start = before[-1] if before else start
        end = after.end() if after else end
    return " ".join(text[start:end].split())


def primary_source_flags(
    quotes: Iterable[QuoteInfo], sources: dict[int, list[ArticleInfo]], speaker_names: dict[int, str]
) -> list[Finding]:
    """Finding quotes of a speaker that the speaker's primary source has only with changes, or not at all.

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
            flags.append(
                Finding("missing_from_primary", found["severity"], found["explanation"], (q.id,), None, details)
            )
    return flags


CAUSES = frozenset({"speakers", "wording", "primary_source"})
"""What a flag can depend on: who said each quote (speaker grouping, corrections), the quotes' words and
the statements they form, and which articles are whose primary source."""


@dataclass(frozen=True)
class FlagKind:
    """One kind of flag: where its rule looks, what its result depends on, and the rule.

    ``scope`` is ``member`` (``rule(statement, member, ops)``, once per member of a statement that is not
    its root or a copy, returning a list), ``statement`` (``rule(statement)``) or ``quote`` (``rule(quotes, context)`` over
    single quotes, returning a list). ``depends_on`` (a subset of :data:`CAUSES`) tells
    :func:`quotecheck.matching.analysis.reflag` when the kind must be computed again. Flags are stored
    scope by scope, the kinds of a scope by ``written`` (then registry order), which gives them their ids
    and so the order listings show them in.
    """

    name: str
    scope: str
    depends_on: frozenset[str]
    rule: Callable
    written: int = 9


REGISTRY: dict[str, FlagKind] = {
    k.name: k
    for k in (
        FlagKind("wording_drift", "member", frozenset({"wording"}), _drift_rule),
        FlagKind("conflicting_speaker", "statement", frozenset({"speakers"}), _conflict_rule),
        FlagKind("fragment", "member", frozenset({"wording"}), _fragment_rule),
        FlagKind("missing_from_primary", "quote", CAUSES, _primary_rule, written=1),
        FlagKind("unattributed", "quote", frozenset({"speakers"}), _unattributed_rule, written=0),
        FlagKind("first_appearance", "statement", frozenset({"wording"}), _first_rule),
    )
}
"""Every kind of flag, in the order a person would look at them. Adding a kind: its rule above, an
entry here, and its style in the window (``ui/style.py``)."""

LINK_KINDS = ("paraphrase_meaning",)
"""Kinds written with a link between two reports by the module that finds the link, not by a rule of
:data:`REGISTRY` (a paraphrase that changes the facts of the quotation it reports:
:mod:`quotecheck.matching.paraphrases`). They are redone whenever the links are."""

KINDS = (*REGISTRY, *LINK_KINDS)
"""Every kind of flag's name, in the order a person would look at them."""


def depending_on(causes: Iterable[str]) -> list[FlagKind]:
    """The kinds whose flags may change when any of these (:data:`CAUSES`) changed."""
    causes = set(causes)
    unknown = causes - CAUSES
    if unknown:
        raise ValueError(f"unknown flag causes: {sorted(unknown)}")
    return [k for k in REGISTRY.values() if k.depends_on & causes]
