"""Reported speech joined to the quoted statement it paraphrases.

A record of kind ``indirect`` ("Roe said the bridge would open in May") reports what someone said in
the article's own words. When a quotation says the same ("“The bridge opens in May,” Roe said"), the
paraphrase joins that quotation's statement as a member of role ``paraphrase`` (a statement of kind
``paraphrases`` is made when the quotation stood alone), so the provenance view shows every report of
the statement, quoted or paraphrased, side by side.

A paraphrase never raises wording drift: it never claimed to be verbatim. What it does claim is the
facts, so one that changes a number, a negation (a negating prefix counts: "legal" reported as
"illegal") or the certainty of a modal verb ("will" reported as "might"), or gives the words to another
speaker, gets a flag of its own kind, ``paraphrase_meaning``.

Like :mod:`quotecheck.matching.translations`, this sits on top of the statements: :func:`attach` runs
after they are written and :func:`detach` removes what it wrote before they are written again.
Candidates come from an inverted index of content words (very common words skipped), so the cost
grows with the number of paraphrases, not with pairs of quotes.
"""

from __future__ import annotations

import json
import logging
import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import ArticleMeta
from . import watch
from .flags import ArticleInfo
from .prefixes import turned
from .statements import STOPWORDS, fold, tokens, words
from .stored import MATCHING_SPEAKER, id_list, lookup
from .translations import facts

log = logging.getLogger(__name__)

ROLE = "paraphrase"
FLAG_KIND = "paraphrase_meaning"
MIN_SHARED = 3
"""A paraphrase and a quotation share at least this many content words that are not names (news
names the same few people everywhere: two names in common make no statement)..."""
SHORT_SHARED = 2
"""...or, for a paraphrase of only two such words ("would not reopen the crossing"), both of them, and
then only with a quotation of the same speaker..."""
MIN_SHARE = 0.5
"""...making up at least this share of the paraphrase's content words (a paraphrase may report a part
of a long statement, so the quotation's share does not count)."""
OTHER_SPEAKER_SHARE = 0.75
OTHER_SPEAKER_SHARED = 5
"""When both name different people, the words must agree this closely (a share and a count: three
shared names and a noun are a topic, not a statement): then it is the same statement given to someone
else, which is flagged."""
FLAG_SHARE = 0.7
"""A paraphrase that would change the facts joins (and is flagged) only when this share of its words
agree: half the words and another number is more often another statement than a misreport of this one."""
POSTING_CAP = 300
"""Content words in more quotations than this find no candidates (they are everywhere)."""
STRONG = frozenset({"will", "would", "shall", "must", "won't", "wouldn't", "'ll"})
WEAK = frozenset({"may", "might", "could", "perhaps", "possibly", "maybe"})
"""Modal certainty: "will" (or its reported "would") against "may"/"might"/"could" changes how sure."""
NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "cannot"})
NEGATING_FRAMES = frozenset({"impossible", "unlikely", "improbable", "doubtful", "untrue", "false"})
"""Words that turn the clause they judge around: "said it was unlikely the pier would open" reports the
opposite of "“The pier will open”"."""
DENIALS = frozenset({"denied", "denies", "deny", "denying", "rejected", "disputed", "refuted"})
"""A paraphrase cued by a denial carries its negation in the cue, not in its words."""
_WORD = re.compile(r"[a-z0-9']+")
_HYPHENATED = re.compile(r"[a-z0-9']+(?:-[a-z]+)*")
"""A word with its hyphens kept: "non-binding" is turned around by its prefix, "binding" is not."""
_IDIOMS = re.compile(
    r"\b(?:there (?:is|was|can be) no doubt|no doubt|without (?:a )?doubt|not only|no matter|nothing but"
    r"|none other than|not least|not just)\b",
    re.IGNORECASE,
)
"""Negation words that negate nothing: "there is no doubt that X" asserts X."""
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|(?<=,)\s+(?=(?:and|but|while|whereas|yet)\s)")
"""Where a quotation divides into points: its sentences, and clauses joined by ", and" / ", but"."""


def _plain(text: str) -> str:
    """The text with negating idioms blanked out (same length, so offsets still hold)."""
    return _IDIOMS.sub(lambda m: " " * len(m.group()), text)


def negated(text: str) -> bool:
    """Whether the words deny what they state: a negation ("will not open", an idiom such as "no doubt"
    aside) or a frame that judges it untrue or unlikely ("it was impossible the pier would open").

    >>> [negated(t) for t in ("the pier will open", "the pier will not open", "it is unlikely the pier will open")]
    [False, True, True]
    """
    plain = _plain(text)
    return facts(plain, "en").negated or bool(set(_WORD.findall(plain.lower())) & NEGATING_FRAMES)


def turned_words(said: str, other: str) -> list[tuple[str, str]]:
    """``(word of said, word of other)`` for each word one of them turns around by a negating prefix
    ("legal" / "illegal", :func:`quotecheck.matching.prefixes.turned`), but for the frames of doubt
    :func:`negated` reads already ("unlikely").

    >>> turned_words("the strike is legal", "said the strike was illegal")
    [('legal', 'illegal')]
    """
    pairs = turned(_HYPHENATED.findall(fold(said)), _HYPHENATED.findall(fold(other)))
    return [(a, b) for a, b in pairs if a not in NEGATING_FRAMES and b not in NEGATING_FRAMES]


def focus(quotation: str, paraphrase: str) -> str:
    """The sentence or clause of a long quotation (or two in a row) that the paraphrase reports: the one
    sharing most of its content words. A paraphrase often reports one point of a long quotation, and the
    facts of the other points are not its to keep.

    >>> focus("Talks will not be easy. Fees will rise by 40 percent.", "He said fees would rise by 40 percent")
    'Fees will rise by 40 percent.'
    >>> focus("Fees will rise by 40 percent, and we will not cut the subsidy.", "fees would rise by 40 percent")
    'Fees will rise by 40 percent,'
    """
    parts = [p for p in _SENTENCE.split(quotation.strip()) if p]
    if len(parts) < 2:
        return quotation
    own = set(content_words(paraphrase))
    windows = parts + [f"{a} {b}" for a, b in zip(parts, parts[1:], strict=False)]
    scored = [(len(own & set(content_words(w))), -len(w), w) for w in windows]
    return max(scored)[2]


@dataclass(frozen=True)
class Report:
    """A quote or a paraphrase as the matcher sees it."""

    id: int
    article_id: int
    text: str
    kind: str
    speaker_id: int | None
    cue: str | None
    when: str | None
    label: str


@dataclass
class Check:
    """What a paraphrase changes of the quotation it reports (``conflicts`` are severe)."""

    share: float
    shared: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"share": round(self.share, 3), "shared": self.shared, "conflicts": self.conflicts}


def content_words(text: str) -> list[str]:
    """The words that carry a statement, crudely stemmed so "rise", "rises" and "rising" agree.

    >>> content_words("The fees would rise by 40 percent")
    ['fees', 'rise', '40', 'perce']
    """
    return list(dict.fromkeys(_stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1))


def name_words(text: str) -> set[str]:
    """Content words written with a capital inside a sentence: names, as :func:`content_words` stems them.

    >>> sorted(name_words("Varga said Ostrevia would sell gas to Norland"))
    ['norla', 'ostre']
    """
    out = set()
    for m in re.finditer(r"(?<![.!?:\"“‘'(\[]\s)(?<!^)\b([A-Z][\w'’-]+)", text.strip()):
        out.update(content_words(m.group(1)))
    return out


def _stem(word: str) -> str:
    word = word.replace("'", "")
    for end in ("ing", "ed", "es", "s"):
        if len(word) > len(end) + 3 and word.endswith(end):
            word = word[: -len(end)]
            break
    return word[:5]


def compare(quote: Report, para: Report, shared: int, total: int) -> Check:
    """What the paraphrase keeps and changes of the quotation: numbers, negation, certainty, speaker."""
    check = Check(share=shared / max(total, 1))
    _check_facts(check, focus(quote.text, para.text), para.text, para.cue)
    if quote.speaker_id is not None and para.speaker_id is not None and quote.speaker_id != para.speaker_id:
        check.conflicts.append("the paraphrase gives the words to another speaker")
    return check


def _check_facts(check: Check, said: str, para: str, para_cue: str | None, said_cue: str | None = None) -> None:
    """Adds to ``check`` what ``para`` (cued by ``para_cue``) keeps and changes of the words ``said`` (cued
    by ``said_cue``, when they are a report too): numbers, negation (a denying cue counts), certainty."""
    fq, fp = facts(_plain(said), "en"), facts(_plain(para), "en")
    if fq.numbers and fp.numbers and not fp.numbers <= fq.numbers:
        check.conflicts.append(
            f"a number differs: {_fmt(fq.numbers - fp.numbers) or _fmt(fq.numbers)} quoted,"
            f" {_fmt(fp.numbers - fq.numbers)} in the paraphrase"
        )
    elif fq.numbers & fp.numbers:
        check.shared.append(f"numbers {_fmt(fq.numbers & fp.numbers)}")
    denies = cue_denies(para_cue)
    nq, np_ = negated(said) != cue_denies(said_cue), negated(para)
    prefixed = turned_words(said, para)
    flipped = len(prefixed) % 2 == 1  # "not illegal" says "legal": a prefix and a "not" cancel out
    if (nq != (np_ != denies)) != flipped:
        if flipped and nq == (np_ != denies):
            check.conflicts.append(f"the paraphrase turns the quotation's '{prefixed[0][0]}' into '{prefixed[0][1]}'")
        elif denies:
            check.conflicts.append(f"the report says the speaker {para_cue} what the quotation says")
        else:
            check.conflicts.append(
                "the paraphrase drops the quotation's negation" if nq else "the paraphrase adds a negation"
            )
    mq, mp = _certainty(said), _certainty(para)
    if mq and mp and mq != mp:
        check.conflicts.append(
            "the paraphrase is less certain than the quotation ('will' reported as 'may' or 'might')"
            if mq == "strong"
            else "the paraphrase is more certain than the quotation ('may' reported as 'will')"
        )


def facts_differ(a: str, b: str, cue_a: str | None = None, cue_b: str | None = None) -> bool:
    """Whether two reports of one statement, at least one in other words than the other, disagree on a
    fact: a number, a negation (a denying cue and a negating prefix count: "legal" / "illegal") or how
    certain. The longer is read at the point the
    shorter reports (:func:`focus`), so a paraphrase of one sentence is not held to the others.

    >>> facts_differ("Fees will rise by 40 percent.", "fees would rise by 45 percent")
    True
    >>> facts_differ("Fees will rise by 40 percent. We will not cut jobs.", "fees would rise by 40 percent")
    False
    >>> facts_differ("The council lied.", "that the council had lied", None, "denied")
    True
    >>> facts_differ("The strike is legal.", "that the strike was illegal")
    True
    """
    (long, cue_long), (short, cue_short) = sorted(((a, cue_a), (b, cue_b)), key=lambda r: -len(r[0]))
    check = Check(share=1.0)
    _check_facts(check, focus(long, short), short, cue_short, cue_long)
    return bool(check.conflicts)


def cue_denies(cue: str | None) -> bool:
    """Whether the cue turns its content around: a denial ("denied", "rejected") or a negated verb of
    saying ("never said", "did not say", "didn't claim"); both at once cancel out ("did not deny").

    >>> [cue_denies(c) for c in ("said", "denied", "never said", "did not say", "didn't claim", "did not deny")]
    [False, True, True, True, True, False]
    """
    ws = _WORD.findall((cue or "").lower())
    turns = sum(1 for w in ws if w in NEGATIONS or w.endswith("n't")) + sum(1 for w in ws if w in DENIALS)
    return turns % 2 == 1


def _certainty(text: str) -> str | None:
    ws = set(_WORD.findall(text.lower()))
    strong, weak = bool(ws & STRONG), bool(ws & WEAK)
    return None if strong == weak else ("strong" if strong else "weak")


def _fmt(values) -> str:
    return ", ".join(f"{v:g}" for v in sorted(values))


def marks(text: str, other: str) -> list[dict]:
    """The words of ``text`` to mark against ``other`` when one of them paraphrases the other: a number
    the other lacks, negation and certainty words when the two disagree (severe, as in wording drift),
    and content words the other does not use (info: rewording is what a paraphrase does).

    >>> [(m["severity"], "Fees rise 40 percent"[m["start"]:m["end"]]) for m in marks("Fees rise 40 percent", "fees rise 14 percent")]
    [('severe', '40')]
    """
    theirs = facts(_plain(other), "en")
    other_words = set(content_words(other))
    negation = negated(text) != negated(other)
    prefixed = {a for a, _ in turned_words(text, other)}
    prefixed |= {"non" for w in prefixed if w.startswith("non-")}  # the tokens split "non-binding"
    idioms = [(m.start(), m.end()) for m in _IDIOMS.finditer(text)]
    certainty = _certainty(text) != _certainty(other) and None not in (_certainty(text), _certainty(other))
    out = []
    for w, s, e in tokens(text):
        values = facts(w, "en").numbers if any(c.isdigit() for c in w) or len(w) > 2 else frozenset()
        if values and not values <= theirs.numbers:
            out.append({"start": s, "end": e, "severity": "severe", "why": "a number differs"})
        elif (
            negation
            and (w in NEGATIONS or w in NEGATING_FRAMES or w.endswith("n't"))
            and not any(a <= s < b for a, b in idioms)
        ) or w in prefixed:
            out.append({"start": s, "end": e, "severity": "severe", "why": "the negation differs"})
        elif certainty and (w in STRONG or w in WEAK):
            out.append({"start": s, "end": e, "severity": "severe", "why": "how certain differs"})
        elif w not in STOPWORDS and len(w) > 1 and _stem(w) not in other_words:
            out.append({"start": s, "end": e, "severity": "info", "why": "in other words"})
    return out


# --- finding the quotation a paraphrase reports ----------------------------------------------------


def find_links(reports: list[Report]) -> list[tuple[int, int, Check]]:
    """``(paraphrase id, quotation id, check)`` for each paraphrase that reports a quotation: the
    quotation sharing the largest share of its content words (the same speaker first, then the earliest)."""
    by_id = {r.id: r for r in reports}
    return choose(candidates(reports), by_id)


def candidates(reports: Iterable[Report]) -> dict[int, tuple[int, list[tuple[int, int]]]]:
    """Paraphrase id -> (how many content words it has, ``(quotation id, words shared)`` of each
    quotation that shares enough of them). Words alone decide this, never speakers: so it holds
    through any speaker decision, and :func:`choose` picks among them under the speakers of the day."""
    reports = list(reports)
    quoted = [r for r in reports if r.kind != "indirect"]
    paras = [r for r in reports if r.kind == "indirect"]
    if not quoted or not paras:
        return {}
    postings: dict[str, list[int]] = defaultdict(list)
    by_id = {r.id: r for r in quoted}
    for r in quoted:
        for w in content_words(r.text):
            postings[w].append(r.id)
    out = {}
    for p in paras:
        own = content_words(p.text)
        names = name_words(p.text)
        need = min(MIN_SHARED, len(own) - len(names & set(own)))  # a short one all of whose words agree
        if need < SHORT_SHARED:
            continue
        counts: Counter[int] = Counter()
        for w in own:
            hits = postings.get(w, ())
            if len(hits) <= POSTING_CAP:
                counts.update(hits)
        found = []
        for qid, shared in counts.items():
            if shared < need or shared / len(own) < MIN_SHARE:
                continue
            q = by_id[qid]
            if len((set(own) & set(content_words(q.text))) - names - name_words(q.text)) < need:
                continue
            found.append((qid, shared))
        if found:
            out[p.id] = (len(own), found)
    return out


def _short(text: str) -> bool:
    """A paraphrase of fewer content words, names aside, than :data:`MIN_SHARED`."""
    return len(set(content_words(text)) - name_words(text)) < MIN_SHARED


def choose(found: dict[int, tuple[int, list[tuple[int, int]]]], reports: dict[int, Report]) -> list:
    """The links :func:`find_links` gives, from :func:`candidates` and the reports (speakers as now)."""
    out = []
    for pid, (n_own, cands) in found.items():
        p = reports[pid]
        ranked = []
        for qid, shared in cands:
            q = reports[qid]
            share = shared / n_own
            other = q.speaker_id is not None and p.speaker_id is not None and q.speaker_id != p.speaker_id
            if other and (share < OTHER_SPEAKER_SHARE or shared < OTHER_SPEAKER_SHARED):
                continue
            if (q.speaker_id is None or q.speaker_id != p.speaker_id) and _short(p.text):
                continue  # two words in common are the same statement only from the same mouth
            ranked.append(((-share, other, q.when or "9999", q.id), q, shared))
        for _, q, shared in sorted(ranked, key=lambda f: f[0]):
            check = compare(q, p, shared, n_own)
            if not check.conflicts or check.share >= FLAG_SHARE:
                out.append((p.id, q.id, check))
                break
    return out


# --- the project file -------------------------------------------------------------------------------

_FLAG_TAG = '"paraphrase_check"'
_REPORTS_SQL = (
    f"SELECT q.id, q.article_id, q.text, q.kind, {MATCHING_SPEAKER}, q.cue, COALESCE(q.said_on, a.date),"
    " a.outlet, a.date, a.title, a.path FROM quotes q JOIN articles a ON a.id = q.article_id"
    " LEFT JOIN speakers s ON s.id = q.speaker_id"
)


_WATCHED: list[watch.Event] = [
    ("INSERT", "quotes", ""),
    ("DELETE", "quotes", ""),
    ("UPDATE OF id, article_id, text, kind, cue, said_on", "quotes", ""),
    ("INSERT", "articles", ""),
    ("DELETE", "articles", ""),
    ("UPDATE OF id, title, outlet, date, path", "articles", ""),
]
"""What :func:`candidates` and the reports depend on, speakers aside."""


@dataclass
class _Kept:
    """What :func:`candidates` found on one connection, with the reports it names (their speakers aside)."""

    found: dict[int, tuple[int, list[tuple[int, int]]]]
    reports: dict[int, Report]


_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _report(r) -> Report:
    label = ArticleInfo(r[1], "", r[10] or "", ArticleMeta(title=r[9], outlet=r[7], date=r[8])).label
    return Report(r[0], r[1], r[2], r[3], r[4], r[5], r[6], label)


def _candidates(db) -> tuple[dict, dict[int, Report]]:
    """:func:`candidates` of the project and the reports they name, with the speakers as they are now.

    Which quotations a paraphrase could report depends on words alone, and a person's speaker decision
    changes no words: so the candidates are kept beside the connection and after a decision only the
    speakers of the reports they name are read again, not every quote (see :mod:`.watch`).
    """
    kept = _kept.get(db)
    if watch.unchanged(db, "paraphrases", _WATCHED) and kept is not None:
        sql = f"{_REPORTS_SQL} WHERE q.id IN ({{marks}})"
        reports = {r[0]: _report(r) for r in lookup(db, sql, kept.reports)}
        if reports.keys() == kept.reports.keys():
            return kept.found, reports
    reports = {r[0]: _report(r) for r in db.execute(_REPORTS_SQL)}
    found = candidates(reports.values())
    named = set(found) | {qid for _, cands in found.values() for qid, _ in cands}
    _kept[db] = _Kept(found, {k: r for k, r in reports.items() if k in named})
    watch.settle(db, "paraphrases")
    return found, _kept[db].reports


def detach(db) -> None:
    """Remove what :func:`attach` wrote: paraphrase members, statements made for them, their flags."""
    made = "SELECT id FROM clusters WHERE kind = 'paraphrases'"
    own = f"SELECT id FROM flags WHERE kind = '{FLAG_KIND}' OR cluster_id IN ({made})"
    db.execute(f"DELETE FROM flag_quotes WHERE flag_id IN ({own})")
    db.execute(f"DELETE FROM flags WHERE id IN ({own})")
    # two statements, so that each reads its own small index (store._v6), not every member
    db.execute(f"DELETE FROM cluster_members WHERE role = '{ROLE}'")
    db.execute(f"DELETE FROM cluster_members WHERE cluster_id IN ({made})")
    db.execute("DELETE FROM clusters WHERE kind = 'paraphrases'")


def attach(db) -> dict:
    """Join every paraphrase that reports a quotation to that quotation's statement and flag the ones
    that change its meaning. Nothing is read when the project holds no reported speech.

    Returns counts: ``{"links", "flags"}``.
    """
    detach(db)
    if not db.execute("SELECT EXISTS (SELECT 1 FROM quotes WHERE kind = 'indirect')").fetchone()[0]:
        return {"links": 0, "flags": 0}
    found, reports = _candidates(db)
    links = choose(found, reports)
    if not links:
        return {"links": 0, "flags": 0}
    cluster_of = dict(
        db.execute(
            f"SELECT quote_id, cluster_id FROM cluster_members WHERE quote_id IN ({id_list(q for _, q, _ in links)})"
        ).fetchall()
    )
    next_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM clusters").fetchone()[0]
    members, made = [], []
    for para, quote, check in links:
        if quote not in cluster_of:  # a quotation alone until now: a statement of it and its paraphrases
            next_id += 1
            cluster_of[quote] = next_id
            made.append((next_id, quote, min((quote, para), key=lambda q: (reports[q].when or "9999", q))))
            members.append((next_id, quote, "root", 1.0, "[]"))
        members.append((cluster_of[quote], para, ROLE, round(check.share, 3), "[]"))
    db.conn.executemany(
        "INSERT INTO clusters (id, kind, root_quote_id, first_quote_id) VALUES (?, 'paraphrases', ?, ?)", made
    )
    db.conn.executemany(
        "INSERT INTO cluster_members (cluster_id, quote_id, role, score, alignment) VALUES (?, ?, ?, ?, ?)", members
    )
    n_flags = _flag(db, links, cluster_of, reports)
    log.info("paraphrases: %d linked, %d flagged", len(links), n_flags)
    return {"links": len(links), "flags": n_flags}


def _flag(db, links, cluster_of: dict[int, int], reports: dict[int, Report]) -> int:
    fid = db.execute("SELECT COALESCE(MAX(id), 0) FROM flags").fetchone()[0]
    rows, quote_rows = [], []
    for para, quote, check in links:
        if not check.conflicts:
            continue
        fid += 1
        explanation = (
            f"The paraphrase in {reports[para].label} does not say what the quotation in {reports[quote].label}"
            f" says: {'; '.join(check.conflicts)}. A paraphrase may reword; it may not change the facts."
        )
        details = {"paraphrase_check": check.as_dict(), "paraphrase": para, "quotation": quote}
        rows.append((fid, FLAG_KIND, "severe", explanation, cluster_of[quote], json.dumps(details)))
        quote_rows += [(fid, quote), (fid, para)]
    db.conn.executemany(
        "INSERT INTO flags (id, kind, severity, explanation, cluster_id, details) VALUES (?, ?, ?, ?, ?, ?)", rows
    )
    db.conn.executemany("INSERT INTO flag_quotes (flag_id, quote_id) VALUES (?, ?)", quote_rows)
    return len(rows)
