"""A person's speaker decisions on a large project: merge, undo, split and a corrected speaker.

    .venv/bin/python bench/review.py [--quotes 100000] [--keep PROJECT] [--no-check] [--repeat N]

Generates a project of synthetic articles and quotes (``bench/ui.py``'s generator; or reuses the one
at ``--keep``, working on a copy so it stays as it was) and times, through :class:`Library`:

- merge: two speakers recorded as one person;
- undo: that merge taken back;
- split: one spelling split off a speaker;
- correct: one quote's speaker corrected;

each after a first grouping on the same connection, as the window's writer has done by then (it reads
ahead: ``ui.jobs.ProjectWriter``); target ≤ 0.1 s each.

Two baselines run in the same process: a full :func:`analysis.rebuild` (run first, which also brings a
reused project up to this version), and the same four steps on a second copy of the project with the
speaker units dropped before each step (:mod:`quotecheck.matching.units`), so that each decision reads
every quote again as it did before the units were kept (the first decision after opening a project
still does, and also keeps every article's labels for the ones after it: the timed steps follow one such
regrouping, whose cost the cold column shows). Each line gives wall-clock and CPU time (the
machine may be shared: CPU time is the fairer figure) and the ratio to that cold step. Unless
``--no-check``, a rebuild of a copy follows each step and its result is compared with the step's: they
must be identical (:func:`report.snapshot`); the exit status says whether they were.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotecheck.library import Library  # noqa: E402
from quotecheck.matching import analysis, regroup, report, units  # noqa: E402


def _bench_ui():
    """``bench/ui.py`` (its generator), loaded by path: ``import ui`` is the window package."""
    spec = importlib.util.spec_from_file_location("bench_ui", Path(__file__).with_name("ui.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TARGETS = {"merge": 0.1, "undo": 0.1, "split": 0.1, "correct": 0.1}


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def cpu_timed(fn) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``fn()``."""
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def cold_steps(source: Path, respelled: tuple[str, str]) -> dict[str, tuple[float, float]]:
    """The four steps on a copy of ``source`` with the kept speaker units dropped before each one."""
    work = Path(tempfile.mkdtemp()) / "cold.qcproj"
    shutil.copy(source, work)
    lib = Library(work, create=False)
    out = {}
    for name, step in steps(lib, respelled):
        units.forget(lib.db)
        out[name] = cpu_timed(step)
    lib.close()
    shutil.rmtree(work.parent)
    return out


def settle(lib: Library) -> None:
    """Fold a rebuild's ~100 MB of write-ahead log into the file, so the next step is not timed doing it."""
    lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def rebuilt_alike(lib: Library) -> bool:
    """Whether a full rebuild of a copy of the project gives what the step left. On a copy, so that the
    next step finds the project as a person leaves it: a rebuild writes the match index again, which
    would empty what the connection keeps of it (an undo verifies the merge's pairs only once)."""
    folder = Path(tempfile.mkdtemp())
    target = sqlite3.connect(folder / "check.qcproj")
    lib.db.conn.backup(target)
    target.close()
    copy = Library(folder / "check.qcproj", create=False)
    try:
        analysis.rebuild(copy.db)
        return report.snapshot(copy.db) == report.snapshot(lib.db)
    finally:
        copy.close()
        shutil.rmtree(folder)


def respell(lib: Library) -> tuple[str, str]:
    """Half the quotes of one person get a transliteration variant ("Ana Lind" / "Ana Liind"), which
    speaker grouping joins to the name, so that there is a spelling to split off."""
    (name,) = lib.db.execute("SELECT speaker FROM quotes GROUP BY speaker ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    first, last = name.rsplit(" ", 1)
    vowel = next(i for i, c in enumerate(last) if c in "aeiou")
    variant = f"{first} {last[: vowel + 1]}{last[vowel:]}"
    lib.db.execute("UPDATE quotes SET speaker = ? WHERE speaker = ? AND id % 2 = 0", [variant, name])
    return name, variant


def steps(lib: Library, respelled: tuple[str, str]) -> list[tuple[str, object]]:
    """The four decisions, on speakers picked from the project: ``(name, callable)``."""
    speakers = [s.name for s in sorted(lib.speakers(), key=lambda s: (-s.quotes, s.name))]
    a, b = [s for s in speakers if s != respelled[0]][:2]
    quote_id = lib.db.execute("SELECT id FROM quotes ORDER BY id LIMIT 1 OFFSET 5000").fetchone()[0]
    merged: list[int] = []
    return [
        ("merge", lambda: merged.append(lib.merge_speakers([a, b]))),
        ("undo", lambda: lib.set_decisions_active(merged, False)),
        ("split", lambda: lib.split_speaker(*respelled)),
        ("correct", lambda: lib.review(quote_id, speaker=b)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep (or reuse) the generated project here")
    parser.add_argument("--no-check", action="store_true", help="skip comparing each step with a rebuild")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time the four steps this many times, each on a fresh copy opened anew; print the median",
    )
    args = parser.parse_args()

    source = args.keep or Path(tempfile.mkdtemp()) / "bench.qcproj"
    if not source.exists():
        seconds, _ = timed(lambda: _bench_ui().generate(source, args.quotes))
        print(f"generated {args.quotes:,} quotes in {seconds:.1f} s ({source})")
    work = Path(tempfile.mkdtemp()) / "review.qcproj"
    shutil.copy(source, work)
    lib = Library(work, create=False)
    print(f"{lib.count_quotes():,} quotes, {len(lib.speakers())} speakers ({work})")
    respelled = respell(lib)
    full, _ = timed(lambda: analysis.rebuild(lib.db))  # also brings a reused project up to this version
    settle(lib)
    grouped = any(set(respelled) <= set(s.aliases) for s in lib.speakers())
    print(f"full rebuild {full:.1f} s (what each step below took before)")
    print(f"{respelled[1]!r} {'is' if grouped else 'is NOT'} grouped with {respelled[0]!r} (the split takes it off)")
    lib.close()
    prepared = Path(tempfile.mkdtemp()) / "prepared.qcproj"  # respelled and rebuilt: both passes start here
    shutil.copy(work, prepared)
    cold = cold_steps(prepared, respelled)
    lib = Library(work, create=False)
    # the first decision after opening reads every quote once, as before; the ones after it are timed
    regroup.refresh_speakers(lib.db)
    identical = True
    for name, step in steps(lib, respelled):
        seconds, cpu = cpu_timed(step)
        before_s, before_cpu = cold[name]
        line = (
            f"{name:8} {seconds * 1000:7.0f} ms, {cpu * 1000:5.0f} ms CPU (target <= {TARGETS[name] * 1000:.0f} ms);"
            f" every quote read again: {before_s * 1000:.0f} ms, {before_cpu * 1000:.0f} ms CPU;"
            f" ratio {seconds / before_s:.2f} ({cpu / before_cpu:.2f} CPU); to a rebuild {seconds / full:.4f}"
        )
        if not args.no_check:
            same = rebuilt_alike(lib)
            identical &= same
            line += f"; same as a full rebuild: {'yes' if same else 'NO'}"
        print(line, flush=True)
    lib.close()
    if args.repeat > 1:
        print(repeated(prepared, respelled, args.repeat))
    shutil.rmtree(prepared.parent)
    shutil.rmtree(work.parent)
    sys.exit(0 if identical else 1)


def repeated(prepared: Path, respelled: tuple[str, str], times: int) -> str:
    """The four steps timed ``times`` times, each on a fresh copy of ``prepared`` opened anew (first
    grouping untimed, as above): the median CPU time of each and its range. A virtual machine's run
    to run spread (up to 40% here for the same merge) makes one run a poor figure."""
    cpu: dict[str, list[float]] = {}
    wall: dict[str, list[float]] = {}
    for _ in range(times):
        folder = Path(tempfile.mkdtemp())
        shutil.copy(prepared, folder / "again.qcproj")
        lib = Library(folder / "again.qcproj", create=False)
        regroup.refresh_speakers(lib.db)
        for name, step in steps(lib, respelled):
            seconds, used = cpu_timed(step)
            wall.setdefault(name, []).append(seconds)
            cpu.setdefault(name, []).append(used)
        lib.close()
        shutil.rmtree(folder)
    parts = [
        f"{name} {statistics.median(v) * 1000:.0f} ms CPU ({min(v) * 1000:.0f}-{max(v) * 1000:.0f}),"
        f" {statistics.median(wall[name]) * 1000:.0f} ms wall"
        for name, v in cpu.items()
    ]
    # CPU counts every thread of the process: a background checkpoint of the log (project/checkpoint.py)
    # running beside a step is counted there, though the person does not wait for it
    return f"median of {times} runs, each on a fresh copy: " + "; ".join(parts)


if __name__ == "__main__":
    main()
