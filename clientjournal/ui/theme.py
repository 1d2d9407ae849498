"""Fusion style, a light or dark palette following the OS, the app stylesheet and the app icon."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from clientjournal.resources import resource

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

SCHEME_ENV = "CLIENTJOURNAL_COLOR_SCHEME"
"""``light`` or ``dark`` forces a scheme (screenshots, testing); otherwise the OS decides."""

ACCENT = "#3b6fd4"

STYLE = "Fusion"
STYLE_ARGUMENTS = ("-style", STYLE)
"""For the composition root's QApplication: Qt then creates the style itself when the first widget needs it (as it
does for any window), while ``setStyle()`` hands the new style to Python, and PySide6 builds QStyle's many enums
(~5 ms) before the first window."""
_STYLE_GIVEN = "clientjournalStyleGiven"


_PREFERRED = "clientjournalPreferredScheme"
_OS_DARK = "clientjournalOsDark"
"""The theme's state lives on the application object (its dynamic properties), not in this module:

* ``_PREFERRED``: the user's choice in Preferences, ``system``, ``light`` or ``dark`` (the environment variable
  wins);
* ``_OS_DARK``: whether the OS is dark, from the platform's palette until our own replaces it, then from each
  change the OS announces. ``styleHints().colorScheme()`` would say the same, but reading it makes PySide6 build
  its whole ``Qt`` namespace (~60 ms), which would delay the first window.
"""


def _app() -> QGuiApplication | None:
    app = QGuiApplication.instance()
    return app if isinstance(app, QGuiApplication) else None


def preferred_scheme() -> str:
    app = _app()
    value = app.property(_PREFERRED) if app is not None else None
    return value if value in ("light", "dark") else "system"


def set_preferred_scheme(scheme: str) -> None:
    app = _app()
    if app is not None:
        app.setProperty(_PREFERRED, scheme if scheme in ("light", "dark") else "system")


def _os_is_dark() -> bool:
    app = _app()
    if app is None:
        return False
    known = app.property(_OS_DARK)
    if not isinstance(known, bool):
        known = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        app.setProperty(_OS_DARK, known)
    return known


def is_dark() -> bool:
    forced = os.environ.get(SCHEME_ENV, "").strip().lower()
    if forced in ("light", "dark"):
        return forced == "dark"
    preferred = preferred_scheme()
    if preferred in ("light", "dark"):
        return preferred == "dark"
    return _os_is_dark()


def _palette(dark: bool) -> QPalette:
    P = QPalette.ColorRole
    palette = QPalette()
    if dark:
        colours = {
            P.Window: "#1f2125",
            P.WindowText: "#e6e8eb",
            P.Base: "#17181b",
            P.AlternateBase: "#1c1e22",
            P.ToolTipBase: "#2a2d33",
            P.ToolTipText: "#e6e8eb",
            P.PlaceholderText: "#8a9099",
            P.Text: "#e6e8eb",
            P.Button: "#2a2d33",
            P.ButtonText: "#e6e8eb",
            P.BrightText: "#ff6b6b",
            P.Light: "#3a3e45",
            P.Midlight: "#30343a",
            P.Mid: "#3a3e45",
            P.Dark: "#101114",
            P.Shadow: "#000000",
            P.Highlight: "#4a7fe0",
            P.HighlightedText: "#ffffff",
            P.Link: "#7aa7ff",
        }
    else:
        colours = {
            P.Window: "#f4f5f7",
            P.WindowText: "#1d2127",
            P.Base: "#ffffff",
            P.AlternateBase: "#f8f9fb",
            P.ToolTipBase: "#ffffff",
            P.ToolTipText: "#1d2127",
            P.PlaceholderText: "#8a9099",
            P.Text: "#1d2127",
            P.Button: "#ffffff",
            P.ButtonText: "#1d2127",
            P.BrightText: "#c62828",
            P.Light: "#ffffff",
            P.Midlight: "#eceef1",
            P.Mid: "#cfd3d9",
            P.Dark: "#a9aeb6",
            P.Shadow: "#6b7078",
            P.Highlight: ACCENT,
            P.HighlightedText: "#ffffff",
            P.Link: "#2c5cc5",
        }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (P.Text, P.WindowText, P.ButtonText):
        faded = QColor(colours[role])
        faded.setAlphaF(0.45)
        palette.setColor(QPalette.ColorGroup.Disabled, role, faded)
    return palette


@cache
def _stylesheet() -> str:
    try:
        return resource("styles", "app.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


@cache
def _icons_url() -> str:
    """The icons folder as a style sheet ``url()`` can name it (empty inside a zip: the images are skipped)."""
    try:
        return Path(os.fspath(resource("icons"))).as_posix()  # type: ignore[call-overload]
    except TypeError:
        return ""


def style_given(app: QApplication) -> None:
    """Note that ``app`` was created with :data:`STYLE_ARGUMENTS`: the first :func:`apply_theme` need not set it."""
    app.setProperty(_STYLE_GIVEN, True)


def apply_theme(app: QApplication) -> None:
    _os_is_dark()  # read the platform's palette while it is still there
    if app.property(_STYLE_GIVEN):
        app.setProperty(_STYLE_GIVEN, False)  # later calls (a scheme change) set the style again, as they did
    else:
        app.setStyle(STYLE)
    dark = is_dark()
    app.setPalette(_palette(dark))
    app.setProperty("darkMode", dark)
    values = {
        "@ACCENT@": "#4a7fe0" if dark else ACCENT,
        "@ERROR@": "#ff8a80" if dark else "#b3261e",
        "@OUTLINE@": "#6b7079" if dark else "#9aa0a8",
        "@ICONS@": _icons_url(),
    }
    sheet = _stylesheet()
    for placeholder, value in values.items():
        sheet = sheet.replace(placeholder, value)
    app.setStyleSheet(sheet)


def follow_os_scheme(app: QApplication) -> None:
    """Re-apply the theme when the OS switches between light and dark."""

    def changed(scheme: QtCore.Qt.ColorScheme) -> None:
        app.setProperty(_OS_DARK, scheme == QtCore.Qt.ColorScheme.Dark)
        apply_theme(app)

    QGuiApplication.styleHints().colorSchemeChanged.connect(changed)


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon, QPixmap  # set once the first window is up: PySide6 builds QIcon's enums

    node = resource("icons", "clientjournal.svg")
    try:
        path = os.fspath(node)  # type: ignore[call-overload]
    except TypeError:
        path = ""
    if path and os.path.exists(path):
        return QIcon(path)
    pixmap = QPixmap()
    pixmap.loadFromData(node.read_bytes(), "SVG")
    return QIcon(pixmap)
