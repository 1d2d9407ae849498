"""Date and date-time fields of the dialogs: typed in full, read as moments in the system zone.

Qt's date fields move to the next section by themselves once a section is complete ("2026" fills the year), and
they also move on when a separator is typed. Typing "2026-03-05" therefore lands the "-" after the year in the
month and the "03" in the day. :class:`TypedDateEdit` and :class:`TypedDateTimeEdit` swallow separators typed
right after such an automatic move, so typing a date the way it is written does what it says.

They also take digits only ("20261202", "202612021430" for a date and time): typing starts in the section under
the cursor even when none is selected (Qt would drop every digit after a click), and each section takes as many
digits as it shows. What a typing run says is checked section by section against what Qt made of it, because Qt
quietly clamps or drops a digit that does not fit ("20261332" would become 2026-12-27): a run that names no
real date is refused, the field goes back to the value it had before, a tooltip says why, and the field stays
marked (``refused``: a red frame in app.qss, the reason as its accessible description) until it is edited again.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, QPoint, QTime, QTimeZone
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QToolTip,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent

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


def _is_digit(text: str) -> bool:
    return len(text) == 1 and text in "0123456789"


_SECTION_DIGITS = {
    QDateTimeEdit.Section.YearSection: 4,
    QDateTimeEdit.Section.MonthSection: 2,
    QDateTimeEdit.Section.DaySection: 2,
    QDateTimeEdit.Section.HourSection: 2,
    QDateTimeEdit.Section.MinuteSection: 2,
    QDateTimeEdit.Section.SecondSection: 2,
}
"""How many digits each section of the fields' formats takes when typed without separators."""


def _section_value(moment: QDateTime, section: QDateTimeEdit.Section) -> int:
    day, time = moment.date(), moment.time()
    values = {
        QDateTimeEdit.Section.YearSection: day.year,
        QDateTimeEdit.Section.MonthSection: day.month,
        QDateTimeEdit.Section.DaySection: day.day,
        QDateTimeEdit.Section.HourSection: time.hour,
        QDateTimeEdit.Section.MinuteSection: time.minute,
        QDateTimeEdit.Section.SecondSection: time.second,
    }
    return values[section]()


class _TypingRun:
    """What the user typed into a field since they started typing: the digits each section got, in order."""

    def __init__(self, first_section: int, before: QDateTime) -> None:
        self.first_section = first_section
        self.before = before
        """The field's value when typing began: what it goes back to when the run is refused."""
        self.typed = ""
        self.digits: dict[int, str] = {}
        self.refused = False


if TYPE_CHECKING:
    _TypingBase = QDateTimeEdit  # what the mix-in below is mixed into, for the type checker
else:
    _TypingBase = object


class _Typing(_TypingBase):
    """The typing rules both fields share (see the module); mixed in before the Qt field class, which gets a
    calendar to pick from."""

    _moved_by_typing = False
    _run: _TypingRun | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        fit_weekday_header(self.calendarWidget())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if not (_is_digit(text) or _is_separator(text)):
            self._run = None  # arrows, Backspace, shortcuts: whatever comes next is a new run
            self._mark_refused("")
            super().keyPressEvent(event)
            return
        if self._run is None and _is_digit(text):
            self._mark_refused("")
            self._begin_run()
        run = self._run
        if run is not None:
            run.typed += text
        if run is not None and run.refused:
            event.accept()  # the rest of a refused run would only land in the wrong sections
            self._say_refused(run)
            return
        if self._moved_by_typing and _is_separator(text):
            event.accept()  # the section it ends was already left: do not leave the next one too
            return
        section = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_by_typing = _is_digit(text) and self.currentSectionIndex() != section
        if run is not None and _is_digit(text):
            run.digits[section] = run.digits.get(section, "") + text
            if not self._run_fits(run):
                self._refuse(run)

    def _begin_run(self) -> None:
        """Start a typing run in the section under the cursor, selected so the digits replace it."""
        section = self.currentSection()
        if self.lineEdit().selectedText() != self.sectionText(section):
            self.setSelectedSection(section)  # after a click or Select All, Qt would drop every digit
        self._run = _TypingRun(self.currentSectionIndex(), self.dateTime())

    def _run_fits(self, run: _TypingRun) -> bool:
        """Whether every section the run has finished holds exactly the number typed into it."""
        now = self.dateTime()
        for index, digits in run.digits.items():
            section = self.sectionAt(index)
            width = _SECTION_DIGITS.get(section, 2)
            if len(digits) > width:
                return False
            finished = len(digits) == width or index < self.currentSectionIndex()
            if finished and section in _SECTION_DIGITS and _section_value(now, section) != int(digits):
                return False
        return True

    def _refuse(self, run: _TypingRun) -> None:
        run.refused = True
        self.setDateTime(run.before)
        self.setSelectedSection(self.sectionAt(run.first_section))
        self._say_refused(run)

    def _say_refused(self, run: _TypingRun) -> None:
        reason = self.refusal(run.typed, self.text())
        self._mark_refused(reason)
        where = self.mapToGlobal(QPoint(0, self.height()))
        QToolTip.showText(where, reason, self)

    def _mark_refused(self, reason: str) -> None:
        """Mark the field as having refused what was typed (``reason``), or clear the mark (empty)."""
        if self.accessibleDescription() == reason:  # set together with the property: nothing changes
            return
        self.setProperty("refused", bool(reason))
        self.setAccessibleDescription(reason)
        self.style().unpolish(
            self
        )  # a dynamic property's style rule applies once the widget is polished again
        self.style().polish(self)

    def refusal(self, typed: str, kept: str) -> str:
        """What the tooltip says when ``typed`` names no real date and the field keeps ``kept``."""
        raise NotImplementedError

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._run = None
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._run = None
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._run = None
        self._mark_refused("")  # the calendar or the arrows come next
        super().mousePressEvent(event)


class TypedDateTimeEdit(_Typing, QDateTimeEdit):
    """A :class:`QDateTimeEdit` typed as written or as digits only (see the module), with a calendar."""

    def refusal(self, typed: str, kept: str) -> str:
        return (
            self.tr("%1 is not a date and time that exists, so the field keeps %2.")
            .replace("%1", typed)
            .replace("%2", kept)
        )


class TypedDateEdit(_Typing, QDateEdit):
    """A :class:`QDateEdit` typed as written or as digits only (see the module), with a calendar."""

    def refusal(self, typed: str, kept: str) -> str:
        return (
            self.tr("%1 is not a date that exists, so the field keeps %2.")
            .replace("%1", typed)
            .replace("%2", kept)
        )


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
