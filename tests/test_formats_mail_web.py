"""E-mail, mailboxes, web archives and links, written by the standard library, warcio and a local server."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from format_files import email_message, html_page, write_docx, write_mbox, write_pdf, write_warc

from quotecheck.io.formats import read_articles
from quotecheck.io.ingest import IngestError
from quotecheck.library import Library

HARBOUR = Path(__file__).parent / "data" / "formats" / "harbour.txt"
LINES = [line for line in HARBOUR.read_text(encoding="utf-8").splitlines() if line.strip()]
HEADLINE, PARAS = LINES[0], LINES[1:]
MARSH = PARAS[1:3]  # two quotes by Helena Marsh
VERHOEVEN = PARAS[3:5]  # two by Tomas Verhoeven
ANAND = PARAS[5:7]  # two by Priya Anand


@pytest.fixture(scope="module")
def extractor():
    from quotecheck.engine.extract import Extractor

    return Extractor()


def speakers(extractor, article) -> list[str | None]:
    return [q.speaker for q in extractor.extract(article)]


def read_all(path):
    errors, notes = [], []
    articles = list(read_articles(path, on_error=errors.append, on_note=notes.append))
    return articles, [str(e) for e in errors], notes


def test_email_with_html_part_and_attachments(tmp_path, extractor):
    pdf = tmp_path / "release.pdf"
    write_pdf(pdf, ANAND, title="Coastwatch statement")
    docx = tmp_path / "carriers.docx"
    write_docx(docx, VERHOEVEN)
    msg = email_message(
        "Harbour vote: the chair's words",
        "Helena Marsh <chair@harbour.example>",
        "\n\n".join(MARSH),
        html=html_page("ignored when there is plain text", ["HTML ALTERNATIVE"]),
        when=datetime(2016, 10, 12, 9, 30, tzinfo=timezone.utc),
        attachments=[
            ("release.pdf", pdf.read_bytes(), "application/pdf"),
            (
                "carriers.docx",
                docx.read_bytes(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            ("logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ],
    )
    path = tmp_path / "statement.eml"
    path.write_bytes(bytes(msg))
    (message, release, carriers), errors, _ = read_all(path)
    assert not errors
    assert message.text.split("\n\n") == MARSH and "HTML ALTERNATIVE" not in message.text
    assert (message.meta.title, message.meta.author, message.meta.date) == (
        "Harbour vote: the chair's words",
        "Helena Marsh",
        "2016-10-12",
    )
    assert speakers(extractor, message) == ["Helena Marsh", "Helena Marsh"]
    assert release.path == f"{path}/release.pdf" and release.meta.title == "Coastwatch statement"
    assert speakers(extractor, release) == ["Priya Anand", "Priya Anand"]
    assert carriers.path == f"{path}/carriers.docx" and carriers.meta.date == "2016-10-12"  # the message's date
    assert speakers(extractor, carriers) == ["Tomas Verhoeven", "Tomas Verhoeven"]


def test_html_only_message_goes_through_the_html_reader(tmp_path, extractor):
    msg = email_message("Carriers respond", "press@carriers.example", "placeholder")
    msg.set_content(html_page("Carriers respond", VERHOEVEN, site="Carriers"), subtype="html")
    path = tmp_path / "html.eml"
    path.write_bytes(bytes(msg))
    [article], _, _ = read_all(path)
    assert "Home" not in article.text and "Copyright" not in article.text  # navigation and footer gone
    assert article.meta.author == "press@carriers.example"
    assert speakers(extractor, article) == ["Tomas Verhoeven", "Tomas Verhoeven"]


def test_wrapped_plain_text_paragraphs_are_rejoined(tmp_path):
    import textwrap

    body = "\n\n".join(textwrap.fill(p, 72) for p in MARSH) + "\n\n> an old reply\n\n-- \nsignature line\n"
    path = tmp_path / "wrapped.eml"
    path.write_bytes(bytes(email_message("Wrapped", "a@b.example", body)))
    [article], _, _ = read_all(path)
    assert article.text.split("\n\n") == MARSH
    unwrapped = tmp_path / "unwrapped.eml"  # long lines, one paragraph each, no blank lines between
    unwrapped.write_bytes(bytes(email_message("Unwrapped", "a@b.example", "\n".join(MARSH))))
    [article], _, _ = read_all(unwrapped)
    assert article.text.split("\n\n") == MARSH


def test_mbox_is_many_articles_and_a_bad_message_is_one_line(tmp_path, extractor):
    good = [
        email_message("One", "Helena Marsh <m@h.example>", "\n\n".join(MARSH)),
        email_message("Two", "Priya Anand <p@c.example>", "From the estuary:\n\n" + "\n\n".join(ANAND)),
    ]
    path = tmp_path / "desk.mbox"
    write_mbox(path, good)
    with open(path, "ab") as out:  # a message whose Date header is nonsense
        out.write(
            b"From bad@x Thu Oct 13 10:00:00 2016\nFrom: x@y.example\nSubject: Bad\nDate: yesterday-ish\n\nText.\n\n"
        )
    articles, errors, _ = read_all(path)
    assert [a.path for a in articles] == [f"{path}#1", f"{path}#2"]
    assert articles[1].text.startswith("From the estuary:")  # a body line starting with "From" survives
    assert [speakers(extractor, a) for a in articles] == [["Helena Marsh"] * 2, ["Priya Anand"] * 2]
    assert errors == [f"{path}#3: cannot read the date 'yesterday-ish'"]


def test_mail_problems(tmp_path):
    not_mail = tmp_path / "list.eml"
    not_mail.write_text("just some words\nwithout any headers\n")
    empty_box = tmp_path / "empty.mbox"
    empty_box.write_text("no separator lines here\n")
    assert read_all(not_mail)[1] == [f"{not_mail}: not an e-mail message (no From, Subject or Date header)"]
    assert read_all(empty_box)[1] == [f"{empty_box}: no messages in the mailbox (not an mbox file?)"]


def test_web_archive_with_mixed_records(tmp_path, extractor):
    page = html_page(HEADLINE, PARAS, byline="Ana Berg").encode("utf-8")
    other = html_page("Coastwatch reacts", ANAND).encode("cp1252", "replace")
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            ("https://ledger.example/robots.txt", "text/plain", b"User-agent: *\nDisallow:"),
            ("https://ledger.example/2016/dredging", "text/html; charset=utf-8", page),
            ("https://ledger.example/app.js", "application/javascript", b"console.log(1)"),
            ("https://ledger.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
            ("https://ledger.example/gone", "404", b"<html><body>Not here</body></html>"),
            ("https://coast.example/reaction", "text/html; charset=windows-1252", other),
        ],
    )
    articles, errors, notes = read_all(path)
    assert not errors
    assert [a.meta.url for a in articles] == ["https://ledger.example/2016/dredging", "https://coast.example/reaction"]
    first = articles[0]
    assert first.path == f"{path}#https://ledger.example/2016/dredging"
    assert (first.meta.title, first.meta.author, first.meta.outlet) == (HEADLINE, "Ana Berg", "ledger.example")
    assert first.meta.date == datetime.now(timezone.utc).date().isoformat()  # the capture date
    assert speakers(extractor, first) == [
        "Helena Marsh",
        "Helena Marsh",
        "Tomas Verhoeven",
        "Tomas Verhoeven",
        "Priya Anand",
        "Priya Anand",
    ]
    assert speakers(extractor, articles[1]) == ["Priya Anand", "Priya Anand"]
    assert notes == [f"{path}: 4 record(s) that are not articles skipped (1 robots.txt, 1 script, 1 image, 1 HTTP 404)"]


def test_broken_web_archives(tmp_path):
    fake = tmp_path / "fake.warc"
    fake.write_text("this is not a web archive\n")
    assert read_all(fake)[1][0].startswith(f"{fake}: not a readable web archive")
    whole = tmp_path / "whole.warc.gz"
    write_warc(
        whole, [(f"https://x.example/{n}", "text/html", html_page(f"Page {n}", MARSH).encode()) for n in range(3)]
    )
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    articles, errors, _ = read_all(cut)
    assert 1 <= len(articles) < 3 and len(errors) == 1 and errors[0].startswith(f"{cut}: ")
    assert gzip.decompress(whole.read_bytes())  # the uncut archive was well formed


def test_a_captured_page_without_a_date_of_its_own_gets_the_capture_date_not_a_year_in_its_text(tmp_path):
    history = ["The 1998 convention of the port authority set the dredging rules still in force.", *MARSH]
    undated = html_page(HEADLINE, history)
    in_meta = undated.replace("</head>", '<meta property="article:published_time" content="2016-10-12"></head>')
    in_byline = undated.replace("<h1>", '<p class="byline">By Ana Berg, published 13 October 2016</p><h1>')
    pages = {"undated": undated, "meta": in_meta, "byline": in_byline}
    path = tmp_path / "crawl.warc"
    write_warc(path, [(f"https://ledger.example/{k}", "text/html", page.encode()) for k, page in pages.items()])
    captured = datetime.now(timezone.utc).date().isoformat()  # write_warc's WARC-Date is the time of writing
    articles, errors, _ = read_all(path)
    assert not errors
    assert [a.meta.date for a in articles] == [captured, "2016-10-12", "2016-10-13"]


class _Pages(http.server.BaseHTTPRequestHandler):
    """A local web server: a news page, a huge page, a 404, an image, a redirect."""

    def do_GET(self):
        if self.path == "/story":
            body = html_page(HEADLINE, PARAS, byline="Ana Berg", site="Harbour Ledger").encode()
            self._send(200, "text/html; charset=utf-8", body)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.end_headers()
        elif self.path == "/huge":
            self._send(200, "text/html", b"<p>" + b"x" * (17 * 1024 * 1024))
        elif self.path == "/logo.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n")
        elif self.path == "/empty":
            self._send(200, "text/html", b"")
        elif self.path == "/report":
            self._send(200, "application/pdf", b"not really a PDF")
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/drip":
            self._drip()
        elif self.path == "/drip-headers":
            self._drip_headers()
        else:
            self._send(404, "text/html", b"<html>missing</html>")

    def _send(self, status, mime, body):
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _drip(self):
        """A page that comes a few bytes at a time, never pausing long enough for a read to time out."""
        body = html_page(HEADLINE, PARAS).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for start in range(0, min(len(body), 200), 10):  # 20 pieces, 0.25 s apart: 5 s in all
                self.wfile.write(body[start : start + 10])
                self.wfile.flush()
                time.sleep(0.25)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _drip_headers(self):
        """A site that sends its headers a line at a time, never pausing long enough for a read to time out."""
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for k in range(20):  # 0.25 s apart: 5 s in all
                self.wfile.write(f"X-Part-{k}: {k}\r\n".encode())
                self.wfile.flush()
                time.sleep(0.25)
            self.wfile.write(b"Content-Type: text/html\r\nContent-Length: 0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_link_is_fetched_and_read_as_a_page(tmp_path, server):
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest([f"{server}/moved"])
        assert report.ok and len(report.added) == 1
        [row] = lib.articles()
        assert row.path == f"{server}/moved" and row.meta.url == f"{server}/story"
        assert (row.meta.title, row.meta.author, row.meta.outlet) == (HEADLINE, "Ana Berg", "Harbour Ledger")
        quotes = [q for q in lib.article_quotes(row.id) if q.kind != "indirect"]  # quotations; reported speech aside
        assert [q.speaker for q in quotes][:2] == ["Helena Marsh", "Helena Marsh"] and len(quotes) == 6


def test_link_failures_are_one_line_and_add_nothing(tmp_path, server):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/story"
    cases = {
        f"{server}/nothing": "the site answered HTTP 404 Not Found",
        f"{server}/huge": "too large (17 MB; the limit is 16 MB)",
        f"{server}/logo.png": "not an article page (image/png)",
        "ftp://127.0.0.1/story.html": "only http and https links can be imported, not ftp:",
        closed: "cannot reach the site (connection refused or no network)",
    }
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest(list(cases))
        assert report.added == [] and lib.articles() == []
    assert report.errors == [f"{url}: {problem}" for url, problem in cases.items()]


def test_offline_lookup_fails_in_one_line():
    with pytest.raises(IngestError) as caught:
        list(read_articles("https://quotecheck-test.invalid/story"))
    assert (
        str(caught.value)
        == "https://quotecheck-test.invalid/story: cannot reach the site (no network, or unknown host name)"
    )


def test_a_mailbox_import_counts_its_messages_in_the_progress(tmp_path):
    from quotecheck.progress import Progress

    path = tmp_path / "desk.mbox"
    write_mbox(
        path, [email_message(f"Message {n}", "Helena Marsh <m@h.example>", f"{n}. " + MARSH[0]) for n in range(4)]
    )
    seen = []
    progress = Progress(on_change=lambda p: seen.append((p.done, p.total, p.message)))
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest([path], progress=progress, analyse=False)
    assert len(report.added) == 4
    extracting = [(done, total) for done, total, message in seen if message.startswith(str(path))]
    assert extracting[-1] == (4, 4) and all(done <= total for done, total in extracting)


def test_a_message_or_archive_without_any_article_is_one_line(tmp_path):
    msg = email_message("Logo", "a@b.example", "", attachments=[("logo.png", b"\x89PNG\r\n\x1a\n", "image/png")])
    eml = tmp_path / "logo.eml"
    eml.write_bytes(bytes(msg))
    assert read_all(eml)[:2] == ([], [f"{eml}: no text in the message and no attachment quotecheck reads"])
    warc = tmp_path / "images.warc"
    write_warc(warc, [("https://x.example/a.png", "image/png", b"\x89PNG")], gzip=False)
    articles, errors, notes = read_all(warc)
    assert (articles, errors) == ([], [f"{warc}: no article pages in the web archive (see the note)"])
    assert notes == [f"{warc}: 1 record(s) that are not articles skipped (1 image)"]


def test_a_link_that_never_finishes_gives_up_at_the_deadline(tmp_path, server, monkeypatch):
    from quotecheck.io.formats import web

    monkeypatch.setattr(web, "DEADLINE", 1.0)
    started = time.monotonic()
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest([f"{server}/drip"])
    assert time.monotonic() - started < 4  # the drip lasts 5 s, and each piece comes well inside a read timeout
    assert report.errors == [f"{server}/drip: the site sends too slowly (the page was not complete after 1 s)"]


def test_a_link_whose_headers_never_finish_gives_up_at_the_deadline(tmp_path, server, monkeypatch):
    from quotecheck.io.formats import web

    monkeypatch.setattr(web, "DEADLINE", 1.0)
    started = time.monotonic()
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest([f"{server}/drip-headers", f"{server}/story"])
    assert time.monotonic() - started < 4  # the headers take 5 s, each line well inside a read timeout
    assert report.errors == [f"{server}/drip-headers: the site sends too slowly (no answer after 1 s)"]
    assert len(report.added) == 1  # the rest of the batch goes on
    # the request given up holds no connection: its thread ends now, not when the site finishes (5 s)
    for thread in [t for t in threading.enumerate() if t.name == "quotecheck-link"]:
        thread.join(1.5)
        assert not thread.is_alive()


def test_link_errors_name_the_link_as_given(tmp_path, server):
    cases = {
        f"{server}/empty": "empty file",
        f"{server}/report": "not a PDF file",
        f"{server}/loop": "too many redirects (the site sends the link round in a loop, or through more than 5 places)",
    }
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest(list(cases))
    assert report.errors == [f"{url}: {problem}" for url, problem in cases.items()]


def test_a_message_whose_date_header_is_empty_comes_in_undated_and_a_note_says_so(tmp_path):
    """A hostile trial's mailbox held a message whose writer could not write its date ("Date:" with
    nothing after it, as Python's own writes for ``msg["Date"] = "last Tuesday"``): it came in with no
    date and no word."""
    undated = email_message("Two", "Priya Anand <p@c.example>", "\n\n".join(ANAND))
    del undated["Date"]
    undated["Date"] = "last Tuesday"
    path = tmp_path / "desk.mbox"
    write_mbox(path, [email_message("One", "Helena Marsh <m@h.example>", "\n\n".join(MARSH)), undated])
    assert b"\nDate:\n" in path.read_bytes()  # what the writer made of it
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest([path])
        assert report.errors == []
        assert report.notes == [f"{path}#2: the Date header is empty; imported without a date"]
        assert sorted((a.path, a.meta.date) for a in lib.articles()) == [
            (f"{path}#1", "2016-10-12"),
            (f"{path}#2", None),
        ]


def test_a_date_header_of_nothing_but_blanks_folded_onto_its_own_line_is_empty_too(tmp_path):
    """Found by a hostile trial: "Date:" followed by a folded line holding a space and a tab was refused
    ("cannot read the date ' \\t'", a raw tab in the message) where an empty one comes in undated."""
    dated = "From desk@h.example Mon May  5 10:00:00 2025\nFrom: desk@h.example\nSubject: One\n"
    dated += "Date: Mon, 05 May 2025 10:00:00 +0000\n\n" + "\n\n".join(MARSH) + "\n\n"
    blank = "From desk@h.example Mon May  5 10:00:00 2025\nFrom: desk@h.example\nSubject: Two\n"
    blank += "Date:\n \t\n\n" + "\n\n".join(ANAND) + "\n"
    path = tmp_path / "desk.mbox"
    path.write_bytes((dated + blank).encode("utf-8"))
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest([path])
        assert report.errors == []
        assert report.notes == [f"{path}#2: the Date header is empty; imported without a date"]
        assert sorted((a.path, a.meta.date) for a in lib.articles()) == [
            (f"{path}#1", "2025-05-05"),
            (f"{path}#2", None),
        ]
