"""Two views over the whole project: every flag once, grouped by kind, and one speaker's timeline.

:class:`FlagsOverview` lists each finding once under its kind, the most serious kinds first; a "first
report" is information, listed apart and never counted as a problem. :class:`SpeakerTimeline` plots a
speaker's statements by date (painted with QPainter: QtCharts is not part of PySide6-Essentials), one
dot per statement at its first report, dots of one day stacked; a click on a dot shows that report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quotecheck.records import Flag, QuoteRow, SpeakerRow

from .style import flag_rank, flag_style

INFO_KINDS = frozenset({"first_appearance"})
"""Flags that inform (the earliest report of a statement) rather than point at a problem."""


class FlagsOverview(QDialog):
    """Every flag of the project once, grouped by kind; double-click one to show its first quote.

    Attributes:
        tree: kinds (top level) and their flags (children; each child's ``quote_id`` in UserRole).
        summary: how many problems, in how many kinds, and how many first reports (not problems).

    Signals:
        quote_requested(int): the person asked to see a quote a flag concerns.
    """

    quote_requested = Signal(int)

    def __init__(self, flags: list[Flag], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Flags overview")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Finding", "Severity", "Reports"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.set_flags(flags)
        self.resize(760, 480)

    def set_flags(self, flags: list[Flag]) -> None:
        """Group ``flags`` (each listed once, by id) by kind: problems first, information last."""
        self.tree.clear()
        unique = list({(f.id if f.id is not None else id(f)): f for f in flags}.values())
        by_kind: dict[str, list[Flag]] = defaultdict(list)
        for f in unique:
            by_kind[f.kind].append(f)
        problems = [k for k in by_kind if k not in INFO_KINDS]
        order = sorted(problems, key=lambda k: (flag_rank(k), k)) + sorted(k for k in by_kind if k in INFO_KINDS)
        for kind in order:
            style = flag_style(kind)
            items = by_kind[kind]
            title = style.name + (" (information, not a problem)" if kind in INFO_KINDS else "")
            group = QTreeWidgetItem([f"{title} — {len(items)}", "", ""])
            group.setToolTip(0, style.explanation)
            group.setForeground(0, QColor(style.colour))
            group.setData(0, Qt.ItemDataRole.UserRole + 1, kind)
            for f in sorted(items, key=lambda f: (-_severity_rank(f.severity), f.id or 0)):
                text = f.explanation  # a first report shared by several the same day says "a tie"
                child = QTreeWidgetItem([" ".join(text.split()), f.severity, str(len(f.quotes))])
                child.setToolTip(0, text)
                child.setData(0, Qt.ItemDataRole.UserRole, f.quotes[0].quote_id if f.quotes else None)
                group.addChild(child)
            self.tree.addTopLevelItem(group)
            group.setExpanded(kind not in INFO_KINDS)
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(0, 560)
        n_problems = sum(len(by_kind[k]) for k in problems)
        n_info = sum(len(by_kind[k]) for k in by_kind if k in INFO_KINDS)
        self.summary.setText(
            f"{n_problems} finding{'s' if n_problems != 1 else ''} to check in {len(problems)} "
            f"kind{'s' if len(problems) != 1 else ''}"
            + (f"; {n_info} first report{'s' if n_info != 1 else ''} (information, not problems)" if n_info else "")
            + ". Double-click a finding to show its quote."
        )

    def group(self, kind: str) -> QTreeWidgetItem | None:
        """The top-level item of one kind, or None."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole + 1) == kind:
                return item
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        quote_id = item.data(0, Qt.ItemDataRole.UserRole)
        if quote_id is not None:
            self.quote_requested.emit(int(quote_id))


def _severity_rank(severity: str | None) -> int:
    return {"info": 0, "minor": 1, "moderate": 2, "high": 3, "severe": 3}.get((severity or "").lower(), 1)


def quote_date(row: QuoteRow) -> dt.date | None:
    """The day a quote was said (or, failing that, published); a year or month alone is its first day."""
    text = (row.said_on or row.date or "").strip()
    for size, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        try:
            return dt.datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    return None


class TimelinePlot(QWidget):
    """One speaker's statements on a date axis: a dot per statement at its first report, larger the more
    reports it has, the dots of one day stacked upwards.

    Attributes:
        rows: ``(date, quote)`` of each statement's first dated report, in date order.
        reports: for each of those quotes, how many reports of its statement the speaker has.
        points: ``(quote id, centre)`` of every dot, in date order (for clicks, tooltips and tests).
        undated: how many statements carry no date at all (left off the plot, counted under it).

    Signals:
        quote_clicked(int): a dot was clicked.
    """

    quote_clicked = Signal(int)
    RADIUS = 5
    MARGIN = 28

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[dt.date, QuoteRow]] = []
        self.reports: dict[int, int] = {}
        self.points: list[tuple[int, QPointF]] = []
        self.undated = 0
        self.setMouseTracking(True)
        self.setMinimumSize(420, 180)

    def set_quotes(self, rows: list[QuoteRow], statement_of: dict[int, int] | None = None) -> None:
        """Plot these quotes, the reports of one statement (``statement_of``: quote id → statement) as one."""
        statement_of = statement_of or {}
        groups: dict[object, list[QuoteRow]] = defaultdict(list)
        for row in rows:
            groups[statement_of.get(row.id, ("quote", row.id))].append(row)
        firsts: list[tuple[dt.date, QuoteRow]] = []
        self.reports, self.undated = {}, 0
        for members in groups.values():
            dated = sorted(((d, r) for r in members if (d := quote_date(r)) is not None), key=lambda x: (x[0], x[1].id))
            if not dated:
                self.undated += 1
                continue
            firsts.append(dated[0])
            self.reports[dated[0][1].id] = len(members)
        self.rows = sorted(firsts, key=lambda x: (x[0], x[1].id))
        self._layout_points()
        self.update()

    def radius(self, quote_id: int) -> float:
        """A statement's dot grows with its number of reports (up to twice the size of one report's)."""
        return self.RADIUS * (1 + min(1.0, (self.reports.get(quote_id, 1) - 1) / 4))

    def _span(self) -> tuple[dt.date, dt.date]:
        first, last = self.rows[0][0], self.rows[-1][0]
        if first == last:
            first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
        return first, last

    def _x(self, day: dt.date) -> float:
        first, last = self._span()
        width = self.width() - 2 * self.MARGIN
        return self.MARGIN + width * (day - first).days / max(1, (last - first).days)

    def _layout_points(self) -> None:
        self.points = []
        if not self.rows:
            return
        base = self.height() - self.MARGIN - 2.0
        height: dict[dt.date, float] = defaultdict(float)  # how high the dots of a day already reach
        for day, row in self.rows:
            r = self.radius(row.id)
            self.points.append((row.id, QPointF(self._x(day), base - height[day] - r)))
            height[day] += 2 * r + 2

    def resizeEvent(self, event) -> None:
        self._layout_points()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        if not self.rows:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No dated quotes for this speaker.")
            return
        axis_y = self.height() - self.MARGIN
        painter.setPen(QPen(text, 1))
        painter.drawLine(self.MARGIN, axis_y, self.width() - self.MARGIN, axis_y)
        for day in self._ticks():
            x = self._x(day)
            painter.drawLine(QPointF(x, axis_y), QPointF(x, axis_y + 4))
            label = day.isoformat()
            w = painter.fontMetrics().horizontalAdvance(label)
            left = min(max(2.0, x - w / 2), self.width() - w - 2.0)
            painter.drawText(QRectF(left, axis_y + 5, w + 2, self.MARGIN - 5), Qt.AlignmentFlag.AlignLeft, label)
        by_id = {r.id: r for _d, r in self.rows}
        for quote_id, centre in self.points:
            row = by_id[quote_id]
            colour = QColor(flag_style(sorted(row.flags, key=flag_rank)[0]).colour) if row.flags else QColor("#1c7ed6")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(centre, self.radius(quote_id), self.radius(quote_id))

    def _ticks(self) -> list[dt.date]:
        """A few dates along the axis: the first, the last and evenly spaced ones that leave room."""
        first, last = self.rows[0][0], self.rows[-1][0]
        label = self.fontMetrics().horizontalAdvance("0000-00-00") + 16
        room = max(1, (self.width() - 2 * self.MARGIN) // label)
        days = (last - first).days
        if days == 0:
            return [first]
        step = max(1, -(-days // room))
        ticks = [first + dt.timedelta(days=d) for d in range(0, days, step)]
        if ticks and self._x(last) - self._x(ticks[-1]) < label:
            ticks.pop()
        return [*ticks, last]

    def point_at(self, pos: QPointF) -> int | None:
        """The quote whose dot is under ``pos``, or None."""
        for quote_id, centre in self.points:
            if (centre - pos).manhattanLength() <= 1.5 * self.radius(quote_id):
                return quote_id
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        quote_id = self.point_at(event.position())
        if quote_id is not None:
            row = next(r for _d, r in self.rows if r.id == quote_id)
            where = " · ".join(x for x in (row.outlet or row.title or row.path, row.said_on or row.date) if x)
            n = self.reports.get(quote_id, 1)
            more = f"\nfirst of {n} reports of this statement" if n > 1 else ""
            QToolTip.showText(
                event.globalPosition().toPoint(), f"“{' '.join(row.text.split())[:200]}”\n{where}{more}", self
            )
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        quote_id = self.point_at(event.position())
        if quote_id is not None and event.button() == Qt.MouseButton.LeftButton:
            self.quote_clicked.emit(quote_id)
            return
        super().mousePressEvent(event)


class SpeakerTimeline(QDialog):
    """Choose a speaker; their quotes are plotted by date (:class:`TimelinePlot`).

    The dialog asks its ``load(speaker id)`` callable for the speaker's quotes, so it reads the project
    only through the window's ``Library``.

    Signals:
        quote_requested(int): a dot was clicked: show that quote.
    """

    quote_requested = Signal(int)

    def __init__(self, speakers: list[SpeakerRow], load, parent=None):
        """``load(speaker id)`` gives ``(the speaker's quotes, quote id → statement id)``."""
        super().__init__(parent)
        self.setWindowTitle("Speaker timeline")
        self._load = load
        self.speaker = QComboBox()
        for s in sorted(speakers, key=lambda s: (-s.quotes, s.name.casefold())):
            self.speaker.addItem(f"{s.name} ({s.quotes})", s.id)
        self.speaker.currentIndexChanged.connect(self._chosen)
        self.plot = TimelinePlot()
        self.plot.quote_clicked.connect(self.quote_requested)
        self.note = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Speaker:"))
        top.addWidget(self.speaker, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        self.resize(720, 320)
        self._chosen()

    def show_speaker(self, speaker_id: int | None) -> None:
        index = self.speaker.findData(speaker_id) if speaker_id is not None else -1
        if index >= 0:
            self.speaker.setCurrentIndex(index)

    def _chosen(self, *_args) -> None:
        speaker_id = self.speaker.currentData()
        rows, statement_of = self._load(speaker_id) if speaker_id is not None else ([], {})
        self.plot.set_quotes(rows, statement_of)
        days = {d for d, _r in self.plot.rows}
        text = (
            f"{len(self.plot.rows)} statement(s) in {len(rows)} report(s), first reported on {len(days)} day(s); "
            "a dot is a statement at its first report, larger with more reports; click one to show it."
        )
        if self.plot.undated:
            text += f" {self.plot.undated} undated statement(s) are not plotted."
        self.note.setText(text)
