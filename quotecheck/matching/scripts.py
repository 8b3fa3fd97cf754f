"""One name in several scripts and transliteration systems: Тимофей Журавлёв, Timofey Zhuravlyov,
Timofei Schurawljow.

:func:`quotecheck.matching.speakers.normalise` already reads a Cyrillic name through anyascii, which
gives English-like spellings (Zhuravlyov); German press transliterates Russian its own way (Sch for Ж
and Ш, w for в, j for й/ю/я, tsch for Ч). :func:`german_key` folds those German spellings and the
English digraphs onto one form, so the spelling rule of :mod:`.speakers` can compare them; the evidence
of such a merge says "same name in another script" and is reviewable like any other merge.

    >>> german_key("schurawljow"), german_key("zhuravlyov")
    ('shuravlyov', 'shuravlyov')
"""

from __future__ import annotations

import logging
import re

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


def other_script(a: str, b: str) -> bool:
    """One name is written in Cyrillic and the other is not."""
    return bool(_CYRILLIC.search(a)) != bool(_CYRILLIC.search(b))
