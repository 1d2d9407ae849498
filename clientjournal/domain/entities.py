"""The journal's records as immutable values.

Identifiers are strings. A client id is unique in the vault; project and entry ids are unique within their
client, which is how the exchange format lets two clients both have an entry called ``e1``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Promise:
    due_on: date
    status: PromiseStatus = PromiseStatus.OPEN
    resolved_on: date | None = None
    title: str = ""
    """A short name for what was promised; empty for promises written before titles existed."""


@dataclass(frozen=True, slots=True)
class Client:
    id: str
    name: str
    company: str = ""
    email: str = ""
    phone: str = ""
    preferred_channel: Channel | None = None
    update_every_days: int | None = None
    temperament: str = ""
    tags: tuple[str, ...] = ()
    archived: bool = False
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    """Fields of an imported file this version does not know; kept so an export gives them back."""
    version: int = field(default=0, compare=False)
    """Optimistic-concurrency counter of the stored row; 0 for a record never stored."""
    language: str = ""
    """The language the client is written to in: ``en`` or ``nb``; empty means the user's own language."""


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    client_id: str
    title: str
    contract_signed_on: date | None = None
    due_on: date | None = None
    status: ProjectStatus = ProjectStatus.ACTIVE
    delivered_on: date | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    version: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    client_id: str
    occurred_at: datetime
    """Always timezone-aware; the offset is the one the user wrote it with."""
    kind: EntryKind
    text: str = ""
    channel: Channel | None = None
    moods: tuple[str, ...] = ()
    project_id: str | None = None
    promise: Promise | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    version: int = field(default=0, compare=False)
    client_told_at: datetime | None = None
    """For a setback or a solved problem: when the client was told about it; None means not told yet."""

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValueError("Entry.occurred_at must be timezone-aware")


@dataclass(frozen=True, slots=True)
class ClientJournal:
    """Everything known about one client: the unit the coach and the reports read."""

    client: Client
    projects: tuple[Project, ...] = ()
    entries: tuple[Entry, ...] = ()
    """Oldest first."""

    def project(self, project_id: str | None) -> Project | None:
        if project_id is None:
            return None
        return next((p for p in self.projects if p.id == project_id), None)
