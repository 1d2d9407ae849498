"""What changed in a vault, and noticing changes made by someone else (another process, window or device).

:class:`VaultChanges` is the one description of a change that front ends pass around: a write returns it, and
every view refreshes from it instead of being reloaded by hand. :class:`ChangeWatcher` notices commits made
through other connections: on SQLite through ``PRAGMA data_version`` on a connection of its own, on PostgreSQL
through ``LISTEN`` (every commit of this app sends a ``NOTIFY``, see :mod:`clientjournal.storage.database`).

The notice says only *that* something changed (the payload is opaque: which process wrote, never what). What
changed comes from a catch-up read, :class:`VaultSnapshot`: the ids and version counters of the clients, of
their sealed manifests and of the vault settings, with the last bytes of each row's ciphertext. These are columns
the database already holds in clear, so the server learns nothing new; nothing is decrypted. Every write of a
client's projects or entries re-seals that client's manifest in the same transaction
(:mod:`clientjournal.services.manifests`), so comparing two snapshots names the clients whose journal changed,
the clients added, renamed or deleted, and whether settings changed. Only when it cannot tell (no earlier
snapshot, manifests not built yet, another vault restored in place, or so many clients changed that reading
everything again is cheaper) does it report :meth:`VaultChanges.all`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import ColumnElement, func, literal_column, select, union_all

from clientjournal.storage.schema import clients, manifests, vault_items, vault_meta

if TYPE_CHECKING:
    from sqlalchemy import Engine

T = TypeVar("T")

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


# ---- what changed: comparing two snapshots ----------------------------------------------------------------------

_TAIL_BYTES = 16
"""The end of a ciphertext: its GCM tag, new with every seal (a random nonce), so a row sealed again at the same
version number (a backup of another history restored in place) still differs."""
_CLIENT = "c"
_ITEM = "i"
_META = "x"
_MANIFEST = "client"  # manifests.kind, as stored
_VAULT_MANIFEST = "vault"
MANY_CLIENTS = 8
"""A change to more clients than this, and to more than a quarter of them, is reported as
:meth:`VaultChanges.all`: reading every journal in bulk then costs about what reading those again would."""


def quiet_items() -> frozenset[str]:
    """The vault settings no view shows while the vault is open: autosaves (read when an editor opens), the
    backups' record and the recovery seal. Another device autosaving every few seconds changes nothing here."""
    from clientjournal.services.autosave import AUTOSAVE_SETTING
    from clientjournal.services.backup_record import SETTING as BACKUPS
    from clientjournal.services.recovery_seal import RECOVERY_DIGEST_ITEM

    return frozenset({AUTOSAVE_SETTING, BACKUPS, RECOVERY_DIGEST_ITEM})


def _tail(column: Any) -> ColumnElement[Any]:
    return func.substr(column, func.length(column) - (_TAIL_BYTES - 1))


def snapshot_query() -> Any:
    """One statement (so one consistent read on both databases) of every row a view depends on: kind, id, version
    and ciphertext tail. About 2 rows per client; the payloads are not fetched whole."""
    return union_all(
        select(literal_column(f"'{_CLIENT}'"), clients.c.id, clients.c.version, _tail(clients.c.payload)),
        select(manifests.c.kind, manifests.c.owner, manifests.c.version, _tail(manifests.c.payload)),
        select(
            literal_column(f"'{_ITEM}'"),
            vault_items.c.name,
            vault_items.c.version,
            _tail(vault_items.c.payload),
        ),
        select(
            literal_column(f"'{_META}'"),
            vault_meta.c.vault_id,
            vault_meta.c.format_version,
            _tail(vault_meta.c.wrapped_key_recovery),
        ),
    )


@dataclass(frozen=True, slots=True)
class VaultSnapshot:
    """The ids and versions of a vault's clients, client manifests and settings at one moment (see the module)."""

    rows: Mapping[tuple[str, str], tuple[int, bytes]] = field(default_factory=dict)

    @classmethod
    def of_rows(cls, rows: Iterable[Any]) -> VaultSnapshot:
        return cls(
            {(str(kind), str(key)): (int(version), bytes(tail or b"")) for kind, key, version, tail in rows}
        )

    @property
    def vault(self) -> tuple[str, int] | None:
        """(vault id, format version) of the vault row."""
        meta = [(key, version) for (kind, key), (version, _tail) in self.rows.items() if kind == _META]
        return meta[0] if len(meta) == 1 else None

    @property
    def client_count(self) -> int:
        return sum(1 for kind, _key in self.rows if kind == _CLIENT)

    @property
    def manifests_kept(self) -> bool:
        """Whether writes keep the client manifests up to date (not a vault whose manifests are not built yet, the
        0002 migration's mark: version 0, empty payload)."""
        vault = self.rows.get((_VAULT_MANIFEST, ""))
        return vault is not None and vault[0] > 0

    def changes_since(self, before: VaultSnapshot | None) -> VaultChanges:
        """What changed from ``before`` to this snapshot (None: not known, so everything)."""
        if before is None or not (before.manifests_kept and self.manifests_kept):
            return VaultChanges.all()  # unbuilt manifests do not follow the entries: any commit may be one
        if before.vault != self.vault or self.vault is None:
            return VaultChanges.all()  # another vault (or another format) restored in place
        differ = {
            key for key in before.rows.keys() | self.rows.keys() if before.rows.get(key) != self.rows.get(key)
        }
        if not differ:
            return VaultChanges()
        listed = {client for kind, client in differ if kind == _CLIENT}  # added, renamed, archived, deleted
        journals = {client for kind, client in differ if kind == _MANIFEST}  # projects or entries changed
        touched = listed | journals
        most = max(before.client_count, self.client_count)
        if len(touched) > MANY_CLIENTS and len(touched) * 4 > most:
            return VaultChanges.all()
        quiet = quiet_items()
        changes = VaultChanges(settings=any(kind == _ITEM and key not in quiet for kind, key in differ))
        if journals:
            changes |= VaultChanges(clients=frozenset(journals), entries=True, projects=True)
        if listed or (_VAULT_MANIFEST, "") in differ:
            changes |= VaultChanges.of_clients(listed)
        return changes


# ---- noticing commits of others ---------------------------------------------------------------------------------


class ChangeWatcher:
    """Notices commits made through other connections to the vault's database, and what they changed; not
    thread-safe.

    Create, poll and close it on one thread. ``poll()`` is cheap while nothing changed (one pragma on SQLite; on
    PostgreSQL it reads what the server already sent, without a round trip); after someone else's commit it reads
    one :class:`VaultSnapshot` and returns what differs from the previous one. A lost connection is reopened on the
    next poll, and the snapshot then tells what changed meanwhile.

    This process's own commits are not reported. On SQLite every worker job runs through :meth:`own_write`, which
    looks before and after it; on PostgreSQL our own notifications carry our origin. Either way the snapshot is
    read again, to leave our commits out of the next comparison, only by a poll that found nothing else to report
    (off the path of the write and of the views' refresh after it).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        self._sql = str(
            snapshot_query().compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
        )
        self._raw: Any = None
        self._version: object = None
        self._origin = ""
        self._pending = VaultChanges()
        """Found, not reported yet."""
        self._ours = False
        """We committed since :attr:`_snapshot` was read."""
        self._recent = VaultChanges()
        """PostgreSQL: what the polls since the last one without news left out as ours. Reported with the next
        news of someone else, in case it held a commit of theirs whose notification was still on its way."""
        self._open()
        self._snapshot: VaultSnapshot | None = self._read_or_none()

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

    def _pg_notices(self) -> bool:
        """Whether someone else notified; our own notifications mark :attr:`_ours`."""
        pgconn = self._raw.driver_connection.pgconn
        pgconn.consume_input()  # what the server has sent so far; never blocks
        theirs = False
        while (notice := pgconn.notifies()) is not None:
            if notice.extra.decode("utf-8", "replace") == self._origin:
                self._ours = True
            else:
                theirs = True
        if pgconn.status != 0:  # CONNECTION_OK
            raise ConnectionError("the listening connection was lost")
        return theirs

    def _noticed(self) -> bool:
        """Whether someone else may have committed since the last look (a renewed connection: maybe). On SQLite
        any commit counts, ours included: :meth:`own_write` tells them apart."""
        if self._raw is None:
            self._open()
            return True
        try:
            if self._sqlite:
                version = self._sqlite_version()
                changed = version != self._version
                self._version = version
                return changed
            return self._pg_notices()
        except Exception as exc:  # the server went away, say; next poll reconnects
            log.info("change watcher lost its connection: %s", type(exc).__name__)
            self._drop()
            return False  # the poll that reconnects reads the snapshot

    def _drop(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:
            try:
                raw.invalidate()
            except Exception:  # closing a broken connection may fail as well
                log.debug("change watcher connection not closed cleanly", exc_info=True)

    # ---- the snapshot --------------------------------------------------------------------------------------------

    def _read(self) -> VaultSnapshot:
        if self._sqlite:
            # On the watcher's own connection: a lone SELECT is its own read transaction, after the pragma.
            cursor = self._raw.cursor()
            try:
                cursor.execute(self._sql)
                return VaultSnapshot.of_rows(cursor.fetchall())
            finally:
                cursor.close()
        # Not on the listening connection: psycopg hands notifications that arrive during a query to its own
        # handlers, and one arriving then would be lost. A read-only transaction rolls back and notifies nothing.
        with self._engine.connect() as connection:
            return VaultSnapshot.of_rows(connection.exec_driver_sql(self._sql))

    def _read_or_none(self) -> VaultSnapshot | None:
        try:
            return self._read()
        except (
            Exception
        ) as exc:  # a table being migrated, a connection lost: the next change reads everything
            log.info("change watcher could not read the vault's versions: %s", type(exc).__name__)
            return None

    def _catch_up(self) -> VaultChanges:
        """What changed since the previous snapshot (ours too, if we committed since), now the previous one."""
        after = self._read_or_none()
        found = VaultChanges.all() if after is None else after.changes_since(self._snapshot)
        self._snapshot, self._ours = after, False
        return found

    # ---- use -----------------------------------------------------------------------------------------------------

    def poll(self) -> VaultChanges:
        """What others committed since the last poll (empty: nothing a view shows)."""
        if self._noticed():
            self._pending |= self._catch_up() | self._recent
            self._recent = VaultChanges()
        elif self._ours and self._raw is not None:
            ours = self._catch_up()  # only ours (on PostgreSQL, maybe not: see _recent)
            if not self._sqlite:
                self._recent |= ours
        else:
            self._recent = VaultChanges()  # a poll with no news at all: nothing of theirs was on its way
        changes, self._pending = self._pending, VaultChanges()
        return changes

    def own_write(self, job: Callable[[], T]) -> T:
        """Run ``job`` (this process's own work) so that only changes made by others before it are reported."""
        if self._raw is None or not self._sqlite:
            return job()  # PostgreSQL: our own notifications carry our origin
        if self._noticed():
            self._pending |= self._catch_up()  # someone else's, before the job: told apart from ours now
        try:
            return job()
        finally:
            if self._raw is not None and self._noticed():
                self._ours = True  # what the job committed: left out by the next quiet poll

    def wake_files(self) -> tuple[str, ...]:
        """SQLite: the files every commit writes (the WAL, and the database itself outside WAL mode). A front end
        that watches them can poll at once instead of on its next tick; polling stays the fallback."""
        from clientjournal.storage.database import sqlite_path

        path = sqlite_path(self._engine.url) if self._sqlite else None
        return () if path is None else (f"{path}-wal", str(path))

    def wake_socket(self) -> int | None:
        """PostgreSQL: the listening connection's socket, readable when a notification has arrived (poll then).
        Changes when the connection is renewed; ask after each poll."""
        if self._sqlite or self._raw is None:
            return None
        try:
            return int(self._raw.driver_connection.pgconn.socket)
        except Exception:  # a connection being lost: the next poll renews it
            return None

    def close(self) -> None:
        self._drop()  # not back to the pool: the connection is listening (PostgreSQL) or was never shared
