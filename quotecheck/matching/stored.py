"""Matching's tables in a project, read: quotes and articles as the flag rules see them, and the stored
match index (``match_shingles``, ``match_terms``, ``match_texts``) owned by :class:`StoredIndex`.

The writers (:mod:`.analysis`, :mod:`.regroup`) and the read-only views (:mod:`.report`) all read
through here, so one SQL statement reads each thing. Ids go into ``IN (...)`` lists only through
:func:`id_list` (integers, so nothing can be injected) or bound in chunks by :func:`lookup`.
"""

from __future__ import annotations

import hashlib
import logging
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable

import numpy as np

from ..model import ArticleMeta
from ..project.store import ARTICLE_LABELS
from . import statements, watch
from .flags import ArticleInfo, QuoteInfo

log = logging.getLogger(__name__)

_QUOTE_SQL = (
    'SELECT q.id, q.article_id, q.text, q.start, q."end", COALESCE(q.reviewed_speaker, q.speaker), {speaker},'
    " q.kind, q.confidence, q.said_on, q.cue, a.date"
    " FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id LEFT JOIN articles a ON a.id = q.article_id"
)
VAGUE_KINDS = ("role", "partial")
"""For matching, a speaker known only by a description or one word counts as unknown, not as another
person: "he" and "Ines Moreau" may well be the same speaker."""
MATCHING_SPEAKER = "CASE WHEN s.kind IN ('role', 'partial') THEN NULL ELSE q.speaker_id END"
"""A quote's speaker for matching (SQL over ``quotes q LEFT JOIN speakers s``), see :data:`VAGUE_KINDS`."""
_ARTICLE_SQL = "SELECT id, text, path, title, outlet, date, language, translated_from, primary_source_of FROM articles"
_LABEL_SQL = _ARTICLE_SQL.replace("id, text,", "id, '',", 1) + f" INDEXED BY {ARTICLE_LABELS}"
"""An article's row without its text, from the labels' covering index (``store._v11``): the table's rows
hold the text before the labels, so reading them there reads the text's pages too."""
_MEMBER_ROOTS = "SELECT cm.quote_id, c.root_quote_id FROM cluster_members cm JOIN clusters c ON c.id = cm.cluster_id"


def id_list(values: Iterable[int]) -> str:
    """Integer ids for an ``IN (...)`` list (ints only, so nothing can be injected); NULL when empty."""
    return ",".join(map(str, map(int, values))) or "NULL"


def lookup(db, sql: str, values: Iterable) -> list:
    """Run ``sql`` with its ``{marks}`` filled by up to 500 bound values at a time, over all ``values``."""
    values, rows = list(values), []
    for k in range(0, len(values), 500):
        chunk = values[k : k + 500]
        rows += db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    return rows


def read_quotes(db, where: str = "", params=(), *, matching: bool = False, text: bool = True) -> dict[int, QuoteInfo]:
    """Quotes (``where`` over ``quotes q``) by id; ``matching`` hides vague speakers (:data:`VAGUE_KINDS`);
    without ``text`` their texts are left empty (what statement-wide flags need is who and where)."""
    sql = _QUOTE_SQL.format(speaker=MATCHING_SPEAKER if matching else "q.speaker_id")
    sql = sql if text else sql.replace("q.text,", "'',", 1)
    rows = db.execute(f"{sql} {where}", list(params)).fetchall()
    if matching:  # reported speech (kind "indirect") is no verbatim quote: it joins no statement yet
        rows = [r for r in rows if r[7] != "indirect"]
    return {
        r[0]: QuoteInfo(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] if r[8] is not None else 0.0, r[9], r[10], r[11]
        )
        for r in rows
    }


_ARTICLE_EVENTS: list[watch.Event] = [
    ("INSERT", "articles", ""),
    ("DELETE", "articles", ""),
    ("UPDATE", "articles", ""),
]
_labelled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def read_articles(db, ids: Iterable[int] | None = None, *, text: bool = True) -> dict[int, ArticleInfo]:
    """These articles (or all) by id; without ``text`` their texts are left empty (what statement-wide
    flags need is the labels and dates: reading ~10^2 whole articles for them cost more than the rest).

    Articles without text are kept beside the connection until an article changes (see :mod:`.watch`):
    a speaker decision re-flags statements of the same few hundred articles again and again, and their
    labels sit behind the texts in each row."""
    if text or ids is None:
        return _read_articles(db, ids, text=text)
    if not (watch.unchanged(db, "labels", _ARTICLE_EVENTS) and db in _labelled):
        _labelled[db] = {}
        watch.settle(db, "labels")
    kept = _labelled[db]
    ids = set(ids)
    missing = ids - kept.keys()
    if missing:
        kept.update(_read_articles(db, missing, text=False))
    return {i: kept[i] for i in ids if i in kept}


def keep_labels(db) -> None:
    """Keep every article, labelled, without its text beside the connection (what :func:`read_articles`
    keeps of those it is asked for). Called by the grouping that reads every quote (a connection's first,
    ~2 s at 10^5 quotes), to which the 2,000 articles of such a project add ~10-25 ms: the next decision
    would otherwise read and label ~500 of them one by one (~10 ms of a merge)."""
    if not (watch.unchanged(db, "labels", _ARTICLE_EVENTS) and db in _labelled):
        _labelled[db] = {}
        watch.settle(db, "labels")
    articles = _read_articles(db, None, text=False)
    for article in articles.values():
        article.label  # noqa: B018 -- each is asked for by the statements flagged again: labelled now, once
    _labelled[db].update(articles)


def _read_articles(db, ids: Iterable[int] | None, *, text: bool) -> dict[int, ArticleInfo]:
    sql = _ARTICLE_SQL if text else _LABEL_SQL
    sql = sql if ids is None else f"{sql} WHERE id IN ({id_list(ids)})"
    return {
        r[0]: ArticleInfo(
            r[0],
            r[1],
            r[2],
            ArticleMeta(
                title=r[3], outlet=r[4], date=r[5], language=r[6], translated_from=r[7], primary_source_of=r[8]
            ),
        )
        for r in db.execute(sql).fetchall()
    }


def speaker_names(db, ids: Iterable[int | None] | None = None) -> dict[int, str]:
    """Speaker id -> canonical name, of these speakers (or all)."""
    where = "" if ids is None else f" WHERE id IN ({id_list(i for i in set(ids) if i is not None)})"
    return dict(db.execute(f"SELECT id, name FROM speakers{where}").fetchall())


def primary_sources(db) -> dict[int, list[ArticleInfo]]:
    """Speaker id -> the articles that are that speaker's primary source."""
    rows = db.execute(
        "SELECT a.id, sa.speaker_id FROM articles a JOIN speaker_aliases sa ON sa.alias = a.primary_source_of"
        " WHERE a.primary_source_of IS NOT NULL"
    ).fetchall()
    arts = read_articles(db, {r[0] for r in rows})
    out: dict[int, list[ArticleInfo]] = defaultdict(list)
    for aid, sid in rows:
        if arts[aid] not in out[sid]:
            out[sid].append(arts[aid])
    return out


def clusters_of(db, quote_ids: Iterable[int]) -> set[int]:
    """Ids of the statements these quotes are members of."""
    sql = f"SELECT DISTINCT cluster_id FROM cluster_members WHERE quote_id IN ({id_list(quote_ids)})"
    return {r[0] for r in db.execute(sql)}


def member_roots(db, where: str) -> list[tuple[int, int]]:
    """``(quote id, root quote id)`` of statement members, ``where`` over ``cluster_members cm``/``clusters c``."""
    return db.execute(f"{_MEMBER_ROOTS} WHERE {where}").fetchall()


def words_key(seq_words: list[str]) -> int:
    """A 56-bit key of a quote's words: quotes with the same key are copies of one another."""
    return int.from_bytes(hashlib.blake2b(" ".join(seq_words).encode(), digest_size=7).digest(), "big")


def key_blob(keys: Iterable[int]) -> bytes:
    """A quote's 3-gram keys as ``match_texts.keys`` holds them: 64-bit little-endian, in key order."""
    return np.array(sorted(keys), dtype="<i8").tobytes()


def stored_keys(db, quote_ids: Iterable[int]) -> dict[int, np.ndarray]:
    """Each of these quotes' stored 3-gram keys (none for a copy of an earlier wording or a quote not
    indexed), as views of one array.

    The keys are read from each quote's ``match_texts`` row (``store._v13``), all rows in one value of
    hex digits: a decision about two speakers reads ~10^3 quotes' ~10^4 keys, which cost ~3× as much as
    rows of ``match_shingles`` (one per key, each turned into text and back). Rows written before schema
    13 have no keys there: theirs are read from ``match_shingles``."""
    ids = sorted(set(quote_ids))
    none = np.empty(0, dtype=np.int64)
    out: dict[int, np.ndarray] = dict.fromkeys(ids, none)
    if not ids:
        return out
    quote_list, sizes, digits = db.execute(
        "SELECT group_concat(quote_id), group_concat(length(keys)), group_concat(hex(keys), '') FROM match_texts"
        f" WHERE quote_id IN ({id_list(ids)}) AND keys IS NOT NULL"
    ).fetchone()
    found: set[int] = set()
    if quote_list:
        read_quote = np.fromstring(quote_list, dtype=np.int64, sep=",")
        bounds = np.r_[0, np.cumsum(np.fromstring(sizes, dtype=np.int64, sep=",") // 8)].tolist()
        keys = np.frombuffer(bytes.fromhex(digits), dtype="<i8").astype(np.int64, copy=False)
        for q, start, end in zip(read_quote.tolist(), bounds, bounds[1:], strict=False):
            out[q] = keys[start:end]  # views of one array: np.split costs ~4 µs a piece
        found = set(read_quote.tolist())
    older = [q for q in ids if q not in found]
    if older:
        # every (quote, key) row in two strings, split in numpy: ~10^4 rows cost more as Python tuples
        quote_list, key_list = db.execute(
            # only the first quote of each wording has stored keys (StoredIndex.save): no join needed
            "SELECT group_concat(m.quote_id), group_concat(m.h) FROM match_shingles m INDEXED BY match_shingles_quote"
            f" WHERE m.quote_id IN ({id_list(older)})"
        ).fetchone()
        if quote_list:
            read_quote = np.fromstring(quote_list, dtype=np.int64, sep=",")
            read_key = np.fromstring(key_list, dtype=np.int64, sep=",")
            order = np.argsort(read_quote, kind="stable")
            read_quote, read_key = read_quote[order], read_key[order]
            starts = np.flatnonzero(np.r_[True, read_quote[1:] != read_quote[:-1]])
            bounds = [*starts.tolist(), len(read_key)]
            for q, start, end in zip(read_quote[starts].tolist(), bounds, bounds[1:], strict=False):
                out[q] = read_key[start:end]
    return out


def rarest(counts: dict[int, int], cap: int, common: int) -> set[int]:
    """Of a quote's 3-gram keys (``key -> how many quotes hold it``), those in more than ``common``
    quotes (and at most ``cap``) that pair it with every other quote holding them: its
    :data:`statements.PREFIX` rarest shared ones, by :func:`statements.rarity` class, ties by key, the keys in
    ``2..common`` quotes counted first (:meth:`statements.Index.candidate_pairs`)."""
    low = sum(1 for n in counts.values() if 2 <= n <= common)
    many = sorted((statements.rarity(n), h) for h, n in counts.items() if common < n <= cap)
    return {h for _, h in many[: max(0, statements.PREFIX - low)]}


_WORDINGS: list[watch.Event] = [
    ("INSERT", "match_texts", ""),
    ("DELETE", "match_texts", ""),
    ("UPDATE", "match_texts", ""),
]
_wordings: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def wordings(db) -> int:
    """How many distinct wordings the match index holds (a word's rarity is counted against it); kept
    beside the connection until the index changes (see :mod:`.watch`), as a decision changes no wording."""
    if watch.unchanged(db, "wordings", _WORDINGS) and db in _wordings:
        return _wordings[db]
    n = _wordings[db] = db.execute(
        "SELECT COUNT(*) FROM match_texts INDEXED BY match_texts_reps WHERE rep_id = quote_id"  # store._v6
    ).fetchone()[0]
    watch.settle(db, "wordings")
    return n


def note_wordings(db, n: int) -> None:
    """Keep ``n`` as what :func:`wordings` gives, just after the match index was written whole: a full run
    knows it, and counting it again cost the first decision after a run ~10 ms per 10^5 quotes."""
    watch.unchanged(db, "wordings", _WORDINGS)  # the triggers that notice the next change
    _wordings[db] = n
    watch.settle(db, "wordings")


_MATCH_INDEX: list[watch.Event] = [
    *(
        (event, table, "")
        for table in ("match_texts", "match_shingles", "match_terms")
        for event in ("INSERT", "DELETE", "UPDATE")
    ),
    ("INSERT", "quotes", ""),
    ("DELETE", "quotes", ""),
    ("UPDATE OF id, text, kind", "quotes", ""),
]
_checked: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Checked:
    """What decisions on one connection learnt of pairs of quotes while the match index stayed as it is
    (see :mod:`.watch`): an undo, or another decision about the same people, looks at the same pairs.

    Attributes:
        keys: quote id -> its stored 3-gram keys (none for a copy of an earlier wording).
        counts: 3-gram key -> how many quotes hold it.
        verified: ``(quote id, quote id, relation of their speakers)`` -> what verification gave; it
            depends on nothing else but the words and the index's word counts.
    """

    def __init__(self) -> None:
        self.keys: dict[int, np.ndarray] = {}
        self.counts: dict[int, int] = {}
        self.verified: dict[tuple[int, int, str], statements.Link | None] = {}


CHECKED_AT_MOST = 200_000
"""Quotes' keys or pairs' verdicts kept at most (some tens of MB): beyond, what is kept starts again empty."""


def checked(db) -> Checked:
    """What is kept for this connection, emptied first when the match index or a quote's words changed
    (or when it grew past :data:`CHECKED_AT_MOST`)."""
    kept = _checked.get(db)
    fresh = watch.unchanged(db, "checked", _MATCH_INDEX)
    if fresh and kept is not None and max(len(kept.keys), len(kept.verified)) <= CHECKED_AT_MOST:
        return kept
    kept = _checked[db] = Checked()
    watch.settle(db, "checked")
    return kept


class StoredIndex:
    """The project's match index: what a full run's :class:`statements.Index` knew, kept in three tables.

    ``match_shingles`` holds each distinct wording's 3-gram keys, ``match_terms`` each word's document
    count, ``match_texts`` each quote's words key and the first quote of the same words. :meth:`save`
    writes them; :meth:`load` brings the quotes a step needs into :attr:`index`, with word frequencies of
    the whole project, so comparing two quotes here gives what it gives in a full run.

    Attributes:
        index: the quotes loaded so far (words and speakers, no postings unless added by the caller).
        quotes: the loaded quotes (speakers as matching sees them).
    """

    def __init__(self, db) -> None:
        self.db = db
        self.index = statements.Index()
        self.index.extra_docs = wordings(db)
        self.quotes: dict[int, QuoteInfo] = {}
        self.keys: dict[int, set[int]] = {}
        self.postings: dict[int, list[int]] = {}
        self.counts: dict[int, int] = {}  # 3-gram key -> how many quotes (first of their words) hold it
        self._chosen: dict[int, set[int]] = {}
        self._compared: dict[tuple[int, int], statements.Link | None] = {}
        self._termed: set[str] = set()
        self._stop: tuple[int, set[int]] = (0, set())

    # --- writing ---------------------------------------------------------------------------------------

    @staticmethod
    def clear(db) -> None:
        """Empty the three tables (a full run writes them again)."""
        for table in ("match_shingles", "match_terms", "match_texts"):
            db.execute(f"DELETE FROM {table}")

    @staticmethod
    def save(db, index: statements.Index, quote_ids: Iterable[int]) -> None:
        """Persist postings, word counts and copy keys of these quotes of ``index`` (see ``store._v2``)."""
        inv = {i: w for w, i in index.vocab.items()}
        shingle_rows, text_rows = [], []
        terms: dict[str, int] = defaultdict(int)
        for q in quote_ids:
            seq = index.seq[q]
            rep = index.rep[q]
            keys: set[int] = set()
            if rep == q and q in index.shingles:
                keys = index.shingles[q]
                shingle_rows += [(h, q) for h in keys]
                for i in set(seq):
                    terms[inv[i]] += 1
            text_rows.append((q, words_key([inv[i] for i in seq]), rep, key_blob(keys)))
        db.conn.executemany(
            "INSERT OR REPLACE INTO match_texts (quote_id, words_key, rep_id, keys) VALUES (?, ?, ?, ?)", text_rows
        )
        shingle_rows.sort()  # in key order the B-tree is appended to, not split at random
        db.conn.executemany("INSERT OR IGNORE INTO match_shingles (h, quote_id) VALUES (?, ?)", shingle_rows)
        db.conn.executemany(
            "INSERT INTO match_terms (term, n) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET n = n + excluded.n",
            list(terms.items()),
        )

    @staticmethod
    def save_new(db, quotes: dict[int, QuoteInfo]) -> list[int]:
        """Add quotes not yet in the match index to it, as a full run would have indexed them (a quote with
        the words of an earlier one is its copy and posts nothing); returns their ids."""
        probe = statements.Index()
        for q in sorted(quotes):
            probe.add(q, quotes[q].text, quotes[q].speaker_id)
        inv = {i: w for w, i in probe.vocab.items()}
        wkeys = {q: words_key([inv[i] for i in probe.seq[q]]) for q in quotes}
        sql = "SELECT words_key, rep_id FROM match_texts WHERE words_key IN ({marks}) AND quote_id = rep_id"
        earlier = dict(lookup(db, sql, set(wkeys.values())))
        for q in quotes:
            first = earlier.get(wkeys[q])
            if first is not None and first < probe.rep[q]:
                probe.rep[q] = first  # save() writes postings and word counts only of a first wording
        StoredIndex.save(db, probe, sorted(quotes))
        return sorted(quotes)

    # --- reading ---------------------------------------------------------------------------------------

    def load(self, ids: Iterable[int], *, stored_reps: bool = True) -> dict[int, QuoteInfo]:
        """Index these quotes' words (no postings) and current speakers; returns the ones newly loaded.

        ``stored_reps`` takes each quote's first quote of the same words from ``match_texts`` (the whole
        project's answer) instead of among the quotes loaded here.
        """
        loaded = read_quotes(
            self.db, f"WHERE q.id IN ({id_list(q for q in ids if q not in self.quotes)})", matching=True
        )
        self.quotes.update(loaded)
        start = len(self.index.vocab_hash)
        for q in loaded.values():
            self.index.add(q.id, q.text, q.speaker_id, postings=False)
        self.count_terms(list(self.index.vocab)[start:])
        if stored_reps:
            sql = "SELECT quote_id, rep_id FROM match_texts WHERE quote_id IN ({marks})"
            self.index.rep.update(lookup(self.db, sql, loaded))
        return loaded

    def count_terms(self, terms: Iterable[str]) -> None:
        """Give :attr:`index` the project's document count of each of these words not counted yet."""
        needed = [t for t in terms if t not in self._termed]
        self._termed.update(needed)
        for term, n in lookup(self.db, "SELECT term, n FROM match_terms WHERE term IN ({marks})", needed):
            self.index.extra_terms[self.index.intern([term])[0]] = n

    def read_postings(self, keys: Iterable[int]) -> dict[int, list[int]]:
        """3-gram key -> the stored quotes (first of their words) that have it."""
        postings: dict[int, list[int]] = defaultdict(list)
        for h, qid in lookup(self.db, "SELECT h, quote_id FROM match_shingles WHERE h IN ({marks})", sorted(keys)):
            postings[h].append(qid)
        return postings

    def pairs(self, ids: Iterable[int], *, load: bool = True) -> set[tuple[int, int]]:
        """Candidate pairs of these (loaded) quotes, a superset of what a full index gives them (copies
        have none): every pair through a 3-gram within the cap. :meth:`links` keeps of those the full
        index's candidates only (see :meth:`candidate`).

        ``load`` loads the other ends and drops pairs with a deleted quote (its postings went stale).
        """
        keys = {q: self.keys_of(q) for q in ids if self.index.rep.get(q) == q}
        needed = {h for ks in keys.values() for h in ks if h not in self.postings}
        postings = self.read_postings(needed)
        self.postings.update(postings)
        self.postings.update((h, []) for h in needed if h not in postings)
        self.counts.update((h, len(self.postings[h])) for h in needed)
        out: set[tuple[int, int]] = set()
        for q, ks in keys.items():
            for h in ks:
                listed = self.postings[h]
                if len(listed) <= self.index.cap:
                    out.update((min(q, o), max(q, o)) for o in listed if o != q)
        if not load:
            return out
        self.load({o for pair in out for o in pair})
        seq = self.index.seq
        return {(a, b) for a, b in out if a in seq and b in seq}

    def keys_of(self, q: int) -> set[int]:
        """The 3-gram keys of a loaded quote."""
        keys = self.keys.get(q)
        if keys is None:
            vh = self.index.vocab_hash
            keys = self.keys[q] = statements.shingles([vh[i] for i in self.index.seq[q]])
        return keys

    def count(self, ids: Iterable[int]) -> None:
        """Read how many quotes hold each 3-gram of these loaded quotes (not read yet)."""
        needed = sorted({h for q in ids for h in self.keys_of(q) if h not in self.counts})
        sql = "SELECT h, COUNT(*) FROM match_shingles WHERE h IN ({marks}) GROUP BY h"
        self.counts.update(dict.fromkeys(needed, 0))
        self.counts.update(lookup(self.db, sql, needed))

    def chosen(self, q: int) -> set[int]:
        """The 3-grams in more than ``common`` quotes through which ``q`` pairs with every other quote
        holding them (see :func:`rarest`)."""
        out = self._chosen.get(q)
        if out is None:
            self.count([q])
            counts = self.counts
            out = self._chosen[q] = rarest({h: counts[h] for h in self.keys_of(q)}, self.index.cap, self.index.common)
        return out

    def candidate(self, a: int, b: int) -> bool:
        """Whether two loaded quotes are a candidate pair of a full index
        (:meth:`statements.Index.candidate_pairs`): first quotes of their words sharing a 3-gram within
        the cap, in at most ``common`` quotes or among the rarest of one of them."""
        rep = self.index.rep
        if rep.get(a) != a or rep.get(b) != b or a == b:
            return False
        shared = self.keys_of(a) & self.keys_of(b)
        self.count([a, b])
        cap, common = self.index.cap, self.index.common
        listed = [(h, self.counts[h]) for h in shared if 2 <= self.counts[h] <= cap]
        if any(n <= common for _, n in listed):
            return True
        return any(h in self.chosen(a) or h in self.chosen(b) for h, _ in listed)

    def links(self, pairs: Iterable[tuple[int, int]]) -> list[statements.Link]:
        """The verified links among these pairs of loaded quotes that a full index has as candidates."""
        verified = [lk for a, b in sorted(pairs) if (lk := self.compare(a, b)) is not None]
        self.count({q for lk in verified for q in (lk.short, lk.long) if self.index.rep.get(q) == q})  # at once
        return [lk for lk in verified if self.candidate(lk.short, lk.long)]

    def pairs_among(
        self, ids: Iterable[int], among: set[int], keep: Callable[[int, int], bool] | None = None
    ) -> set[tuple[int, int]]:
        """The candidate pairs of :meth:`pairs` (``load=False``) that join these quotes to quotes in
        ``among``, from the stored 3-gram keys of both (read by quote, see ``store._v7``: what a decision
        about two speakers needs, without tokenising their ~10^3 quotes again), and of the 3-grams they
        share only how many quotes their lists hold. Only the first quote of each wording has stored keys,
        as in a full index. The postings are not kept for :meth:`met`. ``keep(a, b)`` (``a < b``), if given,
        leaves out the pairs it says no to before any list is counted (a decision re-checks only the pairs
        whose speakers' relation it changed).
        """
        ids, among = set(ids), set(among)
        known = checked(self.db)
        kept = known.keys
        missing = sorted((ids | among) - kept.keys())
        kept.update(stored_keys(self.db, missing))
        none = np.empty(0, dtype=np.int64)
        wanted = sorted(ids | among)
        quote = np.repeat(np.array(wanted, dtype=np.int64), [len(kept[q]) for q in wanted])
        key = np.concatenate([kept[q] for q in wanted]) if wanted else none
        cap = self.index.cap
        shared: dict[tuple[int, int], set[int]] = defaultdict(set)  # pair -> the 3-grams it shares
        if len(key):
            order = np.argsort(key, kind="stable")
            quote, key = quote[order], key[order]
            starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
            sizes = np.diff(np.r_[starts, len(key)])
            # listed more often than the cap here already: no pairs (a stock phrase)
            chosen = (sizes > 1) & (sizes <= cap)
            for start, size in zip(starts[chosen].tolist(), sizes[chosen].tolist(), strict=True):
                h, quotes = int(key[start]), quote[start : start + size].tolist()
                for q in quotes:
                    if q in ids:
                        for o in quotes:
                            if o != q and o in among:
                                shared[min(q, o), max(q, o)].add(h)
        if keep is not None:
            shared = {pair: hs for pair, hs in shared.items() if keep(*pair)}
        listed = known.counts
        needed = sorted({h for hs in shared.values() for h in hs} - listed.keys())
        listed.update(dict.fromkeys(needed, 0))
        listed.update(lookup(self.db, "SELECT h, COUNT(*) FROM match_shingles WHERE h IN ({marks}) GROUP BY h", needed))
        return {pair for pair, hs in shared.items() if any(0 < listed[h] <= cap for h in hs)}

    def speakers(self, ids: Iterable[int]) -> dict[int, int | None]:
        """Current speakers (for matching) of these quotes, without loading them."""
        sql = (
            f"SELECT q.id, {MATCHING_SPEAKER} FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id"
            " WHERE q.id IN ({marks})"
        )
        return dict(lookup(self.db, sql, ids))

    def met(self, a: int, b: int, through: Iterable[int] | None = None) -> tuple:
        """When a full run's :meth:`statements.Index.candidate_pairs` yields the pair ``a, b`` (one of them
        passed to :meth:`pairs`): :func:`statements.cluster` keeps the first of equally good links.
        ``through``: the 3-grams that yield it, if not those that do now.

        A 3-gram's list starts when its second quote is indexed (quotes go in by id, a quote's 3-grams
        in set order), and each list yields its pairs in id order.
        """
        q = a if a in self.keys else b
        needed = [h for h in self.keys_of(q) if h not in self.postings]
        self.postings.update(dict.fromkeys(needed, []))
        self.postings.update(self.read_postings(needed))
        met = []
        for h in self.keys[q] if through is None else through:
            lst = sorted(self.postings.get(h, ()))
            if a not in lst or b not in lst or len(lst) > self.index.cap:
                continue
            if through is not None or len(lst) <= self.index.common or h in self.chosen(a) or h in self.chosen(b):
                second = lst[1]
                if second not in self.index.seq:
                    self.load([second])
                order = list(statements.shingles([self.index.vocab_hash[i] for i in self.index.seq[second]]))
                met.append((second, order.index(h), lst.index(min(a, b)), lst.index(max(a, b))))
        return min(met, default=())

    def firsts(self, ids: Iterable[int]) -> dict[int, int]:
        """These quotes (stored ones), those that are in the match index (reported speech is not), each
        with the first quote of its words; without loading them. Reported speech is told by the partial
        index ``quotes_indirect``, not by each quote's row (~2 ms of a merge's ~500 quotes at 10^5)."""
        sql = (
            "SELECT t.quote_id, t.rep_id FROM match_texts t WHERE t.quote_id IN ({marks}) AND NOT EXISTS"
            " (SELECT 1 FROM quotes q INDEXED BY quotes_indirect WHERE q.id = t.quote_id AND q.kind = 'indirect')"
        )
        return dict(lookup(self.db, sql, ids))

    def same_words(self, firsts: Iterable[int]) -> dict[int, int]:
        """Every quote whose first quote of the same words is one of ``firsts``, each with that first one."""
        return dict(lookup(self.db, "SELECT quote_id, rep_id FROM match_texts WHERE rep_id IN ({marks})", firsts))

    def copies(self, ids: Iterable[int]) -> set[int]:
        """These quotes with every quote of the same words."""
        ids = set(ids)
        reps = {self.index.rep[q] for q in ids if q in self.index.rep}
        sql = "SELECT quote_id FROM match_texts WHERE rep_id IN ({marks})"
        return ids | reps | {r[0] for r in lookup(self.db, sql, reps)}

    def stopwords(self) -> set[int]:
        """The loaded vocabulary's stopword ids (cached until the vocabulary grows)."""
        if self._stop[0] != len(self.index.vocab_hash):
            self._stop = (len(self.index.vocab_hash), self.index.stopword_ids())
        return self._stop[1]

    def compare(self, a: int, b: int, speakers: dict[int, int | None] | None = None) -> statements.Link | None:
        """:meth:`statements.Index.compare`, with other speakers than the current ones if given."""
        if speakers is None:
            pair = (min(a, b), max(a, b))
            if pair not in self._compared:
                self._compared[pair] = self.index.compare(a, b, stop=self.stopwords())
            return self._compared[pair]
        current = self.index.speaker
        self.index.speaker = speakers
        try:
            return self.index.compare(a, b, stop=self.stopwords())
        finally:
            self.index.speaker = current
