"""Reading the article's named people and bodies for the entity table: names, titles, genders.

The small English model mislabels and mis-spans names, so the readings here are defensive: a title
word swept into a name is dropped, a person tagged as a body is recognised from the title before it,
a Title Case headline does not seed the table, and a person's gender is taken only from the article
itself ("Roe said she …" makes her preferred for "she"; "Mr. Roe" only rules him out for it). Pronoun
sources are read here too: the person a sentence or paragraph opens with as its subject, the body a
sentence names before "it". Used by :class:`quotecheck.engine.mentions.MentionReader` and :class:`quotecheck.engine.cues.CueFinder`.
"""

from __future__ import annotations

import bisect
import logging
import re

from spacy.tokens import Span

from .cues import cue_lexicon
from .layout import AGE_AFTER, REACH, calls_reader
from .resolve import (
    KIN,
    PARTIES,
    TITLE_ABBREVIATIONS,
    Resolution,
    bare_word,
    body_name_word,
    clean_name,
    first_name_sex,
    honorific_sex,
    is_generation,
    is_office,
    is_rank,
    is_title,
    name_shaped,
    pronoun_sex,
    role_classes,
    role_gender,
)

log = logging.getLogger(__name__)


def _middle_initial(words: list[str], k: int) -> bool:
    """Whether word ``k`` is a middle initial between a forename and a surname ("Vann R. Roe"); an initial
    opening a name ("M. Roe") says nothing of a person or a body."""
    return 0 < k < len(words) - 1 and bool(_INITIAL.fullmatch(words[k])) and not _INITIAL.fullmatch(words[0])


def _without_suffix(words: list[str]) -> list[str]:
    """A name's words less a closing generational suffix ("Roe Jr.", "Vann Roe II")."""
    return words[:-1] if len(words) >= 3 and is_generation(words[-1]) else words


_PARTY_LETTERS = {"D": "democrat", "R": "republican"}
_INITIAL = re.compile(r"[A-Z]\.")
_NOT_PEOPLE = frozenset("ORG GPE NORP WORK_OF_ART PRODUCT FAC LOC EVENT LAW".split())
"""Labels the tagger gives a lone surname it took for something else ("Talbot himself did not appear")."""


def has_quote_mark(text: str) -> bool:
    """Whether a name as tagged runs into a quotation mark. An apostrophe inside a word ("O'Neill",
    "Roe's") or closing a plural possessive ("the Roes'") is part of the name, not a quote."""
    for i, c in enumerate(text):
        if c in '"“”«»':
            return True
        if c in "'’‘":
            inside = 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
            plural = i == len(text) - 1 and i > 0 and text[i - 1] in "sS"
            if not (inside or plural):
                return True
    return False


def _abbreviation(tok) -> bool:
    """A short capitalised word written against the full stop after it ("Lt" of "Lt.")."""
    return not tok.whitespace_ and tok.text.isalpha() and tok.text[:1].isupper() and len(tok.text) <= 4


def _lost_subject(tok) -> bool:
    """A sentence's first word hung on its verb as something else when the verb has no subject
    ("Tolliver laughed off …" parsed with "Tolliver" as an adverb)."""
    verb = tok.head
    return (
        tok.is_sent_start
        and verb.pos_ == "VERB"
        and verb.i > tok.i
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def _subject_noun(tok) -> bool:
    """A sentence's subject, or a noun the parser made the root of a sentence whose verb it hung on the
    noun ("The union's president, Delia Marsh, called on …" read as "president … called")."""
    return tok.dep_ == "nsubj" or (
        tok.dep_ == "ROOT" and tok.pos_ == "NOUN" and any(c.dep_ == "acl" and c.i > tok.i for c in tok.children)
    )


def _in_reported_clause(tok) -> bool:
    """A word heading a clause (or the subject of one) that a reporting verb governs, thinking and finding
    included ("said … that Okafor had reached …", "found that Okafor …")."""
    head = tok.head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ == "ccomp" and head.head.lemma_.lower() in cue_lexicon()


def _both_sexes(sent) -> bool:
    """A sentence with a pronoun of either sex ("she is the best teacher he has had")."""
    sexes = {pronoun_sex(t.text) for t in sent if t.pos_ == "PRON"}
    return {"m", "f"} <= sexes


def _describes(word, clause) -> bool:
    """A party word that says what the person is: the apposition itself or its modifier ("a Democrat
    from Elmira", "a Republican senator"), or what a relative clause calls the person ("who is a
    Democrat"); not one inside a phrase about someone else ("who defeated the Republican candidate")."""
    if word.i == clause.i or word.head.i == clause.i:
        return clause.dep_ == "appos" or word.dep_ in ("attr", "acomp")
    head = word.head
    return head.dep_ in ("attr", "appos") and head.head.i == clause.i


class EntityReader:
    """Reads the people and bodies of one article into its entity table, and whom a pronoun stands for.

    Talks to the :class:`~quotecheck.engine.layout.Layout` for positions, fills the
    :class:`~quotecheck.engine.resolve.EntityTable`, and asks the mention reader (``mentions``, set by
    whoever builds both) only to read a body named before "it".
    """

    def __init__(self, layout, table) -> None:
        self.at = layout
        self.doc, self.text = layout.doc, layout.text
        self.table = table
        self.mentions = None  # a MentionReader; the two read each other
        self._subjects: tuple[list[int], list[int]] | None = None

    def build(self) -> None:
        """Seed the table with the article's named people and bodies (outside quotes, headline and
        captions), their roles, descriptions and genders."""
        headline = self.at.headline_end
        ents = [
            e
            for e in self.at.ents
            if e.label_ in ("PERSON", "ORG")
            and not self.at.ignored(e.start_char)
            and e.start_char >= headline
            and not has_quote_mark(e.text)
        ]
        ents = self._people_after_bodies(ents)
        surnames = {bare_word(e.text.split()[-1]) for e in ents if e.label_ == "PERSON" and len(e.text.split()) >= 2}
        surnames |= {bare_word(e.text.split()[-1]) for e in ents if self._name_words(e) and self._aged(e)}
        linked = []
        for ent in ents:
            if self._place_of_a_role(ent):
                continue  # "the mayor of Dunmore Falls, Ruth Abernathy": the town the tagger took for a person
            person = ent.label_ == "PERSON" or self.titled_person(ent) or self.named_like_a_person(ent, surnames)
            label = "PERSON" if person else ent.label_
            name = self.person_name(ent, label)
            if label == "PERSON" and len(name.split()) < 2:
                continue  # a lone surname is resolved where it is used, not clustered blindly
            roles = self.roles_of(ent) if label == "PERSON" else []
            entity = self.table.add_name(name, label, ent.start_char, roles)
            if entity is not None and label == "PERSON":
                entity.described |= self.described_by(ent)
                age = AGE_AFTER.match(self.text, ent.end_char)
                if age is not None and entity.age is None:
                    entity.age = int(age[1])  # "Irene Roe, 74, who founded …"
            linked.append((ent, entity))
        for ent in ents:
            name = clean_name(ent.text)
            if ent.label_ == "PERSON" and len(name.split()) == 1:
                office = self.doc[ent.start - 1].text if ent.start > 0 else ""
                known = None
                if is_office(office):
                    # "Commissioner Roe", "Prof. Roe" beside "Dr. Helen Roe": the bearer given that office
                    known = self.table.bearer_by_role(bare_word(name), office)
                known = known or self.table.lookup_word(name, ent.start_char)
                sex = self._title_sex(ent)
                if known is not None and sex and known.likely_gender not in (None, sex):
                    known = None  # "Mr. Roe" is not "the first lady, Jane Roe"
                if known is not None and self._other_office(ent, known):
                    known = None  # nor is "President Roe"
                if known is not None and known.office_holder() and is_rank(office) and not known.given(office):
                    known = None  # "Mrs. Roe", "Dr. Roe" beside "President Roe", whom the article never named in full
                if known is not None:
                    known.mentions.append(ent.start_char)
                    known.note_surname(name, ent.start_char)
                    known.roles.extend(r for r in self.roles_of(ent) if r not in known.roles)
                    known.described |= self.described_by(ent)
                    linked.append((ent, known))
                elif is_office(office) and not self._longer_title(ent):
                    # "President Roe" where the article gives no first name: the person that office and
                    # surname name, whom "the president" and a later "Mr. Roe" mean (not "Vice President
                    # Roe", "Attorney General Roe", whose office is more than its last word)
                    titled = self.table.add_office_holder(f"{office} {name}", ent.start_char, self.roles_of(ent))
                    titled.described |= self.described_by(ent)
                    linked.append((ent, titled))
        for ent in self.at.ents:
            # a body the headline names and the lede writes again untagged ("Castlegate University
            # Suspends …" / "YORK — Castlegate University has …"): what "the university" below means; a
            # headline's person is left out, its title case runs names into verbs
            words = ent.text.split()
            if (
                ent.label_ == "ORG"
                and ent.start_char < headline
                and len(words) >= 2
                and body_name_word(words[-1])
                and not self.at.ignored(ent.start_char)
            ):
                # its mention is where the text writes it again untagged: a name, not a title's "at
                # Milwaukee Hospital", and never a second count of a body the text tags itself
                at = self.text.find(ent.text, headline)
                if at >= 0 and not any(o.start_char == at for o in self.at.ents):
                    self.table.add_name(ent.text, "ORG", at)
        for first, ent in self._first_names_sharing_a_surname(ents, surnames):
            self.table.add_name(f"{first.text} {ent.text.split()[-1]}", "PERSON", first.idx)
        self.learn_genders(linked)
        self.table.join_titled()
        for chunk in self.doc.noun_chunks:
            if not self.at.ignored(chunk.start_char) and len(chunk) > 1 and chunk.root.pos_ == "NOUN":
                self.table.chunks.append((chunk.start_char, chunk.root.lemma_.lower(), chunk.text))
                if chunk.end < len(self.doc) and self.doc[chunk.end].text == ",":
                    self.table.comma_after.add(chunk.start_char)

    def _first_names_sharing_a_surname(self, ents: list, surnames: set[str]):
        """ "Carl and Denise Rourke", "Gregory and Lena Ashdown": a first name joined by "and" to a
        person's first name and surname is a second person of that surname. The lone word must be a first
        name the birth records know and no one's surname in the article, so "Roe and Jane Wren" and
        "Clinton and Bernie Sanders" stay two people of two surnames."""
        for ent in ents:
            words = ent.text.split()
            if ent.label_ != "PERSON" or len(words) != 2 or ent.start < 2:
                continue
            first, joined = self.doc[ent.start - 2], self.doc[ent.start - 1]
            if (
                joined.lower_ == "and"
                and first.pos_ == "PROPN"
                and first.text.istitle()
                and not self.at.ignored(first.idx)
                and first_name_sex(f"{first.text} {words[1]}")
                and not is_title(words[0])
                and bare_word(first.text) not in surnames
            ):
                yield first, ent

    def pronoun_source(self, pron, para_start: int) -> Resolution | None:
        """Whom a pronoun stands for, read from its own clause, sentence or paragraph (the possessor's
        subject, the person the sentence opens with, a body named before "it", the paragraph's subject);
        None when only the table's history of sources can tell."""
        return (
            self._conjoined_pronoun(pron, para_start)
            or self._possessor_subject(pron)
            or self._placed_they(pron)
            or self._sentence_antecedent(pron)
            or self._sentence_body(pron)
            or self._reporters_just_before(pron, para_start)
            or self._asked_just_before(pron, para_start)
            or self._paragraph_subject(pron, para_start)
            or self._described_subject(pron, para_start)
            or self._only_person_of_paragraph(pron, para_start)
            or self._previous_paragraph_subject(pron, para_start)
            or self._one_asked_before(pron, para_start)
        )

    def _people_after_bodies(self, ents: list) -> list:
        """A body the tagger ran into the person who heads it ("the head of Northern Rail Jan Varga" as
        one body) is that person, when the article names them apart elsewhere ("Jan Varga, chief of
        Northern Rail"): the person's own span, not a person called "Rail Jan Varga"."""
        people = {clean_name(e.text) for e in ents if e.label_ == "PERSON" and len(e) >= 2}
        out = []
        for ent in ents:
            if ent.label_ == "ORG":
                for k in range(2, len(ent)):
                    tail = ent[len(ent) - k :]
                    if clean_name(tail.text) in people:
                        ent = Span(self.doc, tail.start, tail.end, label="PERSON")
                        break
            out.append(ent)
        return out

    def titled_person(self, ent) -> bool:
        """A person the tagger labelled a body: two to four title-case words, none naming a body,
        right after a role title ("Minister of Water and Agriculture Jane Roe")."""
        words = ent.text.split()
        classes = role_classes()
        if ent.label_ != "ORG" or not 2 <= len(words) <= 4 or any(not w[:1].isupper() or w.isupper() for w in words):
            return False
        if words[0] == "The":
            return False  # "The Harbor Ledger", whatever role was named before it
        if (
            "org" not in classes.get(words[0].lower(), {"org"})
            and len(words) >= 3
            and not any(w.lower() in classes or body_name_word(bare_word(w)) for w in words[1:])
        ):
            return True  # "Spokeswoman Kelsey Roe" tagged a body, the role swept in
        if any("org" in classes.get(w.lower(), ()) for w in words):
            return False
        if ent.start > 0 and self.doc[ent.start - 1].pos_ == "ADP" and body_name_word(bare_word(words[-1]), True):
            return False  # "the chief executive of Keller Pump Systems", "an economist at Lakeshore University"
        before = self.doc[max(0, ent.start - 6) : ent.start]
        return any(t.lower_ in classes and "org" not in classes[t.lower_] for t in before)

    def named_like_a_person(self, ent, surnames: set[str]) -> bool:
        """A person the tagger labelled a body, told by how news writes people: a forename and a
        surname followed by an age ("Nadia Holloway, 38, a nurse"), or the surname of a person the
        article names ("Tom Holloway" and his rival "Nadia Holloway", "Maeve Roe" after "Roe, 34,").
        Two or three title-case words, none naming a body."""
        words = _without_suffix(ent.text.split())
        if not 2 <= len(words) <= 3 or not self._name_words(ent):
            return False
        if len(words) == 3 and _middle_initial(words, 1):
            return True  # "Vann R. Roe": a forename, a middle initial and a surname
        return self._aged(ent) or bare_word(words[-1]) in surnames or len(words) < len(ent.text.split())

    def _name_words(self, ent) -> bool:
        """A body's name that could be a person's: title-case words (a middle initial, a closing "Jr." or
        "II" aside), none an acronym or a body word."""
        words = _without_suffix(ent.text.split())
        classes = role_classes()
        return (
            ent.label_ == "ORG"
            and 1 <= len(words) <= 3
            and all(w[:1].isupper() and (not w.isupper() or _middle_initial(words, k)) for k, w in enumerate(words))
            and not any(w.lower() in classes for w in words)
        )

    def _aged(self, ent) -> bool:
        """A name followed by an age set off by commas ("Roe, 34, the coxswain"): how news gives a person."""
        after = self.doc[ent.end : ent.end + 3]
        return (
            len(after) == 3
            and after[0].text == ","
            and after[1].text.isdigit()
            and 0 < int(after[1].text) < 120
            and after[2].text == ","
        )

    def person_name(self, ent, label: str | None = None) -> str:
        """An entity's name; for a person, a title word the tagger swept in is dropped ("Minister of
        Water and Agriculture Jane Roe" tagged as "Agriculture Jane Roe")."""
        owner = [t for t in ent if t.tag_ == "POS" and t.i < ent.end - 1]
        if owner and (label or ent.label_) in ("PERSON", "PRODUCT"):
            named = clean_name(self.doc[owner[-1].i + 1 : ent.end].text)
            if name_shaped(named):  # "Tarnwick's Dion Asante", "Labor’s Ada Roe": the club's or party's person
                return named
        name = clean_name(ent.text)
        if ", " in name:  # "obtained by Frontline, Harrington told …" tagged as one name: the part holding its head
            name = next((p for p in name.split(", ") if ent.root.text in p.split()), name.split(", ")[-1])
        words = name.split()
        if (
            (label or ent.label_) == "PERSON"
            and len(words) >= 3
            and ent.start > 0
            and self.doc[ent.start - 1].lower_ in ("of", "and", "for")
        ):
            name = " ".join(words[1:])
        return name

    def learn_genders(self, linked) -> None:
        """he/she for each person from the article itself: the first personal pronoun after a name that
        is its sentence's subject, with no other person named in between, votes for that name's gender:
        in the same sentence ("Roe said she …"), or as the subject of the next sentence of the paragraph
        ("Tom Roe is less amused. He said …")."""
        votes: dict[int, list[int]] = {}
        for ent, entity in linked:
            if entity is None or entity.label != "PERSON":
                continue
            subject = ent.root
            if subject.dep_ == "appos" and subject.head.dep_ == "nsubj" and self.at.ignored(subject.head.idx):
                subject = subject.head  # "WASHINGTON -- President Roe, …, said": the dateline parsed as subject
            if subject.dep_ != "nsubj":
                continue  # only "Roe said she …": the name is the subject the pronoun picks up
            if self._title_sex(ent):
                continue  # "Mr. Pomfrey recalled that she …": the title says; the "she" is someone else
            sent = self.at.sent_of(self.doc[ent.start])
            nxt = self.doc[sent.end].sent if sent.end < len(self.doc) else None
            if nxt is not None and (
                self.at.para_of(nxt.start_char) != self.at.para_of(sent.start_char) or nxt.root.i == sent.root.i
            ):
                nxt = None
            # past the subject's own phrase ("Nadia Roe, 38, a nurse running for the Alliance, is …")
            for t in self.doc[max(ent.end, ent.root.right_edge.i + 1) : (nxt or sent).end]:
                if t.i >= sent.end and self.at.in_quote(t.idx):
                    continue  # "… is no relation. “I never met him,” she said": the quote is hers
                if (
                    t.ent_type_ == "PERSON"
                    or self.at.ignored(t.idx)
                    or (
                        t.pos_ in ("PRON", "PROPN")
                        and t.dep_ in ("dobj", "pobj", "dative")
                        and t.ent_type_ not in ("DATE", "TIME")  # "on Saturday" is no one
                    )
                ):
                    break  # "Roe asked him whether he …": the pronoun may be someone else
                low = t.lower_
                here = subject.head in t.ancestors if t.i < sent.end else t.head.i == nxt.root.i
                if low in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass") and here:
                    if _both_sexes(self.at.sent_of(t)) and first_name_sex(entity.name) not in (None, pronoun_sex(low)):
                        # "Tuan Le … Le says she is the best teacher he has had": the "she" is not Le's
                        break
                    v = votes.setdefault(id(entity), [0, 0])
                    v[0 if low == "he" else 1] += 1
                    break
        for _, entity in linked:
            v = votes.get(id(entity))
            if entity is not None and v and entity.gender is None and v[0] != v[1]:
                sex = "m" if v[0] > v[1] else "f"
                # one "he" after "Helen Roe" is likelier someone else's than hers: against the first name, the
                # article must say it twice more than it says the other
                if first_name_sex(entity.name) in (None, sex) or abs(v[0] - v[1]) >= 2:
                    entity.gender = sex
        self._titled_genders(linked)

    def _titled_genders(self, linked) -> None:
        """Gender the article states outright: an honorific before a mention ("Mr. Roe", "Ms. Roe"). Used
        only when all such evidence for the person agrees (an article may name "Mr. Roe" and "Mrs. Roe")."""
        seen: dict[int, tuple[object, set[str]]] = {}
        for ent, entity in linked:
            if entity is None or entity.label != "PERSON":
                continue
            # a gender a role already showed ("the first lady, Jane Roe") is evidence too
            got = seen.setdefault(id(entity), (entity, {entity.titled_gender} - {None}))[1]
            sex = self._title_sex(ent)
            if sex:
                got.add(sex)
        for entity, got in seen.values():
            if len(got) == 1:
                entity.titled_gender = next(iter(got))
                if entity.gender not in (None, entity.titled_gender):
                    entity.gender = entity.titled_gender  # "Mr. Murphy" outweighs a "she" read near his name

    def _other_office(self, ent, known) -> bool:
        """A lone surname with an office before it ("President Roe") against a person the article gives
        a family role ("the first lady, Jane Roe"): spouses share surnames, so the office says it is
        the other one."""
        office = {c for r in self.roles_of(ent) for w in r.lower().split() for c in role_classes().get(w, ())}
        return known.holds_another_office(office)

    def _longer_title(self, ent) -> bool:
        """Whether the office before a name is the last word of a longer title ("Vice President",
        "Attorney General", "Lt. Gov."): a capitalised word right before it, not a dateline's."""
        if ent.start < 2:
            return False
        word = self.doc[ent.start - 2]
        if word.text == "." and ent.start >= 3 and _abbreviation(self.doc[ent.start - 3]):
            return True  # "Lt. Gov. Roe", "Lt" and "." apart
        return word.text[:1].isupper() and word.text.rstrip(".").isalpha() and not word.text.isupper()

    def _title_sex(self, ent) -> str | None:
        """ "m" or "f" from an honorific right before the name ("Mr. Roe", "Ms. Roe"), else None."""
        return honorific_sex(self.doc[ent.start - 1].text) if ent.start > 0 else None

    @staticmethod
    def _place_of_a_role(ent) -> bool:
        """A name after "the mayor of" that a person's name follows in apposition: where the role is held."""
        root = ent.root
        role = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
        return (
            role is not None
            and role.lower_ in role_classes()
            and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in root.children)
        )

    def roles_of(self, ent) -> list[str]:
        """Role phrases around a name: the title before it and an apposition after it."""
        doc, classes = self.doc, role_classes()
        roles = []
        place = ent.root.head
        if ent.root.dep_ == "appos" and place.ent_type_ and self._place_of_a_role(self.at.ent_of(place) or ent):
            role = place.head.head  # "the mayor of Dunmore Falls, Ruth Abernathy": hers
            roles.append(" ".join(t.text for t in doc[role.i : place.i + 1] if t.pos_ != "DET"))
        elif (
            ent.root.dep_ == "appos"
            and place.i < ent.start
            and place.pos_ == "NOUN"
            and place.lower_ in classes
            and not classes[place.lower_] <= {"witness", "bystander"}  # "his wife, Ana Roe": no office
        ):
            # "The governor of the region, Timofey Roe, spoke": the governor; "the deputy mayor, Tom Roe": a
            # deputy mayor, whom "the mayor" does not mean
            words = [t for t in place.lefts if t.dep_ in ("amod", "compound") and t.pos_ != "DET"]
            roles.append(" ".join(t.lower_ for t in (*words, place)))
        words, i, comma = [], ent.start - 1, False
        while i >= max(0, ent.start - 12):
            t = doc[i]
            if t.text == "," and not comma and not words:
                comma = True
                i -= 1
                continue
            abbreviated = t.text == "." and i > 0 and _abbreviation(doc[i - 1])  # "Lt." read as "Lt" and "."
            if "\n" in t.text or t.ent_type_ == "PERSON" or (t.is_punct and t.text not in "-–" and not abbreviated):
                break
            titled_and = t.lower_ == "and" and i > 0 and doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper()
            if (
                t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ")
                and t.dep_ not in ("amod", "compound")
                and not titled_and
            ):
                break  # ("Minister of Water and Agriculture" keeps its "and")
            if t.pos_ == "ADP" and t.lower_ not in ("of", "to", "for", "at", "in", "on"):
                break
            words.insert(0, t)
            if t.is_sent_start:
                break
            i -= 1
        while words and words[0].pos_ in ("ADP", "DET", "CCONJ"):
            words.pop(0)
        if words and words[-1].pos_ == "ADP" and not comma:
            words = []  # "the daughter of Bernard Roe": his daughter's role, not his
        kin = [
            k
            for k, t in enumerate(words)
            if t.lower_ == "of"
            and 0 < k < len(words) - 1
            and words[k - 1].lemma_.lower() in KIN
            and is_rank(words[k + 1].text)
        ]
        if kin:
            words = words[kin[-1] + 1 :]  # "the sister of Sen. Roe": his title, not her relation
        phrase = "".join(t.text_with_ws for t in words if t.pos_ != "DET").strip()
        if len(words) == 1 and not comma and is_title(words[0].text) and not honorific_sex(words[0].text):
            roles.append(words[0].text)  # "Dr Ingrid Roe": the title tells her from another Roe
        elif any(t.lower_ in classes or t.lower_ in TITLE_ABBREVIATIONS for t in words) or (
            comma and role_gender([phrase])
        ):
            roles.append(phrase)  # "the first lady, Jane Roe": a role that also shows her gender; "Florida Sen."
        root = ent.root
        for c in root.children:
            if c.dep_ == "appos" and c.i >= ent.end and (c.lower_ in classes or role_gender([c.lower_])):
                sub = [t for t in c.subtree if t.ent_type_ != "PERSON"]
                if len(sub) == len(list(c.subtree)):
                    roles.append(" ".join(t.text for t in sub if t.pos_ != "DET" and not t.is_punct))
        return roles

    def described_by(self, ent) -> set[str]:
        """Lemmas of the nouns and verbs that describe a person right after the name: a relative clause
        ("Jane Roe, who farms 80 hectares") or an apposition ("Jane Roe, a baker in Orvel"); later
        descriptions ("the farmer") are read against them."""
        out: set[str] = set()
        for c in ent.root.children:
            if c.i < ent.end or c.dep_ not in ("relcl", "appos"):
                continue
            for t in c.subtree:
                common = t.pos_ in ("NOUN", "VERB") or (t.pos_ == "PROPN" and t.text.islower())
                if common and t.ent_type_ != "PERSON" and not self.at.ignored(t.idx):
                    out.add(t.lemma_.lower())
        return out | self._parties(ent)

    def _parties(self, ent) -> set[str]:
        """The party the article gives a person, as the word a later "the Democrat" uses: in an apposition
        or clause after the name ("Jane Roe, a Democrat from Elmira"), a party letter right after it
        ("Jane Roe, D-Elmira", "Jane Roe (R)") or a party word in front of it ("Democratic Gov. Jane Roe",
        "GOP Sen. Tom Wren")."""
        out = {
            PARTIES[t.lower_]
            for c in ent.root.children
            if c.i >= ent.end and c.dep_ in ("relcl", "appos")
            for t in c.subtree
            if t.lower_ in PARTIES and _describes(t, c)
        }
        after = [t.text for t in self.doc[ent.end : ent.end + 3]]
        if len(after) >= 3 and after[0] in (",", "(") and after[1] in _PARTY_LETTERS and after[2] in ("-", ")", ","):
            out.add(_PARTY_LETTERS[after[1]])
        for t in reversed(self.doc[max(0, ent.start - 4) : ent.start]):
            if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ"):
                break
            if t.lower_ in PARTIES:
                out.add(PARTIES[t.lower_])
        return out

    def _sentence_antecedent(self, pron) -> Resolution | None:
        """he/she whose own sentence opens with a person as its subject ("Speaker Jane Roe, despite
        admitting that she …"): that person, before any earlier source."""
        gender = pronoun_sex(pron.text)
        if gender is None:
            return None
        sent = self.at.sent_of(pron)
        for ent in self.at.ents_between(sent.start, pron.i):
            if ent.label_ != "PERSON":
                continue  # "House Speaker Jane Roe": a body inside the title
            if self.at.ignored(ent.start_char):
                return None
            lead = self.doc[sent.start : ent.start]
            if not all(t.pos_ == "PROPN" or t.lower_ in role_classes() or t.is_punct or t.is_space for t in lead):
                return None
            if ent.root.dep_ == "poss" or (
                ent.root.dep_ not in ("nsubj", "nsubjpass", "ROOT", "appos")
                and ent.root.head.dep_ not in ("nsubj", "ROOT")
            ):
                return None  # "Larkspur's bid was lower, she said": the possessor is no subject
            res = self.table.resolve_name(self.person_name(ent, "PERSON"), "PERSON", ent.start_char)
            if res.entity is None or res.entity.any_gender not in (None, gender):
                return None
            return Resolution(
                res.entity,
                res.speaker,
                0.85,
                f"'{pron.text}' refers to {res.speaker}, the subject its sentence opens with",
            )
        return None

    def _possessor_subject(self, pron):
        """his/her on a statement noun goes with the subject of its own clause ("Governor Jane Roe praised
        the mine in her annual address for …"): that person, if a name."""
        gender = pronoun_sex(pron.text)
        if gender is None or pron.dep_ != "poss":
            return None
        verb = next((a for a in pron.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if subj is None or self.at.ignored(subj.idx) or subj.ent_type_ != "PERSON":
            return None
        ent = self.at.ent_of(subj)
        if ent is None:
            return None
        res = self.table.resolve_name(self.person_name(ent, "PERSON"), "PERSON", ent.start_char)
        if res.entity is None or res.entity.any_gender not in (None, gender):
            return None
        return Resolution(res.entity, res.speaker, 0.8, f"'{pron.text}' is {res.speaker}, the subject of its clause")

    def _placed_they(self, pron):
        """ "In Seoul they said …": "they" placed in a capital or country by the clause itself are the
        officials there, the place standing for them."""
        if pron.lower_ != "they" or pron.dep_ != "nsubj":
            return None
        for prep in pron.head.children:
            if prep.dep_ != "prep" or prep.lower_ != "in" or prep.i > pron.i:
                continue
            place = next((c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "GPE"), None)
            if place is None or self.at.ignored(place.idx):
                continue
            _, _, res = self.mentions.read(place)
            if res is not None and res.speaker:
                return Resolution(res.entity, res.speaker, 0.7, f"'{pron.text}' are those in {res.speaker}")
        return None

    def _sentence_body(self, pron):
        """it/they whose own sentence names a body as the subject of an earlier clause ("While the fund
        stayed silent on the route, it warned …"): that body."""
        if pron.lower_ not in ("it", "they"):
            return None
        for t in self.at.sent_of(pron):
            if t.i >= pron.i:
                break
            if t.dep_ not in ("nsubj", "nsubjpass") or self.at.ignored(t.idx) or t.pos_ == "PRON":
                continue
            if t.ent_type_ == "ORG" or "org" in role_classes().get(t.lower_, ()):
                _, _, res = self.mentions.read(t)
                if res is not None and res.speaker:
                    return Resolution(
                        res.entity,
                        res.speaker,
                        0.8,
                        f"'{pron.text}' refers to {res.speaker}, named earlier in its sentence",
                    )
        return None

    def _paragraph_subject(self, pron, para_start: int) -> Resolution | None:
        """he/she after a person the paragraph itself introduces as a subject, with no other person named
        in between ("Senator Jane Roe took a softer line. While she called it …"): that person, before
        any source of an earlier paragraph."""
        gender = pronoun_sex(pron.text)
        if gender is None:
            return None
        res = self.subject_person_before(pron.i, para_start, reported_too=False, sex=gender)
        if res is None or res.entity.likely_gender not in (None, gender):
            return None
        return Resolution(
            res.entity,
            res.speaker,
            0.8,
            f"'{pron.text}' refers to {res.speaker}, the subject this paragraph last named",
        )

    def _conjoined_pronoun(self, pron, para_start: int) -> Resolution | None:
        """he/she as the subject of a clause joined to one whose subject is the same pronoun ("He noted
        that …, and he said …"): whom that one stands for."""
        verb = pron.head
        if pron.dep_ != "nsubj" or verb.dep_ != "conj" or pronoun_sex(pron.text) is None:
            return None
        first = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i < pron.i), None)
        if first is None or first.lower_ != pron.lower_:
            return None
        res = self.pronoun_source(first, para_start)
        if res is None:
            return None
        return Resolution(
            res.entity, res.speaker, res.confidence, f"'{pron.text}' is the '{first.text}' before it: {res.reason}"
        )

    def _sentence_opened_after(self, pron, para_start: int):
        """The sentence right before the one ``pron`` opens (a conjunction or adverb before it aside), in
        the same paragraph; None when the pronoun opens no sentence or the paragraph."""
        sent = self.at.sent_of(pron)
        if sent.start == 0 or any(
            not (t.is_punct or t.is_space or t.pos_ in ("CCONJ", "ADV")) for t in self.doc[sent.start : pron.i]
        ):
            return None
        before = self.at.sent_of(self.doc[sent.start - 1])
        return None if before.start_char < para_start else before

    def _reporters_just_before(self, pron, para_start: int) -> Resolution | None:
        """ "they" opening the sentence right after one of the same paragraph whose main verb reports and
        whose subject is a group described, not named ("Officials said the toll had risen. They said …"):
        that group, before any body named earlier."""
        if pron.lower_ != "they" or pron.dep_ != "nsubj":
            return None
        before = self._sentence_opened_after(pron, para_start)
        if before is None:
            return None
        subj = next((t for t in before if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
        if subj is None or subj.tag_ not in ("NNS", "NNPS") or subj.ent_type_ == "PERSON" or self.at.ignored(subj.idx):
            return None
        group, _ = cue_lexicon().get(subj.head.lemma_.lower(), ("cognition", 0.0))
        if group == "cognition":  # no report: "Officials believe …"
            return None
        _, words, res = self.mentions.read(subj)
        if res is None or not res.speaker:
            return None
        return Resolution(res.entity, res.speaker, 0.8, f"'{pron.text}' are {words}, who said so just before")

    def _described_subject(self, pron, para_start: int) -> Resolution | None:
        """he/she opening the sentence right after one of the same paragraph whose subject is a person
        described by role ("The judge was unmoved. He noted …"): the person the description stands for,
        when the article shows nothing of the other sex about them, before a source of the paragraph
        before."""
        gender = pronoun_sex(pron.text)
        if gender is None or pron.dep_ != "nsubj":
            return None
        before = self._sentence_opened_after(pron, para_start)
        if before is None:
            return None
        subj = next((t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
        if (
            subj is None
            or subj.ent_type_
            or self.at.ignored(subj.idx)
            or self.mentions.head_class(subj) != "role"
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)
        ):
            return None
        _, words, res = self.mentions.read(subj)
        if res is None or res.entity is None or res.entity.label != "PERSON":
            return None
        if res.entity.likely_gender not in (None, gender):
            return None
        return Resolution(
            res.entity, res.speaker, 0.75, f"'{pron.text}' refers to {res.speaker}, '{words}' of the sentence before"
        )

    def _only_person_of_paragraph(self, pron, para_start: int) -> Resolution | None:
        """he/she as a subject after a paragraph that named one person before it, though not as a subject
        ("The lone dissenting vote came from Arturo Kettering, who argued … He warned …"), whom the article
        or the first name shows to be of the pronoun's sex (a tagger's "person" of no known sex is too
        often a word: "Nationally", "Glass"): that person, before an earlier paragraph's source."""
        gender = pronoun_sex(pron.text)
        if gender is None or pron.dep_ != "nsubj":
            return None
        named = [
            e
            for e in self.at.ents_between(0, pron.i, para_start)
            if e.label_ == "PERSON" and not self.at.ignored(e.start_char) and not _in_reported_clause(e.root)
        ]
        people = {}
        for ent in named:
            res = self.table.resolve_name(self.person_name(ent, "PERSON"), "PERSON", ent.start_char)
            if res.entity is not None:
                people[id(res.entity)] = res
        if len(people) != 1:
            return None
        res = next(iter(people.values()))
        known = {
            id(e)
            for e in self.table.entities
            if e.label == "PERSON" and any(para_start <= m < pron.idx for m in e.mentions + e.sources)
        }
        if known - {id(res.entity)}:
            return None  # another person the table knows is named here too
        spans = [(e.start, e.end) for e in named]
        para = self.doc.char_span(para_start, pron.idx, alignment_mode="expand")
        for t in self.doc[para.start if para is not None else pron.i : pron.i]:
            if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "poss") and not any(a <= t.i < b for a, b in spans):
                return None  # "Dunwoody, who worked for Barack Obama, said …": a subject the tagger left unnamed
        if res.entity.likely_gender != gender:
            return None
        return Resolution(
            res.entity, res.speaker, 0.75, f"'{pron.text}' refers to {res.speaker}, the one person this paragraph names"
        )

    def _previous_paragraph_subject(self, pron, para_start: int) -> Resolution | None:
        """he/she in a paragraph that names nobody before it, right after a paragraph whose last person
        named as a sentence's subject nobody else was cited after ("Asked about the delay, Curtis Pell shook
        his head. / “You can write that,” he said."): that person, before an earlier paragraph's source."""
        gender = pronoun_sex(pron.text)
        if gender is None:
            return None
        first = self.doc.char_span(para_start, para_start + 1, alignment_mode="expand")
        if first is None or self._person_before(pron, para_start):
            return None
        prev = self.at.prev_para(self.at.para_of(para_start))
        if prev is None:
            return None
        prev_start, prev_end = self.at.para_span(prev)
        res = self.subject_person_before(first.start, prev_start, main_only=True, reported_too=False, asker=False)
        if res is None or res.entity.likely_gender != gender:
            return None  # the article or the first name must say the person is a he (she)
        if pron.head.lemma_.lower() == "add" and not any(s < pron.idx for s in res.entity.sources):
            # "Ortega sat motionless. / “…,” she added": one who adds has spoken before ("continued" may
            # follow a pause, "repeated" words said out of the story's sight)
            return None
        named_at = max((m for m in res.entity.mentions if prev_start <= m < prev_end), default=prev_start)
        others = [e for e in self.table.entities if e is not res.entity and not set(e.names) & set(res.entity.names)]
        if any(named_at < s < prev_end for e in others for s in e.sources):
            return None  # someone else was quoted after that sentence: the usual reading of the latest source stands
        return Resolution(
            res.entity,
            res.speaker,
            0.75,
            f"'{pron.text}' refers to {res.speaker}, the last subject the paragraph before named",
        )

    def _person_before(self, pron, para_start: int) -> bool:
        """Whether the pronoun's paragraph names a person before it (outside quotes and headings): a name
        the tagger marks as a person's, or a person the table knows cited as a source there ("Roe, who
        has led the agency since 2013, acknowledged …", a surname the tagger took for something else)."""
        if any(
            e.label_ == "PERSON" and not self.at.ignored(e.start_char)
            for e in self.at.ents_between(0, pron.i, para_start)
        ):
            return True
        return any(
            e.label == "PERSON" and any(para_start <= s < pron.idx for s in e.sources) for e in self.table.entities
        )

    def _asked_just_before(self, pron, para_start: int) -> Resolution | None:
        """he/she opening the sentence right after one of the same paragraph in which someone asks a person
        something ("The Herald asked Roe whether he had visited the pantry. He said he had not"): the
        person asked, who answers."""
        sent = self.at.sent_of(pron)
        if pron.dep_ != "nsubj" or sent.start == 0 or sent.start_char < para_start:
            return None
        if any(t.pos_ == "PROPN" or t.pos_ == "PRON" for t in self.doc[sent.start : pron.i]):
            return None
        before = self.at.sent_of(self.doc[sent.start - 1])
        if before.start_char < para_start:
            return None
        return self._asked_in(before, pron, "the sentence before")

    def _asked_in(self, sent, pron, where: str) -> Resolution | None:
        """The person asked in ``sent`` ("… asked Lind whether …", a question: never "asked Lind to …")
        when the pronoun can stand for them."""
        gender = pronoun_sex(pron.text)
        verb = sent.root
        if gender is None or verb.lemma_.lower() not in ("ask", "question", "press") or verb.pos_ != "VERB":
            return None
        asked = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)
        if asked is None or self.at.ignored(asked.idx):
            return None
        after = [t.lower_ for t in self.doc[asked.right_edge.i + 1 : min(asked.right_edge.i + 8, sent.end)]]
        if not any(w in ("whether", "if", "about", "what", "why", "how", "when", "who", "where") for w in after):
            return None  # "asked Dunn to resign": a request, which the one asked does not answer
        ent = self.at.ent_of(asked)
        name = self.person_name(ent, "PERSON") if ent is not None and ent.label_ == "PERSON" else asked.text
        res = self.table.resolve_name(name, "PERSON", asked.idx)
        if res.entity is None or res.entity.likely_gender not in (None, gender):
            return None
        return Resolution(res.entity, res.speaker, 0.75, f"'{pron.text}' refers to {res.speaker}, whom {where} asked")

    def _one_asked_before(self, pron, para_start: int) -> Resolution | None:
        """he/she in a paragraph that names nobody before it, right after a paragraph that ends on someone
        asking a person something ("Oskar Wendt asked Lind whether … / “Sure it is,” he said"): the person
        asked, who answers, when the article or the first name does not show them to be of the other sex."""
        gender = pronoun_sex(pron.text)
        p = self.at.para_of(para_start)
        prev = self.at.prev_para(p)
        if gender is None or prev is None or self._person_before(pron, para_start):
            return None
        prev_start, prev_end = self.at.para_span(prev)
        last = self.doc.char_span(prev_start, prev_end, alignment_mode="contract")
        if last is None or not len(last):
            return None
        return self._asked_in(self.at.sent_of(last[-1]), pron, "the paragraph before")

    def subject_person_before(
        self,
        tok_i: int,
        para_start: int,
        main_only: bool = False,
        reported_too: bool = True,
        asker: bool = True,
        sex: str | None = None,
    ) -> Resolution | None:
        """The last person named in the paragraph before token ``tok_i`` (outside quotes), if named as
        the subject of a clause; else None. With ``main_only``: the last person who is the subject of
        a sentence's main verb, whoever else is named after. Without ``reported_too``: never one named
        inside what someone is reported to have said ("Kestrel said … that Okafor had reached …"). Without
        ``asker``: None when that person asked someone something ("Roe asked Wren whether …"). With ``sex``, a
        surname alone two people bear is the one of that sex ("Teresa Navarro said …. Navarro himself …").
        A paragraph of book length (an article pasted on one line) is read only :data:`REACH` characters back."""
        last = None
        para_start = max(para_start, self.doc[tok_i].idx - REACH) if tok_i < len(self.doc) else para_start
        ents = self.at.ents_between(0, tok_i, para_start)
        people = [e for e in ents if e.label_ == "PERSON" or self._person_as_body(e)]
        for ent in sorted(people + self._untagged_surnames(tok_i, para_start, sex), key=lambda e: e.start):
            if not self.at.ignored(ent.start_char):
                if not reported_too and _in_reported_clause(ent.root):
                    continue
                if not main_only or (ent.root.dep_ == "nsubj" and ent.root.head.dep_ == "ROOT"):
                    last = ent
        if last is None:
            return None
        root = last.root
        if (
            root.dep_ not in ("nsubj", "nsubjpass")
            and not (root.dep_ == "appos" and _subject_noun(root.head))
            and not (len(last) == 1 and _lost_subject(root))
        ):
            return None
        if not asker and root.head.lemma_.lower() in ("ask", "question", "press"):
            return None  # "Roe asked Wren whether …": not who answers after it
        name = self.person_name(last, "PERSON")
        res = self.table.resolve_name(name, "PERSON", last.start_char)
        if (
            sex
            and len(name.split()) == 1
            and res.entity is not None
            and res.entity.likely_gender not in (None, sex)
            and any(
                t.i != tok_i and pronoun_sex(t.text) == sex and t.lower_ not in ("he", "she") for t in root.head.subtree
            )
        ):
            # "Navarro himself has stayed out of it": the clause says which bearer of the surname it is
            other = self.table.bearer_of_sex(name, sex)
            if other is not None:
                return Resolution(other, other.name, 0.75, f"'{name}' is {other.name}, of that surname")
        return res if res.entity is not None else None

    def _person_as_body(self, ent) -> bool:
        """A sentence's subject the tagger called a body that the table holds as a person ("Curtis Ferrand
        said …" tagged ORG after "His younger brother, Curtis Ferrand, …")."""
        if ent.label_ != "ORG" or len(ent) < 2 or ent.root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        name = clean_name(ent.text)
        return any(e.label == "PERSON" and name in e.names for e in self.table.entities)

    def _untagged_surnames(self, tok_i: int, para_start: int, sex: str | None = None) -> list[Span]:
        """Sentences' subjects in the paragraph before token ``tok_i`` that the tagger left unnamed, or took alone for a
        body or place, but that are the surname of one person the article named in full ("Senator Pietro
        Brand … Brand laughed it off"), or with ``sex`` of the one of two bearers of that sex, each as a
        one-word span."""
        idx, toks = self._title_subjects()
        out = []
        for i in reversed(toks[bisect.bisect_left(idx, para_start) : bisect.bisect_left(toks, tok_i)]):
            t = self.doc[i]
            if (
                self.table.lookup_surname(t.text) is not None
                # of two bearers, the one of the pronoun's sex ("Navarro himself …. he said")
                or (sex and self.table.bearer_of_sex(t.text, sex) is not None)
            ):
                out.append(self.doc[i : i + 1])
        return out

    def _title_subjects(self) -> tuple[list[int], list[int]]:
        """Where the article's title-case subjects of a main verb that the tagger named nobody, or a body or
        place alone, stand: their character offsets and token indices, in order (read once per article, so
        that a paragraph's surnames cost what its own subjects do, not a walk over every word before)."""
        if self._subjects is None:
            idx, toks = [], []
            for t in self.doc:
                ent = self.at.ent_of(t)
                if (
                    t.text.istitle()
                    and t.head.dep_ == "ROOT"
                    and (t.dep_ in ("nsubj", "nsubjpass") or _lost_subject(t))
                    and (ent is None or (len(ent) == 1 and ent.label_ in _NOT_PEOPLE))
                    and t.pos_ in ("PROPN", "NOUN", "ADV", "ADJ")
                ):
                    idx.append(t.idx)
                    toks.append(t.i)
            self._subjects = (idx, toks)
        return self._subjects

    def name_in_next_fragment(self, cue_i: int):
        """A verbless sentence right after the cue that names a person (a translation artefact:
        '…,” the first noted. Deputy Foreign Minister Jane Roe.')."""
        sent = self.at.sent_of(self.doc[cue_i])
        if sent.end >= len(self.doc):
            return None
        nxt = self.at.sent_of(self.doc[sent.end])
        toks = []
        for t in nxt:
            if "\n" in t.text:
                break
            toks.append(t)
        if not toks or "\n" in self.text[sent.end_char : toks[0].idx] or len(toks) > 16:
            return None
        if any(t.pos_ in ("VERB", "AUX") for t in toks) or self.at.in_quote(toks[0].idx):
            # a quoted sentence ('read, “Vote Roe. Merry Xmas.”') is words on a sign, not who said them
            return None
        if calls_reader(toks[0]):
            return None  # "Read Joanna's full story: …" (the tagger's proper noun "Read"): a line to the reader
        for ent in [e for e in self.at.ents if nxt.start <= e.start < nxt.end]:
            if ent.label_ == "PERSON" and ent.end <= toks[-1].i + 1:
                r = self.table.resolve_name(ent.text, "PERSON", ent.start_char)
                if r.entity is not None:
                    return r.entity, (ent.start_char, ent.end_char)
        names = [t for t in toks if not t.is_punct]
        tail = []
        for t in reversed(names):
            titled = t.lower_ in role_classes() and "witness" not in role_classes()[t.lower_]
            if t.pos_ != "PROPN" or titled or t.ent_type_ in ("ORG", "GPE", "NORP") or t.text.isupper():
                break
            tail.insert(0, t)
        if len(tail) >= 2:
            s, e = tail[0].idx, tail[-1].idx + len(tail[-1].text)
            r = self.table.resolve_name(self.text[s:e], "PERSON", s)
            if r.entity is not None:
                return r.entity, (s, e)
        return None
