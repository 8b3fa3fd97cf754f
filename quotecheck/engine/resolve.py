"""Who a source mention refers to, from the article's own text only.

No coreference model: an entity table built from the named entities outside quotations, the roles the
article gives each person (titles before a name, appositions after it), and the order in which people
are mentioned and cited as sources. A bare surname goes to the person with that name most recently
cited as a source (not the nearest string), a pronoun to the most recent person source, a description
("the expert", "the palace representative") to the most recent person whose role is of the same
class. Every answer carries a short reason a person can check.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

log = logging.getLogger(__name__)
BODY_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
"""Entity labels of a speaker that is no person: a company, a government, a party, a paper."""

_NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
_STRIP = " \t\r\n{}[]()\"'“”‘’«»,.;:—–-•*"
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
LEADING_THE = re.compile(r"^(?:the|The)\s+")
_GENDER_REACH = 2500  # characters before the previous paragraph in which a known-gender source still counts
SECOND_IN_LINE = frozenset({"vice", "deputy"})
"""Words that make the office after them its second ("Vice President", "deputy director"): a description of
the office itself ("the president") does not mean its holder."""
SECOND_OFFICES = frozenset({("lieutenant", "governor"), ("assistant", "secretary"), ("assistant", "director")})
"""Offices held as another's second by a word that elsewhere is a rank of its own ("Lt. Gov." is no governor;
a lieutenant general is "the general", an assistant professor "the professor")."""


def _seconds(words: list[str]) -> set[int]:
    """Where in a role's words one makes the office after it its second: "vice" in "Vice President",
    "deputy-mayor", "Lt." in "Lt. Gov."; not "assistant" alone nor in "assistant to the minister"."""
    classes = role_classes()
    said = [TITLE_ABBREVIATIONS.get(w, w) for w in words]
    out = set()
    for k, w in enumerate(said):
        parts = w.split("-", 1)
        nxt = parts[1] if len(parts) == 2 else said[k + 1] if k + 1 < len(said) else ""
        if nxt in classes and (
            parts[0] in SECOND_IN_LINE or (parts[0], TITLE_ABBREVIATIONS.get(nxt, nxt)) in SECOND_OFFICES
        ):
            out.add(k)
    return out


_HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "prof", "rev", "president", "sir", "miss"}
_ALL_TITLES = _HONORIFICS | {"lord", "madam", "lady"}
# Generational suffixes closing a name ("Martin Luther King Jr."): part of the name, never its surname.
_SUFFIXES = {"jr", "sr", "jnr", "snr", "ii", "iii", "iv"}
# Lower-case particles a surname may open with ("van der Berg", "de la Cruz", "bin Salman").
_PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "la", "le", "du", "dos", "das",
    "ter", "ten", "bin", "bint", "ibn", "al", "el", "abu", "st",
}  # fmt: skip
_INITIALS = re.compile(r"(?<=\b[^\W\d_])\.(?=[^\W\d_]\b)")  # "J.R." -> "J. R."
_KEEP_DOT = re.compile(r"\b(?:Jr|Sr|Jnr|Snr)\.$")


PARTIES = {"democrat": "democrat", "democratic": "democrat", "republican": "republican", "gop": "republican"}
"""Party words, each as the noun a later description uses ("the Democrat", "the Ohio Republican")."""
PARTY_NOUNS = frozenset(PARTIES.values())
"""The party words a person's description holds ("democrat", "republican")."""
_POSSESSIVES = frozenset("my your his her its our their".split())
TITLE_ABBREVIATIONS = {
    "gov.": "governor",
    "sen.": "senator",
    "rep.": "congressman",
    "lt.": "lieutenant",
    "gen.": "general",
}
"""Titles abbreviated before a name, as the word a later "the governor" uses."""
SPOUSES = {"husband": "m", "widower": "m", "wife": "f", "widow": "f", "spouse": None}
"""A spouse described by relation (:meth:`EntityTable.kin_of`) and the sex the word gives."""
KIN = frozenset(SPOUSES) | frozenset(
    "son daughter brother sister father mother nephew niece grandson granddaughter cousin stepson stepdaughter".split()
)
"""Relations by which an article introduces someone through another person ("His son, Gerrit Loy")."""
KIN_SEX = {
    **SPOUSES,
    **dict.fromkeys("son brother father nephew grandson stepson".split(), "m"),
    **dict.fromkeys("daughter sister mother niece granddaughter stepdaughter".split(), "f"),
}
"""The sex a word of kin gives the one it describes ("the daughter of Roe" is a she)."""
_YOUNGER_KIN = frozenset("son daughter grandson granddaughter stepson stepdaughter".split())
_OLDER_KIN = frozenset("father mother grandfather grandmother".split())
"""Relations that make one of two people of a surname the younger or the elder ("his son, Eli Roe")."""


@cache
def load_data(name: str) -> dict:
    """A JSON word list from ``quotecheck/engine/data``, keys starting with ``_`` dropped."""
    text = resources.files("quotecheck.engine").joinpath("data", name).read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


@cache
def role_classes() -> dict[str, frozenset[str]]:
    """Role word -> the synonym classes it belongs to."""
    out: dict[str, set[str]] = {}
    for cls, words in load_data("roles.json").items():
        for w in words:
            out.setdefault(w, set()).add(cls)
    return {w: frozenset(c) for w, c in out.items()}


@cache
def speaking_heads() -> frozenset[str]:
    """Head nouns that can stand for a source: people, groups, bodies and the documents that speak for
    someone (``data/speakers.json``), and every word of a role (``data/roles.json``)."""
    words = set(load_data("speakers.json")["heads"])
    for cls, members in load_data("roles.json").items():
        if not cls.startswith("_"):
            words |= {w for m in members for w in m.split()}
    return frozenset(words)


@cache
def document_lemmas() -> frozenset[str]:
    """Nouns for what someone wrote or published (``data/verbs.json``: "a memo", "the study")."""
    verbs = load_data("verbs.json")
    return frozenset(verbs["authored"]["lemmas"]) | frozenset(verbs["document_nouns"]["lemmas"])


@cache
def body_kinds() -> dict[str, frozenset[str]]:
    """A description's head noun ("company") -> the words a name of a body of its kind holds."""
    return {h: frozenset(kind["names"]) for kind in load_data("bodies.json").values() for h in kind["heads"]}


INDEFINITE = frozenset("someone somebody anyone anybody everyone everybody".split())
"""Pronouns that name nobody: a source 'someone' is nobody named, never the person cited before."""


@cache
def pronoun_sets() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in load_data("pronouns.json").items()}


_TITLE_NOUNS = frozenset(
    "captain chief dean doctor king queen sister brother father mother sergeant lieutenant major coach pastor"
    " bishop rabbi imam reverend sheriff mayor prince princess duke uncle aunt".split()
)
"""Words that open a name as a title, not a first name, though birth records list some as given names."""


@cache
def _first_name_sexes() -> dict[str, str]:
    data = load_data("first_names.json")
    return {**{n: "f" for n in data["female"]}, **{n: "m" for n in data["male"]}}


def _a_persons_name(entity) -> bool:
    """A person's name by the tagger that does not end on a body's word ("Roe University", "Wren Trust")."""
    words = entity.name.split()
    return entity.label == "PERSON" and bool(words) and "org" not in role_classes().get(words[-1].lower(), ())


def first_name_sex(name: str) -> str | None:
    """ "f" or "m" when a person's full name opens on a first name nearly always given to one sex
    (``data/first_names.json``, from US birth records), else None: a surname alone, an initial, a name
    given to both ("Kelly Roe") or one the records do not hold.

    >>> first_name_sex("Nadia Holloway"), first_name_sex("Derek Amos"), first_name_sex("Holloway")
    ('f', 'm', None)
    """
    words = strip_titles(name).split()
    if len(words) < 2 or _key(words[0]) in _ALL_TITLES | _TITLE_NOUNS or words[0].lower() in role_classes():
        return None  # "Captain Dallow", "Judge Alvarez": a title the tagger kept, no first name
    return _first_name_sexes().get(words[0])


def pronoun_sex(word: str) -> str | None:
    """ "m" for he/him/his, "f" for she/her/hers (``data/pronouns.json``), else None.

    >>> pronoun_sex("She"), pronoun_sex("his"), pronoun_sex("they")
    ('f', 'm', None)
    """
    sets, w = pronoun_sets(), word.casefold()
    return "m" if w in sets["male"] else "f" if w in sets["female"] else None


def honorific_sex(word: str) -> str | None:
    """ "m" for Mr./Sir/Lord, "f" for Mrs./Ms./Miss/Madam/Lady, else None.

    >>> honorific_sex("Mr."), honorific_sex("Ms"), honorific_sex("Dr.")
    ('m', 'f', None)
    """
    key, sets = _key(word), pronoun_sets()
    return "m" if key in sets["honorific_male"] else "f" if key in sets["honorific_female"] else None


def role_gender(roles: list[str]) -> str | None:
    """ "m" or "f" when the role phrases name a gendered role ("the first lady", "her husband"), else None.

    >>> role_gender(["the first lady"]), role_gender(["her husband"]), role_gender(["a spokesman"])
    ('f', 'm', None)
    """
    sets = pronoun_sets()
    found = {
        sex
        for phrase in roles
        for w in _words(phrase.lower())
        for sex, key in (("m", "role_male"), ("f", "role_female"))
        if w in sets[key]
    }
    return found.pop() if len(found) == 1 else None


# Words a name never ends with: a tagger's span that runs on into the sentence ("Ana Roe and").
_DANGLING = {"and", "or", "nor", "but", "with", "a", "an", "the", "of", "to", "for", "in", "on", "at", "by", "from"}
_DANGLING |= {"that", "which", "who", "--", "—", "–"}  # "the study -- which notes …"
_QUOTE_MARKS = re.compile(r"[\"“”«»„]")
_SPACED_DASH_TAIL = re.compile(r"\s+(?:-|--|—|–)\s+[a-z].*$")


def clean_name(text: str) -> str:
    """An entity's text as a name: first line only, braces, quotation marks, possessive 's and a dangling
    function word or relative pronoun at the end ("Ana Roe and", "the study -- which") off."""
    text = text.split("\n")[0]
    text = _SPACED_DASH_TAIL.sub("", text)  # "the Policy Centre - half of …": the name ends at the dash
    text = text.replace("{", "").replace("}", "")
    text = " ".join(_QUOTE_MARKS.sub("", text).split())  # the “fact-checking” website: marks, not name
    nodot = _STRIP.replace(".", "")
    kept = _KEEP_DOT.search(_POSSESSIVE.sub("", text.rstrip(nodot)).rstrip(nodot))  # "King Jr." keeps its dot
    text = text.strip(_STRIP)
    text = _POSSESSIVE.sub("", text).strip(_STRIP) + ("." if kept else "")
    words = text.split()
    while len(words) > 1 and words[-1] in _DANGLING:  # lower case only: "Al From" is a name
        words.pop()
        words[-1] = words[-1].rstrip(nodot) or words[-1]
    return " ".join(words)


# Lower-case words inside a name: particles ("de la", "van der", "bin") and a body's connectives.
_NAME_JOINERS = {"of", "for", "and", "the", "de", "la", "le", "du", "da", "di", "van", "von", "der", "den", "bin", "al"}


def _trailing_name(phrase: str) -> str:
    """The name that ends a phrase, the description in front of it left out: "Harvard economist Eda
    Roe" -> "Eda Roe"; "minister of state Ana de la Vargo" -> "Ana de la Vargo"."""
    words = phrase.split()
    i = len(words)
    while i > 0 and (words[i - 1][:1].isupper() or words[i - 1] in _NAME_JOINERS):
        i -= 1
    while i < len(words) and words[i] in _NAME_JOINERS:
        i += 1
    kept = words[i:]
    return " ".join(kept) if kept else phrase


def strip_titles(name: str) -> str:
    """'Councillor Jane Roe' -> 'Jane Roe'; a name is never cut below two words."""
    words = _words(name)
    classes = role_classes()
    while len(words) > 2 and (_key(words[0]) in classes or _key(words[0]) in _HONORIFICS):
        words.pop(0)
    return " ".join(words)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", name) if w]


def _key(word: str) -> str:
    """A name word for comparison: case and the apostrophe's form aside."""
    return word.casefold().replace("’", "'").strip(".,")


def _folded(key: str) -> str:
    """A name key without accents ("vlădescu" -> "vladescu"): what a surname written both ways shares."""
    if key.isascii():
        return key
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def _bearing_folded(people: list[Entity], part: list[str], opening: bool) -> list[Entity]:
    """The people whose name closes on ``part`` (or, with ``opening``, opens on it) once accents are set
    aside on both sides ("vladescu" for "Radu Vlădescu"); none when nothing has an accent to set aside."""
    if all(k.isascii() for k in part) and all(n.isascii() for e in people for n in e.names):
        return []
    folded = [_folded(k) for k in part]

    def bears(name: str) -> bool:
        keys = [_folded(k) for k in _core(_name_keys(name))]
        return keys[-len(folded) :] == folded or (opening and keys[: len(folded)] == folded)

    return [e for e in people if any(bears(n) for n in e.names)]


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> list[str]:
    """Name words for comparison; hyphens and run-together initials split, so "Sang-un" and "Sang Un",
    "A.J. Roe" and "A. J. Roe" agree. Cached: callers must not change the list."""
    return [_key(w) for w in _words(_INITIALS.sub(". ", name.replace("-", " "))) if _key(w)]


def is_generation(word: str) -> bool:
    """Whether a name's word is a generational suffix ("Jr.", "Sr", "II")."""
    return _key(word) in _SUFFIXES


def _core(keys: list[str]) -> list[str]:
    """Name keys without a closing generational suffix ("King Jr." -> "king")."""
    return keys[:-1] if len(keys) >= 2 and keys[-1] in _SUFFIXES else keys


def _suffix(keys: list[str]) -> str | None:
    return keys[-1] if len(keys) >= 2 and keys[-1] in _SUFFIXES else None


def _ends_with(name: str, part: list[str]) -> bool:
    """Whether ``part`` (keys of a surname as written: "Dunmore-Carr", "van der Berg") closes the name,
    a generational suffix aside."""
    core = _core(_name_keys(name))
    return bool(part) and core[-len(part) :] == part


def _first_of_two_surnames(name: str, part: list[str]) -> bool:
    """Whether ``part`` is the word before the last of a name of three words or more ("Villanueva" in
    "Carmen Villanueva Quispe")."""
    words = _words(name)
    if len(words) < 3 or _suffix([_key(w) for w in words]) or not all(w[:1].isupper() for w in words):
        return False  # three capitalised words, none a suffix ("The Donald Trump-led" is no name)
    return [_key(w) for w in words[-1 - len(part) : -1]] == part and "-" not in words[-1]


_HYPHENATED_GIVEN_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")


def _surname_first(name: str, part: list[str]) -> bool:
    """Whether the name is ``part`` and then a hyphenated given name ("Kim Soo-yeon", "Lee Dong-hyun")."""
    words = _words(name)
    return len(words) == 2 and [_key(words[0])] == part and bool(_HYPHENATED_GIVEN_NAME.fullmatch(words[1]))


def _starts_with(name: str, part: list[str]) -> bool:
    return bool(part) and _name_keys(name)[: len(part)] == part


def surname_shaped(words: list[str]) -> bool:
    """One word ("Roe", "Dunmore-Carr", "O'Neill"), or a surname with its particles ("van der Berg",
    "de la Cruz", "bin Salman"): how a person is named after the first mention."""
    if len(words) == 1:
        return True
    return 2 <= len(words) <= 4 and all(_key(w) in _PARTICLES for w in words[:-1]) and _key(words[-1]) not in _PARTICLES


def _principal(bearers: list[Entity]) -> Entity | None:
    """Of two people of one surname, the one the other was introduced by ("His son, Gerrit Loy", "Her
    daughter, Persephone Roe"): the one a surname alone or a title and surname then means; None unless
    exactly one of the two was given a relation (:data:`KIN`)."""
    if len(bearers) != 2:
        return None
    related = [e for e in bearers if e.role_words_as_written() & KIN]
    return next(e for e in bearers if e is not related[0]) if len(related) == 1 else None


class Offsets(list):
    """Character offsets kept in order as they are added, so that the last one before a place is found
    by bisection: a person named at every quote of an article on one line was looked up in all of their
    mentions for each quote (quadratic). A ``list`` for everything else (iteration, ``len``, ``+``)."""

    def append(self, pos: int) -> None:
        bisect.insort(self, pos)

    def extend(self, more) -> None:
        super().extend(more)
        self.sort()

    def last_before(self, pos: int) -> int:
        """The greatest offset below ``pos``, or -1."""
        k = bisect.bisect_left(self, pos)
        return self[k - 1] if k else -1

    def first_from(self, pos: int) -> int | None:
        """The least offset at ``pos`` or after, or None."""
        k = bisect.bisect_left(self, pos)
        return self[k] if k < len(self) else None

    def count_before(self, pos: int) -> int:
        """How many offsets lie below ``pos``."""
        return bisect.bisect_left(self, pos)

    def any_in(self, lo: int, hi: int) -> bool:
        """Whether an offset lies in ``[lo, hi)``."""
        k = bisect.bisect_left(self, lo)
        return k < len(self) and self[k] < hi


@dataclass
class Entity:
    """A person or body the article names, with everything the resolver knows about it."""

    names: list[str]
    label: str
    roles: list[str] = field(default_factory=list)  # role phrases as written ("palace spokesman")
    mentions: Offsets = field(default_factory=Offsets)  # char offsets, outside quotes, in order
    sources: Offsets = field(default_factory=Offsets)  # char offsets where it is cited as a source, in order
    gender: str | None = None  # from "Roe said she …": also makes the person preferred for he/she
    titled_gender: str | None = None  # from "Mr. Roe" / "Ms. Roe": only rules the person out
    described: set[str] = field(default_factory=set)  # lemmas of "Roe, who farms …" / "Roe, a farmer …"
    unnamed: bool = False  # a description that names no one ("the first", "the source"), kept as written
    by_surname: list[int] = field(default_factory=list)  # char offsets where the article called it by surname alone
    age: int | None = None  # "Irene Roe, 74, …": the age the article gave
    head: str | None = None  # an unnamed person's head noun ("official" of "an official involved in …")

    def absorb(self, other: Entity) -> None:
        """Take in what the article said of ``other``, the same person read apart before."""
        self.names.extend(n for n in other.names if n not in self.names)
        self.mentions.extend(other.mentions)
        self.roles.extend(r for r in other.roles if r not in self.roles)
        self.described |= other.described
        self.titled_gender = self.titled_gender or other.titled_gender
        self.gender = self.gender or other.gender

    def note_surname(self, word: str, pos: int) -> None:
        """Record at ``pos`` that the article called this person by ``word`` alone, if that is the surname
        closing their full name (what :meth:`EntityTable.lookup_word` weighs between two bearers)."""
        if len(_words(word)) == 1 and len(_words(self.name)) >= 2 and _ends_with(self.name, _name_keys(word)):
            self.by_surname.append(pos)

    @property
    def any_gender(self) -> str | None:
        return self.gender or self.titled_gender

    @property
    def likely_gender(self) -> str | None:
        """What the article shows (pronouns, titles), else what the person's first name suggests: a weak
        hint, never a reason to rule the person out."""
        return self.any_gender or (first_name_sex(self.name) if self.label == "PERSON" else None)

    @property
    def name(self) -> str:
        """The fullest name: most words, the earliest of equals; titles in front of a person's name
        ("Councillor", "Sen.") are roles, not part of the name."""
        names = [strip_titles(n) for n in self.names] if self.label == "PERSON" else self.names
        return max(names, key=lambda n: (len(_words(n)), -names.index(n)))

    def role_classes(self, abbreviations: bool = False, seconds: bool = True) -> set[str]:
        """The role words the article gave the person and their synonym classes; with ``abbreviations``,
        a title abbreviated before the name counts as its word ("Gov. Roe" is a governor); without
        ``seconds``, not an office held as its second ("Vice President Roe" is no president)."""
        classes = role_classes()
        out: set[str] = set()
        for w in self.role_words_as_written(abbreviations, seconds=seconds):
            out |= classes.get(w, set()) | {w}
        return out

    def role_words_as_written(self, abbreviations: bool = False, labels: bool = True, seconds: bool = True) -> set[str]:
        """The words of the roles the article gave; with ``abbreviations``, a title abbreviated before the
        name as its word too ("sen." and "senator"); without ``labels``, no role read off a transcript's
        label in capitals ("MINISTER"); without ``seconds``, no office held as its second ("Vice President",
        "deputy director": neither word)."""
        words = set()
        for phrase in self.roles:
            if labels or not phrase.isupper():
                said = _words(phrase.lower())
                second = set() if seconds else _seconds(said)
                words |= {w for k, w in enumerate(said) if not (k in second or k - 1 in second)}
        if abbreviations:
            words |= {TITLE_ABBREVIATIONS[w] for w in words if w in TITLE_ABBREVIATIONS}
        return words

    def holds_another_office(self, office: set[str] | frozenset[str]) -> bool:
        """Whether the roles the article gave the person show a sex and share no class with ``office`` (the
        classes of a title written before a surname): "the first lady, Jane Roe" is not "President Roe"."""
        return bool(office) and role_gender(self.roles) is not None and not office & self.role_classes()

    def office_holder(self) -> bool:
        """Whether the article names the person only by a title and surname ("President Roe", "Mr. Roe") or by
        the surname alone, and by a title at least once."""
        return (
            self.label == "PERSON"
            and any(_titled_only(n) for n in self.names)
            and all(_titled_only(n) or len(_words(n)) == 1 for n in self.names)
        )

    def given(self, title: str, abbreviations: bool = True, labels: bool = True) -> bool:
        """Whether the article gave the person the office or title ``title`` ("Coach", "Prof.")."""
        return _key(title) in {_key(w) for w in self.role_words_as_written(abbreviations, labels)}

    def role_words(self) -> set[str]:
        return {_stem(w) for phrase in self.roles for w in _words(phrase.lower())}

    def tokens(self) -> set[str]:
        return {_key(w) for n in self.names for w in _words(n)}


def name_shaped(name: str) -> bool:
    """Two or three title-case words, none a role or body word: how a person's name looks ("Lakeshore
    University" is a body's)."""
    words = _words(name)
    return (
        2 <= len(words) <= 3
        and _key(words[0]) != "the"  # "The Harbor Ledger"
        and all(w[:1].isupper() and _key(w) not in role_classes() and _key(w) not in _body_name_words() for w in words)
    )


_SURNAME_LIKE = frozenset("mills power star post record review standard globe mirror brands foods homes".split())


def body_name_word(word: str, newspapers: bool = False) -> bool:
    """A word a body's name closes on and a person's does not ("Systems", "Inc.", "University"); with
    ``newspapers``, a newspaper's too ("Ledger", "Times"), which a name can also stand for alone."""
    key = _key(word).replace(".", "")
    return key in _body_name_words() or (newspapers and key in body_kinds()["newspaper"])


@cache
def _body_name_words() -> frozenset[str]:
    """Words a body's name closes on that no person's name does ("University", "Systems", "Inc")."""
    outlets = body_kinds()["newspaper"]  # "Times" and "Journal" stand for their paper alone
    return frozenset(w for names in body_kinds().values() if names != outlets for w in names) - _SURNAME_LIKE


def _surname_shaped_word(name: str) -> bool:
    """One title-case word that is no acronym and no role or body word ("Holloway", not "NATO" or
    "Police"): a surname the tagger may have called a body."""
    words = _words(name)
    return (
        len(words) == 1
        and len(words[0]) >= 3
        and words[0][:1].isupper()
        and words[0][1:].islower()
        and _key(words[0]) not in role_classes()
    )


_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")


def _made_from(base: str, word: str) -> bool:
    """'farm' and 'farm', 'bak' and 'bakery': the same word, or one the start of the other (4+ letters)."""
    return base == word or (min(len(base), len(word)) >= 4 and (word.startswith(base) or base.startswith(word)))


def _stem(word: str) -> str:
    return word.casefold()[:5]


@lru_cache(maxsize=65536)
def _same_person(a: str, b: str, person: bool = True) -> bool:
    """Two multi-word names of one person: same surname and close forenames, or one inside the other.
    Bodies and places (``person=False``) never match on a close first word: "North Korea" and
    "South Korea" share a last word and differ in two letters of five, yet are two countries."""
    wa, wb = _name_keys(a), _name_keys(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    if _suffix(wa) and _suffix(wb):
        return False  # "Roe Jr." and "Roe Sr.": two people
    wa, wb = _core(wa), _core(wb)
    if wa == wb:
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    # one name inside the other ("Barack Obama", "Barack Hussein Obama"), a surname alone aside: the
    # keys of "Achebe-Clarke" are two, but it names any of the family
    written = min(len(_words(a)), len(_words(b)))
    if (
        len(short) >= 2
        and (written >= 2 or not person)
        and any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))
    ):
        return True
    if person and len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1]:
        # the forenames before all the surname the two share: "Desmond Achebe-Clarke" and "Grace
        # Achebe-Clarke" compare "desmond" with "grace", not "desmond achebe" with "grace achebe"
        shared = 1
        while shared < min(len(wa), len(wb)) - 1 and wa[-shared - 1] == wb[-shared - 1]:
            shared += 1
        fa, fb = wa[:-shared], wb[:-shared]
        return (
            _initials_of(fa, fb)
            or _initials_of(fb, fa)
            or (Levenshtein.normalized_similarity(" ".join(fa), " ".join(fb)) >= 0.6)
        )
    return False


ASKERS = frozenset({"reporter", "journalist", "interviewer", "moderator", "questioner", "correspondent"})
"""Heads of an unnamed person who asks rather than answers."""
DESCRIBED_REACH = 1500
"""Characters after an unnamed person's description within which "the official" is that person."""
NAMED_AFTER = 600
"""Characters after a description within which a person named with its role is the one it means ("…, its
chief executive said." and the next paragraph's "chief executive Marta Roe")."""


def bare_word(word: str) -> str:
    """A word without a possessive ending ("Roe's", "Roe’s", "Roes'" -> "Roe", "Roes")."""
    return _POSSESSIVE.sub("", word)


def is_title(word: str) -> bool:
    """An honorific or title written before a name ("Dr", "Prof.", "Mrs")."""
    return _key(word) in _ALL_TITLES


_RANKS = frozenset(
    "sgt lt capt col cpl det insp supt maj adm cmdr pvt officer detective deputy trooper inspector"
    " superintendent colonel corporal commander admiral judge".split()
)
"""Ranks and offices written before a surname on later reference ("Sgt. Roe", "Sergeant Roe", "Judge Roe");
not "Justice", a first name too."""
OFFICE_ABBREVIATIONS = {"cllr": "councillor", "cr": "councillor", "councilmember": "councillor"}
"""Offices written short before a surname (British "Cllr Roe", Australian "Cr Roe") or as one word (US
"Councilmember Roe"): the office the article gave the person named in full."""


def _office_key(word: str) -> str:
    """An office written before a name, as its word in the role lexicon ("Cllr" -> "councillor")."""
    return OFFICE_ABBREVIATIONS.get(_key(word), _key(word))


_NAME_TITLES = _ALL_TITLES | _TITLE_NOUNS | _RANKS
"""Every word that may stand before a surname alone ("Ms. Roe", "Father Roe", "Sergeant Roe")."""


def is_office(word: str) -> bool:
    """A capitalised office, rank or sexless title written before a surname ("Coach", "Commissioner",
    "Prof.", "Sgt."), which may tell apart two people of the surname; not "Mr." or "Ms."."""
    return word[:1].isupper() and (word.lower() in role_classes() or is_rank(word)) and not honorific_sex(word)


def is_rank(word: str) -> bool:
    """A title, rank or office written before a name ("Mrs", "Sgt", "Sergeant", "Judge")."""
    return _key(word) in _NAME_TITLES


HANDLE = re.compile(r"@[A-Za-z][A-Za-z0-9_]{2,30}")
"""A social-media account's handle ("@JaneRoe")."""
HANDLE_PREFIXES = ("real", "the", "sen", "senator", "gov", "governor", "rep", "mayor", "team", "mr", "ms", "dr")
"""Words an account puts before its owner's surname ("@GovRoe", "@RealJaneRoe")."""


def _a_person_described(text: str) -> bool:
    """A person the article brings in unnamed, as written: an indefinite description whose nouns hold a
    role only a person has ("A juror", "a senior aide to the mayor"), not a body's ("a spokesman's
    office") or a thing's ("a police report"). A definite one ("the Florida senator") is someone named
    before, whom the resolver did not find."""
    classes = role_classes()
    words = [_key(w) for w in _words(text)]
    kin = words[1:] if words[:1] == ["the"] else words
    if len(kin) > 2 and kin[0] in KIN and kin[1] == "of":
        return True  # "the daughter of Bernard Roe": someone new, named by another
    return (
        words[:1] in (["a"], ["an"], ["another"], ["one"])
        and any(w in classes and "org" not in classes[w] for w in words)
        and not any("org" in classes.get(w, ()) or w in body_kinds() for w in words)
    )


def _titled_only(name: str) -> bool:
    """A name that is a title and a surname only ("Ms. Roe", "Dr. van der Berg", "Sergeant Roe")."""
    words = _words(name)
    return len(words) >= 2 and _key(words[0]) in _NAME_TITLES and surname_shaped(words[1:])


def _initials_of(initials: list[str], forenames: list[str]) -> bool:
    """Forenames given as initials that open the other's forenames ("L.H. Roe", "Laurence Roe"): the
    first initial is the first forename's, a further one a middle name's where the other writes one."""
    return (
        all(len(i) == 1 for i in initials)
        and any(len(f) > 1 for f in forenames)
        and all(f[:1] == i for i, f in zip(initials, forenames, strict=False))
    )


@dataclass
class Resolution:
    """A mention resolved: the entity (or None), the speaker string, how sure and why."""

    entity: Entity | None
    speaker: str | None
    confidence: float
    reason: str


class EntityTable:
    """Entities of one article and the order they were mentioned and cited in."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.chunks: list[tuple[int, str, str]] = []  # (offset, head lemma, text) of noun phrases outside quotes
        self.comma_after: set[int] = set()  # offsets of the chunks a comma follows ("the timber company, …")
        self._fuller: dict[tuple[str, str], tuple[int, list[tuple[int, str]]]] = {}
        self.outlets: set[str] = set()  # names of the bodies the article has report something ("the Ledger reported")
        self._given: dict[str, Entity] = {}  # a first name someone otherwise unnamed gave -> that person
        self._given_at: dict[int, Entity] = {}  # where each such name was given

    def fuller_body(self, name: str, head: str, pos: int) -> str | None:
        """The fullest earlier phrase with the same head noun ("the union" -> "transport workers' union").
        For a proper name only the name at the end of the phrase counts: "best-selling author Eda Roe"
        and "Harvard economist Eda Roe" give "Eda Roe" for "Roe", never the description in front of it;
        "Transport Workers' Union of Ostrevia" stays whole."""
        fits = self._fuller.get((name, head))
        if fits is None or fits[0] != len(self.chunks):  # the phrases that fit, found once per name
            words = set(_name_keys(name))
            found = []
            for off, h, text in self.chunks:
                if h != head:
                    continue
                cand = clean_name(LEADING_THE.sub("", text))
                if name[:1].isupper():
                    cand = _trailing_name(cand)
                if len(_words(cand)) > len(_words(name)) and words <= set(_name_keys(cand)) | {head}:
                    found.append((off, cand))
            fits = self._fuller[(name, head)] = (len(self.chunks), found)
        return next((cand for off, cand in reversed(fits[1]) if off < pos), None)  # the latest before pos

    # -- building --------------------------------------------------------------------------------

    def given_name(self, name: str, pos: int) -> Resolution:
        """A person known only by the name they gave ("a woman who identified herself only as Ana"): a
        person of their own, never the article's Ana Lind. Named again by that name, they are the same."""
        name = clean_name(name)
        ent = self._given.get(name)
        if ent is None:
            # the sex the first name nearly always has stands in for the article's pronouns ("… only as Ana
            # said …. “…,” she said"): this is the person "she" then means, not a namesake cited before
            ent = self._given[name] = Entity([name], "PERSON", gender=_first_name_sexes().get(name))
            self.entities.append(ent)
        self._given_at[pos] = ent
        ent.mentions.append(pos)
        return Resolution(ent, name, 0.9, f"named only as '{name}', the name this person gave")

    def add_name(self, name: str, label: str, pos: int, roles: list[str] | None = None) -> Entity | None:
        """Record a mention of a multi-word or known name; a lone word joins an entity it matches."""
        name = clean_name(name)
        if label != "PERSON" and len(_words(LEADING_THE.sub("", name))) >= 2:
            name = LEADING_THE.sub("", name)  # "the Foreign Ministry" and "Foreign Ministry" are one body
        if not name or not any(c.isalpha() for c in name):
            return None
        words = _words(name)
        ent = None
        titled = self._titled_surname(words, label, pos)
        if titled is not None:
            ent = titled
        elif label == "PERSON" and _titled_only(name):
            # "Mrs. Roe" beside a "Mr. Roe": one of the same name only, never a fuzzy forename match; or
            # the one person the article knows by that surname alone, if the title fits
            ent = next((e for e in self._people() if name in e.names), None) or self._known_by_surname(words)
        elif label == "ORG" and len(words) == 1 and self._surname_of_person(name):
            ent = self._surname_of_person(name)  # "Dunmore-Carr" tagged a body after "Eliza Dunmore-Carr"
        elif len(words) >= 2 or label != "PERSON":
            ent = next(
                (
                    e
                    for e in self.entities
                    if e.label == label and any(_same_person(name, n, label == "PERSON") for n in e.names)
                ),
                None,
            )
            if ent is None and label == "ORG":
                ent = self._body_by_first_word(words)
            if ent is None and label == "ORG" and _words(name)[-1].split("-")[-1].lower() in body_kinds()["newspaper"]:
                # "the Ledger" after "the Harlow Daily Ledger": the one body of that last word named before
                ent = self._body_in_full(LEADING_THE.sub("", name), pos, reported=False)
            if ent is None and label == "PERSON" and len(words) >= 2:
                ent = next(
                    (e for e in self.entities if e.label == "PERSON" and any(_same_person(name, n) for n in e.names)),
                    None,
                )
        else:
            ent = self.lookup_word(words[0], pos)
        if ent is None:
            ent = Entity([name], label)
            self.entities.append(ent)
        elif name not in ent.names:
            ent.names.append(name)
        ent.mentions.append(pos)
        ent.note_surname(name, pos)
        for r in roles or []:
            if r and r not in ent.roles:
                ent.roles.append(r)
        if ent.titled_gender is None and roles:
            ent.titled_gender = role_gender(roles)
        sex = honorific_sex(words[0]) if words else None
        if sex:
            ent.gender = sex
            ent.titled_gender = ent.titled_gender or sex
        return ent

    def add_office_holder(self, name: str, pos: int, roles: list[str]) -> Entity:
        """ "President Roe" as a person of its own, known by office and surname (the article gives no first
        name, and no one named in full is the office's holder): never joined to another of the surname."""
        ent = next((e for e in self._people() if name in e.names), None)
        if ent is None:
            ent = Entity([name], "PERSON")
            self.entities.append(ent)
        ent.mentions.append(pos)
        ent.note_surname(name, pos)
        ent.roles.extend(r for r in roles if r and r not in ent.roles)
        return ent

    def _known_by_surname(self, words: list[str]) -> Entity | None:
        """ "Mr. Roe" after "President Roe" (or "Roe" alone) in an article that never gives a first name: the
        one person named only by that surname, when the title fits. A title of sex needs the person shown
        to be of that sex ("Mrs. Roe" is not President Roe, whom "he" followed); a second office is
        another's ("Gov. Roe" is not "Sen. Roe")."""
        part = _name_keys(" ".join(words[1:]))
        known = [
            e
            for e in self._people()
            if all(_titled_only(n) or surname_shaped(_words(n)) for n in e.names)
            and any(_ends_with(n, part) for n in e.names)
        ]
        if len(known) != 1:
            return None
        ent, sex = known[0], honorific_sex(words[0])
        if sex and ent.any_gender != sex and not (ent.any_gender is None and self._other_sex_named(words, sex)):
            # "Mrs. Roe" is not President Roe unless the article showed the president a woman; "Mr. Roe"
            # beside "the first lady, Jane Roe" is the president
            return None
        offices = {_key(_words(n)[0]) for n in ent.names if _titled_only(n) and is_office(_words(n)[0])}
        if is_office(words[0]) and offices - {_key(words[0])}:
            return None
        return ent

    def _other_sex_named(self, words: list[str], sex: str) -> bool:
        """Whether someone of the surname after the title, named in full, is of the other sex."""
        return any(
            not e.office_holder() and len(_words(e.name)) >= 2 and e.likely_gender not in (None, sex)
            for e in self._bearers(" ".join(words[1:]))
        )

    def _body_by_first_word(self, words: list[str]) -> Entity | None:
        """The one body whose name opens on the word a body is called by alone and closes on a word only
        a body's name does ("Veridane said" after "Veridane Biosciences"), or the one called by the first
        word of such a fuller name; None when the word opens two bodies' names."""
        key = _key(words[0])

        def fuller(n: list[str]) -> bool:  # "Veridane Biosciences", not "Trump Train"
            return len(n) >= 2 and _key(n[0]) == key and body_name_word(n[-1])

        if len(words) == 1:
            found = [e for e in self.entities if e.label == "ORG" and any(fuller(_words(n)) for n in e.names)]
        elif fuller(words):
            found = [e for e in self.entities if e.label == "ORG" and any(_key(n) == key for n in e.names)]
        else:
            return None
        return found[0] if len(found) == 1 else None

    def join_titled(self) -> None:
        """A person known so far only as "Ms. Roe", read before the article's pronouns told who is who,
        joins the one person of that surname whose gender the title fits ("Ms. Roe" is Nadia Roe, not
        her rival Tom Roe); with none or several such, stays apart."""
        for ent in list(self.entities):
            if ent.label != "PERSON" or not ent.names or not all(_titled_only(n) for n in ent.names):
                continue
            words = _words(ent.names[0])
            sex = honorific_sex(words[0])
            cands = [
                e
                for e in self._bearers(" ".join(words[1:]))
                if e is not ent
                and not all(_titled_only(n) for n in e.names)
                and (sex is None or e.gender == sex)  # the article must have said who is a he or a she
            ]
            office = role_classes().get(_key(words[0]), frozenset()) if is_office(words[0]) else frozenset()
            if len(cands) == 1 and cands[0].holds_another_office(office):
                continue  # "President Roe" is not "the first lady, Jane Roe"
            if len(cands) == 1:
                cands[0].absorb(ent)
                self.entities.remove(ent)

    def bearer_of_sex(self, surname: str, sex: str) -> Entity | None:
        """The one person of ``surname`` (:meth:`_bearers`) the article or a first name shows to be of ``sex``
        ("Navarro himself …" beside Teresa and Paul Navarro); None when none or several are."""
        of_sex = [e for e in self._bearers(surname) if e.likely_gender == sex]
        return of_sex[0] if len(of_sex) == 1 else None

    def _bearers(self, surname: str) -> list[Entity]:
        """The people named with ``surname`` ("Roe", "van der Berg", "Dunmore-Carr") closing a name, else
        those whose name of three words or more has it before a last one: a first of two surnames,
        which Spanish and Portuguese names go by ("Villanueva" for Carmen Villanueva Quispe), else those
        whose name opens on it before a hyphenated given name, as Korean names are written ("Ms. Kim" for
        Kim Soo-yeon)."""
        part = _name_keys(surname)
        people = self._people()
        found = (
            [e for e in people if any(_ends_with(n, part) for n in e.names)]
            or self._first_of_two_bearers(part)
            or [e for e in people if any(_surname_first(n, part) for n in e.names)]
        )
        # "Mr. Vladescu" after "Radu Vlădescu", when no one bears the surname as written ("Pena" beside
        # "Peña" stays two people)
        return found or _bearing_folded(people, part, opening=False)

    def _first_of_two_bearers(self, part: list[str]) -> list[Entity]:
        """The people whose name has ``part`` as the first of two surnames ("Villanueva" of Carmen Villanueva Quispe)."""
        return [e for e in self._people() if any(_first_of_two_surnames(n, part) for n in e.names)]

    def kin_of(self, ent: Entity, word: str, after: int | None = None) -> Entity | None:
        """The one other person of ``ent``'s surname who can be the ``word`` ("husband", "wife", "daughter") of
        ``ent``: "Carl and Denise Rourke … Her husband said" is Carl Rourke. A first name or title of the
        other sex rules a person out; two who fit, or none, leave the description as written. With
        ``after``, only a person first named after that offset ("the daughter of Roe …. Claire Roe, 31, …",
        not his wife named before)."""
        if ent.label != "PERSON" or len(_words(ent.name)) < 2:
            return None
        sex = KIN_SEX.get(word.casefold())
        others = [
            e
            for e in self._bearers(_words(ent.name)[-1])
            if e is not ent
            and len(_words(e.name)) >= 2
            and (sex is None or e.likely_gender in (None, sex))
            and (after is None or min(e.mentions, default=-1) > after)
        ]
        return others[0] if len(others) == 1 else None

    def bearer_by_role(self, surname: str, title: str) -> Entity | None:
        """Of several people named in full with ``surname``, the one the article gave the office written
        before it ("Coach Roe" for "Mustangs coach Greg Roe" beside his son and wife, "Commissioner Roe"
        for "the county health commissioner, Grace Roe"); None unless exactly one was given it."""
        bearers = [e for e in self._bearers(surname) if len(_words(e.name)) >= 2]
        if len(bearers) < 2:
            return None
        given = [e for e in bearers if e.given(title)]
        return given[0] if len(given) == 1 else None

    def bearer_by_age(self, surname: str, elder: bool, pos: int, sex: str | None = None) -> Entity | None:
        """Of two people named in full with ``surname``, "the elder" / "the younger": the parent or the
        child by the relation the article gave one of them ("his son, Eli Roe"), else by the ages it gave
        ("Irene Roe, 74, …"), else the one named last before ``pos``, as a reporter writes it right after
        bringing that one in. With ``sex`` (from "the younger Mr. Roe"), people of the other sex aside."""
        bearers = [
            e
            for e in self._bearers(surname)
            if len(_words(e.name)) >= 2 and (sex is None or e.likely_gender in (None, sex))
        ]
        if len(bearers) != 2:
            return None
        for e in bearers:
            other = bearers[1] if e is bearers[0] else bearers[0]
            # "His daughter, Anna Roe", not "the son of a coal miner" or "a mother of two": a relation
            # to someone else says nothing of the two
            words = {w for r in e.roles if " of " not in f" {r.lower()} " for w in _words(r.lower())}
            if words & _YOUNGER_KIN and not words & _OLDER_KIN:
                return other if elder else e
            if words & _OLDER_KIN and not words & _YOUNGER_KIN:
                return e if elder else other
        if all(e.age is not None for e in bearers) and bearers[0].age != bearers[1].age:
            old, young = sorted(bearers, key=lambda e: -(e.age or 0))
            return old if elder else young
        latest = self._latest_named(bearers, pos)
        return latest[1] if latest is not None else None

    def latest_of_party(self, party: str, pos: int, since: int) -> Entity | None:
        """The person the article gave ``party`` ("democrat", "republican") named or cited last between
        ``since`` and ``pos``."""
        latest = self._latest_named([e for e in self._people() if party in e.described], pos)
        return latest[1] if latest is not None and latest[0] >= since else None

    def unnamed_person(self, text: str, head: str, pos: int) -> Entity | None:
        """The entry of a person the article brings in described, not named ("An official involved in the
        operation", "a neighbor who asked not to be named"), whom "the official" or "she" may mean next;
        None for a description that is no person's ("a statement", "a spokesman's office")."""
        if not _a_person_described(text) or head in ASKERS:
            return None  # a reporter who asks is answered, never meant by the "he" after the question
        ent = next((e for e in self.entities if e.unnamed and e.names == [text]), None)
        if ent is None:
            ent = Entity([text], "ORG", unnamed=True, head=head, titled_gender=role_gender([text]))
            self.entities.append(ent)
        ent.mentions.append(pos)
        return ent

    def _described_before(self, head: str, pos: int) -> Entity | None:
        """ "the official" for the person brought in just before as "An official involved in the
        operation": the latest unnamed person of that head noun cited or mentioned within
        :data:`DESCRIBED_REACH` characters before ``pos``."""
        best = None
        for ent in self.entities:
            if not ent.unnamed or ent.head != head:
                continue
            last = max(self._last_before(ent.mentions, pos), self._last_before(ent.sources, pos))
            if last >= 0 and pos - last <= DESCRIBED_REACH and (best is None or last > best[0]):
                best = (last, ent)
        return best[1] if best else None

    def lookup_surname(self, word: str) -> Entity | None:
        """The one person named in full with ``word`` as surname, or None."""
        return self._surname_of_person(word) if _surname_shaped_word(word) else None

    def body_in_full(self, name: str, pos: int) -> str | None:
        """ "the Post" after "The Washington Post reported", "Sun-Times" after "the Chicago Sun-Times reported":
        the one paper that reported before ``pos`` whose fuller name closes on the one word, as it was named."""
        ent = self._body_in_full(name, pos)
        return LEADING_THE.sub("", ent.name) if ent is not None else None

    def _body_in_full(self, name: str, pos: int, reported: bool = True) -> Entity | None:
        """The one body named before ``pos`` whose fuller name closes on the one word ``name``; with
        ``reported``, of those the article had report something (a paper, not "Blue Sentinel, a private
        security firm")."""
        if len(_words(name)) != 1:
            return None  # "New York Times" is a paper's whole name, not a shortening of another's
        part = _name_keys(name)
        found = [
            e
            for e in self.entities
            if e.label == "ORG"
            and not e.unnamed
            and (not reported or LEADING_THE.sub("", e.name) in self.outlets)  # not "Blue Sentinel", a firm
            and len(_words(LEADING_THE.sub("", e.name))) > 1
            and _ends_with(e.name, part)
            and min(e.mentions, default=pos) < pos
        ]
        return found[0] if len(found) == 1 else None

    def person_by_surname(self, word: str, pos: int) -> Entity | None:
        """The one person the article named in full with ``word`` as surname, unless it is a newspaper's word
        ("Times", "Herald"); where a body bears the word too ("Calloway Holdings", "Roe Tower"), only a person
        cited as a source before ``pos`` (the story's speaker). Else None."""
        person = self._surname_of_person(word)
        key = _key(word)
        if person is None or key in body_kinds()["newspaper"]:
            return None
        if self._last_before(person.sources, pos) >= 0:
            return person
        named = any(
            e.label == "ORG" and not e.unnamed and key in {_key(w) for w in _words(e.name)} for e in self.entities
        )
        return None if named else person

    def _surname_of_person(self, word: str) -> Entity | None:
        """The one person already named with ``word`` as surname (the tagger calls a lone surname a body)."""
        cands = [e for e in self._bearers(word) if len(_words(e.name)) >= 2]
        return cands[0] if len(cands) == 1 else None

    def _titled_surname(self, words: list[str], label: str, pos: int) -> Entity | None:
        """'Mr. Roe' / 'Dr. Roe': the one person already named with that surname whose gender the title
        does not contradict; None when there is no such person or more than one ("Mr. Roe", "Mrs. Roe")."""
        if label != "PERSON" or not _titled_only(" ".join(words)):
            return None
        sex = honorific_sex(words[0])
        cands = [e for e in self._bearers(" ".join(words[1:])) if len(_words(e.name)) >= 2 and not e.office_holder()]
        if sex and cands and all(e.likely_gender not in (None, sex) for e in cands):
            # "Mr. Herrera" beside "Marisol Herrera": the man whose first of two surnames it is (José Luis
            # Herrera Ortiz), when the one whose name ends on it is of the other sex
            cands = self._first_of_two_bearers(_name_keys(" ".join(words[1:]))) or cands
        if len(cands) > 1:  # "Mr. Ashdown" before the article names his brother Peter Ashdown: not Peter
            cands = [e for e in cands if min(e.mentions, default=pos) < pos] or cands
        if sex and len(cands) > 1:  # "Mr. Roe" where the article names Tom Roe and his rival Nadia Roe
            # told by he/she or a title the article gave the person, not by a role it read ("chair of Mrs. …"),
            # else by their first names ("Mr. Ashdown" beside Gregory and Lena Ashdown), else by the one
            # whose first name is not of the other sex ("Mrs. Hartwell" beside Caleb and Dana Hartwell)
            cands = (
                [e for e in cands if e.gender == sex]
                or [e for e in cands if first_name_sex(e.name) == sex]
                or [e for e in cands if e.likely_gender in (None, sex)]
            )
        if len(cands) > 1:  # "Dr Roe" after "Dr Ingrid Roe, granddaughter of Arne Roe": the one given that title
            cands = [e for e in cands if any(_key(r) == _key(words[0]) for r in e.roles)] or cands
        if len(cands) > 1:  # "Ms. Roe" beside "her daughter, Jane Roe": the one the daughter is introduced by
            principal = _principal(cands)
            cands = [principal] if principal is not None else cands
        if len(cands) != 1 or (sex and cands[0].any_gender not in (None, sex)):
            return None
        return cands[0]

    def add_source(self, ent: Entity | None, pos: int) -> None:
        if ent is not None:
            ent.sources.append(pos)

    # -- lookups ---------------------------------------------------------------------------------

    @staticmethod
    def _last_before(offsets: list[int], pos: int) -> int:
        if isinstance(offsets, Offsets):  # mentions and sources; a surname's places (by_surname) are a list
            return offsets.last_before(pos)
        return max((o for o in offsets if o < pos), default=-1)

    def lookup_word(self, word: str, pos: int, as_written: bool = False) -> Entity | None:
        """The entity a one-word name (or a surname with particles: "van der Berg") means at ``pos``: the
        latest cited source with that as its first or last name, else the latest one mentioned."""
        key = _key(word)
        part = _name_keys(word)
        people = [e for e in self.entities if e.label == "PERSON"]
        cands = [e for e in people if any(_starts_with(n, part) or _ends_with(n, part) for n in e.names)]
        if not cands and not as_written:
            # "Vladescu said" after "Radu Vlădescu", "Zoe" after "Zoë Roe", when no one bears it as written
            cands = _bearing_folded(people, part, opening=True)
        if not cands:
            # A person the tagger labelled a body ("Helena Marsh" as ORG): title-case words only.
            cands = [
                e
                for e in self.entities
                if e.label == "ORG"
                and name_shaped(e.name)
                and _ends_with(e.name, part)
                and not body_name_word(_words(e.name)[-1], newspapers=True)  # "Harbor Ledger" stays a paper
            ]
            for e in cands:
                e.label = "PERSON"
        if not cands:
            cands = [e for e in self.entities if any(_key(n) == key for n in e.names)]
        if not cands:
            cands = [e for e in people if key in e.tokens()]
        if not cands:
            # "Brunnholt said" after "Brunnholt Appliance Co.": the one body whose name opens with the word
            bodies = [
                e
                for e in self.entities
                if e.label == "ORG"
                and not e.unnamed
                and len(_words(e.name)) >= 2
                and _key(_words(e.name)[0]) == key
                and min(e.mentions, default=pos) < pos
            ]
            return bodies[0] if len(bodies) == 1 else None
        bearers = [e for e in cands if any(_ends_with(n, part) for n in e.names)]
        if len(bearers) == 2:
            # "Beckett Harrowgate … Harrowgate … his wife, Lorraine Harrowgate, said … Harrowgate himself":
            # the surname alone goes on meaning the one it meant before the article named the other
            bare = [
                e
                for e in bearers
                if all(
                    self._last_before(e.by_surname, min(o.mentions, default=pos)) >= 0 for o in bearers if o is not e
                )
            ]
            if len(bare) == 1:
                return bare[0]
            principal = _principal(bearers)
            if principal is not None:
                return principal
        sourced = [e for e in cands if self._last_before(e.sources, pos) >= 0]
        if sourced:
            return max(sourced, key=lambda e: self._last_before(e.sources, pos))
        # the latest named before; if none is, the one named next ("President Roe … said" in the lead,
        # "Mr. Roe" two paragraphs on, "the first lady, Jane Roe" at the end: Mr. Roe)
        return max(
            cands,
            key=lambda e: (
                self._last_before(e.mentions, pos),
                -min((o for o in e.mentions if o >= pos), default=1 << 60),
                -self.entities.index(e),
            ),
        )

    def resolve_name(self, name: str, label: str, pos: int) -> Resolution:
        name = clean_name(name)
        given = self._given_at.get(pos)
        if given is not None and name in given.names:  # read again where it was given (see given_name)
            return Resolution(given, given.name, 0.9, f"named only as '{name}', the name this person gave")
        if label != "PERSON" and len(_words(LEADING_THE.sub("", name))) >= 2:
            name = LEADING_THE.sub("", name)
        words = _words(name)
        if label != "PERSON" and len(words) >= 2 and honorific_sex(words[0]) and surname_shaped(words[1:]):
            label = "PERSON"  # "Ms Ng" tagged a body: the honorific makes a person of it
        if not words:
            return Resolution(None, None, 0.0, "no name")
        titled = self._titled_surname(words, label or "PERSON", pos)
        if surname_shaped(words) or titled is not None:
            ent = titled or self.lookup_word(name, pos)
            if ent is not None:
                ent.note_surname(name, pos)
            if ent is not None and ent.name != name:
                if titled is not None:
                    self.add_name(name, "PERSON", pos)  # records the mention and what its title shows
                why = (
                    "most recently cited as a source"
                    if self._last_before(ent.sources, pos) >= 0
                    else "named earlier"
                    if self._last_before(ent.mentions, pos) >= 0
                    else "named further on"
                )
                return Resolution(ent, ent.name, 0.9, f"'{name}' is {ent.name}, {why} with that name")
        office = self._office_and_surname(words, label, pos)
        if office is not None:  # "Minister Hale" (a transcript's "MINISTER HALE:") after "Eleanor Hale"
            return office
        ent = self.add_name(name, label or "PERSON", pos)
        if ent is None:
            return Resolution(None, name, 0.6, f"named as '{name}'")
        return Resolution(ent, ent.name, 0.95, f"named in the sentence as '{name}'")

    def _office_and_surname(self, words: list[str], label: str, pos: int) -> Resolution | None:
        """ "Minister Hale", "Commissioner Okafor": an office only a person holds and a surname, for the one
        person named in full with that surname whom the article gave the office."""
        if label not in ("PERSON", "") or len(words) < 2 or not surname_shaped(words[1:]):
            return None
        office = _office_key(words[0])
        classes = role_classes().get(office)
        if not classes or "org" in classes:
            return None
        surname = " ".join(words[1:])
        bearers = [e for e in self._bearers(surname) if len(_words(e.name)) >= 2]
        # a role read off a transcript's label ("MINISTER") is no office the article gave
        held = [
            e
            for e in bearers
            # the office given as a role, or written before the full name ("Councillor Bryony Tait")
            if e.given(office, abbreviations=False, labels=False)
            or any(len(_words(n)) >= 3 and _office_key(_words(n)[0]) == office for n in e.names)
        ]
        # the one given the office ("Water Minister Eleanor Hale"), never an "opposition spokesman Paul Hale"
        # who shares the surname
        who = held[0] if len(held) == 1 else None
        if who is None:
            return None
        who.mentions.append(pos)
        if words[0] not in who.roles:
            who.roles.append(words[0])
        name = " ".join(words)
        return Resolution(who, who.name, 0.9, f"'{name}' is {who.name}, named earlier with that surname")

    def handle_owner(self, handle: str) -> Entity | None:
        """The one person the article names whose name an account's handle spells ("@JaneRoe", "@jane_roe",
        "@GovRoe", "@RealJaneRoe2016"): the name run together, or the surname after a title; a surname
        alone ("@Roe") may be a body's account, and a body of that name makes it one."""
        if not HANDLE.fullmatch(handle):
            return None
        key = re.sub(r"[\d_]+$", "", handle[1:].casefold()).replace("_", "")
        titled = {key[len(p) :] for p in HANDLE_PREFIXES if key.startswith(p) and len(key) > len(p) + 2}
        if any(
            _key(n).replace(" ", "") in {key} | titled for e in self.entities if e.label != "PERSON" for n in e.names
        ):
            return None  # "@Brandvold", the account of the Brandvold chain
        found = []
        for ent in self._people():
            words = [_key(w).replace("-", "") for w in _words(strip_titles(ent.name)) if w.isalpha() or "-" in w]
            if len(words) >= 2 and ("".join(words) in {key} | titled or words[-1] in titled):
                found.append(ent)  # the name run together, or the surname after a title ("@GovRoe")
        return found[0] if len(found) == 1 else None

    def _people(self) -> list[Entity]:
        return [e for e in self.entities if e.label == "PERSON"]

    def resolve_pronoun(self, word: str, pos: int, para_start: int, prev_para_start: int) -> Resolution:
        """he/she to the latest person cited as a source (this paragraph, then the one before), else
        the latest person mentioned; they/it to the latest body cited or mentioned. A person whose
        gender the article shows otherwise is passed over, unless no one else fits; one an honorific
        shows to be of the other gender ("Mrs. Roe" for "he") never fits."""
        res = self._resolve_pronoun(word, pos, para_start, prev_para_start, use_gender=True)
        if res.entity is None and word.casefold() not in pronoun_sets()["group"]:
            res = self._resolve_pronoun(word, pos, para_start, prev_para_start, use_gender=False)
        if res.entity is None and word.casefold() not in pronoun_sets()["group"]:
            res = self._person_tagged_as_body(word, pos, prev_para_start) or res
        return res

    def _latest_named(self, pool: list[Entity], pos: int) -> tuple[int, Entity] | None:
        """The entity of ``pool`` named or cited last before ``pos``, with where; None if none was.
        Of two at the same place, the first in ``pool``."""
        cands = [(max(self._last_before(e.mentions, pos), self._last_before(e.sources, pos)), e) for e in pool]
        cands = [(o, e) for o, e in cands if o >= 0]
        return max(cands, key=lambda x: x[0]) if cands else None

    def resolve_latest_person(
        self, words: str, pos: int, prev_para_start: int, subjects: Sequence[tuple[int, int]] = ()
    ) -> Resolution:
        """A person named by what they are rather than who ("the 46-year-old"): the person named as the
        subject of a sentence just before (``subjects``: their names' spans, latest first), else the
        latest person named or cited before ``pos``, as a reporter writes it right after introducing them.
        Unlike he/she it skips no one for being named without a quote of their own ("Roe disagreed. “…,”
        the 46-year-old said": Roe), but a name in passing ("… a clash with Rep. Wren") is no subject."""
        named = [(s, x) for s, e in subjects for x in self.entities if any(s <= m < e for m in x.mentions)]
        # a person first; else a "body" whose name opens on a first name ("Eleanor Hargrove" tagged ORG)
        found = next(((s, x) for s, x in named if x.label == "PERSON"), None) or next(
            ((s, x) for s, x in named if x.label == "ORG" and first_name_sex(x.name) is not None), None
        )
        if found is not None:
            s, ent = found
            ent.label = "PERSON"
            return Resolution(
                ent,
                ent.name,
                0.8 if s >= prev_para_start else 0.55,
                f"'{words}' refers back to {ent.name}, the subject of a sentence just before it",
            )
        latest = self._latest_named(self._people(), pos)
        if latest is None:  # "Eleanor Hargrove spoke. “…,” the 68-year-old said": the name tagged a body
            return self._person_tagged_as_body(words, pos, prev_para_start) or Resolution(
                None, words, 0.3, f"'{words}' refers to no one named before it"
            )
        off, ent = latest
        return Resolution(
            ent,
            ent.name,
            0.8 if off >= prev_para_start else 0.55,
            f"'{words}' refers back to {ent.name}, the latest person named before it",
        )

    def _person_tagged_as_body(
        self, word: str, pos: int, prev_para_start: int, sex: str | None = None
    ) -> Resolution | None:
        """he/she never means a body: with no person named before it, the latest name-shaped "body"
        before it ("Jane Roe" tagged ORG), or a lone surname-shaped one cited as a source ("Roe said …"),
        is the person the tagger missed; it becomes a person. With ``sex``, only a name opening on a first
        name of that sex."""
        bodies = [
            e
            for e in self.entities
            if e.label == "ORG"
            and (name_shaped(e.name) or (_surname_shaped_word(e.name) and self._last_before(e.sources, pos) >= 0))
            and (sex is None or first_name_sex(e.name) == sex)
        ]
        latest = self._latest_named(bodies, pos)
        if latest is None:
            return None
        off, ent = latest
        ent.label = "PERSON"
        return Resolution(
            ent,
            ent.name,
            0.65 if off >= prev_para_start else 0.5,
            f"'{word}' taken as {ent.name}, the only name before it (tagged as a body, but '{word}' is a person)",
        )

    def _resolve_pronoun(
        self, word: str, pos: int, para_start: int, prev_para_start: int, use_gender: bool
    ) -> Resolution:
        w = word.casefold()
        sets = pronoun_sets()
        if w in sets["group"]:  # "they": a body, never a description that names no one ("the first")
            pool = [e for e in self.entities if e.label != "PERSON" and not e.unnamed]
            gender = None
        else:
            # people, and a lone surname the tagger called a body that speaks like a person: cited as the
            # source in this paragraph ("“…,” Holloway said. She said …": Holloway, tagged ORG)
            pool = self._people() + [
                e
                for e in self.entities
                if e.label != "PERSON"
                and (
                    (_surname_shaped_word(e.name) and self._last_before(e.sources, pos) >= para_start)
                    # "A juror, who asked not to be named, said …. She said …": a person described, not
                    # named, cited as the source just before
                    or (
                        e.unnamed
                        and _a_person_described(e.name)
                        and self._last_before(e.sources, pos) >= prev_para_start
                    )
                )
            ]
            gender = pronoun_sex(w)
            if gender:  # "Mrs. Roe" is never "he", whatever else is missing
                pool = [e for e in pool if e.titled_gender in (None, gender)]
            if use_gender:
                pool = [e for e in pool if e.any_gender in (None, gender)] or pool
        # A recent source the article shows to be of this gender beats one whose gender is unknown.
        known = [
            e
            for e in pool
            if gender
            and e.gender == gender
            and self._last_before(e.sources, pos) >= max(0, prev_para_start - _GENDER_REACH)
        ]
        for lo, what in (
            (para_start, "this paragraph"),
            (prev_para_start, "the previous paragraph"),
            (prev_para_start - _GENDER_REACH, "a recent paragraph"),
        ):
            if lo < prev_para_start and w in sets["group"]:
                break  # "they" stands for a body cited just before, not one paragraphs back
            # in the pronoun's own paragraph the latest source stands unless one there is known to be of
            # this gender ("Gareth Roe, a docker, said …. “…,” he said" after a Mr. Varga paragraphs back)
            # so does the latest source of the paragraph before, when no one known to be of this gender was
            # cited there either ("…, Marisol Quintero, called the vote “…” / “…,” she said")
            here = lo >= prev_para_start and not any(self._last_before(e.sources, pos) >= lo for e in known)
            fits = [e for e in pool if gender is None or e.any_gender in (None, gender)]
            cands = [(self._last_before(e.sources, pos), e) for e in (fits if here else known or pool)]
            cands = [(o, e) for o, e in cands if o >= max(0, lo)]  # -1: cited only after the pronoun
            if gender and cands:
                # a first name says nothing the article does not: it only passes over a source whose
                # name is of the other sex ("Odile Ferrand said …. “…,” he told …") for one further back
                fitting = [(o, e) for o, e in cands if e.likely_gender in (None, gender)]
                if len(fitting) < len(cands):
                    if not any(e.likely_gender == gender for _, e in fitting):
                        continue  # only a person known or named as of this sex takes the place of one who is not
                    cands = fitting
            if cands:
                _, ent = max(cands, key=lambda x: x[0])
                if ent.label != "PERSON" and w not in sets["group"] and not ent.unnamed:
                    ent.label = "PERSON"  # "she" shows the tagger wrong: a person from here on
                return Resolution(
                    ent,
                    ent.name,
                    0.85 if lo >= prev_para_start else 0.7,
                    f"'{word}' refers back to {ent.name}, cited as a source in {what}",
                )
        if w in sets["group"]:
            body = self._latest_body_phrase(prev_para_start, pos)
            if body is not None:
                ent = self._body_entity(body, pos)
                return Resolution(ent, ent.name, 0.7, f"'{word}' refers back to {body}, named just before")
            return Resolution(None, word, 0.5, f"'{word}' refers to no body cited just before; kept as written")
        latest = (
            (
                gender
                and (
                    self._latest_named([e for e in pool if e.likely_gender == gender], pos)
                    or self._latest_named([e for e in pool if e.likely_gender is None and _a_persons_name(e)], pos)
                )
            )
            # a person cited in this paragraph, whatever a first name hints, before a body ("ministry spokesman
            # Gao Ruiming said … that China would …. He said …": Gao, not China)
            or self._latest_named(
                [e for e in pool if e.label == "PERSON" and self._last_before(e.sources, pos) >= para_start],
                pos,
            )
        )
        if latest is None and gender:  # "Ilse Varga met voters. She said …", the name tagged a body, a Tomas before
            tagged = self._person_tagged_as_body(word, pos, prev_para_start, sex=gender)
            if tagged is not None:
                return tagged
        latest = latest or self._latest_named(pool, pos)
        if latest is not None:
            off, ent = latest
            recent = off >= prev_para_start
            return Resolution(
                ent,
                ent.name,
                0.7 if recent else 0.5,
                f"'{word}' taken as {ent.name}, the latest {'person' if ent.label == 'PERSON' else 'body'} named before it",
            )
        return Resolution(None, None, 0.3, f"'{word}' refers to no one named before it")

    def _described_as(self, head: str, pos: int, places: set[str] = frozenset()) -> tuple[Entity, str] | None:
        """'the farmer' for the person introduced as "Roe, who farms …" or "Roe, a farmer …": the latest
        person named before ``pos`` whose describing clause has the head noun or the verb it is made
        from (farmer/farm, owner/own, teacher/teach). A place in the description ("the Ohio Republican")
        must be among the words the article gave the person."""
        bases = {head}
        for suffix in _AGENT_SUFFIXES:
            if head.endswith(suffix) and len(head) - len(suffix) >= 3:
                bases.add(head[: -len(suffix)])
        best = None
        for ent in self._people():
            if places and not places <= ent.role_words() | {_stem(w) for w in ent.described | ent.tokens()}:
                continue
            word = next((w for w in sorted(ent.described) if any(_made_from(b, w) for b in bases)), None)
            last = max(self._last_before(ent.mentions, pos), self._last_before(ent.sources, pos))
            if word is not None and last >= 0 and (best is None or last > best[0]):
                best = (last, ent, word)
        return (best[1], best[2]) if best else None

    def _named_body(self, text: str, head: str, pos: int, proper: bool = False) -> Entity | None:
        """'the fund' for the Harbour Development Fund named before it: the latest body mentioned
        before ``pos`` whose name ends in the description's head noun (or has it before its "of": 'the
        department' for the Department of Veterans Services) and holds all its other words
        ("the development fund" too, never "the Orvel press service" for "Kastren press service"). With
        ``proper``, for a head that is also a person's role ("the authority"), only a name that writes the
        head as a name's word ("Northern Rivers Authority")."""
        wanted = set(_name_keys(clean_name(LEADING_THE.sub("", text))))
        best = None
        for ent in self.entities:
            words = _words(ent.name)
            # the head is the name's last word, or the word before its "of" or "for" ("the Department of
            # Labor", "the Bellamy Center for Public Opinion")
            joins = [k for k, w in enumerate(words) if w in ("of", "for")]
            named = words[: joins[0]] if joins and words[-1][:1].isupper() else words
            if ent.label != "ORG" or len(words) < 2 or not named or _key(named[-1]) != _key(head):
                continue
            if words[0] in _POSSESSIVES or (proper and not named[-1][:1].isupper()):
                continue  # someone's body ("their union", named only later), or "Senate aide" for "the aide"
            if not wanted <= set(_name_keys(ent.name)):
                continue
            last = max(self._last_before(ent.mentions, pos), self._last_before(ent.sources, pos))
            if last >= 0 and (best is None or last > best[0]):
                best = (last, ent)
        return best[1] if best else None

    def _body_of_kind(self, modifiers: list[str], head: str, pos: int) -> Entity | None:
        """'the company' for Copperline Industries, 'the appliance maker' for Harwick Appliance Co., 'the
        union' for the Harbour Workers Union: of the bodies named before ``pos`` whose names hold a word
        of the description's kind (:func:`body_kinds`), or which the article set such a noun beside ("Marlow
        & Finch, the tool maker"), and every word before its head, the one named most
        (the story's own, not the buyer named beside it once); of two named as often, the first named."""
        kind = body_kinds().get(head)
        if not kind:
            return None
        best = None
        for ent in self.entities:
            name = _words(ent.name)
            if ent.label != "ORG" or ent.unnamed or len(name) < 2 or not name[0][:1].isupper():
                continue  # a name, not a word or a phrase a description left ("Bank", "company and …")
            keys = {_key(w).replace(".", "") for w in name}
            if not all(_key(m) in keys for m in modifiers):
                continue
            if not kind & keys and (
                modifiers or ent is not self._first_body() or not self._introduced_as(ent, head, pos, alone=False)
            ):
                # "Marlow & Finch, the tool and fastener maker": of the kind by what the article said, when
                # it is the story's own body (named first), not a supplier introduced so further on
                continue
            seen = [o for o in ent.mentions + ent.sources if o < pos]
            if seen and (best is None or (len(seen), -min(seen)) > best[0]):
                best = ((len(seen), -min(seen)), ent)
        if best is None and not modifiers and kind == body_kinds()["company"]:
            # "Pathwise said …. The company said": a one-word name (no acronym: "PAC", "FBI"), when it is the
            # only body named before
            single = [
                ent
                for ent in self.entities
                if ent.label == "ORG"
                and not ent.unnamed
                and len(_words(ent.name)) == 1
                and ent.name[:1].isupper()
                and not ent.name.isupper()
                and any(o < pos for o in ent.mentions + ent.sources)
            ]
            others = [e for e in self.entities if e.label == "ORG" and not e.unnamed and e not in single]
            if (
                len(single) == 1
                and not any(o < pos for e in others for o in e.mentions + e.sources)
                and self._introduced_as(single[0], head, pos)
            ):
                return single[0]
        return best[1] if best else None

    def _first_body(self) -> Entity | None:
        """The body the article names first: the story's own, as a rule."""
        bodies = [e for e in self.entities if e.label == "ORG" and not e.unnamed and e.mentions]
        return min(bodies, key=lambda e: min(e.mentions), default=None)

    def _introduced_as(self, ent: Entity, head: str, pos: int, alone: bool = True) -> bool:
        """Whether the article set a noun of ``head``'s kind right after the body's name ("Pathwise, the
        fitness app …") or right before it and a comma ("the timber company, Westfall Forest Products"),
        and, when the body is to stand ``alone`` (no other weighed beside it), no other such body ("a Texas
        chipmaker") came in between since."""
        kind = body_kinds().get(head, frozenset())
        heads = {h for h, k in body_kinds().items() if k == kind}
        seen = sorted(o for o in ent.mentions + ent.sources if o < pos)
        if not seen:
            return False
        if not any(
            h in heads
            and off < pos
            # "Pathwise, the fitness app", or "the timber company, Westfall Forest Products"
            and any(
                0 < off - m <= len(ent.name) + 3 or (off in self.comma_after and 0 < m - off - len(text) <= 3)
                for m in seen
            )
            for off, h, text in self.chunks
        ):
            return False
        if not alone:
            return True
        later = [
            off
            for off, h, text in self.chunks
            if h in heads and seen[-1] < off < pos and text.lower().startswith(("a ", "an "))
        ]
        return not later

    def _latest_body_phrase(self, lo: int, hi: int) -> str | None:
        """The latest noun phrase naming a body ("the nurses' association") between ``lo`` and ``hi``."""
        classes = role_classes()
        best = None
        for off, head, text in self.chunks:
            if lo <= off < hi and "org" in classes.get(head, ()):
                best = clean_name(LEADING_THE.sub("", text))
        return best

    def _body_entity(self, name: str, pos: int) -> Entity:
        ent = next((e for e in self.entities if e.label == "ORG" and _key(e.name) == _key(name)), None)
        if ent is None:
            ent = Entity([name], "ORG")
            self.entities.append(ent)
        ent.mentions.append(pos)
        return ent

    def resolve_description(
        self, text: str, head: str, pos: int, also: tuple[str, ...] = (), places: tuple[str, ...] = ()
    ) -> Resolution:
        """'the expert' to the latest person whose role shares a synonym class with ``head`` (or with a
        conjoined role noun in ``also``: "the former secretary and current nominee"); a body ('the
        press service') stands as its own speaker."""
        owner = self.handle_owner(text)
        if owner is not None:  # "wrote @JaneRoe": the account of Jane Roe, named in the article
            owner.mentions.append(pos)
            return Resolution(owner, owner.name, 0.85, f"'{text}' is the account of {owner.name}")
        if _surname_shaped_word(text):
            person = self._surname_of_person(text)
            if person is not None:  # "Feldkamp replied" after "Sen. Marisa Feldkamp", the word read as a noun
                person.mentions.append(pos)
                return Resolution(
                    person, person.name, 0.8, f"'{text}' is {person.name}, named earlier with that surname"
                )
        classes = role_classes()
        hk = head.casefold()
        hk_classes = classes.get(hk, frozenset())
        body = "org" in hk_classes
        person_role = bool(hk_classes) and not body
        wanted = set(hk_classes) | {hk}
        for extra in also:
            wanted |= set(classes.get(extra, set())) | {extra}
        body_noun = hk in body_kinds() and not hk_classes - {"org"}  # "producer" is a person too
        if body or body_noun:
            wanted = set()  # a body speaks for itself, never for a person with a similar title ("the
            # hospital" is not its spokeswoman, introduced as "a hospital spokeswoman")
        desc_words = {
            _stem(w)
            for w in _words(text.lower())
            if w.isalpha() and w not in ("the", "of", "to", "a", "an", "for", "at", "in")
        }
        desc_words.discard(_stem(hk))
        # Place names in the description ("the Oregon senator") must fit the person's roles or name; a
        # class match alone would hand "the Maine governor" to any president.
        proper = {_stem(w) for p in places for w in _words(p)}
        # So must the body a description names ("the foundation's chair", "the chair of the union"): a
        # mayor is a leader, but not the foundation's
        words = (bare_word(w) for w in _words(text.lower()))
        bodies = {_stem(w) for w in words if w.isalpha() and w != hk and "org" in classes.get(w, set())}
        # a party in the description ("the Republican nominee") must be the person's, where the article
        # gave one: the Democratic nominee is not the Republican one, nor a president of either
        parties = {PARTIES[w] for w in _words(text.lower()) if w in PARTIES}
        best, later = None, []
        # "the governor" with no place or name in it is "Gov. Jane Roe"; a place-bound one ("the Ohio
        # governor", "the senator from Vermont") is left to the words the article gave the person
        abbreviated = not proper and not bodies and not any(w[:1].isupper() for w in _words(text)[1:])
        # "the president" is not the vice president, nor "the deputy director" the director
        said = [TITLE_ABBREVIATIONS.get(w, w) for w in _words(text.lower().replace("-", " "))]
        seconds = {said[k] for k in _seconds(said)}
        for ent in self._people():
            # the place the article wrote before an abbreviated title ("Florida Sen. Marco Roe") is the
            # "Florida senator"
            placed = bool(proper) and not bodies and proper <= ent.role_words()
            if not (wanted & ent.role_classes(abbreviated or placed, seconds=bool(seconds))):
                continue
            held = ent.role_words_as_written(abbreviations=True)
            if not seconds <= {p for w in held for p in w.split("-")}:
                continue  # "the vice president" is one given that office, not the president
            if ent.office_holder() and (
                hk not in held
                or any(w[:1].isupper() and _stem(w.lower()) not in ent.role_words() for w in _words(text)[1:-1])
            ):
                # "Judge Roe", known by office alone, is "the judge", never "the lawyer" nor "the Ridgefield coach"
                continue
            if proper and not proper <= ent.role_words() | {_stem(t) for t in ent.tokens()}:
                continue
            if bodies and not bodies <= ent.role_words():
                continue
            party = ent.described & PARTY_NOUNS
            if parties and party and not parties & party:
                continue
            last = max(self._last_before(ent.mentions, pos), self._last_before(ent.sources, pos))
            exact = hk in ent.role_words_as_written(abbreviated)
            if hk in KIN and not exact:
                continue  # "the daughter" is no one introduced as a wife, though both are kin
            if last < 0:
                # a wire story's lead names the role and the next paragraph the person ("…, its chief
                # executive said. “…,” chief executive Marta Roe told reporters"): the same role, just after
                after = min((m for m in ent.mentions if m > pos), default=None)
                if (
                    not exact
                    or after is None
                    or after - pos > NAMED_AFTER
                    or not text.lower().startswith(("its ", "their "))
                ):
                    continue
                later.append(ent)
                continue
            overlap = len(desc_words & ent.role_words()) + len(parties & party)
            score = (overlap, exact, last)
            if best is None or score > best[0]:
                best = (score, ent)
        if best is not None:
            ent = best[1]
            return Resolution(
                ent,
                ent.name,
                0.8,
                f"'{text}' is {ent.name}, introduced earlier as {ent.roles[0] if ent.roles else 'such'}",
            )
        if len(later) == 1:
            ent = later[0]
            return Resolution(ent, ent.name, 0.7, f"'{text}' is {ent.name}, named just after it with that role")
        if text.casefold().startswith("the ") and not body and not body_noun and len(_words(text)) == 2:
            unnamed = self._described_before(hk, pos)
            if unnamed is not None:  # "An official involved in the operation said …. “…,” the official said"
                unnamed.mentions.append(pos)
                return Resolution(
                    unnamed, unnamed.name, 0.7, f"'{text}' is {unnamed.name}, brought in just before unnamed"
                )
        if text.casefold().startswith("the ") and not body and not body_noun:
            described = self._described_as(hk, pos, proper)
            if described is not None:
                ent, word = described
                return Resolution(
                    ent, ent.name, 0.75, f"'{text}' is {ent.name}, described earlier in words like '{word}'"
                )
        # "the aide" is a person, never a body whose name ends in the word ("Senate aide" the tagger made one)
        held = person_role and any(hk in e.role_words_as_written(abbreviations=True) for e in self._people())
        named = (
            self._named_body(text, hk, pos, proper=person_role)
            if text.casefold().startswith("the ") and not held  # "the general" is no "Harlow General"
            else None
        )
        said = _words(text.casefold())
        if named is None and not person_role and said[:1] == ["the"] and said[-1] == hk:
            named = self._body_of_kind(said[1:-1], hk, pos)
        if named is not None:
            named.mentions.append(pos)
            return Resolution(named, named.name, 0.75, f"'{text}' is {named.name}, named earlier")
        name = clean_name(LEADING_THE.sub("", text))
        fuller = self.fuller_body(name, hk, pos)
        if fuller:
            name = fuller
        ent = next((e for e in self.entities if e.label == "ORG" and _key(e.name) == _key(name)), None)
        if ent is None:
            ent = Entity([name], "ORG", unnamed=not body)
            self.entities.append(ent)
        ent.mentions.append(pos)
        return Resolution(
            ent,
            name,
            0.75 if body else 0.45,
            f"'{text}' {'is a body' if body else 'names no one earlier'}; kept as written",
        )
