"""Engines for SQLite (embedded default) and PostgreSQL, with the settings durability and secrecy need."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from clientjournal.errors import IntegrityError, VaultError


def sqlite_url(path: Path) -> str:
    return URL.create("sqlite", database=str(path)).render_as_string()


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


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
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() in ("", "psycopg2"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    raise VaultError(f"unsupported database '{backend}'; use sqlite:/// or postgresql+psycopg://")


@contextmanager
def translate_database_errors() -> Iterator[None]:
    """Turn driver errors into the app's own: unreachable (exit 1) or damaged (exit 4)."""
    try:
        yield
    except exc.OperationalError as error:
        raise VaultError(f"cannot open the database: {_first_line(error.orig)}") from error
    except exc.DatabaseError as error:
        raise IntegrityError(
            f"the vault database is damaged or is not a ClientJournal vault ({_first_line(error.orig)})",
            ("database file",),
        ) from error


def _first_line(error: BaseException | None) -> str:
    return str(error).strip().splitlines()[0] if error is not None and str(error).strip() else "no details"
