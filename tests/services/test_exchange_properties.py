"""Property tests of the interchange codec: round trips, robustness, and complete problem reports."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientjournal.domain.entities import Client, ClientJournal, Entry, Project, Promise
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus
from clientjournal.errors import ImportValidationError
from clientjournal.exchange import (
    dump_document,
    dumps_document,
    iter_dump_chunks,
    parse_document,
)
from clientjournal.exchange.schema import CLIENT_KEYS, ENTRY_KEYS, PROJECT_KEYS

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# --- strategies for valid journals -------------------------------------------------------------------------

ids = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=10
).filter(str.strip)
names = st.text(min_size=1, max_size=20).filter(str.strip)
texts = st.text(max_size=40)
labels = st.lists(st.text(min_size=1, max_size=8).filter(str.strip), max_size=3).map(tuple)
offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31), timezones=offsets)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def extras(known: tuple[str, ...]) -> st.SearchStrategy[dict[str, object]]:
    keys = st.text(min_size=1, max_size=8).filter(lambda k: k not in known)
    return st.dictionaries(keys, json_values, max_size=2)


TOLD_ABOUT = (EntryKind.SETBACK, EntryKind.PROBLEM_SOLVED)
promises = st.builds(
    Promise,
    due_on=days,
    status=st.sampled_from(PromiseStatus),
    resolved_on=st.none() | days,
    title=st.just("") | st.text(max_size=30).filter(lambda t: "\n" not in t and "\r" not in t),
).filter(lambda p: not (p.status is PromiseStatus.OPEN and p.resolved_on is not None))


@st.composite
def journals(draw: st.DrawFn, client_id: str | None = None) -> ClientJournal:
    cid = client_id if client_id is not None else draw(ids)
    project_ids = draw(st.lists(ids, unique=True, max_size=3))
    projects = tuple(
        Project(
            id=pid,
            client_id=cid,
            title=draw(names),
            contract_signed_on=draw(st.none() | days),
            due_on=draw(st.none() | days),
            status=draw(st.sampled_from(ProjectStatus)),
            delivered_on=draw(st.none() | days),
            extra=draw(extras(PROJECT_KEYS)),
        )
        for pid in project_ids
    )
    entry_ids = draw(st.lists(ids, unique=True, max_size=6))
    kinds = [draw(st.sampled_from(EntryKind)) for _ in entry_ids]
    entries = [
        Entry(
            id=eid,
            client_id=cid,
            occurred_at=draw(moments),
            kind=kind,
            text=draw(texts),
            channel=draw(st.none() | st.sampled_from(Channel)),
            moods=draw(labels),
            project_id=draw(st.none() | st.sampled_from(project_ids)) if project_ids else None,
            promise=draw(st.none() | promises),
            extra=draw(extras(ENTRY_KEYS)),
            client_told_at=draw(st.none() | moments) if kind in TOLD_ABOUT else None,
        )
        for eid, kind in zip(entry_ids, kinds, strict=True)
    ]
    entries.sort(key=lambda e: e.occurred_at)
    client = Client(
        id=cid,
        name=draw(names),
        company=draw(texts),
        email=draw(texts),
        phone=draw(texts),
        preferred_channel=draw(st.none() | st.sampled_from(Channel)),
        update_every_days=draw(st.none() | st.integers(1, 3650)),
        temperament=draw(texts),
        tags=draw(labels),
        archived=draw(st.booleans()),
        extra=draw(extras(CLIENT_KEYS)),
        language=draw(st.sampled_from(("", "en", "nb"))),
    )
    return ClientJournal(client, projects, tuple(entries))


@st.composite
def vaults(draw: st.DrawFn, max_clients: int = 3) -> list[ClientJournal]:
    client_ids = draw(st.lists(ids, unique=True, max_size=max_clients))
    return [draw(journals(cid)) for cid in client_ids]


# --- round trips ----------------------------------------------------------------------------------------


@SETTINGS
@given(vaults(), moments)
def test_valid_documents_round_trip_exactly(vault: list[ClientJournal], exported_at: datetime) -> None:
    text = dumps_document(vault, exported_at=exported_at)
    assert "".join(iter_dump_chunks(vault, exported_at)) == text
    doc = parse_document(text.encode("utf-8"))
    assert doc.journals == tuple(vault)
    assert doc.exported_at == exported_at
    assert doc.exported_at is not None and doc.exported_at.utcoffset() == exported_at.utcoffset()
    for got, want in zip(doc.journals, vault, strict=True):
        # extra and the offsets are outside dataclass equality: check them too.
        assert got.client.extra == want.client.extra
        assert [p.extra for p in got.projects] == [p.extra for p in want.projects]
        assert [e.extra for e in got.entries] == [e.extra for e in want.entries]
        assert [e.occurred_at.utcoffset() for e in got.entries] == [
            e.occurred_at.utcoffset() for e in want.entries
        ]
    # And writing what was read gives the same text again.
    assert dumps_document(doc.journals, exported_at=exported_at) == text


@SETTINGS
@given(vaults())
def test_dump_document_is_the_parsed_text(vault: list[ClientJournal]) -> None:
    assert json.loads(dumps_document(vault, exported_at=NOW)) == json.loads(
        json.dumps(dump_document(vault, exported_at=NOW))
    )


# --- robustness ------------------------------------------------------------------------------------------


def _parses_or_reports(data: bytes | str) -> None:
    try:
        parse_document(data)
    except ImportValidationError as error:
        assert error.problems
        assert all(p.path.startswith("$") and p.message for p in error.problems)


@SETTINGS
@given(json_values)
def test_arbitrary_json_never_crashes(value: object) -> None:
    _parses_or_reports(json.dumps(value))


@SETTINGS
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    _parses_or_reports(data)


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(["format", "version", "exported_at", "clients", "x"]),
        json_values | st.just("clientjournal") | st.just(1),
    )
)
def test_arbitrary_top_levels_never_crash(value: dict[str, object]) -> None:
    _parses_or_reports(json.dumps(value))


def _containers(value: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every value inside a JSON document."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _containers(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _containers(item, (*path, index))
    return found


@SETTINGS
@given(vaults(max_clients=2), st.data())
def test_mutated_valid_documents_never_crash(vault: list[ClientJournal], data: st.DataObject) -> None:
    doc: Any = json.loads(dumps_document(vault, exported_at=NOW))
    for _ in range(data.draw(st.integers(1, 4))):
        paths = [p for p in _containers(doc) if p]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        replacement = data.draw(
            json_values | st.sampled_from(["", "note", "2026-11-02", "2026-11-02T10:00:00", "p1"])
        )
        if isinstance(parent, dict) and data.draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = replacement
    _parses_or_reports(json.dumps(doc))


# --- complete problem reports -----------------------------------------------------------------------------

# Each mutation breaks one field of one entry in a way that yields exactly one problem, at a known path.
MUTATIONS: dict[str, tuple[str, object]] = {
    "kind": ("kind", "meating"),
    "occurred_at": ("occurred_at", "yesterday"),
    "channel": ("channel", "fax"),
    "moods[0]": ("moods", [""]),
    "text": ("text", 5),
    "promise.due_on": ("promise", {"status": "open"}),
    "project": ("project", "\x00no such project"),
    "id": ("id", ""),
}


@SETTINGS
@given(st.data())
def test_n_independent_errors_are_all_reported(data: st.DataObject) -> None:
    clients = data.draw(st.integers(1, 3))
    doc = {
        "format": "clientjournal",
        "version": 1,
        "clients": [
            {
                "id": f"c{c}",
                "name": f"Client {c}",
                "entries": [
                    {"id": f"e{i}", "occurred_at": f"2026-11-{i + 1:02}T10:00:00+01:00", "kind": "note"}
                    for i in range(data.draw(st.integers(1, 6)))
                ],
            }
            for c in range(clients)
        ],
    }
    slots = [(c, i) for c, item in enumerate(doc["clients"]) for i in range(len(item["entries"]))]  # type: ignore[arg-type]
    chosen = data.draw(st.lists(st.sampled_from(slots), unique=True, min_size=1, max_size=len(slots)))
    expected = set()
    for c, i in chosen:
        suffix = data.draw(st.sampled_from(sorted(MUTATIONS)))
        field, value = MUTATIONS[suffix]
        doc["clients"][c]["entries"][i][field] = value  # type: ignore[index]
        expected.add(f"$.clients[{c}].entries[{i}].{suffix}")
    try:
        parse_document(json.dumps(doc))
    except ImportValidationError as error:
        assert len(error.problems) == len(chosen)
        assert {p.path for p in error.problems} == expected
    else:
        raise AssertionError("a document with errors was accepted")


def _reference_text(doc: dict[str, Any]) -> str:
    """The documented layout, rendered the slow and obvious way from :func:`dump_document`."""

    def enc(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    clients = []
    for client in doc["clients"]:
        lines = []
        for key, value in client.items():
            if key in ("projects", "entries") and value:
                items = ",\n        ".join(enc(item) for item in value)
                lines.append(f'      "{key}": [\n        {items}\n      ]')
            else:
                lines.append(f"      {enc(key)}: {enc(value)}")
        clients.append("    {\n" + ",\n".join(lines) + "\n    }")
    head = (
        f'{{\n  "format": {enc(doc["format"])},\n  "version": {doc["version"]},\n'
        f'  "exported_at": {enc(doc["exported_at"])},\n  "clients": ['
    )
    if not clients:
        return head + "]\n}\n"
    return head + "\n" + ",\n".join(clients) + "\n  ]\n}\n"


@SETTINGS
@given(vaults(), moments)
def test_text_is_the_documented_layout_of_dump_document(vault: list[ClientJournal], at: datetime) -> None:
    assert dumps_document(vault, exported_at=at) == _reference_text(dump_document(vault, exported_at=at))
