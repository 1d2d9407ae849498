"""The client's mood trend: one definition, used by the timeline's chart, the coach and the PDF report.

The trend reads the mood scores of the journal by local day (the mean score of each day that has one, from -2 to
+2) and compares the newest day with the mean of the up to three days with a mood before it, as long as they lie
within 45 days of it:

* **rising** when the newest day is at least one step (1.0) above that mean,
* **falling** when it is at least one step below it,
* **steady** otherwise,
* none with a single day of moods, or nothing earlier within the window.

One step is the difference between two neighbouring moods (neutral and uncertain, satisfied and enthusiastic);
anything smaller is noise in what a user records, and a trend drawn from noise would send the user to comfort a
client for nothing. Because the chart, the coach and the report all ask this module, the same client gets the
same word everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

TREND_WINDOW_DAYS = 45
"""Earlier days further back than this from the newest one do not count."""
TREND_STEP = 1.0
"""How far the newest day must lie from the earlier mean to be a change."""
TREND_DAYS = 3
"""How many earlier days the newest one is compared with."""


class Direction(StrEnum):
    RISING = "rising"
    FALLING = "falling"
    STEADY = "steady"


@dataclass(frozen=True, slots=True)
class DayMood:
    day: date
    score: float
    """The mean mood score of the day's readings."""


def day_moods(samples: Iterable[tuple[date, float]]) -> tuple[DayMood, ...]:
    """Dated mood scores (any order) as one mean per day, oldest first.

    Summed with :func:`math.fsum`, which does not depend on the order: the chart reads the timeline newest first,
    the coach the journal oldest first, and a change of exactly one step must not be "falling" for one of them
    and "steady" for the other because the float sums were added up in another order.
    """
    scores: dict[date, list[float]] = {}
    for day, score in samples:
        scores.setdefault(day, []).append(score)
    return tuple(DayMood(day, math.fsum(values) / len(values)) for day, values in sorted(scores.items()))


def earlier_days(days: Sequence[DayMood]) -> tuple[DayMood, ...]:
    """The up to three days before the newest one that the trend compares it with (inside the window)."""
    if len(days) < 2:
        return ()
    newest = days[-1].day
    return tuple(d for d in days[-1 - TREND_DAYS : -1] if (newest - d.day).days <= TREND_WINDOW_DAYS)


def direction_of(days: Sequence[DayMood]) -> Direction | None:
    """The trend of ``days`` (one mean per day, oldest first, see :func:`day_moods`)."""
    earlier = earlier_days(days)
    if not earlier:
        return None
    change = days[-1].score - math.fsum(d.score for d in earlier) / len(earlier)
    if change >= TREND_STEP:
        return Direction.RISING
    if change <= -TREND_STEP:
        return Direction.FALLING
    return Direction.STEADY


def mood_direction(samples: Iterable[tuple[date, float]]) -> Direction | None:
    """The trend of dated mood scores (any order): rising, falling, steady, or None with too little data."""
    return direction_of(day_moods(samples))
