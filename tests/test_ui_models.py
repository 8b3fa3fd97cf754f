"""Item models, views and dialogs one by one: Qt's model tester, offsets, rendering, jobs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from quotecheck.ui import style
from quotecheck.ui.article_view import ArticleView, Utf16Offsets
from quotecheck.ui.dialogs import ExportDialog, MetadataDialog
from quotecheck.ui.jobs import BackgroundJob, LibraryJob
from quotecheck.ui.models import QUOTE_ID_ROLE, QuoteTableModel, SpeakerModel
from quotecheck.ui.provenance_view import ProvenanceView, present

from quotecheck.library import Library, QuoteFilter
from quotecheck.records import (
    ArticleMeta,
    ArticleRow,
    Flag,
    FlaggedQuote,
    Provenance,
    QuoteRow,
    Variant,
)
from tests.ui_helpers import build_project

pytestmark = pytest.mark.gui


@pytest.fixture
def lib(tmp_path):
    path = tmp_path / "m.qcproj"
    build_project(path, extra_quotes=200)
    with Library(path) as library:
        yield library


def test_quote_model_passes_qt_model_tester(qtmodeltester, lib):
    model = QuoteTableModel(lib)
    model.search(QuoteFilter())
    assert model.rowCount() == 208
    qtmodeltester.check(model)
    model.search(QuoteFilter(search="percent"), sort="confidence", descending=True)
    qtmodeltester.check(model)


def test_quote_model_reads_rows_lazily_in_blocks(lib):
    model = QuoteTableModel(lib)
    model.search(QuoteFilter())
    assert model._rows == {}
    model.index(150, 0).data()
    assert 0 < len(model._rows) <= QuoteTableModel.BLOCK
    assert model.index(150, 0).data(QUOTE_ID_ROLE) == model.ids[150]
    model.flags(model.index(0, 0))  # flags never fetch
    assert model.ids[0] not in model._rows


def test_quote_model_shows_a_first_page_then_the_rest(qtbot, lib, monkeypatch):
    """A large result is shown from its first page at once and completed right after (the rows of a
    million-quote project took seconds to read before the table could paint)."""
    monkeypatch.setattr(QuoteTableModel, "FIRST_PAGE", 50)
    model = QuoteTableModel(lib)
    counts = []
    model.searched.connect(counts.append)
    model.search(QuoteFilter(), sort="confidence", descending=True)
    assert model.rowCount() == 50 and counts == []
    qtbot.waitUntil(lambda: counts == [208])
    assert model.ids == lib.quote_ids(QuoteFilter(), "confidence", True)
    model.search(QuoteFilter())  # a new search before the rest of this one arrives: only its own rest
    model.search(QuoteFilter(search="percent"))
    qtbot.wait(50)
    assert model.ids == lib.quote_ids(QuoteFilter(search="percent"), "confidence", True)
    assert counts[-1] == len(model.ids)


def test_quote_model_sort_keeps_the_order_sql_gives(lib):
    model = QuoteTableModel(lib)
    model.search(QuoteFilter())
    model.sort(5, Qt.SortOrder.DescendingOrder)
    assert model.ids == lib.quote_ids(QuoteFilter(), "confidence", True)
    model.sort(6)  # the review column: reviewed quotes first
    assert model.ids == lib.quote_ids(QuoteFilter(), "review", False)
    before = list(model.ids)
    model.sort(len(model.COLUMNS))  # no such column: nothing happens
    assert model.ids == before


def test_speaker_model_passes_qt_model_tester_and_merges_by_drop(qtmodeltester, lib):
    model = SpeakerModel()
    model.set_speakers(lib.speakers())
    qtmodeltester.check(model)
    asked = []
    model.merge_requested.connect(lambda a, b: asked.append((a, b)))
    src = model.index(model.row_of_name("Afanasy Zarubkin"), 0)
    dst = model.index(model.row_of_name("Afanasiy Zarubkin"), 0)
    assert model.dropMimeData(model.mimeData([src]), Qt.DropAction.CopyAction, -1, -1, dst)
    ids = [model.speakers[model.row_of_name(n)]["id"] for n in ("Afanasy Zarubkin", "Afanasiy Zarubkin")]
    assert asked == [tuple(ids)]  # speaker ids: several speakers can share a name
    assert not model.dropMimeData(model.mimeData([src]), Qt.DropAction.CopyAction, -1, -1, src)
    assert not model.canDropMimeData(model.mimeData([src]), Qt.DropAction.CopyAction, -1, -1, QModelIndex())


def test_offsets_survive_characters_outside_the_basic_plane(qtbot):
    text = "Title\n\n😀😀 “Yes we can,” 🙂 Ana Lind said.\r\nMore.\n"
    start = text.index("Yes")
    end = start + len("Yes we can,")
    s_start = text.index("Ana Lind")
    assert Utf16Offsets(text).to_qt(start) == start + 2
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_article(
        ArticleRow(id=1, path="t.txt", meta=ArticleMeta(title="T"), text=text),
        [
            QuoteRow(
                id=9,
                article_id=1,
                start=start,
                end=end,
                text=text[start:end],
                speaker_start=s_start,
                speaker_end=s_start + 8,
                speaker="Ana Lind",
                reason="named",
                confidence=0.9,
            )
        ],
    )
    view.select_quote(9)
    selections = view.text.extraSelections()
    assert selections[0].cursor.selectedText() == "Yes we can,"
    assert selections[1].cursor.selectedText() == "Ana Lind"
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(view.text.span_of(9)[0] + 1)
    assert "named" in cursor.charFormat().toolTip()


def test_selected_reported_speech_stays_marked_apart_from_quotes(qtbot):
    """A selected paraphrase is not painted the quotes' yellow: it keeps reported speech's blue, stronger."""
    text = "Title\n\nAna Lind said the pier would close. “We act now,” Lind said.\n"
    said, quote = text.index("the pier"), text.index("We act")
    view = ArticleView()
    qtbot.addWidget(view)
    rows = [
        QuoteRow(id=1, article_id=1, start=said, end=said + 25, text=text[said : said + 25], kind="indirect"),
        QuoteRow(id=2, article_id=1, start=quote, end=quote + 12, text=text[quote : quote + 12]),
    ]
    view.show_article(ArticleRow(id=1, path="t.txt", meta=ArticleMeta(title="T"), text=text), rows)
    backgrounds = {}
    for quote_id in (1, 2):
        view.select_quote(quote_id)
        selections = view.text.extraSelections()  # held: the formats live as long as the list
        backgrounds[quote_id] = selections[0].format.background().color().name()
    assert backgrounds == {1: style.CURRENT_REPORT, 2: style.CURRENT_QUOTE}
    view.select_quote(1)
    selections = view.text.extraSelections()
    assert selections[0].format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine


def test_a_quote_reported_once_shows_alone_with_its_own_flags_under_it():
    unattributed = Flag("unattributed", "minor", "No speaker found.", id=5, quotes=(FlaggedQuote(3),))
    prov = Provenance(3, None, "We will pay.", (Variant(3, "We will pay.", outlet="Kallpress"),), flags=(unattributed,))
    data = present(prov)
    assert [v["quote_id"] for v in data["variants"]] == [3]
    assert data["flags"][0]["kind"] == "unattributed" and data["flags"][0]["scope"] == "report"
    assert [n["kind"] for n in data["variants"][0]["notes"]] == ["unattributed"]
    assert data["primary"]["status"] == "none"


def test_provenance_view_renders_core_output(qtbot, lib):
    view = ProvenanceView()
    qtbot.addWidget(view)
    ids = lib.quote_ids(QuoteFilter(flag_kinds=("wording_drift",), search="percent"))
    view.show_provenance(lib.provenance(ids[0]))
    assert len(view.data["variants"]) == 2
    assert view.data["variants"][0]["quote_id"] == ids[0]  # the selected report first
    clicked = []
    view.quote_clicked.connect(clicked.append)
    other = view.data["variants"][1]["quote_id"]
    view.anchorClicked.emit(f"quote:{other}")
    assert clicked == [other]


def test_metadata_dialog_reports_only_changes(qtbot):
    dialog = MetadataDialog(ArticleRow(id=1, path="a.md", meta=ArticleMeta(title="Old", outlet="Kallpress")))
    qtbot.addWidget(dialog)
    dialog.edits["title"].setText("New title")
    dialog.edits["outlet"].setText("")
    dialog.edits["primary_source_of"].setText("Ilse Brannoch")
    assert dialog.changes() == {"title": "New title", "outlet": "", "primary_source_of": "Ilse Brannoch"}


def test_export_dialog_choices(qtbot, tmp_path):
    dialog = ExportDialog(selected=3, matching=40, default_dir=str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.scope == "selection"
    save = dialog.buttons.buttons()[0]
    assert save.isEnabled() and dialog.path == str(tmp_path / "quotes.csv")  # a name is suggested
    dialog.path_edit.setText("")
    assert not save.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "out.csv"))
    assert save.isEnabled()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("bibtex"))
    assert dialog.path.endswith("out.bib") and dialog.format == "bibtex"
    assert not dialog.group_box.isEnabled()
    dialog.filter_radio.setChecked(True)
    assert dialog.scope == "filter"


def test_export_dialog_asks_for_the_publisher_only_for_claimreview(qtbot):
    dialog = ExportDialog(selected=0, matching=4, reviewer="Factcheck Desk")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.reviewer_edit.isVisible() and not dialog.reviewer_edit.isEnabled()
    assert dialog.reviewer is None  # csv: nobody publishes a spreadsheet
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("claimreview"))
    assert dialog.reviewer_edit.isVisible() and dialog.reviewer_edit.isEnabled()
    assert dialog.reviewer == "Factcheck Desk"
    dialog.reviewer_edit.setText("   ")
    assert dialog.reviewer is None
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("ris"))
    assert not dialog.reviewer_edit.isVisible()


def test_library_job_runs_on_its_own_thread_with_its_own_connection(qtbot, lib):
    import threading

    seen = {}

    def op(job_lib, progress):
        seen["thread"] = threading.current_thread()
        seen["same"] = job_lib is lib
        progress.start(3, "counting")
        for _ in range(3):
            progress.advance()
        return job_lib.count_quotes()

    job = LibraryJob(lib.path, op, "count", min_interval=0)
    steps = []
    job.progressed.connect(lambda d, t, m: steps.append((d, t)))
    with qtbot.waitSignal(job.succeeded, timeout=10000) as result:
        job.start()
    qtbot.waitUntil(lambda: not job.is_running())
    assert result.args == [208]
    assert seen["thread"] is not threading.main_thread() and not seen["same"]
    assert steps[-1] == (3, 3)


def test_background_job_reports_errors_as_words(qtbot):
    def boom(_progress):
        raise ValueError("bad input")

    job = BackgroundJob(boom, "boom")
    with qtbot.waitSignal(job.failed, timeout=10000) as failed:
        job.start()
    qtbot.waitUntil(lambda: not job.is_running())
    assert failed.args == ["bad input"]


def test_a_file_error_names_the_file_and_the_reason_not_the_exception(qtbot, tmp_path):
    target = tmp_path / "missing" / "out.csv"
    job = BackgroundJob(lambda _p: open(target, "w"), "write")
    with qtbot.waitSignal(job.failed, timeout=10000) as failed:
        job.start()
    qtbot.waitUntil(lambda: not job.is_running())
    assert failed.args == [f"No such file or directory ({target})"]
