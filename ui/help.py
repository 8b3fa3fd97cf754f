"""Help ▸ Quick Guide, Keyboard Shortcuts and About: what a new person needs on the first day.

The shortcut list is read from the window's actions, so it never disagrees with the keys that work.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE = """
<h3>quotecheck in five steps</h3>
<ol>
<li><b>Import</b> articles: File ▸ Import Files (Ctrl+I), a folder, or drop files on the window. Every
quotation is found and given to a speaker; the import panel shows the progress and can cancel.</li>
<li><b>Find</b> quotes: type in the search box (Ctrl+F; a phrase in "double quotes", <i>dam*</i> for a
prefix, OR and NOT), or narrow by speaker, article, flag and confidence. ↓ moves to the results.</li>
<li><b>Compare</b>: the Provenance pane shows every report of the selected statement, the words that
differ marked, the first report, and the primary source when the project has one. Another part of a long
statement is labelled as such, never compared word by word.</li>
<li><b>Review</b>: confirm the speaker (Ctrl+Return), correct it (Ctrl+R), give a verdict (Ctrl+1 … 4)
and a note. Every decision can be undone (Ctrl+Z) and survives re-extraction.</li>
<li><b>Cite</b>: Ctrl+C copies the selected quotes as citations; right-click a quote for other formats,
its article file or all quotes of its speaker; File ▸ Export writes a whole list (Ctrl+E).</li>
</ol>
<p>View ▸ Flags Overview lists every finding once, grouped by kind; View ▸ Speaker Timeline plots a
speaker's statements by date. The Speakers panel merges two spellings of one person (drag one onto the
other) and splits a wrong one off.</p>
"""


def shortcuts_html(rows: list[tuple[str, str]]) -> str:
    """The shortcut table: what each key does, in the order of the menus."""
    body = "".join(
        f"<tr><td style='padding:2px 12px 2px 0'>{html.escape(text)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for text, keys in rows
    )
    return f"<h3>Keyboard shortcuts</h3><table>{body}</table>"


def show_text(parent: QWidget | None, title: str, body: str, *, width: int = 560, height: int = 480) -> QDialog:
    """A non-modal window showing ``body`` (HTML) with a Close button; returned so a test can read it."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    view = QTextBrowser(dialog)
    view.setOpenExternalLinks(False)
    view.setHtml(body)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.view = view
    dialog.resize(width, height)
    dialog.show()
    return dialog


def about_html(versions: dict[str, str], qt: str, pyside: str, log_line: str) -> str:
    """Help ▸ About: what quotecheck is, every version a bug report needs, and where the log is."""
    rows = {**versions, "Qt": qt, "PySide6": pyside}
    listed = "<br>".join(f"{html.escape(k)} {html.escape(v)}" for k, v in rows.items() if k != "quotecheck")
    return (
        f"<b>quotecheck {html.escape(versions.get('quotecheck', '?'))}</b><br>Finds quotations in news articles, "
        f"attributes them, matches them across articles and checks them.<br><br>{listed}<br><br>{log_line}"
    )
