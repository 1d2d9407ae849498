"""The last line of defence: unexpected exceptions are logged with their traceback and shown kindly."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

log = logging.getLogger("clientjournal.ui")

_state = {"showing": False}
"""Whether the error dialog is open (an error inside it must not open another)."""


def describe_error(exc: BaseException) -> str:
    """A user-facing sentence for an error the core raised on purpose, else a generic one."""
    from clientjournal.errors import ClientJournalError  # small module, imported only when needed

    if isinstance(exc, ClientJournalError):
        message = str(exc)
        return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
    return QCoreApplication.translate("ErrorDialog", "Something unexpected went wrong.")


def handle_exception(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    if _state["showing"] or QApplication.instance() is None:
        return
    _state["showing"] = True
    from PySide6.QtWidgets import QMessageBox  # on the first error, not with the first window

    try:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "ClientJournal — something went wrong"))
        box.setText(describe_error(exc))
        box.setInformativeText(
            QCoreApplication.translate(
                "ErrorDialog",
                "Your journal is safe: everything saved so far is stored. The details were written to the "
                "log file. You can keep working; if this happens again, restart the app.",
            )
        )
        box.setDetailedText(f"{kind.__name__}")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
    finally:
        _state["showing"] = False


def install_exception_hook() -> None:
    sys.excepthook = handle_exception
