"""What the filters and panels list for a project: articles, flag kinds, speakers and their names.

On a large project these take a second or more to read (20,000 articles, each with its quote count;
hundreds of speakers with their spellings), so the window reads them in the background — after opening,
and again after anything that changes them (an import, a matching run, a removal): two reads, one per
list, so each panel fills as soon as its own list is read. The functions here touch no widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotecheck.library import Library
from quotecheck.records import SpeakerRow

from .filter_bar import article_choices
from .style import FLAG_STYLES


@dataclass(frozen=True)
class ArticleLists:
    """The article and flag choices of one project, ready to show.

    Attributes:
        articles: the article choice's entries (:func:`~quotecheck.ui.filter_bar.article_choices`).
        flag_kinds: the flag choice's kinds, in the order a person looks at them.
    """

    articles: list[tuple[str, int, str]]
    flag_kinds: list[str]


@dataclass(frozen=True)
class SpeakerLists:
    """The speaker panel's rows and the names completion offers.

    Attributes:
        speakers: the speaker panel's rows.
        speaker_names: every name and spelling, for completion.
    """

    speakers: list[SpeakerRow]
    speaker_names: list[str]


def read_article_lists(lib: Library) -> ArticleLists:
    """Read the article and flag choices (in any thread: ``lib`` must belong to the calling one)."""
    return ArticleLists(
        articles=article_choices(lib.articles()),
        flag_kinds=list(dict.fromkeys([*lib.flag_kinds(), *FLAG_STYLES])),
    )


def read_speaker_lists(lib: Library) -> SpeakerLists:
    """Read the speakers and their names (in any thread: ``lib`` must belong to the calling one)."""
    return SpeakerLists(speakers=lib.speakers(), speaker_names=lib.speaker_names())


def one_line(message: str, limit: int = 160) -> str:
    """A failure's message as one short line for a panel (the log keeps the whole of it).

    Example:
        >>> one_line("database disk image is malformed\\n  (code 11)")
        'database disk image is malformed (code 11)'
    """
    text = " ".join(str(message).split()) or "unknown error"
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
