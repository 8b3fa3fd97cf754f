"""What a daily user expects of the window (issue 12, item 17): help, a context menu on the quotes,
Ctrl+C copies a citation, a dark desktop gets a dark window, a flags overview, a speaker timeline."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QContextMenuEvent, QDesktopServices, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from quotecheck.project import store
from tests.test_ui import cell

pytestmark = pytest.mark.gui


def _menu(window, title: str):
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return action.menu()
    raise KeyError(title)


def _action(menu, text: str):
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
    raise KeyError(f"{text} not in {[a.text() for a in menu.actions()]}")


def _right_click_row(qtbot, window, row: int):
    """A right-click on a row of the quote table, as the desktop delivers it; returns the menu shown."""
    table = window.table
    pos = table.visualRect(window.model.index(row, 0)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, table.viewport().mapToGlobal(pos))
    QApplication.sendEvent(table.viewport(), event)
    qtbot.waitUntil(lambda: window.context_menu is not None and window.context_menu.isVisible())
    return window.context_menu


def test_help_menu_has_a_guide_every_shortcut_and_versions(qtbot, opened):
    window, _ids = opened
    help_menu = _menu(window, "Help")
    _action(help_menu, "Keyboard Shortcuts").trigger()
    listed = window.help_window.view.toPlainText()
    for action in window.actions():  # every shortcut that works is listed, with its keys
        if not action.shortcut().isEmpty():
            assert action.text().replace("&", "") in listed
    assert "Copy Citation" in listed and "Ctrl+C" in listed
    _action(help_menu, "Quick Guide").trigger()
    assert "Import" in window.help_window.view.toPlainText()
    about = window.about_text()
    for name in ("quotecheck", "Python", "Qt", "PySide6", "spaCy", "SQLite"):
        assert name in about


def test_the_quote_tables_context_menu_copies_opens_and_follows_the_speaker(qtbot, opened, tmp_path):
    window, ids = opened
    quote = ids["quotes"][(0, 0)]  # Kallpress, Ilse Brannoch
    window.filter_bar.search.setFocus()  # text selected in a field is no citation of the clicked quote
    window.filter_bar.search.setText("zoryan")
    window.filter_bar.search.selectAll()
    menu = _right_click_row(qtbot, window, window.model.row_of(quote))
    assert window.current_quote_id == quote  # the row under the cursor is the one acted on
    _action(menu, "Copy Quote Text").trigger()
    assert QApplication.clipboard().text().startswith("Releases from the Zoryan dam")
    _action(menu, "Copy Citation").trigger()
    citation = QApplication.clipboard().text()
    assert "Ilse Brannoch" in citation and "Kallpress" in citation and "2025-03-12" in citation
    formats = _action(menu, "Copy Citation As").menu()
    _action(formats, "BibTeX").trigger()
    assert QApplication.clipboard().text().startswith("@article{")
    _action(formats, "CSL-JSON (Zotero, citation managers)").trigger()
    assert json.loads(QApplication.clipboard().text())[0]["type"] == "article-newspaper"

    _action(menu, "Open Article File").trigger()  # the fixture's files were never on this disk
    assert "no longer there" in window.last_error
    (window.lib.path.parent / "kallpress.md").write_text("the article", encoding="utf-8")
    opened_urls: list[QUrl] = []

    class Catcher(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            opened_urls.append(url)

    catcher = Catcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        _action(menu, "Open Article File").trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened_urls] == [str(window.lib.path.parent / "kallpress.md")]

    menu.close()
    window.filter_bar.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 8)
    menu = _right_click_row(qtbot, window, window.model.row_of(ids["quotes"][(2, 1)]))  # Zarubkin in the Ledger
    _action(menu, "All Quotes of This Speaker").trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    assert {cell(window, r, "speaker") for r in range(window.model.rowCount())} == {"Afanasiy Zarubkin"}
    menu.close()


def test_ctrl_c_in_the_table_copies_citations_of_the_selected_quotes(qtbot, opened):
    window, ids = opened
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.select_row(0)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # two rows
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QApplication.clipboard().text().splitlines()
    assert len(lines) == 2
    assert all("“" in line and "—" in line and "Kallpress" in line for line in lines)  # words, speaker, source
    search = window.filter_bar.search  # in a text field Ctrl+C still copies the field's text
    search.setText("dam")
    search.setFocus()
    search.selectAll()
    qtbot.keyClick(search, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "dam"
    search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 8)
    window.select_row(0)
    article = window.article_view.text  # and in the article, the words the person selected
    assert article.toPlainText()
    article.setFocus()
    cursor = article.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(6, cursor.MoveMode.KeepAnchor)
    article.setTextCursor(cursor)
    qtbot.keyClick(article, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == article.toPlainText()[:6]


def _lightness(widget, point: QPoint) -> int:
    return widget.grab().toImage().pixelColor(point).lightness()


def test_a_dark_desktop_gets_a_dark_window(qtbot, settings, project):
    from quotecheck.ui import style
    from quotecheck.ui.app import make_app
    from quotecheck.ui.main_window import MainWindow

    app = make_app()
    dark = QPalette(app.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#eeeeee"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#eeeeee"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#eeeeee"),
        (QPalette.ColorRole.Midlight, "#3a3a3a"),
    ):
        dark.setColor(role, colour)
    style.apply_app_style(app, dark)  # what a dark desktop hands the application
    try:
        window = MainWindow(settings, search_delay_ms=0)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        path, ids = project
        with qtbot.waitSignal(window.lists_reloaded):
            window.open_project(path)
        window.select_quote(ids["quotes"][(1, 0)])
        assert window.palette().color(QPalette.ColorRole.Window).lightness() < 80
        base = window.table.palette()
        assert base.color(QPalette.ColorRole.AlternateBase).lightness() < 100  # no light stripes
        assert base.color(QPalette.ColorRole.Link).lightness() > 150  # links ("show", "link") stay readable
        heading = "Provenance — every report of this statement"
        titles = [w for w in window.findChildren(QLabel) if w.text() == heading]
        assert _lightness(titles[0], QPoint(3, 3)) < 100  # pane titles follow the palette
        view = window.provenance_view
        assert _lightness(view.viewport(), QPoint(view.viewport().width() - 4, 4)) < 100
        page = view.toHtml().lower()
        assert "#ffffff" not in page.replace("color:#ffffff", "")  # no white row under light text
        assert style.QUOTE_HIGHLIGHT != style.LIGHT_COLOURS["QUOTE_HIGHLIGHT"]  # article marks turn dark too
        window.close()
    finally:
        style.apply_app_style(app, app.style().standardPalette())  # the light window for the other tests
    assert not style.dark and style.QUOTE_HIGHLIGHT == style.LIGHT_COLOURS["QUOTE_HIGHLIGHT"]


def _add_first_report_flags(path, quote_ids: list[int], tie: bool) -> None:
    db = store.open_db(path)
    with store.transaction(db):
        for qid in quote_ids:
            details = {"date": "2025-03-12", **({"tie": [qid + 1]} if tie else {})}
            explanation = "First appearance of this statement: Kallpress 2025-03-12" + (
                " — a tie: Brennick Courier reported it the same day." if tie else "."
            )
            fid = (
                db["flags"]
                .insert(
                    {"kind": "first_appearance", "severity": "info", "explanation": explanation}
                    | {"details": json.dumps(details)}
                )
                .last_pk
            )
            db["flag_quotes"].insert({"flag_id": fid, "quote_id": qid})
    db.close()


def test_the_flags_overview_lists_each_flag_once_by_kind_first_reports_apart(qtbot, window, project):
    path, ids = project
    _add_first_report_flags(path, [ids["quotes"][(0, 0)], ids["quotes"][(0, 1)]], tie=True)
    with qtbot.waitSignal(window.lists_reloaded):
        window.open_project(path)
    _action(_menu(window, "View"), "Flags Overview").trigger()
    overview = window.flags_overview
    groups = [overview.tree.topLevelItem(i) for i in range(overview.tree.topLevelItemCount())]
    names = [g.text(0).split(" — ")[0] for g in groups]
    assert names == [
        "conflicting speaker",
        "wording drift",
        "fragment",
        "unattributed",
        "first report (information, not a problem)",
    ]
    drift = overview.group("wording_drift")
    assert drift.childCount() == 2  # two flags, each once, though each concerns two reports
    assert [drift.child(i).text(2) for i in range(2)] == ["2", "2"]
    assert "5 findings to check in 4 kinds" in overview.summary.text()  # first reports are no problem
    assert "2 first reports" in overview.summary.text()
    first = overview.group("first_appearance")
    assert "a tie" in first.child(0).text(0)
    unattributed = overview.group("unattributed").child(0)
    overview.tree.itemActivated.emit(unattributed, 0)  # a double-click or Return on the finding
    assert window.current_quote_id == ids["quotes"][(1, 2)]


def test_the_speaker_timeline_plots_quotes_by_date_and_a_click_shows_one(qtbot, opened):
    window, ids = opened
    window.select_quote(ids["quotes"][(2, 0)])  # Afanasiy Zarubkin: 2025-03-12 once, 2025-03-15 twice
    _action(_menu(window, "View"), "Speaker Timeline").trigger()
    timeline = window.timeline
    qtbot.waitExposed(timeline)
    assert timeline.speaker.currentText().startswith("Afanasiy Zarubkin")
    plot = timeline.plot
    points = dict(plot.points)
    assert set(points) == {ids["quotes"][(0, 1)], ids["quotes"][(2, 0)], ids["quotes"][(2, 1)]}
    early, late = points[ids["quotes"][(0, 1)]], points[ids["quotes"][(2, 0)]]
    assert early.x() < late.x()  # later dates to the right
    assert points[ids["quotes"][(2, 1)]].x() == late.x()  # one day: stacked
    assert points[ids["quotes"][(2, 1)]].y() != late.y()
    qtbot.mouseClick(plot, Qt.MouseButton.LeftButton, pos=early.toPoint())
    assert window.current_quote_id == ids["quotes"][(0, 1)]
    assert "3 statement(s) in 3 report(s), first reported on 2 day(s)" in timeline.note.text()


def test_the_timeline_shows_the_reports_of_one_statement_as_one_dot(qtbot, window, tmp_path):
    from tests.test_statement_parts import build_parts_project

    path = tmp_path / "parts.qcproj"
    ids = build_parts_project(path)  # one statement: the whole on 2026-03-02, two pieces the day after
    with qtbot.waitSignal(window.lists_reloaded):
        window.open_project(path)
    window.select_quote(ids["second"])
    window.menus.timeline_action.trigger()
    plot = window.timeline.plot
    assert [q for q, _p in plot.points] == [ids["whole"]]  # at its first report
    assert plot.reports[ids["whole"]] == 3 and plot.radius(ids["whole"]) > plot.RADIUS
    assert "1 statement(s) in 3 report(s)" in window.timeline.note.text()
