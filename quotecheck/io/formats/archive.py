"""Zip archives: the articles inside, each read as a file of its kind would be.

A member whose name ends in a format quotecheck reads is read from memory (nothing is written to
disk, so a member named ``../x.txt`` is only a label) and labelled ``bundle.zip/folder/member.txt``.
Folders, hidden files (``.DS_Store``, ``__MACOSX/``) and sidecars are passed over in silence; other
members, and a zip inside the zip (not opened), are named in one note per archive. An archive with
more than :data:`MAX_MEMBERS` entries, or whose articles unpack to more than :data:`MAX_UNPACKED`
bytes, is refused in one line before anything is read (a zip bomb unpacks to gigabytes).
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

from . import MB, Document, format_for, read_stream, unread_line

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
    for info in infos:
        name = display_path(info.filename)  # a name may hold a line break: shown and stored escaped
        base = name.rstrip("/").rsplit("/", 1)[-1]
        if info.is_dir() or any(part.startswith(".") or part == "__MACOSX" for part in name.split("/")):
            continue
        if base.endswith(".meta.json"):
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
    for info, fmt in wanted:
        sub = f"{label}/{display_path(info.filename)}"
        try:
            if info.file_size > fmt.max_bytes:
                raise IngestError(
                    sub, f"too large ({info.file_size / MB:.0f} MB; the limit is {fmt.max_bytes // MB} MB)"
                )
            with archive.open(info) as member:  # reads no more than the size the entry states
                data = member.read(fmt.max_bytes + 1)
            yield from read_stream(io.BytesIO(data), sub, fmt, on_note=on_note)
        except IngestError as exc:
            yield exc
        except Exception as exc:  # zipfile and the readers raise many kinds on damaged data
            log.debug("%s: caught and reported", __name__, exc_info=True)
            yield IngestError(sub, f"cannot be read from the zip archive ({type(exc).__name__}: {exc})")
