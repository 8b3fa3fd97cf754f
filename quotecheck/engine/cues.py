"""Reporting cues outside quotations and the sources they name, read from the spaCy parse.

A cue is a reporting verb of the lexicon (``quotecheck/engine/data/verbs.json``) with a subject, *according
to* with its object, or a document noun with a possessor (*Roe's statement read*). Its source is the
verb's subject, else a passive agent, else a name right of the verb (inverted ``said Jane Roe``),
else the subject of the verb it is conjoined to or the clause a participle hangs on (*Roe chimed in,
saying …*). A country may be the subject (*Norway protested …*); a date or place never is otherwise.
Cues are read in text order and each resolved source is recorded, so later pronouns, surnames and
descriptions resolve against the sources cited so far (:mod:`quotecheck.engine.resolve`). Tokens inside
quotation marks never count.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from .interview import Interview
from .layout import headline_end
from .mentions import age_nominal, word_set
from .resolve import (
    LEADING_THE,
    Resolution,
    clean_name,
    document_lemmas,
    is_rank,
    is_title,
    load_data,
    name_shaped,
    pronoun_sets,
    role_classes,
)
from .shapes import TURN_LABEL

log = logging.getLogger(__name__)

_SUBJ = ("nsubj", "nsubjpass", "csubj")
ADDRESS = re.compile(r"(?:[A-Z][\w'’.\-]*[ \t]+){0,3}[A-Z][\w'’.\-]*(?=,)")
"""The one a turn speaks to, between its label and a comma: "Premier", "Madam Secretary", "Governor Roe"."""


def _an_address(words: str) -> bool:
    """How a question speaks to someone: a title or a role, with a surname at most ("Premier", "Madam
    Secretary", "Mr. Harrow", "Governor Ainsley"), never a full name ("Senator Jane Roe")."""
    parts = words.split()
    return 1 <= len(parts) <= 2 and (is_title(parts[0]) or parts[0].lower().rstrip(".") in role_classes())


def _hyphen_joined(a, b) -> bool:
    """Two tokens of one hyphenated word ("co", "-" or "-", "owner"): no space between them."""
    return b.i == a.i + 1 and not a.whitespace_ and "-" in (a.text, b.text)


_ADDRESSEE_VERBS = {
    "tell",
    "inform",
    "urge",
    "encourage",
    "ask",
    "warn",
    "advise",
    "accuse",
    "call",
    "thank",
    "assure",
    "remind",
    "beg",
    "challenge",
    "criticize",
    "attack",
    "blame",
    "praise",
}
_NOT_SOURCES = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "GPE", "LOC"}
# Dependencies by which a quote is the content of its cue (not, say, a place in its subject).
_COMPLEMENTS = {"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "parataxis", "dep", "conj", "advcl", "npadvmod"}


def _member_of(subj) -> bool:
    """ "One of the family's lawyers", "two of the officers": people of a group, which the tagger marks
    as a number."""
    return subj.pos_ == "NUM" and any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children)


PERSONAL_OBJECTS = frozenset("him her them me us".split())
"""Objects that are people whatever the tagger says ("led her to declare …")."""
SUBJECT_CONTROL = frozenset("promise vow pledge threaten offer".split())
"""Verbs whose subject, not their object, does what the infinitive after them says ("promised voters to …")."""
HEADLINE_HELPERS = frozenset("may might will would could can does did do has have had is was not never".split())


def _reporting_form(word: str) -> bool:
    """ "Says", "Blasts", "Denies", "Slammed", "Told": a form of a reporting verb, read from the
    word alone (a title-case headline's verb is often tagged as part of a name)."""
    low, lex = word.lower(), cue_lexicon()
    if low in ("said", "told", "wrote", "spoke"):
        return True
    stems = [low[:-1], low[:-2], low[:-3] + "y"] if low.endswith("s") else []
    stems += [low[:-1], low[:-2], low[:-3], low[:-3] + "y"] if low.endswith("ed") else []
    return any(stem in lex for stem in stems)


def cut_cues_from_names(doc) -> None:
    """A title-case headline's reporting verb swept into a name by the tagger ("Varga Says Museum
    Will …", "Roe May Not Have Suggested …"): the name ends before the verb and its auxiliaries.
    Only a capitalised form of a verb of the cue lexicon after the name's first word is cut, and not
    the last word of a body's name unless the parse reads it as a verb ("Consumer Reports" stays). A
    headline's name whose first word the article's body never uses ("Derelict Varga and Roe") loses
    that word."""
    headline = headline_end(doc.text)  # a one-line text has no body: nothing is cut from it
    body = doc.text[headline:]
    ents, changed = [], False
    for ent in doc.ents:
        kept = ent
        if ent.end_char <= headline:
            kept = _without_headline_word(doc, kept, body)
        kept = _without_reporting_verb(doc, kept)
        changed |= kept is not ent
        ents.append(kept)
    if changed:
        doc.ents = ents


def _without_headline_word(doc, ent, body: str):
    """A person's name in a title-case headline less a first word the body never uses while it uses
    the rest ("Derelict Roe" -> "Roe"); that word is tagged as the adjective it is, so that no reader
    compounds it back onto the name."""
    if ent.label_ != "PERSON" or len(ent) < 2 or ent[1:].text not in body:
        return ent
    if re.search(rf"\b{re.escape(ent[0].text)}\b", body):
        return ent
    doc[ent.start].pos_ = "ADJ"
    return Span(doc, ent.start + 1, ent.end, label=ent.label_)


def _without_reporting_verb(doc, ent):
    """A name less a reporting verb swept into it and the auxiliaries before that verb, or less one that
    opens its sentence ("Stated Roe: “…”", the verb put first)."""
    first = ent[0]
    if len(ent) >= 2 and first.is_sent_start and first.lower_.endswith("ed") and _reporting_form(first.text):
        return Span(doc, ent.start + 1, ent.end, label=ent.label_)
    verb = next((t for t in ent[1:] if t.text[:1].isupper() and _reporting_form(t.text)), None)
    if verb is None or (verb.i == ent.end - 1 and ent.label_ == "ORG" and verb.pos_ != "VERB"):
        return ent  # a body's name ending in such a word, not used as a verb, is a title ("Consumer Reports")
    end = verb.i
    while end - 1 > ent.start and doc[end - 1].lower_ in HEADLINE_HELPERS:
        end -= 1
    return Span(doc, ent.start, end, label=ent.label_)


def telling_nothing(tok) -> bool:
    """A reporting verb in a set phrase that reports nothing: "All told, 5,000 people came" (in all)."""
    return (
        tok.lower_ == "told" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "all" and tok.doc[tok.i - 1].head.i == tok.i
    )


@cache
def cue_lexicon() -> dict[str, tuple[str, float]]:
    """Lemma -> (group, weight) for verbs; document nouns and conduit verbs are kept apart."""
    out: dict[str, tuple[str, float]] = {}
    for group, spec in load_data("verbs.json").items():
        if group in ("document_nouns", "conduit"):
            continue
        for lemma in spec["lemmas"]:
            out.setdefault(lemma, (group, spec["weight"]))
    return out


OCCASIONS = frozenset("pains way point care trouble time opportunity occasion chance moment effort step".split())
"""Nouns of an idiom that puts a cue in an infinitive after them ("took pains to say", "went out of her way
to stress", "made a point to deny", "used the occasion to announce"): the subject of the idiom's verb speaks."""


@dataclass
class Cue:
    """A reporting cue and the source it names."""

    token_i: int
    text: str
    group: str
    weight: float
    mention: tuple[int, int] | None  # char span of the source as written
    mention_text: str | None
    resolution: Resolution | None
    reported_by: str | None = None

    @property
    def speaks(self) -> bool:
        """A statement cue with a named source: an outer report that speaks for what it contains."""
        r = self.resolution
        return self.group != "cognition" and r is not None and r.speaker is not None and r.confidence >= 0.5


def relative_antecedent(noun, pronoun):
    """Whom a relative "who" stands for: the noun it hangs on, the people a place it hangs on
    qualifies ("Democrats in Orvel, who said …": the Democrats, not Orvel), or the person a description
    it hangs on is set beside ("Jan Roe, a mother of two who said …")."""
    if pronoun.lower_ == "who" and noun.ent_type_ != "PERSON":  # "an aide to Gov. Ada Marsh, who …": Marsh
        # "Jan Roe, a mother of two who said …", "the Rev. Jan Roe, pastor of Mount Olive Church, who said
        # …", "Ada Marsh, a lawyer from Tacoma, who said …": the person the description is set beside
        described = noun
        for _ in range(4):
            if described.dep_ != "pobj" or described.head.dep_ != "prep":
                break
            described = described.head.head
        if described.dep_ == "appos" and described.pos_ == "NOUN" and described.head.ent_type_ == "PERSON":
            return described.head
    if (
        pronoun.lower_ == "who"
        and noun.pos_ == "PROPN"
        and noun.ent_type_ != "PERSON"
        and noun.dep_ == "pobj"
        and noun.head.lower_ in ("in", "on", "at", "from")
        and noun.head.head.pos_ in ("NOUN", "PROPN")
        and noun.head.head.ent_type_ != "PERSON"
    ):
        return noun.head.head
    return noun


def governs(cue_i: int, tok) -> bool:
    """Whether the quote token sits in the cue's complement (not in its subject: "Roe, who appeared
    on “Show Name”, said …")."""
    child = tok
    for anc in tok.ancestors:
        if anc.i == cue_i:
            # "described the plan as “a fantasy”": the as-phrase of a reporting verb is the words used
            return child.dep_ in _COMPLEMENTS or (child.dep_ == "prep" and child.lower_ == "as")
        if anc.dep_ in ("relcl", "acl") and anc.pos_ in ("VERB", "AUX"):
            return False  # "thanked the crew that sailed during the “Winter Run”": a clause aside
        child = anc
    return False


OUTLET_WORDS = frozenset(
    "newspaper paper daily weekly tabloid newsletter publication magazine network broadcaster station channel "
    "outlet site website blog wire agency".split()
)
CITED_PEOPLE = frozenset(
    "people person source insider firefighter paramedic investigator negotiator lobbyist engineer donor contributor"
    " relative colleague associate participant attendee".split()
)
"""Words for people an outlet cites besides the roles of ``data/roles.json`` ("two people familiar with the
talks", "a senior firefighter"); "citing the weather", "citing a 1998 law" cite no one."""


def _compounds_from(tok) -> int:
    """The first word of the compound a head closes ("Gulf Energy Monitor newsletter" from "newsletter")."""
    first = tok.i
    for c in tok.children:
        if c.dep_ == "compound" and c.i < tok.i:
            first = min(first, _compounds_from(c))
    return first


def _an_outlet_citing(subject) -> bool:
    """The subject of a report that cites its source is an outlet when it is a name the tagger left
    untagged or tagged as neither a person nor a place ("The Harbor Ledger reported …, citing two
    officials"), a name with a word for an outlet before it ("The Turkish daily Haber Ekspres"), or such a
    word closing a name ("The Orvel Courier newspaper, citing a diplomat, reported …")."""
    if any(c.dep_ in ("amod", "compound", "appos") and c.lemma_.lower() in OUTLET_WORDS for c in subject.children):
        return True
    if subject.ent_type_ in ("PERSON", "GPE", "NORP"):
        return False
    if subject.pos_ == "PROPN":
        return True
    return subject.lemma_.lower() in OUTLET_WORDS and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in subject.children
    )


def _an_outlet(name) -> bool:
    """A name the tagger left untagged set beside a word for an outlet ("Capitol Wire, a trade
    publication, reported …")."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in OUTLET_WORDS for c in name.children)


class CueFinder:
    """The reporting cues of one article, in text order, each with the source it names.

    Talks to the :class:`~quotecheck.engine.layout.Layout` for positions, to the
    :class:`~quotecheck.engine.mentions.MentionReader` to read whom a source names, and records each
    cue's source in the :class:`~quotecheck.engine.resolve.EntityTable` so later mentions resolve
    against it.

    Attributes:
        cues: token index -> :class:`Cue`, for every cue outside quotations.
    """

    def __init__(self, layout, table, mentions) -> None:
        self.at = layout
        self.doc, self.text = layout.doc, layout.text
        self.table = table
        self.mentions = mentions
        self.cues: dict[int, Cue] = {}
        self._cue_chars: list[int] = []  # where each cue stands, in text order
        self._cue_tokens: list[int] = []
        self.interview = Interview(self.doc, self.text, table)

    def build(self) -> None:
        """Read every cue in text order (the entity table must be seeded first)."""
        for tok in self.doc:
            if self.at.ignored(tok.idx):
                continue
            cue = self._cue_at(tok)
            if cue is not None:
                self.cues[tok.i] = cue
                self._cue_chars.append(tok.idx)
                if cue.resolution is not None and cue.group != "cognition":
                    self.table.add_source(cue.resolution.entity, tok.idx)
        self._cue_tokens = list(self.cues)

    def cues_between(self, lo: int, hi: int) -> list[int]:
        """The token indices of the cues whose verb or noun starts at character ``lo`` or later and before
        ``hi``, in text order (by bisection: a quote in an article on one line looks at its own surroundings,
        not at every cue of the article)."""
        return self._cue_tokens[bisect.bisect_left(self._cue_chars, lo) : bisect.bisect_left(self._cue_chars, hi)]

    def _cue_at(self, tok) -> Cue | None:
        lex = cue_lexicon()
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
            to = self.doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((t for t in self.doc[to.i + 1 : to.i + 6] if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
            return self.make_cue(tok, "according to", "neutral", 1.0, pobj)
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in word_set("document_nouns"):
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is not None and poss.lower_ not in pronoun_sets()["first"]:
                return self.make_cue(tok, tok.text, "channel", 0.85, poss)
            return None
        lemma = tok.lemma_.lower()
        if lemma == "go" and any(c.dep_ in ("prt", "advmod") and c.lower_ == "on" for c in tok.children):
            lemma = "continue"  # "Roe went on: “…”", "she went on to say"
        if lemma in ("shoot", "fire", "hit") and any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children
        ):
            lemma = "retort"  # "“…,” Roe shot back", "Roe fired back that …"
        if tok.pos_ not in ("VERB", "AUX", "NOUN") or lemma not in lex:
            return None
        if tok.pos_ == "NOUN" and lemma != "read":
            return None
        if telling_nothing(tok):
            return None
        group, weight = lex[lemma]
        subj = self._subject(tok)
        if subj is None or self.verb_read_as_subject(tok, subj):
            return None
        cue = self.make_cue(tok, tok.text, group, weight, subj)
        if cue is not None and lemma in word_set("conduit"):
            self._conduit(tok, cue)
        return cue

    def _subject(self, verb):
        """The source token of a cue verb: subject, passive agent, inverted object, or inherited."""
        vp = self.at.para_of(verb.idx)
        subjects = [
            c
            for c in verb.children
            if c.dep_ in ("nsubj",) and not self.at.ignored(c.idx) and self.at.para_of(c.idx) == vp
        ]
        if len(subjects) > 1:  # "2:12 p.m. — Callum Roe told us …": a live page's time stamp is no source
            subjects = [c for c in subjects if c.ent_type_ not in ("TIME", "DATE")] or subjects
        if (
            subjects
            and is_rank(subjects[0].text)
            and subjects[0].text[:1].isupper()
            and not any(c.dep_ in ("det", "poss") for c in subjects[0].children)
            and self.doc[subjects[0].i + 1].text == "."
        ):
            # "said Sgt. Dana Roe" parsed with "Sgt" a subject of its own, the name after it a second
            # subject or, past a sentence break at the stop, a sentence of its own
            if len(subjects) > 1:
                subjects = subjects[1:]
            elif subjects[0].i + 2 < len(self.doc):
                named = self.at.ent_of(self.doc[subjects[0].i + 2])
                if named is not None and named.label_ == "PERSON" and named.start == subjects[0].i + 2:
                    return named.root
        if subjects:
            if len(subjects) > 1 and verb.lemma_ in word_set("conduit"):
                return subjects[-1]
            while len(subjects) > 1 and _hyphen_joined(subjects[0], subjects[1]):
                subjects = subjects[1:]  # "co-owner" parsed as three subjects "co", "-", "owner": the noun
            inverted = [c for c in subjects if c.i > verb.i and c.ent_type_ == "PERSON"]
            opening = subjects[0]
            if inverted and opening.i < verb.i and opening.ent_type_ != "PERSON" and opening.pos_ == "NOUN":
                # "Couple global exposure with … and residents get nervous, said Jane Roe": the parser made the
                # words before the cue a second subject; the name after "said" is who spoke
                return inverted[0]
            named = [c for c in subjects[1:] if c.ent_type_ == "PERSON" and self.doc[c.left_edge.i - 1].text == ","]
            if named and subjects[0].ent_type_ != "PERSON":
                # "The foundation's chair, retired judge Tobias Roe, …, said": the name the parser took
                # for a second subject is the description's apposition
                return named[0]
            return next((s for s in map(self._past_address, subjects) if s is not None), None)
        aside = self._subject_of_aside(verb)
        if aside is not None:
            return aside
        for c in verb.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            # Agentless passive: a body in a locative phrase ("In the ministry, his words were called …").
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if (
                        pobj is not None
                        and pobj.ent_type_ in ("ORG", "PERSON")
                        or (pobj is not None and self.mentions.head_class(pobj) == "org")
                    ):
                        return pobj
            return None
        if self._inverted(verb):
            for c in verb.rights:
                if (
                    c.dep_ in ("dobj", "attr", "npadvmod")
                    and not self.at.in_quote(c.idx)
                    and c.ent_type_ not in _NOT_SOURCES
                    and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG") or self.mentions.head_class(c))
                ):
                    return c
        shared = self._participle_subject(verb)
        if shared is not None:
            return shared
        governing = self._infinitive_of_noun(verb)
        if governing is not None:
            return self._subject(governing)
        opening = self._opening_inversion(verb)
        if opening is not None:
            return opening
        adjacent = self._adjacent_source(verb)
        if adjacent is not None:
            return adjacent
        controller = self.object_control(verb)
        if controller is not None:
            return controller
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if (verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and infinitive)) and verb.head.i != verb.i:
            return self._subject(verb.head)
        if verb.dep_ == "acl" and verb.head.i == verb.i - 1 and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "…,” the press service reported": parsed as a reduced relative
        lefts = [c for c in verb.lefts if c.dep_ in ("det", "amod", "compound") and not self.at.ignored(c.idx)]
        if lefts and lefts[-1].i == verb.i - 1:
            return lefts[-1]  # "…,” the first noted": a bare description the parser hung on the verb
        return None

    @staticmethod
    def object_control(verb):
        """ "The win led her to declare …", "aides urged Roe to say …": the person the verb an infinitive
        hangs on has for its object does the saying, not that verb's subject. None for "promised them to …"
        (the subject keeps its word) and when the object before the infinitive is no person ("used the
        question to demand …")."""
        head = verb.head
        if verb.dep_ != "xcomp" or head.i == verb.i or head.lemma_.lower() in SUBJECT_CONTROL:
            return None
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is None or not (obj.ent_type_ == "PERSON" or obj.lower_ in PERSONAL_OBJECTS):
            return None  # "used the question to demand …": a thing is the means, the subject speaks
        return obj

    def verb_read_as_subject(self, verb, subj) -> bool:
        """ "Keeps saying the plan is sound." — a line of a list with no subject, its first verb tagged as a
        plural noun and made the subject (or the head) of the participle after it. A participle with no
        auxiliary has no subject of its own; a bare capitalised plural opening the sentence right before it
        is that verb."""
        return (
            verb.tag_ == "VBG"
            and "ROOT" in (verb.dep_, subj.dep_)  # "Keeps" the participle's subject, or its head
            and subj.i == verb.i - 1
            and subj.i == self.at.sent_of(verb).start
            and subj.tag_ in ("NNS", "NNPS")
            and subj.text[:1].isupper()
            and not subj.ent_type_
            and all(c.i == verb.i or c.is_punct for c in subj.children)
            and not any(c.dep_ == "aux" for c in verb.children)
        )

    def _subject_of_aside(self, verb):
        """The name before an aside set off by commas, which the parser made the aside's subject and the
        aside a clause the verb reports ("Mrs. Roe, reached at her home, said …", "Roe, whose book “…”
        comes out in May, argued that …"): the verb's source. Only a name, right before its comma."""
        if verb.i == 0 or self.doc[verb.i - 1].text != ",":
            return None
        for c in verb.children:
            if c.dep_ != "ccomp" or c.i > verb.i or c.right_edge.i not in (verb.i - 2, verb.i - 1):
                continue
            subj = next((d for d in c.children if d.dep_ == "nsubj" and d.i < c.i), None)
            if subj is None or subj.ent_type_ != "PERSON" or self.at.para_of(subj.idx) != self.at.para_of(verb.idx):
                continue
            comma = subj.i + 1  # the name's last word, then the comma that opens the aside
            while comma < c.i and self.doc[comma].ent_iob_ == "I":
                comma += 1
            if self.doc[comma].text == ",":
                return subj
        return None

    def _past_address(self, subj):
        """A subject that is a turn's label or the one the turn speaks to ("Q: Premier, Istovia's foreign
        minister said …", "Q: Governor Roe said …", parsed with "Q" or "Premier" as the subject and the
        minister or the governor as its apposition): the apposition after them, else no source. A subject
        after them stays as it is."""
        line = self.text.rfind("\n", 0, subj.idx) + 1
        label = TURN_LABEL.match(self.text, line)
        if label is None:
            return subj
        address = ADDRESS.match(self.text, label.end())
        if address is not None and not _an_address(address.group(0)):
            address = None  # "Senator Jane Roe, a Democrat, said": a name and its apposition, no one spoken to
        end = address.end() if address is not None else label.end()
        if subj.idx >= end:
            return subj
        return next((t for t in subj.subtree if t.dep_ == "appos" and t.idx >= end), None)

    def _infinitive_of_noun(self, verb):
        """The verb whose subject speaks when the cue is an infinitive on a noun of :data:`OCCASIONS`
        ("were taking pains to say", "went out of his way to say", "used the occasion to announce"): that
        noun's governing verb. Other nouns keep the cue their own ("the first official to say")."""
        if verb.dep_ not in ("acl", "relcl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None
        noun = verb.head
        if noun.pos_ != "NOUN" or noun.ent_type_ or not {noun.lower_, noun.lemma_.lower()} & OCCASIONS:
            return None
        gov = noun
        while gov.dep_ in ("dobj", "pobj", "prep", "npadvmod") and gov.head.i != gov.i:
            gov = gov.head
        return gov if gov.pos_ in ("VERB", "AUX") and gov.i != verb.i else None

    def _participle_subject(self, verb):
        """A participle clause speaks for the subject of its clause ("Roe spoke up on radio,
        saying …", "After saying …, she left") or for the person or document it hangs on ("a statement saying …")."""
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "pcomp", "acl"):
            return None
        head = verb.head
        if verb.dep_ == "pcomp" and head.pos_ == "ADP":
            head = head.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            if head.ent_type_ == "PERSON" or self.mentions.head_class(head) == "role":
                return head
            if head.lemma_.lower() in word_set("authored") | word_set("document_nouns"):
                return self.mentions.author_of(head)
            return None
        if head.pos_ not in ("VERB", "AUX") or head.i == verb.i:
            return None
        subj = next(
            (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and not self.at.ignored(c.idx)),
            None,
        )
        if subj is None and head.i > 0:
            # "Tarrant disagreed, calling them …" parsed with the name a modifier of the verb: the
            # capitalised word opening the sentence right before the verb is its subject
            before = self.doc[head.i - 1]
            if (
                before.head.i == head.i
                and before.dep_ in ("amod", "compound", "npadvmod", "nmod")
                and before.text[:1].isupper()
                and before.i == self.at.sent_of(head).start
                and (before.pos_ == "PROPN" or before.dep_ == "amod")  # no adjective modifies a verb
            ):
                return before
        return subj

    def _opening_inversion(self, verb):
        """The source after a cue verb that opens its sentence and ends at a colon before the quote
        ("Continued Holloway: “…”", "Added the mayor: “…”"), which the parser reads as a name with an
        adjective: the head of the words between the verb and the colon, if they name someone."""
        if not verb.is_sent_start or verb.tag_ not in ("VBD", "VBN"):
            return None
        sent_end = verb.sent.end
        colon = next((t for t in self.doc[verb.i + 1 : min(sent_end, verb.i + 8)] if t.text == ":"), None)
        if colon is None or colon.i == verb.i + 1:
            return None
        words = self.doc[verb.i + 1 : colon.i]
        if any(self.at.ignored(t.idx) or self.at.in_quote(t.idx) or t.is_punct for t in words):
            return None
        head = next((t for t in words if not (words.start <= t.head.i < words.end) or t.head.i == t.i), None)
        if head is None or head.ent_type_ in _NOT_SOURCES:
            return None
        if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG") or self.mentions.head_class(head):
            return head
        return None

    def _inverted(self, verb) -> bool:
        """Whether the verb opens an inverted cue ("…,” said Jane Roe"): right after a closing mark or
        comma, and a verb whose object is not its addressee."""
        if verb.lemma_.lower() in _ADDRESSEE_VERBS:
            return False
        i = verb.i - 1
        while i >= 0 and self.doc[i].pos_ == "ADV":
            i -= 1
        return i < 0 or self.doc[i].is_punct or self.at.in_quote(self.doc[i].idx)

    def _adjacent_source(self, verb):
        """A name or pronoun right before the verb ("…,” police chief Jane Roe said") or right after it
        ("said Jane Roe"), for sentences the parser tangled up with the quote."""
        doc = self.doc
        if verb.i > 0:
            prev = doc[verb.i - 1]
            named = prev.ent_type_ in ("PERSON", "ORG") or (
                prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.ent_type_ not in _NOT_SOURCES
            )
            if not self.at.ignored(prev.idx) and (named or prev.lower_ in ("he", "she", "they")):
                return prev
            if prev.text == "," and verb.i > 1:
                # "Outside the pub, Gareth Roe, a retired docker, said …": the parser hung the name on the
                # opening phrase; the apposition closing right before the comma tells whose it is
                last = doc[verb.i - 2]
                appos = next((a for a in (last, *last.ancestors) if a.dep_ == "appos"), None)
                if appos is not None and appos.right_edge.i == last.i:
                    person = appos.head
                    if person.ent_type_ == "PERSON" and not self.at.ignored(person.idx):
                        return person
        if verb.i + 1 < len(doc) and self._inverted(verb):
            nxt = doc[verb.i + 1]
            if not self.at.ignored(nxt.idx) and nxt.ent_type_ == "PERSON":
                ent = self.at.ent_of(nxt)
                return ent.root if ent is not None else nxt
        return None

    def make_cue(self, tok, text, group, weight, subj) -> Cue | None:
        if subj is None or self.at.in_quote(subj.idx):
            return None
        if subj.ent_type_ in _NOT_SOURCES and not (
            self._speaking_country(tok, subj) or age_nominal(subj) or _member_of(subj) or self._known_surname(subj)
        ):
            return None
        answers = self.interview.voices["A"] if subj.lower_ == "i" else None
        if answers is not None and answers.speaker and self.interview.on_turn_line(subj.idx, "A"):
            # "A: … I told him, “…”": the person the interview asks
            why = f"'I' in an interview's answer line: {answers.reason}"
            res = Resolution(answers.entity, answers.speaker, answers.confidence, why)
            return Cue(tok.i, text, group, weight, (subj.idx, subj.idx + len(subj.text)), subj.text, res)
        if (
            subj.lower_ in pronoun_sets()["first"]
            or subj.lower_ in ("this", "that", "which", "who", "it")
            and subj.dep_ != "pobj"
        ):
            if subj.lower_ != "it":
                return None
        span, mtext, res = self.mentions.read(subj)
        return Cue(tok.i, text, group, weight, span, mtext, res)

    def _known_surname(self, subj) -> bool:
        """A word the tagger took for a place that is the surname of a person the article named in full
        ("According to Owusu, …" after "Renata Owusu said …")."""
        if (
            subj.ent_type_ not in ("GPE", "LOC")
            or subj.pos_ != "PROPN"
            or any(c.dep_ == "compound" for c in subj.children)
        ):
            return False  # "North Korea": a place named in full
        return any(
            (e.label == "PERSON" or (e.label == "ORG" and name_shaped(e.name)))
            and len(e.name.split()) >= 2
            and e.name.split()[-1] == subj.text
            and not e.unnamed
            for e in self.mentions.table.entities
        )

    def _speaking_country(self, verb, subj) -> bool:
        """A country as the subject of a reporting verb speaks through its government ("Norway
        protested …", "Even Portugal said it was …"); a place never does as an object or a location."""
        return (
            subj.ent_type_ in ("GPE", "LOC")  # a surname the tagger took for a place speaks too
            and subj.dep_ == "nsubj"
            and subj.head.i == verb.i
            and verb.pos_ == "VERB"
            and subj.pos_ == "PROPN"
            # a sea or a region speaks only through a verb of saying: "the Sea has become a “flashpoint”"
            and (subj.ent_type_ == "GPE" or verb.lemma_.lower() in cue_lexicon())
        )

    def _cited_source(self, verb):
        """The person an outlet's report cites by a participle (hung on the verb or on its clause: "reported
        that …, citing a committee spokeswoman", "reported, citing two officials, that …", "The Courier,
        citing a diplomat, reported …"): the one whose words the outlet passes on."""
        sent = self.at.sent_of(verb)
        for t in self.doc[sent.start : sent.end]:
            if t.lemma_ != "cite" or t.tag_ != "VBG" or t.i == verb.i or self.at.ignored(t.idx):
                continue
            if t.i < verb.i and t.head.i != verb.i:
                continue  # before the verb only as its own participle
            if t.head.i != verb.i and (
                t.head.head.i != verb.i
                or any(
                    c.dep_ in ("nsubj", "nsubjpass") and (c.ent_type_ == "PERSON" or c.pos_ == "PRON") and c.i < t.i
                    for c in t.head.children
                )
            ):
                # "reported that Mayor Roe resigned, citing her doctor": the mayor cites, in the report (not
                # "reported, citing two officials, that Mr. Roe had …": the outlet cites, before the report)
                return None
            return self._cited_person(next((c for c in t.children if c.dep_ == "dobj"), None))
        return None

    @staticmethod
    def _cited_person(obj):
        """Who a cited object is: a person, people by role or kind ("two company officials", "two people
        familiar with the talks", "a senior firefighter"), or the writer of a document ("a memo from the
        superintendent"). Data, documents with no writer and polls ("citing sales data") are no one."""
        if obj is None:
            return None
        lemma = obj.lemma_.lower()
        if obj.ent_type_ == "PERSON":
            return obj
        if lemma in document_lemmas():
            writer = next(
                (p for c in obj.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for p in c.children),
                None,
            )
            return writer if writer is not None and writer.dep_ == "pobj" and writer.ent_type_ == "PERSON" else None
        classes = role_classes().get(lemma, frozenset())
        if classes:
            return obj if "org" not in classes else None
        return obj if obj.pos_ == "NOUN" and lemma in CITED_PEOPLE else None

    def _conduit(self, verb, cue: Cue) -> None:
        """'…,” the representative the Wire quotes' / '“…,” the Wire reports': an outlet passes the quote on."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        outlet = next(
            (
                s
                for s in subjects
                if s.pos_ == "PROPN"
                and (s.ent_type_ == "ORG" or _an_outlet(s))
                and not (
                    s.ent_type_ == "ORG" and _compounds_from(s) == s.i and self.table.person_by_surname(s.text, s.idx)
                )
            ),  # "Roe reports …" after "Jane Roe", the surname tagged a body: she, no outlet
            None,
        )
        quoted = next((c for c in verb.children if c.dep_ == "dobj" and not self.at.ignored(c.idx)), None)
        if (
            verb.lemma_.lower() in ("quote", "cite")
            and quoted is not None
            and subjects
            and (quoted.pos_ in ("PROPN", "PRON") or (quoted.pos_ == "NOUN" and self.mentions.head_class(quoted)))
        ):  # "cited an official" passes a person's words on; "cited his remarks as …" does not
            # "The agency quoted Roe as saying …": the one quoted speaks, the subject passes it on.
            outlet = subjects[0]
            cue.reported_by = clean_name(LEADING_THE.sub("", self.mentions.span_text(outlet)))
            cue.mention, cue.mention_text, cue.resolution = self.mentions.read(quoted)
            return
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass" and not self.at.ignored(c.idx)), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if verb.lemma_.lower() in ("quote", "cite") and passive is not None and by is not None:
            # "Roe was quoted by the agency as saying …": the one quoted speaks, the agency passes it on
            cue.reported_by = clean_name(LEADING_THE.sub("", self.mentions.span_text(by)))
            cue.mention, cue.mention_text, cue.resolution = self.mentions.read(passive)
            return
        cited = self._cited_source(verb)
        if outlet is None and cited is not None and subjects and _an_outlet_citing(subjects[0]):
            outlet = subjects[0]
        if outlet is None:
            return
        others = [s for s in subjects if s is not outlet]
        others += [
            c
            for c in verb.children
            if c.dep_ == "dobj" and not self.at.ignored(c.idx) and verb.lemma_.lower() in ("quote", "cite")
        ]
        if not others and cited is not None:
            others.append(cited)  # "the Wire reported that …, citing a committee spokeswoman": hers, passed on
        if outlet.ent_type_:
            cue.reported_by = clean_name(LEADING_THE.sub("", self.mentions.ent_text(outlet)))
        else:  # the name's own words, compounds before it, no article (nor "newspaper" after them)
            first = _compounds_from(outlet)
            last = outlet.i if outlet.pos_ == "PROPN" or first == outlet.i else outlet.i - 1
            cue.reported_by = clean_name(self.doc[first : last + 1].text)
            if last > first:  # a name the tagger missed: a body "the newspaper" may mean later
                self.table.add_name(cue.reported_by, "ORG", self.doc[first].idx)
        # "the Post reported" after "The Washington Post reported": the paper as the article first named it
        self.table.outlets.add(cue.reported_by)
        cue.reported_by = self.table.body_in_full(cue.reported_by, outlet.idx) or cue.reported_by
        if others:
            span, mtext, res = self.mentions.read(others[0])
            cue.mention, cue.mention_text, cue.resolution = span, mtext, res
        else:
            cue.mention, cue.mention_text, cue.resolution = None, None, None  # filled from context later
