"""Import and export of the JSON exchange format, applied atomically and at close to raw cost.

Import is all or nothing: the whole file is validated before the vault is touched, and every row is written in
one transaction, so an interrupted import leaves the vault as it was. Records are matched by id, so importing the
same file twice changes nothing the second time.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import IntegrityError as DuplicateRowError

from clientjournal.crypto.aead import RecordCipher
from clientjournal.crypto.keychain import CLIENT_KEY_VERSION
from clientjournal.domain import ClientJournal
from clientjournal.errors import ConcurrentEditError, ValidationError
from clientjournal.exchange import ExchangeDocument, parse_document
from clientjournal.exchange.write import iter_dump_chunks_of_lines
from clientjournal.services.journal import JournalService, Progress
from clientjournal.services.journal_rows import update_versioned
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

_BATCH = 5_000


@contextmanager
def _stored_meanwhile_is_a_conflict() -> Iterator[None]:
    """Another import of the same new records committed first (two at once on PostgreSQL): this one's inserts
    collide with its rows. The import is one transaction, so nothing of it was written: a conflict, not damage."""
    try:
        yield
    except DuplicateRowError as error:
        raise ConcurrentEditError(
            "another program stored the same records at this moment; nothing was imported, run the import again"
        ) from error


class _NewRows:
    """Rows to insert, written a few thousand at a time across clients: one statement per client and table cost
    more than its rows at 1,000 clients. Clients go first, then projects, then entries, as foreign keys need."""

    def __init__(self, connection: Connection, counts: dict[str, int]) -> None:
        self._connection = connection
        self._counts = counts
        self._pending: dict[Table, list[dict[str, Any]]] = {clients: [], projects: [], entries: []}
        self._size = 0

    def add(self, table: Table, row: dict[str, Any]) -> None:
        self._pending[table].append(row)
        self._counts[f"{table.name}_added"] += 1
        self._size += 1
        if self._size >= _BATCH:
            self.flush()

    def flush(self) -> None:
        for table, rows in self._pending.items():
            if rows:
                self._connection.execute(insert(table), rows)
                rows.clear()
        self._size = 0


@dataclass(frozen=True, slots=True)
class ImportSummary:
    clients_added: int = 0
    clients_updated: int = 0
    projects_added: int = 0
    projects_updated: int = 0
    entries_added: int = 0
    entries_updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return (
            self.clients_added
            + self.clients_updated
            + self.projects_added
            + self.projects_updated
            + self.entries_added
            + self.entries_updated
        )


class TransferService:
    def __init__(self, journal: JournalService) -> None:
        self.journal = journal
        self.keys = journal.keys
        self.engine = journal.engine

    # ---- import --------------------------------------------------------------------------------------------------

    def read_document(self, data: bytes | str) -> ExchangeDocument:
        """Parse and validate; raises ImportValidationError listing every problem. Touches nothing."""
        return parse_document(data)

    def import_document(self, document: ExchangeDocument, progress: Progress | None = None) -> ImportSummary:
        return self.import_journals(document.journals, progress)

    def import_journals(
        self,
        journals: Iterable[ClientJournal],
        progress: Progress | None = None,
        *,
        total: int | None = None,
    ) -> ImportSummary:
        journals = list(journals) if total is None else journals
        total = total if total is not None else len(journals)  # type: ignore[arg-type]
        counts: dict[str, int] = dict.fromkeys(ImportSummary.__dataclass_fields__, 0)
        self.journal.forget_cached()
        with (
            _stored_meanwhile_is_a_conflict(),
            self.engine.begin() as connection,
            manifest_edits(self.keys, connection) as edits,
        ):
            known = {
                row.id: row
                for row in connection.execute(
                    select(
                        clients.c.id,
                        clients.c.wrapped_key,
                        clients.c.key_version,
                        clients.c.payload,
                        clients.c.version,
                    )
                )
            }
            new_rows = _NewRows(connection, counts)
            for done, journal in enumerate(journals, start=1):
                self._import_one(connection, journal, known.get(journal.client.id), new_rows, counts, edits)
                if progress:
                    progress(done, total)
            new_rows.flush()
        return ImportSummary(**counts)

    def _import_one(
        self,
        connection: Connection,
        journal: ClientJournal,
        existing: Any,
        new_rows: _NewRows,
        counts: dict[str, int],
        edits: ManifestEdits,
    ) -> None:
        """Store one journal; what changed goes into ``edits`` (each client's manifest is sealed once, at the end
        of the import)."""
        client = journal.client
        client_ref = self.keys.ref("clients", client.id)
        if existing is None:
            wrapped, cipher = self.keys.new_client_key(client.id)
            client_payload = seal_client(client, cipher, client_ref)
            new_rows.add(
                clients,
                {
                    "id": client.id,
                    "key_version": CLIENT_KEY_VERSION,
                    "wrapped_key": wrapped,
                    "payload": client_payload,
                    "version": 1,
                },
            )
            edits.saved(client.id, cipher, "clients", client.id, 1, client_payload)
            old_projects: dict[str, Any] = {}
            old_entries: dict[str, Any] = {}
        else:
            cipher = self.keys.client_cipher(client.id, existing.wrapped_key, existing.key_version)
            client_payload = seal_client(client, cipher, client_ref)
            if self._update_if_changed(
                connection,
                clients,
                (clients.c.id == client.id,),
                existing,
                cipher.decrypt(existing.payload, client_ref),
                client_payload,
                cipher,
                client_ref,
                "clients",
                counts,
            ):
                edits.saved(client.id, cipher, "clients", client.id, existing.version + 1, client_payload)
            old_projects = {
                row.id: row
                for row in connection.execute(
                    select(projects.c.id, projects.c.payload, projects.c.version).where(
                        projects.c.client_id == client.id
                    )
                )
            }
            old_entries = {
                row.id: row
                for row in connection.execute(
                    select(entries.c.id, entries.c.payload, entries.c.version).where(
                        entries.c.client_id == client.id
                    )
                )
            }

        for project in journal.projects:
            ref = self.keys.ref("projects", project_row_id(client.id, project.id))
            payload = seal_project(project, cipher, ref)
            old = old_projects.get(project.id)
            if old is None:
                new_rows.add(
                    projects, {"client_id": client.id, "id": project.id, "payload": payload, "version": 1}
                )
                edits.saved(client.id, cipher, "projects", project.id, 1, payload)
            elif self._update_if_changed(
                connection,
                projects,
                (projects.c.client_id == client.id, projects.c.id == project.id),
                old,
                cipher.decrypt(old.payload, ref),
                payload,
                cipher,
                ref,
                "projects",
                counts,
            ):
                edits.saved(client.id, cipher, "projects", project.id, old.version + 1, payload)

        for entry in journal.entries:
            ref = self.keys.ref("entries", entry_row_id(client.id, entry.id))
            at_us = to_epoch_us(entry.occurred_at)
            payload = seal_entry(entry, cipher, ref, occurred_at_us=at_us)
            old = old_entries.get(entry.id)
            if old is None:
                new_rows.add(
                    entries,
                    {
                        "client_id": client.id,
                        "id": entry.id,
                        "project_id": entry.project_id,
                        "occurred_at_us": at_us,
                        "payload": payload,
                        "version": 1,
                    },
                )
                edits.saved(client.id, cipher, "entries", entry.id, 1, payload)
            elif self._update_if_changed(
                connection,
                entries,
                (entries.c.client_id == client.id, entries.c.id == entry.id),
                old,
                cipher.decrypt(old.payload, ref),
                payload,
                cipher,
                ref,
                "entries",
                counts,
                project_id=entry.project_id,
                occurred_at_us=at_us,
            ):
                edits.saved(client.id, cipher, "entries", entry.id, old.version + 1, payload)

    @staticmethod
    def _update_if_changed(
        connection: Connection,
        table: Table,
        where: tuple[Any, ...],
        old: Any,
        old_plaintext: bytes,
        new_payload: bytes,
        cipher: RecordCipher,
        ref: Any,
        kind: str,
        counts: dict[str, int],
        **columns: Any,
    ) -> bool:
        """Whether the row was changed (the file differs from what is stored)."""
        if cipher.decrypt(new_payload, ref) == old_plaintext:
            counts["unchanged"] += 1
            return False
        # Versioned like every other write: a row changed elsewhere since it was read above is never overwritten
        # (ConcurrentEditError, and the whole import rolls back).
        update_versioned(connection, table, where, old.version, payload=new_payload, **columns)
        counts[f"{kind}_updated"] += 1
        return True

    # ---- export --------------------------------------------------------------------------------------------------

    def export_chunks(
        self,
        *,
        exported_at: datetime,
        progress: Progress | None = None,
        summary: ExportSummary | None = None,
    ) -> Iterator[str]:
        """The export's text piece by piece; ``summary``, when given, counts what was written."""
        parts: Iterable[tuple[Any, Any, list[str]]] = (
            (client, project_list, reader.export_lines(rows))
            for client, project_list, reader, rows in self.journal.iter_stored_journals(progress)
        )
        if summary is not None:
            parts = summary.counting(parts)
        return iter_dump_chunks_of_lines(parts, exported_at)

    def export_to_file(
        self, path: Path, *, exported_at: datetime, progress: Progress | None = None, replace: bool = True
    ) -> ExportSummary:
        """Write to a temporary file beside the target, flush it to disk, then rename: never a half file.

        Without ``replace``, an existing file (even one that appeared meanwhile) is never overwritten:
        :class:`ExportExistsError`, and nothing is written.
        """
        summary = ExportSummary()
        write_atomically(
            path,
            self.export_chunks(exported_at=exported_at, progress=progress, summary=summary),
            replace=replace,
        )
        return summary


@dataclass(slots=True)
class ExportSummary:
    """How many clients and entries an export wrote."""

    clients: int = 0
    entries: int = 0

    def counting(self, parts: Iterable[tuple[Any, Any, list[str]]]) -> Iterator[tuple[Any, Any, list[str]]]:
        for part in parts:
            self.clients += 1
            self.entries += len(part[2])
            yield part


class ExportExistsError(ValidationError):
    """The export's target file exists and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists")
        self.path = path


def write_atomically(path: Path, chunks: Iterable[str], *, replace: bool = True) -> None:
    if not replace and path.exists():
        raise ExportExistsError(path)  # before any work
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    # An export is plaintext: a run killed mid-write left a ".<name>.*.part" file of our own naming; remove it.
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
        stale.unlink(missing_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        if replace:
            os.replace(temp_name, path)
        else:
            _link_new(Path(temp_name), path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _link_new(temp: Path, path: Path) -> None:
    """Give ``temp`` the name ``path`` unless a file of that name exists (even one that appeared meanwhile)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise ExportExistsError(path) from None
    except OSError:
        # A file system without hard links (some network shares): rename, after one last check.
        if path.exists():
            raise ExportExistsError(path) from None
        os.replace(temp, path)
    else:
        temp.unlink()
