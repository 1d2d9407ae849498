"""Reading the journal for the timeline: newest first, in pages, and a cheap check of what changed.

The desktop app loads the whole vault's journal page by page on its worker thread (so other work can run between
pages and the first screenful shows at once), keeps it in a :class:`~clientjournal.services.timeline.index.TimelineIndex`,
and later asks :func:`stale_clients` which clients' entries were added, edited or removed since. An entry
that does not open is read as an :class:`~clientjournal.services.unreadable.UnreadableEntry` (and noted in
``journal.unreadable``), so one damaged record never keeps the rest from showing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import and_, or_, select

from clientjournal.domain.entities import Entry
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag
from clientjournal.services.journal import JournalService
from clientjournal.services.journal_rows import STORED_ENTRY_COLUMNS
from clientjournal.services.timeline.index import IndexChunk, TimelineIndex, build_chunk
from clientjournal.services.unreadable import is_unreadable, open_each
from clientjournal.storage.entry_reader import EntryReader, StoredEntry
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
    # The order of services.timeline.index.newest_first_key: ties of the same moment by id, then client,
    # both descending.
    order = (entries.c.occurred_at_us.desc(), entries.c.id.desc(), entries.c.client_id.desc())
    query = select(*STORED_ENTRY_COLUMNS).order_by(*order).limit(limit)
    if cursor is not None:
        at, entry_id, client_id = cursor
        query = query.where(
            or_(
                entries.c.occurred_at_us < at,
                and_(
                    entries.c.occurred_at_us == at,
                    or_(
                        entries.c.id < entry_id,
                        and_(entries.c.id == entry_id, entries.c.client_id < client_id),
                    ),
                ),
            )
        )
    with journal.engine.connect() as connection:
        readers = journal.entry_readers(connection)
        rows = connection.execute(query).all()
    last = rows[-1] if len(rows) == limit else None
    next_cursor = (last.occurred_at_us, last.id, last.client_id) if last is not None else None
    return Page(
        index_chunk(_opened(journal, rows, readers), catalogue, labels),
        next_cursor,
        total if total is not None else journal.count_entries(),
    )


def _opened(journal: JournalService, rows: Sequence[Any], readers: Mapping[str, EntryReader]) -> list[Entry]:
    """The entries of ``rows`` (stored entry columns), reusing those a kept journal decrypted already; an
    :class:`~clientjournal.services.unreadable.UnreadableEntry` for each that does not open."""
    kept = journal.kept_entry
    # Positional unpacking: reading a SQLAlchemy Row by column name costs more than decrypting it.
    found = [kept(client_id, entry_id, version) for client_id, entry_id, _p, _at, version, _b in rows]
    if all(found):
        return cast(list[Entry], found)
    fresh = iter(
        open_each(
            (cast(StoredEntry, tuple(row)) for row, entry in zip(rows, found, strict=True) if entry is None),
            lambda client_id: readers[client_id].entry,
            journal.unreadable,
        )
    )
    return [entry if entry is not None else next(fresh) for entry in found]


def index_chunk(
    entries: Sequence[Entry],
    catalogue: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME,
    labels: Mapping[str, str] | None = None,
) -> IndexChunk:
    """:func:`build_chunk` of ``entries``, where stand-ins of unreadable entries match no search."""
    chunk = build_chunk(entries, catalogue, labels)
    for row, entry in enumerate(chunk.entries):
        if is_unreadable(entry):
            chunk.hay[row] = ""
    return chunk


def _client_entries(journal: JournalService, client_ids: Sequence[str] | set[str]) -> dict[str, list[Entry]]:
    """The entries of ``client_ids``, each client's newest first, unreadable ones as stand-ins."""
    query = select(*STORED_ENTRY_COLUMNS).where(entries.c.client_id.in_(list(client_ids)))
    order = (entries.c.occurred_at_us.desc(), entries.c.id.desc(), entries.c.client_id.desc())
    with journal.engine.connect() as connection:
        readers = journal.entry_readers(connection)
        rows = connection.execute(query.order_by(*order)).all()
    by_client: dict[str, list[Entry]] = {client_id: [] for client_id in client_ids}
    for entry in _opened(journal, rows, readers):
        by_client[entry.client_id].append(entry)
    for client_id, found in by_client.items():  # what reads well again is no longer reported
        journal.unreadable.readable_again(client_id, (e.id for e in found if is_unreadable(e)))
    return by_client


def client_index(
    journal: JournalService,
    client_id: str,
    catalogue: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME,
    labels: Mapping[str, str] | None = None,
) -> TimelineIndex:
    """One client's timeline, newest first."""
    return TimelineIndex(index_chunk(_client_entries(journal, [client_id])[client_id], catalogue, labels))


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
    return index.replaced(_client_entries(journal, client_ids), catalogue, labels)
