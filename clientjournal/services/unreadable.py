"""Entries that cannot be opened (a damaged ciphertext, a record edited outside the app) no longer stop a reader.

The bulk readers (a client's journal for the coach and the badges, the timeline's pages) skip such an entry,
note it here and log the details once; the timeline shows an :class:`UnreadableEntry` in its place, so the user
sees that something is missing and where. ``clientjournal-cli check`` names every damaged record.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from clientjournal.domain.entities import Entry
from clientjournal.domain.enums import EntryKind
from clientjournal.errors import IntegrityError
from clientjournal.storage.entry_reader import StoredEntry
from clientjournal.storage.records import from_epoch_us

log = logging.getLogger(__name__)

OpenEntry = Callable[[str, str | None, int, int, bytes], Entry]
"""What opens one stored entry: ``EntryReader.entry`` (id, project, time in µs, version, ciphertext)."""


@dataclass(frozen=True, slots=True)
class UnreadableEntry(Entry):
    """Stands in for an entry whose ciphertext cannot be opened: only its clear columns are known.

    Its kind and text are placeholders (never shown as such, never saved); ``problem`` says what failed.
    """

    problem: str = ""


def is_unreadable(entry: object) -> bool:
    return isinstance(entry, UnreadableEntry)


@dataclass(slots=True)
class UnreadableLog:
    """The unreadable entries one session has come across, by (client id, entry id); each logged once."""

    found: dict[tuple[str, str], UnreadableEntry] = field(default_factory=dict)

    def note(self, entry: UnreadableEntry) -> None:
        key = (entry.client_id, entry.id)
        if key not in self.found:
            log.warning("skipped an unreadable journal entry: %s", entry.problem)
        self.found[key] = entry

    def readable_again(self, client_id: str, entry_ids: Iterable[str]) -> None:
        """Forget what was noted of ``client_id`` except ``entry_ids`` (still unreadable after a fresh read)."""
        keep = set(entry_ids)
        for key in [k for k in self.found if k[0] == client_id and k[1] not in keep]:
            del self.found[key]

    def forget(self) -> None:
        self.found.clear()

    def __len__(self) -> int:
        return len(self.found)


def placeholder(
    client_id: str, entry_id: str, project_id: str | None, at_us: int, version: int, problem: IntegrityError
) -> UnreadableEntry:
    """The stand-in of a stored entry that did not open, at its clear time in the system's time zone."""
    occurred_at: datetime = from_epoch_us(at_us, 0).astimezone()
    return UnreadableEntry(
        entry_id,
        client_id,
        occurred_at,
        EntryKind.NOTE,
        project_id=project_id,
        version=version,
        problem=str(problem),
    )


def open_each(
    rows: Iterable[StoredEntry], open_entry: Callable[[str], OpenEntry], found: UnreadableLog
) -> Iterator[Entry]:
    """Each stored entry opened, or its :class:`UnreadableEntry` (noted in ``found``) when it does not open.

    ``open_entry(client_id)`` gives the opener of that client's entries.
    """
    for client_id, entry_id, project_id, at_us, version, blob in rows:
        try:
            yield open_entry(client_id)(entry_id, project_id, at_us, version, blob)
        except IntegrityError as problem:
            stand_in = placeholder(client_id, entry_id, project_id, at_us, version, problem)
            found.note(stand_in)
            yield stand_in


def readable_journal(
    client_id: str, rows: Iterable[StoredEntry], open_entry: OpenEntry, found: UnreadableLog
) -> tuple[Entry, ...]:
    """One client's stored entries opened, in order, without those that do not open (noted in ``found``):
    what the coach, the badges and the reports may reason about."""
    opened = tuple(open_each(rows, lambda _client_id: open_entry, found))
    readable = tuple(entry for entry in opened if not isinstance(entry, UnreadableEntry))
    if len(readable) != len(opened) or any(key[0] == client_id for key in found.found):
        found.readable_again(client_id, (e.id for e in opened if isinstance(e, UnreadableEntry)))
    return readable
