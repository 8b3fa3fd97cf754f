"""The window's menus, shortcuts and remembered settings (recent projects, layout).

Kept apart from :mod:`quotecheck.ui.main_window` so each module reads in one sitting; the mixin only
uses attributes the window defines (``settings``, ``lib``, the panels, the undo stack).
"""

from __future__ import annotations

import os

from PySide6.QtGui import QAction, QKeySequence

from quotecheck.library import VERDICTS

MAX_RECENT = 8
HEADER_KEY = "window/quote_header_v3"
"""Where the quote table's column layout is saved; a new name when the default widths change."""


class MenusAndSettings:
    """Actions, menus and settings for :class:`~quotecheck.ui.main_window.MainWindow`."""

    # -- actions and menus ---------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda *_a: slot())
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.new_action = a("&New Project…", self.new_project_dialog, QKeySequence.StandardKey.New)
        self.open_action = a("&Open Project…", self.open_project_dialog, QKeySequence.StandardKey.Open)
        self.sample_action = a("Open &Sample Project", self.open_sample)
        self.import_files_action = a("&Import Files…", self.import_files_dialog, "Ctrl+I")
        self.import_folder_action = a("Import &Folder…", self.import_folder_dialog, "Ctrl+Shift+I")
        self.import_url_action = a("Import from &URL…", self.import_url_dialog, tip="Fetch a web page and import it")
        self.export_action = a("&Export Citations…", self.export_dialog, "Ctrl+E")
        self.quit_action = a("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.find_action = a("&Find", self.focus_search, QKeySequence.StandardKey.Find)
        self.clear_filter_action = a("&Clear Filters", self.filter_bar.clear, "Ctrl+Shift+F")
        self.details_action = a(
            "Article &Details…", lambda: self.edit_article_details(self.article_view.article_id), "Ctrl+D"
        )
        self.next_action = a("&Next Quote", lambda: self.step(1), "Ctrl+J")
        self.prev_action = a("&Previous Quote", lambda: self.step(-1), "Ctrl+K")
        self.next_flag_action = a("Next &Flagged Quote", lambda: self.step(1, flagged=True), "Ctrl+Shift+J")
        self.prev_flag_action = a("Previous Flagged Quote", lambda: self.step(-1, flagged=True), "Ctrl+Shift+K")
        self.confirm_action = a("&Confirm Speaker", lambda: self.review_panel.confirm.click(), "Ctrl+Return")
        self.correct_action = a("Co&rrect Speaker…", self.review_panel.focus_correction, "Ctrl+R")
        self.verdict_actions = [
            a(f"Verdict: {v.capitalize()}", lambda v=v: self.review_panel.choose_verdict(v), f"Ctrl+{i}")
            for i, v in enumerate(VERDICTS, start=1)
        ]

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        menu.addActions([self.new_action, self.open_action])
        self.recent_menu = menu.addMenu("Open &Recent")
        menu.addAction(self.sample_action)
        menu.addSeparator()
        menu.addActions([self.import_files_action, self.import_folder_action, self.import_url_action])
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        menu = self.menuBar().addMenu("&Edit")
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        menu.addActions([self.find_action, self.clear_filter_action, self.details_action])
        menu = self.menuBar().addMenu("&Quote")
        menu.addActions([self.next_action, self.prev_action, self.next_flag_action, self.prev_flag_action])
        menu.addSeparator()
        menu.addActions([self.confirm_action, self.correct_action, *self.verdict_actions])
        menu = self.menuBar().addMenu("&View")
        menu.addAction(self.speaker_dock.toggleViewAction())
        menu.addAction(self.import_dock.toggleViewAction())
        self._rebuild_recent_menu()

    def _update_actions(self) -> None:
        has_project = self.lib is not None
        for action in (
            self.import_files_action,
            self.import_folder_action,
            self.export_action,
            self.find_action,
            self.next_action,
            self.prev_action,
            self.next_flag_action,
            self.prev_flag_action,
            self.details_action,
            self.clear_filter_action,
            self.confirm_action,
            self.correct_action,
            *self.verdict_actions,
        ):
            action.setEnabled(has_project)
        self.speaker_dock.setVisible(has_project)
        self.stack.setCurrentIndex(1 if has_project else 0)

    # -- settings -----------------------------------------------------------------------------

    def recent_projects(self) -> list[str]:
        value = self.settings.value("recent_projects", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in value or []]

    def _remember_project(self, path: str) -> None:
        recent = [path] + [p for p in self.recent_projects() if p != path]
        self.settings.setValue("recent_projects", recent[:MAX_RECENT])
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_projects()
        for path in recent:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_project(p))
        self.recent_menu.setEnabled(bool(recent))
        self.welcome.set_recent(recent)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        for name in ("main_splitter", "bottom_splitter", "right_splitter"):
            value = self.settings.value(f"window/{name}")
            if value is not None:
                getattr(self, name).restoreState(value)
        # "_v3": columns saved before the narrower defaults (the quote column widest) are not restored
        header = self.settings.value(HEADER_KEY)
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for name in ("main_splitter", "bottom_splitter", "right_splitter"):
            self.settings.setValue(f"window/{name}", getattr(self, name).saveState())
        self.settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        self.settings.sync()
