"""The tray icon and the notifications of reminders (issue #10).

:class:`ReminderTray` is a ``QSystemTrayIcon`` with the number of due reminders painted on the app icon, a tooltip
and a menu built from the scheduler's current state each time it opens: Open, the next few reminders (each with
Snooze 10 minutes / 1 hour / until tomorrow morning and Done), New entry, Lock, Quit. The icon is created and
shown even when no tray exists yet (``isSystemTrayAvailable()`` false): Qt registers it when a tray appears.

:class:`ReminderNotifications` shows the scheduler's notices through the platform's
:class:`~clientjournal.notify.Notifier` (freedesktop notifications with Snooze, Done and Open buttons, from this
one thread: its socket is watched with a ``QSocketNotifier``), else as a tray message (no buttons). Either way the
window's reminder list shows what is due. While the vault is locked a notice says only how many are due.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSocketNotifier, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from clientjournal.ui.closing import tray_available
from clientjournal.ui.reminder_text import notice_texts
from clientjournal.ui.reminders_panel import reminder_label
from clientjournal.ui.scheduler import ReminderScheduler

if TYPE_CHECKING:
    from clientjournal.coach.reminder_check import Notice
    from clientjournal.coach.reminders import Reminder
    from clientjournal.notify import Notifier

log = logging.getLogger(__name__)

MENU_REMINDERS = 5
"""How many reminders the tray menu lists."""
MENU_LABEL_CHARS = 70
"""The longest reminder line in the tray menu (panels draw menus only as wide as their longest item)."""
ICON_SIZES = (16, 22, 24, 32, 48, 64)


def badge_icon(base: QIcon, count: int) -> QIcon:
    """``base`` with ``count`` in a red disc at the bottom right (``99+`` past 99); ``base`` itself for 0."""
    if count <= 0:
        return base
    text = str(count) if count < 100 else "99+"
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = base.pixmap(size, size)
        if pixmap.isNull():
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = pixmap.width(), pixmap.height()
        diameter = height * (0.62 if len(text) == 1 else 0.7)
        disc_width = diameter if len(text) == 1 else min(width, diameter * (1 + 0.35 * (len(text) - 1)))
        rect = QRectF(width - disc_width, height - diameter, disc_width, diameter)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d32f2f"))
        painter.drawRoundedRect(rect, diameter / 2, diameter / 2)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(6, int(diameter * (0.72 if len(text) == 1 else 0.6))))
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class ReminderTray(QObject):
    """The tray icon; its signals ask the app to open the window, write an entry, lock or quit."""

    open_requested = Signal()
    new_entry_requested = Signal()
    lock_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        scheduler: ReminderScheduler,
        base_icon: QIcon,
        *,
        show_names: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        self._base = base_icon
        self._show_names = show_names
        self._count = -1
        self.icon = QSystemTrayIcon(base_icon, self)
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.open_requested)
        scheduler.changed.connect(self.update)
        self.update()
        self.icon.show()  # even with no tray yet: Qt registers the icon when one appears

    @property
    def count(self) -> int:
        return len(self.scheduler.due)

    @property
    def available(self) -> bool:
        return tray_available()

    def shutdown(self) -> None:
        self.icon.hide()
        self.menu.deleteLater()

    def show_message(self, summary: str, body: str) -> bool:
        """A tray message (a toast on Windows, a Notification Center message on macOS); False without a tray."""
        if not self.available:
            return False
        self.icon.showMessage(summary, body, QSystemTrayIcon.MessageIcon.Information, 15_000)
        return True

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()

    def update(self) -> None:
        """Redraw the count and the tooltip, and rebuild the menu (hosts that cache it see the new one)."""
        count = self.count
        if count != self._count:
            self._count = count
            self.icon.setIcon(badge_icon(self._base, count))
        self.icon.setToolTip(self.tooltip())
        self.rebuild_menu()

    def tooltip(self) -> str:
        count = self.count
        if self.scheduler.locked:
            if count:
                return self.tr("ClientJournal — locked, %n reminders due", "", count)
            return self.tr("ClientJournal — locked")
        if count:
            return self.tr("ClientJournal — %n reminders due", "", count)
        return self.tr("ClientJournal — no reminders due")

    def menu_reminders(self) -> list[Reminder]:
        return [*self.scheduler.due, *self.scheduler.upcoming][:MENU_REMINDERS]

    def rebuild_menu(self) -> None:
        menu = self.menu
        menu.clear()
        locked = self.scheduler.locked
        opened = menu.addAction(self.tr("&Open ClientJournal") if not locked else self.tr("&Unlock…"))
        opened.triggered.connect(self.open_requested)
        menu.addSeparator()
        count = self.count
        if locked:
            header = (
                self.tr("%n reminders — unlock to see them", "", count)
                if count
                else self.tr("Locked: unlock to see your reminders")
            )
            menu.addAction(header).setEnabled(False)
        else:
            header = self.tr("%n reminders due", "", count) if count else self.tr("No reminders due")
            menu.addAction(header).setEnabled(False)
            shown = self.menu_reminders()
            for reminder in shown[:count]:
                self._add_reminder(menu, reminder)
            if len(shown) > count:  # without a heading of their own they read as due under "No reminders due"
                menu.addAction(self.tr("Coming up")).setEnabled(False)
                for reminder in shown[count:]:
                    self._add_reminder(menu, reminder, upcoming=True)
        menu.addSeparator()
        new_entry = menu.addAction(self.tr("&New entry…"))
        new_entry.setEnabled(not locked)
        new_entry.triggered.connect(self.new_entry_requested)
        lock = menu.addAction(self.tr("&Lock"))
        lock.setEnabled(not locked)
        lock.triggered.connect(self.lock_requested)
        menu.addSeparator()
        menu.addAction(self.tr("&Quit")).triggered.connect(self.quit_requested)

    def _add_reminder(self, menu: QMenu, reminder: Reminder, *, upcoming: bool = False) -> None:
        from clientjournal.coach.reminder_state import Snooze

        sub = menu.addMenu(self.menu_label(reminder, upcoming=upcoming).replace("&", "&&"))
        rid = reminder.id
        for text, choice in (
            (self.tr("Snooze &10 minutes"), Snooze.MINUTES_10),
            (self.tr("Snooze 1 &hour"), Snooze.HOUR_1),
            (self.tr("Snooze until &tomorrow morning"), Snooze.TOMORROW),
        ):
            action = sub.addAction(text)
            action.triggered.connect(lambda _c=False, c=choice: self.scheduler.snooze(rid, c))
        sub.addSeparator()
        done = sub.addAction(self.tr("&Done"))
        done.triggered.connect(lambda _c=False: self.scheduler.done(rid))

    def menu_label(self, reminder: Reminder, *, upcoming: bool) -> str:
        """The reminder's line in the menu; an upcoming one with its due date."""
        now = self.scheduler.now().astimezone()
        return reminder_label(reminder, now, with_due=upcoming, limit=MENU_LABEL_CHARS)

    def actions_of(self, menu: QMenu | None = None) -> list[QAction]:
        return list((menu or self.menu).actions())


class ReminderNotifications(QObject):
    """Shows the scheduler's notices: D-Bus notifications with buttons, else tray messages."""

    open_requested = Signal()

    def __init__(
        self,
        scheduler: ReminderScheduler,
        tray: ReminderTray | None,
        notifier_factory: Callable[[], Notifier],
        *,
        show_names: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        self.tray = tray
        self._factory = notifier_factory
        self._notifier: Notifier | None = None
        self._socket: QSocketNotifier | None = None
        self._show_names = show_names
        self.shown: dict[int, tuple[str, ...]] = {}
        """Notification id -> the reminders it showed (for its buttons)."""
        self.messages: list[tuple[str, str]] = []
        """What was shown as tray messages (the fallback), newest last."""
        self._while_locked: set[int] = set()
        """Notifications shown while the vault was locked (a count, or the request to unlock)."""
        scheduler.notices_ready.connect(self.show)
        scheduler.changed.connect(self.close_stale)

    @property
    def notifier(self) -> Notifier:
        if self._notifier is None:
            self._notifier = self._factory()
            fd = self._notifier.fileno()
            if fd >= 0:
                self._socket = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
                self._socket.activated.connect(self.poll)
        return self._notifier

    def shutdown(self) -> None:
        if self._socket is not None:
            self._socket.setEnabled(False)
        if self._notifier is not None:
            self._notifier.shutdown()

    def _buttons(self, notice: Notice, locked: bool) -> Sequence[tuple[str, str]]:
        from clientjournal.notify import DONE, OPEN, SNOOZE

        if locked or notice.digest:
            return ((OPEN, self.tr("Open")),)
        # The length in the label: a bare "Snooze" left the user guessing when it would come back.
        return ((SNOOZE, self.tr("Snooze 1 hour")), (DONE, self.tr("Done")), (OPEN, self.tr("Open")))

    def show(self, notices: Sequence[Notice], locked: bool) -> None:
        from clientjournal.notify import NotificationError

        show_names = self._show_names()
        now = self.scheduler.now()
        for notice in notices:
            summary, body = notice_texts(notice, locked=locked, show_names=show_names, now=now)
            try:
                notifier = self.notifier
                if notifier.available():
                    nid = notifier.notify(summary, body, self._buttons(notice, locked))
                    self.shown[nid] = () if locked else tuple(r.id for r in notice.reminders)
                    if locked:
                        self._while_locked.add(nid)
                    self.poll()  # events may have come with the reply
                    continue
            except NotificationError as exc:
                log.info("notification not shown (%s): using the tray", exc)
            self._fallback(summary, body)

    def ask_to_unlock(self) -> None:
        """One quiet notification: the app runs in the background, locked, and cannot see the reminders."""
        from clientjournal.notify import OPEN, NotificationError

        summary = self.tr("ClientJournal is running")
        body = self.tr("Unlock it to get your reminders.")
        try:
            notifier = self.notifier
            if notifier.available():
                nid = notifier.notify(summary, body, ((OPEN, self.tr("Unlock")),), urgency=0)
                self.shown[nid] = ()
                self._while_locked.add(nid)
                self.poll()
                return
        except NotificationError as exc:
            log.info("notification not shown (%s): using the tray", exc)
        self._fallback(summary, body)

    def notify_plain(self, summary: str, body: str) -> None:
        """A notification without buttons and not kept track of (it may outlive the app); else a tray message."""
        from clientjournal.notify import NotificationError

        try:
            notifier = self.notifier
            if notifier.available():
                notifier.notify(summary, body, (), urgency=0)
                return
        except NotificationError as exc:
            log.info("notification not shown (%s): using the tray", exc)
        self._fallback(summary, body)

    def close_stale(self) -> None:
        """Close the notifications that no longer hold, so none lingers on screen saying the wrong thing.

        Unlocked: "2 reminders — unlock to see them" (the window shows them now), and every notification none
        of whose reminders is due any more (done, snoozed or dismissed in the tray menu, the window's list or
        the command line). Locked: those showing names, for privacy, and their buttons could not be stored.
        """
        locked = self.scheduler.locked
        due = {r.id for r in self.scheduler.due}
        for nid, ids in list(self.shown.items()):
            shown_locked = nid in self._while_locked
            if (not locked) if shown_locked else (locked or not due.intersection(ids)):
                self._close(nid)

    def _fallback(self, summary: str, body: str) -> None:
        self.messages.append((summary, body))
        if self.tray is not None and self.tray.available:
            self.tray.icon.showMessage(summary, body, QSystemTrayIcon.MessageIcon.Information, 15_000)

    def poll(self) -> None:
        """Handle the notifier's events: buttons and closed notifications."""
        from clientjournal.notify import DEFAULT, OPEN

        if self._notifier is None:
            return
        try:
            events = self._notifier.poll()
        except Exception:
            log.warning("notification events could not be read", exc_info=True)
            if self._socket is not None:
                self._socket.setEnabled(False)
            return
        for event in events:
            if event.kind == "closed":
                self.shown.pop(event.notification_id, None)
                self._while_locked.discard(event.notification_id)
                continue
            ids = self.shown.get(event.notification_id, ())
            if event.action in (OPEN, DEFAULT):
                self.open_requested.emit()
            elif ids:
                from clientjournal.coach.reminder_state import Snooze

                # the button says "1 hour": say so here too rather than lean on the scheduler's default
                self.scheduler.respond(event.action, ids, Snooze.HOUR_1 if event.action == "snooze" else None)
                self._close(event.notification_id)

    def _close(self, notification_id: int) -> None:
        from clientjournal.notify import NotificationError

        self.shown.pop(notification_id, None)
        self._while_locked.discard(notification_id)
        with contextlib.suppress(NotificationError):
            self.notifier.close(notification_id)
        self.poll()
