"""Colours, fonts and plain-language labels shared by every view of the window.

One place decides what a flag looks like, so the quote table, the article view and the provenance view
agree: a wording drift is always the same orange, a conflicting speaker always the same red.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

UI_FONT_FAMILY = "DejaVu Sans"
READING_FONT_FAMILY = "DejaVu Serif"
UI_POINT_SIZE = 10
READING_POINT_SIZE = 11


@dataclass(frozen=True)
class FlagStyle:
    """How one kind of flag is shown.

    Attributes:
        label: the chip's short text in the quote table ("drift"): two chips fit in the column.
        name: the full name, where there is room (filter menu, provenance, tooltips).
        colour: the chip / mark colour (hex).
        text: the chip's text colour (hex).
        explanation: what the flag means, for a person who has never seen it.
    """

    label: str
    name: str
    colour: str
    text: str
    explanation: str


FLAG_STYLES: dict[str, FlagStyle] = {
    "wording_drift": FlagStyle(
        "drift", "wording drift", "#e8590c", "#ffffff", "Outlets report this statement in different words."
    ),
    "conflicting_speaker": FlagStyle(
        "speakers",
        "conflicting speaker",
        "#c92a2a",
        "#ffffff",
        "Outlets give this statement to different speakers.",
    ),
    "fragment": FlagStyle(
        "fragment",
        "fragment",
        "#1971c2",
        "#ffffff",
        "Only part of a longer statement is quoted; check the cut keeps its sense.",
    ),
    "missing_from_primary": FlagStyle(
        "not in source",
        "not in source",
        "#862e9c",
        "#ffffff",
        "The primary source (transcript or statement) does not have these words as quoted.",
    ),
    "unattributed": FlagStyle(
        "unattributed", "unattributed", "#5c677d", "#ffffff", "No named speaker could be found for this quote."
    ),
    "paraphrase_meaning": FlagStyle(
        "meaning",
        "meaning changed",
        "#c92a2a",
        "#ffffff",
        "A report in other words changes a number, a negation, the certainty or the speaker of what was quoted.",
    ),
    "first_appearance": FlagStyle(
        "first", "first report", "#2b8a3e", "#ffffff", "The earliest report of this statement in the project."
    ),
}
"""Known flag kinds. Kinds the core adds later get a colour from their severity."""

FLAG_ORDER = (
    "conflicting_speaker",
    "missing_from_primary",
    "wording_drift",
    "paraphrase_meaning",
    "fragment",
    "unattributed",
    "first_appearance",
)

SEVERITY_COLOURS = {
    "severe": "#c92a2a",
    "high": "#c92a2a",
    "moderate": "#e8590c",
    "minor": "#f2c94c",
    "info": "#868e96",
}

VERDICT_LABELS = {
    "verified": "verified",
    "misquoted": "misquoted",
    "misattributed": "misattributed",
    "unverifiable": "unverifiable",
}
VERDICT_COLOURS = {"verified": "#2b8a3e", "misquoted": "#c92a2a", "misattributed": "#c92a2a", "unverifiable": "#868e96"}

QUOTE_HIGHLIGHT = "#fff3bf"  # every quote in the article
QUOTE_HIGHLIGHT_FLAGGED = "#ffe8cc"
REPORTED_HIGHLIGHT = "#e7f5ff"  # reported speech: not a quotation, so not the quotes' yellow
REPORTED_UNDERLINE = "#1c7ed6"
CURRENT_QUOTE = "#ffd43b"  # the selected quote
CURRENT_REPORT = "#a5d8ff"  # the selected reported speech: blue, as reported speech is, only stronger
SPEAKER_UNDERLINE = "#1864ab"
DIFF_SEVERE = "#ffc9c9"
DIFF_MODERATE = "#ffe8cc"
DIFF_MINOR = "#fff3bf"
DIFF_SHORTENED = "#d0ebff"
FIRST_APPEARANCE = "#2b8a3e"
VAGUE_COLOUR = "#868e96"  # speakers described, not named
MUTED_TEXT = "#495057"  # secondary words: "as written:", "cue:"
SELECTED_REPORT = "#eef5ff"  # the selected report's row in the provenance view
RULE = "#dee2e6"  # lines between reports
ERROR_TEXT = "#c92a2a"  # a list that could not be read says why in its place

LIGHT_COLOURS = {
    name: value
    for name, value in globals().items()
    if name.isupper() and isinstance(value, str) and value.startswith("#") and name != "VAGUE_COLOUR"
}
"""The backgrounds and text colours above, which suit a light window."""

DARK_COLOURS = {
    "QUOTE_HIGHLIGHT": "#4a4020",
    "QUOTE_HIGHLIGHT_FLAGGED": "#5a3b1c",
    "CURRENT_QUOTE": "#8a6d00",
    "CURRENT_REPORT": "#1c4f80",
    "SPEAKER_UNDERLINE": "#74c0fc",
    "DIFF_SEVERE": "#7a2a2a",
    "DIFF_MODERATE": "#6e4416",
    "DIFF_MINOR": "#5c5218",
    "DIFF_SHORTENED": "#1e4566",
    "FIRST_APPEARANCE": "#2b8a3e",
    "MUTED_TEXT": "#adb5bd",
    "SELECTED_REPORT": "#1f3350",
    "RULE": "#495057",
}
"""The same roles for a dark window: dark backgrounds under light text, light text where it was dark."""

dark = False
"""Whether the window follows a dark desktop (set by :func:`apply_app_style`)."""


def use_colours(dark_window: bool) -> None:
    """Switch the module's colours to the light or the dark set (every view reads them as ``style.X``)."""
    global dark
    dark = dark_window
    globals().update(DARK_COLOURS if dark_window else LIGHT_COLOURS)


def flag_style(kind: str, severity: str | None = None) -> FlagStyle:
    """The style for a flag kind, inventing a readable one for kinds this window does not know yet."""
    known = FLAG_STYLES.get(kind)
    if known is not None:
        return known
    colour = SEVERITY_COLOURS.get((severity or "").lower(), "#495057")
    name = kind.replace("_", " ")
    return FlagStyle(name, name, colour, "#ffffff", name.capitalize() + ".")


def flag_rank(kind: str) -> int:
    """Order for showing several flags: the most serious first, the informational last."""
    return FLAG_ORDER.index(kind) if kind in FLAG_ORDER else len(FLAG_ORDER) - 1


def diff_colour(severity: str | None) -> str:
    """Background for a differing word run of this severity."""
    severity = (severity or "").lower()
    if severity in ("severe", "high", "major"):
        return DIFF_SEVERE
    if severity in ("moderate", "medium", "translation"):
        return DIFF_MODERATE
    if severity in ("shortened", "fragment", "trimmed", "info"):
        return DIFF_SHORTENED
    return DIFF_MINOR


def ui_font(point_size: int = UI_POINT_SIZE) -> QFont:
    font = QFont(UI_FONT_FAMILY)
    font.setPointSize(point_size)
    return font


def reading_font() -> QFont:
    """The font articles and quotes are read in: a serif, a size up from the interface."""
    font = QFont(READING_FONT_FAMILY)
    font.setPointSize(READING_POINT_SIZE)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


def is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark one (light text on a dark window)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply_app_style(app: QApplication, desktop: QPalette | None = None) -> None:
    """Fusion with an explicit font; the desktop's palette decides light or dark.

    A light desktop gets the same light, high-contrast palette on every machine. A dark desktop (its
    colour scheme, or its palette: ``desktop``, by default the application's palette as the platform
    gave it) keeps its dark palette, and every view switches to dark highlight colours
    (:func:`use_colours`), so no light background is left behind light text.
    """
    desktop = QPalette(desktop if desktop is not None else app.palette())
    dark_desktop = app.styleHints().colorScheme() == Qt.ColorScheme.Dark or is_dark(desktop)
    app.setStyle("Fusion")
    app.setFont(ui_font())
    standard = app.style().standardPalette()
    palette = standard if not dark_desktop or is_dark(standard) else desktop
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1c7ed6"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    if dark_desktop:
        palette.setColor(QPalette.ColorRole.AlternateBase, palette.color(QPalette.ColorRole.Base).lighter(125))
        for role in (QPalette.ColorRole.Link, QPalette.ColorRole.LinkVisited):
            if palette.color(role).lightness() < 160:  # a dark link colour would vanish on a dark page
                palette.setColor(role, QColor("#74c0fc"))
    else:
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f4f6f8"))
        palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#fffdf0"))
        palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#212529"))
    app.setPalette(palette)
    use_colours(dark_desktop)


def panel_title_style() -> str:
    """The style sheet of a pane's title bar, from the palette (light or dark alike)."""
    return "background: palette(midlight); color: palette(window-text); font-weight:600; padding:3px 8px;"
