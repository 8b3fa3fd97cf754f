"""What a quoted run looks like on the page, from its text alone: titles, markup, bylines.

These checks keep quoted words that are nobody's statement out of the claimed quotes (show and book
titles, ids and attribute values, transcript speaker lines) and find the dash bylines that sign a
quote or an embedded post. Pure text; no parse needed.
"""

from __future__ import annotations

import re

from .quotes import Run

DASH_AFTER = re.compile(r"\s*[—―–]\s*(?P<name>[A-Z][^\n,;()—―–]{1,60}?)\s*(?:[,.(]|$)", re.M)
DASH_LINE = re.compile(r"[—―–]\s*(?P<name>[^\n()—–]{2,80}?)\s*\(@(?P<handle>\w{1,40})\)[^\n]{0,40}$", re.M)
_TRANSCRIPT = re.compile(r"^[A-Z][A-Z.'\- ]{1,30}:\s")
# Short function words a title keeps in lower case ("Letters from Home").
_FUNCTION_WORDS = {
    "with",
    "from",
    "into",
    "over",
    "upon",
    "about",
    "than",
    "that",
    "this",
    "under",
    "after",
    "before",
    "without",
}
SENT_END = re.compile(r"[.!?…][\"'”’»)]*\s*$")


def is_markup(text: str, run: Run, content: str) -> bool:
    """Attribute values, ids and numbers, stray brackets, transcript lines ("NAME: …",
    "(CROSSTALK.)"): quoted text that is nobody's statement."""
    if text[max(0, run.open_at - 1) : run.open_at] == "=" or not re.search(r"[^\W\d_]", content):
        return True
    return bool(_TRANSCRIPT.match(content) or re.fullmatch(r"\([^()]*\)\W*", content))


def looks_like_title(content: str) -> bool:
    """'Face the Nation', 'Morning Joe': every content word capitalised, at most one sentence."""
    words = [
        w
        for w in re.findall(r"[\w'’-]+", content)
        if (len(w) > 3 and w.lower() not in _FUNCTION_WORDS) or w[:1].isupper()
    ]
    if not words or len(words) > 6 or len(content.split()) < 2 or re.search(r"[.!?]\s", content):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in words)
