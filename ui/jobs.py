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

import logging
import os
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from quotecheck.library import Cancelled, Library, Progress

log = logging.getLogger(__name__)

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


def describe_error(exc: BaseException) -> str:
    """A failure in words a person reads: a file problem names the file and the reason."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    text = str(exc)
    return text if text else type(exc).__name__
