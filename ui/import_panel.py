"""The progress of background work (import, sample project) and the files that failed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class ElidedLabel(QLabel):
    """One line that shortens in the middle to fit (a path keeps its folder start and its file name);
    the whole text is in the tooltip."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = max(40, self.width())
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideMiddle, width))


class ImportPanel(QWidget):
    """A progress bar with Cancel, a status line, and one line per failed file.

    Signals:
        cancel_requested(): the person pressed Cancel.
    """

    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status = ElidedLabel("Nothing running.")
        self.status.setMinimumWidth(200)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.cancel = QPushButton("Cancel")
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(self._cancel)
        self.errors = QListWidget()
        self.errors.setToolTip("Files that could not be imported, and why")
        self.errors.setMaximumHeight(80)
        self.errors.hide()
        top = QHBoxLayout()
        top.addWidget(self.status, 2)
        top.addWidget(self.bar, 3)
        top.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.errors)

    def started(self, title: str) -> None:
        self.status.set_full_text(title)
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.cancel.setEnabled(True)
        self.cancel.setText("Cancel")
        self.errors.clear()
        self.errors.hide()

    def progressed(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat("%v / %m")
        if message:
            self.status.set_full_text(message)

    def finished(self, summary: str, errors: list[str] | None = None) -> None:
        self.cancel.setEnabled(False)
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
        self.bar.setValue(self.bar.maximum())
        self.status.set_full_text(summary)
        self.errors.clear()
        for line in errors or []:
            self.errors.addItem(line)
        self.errors.setVisible(bool(errors))

    @property
    def running(self) -> bool:
        """Work is shown as under way (Cancel can be pressed)."""
        return self.cancel.isEnabled()

    def _cancel(self) -> None:
        self.cancel.setEnabled(False)
        self.cancel.setText("Cancelling…")
        self.cancel_requested.emit()
