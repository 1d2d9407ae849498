"""First run: choose a passphrase, create the vault in the background, and show the recovery key once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clientjournal.ui import vaultops
from clientjournal.ui.errors import describe_error
from clientjournal.ui.on_screen import when_on_screen
from clientjournal.ui.strength import MIN_LENGTH, StrengthMeter
from clientjournal.ui.widgets import BusyBar, MessageLabel, heading, paragraph
from clientjournal.ui.worker import BackgroundWorker

if TYPE_CHECKING:
    from clientjournal.services.access import CreatedVault, KdfChoice
    from clientjournal.services.devices import DeviceStore
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Clock
    from clientjournal.ui.recovery_key_page import AskPath, AskPrinter, RecoveryKeyPage

log = logging.getLogger(__name__)


def _button(text: str, parent: QWidget) -> QPushButton:
    """A push button; given (text, parent) at once, PySide6 weighs the (icon, text, parent) overload too, which
    builds QIcon's Python type (~1.5 ms) on the way to the first window."""
    button = QPushButton(parent)
    button.setText(text)
    return button


class WelcomeDialog(QDialog):
    """Creates a new vault. When it is accepted, :attr:`session` holds the unlocked vault."""

    def __init__(
        self,
        worker: BackgroundWorker,
        database_url: str,
        clock: Clock,
        *,
        kdf: KdfChoice | None = None,
        device_store: DeviceStore | None = None,
        device_store_factory: Callable[[], DeviceStore | None] | None = None,
        ask_save_path: AskPath | None = None,
        ask_printer: AskPrinter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._url = database_url
        self._clock = clock
        self._kdf = kdf
        self._store = device_store
        self._store_factory = device_store_factory
        if device_store is None and device_store_factory is None:
            self._store_factory = vaultops.device_store
        self._ask_save_path = ask_save_path
        self._ask_printer = ask_printer
        self.session: VaultSession | None = None
        self.setWindowTitle(self.tr("Welcome to ClientJournal"))
        self.setObjectName("welcomeDialog")
        self.setMinimumWidth(600)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_passphrase_page())
        # The recovery key's page is built once the vault exists (in _created): laying out its text and
        # loading its monospaced font would otherwise delay the first window, for a page not yet shown.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.addWidget(self.pages)
        self._update_strength()

    # ---- page 1: the passphrase ----------------------------------------------------------------------------------

    def _find_device_store(self) -> tuple[DeviceStore | None, str | None]:
        """On the worker: this device's secret store, and why it cannot be offered (None: it can)."""
        assert self._store_factory is not None
        try:
            store = self._store_factory()
        except Exception:  # a third-party secret store may raise anything: then it is not offered
            log.warning("the secret store could not be set up", exc_info=True)
            return None, None
        return store, (vaultops.device_store_problem(store) if store is not None else None)

    def _found_device_store(self, found: tuple[DeviceStore | None, str | None]) -> None:
        from shiboken6 import isValid

        if not isValid(self.remember):  # the dialog was closed and deleted meanwhile
            return
        store, problem = found
        if store is None:
            self.remember.hide()
            return
        self._store = store
        self._show_device_store(problem)
        self.remember.setEnabled(not self.busy.isVisible())

    def _show_device_store(self, problem: str | None) -> None:
        if problem is None:
            self.remember_unavailable.hide()
            self.remember.show()
        else:
            self.remember.hide()
            self.remember_unavailable.setText(
                self.tr("“Remember on this device” is not available: %1.").replace("%1", problem)
            )
            self.remember_unavailable.show()

    def _build_passphrase_page(self) -> QWidget:  # noqa: PLR0915 - a form, built top to bottom
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Welcome to ClientJournal"), page))
        layout.addWidget(
            paragraph(
                self.tr(
                    "Your client journal is encrypted on this computer with a passphrase that only you "
                    "know. Choose one you will remember: a few unrelated words work well."
                ),
                page,
            )
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.passphrase = QLineEdit(page)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.passphrase.setPlaceholderText(self.tr("At least %1 characters").replace("%1", str(MIN_LENGTH)))
        self.passphrase.textChanged.connect(self._update_strength)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)

        self.strength = StrengthMeter(page)
        self.strength_bar, self.strength_label = self.strength.bar, self.strength.label
        form.addRow("", self.strength)

        self.repeat = QLineEdit(page)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Repeat the passphrase"))
        self.repeat.textChanged.connect(self._update_strength)
        self.repeat.returnPressed.connect(self._create)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        layout.addLayout(form)

        self.message = MessageLabel(page)
        layout.addWidget(self.message)

        self.remember = QCheckBox(self.tr("Remember on this device (unlock without typing)"), page)
        self.remember.setAccessibleName(self.tr("Remember on this device"))
        self.remember_unavailable = QLabel(page)
        self.remember_unavailable.setObjectName("hint")
        self.remember_unavailable.setWordWrap(True)
        if self._store is not None:
            self._show_device_store(vaultops.device_store_problem(self._store))
        else:  # the secret store is looked up on the worker: loading keyring would delay the first window
            self.remember.setEnabled(False)
            self.remember_unavailable.hide()
            self._worker.run(when_on_screen(self, self._find_device_store), self._found_device_store)
        layout.addWidget(self.remember)
        layout.addWidget(self.remember_unavailable)

        self.demo = QCheckBox(self.tr("Add demo clients and entries to try things out"), page)
        self.demo.setAccessibleName(self.tr("Add demo data"))
        self.demo.setVisible(vaultops.demo_available())
        layout.addWidget(self.demo)
        layout.addStretch(1)

        self.busy = BusyBar(page)
        self.busy_label = QLabel(page)
        self.busy_label.setObjectName("hint")
        self.busy_label.hide()
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.quit_button = _button(self.tr("&Quit"), page)
        self.quit_button.clicked.connect(self.reject)
        self.create_button = _button(self.tr("&Create my journal"), page)
        self.create_button.setObjectName("primary")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        return page

    def _update_strength(self) -> None:
        self.strength.show_strength(self.passphrase.text())
        if self.message.isVisible():
            self.message.clear_message()

    def validation_problem(self) -> str | None:
        first, second = self.passphrase.text(), self.repeat.text()
        if len(first.strip()) < MIN_LENGTH:
            return self.tr("The passphrase is too short: use at least %1 characters.").replace(
                "%1", str(MIN_LENGTH)
            )
        if first != second:
            return self.tr("The two passphrases are not the same. Type the same passphrase twice.")
        return None

    def _create(self) -> None:
        problem = self.validation_problem()
        if problem:
            self.message.show_error(problem)
            too_short = len(self.passphrase.text().strip()) < MIN_LENGTH
            (self.passphrase if too_short else self.repeat).setFocus()
            return
        passphrase = self.passphrase.text()
        remember = self._store if self.remember.isVisible() and self.remember.isChecked() else None
        demo = self.demo.isVisible() and self.demo.isChecked()
        self._set_busy(True, self.tr("Creating your journal… tuning the encryption to this computer."))
        self._worker.run(
            lambda: vaultops.create_vault(
                self._url, passphrase, self._clock, kdf=self._kdf, remember=remember, demo=demo
            ),
            self._created,
            self._failed,
        )

    def _set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.passphrase, self.repeat, self.remember, self.demo, self.create_button):
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)

    def _created(self, created: CreatedVault) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self.repeat.clear()
        self.session = created.session
        if self.pages.count() == 1:
            self._add_recovery_page()
        self.recovery_page.show_key(created.recovery_key)
        if created.device is not None and created.device.problem is not None:
            self.device_note.show_error(
                self.tr(
                    "This device could not be remembered: %1; you will be asked for the passphrase."
                ).replace("%1", created.device.problem)
            )
        if created.problems:
            self.recovery_notes.show_info("\n".join(created.problems))
        self.pages.setCurrentIndex(1)
        self.stored.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.show_error(describe_error(exc))

    # ---- page 2: the recovery key --------------------------------------------------------------------------------

    def _add_recovery_page(self) -> None:
        from clientjournal.ui import recovery_key_page

        # The askers are looked up when Save or Print is pressed: they may be swapped meanwhile (tests do).
        page = recovery_key_page.RecoveryKeyPage(
            self,
            ask_save_path=lambda: (self._ask_save_path or recovery_key_page.ask_save_path)(self),
            ask_printer=lambda: (self._ask_printer or recovery_key_page.ask_printer)(self),
        )
        self.recovery_page: RecoveryKeyPage = page
        # The page's widgets under the dialog's own names, as when the page was built by the dialog itself.
        self.recovery_field = page.recovery_field
        self.recovery_notes = page.recovery_notes
        self.device_note = page.device_note
        self.copy_button = page.copy_button
        self.save_button = page.save_button
        self.print_button = page.print_button
        self.stored = page.stored
        self.continue_button = page.continue_button
        self.continue_button.clicked.connect(self._finish)
        self.pages.addWidget(page)

    def _finish(self) -> None:
        self.recovery_page.forget_key()
        self.accept()

    def reject(self) -> None:
        if self.session is not None:
            # The vault exists already; leaving now would lose the recovery key, so insist on Continue.
            self.stored.setFocus()
            return
        if self._worker.busy:
            return
        super().reject()
