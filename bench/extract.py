"""Time full quote extraction against a raw spaCy parse of the same text, in the same run.

    .venv/bin/python bench/extract.py [--kb 400] [--jobs 2] [--synthetic]
    .venv/bin/python bench/extract.py --scaling [--lines 10000] [--shape "one line, quotes and reports"]

The text is the PolNeAR dev articles in ../shared/eval when they are there, else articles this script
builds from sentence templates; either way about ``--kb`` kilobytes. Printed: seconds for the raw
``nlp.pipe`` (one process, then ``--jobs`` processes) and for ``Extractor.extract_many`` (quotes and
reported speech, as ingest runs it) with the same process counts, and the ratios extraction / raw parse (target: at most 1.25).

``--scaling`` checks that time and memory grow linearly with the text: for texts of ``--lines``, twice
and four times as many lines (one quote mark opened on every line and never closed; short lines with a
quote each; one paragraph on one line, quotes and reports among its sentences, as an article pasted
from a page comes; one sentence of straight quote marks, as a data export saved as text comes; ``--shape`` picks one), each size measured in a fresh process, it prints seconds for the quote scanner alone and
for the whole extraction of one article (CPU seconds), the peak memory the extraction added to the loaded model, and
the ratio of each figure to the one of half the size (linear: 2.0; quadratic: 4.0).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotecheck.engine.extract import Extractor, load_nlp, model_name  # noqa: E402
from quotecheck.model import Article, ArticleMeta  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval" / "polnear-dev"

_PEOPLE = ["Helena Marsh", "Tobias Wren", "Ilse Varga", "Anton Brandt", "Rosa Ekdal", "Irena Tolvik", "Mark Ellery"]
_ROLES = ["the mayor", "the minister", "the expert", "the spokesman", "the councillor"]
_TEMPLATES = [
    "“{claim},” {name} told reporters on Tuesday.",
    "{role_cap} said the plan was “{frag}” and would be reviewed.",
    "“{claim},” said {name}. “{claim2}.”",
    "According to {name}, the budget is “{frag}.”",
    "{name} added: “{claim}.”",
    "The council met again on Monday to discuss the harbour, the tram line and the new school.",
    "Residents have complained about the noise for years, and the debate has split the town.",
]
_CLAIMS = [
    "We will not accept a plan that leaves the old town without buses",
    "The numbers do not add up, and everyone in this room knows it",
    "This is the most important decision of the decade",
    "Nobody expected the vote to pass so quickly",
]
_FRAGS = ["a fantasy", "well over budget", "the right choice", "dead on arrival"]


def synthetic(kb: int, seed: int = 7) -> list[str]:
    """Articles of 3–6 KB from the templates, ``kb`` kilobytes in all."""
    rng = random.Random(seed)
    texts, total = [], 0
    while total < kb * 1024:
        paras, size = [], rng.randint(3000, 6000)
        while sum(map(len, paras)) < size:
            name = rng.choice(_PEOPLE)
            paras.append(
                rng.choice(_TEMPLATES).format(
                    name=name,
                    role_cap=rng.choice(_ROLES).capitalize(),
                    claim=rng.choice(_CLAIMS),
                    claim2=rng.choice(_CLAIMS),
                    frag=rng.choice(_FRAGS),
                )
            )
        text = "\n\n".join(paras)
        texts.append(text)
        total += len(text)
    return texts


def corpus(kb: int, synthetic_only: bool = False) -> tuple[list[str], str]:
    if SHARED.is_dir() and not synthetic_only:
        texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*.txt"))]
        out, total = [], 0
        while total < kb * 1024:
            for t in texts:
                out.append(t)
                total += len(t)
                if total >= kb * 1024:
                    break
        return out, f"PolNeAR dev articles ({SHARED})"
    return synthetic(kb), "synthetic articles built by this script"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cpu_timed(fn) -> float:
    """CPU seconds of this process: on a shared machine wall time measures the neighbours too."""
    start = time.process_time()
    fn()
    return time.process_time() - start


SHAPES = {
    "open marks": lambda n: '"a\n' * n,
    "short lines, one quote each": lambda n: "".join(f"“Word {i},” he said.\n" for i in range(n)),
    # an article pasted on one line: one paragraph of n sentences, quotes and reports among them
    "one line, quotes and reports": lambda n: " ".join(
        f"“Berth {i} will hold,” Anna Varga said on day {i}." if i % 2 else f"Tomas Brandt said berth {i} was shut."
        for i in range(n)
    ),
    # text with no sentence end (a bad conversion): one sentence of n reports, each nested in the one before
    "no sentence end": lambda n: "".join(f"pier {i} fares said that " for i in range(n)),
    # one person named at every quote of an article on one line (their mentions grow with the text)
    "one speaker on one line": lambda n: " ".join(
        f"“Berth {i} will hold,” said Vera Lund, “until the spring tides of year {i}.”" for i in range(n)
    ),
    # a data export saved as text: one line, one sentence, every word in straight quotes
    "quote marks in one sentence": lambda n: (
        "[" + ", ".join(f'{{"user": "user{i}", "text": "no way", "likes": {i}}}' for i in range(n)) + "]"
    ),
}


def _rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


def measure_one(shape: str, lines: int) -> dict:
    """Time and peak memory of scanning and extracting one text (run in a fresh process)."""
    import resource

    from quotecheck.engine.quotes import scan

    text = SHAPES[shape](lines)
    extractor = Extractor(reported=True)
    extractor.extract(Article(path="warm.txt", text="“Warm up,” she said.", meta=ArticleMeta(), content_hash="w"))
    base = _rss_kb()
    t_scan = cpu_timed(lambda: scan(text))
    article = Article(path="big.txt", text=text, meta=ArticleMeta(), content_hash="b")
    quotes: list = []
    t_ext = cpu_timed(lambda: quotes.extend(extractor.extract(article)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"scan": t_scan, "extract": t_ext, "peak_mb": max(0, peak - base) / 1024, "quotes": len(quotes)}


def scaling(lines: int, shapes: list[str] | None = None) -> None:
    import json
    import subprocess

    print(f"model: {model_name()}; each size in a fresh process; ratio = this size / half this size", flush=True)
    for shape in shapes or SHAPES:
        prev = None
        for n in (lines, lines * 2, lines * 4):
            out = subprocess.run(
                [sys.executable, __file__, "--measure-one", shape, str(n)], capture_output=True, text=True, check=True
            )
            row = json.loads(out.stdout.strip().splitlines()[-1])
            size = len(SHAPES[shape](n)) / 1024
            line = (
                f"{shape:<28} {n:>6} lines {size:6.0f} KB: scan {row['scan']:6.3f}s  extract {row['extract']:7.2f}s CPU"
                f"  peak +{row['peak_mb']:6.0f} MB  ({row['quotes']} quotes)"
            )
            if prev:
                line += (
                    f"  ratios: scan {row['scan'] / prev['scan']:.2f} extract {row['extract'] / prev['extract']:.2f}"
                    f" memory {row['peak_mb'] / max(prev['peak_mb'], 1):.2f}"
                )
            print(line, flush=True)
            prev = row


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=400)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--synthetic", action="store_true", help="use generated articles even if ../shared is there")
    ap.add_argument("--scaling", action="store_true", help="time and memory at 1x, 2x and 4x --lines lines")
    ap.add_argument("--lines", type=int, default=10_000)
    ap.add_argument("--shape", action="append", choices=list(SHAPES), help="with --scaling: only this text shape")
    ap.add_argument("--measure-one", nargs=2, metavar=("SHAPE", "LINES"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure_one:
        import json

        print(json.dumps(measure_one(args.measure_one[0], int(args.measure_one[1]))))
        return
    if args.scaling:
        scaling(args.lines, args.shape)
        return

    import spacy

    texts, source = corpus(args.kb, args.synthetic)
    articles = [
        Article(path=f"bench{i}.txt", text=t, meta=ArticleMeta(), content_hash=str(i)) for i, t in enumerate(texts)
    ]
    size = sum(map(len, texts)) / 1024
    print(f"text: {len(texts)} articles, {size:.0f} KB, {source}")
    print(f"model: {model_name()}")

    raw = spacy.load(model_name())  # the full pipeline as installed: the baseline
    extractor = Extractor(reported=True)  # as ingest and `extract` run it: quotes and reported speech
    print(f"raw pipeline: {raw.pipe_names}; extraction pipeline: {load_nlp().pipe_names}")
    list(raw.pipe(texts[:2]))  # warm up both; the extractor keeps its worker processes
    list(extractor.extract_many(articles[:2]))
    if args.jobs > 1:
        list(extractor.extract_many(articles[: args.jobs * 2], n_process=args.jobs, batch_size=1))

    rows = []
    for jobs in sorted({1, args.jobs}):
        t_raw = timed(lambda jobs=jobs: list(raw.pipe(texts, n_process=jobs, batch_size=8)))
        t_ext = timed(lambda jobs=jobs: list(extractor.extract_many(articles, n_process=jobs)))
        rows.append((jobs, t_raw, t_ext))
        print(f"n_process={jobs}: raw nlp.pipe {t_raw:6.2f}s  extraction {t_ext:6.2f}s  ratio {t_ext / t_raw:.2f}")
    t_raw1 = rows[0][1]
    best = min(t for _, _, t in rows)
    print(f"best extraction vs single-process raw parse: ratio {best / t_raw1:.2f} (target <= 1.25)")
    extractor.close()


if __name__ == "__main__":
    main()
