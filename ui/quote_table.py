"""The quote table view: fixed row heights, interactive columns, flags painted as coloured chips.

Row heights are fixed and no column resizes to its contents, because either would make Qt measure
every one of 100,000 rows.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate, QTableView

from .models import FLAGS_ROLE, QuoteTableModel, column_of
from .style import flag_rank, flag_style


class FlagChipDelegate(QStyledItemDelegate):
    """Paints each flag of a quote as a small coloured chip with its label."""

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
        font = option.font
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        rect = option.rect.adjusted(3, 3, -3, -3)
        x = rect.left()
        for kind in kinds:
            fs = flag_style(kind)
            width = metrics.horizontalAdvance(fs.label) + 8
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
            x += width + 4
        painter.restore()


class QuoteTable(QTableView):
    """The quote list.

    Attributes:
        quote_model: the :class:`QuoteTableModel` shown.
    """

    DEFAULT_WIDTHS = {"speaker": 130, "outlet": 110, "date": 84, "flags": 180, "confidence": 46, "review": 100}

    def __init__(self, model: QuoteTableModel, parent=None):
        super().__init__(parent)
        self.quote_model = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the quote column takes the spare width; Stretch measures no content, unlike ResizeToContents
        header.setSectionResizeMode(column_of(model, "text"), QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)  # after the indicator is cleared: enabling sorts by it at once
        for key, width in self.DEFAULT_WIDTHS.items():
            header.resizeSection(column_of(model, key), width)
        self.setItemDelegateForColumn(column_of(model, "flags"), FlagChipDelegate(self))
