"""Integrity checks, backups with SQLite's backup API, verified restores, and scrubbing freed data."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, delete, insert, select, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import (
    AuthenticationError,
    IntegrityError,
    ValidationError,
    VaultError,
    VaultNotFoundError,
)
from clientjournal.services.journal import Progress
from clientjournal.services.manifest_check import manifest_problems
from clientjournal.services.recovery_seal import recovery_wrapping_problems
from clientjournal.storage.database import create_vault_engine, is_write_failure, sqlite_path, sqlite_url
from clientjournal.storage.entry_reader import EntryReader
from clientjournal.storage.migrate import upgrade_to_head
from clientjournal.storage.records import (
    entry_row_id,
    open_client,
    open_project,
    project_row_id,
)
from clientjournal.storage.schema import (
    clients,
    device_unlocks,
    entries,
    manifests,
    projects,
    vault_items,
    vault_meta,
)

if TYPE_CHECKING:
    from clientjournal.services.vault import Vault

# Parents before children, so inserts satisfy foreign keys; reversed for deletes.
_TABLES = (vault_meta, device_unlocks, vault_items, clients, projects, entries, manifests)

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CheckReport:
    clients: int = 0
    projects: int = 0
    entries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_vault(
    engine: Engine, keys: KeyChain, progress: Progress | None = None, *, decrypt_entries: bool = True
) -> CheckReport:
    """Verify the database structure and decrypt every record, naming each one that fails.

    ``decrypt_entries`` False leaves the entries' ciphertexts undecrypted (everything else is checked): for a
    copy whose entries are known to be byte-for-byte those of a copy already fully checked.
    """
    report = CheckReport()
    with engine.connect() as connection:
        report.problems.extend(_structural_problems(connection))
        ciphers = {}
        readers: dict[str, EntryReader] = {}
        for row in connection.execute(select(clients)):
            report.clients += 1
            try:
                cipher = keys.client_cipher(row.id, row.wrapped_key, row.key_version)
                open_client(row.id, row.version, row.payload, cipher, keys.ref("clients", row.id))
                ciphers[row.id] = cipher
                readers[row.id] = EntryReader(keys.vault_id, row.id, cipher)
            except IntegrityError as exc:
                report.problems.append(str(exc))
        for row in connection.execute(select(projects)):
            report.projects += 1
            ref = keys.ref("projects", project_row_id(row.client_id, row.id))
            if row.client_id not in ciphers:
                report.problems.append(f"{ref.describe()} cannot be read: its client's key failed")
                continue
            try:
                open_project(row.client_id, row.id, row.version, row.payload, ciphers[row.client_id], ref)
            except IntegrityError as exc:
                report.problems.append(str(exc))
        total = connection.execute(select(text("count(*)")).select_from(entries)).scalar_one()
        for row in connection.execute(select(entries)):
            report.entries += 1
            reader = readers.get(row.client_id)
            if reader is None:
                ref = keys.ref("entries", entry_row_id(row.client_id, row.id))
                report.problems.append(f"{ref.describe()} cannot be read: its client's key failed")
            elif decrypt_entries:
                try:
                    reader.stored_entry(row)
                except IntegrityError as exc:
                    report.problems.append(str(exc))
            if progress and report.entries % 1000 == 0:
                progress(report.entries, total)
        for row in connection.execute(select(vault_items)):
            try:
                keys.vault_items_cipher().decrypt(row.payload, keys.ref("vault_items", row.name))
            except IntegrityError as exc:
                report.problems.append(str(exc))
        # Rows deleted, put back at an older version or inserted from elsewhere (see services.manifests).
        report.problems.extend(manifest_problems(connection, keys))
    report.problems.extend(recovery_wrapping_problems(engine, keys))  # issue #14 (11): see recovery_seal
    if progress:
        progress(report.entries, report.entries)
    return report


def _structural_problems(connection: Connection) -> list[str]:
    if connection.dialect.name != "sqlite":
        return []
    problems: list[str] = []
    result = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
    if result != ["ok"]:
        problems.extend(f"database structure: {line}" for line in result)
    for row in connection.execute(text("PRAGMA foreign_key_check")):
        problems.append(f"database structure: a row of {row[0]} refers to a missing {row[2]}")
    return problems


# ---- scrubbing -------------------------------------------------------------------------------------------------


SCRUB_WAIT_MS = 2_000
"""How long each checkpoint of a scrub waits for other connections' read transactions to end."""


SCRUB_BUSY = (
    "another program has the vault open, so its old data may remain in the database file until that program "
    "closes the vault"
)
SCRUB_NO_ROOM = (
    "the disk is too full to scrub its old data from the database file, so that data may remain there"
)
SCRUB_NO_VACUUM = (
    "the database server refused to vacuum its tables, so its old row versions remain until the server's own "
    "vacuum runs (and in its WAL and backups)"
)

SCRUBBED_TABLES = (vault_items, clients, projects, entries, manifests)
"""The tables that hold a client's key, rows and manifest: where a deleted client leaves dead row versions."""


def scrub_freed_data(engine: Engine) -> bool:
    """Make deleted rows unrecoverable from the SQLite file and its WAL; False when that could not be completed."""
    return not scrub_problem(engine)


def scrub_problem(engine: Engine) -> str:
    """:func:`scrub_freed_data`, saying why it could not be completed (:data:`SCRUB_BUSY`, :data:`SCRUB_NO_ROOM`),
    or "" when it was.

    ``secure_delete`` zeroes freed pages, but the WAL keeps older page images until a checkpoint; a truncating
    checkpoint copies the zeroed pages home and empties the WAL, and VACUUM rebuilds the file without free pages.
    ``PRAGMA wal_checkpoint(TRUNCATE)`` answers (busy, log frames, checkpointed frames): busy is 1 when another
    connection's read transaction (another program with the vault open) kept it from finishing, and then the
    WAL may still hold the old pages. It waits for such readers (busy timeout), and is retried once.
    """
    if engine.dialect.name == "postgresql":
        return _vacuum_problem(engine)
    if engine.dialect.name != "sqlite":
        return ""
    engine.dispose()
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={SCRUB_WAIT_MS}")
            _checkpoint(connection)
            connection.exec_driver_sql("VACUUM")
            problem = "" if _checkpoint(connection) or _checkpoint(connection) else SCRUB_BUSY
    except OperationalError as error:  # locked by another writer, or no room for VACUUM's copy (a full disk)
        problem = SCRUB_NO_ROOM if is_write_failure(error.orig) else SCRUB_BUSY
    finally:
        engine.dispose()
    return problem


def _vacuum_problem(engine: Engine) -> str:
    """On PostgreSQL, VACUUM the tables a deleted client leaves dead row versions in: the most the app may do.

    A plain VACUUM (never FULL, which would lock a shared server's tables) makes the dead versions' space
    reusable, so later writes overwrite them sooner; the server's WAL and backups are out of the app's reach.
    It needs the tables' owner; a server that refuses is reported, not hidden."""
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM " + ", ".join(table.name for table in SCRUBBED_TABLES))
    except (OperationalError, ProgrammingError) as error:
        log.warning("VACUUM after deleting a client failed: %s", error)
        return SCRUB_NO_VACUUM
    return ""


def _checkpoint(connection: Connection) -> bool:
    row = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    return row is not None and row[0] == 0


# ---- backup and restore ---------------------------------------------------------------------------------------


def backup_vault(engine: Engine, destination: Path, progress: Progress | None = None) -> None:
    """Copy the vault (ciphertext only) to a new SQLite file, atomically.

    A SQLite vault is copied with SQLite's online backup API, which is consistent while the vault is open; a
    PostgreSQL vault is copied row by row into the same schema.
    """
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".part", dir=destination.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        source_path = sqlite_path(engine.url)
        if source_path is not None:
            _sqlite_backup(source_path, temp, progress)
        else:
            temp.unlink()
            target = create_vault_engine(sqlite_url(temp))
            try:
                upgrade_to_head(target)
                with engine.connect() as source, target.begin() as sink:
                    sink.execute(delete(manifests))  # the new schema's "not built yet" mark: copied instead
                    _copy_rows(source, sink, progress)
                with target.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                    connection.exec_driver_sql("PRAGMA journal_mode=DELETE")
            finally:
                target.dispose()
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, destination)
    except BaseException:
        temp.unlink(missing_ok=True)
        Path(f"{temp}-wal").unlink(missing_ok=True)
        Path(f"{temp}-shm").unlink(missing_ok=True)
        raise


def _sqlite_backup(source_path: Path, target: Path, progress: Progress | None) -> None:
    def report(_status: int, remaining: int, total: int) -> None:
        if progress:
            progress(total - remaining, total)

    source = sqlite3.connect(source_path)
    sink = sqlite3.connect(target)
    try:
        source.backup(sink, pages=256, progress=report)
        # A standalone file: no WAL beside it, so one file is the whole backup.
        sink.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as error:  # the raw driver's error, which no caller would recognise as a full disk
        if is_write_failure(error):
            raise VaultError(
                f"could not write the backup ({str(error).strip() or 'no details'}; is the disk full?); "
                "no backup was written"
            ) from error
        raise
    finally:
        sink.close()
        source.close()


def _copy_rows(source: Connection, sink: Connection, progress: Progress | None = None) -> None:
    total = len(_TABLES)
    for done, table in enumerate(_TABLES, start=1):
        batch: list[dict[str, object]] = []
        for row in source.execute(select(table)):
            batch.append(dict(row._mapping))
            if len(batch) >= 2_000:
                sink.execute(insert(table), batch)
                batch = []
        if batch:
            sink.execute(insert(table), batch)
        if progress:
            progress(done, total)


def restore_vault(
    engine: Engine,
    backup_file: Path,
    passphrase: str | None,
    *,
    clock: Callable[[], datetime],
    progress: Progress | None = None,
    keys: KeyChain | None = None,
) -> CheckReport:
    """Replace the vault's contents with a backup, after unlocking and fully checking the backup.

    The backup keeps its own passphrase (the one in force when it was made). Nothing changes unless the backup
    unlocks and every record in it decrypts; the replacement happens in one transaction. ``keys``, the unlocked
    keys of the same vault, open a backup of that vault without its passphrase (the vault key never changes).
    """
    from clientjournal.services.vault import Vault

    if not backup_file.is_file():
        raise ValidationError(f"no backup file at {backup_file}")
    # Work on a copy: opening a file as a vault may migrate it or switch its journal mode, and the backup must
    # stay exactly as it was. The copy holds ciphertext only.
    # The copy goes beside the vault (its data folder), never to the system temp folder: a killed restore leaves
    # at most a ".clientjournal-restore-*" folder there, which the next restore removes.
    work_dir = _restore_work_dir(engine, backup_file)
    for stale in work_dir.glob(".clientjournal-restore-*"):
        shutil.rmtree(stale, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=".clientjournal-restore-", dir=work_dir) as folder:
        copy = Path(folder) / "backup.sqlite3"
        shutil.copyfile(backup_file, copy)
        try:
            backup = Vault.open(sqlite_url(copy), clock=clock)
        except VaultNotFoundError:
            raise ValidationError(
                f"{backup_file} is not a ClientJournal backup; nothing was restored"
            ) from None
        except IntegrityError:
            raise IntegrityError(
                f"{backup_file} is damaged or is not a ClientJournal backup; nothing was restored"
            ) from None
        try:
            report = check_vault(backup.engine, _unlock_backup(backup, passphrase, keys))
            if not report.ok:
                raise IntegrityError("the backup is damaged; nothing was restored", tuple(report.problems))
            upgrade_to_head(engine)
            with backup.engine.connect() as source, engine.begin() as sink:
                for table in reversed(_TABLES):
                    sink.execute(delete(table))
                _copy_rows(source, sink, progress)
        finally:
            backup.close()
    scrub_freed_data(engine)
    return report


def _unlock_backup(backup: Vault, passphrase: str | None, same_vault_keys: KeyChain | None) -> KeyChain:
    if same_vault_keys is not None and backup.vault_id == same_vault_keys.vault_id:
        # A fresh key chain: a client key cached from the vault must not hide a damaged one in the backup.
        return KeyChain(backup.vault_id, same_vault_keys.vault_key)
    if passphrase is None:
        raise AuthenticationError("this backup is of another vault: its passphrase is needed")
    return backup.unlock_with_secret(passphrase)


def _restore_work_dir(engine: Engine, backup_file: Path) -> Path:
    """The vault's own folder for a SQLite vault; for PostgreSQL, the backup's folder (both the user's own)."""
    vault_file = sqlite_path(engine.url)
    folder = vault_file.parent if vault_file is not None else backup_file.resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def restore_vault_at(
    database_url: str,
    backup_file: Path,
    passphrase: str,
    *,
    clock: Callable[[], datetime],
    progress: Progress | None = None,
) -> CheckReport:
    """:func:`restore_vault` into the database at ``database_url`` (which need not hold a vault yet)."""
    engine = create_vault_engine(database_url)
    try:
        return restore_vault(engine, backup_file, passphrase, clock=clock, progress=progress)
    finally:
        engine.dispose()
