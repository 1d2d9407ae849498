"""The coach over an unlocked vault: one use case the desktop app and the CLI call the same way.

:class:`CoachingService` reads journals in bulk, decides the language to write to each client in, and asks the
pure engine (:mod:`clientjournal.coach`) for ranked actions — for one client (the sidebar), for every client
("Today", ``clientjournal-cli suggest``) and as the per-client badges of the client list. It always passes the
vault's coach state (snoozes, dismissals) and its full mood catalogue (the default tags and the user's own), so
the same vault and ``now`` give the same actions wherever they are shown. When the user logs the conversation a
"tell the client" action asked for, :meth:`CoachingService.mark_told` records on the setback (or solved problem)
that the client was told.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from clientjournal.coach import (
    Action,
    CoachState,
    Draft,
    PromiseLedger,
    current_step,
    draft_message,
    promise_ledger,
    suggest,
)
from clientjournal.coach.facts import TOLD_KINDS, MoodCatalogue, catalogue_of
from clientjournal.coach.merge import TELLING_ACTIONS, cause_evidence
from clientjournal.coach.playbook import LANGUAGES, PlaybookError, normalize_language
from clientjournal.domain import Client, ClientJournal, Entry, Project, ProjectStatus
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag
from clientjournal.services.journal import JournalService, Progress
from clientjournal.services.settings import VaultSettings


def language_code(value: str, default: str = "en") -> str:
    """``en``/``nb`` from a locale or language name; ``default`` when the playbook has no such language."""
    try:
        return normalize_language(value)
    except PlaybookError:
        return default if default in LANGUAGES else "en"


def client_language(client: Client, default: str) -> str:
    """The language to write to a client in: the client's own (``Client.language``), else ``default``, the
    user's language. Nothing is guessed from an address or a phone number: a +47 number says where a phone is,
    not which language its owner reads."""
    return client.language if client.language in LANGUAGES else default


def current_mood_colour(journal: ClientJournal, moods: Mapping[str, MoodTag]) -> str | None:
    """The colour of the first known mood of the latest entry that has any."""
    for entry in reversed(journal.entries):  # oldest first
        for name in entry.moods:
            if name in moods:
                return moods[name].colour
    return None


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
    writes_in: str = "en"
    """The language to write to the client in (see :func:`client_language`), for drafted messages."""
    sender_name: str = ""
    """The name drafts are signed with (the vault's setting, see ``VaultSettings.sender_name``)."""

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

    def draft(self, action: Action, language: str | None = None, sender_name: str | None = None) -> Draft:
        """A message for ``action`` in ``language`` (default: the client's, :attr:`writes_in`), signed with
        ``sender_name`` (default: :attr:`sender_name`)."""
        signed = self.sender_name if sender_name is None else sender_name
        return draft_message(action, self.journal, language or self.writes_in, signed)


@dataclass(frozen=True, slots=True)
class TodayCoach:
    """What needs attention across every client that is not archived (or across the clients asked for)."""

    actions: tuple[Action, ...]
    names: Mapping[str, str] = field(default_factory=dict)
    """Client names by id, of every client looked at."""
    today: date = date.min
    languages: Mapping[str, str] = field(default_factory=dict)
    """The language to write to each client in, by id (see :func:`client_language`)."""


@dataclass(frozen=True, slots=True)
class ClientBadge:
    """A client's row in the client list: its current mood colour and how many coach actions it has."""

    mood_colour: str | None
    actions: int
    """How many actions the coach lists for the client (the sidebar's list, across all its projects)."""
    due: int
    """How many of those are due today or overdue."""


def _stepper_projects(journal: ClientJournal) -> list[Project]:
    active = [p for p in journal.projects if p.status is ProjectStatus.ACTIVE]
    if active:
        return active
    finished = sorted(
        (p for p in journal.projects if p.status is ProjectStatus.DELIVERED),
        key=lambda p: p.delivered_on or p.due_on or date.min,
    )
    return finished[-1:]


# ---- the use case --------------------------------------------------------------------------------------------


def told_entry_ids(action: Action) -> tuple[str, ...]:
    """The entries that logging ``action``'s conversation marks told: a "tell the client" card's cause's own
    entries (the setbacks and solved problems among them), none for any other card. Kept as ids, so a dialog's
    autosave can carry them."""
    if action.action not in TELLING_ACTIONS:
        return ()
    return tuple(cause_evidence(action))


class CoachingService:
    """The coach's use cases over one unlocked vault (``session.coaching``)."""

    def __init__(self, journal: JournalService, settings: VaultSettings) -> None:
        self.journal = journal
        self.settings = settings

    def mood_catalogue(self) -> dict[str, MoodTag]:
        """Every mood tag of the vault by name: the defaults, and the user's own (which win on a clash)."""
        moods = dict(DEFAULT_MOODS_BY_NAME)
        moods.update({tag.name: tag for tag in self.settings.mood_tags()})
        return moods

    def actions(
        self,
        journals: Iterable[ClientJournal],
        now: datetime,
        language: str = "en",
        *,
        state: CoachState | None = None,
        moods: Mapping[str, MoodTag] | MoodCatalogue | None = None,
    ) -> list[Action]:
        """The ranked actions of ``journals`` (in memory) with the vault's coach state and mood catalogue.

        ``state`` and ``moods`` (see :meth:`mood_catalogue`) are read from the vault when not given.
        """
        return suggest(
            journals,
            now,
            state=state if state is not None else self.settings.coach_state(),
            language=language,
            moods=catalogue_of(moods if moods is not None else self.mood_catalogue()),
        )

    def client(self, client_id: str, now: datetime, language: str = "en") -> ClientCoach:
        """One client's journal, its ranked actions and the step of each project (the sidebar).

        Raises NotFoundError if the client does not exist (any more).
        """
        journal = self.journal.journal(client_id)
        moods = MoodCatalogue.of(self.mood_catalogue())
        actions = suggest(journal, now, state=self.settings.coach_state(), language=language, moods=moods)
        steps = {p.id: current_step(journal, p.id, now, moods) for p in _stepper_projects(journal)}
        return ClientCoach(
            journal,
            tuple(actions),
            steps,
            language,
            now.date(),
            client_language(journal.client, language),
            self.settings.sender_name(),
        )

    def today(
        self,
        now: datetime,
        language: str = "en",
        *,
        client_ids: Sequence[str] | None = None,
        progress: Progress | None = None,
    ) -> TodayCoach:
        """The ranked actions of every client that is not archived (or of ``client_ids``), most important first.

        Journals are read in bulk (see :meth:`JournalService.journals`), the coach state and mood catalogue
        once.
        """
        if client_ids is None:
            journals = [j for j in self.journal.journals(progress) if not j.client.archived]
        else:
            journals = self.journal.journals_of(client_ids)
        actions = self.actions(journals, now, language)
        return TodayCoach(
            tuple(actions),
            {j.client.id: j.client.name for j in journals},
            now.date(),
            {j.client.id: client_language(j.client, language) for j in journals},
        )

    def mark_told(self, action: Action, logged: Entry) -> list[Entry]:
        """Record that the conversation ``action`` suggested took place as ``logged`` (already saved): each
        setback and solved problem the action asked to tell the client about is marked told at the time of
        ``logged`` (``client_told_at``), through the journal's versioned write path.

        Only actions that tell the client something do this (:data:`TELLING_ACTIONS`, always a card's cause), and
        only about the cause's own entries: a merged card's other evidence (a mood reading's earlier entries) may
        be other setbacks, with cards of their own. Entries already marked told keep their time. Returns the
        entries saved. Raises ConcurrentEditError when one of them changed elsewhere since it was read (those
        before it stay saved).
        """
        return [after for _before, after in self.tell(action, logged)]

    def tell(self, action: Action, logged: Entry) -> list[tuple[Entry, Entry]]:
        """:meth:`mark_told`, giving each entry it saved as it was before and as it is now (to undo it)."""
        return self.tell_logged(action.client, told_entry_ids(action), logged)

    def tell_logged(
        self, client_id: str, entry_ids: Iterable[str], logged: Entry
    ) -> list[tuple[Entry, Entry]]:
        """:meth:`tell_entries` at the time of ``logged``, the conversation that told them (never marked itself)."""
        others = [entry_id for entry_id in entry_ids if entry_id != logged.id]
        return self.tell_entries(client_id, others, logged.occurred_at)

    def mark_entries_told(self, client_id: str, entry_ids: Iterable[str], at: datetime) -> list[Entry]:
        """Mark the setbacks and solved problems among ``entry_ids`` told at ``at`` (other kinds, entries gone
        and entries already told are left as they are). Returns the entries saved."""
        return [after for _before, after in self.tell_entries(client_id, entry_ids, at)]

    def tell_entries(
        self, client_id: str, entry_ids: Iterable[str], at: datetime
    ) -> list[tuple[Entry, Entry]]:
        """:meth:`mark_entries_told`, giving each entry saved as it was before and as it is now."""
        saved = []
        for entry_id in dict.fromkeys(entry_ids):
            entry = self.journal.find_entry(client_id, entry_id)
            if entry is not None and entry.kind in TOLD_KINDS and entry.client_told_at is None:
                saved.append((entry, self.journal.save_entry(replace(entry, client_told_at=at))))
        return saved

    def badges(self, client_ids: Sequence[str], now: datetime) -> dict[str, ClientBadge]:
        """Each client's mood colour and action counts, as the client list shows them.

        The count of actions is what the sidebar lists for the client across all its projects.
        Raises NotFoundError if one of the clients does not exist (any more).
        """
        journals = self.journal.journals_of(client_ids)
        catalogue = self.mood_catalogue()
        actions = self.actions(journals, now, moods=catalogue)
        today = now.date()
        every = Counter(a.client for a in actions)
        due = Counter(a.client for a in actions if a.due_on is not None and a.due_on <= today)
        return {
            j.client.id: ClientBadge(current_mood_colour(j, catalogue), every[j.client.id], due[j.client.id])
            for j in journals
        }
