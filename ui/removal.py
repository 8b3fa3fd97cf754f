"""Taking out what should not be there: dismiss a false quote, delete an article imported by mistake,
hide a speaker-list entry that is no speaker.

Both are undoable decisions (:class:`~.review.DecisionCommand`): the core keeps what it took out, so
undo puts back the same quote or article. They act on the rows the person selected in the quote table;
the window reloads its lists after each step, since quotes and articles come and go.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .review import DecisionCommand, ReviewHost

log = logging.getLogger(__name__)


def dismiss_command(host: ReviewHost, quote_ids: list[int], after: Callable[[], None]) -> DecisionCommand:
    """An undoable ``Library.dismiss_quotes(quote_ids)``: one step, however many quotes."""
    ids = list(quote_ids)
    text = "Dismiss quote" if len(ids) == 1 else f"Dismiss {len(ids)} quotes"
    return DecisionCommand(host, text, lambda lib: lib.dismiss_quotes(ids), ids, True, after)


def delete_articles_command(
    host: ReviewHost, article_ids: list[int], labels: list[str], after: Callable[[], None]
) -> DecisionCommand:
    """An undoable ``Library.delete_articles(article_ids)``, labelled with the articles' titles."""
    ids = list(article_ids)
    text = f"Delete article “{labels[0]}”" if len(ids) == 1 else f"Delete {len(ids)} articles"
    return DecisionCommand(host, text, lambda lib: lib.delete_articles(ids), [], True, after)


def hide_speakers_command(host: ReviewHost, speakers: list[int], after: Callable[[], None]) -> DecisionCommand:
    """An undoable ``Library.hide_speakers(speakers)`` (speaker ids)."""
    ids = list(speakers)
    text = "Hide speaker" if len(ids) == 1 else f"Hide {len(ids)} speakers"
    return DecisionCommand(host, text, lambda lib: lib.hide_speakers(ids), [], False, after)


class UnhideCommand(DecisionCommand):
    """List hidden speakers again: the first redo lifts their hide decisions, undo puts them back in force."""

    def redo(self) -> None:
        if self.decision_ids is None:
            super().redo()  # runs ``first``: Library.unhide_speakers, which lifts the decisions
            return
        self._switch(False)

    def undo(self) -> None:
        self._switch(True)

    def _switch(self, active: bool) -> None:
        ids = self.decision_ids or []
        if self._host.lib is None or not ids:
            return
        try:
            self._run(lambda lib: lib.set_decisions_active(ids, active))
        except Exception as exc:
            log.warning("%s failed", self.text(), exc_info=True)
            self._host.show_error(f"{self.text()} failed: {exc}")
            return
        self._done()


def unhide_speakers_command(host: ReviewHost, speakers: list[int], after: Callable[[], None]) -> UnhideCommand:
    """An undoable ``Library.unhide_speakers(speakers)``."""
    ids = list(speakers)
    text = "Show hidden speaker" if len(ids) == 1 else f"Show {len(ids)} hidden speakers"
    return UnhideCommand(host, text, lambda lib: lib.unhide_speakers(ids), [], False, after)
