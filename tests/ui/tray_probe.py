"""Run by tests/ui/test_ui_tray_dbus.py in its own process, under Xvfb (QT_QPA_PLATFORM=xcb) and a private D-Bus
session bus where a fake StatusNotifierWatcher and python-dbusmock's notification server run.

It opens a vault with one promise due, starts the app's reminder centre with the real freedesktop notifier,
then presses the notification's Snooze and, after the snooze, Done, by making the mock server emit
``ActionInvoked``; it prints one JSON line of what it saw. With ``--screenshot DIR`` it also saves the tray
menu as DIR/tray-menu.png.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import unwrap_msg
from PySide6.QtCore import QElapsedTimer, QSettings
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from clientjournal.coach.reminder_state import Snooze
from clientjournal.crypto.kdf import KdfParams
from clientjournal.domain import Channel, Client, Entry, EntryKind, Promise, PromiseStatus
from clientjournal.notify.freedesktop import BUS_NAME, INTERFACE, OBJECT_PATH, FreedesktopNotifier
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.ui.controller import AppController
from clientjournal.ui.reminder_center import ReminderCenter
from clientjournal.ui.scheduler import ReminderScheduler
from clientjournal.ui.theme import app_icon
from clientjournal.ui.worker import BackgroundWorker

PASSPHRASE = "correct horse battery staple"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
MOCK = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface="org.freedesktop.DBus.Mock")


class Clock:
    now = NOW

    def __call__(self) -> datetime:
        return self.now


def press(notification_id: int, key: str) -> None:
    connection = open_dbus_connection(bus="SESSION")
    try:
        message = new_method_call(
            MOCK,
            "EmitSignal",
            "sssav",
            (INTERFACE, "ActionInvoked", "us", [("u", notification_id), ("s", key)]),
        )
        unwrap_msg(connection.send_and_get_reply(message, timeout=5))
    finally:
        connection.close()


def wait_until(app: QApplication, condition, timeout_ms: int = 10_000) -> bool:  # type: ignore[no-untyped-def]
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < timeout_ms:
        app.processEvents()
        if condition():
            return True
    return False


def panel_with_menu(icon, menu, sub, sub_top: int):  # type: ignore[no-untyped-def]
    """The menu as a panel shows it: a strip with the tray icon (its count drawn on) and the menu opened below
    the icon, its reminder's submenu beside it. Transparent around, so no grey filler shows."""
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap

    strip, gap, overlap = 30, 2, 4
    width = menu.width() + sub.width() - overlap + 16
    height = strip + gap + max(menu.height(), sub_top + sub.height())
    picture = QPixmap(width, height)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.fillRect(QRect(0, 0, width, strip), QColor("#2e3440"))
    painter.setPen(QColor("#eceff4"))
    painter.drawText(QRect(10, 0, 120, strip), Qt.AlignmentFlag.AlignVCenter, "10:00")
    icon_x = 12 + menu.width() // 2
    painter.drawPixmap(QPoint(icon_x, (strip - 22) // 2), icon.pixmap(22, 22))
    top = strip + gap
    painter.drawPixmap(QPoint(0, top), menu)
    painter.drawPixmap(QPoint(menu.width() - overlap, top + sub_top), sub)
    painter.end()
    return picture


def main(argv: list[str]) -> int:
    screenshots = Path(argv[argv.index("--screenshot") + 1]) if "--screenshot" in argv else None
    app = QApplication(["probe"])
    from clientjournal.ui.i18n import install_translators
    from clientjournal.ui.theme import apply_theme

    install_translators(app, "en")
    apply_theme(app)
    out: dict[str, object] = {"tray_available": QSystemTrayIcon.isSystemTrayAvailable()}
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'vault.sqlite3'}"
    vault, keys, _ = Vault.create(url, PASSPHRASE, clock=Clock(), kdf=KdfParams.minimum())
    setup = VaultSession(vault, keys)
    setup.journal.save_client(Client("c1", "Kari Nordmann"))
    setup.journal.save_entry(
        Entry("e1", "c1", NOW - timedelta(days=3), EntryKind.PROMISE, "Landing page draft", Channel.EMAIL,
              promise=Promise(date(2026, 11, 27)))
    )  # fmt: skip
    setup.journal.save_entry(
        Entry("e2", "c1", NOW - timedelta(days=2), EntryKind.PROMISE, "Send the invoice", Channel.EMAIL,
              promise=Promise(date(2026, 11, 30)))
    )  # fmt: skip
    worker = BackgroundWorker()
    clock = Clock()
    controller = AppController(
        url,
        clock,
        worker,
        settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat),
        watch_ms=None,
    )
    controller.vault = vault
    scheduler = ReminderScheduler(clock, zone=UTC, language="en", grace_ms=20, sleep_bus="")
    center = ReminderCenter(controller, clock, app_icon(), FreedesktopNotifier.connect, scheduler=scheduler)
    controller.show_main(VaultSession(vault, keys))
    notifications = center.notifications
    assert wait_until(app, lambda: bool(notifications.shown)), "no notification"
    out["tray_count"] = center.tray.count
    out["first"] = list(notifications.shown)
    if screenshots is not None:
        menu = center.tray.menu
        center.tray.rebuild_menu()
        menu.popup(menu.pos())
        item = next(a for a in menu.actions() if a.menu() is not None)
        menu.setActiveAction(item)
        item.menu().popup(menu.pos() + menu.actionGeometry(item).topRight())
        wait_until(app, lambda: False, 400)
        image = menu.grab()
        sub = item.menu().grab()
        both = panel_with_menu(center.tray.icon.icon(), image, sub, menu.actionGeometry(item).top())
        both.save(str(screenshots / "tray-menu.png"))
        item.menu().hide()
        menu.hide()

    # a single reminder's notification, 10 s after the promise's moment: Snooze, then Done
    clock.now = datetime(2026, 11, 27, 10, 0, 10, tzinfo=UTC)
    scheduler.snooze(next(r.id for r in scheduler.due if r.entry_id == "e1"), Snooze.MINUTES_10)
    wait_until(app, lambda: not worker.busy)
    clock.now += timedelta(minutes=10, seconds=5)
    before = set(notifications.shown)
    scheduler.check_now()
    assert wait_until(app, lambda: set(notifications.shown) - before), "no single notification"
    (nid,) = set(notifications.shown) - before
    responded: list[str] = []
    scheduler.responded.connect(lambda button, _ids: responded.append(button))
    press(nid, "snooze")
    assert wait_until(app, lambda: responded == ["snooze"]), "snooze not received"
    worker.wait_idle()
    session = controller.session
    assert session is not None
    rid = next(r.id for r in (*scheduler.due, *scheduler.upcoming) if r.entry_id == "e1")
    out["snoozed_until"] = session.reminders.state().marks[rid].snoozed_until.isoformat()  # type: ignore[union-attr]
    clock.now += timedelta(hours=1, seconds=5)
    before = set(notifications.shown)
    scheduler.check_now()
    assert wait_until(app, lambda: set(notifications.shown) - before), "not notified again"
    (nid,) = set(notifications.shown) - before
    press(nid, "done")
    assert wait_until(app, lambda: responded == ["snooze", "done"]), "done not received"
    worker.wait_idle()
    promise = session.journal.get_entry("c1", "e1").promise
    out["kept"] = promise is not None and promise.status is PromiseStatus.KEPT
    out["tray_count_after"] = center.tray.count
    center.shutdown()
    controller.shutdown()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
