"""One name in several scripts and transliteration systems: Тимофей Журавлёв, Timofey Zhuravlyov,
Timofei Schurawljow, Timofeï Jouravliov.

:func:`quotecheck.matching.speakers.normalise` already reads a Cyrillic name through anyascii, which
gives English-like spellings (Zhuravlyov); German press transliterates Russian its own way (Sch for Ж
and Ш, w for в, j for й/ю/я, tsch for Ч) and French press its own (ou for у, ch for ш, tch for ч, j for
ж, iou for ю). :func:`german_key` and :func:`french_key` fold those spellings and the English digraphs
onto one form, so the spelling rule of :mod:`.speakers` can compare them; the evidence of such a merge
says "same name in another transliteration" (or "in another script") and is reviewable like any other
merge.

    >>> german_key("schurawljow"), german_key("zhuravlyov")
    ('shuravlyov', 'shuravlyov')
    >>> french_key("jouravlev") == french_key("zhuravlev"), french_key("ioulia") == french_key("yulia")
    (True, True)
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

_GERMAN = (
    ("schtsch", "shch"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("zh", "sh"),
    ("kh", "ch"),
    ("w", "v"),
    ("ij", "iy"),
    ("j", "y"),
    ("ck", "k"),
    ("ss", "s"),
)
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def german_key(token: str) -> str:
    """A lower-case name token with German transliteration of Russian folded onto the English one."""
    for a, b in _GERMAN:
        token = token.replace(a, b)
    return token


# French ch is the English sh and French tch the English ch, so a key cannot keep them apart: every
# hushing sound (ш, щ, ч, ж) becomes one letter, which is enough to tell names apart with the rest.
_FRENCH = (
    ("shch", "ʃ"),
    ("chtch", "ʃ"),
    ("tch", "ʃ"),
    ("ch", "ʃ"),
    ("sh", "ʃ"),
    ("zh", "ʃ"),
    ("j", "ʃ"),
    ("iou", "yu"),
    ("ou", "u"),
    ("ss", "s"),
)


def french_key(token: str) -> str:
    """A lower-case name token with French transliteration of Russian folded onto the English one:
    Jouravlev and Zhuravlev, Ioulia and Yulia, Tchernov and Chernov give one key."""
    for a, b in _FRENCH:
        token = token.replace(a, b)
    if token.startswith("i") and token[1:2] in ("a", "e", "o", "u"):
        token = "y" + token[1:]
    return token


@lru_cache(maxsize=1 << 16)  # speaker grouping asks for each name token again with every pair it is in
def folds(token: str, cross: bool = False) -> tuple[str, ...]:
    """The token under each transliteration system this module knows (German, French); with ``cross``
    (the two names are in different scripts) also Russian's spelling of foreign names
    (:func:`cyrillic_key`)."""
    keys = (german_key(token), french_key(token))
    return (*keys, cyrillic_key(token)) if cross else keys


# Russian writes foreign names by sound, and anyascii reads them back letter by letter: Джон is "dzhon"
# (John), Александр "aleksandr" (Alexander), Майк "maik" (Mike); Chinese syllables lose their final g
# (Ван is Wang). Applied to both names of a pair in different scripts only.
_CYRILLIC_BACK = (
    ("dzh", "j"),
    ("ks", "x"),
    ("kh", "h"),
    ("ay", "i"),
    ("ai", "i"),
    ("ey", "i"),
    ("ei", "i"),
    ("ie", "i"),
)
# an h Russian does not write: after a consonant or before one (Smith, Thomas, John: Смит, Томас, Джон)
_SILENT_H = re.compile(r"(?<=[bcdfgjklmnpqrstvwxz])h|(?<=.)h(?=[bcdfgjklmnpqrstvwxz]|$)")


def cyrillic_key(token: str) -> str:
    """A lower-case token with the sounds Russian spells its own way folded together.

    >>> cyrillic_key("dzhon"), cyrillic_key("john"), cyrillic_key("aleksandr"), cyrillic_key("kang")
    ('jon', 'jon', 'alexandr', 'kan')
    """
    for a, b in _CYRILLIC_BACK:
        token = token.replace(a, b)
    token = _SILENT_H.sub("", token)
    return token[:-1] if token.endswith("ng") else token


def other_script(a: str, b: str) -> bool:
    """One name is written in Cyrillic and the other is not."""
    return bool(_CYRILLIC.search(a)) != bool(_CYRILLIC.search(b))


# a letter outside the Latin alphabet (with its accented letters): Cyrillic, Greek, Chinese …
_NOT_LATIN = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")


def latin(name: str) -> bool:
    """Every letter of ``name`` is a Latin one (accents allowed): Oskar Vennet, François, not Оскар."""
    return not _NOT_LATIN.search(name)


_RU_CASE_ENDINGS = ("ого", "ому", "ой", "ей", "ою", "ым", "ом", "ем", "а", "я", "у", "ю", "е", "ы", "и", "й", "ь")


def _ru_stem(token: str) -> str:
    t = token.lower().replace("ё", "е")
    for end in _RU_CASE_ENDINGS:
        if t.endswith(end) and len(t) - len(end) >= 2:
            return t[: -len(end)]
    return t


def inflected_alike(a: str, b: str) -> bool:
    """Two Cyrillic spellings of one name that differ only in Russian case endings: the genitive of
    "по словам Яны Поллик" and the nominative Яна Поллик, not two ways to write the name.

    >>> inflected_alike("Яны Поллик", "Яна Поллик"), inflected_alike("Яна Поллик", "Яна Поляк")
    (True, False)
    """
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or a == b or not (_CYRILLIC.search(a) and _CYRILLIC.search(b)):
        return False
    return all(x == y or _ru_stem(x) == _ru_stem(y) for x, y in zip(ta, tb, strict=True))
