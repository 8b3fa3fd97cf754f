"""Import speed per format: reading files into articles (no quote extraction), pages or articles a second.

    .venv/bin/python bench/ingest.py [--articles 40]

Writes the same invented article (``tests/data/formats/harbour.txt``, each copy with its own number
so none is a duplicate) in every format with the real writers of ``tests/format_files.py``: plain
text (the baseline, run first in the same process), saved HTML, one- and two-column PDF (three
pages each), Word, one ``.eml`` per article, one mbox, one ``.warc.gz`` (each page with a script
and an image record beside it), links fetched from a server on 127.0.0.1, and (when Tesseract is
installed) two scanned PDFs read by OCR. Each is read through
:func:`quotecheck.io.formats.read_articles`, as an import does, and the rate is printed with its
ratio to plain text. Quote extraction, the same for every format, is not part of it.
"""

from __future__ import annotations

import argparse
import http.server
import importlib.util
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotecheck.io.formats import read_articles  # noqa: E402


def _writers():
    spec = importlib.util.spec_from_file_location("format_files", ROOT / "tests" / "format_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_all(paths: list[str]) -> tuple[float, int]:
    """Seconds to read every path, and the articles read."""
    started = time.perf_counter()
    count = 0
    for path in paths:
        for _ in read_articles(path, on_error=print, on_note=lambda _n: None):
            count += 1
    return time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()
    w = _writers()
    lines = [
        ln for ln in (ROOT / "tests/data/formats/harbour.txt").read_text(encoding="utf-8").splitlines() if ln.strip()
    ]
    headline, paras = lines[0], lines[1:]
    n = args.articles
    texts = [[f"{headline} ({i})", *paras, *paras, f"Copy {i}."] for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        cases: dict[str, tuple[list[str], int | None]] = {}  # name → (paths, pages when counted in pages)
        txt = [d / f"t{i}.txt" for i in range(n)]
        for path, t in zip(txt, texts, strict=True):
            path.write_text("\n\n".join(t), encoding="utf-8")
        cases["text (baseline)"] = ([str(p) for p in txt], None)
        html = [d / f"h{i}.html" for i in range(n)]
        for path, t in zip(html, texts, strict=True):
            path.write_text(w.html_page(t[0], t[1:]), encoding="utf-8")
        cases["HTML"] = ([str(p) for p in html], None)
        for columns in (1, 2):
            pdfs = [d / f"p{columns}-{i}.pdf" for i in range(n)]
            pages = sum(
                w.write_pdf(p, t * 2, columns=columns, header="The Harbour Ledger")
                for p, t in zip(pdfs, texts, strict=True)
            )
            cases[f"PDF, {columns} column{'s' if columns > 1 else ''}"] = ([str(p) for p in pdfs], pages)
        docx = [d / f"w{i}.docx" for i in range(n)]
        for path, t in zip(docx, texts, strict=True):
            w.write_docx(path, t[1:], heading=t[0])
        cases["Word"] = ([str(p) for p in docx], None)
        messages = [w.email_message(t[0], "Desk <desk@example.org>", "\n\n".join(t[1:])) for t in texts]
        eml = [d / f"m{i}.eml" for i in range(n)]
        for path, msg in zip(eml, messages, strict=True):
            path.write_bytes(bytes(msg))
        cases["e-mail (.eml)"] = ([str(p) for p in eml], None)
        w.write_mbox(d / "box.mbox", messages)
        cases["mbox"] = ([str(d / "box.mbox")], None)
        records = []
        for i, t in enumerate(texts):
            records.append((f"https://ledger.example/{i}", "text/html", w.html_page(t[0], t[1:]).encode()))
            records.append((f"https://ledger.example/{i}.js", "application/javascript", b"var x = 1;" * 50))
            records.append((f"https://ledger.example/{i}.png", "image/png", b"\x89PNG" + bytes(2000)))
        w.write_warc(d / "crawl.warc.gz", records)
        cases["web archive (.warc.gz)"] = ([str(d / "crawl.warc.gz")], None)
        pages_html = [w.html_page(t[0], t[1:]).encode() for t in texts]

        class Pages(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = pages_html[int(self.path.strip("/"))]
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        cases["links (127.0.0.1)"] = ([f"http://127.0.0.1:{httpd.server_address[1]}/{i}" for i in range(n)], None)

        baseline = None
        print(f"{'format':<24} {'read':>9} {'rate':>22} {'time per article vs text':>26}")
        for name, (paths, pages) in cases.items():
            seconds, count = read_all(paths)
            assert count == n, f"{name}: {count} articles read, {n} expected"
            per_article = seconds / count
            baseline = baseline or per_article
            rate = f"{pages / seconds:,.1f} pages/s" if pages else f"{count / seconds:,.1f} articles/s"
            print(f"{name:<24} {count:>5} art {rate:>22} {per_article / baseline:>25.1f}×")
        httpd.shutdown()
        httpd.server_close()
        _ocr(w, d, texts[:2])


def _ocr(w, d: Path, texts: list[list[str]]) -> None:
    """Scanned PDFs through Tesseract: wall time, and CPU time of the tesseract processes per page
    (on a busy machine the two differ a lot)."""
    import os

    from quotecheck.io.formats import ocr

    if not ocr.available():
        print("PDF, scanned (OCR)       skipped: tesseract is not installed")
        return
    paths = [d / f"scan{i}.pdf" for i in range(len(texts))]
    pages = sum(w.write_scanned_pdf(p, t, header="The Harbour Ledger") for p, t in zip(paths, texts, strict=True))
    before = os.times()
    seconds, count = read_all([str(p) for p in paths])
    cpu = sum(os.times()[:4]) - sum(before[:4])
    print(
        f"{'PDF, scanned (OCR)':<24} {count:>5} art {pages / seconds:>12,.2f} pages/s   ({cpu / pages:.1f} s CPU a page)"
    )


if __name__ == "__main__":
    main()
