"""What the window and the CLI show of a project's speakers, statements and flags (read only).

The matching that writes these tables lives in :mod:`quotecheck.matching.analysis`; everything here only
reads them (through :mod:`quotecheck.matching.stored`).
"""

from __future__ import annotations

import json
import logging
import textwrap
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from . import paraphrases, translations
from .align import Op, align, other_part
from .flags import QuoteInfo, is_translation, primary_verdict, print_order
from .stored import id_list, primary_sources, read_articles, read_quotes, speaker_names

log = logging.getLogger(__name__)


def speakers_json(db) -> list[dict]:
    """Every speaker with its spellings, quote count and the evidence for each grouped spelling."""
    counts = dict(
        db.execute("SELECT speaker_id, COUNT(*) FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id")
    )
    aliases: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for sid, alias, why in db.execute("SELECT speaker_id, alias, evidence FROM speaker_aliases ORDER BY alias"):
        aliases[sid].append((alias, why))
    rows = db.execute("SELECT id, name, kind FROM speakers ORDER BY name COLLATE NOCASE").fetchall()
    where = _where_shared(db, rows)
    return [
        {
            "id": sid,
            "name": name,
            "kind": kind,
            "aliases": [a for a, _ in aliases[sid]],
            "quotes": counts.get(sid, 0),
            "evidence": [{"alias": a, "evidence": why} for a, why in aliases[sid] if a != name],
            "where": where.get(sid, ""),
        }
        for sid, name, kind in rows
    ]


def _where_shared(db, rows) -> dict[int, str]:
    """For speakers written like another speaker ("the official" of two articles, two people): where
    each is quoted, so a person can tell the rows apart: the outlet (else the title, else the file) and
    date of its first article ("The Ledger, 2026-03-02 and 2 more")."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for sid, name, _ in rows:
        by_name[name.casefold()].append(sid)
    shared = [sid for ids in by_name.values() if len(ids) > 1 for sid in ids]
    if not shared:
        return {}
    articles: dict[int, list[tuple]] = defaultdict(list)
    for sid, outlet, date, title, path in db.execute(
        "SELECT DISTINCT q.speaker_id, a.outlet, a.date, a.title, a.path FROM quotes q"
        f" JOIN articles a ON a.id = q.article_id WHERE q.speaker_id IN ({id_list(shared)})"
        " ORDER BY q.speaker_id, a.date, a.id"
    ):
        articles[sid].append((outlet, date, title, path))
    out = {}
    for sid, seen in articles.items():
        outlet, date, title, path = seen[0]
        source = outlet or (f"“{textwrap.shorten(title, 40, placeholder='…')}”" if title else Path(path or "").name)
        place = ", ".join(x for x in (source, date) if x)
        out[sid] = place + (f" and {len(seen) - 1} more" if len(seen) > 1 else "")
    return out


_MEMBER_SQL = (
    'SELECT cm.cluster_id, q.id, a.path, q.start, q."end", q.text, COALESCE(q.reviewed_speaker, q.speaker),'
    " q.speaker_id, cm.role, cm.alignment, s.name FROM cluster_members cm JOIN quotes q ON q.id = cm.quote_id"
    " JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id"
)


def _flag_dict(row) -> dict:
    fid, kind, severity, explanation, cluster_id, details = row
    return {
        "id": fid,
        "kind": kind,
        "severity": severity,
        "explanation": explanation,
        "cluster_id": cluster_id,
        "details": json.loads(details or "{}"),
    }


def clusters_json(db, cluster_ids: list[int] | None = None) -> list[dict]:
    """Every statement seen in two or more quotes: members with their alignment to the root, and flags."""
    where = f" WHERE cm.cluster_id IN ({id_list(cluster_ids)})" if cluster_ids is not None else ""
    members: dict[int, list[dict]] = defaultdict(list)
    for cid, qid, path, start, end, text, speaker, sid, role, alignment, canonical in db.execute(
        _MEMBER_SQL + where + " ORDER BY cm.cluster_id, cm.role != 'root', q.id"
    ):
        members[cid].append(
            {
                "quote_id": qid,
                "article": path,
                "start": start,
                "end": end,
                "text": text,
                "speaker": speaker,
                "speaker_id": sid,
                "canonical_speaker": canonical,
                "role": role,
                "alignment": json.loads(alignment or "[]"),
            }
        )
    flags: dict[int, list[dict]] = defaultdict(list)
    for row in db.execute(
        "SELECT id, kind, severity, explanation, cluster_id, details FROM flags WHERE cluster_id IS NOT NULL"
    ):
        flags[row[4]].append(_flag_dict(row))
    out = []
    for cid, kind, root, first in db.execute(
        "SELECT id, kind, root_quote_id, first_quote_id FROM clusters ORDER BY id"
    ):
        if cid in members:
            out.append(
                {
                    "id": cid,
                    "kind": kind,
                    "root_quote_id": root,
                    "first_quote_id": first,
                    "members": members[cid],
                    "flags": flags.get(cid, []),
                }
            )
    return out


def flags_json(db) -> list[dict]:
    """Every flag with the quotes it concerns (text, article, speaker)."""
    quotes: dict[int, list[dict]] = defaultdict(list)
    for fid, qid, text, path, speaker in db.execute(
        "SELECT fq.flag_id, q.id, q.text, a.path, COALESCE(q.reviewed_speaker, q.speaker) FROM flag_quotes fq"
        " JOIN quotes q ON q.id = fq.quote_id JOIN articles a ON a.id = q.article_id ORDER BY fq.flag_id, q.id"
    ):
        quotes[fid].append({"quote_id": qid, "text": text, "article": path, "speaker": speaker})
    out = []
    for row in db.execute("SELECT id, kind, severity, explanation, cluster_id, details FROM flags ORDER BY id"):
        item = _flag_dict(row)
        item["quotes"] = quotes.get(row[0], [])
        out.append(item)
    return out


_SWAPPED_TAG = {"insert": "delete", "delete": "insert"}


def _aligned(selected: QuoteInfo, q: QuoteInfo, articles, translated: bool) -> list[Op]:
    """Report ``q`` aligned with the selected quote (the selected words the a side, as the view reads
    them), its changes told from the report published first to the later one, as a ``wording_drift``
    tells them ("“three” → “four”" when the earlier report said three), whichever report is selected."""
    if print_order(selected, articles) <= print_order(q, articles):
        return align(selected.text, q.text, translated=translated)
    return [
        replace(
            op,
            tag=_SWAPPED_TAG.get(op.tag, op.tag),
            a_start=op.b_start,
            a_end=op.b_end,
            b_start=op.a_start,
            b_end=op.a_end,
        )
        for op in align(q.text, selected.text, translated=translated)
    ]


def provenance(db, quote_id: int) -> dict:
    """Everything the side-by-side view needs for the statement this quote reports.

    Keys: ``statement`` (the fullest wording), ``cluster_id``, ``variants`` (each report with outlet,
    date, title, speaker as written and canonical, cue, role, and ``marks``/``diff``: the differing word
    ranges against the selected quote, with severity), ``first_appearance``, ``primary_source`` (verdict
    and explanation) and ``flags`` (explained).
    """
    row = db.execute("SELECT cluster_id FROM cluster_members WHERE quote_id = ?", [quote_id]).fetchone()
    cluster_id = row[0] if row else None
    if cluster_id is not None:
        ids = [r[0] for r in db.execute("SELECT quote_id FROM cluster_members WHERE cluster_id = ?", [cluster_id])]
        roles = dict(db.execute("SELECT quote_id, role FROM cluster_members WHERE cluster_id = ?", [cluster_id]))
        root, first = db.execute(
            "SELECT root_quote_id, first_quote_id FROM clusters WHERE id = ?", [cluster_id]
        ).fetchone()
    else:
        ids, roles, root, first = [quote_id], {quote_id: "alone"}, quote_id, None
    quotes = read_quotes(db, f"WHERE q.id IN ({id_list(ids)})")
    if quote_id not in quotes:
        return {}
    articles = read_articles(db, {q.article_id for q in quotes.values()})
    names = speaker_names(db)
    selected = quotes[quote_id]
    sources = primary_sources(db)
    columns = "f.id, f.kind, f.severity, f.explanation, f.cluster_id, f.details"
    flag_rows = db.execute(  # two indexed look-ups: an OR across the join would read every flag
        f"SELECT {columns} FROM flags f JOIN flag_quotes fq ON fq.flag_id = f.id WHERE fq.quote_id IN ({id_list(ids)})"
        f" UNION SELECT {columns} FROM flags f WHERE f.cluster_id = ? ORDER BY 1",
        [cluster_id],
    ).fetchall()
    flags = [_flag_dict(r) for r in flag_rows]
    flagged: dict[int, list[str]] = defaultdict(list)
    for fid, qid in db.execute(f"SELECT flag_id, quote_id FROM flag_quotes WHERE quote_id IN ({id_list(ids)})"):
        flagged[qid] += [f["kind"] for f in flags if f["id"] == fid]
    translated_sel = is_translation(selected, articles[selected.article_id])
    langs, tlinks = translations.languages(db, ids), translations.links_of(db, ids)
    variants = []
    for qid in sorted(ids, key=lambda q: (q != root, q)):
        q = quotes[qid]
        art = articles[q.article_id]
        crossed = None not in (langs.get(qid), langs.get(quote_id)) and langs.get(qid) != langs.get(quote_id)
        # a paraphrase beside a quotation: its facts are compared, never its wording
        reworded = qid != quote_id and "indirect" in (q.kind, selected.kind)
        ops = (
            []
            if qid == quote_id or crossed or reworded
            else _aligned(selected, q, articles, translated_sel or is_translation(q, art))
        )
        part = None
        if ops and other_part(selected.text, q.text, ops):
            # another stretch of the statement (before or after "she said"): no word changes to show
            part = _part_side(selected, q, quotes[root].text)
            ops = []
        diff = [op.as_dict() for op in ops]
        owned = sources.get(q.speaker_id, []) if q.speaker_id is not None else []
        variants.append(
            {
                "quote_id": qid,
                "text": q.text,
                "article": art.path,
                "start": q.start,
                "end": q.end,
                "outlet": art.outlet,
                "date": q.said_on or art.date,
                "said_on": q.said_on,
                "published": art.date,
                "title": art.title,
                "speaker_as_written": q.speaker,
                "canonical": names.get(q.speaker_id) if q.speaker_id is not None else None,
                "speaker_id": q.speaker_id,
                "cue": q.cue,
                "role": roles.get(qid),
                "kind": q.kind,
                "first": qid == first,
                "primary": any(a.id == q.article_id for a in owned),
                "diff": diff,
                "marks": [
                    {"start": d["b_start"], "end": d["b_end"], "severity": d["severity"], "why": d["why"]}
                    for d in diff
                    if d["tag"] != "equal" and d["b_end"] > d["b_start"]
                ],
                "selected_marks": [
                    {"start": d["a_start"], "end": d["a_end"], "severity": d["severity"], "why": d["why"]}
                    for d in diff
                    if d["tag"] != "equal" and d["a_end"] > d["a_start"]
                ],
                "flags": flagged.get(qid, []),
                "part": part,
                "same_article": q.article_id == selected.article_id,
            }
        )
        if reworded:
            variants[-1]["paraphrase"] = True
            variants[-1]["marks"] = paraphrases.marks(q.text, selected.text)
            variants[-1]["selected_marks"] = paraphrases.marks(selected.text, q.text)
        if crossed:
            translations.annotate(variants[-1], selected.text, langs[quote_id], q.text, langs[qid], tlinks)
    first_info = None
    if first in quotes:
        fq = quotes[first]
        fa = articles[fq.article_id]
        first_info = {
            "quote_id": first,
            "date": fq.said_on or fa.date,
            "said_on": fq.said_on,
            "published": fa.date,
            "outlet": fa.outlet,
            "title": fa.title,
        }
    return {
        "quote_id": quote_id,
        "cluster_id": cluster_id,
        "statement": quotes[root].text,
        "variants": variants,
        "first_appearance": first_info,
        "primary_source": _primary_status(selected, sources, names),
        "flags": flags,
    }


def _part_side(selected: QuoteInfo, other: QuoteInfo, statement: str) -> str:
    """Where another part of a statement sits against the selected part: ``before``, ``after`` or
    ``elsewhere`` (not placed). In one article the text order says it; across articles, the place of
    each part in the statement's fullest wording."""
    if other.article_id == selected.article_id:
        return "before" if other.start < selected.start else "after"
    here, there = _place(statement, selected.text), _place(statement, other.text)
    if here is None or there is None or here == there:
        return "elsewhere"
    return "before" if there < here else "after"


def _place(statement: str, part: str) -> int | None:
    """Where ``part`` starts in ``statement`` (the first word aligned), or None when no word aligns."""
    ops: list[Op] = align(statement, part)
    starts = [op.a_start for op in ops if op.tag == "equal"]
    return min(starts) if starts else None


def _primary_status(q: QuoteInfo, sources, names) -> dict | None:
    if q.kind == "indirect" and q.speaker_id in sources:
        return {
            "verdict": "paraphrase",
            "status": "paraphrase",
            "severity": "info",
            "explanation": "Reported speech is not checked word for word against the primary source:"
            " it never claimed the speaker's words. Its facts are compared with the quotations of the statement.",
        }
    found = primary_verdict(
        q, sources.get(q.speaker_id, []) if q.speaker_id is not None else [], names.get(q.speaker_id, "the speaker")
    )
    if found is not None:
        found["status"] = {"changed": "differs", "absent": "missing"}.get(found["verdict"], found["verdict"])
    return found


def snapshot(db) -> dict:
    """Speakers, statements and flags without the row ids a run happens to give statements and flags.

    Two runs that found the same things give equal snapshots (what the tests and ``bench/review.py``
    compare an incremental result with a full :func:`quotecheck.matching.analysis.rebuild` by).
    """
    root_of = dict(db.execute("SELECT id, root_quote_id FROM clusters"))

    def flag(f: dict) -> dict:
        return {
            **{k: v for k, v in f.items() if k not in ("id", "cluster_id")},
            "statement": root_of.get(f["cluster_id"]),
        }

    def order(f: dict) -> tuple:
        return (f["kind"], f["statement"] or 0, [q["quote_id"] for q in f.get("quotes", [])], f["explanation"])

    clusters = [
        {**{k: v for k, v in c.items() if k not in ("id", "flags")}, "flags": sorted(map(flag, c["flags"]), key=order)}
        for c in clusters_json(db)
    ]
    return {
        "speakers": speakers_json(db),
        "clusters": sorted(clusters, key=lambda c: c["root_quote_id"]),
        "flags": sorted(map(flag, flags_json(db)), key=order),
    }
