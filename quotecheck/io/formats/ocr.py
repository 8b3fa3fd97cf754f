"""Text for scanned PDFs: pages rendered by PDFium (pypdfium2) and read by Tesseract, offline.

Used only for a PDF without a text layer, and only when the ``tesseract`` program is installed
(Debian: ``apt install tesseract-ocr``; ``scripts/setup.sh`` installs it when run as root);
otherwise such a PDF stays one clear line. Tesseract finds columns and paragraphs itself (its
automatic page segmentation); here its paragraphs are joined across line ends and hyphenation,
and running headers, footers and page numbers are dropped as for text PDFs.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections import Counter

from ..lines import PAGE_NUMBER, SENTENCE_END

log = logging.getLogger(__name__)

DPI = 300
LANGUAGE = os.environ.get("QUOTECHECK_OCR_LANG", "eng")
PAGE_TIMEOUT = 180  # seconds for one page


def available() -> bool:
    """Can scanned PDFs be read here (tesseract on the PATH and pypdfium2 installed)?"""
    import importlib.util

    return shutil.which("tesseract") is not None and importlib.util.find_spec("pypdfium2") is not None


def paragraphs(data: bytes, label: str) -> list[str]:
    """The paragraphs of a scanned PDF, recognised page by page."""
    return join_pages([_page_blocks(text) for text in page_texts(data, label)])


def page_texts(data: bytes, label: str) -> list[str]:
    """Tesseract's text for each page."""
    import io

    import pypdfium2 as pdfium

    from ..ingest import IngestError

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise IngestError(label, f"damaged PDF ({exc})") from exc
    texts = []
    try:
        for number in range(len(document)):
            page = document[number]
            image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            png = io.BytesIO()
            image.save(png, format="PNG")
            try:
                done = subprocess.run(
                    ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "--dpi", str(DPI)],
                    input=png.getvalue(),
                    capture_output=True,
                    timeout=PAGE_TIMEOUT,
                    check=False,
                    # Tesseract's own threads fight over a busy machine's cores (several times slower).
                    env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                )
            except subprocess.TimeoutExpired as exc:
                raise IngestError(label, f"OCR of page {number + 1} took over {PAGE_TIMEOUT} s") from exc
            if done.returncode != 0:
                why = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no reason given"]
                raise IngestError(label, f"OCR failed on page {number + 1} (tesseract: {why[0]})")
            texts.append(done.stdout.decode("utf-8", "replace"))
    finally:
        document.close()
    return texts


def _page_blocks(text: str) -> list[list[str]]:
    """Tesseract's paragraphs (blocks between blank lines), each a list of lines."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.replace("\f", "\n")):
        lines = [" ".join(line.split()) for line in block.splitlines() if line.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def join_pages(pages: list[list[list[str]]]) -> list[str]:
    """Paragraphs from the pages' blocks: running heads and page numbers out, lines and pages joined."""

    def shape(block: list[str]) -> str:
        return re.sub(r"\d+", "#", " ".join(block)).lower()

    seen: Counter[str] = Counter()
    for blocks in pages:
        seen.update({shape(b) for b in blocks[:1] + blocks[-1:]})
    repeated = {s for s, n in seen.items() if n >= 2 and n >= len(pages) / 2}
    paragraphs: list[str] = []
    carry = ""
    for blocks in pages:
        body = [
            b
            for i, b in enumerate(blocks)
            if not ((i == 0 or i == len(blocks) - 1) and (shape(b) in repeated or PAGE_NUMBER.match(" ".join(b))))
        ]
        for i, block in enumerate(body):
            text = _join_lines(block)
            if carry and i == 0:  # the last paragraph of the previous page did not end a sentence
                text = _join_lines([carry, text])
                carry = ""
            if i == len(body) - 1 and not SENTENCE_END.search(text):
                carry = text
            else:
                paragraphs.append(text)
    if carry:
        paragraphs.append(carry)
    return paragraphs


def _join_lines(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text
