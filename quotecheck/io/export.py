"""Reviewed quotes out of a project: citation lists for people, spreadsheets and reference managers.

:func:`collect` turns a :class:`~quotecheck.project.query.QuoteFilter` (the quote table's selection) into
:class:`Entry` records holding everything a citation needs; :func:`render` writes them in one of
:data:`FORMATS`; :func:`export` does both and writes the file atomically. Missing metadata is left out
of every format (never "None", never an empty field): reference managers turn empty fields into empty
citations. Reading the project lives in :mod:`quotecheck.io.export_entries` (this module renders only);
:class:`Entry` and :func:`collect` are importable from here as before. Example::

    text = export(db, "bibtex", QuoteFilter(reviewed_only=True), "quotes.bib")
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import logging
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict

import bibtexparser
import rispy
from anyascii import anyascii
from bibtexparser.middlewares import default_unparse_stack

from ..matching.align import OTHER_WORDS, align, worst
from ..matching.paraphrases import facts_differ
from ..project.query import QuoteFilter
from ..records import EXPORT_FORMATS
from .export_entries import ARTICLE_FIELDS, Entry, Flag, Variant, collect, drop_none

log = logging.getLogger(__name__)

FORMATS = tuple(f.key for f in EXPORT_FORMATS)
"""Every format :func:`render` knows, by the name the CLI and the export dialog use."""

GROUPINGS = ("speaker", "statement")
"""How the Markdown citation list can be grouped."""

VERDICT_RATINGS: dict[str, tuple[int | None, str]] = {
    "misattributed": (1, "Misattributed"), "misquoted": (2, "Misquoted"),
    "unverifiable": (None, "Unverifiable"), "verified": (4, "Verified"),
}  # fmt: skip
"""ClaimReview rating per verdict on a 1 (worst) to 4 (best) scale: words not said by this speaker are
worse than words distorted. A statement nobody could check has no place on that scale (given a number,
a reader of ratings would take it as nearly true): its rating is its name alone."""

CSV_COLUMNS = (
    "quote_id", "text", "speaker", "speaker_as_written", "title", "outlet", "author", "date", "url",
    "paragraph", "start", "end", "statement_id", "variants", "flags", "confidence", "confirmed",
    "corrected_from", "verdict", "verdict_given_on", "note", "quote_language", "translation_of", "kind", "cue",
)  # fmt: skip
"""``verdict_given_on`` (as in JSON) holds the words a verdict was given on when the quote reads otherwise
now: the ``verdict`` cell beside it is about those words, not the ones in ``text``."""


def _today() -> dt.date:
    """The access date written into citations (a function so tests can fix it)."""
    return dt.date.today()


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?!\d)")


def _date_parts(date: str | None) -> list[int] | None:
    """``[year, month, day]`` (as much as is known) of an ISO 8601 date, or None if it is not one."""
    m = _DATE.match(date or "")
    parts = [int(p) for p in m.groups() if p] if m else []
    if not parts or len(parts) > 1 and not 1 <= parts[1] <= 12 or len(parts) > 2 and not 1 <= parts[2] <= 31:
        return None
    return parts


def _sort_date(item: Entry | Variant) -> tuple:
    return (item.date is None, item.date or "")


def _one_line(text: str) -> str:
    """Whitespace runs (line breaks included) as single spaces, for line-based formats."""
    return " ".join(text.split())


_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "ter", "ten", "bin", "al", "dos", "das"}  # fmt: skip
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_ORG_WORDS = {"staff", "agency", "agencies", "news", "press", "desk", "team", "editorial", "editors", "reporters", "service", "bureau", "board", "wire", "newsroom", "correspondents", "authority", "ministry", "office", "council", "committee", "commission", "department", "police", "government"}  # fmt: skip
_STOP_WORDS = {"that", "this", "with", "from", "have", "will", "would", "there", "their", "they", "were", "been", "what", "when", "which", "about", "into", "than", "then", "them", "your", "just", "said"}  # fmt: skip


def _is_body(kind: str | None) -> bool:
    """Whether a ``speakers.kind`` names an organisation rather than a person."""
    kind = (kind or "").lower()
    return kind.startswith("org") or kind in {"body", "institution", "company", "government", "party", "group"}


_BODY_HEADS = _ORG_WORDS | {"union", "company", "firm", "corporation", "association", "federation", "party", "group", "institute", "university", "court", "parliament", "senate", "congress", "assembly", "cabinet", "administration", "embassy", "army", "navy", "port", "bank", "club", "foundation", "coalition", "alliance", "organisation", "organization", "regulator", "tribunal", "municipality", "inspectorate", "directorate", "secretariat"}  # fmt: skip
_OF = {"of", "for", "at", "in", "on", "from", "to", "with"}


def _speaker_type(e: Entry) -> str:
    """schema.org ``Organization`` for a body, ``Person`` for a person: the kind the project stores, and
    for a speaker known by a description (kind "role", a single word, or not grouped) the description's
    head word: "the port authority" is a body, "a senior official" and "a spokeswoman for the ministry" are
    people (the head is the word before a preposition)."""
    if _is_body(e.speaker_kind):
        return "Organization"
    if e.speaker_kind == "person" or not e.speaker:
        return "Person"
    words = [w.strip(".,;:'’\"“”()").lower() for w in e.speaker.split()]
    head = next((w for i, w in enumerate(words) if i + 1 < len(words) and words[i + 1] in _OF), words[-1])
    return "Organization" if head in _BODY_HEADS else "Person"


def _name(text: str) -> dict[str, str]:
    """One name as CSL ``{family, given[, suffix]}``, or ``{literal}`` for bodies and single words."""
    words = text.split()
    if len(words) < 2 or any(w.lower().strip(".,") in _ORG_WORDS for w in words) or any(c.isdigit() for c in text):
        return {"literal": text}
    suffix = words.pop() if words[-1].lower() in _SUFFIXES and len(words) > 2 else None
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    return {"family": " ".join(words[i:]), "given": " ".join(words[:i])} | ({"suffix": suffix} if suffix else {})


def _byline(author: str) -> str:
    return re.sub(r"^\s*by\s+", "", author, flags=re.IGNORECASE)


def _names(author: str | None) -> list[dict[str, str]]:
    """An article's byline as CSL names: "By A and B", "A; B", "Family, Given", "A, B", agencies."""
    names = []
    for part in re.split(r"\s*;\s*|\s+and\s+|\s+&\s+", _byline(author or "")):
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) == 2 and pieces[1].lower() in _SUFFIXES:
            names.append(_name(pieces[0]) | {"suffix": pieces[1]})
        elif len(pieces) == 2 and (" " not in pieces[0] or pieces[0].split()[0] in _PARTICLES):
            names.append({"family": pieces[0], "given": pieces[1]})  # inverted: "Dvořáková, Žofia"
        else:
            names.extend(_name(p) for p in pieces)
    return names


def _name_text(name: dict[str, str], escape: Callable[[str], str] = str) -> str:
    """A name as "Family, Given[, Suffix]" for BibTeX and RIS; a literal name as it is."""
    parts = [name["literal"]] if "literal" in name else [name["family"], name.get("suffix"), name["given"]]
    return ", ".join(escape(p) for p in parts if p)


def _ascii_words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[a-zA-Z0-9]+", anyascii(text))]


def _citation_keys(entries: list[Entry]) -> list[str]:
    """Unique keys ``speakerYearWord`` (e.g. ``petrov2026reserve``), suffixed b, c… on a clash.

    The speaker part is a person's family name or a body's first word, in ASCII so every tool takes it.
    """
    keys: list[str] = []
    used: set[str] = set()
    tried: dict[str, int] = {}  # suffixes tried per base key, so many clashes stay linear
    for e in entries:
        name = _name(e.speaker) if e.speaker and not _is_body(e.speaker_kind) else {"literal": e.speaker or "anon"}
        who = (_ascii_words(name["family"])[-1:] if "family" in name else _ascii_words(name["literal"])[:1]) or ["anon"]
        words = [w for w in _ascii_words(e.text) if not w.isdigit()] or [""]
        word = next((w for w in words if len(w) > 3 and w not in _STOP_WORDS), words[0])
        base = f"{who[0]}{(_date_parts(e.date) or [''])[0]}{word}"
        n = tried.get(base, 1)
        key = base if n == 1 else base + _letters(n)
        while key in used:
            n += 1
            key = base + _letters(n)
        tried[base] = n
        used.add(key)
        keys.append(key)
    return keys


def _letters(n: int) -> str:
    """2 → "b", 26 → "z", 27 → "aa": a suffix that never runs out."""
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(97 + r) + letters
    return letters


def _variant_text(v: Variant, words: str | None = None) -> str:
    """Another report's words (``words``: as a format escapes them): in quotation marks when it quotes,
    marked as a paraphrase (and never in quotation marks) when it is reported speech."""
    words = v.text if words is None else words
    return f"(paraphrase) {words}" if v.role == "paraphrase" else f"“{words}”"


def _variant_line(v: Variant) -> str:
    return _variant_text(v) + (f" ({', '.join(p for p in (v.outlet, v.date) if p)})" if v.outlet or v.date else "")


def _flag_line(f: Flag) -> str:
    return f"{f.severity} {f.kind}: {f.explanation}"


def _given_on(e: Entry, escape: Callable[[str], str] = str) -> str:
    """What follows a verdict given on earlier words than the quote has now (the article was edited and
    imported again), `` (given on earlier words: “…”)``, so that no citation list shows it as a verdict on
    the words it cites; "" for a verdict on the words as they are. ``escape``: the format's escaping."""
    if not e.verdict or not e.verdict_given_on:
        return ""
    return f" (given on earlier words: “{escape(_one_line(e.verdict_given_on))}”)"


def _quote_note(e: Entry) -> str:
    """One readable line naming the quote and its speaker, for the note field of reference managers."""
    who = e.speaker or "unattributed"
    if e.speaker_as_written and e.speaker_as_written != e.speaker:
        who += f" (as written: {e.speaker_as_written})"
    if e.kind == "indirect":  # reported speech: the article's words about what was said, never a quotation
        cue = f" {e.cue}" if e.cue and e.cue != ":" else ""  # "Roe denied: that …", "Roe did not say: whether …"
        if (e.cue or "").casefold().startswith("according to"):
            who, cue = f"{e.cue} {who}", ""  # "according to the port authority: …", not "… according to: …"
        return _one_line(f"Paraphrase (reported speech, not a quotation), {who}{cue}: {e.text}")
    return _one_line(f"Quote, {who}: “{e.text}”" + _translation_note(e))


def _translation_note(e: Entry) -> str:
    """ " — translation (en) of “…” (ru, Outlet 2026-03-02)": the original a translated quote renders."""
    o = e.translation_of
    if o is None:
        return ""
    where = ", ".join(p for p in (o.language, o.outlet, o.date) if p)
    kind = o.link or "translation"
    return (
        f" — {kind}"
        + (f" ({e.quote_language})" if e.quote_language else "")
        + f" of “{o.text}”"
        + (f" ({where})" if where else "")
    )


def _cell(value) -> str | int:
    """A CSV cell a spreadsheet shows as text: a leading =, +, -, @, tab or CR gets a ``'`` in front."""
    if value is None or isinstance(value, int | float):
        return "" if value is None else ("yes" if value is True else value)
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def _render_csv(entries: list[Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        lists = {"variants": "\n".join(map(_variant_line, e.variants)), "flags": "\n".join(map(_flag_line, e.flags))}
        lists["translation_of"] = _translation_note(e).removeprefix(" — ")
        row = asdict(e) | {k: v or None for k, v in lists.items()}
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def _render_json(entries: list[Entry]) -> str:
    return json.dumps([e.as_dict() for e in entries], ensure_ascii=False, indent=2) + "\n"


_MD_INLINE = re.compile(r"[\\`*_\[\]<>~|]|&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")


def _md(text: str, indent: str = "") -> str:
    """Text shown literally in Markdown: specials escaped, line breaks kept as hard breaks."""
    lines = [_MD_INLINE.sub(lambda m: "\\" + m.group(0), ln.strip()) for ln in text.splitlines() if ln.strip()]
    # Only a continuation line can start a block (list, heading, setext underline); the first follows text.
    lines[1:] = [_MD_LINE_START.sub(r"\\\1", ln) for ln in lines[1:]]
    return ("\\\n" + indent).join(lines)


def _md_source(item: Entry | Variant) -> str:
    """``[title](url), *Outlet*, date``: as much of it as is known."""
    label = _md(_one_line(item.title)) if item.title else None
    if item.url:
        url = re.sub(r"[\s()<>\\`]", lambda m: f"%{ord(m.group(0)):02X}", item.url)
        label = f"[{label or _md(item.outlet or item.url)}]({url})"
    return ", ".join(p for p in (label, f"*{_md(item.outlet)}*" if item.outlet else None, item.date) if p)


def _md_entry(e: Entry, with_statement: bool) -> list[str]:
    """A quote and its source as a list item; its variants and flags below when ``with_statement``."""
    place = f"{_md_source(e)}; " if _md_source(e) else ""
    place += f"paragraph {e.paragraph}, " if e.paragraph else ""
    as_written = e.speaker_as_written if e.speaker_as_written != e.speaker else None
    details = (
        ("By", e.author and _md(_byline(e.author))),
        ("Speaker as written:", as_written and _md(as_written)),
        ("Verdict:", e.verdict and f"**{_md(e.verdict)}**{_given_on(e, _md)}"),
        ("Language:", e.quote_language if e.quote_language != e.language else None),
        ("Original:", e.translation_of and _md(_translation_note(e).removeprefix(" — "))),
        ("Note:", e.note and _md(e.note, "    ")),
    )
    shown = f"{_md(e.text, '  ')} (paraphrase: reported speech)" if e.kind == "indirect" else f"“{_md(e.text, '  ')}”"
    lines = [f"- {shown}", f"  - Source: {place}characters {e.start}–{e.end}"]
    lines += [f"  - {label} {value}" for label, value in details if value]
    return lines + (_md_statement(e.variants, e.flags, "  ") if with_statement else [])


def _md_statement(variants: Iterable[Variant], flags: Iterable[Flag], indent: str) -> list[str]:
    """The variants and flags of a statement as nested lists."""
    lines = []
    if variants := list(variants):
        lines.append(f"{indent}- Variants:")
        for v in variants:
            source = f" ({_md_source(v)})" if _md_source(v) else ""
            lines.append(f"{indent}  - {_variant_text(v, _md(v.text, indent + '    '))}{source}")
    if flags := list(flags):
        lines.append(f"{indent}- Flags:")
        lines += [f"{indent}  - **{_md(f.severity)}** {_md(f.kind)}: {_md(f.explanation)}" for f in flags]
    return lines


EXPORT_MARK = "<!-- a citation list written by quotecheck, not an article -->"
"""The Markdown export's first line (invisible when rendered): an import of a folder that holds an
export passes it over instead of taking the list for an article."""


def _render_markdown(entries: list[Entry], group_by: str) -> str:
    """A citation list: one section per speaker (alphabetical) or per statement (earliest first)."""
    lines = [EXPORT_MARK, "", "# Quotations", ""]
    if group_by == "speaker":
        speakers: dict[str, list[Entry]] = {}
        for e in sorted(entries, key=_sort_date):
            speakers.setdefault(e.speaker or "", []).append(e)
        for speaker in sorted(speakers, key=lambda s: (not s, s.casefold())):
            lines += [f"## {_md(_one_line(speaker)) if speaker else 'Unattributed'}", ""]
            lines += [line for e in speakers[speaker] for line in _md_entry(e, with_statement=True)] + [""]
        return "\n".join(lines)
    statements: dict[tuple, list[Entry]] = {}
    for e in sorted(entries, key=_sort_date):
        statements.setdefault(e.statement, []).append(e)
    for n, members in enumerate(statements.values(), 1):
        who = ", ".join(dict.fromkeys(e.speaker or "Unattributed" for e in members))
        lines += [f"## Statement {n}: {_md(_one_line(who))}", ""]
        lines += [line for e in members for line in _md_entry(e, with_statement=False)]
        shown = {e.quote_id for e in members}
        variants = {v.quote_id: v for e in members for v in e.variants if v.quote_id not in shown}
        lines += _md_statement(variants.values(), dict.fromkeys(f for e in members for f in e.flags), "") + [""]
    return "\n".join(lines)


def _render_csl(entries: list[Entry]) -> str:
    """CSL-JSON ``article-newspaper`` items; the quote in ``note`` and, as data, in ``custom``."""
    today = _today()
    accessed = {"date-parts": [[today.year, today.month, today.day]]}
    items = []
    for key, e in zip(_citation_keys(entries), entries, strict=True):
        parts = _date_parts(e.date)
        item = {
            "id": key,
            "type": "article-newspaper",
            "title": e.title,
            "container-title": e.outlet,
            "author": _names(e.author) or None,
            # CSL takes a date it cannot split as "raw" and lets the processor parse it.
            "issued": {"date-parts": [parts]} if parts else {"raw": e.date} if e.date else None,
            "URL": e.url,
            "accessed": accessed,
            "language": e.language,
            "note": _quote_note(e),
            "custom": {k: v for k, v in e.as_dict().items() if k not in ARTICLE_FIELDS},
        }
        items.append(drop_none(item))
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


_TEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", '"': '{"}',
}  # fmt: skip
_TEX_SPECIAL = re.compile("|".join(map(re.escape, _TEX)))


def _tex(text: str) -> str:
    """A BibTeX field value: LaTeX specials escaped, braces balanced, on one line. Unicode stays as is:
    biber, Zotero and JabRef read UTF-8. A straight quote is braced, since babel makes ``"`` active."""
    return _TEX_SPECIAL.sub(lambda m: _TEX[m.group(0)], _one_line(text))


def _render_bibtex(entries: list[Entry]) -> str:
    """``@article`` (``@misc`` without title and outlet) per quote, keyed ``speakerYearWord``."""
    library = bibtexparser.Library()
    for key, e in zip(_citation_keys(entries), entries, strict=True):
        parts = _date_parts(e.date)
        names = [f"{{{_tex(n['literal'])}}}" if "literal" in n else _name_text(n, _tex) for n in _names(e.author)]
        verdict = f"Verdict: {e.verdict}{_given_on(e)}" if e.verdict else None
        review = "; ".join(p for p in (verdict, e.note) if p)
        fields = {
            "author": " and ".join(names),
            "title": e.title and _tex(e.title),
            "journal" if e.outlet and e.title else "howpublished": e.outlet and _tex(e.outlet),
            "year": parts and str(parts[0]),
            "month": parts and len(parts) > 1 and str(parts[1]),
            "date": parts and "-".join(f"{p:02d}" for p in parts),
            # A URL is verbatim in BibTeX; only what would unbalance the braces is percent-encoded.
            "url": e.url and re.sub(r"[{}\\\s]", lambda m: f"%{ord(m.group(0)):02X}", e.url),
            "urldate": e.url and _today().isoformat(),
            "language": e.language and _tex(e.language),
            "note": _tex(_quote_note(e)),
            "annote": _tex(review),
            "keywords": _tex(", ".join(dict.fromkeys(f.kind for f in e.flags))),
        }
        bib_fields = [bibtexparser.model.Field(k, v) for k, v in fields.items() if v]
        library.add(bibtexparser.model.Entry("article" if e.outlet and e.title else "misc", key, bib_fields))
    # The library is ours and thrown away: let the writer add braces in place instead of copying it.
    return bibtexparser.write_string(library, unparse_stack=default_unparse_stack(allow_inplace_modification=True))


def _ris_date(parts: list[int]) -> str:
    return "/".join([str(parts[0])] + [f"{p:02d}" for p in parts[1:]] + [""] * (4 - len(parts)))


class _RisWriter(rispy.RisWriter):
    """rispy's writer without the "1." line it puts before each record, which some importers reject."""

    def set_header(self, count: int) -> str:
        return ""


def _render_ris(entries: list[Entry]) -> str:
    """RIS ``NEWS`` records (rispy): the quote, speaker, position and review in ``N1`` notes."""
    today = _today()
    records = []
    for key, e in zip(_citation_keys(entries), entries, strict=True):
        parts = _date_parts(e.date)
        place = f"Paragraph {e.paragraph}, characters" if e.paragraph else "Characters"
        notes = [
            _quote_note(e),
            f"{place} {e.start}–{e.end}",
            *(f"Variant: {_variant_line(v)}" for v in e.variants),
            *(f"Flag: {_flag_line(f)}" for f in e.flags),
            e.verdict and f"Verdict: {e.verdict}{_given_on(e)}",
            e.note and f"Reviewer's note: {e.note}",
        ]
        record = {
            "type_of_reference": "NEWS",
            "id": key,
            "title": e.title and _one_line(e.title),
            "secondary_title": e.outlet and _one_line(e.outlet),
            "authors": [_one_line(_name_text(n)) for n in _names(e.author)],
            "year": parts and str(parts[0]),
            "date": parts and _ris_date(parts),
            "urls": [e.url] if e.url else None,
            "access_date": e.url and _ris_date([today.year, today.month, today.day]),
            "language": e.language,
            "notes": [_one_line(n) for n in notes if n],
            "keywords": list(dict.fromkeys(f.kind for f in e.flags)),
        }
        records.append({k: v for k, v in record.items() if v})
    return rispy.dumps(records, implementation=_RisWriter)


def _creative_work(article: Entry | Variant) -> dict:
    publisher = {"@type": "Organization", "name": article.outlet} if article.outlet else None
    work = {"url": article.url, "headline": article.title, "datePublished": article.date, "publisher": publisher}
    return {"@type": "CreativeWork"} | drop_none(work)


DENYING = re.compile(r"\b(not|n't|never|den(y|ied|ies|ying)|reject\w*|refut\w*|disput\w*|dismiss\w*)\b", re.I)


def _claim_text(e: Entry) -> str:
    """The claim a review judges: a quote's words; for reported speech its content without the "that"
    of the clause, and with the cue when the cue denies it ("denied that the council had lied": the
    source's claim is the denial, not what was denied). On one line, without the comma or colon the
    article's sentence goes on after (as :func:`quotecheck.library.citation_line` trims a quote)."""
    words = " ".join(e.text.split()).rstrip(" ,;:")
    if e.kind != "indirect":
        return words
    if e.cue and DENYING.search(e.cue):
        return f"{e.cue} {words}"
    return re.sub(r"^that\s+", "", words, flags=re.I)


def _carries(v: Variant, e: Entry) -> bool:
    """Whether report ``v`` of a statement carries the claim of the judged quote ``e``: a verdict on
    misquoted words is on those words, and an outlet that quoted them right never carried them.

    A quotation in the judged quote's language carries it when its words are the judged words but for
    punctuation, spelling, inflection or a cut end that loses nothing (one that says a factor in other
    words, "risen two-fold" for "doubled", does not); reported speech or a translation,
    whose words differ anyway, carries it unless it changes the facts (a severe flag names both).
    """
    if v.quote_id in (e.changed_in or ()):
        return False
    translated = bool(e.quote_language and v.language and e.quote_language != v.language)
    if translated:
        return True
    if e.kind == "indirect" or v.kind == "indirect":
        # the statement's flags compare each report with its first quote, not with the judged words: a
        # report of 45 percent carries no judged paraphrase of 40 even when the first quote said 60
        return not facts_differ(
            e.text, v.text, e.cue if e.kind == "indirect" else None, v.cue if v.kind == "indirect" else None
        )
    ops = align(e.text, v.text)
    return worst(ops) in (None, "info", "minor") and not any(op.label == OTHER_WORDS for op in ops)


def _as_variant(e: Entry) -> Variant:
    """A judged quote as another report of its statement, to compare with a second judged one."""
    return Variant(e.quote_id, e.text, e.article_id, kind=e.kind, cue=e.cue, language=e.quote_language)


def _render_claimreview(entries: list[Entry], reviewer: str | None = None) -> str:
    """schema.org ``ClaimReview`` JSON-LD, one per statement and verdict a person has given.

    The claim is the earliest judged wording; its appearances are the articles that carry it (the judged
    quotes and the variants :func:`_carries` the claim), the earliest published one its first appearance
    (:func:`quotecheck.matching.flags.first_appearance`'s rule).
    The reviewer's note stays out: it is a working note, and ClaimReview is meant to be published. So
    does a verdict given on earlier words than the quote now has (``verdict_given_on``).
    ``reviewer``, the organisation publishing the reviews, becomes each review's ``author``.
    """
    groups: dict[tuple, list[list[Entry]]] = {}
    for e in sorted(entries, key=_sort_date):
        # a verdict given on earlier words than the quote has now is no verdict on these words: published,
        # it would be read (by people and by the search engines that show ratings) as one; it comes back
        # once a person gives it again on the words as they are
        if e.verdict in VERDICT_RATINGS and not e.verdict_given_on:
            claims = groups.setdefault((e.statement, e.verdict), [])
            # two reports judged alike are one claim when they say the same: "45 percent" and "60 percent",
            # both misquoting "40 percent", are two claims, each with the articles that printed it
            same = next((c for c in claims if _carries(_as_variant(e), c[0])), None)
            if same is None:
                claims.append([e])
            else:
                same.append(e)
    reviews = []
    for (_, verdict), judged in ((key, c) for key, claims in groups.items() for c in claims):
        first = judged[0]
        kept = [v for e in judged for v in e.variants if _carries(v, e)]
        # the first appearance is the earliest published report, as the first_appearance flag has it
        # (same day: the article imported first); a said-on date says when the words were spoken
        articles = sorted(
            {a.article_id: a for a in (*judged, *kept)}.values(), key=lambda a: (*_sort_date(a), a.article_id)
        )
        claim = {
            "@type": "Claim",
            "author": first.speaker and {"@type": _speaker_type(first), "name": first.speaker},
            "appearance": [_creative_work(a) for a in articles],
            "firstAppearance": _creative_work(articles[0]) if articles[0].date else None,
        }
        value, label = VERDICT_RATINGS[verdict]
        scale = {"ratingValue": value, "bestRating": 4, "worstRating": 1} if value is not None else {}
        rating = {"@type": "Rating", **scale, "alternateName": label}
        review = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": _claim_text(first)}
        if first.kind == "indirect":
            claim["description"] = _quote_note(first)
        if reviewer:
            review["author"] = {"@type": "Organization", "name": reviewer}
        review |= {"datePublished": _today().isoformat(), "reviewRating": rating, "itemReviewed": drop_none(claim)}
        reviews.append(review)
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


_RENDERERS: dict[str, Callable[[list[Entry]], str]] = {
    "csv": _render_csv,
    "json": _render_json,
    "csl-json": _render_csl,
    "bibtex": _render_bibtex,
    "ris": _render_ris,
}


def _check(fmt: str, group_by: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if group_by not in GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}; use one of: {', '.join(GROUPINGS)}")


def render(entries: list[Entry], fmt: str, *, group_by: str = "speaker", reviewer: str | None = None) -> str:
    """``entries`` as text in ``fmt`` (one of :data:`FORMATS`); ``group_by`` applies to Markdown,
    ``reviewer`` (the organisation publishing fact-checks) to ClaimReview.

    Example::

        render(collect(db), "markdown", group_by="statement")
    """
    _check(fmt, group_by)
    if fmt == "markdown":
        return _render_markdown(entries, group_by)
    if fmt == "claimreview":
        return _render_claimreview(entries, reviewer)
    return _RENDERERS[fmt](entries)


class NothingToPublish(ValueError):
    """A ClaimReview export with no review in it: nothing is written, as for a filter that matches no
    quote (no statement has a verdict, or every verdict was left out)."""


def export(
    db,
    fmt: str,
    flt: QuoteFilter | None = None,
    path: str | os.PathLike | None = None,
    *,
    group_by: str = "speaker",
    reviewer: str | None = None,
) -> str:
    """The quotes ``flt`` selects, rendered in ``fmt``; written to ``path`` too when given.

    A file is replaced atomically (a reader never sees half an export); a device, a named pipe or
    ``/dev/stdout`` is written into as it is, never replaced. A CSV file starts with a
    UTF-8 byte-order mark so that Excel reads non-ASCII names correctly; the returned text has none.
    A ClaimReview with no review in it raises :class:`NothingToPublish` and writes nothing.

    Example::

        export(db, "csv", QuoteFilter(flag_kinds=("any",)), "flagged.csv")
    """
    _check(fmt, group_by)  # before reading the project, which may take a while
    text = render(collect(db, flt), fmt, group_by=group_by, reviewer=reviewer)
    if fmt == "claimreview" and text.strip() == "[]":
        raise NothingToPublish("no statement among these quotes has a verdict to publish")
    if path is not None:
        _write(path, text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    return text


_OWN_STREAM = re.compile(r"/dev/std(?P<std>out|err)|(?:/dev/fd|/proc/self/fd)/(?P<fd>\d+)")


def own_stream(path: str | os.PathLike) -> bool:
    """Whether ``path`` names a stream this process already has open (``/dev/stdout``, ``/dev/fd/3``)."""
    return _OWN_STREAM.fullmatch(os.fsdecode(path)) is not None


def writes_in_place(path: str | os.PathLike) -> bool:
    """Whether an export to ``path`` writes into what is there as it is — a device, a named pipe, a
    stream this process has open (``/dev/stdout``, ``/dev/fd/3``) — rather than replacing a file. No
    file is made then, so the permissions of the folder it is in do not matter.

    Example::

        writes_in_place("/dev/stdout")  # True
    """
    if own_stream(path):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write(path: str | os.PathLike, text: str, encoding: str) -> None:
    """``text`` into ``path``: a regular file (or a new name) is replaced atomically, the file a link
    points to rather than the link; anything else already there (a device, a named pipe) is written
    into as it is, and ``/dev/stdout`` and the like are the streams this process already has open."""
    own = _OWN_STREAM.fullmatch(os.fsdecode(path))
    if own:
        fd = int(own["fd"]) if own["fd"] else 1 if own["std"] == "out" else 2
        held = {1: sys.stdout, 2: sys.stderr}.get(fd)
        if held is not None:  # what Python holds back goes out first
            held.flush()
        _write_fd(os.dup(fd), text, encoding)  # a shell's redirection (``>> log``) is kept, not replaced
    elif writes_in_place(path):
        _write_fd(_open_in_place(path), text, encoding)
    else:
        _write_atomic(os.path.realpath(path), text, encoding)


PIPE_WAIT = 30.0  # seconds an export waits for a program to read the named pipe it was sent to


def _open_in_place(path: str | os.PathLike, wait: float | None = None) -> int:
    """A device or named pipe opened for writing. Opening a pipe waits until a program reads it;
    one nobody reads after ``wait`` seconds (:data:`PIPE_WAIT`) is an error, not an export that
    hangs for ever."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    try:
        fifo = stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        fifo = False
    nonblock = getattr(os, "O_NONBLOCK", 0)
    if not fifo or not nonblock or not hasattr(os, "set_blocking"):
        return os.open(path, flags)  # (Windows has neither: its pipes are opened as they are)
    limit = PIPE_WAIT if wait is None else wait
    deadline = time.monotonic() + limit
    while True:
        try:
            fd = os.open(path, flags | nonblock)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
            if time.monotonic() >= deadline:
                raise OSError(errno.ENXIO, f"no program read the named pipe within {limit:g} s") from None
            time.sleep(0.05)
            continue
        os.set_blocking(fd, True)
        return fd


def _write_fd(fd: int, text: str, encoding: str) -> None:
    """``text`` into an open descriptor, which is closed after; a write error (no space) is raised."""
    with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
        f.write(text)


def _write_atomic(path: str, text: str, encoding: str) -> None:
    """Write a sibling temporary file, then rename it over ``path``; on failure remove it."""
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".export-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); an export is an ordinary document.
        os.chmod(tmp, os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
