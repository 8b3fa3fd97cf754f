"""E-mail: one ``.eml`` message, or an mbox mailbox of many, with their attachments.

A message is an article: the subject is its title, the sender its author, the Date header its date.
The plain-text part is preferred; a message with only HTML goes through the HTML reader. Attachments
that are themselves documents quotecheck reads (PDF, Word, text, HTML, another message) become
articles of their own, labelled ``MESSAGE/ATTACHMENT`` so each names the message it came with, and
take the message's date when they carry none.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import BinaryIO

from ...model import ArticleMeta
from ..lines import SENTENCE_END
from . import Document, format_for, read_bytes

log = logging.getLogger(__name__)

_FROM_LINE = re.compile(rb"^From (?:\S+|\"[^\"]*\")\s")

NOTES = True  # read() takes on_note
Note = Callable[[str], None]


def read(stream: BinaryIO, label: str, *, on_note: Note | None = None) -> Iterator[Document | Exception]:
    """The messages of an ``.eml`` file or an mbox, each followed by its readable attachments.

    ``on_note`` hears what a message is read without (a Date header left empty) and the notes of its
    attachments (a zip's files of other kinds)."""
    note = on_note or (lambda line: log.info("%s", line))
    if label.lower().endswith(".mbox"):
        found = False
        for number, raw in enumerate(_mbox_messages(stream), 1):
            found = True
            yield from _message(raw, f"{label}#{number}", note)
        if not found:
            from ..ingest import IngestError

            yield IngestError(label, "no messages in the mailbox (not an mbox file?)")
    else:
        yield from _message(stream.read(), label, note)


def _mbox_messages(stream: BinaryIO) -> Iterator[bytes]:
    """Raw messages of an mbox, split at its ``From `` separator lines (mboxo and mboxrd quoting undone)."""
    lines: list[bytes] = []
    started = False
    previous_blank = True
    for line in stream:
        if previous_blank and _FROM_LINE.match(line):
            if started and lines:
                yield b"".join(lines)
            lines = []
            started = True
        elif started:
            lines.append(line[1:] if re.match(rb"^>+From ", line) else line)
        previous_blank = not line.strip()
    if started and lines:
        yield b"".join(lines)


def _message(raw: bytes, label: str, note: Note) -> Iterator[Document | Exception]:
    from ..ingest import IngestError

    if not raw.strip():
        yield IngestError(label, "empty message")
        return
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        meta = _meta(msg, label)
        text = _body(msg, label)
    except IngestError as exc:
        yield exc
        return
    except Exception as exc:  # the email package raises many kinds on broken messages
        log.debug("%s: caught and reported", __name__, exc_info=True)
        yield IngestError(label, f"unreadable e-mail message ({type(exc).__name__}: {exc})")
        return
    if not msg.get("from") and not msg.get("subject") and not msg.get("date"):
        yield IngestError(label, "not an e-mail message (no From, Subject or Date header)")
        return
    found = bool(text.strip())
    if found:
        yield Document(text, meta, label)
    for doc in _attachments(msg, label, meta, note):
        found = True
        yield doc
    if not found:
        yield IngestError(label, "no text in the message and no attachment quotecheck reads")
    elif _empty_date(msg):
        note(f"{label}: the Date header is empty; imported without a date")


def _meta(msg, label: str) -> ArticleMeta:
    """Title, author, language and date from the headers; a Date header that is no date refuses the
    message, as a bad date in front matter refuses a file (one left empty: see :func:`_empty_date`)."""
    from ..ingest import IngestError, meta_from_mapping

    sender = msg.get("from")
    author = None
    if sender:
        name, address = email.utils.parseaddr(str(sender))
        author = name or address or None
    values = {"title": _header(msg.get("subject")), "author": author, "language": _header(msg.get("content-language"))}
    meta = meta_from_mapping({k: v for k, v in values.items() if v}, label, strict=False)
    when = msg.get("date")
    if when is not None and not _empty_date(msg):
        try:
            parsed = email.utils.parsedate_to_datetime(str(when))
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is None:
            raise IngestError(label, f"cannot read the date {str(when)!r}")
        meta = replace(meta, date=parsed.date().isoformat())
    return meta


def _empty_date(msg) -> bool:
    """A Date header with nothing in it but blanks (folded onto a line of its own or not): what a mail
    program writes when the date it was given is no date (Python's own writes ``Date:`` for
    ``msg["Date"] = "yesterday"``). There is no date to read and none to refuse, so the message comes in
    without one, and a note says so."""
    when = msg.get("date")
    return when is not None and not str(when).strip()


def _header(value) -> str | None:
    return " ".join(str(value).split()) if value else None


def _body(msg, label: str) -> str:
    """The message's own text: plain text preferred, else its HTML part read as a web page."""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):  # an unknown or lying charset: decode the bytes ourselves
        from ..ingest import decode

        content = decode(part.get_payload(decode=True) or b"", label)
    if isinstance(content, bytes):
        content = content.decode("utf-8", "replace")
    if part.get_content_subtype() == "html":
        from ..ingest import parse_html

        body, _ = parse_html(content, label)
        return body
    return _unwrap(content)


def _unwrap(text: str) -> str:
    """Plain mail text with paragraphs one per line: lines wrapped at ~72 columns are rejoined.

    Blank lines separate paragraphs; quoted replies (``> ``) and the signature (after ``-- ``) go.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body = re.split(r"\n-- \n", text, maxsplit=1)[0]
    paragraphs = []
    for block in re.split(r"\n\s*\n", body):
        lines = [line.strip() for line in block.split("\n") if line.strip() and not line.lstrip().startswith(">")]
        if not lines:
            continue
        widest = max(len(line) for line in lines)
        if widest > 100:  # not wrapped by the mail program: every line is a paragraph
            paragraphs.extend(lines)
            continue
        current: list[str] = []
        for line in lines:  # wrapped: a short line ending a sentence ends a paragraph
            current.append(line)
            if len(line) < 0.7 * widest and SENTENCE_END.search(line):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _attachments(msg, label: str, meta: ArticleMeta, note: Note) -> Iterator[Document | Exception]:
    """Readable attachments as documents of their own, labelled under the message."""
    from ..ingest import IngestError

    for number, part in enumerate(msg.iter_attachments(), 1):
        name = part.get_filename()
        if part.get_content_type() == "message/rfc822":
            name = name or f"message-{number}.eml"
        if not name:
            continue
        name = os.path.basename(name.replace("\\", "/")) or f"attachment-{number}"
        if format_for(name) is None:
            continue
        sub = f"{label}/{name}"
        try:
            if part.get_content_type() == "message/rfc822":
                inner = part.get_content()
                data = inner.as_bytes() if hasattr(inner, "as_bytes") else bytes(inner)
            else:
                data = part.get_payload(decode=True) or b""
            for doc in read_bytes(data, sub, on_note=note):
                if isinstance(doc, Document) and not doc.meta.date and meta.date:
                    doc = replace(doc, meta=replace(doc.meta, date=meta.date))
                yield doc
        except IngestError as exc:
            yield exc
        except Exception as exc:
            log.debug("%s: caught and reported", __name__, exc_info=True)
            yield IngestError(sub, f"unreadable attachment ({type(exc).__name__}: {exc})")
