"""Reading the JSON interchange format, version 1 (SPEC §4).

The whole file is validated before anything is built, and every problem is collected with its JSON path, so
a user can fix a file in one go. Unknown fields are never fatal: on clients, projects and entries they are
kept in ``extra`` (an export gives them back) and reported as warnings.

This module is pure: bytes or text in, domain values out. It is also on a hot path (100,000 entries), so
the per-entry code avoids anything the C-level parsers (``json``, ``datetime.fromisoformat``) already do.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from operator import attrgetter

from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus
from clientjournal.domain.models import Client, ClientJournal, Entry, Project, Promise, new_id
from clientjournal.errors import ImportProblem, ImportValidationError
from clientjournal.exchange.checks import Checker
from clientjournal.exchange.checks import enum_message as _enum_message
from clientjournal.exchange.checks import json_type as _json_type
from clientjournal.exchange.checks import show as _show
from clientjournal.exchange.schema import (
    CLIENT_KEYS,
    DOCUMENT_KEYS,
    ENTRY_KEYS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_ID_LENGTH,
    MAX_UPDATE_EVERY_DAYS,
    PROJECT_KEYS,
    PROMISE_KEYS,
)

__all__ = ["ExchangeDocument", "parse_document"]


@dataclass(frozen=True, slots=True)
class ExchangeDocument:
    """A validated interchange file."""

    exported_at: datetime | None
    journals: tuple[ClientJournal, ...]
    """One per client, in file order; each journal's entries oldest first."""
    warnings: tuple[ImportProblem, ...] = ()
    """Things worth telling the user that did not stop the import (unknown fields, odd combinations)."""


def parse_document(data: bytes | bytearray | str, *, local_tz: tzinfo | None = None) -> ExchangeDocument:
    """Validate and read a whole interchange file.

    ``local_tz`` is the zone of times written without an offset; by default the machine's local zone, with
    the offset in force on each time's own date (DST-correct). Every returned ``occurred_at`` is aware and
    carries a fixed offset.

    Raises :class:`ImportValidationError` listing every problem found; nothing else escapes for any input.
    """
    reader = _Reader(local_tz)
    # Building 100,000 entries allocates millions of objects, none of them in reference cycles: pausing
    # the cycle collector meanwhile saves about a fifth of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        root = reader.load(data)
        document = reader.document(root)
    finally:
        if collecting:
            gc.enable()
    if reader.problems:
        raise ImportValidationError(reader.problems)
    assert document is not None
    return document


# --- helpers ------------------------------------------------------------------------------------------------

_CHANNELS: dict[str, Channel] = {c.value: c for c in Channel}
_KINDS: dict[str, EntryKind] = {k.value: k for k in EntryKind}
_PROJECT_STATUSES: dict[str, ProjectStatus] = {s.value: s for s in ProjectStatus}
_PROMISE_STATUSES: dict[str, PromiseStatus] = {s.value: s for s in PromiseStatus}

_CLIENT_KEYSET = frozenset(CLIENT_KEYS)
_PROJECT_KEYSET = frozenset(PROJECT_KEYS)
_ENTRY_KEYSET = frozenset(ENTRY_KEYS)
_PROMISE_KEYSET = frozenset(PROMISE_KEYS)
_DOCUMENT_KEYSET = frozenset(DOCUMENT_KEYS)

_get_occurred_at = attrgetter("occurred_at")


class _SlowPath(Exception):
    """An entry is not in the canonical shape: check it field by field."""


class _Reader(Checker):
    """Checks a whole document and builds its domain values."""

    # --- the document --------------------------------------------------------------------------------------

    def document(self, root: object) -> ExchangeDocument | None:
        if not isinstance(root, dict):
            raise self.fail(
                "$",
                f'expected a JSON object with "format": "{FORMAT_NAME}", not {_json_type(root)}',
            )
        fmt = root.get("format")
        if fmt != FORMAT_NAME:
            if isinstance(fmt, str):
                raise self.fail(
                    "$.format",
                    f"{_show(fmt)} is not a ClientJournal file (expected '{FORMAT_NAME}')",
                )
            self.problem("$.format", f"must be '{FORMAT_NAME}', not {_json_type(fmt)}")
        version = root.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise self.fail(
                "$.version",
                f"the file uses format version {version}, written by a newer ClientJournal; this "
                f"version reads format version {FORMAT_VERSION} only, please update ClientJournal",
            )
        if version != FORMAT_VERSION or isinstance(version, bool):
            what = version if isinstance(version, int) else _json_type(version)
            self.problem("$.version", f"unsupported format version {what}; expected {FORMAT_VERSION}")
        exported_at = self.datetime_value(root.get("exported_at"), "$.exported_at")
        if not _DOCUMENT_KEYSET.issuperset(root):
            self.extras(root, _DOCUMENT_KEYSET, "$", keep=False)

        raw_clients = root.get("clients")
        journals: list[ClientJournal] = []
        if isinstance(raw_clients, list):
            client_ids: dict[str, str] = {}
            for i, raw_client in enumerate(raw_clients):
                journal = self.client(raw_client, f"$.clients[{i}]", client_ids)
                if journal is not None:
                    journals.append(journal)
        elif raw_clients is None:
            self.problem("$.clients", "clients is required (a list, possibly empty)")
        else:
            self.problem("$.clients", f"must be a list of clients, not {_json_type(raw_clients)}")

        if self.check_surrogates:
            self.find_surrogates(root)
        if self.problems:
            return None
        return ExchangeDocument(exported_at, tuple(journals), tuple(self.warnings))

    def client(self, raw: object, path: str, client_ids: dict[str, str]) -> ClientJournal | None:
        if not isinstance(raw, dict):
            self.problem(path, f"a client must be an object, not {_json_type(raw)}")
            return None
        before = len(self.problems)
        extra = {} if _CLIENT_KEYSET.issuperset(raw) else self.extras(raw, _CLIENT_KEYSET, path, keep=True)
        client_id = self.ident(raw.get("id"), path, client_ids, "client")
        name = self.required_text(raw, "name", path)

        channel_raw = raw.get("preferred_channel")
        channel = None
        if channel_raw is not None:
            channel = _CHANNELS.get(channel_raw) if isinstance(channel_raw, str) else None
            if channel is None:
                self.problem(f"{path}.preferred_channel", _enum_message("channel", channel_raw, _CHANNELS))

        every = raw.get("update_every_days")
        if every is not None and (
            not isinstance(every, int) or isinstance(every, bool) or not 0 < every <= MAX_UPDATE_EVERY_DAYS
        ):
            self.problem(
                f"{path}.update_every_days",
                f"must be a whole number of days from 1 to {MAX_UPDATE_EVERY_DAYS}, or null; got "
                + (
                    str(every)
                    if isinstance(every, int | float) and not isinstance(every, bool)
                    else _json_type(every)
                ),
            )
            every = None

        archived = raw.get("archived", False)
        if not isinstance(archived, bool):
            if archived is not None:
                self.problem(f"{path}.archived", f"must be true or false, not {_json_type(archived)}")
            archived = False

        projects: list[Project] = []
        project_ids: dict[str, str] = {}
        raw_projects = raw.get("projects")
        if isinstance(raw_projects, list):
            for i, raw_project in enumerate(raw_projects):
                project = self.project(raw_project, f"{path}.projects[{i}]", client_id, project_ids)
                if project is not None:
                    projects.append(project)
        elif raw_projects is not None:
            self.problem(f"{path}.projects", f"must be a list of projects, not {_json_type(raw_projects)}")

        entries: list[Entry] = []
        raw_entries = raw.get("entries")
        if isinstance(raw_entries, list):
            entries = self.entries(raw_entries, f"{path}.entries", client_id, project_ids)
        elif raw_entries is not None:
            self.problem(f"{path}.entries", f"must be a list of entries, not {_json_type(raw_entries)}")

        tags = self.names(raw.get("tags"), f"{path}.tags", "tag")
        company = self.text(raw, "company", path)
        email = self.text(raw, "email", path)
        phone = self.text(raw, "phone", path)
        temperament = self.text(raw, "temperament", path)
        if len(self.problems) != before:
            return None
        client = Client(
            id=client_id,
            name=name,
            company=company,
            email=email,
            phone=phone,
            preferred_channel=channel,
            update_every_days=every,
            temperament=temperament,
            tags=tags,
            archived=archived,
            extra=extra,
        )
        entries.sort(key=_get_occurred_at)  # stable: entries at the same moment keep their file order
        return ClientJournal(client, tuple(projects), tuple(entries))

    def project(self, raw: object, path: str, client_id: str, project_ids: dict[str, str]) -> Project | None:
        if not isinstance(raw, dict):
            self.problem(path, f"a project must be an object, not {_json_type(raw)}")
            return None
        before = len(self.problems)
        extra = {} if _PROJECT_KEYSET.issuperset(raw) else self.extras(raw, _PROJECT_KEYSET, path, keep=True)
        project_id = self.ident(raw.get("id"), path, project_ids, "project")
        title = self.required_text(raw, "title", path)
        signed_on = self.date_value(raw.get("contract_signed_on"), f"{path}.contract_signed_on")
        due_on = self.date_value(raw.get("due_on"), f"{path}.due_on")
        delivered_on = self.date_value(raw.get("delivered_on"), f"{path}.delivered_on")
        status_raw = raw.get("status")
        status: ProjectStatus | None = ProjectStatus.ACTIVE
        if status_raw is not None:
            status = _PROJECT_STATUSES.get(status_raw) if isinstance(status_raw, str) else None
            if status is None:
                self.problem(f"{path}.status", _enum_message("status", status_raw, _PROJECT_STATUSES))
        if len(self.problems) != before:
            return None
        assert status is not None
        return Project(
            id=project_id,
            client_id=client_id,
            title=title,
            contract_signed_on=signed_on,
            due_on=due_on,
            status=status,
            delivered_on=delivered_on,
            extra=extra,
        )

    def entries(
        self, raw_entries: list[object], base: str, client_id: str, project_ids: dict[str, str]
    ) -> list[Entry]:
        """The entries of one client.

        The loop below is the hot path of an import: it accepts an entry in the canonical shape (what an
        export writes) with a few C-level calls, and hands anything else to :meth:`entry`, which checks
        every field one by one and reports each problem.
        """
        result: list[Entry] = []
        append = result.append
        entry_ids: dict[str, int] = {}
        keyset_ok = _ENTRY_KEYSET.issuperset
        promise_keyset_ok = _PROMISE_KEYSET.issuperset
        moods_ok = self.good_moods.issuperset
        parse_datetime = datetime.fromisoformat
        parse_date = date.fromisoformat
        kinds, channels, statuses = _KINDS, _CHANNELS, _PROMISE_STATUSES
        open_status = PromiseStatus.OPEN
        for i, raw in enumerate(raw_entries):
            try:
                if type(raw) is dict and keyset_ok(raw):
                    # A missing field raises KeyError, a value of the wrong type TypeError or KeyError.
                    entry_id = raw["id"]
                    moment = parse_datetime(raw["occurred_at"])
                    kind = kinds[raw["kind"]]
                    channel = raw["channel"]
                    if channel is not None:
                        channel = channels[channel]
                    moods = raw["moods"]
                    project = raw["project"]
                    text = raw["text"]
                    promise = raw["promise"]
                    if promise is not None:
                        if type(promise) is not dict or not promise_keyset_ok(promise):
                            raise _SlowPath
                        due_on = parse_date(promise["due_on"])
                        status = statuses[promise["status"]]
                        resolved = promise["resolved_on"]
                        if resolved is not None:
                            resolved = parse_date(resolved)
                            if status is open_status:
                                raise _SlowPath
                        promise = Promise(due_on, status, resolved)
                    if (
                        type(entry_id) is str
                        and entry_id not in entry_ids
                        and entry_id
                        and len(entry_id) <= MAX_ID_LENGTH
                        and not entry_id.isspace()
                        and moment.tzinfo is not None
                        and 1 < moment.year < 9999
                        and type(text) is str
                        and (project is None or project in project_ids)
                        and type(moods) is list
                        and (not moods or moods_ok(moods))
                    ):
                        entry_ids[entry_id] = i
                        append(
                            Entry(
                                entry_id,
                                client_id,
                                moment,
                                kind,
                                text,
                                channel,
                                tuple(moods),
                                project,
                                promise,
                                {},
                            )
                        )
                        continue
            except (TypeError, ValueError, KeyError, _SlowPath):
                pass
            item = self.entry(raw, base, i, client_id, project_ids, entry_ids)
            if item is not None:
                append(item)
        return result

    def entry(
        self,
        raw: object,
        base: str,
        index: int,
        client_id: str,
        project_ids: dict[str, str],
        entry_ids: dict[str, int],
    ) -> Entry | None:
        """One entry, checked field by field; every problem is reported."""
        path = f"{base}[{index}]"
        if not isinstance(raw, dict):
            self.problem(path, f"an entry must be an object, not {_json_type(raw)}")
            return None
        before = len(self.problems)
        extra = self.extras(raw, _ENTRY_KEYSET, path, keep=True)

        entry_id = raw.get("id")
        if entry_id is None:
            entry_id = new_id()
        elif not isinstance(entry_id, str) or not entry_id.strip():
            self.problem(f"{path}.id", f"entry id must be a non-empty string, not {_json_type(entry_id)}")
        elif len(entry_id) > MAX_ID_LENGTH:
            self.problem(f"{path}.id", f"entry id is longer than {MAX_ID_LENGTH} characters")
        elif entry_id in entry_ids:
            first = f"{base}[{entry_ids[entry_id]}].id"
            self.problem(f"{path}.id", f"duplicate entry id {_show(entry_id)}; also used at {first}")
        else:
            entry_ids[entry_id] = index

        project_id = raw.get("project")
        if project_id is not None:
            if not isinstance(project_id, str):
                self.problem(
                    f"{path}.project",
                    "must be the id (a string) of one of this client's projects, or null, not "
                    + _json_type(project_id),
                )
            elif project_id not in project_ids:
                known = ", ".join(_show(p) for p in project_ids) or "none"
                self.problem(
                    f"{path}.project",
                    f"unknown project {_show(project_id)}; this client's project ids: {known}",
                )

        occurred_at = self.datetime_value(raw.get("occurred_at"), f"{path}.occurred_at", required=True)

        kind_raw = raw.get("kind")
        kind = _KINDS.get(kind_raw) if isinstance(kind_raw, str) else None
        if kind is None:
            if kind_raw is None:
                self.problem(f"{path}.kind", "kind is required; one of " + ", ".join(_KINDS))
            else:
                self.problem(f"{path}.kind", _enum_message("kind", kind_raw, _KINDS))

        channel_raw = raw.get("channel")
        channel = None
        if channel_raw is not None:
            channel = _CHANNELS.get(channel_raw) if isinstance(channel_raw, str) else None
            if channel is None:
                self.problem(f"{path}.channel", _enum_message("channel", channel_raw, _CHANNELS))

        moods = self.names(raw.get("moods"), f"{path}.moods", "mood")
        self.good_moods.update(moods)
        text = self.text(raw, "text", path)
        promise_raw = raw.get("promise")
        promise = None if promise_raw is None else self.promise(promise_raw, f"{path}.promise")

        if len(self.problems) != before:
            return None
        assert occurred_at is not None and kind is not None
        return Entry(
            id=entry_id,
            client_id=client_id,
            occurred_at=occurred_at,
            kind=kind,
            text=text,
            channel=channel,
            moods=moods,
            project_id=project_id,
            promise=promise,
            extra=extra,
        )

    def promise(self, raw: object, path: str) -> Promise | None:
        if not isinstance(raw, dict):
            self.problem(path, f"a promise must be an object or null, not {_json_type(raw)}")
            return None
        before = len(self.problems)
        if not _PROMISE_KEYSET.issuperset(raw):
            self.extras(raw, _PROMISE_KEYSET, path, keep=False)
        due_on = self.date_value(raw.get("due_on"), f"{path}.due_on", required=True)
        resolved_on = self.date_value(raw.get("resolved_on"), f"{path}.resolved_on")
        status_raw = raw.get("status")
        status: PromiseStatus | None = PromiseStatus.OPEN
        if status_raw is not None:
            status = _PROMISE_STATUSES.get(status_raw) if isinstance(status_raw, str) else None
            if status is None:
                self.problem(f"{path}.status", _enum_message("status", status_raw, _PROMISE_STATUSES))
        if len(self.problems) != before:
            return None
        assert due_on is not None and status is not None
        if status is PromiseStatus.OPEN and resolved_on is not None:
            self.warnings.append(
                ImportProblem(f"{path}.resolved_on", "an open promise has a resolved_on date; kept as is")
            )
        return Promise(due_on=due_on, status=status, resolved_on=resolved_on)
