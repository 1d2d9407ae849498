"""What a new user hit trying reminders under Xvfb (a tray host, dunst, then no tray at all), each pinned down:

* a "2 reminders — unlock to see them" notification stayed on screen after unlocking, and one whose reminder was
  already done (in the tray menu, the window's list) kept offering Snooze and Done;
* the tray menu cut the due text of a coming reminder ("— Due t…") and listed it under "No reminders due";
* the notification's button said only "Snooze", not for how long;
* Preferences, with the backup and signature sections, was taller than the screen: Qt squeezed its rows to
  slivers (8-pixel combo boxes, the no-tray explanation cut to one line).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QSpinBox
from support.constants import PASSPHRASE, WAIT_MS, fixed_clock
from test_ui_reminders import NOW, RecordingNotifier, _promise, _promise_reminder, _stored, app_parts

from clientjournal.coach.reminder_state import Snooze
from clientjournal.domain import PromiseStatus
from clientjournal.notify import Event
from clientjournal.services.changes import VaultChanges
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.preferences_dialog import PreferencesDialog

__all__ = ["app_parts"]  # the fixture, shared with test_ui_reminders


def _single_notification(qtbot, scheduler, notifier: RecordingNotifier, clock) -> int:
    """Snooze the promise 10 minutes and let it come back: one notification with buttons; its id."""
    scheduler.snooze(_promise_reminder(scheduler).id, Snooze.MINUTES_10)
    qtbot.waitUntil(lambda: _promise_reminder(scheduler) not in scheduler.due, timeout=WAIT_MS)
    clock.now = NOW + timedelta(minutes=10, seconds=5)
    count = len(notifier.sent)
    scheduler.check_now()
    qtbot.waitUntil(lambda: len(notifier.sent) > count, timeout=WAIT_MS)
    nid, _summary, _body, buttons = notifier.sent[-1]
    assert buttons == ("snooze", "done", "open")
    return nid


def test_a_notification_closes_once_its_reminder_is_done_elsewhere(qtbot, app_parts):
    controller, center, scheduler, notifier, _window, clock = app_parts
    nid = _single_notification(qtbot, scheduler, notifier, clock)
    assert nid in center.notifications.shown
    center.panel.list.setCurrentRow(0)
    with qtbot.waitSignal(scheduler.responded, timeout=WAIT_MS):
        center.panel.done_button.click()  # Done in the window's list, not on the notification
    assert _stored(controller).promise.status is PromiseStatus.KEPT
    assert nid in notifier.closed and nid not in center.notifications.shown
    # its Done, pressed late, finds nothing to act on
    notifier.events.append(Event(nid, "action", action="snooze"))
    center.notifications.poll()
    controller.worker.wait_idle()
    assert _stored(controller).promise.status is PromiseStatus.KEPT


def test_the_locked_count_closes_on_unlock_and_named_ones_close_on_lock(qtbot, app_parts):
    controller, center, scheduler, notifier, window, clock = app_parts
    named = _single_notification(qtbot, scheduler, notifier, clock)
    window.ops.change(
        lambda s: s.journal.save_entry(_promise("e5", NOW.date() + timedelta(days=1), "Invoice")),
        VaultChanges.of_entries(["c1"]),
    ).run()
    qtbot.waitUntil(lambda: any(r.entry_id == "e5" for r in scheduler.upcoming), timeout=WAIT_MS)
    controller.worker.wait_idle()
    controller.lock()
    assert named in notifier.closed  # a name stays on screen no longer than the vault is open
    clock.now = NOW + timedelta(days=1)
    count = len(notifier.sent)
    scheduler.check_now()
    assert len(notifier.sent) == count + 1
    locked_id, summary, _body, _buttons = notifier.sent[-1]
    assert summary.endswith("unlock to see them") and locked_id not in notifier.closed

    from clientjournal.services.session import VaultSession

    controller.show_main(VaultSession(controller.vault, controller.vault.unlock(PASSPHRASE)))
    qtbot.waitUntil(lambda: not scheduler.locked and locked_id in notifier.closed, timeout=WAIT_MS)
    assert locked_id not in center.notifications.shown


def test_the_notification_says_how_long_snooze_lasts(qtbot, app_parts, monkeypatch):
    controller, center, scheduler, notifier, _window, clock = app_parts
    labels: list[dict[str, str]] = []
    send = notifier.notify

    def notify(summary: str, body: str = "", actions=(), **kw: object) -> int:
        labels.append(dict(actions))
        return send(summary, body, actions, **kw)

    monkeypatch.setattr(notifier, "notify", notify)
    nid = _single_notification(qtbot, scheduler, notifier, clock)
    assert labels[-1]["snooze"] == "Snooze 1 hour"
    notifier.events.append(Event(nid, "action", action="snooze"))
    with qtbot.waitSignal(scheduler.responded, timeout=WAIT_MS):
        center.notifications.poll()
    controller.worker.wait_idle()
    rid = _promise_reminder(scheduler).id
    assert controller.session.reminders.state().marks[rid].snoozed_until == clock.now + timedelta(hours=1)


def test_the_menu_keeps_a_coming_reminder_readable_under_its_own_heading(qtbot, app_parts):
    controller, center, scheduler, _notifier, window, _clock = app_parts
    long_text = "Send the revised landing page draft with the new photos and the pricing table " * 2
    window.ops.change(
        lambda s: s.journal.save_entry(_promise("e9", NOW.date() + timedelta(days=3), long_text)),
        VaultChanges.of_entries(["c1"]),
    ).run()
    qtbot.waitUntil(lambda: any(r.entry_id == "e9" for r in scheduler.upcoming), timeout=WAIT_MS)
    controller.worker.wait_idle()
    tray = center.tray
    tray.rebuild_menu()
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    coming = texts.index("Coming up")
    assert texts[1].endswith(" due") and coming > 1
    label = next(t for t in texts[coming + 1 :] if "Send the revised" in t)
    assert label.endswith("— Due 30 Nov") and "…" in label and len(label) <= 70


@pytest.mark.parametrize("tray", [True, False])
def test_preferences_fit_a_small_screen_without_squeezing_a_row(
    qtbot, worker, session, tmp_path, tray, monkeypatch
):
    from PySide6.QtCore import QSettings

    monkeypatch.setattr(PreferencesDialog, "tray_available", tray)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, worker, fixed_clock, settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.editor.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.sender_name is not None, timeout=WAIT_MS)
    worker.wait_idle()
    QApplication.processEvents()
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    fields = [
        w
        for t in (QComboBox, QLineEdit, QSpinBox)
        for w in dialog.findChildren(t)
        if w.isVisibleTo(dialog) and not isinstance(w.parentWidget(), QSpinBox)  # not a spin box's own line
    ]
    assert fields and all(w.height() >= w.minimumSizeHint().height() for w in fields), [
        (w.accessibleName() or w.objectName(), w.height())
        for w in fields
        if w.height() < w.minimumSizeHint().height()
    ]
    notes = [w for w in dialog.findChildren(QLabel) if w.wordWrap() and w.isVisibleTo(dialog) and w.text()]
    assert all(w.height() >= w.heightForWidth(w.width()) for w in notes)
    assert dialog.no_tray_note.isVisibleTo(dialog) is not tray
    dialog.reject()


def test_closing_without_a_tray_says_once_that_reminders_stop_with_the_app(qtbot, app_parts):
    controller, center, _scheduler, notifier, window, _clock = app_parts
    quits: list[bool] = []
    controller.quit_requested.connect(lambda: quits.append(True))
    center.closing.has_tray = lambda: False  # stock GNOME: the "tray" choice falls back to quitting
    for _time in range(2):
        count = len(notifier.sent)
        window.show()
        window.close()
        qtbot.waitUntil(lambda: bool(quits), timeout=WAIT_MS)
        quits.clear()
        new = notifier.sent[count:]
        if _time == 0:
            assert [(summary, buttons) for _nid, summary, _body, buttons in new] == [
                ("ClientJournal has quit", ())
            ]
            assert "Minimise" in new[0][2]
        else:
            assert new == []  # said once
