"""Translations across a batch: the links a project finds (:mod:`quotecheck.matching.translations`),
found over the whole collection and joined into its statements as a project joins them.

Runs on the client after the statements, like speaker grouping: only quotes in a language other than
the collection's main one are compared (each with a pre-filtered pool on a large collection), so the
work follows the foreign quotes, not the collection. Writes ``OUT/translations/translations.parquet``
(``quote_id`` renders ``original_id``; kind, score and the facts compared as JSON) and gives the
statement rows with each linked quote put where a project puts it.
"""

from __future__ import annotations

import json
import logging
import os
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..matching import translations

log = logging.getLogger(__name__)

LINKS = pa.schema(
    [
        ("quote_id", pa.int64()),
        ("original_id", pa.int64()),
        ("kind", pa.string()),
        ("score", pa.float64()),
        ("evidence", pa.string()),
    ]
)


def _columns(path: Path, wanted: list[str]) -> dict[str, list]:
    """These columns of one Parquet file; a column an older run did not write comes back as None."""
    table = pq.read_table(path, columns=[c for c in wanted if c in pq.read_schema(path).names])
    n = table.num_rows
    return {c: table[c].to_pylist() if c in table.column_names else [None] * n for c in wanted}


def quotes_of(root: Path, names: list[str], kept: set[int], sid: dict[int, int | None]) -> list[translations.TQuote]:
    """The batch's quotes as translation linking reads them (articles seen twice counted once)."""
    out = []
    for name in names:
        arts = _columns(root / "articles" / f"{name}.parquet", ["article_seq", "date", "translated_from"])
        dates = dict(zip(arts["article_seq"], arts["date"], strict=True))
        translated = {s for s, t in zip(arts["article_seq"], arts["translated_from"], strict=True) if t}
        cols = ["quote_id", "article_seq", "text", "quote_language", "start", "translation_of", "said_on", "kind"]
        q = _columns(root / "quotes" / f"{name}.parquet", cols)
        for qid, seq, text, lang, start, of, said, kind in zip(*(q[c] for c in cols), strict=True):
            if seq in kept and kind != "indirect":  # reported speech is nobody's translation
                out.append(
                    translations.TQuote(
                        qid, seq, text, lang, sid.get(qid), start, of, said or dates.get(seq), seq in translated
                    )
                )
    return out


def link(root: Path, quotes: list[translations.TQuote], roots: dict[int, int]) -> tuple[int, dict[int, str]]:
    """Find the links, write them, and join linked quotes into ``roots`` (quote -> statement root, changed
    in place) as a project's ``translations.attach`` does. Returns how many links and the role of each
    quote joined (``"translation"`` or ``"possible translation"``, by its best link's kind)."""
    links, _ = translations.find_links(quotes)
    folder = root / "translations"
    folder.mkdir(exist_ok=True)
    rows = [
        {
            "quote_id": lk.quote,
            "original_id": lk.original,
            "kind": lk.kind,
            "score": lk.score,
            "evidence": json.dumps(lk.check.as_dict(), ensure_ascii=False),
        }
        for lk in links
    ]
    tmp = folder / ".translations.parquet.tmp"
    pq.write_table(pa.Table.from_pylist(rows, schema=LINKS), tmp)
    os.replace(tmp, folder / "translations.parquet")
    return len(links), _join(links, roots, {q.id: q for q in quotes})


def _join(links: list, roots: dict[int, int], quotes: dict[int, translations.TQuote]) -> dict[int, str]:
    """Each group of linked quotes goes into the largest statement any of them is in (the earliest on a
    tie), else into a new statement rooted at the original most linked to; quotes already in a
    statement stay where they are."""
    components, best = translations.link_groups(links)
    members: dict[int, list[int]] = defaultdict(list)
    for q, r in roots.items():
        members[r].append(q)
    roles: dict[int, str] = {}
    for group in components.values():
        existing = {roots[q] for q in group if q in roots}
        if existing:
            target = max(existing, key=lambda r: (len(members[r]), -min(members[r])))
        else:
            originals = [lk.original for lk in links if lk.original in group]
            target = max(sorted(set(originals)), key=originals.count)
        for q in sorted(group):
            if q not in roots:
                roots[q] = target
                members[target].append(q)
                roles[q] = best[q].kind
    log.info("batch: %d quotes joined to statements as translations", len(roles))
    return roles
