"""Does a PDF of an article give the same quotes as its text? Quote agreement over a folder of articles.

    .venv/bin/python bench/pdf_quotes.py FOLDER [--columns 2]

Each ``.txt`` article in FOLDER (for example ``../shared/eval/polnear-dev``, read where it lies and
never copied) is typeset into a PDF by ``tests/format_files.py``'s writer (running head, page
numbers, hyphenated line ends, one or two columns) in a temporary folder, read back through the PDF
reader, and both are run through the extractor. Prints how many articles come back with the same
paragraphs, the same quotes and speakers, and the share of the text's quotes the PDF gives with the
same words and speaker (the text is the baseline, 1.000).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotecheck.engine.extract import Extractor  # noqa: E402
from quotecheck.io.ingest import read_article  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--columns", type=int, default=2)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("format_files", ROOT / "tests" / "format_files.py")
    writers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(writers)
    names = sorted(args.folder.glob("*.txt"))
    texts, pdfs, same_paragraphs = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in names:
            text = read_article(path)
            paragraphs = [line for line in text.text.splitlines() if line.strip()]
            pdf = Path(tmp) / (path.stem + ".pdf")
            writers.write_pdf(pdf, paragraphs, columns=args.columns, header="The Test Ledger, 12 October 2016")
            article = read_article(pdf)
            same_paragraphs += article.text.split("\n\n") == [" ".join(p.split()) for p in paragraphs]
            texts.append(text)
            pdfs.append(article)
    extractor = Extractor()

    def quotes(articles):
        return [[(" ".join(q.text.split()), q.speaker) for q in qs] for _, qs in extractor.extract_many(articles)]

    want, got = quotes(texts), quotes(pdfs)
    same = sum(a == b for a, b in zip(want, got, strict=True))
    total = sum(len(a) for a in want)
    found = sum(sum(1 for q in a if q in b) for a, b in zip(want, got, strict=True))
    print(f"{args.folder.name}, {args.columns} column(s), {len(names)} articles")
    print(f"  same paragraphs:            {same_paragraphs}/{len(names)}")
    print(f"  same quotes and speakers:   {same}/{len(names)}")
    print(f"  text's quotes found in PDF: {found}/{total} = {found / max(total, 1):.3f} (text = 1.000)")


if __name__ == "__main__":
    main()
