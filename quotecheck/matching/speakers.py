"""One person under many spellings: name normalisation, the variant test, grouping with evidence.

Press spellings of one person differ by transliteration (Yuri / Yury Varnov), hyphens (Pak Sang Un /
Pak Sang-un), titles (Chairman Pak, Mr. Quill), initials and possessives. People who merely share a
surname or most of a name (Pak Sang Un / his father Pak Sang Il / analyst Yevgen Pak; Ronald Brisk /
Ronald Brisk Jr.) must stay apart, so no single similarity threshold on the whole name is used: two names are one person
only when a surname-like token *and* the rest of the name agree in consonant skeleton (vowels are what
transliterations disagree on) and in Jaro-Winkler similarity.

One-word names ("Pak", "Mr Varnov") are resolved inside their own article first, then against the
whole project only when a single person fits (or a single one shares a role word). Reviewer decisions
(merge / split) always win over the automatic result.

Everything here is pure: the database side lives in :mod:`quotecheck.matching.analysis`.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

from . import scripts

log = logging.getLogger(__name__)

TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister chairman
    chairwoman chair secretary general gen col colonel capt captain lt lieutenant sgt sergeant gov governor
    sen senator rep representative deputy foreign first assistant spokesman spokeswoman spokesperson
    ambassador king queen prince princess pope rev reverend father sheikh comrade chancellor mayor premier
    envoy special judge justice director chief head leader ceo commissioner marshal admiral supreme
    state defence defense interior finance economy trade press aide adviser advisor analyst expert
    professor executive officer former late then acting interim the""".split()
)
"""Words that, leading a name, are a title or role rather than part of the name."""

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "junior", "senior"})
_SUFFIX_CANON = {"junior": "jr", "senior": "sr"}

ORG_WORDS = frozenset(
    """ministry ministries service office agency department committee party government news pool press
    council house bureau commission embassy company corporation inc ltd group association union
    organization organisation institute university foundation police army navy court parliament senate
    congress administration federation team club bank fund network channel tv radio newspaper times post
    staff spokesperson statement website agency wire campaign center centre coalition alliance caucus
    journal magazine league society academy academies authority authorities board directorate secretariat
    inspectorate tribunal assembly cabinet consortium""".split()
)
"""Words that make a name a body rather than a person; bodies merge only on identical letters."""

ROLE_WORDS = frozenset(
    """minister ministers spokesman spokeswoman spokesperson secretary president chairman official officials
    aide adviser advisor analyst analysts expert experts source sources report reports diplomat diplomats
    correspondent witness resident residents farmer farmers man woman people someone observers critics
    representative representatives leader leaders officer""".split()
)
"""Words that make a "name" a description of somebody ("Norland's Minister of Water", "Reports in the
local press", "one man"): such a speaker is anonymous, never another person."""

ROLE_HEADS = ROLE_WORDS | frozenset(
    """doctor doctors physician physicians lawyer lawyers attorney attorneys member members lawmaker
    lawmakers senator senators governor nominee candidate candidates voter voters supporter supporters
    activist activists journalist journalists reporter reporters protester protesters businessman
    businesswoman strategist strategists family relatives general officers staffer
    staffers worker workers authorities demonstrators economists scientists researchers investigators
    prosecutors students teachers parents neighbours neighbors opponents conservatives liberals
    republicans democrats pollster pollsters challenger documents polls surveys studies""".split()
)
"""Words that, ending a name's first phrase, make it a description ("Former Palace Doctor", "Senator
from Norland"): only the head counts, so "Attorney General Ana Roe" stays a person."""

_KIN = frozenset("son sons daughter daughters wife husband mother father brother sister".split())
"""Head words that, after a possessive ("Varga's Son"), describe somebody by kinship."""

_PREPOSITIONS = frozenset("of for on in to at from with by without under over".split())
"""Words that end the first phrase of a name ("Commission on Debates": its head is "commission")."""

_JOINERS = _PREPOSITIONS | frozenset(
    "and the de la le les du da das do dos di del della van von der den ten ter bin ibn al el y e zu".split()
)
"""Lower-case words a name or a body's name may hold ("Commission on Debates", "Ana de la Vargo")."""

_DETERMINERS = frozenset(
    """a an the one some several many most few all both other others another each every any no his her
    their its our my your this that these those two three four five six seven eight nine ten dozens
    hundreds thousands half nearly about almost more less fewer""".split()
)

_CONTEXT_STOP = frozenset(
    """the a an of to in on at for and or by with from as said says told tells added noted explained
    stated according he she his her him they their it its this that was is were are has had have be been
    earlier later also last week year reporters journalists interview statement quoted quotes quote
    suggested emphasized emphasised concluded continued continues previous paragraph split read reports
    reported wrote asked replied""".split()
)

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_VOWELS = str.maketrans("", "", "aeiouy")
_JW_MIN = 0.8


@dataclass(frozen=True)
class Name:
    """A speaker name reduced to what identity tests compare.

    Attributes:
        raw: the name as written.
        tokens: lower-case ASCII tokens without titles, possessives and suffix; hyphenated parts joined
            ("Pak Sang-un" -> ``("pak", "sangun")``).
        suffix: "jr", "sr", "ii"... or "".
        titles: title and role words that led the name ("Chairman Pak" -> ``("chairman",)``).
        is_org: the name reads as a body (ministry, press service, agency), not a person.
        is_role: not a name at all but a description ("the expert", "a spokesman"): it never joins
            anything outside its own article.
        described_as: the description a name is written with in apposition ("one of the lawyers,
            Ana Roe" or "Ana Roe, a lawyer" -> "one of the lawyers" / "a lawyer"), else "".
    """

    raw: str
    tokens: tuple[str, ...]
    suffix: str = ""
    titles: tuple[str, ...] = ()
    is_org: bool = False
    is_role: bool = False
    described_as: str = ""

    @property
    def letters(self) -> str:
        return "".join(self.tokens)


def normalise(raw: str) -> Name:
    """Reduce a written name to a :class:`Name`.

    Example:
        >>> normalise("Chairman Pak Sang-un's").tokens
        ('pak', 'sangun')
    """
    named = _named_in_apposition(raw)
    if named is not None:
        return named
    text = anyascii(raw) if not raw.isascii() else raw
    text = text.lower().replace("_", " ").replace("@", " ")
    text = re.sub(r"['`]s\b|s'(?=\s|$)", lambda m: "" if m.group(0).endswith("s") else "s", text)
    text = text.replace("'", "").replace(".", " ")
    parts = [p.strip() for p in text.split(",")]
    words = _WORD.findall(parts[0]) if parts else []
    article = bool(words) and words[0] in ("the", "a", "an", "one")
    if article and len(words) > 1:
        words = words[1:]
    for extra in parts[1:]:  # "Ronald Brisk, Jr." keeps the suffix; an apposition is dropped
        extra_words = _WORD.findall(extra)
        if extra_words and all(w in SUFFIXES for w in extra_words):
            words += extra_words
    suffix = ""
    while words and words[-1] in SUFFIXES:
        suffix = _SUFFIX_CANON.get(words[-1], words[-1])
        words = words[:-1]
    head = _head(words)
    loose = _described_by_words(raw)
    is_org = head in ORG_WORDS or (not loose and any(w in ORG_WORDS for w in words))
    titles: list[str] = []
    if not is_org:
        while len(words) > 1 and words[0] in TITLES:
            titles.append(words.pop(0))
    # "a senior official", "Norland's Minister of Water", "Reports in the press": somebody described
    kin = head in _KIN and bool(re.search(r"\w['’]s? ", raw))
    described = (
        kin
        or (article and not is_org)
        or any(w in ROLE_WORDS for w in (words[:1] if is_org else words))
        or head in ROLE_HEADS
        or (loose and not is_org)
    )
    is_org = not described and (is_org or len(words) >= 5)
    tokens = tuple(w.replace("-", "") for w in words)
    # "farmer", "42": no capital, so no name; Chinese or Arabic script has no capitals to look for
    cased = [c for c in raw if c.lower() != c.upper()]
    uncased = not cased and any(c.isalpha() for c in raw)
    lower = not uncased and all(c.islower() for c in cased) and not ("@" in raw or "_" in raw)
    is_role = described or lower or all(w in TITLES or w in _CONTEXT_STOP for w in titles + words)
    return Name(raw=raw, tokens=tokens, suffix=suffix, titles=tuple(titles), is_org=is_org, is_role=is_role)


def _named_in_apposition(raw: str) -> Name | None:
    """A name written with a description in apposition ("one of the family's lawyers, Ana Roe", "Ana
    Roe, a lawyer for the family") is that person or body, the description kept as their titles'
    words and in ``described_as``; None when the string is not one description and one full name."""
    parts = [p.strip() for p in raw.split(",")]
    if len(parts) != 2 or not all(parts):
        return None
    for name_part, description in ((parts[1], parts[0]), (parts[0], parts[1])):
        name, desc = normalise(name_part), normalise(description)
        if name.is_role or len(name.tokens) < 2 or not desc.is_role or not desc.tokens:
            continue
        words = [w for w in desc.titles + desc.tokens if w not in _CONTEXT_STOP and w not in _DETERMINERS]
        return replace(name, raw=raw, titles=tuple(words) + name.titles, described_as=description)
    return None


def _head(words: list[str]) -> str:
    """The head noun of a name's first phrase: its last word before a preposition ("Commission on
    Debates" -> "commission", "Former Palace Doctor" -> "doctor")."""
    for i, word in enumerate(words):
        if i and word in _PREPOSITIONS:
            return words[i - 1]
    return words[-1] if words else ""


def _described_by_words(raw: str) -> bool:
    """A phrase, not a name: it opens with a determiner ("Several Cast Members", "His aides") or holds a
    lower-case word that is no name particle ("Police officials", "Companies and individuals", "Trump
    campaign" — a body's head word is weighed by the caller)."""
    words = [w.strip('.,;:!?"“”‘’()[]') for w in raw.split()]
    words = [w for w in words if w and not ("@" in w or "_" in w)]  # a handle is a name
    if words and (words[0].lower() in _DETERMINERS or words[0][:1].isdigit()):
        return True  # "Several Pilots", "42% of Voters"
    for word in words:
        first = next((c for c in word if c.lower() != c.upper()), "")
        if not first or not first.islower():
            continue
        base = re.split(r"[-'’]", word, maxsplit=1)[0].lower()
        if base not in _JOINERS and base not in ("d", "l", "o"):
            return True
    return False


@lru_cache(maxsize=1 << 16)  # a project has a few thousand name tokens, compared again and again
def skeleton(token: str) -> str:
    """Consonants only, doubled letters collapsed: what survives transliteration ("yuri" -> "r")."""
    out: list[str] = []
    for ch in token.translate(_VOWELS):
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    return bool(a and b) and skeleton(a) == skeleton(b) and JaroWinkler.similarity(a, b) >= _JW_MIN


def _initials_fit(short: list[str], full: list[str]) -> bool:
    """``["j", "f"]`` fits ``["john", "fitzgerald"]``: same count, each initial begins its word."""
    return len(short) == len(full) and all(
        s == f or (len(s) == 1 and f.startswith(s)) for s, f in zip(short, full, strict=False)
    )


@lru_cache(maxsize=1 << 18)  # each regrouping after a decision compares the same names again
def same_person(a: Name, b: Name) -> tuple[str, str] | None:
    """:func:`_same_spelling`, also across scripts and transliteration systems (Тимофей Журавлёв,
    Timofey Zhuravlyov, Timofei Schurawljow: see :mod:`.scripts`), with that said in the evidence."""
    found = _same_spelling(a, b)
    how = "same name in another script"
    if found is None and not a.is_org and not b.is_org:
        cross = scripts.other_script(a.raw, b.raw)
        keys = [[scripts.folds(t, cross) for t in n.tokens] for n in (a, b)]  # per token, one key per system
        for system in range(len(keys[0][0]) if keys[0] else 0):
            tokens = [tuple(k[system] for k in ks) for ks in keys]
            if tokens[0] == a.tokens and tokens[1] == b.tokens:
                continue
            found = _same_spelling(*(replace(n, tokens=t) for n, t in zip((a, b), tokens, strict=True)))
            if found and found[0] == "strong":
                return found[0], f"{how if cross else 'same name in another transliteration'}: {found[1]}"
            found = None
    if found and scripts.other_script(a.raw, b.raw):
        return found[0], f"{how}: {found[1]}"
    return found


def _same_spelling(a: Name, b: Name) -> tuple[str, str] | None:
    """Whether two names (of two or more tokens each) are spellings of one person.

    Returns ``(strength, evidence)`` or None. Strength is ``"strong"`` (a spelling variant) or
    ``"weak-a"`` / ``"weak-b"``: initials, a dropped middle initial, a short given name ("Len" of
    "Leonard"), extra leading words, a body named with its country ("Ministry of Water" / "... of Norland"). A weak link is trusted only when the
    vaguer name (``a`` or ``b``) fits a single person.
    """
    if a.suffix != b.suffix:
        return None
    if a.letters == b.letters:
        described = a.described_as or b.described_as
        if described:
            return "strong", f"the same name, written with the description '{described}'"
        return "strong", "same letters; spacing, hyphens or titles differ"
    if a.is_org and b.is_org:
        return _same_body(a, b)
    if a.is_org or b.is_org or len(a.tokens) < 2 or len(b.tokens) < 2:
        return None
    short, long = (a, b) if len(a.tokens) < len(b.tokens) else (b, a)
    if len(long.tokens) - len(short.tokens) <= 2 and long.tokens[-len(short.tokens) :] == short.tokens:
        side = "weak-a" if long is a else "weak-b"  # "Agriculture Ada Quill": extra words in front
        return side, f"'{' '.join(long.tokens[: -len(short.tokens)])}' in front of the same name"
    weak = None
    for i, x in enumerate(a.tokens):
        for j, y in enumerate(b.tokens):
            if len(x) < 2 or len(y) < 2 or not _alike(x, y):
                continue
            rest_a = [t for k, t in enumerate(a.tokens) if k != i]
            rest_b = [t for k, t in enumerate(b.tokens) if k != j]
            ja, jb = "".join(rest_a), "".join(rest_b)
            if _alike(ja, jb):
                how = "same spelling" if x == y else f"'{x}' ~ '{y}'"
                return "strong", f"transliteration variant: {how}, '{ja}' ~ '{jb}'"
            if _initials_fit(rest_a, rest_b) or _initials_fit(rest_b, rest_a):
                side = "weak-a" if _initials_fit(rest_a, rest_b) else "weak-b"
                weak = weak or (side, f"initials: '{' '.join(rest_a)}' ~ '{' '.join(rest_b)}'")
            long_a = [t for t in rest_a if len(t) > 1]
            long_b = [t for t in rest_b if len(t) > 1]
            if (
                long_a
                and long_b
                and (long_a != rest_a or long_b != rest_b)
                and _alike("".join(long_a), "".join(long_b))
            ):
                side = "weak-a" if len(rest_a) < len(rest_b) else "weak-b"  # the one without it is vaguer
                weak = weak or (side, "same name apart from a middle initial")
            if i == len(a.tokens) - 1 and j == len(b.tokens) - 1 and not _other_sex(a, b):
                weak = weak or _short_form(long_a, long_b)  # the surnames agree: compare given names
    return weak


def _other_sex(a: Name, b: Name) -> bool:
    """Whether the titles say two names are of a man and a woman ("Mr. Sam Roe", "Mrs. Samantha Roe")."""
    sex_a, sex_b = _sex_of(set(a.titles)), _sex_of(set(b.titles))
    return sex_a is not None and sex_b is not None and sex_a != sex_b


def _short_form(given_a: list[str], given_b: list[str]) -> tuple[str, str] | None:
    """A weak link when one name's only given name is a short form of the other's first ("Len" of
    "Leonard", "Mike" of "Michael Allen"), the surnames agreeing: the short one is the vaguer, as "Chris"
    may be Christine or Christopher, so it joins only a single person that fits."""
    for short, full, side in ((given_a, given_b, "weak-a"), (given_b, given_a, "weak-b")):
        if len(short) == 1 and full and short[0] in short_forms().get(full[0], ()):
            return side, f"'{short[0].title()}' is a short form of '{full[0].title()}'"
    return None


@lru_cache(maxsize=1)
def short_forms() -> dict[str, frozenset[str]]:
    """Given name -> its short forms, from the hand-curated list of English names and nicknames of the
    ``nicknames`` package ("leonard" -> "len", "lenny"). The list also pairs separate names that are
    only related ("lisa" and "elizabeth", "sandra" and "alexandra", "erin" and "aaron"), so a form is
    kept only when it is shorter and begins as the name does ("mike" of "michael", "steve" of "steven");
    "bill" of "william" is left to a person to merge."""
    from nicknames import name_triplets

    forms: dict[str, set[str]] = defaultdict(set)
    for full, _, short in name_triplets():
        if short.isalpha() and len(short) < len(full) and short[:2] == full[:2]:
            forms[full].add(short)
    return {full: frozenset(shorts) for full, shorts in forms.items()}


def _same_body(a: Name, b: Name) -> tuple[str, str] | None:
    """ "Ministry of Water and Fisheries" and "... of Norland": the longer only adds where it is."""
    short, long = (a, b) if len(a.tokens) < len(b.tokens) else (b, a)
    n = len(short.tokens)
    if n >= 3 and long.tokens[:n] == short.tokens and long.tokens[n : n + 1] == ("of",):
        return ("weak-a" if short is a else "weak-b"), f"the same body, with '{' '.join(long.tokens[n:])}' added"
    return None


def context_words(*texts: str | None) -> set[str]:
    """Role and organisation words in cues or titles ("the assistant to the Russian president")."""
    words: set[str] = set()
    for text in texts:
        if text:
            folded = anyascii(text).lower() if not text.isascii() else text.lower()
            words.update(w for w in _WORD.findall(folded) if len(w) > 2 and w not in _CONTEXT_STOP)
    return words


@dataclass(slots=True)
class Mention:
    """Every use of one written name in one article, aggregated over its quotes.

    Attributes:
        name: the effective speaker name as written.
        article_id: where it was written.
        quotes: how many quotes carry it there.
        context: role and organisation words from the cues and the titles before the name.
    """

    name: str
    article_id: int
    quotes: int = 1
    context: set[str] = field(default_factory=set)


@dataclass
class Speaker:
    """One person or body: canonical name, the spellings grouped under it and why.

    Attributes:
        name: the canonical name (the fullest, most quoted spelling).
        aliases: ``{spelling: evidence}`` including the canonical name itself.
        members: the ``(name, article_id)`` units that belong to this speaker.
        quotes: how many quotes the speaker has.
        nodes: what grouping joined into this speaker: ``(name, None)`` for a full name (every unit
            of it), ``(name, article_id)`` for a unit grouped on its own (a one-word name, a description).
    """

    name: str
    aliases: dict[str, str]
    members: list[tuple[str, int]]
    quotes: int = 0
    context: set[str] = field(default_factory=set)
    nodes: list[tuple[str, int | None]] = field(default_factory=list)


class _Union:
    def __init__(self) -> None:
        self.parent: dict = {}
        self.why: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b, why: str) -> None:
        """Join the groups of units ``a`` and ``b``; ``why`` is kept as evidence for both spellings."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            if a[0] != b[0]:
                self.why.setdefault(b[0], why)
                self.why.setdefault(a[0], why)


class _Recorder(_Union):
    """A union-find that also keeps every union asked for, in order (see :meth:`Grouping._full_links`)."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple] = []

    def union(self, a, b, why: str) -> None:
        self.log.append((a, b, why))
        super().union(a, b, why)


def group(mentions: Iterable[Mention], decisions: Iterable[tuple[str, dict]] = ()) -> list[Speaker]:
    """Group speaker mentions into people, each with its canonical name, aliases and evidence.

    ``decisions`` are ``(kind, value)`` pairs from the review, oldest first: ``("merge", {"names": [...]})``
    and ``("split", {"alias": X, "from": C})``; they override the automatic grouping, and between the
    same names the latest wins (see :func:`_decided`).

    Example:
        >>> [s.name for s in group([Mention("Yuri Varnov", 1, 2), Mention("Yury Varnov", 2)])]
        ['Yuri Varnov']
    """
    return Grouping(mentions).people(decisions)


def stands_whole(name: Name) -> bool:
    """Whether a name stands for one person or body wherever it is written (a full name, a body's name),
    not only within its article (a one-word name, a description)."""
    return (len(name.tokens) >= 2 or name.is_org) and not name.is_role


def key_order(keys: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """``sorted(keys)`` for distinct ``(name, article id)`` units: the few names sorted, then each name's
    article ids, instead of comparing ~10^6 pairs of tuples (seconds on a large project)."""
    by_name: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for key in keys:
        by_name[key[0]].append(key)
    out: list[tuple[str, int]] = []
    for name in sorted(by_name):
        out += sorted(by_name[name], key=itemgetter(1))
    return out


class Grouping:
    """Mentions prepared once for :func:`group`, then grouped under any decisions (:meth:`people`).

    A person's merge or split changes the decisions, never the mentions. So the units, the parsed
    names and each full name's totals are prepared here once, and the automatic linking (which a
    split can change, a merge never does) is kept per set of split-off names: grouping again after a
    decision costs the few names it concerns, not every mention (a large project has ~10^5 units).

    Attributes:
        units: ``(name, article_id) -> Mention``, repeated units added up.
    """

    def __init__(self, mentions: Iterable[Mention]) -> None:
        units: dict[tuple[str, int], Mention] = {}
        for m in mentions:
            key = (m.name, m.article_id)
            seen = units.get(key)
            # the caller's mention is kept as it is (never changed); only a repeated unit gets a new one
            units[key] = (
                m if seen is None else Mention(m.name, m.article_id, seen.quotes + m.quotes, seen.context | m.context)
            )
        self.units = units
        # in order by name, then article: not sorted() over ~10^6 tuples, one call that holds the
        # interpreter ~0.4 s at 10^6 quotes while a window reads ahead on another thread (ui.jobs)
        ordered = key_order(units)
        by_name: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for key in ordered:
            by_name[key[0]].append(key)
        self.by_name = dict(by_name)
        self.parsed = {n: normalise(n) for n in by_name}
        self._sort_names()
        multi = set(self.multi)
        self._loose = [key for key in ordered if key[0] not in multi]
        self._totals = {n: sum(units[k].quotes for k in by_name[n]) for n in self.multi}
        self._contexts = {n: set().union(*(units[k].context for k in by_name[n])) for n in self.multi}
        self._linked: dict[tuple[frozenset, frozenset], tuple[set[str], list, dict, dict]] = {}
        self._full: dict[frozenset, list[tuple[str, str, str]]] = {}
        self._compared: dict = {}  # what _link_full_names derives from names alone, kept across splits
        self._made: dict[tuple, Speaker] = {}

    def _sort_names(self) -> None:
        """The names that stand whole (full names, bodies) and the one-word names, each sorted."""
        parsed = self.parsed
        self.multi = sorted(n for n in self.by_name if stands_whole(parsed[n]))
        multi = set(self.multi)
        self.single = sorted(n for n in self.by_name if n not in multi and parsed[n].tokens and not parsed[n].is_role)

    def update(self, changed: dict[tuple[str, int], Mention | None]) -> None:
        """Take in these units as they are now (None: gone), as if prepared afresh from all of them.

        A corrected speaker changes a unit or two: only their names are prepared again, and the linking
        is redone only when a unit came or went or its role words changed (the full names' linking,
        which depends on the names alone, only when a name came or went)."""
        units, by_name = self.units, self.by_name
        relink, names_changed, touched = False, False, set()
        added: dict[str, list[Mention]] = defaultdict(list)  # units new to their name: its totals only grow
        redone: set[str] = set()
        for key, m in changed.items():
            old = units.get(key)
            if m is None and old is None:
                continue
            touched.add(key[0])
            if m is None:
                del units[key]
                by_name[key[0]].remove(key)
                relink = True
                redone.add(key[0])
            else:
                if old is None:
                    bisect.insort(by_name.setdefault(key[0], []), key)
                    relink = True
                    added[key[0]].append(m)
                else:
                    redone.add(key[0])
                    relink = relink or old.context != m.context
                units[key] = m
        for name in touched:
            if not by_name.get(name):
                by_name.pop(name, None)
                self.parsed.pop(name, None)
                names_changed = True
            elif name not in self.parsed:
                self.parsed[name] = normalise(name)
                names_changed = True
        if names_changed:
            self.by_name = by_name = dict(sorted(by_name.items()))
            self._sort_names()
            self._full.clear()
        multi = set(self.multi)
        if relink:
            if names_changed:  # by_name is in name order, each name's units in article order: the units' order
                self._loose = [key for n, keys in by_name.items() if n not in multi for key in keys]
            for key in changed:
                if key[0] not in multi and not names_changed:
                    i = bisect.bisect_left(self._loose, key)
                    present = i < len(self._loose) and self._loose[i] == key
                    if key in units and not present:
                        self._loose.insert(i, key)
                    elif key not in units and present:
                        del self._loose[i]
            self._linked.clear()
        self._made = {made: sp for made, sp in self._made.items() if not touched & {k[0] for k in made[0]}}
        for n in set(self._totals) - multi:
            del self._totals[n], self._contexts[n]
        for n in touched | (multi - set(self._totals)):
            if n in multi and n in self._totals and n not in redone:
                self._totals[n] += sum(m.quotes for m in added[n])
                self._contexts[n] = self._contexts[n].union(*(m.context for m in added[n]))
            elif n in multi:
                self._totals[n] = sum(units[k].quotes for k in by_name[n])
                self._contexts[n] = set().union(*(units[k].context for k in by_name[n]))

    def people(self, decisions: Iterable[tuple[str, dict]] = ()) -> list[Speaker]:
        """The speakers under these decisions (see :func:`group`)."""
        merges, split_names, split_units = _decided(decisions)
        whole, nodes, parent, why = self._linking(
            frozenset(split_names & self.by_name.keys()), frozenset(split_units & self.units.keys())
        )
        by_name = self.by_name
        uf = _Union()
        uf.parent, uf.why = dict(parent), dict(why)

        def node(key: tuple[str, int]) -> tuple[str, int]:
            return by_name[key[0]][0] if key[0] in whole else key

        for members in merges:
            keys = list(dict.fromkeys(node(k) for m in members for k in _units_of(m, by_name, self.units)))
            for key in keys[1:]:
                uf.union(keys[0], key, "merged by a reviewer")
        groups: dict = defaultdict(list)
        for key in nodes:  # in unit order: the order of equally ranked speakers stays the same
            groups[uf.find(key)].append(key)
        speakers = []
        for keys in groups.values():
            # a speaker is a function of its nodes, which of them stand for a whole name, and the evidence
            # for each name; most are the same after a decision, and each holds ~10^2 units to sort
            made = (tuple(keys), tuple((k[0] in whole, uf.why.get(k[0])) for k in keys))
            found = self._made.get(made)
            if found is None:
                found = self._made[made] = self._speaker(keys, whole, uf)
            speakers.append(found)
        if len(self._made) > 4 * len(speakers) + 64:  # made under earlier decisions: let them go
            alive = {id(sp) for sp in speakers}
            self._made = {made: sp for made, sp in self._made.items() if id(sp) in alive}
        speakers.sort(key=lambda s: (-s.quotes, s.name))
        return speakers

    def _linking(
        self, split_names: frozenset[str], split_units: frozenset[tuple[str, int]] = frozenset()
    ) -> tuple[set[str], list, dict, dict]:
        """``(whole names, nodes, union-find parents, evidence)`` of the automatic linking, kept per split."""
        found = self._linked.get((split_names, split_units))
        if found is not None:
            return found
        # A full name is one person wherever it is written; a one-word name only within its article. So each
        # full name (and each one-word name split off by a reviewer) enters the union-find once, as its first
        # unit, standing for all of them: ~500 names instead of ~100k units on a large project.
        whole = set(self.multi).union(n for n in self.single if n in split_names)
        nodes = sorted([self.by_name[n][0] for n in whole] + [k for k in self._loose if k[0] not in whole])
        uf = _Union()
        for key in nodes:
            uf.find(key)
        for a, b, why in self._full_links(frozenset(split_names & set(self.multi))):
            uf.union(self.by_name[a][0], self.by_name[b][0], why)
        _link_single_names(self.single, self.multi, self.parsed, self.units, self.by_name, uf, split_names, split_units)
        _link_suffix_in_article(self.multi, self.parsed, self.by_name, uf, split_names)
        _link_acronyms(self.single, self.multi, whole, self.parsed, self.by_name, uf, split_names, split_units)
        _link_cased_alike(self._loose, whole, self.parsed, self.by_name, uf, split_names, split_units)
        _link_party_groups(self._loose, self.parsed, uf, split_names, split_units)
        if len(self._linked) >= 8:  # a few recent splits; a project's reviewers revisit the same ones
            self._linked.pop(next(iter(self._linked)))
        found = self._linked[(split_names, split_units)] = (whole, nodes, uf.parent, uf.why)
        return found

    def _full_links(self, split_names: frozenset[str]) -> list[tuple[str, str, str]]:
        """The unions :func:`_link_full_names` makes, as ``(name, name, evidence)`` in order: they depend
        on the full names alone, so a change of units only replays them (kept per split-off names)."""
        found = self._full.get(split_names)
        if found is None:
            uf = _Recorder()
            by_name = {n: [(n, 0)] for n in self.multi}
            _link_full_names(self.multi, self.parsed, by_name, uf, split_names, self._compared)
            found = [(a[0], b[0], why) for a, b, why in uf.log]
            if len(self._full) >= 8:
                self._full.pop(next(iter(self._full)))
            self._full[split_names] = found
        return found

    def _speaker(self, nodes, whole, uf) -> Speaker:
        counts: dict[str, int] = defaultdict(int)
        context: set[str] = set()
        keys: list[tuple[str, int]] = []
        for key in nodes:
            name = key[0]
            if name in self._totals and name in whole:
                counts[name] += self._totals[name]
                context |= self._contexts[name]
                keys += self.by_name[name]
            else:
                for k in self.by_name[name] if name in whole else (key,):
                    counts[name] += self.units[k].quotes
                    context |= self.units[k].context
                    keys.append(k)
        parsed = self.parsed
        # one display name in every view: a person written in Latin letters and in another script (an
        # English article and a Russian one) is shown in Latin letters, then under the spelling most written
        canonical = max(
            counts,
            key=lambda n: (
                len(parsed[n].tokens) >= 2,
                not parsed[n].titles,
                scripts.latin(n),
                counts[n],
                n != n.lower(),
                -n.count("-"),
                len(n),
                n.isascii(),
                n,
            ),
        )
        aliases = {canonical: "canonical name"}
        for name in sorted(counts):
            if name not in aliases:
                aliases[name] = uf.why.get(name, "same spelling")
        own = [(key[0], None) if key[0] in whole else key for key in nodes]
        return Speaker(canonical, aliases, sorted(keys), sum(counts.values()), context, own)


Member = str | tuple[str, int]
"""What a reviewer's decision names: a spelling wherever it is written, or one ``(spelling, article_id)``
unit (one of several people written the same way, "Roe" in one article)."""


def _units_of(member: Member, by_name, units) -> list[tuple[str, int]]:
    if isinstance(member, tuple):
        return [member] if member in units else []
    return by_name.get(member, [])


def _name_of(member: Member) -> str:
    return member[0] if isinstance(member, tuple) else member


def _members(value: dict) -> list[Member]:
    """The members of a merge: ``members`` (spellings and ``[spelling, article_id]`` units), else ``names``."""
    raw = value.get("members") or value.get("names") or []
    return list(dict.fromkeys(tuple(m) if isinstance(m, list) else m for m in raw))


def _decided(
    decisions: Iterable[tuple[str, dict]],
) -> tuple[list[list[Member]], set[str], set[tuple[str, int]]]:
    """The merges, the split-off names and the split-off units in force after these decisions, in order.

    A split of X from C takes X out of every earlier merge that holds both X and C (out of every
    earlier merge when C is not given); a merge that holds both X and C lifts every earlier split of X
    from C. So a person can undo their own merge by splitting, and merge again after a split. A split
    that names ``units`` (X written in these articles only) takes only those units out and off C.
    """
    merges: list[list[Member]] = []
    splits: list[tuple[str, str, tuple]] = []
    for kind, value in decisions:
        members = _members(value) if kind == "merge" else []
        if kind == "merge" and len(members) >= 2:
            names = {_name_of(m) for m in members}
            splits = [(x, c, u) for x, c, u in splits if not (x in names and c in names)]
            merges.append(members)
        elif kind == "split" and value.get("alias"):
            alias, whole = value["alias"], value.get("from") or ""
            only = tuple(tuple(u) for u in value.get("units") or ())
            for members in merges:
                if any(_name_of(m) == whole for m in members) or not whole:
                    members[:] = [
                        m for m in members if _name_of(m) != alias or (only and isinstance(m, tuple) and m not in only)
                    ]
            merges = [members for members in merges if len(members) >= 2]
            splits.append((alias, whole, only))
    return merges, {x for x, _, u in splits if not u}, {unit for _, _, u in splits for unit in u}


def _link_full_names(multi, parsed, by_name, uf, split_names, compared: dict | None = None) -> None:
    """Union full names that pass :func:`same_person`; weak links only where one candidate fits.

    ``compared`` keeps each name's blocking keys and each pair's verdict, which depend on the names
    alone: a split links every other name again, and with them kept costs the loops only."""
    compared = {} if compared is None else compared
    keys_of: dict[str, set[str]] = compared.setdefault("keys", {})
    verdicts: dict[tuple[str, str], tuple[str, str] | None] = compared.setdefault("verdicts", {})
    blocks: dict[str, list[str]] = defaultdict(list)
    for n in multi:
        if n in split_names:
            continue
        keys = keys_of.get(n)
        if keys is None:
            tokens = [t for t in parsed[n].tokens if len(t) > 1]
            folded = {skeleton(f) for t in tokens for f in scripts.folds(t, cross=True)}  # Sokolowa meets Sokolova
            keys = keys_of[n] = {skeleton(t) for t in tokens} | folded | {"=" + parsed[n].letters}
        for skel in keys:
            blocks[skel].append(n)
    weak: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for block in blocks.values():
        if len(block) > 400:  # a very common token: compare only within the exact-letters block
            continue
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if pair in seen:
                    continue
                seen.add(pair)
                if (a, b) in verdicts:
                    verdict = verdicts[a, b]
                else:
                    verdict = verdicts[a, b] = same_person(parsed[a], parsed[b])
                if verdict is None:
                    continue
                strength, why = verdict
                if strength == "strong":
                    uf.union(by_name[a][0], by_name[b][0], why)
                elif strength == "weak-a":
                    weak[a].append((b, why))
                else:
                    weak[b].append((a, why))
    for vague, options in weak.items():
        people = {uf.find(by_name[other][0]) for other, _ in options}
        if len(people) == 1:  # the vaguer name fits one person only
            other, why = options[0]
            uf.union(by_name[other][0], by_name[vague][0], why)


def _link_single_names(single, multi, parsed, units, by_name, uf, split_names, split_units=frozenset()) -> None:
    """Resolve one-word names: same article first, then a unique fit (or unique role match) project-wide."""
    holders: dict[str, list[str]] = defaultdict(list)
    contexts: dict[str, set[str]] = {}  # a full name's role words, asked for by each of its one-word units

    def context_of(name: str) -> set[str]:
        if name not in contexts:
            contexts[name] = _context_of(name, by_name, units, parsed)
        return contexts[name]

    for n in multi:
        if not parsed[n].is_org:
            for t in parsed[n].tokens:
                holders[t].append(n)
    alone: dict[str, tuple[str, int]] = {}  # "PolitiFact" and "Politifact": one name in other capitals
    for n in single:
        if n in split_names:
            continue
        token = parsed[n].tokens[0]
        candidates = holders.get(token, [])
        sex = _sex_of(set(parsed[n].titles))
        if not candidates:  # "Madonna" everywhere: nobody else it could be
            kept = [key for key in by_name[n] if key not in split_units]
            for key in kept[1:]:
                uf.union(kept[0], key, "same one-word name; no fuller name in the project")
            if kept:
                first = alone.setdefault(n.casefold(), kept[0])
                uf.union(first, kept[0], "the same name in other capitals; no fuller name in the project")
            continue
        for key in by_name[n]:
            if key in split_units:  # a reviewer said this one is somebody else
                continue
            article = key[1]
            local = [c for c in candidates if (c, article) in units]
            if sex:  # "Mr. Roe" in an article that names "the first lady, Jane Roe" is not her
                local = [c for c in local if _sex_of(context_of(c)) != _OTHER[sex]]
            people = {uf.find(by_name[c][0]) for c in local}
            if len(people) == 1:
                uf.union(by_name[local[0]][0], key, f"'{n}' names {local[0]} in the same article")
                continue
            if local:
                continue  # two people with that name in the article: leave it to a reviewer
            if acronym(n):
                continue  # "ROSE" elsewhere is a body's initials, not the only Rose named in the project
            named = {uf.find(by_name[c][0]): c for c in candidates}
            if len(named) == 1:
                c = next(iter(named.values()))
                uf.union(by_name[c][0], key, f"only person named '{token}' in the project: {c}")
                continue
            if sex:  # "Mr. Roe" is not the Roe the project calls "the first lady"
                same = {r: c for r, c in named.items() if _sex_of(context_of(c)) != _OTHER[sex]}
                said = {r: c for r, c in same.items() if _sex_of(context_of(c)) == sex}
                if len(same) == 1 or len(said) == 1:
                    c = next(iter((same if len(same) == 1 else said).values()))
                    uf.union(
                        by_name[c][0], key, f"'{n}': the only {_SEX_WORD[sex]} named '{token}' in the project is {c}"
                    )
                    continue
                named = same
            role = units[key].context | set(parsed[n].titles)
            fits = {r: c for r, c in named.items() if role & context_of(c)}
            if len(fits) == 1:
                c = next(iter(fits.values()))
                shared = sorted(role & context_of(c))
                uf.union(by_name[c][0], key, f"'{n}' shares role words with {c}: {', '.join(shared)}")


def _link_suffix_in_article(multi, parsed, by_name, uf, split_names) -> None:
    """A name with a suffix and one without it that an article writes both of, spelt apart otherwise
    ("Joseph A. Roe Jr." and "Joe Roe"): one person there, when no other suffix of that family is
    written beside them. Names alone never say so ("Joe Roe" may be the father), nor does the very same
    name without its suffix ("Ron Roe" beside "Ron Roe Jr." is as likely his father)."""
    suffixed = [n for n in multi if parsed[n].suffix and not parsed[n].is_org and n not in split_names]
    if not suffixed:
        return
    plain: dict[str, list[str]] = defaultdict(list)
    for n in multi:
        name = parsed[n]
        if name.tokens and not name.suffix and not name.is_org and n not in split_names:
            plain[name.tokens[-1]].append(n)
    articles = {n: {key[1] for key in by_name[n]} for n in suffixed}
    for s in suffixed:
        full = parsed[s]
        for n in plain.get(full.tokens[-1], []):
            name = parsed[n]
            if name.letters == full.letters or same_person(replace(name, suffix=full.suffix), full) is None:
                continue
            shared = articles[s] & {key[1] for key in by_name[n]}
            rivals = [
                o
                for o in suffixed
                if parsed[o].suffix != full.suffix and parsed[o].tokens[-1] == full.tokens[-1] and shared & articles[o]
            ]
            if shared and not rivals:
                uf.union(by_name[s][0], by_name[n][0], f"'{n}' is '{s}' in the article that writes both")


def _link_cased_alike(loose, whole, parsed, by_name, uf, split_names, split_units) -> None:
    """A description written in other capitals in the same article ("The Bank" opening a sentence, "the
    bank" within one) is the same body or person there; elsewhere it may be any other."""
    first: dict[tuple[str, int], tuple[str, int]] = {}
    for n in whole:
        for key in by_name[n]:
            first.setdefault((n.casefold(), key[1]), by_name[n][0])
    for key in loose:
        if key in split_units or key[0] in split_names or key[0] in whole or not parsed[key[0]].is_role:
            continue
        other = first.setdefault((key[0].casefold(), key[1]), key)
        if other != key:
            uf.union(other, key, "the same words in other capitals in the same article")


_INITIALS_SKIP = frozenset("of the and for".split())
"""Words a body's initials leave out even when capitalised ("Bank Of The North" is BN)."""


def acronym(raw: str) -> str:
    """The letters of a name written as an acronym ("IMF", "S.E.C." -> "SEC"), else ""."""
    letters = raw.strip().replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isascii() and letters.isalpha() and letters.isupper():
        return letters
    return ""


def _words_of(raw: str) -> list[str]:
    """A body's name as words, hyphens apart and quote marks and brackets off."""
    return [w for w in (w.strip("\"'“”‘’()[]") for w in raw.replace("-", " ").split()) if w]


def initials(raw: str) -> str:
    """The initials of a body's capitalised words ("Alliance to Reclaim Our Schools" -> "AROS")."""
    return "".join(w[0] for w in _words_of(raw) if w[:1].isupper() and w.casefold() not in _INITIALS_SKIP).upper()


def _all_initialled(raw: str) -> bool:
    """Whether every word of a body's name gives a letter of its initials (none in lower case but "of",
    "the", "and", "for"): the name itself, not a part of it ("Wall Street Journal editorial board")."""
    return all(w[:1].isupper() or w.casefold() in _INITIALS_SKIP for w in _words_of(raw))


def _link_acronyms(single, multi, whole, parsed, by_name, uf, split_names, split_units) -> None:
    """A body's acronym and its full name ("NRA", "National Rifle Association"): one body when the
    acronym is the initials of the capitalised words of a single body's name in the project, or (a
    one-word acronym) of a single one in the articles that write the acronym. A person's initials never
    make a body ("AP" is no Andrew Peters), nor does an acronym that a full name of a person holds as a word
    ("ROE" of Ana Roe)."""
    bodies: dict[str, list[str]] = defaultdict(list)
    held = {t for n in multi if not parsed[n].is_org for t in parsed[n].tokens}
    for n in multi:
        name = parsed[n]
        if name.is_org and not name.is_role and n not in split_names and not acronym(n):
            bodies[initials(n)].append(n)
    for n in (*single, *multi):
        letters = acronym(n)
        if not letters or n in split_names or parsed[n].is_role or letters not in bodies or letters.lower() in held:
            continue
        kept = [by_name[n][0]] if n in whole else [key for key in by_name[n] if key not in split_units]
        if not kept:
            continue
        fits = {uf.find(by_name[b][0]): b for b in bodies[letters]}
        exact = {r: b for r, b in fits.items() if _all_initialled(b)}
        if len(fits) > 1 and len(exact) == 1:  # "WSJ": the Journal, not "… Journal editorial board"
            fits = exact
        why = f"'{n}' is the initials of {{}}"
        if len(fits) > 1 and n not in whole:  # an acronym a full name's articles tell (see units._partial)
            articles = {key[1] for key in kept}
            fits = {r: b for r, b in fits.items() if articles & {key[1] for key in by_name[b]}}
            why = f"'{n}' is the initials of {{}}, written in the same article"
        if len(fits) == 1:
            body = next(iter(fits.values()))
            uf.union(by_name[body][0], kept[0], why.format(body))


PARTY_GROUPS = frozenset("democrats republicans tories".split())
"""Plural names of a party's people that, capitalised, name the same group in every article ("Democrats
said"): one speaker, unlike a description ("a senior official"), which may be anybody in each article."""


def _link_party_groups(loose, parsed, uf, split_names, split_units) -> None:
    """Join each party's plural name ("Democrats", "the Democrats") across articles: see PARTY_GROUPS."""
    first: dict[str, tuple[str, int]] = {}
    for key in loose:
        if key in split_units or key[0] in split_names or not parsed[key[0]].is_role:
            continue
        words = key[0].split()
        if words and words[0].casefold() == "the":
            words = words[1:]
        if len(words) != 1 or not words[0][:1].isupper() or words[0].casefold() not in PARTY_GROUPS:
            continue
        other = first.setdefault(words[0].casefold(), key)
        if other != key:
            uf.union(other, key, f"'{words[0]}' names the same party in every article")


_FEMALE = frozenset("mrs ms miss madam dame lady wife mother daughter sister widow queen princess duchess".split())
_MALE = frozenset("mr sir lord husband father son brother widower king prince duke".split())
_OTHER = {"f": "m", "m": "f"}
_SEX_WORD = {"f": "woman", "m": "man"}


def _sex_of(words: set[str]) -> str | None:
    """ "f" or "m" when titles or role words say so (Mrs., the first lady; Mr., her husband), else None."""
    f, m = bool(words & _FEMALE), bool(words & _MALE)
    return None if f == m else ("f" if f else "m")


def _context_of(name, by_name, units, parsed) -> set[str]:
    words = set(parsed[name].titles)
    for key in by_name[name]:
        words |= units[key].context
    return words


def resolve(speakers: list[Speaker]) -> Mapping[tuple[str, int], int]:
    """``(name, article_id) -> index into speakers`` for assigning quotes to their speaker."""
    return {key: i for i, s in enumerate(speakers) for key in s.members}
