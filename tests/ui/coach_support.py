"""Helpers for the coach sidebar tests: a clock the test can move, and journals written straight to the vault."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from support.constants import NOW, WAIT_MS

from clientjournal.domain import Channel, Client, Entry, EntryKind, Project, Promise
from clientjournal.domain.entities import new_id
from clientjournal.services.session import VaultSession
from clientjournal.ui.mainwindow import MainWindow


class MovableClock:
    """The injected clock: ``NOW`` until a test moves it."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, days: int) -> None:
        self.now += timedelta(days=days)


def add_client(
    session: VaultSession,
    name: str,
    *,
    channel: Channel | None = Channel.EMAIL,
    cadence: int | None = 7,
    email: str = "",
    tags: tuple[str, ...] = (),
    language: str = "",
) -> Client:
    return session.journal.save_client(
        Client(
            id=new_id(),
            name=name,
            email=email,
            preferred_channel=channel,
            update_every_days=cadence,
            tags=tags,
            language=language,
        )
    )


def add_project(session: VaultSession, client: Client, title: str, signed: date | None = None) -> Project:
    return session.journal.save_project(
        Project(id=new_id(), client_id=client.id, title=title, contract_signed_on=signed)
    )


def add_entry(
    session: VaultSession,
    client: Client,
    kind: EntryKind,
    days_ago: float,
    text: str,
    *,
    project: Project | None = None,
    channel: Channel | None = None,
    promise_due: date | None = None,
    moods: tuple[str, ...] = (),
    promise_title: str = "",
) -> Entry:
    return session.journal.save_entry(
        Entry(
            id=new_id(),
            client_id=client.id,
            occurred_at=NOW - timedelta(days=days_ago),
            kind=kind,
            text=text,
            channel=channel,
            moods=moods,
            project_id=project.id if project is not None else None,
            promise=Promise(promise_due, title=promise_title) if promise_due is not None else None,
        )
    )


def settle(qtbot, window: MainWindow) -> None:
    """Let every queued load (clients, timeline, coach) land."""
    qtbot.waitUntil(lambda: not window._worker.busy, timeout=WAIT_MS)
    qtbot.wait(10)
    qtbot.waitUntil(lambda: not window._worker.busy, timeout=WAIT_MS)


def titles(window: MainWindow) -> list[str]:
    return [card.action.action for card in window.coach.cards.cards()]


def open_window(qtbot, worker, session: VaultSession) -> MainWindow:
    """The main window on ``session`` with a movable clock, shown and loaded, for the coach's window tests."""
    main = MainWindow(session, worker, MovableClock())
    qtbot.addWidget(main)
    main.show()
    main.reload(select=None)
    settle(qtbot, main)
    return main
