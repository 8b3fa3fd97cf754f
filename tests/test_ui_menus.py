"""The menus talk to the window only through the commands they are given; settings by name."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow
from quotecheck.ui.menus import Menus
from quotecheck.ui.settings import MAX_RECENT, WindowSettings

pytestmark = pytest.mark.gui


class Commands:
    """Every command the menus may ask for, recording the calls."""

    def __init__(self):
        self.calls: list[tuple] = []

    def __getattr__(self, name):
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


@pytest.fixture
def menus(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    commands = Commands()
    return Menus(window, commands, QUndoStack(window)), commands, window


def test_actions_call_the_commands_they_were_given(menus):
    m, commands, _ = menus
    m.next_flag_action.trigger()
    m.verdict_actions[1].trigger()
    m.details_action.trigger()
    m.about_action.trigger()
    assert commands.calls == [
        ("step", (1,), {"flagged": True}),
        ("choose_verdict", ("misquoted",), {}),
        ("edit_current_article_details", (), {}),
        ("show_about", (), {}),
    ]


def test_project_actions_wait_for_a_project_and_recent_projects_open(menus):
    m, commands, window = menus
    m.set_project_open(False)
    assert not m.export_action.isEnabled() and m.open_action.isEnabled()
    m.set_project_open(True)
    assert all(a.isEnabled() for a in m.project_actions)
    m.set_recent(["/tmp/a/one.qcproj", "/tmp/b/two.qcproj"])
    assert [a.text() for a in m.recent_menu.actions()] == ["one.qcproj", "two.qcproj"]
    m.recent_menu.actions()[1].trigger()
    assert commands.calls[-1] == ("open_project", ("/tmp/b/two.qcproj",), {})
    menus_shown = [a.text() for a in window.menuBar().actions()]
    assert menus_shown == ["&File", "&Edit", "&Quote", "&View", "&Help"]


def test_settings_remember_a_few_recent_projects_latest_first(settings):
    prefs = WindowSettings(settings)
    for i in range(MAX_RECENT + 2):
        prefs.remember_project(f"/p/{i}.qcproj")
    prefs.remember_project("/p/3.qcproj")
    recent = prefs.recent_projects()
    assert len(recent) == MAX_RECENT and recent[0] == "/p/3.qcproj" and recent[1] == f"/p/{MAX_RECENT + 1}.qcproj"
    prefs.set_reviewer("Desk")
    assert WindowSettings(settings).reviewer() == "Desk"
