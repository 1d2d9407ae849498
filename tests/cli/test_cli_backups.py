"""End-to-end: ``delete-client`` erases the client from the automatic backups the window keeps, and says so in
one line; a backup it cannot rewrite is named on stderr with exit 1."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cliutil import PASSPHRASE, SPEC_EXAMPLE, init_vault, new_vault

from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def _take_backups(vault_file: Path, *moments: datetime) -> list[Path]:
    opened = Vault.open(sqlite_url(vault_file), clock=lambda: NOW)
    session = VaultSession(opened, opened.unlock(PASSPHRASE))
    try:
        return [session.backups.back_up(moment).path for moment in moments]
    finally:
        session.close()


def _clients_in(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM clients ORDER BY id")]
    connection.close()
    return ids


@pytest.mark.slow  # three CLI runs and a second vault: about half a minute
def test_delete_client_rewrites_the_managed_backups_and_names_one_it_cannot(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    [client] = vault.ok("clients", "--json").json()
    backups = _take_backups(vault.file, NOW, NOW.replace(day=29))
    assert all(_clients_in(b) == [client["id"]] for b in backups)

    deleted = vault.ok("delete-client", client["id"], "--yes")
    assert "Rewrote 2 backup(s) of this vault without the client." in deleted.stdout
    assert all(_clients_in(b) == [] for b in backups)
    assert deleted.stderr == ""

    # A backup of another vault holding a client of the same id cannot be rewritten with this vault's keys.
    other = init_vault(tmp_path / "other")  # a vault of its own (new_vault copies share one template)
    other.ok("import", SPEC_EXAMPLE)
    vault.ok("import", SPEC_EXAMPLE)
    foreign = backups[0].parent / "clientjournal-2026-11-28T080000Z.backup.sqlite3"
    shutil.copyfile(other.file, foreign)
    (backups[0].parent / "notes.sqlite3").write_bytes(b"not managed")
    result = vault.run("delete-client", client["id"], "--yes", expect=1)
    assert len(result.stderr_lines) == 1
    assert "1 backup(s) could not be rewritten" in result.stderr and foreign.name in result.stderr
    assert "another vault" in result.stderr
    assert _clients_in(foreign) == [client["id"]], "left as it was, and said so"
