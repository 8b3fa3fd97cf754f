"""The database side of matching: speakers, statements and flags, read from and written to a project.

:func:`rebuild` re-runs everything; :func:`update` adds the quotes of newly stored articles to what is
there (an index lookup per new quote instead of a full pass), falling back to :func:`rebuild` on small
projects where a full pass takes under a second anyway. Every write of a run happens in one
transaction (:func:`quotecheck.project.store.transaction`): a cancelled or failed run leaves the previous
results whole.

A person's speaker decision (merge, split, corrected speaker, or undoing one) goes through
:func:`quotecheck.matching.regroup.refresh_speakers`, which redoes only what depends on who said what.
What the window and the CLI show is read by :mod:`quotecheck.matching.report`.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from ..progress import Progress
from ..project.store import transaction
from . import speakers, statements
from .align import align
from .flags import (
    ArticleInfo,
    Flag,
    QuoteInfo,
    cluster_flags,
    first_appearance,
    is_translation,
    primary_source_flags,
    unattributed_flags,
)

SMALL_PROJECT = 3000
"""Below this many quotes :func:`update` simply rebuilds (well under a second)."""

_QUOTE_SQL = (
    'SELECT q.id, q.article_id, q.text, q.start, q."end", COALESCE(q.reviewed_speaker, q.speaker), {speaker},'
    " q.kind, q.confidence, q.said_on, q.cue FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id"
)
_VAGUE = "CASE WHEN s.kind IN ('role', 'partial') THEN NULL ELSE q.speaker_id END"
"""For matching, a speaker known only by a description or one word counts as unknown, not as another
person: "he" and "Ines Moreau" may well be the same speaker."""
_ARTICLE_SQL = "SELECT id, text, path, title, outlet, date, language, translated_from, primary_source_of FROM articles"


def _quotes(db, where: str = "", params=(), *, matching: bool = False) -> dict[int, QuoteInfo]:
    """Quotes (``where`` over ``quotes q``); ``matching`` hides vague speakers (see ``_VAGUE``)."""
    sql = _QUOTE_SQL.format(speaker=_VAGUE if matching else "q.speaker_id")
    rows = db.execute(f"{sql} {where}", list(params)).fetchall()
    return {r[0]: QuoteInfo(*r[:8], r[8] if r[8] is not None else 0.0, *r[9:]) for r in rows}


def _articles(db, ids=None) -> dict[int, ArticleInfo]:
    rows = db.execute(_ARTICLE_SQL if ids is None else f"{_ARTICLE_SQL} WHERE id IN ({_ids(ids)})").fetchall()
    return {r[0]: ArticleInfo(*r) for r in rows}


def _ids(values) -> str:
    """Integer ids for an ``IN (...)`` list (ints only, so nothing can be injected); NULL when empty."""
    return ",".join(str(int(v)) for v in values) or "NULL"


def _lookup(db, sql: str, values) -> list:
    """Run ``sql`` with its ``{marks}`` filled by up to 500 bound values at a time, over all ``values``."""
    values, rows = list(values), []
    for k in range(0, len(values), 500):
        chunk = values[k : k + 500]
        rows += db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    return rows


def _decisions(db) -> list[tuple[str, dict]]:
    out = []
    for kind, value in db.execute(
        "SELECT kind, value FROM decisions WHERE active = 1 AND kind IN ('merge', 'split') ORDER BY id"
    ).fetchall():
        try:
            out.append((kind, json.loads(value or "{}")))
        except ValueError:
            continue
    return out


def _words_key(seq_words: list[str]) -> int:
    return int.from_bytes(hashlib.blake2b(" ".join(seq_words).encode(), digest_size=7).digest(), "big")


# --- speakers ---------------------------------------------------------------------------------------


def assign_speakers(db) -> int:
    """Group every speaker name, keep speaker ids stable by canonical name, set ``quotes.speaker_id``.

    Returns the number of speakers. Only quotes whose speaker changes are written.
    """
    return _assign(db)[0]


def _assign(db) -> tuple[int, dict[int, tuple[int | None, int | None]]]:
    """:func:`assign_speakers`, also giving ``quote id -> (speaker id before, after)`` of the quotes it moved."""
    rows = db.execute(
        "SELECT id, COALESCE(reviewed_speaker, speaker), article_id, speaker_id, cue FROM quotes"
    ).fetchall()
    units: dict[tuple[str, int], tuple[list[int], set[str]]] = {}
    cue_words: dict[str | None, set[str]] = {}
    for _, name, article_id, _, cue in rows:  # grouped here, not in SQL: the same scan serves below
        if name is None or not name.strip(" "):
            continue
        unit = units.get((name, article_id))
        if unit is None:
            unit = units[name, article_id] = ([0], set())
        unit[0][0] += 1
        if cue not in cue_words:
            cue_words[cue] = speakers.context_words(cue)
        unit[1].update(cue_words[cue])
    titles: dict[str, set[str]] = {}
    mentions = []
    for name, article_id in sorted(units):  # the keys alone sort twice as fast
        n, context = units[name, article_id]
        if name not in titles:
            titles[name] = set(speakers.normalise(name).titles)
        context.update(titles[name])
        mentions.append(speakers.Mention(name, article_id, n[0], context))
    for article_id, name in db.execute(
        "SELECT id, primary_source_of FROM articles WHERE primary_source_of IS NOT NULL AND primary_source_of != ''"
    ).fetchall():
        mentions.append(speakers.Mention(name, article_id, 0))
    people = speakers.group(mentions, _decisions(db))
    old: dict[str, list[int]] = defaultdict(list)  # several: "the spokeswoman" of each article is somebody
    for sid, name in db.execute("SELECT id, name FROM speakers ORDER BY id").fetchall():
        old[name].append(sid)
    used: set[int] = set()
    ids = []
    for person in people:
        sid = next((s for a in [person.name, *person.aliases] for s in old.get(a, ()) if s not in used), None)
        kind = _kind(speakers.normalise(person.name))
        if sid is None:
            sid = db.execute("INSERT INTO speakers (name, kind) VALUES (?, ?)", [person.name, kind]).lastrowid
        else:
            db.execute("UPDATE speakers SET name = ?, kind = ? WHERE id = ?", [person.name, kind, sid])
        used.add(sid)
        ids.append(sid)
    unit_to_sid = {key: ids[i] for key, i in speakers.resolve(people).items()}
    changes, previous = [], {}
    for qid, name, article_id, current, _ in rows:
        new = unit_to_sid.get((name, article_id)) if name and name.strip() else None
        if new != current:
            changes.append((new, qid))
            previous[qid] = (current, new)
    db.conn.executemany("UPDATE quotes SET speaker_id = ? WHERE id = ?", changes)
    db.execute("DELETE FROM speaker_aliases")
    written = _written_spellings(db, people)
    db.conn.executemany(
        "INSERT INTO speaker_aliases (speaker_id, alias, evidence) VALUES (?, ?, ?)",
        [(ids[i], alias, why) for i, p in enumerate(people) for alias, why in {**written[i], **p.aliases}.items()],
    )
    db.execute(f"DELETE FROM speakers WHERE id NOT IN ({_ids(used)})" if used else "DELETE FROM speakers")
    return len(people), previous


def _written_spellings(db, people) -> dict[int, dict[str, str]]:
    """Spellings the articles use that the engine folded into another spelling of the same person in the
    same article (quoted as "Yuri Varnov" where the sentence writes "Yury Varnov"): person index ->
    ``{spelling: evidence}``, so every spelling an article uses is among the person's names."""
    index = speakers.resolve(people)
    out: dict[int, dict[str, str]] = defaultdict(dict)
    rows = db.execute(
        "SELECT speaker, article_id, mention FROM quotes"
        " WHERE reviewed_speaker IS NULL AND mention IS NOT NULL AND mention != speaker"
    ).fetchall()
    for name, article_id, mention in rows:
        i = index.get((name, article_id))
        spelling = " ".join(mention.split())
        words = spelling.split()
        if i is None or spelling in people[i].aliases or not 2 <= len(words) <= 4:
            continue
        if not all(w[:1].isupper() for w in words):
            continue  # a description ("the Kremlin aide"), not a spelling of the name
        a, b = speakers.normalise(name), speakers.normalise(spelling)
        if b.titles or a.letters == b.letters:
            continue  # "Minister Jane Roe" is the same spelling with a title, not another spelling
        same = speakers.same_person(a, b)
        if same is not None and same[0] == "strong":
            out[i].setdefault(spelling, f"written so in the article ({same[1]})")
    return out


# --- statements ---------------------------------------------------------------------------------------


def _kind(name: speakers.Name) -> str:
    if name.is_role:
        return "role"
    if name.is_org:
        return "organisation"
    return "person" if len(name.tokens) >= 2 else "partial"


def _clear_clusters(db, cluster_ids=None) -> None:
    if cluster_ids is None:
        db.execute("DELETE FROM flag_quotes WHERE flag_id IN (SELECT id FROM flags WHERE cluster_id IS NOT NULL)")
        db.execute("DELETE FROM flags WHERE cluster_id IS NOT NULL")
        db.execute("DELETE FROM cluster_members")
        db.execute("DELETE FROM clusters")
        return
    ids = _ids(cluster_ids)
    db.execute(f"DELETE FROM flag_quotes WHERE flag_id IN (SELECT id FROM flags WHERE cluster_id IN ({ids}))")
    db.execute(f"DELETE FROM flags WHERE cluster_id IN ({ids})")
    db.execute(f"DELETE FROM cluster_members WHERE cluster_id IN ({ids})")
    db.execute(f"DELETE FROM clusters WHERE id IN ({ids})")


def _write_clusters(db, index, groups: dict[int, list[int]], quotes, articles, names, progress) -> int:
    """Store each ``root -> members`` group with roles, alignments and the flags of the statement."""
    cid = db.execute("SELECT COALESCE(MAX(id), 0) FROM clusters").fetchone()[0]
    cluster_rows, member_rows, flags = [], [], []
    for root, member_ids in groups.items():
        if len(member_ids) < 2:
            continue
        if len(cluster_rows) % 500 == 0:
            progress.check()
        members = [quotes[q] for q in member_ids]
        roles = {q: statements.role(index, q, root) for q in member_ids}
        top = quotes[root]
        translated_root = is_translation(top, articles[top.article_id])
        alignments = {}
        for q in member_ids:
            if q != root:
                qi = quotes[q]
                translated = translated_root or is_translation(qi, articles[qi.article_id])
                alignments[q] = align(top.text, qi.text, translated=translated)
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
        flags += [(f, cid) for f in cluster_flags(root, members, roles, alignments, articles, names)]
    db.conn.executemany(
        "INSERT INTO clusters (id, kind, root_quote_id, first_quote_id) VALUES (?, ?, ?, ?)", cluster_rows
    )
    db.conn.executemany(
        "INSERT INTO cluster_members (cluster_id, quote_id, role, score, alignment) VALUES (?, ?, ?, ?, ?)", member_rows
    )
    _write_flags(db, flags)
    return len(cluster_rows)


def _write_flags(db, flags: list[tuple[Flag, int | None]]) -> None:
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


def _speaker_names(db) -> dict[int, str]:
    return dict(db.execute("SELECT id, name FROM speakers").fetchall())


def _quote_flags(db, quote_ids=None) -> int:
    """Unattributed and primary-source flags (those not tied to a statement) for these quotes or all."""
    if quote_ids is None:
        db.execute("DELETE FROM flag_quotes WHERE flag_id IN (SELECT id FROM flags WHERE cluster_id IS NULL)")
        db.execute("DELETE FROM flags WHERE cluster_id IS NULL")
        quotes = _quotes(db)
    else:
        stale = _ids(
            r[0]
            for r in db.execute(
                "SELECT flag_id FROM flag_quotes fq JOIN flags f ON f.id = fq.flag_id"
                f" WHERE f.cluster_id IS NULL AND fq.quote_id IN ({_ids(quote_ids)})"
            )
        )
        db.execute(f"DELETE FROM flag_quotes WHERE flag_id IN ({stale})")
        db.execute(f"DELETE FROM flags WHERE id IN ({stale})")
        quotes = _quotes(db, f"WHERE q.id IN ({_ids(quote_ids)})")
    sources = _primary_sources(db)
    described = {r[0] for r in db.execute("SELECT id FROM speakers WHERE kind = 'role'")}
    flags = unattributed_flags(quotes.values(), described=described)
    flags += primary_source_flags([q for q in quotes.values() if q.speaker_id in sources], sources, _speaker_names(db))
    _write_flags(db, [(f, None) for f in flags])
    return len(flags)


def _primary_sources(db) -> dict[int, list[ArticleInfo]]:
    """Speaker id -> the articles that are that speaker's primary source."""
    rows = db.execute(
        "SELECT a.id, sa.speaker_id FROM articles a JOIN speaker_aliases sa ON sa.alias = a.primary_source_of"
        " WHERE a.primary_source_of IS NOT NULL"
    ).fetchall()
    arts = _articles(db, {r[0] for r in rows})
    out: dict[int, list[ArticleInfo]] = defaultdict(list)
    for aid, sid in rows:
        if arts[aid] not in out[sid]:
            out[sid].append(arts[aid])
    return out


def _store_index(db, index: statements.Index, quote_ids) -> None:
    """Persist postings, word counts and copy keys of these quotes (see ``store._v2``)."""
    inv = {i: w for w, i in index.vocab.items()}
    shingle_rows, text_rows = [], []
    terms: dict[str, int] = defaultdict(int)
    for q in quote_ids:
        seq = index.seq[q]
        rep = index.rep[q]
        text_rows.append((q, _words_key([inv[i] for i in seq]), rep))
        if rep == q and q in index.shingles:
            shingle_rows += [(h, q) for h in index.shingles[q]]
            for i in set(seq):
                terms[inv[i]] += 1
    db.conn.executemany("INSERT OR REPLACE INTO match_texts (quote_id, words_key, rep_id) VALUES (?, ?, ?)", text_rows)
    shingle_rows.sort()  # in key order the B-tree is appended to, not split at random
    db.conn.executemany("INSERT OR IGNORE INTO match_shingles (h, quote_id) VALUES (?, ?)", shingle_rows)
    db.conn.executemany(
        "INSERT INTO match_terms (term, n) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET n = n + excluded.n",
        list(terms.items()),
    )


def rebuild(db, progress: Progress | None = None) -> dict:
    """Re-run speaker grouping, statement clustering and every flag over the whole project.

    Returns counts: ``{"quotes", "speakers", "clusters", "flags"}``.
    """
    progress = progress or Progress()
    progress.start(5, "grouping speakers")
    with transaction(db):
        n_speakers = assign_speakers(db)
        progress.advance(message="indexing quotes")
        progress.check()
        quotes = _quotes(db, matching=True)
        index = statements.Index()
        for q in quotes.values():
            index.add(q.id, q.text, q.speaker_id)
        progress.advance(message="comparing quotes")
        progress.check()
        found = statements.links(index)
        roots = statements.cluster(index, found)
        groups: dict[int, list[int]] = defaultdict(list)
        for q, r in sorted(roots.items()):
            groups[r].append(q)
        progress.advance(message="writing statements")
        progress.check()
        _clear_clusters(db)
        db.execute("DELETE FROM match_shingles")
        db.execute("DELETE FROM match_terms")
        db.execute("DELETE FROM match_texts")
        _store_index(db, index, list(quotes))
        articles = _articles(db)
        n_clusters = _write_clusters(db, index, groups, quotes, articles, _speaker_names(db), progress)
        progress.advance(message="checking quotes")
        _quote_flags(db)
        n_flags = db.execute("SELECT COUNT(*) FROM flags").fetchone()[0]
        progress.advance(message="done")
    return {"quotes": len(quotes), "speakers": n_speakers, "clusters": n_clusters, "flags": n_flags}


def update(db, article_ids: list[int], progress: Progress | None = None, *, small: int = SMALL_PROJECT) -> dict:
    """Match the quotes of newly stored articles against the project without a full re-run.

    New quotes are looked up in the stored 3-gram index, verified against their candidates only, and
    placed into existing statements (possibly becoming a statement's new fullest version). Only the
    statements they touch are rewritten. Projects under ``small`` quotes are simply rebuilt.
    """
    progress = progress or Progress()
    total = db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    indexed = db.execute("SELECT COUNT(*) FROM match_texts").fetchone()[0]
    # quotes stored earlier but never matched (an import cancelled or interrupted before this step)
    stray = db.execute(
        f"SELECT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id NOT IN ({_ids(article_ids)})"
        " AND NOT EXISTS (SELECT 1 FROM match_texts m WHERE m.quote_id = q.id))"
    ).fetchone()[0]
    if total < small or not indexed or stray:
        return rebuild(db, progress)
    progress.start(4, "grouping speakers")
    ids = list(article_ids)
    with transaction(db):
        before = dict(db.execute("SELECT id, speaker_id FROM quotes").fetchall())
        n_speakers = assign_speakers(db)
        moved = {q for q, s in db.execute("SELECT id, speaker_id FROM quotes").fetchall() if before.get(q) != s}
        progress.advance(message="finding candidates")
        progress.check()
        new = _quotes(db, f"WHERE q.article_id IN ({_ids(ids)})", matching=True)
        stale = _clusters_of(db, new)
        index, found, root_of, old = _incremental_links(db, new)
        progress.advance(message="placing new quotes")
        progress.check()
        changed = statements.attach(index, sorted(new), found, root_of)
        targets = set(changed.values())
        redo = set(stale) | _clusters_of(db, set(changed) | moved)
        redo |= {r[0] for r in db.execute(f"SELECT id FROM clusters WHERE root_quote_id IN ({_ids(targets)})")}
        loaded = dict(
            db.execute(
                "SELECT cm.quote_id, c.root_quote_id FROM cluster_members cm JOIN clusters c ON c.id = cm.cluster_id"
                f" WHERE c.id IN ({_ids(redo)})"
            ).fetchall()
        )
        roots = {**loaded, **changed}
        affected = targets | set(loaded.values())
        members_of: dict[int, list[int]] = defaultdict(list)
        for q, r in roots.items():
            if r in affected:
                members_of[r].append(q)
        _clear_clusters(db, sorted(redo))
        all_ids = {q for ms in members_of.values() for q in ms}
        quotes = {**_quotes(db, f"WHERE q.id IN ({_ids(all_ids)})", matching=True), **new}
        for q in quotes.values():
            if q.id not in index.seq:
                index.add(q.id, q.text, q.speaker_id, postings=False)
        for r in [r for r in members_of if r not in quotes]:  # the root was deleted: the fullest member takes over
            alive = [q for q in members_of.pop(r) if q in quotes]
            if alive:
                members_of[min(alive, key=lambda q: statements.order_key(index, q))] = alive
        articles = _articles(db, {q.article_id for q in quotes.values()})
        progress.advance(message="writing statements")
        n_clusters = _write_clusters(
            db, index, {r: sorted(ms) for r, ms in members_of.items()}, quotes, articles, _speaker_names(db), progress
        )
        _store_index(db, index, [q for q in new if q not in old])
        primary_articles = [a for a in _articles(db, ids).values() if a.primary_source_of]
        recheck = set(new) | moved
        for art in primary_articles:
            sid = db.execute(
                "SELECT speaker_id FROM speaker_aliases WHERE alias = ?", [art.primary_source_of]
            ).fetchone()
            if sid:
                recheck |= {r[0] for r in db.execute("SELECT id FROM quotes WHERE speaker_id = ?", [sid[0]]).fetchall()}
        _quote_flags(db, recheck)
        progress.advance(message="done")
        n_flags = db.execute("SELECT COUNT(*) FROM flags").fetchone()[0]
    return {"quotes": len(new), "speakers": n_speakers, "clusters": n_clusters, "flags": n_flags, "incremental": True}


def _clusters_of(db, quote_ids) -> set[int]:
    sql = f"SELECT DISTINCT cluster_id FROM cluster_members WHERE quote_id IN ({_ids(quote_ids)})"
    return {r[0] for r in db.execute(sql)}


def _incremental_links(db, new: dict[int, QuoteInfo]):
    """Links between new quotes and the project, via the stored index: ``(index, links, root_of, old)``."""
    index = statements.Index()
    index.extra_docs = db.execute("SELECT COUNT(*) FROM match_texts WHERE rep_id = quote_id").fetchone()[0]
    probe = statements.Index()
    keys: dict[int, set[int]] = {}
    for q in new.values():
        probe.add(q.id, q.text)
        keys[q.id] = statements.shingles([probe.vocab_hash[i] for i in probe.seq[q.id]])
    inv = {i: w for w, i in probe.vocab.items()}
    wkeys = {q: _words_key([inv[i] for i in probe.seq[q]]) for q in new}
    all_keys = sorted({h for ks in keys.values() for h in ks})
    postings: dict[int, list[int]] = defaultdict(list)
    for h, qid in _lookup(db, "SELECT h, quote_id FROM match_shingles WHERE h IN ({marks})", all_keys):
        if qid not in new:
            postings[h].append(qid)
    pairs: set[tuple[int, int]] = set()
    for q, ks in keys.items():
        for h in ks:
            if len(postings.get(h, ())) < statements.DF_CAP:
                pairs.update((min(o, q), max(o, q)) for o in postings.get(h, ()))
    sql = "SELECT words_key, rep_id FROM match_texts WHERE words_key IN ({marks}) AND quote_id = rep_id"
    copies = dict(_lookup(db, sql, set(wkeys.values())))
    old_ids = sorted({o for pair in pairs for o in pair if o not in new} | set(copies.values()))
    old = _quotes(db, f"WHERE q.id IN ({_ids(old_ids)})", matching=True)
    words_needed = set(probe.vocab)
    for q in old.values():
        index.add(q.id, q.text, q.speaker_id, postings=False)
        words_needed |= set(statements.words(q.text))
    for term, n in _lookup(db, "SELECT term, n FROM match_terms WHERE term IN ({marks})", words_needed):
        index.extra_terms[index.intern([term])[0]] = n
    for q in sorted(new):
        index.add(q, new[q].text, new[q].speaker_id)
    pairs = {(a, b) for a, b in pairs if a in index.seq and b in index.seq}  # postings of deleted quotes go stale
    found = [lk for a, b in pairs if (lk := index.compare(a, b)) is not None]
    found += statements.links(index)
    root_of = dict(
        db.execute(
            "SELECT cm.quote_id, c.root_quote_id FROM cluster_members cm JOIN clusters c ON c.id = cm.cluster_id"
            f" WHERE cm.cluster_id IN ({_ids(_clusters_of(db, old_ids))})"
        )
    )
    return index, found, root_of, old
