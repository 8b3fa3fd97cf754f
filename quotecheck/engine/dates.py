"""When a statement was made, from the date words of its sentence and the article's date.

Only what the sentence says: "on April 19th", "April 23, 2019", "yesterday", "on Monday", "last week".
Relative words need the article's date; without it only a date with its year is returned.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from ..model import day_of

log = logging.getLogger(__name__)

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_DAY = re.compile(
    r"\b(?P<month>"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4}))?",
    re.I,
)
_DAY_MONTH = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\b(?:,?\s+(?P<year>\d{4}))?",
    re.I,
)
_RELATIVE = re.compile(r"\b(yesterday|today|last week|on the eve|(?:on |last )?(?:" + "|".join(_DAYS) + r"))\b", re.I)


def resolve_date(sentence: str, article_date: str | None) -> str | None:
    """The ISO date the sentence gives for its statement, or None."""
    ref = day_of(article_date)
    for rx in (_MONTH_DAY, _DAY_MONTH):
        m = rx.search(sentence)
        if not m:
            continue
        month = _MONTHS[m.group("month").lower()]
        day = int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else (ref.year if ref else None)
        if year is None:
            return None
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if ref and not m.group("year") and found > ref + timedelta(days=1):
            found = found.replace(year=found.year - 1)  # a statement is reported after it was made
        return found.isoformat()
    m = _RELATIVE.search(sentence)
    if m and ref:
        word = m.group(1).lower()
        if word == "today":
            return ref.isoformat()
        if word in ("yesterday", "on the eve"):
            return (ref - timedelta(days=1)).isoformat()
        if word == "last week":
            return (ref - timedelta(days=7)).isoformat()  # the day a week back stands for that week
        day = _DAYS.index(word.split()[-1])
        back = (ref.weekday() - day) % 7  # the article's own weekday is the same day
        return (ref - timedelta(days=back)).isoformat()
    return None
