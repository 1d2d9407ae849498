"""Tamper detection: any edited, flipped, truncated, swapped or moved ciphertext or bound clear column is found.

Each case edits the SQLite file directly (as an attacker with the file would), then ``check`` must exit 4 and
name every affected record, and ``export``/``search``/``clients`` must fail with exit 4 rather than print data
that is not what the user wrote.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from secutil import NOW, Vault, new_vault, write_json

from clientjournal.crypto.aead import OVERHEAD, RecordCipher, RecordRef
from clientjournal.crypto.kdf import KdfParams
from clientjournal.errors import IntegrityError
from clientjournal.exchange import parse_document
from clientjournal.services.maintenance import check_vault
from clientjournal.services.vault import Vault as CoreVault
from clientjournal.storage.database import sqlite_url

PASSPHRASE = "correct horse battery staple"


def _entry(eid: str, client: str, project: str | None, day: int) -> dict[str, Any]:
    return {
        "id": eid,
        "project": project,
        "occurred_at": f"2026-11-{day:02d}T10:00:00+01:00",
        "kind": "note",
        "channel": "email",
        "moods": ["calm"],
        "text": f"secret text {client} {eid} sentinel{client}{eid}",
        "promise": None,
    }


def _document() -> dict[str, Any]:
    def project(pid: str) -> dict[str, Any]:
        return {
            "id": pid,
            "title": f"Project {pid}",
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
                "company": "Nordlys AS",
                "tags": [],
                "projects": [project("p1"), project("p2")],
                "entries": [
                    _entry("e1", "c1", "p1", 2),
                    _entry("e2", "c1", "p1", 3),
                    _entry("e3", "c1", "p2", 4),
                    _entry("e4", "c1", None, 5),
                ],
            },
            {
                "id": "c2",
                "name": "Ola Nordmann",
                "company": "Fjell AS",
                "tags": [],
                "projects": [project("p1")],
                "entries": [_entry("e1", "c2", "p1", 6), _entry("e2", "c2", None, 7)],
            },
        ],
    }


def _text(client: str, entry: str) -> str:
    return f"sentinel{client}{entry}"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    root = tmp_path_factory.mktemp("tamper")
    vault = new_vault(root)
    vault.ok("import", write_json(root / "doc.json", _document()))
    return vault


@pytest.fixture
def vault(template: Vault, tmp_path: Path) -> Vault:
    target = tmp_path / "data"
    shutil.copytree(template.data_dir, target)
    return Vault(target)


Tamper = Callable[[sqlite3.Connection], None]


def _blob(connection: sqlite3.Connection, sql: str, *params: object) -> bytes:
    row = connection.execute(sql, params).fetchone()
    assert row is not None, sql
    return bytes(row[0])


def _flip(table: str, column: str, where: str, params: tuple[object, ...], position: int) -> Tamper:
    def tamper(connection: sqlite3.Connection) -> None:
        blob = bytearray(_blob(connection, f"SELECT {column} FROM {table} WHERE {where}", *params))
        blob[position % len(blob)] ^= 0x5A
        connection.execute(f"UPDATE {table} SET {column} = ? WHERE {where}", (bytes(blob), *params))

    return tamper


def _set_blob(
    table: str, column: str, where: str, params: tuple[object, ...], edit: Callable[[bytes], bytes]
) -> Tamper:
    def tamper(connection: sqlite3.Connection) -> None:
        blob = _blob(connection, f"SELECT {column} FROM {table} WHERE {where}", *params)
        connection.execute(f"UPDATE {table} SET {column} = ? WHERE {where}", (edit(blob), *params))

    return tamper


def _swap_entries(a: tuple[str, str], b: tuple[str, str]) -> Tamper:
    def tamper(connection: sqlite3.Connection) -> None:
        where = "client_id = ? AND id = ?"
        pa = _blob(connection, f"SELECT payload FROM entries WHERE {where}", *a)
        pb = _blob(connection, f"SELECT payload FROM entries WHERE {where}", *b)
        connection.execute(f"UPDATE entries SET payload = ? WHERE {where}", (pb, *a))
        connection.execute(f"UPDATE entries SET payload = ? WHERE {where}", (pa, *b))

    return tamper


def _sql(*statements: str) -> Tamper:
    def tamper(connection: sqlite3.Connection) -> None:
        for statement in statements:
            connection.execute(statement)

    return tamper


def _swap_clients(connection: sqlite3.Connection) -> None:
    rows = {r[0]: (r[1], r[2]) for r in connection.execute("SELECT id, wrapped_key, payload FROM clients")}
    for me, other in (("c1", "c2"), ("c2", "c1")):
        connection.execute("UPDATE clients SET wrapped_key = ?, payload = ? WHERE id = ?", (*rows[other], me))


E = "client_id = ? AND id = ?"
CASES: dict[str, tuple[Tamper, list[str]]] = {
    # One flipped byte: in the layout byte, the key version, the nonce, the body, the tag.
    "clients.payload layout byte": (_flip("clients", "payload", "id = ?", ("c1",), 0), ["clients c1"]),
    "clients.payload key version": (_flip("clients", "payload", "id = ?", ("c1",), 4), ["clients c1"]),
    "clients.payload nonce": (_flip("clients", "payload", "id = ?", ("c1",), 9), ["clients c1"]),
    "clients.payload body": (_flip("clients", "payload", "id = ?", ("c2",), 30), ["clients c2"]),
    "clients.payload tag": (_flip("clients", "payload", "id = ?", ("c1",), -1), ["clients c1"]),
    "clients.wrapped_key": (
        _flip("clients", "wrapped_key", "id = ?", ("c1",), 25),
        ["clients c1", "entries c1/e1", "entries c1/e4", "projects c1/p2"],
    ),
    "projects.payload": (_flip("projects", "payload", E, ("c1", "p2"), 20), ["projects c1/p2"]),
    "entries.payload": (_flip("entries", "payload", E, ("c1", "e3"), 40), ["entries c1/e3"]),
    "entries.payload tag": (_flip("entries", "payload", E, ("c2", "e2"), -3), ["entries c2/e2"]),
    "entries.payload truncated": (
        _set_blob("entries", "payload", E, ("c1", "e2"), lambda b: b[: len(b) // 2]),
        ["entries c1/e2"],
    ),
    "entries.payload cut below the overhead": (
        _set_blob("entries", "payload", E, ("c1", "e2"), lambda b: b[: OVERHEAD - 1]),
        ["entries c1/e2"],
    ),
    "entries.payload emptied": (
        _set_blob("entries", "payload", E, ("c1", "e2"), lambda b: b""),
        ["entries c1/e2"],
    ),
    "entries.payload extended": (
        _set_blob("entries", "payload", E, ("c1", "e2"), lambda b: b + b"\x00"),
        ["entries c1/e2"],
    ),
    "clients.wrapped_key truncated": (
        _set_blob("clients", "wrapped_key", "id = ?", ("c2",), lambda b: b[:-1]),
        ["clients c2"],
    ),
    "two entries swapped in one client": (
        _swap_entries(("c1", "e1"), ("c1", "e4")),
        ["entries c1/e1", "entries c1/e4"],
    ),
    "two entries swapped across clients": (
        _swap_entries(("c1", "e1"), ("c2", "e1")),
        ["entries c1/e1", "entries c2/e1"],
    ),
    "two projects swapped": (
        _sql(
            "UPDATE projects SET payload = (SELECT payload FROM projects WHERE client_id='c1' AND id='p2') "
            "WHERE client_id='c1' AND id='p1'"
        ),
        ["projects c1/p1"],
    ),
    "two clients swapped (key and payload)": (_swap_clients, ["clients c1", "clients c2"]),
    "entry copied into a new row": (
        _sql(
            "INSERT INTO entries (client_id, id, project_id, occurred_at_us, payload, version) "
            "SELECT client_id, 'e9', project_id, occurred_at_us, payload, version FROM entries "
            "WHERE client_id='c1' AND id='e1'"
        ),
        ["entries c1/e9"],
    ),
    "entry moved to another client": (
        _sql(
            "UPDATE entries SET client_id = 'c2' WHERE client_id = 'c1' AND id = 'e3'",
            "UPDATE entries SET project_id = 'p1' WHERE client_id = 'c2' AND id = 'e3'",
        ),
        ["entries c2/e3"],
    ),
    "clear occurred_at_us edited": (
        _sql(
            "UPDATE entries SET occurred_at_us = occurred_at_us + 86400000000 WHERE client_id='c1' AND id='e2'"
        ),
        ["entries c1/e2"],
    ),
    "clear occurred_at_us edited by one microsecond": (
        _sql("UPDATE entries SET occurred_at_us = occurred_at_us - 1 WHERE client_id='c2' AND id='e1'"),
        ["entries c2/e1"],
    ),
    "clear project_id edited": (
        _sql("UPDATE entries SET project_id = 'p2' WHERE client_id='c1' AND id='e1'"),
        ["entries c1/e1"],
    ),
    "clear project_id removed": (
        _sql("UPDATE entries SET project_id = NULL WHERE client_id='c1' AND id='e3'"),
        ["entries c1/e3"],
    ),
    "clear project_id added": (
        _sql("UPDATE entries SET project_id = 'p1' WHERE client_id='c1' AND id='e4'"),
        ["entries c1/e4"],
    ),
    "clear key_version edited": (_sql("UPDATE clients SET key_version = 2 WHERE id='c2'"), ["clients c2"]),
}


def _named(name: str, stderr: str) -> bool:
    """Whether stderr names the record: ``clients c1`` may also read ``the data key of client c1``."""
    table, row = name.split(" ", 1)
    if table == "clients":
        return re.search(rf"\bclients? {re.escape(row)}\b(?!/)", stderr) is not None
    return name in stderr


def _apply(vault: Vault, tamper: Tamper) -> None:
    connection = sqlite3.connect(vault.file)
    try:
        # Foreign keys stay off, as for an attacker editing the file with any SQLite tool.
        tamper(connection)
        connection.commit()
    finally:
        connection.close()


@pytest.mark.parametrize("case", list(CASES))
def test_check_detects_and_names_the_record(vault: Vault, case: str) -> None:
    tamper, names = CASES[case]
    _apply(vault, tamper)
    result = vault.run("check")
    assert result.returncode == 4, result
    assert result.stdout == ""
    assert result.stderr_lines[0].startswith("error:"), result
    for name in names:
        assert _named(name, result.stderr), f"{name!r} not named:\n{result}"
    assert "secret text" not in result.stderr and "sentinel" not in result.stderr


READERS = [
    "entries.payload",
    "entries.payload truncated",
    "two entries swapped in one client",
    "two entries swapped across clients",
    "clear occurred_at_us edited",
    "clear project_id edited",
    "clients.payload body",
    "clients.wrapped_key",
    "entry moved to another client",
]


@pytest.mark.parametrize("case", READERS)
def test_no_command_prints_altered_data(vault: Vault, case: str, tmp_path: Path) -> None:
    tamper, names = CASES[case]
    _apply(vault, tamper)
    affected = [name.split()[1].split("/") for name in names if name.startswith("entries")]
    sentinels = [_text(client, entry) for client, entry in affected]

    out = tmp_path / "export.json"
    exported = vault.run("export", "--out", out)
    assert exported.returncode == 4, exported
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export.json")]

    streamed = vault.run("export")
    assert streamed.returncode == 4, streamed
    searched = vault.run("search", "secret text", "--json")
    assert searched.returncode == 4, searched
    for result in (exported, streamed, searched):
        assert result.stderr_lines[0].startswith("error:"), result
        for sentinel in sentinels:
            assert sentinel not in result.stdout, result
    if any(name.startswith("clients") for name in names):
        listed = vault.run("clients")
        assert listed.returncode == 4, listed


def test_untampered_template_is_clean(template: Vault) -> None:
    assert template.ok("check").stdout.startswith("OK: 2 clients, 3 projects and 6 entries")


# ---- the same property at the service and crypto levels, for any byte of any ciphertext -----------------------


@pytest.fixture(scope="module")
def core_vault(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("core-tamper")
    url = sqlite_url(folder / "vault.sqlite3")
    vault, keys, _ = CoreVault.create(
        url, PASSPHRASE, clock=lambda: datetime.now(UTC), kdf=KdfParams.minimum()
    )
    from clientjournal.services.session import VaultSession

    session = VaultSession(vault, keys)
    session.transfer.import_document(parse_document(write_json(folder / "d.json", _document()).read_bytes()))
    vault.close()
    yield folder / "vault.sqlite3", url, keys


COLUMNS = [
    ("clients", "payload"),
    ("clients", "wrapped_key"),
    ("projects", "payload"),
    ("entries", "payload"),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_flipped_byte_of_any_stored_ciphertext_is_reported(core_vault, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    path, url, keys = core_vault
    table, column = data.draw(st.sampled_from(COLUMNS))
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(f"SELECT rowid, {column} FROM {table} ORDER BY rowid").fetchall()
        rowid, blob = data.draw(st.sampled_from(rows))
        position = data.draw(st.integers(0, len(blob) - 1))
        mask = data.draw(st.integers(1, 255))
        changed = bytearray(blob)
        changed[position] ^= mask
        connection.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (bytes(changed), rowid))
        connection.commit()
        from sqlalchemy import create_engine

        engine = create_engine(url)
        try:
            report = check_vault(engine, keys)
        finally:
            engine.dispose()
        keys.forget_client("c1")
        keys.forget_client("c2")
        assert not report.ok
        assert report.problems
    finally:
        connection.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (blob, rowid))
        connection.commit()
        connection.close()


REF = RecordRef("vault", "entries", "c1/e1", "payload")
OTHER_REFS = [
    RecordRef("other-vault", "entries", "c1/e1", "payload"),
    RecordRef("vault", "projects", "c1/e1", "payload"),
    RecordRef("vault", "entries", "c1/e2", "payload"),
    RecordRef("vault", "entries", "c2/e1", "payload"),
    RecordRef("vault", "entries", "c1/e1", "data_key/v1"),
    RecordRef("vault", "entries", "c1", "e1/payload"),
]


@settings(max_examples=300)
@given(plaintext=st.binary(max_size=300), data=st.data())
def test_record_cipher_rejects_any_changed_byte(plaintext: bytes, data: st.DataObject) -> None:
    cipher = RecordCipher(bytes(range(32)))
    blob = bytearray(cipher.encrypt(plaintext, REF))
    position = data.draw(st.integers(0, len(blob) - 1), label="position")
    blob[position] ^= data.draw(st.integers(1, 255), label="mask")
    with pytest.raises(IntegrityError) as caught:
        cipher.decrypt(bytes(blob), REF)
    assert caught.value.records == (REF.describe(),)


@given(plaintext=st.binary(max_size=300), data=st.data())
def test_record_cipher_rejects_truncation_and_extension(plaintext: bytes, data: st.DataObject) -> None:
    cipher = RecordCipher(bytes(range(32)))
    blob = cipher.encrypt(plaintext, REF)
    cut = data.draw(st.integers(0, len(blob) - 1))
    with pytest.raises(IntegrityError):
        cipher.decrypt(blob[:cut], REF)
    with pytest.raises(IntegrityError):
        cipher.decrypt(blob + data.draw(st.binary(min_size=1, max_size=20)), REF)


@given(plaintext=st.binary(max_size=100), other=st.sampled_from(OTHER_REFS))
def test_record_cipher_rejects_a_ciphertext_moved_elsewhere(plaintext: bytes, other: RecordRef) -> None:
    cipher = RecordCipher(bytes(range(32)))
    with pytest.raises(IntegrityError):
        cipher.decrypt(cipher.encrypt(plaintext, REF), other)
    with pytest.raises(IntegrityError):
        RecordCipher(bytes(32)).decrypt(cipher.encrypt(plaintext, REF), REF)  # another client's key
    with pytest.raises(IntegrityError):
        RecordCipher(bytes(range(32)), key_version=2).decrypt(cipher.encrypt(plaintext, REF), REF)


@pytest.mark.parametrize("damage", ["pages overwritten", "not a database at all"])
def test_a_damaged_database_file_is_an_integrity_error(vault: Vault, damage: str) -> None:
    """Corrupt data detected is exit 4 with one clear line, not an 'unexpected DatabaseError'."""
    data = bytearray(vault.file.read_bytes())
    if damage == "pages overwritten":
        data[4096:] = bytes((i * 7 + 3) % 251 for i in range(len(data) - 4096))
    else:
        data[:] = b"garbage " * 4000
    vault.file.write_bytes(bytes(data))
    for command in ("check", "export"):
        result = vault.run(command)
        assert result.returncode == 4, result
        assert len(result.stderr_lines) >= 1 and result.stderr_lines[0].startswith("error:"), result
        assert "unexpected" not in result.stderr, result
