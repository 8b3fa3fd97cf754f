"""Quotes in Russian, French, German and Spanish paragraphs, and embedded social-media posts.

A light rule layer, loaded only when an article has a paragraph that is not English (so English
extraction pays nothing but the language test of :mod:`quotecheck.engine.languages`). Per language a
data file ``data/speech_LANG.json`` lists speech verbs (finite forms, and participles with the
auxiliaries that make compound tenses: ``avait affirmé``, ``había dicho``) and intro phrases; a
speaker is the capitalised name next to the cue:

- after the quote: ``«…», — сказал Журавлёв``, ``« … », a déclaré Hélène Marchetti``,
  ``„…“, sagte Albrecht``, ``»…«, so die Bürgermeisterin Sabine Krüger``, ``"…", dijo el concejal …``;
- before it: ``По словам X, «…»``, ``Как заявил X, «…»``, ``Selon X, « … »``, ``Según X, «…»``,
  ``X заявил: «…»``, ``X a affirmé : « … »``, ``X sagte: „…“``, ``X afirmó: «…»``;
- a pronoun or no subject at all (``добавил он``, ``a-t-il ajouté``, ``fügte er hinzu``, ``añadió``):
  the speaker of the previous quote.

A bare surname becomes the fullest name the article gives it (Russian case endings ignored, and a
name after ``по словам`` put back in the nominative). Quality is lower than the English engine's: no
parse, no coreference beyond "the previous speaker".

Embedded posts — a post's text followed by a sign line ``— Name (@handle) date`` — are statements of
their author whatever their language; the quoted text right after the sign line, in another language,
is recorded as the post's translation (``Quote.translation_of``) and given the same author.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from functools import lru_cache
from importlib import resources

from ..model import Quote
from .languages import SUPPORTED, paragraph_language, paragraph_languages
from .quotes import Run

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[\w]|[^\W\d_]")
_SENT_END = re.compile(r"(?<!\d)[.!?…](?=\s|$)")
_ARTICLES = frozenset("le la les l un une der die das den dem des ein eine el los las una lo и в на the a an".split())
_SIGN = re.compile(
    r"(?P<dash>[—–]|--)[ \t\u00a0]*(?P<name>[^\n()—–]{2,80}?)[ \t\u00a0]*\(@(?P<handle>\w{1,30})\)"
    r"(?P<date>[ \t\u00a0]*[^\n]{0,40}?\d{4})?[ \t]*(?=\n|$)"
)
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/|t\.co/)\S*\s*$")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}


@dataclasses.dataclass(frozen=True)
class Rules:
    """One language's cue words, from ``data/speech_LANG.json``."""

    lang: str
    verbs: re.Pattern
    intros: re.Pattern
    genitive_intros: re.Pattern | None
    pronouns: frozenset[str]
    particles: frozenset[str]
    roles: frozenset[str]

    def cue_word(self, token: str) -> bool:
        """An intro or speech verb written with a capital at the start of a sentence (Según, D'après)."""
        return bool(self.intros.match(token) or self.verbs.fullmatch(token))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=8)
def rules(lang: str) -> Rules | None:
    """The rules of ``lang``, or None for a language without a rule layer."""
    if lang not in SUPPORTED or lang == "en":
        return None
    raw = json.loads(resources.files("quotecheck.engine").joinpath(f"data/speech_{lang}.json").read_text("utf-8"))
    gen = raw.get("genitive_intros") or []
    # a compound tense is an auxiliary and a participle: "avait affirmé", "había dicho", "a-t-il ajouté"
    compound = [f"{aux} {part}" for aux in raw.get("auxiliaries", []) for part in raw.get("participles", [])]
    return Rules(
        lang,
        re.compile(rf"(?<!\w)(?:{_alternation(raw['verbs'] + compound)})(?!\w)", re.IGNORECASE),
        re.compile(rf"^\W*(?:{_alternation(raw['intros'])})(?!\w)", re.IGNORECASE),
        re.compile(rf"^\W*(?:{_alternation(gen)})(?!\w)", re.IGNORECASE) if gen else None,
        frozenset(raw["pronouns"]),
        frozenset(raw.get("lowercase_name_words", [])),
        frozenset(raw.get("roles", [])),
    )


# --- names ------------------------------------------------------------------------------------------

_RU_ENDINGS = ("ого", "ому", "ой", "ей", "ым", "ом", "ем", "а", "я", "у", "ю", "е", "ы", "и", "й", "ь")


def name_key(token: str) -> str:
    """A surname's key with Russian case endings dropped: Журавлёва, Журавлёв → журавлев."""
    t = token.lower().replace("ё", "е")
    if any("\u0400" <= c <= "\u04ff" for c in t):
        for end in _RU_ENDINGS:
            if t.endswith(end) and len(t) - len(end) >= 3:
                return t[: -len(end)]
    return t


def nominative(token: str) -> str:
    """A Russian name token in the genitive put back in the nominative (Юлии → Юлия, Соколовой →
    Соколова, Дмитрия → Дмитрий, Пескова → Песков); other tokens unchanged. A guess from the ending."""
    for gen, nom in (("ии", "ия"), ("ьи", "ья"), ("ой", "а"), ("ея", "ей"), ("ия", "ий"), ("ы", "а"), ("а", "")):
        if token.endswith(gen) and len(token) >= len(gen) + 2:
            return token[: -len(gen)] + nom
    return token


@dataclasses.dataclass(frozen=True)
class NameRun:
    start: int
    end: int
    tokens: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def name_runs(text: str, lo: int, hi: int, r: Rules) -> list[NameRun]:
    """Runs of capitalised words in ``text[lo:hi]`` that may name a person (role words, articles and a
    sentence's first function word left out)."""
    out: list[NameRun] = []
    cur: list[tuple[int, int, str]] = []

    def close():
        toks = [t for t in cur if t[2].lower() not in r.roles and t[2].lower() not in _ARTICLES]
        while toks and r.cue_word(toks[0][2]):
            toks.pop(0)
        while toks and toks[-1][2].lower() in r.particles:
            toks.pop()
        if r.lang in ("de", "ru") and len(toks) > 2 and toks[-2][2].lower() not in r.particles:
            # German capitalises nouns ("Landrat Ulrich Hofmann"), Russian puts a place in the genitive
            # before the name ("Мэр Каменска Наталья Громова"); a patronymic keeps three words.
            keep = 3 if r.lang == "ru" and re.search(r"(вич|вна|чна)$", toks[-2][2]) else 2
            toks = toks[-keep:]
        if toks:
            out.append(NameRun(toks[0][0], toks[-1][1], tuple(t[2] for t in toks)))
        cur.clear()

    prev_end = lo
    for m in _TOKEN.finditer(text, lo, hi):
        tok = m.group()
        gap = text[prev_end : m.start()]
        if cur and gap.strip(" \u00a0"):
            close()
        if tok[0].isupper() and not tok.isupper() or (tok.isupper() and len(tok) > 1 and cur):
            cur.append((m.start(), m.end(), tok.rstrip(".")))
        elif cur and tok.lower() in r.particles:
            cur.append((m.start(), m.end(), tok))
        elif cur:
            close()
        prev_end = m.end()
    if cur:
        close()
    return [n for n in out if n.tokens and n.tokens[0][0].isupper()]


def article_names(text: str, paragraphs, lang_of) -> dict[str, str]:
    """Surname key -> the fullest name (two or more words) the article gives that surname."""
    full: dict[str, str] = {}
    for start, end, lang in paragraphs:
        r = rules(lang or "")
        if r is None:
            continue
        for run in name_runs(text, start, end, r):
            if len(run.tokens) >= 2:
                key = name_key(run.tokens[-1])
                if key not in full or len(run.tokens) > len(full[key].split()):
                    full[key] = run.text
    return full


# --- attribution ------------------------------------------------------------------------------------


@dataclasses.dataclass
class _State:
    """What attribution carries from quote to quote in one article: its full names and past speakers."""

    names: dict[str, str]
    history: list[tuple[str, int, int]] = dataclasses.field(default_factory=list)

    @property
    def last(self) -> tuple[str, int, int] | None:
        return self.history[-1] if self.history else None

    def previous(self, gender: str | None) -> tuple[str, int, int] | None:
        """The latest speaker, skipping those whose (Russian) name says the other gender."""
        for who in reversed(self.history):
            if gender is None or _gender_of_name(who[0]) in (None, gender):
                return who
        return self.last


def _gender_of_name(name: str) -> str | None:
    """ "f" or "m" for a Russian name in the nominative (Громова, Наталья; Ершов, Павел), else None."""
    tokens = name.split()
    if not tokens or not any("\u0400" <= c <= "\u04ff" for c in name):
        return None
    last = tokens[-1].lower()
    if last.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")):
        return "f"
    if last.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой", "ий")):
        return "m"
    return "f" if tokens[0].lower().endswith(("а", "я")) and len(tokens) > 1 else "m" if len(tokens) > 1 else None


def _gender_of_cue(cue: str, r: Rules) -> str | None:
    """The gender a Russian cue gives its subject: она / добавила → "f"; он / добавил → "m"."""
    if r.lang != "ru":
        return None
    words = re.findall(r"\w+", cue.lower())
    if "она" in words or any(w.endswith("ла") and r.verbs.fullmatch(w) for w in words):
        return "f"
    if "он" in words or any(w.endswith("л") and r.verbs.fullmatch(w) for w in words):
        return "m"
    return None


def _sentence_tail(text: str, start: int, end: int) -> int:
    m = _SENT_END.search(text, start, end)
    return m.end() if m else end


def _sentence_head(text: str, start: int, end: int) -> int:
    last = start
    for m in _SENT_END.finditer(text, start, end):
        last = m.end()
    return last


def _speaker(run: NameRun, r: Rules, state: _State, genitive: bool) -> tuple[str, int, int]:
    tokens = [nominative(t) for t in run.tokens] if genitive and r.lang == "ru" else list(run.tokens)
    name = " ".join(tokens)
    if len(tokens) == 1:
        name = state.names.get(name_key(tokens[0]), name)
    elif genitive:
        state.names.setdefault(name_key(tokens[-1]), name)
    return name, run.start, run.end


def attribute_run(text: str, run: Run, para: tuple[int, int], r: Rules, state: _State, date: str | None) -> Quote:
    """The quote of ``run`` in a paragraph of language ``r.lang``, with its speaker and cue if found."""
    pstart, pend = para
    after_end = _sentence_tail(text, run.outer_end, pend)
    after = text[run.outer_end : after_end]
    found = None
    m = re.match(r"[\s,.!?…]*[—–-]?\s*", after)
    v = r.verbs.match(after, m.end()) if m else None
    if v:
        cue_start = run.outer_end + v.start()
        rest_lo = run.outer_end + v.end()
        words = text[rest_lo:after_end].split()
        verb_text = v.group().lower()
        if (words and words[0].strip(",.").lower() in r.pronouns) or re.search(r"-t-(il|elle)|-(il|elle)$", verb_text):
            found = ("pronoun", run.outer_end + v.end())
        else:
            names = name_runs(text, rest_lo, min(after_end, rest_lo + 80), r)
            described = _german_description(text, rest_lo, after_end, names, r, state) if names else None
            if described:
                found = ("description", described)
            elif names:
                found = ("name", _subject(text, names))
            elif words and words[0][:1].islower() and not r.roles & {w.strip(",.").lower() for w in words[:4]}:
                found = None  # "— спросил один из жителей": somebody described, not the previous speaker
            else:
                found = ("pronoun", rest_lo)
        cue_end = after_end
        if found and found[0] == "name":
            cue_end = found[1].end
        elif found and found[0] == "description":
            cue_end = found[1][1]
        cue = text[cue_start:cue_end].strip(" .,")
    else:
        head_lo = _sentence_head(text, pstart, run.open_at)
        head = text[head_lo : run.open_at]
        intro = r.intros.match(head)
        verbs = list(r.verbs.finditer(head))
        genitive = bool(r.genitive_intros and r.genitive_intros.match(head))
        if intro or verbs:
            limit = run.open_at if intro else head_lo + verbs[-1].start()
            names = name_runs(text, head_lo, limit, r)
            if intro and not names:
                names = name_runs(text, head_lo, run.open_at, r)
            if names:
                found = ("name", names[-1])
            elif verbs and head[: verbs[-1].start()].strip(" ,").lower() in r.pronouns | {""}:
                found = ("pronoun", head_lo)
            cue = head.strip(" ,:")
        else:
            cue = None
    speaker = s_start = s_end = mention = None
    reason, confidence = "no cue next to the quote", 0.2
    if found and found[0] == "name":
        # a name after "по словам", "слова X:", "— приводит слова X" is in the genitive
        genitive = bool(not v and genitive) or bool(v and v.group().lower().endswith(" слова"))
        speaker, s_start, s_end = _speaker(found[1], r, state, genitive)
        mention = text[s_start:s_end]
        reason, confidence = f"{r.lang} rule: name next to the cue", 0.75
    elif found and found[0] == "description":
        s_start, s_end = found[1]
        speaker = mention = text[s_start:s_end]
        reason, confidence = f"{r.lang} rule: a description after the cue, no name", 0.6
    elif found and state.last is not None:
        speaker, s_start, s_end = state.previous(_gender_of_cue(cue or "", r))
        mention = None
        reason, confidence = f"{r.lang} rule: pronoun or no subject; the previous speaker", 0.55
    if speaker:
        state.history.append((speaker, s_start, s_end))
    quote_text = text[run.start : run.end]
    kind = (
        "partial"
        if (run.start > pstart + 2 and not v and found and found[0] == "name" and not _colon(text, run))
        else "direct"
    )
    return Quote(
        start=run.start,
        end=run.end,
        text=quote_text,
        speaker=speaker,
        speaker_start=s_start,
        speaker_end=s_end,
        cue=cue or None,
        kind=kind if speaker else "direct",
        confidence=confidence,
        said_on=None,
        reason=reason,
        mention=mention,
        language=r.lang,
    )


def _subject(text: str, names: list[NameRun]) -> NameRun:
    """The name after a cue: the first, unless it is one capitalised word of a description followed by
    a name in apposition (``sagte der Sprecher des Verkehrsministeriums, Lars Vogt``). A German noun
    after its article, with the genitive or prepositional phrase that goes with it, is such a word too
    when a full name follows between commas, though no list of roles holds it (``sagte die
    Vorsitzende des Hafenrates, Ida Brandt``: a nominalised adjective, Vorsitzende, Abgeordnete)."""
    first = names[0]
    if len(names) > 1 and len(first.tokens) == 1 and len(names[1].tokens) >= 2:
        if text[first.end : names[1].start].strip() == ",":
            return names[1]
    if len(first.tokens) == 1 and _ARTICLE_BEFORE.search(text, max(0, first.start - 40), first.start):
        for later in names[1:4]:
            between = text[first.end : later.start]
            if len(later.tokens) >= 2 and _DESCRIPTION_TAIL.fullmatch(between):
                return later
    return first


# "der Vorsitzende| des Verkehrsrates, |Oskar Vennet": an article before the word, and after it a phrase
# of a few words (des/der/von/für …) closed by the comma of the apposition
_ARTICLE_BEFORE = re.compile(
    r"(?<!\w)(?:der|die|das|des|dem|den|ein|eine|le|la|l'|el)\s+(?:[a-zäöüßéèàáíóúñ-]+\s+){0,2}\Z", re.IGNORECASE
)
_DESCRIPTION_TAIL = re.compile(r"(?:\s+[^\s,.;:!?()]+){0,6}?\s*,\s*")


_DE_DESCRIPTION = re.compile(
    r"(?:der|die|das|ein|eine)\s+[^,.;:!?()\n]{2,80}?(?=\s*(?:[,.;:!?()\n]|$|\s(?:am|auf|bei|in|im|nach|vor|zu|zum|zur|gegenüber)\s))"
)


def _german_description(
    text: str, lo: int, hi: int, names: list[NameRun], r: Rules, state: _State
) -> tuple[int, int] | None:
    """``sagte der Vorsitzende des Verkehrsrates.`` with no name after it: the span of the description as
    written (article, noun, the phrase that goes with it), for a German cue whose subject opens with an
    article and names nobody — not one capitalised noun of it taken for a person ("Vorsitzende",
    "Ministeriums"). None when a full name follows (the apposition of :func:`_subject`) or the one
    word is a surname the article gives in full."""
    if r.lang != "de":
        return None
    m = _DE_DESCRIPTION.match(text, lo + len(text[lo:hi]) - len(text[lo:hi].lstrip()), hi)
    if m is None or any(len(n.tokens) >= 2 for n in names if n.start < m.end() + 3):
        return None
    if any(len(n.tokens) == 1 and name_key(n.tokens[0]) in state.names for n in names if n.start < m.end()):
        return None
    return m.start(), m.end()


def _colon(text: str, run: Run) -> bool:
    """The quote is introduced by a colon (``X sagte: „…“``): a full statement, not a fragment."""
    return text[max(0, run.open_at - 3) : run.open_at].strip().endswith(":")


# --- embedded posts ---------------------------------------------------------------------------------


def _post_date(raw: str | None) -> str | None:
    if not raw:
        return None
    m = re.search(r"([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})", raw)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
    m = re.search(r"(\d{4})-(\d\d)-(\d\d)", raw)
    return m.group() if m else None


def embedded_posts(
    text: str, paragraphs: list[tuple[int, int, str | None]], main: str | None, strict: bool = False
) -> list[Quote]:
    """Posts signed ``— Name (@handle) date``: the post's text before the sign line (the same paragraph,
    or the paragraphs above in the post's language), attributed to the signer. ``strict`` (an article all
    in one language, where no change of language marks the post): only a sign line with a date under a
    text set apart after a line ending in a colon ("She posted: / … / — Jane Roe (@janeroe) May 1, 2024"),
    not a byline, a newsletter's sign-off or the writer's own sentence run into the post's line."""
    out = []
    for m in _SIGN.finditer(text):
        if strict and not m.group("date"):
            continue
        i = next((k for k, (s, e, _) in enumerate(paragraphs) if s <= m.start() < e), None)
        if i is None:
            continue
        pstart = paragraphs[i][0]
        body_end = m.start()
        first = i
        if not text[pstart:body_end].strip():
            first = i - 1
            if first < 0:
                continue
            body_end = paragraphs[first][1]
        lang = paragraph_language(text[paragraphs[first][0] : body_end], paragraphs[first][2])
        while (
            first > 0
            and lang != main
            and paragraphs[first - 1][2] == lang
            and not _SIGN.search(text, paragraphs[first - 1][0], paragraphs[first - 1][1])
        ):
            first -= 1
        start = paragraphs[first][0]
        end = body_end
        while True:
            link = _LINK.search(text, start, end)
            if not link:
                break
            end = link.start()
        end = len(text[start:end].rstrip()) + start
        start += len(text[start:end]) - len(text[start:end].lstrip(" \t\u00a0•·*>"))
        if end - start < 3:
            continue
        if strict and not (first > 0 and _introduces(text, paragraphs, first)):
            continue
        name = m.group("name").strip()
        out.append(
            Quote(
                start=start,
                end=end,
                text=text[start:end],
                speaker=name,
                speaker_start=m.start("name"),
                speaker_end=m.start("name") + len(name),
                cue=text[m.start() : m.end()].strip(),
                kind="direct",
                confidence=0.9,
                said_on=_post_date(m.group("date")),
                reason=f"embedded post signed {name} (@{m.group('handle')})",
                mention=name,
                language=lang,
            )
        )
    return out


def _introduces(text: str, paragraphs: list[tuple[int, int, str | None]], k: int) -> bool:
    """Whether the paragraph with words before paragraph ``k`` ends on a colon ("She followed up on X:")."""
    before = [p for p in paragraphs[:k] if text[p[0] : p[1]].strip()]
    return bool(before) and text[before[-1][0] : before[-1][1]].rstrip().endswith(":")


# a cue whose subject is the post itself: "the post read", "the chair's tweet said", "his message says"
_POST_WORDS = re.compile(r"(?<!\w)(?:post|posts|tweet|message|status|update|thread)(?!\w)", re.IGNORECASE)


def _looks_named(speaker: str) -> bool:
    """A speaker written as a name (every word capitalised), not a description ("council's chair")."""
    words = speaker.split()
    return bool(words) and all(w[:1].isupper() for w in words)


def _link_translations(text: str, posts: list[Quote], quotes: list[Quote]) -> list[Quote]:
    """The quote opening the paragraph right after a post's sign line, in another language, is the
    post's translation: same author, ``translation_of`` the post's start. Its own cue keeps a speaker
    the article names ("…," said Roe, translating; "…," Vennet's post read, Vennet named earlier); a
    cue that cites a post through a description ("the post read in translation", "the chair's post
    read") cites the one just above, whose author speaks."""
    by_start = {q.start: q for q in quotes}
    for post in posts:
        sign = _SIGN.search(text, post.end)
        if sign is None:
            continue
        nxt = re.match(r"\s*[\"“„«»'‘]?\s*", text[sign.end() :])
        at = sign.end() + (nxt.end() if nxt else 0)
        q = by_start.get(at)
        if q is None or q.language == post.language:
            continue
        handle = sign.group("handle")
        own = (
            q.speaker is None
            or q.speaker == post.speaker
            or bool(q.cue and handle in q.cue)
            or bool(q.cue and _POST_WORDS.search(q.cue) and not _looks_named(q.speaker))
        )
        by_start[at] = dataclasses.replace(
            q,
            translation_of=post.start,
            **(
                {
                    "speaker": post.speaker,
                    "speaker_start": post.speaker_start,
                    "speaker_end": post.speaker_end,
                    "mention": post.mention,
                }
                if own
                else {}
            ),
            said_on=q.said_on or post.said_on,
        )
    return [by_start.get(q.start, q) for q in quotes]


_DASH = re.compile(r"[ \t\u00a0]*([—–])[ \t\u00a0]*")
# where the speech resumes after its attribution: ". — " (Russian) or "—. " (Spanish closing raya)
_RESUME = re.compile(r"[.,][ \t\u00a0]*[—–][ \t\u00a0]*|[—–][.,][ \t\u00a0]+")


def dash_dialogue(text: str, start: int, end: int, r: Rules) -> list[Run]:
    """A paragraph of direct speech opened by a dash, without quotation marks, as Russian and Spanish
    write dialogue: ``— Мост откроют в октябре, — сказал Миронов. — Движение будет двусторонним.``
    The speech runs to the dash that opens the attribution (a dash followed by a speech verb); what
    follows the attribution after another dash is a second part of the same speech (``continues``).
    A dash line with no attribution is one run to the paragraph's end."""
    lead = _DASH.match(text, start, end)
    if lead is None:
        return []
    first = lead.end()
    for dash in _DASH.finditer(text, first, end):
        if not r.verbs.match(text, dash.end()):
            continue
        speech_end = dash.start()
        while speech_end > first and text[speech_end - 1] in ",":
            speech_end -= 1
        if speech_end - first < 2:
            return []
        out = [Run(first, speech_end, lead.start(1), None)]
        rest = _RESUME.search(text, dash.end(), end)
        if rest is not None and end - rest.end() > 2:
            tail = len(text[rest.end() : end].rstrip())
            out.append(Run(rest.end(), rest.end() + tail, rest.start() + 1, None, continues=True))
        return out
    tail = len(text[first:end].rstrip())
    return [Run(first, first + tail, lead.start(1), None)] if tail > 2 else []


def apply(text: str, runs: list[Run], quotes: list[Quote], date: str | None, strict_posts: bool = False) -> list[Quote]:
    """The English engine's ``quotes`` of ``text`` with every quote of a non-English paragraph found
    again by the rules of its language, embedded posts added, and each quote's language set."""
    main, paragraphs = paragraph_languages(text)
    spans = [(s, e) for s, e, _ in paragraphs]

    def para_of(offset: int) -> int | None:
        return next((k for k, (s, e) in enumerate(spans) if s <= offset < e), None)

    state = _State(article_names(text, paragraphs, None))
    out: list[Quote] = []
    by_start = {q.start: q for q in quotes}
    runs = _with_dash_dialogue(text, runs, paragraphs)
    for run in runs:
        k = para_of(run.start)
        lang = paragraphs[k][2] if k is not None else main
        if lang in (None, "en"):
            q = by_start.get(run.start)
            if q is not None:
                out.append(dataclasses.replace(q, language=_quote_language(q.text, "en")))
                if q.speaker:
                    state.history.append((q.speaker, q.speaker_start, q.speaker_end))
            continue
        r = rules(lang)
        if r is None:
            q = by_start.get(run.start)
            out.append(
                Quote(
                    start=run.start,
                    end=run.end,
                    text=text[run.start : run.end],
                    language=lang,
                    reason=f"quote marks only: no rules for {lang}",
                )
            )
            continue
        if run.continues and out and out[-1].end <= run.start and spans[k][0] <= out[-1].start:
            # the speech goes on after its attribution: the same speaker, the same statement
            out.append(dataclasses.replace(out[-1], start=run.start, end=run.end, text=text[run.start : run.end]))
            continue
        out.append(attribute_run(text, run, spans[k], r, state, date))
    seen = {q.start for q in out}
    out += [
        q
        for q in quotes
        if q.start not in seen and (k := para_of(q.start)) is not None and paragraphs[k][2] in (None, "en")
    ]
    posts = [
        p
        for p in embedded_posts(text, paragraphs, main, strict_posts)
        if not any(p.start <= q.start < p.end for q in out)
    ]
    out = _link_translations(text, posts, out)
    return sorted(out + posts, key=lambda q: q.start)


def _with_dash_dialogue(text: str, runs: list[Run], paragraphs) -> list[Run]:
    """``runs`` with the dash dialogue of non-English paragraphs that hold no quotation marks added."""
    added = []
    for start, end, lang in paragraphs:
        r = rules(lang or "")
        if r is None or any(start <= run.start < end for run in runs):
            continue
        added += dash_dialogue(text, start, end, r)
    return sorted(runs + added, key=lambda run: run.start) if added else runs


def _quote_language(quote: str, default: str) -> str:
    return paragraph_language(quote, default) or default
