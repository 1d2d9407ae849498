"""Sealed manifests of the records, so that ``check`` finds a record deleted, put back at an older version, or
inserted from elsewhere.

This module holds what a manifest is, how it is sealed and opened, and building the manifests of an older vault;
writing them is :mod:`~.manifest_edits`, checking them :mod:`~.manifest_check`.

Each ciphertext is bound to its row, so editing or moving one is found anyway; but a row deleted whole, or an older
ciphertext of the same row written back (a replay), decrypts fine. So every client has a **manifest**: the ids and
versions of its client row, projects and entries, sealed with the client's data key and updated in the same
transaction as every write to that client (once per transaction, however many rows it writes). The **vault
manifest** lists the clients (id → key version), sealed with a key derived from the vault key, and changes when a
client is added or deleted. :func:`~.manifest_check.manifest_problems` (run by ``check``) compares them with the rows.

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
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, delete, insert, select, update

from clientjournal.crypto.aead import RecordCipher, RecordRef
from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import IntegrityError
from clientjournal.storage.schema import clients, entries, manifests, projects

log = logging.getLogger(__name__)

CLIENT = "client"
VAULT = "vault"
CHUNK_ROWS = 500
"""Owners in one IN list, rows in one insert."""
TAG_BYTES = 12
"""How much of a record's GCM tag its stamp holds."""


def client_manifest_ref(keys: KeyChain, client_id: str) -> RecordRef:
    return keys.ref("manifests", f"client/{client_id}")


def _vault_manifest_ref(keys: KeyChain) -> RecordRef:
    return keys.ref("manifests", "vault")


Stamp = list[Any]
"""What the manifest holds of one record: ``[version, tag]``, the tag being the end of the record's GCM tag, so an
older ciphertext written back with the current version number is found too."""


def stamp(version: int, payload: bytes) -> Stamp:
    if not isinstance(payload, bytes):  # a damaged row (text or a number stored there): matches no manifest
        return [version, ""]
    return [version, base64.b64encode(payload[-TAG_BYTES:]).decode("ascii")]


def where_vault_manifest() -> tuple[Any, ...]:
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
        return cipher.encrypt(orjson.dumps(document), client_manifest_ref(keys, client_id))


def open_client_manifest(keys: KeyChain, cipher: RecordCipher, client_id: str, row: Any) -> ClientManifest:
    ref = client_manifest_ref(keys, client_id)
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


def seal_vault_manifest(keys: KeyChain, version: int, listed: dict[str, int]) -> bytes:
    document = {"v": version, "clients": listed}
    return keys.vault_items_cipher().encrypt(orjson.dumps(document), _vault_manifest_ref(keys))


def open_vault_manifest(keys: KeyChain, row: Any) -> dict[str, int]:
    ref = _vault_manifest_ref(keys)
    document = orjson.loads(keys.vault_items_cipher().decrypt(row.payload, ref))
    if not isinstance(document, dict) or document.get("v") != row.version:
        raise IntegrityError("the vault manifest does not match its row", (ref.describe(),))
    return dict(document["clients"])


NOT_BUILT = object()
"""What :func:`vault_manifest_row` returns for a vault whose manifests are not built yet."""


def vault_manifest_row(connection: Connection, *, lock: bool) -> Any:
    """The vault manifest's row, None when it is missing, or NOT_BUILT (the 0002 migration's mark)."""
    query = select(manifests).where(*where_vault_manifest())
    row = connection.execute(query.with_for_update() if lock else query).first()
    if row is not None and not row.payload and row.version == 0:
        return NOT_BUILT
    return row


# ---- building (older vaults) -----------------------------------------------------------------------------------


def ensure_manifests(engine: Engine, keys: KeyChain) -> bool:
    """Build every manifest from the rows as they are, if the vault's are not built yet (a vault from before
    manifests, at its first unlock). One transaction; True if it built them."""
    with engine.connect() as connection:
        if vault_manifest_row(connection, lock=False) is not NOT_BUILT:
            return False
    with engine.begin() as connection:
        # Claim the build first: the write lock on SQLite, the row lock on PostgreSQL; another builder finds 0 rows.
        claimed = connection.execute(
            update(manifests).where(*where_vault_manifest(), manifests.c.version == 0).values(version=1)
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
        for start in range(0, len(rows), CHUNK_ROWS):
            connection.execute(insert(manifests), rows[start : start + CHUNK_ROWS])
        connection.execute(
            update(manifests)
            .where(*where_vault_manifest())
            .values(payload=seal_vault_manifest(keys, 1, listed))
        )
    log.info("record manifests built for %d clients (a vault from before manifests)", len(built))
    return True
