"""Reported speech in a project: stored beside quotes, filtered by kind, reviewed, kept, exported."""

from __future__ import annotations

import csv
import io
import json

import pytest

from quotecheck import cli
from quotecheck.library import Library
from quotecheck.project.query import QuoteFilter
from quotecheck.records import QuoteRow

ARTICLE = """Harbour fees to rise

Ilse Varga said the harbour fees would rise by 40 percent next spring.

“We have no other choice,” Tobias Wren told the council on Monday.

According to the port authority, cargo volumes fell by 12 percent in March.
"""


@pytest.fixture
def lib(tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    lib = Library(tmp_path / "p.qcproj")
    report = lib.ingest([path])
    assert report.ok, report.errors
    yield lib
    lib.close()


def _indirect(lib) -> list[QuoteRow]:
    rows = lib.quote_rows(lib.quote_ids(QuoteFilter(kinds=("indirect",))))
    return sorted(rows.values(), key=lambda r: r.start)


def test_stored_beside_quotes_and_filtered_by_kind(lib):
    indirect = _indirect(lib)
    assert [r.text for r in indirect] == [
        "the harbour fees would rise by 40 percent next spring",
        "cargo volumes fell by 12 percent in March",
    ]
    assert all(r.kind == "indirect" for r in indirect)
    direct = lib.quote_rows(lib.quote_ids(QuoteFilter(kinds=("direct", "partial"))))
    assert [r.text for r in direct.values()] == ["We have no other choice,"]
    searched = lib.quote_ids(QuoteFilter(search="cargo volumes"))
    assert searched == [indirect[1].id]


def test_reported_speech_raises_no_quotation_flags(lib):
    flagged = lib.quote_ids(QuoteFilter(kinds=("indirect",), flag_kinds=("any",)))
    assert flagged == []


def test_review_is_kept_over_reextraction(lib):
    first = _indirect(lib)[0]
    lib.review(first.id, speaker="Ilse K. Varga", verdict="misquoted", note="the rise is 14 percent")
    lib.reextract()
    again = _indirect(lib)[0]
    assert again.text == first.text
    assert again.speaker == "Ilse K. Varga"
    assert again.verdict == "misquoted" and again.note == "the rise is 14 percent"


def test_exports_say_it_is_a_paraphrase(lib):
    ids = QuoteFilter(kinds=("indirect",))
    rows = list(csv.DictReader(io.StringIO(lib.export("csv", ids))))
    assert {r["kind"] for r in rows} == {"indirect"}
    assert {e["kind"] for e in json.loads(lib.export("json", ids))} == {"indirect"}
    for fmt in ("bibtex", "ris", "csl-json"):
        out = lib.export(fmt, ids)
        assert "Paraphrase (reported speech, not a quotation)" in out, fmt
        assert "“the harbour fees" not in out, fmt
        # the note reads as a sentence: "according to the port authority: …", not "… according to: …"
        assert "according to the port authority: cargo volumes fell" in out, fmt
        assert "according to:" not in out, fmt
    quoted = lib.export("bibtex", QuoteFilter(kinds=("direct",)))
    assert "Paraphrase" not in quoted and "Quote, " in quoted
    lib.review(_indirect(lib)[0].id, verdict="misquoted")
    review = json.loads(lib.export("claimreview", ids))
    assert review[0]["claimReviewed"] == "the harbour fees would rise by 40 percent next spring"


def test_cli_lists_by_kind(lib, capsys):
    path = str(lib.path)
    lib.close()
    assert cli.main(["quotes", path, "--kind", "indirect", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["kind"] for r in rows] == ["indirect", "indirect"]
    # the window's names for the kinds ("Quoted", "Reported") are taken too
    assert cli.main(["quotes", path, "--kind", "reported", "--json"]) == 0
    assert [json.loads(line)["kind"] for line in capsys.readouterr().out.splitlines()] == ["indirect", "indirect"]
    assert cli.main(["quotes", path, "--kind", "quoted", "--json"]) == 0
    assert [json.loads(line)["kind"] for line in capsys.readouterr().out.splitlines()] == ["direct"]


def _project(tmp_path, *articles: str) -> Library:
    paths = []
    for k, text in enumerate(articles):
        path = tmp_path / f"a{k}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    lib = Library(tmp_path / "q.qcproj")
    assert lib.ingest(paths).ok
    return lib


def test_a_citation_of_reported_speech_keeps_its_cue(tmp_path):
    """ "Holloway denied that …" is cited as a denial, never as Holloway's own claim; a ClaimReview
    judges the denial, and a plain report's claim loses the "that" of its clause."""
    lib = _project(
        tmp_path,
        "Council budget row deepens\n\n"
        "Tomas Holloway denied that the council had lied about the ferry contract.\n\n"
        "Mira Orvel said that the strike would continue until wages rose.\n",
    )
    rows = {r.text.split()[2]: r for r in _indirect(lib)}
    ris = lib.export("ris", QuoteFilter(kinds=("indirect",)))
    assert "Tomas Holloway denied: that the council had lied" in ris
    assert "Mira Orvel said: that the strike" in ris
    lib.review(rows["council"].id, verdict="misquoted")
    lib.review(rows["strike"].id, verdict="verified")
    reviews = json.loads(lib.export("claimreview", QuoteFilter(kinds=("indirect",))))
    claims = sorted(r["claimReviewed"] for r in reviews)
    assert claims == [
        "denied that the council had lied about the ferry contract",
        "the strike would continue until wages rose",
    ]
    assert all(r["itemReviewed"]["description"].startswith("Paraphrase") for r in reviews)
    lib.close()


def test_a_paraphrase_among_a_quotes_variants_is_never_in_quotation_marks(tmp_path):
    lib = _project(
        tmp_path,
        "Harbour fees to rise\n\n“The harbour fees will rise by 40 percent next spring,” Ilse Varga said on Monday.\n",
        "Fees up next spring\n\nIlse Varga said the harbour fees would rise by 40 percent next spring.\n",
    )
    direct = QuoteFilter(kinds=("direct",))
    rows = list(csv.DictReader(io.StringIO(lib.export("csv", direct))))
    assert rows and "(paraphrase) the harbour fees would rise" in rows[0]["variants"]
    assert "“the harbour fees would rise" not in rows[0]["variants"]
    ris = lib.export("ris", direct)
    assert "Variant: (paraphrase) the harbour fees would rise" in ris
    md = lib.export("markdown", direct)
    assert "(paraphrase) the harbour fees would rise" in md and "“the harbour fees would rise" not in md
    lib.close()


def test_match_counts_reported_speech_apart_from_quotations(lib, capsys):
    """`quotes` lists both kinds; `match` said "1 quotes" of a project with three records."""
    path = str(lib.path)
    lib.close()
    assert cli.main(["match", path, "-q"]) == 0
    said = capsys.readouterr().err
    assert "1 quotations (reported speech apart)" in said and "2 reported speech" in said


def test_a_claimreview_lists_no_appearance_that_changes_the_claims_facts(tmp_path):
    """A verified quote's claim appears where it is reported faithfully, not in an article whose
    paraphrase changes its number (flagged severe): that article carries another claim."""
    lib = _project(
        tmp_path,
        "---\noutlet: Harbour Courier\ndate: 2025-03-12\n---\nFees to rise\n\n"
        "“The harbour fees will rise by 40 percent next spring,” Ilse Varga said on Monday.\n",
        "---\noutlet: Coast Radio\ndate: 2025-03-13\n---\nFees up\n\n"
        "Ilse Varga said the harbour fees would rise by 40 percent next spring.\n",
        "---\noutlet: Daily Tide\ndate: 2025-03-11\n---\nFees up sharply\n\n"
        "Ilse Varga said the harbour fees would rise by 14 percent next spring.\n",
    )
    rows = lib.quote_rows(lib.quote_ids(QuoteFilter()))
    quote = next(r for r in rows.values() if r.kind == "direct")
    changed = next(r for r in rows.values() if "14 percent" in r.text)
    assert changed.flags == ("paraphrase_meaning",)
    lib.review(quote.id, verdict="verified")
    [review] = json.loads(lib.export("claimreview", QuoteFilter(kinds=("direct",))))
    where = [a["publisher"]["name"] for a in review["itemReviewed"]["appearance"]]
    assert where == ["Harbour Courier", "Coast Radio"]
    assert review["itemReviewed"]["firstAppearance"]["publisher"]["name"] == "Harbour Courier"
    [entry] = json.loads(lib.export("json", QuoteFilter(kinds=("direct",))))
    assert entry["changed_in"] == [changed.id]
    lib.close()


def test_a_claimreview_of_a_paraphrase_lists_the_articles_that_say_what_it_says(tmp_path):
    """The statement's flags compare each report with its first quote; the appearances of a judged
    paraphrase are the reports that agree with the judged words. Two misquotes judged alike ("45" and
    "60" where she said "40") are two claims, each with the article that printed it."""
    lib = _project(
        tmp_path,
        "---\noutlet: Harbour Courier\ndate: 2025-03-12\n---\nFees to rise\n\n"
        "“The harbour fees will rise by 40 percent next spring,” Ilse Varga said on Monday.\n",
        "---\noutlet: Coast Radio\ndate: 2025-03-13\n---\nFees up\n\n"
        "“The harbour fees will rise by 45 percent next spring,” Ilse Varga said on Monday.\n",
        "---\noutlet: Daily Tide\ndate: 2025-03-14\n---\nFees up sharply\n\n"
        "Ilse Varga said the harbour fees would rise by 40 percent next spring.\n",
        "---\noutlet: Bay Ledger\ndate: 2025-03-15\n---\nFees up steeply\n\n"
        "Ilse Varga said the harbour fees would rise by 60 percent next spring.\n",
    )
    rows = lib.quote_rows(lib.quote_ids(QuoteFilter()))
    said = {(r.kind, next(w for w in r.text.split() if w.isdigit())): r.id for r in rows.values()}
    assert set(said) == {("direct", "40"), ("direct", "45"), ("indirect", "40"), ("indirect", "60")}
    [entry] = json.loads(lib.export("json", QuoteFilter(quote_ids=(said["indirect", "40"],))))
    assert len(entry["variants"]) == 3  # one statement, four reports

    def appearances(verdict: str) -> dict[str, list[str]]:
        reviews = json.loads(lib.export("claimreview"))
        return {
            next(w for w in r["claimReviewed"].split() if w.isdigit()): [
                a["publisher"]["name"] for a in r["itemReviewed"]["appearance"]
            ]
            for r in reviews
            if r["reviewRating"]["alternateName"].lower() == verdict
        }

    lib.review(said["indirect", "40"], verdict="verified")
    assert appearances("verified") == {"40": ["Harbour Courier", "Daily Tide"]}
    lib.review(said["direct", "45"], verdict="misquoted")
    lib.review(said["indirect", "60"], verdict="misquoted")
    assert appearances("misquoted") == {"45": ["Coast Radio"], "60": ["Bay Ledger"]}
    lib.close()
