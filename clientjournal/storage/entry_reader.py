"""Opening stored entries: decrypting an ``entries`` row, checking it against its clear columns, and reading it.

:class:`EntryReader` is the per-entry hot path of export, search, check and the timeline; an entry's payload
repeats the clear ordering columns (time, project), and opening checks they agree, so editing a clear column is
detected too. How entries are sealed is in :mod:`clientjournal.storage.records`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVar

import orjson

from clientjournal.crypto.aead import RecordCipher
from clientjournal.domain import Channel, Entry, EntryKind, Promise, PromiseStatus
from clientjournal.errors import IntegrityError
from clientjournal.exchange.payload import decode_payload as _decode_payload
from clientjournal.exchange.write import entry_line, entry_line_of
from clientjournal.storage.records import entry_row_id, from_epoch_us, iso_from_epoch_us, optional_date


def _promise_of(items: list[Any]) -> Promise:
    """A promise from its payload list: [due on, status, resolved on] and, when it has one, its title."""
    if len(items) == 3:
        due_on, status, resolved_on = items
        title = ""
    else:
        due_on, status, resolved_on, title = items  # any other length raises ValueError
        if type(title) is not str:
            raise TypeError("title")
    return Promise(date.fromisoformat(due_on), _PROMISE_STATUSES[status], optional_date(resolved_on), title)


def _told_at(value: str | None) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("told")
    return moment


_KINDS = {kind.value: kind for kind in EntryKind}
_CHANNELS: dict[str | None, Channel | None] = {channel.value: channel for channel in Channel}
_CHANNELS[None] = None
_PROMISE_STATUSES = {status.value: status for status in PromiseStatus}


StoredEntry = tuple[str, str, str | None, int, int, bytes]
"""The columns of an ``entries`` row that reading it needs: client, id, project, occurred_at_us, version, payload."""


class EntryRow(NamedTuple):
    """An entry with the fields of :class:`Entry`, for readers that use it once (an export line with extra fields).

    Building the frozen dataclass costs several times more than this tuple, which matters at 100,000 rows.
    """

    id: str
    client_id: str
    occurred_at: datetime
    kind: EntryKind
    text: str
    channel: Channel | None
    moods: tuple[str, ...]
    project_id: str | None
    promise: Promise | None
    extra: dict[str, object]
    version: int
    client_told_at: datetime | None = None


_Opened = TypeVar("_Opened", Entry, EntryRow)


class EntryReader:
    """Opens the stored entries of one client: the per-entry hot path of export, search, check and the timeline.

    The arguments are the clear columns of an ``entries`` row. Every way of opening decrypts, decodes and checks
    the clear columns against the payload; :meth:`export_lines` then writes the export text straight from the
    payload instead of building an entry first.
    """

    __slots__ = ("_decryptor", "cipher", "client_id")

    def __init__(self, vault_id: str, client_id: str, cipher: RecordCipher) -> None:
        self.client_id = client_id
        self.cipher = cipher
        self._decryptor = cipher.rows(vault_id, "entries", entry_row_id(client_id, ""), "payload")

    def _describe(self, entry_id: str) -> str:
        return self._decryptor.ref(entry_id).describe()

    def _unexpected_shape(self, entry_id: str) -> IntegrityError:
        where = self._describe(entry_id)
        return IntegrityError(f"{where} has an unexpected shape", (where,))

    def document(
        self, entry_id: str, project_id: str | None, occurred_at_us: int, blob: bytes
    ) -> dict[str, Any]:
        document = _decode_payload(self._decryptor.decrypt(entry_id, blob))
        if document is None:
            where = self._describe(entry_id)
            raise IntegrityError(f"{where} is not readable", (where,))
        if document.get("at") != occurred_at_us or document.get("project") != project_id:
            where = self._describe(entry_id)
            raise IntegrityError(f"{where} does not match its row (time or project edited)", (where,))
        return document

    def entry(
        self, entry_id: str, project_id: str | None, occurred_at_us: int, version: int, blob: bytes
    ) -> Entry:
        return self._opened(Entry, entry_id, project_id, occurred_at_us, version, blob)

    def _opened(
        self,
        make: Callable[..., _Opened],
        entry_id: str,
        project_id: str | None,
        occurred_at_us: int,
        version: int,
        blob: bytes,
    ) -> _Opened:
        doc = self.document(entry_id, project_id, occurred_at_us, blob)
        try:
            return self._row_of(entry_id, project_id, occurred_at_us, version, doc, make)
        except (KeyError, ValueError, TypeError, IndexError):
            raise self._unexpected_shape(entry_id) from None

    def stored_entry(self, row: Any) -> Entry:
        """:meth:`entry` for a row of the ``entries`` table, read by column name."""
        return self.entry(row.id, row.project_id, row.occurred_at_us, row.version, row.payload)

    def export_lines(self, rows: Iterable[StoredEntry]) -> list[str]:
        """Each entry's line of a JSON export (:func:`~.exchange_write.entry_line` of its values), in order.

        The bulk export's hot loop: one call per client, and text written straight from the payload.
        """
        decrypt, loads, lines = self._decryptor.decrypt, orjson.loads, []
        for _client_id, entry_id, project_id, occurred_at_us, _version, blob in rows:
            try:
                doc = loads(decrypt(entry_id, blob))
            except ValueError:
                doc = None
            if (
                type(doc) is not dict
                or doc.get("at") != occurred_at_us
                or doc.get("project") != project_id
                or doc.get("extra")
            ):
                # Refused by document(), or extra fields kept from an import (rare): the general path.
                doc = self.document(entry_id, project_id, occurred_at_us, blob)
                try:
                    lines.append(
                        entry_line_of(self._row_of(entry_id, project_id, occurred_at_us, 0, doc, EntryRow))
                    )
                except (KeyError, ValueError, TypeError, IndexError):
                    raise self._unexpected_shape(entry_id) from None
                continue
            try:
                promise, moods = doc["promise"], doc["moods"]
                if promise is not None:
                    date.fromisoformat(promise[0])
                    if promise[2] is not None:
                        date.fromisoformat(promise[2])
                    if len(promise) != 3 and (len(promise) != 4 or type(promise[3]) is not str):
                        raise ValueError("promise")
                if type(moods) is not list:
                    raise TypeError("moods")
                told = doc.get("told")
                if told is not None:
                    _told_at(told)
                lines.append(
                    entry_line(
                        entry_id,
                        project_id,
                        iso_from_epoch_us(occurred_at_us, doc["offset"]),
                        doc["kind"],
                        doc["channel"],
                        moods,
                        doc["text"],
                        promise,
                        told,
                    )
                )
            except (KeyError, ValueError, TypeError, IndexError):
                raise self._unexpected_shape(entry_id) from None
        return lines

    def _row_of(
        self,
        entry_id: str,
        project_id: str | None,
        occurred_at_us: int,
        version: int,
        doc: dict[str, Any],
        make: Callable[..., _Opened],
    ) -> _Opened:
        """``make`` (Entry or EntryRow: the same fields in the same order) of a decoded payload."""
        promise_doc, told = doc["promise"], doc.get("told")
        return make(
            entry_id,
            self.client_id,
            from_epoch_us(occurred_at_us, doc["offset"]),
            _KINDS[doc["kind"]],
            doc["text"],
            _CHANNELS[doc["channel"]],
            tuple(doc["moods"]),
            project_id,
            None if promise_doc is None else _promise_of(promise_doc),
            doc["extra"] or {},
            version,
            None if told is None else _told_at(told),
        )
