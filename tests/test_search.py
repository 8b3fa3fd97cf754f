"""The search box's language, run against a real FTS5 index like the project's."""

from __future__ import annotations

import sqlite3

import pytest

from quotecheck.library import Library
from quotecheck.project.query import QuoteFilter
from quotecheck.project.search import SearchError, to_fts

TEXTS = {
    1: "The deal is a down payment on peace",
    2: "Payment is due, he said, and then the deal is down",
    3: "The dam will be damned by history",
    4: "Water belongs to the river",
    5: "The dam holds water",
}


@pytest.fixture(scope="module")
def index():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='unicode61')")
    db.executemany("INSERT INTO t(rowid, text) VALUES (?, ?)", TEXTS.items())
    return db


def found(index, search: str) -> set[int]:
    return {r[0] for r in index.execute("SELECT rowid FROM t WHERE t MATCH ?", (to_fts(search),))}


@pytest.mark.parametrize(
    "search, expected",
    [
        ('"down payment"', {1}),  # a phrase is a phrase: in that order, side by side
        ('"payment down"', set()),
        ("payment down", {1, 2}),  # words alone: all of them, anywhere
        ("dam", {3, 5}),  # no prefix unless asked: "dam" never finds "damned" alone
        ("damn*", {3}),
        ("dam OR river", {3, 4, 5}),
        ("water NOT river", {5}),
        ("water -river", {5}),
        ('"down payment" OR river', {1, 4}),
        ("DAM", {3, 5}),  # case aside
    ],
)
def test_search_language(index, search, expected):
    assert found(index, search) == expected


@pytest.mark.parametrize("search", ['"', "   ", "—", '""', "OR", "-river", "NOT water"])
def test_a_search_without_words_to_look_for_is_refused(search):
    with pytest.raises(SearchError):
        to_fts(search)


def test_a_wordless_search_never_returns_everything_through_the_library(tmp_path):
    with Library(tmp_path / "p.qcproj") as lib:
        with pytest.raises(SearchError):
            lib.quote_ids(QuoteFilter(search='"'))
        assert lib.quote_ids(QuoteFilter(search=None)) == []
