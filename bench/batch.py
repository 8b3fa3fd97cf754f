"""Time ``quotecheck batch`` with 1 and 2 Dask workers in the same run, and project the cores a day's news needs.

    .venv/bin/python bench/batch.py [--articles 300] [--source DIR]

The articles are the first ``--articles`` files of the PolNeAR extra set in ../shared/eval (read in
place, never copied) or of ``--source``. Each worker count gets its own local cluster, warmed up (spaCy
loaded in every worker) before the clock starts; the time covers extraction and the distributed
statement matching. Printed: both times, the ratio (target: at least 1.6 on two cores), and, from the
measured cost per word with one worker (wall clock, and CPU time, which a shared machine distorts less),
the cores needed for a billion words a day.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotecheck.batch import run  # noqa: E402
from quotecheck.batch.extract import _engine  # noqa: E402
from quotecheck.io.ingest import read_article  # noqa: E402
from quotecheck.progress import Progress  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval" / "polnear-extra"
WORDS_A_DAY = 1_000_000_000


def _cpu() -> float:
    return time.process_time()


def timed(paths: list[str], workers: int) -> tuple[float, float, float, run.BatchReport]:
    """Seconds for the whole batch and for its matching part, and the CPU seconds of the workers and
    this process, on a fresh local cluster of ``workers``."""
    client, cluster = run.connect(workers=workers)
    try:
        client.run(lambda: bool(_engine()))  # every worker loads spaCy before the clock starts
        marks: dict[str, float] = {}

        def seen(p: Progress) -> None:
            if p.message.startswith("matching") and "match" not in marks:
                marks["match"] = time.perf_counter()

        with tempfile.TemporaryDirectory() as out:
            c0 = sum(client.run(_cpu).values()) + time.process_time()
            t0 = time.perf_counter()
            report = run.run_batch(paths, out, client=client, progress=Progress(on_change=seen))
            t1 = time.perf_counter()
            cpu = sum(client.run(_cpu).values()) + time.process_time() - c0
        return t1 - t0, t1 - marks.get("match", t1), cpu, report
    finally:
        client.close()
        cluster.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--source", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    if not args.source.is_dir():
        print(f"no articles at {args.source} (pass --source DIR)")
        return 2
    paths = sorted(str(p) for p in args.source.iterdir() if p.suffix in {".txt", ".md", ".html"})[: args.articles]
    words = sum(len(read_article(p).text.split()) for p in paths)
    print(f"{len(paths)} articles, {words} words, from {args.source.name}")
    results, cpus = {}, {}
    for workers in (1, 2):
        total, matching, cpu, report = timed(paths, workers)
        results[workers], cpus[workers] = total, cpu
        print(
            f"{workers} worker{'s' if workers > 1 else ''}: {total:.1f} s (matching {matching:.1f} s; {cpu:.1f} s CPU);"
            f" {report.quotes} quotes, {report.statements} statements of 2+ quotes, {len(report.errors)} failed"
        )
    ratio = results[1] / results[2]
    print(f"speed-up 2 workers vs 1: {ratio:.2f}x (target >= 1.6 on two cores)")
    for label, seconds in (("wall clock, one worker", results[1]), ("CPU time, one worker", cpus[1])):
        per_core = words / seconds
        cores = WORDS_A_DAY / (86_400 * per_core)
        print(
            f"projection ({label}): {per_core:.0f} words/s per core (extraction + matching) -> a billion words"
            f" a day needs {cores:.0f} cores busy around the clock"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
