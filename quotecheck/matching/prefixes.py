"""Words that a negating prefix turns around: "unlikely" says the opposite of "likely".

Two reports of one statement that differ by "likely" → "unlikely" or "legal" → "illegal" differ by a
letter or two, yet say opposite things, as "is" → "is not" does. A word negates another when it is that
word with a negating prefix (:data:`PREFIXES`) and both are English lemmas of a part of speech the prefix
negates (``data/prefixed.json``, WordNet's lemmas as the spaCy pipeline ships them; built by
``scripts/build_prefixed.py``):

- ``un-``, ``in-`` (``im-`` before b, m, p; ``il-`` before l; ``ir-`` before r): adjectives, adverbs and
  the abstract nouns made of them ("unable", "illegally", "inability"). ``in-`` never negates a
  participle ("informed", "impressed", "ingrown": that ``in`` is a place), and a verb is not negated by
  them ("impress", "unveil" does something, it denies nothing).
- ``dis-``: verbs as well ("disagree", "disapprove").
- ``non-``: adjectives, adverbs, nouns; written with a hyphen ("non-binding") any word, and so written
  solid when WordNet does not list the whole ("nonbinding", as AP writes it: ``non-`` makes new words
  freely, and a word negates only one the other report has plain), unless it only starts with "non"
  (:data:`NON_WORDS`: "nonchalant", "nondescript"; "none" and "nonce" leave too short a stem).
- ``a-``: only a learned adjective in -al, -ic, -ical or -ous of at least five letters that starts with a
  consonant ("atypical", "apolitical"; not "alive", "acute", "aloud").

So "press"/"impress" (verbs), "ease"/"disease" (nouns), "sent"/"dissent" (no part of speech in common),
"dear"/"idear" (not a word) and "able"/"table" (no prefix) are no negations. What the rule still admits
and is no negation, found by reading every pair it admits, is kept out by :data:`NOT_NEGATING`.
"""

from __future__ import annotations

import json
import logging
from functools import cache, lru_cache
from importlib import resources

log = logging.getLogger(__name__)

PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "a")
"""The negating prefixes; each is tried in turn, so none hides another ("in" and "im", "a" and "dis")."""
_ASSIMILATED = {"im": "bmp", "il": "l", "ir": "r"}
"""``in-`` is written ``im-``, ``il-``, ``ir-`` before these letters (and only ``in-`` before others)."""
_PARTS = {
    "un": {"adj", "adv"},
    "in": {"adj", "adv"},
    "dis": {"adj", "adv", "verb"},
    "non": {"adj", "adv", "noun"},
    "a": {"adj"},
}
"""The parts of speech each prefix negates (``im``, ``il``, ``ir`` as ``in``); the abstract nouns of
:data:`ABSTRACT` too, except for ``a-``."""
ABSTRACT = ("ity", "ty", "ness", "ment", "ance", "ence", "ancy", "ency")
"""Endings of the nouns that name a quality or act: "inability", "disagreement", "unfairness"."""
PARTICIPLE = ("ed", "ing", "en", "wn")
"""Endings of a participle, which ``in-`` does not negate ("informed", "incoming", "ingrown")."""
LEARNED = ("al", "ic", "ical", "ous")
"""Endings of the learned adjectives Greek ``a-`` negates ("atypical", "asymptomatic", "amorphous")."""
NOT_NEGATING = tuple(
    """inflamma invaluab indifferen inside intens impassiv incorporat informativ inhabit inherit infam
    infancy influen intoxica involut incandesc incase incursiv inflorescen impedim improvab impertinen
    instanc integum investm inwrought illumin
    disabus disappoint disband disbar disbud discard discharg disclos discomfit disconcert discord discount
    discours discover discrimin discursiv discuss diseas disfigur disgorg disgruntl disinfect dislocat
    dislodg dislogist dismantl dismiss dispatch displac display disport dispose disposal disposi disputat
    dissentien dissever dissimul dissociab dissolub dissolv dissonan distemper distend distill distrain
    discorporat
    nonage nonagon nonplus nonentit
    unioni
    apathet aluminous asteroid""".split()
)
"""Beginnings of the words the rule admits that are no negation of the word after their prefix:
"inflammable" burns, "invaluable" is worth much, to "discover" is not to leave uncovered. Read off
every word the rule admits among WordNet's lemmas (some 2,900 before this guard, 2,804 after); a word with the look of a negation and
another meaning is kept out here, not by loosening the rule. Most are verbs in ``dis-``, whose prefix
often meant "apart" in the Latin or French the word came from."""

NON_WORDS = frozenset(
    """nonagenarian nonane nonary nonchalance nonchalant nonchalantly noncom nondescript nonesuch
    nonetheless nonillion nonpareil nonuple""".split()
)
"""Words not in WordNet's list of prefixed words that start with "non" and are no negation of what follows
it (WordNet's own such words, "nonage", "nonplus", are in :data:`NOT_NEGATING`)."""


@cache
def _vocabulary() -> dict[str, frozenset[str]]:
    """Word -> its parts of speech, for the words of ``data/prefixed.json``."""
    text = resources.files("quotecheck.matching").joinpath("data/prefixed.json").read_text(encoding="utf-8")
    parts: dict[str, set[str]] = {}
    for part, words in json.loads(text).items():
        if not part.startswith("_"):
            for w in words:
                parts.setdefault(w, set()).add(part)
    log.debug("prefixed words: %d", len(parts))
    return {w: frozenset(p) for w, p in parts.items()}


_ENDINGS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ing", ""))
"""Endings of plurals and verb forms, and what replaces them ("agrees", "agreed", "agreeing")."""
_DEGREES = (("iest", "y"), ("ier", "y"), ("est", ""), ("er", ""))
"""Endings of comparatives and superlatives ("unlikelier", "unkindest"), read only off an adjective or
adverb: "disclaimer" is no degree of "disclaim"."""


def _bases(word: str, *, degrees: bool = True) -> list[str]:
    """``word`` and the forms it may be inflected from: "disagrees" → "disagree", and with ``degrees``
    "unlikelier" → "unlikely", "unsafer" → "unsafe", "unfitter" → "unfit"."""
    out = [word]
    for end, repl in _ENDINGS + (_DEGREES if degrees else ()):
        if word.endswith(end) and len(word) - len(end) >= 3:
            base = word[: -len(end)] + repl
            out.append(base)
            if not repl and end not in ("es", "s"):
                out.append(base + "e")  # "approving" → "approve", "safer" → "safe"
                if len(base) > 3 and base[-1] == base[-2]:
                    out.append(base[:-1])  # "barred" → "bar", "fitter" → "fit"
    return out


@lru_cache(maxsize=1 << 16)
def negated_stem(word: str) -> str | None:
    """The lemma ``word`` negates by its prefix, or None: "legal" for "illegal", "agree" for "disagreed".

    Example:
        >>> [negated_stem(w) for w in ("unlikelier", "disagreed", "non-binding", "nonbinding", "none")]
        ['likely', 'agree', 'binding', 'binding', None]
        >>> [negated_stem(w) for w in ("discover", "impress", "table", "nonchalant")]
        [None, None, None, None]
    """
    word = word.lower()
    if word.startswith("non-"):
        stem = word[4:]
        return stem if len(stem) >= 3 and stem.isalpha() else None
    vocab = _vocabulary()
    # a lemma is its own base: "unsolder" is no degree of "unsold"
    bases = _bases(word, degrees=word not in vocab)
    if any(b.startswith(NOT_NEGATING) for b in bases):
        return None
    inflected = _bases(word, degrees=False)
    known = [b for b in bases if b in vocab and (b in inflected or vocab[b] & {"adj", "adv"})]
    for base in known:
        for prefix in PREFIXES:
            stem = base[len(prefix) :]
            if base.startswith(prefix) and stem in vocab and _negates(prefix, vocab[base] & vocab[stem], stem):
                return stem
    if known or not word.startswith("non") or any(b in NON_WORDS for b in bases):
        return None
    stem = word[3:]
    return stem if len(stem) >= 3 and stem.isalpha() else None


def _negates(prefix: str, shared: frozenset[str], stem: str) -> bool:
    """Whether ``prefix`` negates ``stem`` when the prefixed word and ``stem`` share parts ``shared``."""
    if len(stem) < 3:
        return False
    if prefix in _ASSIMILATED or prefix == "in":
        letters = _ASSIMILATED.get(prefix)
        if (stem[0] not in letters) if letters else (stem[0] in "bmplr"):
            return False
        if stem.endswith(PARTICIPLE):
            return False
        prefix = "in"
    if prefix == "a":
        consonant = stem[0] not in "aeiouy"
        return "adj" in shared and consonant and len(stem) >= 5 and stem.endswith(LEARNED)
    if shared & _PARTS[prefix]:
        return True
    return "noun" in shared and stem.endswith(ABSTRACT)


def turned(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    """The words of ``a`` and ``b`` that one of them negates by a prefix where the other does not:
    ``(word in a, word in b)`` pairs. Inflection does not matter ("agreed" / "disagrees").

    Example:
        >>> turned(["a", "strike", "is", "likely"], ["a", "strike", "is", "unlikely"])
        [('likely', 'unlikely')]
        >>> turned(["they", "agreed"], ["they", "disagree"])
        [('agreed', 'disagree')]
        >>> turned(["it", "is", "unlikely"], ["it", "is", "improbable"]), turned(["cover"], ["discover"])
        ([], [])
    """
    neg_a = {w: _forms(s) for w in a if (s := negated_stem(w))}
    neg_b = {w: _forms(s) for w in b if (s := negated_stem(w))}
    plain_a = {w: _forms(w) for w in a if w not in neg_a}
    plain_b = {w: _forms(w) for w in b if w not in neg_b}
    out = [(p, w) for w, p in _pairs(neg_b, plain_a, neg_a)]
    return out + [(w, p) for w, p in _pairs(neg_a, plain_b, neg_b)]


def _forms(word: str) -> frozenset[str]:
    return frozenset(_bases(word))


def _pairs(negated: dict, plain: dict, negated_there: dict) -> list[tuple[str, str]]:
    """``(negated word, plain word of the other text)`` for each negated word whose stem the other text
    has plain and not negated as well."""
    out = []
    for w, forms in negated.items():
        if any(forms & other for other in negated_there.values()):
            continue
        match = next((p for p, p_forms in plain.items() if forms & p_forms), None)
        if match is not None:
            out.append((w, match))
    return out
