"""``init --remember-device``: the recovery key is printed whatever the secret store does (issue 14, finding 3).

A store that raises a foreign exception type (a raw D-Bus error) or refuses everything makes remembering fail:
the vault is still created, the recovery key printed, a warning goes to stderr, and the exit code is 0.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cliutil import FAST_KDF, PASSPHRASE, recovery_key_from, run_cli
from support.constants import fixed_clock
from support.keyring_backend import FileKeyring

from clientjournal.crypto.device import DeviceKeyStore
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url

TESTS = Path(__file__).resolve().parents[1]
WARNING = "warning: this device could not be remembered: "


def _device_rows(data: Path) -> int:
    connection = sqlite3.connect(data / "vault.sqlite3")
    try:
        return int(connection.execute("SELECT count(*) FROM device_unlocks").fetchone()[0])
    finally:
        connection.close()


FAILING = {
    "raising": {"PYTHON_KEYRING_BACKEND": "support.faulty_keyring.RaisingKeyring", "PYTHONPATH": str(TESTS)},
    "none": {},  # base_env's keyring.backends.fail: no secret store at all
}


@pytest.mark.parametrize("store", list(FAILING))
def test_init_prints_the_recovery_key_and_a_warning_when_the_device_cannot_be_remembered(
    tmp_path: Path, store: str
) -> None:
    data = tmp_path / "d"
    result = run_cli("init", *FAST_KDF, "--remember-device", data_dir=data, env=FAILING[store], expect=0)

    key = recovery_key_from(result.stdout)
    assert result.stdout.startswith("Vault created.")
    assert "remembered" not in result.stdout
    (warning,) = result.stderr_lines
    assert warning.startswith(WARNING) and warning.endswith("you will be asked for the passphrase")
    if store == "raising":
        assert "RuntimeError" in warning and "DBus" not in warning  # the backend's raw message stays out
    assert _device_rows(data) == 0
    # The vault works, with the passphrase and with the recovery key that was printed.
    run_cli("check", data_dir=data, expect=0)
    run_cli("check", data_dir=data, passphrase=key, expect=0)

    again = run_cli(
        "init",
        *FAST_KDF,
        "--remember-device",
        "--json",
        data_dir=tmp_path / "j",
        env=FAILING[store],
        expect=0,
    )
    payload = json.loads(again.stdout)
    assert payload["recovery_key"] and payload["device_remembered"] is False
    assert payload["device_problem"] and len(again.stderr_lines) == 1


def test_init_remembers_the_device_when_the_store_works(tmp_path: Path) -> None:
    data, keyring_file = tmp_path / "d", tmp_path / "keyring.json"
    env = {
        "PYTHON_KEYRING_BACKEND": "support.keyring_backend.FileKeyring",
        FileKeyring.ENV: str(keyring_file),
        "PYTHONPATH": str(TESTS),
    }
    result = run_cli("init", *FAST_KDF, "--remember-device", data_dir=data, env=env, expect=0)
    recovery_key_from(result.stdout)
    assert "This device is remembered" in result.stdout and result.stderr_lines == []
    assert _device_rows(data) == 1
    vault = Vault.open(sqlite_url(data / "vault.sqlite3"), clock=fixed_clock)
    try:
        assert vault.unlock_with_device(DeviceKeyStore(FileKeyring(keyring_file))) is not None
        assert vault.unlock(PASSPHRASE) is not None
    finally:
        vault.close()
