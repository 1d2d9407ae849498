"""Vaults for core tests: created with the weakest accepted KDF so each unlock costs ~0.1 s."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.constants import PASSPHRASE, fixed_clock

from clientjournal.crypto.kdf import KdfParams
from clientjournal.crypto.keys import RecoveryKey
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault


@pytest.fixture
def created(database_url: str) -> Iterator[tuple[Vault, VaultSession, RecoveryKey]]:
    vault, keys, recovery = Vault.create(database_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    session = VaultSession(vault, keys)
    yield vault, session, recovery
    session.close()


@pytest.fixture
def session(created: tuple[Vault, VaultSession, RecoveryKey]) -> VaultSession:
    return created[1]
