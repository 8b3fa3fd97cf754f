"""What the window does with the quotes a person points at: copy, open, follow, overview, help.

:class:`QuoteCommands` is mixed into :class:`~quotecheck.ui.main_window.MainWindow`; its methods are the
commands :class:`~quotecheck.ui.menus.Menus` triggers for the context menu of the quote table, Ctrl+C,
View ▸ Flags Overview / Speaker Timeline and the Help menu. They read the project only through the
window's ``Library``.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QPoint, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QMessageBox, QPlainTextEdit, QTextEdit

from quotecheck.library import Library, LibraryError, QuoteFilter
from quotecheck.records import QuoteRow

from .help import GUIDE, about_html, shortcuts_html, show_text
from .overview import FlagsOverview, SpeakerTimeline

log = logging.getLogger(__name__)


class QuoteCommands:
    """Commands on the selected quotes (mixed into the main window, which provides ``lib``, ``menus``,
    ``table``, ``filter_bar``, ``current_quote_id``, ``selected_quote_ids``, ``select_quote``,
    ``statusBar`` and ``show_error``).

    Attributes:
        context_menu: the quote table's context menu last shown (None before the first right-click).
        help_window / flags_overview / timeline: the last Help text, Flags overview and Speaker timeline
            opened (each non-modal; None until opened).
    """

    context_menu: QMenu | None = None
    help_window = None
    flags_overview: FlagsOverview | None = None
    timeline: SpeakerTimeline | None = None

    # -- which quotes ---------------------------------------------------------------------------

    def _chosen_ids(self) -> list[int]:
        """The selected quotes, else the one shown in the panes."""
        ids = self.selected_quote_ids()
        if not ids and self.current_quote_id is not None:
            ids = [self.current_quote_id]
        return ids

    def _current_row(self) -> QuoteRow | None:
        if self.lib is None or self.current_quote_id is None:
            return None
        return self.lib.quote_rows([self.current_quote_id]).get(self.current_quote_id)

    def quote_context_menu(self, pos: QPoint) -> None:
        """Right-click in the quote table: the row under the cursor joins (or becomes) the selection."""
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setFocus(Qt.FocusReason.PopupFocusReason)  # Copy acts on the quotes, not a field's text
        if index.row() not in {i.row() for i in self.table.selectionModel().selectedRows()}:
            self.select_row(index.row())
        self.context_menu = self.menus.quote_context_menu(self)
        self.context_menu.popup(self.table.viewport().mapToGlobal(pos))

    # -- copy ---------------------------------------------------------------------------------

    def copy(self) -> None:
        """Ctrl+C: the words selected in a text pane or field when there are any, else citations of the
        selected quotes (a read-only text view leaves the key to the window, so it is decided here)."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QTextEdit | QPlainTextEdit) and focus.textCursor().hasSelection():
            focus.copy()
        elif isinstance(focus, QLineEdit) and focus.hasSelectedText():
            focus.copy()
        else:
            self.copy_citation()

    def copy_citation(self, fmt: str = "text") -> None:
        """Copy the chosen quotes as citations (Ctrl+C: one line each; the context menu offers formats)."""
        ids = self._chosen_ids()
        if self.lib is None or not ids:
            return
        try:
            text = self.lib.citation(ids, fmt)
        except LibraryError as exc:
            self.show_error(f"Cannot copy the citation: {exc}")
            return
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(f"Copied {len(ids)} citation{'s' if len(ids) > 1 else ''} ({fmt}).", 4000)

    def copy_quote_text(self) -> None:
        """Copy only the words of the chosen quotes, one quote a line."""
        ids = self._chosen_ids()
        if self.lib is None or not ids:
            return
        rows = self.lib.quote_rows(ids)
        QApplication.clipboard().setText("\n".join(" ".join(rows[i].text.split()) for i in ids if i in rows))
        self.statusBar().showMessage(f"Copied the words of {len(ids)} quote(s).", 4000)

    # -- follow -------------------------------------------------------------------------------

    def open_article_file(self) -> None:
        """Open the shown quote's article in the desktop's application for it (a web page in the browser)."""
        row = self._current_row()
        if row is None or not row.path:
            return
        if row.path.startswith(("http://", "https://")):
            QDesktopServices.openUrl(QUrl(row.path))
            return
        path = Path(os.path.expanduser(row.path))
        if not path.is_absolute() and self.lib is not None:
            beside = Path(self.lib.path).parent / path
            path = beside if beside.exists() else path.resolve()
        if not path.is_file():
            self.show_error(f"The article file {row.path} is no longer there (its text is kept in the project).")
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.show_error(f"No application opens {path}.")

    def show_speaker_quotes(self) -> None:
        """Filter the table to every quote of the shown quote's speaker."""
        row = self._current_row()
        if row is None:
            return
        name = row.reviewed_speaker or row.speaker
        if not name:
            self.statusBar().showMessage("This quote has no speaker.", 4000)
            return
        # a reviewer's correction is a name, not yet a grouped speaker: filter by the name then
        self.filter_bar.set_speaker(name, row.speaker_id if not row.reviewed_speaker else None)

    # -- overviews ----------------------------------------------------------------------------

    def show_flags_overview(self) -> None:
        """View ▸ Flags Overview: every flag once, grouped by kind."""
        if self.lib is None:
            return
        self.flags_overview = FlagsOverview(self.lib.flags(), self)
        self.flags_overview.quote_requested.connect(self.select_quote)
        self.flags_overview.show()

    def show_speaker_timeline(self) -> None:
        """View ▸ Speaker Timeline: the shown quote's speaker's statements plotted by date."""
        lib = self.lib
        if lib is None:
            return

        def load(speaker_id: int) -> tuple[list[QuoteRow], dict[int, int]]:
            ids = lib.quote_ids(QuoteFilter(speaker_ids=(speaker_id,)))
            return list(lib.quote_rows(ids).values()), lib.statement_ids(ids)

        self.timeline = SpeakerTimeline(lib.speakers(), load, self)
        row = self._current_row()
        if row is not None:
            self.timeline.show_speaker(row.speaker_id)
        self.timeline.quote_requested.connect(self.select_quote)
        self.timeline.show()

    # -- help ---------------------------------------------------------------------------------

    def show_guide(self) -> None:
        self.help_window = show_text(self, "Quick guide", GUIDE)

    def show_shortcuts(self) -> None:
        self.help_window = show_text(self, "Keyboard shortcuts", shortcuts_html(self.menus.shortcut_rows()))

    def show_about(self) -> None:
        """Help ▸ About: the versions, and where the log file is (to attach to a bug report)."""
        QMessageBox.about(self, "About quotecheck", self.about_text())

    def about_text(self) -> str:
        log_line = (
            f"Log file: <code>{html.escape(str(self.log_path))}</code>"
            if self.log_path is not None
            else "This window writes no log file."
        )
        return about_html(Library.versions(), qVersion(), PYSIDE_VERSION, log_line)
