"""Turning domain records into encrypted rows and back.

Each row's payload is compact JSON encrypted under the client's data key. An entry's payload repeats the clear
ordering columns (time, project), and decoding checks they agree, so editing a clear column is detected too.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, NamedTuple

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

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_EXACT_FLOAT_US = 2**31 * 1_000_000
"""Below 2**31 s (year 2038) a float of seconds resolves 0.24 µs, so fromtimestamp() rounds back exactly."""
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


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


def entry_row_id(client_id: str, entry_id: str) -> str:
    return f"{client_id}/{entry_id}"


def project_row_id(client_id: str, project_id: str) -> str:
    return f"{client_id}/{project_id}"


def _seal(cipher: RecordCipher, document: dict[str, Any], ref: RecordRef) -> bytes:
    return cipher.encrypt(_dumps(document).encode("utf-8"), ref)


# raw_decode skips the whitespace checks of loads(); payloads are always compact JSON written by _seal.
_raw_decode = json.JSONDecoder().raw_decode


def _open(cipher: RecordCipher, blob: bytes, ref: RecordRef) -> dict[str, Any]:
    plaintext = cipher.decrypt(blob, ref)
    try:
        document = _raw_decode(plaintext.decode("utf-8"))[0]
    except ValueError:
        raise IntegrityError(f"{ref.describe()} is not readable", (ref.describe(),)) from None
    if not isinstance(document, dict):
        raise IntegrityError(f"{ref.describe()} is not readable", (ref.describe(),))
    return document


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# ---- clients ---------------------------------------------------------------------------------------------------


def seal_client(client: Client, cipher: RecordCipher, ref: RecordRef) -> bytes:
    return _seal(
        cipher,
        {
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
        },
        ref,
    )


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
        )
    except (KeyError, ValueError, TypeError):
        raise IntegrityError(f"{ref.describe()} has an unexpected shape", (ref.describe(),)) from None


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


def seal_entry(entry: Entry, cipher: RecordCipher, ref: RecordRef) -> bytes:
    promise = entry.promise
    return _seal(
        cipher,
        {
            "at": to_epoch_us(entry.occurred_at),
            "offset": entry_offset_minutes(entry),
            "project": entry.project_id,
            "kind": entry.kind,
            "channel": entry.channel,
            "moods": list(entry.moods),
            "text": entry.text,
            "promise": None
            if promise is None
            else [promise.due_on.isoformat(), promise.status, _iso(promise.resolved_on)],
            "extra": entry.extra,
        },
        ref,
    )


_KINDS = {kind.value: kind for kind in EntryKind}
_CHANNELS: dict[str | None, Channel | None] = {channel.value: channel for channel in Channel}
_CHANNELS[None] = None
_PROMISE_STATUSES = {status.value: status for status in PromiseStatus}


class EntryRow(NamedTuple):
    """An entry with the fields of :class:`Entry`, for bulk readers (export) that only read it once.

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


def open_entry(
    client_id: str,
    entry_id: str,
    project_id: str | None,
    occurred_at_us: int,
    version: int,
    blob: bytes,
    cipher: RecordCipher,
    ref: RecordRef,
) -> Entry:
    """Decrypt one entry. This is the per-entry hot path of search, check and the timeline."""
    return Entry(*open_entry_row(client_id, entry_id, project_id, occurred_at_us, version, blob, cipher, ref))


def open_stored_entry(row: Any, cipher: RecordCipher, ref: RecordRef) -> Entry:
    """:func:`open_entry` for a row of the ``entries`` table, read by column name."""
    return open_entry(
        row.client_id, row.id, row.project_id, row.occurred_at_us, row.version, row.payload, cipher, ref
    )


def open_entry_row(
    client_id: str,
    entry_id: str,
    project_id: str | None,
    occurred_at_us: int,
    version: int,
    blob: bytes,
    cipher: RecordCipher,
    ref: RecordRef,
) -> EntryRow:
    doc = _open(cipher, blob, ref)
    if doc.get("at") != occurred_at_us or doc.get("project") != project_id:
        raise IntegrityError(
            f"{ref.describe()} does not match its row (time or project edited)", (ref.describe(),)
        )
    try:
        promise_doc = doc["promise"]
        return EntryRow(
            entry_id,
            client_id,
            from_epoch_us(occurred_at_us, doc["offset"]),
            _KINDS[doc["kind"]],
            doc["text"],
            _CHANNELS[doc["channel"]],
            tuple(doc["moods"]),
            project_id,
            None
            if promise_doc is None
            else Promise(
                date.fromisoformat(promise_doc[0]),
                _PROMISE_STATUSES[promise_doc[1]],
                _date(promise_doc[2]),
            ),
            doc["extra"] or {},
            version,
        )
    except (KeyError, ValueError, TypeError, IndexError):
        raise IntegrityError(f"{ref.describe()} has an unexpected shape", (ref.describe(),)) from None
