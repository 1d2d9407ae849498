"""Loading the timeline on the background worker and keeping the whole vault's journal in memory.

* A client's timeline is read afresh each time it is shown (a few hundred entries at most: quick).
* The all-clients timeline is read once after unlocking, newest first, in growing pages (each its own worker
  job, so other work runs in between and the first screenful appears at once), with progress. Later it is
  shown from memory at once, and a cheap check of entry versions brings in what changed since.
* :meth:`TimelineLoader.clear` drops every decrypted value (the vault locked); results still on their way
  are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from clientjournal.domain import EntryKind
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME
from clientjournal.services.timeline.index import TimelineIndex
from clientjournal.services.timeline.trend import MoodTrend, mood_trend
from clientjournal.ui.labels import kind_label, mood_label

if TYPE_CHECKING:
    from clientjournal.domain import Project
    from clientjournal.domain.moods import MoodTag
    from clientjournal.services.session import VaultSession
    from clientjournal.services.timeline.pages import Page
    from clientjournal.services.vault import Clock
    from clientjournal.ui.operations import Operations

PAGE_SIZES = (1_000, 4_000, 10_000, 25_000)
"""The first pages are small so the first screenful shows quickly; later ones use the last size."""


@dataclass(slots=True)
class Loaded:
    client_id: str | None
    index: TimelineIndex
    trend: MoodTrend | None
    projects: list[Project] = field(default_factory=list)
    final: bool = True
    """False while more is on its way (a page of the first load, or a check for changes)."""
    moods: Mapping[str, MoodTag] = field(default_factory=lambda: DEFAULT_MOODS_BY_NAME)
    """The vault's mood catalogue, defaults and the user's own tags, as read with these entries."""


def search_labels() -> dict[str, str]:
    """The shown names of kinds and moods, so searching in the UI's language finds them."""
    labels = {kind.value: kind_label(kind) for kind in EntryKind}
    labels.update({name: mood_label(name) for name in DEFAULT_MOODS_BY_NAME})
    return labels


class TimelineLoader(QObject):
    ready = Signal(object)
    """A :class:`Loaded` for the scope last asked for."""
    progress = Signal(int, int)
    """(entries loaded, entries in the vault) while the all-clients journal loads."""
    failed = Signal(object)

    def __init__(self, ops: Operations, parent: QObject | None = None, *, clock: Clock | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._clock = clock
        """The window's clock: the mood trend counts entries up to now, as the coach does (None: every entry)."""
        self._scope_key = (self, "scope")
        """The newest load of a scope (one client, or every client's changes since) supersedes the older."""
        self._pages_key = (self, "pages")
        """The first load of every client's journal, page after page."""
        self._scope: str | None = None
        self._all: TimelineIndex | None = None
        self._all_trend: MoodTrend | None = None
        self._all_complete = False
        self._labels: Mapping[str, str] = {}
        self._moods: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME
        """The vault's mood catalogue as last read (the all-clients index was built with it)."""

    def _now(self) -> datetime | None:
        return self._clock() if self._clock is not None else None

    @property
    def all_loaded(self) -> bool:
        return self._all_complete

    @property
    def all_index(self) -> TimelineIndex | None:
        return self._all

    @property
    def scope(self) -> str | None:
        """The client last asked for (None: every client)."""
        return self._scope

    def clear(self) -> None:
        """Forget every decrypted entry; pending results are dropped when they arrive."""
        self._ops.supersede(self._scope_key)
        self._ops.supersede(self._pages_key)
        self._all = None
        self._all_trend = None
        self._all_complete = False
        self._moods = DEFAULT_MOODS_BY_NAME

    def load(self, client_id: str | None) -> None:
        """Show one client's timeline (None: every client's) from the window's open session."""
        self._scope = client_id
        self._ops.supersede(self._scope_key)  # what an earlier scope still has on its way no longer counts
        if not self._labels:
            self._labels = search_labels()
        if client_id is not None:
            self._load_client(client_id)
        elif self._all is None:
            self._start_all()
        elif self._all_complete:
            self.ready.emit(Loaded(None, self._all, self._all_trend, final=False, moods=self._moods))
            self._sync_all()
        else:
            self.ready.emit(Loaded(None, self._all, None, final=False, moods=self._moods))  # pages arriving

    # ---- one client ----------------------------------------------------------------------------------------------

    def _load_client(self, client_id: str) -> None:
        from clientjournal.services.timeline.pages import client_index

        labels = self._labels
        every = self._all if self._all_complete else None
        used = self._moods
        now = self._now()

        def job(session: VaultSession) -> tuple[Loaded, TimelineIndex | None, MoodTrend | None]:
            journal, coaching = session.journal, session.coaching
            moods = coaching.mood_catalogue()  # the default tags and the user's own
            index = client_index(journal, client_id, moods, labels)
            entries = list(index.entries)
            projects = journal.list_projects(client_id)
            loaded = Loaded(
                client_id, index, mood_trend(index.mood_samples(until=now)), projects, moods=moods
            )
            if every is None or moods != used:
                return loaded, None, None  # (a changed catalogue: the next all-clients sync rebuilds it all)
            before = {e.id: e.version for e in every.entries if e.client_id == client_id}
            if before == {e.id: e.version for e in entries}:
                return loaded, None, None
            merged = every.replaced({client_id: entries}, moods, labels)  # keep the all-clients view fresh
            return loaded, merged, mood_trend(merged.mood_samples(until=now))

        def done(result: tuple[Loaded, TimelineIndex | None, MoodTrend | None]) -> None:
            loaded, merged, trend = result
            if merged is not None and self._all is every:
                self._all, self._all_trend = merged, trend
            self.ready.emit(loaded)

        self._ops.query(job, key=self._scope_key).success(done).failure(self._failed).run()

    # ---- every client --------------------------------------------------------------------------------------------

    def _start_all(self) -> None:
        self._all = TimelineIndex()
        self._all_complete = False
        self.progress.emit(0, 0)
        self._next_page(None, None)

    def _next_page(self, cursor: tuple[int, str, str] | None, total: int | None) -> None:
        from clientjournal.services.timeline.pages import load_page

        held = len(self._all) if self._all is not None else 0
        size = next((s for s in PAGE_SIZES if s > held), PAGE_SIZES[-1])
        labels = self._labels

        def job(session: VaultSession) -> tuple[Page, dict[str, MoodTag]]:
            catalogue = session.coaching.mood_catalogue()
            page = load_page(session.journal, cursor, size, total=total, catalogue=catalogue, labels=labels)
            return page, catalogue

        def done(result: tuple[Page, dict[str, MoodTag]]) -> None:
            page, self._moods = result
            index = self._all
            if index is None:
                return
            index.extend(page.chunk)
            self.progress.emit(len(index), max(page.total, len(index)))
            if page.cursor is None:
                self._finish_all(index)
            else:
                if self._scope is None:
                    self.ready.emit(Loaded(None, index, None, final=False, moods=self._moods))
                self._next_page(page.cursor, page.total)

        self._ops.query(job, key=self._pages_key).success(done).failure(self._failed).run()

    def _finish_all(self, index: TimelineIndex) -> None:
        def done(trend: MoodTrend) -> None:
            self._all_trend = trend
            self._all_complete = True
            if self._scope is None and self._all is not None:
                self.ready.emit(Loaded(None, self._all, trend, moods=self._moods))

        now = self._now()
        self._ops.query(
            lambda _session: mood_trend(index.mood_samples(until=now)), key=self._pages_key
        ).success(done).failure(self._failed).run()

    def _sync_all(self) -> None:
        from clientjournal.services.timeline.pages import index_chunk, refreshed, stale_clients

        labels = self._labels
        every = self._all
        used = self._moods
        now = self._now()
        assert every is not None

        def job(session: VaultSession) -> tuple[TimelineIndex | None, MoodTrend | None, dict[str, MoodTag]]:
            journal, coaching = session.journal, session.coaching
            moods = coaching.mood_catalogue()
            stale = stale_clients(journal, every.versions())
            if not stale and moods == used:
                return None, None, moods
            merged = every
            if moods != used:  # mood tags edited: every entry's steps and mood score may differ
                merged = TimelineIndex(index_chunk(list(every.entries), moods, labels))
            if stale:
                merged = refreshed(journal, merged, stale, moods, labels)
            return merged, mood_trend(merged.mood_samples(until=now)), moods

        def done(result: tuple[TimelineIndex | None, MoodTrend | None, dict[str, MoodTag]]) -> None:
            merged, trend, moods = result
            if merged is not None and self._all is every:
                self._all, self._all_trend, self._moods = merged, trend, moods
            if self._all is not None:
                self.ready.emit(Loaded(None, self._all, self._all_trend, moods=self._moods))

        self._ops.query(job, key=self._scope_key).success(done).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        """Only failures of loads still current arrive here (the operations drop the rest)."""
        if not self._all_complete:
            self._all = None  # start over next time rather than show a part forever
        self.failed.emit(exc)
