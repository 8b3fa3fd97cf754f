"""Export: every format parsed back by a real parser, missing metadata left out, filters honoured."""

import csv
import datetime as dt
import io
import json
import os
import re
import stat
import threading

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from markdown_it import MarkdownIt

from quotecheck.io import export as ex
from quotecheck.project import store
from quotecheck.project.query import QuoteFilter

TODAY = dt.date(2026, 11, 22)

# Quotes with the characters that break exports: curly and straight quote marks, braces, %, &, a leading
# formula character, line breaks, Markdown syntax, non-ASCII names.
Q_RESERVE = 'We will cut the “reserve” by 50% & keep {x} for "emergencies", said nobody'
Q_RESERVE_2 = "We will cut the reserve by 40% and keep it for emergencies"
Q_RESERVE_3 = "We will cut the reserve by 40%"
Q_FORMULA = "=SUM(A1:A9) is not a policy,\nit is a spreadsheet"
Q_MINUS = "-5 degrees tonight, and {worse} tomorrow"
Q_MARKDOWN = "*Not* a [link](http://evil.example) — `code` _x_ <b>bold</b> &amp;\n\n# heading\n- item\n@all"
Q_AT = "@everyone: the port is open"


def add_article(db, lines, content_hash, **meta):
    text = "\n".join(lines)
    spans, pos = [], 0
    for p in lines:
        spans.append([pos, pos + len(p)])
        pos += len(p) + 1
    row = {"path": f"{content_hash}.txt", "content_hash": content_hash, "text": text, "ingested_at": "now"}
    return db["articles"].insert({**row, "paragraphs": json.dumps(spans), **meta}).last_pk


def add_quote(db, article_id, quote, **extra):
    text = db["articles"].get(article_id)["text"]
    start = text.find(quote) if quote in text else 0
    row = {"article_id": article_id, "start": start, "end": start + len(quote), "text": quote}
    return db["quotes"].insert({**row, **extra}).last_pk


@pytest.fixture
def project(monkeypatch):
    """Four articles (one without any metadata), a cluster of three reports with flags, reviews."""
    monkeypatch.setattr(ex, "_today", lambda: TODAY)
    db = store.memory_db()
    ledger = add_article(
        db,
        ["Budget talks went on late.", f"“{Q_RESERVE}”, the minister said.", f"O'Neill wrote: “{Q_FORMULA}”"],
        "ledger",
        title="Budget “deal” {draft} & 50% cuts",
        outlet="Daily Ledger",
        author="Žofia Dvořáková",
        date="2026-03-04",
        url="https://ledger.example/budget-deal",
        language="en",
    )
    courier = add_article(
        db,
        [f"Petrov said: “{Q_RESERVE_2}”.", "The port authority posted: “" + Q_MARKDOWN.replace("\n", " ") + "”"],
        "courier",
        title="Minister on grain (exports)",
        outlet="Morning Star Courier",
        author="By Anna van der Berg and Юрий Смирнов",
        date="2026-03-05",
        url="https://courier.example/grain_(exports)?a=1&b=2",
    )
    bare = add_article(db, [f"He said {Q_MINUS}."], "bare", title="", author="None", paragraphs="[]")
    wire = add_article(
        db,
        [f"“{Q_RESERVE_3}”, Petrov told reporters.", f"Posted: “{Q_AT}”"],
        "wire",
        title="Earlier report",
        outlet="Wire Weekly",
        author="Kowalski, Jan; Reuters Staff",
        date="2026-02-28",
        url="https://wire.example/early",
    )
    petrov = db["speakers"].insert({"name": "Юрий Петров", "kind": "person"}).last_pk
    db["speaker_aliases"].insert({"speaker_id": petrov, "alias": "Yuri Petrov", "evidence": "test"})
    port = db["speakers"].insert({"name": "Port Authority of Novígrad", "kind": "organisation"}).last_pk
    ids = {
        "reserve": add_quote(
            db,
            ledger,
            Q_RESERVE,
            speaker="Petrov",
            mention="the minister",
            speaker_id=petrov,
            paragraph=1,
            verdict="misquoted",
            note="Audio says 40%, not 50% {tape 3}.",
            confidence=0.8712,
        ),
        "formula": add_quote(
            db, ledger, Q_FORMULA, speaker="M. O'Neill", reviewed_speaker="Mara O'Neill", confirmed=1, paragraph=2
        ),
        "reserve2": add_quote(db, courier, Q_RESERVE_2, speaker="Petrov", mention="Petrov", speaker_id=petrov),
        "markdown": add_quote(
            db, courier, Q_MARKDOWN, speaker="port authority", mention="The port authority", speaker_id=port
        ),
        "minus": add_quote(db, bare, Q_MINUS, speaker="Tomás Ruiz", mention="he", paragraph=0),
        "reserve3": add_quote(db, wire, Q_RESERVE_3, speaker="Petrov", speaker_id=petrov),
        "at": add_quote(db, wire, Q_AT, speaker_id=port, verdict="verified"),
    }
    cluster = db["clusters"].insert({"kind": "statement", "root_quote_id": ids["reserve2"]}).last_pk
    for key, role in (("reserve", "variant"), ("reserve2", "root"), ("reserve3", "fragment")):
        db["cluster_members"].insert({"cluster_id": cluster, "quote_id": ids[key], "role": role, "alignment": "[]"})
    number = (
        db["flags"]
        .insert(
            {
                "kind": "altered_number",
                "severity": "high",
                "explanation": "50% here, 40% elsewhere.",
                "cluster_id": cluster,
            }
        )
        .last_pk
    )
    db["flag_quotes"].insert({"flag_id": number, "quote_id": ids["reserve"]})
    db["flags"].insert(  # about the whole statement: no quote named
        {"kind": "shortened", "severity": "low", "explanation": "One report drops the end.", "cluster_id": cluster}
    )
    attribution = (
        db["flags"]
        .insert({"kind": "possible_misattribution", "severity": "medium", "explanation": "Posted, not said."})
        .last_pk
    )
    db["flag_quotes"].insert({"flag_id": attribution, "quote_id": ids["markdown"]})
    return db, ids


def by_id(entries):
    return {e.quote_id: e for e in entries}


# ---------------------------------------------------------------------------------------------- collect


def test_entry_carries_quote_speaker_source_place_variants_flags_and_review(project):
    db, ids = project
    e = by_id(ex.collect(db))[ids["reserve"]]
    assert e.text == Q_RESERVE
    assert (e.speaker, e.speaker_as_written, e.speaker_kind) == ("Юрий Петров", "the minister", "person")
    assert (e.title, e.outlet, e.author, e.date) == (
        "Budget “deal” {draft} & 50% cuts",
        "Daily Ledger",
        "Žofia Dvořáková",
        "2026-03-04",
    )
    assert e.url == "https://ledger.example/budget-deal"
    article = db["articles"].get(e.article_id)["text"]
    assert article[e.start : e.end] == Q_RESERVE and e.paragraph == 2
    assert [(v.text, v.outlet, v.date) for v in e.variants] == [
        (Q_RESERVE_3, "Wire Weekly", "2026-02-28"),
        (Q_RESERVE_2, "Morning Star Courier", "2026-03-05"),
    ]
    assert [(f.kind, f.severity) for f in e.flags] == [("altered_number", "high"), ("shortened", "low")]
    assert (e.verdict, e.note) == ("misquoted", "Audio says 40%, not 50% {tape 3}.")


def test_statement_flags_reach_every_report_but_quote_flags_stay_on_their_quote(project):
    db, ids = project
    entries = by_id(ex.collect(db))
    assert [f.kind for f in entries[ids["reserve2"]].flags] == ["shortened"]
    assert entries[ids["reserve2"]].statement_id == entries[ids["reserve"]].statement_id is not None
    assert entries[ids["formula"]].statement_id is None and entries[ids["formula"]].variants == ()


def test_speaker_falls_back_from_grouped_name_to_correction_to_extracted(project):
    db, ids = project
    entries = by_id(ex.collect(db))
    assert entries[ids["formula"]].speaker == "Mara O'Neill"
    assert entries[ids["minus"]].speaker == "Tomás Ruiz" and entries[ids["minus"]].speaker_kind is None
    assert entries[ids["at"]].speaker == "Port Authority of Novígrad"


def test_missing_metadata_is_none_not_blank_or_the_word_none(project):
    db, ids = project
    e = by_id(ex.collect(db))[ids["minus"]]
    assert (e.title, e.outlet, e.author, e.date, e.url) == (None, None, None, None, None)
    assert e.paragraph == 1  # no paragraph spans: the stored 0-based index
    assert ex.collect(db, QuoteFilter(quote_ids=(999,))) == []


@pytest.mark.parametrize(
    "flt, expected",
    [
        (QuoteFilter(speaker="Петров"), {"reserve", "reserve2", "reserve3"}),
        (QuoteFilter(speaker="Yuri"), {"reserve", "reserve2", "reserve3"}),  # through an alias
        (QuoteFilter(flag_kinds=("altered_number",)), {"reserve"}),
        (QuoteFilter(flag_kinds=("any",)), {"reserve", "markdown"}),
        (QuoteFilter(reviewed_only=True), {"reserve", "formula", "at"}),
    ],
)
def test_filters_select_quotes(project, flt, expected):
    db, ids = project
    assert {k for k, v in ids.items() if v in {e.quote_id for e in ex.collect(db, flt)}} == expected


def test_article_and_explicit_id_filters(project):
    db, ids = project
    wire = db["quotes"].get(ids["at"])["article_id"]
    assert [e.quote_id for e in ex.collect(db, QuoteFilter(article_ids=(wire,)))] == [ids["reserve3"], ids["at"]]
    chosen = (ids["minus"], ids["reserve"])
    assert [e.quote_id for e in ex.collect(db, QuoteFilter(quote_ids=chosen))] == [ids["reserve"], ids["minus"]]
    text = ex.export(db, "json", QuoteFilter(quote_ids=(ids["formula"],)))
    assert [o["quote_id"] for o in json.loads(text)] == [ids["formula"]]


def test_unknown_format_or_grouping_names_the_valid_ones(project):
    db, _ = project
    with pytest.raises(ValueError, match="csv, json, markdown, csl-json, bibtex, ris, claimreview"):
        ex.export(db, "docx")
    with pytest.raises(ValueError, match="speaker, statement"):
        ex.render([], "markdown", group_by="outlet")


# ---------------------------------------------------------------------------------------------- formats


def test_csv_round_trips_and_neutralises_formulas(project):
    db, ids = project
    rows = list(csv.reader(io.StringIO(ex.export(db, "csv"))))
    assert tuple(rows[0]) == ex.CSV_COLUMNS
    records = {int(r[0]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert len(records) == len(ids)
    assert records[ids["reserve"]]["text"] == Q_RESERVE  # quote marks, commas, braces intact
    assert records[ids["formula"]]["text"] == "'" + Q_FORMULA  # line break kept inside the cell
    assert records[ids["minus"]]["text"] == "'" + Q_MINUS
    assert records[ids["at"]]["text"] == "'" + Q_AT
    assert records[ids["minus"]]["title"] == "" and records[ids["minus"]]["author"] == ""
    assert records[ids["reserve"]]["variants"].splitlines() == [
        f"“{Q_RESERVE_3}” (Wire Weekly, 2026-02-28)",
        f"“{Q_RESERVE_2}” (Morning Star Courier, 2026-03-05)",
    ]
    assert "high altered_number: 50% here, 40% elsewhere." in records[ids["reserve"]]["flags"]
    assert records[ids["reserve"]]["paragraph"] == "2" and records[ids["reserve"]]["verdict"] == "misquoted"
    # what a person decided about the speaker, and how sure the extractor was
    formula = records[ids["formula"]]
    assert (formula["confirmed"], formula["corrected_from"]) == ("yes", "M. O'Neill")
    assert (records[ids["reserve"]]["confirmed"], records[ids["reserve"]]["corrected_from"]) == ("", "")
    assert records[ids["reserve"]]["confidence"] == "0.871" and records[ids["minus"]]["confidence"] == ""
    for record in records.values():
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in record.values())
        assert "None" not in record.values()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_every_formula_start_in_any_column(start):
    entry = ex.Entry(1, start + "1+1", 1, 0, 3, speaker=start + "cmd|' /C calc'!A0", outlet=start + "x")
    row = list(csv.reader(io.StringIO(ex.render([entry], "csv"))))[1]
    assert row[1] == "'" + start + "1+1" and row[2].startswith("'" + start) and row[5] == "'" + start + "x"


def test_json_is_a_list_of_objects_without_missing_fields(project):
    db, ids = project
    data = json.loads(ex.export(db, "json"))
    assert isinstance(data, list) and all(isinstance(o, dict) for o in data)
    objects = {o["quote_id"]: o for o in data}
    bare = objects[ids["minus"]]
    assert not {"title", "outlet", "author", "date", "url", "verdict", "note"} & bare.keys()
    assert bare["speaker"] == "Tomás Ruiz" and bare["variants"] == [] and bare["flags"] == []
    full = objects[ids["reserve"]]
    assert full["text"] == Q_RESERVE and full["speaker_as_written"] == "the minister"
    assert [v["outlet"] for v in full["variants"]] == ["Wire Weekly", "Morning Star Courier"]
    assert full["flags"][0] == {"kind": "altered_number", "severity": "high", "explanation": "50% here, 40% elsewhere."}
    assert "None" not in json.dumps(data) and "null" not in json.dumps(data)


def test_bibtex_parses_back_with_unique_keys_and_intact_text(project):
    db, ids = project
    text = ex.export(db, "bibtex")
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks and len(library.entries) == len(ids)
    keys = [e.key for e in library.entries]
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[a-z0-9]+", k) for k in keys)
    by_note = {e["note"]: e for e in library.entries}
    reserve = by_note[f"Quote, Юрий Петров (as written: the minister): “{Q_RESERVE}”"]
    assert reserve.key.startswith("petrov2026") and reserve.entry_type == "article"
    assert reserve["title"] == "Budget “deal” {draft} & 50% cuts"
    assert reserve["journal"] == "Daily Ledger" and reserve["year"] == "2026" and reserve["month"] == "3"
    assert reserve["author"] == "Dvořáková, Žofia" and reserve["url"] == "https://ledger.example/budget-deal"
    assert reserve["urldate"] == "2026-11-22" and reserve["date"] == "2026-03-04"
    assert reserve["annote"] == "Verdict: misquoted; Audio says 40%, not 50% {tape 3}."
    assert reserve["keywords"] == "altered_number, shortened"
    formula = next(e for e in library.entries if "SUM" in e["note"])
    assert formula["note"].endswith("“=SUM(A1:A9) is not a policy, it is a spreadsheet”")  # one line in BibTeX
    markdown = next(e for e in library.entries if "evil" in e["note"])
    assert Q_MARKDOWN.split("\n")[0] in markdown["note"]
    bare = next(e for e in library.entries if "Tomás" in e["note"])
    assert bare.entry_type == "misc" and set(bare.fields_dict) == {"note"}
    titles = {e.fields_dict["title"].value: e for e in library.entries if "title" in e.fields_dict}
    assert titles["Minister on grain (exports)"]["author"] == "van der Berg, Anna and Смирнов, Юрий"
    wire = titles["Earlier report"]
    assert wire["author"] == "Kowalski, Jan and Reuters Staff"
    assert "author = {Kowalski, Jan and {Reuters Staff}}" in text  # an agency braced as one name
    assert "None" not in text and not re.search(r"=\s*\{\s*\}", text)  # no empty fields


def test_bibtex_escapes_specials_so_raw_parse_keeps_them_escaped(project):
    db, ids = project
    raw = bibtexparser.parse_string(ex.export(db, "bibtex", QuoteFilter(quote_ids=(ids["reserve"],))))
    (entry,) = raw.entries
    assert r'50\% \& keep \{x\} for {"}emergencies{"}' in entry["note"]
    assert entry["title"] == r"Budget “deal” \{draft\} \& 50\% cuts"


def test_odd_metadata_stays_parseable_in_every_reference_format(monkeypatch):
    monkeypatch.setattr(ex, "_today", lambda: TODAY)
    entry = ex.Entry(
        1,
        "Back\\slash ^ ~ $ # _ and a } alone",
        1,
        0,
        9,
        speaker="Юрий",
        title="50% {off}",
        outlet="Ledger & Co",
        date="spring 2026",
        url="https://x.example/a{b}c d",
    )
    (bib,) = bibtexparser.parse_string(ex.render([entry], "bibtex")).entries
    assert bib["url"] == "https://x.example/a%7Bb%7Dc%20d" and "year" not in bib.fields_dict
    assert (
        bib["note"]
        == r"Quote, Юрий: “Back\textbackslash{}slash \textasciicircum{} \textasciitilde{} \$ \# \_ and a \} alone”"
    )
    assert bib.key == "yuriyback"
    (item,) = json.loads(ex.render([entry], "csl-json"))
    jsonschema.validate([item], CSL_DATA_SCHEMA)
    assert item["issued"] == {"raw": "spring 2026"}  # a date CSL processors may still parse
    (ris,) = rispy.loads(ex.render([entry], "ris"))
    assert "date" not in ris and ris["title"] == "50% {off}"


def test_citation_keys_are_unique_for_the_same_speaker_year_and_word():
    entries = [
        ex.Entry(i, "Reserve funds matter", 1, 0, 5, speaker="Jan van Dijk", date="2026-01-02") for i in range(3)
    ]
    entries.append(ex.Entry(9, "ok", 1, 0, 2))
    assert ex._citation_keys(entries) == ["dijk2026reserve", "dijk2026reserveb", "dijk2026reservec", "anonok"]


def test_many_clashing_keys_stay_unique():
    keys = ex._citation_keys([ex.Entry(i, "Budget", 1, 0, 6, speaker="Ann Lee") for i in range(3000)])
    assert len(set(keys)) == 3000 and keys[:2] == ["leebudget", "leebudgetb"] and keys[27] == "leebudgetab"


def test_ris_round_trips_as_news_records(project):
    db, ids = project
    text = ex.export(db, "ris")
    records = rispy.loads(text)
    assert len(records) == len(ids) and {r["type_of_reference"] for r in records} == {"NEWS"}
    reserve = next(r for r in records if any(Q_RESERVE in n for n in r["notes"]))
    assert reserve["title"] == "Budget “deal” {draft} & 50% cuts" and reserve["secondary_title"] == "Daily Ledger"
    assert reserve["authors"] == ["Dvořáková, Žofia"] and reserve["urls"] == ["https://ledger.example/budget-deal"]
    assert reserve["date"] == "2026/03/04/" and reserve["year"] == "2026" and reserve["access_date"] == "2026/11/22/"
    assert "Paragraph 2, characters" in " ".join(reserve["notes"]) and "Verdict: misquoted" in reserve["notes"]
    assert reserve["keywords"] == ["altered_number", "shortened"]
    formula = next(r for r in records if any("SUM" in n for n in r["notes"]))
    assert "=SUM(A1:A9) is not a policy, it is a spreadsheet" in formula["notes"][0]  # one line per tag
    bare = next(r for r in records if any("Tomás" in n for n in r["notes"]))
    assert not {"title", "secondary_title", "authors", "date", "year", "urls"} & bare.keys()
    assert "None" not in text


# The CSL data schema (citation-style-language/schema, csl-data.json 1.0.2), reduced to the parts an
# exporter can get wrong: required id and type, the type list, and the shapes of string, name and date
# variables. Unknown top-level keys are refused, so anything non-standard must go into ``custom``.
CSL_STRING_VARIABLES = [
    "abstract", "call-number", "collection-title", "container-title", "container-title-short", "DOI", "edition",
    "event-place", "genre", "ISBN", "ISSN", "issue", "language", "medium", "note", "number", "page", "publisher",
    "publisher-place", "section", "source", "status", "title", "title-short", "URL", "version", "volume",
]  # fmt: skip
CSL_NAME_VARIABLES = ["author", "editor", "translator", "interviewer", "container-author", "reviewed-author"]
CSL_DATE_VARIABLES = ["accessed", "issued", "original-date", "event-date", "submitted"]
CSL_TYPES = [
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
    "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
    "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical", "personal_communication",
    "post", "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech", "standard",
    "thesis", "treaty", "webpage",
]  # fmt: skip
NAME = {
    "type": "object",
    "properties": {
        k: {"type": "string"}
        for k in ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
    },
    "additionalProperties": False,
    "anyOf": [{"required": ["family"]}, {"required": ["literal"]}],
}
DATE = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["string", "number"]}},
        },
        "season": {"type": ["string", "number"]},
        "circa": {"type": ["string", "number", "boolean"]},
        "literal": {"type": "string"},
        "raw": {"type": "string"},
    },
    "additionalProperties": False,
}
CSL_DATA_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type"],
        "properties": {
            "id": {"type": ["string", "number"]},
            "type": {"enum": CSL_TYPES},
            "citation-key": {"type": "string"},
            "custom": {"type": "object"},
            **{k: {"type": "string"} for k in CSL_STRING_VARIABLES},
            **{k: {"type": "array", "items": NAME} for k in CSL_NAME_VARIABLES},
            **{k: DATE for k in CSL_DATE_VARIABLES},
        },
        "additionalProperties": False,
    },
}


def test_csl_json_validates_against_the_csl_data_schema(project):
    db, ids = project
    items = json.loads(ex.export(db, "csl-json"))
    jsonschema.validate(items, CSL_DATA_SCHEMA)
    assert len({i["id"] for i in items}) == len(items) == len(ids)
    assert {i["type"] for i in items} == {"article-newspaper"}
    by_quote = {i["custom"]["quote_id"]: i for i in items}
    reserve = by_quote[ids["reserve"]]
    assert reserve["title"] == "Budget “deal” {draft} & 50% cuts" and reserve["container-title"] == "Daily Ledger"
    assert reserve["author"] == [{"family": "Dvořáková", "given": "Žofia"}]
    assert reserve["issued"] == {"date-parts": [[2026, 3, 4]]} and reserve["accessed"] == {
        "date-parts": [[2026, 11, 22]]
    }
    assert reserve["URL"] == "https://ledger.example/budget-deal" and reserve["language"] == "en"
    assert reserve["custom"]["text"] == Q_RESERVE and reserve["custom"]["speaker"] == "Юрий Петров"
    assert reserve["custom"]["verdict"] == "misquoted" and len(reserve["custom"]["variants"]) == 2
    assert Q_RESERVE in reserve["note"] and "Юрий Петров" in reserve["note"]
    assert by_quote[ids["reserve2"]]["author"] == [
        {"family": "van der Berg", "given": "Anna"},
        {"family": "Смирнов", "given": "Юрий"},
    ]
    assert by_quote[ids["at"]]["author"] == [{"family": "Kowalski", "given": "Jan"}, {"literal": "Reuters Staff"}]
    bare = by_quote[ids["minus"]]
    assert not {"title", "container-title", "author", "issued", "URL"} & bare.keys()
    assert bare["custom"] == {
        "quote_id": ids["minus"],
        "text": Q_MINUS,
        "article_id": bare["custom"]["article_id"],
        "start": 8,
        "end": 8 + len(Q_MINUS),
        "speaker": "Tomás Ruiz",
        "speaker_as_written": "he",
        "paragraph": 1,
        "variants": [],
        "flags": [],
        "kind": "direct",
    }


@pytest.mark.parametrize(
    "byline, names",
    [
        ("Žofia Dvořáková", [{"family": "Dvořáková", "given": "Žofia"}]),
        ("Dvořáková, Žofia", [{"family": "Dvořáková", "given": "Žofia"}]),
        ("By Jane Doe, John Roe", [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "John"}]),
        ("Martin Luther King Jr.", [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}]),
        ("AFP", [{"literal": "AFP"}]),
        ("Staff Reporter", [{"literal": "Staff Reporter"}]),
        ("", []),
    ],
)
def test_bylines_become_names(byline, names):
    assert ex._names(byline) == names


def test_dates_become_date_parts_only_when_they_are_dates():
    assert ex._date_parts("2026-03-04T10:00:00Z") == [2026, 3, 4]
    assert ex._date_parts("2026-03") == [2026, 3]
    assert ex._date_parts("2026-13-01") is None and ex._date_parts("March 4") is None and ex._date_parts(None) is None


def md_tokens(text):
    """Every token of the rendered Markdown, inline children included."""
    tokens = []
    for token in MarkdownIt("commonmark").parse(text):
        tokens.append(token)
        tokens.extend(token.children or [])
    return tokens


def test_markdown_by_speaker_links_sources_and_shows_quotes_literally(project):
    db, ids = project
    text = ex.export(db, "markdown")
    tokens = md_tokens(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "Quotations",
        "Mara O'Neill",
        "Port Authority of Novígrad",
        "Tomás Ruiz",
        "Юрий Петров",
    ]  # the "# heading" inside a quote stays text
    links = {t.attrs["href"] for t in tokens if t.type == "link_open"}
    assert links == {
        "https://ledger.example/budget-deal",
        "https://courier.example/grain_%28exports%29?a=1&b=2",
        "https://wire.example/early",
    }  # the [link](http://evil.example) inside a quote is not a link
    html = MarkdownIt("commonmark").render(text)
    assert '<a href="https://ledger.example/budget-deal">Budget “deal” {draft} &amp; 50% cuts</a>' in html
    assert "<em>Daily Ledger</em>, 2026-03-04" in html
    texts = " ".join(t.content for t in tokens if t.type == "text")
    for line in Q_MARKDOWN.split("\n"):
        assert line in texts  # *Not*, `code`, _x_, <b>, &amp; and the list marker all shown as typed
    assert "<b>bold" not in html and "<code>" not in html and "<h1>heading" not in html
    assert "=SUM(A1:A9) is not a policy,<br />\nit is a spreadsheet" in html
    assert "Verdict: <strong>misquoted</strong>" in html and "Audio says 40%, not 50% {tape 3}." in html
    assert "<strong>high</strong> altered_number: 50% here, 40% elsewhere." in html
    assert f'“{Q_RESERVE_3}” (<a href="https://wire.example/early">Earlier report</a>, <em>Wire Weekly</em>' in html
    assert "By Anna van der Berg and Юрий Смирнов" in text and "By By" not in text
    assert "None" not in text


def test_markdown_by_statement_lists_reports_together_with_variants_and_flags(project):
    db, ids = project
    flt = QuoteFilter(quote_ids=(ids["reserve"], ids["reserve2"], ids["formula"]))
    text = ex.export(db, "markdown", flt, group_by="statement")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    assert len(sections) == 2  # the three-report statement (two of them selected), and the lone quote
    reserve = next(s for s in sections if "reserve" in s)
    assert reserve.startswith("Statement 1: Юрий Петров")
    assert reserve.index("Morning Star Courier") > reserve.index("Daily Ledger")  # earliest report first
    variants = reserve.split("- Variants:")[1]
    assert "Wire Weekly" in variants and "Daily Ledger" not in variants  # only reports not listed above
    assert "altered\\_number" in reserve and "shortened" in reserve
    assert "Mara O'Neill" in next(s for s in sections if "SUM" in s)


def test_claimreview_for_judged_statements(project):
    db, ids = project
    reviews = json.loads(ex.export(db, "claimreview"))
    assert len(reviews) == 2
    wire, reserve = reviews  # in the order of the judged quotes' dates
    assert reserve["@context"] == "https://schema.org" and reserve["@type"] == "ClaimReview"
    assert reserve["claimReviewed"] == Q_RESERVE
    assert reserve["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 4,
        "worstRating": 1,
        "alternateName": "Misquoted",
    }
    claim = reserve["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"] == {"@type": "Person", "name": "Юрий Петров"}
    # the misquoted words appear in the judged article only: the other two reports say 40%, not 50%
    assert [a["headline"] for a in claim["appearance"]] == ["Budget “deal” {draft} & 50% cuts"]
    assert claim["firstAppearance"] == {
        "@type": "CreativeWork",
        "url": "https://ledger.example/budget-deal",
        "headline": "Budget “deal” {draft} & 50% cuts",
        "datePublished": "2026-03-04",
        "publisher": {"@type": "Organization", "name": "Daily Ledger"},
    }
    assert wire["itemReviewed"]["author"] == {"@type": "Organization", "name": "Port Authority of Novígrad"}
    assert wire["reviewRating"]["alternateName"] == "Verified" and wire["reviewRating"]["ratingValue"] == 4


def test_an_unverifiable_claim_has_no_place_on_the_truth_scale(project):
    """ "Unverifiable" is no rating between "misquoted" and "verified": a reader of ratings would take a 3
    of 4 as nearly true. Its review carries its name alone."""
    db, ids = project
    db.execute("UPDATE quotes SET verdict = 'unverifiable' WHERE id = ?", [ids["at"]])
    reviews = json.loads(ex.export(db, "claimreview"))
    rating = next(r["reviewRating"] for r in reviews if r["reviewRating"]["alternateName"] == "Unverifiable")
    assert rating == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_claimreview_names_the_reviewing_organisation_when_given(project):
    db, _ = project
    assert all("author" not in r for r in json.loads(ex.export(db, "claimreview")))
    reviews = json.loads(ex.export(db, "claimreview", reviewer="Harbour Fact Desk"))
    assert reviews and all(r["author"] == {"@type": "Organization", "name": "Harbour Fact Desk"} for r in reviews)


def test_claimreview_without_verdicts_renders_an_empty_list_and_exports_nothing(project, tmp_path):
    db, ids = project
    target = tmp_path / "reviews.json"
    with pytest.raises(ex.NothingToPublish):
        ex.export(db, "claimreview", QuoteFilter(quote_ids=(ids["formula"], ids["minus"])), target)
    assert not target.exists()
    assert json.loads(ex.render([], "claimreview")) == []


@pytest.mark.parametrize("fmt", ex.FORMATS)
def test_every_format_exports_an_empty_selection(project, fmt):
    db, _ = project
    if fmt == "claimreview":  # no review to publish: nothing is written (the command says so)
        with pytest.raises(ex.NothingToPublish):
            ex.export(db, fmt, QuoteFilter(speaker="nobody at all"))
        return
    text = ex.export(db, fmt, QuoteFilter(speaker="nobody at all"))
    assert "None" not in text


# ---------------------------------------------------------------------------------------------- files


def test_export_writes_the_file_atomically_and_returns_its_text(project, tmp_path):
    db, _ = project
    path = tmp_path / "quotes.bib"
    path.write_text("old")
    text = ex.export(db, "bibtex", path=str(path))
    assert path.read_text(encoding="utf-8") == text
    assert os.listdir(tmp_path) == ["quotes.bib"]  # no temporary file left behind
    csv_path = tmp_path / "quotes.csv"
    csv_text = ex.export(db, "csv", path=str(csv_path))
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a BOM
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        assert f.read() == csv_text  # \r\n line ends kept as written
    assert csv_path.stat().st_mode & 0o777 == 0o644


def test_failed_write_leaves_the_old_file_and_no_temporary(project, tmp_path, monkeypatch):
    db, _ = project
    path = tmp_path / "quotes.json"
    path.write_text("old")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(ex.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        ex.export(db, "json", path=str(path))
    assert path.read_text() == "old" and os.listdir(tmp_path) == ["quotes.json"]


def test_a_named_pipe_is_written_into_not_replaced(project, tmp_path):
    db, _ = project
    fifo = tmp_path / "quotes.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    text = ex.export(db, "json", path=str(fifo))
    reader.join(10)
    assert got == [text.encode("utf-8")]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.listdir(tmp_path) == ["quotes.fifo"]


def test_a_named_pipe_waits_for_a_reader_that_comes_later(project, tmp_path):
    db, _ = project
    text = ex.export(db, "csv")
    fifo = tmp_path / "quotes.fifo"
    os.mkfifo(fifo)
    failed = []

    def write():
        try:
            ex._write(str(fifo), text, "utf-8-sig")
        except Exception as exc:
            failed.append(exc)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()  # opens the pipe and waits: nobody reads it yet
    writer.join(0.3)
    assert writer.is_alive() and not failed  # still waiting for a reader
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    reader.join(10)
    writer.join(10)
    assert got == [text.encode("utf-8-sig")] and not writer.is_alive() and not failed


def test_a_named_pipe_nobody_reads_is_one_error_line_not_a_hang(tmp_path, capsys, monkeypatch):
    from quotecheck.cli import main
    from tests.ui_helpers import build_project

    monkeypatch.setattr(ex, "PIPE_WAIT", 0.2)
    fifo = tmp_path / "quotes.fifo"
    os.mkfifo(fifo)
    build_project(tmp_path / "p.qcproj")  # a quote to export (an export of nothing is refused before)
    assert main(["export", str(tmp_path / "p.qcproj"), "-f", "csv", "-o", str(fifo)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {fifo}: cannot write the export (no program read the named pipe within 0.2 s)\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_leads_the_export_to_its_file_and_stays_a_link(project, tmp_path):
    db, _ = project
    (tmp_path / "real.csv").write_text("old")
    (tmp_path / "link.csv").symlink_to("real.csv")
    (tmp_path / "dangling.csv").symlink_to("new.csv")
    text = ex.export(db, "ris", path=str(tmp_path / "link.csv"))
    ex.export(db, "ris", path=str(tmp_path / "dangling.csv"))
    assert os.readlink(tmp_path / "link.csv") == "real.csv" and (tmp_path / "real.csv").read_text() == text
    assert os.readlink(tmp_path / "dangling.csv") == "new.csv" and (tmp_path / "new.csv").read_text() == text


def test_dev_fd_writes_to_the_open_stream_keeping_its_redirection(project, tmp_path):
    """``-o /dev/stdout >> log`` appends to the log, as a shell's own redirection would."""
    db, _ = project
    log = tmp_path / "log.txt"
    log.write_text("earlier\n")
    with open(log, "a") as appended:
        text = ex.export(db, "json", path=f"/dev/fd/{appended.fileno()}")
    assert log.read_text() == "earlier\n" + text and os.listdir(tmp_path) == ["log.txt"]


def full_device(folder) -> str:
    """A device whose every write fails for lack of space: a node of our own where we may make one (so a
    broken export can replace only that), else the system's /dev/full."""
    node = folder / "full"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        return str(node)
    except (PermissionError, AttributeError):
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full here")
        return "/dev/full"


def test_a_full_device_is_one_error_line_and_stays_a_device(tmp_path, capsys):
    from quotecheck.cli import main
    from tests.ui_helpers import build_project

    full = full_device(tmp_path)
    build_project(tmp_path / "p.qcproj")  # a quote to export (an export of nothing is refused before)
    assert main(["export", str(tmp_path / "p.qcproj"), "-f", "csv", "-o", full]) == 1
    assert capsys.readouterr().err == f"error: {full}: cannot write the export (No space left on device)\n"
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_writes_in_place_tells_streams_devices_and_pipes_from_files(tmp_path):
    """What the library asks before checking the folder: writing into a device makes no file there."""
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "file.csv").write_text("old")
    (tmp_path / "link").symlink_to("pipe")
    for path in ("/dev/stdout", "/dev/fd/2", "/proc/self/fd/1", tmp_path / "pipe", tmp_path / "link", "/dev/null"):
        assert ex.writes_in_place(path), path
    for path in (tmp_path / "file.csv", tmp_path / "new.csv", tmp_path):
        assert not ex.writes_in_place(path), path


def test_a_stream_or_device_is_checked_by_its_own_permission_not_its_folder_s(tmp_path, monkeypatch):
    """A person without write access to /dev may still export to /dev/stdout, or to a pipe they may write."""
    from quotecheck import library

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    monkeypatch.setattr(library.os, "access", lambda path, mode: False)  # nobody may write anything here
    library._check_writable("/dev/stdout")  # the stream the process has open
    with pytest.raises(library.LibraryError, match="no permission to write to it"):
        library._check_writable(pipe)
    with pytest.raises(library.LibraryError, match="no permission to write in the folder"):
        library._check_writable(tmp_path / "out.csv")


HARBOUR = """Harbour fees to double

Fees at the Orvel harbour will double next spring.

"We cannot keep the docks open on the old fees," the port authority said on Monday.

"We were not consulted at all," a senior official said.

"The rise was agreed in March," a spokeswoman for the ministry said.

"Nobody asked the fishermen," said Ilse Varga, who runs a trawler.
"""


def test_claimreview_names_a_body_an_organization_and_a_described_person_a_person(tmp_path, monkeypatch):
    """Found by a hostile trial: "the port authority" was published as a Person. A speaker known by a
    description is a body or a person by its head word; a named speaker by the kind the project stores."""
    from quotecheck.library import Library

    monkeypatch.setattr(ex, "_today", lambda: TODAY)
    (tmp_path / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    with Library(tmp_path / "case.qcproj") as lib:
        lib.ingest([tmp_path / "harbour.txt"])
        for quote_id in lib.quote_ids():
            lib.review(quote_id, verdict="verified")
        reviews = json.loads(lib.export("claimreview"))
    authors = {r["itemReviewed"]["author"]["name"]: r["itemReviewed"]["author"]["@type"] for r in reviews}
    assert authors == {
        "the port authority": "Organization",
        "a senior official": "Person",
        "a spokeswoman for the ministry": "Person",
        "Ilse Varga": "Person",
    }


def test_claimreview_takes_a_body_from_the_article_when_the_grouping_only_knows_a_word(project):
    db, ids = project
    wren = db["speakers"].insert({"name": "Wrenfield", "kind": "partial"}).last_pk
    db["quotes"].update(ids["minus"], {"speaker_id": wren, "speaker_kind": "body", "verdict": "verified"})
    db["quotes"].update(ids["formula"], {"speaker_kind": "body", "verdict": "verified"})  # corrected: a person's
    authors = {
        r["itemReviewed"]["author"]["name"]: r["itemReviewed"]["author"]["@type"]
        for r in json.loads(ex.export(db, "claimreview"))
    }
    assert authors["Wrenfield"] == "Organization" and authors["Mara O'Neill"] == "Person"


def test_claimreview_leaves_out_a_factor_in_other_words_and_the_quotes_trailing_comma(tmp_path, monkeypatch):
    """Found by a hostile trial: an article saying "has risen two-fold" for the judged "doubled" was
    listed as an appearance of the claim, and the claim kept the comma its sentence went on after."""
    from quotecheck.library import Library

    monkeypatch.setattr(ex, "_today", lambda: TODAY)
    said = "“The price of ferry fuel has {} since March, and no crew can carry that alone,” Tomas Brandt said."
    reports = {
        "a.txt": ("Marsh Weekly", "2026-05-01", "doubled"),
        "b.txt": ("Calloway Post", "2026-05-02", "doubled"),
        "c.txt": ("Roe Courier", "2026-05-03", "risen two-fold"),
    }
    for name, (outlet, date, words) in reports.items():
        text = f"---\noutlet: {outlet}\ndate: {date}\n---\nFuel costs at {outlet}\n\n{said.format(words)}\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Library(tmp_path / "fuel.qcproj") as lib:
        assert lib.ingest(sorted(tmp_path.glob("*.txt"))).ok
        rows = lib.quote_rows(lib.quote_ids())
        judged = next(r for r in rows.values() if r.outlet == "Marsh Weekly")
        lib.review(judged.id, verdict="verified")
        [review] = json.loads(lib.export("claimreview", QuoteFilter(quote_ids=(judged.id,))))
    assert review["claimReviewed"].endswith("no crew can carry that alone")
    assert [a["publisher"]["name"] for a in review["itemReviewed"]["appearance"]] == ["Marsh Weekly", "Calloway Post"]


TOLLS = """Bridge tolls return

The council voted on Tuesday to charge drivers on the Kessel bridge again.

"The new toll will cost commuters {} euros a day," said transport councillor Ines Valtonen.

"We have no plan to close the old bridge," Valtonen added.
"""


def test_a_verdict_given_on_earlier_words_is_marked_in_every_format_that_carries_it(tmp_path, monkeypatch):
    """Found by a hostile trial: after the article was edited and imported again, CSV, Markdown, RIS and
    BibTeX printed a verdict given on the old words as a verdict on the new ones. Each format the CLI
    and the window offer says which words it was given on (ClaimReview leaves such a verdict out)."""
    from quotecheck.library import Library

    monkeypatch.setattr(ex, "_today", lambda: TODAY)
    story = tmp_path / "tolls.txt"
    story.write_text(TOLLS.format("four"), encoding="utf-8")
    with Library(tmp_path / "tolls.qcproj") as lib:
        assert lib.ingest([story]).ok
        for quote_id in lib.quote_ids():
            lib.review(quote_id, verdict="verified")
        story.write_text(TOLLS.format("six"), encoding="utf-8")  # edited after the verdicts: a new version
        assert lib.ingest([story]).ok
        quotes = {lib.quote(i).text: lib.quote(i) for i in lib.quote_ids()}
        out = {fmt: lib.export(fmt) for fmt in ex.FORMATS}
    was = "The new toll will cost commuters four euros a day,"
    now, kept = was.replace("four", "six"), "We have no plan to close the old bridge,"
    assert set(quotes) == {now, kept} and quotes[now].wording_was == was and quotes[kept].wording_was is None
    marked = f"verified (given on earlier words: “{was}”)"

    rows = {r["text"]: r for r in csv.DictReader(io.StringIO(out["csv"]))}
    assert (rows[now]["verdict"], rows[now]["verdict_given_on"]) == ("verified", was)
    assert (rows[kept]["verdict"], rows[kept]["verdict_given_on"]) == ("verified", "")

    items = re.split(r"^- ", out["markdown"], flags=re.MULTILINE)
    html = {words: MarkdownIt("commonmark").render(next(i for i in items if words in i)) for words in (now, kept)}
    assert f"Verdict: <strong>verified</strong> (given on earlier words: “{was}”)" in html[now]
    assert "Verdict: <strong>verified</strong></li>" in html[kept]

    notes = {words: r["notes"] for r in rispy.loads(out["ris"]) for words in (now, kept) if words in r["notes"][0]}
    assert f"Verdict: {marked}" in notes[now] and "Verdict: verified" in notes[kept]

    bib = bibtexparser.parse_string(out["bibtex"], append_middleware=[LatexDecodingMiddleware()])
    annotes = {words: e["annote"] for e in bib.entries for words in (now, kept) if words in e["note"]}
    assert annotes == {now: f"Verdict: {marked}", kept: "Verdict: verified"}

    given = {e["text"]: e.get("verdict_given_on") for e in json.loads(out["json"])}
    assert given == {now: was, kept: None}
    custom = {i["custom"]["text"]: i["custom"].get("verdict_given_on") for i in json.loads(out["csl-json"])}
    assert custom == {now: was, kept: None}
    assert [r["claimReviewed"] for r in json.loads(out["claimreview"])] == [kept.rstrip(",")]


def _drift_and_appearances(tmp_path, capsys, said: str, words: tuple[str, str]) -> tuple[list[str], list[str]]:
    """Two papers print ``said`` with the first and the second of ``words``; the first one's quote is
    judged verified. The `flags` lines of wording drift and the outlets the ClaimReview lists."""
    from quotecheck import cli
    from quotecheck.library import Library

    for name, outlet, date, word in (
        ("a", "Marsh Weekly", "2026-05-01", words[0]),
        ("b", "Roe Courier", "2026-05-04", words[1]),
    ):
        front = f"---\ntitle: Levy news\noutlet: {outlet}\ndate: {date}\nurl: https://{name}.example/levy\n---\n"
        (tmp_path / f"{name}.md").write_text(front + said.format(word) + "\n", encoding="utf-8")
    project = tmp_path / "levy.qcproj"
    assert cli.main(["ingest", str(project), str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-q"]) == 0
    capsys.readouterr()
    assert cli.main(["flags", str(project)]) == 0
    drift = [line for line in capsys.readouterr().out.splitlines() if "wording_drift" in line]
    with Library(project) as lib:
        judged = next(r for r in lib.quote_rows(lib.quote_ids()).values() if r.outlet == "Marsh Weekly")
    assert cli.main(["review", str(project), str(judged.id), "--verdict", "verified"]) == 0
    out = tmp_path / "cr.jsonld"
    assert cli.main(["export", str(project), "-f", "claimreview", "-o", str(out)]) == 0
    [review] = json.loads(out.read_text(encoding="utf-8"))
    assert f" {words[0]} " in review["claimReviewed"]  # the judged paper's words
    return drift, [a["publisher"]["name"] for a in review["itemReviewed"]["appearance"]]


def test_claimreview_leaves_out_a_report_that_negates_the_judged_words_by_a_prefix(tmp_path, monkeypatch, capsys):
    """Found by a hostile trial: two papers quote one warden, one "is legal", the other "is illegal";
    `flags` called it a minor spelling change and the verified claim listed both papers among its
    appearances. The drift is a severe negation, and the paper that printed the opposite is left out."""
    monkeypatch.setattr(ex, "_today", lambda: TODAY)
    said = "“The new mooring levy is {} under the port charter,” said harbour warden Oda Fenwick."
    drift, appearances = _drift_and_appearances(tmp_path, capsys, said, ("legal", "illegal"))
    assert len(drift) == 1 and drift[0].startswith("severe") and "negation changed" in drift[0]
    assert appearances == ["Marsh Weekly"]


@pytest.mark.parametrize(
    ("words", "drift"),
    [
        (("press", "impress"), "moderate wording"),
        (("cover", "uncover"), "moderate wording"),
        (("formed", "informed"), "moderate wording"),
        (("informed", "misinformed"), "moderate wording"),
        (("binding", "nonbinding"), "severe negation changed"),  # AP writes non- solid
        (("likelier", "unlikelier"), "severe negation changed"),
    ],
)
def test_a_word_with_letters_added_at_its_start_is_another_word_and_no_appearance(tmp_path, capsys, words, drift):
    """Found by a hostile trial: "press" / "impress", "cover" / "uncover" were graded a minor spelling
    change (the two look alike), so a claim verified in the words "press" listed the paper that printed
    "impress" among its appearances. Such a word is another word; a negating prefix is a negation."""
    said = "“The wardens will {} the port board on the mooring levy,” said harbour warden Oda Fenwick."
    lines, appearances = _drift_and_appearances(tmp_path, capsys, said, words)
    severity, label = drift.split(" ", 1)
    assert len(lines) == 1 and lines[0].startswith(severity), lines
    assert f"{label}: “{words[0]}” → “{words[1]}”" in lines[0]
    assert appearances == ["Marsh Weekly"]
