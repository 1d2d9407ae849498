"""The recovery key page can print the key (QtPrintSupport ships with PySide6-Essentials)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from support.constants import PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.crypto.device import DeviceKeyStore
from clientjournal.services.access import KdfChoice
from clientjournal.ui.welcome import WelcomeDialog


def test_print_sends_the_recovery_key_to_the_printer(qtbot, worker, vault_url, tmp_path: Path):
    out = tmp_path / "key.pdf"
    asked: list[bool] = []

    def ask_printer(_parent) -> QPrinter:
        asked.append(True)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    dialog = WelcomeDialog(
        worker,
        vault_url,
        fixed_clock,
        kdf=KdfChoice.fastest(),
        device_store=DeviceKeyStore(),
        ask_printer=ask_printer,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=WAIT_MS)
    assert dialog.print_button.accessibleName() == "Print the recovery key"
    dialog.print_button.click()
    assert asked
    assert out.stat().st_size > 1000 and out.read_bytes().startswith(b"%PDF")
    assert dialog.recovery_notes.text() == "Sent to the printer."
    # Cancelling the print dialog prints nothing.
    dialog._ask_printer = lambda _parent: None
    dialog.print_button.click()
    dialog.session.close()
