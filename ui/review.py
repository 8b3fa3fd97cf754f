"""Review: confirm or correct a speaker, judge a statement, add a note — every step undoable.

Each decision the core records gets an id; an undo command keeps those ids (never table rows, which
move when the table is sorted again), so undo switches the decisions off and redo switches them back
on (:meth:`Library.set_decisions_active`). Decisions live in the project and survive re-extraction.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quotecheck.library import VERDICTS, Library

from .style import VERDICT_COLOURS

log = logging.getLogger(__name__)


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
    ):
        super().__init__(text)
        self._host = host
        self._first = first
        self._quote_ids = quote_ids
        self._speakers_changed = speakers_changed
        self.decision_ids: list[int] | None = None

    def _run(self, fn: Callable[[Library], object]):
        """Run a write; speaker changes regroup the whole project, so they go to a worker."""
        runner = getattr(self._host, "run_blocking", None)
        if self._speakers_changed and runner is not None:
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
        self._host.after_review(self._quote_ids, self._speakers_changed)


def review_command(host: ReviewHost, quote_id: int, **decision) -> DecisionCommand:
    """An undoable ``Library.review(quote_id, **decision)``."""
    if decision.get("speaker") is not None:
        text = f"Correct speaker to “{decision['speaker']}”"
    elif decision.get("confirm"):
        text = "Confirm speaker"
    elif decision.get("verdict") is not None:
        text = f"Verdict: {decision['verdict'] or 'none'}"
    else:
        text = "Note"
    return DecisionCommand(
        host,
        text,
        lambda lib: lib.review(quote_id, **decision),
        [quote_id],
        speakers_changed=decision.get("speaker") is not None,
    )


def merge_command(host: ReviewHost, names: list[str]) -> DecisionCommand:
    """An undoable ``Library.merge_speakers(names)``."""
    return DecisionCommand(
        host, "Merge " + " + ".join(names), lambda lib: [lib.merge_speakers(names)], [], speakers_changed=True
    )


def split_command(host: ReviewHost, speaker: str, alias: str) -> DecisionCommand:
    """An undoable ``Library.split_speaker(speaker, alias)``."""
    return DecisionCommand(
        host, f"Split “{alias}” off {speaker}", lambda lib: [lib.split_speaker(speaker, alias)], [], True
    )


class ReviewPanel(QWidget):
    """Decisions on the selected quote.

    Signals:
        review_requested(int, dict): a quote id and the keyword arguments for ``Library.review``.
    """

    review_requested = Signal(int, dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.quote_id: int | None = None
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)

        self.confirm = QPushButton("Confirm")
        self.confirm.setToolTip("The speaker is right (Ctrl+Return)")
        self.confirm.clicked.connect(lambda: self._request(confirm=True))

        self.correct_edit = QLineEdit()
        self.correct_edit.setPlaceholderText("Correct speaker to…")
        self.correct_edit.setToolTip("The right speaker's name; Return or Correct records it (Ctrl+R)")
        self.correct_edit.returnPressed.connect(self._correct)
        self.correct = QPushButton("Correct")
        self.correct.clicked.connect(self._correct)

        self.verdict = QComboBox()
        self.verdict.setToolTip("Your verdict on this quote (Ctrl+1 … Ctrl+4)")
        self.verdict.addItem("No verdict", "")
        for v in VERDICTS:
            self.verdict.addItem(v.capitalize(), v)
        self.verdict.activated.connect(self._verdict_chosen)

        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("Note for this quote")
        self.note_edit.returnPressed.connect(self._note)
        self.save_note = QPushButton("Save note")
        self.save_note.clicked.connect(self._note)

        # the speaker line (with the verdict) and one row of controls: the provenance above gets the height
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignTop)
        controls = QHBoxLayout()
        controls.setSpacing(4)
        for widget, stretch in (
            (self.confirm, 0),
            (self.correct_edit, 1),
            (self.correct, 0),
            (self.note_edit, 1),
            (self.save_note, 0),
        ):
            if isinstance(widget, QPushButton):
                # the style's 80-pixel minimum would leave the fields no room in a narrow pane
                widget.setMinimumWidth(widget.fontMetrics().horizontalAdvance(widget.text()) + 14)
            controls.addWidget(widget, stretch)
        controls.insertSpacing(3, 8)  # the speaker decision, then the note
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addLayout(controls)
        layout.addStretch(1)
        self.set_quote(None)

    def set_speaker_names(self, names: list[str]) -> None:
        completer = QCompleter(names, self.correct_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.correct_edit.setCompleter(completer)

    def set_quote(self, row: dict | None) -> None:
        """Show the decisions already taken on this quote (a ``Library.quote_rows`` row)."""
        self.quote_id = row.get("id") if row else None
        enabled = self.quote_id is not None
        for w in (self.confirm, self.correct_edit, self.correct, self.verdict, self.note_edit, self.save_note):
            w.setEnabled(enabled)
        if not row:
            self.summary.setText("<span style='color:#868e96'>No quote selected.</span>")
            self.verdict.setCurrentIndex(0)
            self.note_edit.clear()
            return
        speaker = row.get("reviewed_speaker") or row.get("speaker")
        bits = [f"<b>{html.escape(speaker)}</b>" if speaker else "<i>no speaker found</i>"]
        written = row.get("mention")
        if written and written != speaker:
            bits.append(f"written “{html.escape(written)}”")
        if row.get("cue"):
            bits.append(f"cue “{html.escape(row['cue'])}”")
        if row.get("reviewed_speaker"):
            bits.append(
                f"<span style='color:#1971c2'>corrected (extracted: {html.escape(row.get('extracted_speaker') or 'none')})</span>"
            )
        elif row.get("confirmed"):
            bits.append("<span style='color:#2b8a3e'>✓ confirmed</span>")
        verdict = row.get("verdict")
        if verdict:
            bits.append(
                f"<span style='color:{VERDICT_COLOURS.get(verdict, '#495057')}'><b>{html.escape(verdict)}</b></span>"
            )
        self.summary.setText(" · ".join(bits))
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(verdict or "")))
        self.note_edit.setText(row.get("note") or "")
        self.correct_edit.clear()

    def focus_correction(self) -> None:
        self.correct_edit.setFocus()
        self.correct_edit.selectAll()

    def choose_verdict(self, verdict: str) -> None:
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(verdict)))
        self._request(verdict=verdict)

    def _request(self, **decision) -> None:
        if self.quote_id is not None:
            self.review_requested.emit(self.quote_id, decision)

    def _correct(self) -> None:
        name = self.correct_edit.text().strip()
        if name:
            self._request(speaker=name)

    def _verdict_chosen(self, index: int) -> None:
        self._request(verdict=self.verdict.itemData(index) or "")

    def _note(self) -> None:
        self._request(note=self.note_edit.text().strip())
