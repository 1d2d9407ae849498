"""Reading the entries (and their promises) of one client in the JSON interchange format, version 1.

Split from :mod:`clientjournal.exchange.read`, which reads the document, its clients and their projects. The
per-entry loop is the hot path of an import (100,000 entries), so it leans on the C-level parsers.
"""

from __future__ import annotations

from datetime import date, datetime

from clientjournal.domain.entities import Entry, Promise, new_id
from clientjournal.domain.enums import Channel, EntryKind, PromiseStatus
from clientjournal.errors import ImportProblem
from clientjournal.exchange.checks import NUL_CHARACTER, Checker
from clientjournal.exchange.checks import enum_message as _enum_message
from clientjournal.exchange.checks import json_type as _json_type
from clientjournal.exchange.checks import show as _show
from clientjournal.exchange.schema import (
    ENTRY_KEYS,
    MAX_ID_LENGTH,
    MAX_PROMISE_TITLE,
    PROMISE_KEYS,
    TOLD_KINDS,
)

CHANNELS: dict[str, Channel] = {c.value: c for c in Channel}
KINDS: dict[str, EntryKind] = {k.value: k for k in EntryKind}
PROMISE_STATUSES: dict[str, PromiseStatus] = {s.value: s for s in PromiseStatus}

_ENTRY_KEYSET = frozenset(ENTRY_KEYS)
_FAST_ENTRY_KEYSET = _ENTRY_KEYSET - {"client_told_at"}
"""The fields the fast loop reads; the few entries that say when the client was told take the checked path."""
_PROMISE_KEYSET = frozenset(PROMISE_KEYS)
_TOLD_KINDS = frozenset(KINDS[kind] for kind in TOLD_KINDS)


class _SlowPath(Exception):
    """An entry is not in the canonical shape: check it field by field."""


class EntryChecker(Checker):
    """Checks a client's entries and builds them; the document reader builds on it."""

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
        keyset_ok = _FAST_ENTRY_KEYSET.issuperset
        promise_keyset_ok = _PROMISE_KEYSET.issuperset
        moods_ok = self.good_moods.issuperset
        parse_datetime = datetime.fromisoformat
        parse_date = date.fromisoformat
        kinds, channels, statuses = KINDS, CHANNELS, PROMISE_STATUSES
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
                        title = promise.get("title")
                        if title is None:
                            title = ""
                        elif (
                            type(title) is not str
                            or len(title) > MAX_PROMISE_TITLE
                            or not title.isprintable()
                        ):
                            raise _SlowPath  # the checked path names what is wrong
                        promise = Promise(due_on, status, resolved, title)
                    if (
                        type(entry_id) is str
                        and entry_id not in entry_ids
                        and entry_id
                        and len(entry_id) <= MAX_ID_LENGTH
                        and not entry_id.isspace()
                        and "\x00" not in entry_id  # else the slow path names it
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
        elif NUL_CHARACTER.search(entry_id):
            self.problem(f"{path}.id", "entry id contains a NUL character")
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
        kind = KINDS.get(kind_raw) if isinstance(kind_raw, str) else None
        if kind is None:
            if kind_raw is None:
                self.problem(f"{path}.kind", "kind is required; one of " + ", ".join(KINDS))
            else:
                self.problem(f"{path}.kind", _enum_message("kind", kind_raw, KINDS))

        channel_raw = raw.get("channel")
        channel = None
        if channel_raw is not None:
            channel = CHANNELS.get(channel_raw) if isinstance(channel_raw, str) else None
            if channel is None:
                self.problem(f"{path}.channel", _enum_message("channel", channel_raw, CHANNELS))

        moods = self.names(raw.get("moods"), f"{path}.moods", "mood")
        self.good_moods.update(moods)
        text = self.text(raw, "text", path)
        promise_raw = raw.get("promise")
        promise = None if promise_raw is None else self.promise(promise_raw, f"{path}.promise")
        told_at = self.told_at(raw.get("client_told_at"), f"{path}.client_told_at", kind)

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
            client_told_at=told_at,
        )

    def told_at(self, value: object, path: str, kind: EntryKind | None) -> datetime | None:
        """When the client was told about a setback or a solved problem; null or absent: not told (yet).

        Refused on any other kind: a call or a note is not something the client is told about, and keeping the
        field there would let an export carry a fact the app never shows.
        """
        told_at = self.datetime_value(value, path)
        if told_at is not None and kind is not None and kind not in _TOLD_KINDS:
            self.problem(
                path,
                f"only a setback or a solved problem records when the client was told, not a {kind.value}",
            )
            return None
        return told_at

    def promise(self, raw: object, path: str) -> Promise | None:
        if not isinstance(raw, dict):
            self.problem(path, f"a promise must be an object or null, not {_json_type(raw)}")
            return None
        before = len(self.problems)
        if not _PROMISE_KEYSET.issuperset(raw):
            self.extras(raw, _PROMISE_KEYSET, path, keep=False)
        due_on = self.date_value(raw.get("due_on"), f"{path}.due_on", required=True)
        title = self.short_text(raw.get("title"), f"{path}.title", MAX_PROMISE_TITLE)
        resolved_on = self.date_value(raw.get("resolved_on"), f"{path}.resolved_on")
        status_raw = raw.get("status")
        status: PromiseStatus | None = PromiseStatus.OPEN
        if status_raw is not None:
            status = PROMISE_STATUSES.get(status_raw) if isinstance(status_raw, str) else None
            if status is None:
                self.problem(f"{path}.status", _enum_message("status", status_raw, PROMISE_STATUSES))
        if len(self.problems) != before:
            return None
        assert due_on is not None and status is not None
        if status is PromiseStatus.OPEN and resolved_on is not None:
            self.warnings.append(
                ImportProblem(f"{path}.resolved_on", "an open promise has a resolved_on date; kept as is")
            )
        return Promise(due_on=due_on, status=status, resolved_on=resolved_on, title=title)
