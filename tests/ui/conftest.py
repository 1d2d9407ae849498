"""Fixtures for the pytest-qt tests of the desktop app: a worker thread and quick-to-unlock vaults.

tests/conftest.py sets QT_QPA_PLATFORM=offscreen before Qt loads and installs an in-memory keyring.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.constants import PASSPHRASE, fixed_clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from clientjournal.crypto.kdf import KdfParams
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.ui.worker import BackgroundWorker


@pytest.fixture
def worker(qapp: object) -> Iterator[BackgroundWorker]:
    background = BackgroundWorker()
    yield background
    background.stop()


@pytest.fixture
def vault_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'vault.sqlite3').as_posix()}"


@pytest.fixture
def existing_vault(vault_url: str) -> str:
    """A vault created and closed again; returns its recovery key."""
    vault, _keys, recovery = Vault.create(vault_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    vault.close()
    return recovery.display()


@pytest.fixture
def session(vault_url: str) -> Iterator[VaultSession]:
    vault, keys, _recovery = Vault.create(vault_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    unlocked = VaultSession(vault, keys)
    yield unlocked
    unlocked.close()
