"""Reading and writing clients, projects and entries of an unlocked vault.

Hot paths (a client's whole journal, every journal) use SQLAlchemy Core and one cipher per client, so the cost
per entry stays close to one row read plus one AES-GCM decryption.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import groupby, islice
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)

from clientjournal.crypto.aead import RecordCipher
from clientjournal.crypto.keychain import CLIENT_KEY_VERSION, KeyChain
from clientjournal.domain import Client, ClientJournal, Entry, Project
from clientjournal.errors import (
    AmbiguousNameError,
    ConcurrentEditError,
    NotFoundError,
    ValidationError,
)
from clientjournal.services.changes import VaultChanges
from clientjournal.services.manifests import ManifestEdits, manifest_edits
from clientjournal.services.search import ENGLISH_LABELS, matching
from clientjournal.services.unreadable import UnreadableLog, readable_journal
from clientjournal.storage.records import (
    EntryReader,
    StoredEntry,
    entry_row_id,
    open_client,
    open_project,
    project_row_id,
    seal_client,
    seal_entry,
    seal_project,
    to_epoch_us,
)
from clientjournal.storage.schema import clients, entries, projects

STORED_ENTRY_COLUMNS = (
    entries.c.client_id,
    entries.c.id,
    entries.c.project_id,
    entries.c.occurred_at_us,
    entries.c.version,
    entries.c.payload,
)
"""The columns of a :data:`~.records.StoredEntry`, in its order."""
StoredEntries = Sequence[StoredEntry]
_client_of = itemgetter(0)


def _fetch_stored_entries(
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


_client_time_id = itemgetter(0, 3, 1)

Progress = Callable[[int, int], None]
"""Called with (done, total) as long work advances."""

JOURNAL_BATCH = 200
"""Clients whose journals :meth:`JournalService.journals` reads together when some are kept already."""


class JournalService:
    def __init__(self, engine: Engine, keys: KeyChain) -> None:
        self.engine = engine
        self.keys = keys
        self._journals: dict[str, ClientJournal] = {}
        """Decrypted journals already read in this session. Writes through this service drop the client's
        entry; the coach's "today" view and the client badges then re-read only what changed."""
        self._kept_by_id: dict[str, dict[str, Entry]] = {}
        """The entries of kept journals by id, built when first asked for (see :meth:`kept_entry`)."""
        self._readers: dict[str, EntryReader] = {}
        """Entry readers by client, reused while the client's cipher is (the timeline reads in many pages)."""
        self.unreadable = UnreadableLog()
        """Entries that did not open, skipped by the bulk readers (journals, the timeline's pages)."""

    def forget_cached(self, client_id: str | None = None) -> None:
        """Drop what is kept for reuse (decrypted journals, entry readers holding keys): one client's, or all
        (after an import, and on lock)."""
        if client_id is None:
            self._journals.clear()
            self._kept_by_id.clear()
            self._readers.clear()
        else:
            self._journals.pop(client_id, None)
            self._kept_by_id.pop(client_id, None)
            self._readers.pop(client_id, None)

    def forget_changed(self, changes: VaultChanges) -> None:
        """Drop what is kept of the clients a change made elsewhere touched (of every client: when it cannot
        tell). A client added or deleted elsewhere may come back under its id with a new key: its cipher goes too."""
        if changes.everything:
            self.forget_cached()
        for client_id in changes.clients:
            self.forget_cached(client_id)
            if changes.client_list:
                self.keys.forget_client(client_id)

    # ---- ciphers -------------------------------------------------------------------------------------------------

    def _cipher_for(self, connection: Connection, client_id: str) -> RecordCipher:
        row = connection.execute(
            select(clients.c.wrapped_key, clients.c.key_version).where(clients.c.id == client_id)
        ).first()
        if row is None:
            raise NotFoundError(f"no client with id {client_id}")
        return self.keys.client_cipher(client_id, row.wrapped_key, row.key_version)

    def client_cipher(self, client_id: str) -> RecordCipher:
        """``client_id``'s cipher (its data key), for records of the client kept elsewhere (autosaves).

        Raises NotFoundError if the client does not exist (any more).
        """
        with self.engine.connect() as connection:
            return self._cipher_for(connection, client_id)

    def client_ciphers(self, connection: Connection) -> dict[str, RecordCipher]:
        """Every client's cipher, for readers that go across clients."""
        rows = connection.execute(select(clients.c.id, clients.c.wrapped_key, clients.c.key_version))
        return {r.id: self.keys.client_cipher(r.id, r.wrapped_key, r.key_version) for r in rows}

    def _decode_client(self, row: Row[tuple[str, int, bytes, int, bytes]]) -> Client:
        cipher = self.keys.client_cipher(row.id, row.wrapped_key, row.key_version)
        return open_client(row.id, row.version, row.payload, cipher, self.keys.ref("clients", row.id))

    def entry_reader(self, client_id: str, cipher: RecordCipher) -> EntryReader:
        """What opens ``client_id``'s stored entries (``cipher`` is that client's)."""
        return EntryReader(self.keys.vault_id, client_id, cipher)

    def entry_readers(self, connection: Connection) -> dict[str, EntryReader]:
        """Every client's :meth:`entry_reader`, for readers that go across clients."""
        readers = {}
        for client_id, cipher in self.client_ciphers(connection).items():
            reader = self._readers.get(client_id)
            if reader is None or reader.cipher is not cipher:
                reader = self._readers[client_id] = self.entry_reader(client_id, cipher)
            readers[client_id] = reader
        return readers

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

    def save_client(self, client: Client) -> Client:
        """Insert a new client (version 0) or update a stored one, refusing to overwrite a newer version."""
        return self.save_client_with_projects(client, ())

    def save_client_with_projects(self, client: Client, projects: Sequence[Project]) -> Client:
        """Store the client (as :meth:`save_client`) and its new and edited ``projects`` (as :meth:`save_project`)
        in one transaction: all or nothing. Each project is stored under the client's id."""
        if not client.name.strip():
            raise ValidationError("a client needs a name")
        for project in projects:
            self._check_project(project)
        self.forget_cached(client.id)
        with self.engine.begin() as connection, manifest_edits(self.keys, connection) as edits:
            saved, cipher = self._store_client(connection, client, edits)
            for project in projects:
                self._store_project(connection, replace(project, client_id=saved.id), cipher, edits)
        self.forget_cached(client.id)
        return saved

    def _store_client(
        self, connection: Connection, client: Client, edits: ManifestEdits
    ) -> tuple[Client, RecordCipher]:
        ref = self.keys.ref("clients", client.id)
        if client.version == 0:
            if connection.execute(select(clients.c.id).where(clients.c.id == client.id)).first():
                raise ValidationError(f"a client with id {client.id} exists already")
            wrapped, cipher = self.keys.new_client_key(client.id)
            payload = seal_client(client, cipher, ref)
            connection.execute(
                insert(clients).values(
                    id=client.id,
                    key_version=CLIENT_KEY_VERSION,
                    wrapped_key=wrapped,
                    payload=payload,
                    version=1,
                )
            )
            edits.saved(client.id, cipher, "clients", client.id, 1, payload)
            return replace(client, version=1), cipher
        cipher = self._cipher_for(connection, client.id)
        payload = seal_client(client, cipher, ref)
        self._update_versioned(
            connection, clients, (clients.c.id == client.id,), client.version, payload=payload
        )
        edits.saved(client.id, cipher, "clients", client.id, client.version + 1, payload)
        return replace(client, version=client.version + 1), cipher

    def delete_client(self, client_id: str) -> None:
        """Remove the client, its key and every row of its journal (see also VaultMaintenance.scrub)."""
        with self.engine.begin() as connection, manifest_edits(self.keys, connection) as edits:
            if connection.execute(select(clients.c.id).where(clients.c.id == client_id)).first() is None:
                raise NotFoundError(f"no client with id {client_id}")
            edits.client_deleted(client_id)
            connection.execute(delete(entries).where(entries.c.client_id == client_id))
            connection.execute(delete(projects).where(projects.c.client_id == client_id))
            connection.execute(delete(clients).where(clients.c.id == client_id))
        self.forget_cached(client_id)
        self.keys.forget_client(client_id)

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

    def save_project(self, project: Project) -> Project:
        self._check_project(project)
        self.forget_cached(project.client_id)
        with self.engine.begin() as connection, manifest_edits(self.keys, connection) as edits:
            cipher = self._cipher_for(connection, project.client_id)
            return self._store_project(connection, project, cipher, edits)

    @staticmethod
    def _check_project(project: Project) -> None:
        if not project.title.strip():
            raise ValidationError("a project needs a title")

    def _store_project(
        self, connection: Connection, project: Project, cipher: RecordCipher, edits: ManifestEdits
    ) -> Project:
        ref = self.keys.ref("projects", project_row_id(project.client_id, project.id))
        payload = seal_project(project, cipher, ref)
        edits.saved(project.client_id, cipher, "projects", project.id, project.version + 1, payload)
        if project.version == 0:
            connection.execute(
                insert(projects).values(
                    client_id=project.client_id, id=project.id, payload=payload, version=1
                )
            )
            return replace(project, version=1)
        self._update_versioned(
            connection,
            projects,
            (projects.c.client_id == project.client_id, projects.c.id == project.id),
            project.version,
            payload=payload,
        )
        return replace(project, version=project.version + 1)

    def delete_project(self, client_id: str, project_id: str) -> None:
        """Delete a project that no entry refers to (entries keep their history; move them first)."""
        self.forget_cached(client_id)
        with self.engine.begin() as connection, manifest_edits(self.keys, connection) as edits:
            used = connection.execute(
                select(func.count())
                .select_from(entries)
                .where(entries.c.client_id == client_id, entries.c.project_id == project_id)
            ).scalar_one()
            if used:
                raise ValidationError(
                    f"{used} journal entries belong to this project; move or delete them first"
                )
            deleted = connection.execute(
                delete(projects).where(projects.c.client_id == client_id, projects.c.id == project_id)
            )
            if deleted.rowcount:
                edits.deleted(client_id, self._cipher_for(connection, client_id), "projects", project_id)

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
            stored = _fetch_stored_entries(connection, client_ids)
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

    def save_entry(self, entry: Entry) -> Entry:
        ref = self.keys.ref("entries", entry_row_id(entry.client_id, entry.id))
        self.forget_cached(entry.client_id)
        with self.engine.begin() as connection, manifest_edits(self.keys, connection) as edits:
            cipher = self._cipher_for(connection, entry.client_id)
            payload = seal_entry(entry, cipher, ref)
            values = {
                "project_id": entry.project_id,
                "occurred_at_us": to_epoch_us(entry.occurred_at),
                "payload": payload,
            }
            edits.saved(entry.client_id, cipher, "entries", entry.id, entry.version + 1, payload)
            if entry.version == 0:
                if self._stored_entry_version(connection, entry.client_id, entry.id):
                    # A new entry (or one deleted, stored again by undo) whose id is taken: changed elsewhere.
                    raise ConcurrentEditError(
                        "this entry was stored elsewhere in the meantime; reload it and apply your edit again"
                    )
                connection.execute(
                    insert(entries).values(client_id=entry.client_id, id=entry.id, version=1, **values)
                )
                return replace(entry, version=1)
            self._update_versioned(
                connection,
                entries,
                (entries.c.client_id == entry.client_id, entries.c.id == entry.id),
                entry.version,
                **values,
            )
        return replace(entry, version=entry.version + 1)

    def delete_entry(self, client_id: str, entry_id: str, *, expected_version: int | None = None) -> None:
        """Delete an entry; with ``expected_version``, only if it is still stored at that version.

        Raises NotFoundError if the entry is not stored, and ConcurrentEditError if it is stored at another
        version than ``expected_version`` (it was changed elsewhere; nothing is deleted).
        """
        self.forget_cached(client_id)
        where = [entries.c.client_id == client_id, entries.c.id == entry_id]
        if expected_version is not None:
            where.append(entries.c.version == expected_version)
        with self.engine.begin() as connection, manifest_edits(self.keys, connection) as edits:
            result = connection.execute(delete(entries).where(*where))
            if result.rowcount:
                edits.deleted(client_id, self._cipher_for(connection, client_id), "entries", entry_id)
            if result.rowcount == 0 and self._stored_entry_version(connection, client_id, entry_id):
                raise ConcurrentEditError(
                    "this entry was changed elsewhere since it was read; nothing was deleted"
                )
        if result.rowcount == 0:
            raise NotFoundError(f"no entry {entry_id}")

    @staticmethod
    def _stored_entry_version(connection: Connection, client_id: str, entry_id: str) -> int:
        """The stored version of the entry, 0 when it is not stored."""
        version = connection.execute(
            select(entries.c.version).where(entries.c.client_id == client_id, entries.c.id == entry_id)
        ).scalar()
        return int(version or 0)

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

    # ---- helpers -------------------------------------------------------------------------------------------------

    @staticmethod
    def _update_versioned(
        connection: Connection,
        table: Table,
        where: tuple[ColumnElement[bool], ...],
        version: int,
        **values: object,
    ) -> None:
        update_versioned(connection, table, where, version, **values)


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
