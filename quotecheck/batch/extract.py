"""Worker side of ``quotecheck batch``: read and extract one partition of files, write it as Parquet.

Files are read as ``ingest`` reads them (:func:`~..io.formats.read_articles`): a container (a mailbox,
a web archive, an e-mail with attachments, a zip) gives one article per message, record or member,
labelled as a project labels it (``inbox.mbox#3``, ``bundle.zip/story.txt``), and its metadata comes
from the sidecar, manifest and file name as in a project.

A partition writes ``quotes/NAME.parquet`` (the fields of ``extract --json``, the article's metadata and
content hash), ``errors/NAME.parquet`` (one row per file or part of a container that could not be read
or extracted) and, last, ``articles/NAME.parquet``: an articles file on disk means the partition is done,
which is how a re-run skips its files (the ``file`` column names the file each row came from, and
``file_size``, ``file_mtime_ns`` and ``file_sha256`` what it was when read, so a re-run sees an edit). Files are
written in row groups under a temporary name and renamed, so a killed job leaves none half-written and a
large mailbox is never held in memory whole.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..io.formats import format_for, read_articles
from ..io.ingest import IngestError, display_path
from ..model import META_FIELDS, Article, Quote

log = logging.getLogger(__name__)

QUOTE_BITS = 20
"""A quote's id is ``article_seq << QUOTE_BITS | k`` for its article's place in the batch and its own."""
BYTES_PER_ARTICLE = 4
"""A container gets ``size // BYTES_PER_ARTICLE + 1`` article numbers before it is read (no message,
record or zip entry is that small), so partitions read at once never share a number."""
GROUP = 32
"""Articles extracted and written together: a partition's memory stays bounded on any container."""

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
_STAMP = [("file_size", pa.int64()), ("file_mtime_ns", pa.int64()), ("file_sha256", pa.string())]
"""What a file was when read (its rows in ``articles/`` and ``errors/`` carry it): a re-run reads a file
again when it differs (:func:`stamp`)."""
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
        ("file", pa.string()),  # the file read: ``path`` itself, or the container holding it
        *_STAMP,
    ]
)
ERRORS = pa.schema(
    [("article_seq", pa.int64()), ("path", pa.string()), ("error", pa.string()), ("file", pa.string()), *_STAMP]
)

_extractor: list = []  # one per worker process: spaCy loads once, never travels through the graph


def _engine():
    if not _extractor:
        from ..engine.extract import Extractor

        _extractor.append(Extractor(reported=True))  # quotes and reported speech, as ingest
    return _extractor[0]


def seqs_for(path: str) -> int:
    """How many article numbers a file may use: one, or for a container a number its size bounds."""
    fmt = format_for(path)
    if fmt is None or not fmt.container:
        return 1
    try:
        return os.stat(path).st_size // BYTES_PER_ARTICLE + 1
    except (OSError, ValueError):
        return 1  # the worker reports why it cannot be read


def stamp(path: str, *, digest: bool = True) -> dict:
    """``file_size``, ``file_mtime_ns`` and (with ``digest``) ``file_sha256`` of the file at ``path``;
    all None when it cannot be read (its error row says why)."""
    try:
        st = os.stat(path)
        sha = None
        if digest:
            h = hashlib.sha256()
            with open(path, "rb") as f:
                while block := f.read(1 << 20):
                    h.update(block)
            sha = h.hexdigest()
    except (OSError, ValueError):
        return dict.fromkeys(name for name, _ in _STAMP)
    return {"file_size": st.st_size, "file_mtime_ns": st.st_mtime_ns, "file_sha256": sha}


def extract_partition(items: list[tuple[int, str, int]], out: str, name: str) -> dict:
    """Read and extract the files ``(first article_seq, path, numbers it may use)``; write partition ``name``.

    Returns counts ``{"articles", "quotes", "errors"}`` and the ``notes`` of what was passed over on
    purpose. Nothing raises: a file, or a part of a container, that fails is an error row naming it.
    """
    root = Path(out)
    errors: list[dict] = []
    notes: list[str] = []
    stamps = {display_path(path): stamp(path) for _, path, _ in items}  # before reading: an edit after is seen
    counts = {"articles": 0, "quotes": 0}
    writers = {}
    try:
        for folder, schema in (("quotes", QUOTES), ("articles", ARTICLES)):
            path = root / folder / f".{name}.parquet.tmp"
            path.parent.mkdir(parents=True, exist_ok=True)
            writers[folder] = pq.ParquetWriter(path, schema)
        articles = _read(items, errors, notes)
        while group := list(islice(articles, GROUP)):
            done = _extract(group, errors)
            quote_rows = [row for seq, _, a, quotes in done for row in quote_rows_of(seq, a, quotes)]
            article_rows = [_article_row(seq, file, a, len(quotes)) | stamps[file] for seq, file, a, quotes in done]
            writers["quotes"].write_table(pa.Table.from_pylist(quote_rows, schema=QUOTES))
            writers["articles"].write_table(pa.Table.from_pylist(article_rows, schema=ARTICLES))
            counts["articles"] += len(article_rows)
            counts["quotes"] += len(quote_rows)
    finally:
        for writer in writers.values():
            writer.close()
    os.replace(root / "quotes" / f".{name}.parquet.tmp", root / "quotes" / f"{name}.parquet")
    _write(root / "errors" / f"{name}.parquet", [e | stamps[e["file"]] for e in errors], ERRORS)
    # last: marks the partition done
    os.replace(root / "articles" / f".{name}.parquet.tmp", root / "articles" / f"{name}.parquet")
    return {**counts, "errors": len(errors), "notes": notes}


def _read(
    items: list[tuple[int, str, int]], errors: list[dict], notes: list[str]
) -> Iterator[tuple[int, str, Article]]:
    """``(article_seq, file, article)`` for every article of the files, in order."""
    for first, path, room in items:
        yield from _read_file(path, range(first, first + room), errors, notes)


def _read_file(path: str, seqs: range, errors: list[dict], notes: list[str]) -> Iterator[tuple[int, str, Article]]:
    """The articles of one file numbered from ``seqs``; what fails is a row in ``errors`` with its own
    number (a whole file that fails, the file's first), naming the part of a container that failed."""
    file = display_path(path)
    numbers = iter(seqs)

    def failed(exc: Exception) -> None:
        label = exc.path if isinstance(exc, IngestError) else file
        seq = next(numbers, seqs[-1])
        errors.append({"article_seq": seq, "path": label, "error": str(exc), "file": file})

    try:
        for article in read_articles(path, on_error=failed, on_note=notes.append):
            seq = next(numbers, None)
            if seq is None:
                failed(IngestError(file, "holds more articles than a file of its size can; the rest were not read"))
                return
            yield seq, file, article
    except IngestError as exc:
        failed(exc)
    except Exception as exc:  # noqa: BLE001 - any file must become a row, never a crashed job
        log.warning("batch: %s cannot be read", file, exc_info=True)
        failed(IngestError(file, f"cannot be read ({type(exc).__name__}: {exc})"))


def _extract(read: list[tuple[int, str, Article]], errors: list[dict]) -> list[tuple[int, str, Article, list[Quote]]]:
    """The quotes of each article; one the engine chokes on is an error row, the rest go on."""
    try:
        pairs = _engine().extract_many([a for _, _, a in read])
        return [(seq, file, a, quotes) for (seq, file, _), (a, quotes) in zip(read, pairs, strict=True)]
    except Exception:  # noqa: BLE001 - one article broke the group: redo one by one to find it
        log.warning("batch: a partition failed; extracting its articles one by one", exc_info=True)
    done = []
    for seq, file, article in read:
        try:
            done.append((seq, file, article, _engine().extract(article)))
        except Exception as exc:  # noqa: BLE001
            log.warning("batch: extraction of %s failed", article.path, exc_info=True)
            msg = f"{article.path}: quote extraction failed ({type(exc).__name__}: {exc})"
            errors.append({"article_seq": seq, "path": article.path, "error": msg, "file": file})
    return done


def _article_row(seq: int, file: str, a: Article, quotes: int) -> dict:
    return {
        "article_seq": seq,
        "path": a.path,
        "content_hash": a.content_hash,
        "text": a.text,
        "paragraphs": json.dumps(a.paragraphs),
        "extracted_with": __version__,
        "quotes": quotes,
        **{name: getattr(a.meta, name) for name in META_FIELDS},
        "file": file,
    }


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
