"""What a person types in a search box, read as a full-text query.

    releases dam            both words, anywhere in the quote or its speaker
    "down payment"          the words side by side, in that order
    dam*                    words starting with "dam" (only with *: "dam" alone never finds "damned")
    dam OR water            either word
    dam NOT river, -river   the first without the second

Words are matched whole, case and accents aside, as the FTS5 ``unicode61`` tokenizer splits them.
A search with no letters or digits in it is refused rather than read as "everything".
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


class SearchError(ValueError):
    """The search cannot be read (no words in it, or an operator with nothing to act on)."""


def _term(text: str, prefix: bool) -> str | None:
    """One quoted FTS5 phrase of the words of ``text`` (None when it has none)."""
    words = _WORD.findall(text)
    if not words:
        return None
    phrase = '"' + " ".join(words) + '"'
    return phrase + "*" if prefix else phrase


def to_fts(text: str) -> str:
    """The FTS5 expression for a person's search (see the module docstring).

    >>> to_fts('"down payment" dam* OR water -river')
    '("down payment" AND ("dam"* OR "water")) NOT ("river")'

    Raises:
        SearchError: the search has no words, or only words to leave out.
    """
    groups: list[list[str]] = []  # AND of ORs
    negatives: list[str] = []
    pending_or = pending_not = False
    for m in _TOKEN.finditer(text):
        minus, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None and bare in ("OR", "NOT", "AND"):
            pending_or, pending_not = bare == "OR", bare == "NOT"
            continue
        if phrase is not None:
            term = _term(phrase, prefix=False)
        else:
            if bare.startswith("-") and len(bare) > 1:
                minus, bare = "-", bare[1:]
            term = _term(bare, prefix=bare.endswith("*"))
        if term is None:
            continue
        if minus or pending_not:
            negatives.append(term)
        elif pending_or and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = pending_not = False
    if not groups:
        if negatives:
            raise SearchError("the search only says what to leave out: add a word to look for")
        raise SearchError("the search has no words to look for")
    positive = " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
    if not negatives:
        return positive
    return f"({positive}) NOT ({' OR '.join(negatives)})"
