"""The timeline's logic without Qt: the in-memory index of entries, its filters, search and grouping.

Everything here works on already-decrypted :class:`~clientjournal.domain.Entry` values held in memory, so the
desktop app can filter and search 100,000 entries in a few tens of milliseconds:

* :func:`build_chunk` precomputes, once per entry, what filtering needs (a casefolded search haystack, the
  playbook steps as a bit mask, the day and month keys, the mood score); the app runs it on its worker thread.
* :class:`TimelineIndex` keeps those columns side by side, newest first; :meth:`TimelineIndex.matching` narrows
  a list of row numbers one criterion at a time with plain list comprehensions (no objects per row).
* :func:`group_rows` cuts the matching rows into day, week or month groups.

An entry's playbook steps are worked out in :mod:`clientjournal.services.timeline.steps`; the chart's mood trend
in :mod:`clientjournal.services.timeline.trend`.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from itertools import pairwise

from clientjournal.domain.entities import Entry
from clientjournal.domain.enums import PromiseStatus
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag, mood_score
from clientjournal.services.search import search_words, tag_words  # the one set of search rules
from clientjournal.services.timeline.steps import STEPS, entry_steps, steps_mask

NONE_KEY = ""
"""In a filter's channel, project or mood set: entries without a channel, project or mood."""


class Grouping(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


# ---- periods ------------------------------------------------------------------------------------------------------


def period_start(day: date, grouping: Grouping) -> date:
    if grouping is Grouping.DAY:
        return day
    if grouping is Grouping.WEEK:
        return date.fromordinal(day.toordinal() - day.weekday())
    return day.replace(day=1)


def _month_start(key: int) -> date:
    return date(key // 12, key % 12 + 1, 1)


# ---- the index ----------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class IndexChunk:
    """Entries, newest first, with the values filtering needs computed once (see :func:`build_chunk`)."""

    entries: list[Entry] = field(default_factory=list)
    hay: list[str] = field(default_factory=list)
    steps: list[int] = field(default_factory=list)
    day: list[int] = field(default_factory=list)
    """``date.toordinal()`` of the day the entry happened, as written (in its own UTC offset)."""
    week: list[int] = field(default_factory=list)
    """The ordinal of the Monday of that day's week."""
    month: list[int] = field(default_factory=list)
    score: list[float | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    def extend(self, other: IndexChunk) -> None:
        self.entries.extend(other.entries)
        self.hay.extend(other.hay)
        self.steps.extend(other.steps)
        self.day.extend(other.day)
        self.week.extend(other.week)
        self.month.extend(other.month)
        self.score.extend(other.score)


def newest_first_key(entry: Entry) -> tuple[datetime, str, str]:
    """Sorted with ``reverse=True``: newest first, ties by entry id, then client id, both descending.

    The exact reverse of a journal's oldest-first order, and the order pages are read in (so a list never
    reshuffles entries of the same moment when it is read again).
    """
    return (entry.occurred_at, entry.id, entry.client_id)


def sort_newest_first(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=newest_first_key, reverse=True)


def build_chunk(
    entries: Sequence[Entry],
    catalogue: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME,
    labels: Mapping[str, str] | None = None,
) -> IndexChunk:
    """Precompute the search and filter columns of ``entries`` (which must be newest first).

    Runs over the whole vault when the app loads its timeline, so what depends only on an entry's kind, moods
    and promise status (steps, mood score, the searchable names) is computed once per combination: a journal
    holds few of them.
    """
    chunk = IndexChunk(entries=list(entries))
    catalogue_dict = dict(catalogue)
    by_tags: dict[tuple[str, tuple[str, ...], PromiseStatus | None], tuple[int, float | None, str]] = {}
    hay, steps, days, weeks, months, scores = (
        chunk.hay,
        chunk.steps,
        chunk.day,
        chunk.week,
        chunk.month,
        chunk.score,
    )
    for entry in chunk.entries:
        promise = entry.promise
        key = (entry.kind, entry.moods, None if promise is None else promise.status)
        tags = by_tags.get(key)
        if tags is None:
            tags = by_tags[key] = (
                steps_mask(entry_steps(entry, catalogue)),
                mood_score(entry.moods, catalogue_dict) if entry.moods else None,
                tag_words(entry.kind, entry.moods, labels),
            )
        mask, score, words = tags
        hay.append(entry.text.casefold() + words)
        steps.append(mask)
        scores.append(score)
        day = entry.occurred_at.date()
        ordinal = day.toordinal()
        days.append(ordinal)
        weeks.append(ordinal - day.weekday())
        months.append(day.year * 12 + day.month - 1)
    return chunk


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """What the timeline shows. An empty set means "any"; :data:`NONE_KEY` in a set means "none set"."""

    kinds: frozenset[str] = frozenset()
    steps: frozenset[int] = frozenset()
    moods: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    projects: frozenset[str] = frozenset()
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(
            self.kinds or self.steps or self.moods or self.channels or self.projects or self.query.split()
        )


class TimelineIndex:
    """The in-memory timeline of one client or of the whole vault, newest first.

    Rows are positions in :attr:`entries`. Appending older entries (:meth:`extend`) is cheap; replacing a
    client's entries (:meth:`replaced`) builds a new index and leaves this one untouched, so another thread
    may keep reading it.
    """

    def __init__(self, chunk: IndexChunk | None = None) -> None:
        self._c = chunk if chunk is not None else IndexChunk()

    @classmethod
    def of(
        cls,
        entries: Iterable[Entry],
        catalogue: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME,
        labels: Mapping[str, str] | None = None,
    ) -> TimelineIndex:
        return cls(build_chunk(sort_newest_first(entries), catalogue, labels))

    def __len__(self) -> int:
        return len(self._c.entries)

    @property
    def entries(self) -> Sequence[Entry]:
        return self._c.entries

    def entry(self, row: int) -> Entry:
        return self._c.entries[row]

    def day(self, row: int) -> date:
        return date.fromordinal(self._c.day[row])

    def extend(self, chunk: IndexChunk) -> None:
        """Append entries older than every one held (the next page of a newest-first load)."""
        self._c.extend(chunk)

    def versions(self) -> dict[tuple[str, str], int]:
        return {(e.client_id, e.id): e.version for e in self._c.entries}

    def replaced(
        self,
        fresh: Mapping[str, Sequence[Entry]],
        catalogue: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME,
        labels: Mapping[str, str] | None = None,
    ) -> TimelineIndex:
        """A new index in which the entries of each client in ``fresh`` are exactly the given ones."""
        old = self._c
        keep = [row for row, entry in enumerate(old.entries) if entry.client_id not in fresh]
        new = build_chunk(
            sort_newest_first(e for entries in fresh.values() for e in entries), catalogue, labels
        )

        def keyed(chunk: IndexChunk, rows: Iterable[int]) -> Iterator[tuple[float, str, str, int, int]]:
            source = 0 if chunk is old else 1
            for row in rows:
                entry = chunk.entries[row]
                yield (entry.occurred_at.timestamp(), entry.id, entry.client_id, source, row)

        merged = IndexChunk()
        both = heapq.merge(keyed(old, keep), keyed(new, range(len(new))), reverse=True)  # as newest_first_key
        for _stamp, _id, _client, source, row in both:
            chunk = old if source == 0 else new
            merged.entries.append(chunk.entries[row])
            merged.hay.append(chunk.hay[row])
            merged.steps.append(chunk.steps[row])
            merged.day.append(chunk.day[row])
            merged.week.append(chunk.week[row])
            merged.month.append(chunk.month[row])
            merged.score.append(chunk.score[row])
        return TimelineIndex(merged)

    # ---- filtering -------------------------------------------------------------------------------------------

    def matching(self, flt: TimelineFilter, rows: Iterable[int] | None = None) -> list[int]:
        """The rows (in order) that pass every criterion of ``flt``."""
        c = self._c
        entries = c.entries
        result: list[int] = list(range(len(entries))) if rows is None else list(rows)
        if flt.kinds:
            kinds = flt.kinds
            result = [r for r in result if entries[r].kind in kinds]
        if flt.steps:
            mask = steps_mask(flt.steps)
            steps = c.steps
            result = [r for r in result if steps[r] & mask]
        if flt.channels:
            channels = flt.channels
            result = [r for r in result if (entries[r].channel or NONE_KEY) in channels]
        if flt.projects:
            projects = flt.projects
            result = [r for r in result if (entries[r].project_id or NONE_KEY) in projects]
        if flt.moods:
            moods = flt.moods
            want_none = NONE_KEY in moods
            result = [
                r
                for r in result
                if (not moods.isdisjoint(entries[r].moods)) or (want_none and not entries[r].moods)
            ]
        hay = c.hay
        for word in search_words(flt.query):
            result = [r for r in result if word in hay[r]]
        return result

    def iter_matching(
        self, flt: TimelineFilter, rows: Sequence[int] | None = None, chunk: int = 16_384
    ) -> Iterator[list[int] | None]:
        """:meth:`matching` a slice at a time: None after each slice, then the whole result.

        A caller on a GUI thread runs one step per turn of its event loop, so typing stays smooth.
        """
        source: Sequence[int] = range(len(self._c.entries)) if rows is None else rows
        result: list[int] = []
        for start in range(0, len(source), chunk):
            result.extend(self.matching(flt, source[start : start + chunk]))
            yield None
        yield result

    def facet_counts(self, rows: Iterable[int] | None = None) -> dict[str, dict[str, int]]:
        """How many of ``rows`` have each kind, channel, project and mood (for the filter menus)."""
        entries = self._c.entries
        steps = self._c.steps
        counts: dict[str, dict[str, int]] = {"kind": {}, "channel": {}, "project": {}, "mood": {}, "step": {}}
        kind, channel, project, mood, step = (
            counts[k] for k in ("kind", "channel", "project", "mood", "step")
        )
        for r in range(len(entries)) if rows is None else rows:
            entry = entries[r]
            kind[entry.kind] = kind.get(entry.kind, 0) + 1
            key = entry.channel or NONE_KEY
            channel[key] = channel.get(key, 0) + 1
            key = entry.project_id or NONE_KEY
            project[key] = project.get(key, 0) + 1
            for name in entry.moods or (NONE_KEY,):
                mood[name] = mood.get(name, 0) + 1
            mask = steps[r]
            for number in STEPS:
                if mask & (1 << number):
                    step[str(number)] = step.get(str(number), 0) + 1
        return counts

    # ---- grouping and trend ----------------------------------------------------------------------------------

    def group(self, rows: Sequence[int], grouping: Grouping, *, with_mood: bool = True) -> list[Group]:
        return group_rows(self._c, rows, grouping, with_mood=with_mood)

    def group_mood(self, rows: Sequence[int]) -> float | None:
        return group_mood(self._c, rows)

    def mood_samples(
        self, rows: Iterable[int] | None = None, until: datetime | None = None
    ) -> Iterator[tuple[date, float]]:
        """The dated mood scores of ``rows``; with ``until``, only of entries up to that moment (an entry dated
        later is a plan, not a mood the client had: the coach reads the journal at ``now`` the same way)."""
        c = self._c
        for r in range(len(c.entries)) if rows is None else rows:
            score = c.score[r]
            if score is not None and (until is None or c.entries[r].occurred_at <= until):
                yield date.fromordinal(c.day[r]), score


@dataclass(frozen=True, slots=True)
class Group:
    """A run of rows in one period: ``rows[first:first + count]`` of the list it was cut from."""

    start: date
    first: int
    count: int
    mood: float | None
    """The mean mood score of its entries that carry moods."""


def group_rows(
    chunk: IndexChunk, rows: Sequence[int], grouping: Grouping, *, with_mood: bool = True
) -> list[Group]:
    """Cut ``rows`` (newest first) into consecutive runs of the same day, week or month.

    Without ``with_mood`` the groups' mean moods are left out (None), which saves a pass over the rows; see
    :func:`group_mood`.
    """
    column = {Grouping.DAY: chunk.day, Grouping.WEEK: chunk.week, Grouping.MONTH: chunk.month}[grouping]
    keys = list(map(column.__getitem__, rows))
    cuts = [i for i, (a, b) in enumerate(pairwise(keys), start=1) if a != b]
    groups: list[Group] = []
    for start, end in zip([0, *cuts], [*cuts, len(keys)], strict=True):
        if start == end:
            continue
        key = keys[start]
        period = _month_start(key) if grouping is Grouping.MONTH else date.fromordinal(key)
        mood = group_mood(chunk, rows[start:end]) if with_mood else None
        groups.append(Group(period, start, end - start, mood))
    return groups


def group_mood(chunk: IndexChunk, rows: Sequence[int]) -> float | None:
    """The mean mood score of ``rows`` that carry moods."""
    known = [s for s in map(chunk.score.__getitem__, rows) if s is not None]
    return sum(known) / len(known) if known else None
