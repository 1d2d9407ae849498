"""What a front end (the window, the CLI) calls to get at a vault: create, open, unlock, remember or forget a device.

The front ends pass plain values (a database URL, a passphrase, a :class:`KdfChoice`) and a
:class:`~clientjournal.services.devices.DeviceStore`; the key material and the database engine stay in here.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from clientjournal.crypto.kdf import MIN_MEMORY_KIB, MIN_TIME_COST, KdfParams
from clientjournal.crypto.keychain import KeyChain
from clientjournal.crypto.keys import RecoveryKey
from clientjournal.errors import AuthenticationError, ClientJournalError, DeviceStoreError
from clientjournal.services.devices import DeviceStore
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault, check_new_passphrase
from clientjournal.storage.database import sqlite_path, translate_database_errors

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


class DeviceOutcome(NamedTuple):
    """What became of "remember on this device" when a vault was created."""

    done: bool
    """The device was remembered: it unlocks the vault without the passphrase from now on."""
    problem: str | None = None
    """Why not, for the user to read; None when it worked."""


class CreatedVault(NamedTuple):
    session: VaultSession
    recovery_key: str
    """Shown to the user once, now; it is not stored anywhere in clear."""
    problems: list[str]
    """Optional steps that did not work (demo data), for the user to read."""
    device: DeviceOutcome | None = None
    """What became of "remember on this device"; None when it was not asked for."""


class DeviceUnlock(NamedTuple):
    session: VaultSession | None
    """The unlocked vault, or None: ask for the passphrase."""
    problem: str | None = None
    """Why this device could not unlock the vault, for a calm note; None when it was simply not remembered."""


def _store_failure(exc: Exception) -> str:
    """A reason to show for a failure of the secret store: the core's own message, or a generic one.

    A third-party backend's message (a raw D-Bus or Windows error) is neither meant for the user nor known to
    be free of secrets, so only its type reaches the user and the log.
    """
    if isinstance(exc, ClientJournalError):
        return str(exc)
    return f"the secret store of this device failed ({type(exc).__name__})"


def _remember(vault: Vault, keys: KeyChain, store: DeviceStore) -> DeviceOutcome:
    """Remember this device, after the vault exists: whatever the secret store does, nothing is lost."""
    try:
        vault.remember_device(keys, store)
    except Exception as exc:  # any backend's failure; the vault and its recovery key must survive
        problem = _store_failure(exc)
        log.warning("could not remember this device: %s", problem)
        # Whatever the store may have kept opens nothing (no wrapped key was stored): take it out again.
        with contextlib.suppress(Exception):
            store.forget(vault.vault_id)
        return DeviceOutcome(False, problem)
    return DeviceOutcome(True)


def create_vault(
    url: str,
    passphrase: str,
    *,
    clock: Clock,
    kdf: KdfChoice | None = None,
    remember: DeviceStore | None = None,
    demo: bool = False,
) -> CreatedVault:
    """A new vault at ``url``, unlocked; optionally remembered on this device and filled with demo data.

    Once the vault exists this does not raise: remembering the device and adding demo data are separate steps
    whose failures are reported in the result, next to the recovery key, which is never lost.
    """
    vault, keys, recovery = Vault.create(url, passphrase, clock=clock, kdf=_kdf_params(kdf))
    log.info("vault %s created", vault.vault_id)
    session = VaultSession(vault, keys)
    device = _remember(vault, keys, remember) if remember is not None else None
    created = CreatedVault(session, recovery.display(), [], device)
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


class SecretUnlock(NamedTuple):
    session: VaultSession
    by_recovery_key: bool
    """The recovery key opened the vault: the passphrase is likely lost, so the user should choose a new one."""


def unlock_with_secret(vault: Vault, secret: str) -> SecretUnlock:
    """Like :func:`unlock`, and says whether it was the recovery key that opened the vault."""
    if RecoveryKey.looks_like(secret):
        try:
            return SecretUnlock(VaultSession(vault, vault.unlock_with_recovery_key(secret)), True)
        except AuthenticationError:
            pass  # a passphrase that happens to look like a recovery key
    return SecretUnlock(VaultSession(vault, vault.unlock(secret)), False)


def change_passphrase(session: VaultSession, current: str, new: str) -> None:
    """Choose a new passphrase, proving the current one (or the recovery key) first, so that someone at an
    unlocked window cannot lock its owner out. Raises AuthenticationError when ``current`` is wrong."""
    check_new_passphrase(new)  # before the slow key derivation
    proof = session.vault.unlock_with_secret(current)
    proof.lock()
    session.change_passphrase(new)


class VaultPlace(NamedTuple):
    file: Path | None
    """The SQLite file holding the vault; None for a vault on a server."""
    description: str
    """For the user to read: the file's path, or the server's address without its password."""


def vault_place(vault: Vault) -> VaultPlace:
    """Where the vault is kept."""
    file = sqlite_path(vault.engine.url)
    if file is not None:
        return VaultPlace(file, str(file))
    return VaultPlace(None, vault.engine.url.render_as_string(hide_password=True))


def unlock_with_device(vault: Vault, store: DeviceStore) -> DeviceUnlock:
    """Unlock without typing if this device was remembered. Never raises: whatever the secret store does (any
    exception, a value of the wrong type, a key that does not open the vault), the answer is "no session", with
    the reason when it is more than "not remembered", and the passphrase is asked for."""
    try:
        device_key = store.load(vault.vault_id)
        if device_key is None:
            return DeviceUnlock(None)
        if not isinstance(device_key, bytes) or not device_key:
            raise DeviceStoreError("the secret store returned something that is not a device key")
        keys = vault.unlock_with_device_key(device_key)
        if keys is None:
            raise DeviceStoreError(
                "the key this device keeps does not open this journal (it may have been forgotten)"
            )
    except Exception as exc:  # any backend's failure means "ask for the passphrase"
        problem = _store_failure(exc)
        log.warning("could not unlock with this device: %s", problem)
        return DeviceUnlock(None, problem)
    return DeviceUnlock(VaultSession(vault, keys))


def forget_device(session: VaultSession, store: DeviceStore) -> bool:
    """Stop this device unlocking the vault without the passphrase; False when it was not remembered.

    A secret store failing with a foreign exception type is reported as a :class:`DeviceStoreError`.
    """
    try:
        return session.vault.forget_device(store)
    except ClientJournalError:
        raise
    except Exception as exc:  # a third-party backend's own error: say what failed, in the core's terms
        raise DeviceStoreError(f"{_store_failure(exc)}; this device may still be remembered") from exc


__all__ = [
    "DEMO_CLIENTS",
    "CreatedVault",
    "DeviceOutcome",
    "DeviceUnlock",
    "KdfChoice",
    "SecretUnlock",
    "VaultPlace",
    "change_passphrase",
    "create_vault",
    "forget_device",
    "open_vault",
    "translate_database_errors",
    "unlock",
    "unlock_with_device",
    "unlock_with_secret",
    "vault_place",
]
