"""Encoding entry times for the clear ordering column and back, exactly, with the writer's own offset; and
reading stored entries the fast ways (export lines) with the same result as the general one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientjournal.crypto.aead import RecordCipher, RecordRef
from clientjournal.domain import Entry, EntryKind, Promise, PromiseStatus
from clientjournal.errors import IntegrityError
from clientjournal.exchange.write import entry_line_of
from clientjournal.storage.records import (
    EntryReader,
    entry_row_id,
    from_epoch_us,
    iso_from_epoch_us,
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
