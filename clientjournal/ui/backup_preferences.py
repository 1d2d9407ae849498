"""The "Automatic backups" section of Preferences: on or off, how often, the folder, how many are kept, and the
last good backup ("Last good backup: today 09:12, verified").

The policy lives encrypted in the vault (it belongs to this journal, not to the computer's settings), so the
section reads it through the window's operations when it opens and saves it when the dialog's OK is pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from clientjournal.services.changes import VaultChanges
from clientjournal.ui.dates import short_date_with_weekday
from clientjournal.ui.widgets import MessageLabel

if TYPE_CHECKING:
    from clientjournal.services.backups import BackupPolicy, BackupStatus
    from clientjournal.ui.operations import Operations


def describe_moment(moment: datetime, now: datetime, locale: QLocale | None = None) -> str:
    """today 09:12, yesterday 18:40, or Mon 30 Nov 2026 09:12 (in ``now``'s time zone)."""
    from PySide6.QtCore import QCoreApplication

    locale = locale or QLocale()
    local = moment.astimezone(now.tzinfo)
    time = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if local.date() == now.date():
        return QCoreApplication.translate("BackupSection", "today %1").replace("%1", time)
    if local.date() == now.date() - timedelta(days=1):
        return QCoreApplication.translate("BackupSection", "yesterday %1").replace("%1", time)
    return f"{short_date_with_weekday(locale, local.date())} {time}"


class BackupSection(QWidget):
    """Shows the vault's backup policy once :meth:`load` has read it; :meth:`apply` saves the edited one."""

    def __init__(  # noqa: PLR0915 - a form, built top to bottom
        self,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupSection")
        self.setAccessibleName(self.tr("Automatic backups"))
        self._ops = ops
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._loaded: BackupPolicy | None = None
        self._default_folder = ""
        form = self._form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.enabled = QCheckBox(self.tr("&Back up automatically, encrypted"), self)
        self.interval = QComboBox(self)
        self.interval.setAccessibleName(self.tr("How often"))
        self.interval.addItem(self.tr("Every day"), 1)
        self.interval.addItem(self.tr("Every week"), 7)
        row = QHBoxLayout()
        row.addWidget(self.enabled, 1)
        row.addWidget(self.interval)
        form.addRow(self.tr("Backups:"), row)

        self.folder = QLineEdit(self)
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(self.tr("Backup folder"))
        self.choose_folder = QPushButton(self.tr("C&hoose…"), self)
        self.choose_folder.clicked.connect(self._choose_folder)
        self.default_folder = QPushButton(self.tr("Defa&ult"), self)
        self.default_folder.setToolTip(self.tr("The backups folder beside the journal file"))
        self.default_folder.clicked.connect(lambda: self._set_folder(""))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_folder)
        folder_row.addWidget(self.default_folder)
        form.addRow(self._label(self.tr("F&older:"), self.choose_folder), folder_row)
        self._chosen_folder = ""

        self.keep_daily = QSpinBox(self)
        self.keep_daily.setRange(1, 99)
        self.keep_daily.setAccessibleName(self.tr("Daily backups kept"))
        self.keep_weekly = QSpinBox(self)
        self.keep_weekly.setRange(0, 99)
        self.keep_weekly.setAccessibleName(self.tr("Weekly backups kept"))
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_daily)
        keep_row.addWidget(QLabel(self.tr("daily and"), self))
        keep_row.addWidget(self.keep_weekly)
        keep_row.addWidget(QLabel(self.tr("weekly"), self))
        keep_row.addStretch(1)
        form.addRow(self._label(self.tr("&Keep:"), self.keep_daily), keep_row)

        self.last_good = QLabel(self.tr("Reading the backups…"), self)
        self.last_good.setWordWrap(True)
        self.last_good.setObjectName("lastGoodBackup")
        form.addRow("", self.last_good)
        self.message = MessageLabel(self)
        form.addRow("", self.message)
        self._controls: tuple[QWidget, ...] = (
            self.enabled,
            self.interval,
            self.choose_folder,
            self.default_folder,
            self.keep_daily,
            self.keep_weekly,
        )
        for control in self._controls:
            control.setEnabled(False)  # until the policy is read
        self.enabled.toggled.connect(self._enable_rows)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    # ---- reading and saving --------------------------------------------------------------------------------------

    def load(self) -> None:
        self._ops.query(lambda s: s.backups.status(), key=(self, "status")).success(self.show_status).failure(
            lambda exc: self.last_good.setText(self.tr("The backup settings could not be read."))
        ).run()

    def show_status(self, status: BackupStatus) -> None:
        if not status.supported:
            self.last_good.setText(
                self.tr(
                    "Automatic backups need a journal file on this computer. This journal is kept on a database "
                    "server: the server's own backups keep it, and File ▸ Back up now… writes a copy here."
                )
            )
            for row in range(3):  # on, folder, keep: nothing to choose
                self._form.setRowVisible(row, False)
            return
        policy = status.policy
        self._loaded = policy
        self._default_folder = str(status.default_folder or "")
        self.enabled.setChecked(policy.enabled)
        self.interval.setCurrentIndex(max(0, self.interval.findData(policy.interval_days)))
        self.keep_daily.setValue(policy.keep_daily)
        self.keep_weekly.setValue(policy.keep_weekly)
        self._set_folder(policy.folder)
        for control in self._controls:
            control.setEnabled(True)
        self._enable_rows(policy.enabled)
        now = self._clock()
        if status.last_good is not None:
            self.last_good.setText(
                self.tr("Last good backup: %1, verified").replace(
                    "%1", describe_moment(status.last_good.taken_at, now)
                )
            )
            self.last_good.setToolTip(str(status.last_good.path))
        else:
            self.last_good.setText(self.tr("No verified backup yet."))
        failure = status.last_failure
        if failure is not None:
            self.message.show_error(
                self.tr("The last backup failed (%1): %2")
                .replace("%1", describe_moment(failure.at, now))
                .replace("%2", failure.problem)
            )

    def policy(self) -> BackupPolicy | None:
        """The policy as edited; None before it was read (or for a journal on a database server)."""
        from dataclasses import replace

        if self._loaded is None:
            return None
        return replace(
            self._loaded,
            enabled=self.enabled.isChecked(),
            interval_days=int(self.interval.currentData()),
            folder=self._chosen_folder,
            keep_daily=self.keep_daily.value(),
            keep_weekly=self.keep_weekly.value(),
        )

    def apply(self) -> None:
        """Save the edited policy (the dialog's OK); nothing when it is unchanged."""
        policy = self.policy()
        if policy is None or policy == self._loaded:
            return
        self._ops.change(lambda s: s.backups.save_policy(policy), VaultChanges()).run()

    # ---- the folder ----------------------------------------------------------------------------------------------

    def _choose_folder(self) -> None:
        start = self._chosen_folder or self._default_folder or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the automatic backups"), start)
        if chosen:
            self._set_folder(chosen)

    def _set_folder(self, folder: str) -> None:
        self._chosen_folder = folder
        shown = folder or self._default_folder
        self.folder.setText(shown)
        self.folder.setToolTip(shown)
        self.default_folder.setEnabled(bool(folder) and self.enabled.isChecked())

    def _enable_rows(self, enabled: bool) -> None:
        if self._loaded is None:
            return
        for control in (self.interval, self.choose_folder, self.keep_daily, self.keep_weekly):
            control.setEnabled(enabled)
        self.default_folder.setEnabled(enabled and bool(self._chosen_folder))


def add_backup_section(dialog: QWidget, ops: Operations) -> BackupSection:
    """Put the section into the Preferences dialog, above its buttons; it saves when the dialog is accepted."""
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    section = BackupSection(ops, dialog)
    layout = dialog.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(max(0, layout.count() - 2), section)  # before the stretch and the buttons
    if isinstance(dialog, QDialog):
        dialog.accepted.connect(section.apply)
    section.load()
    return section
