"""Turning domain records into encrypted rows and back.

Each row's payload is compact JSON encrypted under the client's data key. An entry's payload repeats the clear
ordering columns (time, project), and decoding checks they agree, so editing a clear column is detected too:
entries are opened by :class:`~clientjournal.storage.entry_reader.EntryReader`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

import orjson

from clientjournal.crypto.aead import RecordCipher, RecordRef
from clientjournal.domain import Channel, Client, Entry, Project, ProjectStatus, Promise
from clientjournal.errors import IntegrityError
from clientjournal.exchange.payload import decode_payload as _decode_payload
from clientjournal.exchange.payload import encode_payload as _encode_payload

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


def optional_date(value: str | None) -> date | None:
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
            contract_signed_on=optional_date(doc["contract_signed_on"]),
            due_on=optional_date(doc["due_on"]),
            status=ProjectStatus(doc["status"]),
            delivered_on=optional_date(doc["delivered_on"]),
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
