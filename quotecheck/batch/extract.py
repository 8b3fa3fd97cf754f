"""Worker side of ``quotecheck batch``: read and extract one partition of articles, write it as Parquet.

A partition writes ``quotes/NAME.parquet`` (the fields of ``extract --json``, the article's metadata and
content hash), ``errors/NAME.parquet`` (one row per article that could not be read or extracted) and,
last, ``articles/NAME.parquet``: an articles file on disk means the partition is done, which is how a
re-run skips it. Files are written under a temporary name and renamed, so a killed job leaves none
half-written.
"""

from __future__ import annotations

import bisect
import json
import logging
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..io.ingest import IngestError, read_article
from ..model import META_FIELDS, Article, Quote

log = logging.getLogger(__name__)

QUOTE_BITS = 20
"""A quote's id is ``article_seq << QUOTE_BITS | k`` for its article's place in the batch and its own."""

_META = [(name, pa.string()) for name in META_FIELDS]
QUOTES = pa.schema(
    [
        ("quote_id", pa.int64()),
        ("article_seq", pa.int64()),
        ("article", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("speaker", pa.string()),
        ("speaker_start", pa.int64()),
        ("speaker_end", pa.int64()),
        ("cue", pa.string()),
        ("kind", pa.string()),
        ("confidence", pa.float64()),
        ("reported_by", pa.string()),
        ("said_on", pa.string()),
        ("reason", pa.string()),
        ("mention", pa.string()),
        ("quote_language", pa.string()),  # "language" is the article's (metadata)
        ("translation_of", pa.int64()),
        ("speaker_kind", pa.string()),
        ("paragraph", pa.int64()),
        ("content_hash", pa.string()),
        *_META,
    ]
)
ARTICLES = pa.schema(
    [
        ("article_seq", pa.int64()),
        ("path", pa.string()),
        ("content_hash", pa.string()),
        ("text", pa.string()),
        ("paragraphs", pa.string()),
        ("extracted_with", pa.string()),
        ("quotes", pa.int64()),
        *_META,
    ]
)
ERRORS = pa.schema([("article_seq", pa.int64()), ("path", pa.string()), ("error", pa.string())])

_extractor: list = []  # one per worker process: spaCy loads once, never travels through the graph


def _engine():
    if not _extractor:
        from ..engine.extract import Extractor

        _extractor.append(Extractor(reported=True))  # quotes and reported speech, as ingest
    return _extractor[0]


def extract_partition(items: list[tuple[int, str]], out: str, name: str) -> dict:
    """Read and extract the articles ``(article_seq, path)``; write the partition ``name`` under ``out``.

    Returns counts ``{"articles", "quotes", "errors"}``. Nothing raises: an article that fails is an
    error row naming the file and the problem.
    """
    read: list[tuple[int, Article]] = []
    errors: list[dict] = []
    for seq, path in items:
        try:
            read.append((seq, read_article(path)))
        except IngestError as exc:
            errors.append({"article_seq": seq, "path": path, "error": str(exc)})
        except Exception as exc:  # noqa: BLE001 - any file must become a row, never a crashed job
            log.warning("batch: %s cannot be read", path, exc_info=True)
            errors.append({"article_seq": seq, "path": path, "error": f"{path}: cannot be read ({exc})"})
    done: list[tuple[int, Article, list[Quote]]] = []
    try:
        pairs = _engine().extract_many([a for _, a in read])
        done = [(seq, a, quotes) for (seq, _), (a, quotes) in zip(read, pairs, strict=True)]
    except Exception:  # noqa: BLE001 - one article broke the batch: redo one by one to find it
        log.warning("batch: a partition failed; extracting its articles one by one", exc_info=True)
        done = []
        for seq, article in read:
            try:
                done.append((seq, article, _engine().extract(article)))
            except Exception as exc:  # noqa: BLE001
                log.warning("batch: extraction of %s failed", article.path, exc_info=True)
                msg = f"{article.path}: quote extraction failed ({type(exc).__name__}: {exc})"
                errors.append({"article_seq": seq, "path": article.path, "error": msg})
    quote_rows = [row for seq, a, quotes in done for row in quote_rows_of(seq, a, quotes)]
    article_rows = [
        {
            "article_seq": seq,
            "path": a.path,
            "content_hash": a.content_hash,
            "text": a.text,
            "paragraphs": json.dumps(a.paragraphs),
            "extracted_with": __version__,
            "quotes": len(quotes),
            **{name: getattr(a.meta, name) for name in META_FIELDS},
        }
        for seq, a, quotes in done
    ]
    root = Path(out)
    _write(root / "quotes" / f"{name}.parquet", quote_rows, QUOTES)
    _write(root / "errors" / f"{name}.parquet", errors, ERRORS)
    _write(root / "articles" / f"{name}.parquet", article_rows, ARTICLES)  # last: marks the partition done
    return {"articles": len(article_rows), "quotes": len(quote_rows), "errors": len(errors)}


def quote_rows_of(seq: int, article: Article, quotes: list[Quote]) -> list[dict]:
    """Parquet rows of one article's quotes: ``extract --json`` fields plus the article's metadata."""
    starts = [p[0] for p in article.paragraphs]
    meta = {name: getattr(article.meta, name) for name in META_FIELDS}
    rows = []
    for k, q in enumerate(quotes):
        row = q.as_json(article.path)
        row["quote_id"] = (seq << QUOTE_BITS) | k
        row["article_seq"] = seq
        row["paragraph"] = max(0, bisect.bisect_right(starts, q.start) - 1)
        row["content_hash"] = article.content_hash
        row["quote_language"] = q.language
        rows.append({**row, **meta})
    return rows


def _write(path: Path, rows: list[dict], schema: pa.Schema) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
    os.replace(tmp, path)
