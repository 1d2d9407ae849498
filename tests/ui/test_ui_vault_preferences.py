"""Preferences that belong to a vault (auto-lock, client names in notifications) live in its data folder; the
app-wide ones (language, colour scheme, closing the window) stay shared. Older app-wide values move silently."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtCore import QSettings

from clientjournal.ui.preferences import (
    VAULT_PREFERENCES_FILE,
    Preferences,
    load_preferences,
    save_preferences,
    use_vault_preferences,
)


def _app_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "app.ini"), QSettings.Format.IniFormat)


def test_each_vault_keeps_its_own_auto_lock_and_privacy(qapp, tmp_path):
    work, test = tmp_path / "work", tmp_path / "test"
    work.mkdir()
    test.mkdir()
    before = _app_settings(tmp_path)  # what an older version saved, for every vault
    save_preferences(before, Preferences(language="nb", idle_minutes=5, show_names=False))

    at_work = _app_settings(tmp_path)
    use_vault_preferences(at_work, work)
    assert load_preferences(at_work) == Preferences(
        language="nb", idle_minutes=5, show_names=False
    )  # migrated
    save_preferences(
        at_work, Preferences(language="en", idle_minutes=2, show_names=False, color_scheme="dark")
    )

    in_test = _app_settings(tmp_path)
    use_vault_preferences(in_test, test)
    seen = load_preferences(in_test)
    assert (seen.idle_minutes, seen.show_names) == (5, False)  # not the work vault's 2 minutes
    assert (seen.language, seen.color_scheme) == ("en", "dark")  # app-wide: shared
    save_preferences(in_test, seen._replace(idle_minutes=30, show_names=True))

    again = _app_settings(tmp_path)
    use_vault_preferences(again, work)
    assert load_preferences(again) == Preferences(
        language="en", idle_minutes=2, show_names=False, color_scheme="dark"
    )


def test_the_vault_file_is_private_and_stays_so(qapp, tmp_path):
    settings = _app_settings(tmp_path)
    path = use_vault_preferences(settings, tmp_path)
    assert path == tmp_path / VAULT_PREFERENCES_FILE
    save_preferences(settings, Preferences(idle_minutes=7))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "idleMinutes=7" in path.read_text(encoding="utf-8")
    assert "idleMinutes" not in (tmp_path / "app.ini").read_text(encoding="utf-8")
