"""Keyboard behaviour shared by the window's text fields.

Undo in a text field undoes the typing there; once the field has nothing left to undo, Ctrl+Z reaches
the window and undoes the last review decision, so the key never silently does nothing. A key the
window names for one of its commands (Ctrl+E, Ctrl+D…) runs that command from a text field too, even
where the desktop makes it an editing key (on X11 a line edit takes Ctrl+E as end of line).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit


def _can_undo(widget: QObject, redo: bool) -> bool:
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        doc = widget.document()
        return doc.isRedoAvailable() if redo else doc.isUndoAvailable()
    return False


class UndoFallback(QObject):
    """Event filter: Ctrl+Z / Ctrl+Shift+Z go to the field while it can undo, else to the window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            for key, redo in ((QKeySequence.StandardKey.Undo, False), (QKeySequence.StandardKey.Redo, True)):
                if event.matches(key) and not _can_undo(watched, redo):
                    event.ignore()  # not taken by the field: the window's Undo/Redo action runs
                    return True
        return False


def let_window_undo(*fields: QObject) -> UndoFallback:
    """Install one :class:`UndoFallback` on each field; returns it (keep it alive with a parent)."""
    fallback = UndoFallback(fields[0] if fields else None)
    for field in fields:
        field.installEventFilter(fallback)
    return fallback


_EDITING_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_FIELD_KEEPS = {"Ctrl+Return", "Ctrl+Enter"}  # the note saves with it (ReviewPanel); a line edit leaves it


class WindowKeysFirst(QObject):
    """Event filter: a Ctrl or Alt key the window names for a command is not taken by the field.

    Args:
        keys: the window's own keys now, as ``QKeySequence.toString()`` writes them ("Ctrl+E").
    """

    def __init__(self, keys: Callable[[], set[str]], parent: QObject | None = None):
        super().__init__(parent)
        self._keys = keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.modifiers() & _EDITING_MODIFIERS
        ):
            pressed = QKeySequence(event.keyCombination()).toString()
            if pressed in self._keys() and pressed not in _FIELD_KEEPS:
                event.ignore()  # not taken by the field: the window's action runs
                return True
        return False


def let_window_keys_win(keys: Callable[[], set[str]], *fields: QObject) -> WindowKeysFirst:
    """Install one :class:`WindowKeysFirst` on each field; returns it (keep it alive with a parent)."""
    first = WindowKeysFirst(keys, fields[0] if fields else None)
    for field in fields:
        field.installEventFilter(first)
    return first
