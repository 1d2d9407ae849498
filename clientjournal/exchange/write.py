"""Writing the JSON interchange format, version 1.

The text layout is fixed so that exports are stable and diff well: the document and each client are
indented objects, and every project and entry sits on one line of its own, as in the format's reference example. Each line is
produced by the C JSON encoder, which is many times faster than ``json.dumps(indent=...)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import pairwise
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Any, Protocol

from clientjournal.domain.entities import Client, ClientJournal, Project, Promise
from clientjournal.domain.enums import Channel, EntryKind, PromiseStatus
from clientjournal.exchange.schema import FORMAT_NAME, FORMAT_VERSION

__all__ = [
    "EntryFields",
    "dump_document",
    "dumps_document",
    "entry_line",
    "entry_line_of",
    "iter_dump_chunks",
    "iter_dump_chunks_of_lines",
    "iter_dump_chunks_of_parts",
]

JsonObject = dict[str, object]


class EntryFields(Protocol):
    """What writing an entry reads: satisfied by Entry and by the lighter EntryRow of bulk exports."""

    @property
    def id(self) -> str: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def kind(self) -> EntryKind: ...
    @property
    def text(self) -> str: ...
    @property
    def channel(self) -> Channel | None: ...
    @property
    def moods(self) -> tuple[str, ...]: ...
    @property
    def project_id(self) -> str | None: ...
    @property
    def promise(self) -> Promise | None: ...
    @property
    def extra(self) -> dict[str, object]: ...
    @property
    def client_told_at(self) -> datetime | None: ...


_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": ")).encode
_get_occurred_at = attrgetter("occurred_at")
_LISTS_ONE_PER_LINE = ("projects", "entries")


def dump_document(journals: Iterable[ClientJournal], *, exported_at: datetime) -> JsonObject:
    """The document as plain JSON values (dicts, lists, strings…), keys in the format's field order."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": _datetime(exported_at),
        "clients": [client_object(journal) for journal in journals],
    }


def dumps_document(journals: Iterable[ClientJournal], *, exported_at: datetime) -> str:
    """The document as JSON text (UTF-8-ready: non-ASCII characters are written as themselves)."""
    return "".join(iter_dump_chunks(journals, exported_at))


def iter_dump_chunks(journals: Iterable[ClientJournal], exported_at: datetime) -> Iterator[str]:
    """The text of :func:`dumps_document` piece by piece, one client per piece, for exports of any size.

    ``journals`` is consumed lazily, so a caller can load and drop one client at a time.
    """
    return iter_dump_chunks_of_parts(((j.client, j.projects, j.entries) for j in journals), exported_at)


def iter_dump_chunks_of_parts(
    clients: Iterable[tuple[Client, Sequence[Project], Sequence[EntryFields]]], exported_at: datetime
) -> Iterator[str]:
    """As :func:`iter_dump_chunks`, from (client, projects, entries) whose entries only need Entry's fields."""
    return iter_dump_chunks_of_lines(
        (
            (client, projects, [entry_line_of(entry) for entry in _sorted_entries(entries)])
            for client, projects, entries in clients
        ),
        exported_at,
    )


def iter_dump_chunks_of_lines(
    clients: Iterable[tuple[Client, Sequence[Project], Sequence[str]]], exported_at: datetime
) -> Iterator[str]:
    """As :func:`iter_dump_chunks`, from (client, projects, entry lines oldest first; see :func:`entry_line`)."""
    yield (
        "{\n"
        f'  "format": {_encode(FORMAT_NAME)},\n'
        f'  "version": {FORMAT_VERSION},\n'
        f'  "exported_at": {_encode(_datetime(exported_at))},\n'
        '  "clients": ['
    )
    separator = "\n"
    for client, projects, entry_lines in clients:
        yield separator + _client_text(client, projects, entry_lines)
        separator = ",\n"
    yield "\n  ]\n}\n" if separator != "\n" else "]\n}\n"


def client_object(journal: ClientJournal) -> JsonObject:
    """One client as plain JSON values, with its projects and its entries (oldest first)."""
    result = _client_fields(journal.client)
    result["projects"] = [_project_object(project) for project in journal.projects]
    result["entries"] = [_entry_object(entry) for entry in _sorted_entries(journal.entries)]
    return result


def _datetime(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.astimezone()  # a naive time means local time; write its offset explicitly
    return moment.isoformat()


def _date(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _merge_extra(result: JsonObject, extra: dict[str, object]) -> None:
    for key, value in extra.items():
        if key not in result:
            result[key] = value


def _client_fields(client: Client) -> JsonObject:
    channel = client.preferred_channel
    result: JsonObject = {
        "id": client.id,
        "name": client.name,
        "company": client.company,
        "email": client.email,
        "phone": client.phone,
        "preferred_channel": None if channel is None else channel.value,
        "update_every_days": client.update_every_days,
        "temperament": client.temperament,
        "tags": list(client.tags),
        "archived": client.archived,
    }
    if client.language:  # optional fields are written only when set: a file without them round-trips as is
        result["language"] = client.language
    if client.extra:
        _merge_extra(result, {k: v for k, v in client.extra.items() if k not in _LISTS_ONE_PER_LINE})
    return result


def _project_object(project: Project) -> JsonObject:
    result: JsonObject = {
        "id": project.id,
        "title": project.title,
        "contract_signed_on": _date(project.contract_signed_on),
        "due_on": _date(project.due_on),
        "status": project.status.value,
        "delivered_on": _date(project.delivered_on),
    }
    if project.extra:
        _merge_extra(result, project.extra)
    return result


def _promise_object(promise: Promise) -> JsonObject:
    resolved_on = promise.resolved_on
    result: JsonObject = {
        "due_on": promise.due_on.isoformat(),
        "status": promise.status.value,
        "resolved_on": None if resolved_on is None else resolved_on.isoformat(),
    }
    if promise.title:
        result["title"] = promise.title
    return result


def _entry_object(entry: EntryFields) -> JsonObject:
    channel = entry.channel
    promise = entry.promise
    result: JsonObject = {
        "id": entry.id,
        "project": entry.project_id,
        "occurred_at": entry.occurred_at.isoformat(),
        "kind": entry.kind.value,
        "channel": None if channel is None else channel.value,
        "moods": list(entry.moods),
        "text": entry.text,
        "promise": None if promise is None else _promise_object(promise),
    }
    if entry.client_told_at is not None:
        result["client_told_at"] = entry.client_told_at.isoformat()
    if entry.extra:
        _merge_extra(result, entry.extra)
    return result


def _client_text(client: Client, projects: Sequence[Project], entry_lines: Sequence[str]) -> str:
    """One client as indented JSON, each project and entry on a line of its own."""
    lines = [f"      {_encode(key)}: {_encode(value)}" for key, value in _client_fields(client).items()]
    for key, items in (
        ("projects", [_encode(_project_object(project)) for project in projects]),
        ("entries", entry_lines),
    ):
        if items:
            lines.append(f'      "{key}": [\n        ' + ",\n        ".join(items) + "\n      ]")
        else:
            lines.append(f'      "{key}": []')
    return "    {\n" + ",\n".join(lines) + "\n    }"


def _sorted_entries(entries: Sequence[EntryFields]) -> Sequence[EntryFields]:
    if any(a.occurred_at > b.occurred_at for a, b in pairwise(entries)):
        return sorted(entries, key=_get_occurred_at)  # stable: ties keep their order
    return entries


# Entries are most of an export: one is written straight to text, without building a dict for the
# encoder. The result is exactly ``_encode(_entry_object(entry))`` (a test holds it to that).
_quote = encode_basestring
_KIND_TEXT = {kind.value: f'"{kind.value}"' for kind in EntryKind}
_CHANNEL_TEXT: dict[str | None, str] = {channel.value: f'"{channel.value}"' for channel in Channel}
_CHANNEL_TEXT[None] = "null"
_PROMISE_STATUS_TEXT = {status.value: f'"{status.value}"' for status in PromiseStatus}


def entry_line_of(entry: EntryFields) -> str:
    """An entry's line of the export."""
    if entry.extra:
        return _encode(_entry_object(entry))
    promise = entry.promise
    return entry_line(
        entry.id,
        entry.project_id,
        entry.occurred_at.isoformat(),
        entry.kind,
        entry.channel,
        entry.moods,
        entry.text,
        None
        if promise is None
        else (
            promise.due_on.isoformat(),
            promise.status,
            None if promise.resolved_on is None else promise.resolved_on.isoformat(),
            promise.title,
        ),
        None if entry.client_told_at is None else entry.client_told_at.isoformat(),
    )


def entry_line(
    entry_id: str,
    project_id: str | None,
    occurred_at: str,
    kind: str,
    channel: str | None,
    moods: Sequence[str],
    text: str,
    promise: Sequence[Any] | None,
    client_told_at: str | None = None,
) -> str:
    """The line of an entry without extra fields, from plain values: ISO texts for times and dates, enum values
    as strings, the promise as (due on, status, resolved on) or (due on, status, resolved on, title). Unknown
    kinds, channels or statuses raise KeyError. The optional fields (a promise's title, ``client_told_at``) are
    written only when set.

    The bulk export calls this with the values of the decrypted payload, skipping the entry objects.
    """
    if promise is None:
        promise_text = "null"
    else:
        if len(promise) == 3:
            due_on, status, resolved_on = promise
            title = ""
        else:
            due_on, status, resolved_on, title = promise
        resolved = "null" if resolved_on is None else f'"{resolved_on}"'
        title_text = f', "title": {_quote(title)}' if title else ""
        promise_text = (
            f'{{"due_on": "{due_on}", "status": {_PROMISE_STATUS_TEXT[status]}, '
            f'"resolved_on": {resolved}{title_text}}}'
        )
    told_text = "" if client_told_at is None else f', "client_told_at": "{client_told_at}"'
    return (
        f'{{"id": {_quote(entry_id)}, '
        f'"project": {"null" if project_id is None else _quote(project_id)}, '
        f'"occurred_at": "{occurred_at}", '
        f'"kind": {_KIND_TEXT[kind]}, '
        f'"channel": {_CHANNEL_TEXT[channel]}, '
        f'"moods": [{", ".join(map(_quote, moods)) if moods else ""}], '
        f'"text": {_quote(text)}, '
        f'"promise": {promise_text}{told_text}}}'
    )
