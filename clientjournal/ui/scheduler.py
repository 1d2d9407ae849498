"""The reminder scheduler of the desktop app (issue #10): when to check, and what the tray and the window show.

The decisions are the core's (:mod:`clientjournal.coach.reminders`, :mod:`clientjournal.services.reminders`);
this object only decides *when* to ask:

* after unlocking it builds the :class:`~clientjournal.services.reminder_book.ReminderBook` on the worker, and
  brings it up to date on every change the window's hub announces (``vault_changed_first``: its job goes ahead
  of the views' reloads; one client's change costs a few ms), so the tray's count is right within a second of a
  save (``benchmarks/bench_reminders_tray.py``);
* a coarse wall-clock timer (45 s) and one single-shot timer for the nearest reminder
  (:attr:`CheckResult.wake_delay_ms`, capped far below a Qt timer's ~24.8-day limit) check again;
* a wall-clock gap between two ticks (or logind's ``PrepareForSleep``, when a sleep watcher exists) means the
  computer slept or the clock jumped: it waits a short grace period (the network and the desktop come back
  first), then checks, which turns what was missed into one digest.

The book lives in a :class:`_BookBox` that only worker jobs touch (they run one at a time), so the GUI thread
never reads a book the worker is changing. The GUI keeps only the last :class:`CheckResult`.

While the vault is locked the scheduler keeps only redacted reminders (ids and moments) and the last state, runs
the pure :func:`~clientjournal.coach.reminder_check.check` on them, and its notices say only how many are due. What it
showed then (ids and the moments they were notified for) is stored after unlocking, before the first check, so a
reminder already shown while locked does not fire a second time.

How a reminder is worded (in the tray, its notifications and the window) is :mod:`clientjournal.ui.reminder_text`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, QSocketNotifier, Qt, QTimer, Signal

from clientjournal.services.changes import VaultChanges

if TYPE_CHECKING:
    from clientjournal.coach.reminder_check import CheckResult
    from clientjournal.coach.reminder_state import ReminderState, Snooze
    from clientjournal.coach.reminders import Reminder
    from clientjournal.services.reminder_book import ReminderBook
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Clock
    from clientjournal.ui.operations import ChangeHub, Operations

log = logging.getLogger(__name__)

TICK_MS = 45_000
"""The coarse wall-clock timer."""
WAKE_GRACE_MS = 10_000
"""How long to wait after waking before checking (the desktop, the network and the tray come back first)."""
GAP_SLACK = timedelta(seconds=60)
"""A tick later than its interval by more than this means the computer slept (or the clock jumped)."""


class _BookBox:
    """The reminder book, touched only by jobs on the worker thread."""

    __slots__ = ("book",)

    def __init__(self) -> None:
        self.book: ReminderBook | None = None


class ReminderScheduler(QObject):
    """Checks reminders at the right moments; :attr:`due`/:attr:`upcoming` are what the tray and window show."""

    changed = Signal()
    """``due``, ``upcoming`` or ``locked`` changed."""
    notices_ready = Signal(object, bool)
    """(a tuple of :class:`~clientjournal.coach.reminder_check.Notice`, locked): show them."""
    responded = Signal(str, object)
    """(button, reminder ids): a button's change is stored."""

    def __init__(
        self,
        clock: Clock,
        *,
        zone: tzinfo | None = None,
        language: str | None = None,
        tick_ms: int = TICK_MS,
        grace_ms: int = WAKE_GRACE_MS,
        sleep_bus: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._zone = zone
        self._language = language
        self._tick_ms = tick_ms
        self._ops: Operations | None = None
        self._hub: ChangeHub | None = None
        self._box = _BookBox()
        self._skip: VaultChanges | None = None
        self._last_tick: datetime | None = None
        self.locked = True
        self.due: tuple[Reminder, ...] = ()
        self.upcoming: tuple[Reminder, ...] = ()
        self._redacted: list[Reminder] = []
        self._locked_state: ReminderState | None = None
        self._shown_while_locked: dict[str, tuple[Reminder, datetime]] = {}
        """Reminder id -> (the redacted reminder, the moment it was notified for) while locked."""
        self._checking = False
        self._again = False

        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._tick.setInterval(tick_ms)
        self._tick.timeout.connect(self._ticked)
        self._single = QTimer(self)
        self._single.setSingleShot(True)
        self._single.timeout.connect(self.check_now)
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.setInterval(grace_ms)
        self._grace.timeout.connect(self.check_now)
        self._sleep: Any = None
        self._sleep_bus = sleep_bus
        """The bus of logind (default: the system bus); "" to not watch sleep at all."""
        self._sleep_notifier: QSocketNotifier | None = None

    # ---- properties --------------------------------------------------------------------------------------------

    @property
    def zone(self) -> tzinfo:
        if self._zone is None:
            from clientjournal.services.reminder_zones import local_zone

            self._zone = local_zone()
        return self._zone

    @property
    def language(self) -> str:
        if self._language is None:
            from clientjournal.services.coaching import language_code

            self._language = language_code(QLocale().name())
        return self._language

    @property
    def single_shot_ms(self) -> int:
        """The single-shot timer's interval (-1: not armed)."""
        return self._single.interval() if self._single.isActive() else -1

    def now(self) -> datetime:
        return self._clock()

    # ---- unlocked / locked -------------------------------------------------------------------------------------

    def attach(self, ops: Operations, hub: ChangeHub) -> None:
        """The vault is unlocked in a window: build the book and follow its changes."""
        # First in line: the views' reloads after a change can take seconds on a large vault; the count, ~30 ms.
        if self._hub is not None and self._hub is not hub:
            self._hub.vault_changed_first.disconnect(self._vault_changed)
        if self._hub is not hub:
            hub.vault_changed_first.connect(self._vault_changed)
        self._ops, self._hub = ops, hub
        self.locked = False
        self._box = _BookBox()
        self._checking = False
        self._start_timers()
        self._run_check(rebuild=True)

    def detach(self) -> None:
        """The vault is locking: keep only ids and moments, and check on those."""
        self._redacted = [r.redacted() for r in (*self.due, *self.upcoming)]
        self.locked = True
        self._ops = None
        self._box = _BookBox()
        self._checking = False
        self.due = tuple(r.redacted() for r in self.due)
        self.upcoming = tuple(r.redacted() for r in self.upcoming)
        self.changed.emit()

    def stop(self) -> None:
        for timer in (self._tick, self._single, self._grace):
            timer.stop()
        if self._sleep_notifier is not None:
            self._sleep_notifier.setEnabled(False)
        if self._sleep:
            self._sleep.close()
        self._sleep = None

    def _start_timers(self) -> None:
        self._last_tick = self.now()
        if not self._tick.isActive():
            self._tick.start()
        self._watch_sleep()

    # ---- sleep and wake ----------------------------------------------------------------------------------------

    def _watch_sleep(self) -> None:
        """logind's PrepareForSleep (:class:`clientjournal.notify.sleep.SleepWatcher`), beside the wall-clock gap."""
        if self._sleep is not None:
            return
        if self._sleep_bus == "":
            self._sleep = False
            return
        try:
            from clientjournal.notify.sleep import SleepWatcher

            watcher = SleepWatcher.connect(self._sleep_bus or "SYSTEM")
        except Exception as exc:
            log.debug("no sleep watcher: %s", type(exc).__name__)
            self._sleep = False
            return
        self._sleep = watcher
        fd = watcher.fileno()
        if fd is not None and fd >= 0:
            self._sleep_notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._sleep_notifier.activated.connect(self._sleep_events)

    def _sleep_events(self) -> None:
        try:
            events = self._sleep.poll()
        except Exception:
            log.info("the sleep watcher failed; the wall-clock gap remains")
            if self._sleep_notifier is not None:
                self._sleep_notifier.setEnabled(False)
            return
        for going_to_sleep in events:
            if going_to_sleep:
                self._single.stop()
                self._grace.stop()
            else:
                self.woke()

    def woke(self) -> None:
        """The computer woke up (or the clock jumped): check once the grace period is over."""
        log.info("woke up: checking reminders in %d s", self._grace.interval() // 1000)
        self._single.stop()
        self._grace.start()

    def _ticked(self) -> None:
        now = self.now()
        last, self._last_tick = self._last_tick, now
        expected = timedelta(milliseconds=self._tick_ms)
        if last is not None and (now < last or now - last > expected + GAP_SLACK):
            self.woke()
            return
        if not self._grace.isActive():
            self.check_now()

    # ---- checking ----------------------------------------------------------------------------------------------

    def check_now(self) -> None:
        """Check now (unlocked: on the worker; locked: the pure check on the redacted reminders)."""
        if self.locked:
            self._check_locked()
        else:
            self._run_check()

    def _run_check(self, *, rebuild: bool = False, changes: VaultChanges | None = None) -> None:
        ops = self._ops
        if ops is None:
            return
        if self._checking and not rebuild and changes is None:
            self._again = True  # one check is on its way: one more after it
            return
        self._checking = True
        box, now, zone, language = self._box, self.now(), self.zone, self.language
        shown_while_locked = tuple(self._shown_while_locked.values())
        self._shown_while_locked.clear()

        def job(session: VaultSession) -> CheckResult:
            service = session.reminders
            if shown_while_locked:
                service.mark_notified(shown_while_locked)
            book = box.book
            if rebuild or book is None or book.day != now.astimezone(zone).date():
                book = service.book(now, zone, language=language)
            elif changes is not None:
                book = service.refresh(book, changes, now)
            box.book = book
            return service.check(now, zone, language=language, reminders=book.all())

        ops.query(job).success(self._checked).failure(self._check_failed).run(quiet=True)

    def _checked(self, result: CheckResult) -> None:
        self._checking = False
        if self.locked:
            return
        self._apply(result)
        if result.notices:
            self.notices_ready.emit(result.notices, False)
        if self._again:
            self._again = False
            self._run_check()

    def _check_failed(self, exc: BaseException) -> None:
        self._checking = False
        log.warning("reminder check failed: %s", type(exc).__name__)

    def _apply(self, result: CheckResult) -> None:
        self._locked_state = result.state
        self.due, self.upcoming = result.due, result.upcoming
        self._single.start(max(0, result.wake_delay_ms))
        self.changed.emit()

    def _check_locked(self) -> None:
        from clientjournal.coach.reminder_check import check
        from clientjournal.coach.reminder_state import ReminderState

        state = self._locked_state or ReminderState()
        result = check(self._redacted, state, self.now())
        for reminder in result.fired:
            at = result.state.marks[reminder.id].notified_at
            if at is not None:
                self._shown_while_locked[reminder.id] = (reminder, at)
        self._apply(result)
        if result.notices:
            self.notices_ready.emit(result.notices, True)

    def _vault_changed(self, changes: VaultChanges) -> None:
        if self.locked:
            return
        if self._skip is not None and changes == self._skip:
            self._skip = None  # our own button's change: already refreshed and checked
            return
        self._run_check(changes=changes)

    # ---- acting on reminders -----------------------------------------------------------------------------------

    def respond(self, button: str, reminder_ids: Sequence[str], snooze: Snooze | None = None) -> None:
        """A notification's or the menu's button (``snooze``, ``done``, ``dismiss``): stored on the worker, then
        announced on the hub (the timeline shows a promise marked kept)."""
        ops = self._ops
        if ops is None or not reminder_ids or button not in {"snooze", "done", "dismiss"}:
            return
        from clientjournal.coach.reminder_state import Snooze as SnoozeChoice

        choice = snooze or SnoozeChoice.HOUR_1
        box, now, zone, language = self._box, self.now(), self.zone, self.language
        ids = tuple(reminder_ids)

        def job(session: VaultSession) -> tuple[VaultChanges, CheckResult]:
            service = session.reminders
            among = box.book.all() if box.book is not None else None
            changes = service.respond(button, ids, now, zone, snooze=choice, among=among)
            if box.book is None:
                box.book = service.book(now, zone, language=language)
            elif changes.journal:
                box.book = service.refresh(box.book, changes, now)
            return changes, service.check(now, zone, language=language, reminders=box.book.all())

        def done(result: tuple[VaultChanges, CheckResult]) -> None:
            changes, checked = result
            self._skip = changes  # reminder state only, or refreshed above: no rebuild on its announcement
            if not self.locked:
                self._apply(checked)
                if checked.notices:
                    self.notices_ready.emit(checked.notices, False)
            self.responded.emit(button, ids)

        ops.change(job, lambda result: result[0]).success(done).run()

    def snooze(self, reminder_id: str, choice: Snooze) -> None:
        self.respond("snooze", [reminder_id], choice)

    def done(self, reminder_id: str) -> None:
        self.respond("done", [reminder_id])

    def dismiss(self, reminder_id: str) -> None:
        self.respond("dismiss", [reminder_id])

    def find(self, reminder_id: str) -> Reminder | None:
        return next((r for r in (*self.due, *self.upcoming) if r.id == reminder_id), None)
