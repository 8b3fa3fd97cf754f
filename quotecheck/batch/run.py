"""``quotecheck batch``: a collection extracted and matched on a Dask cluster, results as Parquet.

``OUT/articles/``, ``OUT/quotes/`` and ``OUT/errors/`` hold one file per partition of articles;
``OUT/statements/statements.parquet`` maps every quote in a statement of two or more quotes to the
statement's root quote (its fullest version), over the whole collection, with quotes in another
language joined as a project joins them (``role`` says "translation" or "possible translation");
``OUT/translations/translations.parquet`` holds the translation links (:mod:`.translate`). A container
(mailbox, web archive, e-mail with attachments, zip) gives one article per part, as ``ingest`` reads it.
A re-run extracts the files no earlier run finished, a file whose content changed since it was read
(its size, modification time and SHA-256 are recorded) and a file that failed whole before; the rows of
the files read again are dropped first. Then it matches the whole collection again.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..io.formats import unread_line
from ..io.ingest import UnreadableFolder, display_path, empty_folders, iter_article_paths, no_articles_there
from ..matching import statements
from ..progress import Progress
from . import match, translate
from .extract import BYTES_PER_ARTICLE, QUOTE_BITS, extract_partition, seqs_for, stamp

log = logging.getLogger(__name__)


class BatchError(Exception):
    """The batch could not run (no scheduler at the address, an unusable output folder, a lost stage)."""


@dataclass
class BatchReport:
    """What one run did. ``extracted`` counts articles (a mailbox gives many), ``skipped`` the files an
    earlier run finished and left alone, ``changed`` those read again because their content changed since,
    ``retried`` those read again because they failed before; ``errors`` are lines naming a file (or a
    part of one) and its problem, new or standing (``still_failed`` of them failed before too), ``notes``
    what was passed over on purpose (files of kinds quotecheck does not read, a web archive's images)."""

    extracted: int = 0
    skipped: int = 0
    changed: int = 0
    retried: int = 0
    still_failed: int = 0
    quotes: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    statements: int = 0
    quotes_in_statements: int = 0
    translations: int = 0
    vanished: int = 0  # files an earlier run recorded that no longer exist (their rows stay)


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def connect(workers: int | None = None, scheduler: str | None = None):
    """A Dask client: to the scheduler at ``scheduler`` when given, else a new local cluster of
    ``workers`` processes with one thread each (spaCy is not thread-parallel). Returns ``(client, cluster)``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise BatchError("quotecheck batch needs the batch extra: pip install 'quotecheck-desktop[batch]'") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"no Dask scheduler answers at {scheduler} ({exc})") from exc
    cluster = LocalCluster(
        n_workers=workers or default_workers(),
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def run_batch(
    sources: Iterable[str],
    out: str | os.PathLike,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client=None,
    partition: int | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Extract every article under ``sources`` on Dask and match statements across all of ``out``.

    Pass ``client`` to reuse a running Dask client; else one is made by :func:`connect` and closed after.
    """
    progress = progress or Progress()
    root = Path(out)
    sources = list(sources)
    missing = [s for s in sources if not os.path.lexists(s)]
    empty = empty_folders(s for s in sources if s not in missing)
    if sources and len(missing) + len(empty) == len(sources):  # nothing to read at all: no folder is made (or touched)
        lines = [f"no such file or folder: {display_path(s)}" for s in missing] + [no_articles_there(f) for f in empty]
        where = "left as it was" if os.path.lexists(root) else "not created"
        raise BatchError("\n".join([*lines, f"nothing extracted; {display_path(root)} {where}"]))
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"{root}: cannot create the output folder ({exc.strerror or exc})") from exc
    with _locked(root):
        return _run(sources, root, workers, scheduler, client, partition, progress)


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    """Hold ``OUT/.lock`` for the run: a second batch on the same folder stops with one line. The lock is
    the file system's (``flock``), so a run that was killed leaves none behind; the file keeps the pid of
    the run holding it, to name it."""
    try:
        import fcntl
    except ImportError:  # not on this system: runs are not guarded
        yield
        return
    try:
        fd = os.open(root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BatchError(f"{display_path(root)}: cannot write in the output folder ({exc.strerror or exc})") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise BatchError(
                f"{display_path(root)}: another quotecheck batch (process {pid}) is writing to it;"
                " run this one again when it has finished"
            ) from exc
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _run(sources, root: Path, workers, scheduler, client, partition, progress: Progress) -> BatchReport:
    unread: list[str] = []
    paths = list(dict.fromkeys(_resolved(p) for p in iter_article_paths(sources, unread=unread)))
    earlier = _finished(root)
    report = BatchReport()
    failed: set[str] = set()  # the files and parts that fail now, as error rows name them
    if unread:
        report.notes.append(unread_line(unread))
    todo = []
    spelt = 0
    for path in paths:
        was = earlier.files.get(display_path(path))
        if was is None:
            todo.append(path)
        elif len(was.spellings) > 1:  # recorded under several spellings (before paths were resolved): once now
            spelt += 1
            todo.append(path)
        elif _changed(path, was, root):
            report.changed += 1
            todo.append(path)
        elif was.failed_whole:
            report.retried += 1
            todo.append(path)
        else:
            report.skipped += 1
            report.errors += [line for _, line in was.errors]  # parts of a container that failed still stand
            failed.update(label for label, _ in was.errors)
    given = {display_path(p) for p in paths}
    report.vanished = sum(1 for f in earlier.files if f not in given and not os.path.lexists(f))
    if spelt:
        report.notes.append(f"{spelt} file(s) recorded more than once, under other spellings of their path, read again")
    _forget(root, earlier, {display_path(p) for p in todo})
    own = client is None
    cluster = None
    if own:
        client, cluster = connect(workers, scheduler)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers or 1)
        size = partition or max(1, min(32, -(-len(todo) // (n_workers * 4))))
        failed |= _extract(client, _chunks(todo, earlier.last + 1, size), root, report, progress)
        report.still_failed = len(failed & earlier.failures)
        _match(client, root, report, progress)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    return report


def _resolved(path: str) -> str:
    """``path`` absolute, its links and ``..`` resolved: a file is the same file however it was typed."""
    real = os.path.realpath(path)
    return UnreadableFolder(real, path.problem) if isinstance(path, UnreadableFolder) else real


def _key(recorded: str) -> str:
    """The resolved form of a path a row records: a batch of an earlier version kept paths as typed, and
    a relative one is taken from the current folder."""
    return display_path(os.path.realpath(recorded))


ALONE_BYTES = 4 * 1024 * 1024
"""A container this large (a mailbox, a web archive) is a partition by itself; an e-mail or a small zip
shares one with other files."""


def _chunks(paths: list[str], first: int, size: int) -> list[list[tuple[int, str, int]]]:
    """Partitions of ``(first article_seq, path, numbers it may use)`` of ``size`` files, numbered from
    ``first`` in path order; a large container is a partition by itself (it may hold thousands of articles)."""
    chunks: list[list[tuple[int, str, int]]] = []
    chunk: list[tuple[int, str, int]] = []
    seq = first
    for path in paths:
        room = seqs_for(path)
        if (seq + room) >> (63 - QUOTE_BITS):
            raise BatchError(f"{display_path(path)}: too many articles for one batch folder; start another --out")
        alone = room * BYTES_PER_ARTICLE > ALONE_BYTES
        if alone or len(chunk) >= size:
            chunks.append(chunk)
            chunk = []
        chunk.append((seq, path, room))
        if alone:
            chunks.append(chunk)
            chunk = []
        seq += room
    return [c for c in [*chunks, chunk] if c]


@dataclass
class _Done:
    """One file as earlier runs left it: what it was when read (None when not recorded: a batch of an
    earlier version, or a file that could not be read), the partitions holding its rows, its error lines."""

    size: int | None = None
    mtime_ns: int | None = None
    sha256: str | None = None
    partitions: set[str] = field(default_factory=set)
    spellings: set[str] = field(default_factory=set)  # how its rows name it (one, but for an earlier version)
    articles: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (the file or part, the line)

    @property
    def failed_whole(self) -> bool:
        return not self.articles


@dataclass
class _Earlier:
    files: dict[str, _Done] = field(default_factory=dict)
    last: int = -1  # the highest article number used: a file read again gets new ones
    failures: set[str] = field(default_factory=set)  # the files and parts that failed, as error rows name them


def _finished(root: Path) -> _Earlier:
    """Files earlier runs finished (extracted or failed). A container is known by its file, whatever its
    articles are called. A partition that wrote quotes but died before its articles file is redone in full."""
    earlier = _Earlier()
    keys: dict[str, str] = {}
    for folder in ("articles", "errors"):
        for f in sorted((root / folder).glob("*.parquet")):
            names = pq.read_schema(f).names
            column = "file" if "file" in names else "path"  # a batch of an earlier version
            stamped = [c for c in ("file_size", "file_mtime_ns", "file_sha256") if c in names]
            extra = ["path", "error"] if folder == "errors" else []
            t = pq.read_table(f, columns=list(dict.fromkeys([column, "article_seq", *stamped, *extra]))).to_pylist()
            for row in t:
                earlier.last = max(earlier.last, row["article_seq"])
                raw = row[column]
                if raw is None:
                    continue
                if raw not in keys:
                    keys[raw] = _key(raw)
                done = earlier.files.setdefault(keys[raw], _Done())
                done.partitions.add(f.stem)
                done.spellings.add(raw)
                if stamped:
                    done.size, done.mtime_ns, done.sha256 = row["file_size"], row["file_mtime_ns"], row["file_sha256"]
                if folder == "articles":
                    done.articles += 1
                else:
                    label = row["path"]
                    if label.startswith(raw):  # a part of a container: its file's resolved form
                        label = keys[raw] + label[len(raw) :]
                    done.errors.append((label, row["error"]))
                    earlier.failures.add(label)
    return earlier


def _changed(path: str, was: _Done, root: Path) -> bool:
    """Whether the file at ``path`` differs from what an earlier run read: same size and modification
    time is the same file; else its SHA-256 decides (a copy or a touch is no change). A batch of an
    earlier version recorded none of these: a file modified after its partition was written changed."""
    now = stamp(path, digest=False)
    if now["file_size"] is None:
        return True  # gone or unreadable now: reading it again says why
    if was.size is None:
        written = [(root / d / f"{p}.parquet") for d in ("articles", "errors") for p in was.partitions]
        return any(f.exists() and now["file_mtime_ns"] > f.stat().st_mtime_ns for f in written)
    if (now["file_size"], now["file_mtime_ns"]) == (was.size, was.mtime_ns):
        return False
    return now["file_size"] != was.size or stamp(path)["file_sha256"] != was.sha256


def _forget(root: Path, earlier: _Earlier, files: set[str]) -> None:
    """Drop the rows of ``files`` (to be read again) from every partition: quotes, errors, and last the
    articles that mark them done, so a run killed on the way leaves them to be redone by the next."""
    done = [earlier.files[f] for f in files if f in earlier.files]
    spellings = {s for d in done for s in d.spellings}
    for name in sorted({p for d in done for p in d.partitions}):
        arts = root / "articles" / f"{name}.parquet"
        seqs: list[int] = []
        if arts.exists():
            column = _file_column(arts)
            t = pq.read_table(arts, columns=["article_seq", column]).to_pylist()
            seqs = sorted(r["article_seq"] for r in t if r[column] in spellings)
        _drop(root / "quotes" / f"{name}.parquet", "article_seq", pa.array(seqs, pa.int64()))
        gone = pa.array(sorted(spellings), pa.string())
        for folder in ("errors", "articles"):
            f = root / folder / f"{name}.parquet"
            if f.exists():
                _drop(f, _file_column(f), gone)
        if not (root / "errors" / f"{name}.parquet").exists() and arts.exists() and not pq.read_metadata(arts).num_rows:
            for folder in ("quotes", "articles"):  # a partition of failures only, all read again: nothing left
                (root / folder / f"{name}.parquet").unlink(missing_ok=True)


def _file_column(f: Path) -> str:
    return "file" if "file" in pq.read_schema(f).names else "path"


def _drop(f: Path, column: str, values: pa.Array) -> None:
    """Partition file ``f`` without its rows whose ``column`` is one of ``values`` (gone when none is
    left), replaced whole."""
    if not f.exists():
        return
    t = pq.read_table(f)
    kept = t.filter(pc.invert(pc.fill_null(pc.is_in(t[column], values), False)))
    if kept.num_rows == t.num_rows:
        return
    if not kept.num_rows:
        f.unlink()
        return
    tmp = f.with_name(f".{f.name}.tmp")
    pq.write_table(kept, tmp)
    os.replace(tmp, f)


def _extract(client, chunks, root: Path, report: BatchReport, progress: Progress) -> set[str]:
    """Run the partitions; returns the files and parts that failed, as their error rows name them."""
    from dask.distributed import as_completed

    failed: set[str] = set()
    progress.start(sum(len(c) for c in chunks), "extracting")
    futures = {
        client.submit(extract_partition, chunk, str(root), f"s{chunk[0][0]:012d}", pure=False): chunk
        for chunk in chunks
    }
    for fut in as_completed(futures):
        chunk = futures[fut]
        try:
            counts = fut.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker: these articles are retried by a re-run
            log.warning("batch: a worker failed", exc_info=True)
            report.errors += [f"{display_path(path)}: not extracted, its worker failed ({exc})" for _, path, _ in chunk]
            failed.update(display_path(path) for _, path, _ in chunk)
            progress.advance(len(chunk))
            continue
        report.extracted += counts["articles"]
        report.quotes += counts["quotes"]
        report.notes += counts.get("notes", [])
        name = f"s{chunk[0][0]:012d}"
        if counts["errors"]:
            rows = pq.read_table(root / "errors" / f"{name}.parquet", columns=["path", "error"]).to_pylist()
            report.errors += [r["error"] for r in rows]
            failed.update(r["path"] for r in rows)
        progress.advance(len(chunk), message=display_path(chunk[-1][1]))
    return failed


def _match(client, root: Path, report: BatchReport, progress: Progress, cap: int = statements.DF_CAP) -> None:
    names = sorted((f.stem for f in (root / "articles").glob("*.parquet")), key=lambda n: int(n[1:]))
    first: dict[str, int] = {}
    if names:
        cols = ["article_seq", "content_hash"]
        arts = pq.read_table([root / "articles" / f"{n}.parquet" for n in names], columns=cols)
        for seq, h in sorted(zip(arts["article_seq"].to_pylist(), arts["content_hash"].to_pylist(), strict=True)):
            first.setdefault(h, seq)  # the same article twice is matched once, as a project stores it once
    kept = sorted(first.values())
    if not kept:  # every file failed: no statements, none to match
        report.translations = translate.link(root, [], {})[0]
        _write_statements(root, {}, {})
        return
    work = root / "_work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    firsts = [int(n[1:]) for n in names]
    parts = match.Parts(root, names, firsts)
    where = parts.of(np.array(kept, dtype=np.int64) << match.QUOTE_BITS)
    kept_in = [[s for s, p in zip(kept, where.tolist(), strict=True) if p == i] for i in range(len(names))]
    buckets = max(2, min(64, len(names)))
    progress.start(6 * len(names) + 3 * buckets + 2, "matching: speakers")
    _speakers(root, names, set(kept))
    progress.advance()

    def stage(message: str, fn: Callable, items: list, *args) -> list:
        progress.advance(0, message=f"matching: {message}")
        futures = [client.submit(fn, parts, i, *a, *args, pure=False) for i, *a in items]
        results = []
        for fut in futures:
            try:
                results.append(fut.result())
            except Exception as exc:  # noqa: BLE001
                log.warning("batch: matching stage %r failed", message, exc_info=True)
                raise BatchError(f"matching stage '{message}' failed: {type(exc).__name__}: {exc}") from exc
            progress.advance()
        return results

    stage("words", match.prepare, [(i, kept_in[i]) for i in range(len(names))], buckets)
    n_docs = sum(stage("copies", match.copies, [(k,) for k in range(buckets)]))
    df: Counter = Counter()
    for part in stage("3-grams", match.post, [(i,) for i in range(len(names))], buckets):
        df.update(part)
    stage("3-gram counts", match.count, [(k,) for k in range(buckets)], buckets, cap)
    stage("rarest 3-grams", match.rarest, [(i,) for i in range(len(names))], buckets)
    stage("candidate pairs", match.pairs, [(k,) for k in range(buckets)], buckets, cap)
    shared = client.scatter(dict(df), broadcast=True)
    links = stage("verifying", match.verify, [(k,) for k in range(buckets)], shared, n_docs, cap, buckets)
    copied = stage("copies", match.copy_links, [(i,) for i in range(len(names))], shared, n_docs)
    progress.advance(0, message="matching: statements")
    roots = match.trees(
        np.concatenate([np.empty((0, 5), np.int64), *links]), np.concatenate([np.empty((0, 2), np.int64), *copied])
    )
    progress.advance(0, message="matching: translations")
    speakers = pq.read_table(work / "speakers.parquet")
    sid = dict(zip(speakers["quote_id"].to_pylist(), speakers["sid"].to_pylist(), strict=True))
    report.translations, roles = translate.link(root, translate.quotes_of(root, names, set(kept), sid), roots)
    _write_statements(root, roots, roles)
    report.statements = len(set(roots.values()))
    report.quotes_in_statements = len(roots)
    shutil.rmtree(work, ignore_errors=True)
    progress.advance(message="done")


def _write_statements(root: Path, roots: dict[int, int], roles: dict[int, str]) -> None:
    rows = sorted(roots.items(), key=lambda qr: (qr[1], qr[0]))
    table = pa.table(
        {
            "quote_id": [q for q, _ in rows],
            "statement": [r for _, r in rows],
            "role": [roles.get(q) for q, _ in rows],
        },
        schema=pa.schema([("quote_id", pa.int64()), ("statement", pa.int64()), ("role", pa.string())]),
    )
    (root / "statements").mkdir(exist_ok=True)
    tmp = root / "statements" / ".statements.parquet.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, root / "statements" / "statements.parquet")


def _speakers(root: Path, names: list[str], kept: set[int]) -> None:
    """Who is who across the collection (names only, on the client), as a project groups speakers:
    ``_work/speakers.parquet`` gives each quote the speaker it is matched under (None when vague)."""
    from ..matching.analysis import assign_speakers
    from ..matching.stored import MATCHING_SPEAKER
    from ..project import store

    db = store.memory_db()
    arts = pq.read_table(
        [root / "articles" / f"{n}.parquet" for n in names], columns=["article_seq", "primary_source_of"]
    )
    db["articles"].insert_all(
        {
            "id": s,
            "path": str(s),
            "content_hash": str(s),
            "text": "",
            "paragraphs": "[]",
            "ingested_at": "",
            "primary_source_of": p,
        }
        for s, p in zip(arts["article_seq"].to_pylist(), arts["primary_source_of"].to_pylist(), strict=True)
        if s in kept
    )
    cols = ["quote_id", "article_seq", "speaker", "cue"]
    quotes = pq.read_table([root / "quotes" / f"{n}.parquet" for n in names], columns=cols)
    db["quotes"].insert_all(
        {"id": q, "article_id": s, "start": 0, "end": 0, "text": "", "speaker": sp, "cue": cue, "kind": "direct"}
        for q, s, sp, cue in zip(*(quotes[c].to_pylist() for c in cols), strict=True)
        if s in kept
    )
    assign_speakers(db)
    rows = db.execute(
        f"SELECT q.id, {MATCHING_SPEAKER} FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id"
    ).fetchall()
    table = pa.table(
        {"quote_id": [r[0] for r in rows], "sid": [r[1] for r in rows]},
        schema=pa.schema([("quote_id", pa.int64()), ("sid", pa.int64())]),
    )
    pq.write_table(table, root / "_work" / "speakers.parquet")
    db.close()
