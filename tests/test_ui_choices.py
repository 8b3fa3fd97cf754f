"""The window acts on the rows a person chose: one of several same-named speakers, the selected quotes
and articles (issue 12, items 2, 5, 10 and 14), driven with clicks and keys as a person would."""

from PySide6.QtCore import Qt

from quotecheck.library import Library
from tests.test_speaker_identity import quells  # noqa: F401 (a fixture)


def click_row(qtbot, view, row, modifier=Qt.KeyboardModifier.NoModifier):
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center())


def open_copy(qtbot, window, lib: Library, path):
    lib.db.conn.execute("VACUUM INTO ?", [str(path)])
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)


def test_merge_one_of_three_same_named_speakers_folds_in_that_one(qtbot, window, quells, tmp_path):  # noqa: F811
    open_copy(qtbot, window, quells, tmp_path / "q.qcproj")
    panel = window.speaker_panel
    window.speaker_dock.show()
    shorts = [r for r, s in enumerate(panel.model.speakers) if s["name"] == "Quell"]
    assert len(shorts) == 3
    chosen = panel.model.speakers[shorts[1]]["id"]
    rows = window.lib.quote_rows(window.lib.quote_ids()).values()
    (its_quote,) = [q.id for q in rows if q.speaker_id == chosen]
    click_row(qtbot, panel.view, shorts[1])
    click_row(qtbot, panel.view, panel.model.row_of_name("Dara Quell"), Qt.KeyboardModifier.ControlModifier)
    assert panel.merge_button.isEnabled()
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    names = [s["name"] for s in panel.model.speakers]
    assert names.count("Quell") == 2
    assert window.lib.quote(its_quote).speaker == "Dara Quell"  # the chosen row's quote, no other
    dara = panel.model.speakers[panel.model.row_of_name("Dara Quell")]
    assert dara["quotes"] == 2
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s["name"] for s in panel.model.speakers].count("Quell") == 3
