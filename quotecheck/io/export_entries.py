"""What an export knows about each quote: :class:`Entry` records read from a project by :func:`collect`.

Kept apart from :mod:`quotecheck.io.export`, which renders entries into formats: this module is the only
part of exporting that reads the database, and every format shares its records. Example::

    entries = collect(db, QuoteFilter(reviewed_only=True))
"""

from __future__ import annotations

import json
import logging
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from ..project.query import QuoteFilter, select_ids
from ..records import Flag, Variant

log = logging.getLogger(__name__)

ARTICLE_FIELDS = ("title", "outlet", "author", "date", "url", "language")
"""The article metadata every entry carries (the citation fields proper)."""
_CHUNK = 500  # ids per IN (...) query, well under SQLite's bound on parameters


VARIANT_FIELDS = ("quote_id", "text", "article_id", "outlet", "date", "title", "url", "role")
"""What an entry tells of another report of its statement (a :class:`~quotecheck.records.Variant`)."""
FLAG_FIELDS = ("kind", "severity", "explanation")
"""What an entry tells of a finding on its quote (a :class:`~quotecheck.records.Flag`)."""


@dataclass(frozen=True)
class Original:
    """The quote in another language that a translated quote renders (see ``translation_links``)."""

    quote_id: int
    text: str
    language: str | None = None
    outlet: str | None = None
    date: str | None = None
    link: str | None = None  # "translation" or "possible translation"
    score: float | None = None


@dataclass(frozen=True)
class Entry:
    """One quote with everything a citation of it needs.

    Attributes:
        speaker: the canonical speaker (the grouped person's name, else the reviewer's correction,
            else the extractor's name); ``speaker_as_written`` is the mention in the sentence.
        speaker_kind: ``speakers.kind`` of the grouped speaker (person, organisation, role...), if known;
            "organisation" when that says no more than "role" or "partial" but the article names the
            speaker as a body (the engine's entity, ``quotes.speaker_kind``; not after a correction).
        title, outlet, author, date, url, language: the article's metadata; None when unknown.
        paragraph: 1-based number of the article paragraph the quote starts in.
        start, end: character offsets of the quoted words in the article text.
        statement_id: the cluster of reports of the same statement; None for a lone quote.
        variants: the statement's other reports (:data:`VARIANT_FIELDS` of each); flags: the findings
            on this quote (:data:`FLAG_FIELDS` of each).
        changed_in: the quote ids of the variants that change a fact of this quote (a severe flag names
            both: a number, a negation, a name); None when none does.
        verdict, note: what the reviewer decided and wrote.
        verdict_given_on: the words the verdict was given on, when the quote reads otherwise now (the
            article was edited and imported again); None when the verdict is on the words as they are.
        confidence: the extractor's confidence in the speaker (a probability).
        confirmed: a person confirmed the speaker; corrected_from: the extractor's speaker when a
            person corrected it (None when not corrected).
        quote_language: the language of the quoted words (ISO 639-1), which may differ from the article's.
        translation_of: for a translation, the original it renders.
        kind: ``direct`` or ``partial`` quotation, or ``indirect``: reported speech, a paraphrase
            that never claimed the speaker's words.
        cue: the words that attribute it ("said", "denied", "did not say", "according to").
    """

    quote_id: int
    text: str
    article_id: int
    start: int
    end: int
    speaker: str | None = None
    speaker_as_written: str | None = None
    speaker_kind: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None
    paragraph: int | None = None
    statement_id: int | None = None
    variants: tuple[Variant, ...] = ()
    changed_in: tuple[int, ...] | None = None
    flags: tuple[Flag, ...] = ()
    verdict: str | None = None
    verdict_given_on: str | None = None
    note: str | None = None
    confidence: float | None = None
    confirmed: bool | None = None
    corrected_from: str | None = None
    quote_language: str | None = None
    translation_of: Original | None = None
    kind: str = "direct"
    cue: str | None = None

    @property
    def statement(self) -> tuple[str, int]:
        """A key shared by the reports of one statement; a quote outside any cluster is its own."""
        return ("cluster", self.statement_id) if self.statement_id is not None else ("quote", self.quote_id)

    def as_dict(self) -> dict:
        """The entry as plain data with every missing value left out (the JSON export)."""
        plain = asdict(self) | {
            "variants": [{k: getattr(v, k) for k in VARIANT_FIELDS} for v in self.variants],
            "flags": [{k: getattr(f, k) for k in FLAG_FIELDS} for f in self.flags],
        }
        return drop_none(plain)


def drop_none(value):
    """``value`` with every None left out of its dicts, at any depth."""
    if isinstance(value, dict):
        return {k: drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [drop_none(v) for v in value]
    return value


def _clean(value) -> str | None:
    """A stored text value, or None when it is missing, blank, or a stray "None"/"null" string."""
    text = "" if value is None else str(value).strip()
    return None if text in ("", "None", "null") else text


def _rows(db, sql: str, ids: Iterable[int]) -> Iterator[tuple]:
    """Run ``sql`` (with one ``{ids}`` placeholder) over ``ids`` in chunks."""
    ids = sorted(set(ids))
    for chunk in (ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)):
        yield from db.execute(sql.format(ids=", ".join("?" * len(chunk))), chunk).fetchall()


def _paragraph_number(spans: list, start: int, stored: int | None) -> int | None:
    """1-based paragraph holding ``start``, from the article's spans; else the stored 0-based index."""
    starts = [s for s, _ in spans]
    i = bisect_right(starts, start) - 1
    if i >= 0 and start <= spans[i][1]:
        return i + 1
    return stored + 1 if stored is not None else None


def collect(db, flt: QuoteFilter | None = None) -> list[Entry]:
    """The quotes ``flt`` selects, in the quote table's order, as :class:`Entry` records.

    Example::

        entries = collect(db, QuoteFilter(speaker="Dvořáková", reviewed_only=True))
    """
    ids = select_ids(db, flt)
    quotes = {r[0]: r for r in _rows(db, _QUOTES_SQL, ids)}
    language = dict(_rows(db, "SELECT id, language FROM quotes WHERE id IN ({ids})", ids))
    articles = {r[0]: r for r in _rows(db, _ARTICLES_SQL, (q[2] for q in quotes.values()))}
    clusters: dict[int, list[int]] = {}
    for quote_id, cluster_id in _rows(db, _CLUSTERS_SQL, ids):
        clusters.setdefault(quote_id, []).append(cluster_id)
    cluster_ids = [c for cs in clusters.values() for c in cs]
    members: dict[int, list[Variant]] = {}
    for cluster_id, role, quote_id, text, article_id, kind, lang, cue, *meta in _rows(db, _MEMBERS_SQL, cluster_ids):
        outlet, date, title, url = map(_clean, meta)
        members.setdefault(cluster_id, []).append(
            Variant(
                quote_id, text, article_id, outlet=outlet, date=date, title=title, url=url, role=_clean(role),
                kind=kind or "direct", language=lang, cue=_clean(cue),
            )
        )  # fmt: skip
    flags: dict[tuple[str, int], dict[int, Flag]] = {}
    for owner, flag_id, *flag in _rows(db, _QUOTE_FLAGS_SQL, ids):
        flags.setdefault(("quote", owner), {})[flag_id] = Flag(*flag)
    # A flag on a cluster that names no quote is about the whole statement, so every report carries it.
    for owner, flag_id, *flag in _rows(db, _STATEMENT_FLAGS_SQL, cluster_ids):
        flags.setdefault(("cluster", owner), {})[flag_id] = Flag(*flag)

    # quotes that share a severe flag (a number, a negation, a name changed between the two) are no
    # appearance of one claim, whatever statement joins them
    severe: dict[int, set[int]] = {}
    variant_ids = {v.quote_id for vs in members.values() for v in vs}
    for quote_id, flag_id in _rows(db, _SEVERE_FLAGS_SQL, set(ids) | variant_ids):
        severe.setdefault(quote_id, set()).add(flag_id)
    originals = _originals(db, ids)
    spans = {aid: json.loads(a[7] or "[]") for aid, a in articles.items()}
    entries = []
    for qid in ids:
        (_, text, aid, start, end, paragraph, name, kind, reviewed, extracted, mention, verdict, note,
         confidence, confirmed, qkind, cue, wording_was, reworded_for, named_as) = quotes[qid]  # fmt: skip
        own = sorted(clusters.get(qid, ()))
        variants = {v.quote_id: v for c in own for v in members.get(c, ()) if v.quote_id != qid}
        owners = [("quote", qid)] + [("cluster", c) for c in own]
        found = {k: f for owner in owners for k, f in flags.get(owner, {}).items()}
        meta = dict(zip(ARTICLE_FIELDS, map(_clean, articles[aid][1:7]), strict=True))
        entries.append(
            Entry(
                qid, text, aid, start, end,
                speaker=_clean(name) or _clean(reviewed) or _clean(extracted),
                speaker_as_written=_clean(mention),
                speaker_kind=_speaker_kind(_clean(kind) if _clean(name) else None, named_as, reviewed),
                paragraph=_paragraph_number(spans[aid], start, paragraph),
                statement_id=own[0] if own else None,
                variants=tuple(variants.values()),
                changed_in=tuple(v for v in variants if severe.get(qid, set()) & severe.get(v, set())) or None,
                flags=tuple(f for _, f in sorted(found.items())),
                verdict=(_clean(verdict) or "").lower() or None,
                verdict_given_on=given_on(verdict, wording_was, reworded_for),
                note=_clean(note),
                kind=qkind or "direct",
                cue=_clean(cue),
                confidence=round(confidence, 3) if confidence is not None else None,
                confirmed=True if confirmed else None,
                corrected_from=(_clean(extracted) or "(none)") if _clean(reviewed) else None,
                quote_language=language.get(qid),
                translation_of=originals.get(qid),
                **meta,
            )
        )  # fmt: skip
    return entries


def _speaker_kind(grouped: str | None, named_as: str | None, reviewed: str | None) -> str | None:
    """The grouped speaker's kind, or "organisation" where that is vague and the article names a body."""
    if grouped in ("person", "organisation") or named_as != "body" or _clean(reviewed):
        return grouped
    return "organisation"


def given_on(verdict, wording_was, reworded_for) -> str | None:
    """The earlier words a verdict in force was given on, or None when it stands on the words as they are
    (a project from before ``reworded_for`` says nothing of which decision: counted as the verdict's)."""
    if not _clean(verdict) or not _clean(wording_was):
        return None
    return wording_was if reworded_for is None or "verdict" in reworded_for else None


def _originals(db, ids) -> dict[int, Original]:
    """Translated quote id -> the original it renders: of several, one that is not itself a translation
    (a German report of an English rendering of Russian words renders the Russian), then the best link."""
    if "translation_links" not in db.table_names():
        return {}
    out: dict[int, Original] = {}
    for qid, oid, text, lang, outlet, date, kind, score in _rows(db, _ORIGINALS_SQL, ids):
        if qid not in out:
            out[qid] = Original(oid, text, _clean(lang), _clean(outlet), _clean(date), kind, score)
    return out


_ORIGINALS_SQL = (
    "SELECT t.quote_id, o.id, o.text, o.language, a.outlet, COALESCE(o.said_on, a.date), t.kind, t.score"
    " FROM translation_links t JOIN quotes o ON o.id = t.original_id JOIN articles a ON a.id = o.article_id"
    " WHERE t.quote_id IN ({ids}) ORDER BY t.quote_id,"
    " EXISTS (SELECT 1 FROM translation_links u WHERE u.quote_id = o.id), t.kind DESC, t.score DESC"
)
_QUOTES_SQL = (
    "SELECT q.id, q.text, q.article_id, q.start, q.end, q.paragraph, s.name, s.kind, q.reviewed_speaker, q.speaker,"
    " q.mention, q.verdict, q.note, q.confidence, q.confirmed, q.kind, q.cue, q.wording_was, q.reworded_for,"
    " q.speaker_kind"
    " FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.id IN ({ids})"
)
_CLUSTERS_SQL = "SELECT quote_id, cluster_id FROM cluster_members WHERE quote_id IN ({ids})"
_ARTICLES_SQL = "SELECT id, title, outlet, author, date, url, language, paragraphs FROM articles WHERE id IN ({ids})"
_MEMBERS_SQL = (
    "SELECT cm.cluster_id, cm.role, q.id, q.text, a.id, q.kind, q.language, q.cue, a.outlet, a.date, a.title, a.url"
    " FROM cluster_members cm"
    " JOIN quotes q ON q.id = cm.quote_id JOIN articles a ON a.id = q.article_id"
    " WHERE cm.cluster_id IN ({ids}) ORDER BY a.date IS NULL, a.date, q.id"
)
_QUOTE_FLAGS_SQL = (
    "SELECT fq.quote_id, f.id, f.kind, f.severity, f.explanation FROM flag_quotes fq"
    " JOIN flags f ON f.id = fq.flag_id WHERE fq.quote_id IN ({ids})"
)
_SEVERE_FLAGS_SQL = (
    "SELECT fq.quote_id, f.id FROM flag_quotes fq JOIN flags f ON f.id = fq.flag_id"
    " WHERE f.severity = 'severe' AND fq.quote_id IN ({ids})"
)
_STATEMENT_FLAGS_SQL = (
    "SELECT f.cluster_id, f.id, f.kind, f.severity, f.explanation FROM flags f WHERE f.cluster_id IN ({ids})"
    " AND NOT EXISTS (SELECT 1 FROM flag_quotes fq WHERE fq.flag_id = f.id)"
)
