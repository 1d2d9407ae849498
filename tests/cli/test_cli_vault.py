"""End-to-end: creating and unlocking a vault, passphrase sources, exit codes and usage errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cliutil import (
    FAST_KDF,
    PASSPHRASE,
    SPEC_EXAMPLE,
    init_vault,
    new_vault,
    recovery_key_from,
    run_cli,
)

RECOVERY_KEY = re.compile(r"^([A-Z2-7]{4}-){12}[A-Z2-7]{4}$")


def test_init_shows_the_recovery_key_once_and_refuses_a_second_init(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = run_cli("init", *FAST_KDF, data_dir=data, expect=0)
    key = recovery_key_from(first.stdout)
    assert RECOVERY_KEY.match(key)
    assert first.stdout.count(key) == 1
    assert first.stderr == ""
    assert (data / "vault.sqlite3").is_file()

    second = run_cli("init", *FAST_KDF, data_dir=data)
    assert second.returncode == 1, second
    assert len(second.stderr_lines) == 1
    assert "exists" in second.stderr
    assert key not in second.stdout + second.stderr

    # The key is never shown again, by any command.
    for command in (("check",), ("clients",), ("export",)):
        result = run_cli(*command, data_dir=data, expect=0)
        assert key not in result.stdout + result.stderr
    assert key not in (data / "logs" / "clientjournal.log").read_text(encoding="utf-8")


def test_init_json_gives_the_recovery_key(tmp_path: Path) -> None:
    result = run_cli("init", *FAST_KDF, "--json", data_dir=tmp_path / "d", expect=0)
    payload = result.json()
    assert RECOVERY_KEY.match(payload["recovery_key"])
    assert payload["vault_id"]


def test_init_refuses_a_short_passphrase(tmp_path: Path) -> None:
    result = run_cli("init", *FAST_KDF, data_dir=tmp_path / "d", passphrase="short")
    assert result.returncode == 1, result
    assert len(result.stderr_lines) == 1
    assert (
        not (tmp_path / "d" / "vault.sqlite3").exists()
        or run_cli("check", data_dir=tmp_path / "d", passphrase="short").returncode != 0
    )


def test_wrong_passphrase_is_exit_3_with_one_line(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    for command in (("check",), ("clients",), ("export",), ("import", str(SPEC_EXAMPLE)), ("search", "x")):
        result = vault.run(*command, passphrase="not the passphrase")
        assert result.returncode == 3, result
        assert len(result.stderr_lines) == 1, result
        assert result.stderr.startswith("error:")
        assert "passphrase" in result.stderr
        assert result.stdout == ""
    # Nothing was imported by the refused import.
    assert vault.client_count() == 0


def test_passphrase_file_is_read(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    vault.ok("--passphrase-file", str(secret), "check", passphrase=None)
    vault.ok("check", "--passphrase-file", str(secret), passphrase=None)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("wrong passphrase\n", encoding="utf-8")
    result = vault.run("check", "--passphrase-file", str(wrong), passphrase=None)
    assert result.returncode == 3, result
    # The file wins over the environment.
    assert vault.run("check", "--passphrase-file", str(wrong)).returncode == 3


def test_missing_passphrase_without_a_terminal_is_a_usage_error(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    result = vault.run("check", passphrase=None)
    assert result.returncode == 2, result
    assert len(result.stderr_lines) == 1
    assert "--passphrase-file" in result.stderr and "CLIENTJOURNAL_PASSPHRASE" in result.stderr
    init = run_cli("init", *FAST_KDF, data_dir=tmp_path / "other", passphrase=None)
    assert init.returncode == 2, init
    assert len(init.stderr_lines) == 1


def test_missing_passphrase_file_is_one_line(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    result = vault.run("check", "--passphrase-file", str(tmp_path / "nope.txt"), passphrase=None)
    assert result.returncode in (1, 2), result
    assert len(result.stderr_lines) == 1


def test_no_vault_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("check", data_dir=tmp_path / "empty")
    assert result.returncode == 1, result
    assert len(result.stderr_lines) == 1
    assert "init" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("frobnicate",),
        ("import",),
        ("search",),
        ("backup",),
        ("delete-client",),
        ("demo", "--clients", "-1"),
        ("demo", "--clients", "many"),
        ("export", "--now", "yesterday"),
        ("clients", "--no-such-option"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run_cli(*args, data_dir=tmp_path / "d")
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert "usage:" in result.stderr


def test_delete_client_without_yes_and_no_terminal_is_a_usage_error(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    result = vault.run("delete-client", "Kari Nordmann")
    assert result.returncode == 2, result
    assert len(result.stderr_lines) == 1 and "--yes" in result.stderr
    assert vault.client_count() == 1


def test_help_and_version(tmp_path: Path) -> None:
    result = run_cli("--help", data_dir=tmp_path)
    assert result.returncode == 0
    for command in (
        "init",
        "import",
        "export",
        "clients",
        "search",
        "check",
        "passwd",
        "delete-client",
        "forget-device",
        "backup",
        "restore",
        "demo",
    ):
        assert command in result.stdout
    assert run_cli("--version").stdout.startswith("clientjournal-cli ")


def test_cli_does_not_import_qt(tmp_path: Path) -> None:
    """The console entry point runs a whole command without loading PySide6."""
    import subprocess
    import sys

    code = (
        "import sys; from clientjournal.cli.main import main; "
        f"rc = main(['--data-dir', {str(tmp_path / 'd')!r}, 'init', '--kdf-memory-mib', '64', "
        "'--kdf-passes', '3', '--json']); "
        "assert rc == 0, rc; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'clientjournal.ui'))]; "
        "assert not bad, bad"
    )
    from cliutil import base_env

    done = subprocess.run(
        [sys.executable, "-c", code], env=base_env(), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_second_vault_in_another_folder_is_independent(tmp_path: Path) -> None:
    one = init_vault(tmp_path / "one")
    two = init_vault(tmp_path / "two", passphrase="another passphrase")
    one.ok("import", SPEC_EXAMPLE)
    assert one.client_count() == 1
    assert two.ok("clients", "--json", passphrase="another passphrase").json() == []
    assert one.recovery_key != two.recovery_key
