"""Reading who a mention names: the person, body or description a cue's source words stand for.

A source is resolved against the entity table: a pronoun against the subjects around it, a tagged
name (a lone surname first looks back for the full name the tagger missed), an untagged or
hyphenated proper noun ("Ki-moon said"), a name closing a role description ("the representative of
the ministry Jo Tamm"), the author of a document ("Roe's brief", "a Harbour Office memo"), else the
description as written ("a member of the delegation", "officials"). Roles written around a name are
added to its entity. Used by :class:`quotecheck.engine.cues.CueFinder`.
"""

from __future__ import annotations

import logging
from functools import cache

from spacy.tokens import Span

from .layout import said_as_plural
from .resolve import (
    BODY_LABELS,
    DESCRIBED_REACH,
    INDEFINITE,
    KIN,
    PARTY_NOUNS,
    SPOUSES,
    Resolution,
    bare_word,
    body_kinds,
    first_name_sex,
    honorific_sex,
    is_office,
    is_title,
    load_data,
    pronoun_sets,
    role_classes,
)

log = logging.getLogger(__name__)

_PRONOUN_POS = {"PRON"}


SEEN_NOT_WRITTEN = frozenset("see obtain review read receive view cite quote examine acquire reach leak".split())
"""Verbs of a document's ``by`` phrase that name who got hold of it, not who wrote it ("a memo seen by
the Courier", "documents obtained by the network"): that one relays the document, it is not its source."""


@cache
def word_set(group: str) -> frozenset[str]:
    """A word group of the cue lexicon (``verbs.json``); here so :mod:`quotecheck.engine.cues` can import it."""
    return frozenset(load_data("verbs.json")[group]["lemmas"])


BODIES_OF_A_PLACE = frozenset(
    "city port county town village state district borough township university college bank diocese archdiocese"
    " province commonwealth republic kingdom".split()
)
"""Words a body's name opens with before "of" and a place ("City of Tillbury", "Port of Orvel")."""


def _name_word(tok) -> bool:
    """A proper noun that can be a name: capitalised (the tagger calls some lowercase nouns proper:
    "the baker said") and no role word."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.lower_ not in role_classes()


def _of_whom(tok) -> bool:
    """ "many of whom", "most of which": a part of the noun a relative clause hangs on."""
    return any(c.dep_ == "prep" and any(g.lower_ in ("whom", "which") for g in c.children) for c in tok.children)


def _antecedent_of_part(tok):
    """The noun "many of whom" is part of: the head of the relative clause, else (the parser often
    loses the clause) the noun phrase ending at the comma in front."""
    doc = tok.doc
    if tok.head.dep_ == "relcl" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        noun = tok.head.head
    elif tok.i < 2 or doc[tok.i - 1].text not in (",", "--", "—", "–") or doc[tok.i - 2].pos_ not in ("NOUN", "PROPN"):
        return None
    else:
        noun = doc[tok.i - 2]
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head  # "families of the flood victims": the families
    while noun.dep_ == "conj" and noun.head.i < noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "captains and pilots -- most of whom": all of them
    return noun


_QUANTIFIERS = frozenset({"many", "some", "most", "several", "few", "others", "both", "all"})
_UNNAMED_PEOPLE = _QUANTIFIERS - {"both", "all"}
"""Counted people who, with no plural noun to count, are nobody named: never a pronoun for the latest
source ("both" and "all" may be the people just named)."""
_ONE_OF_A_GROUP = _UNNAMED_PEOPLE | {"another", "one", "those"}
_GROUP_PHRASE_DEPS = {"prep", "relcl", "acl", "amod", "advmod"}
"""With a phrase on them ("those who voted", "some of the delegates", "those surveyed", "one of them"),
these words name members of a group, never the person last named: the phrase is kept as written."""


def _quantified_subject(tok):
    """The people a bare "many" or "some" counts, when its verb is joined to a verb whose subject is a
    plural noun ("Farmers reacted with relief, but many said …")."""
    verb = tok.head
    if verb.dep_ != "conj":
        return None
    for head in (verb.head, verb.sent.root):  # the parser may hang "but many said" on a verb further in
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.i < tok.i and _plural(subj):
            return subj
    return None


def age_nominal(tok) -> bool:
    """A person named by their age: "the 46-year-old" ("old" with a "year" measure and no noun after it)."""
    return (
        tok.lower_ == "old"
        and tok.dep_ in ("nsubj", "nsubjpass", "appos", "pobj")
        and any(c.lower_ in ("year", "years") and c.dep_ in ("npadvmod", "compound") for c in tok.children)
        and any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children)
    )


def _age_of(tok, head) -> bool:
    """``tok`` gives the age of the person ``head`` describes: "old" with a "year" measure ("the
    61-year-old lawyer")."""
    return (
        tok.lower_ == "old"
        and tok.dep_ == "amod"
        and tok.head.i == head.i
        and any(c.lower_ in ("year", "years") and c.dep_ in ("npadvmod", "compound") for c in tok.children)
    )


def _plural(tok) -> bool:
    """A plural noun, or one the tagger took for a name after a dateline ("ORVEL - Farmers …")."""
    return tok.tag_ in ("NNS", "NNPS") or (tok.tag_ == "NNP" and not tok.ent_type_ and tok.lower_.endswith("s"))


def _joined_hyphen(doc, i: int) -> bool:
    """Token ``i`` is a hyphen joining two words with no space ("Dunmore-Carr", "Ki-moon")."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text in ("-", "‐")
        and not doc[i].whitespace_
        and not doc[i - 1].whitespace_
        and doc[i - 1].text[-1:].isalpha()
        and doc[i + 1].text[:1].isalpha()
    )


@cache
def _speech_lemmas() -> frozenset[str]:
    """Lemmas of verbs that report speech: a clause built on one is a statement, not a description."""
    groups = (
        "neutral",
        "sequence",
        "explaining",
        "asserting",
        "announcing",
        "answering",
        "advising",
        "judging",
        "channel",
    )
    return frozenset().union(*(word_set(g) for g in groups))


def _when_said(tok, head) -> bool:
    """A time hung on a source's words ("Roe's defenders today", "aides this week", "his campaign on
    Friday"): when they spoke, not who they are; it and what hangs on it are no part of the description.
    An age is ("the 61-year-old Republican")."""
    return any(
        (t.dep_ in ("npadvmod", "tmod") and t.ent_type_ in ("DATE", "TIME") and t.head.lower_ != "old")
        or (t.dep_ == "prep" and t.head.i == head.i and time_phrase(t))
        for t in (tok, *tok.ancestors)
        if t.i != head.i and head.is_ancestor(t)
    )


def time_phrase(prep) -> bool:
    """ "on Friday", "in March": a phrase of time closing a source's words ("His campaign on Friday
    released …"): when it acted, not who it is. One with more of the description after it ("An article
    on Monday about Roe") is part of it."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    last = max((c.i for c in prep.head.rights if not c.is_punct), default=prep.i)
    return (
        prep.lower_ in ("on", "in", "at", "during", "since")
        and bool(objs)
        and all(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree if t.i != prep.i)
        and last == prep.i
    )


def _one_run(toks: list, head) -> list:
    """The unbroken run of ``toks`` (in order) around ``head``: a word of the sentence between two of
    them ("data Monday morning that suggest …", the date hung on the verb) ends the description there."""
    toks = sorted(toks, key=lambda t: t.i)
    at = next((k for k, t in enumerate(toks) if t.i == head.i), None)
    if at is None:
        return toks
    lo, hi = at, at
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    while hi < len(toks) - 1 and toks[hi + 1].i == toks[hi].i + 1:
        hi += 1
    return toks[lo : hi + 1]


def _dangling(tok) -> bool:
    """A word no description ends on: a preposition, article, conjunction, relative word or dash."""
    if tok.tag_ in ("WDT", "WP"):
        return tok.dep_ != "pobj"  # "some of whom" is whole; "officials who" lost its clause
    return (
        tok.is_space
        or tok.pos_ in ("ADP", "DET", "CCONJ", "SCONJ")
        or tok.tag_ in ("TO", "HYPH")
        or (tok.is_punct and tok.text in ("—", "–", "-", "--", "("))
    )


_LONGEST_DESCRIPTION = 12  # tokens: a longer phrase is a clause about the source, not how it is named
_MEMBER_DETS = {"the", "a", "an", "one", "another", "this", "that"}


def _unnamed_on_request(noun) -> bool:
    """A person the article says it leaves unnamed at their request ("A senior diplomat, speaking on
    condition of anonymity because …, was less diplomatic", "a neighbour who asked not to be named"): a
    source, whatever the verb of the sentence."""
    words = [t.lower_ for t in noun.subtree]
    if "anonymity" in words or "anonymously" in words:
        return True
    return any(
        w in ("named", "identified", "authorized", "authorised") and "not" in words[max(0, k - 3) : k]
        for k, w in enumerate(words)
    )


@cache
def _other_kinds_words() -> frozenset[str]:
    """The words of the names of bodies of every kind but a company's (union, university, agency …)."""
    company = body_kinds()["company"]
    return frozenset(w for words in body_kinds().values() if words != company for w in words)


def _only_a_company(name: str) -> bool:
    """Whether a body's name holds no word of another kind of body ("Brixel Supply", not "Harbour Workers
    Union"): one that "the company" may mean."""
    return not {w.lower().strip(".,") for w in name.split()} & _other_kinds_words()


def _name_given(head):
    """The name a person described by a clause gave in it ("a resident who gave only her first name,
    Denise, said", "a nurse, who asked that only her first name, Ana, be used, said", "a man who gave his
    name only as Kurt"): that name's (last) word, else None."""
    if head.pos_ != "NOUN":
        return None
    for clause in head.children:
        if clause.dep_ not in ("relcl", "acl"):
            continue
        for t in clause.subtree:
            if t.lemma_.lower() == "name" and t.pos_ == "NOUN":
                given = next(
                    (c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.text[:1].isupper()), None
                )
                if given is not None:
                    return given
        if clause.lemma_.lower() in ("identify", "give", "introduce"):
            # "a man who gave his name only as Kurt", "a woman who identified herself only as Ana": the
            # parser hangs "as Kurt" on the main verb, so it is read in the words right after the clause
            doc, k = head.doc, clause.right_edge.i + 1
            if k < len(doc) and doc[k].lower_ in ("only", "simply", "just"):
                k += 1
            if k + 1 < len(doc) and doc[k].lower_ == "as":
                last = None
                while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and doc[k + 1].text[:1].isupper():
                    k, last = k + 1, doc[k + 1]
                if last is not None:
                    return last
    return None


class MentionReader:
    """Reads whom the words of a source stand for (:meth:`read`), against the entity table.

    Talks to the :class:`~quotecheck.engine.layout.Layout` for positions, to the
    :class:`~quotecheck.engine.entities.EntityReader` for names, roles and pronoun antecedents, and to
    the :class:`~quotecheck.engine.resolve.EntityTable` it resolves against.
    """

    def __init__(self, layout, table, entities) -> None:
        self.at = layout
        self.doc, self.text = layout.doc, layout.text
        self.table = table
        self.entities = entities

    @staticmethod
    def head_class(tok) -> str | None:
        classes = role_classes().get(tok.lower_)
        if not classes:
            return None
        return "org" if "org" in classes else "role"

    def span_text(self, tok) -> str:
        """A subject as written: its entity, else its words up to the first comma or clause."""
        ent = self.at.ent_of(tok)
        if ent is not None:
            return ent.text
        toks = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("prep", "pobj", "compound", "amod", "det")]
        return self.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)] if toks else tok.text

    @staticmethod
    def _closing_name(head):
        """The full name a group-member subject closes on, set off by commas ("one of the family's
        lawyers, Jane Roe,", "one of her supporters who backs Wren, former Rep. Ada Marsh,", "one of them,
        Ann Roe of Orvel,", "one of the plaintiffs, Hartmut Loy, 71,"): the apposition the parser hangs on the
        head or on a noun inside the phrase, ending the phrase (or followed by where the person is from or their
        age)."""
        words = [t for t in head.subtree if not t.is_punct]
        if not words:
            return None
        last = words[-1]
        doc = head.doc
        if last.like_num and last.head.pos_ == "PROPN" and last.i >= 2 and doc[last.i - 1].text == ",":
            last = last.head  # "one of the plaintiffs, Hartmut Loy, 71,": the name before the age
        if last.dep_ == "appos" and last.pos_ == "PROPN" and not list(last.children) and last.i >= 2:
            if doc[last.i - 1].text == "," and doc[last.i - 2].ent_type_ in ("GPE", "LOC"):
                last = doc[last.i - 2]  # "… of Fenwick, Calloway,": a place and its region
        if last.dep_ == "pobj" and last.head.lower_ in ("of", "from") and last.head.head.dep_ == "appos":
            last = last.head.head  # "one of them, Dolores Whitaker of Fenwick,": the name before its place
        if not (last.dep_ == "appos" and _name_word(last)):
            # "one of the participants, Arne Vik, a 74-year-old retired postman from Bergen,": the name before
            # the description set after it
            named = next((a for a in last.ancestors if a.dep_ == "appos" and _name_word(a) and a.i > head.i), None)
            if named is not None and named.i + 1 < len(doc) and doc[named.i + 1].text == ",":
                last = named
        if last.dep_ != "appos" or not _name_word(last) or last.i <= head.i:
            return None
        if not any(d.dep_ == "compound" and _name_word(d) for d in last.children):
            return None  # a lone word ("one of them, Wren,") may be a place or a body
        first = last.left_edge
        return last if first.i > 0 and first.doc[first.i - 1].text == "," else None

    def _group_phrase(self, head) -> tuple[int, int]:
        """The span of "those who voted", "some of the delegates": the word with what hangs on it, up
        to the first comma, bracket, dash or colon."""
        toks = [t for t in head.subtree if t.i >= head.i]
        cut = next((k for k, t in enumerate(toks) if k and t.text in (",", "(", "—", "–", ";", ":")), len(toks))
        last = toks[cut - 1]
        return head.idx, last.idx + len(last.text)

    def ent_text(self, tok) -> str:
        ent = self.at.ent_of(tok)
        return ent.text if ent is not None else tok.text

    def read(self, head):
        """Span, text and resolution of the source headed by ``head``."""
        if _of_whom(head):  # "members of the club, many of whom say …": the members
            head = _antecedent_of_part(head) or head
        elif head.lower_ in _QUANTIFIERS and not list(head.children):
            head = _quantified_subject(head) or head  # "Farmers reacted …, but many said …": farmers
        if head.lower_ in _UNNAMED_PEOPLE and not any(c.dep_ in ("prep", "appos", "relcl") for c in head.children):
            # "an aggressive - some say unrealistic - pledge": nobody named, never the latest source
            why = f"'{head.text}': people the article does not name; kept as written"
            return (head.idx, head.idx + len(head.text)), head.text, Resolution(None, head.text, 0.5, why)
        named = self._closing_name(head) if head.lower_ in _ONE_OF_A_GROUP else None
        if named is not None:
            return self.read(named)  # "one of the family's lawyers, Jane Roe, said": Jane Roe
        if (
            head.lower_ in _ONE_OF_A_GROUP
            and head.pos_ in ("PRON", "NUM")
            and any(c.dep_ in _GROUP_PHRASE_DEPS for c in head.children)
            and not _of_whom(head)
        ):
            span = self._group_phrase(head)
            said = self.text[span[0] : span[1]]
            why = f"'{said}': one of a group the article does not name; kept as written"
            return span, said, Resolution(None, said, 0.5, why)
        if head.lower_ in INDEFINITE and head.pos_ == "PRON":
            # "“On what bus?” someone called out": nobody named, never the person cited before
            why = f"'{head.text}' names no one"
            return (head.idx, head.idx + len(head.text)), head.text, Resolution(None, None, 0.5, why)
        pos = head.idx
        p = self.at.para_of(pos)
        pp = self.at.prev_para(p)
        para_start = self.at.para_starts[p]
        prev_start = self.at.para_starts[pp] if pp is not None else para_start
        if head.pos_ in _PRONOUN_POS or head.lower_ in pronoun_sets()["male"] | pronoun_sets()["female"]:
            res = self.entities.pronoun_source(head, para_start) or self.table.resolve_pronoun(
                head.text, pos, para_start, prev_start
            )
            return (head.idx, head.idx + len(head.text)), head.text, res
        if age_nominal(head):  # "said the 46-year-old": the person just named, as "she" would be
            first = min(t.idx for t in head.subtree)
            span = (first, head.idx + len(head.text))
            said = self.text[span[0] : span[1]]
            return (
                span,
                said,
                self.table.resolve_latest_person(said, pos, prev_start, self._named_subjects(head, pp)),
            )
        spouse = self._spouse(head)
        if spouse is not None:
            return spouse
        if self._described_member(head):
            return self._description_mention(head)  # "an Ohio Republican", "the Texan": nobody named
        given = _name_given(head)
        if given is not None:  # "a resident who gave only her first name, Denise, said": Denise
            first = given
            while first.i > 0 and self.doc[first.i - 1].pos_ == "PROPN" and self.doc[first.i - 1].text[:1].isupper():
                first = self.doc[first.i - 1]  # "as Piet Vos": the whole name given
            s, e = first.idx, given.idx + len(given.text)
            if first.i == given.i:  # a first name alone is a person of its own, not a namesake's
                return (s, e), self.text[s:e], self.table.given_name(self.text[s:e], s)
            return self._proper_mention(given)
        ent = self._entity_of(head)
        if ent is None and (
            _name_word(head)
            or self._hyphenated_name(head)
            or self._surname_read_as_plural(head)
            or (head.pos_ == "ADJ" and head.text[:1].isupper() and head.dep_ == "amod" and head.head.pos_ == "VERB")
        ):  # a name tagged as an adjective of the verb ("Tarrant disagreed, calling …") is the person's
            return self._proper_mention(head)
        if ent is None:
            for c in head.children:
                if c.dep_ != "appos":
                    continue
                if _name_word(c):
                    return self._proper_mention(c)  # "the minister, Jane Roe, said"
                ent = next((self._entity_of(g) for g in c.subtree if g.ent_type_ == "PERSON"), None)
                if ent is not None:
                    break
        if ent is None or (head.lower_ in role_classes() and ent.label_ != "PERSON"):
            ent = self._name_closing_description(head) or ent
        if ent is not None and ent.label_ == "PERSON" and len(ent) == 1 and ent.start > 0:
            marked = self._marked_bearer(ent)
            if marked is not None:
                return marked
        if ent is not None and ent.label_ == "PERSON" and len(ent) == 1 and ent.start > 0:
            prev = self.doc[ent.start - 1]
            if prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.lower_ not in role_classes():
                return self._proper_mention(ent.root)  # the tagger kept only the surname
        if ent is not None and self._person_after_body(ent, head):
            name = head.text  # "the board of the Daily Herald Varga said": a comma left out, Varga speaks
            res = self.table.resolve_name(name, "PERSON", head.idx)
            return (head.idx, head.idx + len(name)), name, res
        if ent is not None and not self.at.in_quote(ent.start_char):
            label = ent.label_ if ent.label_ in ("PERSON", "ORG") else "ORG"
            if label == "ORG" and head.pos_ == "NOUN" and self.head_class(head) == "org" and head.i >= ent.end:
                ent = None  # "the ministry's press service": the service, not the ministry
            else:
                if label == "ORG" and self.entities.titled_person(ent):
                    label = "PERSON"
                name = self.entities.person_name(ent, label)
                if label == "PERSON" and ent.start_char < self.at.headline_end:
                    name = self._headline_name(name)
                if label == "PERSON" and len(name.split()) == 1 and not self._known_person(name, ent.start_char):
                    self._untagged_full_name(ent.root)
                res = self.table.resolve_name(
                    name, label if len(name.split()) > 1 or label == "ORG" else "PERSON", ent.start_char
                )
                self._add_roles(res, head, ent)
                return (ent.start_char, ent.start_char + len(ent.text.split("\n")[0])), ent.text.split("\n")[0], res
        if _name_word(head):
            return self._proper_mention(head)
        if head.pos_ == "VERB":
            if head.text[:1].isupper() and head.text.isalpha() and self._known_person(head.text, pos):
                return self._proper_mention(head)  # "Roe this week said": a name the tagger took for a verb
            subj = next((c for c in head.lefts if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
            if subj is not None:  # "voters going to the polls said": the voters, not their going
                return self.read(subj)
            if head.dep_ == "csubj":  # "hearing him say it gives …", "which get answered says …": a clause
                first = min(t.i for t in head.subtree)
                span = (self.doc[first].idx, head.idx + len(head.text))
                why = f"'{self.text[span[0] : span[1]]}' is a clause, not a source; nobody named"
                return span, self.text[span[0] : span[1]], Resolution(None, None, 0.0, why)
        return self._description_mention(head)

    def _marked_bearer(self, ent):
        """A surname shared by several people, told apart by the word before it: an office the article gave
        one of them ("Coach Roe", "Commissioner Roe") or "the elder" / "the younger" ("the elder Roe", "the
        younger Mr. Roe"). None when that word tells nothing."""
        i = ent.start - 1
        sex = honorific_sex(self.doc[i].text) if is_title(self.doc[i].text) else None
        if sex and i > 0:
            i -= 1  # "the younger Mr. Roe"
        word = self.doc[i]
        surname = bare_word(ent.text)
        who, why = None, ""
        if word.lower_ in ("elder", "younger") and i > 0 and self.doc[i - 1].lower_ == "the":
            who = self.table.bearer_by_age(surname, word.lower_ == "elder", ent.start_char, sex)
            why = "the elder" if word.lower_ == "elder" else "the younger"
            i -= 1
        elif i == ent.start - 1 and is_office(word.text):
            who = self.table.bearer_by_role(surname, word.text)
            why = f"the one introduced as {word.lower_}"
        if who is None:
            return None
        s, e = self.doc[i].idx, ent.end_char
        said = self.text[s:e]
        who.mentions.append(s)
        return (s, e), said, Resolution(who, who.name, 0.9, f"'{said}' is {who.name}, {why} of that surname")

    def _headline_name(self, name: str) -> str:
        """A name in a Title Case headline, where the tagger runs a surname into the next capitalised
        word ("Roe May Not Back …" as "Roe May"): a name the article never gives whole, whose first word
        is the surname of a person it names, is that surname."""
        words = name.split()
        if len(words) < 2 or any(name in e.names for e in self.table.entities):
            return name
        if self.table.lookup_word(name, len(self.text)) is None and self._known_person(words[0], len(self.text)):
            return words[0]
        return name

    def _proper_mention(self, head):
        """A name the tagger did not mark (or marked short): the proper nouns compounded onto
        ``head``, a title word swept in front dropped."""
        doc, first = self.doc, head
        while first.i > 0:
            prev = doc[first.i - 1]
            if _joined_hyphen(doc, prev.i):
                first = doc[prev.i - 1]  # "Ki-moon": one name split in three tokens
                continue
            if prev.dep_ not in ("compound", "flat") or prev.head.i not in (head.i, first.i) or prev.pos_ != "PROPN":
                break
            if prev.lower_ in role_classes() or (
                is_title(prev.text) and first.i < head.i and prev.i > 0 and doc[prev.i - 1].pos_ == "PROPN"
            ):
                # "Minister Jane Roe"; "South Carolina Gov. Jane Roe": a place before the title is no part of
                # the name ("Mr. Roe Vance" keeps the title that tells whom it means)
                break
            first = prev
        if head.i - first.i >= 2 and first.i > 0 and doc[first.i - 1].lower_ in ("of", "and", "for"):
            first = doc[first.i + 1]  # "Minister of Water and Agriculture Jane Roe"
        elif head.tag_ == "NNPS" or head.lower_ in role_classes():
            first = self._body_name_start(first, head)
        s, e = first.idx, head.idx + len(head.text)
        place = self._of_place(head)
        if place is not None:  # "The City of Tillbury said": the body, not "City"
            e = place.idx + len(place.text)
        if s < self.at.headline_end:
            e = s + len(self._headline_name(self.text[s:e]))
        if first.i == head.i and place is None and not self._known_person(head.text, s):
            self._untagged_full_name(head)
        res = self.table.resolve_name(
            self.text[s:e], "ORG" if place is not None else self._proper_label(first, head), s
        )
        if res.entity is not None and res.entity.label == "PERSON":
            new = [r for r in self.entities.roles_of(doc[first.i : head.i + 1]) if r not in res.entity.roles]
            res.entity.roles.extend(new)
        return (s, e), self.text[s:e], res

    def _proper_label(self, first, head) -> str:
        """A name the tagger marked in part as a place or body ("the United" of "the United States
        pledged", its last word left out) is that place or body, unless it opens on a first name
        ("Georgia Roe"); any other name built from proper nouns is a person's."""
        words = self.doc[first.i : head.i + 1]
        body = next((t.ent_type_ for t in words if t.ent_type_ in BODY_LABELS), None)
        if body is None or first_name_sex(words.text) is not None:
            return "PERSON"
        return body

    def _of_place(self, head):
        """The last word of a place or body a body's word is "of" ("City of Tillbury", "Port of Orvel",
        "University of Dunmore"): capitalised proper nouns right after "of"; None for any other head."""
        if not head.text[:1].isupper() or head.lower_ not in BODIES_OF_A_PLACE:
            return None
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None or pobj.pos_ != "PROPN":
            return None
        words = list(self.doc[of.i + 1 : pobj.i + 1])
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
            return None
        return pobj

    def _body_name_start(self, first, head):
        """Where a body's name the tagger did not mark begins: the capitalised words and their "and" /
        "of" in front, all hanging on the head ("Harbour Safety and Pilotage Services said" is not
        "Services")."""
        inside = {t.i for t in head.subtree}
        i = first.i
        while i > 0 and i - 1 in inside:
            prev = self.doc[i - 1]
            if prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.lower_ not in role_classes():
                i -= 1
            elif prev.lower_ in ("and", "of", "&") and i - 2 in inside and self.doc[i - 2].pos_ == "PROPN":
                i -= 1
            else:
                break
        return self.doc[i]

    def _hyphenated_name(self, tok) -> bool:
        """The tail of a hyphenated name the tagger did not mark ("Ki-moon said", "sool" tagged a
        noun): a capitalised first part, and the whole word a person named earlier."""
        i = tok.i - 1
        if not _joined_hyphen(self.doc, i) or not tok.text.isalpha():
            return False
        first = self.doc[i - 1]
        if not (first.text[:1].isupper() and first.text.isalpha()):
            return False
        return self._known_person(self.text[first.idx : tok.idx + len(tok.text)], first.idx)

    def _person_after_body(self, ent, head) -> bool:
        """A body's name run into the surname of a person named before it, the subject of the verb:
        the tagger joined two names a missing comma should have kept apart."""
        return (
            ent.label_ == "ORG"
            and len(ent) >= 3
            and head.i == ent.end - 1
            and _name_word(head)
            and _name_word(head.doc[head.i - 1])  # not "Roe & Varga", a firm
            and self._surname_named_before(head.text, ent.start_char)
            and not any(self._surname_named_before(t.text, ent.start_char) for t in ent[:-1] if _name_word(t))
        )

    def _surname_named_before(self, word: str, pos: int) -> bool:
        """A person of two or more names ending in ``word`` is named before ``pos`` (a look only: the
        table's own lookup may relabel a body it takes for a person)."""
        key = word.casefold()
        return any(
            e.label == "PERSON"
            and any(len(n.split()) >= 2 and n.split()[-1].casefold() == key for n in e.names)
            and any(o < pos for o in e.mentions)
            for e in self.table.entities
        )

    def _known_person(self, word: str, pos: int) -> bool:
        """Someone the table holds under ``word`` as written ("Pena" is not yet "Luis Peña")."""
        ent = self.table.lookup_word(word, pos, as_written=True)
        return ent is not None and ent.label == "PERSON"

    def _untagged_full_name(self, surname) -> None:
        """A lone surname ("Roe said") of a person the tagger missed where the article first gave the
        full name ("Jane Roe went …"): that earlier name, outside quotes, joins the table."""
        for t in self.doc[1 : surname.i]:
            prev = self.doc[t.i - 1]
            if (
                t.text == surname.text
                and _name_word(prev)
                and prev.dep_ in ("compound", "flat")
                and prev.head.i == t.i
                and not self.at.ignored(prev.idx)
                and not self.at.ignored(t.idx)
            ):
                self.table.add_name(self.text[prev.idx : t.idx + len(t.text)], "PERSON", prev.idx)
                return

    def _spouse(self, head):
        """ "Her husband said …", "Roe's wife said …", "The daughter of Bernard Roe told …": the other person
        named with that person's surname (:meth:`EntityTable.kin_of`); None when the article names no
        such person."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in KIN:
            return None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and head.lemma_.lower() not in SPOUSES:
            return None  # "his son" may be a son the article never names
        after = owner is None
        if after:  # "the daughter of Bernard Roe", named further on as Claire Roe
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((c for c in of.children if c.dep_ == "pobj" and c.ent_type_ == "PERSON"), None) if of else None
        if owner is None:
            return None
        res = self.read(owner)[2]
        spouse = (
            self.table.kin_of(res.entity, head.lemma_.lower(), after=head.idx if after else None)
            if res is not None and res.entity
            else None
        )
        if spouse is None:
            return None
        s, e = min(owner.idx, head.idx), max(owner.idx + len(owner.text), head.idx + len(head.text))
        said = self.text[s:e]
        spouse.mentions.append(s)
        why = f"'{said}' is {spouse.name}, named with {res.entity.name}'s surname"
        return (s, e), said, Resolution(spouse, spouse.name, 0.75, why)

    def _surname_read_as_plural(self, head) -> bool:
        """ "“…,” Menzies said" after "Gov. Carla Menzies": a surname ending in s the tagger took for a
        plural noun; the surname of a person the article named, a word it never writes in lower case."""
        if head.tag_ != "NNS" or not head.text.istitle() or said_as_plural(head):
            return False  # "Banks, which lent …", "Cousins of the victim said": the plural noun
        return head.lower_ not in self.at.lower_words and self.table.lookup_surname(head.text) is not None

    @staticmethod
    def _described_member(head) -> bool:
        """One member of a party, nation or group, described rather than named ("an Ohio Republican",
        "the Texan", "one Democrat familiar with the talks"): a singular group word with an article."""
        return (
            head.ent_type_ == "NORP"
            and head.tag_ in ("NNP", "NN")
            and any(c.dep_ in ("det", "nummod") and c.lower_ in _MEMBER_DETS for c in head.children)
        )

    def _description_mention(self, head):
        if head.lemma_.lower() in word_set("authored") and head.pos_ == "NOUN":
            author = self.author_of(head)
            if author is not None:
                return self.read(author)
            earlier = self._earlier_author(head)
            if earlier is not None:
                _, name, res = self.read(earlier)
                if res is not None and res.speaker:
                    s, e = head.left_edge.idx, head.idx + len(head.text)
                    text = self.text[s:e]
                    why = f"'{text}' is the one {name} gave just before"
                    return (s, e), text, Resolution(res.entity, res.speaker, res.confidence, why)
        # A description as the article words it: the head with its modifiers, its of/to/at phrases and
        # a clause that restricts it ("a source involved in the talks", "the groups who wrote to her"),
        # up to a comma, an apposition or the quote; a clause too long to be part of a name is left out.
        toks = [t for t in head.subtree if not _when_said(t, head)]
        first = head
        while first.i >= 2 and _joined_hyphen(self.doc, first.i - 1):
            first = self.doc[first.i - 2]  # "His ex-wife" parsed as "ex", "-", "wife": the whole word
        if first is not head:
            toks = sorted({*toks, *(t for k in range(first.i, head.i) for t in self.doc[k].subtree)}, key=lambda t: t.i)
        cut = [t for t in toks if t.i > head.i and (t.text in (",", "(") or t.dep_ == "appos")]
        if cut:
            toks = [t for t in toks if t.i < cut[0].i]
        clause = [t for t in toks if t.i > head.i and t.dep_ in ("relcl", "acl")]
        if clause and (
            len(toks) > _LONGEST_DESCRIPTION
            or any(
                c.dep_ == "acl" and (c.tag_ in ("VBD", "VBZ", "VBP") or c.lemma_ in _speech_lemmas()) for c in clause
            )
            or any(self.at.in_quote(t.idx) for c in clause for t in c.subtree)
            or any(c.lemma_ in _speech_lemmas() and any(g.dep_ == "ccomp" for g in c.children) for c in clause)
        ):  # a finite or speech "acl" is the sentence's own verb misparsed ("the campaign called it “...”"), a
            # clause holding quoted words, or a speech verb's clause with what was said ("his way to say
            # that …"), is the statement itself: neither is part of the description
            first = min(d.i for d in clause[0].subtree)  # from its "who": "a Roe aide who was not …"
            toks = [t for t in toks if t.i < first]
        toks = _one_run([t for t in toks if not self.at.in_quote(t.idx) and not self.at.in_lead_in(t.idx)], head)
        toks = toks[:_LONGEST_DESCRIPTION]
        while len(toks) > 1 and toks[-1].i > head.i and _dangling(toks[-1]):
            toks.pop()  # "results of polls conducted by the": a phrase cut short ends on no function word
        dated = [k for k, t in enumerate(toks) if t.i > head.i and t.ent_type_ in ("DATE", "TIME")]
        if (
            dated
            and all(t.ent_type_ in ("DATE", "TIME") for t in toks[dated[0] :])
            and not any(t.pos_ in ("VERB", "AUX") for t in toks[: dated[0]])  # "a poll conducted in February"
        ):
            # "A spokeswoman for the ministry on Thursday dismissed …": when it was said is no part of who
            cut = dated[0] - 1 if dated[0] > 0 and toks[dated[0] - 1].dep_ == "prep" else dated[0]
            if cut > 0 and toks[cut - 1].i >= head.i:
                toks = toks[:cut]
        if not toks:
            toks = [head]
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        text = self.text[s:e]
        if toks[0].lower_ in ("a", "an", "another", "one") and head.pos_ == "NOUN":
            apposed = self._name_set_off_after(toks[-1])
            if apposed is not None:  # "A spokeswoman for the campaign, Renata Solis, said": the parser
                return self._proper_mention(apposed[-1])  # made the name a second subject, no apposition
            lead = self._delayed_lead(head, s)
            if lead is not None:
                return (s, e), text, self._named_next(lead, text)
            named = self._named_in_next_sentence(head)
            if named is not None:
                why = f"'{text}' is {named.name}, named in the next sentence as the {head.lower_}"
                return (s, e), text, Resolution(named, named.name, 0.75, why)
            # "a member of the delegation": someone the article does not name, not an earlier person; one
            # the article may call "the official" or "she" next
            unnamed = self.table.unnamed_person(text, head.lemma_.lower(), s)
            return (s, e), text, Resolution(unnamed, text, 0.45, f"'{text}' is an unnamed source")
        if head.tag_ in ("NNS", "NNPS") and not any(t.lower_ in ("the", "these", "those") for t in toks[:1]):
            res = Resolution(None, text, 0.65, f"'{text}': a group, kept as written")
            return (s, e), text, res
        also = tuple(c.lemma_.lower() for c in head.children if c.dep_ == "conj" and c.lower_ in role_classes())
        places = tuple(t.text for t in toks if t.i < head.i and t.ent_type_ == "GPE" and t.pos_ == "PROPN")
        lemma = head.lemma_.lower() if head.pos_ == "NOUN" else head.lower_
        aged = None
        given_age = any(_age_of(t, head) for t in toks)
        if toks[0].lower_ == "the" and (given_age or self._party_epithet(head, toks)):
            # "the 61-year-old lawyer", "the 58-year-old Republican": a person, whom "the 58-year-old" would
            # mean, unless the article gave that person another party
            p = self.at.para_of(head.idx)
            pp = self.at.prev_para(p)
            prev_start = self.at.para_starts[pp] if pp is not None else self.at.para_starts[p]
            aged = self.table.resolve_latest_person(text, s, prev_start, self._named_subjects(head, pp))
            partisan = (  # "the 61-year-old Republican" is the one just named, whatever the party
                self.table.latest_of_party(lemma, s, s - DESCRIBED_REACH)
                if not given_age and lemma in PARTY_NOUNS
                else None
            )
            if partisan is not None and places and not self._placed_beside(partisan, places, s):
                partisan = None  # "the Wisconsin Republican" is no Republican never tied to Wisconsin
            if partisan is not None and partisan is not aged.entity:
                # "Sen. Mark Hale, a Republican, …. Ann Cole, a political scientist, said …. “…,” the
                # Republican said": the Republican, not the person named last
                aged = Resolution(
                    partisan, partisan.name, 0.75, f"'{text}' is {partisan.name}, the {lemma} named just before"
                )
            if aged.entity is None or aged.entity.described & (PARTY_NOUNS - {lemma}):
                aged = None
            elif places and not self._placed_beside(aged.entity, places, s):
                aged = None  # "the Florida Republican" is no one the article never tied to Florida
            elif lemma in PARTY_NOUNS:  # a party is no role of the person named just before
                return (s, e), text, aged
        res = self.table.resolve_description(text, lemma, s, also, places)
        if aged is not None and (res.entity is None or res.entity.unnamed):
            return (s, e), text, aged  # no one was introduced as a lawyer
        if (res.entity is None or res.entity.unnamed) and self._epithet(head, toks):
            varied = self._subject_just_before(head)
            known = varied.role_classes(abbreviations=True) if varied is not None else set()
            if known and not known & role_classes().get(lemma, frozenset()):
                varied = None  # "Judge Ada Roe sentenced him. The prosecutor said …": no judge is a prosecutor
            if varied is not None:  # "Vance was unimpressed. “…,” the billionaire wrote": Vance
                why = f"'{text}' is {varied.name}, the subject of the sentence before, whom no one else was called"
                return (s, e), text, Resolution(varied, varied.name, 0.6, why)
        if (
            len(toks) == 2
            and toks[0].lower_ == "the"
            and body_kinds().get(lemma) == body_kinds()["company"]
            and lemma not in ("developer", "producer", "operator", "builder", "maker")  # also people
            and (res.entity is None or res.entity.unnamed or res.entity.name.casefold() == head.lower_)
        ):
            firm = self._body_subject_just_before(head)
            if firm is not None:  # "Pellucid said it would publish a report. In a statement, the company said"
                why = f"'{text}' is {firm.name}, the subject of the sentence before"
                return (s, e), text, Resolution(firm, firm.name, 0.7, why)
        if (
            toks[0].lower_ == "the"
            and head.tag_ == "NN"
            and (res.entity is None or res.entity.unnamed)
            and self._named_next_as(head)
        ):
            lead = self._delayed_lead(head, s)  # "The county prosecutor said …" / "The prosecutor, Jane Roe, …"
            if lead is not None:
                return (s, e), text, self._named_next(lead, text)
        if head.pos_ == "NOUN" and (res.entity is None or res.entity.unnamed or res.entity.label == "PERSON"):
            unnamed = self._unnamed_before(head, res)
            if unnamed is not None:
                return unnamed
        return (s, e), text, res

    def _name_set_off_after(self, last):
        """A person's name between commas right after a description's last token ("A spokeswoman for the
        campaign, Renata Solis, said"), or None."""
        k = last.i + 1
        if k + 1 >= len(self.doc) or self.doc[k].text != ",":
            return None
        span = self.at.ent_of(self.doc[k + 1])
        if span is None or span.start != k + 1 or not 2 <= len(span) <= 4:
            return None
        if span.label_ != "PERSON" and not (span.label_ == "ORG" and first_name_sex(span.text)):
            return None  # a person's name the tagger took for a body's ("Renata Solis") opens on a first name
        if span.root.dep_ != "nsubj":
            return None  # "a lawyer for the family of the slain teenager, Tomas Reyes, said": the teenager's name
        return span if span.end < len(self.doc) and self.doc[span.end].text == "," else None

    def _placed_beside(self, ent, places: tuple[str, ...], pos: int) -> bool:
        """Whether every place of a description stands in a sentence that names ``ent`` before ``pos``
        ("Senator Marco Roe of Florida" for "the Florida Republican")."""
        sents = []
        for m in ent.mentions:
            if m < pos:
                tok = self.doc.char_span(m, m + 1, alignment_mode="expand")
                if tok is not None:
                    sent = self.at.sent_of(tok[0])
                    sents.append(self.text[sent.start_char : sent.end_char])
        return all(any(p in sent for sent in sents) for p in places)

    @staticmethod
    def _party_epithet(head, toks) -> bool:
        """ "the Ohio Republican", "the Democrat": a party for the person just written about, the way a
        reporter varies a name ("Mr. Roe declined …. Asked again, the Ohio Republican said …"); one with a
        clause of its own ("the Republican who wrote the speech") introduces someone."""
        return (
            head.lower_ in PARTY_NOUNS
            and toks[-1].i == head.i
            and not any(c.dep_ in ("relcl", "acl", "prep") for c in head.children)
            and all(t.i == head.i or t.lower_ == "the" or (t.ent_type_ == "GPE" and t.pos_ == "PROPN") for t in toks)
        )

    def _unnamed_before(self, head, res: Resolution):
        """ "The diplomat said …" after "A senior diplomat, who asked not to be named, said …": the
        unnamed source introduced (this paragraph or the two before) after the person the table found
        was last named, kept as that description (:meth:`_description_mention` of it). A name in the
        source's own sentence ("a senior aide to Mr. Voss said …", "An official said Secretary Purcell had
        called …") is not a naming of that person after it."""
        if head.i == 0 or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        lemma = head.lemma_.lower()
        if lemma in word_set("authored") or "org" in role_classes().get(lemma, ()):
            return None  # "the statement", "the ministry": a document or a body, which has its own readings
        p = self.at.para_of(head.idx)
        for _ in range(2):
            p = self.at.prev_para(p) if p is not None else None
        since = self.at.para_starts[p] if p is not None else 0
        for t in reversed(self.doc[: head.i]):
            if t.idx < since:
                return None
            if (
                t.lemma_.lower() == lemma
                and t.pos_ == "NOUN"
                and t.dep_ in ("nsubj", "nsubjpass")
                # a source: "whether a sheriff can defy …" is none
                and (t.head.lemma_.lower() in _speech_lemmas() or _unnamed_on_request(t))
                and any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another") for c in t.children)
                and not self.at.ignored(t.idx)
                and not self.at.in_quote(t.idx)
            ):
                named = self._apposed_person(t)
                if named is not None:  # "A Tarn spokeswoman, Delia Okafor, said …": named after all
                    s, e = head.left_edge.idx, head.idx + len(head.text)
                    why = f"'{self.text[s:e]}' is {named.name}, the {head.lower_} named just before"
                    named.mentions.append(s)
                    return (s, e), self.text[s:e], Resolution(named, named.name, 0.8, why)
                _, said, _ = self._description_mention(t)
                told = self.at.sent_of(t).end_char  # a name in what the source said is no naming after it
                if res.entity is not None and self.table._last_before(res.entity.mentions, head.idx) >= told:
                    return None  # the person was named again since
                s, e = head.left_edge.idx, head.idx + len(head.text)
                why = f"'{self.text[s:e]}' is '{said}', introduced just before and named by no one"
                return (s, e), self.text[s:e], Resolution(None, said, 0.6, why)
        return None

    def _apposed_person(self, head):
        """The person a description names in apposition ("a spokeswoman, Delia Okafor,"), if any."""
        name = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        ent = self.at.ent_of(name) if name is not None else None
        if ent is None:
            return None
        res = self.table.resolve_name(self.entities.person_name(ent, "PERSON"), "PERSON", ent.start_char)
        return res.entity if res.entity is not None and res.entity.label == "PERSON" else None

    @staticmethod
    def _named_next(person, text: str) -> Resolution:
        why = f"'{text}' is {person.name}, named with that role at the start of the next paragraph"
        return Resolution(person, person.name, 0.7, why)

    def _named_next_as(self, head) -> bool:
        """Whether the next paragraph opens on the description's own noun and then a name ("The prosecutor,
        Jane Roe, told …"), nothing more ("The deputy mayor, …" is another person than "the mayor")."""
        p = self.at.next_para(self.at.para_of(head.idx))
        if p is None:
            return False
        start, end = self.at.para_span(p)
        words = self.text[start:end].split(",", 1)[0].split()
        return len(words) == 2 and words[0].lower() == "the" and words[1].lower() == head.lower_

    def _named_in_next_sentence(self, head):
        """ "A spokeswoman for the company said …. The spokeswoman, Harriet Roe, said …": the person the
        next sentence names beside the description's own noun (in this paragraph or opening the next)."""
        sent = self.at.sent_of(head)
        if sent.end >= len(self.doc):
            return None
        nxt = self.doc[sent.end].sent
        words = [t for t in nxt[:3] if not t.is_space]
        if len(words) < 3 or words[0].lower_ != "the" or words[1].lower_ != head.lower_ or words[2].text != ",":
            return None
        span = self.at.ent_of(self.doc[words[2].i + 1]) if words[2].i + 1 < len(self.doc) else None
        if span is None or span.label_ != "PERSON" or span.start != words[2].i + 1:
            return None
        if span.end >= len(self.doc) or self.doc[span.end].text != ",":
            return None
        person = self.table.lookup_word(self.entities.person_name(span, "PERSON"), span.start_char)
        return person if person is not None and person.label == "PERSON" else None

    def _delayed_lead(self, head, s: int):
        """ "A Republican congressman who … accused …" (or "The county prosecutor said …") in a lead that
        names nobody, then "Rep. Hollis Dankworth (R), who chairs …, said" (or "The prosecutor, Jane Roe,
        told …") opening the next paragraph: the person the next paragraph opens on, when a title or role
        given there is of the description's class (a delayed identification)."""
        # a juror or a neighbour the lead brings in unnamed is seldom the one named next ("Another
        # neighbor, Tomas Reyes, said …")
        classes = role_classes().get(head.lemma_.lower(), frozenset()) - {"org", "juror", "bystander"}
        if not classes or any(e.label == "PERSON" and any(m < s for m in e.mentions) for e in self.table.entities):
            return None
        here = self.at.para_of(s)
        spans = (self.at.para_span(q) for q in range(here))
        before = [self.text[a:b] for a, b in spans if a >= self.at.headline_end and self.text[a:b].strip()]
        if len(before) > 2 or any(len(line) > 120 for line in before):
            return None  # the lead only (after a headline and a byline at most)
        p = self.at.next_para(here)
        if p is None:
            return None
        start, end = self.at.para_span(p)
        opening = self.doc.char_span(start, min(end, start + 60), alignment_mode="contract")
        ent = next(
            (
                t
                for t in opening or ()
                if t.ent_type_ == "PERSON"
                and (t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "appos" and t.head.dep_ in ("nsubj", "nsubjpass")))
                and not self.at.in_quote(t.idx)
            ),
            None,
        )
        if ent is None:
            return None
        span = self.at.ent_of(ent)
        if span is None:
            return None
        person = self.table.lookup_word(self.entities.person_name(span, "PERSON"), span.start_char)
        if person is None or person.label != "PERSON" or not classes & person.role_classes(abbreviations=True):
            return None
        return person

    def _earlier_author(self, head):
        """ "The statement said …" after "Roe said in a statement that …" or "Roe issued a statement": the
        same document, named just before (this paragraph or the one before) with its author. Only for
        "the"/"that"/"this" document, never "a statement", which is another one."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in head.children):
            return None
        p = self.at.para_of(head.idx)
        since = self.at.para_starts[max(0, p - 1)]
        lemma = head.lemma_.lower()
        for t in reversed(self.doc[: head.i]):
            if t.idx < since:
                return None
            if t.lemma_.lower() != lemma or t.pos_ != "NOUN" or self.at.ignored(t.idx):
                continue
            author = self.author_of(t)
            if author is None and t.dep_ == "pobj" and t.head.lower_ == "in" and t.head.head.pos_ == "VERB":
                verb = t.head.head  # "Roe said in a statement …", "In a statement, Roe said …"
                author = next((c for c in verb.children if c.dep_ == "nsubj" and not self.at.ignored(c.idx)), None)
            return author
        return None

    def author_of(self, doc_noun):
        """Who a document speaks for: its possessor ("Roe's brief"), else the name in front of it
        ("a Harbour Office memo", "the Fund report")."""
        for c in doc_noun.children:
            if c.dep_ == "poss" and c.lower_ not in pronoun_sets()["first"] and not self.at.ignored(c.idx):
                return c
        names = [
            c
            for c in doc_noun.lefts
            if c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "PERSON", "")
        ]
        if names:
            return names[-1]
        for acl in doc_noun.children:
            if acl.dep_ != "acl" or acl.lemma_.lower() in SEEN_NOT_WRITTEN:
                continue  # "a memo seen by the Courier": the paper read it, the memo's writer speaks
            agent = next((c for c in acl.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return pobj  # "a complaint filed by the commission"
        verb = doc_noun.head
        if doc_noun.dep_ == "dobj" and verb.pos_ == "VERB":
            # "The council issued a statement calling it …": the issuer speaks through the document.
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and not self.at.ignored(c.idx)), None)
            if subj is not None and subj.pos_ in ("PROPN", "NOUN") and subj.lemma_.lower() not in word_set("authored"):
                return subj
        return None

    def _name_closing_description(self, head):
        """A name that ends a role description ("Assistant to the Prime Minister of Arvenia Jane Roe",
        "the representative of the ministry Jo Tamm"), or follows it after a comma."""
        doc = self.doc
        if head.lemma_.lower() in KIN:
            return None  # "the sister of Sen. Roe" is someone else
        sub = list(head.subtree)
        end = sub[-1].i + 1
        for ent in self.at.ents:
            if ent.label_ != "PERSON" or ent.start <= head.i:
                continue
            if ent.start > end + 2:
                break
            if ent.start < end and any(
                t.pos_ in ("VERB", "AUX") or t.tag_ in ("WP", "WDT") for t in doc[head.i : ent.start]
            ):
                continue  # "a committee member who supports Roe": the one the clause is about, not the member
            between = doc[max(head.i + 1, min(ent.start, end)) : ent.start] if ent.start >= end else []
            if all(t.pos_ == "PROPN" or t.text == "," for t in between):
                prev = doc[ent.start - 1]
                comma = any(t.text == "," for t in between)
                if comma and ent.root.dep_ != "appos" and (ent.end >= len(doc) or doc[ent.end].text != ","):
                    continue  # "According to three people familiar with it, Veach recommended …": a new clause's subject
                if ent.end >= end - 1 and prev.pos_ not in ("ADP", "DET") and prev.lower_ not in ("and", "or"):
                    return ent
        return None

    @staticmethod
    def _epithet(head, toks) -> bool:
        """ "the billionaire", "the real estate developer": "the", a singular noun of a role only a person
        has, nothing after it; how a reporter varies the name of someone just written about."""
        classes = role_classes().get(head.lemma_.lower())
        return (
            toks[0].lower_ == "the"
            and head.tag_ == "NN"
            and toks[-1].i == head.i
            and bool(classes)
            and "org" not in classes
            and all(t.i == head.i or t.lower_ == "the" or t.dep_ in ("amod", "compound") for t in toks)
        )

    def _sentence_before(self, head, across_paragraphs: bool):
        """The sentence right before ``head``'s in its paragraph; with ``across_paragraphs``, also the one
        closing the paragraph before. None when there is none such."""
        sent = self.at.sent_of(head)
        if sent.start == 0:
            return None
        before = self.at.sent_of(self.doc[sent.start - 1])
        while across_paragraphs and before.start > 0 and not before.text.strip():
            before = self.at.sent_of(self.doc[before.start - 1])  # the blank line between paragraphs
        here = self.at.para_of(head.idx)
        allowed = (here, self.at.prev_para(here)) if across_paragraphs else (here,)
        return before if self.at.para_of(before.start_char) in allowed else None

    def _root_subjects(self, sent) -> list:
        """The subjects of a sentence's main verb, outside quotations."""
        return [
            t
            for t in sent
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and not self.at.in_quote(t.idx)
        ]

    def _subject_just_before(self, head):
        """The person named as the subject of the sentence before ``head``'s, in its paragraph; not one the
        sentence says something was done to ("Roe was sentenced on Friday. The judge said …": the judge
        is who sentenced him)."""
        before = self._sentence_before(head, across_paragraphs=False)
        subjects = self._root_subjects(before) if before is not None else []
        if not subjects or subjects[0].dep_ == "nsubjpass":
            return None
        ent = self.at.ent_of(subjects[0])
        if ent is None or ent.label_ != "PERSON":
            return None
        res = self.table.resolve_name(self.entities.person_name(ent, "PERSON"), "PERSON", ent.start_char)
        return res.entity if res.entity is not None and res.entity.label == "PERSON" else None

    def _body_subject_just_before(self, head):
        """The body named as the subject of the sentence right before ``head``'s (in its paragraph or closing
        the one before), when its name says it is of no kind but a company's ("Pellucid", "Harwick
        Appliance Co."; not "the Harbour Workers Union", whom "the company" never means)."""
        before = self._sentence_before(head, across_paragraphs=True)
        if before is None:
            return None
        subjects = self._root_subjects(before)
        # "ATLANTA (Wire) - Brixel Supply said": the parser may make the dateline a subject, the name a second
        # one or its apposition
        subject = next((t for t in subjects if not self.at.ignored(t.idx)), None) or next(
            (c for t in subjects for c in t.children if c.dep_ == "appos" and not self.at.ignored(c.idx)), None
        )
        ent = self.at.ent_of(subject) if subject is not None else None
        if ent is not None:
            if ent.label_ != "ORG" or not _only_a_company(ent.text):
                return None
            name, at = ent.text, ent.start_char
        elif subject is not None and subject.pos_ == "PROPN":  # a body's name the tagger tagged elsewhere only
            first = subject.i
            while first > 0 and self.doc[first - 1].dep_ == "compound" and self.doc[first - 1].head.i <= subject.i:
                first -= 1  # "Assured Mutual" from "Mutual", the words written right before it
            name, at = self.doc[first : subject.i + 1].text, self.doc[first].idx
            known = next((b for b in self.table.entities if b.label == "ORG" and b.name == name), None)
            if known is not None or first == subject.i or not _only_a_company(name):
                return known
        else:
            return None
        res = self.table.resolve_name(name, "ORG", at)  # an untagged body's name is added to the table
        return res.entity if res.entity is not None and res.entity.label == "ORG" else None

    def _named_subjects(self, head, prev: int | None) -> list[tuple[int, int]]:
        """The names that are a sentence's subject before ``head``, in its paragraph and the two before
        (paragraph ``prev`` is the one before), latest first, as character spans: who a "the 68-year-old"
        after them most likely is."""
        if prev is None:
            since = self.at.para_starts[self.at.para_of(head.idx)]
        else:
            before = self.at.prev_para(prev)
            since = self.at.para_starts[before if before is not None else prev]
        out = []
        for t in reversed(self.doc[: head.i]):
            if t.idx < since:
                break
            if t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ in ("PERSON", "ORG") and not self.at.in_quote(t.idx):
                ent = self.at.ent_of(t)
                if ent is not None:
                    out.append((ent.start_char, ent.end_char))
        return out

    def _entity_of(self, tok):
        if tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            return None
        ent = self.at.ent_of(tok)
        if ent is not None and not any(t.text[:1].isupper() for t in ent):
            return None  # "Ostrakia's coast guard" with "coast guard" tagged a body: common nouns, a description
        if ent is not None and any(t.text == "," for t in ent):
            # "obtained by Frontline, Harrington told …" tagged as one name: the part holding the word
            start = max((t.i + 1 for t in ent if t.text == "," and t.i < tok.i), default=ent.start)
            end = min((t.i for t in ent if t.text == "," and t.i > tok.i), default=ent.end)
            ent = Span(self.doc, start, end, label=ent.label_)
        return ent

    def _add_roles(self, res: Resolution, head, ent) -> None:
        if res.entity is None or res.entity.label != "PERSON":
            return
        if head.i < ent.start or head.i >= ent.end:
            role = " ".join(
                t.text for t in head.subtree if t.pos_ in ("NOUN", "ADJ", "PROPN") and not (ent.start <= t.i < ent.end)
            )
            if role and role not in res.entity.roles:
                res.entity.roles.append(role)
