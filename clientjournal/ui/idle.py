"""Auto-lock: an application-wide event filter notices keyboard and mouse use and a timer locks after idle time."""

from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QTimer, Signal

from clientjournal.ui.preferences import Preferences

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

    from clientjournal.ui.controller import AppController

log = logging.getLogger(__name__)


@cache
def _input_events() -> frozenset[QEvent.Type]:
    # Imported and built on first use: PySide6 creates QEvent's large Type enum with the class, which would
    # otherwise count against the first window's start-up time.
    from PySide6.QtCore import QEvent

    return frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TabletPress,
            QEvent.Type.InputMethod,
            QEvent.Type.Shortcut,
        }
    )


_RESTART_GRANULARITY_MS = 250
"""Input within this long of the last timer restart does not restart it again (mouse moves come in floods)."""


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``interval_ms`` without user input while it is running (0 = never)."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._since_restart = QElapsedTimer()
        self._running = False
        self._installed = False
        self.set_interval(interval_ms)

    @property
    def interval_ms(self) -> int:
        return self._interval

    @property
    def running(self) -> bool:
        return self._running and self._timer.isActive()

    def set_interval(self, interval_ms: int) -> None:
        self._interval = max(0, int(interval_ms))
        if self._interval:
            self._timer.setInterval(self._interval)
        if self._running:
            self.start()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval(minutes * 60_000)

    def start(self) -> None:
        """Begin watching (when the vault is unlocked)."""
        self._running = True
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        if self._interval:
            self._timer.start()
            self._since_restart.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        """Stop watching (the vault is locked; nothing to protect)."""
        self._running = False
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def poke(self) -> None:
        """Count as user activity."""
        if self._running and self._interval:
            self._timer.start()
            self._since_restart.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._running
            and self._interval
            and event.type() in _input_events()
            and (
                not self._since_restart.isValid()
                or self._since_restart.elapsed() >= min(_RESTART_GRANULARITY_MS, self._interval // 4)
            )
        ):
            self.poke()
        return False


class AutoLock(QObject):
    """Locks the vault through the controller's usual lock path after the idle time in the preferences."""

    def __init__(self, controller: AppController, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else controller)
        self._controller = controller
        self.watcher = IdleWatcher(interval_ms, self)
        self.watcher.idle.connect(self._idle)
        controller.main_window_shown.connect(self.watcher.start)
        controller.locking.connect(self.watcher.stop)
        controller.preferences.changed.connect(self._preferences_changed)

    def _preferences_changed(self, preferences: Preferences) -> None:
        self.watcher.set_minutes(preferences.idle_minutes)

    def _idle(self) -> None:
        if self._controller.session is None:
            self.watcher.stop()
            return
        log.info("locking after %d s without input", self.watcher.interval_ms // 1000)
        self._controller.lock()
