"""Alembic environment: always run programmatically with a live connection (see storage.migrate)."""

from alembic import context

from clientjournal.storage.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
