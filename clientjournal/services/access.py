"""What a front end (the window, the CLI) calls to get at a vault: create, open, unlock, remember or forget a device.

The front ends pass plain values (a database URL, a passphrase, a :class:`KdfChoice`) and a
:class:`~clientjournal.services.devices.DeviceStore`; the key material and the database engine stay in here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from clientjournal.crypto.kdf import MIN_MEMORY_KIB, MIN_TIME_COST, KdfParams
from clientjournal.errors import ClientJournalError
from clientjournal.services.devices import DeviceStore
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import translate_database_errors

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
DEMO_CLIENTS = 12
DEMO_ENTRIES_PER_CLIENT = 30
DEMO_SEED = 20261127


@dataclass(frozen=True, slots=True)
class KdfChoice:
    """How costly each guess at the passphrase is made: Argon2id memory (MiB) and passes.

    A value left out takes the weakest accepted one; with both left out the cost is tuned to this machine.
    """

    memory_mib: int | None = None
    passes: int | None = None

    @classmethod
    def fastest(cls) -> KdfChoice:
        """The weakest setting a vault accepts (64 MiB, 3 passes): for tests, demos and benchmarks."""
        return cls(MIN_MEMORY_KIB // 1024, MIN_TIME_COST)

    @property
    def tuned(self) -> bool:
        return self.memory_mib is None and self.passes is None


def _kdf_params(choice: KdfChoice | None) -> KdfParams | None:
    """The parameters for ``choice``; None means "tune here" (done by :meth:`Vault.create`)."""
    if choice is None or choice.tuned:
        return None
    base = KdfParams.minimum()
    return KdfParams(
        (choice.memory_mib or MIN_MEMORY_KIB // 1024) * 1024,
        choice.passes or base.time_cost,
        base.parallelism,
        base.salt,
    )


class CreatedVault(NamedTuple):
    session: VaultSession
    recovery_key: str
    """Shown to the user once, now; it is not stored anywhere in clear."""
    problems: list[str]
    """Optional steps that did not work (remembering the device, demo data), for the user to read."""


def create_vault(
    url: str,
    passphrase: str,
    *,
    clock: Clock,
    kdf: KdfChoice | None = None,
    remember: DeviceStore | None = None,
    demo: bool = False,
) -> CreatedVault:
    """A new vault at ``url``, unlocked; optionally remembered on this device and filled with demo data."""
    vault, keys, recovery = Vault.create(url, passphrase, clock=clock, kdf=_kdf_params(kdf))
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

            journals = generate_demo(DEMO_CLIENTS, DEMO_ENTRIES_PER_CLIENT, seed=DEMO_SEED, now=clock())
            session.transfer.import_journals(journals, total=DEMO_CLIENTS)
        except (ImportError, ClientJournalError) as exc:
            log.warning("demo data not added: %s", exc)
            created.problems.append(str(exc))
    return created


def open_vault(url: str, *, clock: Clock) -> Vault:
    """The vault at ``url``, still locked. Raises VaultNotFoundError when there is none."""
    return Vault.open(url, clock=clock)


def unlock(vault: Vault, secret: str) -> VaultSession:
    """Unlock with the passphrase or the recovery key, whichever ``secret`` is."""
    return VaultSession(vault, vault.unlock_with_secret(secret))


def unlock_with_device(vault: Vault, store: DeviceStore) -> VaultSession | None:
    """Unlock without typing if this device was remembered; None when it was not."""
    keys = vault.unlock_with_device(store)
    return VaultSession(vault, keys) if keys is not None else None


def forget_device(session: VaultSession, store: DeviceStore) -> bool:
    """Stop this device unlocking the vault without the passphrase; False when it was not remembered."""
    return session.vault.forget_device(store)


__all__ = [
    "DEMO_CLIENTS",
    "CreatedVault",
    "KdfChoice",
    "create_vault",
    "forget_device",
    "open_vault",
    "translate_database_errors",
    "unlock",
    "unlock_with_device",
]
