"""Compact builders for realistic journals, all relative to one fixed moment ``NOW``."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from itertools import count

from clientjournal.domain.entities import Client, ClientJournal, Entry, Project, Promise
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus

OSLO = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 27, 15, 0, tzinfo=OSLO)
TODAY = NOW.date()

_ids = count(1)


def day(offset: int) -> date:
    """TODAY + offset days (negative: in the past)."""
    return TODAY + timedelta(days=offset)


def client(
    client_id: str = "c1",
    name: str = "Kari Nordmann",
    *,
    channel: Channel | None = Channel.EMAIL,
    every: int | None = 7,
    temperament: str = "",
    email: str = "kari@example.no",
    phone: str = "+47 400 00 000",
    archived: bool = False,
) -> Client:
    return Client(
        id=client_id,
        name=name,
        email=email,
        phone=phone,
        preferred_channel=channel,
        update_every_days=every,
        temperament=temperament,
        archived=archived,
    )


def project(
    project_id: str = "p1",
    title: str = "New website",
    *,
    client_id: str = "c1",
    signed: int | None = None,
    status: ProjectStatus = ProjectStatus.ACTIVE,
) -> Project:
    return Project(
        id=project_id,
        client_id=client_id,
        title=title,
        contract_signed_on=day(signed) if signed is not None else None,
        status=status,
    )


def entry(
    kind: EntryKind,
    days_ago: float,
    *,
    channel: Channel | None = None,
    moods: tuple[str, ...] = (),
    project_id: str | None = "p1",
    text: str = "",
    due: int | None = None,
    status: PromiseStatus = PromiseStatus.OPEN,
    resolved: int | None = None,
    entry_id: str | None = None,
    client_id: str = "c1",
    title: str = "",
    told: float | None = None,
) -> Entry:
    """An entry ``days_ago`` days before NOW; ``due`` (days from today) makes it carry a promise (named
    ``title``); ``told`` (days before NOW) says when the client was told of a setback or solved problem."""
    promise = None
    if due is not None:
        promise = Promise(day(due), status, day(resolved) if resolved is not None else None, title)
    return Entry(
        id=entry_id or f"e{next(_ids)}",
        client_id=client_id,
        occurred_at=NOW - timedelta(days=days_ago),
        kind=kind,
        text=text,
        channel=channel,
        moods=moods,
        project_id=project_id,
        promise=promise,
        client_told_at=NOW - timedelta(days=told) if told is not None else None,
    )


def journal(
    the_client: Client | None = None,
    projects: tuple[Project, ...] | None = None,
    entries: tuple[Entry, ...] = (),
) -> ClientJournal:
    c = the_client or client()
    ps = projects if projects is not None else (project(client_id=c.id),)
    ordered = tuple(sorted(entries, key=lambda e: e.occurred_at))
    return ClientJournal(client=c, projects=ps, entries=ordered)


def running(*extra: Entry, the_client: Client | None = None, last_update: float = 2) -> ClientJournal:
    """A project signed 30 days ago, kicked off, with a progress update ``last_update`` days ago."""
    c = the_client or client()
    base = (
        entry(EntryKind.CONTRACT_SIGNED, 30, channel=Channel.MEETING, moods=("enthusiastic",),
              client_id=c.id, entry_id=f"{c.id}-contract"),
        entry(EntryKind.CALL, 29, channel=Channel.PHONE, client_id=c.id, entry_id=f"{c.id}-kickoff",
              text="Kick-off: goals, scope, weekly email updates."),
        entry(EntryKind.PROGRESS_UPDATE, last_update, channel=Channel.EMAIL, moods=("satisfied",),
              client_id=c.id, entry_id=f"{c.id}-update"),
    )  # fmt: skip
    return journal(c, (project(client_id=c.id, signed=-30),), (*base, *extra))
