"""What the window remembers between runs: recent projects, the last folder, the ClaimReview publisher,
and the layout of its splitters, docks and quote table columns.

One small class over ``QSettings`` so the keys live in one place and the window never reads raw values.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

MAX_RECENT = 8
RECENT_KEY = "recent_projects"
LAST_DIR_KEY = "last_dir"
SPEAKERS_KEY = "window/speakers_visible"
"""Whether the person keeps the speaker list open (closing it is remembered across opens)."""
REVIEWER_KEY = "export/reviewer"
"""The last ClaimReview publisher, so the export dialog offers it again."""
HEADER_KEY = "window/quote_header_v3"
"""Where the quote table's column layout is saved; a new name when the default widths change
("_v3": columns saved before the narrower defaults, the quote column widest, are not restored)."""


class WindowSettings:
    """The window's remembered choices, read and written by name.

    Attributes:
        store: the ``QSettings`` underneath (tests pass one on a scratch file).
    """

    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else QSettings()

    def recent_projects(self) -> list[str]:
        """Projects opened before, the latest first."""
        value = self.store.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in value or []]

    def remember_project(self, path: str) -> list[str]:
        """Put ``path`` first among the recent projects; returns the new list."""
        recent = ([path] + [p for p in self.recent_projects() if p != path])[:MAX_RECENT]
        self.store.setValue(RECENT_KEY, recent)
        return recent

    def last_dir(self) -> str:
        """The folder the last file dialog ended in (the home folder at first)."""
        return str(self.store.value(LAST_DIR_KEY, os.path.expanduser("~")))

    def set_last_dir(self, path: str) -> None:
        self.store.setValue(LAST_DIR_KEY, path)

    def speakers_visible(self) -> bool:
        return str(self.store.value(SPEAKERS_KEY, "true")).lower() == "true"

    def set_speakers_visible(self, visible: bool) -> None:
        self.store.setValue(SPEAKERS_KEY, "true" if visible else "false")

    def reviewer(self) -> str:
        return str(self.store.value(REVIEWER_KEY, "") or "")

    def set_reviewer(self, reviewer: str) -> None:
        self.store.setValue(REVIEWER_KEY, reviewer)

    def restore_layout(self, window: QMainWindow, splitters: dict[str, QSplitter], header: QHeaderView) -> None:
        """Geometry, docks, splitter positions and quote table columns as they were saved."""
        geometry = self.store.value("window/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        else:
            window.resize(1280, 800)
        state = self.store.value("window/state")
        if state is not None:
            window.restoreState(state)
        for name, splitter in splitters.items():
            value = self.store.value(f"window/{name}")
            if value is not None:
                splitter.restoreState(value)
        saved = self.store.value(HEADER_KEY)
        if saved is not None:
            header.restoreState(saved)

    def save_layout(self, window: QMainWindow, splitters: dict[str, QSplitter], header: QHeaderView) -> None:
        self.store.setValue("window/geometry", window.saveGeometry())
        self.store.setValue("window/state", window.saveState())
        for name, splitter in splitters.items():
            self.store.setValue(f"window/{name}", splitter.saveState())
        self.store.setValue(HEADER_KEY, header.saveState())
        self.store.sync()
