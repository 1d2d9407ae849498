"""The client's mood as the journal shows it: the latest reading, the trend, and the register to
speak in.

Mood rules:

* A *mood reading* is any entry (notes included: they are how the user records what they noticed)
  whose tags include a known mood (a default tag or one of the user's own, see
  :class:`~clientjournal.coach.facts.MoodCatalogue`); its score is ``domain.moods.mood_score`` (from -2 to +2).
* The latest reading is **current** when it is at most 14 days old, or when nothing has been heard from
  or said to the client since (no contact, see :func:`~clientjournal.coach.facts.is_contact`) and it is
  at most 45 days old: a client who wrote in anger and has heard nothing since is still angry as far as
  anyone knows.
* The client is **strongly upset** when the latest reading is current and carries a strong negative tag
  (intensity 2: frustrated, angry, or a user tag like them).
* The mood is **falling** when the trend (:mod:`clientjournal.coach.trend`, the one the chart and the report
  show) is falling, the latest reading is current and the mean score of its day is negative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from enum import StrEnum
from functools import lru_cache

from clientjournal.coach.facts import DEFAULT_CATALOGUE, JournalView, MoodCatalogue, is_contact
from clientjournal.coach.trend import TREND_DAYS, Direction, day_moods, direction_of, earlier_days
from clientjournal.domain.entities import Client, Entry
from clientjournal.domain.enums import Channel

RECENT_MOOD_DAYS = 14
UNANSWERED_MOOD_DAYS = 45
"""How long the latest reading stays current when there has been no contact since (the trend's window)."""


def is_strong_negative(entry: Entry, catalogue: MoodCatalogue = DEFAULT_CATALOGUE) -> bool:
    strong = catalogue.strong_negative
    return any(name in strong for name in entry.moods)


@dataclass(frozen=True, slots=True)
class MoodReading:
    latest: Entry | None
    """The newest entry with a known mood, if any."""
    latest_index: int
    latest_score: float
    """The mean score of the newest day with a mood."""
    earlier: tuple[Entry, ...]
    """The newest reading of each earlier day the trend compares with (:mod:`~clientjournal.coach.trend`),
    oldest first."""
    strong: bool
    falling: bool
    direction: Direction | None = None
    """The client's mood trend, as the chart and the report show it."""


_EARLIEST_OFFSET = timezone(timedelta(hours=14))
"""The furthest-ahead UTC offset: an entry written on day D in any zone happened after D 00:00 there."""


def _newest_readings(view: JournalView) -> list[tuple[int, Entry, float, date]]:
    """The readings of the newest days with a mood the trend can look at, oldest first.

    Walks back from the newest entry only as far as needed: days are those written on each entry (its own time
    zone, as the timeline groups them), so an entry can belong to a day that is not in time order with its
    neighbours; the walk stops once no older entry can fall on one of the newest ``TREND_DAYS + 1`` days.
    """
    found: list[tuple[int, Entry, float, date]] = []
    days: set[date] = set()
    wanted = TREND_DAYS + 1
    bound: datetime | None = None
    scores = view.mood_scores
    entries = view.entries
    for index in range(len(entries) - 1, -1, -1):
        score = scores[index]
        if score is None:
            continue
        entry = entries[index]
        if bound is not None and entry.occurred_at < bound:
            break
        day = entry.occurred_at.date()
        found.append((index, entry, score, day))
        if day not in days:
            days.add(day)
            if len(days) >= wanted:
                cut = sorted(days)[-wanted]
                bound = datetime.combine(cut, time(), _EARLIEST_OFFSET)
    found.reverse()
    return found


@lru_cache(maxsize=8)
def read_moods(view: JournalView) -> MoodReading:
    readings = _newest_readings(view)
    if not readings:
        return MoodReading(None, -1, 0.0, (), strong=False, falling=False)
    index, latest, _, _ = readings[-1]
    days = day_moods((day, score) for _, _, score, day in readings)[-(TREND_DAYS + 1) :]
    direction = direction_of(days)
    compared = {d.day for d in earlier_days(days)}
    newest_of_day = {day: entry for _, entry, _, day in readings if day in compared}
    recent = _is_current(view, index)
    score = days[-1].score
    falling = recent and score < 0 and direction is Direction.FALLING
    strong = recent and is_strong_negative(latest, view.moods)
    earlier = tuple(newest_of_day[day] for day in sorted(newest_of_day))
    return MoodReading(latest, index, score, earlier, strong, falling, direction)


def _is_current(view: JournalView, index: int) -> bool:
    """Whether the reading ``view.entries[index]`` is still what the client feels, as far as the journal knows."""
    age = view.age(view.days[index])
    if age <= RECENT_MOOD_DAYS:
        return True
    return age <= UNANSWERED_MOOD_DAYS and not any(is_contact(e) for e in view.entries[index + 1 :])


def is_upset(view: JournalView) -> bool:
    """The client is strongly upset right now (the latest reading is current and strongly negative)."""
    return read_moods(view).strong


# --- channels --------------------------------------------------------------------------------


def preferred_channel(client: Client) -> Channel:
    if client.preferred_channel is not None:
        return client.preferred_channel
    return Channel.PHONE if client.phone and not client.email else Channel.EMAIL


def live_channel(client: Client) -> Channel:
    """The client's channel if live; otherwise a phone call (or video without a number)."""
    if client.preferred_channel is not None and client.preferred_channel.is_live:
        return client.preferred_channel
    return Channel.PHONE if client.phone else Channel.VIDEO


def written_channel(client: Client) -> Channel:
    if client.preferred_channel in (Channel.EMAIL, Channel.MESSAGE):
        return client.preferred_channel
    return Channel.MESSAGE if client.phone and not client.email else Channel.EMAIL


# --- register --------------------------------------------------------------------------------


class Register(StrEnum):
    """The tone to bring news in; each has a tone advice phrase ``tone_<value>`` in the playbook."""

    UPSET = "upset"
    FORMAL = "formal"
    WARM = "warm"
    DIRECT = "direct"
    ANXIOUS = "anxious"
    NEUTRAL = "neutral"


_KEYWORDS: dict[Register, tuple[str, ...]] = {
    # English and Norwegian word beginnings, matched at word starts in the temperament notes.
    Register.FORMAL: (
        "calm", "formal", "reserved", "factual", "precise", "polite", "quiet", "analytic",
        "rolig", "formell", "saklig", "reservert", "høflig", "nøktern", "presis", "stille",
    ),
    Register.WARM: (
        "warm", "enthusias", "friendly", "cheerful", "chatty", "lively", "personal", "emotional",
        "varm", "entusias", "vennlig", "blid", "pratsom", "livlig", "engasjert", "personlig",
    ),
    Register.DIRECT: (
        "direct", "blunt", "busy", "brief", "impatient", "no-nonsense", "to the point",
        "direkte", "travel", "kortfatt", "utålmodig", "rett på sak",
    ),
    Register.ANXIOUS: (
        "anxious", "worr", "nervous", "insecure", "cautious", "uncertain",
        "engstelig", "bekymr", "nervøs", "usikker", "forsiktig", "urolig",
    ),
}  # fmt: skip

_PATTERNS = {
    register: re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + ")", re.IGNORECASE)
    for register, words in _KEYWORDS.items()
}


def register_for(view: JournalView) -> Register:
    """The register to speak in: upset first, then the temperament notes, then the mood history.

    With keywords of several registers in the notes, the one mentioned most often wins (ties: the
    order of :class:`Register`). Without any, an enthusiastic history means warm, an anxious or
    uncertain one means anxious.
    """
    reading = read_moods(view)
    if reading.strong:
        return Register.UPSET
    counts = {r: len(p.findall(view.client.temperament)) for r, p in _PATTERNS.items()}
    best = max(counts, key=lambda r: counts[r])
    if counts[best] > 0:
        return best
    history = [e for e, score in zip(view.entries, view.mood_scores, strict=True) if score is not None]
    history = history[-5:]
    tags = [name for entry in history for name in entry.moods]
    if tags.count("enthusiastic") * 2 >= max(len(history), 1):
        return Register.WARM
    if tags.count("anxious") + tags.count("uncertain") >= max(len(history), 1) / 2 and history:
        return Register.ANXIOUS
    return Register.NEUTRAL
