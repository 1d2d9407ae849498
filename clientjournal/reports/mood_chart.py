"""The mood part of a client's section: the trend chart's points, line, ticks and description, and the table.

Only in a report for my records (see :mod:`~clientjournal.reports.section`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from clientjournal.domain import Entry
from clientjournal.domain.moods import MoodTag, mood_score
from clientjournal.reports.words import Words
from clientjournal.services.timeline.index import Grouping
from clientjournal.services.timeline.trend import MoodTrend, mood_trend

__all__ = ["mood_section"]

MAX_MOOD_ROWS = 12


def mood_section(
    entries: Sequence[Entry], moods: Mapping[str, MoodTag], words: Words
) -> dict[str, Any] | None:
    """The mood chart and table of ``entries`` with the vault's ``moods``.

    None when no entry's moods give a score.
    """
    catalogue = dict(moods)
    samples = []
    for entry in entries:
        if entry.moods:
            score = mood_score(entry.moods, catalogue)
            if score is not None:
                samples.append((entry.occurred_at.date(), score))
    trend = mood_trend(samples)
    if not trend.points:
        return None
    first, last = trend.points[0].start, trend.points[-1].start
    span = max((last - first).days, 1)
    long_span = (last - first).days > 300

    def x(day: date) -> float:
        return 0.5 if first == last else (day - first).days / span

    points = [{"x": x(p.start), "y": p.score, "n": p.count} for p in trend.points]
    line = [[x(p.start), s] for p, s in zip(trend.points, trend.smoothed, strict=True)]
    ticks = _ticks(trend, words, long_span, x)
    monthly = mood_trend(samples, Grouping.MONTH)
    rows = [
        [words.month(p.start), words.number(p.score), str(p.count)] for p in monthly.points[-MAX_MOOD_ROWS:]
    ]
    lowest = min(trend.points, key=lambda p: (p.score, p.start))
    highest = max(trend.points, key=lambda p: (p.score, p.start))
    bucket = trend.bucket.value

    def period(day: date) -> str:
        if trend.bucket is Grouping.MONTH:
            return words.month(day)
        if trend.bucket is Grouping.WEEK:
            return words("week_of", date=words.day(day))
        return words.day(day)

    mean = sum(score for _, score in samples) / len(samples)
    alt = words(
        "mood_alt",
        bucket=words(f"bucket_{bucket}"),
        first=words.long_day(first),
        last=words.long_day(last),
        count=len(samples),
        points=len(trend.points),
        mean=words.number(mean),
        low=words.number(lowest.score),
        low_at=period(lowest.start),
        high=words.number(highest.score),
        high_at=period(highest.start),
        direction=words(f"direction_{trend.direction or 'none'}"),
    )
    return {
        "points": points,
        "line": line,
        "ticks": ticks,
        "alt": alt,
        "intro": words("mood_intro", buckets=words(f"buckets_{bucket}")),
        "rows": rows,
        "table_caption": words("mood_table")
        if len(monthly.points) <= MAX_MOOD_ROWS
        else words("mood_table_recent", n=MAX_MOOD_ROWS),
    }


def _ticks(
    trend: MoodTrend, words: Words, long_span: bool, x: Callable[[date], float]
) -> list[tuple[float, str]]:
    points = trend.points
    if len(points) == 1:
        return [(0.5, words.tick(points[0].start, trend.bucket, long_span))]
    first, last = points[0].start, points[-1].start
    count = 5
    ticks: list[tuple[float, str]] = []
    seen: set[str] = set()
    for i in range(count):
        day = date.fromordinal(first.toordinal() + round((last - first).days * i / (count - 1)))
        # The nearest period start, so a tick names a real point.
        nearest = min(points, key=lambda p: abs((p.start - day).days)).start
        label = words.tick(nearest, trend.bucket, long_span)
        # One label per period, none closer than an eighth of the width to the one before (they would overlap).
        if label in seen:
            continue
        if ticks and x(nearest) - ticks[-1][0] < 0.125:
            if i < count - 1 or len(ticks) == 1:
                continue
            ticks.pop()  # the last period is always named
        seen.add(label)
        ticks.append((x(nearest), label))
    return ticks
