"""The JSON interchange format, version 1: validation, reading and writing."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from clientjournal.domain.entities import Client, ClientJournal, Entry, Project, Promise
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus
from clientjournal.errors import ImportProblem, ImportValidationError
from clientjournal.exchange import (
    ExchangeDocument,
    dump_document,
    dumps_document,
    iter_dump_chunks,
    parse_document,
)

SPEC_EXAMPLE = Path(__file__).parent / "data" / "spec_example.json"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z")
CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def document(*clients: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"format": "clientjournal", "version": 1, "clients": list(clients), **top}


def client(**fields: Any) -> dict[str, Any]:
    return {"name": "Kari Nordmann", **fields}


def entry(**fields: Any) -> dict[str, Any]:
    return {"occurred_at": "2026-11-02T14:00:00+01:00", "kind": "note", **fields}


def parse(doc: dict[str, Any] | list[Any], **kwargs: Any) -> ExchangeDocument:
    return parse_document(json.dumps(doc), **kwargs)


def problems_of(doc: object, **kwargs: Any) -> list[ImportProblem]:
    data = doc if isinstance(doc, str | bytes) else json.dumps(doc)
    with pytest.raises(ImportValidationError) as caught:
        parse_document(data, **kwargs)
    problems = caught.value.problems
    assert problems, "an ImportValidationError must carry its problems"
    return problems


def only_problem(doc: object) -> ImportProblem:
    problems = problems_of(doc)
    assert len(problems) == 1, problems
    return problems[0]


# --- the format's reference example ----------------------------------------------------------------------------------


def test_spec_example_parses_into_domain_values() -> None:
    doc = parse_document(SPEC_EXAMPLE.read_bytes())
    assert doc.exported_at == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert doc.warnings == ()
    (journal,) = doc.journals
    c = journal.client
    assert c.id == "optional stable id (uuid); generated on import when absent"
    assert (c.name, c.company, c.email, c.phone) == (
        "Kari Nordmann",
        "Nordlys AS",
        "kari@example.no",
        "+47 400 00 000",
    )
    assert c.preferred_channel is Channel.EMAIL
    assert c.update_every_days == 7
    assert c.tags == ("web",)
    assert c.archived is False
    (project,) = journal.projects
    assert project == Project(
        "p1", c.id, "New website", date(2026, 11, 2), date(2026, 12, 15), ProjectStatus.ACTIVE, None
    )
    first, second = journal.entries
    assert first.id == "e1" and first.kind is EntryKind.CONTRACT_SIGNED
    assert first.occurred_at == datetime(2026, 11, 2, 14, 0, tzinfo=CET)
    assert first.occurred_at.utcoffset() == timedelta(hours=1)
    assert first.channel is Channel.MEETING and first.moods == ("enthusiastic",)
    assert first.project_id == "p1" and first.promise is None
    assert second.promise == Promise(date(2026, 11, 20), PromiseStatus.OPEN, None)
    assert type(second.promise.status) is PromiseStatus
    assert type(second.kind) is EntryKind and type(second.channel) is Channel


def test_spec_example_dumps_back_to_the_same_data() -> None:
    original = json.loads(SPEC_EXAMPLE.read_text(encoding="utf-8"))
    doc = parse_document(SPEC_EXAMPLE.read_bytes())
    assert doc.exported_at is not None
    assert dump_document(doc.journals, exported_at=doc.exported_at) == original
    text = dumps_document(doc.journals, exported_at=doc.exported_at)
    assert json.loads(text) == original


def test_dump_writes_keys_in_spec_order() -> None:
    doc = parse_document(SPEC_EXAMPLE.read_bytes())
    written = json.loads(dumps_document(doc.journals, exported_at=NOW))
    original = json.loads(SPEC_EXAMPLE.read_text(encoding="utf-8"))
    assert list(written) == list(original)
    assert list(written["clients"][0]) == list(original["clients"][0])
    assert list(written["clients"][0]["projects"][0]) == list(original["clients"][0]["projects"][0])
    for got, want in zip(written["clients"][0]["entries"], original["clients"][0]["entries"], strict=True):
        assert list(got) == list(want)
    assert list(written["clients"][0]["entries"][1]["promise"]) == ["due_on", "status", "resolved_on"]


def test_dump_text_layout_one_record_per_line() -> None:
    doc = parse_document(SPEC_EXAMPLE.read_bytes())
    text = dumps_document(doc.journals, exported_at=NOW)
    lines = text.splitlines()
    assert lines[0] == "{" and lines[1] == '  "format": "clientjournal",' and text.endswith("}\n")
    assert sum(1 for line in lines if line.lstrip().startswith('{"id": "e')) == 2
    assert sum(1 for line in lines if line.lstrip().startswith('{"id": "p1"')) == 1


# --- top level ----------------------------------------------------------------------------------------------


def test_empty_document_is_valid() -> None:
    doc = parse(document())
    assert doc.journals == () and doc.exported_at is None
    text = dumps_document([], exported_at=NOW)
    assert json.loads(text) == {
        "format": "clientjournal",
        "version": 1,
        "exported_at": "2026-11-27T10:00:00+00:00",
        "clients": [],
    }
    assert parse_document(text).journals == ()


@pytest.mark.parametrize(
    ("doc", "path", "words"),
    [
        ([], "$", "JSON object"),
        (5, "$", "JSON object"),
        ({"format": "keepass", "version": 1, "clients": []}, "$.format", "not a ClientJournal file"),
        ({"version": 1, "clients": []}, "$.format", "clientjournal"),
        ({"format": "clientjournal", "clients": []}, "$.version", "version"),
        ({"format": "clientjournal", "version": "1", "clients": []}, "$.version", "expected 1"),
        ({"format": "clientjournal", "version": True, "clients": []}, "$.version", "expected 1"),
        ({"format": "clientjournal", "version": 0, "clients": []}, "$.version", "expected 1"),
        ({"format": "clientjournal", "version": 1}, "$.clients", "required"),
        ({"format": "clientjournal", "version": 1, "clients": {}}, "$.clients", "list"),
        (document(exported_at="yesterday"), "$.exported_at", "ISO 8601"),
        (document(exported_at=5), "$.exported_at", "ISO 8601"),
        (document(5), "$.clients[0]", "object"),
    ],
)
def test_top_level_problems(doc: Any, path: str, words: str) -> None:
    problem = only_problem(doc)
    assert problem.path == path
    assert words in problem.message


def test_newer_format_version_is_refused_clearly() -> None:
    problem = only_problem({"format": "clientjournal", "version": 2, "clients": [{"bogus": 1}]})
    assert problem.path == "$.version"
    assert "newer" in problem.message and "version 2" in problem.message
    assert "update" in problem.message


def test_exported_at_may_be_absent_or_naive() -> None:
    assert parse(document()).exported_at is None
    naive = parse(document(exported_at="2026-07-01T12:00:00"), local_tz=ZoneInfo("Europe/Oslo"))
    assert naive.exported_at == datetime(2026, 7, 1, 12, tzinfo=timezone(timedelta(hours=2)))


# --- invalid text --------------------------------------------------------------------------------------------


def test_invalid_json_reports_line_and_column() -> None:
    problem = only_problem('{\n  "format": "clientjournal",\n  "version": 1\n  "clients": []\n}')
    assert problem.path == "$"
    assert "invalid JSON at line 4, column 3" in problem.message


def test_bytes_utf8_bom_and_utf16_are_read() -> None:
    text = json.dumps(document(client(name="Øystein Ås")), ensure_ascii=False)
    for data in (text, text.encode(), b"\xef\xbb\xbf" + text.encode(), "\ufeff" + text):
        assert parse_document(data).journals[0].client.name == "Øystein Ås"
    assert parse_document(text.encode("utf-16")).journals[0].client.name == "Øystein Ås"


def test_invalid_utf8_is_a_problem() -> None:
    problem = only_problem(b'{"format": "clientjournal", "version": 1, "clients": [{"name": "\xff"}]}')
    assert problem.path == "$" and "UTF-8" in problem.message


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_numbers_are_refused(constant: str) -> None:
    text = f'{{"format": "clientjournal", "version": 1, "clients": [], "x": {constant}}}'
    problem = only_problem(text)
    assert problem.path == "$" and "not allowed" in problem.message


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    problem = only_problem("[" * 100_000 + "]" * 100_000)
    assert problem.path == "$"


def test_deep_unknown_field_is_refused_so_export_cannot_fail() -> None:
    nested: Any = 1
    for _ in range(100):
        nested = [nested]
    problem = only_problem(document(client(deep=nested)))
    assert problem.path == "$.clients[0].deep"


def test_huge_integer_is_a_problem_not_a_crash() -> None:
    problems_of('{"format": "clientjournal", "version": 1, "clients": [], "n": ' + "9" * 5000 + "}")


def test_lone_surrogates_are_reported_with_their_path() -> None:
    text = json.dumps(document(client(name="Kari", temperament="ok \ud800 not")))
    assert "\\ud800" in text
    problem = only_problem(text)
    assert problem.path == "$.clients[0].temperament"
    assert "surrogate" in problem.message
    # A proper pair written as escapes is fine.
    good = json.dumps(document(client(name="Kari 😀")))
    assert "\\ud83d" in good
    assert parse_document(good).journals[0].client.name == "Kari 😀"


def test_non_text_input_is_a_problem() -> None:
    problem = only_problem(12)  # type: ignore[arg-type]
    assert problem.path == "$"


# --- clients ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "path", "words"),
    [
        ({"name": None}, ".name", "required"),
        ({"name": "   "}, ".name", "empty"),
        ({"name": 5}, ".name", "string"),
        ({"id": ""}, ".id", "non-empty string"),
        ({"id": 7}, ".id", "non-empty string"),
        ({"company": 3}, ".company", "string"),
        ({"email": ["a"]}, ".email", "string"),
        ({"phone": False}, ".phone", "string"),
        ({"temperament": {}}, ".temperament", "string"),
        ({"preferred_channel": "fax"}, ".preferred_channel", "unknown channel 'fax'"),
        ({"preferred_channel": 1}, ".preferred_channel", "one of email, phone"),
        ({"update_every_days": 0}, ".update_every_days", "whole number"),
        ({"update_every_days": -7}, ".update_every_days", "got -7"),
        ({"update_every_days": 1.5}, ".update_every_days", "whole number"),
        ({"update_every_days": "7"}, ".update_every_days", "a string"),
        ({"update_every_days": True}, ".update_every_days", "true"),
        ({"update_every_days": 100_000}, ".update_every_days", "3650"),
        ({"tags": "web"}, ".tags", "list"),
        ({"tags": ["web", ""]}, ".tags[1]", "empty"),
        ({"tags": ["web", 3]}, ".tags[1]", "string"),
        ({"archived": "no"}, ".archived", "true or false"),
        ({"projects": {}}, ".projects", "list"),
        ({"projects": [3]}, ".projects[0]", "object"),
        ({"entries": "none"}, ".entries", "list"),
        ({"entries": [None]}, ".entries[0]", "object"),
    ],
)
def test_client_field_problems(fields: dict[str, Any], path: str, words: str) -> None:
    problem = only_problem(document(client(**fields)))
    assert problem.path == "$.clients[0]" + path
    assert words in problem.message


def test_client_optional_fields_default() -> None:
    (journal,) = parse(document({"name": "Ola"})).journals
    c = journal.client
    assert UUID.match(c.id)
    assert (c.company, c.email, c.phone, c.temperament) == ("", "", "", "")
    assert c.preferred_channel is None and c.update_every_days is None
    assert c.tags == () and c.archived is False
    assert journal.projects == () and journal.entries == ()
    nulls = parse(document(client(company=None, tags=None, preferred_channel=None, archived=None)))
    assert nulls.journals[0].client.tags == ()


def test_unknown_channel_suggests_the_close_one() -> None:
    problem = only_problem(document(client(preferred_channel="emial")))
    assert "did you mean 'email'?" in problem.message


def test_valid_update_every_days_and_channel_are_kept() -> None:
    c = parse(document(client(update_every_days=14, preferred_channel="video"))).journals[0].client
    assert c.update_every_days == 14 and c.preferred_channel is Channel.VIDEO


def test_duplicate_client_ids_are_reported_at_the_second() -> None:
    problem = only_problem(document(client(id="c1"), client(id="c2"), client(id="c1")))
    assert problem.path == "$.clients[2].id"
    assert "duplicate client id 'c1'" in problem.message and "$.clients[0]" in problem.message


def test_given_ids_are_kept_and_missing_ones_generated() -> None:
    doc = parse(
        document(
            client(
                id="c1",
                projects=[{"title": "A"}, {"id": "p1", "title": "B"}],
                entries=[entry(), entry(id="e1")],
            ),
            client(),
        )
    )
    first, second = doc.journals
    assert first.client.id == "c1" and UUID.match(second.client.id)
    assert UUID.match(first.projects[0].id) and first.projects[1].id == "p1"
    assert {e.id for e in first.entries} >= {"e1"}
    assert all(UUID.match(e.id) for e in first.entries if e.id != "e1")
    assert all(p.client_id == "c1" for p in first.projects)
    assert all(e.client_id == "c1" for e in first.entries)


# --- projects -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "path", "words"),
    [
        ({}, ".title", "required"),
        ({"title": ""}, ".title", "empty"),
        ({"title": ["x"]}, ".title", "string"),
        ({"title": "A", "id": 1}, ".id", "non-empty string"),
        ({"title": "A", "status": "done"}, ".status", "unknown status 'done'; expected one of active"),
        ({"title": "A", "contract_signed_on": "2026-13-01"}, ".contract_signed_on", "ISO 8601 date"),
        ({"title": "A", "due_on": "2026-11-02T10:00:00"}, ".due_on", "ISO 8601 date"),
        ({"title": "A", "delivered_on": 20261102}, ".delivered_on", "date string"),
    ],
)
def test_project_field_problems(fields: dict[str, Any], path: str, words: str) -> None:
    problem = only_problem(document(client(projects=[fields])))
    assert problem.path == "$.clients[0].projects[0]" + path
    assert words in problem.message


def test_project_defaults_and_values() -> None:
    doc = parse(
        document(
            client(
                projects=[
                    {"title": "A"},
                    {"title": "B", "status": "delivered", "delivered_on": "2026-10-01", "due_on": None},
                ]
            )
        )
    )
    a, b = doc.journals[0].projects
    assert a.status is ProjectStatus.ACTIVE and a.contract_signed_on is None and a.due_on is None
    assert b.status is ProjectStatus.DELIVERED and b.delivered_on == date(2026, 10, 1)


def test_duplicate_project_ids_within_a_client_only() -> None:
    p = {"id": "p1", "title": "A"}
    assert len(parse(document(client(projects=[p]), client(projects=[p]))).journals) == 2
    problem = only_problem(document(client(projects=[p, p])))
    assert problem.path == "$.clients[0].projects[1].id" and "duplicate project id" in problem.message


# --- entries ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "path", "words"),
    [
        ({"occurred_at": None}, ".occurred_at", "required"),
        ({"occurred_at": "2026-11-02 25:00"}, ".occurred_at", "'2026-11-02 25:00' is not an ISO 8601"),
        ({"occurred_at": 1730000000}, ".occurred_at", "date-and-time string"),
        ({"kind": None}, ".kind", "required"),
        ({"kind": "meating"}, ".kind", "unknown kind 'meating'; expected one of note, call, meeting"),
        ({"kind": ["note"]}, ".kind", "one of note"),
        ({"channel": "pigeon"}, ".channel", "unknown channel 'pigeon'"),
        ({"moods": "calm"}, ".moods", "list"),
        ({"moods": ["calm", ""]}, ".moods[1]", "empty"),
        ({"moods": [None]}, ".moods[0]", "string"),
        ({"text": 5}, ".text", "string"),
        ({"id": ""}, ".id", "non-empty string"),
        ({"project": "p9"}, ".project", "unknown project 'p9'"),
        ({"project": 1}, ".project", "id (a string)"),
        ({"project": ["p1"]}, ".project", "id (a string)"),
        ({"promise": "soon"}, ".promise", "object"),
        ({"promise": {}}, ".promise.due_on", "required"),
        ({"promise": {"due_on": "2026-02-30"}}, ".promise.due_on", "ISO 8601 date"),
        ({"promise": {"due_on": "2026-12-01", "status": "kept-ish"}}, ".promise.status", "kept_early"),
        ({"promise": {"due_on": "2026-12-01", "status": 1}}, ".promise.status", "one of open"),
        ({"promise": {"due_on": "2026-12-01", "resolved_on": "soon"}}, ".promise.resolved_on", "date"),
    ],
)
def test_entry_field_problems(fields: dict[str, Any], path: str, words: str) -> None:
    problem = only_problem(document(client(projects=[{"id": "p1", "title": "A"}], entries=[entry(**fields)])))
    assert problem.path == "$.clients[0].entries[0]" + path
    assert words in problem.message


def test_unknown_kind_message_lists_every_kind_and_suggests() -> None:
    problem = only_problem(document(client(entries=[entry(kind="meating")])))
    assert problem.message.startswith("unknown kind 'meating'; expected one of ")
    for kind in EntryKind:
        assert kind.value in problem.message
    assert "did you mean 'meeting'?" in problem.message


def test_entry_missing_fields_are_all_reported() -> None:
    problems = problems_of(document(client(entries=[{}])))
    assert {p.path for p in problems} == {
        "$.clients[0].entries[0].occurred_at",
        "$.clients[0].entries[0].kind",
    }


def test_entry_may_not_refer_to_another_clients_project() -> None:
    doc = document(
        client(id="a", projects=[{"id": "pa", "title": "A"}]),
        client(id="b", projects=[{"id": "pb", "title": "B"}], entries=[entry(project="pa")]),
    )
    problem = only_problem(doc)
    assert problem.path == "$.clients[1].entries[0].project"
    assert "'pb'" in problem.message  # names the ids that would do


def test_duplicate_entry_ids_within_a_client_only() -> None:
    e = entry(id="e1")
    assert len(parse(document(client(entries=[e]), client(entries=[e]))).journals) == 2
    problem = only_problem(document(client(entries=[e, entry(), e])))
    assert problem.path == "$.clients[0].entries[2].id"
    assert "duplicate entry id 'e1'" in problem.message
    assert "$.clients[0].entries[0]" in problem.message


def test_entry_values_and_types() -> None:
    doc = parse(
        document(
            client(
                projects=[{"id": "p1", "title": "A"}],
                entries=[
                    entry(
                        kind="promise",
                        channel="phone",
                        moods=["calm", "my own mood"],
                        text="Lovet å levere før jul. ✓",
                        project="p1",
                        promise={"due_on": "2026-12-20", "status": "kept_early", "resolved_on": "2026-12-18"},
                    ),
                    entry(occurred_at="2026-11-01T08:00:00Z", text=None, moods=None, channel=None),
                ],
            )
        )
    )
    older, newer = doc.journals[0].entries  # sorted oldest first
    assert older.occurred_at == datetime(2026, 11, 1, 8, tzinfo=UTC)
    assert older.text == "" and older.moods == () and older.channel is None
    assert newer.kind is EntryKind.PROMISE and newer.channel is Channel.PHONE
    assert newer.moods == ("calm", "my own mood")
    assert newer.text == "Lovet å levere før jul. ✓"
    assert newer.promise == Promise(date(2026, 12, 20), PromiseStatus.KEPT_EARLY, date(2026, 12, 18))


def test_entries_are_sorted_oldest_first_stably() -> None:
    entries = [
        entry(id="c", occurred_at="2026-11-03T10:00:00+01:00"),
        entry(id="a", occurred_at="2026-11-01T10:00:00+01:00"),
        entry(id="b1", occurred_at="2026-11-02T10:00:00+01:00"),
        entry(id="b2", occurred_at="2026-11-02T09:00:00+00:00"),  # the same instant as b1
    ]
    ids = [e.id for e in parse(document(client(entries=entries))).journals[0].entries]
    assert ids == ["a", "b1", "b2", "c"]


def test_open_promise_with_resolved_on_is_kept_with_a_warning() -> None:
    promise = {"due_on": "2026-12-01", "status": "open", "resolved_on": "2026-11-30"}
    doc = parse(document(client(entries=[entry(promise=promise)])))
    assert doc.journals[0].entries[0].promise == Promise(
        date(2026, 12, 1), PromiseStatus.OPEN, date(2026, 11, 30)
    )
    assert [w.path for w in doc.warnings] == ["$.clients[0].entries[0].promise.resolved_on"]


def test_promise_defaults_to_open() -> None:
    doc = parse(document(client(entries=[entry(promise={"due_on": "2026-12-01"})])))
    assert doc.journals[0].entries[0].promise == Promise(date(2026, 12, 1))


# --- local time -----------------------------------------------------------------------------------------------


def test_naive_times_get_the_local_offset_of_their_own_date() -> None:
    oslo = ZoneInfo("Europe/Oslo")
    entries = [
        entry(id="winter", occurred_at="2026-01-15T12:00:00"),
        entry(id="summer", occurred_at="2026-07-15T12:00"),
    ]
    doc = parse(document(client(entries=entries)), local_tz=oslo)
    winter, summer = doc.journals[0].entries
    assert winter.occurred_at.utcoffset() == timedelta(hours=1)
    assert summer.occurred_at.utcoffset() == timedelta(hours=2)
    assert summer.occurred_at == datetime(2026, 7, 15, 12, tzinfo=oslo)
    assert summer.occurred_at.isoformat() == "2026-07-15T12:00:00+02:00"


def test_a_date_alone_means_local_midnight() -> None:
    doc = parse(document(client(entries=[entry(occurred_at="2026-07-15")])), local_tz=ZoneInfo("Europe/Oslo"))
    assert doc.journals[0].entries[0].occurred_at.isoformat() == "2026-07-15T00:00:00+02:00"


@pytest.fixture
def oslo_machine() -> Iterator[None]:
    """Pretend the machine's local zone is Europe/Oslo."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Oslo"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.mark.usefixtures("oslo_machine")
def test_default_local_zone_is_the_machines_and_dst_correct() -> None:
    entries = [entry(occurred_at="2026-01-15T12:00:00"), entry(occurred_at="2026-07-15T12:00:00")]
    winter, summer = parse(document(client(entries=entries))).journals[0].entries
    assert winter.occurred_at.utcoffset() == timedelta(hours=1)
    assert summer.occurred_at.utcoffset() == timedelta(hours=2)


def test_times_with_offsets_keep_them() -> None:
    text = "2026-11-02T14:00:00.250000-03:30"
    e = parse(document(client(entries=[entry(occurred_at=text)]))).journals[0].entries[0]
    assert e.occurred_at.utcoffset() == -timedelta(hours=3, minutes=30)
    assert e.occurred_at.isoformat() == text


# --- unknown fields -----------------------------------------------------------------------------------------


def test_unknown_fields_are_kept_reported_and_exported() -> None:
    raw = document(
        client(
            colour="teal",
            projects=[{"id": "p1", "title": "A", "budget": {"nok": 120000}}],
            entries=[
                entry(id="e1", mood_score=0.5, attachments=[{"name": "a.pdf"}]),
                entry(id="e2", promise={"due_on": "2026-12-01", "reminder": True}),
            ],
            **{"odd key": 1},
        ),
        producer="some other tool",
    )
    doc = parse(raw)
    journal = doc.journals[0]
    assert journal.client.extra == {"colour": "teal", "odd key": 1}
    assert journal.projects[0].extra == {"budget": {"nok": 120000}}
    e1 = next(e for e in journal.entries if e.id == "e1")
    assert e1.extra == {"mood_score": 0.5, "attachments": [{"name": "a.pdf"}]}
    warnings = {w.path: w.message for w in doc.warnings}
    assert warnings == {
        "$.producer": "unknown field ignored",
        "$.clients[0].colour": "unknown field kept as is",
        '$.clients[0]["odd key"]': "unknown field kept as is",
        "$.clients[0].projects[0].budget": "unknown field kept as is",
        "$.clients[0].entries[0].mood_score": "unknown field kept as is",
        "$.clients[0].entries[0].attachments": "unknown field kept as is",
        "$.clients[0].entries[1].promise.reminder": "unknown field ignored",
    }
    exported = json.loads(dumps_document(doc.journals, exported_at=NOW))["clients"][0]
    assert exported["colour"] == "teal" and exported["odd key"] == 1
    assert exported["projects"][0]["budget"] == {"nok": 120000}
    assert exported["entries"][0]["mood_score"] == 0.5
    assert exported["entries"][0]["attachments"] == [{"name": "a.pdf"}]
    again = parse_document(dumps_document(doc.journals, exported_at=NOW))
    assert again.journals[0].client.extra == journal.client.extra
    assert again.journals[0].entries[0].extra == e1.extra


def test_known_fields_win_over_extra_keys_on_export() -> None:
    c = Client(id="c1", name="Kari", extra={"name": "Mallory", "projects": "x", "note": "kept"})
    written = dump_document([ClientJournal(c)], exported_at=NOW)["clients"]
    assert isinstance(written, list)
    assert written[0]["name"] == "Kari" and written[0]["projects"] == [] and written[0]["note"] == "kept"
    assert (
        parse_document(dumps_document([ClientJournal(c)], exported_at=NOW)).journals[0].client.name == "Kari"
    )


# --- many problems at once ----------------------------------------------------------------------------------


def test_every_problem_is_reported_not_just_the_first() -> None:
    raw = document(
        client(id="c1", preferred_channel="fax", entries=[entry(kind="meating"), entry(occurred_at="soon")]),
        client(
            id="c1", name="", projects=[{"title": ""}], entries=[entry(moods=[1], promise={"status": "x"})]
        ),
        exported_at="later",
    )
    paths = [p.path for p in problems_of(raw)]
    assert paths == [
        "$.exported_at",
        "$.clients[0].preferred_channel",
        "$.clients[0].entries[0].kind",
        "$.clients[0].entries[1].occurred_at",
        "$.clients[1].id",
        "$.clients[1].name",
        "$.clients[1].projects[0].title",
        "$.clients[1].entries[0].moods[0]",
        "$.clients[1].entries[0].promise.due_on",
        "$.clients[1].entries[0].promise.status",
    ]


def test_error_carries_a_summary_and_str_of_problems() -> None:
    with pytest.raises(ImportValidationError) as caught:
        parse(document(client(name=None), client(name=None)))
    assert "2 problems" in str(caught.value) and "nothing was changed" in str(caught.value)
    assert str(caught.value.problems[0]) == "$.clients[0].name: name is required"


# --- writing --------------------------------------------------------------------------------------------------


def _sample_journal() -> ClientJournal:
    tz = timezone(timedelta(hours=2))
    c = Client(id="c1", name="Øystein Ås", company="Ærlig Design AS", tags=("web", "VIP"))
    p = Project(
        "p1",
        "c1",
        "Ny nettside",
        date(2026, 5, 1),
        date(2026, 6, 1),
        ProjectStatus.DELIVERED,
        date(2026, 5, 30),
    )
    e1 = Entry(
        "e1",
        "c1",
        datetime(2026, 5, 1, 9, 30, tzinfo=tz),
        EntryKind.CONTRACT_SIGNED,
        "Signert «i dag»",
        Channel.MEETING,
        ("enthusiastic",),
        "p1",
    )
    e2 = Entry(
        "e2",
        "c1",
        datetime(2026, 5, 2, 9, 30, 0, 1500, tzinfo=tz),
        EntryKind.PROMISE,
        'A "quote"\n',
        None,
        (),
        "p1",
        Promise(date(2026, 5, 20), PromiseStatus.KEPT, date(2026, 5, 20)),
    )
    return ClientJournal(c, (p,), (e2, e1))  # deliberately out of order


def test_dump_formats_datetimes_with_offset_and_microseconds_only_when_nonzero() -> None:
    written = dump_document([_sample_journal()], exported_at=NOW)
    entries = written["clients"][0]["entries"]  # type: ignore[index]
    assert [e["occurred_at"] for e in entries] == [
        "2026-05-01T09:30:00+02:00",
        "2026-05-02T09:30:00.001500+02:00",
    ]
    assert written["exported_at"] == "2026-11-27T10:00:00+00:00"


def test_dump_sorts_entries_oldest_first() -> None:
    written = dump_document([_sample_journal()], exported_at=NOW)
    assert [e["id"] for e in written["clients"][0]["entries"]] == ["e1", "e2"]  # type: ignore[index]


def test_dump_text_is_utf8_without_escapes_and_chunks_match() -> None:
    journals = [_sample_journal(), ClientJournal(Client(id="c2", name="Bright Harbor Ltd"))]
    text = dumps_document(journals, exported_at=NOW)
    assert "Øystein Ås" in text and "«i dag»" in text and "\\u" not in text
    assert "".join(iter_dump_chunks(iter(journals), NOW)) == text
    chunks = list(iter_dump_chunks(journals, NOW))
    assert len(chunks) == 4  # head, one per client, tail
    assert json.loads(text) == dump_document(journals, exported_at=NOW)


def test_dump_of_naive_exported_at_writes_the_local_offset() -> None:
    written = dump_document([], exported_at=datetime(2026, 7, 1, 12))
    assert isinstance(written["exported_at"], str) and written["exported_at"][19:] != ""


def test_round_trip_of_a_written_sample() -> None:
    journal = _sample_journal()
    back = parse_document(dumps_document([journal], exported_at=NOW))
    expected = ClientJournal(
        journal.client, journal.projects, tuple(sorted(journal.entries, key=lambda e: e.occurred_at))
    )
    assert back.journals == (expected,)
    assert back.exported_at == NOW
    for got, want in zip(back.journals[0].entries, expected.entries, strict=True):
        assert got.occurred_at.utcoffset() == want.occurred_at.utcoffset()
