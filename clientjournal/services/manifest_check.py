"""Checking the manifests against the rows: every record deleted, put back at an older version, or inserted.

Run by ``check`` (:mod:`~.maintenance`); reports ids only, never content.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import IntegrityError
from clientjournal.services.manifests import (
    CLIENT,
    NOT_BUILT,
    Stamp,
    open_client_manifest,
    open_vault_manifest,
    stamp,
    vault_manifest_row,
)
from clientjournal.storage.schema import clients, entries, manifests, projects

_TABLES = ("projects", "entries")


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
    vault_row = vault_manifest_row(connection, lock=False)
    if vault_row is NOT_BUILT:
        return problems  # built at the next unlock
    listed: dict[str, int] | None = None
    if vault_row is None:
        problems.append("the vault manifest is missing (deleted)")
    else:
        try:
            listed = open_vault_manifest(keys, vault_row)
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
