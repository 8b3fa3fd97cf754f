"""The window imports the new formats: File ▸ Import from URL, and PDF/Word files dropped on it."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
from format_files import html_page, write_docx, write_pdf

from quotecheck.library import Library

pytestmark = pytest.mark.gui

LINES = [
    line
    for line in (Path(__file__).parent / "data" / "formats" / "harbour.txt").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@pytest.fixture
def opened(qtbot, window, tmp_path):
    path = tmp_path / "p.qcproj"
    Library(path).close()
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(str(path))
    return window


@pytest.fixture
def page_url():
    body = html_page(LINES[0], LINES[1:], byline="Ana Berg").encode()

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/dredging"
    httpd.shutdown()
    httpd.server_close()


def test_import_from_url_menu_item(qtbot, opened, page_url, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window = opened
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (f"  {page_url} ", True)))
    assert window.menus.import_url_action in window.menuBar().actions()[0].menu().actions()
    with qtbot.waitSignal(window.job_done, timeout=60000) as done:
        window.menus.import_url_action.trigger()
    report = done.args[0]
    assert report.errors == [] and len(report.added) == 1
    [article] = window.lib.articles()
    quoted = [q for q in window.lib.article_quotes(article.id) if q.kind != "indirect"]  # reported speech aside
    assert (article.meta.url, article.meta.author, len(quoted)) == (page_url, "Ana Berg", 6)


def test_dropped_pdf_and_word_files_are_imported(qtbot, opened, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    window = opened
    write_pdf(tmp_path / "story.pdf", LINES[1:4], title=LINES[0])
    write_docx(tmp_path / "story.docx", LINES[4:8], title="Word copy")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / n)) for n in ("story.pdf", "story.docx")])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(window.job_done, timeout=60000) as done:
        window.dropEvent(event)
    assert done.args[0].errors == []
    quoted = {a.id: [q for q in window.lib.article_quotes(a.id) if q.kind != "indirect"] for a in window.lib.articles()}
    assert sorted((a.meta.title, len(quoted[a.id])) for a in window.lib.articles()) == [(LINES[0], 2), ("Word copy", 4)]
