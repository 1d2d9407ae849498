"""Reading clients, projects and entries of an unlocked vault: :class:`JournalService`, the session's journal.

Hot paths (a client's whole journal, every journal) use SQLAlchemy Core and one cipher per client, so the cost
per entry stays close to one row read plus one AES-GCM decryption. The service's writes are in
:mod:`~.journal_writes`, what it keeps between calls and its ciphers in :mod:`~.journal_cache`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import groupby, islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Row, func, select

from clientjournal.crypto.aead import RecordCipher
from clientjournal.domain import Client, ClientJournal, Entry, Project
from clientjournal.errors import AmbiguousNameError, NotFoundError
from clientjournal.services.journal_rows import STORED_ENTRY_COLUMNS, StoredEntries, fetch_stored_entries
from clientjournal.services.journal_writes import JournalWrites
from clientjournal.services.search import ENGLISH_LABELS, matching
from clientjournal.services.unreadable import readable_journal
from clientjournal.storage.entry_reader import EntryReader
from clientjournal.storage.records import open_client, open_project, project_row_id
from clientjournal.storage.schema import clients, entries, projects

_client_of = itemgetter(0)
_client_time_id = itemgetter(0, 3, 1)

Progress = Callable[[int, int], None]
"""Called with (done, total) as long work advances."""

JOURNAL_BATCH = 200
"""Clients whose journals :meth:`JournalService.journals` reads together when some are kept already."""


class JournalService(JournalWrites):
    """Clients, projects and entries: reading in bulk and one at a time, search, and (inherited) the writes."""

    def _decode_client(self, row: Row[tuple[str, int, bytes, int, bytes]]) -> Client:
        cipher = self.keys.client_cipher(row.id, row.wrapped_key, row.key_version)
        return open_client(row.id, row.version, row.payload, cipher, self.keys.ref("clients", row.id))

    # ---- clients -------------------------------------------------------------------------------------------------

    def list_clients(
        self, *, include_archived: bool = True, client_ids: Sequence[str] | None = None
    ) -> list[Client]:
        """Clients in name order: all, or those of ``client_ids`` that exist."""
        query = select(clients) if client_ids is None else select(clients).where(clients.c.id.in_(client_ids))
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        result = [self._decode_client(row) for row in rows]
        if not include_archived:
            result = [client for client in result if not client.archived]
        result.sort(key=lambda client: (client.name.casefold(), client.id))
        return result

    def get_client(self, client_id: str) -> Client:
        with self.engine.connect() as connection:
            row = connection.execute(select(clients).where(clients.c.id == client_id)).first()
        if row is None:
            raise NotFoundError(f"no client with id {client_id}")
        return self._decode_client(row)

    def find_client(self, id_or_name: str) -> Client:
        """A client by id, or else by exact name (case-insensitive when no exact match exists)."""
        with self.engine.connect() as connection:
            row = connection.execute(select(clients).where(clients.c.id == id_or_name)).first()
        if row is not None:
            return self._decode_client(row)
        every = self.list_clients()
        for matches in (
            [c for c in every if c.name == id_or_name],
            [c for c in every if c.name.casefold() == id_or_name.strip().casefold()],
        ):
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                ids = ", ".join(c.id for c in matches)
                raise AmbiguousNameError(f"several clients have that name; use an id: {ids}")
        raise NotFoundError("no client with that id or name")

    # ---- projects ------------------------------------------------------------------------------------------------

    def list_projects(self, client_id: str) -> list[Project]:
        with self.engine.connect() as connection:
            return self._projects_of(connection, client_id, self._cipher_for(connection, client_id))

    def _projects_of(self, connection: Connection, client_id: str, cipher: RecordCipher) -> list[Project]:
        rows = connection.execute(select(projects).where(projects.c.client_id == client_id)).all()
        return self._open_projects(client_id, rows, cipher)

    def _open_projects(self, client_id: str, rows: Iterable[Row[Any]], cipher: RecordCipher) -> list[Project]:
        """One client's stored projects, decrypted, in id order."""
        return sorted(
            (
                open_project(
                    client_id,
                    row.id,
                    row.version,
                    row.payload,
                    cipher,
                    self.keys.ref("projects", project_row_id(client_id, row.id)),
                )
                for row in rows
            ),
            key=lambda project: project.id,
        )

    # ---- entries -------------------------------------------------------------------------------------------------

    def journal(self, client_id: str) -> ClientJournal:
        return self.journals_of([client_id])[0]

    def iter_stored_journals(
        self, progress: Progress | None = None, *, client_ids: Sequence[str] | None = None
    ) -> Iterator[tuple[Client, list[Project], EntryReader, StoredEntries]]:
        """Every client (or those of ``client_ids``), its projects, and its entries still encrypted (oldest first)
        with what opens them.

        Clients come in name order. Three queries in all, not three per client (per-query overhead dominated at
        1,000 clients). The ciphertexts are held grouped by client; callers decrypt each group as it comes.
        """
        every = self.list_clients(client_ids=client_ids)
        with self.engine.connect() as connection:
            project_rows: dict[str, list[Row[Any]]] = defaultdict(list)
            project_query = select(projects)
            if client_ids is not None:
                project_query = project_query.where(projects.c.client_id.in_(client_ids))
            for row in connection.execute(project_query):
                project_rows[row.client_id].append(row)
            # No ORDER BY: sorting 100,000 rows with their ciphertexts in SQL cost more than sorting their
            # (client, time, id) keys here.
            stored = fetch_stored_entries(connection, client_ids)
            stored.sort(key=_client_time_id)
            entry_rows = {client_id: list(group) for client_id, group in groupby(stored, key=_client_of)}
            del stored
            ciphers = self.client_ciphers(connection)
        for done, client in enumerate(every, start=1):
            cipher = ciphers[client.id]
            project_list = self._open_projects(client.id, project_rows.pop(client.id, []), cipher)
            yield client, project_list, self.entry_reader(client.id, cipher), entry_rows.pop(client.id, [])
            if progress:
                progress(done, len(every))

    def journals_of(self, client_ids: Sequence[str]) -> list[ClientJournal]:
        """The journals of ``client_ids``, in that order: those not kept yet are read together, in three queries.

        Raises NotFoundError if one of the clients does not exist (any more).
        """
        missing = [client_id for client_id in client_ids if client_id not in self._journals]
        if missing:
            for stored in self.iter_stored_journals(client_ids=missing):
                self._keep_journal(*stored)
        try:
            return [self._journals[client_id] for client_id in client_ids]
        except KeyError as gone:
            raise NotFoundError(f"no client with id {gone.args[0]}") from None

    def kept_entry(self, client_id: str, entry_id: str, version: int) -> Entry | None:
        """The entry already decrypted in a journal kept in memory, if it is there at ``version``.

        Lets a reader that goes through the whole vault (the timeline) reuse what the client badges and the coach
        decrypted, rather than decrypting every entry twice after unlocking.
        """
        by_id = self._kept_by_id.get(client_id)
        if by_id is None:
            journal = self._journals.get(client_id)
            if journal is None:
                return None
            by_id = self._kept_by_id[client_id] = {entry.id: entry for entry in journal.entries}
        entry = by_id.get(entry_id)
        return entry if entry is not None and entry.version == version else None

    def _keep_journal(
        self, client: Client, project_list: list[Project], reader: EntryReader, rows: StoredEntries
    ) -> ClientJournal:
        """Decrypt one client's stored journal (from :meth:`iter_stored_journals`) and keep it."""
        entries_read = readable_journal(client.id, rows, reader.entry, self.unreadable)  # skips damaged ones
        journal = self._journals[client.id] = ClientJournal(client, tuple(project_list), entries_read)
        self._kept_by_id.pop(client.id, None)
        return journal

    def journals(self, progress: Progress | None = None) -> Iterator[ClientJournal]:
        """Every client's journal, clients in name order, read in bulk and kept (as by :meth:`journals_of`).

        With no journal kept yet, the whole vault is read in one go (three queries, every cipher looked up
        once); otherwise the journals not kept are read :data:`JOURNAL_BATCH` clients at a time.
        """
        if not self._journals:
            for stored in self.iter_stored_journals(progress):
                yield self._keep_journal(*stored)
            return
        every = [client.id for client in self.list_clients()]
        for start in range(0, len(every), JOURNAL_BATCH):
            yield from self.journals_of(every[start : start + JOURNAL_BATCH])
            if progress:
                progress(min(start + JOURNAL_BATCH, len(every)), len(every))

    def iter_entries(self, client_id: str | None = None) -> Iterator[Entry]:
        """Entries newest first, across all clients or for one; decrypted as they stream."""
        # The timeline's order (services.timeline.index.newest_first_key): the reverse of oldest first.
        newest = (entries.c.occurred_at_us.desc(), entries.c.id.desc(), entries.c.client_id.desc())
        query = select(*STORED_ENTRY_COLUMNS).order_by(*newest)
        if client_id is not None:
            query = query.where(entries.c.client_id == client_id)
        with self.engine.connect() as connection:
            readers = self.entry_readers(connection)
            for owner, entry_id, project_id, at_us, version, payload in connection.execute(query):
                yield readers[owner].entry(entry_id, project_id, at_us, version, payload)

    def get_entry(self, client_id: str, entry_id: str) -> Entry:
        """One entry of a client: one row read and one decryption, not the whole journal.

        Raises NotFoundError if the client or the entry does not exist (any more).
        """
        with self.engine.connect() as connection:
            row = connection.execute(
                select(*STORED_ENTRY_COLUMNS).where(
                    entries.c.client_id == client_id, entries.c.id == entry_id
                )
            ).first()
            if row is None:
                raise NotFoundError(f"no entry {entry_id}")
            _owner, _id, project_id, at_us, version, payload = row
            kept = self.kept_entry(client_id, entry_id, version)  # already decrypted in a kept journal
            if kept is not None:
                return kept
            cipher = self._cipher_for(connection, client_id)
        return self.entry_reader(client_id, cipher).entry(entry_id, project_id, at_us, version, payload)

    def find_entry(self, client_id: str, entry_id: str) -> Entry | None:
        """:meth:`get_entry`, or None when the client or the entry is gone."""
        try:
            return self.get_entry(client_id, entry_id)
        except NotFoundError:
            return None

    def count_entries(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(entries)).scalar_one())

    def search(
        self,
        query: str,
        *,
        client_id: str | None = None,
        limit: int | None = None,
        labels: Mapping[str, str] = ENGLISH_LABELS,
    ) -> list[Entry]:
        """Entries, newest first, whose text, kind or mood tags (as stored, or their shown names in ``labels``)
        contain every word of the query, casefolded: the timeline's rules (:mod:`clientjournal.services.search`).
        An empty query finds nothing."""
        found = matching(self.iter_entries(client_id), query, labels)
        return list(found if limit is None else islice(found, limit))
