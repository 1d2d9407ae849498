"""Date and date-time fields of the dialogs: typed in full, read as moments in the system zone.

Qt's date fields move to the next section by themselves once a section is complete ("2026" fills the year), and
they also move on when a separator is typed. Typing "2026-03-05" therefore lands the "-" after the year in the
month and the "03" in the day. :class:`TypedDateEdit` and :class:`TypedDateTimeEdit` swallow separators typed
right after such an automatic move, so typing a date the way it is written does what it says.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QKeyEvent

TIME_FORMAT = "yyyy-MM-dd  HH:mm"
_DAY_CELL_PADDING = 14
"""Pixels a calendar's day cell needs around its text."""


def fit_weekday_header(calendar: QCalendarWidget) -> None:
    """Make ``calendar`` wide enough that its weekday names are never cut ("man." not "m…" in Norwegian)."""
    calendar.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
    bold = calendar.font()
    bold.setBold(True)  # styles may set the header in bold
    metrics = QFontMetrics(bold)
    locale = calendar.locale() if calendar.locale() != QLocale.c() else QLocale()
    widest = max(
        metrics.horizontalAdvance(locale.dayName(day, QLocale.FormatType.ShortFormat)) for day in range(1, 8)
    )
    widest = max(widest, metrics.horizontalAdvance("00"))
    calendar.setMinimumWidth(max(calendar.minimumWidth(), 7 * (widest + _DAY_CELL_PADDING) + 4))


def _is_separator(text: str) -> bool:
    return len(text) == 1 and text.isprintable() and not text.isalnum()


class TypedDateTimeEdit(QDateTimeEdit):
    """A :class:`QDateTimeEdit` where a typed separator never skips a section (see the module), with a calendar."""

    _moved_by_typing = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        fit_weekday_header(self.calendarWidget())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if self._moved_by_typing and _is_separator(text):
            event.accept()  # the section it ends was already left: do not leave the next one too
            return
        before = self.currentSection()
        super().keyPressEvent(event)
        self._moved_by_typing = text.isdigit() and self.currentSection() != before


class TypedDateEdit(QDateEdit):
    """A :class:`QDateEdit` where a typed separator never skips a section (see the module), with a calendar."""

    _moved_by_typing = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        fit_weekday_header(self.calendarWidget())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if self._moved_by_typing and _is_separator(text):
            event.accept()
            return
        before = self.currentSection()
        super().keyPressEvent(event)
        self._moved_by_typing = text.isdigit() and self.currentSection() != before


def to_qdatetime(moment: datetime) -> QDateTime:
    """``moment`` (timezone-aware) as a QDateTime with the same wall time and UTC offset, to the minute."""
    offset = moment.utcoffset() or timedelta()
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute),
        QTimeZone.fromSecondsAheadOfUtc(int(offset.total_seconds())),
    )


def wall_of(field: QDateTimeEdit) -> datetime:
    """The naive wall time a date-time field shows, to the minute."""
    chosen = field.dateTime()
    day, moment = chosen.date(), chosen.time()
    return datetime(day.year(), day.month(), day.day(), moment.hour(), moment.minute())


def local_moment(wall: datetime) -> datetime:
    """The naive wall time ``wall`` in the system time zone, with the UTC offset that zone has on that day.

    A wall time that does not exist (the hour skipped when clocks spring forward) becomes the moment it would
    have been had the clocks not changed yet, shown an hour later; one that happens twice (clocks falling back)
    is the first of the two. Qt follows the OS zone rules here, as the date/time field itself does.
    """
    chosen = QDateTime(
        QDate(wall.year, wall.month, wall.day),
        QTime(wall.hour, wall.minute, wall.second),
        QTimeZone(QTimeZone.Initialization.LocalTime),
    )
    if not chosen.isValid():  # outside what Qt can map; Python's own rules are the next best answer
        return wall.astimezone()
    offset = timezone(timedelta(seconds=chosen.offsetFromUtc()))
    return datetime.fromtimestamp(chosen.toSecsSinceEpoch(), offset)


class ToldField(QWidget):
    """ "The client has been told", and when: a check box (default not ticked) and a date-time beside it.

    Ticking it fills in ``default_moment()`` (the entry's own time), so the usual case — told in that very
    conversation — is one key press. A stored moment the user does not touch comes back exactly as it was.
    """

    def __init__(self, default_moment: Callable[[], QDateTime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._default_moment = default_moment
        self._shown: tuple[datetime, datetime] | None = None
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        self.told = QCheckBox(self.tr("The client has been t&old"), self)
        self.told.setAccessibleName(self.tr("The client has been told"))
        self.when = TypedDateTimeEdit(self)
        self.when.setAccessibleName(self.tr("When the client was told"))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(TIME_FORMAT)
        self.when.setEnabled(False)
        self.told.toggled.connect(self._toggled)
        line.addWidget(self.told)
        line.addWidget(self.when)
        line.addStretch(1)

    def _toggled(self, ticked: bool) -> None:
        self.when.setEnabled(ticked)
        if ticked and self._shown is None:
            self.when.setDateTime(self._default_moment())

    def show_moment(self, moment: datetime | None) -> None:
        """Show a stored moment (None: not told)."""
        self._shown = None
        self.told.setChecked(moment is not None)
        if moment is None:
            self.when.setDateTime(self._default_moment())
            return
        if moment.tzinfo is None:  # a hand-edited autosave: read it as the wall time it shows
            moment = local_moment(moment)
        self.when.setDateTime(to_qdatetime(moment))
        self._shown = (moment, wall_of(self.when))

    def moment(self, same_as: Callable[[datetime], datetime | None]) -> datetime | None:
        """When the client was told, or None when not ticked.

        ``same_as(wall)`` gives the entry's own moment when ``wall`` is the entry's wall time (so told "then"
        keeps the entry's exact offset and seconds), else None.
        """
        if not self.told.isChecked():
            return None
        wall = wall_of(self.when)
        if self._shown is not None and wall == self._shown[1]:
            return self._shown[0]  # untouched: exactly as stored
        return same_as(wall) or local_moment(wall)
