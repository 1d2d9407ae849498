"""The optional fields of format version 1: a client's ``language``, a promise's ``title`` and an entry's
``client_told_at``. Files without them stay valid and round-trip byte for byte; bad values are refused with
their JSON path."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from clientjournal.domain.entities import Client, ClientJournal, Entry, Promise
from clientjournal.domain.enums import EntryKind
from clientjournal.errors import ImportValidationError
from clientjournal.exchange import dump_document, dumps_document, parse_document
from clientjournal.exchange.schema import MAX_PROMISE_TITLE

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
CET = timezone(timedelta(hours=1))

VERSION_1_FILE = """{
  "format": "clientjournal",
  "version": 1,
  "exported_at": "2026-11-27T10:00:00+00:00",
  "clients": [
    {
      "id": "c1",
      "name": "Øystein Ås",
      "company": "Ærlig Design AS",
      "email": "",
      "phone": "+47 400 00 000",
      "preferred_channel": null,
      "update_every_days": null,
      "temperament": "",
      "tags": ["web", "VIP"],
      "archived": false,
      "projects": [
        {"id": "p1", "title": "Ny nettside", "contract_signed_on": "2026-05-01", "due_on": "2026-06-01", "status": "delivered", "delivered_on": "2026-05-30"}
      ],
      "entries": [
        {"id": "e1", "project": "p1", "occurred_at": "2026-05-01T09:30:00+02:00", "kind": "contract_signed", "channel": "meeting", "moods": ["enthusiastic"], "text": "Signert «i dag»", "promise": null},
        {"id": "e2", "project": "p1", "occurred_at": "2026-05-02T09:30:00.001500+02:00", "kind": "promise", "channel": null, "moods": [], "text": "A \\"quote\\"\\n", "promise": {"due_on": "2026-05-20", "status": "kept", "resolved_on": "2026-05-20"}},
        {"id": "e3", "project": "p1", "occurred_at": "2026-05-03T08:00:00+02:00", "kind": "setback", "channel": "other", "moods": ["worried"], "text": "Leverandøren er sen", "promise": null}
      ]
    }
  ]
}
"""
"""A file as the version before these fields wrote it (and as this one writes data without them)."""


def test_a_version_1_file_without_the_fields_round_trips_byte_for_byte() -> None:
    document = parse_document(VERSION_1_FILE.encode("utf-8"))
    assert document.warnings == ()
    journal = document.journals[0]
    assert journal.client.language == ""
    assert [e.client_told_at for e in journal.entries] == [None, None, None]
    assert journal.entries[1].promise is not None and journal.entries[1].promise.title == ""
    assert dumps_document(document.journals, exported_at=NOW) == VERSION_1_FILE


def with_fields(**changes: dict[str, Any]) -> str:
    """VERSION_1_FILE with fields set on the client, the promise entry's promise or the setback entry."""
    root = json.loads(VERSION_1_FILE)
    client = root["clients"][0]
    client.update(changes.get("client", {}))
    client["entries"][1]["promise"].update(changes.get("promise", {}))
    client["entries"][2].update(changes.get("setback", {}))
    client["entries"][0].update(changes.get("contract", {}))
    return json.dumps(root, ensure_ascii=False)


def test_the_fields_are_read_and_written_back_where_they_belong() -> None:
    text = with_fields(
        client={"language": "nb"},
        promise={"title": "Send the «final» sketches"},
        setback={"client_told_at": "2026-05-03T10:15:00+02:00"},
    )
    document = parse_document(text)
    journal = document.journals[0]
    assert journal.client.language == "nb"
    promise = journal.entries[1].promise
    assert promise is not None and promise.title == "Send the «final» sketches"
    told = journal.entries[2].client_told_at
    assert told == datetime(2026, 5, 3, 10, 15, tzinfo=timezone(timedelta(hours=2)))
    assert document.warnings == ()

    written = dumps_document(document.journals, exported_at=NOW)
    assert parse_document(written).journals == document.journals
    client = json.loads(written)["clients"][0]
    assert client["language"] == "nb"
    assert list(client)[-3:] == ["language", "projects", "entries"]
    assert client["entries"][1]["promise"]["title"] == "Send the «final» sketches"
    assert client["entries"][2]["client_told_at"] == "2026-05-03T10:15:00+02:00"
    assert "client_told_at" not in client["entries"][0] and "client_told_at" not in client["entries"][1]
    assert dump_document(document.journals, exported_at=NOW) == json.loads(written)


def test_null_and_empty_mean_not_set() -> None:
    text = with_fields(client={"language": None}, promise={"title": None}, setback={"client_told_at": None})
    journal = parse_document(text).journals[0]
    assert journal.client.language == ""
    assert journal.entries[1].promise is not None and journal.entries[1].promise.title == ""
    assert journal.entries[2].client_told_at is None
    assert parse_document(with_fields(client={"language": ""})).journals[0].client.language == ""


def test_a_naive_told_time_is_local_time_like_every_other_time() -> None:
    document = parse_document(with_fields(setback={"client_told_at": "2026-05-03T10:15:00"}), local_tz=CET)
    assert document.journals[0].entries[2].client_told_at == datetime(2026, 5, 3, 10, 15, tzinfo=CET)


def test_a_solved_problem_may_say_when_the_client_was_told() -> None:
    text = with_fields(setback={"kind": "problem_solved", "client_told_at": "2026-05-04T09:00:00+02:00"})
    assert parse_document(text).journals[0].entries[2].client_told_at is not None


@pytest.mark.parametrize(
    ("changes", "path", "words"),
    [
        (
            {"client": {"language": "de"}},
            "$.clients[0].language",
            "must be one of en, nb (or null), not 'de'",
        ),
        ({"client": {"language": "NB"}}, "$.clients[0].language", "not 'NB'"),
        ({"client": {"language": 1}}, "$.clients[0].language", "not a number"),
        ({"promise": {"title": 12}}, "$.clients[0].entries[1].promise.title", "must be a string or null"),
        (
            {"promise": {"title": "x" * (MAX_PROMISE_TITLE + 1)}},
            "$.clients[0].entries[1].promise.title",
            f"is {MAX_PROMISE_TITLE + 1} characters long; at most {MAX_PROMISE_TITLE}",
        ),
        ({"promise": {"title": "two\nlines"}}, "$.clients[0].entries[1].promise.title", "must be one line"),
        (
            {"setback": {"client_told_at": "last Tuesday"}},
            "$.clients[0].entries[2].client_told_at",
            "is not an ISO 8601 date and time",
        ),
        (
            {"setback": {"client_told_at": True}},
            "$.clients[0].entries[2].client_told_at",
            "must be an ISO 8601 date-and-time string",
        ),
        (
            {"contract": {"client_told_at": "2026-05-01T10:00:00+02:00"}},
            "$.clients[0].entries[0].client_told_at",
            "only a setback or a solved problem records when the client was told, not a contract_signed",
        ),
    ],
    ids=[
        "unknown language",
        "language in capitals",
        "language a number",
        "title a number",
        "title too long",
        "title on two lines",
        "told not a time",
        "told a boolean",
        "told on a contract",
    ],
)
def test_bad_values_are_refused_with_their_path(changes: dict[str, Any], path: str, words: str) -> None:
    with pytest.raises(ImportValidationError) as caught:
        parse_document(with_fields(**changes))
    problems = caught.value.problems
    assert [p.path for p in problems] == [path], problems
    assert words in problems[0].message


def test_the_longest_title_is_accepted() -> None:
    title = "ø" * MAX_PROMISE_TITLE
    promise = parse_document(with_fields(promise={"title": title})).journals[0].entries[1].promise
    assert promise is not None and promise.title == title


def test_entries_built_in_memory_write_their_fields_only_when_set() -> None:
    at = datetime(2026, 5, 3, 8, 0, tzinfo=CET)
    journal = ClientJournal(
        Client("c1", "Kari", language="en"),
        (),
        (
            Entry("e1", "c1", at, EntryKind.SETBACK, "Late", client_told_at=at + timedelta(hours=2)),
            Entry("e2", "c1", at, EntryKind.PROMISE, "Call", promise=Promise(date(2026, 5, 4), title="Call")),
            Entry("e3", "c1", at, EntryKind.NOTE, "Note"),
        ),
    )
    text = dumps_document([journal], exported_at=NOW)
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith('{"id": "e')]
    assert lines[0].endswith('"promise": null, "client_told_at": "2026-05-03T10:00:00+01:00"},')
    assert lines[1].endswith('"resolved_on": null, "title": "Call"}},')
    assert lines[2].endswith('"promise": null}')
    assert parse_document(text).journals == (journal,)
