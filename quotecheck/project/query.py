"""Which quotes a person is looking at: one filter shared by the quote table, the CLI and export.

Filtering, sorting and search run in SQL (an FTS5 ``MATCH`` for the search box), so a project of
100,000 quotes answers in milliseconds and the window never filters rows in Python.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .search import to_fts

log = logging.getLogger(__name__)

SORT_COLUMNS = {
    "id": ("q.id",),
    "text": ("q.text COLLATE NOCASE",),
    "speaker": ("COALESCE(s.name, q.reviewed_speaker, q.speaker) COLLATE NOCASE",),
    "outlet": ("a.outlet COLLATE NOCASE",),
    "date": ("a.date",),
    "article": ("q.article_id", "q.start"),  # not a.id: the quotes' index then gives the order, no sort
    "confidence": ("q.confidence",),
    "flags": ("(SELECT COUNT(*) FROM flag_quotes fq WHERE fq.quote_id = q.id)",),
    # reviewed first (ascending): by verdict, then a corrected speaker, a confirmed one, a note; then the rest
    "review": (
        "q.verdict IS NULL",
        "q.verdict",
        "q.reviewed_speaker IS NULL",
        "COALESCE(q.confirmed, 0) = 0",
        "q.note IS NULL",
    ),
}
"""What the quote table can be sorted by, as SQL over ``quotes q JOIN articles a LEFT JOIN speakers s``."""

FROM = "quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id"


@dataclass(frozen=True)
class QuoteFilter:
    """A selection of quotes. Empty fields select everything.

    Attributes:
        quote_ids: exactly these quotes (the window's selection).
        speaker_ids: quotes whose canonical speaker is one of these.
        speaker: quotes whose speaker (canonical, corrected or as extracted) contains this text.
        article_ids: quotes from these articles.
        flag_kinds: quotes with at least one flag of these kinds (``"any"`` for any flag).
        min_confidence / max_confidence: bounds on the attribution confidence.
        reviewed_only: quotes a person has confirmed, corrected, judged or annotated.
        search: words typed in the search box, matched against quote text and speaker (FTS5, prefix).
        kinds: quotes of these kinds: ``direct``, ``partial`` or ``indirect`` (reported speech).
    """

    quote_ids: tuple[int, ...] = ()
    speaker_ids: tuple[int, ...] = ()
    speaker: str | None = None
    article_ids: tuple[int, ...] = ()
    flag_kinds: tuple[str, ...] = ()
    min_confidence: float | None = None
    max_confidence: float | None = None
    reviewed_only: bool = False
    search: str | None = None
    kinds: tuple[str, ...] = ()

    def where(self) -> tuple[str, list]:
        """The SQL condition (over :data:`FROM`) and its parameters."""
        clauses: list[str] = []
        params: list = []

        def among(column: str, values) -> None:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)

        if self.quote_ids:
            among("q.id", self.quote_ids)
        if self.speaker_ids:
            among("q.speaker_id", self.speaker_ids)
        if self.speaker:
            clauses.append(
                "(s.name LIKE ? ESCAPE '\\' OR q.reviewed_speaker LIKE ? ESCAPE '\\' OR q.speaker LIKE ? ESCAPE '\\'"
                " OR q.speaker_id IN (SELECT speaker_id FROM speaker_aliases WHERE alias LIKE ? ESCAPE '\\'))"
            )
            # the words as typed: "%" and "_" are characters of a name here, not SQL's wildcards
            typed = self.speaker.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.extend([f"%{typed}%"] * 4)
        if self.article_ids:
            among("q.article_id", self.article_ids)
        if self.flag_kinds:
            if "any" in self.flag_kinds:
                clauses.append("q.id IN (SELECT quote_id FROM flag_quotes)")
            else:
                clauses.append(
                    "q.id IN (SELECT fq.quote_id FROM flag_quotes fq JOIN flags f ON f.id = fq.flag_id"
                    f" WHERE f.kind IN ({', '.join('?' * len(self.flag_kinds))}))"
                )
                params.extend(self.flag_kinds)
        if self.min_confidence is not None:
            clauses.append("q.confidence >= ?")
            params.append(self.min_confidence)
        if self.max_confidence is not None:
            clauses.append("q.confidence <= ?")
            params.append(self.max_confidence)
        if self.reviewed_only:
            clauses.append(
                "(q.reviewed_speaker IS NOT NULL OR q.confirmed = 1 OR q.verdict IS NOT NULL OR q.note IS NOT NULL)"
            )
        if self.kinds:
            among("q.kind", self.kinds)
        if self.search is not None:  # typed but wordless is refused by to_fts, never read as everything
            clauses.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(to_fts(self.search))
        return (" AND ".join(clauses) or "1"), params


def select_ids(
    db, flt: QuoteFilter | None = None, sort: str = "article", descending: bool = False, limit: int | None = None
) -> list[int]:
    """Ids of the quotes ``flt`` selects, in the order asked for (ties broken by article and place); with
    ``limit`` only the first ones (the same first ones as without it: the order is total)."""
    flt = flt or QuoteFilter()
    where, params = flt.where()
    order = SORT_COLUMNS.get(sort, SORT_COLUMNS["article"])
    direction = "DESC" if descending else "ASC"
    order_sql = ", ".join(f"{part} {direction}" for part in order)
    sql = f"SELECT q.id FROM {FROM} WHERE {where} ORDER BY {order_sql}, q.article_id, q.start, q.id"
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    return [row[0] for row in db.execute(sql, params).fetchall()]
