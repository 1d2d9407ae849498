"""What changed in a vault, and noticing changes made by someone else (another process, window or device).

:class:`VaultChanges` is the one description of a change that front ends pass around: a write returns it, and
every view refreshes from it instead of being reloaded by hand. :class:`ChangeWatcher` notices commits made
through other connections: on SQLite through ``PRAGMA data_version`` on a connection of its own, on PostgreSQL
through ``LISTEN`` (every commit of this app sends a ``NOTIFY``, see
:mod:`clientjournal.storage.database`). It says only *that* something changed, never what: the payload is
opaque, so a front end treats a report as :meth:`VaultChanges.all`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class VaultChanges:
    """Which parts of a vault a write (or someone else) changed. Combine with ``|``."""

    clients: frozenset[str] = frozenset()
    """The clients whose record, entries or projects changed."""
    client_list: bool = False
    """Clients were added, renamed, archived or deleted: the list of clients needs reading again."""
    entries: bool = False
    projects: bool = False
    settings: bool = False
    """Vault settings (the coach's snoozes and dismissals, mood tags) changed."""
    everything: bool = False
    """Unknown or external changes: read everything again."""

    @classmethod
    def all(cls) -> VaultChanges:
        return cls(everything=True)

    @classmethod
    def of_entries(cls, client_ids: Iterable[str]) -> VaultChanges:
        return cls(clients=frozenset(client_ids), entries=True)

    @classmethod
    def of_clients(cls, client_ids: Iterable[str] = ()) -> VaultChanges:
        """A change to client records (and so to the list of clients)."""
        return cls(clients=frozenset(client_ids), client_list=True, projects=True)

    def __or__(self, other: VaultChanges) -> VaultChanges:
        return VaultChanges(
            clients=self.clients | other.clients,
            client_list=self.client_list or other.client_list,
            entries=self.entries or other.entries,
            projects=self.projects or other.projects,
            settings=self.settings or other.settings,
            everything=self.everything or other.everything,
        )

    @property
    def empty(self) -> bool:
        return not (
            self.clients
            or self.client_list
            or self.entries
            or self.projects
            or self.settings
            or self.everything
        )

    @property
    def journal(self) -> bool:
        """Whether any journal data (not only settings) may have changed."""
        return self.everything or self.client_list or self.entries or self.projects or bool(self.clients)

    def touches(self, client_id: str | None) -> bool:
        """Whether a view of ``client_id``'s journal (None: every client's) may be out of date."""
        if self.everything or self.client_list:
            return True
        if client_id is None:
            return self.journal
        return client_id in self.clients


class ChangeWatcher:
    """Notices commits made through other connections to the vault's database; not thread-safe.

    Create, poll and close it on one thread. ``poll()`` is cheap (one pragma on SQLite; on PostgreSQL it reads
    what the server already sent, without a round trip) and returns True when something changed since the
    previous poll. :meth:`own_write` runs a job of this process and keeps what it commits from being reported.
    A lost connection is reopened on the next poll and reported as a change (something may have been missed).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        self._raw: Any = None
        self._version: object = None
        self._missed = False
        self._origin = ""
        self._open()

    # ---- the connection ------------------------------------------------------------------------------------------

    def _open(self) -> None:
        # A connection of its own, never handed back to the pool while open.
        raw = self._engine.raw_connection()
        try:
            if self._sqlite:
                self._raw = raw
                self._version = self._sqlite_version()
            else:
                from clientjournal.storage.database import CHANGE_CHANNEL, change_origin

                self._origin = change_origin(self._engine)
                driver = raw.driver_connection
                assert driver is not None
                driver.autocommit = True
                driver.execute(f"LISTEN {CHANGE_CHANNEL}")
                self._raw = raw
        except Exception:
            raw.invalidate()
            raise

    def _sqlite_version(self) -> object:
        cursor = self._raw.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            row = cursor.fetchone()
        finally:
            cursor.close()
        return row[0] if row else None

    def _pg_changed(self) -> bool:
        pgconn = self._raw.driver_connection.pgconn
        pgconn.consume_input()  # what the server has sent so far; never blocks
        changed = False
        while (notice := pgconn.notifies()) is not None:
            if notice.extra.decode("utf-8", "replace") != self._origin:
                changed = True  # ours are known already; anyone else's count
        if pgconn.status != 0:  # CONNECTION_OK
            raise ConnectionError("the listening connection was lost")
        return changed

    def _changed(self) -> bool:
        if self._raw is None:
            self._open()
            return True  # reconnected: whatever happened meanwhile was missed
        try:
            if self._sqlite:
                version = self._sqlite_version()
                changed = version != self._version
                self._version = version
                return changed
            return self._pg_changed()
        except Exception as exc:  # the server went away, say; next poll reconnects
            log.info("change watcher lost its connection: %s", type(exc).__name__)
            self._drop()
            return True

    def _drop(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:
            try:
                raw.invalidate()
            except Exception:  # closing a broken connection may fail as well
                log.debug("change watcher connection not closed cleanly", exc_info=True)

    # ---- use -----------------------------------------------------------------------------------------------------

    def poll(self) -> bool:
        """True when someone else committed a change since the last poll (or the connection was renewed)."""
        missed, self._missed = self._missed, False
        return self._changed() or missed

    def own_write(self, job: Any) -> Any:
        """Run ``job`` (this process's own work) so that only changes made by others before it are reported."""
        if self._raw is None or not self._sqlite:
            return job()  # PostgreSQL: our own notifications carry our origin and are skipped anyway
        if self._changed():
            self._missed = True
        try:
            return job()
        finally:
            self._changed()  # what the job committed is ours: not reported

    def close(self) -> None:
        self._drop()  # not back to the pool: the connection is listening (PostgreSQL) or was never shared
