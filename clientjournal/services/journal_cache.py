"""What the journal service keeps between calls, and the client ciphers it opens and seals rows with.

Decrypted journals and entry readers are kept for reuse within a session; every write drops the client's, and a
change made elsewhere drops what it touched (:meth:`JournalCache.forget_changed`).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select

from clientjournal.crypto.aead import RecordCipher
from clientjournal.crypto.keychain import KeyChain
from clientjournal.domain import ClientJournal, Entry
from clientjournal.errors import NotFoundError
from clientjournal.services.changes import VaultChanges
from clientjournal.services.unreadable import UnreadableLog
from clientjournal.storage.entry_reader import EntryReader
from clientjournal.storage.schema import clients


class JournalCache:
    """The base of :class:`~.journal.JournalService`: its engine and keys, what it keeps, and the ciphers."""

    def __init__(self, engine: Engine, keys: KeyChain) -> None:
        self.engine = engine
        self.keys = keys
        self._journals: dict[str, ClientJournal] = {}
        """Decrypted journals already read in this session. Writes through this service drop the client's
        entry; the coach's "today" view and the client badges then re-read only what changed."""
        self._kept_by_id: dict[str, dict[str, Entry]] = {}
        """The entries of kept journals by id, built when first asked for (see :meth:`~.journal.JournalService.kept_entry`)."""
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
