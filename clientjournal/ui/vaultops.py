"""The service calls the vault dialogs make, run on the background worker.

The core modules (SQLAlchemy, cryptography, Argon2) are imported inside these functions, so they load on the
worker thread after the first window is on screen rather than before it.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from clientjournal.crypto.device import DeviceKeyStore
    from clientjournal.crypto.kdf import KdfParams
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Vault

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
DEMO_CLIENTS = 12
DEMO_ENTRIES_PER_CLIENT = 30


def demo_available() -> bool:
    return importlib.util.find_spec("clientjournal.demo") is not None


def device_store() -> DeviceKeyStore:
    from clientjournal.crypto.device import DeviceKeyStore

    return DeviceKeyStore()


class CreatedVault(NamedTuple):  # not a dataclass: importing dataclasses delays the first window
    session: VaultSession
    recovery_key: str
    problems: list[str]
    """Optional steps that did not work (remembering the device, demo data), for the user to read."""


def create_vault(
    url: str,
    passphrase: str,
    clock: Clock,
    *,
    kdf: KdfParams | None = None,
    remember: DeviceKeyStore | None = None,
    demo: bool = False,
) -> CreatedVault:
    from clientjournal.errors import ClientJournalError
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Vault

    vault, keys, recovery = Vault.create(url, passphrase, clock=clock, kdf=kdf)
    log.info("vault %s created", vault.vault_id)
    session = VaultSession(vault, keys)
    created = CreatedVault(session, recovery.display(), [])
    if remember is not None:
        try:
            vault.remember_device(keys, remember)
        except ClientJournalError as exc:
            log.warning("could not remember this device: %s", exc)
            created.problems.append(str(exc))
    if demo:
        try:
            from clientjournal.demo import generate_demo

            journals = generate_demo(DEMO_CLIENTS, DEMO_ENTRIES_PER_CLIENT, seed=20261127, now=clock())
            session.transfer.import_journals(journals, total=DEMO_CLIENTS)
        except (ImportError, ClientJournalError) as exc:
            log.warning("demo data not added: %s", exc)
            created.problems.append(str(exc))
    return created


def open_vault(url: str, clock: Clock) -> Vault:
    from clientjournal.services.vault import Vault

    return Vault.open(url, clock=clock)


def unlock(vault: Vault, secret: str) -> VaultSession:
    from clientjournal.services.session import VaultSession

    return VaultSession(vault, vault.unlock_with_secret(secret))


def unlock_with_device(vault: Vault, store: DeviceKeyStore) -> VaultSession | None:
    from clientjournal.services.session import VaultSession

    keys = vault.unlock_with_device(store)
    return VaultSession(vault, keys) if keys is not None else None
