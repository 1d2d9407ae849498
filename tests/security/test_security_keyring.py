"""'Remember on this device': only a random device key goes to the OS secret store, and unsafe stores are refused."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from support.keyring_backend import InMemoryKeyring

from clientjournal.crypto.device import SERVICE, DeviceKeyStore
from clientjournal.crypto.kdf import KdfParams
from clientjournal.errors import DeviceStoreError
from clientjournal.services.devices import device_store_problem
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def vault_and_keys(tmp_path: Path) -> Iterator[tuple[Vault, object]]:
    vault, keys, _ = Vault.create(
        sqlite_url(tmp_path / "vault.sqlite3"),
        PASSPHRASE,
        clock=lambda: datetime.now(UTC),
        kdf=KdfParams.minimum(),
    )
    try:
        yield vault, keys
    finally:
        vault.close()


class DroppingKeyring(InMemoryKeyring):
    """Claims to be a good store but silently forgets what it is given."""

    priority = 5

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        return None

    def delete_password(self, service: str, username: str) -> None:
        return None


class ManglingKeyring(InMemoryKeyring):
    """Keeps something, but not what it was given."""

    def set_password(self, service: str, username: str, password: str) -> None:
        super().set_password(service, username, password[::-1])


class RefusingKeyring(InMemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")


def test_remember_device_then_unlock_with_device(vault_and_keys, in_memory_keyring: InMemoryKeyring) -> None:  # type: ignore[no-untyped-def]
    vault, keys = vault_and_keys
    store = DeviceKeyStore()
    assert store.availability() is None
    assert vault.unlock_with_device(store) is None  # not remembered yet
    vault.remember_device(keys, store)

    stored = in_memory_keyring.passwords[(SERVICE, vault.vault_id)]
    device_key = base64.b64decode(stored)
    assert len(device_key) == 32
    # Only a random device key is there: not the passphrase, not the vault key.
    assert PASSPHRASE not in stored and device_key != keys.vault_key
    assert list(in_memory_keyring.passwords) == [(SERVICE, vault.vault_id)]

    reopened = Vault.open(
        vault.engine.url.render_as_string(hide_password=False), clock=lambda: datetime.now(UTC)
    )
    try:
        unlocked = reopened.unlock_with_device(DeviceKeyStore())
        assert unlocked is not None and unlocked.vault_key == keys.vault_key
        # A different device key (e.g. another vault's entry tampered in) does not unlock.
        in_memory_keyring.passwords[(SERVICE, vault.vault_id)] = base64.b64encode(bytes(32)).decode()
        assert reopened.unlock_with_device(DeviceKeyStore()) is None
        in_memory_keyring.passwords[(SERVICE, vault.vault_id)] = "not base64 !!"
        assert reopened.unlock_with_device(DeviceKeyStore()) is None
        in_memory_keyring.passwords[(SERVICE, vault.vault_id)] = stored
        assert reopened.unlock_with_device(DeviceKeyStore()) is not None

        reopened.forget_device(DeviceKeyStore())
        assert (SERVICE, vault.vault_id) not in in_memory_keyring.passwords
        assert reopened.unlock_with_device(DeviceKeyStore()) is None
        # Putting the old device key back does not help: its wrapped vault key is gone from the vault.
        in_memory_keyring.passwords[(SERVICE, vault.vault_id)] = stored
        assert reopened.unlock_with_device(DeviceKeyStore()) is None
    finally:
        reopened.close()


class PlaintextFileKeyring(KeyringBackend):
    """Stands in for keyrings.alt's plaintext file store, which keyring may pick silently (high priority, works)."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


PlaintextFileKeyring.__module__ = "keyrings.alt.file"


class UnknownGoodLookingKeyring(PlaintextFileKeyring):
    """A third-party backend we know nothing about: a denylist would let it through, the allowlist does not."""


UnknownGoodLookingKeyring.__module__ = "keyrings.somevendor"


class LooksLikeSecretService(PlaintextFileKeyring):
    """Named exactly as keyring's Secret Service backend (an allowlisted class), to test the allowlist itself."""


LooksLikeSecretService.__module__ = "keyring.backends.SecretService"
LooksLikeSecretService.__qualname__ = "Keyring"


def _chain_of(monkeypatch: pytest.MonkeyPatch, *inner: KeyringBackend) -> ChainerBackend:
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: list(inner))
    chain = ChainerBackend()
    assert {type(b) for b in chain.backends} <= {type(b) for b in inner}
    return chain


UNSAFE = {
    "null": lambda mp: keyring.backends.null.Keyring(),
    "fail": lambda mp: keyring.backends.fail.Keyring(),
    "plaintext-file": lambda mp: PlaintextFileKeyring(),
    "chainer-of-null-and-fail": lambda mp: _chain_of(
        mp, keyring.backends.null.Keyring(), keyring.backends.fail.Keyring()
    ),
    "chainer-of-plaintext-file": lambda mp: _chain_of(mp, PlaintextFileKeyring()),
    "unknown-third-party": lambda mp: UnknownGoodLookingKeyring(),
    # Keys go to the chain's first backend: a safe store further down the chain does not make it safe.
    "chainer-first-plaintext-then-safe": lambda mp: _chain_of(mp, PlaintextFileKeyring(), InMemoryKeyring()),
    "empty-chainer": _chain_of,
}


@pytest.mark.parametrize("name", list(UNSAFE))
def test_unsafe_backends_are_refused(vault_and_keys, monkeypatch: pytest.MonkeyPatch, name: str) -> None:  # type: ignore[no-untyped-def]
    vault, keys = vault_and_keys
    backend = UNSAFE[name](monkeypatch)
    keyring.set_keyring(backend)  # the autouse in-memory fixture restores the original afterwards
    for store in (DeviceKeyStore(), DeviceKeyStore(backend)):
        reason = store.availability()
        assert reason and "passphrase" in reason
        assert device_store_problem(store) == reason
        with pytest.raises(DeviceStoreError):
            store.create(vault.vault_id)
        with pytest.raises(DeviceStoreError):
            vault.remember_device(keys, store)
        assert vault.unlock_with_device(store) is None
        vault.forget_device(store)  # harmless


def test_a_chain_with_one_good_store_is_accepted(vault_and_keys, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    vault, keys = vault_and_keys
    good = InMemoryKeyring()
    store = DeviceKeyStore(_chain_of(monkeypatch, good, keyring.backends.null.Keyring()))
    assert store.availability() is None
    vault.remember_device(keys, store)
    assert vault.unlock_with_device(store) is not None
    assert (SERVICE, vault.vault_id) in good.passwords


def test_a_chain_writes_only_to_the_judged_backend(vault_and_keys, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The chain's writing backend is safe: accepted, and the key lands there and nowhere else (not in a later,
    unsafe backend of the chain, even when the safe one fails)."""
    vault, keys = vault_and_keys
    good, plain = LooksLikeSecretService(), PlaintextFileKeyring()
    chain = _chain_of(monkeypatch, good, plain)
    keyring.set_keyring(chain)
    store = DeviceKeyStore()
    assert store.availability() is None
    vault.remember_device(keys, store)
    assert (SERVICE, vault.vault_id) in good.passwords and not plain.passwords
    assert vault.unlock_with_device(DeviceKeyStore()) is not None


def test_the_allowlisted_backends_are_the_real_secret_stores() -> None:
    from clientjournal.crypto.device import TRUSTED_BACKENDS

    assert {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
    } == TRUSTED_BACKENDS
    assert DeviceKeyStore(LooksLikeSecretService()).availability() is None


def test_no_keyring_fixture_is_refused(vault_and_keys, no_keyring) -> None:  # type: ignore[no-untyped-def]
    vault, keys = vault_and_keys
    store = DeviceKeyStore()
    assert store.availability()
    with pytest.raises(DeviceStoreError):
        vault.remember_device(keys, store)


@pytest.mark.parametrize("backend_class", [DroppingKeyring, ManglingKeyring, RefusingKeyring])
def test_a_store_that_does_not_keep_the_key_is_refused(vault_and_keys, backend_class: type) -> None:  # type: ignore[no-untyped-def]
    vault, keys = vault_and_keys
    store = DeviceKeyStore(backend_class())
    assert store.availability() is None  # it claims to be fine...
    with pytest.raises(DeviceStoreError):
        store.create(vault.vault_id)  # ...but reading back shows it is not
    with pytest.raises(DeviceStoreError):
        vault.remember_device(keys, store)
    with vault.engine.connect() as connection:
        from sqlalchemy import func, select

        from clientjournal.storage.schema import device_unlocks

        assert connection.execute(select(func.count()).select_from(device_unlocks)).scalar_one() == 0


def test_a_low_priority_backend_is_refused() -> None:
    class Unsure(InMemoryKeyring):
        priority = 0  # type: ignore[assignment]

    store = DeviceKeyStore(Unsure())
    assert store.availability()
    with pytest.raises(DeviceStoreError):
        store.create("vault")
