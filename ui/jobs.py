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
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from quotecheck.library import Cancelled, Library, Progress

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


class Reads(QObject):
    """Reads too long for the interface thread (a million quote ids, 20,000 articles), each a
    :class:`LibraryJob` of its own; the result goes to ``on_result`` on the interface thread.

    A read is started under a key, and a new read under the same key cancels the one running (a new
    search drops the rest of the ids of the last one). Cancelling interrupts the read's query, so closing
    the window or the project waits milliseconds, not seconds. Reads take no place in the progress panel:
    an import and the reads of the window run side by side.

    Python's cyclic collector is paused while reads run: a read allocates objects by the million, and a
    full collection it triggers in its thread holds the interpreter lock — and so the interface — for
    about 100 ms on a large project (measured). Reference counting still frees what they drop; the
    collector resumes when the last read ends.

    Example:
        >>> reads.run("quote ids", lib.path, lambda lib: lib.quote_ids(), model.append)  # doctest: +SKIP
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._current: dict[str, LibraryJob] = {}
        self._alive: set[LibraryJob] = set()  # until their thread has stopped: a running QThread must not be freed
        self._paused_collector = False

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
        if not self._paused_collector and gc.isenabled():
            gc.disable()
            self._paused_collector = True

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
        self._resume_collector()

    def _resume_collector(self) -> None:
        if self._paused_collector and not self._alive:
            self._paused_collector = False
            gc.enable()

    def _ended(self, key: str, job: LibraryJob) -> None:
        if self._current.get(key) is job:  # finished without delivering (cannot happen, but never stuck)
            del self._current[key]
        self._alive.discard(job)
        job.deleteLater()
        self._resume_collector()


def describe_error(exc: BaseException) -> str:
    """A failure in words a person reads: a file problem names the file and the reason."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    text = str(exc)
    return text if text else type(exc).__name__
