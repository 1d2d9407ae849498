"""Schema migrations: every released schema must still open, and the models must match the migrations."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import create_vault_engine
from clientjournal.storage.migrate import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    alembic_config,
    upgrade_to_head,
)
from clientjournal.storage.schema import Base

FROZEN = Path(__file__).with_name("data")


def test_the_head_constant_matches_alembics_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    assert script.get_current_head() == HEAD_REVISION
    assert {rev.revision for rev in script.walk_revisions()} == set(KNOWN_REVISIONS)


def test_the_migrations_build_exactly_the_models(database_url: str) -> None:
    engine = create_vault_engine(database_url)
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_the_first_released_schema_still_opens(tmp_path: Path) -> None:
    database = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(database)
    connection.executescript((FROZEN / "vault_schema_0001.sql").read_text(encoding="utf-8"))
    connection.close()

    vault = Vault.open(f"sqlite:///{database}", clock=lambda: datetime(2027, 1, 1, tzinfo=UTC))
    session = VaultSession(vault, vault.unlock("frozen fixture passphrase"))
    try:
        journal = session.journal.journal("c1")
        assert journal.client.name == "Kari Nordmann"
        assert journal.projects[0].contract_signed_on == date(2026, 11, 2)
        assert journal.entries[0].text == "Første utkast innen den 20."
        assert session.check().ok
    finally:
        session.close()
