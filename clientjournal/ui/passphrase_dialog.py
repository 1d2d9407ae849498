"""Choosing a new passphrase: File ▸ Change passphrase…, and the step right after the recovery key unlocked.

Both ask for the new passphrase twice under the strength meter (:mod:`clientjournal.ui.strength`) and run the
change on the background worker: a key derivation takes a moment. Changing it from the window first proves the
current passphrase (or the recovery key), so nobody at an unlocked window can lock its owner out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clientjournal.ui import vaultops
from clientjournal.ui.errors import describe_error
from clientjournal.ui.strength import MIN_LENGTH, StrengthMeter
from clientjournal.ui.widgets import BusyBar, MessageLabel, heading, mark_primary, paragraph

if TYPE_CHECKING:
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.operations import Operations
    from clientjournal.ui.worker import BackgroundWorker

log = logging.getLogger(__name__)


def _password_field(parent: QWidget, accessible: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible)
    return field


class NewPassphraseFields(QWidget):
    """The new passphrase, its strength, and the same passphrase again; rows are added to ``form``."""

    def __init__(self, form: QFormLayout, parent: QWidget) -> None:
        super().__init__(parent)
        self.hide()  # a holder of the fields only: they live in the caller's form
        self.passphrase = _password_field(parent, self.tr("New passphrase"))
        self.passphrase.setPlaceholderText(self.tr("At least %1 characters").replace("%1", str(MIN_LENGTH)))
        self.passphrase.textChanged.connect(self._update_strength)
        form.addRow(self.tr("&New passphrase:"), self.passphrase)
        self.strength = StrengthMeter(parent)
        self.strength_bar, self.strength_label = self.strength.bar, self.strength.label
        form.addRow("", self.strength)
        self.repeat = _password_field(parent, self.tr("Repeat the new passphrase"))
        form.addRow(self.tr("&Repeat:"), self.repeat)
        self._update_strength()

    def _update_strength(self) -> None:
        self.strength.show_strength(self.passphrase.text())

    def problem(self) -> tuple[str, QLineEdit] | None:
        """What is wrong with the typed passphrases, and the field to fix; None when they can be used."""
        first, second = self.passphrase.text(), self.repeat.text()
        if len(first.strip()) < MIN_LENGTH:
            text = self.tr("The new passphrase is too short: use at least %1 characters.")
            return text.replace("%1", str(MIN_LENGTH)), self.passphrase
        if first != second:
            return self.tr("The two new passphrases are not the same. Type the same one twice."), self.repeat
        return None

    def set_enabled(self, enabled: bool) -> None:
        self.passphrase.setEnabled(enabled)
        self.repeat.setEnabled(enabled)

    def clear(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()


class _PassphraseDialog(QDialog):
    """The frame both dialogs share: heading, text, a form, a message line, a busy strip and two buttons."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.busy_now = False

    def _start_layout(self, title: str, headline: str, text: str) -> None:
        self.setWindowTitle(title)
        self.setMinimumWidth(500)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(28, 24, 28, 20)
        self._layout.setSpacing(12)
        self._layout.addWidget(heading(headline, self))
        self._layout.addWidget(paragraph(text, self))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._layout.addLayout(self.form)

    def _finish_layout(self, cancel_text: str, ok_text: str) -> None:
        self.message = MessageLabel(self)
        self._layout.addWidget(self.message)
        self.busy = BusyBar(self)
        self._layout.addWidget(self.busy)
        self._layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(cancel_text, self)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(ok_text, self)
        mark_primary(self.ok_button)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self._layout.addLayout(buttons)
        self.fields.passphrase.textEdited.connect(lambda _text: self.message.clear_message())
        self.fields.repeat.textEdited.connect(lambda _text: self.message.clear_message())
        self.fields.repeat.returnPressed.connect(self.submit)

    fields: NewPassphraseFields

    def submit(self) -> None:
        raise NotImplementedError

    def _refuse(self, text: str, field: QLineEdit) -> None:
        self.message.show_error(text)
        field.selectAll()
        field.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy_now = busy
        self.busy.setVisible(busy)
        self.ok_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.fields.set_enabled(not busy)

    def reject(self) -> None:
        if not self.busy_now:  # the change is under way: let it land, then the dialog says so
            super().reject()


class ChangePassphraseDialog(_PassphraseDialog):
    """File ▸ Change passphrase…: the current passphrase, then the new one twice; runs as an operation."""

    changed = Signal()

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start_layout(
            self.tr("Change passphrase — ClientJournal"),
            self.tr("Change your passphrase"),
            self.tr(
                "Your journal stays as it is; only the key that opens it is locked with the new passphrase. "
                "Backups made before now still open with the passphrase they were made with."
            ),
        )
        self.setObjectName("changePassphraseDialog")
        self._ops = ops
        self.current = _password_field(self, self.tr("Current passphrase"))
        self.current.setPlaceholderText(self.tr("Or your recovery key"))
        self.form.addRow(self.tr("&Current passphrase:"), self.current)
        self.fields = NewPassphraseFields(self.form, self)
        self._finish_layout(self.tr("Cancel"), self.tr("C&hange passphrase"))
        self.current.textEdited.connect(lambda _text: self.message.clear_message())
        self.current.returnPressed.connect(self.fields.passphrase.setFocus)
        self.current.setFocus()

    def submit(self) -> None:
        if self.busy_now:
            return
        current, new = self.current.text(), self.fields.passphrase.text()
        if not current:
            self._refuse(self.tr("Type your current passphrase first."), self.current)
            return
        problem = self.fields.problem()
        if problem is not None:
            self._refuse(*problem)
            return
        if new == current:
            self._refuse(
                self.tr("The new passphrase is the one you have now. Choose another."), self.fields.passphrase
            )
            return
        if self._ops.session() is None:  # locked meanwhile: nothing to change
            super().reject()
            return
        self.message.clear_message()
        self._set_busy(True)
        operation = self._ops.query(lambda session: vaultops.change_passphrase(session, current, new))
        operation.success(self._changed).failure(self._failed).run()
        watch = QTimer(self)

        def close_if_dropped() -> None:  # the vault locked meanwhile: no answer will come
            if not self.busy_now:
                watch.stop()
            elif operation.stale:
                watch.stop()
                self._set_busy(False)
                super(ChangePassphraseDialog, self).reject()

        watch.timeout.connect(close_if_dropped)
        watch.start(500)

    def _changed(self, _result: None) -> None:
        self._set_busy(False)
        log.info("passphrase changed")
        self.current.clear()
        self.fields.clear()
        self.changed.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from clientjournal.errors import AuthenticationError

        self._set_busy(False)
        if isinstance(exc, AuthenticationError):
            self._refuse(
                self.tr("That is not your current passphrase (nor your recovery key). Nothing was changed."),
                self.current,
            )
        else:
            log.warning("passphrase not changed: %s", type(exc).__name__)
            self._refuse(describe_error(exc), self.fields.passphrase)


class RecoveryPassphraseDialog(_PassphraseDialog):
    """Right after the recovery key unlocked the journal: choose a new passphrase before the window opens.

    Accepted once the new passphrase is in force; rejected ("Lock again") leaves the passphrase unchanged, and
    the caller locks the journal again.
    """

    def __init__(
        self,
        worker: BackgroundWorker,
        session: VaultSession,
        parent: QWidget | None = None,
        *,
        change: Callable[[VaultSession, str], None] = vaultops.replace_lost_passphrase,
    ) -> None:
        super().__init__(parent)
        self._start_layout(
            self.tr("Choose a new passphrase — ClientJournal"),
            self.tr("Choose a new passphrase"),
            self.tr(
                "You unlocked your journal with the recovery key. Choose a new passphrase now: from now on it "
                "opens your journal, and your recovery key keeps working as before. If you choose not to, "
                "your journal is locked again and nothing is changed."
            ),
        )
        self.setObjectName("recoveryPassphraseDialog")
        self._worker = worker
        self._session = session
        self._change = change
        self.fields = NewPassphraseFields(self.form, self)
        self._finish_layout(self.tr("&Lock again"), self.tr("&Save the new passphrase"))
        self.fields.passphrase.returnPressed.connect(self.fields.repeat.setFocus)
        self.fields.passphrase.setFocus()

    def submit(self) -> None:
        if self.busy_now:
            return
        problem = self.fields.problem()
        if problem is not None:
            self._refuse(*problem)
            return
        new, session, change = self.fields.passphrase.text(), self._session, self._change
        self.message.clear_message()
        self._set_busy(True)
        self._worker.run(lambda: change(session, new), self._changed, self._failed)

    def _changed(self, _result: None) -> None:
        self._set_busy(False)
        log.info("passphrase replaced after unlocking with the recovery key")
        self.fields.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        log.warning("new passphrase not saved: %s", type(exc).__name__)
        self._refuse(describe_error(exc), self.fields.passphrase)
