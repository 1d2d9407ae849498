"""The use cases behind the window's passphrase actions: which secret unlocked, and a proven passphrase change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.constants import PASSPHRASE, fixed_clock

from clientjournal.crypto.kdf import KdfParams
from clientjournal.crypto.keys import RecoveryKey
from clientjournal.errors import AuthenticationError, ValidationError
from clientjournal.services import access
from clientjournal.services.vault import Vault

NEW = "a different and longer passphrase"


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[tuple[Vault, RecoveryKey]]:
    created, keys, recovery = Vault.create(
        f"sqlite:///{(tmp_path / 'v.sqlite3').as_posix()}",
        PASSPHRASE,
        clock=fixed_clock,
        kdf=KdfParams.minimum(),
    )
    keys.lock()
    yield created, recovery
    created.close()


def test_unlocking_says_whether_the_recovery_key_was_used(vault: tuple[Vault, RecoveryKey]):
    opened, recovery = vault
    assert access.unlock_with_secret(opened, recovery.display().lower()).by_recovery_key
    assert not access.unlock_with_secret(opened, PASSPHRASE).by_recovery_key
    with pytest.raises(AuthenticationError):
        access.unlock_with_secret(opened, "not the passphrase")


def test_a_passphrase_shaped_like_a_recovery_key_is_still_a_passphrase(tmp_path: Path):
    shaped = RecoveryKey.generate().display()  # looks like a recovery key, but is this vault's passphrase
    created, _keys, _recovery = Vault.create(
        f"sqlite:///{(tmp_path / 'v.sqlite3').as_posix()}", shaped, clock=fixed_clock, kdf=KdfParams.minimum()
    )
    try:
        unlocked = access.unlock_with_secret(created, shaped)
        assert not unlocked.by_recovery_key
    finally:
        created.close()


def test_changing_the_passphrase_needs_the_current_one_or_the_recovery_key(vault: tuple[Vault, RecoveryKey]):
    opened, recovery = vault
    session = access.unlock(opened, PASSPHRASE)
    with pytest.raises(AuthenticationError):
        access.change_passphrase(session, "a wrong current one", NEW)
    opened.unlock(PASSPHRASE).lock()  # unchanged
    with pytest.raises(ValidationError):
        access.change_passphrase(session, PASSPHRASE, "short")
    access.change_passphrase(session, recovery.display(), NEW)
    opened.unlock(NEW).lock()
    with pytest.raises(AuthenticationError):
        opened.unlock(PASSPHRASE)


def test_the_place_of_a_sqlite_vault_is_its_file(vault: tuple[Vault, RecoveryKey], tmp_path: Path):
    place = access.vault_place(vault[0])
    assert place.file == tmp_path / "v.sqlite3"
    assert place.description == str(tmp_path / "v.sqlite3")
