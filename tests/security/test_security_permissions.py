"""Files are private to the user: under the common umask 022 the data folder, the logs folder, the vault with
its WAL, the log file, exports and backups are created 0700/0600, and an older vault's looser modes are
tightened the next time it is opened."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from secutil import NOW, init_vault

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def common_umask() -> Iterator[None]:
    """The CLI runs as a child process, which inherits this umask."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _modes(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): _mode(path) for path in [folder, *folder.rglob("*")]}


def test_everything_the_cli_writes_is_private(tmp_path: Path) -> None:
    vault = init_vault(tmp_path / "data")
    vault.ok("demo", "--clients", "2", "--entries-per-client", "5", "--now", NOW)
    vault.ok("export", "--now", NOW, "--out", str(tmp_path / "data" / "export.json"))
    vault.ok("backup", "--out", str(tmp_path / "data" / "backups" / "vault-backup.sqlite3"))

    modes = _modes(vault.data_dir)
    assert {"vault.sqlite3", "logs", "logs/clientjournal.log", "export.json"} <= modes.keys()
    loose = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o700 if (vault.data_dir / name).is_dir() else 0o600) and name != "backups"
    }
    assert not loose, f"readable by others: {loose}"


def test_an_older_vault_is_tightened_when_opened(tmp_path: Path) -> None:
    vault = init_vault(tmp_path / "data")
    loosened = [
        vault.data_dir,
        vault.data_dir / "logs",
        vault.file,
        vault.data_dir / "logs" / "clientjournal.log",
    ]
    for path in loosened:
        path.chmod(0o755 if path.is_dir() else 0o644)

    vault.ok("clients")

    assert {path.name: oct(_mode(path)) for path in loosened} == {
        "data": "0o700",
        "logs": "0o700",
        "vault.sqlite3": "0o600",
        "clientjournal.log": "0o600",
    }
