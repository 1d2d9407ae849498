"""The timeline's chart and the coach read the same trend at the same moment (issue 9, "two trends")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from clientjournal.coach.facts import JournalView
from clientjournal.coach.feelings import read_moods
from clientjournal.domain.entities import Client, ClientJournal, Entry
from clientjournal.domain.enums import EntryKind, Valence
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag
from clientjournal.services.timeline.index import TimelineIndex
from clientjournal.services.timeline.trend import mood_trend

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _journal(*moods: tuple[datetime, tuple[str, ...]]) -> ClientJournal:
    entries = tuple(
        Entry(id=f"e{i}", client_id="c", occurred_at=at, kind=EntryKind.NOTE, text="", moods=names)
        for i, (at, names) in enumerate(moods)
    )
    return ClientJournal(client=Client(id="c", name="Kari"), projects=(), entries=entries)


def _both(journal: ClientJournal, catalogue: dict[str, MoodTag]) -> tuple[str | None, str | None]:
    chart = mood_trend(TimelineIndex.of(journal.entries, catalogue).mood_samples(until=NOW)).direction
    coach = read_moods(JournalView.of(journal, NOW, catalogue)).direction
    return chart, coach.value if coach is not None else None


def test_a_mood_dated_after_now_counts_for_neither_the_chart_nor_the_coach() -> None:
    journal = _journal(
        (NOW - timedelta(days=3), ("satisfied",)),
        (NOW - timedelta(days=1), ("satisfied",)),
        (NOW + timedelta(days=2), ("angry",)),  # a planned meeting, written ahead with a guess
    )
    assert _both(journal, DEFAULT_MOODS_BY_NAME) == ("steady", "steady")
    every = mood_trend(TimelineIndex.of(journal.entries).mood_samples()).direction
    assert every == "falling"  # what the chart said before it read the journal at now


def test_a_change_of_exactly_one_step_is_the_same_word_whatever_order_the_scores_are_added_in() -> None:
    # With "calm" made negative the day's mean lies exactly one step below the day before; the timeline sums
    # newest first, the coach oldest first.
    catalogue = {**DEFAULT_MOODS_BY_NAME, "calm": MoodTag("calm", Valence.NEGATIVE, "#aa0000")}
    evening = datetime(2026, 5, 31, 23, 59, tzinfo=UTC)
    journal = _journal(
        (evening, ("enthusiastic", "calm")),
        (evening, ("enthusiastic", "calm", "neutral")),
        (NOW, ("enthusiastic", "satisfied", "calm")),
        (NOW, ("calm", "calm", "frustrated")),
        (NOW, ("enthusiastic", "calm", "neutral")),
        (NOW, ("frustrated",)),
    )
    chart, coach = _both(journal, catalogue)
    assert chart == coach == "falling"
