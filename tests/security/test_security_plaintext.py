"""No plaintext at rest: a unique word written anywhere a user can write appears in no file of the data folder.

The word is checked as UTF-8 and UTF-16 in the raw bytes of every file under the data folder: the database, its
WAL and shared-memory files, logs, backups and anything else there. After ``delete-client`` even that client's
ciphertexts are gone from the database file and its WAL (crypto-shredding plus scrubbing).
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from secutil import NOW, encodings_of, every_file, files_containing, new_vault, write_json

from clientjournal.crypto.kdf import KdfParams
from clientjournal.domain import Client, Entry, EntryKind, Project
from clientjournal.exchange import parse_document
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url

FIELDS = ("name", "company", "email", "phone", "temperament", "tag", "project", "text", "mood", "extra")


def _markers() -> dict[str, str]:
    base = "Zyxwvutsqr" + uuid.uuid4().hex
    return {field: f"{base}{field}" for field in FIELDS} | {"base": base}


def _document(m: dict[str, str], client_id: str = "c-secret") -> dict[str, Any]:
    return {
        "format": "clientjournal",
        "version": 1,
        "exported_at": NOW,
        "clients": [
            {
                "id": client_id,
                "name": f"Kari {m['name']}",
                "company": f"{m['company']} AS",
                "email": f"{m['email']}@example.no",
                "phone": f"+47 {m['phone']}",
                "preferred_channel": "email",
                "update_every_days": 7,
                "temperament": f"calm, {m['temperament']}",
                "tags": ["web", m["tag"]],
                "archived": False,
                "x_custom_note": m["extra"],
                "projects": [
                    {
                        "id": "p1",
                        "title": f"Website {m['project']}",
                        "contract_signed_on": "2026-11-02",
                        "due_on": "2026-12-15",
                        "status": "active",
                        "delivered_on": None,
                    }
                ],
                "entries": [
                    {
                        "id": "e1",
                        "project": "p1",
                        "occurred_at": "2026-11-02T14:00:00+01:00",
                        "kind": "contract_signed",
                        "channel": "meeting",
                        "moods": ["enthusiastic", m["mood"]],
                        "text": f"Signed. {m['text']} wants weekly updates.",
                        "promise": None,
                    },
                    {
                        "id": "e2",
                        "project": "p1",
                        "occurred_at": "2026-11-05T09:30:00+01:00",
                        "kind": "promise",
                        "channel": "email",
                        "moods": [m["mood"]],
                        "text": f"Draft of {m['text']}.",
                        "promise": {"due_on": "2026-11-20", "status": "open", "resolved_on": None},
                    },
                ],
            },
            {
                "id": "c-other",
                "name": "Ola Nordmann",
                "projects": [],
                "entries": [
                    {
                        "id": "e1",
                        "occurred_at": "2026-11-03T10:00:00+01:00",
                        "kind": "note",
                        "text": "Nothing secret here.",
                        "moods": [],
                    }
                ],
            },
        ],
    }


def _needles(m: dict[str, str]) -> list[bytes]:
    needles = []
    for word in (m["base"], *(m[f] for f in FIELDS)):
        needles.extend(encodings_of(word).values())
    return needles


def _client_ciphertexts(database: Path, client_id: str) -> list[bytes]:
    """Distinctive 24-byte slices of every ciphertext stored for one client."""
    with sqlite3.connect(database) as connection:
        blobs = [
            *connection.execute(
                "SELECT wrapped_key, payload FROM clients WHERE id = ?", (client_id,)
            ).fetchone(),
            *(
                r[0]
                for r in connection.execute("SELECT payload FROM projects WHERE client_id = ?", (client_id,))
            ),
            *(
                r[0]
                for r in connection.execute("SELECT payload FROM entries WHERE client_id = ?", (client_id,))
            ),
        ]
    connection.close()
    assert len(blobs) == 5
    return [bytes(blob[20:44]) for blob in blobs]


def test_marker_is_in_no_file_of_the_data_folder_via_the_cli(tmp_path: Path) -> None:
    m = _markers()
    vault = new_vault(tmp_path)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    source = write_json(tmp_path / "secret.json", _document(m))

    vault.ok("import", source, env=env)
    # The data is really there: export and search give it back.
    exported = vault.ok("export", env=env).stdout
    assert all(m[f] in exported for f in FIELDS)
    vault.ok("export", "--out", tmp_path / "outside.json", env=env)
    found = vault.ok("search", m["text"], "--json", env=env).json()
    assert {row["entry"] for row in found} == {"e1", "e2"}
    assert vault.ok("search", m["mood"], "--json", env=env).json()
    vault.ok("clients", env=env)
    vault.ok("check", env=env)
    vault.ok("backup", "--out", vault.data_dir / "backups" / "one.sqlite3", env=env)
    vault.ok("passwd", env={**env, "CLIENTJOURNAL_NEW_PASSPHRASE": "the new passphrase"})
    # Failures that see the marker must not log it either.
    bad = _document(m, "c-bad")
    bad["clients"][0]["entries"][0]["kind"] = m["text"]
    bad["clients"][0]["preferred_channel"] = m["extra"]
    refused = vault.run(
        "import", write_json(tmp_path / "bad.json", bad), passphrase="the new passphrase", env=env
    )
    assert refused.returncode == 1, refused
    assert vault.run("delete-client", m["name"], "--yes", passphrase="the new passphrase").returncode == 1
    assert vault.run("search", m["text"], passphrase="wrong passphrase").returncode == 3
    vault.ok("backup", "--out", vault.data_dir / "backups" / "two.sqlite3", passphrase="the new passphrase")

    files = every_file(vault.data_dir)
    names = {p.relative_to(vault.data_dir).as_posix() for p in files}
    assert {"vault.sqlite3", "logs/clientjournal.log", "backups/one.sqlite3", "backups/two.sqlite3"} <= names
    assert files_containing(vault.data_dir, _needles(m)) == []
    assert files_containing(temp, _needles(m)) == []

    # Crypto-shredding: after delete-client, not even the client's ciphertexts remain in the vault or its WAL.
    shards = _client_ciphertexts(vault.file, "c-secret")
    vault.ok("delete-client", "c-secret", "--yes", passphrase="the new passphrase", env=env)
    live = [p for p in every_file(vault.data_dir) if p.name.startswith("vault.sqlite3")]
    for path in live:
        data = path.read_bytes()
        assert not [s for s in shards if s in data], (
            f"{path.name} still holds the deleted client's ciphertext"
        )
    assert files_containing(vault.data_dir, _needles(m)) == []
    assert vault.ok("clients", "--json", passphrase="the new passphrase").json()[0]["id"] == "c-other"


@pytest.fixture
def open_session(tmp_path: Path):  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "data"
    url = sqlite_url(data_dir / "vault.sqlite3")
    vault, keys, _recovery = Vault.create(
        url, "correct horse battery staple", clock=lambda: datetime.now(UTC), kdf=KdfParams.minimum()
    )
    session = VaultSession(vault, keys)
    try:
        yield data_dir, session
    finally:
        session.close()


def test_marker_is_in_no_file_while_the_vault_is_open_via_the_services(open_session) -> None:  # type: ignore[no-untyped-def]
    """Written through the service API, with the engine still open (so the WAL and -shm exist)."""
    data_dir, session = open_session
    m = _markers()
    document = parse_document(write_json(data_dir.parent / "s.json", _document(m)).read_bytes())
    session.transfer.import_document(document)
    # Direct service writes too: a new client, project and entry, then an edit of each.
    journal = session.journal
    client = journal.save_client(
        Client(
            id="c-direct",
            name=f"Direct {m['name']}",
            company=m["company"],
            email=m["email"],
            phone=m["phone"],
            temperament=m["temperament"],
            tags=(m["tag"],),
        )
    )
    project = journal.save_project(Project(id="p1", client_id=client.id, title=m["project"]))
    entry = journal.save_entry(
        Entry(
            id="e1",
            client_id=client.id,
            occurred_at=datetime(2026, 11, 2, 14, tzinfo=UTC),
            kind=EntryKind.NOTE,
            text=m["text"],
            moods=(m["mood"],),
            project_id=project.id,
        )
    )
    journal.save_client(Client(**{**_client_fields(client), "company": m["company"] + "2"}))
    journal.save_entry(Entry(**{**_entry_fields(entry), "text": m["text"] + " edited"}))
    assert len(journal.search(m["text"])) == 3
    assert session.check().ok
    session.backup(data_dir / "backups" / "b.sqlite3")

    names = {p.name for p in every_file(data_dir)}
    assert "vault.sqlite3-wal" in names, names  # the test is only meaningful with a live WAL
    assert files_containing(data_dir, _needles(m)) == []

    shards = _client_ciphertexts(data_dir / "vault.sqlite3", "c-secret")
    session.delete_client("c-secret")
    for path in every_file(data_dir):
        if path.name.startswith("vault.sqlite3"):
            data = path.read_bytes()
            assert not [s for s in shards if s in data], (
                f"{path.name} still holds the deleted client's ciphertext"
            )
    # Still usable after the scrub.
    assert {c.id for c in journal.list_clients()} == {"c-direct", "c-other"}
    assert files_containing(data_dir, _needles(m)) == []


def _client_fields(client: Client) -> dict[str, Any]:
    return {name: getattr(client, name) for name in Client.__dataclass_fields__}


def _entry_fields(entry: Entry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in Entry.__dataclass_fields__}
