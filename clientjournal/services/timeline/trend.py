"""The timeline's mood trend: dated mood scores bucketed by day, week or month, oldest first, and smoothed.

The chart draws it; :meth:`~clientjournal.services.timeline.index.TimelineIndex.mood_samples` gives the samples.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from clientjournal.coach.trend import mood_direction
from clientjournal.services.timeline.index import Grouping, period_start


@dataclass(frozen=True, slots=True)
class TrendPoint:
    start: date
    """The first day of the bucket."""
    score: float
    """The mean mood score of the bucket's entries, from -2 (strong negative) to +2 (strong positive)."""
    count: int


@dataclass(frozen=True, slots=True)
class MoodTrend:
    bucket: Grouping
    points: tuple[TrendPoint, ...] = ()
    smoothed: tuple[float, ...] = ()
    """A count-weighted moving average over each point and its neighbours."""
    direction: str | None = None
    """``rising``, ``falling`` or ``steady``, None with too little data: the client's trend as the coach reads it
    (:func:`clientjournal.coach.trend.mood_direction`), whatever the bucket."""

    @property
    def latest(self) -> float | None:
        return self.smoothed[-1] if self.smoothed else None


def trend_bucket(first: date, last: date) -> Grouping:
    """Days for a short history, weeks for up to two years, months beyond."""
    span = abs((last - first).days)
    if span <= 45:
        return Grouping.DAY
    if span <= 730:
        return Grouping.WEEK
    return Grouping.MONTH


def mood_trend(
    samples: Iterable[tuple[date, float]], bucket: Grouping | None = None, radius: int = 1
) -> MoodTrend:
    """Bucket dated mood scores (any order) by day, week or month, oldest first, with a smoothed line."""
    ordered = sorted(samples)
    if not ordered:
        return MoodTrend(bucket or Grouping.WEEK)
    chosen = bucket or trend_bucket(ordered[0][0], ordered[-1][0])
    sums: dict[date, tuple[float, int]] = {}
    for day, score in ordered:
        key = period_start(day, chosen)
        total, count = sums.get(key, (0.0, 0))
        sums[key] = (total + score, count + 1)
    points = tuple(TrendPoint(key, total / count, count) for key, (total, count) in sorted(sums.items()))
    smoothed = []
    for i in range(len(points)):
        window = points[max(0, i - radius) : i + radius + 1]
        weight = sum(p.count for p in window)
        smoothed.append(sum(p.score * p.count for p in window) / weight)
    direction = mood_direction(ordered)
    return MoodTrend(chosen, points, tuple(smoothed), direction.value if direction is not None else None)
