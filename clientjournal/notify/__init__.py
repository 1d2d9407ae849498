"""Desktop notifications behind one small interface: a platform adapter with no Qt and nothing of the vault.

:class:`Notifier` is what the tray uses::

    notifier = default_notifier(app_name="ClientJournal", desktop_entry="clientjournal",
                                show_message=tray_message)   # Windows and macOS show through the tray
    if notifier.available():
        buttons = REMINDER_ACTIONS if "actions" in notifier.capabilities() else ()
        nid = notifier.notify(summary, body, buttons)        # > 0; remember nid -> reminder ids
        ...
        for event in notifier.poll():                        # non-blocking; drive it from a QSocketNotifier on
            ...                                              # notifier.fileno() (or a thread, or a timer)

An :class:`Event` is a button pressed (``kind == "action"``, ``action`` one of the keys given to ``notify``, or
``"default"`` for a click on the notification itself) or the notification closed (``kind == "closed"``,
``reason`` as the freedesktop spec numbers it: 1 expired, 2 dismissed by the user, 3 closed by a call, 4 other).
Only events of notifications this notifier sent are reported.

The text must already be safe to show (see :func:`clientjournal.coach.reminder_check.notice_text`: while the vault is
locked it holds only a count). Implementations:

* Linux and the BSDs: :class:`~clientjournal.notify.freedesktop.FreedesktopNotifier`, the
  ``org.freedesktop.Notifications`` D-Bus service through ``jeepney``, with exact D-Bus types (``replaces_id`` is a
  uint32: strict servers such as dunst and notification-daemon reject an int32).
* Windows and macOS: :class:`~clientjournal.notify.other.WindowsNotifier` and
  :class:`~clientjournal.notify.other.MacNotifier` show the tray's own message (``QSystemTrayIcon.showMessage``,
  through the ``show_message`` function the Qt layer passes): a toast attributed to the app's AppUserModelID on
  Windows (:func:`~clientjournal.notify.other.set_app_user_model_id` at start), a Notification Center message from
  the app bundle on macOS. No buttons there: Snooze and Done are in the tray menu and the window's list.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

SNOOZE = "snooze"
DONE = "done"
OPEN = "open"
DEFAULT = "default"
"""The freedesktop key of a click on the notification's body."""

REMINDER_ACTIONS: tuple[tuple[str, str], ...] = ((SNOOZE, "Snooze"), (DONE, "Done"), (OPEN, "Open"))
"""The buttons of a single reminder's notification (key, label); translate the labels in the UI."""

DIGEST_ACTIONS: tuple[tuple[str, str], ...] = ((OPEN, "Open"),)
"""A digest (several reminders) offers only Open."""


@dataclass(frozen=True, slots=True)
class Event:
    notification_id: int
    kind: Literal["action", "closed"]
    action: str = ""
    reason: int = 0


class Notifier(Protocol):
    def available(self) -> bool:
        """Whether notifications can be shown now (a notification server is running)."""
        ...

    def capabilities(self) -> frozenset[str]:
        """What the server can do, e.g. ``actions``, ``body``, ``persistence`` (empty when unknown)."""
        ...

    def notify(
        self,
        summary: str,
        body: str = "",
        actions: Sequence[tuple[str, str]] = (),
        *,
        replaces: int = 0,
        urgency: int = 1,
        timeout_ms: int = -1,
    ) -> int:
        """Show a notification (or replace ``replaces``); returns its id (> 0). Buttons are dropped when the
        server cannot show them. Raises NotificationError when the server refuses or is gone."""
        ...

    def close(self, notification_id: int) -> None: ...

    def fileno(self) -> int:
        """A file descriptor that becomes readable when events may be waiting (-1: poll on a timer)."""
        ...

    def poll(self, timeout: float = 0.0) -> list[Event]:
        """The events that arrived, waiting at most ``timeout`` seconds for the first (0: do not wait)."""
        ...

    def shutdown(self) -> None:
        """Close the connections; the notifier is unusable afterwards."""
        ...


class NotificationError(Exception):
    """The notification server refused a call or went away."""


class NullNotifier:
    """No notifications on this platform (or none yet): the UI falls back to the tray and the window."""

    def available(self) -> bool:
        return False

    def capabilities(self) -> frozenset[str]:
        return frozenset()

    def notify(
        self,
        summary: str,
        body: str = "",
        actions: Sequence[tuple[str, str]] = (),
        *,
        replaces: int = 0,
        urgency: int = 1,
        timeout_ms: int = -1,
    ) -> int:
        raise NotificationError("no notification service on this system")

    def close(self, notification_id: int) -> None:
        return None

    def fileno(self) -> int:
        return -1

    def poll(self, timeout: float = 0.0) -> list[Event]:
        return []

    def shutdown(self) -> None:
        return None


def default_notifier(
    app_name: str = "ClientJournal",
    desktop_entry: str = "clientjournal",
    *,
    show_message: Callable[[str, str], bool] | None = None,
    platform: str = sys.platform,
) -> Notifier:
    """The platform's notifier; a :class:`NullNotifier` when there is none or it cannot be reached.

    ``show_message(summary, body)`` shows a tray message (False: no tray); Windows and macOS notify through it.
    """
    if platform == "win32":
        from clientjournal.config import APP_ID
        from clientjournal.notify.other import WindowsNotifier

        return WindowsNotifier(app_user_model_id=APP_ID, show_message=show_message)
    if platform == "darwin":
        from clientjournal.notify.other import MacNotifier

        return MacNotifier(show_message)
    try:
        from clientjournal.notify.freedesktop import FreedesktopNotifier

        return FreedesktopNotifier.connect(app_name=app_name, desktop_entry=desktop_entry)
    except (ImportError, NotificationError):
        return NullNotifier()


__all__ = [
    "DEFAULT",
    "DIGEST_ACTIONS",
    "DONE",
    "OPEN",
    "REMINDER_ACTIONS",
    "SNOOZE",
    "Event",
    "NotificationError",
    "Notifier",
    "NullNotifier",
    "default_notifier",
]
