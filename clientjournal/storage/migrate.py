"""Bring a vault's schema to the version this code expects, automatically, when it is opened.

Alembic is imported only when the schema is behind, so opening an up-to-date vault stays fast.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, inspect, text

from clientjournal.errors import UnsupportedVaultError

HEAD_REVISION = "0002"
"""The newest revision in migrations/versions; a test checks it matches Alembic's head."""

KNOWN_REVISIONS = ("0001", "0002")


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(connection: Connection | None = None) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "clientjournal.storage:migrations")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(engine: Engine) -> None:
    with engine.connect() as connection:
        revision = current_revision(connection)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise UnsupportedVaultError(
            "this vault was written by a newer version of ClientJournal; please update the app"
        )
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")  # type: ignore[arg-type]
