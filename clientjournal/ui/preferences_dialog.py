"""The dialog that edits the user's :class:`~clientjournal.ui.preferences.Preferences`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
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
    from clientjournal.services.session import VaultSession


class PreferencesDialog(QDialog):
    """Edits a :class:`Preferences`; :meth:`preferences` gives the result.

    Given ``forget_device`` (run on ``worker``; True when the device had been remembered), it also offers
    "Forget this device", which takes effect at once rather than on OK.
    """

    def __init__(
        self,
        preferences: Preferences,
        parent: QWidget | None = None,
        *,
        worker: BackgroundWorker | None = None,
        forget_device: Callable[[], bool] | None = None,
    ) -> None:
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
        self._add_device_rows(layout, worker, forget_device)
        layout.addStretch(1)

        self.buttons = ok_cancel_buttons(self)
        layout.addWidget(self.buttons)

    def _add_device_rows(
        self, layout: QVBoxLayout, worker: BackgroundWorker | None, forget_device: Callable[[], bool] | None
    ) -> None:
        """The "Forget this device" row, when there is a device to forget and a worker to do it."""
        self._worker = worker
        self._forget_device = forget_device
        self._closed = False
        self.forget_device_button = QPushButton(self.tr("&Forget this device"), self)
        self.device_message = MessageLabel(self)
        if worker is None or forget_device is None:
            self.forget_device_button.hide()
            return
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.forget_device_button.clicked.connect(self.forget_device)
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

    def forget_device(self) -> None:
        """Forget this device on the worker; the dialog says what happened."""
        if self._worker is None or self._forget_device is None:
            return
        self.forget_device_button.setEnabled(False)
        self.device_message.clear_message()
        self._worker.run(self._forget_device, self._device_forgotten, self._forget_failed)

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
        )


def open_preferences(
    parent: QWidget | None,
    settings: QSettings,
    notifier: PreferencesNotifier | None = None,
    *,
    worker: BackgroundWorker | None = None,
    session: VaultSession | None = None,
) -> PreferencesDialog:
    """Show the dialog (window-modal); on OK the preferences are stored, applied and announced on ``notifier``.

    With a ``worker`` and an unlocked ``session`` it also offers to forget this device.
    """
    forget_device: Callable[[], bool] | None = None
    if session is not None:
        from clientjournal.ui import vaultops

        def forget_device() -> bool:
            return vaultops.forget_device(session, vaultops.device_store())

    dialog = PreferencesDialog(load_preferences(settings), parent, worker=worker, forget_device=forget_device)

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
