"""The last line of defence: unexpected exceptions are logged with their traceback and shown kindly."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger("clientjournal.ui")


def describe_error(exc: BaseException) -> str:
    """A user-facing sentence for an error the core raised on purpose, else a generic one."""
    from clientjournal.errors import ClientJournalError  # small module, imported only when needed

    if isinstance(exc, ClientJournalError):
        message = str(exc)
        return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
    return QCoreApplication.translate("ErrorDialog", "Something unexpected went wrong.")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """The default error path of the UI's operations: a warning for errors the core raised on purpose (wrong
    input, a conflict, an unreachable server), the friendly error dialog (``sys.excepthook``) for the rest."""
    from clientjournal.errors import ClientJournalError

    if not isinstance(exc, ClientJournalError):
        sys.excepthook(type(exc), exc, exc.__traceback__)
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(
        parent, QCoreApplication.translate("ErrorDialog", "ClientJournal"), describe_error(exc)
    )


class ErrorReporter:
    """Logs an unexpected exception with its traceback and shows it kindly, one dialog at a time."""

    def __init__(self) -> None:
        self.showing = False
        """Whether the error dialog is open (an error inside it must not open another)."""

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if self.showing or QApplication.instance() is None:
            return
        self.showing = True
        from PySide6.QtWidgets import QMessageBox  # on the first error, not with the first window

        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(
                QCoreApplication.translate("ErrorDialog", "ClientJournal — something went wrong")
            )
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
            self.showing = False


def handle_exception(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Report one exception with a reporter of its own (tests; the app installs one :class:`ErrorReporter`)."""
    ErrorReporter()(kind, exc, tb)


def install_exception_hook() -> ErrorReporter:
    reporter = ErrorReporter()
    sys.excepthook = reporter
    return reporter
