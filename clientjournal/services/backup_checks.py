"""Work on one backup file: copy the vault into it, check it with the vault's keys without changing it, count what
it holds, rewrite it without a deleted client, and a fingerprint of the live vault (has anything been written
since the last backup?).

The copy and the check use connections and key chains of their own, so an automatic backup can run beside the
session's worker (see :meth:`~clientjournal.services.backups.BackupService.take`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import IntegrityError, ValidationError, VaultError
from clientjournal.private_files import private_file
from clientjournal.services.journal import Progress
from clientjournal.services.maintenance import CheckReport, check_vault, scrub_freed_data
from clientjournal.services.vault import Clock, Vault
from clientjournal.storage.database import sqlite_url
from clientjournal.storage.schema import clients, entries, manifests, projects, vault_items, vault_meta

_CLIENT_ROWS = (
    "SELECT 1 FROM clients WHERE id = ? LIMIT 1",
    "SELECT 1 FROM projects WHERE client_id = ? LIMIT 1",
    "SELECT 1 FROM entries WHERE client_id = ? LIMIT 1",
)


def copy_vault_file(source: Path, destination: Path, progress: Progress | None = None) -> None:
    """Copy the SQLite vault at ``source`` (ciphertext only) to a new standalone file, atomically.

    One step of SQLite's online backup, on a connection of its own, reads one consistent snapshot: in WAL mode
    the vault's writers go on meanwhile. A copy in many small steps would start over whenever another connection
    writes, and might never finish while the user keeps saving.
    """
    destination = destination.resolve()
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".part", dir=destination.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        source_connection = sqlite3.connect(source)
        sink = sqlite3.connect(temp)
        try:
            source_connection.backup(sink)  # all pages in one step
            sink.execute("PRAGMA journal_mode=DELETE")  # no WAL beside it: one file is the whole backup
        finally:
            sink.close()
            source_connection.close()
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, destination)
    except BaseException:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm"), Path(f"{temp}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    if progress:
        progress(1, 1)


def check_backup_file(path: Path, keys: KeyChain, *, decrypt_entries: bool = True) -> CheckReport:
    """Open the file read-only as a vault with this vault id and decrypt every record with fresh keys (a client
    key cached from the live vault must not hide a damaged wrapped key in the file)."""
    engine = _read_only_engine(path)
    try:
        with engine.connect() as connection:
            ids = connection.execute(select(vault_meta.c.vault_id)).scalars().all()
        if ids != [keys.vault_id]:
            return CheckReport(problems=["it is not a backup of this vault"])
        return check_vault(engine, KeyChain(keys.vault_id, keys.vault_key), decrypt_entries=decrypt_entries)
    except SQLAlchemyError as exc:
        return CheckReport(
            problems=[f"it is not a readable vault file ({first_line(getattr(exc, 'orig', exc))})"]
        )
    except IntegrityError as exc:
        return CheckReport(problems=[str(exc)])
    finally:
        engine.dispose()


def count_records(path: Path) -> tuple[int, int]:
    """(clients, entries) in a backup file; these counts are in clear in the file."""
    connection = _read_only(path)
    try:
        client_count = connection.execute("SELECT count(*) FROM clients").fetchone()[0]
        entry_count = connection.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        connection.close()
    return int(client_count), int(entry_count)


def backup_vault_id(path: Path) -> str | None:
    connection = _read_only(path)
    try:
        row = connection.execute("SELECT vault_id FROM vault_meta").fetchone()
    finally:
        connection.close()
    return row[0] if row and isinstance(row[0], str) else None


def holds_client(path: Path, client_id: str) -> bool:
    connection = _read_only(path)
    try:
        return any(connection.execute(query, (client_id,)).fetchone() for query in _CLIENT_ROWS)
    finally:
        connection.close()


def rewrite_without_client(
    path: Path, client_id: str, keys: KeyChain, clock: Clock, *, verified_before: bool
) -> CheckReport:
    """Replace the backup at ``path`` by a copy without ``client_id``, checked before it replaces the original.

    The copy is made beside the original (private), the client deleted from it the way the live vault deletes
    one, its freed pages vacuumed away, and it is put back in the rollback-journal mode of a standalone file.
    ``verified_before``: the original was fully checked and is unchanged since, so the copy's entries (the same
    bytes) are not decrypted again and a copy that fails its check is not put in its place. A backup already
    damaged or never checked is replaced even when its copy fails the check: erasing the client comes first,
    and the copy is no worse than the original (the report says what is wrong).
    """
    from clientjournal.services.session import VaultSession  # the session builds the backup service

    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        shutil.copyfile(path, temp)
        private_file(temp, create=False)
        copy = Vault.open(sqlite_url(temp), clock=clock)
        try:
            if copy.vault_id != keys.vault_id:
                raise ValidationError("it is a backup of another vault, whose keys this vault does not hold")
            copy_keys = KeyChain(copy.vault_id, keys.vault_key)
            VaultSession(copy, copy_keys).forget_client_data(client_id)
            copy_keys.lock()
            if not scrub_freed_data(copy.engine):
                raise VaultError("its freed pages could not be scrubbed")
            with copy.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
        report = check_backup_file(temp, keys, decrypt_entries=not verified_before)
        if holds_client(temp, client_id):
            raise IntegrityError("the client is still in the rewritten copy")
        if verified_before and not report.ok:
            raise IntegrityError("the rewritten backup did not verify", tuple(report.problems))
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, path)
        return report
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm"), Path(f"{temp}-journal")):
            leftover.unlink(missing_ok=True)


def vault_fingerprint(engine: Engine, ignored_setting: str) -> str:
    """A digest of every table's row count and version sum: equal means nothing was written in between (the
    setting ``ignored_setting``, the backups' own record, aside)."""
    parts: list[object] = []
    with engine.connect() as connection:
        for table in (clients, projects, entries, manifests):
            parts.extend(
                connection.execute(select(func.count(), func.coalesce(func.sum(table.c.version), 0))).one()
            )
        items = select(func.count(), func.coalesce(func.sum(vault_items.c.version), 0))
        parts.extend(connection.execute(items.where(vault_items.c.name != ignored_setting)).one())
        parts.append(connection.execute(select(vault_meta.c.passphrase_changed_at_us)).scalar())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def first_line(error: BaseException | None) -> str:
    text = str(error).strip() if error is not None else ""
    return text.splitlines()[0] if text else "no details"


def _read_only_engine(path: Path) -> Engine:
    """An engine that can only read ``path``: verifying a backup must not migrate it or switch it to WAL."""
    uri = path.resolve().as_uri() + "?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    return create_engine("sqlite://", creator=connect, poolclass=NullPool)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
