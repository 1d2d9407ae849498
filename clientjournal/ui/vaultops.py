"""The service calls the vault dialogs make, run on the background worker.

The core modules (SQLAlchemy, cryptography, Argon2) are imported inside these functions, so they load on the
worker thread after the first window is on screen rather than before it.
"""

from __future__ import annotations

import importlib.util
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from clientjournal.services.access import CreatedVault, DeviceUnlock, KdfChoice, SecretUnlock, VaultPlace
    from clientjournal.services.devices import DeviceStore
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Clock, Vault
    from clientjournal.ui.operations import Operation, Operations

log = logging.getLogger(__name__)


def demo_available() -> bool:
    return importlib.util.find_spec("clientjournal.demo") is not None


def device_store() -> DeviceStore:
    from clientjournal.services.devices import default_device_store

    return default_device_store()


def device_store_problem(store: DeviceStore) -> str | None:
    """Why "remember on this device" cannot be offered, or None; a store that fails even to say is not offered."""
    try:
        problem = store.availability()
    except Exception as exc:  # a third-party secret store may raise anything
        log.warning("the secret store failed when asked whether it is available (%s)", type(exc).__name__)
        return QCoreApplication.translate("WelcomeDialog", "the secret store of this device does not answer")
    return problem if problem is None or isinstance(problem, str) else str(problem)


def create_vault(
    url: str,
    passphrase: str,
    clock: Clock,
    *,
    kdf: KdfChoice | None = None,
    remember: DeviceStore | None = None,
    demo: bool = False,
) -> CreatedVault:
    from clientjournal.services import access

    return access.create_vault(url, passphrase, clock=clock, kdf=kdf, remember=remember, demo=demo)


def open_vault(url: str, clock: Clock) -> Vault:
    from clientjournal.services import access

    return access.open_vault(url, clock=clock)


def unlock(vault: Vault, secret: str) -> VaultSession:
    from clientjournal.services import access

    return access.unlock(vault, secret)


def unlock_with_secret(vault: Vault, secret: str) -> SecretUnlock:
    """The session, and whether the recovery key (rather than the passphrase) opened it."""
    from clientjournal.services import access

    return access.unlock_with_secret(vault, secret)


def change_passphrase(session: VaultSession, current: str, new: str) -> None:
    """Raises AuthenticationError when ``current`` is neither the passphrase nor the recovery key."""
    from clientjournal.services import access

    access.change_passphrase(session, current, new)


def replace_lost_passphrase(session: VaultSession, new: str) -> None:
    """Right after the recovery key unlocked ``session``: the key is the proof, so no current passphrase."""
    session.change_passphrase(new)


def vault_place(session: VaultSession) -> VaultPlace:
    from clientjournal.services import access

    return access.vault_place(session.vault)


def unlock_with_device(vault: Vault, store: DeviceStore) -> DeviceUnlock:
    """Never raises: a failing secret store gives no session and the reason (then ask for the passphrase)."""
    from clientjournal.services import access

    return access.unlock_with_device(vault, store)


def forget_device(session: VaultSession, store: DeviceStore) -> bool:
    from clientjournal.services import access

    return access.forget_device(session, store)


def forget_this_device(ops: Operations) -> Operation[bool]:
    """The window's one way to forget this device (File menu and Preferences): the core's use case as an
    operation on the open session; True when the device had been remembered."""
    return ops.query(lambda session: forget_device(session, device_store()))
