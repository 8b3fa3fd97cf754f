"""End to end on the bundled sample project, with the real extraction engine and matching."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextTable
from quotecheck.ui.app import select_flagged_quote
from quotecheck.ui.models import column_of

from quotecheck.project.query import QuoteFilter
from quotecheck.samples import build_sample_project, sample_dir

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "sample.qcproj"
    return build_sample_project(path)


@pytest.fixture
def opened(qtbot, window, sample_project, tmp_path):
    copy = tmp_path / "sample.qcproj"
    shutil.copy(sample_project, copy)
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(copy)
    return window


def test_a_flagged_quote_shows_marked_differences_and_explained_flags(opened):
    window = opened
    quote_id = select_flagged_quote(window)
    assert window.current_quote_id == quote_id
    data = window.provenance_view.data
    assert len(data["variants"]) >= 2
    assert any(sev == "severe" for v in data["variants"] for _s, _e, sev in v["marks"])
    assert any(v["first"] for v in data["variants"])
    assert data["flags"] and all(f["explanation"] for f in data["flags"])
    flags_cell = window.model.index(window.model.row_of(quote_id), column_of(window.model, "flags")).data()
    assert flags_cell


def test_merge_a_spelling_into_a_speaker_then_undo(qtbot, opened):
    window = opened
    model = window.speaker_panel.model
    named = sorted((s for s in model.speakers if " " in s["name"]), key=lambda s: (s["quotes"], s["name"]))
    source_name, target_name = named[0]["name"], named[1]["name"]
    moved = named[0]["quotes"]
    before = model.speakers[model.row_of_name(target_name)]["quotes"]
    source = model.index(model.row_of_name(source_name), 0)
    target = model.index(model.row_of_name(target_name), 0)
    with qtbot.waitSignal(window.lists_reloaded):  # the speaker list is read again in the background
        assert model.dropMimeData(model.mimeData([source]), Qt.DropAction.CopyAction, -1, -1, target)
    merged = [s for s in model.speakers if source_name in s["aliases"] and target_name in s["aliases"]]
    assert len(merged) == 1 and merged[0]["quotes"] == before + moved
    with qtbot.waitSignal(window.lists_reloaded):
        window.menus.undo_action.trigger()
    assert model.speakers[model.row_of_name(source_name)]["quotes"] == moved
    assert model.speakers[model.row_of_name(target_name)]["quotes"] == before


def test_search_and_flag_filter_on_the_sample(qtbot, opened):
    window = opened
    qtbot.keyClicks(window.filter_bar.search, "rationing")
    assert 0 < window.model.rowCount() < 10
    window.filter_bar.search.clear()
    window.filter_bar.flag.setCurrentIndex(window.filter_bar.flag.findData("missing_from_primary"))
    assert window.model.ids == window.lib.quote_ids(QuoteFilter(flag_kinds=("missing_from_primary",)))
    assert window.model.rowCount() > 0


def test_import_real_articles_into_a_new_project(qtbot, window, tmp_path, sample_project):
    assert window.open_project(tmp_path / "new.qcproj", create=True)
    assert window.model.rowCount() == 0
    files = sorted(sample_dir().glob("*.md"))[:2]
    with qtbot.waitSignal(window.job_done, timeout=60000) as done:
        window.start_import([str(f) for f in files])
    assert len(done.args[0].added) == 2
    assert window.model.rowCount() == done.args[0].quotes > 0


def test_welcome_page_builds_and_opens_the_sample(qtbot, window, tmp_path, monkeypatch, sample_project):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert window.stack.currentIndex() == 0
    with qtbot.waitSignal(window.project_opened, timeout=60000):
        qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
        assert window.import_dock.isVisible()
    assert window.stack.currentIndex() == 1
    assert window.model.rowCount() > 20


def test_split_a_spelling_off_a_speaker_then_undo(qtbot, opened):
    window = opened
    panel = window.speaker_panel
    assert panel.select_name("Afanasy Zarubkin")
    aliases = [panel.aliases.item(i).text() for i in range(panel.aliases.count())]
    assert "Afanasiy Zarubkin" in aliases
    panel.aliases.setCurrentRow(aliases.index("Afanasiy Zarubkin"))
    assert panel.split_button.isEnabled()
    with qtbot.waitSignal(window.lists_reloaded):  # the speaker list is read again in the background
        panel.split_button.click()
    assert window.lib.decisions()[-1].kind == "split"
    assert panel.model.row_of_name("Afanasiy Zarubkin") >= 0
    with qtbot.waitSignal(window.lists_reloaded):
        window.menus.undo_action.trigger()
    assert panel.model.row_of_name("Afanasiy Zarubkin") == -1


def test_show_one_speakers_quotes_from_the_panel(opened):
    window = opened
    panel = window.speaker_panel
    assert panel.select_name("Maud Tillery")
    panel.show_button.click()
    assert window.filter_bar.speaker.text() == "Maud Tillery"
    expected = panel.model.speakers[panel.model.row_of_name("Maud Tillery")]["quotes"]
    assert window.model.rowCount() == expected
    rows = window.lib.quote_rows(window.model.ids)
    assert {r.speaker for r in rows.values()} == {"Maud Tillery"}


def test_speaker_panel_names_people_in_full_and_lists_described_speakers_last(opened):
    window = opened
    panel = window.speaker_panel
    model = panel.model
    vague = [s["vague"] for s in model.speakers]
    assert any(vague) and vague == sorted(vague)  # the described ones after every named person
    width = panel.view.columnWidth(0)
    metrics = panel.view.fontMetrics()
    for row, speaker in enumerate(model.speakers):
        # a person's name fits in the narrow dock; a long organisation or description elides, whole in its tooltip
        if not speaker["vague"] and len(speaker["name"]) <= 20:
            assert metrics.horizontalAdvance(speaker["name"]) + 8 <= width, speaker["name"]
        tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert tip.splitlines()[0] == speaker["name"]


def test_no_primary_source_check_or_flag_floats_above_the_reports(opened):
    window = opened
    for quote_id in window.lib.quote_ids(QuoteFilter(flag_kinds=("missing_from_primary",))):
        window.select_quote(quote_id)
        data = window.provenance_view.data
        for f in data["flags"]:
            assert f["kind"] in ("wording_drift", "conflicting_speaker", "fragment") or f["scope"] == "report", f
        selected = next(v for v in data["variants"] if v["quote_id"] == quote_id)
        assert "missing_from_primary" in [n["kind"] for n in selected["notes"]]
        text = window.provenance_view.toPlainText()
        assert text.count("Primary source:") <= len(data["variants"])


# -- the layout a newsroom user sees at 1280×800 ---------------------------------------------------


def _report_header_rects(view) -> list:
    """Viewport rectangles of each report's "outlet · date" line, in the view's order.

    The reports are the rows of the view's table; the heading above it may name an outlet and date too.
    """
    doc = view.document()
    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) == 1
    position, rects = tables[0].firstPosition(), []
    for v in view.data["variants"]:
        found = doc.find(f"{v['outlet']} · {v['date']}", position)
        assert not found.isNull(), v["outlet"]
        position = found.selectionEnd()
        found.setPosition(found.selectionStart())
        rects.append(view.cursorRect(found))
    return rects


def test_at_1280_by_800_the_quote_column_is_widest_and_two_reports_show_without_scrolling(qtbot, opened):
    window = opened
    qtbot.waitExposed(window)
    assert (window.width(), window.height()) == (1280, 800)
    table = window.table
    header = table.horizontalHeader()
    quote = header.sectionSize(column_of(window.model, "text"))
    assert quote >= table.QUOTE_SHARE * table.viewport().width()
    assert quote == max(header.sectionSize(i) for i in range(header.count()))

    select_flagged_quote(window)  # the screenshot's quote: reported twice, with a primary-source check
    view = window.provenance_view
    assert len(view.data["variants"]) >= 2
    assert view.verticalScrollBar().value() == 0
    height = view.viewport().height()
    selected, following = _report_header_rects(view)[:2]
    assert 0 <= selected.top() and selected.bottom() <= height
    assert 0 <= following.top() and following.bottom() <= height  # the next report's header, unscrolled


def _line_spans(text) -> list[tuple[float, float]]:
    """Every laid-out line of text in the article, as (top, bottom) in document coordinates."""
    spans = []
    block = text.document().begin()
    while block.isValid():
        layout = block.layout()
        if not block.text().strip():  # an empty line between paragraphs shows nothing to cut
            block = block.next()
            continue
        origin = layout.position().y()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            spans.append((origin + line.y(), origin + line.y() + line.height()))
        block = block.next()
    return spans


def test_the_article_scrolls_to_the_quotes_paragraph_and_never_cuts_the_top_line(qtbot, opened):
    window = opened
    qtbot.waitExposed(window)
    text = window.article_view.text
    bar = text.verticalScrollBar()
    scrolled = 0
    for quote_id in window.model.ids:
        window.select_quote(quote_id)
        top = bar.value()
        assert not any(a < top < b - 1 for a, b in _line_spans(text)), quote_id  # the edge is between lines
        start, end = text.span_of(quote_id)
        paragraph = text.document().findBlock(start)
        first_line = text.cursorRect(QTextCursor(paragraph))
        quote_line = text.rect_of(quote_id)
        assert 0 <= quote_line.top() and quote_line.bottom() <= text.viewport().height(), quote_id
        if first_line.top() < 0:  # a paragraph too tall to show with its quote starts at the quote's line
            assert quote_line.top() <= text.fontMetrics().lineSpacing(), quote_id
        scrolled += top > 0
    assert scrolled  # some quotes sit far enough down their article to scroll it


def test_a_paraphrase_that_changes_a_number_is_shown_under_the_quotation_it_reports(qtbot, opened):
    window = opened
    window.table.setFocus()
    flagged = window.lib.quote_ids(QuoteFilter(flag_kinds=("paraphrase_meaning",), kinds=("indirect",)))
    assert len(flagged) == 1
    window.select_quote(flagged[0])
    data = window.provenance_view.data
    shown = {v["quote_id"]: v for v in data["variants"]}
    para = shown[flagged[0]]
    assert para["link"] == "reported as paraphrase"
    assert [n["kind"] for n in para["notes"]] == ["paraphrase_meaning"]  # said under the paraphrase
    assert "paraphrase_meaning" not in [f["kind"] for f in data["flags"] if f["scope"] == "statement"]
    quoted = [v for v in data["variants"] if v["kind"] != "indirect"]
    assert quoted and all(v["link"] == "quoted" for v in quoted)
    severe = [para["text"][s:e] for s, e, sev in para["marks"] if sev == "severe"]
    assert severe and all(w.isdigit() for w in severe)
    text = window.provenance_view.toPlainText()
    assert "reported as paraphrase" in text and "meaning changed" in text
    assert f"“{para['text']}" not in text  # reported speech is never shown in quotation marks


def test_after_a_split_the_list_read_again_keeps_its_place(qtbot, opened):
    """The list empties ("Loading speakers…") while it is read again, then comes back scrolled and
    selected where the person was."""
    window = opened
    panel = window.speaker_panel
    window.speaker_dock.show()
    panel.view.setFixedHeight(panel.view.verticalHeader().defaultSectionSize() * 5)  # a few rows: it scrolls
    qtbot.waitUntil(lambda: panel.view.verticalScrollBar().maximum() > 0)
    assert panel.select_name("Afanasy Zarubkin")
    aliases = [panel.aliases.item(i).text() for i in range(panel.aliases.count())]
    panel.aliases.setCurrentRow(aliases.index("Afanasiy Zarubkin"))
    panel.view.verticalScrollBar().setValue(panel.view.verticalScrollBar().maximum())
    top = panel.model.speakers[panel.view.rowAt(0)]["id"]
    assert panel.view.rowAt(0) > 0
    chosen = panel.selected_ids()
    with qtbot.waitSignal(window.lists_reloaded):
        panel.split_button.click()
        assert panel.notice == "Loading speakers…" and panel.model.rowCount() == 0
    assert panel.model.row_of_name("Afanasiy Zarubkin") >= 0  # split off: a speaker of its own
    assert panel.model.speakers[panel.view.rowAt(0)]["id"] == top
    assert panel.selected_ids() == chosen
