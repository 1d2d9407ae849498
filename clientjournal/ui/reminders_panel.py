"""Due reminders inside the window: a banner above the timeline, shown whenever something is due.

It is there whether or not a tray or notifications exist (where none do, it is the only place reminders show).
Keyboard: the list takes focus with Tab; Enter opens the reminder's client, and the buttons (Snooze, Done,
Dismiss) act on the selected reminder; Alt+letters work as everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clientjournal.ui.reminder_text import due_text, reminder_line
from clientjournal.ui.scheduler import ReminderScheduler

if TYPE_CHECKING:
    from datetime import datetime

    from clientjournal.coach.reminders import Reminder


def reminder_label(reminder: Reminder, now: datetime, *, with_due: bool = True, limit: int = 0) -> str:
    """ "Kari Nordmann: Landing page draft — Due today": the due text left out when the title says it already
    (the coach's "Promise due today: …"), and shortened to ``limit`` characters by the line, never the due
    text ("— Due t…" said nothing)."""
    line = reminder_line(reminder, True)
    suffix = ""
    if with_due:
        when = due_text(reminder, now)
        if when.casefold() not in line.casefold():
            suffix = f" — {when}"
    if limit and len(line) + len(suffix) > limit:
        line = line[: max(1, limit - len(suffix) - 1)].rstrip() + "…"
    return line + suffix


_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_CLIENT_ROLE = Qt.ItemDataRole.UserRole + 2
_VISIBLE_ROWS = 4


class RemindersPanel(QFrame):
    """The due reminders, with Snooze, Done and Dismiss. ``client_requested(client id)`` asks to show one."""

    client_requested = Signal(str)

    def __init__(self, scheduler: ReminderScheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        self.setObjectName("remindersPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("subheading")
        top.addWidget(self.title, 1)
        self.snooze_button = QPushButton(self.tr("&Snooze"), self)
        snooze_menu = QMenu(self.snooze_button)
        from clientjournal.coach.reminder_state import Snooze

        for text, choice in (
            (self.tr("10 minutes"), Snooze.MINUTES_10),
            (self.tr("1 hour"), Snooze.HOUR_1),
            (self.tr("Tomorrow morning"), Snooze.TOMORROW),
        ):
            snooze_menu.addAction(text).triggered.connect(lambda _c=False, c=choice: self._snooze(c))
        self.snooze_button.setMenu(snooze_menu)
        self.done_button = QPushButton(self.tr("D&one"), self)
        self.done_button.clicked.connect(lambda: self._act("done"))
        self.dismiss_button = QPushButton(self.tr("Dis&miss"), self)
        self.dismiss_button.clicked.connect(lambda: self._act("dismiss"))
        for button in (self.snooze_button, self.done_button, self.dismiss_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.list = QListWidget(self)
        self.list.setObjectName("remindersList")
        self.list.setAccessibleName(self.tr("Due reminders"))
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.list)
        scheduler.changed.connect(self.refresh)
        self.refresh()

    def reminder_ids(self) -> list[str]:
        return [str(self.list.item(row).data(_ID_ROLE)) for row in range(self.list.count())]

    def refresh(self) -> None:
        scheduler = self.scheduler
        due = scheduler.due
        if not due:
            self.list.clear()
            self.hide()
            return
        if scheduler.locked:  # the window is cleared while locked; nothing to show
            self.list.clear()
            self.hide()
            return
        current = self.list.currentItem()
        keep = current.data(_ID_ROLE) if current is not None else None
        self.list.clear()
        now = scheduler.now().astimezone()
        for reminder in due:
            item = QListWidgetItem(reminder_label(reminder, now))
            item.setData(_ID_ROLE, reminder.id)
            item.setData(_CLIENT_ROLE, reminder.client_id)
            self.list.addItem(item)
            if reminder.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        self.title.setText(self.tr("%n reminders due", "", len(due)))
        rows = min(len(due), _VISIBLE_ROWS)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 2)
        self._update_buttons()
        self.show()

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(_ID_ROLE)) if item is not None else None

    def _update_buttons(self) -> None:
        enabled = self._selected() is not None
        for button in (self.snooze_button, self.done_button, self.dismiss_button):
            button.setEnabled(enabled)

    def _snooze(self, choice: object) -> None:
        rid = self._selected()
        if rid is not None:
            self.scheduler.respond("snooze", [rid], choice)  # type: ignore[arg-type]

    def _act(self, button: str) -> None:
        rid = self._selected()
        if rid is not None:
            self.scheduler.respond(button, [rid])

    def _activated(self, item: QListWidgetItem) -> None:
        self.client_requested.emit(str(item.data(_CLIENT_ROLE)))
