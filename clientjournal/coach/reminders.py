"""Reminders: which of the coach's actions and open promises are due, and at which moment (issue #10). Pure.

A :class:`Reminder` is one coach action that has a due date, or one open promise (on an active project or on
none), with a stable :attr:`Reminder.id` and an absolute UTC due moment: a due *date* becomes that day's
"morning" (:data:`DEFAULT_MORNING`, 09:00) in the user's time zone, computed with :mod:`zoneinfo` so a DST change
never shifts it. The coach's promise actions (due soon, due today, overdue, at risk, deliver early) are folded
into the promise's own reminder, so a promise never reminds twice and keeps its id while the days pass.

:func:`collect` builds them. What the user did with one is in :mod:`clientjournal.coach.reminder_state`; when to
say so, and in which words, in :mod:`clientjournal.coach.reminder_check`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, tzinfo
from enum import StrEnum

from clientjournal.coach.ledger import promise_title
from clientjournal.coach.merge import TELLING_ACTIONS, cause_evidence, cause_part
from clientjournal.coach.values import Action
from clientjournal.domain.entities import ClientJournal, Entry
from clientjournal.domain.enums import ProjectStatus, PromiseStatus

DEFAULT_MORNING = time(9, 0)
"""The local time a due date (or "tomorrow morning") becomes."""

PROMISE_ACTIONS = frozenset(
    {"promise_due_soon", "promise_due_today", "promise_overdue", "promise_at_risk", "deliver_early"}
)
"""Coach actions about one open promise: folded into that promise's reminder."""

ACTION_FAMILIES: Mapping[str, str] = {
    "progress_update_due": "progress_update",
    "progress_update_overdue": "progress_update",
}
"""Actions that turn into each other as the days pass keep one reminder id."""


class ReminderKind(StrEnum):
    PROMISE = "promise"
    ACTION = "action"


@dataclass(frozen=True, slots=True)
class Reminder:
    """One thing to be reminded of, at an absolute moment."""

    id: str
    """Stable: the same promise (or the same coach situation) always has the same id. 12 hex digits."""
    kind: ReminderKind
    client_id: str
    client_name: str
    title: str
    """The coach action's title (playbook language), or the promise's text shortened (the user's words)."""
    due_on: date
    due_at: datetime
    """The due date's morning in the user's zone, in UTC."""
    project_id: str | None = None
    entry_id: str | None = None
    """The promise's entry (kind PROMISE), or the setback or solved problem a "tell the client" action is about
    (:data:`~clientjournal.coach.merge.TELLING_ACTIONS`): done marks it told."""
    action: str | None = None
    """The coach action's name (kind ACTION, or the promise action folded in, e.g. ``promise_overdue``)."""
    action_key: str | None = None
    """The coach's key of the action (snooze/dismiss in the coach use it)."""
    former_ids: tuple[str, ...] = ()
    """Ids earlier versions gave this reminder (a merged card's id was made from all of its evidence): a snooze,
    done or dismissal stored under one of them still counts (see
    :meth:`~clientjournal.coach.reminder_state.ReminderState.adopted`)."""

    def redacted(self) -> Reminder:
        """Without the client's name and the title: what to keep in memory while the vault is locked (the
        scheduler needs only ids and moments; a locked notification shows only a count)."""
        return replace(self, client_name="", title="")

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "client": self.client_id,
            "client_name": self.client_name,
            "title": self.title,
            "due_on": self.due_on.isoformat(),
            "due_at": self.due_at.isoformat(),
            "project": self.project_id,
            "entry": self.entry_id,
            "action": self.action,
        }


def reminder_id(*parts: str | None) -> str:
    text = "\x1f".join(part if part is not None else "-" for part in parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def morning_of(day: date, zone: tzinfo, morning: time = DEFAULT_MORNING) -> datetime:
    """``day`` at ``morning`` local time in ``zone``, in UTC.

    A morning that does not exist that day (inside a spring-forward gap) is read with the offset before the gap,
    i.e. as far after the gap's start as the wall clock says (02:30 in a 02:00→03:00 gap is 03:30); an ambiguous
    one (autumn) is its first occurrence.
    """
    return datetime.combine(day, morning, tzinfo=zone).astimezone(UTC)


def collect(
    journals: Iterable[ClientJournal],
    actions: Iterable[Action],
    zone: tzinfo,
    morning: time = DEFAULT_MORNING,
) -> list[Reminder]:
    """The reminders of ``journals``: every open promise on an active project (or none), and every action of
    ``actions`` (the coach's, for those journals) that has a due date. Sorted by due moment, then id.

    Archived clients have none. An action about a promise (see :data:`PROMISE_ACTIONS`) lends its title and name
    to the promise's reminder instead of making one of its own.
    """
    promise_actions: dict[tuple[str, str], Action] = {}
    found: dict[str, Reminder] = {}
    names: dict[str, str] = {}
    for journal in journals:
        if journal.client.archived:
            continue
        names[journal.client.id] = journal.client.name
    action_list = [a for a in actions if a.client in names]
    for action in action_list:
        if action.action in PROMISE_ACTIONS and action.evidence:
            promise_actions.setdefault((action.client, action.evidence[0]), action)
    for journal in journals:
        client = journal.client
        if client.archived:
            continue
        inactive = {p.id for p in journal.projects if p.status is not ProjectStatus.ACTIVE}
        for entry in journal.entries:
            promise = entry.promise
            if promise is None or promise.status is not PromiseStatus.OPEN or entry.project_id in inactive:
                continue
            folded = promise_actions.get((client.id, entry.id))
            reminder = Reminder(
                id=reminder_id("promise", client.id, entry.id),
                kind=ReminderKind.PROMISE,
                client_id=client.id,
                client_name=client.name,
                title=_promise_title(entry, folded),
                due_on=promise.due_on,
                due_at=morning_of(promise.due_on, zone, morning),
                project_id=entry.project_id,
                entry_id=entry.id,
                action=folded.action if folded is not None else None,
                action_key=folded.key if folded is not None else None,
            )
            found[reminder.id] = reminder
    for action in action_list:
        if action.due_on is None or (action.action in PROMISE_ACTIONS and action.evidence):
            continue
        family = ACTION_FAMILIES.get(action.action, action.action)
        # From the cause's evidence only: a part joining or leaving a merged card keeps its id (and its marks).
        # Unmerged, that is the whole evidence, as it always was.
        rid = reminder_id("action", action.client, action.project, family, cause_part(action))
        if rid in found:
            continue
        whole = reminder_id("action", action.client, action.project, family, ",".join(action.evidence))
        told = cause_evidence(action) if action.action in TELLING_ACTIONS else ()
        found[rid] = Reminder(
            id=rid,
            kind=ReminderKind.ACTION,
            client_id=action.client,
            client_name=names[action.client],
            title=action.title,
            due_on=action.due_on,
            due_at=morning_of(action.due_on, zone, morning),
            project_id=action.project,
            entry_id=told[-1] if told else None,
            action=action.action,
            action_key=action.key,
            former_ids=(whole,) if whole != rid else (),
        )
    return sorted(found.values(), key=lambda r: (r.due_at, r.id))


def _promise_title(entry: Entry, folded: Action | None) -> str:
    if folded is not None:
        return folded.title
    return promise_title(entry) or "Promise"
