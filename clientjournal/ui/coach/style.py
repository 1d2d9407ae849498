"""The coach sidebar's stylesheet and its status colours, for the light and the dark scheme."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor

from clientjournal.resources import resource
from clientjournal.ui import theme

_LIGHT = {
    "overdue": "#c62828",
    "today": "#b45309",
    "soon": "#8a6a00",
    "later": "#5b6470",
    "none": "#5b6470",
    "good": "#2e7d32",
}
_DARK = {
    "overdue": "#ff8a80",
    "today": "#ffb74d",
    "soon": "#e6c65c",
    "later": "#9aa3ad",
    "none": "#9aa3ad",
    "good": "#81c784",
}


def due_colour(state: str) -> QColor:
    """The colour of a due date in ``state`` (``overdue``, ``today``, ``soon``, ``later``, ``none``)."""
    colours = _DARK if theme.is_dark() else _LIGHT
    return QColor(colours.get(state, colours["none"]))


def good_colour() -> QColor:
    return QColor((_DARK if theme.is_dark() else _LIGHT)["good"])


@cache
def _template() -> str:
    try:
        return resource("styles", "coach.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


def stylesheet() -> str:
    dark = theme.is_dark()
    colours = _DARK if dark else _LIGHT
    sheet = _template().replace("@ACCENT@", "#4a7fe0" if dark else theme.ACCENT)
    sheet = sheet.replace("@ACCENT_TINT@", "rgba(74, 127, 224, 0.20)" if dark else "rgba(59, 111, 212, 0.10)")
    sheet = sheet.replace("@CARD_BORDER@", "#33373e" if dark else "#dde1e7")
    sheet = sheet.replace("@HOVER@", "rgba(255, 255, 255, 0.06)" if dark else "rgba(29, 33, 39, 0.05)")
    sheet = sheet.replace("@PANEL@", "#1b1d21" if dark else "#fbfbfc")
    for state, colour in colours.items():
        sheet = sheet.replace(f"@{state.upper()}@", colour)
        tint = QColor(colour)
        tint.setAlphaF(0.16 if dark else 0.10)
        sheet = sheet.replace(
            f"@{state.upper()}_TINT@",
            f"rgba({tint.red()}, {tint.green()}, {tint.blue()}, {tint.alphaF():.2f})",
        )
    return sheet
