"""Reading the article's named people and bodies for the entity table: names, titles, genders.

The small English model mislabels and mis-spans names, so the readings here are defensive: a title
word swept into a name is dropped, a person tagged as a body is recognised from the title before it,
a Title Case headline does not seed the table, and a person's gender is taken only from "Roe said she
…" inside the article itself. Mixed into :class:`quotecheck.cues.CueFinder`.
"""

from __future__ import annotations

from .resolve import clean_name, role_classes


class EntityReading:
    """Methods over ``self.doc``, ``self.text``, ``self.ents`` and the paragraph helpers of the finder."""

    def _titled_person(self, ent) -> bool:
        """A person the tagger labelled a body: two to four title-case words, none naming a body,
        right after a role title ("Minister of Water and Agriculture Jane Roe")."""
        words = ent.text.split()
        classes = role_classes()
        if ent.label_ != "ORG" or not 2 <= len(words) <= 4 or any(not w[:1].isupper() or w.isupper() for w in words):
            return False
        if any("org" in classes.get(w.lower(), ()) for w in words):
            return False
        before = self.doc[max(0, ent.start - 6) : ent.start]
        return any(t.lower_ in classes and "org" not in classes[t.lower_] for t in before)

    def person_name(self, ent, label: str | None = None) -> str:
        """An entity's name; for a person, a title word the tagger swept in is dropped ("Minister of
        Water and Agriculture Jane Roe" tagged as "Agriculture Jane Roe")."""
        name = clean_name(ent.text)
        words = name.split()
        if (
            (label or ent.label_) == "PERSON"
            and len(words) >= 3
            and ent.start > 0
            and self.doc[ent.start - 1].lower_ in ("of", "and", "for")
        ):
            name = " ".join(words[1:])
        return name

    def _headline_end(self) -> int:
        """End of a Title Case first line: the tagger mislabels names there ("Roe Sees Speech"), so
        its entities do not seed the table (quotes in it are still read)."""
        s, e = self.para_span(0)
        words = self.text[s:e].split()
        if not 2 <= len(words) <= 25:
            return 0
        capital = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        return e if capital >= 0.7 * len(words) else 0

    def _learn_genders(self, linked) -> None:
        """he/she for each person from the article itself: the first personal pronoun after a name in
        the same sentence, with no other person named in between, votes for that name's gender."""
        votes: dict[int, list[int]] = {}
        for ent, entity in linked:
            if entity is None or entity.label != "PERSON":
                continue
            if ent.root.dep_ != "nsubj":
                continue  # only "Roe said she …": the name is the subject the pronoun picks up
            sent = self.sent_of(self.doc[ent.start])
            for t in self.doc[ent.end : sent.end]:
                if (
                    t.ent_type_ == "PERSON"
                    or self.ignored(t.idx)
                    or (t.pos_ in ("PRON", "PROPN") and t.dep_ in ("dobj", "pobj", "dative"))
                ):
                    break  # "Roe asked him whether he …": the pronoun may be someone else
                low = t.lower_
                if low in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass") and ent.root.head in t.ancestors:
                    v = votes.setdefault(id(entity), [0, 0])
                    v[0 if low == "he" else 1] += 1
                    break
        for _, entity in linked:
            v = votes.get(id(entity))
            if entity is not None and v and entity.gender is None and v[0] != v[1]:
                entity.gender = "m" if v[0] > v[1] else "f"

    def _roles_of(self, ent) -> list[str]:
        """Role phrases around a name: the title before it and an apposition after it."""
        doc, classes = self.doc, role_classes()
        roles = []
        words, i, comma = [], ent.start - 1, False
        while i >= max(0, ent.start - 12):
            t = doc[i]
            if t.text == "," and not comma and not words:
                comma = True
                i -= 1
                continue
            if "\n" in t.text or t.ent_type_ == "PERSON" or (t.is_punct and t.text not in "-–"):
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
        if any(t.lower_ in classes for t in words):
            roles.append(" ".join(t.text for t in words if t.pos_ != "DET"))
        root = ent.root
        for c in root.children:
            if c.dep_ == "appos" and c.i >= ent.end and c.lower_ in classes:
                sub = [t for t in c.subtree if t.ent_type_ != "PERSON"]
                if len(sub) == len(list(c.subtree)):
                    roles.append(" ".join(t.text for t in sub if t.pos_ != "DET" and not t.is_punct))
        return roles
