"""Running the window's background work: one job at a time in the progress panel (the window's own
writes go to its :class:`~quotecheck.ui.jobs.ProjectWriter`).

:class:`JobRunner` owns the running job; the window hands it the progress panel (and its dock) and a
way to tell the person something, and asks it to run, cancel or stop jobs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDockWidget, QWidget

from .import_panel import ImportPanel
from .jobs import BackgroundJob

log = logging.getLogger(__name__)


class JobRunner(QObject):
    """One background job at a time, its progress and outcome shown in the import panel.

    Attributes:
        job: the running job, or None.

    Signals:
        done(object): a job ended (its result, or None when it failed or was cancelled).
    """

    done = Signal(object)

    def __init__(self, panel: ImportPanel, dock: QDockWidget, tell: Callable[[str], None], parent: QWidget):
        super().__init__(parent)
        self.job: BackgroundJob | None = None
        self._panel = panel
        self._dock = dock
        self._tell = tell
        self._parent = parent
        panel.cancel_requested.connect(self.cancel)

    def is_busy(self) -> bool:
        return self.job is not None and self.job.is_running()

    def run(
        self,
        job: BackgroundJob,
        on_success: Callable[[Any], object] | None = None,
        on_failure: Callable[[str], object] | None = None,
    ) -> bool:
        """Start a job with the progress panel; False (and a message) while another one runs.

        A failure goes to ``on_failure`` when given (a dialog, say), else the panel shows it.
        """
        if self.is_busy():
            self._tell("Please wait: another task is still running.")
            return False
        self.job = job
        self._dock.show()
        self._panel.started(job.title)
        job.progressed.connect(self._panel.progressed)
        outcome: dict = {}

        def succeeded(result):
            outcome["result"] = result
            if on_success is not None:
                on_success(result)
            if self._panel.running:  # the handler said nothing more specific
                self._panel.finished(f"{job.title}: done")

        def failed(message: str):
            outcome["error"] = message
            if on_failure is not None:
                self._panel.finished(f"{job.title}: failed", [])
                on_failure(message)
            else:
                self._panel.finished(message, [])

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.finished.connect(lambda: self._finished(job, outcome.get("result")))
        job.start()
        return True

    def _finished(self, job: BackgroundJob, result) -> None:
        if self.job is job:
            self.job = None
        self.done.emit(result)

    def cancel(self) -> None:
        if self.is_busy():
            self.job.cancel()

    def stop(self) -> None:
        """Cancel the running job and wait for it (before the window closes)."""
        if self.is_busy():
            self.job.cancel()
            # destroying a running QThread aborts the process, so wait for as long as it takes: cancel is
            # checked between parts of a long article and every few dozen of its quotes
            while not self.job.wait(5000):
                log.warning("still waiting for the background job %r to stop", self.job.title)
