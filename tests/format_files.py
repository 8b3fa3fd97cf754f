"""Real files of every import format, written by real writers (reportlab, python-docx, warcio, email).

Used by tests/test_formats*.py and bench/ingest.py. The article text passed in is the caller's; the
layout (columns, running heads, page numbers, hyphenated line ends) is what these writers add.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path


def write_pdf(
    path: Path,
    paragraphs: list[str],
    *,
    columns: int = 1,
    header: str | None = None,
    page_numbers: bool = True,
    hyphenate: bool = True,
    indent: bool = False,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    headline: str | None = None,
    font_size: float = 10.5,
    page_height: float = 842,
    embedded: bool = True,
) -> int:
    """Lay paragraphs out as a typeset article (A4, justified-looking lines); returns the page count.

    Lines are filled greedily; a long word that does not fit is hyphenated across the line end when
    ``hyphenate`` is on. ``headline`` is set across all columns on the first page. The text font is
    DejaVu Sans embedded as a subset (as word processors do; it has Cyrillic and Greek), or with
    ``embedded=False`` the standard Helvetica (Latin-1 and typographic quotes only).
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    width, height = 595, page_height
    margin, gutter, leading = 56, 24, font_size * 1.3
    col_width = (width - 2 * margin - gutter * (columns - 1)) / columns
    font = _font(embedded)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    if title:
        c.setTitle(title)
    if author:
        c.setAuthor(author)
    if created:  # reportlab stamps "now" unless told otherwise through its document info
        c._doc.info.invariant = 0
        c._doc.info._dateFormatter = lambda *a, **k: created.strftime("D:%Y%m%d%H%M%S+00'00'")
    lines: list[tuple[str, bool, bool]] = []  # (text, paragraph start, paragraph end)
    for para in paragraphs:
        words = para.split()
        current = ""
        first = True
        avail = col_width - (18 if indent else 0)
        while words:
            word = words[0]
            trial = f"{current} {word}".strip()
            if stringWidth(trial, font, font_size) <= avail:
                current = trial
                words.pop(0)
                continue
            if not current:  # a word longer than the line (a link): it overflows, as it would in print
                current = word
                words.pop(0)
                continue
            if hyphenate and len(word) >= 8 and word.isalpha():
                for cut in range(len(word) - 3, 3, -1):
                    head = f"{current} {word[:cut]}-".strip()
                    if stringWidth(head, font, font_size) <= avail:
                        current = head
                        words[0] = word[cut:]
                        break
            lines.append((current, first, False))
            first, current, avail = False, "", col_width
        lines.append((current, first, True))

    pages = 0
    top = height - margin - (20 if header else 0)
    bottom = margin + (20 if page_numbers else 0)
    i = 0
    while i < len(lines) or pages == 0:
        pages += 1
        if header:
            c.setFont(font, 8)
            c.drawString(margin, height - margin + 4, header)
        if page_numbers:
            c.setFont(font, 8)
            c.drawCentredString(width / 2, margin - 10, f"Page {pages}")
        y_start = top
        if pages == 1 and headline:
            c.setFont("Helvetica-Bold", 18)
            c.drawString(margin, top - 18, headline)
            y_start = top - 40
        for col in range(columns):
            x = margin + col * (col_width + gutter)
            y = y_start - font_size
            c.setFont(font, font_size)
            while i < len(lines) and y >= bottom:
                text, start, end = lines[i]
                c.drawString(x + (18 if indent and start else 0), y, text)
                y -= leading + (leading * 0.6 if end and not indent else 0)
                i += 1
        c.showPage()
    c.save()
    return pages


def _font(embedded: bool) -> str:
    """The name of the text font registered with reportlab."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not embedded or not path.exists():
        return "Helvetica"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(path)))
    return "DejaVuSans"


def write_docx(path: Path, paragraphs: list[str], *, heading: str | None = None, **core) -> None:
    """A Word document: an optional Heading 1, the paragraphs, a running page header, core properties."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "RUNNING HEADER NOT PART OF THE ARTICLE"
    if heading:
        document.add_heading(heading, level=1)
    for para in paragraphs:
        document.add_paragraph(para)
    for key, value in core.items():
        setattr(document.core_properties, key, value)
    document.save(str(path))


def email_message(
    subject: str,
    sender: str,
    body: str,
    *,
    html: str | None = None,
    when: datetime | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
) -> EmailMessage:
    """A MIME message: plain text (and an HTML alternative when given), attachments (name, data, mime)."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = "desk@example.org"
    msg["Date"] = format_datetime(when or datetime(2016, 10, 12, 9, 30, tzinfo=timezone.utc))
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    for name, data, mime in attachments:
        maintype, _, subtype = mime.partition("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg


def write_mbox(path: Path, messages: list[EmailMessage]) -> None:
    """An mbox with the standard library's writer (``From `` lines quoted as mboxo does)."""
    import mailbox

    box = mailbox.mbox(str(path))
    box.lock()
    try:
        for msg in messages:
            box.add(msg)
        box.flush()
    finally:
        box.unlock()
        box.close()


def write_warc(path: Path, records: list[tuple[str, str, bytes]], *, gzip: bool = True) -> None:
    """A web archive of response records (url, content type, body), each with its request, via warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "format_files"}))
        for url, mime, body in records:
            status = "404 Not Found" if mime == "404" else "200 OK"
            mime = "text/html" if mime == "404" else mime
            http = StatusAndHeaders(
                status, [("Content-Type", mime), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(record)
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [], is_http_request=True),
            )
            writer.write_record(request)


def html_page(title: str, paragraphs: list[str], *, byline: str | None = None, site: str | None = None) -> str:
    """A news page with navigation and footer around the article, as sites publish them."""
    import html

    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    meta = f'<meta name="author" content="{html.escape(byline)}">' if byline else ""
    meta += f'<meta property="og:site_name" content="{html.escape(site)}">' if site else ""
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>Copyright the site. All rights reserved.</footer></body></html>"
    )


def write_scanned_pdf(path: Path, paragraphs: list[str], *, header: str | None = None, per_page: int = 4) -> int:
    """A PDF of page pictures with no text layer, as a scanner makes: text drawn into images (Pillow,
    DejaVu Sans) and placed on the pages by reportlab. Returns the page count."""
    import textwrap

    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    small = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 26)
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    chunks = [paragraphs[i : i + per_page] for i in range(0, len(paragraphs), per_page)]
    for number, chunk in enumerate(chunks, 1):
        image = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
        draw = ImageDraw.Draw(image)
        if header:
            draw.text((200, 120), header, font=small, fill=0)
        y = 300
        for para in chunk:
            for line in textwrap.wrap(para, 95):
                draw.text((200, y), line, font=font, fill=0)
                y += 48
            y += 40
        draw.text((1200, 3300), str(number), font=small, fill=0)
        c.drawImage(ImageReader(image), 0, 0, width=595, height=842)
        c.showPage()
    c.save()
    return len(chunks)
