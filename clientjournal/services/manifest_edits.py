"""Writing the manifests: what one transaction changes in them (:class:`ManifestEdits`), applied at its end.

Every write to a client's rows records itself here; the client's manifest is then read, checked against what the
write found stored, changed and sealed again once per transaction, and the vault manifest when clients came or
went (see :mod:`clientjournal.services.manifests`).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from clientjournal.crypto.aead import RecordCipher
from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import ConcurrentEditError, IntegrityError
from clientjournal.services.manifests import (
    CHUNK_ROWS,
    CLIENT,
    NOT_BUILT,
    TAG_BYTES,
    ClientManifest,
    client_manifest_ref,
    open_client_manifest,
    open_vault_manifest,
    seal_vault_manifest,
    vault_manifest_row,
    where_vault_manifest,
)
from clientjournal.storage.schema import manifests


@dataclass(slots=True)
class _ClientEdit:
    cipher: RecordCipher
    new: bool = False
    changes: list[tuple[str, str, int, bytes]] = field(default_factory=list)
    """(table, record id, version stored or 0 for deleted, payload's tag): kept raw, as import adds 100,000."""


class ManifestEdits:
    """What one transaction changes in the manifests, applied once at its end (:meth:`apply`)."""

    def __init__(self, keys: KeyChain) -> None:
        self.keys = keys
        self._clients: dict[str, _ClientEdit] = {}
        self._added: dict[str, int] = {}
        self._removed: set[str] = set()

    def saved(
        self, client_id: str, cipher: RecordCipher, table: str, record_id: str, version: int, payload: bytes
    ) -> None:
        """A record of ``table`` ("clients", "projects", "entries") stored at ``version`` (1: newly inserted) with
        ``payload``."""
        edit = self._clients.get(client_id)
        if edit is None:
            edit = self._clients[client_id] = _ClientEdit(cipher)
        if version == 1 and table == "clients":
            edit.new = True
            self._added[client_id] = cipher.key_version
        edit.changes.append((table, record_id, version, payload[-TAG_BYTES:]))

    def deleted(self, client_id: str, cipher: RecordCipher, table: str, record_id: str) -> None:
        edit = self._clients.get(client_id)
        if edit is None:
            edit = self._clients[client_id] = _ClientEdit(cipher)
        edit.changes.append((table, record_id, 0, b""))

    def client_deleted(self, client_id: str) -> None:
        self._clients.pop(client_id, None)
        self._removed.add(client_id)

    def apply(self, connection: Connection) -> None:
        """Read, check, change and write back each touched client's manifest, and the vault's if clients came or
        went. Run after the transaction's row writes: SQLite then holds the write lock, and on PostgreSQL the
        manifest rows are locked (FOR UPDATE), so concurrent writers to one client queue rather than lose updates.
        """
        if not (self._clients or self._removed):
            return
        stored = self._locked_client_rows(
            connection, sorted(c for c, e in self._clients.items() if not e.new)
        )
        new_rows = []
        for client_id in sorted(self._clients):
            edit = self._clients[client_id]
            row = stored.get(client_id)
            if edit.new:
                manifest = ClientManifest(1)
            elif row is None:
                if vault_manifest_row(connection, lock=False) is NOT_BUILT:
                    continue  # built from the rows at the next unlock
                where = client_manifest_ref(self.keys, client_id).describe()
                raise IntegrityError(f"the manifest of client {client_id} is missing; run check", (where,))
            else:
                manifest = open_client_manifest(self.keys, edit.cipher, client_id, row)
                manifest.version = row.version + 1
            self._change(client_id, manifest, edit.changes)
            payload = manifest.seal(self.keys, edit.cipher, client_id)
            if row is None:
                new_rows.append({"kind": CLIENT, "owner": client_id, "payload": payload, "version": 1})
                continue
            result = connection.execute(
                update(manifests)
                .where(
                    manifests.c.kind == CLIENT,
                    manifests.c.owner == client_id,
                    manifests.c.version == row.version,
                )
                .values(payload=payload, version=manifest.version)
            )
            if result.rowcount == 0:
                raise ConcurrentEditError(
                    "this client was changed elsewhere meanwhile; reload it and try again"
                )
        if new_rows:
            owners = [row["owner"] for row in new_rows]
            for start in range(0, len(owners), CHUNK_ROWS):  # a stale row of a client deleted from outside
                stale = owners[start : start + CHUNK_ROWS]
                connection.execute(
                    delete(manifests).where(manifests.c.kind == CLIENT, manifests.c.owner.in_(stale))
                )
            connection.execute(insert(manifests), new_rows)
        for client_id in sorted(self._removed):
            connection.execute(
                delete(manifests).where(manifests.c.kind == CLIENT, manifests.c.owner == client_id)
            )
        if self._added or self._removed:
            self._apply_vault(connection)

    def _locked_client_rows(self, connection: Connection, client_ids: list[str]) -> dict[str, Any]:
        rows: dict[str, Any] = {}
        for start in range(0, len(client_ids), CHUNK_ROWS):
            query = (
                select(manifests)
                .where(
                    manifests.c.kind == CLIENT, manifests.c.owner.in_(client_ids[start : start + CHUNK_ROWS])
                )
                .with_for_update()  # nothing on SQLite, whose writers already hold the one write lock here
            )
            rows.update({row.owner: row for row in connection.execute(query)})
        return rows

    def _change(
        self,
        client_id: str,
        manifest: ClientManifest,
        changes: list[tuple[str, str, int, bytes]],
    ) -> None:
        encode = base64.b64encode
        for table, record_id, version, tag in changes:
            after = [version, encode(tag).decode("ascii")]
            if table == "clients":
                listed = manifest.client[0]
                manifest.client = after
            else:
                versions = manifest.projects if table == "projects" else manifest.entries
                listed = versions.get(record_id, (0,))[0]
                if version:
                    versions[record_id] = after
                else:
                    versions.pop(record_id, None)
            if version and listed != version - 1:
                name = f"clients {client_id}" if table == "clients" else f"{table} {client_id}/{record_id}"
                raise IntegrityError(
                    f"{name} does not match its client's manifest (stored at version {version - 1}, the manifest "
                    f"says {listed or 'none'}): deleted or replayed; run check",
                    (name,),
                )

    def _apply_vault(self, connection: Connection) -> None:
        row = vault_manifest_row(connection, lock=True)
        if row is NOT_BUILT:
            return
        if row is None:
            raise IntegrityError("the vault manifest is missing; run check", ("manifests vault",))
        listed = open_vault_manifest(self.keys, row)
        for client_id, key_version in self._added.items():
            if client_id in listed:
                raise IntegrityError(
                    f"clients {client_id} is in the vault manifest already (deleted from outside?); run check",
                    (f"clients {client_id}",),
                )
            listed[client_id] = key_version
        for client_id in self._removed:
            listed.pop(client_id, None)
        result = connection.execute(
            update(manifests)
            .where(*where_vault_manifest(), manifests.c.version == row.version)
            .values(payload=seal_vault_manifest(self.keys, row.version + 1, listed), version=row.version + 1)
        )
        if result.rowcount == 0:
            raise ConcurrentEditError("the list of clients was changed elsewhere meanwhile; try again")


@contextmanager
def manifest_edits(keys: KeyChain, connection: Connection) -> Iterator[ManifestEdits]:
    """``with engine.begin() as c, manifest_edits(keys, c) as edits:`` — applied when the body succeeds."""
    edits = ManifestEdits(keys)
    yield edits
    edits.apply(connection)
