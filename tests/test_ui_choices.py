"""The window acts on the rows a person chose: one of several same-named speakers, the selected quotes
and articles (issue 12, items 2, 5, 10 and 14), driven with clicks and keys as a person would."""

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

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
    with qtbot.waitSignal(window.lists_reloaded):  # the speaker list is read again in the background
        qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    names = [s["name"] for s in panel.model.speakers]
    assert names.count("Quell") == 2
    assert window.lib.quote(its_quote).speaker == "Dara Quell"  # the chosen row's quote, no other
    dara = panel.model.speakers[panel.model.row_of_name("Dara Quell")]
    assert dara["quotes"] == 2
    with qtbot.waitSignal(window.lists_reloaded):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s["name"] for s in panel.model.speakers].count("Quell") == 3


def test_delete_key_dismisses_the_selected_quote_and_ctrl_z_brings_it_back(qtbot, opened):
    window, ids = opened
    table = window.table
    total = window.model.rowCount()
    first, second = window.model.ids[0], window.model.ids[1]
    click_row(qtbot, table, 0)
    click_row(qtbot, table, 1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert window.model.rowCount() == total - 2
    assert first not in window.model.ids and second not in window.model.ids
    assert window.count_label.text() == f"{total - 2:,} quotes"
    assert window.current_quote_id == window.model.ids[0]  # on to the next quote, panes following
    assert not [f for f in window.lib.flags() for q in f.quotes if q.quote_id in (first, second)]
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == total and {first, second} <= set(window.model.ids)
    qtbot.keyClick(table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == total - 2


def test_delete_in_the_search_box_edits_the_text_and_removes_nothing(qtbot, opened):
    window, _ids = opened
    total = window.model.rowCount()
    click_row(qtbot, window.table, 0)
    window.filter_bar.search.setFocus()
    qtbot.keyClicks(window.filter_bar.search, "damx")
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Left)
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Delete)
    assert window.filter_bar.search.text() == "dam"
    window.filter_bar.search.clear()
    assert window.model.rowCount() == total


def test_delete_article_from_the_menu_then_undo(qtbot, opened):
    window, ids = opened
    table = window.table
    quote = ids["quotes"][(1, 0)]
    article_id = window.lib.quote(quote).article_id
    n_articles, listed = len(window.lib.articles()), window.filter_bar.article.count()
    click_row(qtbot, table, window.model.row_of(quote))
    assert window.menus.delete_article_action.isEnabled()
    with qtbot.waitSignal(window.lists_reloaded):  # the lists are read again in the background
        window.menus.delete_article_action.trigger()
    assert article_id not in [a.id for a in window.lib.articles()]
    assert all(window.lib.quote_rows([q]).get(q) is None for (a, _), q in ids["quotes"].items() if a == 1)
    assert window.filter_bar.article.count() == listed - 1 and len(window.lib.articles()) == n_articles - 1
    assert window.undo_stack.undoText().startswith("Delete article “")
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert article_id in [a.id for a in window.lib.articles()] and quote in window.model.ids


def click_header(qtbot, view, section):
    header = view.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def tick(qtbot, box):
    """Click a check box on its box, where a person clicks."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def visible(panel):
    return [s["name"] for r, s in enumerate(panel.model.speakers) if not panel.view.isRowHidden(r)]


def test_speaker_list_sorts_by_quote_count_and_by_name(qtbot, opened):
    window, _ids = opened
    panel = window.speaker_panel
    click_header(qtbot, panel.view, 1)
    counts = [s["quotes"] for s in panel.model.speakers]
    assert counts == sorted(counts) and len(set(counts)) > 1
    click_header(qtbot, panel.view, 1)
    assert [s["quotes"] for s in panel.model.speakers] == sorted(counts, reverse=True)
    click_header(qtbot, panel.view, 0)
    names = [s["name"] for s in panel.model.speakers]
    assert names == sorted(names, key=str.casefold) and names != sorted(names, key=str.casefold, reverse=True)
    with qtbot.waitSignal(window.lists_reloaded):
        window._reload_speakers()  # a decision reloads the list: the person's order stays
    assert [s["name"] for s in panel.model.speakers] == names


def test_hide_a_noisy_speaker_with_delete_show_hidden_and_unhide(qtbot, opened):
    window, _ids = opened
    panel = window.speaker_panel
    name = panel.model.speakers[0]["name"]
    click_row(qtbot, panel.view, 0)
    with qtbot.waitSignal(window.lists_reloaded):
        qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert name not in visible(panel)
    assert [s.name for s in window.lib.speakers() if s.hidden] == [name]
    assert window.model.rowCount() == window.lib.count_quotes()  # no quote dismissed by that Delete
    tick(qtbot, panel.show_hidden)
    assert name in visible(panel)
    click_row(qtbot, panel.view, panel.model.row_of_name(name))
    assert panel.hide_button.text() == "Unhide"
    with qtbot.waitSignal(window.lists_reloaded):
        qtbot.mouseClick(panel.hide_button, Qt.MouseButton.LeftButton)
    assert not any(s.hidden for s in window.lib.speakers())
    with qtbot.waitSignal(window.lists_reloaded):
        qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.name for s in window.lib.speakers() if s.hidden] == [name]
    tick(qtbot, panel.show_hidden)
    assert name not in visible(panel)
    with qtbot.waitSignal(window.lists_reloaded):
        qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert name in visible(panel) and not any(s.hidden for s in window.lib.speakers())


def in_modal_dialog(qtbot, act):
    """Run ``act(dialog)`` on the next modal dialog once it shows (its ``exec`` blocks the test)."""
    seen = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog)
        try:
            act(dialog)
        except BaseException as exc:  # the dialog must close, or its exec never returns
            seen.append(exc)
            dialog.reject()

    QTimer.singleShot(0, poll)
    return seen


def test_details_of_several_selected_articles_edited_at_once(qtbot, opened):
    window, ids = opened
    first, second = ids["quotes"][(0, 0)], ids["quotes"][(1, 0)]
    a, b = (window.lib.quote(q).article_id for q in (first, second))
    untouched = next(x for x in ids["articles"] if x not in (a, b))
    before = {x.id: x.meta for x in window.lib.articles()}
    assert before[a].date != before[b].date
    click_row(qtbot, window.table, window.model.row_of(first))
    click_row(qtbot, window.table, window.model.row_of(second), Qt.KeyboardModifier.ControlModifier)

    def fill(dialog):
        assert dialog.windowTitle() == "Details of 2 articles"
        assert dialog.edits["date"].text() == "" and "several values" in dialog.edits["date"].placeholderText()
        dialog.edits["outlet"].selectAll()
        qtbot.keyClicks(dialog.edits["outlet"], "Harbour Courier")
        qtbot.keyClicks(dialog.edits["url"], "https://courier.example/x")
        qtbot.keyClick(dialog.edits["url"], Qt.Key.Key_Return)  # Return saves, as Save does

    seen = in_modal_dialog(qtbot, fill)
    qtbot.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert seen and not isinstance(seen[-1], BaseException), seen
    after = {x.id: x.meta for x in window.lib.articles()}
    assert after[a].outlet == after[b].outlet == "Harbour Courier"
    assert after[a].url == after[b].url == "https://courier.example/x"
    assert (after[a].date, after[b].date) == (before[a].date, before[b].date)  # left empty: each keeps its own
    assert after[untouched] == before[untouched]
    assert window.lib.quote_rows([first])[first].outlet == "Harbour Courier"
