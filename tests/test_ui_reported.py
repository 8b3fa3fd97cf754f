"""The window sets reported speech apart from quotations: no quotation marks in the table, its own
mark in the article view."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor
from quotecheck.ui.article_view import ArticleView
from quotecheck.ui.models import QuoteTableModel

from quotecheck.library import Library
from quotecheck.project.query import QuoteFilter

pytestmark = pytest.mark.gui

ARTICLE = """Ilse Varga said the harbour fees would rise by 40 percent next spring.

“We have no other choice,” Tobias Wren told the council on Monday.
"""


def test_reported_speech_is_marked_apart(tmp_path, qtbot):
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with Library(tmp_path / "p.qcproj") as lib:
        assert lib.ingest([path]).ok
        model = QuoteTableModel(lib)
        model.search(QuoteFilter())
        col = [k for k, _h, _s in model.COLUMNS].index("text")
        shown = sorted(model.data(model.index(r, col)) for r in range(model.rowCount()))
        assert shown == ["the harbour fees would rise by 40 percent next spring", "“We have no other choice,”"]
        article_id = lib.articles()[0].id
        quotes = lib.article_quotes(article_id)
        view = ArticleView()
        qtbot.addWidget(view)
        view.show_article(lib.article(article_id), quotes)
    styles = {}
    for q in quotes:
        cursor = QTextCursor(view.text.document())
        cursor.setPosition(view.text.span_of(q.id)[0] + 1)
        fmt = cursor.charFormat()
        styles[q.kind] = (fmt.underlineStyle(), fmt.background().color().name())
        if q.kind == "indirect":
            assert "Reported speech" in fmt.toolTip()
    assert styles["indirect"][0] == QTextCharFormat.UnderlineStyle.DotLine
    assert styles["indirect"][1] != styles["direct"][1]


def test_filter_bar_picks_reported_speech(qtbot):
    from quotecheck.ui.filter_bar import FilterBar

    bar = FilterBar()
    qtbot.addWidget(bar)
    assert bar.quote_filter().kinds == ()
    bar.kind.setCurrentIndex(bar.kind.findData("indirect"))
    assert bar.quote_filter().kinds == ("indirect",)
    bar.kind.setCurrentIndex(bar.kind.findData("quoted"))
    assert bar.quote_filter().kinds == ("direct", "partial")
    bar.clear()
    assert bar.quote_filter().kinds == ()
