"""Vaults for core tests: created with the weakest accepted KDF so each unlock costs ~0.1 s."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from clientjournal.crypto.kdf import KdfParams
from clientjournal.crypto.keys import RecoveryKey
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault

PASSPHRASE = "correct horse battery staple"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return NOW


@pytest.fixture
def created(database_url: str) -> Iterator[tuple[Vault, VaultSession, RecoveryKey]]:
    vault, keys, recovery = Vault.create(database_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    session = VaultSession(vault, keys)
    yield vault, session, recovery
    session.close()


@pytest.fixture
def session(created: tuple[Vault, VaultSession, RecoveryKey]) -> VaultSession:
    return created[1]
