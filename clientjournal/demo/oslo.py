"""The UTC offset of a day in Oslo (+01:00 in winter, +02:00 in summer), without a time-zone database."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from functools import cache

__all__ = ["oslo_offset"]

_WINTER = timezone(timedelta(hours=1))
_SUMMER = timezone(timedelta(hours=2))


@cache
def _summer_bounds(year: int) -> tuple[date, date]:
    """Oslo's summer time runs from the last Sunday of March to the last Sunday of October."""
    march_end, october_end = date(year, 3, 31), date(year, 10, 31)
    return (
        march_end - timedelta(days=(march_end.weekday() + 1) % 7),
        october_end - timedelta(days=(october_end.weekday() + 1) % 7),
    )


def oslo_offset(day: date) -> timezone:
    start, end = _summer_bounds(day.year)
    return _SUMMER if start <= day < end else _WINTER
