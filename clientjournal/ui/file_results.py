"""What the File menu's import and vault check say when done: a summary, or the list of what was wrong.

:class:`~clientjournal.ui.file_actions.FileActions` runs the jobs and opens the dialogs made here. A class, not
functions: lupdate finds the plural forms of a text only in ``self.tr(text, "", n)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from pathlib import Path

    from clientjournal.errors import ImportProblem
    from clientjournal.services.maintenance import CheckReport
    from clientjournal.services.transfer import ImportSummary
    from clientjournal.ui.problems_dialog import ProblemsDialog


class FileResults(QObject):
    """The File menu's results, shown over ``window``."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()  # only for its texts: it lives as long as the call that shows them
        self.window = window

    def show_import_summary(self, title: str, summary: ImportSummary, warnings: list[str]) -> None:
        """How many clients, projects and entries came in, and the first ten notes on the file."""
        text = (
            self.tr(
                "Imported: %1 new and %2 updated clients, %3 new and %4 updated projects, "
                "%5 new and %6 updated entries (%7 unchanged).",
            )
            .replace("%1", str(summary.clients_added))
            .replace("%2", str(summary.clients_updated))
            .replace("%3", str(summary.projects_added))
            .replace("%4", str(summary.projects_updated))
            .replace("%5", str(summary.entries_added))
            .replace("%6", str(summary.entries_updated))
            .replace("%7", str(summary.unchanged))
        )
        if warnings:
            shown = "\n".join(f"• {warning}" for warning in warnings[:10])
            more = len(warnings) - 10
            text += "\n\n" + self.tr("Notes on the file:") + "\n" + shown
            if more > 0:
                text += "\n" + self.tr("… and %n more", "", more)
        QMessageBox.information(self.window, title, text)

    def import_problems_dialog(self, path: Path, problems: list[ImportProblem]) -> ProblemsDialog:
        """The list of an import file's errors, each with where it is in the file (nothing was imported)."""
        from clientjournal.ui.problems_dialog import ProblemsDialog

        count = len(problems)
        return ProblemsDialog(
            self.window,
            title=self.tr("Import — ClientJournal"),
            headline=self.tr("%1 was not imported").replace("%1", path.name),
            explanation=self.tr(
                "The file has %n problem(s), listed below with where each is in the file. Nothing in your "
                "journal was changed. Fix the file and import it again.",
                "",
                count,
            ),
            rows=[(problem.path, problem.message) for problem in problems],
            where_title=self.tr("Where in the file"),
        )

    def show_check_passed(self, title: str, report: CheckReport) -> None:
        """The vault check found nothing wrong: how many records of each kind it verified."""
        QMessageBox.information(
            self.window,
            title,
            self.tr("Your journal is in good order. Verified: clients %1, projects %2, entries %3.")
            .replace("%1", str(report.clients))
            .replace("%2", str(report.projects))
            .replace("%3", str(report.entries)),
        )

    def check_problems_dialog(self, title: str, problems: list[str]) -> ProblemsDialog:
        """The records the vault check found damaged, and how to get them back."""
        from clientjournal.ui.problems_dialog import ProblemsDialog

        return ProblemsDialog(
            self.window,
            title=title,
            headline=self.tr("The check found %n problem(s)", "", len(problems)),
            explanation=self.tr(
                "These records are damaged or were changed outside ClientJournal; everything else "
                "was verified. Restoring from a backup made before the damage brings them back.",
            ),
            rows=[("", problem) for problem in problems],
        )
