"""Turning domain records into encrypted rows and back.

Each row's payload is compact JSON encrypted under the client's data key. An entry's payload repeats the clear
ordering columns (time, project), and decoding checks they agree, so editing a clear column is detected too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

import orjson

from clientjournal.crypto.aead import RecordCipher, RecordRef
from clientjournal.domain import (
    Channel,
    Client,
    Entry,
    EntryKind,
    Project,
    ProjectStatus,
    Promise,
    PromiseStatus,
)
from clientjournal.errors import IntegrityError
from clientjournal.exchange.payload import decode_payload as _decode_payload
from clientjournal.exchange.payload import encode_payload as _encode_payload
from clientjournal.exchange.write import entry_line, entry_line_of

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_EXACT_FLOAT_US = 2**31 * 1_000_000
"""Below 2**31 s (year 2038) a float of seconds resolves 0.24 µs, so fromtimestamp() rounds back exactly."""


def to_epoch_us(moment: datetime) -> int:
    return (moment - _EPOCH) // _MICROSECOND


@lru_cache(maxsize=256)
def _zone(offset_minutes: int) -> timezone:
    return UTC if offset_minutes == 0 else timezone(timedelta(minutes=offset_minutes))


def from_epoch_us(value: int, offset_minutes: int) -> datetime:
    zone = _zone(offset_minutes)
    if 0 <= value < _EXACT_FLOAT_US:
        return datetime.fromtimestamp(value / 1_000_000, zone)
    # Arithmetic from the epoch for the rest (fromtimestamp() fails before 1970 on Windows).
    return (_EPOCH + timedelta(microseconds=value)).astimezone(zone)


def iso_from_epoch_us(value: int, offset_minutes: int) -> str:
    """``from_epoch_us(value, offset_minutes).isoformat()``, twice as fast: orjson writes the same RFC 3339 text
    as isoformat() (a property test holds it to that)."""
    return orjson.dumps(from_epoch_us(value, offset_minutes))[1:-1].decode()


def entry_row_id(client_id: str, entry_id: str) -> str:
    return f"{client_id}/{entry_id}"


def project_row_id(client_id: str, project_id: str) -> str:
    return f"{client_id}/{project_id}"


def _seal(cipher: RecordCipher, document: dict[str, Any], ref: RecordRef) -> bytes:
    return cipher.encrypt(_encode_payload(document), ref)


def _open(cipher: RecordCipher, blob: bytes, ref: RecordRef) -> dict[str, Any]:
    document = _decode_payload(cipher.decrypt(blob, ref))
    if document is None:
        raise IntegrityError(f"{ref.describe()} is not readable", (ref.describe(),))
    return document


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# ---- clients ---------------------------------------------------------------------------------------------------


def seal_client(client: Client, cipher: RecordCipher, ref: RecordRef) -> bytes:
    document: dict[str, Any] = {
        "name": client.name,
        "company": client.company,
        "email": client.email,
        "phone": client.phone,
        "preferred_channel": client.preferred_channel,
        "update_every_days": client.update_every_days,
        "temperament": client.temperament,
        "tags": list(client.tags),
        "archived": client.archived,
        "extra": client.extra,
    }
    if client.language:  # written only when chosen: payloads of older versions simply lack it
        document["language"] = client.language
    return _seal(cipher, document, ref)


def open_client(client_id: str, version: int, blob: bytes, cipher: RecordCipher, ref: RecordRef) -> Client:
    doc = _open(cipher, blob, ref)
    try:
        channel = doc["preferred_channel"]
        return Client(
            id=client_id,
            name=doc["name"],
            company=doc["company"],
            email=doc["email"],
            phone=doc["phone"],
            preferred_channel=Channel(channel) if channel else None,
            update_every_days=doc["update_every_days"],
            temperament=doc["temperament"],
            tags=tuple(doc["tags"]),
            archived=bool(doc["archived"]),
            extra=doc.get("extra") or {},
            version=version,
            language=_language(doc.get("language", "")),
        )
    except (KeyError, ValueError, TypeError):
        raise IntegrityError(f"{ref.describe()} has an unexpected shape", (ref.describe(),)) from None


_LANGUAGES = frozenset({"", "en", "nb"})
"""A client's language as stored: empty for "the user's own"."""


def _language(value: object) -> str:
    if value not in _LANGUAGES:
        raise ValueError("language")
    return str(value)


# ---- projects --------------------------------------------------------------------------------------------------


def seal_project(project: Project, cipher: RecordCipher, ref: RecordRef) -> bytes:
    return _seal(
        cipher,
        {
            "title": project.title,
            "contract_signed_on": _iso(project.contract_signed_on),
            "due_on": _iso(project.due_on),
            "status": project.status,
            "delivered_on": _iso(project.delivered_on),
            "extra": project.extra,
        },
        ref,
    )


def open_project(
    client_id: str, project_id: str, version: int, blob: bytes, cipher: RecordCipher, ref: RecordRef
) -> Project:
    doc = _open(cipher, blob, ref)
    try:
        return Project(
            id=project_id,
            client_id=client_id,
            title=doc["title"],
            contract_signed_on=_date(doc["contract_signed_on"]),
            due_on=_date(doc["due_on"]),
            status=ProjectStatus(doc["status"]),
            delivered_on=_date(doc["delivered_on"]),
            extra=doc.get("extra") or {},
            version=version,
        )
    except (KeyError, ValueError, TypeError):
        raise IntegrityError(f"{ref.describe()} has an unexpected shape", (ref.describe(),)) from None


# ---- entries ---------------------------------------------------------------------------------------------------


def entry_offset_minutes(entry: Entry) -> int:
    offset = entry.occurred_at.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def seal_entry(
    entry: Entry, cipher: RecordCipher, ref: RecordRef, *, occurred_at_us: int | None = None
) -> bytes:
    """The entry's payload; ``occurred_at_us`` is ``to_epoch_us(entry.occurred_at)`` when the caller has it.

    The fields added later are written only when set, so most payloads stay as short as before and those of
    older versions read as "not set": a promise's title is a fourth item of its list, and when the client was
    told about the entry is ``"told"``, as ISO 8601 text.
    """
    promise = entry.promise
    document: dict[str, Any] = {
        "at": to_epoch_us(entry.occurred_at) if occurred_at_us is None else occurred_at_us,
        "offset": entry_offset_minutes(entry),
        "project": entry.project_id,
        "kind": entry.kind,
        "channel": entry.channel,
        "moods": list(entry.moods),
        "text": entry.text,
        "promise": None if promise is None else _promise_items(promise),
        "extra": entry.extra,
    }
    if entry.client_told_at is not None:
        document["told"] = entry.client_told_at.isoformat()
    return _seal(cipher, document, ref)


def _promise_items(promise: Promise) -> list[str | None]:
    items = [promise.due_on.isoformat(), promise.status, _iso(promise.resolved_on)]
    if promise.title:
        items.append(promise.title)
    return items


def _promise_of(items: list[Any]) -> Promise:
    """A promise from its payload list: [due on, status, resolved on] and, when it has one, its title."""
    if len(items) == 3:
        due_on, status, resolved_on = items
        title = ""
    else:
        due_on, status, resolved_on, title = items  # any other length raises ValueError
        if type(title) is not str:
            raise TypeError("title")
    return Promise(date.fromisoformat(due_on), _PROMISE_STATUSES[status], _date(resolved_on), title)


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
