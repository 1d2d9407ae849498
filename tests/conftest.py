"""Shared test setup for ClientJournal.

Fixtures:

``database_url``
    A fresh, empty database URL, once per backend: ``[sqlite]`` (a file in ``tmp_path``) and
    ``[postgresql]`` (a new database on the session's PostgreSQL server, dropped afterwards).
    Use it in any storage/services test that should hold on both backends.
``sqlite_url`` / ``postgresql_url``
    The same, for one backend only.
``pg_server``
    Session-wide :class:`support.pg_cluster.PgServer`: a throwaway cluster started on first use,
    or the server named by ``CLIENTJOURNAL_TEST_POSTGRES_URL``. Skips when no PostgreSQL server
    binaries exist, unless ``CLIENTJOURNAL_REQUIRE_POSTGRES=1`` (CI), where it fails instead.
``in_memory_keyring``
    Autouse: every test gets a fresh :class:`support.keyring_backend.InMemoryKeyring` as the
    ``keyring`` backend, so nothing reaches the real OS secret store. Request it by name to look
    inside (``in_memory_keyring.passwords``).
``no_keyring``
    Replaces the backend with keyring's "fail" backend, as on a headless Linux box without a
    secret store: every keyring call raises ``keyring.errors.NoKeyringError``.

Tests that need PostgreSQL carry the ``postgresql`` marker; ``pytest -m "not postgresql"`` skips
them.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend
from support.keyring_backend import InMemoryKeyring
from support.pg_cluster import PgCluster, PgServer, find_pg_bindir

# None of the imports above loads Qt. Set this before any test module does: no window may need a
# display. CLIENTJOURNAL_TEST_QT_PLATFORM (e.g. "xcb" under Xvfb, for screenshots) overrides it.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("CLIENTJOURNAL_TEST_QT_PLATFORM", "offscreen")
# Subprocesses that tests start (CLI end-to-end tests) must not reach the real secret store
# either: keyring reads this variable when it picks its backend, and "fail" means "none here".
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

POSTGRES_URL_ENV = "CLIENTJOURNAL_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "CLIENTJOURNAL_REQUIRE_POSTGRES"


def _postgres_required() -> bool:
    return os.environ.get(REQUIRE_POSTGRES_ENV, "").strip().lower() in {"1", "true", "yes"}


def _psycopg_missing() -> str | None:
    if importlib.util.find_spec("psycopg") is None:
        return "psycopg is not installed; pip install -e '.[test]'"
    return None


# --- PostgreSQL ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for the whole session (started on first use, stopped at the end)."""
    problem = _psycopg_missing()
    if problem is None:
        given = os.environ.get(POSTGRES_URL_ENV)
        if given:
            server = PgServer(given)
            yield server
            server.dispose()
            return
        bindir = find_pg_bindir()
        if bindir is None:
            problem = (
                "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found in "
                "/usr/lib/postgresql/*/bin or on PATH; install PostgreSQL, set "
                f"CLIENTJOURNAL_PG_BINDIR, or set {POSTGRES_URL_ENV}"
            )
    if problem is not None:
        if _postgres_required():
            pytest.fail(f"{REQUIRE_POSTGRES_ENV}=1 but {problem}", pytrace=False)
        pytest.skip(problem)

    assert bindir is not None
    # A start failure with binaries present is a real error: let it fail the tests loudly.
    cluster = PgCluster(bindir).start()
    server = PgServer(cluster.admin_url)
    try:
        yield server
    finally:
        server.dispose()
        cluster.stop()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The URL of a not-yet-existing SQLite file in this test's temporary directory."""
    return f"sqlite:///{(tmp_path / 'vault.sqlite3').as_posix()}"


@pytest.fixture
def postgresql_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database; dropped (WITH FORCE) after the test."""
    name = pg_server.create_database()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql),
    ]
)
def database_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database URL; the test runs once on SQLite and once on PostgreSQL."""
    fixture_name = "sqlite_url" if request.param == "sqlite" else "postgresql_url"
    return str(request.getfixturevalue(fixture_name))


# --- keyring ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def in_memory_keyring() -> Iterator[InMemoryKeyring]:
    """A fresh in-memory keyring backend for every test; the previous backend comes back after."""
    previous: KeyringBackend = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def no_keyring(in_memory_keyring: InMemoryKeyring) -> keyring.backends.fail.Keyring:
    """No secret store at all, as on headless Linux: every keyring call raises NoKeyringError."""
    backend = keyring.backends.fail.Keyring()
    keyring.set_keyring(backend)  # in_memory_keyring's teardown restores the original backend
    return backend
