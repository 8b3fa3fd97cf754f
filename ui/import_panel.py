"""The progress of background work (import, sample project) and the files that failed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QProgressBar, QPushButton, QVBoxLayout, QWidget


class ImportPanel(QWidget):
    """A progress bar with Cancel, a status line, and one line per failed file.

    Signals:
        cancel_requested(): the person pressed Cancel.
    """

    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status = QLabel("Nothing running.")
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
        self.status.setText(title)
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
            self.status.setText(message if len(message) < 90 else "…" + message[-88:])

    def finished(self, summary: str, errors: list[str] | None = None) -> None:
        self.cancel.setEnabled(False)
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
        self.bar.setValue(self.bar.maximum())
        self.status.setText(summary)
        self.errors.clear()
        for line in errors or []:
            self.errors.addItem(line)
        self.errors.setVisible(bool(errors))

    def _cancel(self) -> None:
        self.cancel.setEnabled(False)
        self.cancel.setText("Cancelling…")
        self.cancel_requested.emit()
