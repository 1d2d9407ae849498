"""Reading the journal for the timeline: newest first, in pages, and a cheap check of what changed.

The desktop app loads the whole vault's journal page by page on its worker thread (so other work can run between
pages and the first screenful shows at once), keeps it in a :class:`~clientjournal.services.timeline.index.TimelineIndex`,
and later asks :func:`stale_clients` which clients' entries were added, edited or removed since.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from clientjournal.domain.entities import Entry
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag
from clientjournal.services.journal import STORED_ENTRY_COLUMNS, JournalService
from clientjournal.services.timeline.index import IndexChunk, TimelineIndex, build_chunk
from clientjournal.storage.schema import entries


@dataclass(frozen=True, slots=True)
class Page:
    chunk: IndexChunk
    cursor: tuple[int, str, str] | None
    """Where the next page starts; None when this was the last one."""
    total: int
    """How many entries the vault held when the load began (for progress)."""


def load_page(
    journal: JournalService,
    cursor: tuple[int, str, str] | None,
    limit: int,
    *,
    total: int | None = None,
    catalogue: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME,
    labels: Mapping[str, str] | None = None,
) -> Page:
    """Up to ``limit`` entries of every client older than ``cursor``, newest first, decrypted and indexed."""
    order = (entries.c.occurred_at_us.desc(), entries.c.id, entries.c.client_id)
    query = select(*STORED_ENTRY_COLUMNS).order_by(*order).limit(limit)
    if cursor is not None:
        at, entry_id, client_id = cursor
        query = query.where(
            or_(
                entries.c.occurred_at_us < at,
                and_(
                    entries.c.occurred_at_us == at,
                    or_(
                        entries.c.id > entry_id,
                        and_(entries.c.id == entry_id, entries.c.client_id > client_id),
                    ),
                ),
            )
        )
    with journal.engine.connect() as connection:
        readers = journal.entry_readers(connection)
        rows = connection.execute(query).all()
    # Positional unpacking: reading a SQLAlchemy Row by column name costs more than decrypting it.
    kept = journal.kept_entry
    decoded = [
        kept(client_id, entry_id, version)
        or readers[client_id].entry(entry_id, project_id, at_us, version, blob)
        for client_id, entry_id, project_id, at_us, version, blob in rows
    ]
    last = rows[-1] if len(rows) == limit else None
    next_cursor = (last.occurred_at_us, last.id, last.client_id) if last is not None else None
    return Page(
        build_chunk(decoded, catalogue, labels),
        next_cursor,
        total if total is not None else journal.count_entries(),
    )


def client_index(
    journal: JournalService,
    client_id: str,
    catalogue: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME,
    labels: Mapping[str, str] | None = None,
) -> TimelineIndex:
    """One client's timeline, newest first."""
    return TimelineIndex(build_chunk(list(journal.iter_entries(client_id)), catalogue, labels))


def stale_clients(journal: JournalService, known: Mapping[tuple[str, str], int]) -> set[str]:
    """Clients with an entry added, changed or removed compared with ``known`` ((client, entry) -> version).

    Reads only the clear columns (ids and versions), so it costs a fraction of loading the journal.
    """
    with journal.engine.connect() as connection:
        rows = connection.execute(select(entries.c.client_id, entries.c.id, entries.c.version)).all()
    stale: set[str] = set()
    seen = 0
    for client_id, entry_id, version in rows:
        if known.get((client_id, entry_id)) != version:
            stale.add(client_id)
        else:
            seen += 1
    if seen != len(known):  # some known entries are gone
        present = {(client_id, entry_id) for client_id, entry_id, _version in rows}
        stale.update(client_id for client_id, entry_id in known if (client_id, entry_id) not in present)
    return stale


def refreshed(
    journal: JournalService,
    index: TimelineIndex,
    client_ids: Sequence[str] | set[str],
    catalogue: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME,
    labels: Mapping[str, str] | None = None,
) -> TimelineIndex:
    """``index`` with the entries of ``client_ids`` read again from the vault."""
    fresh: dict[str, list[Entry]] = {cid: list(journal.iter_entries(cid)) for cid in client_ids}
    return index.replaced(fresh, catalogue, labels)
