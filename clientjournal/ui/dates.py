"""Dates in running text, punctuated the way the locale's language writes them.

Qt's format patterns are literal, so "d MMM" gives "20 nov." in Norwegian, where the day is an ordinal written
"20.". Languages whose own long date has "d. MMMM" (Norwegian, German, Danish, Finnish, …) get that period here;
the others keep the English look ("20 Nov"). Month and weekday abbreviations come from Qt and already carry
their own period where the language uses one ("nov.", but "mai"), so none is added after them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale


def _format(locale: QLocale, day: date, pattern: str) -> str:
    ordinal = "d. MMMM" in locale.dateFormat(QLocale.FormatType.LongFormat)
    return locale.toString(QDate(day.year, day.month, day.day), pattern.format(d="d." if ordinal else "d"))


def day_month(locale: QLocale, day: date) -> str:
    """20 Nov; Norwegian 20. nov."""
    return _format(locale, day, "{d} MMM")


def day_full_month(locale: QLocale, day: date) -> str:
    """20 November; Norwegian 20. november"""
    return _format(locale, day, "{d} MMMM")


def short_date(locale: QLocale, day: date) -> str:
    """20 Nov 2026; Norwegian 20. nov. 2026"""
    return _format(locale, day, "{d} MMM yyyy")


def weekday_day_month(locale: QLocale, day: date) -> str:
    """Fri 20 Nov; Norwegian fre. 20. nov."""
    return _format(locale, day, "ddd {d} MMM")


def short_date_with_weekday(locale: QLocale, day: date) -> str:
    """Fri 20 Nov 2026; Norwegian fre. 20. nov. 2026"""
    return _format(locale, day, "ddd {d} MMM yyyy")


def long_date(locale: QLocale, day: date) -> str:
    """Friday 20 November 2026; Norwegian fredag 20. november 2026"""
    return _format(locale, day, "dddd {d} MMMM yyyy")


def month_year(locale: QLocale, day: date) -> str:
    """November 2026"""
    return _format(locale, day, "MMMM yyyy")


def day_span(locale: QLocale, first: date, last: date) -> str:
    """16–22 Nov 2026, 30 Nov–6 Dec 2026, 29 Dec 2026–4 Jan 2027; Norwegian 16.–22. nov. 2026"""
    if first.year != last.year:
        start = short_date(locale, first)
    elif first.month != last.month:
        start = day_month(locale, first)
    else:
        start = _format(locale, first, "{d}")
    return f"{start}–{short_date(locale, last)}"
