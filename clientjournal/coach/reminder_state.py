"""What the user did with reminders: snoozes, dones, dismissals and what was notified (issue #10). Pure.

A :class:`ReminderState` holds one :class:`Mark` per reminder id (stored encrypted in the vault by
:mod:`clientjournal.services.reminder_store`): snoozed until a moment, done, dismissed, and the moment it was last
notified for, plus the last check. :func:`snooze_until` turns a :class:`Snooze` choice into the snooze's end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta, tzinfo
from enum import StrEnum

from clientjournal.coach.reminders import DEFAULT_MORNING, Reminder, morning_of


def tomorrow_morning(now: datetime, zone: tzinfo, morning: time = DEFAULT_MORNING) -> datetime:
    """The next calendar day's morning in ``zone`` (UTC), the "tomorrow morning" snooze."""
    local_day = now.astimezone(zone).date()
    return morning_of(local_day + timedelta(days=1), zone, morning)


@dataclass(frozen=True, slots=True)
class Mark:
    """What the user did with one reminder, and when it was last notified."""

    client_id: str
    snoozed_until: datetime | None = None
    done: bool = False
    dismissed: bool = False
    notified_at: datetime | None = None
    """The effective moment the reminder was last notified for (not when): it fires again only for another."""

    @property
    def empty(self) -> bool:
        return (
            self.snoozed_until is None and not self.done and not self.dismissed and self.notified_at is None
        )


class Snooze(StrEnum):
    MINUTES_10 = "10m"
    HOUR_1 = "1h"
    TOMORROW = "tomorrow"


def snooze_until(
    choice: Snooze | datetime, now: datetime, zone: tzinfo, morning: time = DEFAULT_MORNING
) -> datetime:
    """The end of a snooze chosen at ``now``: 10 minutes or an hour of real time, tomorrow morning in ``zone``,
    or a chosen (timezone-aware) moment. Always UTC."""
    if isinstance(choice, datetime):
        if choice.tzinfo is None or choice.utcoffset() is None:
            raise ValueError("a snooze moment must be timezone-aware")
        return choice.astimezone(UTC)
    if choice is Snooze.MINUTES_10:
        return now.astimezone(UTC) + timedelta(minutes=10)
    if choice is Snooze.HOUR_1:
        return now.astimezone(UTC) + timedelta(hours=1)
    return tomorrow_morning(now, zone, morning)


@dataclass(frozen=True, slots=True)
class ReminderState:
    """The user's snoozes, dones and dismissals by reminder id, what was notified, and the last check."""

    marks: Mapping[str, Mark] = field(default_factory=dict, hash=False)
    last_check: datetime | None = None

    def mark(self, reminder: Reminder) -> Mark:
        return self.marks.get(reminder.id) or Mark(reminder.client_id)

    def _with(self, reminder: Reminder, **changes: object) -> ReminderState:
        updated = replace(self.mark(reminder), **changes)  # type: ignore[arg-type]
        return replace(self, marks={**self.marks, reminder.id: updated})

    def snooze(self, reminder: Reminder, until: datetime) -> ReminderState:
        return self._with(reminder, snoozed_until=until.astimezone(UTC))

    def done(self, reminder: Reminder) -> ReminderState:
        return self._with(reminder, done=True)

    def dismiss(self, reminder: Reminder) -> ReminderState:
        return self._with(reminder, dismissed=True)

    def adopted(self, reminders: Iterable[Reminder]) -> ReminderState:
        """Marks stored under a reminder's former id (:attr:`Reminder.former_ids`) moved to its id, unless the id
        has marks of its own."""
        moves = {
            old: reminder.id
            for reminder in reminders
            if reminder.id not in self.marks
            for old in reminder.former_ids
            if old in self.marks
        }
        if not moves:
            return self
        marks = dict(self.marks)
        for old, new in moves.items():
            marks.setdefault(new, marks[old])
            del marks[old]
        return replace(self, marks=marks)

    def forget_client(self, client_id: str) -> ReminderState:
        return replace(self, marks={k: m for k, m in self.marks.items() if m.client_id != client_id})

    def pruned(self, reminders: Iterable[Reminder]) -> ReminderState:
        """Without the marks of reminders that no longer exist, except dones and dismissals (an action that
        comes back, e.g. when a coach snooze ends, stays done)."""
        alive = {r.id for r in reminders}
        return replace(
            self,
            marks={k: m for k, m in self.marks.items() if k in alive or m.done or m.dismissed},
        )

    def is_active(self, reminder: Reminder) -> bool:
        mark = self.marks.get(reminder.id)
        return mark is None or not (mark.done or mark.dismissed)

    def effective_at(self, reminder: Reminder) -> datetime:
        """When the reminder is due: its due moment, or the end of its snooze when that is later."""
        mark = self.marks.get(reminder.id)
        if mark is not None and mark.snoozed_until is not None and mark.snoozed_until > reminder.due_at:
            return mark.snoozed_until
        return reminder.due_at
