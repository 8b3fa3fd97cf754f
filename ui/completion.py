"""Name completion that lives as long as its line edit.

A completer must never be replaced while it handles a key: Return in its popup activates the line
edit, whose handler may refresh the list of names — and deleting the completer that is still inside
its own event filter crashes Qt. So each line edit gets one completer for good, and new names only
replace the strings of its model.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QWidget


class NameCompleter(QCompleter):
    """Case-insensitive completion of names, matching anywhere in the name."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(QStringListModel(self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def set_names(self, names: list[str]) -> None:
        """Offer these names from now on (the completer object stays the same)."""
        model = self.model()
        if model.stringList() != list(names):
            model.setStringList(list(names))
