"""Every report of the selected statement, one under another, with the words that differ marked.

:meth:`Library.provenance` gives a :class:`~quotecheck.records.Provenance`: the variants with the word
alignment the matching computed, and the flags with the reports each concerns. :func:`present` turns it
into what this view shows (badges, marks, which report each flag sits under) without guessing.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from quotecheck.records import Flag, Mark, Provenance, Variant

from . import style

PRIMARY_TEXTS = {"none": "No primary source for this speaker in the project."}


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


def _ranges(marks: tuple[Mark, ...]) -> list[tuple[int, int, str]]:
    return sorted((m.start, m.end, m.severity or "minor") for m in marks if m.end > m.start)


def _variant(v: Variant) -> dict:
    return {
        "quote_id": v.quote_id,
        "text": v.text,
        "outlet": v.outlet or "",
        "date": v.date or "",
        "said_on": v.said_on or "",
        "published": v.published or "",
        "title": v.title or v.article,
        "written": v.mention or v.attributed_speaker or "",
        "speaker": v.speaker or "",
        "cue": v.cue or "",
        "role": v.role or "",
        "kind": v.kind or "direct",
        "link": "reported as paraphrase"
        if v.kind == "indirect"
        else "quoted"
        if v.paraphrase
        else (
            f"{v.translation.kind}"
            + (f" {v.translation.score:.2f}" if v.translation.score is not None else "")
            + (f" ({v.language})" if v.language else "")
            if v.translation is not None
            else ""
        ),
        "link_evidence": (
            "Reported speech: the article's words about what was said. Its numbers, negations and"
            " certainty are compared with the quotation's, not its wording."
            if v.paraphrase
            else v.translation.evidence or ""
            if v.translation is not None
            else ""
        ),
        "first": v.first,
        "primary": v.primary,
        "marks": _ranges(v.marks),
        "selected_marks": _ranges(v.selected_marks),
        "whys": [(m.severity or "", m.why) for m in v.marks if m.why],
        "flags": list(v.flags),
        "part": v.part,
        "same_article": v.same_article,
        "notes": [],
    }


def when_html(date: str | None, said_on: str | None, published: str | None) -> str:
    """A report's date as HTML: the day the article was published, as the quote table shows it; or, when
    the article says the words were said on another day, that day labelled "said on" with the published
    one beside it, so a person never takes one for the other."""
    if said_on and said_on != published:
        when = f"<span style='color:{style.MUTED_TEXT}'>said on</span> {html.escape(said_on)}"
        return when + (
            f", <span style='color:{style.MUTED_TEXT}'>published</span> {html.escape(published)}" if published else ""
        )
    return html.escape(date or "undated")


PART_TEXTS = {
    "before": "words said before the selected ones",
    "after": "words said after the selected ones",
    "elsewhere": "another stretch of the statement",
}
"""What another part of the statement is, against the selected quote (:attr:`Variant.part`)."""


def part_line(v: dict) -> str:
    """One line saying a report quotes another part of the statement, not the selected words reworded."""
    where = PART_TEXTS.get(v["part"], PART_TEXTS["elsewhere"])
    if v["same_article"]:
        where += ", in the same article"
    return f"Another part of this statement: {where}. It is not compared word by word."


def present(prov: Provenance | None) -> dict:
    """The provenance as this view shows it: statement, variants, first appearance, primary verdict, flags.

    The selected report comes first, then the others by date. The selected report's marks are the
    words it has that the others lack; each flag about one report is listed under that report
    (``notes``), flags about how the reports compare (``scope`` "statement") above them. ``tie`` lists
    the reports the first-appearance flag says tie with the first one (published the same day).
    """
    if prov is None:
        return {"first": None, "statement": None, "variants": [], "primary": {}, "flags": []}
    selected_id = prov.quote_id
    variants = [_variant(v) for v in prov.variants]
    for v in variants:
        if v["quote_id"] == selected_id and not v["marks"]:
            v["marks"] = _merge_marks([m for other in variants for m in other["selected_marks"]])
    variants.sort(key=lambda v: (v["quote_id"] != selected_id, v["date"] or "9999", v["quote_id"]))
    primary = _primary_verdict(prov)
    by_id = {v["quote_id"]: v for v in variants}
    flags = []
    tie: list[int] = []
    for f in prov.flags:
        if f.kind == "first_appearance":  # the FIRST badge on the variant says it
            # the core decides the tie (reports published the first one's day), the view only names it
            tie = [q for q in f.details.get("tie") or () if q in by_id]
            continue
        shown = _flag(f)
        carriers = [q for q in f.quote_ids if q in by_id]
        shown["quote_ids"] = carriers
        para = f.details.get("paraphrase") if f.kind == "paraphrase_meaning" else None
        if para in by_id:  # what a paraphrase changes is said under the paraphrase
            shown["scope"] = "report"
            by_id[para]["notes"].append(shown)
        elif f.cluster_id is None and carriers:
            shown["scope"] = "report"
            for q in carriers:
                by_id[q]["notes"].append(shown)
        flags.append(shown)
    return {
        "first": prov.first_appearance,
        "tie": tie,
        "statement": prov.statement,
        "variants": variants,
        "primary": primary,
        "flags": flags,
    }


def _flag(f: Flag) -> dict:
    """One flag as the view shows it; ``scope`` and ``quote_ids`` are set by :func:`present`."""
    fs = style.flag_style(f.kind, f.severity)
    return {
        "kind": f.kind,
        "severity": f.severity or "",
        "explanation": f.explanation or fs.explanation,
        "label": fs.name,
        "chip": fs.label,
        "colour": fs.colour,
        "statement": f.cluster_id is not None,
        "verdict": f.details.get("verdict") or "",
        "scope": "statement",
        "quote_ids": [],
    }


def _primary_verdict(prov: Provenance) -> dict:
    check = prov.primary_source
    if check is None:
        return {"status": "none", "text": PRIMARY_TEXTS["none"]}
    return {"status": check.status.lower(), "text": check.explanation}


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
    """The view's HTML for :func:`present`'s provenance.

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
    # reports published the first one's day tie with it, as the first-appearance flag says; a report
    # published later is no tie, even when it dates the words to that day
    by_id = {v["quote_id"]: v for v in variants}
    tied = [by_id[q] for q in data.get("tie") or () if q in by_id]
    tie_ids = {first.quote_id, *(v["quote_id"] for v in tied)} if first and tied else set()
    if n > 1 and first and (first.outlet or first.date):
        when = when_html(first.date, first.said_on, first.published) if first.date else None
        where = " · ".join(x for x in (first.outlet and html.escape(first.outlet), when) if x)
        if tied:
            names = ", ".join(dict.fromkeys(html.escape(v["outlet"] or v["title"] or "?") for v in tied))
            where += f", a tie: {names} also published it on {html.escape(first.published or '')}"
        heading += f"<span style='font-weight:400; color:#2b8a3e'> — first: {where}</span>"
    parts.append(f"<div style='font-size:11pt; font-weight:700'>{heading}</div>")
    across = [f for f in data["flags"] if f.get("scope", "statement") == "statement"]
    if across:
        parts.append(
            f"<div style='margin:4px 0 0 0; color:{style.MUTED_TEXT}; font-weight:600'>Across the reports</div>"
        )
        parts += [_flag_line(f) for f in across]
    if not variants and data.get("primary"):
        parts.append(_primary_line(data["primary"]["status"], data["primary"]["text"]))
    parts.append("<table width='100%' cellspacing='0' cellpadding='4' style='border-collapse:collapse'>")
    for v in variants:
        badges = []
        if v["quote_id"] in tie_ids:
            badges.append(_badge("FIRST (TIE)", style.FIRST_APPEARANCE))
        elif v["first"]:
            badges.append(_badge("FIRST", style.FIRST_APPEARANCE))
        if v["primary"]:
            badges.append(_badge("PRIMARY", "#862e9c"))
        if v["quote_id"] == selected:
            badges.append(_badge("SELECTED", "#1c7ed6"))
        if v.get("part"):
            badges.append(_badge("OTHER PART", "#5c677d"))
        # one line (wrapping only in a narrow pane) says where and by whom; the words follow in full width
        # an unknown outlet shows the article's title (or file name), so reports stay tellable apart
        source = v["outlet"] or v["title"] or "(no outlet)"
        meta = [f"<b>{html.escape(source)}</b>", when_html(v["date"], v["said_on"], v["published"])]
        who = html.escape(v["written"] or "—")
        if v["speaker"] and v["speaker"] != v["written"]:
            who += f" → {html.escape(v['speaker'])}"
        meta.append(f"<span style='color:{style.MUTED_TEXT}'>as written:</span> {who}")
        if v["cue"]:
            meta.append(f"<span style='color:{style.MUTED_TEXT}'>cue:</span> {html.escape(v['cue'])}")
        if v.get("link"):  # a rendering in another language: how sure the link is, and what was checked
            meta.append(
                f"<span style='color:#862e9c' title='{html.escape(v['link_evidence'], quote=True)}'>"
                f"{html.escape(v['link'])}</span>"
            )
        if v["quote_id"] is not None and v["quote_id"] != selected:
            meta.append(f"<a href='quote:{v['quote_id']}'>show</a>")
        whys = "".join(
            f"<br><span style='font-size:8pt; color:{style.SEVERITY_COLOURS.get(sev, style.MUTED_TEXT)}'>"
            f"● {html.escape(why)}</span>"
            for sev, why in v["whys"]
            if sev in ("severe", "moderate")
        )
        bg = style.SELECTED_REPORT if v["quote_id"] == selected else "transparent"
        notes = _report_notes(v, data, selected)
        words = _marked_html(v["text"], v["marks"])
        words = words if v["kind"] == "indirect" else f"“{words}”"  # reported speech is no quotation
        if v.get("part"):
            notes = f"<div style='margin:2px 0; color:{style.MUTED_TEXT}'>{html.escape(part_line(v))}</div>" + notes
        parts.append(
            f"<tr style='background-color:{bg}'><td style='border-top:1px solid {style.RULE}'>"
            f"<div>{' '.join(badges)}{' ' if badges else ''}{' · '.join(meta)}</div>"
            f"<div style='margin-top:2px; font-family:\"{style.READING_FONT_FAMILY}\"'>"
            f"{words}{whys}</div>{notes}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


class ProvenanceView(QTextBrowser):
    """Every report of one statement, one under another: where and by whom on one line, the words below.

    Attributes:
        data: the provenance as shown (see :func:`present`).

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

    def show_provenance(self, prov: Provenance) -> None:
        self.data = present(prov)
        self.setHtml(render(self.data, prov.quote_id))

    def _anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("quote:") and text[6:].isdigit():
            self.quote_clicked.emit(int(text[6:]))
