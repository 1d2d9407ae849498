"""The File menu's vault actions: back up, import, export, change the passphrase, check, forget this device.

Each is the same core call the CLI makes, run as an operation on the background worker; long ones show a
:class:`~clientjournal.ui.progress.WorkProgress` fed by the core's progress callback. Every action ends with a
clear result: a summary, the readable list of an import file's errors, or the check's report
(:mod:`clientjournal.ui.file_results` words them).

Files are chosen with the system's file dialog; an existing file is replaced only after the user agreed
(asked here, the same way on every platform). The core writes each file beside its target and renames it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox

from clientjournal.services.changes import VaultChanges
from clientjournal.ui import vaultops
from clientjournal.ui.file_choice import FileChoice
from clientjournal.ui.file_results import FileResults
from clientjournal.ui.progress import WorkProgress, run_with_progress

if TYPE_CHECKING:
    from clientjournal.services.journal import Progress
    from clientjournal.services.maintenance import CheckReport
    from clientjournal.services.session import VaultSession
    from clientjournal.services.transfer import ImportSummary
    from clientjournal.ui.context import WindowContext

log = logging.getLogger(__name__)
T = TypeVar("T")

BACKUP_FOLDER = "files/backup_folder"
EXPORT_FOLDER = "files/export_folder"
IMPORT_FOLDER = "files/import_folder"
"""Where the last file of each kind went (or came from): the next dialog starts there."""


def _import_file(session: VaultSession, path: Path, progress: Progress) -> tuple[ImportSummary, list[str]]:
    """Read, validate and import on the worker; a file with any error raises and changes nothing."""
    document = session.transfer.read_document(path.read_bytes())
    summary = session.transfer.import_document(document, progress)
    return summary, [str(warning) for warning in document.warnings]


class FileActions(QObject):
    """Builds the actions and runs them; :meth:`add_to` puts them into the window's File menu."""

    backup_written = Signal(str)
    imported = Signal(object)
    """An :class:`~clientjournal.services.transfer.ImportSummary`."""
    exported = Signal(str)
    check_finished = Signal(object)
    """A :class:`~clientjournal.services.maintenance.CheckReport` (ok or not)."""
    passphrase_changed = Signal()
    device_forgotten = Signal(bool)
    """True when the device had been remembered."""

    def __init__(self, context: WindowContext, menu: QMenu | None = None) -> None:
        """With a ``menu``, the actions go into it at once (see :meth:`add_to`)."""
        super().__init__(context.parent)
        self.context = context
        self.window = context.parent
        self.files = FileChoice(self.window, context.settings)
        self.running: WorkProgress | None = None
        """The progress of the last long job, until it is gone (see :attr:`busy`)."""
        self.dialog: QDialog | None = None
        """The last dialog opened by an action (the problem list, the passphrase dialog)."""
        self.backup_action = self._action(
            self.tr("&Back up now…"),
            self.back_up,
            self.tr("Write an encrypted copy of the whole journal to a file"),
            "Ctrl+Shift+B",
        )
        self.import_action = self._action(
            self.tr("&Import…"),
            self.import_journal,
            self.tr("Add clients and entries from a ClientJournal JSON file"),
            "Ctrl+I",
        )
        self.export_action = self._action(
            self.tr("E&xport…"),
            self.export_journal,
            self.tr("Write the whole journal to a JSON file (not encrypted)"),
            "Ctrl+Shift+E",
        )
        self.passphrase_action = self._action(
            self.tr("Change &passphrase…"),
            self.change_passphrase,
            self.tr("Choose a new passphrase for this journal"),
        )
        self.check_action = self._action(
            self.tr("C&heck the vault"),
            self.check_vault,
            self.tr("Decrypt and verify every record, and report anything damaged"),
        )
        self.forget_action = self._action(
            self.tr("&Forget this device"),
            self.forget_device,
            self.tr("Stop this device unlocking the journal without the passphrase"),
        )
        self._after_backup = QAction(self.window)
        self._after_backup.setSeparator(True)
        if menu is not None:
            self.add_to(menu)

    def _action(self, text: str, slot: Callable[[], Any], tip: str, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            self.window.addAction(action)  # the shortcut works with the menu closed
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def add_to(self, menu: QMenu) -> None:
        """Backup, then import and export, then the vault's keys and health, each group apart (a separator
        after the last)."""
        menu.addAction(self.backup_action)
        menu.addAction(self._after_backup)
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(self.passphrase_action)
        menu.addAction(self.check_action)
        menu.addAction(self.forget_action)
        menu.addSeparator()

    def insert_after_backup(self, action: QAction) -> None:
        """Place another backup action (restore) right after "Back up now…"."""
        for widget in self._after_backup.associatedObjects():
            if isinstance(widget, QMenu):
                widget.insertAction(self._after_backup, action)

    def _run_long(
        self,
        title: str,
        label: str,
        call: Callable[[VaultSession, Progress], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
        changes: VaultChanges | None = None,
    ) -> bool:
        """One long job at a time, with progress; False when none could start."""
        if self.busy:
            return False
        progress = run_with_progress(
            self.context.ops, self.window, title, label, call, done, failed=failed, changes=changes
        )
        if progress is None:
            return False
        self.running = progress
        progress.destroyed.connect(self._job_gone)
        return True

    @property
    def busy(self) -> bool:
        """Whether a long job (with its progress dialog) is under way."""
        return self.running is not None and not self.running.finished

    def _job_gone(self) -> None:
        self.running = None

    def _file_failed(self, title: str, exc: BaseException) -> None:
        """A file that could not be read or written is named; anything else takes the default error path."""
        if not self.files.problem(title, exc):
            self.context.ops.report_error(exc)

    # ---- backup --------------------------------------------------------------------------------------------------

    def back_up(self) -> None:
        """File ▸ Back up now…: an encrypted copy of the vault, opened later with today's passphrase."""
        session = self.context.session()
        if session is None:
            return
        title = self.tr("Back up — ClientJournal")
        name = f"clientjournal-backup-{self.context.clock():%Y-%m-%d}.sqlite3"
        path = self.files.save_path(
            title, BACKUP_FOLDER, name, self.tr("ClientJournal backups (*.sqlite3);;All files (*)")
        )
        if path is None:
            return
        vault_file = vaultops.vault_place(session).file
        if vault_file is not None and path.resolve() in {
            Path(f"{vault_file.resolve()}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")
        }:
            QMessageBox.warning(
                self.window, title, self.tr("That is the journal itself. Choose another file for the backup.")
            )
            return

        def written(_result: None) -> None:
            log.info("backup written")
            self.context.show_status(self.tr("Backup written"))
            QMessageBox.information(
                self.window,
                title,
                self.tr(
                    "The backup is written to %1. It is encrypted, and it opens with the passphrase you have now."
                ).replace("%1", str(path)),
            )
            self.backup_written.emit(str(path))

        self._run_long(
            title,
            self.tr("Backing up your journal…"),
            lambda s, progress: s.backup(path, progress),
            written,
            lambda exc: self._file_failed(title, exc),
        )

    # ---- import --------------------------------------------------------------------------------------------------

    def import_journal(self) -> None:
        """File ▸ Import…: add or update clients from a JSON file; a file with errors changes nothing."""
        if self.context.session() is None:
            return
        title = self.tr("Import — ClientJournal")
        path = self.files.open_path(
            title, IMPORT_FOLDER, self.tr("ClientJournal JSON files (*.json);;All files (*)")
        )
        if path is None:
            return

        def done(result: tuple[ImportSummary, list[str]]) -> None:
            summary, warnings = result
            log.info("imported: %d records changed, %d unchanged", summary.changed, summary.unchanged)
            FileResults(self.window).show_import_summary(title, summary, warnings)
            self.imported.emit(summary)

        self._run_long(
            title,
            self.tr("Importing %1…").replace("%1", path.name),
            lambda s, progress: _import_file(s, path, progress),
            done,
            lambda exc: self._import_failed(title, path, exc),
            VaultChanges.all(),
        )

    def _import_failed(self, title: str, path: Path, exc: BaseException) -> None:
        from clientjournal.errors import ImportValidationError

        if isinstance(exc, ImportValidationError):
            log.info("import refused: %d problems", len(exc.problems))
            self._open(FileResults(self.window).import_problems_dialog(path, exc.problems))
        else:
            self._file_failed(title, exc)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    # ---- export --------------------------------------------------------------------------------------------------

    def export_journal(self) -> None:
        """File ▸ Export…: the whole vault as a JSON file (format version 1), readable by any program."""
        if self.context.session() is None:
            return
        title = self.tr("Export — ClientJournal")
        now = self.context.clock()
        path = self.files.save_path(
            title,
            EXPORT_FOLDER,
            f"clientjournal-export-{now:%Y-%m-%d}.json",
            self.tr("JSON files (*.json);;All files (*)"),
        )
        if path is None:
            return

        def written(_result: None) -> None:
            log.info("export written")
            self.context.show_status(self.tr("Export written"))
            QMessageBox.information(
                self.window,
                title,
                self.tr(
                    "Your whole journal is exported to %1. The file is not encrypted: keep it as carefully as "
                    "the notes themselves."
                ).replace("%1", str(path)),
            )
            self.exported.emit(str(path))

        def export(session: VaultSession, progress: Progress) -> None:
            session.transfer.export_to_file(path, exported_at=now, progress=progress)

        self._run_long(
            title,
            self.tr("Exporting your journal…"),
            export,
            written,
            lambda exc: self._file_failed(title, exc),
        )

    # ---- passphrase, check, device ----------------------------------------------------------------------------

    def change_passphrase(self) -> QDialog | None:
        """File ▸ Change passphrase…: proves the current one, then sets the new one."""
        from clientjournal.ui.passphrase_dialog import ChangePassphraseDialog

        if self.context.session() is None:
            return None
        dialog = ChangePassphraseDialog(self.context.ops, self.window)

        def changed() -> None:
            self.context.show_status(self.tr("Passphrase changed"))
            self.passphrase_changed.emit()

        dialog.changed.connect(changed)
        self._open(dialog)
        return dialog

    def check_vault(self) -> bool:
        """Decrypt and verify every record with progress, then report; False when no check could start.

        Public: the banner about damaged records offers it too. :attr:`check_finished` carries the report.
        """
        title = self.tr("Check the vault — ClientJournal")
        return self._run_long(
            title,
            self.tr("Checking every record…"),
            lambda s, progress: s.check(progress),
            lambda report: self._show_check(title, report),
        )

    def _show_check(self, title: str, report: CheckReport) -> None:
        if report.ok:
            log.info("vault check passed")
            FileResults(self.window).show_check_passed(title, report)
        else:
            log.warning("vault check found %d problems", len(report.problems))
            for problem in report.problems:
                log.warning("check: %s", problem)  # names records by id, never their content
            self._open(FileResults(self.window).check_problems_dialog(title, report.problems))
        self.check_finished.emit(report)

    def forget_device(self) -> None:
        """File ▸ Forget this device: the same operation as the button in Preferences."""
        if self.context.session() is None:
            return
        title = self.tr("Forget this device — ClientJournal")
        answer = QMessageBox.question(
            self.window,
            title,
            self.tr(
                "This device will no longer unlock your journal by itself. The next time you unlock it, you "
                "will need your passphrase or your recovery key."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(forgotten: bool) -> None:
            text = (
                self.tr("This device is forgotten: unlocking needs your passphrase from now on.")
                if forgotten
                else self.tr("This device was not remembered, so there was nothing to forget.")
            )
            QMessageBox.information(self.window, title, text)
            self.device_forgotten.emit(forgotten)

        vaultops.forget_this_device(self.context.ops).success(done).run()
