"""Zip archives: the articles inside, each read as a file of its kind would be.

A zip is how a folder gets sent, so it is read as one: a member whose name ends in a format
quotecheck reads is read from memory (nothing is written to disk, so a member named ``../x.txt`` is
only a label) and labelled ``bundle.zip/folder/member.txt``, and the sidecars (``NAME.meta.json``) and
manifests (``articles.csv``, ``articles.json``) inside the zip give the members beside them their
metadata by the rules of a folder (see :mod:`.manifest`); a manifest row that no member takes is a
note. Folders and hidden files (``.DS_Store``,
``__MACOSX/``) are passed over in silence; other members, and a zip inside the zip (not opened), are
named in one note per archive. An archive with more than :data:`MAX_MEMBERS` entries, or whose
articles unpack to more than :data:`MAX_UNPACKED` bytes, is refused in one line before anything is
read (a zip bomb unpacks to gigabytes). Members are read one at a time, and an error keeps nothing of
the member it names, so a large archive takes the memory of its largest member, not of all of them.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import BinaryIO

from ...model import ArticleMeta
from . import MB, Document, Format, format_for, read_stream, unread_line, without_traceback
from .manifest import MANIFEST_NAMES, Rows, date_from_name, parse, row_meta, unused_rows

log = logging.getLogger(__name__)

NOTES = True  # read() takes on_note
MAX_MEMBERS = 10_000
"""Entries an archive may hold (folders included)."""
MAX_UNPACKED = 512 * MB
"""Bytes the members quotecheck reads may unpack to, all together."""


def read(
    stream: BinaryIO, label: str, *, on_note: Callable[[str], None] | None = None
) -> Iterator[Document | Exception]:
    """The articles of the members of a zip archive, in the archive's order."""
    from ..ingest import IngestError, display_path

    try:
        archive = zipfile.ZipFile(stream)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        yield IngestError(label, f"not a readable zip archive ({exc})")
        return
    if len(infos) > MAX_MEMBERS:
        yield IngestError(label, f"a zip archive of {len(infos):,} entries (the limit is {MAX_MEMBERS:,}); unpack it")
        return
    wanted, unread, nested = [], [], []
    beside: dict[str, zipfile.ZipInfo] = {}  # sidecars and manifests by their names in the zip
    for info in infos:
        name = display_path(info.filename)  # a name may hold a line break: shown and stored escaped
        base = name.rstrip("/").rsplit("/", 1)[-1]
        if info.is_dir() or any(_hidden(part) for part in name.split("/")):
            continue
        if base.endswith(".meta.json") or base in MANIFEST_NAMES:
            beside[info.filename] = info
            continue
        fmt = format_for(base)
        if fmt is None or fmt.reader == "archive":
            (unread if fmt is None else nested).append(name)
            continue
        wanted.append((info, fmt))
    unpacked = sum(info.file_size for info, _ in wanted)
    if unpacked > MAX_UNPACKED:
        yield IngestError(
            label,
            f"unpacks to {unpacked / MB:,.0f} MB (the limit is {MAX_UNPACKED // MB} MB); unpack it and import the folder",
        )
        return
    if unread and on_note:
        on_note(f"{label}: {unread_line(unread)}")
    if nested and on_note:
        on_note(f"{label}: a zip inside a zip is not opened ({', '.join(nested)}); unpack it and import it by itself")
    if not wanted:
        yield IngestError(label, "no article files in the zip archive")
        return
    if all(_encrypted(info) for info, _ in wanted):
        yield IngestError(label, ENCRYPTED)
        return
    folder = _Folder(archive, beside, label)
    for info, fmt in wanted:
        sub = f"{label}/{display_path(info.filename)}"
        try:
            if _encrypted(info):
                raise IngestError(sub, ENCRYPTED)
            if info.file_size > fmt.max_bytes:
                raise IngestError(
                    sub, f"too large ({info.file_size / MB:.0f} MB; the limit is {fmt.max_bytes // MB} MB)"
                )
            outside = folder.meta(info.filename)
            for doc in _member(archive, info, sub, fmt, on_note):
                if isinstance(doc, Document):
                    doc = replace(doc, meta=_with_outside(doc.meta, outside, info.filename, fmt))
                yield doc
        except IngestError as exc:
            yield without_traceback(exc)
        except Exception as exc:  # zipfile and the readers raise many kinds on damaged data
            log.debug("%s: caught and reported", __name__, exc_info=True)
            yield IngestError(sub, f"cannot be read from the zip archive ({type(exc).__name__}: {exc})")
    for said in folder.left_over([info.filename for info, _ in wanted]):
        if isinstance(said, Exception):
            yield said
        elif on_note:
            on_note(said)


ENCRYPTED = "encrypted with a password; unpack it with its password and import the folder"


def _hidden(part: str) -> bool:
    """A hidden file or folder (``.DS_Store``, ``__MACOSX``); ``..`` in a name is a path, not hidden."""
    return (part.startswith(".") and part not in (".", "..")) or part == "__MACOSX"


def _encrypted(info: zipfile.ZipInfo) -> bool:
    return bool(info.flag_bits & 0x1)


def _member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, fmt: Format, on_note: Callable[[str], None] | None
) -> Iterator[Document | Exception]:
    """The documents of one member; its bytes are let go before the next member is read."""
    with archive.open(info) as member:  # reads no more than the size the entry states
        data = member.read(fmt.max_bytes + 1)
    yield from read_stream(io.BytesIO(data), label, fmt, on_note=on_note)


def _with_outside(own: ArticleMeta, outside: ArticleMeta, name: str, fmt: Format) -> ArticleMeta:
    """A member's metadata as a file's in a folder: the sidecar and manifest win over what a single
    document says (only fill the gaps of a container's), and a date in its name comes last."""
    meta = outside.merged(own) if fmt.container else own.merged(outside)
    if not meta.date:
        meta = replace(meta, date=date_from_name(name.rsplit("/", 1)[-1]))
    return meta


class _Folder:
    """The sidecars and manifests of a zip archive, read when a member asks for them."""

    def __init__(self, archive: zipfile.ZipFile, beside: dict[str, zipfile.ZipInfo], label: str):
        self.archive = archive
        self.beside = beside
        self.label = label
        self.manifests: dict[str, Rows | Exception] = {}
        self.said: set[str] = set()  # manifests whose error a member's import has said

    def meta(self, name: str) -> ArticleMeta:
        """What the manifest in ``name``'s folder and its sidecar (which wins) say about it; IngestError
        naming the sidecar or manifest (``bundle.zip/desk/articles.csv``) when either cannot be read."""
        from ..ingest import sidecar_meta, sidecar_names

        folder, _, base = name.rpartition("/")
        sidecar = next((s for s in sidecar_names(name, in_zip=True) if s in self.beside), None)
        own = sidecar_meta(self._bytes(sidecar), self._label(sidecar)) if sidecar else ArticleMeta()
        for manifest in MANIFEST_NAMES:
            path = f"{folder}/{manifest}" if folder else manifest
            if path in self.beside:
                rows = self._rows(path)
                if isinstance(rows, Exception):
                    self.said.add(path)
                return row_meta(rows, base).merged(own)
        return own

    def left_over(self, members: list[str]) -> Iterator[str | Exception]:
        """What the manifests said that no member took, once the members are read: a line (a note) for
        each row naming no article file beside it (see :func:`.manifest.unused_rows`) and for an
        ``articles.json`` that an ``articles.csv`` beside it overrides, and the error of a manifest that
        cannot be read and that no member's import has named."""
        by_folder: dict[str, list[str]] = {}
        for name in members:
            folder, _, base = name.rpartition("/")
            by_folder.setdefault(folder, []).append(base)
        folders = sorted({path.rpartition("/")[0] for path in self.beside if path.rpartition("/")[2] in MANIFEST_NAMES})
        for folder in folders:
            paths = [f"{folder}/{m}" if folder else m for m in MANIFEST_NAMES]
            used, *others = [path for path in paths if path in self.beside]
            for other in others:
                yield f"{self._label(other)}: not read; the {used.rpartition('/')[2]} beside it gives this folder's metadata"
            rows = self._rows(used)
            if isinstance(rows, Exception):
                if used not in self.said:
                    yield rows
                continue
            yield from unused_rows(rows, by_folder.get(folder, []), "beside this manifest in the zip")

    def _rows(self, path: str) -> Rows | Exception:
        if path not in self.manifests:
            from ..ingest import IngestError

            try:
                data = self._bytes(path)
            except IngestError as exc:
                self.manifests[path] = without_traceback(exc)
            else:
                where = self._label(path)
                self.manifests[path] = parse(
                    lambda: io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""), where
                )
        return self.manifests[path]

    def _label(self, path: str) -> str:
        from ..ingest import display_path

        return f"{self.label}/{display_path(path)}"

    def _bytes(self, path: str) -> bytes:
        from ..ingest import IngestError

        info = self.beside[path]
        where = self._label(path)
        if _encrypted(info):
            raise IngestError(where, ENCRYPTED)
        if info.file_size > MAX_BESIDE:
            raise IngestError(where, f"too large ({info.file_size / MB:.0f} MB; the limit is {MAX_BESIDE // MB} MB)")
        try:
            with self.archive.open(info) as member:
                return member.read(MAX_BESIDE + 1)
        except Exception as exc:  # damaged data: as for an article member
            log.warning("zip: %s cannot be read", where, exc_info=True)
            raise IngestError(where, f"cannot be read from the zip archive ({type(exc).__name__}: {exc})") from None


MAX_BESIDE = 64 * MB
"""Bytes a sidecar or manifest inside a zip may unpack to (a manifest of 10,000 rows is about 2 MB)."""
