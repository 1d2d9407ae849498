"""The dialog that edits the user's :class:`~clientjournal.ui.preferences.Preferences`."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clientjournal.ui.preferences import (
    MAX_IDLE_MINUTES,
    Preferences,
    apply_color_scheme,
    load_preferences,
    preferences_notifier,
    save_preferences,
)
from clientjournal.ui.widgets import heading, ok_cancel_buttons


class PreferencesDialog(QDialog):
    """Edits a :class:`Preferences`; :meth:`preferences` gives the result."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
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
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

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

        self.buttons = ok_cancel_buttons(self)
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
