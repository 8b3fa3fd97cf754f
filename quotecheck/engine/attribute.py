"""Speaker, cue, kind, confidence and reason for each quoted run, from the spaCy parse.

The rules, in the order they are tried for a run:

1. A reporting cue in the run's own sentence, outside quotation marks: after the closing mark
   (``“…,” Roe told reporters``, inverted ``said Jane Roe``), or before the opening mark (``Roe said:
   “…”``, ``According to Roe, …``, ``Roe said the plan was “dead”``). Cues and their sources come
   from :mod:`quotecheck.engine.cues`; a dash byline right after the closing mark (``“…” ― Jane Roe``)
   counts as a cue too. With no reporting verb, a quoted sentence introduced by a colon is the words of
   the subject of the clause before it (``Roe was blunt: “…”``), a weaker cue.
2. Another run of the same paragraph already attributed: the second half of a split quote.
3. A run that reopens the quote of the previous paragraph, or a quote-only paragraph right after a
   paragraph that ended in an attributed quote: a continuation of the same speaker. A quote over
   several reopened paragraphs takes the speaker of its best-cued paragraph.
4. A dash line under an embedded post (``— Some Pool (@handle) April 24, 2019``) above a quote-only
   paragraph: the post's author as written.
5. A quote-only paragraph after a sentence that names a source: that source, with low confidence.
6. A fragment with no cue at all: the person its sentence is about, or the paragraph's last source,
   at confidence one half.

Runs that look like headings, titles, scare quotes or markup (:mod:`quotecheck.engine.shapes`) are kept
with no speaker and a confidence below 0.5 ("found but not claimed").
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Quote
from .cues import Cue, CueFinder, cut_cues_from_names, governs, relative_antecedent
from .dates import resolve_date
from .entities import EntityReader
from .layout import Layout
from .mentions import MentionReader
from .quotes import Run
from .ranker import choose
from .resolve import EntityTable, is_rank, name_shaped
from .shapes import (
    DASH_AFTER,
    DASH_LINE,
    NAME_RUN,
    SENT_END,
    SIGNATURE_LINE,
    TIME_STAMP,
    is_linked_headline,
    is_markup,
    is_nickname,
    looks_like_title,
    names_a_work,
    transcript_label,
)

log = logging.getLogger(__name__)
CHECK_EVERY = 64
"""Quotes or reports attributed between two looks at :attr:`Attributor.check`."""

SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.IGNORECASE)
"""Words right before a quoted term that mark it as someone else's term, not words quoted ("the so-called “reform”")."""


# Verbs and nouns whose object is the very words said, chanted or written on a thing, whoever or
# whatever says them ("a sign that read “…”", "chants of “…”"): a quotation, even in title case.
_SAYING_VERBS = frozenset("say read chant shout yell scream exclaim cry mutter whisper".split())
_SAYING_NOUNS = frozenset("chant chants cry cries shout shouts scream screams".split())
_OBJECT_DEPS = ("dobj", "ccomp", "xcomp", "oprd", "attr", "parataxis", "dep")


def _words_said(qroot) -> bool:
    """Whether the quote is the object of a saying verb ("the banner read “…”", "a cap reading “…”",
    "chanted “…”") or of "chants of" and the like."""
    head = qroot.head
    if head.i == qroot.i:
        return False
    if qroot.dep_ in _OBJECT_DEPS and head.lemma_.lower() in _SAYING_VERBS:
        return True
    return qroot.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _SAYING_NOUNS


def _term_talked_about(qroot, run: Run, content: str) -> bool:
    """'“Netting” is a word for …', '“Containment” has been the policy': one or two quoted words
    opening a sentence, no punctuation of a sentence or clause inside the marks, that are the subject
    of a verb outside them. The article talks about the word; nobody is quoted saying it (a speaker's
    “That,” he added, … keeps its comma)."""
    return (
        len(content.split()) <= 2
        and content.rstrip()[-1:] not in ",.;:!?…"
        and qroot.dep_ in ("nsubj", "nsubjpass")
        and not run.start <= qroot.head.idx < run.end
    )


@dataclass
class _Result:
    speaker: str | None = None
    span: tuple[int, int] | None = None
    mention: str | None = None
    cue: str | None = None
    confidence: float = 0.0
    reason: str = ""
    reported_by: str | None = None
    entity: object = None
    said_on: str | None = None
    rule: str = ""
    kind: str = "direct"
    side: str | None = None  # where the rules' cue stands: "before" or "after" the quote
    quote_only: bool = False
    lead: bool = False


class Attributor:
    """Attributes every run of one parsed article."""

    def __init__(self, doc, runs: list[Run], date: str | None = None, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text
        self.runs = runs
        self.date = date
        # the readers of the parse, each with one job, sharing the layout and the entity table
        cut_cues_from_names(doc)
        self.at = Layout(doc, runs, date, self.text)
        self.table = EntityTable()
        self.entities = EntityReader(self.at, self.table)
        self.mentions = MentionReader(self.at, self.table, self.entities)
        self.entities.mentions = self.mentions
        self.entities.build()
        self.finder = CueFinder(self.at, self.table, self.mentions)
        self.finder.build()
        self.headline_end = self.at.headline_end
        self.titles: set[int] = set()  # where runs open that name a thing, once quotes() has read them
        self._about: dict[int, object] = {}  # sentence start → the person or body it is about (or None)
        # called every CHECK_EVERY quotes and reports: may raise to stop (Cancel, progress.Cancelled)
        self.check: Callable[[], None] | None = None
        self.tok_starts = doc.to_array("IDX").tolist() if len(doc) else []

    def checkpoint(self, k: int) -> None:
        """Let a person's Cancel in at every :data:`CHECK_EVERY`-th unit of work ``k``: a text of
        thousands of quotes takes seconds to attribute."""
        if self.check is not None and k % CHECK_EVERY == CHECK_EVERY - 1:
            self.check()

    def token_at(self, char: int):
        i = max(0, bisect.bisect_right(self.tok_starts, char) - 1)
        return self.doc[min(i, len(self.doc) - 1)]

    def quotes(self) -> list[Quote]:
        if not len(self.doc):
            return []
        results: list[_Result] = []
        for k in range(len(self.runs)):
            self.checkpoint(k)
            res = self._attribute(k, results)
            if res.speaker:
                res = choose(self, k, res, results)
            if res.speaker is not None and res.entity is not None:
                self.table.add_source(res.entity, self.runs[k].open_at)
            results.append(res)
        self._share_along_chains(results)
        # runs that name a thing ("the “Harbour Forward” plan") or hold a term at arm's length: reported
        # speech reads their words as its own, not as a quotation it must step around
        self.titles = {run.open_at for run, res in zip(self.runs, results, strict=False) if res.rule == "title"}
        out = []
        for run, res in zip(self.runs, results, strict=False):
            out.append(
                Quote(
                    start=run.start,
                    end=run.end,
                    text=self.text[run.start : run.end],
                    speaker=res.speaker,
                    speaker_start=res.span[0] if res.span else None,
                    speaker_end=res.span[1] if res.span else None,
                    cue=res.cue,
                    kind=res.kind,
                    confidence=max(0.0, min(1.0, res.confidence)),
                    reported_by=res.reported_by,
                    said_on=res.said_on,
                    reason=res.reason,
                    mention=res.mention,
                    roles=tuple(getattr(res.entity, "roles", ()) or ()) if res.speaker else (),
                )
            )
        return out

    # -- one run -------------------------------------------------------------------------------

    def _regions(self, run: Run):
        """Tokens outside quotes after the closer (same sentence) and before the opener (same sentence)."""
        f = self.at
        open_tok = self.token_at(run.open_at)
        close_tok = self.token_at(run.close_at if run.close_at is not None else max(run.end - 1, run.start))
        after = []
        sent = f.sent_of(close_tok)
        for t in self.doc[close_tok.i + 1 : sent.end]:
            if f.in_quote(t.idx) or "\n" in t.text:
                break
            after.append(t)
        if (
            all(t.is_punct for t in after)
            and sent.end < len(self.doc)
            and "\n" not in self.text[close_tok.idx : self.doc[sent.end].idx]
        ):
            # A closing mark spaCy ended the sentence on: the cue is in the short clause that follows. After
            # a quote ending in ! or ? the sentence may go on however long it is ("“…!” Roe shouted, a nod
            # to …"), so its opening clause counts; after a full stop a long sentence is a new one.
            nxt = self.at.sent_of(self.doc[sent.end])
            long = len(nxt) > 12
            if not f.in_quote(nxt.start_char) and (not long or self.text[run.start : run.end].endswith(("!", "?"))):
                for t in nxt[:8] if long else nxt:
                    if f.in_quote(t.idx) or "\n" in t.text or (long and t.text in (",", ";", "—", "–")):
                        break
                    after.append(t)
        before = []
        osent = f.sent_of(open_tok)
        para_start = f.para_starts[f.para_of(run.open_at)]
        start = osent.start
        if osent.start > 0:
            prev_sent = f.sent_of(self.doc[osent.start - 1])
            last = next((t for t in reversed(prev_sent) if not t.is_space), None)
            if last is not None and last.text == ":" and prev_sent.start_char >= para_start:
                start = prev_sent.start  # "He revealed some details: first, talks will be “narrow”"
        # the words since the last one in a quote (or the paragraph's start), walked back from the opener:
        # a sentence of a thousand quotes pays for the gaps between them, not for its whole length each time
        first = open_tok.i
        while first > start and self.doc[first - 1].idx >= para_start and not f.ignored(self.doc[first - 1].idx):
            first -= 1
        before = list(self.doc[first : open_tok.i])
        return open_tok, close_tok, after, before

    def _lead(self, run: Run, before) -> str:
        if not before:
            return ""
        return self.text[before[0].idx : run.open_at].strip()

    def _kind(self, run: Run, lead: str, cue_side: str | None, cue: Cue | None) -> str:
        if not lead or lead.endswith(":"):
            return "direct"
        content = self.text[run.start : run.end]
        if lead.endswith(",") and cue is not None and cue_side == "before" and content[:1].isupper():
            return "direct"
        if re.search(r"[.!?][\"'”’)]*$", lead) and content[:1].isupper() and SENT_END.search(content):
            return (
                "direct"  # "… told reporters shortly after 1 a.m. “By midnight, it was over.”": a sentence of its own
            )
        return "partial"

    def _attribute(self, k: int, done: list[_Result]) -> _Result:
        run, f = self.runs[k], self.at
        content = self.text[run.start : run.end]
        open_tok, close_tok, after, before = self._regions(run)
        lead = self._lead(run, before)
        p = f.para_of(run.open_at)
        ps, pe = f.para_span(p)
        para_text = self.text[ps:pe]
        # The quote stands alone in its paragraph: nothing before it, at most punctuation after it.
        quote_only = not self.text[ps : run.open_at].strip(" \t\r•*-–—>") and not self.text[run.outer_end : pe].strip(
            " \t\r.,;:!?—–-"
        )

        cue, side = self._pick_cue(run, open_tok, after, before)
        res = _Result()
        dash = self._dash_after(run, pe)
        if dash is not None and (cue is None or side == "before"):
            res, cue, side = dash, None, "after"
        elif cue is not None and not is_markup(self.text, run, content):
            res = self._from_cue(run, cue, side)
        kind = self._kind(run, lead, side, cue)
        if k and lead.endswith(",") and f.para_of(self.runs[k - 1].open_at) == p and done[k - 1].speaker:
            between = self.text[self.runs[k - 1].outer_end : run.open_at]
            if not re.search(r"[.!?]\s", between):
                kind = done[k - 1].kind  # "“A,” she said, “and B.”": the second half of one statement
        qroot = self._quote_root(run)
        governed = cue is not None and (
            governs(cue.token_i, qroot)
            # under a nested report: the inner reporting verb governs it ("… reports that Lee called him “X”")
            or any(
                a.i in self.finder.cues and self.finder.cues[a.i].group != "other" and governs(a.i, qroot)
                for a in qroot.ancestors
            )
        )
        if (
            governed
            and self.doc[cue.token_i].lemma_.lower() in ("tell", "ask", "inform")
            and qroot.head.i == cue.token_i
        ):
            governed = False  # "told “Morning Show”": the programme addressed, not the words said
        # A title-case quote that modifies a noun outside it ("his “Morning Hour” radio show") is a name
        # even under a cue; a whole sentence after a colon ("a new motto: “We build to last.”") is not.
        named_thing = (
            qroot.dep_ in ("amod", "nmod", "compound")
            and not run.start <= qroot.head.idx < run.end
            and qroot.head.pos_ in ("NOUN", "PROPN")
        )
        statement = lead.endswith(":") and bool(SENT_END.search(content)) and content[:1].isupper()
        if (
            (
                lead
                and looks_like_title(content)
                and res.rule in ("", "cue")
                and not statement
                and not _words_said(qroot)
                and (named_thing or not (governed and cue.group != "other"))
            )
            or is_nickname(self.text, run, content)
            or (res.rule in ("", "cue") and names_a_work(self.text, run, content))
        ):
            res = _Result(
                confidence=0.2,
                reason="title-case words in running text: a title or name, not a quotation",
                rule="title",
            )
        if SO_CALLED.search(self.text, max(0, run.open_at - 12), run.open_at):
            res = _Result(
                confidence=0.2,
                reason="a term after 'so-called': held at arm's length, not a quotation",
                rule="title",
            )
        if is_linked_headline(self.text, run, content):
            res = _Result(
                confidence=0.15,
                reason="a headline cited with its byline (“…,” by …): the title of a piece, not a quotation",
                rule="title",
            )
        if run.open_at < self.headline_end and res.rule != "title":
            res = _Result(
                confidence=0.3,
                reason="a quote in a Title Case headline: the body gives it with its speaker",
                rule="heading",
            )
        if res.speaker is None and res.rule == "":
            if is_markup(self.text, run, content):
                res = _Result(confidence=0.1, reason="markup or a transcript line, not a quotation", rule="skip")
            elif (
                quote_only
                and para_text.strip()
                and len(content.split()) <= 10
                and not SENT_END.search(content)
                and not run.continues
            ):
                res = _Result(
                    confidence=0.15, reason="a short quoted line standing alone: a heading or title", rule="heading"
                )
            else:
                res = self._fallback(k, run, done, quote_only, lead, content)
        if res.rule == "" and res.speaker is None and not quote_only:
            res = self._sentence_source(run, open_tok) or res
        if (
            not lead
            and res.rule in ("split", "continuation", "previous", "sentence")
            and _term_talked_about(qroot, run, content)
        ):
            res = _Result(confidence=0.2, reason="a quoted term the sentence is about, not a quotation", rule="term")
        if res.rule == "" and res.speaker is None:
            words = len(content.split())
            res.confidence = 0.25 if words <= 4 else 0.35
            res.reason = res.reason or (
                "a short quoted phrase with no cue: a scare quote or title"
                if words <= 4
                else "no cue and no source nearby"
            )
        res.kind = kind
        res.side, res.quote_only, res.lead = side, quote_only, bool(lead)
        if res.said_on is None and cue is not None:
            sent_text = self._cue_sentence_text(cue)
            res.said_on = resolve_date(sent_text, self.date)
        return res

    def _quote_root(self, run: Run):
        """The quoted token the rest of the sentence hangs it on (its head lies outside the quote)."""
        first = self.token_at(run.start)
        for t in self.doc[first.i : self.token_at(max(run.end - 1, run.start)).i + 1]:
            if not (run.start <= t.head.idx < run.end) or t.head.i == t.i:
                return t
        return first

    def _dash_after(self, run: Run, para_end: int) -> _Result | None:
        """'“…” ― Jane Roe, Harbourtown': a byline dash right after the closing mark."""
        if run.close_at is None:
            return None
        m = DASH_AFTER.match(self.text, run.outer_end, para_end)
        if m is None or self.text[run.outer_end : m.start("name")].strip() == "":
            m = self._signature_line(run, para_end)
            if m is None:
                return None
        s = m.start("name")
        name = self._through_titles(s, s + len(m.group("name").strip()))
        if len(name.split()) > 6:
            return None
        r = self.table.resolve_name(name, "PERSON", s)
        self.table.add_source(r.entity, s)
        return _Result(
            speaker=r.speaker or name,
            entity=r.entity,
            span=(s, s + len(name)),
            mention=name,
            cue=f"{m.group('dash')} {name}",
            confidence=0.85,
            rule="dash",
            reason=f"signed with a dash after the quote: '{name}'",
        )

    def _through_titles(self, s: int, e: int) -> str:
        """The signed name from ``s``, carried past a title's full stop the dash's pattern ended it at
        ("— Dr. Ana Roe, at the hearing" read as "Dr", "— State Sen. Ana Roe" as "State Sen")."""
        while is_rank(self.text[s:e].split()[-1]) and self.text[e : e + 2] == ". ":
            more = NAME_RUN.match(self.text, e + 1)
            if more is None:
                break
            e = more.start("name") + len(more.group("name").strip())
        return self.text[s:e]

    def _signature_line(self, run: Run, para_end: int):
        """'“…”' alone on its line, then a line that is only a dash and a name ('- Jane Roe.'): the match
        of that name, else None."""
        f = self.at
        here = f.para_of(run.open_at)
        if self.text[f.para_starts[here] : run.open_at].strip() or self.text[run.outer_end : para_end].strip(" \t.,"):
            return None
        p = f.next_para(here)
        if p is None or p > here + 3:  # the next line with words, over at most two blank ones
            return None
        s, e = f.para_span(p)
        m = SIGNATURE_LINE.fullmatch(self.text, s, e)
        if m is None or len(m.group("name").split()) > 4:
            return None
        span = self.doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand") or []
        # a person or body the tagger sees or the article named, or a name-shaped signature that closes
        # with a full stop or a place and ends the block: not a list item ("- Lower Fares")
        known = any(t.ent_type_ in ("PERSON", "ORG") for t in span) or (
            self.table.lookup_word(m.group("name").split()[-1], s) is not None
        )
        signed = self.text[m.end("name") : e].strip()[:1] in (".", ",")
        return m if known or (name_shaped(m.group("name")) and signed and not self._listed_after(p)) else None

    def _listed_after(self, p: int) -> bool:
        """Whether the next line with words after line ``p`` (within three) is another dash or bullet item."""
        q = self.at.next_para(p)
        if q is None or q > p + 3:
            return False
        s, e = self.at.para_span(q)
        return self.text[s:e].strip()[:1] in "-—–―•*"

    def _cue_sentence_text(self, cue: Cue) -> str:
        sent = self.at.sent_of(self.doc[cue.token_i])
        return "".join(t.text_with_ws for t in sent if not self.at.in_quote(t.idx))

    def _pick_cue(self, run, open_tok, after, before) -> tuple[Cue | None, str | None]:
        cues = self.finder.cues
        after_cue = next((cues[t.i] for t in after if t.i in cues and cues[t.i].group != "cognition"), None)
        if after_cue is None:
            after_cue = next((cues[t.i] for t in after[:6] if t.i in cues), None)
        before_cue = None
        first_in = self.token_at(run.start)
        # Nested reporting ("Roe said that Lee called it “a disgrace”"): the outermost source speaks
        # (the reporter of a report is its source); a thought or an unnamed outer subject does not count.
        para_start = self.at.para_starts[self.at.para_of(run.open_at)]
        lead_anc, child = [], first_in
        for a in first_in.ancestors:
            # a reporting verb conjoined to the cue ("defended the plan and said …") is no outer report
            if (
                a.i < open_tok.i
                and a.idx >= para_start
                and a.i in cues
                and not (child.dep_ == "conj" and child.i in cues)
            ):
                lead_anc.append(a)
            child = a
        before_cue = next((cues[a.i] for a in reversed(lead_anc) if cues[a.i].speaks), None)
        nearest = next((cues[t.i] for t in reversed(before) if t.i in cues and cues[t.i].group != "cognition"), None)
        if nearest is not None and self._introduces(nearest, run):
            before_cue = nearest  # "…, to which Wren replied: “…”": the cue that opens the quote is its own report
        if before_cue is None and nearest is not None and nearest.speaks:
            before_cue = nearest  # the parse hung the quote on a verb with no source; the cue next to it speaks
        if before_cue is None:
            before_cue = cues[lead_anc[0].i] if lead_anc else nearest
        lead = self._lead(run, before)
        if after_cue is not None and (not lead or before_cue is None):
            return after_cue, "after"
        if before_cue is not None:
            return before_cue, "before"
        if lead:
            return self._governing_subject(first_in) or self._colon_subject(run, before), "before"
        return None, None

    def _introduces(self, cue: Cue, run: Run) -> bool:
        """Whether the cue verb opens the quote with a colon ("Wren replied: “…”"), whatever clause the
        parse hangs it in: the quote is then that cue's words, not content of an outer report."""
        tok = self.doc[cue.token_i]
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return False  # "X quoted Roe as saying: “…”": the words are Roe's, not the subject X's
        end = tok.idx + len(tok)
        told = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i == tok.i + 1), None)
        if told is not None and told.pos_ == "PRON":  # "told him: “…”", "asked them: “…”"
            end = told.idx + len(told)
        return self.text[end : run.open_at].strip() == ":"

    def _governing_subject(self, tok) -> Cue | None:
        """For a fragment with no reporting verb: the subject of the nearest verb above it outside the
        quote ("Roe admires the general as a “strong leader”"), a weaker cue."""
        f = self.at
        for anc in tok.ancestors:
            if f.ignored(anc.idx) or anc.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in anc.children if c.dep_ == "nsubj" and not f.ignored(c.idx)), None)
            if subj is None:
                continue
            if subj.lower_ == "who" and anc.dep_ == "relcl" and anc.head.i < subj.i:
                subj = relative_antecedent(anc.head, subj)  # "Councilwoman Ada Vos, who said the fees were “…”"
            if subj.pos_ == "PRON" and subj.lower_ not in ("he", "she", "they"):
                continue
            if subj.pos_ not in ("PROPN", "PRON") and subj.ent_type_ not in ("PERSON", "ORG"):
                continue
            cue = self.finder.make_cue(anc, anc.text, "other", 0.7, subj)
            return cue
        return None

    def _colon_subject(self, run: Run, before) -> Cue | None:
        """A quoted sentence introduced by a colon after a clause with no reporting verb ("Roe was blunt
        in her reply: “…”", "Article 12 affirms: “…”"): the subject of that clause, a weaker cue. The
        parse often makes the quote a sentence of its own, so no verb above it names its source."""
        before = [t for t in before if not t.is_space]
        if not before or before[-1].text != ":" or self.text[before[-1].idx + 1 : run.open_at].strip():
            return None
        content = self.text[run.start : run.end]
        if not (content[:1].isupper() and SENT_END.search(content)):
            return None  # a list or a label after the colon, not a statement
        colon = before[-1]
        if len(before) < 2:
            return None
        lead = self._speaker_label(before[:-1])
        if lead is not None:  # "Calloway: “We strike on Friday.”", a transcript's turn
            return self.finder.make_cue(lead, ":", "other", 0.7, lead)
        verb = before[-2]  # the top of the clause before the colon (the parse may hang it on the quote)
        while verb.head.i != verb.i and verb.head.i < colon.i:
            verb = verb.head
        if self.at.ignored(verb.idx):
            return None
        # the clause's verb, whatever the tagger made of it ("Article 12 affirms" may be read as a noun)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not self.at.ignored(c.idx)), None)
        if subj is None or subj.i > verb.i or (subj.pos_ == "PRON" and subj.lower_ not in ("he", "she", "they")):
            return None  # "Here is the list: …" names no source
        return self.finder.make_cue(verb, verb.text, "other", 0.7, subj)

    def _speaker_label(self, words) -> object | None:
        """The name a line opens with when the line is only that name (a role in front of it may be)
        and a colon before the quote ("Calloway: “…”", "Harbour master Ivo Marsh: “…”"): its last word;
        else None."""
        words = [t for t in words if not t.is_space]
        if not words:
            return None
        first = words[0]  # where the line starts
        stamp = TIME_STAMP.match(self.text, first.idx)
        if stamp:  # a live blog's entry: "22:30 - Varga: “…”", "9.15am — Harbour master Ivo Marsh: “…”"
            words = [t for t in words if t.idx >= stamp.end()]
        if not 1 <= len(words) <= 5 or words[-1].pos_ != "PROPN":
            return None
        if any(t.pos_ not in ("PROPN", "NOUN", "ADJ") for t in words):
            return None  # "The notice from Brandt read: “…”" is a clause
        if first.i > 0 and "\n" not in self.text[self.doc[first.i - 1].idx : first.idx]:
            return None  # not the start of a line: "… said Ms. Roe: “…”" is read by the verb
        return words[-1]

    def _from_cue(self, run: Run, cue: Cue, side: str) -> _Result:
        res = _Result(cue=self._cue_text(cue), reported_by=cue.reported_by, rule="cue")
        r = cue.resolution
        if r is None and cue.reported_by:
            p = self.at.para_of(run.open_at)
            pp = self.at.prev_para(p)
            since = self.at.para_starts[pp if pp is not None else p]
            src = self._latest_source(run.open_at, exclude=cue.reported_by, since=since, people=True)
            if src is not None and not self._lead(run, self._regions(run)[3]):
                ent, pos = src
                res.speaker, res.entity, res.confidence = ent.name, ent, 0.7 * cue.weight
                res.reason = f"{cue.reported_by} passes the quote on; the source is {ent.name}, cited just before"
                return res
            res.speaker, res.confidence = cue.reported_by, 0.5
            res.reason = f"{cue.reported_by} reports it and names no other source"
            return res
        if r is None or r.speaker is None:
            res.confidence = 0.3
            res.reason = f"cue '{res.cue}' but its source names no one: {r.reason if r else 'none found'}"
            res.mention = cue.mention_text
            res.span = cue.mention
            return res
        if r.confidence < 0.5:
            late = self.entities.name_in_next_fragment(cue.token_i)
            if late is not None:
                ent, span = late
                res.speaker, res.entity, res.span, res.mention = ent.name, ent, span, self.text[span[0] : span[1]]
                res.confidence = 0.7 * cue.weight
                res.reason = f"'{cue.mention_text}' is named in the next fragment as {ent.name}"
                return res
        res.speaker, res.entity, res.span, res.mention = r.speaker, r.entity, cue.mention, cue.mention_text
        res.confidence = r.confidence * cue.weight * (0.97 if side == "after" else 0.93)
        res.reason = f"{r.reason}; cue '{res.cue}' {'after' if side == 'after' else 'before'} the quote"
        return res

    def _cue_text(self, cue: Cue) -> str:
        tok = self.doc[cue.token_i]
        if cue.text in ("according to", ":"):
            return cue.text  # ":" after a name that opens the line: "Calloway: “…”"
        if cue.mention and cue.mention[0] < tok.idx:
            end = tok.idx + len(tok.text)
            nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
            if nxt is not None and nxt.dep_ in ("prt", "advmod") and nxt.lower_ == "on" and nxt.head.i == tok.i:
                end = nxt.idx + len(nxt.text)  # "Roe went on"
            return self.text[cue.mention[0] : end]
        if cue.mention:
            return self.text[tok.idx : cue.mention[1]]
        return tok.text

    def _latest_source(self, pos: int, exclude: str | None = None, since: int = -1, people: bool = False):
        best = None
        for ent in self.table.entities:
            if (exclude and ent.name == exclude) or (people and ent.label != "PERSON"):
                continue
            last = ent.sources.last_before(pos)
            if last >= max(since, 0) and (best is None or last > best[1]):
                best = (ent, last)
        return best

    def _fallback(self, k: int, run: Run, done: list[_Result], quote_only: bool, lead: str, content: str) -> _Result:
        f = self.at
        p = f.para_of(run.open_at)
        prev = done[k - 1] if k else None
        prev_run = self.runs[k - 1] if k else None
        if prev is not None and (prev.speaker or prev.cue) and f.para_of(prev_run.open_at) == p and not lead:
            # of one speaker, known or not: "“A,” she said. “B.”" with no one to be "she" leaves B unknown too
            return self._copy(prev, 0.92, f"the second part of a quote split around '{prev.cue}'", "split")
        pp = f.prev_para(p)
        if prev is not None and prev.speaker and pp is not None and prev_run.open_at >= f.para_starts[pp]:
            ends_para = not self.text[prev_run.outer_end : f.para_span(f.para_of(prev_run.outer_end))[1]].strip(
                " \t\r.,;:!?"
            )
            if run.continues or (quote_only and ends_para and prev.rule != "heading"):
                return self._copy(
                    prev, 0.85, f"continues the quote of {prev.speaker} from the previous paragraph", "continuation"
                )
            if quote_only and f.para_of(prev_run.open_at) == pp and prev.rule in ("cue", "split", "continuation"):
                return self._copy(
                    prev,
                    0.8,
                    f"a quote-only paragraph after a quote of {prev.speaker}: the same speaker going on",
                    "continuation",
                )
        if quote_only and prev is not None and prev.rule == "skip" and pp is not None:
            turn = self._transcript_turn(prev_run, pp)
            if turn is not None:
                return turn
        if quote_only:
            emb = self._embed_author(run, pp)
            if emb is not None:
                return emb
        if quote_only or not lead:
            since = f.para_starts[pp] if pp is not None else f.para_starts[p]
            src = self._latest_source(run.open_at, since=since)
            subj = (
                None
                if quote_only
                else self.entities.subject_person_before(self.token_at(run.open_at).i, f.para_starts[p], True)
            )
            if subj is not None and (src is None or src[1] < f.para_starts[p]):
                return _Result(
                    speaker=subj.speaker,
                    entity=subj.entity,
                    confidence=0.55,
                    rule="previous",
                    reason=f"no cue; {subj.speaker} is the person this paragraph is about, named just before",
                )
            if src is not None:
                ent = src[0]
                return _Result(
                    speaker=ent.name,
                    entity=ent,
                    confidence=0.55,
                    rule="previous",
                    reason=f"no cue; {ent.name} is the source cited just before this quote",
                )
            ent = self._latest_person(since, run.open_at)
            if ent is not None and len(content.split()) > 4:
                return _Result(
                    speaker=ent.name,
                    entity=ent,
                    confidence=0.45,
                    rule="previous",
                    reason=f"no cue; {ent.name} is the person named just before this quote",
                )
        return _Result()

    def _transcript_turn(self, prev_run: Run, pp: int) -> _Result | None:
        """A quoted transcript: an unlabelled paragraph right after "SMITH: …" goes on with Smith's turn."""
        if self.at.para_of(prev_run.open_at) != pp:
            return None
        label = transcript_label(self.text[prev_run.start : prev_run.end])
        if not label or len(label.split()) > 3:
            return None
        name = label.title() if label.isupper() else label
        r = self.table.resolve_name(name, "PERSON", prev_run.start)
        return _Result(
            speaker=r.speaker or name,
            entity=r.entity,
            confidence=0.6,
            rule="continuation",
            reason=f"an unlabelled paragraph of a transcript after the turn of {label}: {r.speaker or name} going on",
        )

    def _sentence_source(self, run: Run, open_tok) -> _Result | None:
        """No cue at all: the person or body the quote's sentence is about (its main subject, else the
        first name in it), else the source cited last in the paragraph. Quoted fragments in news
        almost always echo someone the sentence names; confidence stays at one half."""
        f = self.at
        sent = f.sent_of(open_tok)
        if sent.start not in self._about:
            subj = next((t for t in sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and not f.ignored(t.idx)), None)
            if subj is not None and (subj.ent_type_ in ("PERSON", "ORG") or subj.lower_ in ("he", "she")):
                self._about[sent.start] = subj
            else:
                self._about[sent.start] = next(
                    (t for t in sent if t.ent_type_ == "PERSON" and not f.ignored(t.idx)), None
                )
        cand = self._about[sent.start]  # read once per sentence: a sentence of a thousand quotes is read once
        if cand is not None:
            cue = self.finder.make_cue(cand, cand.text, "other", 0.6, cand)
            if cue is not None and cue.resolution is not None and cue.resolution.speaker:
                r = cue.resolution
                return _Result(
                    speaker=r.speaker,
                    entity=r.entity,
                    span=cue.mention,
                    mention=cue.mention_text,
                    confidence=0.5,
                    rule="sentence",
                    reason=f"no cue; the sentence is about {r.speaker}",
                )
        para_start = f.para_starts[f.para_of(run.open_at)]
        src = self._latest_source(run.open_at, since=para_start)
        if src is not None:
            return _Result(
                speaker=src[0].name,
                entity=src[0],
                confidence=0.5,
                rule="sentence",
                reason=f"no cue; {src[0].name} is the source cited earlier in the paragraph",
            )
        return None

    def _latest_person(self, lo: int, hi: int):
        best = None
        for ent in self.table.entities:
            if ent.label != "PERSON":
                continue
            last = ent.mentions.last_before(hi)
            if last >= max(lo, 0) and (best is None or last > best[1]):
                best = (ent, last)
        return best[0] if best else None

    def _embed_author(self, run: Run, pp: int | None) -> _Result | None:
        """The author line of an embedded post just above (or in) the quote's paragraph."""
        f = self.at
        lo = f.para_starts[pp] if pp is not None else f.para_starts[f.para_of(run.open_at)]
        found = list(DASH_LINE.finditer(self.text, lo, run.open_at))
        if not found:
            return None
        m = found[-1]
        name = m.group("name").strip()
        return _Result(
            speaker=name,
            span=(m.start("name"), m.start("name") + len(name)),
            mention=name,
            cue=m.group(0).strip(),
            confidence=0.8,
            rule="embed",
            reason=f"a quoted translation under the embedded post signed '{name} (@{m.group('handle')})'",
        )

    @staticmethod
    def _copy(prev: _Result, factor: float, reason: str, rule: str) -> _Result:
        return _Result(
            speaker=prev.speaker,
            span=prev.span,
            mention=prev.mention,
            cue=prev.cue,
            confidence=prev.confidence * factor,
            reason=reason,
            reported_by=prev.reported_by,
            entity=prev.entity,
            said_on=prev.said_on,
            rule=rule,
        )

    def _share_along_chains(self, results: list[_Result]) -> None:
        """A quote over several reopened paragraphs is one statement: every run of the chain gets the
        speaker of the run whose cue is surest (often the last paragraph's)."""
        chains, cur = [], [0] if self.runs else []
        for k in range(1, len(self.runs)):
            if self.runs[k].continues:
                cur.append(k)
            else:
                chains.append(cur)
                cur = [k]
        if cur:
            chains.append(cur)
        for chain in chains:
            if len(chain) < 2:
                continue
            cued = [k for k in chain if results[k].rule in ("cue", "dash", "embed") and results[k].speaker]
            if not cued:
                continue
            best = max(cued, key=lambda k: results[k].confidence)
            for k in chain:
                if k not in cued:
                    kind = results[k].kind
                    results[k] = self._copy(
                        results[best],
                        0.9,
                        f"part of a quote over several paragraphs attributed to {results[best].speaker}",
                        "chain",
                    )
                    results[k].kind = kind


def attribute(doc, runs: list[Run], date: str | None = None, text: str | None = None) -> list[Quote]:
    """Quotes with speakers for the runs of a parsed article (``text`` is ``doc.text``, if at hand)."""
    return Attributor(doc, runs, date, text).quotes()
