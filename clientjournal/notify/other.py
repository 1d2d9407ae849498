"""Windows and macOS notifiers: the tray's own message balloon behind the :class:`~clientjournal.notify.Notifier`
interface, with no buttons. No Qt here: the Qt layer passes the function that shows a tray message
(``QSystemTrayIcon.showMessage``), which Qt turns into a toast on Windows and into a notification of the
Notification Center on macOS.

What each platform needs for that to reach the user:

* **Windows** attributes a toast to the process's *AppUserModelID*. Without an explicit one it is misattributed
  (to python.exe) or silently dropped. :func:`set_app_user_model_id` calls
  ``SetCurrentProcessExplicitAppUserModelID`` through ctypes at start, before any window exists, with
  :data:`clientjournal.config.APP_ID`; the installer's Start-menu shortcut carries the same id
  (``System.AppUserModel.ID``), so taskbar grouping and toasts agree. Buttons on toasts would need WinRT
  (``Windows.UI.Notifications``) and activation handling: not built; Snooze and Done are in the tray menu and the
  window's list.
* **macOS** shows notifications only for an app bundle with a ``CFBundleIdentifier`` (``ClientJournal.app``, see
  packaging/); from a bare interpreter they are dropped, so :class:`MacNotifier` reports itself unavailable
  outside a bundle and the window's list remains.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

from clientjournal.notify import Event, NotificationError

log = logging.getLogger(__name__)

ShowMessage = Callable[[str, str], bool]
"""Shows a tray message (summary, body); False when there is no tray to show it from."""


def set_app_user_model_id(app_id: str, shell32: Any = None) -> bool:
    """Give this process an explicit AppUserModelID (Windows), so its toasts are attributed to the app. Call it
    at start, before the first window. True when set; False elsewhere or when Windows refused (logged).

    ``shell32`` replaces ``ctypes.windll.shell32`` (tests).
    """
    if shell32 is None:
        if sys.platform != "win32":
            return False
        import ctypes

        shell32 = ctypes.windll.shell32
    import ctypes

    try:
        result = shell32.SetCurrentProcessExplicitAppUserModelID(ctypes.c_wchar_p(app_id))
    except (AttributeError, OSError) as exc:
        log.info("no AppUserModelID: %s", type(exc).__name__)
        return False
    if result != 0:  # an HRESULT: 0 is S_OK
        log.info("no AppUserModelID: HRESULT %#x", result & 0xFFFFFFFF)
        return False
    return True


def in_app_bundle(executable: str = sys.executable) -> bool:
    """Whether this process runs from a macOS app bundle (``….app/Contents/MacOS/…``)."""
    parts = executable.replace("\\", "/").split("/")
    return any(
        part.endswith(".app") and parts[i + 1 : i + 3] == ["Contents", "MacOS"]
        for i, part in enumerate(parts)
    )


class TrayMessageNotifier:
    """Notifications as tray messages: no buttons, no events (a click on one is the tray's ``messageClicked``)."""

    def __init__(self, show_message: ShowMessage | None) -> None:
        self._show = show_message
        self._last_id = 0

    def available(self) -> bool:
        return self._show is not None

    def capabilities(self) -> frozenset[str]:
        return frozenset({"body"})

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
        """Shows ``summary`` and ``body``; ``actions`` are dropped (a tray message has no buttons)."""
        if self._show is None or not self._show(summary, body):
            raise NotificationError("no tray to show the message from")
        self._last_id += 1
        return self._last_id

    def close(self, notification_id: int) -> None:
        return None

    def fileno(self) -> int:
        return -1

    def poll(self, timeout: float = 0.0) -> list[Event]:
        return []

    def shutdown(self) -> None:
        self._show = None


class WindowsNotifier(TrayMessageNotifier):
    """Toasts through the tray, attributed to ``app_user_model_id`` (see :func:`set_app_user_model_id`)."""

    def __init__(self, app_user_model_id: str, show_message: ShowMessage | None = None) -> None:
        super().__init__(show_message)
        self.app_user_model_id = app_user_model_id
        """The AppUserModelID the toasts carry; the installer's shortcut carries the same."""


class MacNotifier(TrayMessageNotifier):
    """Notification Center messages through the tray; only from an app bundle (see the module docstring)."""

    def __init__(self, show_message: ShowMessage | None = None, *, bundled: bool | None = None) -> None:
        super().__init__(show_message)
        self.bundled = in_app_bundle() if bundled is None else bundled

    def available(self) -> bool:
        return self.bundled and super().available()
