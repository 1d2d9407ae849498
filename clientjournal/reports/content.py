"""What a client summary says, as plain data: the JSON the Typst template lays out.

:func:`document_data` is pure: journals, the coach's actions and the options in; a dictionary of strings, numbers
and lists out, in the report's language, with every user text already cut to length and made drawable by the
shipped fonts. The template (``resources/reports/summary.typ``) only arranges it, so no user text is ever read
as markup.

What goes in is set by :mod:`~clientjournal.reports.options`; each client's section is made by
:mod:`~clientjournal.reports.section`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from clientjournal.reports.options import ClientMaterial, ReportOptions
from clientjournal.reports.section import client_section
from clientjournal.reports.words import Words

__all__ = ["document_data"]


def _period(options: ReportOptions, words: Words, today: date) -> str:
    if options.start is not None:
        return f"{words.long_day(options.start)} – {words.long_day(options.end or today)}"
    return words("since_start", end=words.long_day(options.end or today))


def document_data(
    materials: Sequence[ClientMaterial], options: ReportOptions, now: datetime, drawable: Callable[[str], str]
) -> dict[str, Any]:
    """Everything the template needs, every string passed through ``drawable``."""
    language = options.language or (materials[0].language if materials else "en")
    words = Words.of(language)
    today = now.date()
    title = words("title_one") if len(materials) == 1 else words("title_many")
    names = [m.journal.client.name.strip() for m in materials]
    audience = words(f"audience_{options.audience.value}")
    period = _period(options, words, today)
    shown_names = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
    data: dict[str, Any] = {
        "lang": language,
        "t": words.t,
        "title": f"{title}: {names[0] if len(names) == 1 else shown_names}",
        "heading": title,
        "count": words("clients_n", n=len(materials)),
        "subject": words("subject", title=title, audience=audience.lower(), names=shown_names, period=period),
        "author": options.author.strip() or "ClientJournal",
        "audience": options.audience.value,
        "audience_label": audience,
        "audience_note": words(f"audience_{options.audience.value}_note"),
        "period": period,
        "prepared": words.long_day(today),
        "confidential": options.confidential,
        "toc": len(materials) > 1,
        "sections": [client_section(m, options, now) for m in materials],
    }
    made: dict[str, Any] = _made_drawable(data, drawable)
    return made


def _made_drawable(value: Any, drawable: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return drawable(value)
    if isinstance(value, Mapping):
        return {key: _made_drawable(item, drawable) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_made_drawable(item, drawable) for item in value]
    return value
