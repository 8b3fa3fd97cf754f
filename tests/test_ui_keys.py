"""The window's keys: one command per key on every desktop, and from a text field too.

Qt gives a standard key (Delete, Copy…) the keys of the desktop it runs on: offscreen, as the tests
run, Delete is Del alone; on X11 it is also Ctrl+D. So the offscreen tests stand in such a key theme,
and one test runs the X11 ones on a real X server (xvfb-run) when there is one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication
from quotecheck.ui.dialogs import ExportDialog, MetadataDialog

pytestmark = pytest.mark.gui

X11_THEME = {  # what an X11 desktop (KDE / GNOME key theme) adds to the standard keys the window uses
    QKeySequence.StandardKey.Delete: ["Del", "Ctrl+D"],
    QKeySequence.StandardKey.Copy: ["Ctrl+C", "Ctrl+Ins", "F16"],
    QKeySequence.StandardKey.Find: ["Ctrl+F"],
    QKeySequence.StandardKey.Refresh: ["F5", "Ctrl+R"],
    QKeySequence.StandardKey.Undo: ["Ctrl+Z", "F14"],
    QKeySequence.StandardKey.Redo: ["Ctrl+Shift+Z"],
}


def keys_of_enabled_actions(window) -> dict[str, list[str]]:
    """Every key sequence held by an enabled action of the window, with the actions holding it."""
    held: dict[str, list[str]] = {}
    menus = window.menus
    actions = {id(a): a for a in [menus.undo_action, menus.redo_action, *window.actions()]}.values()
    for action in actions:
        if action.isEnabled():
            for key in action.shortcuts():
                held.setdefault(key.toString(), []).append(action.text().replace("&", ""))
    return held


def test_no_two_enabled_actions_share_a_key(opened):
    window, _ids = opened
    window.menus.undo_action.setEnabled(True)
    window.menus.redo_action.setEnabled(True)
    shared = {key: names for key, names in keys_of_enabled_actions(window).items() if len(names) > 1}
    assert shared == {}
    assert window.menus.details_action.shortcuts() == [QKeySequence("Ctrl+D")]


def test_a_desktop_key_theme_never_gives_a_window_key_to_another_command(qtbot, settings, project, monkeypatch):
    """On X11 StandardKey.Delete is Del and Ctrl+D: Dismiss (Delete) must not take Ctrl+D from Article
    Details, nor any standard key a key the window names itself."""
    import quotecheck.ui.menus as menus_module
    from quotecheck.ui.main_window import MainWindow

    real = QKeySequence.keyBindings
    monkeypatch.setattr(
        menus_module,
        "key_bindings",
        lambda key: [QKeySequence(k) for k in X11_THEME[key]] if key in X11_THEME else real(key),
    )
    window = MainWindow(settings, search_delay_ms=0)
    qtbot.addWidget(window)
    path, _ids = project
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    menus = window.menus
    menus.undo_action.setEnabled(True)
    assert [k.toString() for k in menus.dismiss_action.shortcuts()] == ["Del"]
    held = keys_of_enabled_actions(window)
    assert held["Ctrl+D"] == ["Article Details…"]
    assert held["Ctrl+R"] == ["Correct Speaker…"]
    assert held["Ctrl+Ins"] == ["Copy Citation"]  # the theme's other keys stay
    assert {key: names for key, names in held.items() if len(names) > 1} == {}


def overrides(widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.ControlModifier) -> bool:
    """Whether ``widget`` claims the key for itself (a ShortcutOverride it accepts)."""
    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
    event.ignore()
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_a_text_field_leaves_the_window_keys_to_the_window_and_keeps_its_own(qtbot, opened):
    window, _ids = opened
    search = window.filter_bar.search
    search.setFocus()
    # a line edit takes Ctrl+E (end of line) and Ctrl+D (delete) on X11; offscreen Ctrl+Z with text to undo
    qtbot.keyClicks(search, "dam")
    assert overrides(search, Qt.Key.Key_Z)  # the field's own undo
    assert overrides(search, Qt.Key.Key_C)  # the field copies its own text
    assert overrides(search, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)  # deletes a letter, dismisses nothing
    for key in (Qt.Key.Key_E, Qt.Key.Key_D, Qt.Key.Key_J, Qt.Key.Key_K, Qt.Key.Key_R):
        for field in (search, window.filter_bar.speaker, window.review_panel.correct_edit):
            assert not overrides(field, key), (field.objectName(), key)
    note = window.review_panel.note_edit
    assert overrides(note, Qt.Key.Key_Return)  # Ctrl+Return saves the note, it does not confirm


def answer_dialog(seen: list) -> None:
    dialog = QApplication.activeModalWidget()
    seen.append(type(dialog))
    if dialog is not None:
        dialog.reject()


def press_and_see_dialog(qtbot, widget, key: Qt.Key, kind: type) -> list:
    seen: list = []
    widget.window().activateWindow()  # back from the dialog before
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())
    widget.setFocus()
    QTimer.singleShot(200, lambda: answer_dialog(seen))
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    return seen


def test_ctrl_e_in_the_search_box_opens_the_export_and_ctrl_d_the_details(qtbot, opened):
    window, ids = opened
    window.activateWindow()
    search = window.filter_bar.search
    search.setFocus()
    qtbot.keyClicks(search, "dam")
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    window.select_quote(ids["quotes"][(0, 0)])
    search.setFocus()
    assert window.article_view.article_id is not None
    assert press_and_see_dialog(qtbot, search, Qt.Key.Key_E, ExportDialog) == [ExportDialog]
    assert press_and_see_dialog(qtbot, search, Qt.Key.Key_D, MetadataDialog) == [MetadataDialog]
    assert press_and_see_dialog(qtbot, window.table, Qt.Key.Key_D, MetadataDialog) == [MetadataDialog]
    assert search.text() == "dam"


@pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") == "xcb" or not shutil.which("xvfb-run"), reason="needs xvfb-run")
def test_the_keys_on_a_real_x11_server():
    """The tests above on X11 (QT_QPA_PLATFORM=xcb under xvfb-run), where the desktop's own key theme
    applies; no key is reported as ambiguous."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    run = subprocess.run(
        [
            "xvfb-run",
            "-a",
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            __file__,
            "-k",
            "not real",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    assert "Ambiguous shortcut" not in output
