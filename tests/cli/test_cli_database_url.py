"""End-to-end through ``--database-url``, once on SQLite and once on a real PostgreSQL server."""

from __future__ import annotations

import copy
from pathlib import Path

from cliutil import NOW, SPEC_EXAMPLE, init_vault, spec_document, write_json


def test_whole_life_cycle_on_the_database_url(tmp_path: Path, database_url: str) -> None:
    vault = init_vault(tmp_path / "data", database_url)
    again = vault.run("init", "--kdf-memory-mib", "64", "--kdf-passes", "3")
    assert again.returncode == 1 and len(again.stderr_lines) == 1, again

    vault.ok("import", SPEC_EXAMPLE)
    assert vault.export() == spec_document()
    idempotent = vault.ok("import", SPEC_EXAMPLE, "--json").json()
    assert idempotent["clients_added"] == idempotent["entries_added"] == idempotent["entries_updated"] == 0

    wrong = vault.run("check", passphrase="not the passphrase")
    assert wrong.returncode == 3 and len(wrong.stderr_lines) == 1, wrong

    bad = spec_document()
    bad["clients"][0]["entries"][0]["kind"] = "gossip"
    bad["clients"][0]["id"] = "other"
    refused = vault.run("import", write_json(tmp_path / "bad.json", bad))
    assert refused.returncode == 1, refused
    assert "$.clients[0].entries[0].kind" in refused.stderr
    assert vault.client_count() == 1

    vault.ok("demo", "--clients", "3", "--entries-per-client", "10", "--now", NOW)
    assert vault.ok("check", "--json").json()["entries"] == 32
    assert vault.ok("search", "weekly", "--json").json()[0]["entry"] == "e1"

    backup = tmp_path / "backup.sqlite3"
    vault.ok("backup", "--out", backup)
    backed_up = vault.export_text()
    vault.ok("delete-client", "Kari Nordmann", "--yes")
    assert vault.client_count() == 3
    vault.ok("restore", backup, "--yes")
    assert vault.export_text() == backed_up

    exported = tmp_path / "export.json"
    vault.ok("export", "--now", NOW, "--out", exported)
    other = init_vault(tmp_path / "other")  # SQLite: the format moves between backends
    other.ok("import", exported)
    assert other.export_text().encode() == exported.read_bytes()

    vault.ok("passwd", env={"CLIENTJOURNAL_NEW_PASSPHRASE": "a brand new passphrase"})
    assert vault.run("clients").returncode == 3
    vault.ok("clients", passphrase="a brand new passphrase")
    vault.ok("check", passphrase=vault.recovery_key)


def test_two_clients_with_the_same_entry_ids(tmp_path: Path, database_url: str) -> None:
    """Entry and project ids are unique per client only (the format's reference example uses e1/p1)."""
    vault = init_vault(tmp_path / "data", database_url)
    document = spec_document()
    twin = copy.deepcopy(document["clients"][0])
    twin.update(id="c2", name="Ola Nordmann")
    document["clients"].append(twin)
    vault.ok("import", write_json(tmp_path / "two.json", document))
    assert vault.export() == document
    vault.ok("check")
