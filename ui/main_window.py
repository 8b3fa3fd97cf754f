"""The main window: quote table on top, the selected quote's article and provenance below.

The window holds one :class:`~quotecheck.library.Library` for reads and quick writes on the interface
thread; long work gets its own ``Library`` in a :class:`~quotecheck.ui.jobs.LibraryJob`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QEventLoop, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from quotecheck.library import Library, LibraryError
from quotecheck.project.query import QuoteFilter
from quotecheck.project.store import StoreError

from .article_view import ArticleView
from .dialogs import ExportDialog, MetadataDialog
from .filter_bar import FilterBar
from .import_panel import ImportPanel
from .jobs import BackgroundJob, LibraryJob
from .menus import MenusAndSettings
from .models import QuoteTableModel
from .provenance_view import ProvenanceView
from .quote_table import QuoteTable
from .review import ReviewPanel, merge_command, review_command, split_command
from .speaker_panel import SpeakerPanel
from .style import FLAG_STYLES
from .welcome import WelcomePage

log = logging.getLogger(__name__)

PROJECT_FILTER = "quotecheck projects (*.qcproj);;All files (*)"
REVIEWER_KEY = "export/reviewer"
"""Settings key of the last ClaimReview publisher, so the export dialog offers it again."""


class MainWindow(MenusAndSettings, QMainWindow):
    """The quotecheck workbench.

    Attributes:
        lib: the open project, or None.
        model: the quote table model.
        undo_stack: review decisions, undoable.
        job: the running background job, or None.
        current_quote_id: the quote shown in the article and provenance views.

    Signals:
        project_opened(str): a project was opened (its path).
        lists_reloaded(): the article and flag choices and the speaker panel were filled again.
        quote_shown(int): the article, provenance and review views show this quote.
        job_done(object): a background job ended (its result, or None when it failed or was cancelled).
    """

    SPEAKER_DOCK_WIDTH = 230
    """The speaker list's starting width: people's names fit, longer names elide (with a tooltip)."""

    project_opened = Signal(str)
    lists_reloaded = Signal()
    quote_shown = Signal(int)
    job_done = Signal(object)

    def __init__(self, settings: QSettings | None = None, *, search_delay_ms: int = 200, parent=None):
        super().__init__(parent)
        self.settings = settings if settings is not None else QSettings()
        self.lib: Library | None = None
        self.job: BackgroundJob | None = None
        self.current_quote_id: int | None = None
        self.last_error = ""
        self._total = 0
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle("quotecheck")
        self.setAcceptDrops(True)
        self._build_widgets(search_delay_ms)
        self._build_actions()
        self._build_menus()
        self._restore_layout()
        self._update_actions()

    # -- construction -------------------------------------------------------------------------

    def _build_widgets(self, search_delay_ms: int) -> None:
        self.filter_bar = FilterBar(delay_ms=search_delay_ms)
        self.filter_bar.changed.connect(self.apply_filter)
        self.model = QuoteTableModel(parent=self)
        self.model.searched.connect(self._searched)
        self.model.search_failed.connect(self.show_error)
        self.table = QuoteTable(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.article_view = ArticleView()
        self.article_view.quote_clicked.connect(self.select_quote)
        self.article_view.edit_details_requested.connect(self.edit_article_details)
        self.provenance_view = ProvenanceView()
        self.provenance_view.quote_clicked.connect(self.select_quote)
        self.review_panel = ReviewPanel()
        self.review_panel.review_requested.connect(self.review)

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.addWidget(self._titled("Provenance — every report of this statement", self.provenance_view))
        self.right_splitter.addWidget(self._titled("Review", self.review_panel))
        self.right_splitter.setSizes([400, 70])  # the review panel is one line and one row of controls
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
        self.speaker_panel.show_requested.connect(self.filter_bar.set_speaker)
        self.speaker_dock = QDockWidget("Speakers", self)
        self.speaker_dock.setObjectName("speakers")
        self.speaker_dock.setWidget(self.speaker_panel)
        self.speaker_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.speaker_dock)
        self.resizeDocks([self.speaker_dock], [self.SPEAKER_DOCK_WIDTH], Qt.Orientation.Horizontal)

        self.import_panel = ImportPanel()
        self.import_panel.cancel_requested.connect(self.cancel_job)
        self.import_dock = QDockWidget("Import", self)
        self.import_dock.setObjectName("import")
        self.import_dock.setWidget(self.import_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.import_dock)
        self.import_dock.hide()

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        label = QLabel(title)
        label.setStyleSheet("background:#e9ecef; color:#343a40; font-weight:600; padding:3px 8px;")
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    # -- projects -----------------------------------------------------------------------------

    def open_project(self, path: str | os.PathLike, *, create: bool = False) -> bool:
        """Open a project file (creating it when ``create``); False, with a message, when it cannot."""
        try:
            lib = Library(path, create=create)
        except (StoreError, LibraryError, OSError) as exc:
            self.show_error(f"Cannot open {path}: {exc}")
            return False
        self.close_project()
        self.lib = lib
        path = str(Path(path).resolve())
        self.setWindowTitle(f"{os.path.basename(path)} — quotecheck")
        self._remember_project(path)
        self._update_actions()
        self._total = lib.count_quotes()
        self.model.set_library(lib, search=False)
        self.filter_bar.clear()  # runs the first search
        if self.model.rowCount():
            self.select_row(0)
        # the table paints first; lists for the filters and the speaker panel follow
        QTimer.singleShot(0, self._reload_project_lists)
        self.statusBar().showMessage(f"Opened {path}", 5000)
        self.project_opened.emit(path)
        return True

    def close_project(self) -> None:
        self.cancel_job()
        self.undo_stack.clear()
        self.current_quote_id = None
        self.model.set_library(None)
        self.article_view.clear()
        self.provenance_view.clear_view()
        self.review_panel.set_quote(None)
        self.speaker_panel.set_speakers([])
        if self.lib is not None:
            self.lib.close()
            self.lib = None
        self._update_actions()

    def _reload_project_lists(self) -> None:
        """Articles, flag kinds and speakers for the filters and panels."""
        lib = self.lib
        if lib is None:
            return
        self._total = lib.count_quotes()
        self.filter_bar.set_articles(lib.articles())
        self.filter_bar.set_flag_kinds(list(dict.fromkeys([*lib.flag_kinds(), *FLAG_STYLES])))
        self._reload_speakers()
        self.lists_reloaded.emit()

    def _reload_speakers(self) -> None:
        if self.lib is None:
            return
        self.speaker_panel.set_speakers(self.lib.speakers())
        names = self.lib.speaker_names()
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
        return str(self.settings.value("last_dir", os.path.expanduser("~")))

    def open_sample(self) -> None:
        """Open the bundled sample project, building it first in the background (with progress)."""
        from quotecheck.samples import build_sample_project, default_sample_project

        path = default_sample_project()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.run_job(
            BackgroundJob(lambda p: build_sample_project(path, progress=p), "Building the sample project"),
            lambda result: self.open_project(result),
        )

    # -- background jobs ----------------------------------------------------------------------

    def run_job(self, job: BackgroundJob, on_success=None) -> bool:
        """Start a job with the progress panel; one at a time."""
        if self.job is not None and self.job.is_running():
            self.show_error("Please wait: another task is still running.")
            return False
        self.job = job
        self.import_dock.show()
        self.import_panel.started(job.title)
        job.progressed.connect(self.import_panel.progressed)
        outcome: dict = {}

        def succeeded(result):
            outcome["result"] = result
            if on_success is not None:
                on_success(result)

        def failed(message: str):
            outcome["error"] = message
            self.import_panel.finished(message, [])

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.finished.connect(lambda: self._job_finished(job, outcome.get("result")))
        job.start()
        return True

    def _job_finished(self, job: BackgroundJob, result) -> None:
        if self.job is job:
            self.job = None
        self.job_done.emit(result)

    def cancel_job(self) -> None:
        if self.job is not None and self.job.is_running():
            self.job.cancel()

    def start_import(self, paths: list[str]) -> bool:
        """Import article files and folders into the open project, in the background."""
        if self.lib is None:
            self.show_error("Open or create a project before importing articles.")
            return False
        paths = [str(p) for p in paths]
        job = LibraryJob(self.lib.path, lambda lib, p: lib.ingest(paths, progress=p), f"Importing {len(paths)} item(s)")
        return self.run_job(job, self._import_done)

    def _import_done(self, report) -> None:
        added = len(getattr(report, "added", []))
        summary = f"Imported {added} article(s) with {getattr(report, 'quotes', 0)} quotation(s)"
        if getattr(report, "duplicates", None):
            summary += f"; {len(report.duplicates)} already in the project"
        if getattr(report, "errors", None):
            summary += f"; {len(report.errors)} failed"
        if getattr(report, "cancelled", False):
            summary += " — cancelled, what was finished is kept"
        self.import_panel.finished(summary, list(getattr(report, "errors", []) or []))
        self.statusBar().showMessage(summary, 8000)
        if self.lib is not None:
            current = self.current_quote_id
            self._reload_project_lists()
            self.apply_filter()
            if current is None and self.model.rowCount():
                self.select_row(0)

    def import_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Import articles",
            self._last_dir(),
            "Articles (*.txt *.md *.markdown *.html *.htm *.xhtml);;All files (*)",
        )
        if paths:
            self.settings.setValue("last_dir", os.path.dirname(paths[0]))
            self.start_import(paths)

    def import_folder_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import a folder of articles", self._last_dir())
        if path:
            self.settings.setValue("last_dir", path)
            self.start_import([path])

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
        if self.lib is None and len(paths) == 1 and paths[0].endswith(".qcproj"):
            self.open_project(paths[0])
        else:
            self.start_import(paths)

    # -- the quote table ----------------------------------------------------------------------

    def apply_filter(self) -> None:
        if self.lib is not None:
            self.model.search(self.filter_bar.quote_filter())

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def _searched(self, count: int) -> None:
        total = self._total
        self.count_label.setText(f"{count:,} of {total:,} quotes" if count != total else f"{total:,} quotes")
        if self.current_quote_id is not None:
            row = self.model.row_of(self.current_quote_id)
            if row >= 0:
                self._select_row_quietly(row)

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
            self.statusBar().showMessage("That quote is outside the current filter.", 4000)

    def selected_quote_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.ids[r] for r in rows if r < len(self.model.ids)]

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        quote_id = self.model.quote_id(current.row()) if current.isValid() else None
        if quote_id is not None:
            self.show_quote(quote_id)

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
            if not flagged or self.model.row_data(row).get("flags"):
                self.select_row(row)
                return

    # -- the views of one quote ---------------------------------------------------------------

    def show_quote(self, quote_id: int, *, force: bool = False) -> None:
        """Fill the article, provenance and review views for one quote."""
        lib = self.lib
        if lib is None:
            return
        row = lib.quote_rows([quote_id]).get(quote_id)
        if row is None:
            return
        self.current_quote_id = quote_id
        article_id = row["article_id"]
        if force or self.article_view.article_id != article_id:
            article = lib.article(article_id)
            quotes = lib.article_quotes(article_id)
            flags = {qid: r["flags"] for qid, r in lib.quote_rows([q["id"] for q in quotes]).items()}
            self.article_view.show_article(article, quotes, flags)
        self.article_view.select_quote(quote_id)
        try:
            prov = lib.provenance(quote_id)
        except Exception as exc:  # provenance is new; a bug there must not break the rest
            log.exception("provenance of quote %s failed", quote_id)
            prov = {}
            self.statusBar().showMessage(f"Provenance unavailable: {exc}", 5000)
        self.provenance_view.show_provenance(prov, row)
        self.review_panel.set_quote(row)
        self.quote_shown.emit(quote_id)

    def edit_article_details(self, article_id: int | None) -> None:
        if self.lib is None or article_id is None:
            return
        dialog = MetadataDialog(self.lib.article(article_id), self)
        while dialog.exec():
            try:
                self.save_article_details(article_id, dialog.changes())
                return
            except LibraryError as exc:
                dialog.error.setText(str(exc))

    def save_article_details(self, article_id: int, changes: dict[str, str]) -> None:
        """Store corrected metadata and show it everywhere."""
        if not changes or self.lib is None:
            return
        self.lib.set_meta(article_id, **changes)
        self.filter_bar.set_articles(self.lib.articles())
        self.model.refresh_rows()
        if self.current_quote_id is not None:
            self.show_quote(self.current_quote_id, force=True)
        self.statusBar().showMessage("Article details saved.", 4000)

    # -- review -------------------------------------------------------------------------------

    def review(self, quote_id: int, decision: dict) -> None:
        self.undo_stack.push(review_command(self, quote_id, **decision))

    def merge_speakers(self, names: list[str]) -> None:
        self.undo_stack.push(merge_command(self, list(names)))

    def split_speaker(self, speaker: str, alias: str) -> None:
        self.undo_stack.push(split_command(self, speaker, alias))

    def run_blocking(self, fn, title: str):
        """Run ``fn(library)`` on a worker and wait for it, painting a busy dialog meanwhile.

        For writes that regroup every speaker (seconds on a large project): the window keeps
        repainting, while the modal dialog keeps a second decision from starting half-way.
        """
        if self.lib is None:
            raise LibraryError("no project is open")
        outcome: dict = {}
        job = LibraryJob(self.lib.path, lambda lib, _p: fn(lib), title)
        job.succeeded.connect(lambda result: outcome.setdefault("result", result))
        job.failed.connect(lambda message: outcome.setdefault("error", message))
        dialog = QProgressDialog(f"{title}…", "", 0, 0, self)
        dialog.setWindowTitle("quotecheck")
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(400)
        loop = QEventLoop()
        job.finished.connect(loop.quit)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            job.start()
            loop.exec()
        finally:
            QApplication.restoreOverrideCursor()
            dialog.close()
            dialog.deleteLater()
        if "error" in outcome:
            raise LibraryError(outcome["error"])
        return outcome.get("result")

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

    # -- export -------------------------------------------------------------------------------

    def export_dialog(self) -> None:
        if self.lib is None:
            return
        selected = self.selected_quote_ids()
        reviewer = str(self.settings.value(REVIEWER_KEY, "") or "")
        dialog = ExportDialog(len(selected), self.model.rowCount(), self._last_dir(), self, reviewer=reviewer)
        if dialog.exec():
            self.settings.setValue("last_dir", os.path.dirname(dialog.path) or self._last_dir())
            if dialog.format == "claimreview":
                self.settings.setValue(REVIEWER_KEY, dialog.reviewer or "")
            self.export(dialog.format, dialog.path, dialog.scope, dialog.group_by, reviewer=dialog.reviewer)

    def export(
        self, fmt: str, path: str, scope: str = "filter", group_by: str = "speaker", *, reviewer: str | None = None
    ) -> bool:
        """Write a citation list of the selection or of the whole filter, in the background.

        ``reviewer`` is the organisation publishing the fact-checks, named in a ClaimReview export.
        """
        if self.lib is None:
            return False
        flt = QuoteFilter(quote_ids=tuple(self.selected_quote_ids())) if scope == "selection" else self.model.flt

        def op(lib: Library, _progress) -> str:
            lib.export(fmt, flt, path, group_by=group_by, reviewer=reviewer)
            return path

        job = LibraryJob(self.lib.path, op, f"Exporting {fmt}")
        return self.run_job(
            job,
            lambda _r: (
                self.import_panel.finished(f"Exported to {path}"),
                self.statusBar().showMessage(f"Exported to {path}", 8000),
            ),
        )

    # -- closing ------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self.job is not None and self.job.is_running():
            self.statusBar().showMessage("Stopping the background job…")
            self.job.cancel()
            self.job.wait()  # destroying a running QThread aborts the process; cancel is checked often
        if self.lib is not None:
            self.lib.close()
            self.lib = None
        super().closeEvent(event)
