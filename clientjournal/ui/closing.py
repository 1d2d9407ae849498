"""What closing the main window does: keep running in the tray (only where a tray exists), quit, or minimise.

The composition root makes one :class:`WindowClosing` before the first window, so the rule holds from the first
moment a main window exists: a remembered device can unlock and show the window well before the tray and the
reminders start (:mod:`clientjournal.ui.reminder_center`, a little after the first window, to keep start-up
lean). Until this object existed from the start, closing the window in that moment quit the app, because the
window's default was "quit" and Qt still quit on the last window closed.

Light on purpose (Qt widgets and the preferences only): it is imported before the first window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from clientjournal.ui.preferences import Preferences

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from clientjournal.ui.controller import AppController


def tray_available() -> bool:
    """Whether the desktop shows tray icons now (stock GNOME without the AppIndicator extension: no)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


class WindowClosing(QObject):
    """Applies the "When I close the window" preference to the controller's main window, whenever it is made.

    Quitting becomes explicit (``app.setQuitOnLastWindowClosed(False)``): a tray icon keeps the app alive without
    a window, so closing the window where that means "quit" asks the controller to quit.
    """

    quitting_without_tray = Signal()
    """Closing quits although the user chose the tray: this desktop has none (emitted before the quit)."""

    def __init__(
        self,
        controller: AppController,
        preferences: Preferences,
        *,
        app: QApplication | None = None,
        has_tray: Callable[[], bool] = tray_available,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else controller)
        self.controller = controller
        self.preferences = preferences
        self.has_tray = has_tray
        if app is not None:
            app.setQuitOnLastWindowClosed(False)
        controller.in_tray = self.in_tray
        controller.main_window_shown.connect(self._window_shown)
        controller.preferences.changed.connect(self._preferences_changed)
        if controller.window is not None:
            self._window_shown()

    def in_tray(self) -> bool:
        """Whether a tray keeps the app reachable with no window shown."""
        return self.has_tray()

    def close_action(self) -> str:
        """What closing the window does now: ``tray``, ``quit`` or ``minimise``; ``tray`` only where a tray
        exists. For ``quit`` the controller is asked to quit (queued: the window is inside its close event)."""
        action = self.preferences.close_action
        if action == "tray" and not self.has_tray():
            action = "quit"
            self.quitting_without_tray.emit()
        if action == "quit":
            QTimer.singleShot(0, self.controller.quit_requested.emit)
        return action

    def _window_shown(self) -> None:
        window = self.controller.window
        if window is not None:
            window.close_action = self.close_action

    def _preferences_changed(self, preferences: Preferences) -> None:
        self.preferences = preferences
