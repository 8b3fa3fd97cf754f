"""Who said what in a project, kept per open connection so that regrouping speakers after a person's
decision reads only the quotes that changed since the last grouping, not all of them.

Speaker grouping (:func:`quotecheck.matching.analysis.assign_speakers`) works on units: one written
name in one article, with how many quotes carry it and the role words of their cues. Reading every
quote to build them costs most of a decision's time on a large project, yet a merge, a split or an
undo changes no quote at all and a corrected speaker changes one. So the units are kept here, beside the
connection, together with each quote's speaker id and the :class:`speakers.Grouping` prepared from them.

What keeps them true: temporary triggers (on this connection only; nothing is added to the file) note
every quote inserted, deleted or changed in a column grouping reads, and every article whose primary
source changes; another connection's commit (``PRAGMA data_version``) or a rolled-back grouping (a token
in a temporary table that a rollback takes back) makes the next grouping read everything again.

An import on a connection that has not grouped yet (the project just opened) need not read every quote
either: a name that stands for one person wherever it is written (a full name) joins the grouping whole,
by how many quotes it has and its role words, and those come from ``speaker_names`` (kept by triggers in
the file, see :func:`quotecheck.project.store._v8`). Only the new articles' quotes and those of the names
grouped article by article (one-word names, descriptions) are read (:func:`_partial`); the result is a
full grouping's, as long as the project holds one (every import and decision writes one whole).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import json
import logging
import weakref
from collections import defaultdict
from dataclasses import dataclass, field

from ..project.store import WRITTEN_OTHERWISE
from . import speakers

log = logging.getLogger(__name__)

_TRIGGERS = (
    "CREATE TEMP TABLE IF NOT EXISTS qc_units_dirty (quote_id INTEGER PRIMARY KEY)",
    "CREATE TEMP TABLE IF NOT EXISTS qc_units_token (token INTEGER)",
    "CREATE TEMP TRIGGER IF NOT EXISTS qc_units_insert AFTER INSERT ON main.quotes"
    " BEGIN INSERT OR IGNORE INTO qc_units_dirty VALUES (new.id); END",
    "CREATE TEMP TRIGGER IF NOT EXISTS qc_units_delete AFTER DELETE ON main.quotes"
    " BEGIN INSERT OR IGNORE INTO qc_units_dirty VALUES (old.id); END",
    # not on speaker_id: the grouping writes it (and clears the note after) and nothing else updates it;
    # a merge writes ~500 of them
    "CREATE TEMP TRIGGER IF NOT EXISTS qc_units_update AFTER UPDATE OF id, article_id, speaker, reviewed_speaker,"
    " mention, cue ON main.quotes"
    " BEGIN INSERT OR IGNORE INTO qc_units_dirty VALUES (old.id); INSERT OR IGNORE INTO qc_units_dirty VALUES (new.id);"
    " END",
    # quote id 0 never exists (ids start at 1): it stands for "the primary sources changed"
    "CREATE TEMP TRIGGER IF NOT EXISTS qc_units_sources AFTER UPDATE OF primary_source_of ON main.articles"
    " BEGIN INSERT OR IGNORE INTO qc_units_dirty VALUES (0); END",
    "CREATE TEMP TRIGGER IF NOT EXISTS qc_units_articles AFTER INSERT ON main.articles"
    " WHEN new.primary_source_of IS NOT NULL BEGIN INSERT OR IGNORE INTO qc_units_dirty VALUES (0); END",
    "CREATE TEMP TRIGGER IF NOT EXISTS qc_units_gone AFTER DELETE ON main.articles"
    " WHEN old.primary_source_of IS NOT NULL BEGIN INSERT OR IGNORE INTO qc_units_dirty VALUES (0); END",
)
_QUOTES = "SELECT id, COALESCE(reviewed_speaker, speaker), article_id, speaker_id, cue, reviewed_speaker, speaker, mention FROM quotes"
_QUOTES_WHOLE = (  # _QUOTES as Units.read takes it in: a blank name is none; the speaker of a written spelling
    "SELECT id, CASE WHEN TRIM(COALESCE(reviewed_speaker, speaker), ' ') = '' THEN NULL"
    " ELSE COALESCE(reviewed_speaker, speaker) END, article_id, speaker_id, cue,"
    " CASE WHEN reviewed_speaker IS NULL AND mention IS NOT NULL AND speaker IS NOT NULL AND mention != speaker"
    " THEN speaker END, mention FROM quotes"
)
_SOURCES = "SELECT id, primary_source_of FROM articles WHERE primary_source_of IS NOT NULL AND primary_source_of != ''"
_tokens = itertools.count(1)
READ_CHUNK = 20_000
"""Quote rows :meth:`Units.read_all` takes apart at a time (each chunk ~20 ms)."""


@dataclass
class Units:
    """A project's speaker units as of the last grouping on one connection.

    Attributes:
        name: quote id -> the effective speaker name (a reviewed one first), None when it has none.
        article: quote id -> article id.
        cue: quote id -> its cue.
        speaker: quote id -> its speaker id, as stored.
        written: quote id -> ``(speaker, article id, mention)`` of the quotes whose mention is written
            otherwise than the name (see ``analysis._written_spellings``).
        members: ``(name, article id)`` -> the quotes of that unit.
        sources: ``(article id, name)`` of the articles that are somebody's primary source.
        grouping: the mentions prepared for grouping; None until first asked for.
        placed: the last grouping's speaker id of each of its nodes (see :attr:`speakers.Speaker.nodes`):
            every quote not changed since has its node's.
    """

    name: dict[int, str | None] = field(default_factory=dict)
    article: dict[int, int] = field(default_factory=dict)
    cue: dict[int, str | None] = field(default_factory=dict)
    speaker: dict[int, int | None] = field(default_factory=dict)
    written: dict[int, tuple[str, int, str]] = field(default_factory=dict)
    members: dict[tuple[str, int], set[int]] = field(default_factory=lambda: defaultdict(set))
    sources: list[tuple[int, str]] = field(default_factory=list)
    grouping: speakers.Grouping | None = None
    placed: dict[tuple[str, int | None], int] = field(default_factory=dict)
    version: int | None = None
    token: int | None = None
    indexed: bool = False
    """Every quote had its row in the stored match index at the last grouping (see :func:`unindexed`)."""
    whole: bool = True
    """Every quote was read; False for the units of one import (:func:`_partial`), never kept."""
    read_whole: bool = True
    """The last :func:`current` read every quote (the first grouping on a connection, or after a change
    from elsewhere): the slow grouping, where what later decisions read again may be read ahead."""
    _cue_words: dict[str | None, set[str]] = field(default_factory=dict)
    _touched: set[tuple[str, int]] = field(default_factory=set)
    _parsed: dict[str, speakers.Name] = field(default_factory=dict)

    def read(self, rows) -> None:
        """Take in these quote rows (``_QUOTES``'s columns), replacing what was known of them."""
        for qid, name, article_id, speaker_id, cue, reviewed, speaker, mention in rows:
            self.forget(qid)
            name = name if name is not None and name.strip(" ") else None
            self.name[qid], self.article[qid], self.cue[qid], self.speaker[qid] = name, article_id, cue, speaker_id
            if name is not None:
                self.members[name, article_id].add(qid)
                self._touched.add((name, article_id))
            if reviewed is None and mention is not None and speaker is not None and mention != speaker:
                self.written[qid] = (speaker, article_id, mention)

    def read_all(self, db) -> None:
        """:meth:`read` of every quote into empty units: nothing to forget first, and no unit to note as
        touched (the grouping is prepared whole). A million rows: the blank names and the spellings
        written otherwise are told apart in SQL and the columns go into the dictionaries whole, a chunk of
        rows at a time: each step over a whole million rows (taking them apart, filling a dictionary) is
        one call that holds the interpreter, ~1 s in which a window reading ahead on another thread
        could not paint (``ui.jobs.ProjectWriter``)."""
        cursor = db.execute(_QUOTES_WHOLE)
        members = self.members
        while rows := cursor.fetchmany(READ_CHUNK):
            ids, names, articles, speaker_ids, cues, spoken, mentions = zip(*rows, strict=True)
            del rows
            self.name.update(zip(ids, names, strict=True))
            self.article.update(zip(ids, articles, strict=True))
            self.cue.update(zip(ids, cues, strict=True))
            self.speaker.update(zip(ids, speaker_ids, strict=True))
            for qid, name, article_id in zip(ids, names, articles, strict=True):
                if name is not None:
                    members[name, article_id].add(qid)
            self.written.update(
                (qid, (speaker, article_id, mention))
                for qid, speaker, article_id, mention in zip(ids, spoken, articles, mentions, strict=True)
                if speaker is not None
            )

    def forget(self, qid: int) -> None:
        """Drop one quote (deleted, or about to be read again)."""
        if qid not in self.article:
            return
        name, article_id = self.name.pop(qid), self.article.pop(qid)
        del self.cue[qid], self.speaker[qid]
        self.written.pop(qid, None)
        if name is not None:
            unit = self.members[name, article_id]
            unit.discard(qid)
            if not unit:
                del self.members[name, article_id]
            self._touched.add((name, article_id))

    def prepared(self) -> speakers.Grouping:
        """The units as :class:`speakers.Grouping` (mentions of quotes, then of primary sources): prepared
        whole the first time, then brought up to date unit by unit (:meth:`speakers.Grouping.update`)."""
        if self.grouping is None:
            with bulk():
                mentions = self._mentions(speakers.key_order(self.members))
                mentions += [speakers.Mention(name, article_id, 0) for article_id, name in self.sources]
                self.grouping = speakers.Grouping(mentions)
        elif self._touched:
            sources = {(name, article_id) for article_id, name in self.sources}
            changed: dict[tuple[str, int], speakers.Mention | None] = {}
            for key in sorted(self._touched):
                if key in self.members:
                    changed[key] = self._mention(*key)
                else:  # a primary source's name counts even where nobody is quoted under it
                    changed[key] = speakers.Mention(key[0], key[1], 0) if key in sources else None
            self.grouping.update(changed)
        self._touched.clear()
        return self.grouping

    def quotes_of(self, db, node: tuple[str, int | None]) -> set[int]:
        """The quotes of a grouping node (see :attr:`speakers.Speaker.nodes`): one unit's, or every quote
        written under a name (read from the project first when only some quotes were read)."""
        name, article_id = node
        if article_id is not None:
            return set(self.members.get((name, article_id), ()))
        if not self.whole:
            rows = db.execute(f"{_QUOTES} WHERE COALESCE(reviewed_speaker, speaker) = ?", [name]).fetchall()
            self.read(rows)
            self._touched.clear()  # read to be visited, not to prepare the grouping again
            return {row[0] for row in rows}
        keys = self.grouping.by_name.get(name, []) if self.grouping is not None else []
        return set().union(*(self.members.get(key, ()) for key in keys))

    def parse(self, name: str) -> speakers.Name:
        """:func:`speakers.normalise`, kept per name (every grouping asks again for the same spellings)."""
        parsed = self._parsed.get(name)
        if parsed is None:
            parsed = self._parsed[name] = speakers.normalise(name)
        return parsed

    def _mentions(self, keys: list[tuple[str, int]]) -> list[speakers.Mention]:
        """:meth:`_mention` of each of these units, in name order: what one name's units share (its title
        words) is looked up once per name, and a unit of one quote (most) takes its cue's words whole."""
        cue_of, members, mention, cue_context = self.cue, self.members, speakers.Mention, self._cue_context
        out: list[speakers.Mention] = []
        last: str | None = None
        titles: tuple[str, ...] = ()
        for key in keys:
            name = key[0]
            if name != last:
                last = name
                titles = self.parse(name).titles
            qids = members[key]
            if len(qids) != 1:
                out.append(self._mention(name, key[1], qids))
                continue
            out.append(mention(name, key[1], 1, cue_context(cue_of[next(iter(qids))]).union(titles)))
        return out

    def _mention(self, name: str, article_id: int, qids: set[int] | None = None) -> speakers.Mention:
        """One unit as a mention: how many quotes, and the role words of their cues and of the name."""
        if qids is None:
            qids = self.members[name, article_id]
        context: set[str] = set()
        for q in qids:
            context |= self._cue_context(self.cue[q])
        context.update(self.parse(name).titles)
        return speakers.Mention(name, article_id, len(qids), context)

    def _cue_context(self, cue: str | None) -> set[str]:
        """:func:`speakers.context_words` of a cue, kept per cue (a few thousand cues, a million quotes)."""
        words = self._cue_words.get(cue)
        if words is None:
            words = self._cue_words[cue] = speakers.context_words(cue)
        return words


_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


FREEZE = 100_000
"""After this many objects more than before built with the collector paused, they are frozen."""


@contextlib.contextmanager
def bulk():
    """Python's cycle collector paused while a whole project's units are built (or a decision regroups):
    it would otherwise walk the millions of new sets and mentions again and again (two thirds of the time
    at 10^6 quotes, a third of a decision's at 10^5), and none of them forms a cycle to collect.

    When that built many objects (a whole project's units, kept beside the connection), they are moved
    out of the collector's sight (``gc.freeze``): its next full pass would otherwise walk them all once
    more, a 0.2-0.3 s pause in the first decision after a project is opened. Frozen objects are still
    freed when nothing refers to them; only a cycle among them would stay."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] > FREEZE:
            gc.freeze()  # also where collection runs from a window's event loop (collection is off there)
        if enabled:
            gc.enable()


def current(db, articles: list[int] | None = None, decisions=()) -> tuple[Units, set[int]]:
    """The project's units, brought up to date; and the ids of the quotes changed since the last grouping
    (every quote when everything was read again). Call :func:`done` once the grouping is written.

    ``articles``: the articles just imported, when nothing else changed since the project's last
    grouping; on a connection that has not grouped yet, only what grouping them needs is read
    (:func:`_partial`, under these ``decisions``: see ``analysis._decisions``)."""
    for sql in _TRIGGERS:
        db.execute(sql)
    version = db.execute("PRAGMA data_version").fetchone()[0]
    token = db.execute("SELECT MAX(token) FROM temp.qc_units_token").fetchone()[0]
    units = _kept.get(db)
    changed = {r[0] for r in db.execute("SELECT quote_id FROM temp.qc_units_dirty")}
    db.execute("DELETE FROM temp.qc_units_dirty")
    if units is None or token is None or units.version != version or units.token != token:
        if articles is not None:
            _kept.pop(db, None)
            units = _partial(db, articles, changed, decisions)
            units.version = version
            return units, set(units.article)
        units = _kept[db] = Units()
        with bulk():
            units.read_all(db)
        units.sources = db.execute(_SOURCES).fetchall()
        changed = set(units.article)
        log.debug("speaker units read whole: %d quotes", len(changed))
    else:
        units.read_whole = False
    if not units.read_whole and changed:
        quotes = changed - {0}
        for q in quotes:
            units.forget(q)
        rows = db.execute(f"{_QUOTES} WHERE id IN ({','.join(map(str, quotes)) or 'NULL'})").fetchall()
        units.read(rows)
        if 0 in changed:  # an article came, went or changed whose primary source is somebody: only its unit
            sources = db.execute(_SOURCES).fetchall()
            units._touched.update((name, article_id) for article_id, name in set(sources) ^ set(units.sources))
            units.sources = sources
        changed = quotes
    units.version, units.token = version, None  # until done(): a failure on the way leaves it unusable
    return units, changed


def _partial(db, articles: list[int], dirty: set[int], decisions) -> Units:
    """The units an import of ``articles`` needs, not kept (see the module): their quotes and those of the
    names grouped article by article read, every other name taken whole from ``speaker_names``, prepared
    for grouping as :meth:`Units.prepared` would prepare every unit, and placed as they are stored."""
    units = Units(whole=False)
    totals: dict[str, int] = defaultdict(int)
    cues: dict[str, list[str | None]] = defaultdict(list)
    for name, cue, n in db.execute("SELECT name, cue, quotes FROM speaker_names").fetchall():
        if name.strip(" "):
            totals[name] += n
            cues[name].append(cue or None)
    whole = {n for n in totals if speakers.stands_whole(units.parse(n))}
    new = ",".join(map(str, articles)) or "NULL"
    loose = json.dumps([n for n in totals if n not in whole])
    named = "COALESCE(reviewed_speaker, speaker)"
    units.read(db.execute(f"{_QUOTES} WHERE article_id IN ({new})").fetchall())
    units.read(db.execute(f"{_QUOTES} WHERE {named} IN (SELECT value FROM json_each(?))", [loose]).fetchall())
    units.read(db.execute(f"{_QUOTES} WHERE id IN ({','.join(map(str, dirty)) or 'NULL'})").fetchall())
    units.written = {
        qid: (speaker, article_id, mention)
        for qid, speaker, article_id, mention in db.execute(
            f"SELECT id, speaker, article_id, mention FROM quotes WHERE {WRITTEN_OTHERWISE}"
        )
    }
    units.sources = db.execute(_SOURCES).fetchall()
    mentions = []
    for name in sorted(whole):  # one mention for all its units, article 0 standing for them
        context = set().union(*map(units._cue_context, cues[name]), units.parse(name).titles)
        mentions.append(speakers.Mention(name, 0, totals[name], context))
    mentions += units._mentions(speakers.key_order(k for k in units.members if k[0] not in whole))
    mentions += [speakers.Mention(name, article_id, 0) for article_id, name in units.sources]
    # where grouping asks whether a whole name is written in one article: a one-word name there that a
    # full name might stand for, or a reviewer's decision naming that unit (see speakers._link_single_names)
    holders = {(t,) for n in whole if not units.parse(n).is_org for t in units.parse(n).tokens}
    # or an acronym there that the initials of a body's name written beside it may stand for
    asked = {
        a
        for (n, a) in units.members
        if n not in whole and (units.parse(n).tokens[:1] in holders or speakers.acronym(n))
    }
    for name, article_id in db.execute(
        f"SELECT DISTINCT {named}, article_id FROM quotes WHERE article_id IN ({','.join(map(str, asked)) or 'NULL'})"
    ).fetchall():
        if name in whole:
            mentions.append(speakers.Mention(name, article_id, 0))
    for _, value in decisions:
        for member in [*value.get("members", ()), *value.get("units", ())]:
            if isinstance(member, list | tuple) and member[0] in whole:
                found = db.execute(f"SELECT 1 FROM quotes WHERE {named} = ? AND article_id = ? LIMIT 1", member)
                if found.fetchone():
                    mentions.append(speakers.Mention(member[0], member[1], 0))
    with bulk():
        units.grouping = speakers.Grouping(mentions)
    units._touched.clear()
    # a whole name's quotes stand with one speaker (the last grouping's): one of them says which
    sample = f"SELECT speaker_id FROM quotes WHERE {named} = ? AND speaker_id IS NOT NULL AND article_id NOT IN ({new})"
    for name in whole:
        row = db.execute(f"{sample} LIMIT 1", [name]).fetchone()
        if row is not None:
            units.placed[name, None] = row[0]
    log.debug("speaker units of an import: %d quotes read, %d names taken whole", len(units.article), len(whole))
    return units


def done(db, units: Units) -> None:
    """Mark ``units`` as the grouping just written (in the caller's transaction: a rollback undoes it)."""
    db.execute("DELETE FROM temp.qc_units_dirty")  # the grouping's own speaker id writes
    token = next(_tokens)
    db.execute("DELETE FROM temp.qc_units_token")
    db.execute("INSERT INTO temp.qc_units_token VALUES (?)", [token])
    units.token = token


def unindexed(db) -> bool:
    """Whether some quote lacks its row in the stored match index (``match_texts``).

    After a grouping that found the index complete, only the quotes changed since on this connection
    are looked at (a decision changes one quote or none); otherwise, every quote."""
    kept = _kept.get(db)
    whole = (  # reported speech is never indexed (it joins no statement by its words: see stored.read_quotes)
        "SELECT 1 FROM quotes q WHERE q.kind IS NOT 'indirect'"
        " AND NOT EXISTS (SELECT 1 FROM match_texts m WHERE m.quote_id = q.id)"
    )
    if kept is not None and kept.indexed and kept.token is not None:
        version = db.execute("PRAGMA data_version").fetchone()[0]
        token = db.execute("SELECT MAX(token) FROM temp.qc_units_token").fetchone()[0]
        if (version, token) == (kept.version, kept.token):
            whole += " AND q.id IN (SELECT quote_id FROM temp.qc_units_dirty)"
    return bool(db.execute(f"SELECT EXISTS ({whole})").fetchone()[0])


def forget(db) -> None:
    """Drop what is kept for this connection (the next grouping reads every quote again)."""
    _kept.pop(db, None)


def mark_indexed(db) -> None:
    """Note that every quote is in the stored match index as of the grouping just written."""
    kept = _kept.get(db)
    if kept is not None:
        kept.indexed = True


def kept(db) -> Units | None:
    """What is kept for this connection, if anything."""
    return _kept.get(db)
