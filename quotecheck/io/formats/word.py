"""Word ``.docx`` documents through python-docx.

The body's paragraphs and headings in order, one per line (tables row by row, cells joined by
" | "); page headers, footers and comments are not part of the article. The core properties give
title, author, date (created) and language. Old binary ``.doc`` files are not read; the error says
to save them as ``.docx``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import BinaryIO

from ...model import ArticleMeta
from . import Document

log = logging.getLogger(__name__)


def read(stream: BinaryIO, label: str) -> Iterator[Document]:
    """The one article of a ``.docx`` file."""
    from ..ingest import IngestError

    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(label, "an old Word .doc file, not .docx (save it as .docx in Word or LibreOffice)")
    if not head.startswith(b"PK"):
        raise IngestError(label, "not a Word .docx file")
    import docx

    try:
        document = docx.Document(stream)
        lines = list(_lines(document))
        meta = _meta(document.core_properties, label)
    except IngestError:
        raise
    except Exception as exc:  # python-docx and zipfile raise many kinds on damaged files
        log.debug("%s: caught and reported", __name__, exc_info=True)
        raise IngestError(label, f"damaged or not a Word .docx file ({type(exc).__name__}: {exc})") from exc
    if not lines:
        raise IngestError(label, "the document has no text")
    yield Document("\n\n".join(lines), meta, label)


def _lines(document) -> Iterator[str]:
    """Paragraph and table-row texts of the body in document order; manual line breaks split lines."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                        cells.append(text)
                if cells:
                    yield " | ".join(cells)
        else:
            for line in block.text.replace("\t", " ").splitlines():
                line = " ".join(line.split())
                if line:
                    yield line


def _meta(props, label: str) -> ArticleMeta:
    from ..ingest import meta_from_mapping

    values = {
        "title": props.title,
        "author": props.author if props.author != "python-docx" else None,  # that library's default
        "language": props.language,
    }
    meta = meta_from_mapping({k: v for k, v in values.items() if v}, label, strict=False)
    created = props.created
    # python-docx writes 2013-12-23 as "created" into every new document; that is its template's date.
    if created is not None and created.year > 1990 and created.date().isoformat() != "2013-12-23":
        meta = meta.merged(ArticleMeta(date=created.date().isoformat()))
    return meta
