"""What the timeline's cells say: times, kinds, channels, moods, group titles and tooltips, in the UI's language.

Asked for every visible cell while painting, so shown names are looked up once and times formatted once per
minute; :meth:`TimelineTexts.forget` starts afresh after the language changed. Strings keep the
``TimelineModel`` translation context they always had.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QTime

from clientjournal.domain.enums import Channel, EntryKind, PromiseStatus
from clientjournal.services.timeline.index import Group, Grouping
from clientjournal.ui.dates import (
    day_span,
    long_date,
    month_year,
    short_date,
    short_date_with_weekday,
    weekday_day_month,
)
from clientjournal.ui.labels import channel_label, kind_label, mood_label, promise_status_label

if TYPE_CHECKING:
    from clientjournal.domain import Entry

TEXT_PREVIEW = 240
"""Characters of an entry's first line shown in its row."""
TOOLTIP_TEXT = 1_000


class Column(IntEnum):
    WHEN = 0
    CLIENT = 1
    KIND = 2
    MOODS = 3
    TEXT = 4
    CHANNEL = 5


def first_line(entry: Entry) -> str:
    return entry.text.strip().split("\n", 1)[0][:TEXT_PREVIEW]


class TimelineTexts:
    def __init__(self) -> None:
        self._locale = QLocale()
        self._grouping = Grouping.DAY
        self._labels: dict[str, str] = {}
        """Shown names of kinds, channels, promise states and moods (looked up once, not per cell)."""
        self._when_cache: dict[tuple[int, int, int, int, int], str] = {}

    def set_grouping(self, grouping: Grouping) -> None:
        """Grouped by day, the When column shows the time only (the header has the date)."""
        self._grouping = grouping
        self._when_cache.clear()

    def forget(self) -> None:
        """Look the shown names up again (the language changed)."""
        self._labels.clear()
        self._when_cache.clear()
        self._locale = QLocale()

    # ---- pieces --------------------------------------------------------------------------------------------------

    def when(self, moment: datetime) -> str:
        key = (moment.year, moment.month, moment.day, moment.hour, moment.minute)
        text = self._when_cache.get(key)
        if text is None:
            if len(self._when_cache) > 20_000:
                self._when_cache.clear()
            text = self._when_cache[key] = self._format_when(moment)
        return text

    def _clock(self, moment: datetime | QTime) -> str:
        time = moment if isinstance(moment, QTime) else QTime(moment.hour, moment.minute)
        return self._locale.toString(time, QLocale.FormatType.ShortFormat)

    def _format_when(self, moment: datetime) -> str:
        if self._grouping is Grouping.DAY:
            return self._clock(moment)
        return weekday_day_month(self._locale, moment) + "  " + self._clock(moment)

    def full_when(self, moment: datetime) -> str:
        return short_date_with_weekday(self._locale, moment) + "  " + self._clock(moment)

    def when_samples(self) -> list[str]:
        """What the When column may show, widest forms included (for sizing it): every hour of a day, with the
        day of the week and month unless grouped by day."""
        clocks = [self._clock(QTime(hour, 59)) for hour in range(24)]
        if self._grouping is Grouping.DAY:
            return clocks
        widest_clock = max(clocks, key=len)
        days = [date(2026, month, day) for month in range(1, 13) for day in range(22, 29)]
        return [weekday_day_month(self._locale, day) + "  " + widest_clock for day in days]

    def label(self, kind: str, value: str) -> str:
        key = f"{kind}:{value}"
        text = self._labels.get(key)
        if text is None:
            function = {
                "kind": kind_label,
                "channel": channel_label,
                "promise": promise_status_label,
                "mood": mood_label,
            }[kind]
            text = self._labels[key] = function(value)
        return text

    def kind(self, entry: Entry) -> str:
        text = self.label("kind", entry.kind)
        if entry.promise is not None:
            text += " · " + self.label("promise", entry.promise.status)
        return text

    def kind_texts(self, *, with_promise_states: bool = True) -> list[str]:
        """Every text the Kind column can show (for sizing it): each kind, and a promise with each state."""
        texts = [self.label("kind", kind) for kind in EntryKind]
        texts.append(QCoreApplication.translate("TimelineModel", "Unreadable"))
        if with_promise_states:
            promise = self.label("kind", EntryKind.PROMISE)
            texts.extend(f"{promise} · {self.label('promise', status)}" for status in PromiseStatus)
        return texts

    def channel_texts(self) -> list[str]:
        return [self.label("channel", channel) for channel in Channel]

    def period_title(self, group: Group) -> str:
        start = group.start
        if self._grouping is Grouping.DAY:
            return long_date(self._locale, start)
        if self._grouping is Grouping.MONTH:
            return month_year(self._locale, start)
        week = QCoreApplication.translate("TimelineModel", "Week %1").replace(
            "%1", str(start.isocalendar()[1])
        )
        return f"{week}  ·  {day_span(self._locale, start, start + timedelta(days=6))}"

    # ---- cells ---------------------------------------------------------------------------------------------------

    def cell(self, entry: Entry, column: Column, client_names: Mapping[str, str]) -> str:
        if column is Column.TEXT:
            return first_line(entry)
        if column is Column.WHEN:
            return self.when(entry.occurred_at)
        if column is Column.CLIENT:
            return client_names.get(entry.client_id, "")
        if column is Column.KIND:
            return self.kind(entry)
        if column is Column.MOODS:
            return ", ".join(self.label("mood", name) for name in entry.moods)
        return self.label("channel", entry.channel) if entry.channel is not None else ""

    def tooltip(self, entry: Entry, column: Column) -> str | None:
        if column is Column.TEXT and entry.text:
            text = entry.text.strip()
            return text if len(text) <= TOOLTIP_TEXT else text[:TOOLTIP_TEXT] + "…"
        if column is Column.WHEN:
            return self.full_when(entry.occurred_at)
        if column is Column.KIND:
            parts = [self.kind(entry)]
            if entry.channel is not None:
                parts.append(
                    QCoreApplication.translate("TimelineModel", "via %1").replace(
                        "%1", channel_label(entry.channel)
                    )
                )
            if entry.promise is not None:
                parts.append(
                    QCoreApplication.translate("TimelineModel", "due %1").replace(
                        "%1", short_date(self._locale, entry.promise.due_on)
                    )
                )
            return "\n".join(parts)
        return None

    def accessible(self, entry: Entry, client_names: Mapping[str, str]) -> str:
        parts = [self.full_when(entry.occurred_at)]
        name = client_names.get(entry.client_id)
        if name:
            parts.append(name)
        parts.append(self.kind(entry))
        if entry.moods:
            parts.append(
                QCoreApplication.translate("TimelineModel", "mood: %1").replace(
                    "%1", ", ".join(mood_label(n) for n in entry.moods)
                )
            )
        parts.append(first_line(entry))
        return "; ".join(parts)

    # ---- an entry that cannot be read ----------------------------------------------------------------------------

    def unreadable_cell(self, entry: Entry, column: Column, client_names: Mapping[str, str]) -> str:
        if column is Column.WHEN:
            return self.when(entry.occurred_at)
        if column is Column.CLIENT:
            return client_names.get(entry.client_id, "")
        if column is Column.KIND:
            return QCoreApplication.translate("TimelineModel", "Unreadable")
        return (
            QCoreApplication.translate("TimelineModel", "This entry cannot be read")
            if column is Column.TEXT
            else ""
        )

    @staticmethod
    def unreadable_tooltip() -> str:
        return QCoreApplication.translate(
            "TimelineModel",
            "The stored entry is damaged and cannot be opened. Check the vault, or restore it from a backup.",
        )

    def unreadable_accessible(self, entry: Entry) -> str:
        return "; ".join(
            [
                self.full_when(entry.occurred_at),
                QCoreApplication.translate("TimelineModel", "This entry cannot be read"),
            ]
        )
