"""Edit ▸ Preferences (language, auto-lock, colour scheme) and the idle auto-lock through the usual lock path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from support.constants import PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.domain import Client
from clientjournal.ui import theme
from clientjournal.ui.controller import AppController
from clientjournal.ui.idle import AutoLock, IdleWatcher
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.preferences import (
    DEFAULT_IDLE_MINUTES,
    Preferences,
    load_preferences,
    save_preferences,
)
from clientjournal.ui.preferences_dialog import PreferencesDialog


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _restore_scheme(qapp, monkeypatch) -> Iterator[None]:
    monkeypatch.delenv(theme.SCHEME_ENV, raising=False)
    yield
    theme.set_preferred_scheme("system")
    theme.apply_theme(qapp)


def test_preferences_default_and_round_trip(settings):
    assert load_preferences(settings) == Preferences("system", DEFAULT_IDLE_MINUTES, "system")
    save_preferences(settings, Preferences("nb", 0, "dark"))
    assert load_preferences(settings) == Preferences("nb", 0, "dark")
    settings.setValue("preferences/idleMinutes", "lots")
    settings.setValue("preferences/language", "klingon")
    assert load_preferences(settings) == Preferences("system", DEFAULT_IDLE_MINUTES, "dark")


def test_preferences_dialog_from_the_edit_menu_stores_and_applies(qtbot, worker, session, settings):
    window = MainWindow(session, worker, fixed_clock, settings=settings)
    qtbot.addWidget(window)
    window.show()
    action = window.editor.preferences_action
    assert action.shortcut().toString() == "Ctrl+,"
    assert action in window.editor.menu.actions()
    announced: list[Preferences] = []
    window.context.preferences.changed.connect(announced.append)
    try:
        action.trigger()
        dialog = window.findChild(PreferencesDialog)
        assert dialog is not None and dialog.isVisible()
        assert "ClientJournal" in dialog.windowTitle()
        assert dialog.idle.value() == DEFAULT_IDLE_MINUTES
        assert all(w.accessibleName() for w in (dialog.language, dialog.idle, dialog.scheme))
        assert not dialog.restart_note.isVisible()
        dialog.language.setCurrentIndex(dialog.language.findData("nb"))
        assert dialog.restart_note.isVisible()
        dialog.idle.setValue(3)
        dialog.scheme.setCurrentIndex(dialog.scheme.findData("dark"))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    finally:
        window.context.preferences.changed.disconnect(announced.append)
    assert load_preferences(settings) == Preferences("nb", 3, "dark")
    assert announced == [Preferences("nb", 3, "dark")]
    assert theme.is_dark()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80


def test_idle_watcher_is_reset_by_input_and_fires_when_idle(qtbot):
    watcher = IdleWatcher(400)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    target = QApplication.instance()
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher.start()
    try:
        for _ in range(8):  # 800 ms of typing: never idle for 400 ms
            qtbot.wait(100)
            qtbot.keyClick(field, Qt.Key.Key_A)
        assert not fired
        qtbot.waitUntil(lambda: bool(fired), timeout=2_000)
        assert field.text() == "a" * 8
    finally:
        watcher.stop()
    assert target is not None
    never = IdleWatcher(0)
    never.start()
    assert not never.running
    never.stop()


def test_auto_lock_drops_the_keys_and_clears_the_views(qtbot, worker, vault_url, existing_vault, settings):
    controller = AppController(vault_url, fixed_clock, worker, settings=settings)
    auto = AutoLock(controller, 60_000)
    controller.start()
    unlock = controller.unlock_dialog
    qtbot.waitUntil(unlock.passphrase.isEnabled, timeout=WAIT_MS)
    unlock.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(controller.main_window_shown, timeout=WAIT_MS):
        unlock.unlock_button.click()
    window = controller.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    controller.session.journal.save_client(Client("c1", "Kari"))
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        window.reload(select="c1")
    assert window.clients.rowCount() == 2
    assert auto.watcher.running

    auto.watcher.set_interval(300)  # as if the user chose a short time
    qtbot.waitUntil(lambda: controller.session is None, timeout=5_000)
    assert not auto.watcher.running
    assert window.clients.rowCount() == 0 and window.timeline.rowCount() == 0
    assert not window.isVisible()
    assert controller.unlock_dialog is not None and controller.unlock_dialog.isVisible()

    # Changing the preference reaches the running timer.
    controller.preferences.changed.emit(Preferences(idle_minutes=7))
    assert auto.watcher.interval_ms == 7 * 60_000
    controller.unlock_dialog.reject()
    controller.shutdown()
