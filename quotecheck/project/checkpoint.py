"""The write-ahead log folded into the project file on a thread of its own, not in a person's decision.

SQLite in WAL mode appends every commit to ``PROJECT-wal`` and, once the log holds 1,000 pages, copies
them into the file itself (a checkpoint) inside the commit that crossed the mark. A speaker decision at
10^5 quotes writes some 700 pages, so every second decision paid for the checkpoint: 20-35 ms of system
time on top of its ~90 ms. A :class:`Checkpointer` turns that off for one connection
(``wal_autocheckpoint = 0``) and, after a commit that leaves the log past the mark, runs a PASSIVE
checkpoint on its own connection in a background thread: it never waits for a lock, readers and
writers go on meanwhile, and SQLite releases Python's lock while it copies.

Example:
    >>> keeper = Checkpointer(path)  # doctest: +SKIP
    >>> keeper.attach(db)  # no checkpoint in db's commits; after each, keeper.poke()
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from pathlib import Path

from . import store

log = logging.getLogger(__name__)

PAGES = 1000
"""Log pages past which a checkpoint is started (SQLite's own mark for its automatic checkpoint)."""

PAGE_BYTES = 4096
"""SQLite's page size, which projects keep."""

SETTLE = 0.5
"""Seconds without a commit before the checkpoint starts: a person's decisions often come in a quick
series (a merge, its undo), and a checkpoint beside one slowed it by ~10 ms. A log past ten times
:data:`PAGES` (a long import committing all the time) is checkpointed without waiting."""


class Checkpointer:
    """Background checkpoints of one project file; :meth:`close` stops its thread."""

    def __init__(self, path: str | os.PathLike, pages: int = PAGES, settle: float = SETTLE) -> None:
        self.path = Path(path)
        self.pages = pages
        self.settle = settle
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.runs = 0
        """Checkpoints run so far (for tests and logs)."""

    def attach(self, db) -> None:
        """Stop ``db`` (a sqlite-utils database on :attr:`path`) checkpointing in its own commits, and
        :meth:`poke` after each of them. When the log starts over after a checkpoint, ``db`` cuts its file
        down to a quarter of the mark, so that the file's size says how much the log holds (it kept the
        size of the largest import ever, and every commit after one asked for a checkpoint)."""
        db.execute("PRAGMA wal_autocheckpoint = 0")
        db.execute(f"PRAGMA journal_size_limit = {self.pages * PAGE_BYTES // 4}")
        store.after_commit(db, self.poke)

    def poke(self) -> None:
        """Called after a commit: start a checkpoint if the log is past the mark and none is running."""
        if self._stopping or self._log_pages() < self.pages:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=f"checkpoint {self.path.name}", daemon=True)
                self._thread.start()
        self._idle.clear()
        self._wake.set()

    def wait(self, timeout: float = 10.0) -> bool:
        """Wait until no checkpoint is pending (tests); whether that happened within ``timeout``."""
        return self._idle.wait(timeout)

    def close(self) -> None:
        """Stop the thread (a checkpoint under way finishes first); the connection's close does the rest."""
        self._stopping = True
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=30)

    def _log_pages(self) -> int:
        try:
            return os.path.getsize(f"{self.path}-wal") // PAGE_BYTES
        except OSError:
            return 0

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            while not self._stopping and self._wake.wait(self.settle) and self._log_pages() < 10 * self.pages:
                self._wake.clear()  # another commit meanwhile: wait for a quiet moment
            if self._stopping:
                self._idle.set()
                return
            try:
                conn = sqlite3.connect(str(self.path), timeout=1.0)
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                finally:
                    conn.close()
                self.runs += 1
            except sqlite3.Error as exc:  # the file gone or locked: the next commit asks again
                log.debug("background checkpoint of %s: %s", self.path, exc)
            if not self._wake.is_set():
                self._idle.set()
