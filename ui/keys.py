"""Keyboard behaviour shared by the window's text fields.

Undo in a text field undoes the typing there; once the field has nothing left to undo, Ctrl+Z reaches
the window and undoes the last review decision, so the key never silently does nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
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
