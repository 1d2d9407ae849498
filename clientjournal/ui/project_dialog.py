"""Adding or editing one of a client's projects (orders): title, contract date, due date, status, delivery."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clientjournal.domain import Project, ProjectStatus
from clientjournal.domain.entities import new_id
from clientjournal.ui.date_fields import TypedDateEdit
from clientjournal.ui.widgets import MessageLabel, fit_window_title, heading, ok_cancel_buttons


def project_status_label(status: str) -> str:
    labels = {
        "active": QCoreApplication.translate("ProjectDialog", "Active"),
        "delivered": QCoreApplication.translate("ProjectDialog", "Delivered"),
        "cancelled": QCoreApplication.translate("ProjectDialog", "Cancelled"),
    }
    return labels.get(str(status), str(status))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class _OptionalDate(QWidget):
    """A date that may be unset: a check box ("known") in front of a date field."""

    def __init__(self, value: date | None, default: date, accessible: str, parent: QWidget) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox(self)
        self.known.setAccessibleName(self.tr("%1 is set").replace("%1", accessible))
        self.edit = TypedDateEdit(self)
        self.edit.setAccessibleName(accessible)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(_qdate(value or default))
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.known.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.known.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.known)
        row.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return _pydate(self.edit.date()) if self.known.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.known.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(_qdate(value))


class ProjectDialog(QDialog):
    """Edits a copy of ``project`` (or a new one for ``client_id``); :meth:`project` gives the result."""

    def __init__(
        self,
        client_id: str,
        today: date,
        project: Project | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._client_id = client_id
        self._original = project
        self.setObjectName("projectDialog")
        self.setWindowTitle(
            self.tr("New project — ClientJournal")
            if project is None
            else self.tr("Edit project — ClientJournal")
        )
        self.setMinimumWidth(420)
        fit_window_title(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(
            heading(self.tr("New project") if project is None else self.tr("Edit project"), self, level=2)
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        p = project
        self.title = QLineEdit(p.title if p else "", self)
        self.title.setAccessibleName(self.tr("Project title"))
        self.title.setPlaceholderText(self.tr("e.g. New website"))
        form.addRow(self.tr("&Title:"), self.title)
        self.contract = _OptionalDate(
            p.contract_signed_on if p else today, today, self.tr("Contract signed on"), self
        )
        form.addRow(self.tr("&Contract signed:"), self.contract)
        self.due = _OptionalDate(p.due_on if p else None, today, self.tr("Due on"), self)
        form.addRow(self.tr("&Due:"), self.due)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Project status"))
        for status in ProjectStatus:
            self.status.addItem(project_status_label(status), status)
        if p is not None:
            self.status.setCurrentIndex(self.status.findData(p.status))
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("&Status:"), self.status)
        self.delivered = _OptionalDate(p.delivered_on if p else None, today, self.tr("Delivered on"), self)
        form.addRow(self.tr("De&livered:"), self.delivered)
        self.status.currentIndexChanged.connect(self._status_changed)
        layout.addLayout(form)
        self._today = today

        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.buttons = ok_cancel_buttons(self)
        layout.addWidget(self.buttons)
        self.title.setFocus()

    def _status_changed(self) -> None:
        if self.status.currentData() == ProjectStatus.DELIVERED and self.delivered.value() is None:
            self.delivered.set_value(self._today)

    def project(self) -> Project:
        values = {
            "title": self.title.text().strip(),
            "contract_signed_on": self.contract.value(),
            "due_on": self.due.value(),
            "status": ProjectStatus(self.status.currentData()),
            "delivered_on": self.delivered.value(),
        }
        if self._original is None:
            return Project(id=new_id(), client_id=self._client_id, **values)  # type: ignore[arg-type]
        return replace(self._original, **values)  # type: ignore[arg-type]

    def accept(self) -> None:
        if not self.title.text().strip():
            self.message.show_error(self.tr("A project needs a title."))
            self.title.setFocus()
            return
        super().accept()
