"""Dialogs: an article's details, and exporting citations."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from quotecheck.records import EXPORT_FORMATS, META_FIELDS, ArticleRow, format_of_extension

META_LABELS = {
    "title": "Title",
    "outlet": "Outlet",
    "author": "Author",
    "date": "Date (YYYY-MM-DD)",
    "url": "URL",
    "language": "Language",
    "translated_from": "Translated from",
    "primary_source_of": "Primary source of",
}
META_HINTS = {
    "language": "e.g. en, de, ru",
    "translated_from": "language of the original, e.g. ru",
    "primary_source_of": "the speaker this article is the primary source for (transcript, statement)",
}


class MetadataDialog(QDialog):
    """See and correct the metadata of one article, or of several at once.

    With several articles a field they share shows its value, and a field where they differ is empty
    ("several values"): what the person types there is given to all of them, what stays empty keeps
    each article's own value.

    Attributes:
        edits: one line edit per metadata field.
        article_ids: the articles edited.
    """

    SEVERAL = "several values; type one to give it to all"

    def __init__(self, article: ArticleRow | list[ArticleRow], parent=None):
        super().__init__(parent)
        articles = list(article) if isinstance(article, list) else [article]
        self.article_ids = [a.id for a in articles]
        self.article_id = self.article_ids[0]
        several = len(articles) > 1
        self.setWindowTitle(f"Details of {len(articles)} articles" if several else "Article details")
        values = {name: {getattr(a.meta, name) or "" for a in articles} for name in META_FIELDS}
        self._original = {name: next(iter(v)) if len(v) == 1 else None for name, v in values.items()}
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        names = [a.path or "" for a in articles]
        shown = names[0] if not several else f"{len(names)} articles: " + ", ".join(os.path.basename(n) for n in names)
        path = QLabel(shown)
        path.setToolTip("\n".join(names))
        path.setWordWrap(several)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setStyleSheet("color:#495057")
        form.addRow("Files" if several else "File", path)
        for name in META_FIELDS:
            edit = QLineEdit(self._original[name] or "")
            differ = self._original[name] is None
            edit.setPlaceholderText(self.SEVERAL if differ else META_HINTS.get(name, ""))
            edit.setMinimumWidth(480)
            edit.setCursorPosition(0)
            self.edits[name] = edit
            form.addRow(META_LABELS[name], edit)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c92a2a")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, str]:
        """Fields the person changed (``""`` clears a field), for ``Library.set_meta_many``; a field whose
        values differ between the articles changes only when something was typed in it."""
        out = {}
        for name, edit in self.edits.items():
            text, original = edit.text().strip(), self._original[name]
            if (original is None and text) or (original is not None and text != original.strip()):
                out[name] = text
        return out


_EXTENSIONS = {fmt.extension for fmt in EXPORT_FORMATS}


def _existing_parent(folder: str) -> str:
    """The nearest folder above ``folder`` that exists (where a missing one would be made)."""
    while folder and not os.path.exists(folder) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
    return folder


class ExportDialog(QDialog):
    """Choose a format, which quotes, and a file.

    Attributes:
        format / scope / path / group_by / reviewer: the choices, read after ``exec``.
        reviewer_edit: who publishes the fact-checks, asked for ClaimReview only.
    """

    def __init__(
        self,
        selected: int,
        matching: int,
        default_dir: str = "",
        parent=None,
        *,
        reviewer: str = "",
        stem: str = "quotes",
    ):
        super().__init__(parent)
        self.setWindowTitle("Export citations")
        self._default_dir = default_dir
        self._stem = stem or "quotes"
        self._following = False  # the format is being set from the typed extension
        self.format_box = QComboBox()
        for fmt in EXPORT_FORMATS:
            self.format_box.addItem(fmt.label, fmt.key)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.selection_radio = QRadioButton(f"Selected quotes ({selected})")
        self.filter_radio = QRadioButton(f"All quotes matching the current filter ({matching})")
        self.selection_radio.setEnabled(selected > 0)
        (self.selection_radio if selected > 1 else self.filter_radio).setChecked(True)
        self.group_box = QComboBox()
        self.group_box.addItem("By speaker", "speaker")
        self.group_box.addItem("By statement", "statement")
        self.reviewer_edit = QLineEdit(reviewer)
        self.reviewer_edit.setPlaceholderText("the organisation publishing the fact-checks")
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self._validate)
        self.path_edit.textChanged.connect(self._follow_extension)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c92a2a")
        self.error.setWordWrap(True)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        file_widget = QWidget()
        file_widget.setLayout(file_row)
        file_row.setContentsMargins(0, 0, 0, 0)

        form = QFormLayout()
        form.addRow("Format", self.format_box)
        form.addRow("Quotes", self.selection_radio)
        form.addRow("", self.filter_radio)
        form.addRow("Group (Markdown)", self.group_box)
        form.addRow("Published by", self.reviewer_edit)
        form.addRow("File", file_widget)
        self._form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.path_edit.setText(os.path.join(self._default_dir or os.path.expanduser("~"), f"{self._stem}.csv"))
        self._format_changed()
        self._validate()

    @property
    def format(self) -> str:
        return self.format_box.currentData()

    @property
    def scope(self) -> str:
        return "selection" if self.selection_radio.isChecked() else "filter"

    @property
    def path(self) -> str:
        return self.path_edit.text().strip()

    @property
    def group_by(self) -> str:
        return self.group_box.currentData()

    @property
    def reviewer(self) -> str | None:
        """The publishing organisation for a ClaimReview export; None for other formats or when blank."""
        return (self.reviewer_edit.text().strip() or None) if self.format == "claimreview" else None

    def _extension(self) -> str:
        return EXPORT_FORMATS[self.format_box.currentIndex()].extension

    def _format_changed(self, *_args) -> None:
        self.group_box.setEnabled(self.format == "markdown")
        # Only ClaimReview names a publisher; the row is hidden for other formats, not left greyed out.
        self.reviewer_edit.setEnabled(self.format == "claimreview")
        self._form.setRowVisible(self.reviewer_edit, self.format == "claimreview")
        path = self.path
        if path and not self._following:  # the extension follows the format (a name the person typed keeps its stem)
            stem, ext = os.path.splitext(path)
            if ext.lower().lstrip(".") in _EXTENSIONS or not ext:
                self.path_edit.setText(f"{stem}.{self._extension()}")

    def _follow_extension(self, *_args) -> None:
        """The format follows a typed extension that names another one ("exp.json" with CSV chosen: JSON),
        so no file is ever written in one format under another's extension."""
        named = format_of_extension(self.path)
        if named is None or named.extension == self._extension():
            return
        self._following = True
        try:
            self.format_box.setCurrentIndex(self.format_box.findData(named.key))
        finally:
            self._following = False

    def _browse(self) -> None:
        ext = self._extension()
        start = self.path or f"{self._default_dir}/quotes.{ext}"
        path, _ = QFileDialog.getSaveFileName(self, "Export citations", start, f"*.{ext};;All files (*)")
        if path:
            self.path_edit.setText(path)

    def _validate(self, *_args) -> None:
        self.error.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.path))

    def problem(self) -> str | None:
        """Why the chosen file cannot be written, in a sentence (None when it can, as far as we know;
        a missing folder is asked about on Save)."""
        path = os.path.abspath(os.path.expanduser(self.path))
        folder = os.path.dirname(path)
        if os.path.isdir(path):
            return f"{path} is a folder: give a file name."
        if not os.path.isdir(folder):
            parent = _existing_parent(folder)
            if not os.path.isdir(parent) or not os.access(parent, os.W_OK):
                return f"The folder {folder} does not exist and cannot be made in {parent}."
            return None
        if not os.access(folder, os.W_OK):
            return f"The folder {folder} cannot be written to."
        if os.path.exists(path) and not os.access(path, os.W_OK):
            return f"{path} cannot be replaced (no permission)."
        return None

    def accept(self) -> None:
        """Save only to a place that can be written, and ask before replacing a file."""
        if not os.path.splitext(os.path.basename(self.path))[1]:  # no extension typed: the format's
            self.path_edit.setText(f"{self.path}.{self._extension()}")
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        path = os.path.abspath(os.path.expanduser(self.path))
        folder = os.path.dirname(path)
        if not os.path.isdir(folder):
            if not self.confirm_create(folder):
                self.error.setText(f"The folder {folder} does not exist.")
                return
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as exc:
                self.error.setText(f"The folder {folder} could not be made: {exc.strerror or exc}.")
                return
        if os.path.exists(path) and not self.confirm_replace(path):
            return
        self.path_edit.setText(path)
        super().accept()

    def confirm_create(self, folder: str) -> bool:
        answer = QMessageBox.question(
            self, "Create folder?", f"The folder {folder} does not exist. Create it and save the export there?"
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_replace(self, path: str) -> bool:
        answer = QMessageBox.question(
            self, "Replace file?", f"{os.path.basename(path)} already exists in {os.path.dirname(path)}. Replace it?"
        )
        return answer == QMessageBox.StandardButton.Yes
