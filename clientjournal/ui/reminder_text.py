"""The translated texts of reminders: a reminder's line and due date, and a notification's summary and body.

The tray, its notifications and the window's reminder banner all say a reminder the same way; locked, a text says
only how many are due, never a name or a title.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject

if TYPE_CHECKING:
    from clientjournal.coach.reminder_check import Notice
    from clientjournal.coach.reminders import Reminder


class ReminderText(QObject):
    """The translated texts of reminders (a QObject so that lupdate finds its ``tr`` calls, plurals too)."""

    def line(self, reminder: Reminder, show_names: bool) -> str:
        name = reminder.client_name.strip()
        if show_names:
            return f"{name}: {reminder.title}" if name else reminder.title
        return reminder.title.replace(name, self.tr("the client")) if name else reminder.title

    def due(self, reminder: Reminder, today: datetime) -> str:
        from clientjournal.ui.dates import day_month

        day = today.date()
        when = day_month(QLocale(), reminder.due_on)
        if reminder.due_on == day:
            return self.tr("Due today")
        if reminder.due_on < day:
            return self.tr("Overdue since %1").replace("%1", when)
        return self.tr("Due %1").replace("%1", when)

    def locked(self, count: int) -> str:
        return self.tr("%n reminders — unlock to see them", "", count)

    def digest(self, count: int, missed: bool) -> str:
        if missed:
            return self.tr("%n reminders while you were away", "", count)
        return self.tr("%n reminders due", "", count)

    def more(self, count: int) -> str:
        return self.tr("and %n more", "", count)


@cache
def _text() -> ReminderText:
    return ReminderText()


def reminder_line(reminder: Reminder, show_names: bool) -> str:
    """ "Kari Nordmann: Landing page draft"; without names the client's name is left out of the title too."""
    return _text().line(reminder, show_names)


def due_text(reminder: Reminder, today: datetime) -> str:
    """ "Due today", "Due 27 Nov", "Overdue since 20 Nov" (local dates)."""
    return _text().due(reminder, today)


def notice_texts(
    notice: Notice | int, *, locked: bool, show_names: bool = True, now: datetime | None = None
) -> tuple[str, str]:
    """(summary, body) of a notification, translated. Locked: only how many, never a name or a title (the
    same rule as :func:`clientjournal.coach.reminder_check.notice_text`)."""
    text = _text()
    count = notice if isinstance(notice, int) else len(notice.reminders)
    if locked or isinstance(notice, int):
        return text.locked(count), ""
    local_now = (now or datetime.now().astimezone()).astimezone()
    if not notice.digest:
        reminder = notice.reminders[0]
        due = text.due(reminder, local_now)
        # The coach's "Promise due today: …" already says when; "Due today" under it would say it twice.
        timed_title = reminder.action == "promise_due_today" and reminder.due_on == local_now.date()
        return text.line(reminder, show_names), "" if timed_title else due
    lines = [text.line(r, show_names) for r in notice.reminders[:3]]
    if count > 3:
        lines.append(text.more(count - 3))
    return text.digest(count, notice.missed), "\n".join(lines)
