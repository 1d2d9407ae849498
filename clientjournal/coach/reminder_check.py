"""The scheduler's decision: which reminders fire at ``now``, and the words of a notification (issue #10). Pure.

:func:`check` decides from the reminders (:mod:`clientjournal.coach.reminders`), the state
(:mod:`clientjournal.coach.reminder_state`) and ``now`` (it never reads the clock)::

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

:func:`notice_text` gives a notification its words: locked, only a count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from clientjournal.coach.reminder_state import Mark, ReminderState
from clientjournal.coach.reminders import Reminder

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
