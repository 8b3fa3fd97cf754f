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
