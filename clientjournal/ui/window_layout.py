"""Where the main window was and how its toolbar and docks were laid out, kept in QSettings between runs."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

GEOMETRY_KEY = "mainWindow/geometry"
STATE_KEY = "mainWindow/state"


def restore_window_layout(window: QMainWindow, settings: QSettings | None) -> None:
    if settings is None:
        return
    geometry = settings.value(GEOMETRY_KEY)
    if isinstance(geometry, QByteArray):  # anything else (a first run, a damaged file) keeps the defaults
        window.restoreGeometry(geometry)
    state = settings.value(STATE_KEY)
    if isinstance(state, QByteArray):
        window.restoreState(state)


def save_window_layout(window: QMainWindow, settings: QSettings | None) -> None:
    if settings is not None:
        settings.setValue(GEOMETRY_KEY, window.saveGeometry())
        settings.setValue(STATE_KEY, window.saveState())
