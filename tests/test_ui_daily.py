"""The window as a daily tool: what a day of real use broke, driven like a person would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quotecheck.library import Library
from tests.test_ui import cell, opened, project, row_of  # noqa: F401  (fixtures)

pytestmark = pytest.mark.gui


def test_correcting_through_the_completer_popup_with_return_keeps_the_app_alive(qtbot, opened):
    """Typing part of a name, ↓ into the suggestions and Return: the correction is saved, and the
    completer that handled the key is still alive afterwards (replacing it mid-key crashed the app)."""
    window, ids = opened
    quote = ids["quotes"][(1, 2)]
    window.select_quote(quote)
    edit = window.review_panel.correct_edit
    completer = edit.completer()
    edit.setFocus()
    qtbot.keyClicks(edit, "Brann")
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    chosen = popup.currentIndex().data()
    assert "Brann" in chosen
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cell(window, row_of(window, quote), "speaker") == chosen)
    QApplication.processEvents()
    assert edit.completer() is completer  # the same object survives the key it handled
    with Library(window.lib.path) as other:
        assert other.quote_rows([quote])[quote]["reviewed_speaker"] == chosen
    # the suggestions follow the speakers that now exist
    assert "Ilse Brannoch" in completer.model().stringList()
