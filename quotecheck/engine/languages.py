"""Which language an article and each of its paragraphs is written in, offline and in microseconds.

A script and stop-word heuristic, not a statistical model: Cyrillic letters say Russian (Ukrainian when
its own letters і ї є ґ appear), and among Latin-script languages the one whose most frequent function
words occur most often wins. On the golden articles in ``tests/data/lang`` it labels every paragraph of
more than a few words correctly, as py3langid does, at a fraction of the cost and with nothing to
install (see the README's language table). A paragraph too short to tell takes the article's language.

    >>> paragraph_language("Wir haben keine Zeit zu verlieren, sagte er.")
    'de'
"""

from __future__ import annotations

import logging
import re
from collections import Counter

log = logging.getLogger(__name__)

SUPPORTED = ("en", "ru", "fr", "de", "es")
"""Languages with a rule layer for speakers and cues; others are detected but only their marks are read."""

_STOP = {
    "en": "the of and to in is that for it was on with he as at by from his have has had are be will this said "
    "not they we were but been who would an which their there after about more",
    "fr": "le la les des du de un une et est dans que qui pour pas sur au aux avec ce cette il elle nous sont "
    "ont été par plus ne se leur selon été déclaré",
    "de": "der die das und ist nicht ein eine zu den dem des mit von sich auf für im wir sie es auch hat "
    "haben wird werden sagte noch nach bei aus",
    "es": "el la los las de del y que en un una es por con para no se su al lo como más pero sus fue ha "
    "han este esta será dijo según",
    "it": "il di che è per non una sono della del anche con gli alla nel ha questo",
    "pt": "o os da do das dos que não uma para com por em ao foi são mais também está",
}
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOP.items():
    for _w in set(_words.split()):
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_UK_LETTER = re.compile("[іїєґІЇЄҐ]")
_PUNCT = str.maketrans({c: " " for c in ".,;:!?\"'“”„«»‘’‚‹›()[]{}—–-…/*•0123456789"})


def _script_counts(text: str) -> tuple[int, int, int]:
    """(visible characters, Cyrillic letters, Ukrainian-only letters) of ``text``; plain string
    methods and one regex only when the text is not ASCII, because an English article pays for this."""
    visible = len(text) - text.count(" ")
    if text.isascii() or not _CYRILLIC.search(text):
        return visible, 0, 0
    cyr = len(_CYRILLIC.findall(text))
    return visible, cyr, len(_UK_LETTER.findall(text))


def paragraph_language(text: str, default: str | None = None) -> str | None:
    """The language of one paragraph (ISO 639-1), or ``default`` when the text is too short to tell.

    A few words of another language inside the paragraph (a name, a quoted title) do not change it.
    """
    letters, cyr, uk = _script_counts(text)
    if letters < 3:
        return default
    if cyr >= 0.5 * letters:
        return "uk" if uk >= 2 else "ru"
    counts = _stopword_counts(text)
    if not counts:
        return default
    (best, n), *rest = counts.most_common(2) + [("", 0)]
    runner = rest[0][1]
    if n >= 2 and n > runner:
        return best
    if n == 1 and runner == 0 and default is None:
        return best
    return default


def article_language(text: str, paragraphs: list[tuple[int, int]] | None = None) -> str | None:
    """The language most of the article's letters are written in (paragraphs weighted by length)."""
    weights: Counter[str] = Counter()
    for start, end in paragraphs if paragraphs is not None else split_paragraphs(text):
        lang = paragraph_language(text[start:end])
        if lang:
            weights[lang] += end - start
    return weights.most_common(1)[0][0] if weights else None


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-empty line (any line break, as :func:`quotecheck.engine.extract.engine_text`
    writes them, or ``\\r\\n``)."""
    out, start, n = [], 0, len(text)
    while start < n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        stop = end - 1 if end > start and text[end - 1] == "\r" else end
        if text[start:stop].strip():
            out.append((start, stop))
        start = end + 1
    return out


def paragraph_languages(text: str) -> tuple[str | None, list[tuple[int, int, str | None]]]:
    """The article's language and ``(start, end, language)`` of each paragraph; a paragraph too short
    to tell on its own takes the article's language."""
    spans = split_paragraphs(text)
    main = article_language(text, spans)
    return main, [(s, e, paragraph_language(text[s:e], main)) for s, e in spans]


_ENGLISH_HINTS = (" the ", " and ", " of ", " to ", " said", " was ", " is ", " that ", " for ")


def _looks_english(paragraph: str) -> bool:
    """Three common English words and no Cyrillic: English without counting words (plain substring
    tests, so an English article pays next to nothing for the language check)."""
    low = paragraph.lower()
    if sum(1 for w in _ENGLISH_HINTS if w in low) < 3:
        return False
    return paragraph.isascii() or not _CYRILLIC.search(paragraph)


def has_foreign_paragraph(text: str) -> bool:
    """True when some paragraph of ``text`` is clearly not English: the cheap test that decides whether
    the multilingual rules are loaded at all."""
    for s, e in split_paragraphs(text):
        p = text[s:e]
        if not _looks_english(p) and paragraph_language(p, "en") != "en":
            return True
    return False


def _stopword_counts(text: str) -> Counter[str]:
    """How many distinct function words of each language ``text`` holds."""
    counts: Counter[str] = Counter()
    for w in set(text.lower().translate(_PUNCT).split()):
        for lang in _LANGS_OF.get(w, ()):
            counts[lang] += 1
    return counts
