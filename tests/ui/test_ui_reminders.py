"""Reminders in the window (issue #10): the scheduler, the tray's count and menu, notifications and their buttons,
the locked text, the in-window list and closing where no tray exists. Offscreen, with a recording notifier;
tests/ui/test_ui_tray_dbus.py does the same against a real D-Bus session (a mock notification server and a fake
StatusNotifierWatcher under Xvfb)."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from support.constants import PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.coach.reminder_state import Snooze
from clientjournal.crypto.kdf import KdfParams
from clientjournal.domain import Channel, Client, Entry, EntryKind, Promise, PromiseStatus
from clientjournal.notify import Event
from clientjournal.services import access
from clientjournal.services.changes import VaultChanges
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.ui.controller import AppController
from clientjournal.ui.preferences import Preferences
from clientjournal.ui.preferences_dialog import PreferencesDialog
from clientjournal.ui.reminder_center import ReminderCenter
from clientjournal.ui.scheduler import ReminderScheduler
from clientjournal.ui.theme import app_icon
from clientjournal.ui.tray import ReminderTray

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class RecordingNotifier:
    """A Notifier that records what it shows; ``press`` queues a button event as a server would send it."""

    sent: list[tuple[int, str, str, tuple[str, ...]]] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def available(self) -> bool:
        return True

    def capabilities(self) -> frozenset[str]:
        return frozenset({"actions", "body"})

    def notify(
        self, summary: str, body: str = "", actions: Sequence[tuple[str, str]] = (), **_kw: object
    ) -> int:
        nid = len(self.sent) + 1
        self.sent.append((nid, summary, body, tuple(key for key, _label in actions)))
        return nid

    def close(self, notification_id: int) -> None:
        self.closed.append(notification_id)

    def fileno(self) -> int:
        return -1

    def poll(self, timeout: float = 0.0) -> list[Event]:
        found, self.events = self.events, []
        return found

    def shutdown(self) -> None:
        pass


def _promise(entry_id: str, due: date, text: str = "Landing page draft") -> Entry:
    return Entry(entry_id, "c1", NOW - timedelta(days=3), EntryKind.PROMISE, text, Channel.EMAIL,
                 promise=Promise(due))  # fmt: skip


@pytest.fixture
def app_parts(qtbot, worker, vault_url, tmp_path: Path) -> Iterator[tuple]:
    vault, keys, _ = Vault.create(vault_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    setup = VaultSession(vault, keys)
    setup.journal.save_client(Client("c1", "Kari Nordmann"))
    setup.journal.save_entry(_promise("e1", NOW.date()))
    clock = Clock(NOW)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    controller = AppController(vault_url, clock, worker, settings=settings, watch_ms=None)
    controller.vault = vault
    notifier = RecordingNotifier()
    scheduler = ReminderScheduler(clock, zone=UTC, language="en", grace_ms=20, sleep_bus="")
    center = ReminderCenter(
        controller, clock, app_icon(), lambda: notifier, settings=settings, scheduler=scheduler,
        has_tray=lambda: True,
    )  # fmt: skip
    window = controller.show_main(VaultSession(vault, keys))
    qtbot.addWidget(window, before_close_func=lambda _w: worker.wait_idle())
    qtbot.waitUntil(lambda: bool(scheduler.due), timeout=WAIT_MS)
    yield controller, center, scheduler, notifier, window, clock
    center.shutdown()
    worker.wait_idle()
    controller.shutdown()


def _promise_reminder(scheduler: ReminderScheduler, entry_id: str = "e1"):
    return next(r for r in (*scheduler.due, *scheduler.upcoming) if r.entry_id == entry_id)


def _stored(controller: AppController, entry_id: str = "e1") -> Entry:
    controller.worker.wait_idle()
    assert controller.session is not None
    return controller.session.journal.get_entry("c1", entry_id)


def test_the_tray_counts_due_reminders_and_follows_a_save(qtbot, app_parts):
    _controller, center, scheduler, _notifier, window, _clock = app_parts
    before = center.tray.count
    assert before == len(scheduler.due) >= 1
    assert "reminder" in center.tray.icon.toolTip()
    started = time.monotonic()
    window.ops.change(
        lambda s: s.journal.save_entry(_promise("e2", NOW.date() - timedelta(days=1), "Invoice")),
        VaultChanges.of_entries(["c1"]),
    ).run()
    qtbot.waitUntil(lambda: center.tray.count == before + 1, timeout=WAIT_MS)
    assert time.monotonic() - started < 1.0
    assert any(r.entry_id == "e2" for r in scheduler.due)
    # the in-window list shows the same
    assert center.panel is not None and not center.panel.isHidden()
    assert set(center.panel.reminder_ids()) == {r.id for r in scheduler.due}


def test_the_count_does_not_wait_for_slower_views(qtbot, app_parts):
    controller, _center, _scheduler, _notifier, window, clock = app_parts
    # A view whose refresh takes long (the whole timeline and the coach take seconds on a large vault), listening
    # before the tray does, as the window's own views do: they are connected when the window is made.
    window.hub.vault_changed.connect(lambda _c: window.ops.query(lambda _s: time.sleep(1.2)).run(quiet=True))
    scheduler = ReminderScheduler(clock, zone=UTC, language="en", sleep_bus="")
    tray = ReminderTray(scheduler, app_icon())
    scheduler.attach(window.ops, window.hub)
    qtbot.waitUntil(lambda: tray.count > 0 and not controller.worker.busy, timeout=WAIT_MS)
    before = tray.count
    started = time.monotonic()
    window.ops.change(
        lambda s: s.journal.save_entry(_promise("e2", NOW.date() - timedelta(days=1), "Invoice")),
        VaultChanges.of_entries(["c1"]),
    ).run()
    qtbot.waitUntil(lambda: tray.count == before + 1, timeout=WAIT_MS)
    assert time.monotonic() - started < 1.0
    scheduler.stop()
    tray.shutdown()


def test_a_promise_saved_from_outside_reaches_the_tray(qtbot, app_parts, vault_url):
    controller, center, _scheduler, _notifier, window, _clock = app_parts
    window.watch_external_changes(100)
    before = center.tray.count
    other_vault = Vault.open(vault_url, clock=fixed_clock)
    other = VaultSession(other_vault, other_vault.unlock(PASSPHRASE))  # e.g. clientjournal-cli import
    try:
        other.journal.save_entry(_promise("e9", NOW.date() - timedelta(days=2), "Send the contract"))
    finally:
        other.close()
    qtbot.waitUntil(lambda: center.tray.count == before + 1, timeout=WAIT_MS)
    window.stop_watching()
    controller.worker.wait_idle()


def test_the_menu_lists_reminders_with_snooze_and_done(qtbot, app_parts):
    controller, center, scheduler, _notifier, _window, _clock = app_parts
    tray = center.tray
    tray.menu.aboutToShow.emit()  # built from the current state each time it opens
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts[0] == "&Open ClientJournal"
    assert texts[-3:] == ["&New entry…", "&Lock", "&Quit"]
    reminder = _promise_reminder(scheduler)
    item = next(a for a in tray.menu.actions() if a.menu() is not None and "Landing page" in a.text())
    assert "Kari Nordmann" in item.text()
    sub = [a.text() for a in item.menu().actions() if not a.isSeparator()]
    assert sub == ["Snooze &10 minutes", "Snooze 1 &hour", "Snooze until &tomorrow morning", "&Done"]

    next(a for a in item.menu().actions() if a.text() == "Snooze &10 minutes").trigger()
    qtbot.waitUntil(lambda: reminder.id not in [r.id for r in scheduler.due], timeout=WAIT_MS)
    controller.worker.wait_idle()
    mark = controller.session.reminders.state().marks[reminder.id]
    assert mark.snoozed_until == NOW + timedelta(minutes=10)

    tray.rebuild_menu()
    item = next(a for a in tray.menu.actions() if a.menu() is not None and "Landing page" in a.text())
    with qtbot.waitSignal(scheduler.responded, timeout=WAIT_MS):
        next(a for a in item.menu().actions() if a.text() == "&Done").trigger()
    assert _stored(controller).promise.status is PromiseStatus.KEPT
    assert reminder.id not in [r.id for r in (*scheduler.due, *scheduler.upcoming)]


def test_notification_buttons_snooze_and_done(qtbot, app_parts):
    controller, center, scheduler, notifier, _window, clock = app_parts
    (nid, summary, _body, buttons), *_rest = notifier.sent
    assert summary.endswith("while you were away") and buttons == ("open",)  # a digest: Open only
    scheduler.snooze(_promise_reminder(scheduler).id, Snooze.MINUTES_10)
    qtbot.waitUntil(lambda: not controller.worker.busy, timeout=WAIT_MS)
    clock.now = NOW + timedelta(minutes=10, seconds=5)
    count = len(notifier.sent)
    scheduler.check_now()
    qtbot.waitUntil(lambda: len(notifier.sent) > count, timeout=WAIT_MS)
    nid, summary, body, buttons = notifier.sent[-1]
    # The title says "Promise due today: …", so the body does not repeat "Due today".
    assert summary == "Kari Nordmann: Promise due today: Landing page draft" and body == ""
    assert buttons == ("snooze", "done", "open")

    notifier.events.append(Event(nid, "action", action="snooze"))
    with qtbot.waitSignal(scheduler.responded, timeout=WAIT_MS):
        center.notifications.poll()
    rid = _promise_reminder(scheduler).id
    controller.worker.wait_idle()
    assert controller.session.reminders.state().marks[rid].snoozed_until == clock.now + timedelta(hours=1)
    assert nid in notifier.closed

    clock.now += timedelta(hours=1, seconds=5)
    scheduler.check_now()
    qtbot.waitUntil(lambda: notifier.sent[-1][0] != nid, timeout=WAIT_MS)
    again = notifier.sent[-1][0]
    notifier.events.append(Event(again, "action", action="done"))
    with qtbot.waitSignal(center.controller.window.timeline_loaded, timeout=WAIT_MS):
        center.notifications.poll()  # the change is announced: the timeline reads the kept promise again
    assert _stored(controller).promise.status is PromiseStatus.KEPT


def test_locked_notifications_say_only_how_many(qtbot, app_parts):
    controller, center, scheduler, notifier, window, clock = app_parts
    scheduler.snooze(_promise_reminder(scheduler).id, Snooze.MINUTES_10)
    qtbot.waitUntil(lambda: not controller.worker.busy, timeout=WAIT_MS)
    controller.lock()
    assert scheduler.locked and all(r.client_name == "" and r.title == "" for r in scheduler.due)
    assert not controller.unlock_dialog.isVisible() or window.isVisible() is False
    clock.now = NOW + timedelta(minutes=11)
    count = len(notifier.sent)
    scheduler.check_now()
    assert len(notifier.sent) == count + 1
    _nid, summary, body, buttons = notifier.sent[-1]
    assert summary.startswith("1 reminder") and summary.endswith(" — unlock to see them") and body == ""
    assert buttons == ("open",)
    assert "Kari" not in center.tray.icon.toolTip() and "locked" in center.tray.icon.toolTip()
    center.tray.rebuild_menu()
    assert not any("Kari" in a.text() for a in center.tray.menu.actions())
    center.ask_to_unlock_if_locked()  # a background start that found no remembered device
    assert notifier.sent[-1][1:] == (
        "ClientJournal is running",
        "Unlock it to get your reminders.",
        ("open",),
    )


def test_a_reminder_shown_while_locked_does_not_fire_again_after_unlocking(qtbot, app_parts):
    controller, _center, scheduler, notifier, _window, clock = app_parts
    rid = _promise_reminder(scheduler).id
    scheduler.snooze(rid, Snooze.MINUTES_10)
    qtbot.waitUntil(lambda: not controller.worker.busy, timeout=WAIT_MS)
    controller.lock()
    clock.now = NOW + timedelta(minutes=11)
    count = len(notifier.sent)
    scheduler.check_now()
    assert len(notifier.sent) == count + 1  # "1 reminder — unlock to see them"

    clock.now = NOW + timedelta(minutes=12)
    controller.show_main(access.unlock(controller.vault, PASSPHRASE))
    qtbot.waitUntil(lambda: not scheduler.locked and any(r.id == rid for r in scheduler.due), timeout=WAIT_MS)
    controller.worker.wait_idle()
    qtbot.wait(50)
    assert len(notifier.sent) == count + 1  # not again, now with the client's name
    mark = controller.session.reminders.state().marks[rid]
    assert mark.notified_at == NOW + timedelta(
        minutes=10
    )  # remembered in the vault: a restart stays quiet too


def test_names_can_be_left_out_of_notifications(qtbot, app_parts):
    _controller, center, scheduler, notifier, _window, _clock = app_parts
    center.preferences = Preferences(show_names=False)
    scheduler.notices_ready.emit(
        (type("N", (), {"reminders": (_promise_reminder(scheduler),), "digest": False, "missed": False})(),),
        False,
    )
    assert "Kari" not in notifier.sent[-1][1] and "Landing page draft" in notifier.sent[-1][1]


def test_closing_keeps_running_in_the_tray_only_where_there_is_one(qtbot, app_parts):
    controller, center, _scheduler, _notifier, window, _clock = app_parts
    quits: list[bool] = []
    controller.quit_requested.connect(lambda: quits.append(True))
    window.close()
    assert window.isHidden() and not quits  # in the tray

    window.show()
    center.closing.has_tray = lambda: False  # e.g. GNOME without the AppIndicator extension
    window.close()
    qtbot.waitUntil(lambda: bool(quits), timeout=WAIT_MS)  # quits as usual: never hidden into nowhere

    quits.clear()
    window.show()
    center.closing.preferences = Preferences(close_action="minimise")
    window.close()
    assert window.isVisible() and window.isMinimized() and not quits
    assert center.panel is not None and not center.panel.isHidden()  # reminders show inside the window


def test_a_far_future_reminder_does_not_overflow_the_timer(qtbot, app_parts):
    controller, _center, scheduler, _notifier, window, _clock = app_parts
    for reminder in list(scheduler.due):
        scheduler.dismiss(reminder.id)
    window.ops.change(
        lambda s: s.journal.save_entry(_promise("e3", NOW.date() + timedelta(days=60), "Yearly review")),
        VaultChanges.of_entries(["c1"]),
    ).run()
    qtbot.waitUntil(lambda: any(r.entry_id == "e3" for r in scheduler.upcoming), timeout=WAIT_MS)
    controller.worker.wait_idle()
    qtbot.wait(50)
    assert 0 < scheduler.single_shot_ms <= 6 * 3600 * 1000 < 2**31 - 1


def test_a_wall_clock_jump_gives_one_digest(qtbot, app_parts):
    controller, _center, scheduler, notifier, window, clock = app_parts
    for day in (1, 2):
        window.ops.change(
            lambda s, d=day: s.journal.save_entry(
                _promise(f"later{d}", NOW.date() + timedelta(days=d), f"Task {d}")
            ),
            VaultChanges.of_entries(["c1"]),
        ).run()
    qtbot.waitUntil(lambda: len(scheduler.upcoming) >= 2, timeout=WAIT_MS)
    controller.worker.wait_idle()
    count = len(notifier.sent)
    clock.now = NOW + timedelta(days=3)  # the computer slept (or the clock jumped)
    scheduler._ticked()  # the coarse timer's next tick sees the gap
    assert len(notifier.sent) == count  # waits the grace period first
    qtbot.waitUntil(lambda: len(notifier.sent) > count, timeout=WAIT_MS)
    qtbot.wait(50)
    new = notifier.sent[count:]
    assert len(new) == 1
    _nid, summary, body, _buttons = new[0]
    assert "while you were away" in summary and "Task 1" in body and "Task 2" in body


def test_background_is_a_command_line_option():
    from clientjournal.app import _parse_args

    assert _parse_args(["--background"]).background and not _parse_args([]).background


@pytest.mark.parametrize("tray", [True, False])
def test_preferences_offer_what_this_desktop_allows(qtbot, tray, monkeypatch):
    monkeypatch.setattr(PreferencesDialog, "tray_available", tray)
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    choices = [dialog.close_action.itemData(i) for i in range(dialog.close_action.count())]
    assert choices == (["tray", "quit", "minimise"] if tray else ["quit", "minimise"])
    assert dialog.no_tray_note.isHidden() is tray
    assert dialog.show_names.isChecked()
    dialog.show_names.setChecked(False)
    chosen = dialog.preferences()
    assert chosen.show_names is False and chosen.close_action == "tray"  # unchanged: kept for a later tray
    dialog.close_action.setCurrentIndex(dialog.close_action.findData("minimise"))
    assert dialog.preferences().close_action == "minimise"


def test_on_windows_a_reminder_is_a_toast_from_the_tray(qtbot, app_parts, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    from clientjournal.notify import default_notifier
    from clientjournal.ui.tray import ReminderNotifications

    _controller, center, scheduler, _notifier, _window, _clock = app_parts
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    toasts: list[tuple[str, str]] = []
    monkeypatch.setattr(center.tray.icon, "showMessage", lambda s, b, *_a: toasts.append((s, b)))
    notifications = ReminderNotifications(
        scheduler,
        center.tray,
        lambda: default_notifier(show_message=center.tray.show_message, platform="win32"),
    )
    reminder = _promise_reminder(scheduler)
    scheduler.notices_ready.emit(
        (type("N", (), {"reminders": (reminder,), "digest": False, "missed": False})(),), False
    )
    ((summary, body),) = toasts
    assert summary == "Kari Nordmann: Promise due today: Landing page draft" and body == ""
    assert notifications.messages == []  # shown through the notifier, not the fallback
    opened: list[bool] = []
    center.tray.open_requested.connect(lambda: opened.append(True))
    center.tray.icon.messageClicked.emit()  # a click on the toast opens the window
    assert opened
