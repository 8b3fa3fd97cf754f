"""Taking out what should not be there: dismiss a false quote, delete an article imported by mistake.

Both are undoable decisions (:class:`~.review.DecisionCommand`): the core keeps what it took out, so
undo puts back the same quote or article. They act on the rows the person selected in the quote table;
the window reloads its lists after each step, since quotes and articles come and go.
"""

from __future__ import annotations

from collections.abc import Callable

from .review import DecisionCommand, ReviewHost


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
