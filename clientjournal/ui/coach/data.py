"""What the coach sidebar shows, computed off the GUI thread, and the small decisions behind its buttons.

Everything here is plain Python over the services and the coach engine: the loaders run on the
:class:`~clientjournal.ui.worker.BackgroundWorker`, and the results are immutable snapshots the widgets
display. No SQL and no keys: the session's services do that.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from clientjournal.coach import (
    Action,
    Draft,
    PromiseLedger,
    current_step,
    draft_message,
    promise_ledger,
    suggest,
)
from clientjournal.coach.playbook import LANGUAGES, PlaybookError, normalize_language
from clientjournal.domain import Channel, ClientJournal, EntryKind, ProjectStatus, PromiseStatus

if TYPE_CHECKING:
    from clientjournal.domain import Client, Entry, Project
    from clientjournal.services.session import VaultSession

Clock = Callable[[], datetime]

LANGUAGE_TAGS: Mapping[str, str] = {
    "en": "en",
    "english": "en",
    "lang:en": "en",
    "language:en": "en",
    "nb": "nb",
    "no": "nb",
    "norsk": "nb",
    "norwegian": "nb",
    "lang:nb": "nb",
    "language:nb": "nb",
    "lang:no": "nb",
}
"""Client tags that decide the language of drafted messages."""


def language_code(value: str, default: str = "en") -> str:
    """``en``/``nb`` from a locale or language name; ``default`` when the playbook has no such language."""
    try:
        return normalize_language(value)
    except PlaybookError:
        return default if default in LANGUAGES else "en"


def client_language(client: Client, default: str) -> str:
    """The language to write to a client in: a language tag, else a Norwegian address, else ``default``."""
    for tag in client.tags:
        code = LANGUAGE_TAGS.get(tag.strip().casefold())
        if code is not None:
            return code
    if client.email.strip().casefold().endswith(".no") or client.phone.replace(" ", "").startswith("+47"):
        return "nb"
    return default


# ---- what a button does --------------------------------------------------------------------------------------

_KIND_BY_CHANNEL: Mapping[Channel, EntryKind] = {
    Channel.PHONE: EntryKind.CALL,
    Channel.VIDEO: EntryKind.MEETING,
    Channel.MEETING: EntryKind.MEETING,
    Channel.EMAIL: EntryKind.EMAIL,
    Channel.MESSAGE: EntryKind.MESSAGE,
    Channel.OTHER: EntryKind.MESSAGE,
}

_KIND_BY_ACTION: Mapping[str, EntryKind] = {
    "progress_update_due": EntryKind.PROGRESS_UPDATE,
    "progress_update_overdue": EntryKind.PROGRESS_UPDATE,
    "discuss_change_request": EntryKind.CHANGE_AGREED,
}

RESOLVES_PROMISE = frozenset({"promise_due_soon", "promise_due_today", "promise_overdue", "deliver_early"})
"""Actions that are done when their promise is kept: "Log it" opens the promise to mark it kept."""


def kind_for(action: Action) -> EntryKind:
    """The kind of entry that records doing ``action`` (so the engine sees it done)."""
    return _KIND_BY_ACTION.get(action.action, _KIND_BY_CHANNEL[action.channel])


@dataclass(frozen=True, slots=True)
class LogPlan:
    """How to prefill the entry dialog for "Log it"."""

    kind: EntryKind
    channel: Channel
    project_id: str | None
    text: str
    edit: Entry | None = None
    """An existing promise to mark as kept instead of a new entry."""
    promise_status: PromiseStatus | None = None


def log_plan(action: Action, journal: ClientJournal, today: date) -> LogPlan:
    if action.action in RESOLVES_PROMISE and action.evidence:
        promise_entry = next((e for e in journal.entries if e.id == action.evidence[0]), None)
        if promise_entry is not None and promise_entry.promise is not None:
            early = today < promise_entry.promise.due_on
            return LogPlan(
                kind=EntryKind.PROMISE,
                channel=action.channel,
                project_id=promise_entry.project_id,
                text=promise_entry.text,
                edit=promise_entry,
                promise_status=PromiseStatus.KEPT_EARLY if early else PromiseStatus.KEPT,
            )
    return LogPlan(
        kind=kind_for(action),
        channel=action.channel,
        project_id=action.project,
        text=action.title.rstrip(".") + ".",
    )


# ---- snapshots -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClientCoach:
    """The coach's view of one client at one moment."""

    journal: ClientJournal
    actions: tuple[Action, ...]
    steps: Mapping[str, int]
    """The current playbook step of each project worth showing a stepper for."""
    language: str
    """The language of the playbook texts in ``actions``."""
    today: date

    @property
    def client(self) -> Client:
        return self.journal.client

    def projects(self) -> list[Project]:
        """Projects with a step, active ones first, then the newest."""
        chosen = [p for p in self.journal.projects if p.id in self.steps]
        return sorted(
            chosen,
            key=lambda p: (
                p.status is not ProjectStatus.ACTIVE,
                -(p.contract_signed_on or date.min).toordinal(),
                p.title.casefold(),
            ),
        )

    def actions_for(self, project_id: str | None) -> list[Action]:
        """Actions about ``project_id`` or the client as a whole (all of them for None)."""
        if project_id is None:
            return list(self.actions)
        return [a for a in self.actions if a.project in (project_id, None)]

    def ledger(self, project_id: str | None) -> PromiseLedger:
        return promise_ledger(self.journal, project_id)

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.journal.entries if e.id == entry_id), None)

    def draft(self, action: Action, language: str, sender_name: str = "") -> Draft:
        return draft_message(action, self.journal, language, sender_name)


@dataclass(frozen=True, slots=True)
class TodayCoach:
    """What needs attention across every client that is not archived."""

    actions: tuple[Action, ...]
    names: Mapping[str, str] = field(default_factory=dict)
    today: date = date.min


def _stepper_projects(journal: ClientJournal) -> list[Project]:
    active = [p for p in journal.projects if p.status is ProjectStatus.ACTIVE]
    if active:
        return active
    finished = sorted(
        (p for p in journal.projects if p.status is ProjectStatus.DELIVERED),
        key=lambda p: p.delivered_on or p.due_on or date.min,
    )
    return finished[-1:]


def load_client(session: VaultSession, client_id: str, now: datetime, language: str) -> ClientCoach:
    """Runs on the worker: the client's journal, the actions for it, and the step of each project."""
    journal = session.journal.journal(client_id)
    state = session.settings.coach_state()
    actions = suggest(journal, now, state=state, language=language)
    steps = {p.id: current_step(journal, p.id, now) for p in _stepper_projects(journal)}
    return ClientCoach(journal, tuple(actions), steps, language, now.date())


def load_today(session: VaultSession, now: datetime, language: str) -> TodayCoach:
    """Runs on the worker: the actions of every client that is not archived, most important first."""
    journals = [j for j in session.journal.journals() if not j.client.archived]
    state = session.settings.coach_state()
    actions = suggest(journals, now, state=state, language=language)
    return TodayCoach(tuple(actions), {j.client.id: j.client.name for j in journals}, now.date())


def due_state(action: Action, today: date) -> str:
    """``overdue``, ``today``, ``soon`` (within three days), ``later`` or ``none``: how the due date looks."""
    if action.due_on is None:
        return "none"
    left = (action.due_on - today).days
    if left < 0:
        return "overdue"
    if left == 0:
        return "today"
    return "soon" if left <= 3 else "later"
