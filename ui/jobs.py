"""Background work with progress and Cancel, off the interface thread.

Every long operation (import, building the sample project, export) is an ``op`` that receives its
own :class:`~quotecheck.library.Library` — opened in the worker thread, because a SQLite connection
belongs to one thread — and the :class:`~quotecheck.progress.Progress` the core updates. Results and
errors come back as signals, delivered on the interface thread, so only that thread touches widgets.

Example:
    >>> job = LibraryJob(path, lambda lib, progress: lib.ingest(paths, progress=progress))  # doctest: +SKIP
    >>> job.succeeded.connect(show_report); job.start()  # doctest: +SKIP

The op gets the progress object as a second argument (Anki's ops take only the collection) because
the core reports progress through an object passed to each call, not through a global.
"""

from __future__ import annotations

import gc
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog

from quotecheck.library import Cancelled, Library, LibraryError, Progress

log = logging.getLogger(__name__)


class _Worker(QObject):
    """Lives in the job's thread; runs the function once and reports."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    done = Signal()

    def __init__(self, fn: Callable[[Progress], Any], progress: Progress, min_interval: float):
        super().__init__()
        self._fn = fn
        self._progress = progress
        self._min_interval = min_interval
        self._last = 0.0
        progress.on_change = self._changed

    def _changed(self, p: Progress) -> None:
        now = time.monotonic()
        if p.total and p.done < p.total and now - self._last < self._min_interval:
            return  # throttled: a signal per file would flood the event loop on big imports
        self._last = now
        self.progressed.emit(p.done, p.total, p.message)

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except Cancelled:
            self.failed.emit("Cancelled; what was finished is kept.")
        except Exception as exc:  # reported in the window, never a crash
            log.exception("background job failed")
            self.failed.emit(describe_error(exc))
        else:
            self.succeeded.emit(result)
        finally:
            self.done.emit()


class BackgroundJob(QObject):
    """Runs ``fn(progress)`` once on a dedicated :class:`QThread`.

    Imports get their own thread rather than the global pool, so they never starve quick reads.

    Attributes:
        progress: the core's progress object; :meth:`cancel` sets its flag.
        title: what the job does, for the progress panel.

    Signals:
        progressed(int, int, str): done, total (0 when unknown), message.
        succeeded(object): the function's result.
        failed(str): the error, in words.
        finished(): after ``succeeded`` or ``failed``, once the thread has stopped.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, fn: Callable[[Progress], Any], title: str = "", parent=None, min_interval: float = 0.05):
        super().__init__(parent)
        self.title = title
        self.progress = Progress()
        self._thread = QThread()
        self._thread.setObjectName(f"quotecheck-job-{title or 'work'}")
        self._worker = _Worker(fn, self.progress, min_interval)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.succeeded.connect(self.succeeded)
        self._worker.failed.connect(self.failed)
        self._worker.done.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._finish)
        self._running = False

    def start(self) -> BackgroundJob:
        self._running = True
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next check; what is finished is kept."""
        self.progress.cancel()
        self._thread.requestInterruption()

    def is_running(self) -> bool:
        return self._running

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the thread has stopped (teardown and tests only)."""
        return self._thread.wait(msecs)

    def _finish(self) -> None:
        self._running = False
        self.finished.emit()


class LibraryJob(BackgroundJob):
    """A :class:`BackgroundJob` whose op gets its own ``Library`` on ``path``, opened in the worker.

    Signals: as :class:`BackgroundJob`.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        op: Callable[[Library, Progress], Any],
        title: str = "",
        parent=None,
        min_interval: float = 0.05,
    ):
        def fn(progress: Progress):
            with Library(path) as lib:
                return op(lib, progress)

        super().__init__(fn, title, parent, min_interval)


class _Interruptible:
    """The Library a read is using, while it uses it: cancelling interrupts its query, never a closed one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lib: Library | None = None

    def use(self, lib: Library | None) -> None:
        with self._lock:
            self._lib = lib

    def interrupt(self) -> None:
        with self._lock:
            if self._lib is not None:
                self._lib.interrupt()


class MainLoopCollector(QObject):
    """Python's cyclic garbage collector, run from the window's event loop instead of wherever an
    allocation happens to trigger it.

    A collection triggered in the middle of Qt code can free a Qt object there: once (a CI run of the
    suite) the collector, started by an allocation inside a test's wait for a signal, freed a Qt object
    whose destructor waited forever on a lock of Qt's own, and the window hung. Here automatic
    collection is off while a window is open and a timer (every ``INTERVAL_MS``) collects the
    generations whose counts passed Python's own thresholds, from the top of the event loop, where no Qt
    code is on the stack; never while ``busy()`` (background reads running: a full collection holds the
    interpreter lock, and so the interface, for about 100 ms on a large project). Reference counting
    frees everything that is not in a cycle as before. The collector is switched back on when the last
    window's collector stops.

    Example:
        >>> collector = MainLoopCollector(window, busy=reads.is_running)  # doctest: +SKIP
    """

    INTERVAL_MS = 1000
    _running = 0  # collectors started and not stopped: automatic collection is off while any is
    collections = 0  # collections made by any collector (for tests)

    def __init__(self, parent=None, busy: Callable[[], bool] | None = None):
        super().__init__(parent)
        self._busy = busy or (lambda: False)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._state = state = {"started": False}
        self.destroyed.connect(lambda *_: MainLoopCollector._release(state))  # freed without stop(): hand back

    def start(self) -> None:
        if self._state["started"]:
            return
        self._state["started"] = True
        MainLoopCollector._running += 1
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        MainLoopCollector._release(self._state)

    @staticmethod
    def _release(state: dict) -> None:
        if not state["started"]:
            return
        state["started"] = False
        MainLoopCollector._running = max(0, MainLoopCollector._running - 1)
        if MainLoopCollector._running == 0:
            gc.enable()

    @Slot()
    def collect(self) -> None:
        """Collect the generations due, as Python's automatic collector would, unless reads are running."""
        if self._busy():
            return
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0]:
            return
        generation = 0
        if counts[1] > self._thresholds[1]:
            generation = 2 if counts[2] > self._thresholds[2] else 1
        gc.collect(generation)
        MainLoopCollector.collections += 1


class Reads(QObject):
    """Reads too long for the interface thread (a million quote ids, 20,000 articles), each a
    :class:`LibraryJob` of its own; the result goes to ``on_result`` on the interface thread.

    A read is started under a key, and a new read under the same key cancels the one running (a new
    search drops the rest of the ids of the last one). Cancelling interrupts the read's query, so closing
    the window or the project waits milliseconds, not seconds. Reads take no place in the progress panel:
    an import and the reads of the window run side by side.

    Python's cyclic collector runs only from the event loop while a window is open
    (:class:`MainLoopCollector`), and not while reads run: a read allocates objects by the million, and a
    full collection it triggered in its thread held the interpreter lock — and so the interface — for
    about 100 ms on a large project (measured). Reference counting still frees what they drop.

    Example:
        >>> reads.run("quote ids", lib.path, lambda lib: lib.quote_ids(), model.append)  # doctest: +SKIP
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._current: dict[str, LibraryJob] = {}
        self._alive: set[LibraryJob] = set()  # until their thread has stopped: a running QThread must not be freed
        self.collector = MainLoopCollector(self, busy=lambda: bool(self._alive))
        self.collector.start()

    def run(
        self,
        key: str,
        path: str | os.PathLike,
        op: Callable[[Library], Any],
        on_result: Callable[[Any], object],
        on_failure: Callable[[str], object] | None = None,
    ) -> LibraryJob:
        """Start ``op(library)`` in the background under ``key`` (cancelling the read running under it)."""
        self.cancel(key)
        using = _Interruptible()

        def read(lib: Library, progress: Progress):
            using.use(lib)
            try:
                progress.check()  # cancelled before the query started
                return op(lib)
            except Exception:
                if progress.cancelled:  # the query was interrupted: a cancellation, not a failure
                    raise Cancelled() from None
                raise
            finally:
                using.use(None)

        job = LibraryJob(path, read, key, parent=self)
        job.interruptible = using
        self._current[key] = job
        self._alive.add(job)

        def succeeded(result) -> None:
            if self._current.get(key) is job and not job.progress.cancelled:
                del self._current[key]
                on_result(result)

        def failed(message: str) -> None:
            if self._current.get(key) is job and not job.progress.cancelled:
                del self._current[key]
                log.warning("background read %r failed: %s", key, message)
                if on_failure is not None:
                    on_failure(message)

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.finished.connect(lambda: self._ended(key, job))
        return job.start()

    def is_running(self, key: str | None = None) -> bool:
        """Whether a read (under ``key``, or any) has yet to deliver its result."""
        return key in self._current if key is not None else bool(self._current)

    def cancel(self, key: str | None = None) -> None:
        """Cancel the read under ``key`` (or every read); its result is dropped."""
        keys = [key] if key is not None else list(self._current)
        for k in keys:
            job = self._current.pop(k, None)
            if job is not None:
                job.cancel()
                try:
                    job.interruptible.interrupt()
                except Exception:  # the connection closed meanwhile: nothing left to stop
                    log.debug("interrupting read %r", k, exc_info=True)

    def stop(self) -> None:
        """Cancel every read and wait for their threads (before the window closes or the project changes)."""
        self.cancel()
        for job in list(self._alive):
            job.wait()
            self._alive.discard(job)

    def close(self) -> None:
        """Stop every read and hand collection back to Python (the window is closing)."""
        self.stop()
        self.collector.stop()

    def _ended(self, key: str, job: LibraryJob) -> None:
        if self._current.get(key) is job:  # finished without delivering (cannot happen, but never stuck)
            del self._current[key]
        self._alive.discard(job)
        job.deleteLater()


def describe_error(exc: BaseException) -> str:
    """A failure in words a person reads: a file problem names the file and the reason."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    text = str(exc)
    return text if text else type(exc).__name__


class _WriterWorker(QObject):
    """Lives in the writer's thread and keeps its library (opened there, on first use) between writes."""

    ended = Signal(int, object, str)  # ticket, result, error in words ('' when none)

    def __init__(self, path: str | os.PathLike):
        super().__init__()
        self._path = path
        self._lock = threading.Lock()
        self.lib: Library | None = None
        self._running: int | None = None  # the ticket of the write running now
        self._skip: set[int] = set()  # tickets to drop unrun (reading ahead, when the project closes)

    @Slot(int, object)
    def run(self, ticket: int, fn: Callable[[Library], Any]) -> None:
        with self._lock:
            if ticket in self._skip:
                self._skip.discard(ticket)
                self.ended.emit(ticket, None, "the project was closed")
                return
            self._running = ticket
        try:
            if self.lib is None:
                lib = Library(self._path, create=False)
                with self._lock:
                    self.lib = lib
            result = fn(self.lib)
        except Exception as exc:  # told to the one waiting, never a crash
            log.info("write %d on %s failed: %s", ticket, self._path, exc, exc_info=not isinstance(exc, LibraryError))
            self.ended.emit(ticket, None, describe_error(exc))
        else:
            self.ended.emit(ticket, result, "")
        finally:
            with self._lock:
                self._running = None

    def drop(self, tickets: set[int]) -> None:
        """From any thread: these writes are not to run, and the one of them running now is interrupted
        (its statement fails and its transaction is rolled back)."""
        with self._lock:
            self._skip |= tickets
            if self._running in tickets and self.lib is not None:
                self.lib.interrupt()

    @Slot()
    def close(self) -> None:
        with self._lock:
            lib, self.lib = self.lib, None
        if lib is not None:
            lib.close()


def _read_ahead(lib: Library, progress: Progress) -> bool:
    """Read ahead for speaker decisions; whether no other connection committed meanwhile. Reading ahead
    may commit (it puts right what a decision would), and SQLite's data version, which the window
    watches for other programs' changes, moves for that commit as for theirs; this connection's own
    data version moves only for the others'."""
    before = lib.data_version()
    lib.prepare_decisions(progress)
    return lib.data_version() == before


class ProjectWriter(QObject):
    """The window's writes to its open project, one after another on one connection that stays open,
    in a thread of its own, for as long as the project is.

    A speaker decision reads every quote's speaker units the first time it runs on a connection (~2 s
    at 10^5 quotes; the decision itself ~0.1 s). Run on a fresh connection each, every merge, split,
    correction and undo in the window took seconds. Here the units stay beside one connection between
    decisions, :meth:`prepare` reads them ahead in the background once the project is open (and again
    after an import or a matching, which change it from another connection), and every write of the
    window comes here: a commit from another connection of ours would make the next decision read
    everything again.

    Example:
        >>> writer = ProjectWriter(path); writer.prepare()  # doctest: +SKIP
        >>> writer.run(lambda lib: lib.merge_speakers([3, 8]), "Merge", window)  # doctest: +SKIP
    """

    _submit = Signal(int, object)
    _close = Signal()
    read_ahead = Signal(bool)
    """Reading ahead ended: True when no other connection committed while it ran, so that any change
    of the file's data version since it began is this writer's own (see :func:`_read_ahead`)."""

    def __init__(self, path: str | os.PathLike, parent=None):
        super().__init__(parent)
        self.path = path
        self._thread = QThread()
        self._thread.setObjectName("quotecheck-writer")
        self._worker = _WriterWorker(path)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._close.connect(self._worker.close)
        self._worker.ended.connect(self._ended)
        self._tickets = itertools.count(1)
        self._outcomes: dict[int, tuple[object, str]] = {}
        self._waiting: dict[int, QEventLoop] = {}
        self._preparing: dict[int, Progress] = {}  # reading ahead: its ticket and progress (to cancel)
        self.prepared = 0  # readings ahead ended, done or not
        self._thread.start()

    def submit(self, fn: Callable[[Library], Any]) -> int:
        """Queue ``fn(library)`` behind the writes before it; returns its ticket."""
        ticket = next(self._tickets)
        self._submit.emit(ticket, fn)
        return ticket

    def prepare(self) -> None:
        """Read ahead in the background what the first speaker decision would read
        (:meth:`Library.prepare_decisions`); a decision asked for meanwhile waits for it."""
        progress = Progress()
        ticket = self.submit(lambda lib: _read_ahead(lib, progress))
        self._preparing[ticket] = progress

    def is_preparing(self) -> bool:
        return bool(self._preparing)

    def run(self, fn: Callable[[Library], Any], title: str, parent=None) -> Any:
        """Run ``fn(library)`` and wait for it, painting a busy dialog meanwhile (after 0.4 s); its
        failure is raised as a :class:`LibraryError` in words."""
        ticket = self.submit(fn)
        loop = QEventLoop()
        self._waiting[ticket] = loop
        dialog = QProgressDialog(f"{title}…", "", 0, 0, parent)
        dialog.setWindowTitle("quotecheck")
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(400)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if ticket not in self._outcomes:
                loop.exec()
        finally:
            self._waiting.pop(ticket, None)
            QApplication.restoreOverrideCursor()
            dialog.close()
            dialog.deleteLater()
        result, error = self._outcomes.pop(ticket)
        if error:
            raise LibraryError(error)
        return result

    def _ended(self, ticket: int, result: object, error: str) -> None:
        if ticket in self._preparing:
            del self._preparing[ticket]
            self.prepared += 1
            if error:
                log.info("reading ahead for speaker decisions on %s: %s", self.path, error)
            self.read_ahead.emit(not error and bool(result))
            return
        loop = self._waiting.get(ticket)
        if loop is not None:  # else its wait was ended when the project closed
            self._outcomes[ticket] = (result, error)
            loop.quit()

    def close(self) -> None:
        """Close the connection and stop the thread: a write running ends first (reading ahead is
        interrupted: it wrote nothing)."""
        for progress in self._preparing.values():
            progress.cancel()  # between statements
        self._worker.drop(set(self._preparing))  # inside one
        self._close.emit()
        self._thread.quit()
        self._thread.wait()
        for ticket, loop in list(self._waiting.items()):  # closed from inside a wait (the window closing)
            self._outcomes.setdefault(ticket, (None, "the project was closed"))
            loop.quit()
