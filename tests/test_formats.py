"""PDF and Word files made here by real writers (reportlab, python-docx) give the article's quotes."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from format_files import write_docx, write_pdf

from quotecheck.io.formats import dialog_filter, format_for, import_suffixes, read_articles
from quotecheck.io.formats.pdf import paragraphs as pdf_paragraphs
from quotecheck.io.ingest import IngestError, iter_article_paths, read_article

SPEAKERS = ["Helena Marsh", "Helena Marsh", "Tomas Verhoeven", "Tomas Verhoeven", "Priya Anand", "Priya Anand"]


@pytest.fixture(scope="module")
def extractor():
    from quotecheck.engine.extract import Extractor

    return Extractor()


@pytest.fixture(scope="module")
def harbour():
    """The invented harbour article: its path, headline and body paragraphs."""
    path = Path(__file__).parent / "data" / "formats" / "harbour.txt"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return path, lines[0], lines[1:]


def quotes(extractor, article) -> list[tuple[str, str | None]]:
    return [(" ".join(q.text.split()), q.speaker) for q in extractor.extract(article)]


def test_registry_is_one_list_for_folders_dialogs_and_dispatch(tmp_path):
    for name in ("a.pdf", "b.DOCX", "c.eml", "d.mbox", "e.warc", "f.warc.gz", "g.txt", "h.html"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "i.gz").write_bytes(b"x")
    (tmp_path / "articles.csv").write_text("file\n")
    found = sorted(p.rsplit("/", 1)[1] for p in iter_article_paths([tmp_path]))
    assert found == ["a.pdf", "b.DOCX", "c.eml", "d.mbox", "e.warc", "f.warc.gz", "g.txt", "h.html"]
    assert format_for("crawl.warc.gz").name == "Web archives" and format_for("x.gz") is None
    assert {".pdf", ".docx", ".eml", ".mbox", ".warc", ".warc.gz", ".txt", ".html"} <= set(import_suffixes())
    assert "*.warc.gz" in dialog_filter().split(";;")[0] and dialog_filter().endswith("All files (*)")


def test_pdf_gives_the_same_quotes_as_its_text(tmp_path, harbour, extractor):
    txt, headline, paras = harbour
    pdf = tmp_path / "harbour.pdf"
    pages = write_pdf(
        pdf, [headline, *paras, *paras, *paras], header="The Harbour Ledger · 12 October 2016", title=headline
    )
    assert pages >= 2
    article = read_article(pdf)
    assert article.text.split("\n\n") == [headline, *paras, *paras, *paras]
    assert article.meta.title == headline
    want = quotes(extractor, read_article(txt))
    assert [s for _, s in want] == SPEAKERS
    assert quotes(extractor, article) == want * 3


def test_two_column_pdf_with_running_heads_reads_in_column_order(tmp_path, harbour, extractor):
    _, headline, paras = harbour
    pdf = tmp_path / "two.pdf"
    write_pdf(
        pdf,
        paras * 3,
        columns=2,
        header="The Harbour Ledger — Tuesday 12 October 2016",
        headline=headline,
        author="Ana Berg",
        created=datetime(2016, 10, 12, 8, 0),
    )
    [article] = read_articles(pdf)
    assert article.text.split("\n\n") == [headline, *(paras * 3)]
    assert "Harbour Ledger" not in article.text and "Page" not in article.text
    assert (article.meta.title, article.meta.author, article.meta.date) == (headline, "Ana Berg", "2016-10-12")
    assert [s for _, s in quotes(extractor, article)] == SPEAKERS * 3


def test_hyphenated_line_ends_are_joined_and_indented_paragraphs_kept(tmp_path, harbour):
    _, _, paras = harbour
    pdf = tmp_path / "narrow.pdf"
    write_pdf(pdf, paras, indent=True, hyphenate=True, font_size=13)
    raw = read_raw_lines(pdf)
    assert any(line.endswith("-") and line[-2].isalpha() for line in raw), "the writer hyphenated no line"
    text = read_article(pdf).text
    assert text.split("\n\n") == paras
    assert "infrastructure" in text and "- " not in text.replace(" - ", "")


def read_raw_lines(pdf) -> list[str]:
    import pypdf

    return [line.strip() for page in pypdf.PdfReader(pdf).pages for line in page.extract_text().splitlines()]


def test_column_and_page_breaks_inside_a_paragraph_join_it():
    from quotecheck.io.formats.pdf import Run

    def row(x, y, text):
        return [Run(x, x + 5 * len(text), y, 10, text)]

    page1 = [row(0, 800, "The Ledger"), row(0, 700, "“We will not"), row(0, 688, "sign,” said Ana"), row(200, 90, "7")]
    page2 = [row(0, 800, "The Ledger"), row(0, 700, "Berg. Then she left."), row(200, 90, "8")]
    assert pdf_paragraphs([page1, page2]) == ["“We will not sign,” said Ana Berg. Then she left."]


def test_pdf_problems_are_one_line(tmp_path, monkeypatch):
    from reportlab.pdfgen import canvas

    from quotecheck.io.formats import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    scan = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan))
    c.rect(50, 50, 300, 400, fill=1)  # a page with only a picture on it
    c.showPage()
    c.save()
    cases = {
        scan: "no text layer (a scanned PDF?); OCR needs tesseract, which is not installed",
        tmp_path / "fake.pdf": "not a PDF file",
        tmp_path / "cut.pdf": "damaged PDF",
    }
    (tmp_path / "fake.pdf").write_text("hello")
    (tmp_path / "cut.pdf").write_bytes(scan.read_bytes()[:300])
    for path, problem in cases.items():
        with pytest.raises(IngestError) as caught:
            list(read_articles(path))
        assert str(caught.value).startswith(f"{path}: {problem}"), str(caught.value)
        assert "\n" not in str(caught.value)


def test_a_cut_off_pdf_is_our_one_line_without_pypdfs_own(tmp_path, harbour, caplog):
    """pypdf logs "EOF marker not found" on a truncated file; the person sees only quotecheck's line, and
    pypdf's note goes to the log's details."""
    whole = tmp_path / "whole.pdf"
    write_pdf(whole, [harbour[1], *harbour[2]])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    run = subprocess.run(
        [sys.executable, "-m", "quotecheck.cli", "extract", "-q", str(cut)], capture_output=True, text=True, timeout=240
    )
    assert run.returncode == 1
    assert re.fullmatch(rf"error: {re.escape(str(cut))}: damaged PDF \([^\n]*\)\n", run.stderr), run.stderr
    with caplog.at_level(logging.DEBUG, logger="quotecheck"), pytest.raises(IngestError, match="damaged PDF"):
        list(read_articles(cut))
    assert "pypdf._reader: EOF marker not found" in caplog.messages


def test_word_document_paragraphs_headings_and_properties(tmp_path, harbour, extractor):
    _, headline, paras = harbour
    path = tmp_path / "statement.docx"
    write_docx(
        path, paras, heading=headline, author="Ana Berg", title="Channel dredging", created=datetime(2016, 10, 12)
    )
    [article] = read_articles(path)
    assert article.text.split("\n\n") == [headline, *paras]  # the page header is not article text
    assert (article.meta.title, article.meta.author, article.meta.date) == (
        "Channel dredging",
        "Ana Berg",
        "2016-10-12",
    )
    assert [s for _, s in quotes(extractor, article)] == SPEAKERS


def test_word_problems_are_one_line(tmp_path):
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    empty = tmp_path / "empty.docx"
    write_docx(empty, [])
    for path, problem in (
        (old, "an old Word .doc file"),
        (broken, "damaged or not a Word .docx file"),
        (empty, "the document has no text"),
    ):
        with pytest.raises(IngestError) as caught:
            read_article(path)
        assert str(caught.value).startswith(f"{path}: {problem}")


needs_ocr = pytest.mark.skipif(
    not __import__("quotecheck.io.formats.ocr", fromlist=["available"]).available(),
    reason="tesseract is not installed (scripts/setup.sh installs it when run as root)",
)


@pytest.mark.slow
@needs_ocr
def test_scanned_pdf_is_read_by_ocr(tmp_path, harbour, extractor):
    from format_files import write_scanned_pdf

    txt, headline, paras = harbour
    scan = tmp_path / "scan.pdf"
    assert write_scanned_pdf(scan, [headline, *paras], header="The Harbour Ledger 12 October 2016") >= 2
    [article] = read_articles(scan)
    assert article.text.split("\n\n") == [headline, *paras]  # running head and page numbers gone
    assert quotes(extractor, article) == quotes(extractor, read_article(txt))


@pytest.mark.slow
@needs_ocr
def test_scan_of_a_picture_without_words_is_one_line(tmp_path):
    from reportlab.pdfgen import canvas

    scan = tmp_path / "picture.pdf"
    c = canvas.Canvas(str(scan))
    c.circle(300, 400, 120, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(IngestError) as caught:
        read_article(scan)
    assert str(caught.value) == f"{scan}: no text layer, and OCR found no text (a picture, or a blank scan?)"


def test_ocr_pages_lose_their_page_numbers_as_a_pdf_does_and_french_quotes_end_a_paragraph():
    """Tesseract's blocks of two pages (no OCR here: its segmentation of a picture is its own) are joined
    with the rules of laid-out text (io.lines): "Seite 1 von 2" is a page number, and a paragraph whose
    last line ends in a stop inside closing guillemets ends on that page."""
    from quotecheck.io.formats.ocr import join_pages

    first = [
        ["Hafenbericht"],
        ["Die Kommission vertagte die Arbeiten am", "Nordkanal um ein Jahr."],
        ["« Wir warten auf das Gutachten », sagte", "Ilse Brandt. « Dann entscheiden wir. »"],
        ["Seite 1 von 2"],
    ]
    second = [
        ["Hafenbericht"],
        ["Die Reedereien nannten die Entscheidung", "enttäuschend."],
        ["Seite 2 von 2"],
    ]
    assert join_pages([first, second]) == [
        "Die Kommission vertagte die Arbeiten am Nordkanal um ein Jahr.",
        "« Wir warten auf das Gutachten », sagte Ilse Brandt. « Dann entscheiden wir. »",
        "Die Reedereien nannten die Entscheidung enttäuschend.",
    ]
