"""Pieces of the summary PDF dialog (:mod:`clientjournal.ui.report_dialog`): a safe file name, the folder to
suggest, one end of the period, the relay that carries the builder's progress to the GUI thread, and what to
say when a file cannot be written."""

from __future__ import annotations

import contextlib
import logging
import os
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from clientjournal.errors import ClientJournalError, NotFoundError, ValidationError
from clientjournal.reports import ReportError, ReportExistsError

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}
_SUFFIX = re.compile(r"(.*?)(\.[A-Za-z0-9]{1,8})?", re.DOTALL)
_MAX_NAME = 120


def safe_file_name(name: str, fallback: str = "summary") -> str:
    """``name`` as a file name every system accepts: no path separators, reserved characters or device names."""
    cleaned = " ".join(_UNSAFE.sub(" ", name).split())
    found = _SUFFIX.fullmatch(cleaned)
    stem, suffix = (found.group(1), found.group(2) or "") if found else (cleaned, "")
    stem = stem.strip(" .") or fallback
    if stem.split(".", 1)[0].upper() in _RESERVED:
        stem = f"_{stem}"
    if len(stem) > _MAX_NAME:
        stem = stem[:_MAX_NAME].rstrip(" .")
    return stem + suffix


def default_folder() -> Path:
    """Documents when the system has such a folder, else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ProgressRelay(QObject):
    """Carries the builder's (done, total) from the worker thread to the dialog, queued onto the GUI thread."""

    advanced = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        with contextlib.suppress(RuntimeError):  # the dialog (and with it the connection) is gone
            self.advanced.emit(done, total)


class PeriodDay(QWidget):
    """A period boundary that may be left open: a check box with the label in front of a date field."""

    def __init__(self, label: str, accessible: str, check: str, value: date, parent: QWidget) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.known = QCheckBox(label, self)
        self.known.setAccessibleName(check)
        self.edit = QDateEdit(self)
        self.edit.setAccessibleName(accessible)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(_qdate(value))
        self.edit.setEnabled(False)
        self.edit.setMinimumWidth(130)
        self.known.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.known)
        row.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return _pydate(self.edit.date()) if self.known.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.known.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(_qdate(value))


def target_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written, in the user's language; None when it looks fine."""
    folder = path.parent
    if not folder.is_dir():
        return QCoreApplication.translate(
            "ReportDialog", "The folder %1 does not exist. Choose another place for the PDF."
        ).replace("%1", str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        return QCoreApplication.translate(
            "ReportDialog", "You cannot save files in %1. Choose another folder."
        ).replace("%1", str(folder))
    if path.is_dir():
        return QCoreApplication.translate(
            "ReportDialog", "%1 is a folder. Give the PDF a file name."
        ).replace("%1", str(path))
    return None


def failure_text(exc: BaseException, path: Path | None) -> str:
    """One clear sentence for an export that failed on the worker while writing ``path``."""
    if isinstance(exc, NotFoundError):
        return QCoreApplication.translate(
            "ReportDialog",
            "A client in the report no longer exists (deleted meanwhile?). Close this dialog and try again.",
        )
    if isinstance(exc, ReportExistsError):
        name = path.name if path is not None else ""
        return QCoreApplication.translate(
            "ReportDialog", "“%1” appeared meanwhile. Export again to replace it."
        ).replace("%1", name)
    problem = target_problem(path) if path is not None else None
    if isinstance(exc, ValidationError) and problem:
        return problem
    if isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
        return (
            QCoreApplication.translate("ReportDialog", "Could not write “%1”: %2")
            .replace("%1", str(path))
            .replace("%2", reason)
        )
    if isinstance(exc, ReportError):
        log.warning("report not made: %s", exc)
        return QCoreApplication.translate(
            "ReportDialog", "The PDF could not be made. The details were written to the log file."
        )
    if isinstance(exc, ClientJournalError):
        return str(exc)
    log.error("report not exported", exc_info=exc)
    return QCoreApplication.translate(
        "ReportDialog", "Something unexpected went wrong. The details were written to the log file."
    )
