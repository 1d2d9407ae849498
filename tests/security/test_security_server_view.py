"""What a database server sees (issue #14, item 12; SECURITY.md "Metadata on a PostgreSQL server").

SECURITY.md and the README promise that a PostgreSQL server holds ciphertext and a short, named list of clear
columns. The schema test fails when a clear column is added without updating that list (and the docs); the
PostgreSQL test writes a journal full of marker words and reads every column of every table back as the server
holds it: only the listed columns are not ciphertext, and no marker is in any of them, clear or not.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from secutil import CLEAR_COLUMNS
from sqlalchemy import LargeBinary, create_engine, text

from clientjournal.crypto.kdf import KdfParams
from clientjournal.exchange import parse_document
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.schema import Base


def test_every_column_that_is_not_a_ciphertext_is_one_the_docs_list() -> None:
    clear = {
        table.name: {column.name for column in table.columns if not isinstance(column.type, LargeBinary)}
        for table in Base.metadata.sorted_tables
    }
    assert clear == {name: columns for name, columns in CLEAR_COLUMNS.items() if name != "alembic_version"}


def _document(marker: str) -> bytes:
    entry = {
        "id": "e1",
        "project": "p1",
        "occurred_at": "2026-11-02T14:00:00+01:00",
        "kind": "promise",
        "channel": "email",
        "moods": ["calm", f"{marker}mood"],
        "text": f"{marker}text",
        "promise": {"due_on": "2026-11-20", "status": "open", "resolved_on": None, "title": f"{marker}title"},
    }
    client = {
        "id": "c1",
        "name": f"{marker}name",
        "company": f"{marker}company",
        "email": f"{marker}@example.no",
        "phone": f"{marker}phone",
        "temperament": f"{marker}temperament",
        "tags": [f"{marker}tag"],
        f"x_{marker}": f"{marker}extra",
        "projects": [{"id": "p1", "title": f"{marker}project", "status": "active"}],
        "entries": [entry],
    }
    document = {"format": "clientjournal", "version": 1, "exported_at": "2026-11-27T10:00:00+00:00"}
    return json.dumps({**document, "clients": [client]}).encode()


@pytest.fixture
def written(postgresql_url: str) -> Iterator[str]:
    """A PostgreSQL vault holding one client whose every field carries the marker; yields the marker."""
    marker = "Qzvx" + uuid.uuid4().hex
    vault, keys, _recovery = Vault.create(
        postgresql_url,
        "correct horse battery staple",
        clock=lambda: datetime.now(UTC),
        kdf=KdfParams.minimum(),
    )
    session = VaultSession(vault, keys)
    try:
        session.transfer.import_document(parse_document(_document(marker)))
        assert session.check().ok
    finally:
        session.close()
    yield marker


@pytest.mark.postgresql
def test_a_postgresql_server_holds_only_the_listed_clear_columns(postgresql_url: str, written: str) -> None:
    marker = written.encode()
    engine = create_engine(postgresql_url)
    try:
        with engine.connect() as connection:
            columns = connection.execute(
                text(
                    "SELECT table_name, column_name, data_type FROM information_schema.columns "
                    "WHERE table_schema = current_schema()"
                )
            ).all()
            tables: dict[str, list[dict[str, Any]]] = {}
            for table in {row.table_name for row in columns}:
                rows = connection.execute(text(f'SELECT * FROM "{table}"')).mappings().all()
                tables[table] = [dict(row) for row in rows]
    finally:
        engine.dispose()

    clear = {(row.table_name, row.column_name) for row in columns if row.data_type != "bytea"}
    assert clear == {(table, column) for table, names in CLEAR_COLUMNS.items() for column in names}
    assert tables["entries"] and tables["projects"] and tables["clients"]  # the journal is really there
    for table, rows in tables.items():
        for row in rows:
            for column, value in row.items():
                raw = bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
                assert marker not in raw, f"{table}.{column} holds a word of the journal in clear"
