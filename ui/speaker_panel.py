"""Canonical speakers with their spellings: filter by one, merge two, split a spelling off.

Merging is a drag of one speaker onto another, or a button over two selected rows. Splitting picks one
spelling of the selected speaker. The panel only asks; the window records the decision as an undoable
command.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .models import SpeakerModel
from .style import ERROR_TEXT


@dataclass(frozen=True)
class _Place:
    """Where the person was in the speaker list: the selected speakers, the one at the top, the offset."""

    selected: list[int]
    top_id: int | None
    scroll: int


class NoticeTable(QTableView):
    """A table that says what is going on while it has no rows ("Loading speakers…", or why the list
    could not be read), painted over its empty viewport: no row, so nothing to select or count.

    Attributes:
        notice: the words shown while the table is empty ("" for none).
        notice_is_error: the words say what failed (painted in red, not greyed).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.notice = ""
        self.notice_is_error = False

    def set_notice(self, text: str, *, error: bool = False) -> None:
        self.notice, self.notice_is_error = text, error
        self.viewport().setToolTip(text)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        model = self.model()
        if not self.notice or (model is not None and model.rowCount() > 0):
            return
        painter = QPainter(self.viewport())
        colour = (
            QColor(ERROR_TEXT) if self.notice_is_error else self.palette().color(QPalette.ColorRole.PlaceholderText)
        )
        painter.setPen(colour)
        rect = self.viewport().rect().adjusted(8, 10, -8, -8)
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, self.notice
        )
        painter.end()


class SpeakerPanel(QWidget):
    """The speaker list and its actions.

    Attributes:
        model: the :class:`SpeakerModel` shown.

    Signals:
        merge_requested(list): ids of the speakers that are one person (the first gives the name).
        split_requested(int, str): the speaker's id, the spelling of it that is someone else.
        show_requested(str, object): show this speaker's quotes (name, speaker id or None).
        hide_requested(list): ids of speakers to hide from the list (noisy entries, not speakers).
        unhide_requested(list): ids of hidden speakers to list again.
    """

    merge_requested = Signal(list)
    hide_requested = Signal(list)
    unhide_requested = Signal(list)
    split_requested = Signal(int, str)
    show_requested = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = SpeakerModel(self)
        self.model.merge_requested.connect(lambda a, b: self.merge_requested.emit([b, a]))

        self.find = QLineEdit()
        self.find.setPlaceholderText("Find speaker")
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._find)

        self.view = NoticeTable()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setDragDropOverwriteMode(True)
        self.view.setDropIndicatorShown(True)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.resizeSection(1, 56)
        self.view.setColumnHidden(2, True)  # spellings are listed below for the selected speaker
        # click a header to sort by name or by quote count; unsorted, named people come first
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        header.setSortIndicatorClearable(True)
        self.model.layoutChanged.connect(lambda *_a: self._find(self.find.text()))
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(lambda _i: self._show())

        self.aliases = QListWidget()
        self.aliases.setMaximumHeight(84)
        self.aliases.setToolTip("Spellings of the selected speaker; pick one to split it off")
        self.aliases.currentRowChanged.connect(lambda _r: self._update_buttons())

        self.show_button = QPushButton("Show quotes")
        self.show_button.clicked.connect(self._show)
        self.merge_button = QPushButton("Merge")
        self.merge_button.setToolTip("Record that the selected speakers are one person")
        self.merge_button.clicked.connect(self._merge)
        self.split_button = QPushButton("Split off")
        self.split_button.setToolTip("Record that the chosen spelling is a different person")
        self.split_button.clicked.connect(self._split)

        self.hide_button = QPushButton("Hide")
        self.hide_button.setToolTip("Not a speaker: hide the selected entries from the list (Delete); undoable")
        self.hide_button.clicked.connect(self.hide_selected)
        self.show_hidden = QCheckBox("Show hidden")
        self.show_hidden.setToolTip("List the speakers you hid, greyed, to show them again")
        self.show_hidden.toggled.connect(lambda _on: (self._find(self.find.text()), self._update_buttons()))

        buttons = QHBoxLayout()
        self.hide_button.setMinimumWidth(self.hide_button.fontMetrics().horizontalAdvance("Unhide") + 12)
        for button in (self.show_button, self.merge_button, self.split_button):
            # narrower than the style's 80-pixel minimum when the dock is narrow, never cutting the text
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 12)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.find)
        layout.addWidget(self.view, 1)
        hint = QLabel("Drag a speaker onto another to merge them.")
        hint.setStyleSheet("color:#868e96")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(QLabel("Also written as:"))
        layout.addWidget(self.aliases)
        layout.addLayout(buttons)
        hiding = QHBoxLayout()  # a row of its own: the dock stays as narrow as before
        hiding.addWidget(self.hide_button)
        hiding.addWidget(self.show_hidden, 1)
        layout.addLayout(hiding)
        self._update_buttons()
        self._place: _Place | None = None  # where the list was, while it is read again

    @property
    def notice(self) -> str:
        """What the empty list says instead of speakers ("" when it lists them)."""
        return self.view.notice

    def show_notice(self, text: str, *, error: bool = False) -> None:
        """Empty the list and say why in its place: still loading, or (``error``) what failed."""
        self.model.set_speakers([])
        self._selection_changed()
        self.view.set_notice(text, error=error)

    def show_reloading(self, text: str) -> None:
        """Empty the list while it is read again (a decision changed it), saying ``text`` in its place:
        the list before the decision is never shown as the current one, nor acted on. The next
        :meth:`set_speakers` selects the same speakers again and scrolls back to where the list was."""
        if self.model.rowCount() > 0:  # a second decision while loading keeps the place the first one left
            top = self.model.speaker(self.view.rowAt(0))
            self._place = _Place(self.selected_ids(), top["id"] if top else None, self.view.verticalScrollBar().value())
        self.show_notice(text)

    def set_speakers(self, rows: list[dict]) -> None:
        self.view.set_notice("")
        place, self._place = self._place, None
        selected = place.selected if place is not None else self.selected_ids()
        self.model.set_speakers(rows)
        self._find(self.find.text())
        for speaker_id in selected:  # a speaker just hidden is no longer selected (nor merged by mistake)
            if not self.view.isRowHidden(self.model.row_of_id(speaker_id)):
                self.select_id(speaker_id, add=True)
        self._selection_changed()
        if place is not None:
            self._scroll_back(place)

    def _scroll_back(self, place: _Place) -> None:
        """The speaker that was at the top stays at the top (else the list keeps its scroll offset)."""
        self.view.updateGeometries()  # the scroll range of the new rows, before scrolling in it
        row = self.model.row_of_id(place.top_id) if place.top_id is not None else -1
        if row >= 0 and not self.view.isRowHidden(row):
            self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            self.view.verticalScrollBar().setValue(place.scroll)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def selected_names(self) -> list[str]:
        return [self.model.speakers[r]["name"] for r in self.selected_rows() if r < len(self.model.speakers)]

    def selected_ids(self) -> list[int]:
        return [self.model.speakers[r]["id"] for r in self.selected_rows() if r < len(self.model.speakers)]

    def name_of(self, speaker_id: int) -> str:
        speaker = self.model.speaker(self.model.row_of_id(speaker_id))
        return speaker["name"] if speaker else str(speaker_id)

    def select_name(self, name: str, add: bool = False) -> bool:
        return self._select_row(self.model.row_of_name(name), add)

    def select_id(self, speaker_id: int, add: bool = False) -> bool:
        return self._select_row(self.model.row_of_id(speaker_id), add)

    def _select_row(self, row: int, add: bool) -> bool:
        if row < 0:
            return False
        flags = QItemSelectionModel.SelectionFlag.Rows | (
            QItemSelectionModel.SelectionFlag.Select if add else QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.selectionModel().select(self.model.index(row, 0), flags)
        return True

    def _find(self, text: str) -> None:
        needle = text.strip().casefold()
        for row, speaker in enumerate(self.model.speakers):
            hay = " ".join([speaker["name"], *speaker["aliases"]]).casefold()
            hidden = speaker.get("hidden") and not self.show_hidden.isChecked()
            self.view.setRowHidden(row, bool(hidden) or (bool(needle) and needle not in hay))

    def _selection_changed(self, *_args) -> None:
        self.aliases.clear()
        rows = self.selected_rows()
        if len(rows) == 1:
            speaker = self.model.speakers[rows[0]]
            for alias in speaker["aliases"]:
                if alias != speaker["name"]:
                    self.aliases.addItem(alias)
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        self.show_button.setEnabled(len(rows) == 1)
        self.merge_button.setEnabled(len(rows) >= 2)
        self.split_button.setEnabled(len(rows) == 1 and self.aliases.currentItem() is not None)
        chosen = [self.model.speakers[r] for r in rows if r < len(self.model.speakers)]
        unhide = bool(chosen) and all(s.get("hidden") for s in chosen)
        self.hide_button.setText("Unhide" if unhide else "Hide")
        self.hide_button.setEnabled(bool(chosen))

    def _show(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            speaker = self.model.speakers[rows[0]]
            self.show_requested.emit(speaker["name"], speaker["id"])

    def _merge(self) -> None:
        rows = self.selected_rows()
        if len(rows) >= 2:
            # the speaker with the most quotes gives the merged person its name
            rows.sort(key=lambda r: -self.model.speakers[r]["quotes"])
            self.merge_requested.emit([self.model.speakers[r]["id"] for r in rows])

    def hide_selected(self) -> None:
        """Hide the selected speakers, or list them again when every one of them is hidden."""
        chosen = [self.model.speakers[r] for r in self.selected_rows() if not self.view.isRowHidden(r)]
        if not chosen:
            return
        ids = [s["id"] for s in chosen]
        if all(s.get("hidden") for s in chosen):
            self.unhide_requested.emit(ids)
        else:
            self.hide_requested.emit([s["id"] for s in chosen if not s.get("hidden")])

    def _split(self) -> None:
        rows = self.selected_rows()
        item = self.aliases.currentItem()
        if len(rows) == 1 and item is not None:
            self.split_requested.emit(self.model.speakers[rows[0]]["id"], item.text())
