"""Another program (the ``quotecheck`` CLI: here a second ``Library`` on the same file, a connection of
its own) changes the project the window has open.

A decision in the window only ever goes to the quote the person sees highlighted, as the pane shows it;
a quote dismissed elsewhere is said to be gone in place of the Review pane. The window reads the project
again by itself when another connection commits (polling SQLite's data version) and on View ▸ Reload
(F5). Background reads may arrive in any order: every wait is on the state the person sees.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from quotecheck.ui.main_window import MainWindow
from quotecheck.ui.models import column_of

from quotecheck.library import Library, QuoteFilter

WAIT = 10000


def _open(qtbot, settings, path, **watch) -> MainWindow:
    from quotecheck.ui.app import make_app

    make_app()
    window = MainWindow(settings, search_delay_ms=0, **watch)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    with qtbot.waitSignal(window.lists_reloaded, timeout=WAIT):
        assert window.open_project(path)
    return window


@pytest.fixture
def still(qtbot, settings, project):
    """A window that never looks for outside changes by itself (only F5 reads the file again): what
    another program did stays unseen, as when it happens between two looks."""
    path, ids = project
    window = _open(qtbot, settings, path, watch_interval_ms=0, reload_delay_ms=0)
    yield window, path, ids
    _close(window)


@pytest.fixture
def watching(qtbot, settings, project):
    """A window that looks for outside changes every 30 ms and reads them at once."""
    path, ids = project
    window = _open(qtbot, settings, path, watch_interval_ms=30, reload_delay_ms=0)
    yield window, path, ids
    _close(window)


def _close(window: MainWindow) -> None:
    if window.job is not None:
        window.job.cancel()
        window.job.wait()
    window.close()


def _click_row(qtbot, window: MainWindow, quote_id: int) -> None:
    table = window.table
    index = window.model.index(window.model.row_of(quote_id), 0)
    assert index.isValid()
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def _save_note(qtbot, window: MainWindow, text: str) -> None:
    """Type a note in the Review pane and press Ctrl+Return, as a person does (a disabled pane takes
    no typing); returns once the window has handled the save."""
    edit = window.review_panel.note_edit
    if not edit.isEnabled():
        return
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    with qtbot.waitSignal(window.review_panel.review_requested, timeout=WAIT):  # saved after the key event
        qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def _notes(path) -> dict[int, str]:
    with Library(path, create=False) as lib:
        return {q.id: q.note for q in lib.quote_rows(lib.quote_ids()).values() if q.note}


# -- (a) a decision goes to the quote the person sees, or nowhere ------------------------------------


def test_clicking_a_quote_dismissed_elsewhere_says_it_is_gone_and_a_note_goes_nowhere(qtbot, still):
    window, path, ids = still
    first, second = ids["quotes"][(0, 0)], ids["quotes"][(0, 1)]
    _click_row(qtbot, window, first)
    assert window.review_panel.quote_id == first
    with Library(path, create=False) as cli:  # the CLI: a note on the quote shown, the next one dismissed
        cli.review(first, note="Checked against the Varga transcript")
        cli.dismiss_quotes([second])
    assert second in window.model.ids  # the window has not read the file since: a stale row

    _click_row(qtbot, window, second)
    panel = window.review_panel
    assert window.current_quote_id is None and panel.quote_id is None  # not the quote before
    assert "no longer in the project" in panel.summary.text()
    assert not panel.note_edit.isEnabled() and not panel.save_note.isEnabled() and not panel.confirm.isEnabled()
    assert window.article_view.article_id is None
    _save_note(qtbot, window, "Holloway disputes this")
    window.review_panel._note()  # even a save that reaches the pane finds no quote to write to

    qtbot.waitUntil(lambda: second not in window.model.ids, timeout=WAIT)  # the list was read again
    assert "no longer in the project" in panel.summary.text()
    assert _notes(path) == {first: "Checked against the Varga transcript"}


def test_a_note_on_the_shown_quote_after_another_program_dismissed_it_is_refused(qtbot, still):
    window, path, ids = still
    shown = ids["quotes"][(1, 1)]
    _click_row(qtbot, window, shown)
    with Library(path, create=False) as cli:
        cli.dismiss_quotes([shown])

    _save_note(qtbot, window, "Brandt confirmed the wording")

    assert window.statusBar().currentMessage().startswith("Nothing recorded:")
    assert _notes(path) == {}
    qtbot.waitUntil(lambda: shown not in window.model.ids, timeout=WAIT)
    assert "no longer in the project" in window.review_panel.summary.text()
    assert window.review_panel.quote_id is None


def test_a_decision_on_a_quote_another_program_changed_meanwhile_is_refused_once(qtbot, still):
    window, path, ids = still
    shown = ids["quotes"][(0, 2)]
    _click_row(qtbot, window, shown)
    with Library(path, create=False) as cli:
        cli.review(shown, note="Varga: the minister said this twice")

    _save_note(qtbot, window, "Holloway: once only")

    assert window.statusBar().currentMessage().startswith("Nothing recorded:")
    assert _notes(path) == {shown: "Varga: the minister said this twice"}  # not replaced unseen
    assert window.review_panel.note_edit.toPlainText() == "Holloway: once only"  # the typing is kept
    # the pane now shows the quote as it is, the other note beside the typing: keeping mine and saving
    # again is a decision taken knowingly
    conflict = window.review_panel.note_conflict
    assert conflict.pending() and "Varga: the minister said this twice" in conflict.message.text()
    qtbot.mouseClick(conflict.keep, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.review_panel.review_requested, timeout=WAIT):
        qtbot.keyClick(window.review_panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _notes(path) == {shown: "Holloway: once only"}


def test_a_verdict_on_a_selection_with_a_quote_dismissed_elsewhere_writes_nothing(qtbot, still):
    window, path, ids = still
    a, b = ids["quotes"][(2, 0)], ids["quotes"][(2, 1)]
    _click_row(qtbot, window, a)
    index = window.model.index(window.model.row_of(b), 0)
    qtbot.mouseClick(
        window.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        window.table.visualRect(index).center(),
    )
    assert sorted(window.selected_quote_ids()) == sorted([a, b])
    shown = window.current_quote_id
    other = a if shown == b else b
    with Library(path, create=False) as cli:
        cli.dismiss_quotes([other])

    window.choose_verdict("misquoted")

    assert window.statusBar().currentMessage().startswith("Nothing recorded:")
    with Library(path, create=False) as lib:
        assert lib.quote(shown).verdict is None
    qtbot.waitUntil(lambda: other not in window.model.ids, timeout=WAIT)


# -- (b) changes another program made show by themselves, and on F5 ---------------------------------


def _review_cell(window: MainWindow, quote_id: int) -> str:
    return window.model.index(window.model.row_of(quote_id), column_of(window.model, "review")).data() or ""


def _speaker_names(window: MainWindow) -> list[str]:
    return [s["name"] for s in window.speaker_panel.model.speakers]


def _change_elsewhere(path, noted: int, dismissed: int) -> None:
    """What the CLI does: a note on one quote, another dismissed, two speakers merged."""
    with Library(path, create=False) as cli:
        cli.merge_speakers(["Ilse Brannoch", "Ilsa Brannoch"])
        cli.review(noted, note="Holloway checked the recording")
        cli.dismiss_quotes([dismissed])


def _shows_the_changes(window: MainWindow, noted: int, dismissed: int) -> bool:
    return (
        dismissed not in window.model.ids
        and _review_cell(window, noted) == "note"
        and window.review_panel.note_edit.toPlainText() == "Holloway checked the recording"
        and "Ilsa Brannoch" not in _speaker_names(window)
        and "Ilse Brannoch" in _speaker_names(window)
    )


def test_changes_another_program_commits_show_by_themselves(qtbot, watching):
    window, path, ids = watching
    noted, dismissed = ids["quotes"][(0, 0)], ids["quotes"][(0, 2)]
    _click_row(qtbot, window, noted)
    assert "Ilsa Brannoch" in _speaker_names(window)
    total = len(window.model.ids)

    _change_elsewhere(path, noted, dismissed)

    qtbot.waitUntil(lambda: _shows_the_changes(window, noted, dismissed), timeout=WAIT)
    qtbot.waitUntil(lambda: window.count_label.text() == f"{total - 1:,} quotes", timeout=WAIT)
    assert window.current_quote_id == noted  # the selection is kept
    assert window.model.quote_id(window.table.currentIndex().row()) == noted


def test_f5_reads_what_another_program_changed(qtbot, still):
    window, path, ids = still
    noted, dismissed = ids["quotes"][(2, 1)], ids["quotes"][(0, 2)]
    window.filter_bar.search.setText("water")  # a filter, kept by the reload
    qtbot.waitUntil(lambda: window.model.flt.search == "water" and noted in window.model.ids, timeout=WAIT)
    assert dismissed in window.model.ids
    _click_row(qtbot, window, noted)
    shown = list(window.model.ids)

    _change_elsewhere(path, noted, dismissed)
    assert window.model.ids == shown and "Ilsa Brannoch" in _speaker_names(window)  # not read by itself here

    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F5)

    qtbot.waitUntil(lambda: _shows_the_changes(window, noted, dismissed), timeout=WAIT)
    assert window.model.flt.search == "water" and window.model.ids == [q for q in shown if q != dismissed]
    assert window.current_quote_id == noted
    assert window.model.quote_id(window.table.currentIndex().row()) == noted
    view_menu = window.menuBar().actions()[3].menu()
    assert window.menus.reload_action in view_menu.actions()


def test_a_note_being_typed_survives_a_reload(qtbot, watching):
    window, path, ids = watching
    shown, dismissed = ids["quotes"][(1, 0)], ids["quotes"][(1, 2)]
    _click_row(qtbot, window, shown)
    edit = window.review_panel.note_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Brandt asks for the source")
    with Library(path, create=False) as cli:
        cli.dismiss_quotes([dismissed])

    qtbot.waitUntil(lambda: dismissed not in window.model.ids, timeout=WAIT)
    assert window.review_panel.quote_id == shown
    assert edit.toPlainText() == "Brandt asks for the source"


def _type_then_note_elsewhere(qtbot, window: MainWindow, path, quote_id: int) -> None:
    """The person types a note and does not save it; meanwhile the CLI gives the quote a verdict and a
    note of its own, which the window reads by itself."""
    _click_row(qtbot, window, quote_id)
    edit = window.review_panel.note_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Brandt: the figure is from 2019")
    with qtbot.waitSignal(window.project_reloaded, timeout=WAIT):
        with Library(path, create=False) as cli:
            cli.review(quote_id, verdict="unverifiable", note="Marsh checked with the ministry")
    assert "unverifiable" in window.review_panel.summary.text()
    assert edit.toPlainText() == "Brandt: the figure is from 2019"  # the typing is kept


def test_a_note_saved_elsewhere_under_typing_is_shown_and_never_saved_over_unseen(qtbot, watching):
    window, path, ids = watching
    shown = ids["quotes"][(0, 1)]
    _type_then_note_elsewhere(qtbot, window, path, shown)
    panel, edit = window.review_panel, window.review_panel.note_edit

    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Save, at once
    qtbot.mouseClick(panel.save_note, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    assert _notes(path) == {shown: "Marsh checked with the ministry"}  # not replaced by a note never shown

    conflict = panel.note_conflict
    assert conflict.isVisible() and "Marsh checked with the ministry" in conflict.message.text()
    assert "Choose first." in conflict.message.text()
    qtbot.mouseClick(conflict.take, Qt.MouseButton.LeftButton)
    assert not conflict.isVisible()
    assert edit.toPlainText() == "Marsh checked with the ministry" and not edit.document().isModified()


def test_keeping_my_note_over_one_saved_elsewhere_saves_it_knowingly(qtbot, watching):
    window, path, ids = watching
    shown = ids["quotes"][(1, 1)]
    _type_then_note_elsewhere(qtbot, window, path, shown)
    conflict = window.review_panel.note_conflict
    assert conflict.isVisible() and "Marsh checked with the ministry" in conflict.message.text()

    qtbot.mouseClick(conflict.keep, Qt.MouseButton.LeftButton)
    assert not conflict.isVisible()
    edit = window.review_panel.note_edit
    with qtbot.waitSignal(window.review_panel.review_requested, timeout=WAIT):
        qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _notes(path) == {shown: "Brandt: the figure is from 2019"}
    _click_row(qtbot, window, ids["quotes"][(0, 0)])  # another quote: no bar left over
    assert not conflict.isVisible()


def test_no_reload_while_the_windows_own_job_runs(qtbot, watching):
    window, path, ids = watching
    dismissed = ids["quotes"][(2, 1)]
    release = threading.Event()
    looks = []
    real = window.watch._version
    window.watch._version = lambda: looks.append(1) or real()

    def op(_lib, _progress):
        release.wait(WAIT / 1000)
        return None

    from quotecheck.ui.jobs import LibraryJob

    assert window.jobs.run(LibraryJob(path, op, "Holding the project"))
    with Library(path, create=False) as cli:
        cli.dismiss_quotes([dismissed])
    looked = len(looks)
    qtbot.waitUntil(lambda: len(looks) > looked + 5, timeout=WAIT)  # it looked, and saw, several times
    assert dismissed in window.model.ids  # but did not read the project in the middle of the job

    with qtbot.waitSignal(window.job_done, timeout=WAIT):
        release.set()
    qtbot.waitUntil(lambda: dismissed not in window.model.ids, timeout=WAIT)


def test_the_windows_own_reading_ahead_is_no_other_programs_change(qtbot, settings, tmp_path):
    """The window reads ahead for speaker decisions on its writer's connection; what that puts right
    is the window's own commit, not another program's: no "Another program changed the project"."""
    arts = tmp_path / "arts"
    arts.mkdir()
    # a quotation and its paraphrase: reading ahead rewrites the paraphrase link (the same rows)
    (arts / "a.txt").write_text("Fees\n\n“Harbour fees will rise by 40 percent next spring,” Ilse Varga said.\n")
    (arts / "b.txt").write_text("Fee rise\n\nIlse Varga said harbour fees would rise by 40 percent next spring.\n")
    path = tmp_path / "p.qcproj"
    with Library(path) as lib:
        assert lib.ingest(sorted(arts.iterdir())).ok
    window = _open(qtbot, settings, path, watch_interval_ms=30, reload_delay_ms=0)
    try:
        messages: list[str] = []
        window.statusBar().messageChanged.connect(messages.append)
        assert [m.role for m in window.lib.provenance(window.lib.quote_ids(QuoteFilter())[0]).variants].count(
            "paraphrase"
        ) == 1
        with qtbot.waitSignal(window.project_reloaded, timeout=1500, raising=False) as outside:
            window._prepare_decisions()
            qtbot.waitUntil(lambda: window.writer.prepared == 1, timeout=WAIT)
        assert not outside.signal_triggered, messages
        assert not any("Another program" in m for m in messages)
    finally:
        _close(window)


# -- a note typed for several selected quotes ----------------------------------------------------------


def _ctrl_click_row(qtbot, window: MainWindow, quote_id: int) -> None:
    index = window.model.index(window.model.row_of(quote_id), 0)
    qtbot.mouseClick(
        window.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        window.table.visualRect(index).center(),
    )


def _type_for_two(qtbot, window: MainWindow, a: int, b: int, text: str) -> None:
    """Select quotes ``a`` and ``b`` (``b`` shown) and type a note, not saved yet."""
    _click_row(qtbot, window, a)
    _ctrl_click_row(qtbot, window, b)
    assert sorted(window.selected_quote_ids()) == sorted([a, b]) and window.current_quote_id == b
    edit = window.review_panel.note_edit
    edit.setFocus()
    qtbot.keyClicks(edit, text)


@pytest.mark.parametrize("fixture", ["watching", "still"])
def test_a_note_saved_elsewhere_on_another_selected_quote_is_never_saved_over_unseen(qtbot, fixture, request):
    """Watching: the window reads the other note by itself and shows the bar at once; still: the bar
    comes up when Save is pressed. Either way nothing is written until the person chooses."""
    window, path, ids = request.getfixturevalue(fixture)
    a, b = ids["quotes"][(2, 0)], ids["quotes"][(2, 1)]
    _type_for_two(qtbot, window, a, b, "Calloway: both from the same speech")
    with Library(path, create=False) as cli:
        cli.review(a, note="Orvel found the full recording")
    if fixture == "watching":
        qtbot.waitUntil(lambda: _review_cell(window, a) == "note", timeout=WAIT)
        qtbot.waitUntil(lambda: sorted(window.selected_quote_ids()) == sorted([a, b]), timeout=WAIT)
        assert window.review_panel.note_conflict.isVisible()  # shown as soon as it is read
    panel, edit = window.review_panel, window.review_panel.note_edit
    assert edit.toPlainText() == "Calloway: both from the same speech"

    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)  # the save runs after the key event
    assert _notes(path) == {a: "Orvel found the full recording"}  # not replaced by a note never shown
    conflict = panel.note_conflict
    assert conflict.isVisible() and "Orvel found the full recording" in conflict.message.text()
    assert "on the selected quote" in conflict.message.text() and "Choose first." in conflict.message.text()

    qtbot.mouseClick(conflict.keep, Qt.MouseButton.LeftButton)  # knowingly: both get the typed note
    with qtbot.waitSignal(panel.review_requested, timeout=WAIT):
        qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _notes(path) == {a: "Calloway: both from the same speech", b: "Calloway: both from the same speech"}


def test_taking_theirs_for_another_selected_quote_drops_the_typing(qtbot, still):
    window, path, ids = still
    a, b = ids["quotes"][(2, 0)], ids["quotes"][(2, 1)]
    _type_for_two(qtbot, window, a, b, "Wren: misquoted twice")
    with Library(path, create=False) as cli:
        cli.review(a, note="Roe: checked, accurate")
    panel, edit = window.review_panel, window.review_panel.note_edit
    with qtbot.waitSignal(panel.review_requested, timeout=WAIT):
        qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage().startswith("Nothing recorded:")
    qtbot.mouseClick(panel.note_conflict.take, Qt.MouseButton.LeftButton)

    assert not panel.note_conflict.isVisible()
    assert edit.toPlainText() == "" and not edit.document().isModified()
    assert _notes(path) == {a: "Roe: checked, accurate"}
