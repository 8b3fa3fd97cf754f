"""Item models over :class:`~quotecheck.library.Library` queries.

The quote table follows Anki's browser: the filter and sort run once in SQL into a list of quote ids;
``rowCount`` is that list's length and ``data`` reads a row cache, fetching a block of rows from the
library on a miss. Nothing is built per row up front, so 100,000 quotes open as fast as 100.
"""

from __future__ import annotations

import json
import logging
import textwrap

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from quotecheck.library import Library, QuoteFilter
from quotecheck.records import REVIEW_MARKS, QuoteRow, SpeakerRow

from .style import VAGUE_COLOUR, VERDICT_COLOURS, flag_rank, flag_style

log = logging.getLogger(__name__)

HIDDEN_COLOUR = "#adb5bd"
"""A hidden speaker, listed only while Show hidden is on."""
QUOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FLAGS_ROLE = Qt.ItemDataRole.UserRole + 2
SPEAKER_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


def _one_line(text: str | None, limit: int = 400) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


NOTE_TIP_WIDTH, NOTE_TIP_LINES = 100, 6
"""A note in a tooltip: lines of at most this many characters (a long word is broken), this many lines."""


def note_tip(note: str) -> str:
    """A note as a tooltip shows it: wrapped, its first lines only. A tooltip lays its whole text out at
    once, on one line where there is no space, so a note of 200,000 characters without one took seconds
    and spanned the screen; the Review pane's editor holds the whole note."""
    most = NOTE_TIP_WIDTH * NOTE_TIP_LINES
    lines: list[str] = []
    for line in note.splitlines():
        lines += textwrap.wrap(line[:most], NOTE_TIP_WIDTH) or [""]
        if len(lines) > NOTE_TIP_LINES:
            break
    if len(lines) <= NOTE_TIP_LINES and len(note) <= most:
        return "\n".join(lines)
    return "\n".join([*lines[:NOTE_TIP_LINES], f"… ({len(note):,} characters: the Review pane shows the whole note)"])


def shown_speaker(row: QuoteRow) -> str:
    """The speaker a person should see: their own correction first, then the canonical name."""
    return row.reviewed_speaker or row.speaker or ""


def review_summary(row: QuoteRow, *, short: bool = False) -> str:
    """A quote's review decisions in words; ``short`` for the table cell: the verdict (or "speaker")
    and a mark per other decision, narrow enough to read whole ("misquoted ✓ ¶", "speaker ✎")."""
    if short:
        return row.review_marks
    parts = []
    if row.verdict:
        parts.append(row.verdict)
    if row.reviewed_speaker:
        parts.append(f"speaker corrected to {row.reviewed_speaker}")
    elif row.confirmed:
        parts.append("speaker confirmed")
    if row.note:
        parts.append(f"note: {note_tip(row.note)}")
    if row.wording_was:
        parts.append(f"the wording changed since: was “{_one_line(row.wording_was)}”")
    return "\n".join(parts)


class QuoteTableModel(QAbstractTableModel):
    """One row per quote of the current filter, in SQL order, read lazily.

    Attributes:
        ids: the quote ids shown, in order.
        flt / sort_key / descending: the query the ids came from.
        reads: runs the reading of the ids after the first page in the background (the window's
            :class:`~quotecheck.ui.jobs.Reads`); None reads them on this thread.
        loading: the first page is shown and the rest of the ids is still being read.

    Signals:
        searched(int): the ids were queried again; carries the number of rows (once all are read).
        first_page(int): the first rows are shown and more are being read; carries the rows shown so far.
        search_failed(str): the query cannot be run (why); the table is empty.
    """

    COLUMNS: tuple[tuple[str, str, str | None], ...] = (
        ("text", "Quote", "text"),
        ("speaker", "Speaker", "speaker"),
        ("outlet", "Outlet", "outlet"),
        ("date", "Date", "date"),
        ("flags", "Flags", "flags"),
        ("confidence", "Conf.", "confidence"),
        ("review", "Review", "review"),
    )
    """(key, header, sort key in :data:`quotecheck.project.query.SORT_COLUMNS` or None when not sortable)."""

    BLOCK = 256
    FIRST_PAGE = 2000
    """Ids read before the table is shown; the rest follow as soon as it has painted (a million ids
    take a second or more to read, the first page a few milliseconds)."""

    searched = Signal(int)
    first_page = Signal(int)
    search_failed = Signal(str)

    READ_KEY = "quote ids"

    def __init__(self, library: Library | None = None, parent=None, reads=None):
        super().__init__(parent)
        self._lib = library
        self.reads = reads
        self.loading = False
        self.ids: list[int] = []
        self._rows: dict[int, QuoteRow] = {}
        self.flt = QuoteFilter()
        self.sort_key = "article"
        self.descending = False
        self._generation = 0  # bumped by every search: a late "rest of the ids" for an older one is dropped

    # -- queries -------------------------------------------------------------------------------

    def set_library(self, library: Library | None, *, search: bool = True) -> None:
        self._lib = library
        if search or library is None:
            self.search(QuoteFilter())

    def search(self, flt: QuoteFilter | None = None, sort: str | None = None, descending: bool | None = None) -> None:
        """Query the ids again (filter, sort) and forget the cached rows."""
        if flt is not None:
            self.flt = flt
        if sort is not None:
            self.sort_key = sort
        if descending is not None:
            self.descending = descending
        self._generation += 1
        self.loading = False
        if self.reads is not None:
            self.reads.cancel(self.READ_KEY)
        try:
            ids = self._lib.quote_ids(self.flt, self.sort_key, self.descending, self.FIRST_PAGE) if self._lib else []
        except Exception as exc:  # a query the core refuses (a wordless search): show nothing, say why
            log.warning("quote query failed (%s, sort %s): %s", self.flt, self.sort_key, exc)
            self.beginResetModel()
            self._rows.clear()
            self.ids = []
            self.endResetModel()
            self.search_failed.emit(str(exc))
            return
        self.beginResetModel()
        self._rows.clear()
        self.ids = ids
        self.endResetModel()
        if len(ids) < self.FIRST_PAGE:
            self.searched.emit(len(self.ids))
        else:  # more to come: read them once the first rows are on screen
            generation = self._generation
            self.loading = True
            self.first_page.emit(len(ids))
            self.later(lambda: self._read_the_rest(generation))

    def later(self, callback) -> None:
        """Run ``callback`` soon; the window replaces this with "after the table has painted"."""
        QTimer.singleShot(1, callback)

    def _read_the_rest(self, generation: int) -> None:
        """Read all the ids (the same query without its limit) and append those after the first page:
        in the background with :attr:`reads` (a million ids take seconds), else here."""
        if generation != self._generation or self._lib is None:
            return
        flt, sort, descending = self.flt, self.sort_key, self.descending
        if self.reads is not None and self._lib.path.name != ":memory:":
            self.reads.run(
                self.READ_KEY,
                self._lib.path,
                lambda lib: lib.quote_ids(flt, sort, descending),
                lambda ids: self._append_the_rest(generation, ids),
                lambda _message: self._rest_failed(generation),  # Reads logs it
            )
            return
        try:
            ids = self._lib.quote_ids(flt, sort, descending)
        except Exception as exc:  # the project went away meanwhile: keep the first page
            log.warning("reading the rest of the quote ids failed: %s", exc)
            self._rest_failed(generation)
            return
        self._append_the_rest(generation, ids)

    def _rest_failed(self, generation: int) -> None:
        """The rest could not be read: the first page stays, counted as all there is."""
        if generation != self._generation:
            return
        self.loading = False
        self.searched.emit(len(self.ids))

    def _append_the_rest(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:  # a newer search (or another project) since
            return
        self.loading = False
        if ids[: len(self.ids)] != self.ids:  # changed since the first page: show the new list whole
            self.beginResetModel()
            self._rows.clear()
            self.ids = ids
            self.endResetModel()
        elif len(ids) > len(self.ids):
            self.beginInsertRows(QModelIndex(), len(self.ids), len(ids) - 1)
            self.ids = ids
            self.endInsertRows()
        self.searched.emit(len(self.ids))

    def refresh_rows(self, quote_ids: list[int] | None = None) -> None:
        """Forget cached rows (these, or all) after a change, and repaint them."""
        if not self.ids:
            return
        if quote_ids is None:
            self._rows.clear()
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(self.COLUMNS) - 1))
            return
        for quote_id in quote_ids:
            self._rows.pop(quote_id, None)
            row = self.row_of(quote_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def row_of(self, quote_id: int) -> int:
        try:
            return self.ids.index(quote_id)
        except ValueError:
            return -1

    def quote_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def row_data(self, row: int) -> QuoteRow | None:
        """The display row for a table row, fetched with its neighbours on a cache miss."""
        if not 0 <= row < len(self.ids) or self._lib is None:
            return None
        quote_id = self.ids[row]
        cached = self._rows.get(quote_id)
        if cached is None:
            first = max(0, row - self.BLOCK // 4)
            wanted = [i for i in self.ids[first : first + self.BLOCK] if i not in self._rows]
            self._rows.update(self._lib.quote_rows(wanted))
            cached = self._rows.get(quote_id)
            if cached is None:  # deleted since the search (another job re-extracted)
                cached = QuoteRow(id=quote_id, article_id=0, start=0, end=0, text="(quote no longer in the project)")
                self._rows[quote_id] = cached
        return cached

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section][1]
            if role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[section][0] == "review":
                return f"{REVIEW_MARKS}\n(a row's tooltip says it all; not sortable)"
            if role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[section][2] is None:
                return "Not sortable"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # never fetches: selecting all rows must stay cheap
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role == QUOTE_ID_ROLE:
            return self.ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
            FLAGS_ROLE,
            SPEAKER_ROLE,
        ):
            return None
        row = self.row_data(index.row())
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == FLAGS_ROLE:
            return list(row.flags)
        if role == SPEAKER_ROLE:
            return shown_speaker(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key == "confidence":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, key)
        return None

    @staticmethod
    def _display(row: QuoteRow, key: str) -> str:
        if key == "text":
            if row.kind == "indirect":  # reported speech is shown without quotation marks
                return _one_line(row.text)
            return "“" + _one_line(row.text) + "”"
        if key == "speaker":
            return shown_speaker(row) or "(no speaker)"
        if key == "flags":
            return ", ".join(flag_style(k).label for k in sorted(row.flags, key=flag_rank))
        if key == "confidence":
            value = row.confidence
            return f"{value:.2f}" if isinstance(value, (int, float)) else ""
        if key == "review":
            return review_summary(row, short=True)
        return str(getattr(row, key) or "")

    @staticmethod
    def _tooltip(row: QuoteRow, key: str) -> str | None:
        """The whole text of a cell that may be elided, with what explains it."""
        if key == "text":
            return _one_line(row.text, 1200)
        if key == "speaker":
            written = row.mention or row.extracted_speaker
            parts = [shown_speaker(row) or "(no speaker)"]
            if written and written != parts[0]:
                parts.append(f"written as “{written}”")
            if row.reviewed_speaker:
                parts.append(f"corrected by a reviewer (extracted: {row.extracted_speaker or 'none'})")
            return "\n".join(parts)
        if key == "flags":
            kinds = sorted(row.flags, key=flag_rank)
            return "\n".join(f"{flag_style(k).name}: {flag_style(k).explanation}" for k in kinds) or None
        if key in ("outlet", "date"):
            lines = [str(getattr(row, key) or f"(no {key})")]
            where = row.title or row.path
            return "\n".join(lines + [where] if where else lines)
        if key == "review":
            return review_summary(row) or None
        return None

    @staticmethod
    def _foreground(row: QuoteRow, key: str):
        if key == "speaker" and not shown_speaker(row):
            return QBrush(QColor("#868e96"))
        if key == "confidence" and isinstance(row.confidence, (int, float)) and row.confidence < 0.5:
            return QBrush(QColor("#c92a2a"))
        if key == "review" and row.verdict in VERDICT_COLOURS:
            return QBrush(QColor(VERDICT_COLOURS[row.verdict]))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; columns without a sort key keep the current order."""
        if not 0 <= column < len(self.COLUMNS) or self.COLUMNS[column][2] is None:
            return
        self.search(sort=self.COLUMNS[column][2], descending=order == Qt.SortOrder.DescendingOrder)


SPEAKER_MIME = "application/x-quotecheck-speaker"


def is_vague_speaker(name: str, kind: str | None = None) -> bool:
    """A speaker the article only describes ("farmer", "a member of the delegation"), never names.

    The core's speaker ``kind`` decides when it is known ("role" is a description); without it, a
    name with no capitalised word is taken for a description.

    Example:
        >>> is_vague_speaker("one man"), is_vague_speaker("Ilse Brannoch")
        (True, False)
    """
    if kind:
        return kind == "role"
    return not any(word[:1].isupper() for word in name.split())


class SpeakerModel(QAbstractTableModel):
    """Canonical speakers with their spellings and quote counts; drop one onto another to merge them.

    The model never writes: a drop emits :attr:`merge_requested` and the window records the merge
    through an undoable command.

    Signals:
        merge_requested(int, int): a speaker (first id) was dropped onto another (second id).
    """

    COLUMNS = ("Speaker", "Quotes", "Also written")

    merge_requested = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.speakers: list[dict] = []
        self._given: list[dict] = []  # in the order the project gives them

    VAGUE_TIP = "described, not named, in the article"

    _sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_speakers(self, rows: list[SpeakerRow]) -> None:
        """Show these speakers: named people (and bodies) first, then the ones only described, unless
        the person sorted the list by a column (kept across reloads)."""
        self.beginResetModel()
        self._given = sorted((self._normalise(r) for r in rows), key=lambda s: s["vague"])
        self.speakers = self._sorted()
        self.endResetModel()

    def _sorted(self) -> list[dict]:
        column, order = self._sort
        rows = list(self._given)
        if column == 0:
            rows.sort(key=lambda s: (s["name"].casefold(), s["id"]))
        elif column == 1:
            rows.sort(key=lambda s: (s["quotes"], s["name"].casefold()))
        else:
            return rows
        return rows[::-1] if order == Qt.SortOrder.DescendingOrder else rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By name (column 0) or quote count (column 1); the selection follows its speakers."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.speakers[i.row()]["id"] for i in old]
        self.speakers = self._sorted()
        row_of = {s["id"]: r for r, s in enumerate(self.speakers)}
        self.changePersistentIndexList(old, [self.index(row_of[i], x.column()) for i, x in zip(ids, old, strict=True)])
        self.layoutChanged.emit()

    @staticmethod
    def _normalise(row: SpeakerRow) -> dict:
        """The row as the panel lists it, with whether the speaker is only described."""
        return {
            "id": row.id,
            "name": row.name,
            "quotes": row.quotes,
            "aliases": list(dict.fromkeys(a for a in row.aliases if a)),
            "kind": row.kind,
            "vague": is_vague_speaker(row.name, row.kind),
            "hidden": row.hidden,
            "where": row.where,
        }

    def speaker(self, row: int) -> dict | None:
        return self.speakers[row] if 0 <= row < len(self.speakers) else None

    def row_of_name(self, name: str) -> int:
        for row, speaker in enumerate(self.speakers):
            if speaker["name"] == name:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.speakers)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.COLUMNS):
                return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.speakers):
            return None
        speaker = self.speakers[index.row()]
        others = [a for a in speaker["aliases"] if a != speaker["name"]]
        if role == Qt.ItemDataRole.DisplayRole:
            # a row written like another ("the official" of two articles) says where it is quoted
            name = f"{speaker['name']} ({speaker['where']})" if speaker["where"] else speaker["name"]
            return (name, str(speaker["quotes"]), ", ".join(others))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [speaker["name"]] + ([self.VAGUE_TIP] if speaker["vague"] else [])
            lines += [f"quoted in {speaker['where']}"] if speaker["where"] else []
            lines += ["hidden from the list (Show hidden lists it)"] if speaker["hidden"] else []
            lines += [f"also written “{a}”" for a in others]
            return "\n".join(lines + ["Drag onto another speaker to merge them."])
        if speaker["hidden"] and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(HIDDEN_COLOUR))
        if speaker["vague"] and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(VAGUE_COLOUR))
        if speaker["vague"] and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == QUOTE_ID_ROLE:
            return speaker["id"]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [SPEAKER_MIME]

    def mimeData(self, indexes) -> QMimeData:
        # speaker ids, not names: several speakers can be written the same way ("Obama" in three articles)
        ids = sorted({self.speakers[i.row()]["id"] for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(SPEAKER_MIME, json.dumps(ids).encode("utf-8"))
        return mime

    @staticmethod
    def _ids(mime: QMimeData) -> list[int]:
        if not mime.hasFormat(SPEAKER_MIME):
            return []
        try:
            return [int(i) for i in json.loads(bytes(mime.data(SPEAKER_MIME).data()).decode("utf-8"))]
        except (ValueError, TypeError, UnicodeDecodeError):
            return []

    def row_of_id(self, speaker_id: int) -> int:
        for row, speaker in enumerate(self.speakers):
            if speaker["id"] == speaker_id:
                return row
        return -1

    def _target(self, row: int, parent: _Index) -> dict | None:
        # a drop onto an item arrives with row == -1 and the item as parent
        if parent.isValid():
            return self.speaker(parent.row())
        return self.speaker(row)

    def canDropMimeData(self, mime, action, row, column, parent) -> bool:
        target = self._target(row, parent)
        ids = self._ids(mime)
        return bool(target and ids and any(i != target["id"] for i in ids))

    def dropMimeData(self, mime, action, row, column, parent) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(mime, action, row, column, parent):
            return False
        target = self._target(row, parent)
        for speaker_id in self._ids(mime):
            if speaker_id != target["id"]:
                self.merge_requested.emit(speaker_id, target["id"])
        return True


def column_of(model: QuoteTableModel, key: str) -> int:
    for i, (k, _h, _s) in enumerate(model.COLUMNS):
        if k == key:
            return i
    raise KeyError(key)
