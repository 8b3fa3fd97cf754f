"""A person's speaker decision (merge, split, corrected speaker, or undoing one) applied to a project.

:func:`refresh_speakers` groups speakers again and redoes only what depends on who said what, giving
what :func:`quotecheck.matching.analysis.rebuild` gives in a fraction of the time on a large project: a merge or a
split moves a few quotes, but whether two quotes are one statement depends on whether their speakers
agree, so the statements around the moved quotes are clustered again from the stored match index.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable

from ..progress import Progress
from ..project.store import transaction
from . import paraphrases, statements, translations, units
from .analysis import assign_speakers_moved, clear_statements, rebuild, reflag, write_statements
from .stored import VAGUE_KINDS, StoredIndex, clusters_of, id_list, member_roots, read_articles, speaker_names

log = logging.getLogger(__name__)


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
    if units.unindexed(db):
        log.info("the stored match index is incomplete: rebuilding")
        counts = rebuild(db, progress)
        units.mark_indexed(db)
        return counts
    started = time.perf_counter()
    progress.start(3, "grouping speakers")
    with transaction(db), units.bulk():  # ~10^5 short-lived objects and no cycles
        paraphrases.detach(db)
        translations.detach(db)
        before = {sid: (name, kind) for sid, name, kind in db.execute("SELECT id, name, kind FROM speakers")}
        sources_before = _source_ids(db)
        n_speakers, previous = assign_speakers_moved(db)
        units.mark_indexed(db)
        after = {sid: (name, kind) for sid, name, kind in db.execute("SELECT id, name, kind FROM speakers")}
        sources = _source_ids(db)
        renamed = {s for s, row in after.items() if before.get(s) != row}  # new, renamed or of another kind
        moved = _moved(db, previous, before, after)
        progress.advance(message="checking statements")
        progress.check()
        speakers_of = f"SELECT id FROM quotes WHERE speaker_id IN ({id_list(renamed)})"
        conflicts = clusters_of(db, set(moved) | {r[0] for r in db.execute(speakers_of)})
        removed, n_clusters = _restate(db, moved, progress)
        progress.advance(message="checking quotes")
        recheck = {r[0] for r in db.execute(f"SELECT id FROM quotes WHERE article_id IN ({id_list(article_ids)})")}
        owners = renamed | {s for s in set(sources) | set(sources_before) if sources.get(s) != sources_before.get(s)}
        speaker_of = dict(previous)
        for q, sid in db.execute(f"SELECT id, speaker_id FROM quotes WHERE speaker_id IN ({id_list(owners)})"):
            speaker_of.setdefault(q, (sid, sid))
        recheck |= {
            q
            for q, (old, new) in speaker_of.items()
            if _seen_by_flags(old, before, sources_before) != _seen_by_flags(new, after, sources)
        }
        reflag(db, statements=conflicts - removed, quotes=recheck, because={"speakers"})
        translations.attach(db)
        paraphrases.attach(db)
        n_flags = db.execute("SELECT COUNT(*) FROM flags").fetchone()[0]
        progress.advance(message="done")
    counts = {"speakers": n_speakers, "moved": len(previous), "clusters": n_clusters, "flags": n_flags}
    log.info("speakers refreshed %s in %.2f s", counts, time.perf_counter() - started)
    return counts


def _source_ids(db) -> dict[int, list[int]]:
    """Speaker id -> ids of the articles that are the speaker's primary source."""
    out: dict[int, list[int]] = defaultdict(list)
    for sid, aid in db.execute(
        "SELECT DISTINCT sa.speaker_id, a.id FROM articles a JOIN speaker_aliases sa ON sa.alias = a.primary_source_of"
        " WHERE a.primary_source_of IS NOT NULL ORDER BY 1, 2"
    ):
        out[sid].append(aid)
    return dict(out)


def _seen_by_flags(sid: int | None, speakers: dict, sources: dict[int, list[int]]) -> tuple | None:
    """What a quote's own flags see of its speaker (see :func:`flags.unattributed_flags` and
    :func:`flags.primary_source_flags`): whether there is one, known only by a description, and its
    primary sources with the name they are checked under. A quote whose speaker looks the same before
    and after a decision keeps its flags: a merge of two people moves ~10^2 quotes and changes none."""
    if sid is None:
        return None
    name, kind = speakers.get(sid, (None, None))
    own = sources.get(sid, [])
    return kind == "role", tuple(own), name if own else None


def _vague(kind: str | None) -> bool:
    return kind in VAGUE_KINDS


def _moved(db, previous, before, after) -> dict[int, int | None]:
    """Quotes whose speaker *for matching* changed (see :data:`stored.VAGUE_KINDS`), each with that
    speaker before."""

    def matching(sid, speakers):
        return None if sid is None or _vague((speakers.get(sid) or (None, None))[1]) else sid

    moved = {}
    for q, (old, new) in previous.items():
        if matching(old, before) != matching(new, after):
            moved[q] = matching(old, before)
    turned = [s for s in after if s in before and _vague(before[s][1]) != _vague(after[s][1])]
    for q, sid in db.execute(f"SELECT id, speaker_id FROM quotes WHERE speaker_id IN ({id_list(turned)})"):
        if q not in previous:
            moved[q] = matching(sid, before)
    return moved


def _concerned(db, moved: dict[int, int | None], now: dict[int, int | None]) -> dict[int, int] | None:
    """The quotes whose pairs with moved quotes can change relation (same, different, unknown speakers),
    each with its speaker for matching: the moved ones and those of a speaker a moved quote had or has
    (``now``: the moved quotes' speakers now). None (every quote) when a moved quote had or has no
    speaker, since "unknown" beside any speaker changes."""
    either = set(moved.values()) | set(now.values())
    involved = {s for s in either if s is not None}
    if len(involved) < len(either):
        return None
    rows = db.execute(
        "SELECT q.id, q.speaker_id FROM quotes q JOIN speakers s ON s.id = q.speaker_id"
        f" WHERE q.speaker_id IN ({id_list(involved)}) AND s.kind NOT IN ({', '.join(map(repr, VAGUE_KINDS))})"
    )
    return {**dict(rows.fetchall()), **{q: now[q] for q in moved}}


def _restate(db, moved: dict[int, int | None], progress: Progress) -> tuple[set[int], int]:
    """Cluster statements again around quotes whose speaker changed (``moved``: quote -> speaker before).

    Whether two quotes are one statement depends on whether their speakers agree, so a merge or a split
    can join or part statements. Only links touching a moved quote can change; if any does, the
    statements of its ends are clustered again as :func:`statements.cluster` does (each quote under its best
    link to a fuller quote, copies with the first quote of their words), reusing everything else.
    Returns the ids of the statements removed and how many were written.
    """
    near = StoredIndex(db)
    first = near.firsts(moved)
    moved = {q: s for q, s in moved.items() if q in first}  # reported speech joins no statement by its words
    same_words = near.same_words(set(first.values()))
    now = near.speakers(moved)
    concerned = _concerned(db, moved, now)

    def changed(a: int, b: int) -> bool:
        """Whether the pair's relation for verification changed; verification depends on the speakers
        only through it (same, different, unknown)."""
        now_a, now_b = now.get(a), now.get(b)
        return statements.relation(now_a, now_b) != statements.relation(moved.get(a, now_a), moved.get(b, now_b))

    if concerned is None:
        near.load(moved)
        found_pairs = near.pairs(moved, load=False)
    else:
        now.update(concerned)
        found_pairs = near.pairs_among(moved, set(concerned), keep=changed)
    pairs = sorted(found_pairs) + [(r, q) for q, r in sorted(same_words.items()) if r != q]
    now.update(near.speakers({q for pair in pairs for q in pair} - now.keys()))
    pairs = [(a, b) for a, b in pairs if changed(a, b)]
    near.load({q for pair in pairs for q in pair})
    pairs = [(a, b) for a, b in pairs if a in near.quotes and b in near.quotes]
    old = {**now, **moved}
    ends = {q for a, b in pairs if near.compare(a, b) != near.compare(a, b, old) for q in (a, b)}
    if not ends:
        return set(), 0
    progress.check()
    around, clusters, old_root = set(ends), set[int](), dict[int, int]()
    while True:  # the whole statements the ends are in, and every copy of their words
        near.load(around)
        around = near.copies(around)
        near.load(around)
        more = clusters_of(db, around) - clusters
        if not more:
            break
        clusters |= more
        old_root.update(member_roots(db, f"c.id IN ({id_list(more)})"))
        around |= set(old_root)
    found = [lk for a, b in near.pairs(around) if (lk := near.compare(a, b)) is not None]
    outside = {q for lk in found for q in (lk.short, lk.long) if q not in around}
    old_root.update(member_roots(db, f"cm.quote_id IN ({id_list(outside)})"))

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
    joined = clusters_of(db, {r for r in root.values() if r not in around}) - clusters  # took in a quote
    rows = dict(member_roots(db, f"c.id IN ({id_list(joined)})"))
    groups: dict[int, list[int]] = defaultdict(list)
    for q, r in sorted({**rows, **root}.items()):
        groups[r].append(q)
    near.load({q for ms in groups.values() for q in ms})
    progress.check()
    clear_statements(db, sorted(clusters | joined))
    articles = read_articles(db, {near.quotes[q].article_id for ms in groups.values() for q in ms})
    return clusters | joined, write_statements(
        db, near.index, groups, near.quotes, articles, speaker_names(db), progress
    )
