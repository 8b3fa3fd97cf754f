"""The database side of matching: speakers, statements and flags, read from and written to a project.

:func:`rebuild` re-runs everything; :func:`update` adds the quotes of newly stored articles to what is
there (an index lookup per new quote instead of a full pass), falling back to :func:`rebuild` on small
projects where a full pass takes under a second anyway. Every write of a run happens in one
transaction (:func:`quotecheck.project.store.transaction`): a cancelled or failed run leaves the previous
results whole.

Flags come one way: a statement written by :func:`write_statements` is flagged as it is written, and
:func:`reflag` redoes the flags that depend on what changed (speakers, wording, primary sources; each kind
declares its own in :data:`quotecheck.matching.flags.REGISTRY`) for the statements and quotes concerned.

A person's speaker decision (merge, split, corrected speaker, or undoing one) goes through
:func:`quotecheck.matching.regroup.refresh_speakers`, which redoes only what depends on who said what.
The stored match index is read and written through :class:`quotecheck.matching.stored.StoredIndex`;
what the window and the CLI show is read by :mod:`quotecheck.matching.report`.
"""

from __future__ import annotations

import json
import logging
import time
import weakref
from collections import defaultdict
from collections.abc import Iterable

from ..progress import Progress
from ..project import store
from ..project.store import transaction
from . import paraphrases, scripts, speakers, statements, translations, units, watch
from .align import align
from .flags import (
    CAUSES,
    Finding,
    FlagKind,
    QuoteContext,
    Statement,
    depending_on,
    first_appearance,
    is_translation,
    quote_flags,
    statement_flags,
)
from .stored import (
    StoredIndex,
    clusters_of,
    id_list,
    note_wordings,
    primary_sources,
    read_articles,
    read_quotes,
    speaker_names,
)

log = logging.getLogger(__name__)

SMALL_PROJECT = 3000
"""Below this many quotes :func:`update` simply rebuilds (well under a second)."""

STATEMENT_KINDS = [k for k in depending_on(CAUSES) if k.scope != "quote"]
"""The kinds a statement is flagged with when it is written."""


def _decisions(db) -> list[tuple[str, dict]]:
    """The active merges and splits, oldest first, their units' article hashes turned into article ids.

    A decision names one ``[spelling, article_hash]`` unit when the spelling stands for several people
    (see :func:`quotecheck.matching.speakers.group`); the hash survives re-extraction and new versions."""
    out = []
    article_of: dict[str, int] | None = None
    for kind, value in db.execute(
        "SELECT kind, value FROM decisions WHERE active = 1 AND kind IN ('merge', 'split') ORDER BY id"
    ).fetchall():
        try:
            decided = json.loads(value or "{}")
        except ValueError:
            continue
        if any(isinstance(m, list) for m in [*decided.get("members", ()), *decided.get("units", ())]):
            if article_of is None:
                article_of = unit_articles(db)
            for key in ("members", "units"):
                if key in decided:
                    decided[key] = [
                        [m[0], article_of[m[1]]] if isinstance(m, list) else m
                        for m in decided[key]
                        if not isinstance(m, list) or m[1] in article_of
                    ]
        out.append((kind, decided))
    return out


def unit_articles(db) -> dict[str, int]:
    """Article id by content hash, the hashes of earlier versions included."""
    out = dict(db.execute("SELECT content_hash, article_id FROM article_versions").fetchall())
    out.update(db.execute("SELECT content_hash, id FROM articles").fetchall())
    return out


# --- speakers ---------------------------------------------------------------------------------------


def assign_speakers(db) -> int:
    """Group every speaker name, keep speaker ids stable by canonical name, set ``quotes.speaker_id``.

    Returns the number of speakers. Only quotes whose speaker changes are written.
    """
    return assign_speakers_compared(db)[0]


Speakers = dict[int, tuple[str, str]]
"""speaker id -> (name, kind): the ``speakers`` table."""
Grouped = tuple[int, dict[int, tuple[int | None, int | None]], Speakers, Speakers]
"""What a grouping did: the number of speakers, ``quote id -> (speaker id before, after)`` of the quotes
it moved, and the speakers before and after it."""


def assign_speakers_compared(db, articles: list[int] | None = None) -> Grouped:
    """:func:`assign_speakers`, also giving the quotes it moved and the speakers before and after it (what
    the ``speakers`` table held and holds; read once, not again by each caller).

    The quotes are read through :mod:`.units`, which keeps them beside the connection: after a merge,
    a split or an undo only the quotes of the speakers whose id changes are visited. ``articles``: the
    articles just imported into a project grouped otherwise (see :func:`units.current`).
    """
    with units.bulk():  # a first grouping on this connection builds ~10^6 objects: no cycle collection meanwhile
        return _assign_speakers_moved(db, articles)


def _assign_speakers_moved(db, articles: list[int] | None) -> Grouped:
    decisions = _decisions(db)
    kept, changed = units.current(db, articles, decisions)
    people = kept.prepared().people(decisions)
    old: dict[str, list[int]] = defaultdict(list)  # several: "the spokeswoman" of each article is somebody
    stored = {}
    for sid, name, kind in db.execute("SELECT id, name, kind FROM speakers ORDER BY id").fetchall():
        old[name].append(sid)
        stored[sid] = (name, kind)
    used: set[int] = set()
    ids = []
    named: dict[int, tuple[str, str]] = {}  # the speakers table as this grouping leaves it
    parsed = kept.prepared().parsed
    bodies = _bodies(db)
    for person in people:
        sid = next((s for s in old.get(person.name, ()) if s not in used), None)  # mostly: by the same name
        if sid is None:
            sid = next((s for a in person.aliases for s in old.get(a, ()) if s not in used), None)
        kind = _kind(parsed.get(person.name) or speakers.normalise(person.name), person, bodies)
        if sid is None:
            sid = db.execute("INSERT INTO speakers (name, kind) VALUES (?, ?)", [person.name, kind]).lastrowid
        elif stored[sid] != (person.name, kind):
            db.execute("UPDATE speakers SET name = ?, kind = ? WHERE id = ?", [person.name, kind, sid])
        used.add(sid)
        ids.append(sid)
        named[sid] = (person.name, kind)
    owner = _owners(people)

    def new_sid(name: str | None, article_id: int) -> int | None:
        i = _owner(owner, name, article_id) if name and name.strip() else None
        return None if i is None else ids[i]

    # only quotes read again, or of a name or unit now placed with another speaker than last time, can move
    placed = {node: ids[i] for node, i in owner.items()}
    visit = set(changed)
    # read whole (the first grouping on a connection): every quote is visited anyway
    everything = kept.whole and len(visit) >= len(kept.article) and kept.article.keys() <= visit
    for node, sid in placed.items():
        if not everything and (node not in kept.placed or kept.placed[node] != sid):
            visit |= kept.quotes_of(db, node)
    kept.placed = placed
    changes, previous = [], {}
    article_of, name_of, speaker_of = kept.article, kept.name, kept.speaker
    whole: dict[str | None, int | None] = {}  # the speaker of a name placed whole, wherever written
    per_unit: set[str] = set()  # names placed unit by unit (see _owner)
    for qid in visit:
        article_id = article_of.get(qid)
        if article_id is None:
            continue
        name = name_of[qid]
        if name in whole:
            new = whole[name]
        elif name in per_unit:
            new = new_sid(name, article_id)
        else:
            i = owner.get((name, None)) if name and name.strip() else None
            if i is not None or not (name and name.strip()):
                new = whole[name] = None if i is None else ids[i]
            else:
                per_unit.add(name)
                new = new_sid(name, article_id)
        current = speaker_of[qid]
        if new != current:
            changes.append((new, qid))
            previous[qid] = (current, new)
            speaker_of[qid] = new
    # one statement per speaker id given: a merge moves ~10^2 quotes to one person
    by_speaker: dict[int | None, list[int]] = defaultdict(list)
    for sid, qid in changes:
        by_speaker[sid].append(qid)
    for sid, qids in by_speaker.items():
        db.execute(f"UPDATE quotes SET speaker_id = ? WHERE id IN ({id_list(sorted(qids))})", [sid])
    written = _written_spellings(kept, people, owner)
    aliases = [(ids[i], alias, why) for i, p in enumerate(people) for alias, why in {**written[i], **p.aliases}.items()]
    # only the spellings that came, went or changed evidence are written (each write updates the search index)
    before = set(db.execute("SELECT speaker_id, alias, evidence FROM speaker_aliases").fetchall())
    now = set(aliases)
    db.conn.executemany(
        "DELETE FROM speaker_aliases WHERE speaker_id = ? AND alias = ?", [r[:2] for r in sorted(before - now)]
    )
    db.conn.executemany(
        "INSERT INTO speaker_aliases (speaker_id, alias, evidence) VALUES (?, ?, ?)",
        [r for r in aliases if r not in before],
    )
    # only the speakers that are nobody now: a statement naming every id cost a decision ~1 ms per 500
    db.execute(f"DELETE FROM speakers WHERE id IN ({id_list(s for s in stored if s not in used)})")
    units.done(db, kept)
    return len(people), dict(sorted(previous.items())), stored, named


def _owners(people: list[speakers.Speaker]) -> dict[tuple[str, int | None], int]:
    """Which person each unit went to: ``(name, None)`` for a full name (one person wherever written),
    ``(name, article id)`` for a unit grouped on its own (a one-word name, a description)."""
    return {node: i for i, person in enumerate(people) for node in person.nodes}


def _owner(owner: dict[tuple[str, int | None], int], name: str, article_id: int) -> int | None:
    i = owner.get((name, None))
    return owner.get((name, article_id)) if i is None else i


def _written_spellings(kept: units.Units, people, owner) -> dict[int, dict[str, str]]:
    """Spellings the articles use that the engine folded into another spelling of the same person in the
    same article (quoted as "Yuri Varnov" where the sentence writes "Yury Varnov"): person index ->
    ``{spelling: evidence}``, so every spelling an article uses is among the person's names."""
    out: dict[int, dict[str, str]] = defaultdict(dict)
    for name, article_id, mention in kept.written.values():
        i = _owner(owner, name, article_id)
        spelling = " ".join(mention.split())
        words = spelling.split()
        if i is None or spelling in people[i].aliases or not 2 <= len(words) <= 4:
            continue
        if not all(w[:1].isupper() for w in words):
            continue  # a description ("the ministry spokesman"), not a spelling of the name
        a, b = kept.parse(name), kept.parse(spelling)
        if b.titles or a.letters == b.letters:
            continue  # "Minister Jane Roe" is the same spelling with a title, not another spelling
        if scripts.inflected_alike(name, spelling):
            continue  # "по словам Яны Поллик": the name in the genitive, not another spelling of it
        same = speakers.same_person(a, b)
        if same is not None and same[0] == "strong":
            out[i].setdefault(spelling, f"written so in the article ({same[1]})")
    return out


# --- statements ---------------------------------------------------------------------------------------


def _kind(name: speakers.Name, person=None, bodies: dict[str, int] | None = None) -> str:
    """What a speaker is: a description ("role"), a body by its words ("… Ministry") or by the articles'
    say (more of its quotes named as a body than as a person, see :func:`_bodies`), a person, or a
    single word ("partial"; an acronym such as "FBI" may still be a body)."""
    if name.is_role:
        return "role"
    if name.is_org:
        return "organisation"
    kind = "person" if len(name.tokens) >= 2 else "partial"
    if bodies and person is not None and (kind == "person" or name.raw.isupper()) and person.name in bodies:
        return "organisation"  # by its full name: "Roe" tagged a body somewhere does not make Jane Roe one
    return kind


_BODY_EVENTS: list[watch.Event] = [
    ("INSERT", "quotes", ""),
    ("DELETE", "quotes", ""),
    ("UPDATE OF speaker, speaker_kind, reviewed_speaker", "quotes", ""),
]
_bodies_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _bodies(db) -> dict[str, int]:
    """``name -> votes`` of the names whose quotes' articles tag them as a body more often than as a
    person (``quotes.speaker_kind``, kept as extracted; a corrected quote no longer counts). Reads the
    bodies' quotes through a small partial index, then the persons' votes of those names alone; kept
    beside the connection until a quote's name or kind changes (a merge or a split changes neither)."""
    kept = _bodies_kept.get(db)
    if watch.unchanged(db, "bodies", _BODY_EVENTS) and kept is not None:
        return kept
    kept = _bodies_kept[db] = _bodies_read(db)
    watch.settle(db, "bodies")
    return kept


def _bodies_read(db) -> dict[str, int]:
    body = dict(
        db.execute(f"SELECT speaker, COUNT(*) FROM quotes WHERE {store.BODY_NAMED} GROUP BY speaker").fetchall()
    )
    if not body:
        return {}
    names = list(body)
    person: dict[str, int] = {}
    for k in range(0, len(names), 500):
        part = names[k : k + 500]
        marks = ",".join("?" * len(part))
        person.update(
            db.execute(
                "SELECT speaker, COUNT(*) FROM quotes WHERE COALESCE(reviewed_speaker, speaker) IN"
                f" ({marks}) AND reviewed_speaker IS NULL AND speaker_kind = 'person' GROUP BY speaker",
                part,
            ).fetchall()
        )
    return {n: v - person.get(n, 0) for n, v in body.items() if v > person.get(n, 0)}


def clear_statements(db, cluster_ids: Iterable[int] | None = None) -> None:
    """Delete these statements (or all) with their members and flags."""
    if cluster_ids is None:
        db.execute("DELETE FROM flag_quotes WHERE flag_id IN (SELECT id FROM flags WHERE cluster_id IS NOT NULL)")
        db.execute("DELETE FROM flags WHERE cluster_id IS NOT NULL")
        db.execute("DELETE FROM cluster_members")
        db.execute("DELETE FROM clusters")
        return
    ids = id_list(cluster_ids)
    db.execute(f"DELETE FROM flag_quotes WHERE flag_id IN (SELECT id FROM flags WHERE cluster_id IN ({ids}))")
    db.execute(f"DELETE FROM flags WHERE cluster_id IN ({ids})")
    db.execute(f"DELETE FROM cluster_members WHERE cluster_id IN ({ids})")
    db.execute(f"DELETE FROM clusters WHERE id IN ({ids})")


def _alignments(root: int, member_ids: Iterable[int], quotes, articles) -> dict[int, list]:
    """Each member's word alignment against the root (root's text a side)."""
    top = quotes[root]
    translated_root = is_translation(top, articles[top.article_id])
    out = {}
    for q in member_ids:
        if q != root:
            qi = quotes[q]
            translated = translated_root or is_translation(qi, articles[qi.article_id])
            out[q] = align(top.text, qi.text, translated=translated)
    return out


def write_statements(
    db, index: statements.Index, groups: dict[int, list[int]], quotes, articles, names, progress: Progress
) -> int:
    """Store each ``root -> members`` group of two or more as a statement with roles, alignments and
    every kind of statement flag; returns how many were stored."""
    cid = db.execute("SELECT COALESCE(MAX(id), 0) FROM clusters").fetchone()[0]
    cluster_rows: list[tuple] = []
    member_rows: list[tuple] = []
    flags: list[tuple[Finding, int | None]] = []
    for root, member_ids in groups.items():
        if len(member_ids) < 2:
            continue
        if len(cluster_rows) % 500 == 0:
            progress.check()
        members = [quotes[q] for q in member_ids]
        roles = {q: statements.role(index, q, root) for q in member_ids}
        alignments = _alignments(root, member_ids, quotes, articles)
        role_set = set(roles.values())
        kind = "variants" if "variant" in role_set else ("fragments" if "fragment" in role_set else "verbatim")
        cid += 1
        cluster_rows.append((cid, kind, root, first_appearance(members, articles)))
        member_rows += [
            (
                cid,
                q,
                roles[q],
                statements.similarity(index, q, root),
                json.dumps([op.as_dict() for op in alignments.get(q, [])]),
            )
            for q in member_ids
        ]
        found = statement_flags(Statement(root, members, roles, alignments, articles, names), STATEMENT_KINDS)
        flags += [(f, cid) for f in found]
    db.conn.executemany(
        "INSERT INTO clusters (id, kind, root_quote_id, first_quote_id) VALUES (?, ?, ?, ?)", cluster_rows
    )
    db.conn.executemany(
        "INSERT INTO cluster_members (cluster_id, quote_id, role, score, alignment) VALUES (?, ?, ?, ?, ?)", member_rows
    )
    _write_flags(db, flags)
    return len(cluster_rows)


def _write_flags(db, flags: list[tuple[Finding, int | None]]) -> None:
    """Insert ``(flag, cluster id or None)`` pairs and the quotes each flag concerns."""
    fid = db.execute("SELECT COALESCE(MAX(id), 0) FROM flags").fetchone()[0]
    rows, links = [], []
    for f, cluster_id in flags:
        fid += 1
        rows.append((fid, f.kind, f.severity, f.explanation, cluster_id, json.dumps(f.details)))
        links += [(fid, q) for q in dict.fromkeys(f.quote_ids)]
    db.conn.executemany(
        "INSERT INTO flags (id, kind, severity, explanation, cluster_id, details) VALUES (?, ?, ?, ?, ?, ?)", rows
    )
    db.conn.executemany("INSERT INTO flag_quotes (flag_id, quote_id) VALUES (?, ?)", links)


def _replace_flags(db, stale: list[int], flags: list[tuple[Finding, int | None]]) -> None:
    """Put ``flags`` (``(flag, cluster id or None)``) in place of the stored flags ``stale``, writing only
    what differs: a stale flag found again as it was keeps its row, one of the same kind, statement and
    quotes has its text updated in place. A merge redoes the flags of ~10^2 statements, whose quotes
    mostly stay the same, and every row deleted or written is a page in the commit."""
    ids = id_list(stale)
    quotes_of: dict[int, list[int]] = defaultdict(list)
    for fid, qid in db.execute(f"SELECT flag_id, quote_id FROM flag_quotes WHERE flag_id IN ({ids})"):
        quotes_of[fid].append(qid)
    text_of: dict[int, tuple] = {}
    kept: dict[tuple, list[int]] = defaultdict(list)
    for fid, kind, severity, explanation, cluster_id, details in db.execute(
        f"SELECT id, kind, severity, explanation, cluster_id, details FROM flags WHERE id IN ({ids}) ORDER BY id DESC"
    ):
        text_of[fid] = (severity, explanation, details)
        kept[kind, cluster_id, tuple(sorted(quotes_of[fid]))].append(fid)
    new, updates = [], []
    for f, cluster_id in flags:
        same = kept.get((f.kind, cluster_id, tuple(sorted(set(f.quote_ids)))))
        if not same:
            new.append((f, cluster_id))
            continue
        fid = same.pop()
        text = (f.severity, f.explanation, json.dumps(f.details))
        if text != text_of[fid]:
            updates.append((*text, fid))
    gone = id_list(fid for fids in kept.values() for fid in fids)
    db.execute(f"DELETE FROM flag_quotes WHERE flag_id IN ({gone})")
    db.execute(f"DELETE FROM flags WHERE id IN ({gone})")
    db.conn.executemany("UPDATE flags SET severity = ?, explanation = ?, details = ? WHERE id = ?", updates)
    _write_flags(db, new)


# --- flags ----------------------------------------------------------------------------------------


def reflag(
    db,
    *,
    statements: Iterable[int] = (),
    quotes: Iterable[int] | None = (),
    because: Iterable[str] = CAUSES,
) -> int:
    """Compute again the flags that depend on what changed (``because``, a subset of :data:`flags.CAUSES`).

    ``statements``: ids of stored statements whose statement flags of those kinds are redone;
    ``quotes``: ids of quotes whose single-quote flags of those kinds are redone (None: every quote).
    A statement written by :func:`write_statements` comes with all its flags already. Only the flags that
    differ from the stored ones are written (see :func:`_replace_flags`). Returns the number of flags of
    those kinds the statements and quotes now have.

    Example:
        >>> reflag(db, statements=[12], quotes=[40, 41], because={"speakers"})  # doctest: +SKIP
        3
    """
    kinds = depending_on(because)
    n = _reflag_statements(db, set(statements), [k for k in kinds if k.scope != "quote"])
    if quotes is None or (quotes := set(quotes)):
        n += _reflag_quotes(db, quotes, [k for k in kinds if k.scope == "quote"])
    return n


def _kind_marks(kinds: list[FlagKind]) -> tuple[str, list[str]]:
    return ",".join("?" * len(kinds)), [k.name for k in kinds]


def _reflag_statements(db, cluster_ids: set[int], kinds: list[FlagKind]) -> int:
    if not cluster_ids or not kinds:
        return 0
    ids = id_list(cluster_ids)
    marks, names = _kind_marks(kinds)
    # "+kind": found through the statements' index, not by reading every flag of these kinds
    stale = [
        r[0] for r in db.execute(f"SELECT id FROM flags WHERE cluster_id IN ({ids}) AND +kind IN ({marks})", names)
    ]
    rows = db.execute(
        "SELECT cm.cluster_id, cm.quote_id, c.root_quote_id, cm.role FROM cluster_members cm JOIN clusters c"
        f" ON c.id = cm.cluster_id WHERE c.id IN ({ids}) ORDER BY cm.cluster_id, cm.quote_id"
    ).fetchall()
    aligned = any(k.scope == "member" for k in kinds)  # only word-by-word rules read the words
    quotes = read_quotes(db, f"WHERE q.id IN ({id_list(r[1] for r in rows)})", matching=True, text=aligned)
    articles = read_articles(db, {q.article_id for q in quotes.values()}, text=aligned)  # see is_translation
    members: dict[int, list[int]] = defaultdict(list)
    roots, roles = {}, {}
    for cid, qid, root, role in rows:
        if qid not in quotes:  # a paraphrase: its own check is written with its link (matching.paraphrases)
            continue
        members[cid].append(qid)
        roots[cid] = root
        roles[qid] = role
    who = speaker_names(db, (q.speaker_id for q in quotes.values()))
    flags: list[tuple[Finding, int | None]] = []
    for cid, member_ids in members.items():
        if len(member_ids) < 2:  # a quotation with only paraphrases: nothing to compare word by word
            continue
        alignments = _alignments(roots[cid], member_ids, quotes, articles) if aligned else {}
        st = Statement(roots[cid], [quotes[q] for q in member_ids], roles, alignments, articles, who)
        flags += [(f, cid) for f in statement_flags(st, kinds)]
    _replace_flags(db, stale, flags)
    return len(flags)


def _reflag_quotes(db, quote_ids: set[int] | None, kinds: list[FlagKind]) -> int:
    """Single-quote flags (those not tied to a statement) of these kinds for these quotes, or all."""
    if not kinds:
        return 0
    marks, names = _kind_marks(kinds)
    if quote_ids is None:
        stale = f"SELECT id FROM flags WHERE cluster_id IS NULL AND kind IN ({marks})"
        db.execute(f"DELETE FROM flag_quotes WHERE flag_id IN ({stale})", names)
        db.execute(f"DELETE FROM flags WHERE id IN ({stale})", names)
        quotes = read_quotes(db)
        stale_ids: list[int] = []
    else:
        # from these quotes' links, each flag's kind looked up in the kinds' index (small, and read often)
        # rather than in the flags' rows (a page each), and not from every flag of these kinds
        linked = db.execute(
            f"SELECT DISTINCT fq.flag_id FROM flag_quotes fq WHERE fq.quote_id IN ({id_list(quote_ids)}) AND EXISTS"
            f" (SELECT 1 FROM flags f INDEXED BY idx_flags_kind WHERE f.kind IN ({marks}) AND f.id = fq.flag_id)",
            names,
        )
        stale_ids = [
            r[0]
            for r in db.execute(
                f"SELECT id FROM flags WHERE id IN ({id_list(r[0] for r in linked)}) AND cluster_id IS NULL"
            )
        ]
        quotes = read_quotes(db, f"WHERE q.id IN ({id_list(quote_ids)})")
    quotes = {k: q for k, q in quotes.items() if q.kind != "indirect"}  # flags speak of quotations
    # the rules look up the quotes' own speakers only: a decision re-checks ~10^2 quotes, not ~10^4 speakers
    sids = None if quote_ids is None else {q.speaker_id for q in quotes.values() if q.speaker_id is not None}
    roles = "SELECT id FROM speakers WHERE kind = 'role'" + ("" if sids is None else f" AND id IN ({id_list(sids)})")
    described = {r[0] for r in db.execute(roles)}
    context = QuoteContext(described, primary_sources(db), speaker_names(db, sids))
    flags = quote_flags(quotes.values(), context, kinds)
    _replace_flags(db, stale_ids, [(f, None) for f in flags])
    return len(flags)


def rebuild(db, progress: Progress | None = None) -> dict:
    """Re-run speaker grouping, statement clustering and every flag over the whole project.

    Returns counts: ``{"quotes", "speakers", "clusters", "flags"}``.
    """
    progress = progress or Progress()
    started = time.perf_counter()
    progress.start(5, "grouping speakers")
    watch.forget(db)  # translations and paraphrases are found afresh, not taken from the last pass
    with transaction(db, savepoint=False):
        n_speakers = assign_speakers(db)
        progress.advance(message="indexing quotes")
        progress.check()
        quotes = read_quotes(db, matching=True)
        index = statements.Index()
        for q in quotes.values():
            index.add(q.id, q.text, q.speaker_id)
        progress.advance(message="comparing quotes")
        progress.check()
        found = statements.links(index)
        roots = statements.cluster(index, found)
        groups: dict[int, list[int]] = defaultdict(list)
        for qid, r in sorted(roots.items()):
            groups[r].append(qid)
        progress.advance(message="writing statements")
        progress.check()
        clear_statements(db)
        StoredIndex.clear(db)
        StoredIndex.save(db, index, list(quotes))
        note_wordings(db, sum(1 for q in quotes if index.rep[q] == q))
        units.mark_indexed(db)  # every quote is in the match index: the next decision need not look
        n_clusters = write_statements(db, index, groups, quotes, read_articles(db), speaker_names(db), progress)
        progress.advance(message="checking quotes")
        reflag(db, quotes=None)
        translations.attach(db)  # last: their links and flags sit on top of the statements just written
        paraphrases.attach(db)
        n_flags = db.execute("SELECT COUNT(*) FROM flags").fetchone()[0]
        progress.advance(message="done")
    counts = {"quotes": len(quotes), "speakers": n_speakers, "clusters": n_clusters, "flags": n_flags}
    log.info("rebuild %s in %.2f s", counts, time.perf_counter() - started)
    return counts


def update(db, article_ids: list[int], progress: Progress | None = None, *, small: int = SMALL_PROJECT) -> dict:
    """Match the quotes of newly stored articles against the project without a full re-run.

    New quotes are added to the stored 3-gram index and verified against their candidates only; the
    statements around them, and around old quotes whose speaker the new articles changed (and with it
    whether they match), are clustered again as a full run clusters them
    (:func:`quotecheck.matching.restate.restate`). Only those statements are rewritten. Projects under
    ``small`` quotes are simply rebuilt.
    """
    progress = progress or Progress()
    total = db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    indexed = db.execute("SELECT COUNT(*) FROM match_texts").fetchone()[0]
    # quotes stored earlier but never matched (an import cancelled or interrupted before this step)
    stray = db.execute(
        f"SELECT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id NOT IN ({id_list(article_ids)})"
        " AND q.kind IS NOT 'indirect' AND NOT EXISTS (SELECT 1 FROM match_texts m WHERE m.quote_id = q.id))"
    ).fetchone()[0]
    if total < small or not indexed or stray:
        return rebuild(db, progress)
    from . import restate  # it writes statements with this module's writers

    started = time.perf_counter()
    progress.start(4, "grouping speakers")
    ids = list(article_ids)
    with transaction(db, savepoint=False):
        paraphrases.detach(db)
        translations.detach(db)
        # the quotes whose speaker id changed, as the grouping saw them (no pass over every quote's row)
        n_speakers, previous, before, after = assign_speakers_compared(db, ids)
        renamed = {s for s, row in after.items() if before.get(s) != row}
        moved = set(previous)
        progress.advance(message="finding candidates")
        progress.check()
        new = read_quotes(db, f"WHERE q.article_id IN ({id_list(ids)})", matching=True)
        indexed = {r[0] for r in db.execute(f"SELECT quote_id FROM match_texts WHERE quote_id IN ({id_list(new)})")}
        fresh = StoredIndex.save_new(db, {q: info for q, info in new.items() if q not in indexed})
        # old quotes whose speaker for matching changed (a new article named "Vidal" in full) may link
        # otherwise; new quotes link to old ones, either way; the quotes of these articles that were
        # indexed already (new metadata) are written again with their statements
        near = StoredIndex(db)
        moving = {q: m for q, m in restate.moves(db, previous, before, after).items() if q not in new}
        shifted, gained = restate.shifted(db, near, fresh)
        old_moved, now = {q: m[0] for q, m in moving.items()}, {q: m[1] for q, m in moving.items()}
        changed = restate.relation_pairs(db, near, old_moved, now) | restate.new_links(near, set(fresh))
        changed |= shifted | {(q, q) for q in new}
        progress.advance(message="placing new quotes")
        progress.check()
        _, n_clusters = restate.restate(db, near, changed, progress, local=True, gained=gained)
        progress.advance(message="writing statements")
        primary_articles = [a for a in read_articles(db, ids).values() if a.primary_source_of]
        recheck = set(new) | moved
        for art in primary_articles:
            sid = db.execute(
                "SELECT speaker_id FROM speaker_aliases WHERE alias = ?", [art.primary_source_of]
            ).fetchone()
            if sid:
                recheck |= {r[0] for r in db.execute("SELECT id FROM quotes WHERE speaker_id = ?", [sid[0]]).fetchall()}
        reflag(db, quotes=recheck)
        # a speaker new, renamed or of another kind reads differently in the flags of its statements and quotes
        named = {r[0] for r in db.execute(f"SELECT id FROM quotes WHERE speaker_id IN ({id_list(renamed)})")}
        reflag(db, statements=clusters_of(db, named | moved), quotes=named - recheck, because={"speakers"})
        translations.attach(db)
        paraphrases.attach(db)
        units.mark_indexed(db)  # the next decision need not look for quotes missing from the index
        progress.advance(message="done")
        n_flags = db.execute("SELECT COUNT(*) FROM flags").fetchone()[0]
    counts = {"quotes": len(new), "speakers": n_speakers, "clusters": n_clusters, "flags": n_flags}
    log.info("update of %d article(s) %s in %.2f s", len(ids), counts, time.perf_counter() - started)
    return {**counts, "incremental": True}
