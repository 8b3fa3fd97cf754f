"""What a quoted run looks like on the page, from its text alone: titles, markup, bylines.

These checks keep quoted words that are nobody's statement out of the claimed quotes (show and book
titles, ids and attribute values, transcript speaker lines) and find the dash bylines that sign a
quote or an embedded post. Pure text; no parse needed.
"""

from __future__ import annotations

import logging
import re

from .quotes import Run

log = logging.getLogger(__name__)

DASH_AFTER = re.compile(r"\s*(?P<dash>[—―–])\s*(?P<name>[A-Z][^\n,;()—―–]{1,60}?)\s*(?:[,.(]|$)", re.M)
NAME_RUN = re.compile(r"[ \t]*(?P<name>[A-Z][^\n,;()—―–]{1,60}?)\s*(?:[,.(]|$)", re.M)
"""The words of a name up to its comma, full stop or bracket: how a signed name goes on after a title's stop."""
SIGNATURE_LINE = re.compile(
    r"[ \t]*(?P<dash>[—―–]|--?)[ \t]*(?P<name>[A-Z][^\n,;()—―–\-.]{1,60}?)[ \t]*(?:,[^\n]{1,80}?)?[ \t]*\.?[ \t]*"
)
"""A line that is only a dash and a name, maybe with a place or description after a comma ("- Jane Roe.",
"— Jane Roe, Harbourtown"), signing the quote on the line before it."""
DASH_LINE = re.compile(r"[—―–]\s*(?P<name>[^\n()—–]{2,80}?)\s*\(@(?P<handle>\w{1,40})\)[^\n]{0,40}$", re.M)
# A dateline opening a paragraph: the place in capitals, maybe a region and an agency, then a dash
# ("ORVEL —", "KASTREN, Ostrevia (AP) —"), or a place in title case with a wire agency ("Kastren (AFP) –"; not
# "Jane Roe (Acme) –" or "Sen. Roe (D) –", a person and an affiliation).
# A place, never a source, whatever the tagger calls it.
_REGION = r"(?:, [A-Z][\w.'’ ]{1,30})?"  # ", Ostrevia"
DATELINE = re.compile(
    rf"^[ \t]*(?:[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){{0,3}}{_REGION}(?: \([^)\n]{{1,30}}\))?"
    rf"|[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){{0,3}}{_REGION} \((?:[A-Z]{{2,5}}|Reuters|dpa|Xinhua)\))"
    r" ?(?:[—―–]|--?) (?=[A-Z“\"‘])",
    re.M,
)
# A section's run-in head opening a paragraph: words in capitals before the sentence ("THE LEVY Back
# when …"), or four to eight words, nearly all capitalised, before a colon ("Limited Means to Fight
# Floods: …"). Its words name nobody who speaks.
_CAPS_HEAD = re.compile(r"^[ \t]*((?:[A-Z][A-Z'’\-]+ ){1,5}[A-Z][A-Z'’\-]+)(?= [A-Z][a-z])", re.M)
_COLON_HEAD = re.compile(r"^[ \t]*([A-Z][\w'’\- ]{10,70}):[ \t]", re.M)


def run_in_heads(text: str) -> list[tuple[int, int]]:
    """Character spans of the run-in section heads of ``text``."""
    spans = [m.span(1) for m in _CAPS_HEAD.finditer(text)]
    for m in _COLON_HEAD.finditer(text):
        words = m.group(1).split()
        capitalised = sum(1 for w in words if w[:1].isupper())
        if 4 <= len(words) <= 8 and capitalised >= 0.8 * len(words) and not m.group(1).isupper():
            spans.append(m.span(1))
    return sorted(spans)


TRANSCRIPT_LINE = re.compile(r"^[A-Z][A-Z.'\- ]{1,30}:\s")
"""A transcript's line: a speaker's label in capitals, a colon ("ROE: …")."""
TURN_LABEL = re.compile(
    r"[ \t]*(?P<label>Q|A|[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})(?:,[ \t]+[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,4})?"
    r"[ \t]*:[ \t]+"
)
"""The label of an interview's or a transcript's turn at a line's start: "Q: ", "A: ", "ROE: ", "JANE ROE,
HARBOUR GAZETTE: " (the speaker, then the outlet they ask for)."""
TIME_STAMP = re.compile(r"[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]+[A-Z]{2,4})?[ \t]*[-–—|][ \t]*", re.I)
"""A live blog entry's time before its text ("22:30 - ", "9.15am — ", "4:05 p.m. ET | ")."""
# The author's sign-off at the foot of an article ("Follow Jane Roe on Twitter @roe").
_TRAILER = re.compile(r"^(?:Follow|Reach|Contact|Email)\b[^.!?]{0,80}(?:@\w|\bon (?:Twitter|Facebook|Instagram)\b)")
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
    return bool(TRANSCRIPT_LINE.match(content) or _TRAILER.match(content) or re.fullmatch(r"\([^()]*\)\W*", content))


# After a quoted headline in a reading list: the comma, "by" and the author or outlet (six words at
# most), then a colon, a link or the end of the line ("“Museum to close in May,” by the Courier’s Jane Roe: …").
_BYLINE_AFTER = re.compile(
    r"[ \t]*,?[ \t]+by[ \t]+(?:the[ \t]+)?[A-Z][^\s:]*(?:[ \t]+[^\s:]+){0,5}(?::|[ \t]+https?://|[ \t.]*$)", re.M
)
# Before it, nothing on its line but a bullet, a dash or a kicker in capitals ("PSA—", "BROADWAY BEAT—").
_LIST_ITEM = re.compile(r"[ \t•*·]*(?:[A-Z][A-Z0-9 &'’./-]{0,40}[—–-]+|[—–-]+)?[ \t]*")


def is_linked_headline(text: str, run: Run, content: str) -> bool:
    """A headline quoted with its byline as a reading list cites another outlet's story: alone at the
    start of its line (after a bullet, a dash or a kicker), a comma ending it, "by" and the author,
    then a colon, a link or the line end. A passive agent in running text ("denounced as “reckless,”
    by Senator Roe, who …") keeps its speaker."""
    if run.close_at is None:
        return False
    line_start = text.rfind("\n", 0, run.open_at) + 1
    if not _LIST_ITEM.fullmatch(text, line_start, run.open_at):
        return False
    after = run.outer_end + (text[run.outer_end : run.outer_end + 1] == ",")
    comma = after > run.outer_end or content.rstrip().endswith(",")
    return comma and bool(_BYLINE_AFTER.match(text, after))


def is_nickname(text: str, run: Run, content: str) -> bool:
    """A nickname inside a name: 'Margit “Mags” Ekberg', 'Jonas “The Hawk” Berglund'."""
    words = content.split()
    if run.close_at is None or not 1 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    before = text[max(0, run.open_at - 40) : run.open_at]
    after = text[run.outer_end : run.outer_end + 40]
    return bool(re.search(r"\b[A-Z][a-z]*\.? $", before) and re.match(r" [A-Z][a-z]+", after))


def transcript_label(content: str) -> str | None:
    """The speaker label of a transcript line ("SMITH: Well, …" -> "SMITH"), else None."""
    m = TRANSCRIPT_LINE.match(content)
    return m.group(0).rstrip(": \t").strip() if m else None


def looks_like_title(content: str, *, one_word: bool = False) -> bool:
    """'Face the Nation', 'Morning Joe': every content word capitalised, at most one sentence; a single
    capitalised word only with ``one_word``."""
    words = [
        w
        for w in re.findall(r"[\w'’-]+", content)
        if (len(w) > 3 and w.lower() not in _FUNCTION_WORDS) or w[:1].isupper()
    ]
    if not words or len(words) > 6 or len(content.split()) < (1 if one_word else 2) or re.search(r"[.!?]\s", content):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in words)


# A noun for a work right before the opening mark ("the documentary “…”", "his podcast, “…”").
_WORK_BEFORE = re.compile(
    r"\b(?:documentary|film|movie|biopic|podcast|show|series|miniseries|sitcom|thriller|drama|comedy|album"
    r"|song|book|memoir|novel|musical|opera|episode|program|programme|column|newsletter)s?,?[ \t]*$",
    re.I,
)


def names_a_work(text: str, run: Run, content: str) -> bool:
    """A title in capitals right after the noun for the work it names: 'the podcast “Long Hours”', 'the
    documentary, “Varga.”' The words are the work's name, not anyone's statement, whatever verb governs
    the sentence ("said on the podcast “…”")."""
    return bool(_WORK_BEFORE.search(text, max(0, run.open_at - 40), run.open_at)) and looks_like_title(
        content, one_word=True
    )
