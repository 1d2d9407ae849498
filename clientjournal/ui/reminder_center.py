"""Reminders in the running app: the scheduler, the tray, the notifications and the window's list, wired to the
controller (issue #10). The composition root (:mod:`clientjournal.app`) makes one :class:`ReminderCenter`.

* Unlocking attaches the scheduler to the window's operations and change hub; locking keeps only redacted
  reminders (:meth:`ReminderScheduler.detach`).
* Closing the window hides it into the tray only where a tray exists (said once, with a tray message); where none
  exists closing quits or minimises, as the preferences say, and reminders show inside the window. The rule
  itself is :class:`~clientjournal.ui.closing.WindowClosing`, made by the composition root before the first
  window (the centre starts a little later).
* At start the start-at-login entry is refreshed on the worker (:meth:`Autostart.refresh`): an install that moved
  or was updated rewrites an entry whose command is out of date.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QSystemTrayIcon, QVBoxLayout

from clientjournal.ui.closing import WindowClosing, tray_available
from clientjournal.ui.preferences import Preferences, load_preferences
from clientjournal.ui.reminders_panel import RemindersPanel
from clientjournal.ui.scheduler import ReminderScheduler
from clientjournal.ui.tray import ReminderNotifications, ReminderTray

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from clientjournal.notify import Notifier
    from clientjournal.services.autostart import Autostart
    from clientjournal.services.vault import Clock
    from clientjournal.ui.controller import AppController
    from clientjournal.ui.mainwindow import MainWindow

log = logging.getLogger(__name__)

_EXPLAINED_KEY = "tray/explainedClosing"
_EXPLAINED_QUIT_KEY = "tray/explainedQuitWithoutTray"


class ReminderCenter(QObject):
    def __init__(
        self,
        controller: AppController,
        clock: Clock,
        icon: QIcon,
        notifier_factory: Callable[[], Notifier],
        *,
        settings: QSettings | None = None,
        scheduler: ReminderScheduler | None = None,
        closing: WindowClosing | None = None,
        has_tray: Callable[[], bool] = tray_available,
        autostart: Callable[[], Autostart] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``closing``: the app's rule for closing the window (made here when not given, with ``has_tray``);
        ``autostart``: the start-at-login entry to refresh now (None: leave it alone, as tests do)."""
        super().__init__(parent if parent is not None else controller)
        self.controller = controller
        self._settings = settings
        self.preferences = load_preferences(settings) if settings is not None else Preferences()
        self.closing = (
            closing if closing is not None else WindowClosing(controller, self.preferences, has_tray=has_tray)
        )
        self.scheduler = scheduler if scheduler is not None else ReminderScheduler(clock, parent=self)
        self.tray = ReminderTray(self.scheduler, icon, parent=self)
        self.notifications = ReminderNotifications(
            self.scheduler,
            self.tray,
            notifier_factory,
            show_names=lambda: self.preferences.show_names,
            parent=self,
        )
        self.panel: RemindersPanel | None = None
        self._window: MainWindow | None = None

        controller.main_window_shown.connect(self._unlocked)
        controller.locking.connect(self.scheduler.detach)
        controller.preferences.changed.connect(self._preferences_changed)
        self.tray.open_requested.connect(controller.open_window)
        self.notifications.open_requested.connect(controller.open_window)
        self.tray.new_entry_requested.connect(self._new_entry)
        self.tray.lock_requested.connect(controller.lock)
        self.tray.quit_requested.connect(controller.quit_requested)
        self.scheduler.responded.connect(self._responded)
        self.closing.quitting_without_tray.connect(self._explain_quit)
        if controller.session is not None:  # made after the window was up (start-up stays lean)
            self._unlocked()
        if autostart is not None:
            self._refresh_autostart(autostart)

    def ask_to_unlock_if_locked(self) -> None:
        """Started in the background and still locked (no remembered device): ask once, quietly."""
        if self.controller.session is None and self.controller.welcome is None and self.closing.has_tray():
            self.notifications.ask_to_unlock()

    def shutdown(self) -> None:
        self.scheduler.stop()
        self.notifications.shutdown()
        self.tray.shutdown()

    # ---- the window ----------------------------------------------------------------------------------------------

    def _unlocked(self) -> None:
        window = self.controller.window
        if window is None:
            return
        if window is not self._window:
            self._window = window
            self.panel = RemindersPanel(self.scheduler, window)
            pane = window.timeline_panel.parentWidget()  # the journal pane: title row, then the timeline
            layout = pane.layout() if pane is not None else None
            if isinstance(layout, QVBoxLayout):
                layout.insertWidget(1, self.panel)
            self.panel.client_requested.connect(window.select_client)
            window.hidden_to_tray.connect(self._explain_tray)
        self.scheduler.attach(window.ops, window.hub)

    def _refresh_autostart(self, autostart: Callable[[], Autostart]) -> None:
        def refresh() -> bool:
            return autostart().refresh()

        def refreshed(rewritten: object) -> None:
            if rewritten:
                log.info("the start-at-login entry pointed elsewhere: rewritten for this install")

        self.controller.worker.run(refresh, refreshed, lambda exc: None, quiet=True)

    def _explain_tray(self) -> None:
        settings = self._settings
        if settings is not None and settings.value(_EXPLAINED_KEY, False) in (True, "true"):
            return
        self.tray.icon.showMessage(
            self.tr("ClientJournal is still running"),
            self.tr("Reminders keep coming here. To quit, choose Quit in this icon's menu."),
            QSystemTrayIcon.MessageIcon.Information,
            10_000,
        )
        if settings is not None:
            settings.setValue(_EXPLAINED_KEY, True)

    def _explain_quit(self) -> None:
        """Once: closing the window quit the app, so no reminder comes until it runs again (a user who closed it
        expecting the tray heard nothing at 09:00). Said by a notification, which outlives the app."""
        settings = self._settings
        if settings is not None and settings.value(_EXPLAINED_QUIT_KEY, False) in (True, "true"):
            return
        self.notifications.notify_plain(
            self.tr("ClientJournal has quit"),
            self.tr(
                "This desktop shows no tray icons, so closing the window quits and reminders wait until you "
                "start ClientJournal again. To keep them coming, choose Minimise in Preferences under "
                "“When I close the window”."
            ),
        )
        if settings is not None:
            settings.setValue(_EXPLAINED_QUIT_KEY, True)

    def _new_entry(self) -> None:
        self.controller.open_window()
        window = self.controller.window
        if window is not None and self.controller.session is not None:
            window.new_entry()

    def _responded(self, button: str, ids: object) -> None:
        window = self._window
        if window is None or self.controller.session is None:
            return
        messages = {
            "snooze": self.tr("Reminder snoozed"),
            "done": self.tr("Reminder done"),
            "dismiss": self.tr("Reminder dismissed"),
        }
        window.statusBar().showMessage(messages.get(button, ""), 5000)

    def _preferences_changed(self, preferences: Preferences) -> None:
        self.preferences = preferences


def start_reminders(
    app: QApplication,
    controller: AppController,
    clock: Clock,
    settings: QSettings,
    closing: WindowClosing | None = None,
) -> ReminderCenter:
    """The app's reminder centre, with the platform's notifier and the start-at-login entry refreshed. ``closing``
    is the rule the composition root made before the first window (made here when not given)."""
    from clientjournal.notify import default_notifier
    from clientjournal.services.autostart import Autostart
    from clientjournal.ui.theme import app_icon

    if closing is None:
        closing = WindowClosing(controller, load_preferences(settings), app=app)

    def notifier() -> Notifier:  # asked for at the first notice, when the tray exists
        return default_notifier(show_message=center.tray.show_message)

    center = ReminderCenter(
        controller,
        clock,
        app_icon(),
        notifier,
        settings=settings,
        closing=closing,
        autostart=Autostart,
    )
    app.aboutToQuit.connect(center.shutdown)
    return center


ASK_TO_UNLOCK_MS = 5_000
"""How long a background start waits for a remembered device to unlock before asking the user to."""
