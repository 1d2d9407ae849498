"""Creating, opening and unlocking vaults on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import text
from support.constants import PASSPHRASE, fixed_clock

from clientjournal.crypto.device import DeviceKeyStore
from clientjournal.crypto.kdf import KdfParams
from clientjournal.crypto.keys import RecoveryKey
from clientjournal.errors import (
    AuthenticationError,
    DeviceStoreError,
    UnsupportedVaultError,
    ValidationError,
    VaultExistsError,
    VaultNotFoundError,
)
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault


def reopen(vault: Vault) -> Vault:
    return Vault.open(vault.engine.url.render_as_string(hide_password=False), clock=fixed_clock)


def test_the_passphrase_unlocks_the_same_vault_key(
    created: tuple[Vault, VaultSession, RecoveryKey],
) -> None:
    vault, session, _ = created
    again = reopen(vault)
    try:
        assert again.unlock(PASSPHRASE).vault_key == session.keys.vault_key
    finally:
        again.close()


def test_a_wrong_passphrase_is_refused(created: tuple[Vault, VaultSession, RecoveryKey]) -> None:
    with pytest.raises(AuthenticationError, match="wrong passphrase"):
        created[0].unlock("correct horse battery stapler")


def test_the_recovery_key_unlocks_and_resets_the_passphrase(
    created: tuple[Vault, VaultSession, RecoveryKey],
) -> None:
    vault, session, recovery = created
    keys = vault.unlock_with_secret(recovery.display().lower())
    assert keys.vault_key == session.keys.vault_key
    vault.change_passphrase(keys, "a brand new passphrase")
    again = reopen(vault)
    try:
        assert again.unlock("a brand new passphrase").vault_key == session.keys.vault_key
        with pytest.raises(AuthenticationError):
            again.unlock(PASSPHRASE)
        # The recovery key keeps working after a passphrase change.
        assert again.unlock_with_recovery_key(recovery.display()).vault_key == session.keys.vault_key
    finally:
        again.close()


def test_another_vaults_recovery_key_is_refused(
    created: tuple[Vault, VaultSession, RecoveryKey],
) -> None:
    with pytest.raises(AuthenticationError, match="wrong recovery key"):
        created[0].unlock_with_recovery_key(RecoveryKey.generate().display())


def test_changing_the_passphrase_rewraps_one_key_and_no_data(
    created: tuple[Vault, VaultSession, RecoveryKey],
) -> None:
    from datetime import datetime

    from clientjournal.domain import Client, Entry, EntryKind

    vault, session, _ = created
    session.journal.save_client(Client(id="c1", name="Kari"))
    session.journal.save_entry(
        Entry(
            id="e1",
            client_id="c1",
            occurred_at=datetime(2026, 1, 1, tzinfo=UTC),
            kind=EntryKind.NOTE,
        )
    )
    with vault.engine.connect() as connection:
        before = connection.execute(text("SELECT payload FROM entries")).scalar()
        client_key_before = connection.execute(text("SELECT wrapped_key FROM clients")).scalar()
    session.change_passphrase("another good passphrase")
    with vault.engine.connect() as connection:
        assert connection.execute(text("SELECT payload FROM entries")).scalar() == before
        assert connection.execute(text("SELECT wrapped_key FROM clients")).scalar() == client_key_before


def test_short_passphrases_are_refused(database_url: str) -> None:
    with pytest.raises(ValidationError, match="at least 8"):
        Vault.create(database_url, "short", clock=fixed_clock, kdf=KdfParams.minimum())


def test_creating_over_an_existing_vault_is_refused(
    created: tuple[Vault, VaultSession, RecoveryKey],
) -> None:
    url = created[0].engine.url.render_as_string(hide_password=False)
    with pytest.raises(VaultExistsError):
        Vault.create(url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())


def test_opening_an_empty_database_says_there_is_no_vault(database_url: str) -> None:
    with pytest.raises(VaultNotFoundError, match="no vault"):
        Vault.open(database_url, clock=fixed_clock)


def test_weakened_kdf_parameters_no_longer_unlock(
    created: tuple[Vault, VaultSession, RecoveryKey],
) -> None:
    vault = created[0]
    weaker = KdfParams(65536, 3, 1, vault.info.kdf.salt)
    with vault.engine.begin() as connection:
        connection.execute(text("UPDATE vault_meta SET kdf_params = :p"), {"p": weaker.to_json()})
    again = reopen(vault)
    try:
        with pytest.raises(AuthenticationError):
            again.unlock(PASSPHRASE)
    finally:
        again.close()


def test_absurd_kdf_parameters_refuse_to_open(
    created: tuple[Vault, VaultSession, RecoveryKey],
) -> None:
    vault = created[0]
    absurd = KdfParams(65536, 3, 4, vault.info.kdf.salt).to_json().replace("65536", "1")
    with vault.engine.begin() as connection:
        connection.execute(text("UPDATE vault_meta SET kdf_params = :p"), {"p": absurd})
    with pytest.raises(UnsupportedVaultError):
        reopen(vault)


def test_a_vault_from_a_newer_version_is_refused(
    created: tuple[Vault, VaultSession, RecoveryKey],
) -> None:
    vault = created[0]
    with vault.engine.begin() as connection:
        connection.execute(text("UPDATE vault_meta SET format_version = 99"))
    with pytest.raises(UnsupportedVaultError, match="newer version"):
        reopen(vault)


def test_a_remembered_device_unlocks_without_the_passphrase(
    created: tuple[Vault, VaultSession, RecoveryKey],
) -> None:
    vault, session, _ = created
    store = DeviceKeyStore()
    assert vault.unlock_with_device(store) is None
    vault.remember_device(session.keys, store)
    keys = reopen(vault).unlock_with_device(store)
    assert keys is not None and keys.vault_key == session.keys.vault_key
    vault.forget_device(store)
    assert vault.unlock_with_device(store) is None


def test_without_a_secret_store_remembering_fails_clearly(
    created: tuple[Vault, VaultSession, RecoveryKey], no_keyring: object
) -> None:
    vault, session, _ = created
    store = DeviceKeyStore()
    assert "no secure secret store" in (store.availability() or "")
    with pytest.raises(DeviceStoreError):
        vault.remember_device(session.keys, store)
    assert vault.unlock_with_device(store) is None
