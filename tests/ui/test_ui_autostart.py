"""Preferences ▸ "Start ClientJournal when I log in": ticking it writes the XDG autostart entry, unticking removes
it, and the box shows the entry's real state (a temporary XDG_CONFIG_HOME, never the user's own)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from clientjournal.services.desktop_entry import read_desktop_group
from clientjournal.ui.preferences import load_preferences
from clientjournal.ui.preferences_dialog import PreferencesDialog, open_preferences

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="checks the XDG entry")


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    return home


def test_ticking_start_at_login_writes_and_removes_the_entry(qtbot, tmp_path, config_home):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    entry = config_home / "autostart" / "clientjournal.desktop"
    dialog = open_preferences(None, settings)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, PreferencesDialog)
    assert dialog.autostart.isEnabled() and not dialog.autostart.isChecked()
    dialog.autostart.setChecked(True)  # takes effect at once
    assert entry.is_file()
    keys = read_desktop_group(entry)
    assert keys is not None and keys["Exec"].endswith("--background")
    assert str(entry) in dialog.autostart_note.text()
    dialog.autostart.setChecked(False)
    assert not entry.exists()
    dialog.reject()

    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text("[Desktop Entry]\nType=Application\nName=x\nExec=x\n", encoding="utf-8")
    again = PreferencesDialog(load_preferences(settings))
    qtbot.addWidget(again)
    assert again.autostart.isChecked()  # read from the entry itself
    entry.unlink()
    again2 = PreferencesDialog(load_preferences(settings))
    qtbot.addWidget(again2)
    assert not again2.autostart.isChecked()


def test_a_failure_is_shown_and_the_box_shows_the_real_state(qtbot, tmp_path, config_home):
    config_home.mkdir()
    (config_home / "autostart").write_text("a file where the folder should be", encoding="utf-8")
    from clientjournal.ui.preferences import Preferences

    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.autostart.setChecked(True)
    assert not dialog.autostart.isChecked()
    assert dialog.autostart_message.isVisible() and dialog.autostart_message.text()


def test_inside_flatpak_the_box_is_disabled(qtbot, config_home, monkeypatch):
    monkeypatch.setenv("FLATPAK_ID", "no.clientjournal.ClientJournal")
    from clientjournal.ui.preferences import Preferences

    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    assert not dialog.autostart.isEnabled()
    assert "Flatpak" in dialog.autostart_note.text()


def test_starting_the_reminders_rewrites_an_entry_left_by_a_moved_install(
    qtbot, qapp, worker, tmp_path, config_home
):
    from clientjournal.services.autostart import Autostart
    from clientjournal.services.desktop_entry import desktop_exec
    from clientjournal.ui.controller import AppController
    from clientjournal.ui.reminder_center import start_reminders

    entry = config_home / "autostart" / "clientjournal.desktop"
    entry.parent.mkdir(parents=True)
    stale = (
        "[Desktop Entry]\nType=Application\nName=ClientJournal\nExec=/old/place/clientjournal --background\n"
    )
    entry.write_text(stale, encoding="utf-8")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    controller = AppController(f"sqlite:///{tmp_path}/vault.sqlite3", lambda: None, worker, settings=settings)
    quits_on_last_window = qapp.quitOnLastWindowClosed()
    try:
        center = start_reminders(qapp, controller, lambda: None, settings)
        worker.wait_idle()
        qtbot.waitUntil(lambda: "/old/place" not in entry.read_text(encoding="utf-8"), timeout=5_000)
        keys = read_desktop_group(entry)
        assert keys is not None and keys["Exec"] == desktop_exec(Autostart().command())
        center.shutdown()
    finally:
        qapp.setQuitOnLastWindowClosed(quits_on_last_window)
