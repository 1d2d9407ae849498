"""Unlocking an existing vault: passphrase or recovery key, or a remembered device without typing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clientjournal.ui import vaultops
from clientjournal.ui.errors import describe_error
from clientjournal.ui.on_screen import when_on_screen
from clientjournal.ui.widgets import BusyBar, MessageLabel, heading, paragraph
from clientjournal.ui.worker import BackgroundWorker

if TYPE_CHECKING:
    from clientjournal.services.access import DeviceUnlock, SecretUnlock
    from clientjournal.services.devices import DeviceStore
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Vault

log = logging.getLogger(__name__)


def _button(text: str, parent: QWidget) -> QPushButton:
    """A push button; given (text, parent) at once, PySide6 weighs the (icon, text, parent) overload too, which
    builds QIcon's Python type (~1.5 ms) on the way to the first window."""
    button = QPushButton(parent)
    button.setText(text)
    return button


class UnlockDialog(QDialog):
    """Opens the vault (in the background) and unlocks it. When accepted, :attr:`session` is unlocked."""

    def __init__(
        self,
        worker: BackgroundWorker,
        open_vault: Callable[[], Vault],
        *,
        device_store: Callable[[], DeviceStore | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._open_vault = open_vault
        self._device_store = device_store
        self.vault: Vault | None = None
        self.session: VaultSession | None = None
        self.by_recovery_key = False
        """Set when the recovery key unlocked the vault: a new passphrase must be chosen before the window."""
        self.missing = False
        """Set when the database holds no vault (the dialog is then rejected): offer to create one."""
        self.setWindowTitle(self.tr("Unlock — ClientJournal"))
        self.setObjectName("unlockDialog")
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Unlock your journal"), self))
        layout.addWidget(
            paragraph(self.tr("Enter your passphrase, or your recovery key if you have lost it."), self)
        )
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase or recovery key"))
        self.passphrase.setAccessibleName(self.tr("Passphrase or recovery key"))
        self.passphrase.returnPressed.connect(self.unlock)
        self.message = MessageLabel(self)
        self.passphrase.textEdited.connect(lambda _text: self.message.clear_message())
        layout.addWidget(self.passphrase)
        layout.addWidget(self.message)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("hint")
        layout.addWidget(self.busy_label)
        self.busy = BusyBar(self)
        layout.addWidget(self.busy)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.quit_button = _button(self.tr("&Quit"), self)
        self.quit_button.clicked.connect(self.reject)
        self.unlock_button = _button(self.tr("&Unlock"), self)
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        layout.addLayout(buttons)

        self._set_busy(True, self.tr("Opening your journal…"))
        # Opening imports the core on the worker thread, which would compete with showing this dialog.
        self._worker.run(when_on_screen(self, self._open_job), self._opened, self._open_failed)

    # ---- opening -------------------------------------------------------------------------------------------------

    def _open_job(self) -> tuple[Vault, DeviceUnlock | None]:
        vault = self._open_vault()
        return vault, self._device_unlock(vault)

    def _device_unlock(self, vault: Vault) -> DeviceUnlock | None:
        """Try this device's key; whatever the secret store does, the passphrase stays the way in."""
        if self._device_store is None:
            return None
        try:
            store = self._device_store()
            return vaultops.unlock_with_device(vault, store) if store is not None else None
        except Exception as exc:  # the core does not raise here; a stand-in store might
            log.warning("could not unlock with this device (%s)", type(exc).__name__)
            return None

    def _opened(self, result: tuple[Vault, DeviceUnlock | None]) -> None:
        self.vault, device = result
        self._set_busy(False)
        if device is not None and device.session is not None:
            self.session = device.session
            self.accept()
            return
        if device is not None and device.problem is not None:
            self.message.show_info(
                self.tr(
                    "This device could not unlock your journal: %1. Enter your passphrase instead."
                ).replace("%1", device.problem)
            )
        self.passphrase.setFocus()

    def _open_failed(self, exc: BaseException) -> None:
        from clientjournal.errors import VaultNotFoundError

        self._set_busy(False)
        if isinstance(exc, VaultNotFoundError):
            self.missing = True  # the caller should offer to create a vault
            super().reject()
            return
        self.unlock_button.setEnabled(False)
        self.passphrase.setEnabled(False)
        self.message.show_error(describe_error(exc))

    # ---- unlocking -----------------------------------------------------------------------------------------------

    def unlock(self) -> None:
        secret = self.passphrase.text()
        if self.vault is None or self._worker.busy:
            return
        if not secret.strip():
            self.message.show_error(self.tr("Type your passphrase first."))
            return
        vault = self.vault
        self.message.clear_message()
        self._set_busy(True, self.tr("Unlocking…"))
        self._worker.run(
            lambda: vaultops.unlock_with_secret(vault, secret), self._unlocked, self._unlock_failed
        )

    def _unlocked(self, unlocked: SecretUnlock) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self.session = unlocked.session
        self.by_recovery_key = unlocked.by_recovery_key
        self.accept()

    def _unlock_failed(self, exc: BaseException) -> None:
        from clientjournal.errors import AuthenticationError

        self._set_busy(False)
        if isinstance(exc, AuthenticationError):
            self.message.show_error(
                self.tr("That passphrase or recovery key is not right. Check it and try again.")
            )
        else:
            self.message.show_error(describe_error(exc))
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)

    def reject(self) -> None:
        if self._worker.busy:
            return
        super().reject()
