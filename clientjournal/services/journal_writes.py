"""Writing clients, projects and entries: the one versioned write path, manifests updated alongside.

Every write seals the record with its client's key, changes the row only at the version it was read at
(:func:`~.journal_rows.update_versioned`), and records the change in the client's manifest
(:mod:`clientjournal.services.manifest_edits`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import Connection, delete, func, insert, select

from clientjournal.crypto.aead import RecordCipher
from clientjournal.crypto.keychain import CLIENT_KEY_VERSION
from clientjournal.domain import Client, Entry, Project
from clientjournal.errors import ConcurrentEditError, NotFoundError, ValidationError
from clientjournal.services.journal_cache import JournalCache
from clientjournal.services.journal_rows import stored_entry_version, update_versioned
from clientjournal.services.manifest_edits import ManifestEdits, manifest_edits
from clientjournal.storage.records import (
    entry_row_id,
    project_row_id,
    seal_client,
    seal_entry,
    seal_project,
    to_epoch_us,
)
from clientjournal.storage.schema import clients, entries, projects


class JournalWrites(JournalCache):
    """The writes of :class:`~.journal.JournalService`; each drops what is kept of the client it writes."""

    # ---- clients -------------------------------------------------------------------------------------------------

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
        update_versioned(connection, clients, (clients.c.id == client.id,), client.version, payload=payload)
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
        update_versioned(
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
                if stored_entry_version(connection, entry.client_id, entry.id):
                    # A new entry (or one deleted, stored again by undo) whose id is taken: changed elsewhere.
                    raise ConcurrentEditError(
                        "this entry was stored elsewhere in the meantime; reload it and apply your edit again"
                    )
                connection.execute(
                    insert(entries).values(client_id=entry.client_id, id=entry.id, version=1, **values)
                )
                return replace(entry, version=1)
            update_versioned(
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
            if result.rowcount == 0 and stored_entry_version(connection, client_id, entry_id):
                raise ConcurrentEditError(
                    "this entry was changed elsewhere since it was read; nothing was deleted"
                )
        if result.rowcount == 0:
            raise NotFoundError(f"no entry {entry_id}")
