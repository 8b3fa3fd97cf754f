"""Which people a person's speaker decision is about: speaker rows, not the names they are written with.

A project can hold several speakers written the same way ("Roe" in three articles where nobody fuller
is named, three people or undecided). A decision taken on one of those rows (merge it, split a spelling
off it, hide it) must reach that row only. So a decision records each chosen speaker by its *members*:
a spelling wherever it is written when that spelling belongs to this speaker alone, else the
``[spelling, article_hash]`` units of this speaker. Content hashes survive re-extraction and new
versions (:func:`quotecheck.matching.analysis.unit_articles`), so the decision keeps applying.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict

log = logging.getLogger(__name__)


class SpeakerChoiceError(ValueError):
    """A speaker reference that names nobody, or several speakers (the message lists their ids)."""


def find_speaker(db, ref: str | int) -> int:
    """The speaker id a person means by ``ref``: an id, a canonical name, else a spelling (any case).

    Raises :class:`SpeakerChoiceError` when nobody, or more than one speaker, answers to it.

    Example:
        >>> find_speaker(db, "Roe")  # doctest: +SKIP
        SpeakerChoiceError: 'Roe' names 3 speakers (ids 4, 9, 12); give the id instead
    """
    text = str(ref).strip()
    if text.isdigit():
        if db.execute("SELECT 1 FROM speakers WHERE id = ?", [int(text)]).fetchone():
            return int(text)
        raise SpeakerChoiceError(f"no speaker with id {text}")
    for sql in (
        "SELECT id FROM speakers WHERE name = ? COLLATE NOCASE ORDER BY id",
        "SELECT DISTINCT speaker_id FROM speaker_aliases WHERE alias = ? COLLATE NOCASE ORDER BY speaker_id",
    ):
        ids = [r[0] for r in db.execute(sql, [text])]
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise SpeakerChoiceError(
                f"{text!r} names {len(ids)} speakers (ids {', '.join(map(str, ids))}); give the id instead"
            )
    raise SpeakerChoiceError(
        f"no speaker is called {text!r} in this project (see 'quotecheck speakers PROJECT' for names and ids)"
    )


def members(db, speaker_id: int, spelling: str | None = None) -> list:
    """What a decision on this speaker records (see the module): spellings and ``[spelling, hash]`` units.

    With ``spelling``, only the members written that way (what a split takes off)."""
    # counted here, not by GROUP BY: SQLite's sorter cost ~40% of the query for a speaker's ~500 quotes
    mine = Counter(
        db.execute(
            "SELECT COALESCE(reviewed_speaker, speaker), article_id FROM quotes"
            " WHERE speaker_id = ? AND COALESCE(reviewed_speaker, speaker) IS NOT NULL",
            [speaker_id],
        ).fetchall()
    )
    by_spelling: dict[str, list[int]] = defaultdict(list)
    held: dict[str, int] = defaultdict(int)  # how many of the spelling's quotes are this speaker's
    for (name, article_id), n in sorted(mine.items()):
        if spelling is None or name == spelling:
            by_spelling[name].append(article_id)
            held[name] += n
    # a spelling is this speaker's alone when it holds all the quotes written so: their count is kept in
    # speaker_names (by triggers, per cue), so the spelling's other quotes need not be read
    written = dict(
        db.execute(
            "SELECT name, SUM(quotes) FROM speaker_names WHERE name IN (SELECT value FROM json_each(?)) GROUP BY name",
            [json.dumps(list(by_spelling))],
        ).fetchall()
    )
    alone = {name for name in by_spelling if written.get(name) == held[name]}
    shared = {a for name, articles in by_spelling.items() if name not in alone for a in articles}
    hashes = dict(  # only a spelling others share is recorded article by article
        db.execute(f"SELECT id, content_hash FROM articles WHERE id IN ({','.join(map(str, shared)) or 'NULL'})")
    )
    out: list = []
    for name, articles in sorted(by_spelling.items()):
        if name in alone:
            out.append(name)
        else:
            out += [[name, h] for h in sorted(hashes[a] for a in articles)]
    if not out and spelling is None:  # a speaker known only as a primary source: its name is all there is
        row = db.execute("SELECT name FROM speakers WHERE id = ?", [speaker_id]).fetchone()
        out = [row[0]] if row else []
    return out


def speakers_of(db, items: list) -> set[int]:
    """The speaker ids these recorded members stand for now."""
    names = [m for m in items if isinstance(m, str)]
    out = {r[0] for n in names for r in db.execute("SELECT speaker_id FROM speaker_aliases WHERE alias = ?", [n])}
    for name, content_hash in (m for m in items if isinstance(m, list)):
        out |= {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT q.speaker_id FROM quotes q JOIN articles a ON a.id = q.article_id"
                " WHERE a.content_hash = ? AND COALESCE(q.reviewed_speaker, q.speaker) = ? AND q.speaker_id IS NOT NULL",
                [content_hash, name],
            )
        }
    return out
