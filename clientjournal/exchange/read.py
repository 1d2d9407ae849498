"""Reading the JSON interchange format, version 1.

The whole file is validated before anything is built, and every problem is collected with its JSON path, so
a user can fix a file in one go. Unknown fields are never fatal: on clients, projects and entries they are
kept in ``extra`` (an export gives them back) and reported as warnings.

This module is pure: bytes or text in, domain values out. It is also on a hot path (100,000 entries), so
the per-entry code avoids anything the C-level parsers (``json``, ``datetime.fromisoformat``) already do. The
entries themselves are read by :mod:`clientjournal.exchange.read_entries`.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import datetime, tzinfo
from operator import attrgetter

from clientjournal.domain.entities import Client, ClientJournal, Entry, Project
from clientjournal.domain.enums import ProjectStatus
from clientjournal.errors import ImportProblem, ImportValidationError
from clientjournal.exchange.checks import enum_message as _enum_message
from clientjournal.exchange.checks import json_type as _json_type
from clientjournal.exchange.checks import show as _show
from clientjournal.exchange.read_entries import CHANNELS, EntryChecker
from clientjournal.exchange.schema import (
    CLIENT_KEYS,
    DOCUMENT_KEYS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_UPDATE_EVERY_DAYS,
    PROJECT_KEYS,
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

_PROJECT_STATUSES: dict[str, ProjectStatus] = {s.value: s for s in ProjectStatus}

_CLIENT_KEYSET = frozenset(CLIENT_KEYS)
_PROJECT_KEYSET = frozenset(PROJECT_KEYS)
_DOCUMENT_KEYSET = frozenset(DOCUMENT_KEYS)

_get_occurred_at = attrgetter("occurred_at")


class _Reader(EntryChecker):
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
            channel = CHANNELS.get(channel_raw) if isinstance(channel_raw, str) else None
            if channel is None:
                self.problem(f"{path}.preferred_channel", _enum_message("channel", channel_raw, CHANNELS))

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
        language = self.language(raw.get("language"), f"{path}.language")
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
            language=language,
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
