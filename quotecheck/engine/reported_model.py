"""Which reported-speech candidates to keep: a logistic model over features of the parse.

:class:`~quotecheck.engine.reported.ReportedSpeech` lists every content a reporting cue could govern
— a clause, a sentence the cue is set into, an infinitive ("vowed to form …"), an object
("acknowledged the reality of …"), a prepositional object ("pointed to …"), the sentence around
"according to". Whether such a content is something a person is reported to have said depends on the
verb, the shape and the source together ("noted the rule" is, "added a note" is not), more than hand
rules could say. The model weighs them: a linear score over sparse features (cue lemma, shape, the
cue's place in the parse, the source, the content's length, opening word and make-up), kept when its probability
reaches the threshold chosen by cross-validation.

The weights ship as plain JSON (``data/reported_model.json``: feature names and weights, no pickle),
rebuilt by ``scripts/train_reported.py`` from the shared PolNeAR sets. Without the file every
candidate is kept.
"""

from __future__ import annotations

import json
import logging
import math
from functools import cache
from importlib import resources

log = logging.getLogger(__name__)

MODEL_FILE = "reported_model.json"
PRONOUNS = frozenset("he she they it we i you who which that this those these one".split())
LENGTHS = (1, 2, 4, 8, 16, 32)


def _bin(n: int) -> str:
    return str(next((b for b in LENGTHS if n <= b), "more"))


def features(rs, cand) -> dict[str, float]:
    """Sparse features of one candidate (``rs`` the article's ReportedSpeech, ``cand`` a Candidate)."""
    doc, text = rs.doc, rs.text
    cue = cand.cue
    tok = doc[cue.token_i]
    lemma = "according to" if cue.text == "according to" else tok.lemma_.lower()
    shape = cand.shape
    s, e = cand.span
    f: dict[str, float] = {
        f"shape={shape}": 1.0,
        f"lemma={lemma}": 1.0,
        f"shape+lemma={shape}:{lemma}": 1.0,
        f"group={cue.group}": 1.0,
        f"shape+group={shape}:{cue.group}": 1.0,
        f"tag={tok.tag_}": 1.0,
        f"dep={tok.dep_}": 1.0,
        f"shape+dep={shape}:{tok.dep_}": 1.0,
    }
    if tok.tag_ == "VBG" and tok.head.i != tok.i and tok.head.i in rs.f.cues:
        judging = rs.f.cues[tok.head.i].group == "judging"  # "defended the plan, telling reporters that …"
        f[f"participle on a {'judgment' if judging else 'report'}={tok.dep_}"] = 1.0  # "said …, noting that …"
    for c in tok.children:
        if c.dep_ == "neg":
            f["cue negated"] = 1.0
        elif c.dep_ == "aux" and c.tag_ == "MD":
            f["cue modal"] = 1.0
        elif c.dep_ == "aux" and c.tag_ == "TO":
            f["cue infinitive"] = 1.0
        elif c.dep_ in ("dobj", "dative") and c.i < (cand.head.i if cand.head is not None else tok.i):
            f["cue has addressee"] = 1.0
    r = cue.resolution
    if cue.reported_by:
        f["source relayed"] = 1.0
    if r is None or not r.speaker:
        f["source=none"] = 1.0
    elif r.entity is not None:
        f["source=entity"] = 1.0
    else:
        f["source=described"] = 1.0
    mention = (cue.mention_text or "").lower()
    if mention in PRONOUNS:
        f["source pronoun"] = 1.0
    if cue.mention is not None:
        m = doc.char_span(*cue.mention, alignment_mode="expand")
        if m is not None:
            f[f"source ent={m.root.ent_type_ or '-'}"] = 1.0
    words = text[s:e].split()
    f[f"len={_bin(len(words))}"] = 1.0
    f[f"shape+len={shape}:{_bin(len(words))}"] = 1.0
    f["log length"] = math.log1p(len(words)) / 4
    if cand.span != cand.raw:
        f["cut by quotes"] = 1.0
    if e <= tok.idx:
        f["content before cue"] = 1.0
    first = words[0].lower() if words else ""
    if first in ("that", "whether", "if", "how", "why", "what", "when", "who"):
        f[f"opens={first}"] = 1.0
    if cand.head is not None:
        head = cand.head
        f[f"head pos={head.pos_}"] = 1.0
        f[f"shape+head ent={shape}:{head.ent_type_ or '-'}"] = 1.0
        if shape in ("object", "preposition"):
            f[f"object={head.lemma_.lower()}"] = 1.0
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is not None:
        # the kind of word the content opens with, past a leading "But"/"And": an auxiliary ("is a lie")
        # or a verb ("being Roe") seldom opens a report
        opening = next((t for t in span if not t.is_punct and t.pos_ != "CCONJ"), None)
        if opening is not None:
            f[f"opens with {opening.pos_}"] = 1.0
        if any(t.dep_ in ("nsubj", "nsubjpass") and s <= t.head.idx < e for t in span):
            f["content has subject"] = 1.0
        if not any(t.pos_ in ("VERB", "AUX") for t in span):
            f["content verbless"] = 1.0
        sent = rs.at.sent_of(tok)
        quoted = rs._quoted_in(sent.start_char, sent.end_char)
        rs_, re_ = cand.raw
        if any(a < re_ and b > rs_ for a, b in quoted):
            # the content's own clause holds the quote ("said “the tide has turned” and that …"), its
            # words outside it a claim of their own (the rules checked): not a sentence of someone else's
            f["content holds a quote"] = 1.0
        elif quoted:
            f["sentence quotes"] = 1.0
            if not any(a < re_ + 4 and b > rs_ - 4 for a, b in quoted):
                f["sentence quotes apart from the content"] = 1.0
                if all(b <= min(rs_, tok.idx) for a, b in quoted):
                    f["sentence quotes before the report"] = 1.0
            if any(re_ - 2 <= a <= re_ + 4 for a, b in quoted):
                f["a quote follows the content"] = 1.0
        if rs.cues_in(sent) > 1:
            f["sentence has more cues"] = 1.0
        f["share of sentence"] = (e - s) / max(1, sent.end_char - sent.start_char)
        if any(t.i in rs.f.cues for t in span):
            f["content holds a cue"] = 1.0
    para = rs.at.para_of(tok.idx)
    f[f"paragraph={min(para, 3)}"] = 1.0
    return f


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class ReportedModel:
    """Logistic weights over named features, the probability at which a candidate is kept, and how
    often a source of a given confidence is the right speaker of a report (fitted on the same set)."""

    def __init__(self, spec: dict) -> None:
        self.weights: dict[str, float] = spec["weights"]
        self.bias = float(spec["bias"])
        self.threshold = float(spec["threshold"])
        cal = spec.get("speaker_calibration") or {"a": 0.0, "b": 30.0}  # absent: the source taken as right
        self.speaker_a, self.speaker_b = float(cal["a"]), float(cal["b"])

    def probability(self, feats: dict[str, float]) -> float:
        return _sigmoid(self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items()))

    def speaker_right(self, source_confidence: float) -> float:
        """How often a report's source resolved with this confidence is its right speaker."""
        return _sigmoid(self.speaker_a * source_confidence + self.speaker_b)

    def confidence(self, probability: float, source_confidence: float) -> float:
        """A report's confidence: that the words are reported speech with these bounds (the filter's
        probability) and that its source is the speaker. The source's own confidence alone, which
        records had before, told right reports from wrong ones no better than chance on held-out
        articles."""
        return probability * self.speaker_right(source_confidence)


@cache
def load_model() -> ReportedModel | None:
    """The shipped model, read once per process; None when the file is absent."""
    try:
        text = resources.files("quotecheck.engine").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        log.info("no reported-speech model (%s): every candidate is kept", MODEL_FILE)
        return None
    return ReportedModel(json.loads(text))
