"""Opening a large project: the first rows show at once, the rest of the ids and the lists of articles
and speakers are read in the background, and the window stays usable (and closable) meanwhile.

The fixture project is small, so the first page is made smaller than it; a read can be held back (an
endless query) to act while it runs. What is timed lives in bench/ui.py, not here.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from quotecheck.ui.models import QuoteTableModel

from quotecheck.library import Library, QuoteFilter
from tests.ui_helpers import build_project

ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"


@pytest.fixture
def small_first_page(monkeypatch):
    monkeypatch.setattr(QuoteTableModel, "FIRST_PAGE", 5)


@pytest.fixture
def reader_threads(monkeypatch):
    """Records the thread of every full (unlimited) read of the quote ids."""
    threads: list[bool] = []
    real = Library.quote_ids

    def quote_ids(self, flt=None, sort="article", descending=False, limit=None):
        if limit is None:
            threads.append(threading.current_thread() is threading.main_thread())
        return real(self, flt, sort, descending, limit)

    monkeypatch.setattr(Library, "quote_ids", quote_ids)
    return threads


@pytest.fixture
def held_back(monkeypatch):
    """Full reads of the quote ids outside the interface thread run an endless query until ``release``
    is set (cancelling interrupts it); on the interface thread they answer at once."""
    release = threading.Event()
    real = Library.quote_ids

    def quote_ids(self, flt=None, sort="article", descending=False, limit=None):
        if limit is None and threading.current_thread() is not threading.main_thread() and not release.is_set():
            self.db.execute(ENDLESS).fetchone()  # raises when interrupted
        return real(self, flt, sort, descending, limit)

    monkeypatch.setattr(Library, "quote_ids", quote_ids)
    return release


def test_the_rest_of_the_ids_and_the_lists_arrive_from_the_background(
    qtbot, qtmodeltester, window, project, small_first_page, reader_threads
):
    path, _ids = project
    with qtbot.waitSignal(window.lists_reloaded, timeout=10000):
        assert window.open_project(path)
        assert window.model.rowCount() == 5 and "loading" in window.count_label.text()
    qtbot.waitUntil(lambda: "loading" not in window.count_label.text(), timeout=10000)
    assert reader_threads == [False]  # read on a worker, never on the interface thread
    with Library(path, create=False) as lib:
        assert window.model.ids == lib.quote_ids()
        total, articles = lib.count_quotes(), len(lib.articles())
    assert window.count_label.text() == f"{total:,} quotes"
    assert window.filter_bar.article.count() == articles + 1  # and "All articles"
    assert window.speaker_panel.model.rowCount() > 0
    qtmodeltester.check(window.filter_bar.article_choices)


def test_selecting_searching_and_sorting_while_the_ids_load(qtbot, window, project, small_first_page, held_back):
    path, _ids = project
    with qtbot.waitSignal(window.lists_reloaded, timeout=10000):
        assert window.open_project(path)
    assert "loading" in window.count_label.text()
    window.select_row(3)
    qtbot.waitUntil(lambda: window.current_quote_id == window.model.ids[3])
    window.model.sort(5)  # by confidence: a new query, the old read is cancelled
    assert window.model.rowCount() == 5 and "loading" in window.count_label.text()
    window.filter_bar.search.setText("dam")  # a search typed meanwhile
    window.apply_filter()
    window.filter_bar.search.setText("")
    window.apply_filter()
    assert window.model.loading
    held_back.set()
    window.model.sort(5, Qt.SortOrder.DescendingOrder)  # released: this read completes
    qtbot.waitUntil(lambda: not window.model.loading, timeout=10000)
    qtbot.waitUntil(lambda: not window.reads.is_running(), timeout=10000)
    with Library(path, create=False) as lib:
        assert window.model.ids == lib.quote_ids(QuoteFilter(), "confidence", True)
    assert window.model.rowCount() > 5


@pytest.mark.parametrize("then", ["close", "open another"])
def test_closing_or_opening_another_project_while_loading_stops_the_read(
    qtbot, window, project, tmp_path, small_first_page, held_back, then
):
    path, _ids = project
    with qtbot.waitSignal(window.lists_reloaded, timeout=10000):
        assert window.open_project(path)
    assert window.reads.is_running(QuoteTableModel.READ_KEY)
    jobs = list(window.reads._alive)
    held = window.reads._current[QuoteTableModel.READ_KEY]  # the read of the ids, held back: it cannot finish
    assert jobs
    if then == "close":
        window.close()  # interrupts the endless query: returns, no thread left running
    else:
        other = tmp_path / "other.qcproj"
        build_project(other)
        held_back.set()
        with qtbot.waitSignal(window.lists_reloaded, timeout=10000):
            assert window.open_project(other)
        qtbot.waitUntil(lambda: not window.model.loading, timeout=10000)
        with Library(other, create=False) as lib:
            assert window.model.ids == lib.quote_ids()
    assert all(job._thread.isFinished() for job in jobs)  # no read of the old project left running
    if then == "close":  # (released just before the switch, the read may finish before it is cancelled)
        assert held.progress.cancelled  # the others (the lists) may have finished before
