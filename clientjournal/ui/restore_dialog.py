"""File ▸ Restore from a backup…: pick one of the journal's backups (or any backup file), see what the restore
will replace, confirm, and restore on the worker.

The core keeps the journal as it is now as a backup first, checks the chosen backup completely and replaces the
journal in one transaction (:meth:`~clientjournal.services.backups.BackupService.restore`). The journal then
locks: the restored journal opens with the passphrase that was in force when the backup was taken.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clientjournal.services.changes import VaultChanges
from clientjournal.ui.backup_preferences import describe_moment
from clientjournal.ui.errors import describe_error
from clientjournal.ui.widgets import MessageLabel, heading, mark_primary

if TYPE_CHECKING:
    from clientjournal.services.backups import Backup, RestoreResult
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.context import WindowContext

log = logging.getLogger(__name__)
PATH_ROLE = Qt.ItemDataRole.UserRole


def _listing(session: VaultSession) -> tuple[bool, list[Backup], tuple[int, int]]:
    backups = session.backups
    return backups.supported, backups.backups() if backups.supported else [], backups.current_counts()


class RestoreDialog(QDialog):
    """Lists the backups; ``lock`` is called after a successful restore."""

    advanced = Signal(int, int)
    """(done, total) from the worker thread, shown on the progress bar."""

    def __init__(  # noqa: PLR0915 - a form, built top to bottom
        self, context: WindowContext, lock: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent or context.parent)
        self.context = context
        self._lock = lock
        self._backups: dict[str, Backup] = {}
        self._current: tuple[int, int] | None = None
        self.result_of_restore: RestoreResult | None = None
        self.running = False
        """A restore is under way: the dialog stays until it ends."""
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from a backup — ClientJournal"))
        self.setMinimumSize(620, 460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Restore from a backup"), self, level=2))
        self.current = QLabel(self.tr("Reading the backups…"), self)
        self.current.setWordWrap(True)
        layout.addWidget(self.current)

        self.list = QTreeWidget(self)
        self.list.setObjectName("backupList")
        self.list.setAccessibleName(self.tr("Backups"))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setHeaderLabels([self.tr("Taken"), self.tr("Holds"), self.tr("State")])
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(lambda *_items: self._selection_changed())
        layout.addWidget(self.list, 1)
        self.choose_file = QPushButton(self.tr("Choose a &file…"), self)
        self.choose_file.clicked.connect(self._choose_file)
        row = QHBoxLayout()
        row.addWidget(self.choose_file)
        row.addStretch(1)
        layout.addLayout(row)

        self.summary = QLabel(self)
        self.summary.setObjectName("restoreSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.passphrase_label = QLabel(self.tr("This backup is of another journal. Its &passphrase:"), self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase of the backup"))
        self.passphrase_label.setBuddy(self.passphrase)
        self.passphrase.textChanged.connect(lambda _text: self._selection_changed())
        for widget in (self.passphrase_label, self.passphrase):
            layout.addWidget(widget)
            widget.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.advanced.connect(self._advance, Qt.ConnectionType.QueuedConnection)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        mark_primary(self.restore_button)
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.ask_to_restore)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # ---- the list ------------------------------------------------------------------------------------------------

    def _holdings(self, clients: int | None, entries: int | None) -> str:
        if clients is None or entries is None:
            return self.tr("contents unknown")
        return self.tr("%n clients", "", clients) + ", " + self.tr("%n entries", "", entries)

    def load(self) -> None:
        self.context.ops.query(_listing, key=(self, "list")).success(self._listed).failure(
            lambda exc: self.message.show_error(describe_error(exc))
        ).run()

    def _listed(self, listing: tuple[bool, list[Backup], tuple[int, int]]) -> None:
        supported, backups, current = listing
        self._current = current
        if not supported:
            self.current.setText(
                self.tr(
                    "This journal is kept on a database server, so ClientJournal keeps no backups of it and "
                    "cannot restore one from the window: use the server's own backups, or "
                    "'clientjournal-cli restore'."
                )
            )
            self.choose_file.setEnabled(False)
            return
        self.current.setText(
            self.tr("Your journal now holds %1. Choose the backup to bring back:").replace(
                "%1", self._holdings(*current)
            )
        )
        self.list.clear()
        self._backups.clear()
        items = [(self._add(backup), backup) for backup in backups]
        usable = [item for item, backup in items if backup.status != "damaged"]
        if usable:
            self.list.setCurrentItem(usable[0])
        elif not items:
            self.summary.setText(
                self.tr("No backups yet in the backup folder. Choose a backup file instead.")
            )

    def _add(self, backup: Backup, *, first: bool = False) -> QTreeWidgetItem:
        now = self.context.clock()
        if backup.kind == "chosen":
            taken = backup.path.name
        elif backup.kind == "before-restore":
            taken = self.tr("%1 (before a restore)").replace("%1", describe_moment(backup.taken_at, now))
        else:
            taken = describe_moment(backup.taken_at, now)
        state = {
            "verified": self.tr("Verified"),
            "damaged": self.tr("Damaged"),
            "unverified": self.tr("Not verified yet"),
        }[backup.status]
        item = QTreeWidgetItem([taken, self._holdings(backup.clients, backup.entries), state])
        item.setData(0, PATH_ROLE, str(backup.path))
        item.setToolTip(0, str(backup.path))
        if backup.problem:
            item.setToolTip(2, backup.problem)
        if backup.status == "damaged":
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        self._backups[str(backup.path)] = backup
        if first:
            self.list.insertTopLevelItem(0, item)
        else:
            self.list.addTopLevelItem(item)
        return item

    def selected(self) -> Backup | None:
        item = self.list.currentItem()
        return None if item is None else self._backups.get(str(item.data(0, PATH_ROLE)))

    def _selection_changed(self) -> None:
        backup = self.selected()
        needs_passphrase = backup is not None and not backup.of_this_vault
        self.passphrase_label.setVisible(needs_passphrase)
        self.passphrase.setVisible(needs_passphrase)
        usable = backup is not None and backup.status != "damaged"
        self.restore_button.setEnabled(usable and (not needs_passphrase or bool(self.passphrase.text())))
        if backup is None:
            return
        if backup.status == "damaged":
            self.summary.setText(
                self.tr("This backup is damaged and cannot be restored: %1").replace("%1", backup.problem)
            )
            return
        self.summary.setText(
            self.tr(
                "Restoring replaces everything in your journal now (%1) with the backup of %2 (%3). Your journal "
                "as it is now is kept as a backup first. Then ClientJournal locks: unlock it with the passphrase "
                "that was in force when the backup was taken."
            )
            .replace("%1", self._holdings(*self._current) if self._current else "")
            .replace("%2", describe_moment(backup.taken_at, self.context.clock()))
            .replace("%3", self._holdings(backup.clients, backup.entries))
        )

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup file"),
            str(Path.home()),
            self.tr("ClientJournal backups (*.sqlite3);;All files (*)"),
        )
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        """Offer a backup file chosen by hand, at the top of the list, once what it holds is read."""

        def inspected(backup: Backup) -> None:
            self.list.setCurrentItem(self._add(backup, first=True))

        self.context.ops.query(lambda s: s.backups.inspect(path), key=(self, "inspect")).success(
            inspected
        ).failure(lambda exc: self.message.show_error(describe_error(exc))).run()

    # ---- restoring -----------------------------------------------------------------------------------------------

    def ask_to_restore(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore this backup?"),
            self.tr(
                "Everything in your journal now is replaced by the backup. Your journal as it is now is kept "
                "as a backup first, so you can go back."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(backup)

    def restore(self, backup: Backup) -> None:
        """Restore on the worker, with progress; on success lock, so the restored journal is unlocked anew."""
        path = backup.path
        passphrase = None if backup.of_this_vault else self.passphrase.text()
        now: datetime = self.context.clock()
        report = self.advanced.emit
        self.running = True
        for widget in (self.restore_button, self.choose_file, self.list, self.passphrase):
            widget.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self.message.clear_message()
        self.progress.show()
        log.info("restoring a backup")
        self.context.ops.change(
            lambda s: s.backups.restore(path, now, passphrase=passphrase, progress=report),
            VaultChanges(),  # the journal locks next: nothing is left to refresh
            key=(self, "restore"),
        ).success(self._restored).failure(self._failed).run()

    def _advance(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def reject(self) -> None:
        if not self.running:  # a restore cannot be stopped halfway; it ends by itself
            super().reject()

    def _restored(self, result: RestoreResult) -> None:
        log.info("backup restored; the journal locks")
        self.running = False
        self.result_of_restore = result
        self.progress.hide()
        self.accept()
        self._lock()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.progress.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        for widget in (self.choose_file, self.list, self.passphrase):
            widget.setEnabled(True)
        self._selection_changed()
        self.message.show_error(describe_error(exc))


def open_restore_dialog(context: WindowContext, lock: Callable[[], None]) -> RestoreDialog:
    dialog = RestoreDialog(context, lock)
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()
    dialog.load()
    return dialog
