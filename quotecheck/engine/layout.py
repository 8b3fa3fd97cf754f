"""Where things are in one parsed article: paragraphs, sentences, entities, quoted spans, captions.

Every reader of the parse (:mod:`quotecheck.engine.entities`, :mod:`quotecheck.engine.mentions`,
:mod:`quotecheck.engine.cues`, the attribution rules and the speaker ranker) asks these questions
many times per article, so the answers are indexed once here. Nothing in this module reads meaning.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter

from spacy.tokens import Span

from .quotes import Run
from .shapes import DATELINE, run_in_heads

log = logging.getLogger(__name__)


def title_case(line: str) -> bool:
    """A headline's shape: 2 to 25 words, seven in ten of them capitalised (or not words)."""
    words = line.split()
    if not 2 <= len(words) <= 25:
        return False
    return sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha()) >= 0.7 * len(words)


PERSON_ONLY_ROLES = frozenset(
    "spokesperson expert lawmaker lawyer military journalist police doctor witness minister coach player".split()
)
"""Classes of ``data/roles.json`` no company holds (an adviser, an owner or a leader may be a firm)."""
HEAD_SMALL_WORDS = frozenset("a an the of in on at to for and or by with from vs".split())


def section_head(line: str) -> bool:
    """A short line of capitalised words, nothing quoted, no colon at its end ("Toll Fight", "THE LEVY.",
    "Leak at the Yard"): every word but a few small ones capitalised, so a lead full of names ("Carmen
    Villanueva Quispe led Jorge Ibarra on Monday.") is not one."""
    words = line.rstrip(".").split()
    if not 2 <= len(words) <= 8 or line.endswith(":") or any(c in line for c in "\"“”«»„'"):
        return False
    return all(w[:1].isupper() or w.lower() in HEAD_SMALL_WORDS for w in words if w[:1].isalpha()) and all(
        w[:1].isalpha() or w[:1].isdigit() for w in words
    )


def headline_end(text: str) -> int:
    """End of the first line when it has a headline's shape (:func:`title_case`), else 0."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    return end if title_case(text[:end]) else 0


NAME_PARTICLES = frozenset("van von der den de del della di da du dos das ter ten te op la le bin ibn al el 't".split())


def names_after_datelines(doc, text: str, datelines: list[tuple[int, int]]) -> None:
    """A name the tagger ran into one of the ``datelines`` before it ("ROME - Jane Roe met …" tagged one
    body): the name alone, a person's when it is a first name and a surname the article also uses alone.
    The doc's entities are set to the result."""
    ends = [e for _, e in datelines]
    if not ends:
        return
    from .resolve import first_name_sex

    out, changed = [], False
    for e in doc.ents:
        end = next((x for x in ends if e.start_char < x < e.end_char), None)
        first = next((t.i for t in e if t.idx >= end), None) if end is not None else None
        if first is not None:
            rest = doc[first : e.end]
            # a person's name: a first name, then a surname the article uses alone ("Sanders said"), not
            # "Carolina Biological Supply"
            alone = len(re.findall(rf"\b{re.escape(rest[-1].text)}\b", text)) > text.count(rest.text)
            person = len(rest) == 2 and first_name_sex(rest.text) is not None and alone
            e = Span(doc, first, e.end, label="PERSON" if person else e.label_)
            changed = True
        out.append(e)
    if changed:
        doc.ents = out


def joined_particle_names(doc) -> list:
    """The entities, with a name the tagger cut at its particles joined again ("Kees ter Horst" read
    as "Kees" and "Horst", "Marieke in 't Hout" as a person and a body): two names, at least one a
    person, with only lower-case name particles between them become one person; and a name cut after
    its "of" ("The City of" and "Tillbury") is one body. The doc's entities are set to the result, so
    that every token's entity type agrees."""
    ents = list(doc.ents)
    out, changed, k = [], False, 0
    while k < len(ents):
        ent = ents[k]
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        if (
            nxt is not None
            and nxt.start == ent.end
            and len(ent) >= 2
            and ent[-1].lower_ in ("of", "for")
            and "PERSON" not in (ent.label_, nxt.label_)  # "Juan Roe of" and "Orvel": a person from a place
        ):
            out.append(Span(doc, ent.start, nxt.end, label="ORG"))
            changed, k = True, k + 2
            continue
        if nxt is not None and {ent.label_, nxt.label_} <= {"PERSON", "ORG"} and "PERSON" in (ent.label_, nxt.label_):
            between = " ".join(t.text for t in doc[ent.end : nxt.start]).replace("' t", "'t").split()
            if between[-2:] in (["in", "'t"], ["In", "'t"]):
                between = between[:-2] + ["'t"]  # Dutch "in 't", which the tokenizer may split
            if (
                between
                and all(w in NAME_PARTICLES for w in between)
                and len(ent) + len(nxt) <= 4
                and all(t.text[:1].isupper() for t in (*ent, nxt[-1]))
            ):
                out.append(Span(doc, ent.start, nxt.end, label="PERSON"))
                changed, k = True, k + 2
                continue
        out.append(ent)
        k += 1
    if changed:
        doc.ents = out
    return out


PLACE_WORDS = frozenset(
    "park bowl street avenue road boulevard square plaza hall center centre county city town river lake creek"
    " mountain bridge station airport stadium arena field tower building house island beach valley heights hills"
    " bay falls springs gardens garden cathedral church chapel memorial monument gallery museum library".split()
)
"""Words that end the name of a place or a building ("Rose Bowl", "Grant Park"): no person's name."""


AGE_AFTER = re.compile(r",[ \t]+(\d{1,3}),")
"""A person's age set after the name (", 34," of "Irene Roe, 74, said …")."""
AGED_NAME = re.compile(r"\b([A-Z][a-z’']+(?:-[A-Z][a-z’']+)?)" + AGE_AFTER.pattern)
"""A name with an age set after it ("Adeyemi-Roth, 34, said"): the name's last word."""

REACH = 5_000
"""Characters before and after a quote within which the cues' sources and the names of its paragraph and
the one before are candidates, and the person a paragraph is about is looked for: far more than two
paragraphs of news, so only a paragraph of book length (an article pasted on one line) is cut to the
quote's surroundings."""


CALLS_TO_READER = frozenset(
    "read watch listen see follow click subscribe sign download join visit share contact".split()
)
"""Verbs that open a line calling on the reader ("Read Joanna's full story", "Watch Roe's speech"): at the start
of a sentence the tagger reads them as proper nouns, and one may be a first name in the birth records
("Read"); they are no part of the name after them."""


CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday".split()
)
"""Months and days, which are surnames and first names too ("Harriet May", "April Roe")."""


def calls_reader(tok) -> bool:
    """Whether ``tok`` opens its sentence with a verb of :data:`CALLS_TO_READER`."""
    return tok.is_sent_start and tok.lower_ in CALLS_TO_READER


def untagged_people(doc, ents: list, lower: frozenset[str]) -> list:
    """The entities, with a person's name the tagger left untagged added ("… over Republican Magnus
    Osterhout in the race", no entity at all): two title-case proper nouns of one line, neither tagged,
    the first a first name the birth records give to one sex, the second no word of a place, a body or a
    role ("Rose Bowl", "Granville Forge Mayor") and used again on its own elsewhere in the article, as a
    surname is ("Osterhout dismissed the survey"); two such words tagged a body, on the same evidence and
    with no word of a body in them ("Cordell Vanterpool-Ness", not "Liberty University" or "Chase Bank");
    a person tagged by the surname alone widened to the first name before it ("Winifred
    Osterkamp-Dale" tagged "Osterkamp-Dale"); a "body" of two or three name words set beside a role only a
    person holds ("Sun Meiling, an analyst at …"); one word tagged a person and set beside a noun only a
    body is ("Pathwise, the fitness-tracking app"), and a newspaper's name tagged a person ("the Dayton
    Ledger"), made bodies; and a surname left untagged after the full name it
    closes, with no capitalised word beside it ("Szymanski laughs …", not "Young Americans"). The doc's
    entities are set to the result."""
    from .resolve import body_kinds, body_name_word, first_name_sex, honorific_sex, is_rank, is_title, role_classes

    roles = role_classes()
    original = ents
    taken = bytearray(len(doc))
    for e in ents:
        taken[e.start : e.end] = b"\x01" * len(e)

    def name_shaped_word(t) -> bool:
        return t.pos_ == "PROPN" and t.text.istitle() and t.text.isalpha()

    def name_word(i: int) -> bool:
        return not taken[i] and name_shaped_word(doc[i])

    counts = Counter(t.text for t in doc)
    pairs = Counter((a.text, b.text) for a, b in zip(doc, doc[1:], strict=False))

    def used_alone(first: str, last: str) -> bool:
        """The surname stands somewhere in the article without this first name before it."""
        return counts[last] > pairs[first, last]

    body_words = {w for kind in body_kinds().values() for w in kind} | set(body_kinds())

    def name_words(words: list[str]) -> bool:
        """Capitalised words of letters (and hyphens), none in capitals only, none of a place or a body."""
        return all(w[:1].isupper() and w.replace("-", "").isalpha() and not w.isupper() for w in words) and not (
            {w.lower() for w in words} & (PLACE_WORDS | body_words)
        )

    def described_as_a_person(e) -> bool:
        """Two or three words of a name, none of a place or a body, set beside a role that only a
        person holds ("Sun Meiling, an analyst at …"; not "Orient Futures, a brokerage")."""
        words = e.text.split()
        return (
            2 <= len(words) <= 3
            and name_words(words)
            and e.end < len(doc)
            and doc[e.end].text == ","
            and any(
                c.dep_ == "appos" and c.i > e.end and roles.get(c.lemma_.lower(), {"org"}) <= PERSON_ONLY_ROLES
                for c in e.root.children
            )
        )

    def named_for_a_role(e) -> bool:
        """Two or three name words opening on a first name the birth records give to one sex, set after a
        person's role ("Nexavolt's chief executive, Lionel Marsh, …", the name tagged a body)."""
        words = e.text.split()
        head = e.root.head
        return (
            2 <= len(words) <= 3
            and e.root.dep_ == "appos"
            and head.i < e.start
            and name_words(words)
            and "org" not in roles.get(head.lemma_.lower(), {"org"})
            and first_name_sex(e.text) is not None
        )

    def person_of_body(e) -> bool:
        """A body's name tagged with the person before it and "of" ("Priyanka Deshmane of Halvard
        Research"): two name words opening on a first name the birth records give to one sex."""
        return (
            len(e) >= 4
            and doc[e.start + 2].lower_ == "of"
            and doc[e.start + 3].text[:1].isupper()
            and name_words([doc[e.start].text, doc[e.start + 1].text])
            and first_name_sex(f"{doc[e.start].text} {doc[e.start + 1].text}") is not None
        )

    def person_after_office(e) -> bool:
        """An office "of" a body tagged with the person who holds it ("Secretary of the Commonwealth Martin
        Roe", "Minister of Finance Jane Roe" as one body): a role word and "of" before it, and two name
        words closing it that open on a first name the birth records give to one sex."""
        return (
            len(e) >= 3
            and e.start >= 2
            and not any(t.lower_ in ("of", "for", "and", "&") for t in e)  # "the Society of Anna Roe"
            and doc[e.start - 1].lower_ == "of"
            and doc[e.start - 2].lower_ in roles
            and "org" not in roles[doc[e.start - 2].lower_]
            and name_words([doc[e.end - 2].text, doc[e.end - 1].text])
            and first_name_sex(f"{doc[e.end - 2].text} {doc[e.end - 1].text}") is not None
        )

    outlets = body_kinds()["newspaper"]

    def outlet_name(words: list[str]) -> bool:
        """Two to four capitalised words closing on a newspaper's ("Dayton Ledger", "Harlan City Beacon")."""
        return 2 <= len(words) <= 4 and name_words(words[:-1]) and words[-1].lower() in outlets

    def described_as_a_body(e) -> bool:
        """A name the tagger took for a person, set beside a noun only a body is ("Pathwise, the
        fitness app popular with runners", "Brixel, a Denver startup"): a company's one-word name."""
        if len(e) != 1 or e.end + 1 >= len(doc) or doc[e.end].text != ",":
            return False
        if e.start > 0 and is_rank(doc[e.start - 1].text):
            return False  # "President Roe, opening the museum": a title only a person bears
        # the noun the phrase after the comma comes to ("the fitness-tracking app"), however it is parsed;
        # not past a participle that opens a clause of its own ("Roe, opening the museum, said")
        for t in doc[e.end + 1 : e.end + 8]:
            if t.tag_ == "VBG" and t.dep_ not in ("amod", "compound"):
                return False
            lemma = t.lemma_.lower()
            if t.pos_ == "NOUN" and t.dep_ not in ("compound", "poss", "nmod", "npadvmod", "amod"):
                # the phrase's own noun, not one before it ("a fire department spokesman", "the council's
                # member"); a body's only: "Roe, a developer" may be a person
                return (
                    (lemma in body_kinds() or "org" in roles.get(lemma, ()))
                    and roles.get(lemma, {"org"}) <= {"org"}
                    and not lemma.endswith(("er", "or"))
                )
            if t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PART") and t.text != "-" and t.tag_ != "VBG":
                return False
        return False

    full_name_ends = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) >= 2}
    # a name given an age ("Adeyemi-Roth, 34, said") is a person's, whatever the tagger called it, and so
    # is every name of the article that closes on it ("Folake Adeyemi-Roth", tagged a building)
    aged = {m[1] for m in AGED_NAME.finditer(doc.text) if name_words([m[1]]) and m[1].lower() not in roles}

    def plural_read(i: int, free: bool = True) -> bool:
        """A surname ending in s the tagger took for a plural noun ("Menzies has cast doubt"), a word the
        article never writes in lower case; with ``free``, one no entity holds."""
        t = doc[i]
        return (
            not (free and taken[i])
            and t.tag_ == "NNS"
            and t.text.istitle()
            and t.text.isalpha()
            and t.lower_ not in lower
            and not said_as_plural(t)
        )

    # a word the article also gives a person's honorific or tags a person by itself ("Mr. Vallin", "Vallin
    # said"): a surname, so "Teodor Vallin" with only "Vallin" tagged, and tagged a body, is a person too
    surnames = {e.text for e in ents if e.label_ == "PERSON" and len(e) == 1 and e.text.istitle()}
    surnames |= {
        doc[i + 1].text for i in range(len(doc) - 1) if honorific_sex(doc[i].text) and doc[i + 1].text.istitle()
    }
    body_first_words = {e[0].text for e in ents if e.label_ == "ORG" and len(e) >= 2 and name_shaped_word(e[0])}
    widened = []
    cut_tails = set()  # the starts of entities a hyphenated name took in ("Zaremba-Kotowska")
    starts = {e.start: e for e in ents}
    for e in ents:
        if e.start in cut_tails:
            continue
        if (
            e.label_ == "PERSON"
            and len(e) == 1
            and e.text in body_first_words
            and e.text not in full_name_ends
            and not (e.start > 0 and honorific_sex(doc[e.start - 1].text))
        ):
            # "Bellmere made clear …" tagged a person where the article names the body "Bellmere Health
            # Partners" and no person of that surname: the body, called by its first word
            e = Span(doc, e.start, e.end, label="ORG")
        elif (
            e.label_ == "PERSON"
            and len(e) == 1
            and e.start > 0
            and doc[e.start - 1].lower_ == "the"
            and e[0].tag_ == "NNP"
            and e[0].dep_ == "pobj"
            and e.text not in full_name_ends
        ):
            # "swum in the Ashlow every morning": a name after "the", the object of a preposition with nothing
            # after it, is a place (a river, a hill), not a person ("the Trump campaign" is the campaign's
            # word; "the Weeknd apologised", a stage name, is the subject)
            e = Span(doc, e.start, e.end, label="LOC")
        elif (
            e.label_ in ("DATE", "TIME")
            and len(e) == 1
            and e.text in full_name_ends
            and name_shaped_word(e[0])
            and e.text.lower() not in CALENDAR_WORDS  # "in May" beside Prime Minister Harriet May
        ):
            # "Wilhelmina Tarrow walked …" with "Tarrow" tagged a date: the surname of a person named in full
            # elsewhere ("her son, Desmond Tarrow"), a person's name (the first name before it is taken below)
            e = Span(doc, e.start, e.end, label="PERSON")
        if len(e) >= 2 and doc[e.start].is_sent_start and (doc[e.start].pos_ == "ADV" or calls_reader(doc[e.start])):
            # "Later Ander returned …" tagged one body, "Read Joanna's full story" one person: the adverb or
            # the call to the reader opening the sentence is no part of a name
            e = Span(doc, e.start + 1, e.end, label="PERSON" if e[-1].text in full_name_ends else e.label_)
        words = e.text.split()
        tail = starts.get(e.end + 1)
        if (
            e.label_ == "ORG"
            and tail is not None
            and tail.label_ == "ORG"
            and doc[e.end].lower_ in ("for", "of", "on")
            and body_name_word(words[-1])
            and all(t.text[:1].isupper() for t in tail if t.is_alpha)
        ):
            # "The Marlow Foundation" "for" "Digital Rights" tagged two bodies: one name
            cut_tails.add(tail.start)
            e = Span(doc, e.start, tail.end, label="ORG")
            words = e.text.split()
        if (
            e.label_ in ("ORG", "FAC", "GPE", "PRODUCT", "WORK_OF_ART")
            and len(words) == 2
            and name_words(words)
            and not any(w.lower() in roles for w in words)
            and used_alone(doc[e.start].text, doc[e.start + 1].text)  # "Vanterpool-Ness left early"
            and first_name_sex(e.text)
        ):
            e = Span(doc, e.start, e.end, label="PERSON")  # "Cordell Vanterpool-Ness" tagged a body or a place
        elif e.label_ == "ORG" and (described_as_a_person(e) or named_for_a_role(e)):
            e = Span(doc, e.start, e.end, label="PERSON")  # "Sun Meiling, an analyst at Orient Futures"
        elif e.label_ in ("ORG", "FAC", "GPE", "NORP", "WORK_OF_ART", "PRODUCT") and e.text.split()[-1] in aged:
            e = Span(doc, e.start, e.end, label="PERSON")  # "Folake Adeyemi-Roth, 34,"
        elif e.label_ == "ORG" and person_of_body(e):
            # "Priyanka Deshmane of Halvard Research" tagged one body: the person, then her body
            widened.append(Span(doc, e.start, e.start + 2, label="PERSON"))
            e = Span(doc, e.start + 3, e.end, label="ORG")
        elif e.label_ == "ORG" and len(e) == 1 and e.text in full_name_ends and plural_read(e.start, False):
            e = Span(doc, e.start, e.end, label="PERSON")  # "Menzies has cast doubt" after "Carla Menzies"
        elif e.label_ == "ORG" and person_after_office(e):
            widened.append(Span(doc, e.start, e.end - 2, label="ORG"))  # the body, then its officer
            e = Span(doc, e.end - 2, e.end, label="PERSON")
        elif e.label_ == "PERSON" and len(words) >= 2 and body_name_word(words[-1]):
            e = Span(doc, e.start, e.end, label="ORG")  # "Tandem Labs", "Orvel Industries": a body's name
        elif e.label_ == "PERSON" and described_as_a_body(e):
            e = Span(doc, e.start, e.end, label="ORG")  # "Pathwise, the fitness app"
        elif e.label_ == "PERSON" and (
            (e.start > 0 and doc[e.start - 1].lower_ == "the" and outlet_name(words))
            or (words[0] == "The" and outlet_name(words[1:]))
        ):
            e = Span(doc, e.start, e.end, label="ORG")  # "the Dayton Ledger", "The Dayton Ledger": no person
        if (
            e.label_ == "ORG"
            and body_name_word(e[-1].text)
            and e.start >= 2
            and doc[e.start - 1].lower_ in ("and", "&")
            and name_word(e.start - 2)
        ):
            # "The Heart and Stroke Alliance" tagged "Stroke Alliance": the capitalised words joined by "and"
            # before a body's name are part of it
            first = e.start - 2
            while first > 0 and name_word(first - 1):
                first -= 1
            taken[first : e.start] = b"\x01" * (e.start - first)
            e = Span(doc, first, e.end, label="ORG")
        # "Winifred Osterkamp-Dale" tagged without her first name, or with it tagged a body of its own
        # ("Esteban" a body, "Villacrés" a person)
        k = e.start - 1
        first_apart = bool(widened) and widened[-1].start == k and widened[-1].end == e.start
        first_apart = first_apart and widened[-1].label_ != "PERSON" and doc[k].pos_ == "PROPN"
        if (
            (e.label_ == "PERSON" or (e.label_ in ("ORG", "GPE", "NORP", "FAC") and e.text in surnames))
            and k >= 1
            and (name_word(k) or (first_apart and doc[k].text.istitle() and doc[k].text.isalpha()))
            and (not name_word(k - 1) or is_title(doc[k - 1].text))
            and not calls_reader(doc[k])
            and len(e.text.split()) == 1
            and first_name_sex(f"{doc[k].text} {e.text}")
        ):
            if first_apart:
                widened.pop()
            taken[k] = 1
            e = Span(doc, k, e.end, label="PERSON")
        # a double surname the tagger cut at its hyphen ("Katarzyna Zaremba" and "Kotowska" a place)
        j = e.end
        if (
            e.label_ == "PERSON"
            and j + 1 < len(doc)
            and doc[j].text == "-"
            and not doc[j - 1].whitespace_
            and not doc[j].whitespace_
            and doc[j + 1].text.istitle()
            and doc[j + 1].text.isalpha()
            and doc[j + 1].pos_ == "PROPN"
            and doc[j + 1].ent_type_ != "PERSON"  # "the Clinton-Trump race": two people
            and doc[j + 1].text not in full_name_ends
            and (doc[j + 1].ent_iob_ != "B" or not (j + 2 < len(doc) and doc[j + 2].ent_iob_ == "I"))
        ):
            if doc[j + 1].ent_iob_ == "B":
                cut_tails.add(j + 1)
            taken[j : j + 2] = b"\x01\x01"
            e = Span(doc, e.start, j + 2, label="PERSON")
        widened.append(e)
    added = []
    for i in range(1, len(doc) - 1):
        first, last = doc[i], doc[i + 1]
        if (
            name_word(i)
            and name_word(i + 1)
            and not name_word(i - 1)
            and not calls_reader(first)
            and not (i + 2 < len(doc) and name_word(i + 2))
            and last.lower_ not in PLACE_WORDS
            and last.lower_ not in roles
            and used_alone(first.text, last.text)
            and first_name_sex(f"{first.text} {last.text}")
        ):
            end = i + 2
            if (  # "Naomi Feld-Arceneaux" untagged: the double surname whole
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not last.whitespace_
                and not doc[end].whitespace_
                and doc[end + 1].text.istitle()
                and doc[end + 1].text.isalpha()
                and not taken[end + 1]
                # "the Helen Roe-Mark Tully race": two people, the second's first name after the hyphen
                and not (end + 2 < len(doc) and doc[end + 2].text.istitle() and doc[end + 2].is_alpha)
            ):
                taken[end : end + 2] = b"\x01\x01"
                end += 2
            added.append(Span(doc, i, end, label="PERSON"))
    # a surname alone the tagger left untagged ("Szymanski laughs …") after the full name it closes
    first_seen: dict[str, int] = {}
    for e in sorted([*widened, *added], key=lambda e: e.start):
        if e.label_ == "PERSON" and len(e) >= 2:
            first_seen.setdefault(e[-1].text, e.start)
    for i in range(1, len(doc)):
        if (
            doc[i].text in first_seen
            and i > first_seen[doc[i].text]
            and (name_word(i) or plural_read(i))
            and not doc[i - 1].text[:1].isupper()
            and not (i + 1 < len(doc) and doc[i + 1].text[:1].isupper())  # "Young Americans for Liberty"
        ):
            taken[i] = 1
            added.append(Span(doc, i, i + 1, label="PERSON"))
    out = sorted([*widened, *added], key=lambda e: e.start)
    if out == original:
        return original
    doc.ents = out
    return out


def said_as_plural(tok) -> bool:
    """A capitalised word the sentence treats as a plural noun, not a surname: with a determiner, an
    adjective, a number, an "of" or "from" phrase, an apposition or a relative clause not on a person of
    its own ("the Cousins", "Parsons from the villages", "Banks, which lent …", "Sellers, many of them …";
    "Roe, who was appointed …" is someone)."""
    return any(
        c.dep_ in ("det", "amod", "nummod", "prep", "acl", "appos")
        or (c.dep_ == "relcl" and not any(w.lower_ in ("who", "whom", "whose") for w in c.subtree if w.i < c.i))
        for c in tok.children
    )


CREDIT_LINE = re.compile(
    r"(?:(?i:written |reporting |reported )?(?i:by) [A-Z][\w'’-]+ [A-Z][\w'’-]+[^\n.!?\"“]{0,60}"
    r"|[^\n.!?\"“:]{0,40}\b(?i:team|staff|reporters?|correspondents?|writers?|contributors?):[ \t]*"
    r"[A-Z][\w'’-]+ [A-Z][^\n.!?\"“]{0,80})\.?$"
)
"""An article's credit line near its top: "By Jane Roe, Courier staff", "Reporting by Ida Marsh", "Courier
live team: Jane Roe and Ida Marsh". Its names wrote the article: never a source, never what "she" stands for."""


class Layout:
    """Positions of one parsed article.

    Attributes:
        doc, text: the parse and the text it was made from (line breaks as ``\\n``).
        runs: the quoted runs found by :func:`quotecheck.engine.quotes.scan`.
        date: the article's date, if known.
        para_starts: the character offset of every paragraph (every line).
        ents, sents: spaCy's entities and sentences, built once (spaCy makes new Span objects on every
            ``doc.ents`` / ``token.sent`` access).
        headline_end: end of a Title Case first line, else 0: the tagger mislabels names there ("Roe Sees
            Speech"), so its entities do not seed the table (quotes in it are still read).
        lead_ins: spans of datelines and run-in section heads (:func:`~quotecheck.engine.shapes.run_in_heads`).
    """

    def __init__(self, doc, runs: list[Run], date: str | None = None, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text
        self.runs = runs
        self.date = date
        self.outer = [(r.outer_start, r.outer_end) for r in runs]
        self.outer_starts = [s for s, _ in self.outer]
        self.para_starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]
        self.lower_words = frozenset(t.text for t in doc if t.text.islower())
        datelines = [(m.start(), m.end()) for m in DATELINE.finditer(self.text)]
        names_after_datelines(doc, self.text, datelines)
        self.ents = untagged_people(doc, joined_particle_names(doc), self.lower_words)
        self.ent_starts = [e.start for e in self.ents]  # token and character starts, ascending: for bisect
        self.ent_start_chars = [e.start_char for e in self.ents]
        self.ent_at: list[int] = [-1] * len(doc)
        for k, ent in enumerate(self.ents):
            for i in range(ent.start, ent.end):
                self.ent_at[i] = k
        self.sents = list(doc.sents)
        self.sent_at: list[int] = [0] * len(doc)
        for k, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_at[i] = k
        self.caption = [self._is_caption(p) for p in range(len(self.para_starts))]
        # datelines ("ORVEL —") and run-in section heads: words that open a paragraph and name no source
        self.lead_ins = sorted(datelines + run_in_heads(self.text))
        self.headline_end = headline_end(self.text)

    def _is_caption(self, p: int) -> bool:
        s, e = self.para_span(p)
        line = self.text[s:e].strip()
        if line.startswith("[") and line.rstrip(".").endswith("]"):
            return True  # "[Video: …]" embeds
        if p < 4 and CREDIT_LINE.match(line.strip("*_ ")):
            return True  # "By Jane Roe, Courier staff", "Courier live team: Jane Roe and Ida Marsh"
        if p > 0 and section_head(line):
            return True  # a section's head ("Toll Fight"): the tagger reads its words as a person
        return line[:1] in ("•", "©", "·", "▪") or line.lower().startswith(("photo:", "image:", "photo credit"))

    def in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.outer_starts, char) - 1
        return k >= 0 and self.outer[k][0] <= char < self.outer[k][1]

    def sent_of(self, tok):
        return self.sents[self.sent_at[tok.i]]

    def ents_between(self, first_token: int, before_token: int, from_char: int = 0) -> list:
        """The entities starting at or after token ``first_token`` and character ``from_char`` and
        before token ``before_token``, in order (found by bisection: a long article pays per pronoun
        for its neighbourhood, not for every entity before it)."""
        lo = max(bisect.bisect_left(self.ent_starts, first_token), bisect.bisect_left(self.ent_start_chars, from_char))
        return self.ents[lo : bisect.bisect_left(self.ent_starts, before_token)]

    def ent_of(self, tok):
        k = self.ent_at[tok.i]
        return self.ents[k] if k >= 0 else None

    def in_lead_in(self, char: int) -> bool:
        """In a dateline ("NEW YORK (Wire) —") or a section's run-in head."""
        return any(s <= char < e for s, e in self.lead_ins)

    def ignored(self, char: int) -> bool:
        """Inside a quotation, on a caption line (bullets, photo credits), in a dateline ("ORVEL —") or a
        section's run-in head ("THE LEVY Back when …"): never a cue or a source."""
        return self.in_quote(char) or self.caption[self.para_of(char)] or self.in_lead_in(char)

    def para_of(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def para_span(self, p: int) -> tuple[int, int]:
        start = self.para_starts[p]
        end = self.para_starts[p + 1] - 1 if p + 1 < len(self.para_starts) else len(self.text)
        return start, end

    def prev_para(self, p: int) -> int | None:
        """The nearest earlier paragraph with any text in it."""
        q = p - 1
        while q >= 0:
            s, e = self.para_span(q)
            if self.text[s:e].strip():
                return q
            q -= 1
        return None

    def next_para(self, p: int) -> int | None:
        """The nearest later paragraph with any text in it."""
        for q in range(p + 1, len(self.para_starts)):
            s, e = self.para_span(q)
            if self.text[s:e].strip():
                return q
        return None
