"""Encoding entry times for the clear ordering column and back, exactly, with the writer's own offset; and
reading stored entries the fast ways (export lines) with the same result as the general one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientjournal.crypto.aead import RecordCipher, RecordRef
from clientjournal.domain import Client, Entry, EntryKind, Promise, PromiseStatus
from clientjournal.errors import IntegrityError
from clientjournal.exchange.write import entry_line_of
from clientjournal.storage.entry_reader import EntryReader
from clientjournal.storage.records import (
    entry_row_id,
    from_epoch_us,
    iso_from_epoch_us,
    open_client,
    seal_client,
    seal_entry,
    to_epoch_us,
)

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60)


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2300, 1, 1)), offsets)
def test_times_survive_the_epoch_column_with_their_offset(moment: datetime, offset_minutes: int) -> None:
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
    back = from_epoch_us(to_epoch_us(aware), offset_minutes)
    assert back == aware
    assert back.isoformat() == aware.isoformat()


@given(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)), offsets)
def test_the_fast_iso_text_is_isoformat(moment: datetime, offset_minutes: int) -> None:
    value = to_epoch_us(moment.replace(tzinfo=UTC))
    assert iso_from_epoch_us(value, offset_minutes) == from_epoch_us(value, offset_minutes).isoformat()


VAULT_ID = "vault-1"
CIPHER = RecordCipher(bytes(range(32)))


def stored(entry: Entry) -> tuple[str, str, str | None, int, int, bytes]:
    ref = RecordRef(VAULT_ID, "entries", entry_row_id(entry.client_id, entry.id), "payload")
    blob = seal_entry(entry, CIPHER, ref)
    return (entry.client_id, entry.id, entry.project_id, to_epoch_us(entry.occurred_at), 1, blob)


def an_entry(**changes: object) -> Entry:
    fields: dict[str, object] = {
        "id": "e1",
        "client_id": "c1",
        "occurred_at": datetime(2026, 3, 29, 1, 30, 15, 250, tzinfo=timezone(timedelta(hours=2))),
        "kind": EntryKind.PROMISE,
        "text": 'Sa «ja» – "quoted"\n',
        "moods": ("calm", "uncertain"),
        "promise": Promise(datetime(2026, 4, 1).date(), PromiseStatus.KEPT, datetime(2026, 3, 31).date()),
    }
    fields.update(changes)
    return Entry(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "entry",
    [
        an_entry(),
        an_entry(promise=None, moods=(), kind=EntryKind.NOTE),
        an_entry(extra={"big": 2**70, "nested": {"x": [1.5, None]}}),
    ],
    ids=["promise", "plain", "extra with a huge integer"],
)
def test_export_lines_are_the_lines_of_the_opened_entries(entry: Entry) -> None:
    reader = EntryReader(VAULT_ID, "c1", CIPHER)
    row = stored(entry)
    _client_id, entry_id, project_id, at_us, version, blob = row
    assert reader.entry(entry_id, project_id, at_us, version, blob) == replace(entry, version=1)
    assert reader.export_lines([row]) == [entry_line_of(entry)]


def test_export_lines_refuse_an_edited_clear_column_naming_the_entry() -> None:
    reader = EntryReader(VAULT_ID, "c1", CIPHER)
    client_id, entry_id, project_id, at_us, version, blob = stored(an_entry())
    with pytest.raises(IntegrityError, match=r"entries c1/e1 .*time or project edited"):
        reader.export_lines([(client_id, entry_id, project_id, at_us + 1, version, blob)])
    with pytest.raises(IntegrityError, match=r"entries c1/e2 .*failed authentication"):
        reader.export_lines([(client_id, "e2", project_id, at_us, version, blob)])


# ---- the fields added later: a client's language, a promise's title, when the client was told ----------------

TOLD = datetime(2026, 3, 30, 9, 15, tzinfo=timezone(timedelta(hours=2)))
CLIENT_REF = RecordRef(VAULT_ID, "clients", "c1", "payload")


def opened(entry: Entry) -> Entry:
    _client_id, entry_id, project_id, at_us, version, blob = stored(entry)
    return EntryReader(VAULT_ID, "c1", CIPHER).entry(entry_id, project_id, at_us, version, blob)


def payload_of(entry: Entry) -> dict[str, object]:
    blob = stored(entry)[-1]
    ref = RecordRef(VAULT_ID, "entries", entry_row_id(entry.client_id, entry.id), "payload")
    document: dict[str, object] = orjson.loads(CIPHER.decrypt(blob, ref))
    return document


@pytest.mark.parametrize(
    "entry",
    [
        an_entry(promise=Promise(date(2026, 4, 1), title="Send the «revised» floor plan")),
        an_entry(kind=EntryKind.SETBACK, promise=None, client_told_at=TOLD),
        an_entry(kind=EntryKind.PROBLEM_SOLVED, promise=None, client_told_at=TOLD.astimezone(UTC)),
        an_entry(
            promise=Promise(date(2026, 4, 1), title="Call back"),
            extra={"kept": [1, 2]},
        ),
    ],
    ids=["promise title", "setback told", "problem solved told in UTC", "title with extra fields"],
)
def test_new_fields_survive_sealing_and_the_fast_export_path(entry: Entry) -> None:
    back = opened(entry)
    assert back == replace(entry, version=1)
    assert back.client_told_at == entry.client_told_at
    if entry.client_told_at is not None:
        assert back.client_told_at is not None
        assert back.client_told_at.utcoffset() == entry.client_told_at.utcoffset()
    reader = EntryReader(VAULT_ID, "c1", CIPHER)
    assert reader.export_lines([stored(entry)]) == [entry_line_of(entry)]


def test_unset_new_fields_add_nothing_to_the_payload() -> None:
    document = payload_of(an_entry())
    assert "told" not in document
    promise = document["promise"]
    assert isinstance(promise, list) and len(promise) == 3


def seal_payload(document: dict[str, object], entry_id: str = "old") -> tuple[str, int, bytes]:
    """A payload as an older version wrote it (or as an attacker with the key might shape it)."""
    ref = RecordRef(VAULT_ID, "entries", entry_row_id("c1", entry_id), "payload")
    return entry_id, int(document["at"]), CIPHER.encrypt(orjson.dumps(document), ref)  # type: ignore[call-overload]


OLD_PAYLOAD: dict[str, object] = {
    "at": to_epoch_us(datetime(2026, 3, 1, 12, tzinfo=UTC)),
    "offset": 60,
    "project": None,
    "kind": "setback",
    "channel": "phone",
    "moods": [],
    "text": "Supplier late",
    "promise": ["2026-03-05", "open", None],
    "extra": {},
}


def test_payloads_of_older_versions_open_with_the_defaults() -> None:
    entry_id, at_us, blob = seal_payload(OLD_PAYLOAD)
    reader = EntryReader(VAULT_ID, "c1", CIPHER)
    entry = reader.entry(entry_id, None, at_us, 3, blob)
    assert entry.client_told_at is None
    assert entry.promise == Promise(date(2026, 3, 5))
    assert entry.promise is not None and entry.promise.title == ""
    assert reader.export_lines([("c1", entry_id, None, at_us, 3, blob)]) == [entry_line_of(entry)]


@pytest.mark.parametrize(
    "changes",
    [
        {"told": "yesterday"},
        {"told": "2026-03-02T10:00:00"},  # without an offset
        {"told": 1_700_000_000},
        {"promise": ["2026-03-05", "open", None, 7]},
        {"promise": ["2026-03-05", "open", None, "title", "more"]},
    ],
    ids=["told not a time", "told naive", "told a number", "title a number", "too many promise items"],
)
def test_a_malformed_new_field_is_an_integrity_error_on_every_path(changes: dict[str, object]) -> None:
    entry_id, at_us, blob = seal_payload({**OLD_PAYLOAD, **changes})
    reader = EntryReader(VAULT_ID, "c1", CIPHER)
    with pytest.raises(IntegrityError, match="unexpected shape"):
        reader.entry(entry_id, None, at_us, 1, blob)
    with pytest.raises(IntegrityError, match="unexpected shape"):
        reader.export_lines([("c1", entry_id, None, at_us, 1, blob)])


@pytest.mark.parametrize("language", ["", "en", "nb"])
def test_client_language_round_trips_and_stays_out_of_the_payload_when_unset(language: str) -> None:
    client = Client("c1", "Kari Nordmann", phone="+47 400 00 000", language=language)
    blob = seal_client(client, CIPHER, CLIENT_REF)
    assert open_client("c1", 2, blob, CIPHER, CLIENT_REF) == client
    assert ("language" in orjson.loads(CIPHER.decrypt(blob, CLIENT_REF))) is bool(language)


def test_a_client_payload_with_an_unknown_language_is_an_integrity_error() -> None:
    blob = seal_client(Client("c1", "Kari"), CIPHER, CLIENT_REF)
    document = {**orjson.loads(CIPHER.decrypt(blob, CLIENT_REF)), "language": "de"}
    with pytest.raises(IntegrityError, match="unexpected shape"):
        open_client("c1", 1, CIPHER.encrypt(orjson.dumps(document), CLIENT_REF), CIPHER, CLIENT_REF)
