"""What the window shows before a project is open: the sample project, open, new, recent."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """Start here.

    Signals:
        sample_requested(): open (building if needed) the bundled sample project.
        open_requested(): choose a project file.
        new_requested(): create a project file.
        recent_requested(str): open this recent project.
    """

    sample_requested = Signal()
    open_requested = Signal()
    new_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        title = QLabel(
            "<div style='font-size:20pt; font-weight:700'>quotecheck</div>"
            "<div style='font-size:11pt; color:#495057'>Find every quotation, who said it, "
            "and where the wording changed.</div>"
        )
        title.setTextFormat(Qt.TextFormat.RichText)
        self.sample_button = QPushButton("Open the sample project")
        self.sample_button.setToolTip("Seven invented news articles that show everything quotecheck flags")
        self.sample_button.clicked.connect(self.sample_requested)
        self.open_button = QPushButton("Open project…")
        self.open_button.clicked.connect(self.open_requested)
        self.new_button = QPushButton("New project…")
        self.new_button.clicked.connect(self.new_requested)
        self.recent = QListWidget()
        self.recent.setMaximumWidth(520)
        self.recent.itemActivated.connect(lambda item: self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        box = QVBoxLayout()
        box.addWidget(title)
        box.addSpacing(12)
        for b in (self.sample_button, self.open_button, self.new_button):
            b.setMinimumHeight(34)
            b.setMaximumWidth(320)
            box.addWidget(b)
        box.addSpacing(12)
        box.addWidget(QLabel("Recent projects"))
        box.addWidget(self.recent)
        box.addWidget(
            QLabel(
                "<span style='color:#868e96'>Drop article files or folders on the window "
                "to import them into the open project.</span>"
            )
        )
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        wrapper = QWidget()
        wrapper.setLayout(box)
        wrapper.setMaximumWidth(560)
        outer.addWidget(wrapper, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{os.path.basename(path)}  —  {os.path.dirname(path)}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent.addItem(item)
