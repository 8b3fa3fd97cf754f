"""What the filters and panels list for a project: articles, flag kinds, speakers and their names.

On a large project these take a second or two to read (20,000 articles, each with its quote count), so
the window reads them in the background after opening; :func:`read_project_lists` touches no widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotecheck.library import Library
from quotecheck.records import SpeakerRow

from .filter_bar import article_choices
from .style import FLAG_STYLES


@dataclass(frozen=True)
class ProjectLists:
    """The lists of one project, ready to show.

    Attributes:
        total: the number of quotes in the project.
        articles: the article choice's entries (:func:`~quotecheck.ui.filter_bar.article_choices`).
        flag_kinds: the flag choice's kinds, in the order a person looks at them.
        speakers: the speaker panel's rows.
        speaker_names: every name and spelling, for completion.
    """

    total: int
    articles: list[tuple[str, int, str]]
    flag_kinds: list[str]
    speakers: list[SpeakerRow]
    speaker_names: list[str]


def read_project_lists(lib: Library) -> ProjectLists:
    """Read the lists (in any thread: ``lib`` must belong to the calling one)."""
    return ProjectLists(
        total=lib.count_quotes(),
        articles=article_choices(lib.articles()),
        flag_kinds=list(dict.fromkeys([*lib.flag_kinds(), *FLAG_STYLES])),
        speakers=lib.speakers(),
        speaker_names=lib.speaker_names(),
    )
