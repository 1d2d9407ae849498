"""Unlocking with the recovery key leads to choosing a new passphrase before the main window opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from support.constants import PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.errors import AuthenticationError
from clientjournal.services.vault import Vault
from clientjournal.ui.controller import AppController
from clientjournal.ui.passphrase_dialog import RecoveryPassphraseDialog

NEW_PASSPHRASE = "seven quiet lanterns over the fjord"


def _unlock_with(qtbot, worker, controller: AppController, secret: str) -> None:
    unlock = controller.unlock_dialog
    assert unlock is not None
    qtbot.waitUntil(unlock.passphrase.isEnabled, timeout=WAIT_MS)
    qtbot.keyClicks(unlock.passphrase, secret)
    qtbot.mouseClick(unlock.unlock_button, Qt.MouseButton.LeftButton)


def _recovery_dialog(qtbot, controller: AppController) -> RecoveryPassphraseDialog:
    qtbot.waitUntil(lambda: controller.recovery_dialog is not None, timeout=WAIT_MS)
    dialog = controller.recovery_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _opens_with(vault_url: str, secret: str) -> bool:
    vault = Vault.open(vault_url, clock=fixed_clock)
    try:
        vault.unlock(secret).lock()
    except AuthenticationError:
        return False
    finally:
        vault.close()
    return True


@pytest.fixture
def controller(qtbot, worker, vault_url, existing_vault):
    app = AppController(vault_url, fixed_clock, worker, watch_ms=None)
    app.start()
    yield app
    if app.window is not None:
        app.window.close()
    app.shutdown()


def test_the_recovery_key_asks_for_a_new_passphrase_before_the_window(
    qtbot, worker, vault_url, existing_vault, controller: AppController
):
    _unlock_with(qtbot, worker, controller, existing_vault)
    dialog = _recovery_dialog(qtbot, controller)
    assert controller.window is None  # no journal on screen before the new passphrase is in force
    assert "recovery key" in dialog.findChild(QLabel, "paragraph").text()
    assert dialog.fields.passphrase.hasFocus()

    qtbot.keyClicks(dialog.fields.passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.fields.repeat, "something else entirely")
    qtbot.keyClick(dialog.fields.repeat, Qt.Key.Key_Return)
    assert "not the same" in dialog.message.text()
    assert "Strength:" in dialog.fields.strength_label.text()

    dialog.fields.repeat.clear()
    qtbot.keyClicks(dialog.fields.repeat, NEW_PASSPHRASE)
    with qtbot.waitSignal(controller.main_window_shown, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert controller.window is not None and controller.window.isVisible()
    qtbot.addWidget(controller.window)
    assert controller.recovery_dialog is None
    assert _opens_with(vault_url, NEW_PASSPHRASE)
    assert not _opens_with(vault_url, PASSPHRASE)
    worker.wait_idle()


def test_declining_keeps_the_old_passphrase_and_locks_the_journal_again(
    qtbot, worker, vault_url, existing_vault, controller: AppController
):
    _unlock_with(qtbot, worker, controller, existing_vault)
    dialog = _recovery_dialog(qtbot, controller)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert controller.window is None and controller.session is None
    unlock = controller.unlock_dialog
    assert unlock is not None and unlock.isVisible()  # asked again, as after locking
    assert _opens_with(vault_url, PASSPHRASE)

    _unlock_with(
        qtbot, worker, controller, PASSPHRASE
    )  # the passphrase still opens it, straight to the window
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    qtbot.addWidget(controller.window)
    assert controller.recovery_dialog is None
    worker.wait_idle()


def test_the_passphrase_leads_straight_to_the_window(qtbot, worker, controller: AppController):
    with qtbot.waitSignal(controller.main_window_shown, timeout=WAIT_MS):
        _unlock_with(qtbot, worker, controller, PASSPHRASE)
    qtbot.addWidget(controller.window)
    assert controller.recovery_dialog is None
    worker.wait_idle()
