"""The main window: quote table on top, the selected quote's article and provenance below.

The window holds one :class:`~quotecheck.library.Library` for reads on the interface thread; its writes
(a person's decisions, corrected metadata) go to a :class:`~quotecheck.ui.jobs.ProjectWriter`, one
connection kept open in a thread of its own, and long work gets its own ``Library`` in a
:class:`~quotecheck.ui.jobs.LibraryJob`. Its menus and
shortcuts are a :class:`~quotecheck.ui.menus.Menus` that calls the window's public methods, and what it
remembers between runs is a :class:`~quotecheck.ui.settings.WindowSettings`.
"""

from __future__ import annotations

import logging
import os
import time
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from quotecheck.library import (
    IMPORT_FILTER,
    Library,
    LibraryError,
    NothingToExport,
    QuoteFilter,
    read_only_line,
    verdicts_left_out,
)

from .after_paint import AfterPaint
from .article_view import ArticleView
from .dialogs import ExportDialog, MetadataDialog
from .filter_bar import FilterBar
from .import_panel import ImportPanel
from .job_runner import JobRunner
from .jobs import BackgroundJob, LibraryJob, ProjectWriter, Reads, describe_error
from .keys import let_window_keys_win, let_window_undo
from .menus import Menus
from .models import QuoteTableModel
from .project_lists import ArticleLists, SpeakerLists, one_line, read_article_lists, read_speaker_lists
from .project_watch import ProjectWatch
from .provenance_view import ProvenanceView
from .quote_commands import QuoteCommands
from .quote_table import QuoteTable
from .removal import delete_articles_command, dismiss_command, hide_speakers_command, unhide_speakers_command
from .review import ReviewPanel, merge_command, review_command, split_command
from .settings import WindowSettings
from .speaker_panel import SpeakerPanel
from .style import panel_title_style
from .welcome import WelcomePage

log = logging.getLogger(__name__)

PROJECT_FILTER = "quotecheck projects (*.qcproj);;All files (*)"


class MainWindow(QuoteCommands, QMainWindow):
    """The quotecheck workbench.

    Attributes:
        lib: the open project, or None.
        log_path: the log file this window's process writes (shown in Help ▸ About), or None.
        menus: the actions (with their shortcuts) and the menu bar.
        settings: what the window remembers between runs.
        model: the quote table model.
        undo_stack: review decisions, undoable.
        jobs: runs background work (the running job is ``jobs.job``, also ``job``).
        reads: reads too long for the interface thread, run in the background (the rest of the quote
            ids, the lists of articles and speakers, at opening and after every change to them);
            cancelled when the project closes.
        current_quote_id: the quote shown in the article and provenance views.
        watch: notices that another program (the CLI) changed the project; the window then reads it
            again (:meth:`reload`, also View ▸ Reload, F5).

    Signals:
        project_opened(str): a project was opened (its path).
        lists_reloaded(): the reads of the article and flag choices and of the speaker panel have all
            arrived and are shown (a list whose read failed says so in its place); also after a speaker
            decision, whose speaker list is read in the background.
        quote_shown(int): the article, provenance and review views show this quote.
        project_reloaded(): the project was read again (F5, or a change another program made): the
            table and the shown quote are; the lists follow (``lists_reloaded``).
        job_done(object): a background job ended (its result, or None when it failed or was cancelled).
    """

    SPEAKER_DOCK_WIDTH = 230
    """The speaker list's starting width: people's names fit, longer names elide (with a tooltip)."""

    project_opened = Signal(str)
    lists_reloaded = Signal()
    quote_shown = Signal(int)
    project_reloaded = Signal()
    job_done = Signal(object)

    GONE_NOTICE = "This quote is no longer in the project (changed by another program) — the list has been reloaded."
    RESTORED_SELECTION_MAX = 5000
    """A reload selects again at most this many of the rows that were selected (else the current one only)."""

    def __init__(
        self,
        settings: QSettings | None = None,
        *,
        search_delay_ms: int = 200,
        log_path: str | os.PathLike | None = None,
        watch_interval_ms: int = 2000,
        reload_delay_ms: int = 300,
        parent=None,
    ):
        """``watch_interval_ms``: how often to look for changes another program made (0: only at F5 and
        when the application comes to the front); ``reload_delay_ms``: how long those changes must pause
        before the window reads the project again."""
        super().__init__(parent)
        self.log_path = Path(log_path) if log_path is not None else None
        self.settings = WindowSettings(settings)
        self.lib: Library | None = None
        self.writer: ProjectWriter | None = None  # the open project's writes, on one connection
        self.current_quote_id: int | None = None
        self.last_error = ""
        self._total = 0
        self._lists_pending: set[str] = set()  # the lists' reads not yet arrived
        self._writing = 0  # a decision is being written through a worker (no reload meanwhile)
        self._reload_wanted = False  # a reload put off until the running job ends
        self._reselect: list[int] | None = None  # the rows to select again when a reload's search arrives
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle("quotecheck")
        self.setAcceptDrops(True)
        self._build_widgets(search_delay_ms)
        self._outside_before_prepare = False
        self.watch = ProjectWatch(self._watch_busy, self, interval_ms=watch_interval_ms, settle_ms=reload_delay_ms)
        self.watch.changed.connect(self._changed_outside)
        self.menus = Menus(
            self, self, self.undo_stack, [self.speaker_dock.toggleViewAction(), self.import_dock.toggleViewAction()]
        )
        self._show_recent(self.settings.recent_projects())
        self.settings.restore_layout(self, self._splitters(), self.table.horizontalHeader())
        # the progress panel opens with a job: a saved layout in which it was open (an import or an
        # export ran last time) would show "Nothing running." over half the window
        self.import_dock.hide()
        self._update_actions()

    # -- construction -------------------------------------------------------------------------

    def _build_widgets(self, search_delay_ms: int) -> None:
        self.filter_bar = FilterBar(delay_ms=search_delay_ms)
        self.filter_bar.changed.connect(self.apply_filter)
        self.filter_bar.results_requested.connect(self.focus_results)
        self.reads = Reads(self)
        # reading ahead for speaker decisions waits for a quiet moment: it competes with the window's
        # thread for the interpreter (the first seconds after opening 10^5 quotes stalled 2-5 times longer)
        self._last_activity = time.monotonic()
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.timeout.connect(self._prepare_if_quiet)
        self.model = QuoteTableModel(parent=self, reads=self.reads)
        self.model.later = self._after_table_paint  # the rest of a long list once the first rows show
        self.model.searched.connect(self._searched)
        self.model.first_page.connect(self._first_page)
        self.model.search_failed.connect(self._search_failed)
        self.table = QuoteTable(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.quote_context_menu)
        self.article_view = ArticleView()
        self.article_view.quote_clicked.connect(self.select_quote)
        self.article_view.edit_details_requested.connect(self.edit_article_details)
        self.provenance_view = ProvenanceView()
        self.provenance_view.quote_clicked.connect(self.select_quote)
        self.review_panel = ReviewPanel()
        self.review_panel.review_requested.connect(self.review)
        self.review_panel.note_typing_started.connect(self._note_typing_started)

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.addWidget(self._titled("Provenance — every report of this statement", self.provenance_view))
        review_box = self._titled("Review", self.review_panel)
        self.right_splitter.addWidget(review_box)
        # the review panel keeps the height its lines need (the speaker line wraps in a narrow pane)
        summary = self.review_panel.summary
        summary.setMinimumHeight(2 * summary.fontMetrics().lineSpacing())
        self.right_splitter.setSizes([400, review_box.sizeHint().height()])
        self.bottom_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.bottom_splitter.addWidget(self._titled("Article", self.article_view))
        self.bottom_splitter.addWidget(self.right_splitter)
        self.bottom_splitter.setSizes([430, 540])
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.addWidget(self.table)
        self.main_splitter.addWidget(self.bottom_splitter)
        self.main_splitter.setSizes([250, 470])
        for splitter in (self.right_splitter, self.bottom_splitter, self.main_splitter):
            splitter.setChildrenCollapsible(False)

        workbench = QWidget()
        layout = QVBoxLayout(workbench)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.main_splitter, 1)
        self.welcome = WelcomePage()
        self.welcome.sample_requested.connect(self.open_sample)
        self.welcome.open_requested.connect(self.open_project_dialog)
        self.welcome.new_requested.connect(self.new_project_dialog)
        self.welcome.recent_requested.connect(self.open_project)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(workbench)
        self.setCentralWidget(self.stack)

        self.speaker_panel = SpeakerPanel()
        self.speaker_panel.merge_requested.connect(self.merge_speakers)
        self.speaker_panel.split_requested.connect(self.split_speaker)
        self.speaker_panel.hide_requested.connect(self.hide_speakers)
        self.speaker_panel.unhide_requested.connect(self.unhide_speakers)
        self.speaker_panel.show_requested.connect(self.filter_bar.set_speaker)
        self.speaker_dock = QDockWidget("Speakers", self)
        self.speaker_dock.setObjectName("speakers")
        self.speaker_dock.setWidget(self.speaker_panel)
        self.speaker_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.speaker_dock)
        # only the person's own toggle (menu or the dock's close button) is remembered, not our hiding
        self.speaker_dock.toggleViewAction().triggered.connect(self._speakers_toggled)
        self.speaker_dock.installEventFilter(self)
        self.resizeDocks([self.speaker_dock], [self.SPEAKER_DOCK_WIDTH], Qt.Orientation.Horizontal)

        self.import_panel = ImportPanel()
        self.import_dock = QDockWidget("Import", self)
        self.import_dock.setObjectName("import")
        self.import_dock.setWidget(self.import_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.import_dock)
        self.import_dock.hide()
        self.jobs = JobRunner(self.import_panel, self.import_dock, self.show_error, self)
        self.jobs.done.connect(self._job_ended)
        self.jobs.done.connect(self.job_done)

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        # Ctrl+Z in a field undoes its typing, then the last decision
        fields = (
            self.filter_bar.search,
            self.filter_bar.speaker,
            self.review_panel.correct_edit,
            self.review_panel.note_edit,
        )
        self._undo_fallback = let_window_undo(*fields)
        # Ctrl+E, Ctrl+D… run the window's command from a field too (on X11 a line edit takes them)
        self._window_keys_first = let_window_keys_win(
            lambda: self.menus.own_shortcuts(), *fields, self.filter_bar.article.lineEdit()
        )

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        label = QLabel(title)
        label.setStyleSheet(panel_title_style())
        label.setWordWrap(True)  # a long title wraps in a narrow pane instead of holding the window wide
        label.setToolTip(title)
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    # -- projects -----------------------------------------------------------------------------

    def open_project(self, path: str | os.PathLike, *, create: bool = False) -> bool:
        """Open a project file (creating it when ``create``); False, with a message, when it cannot (or
        when the person, asked about notes typed and not saved, cancels)."""
        if not self._settle_unsaved_notes():
            return False
        try:
            lib = Library(path, create=create)
        except (LibraryError, OSError) as exc:
            why = str(exc).removeprefix(f"{path}: ")  # the core's message names the file already
            self.show_error(f"Cannot open {path}: {why}")
            return False
        self.close_project()
        self.lib = lib
        if not lib.read_only:  # a project opened read-only has no writes to run
            self.writer = ProjectWriter(lib.path, self)
            self.writer.read_ahead.connect(self._read_ahead_ended)
        self.watch.watch(lib)
        path = str(Path(path).resolve())
        self.setWindowTitle(f"{os.path.basename(path)}{' (read-only)' if lib.read_only else ''} — quotecheck")
        self.review_panel.set_read_only(lib.read_only)
        self.article_view.set_read_only(lib.read_only)
        self._show_recent(self.settings.remember_project(path))
        self._update_actions()
        self._total = lib.count_quotes()
        # until their reads arrive (seconds on a large project) the lists say so, rather than look empty
        self.speaker_panel.show_notice(self.LOADING_SPEAKERS)
        self.filter_bar.set_article_notice(self.LOADING_ARTICLES)
        self.model.set_library(lib, search=False)
        self.filter_bar.clear()  # runs the first search
        if self.model.rowCount():
            self.select_row(0)
        # the table paints first; lists for the filters and the speaker panel follow, read in the background
        self._reload_lists_after_paint()
        if lib.read_only:  # said once, and it stays until another message takes its place
            self.statusBar().showMessage(read_only_line(path))
        else:
            self.statusBar().showMessage(f"Opened {path}", 5000)
        self.project_opened.emit(path)
        if lib.read_only:
            pass  # nothing can be matched or read ahead for decisions: it is shown as it is
        elif lib.needs_matching():  # an import or re-extraction was stopped before matching: finish it
            QTimer.singleShot(0, self.finish_matching)
        else:  # the first speaker decision would read every quote: read them once the person pauses
            self._schedule_prepare()
        return True

    PREPARE_QUIET_MS = 3000
    """How long the window must have been left alone (no quote shown, no search, no job, no read running)
    before the writer reads ahead for speaker decisions."""

    def _schedule_prepare(self) -> None:
        """Read ahead for speaker decisions at the next quiet moment (a decision asked for before does
        the reading itself, as the first one on a connection)."""
        self._prepare_timer.start(self.PREPARE_QUIET_MS)

    def _prepare_if_quiet(self) -> None:
        if self.lib is None or self.writer is None:
            return
        busy = self.jobs.is_busy() or self.reads.is_running() or bool(self._writing)
        if busy or time.monotonic() - self._last_activity < self.PREPARE_QUIET_MS / 1000:
            self._schedule_prepare()
            return
        self._prepare_decisions()

    def _prepare_decisions(self) -> None:
        """Have the writer read ahead what a speaker decision reads (see :class:`ProjectWriter`)."""
        if self.writer is not None and not self.writer.is_preparing():
            self._outside_before_prepare = self.watch.pending()
            self.writer.prepare()

    def _read_ahead_ended(self, alone: bool) -> None:
        """The writer's reading ahead ended: a commit it made is the window's own, not another program's
        (unless another program had committed before it began, or did while it ran)."""
        if alone and not self._outside_before_prepare and self.lib is not None:
            self.watch.mark_seen()

    def _after_table_paint(self, callback) -> None:
        """Run ``callback`` once the quote table has painted (or after half a second if it does not
        paint, hidden): work that can wait must not hold back the first rows."""
        AfterPaint(self.table.viewport(), callback)

    def finish_matching(self) -> None:
        """Match speakers and statements in the background (a project left unmatched by a stopped import)."""
        if self.lib is None:
            return
        job = LibraryJob(
            self.lib.path, lambda lib, p: lib.match(progress=p), "Finishing the matching this project needs"
        )
        self.jobs.run(job, lambda _r: self._import_done_matching())

    def _import_done_matching(self) -> None:
        self.statusBar().showMessage("Matching finished: speakers, statements and flags are up to date.", 8000)
        self._lists_changed()
        self.apply_filter()

    def close_project(self) -> None:
        self.watch.watch(None)
        self.cancel_job()
        self.reads.stop()
        self._reselect = None
        self._reload_wanted = False
        self.undo_stack.clear()
        self.current_quote_id = None
        self.model.set_library(None)
        self.article_view.clear()
        self.provenance_view.clear_view()
        self.review_panel.drop_unsaved_notes()
        self.review_panel.set_quote(None)
        self._lists_pending.clear()
        self.speaker_panel.set_speakers([])
        self.filter_bar.set_article_choices([])
        self._close_writer()
        if self.lib is not None:
            self.lib.close()
            self.lib = None
        self._update_actions()

    def _close_writer(self) -> None:
        self._prepare_timer.stop()
        if self.writer is not None:
            self.writer.close()
            self.writer.deleteLater()
            self.writer = None

    ARTICLES_READ = "article lists"
    SPEAKERS_READ = "speaker lists"
    LOADING_ARTICLES = "Loading articles…"
    LOADING_SPEAKERS = "Loading speakers…"

    def reload_lists(self, *, articles: bool = True, speakers: bool = True) -> None:
        """Read the article and flag choices and the speaker panel's list again, in the background
        (seconds on a large project; a read of the same list still running is cancelled, its result
        would be older). Each list shows as soon as its read arrives; meanwhile a list shows what it
        showed, or "Loading…" at opening. ``lists_reloaded`` tells when both have arrived."""
        lib = self.lib
        if lib is None:
            return
        wanted = []
        if articles:
            wanted.append((self.ARTICLES_READ, read_article_lists, self._show_article_lists))
            if self.filter_bar.article_choices.notice_is_error:  # trying again
                self.filter_bar.set_article_notice(self.LOADING_ARTICLES)
        if speakers:
            wanted.append((self.SPEAKERS_READ, read_speaker_lists, self._show_speaker_lists))
            if self.speaker_panel.view.notice_is_error:
                self.speaker_panel.show_notice(self.LOADING_SPEAKERS)
        for key, reader, show in wanted:
            self._lists_pending.add(key)
            if lib.path.name == ":memory:":  # a memory project has one connection, this thread's
                try:
                    result = reader(lib)
                except Exception as exc:
                    log.exception("reading the %s failed", key)
                    self._list_failed(key, describe_error(exc))
                else:
                    self._list_read(key, show, result)
                continue
            self.reads.run(key, lib.path, reader, partial(self._list_read, key, show), partial(self._list_failed, key))

    def _lists_changed(self) -> None:
        """Quotes, articles or speakers came, went or were regrouped (an import, a matching run, a
        removal): the count now (milliseconds), the lists in the background once the table has painted."""
        if self.lib is None:
            return
        self.watch.mark_seen()  # the count, the table (the caller searches again) and the lists are read now
        self._total = self.lib.count_quotes()
        self._reload_lists_after_paint()

    def _reload_lists_after_paint(self) -> None:
        """:meth:`reload_lists` once the quote table has painted: the reads compete with this thread
        for the interpreter, and would stretch the search and the paint that come first (measured:
        a 40 ms step took 120 ms beside them). The lists count as loading from now on."""
        self._lists_pending.update((self.ARTICLES_READ, self.SPEAKERS_READ))
        self._after_table_paint(self.reload_lists)

    def _list_read(self, key: str, show, result) -> None:
        if self.lib is None:
            return
        show(result)
        self._list_settled(key)

    def _list_failed(self, key: str, message: str) -> None:
        """A list's read failed (Reads logged it): one line in the list's place, never a traceback."""
        if self.lib is None:
            return
        line = one_line(message)
        if key == self.SPEAKERS_READ:
            self.speaker_panel.show_notice(f"Speakers could not be read: {line}", error=True)
        else:
            self.filter_bar.set_article_notice(f"Articles could not be read: {line}", error=True)
        self._list_settled(key)

    def _list_settled(self, key: str) -> None:
        if key in self._lists_pending:
            self._lists_pending.discard(key)
            if not self._lists_pending:
                self.lists_reloaded.emit()

    def lists_loading(self) -> bool:
        """Whether a read of the lists (articles or speakers) has yet to arrive."""
        return bool(self._lists_pending)

    def _show_article_lists(self, lists: ArticleLists) -> None:
        self.filter_bar.set_article_choices(lists.articles)
        self.filter_bar.set_flag_kinds(lists.flag_kinds)

    def _show_speaker_lists(self, lists: SpeakerLists) -> None:
        self._show_speakers(lists.speakers, lists.speaker_names)

    def _reload_speakers(self) -> None:
        """The speaker list again after a speaker decision (a merge, a split, a hide, a corrected speaker,
        or its undo), read in the background like the other lists (0.45 s on a million quotes, which
        this thread would not answer for): meanwhile the panel says "Loading speakers…" rather than show
        the list before the decision, then selects and scrolls back to where the person was. A read
        started before (by an earlier decision) is cancelled; its list would be older."""
        if self.lib is None:
            return
        self.speaker_panel.show_reloading(self.LOADING_SPEAKERS)
        self.reload_lists(articles=False)

    def _show_speakers(self, speakers, names: list[str]) -> None:
        self.speaker_panel.set_speakers(speakers)
        self.review_panel.set_speaker_names(names)
        self.filter_bar.set_speaker_names(names)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", self._last_dir(), PROJECT_FILTER)
        if path:
            self.open_project(path)

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New project", self._last_dir() + "/untitled.qcproj", PROJECT_FILTER
        )
        if path:
            if not path.endswith(".qcproj"):
                path += ".qcproj"
            self.open_project(path, create=True)

    def _last_dir(self) -> str:
        return self.settings.last_dir()

    def _show_recent(self, paths: list[str]) -> None:
        self.menus.set_recent(paths)
        self.welcome.set_recent(paths)

    def _speakers_toggled(self, visible: bool) -> None:
        self.settings.set_speakers_visible(visible)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.speaker_dock and event.type() == QEvent.Type.Close:
            self.settings.set_speakers_visible(False)  # the dock's own close button
        return super().eventFilter(watched, event)

    def _update_actions(self) -> None:
        has_project = self.lib is not None
        self.menus.set_project_open(has_project, writable=has_project and not self.lib.read_only)
        # the speaker list shows with a project unless the person closed it (remembered across opens)
        self.speaker_dock.setVisible(has_project and self.settings.speakers_visible())
        self.stack.setCurrentIndex(1 if has_project else 0)

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "main_splitter": self.main_splitter,
            "bottom_splitter": self.bottom_splitter,
            "right_splitter": self.right_splitter,
        }

    def save_layout(self) -> None:
        """Remember the window's geometry, docks, splitters and quote table columns."""
        self.settings.save_layout(self, self._splitters(), self.table.horizontalHeader())

    def open_sample(self) -> None:
        """Open the bundled sample project, building it first in the background (with progress)."""
        self.jobs.run(
            BackgroundJob(lambda p: Library.build_sample(progress=p), "Building the sample project"),
            lambda result: self.open_project(result),
        )

    # -- background jobs ----------------------------------------------------------------------

    @property
    def job(self) -> BackgroundJob | None:
        """The running background job, or None."""
        return self.jobs.job

    def cancel_job(self) -> None:
        self.jobs.cancel()

    def start_import(self, paths: list[str]) -> bool:
        """Import article files and folders into the open project, in the background."""
        if self.lib is None:
            self.show_error("Open or create a project before importing articles.")
            return False
        if self.lib.read_only:
            self.statusBar().showMessage(f"Nothing imported: {read_only_line(self.lib.path, edit=True)}", 10000)
            return False
        paths = [str(p) for p in paths]
        job = LibraryJob(self.lib.path, lambda lib, p: lib.ingest(paths, progress=p), f"Importing {len(paths)} item(s)")
        return self.jobs.run(job, self._import_done)

    def _import_done(self, report) -> None:
        summary = "Imported: " + report.summary()  # the line the command line prints
        if getattr(report, "cancelled", False):
            summary += " — cancelled, what was finished is kept"
        # the lines a person should read: what failed, what was left out, a verdict now on other words,
        # metadata changed
        lines = [
            *(getattr(report, "errors", []) or []),
            *(getattr(report, "notes", []) or []),
            *(f"check: {line}" for line in getattr(report, "reworded", []) or []),
            *(getattr(report, "changes", []) or []),
        ]
        self.import_panel.finished(summary, lines)
        self.statusBar().showMessage(summary, 8000)
        if self.lib is not None:
            current = self.current_quote_id
            self._lists_changed()
            self.apply_filter()
            if current is None and self.model.rowCount():
                self.select_row(0)

    def import_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Import articles",
            self._last_dir(),
            IMPORT_FILTER,
        )
        if paths:
            self.settings.set_last_dir(os.path.dirname(paths[0]))
            self.start_import(paths)

    def import_folder_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import a folder of articles", self._last_dir())
        if path:
            self.settings.set_last_dir(path)
            self.start_import([path])

    def import_url_dialog(self) -> None:
        """Ask for a link and import the page behind it (the only thing that reaches the network)."""
        url, ok = QInputDialog.getText(self, "Import from URL", "Address of the article (http or https):")
        if ok and url.strip():
            self.start_import([url.strip()])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        projects = [p for p in paths if p.lower().endswith(".qcproj")]
        if projects:  # a project file is opened, never read as an article
            if len(paths) > 1:
                self.statusBar().showMessage("Opened the project file; drop articles on it separately.", 8000)
            self.open_project(projects[0])
        else:
            self.start_import(paths)

    # -- the quote table ----------------------------------------------------------------------

    def apply_filter(self) -> None:
        self._last_activity = time.monotonic()
        if self.lib is not None:
            self._reselect = None
            self.model.search(self.filter_bar.quote_filter())

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def focus_results(self) -> None:
        """Move the keyboard to the quote table, on the current row or the first."""
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.select_row(0)

    def clear_filters(self) -> None:
        self.filter_bar.clear()

    def _searched(self, count: int) -> None:
        if self.statusBar().currentMessage().startswith("Search: "):
            self.statusBar().clearMessage()  # a search that failed before this one says nothing now
        total = self._total
        self.count_label.setText(f"{count:,} of {total:,} quotes" if count != total else f"{total:,} quotes")
        if count == 0:
            self.table.set_empty_text(
                "No quotes match this search or filter." if total else "No quotes yet: import articles (File ▸ Import)."
            )
        else:
            self.table.set_empty_text("")
        if self.current_quote_id is not None:
            row = self.model.row_of(self.current_quote_id)
            if row >= 0:
                self._select_row_quietly(row)
                self._restore_selection()
            else:
                # the panes follow what the person can see: a hidden quote is never shown nor reviewed
                self.clear_quote()

    def _first_page(self, shown: int) -> None:
        """The first rows of a long result are shown; the count follows once the rest is read."""
        self.count_label.setText(f"{shown:,}+ of {self._total:,} quotes — loading…")
        self.table.set_empty_text("")

    def _search_failed(self, message: str) -> None:
        """A search the core cannot read: an empty table that says why (no dialog while typing)."""
        self._searched(0)
        self.table.set_empty_text(f"Nothing searched: {message}.")
        self.statusBar().showMessage(f"Search: {message}", 6000)

    def clear_quote(self) -> None:
        """Empty the article, provenance and review panes (no quote selected)."""
        self.current_quote_id = None
        self.article_view.clear()
        self.provenance_view.clear_view()
        self.review_panel.set_quote(None)

    def _select_row_quietly(self, row: int) -> None:
        index = self.model.index(row, 0)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.blockSignals(False)
        self.table.viewport().update()
        self.table.scrollTo(index)

    def select_row(self, row: int, *, center: bool = False) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            hint = (
                QAbstractItemView.ScrollHint.PositionAtCenter if center else QAbstractItemView.ScrollHint.EnsureVisible
            )
            self.table.scrollTo(index, hint)

    def select_quote(self, quote_id: int) -> None:
        """Select a quote in the table when the filter shows it, and show it in the views either way."""
        row = self.model.row_of(quote_id)
        if row >= 0:
            self.select_row(row, center=True)
        else:
            self.table.clearSelection()
            self.show_quote(quote_id)
            if self.model.loading:
                self.statusBar().showMessage("The quote list is still loading; that quote is shown meanwhile.", 4000)
            else:
                self.statusBar().showMessage("That quote is outside the current filter.", 4000)

    def selected_quote_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.ids[r] for r in rows if r < len(self.model.ids)]

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        quote_id = self.model.quote_id(current.row()) if current.isValid() else None
        if quote_id is not None:
            self.show_quote(quote_id)

    def _selection_changed(self, *_args) -> None:
        self.review_panel.set_selection_count(len(self.table.selectionModel().selectedRows()))
        seen = self.review_panel.notes_seen
        if seen is not None:  # quotes selected while a note is typed: their notes as they are now
            seen.update(self._stored_notes([q for q in self.selected_quote_ids() if q not in seen]))

    def _note_typing_started(self) -> None:
        self.review_panel.notes_seen = self._stored_notes(self.selected_quote_ids())

    def _stored_notes(self, ids: list[int]) -> dict[int, str]:
        """The notes of these quotes as the project holds them now (the shown quote's aside: the Review
        pane itself tells when that one changes)."""
        ids = [q for q in ids if q != self.current_quote_id]
        if self.lib is None or not ids:
            return {}
        notes: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            notes.update({q: r.note or "" for q, r in self.lib.quote_rows(ids[start : start + 500]).items()})
        return notes

    def _notes_changed_elsewhere(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        """Which of these quotes (other than the shown one) had their note changed by another program
        since the person began typing a note: id -> (how the bar names the quote, its note now)."""
        seen = self.review_panel.notes_seen
        if self.lib is None or not seen:
            return {}
        ids = [q for q in ids if q in seen and q != self.current_quote_id]
        changed: dict[int, tuple[str, str]] = {}
        for start in range(0, len(ids), 500):
            for q, row in self.lib.quote_rows(ids[start : start + 500]).items():
                if (row.note or "") != seen[q]:
                    changed[q] = (_quote_label(row), row.note or "")
        return changed

    def step(self, delta: int, *, flagged: bool = False) -> None:
        """Move the selection to the next (or previous) quote, optionally the next flagged one."""
        n = self.model.rowCount()
        if not n:
            return
        row = self.table.currentIndex().row()
        row = (-1 if delta > 0 else n) if row < 0 else row
        while True:
            row += delta
            if not 0 <= row < n:
                return
            if not flagged or self.model.row_data(row).flags:
                self.select_row(row)
                return

    # -- the views of one quote ---------------------------------------------------------------

    def show_quote(self, quote_id: int, *, force: bool = False, keep_typing: bool = False) -> None:
        """Fill the article, provenance and review views for one quote (``keep_typing``: the same quote
        read again, a note typed and not saved stays). A quote no longer in the project (another program
        dismissed or deleted it) is never left showing the one before: the panes say it is gone, and
        the table is read again."""
        self._last_activity = time.monotonic()
        lib = self.lib
        if lib is None:
            return
        row = lib.quote_rows([quote_id]).get(quote_id)
        if row is None:
            self._quote_gone(quote_id)
            return
        self.current_quote_id = quote_id
        article_id = row.article_id
        if force or self.article_view.article_id != article_id:
            self.article_view.show_article(lib.article(article_id), lib.article_quotes(article_id))
        self.article_view.select_quote(quote_id)
        self.provenance_view.show_provenance(lib.provenance(quote_id))
        self.review_panel.set_quote(row, keep_typing=keep_typing)
        self.quote_shown.emit(quote_id)

    def edit_current_article_details(self) -> None:
        """Details of the article shown, or of every article of the selected quotes when they are several."""
        articles = self._selected_article_ids()
        self.edit_article_details(articles if len(articles) > 1 else self.article_view.article_id)

    def _selected_article_ids(self) -> list[int]:
        if self.lib is None:
            return []
        rows = self.lib.quote_rows(self.selected_quote_ids()).values()
        return list(dict.fromkeys(r.article_id for r in rows))

    def edit_article_details(self, article_id: int | list[int] | None) -> None:
        """The Details dialog for one article, or for several at once (a list of ids)."""
        if self.lib is None or article_id is None:
            return
        if self.lib.read_only:
            self.statusBar().showMessage(
                f"Article details not opened: {read_only_line(self.lib.path, edit=True)}", 10000
            )
            return
        articles = [self.lib.article(a) for a in article_id] if isinstance(article_id, list) else None
        dialog = MetadataDialog(articles or self.lib.article(article_id), self)  # type: ignore[arg-type]
        while dialog.exec():
            try:
                self.save_article_details(article_id, dialog.changes())
                return
            except LibraryError as exc:
                dialog.error.setText(str(exc))

    def save_article_details(self, article_id: int | list[int], changes: dict[str, str]) -> None:
        """Store corrected metadata (of one article or several) and show it everywhere."""
        if not changes or self.lib is None:
            return
        ids = article_id if isinstance(article_id, list) else [article_id]
        self.run_blocking(lambda lib: lib.set_meta_many(ids, **changes), "Saving article details")
        self.reload_lists(speakers=False)  # titles, outlets and dates label the article choice
        self.model.refresh_rows()
        if self.current_quote_id is not None:
            self.show_quote(self.current_quote_id, force=True)
        self.statusBar().showMessage("Article details saved.", 4000)

    # -- review -------------------------------------------------------------------------------

    def confirm_speaker(self) -> None:
        self.review_panel.confirm.click()

    def focus_correction(self) -> None:
        self.review_panel.focus_correction()

    def choose_verdict(self, verdict: str) -> None:
        self.review_panel.choose_verdict(verdict)

    def review(self, quote_id: int, decision: dict) -> None:
        """Record a decision on the shown quote, or on every selected quote when it is one of several.

        Only on the quote the person sees: it must be the one the Review pane shows, among the highlighted
        rows, still in the project and as the pane shows it; else nothing is written (one line says why).
        """
        selected = self.selected_quote_ids()
        ids = selected if quote_id in selected and len(selected) > 1 else [quote_id]
        if not self._may_decide(quote_id, selected, ids):
            return
        if "note" in decision:  # the note goes to every selected quote: none changed unseen meanwhile
            changed = self._notes_changed_elsewhere(ids)
            if changed:
                self.review_panel.notes_changed_elsewhere(changed, asked=True)
                what = "a quote" if len(changed) == 1 else f"{len(changed)} quotes"
                self._refuse(f"another program changed the note of {what} selected with this one; choose first")
                return
        self.undo_stack.push(review_command(self, ids, **decision))

    def merge_speakers(self, speakers: list[int]) -> None:
        """Merge these speaker rows (ids: each row is one identity, whatever its name) as one undo step."""
        names = [self.speaker_panel.name_of(s) for s in speakers]
        self.undo_stack.push(merge_command(self, list(speakers), names))

    def split_speaker(self, speaker: int, alias: str) -> None:
        self.undo_stack.push(split_command(self, speaker, alias, self.speaker_panel.name_of(speaker)))

    def dismiss_selected_quotes(self) -> None:
        """Dismiss the selected quotes (a headline, a scare quote: not a quotation) as one undoable step."""
        if self.speaker_panel.view.hasFocus():  # Delete in the speaker list hides the chosen entries
            self.speaker_panel.hide_selected()
            return
        ids = self.selected_quote_ids()
        if self.lib is None or not ids:
            self.statusBar().showMessage("Select the quotes to dismiss in the table.", 4000)
            return
        if self._refuse_missing(ids):
            return
        self._removal_row = min(self.model.row_of(i) for i in ids)
        self.undo_stack.push(dismiss_command(self, ids, self.after_removal))

    def delete_selected_articles(self) -> None:
        """Delete the articles of the selected quotes (else the article shown) as one undoable step."""
        if self.lib is None:
            return
        selected = self.selected_quote_ids()
        if selected and self._refuse_missing(selected):
            return
        rows = self.lib.quote_rows(selected).values()
        labels = {r.article_id: r.title or os.path.basename(r.path) for r in rows}
        if not labels and self.article_view.article_id is not None:
            article = self.lib.article(self.article_view.article_id)
            labels = {article.id: article.meta.title or os.path.basename(article.path)}
        if not labels:
            self.statusBar().showMessage("Select a quote of the article to delete.", 4000)
            return
        self._removal_row = max(0, self.table.currentIndex().row())
        self.undo_stack.push(delete_articles_command(self, list(labels), list(labels.values()), self.after_removal))

    def hide_speakers(self, speakers: list[int]) -> None:
        """Hide speaker-list entries that are no speakers (ids), as one undoable step."""
        self.undo_stack.push(hide_speakers_command(self, list(speakers), self._reload_speakers))

    def unhide_speakers(self, speakers: list[int]) -> None:
        self.undo_stack.push(unhide_speakers_command(self, list(speakers), self._reload_speakers))

    def after_removal(self) -> None:
        """Quotes or articles came or went (a removal or its undo): lists (in the background), table and
        panes again."""
        self._lists_changed()
        self.apply_filter()
        current = self.current_quote_id
        if current is not None and self.lib is not None and current not in self.lib.quote_rows([current]):
            self.clear_quote()  # the shown quote was the one taken out (a long list is still being read)
        if self.current_quote_id is not None:
            self.show_quote(self.current_quote_id, force=True)
        elif self.model.rowCount():  # on to the row that took the removed one's place
            self.select_row(min(getattr(self, "_removal_row", 0), self.model.rowCount() - 1))

    def run_blocking(self, fn, title: str):
        """Run a write, ``fn(library)``, on the project's writer and wait for it behind a busy dialog (shown
        after 0.4 s); its failure comes back as a :class:`LibraryError`."""
        if self.lib is None:
            raise LibraryError("no project is open")
        if self.lib.read_only:
            raise LibraryError(read_only_line(self.lib.path, edit=True))
        outside = self.watch.pending()  # a change another program made before stays to be read
        self._writing += 1
        try:
            if self.writer is None:
                self.writer = ProjectWriter(self.lib.path, self)
                self.writer.read_ahead.connect(self._read_ahead_ended)
            return self.writer.run(fn, title, self)
        finally:
            self._writing -= 1
            if not outside and self.lib is not None:
                self.watch.mark_seen()  # the worker's commit is ours: the caller shows it

    def after_review(self, quote_ids: list[int], speakers_changed: bool) -> None:
        """Bring the table and views in line after a decision (or its undo)."""
        if speakers_changed:
            self.model.refresh_rows()
            self._reload_speakers()
        else:
            self.model.refresh_rows(quote_ids)
        if self.current_quote_id is not None and (speakers_changed or self.current_quote_id in quote_ids):
            self.show_quote(self.current_quote_id, force=speakers_changed)

    def show_error(self, message: str) -> None:
        """Tell the person without blocking (a non-modal box, and the status bar)."""
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, "quotecheck", message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.last_error = message

    # -- changes another program made ---------------------------------------------------------

    def reload(self, *, outside: bool = False) -> None:
        """View ▸ Reload (F5): read the project file again — the count, the table (same filter, sort and
        selection where the quotes are still there), the shown quote (a note typed and not saved stays)
        and, in the background, the lists. Also run by itself when another program changed the file
        (``outside``). Put off until the running import or matching job has ended."""
        lib = self.lib
        if lib is None:
            return
        if self._reload_would_interrupt():
            self._reload_wanted = True
            if not outside:
                self.statusBar().showMessage("The project is read again once the running task has ended.", 5000)
            return
        self._reload_wanted = False
        self.watch.mark_seen()  # what is committed from now on is read at the next reload
        self._total = lib.count_quotes()
        current = self.current_quote_id
        if current is not None and current not in lib.quote_rows([current]):
            self._quote_gone(current, reload=False)
            current = None
        self._carry_drafts()
        selected = self.selected_quote_ids() if current is not None else []
        self._reselect = selected if 1 < len(selected) <= self.RESTORED_SELECTION_MAX else None
        self.model.search(self.filter_bar.quote_filter())  # selects the current quote again (``_searched``)
        if self.current_quote_id is not None:
            self.show_quote(self.current_quote_id, force=True, keep_typing=True)
            self.review_panel.notes_changed_elsewhere(self._notes_changed_elsewhere(selected))
        self._reload_lists_after_paint()
        self.statusBar().showMessage(
            "Another program changed the project: read again." if outside else "Project read again.", 5000
        )
        self.project_reloaded.emit()

    def _changed_outside(self) -> None:
        log.info("the project changed on disk (another connection committed): reading it again")
        self.reload(outside=True)
        self._schedule_prepare()

    def _watch_busy(self) -> bool:
        """Not now for a change seen from outside: a reload would interrupt, or the writer is reading
        ahead (a commit of its own is told apart when it ends: :meth:`_read_ahead_ended`)."""
        return self._reload_would_interrupt() or (self.writer is not None and self.writer.is_preparing())

    def _reload_would_interrupt(self) -> bool:
        """A reload now would cut into the person's own write, a background job or a dialog."""
        return bool(self._writing) or self.jobs.is_busy() or QApplication.activeModalWidget() is not None

    def _job_ended(self, _result) -> None:
        """A job ended: a reload put off meanwhile runs now; else what was committed since the table and
        lists were last read (an import or matching run reads them again itself, just before) is read."""
        if self.lib is None:
            return
        if self._reload_wanted:
            QTimer.singleShot(0, self.reload)
        else:
            self.watch.check()
        self._schedule_prepare()  # an import or a matching committed on a connection of its own

    def _carry_drafts(self) -> None:
        """Notes typed and not saved for quotes no longer in the project go to the quote a new version of
        the article has in their place, found as saved decisions are (the same words, or most of them,
        where they were; else the quote over their place by the same speaker reading half the same); a
        draft with no such quote stays, and closing says where its words are."""
        panel, lib = self.review_panel, self.lib
        if lib is None:
            return
        gone = [q for q in panel.drafts if q not in lib.quote_rows([q])]
        for quote_id in gone:
            draft = panel.drafts[quote_id]
            successor = lib.successor(*draft.anchor) if draft.anchor is not None else None
            if successor is not None and successor not in panel.drafts:
                panel.drafts[successor] = panel.drafts.pop(quote_id)
                self.statusBar().showMessage(
                    f"Your unsaved note moved with its quote to the article's new version (quote {successor}).", 8000
                )

    def _quote_gone(self, quote_id: int, *, reload: bool = True) -> None:
        """The quote to show is no longer in the project: the panes say so (none keeps showing the quote
        before), no decision can be taken, and the table is read again (after this event: the selection
        may be changing)."""
        log.info("quote %s is no longer in the project", quote_id)
        self.current_quote_id = None
        self.article_view.clear()
        self.provenance_view.clear_view()
        self.review_panel.show_gone(self.GONE_NOTICE)
        self.statusBar().showMessage(f"Quote {quote_id} is no longer in the project; the list is read again.", 8000)
        if reload:
            QTimer.singleShot(0, self.reload)

    def _restore_selection(self) -> None:
        """Select again the rows selected before a reload (those still listed), beside the current one."""
        wanted, self._reselect = self._reselect, None
        if not wanted:
            return
        position = {quote_id: row for row, quote_id in enumerate(self.model.ids)} if len(wanted) > 20 else None
        rows = sorted(
            r
            for r in ((position.get(q, -1) if position is not None else self.model.row_of(q)) for q in wanted)
            if r >= 0
        )
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        start = prev = None
        for r in [*rows, None]:
            if start is not None and (r is None or r != prev + 1):
                selection.select(self.model.index(start, 0), self.model.index(prev, last))
                start = None
            if r is not None and start is None:
                start = r
            prev = r
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)

    def _may_decide(self, quote_id: int, selected: list[int], ids: list[int]) -> bool:
        """Whether a decision on ``ids`` (for the quote the Review pane shows, ``quote_id``) may be written:
        the pane shows the highlighted quote, every quote is still in the project, and the shown one is
        as the pane shows it. Else one line in the status bar, and nothing written."""
        lib = self.lib
        shown = self.review_panel.row
        if lib is None:
            return False
        if (
            quote_id != self.current_quote_id
            or shown is None
            or shown.id != quote_id
            or (selected and quote_id not in selected)
        ):
            self.review_panel.set_quote(shown, keep_typing=True)  # undo what the click showed (a verdict)
            self._refuse("the Review pane is not showing the highlighted quote; select the quote again")
            return False
        if self._refuse_missing(ids):
            return False
        fresh = lib.quote_rows([quote_id]).get(quote_id)
        if fresh is None or _as_reviewed(fresh) != _as_reviewed(shown):
            same_quote = fresh is not None and _identity(fresh) == _identity(shown)
            self.show_quote(quote_id, force=not same_quote, keep_typing=same_quote)
            self._refuse(
                "this quote changed since it was shown (another program?); it is shown as it is now, decide again"
            )
            return False
        return True

    def _refuse_missing(self, ids: list[int]) -> bool:
        """Refuse (True) a decision on quotes of which some are no longer in the project; read it again."""
        missing = self._missing_quotes(ids)
        if not missing:
            return False
        if self.current_quote_id in missing:
            self._quote_gone(self.current_quote_id)
        else:
            QTimer.singleShot(0, self.reload)
        what = "this quote is" if len(ids) == 1 else f"{len(missing)} of the {len(ids)} selected quotes are"
        self._refuse(f"{what} no longer in the project (changed by another program); the list is read again")
        return True

    def _missing_quotes(self, ids: list[int]) -> list[int]:
        if self.lib is None:
            return list(ids)
        present: set[int] = set()
        for start in range(0, len(ids), 500):
            present.update(self.lib.quote_ids(QuoteFilter(quote_ids=tuple(ids[start : start + 500]))))
        return [q for q in ids if q not in present]

    def _refuse(self, why: str) -> None:
        log.info("decision refused: %s", why)
        self.statusBar().showMessage(f"Nothing recorded: {why}.", 10000)

    # -- export -------------------------------------------------------------------------------

    def export_dialog(self) -> None:
        if self.lib is None:
            return
        selected = self.selected_quote_ids()
        reviewer = self.settings.reviewer()
        stem = Path(self.lib.path).stem + "-quotes"
        dialog = ExportDialog(
            len(selected), self.model.rowCount(), self._last_dir(), self, reviewer=reviewer, stem=stem
        )
        if dialog.exec():
            self.settings.set_last_dir(os.path.dirname(dialog.path) or self._last_dir())
            if dialog.format == "claimreview":
                self.settings.set_reviewer(dialog.reviewer or "")
            self.export(dialog.format, dialog.path, dialog.scope, dialog.group_by, reviewer=dialog.reviewer)

    def export(
        self, fmt: str, path: str, scope: str = "filter", group_by: str = "speaker", *, reviewer: str | None = None
    ) -> bool:
        """Write a citation list of the selection or of the whole filter, in the background.

        ``reviewer`` is the organisation publishing the fact-checks, named in a ClaimReview export.
        Nothing to export (no quote matches, no verdict to publish) is refused in one line, as the
        command line refuses it, and a file already at ``path`` stays as it was.
        """
        if self.lib is None:
            return False
        flt = QuoteFilter(quote_ids=tuple(self.selected_quote_ids())) if scope == "selection" else self.model.flt

        left_out: list[str] = []  # said under the export's line: see README, export formats
        refused: list[str] = []

        def op(lib: Library, _progress) -> str | None:
            try:
                lib.export(fmt, flt, path, group_by=group_by, reviewer=reviewer)
            except NothingToExport as exc:  # a refusal, not a failure: nothing was written
                refused.append(str(exc))
                return None
            earlier = lib.verdicts_on_earlier_words(flt) if fmt == "claimreview" else []
            left_out.extend([verdicts_left_out(earlier)] if earlier else [])
            return path

        def exported(_result) -> None:
            if refused:
                line = refused[0][:1].upper() + refused[0][1:]
                self.import_panel.finished(line, [])
                self.show_error(line)
                return
            self.import_panel.finished(f"Exported to {path}", left_out)
            self.statusBar().showMessage(f"Exported to {path}" + ("; some verdicts left out" if left_out else ""), 8000)

        job = LibraryJob(self.lib.path, op, f"Exporting {fmt}")
        return self.jobs.run(job, exported, lambda message: self.show_error(f"The export to {path} failed: {message}"))

    # -- closing ------------------------------------------------------------------------------

    def ask_about_unsaved_notes(self, count: int) -> str:
        """Ask what to do with notes typed and not saved: "save", "discard" or "cancel" (every such
        question goes through here, so a test can answer it)."""
        buttons = QMessageBox.StandardButton
        what = "A note you typed is" if count == 1 else f"{count} notes you typed are"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Unsaved notes",
            f"{what} not saved. Save before closing the project?",
            buttons.Save | buttons.Discard | buttons.Cancel,
            self,
        )
        box.setDefaultButton(buttons.Save)
        answer = box.exec()
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(buttons(answer), "cancel")

    def _settle_unsaved_notes(self) -> bool:
        """Before the project closes: save or drop the notes typed and not saved, as the person says.
        False: the project stays open (cancelled, or a note could not be saved; the window says why)."""
        notes = self.review_panel.unsaved_notes()
        if self.lib is None or self.lib.read_only or not notes:
            return True
        answer = self.ask_about_unsaved_notes(len(notes))
        if answer == "discard":
            self.review_panel.drop_unsaved_notes()
            return True
        return answer == "save" and self._save_unsaved_notes()

    def _save_unsaved_notes(self) -> bool:
        """Save the note in the editor as Save does (to every selected quote, never over a change not
        shown), then each draft on its own quote unless another program changed that quote's note since
        the typing began: then that quote is shown with its draft and the other note, and False."""
        panel = self.review_panel
        if panel.row is not None and panel.row.id in panel.unsaved_notes():
            panel.save_typed_note()
            if panel.row is not None and panel.row.id in panel.unsaved_notes():
                return False  # refused: the status bar or the conflict bar says why
        for quote_id, draft in list(panel.drafts.items()):
            row = self.lib.quote_rows([quote_id]).get(quote_id) if self.lib is not None else None
            if row is None:  # no longer in the project, nor a quote in its place: its words to the clipboard
                QApplication.clipboard().setText(draft.text)
                panel.drafts.pop(quote_id, None)
                self.show_error(
                    "A note you typed was for a quote no longer in the project; its words are on the clipboard:"
                    f"\n\n{draft.text.strip()}"
                )
                continue
            if draft.conflict or (row.note or "") != draft.stored:
                self.select_quote(quote_id)
                self._refuse("another program changed the note of a quote you typed one for; choose, then close")
                return False
            try:
                self.run_blocking(lambda lib, q=quote_id, t=draft.text.strip(): lib.review(q, note=t), "Note")
            except Exception as exc:
                log.exception("saving a note draft on closing failed")
                self.show_error(f"Saving the note failed: {describe_error(exc)}")
                return False
            panel.drafts.pop(quote_id, None)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._settle_unsaved_notes():
            event.ignore()
            return
        self.save_layout()
        if self.jobs.is_busy():
            self.statusBar().showMessage("Stopping the background job…")
            self.jobs.stop()
        self.reads.close()
        self.watch.watch(None)
        self._close_writer()
        if self.lib is not None:
            self.lib.close()
            self.lib = None
        super().closeEvent(event)


def _identity(row) -> tuple:
    """Which quote a row is (an id can be given again to a new quote after re-extraction)."""
    return (row.article_id, row.start, row.end, row.text)


def _quote_label(row) -> str:
    """How a message names a quote the person may not be looking at: its speaker and first words."""
    words = " ".join(row.text.split())
    words = words[:40] + ("…" if len(words) > 40 else "")
    speaker = row.reviewed_speaker or row.speaker
    return f"quote {'by ' + speaker + ' ' if speaker else ''}“{words}”"


def _as_reviewed(row) -> tuple:
    """What a decision on a quote rests on: the quote and its speaker, and the decisions taken."""
    return (*_identity(row), row.speaker, row.reviewed_speaker, row.confirmed, row.verdict, row.note)
