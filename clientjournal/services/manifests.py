"""Sealed manifests of the records, so that ``check`` finds a record deleted, put back at an older version, or
inserted from elsewhere.

Each ciphertext is bound to its row, so editing or moving one is found anyway; but a row deleted whole, or an older
ciphertext of the same row written back (a replay), decrypts fine. So every client has a **manifest**: the ids and
versions of its client row, projects and entries, sealed with the client's data key and updated in the same
transaction as every write to that client (once per transaction, however many rows it writes). The **vault
manifest** lists the clients (id → key version), sealed with a key derived from the vault key, and changes when a
client is added or deleted. :func:`manifest_problems` (run by ``check``) compares them with the rows.

A write also checks the manifest entry of what it changes: a record stored at another version than the manifest
says is refused (IntegrityError) rather than sealed as if nothing had happened.

What this cannot find, without state kept outside the vault:

- **Rolling back the whole file** (or the whole PostgreSQL database) to an older copy: the older copy is
  consistent with its own manifests.
- Rolling back one client consistently (its rows *and* its manifest, from an older copy of the same vault): the
  vault manifest holds the clients' ids, not their manifests' versions, so that writers to different clients never
  contend for one row.
- A vault whose manifests are "not built yet" (an older vault before its first unlock, marked so by the 0002
  migration) is sealed from its rows as they are then; writing that mark back by hand into a sealed vault makes
  the next unlock seal the rows as they are. ``check`` reports a missing vault manifest.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, delete, insert, select, update

from clientjournal.crypto.aead import RecordCipher, RecordRef
from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import ConcurrentEditError, IntegrityError
from clientjournal.storage.schema import clients, entries, manifests, projects

log = logging.getLogger(__name__)

CLIENT = "client"
VAULT = "vault"
_CHUNK = 500
_TABLES = ("projects", "entries")
_TAG_BYTES = 12


def _client_ref(keys: KeyChain, client_id: str) -> RecordRef:
    return keys.ref("manifests", f"client/{client_id}")


def _vault_ref(keys: KeyChain) -> RecordRef:
    return keys.ref("manifests", "vault")


Stamp = list[Any]
"""What the manifest holds of one record: ``[version, tag]``, the tag being the end of the record's GCM tag, so an
older ciphertext written back with the current version number is found too."""


def stamp(version: int, payload: bytes) -> Stamp:
    if not isinstance(payload, bytes):  # a damaged row (text or a number stored there): matches no manifest
        return [version, ""]
    return [version, base64.b64encode(payload[-_TAG_BYTES:]).decode("ascii")]


def _where_vault() -> tuple[Any, ...]:
    return (manifests.c.kind == VAULT, manifests.c.owner == "")


@dataclass(slots=True)
class ClientManifest:
    version: int
    """The manifest row's own version (also inside the sealed payload, so the clear column cannot be edited)."""
    client: Stamp = field(default_factory=lambda: [0, ""])
    projects: dict[str, Stamp] = field(default_factory=dict)
    entries: dict[str, Stamp] = field(default_factory=dict)

    def seal(self, keys: KeyChain, cipher: RecordCipher, client_id: str) -> bytes:
        document = {
            "v": self.version,
            "client": self.client,
            "projects": self.projects,
            "entries": self.entries,
        }
        return cipher.encrypt(orjson.dumps(document), _client_ref(keys, client_id))


def open_client_manifest(keys: KeyChain, cipher: RecordCipher, client_id: str, row: Any) -> ClientManifest:
    ref = _client_ref(keys, client_id)
    document = orjson.loads(cipher.decrypt(row.payload, ref))
    try:
        manifest = ClientManifest(
            int(document["v"]),
            list(document["client"]),
            dict(document["projects"]),
            dict(document["entries"]),
        )
    except (KeyError, TypeError, ValueError):
        raise IntegrityError(
            f"the manifest of client {client_id} has an unexpected shape", (ref.describe(),)
        ) from None
    if manifest.version != row.version:
        raise IntegrityError(f"the manifest of client {client_id} does not match its row", (ref.describe(),))
    return manifest


def _seal_vault(keys: KeyChain, version: int, listed: dict[str, int]) -> bytes:
    document = {"v": version, "clients": listed}
    return keys.vault_items_cipher().encrypt(orjson.dumps(document), _vault_ref(keys))


def _open_vault(keys: KeyChain, row: Any) -> dict[str, int]:
    ref = _vault_ref(keys)
    document = orjson.loads(keys.vault_items_cipher().decrypt(row.payload, ref))
    if not isinstance(document, dict) or document.get("v") != row.version:
        raise IntegrityError("the vault manifest does not match its row", (ref.describe(),))
    return dict(document["clients"])


# ---- writing ---------------------------------------------------------------------------------------------------


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
        edit.changes.append((table, record_id, version, payload[-_TAG_BYTES:]))

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
                if _vault_row(connection, lock=False) is _NOT_BUILT:
                    continue  # built from the rows at the next unlock
                where = _client_ref(self.keys, client_id).describe()
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
            for start in range(0, len(owners), _CHUNK):  # a stale row of a client deleted from outside
                stale = owners[start : start + _CHUNK]
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
        for start in range(0, len(client_ids), _CHUNK):
            query = (
                select(manifests)
                .where(manifests.c.kind == CLIENT, manifests.c.owner.in_(client_ids[start : start + _CHUNK]))
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
        row = _vault_row(connection, lock=True)
        if row is _NOT_BUILT:
            return
        if row is None:
            raise IntegrityError("the vault manifest is missing; run check", ("manifests vault",))
        listed = _open_vault(self.keys, row)
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
            .where(*_where_vault(), manifests.c.version == row.version)
            .values(payload=_seal_vault(self.keys, row.version + 1, listed), version=row.version + 1)
        )
        if result.rowcount == 0:
            raise ConcurrentEditError("the list of clients was changed elsewhere meanwhile; try again")


_NOT_BUILT = object()


def _vault_row(connection: Connection, *, lock: bool) -> Any:
    """The vault manifest's row, None when it is missing, or _NOT_BUILT (the 0002 migration's mark)."""
    query = select(manifests).where(*_where_vault())
    row = connection.execute(query.with_for_update() if lock else query).first()
    if row is not None and not row.payload and row.version == 0:
        return _NOT_BUILT
    return row


@contextmanager
def manifest_edits(keys: KeyChain, connection: Connection) -> Iterator[ManifestEdits]:
    """``with engine.begin() as c, manifest_edits(keys, c) as edits:`` — applied when the body succeeds."""
    edits = ManifestEdits(keys)
    yield edits
    edits.apply(connection)


# ---- building (older vaults) -----------------------------------------------------------------------------------


def ensure_manifests(engine: Engine, keys: KeyChain) -> bool:
    """Build every manifest from the rows as they are, if the vault's are not built yet (a vault from before
    manifests, at its first unlock). One transaction; True if it built them."""
    with engine.connect() as connection:
        if _vault_row(connection, lock=False) is not _NOT_BUILT:
            return False
    with engine.begin() as connection:
        # Claim the build first: the write lock on SQLite, the row lock on PostgreSQL; another builder finds 0 rows.
        claimed = connection.execute(
            update(manifests).where(*_where_vault(), manifests.c.version == 0).values(version=1)
        ).rowcount
        if not claimed:
            return False
        built: dict[str, ClientManifest] = {}
        listed: dict[str, int] = {}
        ciphers: dict[str, RecordCipher] = {}
        for row in connection.execute(
            select(
                clients.c.id,
                clients.c.wrapped_key,
                clients.c.key_version,
                clients.c.version,
                clients.c.payload,
            )
        ):
            listed[row.id] = row.key_version
            try:
                ciphers[row.id] = keys.client_cipher(row.id, row.wrapped_key, row.key_version)
            except IntegrityError:  # left to check, which names the failing key
                log.warning("client %s not sealed while building the manifests: its key fails", row.id)
                continue
            built[row.id] = ClientManifest(1, stamp(row.version, row.payload))
        for table in (projects, entries):
            for owner, record_id, version, payload in connection.execute(
                select(table.c.client_id, table.c.id, table.c.version, table.c.payload)
            ):
                if owner in built:
                    getattr(built[owner], table.name)[record_id] = stamp(version, payload)
        connection.execute(delete(manifests).where(manifests.c.kind == CLIENT))
        rows = [
            {"kind": CLIENT, "owner": cid, "payload": m.seal(keys, ciphers[cid], cid), "version": 1}
            for cid, m in built.items()
        ]
        for start in range(0, len(rows), _CHUNK):
            connection.execute(insert(manifests), rows[start : start + _CHUNK])
        connection.execute(
            update(manifests).where(*_where_vault()).values(payload=_seal_vault(keys, 1, listed))
        )
    log.info("record manifests built for %d clients (a vault from before manifests)", len(built))
    return True


# ---- checking --------------------------------------------------------------------------------------------------


def _compare(problems: list[str], name: str, stored: Stamp | None, listed: Stamp | None) -> None:
    if stored == listed:
        return
    if stored is None:
        assert listed is not None
        problems.append(f"{name} is missing (deleted: its client's manifest lists version {listed[0]})")
    elif listed is None:
        problems.append(f"{name} is not in its client's manifest (inserted from elsewhere)")
    elif stored[0] < listed[0]:
        problems.append(
            f"{name} is older than its client's manifest says (version {stored[0]}, manifest {listed[0]})"
        )
    elif stored[0] > listed[0]:
        problems.append(
            f"{name} is newer than its client's manifest says (version {stored[0]}, manifest {listed[0]})"
        )
    else:
        problems.append(f"{name} is not the ciphertext its client's manifest lists (an older copy put back)")


def manifest_problems(connection: Connection, keys: KeyChain) -> list[str]:
    """Every record missing, unexpected, or at another version than the manifests say; ids only, never content.

    A client whose key fails is left out (that failure is reported by the decrypting check)."""
    problems: list[str] = []
    vault_row = _vault_row(connection, lock=False)
    if vault_row is _NOT_BUILT:
        return problems  # built at the next unlock
    listed: dict[str, int] | None = None
    if vault_row is None:
        problems.append("the vault manifest is missing (deleted)")
    else:
        try:
            listed = _open_vault(keys, vault_row)
        except IntegrityError as exc:
            problems.append(str(exc))
    present = {
        row.id: row
        for row in connection.execute(
            select(
                clients.c.id,
                clients.c.wrapped_key,
                clients.c.key_version,
                clients.c.version,
                clients.c.payload,
            )
        )
    }
    if listed is not None:
        problems.extend(
            f"clients {cid} is missing (deleted: the vault manifest lists it)"
            for cid in sorted(set(listed) - set(present))
        )
        problems.extend(
            f"clients {cid} is not in the vault manifest (inserted from elsewhere)"
            for cid in sorted(set(present) - set(listed))
        )
    stored: dict[str, dict[str, dict[str, Stamp]]] = {cid: {"projects": {}, "entries": {}} for cid in present}
    for stored_table in (projects, entries):
        for owner, record_id, version, payload in connection.execute(
            select(
                stored_table.c.client_id, stored_table.c.id, stored_table.c.version, stored_table.c.payload
            )
        ):
            if owner in stored:
                stored[owner][stored_table.name][record_id] = stamp(version, payload)
    manifest_rows = {
        row.owner: row for row in connection.execute(select(manifests).where(manifests.c.kind == CLIENT))
    }
    for cid in sorted(present):
        row = present[cid]
        try:
            cipher = keys.client_cipher(cid, row.wrapped_key, row.key_version)
        except IntegrityError:
            continue
        manifest_row = manifest_rows.get(cid)
        if manifest_row is None:
            problems.append(f"the manifest of client {cid} is missing (deleted)")
            continue
        try:
            manifest = open_client_manifest(keys, cipher, cid, manifest_row)
        except (IntegrityError, ValueError) as exc:
            problems.append(
                str(exc)
                if isinstance(exc, IntegrityError)
                else f"the manifest of client {cid} is not readable"
            )
            continue
        _compare(problems, f"clients {cid}", stamp(row.version, row.payload), manifest.client)
        for table in _TABLES:
            versions: dict[str, Stamp] = getattr(manifest, table)
            mine = stored[cid][table]
            for record_id in sorted(set(versions) | set(mine)):
                _compare(problems, f"{table} {cid}/{record_id}", mine.get(record_id), versions.get(record_id))
    return problems
