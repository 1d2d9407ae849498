"""The welcome dialog's second page: the new vault's recovery key, shown once, to copy, save or print.

The welcome dialog imports this module once the vault exists, not with itself: none of it is needed to show the
first window. Its texts keep the ``WelcomeDialog`` translation context they had when they were part of that class.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clientjournal.ui.widgets import SELECTABLE_BY_MOUSE, MessageLabel, heading, paragraph

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

ALIGN_CENTER = 0x84
"""``Qt.AlignmentFlag.AlignCenter`` (AlignHCenter | AlignVCenter) as its number; a test holds them equal."""

AskPath = Callable[[QWidget], str]
AskPrinter = Callable[[QWidget], "QPrinter | None"]


def ask_save_path(parent: QWidget) -> str:
    """Where to save the recovery key, asked with the system's save dialog ("" when cancelled)."""
    # Imported when the key is saved, not with the module: PySide6 builds QFileDialog's enums when it is named.
    from PySide6.QtWidgets import QFileDialog

    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("WelcomeDialog", "Save the recovery key"),
        str(Path.home() / "ClientJournal recovery key.txt"),
        QCoreApplication.translate("WelcomeDialog", "Text files (*.txt)"),
    )
    return path


def ask_printer(parent: QWidget) -> QPrinter | None:
    """The printer chosen in the system's print dialog (None when cancelled)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(
        QCoreApplication.translate("WelcomeDialog", "Print the recovery key — ClientJournal")
    )
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def two_lines(key: str) -> str:
    """The recovery key's groups on two lines, so it reads (and copies by hand) comfortably."""
    groups = key.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "-\n" + "-".join(groups[half:])


def _button(text: str, parent: QWidget) -> QPushButton:
    """A push button built as the welcome dialog builds its own (not with PySide6's slower (text, parent) call)."""
    button = QPushButton(parent)
    button.setText(text)
    return button


class RecoveryKeyPage(QWidget):
    """Shows the recovery key until :meth:`forget_key`; Continue is enabled once the user says it is stored."""

    def __init__(
        self,
        parent: QWidget,
        *,
        ask_save_path: Callable[[], str],
        ask_printer: Callable[[], QPrinter | None],
    ) -> None:
        super().__init__(parent)
        self._ask_save_path = ask_save_path
        self._ask_printer = ask_printer
        self._key = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(heading(QCoreApplication.translate("WelcomeDialog", "Your recovery key"), self))
        layout.addWidget(
            paragraph(
                QCoreApplication.translate(
                    "WelcomeDialog",
                    "If you forget your passphrase, this key is the only way back into your journal. "
                    "It is shown only now. Keep it somewhere safe away from this computer, such as a "
                    "password manager or a printed copy in a drawer.",
                ),
                self,
            )
        )
        self.recovery_field = QLabel(self)
        self.recovery_field.setObjectName("recoveryKey")
        # Numbers, not Qt.AlignmentFlag.AlignCenter and Qt.TextInteractionFlag.TextSelectableByMouse: naming the
        # Qt namespace makes PySide6 build all of it (~50 ms) before the welcome window (tests/ui/test_ui_startup.py).
        self.recovery_field.setProperty("alignment", ALIGN_CENTER)
        self.recovery_field.setProperty("textInteractionFlags", SELECTABLE_BY_MOUSE)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(mono.pointSizeF() * 1.25)
        mono.setWeight(QFont.Weight.DemiBold)
        self.recovery_field.setFont(mono)
        self.recovery_field.setAccessibleName(QCoreApplication.translate("WelcomeDialog", "Recovery key"))
        layout.addWidget(self.recovery_field)

        actions = QHBoxLayout()
        self.copy_button = _button(QCoreApplication.translate("WelcomeDialog", "&Copy"), self)
        self.copy_button.setAccessibleName(
            QCoreApplication.translate("WelcomeDialog", "Copy the recovery key")
        )
        self.copy_button.clicked.connect(self._copy)
        self.save_button = _button(QCoreApplication.translate("WelcomeDialog", "&Save…"), self)
        self.save_button.setAccessibleName(
            QCoreApplication.translate("WelcomeDialog", "Save the recovery key to a file")
        )
        self.save_button.clicked.connect(self._save)
        self.print_button = _button(QCoreApplication.translate("WelcomeDialog", "&Print…"), self)
        self.print_button.setAccessibleName(
            QCoreApplication.translate("WelcomeDialog", "Print the recovery key")
        )
        self.print_button.clicked.connect(self._print)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.recovery_notes = MessageLabel(self)
        layout.addWidget(self.recovery_notes)
        # Its own line: the notes above change with Copy, Save and Print, this warning must stay readable.
        self.device_note = MessageLabel(self)
        layout.addWidget(self.device_note)

        self.stored = QCheckBox(
            QCoreApplication.translate("WelcomeDialog", "I have stored my recovery key somewhere safe"), self
        )
        self.stored.setAccessibleName(
            QCoreApplication.translate("WelcomeDialog", "I have stored my recovery key")
        )
        layout.addWidget(self.stored)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.continue_button = _button(QCoreApplication.translate("WelcomeDialog", "C&ontinue"), self)
        self.continue_button.setObjectName("primary")
        self.continue_button.setEnabled(False)
        self.stored.toggled.connect(self.continue_button.setEnabled)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)

    def show_key(self, key: str) -> None:
        self._key = key
        self.recovery_field.setText(two_lines(key))

    def forget_key(self) -> None:
        """Shown once: drop the key from the widgets before the dialog goes away."""
        self._key = ""
        self.recovery_field.clear()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self._key)
        self.recovery_notes.show_info(
            QCoreApplication.translate("WelcomeDialog", "Copied. Paste it into your password manager now.")
        )

    def _save(self) -> None:
        from clientjournal.private_files import write_private_text

        path = self._ask_save_path()
        if not path:
            return
        text = (
            QCoreApplication.translate("WelcomeDialog", "ClientJournal recovery key")
            + "\n\n"
            + self._key
            + "\n\n"
            + QCoreApplication.translate(
                "WelcomeDialog",
                "Keep this file somewhere safe, away from the computer that holds the journal.",
            )
            + "\n"
        )
        try:
            write_private_text(Path(path), text)  # 0600: the key unlocks the whole journal
        except OSError as exc:
            self.recovery_notes.show_error(
                QCoreApplication.translate("WelcomeDialog", "Could not save the file: %1").replace(
                    "%1", exc.strerror or str(exc)
                )
            )
            return
        self.recovery_notes.show_info(
            QCoreApplication.translate("WelcomeDialog", "Saved to %1").replace("%1", path)
        )

    def _print(self) -> None:
        import html

        from PySide6.QtGui import QTextDocument

        printer = self._ask_printer()
        if printer is None:
            return
        document = QTextDocument()
        document.setHtml(
            "<h2>{title}</h2><p style='font-family: monospace; font-size: 16pt'>{key}</p><p>{advice}</p>".format(
                title=html.escape(QCoreApplication.translate("WelcomeDialog", "ClientJournal recovery key")),
                key=html.escape(self._key),
                advice=html.escape(
                    QCoreApplication.translate(
                        "WelcomeDialog",
                        "If you forget your passphrase, this key opens your journal. Keep this page somewhere "
                        "safe, away from the computer that holds the journal.",
                    )
                ),
            )
        )
        document.print_(printer)
        self.recovery_notes.show_info(QCoreApplication.translate("WelcomeDialog", "Sent to the printer."))
