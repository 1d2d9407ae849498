"""KDF parameters stored in the vault are untrusted until they unlock it: absurd ones are refused before the KDF
runs, and valid-but-changed ones no longer unlock (they are authenticated)."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from secutil import SPEC_EXAMPLE, Vault, init_vault, new_vault, run_cli

from clientjournal.crypto.kdf import KdfParams
from clientjournal.errors import AuthenticationError, UnsupportedVaultError
from clientjournal.services import vault as vault_module
from clientjournal.services.vault import Vault as CoreVault
from clientjournal.storage.database import sqlite_url

GIB_KIB = 1024 * 1024


def _edit_params(path: Path, **changes: Any) -> dict[str, Any]:
    connection = sqlite3.connect(path)
    try:
        params = json.loads(connection.execute("SELECT kdf_params FROM vault_meta").fetchone()[0])
        params.update(changes)
        connection.execute("UPDATE vault_meta SET kdf_params = ?", (json.dumps(params),))
        connection.commit()
    finally:
        connection.close()
    return params


def _set_raw_params(path: Path, text: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE vault_meta SET kdf_params = ?", (text,))
        connection.commit()
    finally:
        connection.close()


ABSURD = {
    "memory 1 KiB": {"memory_kib": 1},
    "memory 100 GiB": {"memory_kib": 100 * GIB_KIB},
    "memory negative": {"memory_kib": -1},
    "one pass": {"time_cost": 1},
    "a billion passes": {"time_cost": 10**9},
    "no lanes": {"parallelism": 0},
    "a thousand lanes": {"parallelism": 1000},
    "argon2i": {"algorithm": "argon2i"},
    "old argon2 version": {"version": 16},
    "short salt": {"salt": "AAAA"},
    "salt not base64": {"salt": "not base64 at all!"},
    "memory as text": {"memory_kib": "lots"},
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    vault = new_vault(tmp_path_factory.mktemp("kdf"))
    vault.ok("import", SPEC_EXAMPLE)
    return vault


def _copy(template: Vault, tmp_path: Path) -> Vault:
    import shutil

    shutil.copytree(template.data_dir, tmp_path / "data")
    return Vault(tmp_path / "data")


@pytest.mark.parametrize("case", list(ABSURD))
def test_absurd_parameters_are_refused_before_the_kdf(template: Vault, tmp_path: Path, case: str) -> None:
    vault = _copy(template, tmp_path)
    _edit_params(vault.file, **ABSURD[case])
    started = time.monotonic()
    result = vault.run("check", timeout=60)
    assert result.returncode == 4, result
    assert len(result.stderr_lines) == 1, result
    assert "key-derivation" in result.stderr
    assert time.monotonic() - started < 30


def test_unreadable_parameters_are_refused(template: Vault, tmp_path: Path) -> None:
    vault = _copy(template, tmp_path)
    for text in ("", "{", "[]", "null", '{"memory_kib": 65536}'):
        _set_raw_params(vault.file, text)
        result = vault.run("check")
        assert result.returncode == 4, (text, result)
        assert len(result.stderr_lines) == 1, result


def test_every_command_refuses_absurd_parameters(template: Vault, tmp_path: Path) -> None:
    vault = _copy(template, tmp_path)
    _edit_params(vault.file, memory_kib=100 * GIB_KIB)
    for command in (
        ("clients",),
        ("export",),
        ("import", str(SPEC_EXAMPLE)),
        ("search", "weekly"),
        ("passwd",),
        ("backup", "--out", str(tmp_path / "b.sqlite3")),
        ("delete-client", "Kari Nordmann", "--yes"),
        ("demo", "--clients", "1", "--entries-per-client", "1"),
    ):
        result = vault.run(*command, env={"CLIENTJOURNAL_NEW_PASSPHRASE": "a new passphrase!"}, timeout=60)
        assert result.returncode == 4, result
        assert len(result.stderr_lines) == 1, result
    assert not (tmp_path / "b.sqlite3").exists()


def test_restore_refuses_a_backup_with_absurd_parameters(template: Vault, tmp_path: Path) -> None:
    vault = _copy(template, tmp_path)
    backup = tmp_path / "b.sqlite3"
    vault.ok("backup", "--out", backup)
    vault.ok("delete-client", "Kari Nordmann", "--yes")
    _edit_params(backup, memory_kib=100 * GIB_KIB, time_cost=1)
    result = vault.run("restore", backup, "--yes", timeout=60)
    assert result.returncode == 4, result
    assert len(result.stderr_lines) == 1, result
    assert vault.client_count() == 0


def test_weakened_or_changed_parameters_do_not_unlock(tmp_path: Path) -> None:
    vault = init_vault(tmp_path / "data")
    vault.ok("import", SPEC_EXAMPLE)
    original = _edit_params(vault.file)  # read without change
    assert original["memory_kib"] == 64 * 1024 and original["time_cost"] == 3

    strong_dir = tmp_path / "strong"
    run_cli("init", "--kdf-memory-mib", "80", "--kdf-passes", "4", data_dir=strong_dir, expect=0)
    weak = Vault(strong_dir)
    weak.ok("check")
    _edit_params(weak.file, memory_kib=64 * 1024, time_cost=3)  # the minimum: valid, weaker
    result = weak.run("check")
    assert result.returncode == 3, result
    assert len(result.stderr_lines) == 1

    for change in ({"time_cost": 4}, {"parallelism": 1}, {"salt": "A" * 24}):
        _edit_params(vault.file, **original)
        vault.ok("check")
        _edit_params(vault.file, **change)
        result = vault.run("check")
        assert result.returncode == 3, (change, result)
        assert len(result.stderr_lines) == 1


def test_refusal_happens_before_the_kdf_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = sqlite_url(tmp_path / "vault.sqlite3")
    vault, _keys, _ = CoreVault.create(
        url, "correct horse battery staple", clock=lambda: datetime.now(UTC), kdf=KdfParams.minimum()
    )
    vault.close()
    _edit_params(tmp_path / "vault.sqlite3", memory_kib=100 * GIB_KIB)

    def no_kdf(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("the KDF ran on refused parameters")

    monkeypatch.setattr(vault_module, "derive_key", no_kdf)
    monkeypatch.setattr("clientjournal.crypto.kdf.hash_secret_raw", no_kdf)
    with pytest.raises(UnsupportedVaultError):
        opened = CoreVault.open(url, clock=lambda: datetime.now(UTC))
        opened.unlock("correct horse battery staple")


def test_parameters_are_bound_into_the_wrapped_key(tmp_path: Path) -> None:
    """Even with the right derived key, the vault key does not unwrap under other stated parameters."""
    from clientjournal.crypto.kdf import derive_key
    from clientjournal.crypto.keys import unwrap_key

    url = sqlite_url(tmp_path / "vault.sqlite3")
    vault, keys, _ = CoreVault.create(
        url, "correct horse battery staple", clock=lambda: datetime.now(UTC), kdf=KdfParams.minimum()
    )
    try:
        params = vault.info.kdf
        kek = derive_key("correct horse battery staple", params)
        stated = KdfParams(params.memory_kib, params.time_cost + 1, params.parallelism, params.salt)
        with pytest.raises(AuthenticationError):
            unwrap_key(
                kek, vault.info.wrapped_key_passphrase, vault_module._passphrase_ref(vault.vault_id, stated)
            )
        assert (
            unwrap_key(
                kek, vault.info.wrapped_key_passphrase, vault_module._passphrase_ref(vault.vault_id, params)
            )
            == keys.vault_key
        )
    finally:
        vault.close()
