"""The small decisions behind the coach sidebar's buttons, in plain Python.

What the sidebar shows (a client's actions and steps, "Today", the client badges) comes from the core use case
:class:`~clientjournal.services.coaching.CoachingService` (``session.coaching``), run on the
:class:`~clientjournal.ui.worker.BackgroundWorker`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from clientjournal.coach import Action
from clientjournal.domain import Channel, ClientJournal, EntryKind, PromiseStatus

if TYPE_CHECKING:
    from clientjournal.domain import Entry

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
