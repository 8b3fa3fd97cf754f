"""The window as a daily tool: what a day of real use broke, driven like a person would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from quotecheck.library import Library
from tests.test_ui import cell, row_of

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
        assert other.quote_rows([quote])[quote].reviewed_speaker == chosen
    # the suggestions follow the speakers that now exist
    assert "Ilse Brannoch" in completer.model().stringList()


def test_a_search_that_hides_the_quote_empties_the_panes_and_shortcuts_do_nothing(qtbot, opened):
    window, ids = opened
    quote = ids["quotes"][(0, 0)]
    window.select_quote(quote)
    assert window.review_panel.quote_id == quote
    window.filter_bar.search.setText("zzzznothingmatches")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert window.current_quote_id is None and window.review_panel.quote_id is None
    assert "No quotes match" in window.table.empty_text
    window.menus.verdict_actions[1].trigger()  # Ctrl+2 (misquoted) with nothing visible
    with Library(window.lib.path) as other:
        assert other.quote_rows([quote])[quote].verdict in (None, "")
    window.filter_bar.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    assert window.table.empty_text == ""


def test_keyboard_moves_between_search_results_and_panes(qtbot, opened):
    window, _ids = opened
    window.show()
    qtbot.waitExposed(window)
    search = window.filter_bar.search
    search.setFocus()
    qtbot.keyClicks(search, "dam")
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # Escape clears the search
    assert search.text() == ""
    qtbot.keyClicks(search, "releases")
    qtbot.keyClick(search, Qt.Key.Key_Down)  # ↓ moves to the results
    assert window.table.hasFocus()
    assert window.table.currentIndex().isValid()
    assert "eleases" in cell(window, window.table.currentIndex().row(), "text")
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)  # Tab leaves the table
    assert not window.table.hasFocus()


def test_ctrl_z_in_the_note_field_undoes_typing_then_the_last_decision(qtbot, opened):
    window, ids = opened
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    quote = ids["quotes"][(0, 0)]
    window.select_quote(quote)
    window.menus.confirm_action.trigger()
    assert window.undo_stack.count() == 1
    note = window.review_panel.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "abc")
    qtbot.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert note.toPlainText() == ""  # the typing went first
    assert window.undo_stack.index() == 1
    qtbot.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.index() == 0  # then the confirmation


def test_dropping_a_project_file_opens_it(qtbot, opened, tmp_path):
    from tests.ui_helpers import build_project, drop_event

    window, _ids = opened
    other = tmp_path / "other.qcproj"
    build_project(other)
    event = drop_event(window, [other])
    with qtbot.waitSignal(window.project_opened, timeout=10000):
        window.dropEvent(event)
    assert window.lib.path.name == "other.qcproj"
    assert window.job is None  # nothing was imported


def test_a_search_of_only_a_quote_mark_shows_nothing_and_says_why(qtbot, opened):
    window, _ids = opened
    window.filter_bar.search.setText('"')
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert "no words" in window.table.empty_text
    assert "phrase" not in window.last_error  # no dialog while typing
    window.filter_bar.search.setText('"releases from"')
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    assert all("eleases from" in cell(window, r, "text") for r in range(window.model.rowCount()))


def test_a_verdict_with_several_rows_selected_judges_them_all_as_one_undo_step(qtbot, opened):
    window, _ids = opened
    window.select_row(0)
    window.table.selectRow(1)  # extend: shift-click in a person's hands
    from PySide6.QtCore import QItemSelectionModel

    sm = window.table.selectionModel()
    for r in (0, 1, 2):
        sm.select(
            window.model.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    chosen = window.selected_quote_ids()
    assert len(chosen) == 3
    assert "3 quotes selected" in window.review_panel.selection_note.text()
    window.menus.verdict_actions[0].trigger()  # Ctrl+1: verified
    assert window.undo_stack.count() == 1
    assert "(3 quotes)" in window.undo_stack.undoText()
    rows = window.lib.quote_rows(chosen)
    assert {rows[q].verdict for q in chosen} == {"verified"}
    window.menus.undo_action.trigger()
    rows = window.lib.quote_rows(chosen)
    assert {rows[q].verdict for q in chosen} == {None}


def test_a_confirmation_can_be_withdrawn_after_reopening(qtbot, opened):
    window, ids = opened
    quote = ids["quotes"][(0, 0)]
    window.select_quote(quote)
    qtbot.mouseClick(window.review_panel.confirm, Qt.MouseButton.LeftButton)
    assert window.lib.quote_rows([quote])[quote].confirmed
    path = window.lib.path
    assert window.open_project(path)  # reopen: the undo history is gone
    window.select_quote(quote)
    assert window.review_panel.confirm.text() == "Unconfirm"
    qtbot.mouseClick(window.review_panel.confirm, Qt.MouseButton.LeftButton)
    assert not window.lib.quote_rows([quote])[quote].confirmed
    assert window.review_panel.confirm.text() == "Confirm"


def test_notes_hold_several_lines(qtbot, opened):
    window, ids = opened
    quote = ids["quotes"][(0, 0)]
    window.select_quote(quote)
    note = window.review_panel.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "first line")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.keyClicks(note, "second line")
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saves
    qtbot.waitUntil(lambda: window.lib.quote_rows([quote])[quote].note == "first line\nsecond line")
    assert not window.lib.quote_rows([quote])[quote].confirmed  # Ctrl+Return here is not "confirm"


def test_export_dialog_suggests_a_name_follows_the_format_and_asks_about_a_missing_folder(
    qtbot, opened, tmp_path, monkeypatch
):
    from quotecheck.ui.dialogs import ExportDialog

    window, _ids = opened
    dialog = ExportDialog(0, 8, str(tmp_path), window, stem="case-quotes")
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert save.isEnabled() and dialog.path == str(tmp_path / "case-quotes.csv")
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("bibtex"))
    assert dialog.path.endswith("case-quotes.bib")
    dialog.path_edit.setText(str(tmp_path / "missing" / "out.bib"))
    asked = []

    def answer(yes: bool):
        def question(parent, title, text, *args):
            asked.append(text)
            return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

        monkeypatch.setattr(QMessageBox, "question", question)

    answer(False)  # the person says no: nothing is made, the dialog stays
    dialog.accept()
    assert dialog.result() == 0 and "does not exist" in dialog.error.text() and not (tmp_path / "missing").exists()
    assert asked and str(tmp_path / "missing") in asked[-1]
    existing = tmp_path / "old.bib"
    existing.write_text("keep")
    dialog.path_edit.setText(str(existing))
    dialog.confirm_replace = lambda path: False  # the person says no
    dialog.accept()
    assert dialog.result() == 0 and existing.read_text() == "keep"
    dialog.confirm_replace = lambda path: True
    dialog.accept()
    assert dialog.result() == 1


def test_a_missing_folder_is_made_on_yes_and_the_export_lands_in_it(qtbot, opened, tmp_path, monkeypatch):
    from quotecheck.ui.dialogs import ExportDialog

    window, _ids = opened
    target = tmp_path / "cases" / "spring" / "exp.csv"
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.path_edit.setText(str(target))
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        if dialog.isVisible():  # Save refused: close it, so the test fails instead of hanging
            dialog.reject()

    QTimer.singleShot(0, fill_in)
    with qtbot.waitSignal(window.job_done, timeout=30000):
        window.export_dialog()
    assert target.read_text(encoding="utf-8-sig").startswith("quote_id,")


def test_the_export_format_follows_the_typed_extension(qtbot, opened, tmp_path):
    """CSV chosen and "exp.json" typed: JSON is written, never CSV under a .json name; a name without an
    extension gets the format's."""
    import json

    from quotecheck.ui.dialogs import ExportDialog

    window, _ids = opened
    cases = (
        ("exp.json", "exp.json", lambda text: isinstance(json.loads(text), list)),
        ("list", "list.csv", lambda text: text.startswith("quote_id,")),
        ("list2.bib", "list2.bib", lambda text: text.lstrip().startswith("@")),
    )
    for typed, expect, written_as in cases:

        def fill_in(typed=typed) -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ExportDialog)
            assert dialog.format == "csv"
            dialog.path_edit.clear()
            qtbot.keyClicks(dialog.path_edit, str(tmp_path / typed))  # typed, letter by letter
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
            if dialog.isVisible():
                dialog.reject()

        QTimer.singleShot(0, fill_in)
        with qtbot.waitSignal(window.job_done, timeout=30000) as done:
            window.export_dialog()
        assert done.args == [str(tmp_path / expect)]
        assert written_as((tmp_path / expect).read_text(encoding="utf-8-sig")), typed
    dialog = ExportDialog(0, 8, str(tmp_path), window)
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("claimreview"))
    dialog.path_edit.setText(str(tmp_path / "reviews.json"))
    assert dialog.format == "claimreview"  # .json is ClaimReview's extension too: the choice stays
    dialog.path_edit.setText(str(tmp_path / "reviews.md"))
    assert dialog.format == "markdown" and dialog.path == str(tmp_path / "reviews.md")


def test_an_export_whose_filter_matches_no_quote_is_refused_and_leaves_the_file_there(
    qtbot, opened, tmp_path, monkeypatch
):
    """Found by a hostile trial: the window wrote a header-only file over an earlier export where the
    command line refuses and writes nothing. The window is refused by the same check, in one line."""
    from quotecheck.ui.dialogs import ExportDialog

    window, _ids = opened
    target = tmp_path / "earlier.csv"
    target.write_text("an earlier export, kept\n", encoding="utf-8")
    qtbot.keyClicks(window.filter_bar.search, "zeppelin")
    assert window.model.rowCount() == 0
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)  # replace it? yes

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.filter_radio.setChecked(True)
        dialog.path_edit.setText(str(target))
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        if dialog.isVisible():  # Save refused: close it, so the test fails instead of hanging
            dialog.reject()

    QTimer.singleShot(0, fill_in)
    with qtbot.waitSignal(window.job_done, timeout=30000) as done:
        window.export_dialog()
    assert done.args == [None]
    assert target.read_text(encoding="utf-8") == "an earlier export, kept\n"
    assert window.last_error == f"No quote matches the filter; nothing written to {target}"
    assert window.import_panel.status.full_text == window.last_error


def test_a_failed_export_is_a_dialog_naming_the_file_not_a_raw_error_in_the_import_panel(qtbot, opened, tmp_path):
    window, _ids = opened
    target = tmp_path / "gone" / "x.csv"
    with qtbot.waitSignal(window.job_done, timeout=30000):
        window.export("csv", str(target), "filter", "speaker")
    assert "x.csv" in window.last_error and "Error" not in window.last_error
    assert "FileNotFoundError" not in window.import_panel.findChild(type(window.count_label)).text()


def test_csv_export_from_the_window_carries_review_and_confidence(qtbot, opened, tmp_path):
    import csv

    window, ids = opened
    quote = ids["quotes"][(0, 0)]
    window.select_quote(quote)
    window.menus.confirm_action.trigger()
    target = tmp_path / "out.csv"
    with qtbot.waitSignal(window.job_done, timeout=30000):
        window.export("csv", str(target), "filter", "speaker")
    rows = {int(r["quote_id"]): r for r in csv.DictReader(target.open(encoding="utf-8-sig"))}
    assert rows[quote]["confirmed"] == "yes"
    assert {"confidence", "confirmed", "corrected_from", "verdict"} <= set(next(iter(rows.values())))


def test_provenance_shows_the_articles_words_the_title_without_an_outlet_and_a_tie_for_first(qtbot, opened):
    window, ids = opened
    she = ids["quotes"][(0, 2)]  # "…,” she said.  (resolved to the minister)
    window.select_quote(she)
    page = window.provenance_view.toPlainText()
    assert "as written: she → Ilse Brannoch" in page
    # an article with no outlet is named by its title, and two reports of the same day tie for first
    first = ids["quotes"][(0, 0)]
    courier = window.lib.quote(ids["quotes"][(1, 0)]).article_id
    kallpress = window.lib.quote(first).article_id
    window.save_article_details(courier, {"outlet": "", "date": "2025-03-12"})
    window.select_quote(first)
    page = window.provenance_view.toPlainText()
    assert "Valley doubts over water deal" in page and "(no outlet)" not in page
    assert "a tie: Valley doubts over water deal also published it on 2025-03-12" in page and "FIRST (TIE)" in page
    assert kallpress != courier


def test_the_article_filter_is_sorted_searchable_and_shows_whole_titles_on_hover(qtbot, opened):
    window, ids = opened
    combo = window.filter_bar.article
    long_title = "A very long headline about the valley, the river, the dam and everything that was said"
    courier = window.lib.quote(ids["quotes"][(1, 0)]).article_id
    with qtbot.waitSignal(window.lists_reloaded):  # the article choice is read again in the background
        window.save_article_details(courier, {"title": long_title})
    labels = [combo.itemText(i) for i in range(1, combo.count())]
    assert labels == sorted(labels, key=str.casefold)
    row = combo.findData(courier)
    assert combo.itemText(row).startswith(long_title[:40]) and "…" in combo.itemText(row)
    assert long_title in combo.itemData(row, Qt.ItemDataRole.ToolTipRole)
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "fragile")  # a word in the middle of a title
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert combo.completer().completionCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert all(cell(window, r, "outlet") == "Continental Ledger" for r in range(2))


def test_a_finished_job_leaves_no_cancel_button_and_a_closed_speaker_list_stays_closed(qtbot, window, project):
    from quotecheck.ui.jobs import BackgroundJob

    path, _ids = project
    with qtbot.waitSignal(window.job_done, timeout=10000):
        window.jobs.run(BackgroundJob(lambda p: str(path), "Building something"), window.open_project)
    assert not window.import_panel.cancel.isEnabled()
    assert "done" in window.import_panel.status.full_text
    assert window.speaker_dock.isVisible()
    window.speaker_dock.toggleViewAction().trigger()  # the person hides the speakers
    assert not window.speaker_dock.isVisible()
    assert window.open_project(path)
    assert not window.speaker_dock.isVisible()  # reopening does not bring it back
    window.speaker_dock.toggleViewAction().trigger()
    assert window.open_project(path) and window.speaker_dock.isVisible()


def test_an_empty_project_says_how_to_start(qtbot, window, tmp_path):
    assert window.open_project(tmp_path / "new.qcproj", create=True)
    assert "import articles" in window.table.empty_text


def test_long_paths_in_the_import_status_shorten_in_the_middle(qtbot, window):
    panel = window.import_panel
    long = "/home/someone/" + "deep/" * 40 + "article-of-the-day.txt"
    panel.started("Importing")
    panel.progressed(1, 2, long)
    assert panel.status.toolTip() == long
    shown = panel.status.text()
    assert shown.startswith("/home/") and shown.endswith("day.txt") and "…" in shown  # both ends stay


def test_a_project_left_unmatched_is_matched_when_the_window_opens_it(qtbot, window, project):
    from quotecheck.library import Library

    path, _ids = project
    with Library(path) as lib:
        # as a kill between storing the articles and matching them leaves the project
        lib.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('unmatched', '1')")
        assert lib.needs_matching()
    with qtbot.waitSignal(window.job_done, timeout=60000):
        assert window.open_project(path)
    assert not window.lib.needs_matching()
    assert "Matching finished" in window.statusBar().currentMessage()


def test_provenance_labels_the_day_said_apart_from_the_day_published(qtbot, window, project):
    """Found by a hostile trial: the day a report says the words were said stood where the quote table's
    date (the day published) stands, with no label, so a person took one for the other."""
    import sqlite3

    path, ids = project
    said = ids["quotes"][(1, 0)]  # the Brennick Courier (published 2025-03-13) says it was said on the 10th
    with sqlite3.connect(path) as db:
        db.execute("UPDATE quotes SET said_on = '2025-03-10' WHERE id = ?", [said])
    with Library(path) as lib:  # as after an import that found the day (first in print stays Kallpress)
        lib.match()
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    window.select_quote(ids["quotes"][(0, 0)])
    lines = window.provenance_view.toPlainText().splitlines()
    courier = next(line for line in lines if "Brennick Courier · " in line and "first:" not in line)
    kallpress = next(line for line in lines if "Kallpress · " in line and "SELECTED" in line)
    assert "said on 2025-03-10, published 2025-03-13" in courier
    assert "Kallpress · 2025-03-12 · as written" in kallpress  # said the day published: the table's date alone
    assert lines[0].endswith("first: Kallpress · 2025-03-12")  # published first, though said later


HARBOUR_REPORTS = {  # one statement: Orvel on the 3rd, Marsh a day later dating the words to the 3rd
    "orvel.md": ("Orvel Gazette", "2025-03-03", "Mayor Ilse Varga told the council."),
    "marsh.md": ("Marsh Weekly", "2025-03-04", "Mayor Ilse Varga told the council on Monday."),
    "calloway.md": ("Calloway Post", "2025-03-03", "Mayor Ilse Varga said."),
}


def _harbour_report(folder, name: str) -> str:
    outlet, date, said = HARBOUR_REPORTS[name]
    path = folder / name
    path.write_text(
        f"---\noutlet: {outlet}\ndate: {date}\ntitle: Harbour fees in {outlet}\n---\n"
        f"Harbour fees will change this spring.\n\n"
        f"“The harbour fees will rise by a fifth from the first of May,” {said}\n",
        encoding="utf-8",
    )
    return str(path)


def test_provenance_calls_a_tie_only_for_reports_published_the_first_ones_day(qtbot, window, tmp_path):
    """A report published a day later that says the words were said on the first one's day is no tie
    (the first-appearance flag says so); a report published that same day is, named as the flag names it."""
    path = tmp_path / "harbour.qcproj"
    with Library(path) as lib:
        assert lib.ingest([_harbour_report(tmp_path, "orvel.md"), _harbour_report(tmp_path, "marsh.md")]).ok
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    orvel, marsh = (window.lib.article_quotes(a.id)[0] for a in sorted(window.lib.articles(), key=lambda a: a.id))
    assert marsh.said_on == "2025-03-03"  # Marsh dates the words to Orvel's day, published on the 4th
    window.select_quote(marsh.id)
    heading = window.provenance_view.toPlainText().splitlines()[0]
    assert heading == "2 reports of this statement in 2 outlets — first: Orvel Gazette · 2025-03-03"
    assert "tie" not in window.provenance_view.toPlainText().lower()
    with Library(path) as lib:
        assert lib.ingest([_harbour_report(tmp_path, "calloway.md")]).ok
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    window.select_quote(orvel.id)
    lines = window.provenance_view.toPlainText().splitlines()
    assert lines[0] == (
        "3 reports of this statement in 3 outlets — first: Orvel Gazette · 2025-03-03,"
        " a tie: Calloway Post also published it on 2025-03-03"
    )
    tied = [line for line in lines if "FIRST (TIE)" in line]
    assert len(tied) == 2 and any("Orvel Gazette" in t for t in tied) and any("Calloway Post" in t for t in tied)
    assert not any("Marsh Weekly" in line and "FIRST" in line for line in lines)


def test_a_claimreview_export_from_the_window_says_which_verdicts_it_left_out(qtbot, opened, tmp_path):
    """A verdict given on earlier words (an edited article imported again) is not published, and the
    import panel says so under the export's line, naming the quote."""
    import json

    window, ids = opened
    stale, fresh = ids["quotes"][(0, 0)], ids["quotes"][(2, 0)]
    window.lib.review(stale, verdict="misquoted")
    window.lib.review(fresh, verdict="verified")
    # what a re-import of the edited article leaves on the quote (tests/test_versions_undo.py does it for real)
    window.lib.db.execute(
        "UPDATE quotes SET wording_was = 'older words', reworded_for = 'verdict' WHERE id = ?", [stale]
    )
    window.lib.db.conn.commit()
    target = tmp_path / "reviews.json"
    with qtbot.waitSignal(window.job_done, timeout=30000):
        window.export("claimreview", str(target))
    judged = {r["claimReviewed"] for r in json.loads(target.read_text(encoding="utf-8"))}
    assert judged == {window.lib.quote(fresh).text}
    panel = window.import_panel
    assert panel.errors.isVisibleTo(window) and panel.errors.count() == 1
    assert f"1 verdict(s) left out: given on earlier words than the quote has now (quote {stale} “" in (
        panel.errors.item(0).text()
    )


def test_provenance_reads_every_change_from_the_earlier_report_to_the_later_whichever_is_selected(
    qtbot, window, tmp_path
):
    """Found by a hostile trial: with the later report selected, the line under the earlier one read
    "“four” → “three”" while the drift flag above read "“three” → “four”"."""
    said = {"wren.md": ("Wren Herald", "2025-05-02", "three"), "roe.md": ("Roe Courier", "2025-05-05", "four")}
    paths = []
    for name, (outlet, date, number) in said.items():
        (tmp_path / name).write_text(
            f"---\noutlet: {outlet}\ndate: {date}\ntitle: Pier works in {outlet}\n---\nThe pier will close.\n\n"
            f"“The Calloway pier will stay shut for {number} more weeks while the piles are replaced,”"
            " harbourmaster Tomas Brandt said.\n",
            encoding="utf-8",
        )
        paths.append(str(tmp_path / name))
    path = tmp_path / "pier.qcproj"
    with Library(path) as lib:
        assert lib.ingest(paths).ok
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    by_outlet = {q.outlet: q for a in window.lib.articles() for q in window.lib.article_quotes(a.id)}
    for outlet in ("Roe Courier", "Wren Herald"):
        window.select_quote(by_outlet[outlet].id)
        lines = window.provenance_view.toPlainText().splitlines()
        changed = [line for line in lines if "“three”" in line and "“four”" in line]
        assert len(changed) == 2, lines  # the drift flag and the line under the other report
        assert all("“three” → “four”" in line for line in changed), (outlet, changed)
