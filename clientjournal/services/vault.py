"""Creating, opening and unlocking a vault, and the secrets that unlock it.

A :class:`Vault` is an opened database whose keys are still locked. Unlocking (passphrase, recovery key or a
remembered device) gives a :class:`~clientjournal.crypto.keychain.KeyChain`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, insert, inspect, select, update
from sqlalchemy.exc import DBAPIError

from clientjournal.crypto.aead import RecordRef
from clientjournal.crypto.kdf import SALT_SIZE, KdfParams, derive_key, tune_kdf
from clientjournal.crypto.keychain import KeyChain
from clientjournal.crypto.keys import RecoveryKey, expand_key, generate_key, unwrap_key, wrap_key
from clientjournal.errors import (
    AuthenticationError,
    DeviceStoreError,
    IntegrityError,
    UnsupportedVaultError,
    ValidationError,
    VaultExistsError,
    VaultNotFoundError,
)
from clientjournal.services.devices import DeviceStore
from clientjournal.services.recovery_seal import seal_recovery_digest
from clientjournal.storage.database import create_vault_engine, translate_database_errors
from clientjournal.storage.migrate import upgrade_to_head
from clientjournal.storage.records import to_epoch_us
from clientjournal.storage.schema import device_unlocks, vault_meta

FORMAT_VERSION = 1
MIN_PASSPHRASE_LENGTH = 8
Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class VaultInfo:
    vault_id: str
    kdf: KdfParams
    wrapped_key_passphrase: bytes
    wrapped_key_recovery: bytes


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError(f"the passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters")


def _passphrase_ref(vault_id: str, kdf: KdfParams) -> RecordRef:
    # The KDF parameters are part of the associated data: a file whose parameters were weakened no longer unlocks.
    return RecordRef(vault_id, "vault_meta", "1", "vault_key/passphrase/" + kdf.to_json())


def _recovery_ref(vault_id: str) -> RecordRef:
    return RecordRef(vault_id, "vault_meta", "1", "vault_key/recovery")


def _device_ref(vault_id: str, device_id: str) -> RecordRef:
    return RecordRef(vault_id, "device_unlocks", device_id, "vault_key/device")


class Vault:
    """An opened vault database. Creating one is :meth:`create`; opening an existing one is :meth:`open`."""

    def __init__(self, engine: Engine, info: VaultInfo, clock: Clock) -> None:
        self.engine = engine
        self.info = info
        self.clock = clock

    @property
    def vault_id(self) -> str:
        return self.info.vault_id

    # ---- life cycle ----------------------------------------------------------------------------------------------

    @classmethod
    def exists(cls, engine: Engine) -> bool:
        if not inspect(engine).has_table("vault_meta"):
            return False
        with engine.connect() as connection:
            return connection.execute(select(vault_meta.c.id)).first() is not None

    @classmethod
    def create(
        cls,
        url: str,
        passphrase: str,
        *,
        clock: Clock,
        kdf: KdfParams | None = None,
    ) -> tuple[Vault, KeyChain, RecoveryKey]:
        check_new_passphrase(passphrase)
        engine = create_vault_engine(url)
        if cls.exists(engine):
            engine.dispose()
            raise VaultExistsError("a vault already exists there")
        with cls._unless_created_meanwhile(engine):
            try:
                upgrade_to_head(engine)
            except DBAPIError:  # another `init` built the same tables at this moment (PostgreSQL)
                upgrade_to_head(engine)  # nothing left to do once its schema is committed
        params = (kdf or tune_kdf()).validate()
        vault_id = str(uuid.uuid4())
        vault_key = generate_key()
        recovery = RecoveryKey.generate()
        info = VaultInfo(
            vault_id=vault_id,
            kdf=params,
            wrapped_key_passphrase=wrap_key(
                derive_key(passphrase, params), vault_key, _passphrase_ref(vault_id, params)
            ),
            wrapped_key_recovery=wrap_key(
                expand_key(recovery.secret, "recovery", vault_id),
                vault_key,
                _recovery_ref(vault_id),
            ),
        )
        now_us = to_epoch_us(clock())
        with cls._unless_created_meanwhile(engine), engine.begin() as connection:
            connection.execute(
                insert(vault_meta).values(
                    id=1,
                    vault_id=vault_id,
                    format_version=FORMAT_VERSION,
                    kdf_params=params.to_json(),
                    wrapped_key_passphrase=info.wrapped_key_passphrase,
                    wrapped_key_recovery=info.wrapped_key_recovery,
                    created_at_us=now_us,
                    passphrase_changed_at_us=now_us,
                )
            )
            keys = KeyChain(vault_id, vault_key)
            seal_recovery_digest(connection, keys, info.wrapped_key_recovery)  # lets `check` verify it
        return cls(engine, info, clock), keys, recovery

    @classmethod
    @contextmanager
    def _unless_created_meanwhile(cls, engine: Engine) -> Iterator[None]:
        """A database error while creating, when another program created a vault there meanwhile (two ``init``
        at once on one PostgreSQL database): the loser of that race reports the vault that now exists."""
        try:
            yield
        except DBAPIError as error:
            try:
                created_meanwhile = cls.exists(engine)
            except DBAPIError:
                created_meanwhile = False
            if not created_meanwhile:
                raise
            engine.dispose()
            message = "a vault already exists there (another program created it just now)"
            raise VaultExistsError(message) from error

    @classmethod
    def open(cls, url: str, *, clock: Clock) -> Vault:
        engine = create_vault_engine(url)
        try:
            with translate_database_errors():
                return cls._open(engine, clock)
        except BaseException:
            engine.dispose()
            raise

    @classmethod
    def _open(cls, engine: Engine, clock: Clock) -> Vault:
        if not cls.exists(engine):
            raise VaultNotFoundError(
                "no vault found; create one with 'clientjournal-cli init' or start the app"
            )
        upgrade_to_head(engine)
        with engine.connect() as connection:
            rows = connection.execute(select(vault_meta)).all()
        if len(rows) != 1:
            raise IntegrityError(
                f"the vault's metadata is damaged: {len(rows)} vault_meta rows instead of one"
            )
        row = rows[0]
        if not (
            isinstance(row.format_version, int)
            and isinstance(row.vault_id, str)
            and isinstance(row.kdf_params, str)
            and isinstance(row.wrapped_key_passphrase, bytes)
            and isinstance(row.wrapped_key_recovery, bytes)
        ):
            raise IntegrityError("the vault's metadata is damaged: a vault_meta value has the wrong type")
        if row.format_version > FORMAT_VERSION:
            raise UnsupportedVaultError(
                "this vault was written by a newer version of ClientJournal; please update the app"
            )
        info = VaultInfo(
            vault_id=row.vault_id,
            kdf=KdfParams.from_json(row.kdf_params),
            wrapped_key_passphrase=row.wrapped_key_passphrase,
            wrapped_key_recovery=row.wrapped_key_recovery,
        )
        return cls(engine, info, clock)

    def close(self) -> None:
        self.engine.dispose()

    # ---- unlocking -----------------------------------------------------------------------------------------------

    def unlock(self, passphrase: str) -> KeyChain:
        key = derive_key(passphrase, self.info.kdf)
        try:
            vault_key = unwrap_key(
                key, self.info.wrapped_key_passphrase, _passphrase_ref(self.vault_id, self.info.kdf)
            )
        except AuthenticationError:
            raise AuthenticationError("wrong passphrase") from None
        return KeyChain(self.vault_id, vault_key)

    def unlock_with_recovery_key(self, text: str) -> KeyChain:
        recovery = RecoveryKey.parse(text)
        try:
            vault_key = unwrap_key(
                expand_key(recovery.secret, "recovery", self.vault_id),
                self.info.wrapped_key_recovery,
                _recovery_ref(self.vault_id),
            )
        except AuthenticationError:
            raise AuthenticationError("wrong recovery key") from None
        return KeyChain(self.vault_id, vault_key)

    def unlock_with_secret(self, secret: str) -> KeyChain:
        """Passphrase or recovery key, whichever the text looks like."""
        if RecoveryKey.looks_like(secret):
            try:
                return self.unlock_with_recovery_key(secret)
            except AuthenticationError:
                pass
        return self.unlock(secret)

    def change_passphrase(self, keys: KeyChain, new_passphrase: str) -> None:
        """Re-wrap the vault key under a new passphrase (and fresh KDF salt); no data is re-encrypted."""
        check_new_passphrase(new_passphrase)
        old = self.info.kdf
        params = KdfParams(old.memory_kib, old.time_cost, old.parallelism, os.urandom(SALT_SIZE))
        wrapped = wrap_key(
            derive_key(new_passphrase, params),
            keys.vault_key,
            _passphrase_ref(self.vault_id, params),
        )
        with self.engine.begin() as connection:
            connection.execute(
                update(vault_meta)
                .where(vault_meta.c.id == 1)
                .values(
                    kdf_params=params.to_json(),
                    wrapped_key_passphrase=wrapped,
                    passphrase_changed_at_us=to_epoch_us(self.clock()),
                )
            )
        self.info = VaultInfo(self.vault_id, params, wrapped, self.info.wrapped_key_recovery)

    # ---- remembered devices --------------------------------------------------------------------------------------

    def remember_device(self, keys: KeyChain, store: DeviceStore) -> None:
        """Let this device unlock without typing, by a random key kept in the OS secret store."""
        device_key = store.create(self.vault_id)
        device_id = str(uuid.uuid5(uuid.NAMESPACE_OID, device_key.hex()))
        wrapped = wrap_key(
            expand_key(device_key, "device", self.vault_id),
            keys.vault_key,
            _device_ref(self.vault_id, device_id),
        )
        with self.engine.begin() as connection:
            connection.execute(
                insert(device_unlocks).values(
                    device_id=device_id,
                    wrapped_key=wrapped,
                    created_at_us=to_epoch_us(self.clock()),
                )
            )

    def unlock_with_device(self, store: DeviceStore) -> KeyChain | None:
        """The keys, if this device was remembered; None when it was not (or the store is unavailable)."""
        device_key = store.load(self.vault_id)
        return None if device_key is None else self.unlock_with_device_key(device_key)

    def unlock_with_device_key(self, device_key: bytes) -> KeyChain | None:
        """The keys, if ``device_key`` (as a device store keeps it) was remembered for this vault; else None."""
        device_id = str(uuid.uuid5(uuid.NAMESPACE_OID, device_key.hex()))
        with self.engine.connect() as connection:
            wrapped = connection.execute(
                select(device_unlocks.c.wrapped_key).where(device_unlocks.c.device_id == device_id)
            ).scalar()
        if wrapped is None:
            return None
        try:
            vault_key = unwrap_key(
                expand_key(device_key, "device", self.vault_id),
                wrapped,
                _device_ref(self.vault_id, device_id),
            )
        except AuthenticationError:
            return None
        return KeyChain(self.vault_id, vault_key)

    def forget_device(self, store: DeviceStore) -> bool:
        """Drop this device's key from the store and from the vault; False when the device was not remembered."""
        device_key = store.load(self.vault_id)
        if device_key is not None:
            device_id = str(uuid.uuid5(uuid.NAMESPACE_OID, device_key.hex()))
            with self.engine.begin() as connection:
                connection.execute(delete(device_unlocks).where(device_unlocks.c.device_id == device_id))
        store.forget(self.vault_id)
        return device_key is not None


__all__ = ["DeviceStoreError", "Vault", "VaultInfo", "check_new_passphrase"]
