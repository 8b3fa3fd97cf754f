"""Pieces of one long statement are parts of it, not wordings of each other (issue 12, item 7)."""

from __future__ import annotations

import hashlib

import pytest

from quotecheck.library import Library
from quotecheck.matching.align import PART_SHARE, align, aligned_share, other_part
from quotecheck.model import Article, ArticleMeta, Quote

FIRST = "In the old harbour district we counted four hundred empty shops along the quay last winter alone"
SECOND = "How many times must the council promise Selma a new market before anyone builds one for the traders here?"


def _article(path: str, text: str, **meta) -> Article:
    return Article(path, text, ArticleMeta(**meta), hashlib.sha256(text.encode()).hexdigest())


def _quote(words: str, text: str, speaker: str | None) -> Quote:
    start = text.index(words)
    return Quote(start, start + len(words), words, speaker=speaker, cue="said", confidence=0.9, mention=speaker)


def build_parts_project(path) -> dict[str, int]:
    """One outlet quotes a statement whole; another splits it around "she said" (two quotes, one article)."""
    whole = f"{FIRST}. {SECOND}"
    full_text = f"Mayor Rhea Korff told the assembly: “{whole}”"
    split_text = f"“{FIRST},” she said. “{SECOND}”"
    with Library(path, create=True) as lib:
        lib.add_extracted(
            [
                (
                    _article("full.txt", full_text, outlet="Valley Post", date="2026-03-02"),
                    [_quote(whole, full_text, "Rhea Korff")],
                ),
                (
                    _article("split.txt", split_text, outlet="Hill Times", date="2026-03-03"),
                    [_quote(FIRST, split_text, "Rhea Korff"), _quote(SECOND, split_text, "Rhea Korff")],
                ),
            ]
        )
        by_text = {lib.quote(i).text: i for i in lib.quote_ids()}
    return {"whole": by_text[whole], "first": by_text[FIRST], "second": by_text[SECOND]}


def test_two_stretches_of_a_statement_align_too_little_for_a_word_diff():
    assert aligned_share(FIRST, SECOND, align(FIRST, SECOND)) < PART_SHARE
    reworded = FIRST.replace("four hundred", "four hundred and ten").replace("alone", "")
    assert aligned_share(FIRST, reworded, align(FIRST, reworded)) >= PART_SHARE
    assert other_part(FIRST, SECOND, align(FIRST, SECOND))
    assert not other_part(FIRST, reworded, align(FIRST, reworded))


def test_the_same_words_with_halves_swapped_are_no_other_part():
    """A report that puts the second sentence first says the same words: it is word-diffed (words moved)."""
    one, two = "The council will open the new market in May", "Traders from the harbour district may apply now"
    swapped = f"{two}. {one}."
    ops = align(f"{one}. {two}.", swapped)
    assert aligned_share(f"{one}. {two}.", swapped, ops) < PART_SHARE  # an alignment keeps only one half
    assert not other_part(f"{one}. {two}.", swapped, ops)


def test_provenance_shows_the_other_piece_as_a_part_not_a_changed_wording(tmp_path):
    ids = build_parts_project(tmp_path / "parts.qcproj")
    with Library(tmp_path / "parts.qcproj") as lib:
        prov = lib.provenance(ids["first"])
        by_id = {v.quote_id: v for v in prov.variants}
        assert set(by_id) == set(ids.values())  # one statement: the whole and its two pieces
        second = by_id[ids["second"]]
        assert second.part == "after" and second.same_article
        assert second.diff == () and second.marks == ()
        whole = by_id[ids["whole"]]
        assert whole.part is None and whole.marks  # the full wording is still compared: the cut end
        assert all(m.why.startswith("shortened") for m in whole.marks)
        assert {v.quote_id: v.part for v in lib.provenance(ids["second"]).variants}[ids["first"]] == "before"


@pytest.mark.gui
def test_the_window_shows_the_other_piece_as_another_part(qtbot, window, tmp_path):
    from PySide6.QtCore import Qt

    path = tmp_path / "parts.qcproj"
    ids = build_parts_project(path)
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    row = window.model.row_of(ids["first"])
    rect = window.table.visualRect(window.model.index(row, 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_quote_id == ids["first"]
    page = window.provenance_view.toPlainText()
    assert "OTHER PART" in page
    assert "Another part of this statement: words said after the selected ones, in the same article" in page
    assert "changed" not in page  # no "name changed" / "number changed" over a whole quote
    second = next(v for v in window.provenance_view.data["variants"] if v["quote_id"] == ids["second"])
    assert second["marks"] == []
    selected = next(v for v in window.provenance_view.data["variants"] if v["quote_id"] == ids["first"])
    assert selected["marks"] == []  # nothing of the selected words is marked as differing
