"""A note typed and not saved is never dropped unseen: leaving its quote keeps it as a draft that comes
back with the quote, and closing the window (or opening another project) with unsaved notes asks
Save / Discard / Cancel (through ``MainWindow.ask_about_unsaved_notes``, which these tests answer).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from quotecheck.ui.main_window import MainWindow

from quotecheck.library import Library

WAIT = 10000


@pytest.fixture
def noted(qtbot, window, project):
    path, ids = project
    with qtbot.waitSignal(window.lists_reloaded, timeout=WAIT):
        assert window.open_project(path)
    return window, path, ids["quotes"][(0, 0)], ids["quotes"][(0, 1)]


def _click_row(qtbot, window: MainWindow, quote_id: int) -> None:
    index = window.model.index(window.model.row_of(quote_id), 0)
    window.table.scrollTo(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=window.table.visualRect(index).center())
    assert window.current_quote_id == quote_id


def _type(qtbot, window: MainWindow, text: str) -> None:
    edit = window.review_panel.note_edit
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def _notes(path) -> dict[int, str]:
    with Library(path, create=False) as lib:
        return {q.id: q.note for q in lib.quote_rows(lib.quote_ids()).values() if q.note}


def _answer(monkeypatch, answer: str) -> list[int]:
    asked: list[int] = []

    def ask(_window, count: int) -> str:
        asked.append(count)
        return answer

    monkeypatch.setattr(MainWindow, "ask_about_unsaved_notes", ask)
    return asked


def _typed_then_new_version(qtbot, window, monkeypatch, path, story, quote_id: int, note: str, edit) -> int:
    """Type ``note`` for ``quote_id`` without saving; another program imports ``story`` again with ``edit``
    (old words, new words) made in it; close the window answering Save. The quote the note was saved on."""
    with qtbot.waitSignal(window.lists_reloaded, timeout=WAIT):
        assert window.open_project(path)
    _click_row(qtbot, window, quote_id)
    _type(qtbot, window, note)
    story.write_text(story.read_text().replace(*edit))
    with Library(path) as lib:
        assert lib.ingest([story]).updated
    window.reload(outside=True)
    qtbot.wait(50)
    _answer(monkeypatch, "save")
    window.close()
    [(saved_on, saved)] = _notes(path).items()
    assert saved == note
    return saved_on


def test_a_note_typed_comes_back_with_its_quote_and_saves_there(qtbot, noted):
    window, path, a, b = noted
    edit = window.review_panel.note_edit
    _click_row(qtbot, window, a)
    _type(qtbot, window, "Varga: ask for the recording")
    _click_row(qtbot, window, b)
    assert edit.toPlainText() == ""  # the other quote's own (empty) note

    _click_row(qtbot, window, a)
    assert edit.toPlainText() == "Varga: ask for the recording" and edit.document().isModified()
    edit.setFocus()
    with qtbot.waitSignal(window.review_panel.review_requested, timeout=WAIT):
        qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _notes(path) == {a: "Varga: ask for the recording"}
    _click_row(qtbot, window, b)
    _click_row(qtbot, window, a)  # saved: shown as stored, nothing unsaved left
    assert not edit.document().isModified() and window.review_panel.unsaved_notes() == {}


def test_a_draft_whose_quote_got_a_note_elsewhere_comes_back_with_the_conflict_bar(qtbot, noted):
    window, path, a, b = noted
    _click_row(qtbot, window, a)
    _type(qtbot, window, "Holloway: wrong year")
    _click_row(qtbot, window, b)
    with Library(path, create=False) as cli:
        cli.review(a, note="Brandt: checked the archive")

    _click_row(qtbot, window, a)
    panel = window.review_panel
    assert panel.note_edit.toPlainText() == "Holloway: wrong year"
    assert panel.note_conflict.isVisible() and "Brandt: checked the archive" in panel.note_conflict.message.text()


def test_closing_with_unsaved_notes_asks_and_cancel_keeps_the_window(qtbot, noted, monkeypatch):
    window, path, a, b = noted
    _click_row(qtbot, window, a)
    _type(qtbot, window, "Orvel: second source")
    _click_row(qtbot, window, b)
    _type(qtbot, window, "Wren: first source")
    asked = _answer(monkeypatch, "cancel")

    window.close()
    assert asked == [2] and window.isVisible() and window.lib is not None
    assert window.review_panel.note_edit.toPlainText() == "Wren: first source"

    asked = _answer(monkeypatch, "save")
    window.close()
    assert asked == [2] and not window.isVisible()
    assert _notes(path) == {a: "Orvel: second source", b: "Wren: first source"}


def test_closing_and_discarding_writes_nothing(qtbot, noted, monkeypatch):
    window, path, a, b = noted
    _click_row(qtbot, window, a)
    _type(qtbot, window, "Marsh: unclear")
    _click_row(qtbot, window, b)
    asked = _answer(monkeypatch, "discard")
    window.close()
    assert asked == [1] and not window.isVisible()
    assert _notes(path) == {}


def test_saving_on_close_never_writes_over_a_note_saved_elsewhere(qtbot, noted, monkeypatch):
    window, path, a, b = noted
    _click_row(qtbot, window, a)
    _type(qtbot, window, "Calloway: misquoted")
    _click_row(qtbot, window, b)
    with Library(path, create=False) as cli:
        cli.review(a, note="Roe: quoted correctly")
    _answer(monkeypatch, "save")

    window.close()
    assert window.isVisible() and window.current_quote_id == a  # shown with both notes, not closed
    assert window.review_panel.note_conflict.isVisible()
    assert _notes(path) == {a: "Roe: quoted correctly"}
    _answer(monkeypatch, "discard")  # the fixture closes the window


def test_opening_another_project_asks_too(qtbot, noted, monkeypatch, tmp_path):
    window, path, a, _b = noted
    _click_row(qtbot, window, a)
    _type(qtbot, window, "Brandt: see the minutes")
    asked = _answer(monkeypatch, "cancel")
    assert not window.open_project(tmp_path / "other.qcproj", create=True)
    assert asked == [1] and window.lib is not None and str(window.lib.path) == str(path)
    assert window.review_panel.note_edit.toPlainText() == "Brandt: see the minutes"
    _answer(monkeypatch, "discard")


def test_a_verdict_chosen_while_typing_a_note_keeps_the_typing(qtbot, noted):
    window, path, a, _b = noted
    _click_row(qtbot, window, a)
    _type(qtbot, window, "Roe: the figure is old")
    window.choose_verdict("misquoted")
    with Library(path, create=False) as lib:
        assert lib.quote(a).verdict == "misquoted"
    edit = window.review_panel.note_edit
    assert edit.toPlainText() == "Roe: the figure is old" and edit.document().isModified()


def test_a_note_typed_for_a_quote_a_new_version_rewords_goes_to_the_quote_in_its_place(
    qtbot, window, tmp_path, monkeypatch
):
    """Another program imports the article again, edited inside the quote a note is being typed for: the
    quote is renumbered, and on closing ("Save") the note goes to the quote now in its place, not nowhere."""
    story = tmp_path / "port.txt"
    story.write_text(
        'Port fees\n\n"The fees must go up," said harbour director Signe Ruud.\n\n'
        '"Fishermen will leave this port for good," said skipper Tor Hauge.\n'
    )
    path = tmp_path / "port.qcproj"
    with Library(path) as lib:
        lib.ingest([story])
        [hauge] = [q for q in lib.quote_rows(lib.quote_ids()).values() if "Fishermen" in q.text]
    edit = ("leave this port", "leave this harbour")
    quote_id = _typed_then_new_version(
        qtbot, window, monkeypatch, path, story, hauge.id, "ask the harbour office", edit
    )
    with Library(path, create=False) as lib:
        assert "leave this harbour" in lib.quote(quote_id).text


def test_a_note_typed_for_a_quote_cut_short_goes_to_the_whole_quote_of_the_new_version(
    qtbot, window, tmp_path, monkeypatch
):
    """Quote marks inside a quote ('triple the "cost"') cut the extracted quote short; the note typed for it
    goes, after the article is corrected on disk and imported again, to the whole quote now in its place by
    the same speaker, as a saved note would (it holds too little of the short quote's words to be found by
    them alone)."""
    story = tmp_path / "levy.txt"
    said = '"The levy will triple the "cost" for fishing boats," said Mayor Ana Lind at a meeting of the council.'
    story.write_text(f"Harbour levy row deepens\n\nThe harbour levy dispute widened on Sunday.\n\n{said}\n")
    path = tmp_path / "levy.qcproj"
    with Library(path) as lib:
        lib.ingest([story])
        [short] = lib.quote_rows(lib.quote_ids()).values()
    assert short.text.startswith("The levy will triple the") and "boats" not in short.text
    edit = ('triple the "cost"', "quadruple the cost")
    note = "ask the mayor's office for the tariff"
    quote_id = _typed_then_new_version(qtbot, window, monkeypatch, path, story, short.id, note, edit)
    with Library(path, create=False) as lib:
        assert lib.quote(quote_id).text == "The levy will quadruple the cost for fishing boats,"
