"""What the rules read from a journal: entries in time order, local days, and what counts as a
contact.

The rules in one place, so every step agrees on them:

* **Told** (a setback or a solved problem has reached the client): its ``client_told_at`` is set. Nothing
  else says so: the entry dialog pre-fills every entry's channel, so a channel only says how a contact
  happened, never that the client heard about a setback.
* **Contact** (resets the "keep them informed" clock, as Monica's users asked in its issue #1814): any entry that is not
  a ``note`` and is either of a kind that is a conversation by nature (call, meeting, email,
  message, progress update, delivery, contract signed), a setback or solved problem the client was told
  about, or another entry that carries a channel (a promise, change request... logged *with* the channel
  it was discussed through).
* **Informing the client** (tells them about an earlier setback or solved problem): a call, meeting,
  email, message, progress update or delivery. Change requests, agreements and promises are about something
  else and do not count. Nor does a later setback or solved problem marked told: its mark says that the client
  heard about that entry, not about every earlier one (ticking "told" on today's setback must not hide last
  week's untold one). This is also the rule for setbacks written before telling was recorded (older vaults,
  files without ``client_told_at``): a later conversation about the same project or the client as a whole
  counts as having told them (see ``JournalView.told_after``).
* **Live contact**: a contact through phone, video or meeting (the kinds ``call`` and ``meeting``
  are live even without a channel).

Entries dated after ``now`` are ignored (they are plans, not history). Days are calendar days in the
time zone of ``now``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from clientjournal.domain.entities import Client, ClientJournal, Entry, Project
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, Valence
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag


@dataclass(frozen=True, slots=True)
class MoodCatalogue:
    """The mood tags the rules know (the defaults and the user's own), as the tables the rules read."""

    scores: Mapping[str, float]
    """Per tag name, its valence score times its intensity (``domain.moods.mood_score`` of that one tag)."""
    strong_negative: frozenset[str]
    """Names of the negative tags of intensity 2 or more (frustrated, angry, ...)."""

    @classmethod
    def of(cls, tags: Mapping[str, MoodTag]) -> MoodCatalogue:
        return cls(
            scores={name: float(tag.valence.score * tag.intensity) for name, tag in tags.items()},
            strong_negative=frozenset(
                name for name, tag in tags.items() if tag.valence is Valence.NEGATIVE and tag.intensity >= 2
            ),
        )


DEFAULT_CATALOGUE = MoodCatalogue.of(DEFAULT_MOODS_BY_NAME)
"""The default mood tags every vault starts with."""


def catalogue_of(moods: Mapping[str, MoodTag] | MoodCatalogue | None) -> MoodCatalogue:
    """``moods`` as a :class:`MoodCatalogue` (None: the default tags)."""
    if moods is None:
        return DEFAULT_CATALOGUE
    if isinstance(moods, MoodCatalogue):
        return moods
    return MoodCatalogue.of(moods)


SOON_DAYS = 3
"""A promise due within this many days is "due soon"."""

_CONVERSATION_KINDS = frozenset(
    {
        EntryKind.CALL,
        EntryKind.MEETING,
        EntryKind.EMAIL,
        EntryKind.MESSAGE,
        EntryKind.PROGRESS_UPDATE,
        EntryKind.DELIVERY,
    }
)
_CONTACT_KINDS = _CONVERSATION_KINDS | {EntryKind.CONTRACT_SIGNED}
TOLD_KINDS = frozenset({EntryKind.SETBACK, EntryKind.PROBLEM_SOLVED})
"""The kinds of entry the client is told about (``Entry.client_told_at``)."""
_KIND_CHANNEL = {
    EntryKind.CALL: Channel.PHONE,
    EntryKind.MEETING: Channel.MEETING,
    EntryKind.EMAIL: Channel.EMAIL,
    EntryKind.MESSAGE: Channel.MESSAGE,
}


def entry_channel(entry: Entry) -> Channel | None:
    """The channel of an entry, or the one its kind implies (a call is by phone)."""
    if entry.channel is not None:
        return entry.channel
    return _KIND_CHANNEL.get(entry.kind)


def is_told(entry: Entry) -> bool:
    """Whether the client was told about this setback or solved problem: only ``client_told_at`` says so."""
    return entry.client_told_at is not None


def is_contact(entry: Entry) -> bool:
    kind = entry.kind
    if kind is EntryKind.NOTE:
        return False
    if kind in TOLD_KINDS:
        return entry.client_told_at is not None
    return kind in _CONTACT_KINDS or entry.channel is not None


def informs_client(entry: Entry) -> bool:
    """Whether ``entry`` is a conversation that tells the client about the setbacks and solved problems before
    it (a told mark counts only for its own entry: see :func:`is_told`)."""
    return entry.kind in _CONVERSATION_KINDS


def is_live_contact(entry: Entry) -> bool:
    channel = entry_channel(entry)
    return channel is not None and channel.is_live and is_contact(entry)


def mood_score(moods: tuple[str, ...], catalogue: MoodCatalogue = DEFAULT_CATALOGUE) -> float | None:
    """Same as ``domain.moods.mood_score`` (default tags unless ``catalogue``), from a table built once."""
    table = catalogue.scores
    scores = [table[name] for name in moods if name in table]
    return sum(scores) / len(scores) if scores else None


# A sentence ends at . ! or ? followed by a capital letter; "6. desember" (a Norwegian date) does not end one.
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?=\s+[A-ZÆØÅ\"«(])")


CARD_LIMIT = 80
"""Characters of the journal's words quoted on a card (a title or reason); a draft quotes the whole sentence."""
SENTENCE_LIMIT = 400
"""Characters of a first sentence kept at all: a run-on first line is no sentence to quote to a client."""


def shorten(text: str, limit: int = CARD_LIMIT) -> str:
    """``text`` cut to ``limit`` characters at a word's end, marked with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # a word boundary not too far back; one long word is cut where it must be
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


def first_sentence(text: str) -> str:
    """The first sentence of an entry's first line, whole (up to :data:`SENTENCE_LIMIT`), for a message."""
    first = text.strip().splitlines()[0].strip() if text.strip() else ""
    match = _SENTENCE_END.search(first)
    if match:
        first = first[: match.start()]
    return shorten(first.rstrip(" ."), SENTENCE_LIMIT)


def sentences(text: str) -> list[str]:
    """Every sentence of ``text``, line by line, in order (ends as :func:`first_sentence` finds them)."""
    found: list[str] = []
    for line in text.splitlines():
        rest = line.strip()
        while rest:
            match = _SENTENCE_END.search(rest)
            cut = match.start() if match else len(rest)
            sentence = rest[:cut].rstrip(" .")
            if sentence:
                found.append(sentence)
            rest = rest[cut + 1 :].strip() if match else ""
    return found


def excerpt(text: str, limit: int = CARD_LIMIT) -> str:
    """The first sentence of an entry's first line, shortened for a title or reason."""
    return shorten(first_sentence(text), limit)


@dataclass(frozen=True, eq=False)
class JournalView:
    """One client's journal as the rules see it at ``now`` (hashed by identity, for memoising)."""

    journal: ClientJournal
    now: datetime
    entries: tuple[Entry, ...]
    """Entries up to ``now``, oldest first (entries at the same moment keep their journal order)."""
    today: date
    days: tuple[date, ...]
    """The local day of each entry."""
    mood_scores: tuple[float | None, ...]
    """The mood score of each entry (None: no known mood)."""
    contracts: dict[str, int]
    """Per project id, the index of its latest ``contract_signed`` entry."""
    moods: MoodCatalogue
    """The mood tags the journal's entries are read with."""
    _projects: dict[str, Project] = field(repr=False)
    _last: dict[tuple[Callable[[Entry], bool], str | None], int] = field(repr=False)

    @classmethod
    def of(
        cls,
        journal: ClientJournal,
        now: datetime,
        moods: Mapping[str, MoodTag] | MoodCatalogue | None = None,
    ) -> JournalView:
        """``moods``: the vault's mood tags (default: the default tags only)."""
        catalogue = catalogue_of(moods)
        past = [entry for entry in journal.entries if entry.occurred_at <= now]
        past.sort(key=lambda entry: entry.occurred_at)
        zone = now.tzinfo
        return cls(
            journal=journal,
            now=now,
            entries=tuple(past),
            today=now.date(),
            days=tuple(entry.occurred_at.astimezone(zone).date() for entry in past),
            mood_scores=tuple(mood_score(entry.moods, catalogue) for entry in past),
            contracts={
                entry.project_id: index
                for index, entry in enumerate(past)
                if entry.kind is EntryKind.CONTRACT_SIGNED and entry.project_id is not None
            },
            moods=catalogue,
            _projects={project.id: project for project in journal.projects},
            _last={},
        )

    def told_after(self, index: int, project_id: str | None, test: Callable[[Entry], bool]) -> bool:
        """Whether an entry after ``entries[index]`` about the project (or the whole client) passes
        ``test``. Cached per test and project, so asking for every entry stays linear."""
        key = (test, project_id)
        last = self._last.get(key)
        if last is None:
            last = -1
            for i, entry in enumerate(self.entries):
                if (entry.project_id is None or entry.project_id == project_id) and test(entry):
                    last = i
            self._last[key] = last
        return last > index

    @property
    def client(self) -> Client:
        return self.journal.client

    def day(self, entry: Entry) -> date:
        return entry.occurred_at.astimezone(self.now.tzinfo).date()

    def day_at(self, index: int) -> date:
        return self.days[index]

    def age(self, day: date) -> int:
        """Days from ``day`` to today (0 today, positive in the past)."""
        return (self.today - day).days

    def project(self, project_id: str | None) -> Project | None:
        return self._projects.get(project_id) if project_id is not None else None

    def is_active(self, project_id: str | None) -> bool:
        """Work is running: an active project, or an entry about the client as a whole."""
        project = self.project(project_id)
        return project is None or project.status is ProjectStatus.ACTIVE

    def is_not_cancelled(self, project_id: str | None) -> bool:
        project = self.project(project_id)
        return project is None or project.status is not ProjectStatus.CANCELLED

    def active_projects(self) -> tuple[Project, ...]:
        return tuple(p for p in self.journal.projects if p.status is ProjectStatus.ACTIVE)

    def indexed(self) -> Iterator[tuple[int, Entry]]:
        return enumerate(self.entries)

    def after(self, index: int, project_id: str | None) -> Iterator[Entry]:
        """Entries after ``entries[index]`` about the project or about the client as a whole."""
        for entry in self.entries[index + 1 :]:
            if entry.project_id is None or entry.project_id == project_id:
                yield entry

    def in_scope(self, project_id: str) -> Iterator[tuple[int, Entry]]:
        """Entries about one project or about the client as a whole, with their index."""
        for index, entry in enumerate(self.entries):
            if entry.project_id is None or entry.project_id == project_id:
                yield index, entry


@dataclass(frozen=True, slots=True)
class Start:
    """When a project started: its latest ``contract_signed`` entry, else its contract date."""

    day: date
    entry: Entry | None
    index: int
    """The index of ``entry`` in the view, or -1 when only the project's date is known."""


def contract_start(view: JournalView, project: Project) -> Start | None:
    """The contract of a project, or None when it has not been signed (yet)."""
    index = view.contracts.get(project.id)
    if index is not None:
        return Start(view.days[index], view.entries[index], index)
    if project.contract_signed_on is not None and project.contract_signed_on <= view.today:
        return Start(project.contract_signed_on, None, -1)
    return None


def since_start(view: JournalView, project: Project, start: Start) -> Iterator[Entry]:
    """Entries about the project (or the whole client) since its start, contract excluded."""
    if start.index >= 0:
        yield from view.after(start.index, project.id)
        return
    for _, entry in view.in_scope(project.id):
        if view.day(entry) >= start.day:
            yield entry
