"""The typed records :class:`~quotecheck.library.Library` returns to the CLI and the window.

Every public ``Library`` query answers with one of these frozen dataclasses instead of a loose dict,
so a field name has one meaning everywhere:

- ``speaker``: the canonical name a person sees (the grouped person's name, else a reviewer's
  correction, else the engine's name);
- ``attributed_speaker``: the name the quote is attributed to in its own article (a reviewer's
  correction, else the engine's), before speakers are grouped across articles;
- ``extracted_speaker``: the engine's name before any review; ``reviewed_speaker``: the correction;
- ``mention`` (``speaker_as_written`` in an export entry): the words in the sentence ("he").

One record family per concept: an article is an :class:`ArticleRow` whose metadata is the pipeline's
:class:`~quotecheck.model.ArticleMeta`; a finding is a :class:`Flag`; a report of a statement is a
:class:`Variant` (in the side-by-side view and in an export entry alike).

The window imports this module and :mod:`quotecheck.library` only (the quote filter it builds is
re-exported there). This module imports nothing heavy: no database, no spaCy, no matching code.
``as_json`` gives a record in the shape ``quotecheck COMMAND --json`` has always printed.

Example:
    >>> op = DiffOp("replace", 0, 2, 0, 2, "severe", "number changed: 40 → 14")
    >>> Variant(quote_id=1, text="14 trains", diff=(op,)).marks
    (Mark(start=0, end=2, severity='severe', why='number changed: 40 → 14'),)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .model import META_FIELDS, ArticleMeta

log = logging.getLogger(__name__)

__all__ = [
    "META_FIELDS",
    "ArticleMeta",
    "ArticleRow",
    "DiffOp",
    "EXPORT_FORMATS",
    "ExportFormat",
    "format_of_extension",
    "FirstAppearance",
    "Decision",
    "Flag",
    "FlaggedQuote",
    "Mark",
    "Member",
    "PrimaryCheck",
    "Provenance",
    "QuoteRow",
    "ReextractReport",
    "SpeakerRow",
    "SpellingEvidence",
    "Statement",
    "Variant",
]


# -- export formats -------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFormat:
    """A citation format: the name the CLI takes, what a person calls it, the file extension."""

    key: str
    label: str
    extension: str


EXPORT_FORMATS = (
    ExportFormat("csv", "CSV spreadsheet", "csv"),
    ExportFormat("json", "JSON", "json"),
    ExportFormat("markdown", "Markdown citation list", "md"),
    ExportFormat("csl-json", "CSL-JSON (Zotero, citation managers)", "json"),
    ExportFormat("bibtex", "BibTeX", "bib"),
    ExportFormat("ris", "RIS", "ris"),
    ExportFormat("claimreview", "ClaimReview (schema.org JSON-LD)", "json"),
)
"""Every export format, in the order the export dialog lists them (the one list: the CLI's choices,
:data:`quotecheck.io.export.FORMATS` and the dialog all read it)."""


def format_of_extension(path: str) -> ExportFormat | None:
    """The export format a file name's extension names ("x.bib": BibTeX; ".json" is plain JSON, the
    first format written as .json), or None for an extension no format writes, or none.

    Example: ``format_of_extension("out/quotes.md").key == "markdown"``.
    """
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    return next((f for f in EXPORT_FORMATS if f.extension == ext), None) if ext else None


# -- articles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleRow:
    """A stored article: its id, the path it was imported from, its metadata and number of quotes.

    ``text`` and ``paragraphs`` (``(start, end)`` of every non-empty line) are filled by
    :meth:`Library.article` only; a listing leaves them empty.
    """

    id: int
    path: str
    meta: ArticleMeta = ArticleMeta()
    content_hash: str = ""
    quotes: int = 0
    text: str | None = None
    paragraphs: tuple[tuple[int, int], ...] = ()

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ArticleRow:
        """From an ``articles`` table row (with a ``quotes`` count and ``paragraphs`` when selected)."""
        return cls(
            id=row["id"],
            path=row["path"],
            meta=ArticleMeta(**{name: row.get(name) for name in META_FIELDS}),
            content_hash=row.get("content_hash") or "",
            quotes=row.get("quotes") or 0,
            text=row.get("text"),
            paragraphs=tuple(tuple(p) for p in row.get("paragraphs") or ()),
        )

    def as_json(
        self, keys: tuple[str, ...] = ("id", "path", "outlet", "date", "title", "quotes", *META_FIELDS)
    ) -> dict:
        """The fields ``quotecheck articles --json`` prints (metadata flattened beside id and path)."""
        flat = {"id": self.id, "path": self.path, "quotes": self.quotes, "content_hash": self.content_hash}
        flat.update({name: getattr(self.meta, name) for name in META_FIELDS})
        return {k: flat[k] for k in keys}


# -- quotes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteRow:
    """One quote with its article's citation fields, its flags and the decisions taken on it.

    Attributes:
        speaker: the canonical speaker shown to a person (grouped name, else correction, else extracted).
        extracted_speaker: the fullest name the engine found, before any review.
        reviewed_speaker: a reviewer's correction, if any.
        mention: the speaker as written in the quote's sentence ("he", "the expert").
        speaker_start / speaker_end: the mention the attribution rests on, in the article text.
        flags: the kinds of the flags concerning this quote, sorted.
        outlet, date, title, path, url: the article's.
        wording_was: the words the verdict or note in force was given on, when the quote reads otherwise
            now (its article was edited and imported again): the decision stands, and should be checked.
        reworded_for: which decision ``wording_was`` concerns: "verdict", "note" or "verdict and note".
    """

    id: int
    article_id: int
    start: int
    end: int
    text: str
    speaker: str | None = None
    extracted_speaker: str | None = None
    reviewed_speaker: str | None = None
    mention: str | None = None
    speaker_id: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    kind: str | None = "direct"
    confidence: float | None = None
    reason: str | None = None
    said_on: str | None = None
    reported_by: str | None = None
    paragraph: int | None = None
    confirmed: bool = False
    verdict: str | None = None
    note: str | None = None
    outlet: str | None = None
    date: str | None = None
    title: str | None = None
    path: str | None = None
    url: str | None = None
    flags: tuple[str, ...] = ()
    wording_was: str | None = None
    reworded_for: str | None = None

    def as_json(self, keys: tuple[str, ...]) -> dict:
        """These fields as JSON-ready values (``flags`` as a list)."""
        return {k: list(v) if isinstance(v := getattr(self, k), tuple) else v for k in keys}

    @property
    def review_marks(self) -> str:
        """The decisions taken on this quote, short enough to read whole in a table cell or at the end of
        a line: the verdict (or "speaker") and a mark per other decision (:data:`REVIEW_MARKS`); "" when
        none.

            >>> QuoteRow(1, 1, 0, 5, "words", verdict="misquoted", confirmed=True, note="call").review_marks
            'misquoted ✓ ¶'
        """
        mark = "✎" if self.reviewed_speaker else "✓" if self.confirmed else ""
        extra = [m for m, on in (("¶", self.note), ("≠", self.wording_was)) if on]
        if self.verdict:
            return " ".join(p for p in [self.verdict, mark, *extra] if p)
        if mark:
            return " ".join(["speaker fixed" if self.reviewed_speaker else "speaker ✓", *extra])
        if len(extra) == 1:  # alone, a word says it
            return "note" if self.note else "reworded since"
        return " ".join(extra)


REVIEW_MARKS = "✓ speaker confirmed · ✎ speaker corrected · ¶ a note · ≠ reworded since the verdict"
"""What the marks of :attr:`QuoteRow.review_marks` stand for (the window's Review column, ``quotes``)."""


@dataclass(frozen=True)
class Decision:
    """A person's decision as stored: ``kind`` (speaker, confirm, verdict, note, merge, split), its
    ``value``, the quote it is anchored to (article text hash, place and words; None for merge and
    split) and whether it is ``active`` (undone decisions are kept, inactive)."""

    id: int
    kind: str
    value: Mapping[str, Any] | None = None
    article_hash: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None
    quote_text: str | None = None
    created_at: str = ""
    active: bool = True


@dataclass(frozen=True)
class ReextractReport:
    """What a re-extraction did: articles done, quotes kept in place, new and gone."""

    articles: int = 0
    kept: int = 0
    added: int = 0
    removed: int = 0
    cancelled: bool = False
    reworded: tuple[str, ...] = ()
    """One line per quote whose verdict or note now stands on other words (see ``QuoteRow.wording_was``)."""

    def as_json(self) -> dict:
        """The counts ``quotecheck reextract --json`` prints (``cancelled`` only when it was)."""
        out = {"articles": self.articles, "kept": self.kept, "added": self.added, "removed": self.removed}
        if self.reworded:
            out["reworded"] = len(self.reworded)
        return out | ({"cancelled": True} if self.cancelled else {})


# -- speakers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpellingEvidence:
    """Why one spelling was grouped under a speaker."""

    alias: str
    evidence: str | None = None


@dataclass(frozen=True)
class SpeakerRow:
    """A canonical speaker: every spelling (``aliases``, the name among them), quote count, evidence.

    ``kind`` is ``person``, ``organisation``, ``role`` (described, not named) or None when unknown.
    """

    id: int
    name: str
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    quotes: int = 0
    evidence: tuple[SpellingEvidence, ...] = ()
    hidden: bool = False
    """A person said this is no speaker worth listing (a noisy entry); its quotes keep their attribution."""
    where: str = ""
    """Where the speaker is quoted ("The Ledger, 2026-03-02 and 2 more"), given only when another
    speaker is written the same way ("the official" of two articles): what tells the rows apart."""

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SpeakerRow:
        """From the matching report's dict."""
        return cls(
            id=d["id"],
            name=d["name"],
            kind=d["kind"],
            aliases=tuple(d["aliases"]),
            quotes=d["quotes"],
            evidence=tuple(SpellingEvidence(e["alias"], e["evidence"]) for e in d["evidence"]),
            hidden=bool(d.get("hidden", False)),
            where=d.get("where") or "",
        )

    def as_json(self) -> dict:
        return _jsonable(asdict(self))


# -- word differences -------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffOp:
    """One aligned block of two wordings, as :mod:`quotecheck.matching.align` makes it (there named
    ``Op``) and as the window and the exports read it.

    ``a[a_start:a_end]`` versus ``b[b_start:b_end]`` in characters; ``tag`` is ``equal``, ``replace``,
    ``insert`` (words only in b) or ``delete`` (words only in a); ``severity`` None for ``equal``; ``why``
    says in plain words what differs; ``label`` is its first part, the kind of change ("negation
    changed", "wording"), for callers that show the words their own way (not stored).
    """

    tag: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    severity: str | None = None
    why: str = ""
    label: str = field(default="", compare=False)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DiffOp:
        return cls(d["tag"], d["a_start"], d["a_end"], d["b_start"], d["b_end"], d.get("severity"), d.get("why") or "")

    def as_dict(self) -> dict:
        """The stored form (``label`` left out: it is the start of ``why``)."""
        return {
            "tag": self.tag,
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "severity": self.severity,
            "why": self.why,
        }


@dataclass(frozen=True)
class Mark:
    """A range of characters that differs, with how much it matters and why."""

    start: int
    end: int
    severity: str | None
    why: str = ""


@dataclass(frozen=True)
class TranslationLink:
    """Two quotes in different languages found to be one statement: ``original_id`` is rendered by
    ``quote_id``; ``kind`` "translation" or "possible translation", with the encoder's ``score`` and
    what was checked (numbers, dates, names, negation) in ``evidence``."""

    quote_id: int
    original_id: int
    kind: str
    score: float | None = None
    evidence: str | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TranslationLink:
        rest = {k: v for k, v in d.items() if k not in ("quote_id", "original_id", "kind", "score")}
        evidence = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in rest.items() if v not in (None, "", [], {}))
        return cls(d["quote_id"], d["original_id"], d["kind"], d.get("score"), evidence or None)


# -- flags ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FlaggedQuote:
    """A quote a flag concerns: its id, words, article path and attributed speaker."""

    quote_id: int
    text: str = ""
    article: str = ""
    attributed_speaker: str | None = None

    def as_json(self) -> dict:
        return {
            "quote_id": self.quote_id,
            "text": self.text,
            "article": self.article,
            "speaker": self.attributed_speaker,
        }


@dataclass(frozen=True)
class Flag:
    """One finding: what kind, how serious, why in plain words, and the quotes it concerns.

    ``cluster_id`` names the statement a flag about several reports concerns (None for a flag on one
    report); ``details`` carries what the rule found (``verdict`` for a primary-source check).
    """

    kind: str
    severity: str
    explanation: str
    id: int | None = None
    cluster_id: int | None = None
    details: Mapping[str, Any] = field(default_factory=dict, hash=False)
    quotes: tuple[FlaggedQuote, ...] = ()

    @property
    def quote_ids(self) -> tuple[int, ...]:
        return tuple(q.quote_id for q in self.quotes)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Flag:
        """From the matching report's dict (``quotes`` as dicts whose ``speaker`` is the attributed one)."""
        return cls(
            kind=d["kind"],
            severity=d["severity"],
            explanation=d["explanation"],
            id=d.get("id"),
            cluster_id=d.get("cluster_id"),
            details=d.get("details") or {},
            quotes=tuple(
                FlaggedQuote(q["quote_id"], q.get("text", ""), q.get("article", ""), q.get("speaker"))
                for q in d.get("quotes") or ()
            ),
        )

    def as_json(self, *, quotes: bool = True) -> dict:
        """The shape ``quotecheck flags --json`` prints (``clusters --json`` lists flags without quotes)."""
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "explanation": self.explanation,
            "cluster_id": self.cluster_id,
            "details": dict(self.details),
        }
        if quotes:
            out["quotes"] = [q.as_json() for q in self.quotes]
        return out


# -- statements -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """One report of a statement: where, by whom, its role and its alignment to the fullest wording."""

    quote_id: int
    article: str
    start: int
    end: int
    text: str
    attributed_speaker: str | None = None
    speaker_id: int | None = None
    speaker: str | None = None
    role: str | None = None
    alignment: tuple[DiffOp, ...] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Member:
        """From the matching report's dict (``speaker``: the attributed one; ``canonical_speaker``)."""
        return cls(
            quote_id=d["quote_id"],
            article=d["article"],
            start=d["start"],
            end=d["end"],
            text=d["text"],
            attributed_speaker=d["speaker"],
            speaker_id=d["speaker_id"],
            speaker=d["canonical_speaker"],
            role=d["role"],
            alignment=tuple(DiffOp.from_dict(op) for op in d["alignment"]),
        )

    def as_json(self) -> dict:
        """The shape ``quotecheck clusters --json`` prints (``speaker`` there is the attributed one)."""
        return {
            "quote_id": self.quote_id,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.attributed_speaker,
            "speaker_id": self.speaker_id,
            "canonical_speaker": self.speaker,
            "role": self.role,
            "alignment": [asdict(op) for op in self.alignment],
        }


@dataclass(frozen=True)
class Statement:
    """A statement reported by two or more quotes (a cluster), with its members and flags."""

    id: int
    kind: str
    root_quote_id: int
    first_quote_id: int | None
    members: tuple[Member, ...] = ()
    flags: tuple[Flag, ...] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Statement:
        return cls(
            id=d["id"],
            kind=d["kind"],
            root_quote_id=d["root_quote_id"],
            first_quote_id=d["first_quote_id"],
            members=tuple(Member.from_dict(m) for m in d["members"]),
            flags=tuple(Flag.from_dict(f) for f in d["flags"]),
        )

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "root_quote_id": self.root_quote_id,
            "first_quote_id": self.first_quote_id,
            "members": [m.as_json() for m in self.members],
            "flags": [f.as_json(quotes=False) for f in self.flags],
        }


# -- provenance -------------------------------------------------------------------------------


def _compares_facts(d: Mapping[str, Any]) -> bool:
    """A report whose marks are facts, not a word alignment: a rendering in another language, or a
    paraphrase beside a quotation."""
    return d.get("translation") is not None or bool(d.get("paraphrase"))


@dataclass(frozen=True)
class Variant:
    """One report of a statement: in the side-by-side view, and as another report in an export entry.

    ``diff`` holds the word alignment (:mod:`quotecheck.matching.align`) of the selected quote (side
    a) against this report (side b); it is empty for the selected quote itself. ``first`` marks the
    earliest report, ``primary`` a report in the speaker's primary source; ``flags`` the kinds of
    flag on this report. ``paraphrase``: this report or the selected one is reported speech, so the
    marks compare facts (numbers, negation, certainty) and the words put otherwise, not a word alignment;
    ``kind`` the report's (``direct``, ``partial``, or ``indirect`` for reported speech).
    ``part`` is set when this report quotes another stretch of the statement
    than the selected quote (``before`` or ``after`` it, or ``elsewhere``): then it is no wording of
    the selected words and ``diff`` is empty; ``same_article`` says it is in the selected quote's article.
    ``date`` is the day the words were said when the article says so (``said_on``), else its ``published``
    date.
    """

    quote_id: int
    text: str
    article_id: int | None = None
    article: str = ""
    start: int = 0
    end: int = 0
    outlet: str | None = None
    date: str | None = None
    said_on: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    attributed_speaker: str | None = None
    speaker: str | None = None
    speaker_id: int | None = None
    cue: str | None = None
    role: str | None = None
    mention: str | None = None
    language: str | None = None
    translation: TranslationLink | None = None
    fact_marks: tuple[Mark, ...] = ()
    selected_fact_marks: tuple[Mark, ...] = ()
    paraphrase: bool = False
    kind: str | None = None
    first: bool = False
    primary: bool = False
    diff: tuple[DiffOp, ...] = ()
    flags: tuple[str, ...] = ()
    part: str | None = None
    same_article: bool = False

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Variant:
        """From the matching report's dict (``speaker_as_written``, ``canonical``, ``diff`` as dicts)."""
        return cls(
            quote_id=d["quote_id"],
            text=d["text"],
            article=d["article"],
            start=d["start"],
            end=d["end"],
            outlet=d["outlet"],
            date=d["date"],
            said_on=d.get("said_on"),
            published=d.get("published"),
            title=d["title"],
            attributed_speaker=d["speaker_as_written"],
            speaker=d["canonical"],
            speaker_id=d["speaker_id"],
            cue=d["cue"],
            role=d["role"],
            first=bool(d["first"]),
            primary=bool(d["primary"]),
            diff=tuple(DiffOp.from_dict(op) for op in d["diff"]),
            flags=tuple(d["flags"]),
            part=d.get("part"),
            same_article=bool(d.get("same_article")),
            language=d.get("language"),
            translation=TranslationLink.from_dict(d["translation"]) if d.get("translation") else None,
            paraphrase=bool(d.get("paraphrase")),
            kind=d.get("kind"),
            fact_marks=tuple(Mark(**m) for m in d.get("marks") or ()) if _compares_facts(d) else (),
            selected_fact_marks=tuple(Mark(**m) for m in d.get("selected_marks") or ()) if _compares_facts(d) else (),
        )

    @property
    def marks(self) -> tuple[Mark, ...]:
        """The words of this report that differ from the selected quote (for a rendering in another
        language, only the numbers and negations that disagree: wording always differs there; for a
        paraphrase beside a quotation, its facts and the words it puts otherwise)."""
        if self.translation is not None or self.paraphrase:
            return self.fact_marks
        return tuple(
            Mark(op.b_start, op.b_end, op.severity, op.why)
            for op in self.diff
            if op.tag != "equal" and op.b_end > op.b_start
        )

    @property
    def selected_marks(self) -> tuple[Mark, ...]:
        """The words of the selected quote that differ from this report."""
        if self.translation is not None or self.paraphrase:
            return self.selected_fact_marks
        return tuple(
            Mark(op.a_start, op.a_end, op.severity, op.why)
            for op in self.diff
            if op.tag != "equal" and op.a_end > op.a_start
        )


@dataclass(frozen=True)
class FirstAppearance:
    """The earliest report of a statement: ``date`` the day it was said when the article says so
    (``said_on``), else the day the article was published (``published``)."""

    quote_id: int
    date: str | None = None
    said_on: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class PrimaryCheck:
    """The selected quote checked against its speaker's primary source.

    ``status`` is ``verbatim``, ``differs``, ``missing`` or ``primary`` (the quote is in the primary
    source itself); ``explanation`` says it in words; ``article_id``/``start``/``end`` locate the
    passage found; ``changes`` the differing word blocks.
    """

    status: str
    severity: str
    explanation: str
    article_id: int | None = None
    start: int | None = None
    end: int | None = None
    changes: tuple[DiffOp, ...] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PrimaryCheck:
        return cls(
            status=d["status"],
            severity=d["severity"],
            explanation=d["explanation"],
            article_id=d.get("article_id"),
            start=d.get("start"),
            end=d.get("end"),
            changes=tuple(DiffOp.from_dict(op) for op in d.get("changes") or ()),
        )


@dataclass(frozen=True)
class Provenance:
    """Every report of the statement a quote belongs to, side by side.

    ``statement`` is the fullest wording; ``cluster_id`` None when the quote is reported once (then
    ``variants`` holds the quote alone); ``primary_source`` None when the speaker has no primary source
    in the project; ``flags`` every flag on the statement or on one of its reports, each with the
    quotes it concerns.
    """

    quote_id: int
    cluster_id: int | None
    statement: str
    variants: tuple[Variant, ...]
    first_appearance: FirstAppearance | None = None
    primary_source: PrimaryCheck | None = None
    flags: tuple[Flag, ...] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], concerns: Mapping[int, list[int]]) -> Provenance:
        """From the matching report's dict; ``concerns`` maps each flag id to the quote ids it concerns."""
        variants = tuple(Variant.from_dict(v) for v in d["variants"])
        by_id = {v.quote_id: v for v in variants}

        def quote(qid: int) -> FlaggedQuote:
            v = by_id.get(qid)
            return FlaggedQuote(qid, v.text, v.article, v.attributed_speaker) if v else FlaggedQuote(qid)

        first = d.get("first_appearance")
        return cls(
            quote_id=d["quote_id"],
            cluster_id=d["cluster_id"],
            statement=d["statement"],
            variants=variants,
            first_appearance=FirstAppearance(**first) if first else None,
            primary_source=PrimaryCheck.from_dict(d["primary_source"]) if d.get("primary_source") else None,
            flags=tuple(
                replace(Flag.from_dict(f), quotes=tuple(quote(q) for q in concerns.get(f["id"], ())))
                for f in d["flags"]
            ),
        )


def _jsonable(value):
    """Tuples as lists, at any depth (``json.dumps`` does it too; this keeps equality with parsed JSON)."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
