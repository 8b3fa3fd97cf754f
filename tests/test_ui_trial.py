"""Fixes from a new user's trial: nothing cut off without a tooltip, spaced paragraphs for HTML
articles, each primary-source check under its report, described speakers apart from named people."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QHeaderView
from quotecheck.ui.article_view import ArticleView, display_text
from quotecheck.ui.models import QuoteTableModel, SpeakerModel, column_of, is_vague_speaker
from quotecheck.ui.provenance_view import ProvenanceView, present, render
from quotecheck.ui.quote_table import FlagChipDelegate
from quotecheck.ui.style import FLAG_STYLES

from quotecheck.io.ingest import parse_article
from quotecheck.records import (
    ArticleMeta,
    ArticleRow,
    Flag,
    FlaggedQuote,
    PrimaryCheck,
    Provenance,
    QuoteRow,
    SpeakerRow,
    Variant,
)
from tests.ui_helpers import build_project

pytestmark = pytest.mark.gui

TIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def opened(qtbot, window, tmp_path):
    build_project(tmp_path / "fixture.qcproj")
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(tmp_path / "fixture.qcproj")
    return window


# -- 1. text cut off ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "key", "whole"),
    [
        ({"outlet": "OSTA (Ostrevian State Telegraph Agency), English service", "title": "Wire"}, "outlet", None),
        ({"date": "2025-03-13", "title": "Dam deal"}, "date", None),
        ({"verdict": "misattributed", "reviewed_speaker": "Ilse Brannoch", "note": "see p. 2"}, "review", None),
        ({"speaker": "a member of the Ostrevian delegation"}, "speaker", None),
        ({"text": "Releases will rise by 45 percent from the first of April, she said at length"}, "text", None),
        (
            {"flags": ("missing_from_primary", "wording_drift")},
            "flags",
            "not in source: The primary source",
        ),
    ],
)
def test_every_cell_that_can_be_cut_has_its_whole_text_as_tooltip(row, key, whole):
    row = QuoteRow(**({"id": 1, "article_id": 1, "start": 0, "end": 0, "text": ""} | row))
    display = QuoteTableModel._display(row, key).strip("“”")
    tooltip = QuoteTableModel._tooltip(row, key)
    assert display and tooltip
    if key == "flags":
        assert display == "not in source, drift"  # compact chips
        assert whole in tooltip and "wording drift: " in tooltip
    elif key == "review":
        assert display == "misattributed ✎ ¶"  # marks: the header's tooltip says what they mean
        assert tooltip == "misattributed\nspeaker corrected to Ilse Brannoch\nnote: see p. 2"
    else:
        assert display in tooltip


def test_flag_chips_are_compact_and_any_two_fit_the_default_column(opened):
    window = opened
    labels = {k: s.label for k, s in FLAG_STYLES.items()}
    assert labels == {
        "wording_drift": "drift",
        "conflicting_speaker": "speakers",
        "fragment": "fragment",
        "missing_from_primary": "not in source",
        "unattributed": "unattributed",
        "first_appearance": "first",
        "paraphrase_meaning": "meaning",
    }
    table = window.table
    width = table.horizontalHeader().sectionSize(column_of(window.model, "flags"))
    for pair in itertools.combinations(FLAG_STYLES, 2):
        assert FlagChipDelegate.width_for(table.font(), list(pair)) <= width, pair


def test_columns_are_interactive_with_the_last_stretched_and_the_quote_column_filling(opened):
    window = opened
    table = window.table
    header = table.horizontalHeader()
    assert header.stretchLastSection()
    assert all(header.sectionResizeMode(i) == QHeaderView.ResizeMode.Interactive for i in range(header.count()))
    metrics = table.fontMetrics()
    outlet = header.sectionSize(column_of(window.model, "outlet"))
    for name in ("Kallpress", "Harbour Courier"):  # a short outlet fits; longer ones elide (with a tooltip)
        assert metrics.horizontalAdvance(name) + 8 <= outlet, name
    quote = header.sectionSize(column_of(window.model, "text"))
    assert quote >= table.MIN_QUOTE_WIDTH
    # the quote is what a person reads: the widest column, at least QUOTE_SHARE of the table at 1280×800
    assert quote >= table.QUOTE_SHARE * table.viewport().width()
    assert quote == max(header.sectionSize(i) for i in range(header.count()))
    assert sum(header.sectionSize(i) for i in range(header.count())) == table.viewport().width()
    window.resize(1600, 900)
    assert header.sectionSize(column_of(window.model, "text")) == quote + 320
    header.resizeSection(column_of(window.model, "outlet"), 250)  # the person's choice now holds
    assert not table.fit_quote_column
    before = header.sectionSize(column_of(window.model, "text"))
    window.resize(1280, 800)
    assert header.sectionSize(column_of(window.model, "text")) == before


# -- 2. paragraphs of HTML articles ------------------------------------------------------------


def _block_tops(view: ArticleView) -> list[tuple[str, float]]:
    layout = view.text.document().documentLayout()
    block = view.text.document().begin()
    tops = []
    while block.isValid():
        if block.text().strip():
            tops.append((block.text().strip(), layout.blockBoundingRect(block).top()))
        block = block.next()
    return tops


def _show(qtbot, text: str, quote: str) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(500, 600)
    start = text.index(quote)
    view.show_article(
        ArticleRow(id=1, path="t.txt", meta=ArticleMeta(title="T"), text=text),
        [QuoteRow(id=7, article_id=1, start=start, end=start + len(quote), text=quote)],
    )
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2029"])
def test_each_line_of_an_html_article_is_a_spaced_paragraph_like_markdown(qtbot, newline):
    lines = ["Dam deal", "“Releases will rise,” she said.", "Farmers doubt it.", "More later."]
    single = _show(qtbot, newline.join(lines), "Releases will rise,")
    blank = _show(qtbot, "\n\n".join(lines), "Releases will rise,")
    tops = _block_tops(single)
    assert [t for t, _y in tops] == lines
    line = single.text.fontMetrics().lineSpacing()
    gaps = [b - a for (_t, a), (_u, b) in itertools.pairwise(tops)]
    assert all(g >= 1.8 * line for g in gaps), gaps  # a line of text plus a line of space
    assert gaps == [b - a for (_t, a), (_u, b) in itertools.pairwise(_block_tops(blank))]
    single.select_quote(7)
    assert single.text.extraSelections()[0].cursor.selectedText() == "Releases will rise,"


def test_a_real_html_article_keeps_quote_offsets_and_clicks(qtbot):
    html = (
        "<html><head><title>Dam deal</title></head><body><h1>Dam deal</h1>"
        "<p>Ministers met in Kastren.</p><p>“Releases will rise by 45 percent,” Ilse Brannoch said.</p>"
        "<p>Farmers were not convinced.</p></body></html>"
    )
    text = parse_article(html.encode("utf-8"), "deal.html").text
    assert "\n\n" not in text and text.count("\n") >= 2
    view = _show(qtbot, text, "Releases will rise by 45 percent,")
    assert len(_block_tops(view)) == text.count("\n") + 1
    clicked = []
    view.quote_clicked.connect(clicked.append)
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=view.quote_point(7))
    assert clicked == [7]
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(view.text.span_of(7)[0])
    cursor.setPosition(view.text.span_of(7)[1], QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "Releases will rise by 45 percent,"


def test_display_text_keeps_length_and_makes_every_break_a_newline():
    text = "a\r\nb\rc\nd\u2028e\u2029f"
    shown = display_text(text)
    assert len(shown) == len(text)
    assert shown.split("\n") == ["a ", "b", "c", "d", "e", "f"]


# -- 3. primary source and flags under their report ---------------------------------------------


PROV = Provenance(
    quote_id=1,
    cluster_id=4,
    statement="rise by 45 percent",
    variants=(
        Variant(1, "rise by 40 percent", outlet="Kallpress", date="2025-03-12"),
        Variant(
            9,
            "rise by 45 percent",
            outlet="The Brennick Courier",
            date="2025-03-13",
            flags=("wording_drift", "missing_from_primary"),
        ),
    ),
    primary_source=PrimaryCheck("verbatim", "info", "Found word for word in the transcript."),
    flags=(
        Flag(
            "wording_drift",
            "moderate",
            "Kallpress and The Brennick Courier differ.",
            id=1,
            cluster_id=4,
            quotes=(FlaggedQuote(1), FlaggedQuote(9)),
        ),
        Flag(
            "missing_from_primary",
            "moderate",
            "Found in the transcript, but with changes: 40 → 45.",
            id=2,
            details={"verdict": "changed"},
            quotes=(FlaggedQuote(9),),
        ),
    ),
)


def test_each_primary_source_check_sits_under_its_report(qtbot):
    data = present(PROV)
    by_kind = {f["kind"]: f for f in data["flags"]}
    assert by_kind["wording_drift"]["scope"] == "statement"
    assert by_kind["missing_from_primary"]["scope"] == "report"
    assert by_kind["missing_from_primary"]["quote_ids"] == [9]
    notes = {v["quote_id"]: [n["kind"] for n in v["notes"]] for v in data["variants"]}
    assert notes == {1: [], 9: ["missing_from_primary"]}
    view = ProvenanceView()
    qtbot.addWidget(view)
    view.show_provenance(PROV)
    text = view.toPlainText()
    order = [
        "Across the reports",
        "Kallpress and The Brennick Courier differ.",
        "Kallpress · 2025-03-12",
        "Primary source: Found word for word",
        "The Brennick Courier · 2025-03-13",
        "Primary source:  not in source  Found in the transcript, but with changes",
    ]
    positions = [text.find(part) for part in order]
    assert all(p >= 0 for p in positions), list(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    assert text.count("Primary source") == 2
    assert render(data, 1) == render(present(PROV), 1)


def test_the_same_check_on_several_reports_stays_with_each(qtbot):
    def missing(fid: int, explanation: str, quote_id: int) -> Flag:
        return Flag("missing_from_primary", "severe", explanation, id=fid, quotes=(FlaggedQuote(quote_id),))

    prov = Provenance(
        quote_id=1,
        cluster_id=4,
        statement="rise by 45 percent",
        variants=(
            Variant(1, "rise by 40 percent", outlet="Kallpress", date="2025-03-12", flags=("missing_from_primary",)),
            Variant(9, "rise by 45 percent", outlet="Courier", date="2025-03-13", flags=("missing_from_primary",)),
            Variant(12, "rise by 50", outlet="Gazette", date="2025-03-14"),
        ),
        primary_source=PrimaryCheck("missing", "severe", "Not in the transcript (40)."),
        flags=(
            missing(2, "Not found in the transcript: 45.", 9),
            missing(3, "Not found in the transcript: 40.", 1),
        ),
    )
    data = present(prov)
    notes = {v["quote_id"]: [n["explanation"] for n in v["notes"]] for v in data["variants"]}
    assert notes[1] == ["Not found in the transcript: 40."]  # each check under the report it concerns
    assert notes[9] == ["Not found in the transcript: 45."]
    assert notes[12] == []


# -- 4. described speakers -----------------------------------------------------------------------


def test_described_speakers_come_after_named_people_in_grey_italics(qtmodeltester):
    model = SpeakerModel()
    model.set_speakers(
        [
            SpeakerRow(1, "a member of the Ostrevian delegation", "role", quotes=1),
            SpeakerRow(2, "Afanasy Zarubkin", "person", quotes=10),
            SpeakerRow(3, "farmer", "role", quotes=1),
            SpeakerRow(4, "Ministry of Water", "organisation", quotes=1),
            SpeakerRow(5, "one man", quotes=1),  # no kind from the core: no capital, a description
        ]
    )
    qtmodeltester.check(model)
    names = [s["name"] for s in model.speakers]
    assert names == [
        "Afanasy Zarubkin",
        "Ministry of Water",
        "a member of the Ostrevian delegation",
        "farmer",
        "one man",
    ]
    for row, name in enumerate(names):
        index = model.index(row, 0)
        vague = row >= 2
        font = index.data(Qt.ItemDataRole.FontRole)
        assert (isinstance(font, QFont) and font.italic()) == vague, name
        assert (index.data(Qt.ItemDataRole.ForegroundRole) is not None) == vague, name
        assert ("described, not named, in the article" in index.data(TIP)) == vague, name
        assert index.data(TIP).startswith(name)  # the whole name, however narrow the panel


def test_vague_without_the_core_means_no_capitalised_word():
    assert is_vague_speaker("farmer") and is_vague_speaker("one man")
    assert not is_vague_speaker("Ilse Brannoch") and not is_vague_speaker("von der Leyen")
    assert is_vague_speaker("a member of the Ostrevian delegation", "role")
    assert not is_vague_speaker("Brannoch", "partial")


@pytest.mark.gui
def test_a_verdict_on_other_words_is_marked_in_the_review_pane_and_the_table(qtbot):
    """An edited article imported again carried a verdict to a quote that now reads otherwise: the
    Review pane and the table's review cell say so, with the words the verdict was given on."""
    from quotecheck.ui.review import ReviewPanel

    row = QuoteRow(
        id=3,
        article_id=1,
        start=0,
        end=10,
        text="The ferry will carry 350 people a day",
        speaker="Ilse Varga",
        verdict="misquoted",
        wording_was="The ferry will carry 300 people a day",
        reworded_for="verdict",
    )
    panel = ReviewPanel()
    qtbot.addWidget(panel)
    panel.set_quote(row)
    assert "wording changed since your verdict: was “The ferry will carry 300 people a day”" in panel.summary.text()
    assert QuoteTableModel._display(row, "review") == "misquoted ≠"
    panel.set_quote(QuoteRow(id=4, article_id=1, start=0, end=3, text="Yes", verdict="verified"))
    assert "wording changed" not in panel.summary.text()


@pytest.mark.gui
def test_a_long_review_line_is_shown_whole_at_the_default_size(qtbot, opened):
    """At 1280×800 a speaker line that wraps to four lines (a verdict's changed wording) was cut off at
    the bottom of a Review pane sized for two: the pane now takes the height its line needs."""
    opened.resize(1280, 800)
    was = "that ferry fares on the northern crossing would rise by 20 percent next spring and stay there"
    row = QuoteRow(
        id=1,
        article_id=1,
        start=0,
        end=10,
        text=was.replace("20", "25"),
        speaker="Maren Holloway",
        mention="Holloway",
        cue="said",
        verdict="misquoted",
        wording_was=was,
        reworded_for="verdict and note",
        kind="indirect",
    )
    summary = opened.review_panel.summary
    opened.review_panel.set_quote(row)
    qtbot.waitUntil(lambda: summary.heightForWidth(summary.width()) > 3 * summary.fontMetrics().lineSpacing())
    qtbot.waitUntil(lambda: summary.height() >= summary.heightForWidth(summary.width()))
    assert summary.visibleRegion().boundingRect().height() >= summary.heightForWidth(summary.width())
