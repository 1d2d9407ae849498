"""The test fixtures themselves work: fresh databases on both backends, an isolated keyring."""

from __future__ import annotations

import os
import subprocess
import sys

import keyring
import keyring.backends.fail
import pytest
import sqlalchemy as sa
from keyring.errors import NoKeyringError, PasswordDeleteError
from support.keyring_backend import InMemoryKeyring
from support.pg_cluster import PgServer


def test_database_url_gives_a_fresh_working_database(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    try:
        assert sa.inspect(engine).get_table_names() == []
        metadata = sa.MetaData()
        notes = sa.Table(
            "notes",
            metadata,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("body", sa.LargeBinary, nullable=False),
            sa.Column("text", sa.Unicode(100), nullable=False),
        )
        metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(
                notes.insert(),
                [
                    {"id": 1, "body": b"\x00\xffciphertext", "text": "blåbærsyltetøy"},
                    {"id": 2, "body": b"", "text": "second"},
                ],
            )
        with engine.connect() as conn:
            rows = conn.execute(sa.select(notes.c.body, notes.c.text).order_by(notes.c.id)).all()
        assert [tuple(row) for row in rows] == [
            (b"\x00\xffciphertext", "blåbærsyltetøy"),
            (b"", "second"),
        ]
    finally:
        engine.dispose()


def test_database_url_matches_its_backend(database_url: str, request: pytest.FixtureRequest) -> None:
    backend = request.node.callspec.params["database_url"]
    dialect = sa.engine.make_url(database_url).get_backend_name()
    assert dialect == backend
    if backend == "postgresql":
        assert sa.engine.make_url(database_url).drivername == "postgresql+psycopg"


@pytest.mark.postgresql
def test_pg_server_creates_and_drops_databases(pg_server: PgServer) -> None:
    name = pg_server.create_database()
    assert pg_server.database_exists(name)
    # A connection left open must not stop the drop (DROP DATABASE ... WITH (FORCE)).
    engine = sa.create_engine(pg_server.url(name))
    conn = engine.connect()
    try:
        assert conn.execute(sa.text("SELECT current_database()")).scalar_one() == name
        pg_server.drop_database(name)
    finally:
        conn.invalidate()
        engine.dispose()
    assert not pg_server.database_exists(name)


@pytest.mark.postgresql
def test_postgresql_databases_are_distinct(pg_server: PgServer) -> None:
    first, second = pg_server.create_database(), pg_server.create_database()
    try:
        assert first != second
    finally:
        pg_server.drop_database(first)
        pg_server.drop_database(second)


def test_keyring_is_the_in_memory_backend(in_memory_keyring: InMemoryKeyring) -> None:
    assert keyring.get_keyring() is in_memory_keyring
    keyring.set_password("ClientJournal", "device", "s3cret")
    assert keyring.get_password("ClientJournal", "device") == "s3cret"
    assert in_memory_keyring.passwords == {("ClientJournal", "device"): "s3cret"}
    keyring.delete_password("ClientJournal", "device")
    assert keyring.get_password("ClientJournal", "device") is None
    with pytest.raises(PasswordDeleteError):
        keyring.delete_password("ClientJournal", "device")


@pytest.mark.parametrize("run", [1, 2])
def test_keyring_starts_empty_in_every_test(run: int) -> None:
    # Both runs write the same key: the second would see the first's value if state leaked.
    assert keyring.get_password("ClientJournal-isolation", "user") is None
    keyring.set_password("ClientJournal-isolation", "user", f"run {run}")


def test_no_keyring_fixture_models_a_missing_secret_store(no_keyring: object) -> None:
    assert isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring)
    with pytest.raises(NoKeyringError):
        keyring.get_password("ClientJournal", "device")


def test_subprocesses_get_no_real_keyring() -> None:
    assert os.environ["PYTHON_KEYRING_BACKEND"] == "keyring.backends.fail.Keyring"
    proc = subprocess.run(
        [sys.executable, "-c", "import keyring; print(type(keyring.get_keyring()).__module__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == "keyring.backends.fail"


def test_qt_runs_offscreen() -> None:
    assert os.environ["QT_QPA_PLATFORM"] == os.environ.get("CLIENTJOURNAL_TEST_QT_PLATFORM", "offscreen")
