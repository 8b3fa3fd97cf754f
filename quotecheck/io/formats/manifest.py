"""Metadata that lives beside the files: sidecars, a folder manifest, dates in file names.

A newsroom folder often comes with a spreadsheet saying where each file came from. An
``articles.csv`` (or ``articles.json``) in the same folder as the files fills their metadata: one row
per file, columns ``file, title, outlet, author, date, url, language, primary_source_of`` (any of
them may be missing or empty; ``file`` is the file name, or a path relative to the manifest's folder).
``articles.json`` holds a list of such objects, or an object mapping file names to them.

What wins: a single document's own metadata is overridden by the manifest, and both by a
``NAME.meta.json`` sidecar (the most specific thing a person wrote). Inside a container (mailbox,
web archive, e-mail with attachments) each article's own metadata wins and the manifest and sidecar
only fill gaps. A zip archive is a folder: the sidecars and manifests inside it apply to its members by
these rules (:mod:`.archive` reads them with :func:`parse` and :func:`row_meta`, and names the rows no member
takes with :func:`unused_rows`). A date in the file name (``…2016-10-12…``, ``20161012``) is used only when nothing
else gives one.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TextIO

from ...model import Article, ArticleMeta

log = logging.getLogger(__name__)

MANIFEST_NAMES = ("articles.csv", "articles.json")

_NAME_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12][0-9]|3[01])(?![0-9])")


def date_from_name(name: str) -> str | None:
    """The first real calendar date written in a file name, as ``YYYY-MM-DD``; None when there is none.

    Example:
        >>> date_from_name("courier-2016-10-12-debate.pdf"), date_from_name("AP_20161012_0800.txt")
        ('2016-10-12', '2016-10-12')
    """
    for match in _NAME_DATE.finditer(os.path.basename(name)):
        try:
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4))).isoformat()
        except ValueError:
            continue
    return None


def apply(article: Article, path: Path, *, container: bool) -> Article:
    """``article`` with the sidecar, the folder manifest and the file name's date applied."""
    from ..ingest import read_sidecar

    outside = manifest_meta(path)
    sidecar = read_sidecar(path) if path.exists() else None
    if sidecar:
        outside = outside.merged(sidecar)
    meta = outside.merged(article.meta) if container else article.meta.merged(outside)
    if not meta.date:
        meta = replace(meta, date=date_from_name(path.name))
    return article if meta == article.meta else replace(article, meta=meta)


def manifest_meta(path: Path) -> ArticleMeta:
    """What the manifest in ``path``'s folder says about it (empty when there is no manifest or row).

    A manifest that cannot be read, or a row with a bad value, is an IngestError for the file it
    concerns: metadata a person wrote down is never dropped without a word.
    """
    folder = path.parent
    for name in MANIFEST_NAMES:
        candidate = folder / name
        try:
            stat = candidate.stat()
        except OSError:
            continue
        return row_meta(_load(str(candidate), stat.st_mtime_ns, stat.st_size), path.name)
    return ArticleMeta()


@dataclass(frozen=True)
class Rows:
    """A manifest's rows, as :func:`parse` reads them.

    Attributes:
        by_name: file name (and the base name of a path) → (where the row is, its values); a later
            row naming the same file wins.
        named: ``(where, file)`` of every row in order, ``file`` as written (empty when the row names none).
    """

    by_name: dict[str, tuple[str, dict]]
    named: tuple[tuple[str, str], ...] = ()


def row_meta(rows: Rows | Exception, name: str) -> ArticleMeta:
    """The metadata a manifest's rows (from :func:`parse`) give the file ``name``; its error, raised,
    when the manifest could not be read or the row holds a bad value."""
    if isinstance(rows, Exception):
        raise rows
    entry = rows.by_name.get(_key(name))
    if entry is None:
        return ArticleMeta()
    where, values = entry
    from ..ingest import IngestError, meta_from_mapping

    try:
        return meta_from_mapping(values, where)
    except IngestError as exc:
        raise IngestError(where, f"{exc.problem} (for {name})") from exc


def unused_rows(rows: Rows, names: Iterable[str], where: str = "beside this manifest") -> list[str]:
    """One line for each row of a manifest that gives none of the files ``names`` its metadata (a file
    name mistyped, a file not sent, a row naming no file or a file named twice), so that what a person
    wrote down is never dropped without a word. ``where`` says where the files were looked for.

    Example:
        >>> from io import StringIO
        >>> rows = parse(lambda: StringIO("file,date\\na.txt,2025-01-02\\nb.txt,2025-01-03\\n"), "articles.csv")
        >>> unused_rows(rows, ["a.txt"])
        ["articles.csv line 3: no article file 'b.txt' beside this manifest; the row is not used"]
    """
    taken = {rows.by_name[key][0] for key in map(_key, names) if key in rows.by_name}
    lines = []
    for place, name in rows.named:
        if place in taken:
            continue
        if not name:
            lines.append(f"{place}: the row names no file; it is not used")
            continue
        winner = rows.by_name.get(_key(name), (place,))[0]
        if winner != place:
            later = " ".join(winner.rsplit(" ", 2)[-2:])  # "line 7" of the same manifest
            lines.append(f"{place}: {name!r} is named again on {later}, which is used; this row is not")
        else:
            lines.append(f"{place}: no article file {name!r} {where}; the row is not used")
    return lines


def _key(name: str) -> str:
    return os.path.normcase(os.path.normpath(name.strip()))


_EXTRA = "\0extra"  # where csv puts the values of a row longer than the header


@lru_cache(maxsize=32)
def _load(manifest: str, _mtime: int, _size: int) -> Rows | Exception:
    """Rows of a manifest by file name → (where the row is, its values); an IngestError when unreadable.

    Cached by modification time and size, so a folder of 5,000 files reads its manifest once.
    """
    return parse(lambda: open(manifest, encoding="utf-8-sig", newline=""), manifest)


def parse(opener: Callable[[], TextIO], manifest: str) -> Rows | Exception:
    """Rows of the manifest ``opener`` opens (as text, newlines untranslated), named ``manifest`` in
    errors: a file on disk, or a member of a zip archive."""
    from ..ingest import IngestError

    try:
        with opener() as handle:
            if manifest.endswith(".json"):
                data = json.load(handle)
                if isinstance(data, dict):
                    data = [{"file": name, **values} for name, values in data.items() if isinstance(values, dict)]
                if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
                    return IngestError(manifest, "manifest must be a list of objects with a 'file' key")
                numbered = [(f"{manifest} entry {n}", row) for n, row in enumerate(data, 1)]
            else:
                reader = csv.DictReader(handle, strict=True, restkey=_EXTRA)
                if not reader.fieldnames or "file" not in [f.strip().lower() for f in reader.fieldnames]:
                    return IngestError(manifest, "manifest has no 'file' column")
                numbered = []
                for row in reader:
                    if _EXTRA in row:  # 'h.txt,"Ferry stops,2025-01-01' read on as one value would be worse
                        return IngestError(
                            manifest, f"line {reader.line_num} has more values than the header has columns"
                        )
                    numbered.append(
                        (f"{manifest} line {reader.line_num}", {k.strip().lower(): v for k, v in row.items() if k})
                    )
    except csv.Error as exc:
        why = "a quoted value is never closed" if "end of data" in str(exc) else str(exc)
        return IngestError(manifest, f"unreadable manifest ({why})")
    except (OSError, ValueError) as exc:
        return IngestError(manifest, f"unreadable manifest ({exc})")
    rows = {}
    named = []
    for where, row in numbered:
        name = str(row.pop("file", "") or "").strip()
        named.append((where, name))
        if name:
            rows[_key(name)] = (where, row)
            rows.setdefault(_key(os.path.basename(name)), (where, row))
    return Rows(rows, tuple(named))
