"""An interview set out as question and answer lines ("Q: …", "A: …") and who speaks each kind.

The quote rules read "I told him, “…”" on an answer line as the words of the person interviewed, and the
reported-speech reader credits a whole answer line to that person; both ask one :class:`Interview`.
"""

from __future__ import annotations

import logging
import re
from functools import cached_property

from .resolve import Resolution

log = logging.getLogger(__name__)

QA_LABELS = frozenset({"Q", "A", "QUESTION", "ANSWER"})
"""An interview's line labels; a written-out one stands for its first letter."""
TURN_LINE = re.compile(r"(?m)^[ \t]*(Q|A|QUESTION|ANSWER):[ \t]+\S")
"""An interview's question or answer line ("Q: …", "ANSWER: …")."""


class Interview:
    """The question and answer lines of one article and their voices (``doc`` the parse, ``text`` the
    engine's text, ``table`` the article's :class:`~quotecheck.engine.resolve.EntityTable`)."""

    def __init__(self, doc, text: str, table) -> None:
        self.doc, self.text, self.table = doc, text, table

    @cached_property
    def lines(self) -> list[tuple[int, str]]:
        """Where each interview line ("Q: …", "ANSWER: …") starts, with "Q" or "A"."""
        return [(m.start(), m.group(1)[0]) for m in TURN_LINE.finditer(self.text)]

    @cached_property
    def voices(self) -> dict[str, Resolution | None]:
        """Who speaks the "Q:" and "A:" lines. With answers, an interview: the questions are the
        interviewer's, the answers the person the text before the first line says it spoke with ("We spoke
        with Roe on Tuesday"), else the person it names most (the one introduced: "Actress Jane Roe has
        become …"; of two named as often, the first; a byline's writer is named once), or nobody when it
        names no one. Questions with no answers are a press conference's: a reporter's."""
        lines = self.lines
        if not any(label == "A" for _, label in lines):
            asker = "a reporter" if lines else None
            return {"Q": Resolution(None, asker, 0.7, "a question from the floor") if asker else None, "A": None}
        first = lines[0][0]
        asked = self._spoken_with(first) or self._named_in_headline(first)
        if asked is None:
            named = [
                (sum(at < first for at in e.mentions), -min(e.mentions), e)
                for e in self.table.entities
                if e.label == "PERSON" and not e.unnamed and e.mentions and min(e.mentions) < first
            ]
            asked = max(named, key=lambda n: n[:2])[2] if named else None
        answers = (
            Resolution(asked, asked.name, 0.9, f"the person the interview introduces, {asked.name}")
            if asked is not None
            else None
        )
        return {"Q": Resolution(None, "the interviewer", 0.8, "the interviewer's question"), "A": answers}

    def _named_in_headline(self, before: int):
        """The one person whose full name the first line gives ("Jane Roe on Mudflats and Memory"), when
        it ends before ``before``: whom an interview under it is with, though the lede may name her
        husband as often."""
        end = self.text.find("\n")
        if end < 0 or end >= before:
            return None
        line = self.text[:end]
        people = [
            e
            for e in self.table.entities
            if e.label == "PERSON"
            and not e.unnamed
            and any(o < before for o in e.mentions)  # and named before the first line, too
            and any(
                len(n.split()) >= 2 and re.search(rf"{re.escape(n)}(?!['’]s?\b)", line) for n in e.names
            )  # not "Governor Jane Roe's defeat": a headline about her, not her interview
        ]
        return people[0] if len(people) == 1 else None

    def _spoken_with(self, before: int):
        """The person the text before ``before`` says its writer interviewed ("We spoke with Roe", "I
        interviewed Roe"); "Roe sat down with the Courier's Jan Wren" names the interviewer, not this."""
        for t in self.doc:
            if t.idx >= before:
                break
            if t.lemma_.lower() not in ("speak", "talk", "interview") or t.pos_ != "VERB":
                continue
            if next((c.lower_ for c in t.children if c.dep_ == "nsubj"), None) not in ("we", "i"):
                continue  # "Roe spoke with the Courier": Roe is the one who answers
            objs = [c for c in t.children if c.dep_ == "dobj" and t.lemma_.lower() == "interview"]
            objs += [
                g for c in t.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"
            ]
            for o in objs:
                if o.pos_ == "PROPN":
                    ent = self.table.lookup_word(o.text, o.idx)
                    if ent is not None and ent.label == "PERSON":
                        return ent
        return None

    def on_turn_line(self, at: int, label: str) -> bool:
        """Whether ``at`` is on an interview's line of ``label`` ("Q" or "A")."""
        m = TURN_LINE.match(self.text, self.text.rfind("\n", 0, at) + 1)
        return m is not None and m.group(1)[0] == label
