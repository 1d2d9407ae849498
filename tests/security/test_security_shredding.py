"""Deleting a client leaves nothing of it that any key still in the vault can open: not its entries, projects or
name, and not the autosaved entries of its entries.

After ``clientjournal-cli delete-client`` and after the window's delete path (the core call its job makes,
:meth:`VaultSession.delete_client`), the SQLite file is opened directly, every key left in the vault is collected
(the vault key, the settings key derived from it, every remaining client's data key unwrapped by the core) plus
the deleted client's own data key captured before the deletion, and every key is tried on every ciphertext in
every table (and on ciphertexts nested in decrypted settings, such as autosaves) with every plausible associated
data. None may decrypt to anything of the deleted client, and its words are in no file of the data folder.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from secutil import NOW, PASSPHRASE, encodings_of, files_containing, new_vault, write_json

from clientjournal.crypto.aead import OVERHEAD, RecordRef
from clientjournal.crypto.keys import expand_key, unwrap_key
from clientjournal.exchange import parse_document
from clientjournal.services.autosave import AUTOSAVE_SETTING, AUTOSAVE_TABLE
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url

GONE, STAYS = "c-gone", "c-stays"
GONE_WORDS = ("name", "project", "text", "mood", "autosave", "edit_autosave")


def _markers() -> dict[str, str]:
    base = "Qvxz" + uuid.uuid4().hex
    return {w: f"{base}gone{w}" for w in GONE_WORDS} | {
        "stays_text": f"{base}staystext",
        "stays_autosave": f"{base}staysautosave",
    }


def _document(m: dict[str, str]) -> dict[str, Any]:
    entry = {"occurred_at": "2026-11-02T14:00:00+01:00", "kind": "note", "channel": "email", "promise": None}
    return {
        "format": "clientjournal",
        "version": 1,
        "exported_at": NOW,
        "clients": [
            {
                "id": GONE,
                "name": f"Kari {m['name']}",
                "projects": [{"id": "p1", "title": f"Website {m['project']}", "status": "active"}],
                "entries": [
                    {
                        **entry,
                        "id": "e1",
                        "project": "p1",
                        "text": f"Signed. {m['text']}.",
                        "moods": [m["mood"]],
                    },
                ],
            },
            {
                "id": STAYS,
                "name": "Ola Nordmann",
                "projects": [{"id": "p1", "title": "Shop", "status": "active"}],
                "entries": [{**entry, "id": "e1", "project": "p1", "text": m["stays_text"], "moods": []}],
            },
        ],
    }


def _autosave(client_id: str, text: str, entry_id: str | None = None) -> dict[str, Any]:
    return {"client_id": client_id, "entry_id": entry_id, "text": text, "saved_at": NOW}


def _autosaves(m: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {
        f"{GONE}|": _autosave(GONE, m["autosave"]),
        f"{GONE}|e1": _autosave(GONE, m["edit_autosave"], "e1"),
        f"{STAYS}|": _autosave(STAYS, m["stays_autosave"]),
    }


def _open_session(database: Path) -> VaultSession:
    vault = Vault.open(sqlite_url(database), clock=lambda: datetime.now(UTC))
    return VaultSession(vault, vault.unlock(PASSPHRASE))


def _add_autosaves(session: VaultSession, m: dict[str, str], *, legacy: bool) -> None:
    """Autosaves as the entry editor stores them (through the core), or as older versions left them."""
    if legacy:
        session.settings.write(AUTOSAVE_SETTING, {"version": 1, "items": _autosaves(m)})
    else:
        for key, data in _autosaves(m).items():
            session.autosave.store(key, data)
    assert {d["text"] for d in session.autosave.all().values()} == {
        m["autosave"],
        m["edit_autosave"],
        m["stays_autosave"],
    }


def _data_key(session: VaultSession, database: Path, client_id: str) -> bytes:
    with sqlite3.connect(database) as connection:
        wrapped, version = connection.execute(
            "SELECT wrapped_key, key_version FROM clients WHERE id = ?", (client_id,)
        ).fetchone()
    connection.close()
    keys = session.keys
    return unwrap_key(keys.vault_key, bytes(wrapped), keys.client_key_ref(client_id, version))


# ---- the survey: every key on every ciphertext ----------------------------------------------------------------


def _rows(database: Path) -> dict[str, list[dict[str, Any]]]:
    connection = sqlite3.connect(database)
    connection.row_factory = sqlite3.Row
    try:
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: [dict(r) for r in connection.execute(f'SELECT * FROM "{name}"')] for name in names}
    finally:
        connection.close()


def _nested_blobs(value: Any) -> Iterator[tuple[str, bytes]]:
    """(name, ciphertext) for every base64 string in a JSON document that looks like a stored ciphertext."""
    if isinstance(value, dict):
        for name, inner in value.items():
            if isinstance(inner, str):
                try:
                    blob = base64.b64decode(inner, validate=True)
                except (binascii.Error, ValueError):
                    continue
                if len(blob) >= OVERHEAD and blob[0] in (1, 2):  # either layout
                    yield str(name), blob
            else:
                yield from _nested_blobs(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _nested_blobs(inner)


def _json_names(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for name, inner in value.items():
            yield str(name)
            yield from _json_names(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _json_names(inner)


def _try(aead: AESGCM, blob: bytes, aads: Iterable[bytes]) -> bytes | None:
    if len(blob) < OVERHEAD:
        return None
    nonce, sealed = blob[5:17], blob[17:]
    for aad in aads:
        try:
            return aead.decrypt(nonce, sealed, aad)
        except InvalidTag:
            continue
    return None


def _survey(
    database: Path, vault_id: str, keys: dict[str, bytes], extra_rows: Iterable[str]
) -> list[tuple[str, bytes]]:
    """(key name, plaintext) for every ciphertext in the file that one of ``keys`` opens.

    The associated data of a ciphertext is its header plus vault id, table, row id and field; all combinations of
    the file's table names (and the autosaves' ``drafts``), every text value and ``client/id`` pair of every row,
    the names in decrypted JSON documents and ``extra_rows``, and every column name plus ``payload`` and ``data_key/v*`` are
    tried.
    """
    tables = _rows(database)
    row_ids: set[str] = set(extra_rows)
    for rows in tables.values():
        for row in rows:
            texts = [str(v) for v in row.values() if isinstance(v, str | int) and not isinstance(v, bool)]
            row_ids.update(texts)
            if "client_id" in row and "id" in row:
                row_ids.add(f"{row['client_id']}/{row['id']}")
    table_names = {*tables, AUTOSAVE_TABLE}
    fields = {"payload", "data_key/v1", "data_key/v2"} | {
        c for rows in tables.values() for r in rows for c in r
    }
    blobs = [
        (table, bytes(v))
        for table, rows in tables.items()
        for r in rows
        for v in r.values()
        if isinstance(v, bytes)
    ]
    assert blobs, "nothing to survey"
    aeads = {name: AESGCM(key) for name, key in keys.items()}
    opened: list[tuple[str, bytes]] = []
    seen: set[bytes] = set()
    while blobs:
        found = []
        for _where, blob in blobs:
            if blob in seen:
                continue
            seen.add(blob)
            header = blob[:5]
            aads = [
                RecordRef(vault_id, table, row, field).associated_data(header)
                for table in table_names
                for row in row_ids
                for field in fields
            ]
            for name, aead in aeads.items():
                plaintext = _try(aead, blob, aads)
                if plaintext is not None:
                    opened.append((name, plaintext))
                    found.append(plaintext)
        blobs = []
        for plaintext in found:  # ciphertexts inside decrypted documents (autosaves sealed per client)
            try:
                document = json.loads(plaintext)
            except ValueError:
                continue
            row_ids.update(_json_names(document))
            blobs.extend(_nested_blobs(document))
    return opened


def _assert_nothing_of_the_deleted_client_left(data_dir: Path, m: dict[str, str], dead_key: bytes) -> None:
    database = data_dir / "vault.sqlite3"
    session = _open_session(database)
    try:
        keys = session.keys
        vault_id = keys.vault_id
        every_key = {
            "vault": keys.vault_key,
            "vault items": expand_key(keys.vault_key, "vault-items", vault_id),
            f"dead {GONE}": dead_key,
        }
        with sqlite3.connect(database) as connection:
            left = connection.execute("SELECT id, wrapped_key, key_version FROM clients").fetchall()
        connection.close()
        assert [row[0] for row in left] == [STAYS]
        for client_id, wrapped, version in left:
            every_key[client_id] = unwrap_key(
                keys.vault_key, bytes(wrapped), keys.client_key_ref(client_id, version)
            )
        assert [d["text"] for d in session.autosave.all().values()] == [m["stays_autosave"]]
    finally:
        session.close()

    opened = _survey(database, vault_id, every_key, [f"{GONE}/p1", f"{GONE}/e1", GONE, *_autosaves(m)])
    everything = b"\n".join(plaintext for _name, plaintext in opened)
    # The survey really opens what is left: the remaining client's entry and its autosave (nested in a setting).
    assert m["stays_text"].encode() in everything
    assert m["stays_autosave"].encode() in everything
    assert b"Ola Nordmann" in everything
    leaks = [
        (name, word) for name, plaintext in opened for word in GONE_WORDS if m[word].encode() in plaintext
    ]
    assert leaks == []
    assert [name for name, _plaintext in opened if name == f"dead {GONE}"] == []
    needles = [n for word in GONE_WORDS for n in encodings_of(m[word]).values()]
    assert files_containing(data_dir, needles) == []


@pytest.mark.parametrize("legacy", [False, True], ids=["autosaves", "old-format-autosaves"])
def test_delete_client_via_the_cli_leaves_nothing_any_key_opens(tmp_path: Path, legacy: bool) -> None:
    m = _markers()
    vault = new_vault(tmp_path)
    vault.ok("import", write_json(tmp_path / "in.json", _document(m)))
    session = _open_session(vault.file)
    try:
        _add_autosaves(session, m, legacy=legacy)
        dead_key = _data_key(session, vault.file, GONE)
    finally:
        session.close()

    vault.ok("delete-client", GONE, "--yes")

    _assert_nothing_of_the_deleted_client_left(vault.data_dir, m, dead_key)


def test_delete_client_via_the_windows_core_call_leaves_nothing_any_key_opens(tmp_path: Path) -> None:
    """The window's delete job calls ``session.delete_client`` on an open session (see ClientManager)."""
    m = _markers()
    vault = new_vault(tmp_path)
    session = _open_session(vault.file)
    try:
        session.transfer.import_document(parse_document(json.dumps(_document(m)).encode()))
        _add_autosaves(session, m, legacy=False)
        dead_key = _data_key(session, vault.file, GONE)
        session.delete_client(GONE)
        assert [c.id for c in session.journal.list_clients()] == [STAYS]
    finally:
        session.close()

    _assert_nothing_of_the_deleted_client_left(vault.data_dir, m, dead_key)
