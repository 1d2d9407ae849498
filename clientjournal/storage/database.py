"""Engines for SQLite (embedded default) and PostgreSQL, with the settings durability and secrecy need."""

from __future__ import annotations

import sqlite3
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from clientjournal.errors import IntegrityError, VaultError
from clientjournal.private_files import private_file, private_folder

CHANGE_CHANNEL = "clientjournal_changes"
"""The PostgreSQL channel every commit of this app notifies (see :mod:`clientjournal.services.changes`)."""
_origins: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def change_origin(engine: Engine) -> str:
    """The payload of the engine's notifications: a random id, so its own watcher can skip what it wrote."""
    return _origins.get(engine, "")


def sqlite_url(path: Path) -> str:
    return URL.create("sqlite", database=str(path)).render_as_string()


def sqlite_path(url: str | URL) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL for concurrent readers; FULL so a commit survives power loss; secure_delete so freed pages (e.g. of a
    # deleted client's key) are zeroed; temp data stays in memory instead of temp files.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def create_vault_engine(url: str | URL) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(parsed)
        if path is not None and not path.parent.exists():
            private_folder(path.parent)
        engine = create_engine(parsed)
        if path is not None:
            # SQLite creates the file on the first connection; tighten it before the WAL exists, since SQLite
            # gives the WAL and shared-memory files the database file's mode.
            event.listen(engine, "connect", lambda _connection, _record: _make_private(path))
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() in ("", "psycopg2"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(parsed, pool_pre_ping=True)
        origin = _origins[engine] = uuid.uuid4().hex
        event.listen(engine, "commit", lambda connection: _notify_change(connection, origin))
        return engine
    raise VaultError(f"unsupported database '{backend}'; use sqlite:/// or postgresql+psycopg://")


def _make_private(path: Path) -> None:
    """The vault file and its companions are the user's alone (0600), older vaults' included."""
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        private_file(companion, create=False)


def _notify_change(connection: Connection, origin: str) -> None:
    """Runs in every transaction just before it commits: listeners hear of it once it is committed.

    The payload is opaque (who wrote, never what), and PostgreSQL folds equal notifications of one transaction
    into one. Read-only work rolls back rather than commits, so it sends nothing.
    """
    cursor = connection.connection.cursor()
    try:
        cursor.execute("SELECT pg_notify(%s, %s)", (CHANGE_CHANNEL, origin))
    finally:
        cursor.close()


@contextmanager
def translate_database_errors() -> Iterator[None]:
    """Turn driver errors into the app's own: unreachable (exit 1) or damaged (exit 4)."""
    try:
        yield
    except exc.OperationalError as error:
        if is_write_failure(error.orig):
            raise VaultError(
                f"could not write to the database ({_first_line(error.orig)}; is the disk full?); "
                "the change that failed was not saved"
            ) from error
        raise VaultError(f"cannot open the database: {_first_line(error.orig)}") from error
    except exc.DatabaseError as error:
        raise IntegrityError(
            f"the vault database is damaged or is not a ClientJournal vault ({_first_line(error.orig)})",
            ("database file",),
        ) from error


_WRITE_FAILURES = frozenset(
    {
        "SQLITE_FULL",
        "SQLITE_IOERR_WRITE",
        "SQLITE_IOERR_FSYNC",
        "SQLITE_IOERR_TRUNCATE",
        "SQLITE_IOERR_SHMSIZE",
    }
)


def is_write_failure(error: BaseException | None) -> bool:
    """A SQLite write that the disk refused (full, or a file size limit): the transaction was rolled back."""
    return getattr(error, "sqlite_errorname", "") in _WRITE_FAILURES or "disk is full" in str(error)


def _first_line(error: BaseException | None) -> str:
    return str(error).strip().splitlines()[0] if error is not None and str(error).strip() else "no details"
