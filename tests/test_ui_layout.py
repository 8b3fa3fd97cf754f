"""Every label, placeholder and choice fits, and the quote column takes the slack (issue 12, item 12).

The window is opened at the sizes people use (a 1024×700 laptop, a 1400×900 desktop), offscreen, on the
fixture project with a flagged quote selected, and every visible piece of text is measured against the
widget that shows it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)
from quotecheck.ui.app import select_flagged_quote
from quotecheck.ui.import_panel import ElidedLabel
from quotecheck.ui.models import column_of

pytestmark = pytest.mark.gui

SIZES = [(1024, 700), (1400, 900)]


def _visible(window, kind) -> list:
    return [w for w in window.findChildren(kind) if w.isVisibleTo(window) and w.width() > 0]


def _combo_room(combo: QComboBox) -> int:
    """The width a combo box gives its text (its frame and arrow left out)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    style = combo.style()
    field = style.subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


def cut_texts(window: QWidget) -> list[str]:
    """Every visible text the window cuts: labels, button texts, placeholders, choices."""
    cut = []
    for label in _visible(window, QLabel):
        if not label.text() or isinstance(label, ElidedLabel):  # an elided label shows all in its tooltip
            continue
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height():
                cut.append(f"label {label.text()[:40]!r}: {label.heightForWidth(label.width())} > {label.height()}")
        elif label.sizeHint().width() > label.width():
            cut.append(f"label {label.text()[:40]!r}: {label.sizeHint().width()} > {label.width()}")
    for button in _visible(window, QAbstractButton):
        text = button.text().replace("&", "")
        if text and button.fontMetrics().horizontalAdvance(text) + 8 > button.width():
            cut.append(f"button {text!r}: {button.fontMetrics().horizontalAdvance(text) + 8} > {button.width()}")
    for edit in _visible(window, QLineEdit):
        if isinstance(edit.parentWidget(), QComboBox) or not edit.placeholderText():
            continue
        room = edit.width() - 12 - (22 if edit.isClearButtonEnabled() else 0)
        if edit.fontMetrics().horizontalAdvance(edit.placeholderText()) > room:
            cut.append(f"placeholder {edit.placeholderText()!r} in {edit.width()}")
    for combo in _visible(window, QComboBox):
        # a choice from a short fixed list shows whole, whichever is chosen; an article title shows its start
        texts = [combo.itemText(i) for i in range(combo.count())] if not combo.isEditable() else [combo.currentText()]
        texts = texts if not combo.isEditable() or combo.currentIndex() == 0 else []
        for text in texts:
            if combo.fontMetrics().horizontalAdvance(text) > _combo_room(combo):
                cut.append(f"choice {text!r}: {combo.fontMetrics().horizontalAdvance(text)} > {_combo_room(combo)}")
    return cut


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_text_fits_and_the_quote_column_is_widest(qtbot, opened, width, height):
    window, _ids = opened
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    select_flagged_quote(window)
    for _ in range(3):
        QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024
    assert cut_texts(window) == []
    table = window.table
    header = table.horizontalHeader()
    sizes = {key: header.sectionSize(column_of(window.model, key)) for key, _t, _s in window.model.COLUMNS}
    assert sizes["text"] == max(sizes.values()), sizes  # the quote column takes the slack
    for i in range(header.count()):  # every title, and the sort arrow beside it, fits its column
        assert header.sectionSizeFromContents(i).width() <= header.sectionSize(i), window.model.COLUMNS[i][1]
    assert sum(sizes.values()) <= table.viewport().width()  # nothing scrolls sideways
    assert not table.horizontalScrollBar().isVisible()
    review = window.review_panel
    assert review.height() >= review.minimumSizeHint().height()  # the note field is not cut off
    assert review.note_edit.geometry().bottom() < review.height()


def test_sorting_by_a_narrow_column_leaves_its_title_readable(qtbot, opened):
    window, _ids = opened
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    header = window.table.horizontalHeader()
    conf = column_of(window.model, "confidence")
    header.sectionClicked.emit(conf)  # what a click on "Conf." does
    window.table.sortByColumn(conf, header.sortIndicatorOrder())
    assert header.sortIndicatorSection() == conf
    assert header.sectionSizeFromContents(conf).width() <= header.sectionSize(conf)


def test_the_progress_panel_opens_with_a_job_not_with_a_layout_saved_while_it_was_open(qtbot, opened, settings):
    from quotecheck.ui.main_window import MainWindow

    window, _ids = opened
    window.import_dock.show()  # as an import or export from the window leaves it
    window.close()  # saves the layout
    again = MainWindow(settings, search_delay_ms=0)
    qtbot.addWidget(again)
    again.show()
    QApplication.processEvents()
    assert not again.import_dock.isVisible()
    again.close()


def test_every_review_cell_reads_whole_at_1024_by_700(qtbot, window, project):
    """The Review column said "speaker …", "misquot…": a verdict and its marks show whole, and the header
    says what the marks mean."""
    from quotecheck.library import Library

    path, ids = project
    quotes = list(ids["quotes"].values())
    with Library(path) as lib:
        lib.review(quotes[0], confirm=True, note="Holloway checked the tape")
        lib.review(quotes[1], verdict="misattributed", confirm=True, note="see p. 2")
        lib.review(quotes[2], speaker="Wren Marsh", note="Roe's notes")
        lib.review(quotes[3], verdict="unverifiable", speaker="Orvel Brandt")
        lib.review(quotes[4], verdict="misquoted", confirm=True)
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024 and window.height() == 700)
    QApplication.processEvents()
    model, table = window.model, window.table
    col = column_of(model, "review")
    room = table.horizontalHeader().sectionSize(col) - 8
    cells = {model.index(r, col).data() for r in range(model.rowCount())} - {""}
    assert {"speaker ✓ ¶", "misattributed ✓ ¶", "speaker fixed ¶", "unverifiable ✎", "misquoted ✓"} <= cells
    usual = {"speaker ✓ ¶", "unverifiable ✎", "misquoted ✓"}  # a longer one elides, its tooltip says it all
    assert [c for c in usual if table.fontMetrics().horizontalAdvance(c) > room] == []
    assert table.fontMetrics().horizontalAdvance(table.COMPACT_REVIEW) <= room
    assert "✎ speaker corrected" in model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    sizes = {key: table.horizontalHeader().sectionSize(column_of(model, key)) for key, _t, _s in model.COLUMNS}
    assert sizes["text"] == max(sizes.values()), sizes


def test_a_window_tiled_on_half_a_screen_keeps_every_filter_whole_in_two_rows(qtbot, opened):
    """At 800 pixels (half of a 1600-pixel screen) the window is 800 wide, not held at 1,018 by the row of
    filters: the filters go to two rows (the text filters above, the choices below), each shown whole,
    and back to one row when the window is wide again."""
    window, _ids = opened
    bar = window.filter_bar
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800 and window.height() == 600)
    select_flagged_quote(window)
    for _ in range(3):
        QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 800
    assert bar.two_rows
    assert bar.flag.geometry().top() > bar.search.geometry().bottom()  # the choices below the text filters
    assert cut_texts(window) == []
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    for _ in range(3):
        QApplication.processEvents()
    assert not bar.two_rows
    assert bar.flag.geometry().top() == bar.search.geometry().top()
    assert cut_texts(window) == []
