"""The row of filters above the quote table: search, speaker, article, flag kind, confidence.

It only builds a :class:`~quotecheck.project.query.QuoteFilter`; the table model runs it in SQL. Typing is
debounced (a single-shot timer restarted on every keystroke), so a fast typist causes one query.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from quotecheck.library import QuoteFilter
from quotecheck.records import ArticleRow

from .completion import NameCompleter
from .style import ERROR_TEXT, FLAG_STYLES, flag_style

CONFIDENCE_CHOICES = {
    "any": ("Any confidence", None, None),
    "high": ("High (≥ 0.8)", 0.8, None),
    "medium": ("Medium (0.5–0.8)", 0.5, 0.8),
    "low": ("Low (< 0.5)", None, 0.4999),
}


KIND_CHOICES: dict[str, tuple[str, tuple[str, ...]]] = {
    "all": ("All kinds", ()),
    "quoted": ("Quoted", ("direct", "partial")),
    "indirect": ("Reported", ("indirect",)),
}
"""Kind filter: label and the record kinds shown (reported speech has no quotation marks)."""


class FilterBar(QWidget):
    """Search box and filter choices.

    Attributes:
        speaker_ids: a speaker chosen in the speaker panel (exact), cleared when the speaker text changes.

    Signals:
        changed(): the filter changed (typing is debounced by ``delay_ms``).
        results_requested(): ↓ or Return in the search box: the person wants to move to the results.
    """

    changed = Signal()
    results_requested = Signal()

    def __init__(self, parent=None, delay_ms: int = 200):
        super().__init__(parent)
        self.speaker_ids: tuple[int, ...] = ()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.changed)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search…")  # Ctrl+F: in the tooltip and the Edit menu
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Search quotes and speakers (Ctrl+F): words in the quote or its speaker, all of them.\n"
            '"down payment" finds the words side by side\n'
            "dam* finds words starting with dam\n"
            "dam OR water finds either; dam NOT river or dam -river leaves river out\n"
            "Escape clears; ↓ or Return moves to the results."
        )
        self.search.setMinimumWidth(90)
        self.search.textChanged.connect(self._typed)
        self.search.installEventFilter(self)

        self.speaker = QLineEdit()
        self.speaker.setPlaceholderText("Speaker")
        self.speaker.setClearButtonEnabled(True)
        self.speaker.setMinimumWidth(90)
        self.speaker.setMaximumWidth(180)
        self.speaker.textEdited.connect(self._speaker_typed)
        self.speaker.textChanged.connect(self._typed)

        self.article = QComboBox()
        self.article_choices = ArticleChoices(self.article)
        self.article.setModel(self.article_choices)  # before the completer is set up: it takes this model
        self.article.setEditable(True)  # type any word of a title to find the article
        self.article.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.article.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.article.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.article.currentIndexChanged.connect(self._now)

        self.flag = QComboBox()
        self.flag.currentIndexChanged.connect(self._now)
        self.set_flag_kinds(list(FLAG_STYLES))

        self.kind = QComboBox()
        for key, (label, _kinds) in KIND_CHOICES.items():
            self.kind.addItem(label, key)
        self.kind.setToolTip("Kind: quoted words, reported speech (no quotation marks) or all")
        self.kind.currentIndexChanged.connect(self._now)

        self.confidence = QComboBox()
        for key, (label, _low, _high) in CONFIDENCE_CHOICES.items():
            self.confidence.addItem(label, key)
        self.confidence.currentIndexChanged.connect(self._now)

        # the article choice shrinks and stretches (titles are long; its list opens wide enough to read
        # them); the flag, kind and confidence choices are short fixed lists, always shown whole
        self.article.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.article.setMinimumContentsLength(1)
        self.article.setMinimumWidth(_combo_width(self.article, "All articles"))  # shown whole
        for combo in (self.flag, self.kind, self.confidence):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.reviewed = QCheckBox("Reviewed")
        self.reviewed.setToolTip("Only quotes a person confirmed, corrected, judged or annotated")
        self.reviewed.toggled.connect(self._now)

        # One row when the window is wide enough for every filter shown whole, else two (the text filters
        # above, the choices below): a window tiled on half a screen still shows them all.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # see minimumSizeHint
        self._top, self._bottom = QHBoxLayout(), QHBoxLayout()
        for row in (self._top, self._bottom):
            row.setSpacing(2)
            layout.addLayout(row)
        self.two_rows: bool | None = None
        self._arrange(False)
        self.set_articles([])

    _TEXT_STRETCH = (3, 1, 2)  # of search, speaker and article

    def _texts(self) -> tuple[QWidget, ...]:
        return (self.search, self.speaker, self.article)

    def _choices(self) -> tuple[QWidget, ...]:
        return (self.flag, self.kind, self.confidence, self.reviewed)

    def _arrange(self, two_rows: bool) -> None:
        """The filters in one row, or in two: the text filters above the choices."""
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        for row in (self._top, self._bottom):
            while row.count():
                row.takeAt(0)
        for stretch, widget in zip(self._TEXT_STRETCH, self._texts(), strict=True):
            self._top.addWidget(widget, stretch)
        below = self._bottom if two_rows else self._top
        for widget in self._choices():
            below.addWidget(widget)
        if two_rows:
            self._bottom.addStretch(1)
        self.updateGeometry()

    def _row_width(self, widgets) -> int:
        margins = self.layout().contentsMargins()
        hints = [w.minimumSizeHint().width() if w.minimumWidth() == 0 else w.minimumWidth() for w in widgets]
        return sum(hints) + 2 * (len(hints) - 1) + margins.left() + margins.right()

    def one_row_width(self) -> int:
        """The narrowest width at which every filter fits whole in one row."""
        return self._row_width(self._texts() + self._choices())

    def minimumSizeHint(self) -> QSize:
        """As narrow as two rows allow: the bar reflows instead of holding the window wide."""
        hint = super().minimumSizeHint()
        width = max(self._row_width(self._texts()), self._row_width(self._choices()))
        return QSize(width, hint.height())

    def resizeEvent(self, event) -> None:
        self._arrange(event.size().width() < self.one_row_width())
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box: Escape clears it; ↓ and Return move to the results."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self._now()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self._now()  # the results the person is looking at, not the ones before the last key
                self.results_requested.emit()
                return True
        return super().eventFilter(watched, event)

    def set_delay(self, ms: int) -> None:
        self._timer.setInterval(ms)

    def set_articles(self, articles: list[ArticleRow]) -> None:
        """Fill the article choice (``Library.articles()``), keeping the current choice."""
        self.set_article_choices(article_choices(articles))

    ARTICLE_TIP = "Only quotes from this article (type to find one by any word of its title)"

    def set_article_choices(self, items: list[tuple[str, int, str]]) -> None:
        """Fill the article choice with :func:`article_choices` (made in the background on a large
        project), keeping the current choice. One model reset, however many articles."""
        current = self.article.currentData()
        self.article.blockSignals(True)
        self.article_choices.set_items([("All articles", None, None), *items])
        self.article.setCurrentIndex(max(0, self.article_choices.row_of(current)))
        self.article.blockSignals(False)
        self.article.setToolTip(self.ARTICLE_TIP)
        metrics = self.article.view().fontMetrics()
        longest = sorted((label for label, _id, _tip in items), key=len)[-50:]  # not 20,000 measurements
        widest = max((metrics.horizontalAdvance(label) for label in longest), default=0)
        self.article.view().setMinimumWidth(min(widest + 40, 640))

    def set_article_notice(self, text: str, *, error: bool = False) -> None:
        """Say under the articles listed so far why the list is not whole: "Loading articles…" while it
        is read, or what failed (``error``). A greyed entry, never chosen nor counted as an article; the
        next :meth:`set_article_choices` removes it."""
        current = self.article.currentData()
        self.article.blockSignals(True)
        self.article_choices.set_notice(text, error=error)
        self.article.setCurrentIndex(max(0, self.article_choices.row_of(current)))
        self.article.blockSignals(False)
        self.article.setToolTip(f"{self.ARTICLE_TIP}\n{text}" if text else self.ARTICLE_TIP)

    def set_flag_kinds(self, kinds: list[str]) -> None:
        items = [(flag_style(kind).name, kind) for kind in kinds]
        _refill(self.flag, [("All flags", None), ("Any flag", "any"), *items], "Only quotes with this flag")

    def set_speaker_names(self, names: list[str]) -> None:
        completer = self.speaker.completer()
        if not isinstance(completer, NameCompleter):
            completer = NameCompleter(self.speaker)
            self.speaker.setCompleter(completer)
        completer.set_names(names)

    def set_speaker(self, name: str, speaker_id: int | None) -> None:
        """Show only one canonical speaker's quotes (from the speaker panel)."""
        self.speaker_ids = (speaker_id,) if speaker_id is not None else ()
        self.speaker.blockSignals(True)
        self.speaker.setText(name)
        self.speaker.blockSignals(False)
        self._now()

    def clear(self) -> None:
        for w in (self.search, self.speaker, self.article, self.flag, self.kind, self.confidence, self.reviewed):
            w.blockSignals(True)
        self.search.clear()
        self.speaker.clear()
        self.speaker_ids = ()
        self.article.setCurrentIndex(0)
        self.flag.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.confidence.setCurrentIndex(0)
        self.reviewed.setChecked(False)
        for w in (self.search, self.speaker, self.article, self.flag, self.kind, self.confidence, self.reviewed):
            w.blockSignals(False)
        self._now()

    def quote_filter(self) -> QuoteFilter:
        _label, low, high = CONFIDENCE_CHOICES[self.confidence.currentData() or "any"]
        article = self.article.currentData()
        flag = self.flag.currentData()
        speaker_text = self.speaker.text().strip()
        return QuoteFilter(
            speaker_ids=self.speaker_ids,
            speaker=None if self.speaker_ids else (speaker_text or None),
            article_ids=(article,) if article is not None else (),
            flag_kinds=(flag,) if flag else (),
            min_confidence=low,
            max_confidence=high,
            reviewed_only=self.reviewed.isChecked(),
            search=self.search.text().strip() or None,
            kinds=KIND_CHOICES[self.kind.currentData() or "all"][1],
        )

    def _speaker_typed(self, _text: str) -> None:
        self.speaker_ids = ()

    def _typed(self, _text: str = "") -> None:
        if self._timer.interval() <= 0:
            self.changed.emit()
        else:
            self._timer.start()

    def _now(self, *_args) -> None:
        self._timer.stop()
        self.changed.emit()


def article_choices(articles: list[ArticleRow]) -> list[tuple[str, int, str]]:
    """The article choice's entries, (label, article id, tooltip) sorted by label; no Qt, so a
    background read can make them."""
    items = []
    for a in articles:
        label = " · ".join(x for x in (a.meta.outlet, a.meta.date) if x)
        title = a.meta.title or a.path or f"article {a.id}"
        short = title if len(title) <= 60 else title[:59].rstrip() + "…"
        tip = "\n".join(x for x in (title, label, a.path) if x)
        items.append((f"{short} ({label})" if label else short, a.id, tip))
    items.sort(key=lambda item: item[0].casefold())  # by title: findable in a long list
    return items


class ArticleChoices(QAbstractListModel):
    """The article choice's entries as one Python list: filled by one reset, not an item per article
    (20,000 articles took half a second item by item)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[tuple[str, int | None, str | None]] = []
        self._rows: dict[int | None, int] = {}
        self.notice = ""
        self.notice_is_error = False

    def set_items(self, items: list[tuple[str, int | None, str | None]]) -> None:
        """The entries ``(label, article id or None, tooltip)``; a notice goes with the old ones."""
        self.beginResetModel()
        self._items = items
        self._rows = {data: row for row, (_label, data, _tip) in enumerate(items)}
        self.notice, self.notice_is_error = "", False
        self.endResetModel()

    def set_notice(self, text: str, *, error: bool = False) -> None:
        """A last, greyed row that is no article ("Loading articles…", or what failed); "" for none."""
        self.beginResetModel()
        self.notice, self.notice_is_error = text, error
        self.endResetModel()

    @property
    def article_count(self) -> int:
        """The entries that are articles (neither "All articles" nor the notice)."""
        return sum(1 for _label, data, _tip in self._items if data is not None)

    def row_of(self, data: int | None) -> int:
        return self._rows.get(data, -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items) + (1 if self.notice else 0)

    def flags(self, index) -> Qt.ItemFlag:
        if index.isValid() and index.row() >= len(self._items):  # the notice: greyed, never chosen
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if index.row() >= len(self._items):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
                return self.notice
            if role == Qt.ItemDataRole.ForegroundRole and self.notice_is_error:
                return QBrush(QColor(ERROR_TEXT))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        label, data, tip = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return label
        if role == Qt.ItemDataRole.UserRole:
            return data
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None


def _combo_width(combo: QComboBox, text: str) -> int:
    """The width a combo box needs to show ``text`` whole (frame and arrow included)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    size = QSize(combo.fontMetrics().horizontalAdvance(text) + 4, combo.fontMetrics().height())
    return combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, size, combo).width()


def _refill(combo, items: list[tuple], tooltip: str) -> None:
    """Replace a choice's items ``(label, data[, tooltip])`` without emitting changes, keeping the current
    choice when it is still there."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.setToolTip(tooltip)
    for label, data, *tip in items:
        combo.addItem(label, data)
        if tip:
            combo.setItemData(combo.count() - 1, tip[0], Qt.ItemDataRole.ToolTipRole)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(False)
