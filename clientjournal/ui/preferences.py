"""The user's preferences (language, auto-lock, colour scheme): stored, loaded, applied and announced.

They live in QSettings because they say nothing about any client. Client data, autosaved entries included, never
goes there: it stays encrypted inside the vault. The dialog that edits them is in
:mod:`~clientjournal.ui.preferences_dialog`, so starting the app does not load its widgets.

Two kinds, two places:

* **App-wide** (this desktop, whichever vault is open): language, colour scheme, what closing the window does, the
  window's geometry, the timeline's grouping. In the OS's usual place (registry, plist, ``~/.config``).
* **Per vault** (:data:`VAULT_KEYS`: auto-lock minutes, client names in notifications): how private a journal must
  be is a property of that journal, so a work vault and a test vault (``CLIENTJOURNAL_DATA_DIR``) keep their own.
  They live in ``preferences.ini`` (0600) in the vault's data folder, once :func:`use_vault_preferences` tied the
  app-wide settings to it; :func:`load_preferences` and :func:`save_preferences` then read and write them there.
  A data folder without the file starts from the app-wide values (where every version before this one kept them):
  the migration is a silent copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from PySide6 import QtCore
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from clientjournal.ui import theme

LANGUAGES = ("system", "en", "nb")
SCHEMES = ("system", "light", "dark")
CLOSE_ACTIONS = ("tray", "quit", "minimise")
"""What closing the window does: keep running in the tray (only where a tray exists), quit, or minimise."""
DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 240

_LANGUAGE_KEY = "preferences/language"
_IDLE_KEY = "preferences/idleMinutes"
_SCHEME_KEY = "preferences/colorScheme"
_NAMES_KEY = "preferences/notificationNames"
_CLOSE_KEY = "preferences/closeAction"

VAULT_KEYS = (_IDLE_KEY, _NAMES_KEY)
"""The preferences kept per vault (see the module docstring)."""
VAULT_PREFERENCES_FILE = "preferences.ini"
_VAULT_FILE_PROPERTY = "clientjournalVaultPreferences"
"""The dynamic property of the app-wide QSettings naming the vault's file (set by :func:`use_vault_preferences`)."""


class Preferences(NamedTuple):  # not a dataclass: importing dataclasses delays the first window
    language: str = "system"
    """``system`` (follow the OS), ``en`` or ``nb``."""
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    """Lock after this many minutes without input; 0 never locks."""
    color_scheme: str = "system"
    """``system``, ``light`` or ``dark``."""
    show_names: bool = True
    """Reminder notifications name the client (while unlocked; locked ones only ever say how many)."""
    close_action: str = "tray"
    """One of :data:`CLOSE_ACTIONS`; ``tray`` acts as ``quit`` where no tray exists."""


def _as_int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def use_vault_preferences(settings: QSettings, data_dir: Path) -> Path:
    """Keep the per-vault preferences of ``settings`` (the app-wide ones) in ``data_dir``'s own file from now on;
    a new file starts from the app-wide values. Returns the file."""
    from clientjournal.private_files import private_file

    path = data_dir / VAULT_PREFERENCES_FILE
    if not path.exists():
        private_file(path)  # 0600 before QSettings writes it (its safe-save keeps the mode)
        vault = QSettings(str(path), QSettings.Format.IniFormat)
        for key in VAULT_KEYS:
            if settings.contains(key):
                vault.setValue(key, settings.value(key))
        vault.sync()
    settings.setProperty(_VAULT_FILE_PROPERTY, str(path))
    return path


def vault_settings(settings: QSettings) -> QSettings:
    """Where the per-vault preferences of ``settings`` live: the vault's file, or ``settings`` itself when none
    was tied to it (tests, tools)."""
    path = settings.property(_VAULT_FILE_PROPERTY)
    return QSettings(str(path), QSettings.Format.IniFormat) if path else settings


def load_preferences(settings: QSettings) -> Preferences:
    vault = vault_settings(settings)
    language = str(settings.value(_LANGUAGE_KEY, "system"))
    scheme = str(settings.value(_SCHEME_KEY, "system"))
    idle = _as_int(vault.value(_IDLE_KEY, DEFAULT_IDLE_MINUTES), DEFAULT_IDLE_MINUTES)
    return Preferences(
        language=language if language in LANGUAGES else "system",
        idle_minutes=min(max(idle, 0), MAX_IDLE_MINUTES),
        color_scheme=scheme if scheme in SCHEMES else "system",
        show_names=str(vault.value(_NAMES_KEY, "true")).lower() not in {"false", "0"},
        close_action=close if (close := str(settings.value(_CLOSE_KEY, "tray"))) in CLOSE_ACTIONS else "tray",
    )


def save_preferences(settings: QSettings, preferences: Preferences) -> None:
    vault = vault_settings(settings)
    settings.setValue(_LANGUAGE_KEY, preferences.language)
    vault.setValue(_IDLE_KEY, preferences.idle_minutes)
    settings.setValue(_SCHEME_KEY, preferences.color_scheme)
    vault.setValue(_NAMES_KEY, preferences.show_names)
    settings.setValue(_CLOSE_KEY, preferences.close_action)
    settings.sync()
    vault.sync()


class PreferencesNotifier(QObject):
    """Announces saved preferences to whoever applies them (the auto-lock timer, for one).

    One belongs to the app's controller (the composition root makes it); windows get it through their context.
    """

    changed = Signal(object)


def apply_color_scheme(app: QApplication, scheme: str) -> None:
    """Use the chosen scheme (or the OS's) for the palette and, where the platform allows, native frames."""
    previous = theme.preferred_scheme()
    theme.set_preferred_scheme(scheme)
    # Qt is told only of a change: "system" from the start hands nothing back to the OS, and not touching
    # Qt.ColorScheme spares building PySide6's Qt namespace (~60 ms) before the first window (hence QtCore.Qt,
    # looked up only here, rather than Qt imported with the module).
    if theme.preferred_scheme() != previous:
        schemes = QtCore.Qt.ColorScheme
        wanted = {"light": schemes.Light, "dark": schemes.Dark}.get(scheme, schemes.Unknown)
        QGuiApplication.styleHints().setColorScheme(wanted)  # Unknown hands the choice back to the OS
    theme.apply_theme(app)
