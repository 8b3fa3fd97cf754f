"""Review: confirm or correct a speaker, judge a statement, add a note — every step undoable.

Each decision the core records gets an id; an undo command keeps those ids (never table rows, which
move when the table is sorted again), so undo switches the decisions off and redo switches them back
on (:meth:`Library.set_decisions_active`). Decisions live in the project and survive re-extraction.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from typing import NamedTuple, Protocol

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QTextOption, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quotecheck.library import VERDICTS, Library
from quotecheck.records import QuoteRow

from .completion import NameCompleter
from .style import VERDICT_COLOURS

log = logging.getLogger(__name__)


LONG_WORD = 1000
"""Characters without a space past which the note editor wraps anywhere rather than between words."""


NOTE_PLACEHOLDER = "Note for this quote (Ctrl+Return saves)"
NO_NOTE_READ_ONLY = "No note (the project is read-only here)"
THEIR_NOTE_SHOWN = 120
"""Characters of a note another program saved that the conflict bar shows (its tooltip shows more)."""


class NoteEdit(QPlainTextEdit):
    """The note editor. It wraps between words, but anywhere while the note holds a run of
    :data:`LONG_WORD` characters without a space: Qt's search for a word boundary grows with the square
    of a word's length (a 200,000-character word froze the window for 4 s; wrapped anywhere, 0.1 s). So
    that no long word is ever laid out the slow way, the editor turns to wrapping anywhere before such a
    text comes in (a note shown, a paste) and back only once the text is in (``textChanged``)."""

    _long = re.compile(rf"\S{{{LONG_WORD}}}")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.textChanged.connect(self._fit_wrap)

    def setPlainText(self, text: str) -> None:
        self._wrap_anywhere_for(text)
        super().setPlainText(text)

    def insertFromMimeData(self, source) -> None:
        if source.hasText():
            self._wrap_anywhere_for(source.text())
        super().insertFromMimeData(source)

    def _wrap_anywhere_for(self, text: str) -> None:
        if self._long.search(text) is not None:
            self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)

    def _fit_wrap(self) -> None:
        anywhere = self._long.search(self.toPlainText()) is not None
        mode = QTextOption.WrapMode.WrapAnywhere if anywhere else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        if self.wordWrapMode() != mode:
            self.setWordWrapMode(mode)


class NoteConflict(QFrame):
    """The bar over the note editor when another program saved a note while the person was typing one,
    on the quote shown or on another selected quote the typed note would also go to: it shows the other
    note(s) and asks which to keep; until then the typed note is not saved.

    Signals:
        keep_mine(): keep the typed note (Save then records it over the other, knowingly).
        take_theirs(): put the other program's note in the editor, the typing dropped.

    Attributes:
        their_note: the shown quote's note as another program saved it, or None when only other
            selected quotes' notes changed.
        others: the other selected quotes whose note another program changed: id -> (label, note).
    """

    keep_mine = Signal()
    take_theirs = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("NoteConflict { background:#fff4e6; border:1px solid #e8590c; }")
        self.their_note: str | None = None
        self.others: dict[int, tuple[str, str]] = {}
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.keep = QPushButton("Keep mine")
        self.keep.setToolTip("Keep the note you typed; Save then records it in place of the other")
        self.keep.clicked.connect(self.keep_mine)
        self.take = QPushButton("Take theirs")
        self.take.setToolTip("Show the note the other program saved in the editor, dropping your typing")
        self.take.clicked.connect(self.take_theirs)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self.message, 1)
        for button in (self.keep, self.take):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def pending(self) -> bool:
        """Whether the person has yet to choose (the bar is up, whether or not the window is shown)."""
        return not self.isHidden()

    def show_note(
        self, note: str | None, *, asked: bool = False, others: dict[int, tuple[str, str]] | None = None
    ) -> None:
        """Show the note another program saved on the quote shown (``note``; None: that one did not
        change) and on other selected quotes (``others``: id -> (label, note)); ``asked``: a save was
        tried before choosing."""
        self.their_note = note
        self.others = dict(others or {})
        said = []
        if note is not None:
            said.append(f"this note: “{html.escape(_cut(note))}”" if note else "no note (it removed this one)")
        for label, other in self.others.values():
            told = f"“{html.escape(_cut(other))}”" if other else "no note (it removed one)"
            said.append(f"on the selected {html.escape(label)}: {told}")
        ask = "<b>Choose first.</b> " if asked else ""
        self.message.setText(f"{ask}Another program saved {'; '.join(said)}. Yours is not saved.")
        tips = ([note] if note else []) + [f"{label}: {other}" for label, other in self.others.values()]
        self.message.setToolTip("\n\n".join(tips)[:4000])
        self.show()


def _cut(note: str) -> str:
    flat = " ".join(note.split())
    return flat[:THEIR_NOTE_SHOWN] + ("…" if len(flat) > THEIR_NOTE_SHOWN else "")


class NoteDraft(NamedTuple):
    """A note typed for a quote and not saved, kept while the person looks at other quotes."""

    text: str
    stored: str
    """The quote's note as stored when the typing began (another program's change since is shown)."""
    conflict: bool
    """The conflict bar was up for it (another program's note not chosen over yet)."""
    anchor: tuple[int, int, int, str, str | None] | None = None
    """The quote's article, place, words and extracted speaker when the typing began: where the note goes when a new version
    of the article renumbers the quote (see ``MainWindow._carry_drafts``)."""


class ReviewHost(Protocol):
    """What undo commands need from the window."""

    lib: Library | None

    def after_review(self, quote_ids: list[int], speakers_changed: bool) -> None: ...

    def show_error(self, message: str) -> None: ...

    def run_blocking(self, fn: Callable[[Library], object], title: str) -> object: ...


class DecisionCommand(QUndoCommand):
    """One undoable step made of review decisions.

    The first ``redo`` (run by ``QUndoStack.push``) records the decisions through ``first``; later
    redos and undos switch the same decisions on and off. A failed first step makes the command
    obsolete, so it never reaches the undo history.
    """

    def __init__(
        self,
        host: ReviewHost,
        text: str,
        first: Callable[[Library], list[int]],
        quote_ids: list[int],
        speakers_changed: bool = False,
        after: Callable[[], None] | None = None,
    ):
        super().__init__(text)
        self._host = host
        self._first = first
        self._quote_ids = quote_ids
        self._speakers_changed = speakers_changed
        self._after = after  # instead of ``host.after_review`` (a removal reloads more than rows)
        self.decision_ids: list[int] | None = None

    def _run(self, fn: Callable[[Library], object]):
        """Run a write on the host's writer (one connection for all of the window's writes, which keeps
        what speaker decisions read between them), or on its library when it has none."""
        runner = getattr(self._host, "run_blocking", None)
        if runner is not None:
            return runner(fn, self.text())
        return fn(self._host.lib)

    def redo(self) -> None:
        if self._host.lib is None:
            self.setObsolete(True)
            return
        try:
            if self.decision_ids is None:
                self.decision_ids = list(self._run(self._first))
            else:
                ids = self.decision_ids
                self._run(lambda lib: lib.set_decisions_active(ids, True))
        except Exception as exc:  # a refused decision is a message, not a crash
            log.warning("%s failed", self.text(), exc_info=True)
            self.setObsolete(True)
            self._host.show_error(f"{self.text()} failed: {exc}")
            return
        self._done()

    def _done(self) -> None:
        if self._after is not None:
            self._after()
        else:
            self._host.after_review(self._quote_ids, self._speakers_changed)

    def undo(self) -> None:
        if self._host.lib is None or not self.decision_ids:
            return
        ids = self.decision_ids
        try:
            self._run(lambda lib: lib.set_decisions_active(ids, False))
        except Exception as exc:
            log.warning("undo %s failed", self.text(), exc_info=True)
            self._host.show_error(f"Undo {self.text()} failed: {exc}")
            return
        self._done()


def review_command(host: ReviewHost, quote_ids: int | list[int], **decision) -> DecisionCommand:
    """An undoable ``Library.review(quote_id, **decision)`` on one quote or several (one undo step)."""
    ids = [quote_ids] if isinstance(quote_ids, int) else list(quote_ids)
    if decision.get("speaker") is not None:
        text = f"Correct speaker to “{decision['speaker']}”"
    elif decision.get("confirm"):
        text = "Confirm speaker"
    elif decision.get("confirm") is False:
        text = "Withdraw confirmation"
    elif decision.get("verdict") is not None:
        text = f"Verdict: {decision['verdict'] or 'none'}"
    else:
        text = "Note"
    if len(ids) > 1:
        text += f" ({len(ids)} quotes)"
    return DecisionCommand(
        host,
        text,
        lambda lib: [d for quote_id in ids for d in lib.review(quote_id, **decision)],
        ids,
        speakers_changed=decision.get("speaker") is not None,
    )


def merge_command(host: ReviewHost, speakers: list[int], names: list[str] | None = None) -> DecisionCommand:
    """An undoable ``Library.merge_speakers(speakers)`` (speaker ids; ``names`` label the undo step)."""
    label = " + ".join(names or map(str, speakers))
    return DecisionCommand(
        host, "Merge " + label, lambda lib: [lib.merge_speakers(speakers)], [], speakers_changed=True
    )


def split_command(host: ReviewHost, speaker: int, alias: str, name: str = "") -> DecisionCommand:
    """An undoable ``Library.split_speaker(speaker, alias)`` (the speaker's id; ``name`` labels the step)."""
    return DecisionCommand(
        host, f"Split “{alias}” off {name or speaker}", lambda lib: [lib.split_speaker(speaker, alias)], [], True
    )


class ReviewPanel(QWidget):
    """Decisions on the selected quote.

    Signals:
        review_requested(int, dict): a quote id and the keyword arguments for ``Library.review``.
        note_typing_started(): the person began typing a note: the window notes down what the other
            selected quotes' notes are now (:attr:`notes_seen`), to see later whether one changed.

    Attributes:
        notes_seen: the other selected quotes' notes (id -> note) as they were when the typing began
            (None while no note is being typed); the typed note is saved over none that changed since.
        drafts: notes typed and not saved for quotes no longer shown (quote id -> draft); coming back
            to the quote puts its draft in the editor again.
    """

    review_requested = Signal(int, dict)
    note_typing_started = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.quote_id: int | None = None
        self.row: QuoteRow | None = None
        self.notes_seen: dict[int, str] | None = None
        self.drafts: dict[int, NoteDraft] = {}
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.selection_note = QLabel()
        self.selection_note.setStyleSheet("color:#1971c2")
        self.selection_note.hide()

        self.selected = 1
        self.confirmed = False
        self.read_only = False
        self.confirm = QPushButton("Unconfirm")  # the longer label sizes the button
        self.confirm.setToolTip("The speaker is right (Ctrl+Return); again to withdraw the confirmation")
        self.confirm.clicked.connect(lambda: self._request(confirm=not self.confirmed))

        self.correct_edit = QLineEdit()
        self.correct_edit.setPlaceholderText("Correct speaker to…")
        # read whole in a narrow window too (the window tiled on half a screen)
        self.correct_edit.setMinimumWidth(self.correct_edit.fontMetrics().horizontalAdvance("Correct speaker to…") + 16)
        self.correct_edit.setToolTip("The right speaker's name; Return or Correct records it (Ctrl+R)")
        self.correct_edit.setCompleter(NameCompleter(self.correct_edit))
        # Return may still be inside the completer's key handling: record the correction after it
        self.correct_edit.returnPressed.connect(lambda: QTimer.singleShot(0, self._correct))
        self.correct = QPushButton("Correct")
        self.correct.clicked.connect(self._correct)

        self.verdict = QComboBox()
        self.verdict.setToolTip("Your verdict on this quote (Ctrl+1 … Ctrl+4)")
        self.verdict.addItem("No verdict", "")
        for v in VERDICTS:
            self.verdict.addItem(v.capitalize(), v)
        self.verdict.activated.connect(self._verdict_chosen)

        self.note_edit = NoteEdit()
        self.note_edit.setPlaceholderText(NOTE_PLACEHOLDER)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 3 + 12)
        self.note_edit.installEventFilter(self)
        self.note_edit.document().modificationChanged.connect(self._note_modified)
        self.save_note = QPushButton("Save note")
        self.save_note.clicked.connect(self._note)
        self.note_conflict = NoteConflict()
        self.note_conflict.keep_mine.connect(self._keep_my_note)
        self.note_conflict.take_theirs.connect(self._take_their_note)

        # the speaker line (with the verdict), the speaker decision, then the note (several lines)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignTop)
        controls = QHBoxLayout()
        controls.setSpacing(4)
        for widget, stretch in ((self.confirm, 0), (self.correct_edit, 1), (self.correct, 0)):
            controls.addWidget(widget, stretch)
        notes = QHBoxLayout()
        notes.setSpacing(4)
        notes.addWidget(self.note_edit, 1)
        notes.addWidget(self.save_note, 0, Qt.AlignmentFlag.AlignTop)
        for button in (self.confirm, self.correct, self.save_note):
            # the style's 80-pixel minimum would leave the fields no room in a narrow pane
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 14)
        self.confirm.setText("Confirm")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.selection_note)
        layout.addLayout(controls)
        layout.addWidget(self.note_conflict)
        layout.addLayout(notes)
        layout.addStretch(1)
        self.set_quote(None)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_summary()

    def _fit_summary(self) -> None:
        """Give the speaker line every line it wraps to (at least two): a long one, such as a verdict's
        wording that changed since, was cut off at the bottom of a pane sized for two lines. The
        splitter above makes room, as it does for any minimum height."""
        width = self.summary.width()
        lines = 2 * self.summary.fontMetrics().lineSpacing()
        if width > 0:
            self.summary.setMinimumHeight(max(lines, self.summary.heightForWidth(width)))

    def eventFilter(self, watched, event) -> bool:
        """Ctrl+Return in the note saves it (instead of confirming the speaker)."""
        if watched is self.note_edit and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    QTimer.singleShot(0, self._note)
                return True
        return super().eventFilter(watched, event)

    def set_selection_count(self, count: int) -> None:
        """How many quotes the person selected: decisions apply to all of them."""
        self.selected = max(1, count)
        self._show_selection()

    def _show_selection(self) -> None:
        many = self.selected > 1 and self.quote_id is not None
        self.selection_note.setVisible(many)
        if many:
            self.selection_note.setText(f"{self.selected} quotes selected: a decision applies to all of them.")

    def set_speaker_names(self, names: list[str]) -> None:
        self.correct_edit.completer().set_names(names)

    def set_quote(self, row: QuoteRow | None, *, keep_typing: bool = False) -> None:
        """Show the decisions already taken on this quote.

        ``keep_typing``: the same quote read again (another program changed the project): a note or a
        correction typed and not yet saved stays as typed. A note typed and not saved for the quote
        left is kept as its draft, and a quote's draft comes back when it is shown again.
        """
        same = keep_typing and row is not None and self.row is not None and row.id == self.row.id
        typed_note = self.note_edit.toPlainText() if same and self.note_edit.document().isModified() else None
        typed_name = self.correct_edit.text() if same else ""
        stored_before = self.row.note if same and self.row is not None else None
        pending = same and self.note_conflict.pending()
        mine_pending = pending and self.note_conflict.their_note is not None
        others = self.note_conflict.others if pending else {}
        if not same:
            self._keep_draft(row)
            draft = self.drafts.pop(row.id, None) if row is not None else None
            if draft is not None:
                typed_note, stored_before, mine_pending = draft.text, draft.stored, draft.conflict
        if typed_note is None or not same:
            self.notes_seen = None
        self.quote_id = row.id if row else None
        self.row = row
        self._enable(self.quote_id is not None)
        if not row:
            self._empty("<span style='color:#868e96'>No quote selected.</span>")
            return
        self._show_row(row)
        if typed_note is not None:
            self.note_edit.setPlainText(typed_note)
            self.note_edit.document().setModified(True)
        self.correct_edit.setText(typed_name)
        # the stored note changed under the typing: never saved over unseen (README: outside changes)
        theirs = row.note or ""
        mine = (
            typed_note is not None
            and typed_note.strip() != theirs
            and (mine_pending or (stored_before or "") != theirs)
        )
        if typed_note is None or not (mine or others):
            self.note_conflict.hide()
        elif not (pending and (theirs if mine else None) == self.note_conflict.their_note):  # else it stays
            self.note_conflict.show_note(theirs if mine else None, others=others)

    def _typed_note(self, stored: str | None) -> NoteDraft | None:
        """The note in the editor when it is typed and not saved (differs from ``stored``)."""
        if self.row is None or self.read_only or not self.note_edit.document().isModified():
            return None
        typed = self.note_edit.toPlainText()
        if typed.strip() == (stored or "").strip():  # saved, or typed back to what is stored
            return None
        conflict = self.note_conflict.pending() and self.note_conflict.their_note is not None
        anchor = (self.row.article_id, self.row.start, self.row.end, self.row.text, self.row.extracted_speaker)
        return NoteDraft(typed, self.row.note or "", conflict, anchor)

    def _keep_draft(self, coming: QuoteRow | None) -> None:
        """The quote shown is left (or shown afresh after a decision): keep its unsaved note as a draft."""
        if self.row is None:
            return
        stored = coming.note if coming is not None and coming.id == self.row.id else self.row.note
        draft = self._typed_note(stored)
        if draft is None:
            self.drafts.pop(self.row.id, None)
        else:
            self.drafts[self.row.id] = draft

    def unsaved_notes(self) -> dict[int, NoteDraft]:
        """Every note typed and not saved: the one in the editor and the drafts kept for other quotes."""
        notes = dict(self.drafts)
        typed = self._typed_note(self.row.note) if self.row is not None else None
        if self.row is not None and typed is not None:
            notes[self.row.id] = typed
        return notes

    def drop_unsaved_notes(self) -> None:
        """Forget every unsaved note (the person chose to discard them, or the project closes)."""
        self.drafts.clear()
        self.note_edit.document().setModified(False)

    def save_typed_note(self) -> None:
        """Save the note in the editor (as Save note and Ctrl+Return do)."""
        self._note()

    def notes_changed_elsewhere(self, changed: dict[int, tuple[str, str]], *, asked: bool = False) -> None:
        """Other selected quotes whose note another program changed while a note is being typed (id ->
        (label, note)): the bar shows them beside any change to the shown quote's note."""
        if not changed:
            return
        pending = self.note_conflict.pending()
        mine = self.note_conflict.their_note if pending else None
        others = {**(self.note_conflict.others if pending else {}), **changed}
        self.note_conflict.show_note(mine, asked=asked, others=others)

    def _note_modified(self, modified: bool) -> None:
        if modified and self.notes_seen is None and self.quote_id is not None:
            self.note_typing_started.emit()

    def show_gone(self, message: str) -> None:
        """The quote shown is no longer in the project: say so in place; no decision can be taken. A note
        typed for it is kept as a draft, for the quote a new version of its article has in its place."""
        if self.row is not None:
            self._keep_draft(None)
        self.quote_id = None
        self.row = None
        self._enable(False)
        self._empty(f"<span style='color:#c92a2a'>{html.escape(message)}</span>")

    def set_read_only(self, read_only: bool) -> None:
        """A project opened read-only: its decisions and note show, none can be taken or saved."""
        self.read_only = read_only
        self.note_edit.setReadOnly(read_only)
        self.note_edit.setPlaceholderText(NO_NOTE_READ_ONLY if read_only else NOTE_PLACEHOLDER)
        self._enable(self.quote_id is not None)

    def _enable(self, enabled: bool) -> None:
        for w in (self.confirm, self.correct_edit, self.correct, self.verdict, self.save_note):
            w.setEnabled(enabled and not self.read_only)
        self.note_edit.setEnabled(enabled)  # read-only, a note can still be read, scrolled and copied

    def _empty(self, summary: str) -> None:
        self.note_conflict.hide()
        self.summary.setText(summary)
        self._fit_summary()
        self.verdict.setCurrentIndex(0)
        self.note_edit.clear()
        self.correct_edit.clear()
        self.confirmed = False
        self.confirm.setText("Confirm")
        self._show_selection()

    def _show_row(self, row: QuoteRow) -> None:
        speaker = row.reviewed_speaker or row.speaker
        bits = [f"<b>{html.escape(speaker)}</b>" if speaker else "<i>no speaker found</i>"]
        written = row.mention
        if written and written != speaker:
            bits.append(f"written “{html.escape(written)}”")
        if row.cue:
            bits.append(f"cue “{html.escape(row.cue)}”")
        if row.reviewed_speaker:
            bits.append(
                f"<span style='color:#1971c2'>corrected (extracted: {html.escape(row.extracted_speaker or 'none')})</span>"
            )
        elif row.confirmed:
            bits.append("<span style='color:#2b8a3e'>✓ confirmed</span>")
        verdict = row.verdict
        if verdict:
            bits.append(
                f"<span style='color:{VERDICT_COLOURS.get(verdict, '#495057')}'><b>{html.escape(verdict)}</b></span>"
            )
        if row.wording_was:  # an edited article imported again: the decision stands on other words
            was = html.escape(" ".join(row.wording_was.split()))
            bits.append(
                f"<span style='color:#e8590c'>the quote's wording changed since your "
                f"{html.escape(row.reworded_for or 'review')}: was “{was}”</span>"
            )
        self.summary.setText(" · ".join(bits))
        self._fit_summary()
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(verdict or "")))
        self.note_edit.setPlainText(row.note or "")
        self.correct_edit.clear()
        self.confirmed = bool(row.confirmed)
        self.confirm.setText("Unconfirm" if self.confirmed else "Confirm")
        self._show_selection()

    def focus_correction(self) -> None:
        self.correct_edit.setFocus()
        self.correct_edit.selectAll()

    def choose_verdict(self, verdict: str) -> None:
        if self.quote_id is None:
            return
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(verdict)))
        self._request(verdict=verdict)

    def _request(self, **decision) -> None:
        if self.quote_id is not None and not self.read_only:
            self.review_requested.emit(self.quote_id, decision)

    def _correct(self) -> None:
        name = self.correct_edit.text().strip()
        if name:
            self._request(speaker=name)

    def _verdict_chosen(self, index: int) -> None:
        self._request(verdict=self.verdict.itemData(index) or "")

    def _note(self) -> None:
        if self.note_conflict.pending():  # another program's note, not yet chosen over: ask again
            self.note_conflict.show_note(self.note_conflict.their_note, asked=True, others=self.note_conflict.others)
            return
        self._request(note=self.note_edit.toPlainText().strip())

    def _keep_my_note(self) -> None:
        if self.notes_seen is not None:  # saved over the other notes knowingly
            self.notes_seen.update({q: note for q, (_label, note) in self.note_conflict.others.items()})
        self.note_conflict.hide()
        self.note_edit.setFocus()

    def _take_their_note(self) -> None:
        self.note_conflict.hide()
        theirs = self.note_conflict.their_note
        self.note_edit.setPlainText(theirs if theirs is not None else (self.row.note or "") if self.row else "")
        self.note_edit.document().setModified(False)
        self.notes_seen = None
