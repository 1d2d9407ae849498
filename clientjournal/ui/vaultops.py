"""The service calls the vault dialogs make, run on the background worker.

The core modules (SQLAlchemy, cryptography, Argon2) are imported inside these functions, so they load on the
worker thread after the first window is on screen rather than before it.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientjournal.services.access import CreatedVault, KdfChoice
    from clientjournal.services.devices import DeviceStore
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Clock, Vault


def demo_available() -> bool:
    return importlib.util.find_spec("clientjournal.demo") is not None


def device_store() -> DeviceStore:
    from clientjournal.services.devices import default_device_store

    return default_device_store()


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


def unlock_with_device(vault: Vault, store: DeviceStore) -> VaultSession | None:
    from clientjournal.services import access

    return access.unlock_with_device(vault, store)


def forget_device(session: VaultSession, store: DeviceStore) -> bool:
    from clientjournal.services import access

    return access.forget_device(session, store)
