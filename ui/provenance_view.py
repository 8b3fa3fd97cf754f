"""Every report of the selected statement, one under another, with the words that differ marked.

The core's ``Library.provenance(quote_id)`` gives the variants, their word differences and the flags.
:func:`normalise` reads it defensively (key names are still settling) and fills gaps: with no matching
in the project the quote is shown alone, and variants without word ranges get a word diff computed
here against the fullest version.
"""

from __future__ import annotations

import difflib
import html
import re

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from . import style

_NUMBER = re.compile(r"\d")
_NEGATORS = {"not", "no", "never", "none", "without", "n't", "nothing", "nobody", "neither", "nor", "cannot"}
_MODALS = {"will", "would", "can", "could", "may", "might", "must", "should", "shall"}


def _first(mapping: dict, *keys, default=None):
    for key in keys:
        value = mapping.get(key)
        if value not in (None, "", [], {}):
            return value
    return default


def _marks(raw) -> list[tuple[int, int, str]]:
    """Character ranges ``(start, end, severity)`` from dicts or tuples."""
    marks = []
    for item in raw or []:
        if isinstance(item, dict):
            start, end = item.get("start"), item.get("end")
            severity = _first(item, "severity", "kind", "label", default="minor")
        elif isinstance(item, (list, tuple)) and len(item) >= 2:
            start, end = item[0], item[1]
            severity = item[2] if len(item) > 2 else "minor"
        else:
            continue
        if isinstance(start, int) and isinstance(end, int) and end > start:
            marks.append((start, end, str(severity)))
    return sorted(marks)


def _merge_marks(marks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping ranges joined, keeping the worst severity."""
    order = {"info": 0, "minor": 1, "moderate": 2, "severe": 3}
    merged: list[list] = []
    for start, end, severity in sorted(marks):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if order.get(severity, 1) > order.get(merged[-1][2], 1):
                merged[-1][2] = severity
        else:
            merged.append([start, end, severity])
    return [tuple(m) for m in merged]


def word_diff(reference: str, text: str) -> list[tuple[int, int, str]]:
    """Ranges of ``text`` whose words differ from ``reference``, with a rough severity."""
    a = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", reference)]
    b = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    norm = [re.sub(r"[^\w']", "", w.lower()) for _s, _e, w in a]
    norm_b = [re.sub(r"[^\w']", "", w.lower()) for _s, _e, w in b]
    marks = []
    matcher = difflib.SequenceMatcher(None, norm, norm_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "insert") and j2 > j1:
            words = set(norm[i1:i2]) ^ set(norm_b[j1:j2])
            severe = any(_NUMBER.search(w) or w in _NEGATORS or w in _MODALS for w in words)
            marks.append((b[j1][0], b[j2 - 1][1], "severe" if severe else "moderate"))
    return marks


def normalise(prov: dict | None, quote: dict | None = None) -> dict:
    """The provenance as this view shows it: statement, variants, first appearance, primary verdict, flags."""
    prov = prov or {}
    raw_variants = _first(prov, "variants", "members", "quotes", default=[])
    variants = []
    for v in raw_variants:
        if not isinstance(v, dict):
            continue
        quote_id = _first(v, "quote_id", "id")
        variants.append(
            {
                "quote_id": quote_id,
                "text": v.get("text") or "",
                "outlet": _first(v, "outlet", default=""),
                "date": _first(v, "date", default=""),
                "title": _first(v, "title", "path", default=""),
                "written": _first(
                    v, "speaker_as_written", "written_speaker", "mention", "extracted_speaker", default=""
                ),
                "speaker": _first(v, "canonical", "canonical_speaker", "speaker", default=""),
                "cue": _first(v, "cue", default=""),
                "role": _first(v, "role", default=""),
                "first": bool(v.get("first") or v.get("first_appearance") is True or v.get("is_first")),
                "primary": bool(v.get("primary") or v.get("is_primary") or v.get("primary_source")),
                "marks": _marks(_first(v, "marks", "diff", "ranges", "spans", "differences", default=[])),
                "flags": [f if isinstance(f, str) else f.get("kind", "") for f in v.get("flags") or []],
                "selected_marks": _marks(v.get("selected_marks")),
                "whys": [
                    (str(m.get("severity") or ""), str(m["why"]))
                    for m in v.get("marks") or []
                    if isinstance(m, dict) and m.get("why")
                ],
            }
        )
    selected_id = prov.get("quote_id", quote.get("id") if quote else None)
    for v in variants:
        # the selected quote's side of each pairwise diff: words of the selected quote others lack
        if v["quote_id"] == selected_id and not v["marks"]:
            v["marks"] = _merge_marks([m for other in variants for m in other["selected_marks"]])
    if not variants and quote:
        variants.append(
            {
                "quote_id": quote.get("id"),
                "text": quote.get("text") or "",
                "outlet": quote.get("outlet") or "",
                "date": quote.get("date") or "",
                "title": quote.get("title") or "",
                "written": quote.get("mention") or quote.get("extracted_speaker") or "",
                "speaker": quote.get("reviewed_speaker") or quote.get("speaker") or "",
                "cue": quote.get("cue") or "",
                "role": "",
                "first": False,
                "primary": False,
                "marks": [],
                "selected_marks": [],
                "whys": [],
                "flags": list(quote.get("flags") or []),
            }
        )
    first = prov.get("first_appearance") or prov.get("first")
    first_id = first.get("quote_id", first.get("id")) if isinstance(first, dict) else first
    if first_id is not None:
        for v in variants:
            v["first"] = v["first"] or v["quote_id"] == first_id
    elif len(variants) > 1 and not any(v["first"] for v in variants):
        dated = [v for v in variants if v["date"]]
        if dated:
            min(dated, key=lambda v: v["date"])["first"] = True
    variants.sort(key=lambda v: (v["quote_id"] != selected_id, v["date"] or "9999", v["quote_id"] or 0))
    # a rendering in another language is never word-diffed: its wording always differs (issue 16)
    plain = [v for v in variants if v["role"] not in ("translation", "possible translation")]
    if len(plain) > 1 and not any(v["marks"] for v in plain):
        reference = max(plain, key=lambda v: (v["primary"], len(v["text"])))
        for v in plain:
            if v is not reference:
                v["marks"] = word_diff(reference["text"], v["text"])
    flags = []
    for f in _first(prov, "flags", default=[]) or []:
        if isinstance(f, str):
            f = {"kind": f}
        kind = f.get("kind") or ""
        if kind == "first_appearance":
            continue  # the FIRST badge on the variant says it
        flags.append(_flag(kind, f.get("severity"), f.get("explanation"), f))
    primary = _primary_verdict(prov)
    if "cluster_id" in prov and prov["cluster_id"] is None and quote is not None:
        flags = _own_flags(flags, quote, primary)
    if "flags" not in prov and quote:
        for kind in [k for k in quote.get("flags") or [] if k != "first_appearance"]:
            flags.append(_flag(kind))
    _assign_flags(flags, variants, selected_id, primary)
    first_info = first if isinstance(first, dict) else None
    return {
        "first": first_info,
        "statement": _first(prov, "statement", "text", default=None),
        "variants": variants,
        "primary": primary,
        "flags": flags,
    }


STATEMENT_KINDS = frozenset({"wording_drift", "conflicting_speaker", "fragment"})
"""Flags about how reports of one statement compare; the others concern one report each."""


def _flag(kind: str, severity: str | None = None, explanation: str | None = None, raw: dict | None = None) -> dict:
    """One flag as the view shows it. ``scope`` ("statement" or "report") and ``quote_ids`` (the
    reports it concerns) are filled in by :func:`_assign_flags`."""
    fs = style.flag_style(kind, severity)
    raw = raw or {}
    details = raw.get("details") if isinstance(raw.get("details"), dict) else {}
    return {
        "kind": kind,
        "severity": severity or "",
        "explanation": explanation or fs.explanation,
        "label": fs.name,
        "chip": fs.label,
        "colour": fs.colour,
        "statement": raw.get("cluster_id") is not None if "cluster_id" in raw else None,
        "verdict": details.get("verdict") or "",
        "scope": "statement",
        "quote_ids": [],
    }


def _assign_flags(flags: list[dict], variants: list[dict], selected_id, primary: dict) -> None:
    """Decide which report each flag concerns, and list each report's own flags on it (``notes``).

    The core names a statement's flags (drift, conflicting speakers, fragments) by their cluster and
    explains them with outlets and dates; a report's own flags (not in the primary source, no speaker)
    come without their quote, so they are matched to the variants carrying that kind: the selected
    report's primary-source check is the one its explanation repeats, and a kind on one report only
    is that report's.
    """
    for v in variants:
        v["notes"] = []
    if len(variants) == 1:
        for f in flags:
            f["scope"], f["quote_ids"] = "report", [variants[0]["quote_id"]]
            variants[0]["notes"].append(f)
        return
    pending: dict[str, list[dict]] = {}
    for f in flags:
        carriers = [v for v in variants if f["kind"] in v["flags"]]
        statement = f["statement"] if f["statement"] is not None else f["kind"] in STATEMENT_KINDS
        if statement or not carriers:
            f["scope"], f["quote_ids"] = "statement", [v["quote_id"] for v in carriers]
        else:
            pending.setdefault(f["kind"], []).append(f)
    for kind, kind_flags in pending.items():
        carriers = [v for v in variants if kind in v["flags"]]
        selected = next((v for v in carriers if v["quote_id"] == selected_id), None)
        if selected is not None and kind == "missing_from_primary" and primary.get("status") not in (None, "none"):
            # the selected report's check is the one the primary-source verdict words again
            own = max(kind_flags, key=lambda f: _similarity(f["explanation"], primary.get("text") or ""))
            _note(own, selected)
            kind_flags = [f for f in kind_flags if f is not own]
            carriers = [v for v in carriers if v is not selected]
        if not carriers:
            continue
        if len(kind_flags) == len(carriers) and len({f["explanation"] for f in kind_flags}) == 1:
            for f, v in zip(kind_flags, carriers, strict=True):  # one explanation: any pairing reads the same
                _note(f, v)
            continue
        for f in kind_flags:  # which report each explains is unknown: each carrier gets the general meaning
            f["scope"], f["quote_ids"] = "report", [v["quote_id"] for v in carriers]
        for v in carriers:
            v["notes"].append(_flag(kind) | {"scope": "report", "quote_ids": [v["quote_id"]]})


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _note(flag: dict, variant: dict) -> None:
    flag["scope"], flag["quote_ids"] = "report", [variant["quote_id"]]
    variant["notes"].append(flag)


def _own_flags(flags: list[dict], quote: dict, primary: dict) -> list[dict]:
    """For a quote reported once, only the flags on the quote itself.

    The core's provenance also returns every other flag that belongs to no statement (its query
    matches ``cluster_id IS NULL``), so they are filtered here by the quote's own flag kinds; a
    "not in primary source" flag is explained by this quote's own primary-source check.
    """
    own = [k for k in quote.get("flags") or [] if k != "first_appearance"]
    kept = []
    for kind in own:
        same = [f for f in flags if f["kind"] == kind]
        if kind == "missing_from_primary" and primary.get("status") not in (None, "none"):
            explanation = primary["text"]
        elif len(same) == 1:
            explanation = same[0]["explanation"]
        else:
            explanation = None
        kept.append(_flag(kind, same[0]["severity"] if same else "", explanation))
    return kept


def _primary_verdict(prov: dict) -> dict:
    raw = _first(prov, "primary_source", "primary", "primary_verdict", "verdict", default=None)
    if raw is None:
        return {"status": "none", "text": "No primary source for this speaker in the project."}
    if isinstance(raw, str):
        status = raw
        text = ""
    else:
        status = str(_first(raw, "status", "verdict", "found", default="none"))
        text = _first(raw, "explanation", "text", "message", default="")
        if raw.get("found") is True:
            status = "found"
        elif raw.get("found") is False:
            status = "missing"
    status = status.lower()
    if not text:
        text = {
            "found": "The words are in the primary source.",
            "verbatim": "The words are in the primary source, word for word.",
            "missing": "The primary source does not contain these words.",
            "differs": "The primary source has different words.",
            "primary": "This article is the primary source.",
        }.get(status, "No primary source for this speaker in the project.")
    return {"status": status, "text": text}


def _marked_html(text: str, marks: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, severity in marks:
        start = max(start, pos)
        if start >= end or start >= len(text):
            continue
        out.append(html.escape(text[pos:start]))
        title = html.escape(f"differs ({severity})", quote=True)
        out.append(
            f"<span style='background-color:{style.diff_colour(severity)}; font-weight:600' title='{title}'>"
            f"{html.escape(text[start:end])}</span>"
        )
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def _badge(text: str, colour: str) -> str:
    return (
        f"<span style='background-color:{colour}; color:#ffffff; font-size:8pt; font-weight:700'>"
        f"&nbsp;{html.escape(text)}&nbsp;</span>"
    )


PRIMARY_COLOURS = {
    "found": "#2b8a3e",
    "verbatim": "#2b8a3e",
    "primary": "#862e9c",
    "missing": "#c92a2a",
    "differs": "#e8590c",
}


def _primary_line(status: str, text: str, chip: str = "") -> str:
    colour = PRIMARY_COLOURS.get(status, "#868e96")
    return (
        f"<div style='margin:2px 0'><span style='color:{colour}; font-weight:700'>■ Primary source:</span> "
        f"{chip}{' ' if chip else ''}{html.escape(text)}</div>"
    )


def _flag_line(f: dict) -> str:
    return f"<div style='margin:2px 0'>{_badge(f['label'], f['colour'])} {html.escape(f['explanation'])}</div>"


def _report_notes(v: dict, data: dict, selected: int | None) -> str:
    """The lines about one report: its primary-source check and its own flags."""
    lines = []
    notes = list(v.get("notes") or [])
    missing = [f for f in notes if f["kind"] == "missing_from_primary"]
    if v["quote_id"] == selected and data["primary"]:
        chip = _badge(missing[0]["chip"], missing[0]["colour"]) if missing else ""
        lines.append(_primary_line(data["primary"]["status"], data["primary"]["text"], chip))
    else:
        for f in missing:
            status = {"changed": "differs", "absent": "missing"}.get(f["verdict"], "missing")
            lines.append(_primary_line(status, f["explanation"], _badge(f["chip"], f["colour"])))
    lines += [_flag_line(f) for f in notes if f["kind"] != "missing_from_primary"]
    return "".join(lines)


def render(data: dict, selected: int | None) -> str:
    """The view's HTML for normalised provenance.

    Flags about the statement (how the reports compare) come first; each report's own primary-source
    check and flags sit under that report, so two reports' checks never read as one contradiction.
    """
    variants = data["variants"]
    parts = []
    n = len(variants)
    outlets = len({v["outlet"] for v in variants if v["outlet"]})
    heading = (
        "Reported once"
        if n <= 1
        else f"{n} reports of this statement" + (f" in {outlets} outlets" if outlets > 1 else "")
    )
    first = data.get("first")
    if n > 1 and first and (first.get("outlet") or first.get("date")):
        where = " · ".join(html.escape(str(first[k])) for k in ("outlet", "date") if first.get(k))
        heading += f"<span style='font-weight:400; color:#2b8a3e'> — first: {where}</span>"
    parts.append(f"<div style='font-size:11pt; font-weight:700'>{heading}</div>")
    across = [f for f in data["flags"] if f.get("scope", "statement") == "statement"]
    if across:
        parts.append("<div style='margin:4px 0 0 0; color:#495057; font-weight:600'>Across the reports</div>")
        parts += [_flag_line(f) for f in across]
    if not variants and data.get("primary"):
        parts.append(_primary_line(data["primary"]["status"], data["primary"]["text"]))
    parts.append("<table width='100%' cellspacing='0' cellpadding='4' style='border-collapse:collapse'>")
    for v in variants:
        badges = []
        if v["first"]:
            badges.append(_badge("FIRST", style.FIRST_APPEARANCE))
        if v["primary"]:
            badges.append(_badge("PRIMARY", "#862e9c"))
        if v["quote_id"] == selected:
            badges.append(_badge("SELECTED", "#1c7ed6"))
        # one line (wrapping only in a narrow pane) says where and by whom; the words follow in full width
        meta = [f"<b>{html.escape(v['outlet'] or '(no outlet)')}</b>", html.escape(v["date"] or "undated")]
        who = html.escape(v["written"] or "—")
        if v["speaker"] and v["speaker"] != v["written"]:
            who += f" → {html.escape(v['speaker'])}"
        meta.append(f"<span style='color:#495057'>as written:</span> {who}")
        if v["cue"]:
            meta.append(f"<span style='color:#495057'>cue:</span> {html.escape(v['cue'])}")
        if v["quote_id"] is not None and v["quote_id"] != selected:
            meta.append(f"<a href='quote:{v['quote_id']}'>show</a>")
        whys = "".join(
            f"<br><span style='font-size:8pt; color:{style.SEVERITY_COLOURS.get(sev, '#495057')}'>"
            f"● {html.escape(why)}</span>"
            for sev, why in v["whys"]
            if sev in ("severe", "moderate")
        )
        bg = "#eef5ff" if v["quote_id"] == selected else "#ffffff"
        notes = _report_notes(v, data, selected)
        parts.append(
            f"<tr style='background-color:{bg}'><td style='border-top:1px solid #dee2e6'>"
            f"<div>{' '.join(badges)}{' ' if badges else ''}{' · '.join(meta)}</div>"
            f"<div style='margin-top:2px; font-family:\"{style.READING_FONT_FAMILY}\"'>"
            f"“{_marked_html(v['text'], v['marks'])}”{whys}</div>{notes}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


class ProvenanceView(QTextBrowser):
    """Every report of one statement, one under another: where and by whom on one line, the words below.

    Attributes:
        data: the normalised provenance shown (see :func:`normalise`).

    Signals:
        quote_clicked(int): the person asked to see one variant.
    """

    quote_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor)
        self.data: dict = {"variants": [], "flags": [], "primary": {}, "statement": None}
        self.clear_view()

    def clear_view(self) -> None:
        self.data = {"variants": [], "flags": [], "primary": {}, "statement": None}
        self.setHtml("<p style='color:#868e96'>Select a quote to compare every report of it.</p>")

    def show_provenance(self, prov: dict | None, quote: dict | None) -> None:
        self.data = normalise(prov, quote)
        self.setHtml(render(self.data, quote.get("id") if quote else None))

    def _anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("quote:") and text[6:].isdigit():
            self.quote_clicked.emit(int(text[6:]))
