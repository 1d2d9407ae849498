"""Reminders over an unlocked vault: the use case behind the tray, the notifications and ``clientjournal-cli
reminders`` (issue #10). The decisions are pure, in :mod:`clientjournal.coach.reminders` and its
``reminder_*`` siblings; this module reads the journals and the coach's actions, and keeps the user's snoozes,
dones and dismissals encrypted in the vault (:mod:`clientjournal.services.reminder_store`) so they survive
restarts. The in-memory book is :mod:`clientjournal.services.reminder_book`, the user's time zone
:mod:`clientjournal.services.reminder_zones`.

For the tray (``session.reminders`` is a :class:`ReminderService`; ``notifier`` a
:class:`clientjournal.notify.Notifier`)::

    zone = local_zone()                                      # or the zone the user chose
    book = session.reminders.book(now, zone)                 # after unlocking (~0.2 s at 1,000 clients)
    book = session.reminders.refresh(book, changes, now)     # on each VaultChanges (~1 ms for one client)

    # on the coarse 30–60 s wall-clock timer, on the single-shot timer, after waking (+ a grace period),
    # and after each refresh:
    result = session.reminders.check(now, zone, reminders=book.all())
    for notice in result.notices:                            # at most one digest + a few single reminders
        text = notice_text(notice, locked=False, show_names=show_names)
        buttons = DIGEST_ACTIONS if notice.digest else REMINDER_ACTIONS
        shown[notifier.notify(text.summary, text.body, buttons)] = [r.id for r in notice.reminders]
    tray_count = len(result.due)                             # result.due / result.upcoming: the menu's list
    single_shot.start(result.wake_delay_ms)                  # capped (6 h): never overflows a Qt timer

    # a button (event from notifier.poll()) or a tray-menu action:
    changes = session.reminders.respond(event.action, shown[event.notification_id], now, zone,
                                        snooze=Snooze.HOUR_1, among=book.all())
    # or one by one: snooze(rid, Snooze.MINUTES_10 | Snooze.HOUR_1 | Snooze.TOMORROW | datetime, now, zone),
    # done(rid, now, zone) (a promise is marked kept, or kept early, in the journal; a "tell the client"
    # action marks its setback or solved problem told at now), dismiss(rid, now, zone)

Each of those returns the :class:`~clientjournal.services.changes.VaultChanges` it made, for the other views. The
tray itself needs no ``refresh`` after a snooze, a dismissal or any other action's done (they change only the
reminder state, which ``check`` reads): check again. A promise's done, and a "tell the client" action's, change the
journal (``refresh`` with what they returned). While the vault is locked keep only ``[r.redacted() for r in
book.all()]`` and the last ``result.state``, run the pure :func:`clientjournal.coach.reminder_check.check` on them
(nothing can be stored), and show only ``notice_text(notice, locked=True)``: a count. Remember what fired while
locked (``{r.id: at}``, ``at`` its notified moment), and after unlocking pass it to
:meth:`ReminderService.mark_notified` before the first check, so a reminder shown while locked does not fire again
for the same moment.

:meth:`ReminderService.check` writes the state only when a reminder fired (so an idle tick writes nothing and
other windows' change watchers stay quiet); the last check is otherwise kept in memory. Ids are 12 hex digits,
stable for a promise (whatever its due date), for a coach situation (an update due that becomes overdue) and for a
merged card while parts join or leave it (the id is the cause's).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, time, tzinfo

from clientjournal.coach import CoachState
from clientjournal.coach.reminder_check import CheckResult, check
from clientjournal.coach.reminder_state import ReminderState, Snooze, snooze_until
from clientjournal.coach.reminders import DEFAULT_MORNING, Reminder, ReminderKind, collect
from clientjournal.domain import ClientJournal, PromiseStatus
from clientjournal.domain.moods import MoodTag
from clientjournal.errors import NotFoundError, ValidationError
from clientjournal.services.changes import VaultChanges
from clientjournal.services.coaching import CoachingService
from clientjournal.services.journal import JournalService
from clientjournal.services.reminder_book import ReminderBook
from clientjournal.services.reminder_store import REMINDERS, state_from_json, state_to_json
from clientjournal.services.settings import VaultSettings


class ReminderService:
    """Reminders over one unlocked vault (``session.reminders``)."""

    def __init__(self, journal: JournalService, settings: VaultSettings, coaching: CoachingService) -> None:
        self.journal = journal
        self.settings = settings
        self.coaching = coaching
        self._last_check: datetime | None = None

    # -- state

    def state(self) -> ReminderState:
        stored = state_from_json(self.settings.read(REMINDERS))
        if self._last_check is not None and (
            stored.last_check is None or self._last_check > stored.last_check
        ):
            return replace(stored, last_check=self._last_check)
        return stored

    def save_state(self, state: ReminderState) -> None:
        self.settings.write(REMINDERS, state_to_json(state))
        self._last_check = state.last_check

    def mark_notified(self, shown: Iterable[tuple[Reminder, datetime]]) -> None:
        """Record reminders as notified for a moment (each with the effective moment it was notified for, the
        ``notified_at`` of its mark): what the scheduler showed while the vault was locked. Stored only when it
        changes something."""
        state = self.state()
        marks = dict(state.marks)
        for reminder, at in shown:
            mark = state.mark(reminder)
            if mark.notified_at != at:
                marks[reminder.id] = replace(mark, notified_at=at.astimezone(UTC))
        if marks != state.marks:
            self.save_state(replace(state, marks=marks))

    def forget_client(self, client_id: str) -> None:
        """Drop a deleted client's marks."""
        raw = self.settings.read(REMINDERS)
        if raw:
            self.settings.write(REMINDERS, state_to_json(state_from_json(raw).forget_client(client_id)))

    # -- reading

    def reminders(
        self,
        now: datetime,
        zone: tzinfo,
        *,
        language: str = "en",
        morning: time = DEFAULT_MORNING,
        journals: Sequence[ClientJournal] | None = None,
        coach_state: CoachState | None = None,
        moods: Mapping[str, MoodTag] | None = None,
    ) -> list[Reminder]:
        """Every reminder of the vault (or of ``journals``), soonest first. The coach sees ``now`` in ``zone``, so
        its "today" is the user's local day."""
        if journals is None:
            journals = [j for j in self.journal.journals() if not j.client.archived]
        local_now = now.astimezone(zone)
        actions = self.coaching.actions(journals, local_now, language, state=coach_state, moods=moods)
        return collect(journals, actions, zone, morning)

    def book(
        self, now: datetime, zone: tzinfo, *, language: str = "en", morning: time = DEFAULT_MORNING
    ) -> ReminderBook:
        """Every client's reminders in a :class:`ReminderBook`, for :meth:`refresh` after a change. The coach's
        actions depend on the day: build a new book when the local date in ``zone`` changes."""
        journals = [j for j in self.journal.journals() if not j.client.archived]
        book = ReminderBook(zone, morning, day=now.astimezone(zone).date(), language=language)
        book.replace(journals, self.coaching.actions(journals, now.astimezone(zone), language))
        return book

    def refresh(self, book: ReminderBook, changes: VaultChanges, now: datetime) -> ReminderBook:
        """``book`` brought up to date after ``changes``: only the clients they touch are read and coached again
        (a new book for a new local day, a changed list of clients, settings or unknown changes)."""
        zone = book.zone
        if changes.empty:
            return book
        if (
            changes.everything
            or changes.client_list
            or changes.settings
            or book.day != now.astimezone(zone).date()
            or not changes.clients
        ):
            return self.book(now, zone, language=book.language, morning=book.morning)
        try:
            journals = self.journal.journals_of(sorted(changes.clients))
        except NotFoundError:
            return self.book(now, zone, language=book.language, morning=book.morning)
        book.replace(journals, self.coaching.actions(journals, now.astimezone(zone), book.language))
        return book

    def check(
        self,
        now: datetime,
        zone: tzinfo,
        *,
        language: str = "en",
        morning: time = DEFAULT_MORNING,
        reminders: Sequence[Reminder] | None = None,
        save: bool = True,
    ) -> CheckResult:
        """What is due at ``now`` and what to notify (:func:`clientjournal.coach.reminder_check.check`).

        With ``save`` the notified marks are stored when something fired; pass ``save=False`` to only look (the
        CLI's listing does). ``reminders`` (e.g. :meth:`ReminderBook.all`) saves reading the journals.
        """
        every = (
            reminders
            if reminders is not None
            else self.reminders(now, zone, language=language, morning=morning)
        )
        state = self.state()
        result = check(every, state, now)
        if save:
            if result.notices or result.state.marks != state.marks:
                self.save_state(result.state.pruned(every))
            else:
                self._last_check = result.state.last_check
        return result

    def find(
        self,
        reminder_id: str,
        now: datetime,
        zone: tzinfo,
        *,
        language: str = "en",
        among: Sequence[Reminder] | None = None,
    ) -> Reminder:
        """The reminder with this id (or the one whose id starts with it, at least 4 digits), among ``among``
        (e.g. :meth:`ReminderBook.all`, which saves reading and coaching every journal) or all of them."""
        every = among if among is not None else self.reminders(now, zone, language=language)
        exact = [r for r in every if r.id == reminder_id]
        if exact:
            return exact[0]
        matches = [r for r in every if len(reminder_id) >= 4 and r.id.startswith(reminder_id.lower())]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValidationError(f"reminder id {reminder_id} is ambiguous; give more digits")
        raise NotFoundError(f"no reminder {reminder_id} (it may be done, or no longer due)")

    # -- acting

    def _update(self, reminder: Reminder, change: str, until: datetime | None = None) -> None:
        state = self.state().adopted([reminder])
        if change == "snooze" and until is not None:
            state = state.snooze(reminder, until)
        elif change == "done":
            state = state.done(reminder)
        else:
            state = state.dismiss(reminder)
        self.save_state(state)

    def snooze(
        self,
        reminder_id: str,
        choice: Snooze | datetime,
        now: datetime,
        zone: tzinfo,
        *,
        morning: time = DEFAULT_MORNING,
        among: Sequence[Reminder] | None = None,
    ) -> tuple[Reminder, datetime, VaultChanges]:
        """Snooze for 10 minutes, an hour, until tomorrow morning or until a moment. Returns the reminder, the end
        of the snooze (UTC) and what changed."""
        reminder = self.find(reminder_id, now, zone, among=among)
        until = snooze_until(choice, now, zone, morning)
        if until <= now:
            raise ValidationError("a snooze must end in the future")
        self._update(reminder, "snooze", until)
        return reminder, until, VaultChanges(settings=True)

    def dismiss(
        self, reminder_id: str, now: datetime, zone: tzinfo, *, among: Sequence[Reminder] | None = None
    ) -> tuple[Reminder, VaultChanges]:
        reminder = self.find(reminder_id, now, zone, among=among)
        self._update(reminder, "dismiss")
        return reminder, VaultChanges(settings=True)

    def respond(
        self,
        button: str,
        reminder_ids: Sequence[str],
        now: datetime,
        zone: tzinfo,
        *,
        snooze: Snooze | datetime = Snooze.HOUR_1,
        among: Sequence[Reminder] | None = None,
    ) -> VaultChanges:
        """Apply a notification button (``"snooze"``, ``"done"``, ``"dismiss"``, the keys of
        :data:`clientjournal.notify.REMINDER_ACTIONS`) to the reminders a notification showed. ``"open"`` and
        ``"default"`` (a click on the notification) change nothing: the UI shows the window. Reminders that are
        gone meanwhile (done elsewhere) are skipped."""
        changes = VaultChanges()
        for reminder_id in reminder_ids:
            try:
                if button == "snooze":
                    changes |= self.snooze(reminder_id, snooze, now, zone, among=among)[2]
                elif button == "done":
                    changes |= self.done(reminder_id, now, zone, among=among)[1]
                elif button == "dismiss":
                    changes |= self.dismiss(reminder_id, now, zone, among=among)[1]
            except NotFoundError:
                continue
        return changes

    def done(
        self, reminder_id: str, now: datetime, zone: tzinfo, *, among: Sequence[Reminder] | None = None
    ) -> tuple[Reminder, VaultChanges]:
        """Done: a promise is marked kept (kept early before its due date) in the journal, through the journal's
        versioned save (ConcurrentEditError if it changed meanwhile); a "tell the client" action marks its
        setback or solved problem told at ``now`` (so the coach's advice goes too, and comes back if the user
        unticks "told"); any other action is remembered as done."""
        reminder = self.find(reminder_id, now, zone, among=among)
        if reminder.kind is ReminderKind.ACTION and reminder.entry_id is not None:
            told = self.coaching.mark_entries_told(reminder.client_id, [reminder.entry_id], now)
            if told:
                return reminder, VaultChanges.of_entries([reminder.client_id])
            # told meanwhile (or gone): nothing left to tell; remember the reminder as done all the same
        if reminder.kind is ReminderKind.PROMISE and reminder.entry_id is not None:
            entry = self.journal.get_entry(reminder.client_id, reminder.entry_id)
            promise = entry.promise
            if promise is None or promise.status is not PromiseStatus.OPEN:
                raise ValidationError("this promise is no longer open")
            today = now.astimezone(zone).date()
            status = PromiseStatus.KEPT_EARLY if today < promise.due_on else PromiseStatus.KEPT
            self.journal.save_entry(
                replace(entry, promise=replace(promise, status=status, resolved_on=today))
            )
            return reminder, VaultChanges.of_entries([reminder.client_id])
        self._update(reminder, "done")
        return reminder, VaultChanges(settings=True)
