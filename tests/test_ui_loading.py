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


# -- the lists (articles, speakers): "Loading…" until read, and read again in the background ------------


class ListGates:
    """Reads of the lists on a background read's thread (named after the lists) wait while their gate is
    closed; every read of the lists records whether it ran on the interface thread."""

    def __init__(self) -> None:
        self.gates = {"speakers": threading.Event(), "articles": threading.Event()}
        for gate in self.gates.values():
            gate.set()
        self.on_interface_thread: list[str] = []

    def hold(self, *names: str) -> None:
        for name in names or tuple(self.gates):
            self.gates[name].clear()

    def release(self, *names: str) -> None:
        for name in names or tuple(self.gates):
            self.gates[name].set()


@pytest.fixture
def lists(monkeypatch, window):  # after the window: released before it closes
    from PySide6.QtCore import QThread

    held = ListGates()
    for name in held.gates:
        real = getattr(Library, name)

        def read(self, *args, _real=real, _name=name, **kwargs):
            if threading.current_thread() is threading.main_thread():
                held.on_interface_thread.append(_name)
            elif "lists" in QThread.currentThread().objectName():  # a read of the lists, not an import
                assert held.gates[_name].wait(30), f"the read of the {_name} was never released"
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(Library, name, read)
    yield held
    held.release()


def shows_words(view) -> bool:
    """Whether anything is painted in a list's empty area (rows, or words in their place)."""
    image = view.viewport().grab().toImage()
    base = image.pixelColor(1, image.height() - 2)
    return any(
        image.pixelColor(x, y) != base for x in range(0, image.width(), 2) for y in range(0, min(image.height(), 60), 2)
    )


def article_entries(window) -> list[str]:
    combo = window.filter_bar.article
    return [combo.itemText(i) for i in range(combo.count())]


def assert_lists_as_read(window, path) -> None:
    """The window lists what a fresh read of the project gives."""
    from quotecheck.ui.filter_bar import article_choices

    with Library(path, create=False) as lib:
        speakers, articles = lib.speakers(), article_choices(lib.articles())
    assert sorted((s["id"], s["name"], s["quotes"]) for s in window.speaker_panel.model.speakers) == sorted(
        (s.id, s.name, s.quotes) for s in speakers
    )
    assert article_entries(window) == ["All articles", *(label for label, _id, _tip in articles)]


def test_the_lists_say_loading_until_their_reads_arrive(qtbot, window, project, lists):
    path, _ids = project
    lists.hold()
    assert window.open_project(path)
    qtbot.waitUntil(window.reads.is_running, timeout=10000)
    panel, combo = window.speaker_panel, window.filter_bar.article
    assert panel.notice == "Loading speakers…" and panel.model.rowCount() == 0
    assert shows_words(panel.view)  # painted where the rows will be: nothing to select, nothing counted
    assert article_entries(window) == ["All articles", "Loading articles…"]
    notice = combo.model().index(1, 0)
    assert not combo.model().flags(notice) & (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    assert window.filter_bar.article_choices.article_count == 0 and combo.currentIndex() == 0

    lists.release("articles")  # one list arrives, the other still loads
    qtbot.waitUntil(lambda: "Loading articles…" not in article_entries(window), timeout=10000)
    assert combo.count() == 4 and panel.notice == "Loading speakers…" and panel.model.rowCount() == 0
    with qtbot.waitSignal(window.lists_reloaded, timeout=10000):
        lists.release("speakers")
    assert panel.notice == "" and panel.model.rowCount() == 4
    assert lists.on_interface_thread == []
    assert_lists_as_read(window, path)


@pytest.fixture
def fake_extractor(monkeypatch):
    from tests.ui_helpers import FakeExtractor

    extractor = FakeExtractor()
    monkeypatch.setattr(Library, "extractor", property(lambda self: extractor))
    return extractor


@pytest.mark.parametrize("change", ["import", "matching"])
def test_the_lists_are_read_again_in_the_background_after_an_import_or_matching(
    qtbot, tmp_path, opened, lists, fake_extractor, change
):
    window, _ids = opened
    path = window.lib.path
    panel = window.speaker_panel
    before = [s["name"] for s in panel.model.speakers], article_entries(window)
    lists.hold()
    with qtbot.waitSignal(window.job_done, timeout=60000):
        if change == "import":
            article = tmp_path / "harbour.txt"
            article.write_text(
                "Harbour works\n\n“The new quay opens in May,” Mayor Edda Varga said.\n", encoding="utf-8"
            )
            assert window.start_import([str(article)])
        else:
            window.finish_matching()
    # the job is done and the window's thread free: the lists are being read on another
    qtbot.waitUntil(window.reads.is_running, timeout=10000)
    assert lists.on_interface_thread == [] and window.lists_loading()
    assert ([s["name"] for s in panel.model.speakers], article_entries(window)) == before  # shown until then
    assert panel.notice == ""
    with qtbot.waitSignal(window.lists_reloaded, timeout=10000):
        lists.release()
    assert lists.on_interface_thread == []
    assert_lists_as_read(window, path)
    if change == "import":
        assert any(entry.startswith("Harbour works") for entry in article_entries(window))


def test_a_list_that_cannot_be_read_says_why_in_one_line(qtbot, window, project, monkeypatch):
    import sqlite3

    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QMessageBox

    path, _ids = project
    real_speakers, real_articles = Library.speakers, Library.articles

    def broken(real):
        def read(self, *args, **kwargs):
            if "lists" in QThread.currentThread().objectName():
                raise sqlite3.DatabaseError("database disk image is malformed\n  while reading page 7")
            return real(self, *args, **kwargs)

        return read

    monkeypatch.setattr(Library, "speakers", broken(real_speakers))
    monkeypatch.setattr(Library, "articles", broken(real_articles))
    with qtbot.waitSignal(window.lists_reloaded, timeout=10000):
        assert window.open_project(path)
    panel = window.speaker_panel
    expected = "could not be read: database disk image is malformed while reading page 7"
    assert panel.notice == f"Speakers {expected}" and panel.model.rowCount() == 0
    assert shows_words(panel.view)
    assert article_entries(window) == ["All articles", f"Articles {expected}"]
    combo = window.filter_bar.article
    assert not combo.model().flags(combo.model().index(1, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]  # no box, no traceback

    monkeypatch.setattr(Library, "speakers", real_speakers)  # the next reload reads them again
    monkeypatch.setattr(Library, "articles", real_articles)
    with qtbot.waitSignal(window.lists_reloaded, timeout=10000):
        window.reload_lists()
    assert panel.notice == "" and panel.model.rowCount() == 4
    assert_lists_as_read(window, path)


# -- a speaker decision: the window's thread writes it; the speaker list is read again in the background --


def click_row(qtbot, view, row, modifier=Qt.KeyboardModifier.NoModifier):
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center())


def test_a_merge_shows_loading_then_the_merged_speaker_read_in_the_background(qtbot, opened, lists):
    window, _ids = opened
    panel = window.speaker_panel
    window.speaker_dock.show()
    click_row(qtbot, panel.view, panel.model.row_of_name("Afanasiy Zarubkin"))
    click_row(qtbot, panel.view, panel.model.row_of_name("Afanasy Zarubkin"), Qt.KeyboardModifier.ControlModifier)
    lists.hold("speakers")
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    assert window.lib.decisions()[-1].kind == "merge"  # written before the list comes back
    # the list before the merge is not shown as the current one, nor read on the window's thread
    assert panel.notice == "Loading speakers…" and panel.model.rowCount() == 0
    assert window.lists_loading() and window.reads.is_running(window.SPEAKERS_READ)
    assert not panel.merge_button.isEnabled()
    with qtbot.waitSignal(window.lists_reloaded, timeout=10000):
        lists.release("speakers")
    assert lists.on_interface_thread == []
    assert panel.notice == "" and not window.lists_loading()
    assert_lists_as_read(window, window.lib.path)
    (merged,) = [s for s in panel.model.speakers if "Afanasy Zarubkin" in s["aliases"]]
    assert {"Afanasiy Zarubkin", "Afanasy Zarubkin"} <= set(merged["aliases"])
    assert panel.selected_ids() == [merged["id"]]  # the merged person stays selected


def test_a_second_decision_before_the_first_list_arrives_ends_with_the_second_list(qtbot, opened, monkeypatch):
    """The first decision's read is held back, its list read, until the second's list is shown: the
    older list never replaces the newer one, whichever read finishes first."""
    window, _ids = opened
    panel = window.speaker_panel
    gate, held = threading.Event(), []
    real = Library.speakers

    def speakers(self, *args, **kwargs):
        result = real(self, *args, **kwargs)
        if threading.current_thread() is not threading.main_thread() and not held:
            held.append(True)  # the first background read (the merged list) is held back once read
            assert gate.wait(30), "the first read was never released"
        return result

    monkeypatch.setattr(Library, "speakers", speakers)
    panel.select_name("Afanasiy Zarubkin")
    panel.select_name("Ilse Brannoch", add=True)
    panel.merge_button.click()  # two people as one: the first list has one speaker
    qtbot.waitUntil(lambda: bool(held), timeout=10000)  # the first read is running, held back
    first = window.reads._current[window.SPEAKERS_READ]
    assert panel.notice == "Loading speakers…"
    try:
        with qtbot.waitSignal(window.lists_reloaded, timeout=10000):
            window.menus.undo_action.trigger()  # the second decision: the merge undone
            assert panel.notice == "Loading speakers…" and panel.model.rowCount() == 0
    finally:
        gate.set()
    assert sorted(s["name"] for s in panel.model.speakers) == ["Afanasiy Zarubkin", "Ilse Brannoch"]
    second = [s["name"] for s in panel.model.speakers]
    with qtbot.waitSignal(first.finished, timeout=10000):  # the first read ends now, its list dropped
        pass
    assert [s["name"] for s in panel.model.speakers] == second and panel.notice == ""
    assert_lists_as_read(window, window.lib.path)


def test_the_cyclic_collector_runs_from_the_event_loop_while_a_window_is_open(qtbot, opened):
    """While a window is open Python never collects cycles in the middle of Qt code (once such a
    collection freed a Qt object whose destructor waited forever on a Qt lock: the window hung): the
    collector is off and a timer collects from the event loop, so a cycle holding a Qt object is still
    freed; closing the window hands collection back."""
    import gc
    import weakref

    from PySide6.QtCore import QObject
    from quotecheck.ui.jobs import MainLoopCollector

    window, _ = opened
    assert not gc.isenabled()

    class Cycle:
        pass

    held = Cycle()
    held.me, held.qt = held, QObject()
    gone = weakref.ref(held)
    del held
    before = MainLoopCollector.collections
    junk = [[] for _ in range(gc.get_threshold()[0] + 50)]  # the allocations that make a collection due
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)
    assert MainLoopCollector.collections > before and len(junk)
    running = MainLoopCollector._running
    window.close()
    assert MainLoopCollector._running == running - 1
