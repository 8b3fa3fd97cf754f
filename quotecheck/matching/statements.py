"""One statement under many wordings: word n-gram index, candidate pairs, verification, clustering.

Quotes of one statement are verbatim copies, reworded or reordered variants, or fragments cut from it.
Comparing every pair is quadratic (100,000 quotes would take hours), so candidates come from an
inverted index of word 3-grams; a 3-gram found in more than ``cap`` distinct quotes is a slogan or a
stock phrase and is left out, which both bounds the work and keeps a campaign slogan repeated in two
speeches from joining them. A 3-gram in more than ``common`` (5) quotes pairs a quote with the others
only when it is among that quote's :data:`PREFIX` rarest shared 3-grams (a prefix filter): the pairs
of each quote stay bounded as the collection grows (see :meth:`Index.candidate_pairs`). Each candidate is then verified on the words themselves (longest common
subsequence on interned word ids, in C, then coverage of the shorter quote, weighted by rarity, with
moved chunks counted) and the bar depends on length and on whether the speakers agree.

Every quote joins at most one cluster, through its best link to a *longer* quote; clusters are trees
rooted at their fullest version and never chain together through a shared phrase.
"""

from __future__ import annotations

import logging
import math
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np
from anyascii import anyascii
from rapidfuzz.distance import Indel, LCSseq

log = logging.getLogger(__name__)

DF_CAP = 40
"""A 3-gram shared by more distinct quotes than this yields no candidate pairs (stock phrase, slogan)."""

PREFIX = 3
"""A 3-gram in more than :attr:`Index.common` quotes pairs a quote with the others holding it only when it
is among that quote's this many rarest shared 3-grams (see :meth:`Index.candidate_pairs`)."""

COMMON = 5
"""3-grams in at most this many quotes pair all of them (at most ``COMMON - 1`` pairs per posting)."""


MIN_WORDS = 3
"""Quotes shorter than this never match anything but their own verbatim copies."""

SHORT = 6
"""Below this many words a quote must appear verbatim inside the other, with rare words and no
conflicting speaker, to count as a fragment of it."""

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into about than then so that this these
    those there here it its it's is are was were be been being am do does did have has had having i me my
    we us our you your he him his she her they them their what which who whom whose when where why how
    not no nor all any both each few more most other some such only own same too very can will just
    should would could may might must shall also up down out over again further once s t""".split()
)

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
r"""A word of :func:`fold`'s text, which is ASCII lower case: there ``[a-z0-9]`` is ``[^\W_]``, and a set of
bytes the regular-expression engine tests at once is read about twice as fast (a decision reads ~10^3
quotes, a rebuild every one)."""
_MASK = (1 << 62) - 1


ACROSS = 8
"""Quotes of two different known speakers link (to be flagged as a misattribution) only from this many
words, verbatim copies included: shorter shared wording is boilerplate ("we will not comment")."""

LONG = 20
"""From this many words a reworded quote may have swapped rarer words (see :func:`verify`)."""

OVERLAP = {"same": (8, 0.4), "unknown": (12, 0.5)}
"""Two quotes that each cut a different stretch of one statement share an unbroken run of words: at
least this many, covering this share of the shorter quote (by speaker agreement)."""


def words(text: str) -> list[str]:
    """Normalised words of a quote: folded to ASCII, lower case, thousands separators dropped.

    Example:
        >>> words("Russia’s 1,000 long-standing ties")
        ["russia's", '1000', 'long', 'standing', 'ties']
    """
    found = _TOKEN.findall(fold(text))  # tokens() without the offsets: a decision reads ~10^3 quotes
    return [_number(w) for w in found] if any("," in w for w in found) else found


def tokens(text: str) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` with offsets into ``text``; see :func:`words`."""
    folded = fold(text)
    out = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
    if "," in folded:
        out = [(_number(w), s, e) for w, s, e in out]
    return out


def _number(word: str) -> str:
    """A number without its thousands separators ("1,200" is 1200); any other word as it is."""
    return word.replace(",", "") if "," in word and word[0].isdigit() else word


def fold(text: str) -> str:
    """Lower-case ASCII of the same length as ``text`` (offsets stay valid)."""
    if not text.isascii():
        text = "".join(c if c.isascii() else (anyascii(c)[:1] or " ") for c in text)
    return text.lower()


def word_hash(word: str) -> int:
    """A stable (process-independent) hash of a word, for n-gram keys that can be stored."""
    return zlib.crc32(word.encode())


def shingles(hashes: list[int]) -> set[int]:
    """Stable 62-bit keys of the word 3-grams of a quote (one key for a quote of exactly 3 words)."""
    return {
        ((a * 0x9E3779B1 + b) * 0x85EBCA77 + c) & _MASK for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False)
    }


@dataclass(frozen=True, slots=True)
class Link:
    """A verified match between a shorter quote and a longer (or equal) one.

    Attributes:
        short / long: quote ids; ``len(words(short)) <= len(words(long))``.
        coverage: share of the shorter quote's words found in the longer, in order or as moved chunks.
        weighted: the same share weighted by word rarity (IDF).
        verbatim: the shorter quote's words appear unbroken in the longer.
    """

    short: int
    long: int
    coverage: float
    weighted: float
    verbatim: bool

    @property
    def score(self) -> float:
        return self.weighted + 0.01 * self.verbatim


class Index:
    """Quotes by word 3-gram, with word document frequencies; exact copies share one entry.

    The postings are numpy arrays (3-gram keys sorted, with the position at which each quote posted
    the key), not a Python list per 3-gram: a million quotes post some twenty million keys, and Python
    objects per key cost gigabytes and superlinear time. Keys posted by :meth:`add` wait in a flat
    buffer and are sorted in the first time postings are read.

    Attributes:
        cap: 3-grams in more than this many distinct quotes give no candidates.
        common: 3-grams in more than this many give candidates only through a quote's rarest 3-grams
            (:meth:`candidate_pairs`).
        seq: word ids of each indexed quote (copies included).
        speaker: canonical speaker id of each quote, or None.
        rep: for each quote, the id of the first quote with exactly the same words.
        shingles: 3-gram keys of each posted quote (computed when asked).
    """

    def __init__(self, *, cap: int = DF_CAP, common: int = COMMON) -> None:
        self.cap = cap
        self.common = common
        self.vocab: dict[str, int] = {}
        self.vocab_hash: list[int] = []
        self.seq: dict[int, list[int]] = {}
        self.speaker: dict[int, int | None] = {}
        self.rep: dict[int, int] = {}
        self._by_words: dict[int, int] = {}  # hash of the words -> first quote (see _same_words)
        self._by_words_exact: dict[tuple[int, ...], int] = {}  # the rare hash collisions
        self.df: Counter[int] = Counter()
        self.n_docs = 0
        self.shingles = _Shingles(self)
        self.extra_df: dict[int, int] = {}
        self.extra_terms: dict[int, int] = {}
        self.extra_docs = 0
        self._idf: dict[int, float] = {}  # memo of idf(), valid for _idf_at
        self._idf_at: tuple[int, int] = (0, 0)
        self._unposted: list[int] = []
        self.question: set[int] = set()
        self._posted_qid = array("q")  # quote id of each posted quote, in posting order
        self._posted_at = array("q")  # position of its first key in the posting sequence
        self._posted: set[int] = set()
        self._pending = array("q")  # keys posted since the tables were last sorted
        self._keys = np.empty(0, np.int64)  # every posted key, sorted (stable: by position within a key)
        self._pos = np.empty(0, np.uint32)  # position of each in the posting sequence
        self._sorted = 0  # postings in the sorted tables

    def intern(self, ws: Iterable[str]) -> list[int]:
        ids = []
        for w in ws:
            i = self.vocab.get(w)
            if i is None:
                i = self.vocab[w] = len(self.vocab_hash)
                self.vocab_hash.append(word_hash(w))
            ids.append(i)
        return ids

    def add(self, qid: int, text: str, speaker: int | None = None, *, postings: bool = True) -> None:
        """Index one quote. ``postings=False`` keeps its words for verification only (incremental use)."""
        seq = self.intern(words(text))
        self.seq[qid] = seq
        self.speaker[qid] = speaker
        if is_question(text):
            self.question.add(qid)
        rep = self._same_words(qid, seq)
        self.rep[qid] = rep
        if rep != qid:
            return
        if not postings:
            self._unposted.append(qid)
            return
        self.n_docs += 1
        self.df.update(set(seq))
        if qid in self._posted:
            return
        self._posted.add(qid)
        self._posted_qid.append(qid)
        self._posted_at.append(self._sorted + len(self._pending))
        self._pending.extend(shingles([self.vocab_hash[i] for i in seq]))  # in set order: see candidate_pairs

    def _same_words(self, qid: int, seq: list[int]) -> int:
        """The first quote indexed with exactly these words (``qid`` itself if none)."""
        key = tuple(seq)
        h = hash(key)
        first = self._by_words.setdefault(h, qid)
        if first == qid or self.seq.get(first) == seq:
            return first
        return self._by_words_exact.setdefault(key, qid)

    def _tables(self) -> tuple[np.ndarray, np.ndarray]:
        """The sorted postings ``(keys, positions)``, with keys posted since merged in."""
        if len(self._pending):
            new = np.frombuffer(self._pending, dtype=np.int64)
            start = self._sorted
            part = np.empty(len(new), dtype=np.uint8)
            np.right_shift(new, _PART_SHIFT, out=part, casting="unsafe")
            bounds = np.searchsorted(self._keys, np.arange(_PARTS + 1, dtype=np.int64) << _PART_SHIFT)
            keys = np.empty(len(self._keys) + len(new), dtype=np.int64)
            pos = np.empty(len(keys), dtype=np.uint32)
            at = 0
            # a range of keys at a time (keys are uniform hashes): the temporary arrays stay small
            for p in range(_PARTS):
                sel = np.flatnonzero(part == p)
                lo, hi = bounds[p], bounds[p + 1]
                k = np.concatenate([self._keys[lo:hi], new[sel]])
                order = np.argsort(k, kind="stable")  # within a key, in posting order
                keys[at : at + len(k)] = k[order]
                pos[at : at + len(k)] = np.concatenate([self._pos[lo:hi], (sel + start).astype(np.uint32)])[order]
                at += len(k)
            del new, part, sel, k, order
            self._pending = array("q")
            self._keys, self._pos = keys, pos
            self._sorted = len(keys)
        return self._keys, self._pos

    def _span(self, h: int) -> tuple[int, int]:
        keys, _ = self._tables()
        return int(np.searchsorted(keys, h, "left")), int(np.searchsorted(keys, h, "right"))

    def _quotes_at(self, positions: np.ndarray) -> np.ndarray:
        """Quote ids of postings at these positions."""
        at = np.frombuffer(self._posted_at, dtype=np.int64)
        return np.frombuffer(self._posted_qid, dtype=np.int64)[np.searchsorted(at, positions, "right") - 1]

    def _listed(self, h: int) -> tuple[int, list[int]]:
        """How many quotes posted 3-gram ``h``, and the first ``cap + 1`` of them in posting order."""
        lo, hi = self._span(h)
        return hi - lo, self._quotes_at(self._pos[lo : min(hi, lo + self.cap + 1)]).tolist()

    def idf(self, word_id: int) -> float:
        n = self.n_docs + self.extra_docs
        memo = self._idf
        if self._idf_at != (n, len(self.extra_terms)):  # frequencies change only with these
            memo.clear()
            self._idf_at = (n, len(self.extra_terms))
        value = memo.get(word_id)
        if value is None:
            df = self.df[word_id] + self.extra_terms.get(word_id, 0)
            value = memo[word_id] = 1.0 + math.log((n + 1) / (df + 0.5))  # smoothed: stable with two quotes
        return value

    def rare(self, word_id: int) -> bool:
        n = self.n_docs + self.extra_docs
        df = self.df[word_id] + self.extra_terms.get(word_id, 0)
        return df <= max(5, 0.002 * n)

    def holding(self, run: list[int]) -> list[int]:
        """Distinct quotes (copies once) in which the word ids ``run`` (3+ words) appear unbroken."""
        h = next(iter(shingles([self.vocab_hash[i] for i in run[:3]])))
        _, listed = self._listed(h)
        return [q for q in dict.fromkeys([*listed, *self._unposted]) if contains(self.seq[q], run)]

    def stock_phrase(self, run: list[int]) -> bool:
        """Whether a run of words recurs in different contexts: two or more different words just before
        it, or just after it, across the quotes holding it (a slogan, a stock phrase, boilerplate).
        Every report of one statement continues it the same way, so their contexts agree."""
        h = next(iter(shingles([self.vocab_hash[i] for i in run[:3]])))
        if self._listed(h)[0] > self.cap:
            return True
        before: set[int] = set()
        after: set[int] = set()
        n = len(run)
        for q in self.holding(run):
            seq = self.seq[q]
            for i, w in enumerate(seq[: len(seq) - n + 1]):
                if w == run[0] and seq[i : i + n] == run:
                    if i > 0:
                        before.add(seq[i - 1])
                    if i + n < len(seq):
                        after.add(seq[i + n])
        return len(before) > 1 or len(after) > 1

    def candidate_pairs(self) -> Iterator[tuple[int, int]]:
        """Distinct pairs of distinct quotes sharing a 3-gram that is not over the cap, at most a fixed
        number per posting and per quote, so their number is bounded by a multiple of the collection's size.

        A 3-gram in at most :attr:`common` quotes pairs them all: at most ``common - 1`` pairs per
        posting. A 3-gram in more quotes (up to :attr:`cap`) pairs a quote with the others holding it
        only when it is among that quote's :data:`PREFIX` rarest shared 3-grams (fewest quotes first,
        by :func:`rarity` class, ties by key): at most ``PREFIX * (cap - 1)`` pairs per quote. Without this, every 3-gram of
        common words below the cap paired all its quotes, and such 3-grams multiply as the collection
        grows. A fragment still meets the quote it was cut from (its every 3-gram is in it), and a
        reworded variant shares its rarest 3-grams with its source: of the links the unfiltered
        candidates give in ``bench/match.py``, all 35,887 are found at 100,000 synthetic quotes and
        71,984 of 71,985 at 200,000. Chance
        pairs through rare 3-grams remain and still grow faster than the collection (55,195 pairs at
        100,000 quotes, 376,506 at 400,000, 144,000 of them links); nearly all fail :func:`verify`'s
        first test, which costs a few microseconds.

        The order decides between equally good links (:func:`cluster` keeps the first): 3-grams in the
        order their second quote posted them (quotes in the order added, a quote's 3-grams in the order
        of :func:`shingles`' set), each 3-gram's pairs in posting order, every pair where first met.
        """
        keys, pos = self._tables()
        if len(keys) < 2:
            return
        cap = self.cap
        # runs of equal keys, found without an array per distinct key (most keys are in one quote only)
        step = np.diff((keys[1:] == keys[:-1]).view(np.int8), prepend=np.int8(0), append=np.int8(0))
        starts = np.flatnonzero(step == 1)
        counts = np.flatnonzero(step == -1) - starts + 1
        del step
        keep = counts <= cap
        starts, counts = starts[keep], counts[keep]
        del keep
        at = np.array(self._posted_at, dtype=np.int64)
        qids = np.array(self._posted_qid, dtype=np.int64)
        n_posted = len(at)
        # the quote (in posting order) of each posting position: one gather, not a search per posting
        owner = np.repeat(np.arange(n_posted, dtype=np.uint32), np.diff(at, append=len(keys)))
        del at
        chosen = self._prefix(starts, counts, pos, owner)
        order = np.argsort(pos[starts + 1], kind="stable")
        starts, counts = starts[order], counts[order]
        del order
        first_i, first_j = pair_positions(cap)
        npairs = counts * (counts - 1) // 2
        ends = np.cumsum(npairs)
        seen = np.empty(0, dtype=np.int64)
        lo = 0
        while lo < len(starts):
            hi = int(np.searchsorted(ends, (ends[lo - 1] if lo else 0) + _CHUNK, "right"))
            hi = max(hi, lo + 1)
            g_start, g_n, g_pairs = starts[lo:hi], counts[lo:hi], npairs[lo:hi]
            total = int(g_pairs.sum())
            g = np.repeat(np.arange(hi - lo), g_pairs)
            k = np.arange(total) - np.repeat(np.cumsum(g_pairs) - g_pairs, g_pairs)
            n = g_n[g]
            i, j = g_start[g] + first_i[n, k], g_start[g] + first_j[n, k]
            del g, k
            wanted = (n <= self.common) | chosen[i] | chosen[j]
            i, j = i[wanted], j[wanted]
            del n, wanted
            a, b = owner[pos[i]].astype(np.int64), owner[pos[j]].astype(np.int64)
            del i, j
            code = np.minimum(a, b) * n_posted + np.maximum(a, b)
            del a, b
            code, first = np.unique(code, return_index=True)
            if len(seen):
                where = np.minimum(np.searchsorted(seen, code), len(seen) - 1)
                new = seen[where] != code
                code, first = code[new], first[new]
            seen = np.concatenate([seen, code])
            seen.sort(kind="stable")  # two sorted runs: merged in linear time
            code = code[np.argsort(first, kind="stable")]
            qa, qb = qids[code // n_posted], qids[code % n_posted]
            yield from zip(np.minimum(qa, qb).tolist(), np.maximum(qa, qb).tolist(), strict=True)
            lo = hi

    def _prefix(self, starts: np.ndarray, counts: np.ndarray, pos: np.ndarray, owner: np.ndarray) -> np.ndarray:
        """Which postings (indexes into the sorted tables) are among their quote's :data:`PREFIX` rarest
        shared 3-grams: fewest quotes first (by :func:`rarity` class), ties by key; only 3-grams in
        ``2..cap`` quotes count."""
        chosen = np.zeros(len(pos), dtype=bool)
        low = counts <= self.common
        many = np.flatnonzero(~low)
        if not len(many):
            return chosen
        # a quote's 3-grams in few quotes come before every 3-gram in more: count those per quote only
        has_low = np.zeros(int(owner[-1]) + 1, dtype=np.int64)
        for part in np.array_split(np.flatnonzero(low), _PARTS):  # a part at a time: small temporaries
            rows = np.repeat(starts[part], counts[part]) + _ranges(counts[part])
            has_low += np.bincount(owner[pos[rows]], minlength=len(has_low))
        del rows
        rows = np.repeat(starts[many], counts[many]) + _ranges(counts[many])
        picked = rarest_postings(
            owner[pos[rows]].astype(np.int64),
            np.repeat(np.frexp(counts[many])[1], counts[many]),  # rarity class, see rarity()
            np.repeat(many, counts[many]),  # runs are in key order: ties go by key
            has_low,
        )
        chosen[rows[picked]] = True
        return chosen

    def stopword_ids(self) -> set[int]:
        return {i for w, i in self.vocab.items() if w in STOPWORDS}

    def compare(self, a: int, b: int, *, stop: set[int] | None = None) -> Link | None:
        """Verify that two quotes report one statement; see the module docstring for the rule."""
        sa, sb = self.seq[a], self.seq[b]
        if len(sa) > len(sb) or (len(sa) == len(sb) and a > b):
            a, b, sa, sb = b, a, sb, sa
        return verify(a, b, sa, sb, self, relation(self.speaker[a], self.speaker[b]), stop)


def rarity(n: int) -> int:
    """The rarity class of a 3-gram in ``n`` quotes that :meth:`Index.candidate_pairs` ranks a quote's
    3-grams by: 6-7 quotes, 8-15, 16-31, 32 and more (``n.bit_length()``). Classes, not counts: a new
    quote then changes which 3-grams are another quote's rarest only when a count it raises enters
    another class, so an import finds the few quotes whose candidates changed without reading every
    quote that shares a 3-gram with it (:func:`quotecheck.matching.restate.shifted`)."""
    return n.bit_length()


def rarest_postings(quote: np.ndarray, rarity: np.ndarray, tie: np.ndarray, low: np.ndarray) -> np.ndarray:
    """The candidate rule's prefix filter over postings of 3-grams in more than ``common`` quotes (and at
    most ``cap``): the positions, in these arrays, of the postings that are among their quote's
    :data:`PREFIX` rarest shared 3-grams. Shared by :meth:`Index.candidate_pairs` and the batch path
    (:mod:`quotecheck.batch.match`), so both pair the same quotes.

    Args:
        quote: each posting's quote, as an index into ``low``.
        rarity: the :func:`rarity` class of the posting's 3-gram (fewer quotes, lower class).
        tie: orders the 3-grams of one class as their keys do (the key itself, or its rank among keys).
        low: per quote, how many of its 3-grams are in ``2..common`` quotes: those come first.
    """
    order = np.lexsort((tie, rarity, quote))
    del tie, rarity  # at 10^6 quotes these are ~10^7 postings each: let them go before the next arrays
    quote = quote[order]
    first = np.flatnonzero(np.diff(quote, prepend=-1))
    rank = np.arange(len(quote)) - np.repeat(first, np.diff(first, append=len(quote)))
    return order[rank + low[quote] < PREFIX]


def _ranges(lengths: np.ndarray) -> np.ndarray:
    """``0..n-1`` for every ``n`` in ``lengths``, concatenated."""
    return np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)


_PARTS = 16
_PART_SHIFT = 58  # keys have 62 bits: the top four pick one of 16 ranges
_CHUNK = 1_000_000
"""Candidate pairs generated (before removing repeats) per step: bounds the temporary arrays."""


def pair_positions(cap: int) -> tuple[np.ndarray, np.ndarray]:
    """``(I, J)`` with ``I[n, k], J[n, k]`` the k-th pair ``i < j`` of a list of ``n`` in nested-loop order."""
    size = max(cap, 2) + 1
    width = size * (size - 1) // 2
    first_i = np.zeros((size, width), dtype=np.int64)
    first_j = np.zeros((size, width), dtype=np.int64)
    for n in range(2, size):
        i, j = np.triu_indices(n, 1)
        first_i[n, : len(i)] = i
        first_j[n, : len(j)] = j
    return first_i, first_j


class _Shingles(Mapping):
    """:attr:`Index.shingles`: the 3-gram keys of each posted quote, computed from its words when asked."""

    def __init__(self, index: Index) -> None:
        self._index = index

    def __getitem__(self, qid: int) -> set[int]:
        if qid not in self._index._posted:
            raise KeyError(qid)
        vh = self._index.vocab_hash
        return shingles([vh[i] for i in self._index.seq[qid]])

    def __contains__(self, qid: object) -> bool:
        return qid in self._index._posted

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._index._posted_qid))

    def __len__(self) -> int:
        return len(self._index._posted)


def is_question(text: str) -> bool:
    """Whether a quote ends in a question mark (a reporter's question, not a statement)."""
    return text.rstrip(" \t\n\"'”’»,.;:—–-)").endswith(("?", "？"))


def relation(x: int | None, y: int | None) -> str:
    """``"same"``, ``"unknown"`` (a side has no speaker) or ``"different"``."""
    if x is None or y is None:
        return "unknown"
    return "same" if x == y else "different"


BARS = ("same", "unknown", "different")
"""The relations of two quotes' speakers from the lowest bar :func:`verify` sets to the highest: a pair
that fails one bar fails every higher one, and a pair that passes gives the same link under each bar it
passes (the link's figures do not depend on the relation). A speaker decision that changes a pair's
relation asks the lower bar first, and needs the higher one only when the pair passes it."""


def verify(a: int, b: int, s: list[int], long: list[int], index: Index, rel: str, stop: set[int] | None) -> Link | None:
    """The verification rule on word-id lists ``s`` (shorter) and ``long``.

    - 3–5 words: the whole quote appears unbroken inside the other, the speakers do not conflict, and
      it holds rare words (two with the same speaker, three otherwise; or with the same speaker one
      word nearly unique in the project) — a stock phrase is no fragment.
    - Two cuts that overlap: an unbroken shared run of 8+ words covering 40% of the shorter (same
      speaker), or 12+ words and 50% (a speaker unknown), with specific words; beyond the run at most
      one of the two goes on at each end (:func:`_cuts_agree`), and the run is no stock phrase
      (:meth:`Index.stock_phrase`) — a slogan inside two speeches is not one statement.
    - 6+ words (and, for quotes of similar length, even when the halves are swapped): ≥70% of the words
      (≥80% weighted by rarity when a speaker is unknown, ≥90% across two different speakers, which is
      then a misattribution to flag) appear in order or as moved chunks, with an unbroken run of three
      or more and some rare words. Across different speakers (which is then flagged as a
      misattribution) 85% of a quote of 10+ words (80% weighted). From 20 words (:data:`LONG`) the
      rarity-weighted bar is 0.1 lower, since a translated quote swaps its content words for synonyms.
    - Two different known speakers never link below 8 words (:data:`ACROSS`), even verbatim.
    - A question and a statement link only when one holds the other whole (a cut of the question, or
      the question quoted inside a longer remark): an answer often repeats the question's words.
    """
    n = len(s)
    if n < MIN_WORDS:
        return None
    if rel == "different" and n < ACROSS:
        return None
    if s == long:
        if n < SHORT and rel != "same" and sum(index.rare(w) for w in s) < 3:
            return None
        return Link(a, b, 1.0, 1.0, True)
    if (a in index.question) != (b in index.question) and not contains(long, s):
        return None  # a question and the answer that takes up its words are two statements
    similar = len(long) <= 1.5 * n + 4
    lcs = LCSseq.similarity(s, long)
    overlap_ok = rel != "different" and lcs >= OVERLAP[rel][0]  # may still be two cuts that overlap
    if lcs < MIN_WORDS or (lcs < 0.6 * n and (n < SHORT or not (similar or overlap_ok) or rel == "different")):
        return None
    need = {"same": 0.7, "unknown": 0.8, "different": 0.9 if n < 10 else 0.85}[rel]
    if n >= SHORT and not overlap_ok and lcs < need * n and lcs + 2 * _shared_bigrams(s, long) < need * n:
        # the words covered below are aligned ones (at most the LCS) and those in a shared word pair:
        # too few either way (most candidates share one 3-gram by chance), so skip the alignment
        return None
    stop = stop if stop is not None else index.stopword_ids()
    if n < SHORT:
        if not contains(long, s):
            return None
        content = [w for w in s if w not in stop]
        rare = sum(1 for w in content if index.rare(w))
        if rare < (2 if rel == "same" else 3) and _specific(index, content) < (0.7 if rel == "same" else 2.0):
            return None
        return Link(a, b, 1.0, 1.0, True)
    ops = Indel.opcodes(s, long)
    blocks = [(o.src_start, o.dest_start, o.src_end - o.src_start) for o in ops if o.tag == "equal"]
    chain = _best_chain(blocks, max(4, n // 2))
    run = max(size for _, _, size in chain)
    covered = set()
    for i, _, size in chain:
        covered.update(range(i, i + size))
    lo, hi = chain[0][1], chain[-1][1] + chain[-1][2]
    window = long if similar else long[max(0, lo - n) : hi + n]  # halves swapped: look everywhere
    pairs = set(zip(window, window[1:], strict=False))
    for i in range(n - 1):
        if (s[i], s[i + 1]) in pairs and not (s[i] in stop and s[i + 1] in stop):
            covered.add(i)
            covered.add(i + 1)
    weights = [index.idf(w) * (0.3 if w in stop else 1.0) for w in s]
    total = sum(weights) or 1.0
    coverage = len(covered) / n
    weighted = sum(weights[i] for i in covered) / total
    # a reworded (translated) statement swaps content words, which weigh most: a long quote whose words
    # mostly come in order is that statement even when the swapped words are rare
    need_weighted = need - (0.05 if rel == "different" else 0.1 if n >= LONG else 0.0)
    if run < 3:
        return None
    if coverage < need or weighted < need_weighted:
        if rel == "different" or run < OVERLAP[rel][0] or run < OVERLAP[rel][1] * n:
            return None
        best = max(chain, key=lambda blk: blk[2])  # two cuts of one statement share an unbroken stretch
        if not _cuts_agree(best, n, len(long)) or index.stock_phrase(s[best[0] : best[0] + best[2]]):
            return None
        covered = set(range(best[0], best[0] + best[2]))
    content = [s[i] for i in covered if s[i] not in stop]
    rare = sum(1 for w in content if index.rare(w))
    specific = _specific(index, content)
    if rare < 2 and specific < (1.2 if rel == "same" else 1.5) and not (rel == "same" and coverage >= 0.9 and n >= 8):
        return None
    verbatim = run == n or contains(long, s)
    return Link(a, b, coverage, weighted, verbatim)


def _shared_bigrams(s: list[int], long: list[int]) -> int:
    """How many of the word pairs of ``s`` (by position) occur anywhere in ``long``."""
    pairs = set(zip(long, long[1:], strict=False))
    return sum(1 for p in zip(s, s[1:], strict=False) if p in pairs)


def _cuts_agree(block: tuple[int, int, int], n: int, m: int, slack: int = 2) -> bool:
    """Whether two quotes of ``n`` and ``m`` words sharing ``block`` can be two cuts of one statement:
    on each side of the shared stretch at most one of them goes on (beyond ``slack`` words). Two
    quotes that both go on past it on one side, with different words, say different things."""
    i, j, size = block
    return min(i, j) <= slack and min(n - i - size, m - j - size) <= slack


SPECIFIC_SCALE = 100_000
"""Up to this many quotes, a word's specificity is counted in units of one word found in no other quote
of the project; beyond, in units of such a word among this many. Otherwise the unit keeps growing with
the project (the log of its size) and a word as frequent, in share, as before counts for less and less:
at a million quotes short cuts with the same words stopped being recognised (variants placed with their
source fell from 0.925 to 0.910 in ``bench/match.py``). Below the scale nothing changes."""


def _specific(index: Index, content: list[int]) -> float:
    """How specific shared words are, in units of one word found in no other quote (see :data:`SPECIFIC_SCALE`)."""
    n = index.n_docs + index.extra_docs
    return sum(index.idf(w) - 1.0 for w in content) / math.log(min(n, SPECIFIC_SCALE) + 2)


def contains(long: list[int], short: list[int]) -> bool:
    """Whether ``short`` appears unbroken inside ``long``."""
    first, n = short[0], len(short)
    return any(long[i : i + n] == short for i, w in enumerate(long[: len(long) - n + 1]) if w == first)


def _best_chain(blocks: list[tuple[int, int, int]], gap: int) -> list[tuple[int, int, int]]:
    """The run of aligned blocks, no more than ``gap`` words apart, that matches the most words."""
    best: list = []
    best_size = 0
    current: list = []
    size = 0
    for blk in blocks:
        if current:
            pi, pj, ps = current[-1]
            if blk[0] - (pi + ps) > gap or blk[1] - (pj + ps) > gap:
                if size > best_size:
                    best, best_size = current, size
                current, size = [], 0
        current.append(blk)
        size += blk[2]
    if size > best_size:
        best = current
    return best


def links(index: Index, pairs: Iterable[tuple[int, int]] | None = None) -> list[Link]:
    """Verified links among candidate pairs (by default all candidates of the index), copies included."""
    stop = index.stopword_ids()
    found = []
    for a, b in index.candidate_pairs() if pairs is None else pairs:
        link = index.compare(a, b, stop=stop)
        if link is not None:
            found.append(link)
    return found


def order_key(index: Index, qid: int) -> tuple[int, int]:
    """Fuller quotes first; the earliest id breaks ties. Links run from later to earlier in this order."""
    return (-len(index.seq[qid]), qid)


def cluster(index: Index, found: Iterable[Link]) -> dict[int, int]:
    """``quote id -> root quote id`` for every quote in a cluster of two or more (copies included).

    Each quote takes its single best link to a quote earlier in :func:`order_key` order and joins that
    quote's root, so clusters are trees under their fullest version.

    Example:
        >>> idx = Index(); idx.add(1, "we will build a new bridge over the river next year", 7)
        >>> idx.add(2, "a new bridge over the river", 7); sorted(cluster(idx, links(idx)).items())
        [(1, 1), (2, 1)]
    """
    parent: dict[int, tuple[float, int]] = {}
    for link in found:
        child, target = link.short, link.long
        if order_key(index, child) < order_key(index, target):
            child, target = target, child
        if child not in parent or link.score > parent[child][0]:
            parent[child] = (link.score, target)
    root: dict[int, int] = {}
    for q in sorted(parent, key=lambda q: order_key(index, q)):
        target = parent[q][1]
        root[q] = root.get(target, target)
    for q in list(root.values()):
        root.setdefault(q, q)
    for q, rep in index.rep.items():
        if rep != q and index.compare(rep, q) is not None:
            root[q] = root.get(rep, rep)
            root.setdefault(rep, rep)
    return root


def role(index: Index, qid: int, root: int) -> str:
    """``root``, ``copy`` (same words), ``fragment`` (under 3/4 of the root's length) or ``variant``."""
    if qid == root:
        return "root"
    s, r = index.seq[qid], index.seq[root]
    if s == r:
        return "copy"
    return "fragment" if len(s) < 0.75 * len(r) else "variant"


def similarity(index: Index, qid: int, root: int) -> float:
    """How much of the root's wording a member shares (0..1), for ranking members."""
    return round(Indel.normalized_similarity(index.seq[qid], index.seq[root]), 3)
