"""Every file format quotecheck imports, in one registry, and the batch reader that uses it.

:data:`FORMATS` is the single list of what can be imported: the CLI walks folders with it, the
window's Import dialog builds its filter from :func:`dialog_filter` and drag-and-drop accepts what
:func:`format_for` knows. Plain text, Markdown and saved HTML are read by :mod:`..ingest`; the other
formats each have a reader module here (:mod:`.pdf`, :mod:`.word`, :mod:`.mail`, :mod:`.warc`,
:mod:`.archive` for zips) and a link is fetched by :mod:`.web`. A container (an mbox, a web archive, an
e-mail with attachments, a zip) gives several articles.

:func:`read_articles` is what a batch calls for each path: it adds the metadata that lives beside the
files (a ``NAME.meta.json`` sidecar, an ``articles.csv``/``articles.json`` manifest, a date in the file
name; see :mod:`.manifest`) and reports every problem as an :class:`~..ingest.IngestError` naming the
file, so one bad file (or one bad message in a mailbox) never stops the rest.

Example:
    >>> for article in read_articles("inbox.mbox", on_error=print):  # doctest: +SKIP
    ...     print(article.path, article.meta.title)
"""

from __future__ import annotations

import importlib
import io
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from ...model import MAX_CHARS, Article, ArticleMeta, text_hash

log = logging.getLogger(__name__)

MB = 1024 * 1024


@dataclass(frozen=True)
class Format:
    """One importable format.

    Attributes:
        name: what the Import dialog calls it.
        suffixes: file name endings, lower case with the dot (``.warc.gz`` included as one).
        reader: module under this package with ``read(stream, label)``; None for the formats
            :mod:`..ingest` reads itself (text, Markdown, HTML).
        max_bytes: larger files are refused with one line.
        container: the file can hold several articles (sidecar and manifest then only fill gaps).
    """

    name: str
    suffixes: tuple[str, ...]
    reader: str | None = None
    max_bytes: int = 2 * MB
    container: bool = False


FORMATS: tuple[Format, ...] = (
    Format("Text and Markdown", (".txt", ".text", ".md", ".markdown")),
    Format("Web pages", (".html", ".htm", ".xhtml")),
    Format("PDF documents", (".pdf",), "pdf", 64 * MB),
    Format("Word documents", (".docx",), "word", 64 * MB),
    Format("E-mail", (".eml",), "mail", 64 * MB, container=True),
    Format("Mailboxes", (".mbox",), "mail", 1024 * MB, container=True),
    Format("Web archives", (".warc", ".warc.gz"), "warc", 2048 * MB, container=True),
    Format("Zip archives", (".zip",), "archive", 512 * MB, container=True),
)


@dataclass(frozen=True)
class Document:
    """What a reader found: one article's text (paragraphs one per line) and metadata.

    ``label`` names it in the project and in errors: the file's path, or the path and the place
    inside a container (``inbox.mbox#3``, ``note.eml#3/report.pdf``, ``crawl.warc#https://…``).
    """

    text: str
    meta: ArticleMeta
    label: str
    as_file: bool = False
    """The text as :func:`..ingest.parse_article` reads a file of its kind (a ``.txt`` in a zip, an
    e-mail's ``.md`` attachment, a downloaded page): kept exactly as it is, so that the same file gives
    the same article, and the same content hash, inside a container and out of it."""


def import_suffixes() -> tuple[str, ...]:
    """Every file ending quotecheck imports, for file dialogs, drag-and-drop and folder walks."""
    return tuple(s for f in FORMATS for s in f.suffixes)


def dialog_filter() -> str:
    """The Qt file-dialog filter string: all articles first, then one entry per format, then all files."""
    every = " ".join("*" + s for s in import_suffixes())
    each = ";;".join(f"{f.name} ({' '.join('*' + s for s in f.suffixes)})" for f in FORMATS)
    return f"Articles ({every});;{each};;All files (*)"


def format_for(name: str | os.PathLike) -> Format | None:
    """The format a file name's ending says, or None. The longest ending wins (``.warc.gz``)."""
    lower = os.path.basename(str(name)).lower()
    best = None
    for fmt in FORMATS:
        for suffix in fmt.suffixes:
            if lower.endswith(suffix) and len(lower) > len(suffix) and (best is None or len(suffix) > len(best[1])):
                best = (fmt, suffix)
    return best[0] if best else None


def without_traceback(error):
    """``error`` with no traceback or chained exception: their frames keep the bytes and text of the part
    that failed alive, and an import keeps every error of a container (a mailbox, a zip) until it is done
    (a zip of 240 failed members held 1 GB). What is not an exception is given back as it is."""
    if isinstance(error, BaseException):
        error.__traceback__ = error.__context__ = error.__cause__ = None
    return error


def unread_line(names: list[str], shown: int = 5) -> str:
    """The one line naming files an import passed over because quotecheck does not read their kind.

    >>> unread_line(["notes.rtf", "data.csv"])
    'skipped 2 files quotecheck does not read: notes.rtf, data.csv'
    """
    listed = ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")
    return f"skipped {len(names)} file{'s' if len(names) != 1 else ''} quotecheck does not read: {listed}"


def is_link(text: str) -> bool:
    """Does this import argument name a web address rather than a file?"""
    return "://" in text[:12] and not os.path.exists(text)


PROJECT_SUFFIXES = (".qcproj", ".qcproj-wal", ".qcproj-shm", ".qcproj-journal")
"""A project file and SQLite's files beside it: never read as articles."""


def read_articles(
    path: str | os.PathLike,
    *,
    on_error: Callable[[Exception], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[Article]:
    """The articles of one file or link, with the metadata beside it applied.

    A problem with the whole file raises :class:`~..ingest.IngestError`. A problem with one part of
    a container (one message, one record) goes to ``on_error`` and the rest is still read (raised
    when no ``on_error`` is given). ``on_note`` hears what was skipped on purpose (a web archive's
    images and scripts).
    """
    from ..ingest import IngestError, UnreadableFolder, read_article
    from . import manifest

    if isinstance(path, UnreadableFolder):
        raise IngestError(path, path.problem)

    def report(exc: Exception) -> None:
        if on_error is None:
            raise exc
        on_error(without_traceback(exc))  # kept by the caller until the container is done

    text = str(path)
    if text.lower().endswith(PROJECT_SUFFIXES):
        # never opened: reading and closing a project file this process has open would drop SQLite's
        # locks on it (POSIX locks belong to the process), and another program could then lose its log
        raise IngestError(path, "a quotecheck project, not an article (open it with 'quotecheck gui')")
    if is_link(text):
        from . import web

        yield from _articles(web.fetch(text), report)
        return
    fmt = format_for(text)
    if fmt is None or fmt.reader is None:
        article = read_article(path)
        yield manifest.apply(article, Path(text), container=False)
        return
    for article in _articles(read_documents(text, fmt, on_note=on_note), report):
        yield manifest.apply(article, Path(text), container=fmt.container)


def read_documents(path: str, fmt: Format, *, on_note: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Open a file of a registered format and run its reader; size and access problems are IngestErrors."""
    from ..ingest import IngestError

    p = Path(path)
    if not p.exists():
        raise IngestError(path, "no such file")
    if p.is_dir():
        raise IngestError(path, "is a folder, not a file")
    if not p.is_file():  # a pipe or device would block or never end
        raise IngestError(path, "not a regular file")
    try:
        size = p.stat().st_size
        if size > fmt.max_bytes:
            raise IngestError(path, f"too large ({size / MB:.0f} MB; the limit is {fmt.max_bytes // MB} MB)")
        if size == 0:
            raise IngestError(path, "empty file")
        stream = open(p, "rb")  # closed by the with below, once the reader is done
    except OSError as exc:
        raise IngestError(path, f"cannot be read ({exc.strerror or exc})") from exc
    with stream:
        yield from read_stream(stream, path, fmt, on_note=on_note)


def read_stream(
    stream: BinaryIO, label: str, fmt: Format | None = None, *, on_note: Callable[[str], None] | None = None
) -> Iterator[Document]:
    """Run the reader of ``fmt`` (by default the one ``label``'s ending names) over an open stream.

    Text and HTML go through :func:`..ingest.parse_article`, so an attachment or a downloaded page
    is read exactly as a file of its kind would be.
    """
    from ..ingest import IngestError, parse_article

    fmt = fmt or format_for(label)
    if fmt is None:
        raise IngestError(label, "not a format quotecheck reads")
    if fmt.reader is None:
        data = stream.read(fmt.max_bytes + 1)
        if len(data) > fmt.max_bytes:
            raise IngestError(label, f"too large (the limit is {fmt.max_bytes // MB} MB)")
        article = parse_article(data, label)
        yield Document(article.text, article.meta, label, as_file=True)
        return
    module = importlib.import_module(f"{__name__}.{fmt.reader}")
    kwargs = {"on_note": on_note} if getattr(module, "NOTES", False) else {}
    yield from module.read(stream, label, **kwargs)


def read_bytes(data: bytes, label: str, *, on_note: Callable[[str], None] | None = None) -> Iterator[Document]:
    """:func:`read_stream` over bytes in memory (attachments, downloads)."""
    return read_stream(io.BytesIO(data), label, on_note=on_note)


def _articles(documents: Iterator[Document | Exception], report: Callable[[Exception], None]) -> Iterator[Article]:
    """Documents to articles; an error a reader yields for one part is reported and reading goes on."""
    from ..ingest import IngestError

    for doc in documents:
        if isinstance(doc, Exception):
            report(doc)
            continue
        try:
            article = to_article(doc)
        except IngestError as exc:
            report(exc)
            continue
        yield article


def to_article(doc: Document) -> Article:
    """An :class:`Article` from a reader's document: the same checks and paragraphs as a text file.

    The line breaks a reader leaves around its text go, but a file read as a file is (``as_file``) keeps
    them, as :func:`..ingest.parse_article` keeps them: the same text file, alone or inside a zip or an
    e-mail, is one article.
    """
    from ..ingest import IngestError, paragraph_spans

    text = doc.text if doc.as_file else doc.text.strip("\n")
    if not text.strip():
        raise IngestError(doc.label, "no article text")
    if len(text) > MAX_CHARS:
        raise IngestError(doc.label, f"too long ({len(text):,} characters; the limit is {MAX_CHARS:,})")
    meta = doc.meta
    if not meta.title:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        meta = replace(meta, title=first if len(first) <= 200 else Path(doc.label).stem)
    return Article(
        path=doc.label,
        text=text,
        meta=meta,
        content_hash=text_hash(text),
        paragraphs=paragraph_spans(text),
    )


def read_one(path: str | os.PathLike, fmt: Format) -> Article:
    """The single article of a file in a reader format (for :func:`..ingest.read_article`).

    A container holding several articles is an IngestError pointing at :func:`read_articles`.
    """
    from ..ingest import IngestError

    found = []
    errors: list[Exception] = []
    for doc in read_documents(str(path), fmt):
        if isinstance(doc, Exception):
            errors.append(doc)
            continue
        found.append(doc)
        if len(found) > 1:
            raise IngestError(str(path), "holds several articles; import it as a batch (read_articles)")
    if not found:
        if errors:
            raise errors[0]
        raise IngestError(str(path), "no article in the file")
    return to_article(found[0])
