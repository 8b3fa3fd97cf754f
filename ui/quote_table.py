"""The quote table view: fixed row heights, interactive columns, flags painted as coloured chips.

Row heights are fixed and no column resizes to its contents, because either would make Qt measure
every one of 100,000 rows.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate, QTableView

from .models import FLAGS_ROLE, QuoteTableModel, column_of
from .style import FLAG_STYLES, flag_rank, flag_style


class FlagChipDelegate(QStyledItemDelegate):
    """Paints each flag of a quote as a small coloured chip with its short label.

    The cell's tooltip (from the model) gives each flag's full name and explanation.
    """

    MARGIN = 3
    GAP = 4
    PAD = 10

    @staticmethod
    def chip_font(font: QFont) -> QFont:
        font = QFont(font)
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        font.setBold(True)
        return font

    @classmethod
    def width_for(cls, font: QFont, kinds: list[str]) -> int:
        """Cell width that shows these flags' chips without cutting any."""
        metrics = QFontMetrics(cls.chip_font(font))
        chips = sum(metrics.horizontalAdvance(flag_style(k).label) + cls.PAD for k in kinds)
        return chips + cls.GAP * max(0, len(kinds) - 1) + 2 * cls.MARGIN + 2

    @classmethod
    def two_chip_width(cls, font: QFont) -> int:
        """Cell width that fits any two known flags side by side (the two widest chips)."""
        metrics = QFontMetrics(cls.chip_font(font))
        widest = sorted(FLAG_STYLES, key=lambda k: metrics.horizontalAdvance(flag_style(k).label))[-2:]
        return cls.width_for(font, widest)

    def paint(self, painter: QPainter, option, index) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        kinds = sorted(index.data(FLAGS_ROLE) or [], key=flag_rank)
        if not kinds:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.chip_font(option.font))
        metrics = painter.fontMetrics()
        rect = option.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        x = rect.left()
        for kind in kinds:
            fs = flag_style(kind)
            width = metrics.horizontalAdvance(fs.label) + self.PAD
            if x + width > rect.right():
                if x + metrics.horizontalAdvance("…") < rect.right():
                    painter.setPen(option.palette.text().color())
                    painter.drawText(
                        QRect(x, rect.top(), rect.right() - x, rect.height()), Qt.AlignmentFlag.AlignVCenter, "…"
                    )
                break
            chip = QRect(x, rect.top(), width, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(fs.colour))
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(QColor(fs.text))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, fs.label)
            x += width + self.GAP
        painter.restore()


class QuoteTable(QTableView):
    """The quote list.

    Columns are ``Interactive`` with the last one stretched. Until the person resizes a column (or a
    saved layout is restored), the quote column takes whatever width the others leave: widths come
    from the font, not from measuring 100,000 rows.

    Attributes:
        quote_model: the :class:`QuoteTableModel` shown.
        fit_quote_column: the quote column still follows the view's width.
    """

    SAMPLE_TEXT = {
        "speaker": "Ilse Brannoch",
        "outlet": "Harbour Courier",
        "date": "2025-03-13",
        "confidence": "Conf.",
        "review": "misattributed ✓ ¶",  # the longest verdict and its marks: a review shows whole
    }
    """Text each column is wide enough for by default; longer cells elide and show it all in a tooltip.

    The quote is what a person reads, so the other columns stay narrow: a short name and a short
    outlet fit, longer ones elide; confidence is as wide as its header, review as its widest usual cell.
    """
    COMPACT_REVIEW = "misquoted ✓ ¶"
    """The review a narrowed Review column still shows whole (a verdict, a confirmed speaker, a note)."""
    CELL_PADDING = 10
    MIN_QUOTE_WIDTH = 160
    QUOTE_SHARE = 0.34
    """The quote column's share of the table below which the other columns narrow (see :meth:`fit_columns`)."""

    def __init__(self, model: QuoteTableModel, parent=None):
        super().__init__(parent)
        self.quote_model = model
        self.fit_quote_column = True
        self._fitting = False
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the next pane; arrows move between rows
        self.empty_text = ""
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        # never ResizeToContents: it would measure up to 1000 rows on every reset
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)  # after the indicator is cleared: enabling sorts by it at once
        for key, width in self.default_widths().items():
            header.resizeSection(column_of(model, key), width)
        header.sectionResized.connect(self._section_resized)
        self.setItemDelegateForColumn(column_of(model, "flags"), FlagChipDelegate(self))

    def default_widths(self) -> dict[str, int]:
        """Column widths (pixels) for this font: the sample texts, and two flag chips side by side.

        A column is never narrower than its header with the sort arrow ("Conf." and the arrow both show).
        """
        metrics = self.fontMetrics()
        widths = {key: metrics.horizontalAdvance(text) + self.CELL_PADDING for key, text in self.SAMPLE_TEXT.items()}
        widths["flags"] = FlagChipDelegate.two_chip_width(self.font())
        return {key: max(width, self.header_width(key)) for key, width in widths.items()}

    def header_width(self, key: str) -> int:
        """The width a column's header needs: its title and the sort arrow."""
        # Qt measures the title with room for the arrow whichever column is sorted: it never covers a title
        return self.horizontalHeader().sectionSizeFromContents(column_of(self.quote_model, key)).width()

    def compact_widths(self) -> dict[str, int]:
        """The narrowest the speaker, outlet, flags and review columns go to leave the quote column room:
        their headers, one flag chip and a usual review (the rest elide, with a tooltip)."""
        widest_chip = max(FlagChipDelegate.width_for(self.font(), [k]) for k in FLAG_STYLES)
        review = self.fontMetrics().horizontalAdvance(self.COMPACT_REVIEW) + self.CELL_PADDING
        return {
            "speaker": self.header_width("speaker"),
            "outlet": self.header_width("outlet"),
            "flags": max(widest_chip, self.header_width("flags")),
            "review": max(review, self.header_width("review")),
        }

    def fit_columns(self) -> None:
        """Give the quote column the width the other columns leave (until the person resizes one).

        When that is less than :attr:`QUOTE_SHARE` of the table (a small window), the speaker, outlet
        and flags columns give up width first, down to :meth:`compact_widths`: the quote stays the
        widest column.
        """
        header = self.horizontalHeader()
        model = self.quote_model
        text = column_of(model, "text")
        view = self.viewport().width()
        widths = self.default_widths()
        keys = [key for key, _h, _s in model.COLUMNS if key != "text"]
        deficit = self.QUOTE_SHARE * view - (view - sum(widths[k] for k in keys))
        compact = self.compact_widths()
        spare = {k: max(0, widths[k] - compact[k]) for k in compact}
        if deficit > 0 and sum(spare.values()):
            cut = min(1.0, deficit / sum(spare.values()))
            for key, room in spare.items():
                widths[key] -= min(room, math.ceil(room * cut))  # rounded up: the quote gets its share
        width = max(self.MIN_QUOTE_WIDTH, view - sum(widths[k] for k in keys))
        self._fitting = True
        try:
            for key in compact:
                header.resizeSection(column_of(model, key), widths[key])
            header.resizeSection(text, width)
        finally:
            self._fitting = False

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        # the stretched last section follows the view; any other change is the person's (or a restored layout)
        if not self._fitting and index != self.horizontalHeader().count() - 1:
            self.fit_quote_column = False

    def set_empty_text(self, text: str) -> None:
        """What the table says when it has no rows ("" for nothing)."""
        if text != self.empty_text:
            self.empty_text = text
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.empty_text and self.quote_model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#868e96"))
            rect = self.viewport().rect().adjusted(12, 12, -12, -12)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            painter.end()

    def viewportEvent(self, event: QEvent) -> bool:
        # the viewport, not the table: a scroll bar appearing narrows it too
        if event.type() == QEvent.Type.Resize and self.fit_quote_column:
            self.fit_columns()
        return super().viewportEvent(event)
