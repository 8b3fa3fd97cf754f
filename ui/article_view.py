"""The selected quote's article, with every quote highlighted in place.

The article is laid out once per article in a read-only :class:`QTextEdit`; every quote gets a
persistent background and a tooltip with its attribution reason, every speaker mention an underline.
Moving the selection within the same article only moves an ExtraSelection overlay, so stepping through
the quotes of one article costs no re-layout.

Each line of the text is a paragraph. Articles from HTML end paragraphs with a single newline, Markdown
with a blank line; a paragraph followed directly by another gets a blank line's space below it, so both
read the same. The text itself is never changed in length: quote offsets index it directly.
(:class:`QPlainTextEdit` would be lighter, but its layout ignores paragraph margins; articles are small.)
"""

from __future__ import annotations

import bisect
import html
import re

from PySide6.QtCore import QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextEdit, QVBoxLayout, QWidget

from quotecheck.records import ArticleRow, QuoteRow

from . import style

QUOTE_PROPERTY = QTextFormat.Property.UserProperty + 1


class Utf16Offsets:
    """Python string offsets to Qt document positions (UTF-16 code units).

    They differ only after characters outside the Basic Multilingual Plane (emoji, rare scripts);
    for the common case the mapping is the identity and costs nothing.
    """

    def __init__(self, text: str):
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset) if self._astral else offset


_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def display_text(text: str) -> str:
    """The article text as the view shows it, with the same length (so quote offsets still fit).

    Every line break (``\\r\\n``, ``\\r``, ``\\n``, Unicode separators) becomes one ``\\n``, padded with a
    space where the break was two characters.

    Example:
        >>> display_text("One.\\r\\nTwo.\\rThree.")
        'One. \\nTwo.\\nThree.'
    """
    return _BREAK.sub(lambda m: " \n" if len(m.group()) == 2 else "\n", text)


class ArticleText(QTextEdit):
    """Read-only article text, one paragraph per line; a click on a highlighted quote selects it.

    Signals:
        quote_clicked(int): the quote under a click (its id).
    """

    quote_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setFont(style.reading_font())
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        self.document().setDocumentMargin(10)
        self._spans: list[tuple[int, int, int]] = []  # (qt start, qt end, quote id), by start

    def set_article_text(self, text: str) -> None:
        """Show ``text`` (already through :func:`display_text`), each line a spaced paragraph."""
        self.setPlainText(text)
        gap = QTextBlockFormat()
        gap.setBottomMargin(self.fontMetrics().lineSpacing())
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        block = self.document().begin()
        while block.isValid():
            following = block.next()
            if block.length() > 1 and following.isValid() and following.length() > 1:
                cursor.setPosition(block.position())
                cursor.mergeBlockFormat(gap)
            block = following
        cursor.endEditBlock()

    def _line_rect(self, position: int) -> QRect:
        """The line holding a document position, in document (not viewport) coordinates."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return self.cursorRect(cursor).translated(0, self.verticalScrollBar().value())

    def reveal(self, start: int, end: int) -> None:
        """Scroll so the text from ``start`` to ``end`` is read from the start of its paragraph.

        Nothing moves when the paragraph is already in view whole. Otherwise the paragraph's first line
        comes a little below the top edge (in the space between paragraphs), or, when the paragraph is
        too tall for the quote to show with it, the line the quote starts on comes to the top edge:
        the edge falls between lines, never through one.
        """
        block = self.document().findBlock(start)
        if not block.isValid():
            return
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        paragraph_top = self._line_rect(block.position()).top()
        paragraph_bottom = self._line_rect(block.position() + max(0, block.length() - 1)).bottom()
        if bar.value() <= paragraph_top and paragraph_bottom < bar.value() + height:
            return
        target = paragraph_top - self.fontMetrics().lineSpacing() // 2
        if self._line_rect(end).bottom() >= target + height:
            target = self._line_rect(start).top()
        target = min(max(0, target), bar.maximum())
        line = self._line_at(target)  # near the end of the text the scroll range stops anywhere
        if line.top() < target < line.bottom() and self._line_rect(end).bottom() < line.top() + height:
            target = line.top()
        bar.setValue(target)

    def _line_at(self, y: int) -> QRect:
        """The line nearest a document height (in document coordinates)."""
        margin = self.document().documentMargin()
        position = self.document().documentLayout().hitTest(QPointF(margin + 1, y), Qt.HitTestAccuracy.FuzzyHit)
        return self._line_rect(max(0, position))

    def set_spans(self, spans: list[tuple[int, int, int]]) -> None:
        self._spans = sorted(spans)

    def span_of(self, quote_id: int) -> tuple[int, int] | None:
        for start, end, qid in self._spans:
            if qid == quote_id:
                return start, end
        return None

    def quote_at(self, position: int) -> int | None:
        """The quote covering a document position (the innermost when quotes nest)."""
        hits = [(end - start, qid) for start, end, qid in self._spans if start <= position <= end]
        return min(hits)[1] if hits else None

    def rect_of(self, quote_id: int) -> QRect:
        """Viewport rectangle of a quote's first character (for tests and tooltips)."""
        span = self.span_of(quote_id)
        if span is None:
            return QRect()
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0] + 1)
        return self.cursorRect(cursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        quote_id = self.quote_at(position)
        if quote_id is not None:
            self.quote_clicked.emit(quote_id)


class ArticleView(QWidget):
    """Article header (title, outlet, date, author) and text with its quotes highlighted.

    Attributes:
        article_id: the article shown, or None.
        current_quote_id: the quote marked as selected.

    Signals:
        quote_clicked(int): a highlighted quote was clicked.
        edit_details_requested(int): the person wants to correct this article's metadata.
    """

    quote_clicked = Signal(int)
    edit_details_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.article_id: int | None = None
        self.current_quote_id: int | None = None
        self._offsets = Utf16Offsets("")
        self._mentions: dict[int, tuple[int, int]] = {}
        self._reported: set[int] = set()  # ids of the reported speech shown

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setOpenExternalLinks(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.edit_button = QPushButton("Details…")
        self.read_only = False
        self.set_read_only(False)
        self.edit_button.clicked.connect(self._edit_clicked)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        self.text = ArticleText()
        self.text.quote_clicked.connect(self.quote_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        self.clear()

    def set_read_only(self, read_only: bool) -> None:
        """A project opened read-only: its articles' details cannot be corrected, so Details… is off
        (as Quote ▸ Article Details… is) rather than opening a form whose Save would fail."""
        self.read_only = read_only
        self.edit_button.setToolTip(
            "The project is read-only here: an article's details cannot be corrected"
            if read_only
            else "See and correct the article's title, outlet, author, date, URL and language"
        )
        self.edit_button.setEnabled(self.article_id is not None and not read_only)

    def clear(self) -> None:
        self.article_id = None
        self.current_quote_id = None
        self.header.setText("<span style='color:#868e96'>Select a quote to read it in its article.</span>")
        self.text.setPlainText("")
        self.text.set_spans([])
        self.text.setExtraSelections([])
        self.edit_button.setEnabled(False)

    def show_article(self, article: ArticleRow, quotes: list[QuoteRow]) -> None:
        """Lay out an article and highlight its quotes (``Library.article_quotes``, flags included)."""
        self.article_id = article.id
        self.current_quote_id = None
        self.edit_button.setEnabled(not self.read_only)
        self.header.setText(self._header_html(article))
        text = article.text or ""
        self._offsets = Utf16Offsets(text)
        self.text.set_article_text(display_text(text))
        spans, self._mentions = [], {}
        self._reported = {q.id for q in quotes if q.kind == "indirect"}
        doc = self.text.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for q in quotes:
            start, end = self._offsets.to_qt(q.start), self._offsets.to_qt(q.end)
            spans.append((start, end, q.id))
            fmt = QTextCharFormat()
            if q.kind == "indirect":  # reported speech: the article's own words, marked apart
                fmt.setBackground(QColor(style.REPORTED_HIGHLIGHT))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QColor(style.REPORTED_UNDERLINE))
            else:
                fmt.setBackground(QColor(style.QUOTE_HIGHLIGHT_FLAGGED if q.flags else style.QUOTE_HIGHLIGHT))
            fmt.setProperty(QUOTE_PROPERTY, q.id)
            fmt.setToolTip(self._quote_tooltip(q))
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
            if q.speaker_start is not None and q.speaker_end is not None:
                s, e = self._offsets.to_qt(q.speaker_start), self._offsets.to_qt(q.speaker_end)
                self._mentions[q.id] = (s, e)
                mention = QTextCharFormat()
                mention.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                mention.setUnderlineColor(QColor(style.SPEAKER_UNDERLINE))
                mention.setForeground(QColor(style.SPEAKER_UNDERLINE))
                mention.setToolTip(f"Speaker of the quote: {q.speaker or '(unknown)'}")
                cursor.setPosition(s)
                cursor.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(mention)
        cursor.endEditBlock()
        self.text.set_spans(spans)
        self.text.setExtraSelections([])

    def select_quote(self, quote_id: int | None) -> None:
        """Mark the selected quote and its speaker mention, and scroll its paragraph into view."""
        self.current_quote_id = quote_id
        span = self.text.span_of(quote_id) if quote_id is not None else None
        if span is None:
            self.text.setExtraSelections([])
            return
        selections = []
        current = QTextEdit.ExtraSelection()
        current.cursor = QTextCursor(self.text.document())
        current.cursor.setPosition(span[0])
        current.cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        if quote_id in self._reported:  # reported speech stays marked apart from quotes when selected
            current.format.setBackground(QColor(style.CURRENT_REPORT))
            current.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            current.format.setUnderlineColor(QColor(style.REPORTED_UNDERLINE))
        else:
            current.format.setBackground(QColor(style.CURRENT_QUOTE))
        selections.append(current)
        mention = self._mentions.get(quote_id)
        if mention:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.text.document())
            sel.cursor.setPosition(mention[0])
            sel.cursor.setPosition(mention[1], QTextCursor.MoveMode.KeepAnchor)
            sel.format.setFontWeight(700)
            sel.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            sel.format.setUnderlineColor(QColor(style.SPEAKER_UNDERLINE))
            selections.append(sel)
        self.text.setExtraSelections(selections)
        bar = self.text.verticalScrollBar()
        scrolled = bar.value()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(span[1])
        self.text.setTextCursor(cursor)
        cursor.setPosition(span[0])
        self.text.setTextCursor(cursor)
        bar.setValue(scrolled)  # setting the cursor scrolled by lines to it; the paragraph decides instead
        self.text.reveal(span[0], span[1])

    def quote_point(self, quote_id: int) -> QPoint:
        return self.text.rect_of(quote_id).center()

    def _edit_clicked(self) -> None:
        if self.article_id is not None:
            self.edit_details_requested.emit(self.article_id)

    @staticmethod
    def _quote_tooltip(q: QuoteRow) -> str:
        speaker = q.speaker or "no speaker found"
        lines = [f"<b>{html.escape(speaker)}</b>"]
        if q.kind == "indirect":
            lines.append("Reported speech (a paraphrase, not a quotation)")
        if q.reason:
            lines.append("Why: " + html.escape(q.reason))
        if isinstance(q.confidence, (int, float)):
            lines.append(f"Confidence {q.confidence:.2f}")
        for kind in q.flags:
            lines.append(
                f"<span style='color:{style.flag_style(kind).colour}'>⚑ {html.escape(style.flag_style(kind).name)}</span>"
            )
        return "<br>".join(lines)

    @staticmethod
    def _header_html(article: ArticleRow) -> str:
        meta = article.meta
        title = html.escape(meta.title or article.path or "(untitled)")
        # a narrow pane wraps between the parts, never inside a name
        bits = [
            f"<span style='white-space:nowrap'>{html.escape(value)}</span>"
            for value in (meta.outlet, meta.date, meta.author)
            if value
        ]
        if meta.translated_from:
            bits.append("translated from " + html.escape(meta.translated_from))
        if meta.primary_source_of:
            bits.append("<b>primary source</b> for " + html.escape(meta.primary_source_of))
        line = "&nbsp;· ".join(bits) or "<i>no outlet or date recorded</i>"
        url = meta.url
        if url:
            line += f"&nbsp;· <a href='{html.escape(url, quote=True)}'>link</a>"
        return f"<div style='font-size:12pt; font-weight:600'>{title}</div><div style='color:{style.MUTED_TEXT}'>{line}</div>"
