"""Journal rows as SQL sees them: the stored entries' columns and bulk fetch, and the one versioned update.

Shared by the journal service, the timeline's paged loading and import, which all read or change rows without
going through decrypted objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from sqlalchemy import ColumnElement, Connection, Table, select, update

from clientjournal.errors import ConcurrentEditError
from clientjournal.storage.entry_reader import StoredEntry
from clientjournal.storage.schema import entries

STORED_ENTRY_COLUMNS = (
    entries.c.client_id,
    entries.c.id,
    entries.c.project_id,
    entries.c.occurred_at_us,
    entries.c.version,
    entries.c.payload,
)
"""The columns of a :data:`~.entry_reader.StoredEntry`, in its order."""
StoredEntries = Sequence[StoredEntry]


def fetch_stored_entries(
    connection: Connection, client_ids: Sequence[str] | None = None
) -> list[StoredEntry]:
    """Every entry row (of ``client_ids``, when given) as plain tuples.

    At 100,000 rows, sorting and unpacking SQLAlchemy's Row objects cost about half as much again as the fetch
    itself, so the whole table comes straight from the database driver (the query is still built and compiled
    by SQLAlchemy). Some clients' rows are few enough for the usual way.
    """
    if client_ids is not None:
        query = select(*STORED_ENTRY_COLUMNS).where(entries.c.client_id.in_(client_ids))
        return [cast(StoredEntry, tuple(row)) for row in connection.execute(query)]
    sql = str(select(*STORED_ENTRY_COLUMNS).compile(dialect=connection.dialect))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return cast(list[StoredEntry], cursor.fetchall())
    finally:
        cursor.close()


def stored_entry_version(connection: Connection, client_id: str, entry_id: str) -> int:
    """The stored version of the entry, 0 when it is not stored."""
    version = connection.execute(
        select(entries.c.version).where(entries.c.client_id == client_id, entries.c.id == entry_id)
    ).scalar()
    return int(version or 0)


def update_versioned(
    connection: Connection,
    table: Table,
    where: tuple[ColumnElement[bool], ...],
    version: int,
    **values: object,
) -> None:
    """Update the row of ``where`` to ``values`` and version ``version + 1``, only if it is still at ``version``.

    The one way a stored row is changed (editor and import alike): ``UPDATE … WHERE version = :read_version``.
    Raises ConcurrentEditError when no row matched (changed or deleted elsewhere since it was read); nothing is
    overwritten.
    """
    result = connection.execute(
        update(table).where(*where, table.c.version == version).values(version=version + 1, **values)
    )
    if result.rowcount == 0:
        raise ConcurrentEditError(
            "this record was changed elsewhere since it was opened; reload it and apply your edit again"
        )
