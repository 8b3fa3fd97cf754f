"""Frozen records passed between the stages of the pipeline.

Every position is a Python string offset into the article's decoded text, so a quote can always be
shown in place.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from datetime import date

log = logging.getLogger(__name__)

MAX_CHARS = 900_000
"""Longer article text is refused rather than cut: spaCy parses at most 1,000,000 characters at once,
and quotes past a cut would vanish without a word."""


_LINE_END = re.compile(r"[ \t]*(?:\r\n?|\n)")
_BLANK_START = re.compile(r"\A(?:[ \t\f\v]*\n)+")


def text_hash(text: str) -> str:
    """The content hash of an article's text, by which the same article imported twice is stored once.

    It is the sha256 of the text as a reader sees it, so that a copy saved by another editor or system is
    the same article: Windows (CRLF) and old Mac (CR) line breaks read as ``\\n``, white space at the end
    of a line, the blank lines before the text and all white space after it left out, and the characters
    in Unicode's composed form (NFC: an "é" typed as "e" and an accent is an "é"). The article's
    ``text`` itself is kept exactly as read; quote offsets point into it.

    Example:
        >>> text_hash("Rain.\\r\\n\\r\\nWind.\\r\\n") == text_hash("Rain.\\n\\nWind.\\n\\n\\n")
        True
    """
    seen = _BLANK_START.sub("", _LINE_END.sub("\n", unicodedata.normalize("NFC", text))).rstrip() + "\n"
    return hashlib.sha256(seen.encode("utf-8")).hexdigest()


def day_of(value: str | None) -> date | None:
    """The day an ISO date or date-time string gives (``2025-03-12``, ``2025-03-12T09:00``), or None when
    there is none or it is no day of the calendar."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


META_FIELDS = (
    "title",
    "outlet",
    "author",
    "date",
    "url",
    "language",
    "translated_from",
    "primary_source_of",
)


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about an article besides its text. Every field may be missing."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 date, YYYY-MM-DD
    url: str | None = None
    language: str | None = None
    translated_from: str | None = None
    primary_source_of: str | None = None  # the speaker this article is the primary source for

    def merged(self, other: ArticleMeta) -> ArticleMeta:
        """This metadata with every field that ``other`` sets taken from ``other``."""
        return replace(self, **{f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name)})

    def as_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


@dataclass(frozen=True)
class Article:
    """An article's text and metadata, as read from one file.

    Attributes:
        path: the path as given at import.
        text: the decoded text; quote offsets point into it unchanged.
        paragraphs: ``(start, end)`` of every non-empty line, in order.
        content_hash: :func:`text_hash` of ``text`` (or the hash it is stored under in a project, which
            an older quotecheck computed otherwise); the same article imported twice is stored once.
    """

    path: str
    text: str
    meta: ArticleMeta
    content_hash: str
    paragraphs: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Quote:
    """One quoted run of words and who said it.

    ``start``/``end`` cover the quoted words without their quote marks. ``speaker`` is the fullest
    name the article gives the speaker (or None); ``speaker_start``/``speaker_end`` the mention the
    attribution rests on. ``kind`` is ``direct`` or ``partial``, or ``indirect`` for reported speech
    (no quotation marks; ``start``/``end`` cover the reported content).
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    kind: str = "direct"
    confidence: float = 0.0
    reported_by: str | None = None
    said_on: str | None = None
    reason: str = ""
    mention: str | None = None  # the speaker as written in this sentence ("he", "the expert")
    roles: tuple[str, ...] = field(default=())  # role words the article gives the speaker
    language: str | None = None  # ISO 639-1 of the quoted words ("en", "ru", …); None: not detected
    translation_of: int | None = None  # start of the quote in this article that these words translate
    speaker_kind: str | None = None  # "person" or "body" as the article's entity says; None: not named

    def as_json(self, article: str) -> dict:
        """The record printed by ``quotecheck extract --json``."""
        return {
            "article": article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "cue": self.cue,
            "kind": self.kind,
            "confidence": round(self.confidence, 3),
            "reported_by": self.reported_by,
            "said_on": self.said_on,
            "reason": self.reason,
            "mention": self.mention,
            "language": self.language,
            "translation_of": self.translation_of,
            "speaker_kind": self.speaker_kind,
        }
