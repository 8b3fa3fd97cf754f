"""``quotecheck load``: a slice of a batch result into a desktop project, as if its articles were ingested.

The slice is chosen by article (outlet, date) and by quote (speaker, words): an article comes whole,
with every quote the batch extracted from it, when it passes the article filters and, if a speaker or
words are asked for, holds at least one such quote. The project then matches speakers, statements and
flags itself (:meth:`quotecheck.library.Library.add_extracted`), so what it shows is what an ingest of
the same files would show; articles already in the project are skipped, decisions stay.
"""

from __future__ import annotations

import json
import logging
import os
import re
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from ..library import IngestReport, Library
from ..model import META_FIELDS, Article, ArticleMeta, Quote, day_of
from ..progress import Progress
from .run import BatchError

log = logging.getLogger(__name__)

_QUOTE_FIELDS = (
    "start",
    "end",
    "text",
    "speaker",
    "speaker_start",
    "speaker_end",
    "cue",
    "kind",
    "confidence",
    "reported_by",
    "said_on",
    "reason",
    "mention",
)
_LATER_FIELDS = ("speaker_kind",)
"""Fields of ``extract --json`` a batch result of an earlier version may lack."""


def select(
    out: str | os.PathLike,
    *,
    outlet: str | None = None,
    since: str | None = None,
    speaker: str | None = None,
    search: str | None = None,
) -> list[tuple[Article, list[Quote]]]:
    """The articles of batch folder ``out`` in the slice, in batch order, each with its quotes.

    ``outlet`` matches the outlet name (any case); ``since`` is a date, ``YYYY-MM-DD`` or ``YYYY-M-D``
    (articles of that day or later; one that is no date is a :class:`BatchError`); ``speaker`` matches
    part of a speaker name; ``search`` needs every word in the quote text.
    """
    first_day = since_date(since) if since is not None else None
    root = Path(out)
    files = sorted((root / "articles").glob("*.parquet"))
    if not files:
        raise BatchError(f"{root}: no batch result here (no articles/ folder with Parquet files)")
    arts = pq.read_table(files).to_pylist()
    if outlet:
        arts = [a for a in arts if (a["outlet"] or "").casefold() == outlet.casefold()]
    if first_day:
        arts = [a for a in arts if (day := day_of(a["date"])) is not None and day >= first_day]
    wanted = {a["article_seq"] for a in arts}
    quote_files = [root / "quotes" / f.name for f in files if (root / "quotes" / f.name).exists()]
    by_article: dict[int, list[dict]] = {}
    # a batch written before the speaker's kind was recorded has no such column: the quotes load without
    kept = (*_QUOTE_FIELDS, *(f for f in _LATER_FIELDS if quote_files and f in pq.read_schema(quote_files[0]).names))
    for q in pq.read_table(quote_files, columns=["quote_id", "article_seq", *kept]).to_pylist():
        if q["article_seq"] in wanted:
            by_article.setdefault(q["article_seq"], []).append(q)
    words = (search or "").casefold().split()
    who = (speaker or "").casefold()

    def fits(q: dict) -> bool:
        text = q["text"].casefold()
        return (not who or who in (q["speaker"] or "").casefold()) and all(w in text for w in words)

    out_items = []
    for a in sorted(arts, key=lambda a: a["article_seq"]):
        quotes = sorted(by_article.get(a["article_seq"], []), key=lambda q: q["quote_id"])
        if (who or words) and not any(fits(q) for q in quotes):
            continue
        article = Article(
            path=a["path"],
            text=a["text"],
            meta=ArticleMeta(**{name: a[name] for name in META_FIELDS}),
            content_hash=a["content_hash"],
            paragraphs=tuple(tuple(p) for p in json.loads(a["paragraphs"])),
        )
        out_items.append((article, [Quote(**{k: q[k] for k in kept}) for q in quotes]))
    return out_items


_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def since_date(text: str) -> date:
    """``--since`` as a date; a BatchError in one line for what is no date ("yesterday", "2025-13-45")."""
    m = _DATE.fullmatch(text.strip())
    if m:
        try:
            return date(*map(int, m.groups()))
        except ValueError:
            pass  # the shape of a date, but no day of the calendar (2025-13-45)
    raise BatchError(f"--since {text!r} is not a date; give one as YYYY-MM-DD (2025-03-01)")


def load(
    project: str | os.PathLike, out: str | os.PathLike, *, progress: Progress | None = None, **slice_
) -> IngestReport:
    """Put the slice of ``out`` (see :func:`select`) into ``project`` (created when missing)."""
    items = select(out, **slice_)
    with Library(project, create=True) as lib:
        return lib.add_extracted(items, progress=progress)
