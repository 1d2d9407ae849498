"""The dialog that edits the user's :class:`~clientjournal.ui.preferences.Preferences`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clientjournal.ui.errors import describe_error
from clientjournal.ui.preferences import (
    MAX_IDLE_MINUTES,
    Preferences,
    PreferencesNotifier,
    apply_color_scheme,
    load_preferences,
    save_preferences,
)
from clientjournal.ui.widgets import MessageLabel, heading, ok_cancel_buttons
from clientjournal.ui.worker import BackgroundWorker

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from clientjournal.services.session import VaultSession
    from clientjournal.ui.operations import Operation, Operations


class PreferencesDialog(QDialog):
    """Edits a :class:`Preferences`; :meth:`preferences` gives the result.

    Given ``forget_device`` (the operation that forgets this device; its result is True when the device had
    been remembered), it also offers "Forget this device", which takes effect at once rather than on OK.
    """

    tray_available: bool | None = None
    """Whether a tray exists (None: ask Qt); tests set it."""
    sender_name: QLineEdit | None = None
    """"Sign drafts as" (``ui.coach.sender``), with an open vault."""

    def __init__(  # noqa: PLR0915 - a form, built top to bottom
        self,
        preferences: Preferences,
        parent: QWidget | None = None,
        *,
        worker: BackgroundWorker | None = None,
        forget_device: Callable[[], Operation[bool]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._initial = preferences
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences — ClientJournal"))
        self.setMinimumWidth(440)
        # The sections scroll: with the backups and the drafts' signature the form is taller than a 720- or
        # 800-pixel screen, and Qt squeezed its rows to slivers (combo boxes 8 px high, notes cut to a line).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 16)
        outer.setSpacing(8)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self._scroll)
        body.setObjectName("preferencesBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 4)
        layout.setSpacing(12)
        self._body = layout
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
        self._add_reminder_rows(form, preferences)
        for combo in (self.language, self.scheme, self.close_action):
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
        self._add_autostart_rows(layout)
        self._add_device_rows(layout, worker, forget_device)
        layout.addStretch(1)
        layout.addSpacing(0)  # where the buttons were: sections added later go before the last two items
        self._scroll.setWidget(body)
        outer.addWidget(self._scroll, 1)

        self.buttons = ok_cancel_buttons(self)
        buttons_row = QHBoxLayout()
        buttons_row.setContentsMargins(24, 0, 24, 0)
        buttons_row.addWidget(self.buttons)
        outer.addLayout(buttons_row)
        self._fitted = False

    def layout(self) -> QVBoxLayout:
        """The scrolled body, where the sections added after construction go (``backup_preferences`` inserts
        before its last two items, ``coach.sender`` after its first form), as they did when it was the
        dialog's own layout."""
        return self._body

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:  # once: the sections are all there by now, and a size the user chose stays
            self._fitted = True
            self._fit_to_screen()
        super().showEvent(event)

    def _fit_to_screen(self) -> None:
        """As tall as the sections need, but no taller than the screen (the rest scrolls)."""
        body = self._scroll.widget()
        if body is None:
            return
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        width = max(self.minimumWidth(), body.minimumSizeHint().width() + bar)
        wanted = body.heightForWidth(width - bar) if body.hasHeightForWidth() else -1
        wanted = max(wanted, body.sizeHint().height())
        height = wanted + self.buttons.sizeHint().height() + 16 + 8 + 2
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            height = min(height, screen.availableGeometry().height() - 60)  # room for the title bar
        self.resize(width, height)

    def _add_reminder_rows(self, form: QFormLayout, preferences: Preferences) -> None:
        """Reminder notifications and what closing the window does (only the choices this desktop allows)."""
        from PySide6.QtWidgets import QCheckBox, QSystemTrayIcon

        self.show_names = QCheckBox(self.tr("Show client &names in notifications"), self)
        self.show_names.setChecked(preferences.show_names)
        form.addRow(self.tr("Reminders:"), self.show_names)
        tray = QSystemTrayIcon.isSystemTrayAvailable() if self.tray_available is None else self.tray_available
        self.close_action = QComboBox(self)
        self.close_action.setAccessibleName(self.tr("When I close the window"))
        if tray:
            self.close_action.addItem(self.tr("Keep running in the tray"), "tray")
        self.close_action.addItem(self.tr("Quit"), "quit")
        self.close_action.addItem(self.tr("Minimise"), "minimise")
        chosen = self.close_action.findData(preferences.close_action)
        self.close_action.setCurrentIndex(chosen if chosen >= 0 else self.close_action.findData("quit"))
        self._close_shown = self.close_action.currentIndex()  # "tray" kept for when a tray is there again
        form.addRow(self.tr("When I &close the window:"), self.close_action)
        self.no_tray_note = QLabel(
            self.tr(
                "This desktop shows no tray icons (GNOME needs the AppIndicator extension for them), so "
                "ClientJournal cannot keep running there: reminders show inside the window while it is open."
            ),
            self,
        )
        self.no_tray_note.setObjectName("hint")
        self.no_tray_note.setWordWrap(True)
        self.no_tray_note.setVisible(not tray)
        form.addRow("", self.no_tray_note)

    def _add_autostart_rows(self, layout: QVBoxLayout) -> None:
        """The "Start ClientJournal when I log in" row: the platform's own entry, written or removed at once (not
        on OK), and read back from the entry itself, so the box shows what is really there."""
        from PySide6.QtWidgets import QCheckBox

        from clientjournal.services.autostart import Autostart

        self._autostart = Autostart()
        self.autostart = QCheckBox(self.tr("Start ClientJournal when I log &in"), self)
        self.autostart_note = QLabel(self)
        self.autostart_note.setObjectName("hint")
        self.autostart_note.setWordWrap(True)
        self.autostart_message = MessageLabel(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Start-up:"), self.autostart)
        form.addRow("", self.autostart_note)
        form.addRow("", self.autostart_message)
        layout.addLayout(form)
        self._show_autostart()
        self.autostart.toggled.connect(self._set_autostart)

    def _show_autostart(self) -> None:
        enabled = self._autostart.is_enabled()
        self.autostart.blockSignals(True)
        self.autostart.setChecked(enabled)
        self.autostart.blockSignals(False)
        if not self._autostart.supported():
            self.autostart.setEnabled(False)
            note = self.tr(
                "Inside a Flatpak sandbox ClientJournal cannot add itself to your login: add it in your "
                "desktop's settings for start-up applications."
            )
        elif enabled:
            note = self.tr(
                "At login ClientJournal starts in the background, for your reminders (%1)."
            ).replace("%1", self._autostart.location())
        else:
            note = self.tr("Off: reminders come only while ClientJournal is running.")
        self.autostart_note.setText(note)

    def _set_autostart(self, enabled: bool) -> None:
        self.autostart_message.clear_message()
        try:
            self._autostart.set_enabled(enabled)
        except OSError as exc:
            self.autostart_message.show_error(
                self.tr("Start at login could not be changed: %1").replace("%1", exc.strerror or str(exc))
            )
        self._show_autostart()

    def _add_device_rows(
        self,
        layout: QVBoxLayout,
        worker: BackgroundWorker | None,
        forget_device: Callable[[], Operation[bool]] | None,
    ) -> None:
        """The "Forget this device" row, when there is an open vault to forget this device from."""
        self._worker = worker
        self._forget_device = forget_device
        self._closed = False
        self.forget_device_button = QPushButton(self.tr("&Forget this device"), self)
        self.device_message = MessageLabel(self)
        if forget_device is None:
            self.forget_device_button.hide()
            return
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.forget_device_button.clicked.connect(self._ask_to_forget_device)
        form.addRow(self.tr("This device:"), self.forget_device_button)
        hint = QLabel(
            self.tr(
                "Stops this device unlocking your journal without the passphrase. Unlocking then needs "
                "your passphrase or recovery key."
            ),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow("", self.device_message)
        layout.addLayout(form)

    def _ask_to_forget_device(self) -> None:
        """Ask first: once forgotten, unlocking needs the passphrase (or the recovery key) again."""
        answer = QMessageBox.question(
            self,
            self.tr("Forget this device?"),
            self.tr(
                "This device will no longer unlock your journal by itself. The next time you unlock it, you "
                "will need your passphrase or your recovery key."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.forget_device()

    def forget_device(self) -> None:
        """Forget this device (the File menu's operation); the dialog says what happened."""
        if self._forget_device is None:
            return
        self.forget_device_button.setEnabled(False)
        self.device_message.clear_message()
        self._forget_device().success(self._device_forgotten).failure(self._forget_failed).run()

    def _device_forgotten(self, forgotten: bool) -> None:
        if self._closed:
            return
        self.forget_device_button.setEnabled(True)
        if forgotten:
            self.device_message.show_info(
                self.tr("This device is forgotten: unlocking needs your passphrase from now on.")
            )
        else:
            self.device_message.show_info(
                self.tr("This device was not remembered, so there was nothing to forget.")
            )

    def _forget_failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self.forget_device_button.setEnabled(True)
        self.device_message.show_error(describe_error(exc))

    def done(self, result: int) -> None:
        self._closed = True  # a result arriving later must not touch the deleted dialog
        super().done(result)

    def preferences(self) -> Preferences:
        return Preferences(
            language=str(self.language.currentData()),
            idle_minutes=self.idle.value(),
            color_scheme=str(self.scheme.currentData()),
            show_names=self.show_names.isChecked(),
            close_action=self._initial.close_action
            if self.close_action.currentIndex() == self._close_shown
            else str(self.close_action.currentData()),
        )


def open_preferences(
    parent: QWidget | None,
    settings: QSettings,
    notifier: PreferencesNotifier | None = None,
    *,
    worker: BackgroundWorker | None = None,
    session: VaultSession | None = None,
    ops: Operations | None = None,
) -> PreferencesDialog:
    """Show the dialog (window-modal); on OK the preferences are stored, applied and announced on ``notifier``.

    With the window's ``ops`` and an open vault it also offers to forget this device.
    """
    forget_device: Callable[[], Operation[bool]] | None = None
    if ops is not None and ops.session() is not None:
        from clientjournal.ui import vaultops

        def forget_device() -> Operation[bool]:
            return vaultops.forget_this_device(ops)

    dialog = PreferencesDialog(load_preferences(settings), parent, worker=worker, forget_device=forget_device)
    if ops is not None and ops.session() is not None:
        from clientjournal.ui.backup_preferences import add_backup_section

        add_backup_section(dialog, ops)  # kept in the vault, saved on OK
    if ops is not None and ops.session() is not None:
        from clientjournal.ui.coach.sender import add_sender_name

        dialog.sender_name = add_sender_name(dialog, ops)  # a vault setting: the CLI signs with it too

    def accepted() -> None:
        chosen = dialog.preferences()
        save_preferences(settings, chosen)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_color_scheme(app, chosen.color_scheme)
        if notifier is not None:
            notifier.changed.emit(chosen)

    dialog.accepted.connect(accepted)
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()
    return dialog
