"""Reported speech: what people are said to have said without quotation marks.

"Roe said (that) the plan was dead", "The plan is dead, Roe said.", "According to the ministry,
releases will rise", "Roe: Plan is dead". Each becomes a :class:`~quotecheck.model.Quote` of kind
``indirect`` whose ``start``/``end`` cover the reported content: the clause a reporting verb governs,
the rest of the sentence around "according to X", or the words after a source and a colon. The
source is read and resolved exactly as for quotations (the cues and entity table of the article's
:class:`~quotecheck.engine.attribute.Attributor`), so the same person gets the same name in both kinds of record.

A record never overlaps a quoted run: a content that is all quotation is the quote's business, and
one that mixes both ("said the deal was “a down payment”") keeps its unquoted words only when they
are a claim of their own (a clause with its own subject and verb).
"""

from __future__ import annotations

import bisect
import collections
import itertools
import logging
import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from ..model import Quote
from .attribute import Attributor
from .cues import Cue, cue_lexicon, relative_antecedent, telling_nothing
from .interview import QA_LABELS
from .mentions import time_phrase
from .quotes import Run
from .ranker import speaker_shape
from .reported_model import PRONOUNS, ReportedModel, features, load_model
from .resolve import LEADING_THE, Resolution, role_classes, speaking_heads
from .shapes import DATELINE, TIME_STAMP, TRANSCRIPT_LINE, TURN_LABEL

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    """A content a cue may report: its span (outside quotes), the cue, how it was read, its shape
    ("clause", "infinitive", "object", …), the token heading it (if any), its span before quoted
    runs were taken out and, for an object, the span with the phrases of its verb that follow it
    ("charged Roe with fraud"): the record's words, while the model weighs the object alone."""

    span: tuple[int, int]
    cue: Cue
    how: str
    shape: str
    head: Any
    raw: tuple[int, int]
    whole: tuple[int, int] | None = None


CONTENT_DEPS = ("ccomp", "parataxis")
UNNAMED_CONTENT = frozenset({"ccomp", "parataxis", "xcomp", "dobj"})
ABOUT = frozenset("to against about on of with by".split())
"""Prepositions whose object can be what a reporting verb reports ("pointed to …", "warned against …")."""
"""Dependencies by which a clause is what a reporting verb reports."""
CLAUSE_REACH = 250
"""Tokens a content clause may run after its head: far past any reported content in news (a sentence
of 250 words is rare); it bounds the work in a text with no sentence end."""
TRAILING_ASIDES = ("relcl", "appos", "acl", "npadvmod", "parataxis")
SUBJECTS = ("nsubj", "nsubjpass", "expl")
VP_TAIL = frozenset({"prep", "advmod", "npadvmod", "dative"})
"""Dependencies of a verb's phrases after its object that belong to what it reports ("charged Roe with fraud")."""
CONTINUATIONS = frozenset({"conj", "ccomp", "parataxis", "advcl", "prep"})
"""Dependencies by which the parser hangs the second half of a sentence on a cue set into it."""
BARE_AUXILIARIES = frozenset("do be have will would can could should shall may might must".split())
ASIDE_MARKS = frozenset("although though while whereas when after before as even until".split())
NOT_SPEECH = frozenset(
    "ask wonder question agree refuse reject dismiss demand beg plead urge encourage appeal implore advise "
    "describe put characterize speak sing laugh cry chant shout yell scream sigh whisper mutter joke quip "
    "thank congratulate apologize apologise welcome praise criticize criticise attack blast slam mock rip "
    "hammer decry lambaste deride ridicule blame tout hail defend cite hit refer reference term scold rebuke "
    "chide label dub brand call accuse condemn challenge continue begin finish sum read print headline "
    "broadcast air publish release unveil quote text email".split()
)
"""Cue verbs whose clause is seldom a statement reported (a request, a judgement, a manner of speaking)."""
SAME = frozenset({("so", "advmod"), ("same", "dobj"), ("same", "npadvmod"), ("same", "advmod")})
"""The words by which a report repeats one given before: "said so", "said the same (of Roe)"."""
DEP_WORDS = {"ccomp": "clause", "parataxis": "clause", "xcomp": "infinitive", "dobj": "object"}
SPOKEN_COGNITION = frozenset({"estimate"})
WH_REPORTS = frozenset("say tell explain reveal disclose indicate specify announce ask".split())
"""Reporting verbs whose content can be a "when …"/"where …" clause ("has not said when …")."""
NUMBERS = ("PERCENT", "CARDINAL", "QUANTITY")
NOT_SOURCES = frozenset(
    "update note editor's note photo photos video watch read more related source sources correction "
    "warning caption credit image breaking exclusive live opinion analysis editorial look revealed "
    "clarification transcript bombshell wow shocking developing updated updates corrected corrections "
    "editor’s appended danger notice attention caution alert".split()
)
HEADING_LINKS = frozenset("over of for in on at against with from after before about under into amid behind".split())
"""Prepositions inside a capitalised lead-in that make it a title's phrase, not a person's name."""
REFUSALS = frozenset("decline refuse fail".split())
"""Verbs of not saying what an infinitive after them would have said ("declined to say whether …")."""
SECTION_QUESTIONS = frozenset("what why how when where who which".split())
"""The first words of a section heading in capitals that asks a question ("WHAT HAPPENS NEXT:")."""
COLON_LEAD = re.compile(
    r"(?m)^[ \t]*(?P<open>[\"“]?)(?P<name>[A-Z][\w.’'\- ]{0,40}?)(?:,[ \t]+[A-Z][A-Z.’'\- ]{1,40})?:[ \t]+(?P<rest>[^\n]+)"
)
"""A line opening on a source's label and a colon; a label in capitals may name the outlet after a comma
("JANE ROE, HARBOUR GAZETTE: …")."""
LABEL_ROLES = {
    "reporter": "a reporter",
    "journalist": "a journalist",
    "audience member": "an audience member",
    "caller": "a caller",
    "moderator": "the moderator",
    "host": "the host",
    "anchor": "the anchor",
    "interviewer": "the interviewer",
}
"""A transcript's label that names a role, not a person ("REPORTER: …"), as the speaker it stands for."""
TRAILING_CC = re.compile(r",?\s+(?:and|but)(?:\s+(?:was|were|is|are|has|have|had|been|would|will|also|still))*\s*$")
"""The end of a claim's words before a second verb whose words are quoted ("… and was “recruiting”")."""
SECOND_THAT = re.compile(r",?\s+(?:and|but)\s+that(?:\s+[^\s,;:]+){0,12}$")
"""The end of a claim's words before a second that-clause whose words are quoted ("…, but that the offer “…”")."""
LEADING_CC = re.compile(r"(?:and|but|or|while)\s+", re.IGNORECASE)
DOUBLED = re.compile(r"(?<![\w'])''(?=[^\s'])[^\n]+?''|(?:^|(?<=[.!?:] ))''(?=[^\s'])[^\n]+?(?=\n|\Z)", re.M)
"""A run between doubled apostrophes (''…''), or one that opens a paragraph or a sentence and is left open
to the end of its paragraph (the next paragraph reopens it); an inch mark (6'9'') opens none."""
DOUBLED_MARK = re.compile(r"(?<!\d)''")
"""Doubled apostrophes that may open or close a run: not an inch mark after a number."""
RUN_AFTER = re.compile(r"(?:[ \t]+[^\s,:;.!?'\"“”]+){0,5}?[ \t]*[,:][ \t]*(?P<run>'')")
DATED_LEAD = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3},\s*)?(?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2})"
    r"(?:,? \d{4})?\s*(?:\([^)\n]{1,30}\))?\s*[—–-]+\s+",
    re.M,
)
"""A dateline with a date in it ("March 12 (Wire) – ", "KASTREN, 12 March – "): not the source's words."""
_EDGE = " \t\r\n,;:—–-\u00a0"
OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"})
SET_OFF_SOURCE = 8
"""The most words a source set off by commas before its cue runs to ("…, the mayor's press secretary said")."""
BESIDE_ITS_QUOTE = 0.6
"""The probability given a claim of its own beside the quote its clause holds (:meth:`ReportedSpeech._claim_beside_its_quote`),
which the filter does not weigh: the rule's reading, as likely as a relayed source's (no gold marks enough of them to
measure it)."""
UNSOURCED = 0.4
"""The confidence of reported content no source can be found for (an interview's question line): under
0.5, not an attributed statement."""


class ReportedSpeech:
    """Finds the reported speech of one parsed article."""

    def __init__(self, doc, runs: list[Run], text: str, attributor: Attributor):
        self.doc = doc
        self.runs = runs
        self.text = text
        self.a = attributor
        self.at = attributor.at  # where things are: sentences, paragraphs, quoted runs, ignored lines
        self.f = attributor.finder  # the reporting cues and their resolved sources
        # a run that names a thing ("the “Harbour Forward” plan", a so-called “reform”) is part of the
        # words reported, not a quotation they step around
        self.quoted = sorted((r.outer_start, r.outer_end) for r in runs if r.open_at not in attributor.titles)
        self.quoted_starts = [s for s, _ in self.quoted]
        self._cue_counts: dict[int, int] = {}
        self._doubled: dict[tuple[int, int], tuple[list[tuple[int, int]], list[int], list[int]]] = {}

    # -- positions -----------------------------------------------------------------------------

    def cues_in(self, sent) -> int:
        """How many reporting cues the sentence holds (counted once per sentence: a text with no
        sentence end is one sentence of every candidate)."""
        if sent.start not in self._cue_counts:
            self._cue_counts[sent.start] = sum(1 for t in sent if t.i in self.f.cues)
        return self._cue_counts[sent.start]

    def _quoted_in(self, s: int, e: int) -> list[tuple[int, int]]:
        k = max(0, bisect.bisect_right(self.quoted_starts, s) - 1)
        return [(a, b) for a, b in self.quoted[k : bisect.bisect_left(self.quoted_starts, e)] if b > s]

    def _trim(self, s: int, e: int) -> tuple[int, int]:
        while s < e and self.text[s] in _EDGE:
            s += 1
        while e > s and self.text[e - 1] in _EDGE + ".":
            e -= 1
        return s, e

    # -- content spans ---------------------------------------------------------------------------

    def _clause_span(self, head, sent) -> tuple[int, int]:
        """The words of a content clause: its subtree within the sentence, less a trailing aside."""
        # the subtree's stretch (contiguous in the parser's projective trees), no further than
        # CLAUSE_REACH tokens: a text with no sentence end nests clause in clause, and walking each one
        # whole made it cubic
        lo = max(sent.start, head.left_edge.i)
        hi = min(sent.end, head.right_edge.i + 1, head.i + CLAUSE_REACH)
        toks = list(self.doc[lo:hi])
        last = toks[-1].i
        for t in toks:
            if t.i == head.i or t.i > last:
                continue
            first, end = t.left_edge.i, t.right_edge.i  # the subtree's ends, without walking it
            if first <= toks[0].i or end < last - 1:
                continue
            prev = self.doc[first - 1]
            if t.dep_ == "conj" and self._that_marked(t):
                continue  # "said that the odds were low and that residents should worry": one report
            if prev.text in (",", ";", "—", "–", "-", "(") and self._aside(t):
                last = min(last, first - 2)
            elif (
                t.dep_ == "conj"
                and prev.dep_ == "cc"
                and (self._report_in(t) or self._second_verb(t))
                and not self._same_tense_inside(t, head)
            ):
                # "said the plan was dead and warned against …": a second report, not more content
                last = min(last, first - 2 if self.doc[first - 2].text == "," else first - 2)
        toks = [t for t in toks if t.i <= last] or toks[:1]
        while len(toks) > 1 and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
            toks.pop()  # "…, and" left by a second report the parser hung on this clause
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)

    @staticmethod
    def _split_clause(after: list):
        """Two clauses the parser hung side by side on a reporting verb that are one: a frame and the
        clause it judges, with nothing between ("said it was unlikely | the crossing would reopen",
        "said there is no way | the pier will open"). Cut apart, the report would say the opposite of
        what was said. (first, second), or None."""
        if len(after) != 2:
            return None
        first, second = sorted(after, key=lambda c: c.i)
        if first.right_edge.i + 1 != second.left_edge.i or first.right_edge.is_punct or second.left_edge.is_punct:
            return None  # "said Roe was right, it showed …": two clauses a comma sets apart
        if not any(c.dep_ in SUBJECTS for c in first.children):
            return None
        return first, second

    def _past_citing(self, head, s: int) -> int:
        """Where the content starts when the parser hung the outlet's "citing …" on it ("reported, citing two
        officials, that the talks stalled"): after the participle and its comma."""
        lead = next(
            (c for c in head.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_ in ("cite", "quote")),
            None,
        )
        if lead is None or lead.left_edge.idx > s or lead.right_edge.i + 1 >= head.i:
            return s
        after = self.doc[lead.right_edge.i + 1]
        return self.doc[after.i + 1].idx if after.is_punct else after.idx

    @staticmethod
    def _bare_auxiliary(head) -> bool:
        """A content head that is an auxiliary with nothing after it ("they do", "she will"): the parser cut
        the clause before its verb."""
        return head.lemma_.lower() in BARE_AUXILIARIES and head.right_edge.i == head.i

    @staticmethod
    def _same_tense_inside(t, head) -> bool:
        """A second verb with no subject of its own whose form is the content verb's and not the reporting
        verb's: "says he spoke to her and asked …", "said he has not held dinners and never called …" go
        on with what was said; "said she admires him and highlighted …" is the source's own doing."""
        inner, outer = t.head, head.head
        if inner.i == outer.i or any(d.dep_ in ("nsubj", "nsubjpass") for d in t.children):
            return False
        return t.tag_ == inner.tag_ and t.tag_ != outer.tag_

    def _aside(self, t) -> bool:
        """A trailing piece after a comma that the source did not say: a relative clause, an
        apposition, a participle or a clause of time or concession, or another report ("…, arguing
        that …")."""
        if (
            t.dep_ == "appos"
            and t.head.tag_ not in ("NNS", "NNPS")
            and t.head.ent_type_ != "PERSON"
            and "org" in role_classes().get(t.lemma_.lower(), {"org"})  # no person's role
            and any(c.dep_ == "conj" for c in t.children)
        ):
            # "differ on taxes, the nuclear deal and trade": a list the parser hung as an apposition
            # ("in two states, Ohio and Utah" names what the plural holds; "Roe, a lawyer and author" and
            # "its owner, a lawyer and former judge" describe one person)
            return False
        if t.dep_ in TRAILING_ASIDES:
            return True
        if t.dep_ == "prep" and t.lower_ == "according":
            return True  # "…, according to two senators": who relayed it, no part of what was said
        if t.dep_ == "advcl":
            mark = next((c.lower_ for c in t.children if c.dep_ == "mark"), None)
            if t.tag_ in ("VBG", "VBN") and mark is None:
                return self._report_in(t)
            return mark in ASIDE_MARKS
        if t.dep_ == "conj":
            return self._report_in(t)
        return False

    def _report_in(self, t) -> bool:
        """A second report in a conjoined piece ("… and warned against delays"); a verb of thinking or
        seeing is not one ("he said witnesses saw a gun and found it nearby" is one report)."""
        return any(d.i in self.f.cues and self.f.cues[d.i].group != "cognition" for d in t.subtree)

    def _verb_content(self, cue: Cue):
        verb = self.doc[cue.token_i]
        sent = self.at.sent_of(verb)
        lemma = verb.lemma_.lower()
        if lemma in NOT_SPEECH or (
            verb.tag_ == "VBG" and not any(c.dep_ == "aux" for c in verb.children) and self._aside_of_report(verb)
        ):
            return None  # "…, arguing that …": an aside to the main report, not a report of its own
        before = self._misread_as_apposition(verb, sent)
        if before is not None:  # "The contract will go to Roe Coaches, the board announced on Monday."
            return before, f"the sentence before '{verb.text}'", "set-into", None
        run = self._run_after(verb)
        if run is not None:
            words = self.doc.char_span(*run, alignment_mode="expand")
            head = words.root if words is not None else None
            return run, f"the run between doubled apostrophes after '{verb.text}'", "clause", head
        comp = [c for c in verb.children if c.dep_ in CONTENT_DEPS] or self._that_clause(verb)
        comp = [c for c in comp if not self._before_break(c, verb)]
        if len(comp) > 1:  # "said he wants to cut the rules that govern …": not the relative clause
            comp = [c for c in comp if not self._relative(c, verb)] or comp
        if len(comp) > 1:  # "said X is fair, and two-thirds said the same": not the second report
            comp = [c for c in comp if not self._second_verb(c)] or comp
        subjectless = []
        if len(comp) > 1:  # "said they are sure the board erred and residents accused …": the clause with a subject
            kept = [c for c in comp if any(d.dep_ in SUBJECTS for d in c.children)]
            subjectless = [c for c in comp if c not in kept] if kept else []
            comp = kept or comp
        after = [c for c in comp if c.i > verb.i and c.dep_ == "ccomp"]
        split = self._split_clause(after)
        if split is not None:  # "said it was unlikely | the crossing would reopen": one clause
            comp = [split[0]]
        run = [c for c in comp if c.i < verb.i and self._doubled_run_before(c, verb)]
        if len(comp) > 1 and run:  # "''We have begun,'' Roe said, adding, ''He cares …''": the run
            comp = run
        elif len(comp) > 1 and after:  # "Writing for a panel that agreed X won, Roe noted that …"
            comp = after
        if comp:
            head = comp[0] if len(comp) == 1 else max(comp, key=lambda c: len(list(c.subtree)))
            if self._inverted_aside(verb, head):
                return None  # read as set off: "The plan, said Roe and others, would be clear"
            how = f"the {DEP_WORDS.get(head.dep_, 'clause')} of '{verb.text}'"
            s, e = self._clause_span(head, sent)
            if split is not None:
                e = max(e, self._clause_span(split[1], sent)[1])
            s = self._past_citing(head, s)
            subject = self._participle_subject(verb, head)
            if subject is not None:
                s = subject.left_edge.idx
            for other in subjectless:  # "… and residents" is the subject of the clause left out
                first = other.left_edge.i
                if first == head.right_edge.i + 1 and other.i > head.i and self._bare_auxiliary(head):
                    # "say they do n't know": one clause the parser split after its auxiliary
                    e = max(e, self._clause_span(other, sent)[1])
                    continue
                if first > head.i + 2 and self.doc[first - 1].dep_ == "conj" and self.doc[first - 2].dep_ == "cc":
                    e = min(e, self.doc[first - 3].idx + len(self.doc[first - 3]))
            if head.i > verb.i:
                e = max(e, self._second_that_clause(verb, head, sent))
            elif self._continuation(verb, sent) is not None:  # "The roads were empty, Roe said, and …"
                e = self._trim(s, sent.end_char)[1]
                return (s, e), f"the sentence '{verb.text}' is set into", "set-into", head
            return (s, e), how, "clause", head
        if self._parenthetical(verb, sent):
            return (sent.start_char, sent.end_char), f"the sentence '{verb.text}' is set into", "set-into", None
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            sub = [t.i for t in verb.subtree]  # "As Roe noted, the pier is unsafe": the main clause
            if min(sub) <= sent.start + 1 and max(sub) + 1 < sent.end:
                return (self.doc[max(sub) + 1].idx, sent.end_char), f"the sentence after 'as … {verb.text}'", "as", None
            if max(sub) >= sent.end - 2 and min(sub) > sent.start:
                return (sent.start_char, self.doc[min(sub)].idx), f"the sentence before 'as … {verb.text}'", "as", None
        inf = next((c for c in verb.children if c.dep_ == "xcomp" and self._infinitive(c)), None)
        if inf is not None:  # "vowed to form a task force", "is said to have pressed for …"
            return self._infinitive_span(verb, inf, sent), f"the infinitive after '{verb.text}'", "infinitive", inf
        ing = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i), None)
        if ing is not None:  # "reported raising $9 million", "denied having met him"
            return self._clause_span(ing, sent), f"the -ing clause after '{verb.text}'", "infinitive", ing
        if any(c.dep_ in ("auxpass", "agent") for c in verb.children):
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
            if subj is None or not any(c.dep_ == "agent" for c in verb.children) or subj.pos_ == "PRON":
                return None  # "This was announced": what was announced was said before
            # "The shortfall was first reported by the Orvel Courier": the subject is what was reported
            return self._clause_span(subj, sent), f"the subject of '{verb.text} by'", "passive", subj
        obj = next(
            (c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and not self.at.in_quote(c.idx)), None
        )
        if obj is None or obj.lower_ == "same":  # "said so", "said the same of Roe": a report made before, again
            obj = self._the_same(verb) or obj
        if obj is not None and (obj.pos_ in ("NOUN", "PROPN", "NUM") or obj.lower_ in ("same", "so")):
            # "acknowledged the reality of …"
            return self._clause_span(obj, sent), f"the object of '{verb.text}'", "object", obj
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in ABOUT), None)
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if pobj is not None and prep.lower_ == "to" and self._addressee(pobj):
            return None  # "announced it to the mayor, Jane Roe": whom it was said to, not what
        if pobj is not None and not self.at.in_quote(pobj.idx):  # "pointed to the crime bill"
            return self._clause_span(pobj, sent), f"what '{verb.text} {prep.text}' names", "preposition", pobj
        clause = self._clause_as_advcl(verb)
        if clause is not None:  # less a phrase of the verb's before it: "said after the vote he would resign"
            s, e = self._clause_span(clause, sent)
            lead = list(itertools.takewhile(lambda c: c.dep_ == "prep", clause.lefts))
            if lead and lead[0].left_edge.i == clause.left_edge.i:
                s = max(s, self.doc[lead[-1].right_edge.i + 1].idx)
            return (s, e), f"the clause of '{verb.text}'", "clause", clause
        return None

    def _misread_as_apposition(self, verb, sent) -> tuple[int, int] | None:
        """ "X, the board announced on Monday.": the parser may hang the source on the sentence's last name
        as an apposition, its verb a participle of it; the words before the comma are what it reported.
        Only when the source closes the sentence (the verb's phrases and a full stop after it)."""
        src = verb.head
        if verb.dep_ != "acl" or verb.tag_ != "VBN" or src.dep_ != "appos" or verb.i < src.i:
            return None
        comma = self.doc[src.left_edge.i - 1] if src.left_edge.i > sent.start else None
        if comma is None or comma.text != ",":
            return None
        if any(not (t.is_punct or t.is_space) for t in self.doc[verb.right_edge.i + 1 : sent.end]):
            return None
        return self._trim(sent.start_char, comma.idx)

    def _run_after(self, verb) -> tuple[int, int] | None:
        """A run between doubled apostrophes a comma or a colon sets after the cue, a few words on at
        most ("Roe shook her head and said, ''No.''", "the campaign said in a statement: ''…''"): the
        cue's words, whether or not the parser hung the run on the cue."""
        at = verb.idx + len(verb.text)
        m = RUN_AFTER.match(self.text, at)
        if m is None:
            return None
        sent = self.at.sent_of(verb)
        lead = set()  # "Asked whether she would serve, Roe shook her head and said, ''No.''"
        for v in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
            for c in v.children:
                if c.dep_ == "advcl" and c.i < v.i:
                    lead.update(range(c.left_edge.i, c.right_edge.i + 2))
        if "''" in self.text[sent.start_char : verb.idx] or any(
            t.text in (",", ";", "—", "–") and t.i not in lead for t in self.doc[sent.start : verb.i]
        ):
            return None  # "''A,'' Roe said, ''B''", "In other words, he said, ''…''": a sentence set into
        between = self.doc.char_span(at, m.start("run"), alignment_mode="expand")
        if between is not None and any(t.pos_ in ("VERB", "AUX") for t in between):
            return None  # "said on Monday, speaking to reporters, ''…''": the run is another verb's
        run = DOUBLED.match(self.text, m.start("run"))
        return (run.start(), run.end()) if run is not None else None

    def _doubled_run_before(self, clause, verb) -> bool:
        """The clause is a run between doubled apostrophes that ends just before the cue's words
        ("''We have begun,'' Roe said"), all in one paragraph."""
        first, last = clause.left_edge, clause.right_edge
        between = self.text[last.idx + len(last) : verb.idx]
        opens = first.text == "''" or self.text[max(0, first.idx - 2) : first.idx] == "''"
        return opens and "''" in between and "\n" not in between and len(between) < 60

    @staticmethod
    def _participle_subject(verb, head):
        """The subject of a content clause the parser read as a clause of its own: "said the sailors
        released by the navy were safe" gives "the sailors released by the navy" to a participle hung on
        the verb and leaves "were safe" with no subject. The participle's words open the content."""
        if head.i < verb.i or any(d.dep_ in SUBJECTS for d in head.children):
            return None
        return next(
            (
                c
                for c in verb.children
                if verb.i < c.i < head.i
                and c.dep_ in CONTENT_DEPS
                and c.tag_ == "VBN"
                and c.right_edge.i + 1 == head.left_edge.i
                and any(d.dep_ == "nsubj" for d in c.children)
            ),
            None,
        )

    def _verb_phrase_end(self, verb, obj) -> int | None:
        """Where the phrases of the verb right after its object end, those not set off by a comma
        ("charged Roe with fraud", "pledged his support as a delegate", "warned the council against
        delays"): what the verb reports runs to the end of its phrase. None when nothing follows."""
        if obj.lower_ in ("so", "same"):
            return None  # "said so in the poll": the report is the one before, not the poll
        e = None
        end = max(t.i for t in obj.subtree)
        for c in sorted(verb.children, key=lambda c: c.i):
            if c.i <= end:
                continue
            first = min(t.i for t in c.subtree)
            if first != end + 1 or c.dep_ not in VP_TAIL or self.at.in_quote(c.idx):
                break
            if any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree):
                break  # "announced its support on Thursday": when it was said, not what
            end = max(t.i for t in c.subtree)
            e = self.doc[end].idx + len(self.doc[end].text)
        return e

    @staticmethod
    def _relative(clause, verb) -> bool:
        """A clause opened by its subject, a relative pronoun, away from the reporting verb: it qualifies
        a noun before it ("the rules that govern …", "…, and who is now …"), where "said who would pay"
        reports a question."""
        subj = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
        if subj is None or subj.i - 1 <= verb.i <= subj.i:
            return False
        if subj.lower_ in ("who", "which"):
            return True
        return (
            subj.lower_ == "that" and subj.i == clause.left_edge.i and clause.doc[subj.i - 1].pos_ in ("NOUN", "PROPN")
        )

    @staticmethod
    def _that_marked(t) -> bool:
        """A clause opened by "that" ("… and that residents should worry")."""
        return any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)

    def _second_that_clause(self, verb, head, sent) -> int:
        """The end of a second "that" clause the parser hung on the reporting verb as a conjoined verb
        ("noted that the odds were low, and that residents should worry more"): the report goes on
        through it. Else 0."""
        end = head.right_edge.i
        for c in verb.rights:
            if c.i <= end or c.dep_ != "conj":
                continue
            if c.left_edge.i <= end + 3 and self._that_marked(c):
                return self._clause_span(c, sent)[1]
            break
        return 0

    def _infinitive_span(self, verb, inf, sent) -> tuple[int, int]:
        """An infinitive's words, and a second verb of it that the parser hung on the reporting verb or
        above ("pledged to cap and then gradually reduce the fares": both verbs are what was pledged)."""
        s, e = self._clause_span(inf, sent)
        end = max(t.i for t in inf.subtree)
        if end + 2 >= sent.end or self.doc[end + 1].lower_ not in ("and", "or"):
            return s, e
        above = {verb.i} | {a.i for a in verb.ancestors}
        for c in self.doc[end + 2 : sent.end]:
            if c.dep_ == "conj" and c.head.i in above and c.tag_ in ("VB", "VBP"):
                if any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children):
                    break
                if all(t.head.i == c.i or c in t.ancestors for t in self.doc[end + 2 : c.i]):
                    return s, max(e, self._clause_span(c, sent)[1])
                break
        return s, e

    @staticmethod
    def _clause_as_advcl(verb):
        """ "said after the vote he would resign", "have not said when they would act": a content
        clause with its own subject and no conjunction of time, cause or condition, which the parser
        took for an adverbial clause, after a verb with no object ("announced her resignation when the
        session ended" reports the resignation). A "when"/"where" clause is content only after a verb
        that can report one ("said", "explained"), not after "spoke" or "warned"."""
        for c in verb.children:
            if c.dep_ != "advcl" or c.i < verb.i or not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children):
                continue
            if any(d.dep_ == "mark" for d in c.children):
                continue
            if c.left_edge.tag_ in ("WRB", "WDT", "WP") and verb.lemma_.lower() not in WH_REPORTS:
                continue
            return c
        return None

    @staticmethod
    def _before_break(clause, verb) -> bool:
        """A clause the parser hung on a reporting verb from the far side of a semicolon or colon
        ("The pier was closed; the mayor says it is safe", "We were here before: Roe declared war on
        …"): a sentence of its own, not what the verb reports."""
        if clause.i > verb.i:
            return False
        end = max(t.i for t in clause.subtree)
        return any(p.text in (";", ":") and end < p.i < verb.i for p in verb.children)

    @staticmethod
    def _the_same(verb):
        """The "so" of "said so" or the "same" of "said the same (of Roe)" right after a reporting verb:
        the report repeats one the article gave just before."""
        nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if nxt is not None and nxt.lower_ == "the" and verb.i + 2 < len(verb.doc):
            nxt = verb.doc[verb.i + 2]
        if nxt is None or nxt.head.i != verb.i or (nxt.lower_, nxt.dep_) not in SAME:
            return None
        return nxt

    def _second_verb(self, c) -> bool:
        """A clause the parser hung on a reporting verb that is a report of its own, with its own
        source ("… said X is fair, and two-thirds said the same of Y")."""
        return (c.i in self.f.cues or c.lemma_.lower() in cue_lexicon()) and any(
            d.dep_ in ("nsubj", "nsubjpass") for d in c.children
        )

    @staticmethod
    def _addressee(pobj) -> bool:
        """A person or body something is said to ("the mayor", "Jane Roe", "the council"), as against a
        thing pointed to ("the crime bill")."""
        return pobj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or pobj.lemma_.lower() in role_classes()

    @staticmethod
    def _infinitive(t) -> bool:
        """ "vowed to form …": a to-infinitive (its own "to" among its children)."""
        return t.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)

    def _aside_of_report(self, verb) -> bool:
        """A participle hanging on no verb at all: not a report of its own. One on a deed ("defended
        the tweets, saying …") or on another report ("said …, noting that …") is; the model weighs
        the second kind apart (feature "participle on a report")."""
        if self._own_sayer(verb):
            return False
        head = verb.head
        if verb.dep_ not in ("advcl", "xcomp", "conj") or head.i == verb.i:
            return True
        return head.pos_ not in ("VERB", "AUX")

    @staticmethod
    def _own_sayer(verb) -> bool:
        """A participle whose sayer is its own: its subject ("with 22 percent saying they …") or the
        noun it follows with no comma between ("30 percent of voters saying …", "a poll of voters
        telling …"), the way a poll reports its respondents."""
        if any(c.dep_ == "nsubj" for c in verb.children):
            return True
        head = verb.head
        if verb.dep_ != "acl" or head.pos_ not in ("NOUN", "PROPN", "NUM") or head.i > verb.i:
            return False
        return not any(t.is_punct for t in verb.doc[head.i + 1 : verb.i])

    def _that_clause(self, verb) -> list:
        """ "said at a rally in Texas that …": a that-clause the parser hung on a noun of the verb's
        prepositional phrase."""
        for t in verb.subtree:
            if t.i <= verb.i or t.dep_ not in ("acl", "relcl", "ccomp", "advcl"):
                continue
            if not any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
                continue
            path, a = [], t.head
            while a.i != verb.i and a.dep_ in ("prep", "pobj", "compound", "amod"):
                path.append(a)
                a = a.head
            if a.i == verb.i and path:
                return [t]
        return []

    def _unnamed_cues(self) -> dict[int, Cue]:
        """Reporting verbs the quote rules pass over because their subject names no one they could
        credit with a quotation: "61 percent said they …", "…, which noted that …", "voters are more
        likely to say …". Reported speech keeps them, the source as written (a relative pronoun stands
        for the noun it hangs on, an infinitive or participle for the subject of its clause); the model
        weighs such sources apart."""
        out = {}
        lex = cue_lexicon()
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.i in self.f.cues or tok.pos_ != "VERB" or lemma not in lex or self.at.ignored(tok.idx):
                continue
            if telling_nothing(tok):
                continue
            if not any(c.dep_ in UNNAMED_CONTENT for c in tok.children) and self._the_same(tok) is None:
                continue
            subj = self._unnamed_source(tok)
            if subj is not None and self.f.verb_read_as_subject(tok, subj):
                out[tok.i] = Cue(tok.i, tok.text, *lex[lemma], None, None, None)  # "Keeps saying …": no one named
                continue
            if subj is None or self.at.ignored(subj.idx) or self.at.in_quote(subj.idx):
                continue
            cue = self.f.make_cue(tok, tok.text, *lex[lemma], subj) if subj.ent_type_ not in NUMBERS else None
            if cue is None:
                clause = {d.i for c in subj.children if c.dep_ in ("relcl", "acl") for d in c.subtree}
                words = [t for t in subj.subtree if not t.is_punct and t.i not in clause]
                words = [t for t in words if t.i < tok.i or subj.i > tok.i] or [subj]
                ms, me = words[0].idx, words[-1].idx + len(words[-1].text)
                res = Resolution(None, self.text[ms:me], 0.6, f"'{self.text[ms:me]}': kept as written")
                cue = Cue(tok.i, tok.text, lex[lemma][0], lex[lemma][1], (ms, me), self.text[ms:me], res)
            out[tok.i] = cue
        return out

    def _unnamed_source(self, verb):
        """The subject of a reporting verb, climbing from a relative pronoun to its noun and from an
        infinitive, participle or conjoined verb to its clause's subject (twice at most)."""
        tok = verb
        for _ in range(3):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
            if subj is not None:
                if subj.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                    return relative_antecedent(tok.head, subj)
                return subj
            if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
                if any(c.tag_ == "WRB" for c in tok.children):
                    return None  # "at a time when it was said that …": the time is no one
                return tok.head
            if tok.head.i == tok.i:
                return self._noun_before(tok)
            controller = self.f.object_control(tok)
            if controller is not None:
                return controller  # "a win that led her to declare …": she declares
            if tok.dep_ not in ("xcomp", "conj", "advcl", "acomp"):
                return None  # "acomp": "voters are more likely to say …"
            head = tok.head
            if tok.dep_ == "conj" and head.dep_ in CONTENT_DEPS and head.head.lemma_.lower() in cue_lexicon():
                head = (
                    head.head
                )  # "said the plan was sound and warned …": the parser hung the second report on the content
            tok = head
        return None

    def _noun_before(self, verb):
        """The source of a finite reporting verb the parser left without a subject, hanging the noun
        before it elsewhere ("As part of his plea, Tom Roe, 44, said …", "After a day of talks, the
        mayor's office announced …"): that noun, right before the verb or before an aside of numbers."""
        start = self.at.sent_of(verb).start
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i <= start:
            return None
        k = verb.i - 1
        if self.doc[k].text == "," and k - 3 >= start and self.doc[k - 1].like_num and self.doc[k - 2].text == ",":
            k -= 3  # "Tom Roe, 44, said"
        elif self.doc[k].text == ",":
            k = self._before_apposition(k, start)  # "Jan Roe, the port's director, said"
        noun = self.doc[k]
        while noun.dep_ in ("pobj", "prep", "acl", "npadvmod", "compound") and (
            noun.ent_type_ in ("DATE", "TIME") or noun.pos_ in ("ADP", "VERB")
        ):
            noun = noun.head  # "…, disclosures filed on Sunday night revealed": the disclosures, not the night
        if (
            noun.pos_ not in ("NOUN", "PROPN")
            or noun.ent_type_ in ("DATE", "TIME")
            or noun.head.i == verb.i
            or self.at.in_quote(noun.idx)
        ):
            return None
        return noun

    def _before_apposition(self, comma: int, start: int) -> int:
        """The token before an apposition that ends at ``comma`` (", the port's director,"): a noun
        phrase of a few words, no verb, set off by a comma before it. ``comma`` itself when there is none."""
        for j in range(comma - 1, max(start, comma - SET_OFF_SOURCE) - 1, -1):
            t = self.doc[j]
            if t.text == ",":
                words = self.doc[j + 1 : comma]
                if j > start and len(words) and not any(w.pos_ in ("VERB", "AUX") for w in words):
                    return j - 1
                break
            if t.is_punct and t.text not in (".", "'", "’", "-"):
                break
        return comma

    def _continuation(self, verb, sent):
        """The words a cue set into a sentence hangs on itself after a comma, running to the sentence's
        end ("The roads were empty, Roe added, but people still meet", "…, Roe said on Monday, and the
        owners have rebuilt it"): more of what was said, the parser's way of joining the two halves. A
        report of its own ("…, adding that …") or a participle of the source's ("…, citing data") is
        not; None then."""
        for c in verb.rights:
            k = c.left_edge.i - 1
            k -= 1 if self.doc[k].dep_ == "cc" and self.doc[k].head.i == verb.i else 0
            if self.doc[k].text not in (",", "—", "–") or c.dep_ not in CONTINUATIONS or c.is_punct:
                continue
            last = max(t.i for t in c.subtree)
            if any(t.i > last and not t.is_punct for t in sent):
                return None  # words after it: the cue's phrase and the sentence go on
            if self._report_in(c) or (c.dep_ == "advcl" and not any(d.dep_ == "mark" for d in c.children)):
                return None
            return c
        return None

    def _parenthetical(self, verb, sent) -> bool:
        """ "Climate change, Roe often says, is …" / "…, as Roe pointed out, …": a cue set off inside
        the sentence it reports."""
        if verb.dep_ not in ("parataxis", "advcl", "ccomp") or verb.head.i == verb.i:
            return False
        after = self._continuation(verb, sent)
        sub = [t for t in verb.subtree if not t.is_punct and (after is None or t.i < after.left_edge.i)]
        sub = [t for t in sub if after is None or not (t.dep_ == "cc" and t.head.i == verb.i)]
        lo, hi = sub[0].i, sub[-1].i
        if hi + 2 >= sent.end or self.doc[hi + 1].text not in (",", "—", "–"):
            return False
        if lo - sent.start >= 2 and self.doc[lo - 1].text in (",", "—", "–"):
            return True
        # "At times, people close to Roe said, the talks …", "If it fails, Roe argues, there are …": the
        # parser gave the cue the sentence's opening phrase or clause, so nothing stands before it
        lead = next((c for c in verb.lefts if c.dep_ in ("prep", "npadvmod", "advmod", "advcl")), None)
        return (
            lo == sent.start
            and lead is not None
            and lead.left_edge.i == lo
            and self.doc[lead.right_edge.i + 1].text == ","
            and verb.head.i > hi
        )

    def _inverted_aside(self, verb, head) -> bool:
        """ "The contrast with Roe, said Wren and others, would be clear": a cue set off by commas with its
        source after it, which the parser reads as the cue of a clause whose subject is the source (and
        whose own subject before the comma says it). Left to :meth:`_set_off_content`."""
        i = verb.i
        return (
            i > 0
            and self.doc[i - 1].text == ","
            and head.dep_ == "ccomp"
            and head.i > i
            and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.i < i - 1 and not any(a.dep_ == "appos" for a in c.children)
                for c in verb.children
            )  # "Roe's manager, Jan Wren, said …" is no such aside: the comma closes an apposition
            and any(
                c.dep_ in ("nsubj", "nsubjpass")
                and c.left_edge.i == i + 1
                and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG") or c.lemma_.lower() in role_classes())
                for c in head.children
            )
            and any(t.text == "," for t in self.doc[i + 1 : head.i])
        )

    def _set_off_content(self, cue: Cue):
        """ "The pier is unsafe, Roe said on Monday." / "Voters, Roe suggested, need not worry.": a cue and
        its source set off by commas at the end of a sentence or inside it, read from the words when the
        parser hung the sentence elsewhere (the cue an adverbial clause of the content, the content's
        subject the cue's). The cue's source is the noun phrase before it between the commas (or after
        it: ", said Roe."). (cue, None) when the words are not of that shape."""
        verb = self.doc[cue.token_i]
        sent = self.at.sent_of(verb)
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.lemma_.lower() in NOT_SPEECH:
            return cue, None
        if any(c.dep_ in OBJECTS and c.i > verb.i and not self._inverted_aside(verb, c) for c in verb.children):
            return cue, None  # "…, Roe called the plan a fraud": the verb's own words follow it
        k = verb.i - 1
        while k > sent.start and not self.doc[k].is_punct and verb.i - k <= SET_OFF_SOURCE:
            k -= 1
        comma = self.doc[k]
        if comma.text not in (",", "—", "–") and not (comma.is_quote and self.doc[k - 1].text == ","):
            return cue, None
        k -= 1 if comma.is_quote else 0
        subject = [t for t in self.doc[k + 1 : verb.i] if not t.is_punct]
        lead = self._trim(self._doubled_open_before(sent.start_char), self.doc[k].idx)
        if lead[1] - lead[0] < 2 or self.at.in_quote(lead[0]) and self.at.in_quote(lead[1] - 1):
            return cue, None
        rest = [t for t in self.doc[verb.i + 1 : sent.end] if not t.is_space]
        stop = next((j for j, t in enumerate(rest) if t.text in (",", ";", "—", "–")), None)
        if subject:
            if any(t.pos_ in ("VERB", "AUX") for t in subject) or not any(
                t.pos_ in ("NOUN", "PROPN", "PRON") for t in subject
            ):
                return cue, None
            src = next((t for t in subject if t.head.i < subject[0].i or t.head.i > subject[-1].i), subject[-1])
        else:  # ", said the mayor, Jane Roe."
            names = list(itertools.takewhile(lambda t: not t.is_punct, rest))
            src = next((t for t in names if t.pos_ in ("NOUN", "PROPN")), None)
            if src is None:
                return cue, None
            src = next((t for t in names if t.head.i == verb.i and t.pos_ in ("NOUN", "PROPN")), src)
        aside = rest[:stop] if stop is not None else rest
        if any(t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in t.children) for t in aside):
            return cue, None  # "…, Roe said he …": a clause of its own after the cue, read by the parse
        if cue.mention is None or not (lead[1] <= cue.mention[0] < sent.end_char):
            lex = cue_lexicon()
            lemma = verb.lemma_.lower()
            made = self.f.make_cue(verb, verb.text, *lex.get(lemma, (cue.group, cue.weight)), src)
            if made is None:
                return cue, None
            cue = made
        after = [t for t in rest[stop + 1 :] if not t.is_punct] if stop is not None else []
        if after and after[0].tag_ in ("WDT", "WP", "WP$"):
            # "And the council, said Roe, who knows them, will vote …": past the source's relative clause
            more = next((j for j in range(stop + 1, len(rest)) if rest[j].text in (",", ";", "—", "–")), None)
            after = [t for t in rest[more + 1 :] if not t.is_punct] if more is not None else []
        if after and after[0].tag_ not in ("WDT", "WP", "WP$", "VBG") and any(t.pos_ in ("VERB", "AUX") for t in after):
            # "Voters, Roe suggested, need not worry": the sentence goes on after the cue's phrase
            return cue, ((sent.start_char, sent.end_char), f"the sentence '{verb.text}' is set into", "set-into", None)
        first = self.doc.char_span(lead[0], lead[1], alignment_mode="expand")
        if not any(t.pos_ in ("VERB", "AUX") for t in self.doc[first.start if first else sent.start : k]):
            return cue, None  # "In a statement on Monday, Roe said.": no claim before the cue
        return cue, (lead, f"the words before '… {verb.text}'", "set-off", None)

    def _doubled_open_before(self, at: int) -> int:
        """Where a run between doubled apostrophes that is open at ``at`` begins, in its paragraph: a
        sentence the parser split off inside it ("''Did it hurt? No, not at all,'' she said.") starts
        with the run. ``at`` when no run is open there."""
        ps = self.text.rfind("\n", 0, at) + 1
        pe = self.text.find("\n", at)
        for m in DOUBLED.finditer(self.text, ps, len(self.text) if pe < 0 else pe):
            if m.start() < at < m.end() - 2:
                return m.start()
            if m.start() >= at:
                break
        return at

    def _according_content(self, cue: Cue):
        tok = self.doc[cue.token_i]
        sent = self.at.sent_of(tok)
        to = self.doc[tok.i + 1]
        phrase = sorted({t.i for t in tok.subtree} | {t.i for t in to.subtree} | {tok.i, to.i})
        ps, pe = phrase[0], phrase[-1] + 1
        name = self._name_set_off(pe, sent)
        if name is not None:  # "According to the port's director, Jan Roe, the …": the name is the source's
            pe = name
        if ps <= sent.start + 1 or self.doc[ps - 1].text == ":":  # "Some context: according to X, …" too
            s = self.doc[pe].idx if pe < sent.end else sent.end_char
            return (s, sent.end_char), "the rest of the sentence after 'according to'", "according-after", None
        if pe >= sent.end - 2:
            return (sent.start_char, tok.idx), "the sentence before 'according to'", "according-before", None
        return (sent.start_char, sent.end_char), "the sentence around 'according to'", "according-around", None

    def _cue_words(self, verb) -> str:
        """The reporting verb as a citation must show it: with its negation ("did not say", "has never
        claimed"), which turns the content into what the source did not say, or with the refusal it hangs
        on ("declined to say", "did not want to say"): words the source would not say."""
        head = verb.head
        if (
            verb.dep_ == "xcomp"
            and head.i < verb.i
            and (head.lemma_.lower() in REFUSALS or any(c.dep_ == "neg" for c in head.children))
        ):
            first = min((c.i for c in head.children if c.dep_ in ("aux", "neg") and c.i < head.i), default=head.i)
            return self.doc[first : verb.i + 1].text
        if not any(c.dep_ == "neg" for c in verb.children):
            return verb.text
        first = min((c.i for c in verb.children if c.dep_ in ("aux", "neg") and c.i < verb.i), default=verb.i)
        return self.doc[first : verb.i + 1].text

    def _name_set_off(self, at: int, sent) -> int | None:
        """After a source phrase, a name set off by commas (", Jan Roe,"): the index after its closing
        comma; else None."""
        if at >= sent.end or self.doc[at].text != ",":
            return None
        for k in range(at + 2, min(at + 7, sent.end - 1)):
            if self.doc[k].text == ",":
                words = self.doc[at + 1 : k]
                return k + 1 if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words) else None
        return None

    def _colon_records(self) -> list[Quote]:
        """ "Roe: Plan is dead" / "ROE: Thank you." — a short source name opening a line, then a colon."""
        out = []
        turns = self._quoted_turns()
        voices = self.f.interview.voices
        for m in COLON_LEAD.finditer(self.text):
            name = m.group("name").strip()
            if name in QA_LABELS:
                name = name[0]  # "QUESTION", "ANSWER": an interview's lines written out
            if name.lower() in NOT_SOURCES or (len(name) < 2 and name not in ("Q", "A")):
                continue
            s, e = self._trim(m.start("rest"), m.end("rest"))
            inside = self._quoted_in(s, e)
            if m.group("open"):  # '"ROE: …' — a transcript quoted whole: the line is Roe's turn
                run = turns.get(m.start("open"))
                if run is None or not name.isupper():
                    continue
                e = self._trim(s, min(run.end, e))[1]
                inside = [(a, b) for a, b in inside if a != run.open_at]
            if e - s < 8 or (inside and (m.group("open") or not self._is_turn(m.start()))):
                continue  # a turn of an interview or a transcript is the speaker's whole, quotes and all
            span = self.doc.char_span(m.start("name"), m.start("name") + len(name), alignment_mode="expand")
            if span is None:
                continue
            caps = name.isupper()
            named = any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in span)
            headline = m.start() < self.at.para_span(0)[1] + 1 and len(span) == 1 and name[:1].isupper()
            if not named and (
                any(t.ent_type_ in ("DATE", "TIME") for t in span)
                or (not headline and all(t.ent_type_ in ("GPE", "LOC") for t in span))
            ):
                continue  # "Tuesday: talks collapse", "Kastren: the crossing stays closed": a timeline's day or place
            if headline and not caps and span[0].tag_ == "NNS" and not span[0].ent_type_:
                # "Letters: …", "Readers: …": a section's label (plural, nobody named), no source; a
                # surname the tagger took for a plural ("Sanders: …") names the person the article names
                if self.a.table.lookup_word(name, m.start("name")) is None:
                    continue
            if caps and self._section_label(name):
                continue  # "WHY IT MATTERS: …", "THE BOTTOM LINE: …": a section's heading, no one speaking
            if not (caps or named or headline or all(t.pos_ == "PROPN" for t in span)):
                continue
            if not caps and any(
                t.pos_ in ("VERB", "AUX") and t.text.islower() and t.lemma_.lower() not in cue_lexicon() for t in span
            ):
                continue  # "Bill is back: …", "Roe has won three states:": a sentence leading in, no source's label
            if not named and any(t.lower_ in HEADING_LINKS for t in span[1:-1]):
                continue  # "Storm Over Harbour: …": a title's phrase, no one's name
            at = m.start("name")
            ent = next((t for t in span if t.ent_type_ in ("PERSON", "ORG")), None)
            ent_span = self.at.ent_of(ent) if ent is not None and not caps else None
            if ent_span is not None and ent_span.end_char <= at + len(name):
                if any(t.pos_ == "VERB" and t.i > ent_span.end and self.doc[t.i - 1].lower_ == "to" for t in span):
                    continue  # "Limited Means to Fight Floods: …": a section heading, not a source
                after = self.text[ent_span.end_char : at + len(name)].split()
                if (
                    after
                    and after[0] != "to"
                    and all(w[:1].islower() for w in after)
                    and after[-1] not in speaking_heads()
                ):
                    continue  # "Ferry fares: board defends rise": a topic and its news, not Ferry speaking
                name, at = ent_span.text, ent_span.start_char  # "Roe to Voters: …": Roe speaks
            elif len(name.split()) > 4:
                continue
            if name in ("Q", "A"):  # an interview's question and answer lines
                res, how = voices[name], f"an interview's {'question' if name == 'Q' else 'answer'} line"
            elif name.lower() in LABEL_ROLES:  # "REPORTER: …": someone in that role, unnamed
                role = LABEL_ROLES[name.lower()]
                res, how = Resolution(None, role, 0.8, f"'{name}' names a role"), f"the line after '{name}:'"
            else:
                res = self.a.table.resolve_name(name.title() if caps else name, "PERSON" if caps else "", at)
                how = f"the {'transcript ' if m.group('open') else ''}line after '{name}:'"
            cue = Cue(span.root.i, ":", "neutral", 0.9, (at, at + len(name)), name, res)
            out.append(self._record(s, e, cue, how))
        return out

    @staticmethod
    def _section_label(name: str) -> bool:
        """A label in capitals that heads a section rather than naming a speaker: a question's words
        ("WHAT HAPPENS NEXT", "WHY IT MATTERS") or "THE" and a noun no one is ("THE RATING", "THE BOTTOM
        LINE"; "THE PRESIDENT" and "THE COURT" speak)."""
        words = name.lower().split()
        if len(words) > 1 and words[0] in SECTION_QUESTIONS:
            return True
        return (
            len(words) > 1
            and words[0] == "the"
            and not (words[-1] in speaking_heads() or words[-1] in role_classes() or words[-1].endswith("s"))
        )

    @cached_property
    def _turn_speakers(self) -> collections.Counter:
        """How many lines each label's last word opens ("ELLEN ROE, GAZETTE:" and "ROE:" are one speaker)."""
        found = (TURN_LABEL.match(self.text, at) for at in self.at.para_starts)
        return collections.Counter(m.group("label").split()[-1] for m in found if m is not None)

    def _is_turn(self, line: int) -> bool:
        """Whether the line starting at ``line`` is a turn of an interview (two "Q:"/"A:" lines at least) or
        of a transcript (a speaker's label that opens another line too): never a dateline or a section's
        label used once ("WASHINGTON: …", "WHY IT MATTERS: …")."""
        m = TURN_LABEL.match(self.text, line)
        if m is None:
            return False
        if m.group("label") in QA_LABELS:
            return len(self.f.interview.lines) >= 2  # counted once: a transcript of many lines asks for each
        return self._turn_speakers[m.group("label").split()[-1]] >= 2

    def _whole_turn(self, record: Quote) -> bool:
        """A record that is an interview's or a transcript's whole turn ("A: …", "ROE: …"): the speaker's,
        whatever reports it holds."""
        line = self.text.rfind("\n", 0, record.start) + 1
        m = TURN_LABEL.match(self.text, line)
        return m is not None and m.end() >= record.start - 1 and self._is_turn(line)

    def _quoted_turns(self) -> dict[int, Run]:
        """Quoted runs that are a transcript's turns ('"ROE: …' to the paragraph's end), by where they
        open; at least two in the article, so that one quoted notice ('"ATTENTION: …') is no speaker."""
        turns = {}
        for run in self.runs:
            line_end = self.text.find("\n", run.open_at)
            line_end = len(self.text) if line_end < 0 else line_end
            after = self.text[run.close_at + 1 : line_end] if run.close_at is not None else ""
            if TRANSCRIPT_LINE.match(self.text[run.start : run.end]) and not after.strip(" \t.,;:!?"):
                turns[run.open_at] = run
        return turns if len(turns) >= 2 else {}

    # -- records --------------------------------------------------------------------------------

    def _noun_cues(self) -> list[Candidate]:
        """ "Roe's claim that the count was rigged", "his pledge to cut taxes": a reporting noun with
        a that-clause or an infinitive; its source is the possessor or a name before it, if any."""
        out = []
        lex = cue_lexicon()
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "NOUN" or lemma not in lex or lex[lemma][0] == "cognition" or self.at.ignored(tok.idx):
                continue
            head = next(
                (
                    c
                    for c in tok.children
                    if c.i > tok.i
                    and c.dep_ in ("acl", "ccomp", "relcl")
                    and any(
                        (d.dep_ == "mark" and d.lower_ == "that") or (d.dep_ == "aux" and d.tag_ == "TO")
                        for d in c.children
                    )
                    and not any(d.dep_ in ("nsubj", "dobj") and d.lower_ in ("that", "which") for d in c.children)
                ),
                None,
            )
            if head is None or self.at.in_quote(head.idx) or head.i in self.f.cues:
                continue  # "made a point to say that …": the cue verb in it reports, with its own source
            src = next(
                (c for c in tok.children if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")), None
            )
            cue = self.f.make_cue(tok, tok.text, *lex[lemma], src) if src is not None else None
            if cue is None:
                cue = Cue(tok.i, tok.text, lex[lemma][0], lex[lemma][1], None, None, None)
            sent = self.at.sent_of(tok)
            s, e = self._clause_span(head, sent)
            span = self._outside_quotes(s, e)
            if span is not None:
                out.append(Candidate(span, cue, f"what the {tok.text} says", "noun", head, self._trim(s, e)))
        return out

    def _second_report(self, cue: Cue, cues: dict[int, Cue]) -> Cue:
        """ "Roe said the plan was sound and warned against delays": the parser hangs the second
        verb on the reported clause, whose subject ("the plan") then looks like its source. The
        source of the first report speaks."""
        verb = self.doc[cue.token_i]
        clause = verb.head
        outer = cues.get(clause.head.i)
        if verb.dep_ != "conj" or clause.dep_ not in CONTENT_DEPS or outer is None or outer is cue:
            return cue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or outer.mention is None:
            return cue
        return replace(outer, token_i=cue.token_i, text=cue.text, group=cue.group, weight=cue.weight)

    def candidates(self) -> list[Candidate]:
        """Every reported content a cue could govern, before the model weighs them."""
        cands = self._noun_cues()
        cues = {**self._unnamed_cues(), **self.f.cues}
        for k, i in enumerate(sorted(cues)):
            self.a.checkpoint(k)
            cue = cues[i]
            if cue.group == "cognition" and self.doc[i].lemma_.lower() not in SPOKEN_COGNITION:
                continue
            if self._hypothetical(self.doc[i]) or self._speaker_in_own_words(cue):
                continue
            cue = self._second_report(cue, cues)
            if cue.text == "according to":
                found = self._according_content(cue)
            elif self.doc[i].pos_ in ("VERB", "AUX"):
                found = self._verb_content(cue)
                if found is None:
                    cue, found = self._set_off_content(cue)
            else:
                found = None
            if found is None:
                continue
            (s, e), how, shape, head = found
            span = self._outside_quotes(*self._with_doubled_quotes(s, e, self.doc[i].idx))
            if span is None:
                continue
            tail = None
            if shape in ("object", "preposition"):
                tail = self._verb_phrase_end(self.doc[i], head if shape == "object" else head.head)
            whole = self._outside_quotes(*self._with_doubled_quotes(s, tail, self.doc[i].idx)) if tail else None
            cands.append(Candidate(span, cue, how, shape, head, self._trim(s, e), whole))
        return sorted(cands, key=lambda c: c.cue.token_i)

    def _speaker_in_own_words(self, cue: Cue) -> bool:
        """A cue of "I", "we" or "you" inside a run between doubled apostrophes (''…'', closed or left
        open to the end of its paragraph), which the quote scanner does not read as quotation marks:
        the quoted speaker's own words ("''I am here to tell you …''"), no report naming anyone."""
        if (cue.mention_text or "").casefold() not in ("i", "we", "you"):
            return False
        at = self.doc[cue.token_i].idx
        return bool(self._open_doubled(self.text.rfind("\n", 0, at) + 1, at))

    @staticmethod
    def _hypothetical(verb) -> bool:
        """A saying nobody did: "Let's say you think …", "one could say …", "you might say …" — a
        supposition or a way of putting it, not a report of anyone's words."""
        if verb.head.lemma_.lower() == "let" and verb.dep_ in ("ccomp", "xcomp"):
            return True
        modal = any(c.dep_ == "aux" and c.lower_ in ("could", "might", "would", "can") for c in verb.children)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return modal and subject is not None and subject.lower_ in ("one", "you")

    def records(self) -> list[Quote]:
        cands = self.candidates()
        model = load_model()
        prob = {id(c): model.probability(features(self, c)) if model is not None else 1.0 for c in cands}
        if model is not None:
            for c in cands:
                if self._claim_beside_its_quote(c):
                    prob[id(c)] = max(prob[id(c)], BESIDE_ITS_QUOTE)
            cands = [c for c in cands if prob[id(c)] >= model.threshold]
        out = []
        relays = {id(o): o for o in cands if self._relayed_report(o, cands)}
        for k, cand in enumerate(cands):
            self.a.checkpoint(k)
            (s, e), cue, how = cand.span, cand.cue, cand.how
            if id(cand) in relays:
                continue
            at = self.doc[cue.token_i].idx
            outer = [o for o in cands if o.cue is not cue and o.span[0] <= at < o.span[1] and o.span != (s, e)]
            relay = next((o for o in outer if id(o) in relays), None)
            outer = [o for o in outer if id(o) not in relays]
            if any(not self._holds_cue_of(cand, o) or prob[id(o)] > prob[id(cand)] for o in outer):
                # a report inside reported content: the outer source speaks; of two that each hold the
                # other's cue ("A told her that …, according to B"), the likelier reading stands
                continue
            if relay is not None and cue.reported_by is None:
                cue = replace(cue, reported_by=self._outlet_name(relay.cue))
            if any(
                o.span[0] <= s and e <= o.span[1] and o.span != (s, e) and o.cue.token_i == cue.token_i for o in cands
            ):
                continue
            out.append(self._weighed(self._record(*(cand.whole or (s, e)), cue, how), model, prob[id(cand)]))
        out += [
            q
            for q in self._colon_records()
            if self._whole_turn(q) or not any(o.start < q.end and q.start < o.end for o in out)
        ]
        out += self._doubled_continuations(out)
        seen, uniq = set(), []
        for q in sorted(
            out, key=lambda q: (q.start, -q.end, -q.confidence)
        ):  # of two readings of one span, the likelier
            if (q.start, q.end) not in seen:
                seen.add((q.start, q.end))
                uniq.append(q)
        return uniq

    def _open_doubled(self, start: int, end: int) -> int | None:
        """Where the run between doubled apostrophes still open at ``end`` opened, counting marks from
        ``start`` (a paragraph's or line's start); None when every run there is closed."""
        marks = [m.start() for m in DOUBLED_MARK.finditer(self.text, start, end)]
        return marks[-1] if len(marks) % 2 else None

    def _doubled_continuations(self, records: list[Quote]) -> list[Quote]:
        """A paragraph that reopens a run between doubled apostrophes left open at the end of the paragraph
        before (''A … / ''B …'' — how an archive writes a quote over several paragraphs): the same
        speaker goes on, the words up to the run's close (or the paragraph's end) one more record."""
        out: list[Quote] = []
        for k in range(1, len(self.at.para_starts)):
            ps, pe = self.at.para_span(k)
            before = self.at.prev_para(k)
            if before is None or not self.text.startswith("''", ps):
                continue
            prev_s, prev_e = self.at.para_span(before)
            opened = self._open_doubled(prev_s, prev_e)
            if opened is None:
                continue
            said = next(
                (q for q in reversed(records + out) if q.speaker and q.start <= opened + 2 < q.end + 2 <= prev_e + 2),
                None,
            )
            close = self.text.find("''", ps + 2, pe)
            s, e = ps, (close + 2 if close >= 0 else pe)
            while e > s and self.text[e - 1].isspace():
                e -= 1
            if said is None or e - s < 2 or any(q.start < e and s < q.end for q in records):
                continue
            out.append(
                replace(
                    said,
                    start=s,
                    end=e,
                    text=self.text[s:e],
                    reason="reported speech: the quote of the paragraph before goes on; "
                    + said.reason.removeprefix("reported speech: "),
                )
            )
        return out

    def _relayed_report(self, cand: Candidate, cands: list[Candidate]) -> bool:
        """ "Roe said the state would claw back the credits, the Herald reported": a body reporting a
        content that is someone's report of their own passes it on (the person speaks, the body is
        ``reported_by``), as for quotes. Only a "report" verb whose content opens on another person's
        report."""
        cue = cand.cue
        res = cue.resolution
        if self.doc[cue.token_i].lemma_.lower() != "report" or self._outlet_name(cue) is None:
            return False
        s, e = cand.span
        return any(
            o is not cand
            and s <= self.doc[o.cue.token_i].idx < e
            and o.cue.mention is not None
            and o.cue.mention[0] - s < 60
            and o.cue.resolution is not None
            and o.cue.resolution.entity is not None
            and o.cue.resolution.entity.label == "PERSON"
            and (res is None or o.cue.resolution.entity is not res.entity)
            for o in cands
        )

    @staticmethod
    def _outlet_name(cue: Cue) -> str | None:
        """Who a relaying report's cue names: the outlet the cue finder found, else its resolved source."""
        res = cue.resolution
        name = cue.reported_by or (res.speaker if res is not None and res.entity is not None else None)
        return LEADING_THE.sub("", name) if name else None

    def _claim_beside_its_quote(self, cand: Candidate) -> bool:
        """A content whose clause holds a quoted run and whose words outside it are a claim of their own,
        set apart from the quote: a "that" clause after it ("said “the tide has turned” and that the fleet
        would double"), or words before an aside that holds it ("said teams were sent with the divers,
        whom he called “careful,”"). The contract keeps these as reported speech beside the partial
        quote; the annotated news the filter learned from rarely marks them, so the filter does not
        decide them (they get :data:`BESIDE_ITS_QUOTE`)."""
        (s, e), (rs_, re_) = cand.span, cand.raw
        inside = [(a, b) for a, b in self.quoted if a < re_ and b > rs_]
        if not inside or not self._own_claim(s, e, aside_after=True):
            return False
        if any(b <= s for a, b in inside) and re.match(r"(?:(?:and|but)\s+)?that\s", self.text[s:e], re.I):
            return True
        before = [b for a, b in inside if b <= s]
        if before and re.fullmatch(r"[\W]*\s(?:and|but)\s+", self.text[max(before) : s]):
            # "said the sides had settled “95 percent of the text” and were haggling only over …": a
            # second verb of the same subject after the quote, with a claim of its own
            first = self.doc.char_span(s, s + 1, alignment_mode="expand")
            return first is not None and first[0].pos_ in ("VERB", "AUX")
        between = self.text[e : min(a for a, b in inside if a >= e)] if any(a >= e for a, b in inside) else ""
        return bool(
            re.match(r"\s*,?\s*(?:(?:whom|who|which)\b|(?:and|but)\s+that\b)", between)
            or TRAILING_CC.fullmatch(" " + between.rstrip())
        )

    @staticmethod
    def _weighed(record: Quote, model: ReportedModel | None, probability: float) -> Quote:
        """A filtered record with a speaker: its confidence is the filter's probability times how often a
        source of its confidence is the speaker (:meth:`ReportedModel.confidence`)."""
        if model is None or record.speaker is None:
            return record
        return replace(
            record,
            confidence=model.confidence(probability, record.confidence),
            reason=f"{record.reason} (report model {probability:.2f})",
        )

    def _holds_cue_of(self, cand: Candidate, other: Candidate) -> bool:
        """Whether the content of ``cand`` holds the cue of ``other``."""
        return cand.span[0] <= self.doc[other.cue.token_i].idx < cand.span[1]

    def _with_doubled_quotes(self, s: int, e: int, cue_at: int) -> tuple[int, int]:
        """Widen a content to the whole of a run between doubled apostrophes (''…'') it touches: the
        quote scanner does not read them as quotation marks, so they are reported content. A second
        run right after the cue (''A,'' Roe said. ''B.'') goes on with the first; a run of the next
        paragraph never does (a sentence ends past its paragraph's line break)."""
        while e > s and self.text[e - 1].isspace():
            e -= 1
        ps = self.text.rfind("\n", 0, s) + 1
        pe = self.text.find("\n", e)
        pe = len(self.text) if pe < 0 else pe
        if (ps, pe) not in self._doubled:  # read once per paragraph: an article on one line is one paragraph
            found = [(m.start(), m.end()) for m in DOUBLED.finditer(self.text, ps, pe)]
            self._doubled[ps, pe] = (found, [a for a, _ in found], [b for _, b in found])
        runs, starts, ends = self._doubled[ps, pe]
        touched = list(range(bisect.bisect_right(ends, s), bisect.bisect_left(starts, e)))
        if not touched:
            return s, e
        ts, te = self._trim(s, e)
        quoted = runs[touched[0]][0] <= ts + 2 or runs[touched[-1]][1] >= te  # it opens or ends the content
        first_a, first_b = runs[touched[0]]
        if (
            first_a <= ts + 2
            and first_b <= cue_at
            and self.text[first_b - 3 : first_b] in (",''", "?''", "!''", ".''")  # not "''Jeopardy'' will …"
            and len(self.text[first_b:cue_at].split()) <= 4
        ):
            # "''A,'' Roe said, also pointing to …": the run the cue follows, not the rest of its sentence
            e = first_b
            touched = touched[:1]
        s, e = min(s, runs[touched[0]][0]), max(e, runs[touched[-1]][1])
        if not quoted:  # "Roe is joining the ''Today'' show, NBC announced.": a title inside it, no quotation
            return s, e
        for a, b in runs[touched[-1] + 1 :]:
            if not (e <= cue_at < a or a - e <= 3) or a - e > 250 or self._another_report(e, a, cue_at):
                break
            if self._cued_after(b, cue_at):  # "''A,'' Roe said. ''B,'' she added": B is the next report's
                break
            if (
                self.text[max(0, a - 20) : a].rstrip()[-1:] not in ".,:;?!'"
            ):  # "…,'' Roe told the ''Today'' show": a title
                break
            e = b
        return s, e

    def _cued_after(self, at: int, cue_at: int) -> bool:
        """A run that ends at ``at`` with a comma, a question or an exclamation mark and a reporting cue
        right after it ("…,'' she added", "…?'' she asked"), other than the one at ``cue_at``: the run is
        that cue's."""
        if self.text[at - 3 : at] not in (",''", "?''", "!''"):
            return False
        end = min(len(self.text), at + 60)
        end = min((k for k in (self.text.find(".", at, end), self.text.find("\n", at, end)) if k >= 0), default=end)
        return any(at <= self.doc[i].idx < end and self.doc[i].idx != cue_at for i in self.f.cues)

    def _another_report(self, s: int, e: int, cue_at: int) -> bool:
        """A reporting cue between two runs besides the one they hang on ("''A,'' Roe said. But Wren
        added, ''B''", "…,'' Roe said, adding that …"): the next run is that report's. A participle
        on the cue that says how ("…,'' Roe said, referring to the pier. ''B''") is no other report."""
        for i in self.f.cues:
            tok = self.doc[i]
            if not s <= tok.idx < e or tok.idx == cue_at:
                continue
            if tok.tag_ == "VBG" and tok.head.idx == cue_at and tok.lemma_.lower() != "add":
                continue
            if tok.pos_ in ("NOUN", "PROPN") and tok.head.dep_ == "prep" and tok.head.head.idx == cue_at:
                continue  # "…,'' Roe said in her opening statement. ''B''": where she said it
            return True
        return False

    def _outside_quotes(self, s: int, e: int) -> tuple[int, int] | None:
        s, e = self._trim(s, e)
        if e - s < 2:
            return None
        inside = self._quoted_in(s, e)
        if not inside:
            return s, e
        pieces, at = [], s
        for a, b in inside:
            if a > at:
                pieces.append((at, a))
            at = max(at, b)
        if at < e:
            pieces.append((at, e))
        pieces = [self._trim(*self._no_leading_conjunction(a, b)) for a, b in pieces]
        split = {p: self._before_second_that(*p) for p in pieces}
        pieces = [split[p] or p for p in pieces]
        claims = [(a, b) for a, b in pieces if b - a > 0 and ((a, b) in split.values() or self._own_claim(a, b))]
        if not claims:  # "said divers went along, whom he called “careful,” …": the claim before the aside
            cut = [(a, self._before_aside(a, b)) for a, b in pieces if b - a > 0]
            claims = [(a, b) for a, b in cut if b is not None and self._own_claim(a, b, aside_after=True)]
        if not claims:  # "said it had approved funding and was “actively recruiting”": the first claim
            cut = [(a, m.start()) for a, b in pieces if (m := TRAILING_CC.search(self.text, a, b)) is not None]
            claims = [(a, b) for a, b in cut if self._own_claim(a, b, coordinated_after=True)]
        if not claims:
            return None
        return max(claims, key=lambda p: p[1] - p[0])

    def _before_second_that(self, s: int, e: int) -> tuple[int, int] | None:
        """A claim's words less a second that-clause whose words the quote after them gives ("said the
        port would open in May, but that the terminal “…”"): the first clause is a claim of its own, the
        second the quote's (kept as a partial quote)."""
        m = SECOND_THAT.search(self.text, s, e)
        if m is None or m.start() <= s or not self.text[e : e + 3].lstrip().startswith(tuple("“\"'‘")):
            return None
        return (s, m.start()) if self._own_claim(s, m.start(), aside_after=True) else None

    def _before_aside(self, s: int, e: int) -> int | None:
        """The end of the words before the last aside in ``s:e`` that a comma sets off: a relative clause
        ("…, whom he described as") or a participle ("…, calling it"), which leads into a quoted run."""
        span = self.doc.char_span(s, e, alignment_mode="expand") or []
        for t in reversed(list(span)[1:]):
            prev = self.doc[t.i - 1]
            if prev.text == "," and (
                t.tag_ in ("WDT", "WP", "WP$") or (t.tag_ == "VBG" and t.dep_ in ("advcl", "acl"))
            ):
                return self._trim(s, prev.idx)[1]
            if t.lower_ in ("and", "but") and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "that":
                # "said revenue rose, but that margins were hit by “exceptional” costs": a second report
                return self._trim(s, (prev if prev.text == "," else t).idx)[1]
        return None

    def _no_leading_conjunction(self, s: int, e: int) -> tuple[int, int]:
        """ "… “the tide has turned” and that the fleet would double": the claim starts after "and"."""
        s, e = self._trim(s, e)
        m = LEADING_CC.match(self.text, s, e)
        return (m.end(), e) if m else (s, e)

    def _own_claim(self, s: int, e: int, *, aside_after: bool = False, coordinated_after: bool = False) -> bool:
        """Words outside the quotes that say something by themselves: a verb with its subject, both
        outside the quoted run, and at least five words. ``aside_after``: the words were cut before an
        aside set off by a comma, which the verb may govern. ``coordinated_after``: they were cut before
        "and" and a second verb, whose words (with the quote) may hang on the first."""
        if len(self.text[s:e].split()) < 5:
            return False
        for t in self.doc.char_span(s, e, alignment_mode="expand") or []:
            if t.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") and s <= c.idx < e for c in t.children
            ):
                later = (
                    {d.i for c in t.children if c.dep_ in ("conj", "cc") and c.idx >= e for d in c.subtree}
                    if coordinated_after
                    else set()
                )
                if all(s <= d.idx < e or (aside_after and d.idx >= e) or d.i in later for d in t.subtree):
                    return True
        return False

    def _content_start(self, s: int, e: int) -> int:
        """Where the reported words begin: after a dateline opening the paragraph ("KASTREN, 12 March
        (Wire) – "). A joining "that" stays, as annotated news corpora keep it."""
        m = DATELINE.match(self.text, s) or DATED_LEAD.match(self.text, s) or TIME_STAMP.match(self.text, s)
        return m.end() if m and m.end() < e else s

    def _record(self, s: int, e: int, cue: Cue, how: str) -> Quote:
        s = self._content_start(s, e)
        r = cue.resolution
        cue_text = cue.text if cue.text in ("according to", ":") else self._cue_words(self.doc[cue.token_i])
        mention = cue.mention_text
        # the source's confidence, weighed by the cue (a filtered record's is weighed again: _weighed)
        sourced = max(0.5, min(1.0, r.confidence * cue.weight * 0.9)) if r is not None else 0.5
        if r is not None and r.speaker and r.entity is None and cue.mention and r.speaker == cue.mention_text:
            mention = self._whole_description(cue, s, e) or mention
            speaker, conf = mention, sourced
            reason = f"reported speech: {how}; the source as the article describes it"
        elif r is not None and r.speaker:
            speaker, conf = r.speaker, sourced
            reason = f"reported speech: {how}; {r.reason}"
        elif cue.reported_by:
            speaker, conf = cue.reported_by, 0.6
            reason = f"reported speech: {how}; {cue.reported_by} reports it and names no other source"
        else:  # nobody it could be credited to: below the line of attributed records, like a scare quote
            speaker, conf = None, UNSOURCED
            reason = f"reported speech: {how}; its source names no one ({r.reason if r else 'none found'})"
        if speaker is not None and speaker.casefold() in PRONOUNS:
            # a word that stands for someone unresolved ("I", "That said", "You could say"): nobody named;
            # a body as the article words it ("police", "the ministry") stays its own speaker
            reason = f"reported speech: {how}; '{speaker}' names no one"
            speaker, conf = None, 0.5
        elif speaker is not None:
            speaker = speaker_shape(speaker) or speaker  # "some economists who" -> "some economists"
        return Quote(
            start=s,
            end=e,
            text=self.text[s:e],
            speaker=speaker,
            speaker_start=cue.mention[0] if cue.mention else None,
            speaker_end=cue.mention[1] if cue.mention else None,
            cue=cue_text,
            kind="indirect",
            confidence=conf,
            reported_by=cue.reported_by,
            reason=reason,
            mention=mention,
            roles=tuple(getattr(r.entity, "roles", ()) or ()) if r is not None and r.speaker else (),
        )

    def _whole_description(self, cue: Cue, s: int, e: int) -> str | None:
        """A source described rather than named, in full as written ("early results of exit polls
        conducted for the networks"): the description's phrase up to the cue or the content."""
        ms, me = cue.mention
        span = self.doc.char_span(ms, me, alignment_mode="expand")
        if span is None:
            return None
        end = me
        verb = self.doc[cue.token_i]
        inside = span.root.is_ancestor(verb)  # "…, who have argued that …"
        cue_clause = {d.i for d in verb.subtree} if inside else {verb.i}
        for t in sorted(span.root.subtree, key=lambda t: t.i):
            if t.idx < ms:
                continue
            if t.i in cue_clause or s <= t.idx < e or self.at.in_quote(t.idx) or "\n" in t.text:
                break
            if t.dep_ == "prep" and time_phrase(t):
                break  # "her aides on Friday told …": when they spoke, no part of who they are
            if t.text in (",", ";", "(", "—", "–") and t.idx >= me:
                break  # "an analysis by Jane Roe, a former aide now at …, whose …": the apposition is not its name
            end = max(end, t.idx + len(t.text))
        text = self.text[ms:end].strip(" ,;:—–-")
        words = text.split()
        while words and words[0].lower() in ("even", "also", "only", "but", "and"):
            words.pop(0)
        return " ".join(words) if 0 < len(words) <= 30 else None


def reported_speech(
    doc, runs: list[Run], text: str | None = None, date: str | None = None, attributor: Attributor | None = None
) -> list[Quote]:
    """Records of kind ``indirect`` for the reported speech of a parsed article.

    >>> [q.text for q in reported_speech(nlp("Jane Roe said the bridge would open in May."), [])]
    ['the bridge would open in May']
    """
    if not len(doc):
        return []
    text = doc.text if text is None else text
    if attributor is None:
        attributor = Attributor(doc, runs, date, text)
    return ReportedSpeech(doc, runs, text, attributor).records()
