"""Statements across a whole batch on Dask: the rule of :mod:`quotecheck.matching.statements`, distributed.

Every stage is a set of tasks; data moves between stages as files under ``OUT/_work``, bucketed by a
hash (a shuffle on disk, as Spark does), so the output folder must be one the workers share:

1. speakers (client, names only): the people behind the speaker names, grouped as a project groups them;
2. prepare (per quote partition): words, question, speaker; ``(words hash, quote)`` shuffled by hash;
3. copies (per bucket): quotes with exactly the words of an earlier quote, and that first quote;
4. post (per partition): 3-gram keys of first wordings shuffled by key, and word document frequencies;
5. pairs: how many quotes hold each 3-gram (per key bucket), each quote's rarest 3-grams (per quote
   partition, :func:`statements.rarest_postings`), then (per key bucket) the candidate pairs a
   one-machine index gives, each with the place where it first meets them (that order decides between
   equally good links), shuffled by pair;
6. verify (per pair bucket): each pair once, :func:`statements.verify` with the collection's word
   frequencies; copies checked against their first quote (per partition);
7. trees (client, int64 arrays): each quote's best link to a fuller quote, roots by pointer jumping.

The result is what :func:`statements.cluster` gives on one machine over the same quotes.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..matching import statements
from .extract import QUOTE_BITS

log = logging.getLogger(__name__)


class Parts:
    """The quote partitions of a batch, in article order, and which one holds a quote id."""

    def __init__(self, out: Path, names: list[str], firsts: list[int]) -> None:
        self.out, self.names = out, names
        self.firsts = np.array(firsts, dtype=np.int64)

    def of(self, qids) -> np.ndarray:
        return np.searchsorted(self.firsts, np.asarray(qids, dtype=np.int64) >> QUOTE_BITS, "right") - 1


def words_key(ws: list[str]) -> int:
    """A 63-bit hash of a quote's words: equal for exact copies."""
    return int.from_bytes(hashlib.blake2b("\x1f".join(ws).encode(), digest_size=8).digest(), "big") >> 1


def _save(path: Path, arr: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, arr)


def _load_all(folder: Path, cols: int) -> np.ndarray:
    parts = [np.load(p) for p in sorted(folder.glob("*.npy"))] if folder.exists() else []
    return np.concatenate(parts) if parts else np.empty((0, cols), dtype=np.int64)


def _spread(work: Path, stage: str, name: str, rows: np.ndarray, bucket: np.ndarray, buckets: int) -> None:
    """Write ``rows`` to ``work/stage/b<k>/<name>.npy``, a file per bucket (the map side of a shuffle)."""
    order = np.argsort(bucket, kind="stable")
    rows, bucket = rows[order], bucket[order]
    bounds = np.searchsorted(bucket, np.arange(buckets + 1))
    for k in range(buckets):
        if bounds[k + 1] > bounds[k]:
            _save(work / stage / f"b{k}" / f"{name}.npy", rows[bounds[k] : bounds[k + 1]])


# -- 2. prepare ----------------------------------------------------------------------------------------


def prepare(parts: Parts, p: int, kept: list[int], buckets: int) -> int:
    """Words of the quotes of partition ``p`` (articles ``kept`` only); shuffle ``(hash, quote, speaker)``."""
    out, name = parts.out, parts.names[p]
    work = out / "_work"
    table = pq.read_table(out / "quotes" / f"{name}.parquet", columns=["quote_id", "article_seq", "text", "kind"])
    keep = set(kept)
    lo, hi = (min(kept) << QUOTE_BITS, (max(kept) + 1) << QUOTE_BITS) if kept else (0, 0)
    said = pq.read_table(work / "speakers.parquet", filters=[("quote_id", ">=", lo), ("quote_id", "<", hi)])
    sid = dict(zip(said["quote_id"].to_pylist(), said["sid"].to_pylist(), strict=True))
    rows = []
    columns = ("quote_id", "article_seq", "text", "kind")
    for qid, seq, text, kind in zip(*(table[c].to_pylist() for c in columns), strict=True):
        if seq in keep and kind != "indirect":  # reported speech is no verbatim quote: it joins no statement
            ws = statements.words(text)
            rows.append((qid, sid.get(qid), statements.is_question(text), ws, words_key(ws)))
    schema = pa.schema(
        [("quote_id", pa.int64()), ("sid", pa.int64()), ("question", pa.bool_()), ("words", pa.list_(pa.string()))]
    )
    cols = {"quote_id": [r[0] for r in rows], "sid": [r[1] for r in rows], "question": [r[2] for r in rows]}
    cols["words"] = [r[3] for r in rows]
    (work / "prepared").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(cols, schema=schema), work / "prepared" / f"{name}.parquet")
    arr = np.array([(r[4], r[0], -1 if r[1] is None else r[1]) for r in rows], dtype=np.int64).reshape(-1, 3)
    _spread(work, "copies", name, arr, arr[:, 0] % buckets, buckets)
    return len(rows)


# -- 3. copies -----------------------------------------------------------------------------------------


def copies(parts: Parts, k: int) -> int:
    """Exact copies in bucket ``k``: ``(copy, first quote, its speaker)`` sent to the copy's partition.
    Returns how many distinct wordings the bucket holds."""
    arr = _load_all(parts.out / "_work" / "copies" / f"b{k}", 3)
    if not len(arr):
        return 0
    arr = arr[np.lexsort((arr[:, 1], arr[:, 0]))]
    first = np.ones(len(arr), dtype=bool)
    first[1:] = arr[1:, 0] != arr[:-1, 0]
    rep_row = np.maximum.accumulate(np.where(first, np.arange(len(arr)), 0))
    dup = ~first
    out = np.stack([arr[dup, 1], arr[rep_row[dup], 1], arr[rep_row[dup], 2]], axis=1)
    where = parts.of(out[:, 0])
    for p in np.unique(where):
        _save(parts.out / "_work" / "copyof" / parts.names[p] / f"b{k}.npy", out[where == p])
    return int(first.sum())


def _copies_of(parts: Parts, p: int) -> np.ndarray:
    return _load_all(parts.out / "_work" / "copyof" / parts.names[p], 3)


# -- 4. post -------------------------------------------------------------------------------------------


def post(parts: Parts, p: int, buckets: int) -> Counter:
    """3-gram postings ``(key, quote, place among the quote's keys)`` of partition ``p``'s first wordings,
    shuffled by key; returns the document frequency of each word over them."""
    work, name = parts.out / "_work", parts.names[p]
    table = pq.read_table(work / "prepared" / f"{name}.parquet", columns=["quote_id", "words"])
    copy = set(_copies_of(parts, p)[:, 0].tolist())
    df: Counter = Counter()
    rows = []
    for qid, ws in zip(table["quote_id"].to_pylist(), table["words"].to_pylist(), strict=True):
        if qid in copy:
            continue
        df.update(set(ws))
        keys = statements.shingles([statements.word_hash(w) for w in ws])
        rows += [(h, qid, slot) for slot, h in enumerate(keys)]  # set order: it orders the candidates
    arr = np.array(rows, dtype=np.int64).reshape(-1, 3)
    _spread(work, "postings", name, arr, arr[:, 0] % buckets, buckets)
    return df


# -- 5. pairs ------------------------------------------------------------------------------------------


def count(parts: Parts, k: int, buckets: int, cap: int) -> int:
    """How many quotes hold each 3-gram of key bucket ``k``: the bucket's lists kept for lookups, the
    postings of 3-grams in ``2..cap`` quotes kept for :func:`pairs`, and each of those sent with its
    count to its quote's partition for :func:`rarest`. Returns how many such postings there are."""
    work = parts.out / "_work"
    arr = _load_all(work / "postings" / f"b{k}", 3)
    if not len(arr):
        return 0
    arr = arr[np.lexsort((arr[:, 1], arr[:, 0]))]  # by key, then in posting (quote id) order
    keys, qids = arr[:, 0], arr[:, 1]
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(fresh)
    counts = np.diff(starts, append=len(keys))
    many = counts >= 2  # the lists of 3-grams in two quotes or more, first cap + 1 of each
    take = np.minimum(counts[many], cap + 1)
    members = qids[np.repeat(starts[many], take) + _ranges(take)]
    (work / "lists").mkdir(parents=True, exist_ok=True)
    np.savez(work / "lists" / f"b{k}.npz", keys=keys[starts[many]], counts=counts[many], take=take, members=members)
    ok = many & (counts <= cap)
    rows = np.repeat(starts[ok], counts[ok]) + _ranges(counts[ok])
    _save(work / "listed" / f"b{k}.npy", arr[rows])
    ranked = np.stack([qids[rows], keys[rows], np.repeat(counts[ok], counts[ok])], axis=1)
    where = parts.of(ranked[:, 0])
    for p in np.unique(where).tolist():
        _save(work / "ranks" / parts.names[p] / f"b{k}.npy", ranked[where == p])
    return len(rows)


def rarest(parts: Parts, p: int, buckets: int, common: int = statements.COMMON) -> int:
    """The 3-grams of partition ``p``'s quotes through which they pair with every other quote holding
    them although more than ``common`` do: each quote's rarest (:func:`statements.rarest_postings`, the
    rule of :meth:`statements.Index.candidate_pairs`), sent as ``(key, quote)`` to their key bucket.
    Returns how many there are."""
    work, name = parts.out / "_work", parts.names[p]
    arr = _load_all(work / "ranks" / name, 3)  # (quote, key, how many quotes hold the key), keys in 2..cap
    if not len(arr):
        return 0
    quote, key, n = arr[:, 0], arr[:, 1], arr[:, 2]
    ids, dense = np.unique(quote, return_inverse=True)
    low = np.bincount(dense[n <= common], minlength=len(ids))
    over = np.flatnonzero(n > common)
    picked = over[statements.rarest_postings(dense[over], np.frexp(n[over])[1], key[over], low)]
    out = np.stack([key[picked], quote[picked]], axis=1)
    _spread(work, "chosen", name, out, out[:, 0] % buckets, buckets)
    return len(out)


def pairs(parts: Parts, k: int, buckets: int, cap: int, common: int = statements.COMMON) -> int:
    """Candidate pairs of key bucket ``k`` with their first meeting, as a one-machine index gives them
    (:meth:`statements.Index.candidate_pairs`): every pair of a 3-gram in at most ``common`` quotes, and
    of one in more (up to ``cap``) the pairs where it is among the rarest of either quote (:func:`rarest`)."""
    work = parts.out / "_work"
    path = work / "listed" / f"b{k}.npy"
    if not path.exists():
        return 0
    arr = np.load(path)  # (key, quote, slot) by key, then quote id; lists of 2..cap quotes only
    keys, qids, slots = arr[:, 0], arr[:, 1], arr[:, 2]
    chosen = _among(arr[:, :2], _load_all(work / "chosen" / f"b{k}", 2))
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(fresh)
    counts = np.diff(starts, append=len(keys))
    first_i, first_j = statements.pair_positions(cap)
    npairs = counts * (counts - 1) // 2
    g = np.repeat(np.arange(len(starts)), npairs)
    kk = _ranges(npairs)
    n, base = counts[g], starts[g]
    i, j = first_i[n, kk], first_j[n, kk]
    wanted = (n <= common) | chosen[base + i] | chosen[base + j]
    base, i, j = base[wanted], i[wanted], j[wanted]
    a, b = qids[base + i], qids[base + j]
    # where a one-machine index yields the pair: lists in the order their second posting came, then
    # the list's pairs in nested order (statements.Index.candidate_pairs)
    rank_q, rank_s = qids[base + 1], (slots[base + 1] << 32) | (i << 16) | j
    out = np.stack([np.minimum(a, b), np.maximum(a, b), rank_q, rank_s], axis=1)
    _spread(work, "pairs", f"k{k}", out, (out[:, 0] * 31 + out[:, 1]) % buckets, buckets)
    return len(out)


def _among(rows: np.ndarray, of: np.ndarray) -> np.ndarray:
    """Whether each ``(key, quote)`` row of ``rows`` (distinct) is one of ``of``'s (distinct)."""
    found = np.zeros(len(rows), dtype=bool)
    if not len(of) or not len(rows):
        return found
    both = np.concatenate([rows, of])
    tag = np.r_[np.arange(len(rows)), np.full(len(of), len(rows))]  # rows first, then "in of"
    order = np.lexsort((tag, both[:, 1], both[:, 0]))
    both, tag = both[order], tag[order]
    same = (both[1:] == both[:-1]).all(axis=1) & (tag[1:] == len(rows)) & (tag[:-1] < len(rows))
    found[tag[:-1][same]] = True
    return found


def _ranges(lengths: np.ndarray) -> np.ndarray:
    """``0..n-1`` for every ``n`` in ``lengths``, concatenated."""
    total = int(lengths.sum())
    return np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)


# -- 6. verify -----------------------------------------------------------------------------------------


class _Verifier(statements.Index):
    """An index over the quotes one task verifies, with the collection's word frequencies and 3-gram
    lists read from the shuffle's files when a rule asks (:meth:`statements.Index.stock_phrase`)."""

    def __init__(self, parts: Parts, df: dict[str, int], n_docs: int, cap: int, buckets: int) -> None:
        super().__init__(cap=cap)
        self.extra_docs = n_docs
        self._parts, self._df, self._buckets = parts, df, buckets
        self._loaded: set[int] = set()
        self._lists: dict[int, dict] = {}

    def load(self, qids) -> None:
        need = {int(p) for p in self._parts.of([q for q in qids if q not in self.seq])} - self._loaded
        for p in sorted(need):
            self._loaded.add(p)
            path = self._parts.out / "_work" / "prepared" / f"{self._parts.names[p]}.parquet"
            t = pq.read_table(path)
            for qid, sid, question, ws in zip(*(t[c].to_pylist() for c in t.column_names), strict=True):
                start = len(self.vocab_hash)
                self.seq[qid] = seq = self.intern(ws)
                if len(self.vocab_hash) > start:
                    for w, i in zip(ws, seq, strict=True):
                        if i >= start:
                            self.extra_terms[i] = self._df.get(w, 0)
                self.speaker[qid] = sid
                if question:
                    self.question.add(qid)

    def _listed(self, h: int) -> tuple[int, list[int]]:
        k = h % self._buckets
        if k not in self._lists:
            path = self._parts.out / "_work" / "lists" / f"b{k}.npz"
            z = dict(np.load(path)) if path.exists() else {"keys": np.empty(0, np.int64)}
            if len(z["keys"]):
                z["offsets"] = np.concatenate([[0], np.cumsum(z["take"])])
            self._lists[k] = z
        z = self._lists[k]
        i = int(np.searchsorted(z["keys"], h))
        if i == len(z["keys"]) or z["keys"][i] != h:
            return 0, []
        members = z["members"][z["offsets"][i] : z["offsets"][i + 1]].tolist()
        self.load(members)
        return int(z["counts"][i]), members


def verify(parts: Parts, k: int, df: dict[str, int], n_docs: int, cap: int, buckets: int) -> np.ndarray:
    """Verified links of pair bucket ``k``: rows ``(child, target, score, rank_q, rank_s)`` (score as
    float64 bits), the child the later of the two in :func:`statements.order_key` order."""
    arr = _load_all(parts.out / "_work" / "pairs" / f"b{k}", 4)
    if not len(arr):
        return np.empty((0, 5), dtype=np.int64)
    arr = arr[np.lexsort((arr[:, 3], arr[:, 2], arr[:, 1], arr[:, 0]))]
    first = np.ones(len(arr), dtype=bool)
    first[1:] = (arr[1:, 0] != arr[:-1, 0]) | (arr[1:, 1] != arr[:-1, 1])
    arr = arr[first]  # each pair once, where it is first met
    index = _Verifier(parts, df, n_docs, cap, buckets)
    index.load(np.unique(arr[:, :2]).tolist())
    stop = index.stopword_ids()
    out = []
    for a, b, rq, rs in arr.tolist():
        link = index.compare(a, b, stop=stop)
        if link is None:
            continue
        child, target = link.short, link.long
        if statements.order_key(index, child) < statements.order_key(index, target):
            child, target = target, child
        score = np.float64(link.score).view(np.int64)
        out.append((child, target, score, rq, rs))
    return np.array(out, dtype=np.int64).reshape(-1, 5)


def copy_links(parts: Parts, p: int, df: dict[str, int], n_docs: int) -> np.ndarray:
    """``(copy, first quote)`` of partition ``p`` that :func:`statements.cluster` puts together."""
    found = _copies_of(parts, p)
    if not len(found):
        return np.empty((0, 2), dtype=np.int64)
    index = _Verifier(parts, df, n_docs, statements.DF_CAP, 1)
    index.load(found[:, 0].tolist())
    stop = index.stopword_ids()
    out = []
    for q, rep, rep_sid in found.tolist():
        seq = index.seq[q]
        rel = statements.relation(None if rep_sid < 0 else rep_sid, index.speaker[q])
        if statements.verify(rep, q, seq, seq, index, rel, stop) is not None:
            out.append((q, rep))
    return np.array(out, dtype=np.int64).reshape(-1, 2)


# -- 7. trees ------------------------------------------------------------------------------------------


def trees(links: np.ndarray, copied: np.ndarray) -> dict[int, int]:
    """``quote -> root`` as :func:`statements.cluster` gives it, from all verified links and copies."""
    root: dict[int, int] = {}
    if len(links):
        score = links[:, 2].view(np.float64)
        order = np.lexsort((links[:, 4], links[:, 3], -score, links[:, 0]))  # best first, ties: met first
        links = links[order]
        first = np.ones(len(links), dtype=bool)
        first[1:] = links[1:, 0] != links[:-1, 0]
        child, target = links[first, 0], links[first, 1]
        ids = np.unique(np.concatenate([child, target]))
        parent = np.arange(len(ids))
        parent[np.searchsorted(ids, child)] = np.searchsorted(ids, target)
        while True:  # pointer jumping: each quote ends at the top of its tree
            nxt = parent[parent]
            if np.array_equal(nxt, parent):
                break
            parent = nxt
        root = dict(zip(ids.tolist(), ids[parent].tolist(), strict=True))
    for q, rep in copied.tolist():
        root[q] = root.get(rep, rep)
        root.setdefault(rep, rep)
    return root
