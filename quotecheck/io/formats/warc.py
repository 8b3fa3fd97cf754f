"""Web archives (``.warc``, ``.warc.gz``) through warcio.

Every successful HTML response record is an article, read by the HTML reader, with the record's
target URL and (when the page's metadata or byline names no date of its own) the capture date, not a
year the HTML reader would guess from the text. Everything else a crawl
holds — images, scripts, style sheets, robots.txt, redirects, pages without article text, revisits —
is skipped and counted in one note per archive.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import BinaryIO
from urllib.parse import urlsplit

from ...model import ArticleMeta
from . import Document

log = logging.getLogger(__name__)

NOTES = True  # read() takes on_note
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(
    stream: BinaryIO, label: str, *, on_note: Callable[[str], None] | None = None
) -> Iterator[Document | Exception]:
    """The HTML pages of a web archive, in the order they were captured."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from ..ingest import IngestError

    head = stream.read(5)
    stream.seek(0)
    if not head.startswith((b"WARC/", b"\x1f\x8b")):
        yield IngestError(label, "not a readable web archive (it does not start with a WARC record)")
        return
    skipped: Counter[str] = Counter()
    pages = 0
    records = ArchiveIterator(stream)
    try:
        for record in records:
            if record.rec_type != "response":
                if record.rec_type == "revisit":
                    skipped["revisit"] += 1
                continue
            why = _not_a_page(record)
            if why:
                skipped[why] += 1
                continue
            found = _page(record, label)
            if found is None:
                skipped["page without article text"] += 1
                continue
            pages += 1
            yield found
    except ArchiveLoadFailed as exc:
        pages = -1  # said why below; no second line
        yield IngestError(label, f"not a readable web archive ({exc.msg if hasattr(exc, 'msg') else exc})")
    except (OSError, EOFError, ValueError) as exc:  # truncated gzip, broken chunking
        yield IngestError(label, f"web archive breaks off after {pages} page(s) ({type(exc).__name__}: {exc})")
        pages = -1
    else:
        # warcio ends quietly at a cut-off last record; what it did not read is the evidence.
        left = stream.seek(0, 2) - (records.offset or 0)
        if left > 4:
            yield IngestError(
                label, f"web archive breaks off after {pages} page(s) (its last {left:,} bytes are no complete record)"
            )
            pages = -1
    if pages == 0:
        yield IngestError(label, "no article pages in the web archive" + (" (see the note)" if skipped else ""))
    if skipped and on_note:
        kinds = ", ".join(f"{n} {kind}" for kind, n in skipped.most_common())
        on_note(f"{label}: {sum(skipped.values())} record(s) that are not articles skipped ({kinds})")


def _not_a_page(record) -> str | None:
    """Why a response record is not an article page (its kind, for the count), or None."""
    http = record.http_headers
    if http is None:
        return "non-HTTP record"
    status = http.get_statuscode() or ""
    mime = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    path = urlsplit(record.rec_headers.get_header("WARC-Target-URI") or "").path
    if path.endswith("/robots.txt"):
        return "robots.txt"
    if not status.startswith("2"):
        return f"HTTP {status}" if not status.startswith("3") else "redirect"
    if mime in HTML_TYPES:
        return None
    if mime.startswith("image/"):
        return "image"
    if "javascript" in mime or "ecmascript" in mime:
        return "script"
    if mime == "text/css":
        return "style sheet"
    return mime or "unknown type"


def _page(record, label: str) -> Document | Exception | None:
    from ..ingest import IngestError, decode, meta_from_mapping, parse_html

    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{label}#{url}"
    try:
        data = record.content_stream().read()
    except Exception as exc:  # a broken chunked or gzip body of one record
        log.debug("%s: caught and reported", __name__, exc_info=True)
        return IngestError(where, f"unreadable record ({type(exc).__name__}: {exc})")
    charset = _charset(record.http_headers.get_header("Content-Type") or "")
    text = None
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None
    try:
        text = text if text is not None else decode(data, where)
        body, meta = parse_html(text, where, guess_date=False)  # the capture date is the better guess
    except IngestError:
        return None
    fill = meta_from_mapping({"url": url, "outlet": urlsplit(url).hostname or ""}, where, strict=False)
    meta = fill.merged(meta)
    meta = replace(meta, url=url or meta.url)
    captured = (record.rec_headers.get_header("WARC-Date") or "")[:10]
    if not meta.date and captured:
        meta = meta.merged(ArticleMeta(date=captured))
    return Document(body, meta, where)


def _charset(content_type: str) -> str | None:
    for piece in content_type.split(";")[1:]:
        key, _, value = piece.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
