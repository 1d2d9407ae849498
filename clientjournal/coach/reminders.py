"""Reminders: which of the coach's actions and open promises are due, and when to say so (issue #10). Pure.

A :class:`Reminder` is one coach action that has a due date, or one open promise (on an active project or on
none), with a stable :attr:`Reminder.id` and an absolute UTC due moment: a due *date* becomes that day's
"morning" (:data:`DEFAULT_MORNING`, 09:00) in the user's time zone, computed with :mod:`zoneinfo` so a DST change
never shifts it. The coach's promise actions (due soon, due today, overdue, at risk, deliver early) are folded
into the promise's own reminder, so a promise never reminds twice and keeps its id while the days pass.

What the user did with a reminder is a :class:`ReminderState` (stored encrypted in the vault by
:mod:`clientjournal.services.reminders`): snoozed until a moment, done, dismissed, and when it was last notified.

:func:`check` is the scheduler's one decision, from the reminders, the state and ``now`` (it never reads the
clock)::

    result = check(reminders, state, now)
    for notice in result.notices:      # at most one digest, and at most MAX_SINGLE single notices
        show(notice)
    state = result.state               # store it: it remembers what was notified and the last check
    ms = result.wake_delay_ms          # arm one single-shot timer (capped; never overflows a Qt timer)

A reminder *fires* once per due moment: when its effective moment (the due moment, or the end of its snooze if
later) has come and it was not notified at that moment before. Firing reminders whose moment fell into a gap of
the checks (the computer slept, the app was closed, the clock jumped forward) and that are more than
:data:`GRACE` late are *missed*: they become one digest ("3 reminders while you were away"), never a burst.
A clock jumping backward re-fires nothing (the notified marks remember the moment) and moves the last check back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from clientjournal.coach.ledger import promise_title
from clientjournal.coach.merge import TELLING_ACTIONS, cause_evidence, cause_part
from clientjournal.coach.values import Action
from clientjournal.domain.entities import ClientJournal, Entry
from clientjournal.domain.enums import ProjectStatus, PromiseStatus

DEFAULT_MORNING = time(9, 0)
"""The local time a due date (or "tomorrow morning") becomes."""

GRACE = timedelta(minutes=15)
"""A firing reminder at most this late is notified on its own; later ones, in a gap of the checks, are missed."""

AWAKE_GAP = timedelta(minutes=3)
"""A wall-clock gap between two checks longer than this means the checks stopped (sleep, app closed, clock jump).
The scheduler checks at least every 30–60 s, so this is a few missed ticks."""

MAX_SINGLE = 3
"""At most this many reminders are notified one by one in one check; more firing at once go into the digest."""

QT_TIMER_MAX_MS = 2**31 - 1
"""A Qt timer's interval is an int of milliseconds: about 24.8 days. Anything longer overflows."""

MAX_WAKE_DELAY = timedelta(hours=6)
"""The longest single-shot delay :func:`wake_delay_ms` gives; far under :data:`QT_TIMER_MAX_MS`. Monotonic timers
stop while the computer sleeps, so a long one is inexact anyway; the scheduler re-arms after each check."""

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
    done or dismissal stored under one of them still counts (see :meth:`ReminderState.adopted`)."""

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


def tomorrow_morning(now: datetime, zone: tzinfo, morning: time = DEFAULT_MORNING) -> datetime:
    """The next calendar day's morning in ``zone`` (UTC), the "tomorrow morning" snooze."""
    local_day = now.astimezone(zone).date()
    return morning_of(local_day + timedelta(days=1), zone, morning)


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


# ---- what the user did -------------------------------------------------------------------------------------------


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


# ---- the scheduler's decision ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Notice:
    """One notification to show: one reminder, or a digest of several (:attr:`missed` says why)."""

    reminders: tuple[Reminder, ...]
    digest: bool
    missed: bool
    """The digest is of reminders that came due while nobody was checking ("while you were away")."""


@dataclass(frozen=True, slots=True)
class CheckResult:
    notices: tuple[Notice, ...]
    """What to notify now: at most one digest, then up to :data:`MAX_SINGLE` single reminders."""
    due: tuple[Reminder, ...]
    """Every active reminder that is due (or was notified and not yet acted on), oldest first: the tray's list
    and count."""
    upcoming: tuple[Reminder, ...]
    """Active reminders not yet due, soonest first."""
    next_at: datetime | None
    """The next moment a reminder fires, if any (UTC)."""
    state: ReminderState
    """The state to store: notified marks of what fired, and ``last_check`` = now."""
    woke: bool
    """The checks stopped for longer than :data:`AWAKE_GAP` (sleep, app closed, clock jump) or the clock went back."""
    wake_delay_ms: int
    """Milliseconds until the next check should run, capped at :data:`MAX_WAKE_DELAY` (see :func:`wake_delay_ms`)."""

    @property
    def fired(self) -> tuple[Reminder, ...]:
        return tuple(r for notice in self.notices for r in notice.reminders)


def check(
    reminders: Sequence[Reminder],
    state: ReminderState,
    now: datetime,
    *,
    grace: timedelta = GRACE,
    awake_gap: timedelta = AWAKE_GAP,
    max_single: int = MAX_SINGLE,
) -> CheckResult:
    """What is due at ``now``, what to notify, and the state to keep (see the module docstring)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("check needs a timezone-aware 'now'")
    now = now.astimezone(UTC)
    state = state.adopted(reminders)
    last = state.last_check
    went_back = last is not None and now < last
    gap = last is None or went_back or now - last > awake_gap
    fresh: list[Reminder] = []
    missed: list[Reminder] = []
    due: list[tuple[datetime, Reminder]] = []
    upcoming: list[tuple[datetime, Reminder]] = []
    marks = dict(state.marks)
    next_at: datetime | None = None
    for reminder in reminders:
        if not state.is_active(reminder):
            continue
        at = state.effective_at(reminder)
        mark = marks.get(reminder.id)
        notified = mark is not None and mark.notified_at == at
        if at > now:
            if notified:  # notified, then the clock went back: still due, not again
                due.append((at, reminder))
                continue
            upcoming.append((at, reminder))
            next_at = at if next_at is None or at < next_at else next_at
            continue
        due.append((at, reminder))
        if notified:
            continue
        unseen = last is None or (at > last and not went_back)
        if gap and unseen and now - at > grace:
            missed.append(reminder)
        else:
            fresh.append(reminder)
        marks[reminder.id] = replace(mark or Mark(reminder.client_id), notified_at=at)
    away = bool(missed)
    if len(fresh) > max_single:
        missed, fresh = [*missed, *fresh], []
    notices: list[Notice] = []
    if missed:
        notices.append(Notice(tuple(missed), digest=True, missed=away))
    notices.extend(Notice((r,), digest=False, missed=False) for r in fresh)
    due.sort(key=lambda item: (item[0], item[1].id))
    upcoming.sort(key=lambda item: (item[0], item[1].id))
    return CheckResult(
        notices=tuple(notices),
        due=tuple(r for _, r in due),
        upcoming=tuple(r for _, r in upcoming),
        next_at=next_at,
        state=ReminderState(marks, now),
        woke=last is not None and gap,
        wake_delay_ms=wake_delay_ms(next_at, now),
    )


def wake_delay_ms(next_at: datetime | None, now: datetime, cap: timedelta = MAX_WAKE_DELAY) -> int:
    """Milliseconds from ``now`` until ``next_at`` (0 if past), never more than ``cap`` (nor the int32 a Qt timer
    takes): arm a single-shot timer with it and check again when it fires. None (nothing upcoming) gives ``cap``."""
    limit = min(int(cap / timedelta(milliseconds=1)), QT_TIMER_MAX_MS)
    if next_at is None:
        return limit
    delay = (next_at - now) / timedelta(milliseconds=1)
    if delay <= 0:
        return 0
    return min(int(delay) + 1, limit)


# ---- notification text -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoticeText:
    summary: str
    body: str


def notice_text(notice: Notice | int, *, locked: bool, show_names: bool = True) -> NoticeText:
    """The text of a notification. Locked (or given only a count): how many reminders, never a client's name nor
    a title. Unlocked: the title, and the client's name when ``show_names``; a digest lists the first few.

    English; the Qt layer may translate these patterns itself.
    """
    count = notice if isinstance(notice, int) else len(notice.reminders)
    plural = "reminder" if count == 1 else "reminders"
    if locked or isinstance(notice, int):
        return NoticeText(f"{count} {plural} — unlock to see them", "")
    if not notice.digest:
        reminder = notice.reminders[0]
        return NoticeText(_line(reminder, show_names), f"Due {reminder.due_on.isoformat()}")
    summary = f"{count} {plural} while you were away" if notice.missed else f"{count} {plural} due"
    lines = [_line(r, show_names) for r in notice.reminders[:MAX_SINGLE]]
    if count > MAX_SINGLE:
        lines.append(f"and {count - MAX_SINGLE} more")
    return NoticeText(summary, "\n".join(lines))


def _line(reminder: Reminder, show_names: bool) -> str:
    if show_names:
        return f"{reminder.client_name}: {reminder.title}" if reminder.client_name else reminder.title
    # coach titles may name the client ("Agree how and how often Kari wants updates")
    name = reminder.client_name.strip()
    return reminder.title.replace(name, "the client") if name else reminder.title
