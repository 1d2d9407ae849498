"""Windows and macOS notifiers: documented stubs, ``available() == False`` until they are built.

What each needs:

* **Windows** toasts are attributed to an *AppUserModelID*. Without one they are misattributed or silently
  dropped. The installer must create a Start-menu shortcut carrying the id (``System.AppUserModel.ID``), and the
  process must call ``SetCurrentProcessExplicitAppUserModelID`` with the same id before its first toast. Toasts
  with buttons are then sent through WinRT (``Windows.UI.Notifications.ToastNotificationManager``, e.g. with the
  ``winrt-Windows.UI.Notifications`` packages); button presses come back as activation arguments.
* **macOS** notifications (``UNUserNotificationCenter``) work only from a signed app bundle with a
  ``CFBundleIdentifier``: from a bare interpreter the request fails. Buttons are a
  ``UNNotificationCategory`` with ``UNNotificationAction`` values registered at start-up, answered through the
  centre's delegate (e.g. via ``pyobjc-framework-UserNotifications``).

Until then the tray uses ``QSystemTrayIcon.showMessage`` (no buttons) and the list inside the window.
"""

from __future__ import annotations

from clientjournal.notify import NullNotifier


class WindowsNotifier(NullNotifier):
    def __init__(self, app_user_model_id: str) -> None:
        self.app_user_model_id = app_user_model_id
        """The AppUserModelID the toasts would carry; the installer's shortcut must carry the same."""


class MacNotifier(NullNotifier):
    """Needs the app bundle (see the module docstring)."""
