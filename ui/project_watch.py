"""Noticing that another program (the ``quotecheck`` CLI, a second window) changed the open project.

SQLite's ``PRAGMA data_version`` (:meth:`Library.data_version`) changes on a connection only when
another connection has committed to the file, never for its own writes, and reading it costs no file
read. :class:`ProjectWatch` polls it every ~2 s while the application is in front (and at once when it
comes back to the front), waits until the other program has stopped writing for a moment, and then
asks the window to read the project again — unless the window is busy with its own write or a
background job, in which case it asks again at a later check.

The window's own background jobs write through connections of their own, so their commits change the
data version as well: the window calls :meth:`ProjectWatch.mark_seen` when it has shown what they did.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from quotecheck.library import Library

log = logging.getLogger(__name__)


class ProjectWatch(QObject):
    """Tells when the open project was changed by another connection, debounced.

    Args:
        busy: whether reading the project again now would interrupt the window (its own write, an
            import or matching job, a modal dialog); asked just before ``changed`` is emitted.
        interval_ms: how often to look while the application is in front (0: only :meth:`check`).
        settle_ms: how long the data version must stay put before ``changed`` (a CLI import commits
            in batches: one reload at the end, not one per batch).
        max_wait_ms: the longest ``changed`` waits for writes to settle.

    Signals:
        changed(): the project changed from outside and the window is free: read it again (and call
            :meth:`mark_seen`).
    """

    changed = Signal()

    def __init__(
        self,
        busy: Callable[[], bool],
        parent=None,
        *,
        interval_ms: int = 2000,
        settle_ms: int = 300,
        max_wait_ms: int = 5000,
    ):
        super().__init__(parent)
        self._busy = busy
        self.interval_ms = interval_ms
        self.max_wait_ms = max_wait_ms
        self._lib: Library | None = None
        self._seen: int | None = None
        self._settling_from: int | None = None
        self._waiting_since = 0.0
        self._poll = QTimer(self)
        self._poll.setInterval(max(1, interval_ms))
        self._poll.timeout.connect(self._tick)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(settle_ms)
        self._settle.timeout.connect(self._settled)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._state_changed)

    def watch(self, lib: Library | None) -> None:
        """Watch this project (None: stop); what it holds now counts as seen."""
        self._lib = lib
        self._settle.stop()
        self._seen = self._version()
        if lib is not None and self.interval_ms > 0:
            self._poll.start()
        else:
            self._poll.stop()

    def mark_seen(self) -> None:
        """The window shows (or is reading) the project as it is now: only later commits count."""
        self._seen = self._version()

    def pending(self) -> bool:
        """Whether another connection committed since :meth:`mark_seen` (checked now)."""
        version = self._version()
        return version is not None and version != self._seen

    def check(self) -> None:
        """Look now (the poll does this every ``interval_ms``); a change is reported once it settles."""
        version = self._version()
        if version is None or version == self._seen or self._settle.isActive():
            return
        self._settling_from = version
        self._waiting_since = time.monotonic()
        self._settle.start()

    def _tick(self) -> None:
        if QGuiApplication.applicationState() != Qt.ApplicationState.ApplicationActive:
            return  # in the background: looked at again when the person comes back
        self.check()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive and self._lib is not None:
            self.check()

    def _settled(self) -> None:
        version = self._version()
        if version is None or version == self._seen:  # read again meanwhile
            return
        waited_ms = (time.monotonic() - self._waiting_since) * 1000
        if version != self._settling_from and waited_ms < self.max_wait_ms:
            self._settling_from = version  # still being written: wait for the writes to pause
            self._settle.start()
            return
        if self._busy():
            return  # the next check asks again; the busy work refreshes what it changed itself
        self.changed.emit()

    def _version(self) -> int | None:
        lib = self._lib
        if lib is None:
            return None
        try:
            return lib.data_version()
        except Exception as exc:  # closed meanwhile, or the file went away: nothing to report
            log.debug("reading the data version failed: %s", exc)
            return None
