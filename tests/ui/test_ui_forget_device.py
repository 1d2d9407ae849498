"""Preferences ▸ "Forget this device": revokes "remember on this device" in the background and says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from support.constants import WAIT_MS, fixed_clock
from support.keyring_backend import InMemoryKeyring

from clientjournal.crypto.device import SERVICE, DeviceKeyStore
from clientjournal.services.session import VaultSession
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.operations import ChangeHub, Operations
from clientjournal.ui.preferences import Preferences
from clientjournal.ui.preferences_dialog import PreferencesDialog, open_preferences
from clientjournal.ui.worker import BackgroundWorker


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _device_rows(session: VaultSession) -> int:
    with session.vault.engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT count(*) FROM device_unlocks").scalar_one())


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The question "Forget this device?" is answered Yes; what it said is recorded."""
    questions: list[str] = []

    def answer(_parent, _title, text, *_args):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    return questions


def _ops(worker: BackgroundWorker, session: VaultSession) -> Operations:
    """What the window hands Preferences: its operations over the open session."""
    return Operations(worker, ChangeHub(), lambda: session, lambda exc: pytest.fail(f"unexpected {exc!r}"))


def _click_forget(qtbot, dialog: PreferencesDialog) -> None:
    assert dialog.forget_device_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.forget_device_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.device_message.isVisibleTo(dialog), timeout=WAIT_MS)
    assert dialog.forget_device_button.isEnabled()


def test_forget_this_device_from_the_preferences_of_the_main_window(
    qtbot,
    worker: BackgroundWorker,
    session: VaultSession,
    settings,
    in_memory_keyring: InMemoryKeyring,
    asked,
):
    session.vault.remember_device(session.keys, DeviceKeyStore())
    assert (SERVICE, session.vault.vault_id) in in_memory_keyring.passwords
    assert _device_rows(session) == 1
    window = MainWindow(session, worker, fixed_clock, settings=settings)
    qtbot.addWidget(window)
    window.show()

    window.editor.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    _click_forget(qtbot, dialog)

    assert len(asked) == 1 and "passphrase or your recovery key" in asked[0]
    assert "forgotten" in dialog.device_message.text()
    assert in_memory_keyring.passwords == {}
    assert _device_rows(session) == 0
    assert session.vault.unlock_with_device(DeviceKeyStore()) is None
    dialog.reject()


def test_forget_this_device_when_it_was_not_remembered(
    qtbot,
    worker: BackgroundWorker,
    session: VaultSession,
    settings,
    in_memory_keyring: InMemoryKeyring,
    asked,
):
    dialog = open_preferences(None, settings, ops=_ops(worker, session))
    qtbot.addWidget(dialog)
    _click_forget(qtbot, dialog)
    assert "not remembered" in dialog.device_message.text()
    assert in_memory_keyring.passwords == {}
    dialog.reject()


def test_forget_this_device_asks_first_and_cancel_keeps_it(
    qtbot,
    worker: BackgroundWorker,
    session: VaultSession,
    settings,
    in_memory_keyring: InMemoryKeyring,
    monkeypatch,
):
    session.vault.remember_device(session.keys, DeviceKeyStore())
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Cancel)
    dialog = open_preferences(None, settings, ops=_ops(worker, session))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.forget_device_button, Qt.MouseButton.LeftButton)
    worker.wait_idle()
    assert (SERVICE, session.vault.vault_id) in in_memory_keyring.passwords
    assert _device_rows(session) == 1
    assert not dialog.device_message.isVisibleTo(dialog)
    dialog.reject()


def test_no_forget_button_without_a_session(qtbot, worker, settings):
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.forget_device_button.isVisibleTo(dialog)
    locked = Operations(worker, ChangeHub(), lambda: None, lambda exc: None)
    from_window = open_preferences(None, settings, ops=locked)
    qtbot.addWidget(from_window)
    assert not from_window.forget_device_button.isVisibleTo(from_window)
    from_window.reject()
