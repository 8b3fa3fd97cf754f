"""A person's speaker decision (merge, split, corrected speaker, or undoing one) applied to a project.

:func:`refresh_speakers` groups speakers again and redoes only what depends on who said what, giving
what :func:`quotecheck.matching.analysis.rebuild` gives in a fraction of the time on a large project: a merge or a
split moves a few quotes, but whether two quotes are one statement depends on whether their speakers
agree, so the statements around the moved quotes are clustered again from the stored match index.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ..progress import Progress
from ..project.store import transaction
from . import statements, translations
from .analysis import (
    _VAGUE,
    _articles,
    _assign,
    _clear_clusters,
    _clusters_of,
    _ids,
    _lookup,
    _quote_flags,
    _quotes,
    _speaker_names,
    _write_clusters,
    _write_flags,
    rebuild,
)
from .flags import QuoteInfo, cluster_flags


def refresh_speakers(db, progress: Progress | None = None, *, article_ids: Iterable[int] = ()) -> dict:
    """Bring the project in line after a speaker decision: a merge, a split, a corrected speaker, an undo.

    Speakers are grouped again (decisions win) and only what depends on who said what is redone: the
    quotes' speaker ids, speakers and aliases, the conflicting-speaker flags of the statements whose
    speakers changed, the unattributed and primary-source flags of the quotes concerned (and of every
    quote in ``article_ids``, whose corrected names may read differently), and the statements whose
    matching changes because the bar for two quotes depends on whether their speakers agree. The result
    is what :func:`rebuild` gives, in one transaction; a project without a complete stored match index
    is simply rebuilt.

    Returns counts: ``{"speakers", "moved", "clusters", "flags"}`` (``moved``: quotes whose speaker
    changed; ``clusters``: statements written again).

    Example:
        >>> refresh_speakers(db)  # doctest: +SKIP
        {'speakers': 479, 'moved': 212, 'clusters': 0, 'flags': 48420}
    """
    progress = progress or Progress()
    unindexed = "SELECT 1 FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM match_texts m WHERE m.quote_id = q.id)"
    if db.execute(f"SELECT EXISTS ({unindexed})").fetchone()[0]:
        return rebuild(db, progress)
    progress.start(3, "grouping speakers")
    with transaction(db), _collector_paused():
        translations.detach(db)
        before = {sid: (name, kind) for sid, name, kind in db.execute("SELECT id, name, kind FROM speakers")}
        sources_before = _source_ids(db)
        n_speakers, previous = _assign(db)
        after = {sid: (name, kind) for sid, name, kind in db.execute("SELECT id, name, kind FROM speakers")}
        sources = _source_ids(db)
        renamed = {s for s, row in after.items() if before.get(s) != row}  # new, renamed or of another kind
        moved = _moved(db, previous, before, after)
        progress.advance(message="checking statements")
        progress.check()
        speakers_of = f"SELECT id FROM quotes WHERE speaker_id IN ({_ids(renamed)})"
        conflicts = _clusters_of(db, set(moved) | {r[0] for r in db.execute(speakers_of)})
        removed, n_clusters = _restate(db, moved, progress)
        _speaker_flags(db, conflicts - removed)
        translations.attach(db)
        progress.advance(message="checking quotes")
        recheck = set(previous) | {
            r[0] for r in db.execute(f"SELECT id FROM quotes WHERE article_id IN ({_ids(article_ids)})")
        }
        owners = renamed | {s for s in set(sources) | set(sources_before) if sources.get(s) != sources_before.get(s)}
        recheck |= {r[0] for r in db.execute(f"SELECT id FROM quotes WHERE speaker_id IN ({_ids(owners)})")}
        _quote_flags(db, recheck)
        n_flags = db.execute("SELECT COUNT(*) FROM flags").fetchone()[0]
        progress.advance(message="done")
    return {"speakers": n_speakers, "moved": len(previous), "clusters": n_clusters, "flags": n_flags}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: these passes make ~10^5 short-lived objects and no cycles, and the
    collector would otherwise rescan everything alive again and again (a third of the time at 100k quotes)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _source_ids(db) -> dict[int, list[int]]:
    """Speaker id -> ids of the articles that are the speaker's primary source."""
    out: dict[int, list[int]] = defaultdict(list)
    for sid, aid in db.execute(
        "SELECT DISTINCT sa.speaker_id, a.id FROM articles a JOIN speaker_aliases sa ON sa.alias = a.primary_source_of"
        " WHERE a.primary_source_of IS NOT NULL ORDER BY 1, 2"
    ):
        out[sid].append(aid)
    return dict(out)


def _vague(kind: str | None) -> bool:
    return kind in ("role", "partial")  # see _VAGUE


def _moved(db, previous, before, after) -> dict[int, int | None]:
    """Quotes whose speaker *for matching* changed (see ``_VAGUE``), each with that speaker before."""

    def matching(sid, speakers):
        return None if sid is None or _vague((speakers.get(sid) or (None, None))[1]) else sid

    moved = {}
    for q, (old, new) in previous.items():
        if matching(old, before) != matching(new, after):
            moved[q] = matching(old, before)
    turned = [s for s in after if s in before and _vague(before[s][1]) != _vague(after[s][1])]
    for q, sid in db.execute(f"SELECT id, speaker_id FROM quotes WHERE speaker_id IN ({_ids(turned)})"):
        if q not in previous:
            moved[q] = matching(sid, before)
    return moved


class _Neighbourhood:
    """The part of :func:`rebuild`'s match index around some quotes, read from the stored index.

    Word frequencies come from ``match_terms`` and ``match_texts`` whole, so comparing two quotes here
    gives what it gives in a full run.
    """

    def __init__(self, db) -> None:
        self.db = db
        self.index = statements.Index()
        self.index.extra_docs = db.execute("SELECT COUNT(*) FROM match_texts WHERE rep_id = quote_id").fetchone()[0]
        self.quotes: dict[int, QuoteInfo] = {}
        self.keys: dict[int, set[int]] = {}
        self.postings: dict[int, list[int]] = {}
        self._stop: tuple[int, set[int]] = (0, set())

    def load(self, ids) -> None:
        """Index these quotes' words (no postings), current speakers and first quote of the same words."""
        loaded = _quotes(self.db, f"WHERE q.id IN ({_ids(q for q in ids if q not in self.quotes)})", matching=True)
        self.quotes.update(loaded)
        start = len(self.index.vocab_hash)
        for q in loaded.values():
            self.index.add(q.id, q.text, q.speaker_id, postings=False)
        terms = list(self.index.vocab)[start:]
        for term, n in _lookup(self.db, "SELECT term, n FROM match_terms WHERE term IN ({marks})", terms):
            self.index.extra_terms[self.index.vocab[term]] = n
        sql = "SELECT quote_id, rep_id FROM match_texts WHERE quote_id IN ({marks})"
        self.index.rep.update(_lookup(self.db, sql, loaded))

    def pairs(self, ids, *, load: bool = True) -> set[tuple[int, int]]:
        """Candidate pairs of these (loaded) quotes as a full index gives them (copies have none).

        ``load`` loads the other ends and drops pairs with a deleted quote (its postings went stale).
        """
        seq, vh = self.index.seq, self.index.vocab_hash
        keys = {q: statements.shingles([vh[i] for i in seq[q]]) for q in ids if self.index.rep.get(q) == q}
        postings: dict[int, list[int]] = defaultdict(list)
        sql = "SELECT h, quote_id FROM match_shingles WHERE h IN ({marks})"
        for h, qid in _lookup(self.db, sql, sorted({h for ks in keys.values() for h in ks})):
            postings[h].append(qid)
        self.keys.update(keys)
        self.postings.update(postings)
        out = set()
        for q, ks in keys.items():
            for h in ks:
                if len(postings[h]) <= self.index.cap:
                    out.update((min(q, o), max(q, o)) for o in postings[h] if o != q)
        if not load:
            return out
        self.load({o for pair in out for o in pair})
        return {(a, b) for a, b in out if a in seq and b in seq}

    def speakers(self, ids) -> dict[int, int | None]:
        """Current speakers (for matching) of these quotes, without loading them."""
        sql = (
            f"SELECT q.id, {_VAGUE} FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.id IN ({{marks}})"
        )
        return dict(_lookup(self.db, sql, ids))

    def met(self, a: int, b: int) -> tuple:
        """When a full run's :meth:`statements.Index.candidate_pairs` yields the pair ``a, b`` (one of them
        passed to :meth:`pairs`): :func:`statements.cluster` keeps the first of equally good links.

        A 3-gram's list starts when its second quote is indexed (quotes go in by id, a quote's 3-grams
        in set order), and each list yields its pairs in id order.
        """
        q = a if a in self.keys else b
        met = []
        for h in self.keys[q]:
            lst = sorted(self.postings.get(h, ()))
            if a in lst and b in lst and len(lst) <= self.index.cap:
                second = lst[1]
                if second not in self.index.seq:
                    self.load([second])
                order = list(statements.shingles([self.index.vocab_hash[i] for i in self.index.seq[second]]))
                met.append((second, order.index(h), lst.index(min(a, b)), lst.index(max(a, b))))
        return min(met, default=())

    def copies(self, ids) -> set[int]:
        """These quotes with every quote of the same words."""
        reps = {self.index.rep[q] for q in ids if q in self.index.rep}
        sql = "SELECT quote_id FROM match_texts WHERE rep_id IN ({marks})"
        return set(ids) | reps | {r[0] for r in _lookup(self.db, sql, reps)}

    def stopwords(self) -> set[int]:
        if self._stop[0] != len(self.index.vocab_hash):
            self._stop = (len(self.index.vocab_hash), self.index.stopword_ids())
        return self._stop[1]

    def compare(self, a: int, b: int, speakers: dict[int, int | None] | None = None) -> statements.Link | None:
        """:meth:`statements.Index.compare`, with other speakers than the current ones if given."""
        current = self.index.speaker
        self.index.speaker = speakers or current
        try:
            return self.index.compare(a, b, stop=self.stopwords())
        finally:
            self.index.speaker = current


def _restate(db, moved: dict[int, int | None], progress: Progress) -> tuple[set[int], int]:
    """Cluster statements again around quotes whose speaker changed (``moved``: quote -> speaker before).

    Whether two quotes are one statement depends on whether their speakers agree, so a merge or a split
    can join or part statements. Only links touching a moved quote can change; if any does, the
    statements of its ends are clustered again as :func:`statements.cluster` does (each quote under its best
    link to a fuller quote, copies with the first quote of their words), reusing everything else.
    Returns the ids of the statements removed and how many were written.
    """
    near = _Neighbourhood(db)
    near.load(moved)
    same_words = near.copies(moved)
    near.load(same_words)
    pairs = sorted(near.pairs(moved, load=False)) + [
        (near.index.rep[q], q) for q in same_words if near.index.rep[q] != q
    ]
    now = near.speakers({q for pair in pairs for q in pair})
    old = {**now, **moved}
    # verification depends on the speakers only through their relation (same, different, unknown)
    pairs = [
        (a, b)
        for a, b in pairs
        if statements.relation(now.get(a), now.get(b)) != statements.relation(old.get(a), old.get(b))
    ]
    near.load({q for pair in pairs for q in pair})
    pairs = [(a, b) for a, b in pairs if a in near.quotes and b in near.quotes]
    ends = {q for a, b in pairs if near.compare(a, b) != near.compare(a, b, old) for q in (a, b)}
    if not ends:
        return set(), 0
    progress.check()
    around, clusters, old_root = set(ends), set(), {}
    while True:  # the whole statements the ends are in, and every copy of their words
        near.load(around)
        around = near.copies(around)
        near.load(around)
        more = _clusters_of(db, around) - clusters
        if not more:
            break
        clusters |= more
        old_root.update(_roots(db, f"c.id IN ({_ids(more)})"))
        around |= set(old_root)
    found = [lk for a, b in near.pairs(around) if (lk := near.compare(a, b)) is not None]
    outside = {q for lk in found for q in (lk.short, lk.long) if q not in around}
    old_root.update(_roots(db, f"cm.quote_id IN ({_ids(outside)})"))

    def key(q: int) -> tuple[int, int]:
        return statements.order_key(near.index, q)

    options: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for lk in found:
        child, target = (lk.short, lk.long) if key(lk.long) < key(lk.short) else (lk.long, lk.short)
        if child in around:
            options[child].append((lk.score, target))
    best = {}
    for child, links in options.items():
        top = max(score for score, _ in links)
        tied = [target for score, target in links if score == top]
        best[child] = min(tied, key=lambda t: near.met(child, t)) if len(tied) > 1 else tied[0]
    root: dict[int, int] = {}
    for q in sorted(best, key=key):
        target = best[q]
        root[q] = root.get(target, target) if target in around else old_root.get(target, target)
    for r in list(root.values()):
        root.setdefault(r, r)
    for q in sorted(around):
        rep = near.index.rep[q]
        if rep != q and near.compare(rep, q) is not None:
            root[q] = root.get(rep, rep)
            root.setdefault(rep, rep)
    joined = _clusters_of(db, {r for r in root.values() if r not in around}) - clusters  # took in a quote
    rows = dict(_roots(db, f"c.id IN ({_ids(joined)})"))
    groups: dict[int, list[int]] = defaultdict(list)
    for q, r in sorted({**rows, **root}.items()):
        groups[r].append(q)
    near.load({q for ms in groups.values() for q in ms})
    progress.check()
    _clear_clusters(db, sorted(clusters | joined))
    articles = _articles(db, {near.quotes[q].article_id for ms in groups.values() for q in ms})
    return clusters | joined, _write_clusters(
        db, near.index, groups, near.quotes, articles, _speaker_names(db), progress
    )


def _roots(db, where: str) -> list[tuple[int, int]]:
    """``(quote id, root quote id)`` of statement members, ``where`` over ``cluster_members cm``/``clusters c``."""
    sql = "SELECT cm.quote_id, c.root_quote_id FROM cluster_members cm JOIN clusters c ON c.id = cm.cluster_id"
    return db.execute(f"{sql} WHERE {where}").fetchall()


def _speaker_flags(db, cluster_ids) -> None:
    """The conflicting-speaker flags of these statements again: who said their quotes has changed."""
    ids = _ids(cluster_ids)
    stale = f"SELECT id FROM flags WHERE kind = 'conflicting_speaker' AND cluster_id IN ({ids})"
    db.execute(f"DELETE FROM flag_quotes WHERE flag_id IN ({stale})")
    db.execute(f"DELETE FROM flags WHERE id IN ({stale})")
    rows = db.execute(
        "SELECT cm.cluster_id, cm.quote_id, c.root_quote_id FROM cluster_members cm JOIN clusters c"
        f" ON c.id = cm.cluster_id WHERE c.id IN ({ids}) ORDER BY cm.cluster_id, cm.quote_id"
    ).fetchall()
    quotes = _quotes(db, f"WHERE q.id IN ({_ids(r[1] for r in rows)})", matching=True)
    articles = _articles(db, {q.article_id for q in quotes.values()})
    members: dict[int, list[QuoteInfo]] = defaultdict(list)
    roots = {}
    for cid, qid, root in rows:
        members[cid].append(quotes[qid])
        roots[cid] = root
    names = _speaker_names(db)
    flags = []
    for cid, ms in members.items():
        # every member passed as a copy: only the speaker and first-appearance rules run, no alignment
        found = cluster_flags(roots[cid], ms, dict.fromkeys((q.id for q in ms), "copy"), {}, articles, names)
        flags += [(f, cid) for f in found if f.kind == "conflicting_speaker"]
    _write_flags(db, flags)
