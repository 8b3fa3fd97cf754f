"""The window driven like a person would: open, click, filter, review, undo, export, import."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from quotecheck.ui.dialogs import ExportDialog
from quotecheck.ui.main_window import MainWindow
from quotecheck.ui.models import column_of

from quotecheck.library import Library, LibraryError
from quotecheck.matching import units
from tests.ui_helpers import FakeExtractor, drop_event

pytestmark = pytest.mark.gui


def cell(window, row: int, key: str) -> str:
    return window.model.index(row, column_of(window.model, key)).data()


def tip(window, row: int, key: str) -> str:
    return window.model.index(row, column_of(window.model, key)).data(Qt.ItemDataRole.ToolTipRole)


def click_row(qtbot, window, row: int) -> None:
    index = window.model.index(row, 0)
    window.table.scrollTo(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=window.table.visualRect(index).center())


def row_of(window, quote_id: int) -> int:
    row = window.model.row_of(quote_id)
    assert row >= 0
    return row


def test_open_project_fills_table_and_shows_first_quote(opened):
    window, ids = opened
    assert window.model.rowCount() == 8
    assert window.current_quote_id == window.model.ids[0]
    assert window.article_view.article_id == ids["articles"][0]
    assert window.count_label.text() == "8 quotes"
    assert window.stack.currentIndex() == 1


def test_clicking_a_row_shows_its_article_with_every_quote_highlighted(qtbot, opened):
    window, ids = opened
    courier_quote = ids["quotes"][(1, 1)]
    with qtbot.waitSignal(window.quote_shown) as shown:
        click_row(qtbot, window, row_of(window, courier_quote))
    assert shown.args == [courier_quote]
    assert window.article_view.article_id == ids["articles"][1]
    text_view = window.article_view.text
    assert {q for _s, _e, q in text_view._spans} == {ids["quotes"][(1, i)] for i in range(3)}
    selected = text_view.extraSelections()
    assert selected and selected[0].cursor.selectedText() == "We never agreed to a longer arrangement,"
    assert selected[1].cursor.selectedText() == "Afanasy Zarubkin"  # the speaker mention
    assert window.review_panel.summary.text() == "<b>Afanasy Zarubkin</b> · cue “said”"


def test_clicking_a_highlight_selects_that_quote_and_tooltip_gives_the_reason(qtbot, opened):
    window, ids = opened
    target = ids["quotes"][(0, 2)]
    view = window.article_view.text
    point = window.article_view.quote_point(target)
    with qtbot.waitSignal(window.quote_shown):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current_quote_id == target
    assert window.table.currentIndex().row() == row_of(window, target)
    start, _end = view.span_of(target)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start + 2)
    assert "pronoun" in cursor.charFormat().toolTip()


def test_search_filters_as_you_type(qtbot, opened):
    window, _ids = opened
    qtbot.keyClicks(window.filter_bar.search, "perc")
    assert window.model.rowCount() == 0  # whole words: a prefix only with *
    qtbot.keyClicks(window.filter_bar.search, "*")
    assert window.model.rowCount() == 2
    assert all("percent" in cell(window, r, "text") for r in range(2))
    window.filter_bar.search.clear()
    assert window.model.rowCount() == 8


def test_a_good_search_clears_the_last_ones_complaint(qtbot, opened):
    window, _ids = opened
    qtbot.keyClicks(window.filter_bar.search, '"')
    assert window.statusBar().currentMessage().startswith("Search: ")
    window.filter_bar.search.clear()
    qtbot.keyClicks(window.filter_bar.search, "water")
    assert window.model.rowCount() == 3
    assert window.statusBar().currentMessage() == ""


def test_search_is_debounced(qtbot, opened):
    window, _ids = opened
    window.filter_bar.set_delay(50)
    searches = []
    window.model.searched.connect(searches.append)
    with qtbot.waitSignal(window.model.searched, timeout=3000):
        qtbot.keyClicks(window.filter_bar.search, "water")
    assert len(searches) == 1
    assert window.model.rowCount() == 3


@pytest.mark.parametrize(
    ("widget", "data", "expected"),
    [
        ("flag", "wording_drift", 4),
        ("flag", "any", 8),
        ("flag", "unattributed", 1),
        ("confidence", "low", 1),
        ("confidence", "high", 4),
    ],
)
def test_filters(opened, widget, data, expected):
    window, _ids = opened
    combo = getattr(window.filter_bar, widget)
    combo.setCurrentIndex(combo.findData(data))
    assert window.model.rowCount() == expected


def test_article_and_speaker_filters(opened):
    window, ids = opened
    combo = window.filter_bar.article
    combo.setCurrentIndex(combo.findData(ids["articles"][2]))
    assert window.model.rowCount() == 2
    combo.setCurrentIndex(0)
    window.filter_bar.speaker.setText("Zarubkin")
    assert window.model.rowCount() == 4


def test_sorting_by_a_column_runs_in_sql(qtbot, opened):
    window, _ids = opened
    header = window.table.horizontalHeader()
    column = column_of(window.model, "confidence")
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2),
    )
    values = [float(cell(window, r, "confidence")) for r in range(window.model.rowCount())]
    assert values == sorted(values) or values == sorted(values, reverse=True)
    assert window.model.sort_key == "confidence"


def test_sorting_by_the_review_column_brings_the_reviewed_quotes_together(qtbot, opened):
    """A click on the Review header orders the quotes by their review (verdicts, then corrected, confirmed
    and noted speakers), the rest after them; a click again turns it round. It used to move the header's
    arrow and leave the rows as they were."""
    window, _ids = opened
    rows = [window.model.row_data(r) for r in range(window.model.rowCount())]
    quiet = [r.id for r in rows if not r.review_marks]
    window.lib.review(quiet[-1], verdict="misquoted")
    window.lib.review(quiet[-2], confirm=True)
    header = window.table.horizontalHeader()
    column = column_of(window.model, "review")
    reviewed = sum(1 for r in rows if r.review_marks) + 2
    marks = []
    for _ in range(2):
        qtbot.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            pos=QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2),
        )
        marks.append([bool(cell(window, r, "review")) for r in range(window.model.rowCount())])
    assert window.model.sort_key == "review"
    ascending, descending = sorted(marks, key=lambda m: not m[0])
    assert ascending == [True] * reviewed + [False] * (len(rows) - reviewed)
    assert descending == ascending[::-1]


def test_next_and_previous_quote_shortcuts(opened):
    window, _ids = opened
    window.select_row(0)
    window.menus.next_action.trigger()
    assert window.table.currentIndex().row() == 1
    window.menus.prev_action.trigger()
    assert window.table.currentIndex().row() == 0


def test_provenance_marks_the_differing_words(opened):
    window, ids = opened
    window.select_quote(ids["quotes"][(0, 0)])
    data = window.provenance_view.data
    assert len(data["variants"]) == 2
    other = next(v for v in data["variants"] if v["quote_id"] == ids["quotes"][(1, 0)])
    marked = [other["text"][s:e] for s, e, _sev in other["marks"]]
    assert any("14" in m for m in marked)
    html = window.provenance_view.toHtml()
    assert "14" in html and "FIRST" in html
    assert "differ" in window.provenance_view.toPlainText()


def test_correct_a_speaker_then_undo_and_redo(qtbot, opened):
    window, ids = opened
    quote = ids["quotes"][(1, 2)]
    window.select_quote(quote)
    row = row_of(window, quote)
    assert cell(window, row, "speaker") == "(no speaker)"
    panel = window.review_panel
    qtbot.keyClicks(panel.correct_edit, "Ilse Brannoch")
    qtbot.mouseClick(panel.correct, Qt.MouseButton.LeftButton)
    row = row_of(window, quote)
    assert cell(window, row, "speaker") == "Ilse Brannoch"
    assert cell(window, row, "review") == "speaker fixed"
    assert "corrected to Ilse Brannoch" in tip(window, row, "review")
    window.menus.undo_action.trigger()
    assert cell(window, row_of(window, quote), "speaker") == "(no speaker)"
    window.menus.redo_action.trigger()
    assert cell(window, row_of(window, quote), "speaker") == "Ilse Brannoch"
    with Library(window.lib.path) as other:  # stored in the project, not only in the window
        assert other.quote_rows([quote])[quote].reviewed_speaker == "Ilse Brannoch"


def test_a_note_of_one_200000_character_word_is_kept_whole_and_shown_wrapped_anywhere(qtbot, opened):
    """Laid out between words, such a note froze the window for seconds: the editor wraps it anywhere,
    the tooltip shows its first lines, the project keeps it whole."""
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QTextOption

    window, ids = opened
    quote, other = ids["quotes"][(1, 0)], ids["quotes"][(1, 1)]
    edit = window.review_panel.note_edit
    note = "Wren" * 50_000
    window.select_quote(quote)
    edit.setPlainText(note)
    qtbot.mouseClick(window.review_panel.save_note, Qt.MouseButton.LeftButton)
    assert window.lib.quote(quote).note == note
    window.select_quote(other)
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    window.select_quote(quote)
    assert edit.toPlainText() == note
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    shown = tip(window, row_of(window, quote), "review")
    assert shown.startswith("note: WrenWren") and len(shown) < 800
    *lines, last = shown.removeprefix("note: ").splitlines()
    assert last == "… (200,000 characters: the Review pane shows the whole note)"
    assert len(lines) == 6 and {len(line) for line in lines} == {100}
    edit.clear()
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    pasted = QMimeData()
    pasted.setText("Marsh" * 40_000)
    edit.insertFromMimeData(pasted)
    assert edit.toPlainText() == "Marsh" * 40_000
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere


def test_verdict_note_and_reviewed_filter(qtbot, opened):
    window, ids = opened
    quote = ids["quotes"][(1, 0)]
    window.select_quote(quote)
    window.menus.verdict_actions[1].trigger()  # misquoted
    window.review_panel.note_edit.setPlainText("Minister said 40, not 14")
    qtbot.mouseClick(window.review_panel.save_note, Qt.MouseButton.LeftButton)
    assert cell(window, row_of(window, quote), "review") == "misquoted ¶"
    assert tip(window, row_of(window, quote), "review") == "misquoted\nnote: Minister said 40, not 14"
    window.filter_bar.reviewed.setChecked(True)
    assert window.model.ids == [quote]
    window.menus.undo_action.trigger()
    window.menus.undo_action.trigger()
    assert window.lib.quote_rows([quote])[quote].verdict is None


def test_merge_two_spellings_by_dropping_one_speaker_on_another(qtbot, opened):
    window, ids = opened
    model = window.speaker_panel.model
    source = model.index(model.row_of_name("Ilsa Brannoch"), 0)
    target = model.index(model.row_of_name("Ilse Brannoch"), 0)
    mime = model.mimeData([source])
    assert not model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, source)  # not onto itself
    with qtbot.waitSignal(window.lists_reloaded):  # the speaker list is read again in the background
        assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
    decisions = window.lib.decisions()
    assert decisions[-1].kind == "merge"
    assert set(decisions[-1].value["names"]) == {"Ilse Brannoch", "Ilsa Brannoch"}
    a, b = ids["quotes"][(0, 0)], ids["quotes"][(1, 0)]
    rows = window.lib.quote_rows([a, b])
    assert rows[a].speaker_id == rows[b].speaker_id
    assert rows[a].speaker == rows[b].speaker == "Ilse Brannoch"
    assert model.row_of_name("Ilsa Brannoch") == -1
    assert set(model.speakers[model.row_of_name("Ilse Brannoch")]["aliases"]) == {"Ilse Brannoch", "Ilsa Brannoch"}
    with qtbot.waitSignal(window.lists_reloaded):
        window.menus.undo_action.trigger()
    assert window.lib.decisions() == []
    # The fixture stores the two spellings apart, which the project's own grouping never does: with the
    # merge undone they stay one speaker, now as a transliteration variant, not as a person's merge.
    (ilse,) = [s for s in window.lib.speakers() if s.name == "Ilse Brannoch"]
    assert [e.alias for e in ilse.evidence] == ["Ilsa Brannoch"]
    assert "transliteration variant" in ilse.evidence[0].evidence
    assert [s["name"] for s in model.speakers] == [s.name for s in window.lib.speakers()]


def test_undoing_a_merge_of_two_people_shows_them_apart_again(qtbot, opened):
    window, ids = opened
    model = window.speaker_panel.model
    ilse, afanasiy = ids["quotes"][(0, 0)], ids["quotes"][(0, 1)]
    source = model.index(model.row_of_name("Afanasiy Zarubkin"), 0)
    target = model.index(model.row_of_name("Ilse Brannoch"), 0)
    with qtbot.waitSignal(window.lists_reloaded):
        assert model.dropMimeData(model.mimeData([source]), Qt.DropAction.CopyAction, -1, -1, target)
    rows = window.lib.quote_rows([ilse, afanasiy])
    assert rows[ilse].speaker_id == rows[afanasiy].speaker_id
    assert model.rowCount() == 1 and model.row_of_name("Ilse Brannoch") == -1
    with qtbot.waitSignal(window.lists_reloaded):
        window.menus.undo_action.trigger()
    assert window.lib.decisions() == []
    rows = window.lib.quote_rows([ilse, afanasiy])
    assert rows[ilse].speaker_id != rows[afanasiy].speaker_id
    assert (rows[ilse].speaker, rows[afanasiy].speaker) == ("Ilse Brannoch", "Afanasiy Zarubkin")
    assert {s["name"]: (s["quotes"], set(s["aliases"])) for s in model.speakers} == {
        "Ilse Brannoch": (3, {"Ilse Brannoch", "Ilsa Brannoch"}),
        "Afanasiy Zarubkin": (4, {"Afanasiy Zarubkin", "Afanasy Zarubkin"}),
    }


def test_the_windows_decisions_share_one_connection_that_read_every_quote_once_ahead(
    qtbot, window, project, monkeypatch
):
    """A speaker decision reads every quote's speaker units the first time on a connection: the window's
    writes all go to one connection kept open, which reads them ahead once the project is open and the
    window left alone, so a merge, its undo, a verdict, a note and a corrected speaker read none again."""
    path, ids = project
    with Library(path) as lib:
        lib.match()  # as an import leaves it: the match index complete (the fixture writes none)
    window.PREPARE_QUIET_MS = 50  # reading ahead waits for the window to be left alone that long
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    qtbot.waitUntil(lambda: window.writer is not None and window.writer.prepared == 1)
    reads: list[int] = []
    read_all = units.Units.read_all
    monkeypatch.setattr(units.Units, "read_all", lambda self, db: (reads.append(1), read_all(self, db))[1])
    model = window.speaker_panel.model
    source = model.index(model.row_of_name("Afanasiy Zarubkin"), 0)
    target = model.index(model.row_of_name("Ilse Brannoch"), 0)
    with qtbot.waitSignal(window.lists_reloaded):
        assert model.dropMimeData(model.mimeData([source]), Qt.DropAction.CopyAction, -1, -1, target)
    with qtbot.waitSignal(window.lists_reloaded):
        window.menus.undo_action.trigger()
    quote = ids["quotes"][(1, 0)]
    window.select_quote(quote)
    window.menus.verdict_actions[1].trigger()
    window.review_panel.note_edit.setPlainText("Checked against the recording")
    qtbot.mouseClick(window.review_panel.save_note, Qt.MouseButton.LeftButton)
    window.review_panel.correct_edit.setText("Ilse Brannoch")
    qtbot.mouseClick(window.review_panel.correct, Qt.MouseButton.LeftButton)
    row = window.lib.quote_rows([quote])[quote]
    assert (row.verdict, row.note, row.speaker) == ("misquoted", "Checked against the recording", "Ilse Brannoch")
    assert len(window.lib.decisions()) == 3
    assert reads == []
    with Library(window.lib.path) as fresh:  # what each of those five writes read on a connection of its own
        assert fresh.prepare_decisions()
    assert reads == [1]


def test_the_window_reads_ahead_for_decisions_only_once_left_alone(qtbot, opened):
    window, ids = opened
    window.PREPARE_QUIET_MS = 300
    window._schedule_prepare()
    for n in range(6):  # another quote shown every 0.1 s: never quiet for 0.3 s
        window.select_quote(ids["quotes"][(1, 0)] if n % 2 else ids["quotes"][(0, 0)])
        qtbot.wait(100)
    assert window.writer.prepared == 0 and not window.writer.is_preparing()
    qtbot.waitUntil(lambda: window.writer.prepared == 1, timeout=5000)


def test_closing_the_project_while_the_window_reads_ahead_for_decisions(qtbot, window, project):
    path, _ids = project
    with Library(path) as lib:
        lib.match()
        count = lib.count_quotes()
    assert window.open_project(path)
    window.writer.prepare()
    window.close_project()  # returns: the reading ahead is dropped or interrupted, its thread stopped
    assert window.writer is None
    with Library(path) as lib:  # nothing half-written
        assert lib.count_quotes() == count and lib.decisions() == []
        assert lib.prepare_decisions()


def test_closing_the_project_while_a_write_is_waited_for_ends_the_wait(qtbot, opened):
    window, _ids = opened
    QTimer.singleShot(100, window.close_project)  # the window closing while its busy dialog is up
    with pytest.raises(LibraryError, match="the project was closed"):
        window.run_blocking(lambda lib: time.sleep(0.5), "A long write")
    assert window.lib is None and window.writer is None


def test_merge_and_split_buttons(opened):
    window, _ids = opened
    panel = window.speaker_panel
    panel.select_name("Afanasiy Zarubkin")
    panel.select_name("Afanasy Zarubkin", add=True)
    assert panel.merge_button.isEnabled()
    panel.merge_button.click()
    assert window.lib.decisions()[-1].kind == "merge"
    window.menus.undo_action.trigger()
    assert window.lib.decisions() == []


def test_export_the_current_filter_to_a_file(qtbot, opened, tmp_path):
    window, _ids = opened
    window.filter_bar.flag.setCurrentIndex(window.filter_bar.flag.findData("wording_drift"))
    out = tmp_path / "quotes.csv"
    with qtbot.waitSignal(window.job_done, timeout=20000) as done:
        assert window.export("csv", str(out), scope="filter")
    assert done.args == [str(out)]
    text = out.read_text(encoding="utf-8")
    assert "14 percent" in text and "farmers will judge" not in text


def test_export_the_selection_as_markdown(qtbot, opened, tmp_path):
    window, ids = opened
    window.select_quote(ids["quotes"][(1, 1)])
    out = tmp_path / "quotes.md"
    with qtbot.waitSignal(window.job_done, timeout=20000):
        window.export("markdown", str(out), scope="selection")
    text = out.read_text(encoding="utf-8")
    assert "never agreed" in text and "40 percent" not in text


def test_export_claimreview_from_the_dialog_names_the_publisher_and_remembers_it(
    qtbot, window, project, settings, tmp_path
):
    path, ids = project
    judged = ids["quotes"][(1, 1)]
    with Library(path) as lib:
        lib.review(judged, verdict="misquoted")
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    out = tmp_path / "reviews.json"

    def fill_in(reviewer: str) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.format_box.setCurrentIndex(dialog.format_box.findData("claimreview"))
        assert dialog.reviewer_edit.isVisible() and dialog.reviewer_edit.isEnabled()
        dialog.filter_radio.setChecked(True)
        dialog.reviewer_edit.setText(reviewer)
        dialog.path_edit.setText(str(out))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: fill_in("  Factcheck Desk  "))
    with qtbot.waitSignal(window.job_done, timeout=20000) as done:
        window.export_dialog()
    assert done.args == [str(out)]
    (review,) = json.loads(out.read_text(encoding="utf-8"))
    assert review["author"] == {"@type": "Organization", "name": "Factcheck Desk"}
    assert review["reviewRating"]["alternateName"] == "Misquoted"
    assert review["claimReviewed"] == window.lib.quote(judged).text.rstrip(",")  # the comma its sentence goes on after
    assert settings.value("export/reviewer") == "Factcheck Desk"

    offered = {}

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        offered["reviewer"] = dialog.reviewer_edit.text()
        dialog.reject()

    QTimer.singleShot(0, look_and_cancel)
    window.export_dialog()
    assert offered["reviewer"] == "Factcheck Desk"


def test_edit_article_details(opened):
    window, ids = opened
    window.select_quote(ids["quotes"][(2, 0)])
    window.save_article_details(ids["articles"][2], {"outlet": "The Ledger", "author": "R. Pell"})
    assert cell(window, row_of(window, ids["quotes"][(2, 0)]), "outlet") == "The Ledger"
    assert "R. Pell" in window.article_view.header.text()


def test_article_details_refuse_a_language_that_is_no_iso_639_1_code(qtbot, opened):
    """Found by a hostile trial: any two letters were stored as the article's language."""
    window, ids = opened
    article = ids["articles"][2]
    before = window.lib.article(article).meta
    errors = []

    def when_shown(act, wait_for_error: bool = False) -> None:
        """``act`` on the details dialog once it is open (and, with ``wait_for_error``, shows an error)."""
        dialog = QApplication.activeModalWidget()
        if dialog is None or not hasattr(dialog, "edits") or (wait_for_error and not dialog.error.text()):
            QTimer.singleShot(20, lambda: when_shown(act, wait_for_error))
            return
        act(dialog)

    def save_code(code: str):
        def act(dialog) -> None:
            dialog.edits["language"].clear()
            qtbot.keyClicks(dialog.edits["language"], code)
            save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

        return act

    def read_error_and_cancel(dialog) -> None:
        errors.append(dialog.error.text())
        dialog.reject()

    QTimer.singleShot(0, lambda: when_shown(save_code("xx")))
    QTimer.singleShot(0, lambda: when_shown(read_error_and_cancel, wait_for_error=True))
    window.edit_article_details(article)
    assert len(errors) == 1 and "language 'xx' is not a language code" in errors[0] and "ISO 639-1" in errors[0]
    assert window.lib.article(article).meta == before
    QTimer.singleShot(0, lambda: when_shown(save_code("cy")))  # Welsh: not read by quotecheck, still a language
    window.edit_article_details(article)
    assert window.lib.article(article).meta.language == "cy"


def articles_dir(tmp_path: Path, n: int, bad: bool = False) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(
            f"Story {i}\n\n“We will finish bridge number {i} this year,” Mayor Ana Lind said.\n", encoding="utf-8"
        )
    if bad:
        (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture
def fake_extractor(monkeypatch):
    extractor = FakeExtractor()
    monkeypatch.setattr(Library, "extractor", property(lambda self: extractor))
    return extractor


def test_import_runs_in_the_background_to_the_end(qtbot, opened, tmp_path, fake_extractor):
    window, _ids = opened
    folder = articles_dir(tmp_path, 6, bad=True)
    progress = []
    with qtbot.waitSignal(window.job_done, timeout=30000) as done:
        assert window.start_import([str(folder)])
        window.job.progressed.connect(lambda d, t, m: progress.append((d, t)))
        assert window.import_panel.cancel.isEnabled()
    report = done.args[0]
    assert len(report.added) == 6 and report.quotes == 6
    assert len(report.errors) == 1 and "empty" in report.errors[0]
    bar = window.import_panel.bar
    assert bar.value() == bar.maximum() > 0
    assert window.import_panel.errors.count() == 1 and window.import_panel.errors.isVisible()
    assert window.model.rowCount() == 14
    assert not window.import_panel.cancel.isEnabled()


def test_cancel_an_import_keeps_what_was_finished(qtbot, opened, tmp_path, fake_extractor):
    window, _ids = opened
    fake_extractor.delay = 0.15
    folder = articles_dir(tmp_path, 12)
    with qtbot.waitSignal(window.job_done, timeout=30000) as done:
        window.start_import([str(folder)])
        qtbot.waitUntil(lambda: window.import_panel.bar.maximum() > 0, timeout=10000)
        qtbot.mouseClick(window.import_panel.cancel, Qt.MouseButton.LeftButton)
    report = done.args[0]
    assert report.cancelled
    assert len(report.added) < 12
    assert window.model.rowCount() == 8 + len(report.added)
    assert "cancelled" in window.import_panel.status.full_text


def test_closing_the_window_while_a_long_article_is_attributed_stops_the_import(qtbot, opened, tmp_path, monkeypatch):
    """Cancel and close while the engine attributes the quotes of one long article (the part after "all
    parts parsed", which took minutes for a pasted data export): both are honoured within a few dozen
    quotes; closing used to wait 30 s and then abort the process (a running thread destroyed)."""
    from quotecheck.engine import attribute, extract

    window, _ids = opened
    path = window.lib.path
    before = Library(path).count_quotes()
    monkeypatch.setattr(extract, "SECTION", 2_000)
    real = attribute.Attributor._attribute

    def slow(self, k, done):  # 400 quotes at 50 ms each: 20 s to the article's end
        time.sleep(0.05)
        return real(self, k, done)

    monkeypatch.setattr(attribute.Attributor, "_attribute", slow)
    article = tmp_path / "export.txt"
    article.write_text("".join(f"“Berth {i} will hold,” Anna Varga said on day {i}.\n" for i in range(400)), "utf-8")
    assert window.start_import([str(article)])
    job = window.job
    qtbot.waitUntil(lambda: "finding and attributing" in window.import_panel.status.full_text, timeout=60000)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 8
    assert job.wait(0)  # its thread has ended
    assert Library(path).count_quotes() == before  # nothing of the article half-stored


def test_dropping_files_on_the_window_imports_them(qtbot, opened, tmp_path, fake_extractor):
    window, _ids = opened
    folder = articles_dir(tmp_path, 2)
    event = drop_event(window, sorted(folder.iterdir()))
    with qtbot.waitSignal(window.job_done, timeout=30000) as done:
        window.dropEvent(event)
    assert len(done.args[0].added) == 2


def test_recent_projects_and_layout_are_remembered(qtbot, opened, settings):
    window, _ids = opened
    path = str(window.lib.path.resolve())
    window.main_splitter.setSizes([200, 500])
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.settings.recent_projects()[0] == path
    assert [a.toolTip() for a in again.menus.recent_menu.actions()] == [path]
    assert again.welcome.recent.count() == 1
    assert again.main_splitter.sizes()[0] < again.main_splitter.sizes()[1]


def test_opening_a_broken_file_is_a_message_not_a_crash(window, tmp_path):
    bad = tmp_path / "bad.qcproj"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    assert not window.open_project(bad)
    assert "Cannot open" in window.last_error
    assert window.last_error.count(str(bad)) == 1  # said once, not "Cannot open X: X: …"
    assert window.lib is None


def test_screenshot_renders_the_window(tmp_path, project):
    from PySide6.QtGui import QImage
    from quotecheck.ui.app import run

    path, _ids = project
    png = tmp_path / "shot.png"
    assert run(path, screenshot=png) == 0
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1280, 800)


def test_a_screenshot_smaller_than_the_window_can_be_says_what_size_it_is(tmp_path, project, capsys):
    from PySide6.QtGui import QImage
    from quotecheck.ui.app import run

    path, _ids = project
    png = tmp_path / "shot.png"
    assert run(path, screenshot=png, size=(320, 240)) == 0
    image = QImage(str(png))
    assert image.width() > 320
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"note: the window would not take 320x240; the PNG is {image.width()}x{image.height()}"


def test_a_screenshot_of_what_is_no_project_says_why_in_one_line(tmp_path, capsys):
    from quotecheck.ui.app import run

    text = tmp_path / "harbour.txt"
    text.write_text("Harbour\n\nNo project here.\n", encoding="utf-8")
    assert run(text, screenshot=tmp_path / "shot.png") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: cannot open {text}: not a quotecheck project (file is not a database)"]
    assert run(tmp_path / "gone.qcproj", screenshot=tmp_path / "shot.png") == 1
    assert capsys.readouterr().err.strip() == f"error: cannot open {tmp_path / 'gone.qcproj'}: no such file"


def test_a_screenshot_that_cannot_be_written_says_why(tmp_path, project, capsys, monkeypatch):
    from quotecheck.ui.app import run

    path, _ids = project
    assert run(path, screenshot=tmp_path / "gone" / "shot.png") == 1
    assert capsys.readouterr().err.strip().endswith(f"shot.png: no folder {tmp_path / 'gone'}")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == locked else real_access(p, mode))
    monkeypatch.setattr("quotecheck.ui.app.take_screenshot", lambda *a, **k: False)  # root writes anywhere
    assert run(path, screenshot=locked / "shot.png") == 1
    assert capsys.readouterr().err.strip().endswith(f"shot.png: the folder {locked} cannot be written")


def test_the_window_reaches_data_only_through_library():
    ui = Path(__file__).resolve().parent.parent / "ui"
    for source in ui.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(sqlite3|sqlite_utils)\b", text, re.M), source
        assert not re.search(r"\blib\.db\b|\.lib\.db\b", text), source


def test_keyboard_find_and_confirm(qtbot, opened):
    window, ids = opened
    window.activateWindow()
    window.table.setFocus()
    window.menus.find_action.trigger()
    assert window.filter_bar.search.hasFocus() or window.focusWidget() is window.filter_bar.search
    assert window.menus.find_action.shortcut().toString() == "Ctrl+F"
    assert window.menus.undo_action.shortcut().toString() == "Ctrl+Z"
    quote = ids["quotes"][(0, 0)]
    window.select_quote(quote)
    window.menus.confirm_action.trigger()
    assert cell(window, row_of(window, quote), "review") == "speaker ✓"
    assert tip(window, row_of(window, quote), "review") == "speaker confirmed"
    assert window.undo_stack.undoText() == "Confirm speaker"
