"""The export step of the summary PDF dialog (:class:`~clientjournal.ui.report_dialog.ReportDialog`): the question
before replacing a file, the job the background worker runs, and the words for each stage of its progress.

The job is :func:`~clientjournal.reports.build_report` followed by :func:`~clientjournal.reports.write_report`,
the same two calls the CLI makes, so both write the identical file. Its words keep the dialog's translation
context, ``ReportDialog``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from clientjournal.reports import ReportOptions, build_report, page_count, write_report

if TYPE_CHECKING:
    from clientjournal.services.session import VaultSession


def replace_confirmation(parent: QWidget, path: Path) -> QMessageBox:
    """Asks whether to overwrite ``path``; "Cancel" is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("ReportDialog", "Replace file? — ClientJournal"))
    box.setText(
        QCoreApplication.translate("ReportDialog", "“%1” already exists. Replace it?").replace(
            "%1", path.name
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "ReportDialog", "The file in %1 is overwritten with the new summary."
        ).replace("%1", str(path.parent))
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(QCoreApplication.translate("ReportDialog", "Replace"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def export_job(
    path: Path,
    options: ReportOptions,
    now: datetime,
    *,
    replace: bool,
    progress: Callable[[int, int], None],
) -> Callable[[VaultSession], tuple[Path, int]]:
    """The work on the worker: make the report, write it to ``path``; its result is the path and the page count."""

    def job(session: VaultSession) -> tuple[Path, int]:
        pdf = build_report(session, options, now, progress)
        write_report(path, pdf, replace=replace)
        return path, page_count(pdf)

    return job


def stage_text(done: int) -> str:
    """What the builder is doing once ``done`` steps are behind it."""
    stages = (
        QCoreApplication.translate("ReportDialog", "Reading the journals…"),
        QCoreApplication.translate("ReportDialog", "Laying out the report…"),
        QCoreApplication.translate("ReportDialog", "Making the PDF…"),
        QCoreApplication.translate("ReportDialog", "Saving the file…"),
    )
    return stages[min(done, len(stages) - 1)]
