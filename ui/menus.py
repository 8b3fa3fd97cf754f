"""The window's actions, shortcuts and menu bar.

:class:`Menus` knows nothing of the window's widgets: it is handed the commands it may trigger (the
window's public methods, :class:`WindowCommands`), the undo stack and the dock toggles, and it is told
when a project opens or closes (:meth:`Menus.set_project_open`) and which projects are recent.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from quotecheck.library import CITATION_FORMATS, VERDICTS
from quotecheck.records import EXPORT_FORMATS

key_bindings = QKeySequence.keyBindings
"""The keys this desktop binds to a standard key (a name, so a test can stand in another desktop's)."""

CITATION_FORMAT_LABELS = {
    key: "Plain Text" if key == "text" else next(f.label for f in EXPORT_FORMATS if f.key == key)
    for key in CITATION_FORMATS
}
"""The formats a citation can be copied in, as the Copy Citation As menu names them."""


class WindowCommands(Protocol):
    """What the menus ask of the window."""

    def new_project_dialog(self) -> None: ...
    def open_project_dialog(self) -> None: ...
    def open_project(self, path: str) -> bool: ...
    def open_sample(self) -> None: ...
    def import_files_dialog(self) -> None: ...

    def import_url_dialog(self) -> None: ...
    def import_folder_dialog(self) -> None: ...
    def export_dialog(self) -> None: ...
    def close(self) -> bool: ...
    def focus_search(self) -> None: ...
    def clear_filters(self) -> None: ...
    def edit_current_article_details(self) -> None: ...
    def step(self, delta: int, *, flagged: bool = False) -> None: ...
    def confirm_speaker(self) -> None: ...
    def focus_correction(self) -> None: ...
    def choose_verdict(self, verdict: str) -> None: ...
    def dismiss_selected_quotes(self) -> None: ...
    def delete_selected_articles(self) -> None: ...
    def show_about(self) -> None: ...
    def show_shortcuts(self) -> None: ...
    def show_guide(self) -> None: ...
    def copy(self) -> None: ...
    def copy_citation(self, fmt: str = "text") -> None: ...
    def copy_quote_text(self) -> None: ...
    def open_article_file(self) -> None: ...
    def show_speaker_quotes(self) -> None: ...
    def show_flags_overview(self) -> None: ...
    def show_speaker_timeline(self) -> None: ...
    def reload(self) -> None: ...


class Menus:
    """Every action of the window (each with its shortcut) and the menus that list them.

    Attributes:
        recent_menu: File ▸ Open Recent.
        project_actions: the actions that need an open project (disabled without one).
        edit_actions: those of them that change the project (disabled while it is read-only).
        new_action, open_action, …, verdict_actions, about_action: one attribute per action.
    """

    def __init__(
        self, window: QMainWindow, commands: WindowCommands, undo_stack: QUndoStack, panels: Sequence[QAction] = ()
    ):
        self._window = window
        self._commands = commands
        self._standard: dict[QAction, QKeySequence.StandardKey] = {}
        c = commands
        a = self._action
        self.new_action = a("&New Project…", c.new_project_dialog, QKeySequence.StandardKey.New)
        self.open_action = a("&Open Project…", c.open_project_dialog, QKeySequence.StandardKey.Open)
        self.sample_action = a("Open &Sample Project", c.open_sample)
        self.import_files_action = a("&Import Files…", c.import_files_dialog, "Ctrl+I")
        self.import_folder_action = a("Import &Folder…", c.import_folder_dialog, "Ctrl+Shift+I")
        self.import_url_action = a("Import from &URL…", c.import_url_dialog, tip="Fetch a web page and import it")
        self.export_action = a("&Export Citations…", c.export_dialog, "Ctrl+E")
        self.quit_action = a("&Quit", c.close, QKeySequence.StandardKey.Quit)
        self.undo_action = undo_stack.createUndoAction(window, "&Undo")
        self._standard[self.undo_action] = QKeySequence.StandardKey.Undo
        self.redo_action = undo_stack.createRedoAction(window, "&Redo")
        self._standard[self.redo_action] = QKeySequence.StandardKey.Redo
        self.find_action = a("&Find", c.focus_search, QKeySequence.StandardKey.Find)
        self.clear_filter_action = a("&Clear Filters", c.clear_filters, "Ctrl+Shift+F")
        self.details_action = a(
            "Article &Details…",
            c.edit_current_article_details,
            "Ctrl+D",
            tip="Outlet, date, URL, title… of the article shown, or of all the selected quotes' articles at once",
        )
        self.next_action = a("&Next Quote", lambda: c.step(1), "Ctrl+J")
        self.prev_action = a("&Previous Quote", lambda: c.step(-1), "Ctrl+K")
        self.next_flag_action = a("Next &Flagged Quote", lambda: c.step(1, flagged=True), "Ctrl+Shift+J")
        self.prev_flag_action = a("Previous Flagged Quote", lambda: c.step(-1, flagged=True), "Ctrl+Shift+K")
        self.confirm_action = a("&Confirm Speaker", c.confirm_speaker, "Ctrl+Return")
        self.correct_action = a("Co&rrect Speaker…", c.focus_correction, "Ctrl+R")
        self.verdict_actions = [
            a(f"Verdict: {v.capitalize()}", lambda v=v: c.choose_verdict(v), f"Ctrl+{i}")
            for i, v in enumerate(VERDICTS, start=1)
        ]
        # also for the quote table's context menu: they act on the selected rows
        self.dismiss_action = a(
            "Dis&miss Quote",
            c.dismiss_selected_quotes,
            "Del",  # not StandardKey.Delete: on X11 desktops that is also Ctrl+D, Article Details
            tip="Not a quotation (a headline, a scare quote): take the selected quotes out; Undo puts them back",
        )
        self.delete_article_action = a(
            "De&lete Article",
            c.delete_selected_articles,
            "Ctrl+Shift+Delete",
            tip="Imported by mistake: take the selected quotes' articles out; Undo puts them back",
        )
        self.about_action = a("&About quotecheck", c.show_about)
        self.shortcuts_action = a("&Keyboard Shortcuts", c.show_shortcuts, "Ctrl+/")
        self.guide_action = a("Quick &Guide", c.show_guide, QKeySequence.StandardKey.HelpContents)
        # the quote under the cursor or the selection: copy, open, follow its speaker
        self.copy_citation_action = a(
            "&Copy Citation", c.copy, QKeySequence.StandardKey.Copy, tip="The quote, its speaker and source"
        )
        self.copy_quote_action = a("Copy Quote &Text", c.copy_quote_text, "Ctrl+Shift+C")
        self.citation_format_actions = [
            a(label, lambda f=key: c.copy_citation(f)) for key, label in CITATION_FORMAT_LABELS.items()
        ]
        self.open_article_action = a("&Open Article File", c.open_article_file, "Ctrl+Shift+O")
        self.speaker_quotes_action = a("All Quotes of This &Speaker", c.show_speaker_quotes, "Ctrl+Shift+S")
        self.flags_overview_action = a("&Flags Overview", c.show_flags_overview, "Ctrl+Shift+L")
        self.timeline_action = a("Speaker &Timeline", c.show_speaker_timeline, "Ctrl+Shift+T")
        self.reload_action = a(
            "&Reload",
            c.reload,
            "F5",  # not StandardKey.Refresh: on some desktops that is also Ctrl+R, Correct Speaker
            tip="Read the project file again (changes another program made are also picked up by themselves)",
        )
        self.quote_context_actions: list[QAction | None] = [
            self.copy_quote_action,
            self.copy_citation_action,
            self.citation_format_menu(),
            None,
            self.open_article_action,
            self.speaker_quotes_action,
            self.timeline_action,
            None,
            self.dismiss_action,
            self.delete_article_action,
        ]
        """The quote table's context menu, in order (None: a separator); one more entry is one more line."""
        self.project_actions = [
            self.import_files_action,
            self.import_folder_action,
            self.import_url_action,
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
            self.copy_citation_action,
            self.copy_quote_action,
            *self.citation_format_actions,
            self.open_article_action,
            self.speaker_quotes_action,
            self.flags_overview_action,
            self.timeline_action,
            self.reload_action,
            self.dismiss_action,
            self.delete_article_action,
        ]
        self.edit_actions = [
            self.import_files_action,
            self.import_folder_action,
            self.import_url_action,
            self.details_action,
            self.confirm_action,
            self.correct_action,
            *self.verdict_actions,
            self.dismiss_action,
            self.delete_article_action,
        ]
        self.recent_menu = self._build_menus(window, list(panels))
        self._give_standard_keys()

    def _action(self, text: str, slot: Callable[[], object], shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self._window)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda *_a: slot())
        if isinstance(shortcut, QKeySequence.StandardKey):
            self._standard[action] = shortcut  # its keys are given once every action has its own
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        self._window.addAction(action)  # shortcuts work wherever the focus is
        return action

    def _give_standard_keys(self) -> None:
        """Give each action named by a standard key (Copy, Find, Undo…) the keys this desktop binds to it,
        less any key another action names itself: a desktop's key theme can bind more keys to a standard
        key than the one people know (X11 binds Ctrl+D to Delete, Ctrl+E to end of line), and a key held
        by two actions does nothing at all ("Ambiguous shortcut overload")."""
        own = {a.shortcut().toString() for a in self._window.actions() if a not in self._standard}
        own.discard("")
        for action, key in self._standard.items():
            action.setShortcuts([k for k in key_bindings(key) if k.toString() not in own])

    def own_shortcuts(self) -> set[str]:
        """The keys the window names for its enabled actions itself (not a desktop's standard keys), as
        "Ctrl+E"."""
        keys = {a.shortcut().toString() for a in self._window.actions() if a not in self._standard and a.isEnabled()}
        keys.discard("")
        return keys

    def _build_menus(self, window: QMainWindow, panels: list[QAction]) -> QMenu:
        bar = window.menuBar()
        menu = bar.addMenu("&File")
        menu.addActions([self.new_action, self.open_action])
        recent = menu.addMenu("Open &Recent")
        menu.addAction(self.sample_action)
        menu.addSeparator()
        menu.addActions([self.import_files_action, self.import_folder_action, self.import_url_action])
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        menu = bar.addMenu("&Edit")
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        menu.addActions([self.copy_citation_action, self.copy_quote_action])
        menu.addAction(self._citation_menu.menuAction())
        menu.addSeparator()
        menu.addActions([self.find_action, self.clear_filter_action, self.details_action])
        menu = bar.addMenu("&Quote")
        menu.addActions([self.next_action, self.prev_action, self.next_flag_action, self.prev_flag_action])
        menu.addSeparator()
        menu.addActions([self.confirm_action, self.correct_action, *self.verdict_actions])
        menu.addSeparator()
        menu.addActions([self.open_article_action, self.speaker_quotes_action])
        menu.addSeparator()
        menu.addActions([self.dismiss_action, self.delete_article_action])
        menu = bar.addMenu("&View")
        menu.addActions(panels)
        menu.addSeparator()
        menu.addActions([self.flags_overview_action, self.timeline_action])
        menu.addSeparator()
        menu.addAction(self.reload_action)
        menu = bar.addMenu("&Help")
        menu.addActions([self.guide_action, self.shortcuts_action])
        menu.addSeparator()
        menu.addAction(self.about_action)
        return recent

    def citation_format_menu(self) -> QAction:
        """ "Copy Citation As ▸" with one entry per format (the same submenu in Edit and the context menu)."""
        if getattr(self, "_citation_menu", None) is None:
            self._citation_menu = QMenu("Copy Citation &As", self._window)
            self._citation_menu.addActions(self.citation_format_actions)
        return self._citation_menu.menuAction()

    def quote_context_menu(self, parent) -> QMenu:
        """The quote table's context menu, built from :attr:`quote_context_actions`."""
        menu = QMenu(parent)
        for action in self.quote_context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Every action that has a shortcut, as ``(what it does, keys)``: the Help ▸ Keyboard Shortcuts list."""
        seen: dict[str, str] = {}
        for action in [self.undo_action, self.redo_action, *self._window.actions()]:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)  # the first of its keys
            text = action.text().replace("&", "")
            if keys and text and text not in seen:
                seen[text] = keys
        return list(seen.items())

    def set_project_open(self, has_project: bool, *, writable: bool = True) -> None:
        """Enable the actions that need a project only while one is open, and those that change it
        only while it is ``writable`` (not opened read-only)."""
        for action in self.project_actions:
            action.setEnabled(has_project and (writable or action not in self.edit_actions))

    def set_recent(self, paths: list[str]) -> None:
        """List these projects under File ▸ Open Recent (the full path as tooltip)."""
        self.recent_menu.clear()
        for path in paths:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self._commands.open_project(p))
        self.recent_menu.setEnabled(bool(paths))
