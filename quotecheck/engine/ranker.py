"""The learned choice among candidate speakers of a quote, and the confidence that comes with it.

The rules of :mod:`quotecheck.engine.attribute` propose one speaker per quote. This module lists every
other plausible speaker too — the sources of reporting cues in the quote's paragraph and the one
before it, the people and bodies named there, the previous quote's speaker — describes each by a
fixed list of parse features (:data:`FEATURES`: is it the cue's source, how far and on which side,
same sentence or paragraph, entity label, was it the source cited last, what the rules chose and by
which rule, ...), and lets a small gradient-boosted model, trained on PolNeAR articles by
``scripts/train_attribution.py``, score them. The best-scored candidate is the speaker and its
calibrated probability is the quote's confidence: the model, not a hand-set constant, says how sure.

The model ships as JSON (``data/attribution_model.json``: trees, thresholds, an isotonic calibration
table, the feature list; no article text) and is read once per process. Without it the rules stand.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

import numpy as np

from .cues import governs
from .layout import REACH
from .resolve import Offsets, role_classes, speaking_heads

log = logging.getLogger(__name__)

MODEL_FILE = "attribution_model.json"
RULES = ("cue", "split", "continuation", "chain", "previous", "sentence", "dash", "embed")
FAR = 8.0  # log1p of a distance too large to matter, used when there is none

FEATURES = (
    "rule_pick",  # the rules chose this candidate
    "rule_conf",  # the rules' confidence in their choice (for every candidate of the quote)
    *(f"rule_{r}" for r in RULES),  # which rule made the choice
    "side_after",  # the rules' cue is after the quote
    "cue_src",  # the candidate is the source of a reporting cue near the quote
    "cue_governs",  # ... of a cue whose complement holds the quote
    "cue_same_sent",  # ... of a cue in the quote's sentence
    "cue_before",  # log1p token distance from such a cue before the quote opens
    "cue_after",  # log1p token distance to such a cue after the quote closes
    "cue_weight",  # the strongest such cue's lexicon weight
    "cue_res_conf",  # how sure the resolver was of that cue's source
    "cue_pronoun",  # that source is written as a pronoun
    "cue_described",  # that source is written as a description ("the expert")
    "ment_before",  # log1p chars from the nearest mention before the quote
    "ment_after",  # log1p chars from the quote's end to the nearest mention after it
    "ment_same_sent",
    "ment_same_para",
    "ment_prev_para",
    "ment_in_headline",
    "n_mentions",  # log1p mentions in the article
    "n_sources_before",  # log1p times cited as a source before this quote
    "last_source",  # the source cited last before the quote
    "recency_rank",  # 0 for the candidate named last before the quote, 1 for the one before, ...
    "prev_speaker",  # the previous quote's speaker
    "prev_same_para",  # ... and that quote is in this paragraph
    "label_person",
    "label_org",
    "label_none",  # a description or a name the table does not know
    "n_words",
    "lowercase",  # written all in lower case ("the expert", "officials")
    "q_only",  # the quote stands alone in its paragraph
    "q_lead",  # words of the sentence before the quote
    "q_continues",  # the quote reopens the previous paragraph's quote
    "q_words",  # log1p words quoted
    "n_cands",
    "n_people_para",  # people and bodies named in the quote's paragraph
    "cue_rank",  # 0 for the candidate whose cue is nearest the quote, 1 for the next, ...
    "ment_rank",  # 0 for the candidate named nearest the quote (either side), ...
    "governs_other",  # another candidate is the source of a cue governing the quote
)


@dataclass
class Candidate:
    """One possible speaker of a quote and what the parse says about it."""

    speaker: str
    entity: object = None
    span: tuple[int, int] | None = None
    mention: str | None = None
    cue: object = None  # the nearest cue naming it, if any
    why: str = ""
    f: dict[str, float] = field(default_factory=dict)


class SpeakerModel:
    """Gradient-boosted trees plus an isotonic calibration, evaluated with numpy."""

    def __init__(self, spec: dict):
        if tuple(spec["features"]) != FEATURES:
            raise ValueError("attribution model was trained on another feature list")
        self.spec = spec
        trees = spec["trees"]
        width = max(len(t["feature"]) for t in trees)
        self.feature = np.zeros((len(trees), width), dtype=np.int64)
        self.threshold = np.zeros((len(trees), width))
        self.left = np.zeros((len(trees), width), dtype=np.int64)
        self.right = np.zeros((len(trees), width), dtype=np.int64)
        self.value = np.zeros((len(trees), width))
        self.leaf = np.ones((len(trees), width), dtype=bool)
        for t, tree in enumerate(trees):
            n = len(tree["feature"])
            self.feature[t, :n] = tree["feature"]
            self.threshold[t, :n] = tree["threshold"]
            self.left[t, :n] = tree["left"]
            self.right[t, :n] = tree["right"]
            self.value[t, :n] = tree["value"]
            self.leaf[t, :n] = tree["leaf"]
        self.depth = max(tree["depth"] for tree in trees)
        self.baseline = float(spec["baseline"])
        self.cal_x = np.asarray(spec["calibration"]["x"], dtype=float)
        self.cal_y = np.asarray(spec["calibration"]["y"], dtype=float)

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The trees' summed log-odds for rows of features."""
        n, t = x.shape[0], self.feature.shape[0]
        trees = np.arange(t)[None, :].repeat(n, 0)
        node = np.zeros((n, t), dtype=np.int64)
        rows = np.arange(n)[:, None]
        for _ in range(self.depth):
            feat = self.feature[trees, node]
            go_left = x[rows, feat] <= self.threshold[trees, node]
            nxt = np.where(go_left, self.left[trees, node], self.right[trees, node])
            node = np.where(self.leaf[trees, node], node, nxt)
        return self.baseline + self.value[trees, node].sum(axis=1)

    def confidence(self, raw: float) -> float:
        """How often a quote's best-ranked candidate with this score was right, out of fold in training
        (isotonic calibration of the chosen candidates)."""
        return float(np.interp(raw, self.cal_x, self.cal_y))


@cache
def load_model() -> SpeakerModel | None:
    """The shipped model, read once per process; None when the file is absent."""
    try:
        text = resources.files("quotecheck.engine").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return SpeakerModel(json.loads(text))


def _log(x: float) -> float:
    return math.log1p(max(0.0, x))


def _key(speaker: str) -> str:
    return " ".join(speaker.casefold().split())


_PRONOUNS = {"it", "they", "we", "he", "she", "i", "you", "them", "this", "that", "who", "which", "one"}
_RELATIVE_TAIL = re.compile(r"\s+(?:who|which|that|whose)$", re.IGNORECASE)
_EDGE_MARKS = "\"'“”‘’«»„‚―—–-•·*:;, "
_PARTY_TAG = re.compile(r"^[DRI]-[A-Z]")  # "(D-Ohio)", "R-Fairview Heights": a party and a place
_CUT_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "prof",
    "rev",
    "lt",
    "col",
    "sgt",
    "capt",
    "maj",
    "adm",
    "cmdr",
    "cpl",
    "pvt",
    "supt",
    "insp",
    "det",
}
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?\.?$")
_DETERMINERS = {
    "a",
    "an",
    "the",
    "one",
    "some",
    "several",
    "many",
    "most",
    "other",
    "another",
    "two",
    "three",
    "four",
    "five",
    "few",
    "multiple",
    "various",
    "both",
    "all",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
}
_HEAD_END = {
    "of",
    "in",
    "at",
    "who",
    "which",
    "that",
    "for",
    "on",
    "from",
    "with",
    "close",
    "to",
    "by",
    "and",
    "whose",
    "familiar",
    "involved",
    "inside",
    "within",
    "near",
    "said",
    "says",
    "told",
    "as",
}
_AGENT = ("er", "or", "ist", "ian", "ant", "ent", "ee", "eer", "ier", "yer", "ess", "ive")


def _description_head(words: list[str]) -> str:
    """The head noun of a description as written: the last word before its first preposition or
    relative word ("a source close to the talks" -> "source"; "one of her aides" -> "aides") or a
    participle after it ("an official briefed on the talks" -> "official")."""
    head = ""
    for w in words:
        lw = w.lower().strip(".,;:")
        if head and head.lower() != "one" and (lw in _HEAD_END or (lw.endswith("ed") and len(lw) > 4)):
            break
        if lw not in _HEAD_END:
            head = w
    return head.strip(".,;:")


def _names_a_source(words: list[str]) -> bool:
    """Whether a description with no capitalised head can stand for a source: its head noun is a person,
    a group, a body or a document (``data/speakers.json``, the roles), a plural ("analysts") or an
    agent noun ("a bystander"); "a box", "bias" or "softer language" cannot."""
    head = _description_head(words)
    low = head.lower()
    if not low or head[:1].isupper() or not low.isalpha():
        return bool(low) and (head[:1].isupper() or any(c.isdigit() for c in low) or "-" in low)
    if low in speaking_heads() or low.endswith(_AGENT) or low.endswith(("men", "folk", "children")):
        return True
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "as"))


def speaker_shape(speaker: str | None) -> str | None:
    """The speaker as it may be shown, or None for words that name nobody: a bare pronoun, a lone
    common noun ("data", "ruling"; a plural group such as "officials" stays), a phrase in the first
    person ("our house"), a clipped fragment ("s Roe", "Ann B", "a spokesman just"), a description
    whose head cannot speak ("a box"), a party-and-place tag ("D-Ohio"). A relative pronoun cut off with
    its clause ("a supporter who") is dropped, and so are dashes and quote marks at either edge."""
    text = _RELATIVE_TAIL.sub("", " ".join((speaker or "").split())).strip(_EDGE_MARKS)
    words = text.split()
    if not words:
        return None
    first = words[0].lower()
    if len(words) == 1 and first in _PRONOUNS:
        return None
    if first in ("my", "our", "your") and "org" in role_classes().get(_description_head(words[1:]).lower(), {"org"}):
        return None  # "our house"; "my late father", "my colleague" are people as the writer names them
    if len(words[0]) == 1 and words[0].islower() and first != "a":
        return None
    if len(words) == 1 and text.islower() and not text.endswith("s"):
        return None
    if _PARTY_TAG.match(text) or any(c in text for c in '“”"<>'):
        return None
    last = words[-1]
    if len(words) >= 2 and len(last.rstrip(".")) == 1 and last[:1].isupper() and words[0][:1].isupper():
        return None  # a name cut at an initial: "Ann B." of "Ann B. and Carl D. Roe"
    if len(words) >= 2 and (last.rstrip(".").lower() in _CUT_TITLES or _ORDINAL.match(last)):
        return None  # a name cut before it begins: "Harbour Gov." of "Harbour Gov. Ann Roe", "Navy 2nd"
    if text[:1].islower() or first in _DETERMINERS:
        body = words[1:] if first in _DETERMINERS else words
        if not body or not _names_a_source(body):
            return None
    return text


def _resolved_mention(mention: str | None) -> bool:
    """A source written as a pronoun or a description ("he", "the expert"), which the resolver
    turned into a name."""
    words = (mention or "").split()
    return bool(words) and (words[0].lower() in _PRONOUNS or words[0][:1].islower())


def locked(res, rule_cand: Candidate) -> bool:
    """The rules' choice and confidence stand when it is a description kept as written, or comes from a
    cue that governs the quote and whose source is written "he" or "the expert": PolNeAR's answer for
    such a quote is the word itself, never scored, so the model never learned to prefer them."""
    described = rule_cand.speaker[:1].islower()  # "the union", "a person close to the mayor": as written
    return described or (_resolved_mention(res.mention) and rule_cand.f["cue_governs"] == 1.0)


def _as_written(res) -> str | None:
    """The source as the article words it when the rules kept a description of one word that names no
    one and the speaker lost its article ("…,” the company said" read as "company"): "the company"."""
    if not res.speaker or not res.mention or speaker_shape(res.speaker) is not None:
        return None
    words = res.mention.split()
    if len(words) != 2 or words[0].lower() != "the" or words[1].casefold() != res.speaker.casefold():
        return None
    return speaker_shape(res.mention)


def _rule_key(res) -> str | None:
    shaped = speaker_shape(res.speaker)
    return _key(shaped) if shaped else None


class CandidateSet:
    """Lists the candidates of one quote of an :class:`~quotecheck.engine.attribute.Attributor` and
    describes each by :data:`FEATURES`."""

    def __init__(self, att, k: int, res, done: list):
        self.att, self.k, self.res, self.done = att, k, res, done
        f = att.at
        run = att.runs[k]
        self.run = run
        self.open_tok = att.token_at(run.open_at)
        self.close_tok = att.token_at(run.close_at if run.close_at is not None else max(run.end - 1, run.start))
        self.p = f.para_of(run.open_at)
        self.ps, self.pe = f.para_span(self.p)
        pp = f.prev_para(self.p)
        self.lo = f.para_starts[pp] if pp is not None else self.ps
        self.pps = self.lo if pp is not None else None
        self.sents = {f.sent_at[self.open_tok.i], f.sent_at[self.close_tok.i]}
        self.by_key: dict[str, Candidate] = {}

    def _add(self, speaker: str | None, entity=None, span=None, mention=None, cue=None, why="") -> Candidate | None:
        speaker = speaker_shape(speaker)
        if speaker is None:
            return None
        key = _key(speaker)
        cand = self.by_key.get(key)
        if cand is None:
            cand = self.by_key[key] = Candidate(speaker, entity, span, mention, cue, why)
        else:
            cand.entity = cand.entity or entity
            cand.span = cand.span or span
            cand.mention = cand.mention or mention
            if cue is not None and cand.cue is None:
                cand.cue, cand.why = cue, why or cand.why
        return cand

    def collect(self) -> list[Candidate]:
        att = self.att
        res = self.res
        self._add(res.speaker, res.entity, res.span, res.mention, None, res.reason)
        relayed = {_key(res.reported_by)} if res.reported_by else set()
        # sources of cues from the previous paragraph to the end of this one, no further than REACH from
        # the quote (an article on one line is one paragraph: each quote would weigh every cue of it)
        lo, hi = max(self.lo, self.run.open_at - REACH), min(self.pe, self.run.end + REACH)
        self.cue_hits: dict[str, list] = {}
        for i in att.finder.cues_between(lo, hi):
            cue = att.finder.cues[i]
            if cue.group == "cognition":
                continue
            r = cue.resolution
            speaker = r.speaker if r is not None and r.speaker else None
            if speaker is None and cue.mention_text and not cue.reported_by:
                speaker = cue.mention_text if len(cue.mention_text.split()) >= 2 else None
            if speaker is None:
                continue
            why = f"source of the cue '{att._cue_text(cue)}'"
            if cue.reported_by:
                relayed.add(_key(cue.reported_by))
            cand = self._add(speaker, r.entity if r else None, cue.mention, cue.mention_text, cue, why)
            if cand is not None:
                self.cue_hits.setdefault(_key(cand.speaker), []).append(cue)
        # people and bodies named nearby, outside quotes
        for ent in att.table.entities:
            if ent.mentions.any_in(lo, hi):
                self._add(ent.name, ent, None, None, None, f"{ent.name} is named nearby")
        if self.k and self.done[self.k - 1].speaker:
            prev = self.done[self.k - 1]
            self._add(prev.speaker, prev.entity, prev.span, prev.mention, None, "the previous quote's speaker")
        # an outlet relaying someone's words is recorded as reported_by, never chosen as the speaker
        cands = [c for k, c in self.by_key.items() if k not in relayed or k == _rule_key(res)]
        self._describe(cands)
        return cands

    def _describe(self, cands: list[Candidate]) -> None:
        att, f, run, res = self.att, self.att.at, self.run, self.res
        prev = self.done[self.k - 1] if self.k else None
        prev_same_para = prev is not None and f.para_of(att.runs[self.k - 1].open_at) == self.p
        last_src = att._latest_source(run.open_at)
        words = len(att.text[run.start : run.end].split())
        first_in = att.token_at(run.start)
        n_people = sum(1 for e in att.table.entities if e.mentions.any_in(self.ps, self.pe))
        latest: dict[str, int] = {}
        for c in cands:
            latest[_key(c.speaker)] = self._offsets(c).last_before(run.open_at)
        order = sorted((v for v in latest.values() if v >= 0), reverse=True)
        for c in cands:
            key = _key(c.speaker)
            feats = dict.fromkeys(FEATURES, 0.0)
            feats["rule_pick"] = float(key == _rule_key(res))
            feats["rule_conf"] = res.confidence if res.speaker else 0.0
            if res.rule in RULES:
                feats[f"rule_{res.rule}"] = 1.0
            feats["side_after"] = float(res.side == "after")
            feats["cue_before"] = feats["cue_after"] = FAR
            for cue in self.cue_hits.get(key, []):
                tok = att.doc[cue.token_i]
                feats["cue_src"] = 1.0
                if governs(cue.token_i, first_in):
                    feats["cue_governs"] = 1.0
                if f.sent_at[tok.i] in self.sents:
                    feats["cue_same_sent"] = 1.0
                if tok.i < self.open_tok.i:
                    feats["cue_before"] = min(feats["cue_before"], _log(self.open_tok.i - tok.i))
                elif tok.i > self.close_tok.i:
                    feats["cue_after"] = min(feats["cue_after"], _log(tok.i - self.close_tok.i))
                feats["cue_weight"] = max(feats["cue_weight"], cue.weight)
                r = cue.resolution
                feats["cue_res_conf"] = max(feats["cue_res_conf"], r.confidence if r is not None else 0.0)
                mt = (cue.mention_text or "").strip()
                if mt.lower() in ("he", "she", "they", "it", "we", "i"):
                    feats["cue_pronoun"] = 1.0
                elif mt[:1].islower():
                    feats["cue_described"] = 1.0
            offs = self._offsets(c)
            before, after = offs.last_before(run.open_at), offs.first_from(run.outer_end)
            feats["ment_before"] = _log(run.open_at - before) if before >= 0 else FAR
            feats["ment_after"] = _log(after - run.outer_end) if after is not None else FAR
            sent_lo = min(f.sents[s].start_char for s in self.sents)
            sent_hi = max(f.sents[s].end_char for s in self.sents)
            feats["ment_same_sent"] = float(offs.any_in(sent_lo, sent_hi))
            feats["ment_same_para"] = float(offs.any_in(self.ps, self.pe))
            feats["ment_prev_para"] = float(self.pps is not None and offs.any_in(self.pps, self.ps))
            feats["ment_in_headline"] = float(offs.any_in(-1, att.headline_end))
            ent = c.entity
            feats["n_mentions"] = _log(len(ent.mentions)) if ent is not None else 0.0
            feats["n_sources_before"] = _log(ent.sources.count_before(run.open_at)) if ent is not None else 0.0
            feats["last_source"] = float(last_src is not None and ent is not None and last_src[0] is ent)
            lt = latest[key]
            feats["recency_rank"] = float(order.index(lt)) if lt >= 0 else 9.0
            feats["prev_speaker"] = float(prev is not None and bool(prev.speaker) and _key(prev.speaker) == key)
            feats["prev_same_para"] = feats["prev_speaker"] * float(prev_same_para)
            label = getattr(ent, "label", None)
            feats["label_person"] = float(label == "PERSON")
            feats["label_org"] = float(label is not None and label != "PERSON")
            feats["label_none"] = float(label is None)
            feats["n_words"] = float(len(c.speaker.split()))
            feats["lowercase"] = float(c.speaker == c.speaker.lower())
            feats["q_only"] = float(res.quote_only)
            feats["q_lead"] = float(res.lead)
            feats["q_continues"] = float(run.continues)
            feats["q_words"] = _log(words)
            feats["n_cands"] = float(len(cands))
            feats["n_people_para"] = float(n_people)
            c.f = feats
        self._relative(cands)

    @staticmethod
    def _relative(cands: list[Candidate]) -> None:
        """Features that compare a candidate with the others of the same quote."""
        cue = [min(c.f["cue_before"], c.f["cue_after"]) for c in cands]
        ment = [min(c.f["ment_before"], c.f["ment_after"]) for c in cands]
        governing = sum(c.f["cue_governs"] for c in cands)
        for c, cd, md in zip(cands, cue, ment, strict=True):
            c.f["cue_rank"] = float(sum(1 for x in cue if x < cd)) if cd < FAR else 9.0
            c.f["ment_rank"] = float(sum(1 for x in ment if x < md)) if md < FAR else 9.0
            c.f["governs_other"] = float(governing - c.f["cue_governs"] > 0)

    def _offsets(self, c: Candidate) -> _Positions:
        extra = [c.span[0]] if c.span else []
        extra += [cue.mention[0] for cue in self.cue_hits.get(_key(c.speaker), []) if cue.mention]
        return _Positions(getattr(c.entity, "mentions", None) or Offsets(), Offsets(sorted(extra)))


class _Positions:
    """Where a candidate is named: its entity's mentions (in order, shared, never copied) and the few
    places of this quote's candidate (its span, its cues' mentions), each looked up by bisection."""

    def __init__(self, mentions: Offsets, extra: Offsets):
        self.parts = (mentions, extra)

    def last_before(self, pos: int) -> int:
        return max(p.last_before(pos) for p in self.parts)

    def first_from(self, pos: int) -> int | None:
        found = [f for f in (p.first_from(pos) for p in self.parts) if f is not None]
        return min(found) if found else None

    def any_in(self, lo: int, hi: int) -> bool:
        return any(p.any_in(lo, hi) for p in self.parts)


def matrix(cands: list[Candidate]) -> np.ndarray:
    return np.array([[c.f[name] for name in FEATURES] for c in cands], dtype=float)


NOBODY_BELOW = 0.1  # a model probability under which a candidate the rules did not choose is not shown
collector = None  # training hook: called as collector(attributor, k, rule_result, candidates)


def choose(att, k: int, res, done: list):
    """The rules' result for quote ``k``, with the speaker the model ranks first and its probability as
    the confidence; unchanged when no model is installed."""
    cands = CandidateSet(att, k, res, done).collect()
    if collector is not None:
        collector(att, k, res, cands)
    model = load_model()
    if model is None:
        return res
    written = _as_written(res)
    if not cands:
        if written is not None:  # "…,” the company said: the source as the article words it
            return replace(res, speaker=written)
        # the rules' words name nobody and nobody else is near: the quote stays, its speaker unknown
        why = f"the source '{res.speaker}' names no person or body"
        return replace(res, speaker=None, entity=None, span=None, confidence=0.5, reason=why)
    raw = model.raw(matrix(cands))
    best = int(np.argmax(raw))
    rule = next((i for i, c in enumerate(cands) if _key(c.speaker) == _rule_key(res)), None)
    if rule is not None and locked(res, cands[rule]):
        return replace(res, speaker=cands[rule].speaker, reason=f"{res.reason} (the resolver's reading)")
    c, p = cands[best], model.confidence(float(raw[best]))
    if p < NOBODY_BELOW and _key(c.speaker) != _rule_key(res):
        if written is not None:
            return replace(res, speaker=written, reason=f"{res.reason}; no other candidate is likely")
        # the model finds every candidate unlikely (on PolNeAR extra none of these was right): the quote
        # stays, its speaker unknown, rather than a name shown with a reason that looks convincing
        why = f"{res.reason}; no candidate speaker is likely (best: {c.speaker}, {p:.2f})"
        return replace(res, speaker=None, entity=None, span=None, confidence=0.5, reason=why)
    if _key(c.speaker) == _rule_key(res):
        return replace(res, speaker=c.speaker, confidence=p, reason=f"{res.reason} (model {p:.2f})")
    cue = att._cue_text(c.cue) if c.cue is not None else None
    return replace(
        res,
        speaker=c.speaker,
        entity=c.entity,
        span=c.span,
        mention=c.mention,
        cue=cue,
        reported_by=c.cue.reported_by if c.cue is not None else None,
        confidence=p,
        reason=f"{c.why}; ranked above {res.speaker} by the attribution model ({p:.2f})",
    )
