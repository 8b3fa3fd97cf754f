"""Statements clustered again around some quotes, giving what a full run's clustering gives.

A speaker decision and an import both change the links of a few quotes: a decision changes whether two
quotes' speakers agree (so whether they are one statement), an import brings new quotes. Whatever the
cause, :func:`restate` takes the quotes whose links may have changed (the *ends*), the whole statements
they are in and every copy of their words, and clusters those quotes again as
:func:`quotecheck.matching.statements.cluster` does (each quote under its best link to a fuller quote,
equally good links decided by the order a full index meets them, copies with the first quote of their
words), reading the candidates from the stored match index with the full index's rule
(:meth:`quotecheck.matching.stored.StoredIndex.pairs`) and reusing every other statement as stored.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from ..progress import Progress
from . import statements
from .analysis import clear_statements, write_statements
from .stored import (
    VAGUE_KINDS,
    StoredIndex,
    checked,
    clusters_of,
    id_list,
    lookup,
    member_roots,
    rarest,
    read_articles,
    speaker_names,
    stored_keys,
)

log = logging.getLogger(__name__)


def _vague(kind: str | None) -> bool:
    return kind in VAGUE_KINDS


def moves(db, previous, before, after) -> dict[int, tuple[int | None, int | None]]:
    """Quotes whose speaker *for matching* changed (see :data:`stored.VAGUE_KINDS`), each with that speaker
    before and after (``previous``: quote -> speaker ids before and after a grouping; ``before``/``after``:
    speaker id -> (name, kind) around it). The speakers after come from what the grouping knows, so that
    nobody reads the moved quotes' speakers from the project again."""

    def matching(sid, speakers):
        return None if sid is None or _vague((speakers.get(sid) or (None, None))[1]) else sid

    out = {}
    for q, (old, new) in previous.items():
        was, now = matching(old, before), matching(new, after)
        if was != now:
            out[q] = (was, now)
    turned = [s for s in after if s in before and _vague(before[s][1]) != _vague(after[s][1])]
    for q, sid in db.execute(f"SELECT id, speaker_id FROM quotes WHERE speaker_id IN ({id_list(turned)})"):
        if q not in previous:
            out[q] = (matching(sid, before), matching(sid, after))
    return out


def relation_pairs(
    db, near: StoredIndex, moved: dict[int, int | None], now: dict[int, int | None] | None = None
) -> set[tuple[int, int]]:
    """The pairs of quotes whose link changed because their speakers' relation changed (``moved``: quote
    -> its speaker for matching before; ``now``: the moved quotes' speakers for matching now, read from
    the project when not given, see :func:`moves`).

    Verification depends on the speakers only through the relation of the two (same, different,
    unknown), so only pairs with a moved quote whose relation changed are compared again, both ways.
    """
    first = near.firsts(moved)
    moved = {q: s for q, s in moved.items() if q in first}  # reported speech joins no statement by its words
    if not moved:
        return set()
    same_words = near.same_words(set(first.values()))
    now = near.speakers(moved) if now is None else {q: now[q] for q in moved}
    concerned = _concerned(db, moved, now)

    def changed(a: int, b: int) -> bool:
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
    old = {**now, **moved}
    # an undo, or another decision about the same people, verifies the same pairs again: kept per relation
    verified = checked(db).verified
    keys = {(a, b): [(a, b, statements.relation(s.get(a), s.get(b))) for s in (now, old)] for a, b in pairs}
    unknown = [(a, b) for a, b in pairs if not all(k in verified for k in keys[a, b])]
    near.load({q for pair in unknown for q in pair})
    for a, b in unknown:
        if a in near.quotes and b in near.quotes:  # else deleted since, or reported speech: no link
            # the lower bar first: a pair it turns down, the higher bar turns down too (statements.BARS)
            (low, at_low), (high, at_high) = sorted(
                zip(keys[a, b], (now, old), strict=True), key=lambda k_s: statements.BARS.index(k_s[0][2])
            )
            if low not in verified:
                verified[low] = near.compare(a, b, at_low)
            if high not in verified:
                verified[high] = None if verified[low] is None else near.compare(a, b, at_high)
    return {
        (a, b)
        for a, b in pairs
        if all(k in verified for k in keys[a, b]) and verified[keys[a, b][0]] != verified[keys[a, b][1]]
    }


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


def new_links(near: StoredIndex, ids: set[int]) -> set[tuple[int, int]]:
    """The pairs of these new quotes that are links (a new quote may become a fuller quote's best link,
    or the best link of a shorter one)."""
    near.load(ids)
    return {(lk.short, lk.long) for lk in near.links(near.pairs(ids))}


def shifted(db, near: StoredIndex, fresh: list[int]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The pairs of old quotes that verify and have become, or stopped being, candidate pairs (or are met
    elsewhere) now that the new quotes ``fresh`` are indexed; and of those, the ones that were no
    candidates before (new links, which leave every older link as it was).

    A 3-gram the new quotes hold is now in more quotes: past the cap it pairs nobody, past ``common`` it
    pairs only through a quote's rarest 3-grams, and in another rarity class (:func:`statements.rarity`)
    it changes which 3-grams are the rarest of every quote holding it. A full run meets two old quotes
    through other 3-grams then, or not at all.
    """
    cap, common = near.index.cap, near.index.common

    def status(n: int) -> int:  # pairs nobody (0), everybody holding it (1), or through the rarest only (2)
        return 0 if n < 2 or n > cap else 1 if n <= common else 2

    def rank(n: int) -> tuple[int, int]:  # what decides whether a 3-gram is among a quote's rarest
        return status(n), statements.rarity(n) if status(n) == 2 else 0

    posted = near.db.execute(
        f"SELECT h, COUNT(*) FROM match_shingles INDEXED BY match_shingles_quote WHERE quote_id IN ({id_list(fresh)})"
        " GROUP BY h"
    ).fetchall()
    added = dict(posted)
    postings = near.read_postings(added)
    fresh_set = set(fresh)
    holders: set[int] = set()
    for h, listed in postings.items():
        # a count that stays in its class changes no quote's rarest 3-grams, nor who pairs through it
        if rank(len(listed) - added[h]) != rank(len(listed)):
            holders.update(q for q in listed if q not in fresh_set)
    if not holders:
        return set(), set()
    keys_of = {q: set(keys.tolist()) for q, keys in stored_keys(db, holders).items() if len(keys)}
    counts = dict(
        lookup(
            db,
            "SELECT h, COUNT(*) FROM match_shingles WHERE h IN ({marks}) GROUP BY h",
            sorted({h for ks in keys_of.values() for h in ks}),
        )
    )
    before = {h: n - added.get(h, 0) for h, n in counts.items()}

    was_of, now_of, changed = {}, {}, {}
    for q, ks in keys_of.items():
        was = was_of[q] = rarest({h: before[h] for h in ks}, cap, common)
        now = now_of[q] = rarest({h: counts[h] for h in ks}, cap, common)
        keys = was ^ now
        keys |= {h for h in ks if h in added and (status(before[h]), h in was) != (status(counts[h]), h in now)}
        if keys:
            changed[q] = keys
    missing = [h for ks in changed.values() for h in ks if h not in postings]
    postings.update(near.read_postings(missing))
    pairs = {
        (min(q, o), max(q, o))
        for q, ks in changed.items()
        for h in ks
        for o in postings.get(h, ())
        if o != q and o not in fresh_set
    }
    near.load({q for pair in pairs for q in pair})
    links = {(a, b) for a, b in pairs if a in near.quotes and b in near.quotes and near.compare(a, b)}

    def through(a: int, b: int, n: dict[int, int], chosen: dict[int, set[int]]) -> set[int]:
        """The 3-grams through which a full index pairs ``a`` and ``b`` at these counts."""
        shared = keys_of.get(a, near.keys_of(a)) & keys_of.get(b, near.keys_of(b))
        near.count([a, b])
        mine = [chosen[q] if q in chosen else near.chosen(q) for q in (a, b)]
        return {h for h in shared if status(n.get(h, 0)) == 1 or (status(n.get(h, 0)) == 2 and h in mine[0] | mine[1])}

    out, gained = set(), set()
    near.count({q for pair in links for q in pair})  # at once, not a query per pair
    for a, b in links:
        near.count([a, b])
        now_counts = near.counts
        then = through(a, b, {h: now_counts[h] - added.get(h, 0) for h in near.keys_of(a)}, was_of)
        now = through(a, b, now_counts, now_of)
        if then != now and (not then or not now or near.met(a, b, then) != near.met(a, b, now)):
            out.add((a, b))
            if not then:
                gained.add((a, b))
    return out, gained


def restate(
    db,
    near: StoredIndex,
    changed: set[tuple[int, int]],
    progress: Progress,
    *,
    local: bool = False,
    gained: set[tuple[int, int]] | None = None,
) -> tuple[set[int], int]:
    """Cluster statements again around the quotes of ``changed``, pairs whose link may have changed.

    The whole statements those quotes are in, and every copy of their words, are clustered again; a
    quote of them may join a statement outside, which is then written again too. With ``local`` every
    other link is as the stored statements show it: a quote's best link was to a fuller quote of its own
    statement, so only those links and its changed pairs are verified again (all its candidates when a
    changed pair other than a link ``gained`` joins it to its own statement: its best link may be gone).
    Returns the ids of the statements removed and how many were written.
    """
    ends = {q for pair in changed for q in pair}
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
    around = {q for q in around if q in near.quotes}  # deleted since, or reported speech

    def key(q: int) -> tuple[int, int]:
        return statements.order_key(near.index, q)

    if local:
        members: dict[int, list[int]] = defaultdict(list)
        for q, r in old_root.items():
            members[r].append(q)
        partners: dict[int, set[int]] = defaultdict(set)
        shaken: dict[int, set[int]] = defaultdict(set)
        for a, b in changed:
            partners[a].add(b)
            partners[b].add(a)
            if gained is None or (a, b) not in gained:
                shaken[a].add(b)
                shaken[b].add(a)
        full = {q for q in around if q in old_root and any(old_root.get(o) == old_root[q] for o in shaken[q])}
        check = {
            (min(q, o), max(q, o))
            for q in around - full
            for o in [*partners[q], *(m for m in members.get(old_root.get(q, -1), ()) if key(m) < key(q))]
        }
        near.load({q for pair in check for q in pair})
        check = {(a, b) for a, b in check if a in near.quotes and b in near.quotes}
        found = near.links(near.pairs(full) | check)
    else:
        found = near.links(near.pairs(around))
    outside = {q for lk in found for q in (lk.short, lk.long) if q not in around}
    old_root.update(member_roots(db, f"cm.quote_id IN ({id_list(outside)})"))
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
        if rep != q and rep in near.quotes and near.compare(rep, q) is not None:
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
    names = speaker_names(db, {near.quotes[q].speaker_id for ms in groups.values() for q in ms})  # theirs only
    return clusters | joined, write_statements(db, near.index, groups, near.quotes, articles, names, progress)
