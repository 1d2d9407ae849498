"""The in-memory book of every client's reminders, so one change recomputes one client (issue #10). Pure."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, tzinfo

from clientjournal.coach import Action
from clientjournal.coach.reminders import DEFAULT_MORNING, Reminder, collect
from clientjournal.domain import ClientJournal


class ReminderBook:
    """Every client's reminders, kept by client so that one change recomputes one client (pure, in memory)."""

    def __init__(
        self,
        zone: tzinfo,
        morning: time = DEFAULT_MORNING,
        *,
        day: date | None = None,
        language: str = "en",
    ) -> None:
        self.zone = zone
        self.morning = morning
        self.day = day
        """The local day the coach's actions were computed for (None: not known)."""
        self.language = language
        self._by_client: dict[str, list[Reminder]] = {}
        self._all: list[Reminder] | None = None

    def replace(self, journals: Iterable[ClientJournal], actions: Iterable[Action]) -> None:
        """Set the reminders of ``journals`` (their clients' earlier ones go) from the coach's ``actions``."""
        journals = list(journals)
        by_client: dict[str, list[Reminder]] = {j.client.id: [] for j in journals}
        for reminder in collect(journals, actions, self.zone, self.morning):
            by_client[reminder.client_id].append(reminder)
        self._by_client.update(by_client)
        self._all = None

    def drop(self, client_ids: Iterable[str]) -> None:
        for client_id in client_ids:
            self._by_client.pop(client_id, None)
        self._all = None

    def all(self) -> list[Reminder]:
        if self._all is None:
            every = [r for reminders in self._by_client.values() for r in reminders]
            every.sort(key=lambda r: (r.due_at, r.id))
            self._all = every
        return self._all
