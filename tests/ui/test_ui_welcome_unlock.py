"""The welcome (vault creation) and unlock dialogs, driven through their widgets."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from support.constants import PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.crypto.device import DeviceKeyStore
from clientjournal.crypto.keys import RecoveryKey
from clientjournal.services.access import DEMO_CLIENTS, KdfChoice
from clientjournal.services.vault import Vault
from clientjournal.ui import vaultops
from clientjournal.ui.strength import estimate_bits, strength_level
from clientjournal.ui.unlock import UnlockDialog
from clientjournal.ui.welcome import WelcomeDialog


def _welcome(qtbot, worker, url, **kwargs) -> WelcomeDialog:
    dialog = WelcomeDialog(
        worker, url, fixed_clock, kdf=KdfChoice.fastest(), device_store=DeviceKeyStore(), **kwargs
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_strength_estimate_orders_passphrases():
    assert estimate_bits("") == 0
    assert strength_level(estimate_bits("aaaaaaaa")) == 0
    assert strength_level(estimate_bits("password1")) <= 1
    assert strength_level(estimate_bits("correct horse battery staple")) >= 3
    assert estimate_bits("Tr0ub4dor&3") > estimate_bits("troubador")


def test_welcome_refuses_short_and_mismatched_passphrases(qtbot, worker, vault_url):
    dialog = _welcome(qtbot, worker, vault_url)
    qtbot.keyClicks(dialog.passphrase, "short")
    assert "Too short" in dialog.strength_label.text()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.message.isVisible()
    assert "too short" in dialog.message.text()
    assert not worker.busy

    dialog.passphrase.setText(PASSPHRASE)
    assert "Strength:" in dialog.strength_label.text()
    qtbot.keyClicks(dialog.repeat, PASSPHRASE + "x")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "not the same" in dialog.message.text()
    assert not worker.busy
    assert dialog.pages.currentIndex() == 0


def test_welcome_creates_the_vault_and_shows_the_recovery_key_once(
    qtbot, worker, vault_url, tmp_path, in_memory_keyring
):
    saved = tmp_path / "recovery.txt"
    dialog = _welcome(qtbot, worker, vault_url, ask_save_path=lambda _parent: str(saved))
    assert dialog.remember.isVisibleTo(dialog)
    assert not dialog.remember_unavailable.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, PASSPHRASE)
    dialog.remember.setChecked(True)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.busy.isVisible()
    assert not dialog.passphrase.isEnabled()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=WAIT_MS)

    key = dialog.recovery_field.text().replace("\n", "")
    RecoveryKey.parse(key)  # a well-formed recovery key
    assert dialog.session is not None
    assert dialog.passphrase.text() == ""

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == key
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert key in saved.read_text(encoding="utf-8")
    if sys.platform != "win32":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # the key opens the whole journal

    assert not dialog.continue_button.isEnabled()
    dialog.reject()  # Escape must not lose the only sight of the recovery key
    assert dialog.isVisible()
    dialog.stored.setChecked(True)
    assert dialog.continue_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.recovery_field.text() == ""

    session = dialog.session
    assert in_memory_keyring.passwords  # the device key went to the secret store
    assert session.journal.list_clients() == []
    vault = session.vault
    session.lock()
    assert vault.unlock_with_device(DeviceKeyStore()) is not None
    assert vault.unlock_with_secret(key) is not None
    session.close()


def test_welcome_explains_when_no_secret_store_exists(qtbot, worker, vault_url, no_keyring):
    dialog = _welcome(qtbot, worker, vault_url)
    assert not dialog.remember.isVisibleTo(dialog)
    assert dialog.remember_unavailable.isVisibleTo(dialog)
    assert "not available" in dialog.remember_unavailable.text()


def test_welcome_can_add_demo_data(qtbot, worker, vault_url):
    if not vaultops.demo_available():
        return
    dialog = _welcome(qtbot, worker, vault_url)
    assert dialog.demo.isVisibleTo(dialog)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    dialog.demo.setChecked(True)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=WAIT_MS * 2)
    assert len(dialog.session.journal.list_clients()) == DEMO_CLIENTS
    dialog.session.close()


def _unlock_dialog(qtbot, worker, url, **kwargs) -> UnlockDialog:
    dialog = UnlockDialog(worker, lambda: vaultops.open_vault(url, fixed_clock), **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    return dialog


def test_unlock_rejects_a_wrong_passphrase_then_accepts_the_right_one(
    qtbot, worker, vault_url, existing_vault
):
    dialog = _unlock_dialog(qtbot, worker, vault_url)
    assert dialog.vault is not None
    assert dialog.passphrase.isEnabled()

    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.busy.isVisible()
    qtbot.waitUntil(dialog.message.isVisible, timeout=WAIT_MS)
    assert "not right" in dialog.message.text()
    assert dialog.isVisible()
    assert dialog.session is None

    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.session is not None
    assert dialog.passphrase.text() == ""
    dialog.session.close()


def test_unlock_accepts_the_recovery_key(qtbot, worker, vault_url, existing_vault):
    dialog = _unlock_dialog(qtbot, worker, vault_url)
    dialog.passphrase.setText(existing_vault.lower())
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    dialog.session.close()


def test_a_remembered_device_unlocks_without_typing(qtbot, worker, vault_url, existing_vault):
    vault = Vault.open(vault_url, clock=fixed_clock)
    vault.remember_device(vault.unlock(PASSPHRASE), DeviceKeyStore())
    vault.close()
    dialog = UnlockDialog(
        worker, lambda: vaultops.open_vault(vault_url, fixed_clock), device_store=DeviceKeyStore
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.show()
    assert dialog.session is not None
    dialog.session.close()


def test_unlock_reports_a_missing_vault(qtbot, worker, vault_url):
    Path(vault_url.removeprefix("sqlite:///")).touch()  # an empty database: no vault in it
    dialog = UnlockDialog(worker, lambda: vaultops.open_vault(vault_url, fixed_clock))
    qtbot.addWidget(dialog)
    # What the controller reads when the dialog finishes: offer to create a vault instead.
    with qtbot.waitSignal(dialog.rejected, timeout=WAIT_MS):
        dialog.show()
    assert dialog.missing
