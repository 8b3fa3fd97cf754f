"""Work that can wait until the window has shown what the person asked for."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer


class AfterPaint(QObject):
    """Calls back once, after the next paint of ``widget`` (or a fallback delay), then goes away."""

    def __init__(self, widget, callback, fallback_ms: int = 500) -> None:
        super().__init__(widget)
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)
        widget.update()
        QTimer.singleShot(fallback_ms, self._fire)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self._done:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        if self._done:
            return
        self._done = True
        parent = self.parent()
        if parent is not None:
            parent.removeEventFilter(self)
        self._callback()
        self.deleteLater()
