"""Quote-mark scanning on raw text: which marks open and close which quoted runs.

This module knows nothing about spaCy; it works on the decoded article text and returns character
offsets into it, so every run can be shown in place. Its rules:

* Direction comes from the glyph: curly, guillemet and low-9 marks say whether they open or close,
  and the glyph beats spacing (``turned upside down, ”the analyst said`` closes).
* Only the ASCII ``"`` (and ``'`` where single quotes are the article's quote marks) needs context:
  it opens after a space, bracket or dash and before a non-space, closes after a non-space and
  before a space, punctuation or the end, and otherwise does what the open stack needs.
* Single quotes count only in articles that quote with singles throughout; elsewhere they are
  apostrophes or quotes nested inside a double quote, which stay part of the outer run. An article
  that writes its double marks as two apostrophes (``''…''``, as some newspaper archives do) does not
  quote with singles: its ``'…'`` are nested quotes, not statements of their own. The doubled marks
  themselves are not read as quotation marks here; the reported-speech reader takes those sentences.
* A curly quote opened inside a straight one (``"… about “Equal Justice” anymore."``) is nested: its
  closing ``”`` does not end the outer quote.
* A ``“`` written where only a closer can stand (after a word or its final punctuation, before a space
  or punctuation: ``“It is unusual,“ said Roe``) closes the English quote that is open; in German
  ``„…“`` it closes as always.
* A run still open at the end of a paragraph ends there when the next paragraph reopens with a mark
  (one run per paragraph); it goes on into the next paragraph when that paragraph closes without
  opening (one run up to the closing mark); otherwise it ends at the paragraph end, flagged
  ``unclosed``. So a stray mark never swallows the rest of the article, and nothing raises.
* A run with no letter or digit in it (a row of bare marks) is no quotation and is not returned.
* Time and memory grow linearly with the text, however many quotes are left open.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

DOUBLE = "double"
GUILLEMET = "guillemet"
SINGLE = "single"

# Each mark: (family, may open, may close). ASCII marks are resolved from context.
_DIRECTIONAL = {
    "“": (DOUBLE, True, True),  # opens in English, closes after „ (German)
    "”": (DOUBLE, False, True),
    "„": (DOUBLE, True, False),
    "‟": (DOUBLE, True, False),
    "«": (GUILLEMET, True, True),  # « » and » « both occur
    "»": (GUILLEMET, True, True),
    "‹": (GUILLEMET, True, True),
    "›": (GUILLEMET, True, True),
    "‘": (SINGLE, True, False),
    "’": (SINGLE, False, True),
    "‚": (SINGLE, True, False),
}
_ASCII = {'"': DOUBLE, "'": SINGLE}
LINE_BREAKS = "\r\n\x0b\x0c\x85\u2028\u2029"
"""Every character that ends a line (``\\r\\n`` counts as one break), as the window shows them."""
_BREAK = re.compile(f"\r\n|[{LINE_BREAKS}]")
_OPEN_BEFORE = set(" \t([{<—–-/:;," + LINE_BREAKS) | {"\u00a0", "\u2009", "\u202f", "\u2003"}
_CLOSE_AFTER = set(" \t)]}>.,;:!?—–-/…" + LINE_BREAKS) | {"\u00a0", "\u2009", "\u202f", "\u2003"}
_LEADING = " \t\u00a0•·*-–—>"
MARKS = frozenset(_DIRECTIONAL) | frozenset(_ASCII)
# A quote between two pairs of apostrophes (``''This is …''``): an archive's way of writing double marks.
_DOUBLED_OPEN = re.compile(r"(?:^|[\s(\[—–-])''\w", re.M)
_DOUBLED_CLOSE = re.compile(r"[^\s']''(?=[\s.,;:!?)\]—–-]|$)", re.M)


@dataclass(frozen=True)
class Run:
    """One quoted run of words.

    Attributes:
        start, end: offsets of the quoted words, marks and edge spaces excluded.
        open_at: offset of the opening mark.
        close_at: offset of the closing mark, or None when the run ends at a paragraph end.
        continues: the run reopens a quote left open at the end of the previous paragraph, so it
            belongs to the same statement as the run before it.
        unclosed: no closing mark was found; the run was cut at the paragraph end.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    continues: bool = False
    unclosed: bool = False

    @property
    def outer_start(self) -> int:
        return self.open_at

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def _before(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _after(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def _ascii_role(text: str, i: int) -> str:
    """'open', 'close' or '?' for an ASCII mark from the characters around it."""
    b, a = _before(text, i), _after(text, i)
    opens = (b in _OPEN_BEFORE or b in MARKS) and not a.isspace()
    closes = not b.isspace() and (a in _CLOSE_AFTER or a in MARKS)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "?"


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters (Roe’s, don't) or after a letter or s before a space (Farmers’ Union)."""
    b, a = _before(text, i), _after(text, i)
    return b.isalnum() and (a.isalnum() or a.isspace() or a in ".,;:!?)")


def uses_single_quotes(text: str) -> bool:
    """Whether the article quotes with single marks: throughout (no double marks at all), or the British
    way, curly singles outside and doubles for a quote inside one or a term now and then (more single
    openers than double ones, or every double one inside a single-quoted run)."""
    if _DOUBLED_OPEN.search(text) and _DOUBLED_CLOSE.search(text):
        return False
    if any(c in text for c in '"“”„«»'):
        return _british(text)
    opens = sum(
        1 for i, c in enumerate(text) if c in "‘'" and _before(text, i) in _OPEN_BEFORE and _after(text, i).isalpha()
    )
    return opens >= 1


def _british(text: str) -> bool:
    """Curly single marks are the article's quotation marks though it has double ones too."""
    singles = [
        i for i, c in enumerate(text) if c == "‘" and _before(text, i) in _OPEN_BEFORE and _after(text, i).isalpha()
    ]
    doubles = [
        i
        for i, c in enumerate(text)
        if c in "“„«" or (c == '"' and _before(text, i) in _OPEN_BEFORE and _after(text, i).isalnum())
    ]
    if not singles:
        return False
    if len(singles) > len(doubles):
        return True
    closers = [k for k, c in enumerate(text) if c == "’" and not text[k + 1 : k + 2].isalpha()]
    covered = []  # (start, end) of each single-quoted run, from an opener to the next closer
    for i in singles:
        k = bisect.bisect_right(closers, i)
        if k < len(closers):
            covered.append((i, closers[k]))
    starts = [a for a, _ in covered]
    reach = list(itertools.accumulate((b for _, b in covered), max))  # the furthest end of the runs so far
    return all((k := bisect.bisect_left(starts, d)) > 0 and reach[k - 1] > d for d in doubles)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, blank ones included; ``\\r\\n``, a lone ``\\r``, ``\\n`` and the
    Unicode line and paragraph separators all end a line."""
    spans, pos = [], 0
    for m in _BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _leading_opener(text: str, start: int, end: int, singles: bool) -> bool:
    """Whether the paragraph opens with a quote mark (after bullets and spaces)."""
    i = start
    while i < end and text[i] in _LEADING:
        i += 1
    if i >= end:
        return False
    c = text[i]
    if c in _DIRECTIONAL:
        fam, may_open, _ = _DIRECTIONAL[c]
        return may_open and (fam != SINGLE or singles)
    if c in _ASCII:
        return _ASCII[c] == DOUBLE or singles
    return False


def _first_mark_closes(text: str, start: int, end: int, singles: bool) -> bool:
    """Whether the first quote mark of a paragraph can only be a closer."""
    for i in range(start, end):
        c = text[i]
        if c in _DIRECTIONAL:
            fam, may_open, may_close = _DIRECTIONAL[c]
            if fam == SINGLE and (not singles or _is_apostrophe(text, i)):
                continue
            return may_close and not may_open
        if c in _ASCII:
            if _ASCII[c] == SINGLE and (not singles or _is_apostrophe(text, i)):
                continue
            return _ascii_role(text, i) == "close"
    return False


def _closes(open_mark: str, open_fam: str, text: str, i: int) -> bool:
    """Whether the mark at ``i`` closes a quote opened with ``open_mark``."""
    c = text[i]
    if c in _ASCII:
        return _ASCII[c] == open_fam
    fam, _, may_close = _DIRECTIONAL[c]
    if fam != open_fam:
        return False
    if fam == GUILLEMET:
        pairs = {"«": "»", "»": "«", "‹": "›", "›": "‹"}
        return pairs.get(open_mark) == c
    if c == "“":
        return open_mark in "„‟"  # German „…“
    return may_close


def _opens(text: str, i: int, singles: bool) -> bool:
    c = text[i]
    if c in _ASCII:
        if _ASCII[c] == SINGLE and (not singles or _is_apostrophe(text, i)):
            return False
        return _ascii_role(text, i) != "close"
    fam, may_open, may_close = _DIRECTIONAL[c]
    if fam == SINGLE and not singles:
        return False
    if fam == GUILLEMET:
        # « opens; » opens only in the reversed style, when it stands before a word.
        return c in "«‹" or not _after(text, i).isspace()
    if not may_open:
        # A closing glyph with nothing open: a misused opener when it stands before a word.
        return _before(text, i) in _OPEN_BEFORE and not _after(text, i).isspace() and fam == DOUBLE
    return True


def _misused_closer(text: str, i: int) -> bool:
    """Whether the “ at ``i`` stands where only a closer can: after a word or its final punctuation and
    before a space, punctuation or the end (``“It is unusual,“ said Roe``, ``the film “Frozen“ and``).
    An opener stands before the words it opens, so this “ closes the English quote that is open."""
    b, a = _before(text, i), _after(text, i)
    return (b.isalnum() or b in ".,;:!?…’)") and (a in _CLOSE_AFTER or a in MARKS or i + 1 >= len(text))


def _family(c: str) -> str:
    return _ASCII[c] if c in _ASCII else _DIRECTIONAL[c][0]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _next_nonblank(text: str, paras: list[tuple[int, int]]) -> list[int | None]:
    """For each paragraph, the index of the next non-blank one (or None), found in one pass from the end
    so that a quote left open in every paragraph costs no more than one that is closed."""
    following: list[int | None] = [None] * len(paras)
    nxt = None
    for pi in range(len(paras) - 1, -1, -1):
        following[pi] = nxt
        s, e = paras[pi]
        if text[s:e].strip():
            nxt = pi
    return following


def _has_words(text: str, start: int, end: int) -> bool:
    """Whether a run holds a letter or a digit: a run of bare marks and punctuation is no quotation."""
    return any(c.isalnum() for c in text[start:end])


SWALLOWED = 2
"""Whole quotes nested in a quote still open at its paragraph's end above which its opening mark is taken
for a stray one (a closing mark left out), not for a quote of the rest of the paragraph."""


MAX_STRAYS = 32
"""Stray opening marks a paragraph is read again after (see :data:`SWALLOWED`)."""


def _reopens(text: str, paras, following: int | None, singles: bool) -> bool:
    """Whether the next non-blank paragraph opens with a quotation mark (a quote running over paragraphs)."""
    if following is None:
        return False
    start, end = paras[following]
    return _leading_opener(text, start, end, singles)


def scan(text: str) -> list[Run]:
    """Every quoted run in ``text``, in order, outermost only; never raises, runs never overlap."""
    singles = uses_single_quotes(text)
    paras = _paragraphs(text)
    following = _next_nonblank(text, paras)
    runs: list[Run] = []
    # The open quote: (mark offset, mark, family, content start, continues).
    open_q: tuple[int, str, str, int, bool] | None = None
    carry_continues = False
    depth = 0
    for pi, (pstart, pend) in enumerate(paras):
        i = pstart
        if open_q is None and not text[pstart:pend].strip():
            continue  # blank lines between paragraphs change nothing
        if open_q is None and carry_continues:
            carry_continues = _leading_opener(text, pstart, pend, singles)
        nested = strays = 0  # quotes closed inside the open one; opening marks found stray, in this paragraph
        while True:
            while i < pend:
                c = text[i]
                if c not in MARKS:
                    i += 1
                    continue
                fam = _family(c)
                if fam == SINGLE and not singles:
                    i += 1
                    continue
                if open_q is not None:
                    o_at, o_mark, o_fam, o_start, o_cont = open_q
                    if (
                        ((c == "“" and o_mark in '“"') or (c == '"' and o_mark == "“"))
                        and _before(text, i) in _OPEN_BEFORE
                        and not _after(text, i).isspace()
                    ):
                        # “…he calls “hell” than…”, "…about “Equal Justice” anymore" or “…triple the "cost" for
                        # boats,” (straight marks typed inside curly ones): nested
                        depth += 1
                        i += 1
                        continue
                    misused = c == "“" and o_mark in '“"' and _misused_closer(text, i)
                    if depth and (c in '”"' or misused) and fam == o_fam:
                        depth -= 1
                        nested += 1
                        i += 1
                        continue
                    if fam == o_fam and (misused or _closes(o_mark, o_fam, text, i)):
                        if fam == SINGLE and _is_apostrophe(text, i) and _after(text, i).isalnum():
                            i += 1
                            continue
                        s, e = _trimmed(text, o_start, i)
                        if _has_words(text, s, e):
                            runs.append(Run(s, e, o_at, i, continues=o_cont))
                        open_q = None
                    i += 1
                    continue
                if _opens(text, i, singles):
                    depth = nested = 0
                    open_q = (i, c, fam, i + 1, carry_continues)
                    carry_continues = False
                i += 1
            if (
                open_q is not None
                and nested >= SWALLOWED
                and open_q[0] >= pstart
                and strays < MAX_STRAYS
                and not _reopens(text, paras, following[pi], singles)
            ):
                # An opening mark never closed, with whole quotes after it in its paragraph (“We will close
                # the pier, said Roe. “Next,” … on one line): a stray mark, not a quote of the rest of the
                # paragraph; read on from just after it (a few dozen times a paragraph at most: each reads
                # the rest of it again)
                i, open_q, depth, nested, strays = open_q[0] + 1, None, 0, 0, strays + 1
                continue
            break
        carry_continues = False
        if open_q is None:
            continue
        # Still open at the paragraph end: look at the next non-blank paragraph.
        nxt = paras[following[pi]] if following[pi] is not None else None
        o_at, o_mark, o_fam, o_start, o_cont = open_q
        reopened = _reopens(text, paras, following[pi], singles)
        if nxt is not None and not reopened:
            if _first_mark_closes(text, nxt[0], nxt[1], singles) and pend - o_start < 5000:
                continue  # the quote runs on to the closing mark in the next paragraph
        s, e = _trimmed(text, o_start, pend)
        if _has_words(text, s, e):
            runs.append(Run(s, e, o_at, None, continues=o_cont, unclosed=not reopened))
        open_q = None
        carry_continues = reopened
    return runs
