"""The user's preferences (language, auto-lock, colour scheme) and the dialog that edits them.

They live in QSettings (the OS's usual place: registry, plist, ~/.config) because they say nothing about any
client. Client data, drafts included, never goes there: it stays encrypted inside the vault.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clientjournal.ui import theme
from clientjournal.ui.widgets import heading, mark_primary

LANGUAGES = ("system", "en", "nb")
SCHEMES = ("system", "light", "dark")
DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 240

_LANGUAGE_KEY = "preferences/language"
_IDLE_KEY = "preferences/idleMinutes"
_SCHEME_KEY = "preferences/colorScheme"


@dataclass(frozen=True, slots=True)
class Preferences:
    language: str = "system"
    """``system`` (follow the OS), ``en`` or ``nb``."""
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    """Lock after this many minutes without input; 0 never locks."""
    color_scheme: str = "system"
    """``system``, ``light`` or ``dark``."""


def _as_int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def load_preferences(settings: QSettings) -> Preferences:
    language = str(settings.value(_LANGUAGE_KEY, "system"))
    scheme = str(settings.value(_SCHEME_KEY, "system"))
    idle = _as_int(settings.value(_IDLE_KEY, DEFAULT_IDLE_MINUTES), DEFAULT_IDLE_MINUTES)
    return Preferences(
        language=language if language in LANGUAGES else "system",
        idle_minutes=min(max(idle, 0), MAX_IDLE_MINUTES),
        color_scheme=scheme if scheme in SCHEMES else "system",
    )


def save_preferences(settings: QSettings, preferences: Preferences) -> None:
    settings.setValue(_LANGUAGE_KEY, preferences.language)
    settings.setValue(_IDLE_KEY, preferences.idle_minutes)
    settings.setValue(_SCHEME_KEY, preferences.color_scheme)
    settings.sync()


class PreferencesNotifier(QObject):
    """Announces saved preferences to whoever applies them (the auto-lock timer, for one)."""

    changed = Signal(object)


_notifier: list[PreferencesNotifier] = []


def preferences_notifier() -> PreferencesNotifier:
    if not _notifier:
        _notifier.append(PreferencesNotifier())
    return _notifier[0]


def apply_color_scheme(app: QApplication, scheme: str) -> None:
    """Use the chosen scheme (or the OS's) for the palette and, where the platform allows, native frames."""
    theme.set_preferred_scheme(scheme)
    wanted = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(scheme, Qt.ColorScheme.Unknown)
    QGuiApplication.styleHints().setColorScheme(wanted)  # Unknown hands the choice back to the OS
    theme.apply_theme(app)


class PreferencesDialog(QDialog):
    """Edits a :class:`Preferences`; :meth:`preferences` gives the result."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - a form
        super().__init__(parent)
        self._initial = preferences
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences — ClientJournal"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Preferences"), self, level=2))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System default"), "system")
        self.language.addItem("English", "en")  # language names are written in their own language
        self.language.addItem("Norsk bokmål", "nb")
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        form.addRow(self.tr("&Language:"), self.language)

        self.idle = QSpinBox(self)
        self.idle.setAccessibleName(self.tr("Lock after idle minutes"))
        self.idle.setRange(0, MAX_IDLE_MINUTES)
        self.idle.setSpecialValueText(self.tr("Never"))
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setValue(preferences.idle_minutes)
        self.idle.setMinimumWidth(140)
        form.addRow(self.tr("Lock &after:"), self.idle)
        idle_hint = QLabel(
            self.tr("The journal locks itself after this long without keyboard or mouse use."), self
        )
        idle_hint.setObjectName("hint")
        idle_hint.setWordWrap(True)
        form.addRow("", idle_hint)

        self.scheme = QComboBox(self)
        self.scheme.setAccessibleName(self.tr("Colour scheme"))
        self.scheme.addItem(self.tr("Follow the system"), "system")
        self.scheme.addItem(self.tr("Light"), "light")
        self.scheme.addItem(self.tr("Dark"), "dark")
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(preferences.color_scheme)))
        form.addRow(self.tr("Colour &scheme:"), self.scheme)
        for combo in (self.language, self.scheme):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout.addLayout(form)

        self.restart_note = QLabel(self.tr("The new language is used from the next start."), self)
        self.restart_note.setObjectName("hint")
        self.restart_note.setWordWrap(True)
        self.restart_note.setVisible(False)
        self.language.currentIndexChanged.connect(
            lambda _i: self.restart_note.setVisible(self.language.currentData() != self._initial.language)
        )
        layout.addWidget(self.restart_note)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        mark_primary(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def preferences(self) -> Preferences:
        return Preferences(
            language=str(self.language.currentData()),
            idle_minutes=self.idle.value(),
            color_scheme=str(self.scheme.currentData()),
        )


def open_preferences(parent: QWidget | None, settings: QSettings) -> PreferencesDialog:
    """Show the dialog (window-modal); on OK the preferences are stored, applied and announced."""
    dialog = PreferencesDialog(load_preferences(settings), parent)

    def accepted() -> None:
        chosen = dialog.preferences()
        save_preferences(settings, chosen)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_color_scheme(app, chosen.color_scheme)
        preferences_notifier().changed.emit(chosen)

    dialog.accepted.connect(accepted)
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()
    return dialog
