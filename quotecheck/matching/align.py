"""Word-level alignment of two quotes, with each differing block labelled by how much it matters.

The side-by-side view marks what differs between two reports of one statement. Words (and punctuation
marks) are compared folded and lower-cased, aligned with a word-level Levenshtein alignment (rapidfuzz,
in C), and every op is mapped back to character offsets in both original texts so the marks land on
the words as printed.

Severity of a differing block:

- ``severe``: a number, a negation, a name or a modal verb changed, or a cut end lost a "not", "if",
  "but" (the meaning can flip). A negating prefix is a negation: "likely" → "unlikely", "legal" →
  "illegal", "agree" → "disagree" (:mod:`.prefixes`; "cover" → "discover" is no such change).
- ``moderate``: other content words changed, added or left out, among them a word with letters added at
  its start ("press" → "impress", "cover" → "uncover": another word, though it looks like a spelling);
  a pronoun of another person ("his" → "her", "we" → "they"): someone else is meant.
- ``minor``: punctuation, inflection, contraction, spelling, a function-word swap, or words moved.
- ``info``: the quote is shortened at an end (a fragment), losing nothing that flips meaning.

When either report is a translation, content-word changes are expected: they drop one level and say
"possible translation difference"; numbers, negations and names stay severe.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz.distance import Indel, JaroWinkler, LCSseq

from ..records import DiffOp as Op  # one aligned block: the same record the window and exports read
from .prefixes import turned
from .statements import STOPWORDS, fold

log = logging.getLogger(__name__)

SEVERITY_ORDER = {"info": 0, "minor": 1, "moderate": 2, "severe": 3}

OTHER_WORDS = "same factor in other words"
"""The label of a block that says the same factor in other words ("doubled" / "risen two-fold")."""

NEGATORS = frozenset({"not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "without", "cannot", "non"})
"""Words that negate; "non" is the prefix of "non-binding", which the tokens split at the hyphen."""
MODALS = frozenset({"will", "would", "can", "could", "may", "might", "must", "should", "shall", "won't", "can't"})
NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion trillion half dozen first second third fourth fifth percent""".split()
)
MULTIPLIER_WORDS = {
    **dict.fromkeys(("twice", "double", "doubled", "doubles", "doubling", "twofold"), "two"),
    **dict.fromkeys(("thrice", "triple", "tripled", "triples", "tripling", "treble", "trebled", "threefold"), "three"),
    **dict.fromkeys(("quadruple", "quadrupled", "quadruples", "quadrupling", "fourfold"), "four"),
    **dict.fromkeys(("halve", "halved", "halves", "halving"), "half"),
    **{f"{n}fold": n for n in "five six seven eight nine ten twelve twenty fifty hundred thousand".split()},
}
"""Words that say a number as a factor, with the number word of the factor: "doubled" and "tripled",
"twice" and "three times" say other numbers; "doubled", "twice", "two times", "two-fold", "2-fold" and
"twofold" the same one, as "halved", "in half" and "by half" do (:data:`FACTOR_AFTER`, :data:`HALF_AFTER`)."""
FACTOR_AFTER = frozenset({"times", "fold"})
"""Words that make the number before them a factor ("three times", "2-fold": "2" is read as "two")."""
HALF_AFTER = frozenset({"in", "by"})
"""Words that make a "half" after them a factor ("cut in half", "fell by half"), as "halved" is."""
FACTOR_VERBS = {
    "up": frozenset(
        "rise risen rose rises grow grown grew grows increase increased increases climbed jumped soared".split()
    ),
    "down": frozenset(
        "cut cuts fall fallen fell falls drop dropped drops reduce reduced reduces shrunk shrank slashed".split()
    ),
}
"""Verbs a factor said as a verb includes ("doubled" is "risen two-fold", "halved" is "cut in half")."""
PERSONS = {
    **dict.fromkeys(("i", "me", "my", "mine", "myself"), "I"),
    **dict.fromkeys(("we", "us", "our", "ours", "ourselves"), "we"),
    **dict.fromkeys(("you", "your", "yours", "yourself", "yourselves"), "you"),
    **dict.fromkeys(("he", "him", "his", "himself"), "he"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "she"),
    **dict.fromkeys(("it", "its", "itself", "they", "them", "their", "theirs", "themselves"), "it/they"),
}
"""Personal and possessive pronouns by the person they point to: "his" → "her" is someone else, "he" →
"him" the same one. "it" and "they" are one: a body is either ("the council says it", "they")."""
_DIGITS = "zero one two three four five six seven eight nine ten eleven twelve".split()
PIVOTS = NEGATORS | {"if", "but", "unless", "except", "although", "though", "however"}
CONTRACTIONS = {
    "n't": " not",
    "'re": " are",
    "'ve": " have",
    "'ll": " will",
    "'m": " am",
    "'d": " would",
    "won't": "will not",
    "can't": "can not",
    "cannot": "can not",
}

SPELT_WITH_A_PREFIX = [{"though", "although"}, {"midst", "amidst"}, {"round", "around"}]
"""The few words that are another with letters added at its start and still the same word."""

_TOKEN = re.compile(r"[^\W_]+(?:['.,][^\W_]+)*|[^\w\s\"'“”‘’«»„‹›]")


@dataclass(frozen=True)
class _Tok:
    norm: str
    raw: str
    start: int
    end: int
    name: bool = False

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalnum()


def _tokens(text: str) -> list[_Tok]:
    folded = fold(text).replace("\u2019", "'")
    out: list[_Tok] = []
    for m in _TOKEN.finditer(folded):
        norm = m.group()
        if "," in norm:
            norm = norm.replace(",", "") if norm[:1].isdigit() else norm
        elif norm in "\u2013\u2014":
            norm = "-"
        raw = text[m.start() : m.end()]
        # a capitalised word that does not open a sentence: a rough proper-noun test
        name = (
            raw[:1].isupper() and norm not in STOPWORDS and bool(out) and out[-1].norm not in {".", "!", "?", ":", "-"}
        )
        out.append(_Tok(norm, raw, m.start(), m.end(), name))
    return out


def align(a: str, b: str, *, translated: bool = False) -> list[Op]:
    """Align quote ``a`` with quote ``b`` word by word and label each differing block.

    Example:
        >>> [(op.tag, op.severity) for op in align("We will not pay.", "We will pay.") if op.tag != "equal"]
        [('delete', 'severe')]
    """
    ta, tb = _tokens(a), _tokens(b)
    vocab: dict[str, int] = {}
    ia = [vocab.setdefault(t.norm, len(vocab)) for t in ta]
    ib = [vocab.setdefault(t.norm, len(vocab)) for t in tb]
    blocks = _absorb(_align_ids(ia, ib), ta)
    removed: Counter[str] = Counter()
    added: Counter[str] = Counter()
    for tag, i1, i2, j1, j2 in blocks:
        if tag != "equal":
            removed.update(_stem(t.norm) for t in ta[i1:i2] if t.is_word)
            added.update(_stem(t.norm) for t in tb[j1:j2] if t.is_word)
    ops = []
    for tag, i1, i2, j1, j2 in blocks:
        a0, a1 = _span(ta, i1, i2, a)
        b0, b1 = _span(tb, j1, j2, b)
        if tag == "equal":
            ops.append(Op("equal", a0, a1, b0, b1))
            continue
        lead, tail = i1 == 0 and j1 == 0, i2 == len(ta) and j2 == len(tb)
        # a cut end: words on one side only (the other may keep a comma where the cut was made)
        one_sided = not any(t.is_word for t in ta[i1:i2]) or not any(t.is_word for t in tb[j1:j2])
        cut = ("lead" if lead else "tail") if (lead or tail) and one_sided else ""
        shown = (a[a0:a1].strip(" ,;:"), b[b0:b1].strip(" ,;:"))
        severity, label, note = _label(ta, tb, i1, i2, j1, j2, cut, removed, added, translated)
        what = _describe(shown[0] or " ".join(t.raw for t in ta[i1:i2]), shown[1] or " ".join(t.raw for t in tb[j1:j2]))
        ops.append(Op(tag, a0, a1, b0, b1, severity, f"{label}: {what}{note}", label))
    return ops


def _align_ids(ia: list[int], ib: list[int]) -> list[tuple[str, int, int, int, int]]:
    """Blocks aligning two id lists; a much shorter side is first placed at its best window.

    A global alignment scatters a fragment's common words ("in", "a") over the longer quote, so the
    fragment is aligned only with the stretch of the longer quote that holds it; the rest is a cut end.
    """
    n, m = len(ia), len(ib)
    if min(n, m) >= 0.75 * max(n, m) or min(n, m) == 0:
        return _blocks([(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Indel.opcodes(ia, ib)])
    short, long = (ia, ib) if n < m else (ib, ia)
    k = len(short)
    best, start = -1.0, 0
    for s0 in range(len(long) - k + 1):
        score = LCSseq.similarity(short, long[s0 : s0 + k])
        if score > best:
            best, start = score, s0
    slack = k // 4
    lo, hi = max(0, start - slack), min(len(long), start + k + slack)
    raw = []
    for o in Indel.opcodes(short, long[lo:hi]):
        raw.append((o.tag, o.src_start, o.src_end, o.dest_start + lo, o.dest_end + lo))
    if lo:
        raw.insert(0, ("insert", 0, 0, 0, lo))
    if hi < len(long):
        raw.append(("insert", k, k, hi, len(long)))
    if n > m:  # the short side was ``b``: swap back
        swap = {"insert": "delete", "delete": "insert"}
        raw = [(swap.get(t, t), j1, j2, i1, i2) for t, i1, i2, j1, j2 in raw]
    return _blocks(raw)


def _blocks(opcodes) -> list[tuple[str, int, int, int, int]]:
    """Opcodes with runs of adjacent non-equal ops merged into one block (edge cuts kept apart)."""
    out: list[list] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if out and tag != "equal" and out[-1][0] != "equal":
            prev = out[-1]
            prev[2], prev[4] = i2, j2
        else:
            out.append([tag, i1, i2, j1, j2])
    for blk in out:
        if blk[0] != "equal":
            has_a, has_b = blk[2] > blk[1], blk[4] > blk[3]
            blk[0] = "replace" if has_a and has_b else ("delete" if has_a else "insert")
    return [tuple(b) for b in out]


def _absorb(blocks, ta: list[_Tok]) -> list[tuple[str, int, int, int, int]]:
    """Fold a lone matching function word or mark between two changes into one change.

    An alignment happily matches a stray "the" or comma inside a rewritten passage; shown on its own it
    splits one change into two confusing ones.
    """
    out: list[list] = []
    for blk in blocks:
        blk = list(blk)
        if (
            len(out) >= 2
            and blk[0] != "equal"
            and out[-1][0] == "equal"
            and out[-2][0] != "equal"
            and out[-1][2] - out[-1][1] == 1
            and (ta[out[-1][1]].norm in STOPWORDS or not ta[out[-1][1]].is_word)
        ):
            out.pop()
            prev = out[-1]
            prev[2], prev[4] = blk[2], blk[4]
            prev[0] = "replace" if prev[2] > prev[1] and prev[4] > prev[3] else prev[0]
            continue
        out.append(blk)
    return [tuple(b) for b in out]


def _span(toks: list[_Tok], i: int, j: int, text: str) -> tuple[int, int]:
    if j > i:
        return toks[i].start, toks[j - 1].end
    pos = toks[i].start if i < len(toks) else len(text.rstrip())
    return pos, pos


def _label(ta, tb, i1, i2, j1, j2, cut: str, removed, added, translated: bool) -> tuple[str, str, str]:
    """``(severity, label, note)`` of one differing block: ``why`` reads "label: what it is[ note]"."""
    wa = [t for t in ta[i1:i2] if t.is_word]
    wb = [t for t in tb[j1:j2] if t.is_word]
    na, nb = [t.norm for t in wa], [t.norm for t in wb]
    if not wa and not wb:
        return "minor", "punctuation", ""
    if cut:
        lost = set(_next_to_cut(ta[i1:i2] if wa else tb[j1:j2], cut)) & PIVOTS
        if lost:
            return "severe", f"shortened, leaving out {', '.join(sorted(lost))!r}", ""
        return "info", "shortened", ""
    if _expand(na) == _expand(nb):
        return "minor", "contraction", ""
    if _numbers(na) != _numbers(nb):
        return "severe", "number changed", ""
    if (set(na) & NEGATORS) != (set(nb) & NEGATORS) or _negated(na) != _negated(nb) or turned(na, nb):
        return "severe", "negation changed", ""
    if not (wa and wb) and _name_part(ta, i1, i2) and _name_part(tb, j1, j2):
        return "minor", "part of a name", ""  # "Selna River" / "Selna"
    names_a = {_stem(t.norm) for t in wa if t.name} - {_stem(w) for w in nb}
    names_b = {_stem(t.norm) for t in wb if t.name} - {_stem(w) for w in na}
    if {w for w in names_a if not added[w]} or {w for w in names_b if not removed[w]}:
        return "severe", "name changed", ""
    note = " (possible translation difference)" if translated else ""
    if (set(na) & MODALS) != (set(nb) & MODALS):
        return ("moderate" if translated else "severe"), "modal verb changed", note
    if same_factor(na, nb):
        return "minor", OTHER_WORDS, ""
    sa, sb = Counter(_stem(w) for w in na), Counter(_stem(w) for w in nb)
    if sa == sb and na != nb:
        if sorted(na) == sorted(nb):
            return "minor", "words reordered", ""
        return "minor", "inflection", ""
    pa, pb = _persons(na), _persons(nb)
    if pa and pb and pa != pb:
        return ("minor" if translated else "moderate"), "a different person", note
    if sa and sb and all(added[w] >= c for w, c in sa.items()) and all(removed[w] >= c for w, c in sb.items()):
        return "minor", "words moved", ""
    if sa and not sb and all(added[w] >= c for w, c in sa.items()):
        return "minor", "words moved", ""
    if sb and not sa and all(removed[w] >= c for w, c in sb.items()):
        return "minor", "words moved", ""
    if len(na) == len(nb) and all(_spelling(x, y) for x, y in zip(na, nb, strict=False)):
        return "minor", "spelling", ""
    if all(w in STOPWORDS for w in na + nb):
        return "minor", "function words", ""
    gone = [w for w in dict.fromkeys(na) if _stem(w) not in sb and not added[_stem(w)] and w not in STOPWORDS]
    new = [w for w in dict.fromkeys(nb) if _stem(w) not in sa and not removed[_stem(w)] and w not in STOPWORDS]
    detail = "; ".join(
        p for p in (f"dropped: {', '.join(gone)}" if gone else "", f"new: {', '.join(new)}" if new else "") if p
    )
    return ("minor" if translated else "moderate"), "wording", f"{' (' + detail + ')' if detail else ''}{note}"


def _next_to_cut(toks: list[_Tok], cut: str) -> list[str]:
    """The words of a cut-off stretch within the kept sentence: what a cut could twist ("not", "if")."""
    words: list[str] = []
    seq = toks if cut == "tail" else list(reversed(toks))
    for t in seq:
        if t.norm in {".", "!", "?", ";"}:
            break
        if t.is_word:
            words.append(t.norm)
    return words[:4]


def _name_part(toks: list[_Tok], i: int, j: int) -> bool:
    """Words ``toks[i:j]`` (maybe none) are all capitalised and sit next to a capitalised word."""
    inside = [t for t in toks[i:j] if t.is_word]
    if any(not t.name for t in inside):
        return False
    return (i > 0 and toks[i - 1].name) or (j < len(toks) and toks[j].name)


def _describe(a: str, b: str) -> str:
    if a and b:
        return f"“{a}” → “{b}”"
    return f"“{a}” left out" if a else f"“{b}” added"


def _numbers(ws: list[str]) -> Counter[str]:
    """The numbers of some words, a factor read as one ("doubled", "twice" and "two-fold" are ×two)."""
    return _factors(ws)[0]


def _factors(ws: list[str]) -> tuple[Counter[str], set[int]]:
    """The numbers of some words (a factor as "×" and its number word) and the indices of the words
    that say a factor rather than the number itself ("times" of "three times", "in half")."""
    out: Counter[str] = Counter()
    said: set[int] = set()
    for i, w in enumerate(ws):
        if w == "half" and i and ws[i - 1] in HALF_AFTER:
            out["×half"] += 1
            said.update((i - 1, i))
        elif w in MULTIPLIER_WORDS:
            out["×" + MULTIPLIER_WORDS[w]] += 1
            said.add(i)
        elif w in NUMBER_WORDS or any(c.isdigit() for c in w):
            if ws[i + 1 : i + 2] and ws[i + 1] in FACTOR_AFTER:
                out["×" + (_DIGITS[int(w)] if w.isdigit() and int(w) < len(_DIGITS) else w)] += 1
                said.update((i, i + 1))
            else:
                out[w] += 1
    return out, said


def same_factor(a: list[str], b: list[str]) -> bool:
    """Words ``a`` and ``b`` say the same factor in other words: the factors agree and, besides them,
    only function words or a verb the other's factor includes differ ("doubled" / "risen two-fold",
    "halved" / "cut in half"; not "risen two-fold" / "fallen two-fold").

    Example:
        >>> same_factor(["doubled"], ["risen", "two", "fold"]), same_factor(["tripled"], ["doubled"])
        (True, False)
    """
    (fa, sa), (fb, sb) = _factors(a), _factors(b)
    if fa != fb or not any(k.startswith("×") for k in fa):
        return False
    rest_a = [w for i, w in enumerate(a) if i not in sa and w not in STOPWORDS]
    rest_b = [w for i, w in enumerate(b) if i not in sb and w not in STOPWORDS]
    way = "down" if "×half" in fa else "up"
    verbs = FACTOR_VERBS[way]
    others = FACTOR_VERBS["up"] | FACTOR_VERBS["down"]
    if not any(w in others for w in rest_b):
        rest_a = [w for w in rest_a if w not in verbs]
    if not any(w in others for w in rest_a):
        rest_b = [w for w in rest_b if w not in verbs]
    return Counter(map(_stem, rest_a)) == Counter(map(_stem, rest_b))


def _persons(ws: list[str]) -> Counter[str]:
    """The persons the pronouns among ``ws`` point to ("he's" is "he")."""
    return Counter(PERSONS[p] for w in ws if (p := w.split("'")[0]) in PERSONS)


def _negated(ws: list[str]) -> int:
    return sum(w.endswith("n't") for w in ws)


def _stem(w: str) -> str:
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            return w[: -len(suffix)] + repl
    return w


def _expand(ws: list[str]) -> list[str]:
    text = " ".join(ws)
    for short, full in CONTRACTIONS.items():
        text = text.replace(short, full)
    return text.split()


def _spelling(x: str, y: str) -> bool:
    """Whether ``x`` and ``y`` are one word spelt two ways: "colour" / "color", "judgment" / "judgement".

    A word with letters added at its start is another word, however alike the two look: "press" /
    "impress", "cover" / "uncover", "informed" / "misinformed" (a prefix that negates is caught before,
    as a negation).
    """
    if x == y or {x, y} in SPELT_WITH_A_PREFIX:
        return True
    return min(len(x), len(y)) >= 4 and not _prefixed(x, y) and JaroWinkler.similarity(x, y) >= 0.9


def _prefixed(x: str, y: str) -> bool:
    """One of ``x`` and ``y`` is the other, or its stem, with letters added at its start."""
    for a, b in ((x, y), (_stem(x), _stem(y))):
        short, long = sorted((a, b), key=len)
        if len(long) > len(short) and long.endswith(short):
            return True
    return False


PART_SHARE = 0.5
"""Below this share of the shorter quote's words aligned with the other, two quotes are different parts
of a statement (the words before and after "she said"), not two wordings of one passage."""


def aligned_share(a: str, b: str, ops: list[Op]) -> float:
    """The share of the shorter text's words that ``ops`` (``align(a, b)``) finds in both, 0..1.

    A word diff only means something when most words align: two different stretches of one long
    statement align a stray "the" or two and otherwise differ throughout.

    Example:
        >>> a, b = "We will build the bridge next year", "Ask the farmers what the river needs now"
        >>> aligned_share(a, b, align(a, b)) < PART_SHARE
        True
    """
    words_a = [t for t in _tokens(a) if t.is_word]
    words_b = [t for t in _tokens(b) if t.is_word]
    if not words_a or not words_b:
        return 1.0 if not words_a and not words_b else 0.0
    equal = [op for op in ops if op.tag == "equal"]
    shared = sum(1 for t in words_a if any(op.a_start <= t.start and t.end <= op.a_end for op in equal))
    return shared / min(len(words_a), len(words_b))


def other_part(a: str, b: str, ops: list[Op]) -> bool:
    """Whether ``a`` and ``b`` (aligned as ``ops``) are different stretches of one statement rather than
    two wordings of one passage: under :data:`PART_SHARE` of the shorter aligns, and under that share of
    its content words occurs anywhere in the other (halves swapped round are the same words moved).

    Example:
        >>> a, b = "We will build the bridge next year", "Ask the farmers what the river needs now"
        >>> c = "next year we will build the bridge"
        >>> other_part(a, b, align(a, b)), other_part(a, c, align(a, c))
        (True, False)
    """
    if aligned_share(a, b, ops) >= PART_SHARE:
        return False
    content_a = Counter(_stem(t.norm) for t in _tokens(a) if t.is_word and t.norm not in STOPWORDS)
    content_b = Counter(_stem(t.norm) for t in _tokens(b) if t.is_word and t.norm not in STOPWORDS)
    shorter = min(sum(content_a.values()), sum(content_b.values()))
    return not shorter or sum((content_a & content_b).values()) / shorter < PART_SHARE


def worst(ops: list[Op]) -> str | None:
    """The highest severity among the differing blocks, or None when nothing differs."""
    levels = [op.severity for op in ops if op.tag != "equal" and op.severity]
    return max(levels, key=SEVERITY_ORDER.__getitem__) if levels else None


def differs(ops: list[Op]) -> bool:
    """Whether the two texts differ anywhere except a cut end (wording drift, not a fragment)."""
    return any(op.tag != "equal" and not op.why.startswith("shortened") for op in ops)
