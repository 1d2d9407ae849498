"""Deleted, replayed and inserted records are found: each client's sealed manifest lists the ids and versions of
its records, the vault's lists the clients, and ``check`` compares them with the rows (exit 4, naming the record).

The SQLite cases edit the file directly, as an attacker with the file would (foreign keys off).
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from secutil import NOW, Vault, new_vault, write_json
from support.constants import PASSPHRASE, fixed_clock

from clientjournal.crypto.kdf import KdfParams
from clientjournal.domain import Client, Entry, EntryKind, Project
from clientjournal.errors import ConcurrentEditError, IntegrityError
from clientjournal.services.journal import JournalService
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault as CoreVault
from clientjournal.storage.database import create_vault_engine, sqlite_url

FROZEN = Path(__file__).resolve().parents[1] / "core" / "data" / "vault_schema_0001.sql"
AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _entry(eid: str, project: str | None, day: int, text: str = "") -> dict[str, Any]:
    return {
        "id": eid,
        "project": project,
        "occurred_at": f"2026-11-{day:02d}T10:00:00+01:00",
        "kind": "note",
        "channel": "email",
        "moods": ["calm"],
        "text": text or f"secret text {eid}",
        "promise": None,
    }


def _document(e1_text: str = "") -> dict[str, Any]:
    project = {
        "title": "Website",
        "contract_signed_on": "2026-11-01",
        "due_on": None,
        "status": "active",
        "delivered_on": None,
    }
    return {
        "format": "clientjournal",
        "version": 1,
        "exported_at": NOW,
        "clients": [
            {
                "id": "c1",
                "name": "Kari Nordmann",
                "tags": [],
                "projects": [{"id": "p1", **project}, {"id": "p2", **project}],
                "entries": [_entry("e1", "p1", 2, e1_text), _entry("e2", "p1", 3), _entry("e3", None, 4)],
            },
            {
                "id": "c2",
                "name": "Ola Nordmann",
                "tags": [],
                "projects": [{"id": "p1", **project}],
                "entries": [_entry("e1", "p1", 6), _entry("e7", None, 7)],
            },
        ],
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    root = tmp_path_factory.mktemp("manifest")
    vault = new_vault(root)
    vault.ok("import", write_json(root / "doc.json", _document()))
    return vault


@pytest.fixture
def vault(template: Vault, tmp_path: Path) -> Vault:
    target = tmp_path / "data"
    shutil.copytree(template.data_dir, target)
    return Vault(target)


def _check_fails_naming(vault: Vault, *names: str) -> None:
    result = vault.run("check")
    assert result.returncode == 4, result
    assert result.stderr_lines[0].startswith("error:"), result
    for name in names:
        assert name in result.stderr, f"{name!r} not named:\n{result}"
    assert "secret text" not in result.stderr


def test_normal_use_passes_check(template: Vault) -> None:
    assert template.ok("check").stdout.startswith("OK: 2 clients, 3 projects and 5 entries")


@pytest.mark.parametrize(
    ("statements", "names"),
    [
        (["DELETE FROM entries WHERE client_id = 'c1' AND id = 'e2'"], ["entries c1/e2 is missing"]),
        (["DELETE FROM projects WHERE client_id = 'c1' AND id = 'p2'"], ["projects c1/p2 is missing"]),
        (
            [
                "DELETE FROM entries WHERE client_id = 'c2'",
                "DELETE FROM projects WHERE client_id = 'c2'",
                "DELETE FROM clients WHERE id = 'c2'",
            ],
            ["clients c2 is missing"],
        ),
        (["DELETE FROM clients WHERE id = 'c2'"], ["clients c2 is missing"]),
        (["DELETE FROM manifests WHERE kind = 'client' AND owner = 'c1'"], ["the manifest of client c1"]),
        (["DELETE FROM manifests WHERE kind = 'vault'"], ["the vault manifest is missing"]),
        (
            # A row of another client copied in under a new id: its ciphertext fails, and the manifest misses it.
            [
                "INSERT INTO entries (client_id, id, project_id, occurred_at_us, payload, version) "
                "SELECT 'c1', 'e9', NULL, occurred_at_us, payload, version FROM entries "
                "WHERE client_id = 'c2' AND id = 'e7'"
            ],
            ["entries c1/e9 is not in its client's manifest"],
        ),
        (["UPDATE entries SET version = 7 WHERE client_id = 'c1' AND id = 'e1'"], ["entries c1/e1 is newer"]),
    ],
    ids=[
        "entry row",
        "project row",
        "client and its rows",
        "client row only",
        "client manifest",
        "vault manifest",
        "row copied from another client",
        "clear version edited",
    ],
)
def test_check_finds_a_deleted_or_inserted_record(
    vault: Vault, statements: list[str], names: list[str]
) -> None:
    for statement in statements:
        vault.sql(statement)
    _check_fails_naming(vault, *names)


def test_check_finds_an_older_ciphertext_put_back(vault: Vault, tmp_path: Path) -> None:
    old_payload, old_version = vault.sql(
        "SELECT payload, version FROM entries WHERE client_id='c1' AND id='e1'"
    )[0]
    vault.ok("import", write_json(tmp_path / "edited.json", _document("edited later")))
    assert vault.sql("SELECT version FROM entries WHERE client_id='c1' AND id='e1'") == [(2,)]
    vault.ok("check")

    # Put back the older row as it was (payload and version) ...
    vault.sql(
        "UPDATE entries SET payload = ?, version = ? WHERE client_id='c1' AND id='e1'",
        (old_payload, old_version),
    )
    _check_fails_naming(vault, "entries c1/e1 is older than its client's manifest says")
    # ... or only its older ciphertext, under the current version number.
    vault.sql("UPDATE entries SET version = 2 WHERE client_id='c1' AND id='e1'")
    _check_fails_naming(vault, "entries c1/e1 is not the ciphertext its client's manifest lists")


def test_a_deleted_client_put_back_is_found(vault: Vault, tmp_path: Path) -> None:
    saved = {
        table: vault.sql(f"SELECT * FROM {table} WHERE client_id = 'c2'") for table in ("projects", "entries")
    }
    client_row = vault.sql("SELECT * FROM clients WHERE id = 'c2'")
    manifest = vault.sql("SELECT * FROM manifests WHERE kind = 'client' AND owner = 'c2'")
    vault.ok("delete-client", "c2", "--yes")
    vault.ok("check")
    vault.sql("INSERT INTO clients VALUES (?, ?, ?, ?, ?)", client_row[0])
    vault.sql("INSERT INTO manifests VALUES (?, ?, ?, ?)", manifest[0])
    for table, rows in saved.items():
        for row in rows:
            marks = ", ".join("?" * len(row))
            vault.sql(f"INSERT INTO {table} VALUES ({marks})", row)
    _check_fails_naming(vault, "clients c2 is not in the vault manifest")


def test_writes_keep_check_passing(vault: Vault, tmp_path: Path) -> None:
    vault.ok("import", write_json(tmp_path / "edited.json", _document("edited later")))
    vault.ok("import", write_json(tmp_path / "edited.json", _document("edited later")))  # unchanged
    vault.ok("demo", "--clients", "3", "--entries-per-client", "5", "--seed", "7")
    vault.ok("delete-client", "c1", "--yes")
    assert vault.ok("check").stdout.startswith("OK: 4 clients")


# ---- the service level, on both backends --------------------------------------------------------------------


@pytest.fixture
def session(database_url: str) -> Iterator[VaultSession]:
    vault, keys, _ = CoreVault.create(database_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    session = VaultSession(vault, keys)
    yield session
    session.close()


def _problems(session: VaultSession) -> list[str]:
    session.keys.forget_client("c1")
    return session.check().problems


def test_editor_saves_and_deletes_keep_check_passing(session: VaultSession) -> None:
    journal = session.journal
    client = journal.save_client_with_projects(Client("c1", "Kari"), [Project("p1", "c1", "Website")])
    client = journal.save_client(replace(client, name="Kari N."))
    project = journal.save_project(Project("p2", "c1", "Shop"))
    journal.save_project(replace(project, title="Shop 2"))
    entry = journal.save_entry(Entry("e1", "c1", AT, EntryKind.NOTE, text="one", project_id="p1"))
    entry = journal.save_entry(replace(entry, text="two"))
    journal.save_entry(Entry("e2", "c1", AT, EntryKind.NOTE, text="three"))
    journal.delete_entry("c1", "e2")
    journal.delete_project("c1", "p2")
    journal.save_client(Client("c2", "Ola"))
    assert _problems(session) == []
    journal.delete_client("c2")
    assert _problems(session) == []


def test_a_write_over_a_replayed_record_is_refused(session: VaultSession) -> None:
    journal = session.journal
    journal.save_client(Client("c1", "Kari"))
    first = journal.save_entry(Entry("e1", "c1", AT, EntryKind.NOTE, text="one"))
    journal.save_entry(replace(first, text="two"))
    with session.vault.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE entries SET version = 1 WHERE client_id = 'c1' AND id = 'e1'")
    with pytest.raises(IntegrityError, match="entries c1/e1 does not match its client's manifest"):
        journal.save_entry(replace(first, text="three"))
    assert any("entries c1/e1 is older" in problem for problem in _problems(session))


@pytest.mark.postgresql
def test_concurrent_writers_to_one_client_lose_no_manifest_update(postgresql_url: str) -> None:
    vault, keys, _ = CoreVault.create(postgresql_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    session = VaultSession(vault, keys)
    session.journal.save_client(Client("c1", "Kari"))
    shared = session.journal.save_entry(Entry("shared", "c1", AT, EntryKind.NOTE, text="shared"))
    engines = [create_vault_engine(postgresql_url) for _ in range(4)]
    writers = [JournalService(engine, keys) for engine in engines]
    start = threading.Barrier(len(writers))
    outcomes: list[str] = []

    def write(index: int) -> None:
        start.wait()
        for round_ in range(10):
            try:
                writers[index].save_entry(Entry(f"w{index}-{round_}", "c1", AT, EntryKind.NOTE, text="x"))
                if round_ % 3 == 0:  # all of them edit one entry too: one wins, the others are told
                    writers[index].save_entry(replace(shared, text=f"by {index}"))
                outcomes.append("ok")
            except ConcurrentEditError:
                outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(writers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(outcomes) == 40
        assert session.journal.count_entries() == 41  # every new entry was stored
        assert _problems(session) == []
    finally:
        for engine in engines:
            engine.dispose()
        session.close()


def test_concurrent_writers_on_sqlite_keep_the_manifest_consistent(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "vault.sqlite3")
    vault, keys, _ = CoreVault.create(url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    session = VaultSession(vault, keys)
    session.journal.save_client(Client("c1", "Kari"))
    engines = [create_vault_engine(url) for _ in range(3)]
    writers = [JournalService(engine, keys) for engine in engines]
    start = threading.Barrier(len(writers))
    failures: list[BaseException] = []

    def write(index: int) -> None:
        start.wait()
        for round_ in range(10):
            try:
                writers[index].save_entry(Entry(f"w{index}-{round_}", "c1", AT, EntryKind.NOTE, text="x"))
            except ConcurrentEditError:
                pass
            except BaseException as exc:  # pragma: no cover - reported below
                failures.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(writers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert failures == []
        assert session.journal.count_entries() == 30
        assert _problems(session) == []
    finally:
        for engine in engines:
            engine.dispose()
        session.close()


def test_an_older_vault_gets_its_manifests_on_first_unlock(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(database)
    connection.executescript(FROZEN.read_text(encoding="utf-8"))
    connection.close()

    vault = CoreVault.open(sqlite_url(database), clock=fixed_clock)
    keys = vault.unlock("frozen fixture passphrase")
    with caplog.at_level("INFO", logger="clientjournal.services.manifests"):
        session = VaultSession(vault, keys)
    try:
        assert "record manifests built for 1 clients" in caplog.text
        assert session.check().ok
        with sqlite3.connect(database) as raw:
            assert raw.execute("SELECT count(*) FROM manifests").fetchone() == (2,)
            raw.execute("DELETE FROM entries WHERE client_id = 'c1' AND id = 'e1'")
        assert any("entries c1/e1 is missing" in p for p in _problems(session))
    finally:
        session.close()
