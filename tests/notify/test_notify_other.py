"""The Windows and macOS notifiers: chosen per platform, tray messages without buttons, and the AppUserModelID
set through ctypes (mocked: these run everywhere)."""

from __future__ import annotations

import ctypes

import pytest

from clientjournal.config import APP_ID
from clientjournal.notify import REMINDER_ACTIONS, NotificationError, NullNotifier, default_notifier
from clientjournal.notify.other import (
    MacNotifier,
    TrayMessageNotifier,
    WindowsNotifier,
    in_app_bundle,
    set_app_user_model_id,
)


class Tray:
    def __init__(self, present: bool = True) -> None:
        self.present = present
        self.shown: list[tuple[str, str]] = []

    def __call__(self, summary: str, body: str) -> bool:
        if self.present:
            self.shown.append((summary, body))
        return self.present


def test_windows_gets_toasts_through_the_tray_under_the_app_id():
    tray = Tray()
    notifier = default_notifier(show_message=tray, platform="win32")
    assert isinstance(notifier, WindowsNotifier) and notifier.app_user_model_id == APP_ID
    assert notifier.available() and "actions" not in notifier.capabilities()
    first = notifier.notify("Kari Nordmann: Landing page draft", "Due today", REMINDER_ACTIONS)
    second = notifier.notify("2 reminders due", "")
    assert tray.shown == [("Kari Nordmann: Landing page draft", "Due today"), ("2 reminders due", "")]
    assert 0 < first < second and notifier.poll() == [] and notifier.fileno() == -1


def test_macos_notifies_only_from_the_app_bundle():
    tray = Tray()
    notifier = default_notifier(show_message=tray, platform="darwin")
    assert isinstance(notifier, MacNotifier)
    assert MacNotifier(tray, bundled=True).available()
    assert not MacNotifier(tray, bundled=False).available()  # a bare interpreter: the system drops them
    assert in_app_bundle("/Applications/ClientJournal.app/Contents/MacOS/clientjournal")
    assert not in_app_bundle("/usr/local/bin/python3")


def test_without_a_tray_the_notifier_says_so():
    assert not TrayMessageNotifier(None).available()
    with pytest.raises(NotificationError):
        WindowsNotifier(APP_ID, Tray(present=False)).notify("1 reminder", "")


def test_linux_without_a_session_bus_falls_back(monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/nonexistent")
    assert isinstance(default_notifier(show_message=Tray(), platform="linux"), NullNotifier)


class Shell32:
    def __init__(self, result: int = 0) -> None:
        self.result = result
        self.calls: list[object] = []

    def SetCurrentProcessExplicitAppUserModelID(self, app_id: object) -> int:
        self.calls.append(app_id)
        return self.result


def test_the_app_user_model_id_is_set_through_ctypes():
    shell32 = Shell32()
    assert set_app_user_model_id(APP_ID, shell32=shell32)
    (argument,) = shell32.calls
    assert isinstance(argument, ctypes.c_wchar_p) and argument.value == APP_ID
    assert not set_app_user_model_id(APP_ID, shell32=Shell32(result=-2147024809))  # E_INVALIDARG


def test_elsewhere_nothing_is_called(monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")
    assert not set_app_user_model_id(APP_ID)
