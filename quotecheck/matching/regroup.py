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
from . import paraphrases, translations, units
from .analysis import assign_speakers_compared, rebuild, reflag
from .restate import moves, relation_pairs, restate
from .stored import StoredIndex, checked, clusters_of, id_list, keep_labels

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
    with transaction(db, savepoint=False), units.bulk():  # ~10^5 short-lived objects and no cycles
        paraphrases.detach(db)
        translations.detach(db)
        sources_before = _source_ids(db)
        n_speakers, previous, before, after = assign_speakers_compared(db)
        units.mark_indexed(db)
        kept = units.kept(db)
        if kept is not None and kept.read_whole:  # the slow first grouping: read ahead what decisions ask
            keep_labels(db)
            checked(db)
        sources = _source_ids(db)
        renamed = {s for s, row in after.items() if before.get(s) != row}  # new, renamed or of another kind
        moving = moves(db, previous, before, after)
        moved = {q: was for q, (was, _) in moving.items()}
        progress.advance(message="checking statements")
        progress.check()
        speakers_of = f"SELECT id FROM quotes WHERE speaker_id IN ({id_list(renamed)})"
        conflicts = clusters_of(db, set(moved) | {r[0] for r in db.execute(speakers_of)})
        near = StoredIndex(db)
        now = {q: sid for q, (_, sid) in moving.items()}
        removed, n_clusters = restate(db, near, relation_pairs(db, near, moved, now), progress)
        progress.advance(message="checking quotes")
        recheck = {r[0] for r in db.execute(f"SELECT id FROM quotes WHERE article_id IN ({id_list(article_ids)})")}
        owners = renamed | {s for s in set(sources) | set(sources_before) if sources.get(s) != sources_before.get(s)}
        speaker_of = dict(previous)
        for q, sid in db.execute(f"SELECT id, speaker_id FROM quotes WHERE speaker_id IN ({id_list(owners)})"):
            speaker_of.setdefault(q, (sid, sid))
        # what the flags see of each speaker, worked out once per speaker rather than once per quote
        olds, news = {old for old, _ in speaker_of.values()}, {new for _, new in speaker_of.values()}
        seen_before = {old: _seen_by_flags(old, before, sources_before) for old in olds}
        seen_after = {new: _seen_by_flags(new, after, sources) for new in news}
        recheck |= {q for q, (old, new) in speaker_of.items() if seen_before[old] != seen_after[new]}
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
