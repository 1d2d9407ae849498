"""End-to-end: ``forget-device`` revokes "remember on this device", in the secret store and in the vault.

The CLI runs in a subprocess, so the secret store is a JSON file both sides see
(:class:`support.keyring_backend.FileKeyring`); the device is remembered here, as the desktop app would.
"""

from __future__ import annotations

import json
from pathlib import Path

from cliutil import PASSPHRASE, Vault, new_vault
from support.constants import fixed_clock
from support.keyring_backend import FileKeyring

from clientjournal.crypto.device import DeviceKeyStore
from clientjournal.services.vault import Vault as OpenedVault
from clientjournal.storage.database import sqlite_url

TESTS = Path(__file__).resolve().parents[1]
FORGOTTEN = "This device is forgotten: unlocking the vault here needs the passphrase again."
NOT_REMEMBERED = "Nothing to forget: this device was not remembered for this vault."


def _keyring_env(keyring_file: Path) -> dict[str, str]:
    return {
        "PYTHON_KEYRING_BACKEND": "support.keyring_backend.FileKeyring",
        FileKeyring.ENV: str(keyring_file),
        "PYTHONPATH": str(TESTS),
    }


def _store(keyring_file: Path) -> DeviceKeyStore:
    return DeviceKeyStore(FileKeyring(keyring_file))


def _remembered_vault(tmp_path: Path) -> tuple[Vault, Path]:
    vault = new_vault(tmp_path)
    keyring_file = tmp_path / "keyring.json"
    opened = OpenedVault.open(sqlite_url(vault.file), clock=fixed_clock)
    try:
        opened.remember_device(opened.unlock(PASSPHRASE), _store(keyring_file))
    finally:
        opened.close()
    assert len(json.loads(keyring_file.read_text(encoding="utf-8"))) == 1
    assert vault.sql("SELECT count(*) FROM device_unlocks") == [(1,)]
    return vault, keyring_file


def _unlocks_with_device(vault: Vault, keyring_file: Path) -> bool:
    opened = OpenedVault.open(sqlite_url(vault.file), clock=fixed_clock)
    try:
        return opened.unlock_with_device(_store(keyring_file)) is not None
    finally:
        opened.close()


def test_forget_device_removes_the_key_from_the_store_and_the_vault(tmp_path: Path) -> None:
    vault, keyring_file = _remembered_vault(tmp_path)
    assert _unlocks_with_device(vault, keyring_file)

    result = vault.ok("forget-device", env=_keyring_env(keyring_file))

    assert result.stdout.strip() == FORGOTTEN
    assert json.loads(keyring_file.read_text(encoding="utf-8")) == {}
    assert vault.sql("SELECT count(*) FROM device_unlocks") == [(0,)]
    assert not _unlocks_with_device(vault, keyring_file)
    vault.ok("check")  # the passphrase still opens it


def test_forget_device_twice_says_there_is_nothing_to_forget(tmp_path: Path) -> None:
    vault, keyring_file = _remembered_vault(tmp_path)
    env = _keyring_env(keyring_file)
    assert vault.ok("forget-device", "--json", env=env).json() == {"forgotten": True}
    again = vault.ok("forget-device", env=env)
    assert again.stdout.strip() == NOT_REMEMBERED and again.stderr_lines == [], again
    assert vault.ok("forget-device", "--json", env=env).json() == {"forgotten": False}


def test_forget_device_without_a_secret_store_says_so(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)  # the CLI runs with keyring's "fail" backend: no secret store at all
    result = vault.ok("forget-device")
    assert result.stdout.strip() == (
        "Nothing to forget: this device has no secure secret store, so it was never remembered."
    )


def test_forget_device_needs_the_passphrase(tmp_path: Path) -> None:
    vault, keyring_file = _remembered_vault(tmp_path)
    result = vault.run("forget-device", passphrase="not the passphrase", env=_keyring_env(keyring_file))
    assert result.returncode == 3 and len(result.stderr_lines) == 1, result
    assert _unlocks_with_device(vault, keyring_file)
    missing = vault.run("forget-device", passphrase=None, env=_keyring_env(keyring_file))
    assert missing.returncode == 2 and len(missing.stderr_lines) == 1, missing
