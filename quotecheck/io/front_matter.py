"""The front-matter block of a text or Markdown article: the flat ``key: value`` lines we read.

Not a YAML parser, but faithful to YAML where a newsroom's files use it: quoted values, values wrapped
onto indented lines, and lists or nested keys under keys we do not read (``tags:``), which are passed
over; a list under a key we read (co-authors) is one value, its items joined by commas. Anything else
that is not one ``key: value`` a line raises :class:`FrontMatterError` naming the
line in the file, so that no metadata is misread or dropped without a word.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

log = logging.getLogger(__name__)

_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_KEY_LINE = re.compile(r"(\w[\w .-]*?)[ \t]*:(?:[ \t]+(.*)|[ \t]*|(?=[^/])(.*))")
"""``key: value``, ``key:`` (a list or nested keys follow) or ``key:value``, but not ``https://…``."""


class FrontMatterError(ValueError):
    """A block that cannot be read. ``str()`` names the line in the file and the problem."""

    def __init__(self, line: int, problem: str):
        self.line = line
        super().__init__(f"line {line} {problem}")


def split(text: str) -> tuple[str | None, str]:
    """The front-matter block (None when there is none) and the text after it.

    >>> split("---\\ntitle: Vote\\n---\\nBody\\n")
    ('title: Vote', 'Body\\n')
    """
    match = _BLOCK.match(text)
    if match:
        first = next((line for line in match.group(1).splitlines() if line.strip()), "")
        if first and not first.lstrip().startswith("#") and not _KEY_LINE.fullmatch(first):
            return None, text  # a rule above the article's own words ("---", text, "---"): no metadata
        return match.group(1), text[match.end() :]
    if _OPEN.match(text):
        # A first key line under the opening --- means a block was meant, not article text under a rule.
        after = next((line for line in text.splitlines()[1:] if line.strip()), "")
        if _KEY_LINE.fullmatch(after):
            raise FrontMatterError(1, "opens a block that no '---' line closes")
    return None, text


def parse(block: str, reads: Callable[[str], bool]) -> dict[str, str]:
    """The keys and values of a block; ``reads(key)`` says which keys are metadata we read, which must
    hold one value each."""
    values: dict[str, str] = {}
    starts: dict[str, int] = {}
    passed_over: dict[str, int] = {}  # key: the indent of the list or keys under it, which we do not read
    items: dict[str, list[str]] = {}  # a list under a key we read ("author:" then "  - …"): one value, joined
    blocks: set[str] = set()  # keys whose value is a folded or literal block ("title: >")
    key: str | None = None
    for number, line in enumerate(block.splitlines(), start=2):  # line 1 is the opening ---
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            raise FrontMatterError(number, "is indented with a tab")
        if (
            not indent
            and key is not None
            and (stripped == "-" or stripped.startswith("- "))
            and (key in items or key in passed_over or not values[key])
        ):
            indent = " "  # "author:" then "- Jo Pike" at the margin: YAML's list under the key all the same
        if not indent:
            match = _KEY_LINE.fullmatch(line)
            if not match:
                raise FrontMatterError(number, f"{_shown(stripped)} is not 'key: value'")
            key = match.group(1).strip()
            values[key] = _uncommented(match.group(2) or match.group(3) or "").strip()
            if values[key] in (">", "|", ">-", "|-", ">+", "|+"):
                values[key] = ""  # a folded or literal block: its indented lines follow, joined below
                blocks.add(key)
            starts[key] = number
            continue
        if key is None:
            raise FrontMatterError(number, "is indented under no key")
        if key in blocks:
            values[key] = f"{values[key]} {stripped}".strip()
            continue
        nested = None if stripped.startswith(("'", '"')) else _KEY_LINE.fullmatch(stripped)
        listed = stripped == "-" or stripped.startswith("- ")
        if key not in passed_over and values[key] and nested:
            raise FrontMatterError(number, f"puts nested keys under {key!r}, which has a value")
        if reads(key) and listed and not nested and (key in items or not values[key]):
            items.setdefault(key, []).append(_scalar(stripped[1:].strip(), key, number))  # co-authors
            continue
        if key in passed_over or (not values[key] and (nested or listed)):
            if reads(key):
                raise FrontMatterError(number, f"puts nested keys under {key!r}, not one value")
            level = passed_over.setdefault(key, len(indent))
            if nested and len(indent) == level and reads(nested.group(1)):
                # indented by mistake, or grouped ("meta:" then "  date: …"): we read top-level keys only
                raise FrontMatterError(number, f"puts {nested.group(1).strip()!r} under {key!r}, where it is not read")
            continue
        values[key] = f"{values[key]} {stripped}".strip()  # a long value wrapped onto the next line
    for key, listed_items in items.items():
        values[key] = ", ".join(v for v in listed_items if v)
        log.debug("front matter: %d items under %r joined", len(listed_items), key)
    return {
        key: value if key in items or key in blocks else _scalar(value, key, starts[key]) if reads(key) else value
        for key, value in values.items()
        if key not in passed_over
    }


def _scalar(value: str, key: str, line: int) -> str:
    """A value as text, its quotes taken off; a YAML list or mapping is not one value."""
    quote = value[:1]
    if quote in ("'", '"'):
        if quote not in value[1:]:
            raise FrontMatterError(line, f"opens a quote in {key!r} that is never closed")
        if len(value) >= 2 and value[-1] == quote:
            inner = value[1:-1]
            return inner.replace("''", "'") if quote == "'" else inner.replace('\\"', '"')
    if quote == "[" and value.endswith("]") and "[" not in value[1:] and "]" not in value[:-1]:
        # a list in brackets ("author: [Jo Pike, Ed Holm]"): its items, joined
        return ", ".join(_scalar(v.strip(), key, line) for v in value[1:-1].split(",") if v.strip())
    if quote == "[" and "]" in value[1:-1]:
        return value  # "title: [Updated] Vote": words that open with a bracket
    if quote in ("[", "{"):
        kind = "list" if quote == "[" else "mapping"
        raise FrontMatterError(line, f"gives {key!r} a YAML {kind}, not one value; quote it")
    return value


def line_of(block: str, key: str) -> int | None:
    """The line in the file (the opening ``---`` is line 1) where ``key`` is given in ``block``."""
    for number, line in enumerate(block.splitlines(), start=2):
        match = _KEY_LINE.fullmatch(line)
        if match and match.group(1).strip().lower() == key:
            return number
    return None


def _uncommented(value: str) -> str:
    """A value less a YAML comment after it ("2025-05-01  # from the CMS"); a quoted value keeps its '#'."""
    if value[:1] in ("'", '"'):
        return value
    cut = re.search(r"[ \t]#", value)
    return value[: cut.start()] if cut else value


def _shown(line: str) -> str:
    return repr(line if len(line) <= 40 else line[:39] + "…")
