"""Adding or editing a client's details."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clientjournal.domain import Channel, Client, Project
from clientjournal.domain.entities import new_id
from clientjournal.ui.dates import short_date
from clientjournal.ui.i18n import resolve_language
from clientjournal.ui.labels import channel_label
from clientjournal.ui.project_dialog import ProjectDialog, project_status_label
from clientjournal.ui.widgets import MessageLabel, fit_window_title, heading, mark_primary

if TYPE_CHECKING:
    from clientjournal.ui.operations import Operations

CLIENT_LANGUAGES = (("en", "English"), ("nb", "Norsk bokmål"))
"""The languages a client can be written to in, each named in itself (as language menus do)."""


def ui_language() -> str:
    """The language the user's window speaks (``en`` or ``nb``): the one Preferences chose, else the OS's."""
    return resolve_language("system", QLocale().uiLanguages())


class DaysSpinBox(QSpinBox):
    """A number of days, shown with the right plural ("1 day", "14 days"); 0 shows the special value text."""

    def textFromValue(self, value: int) -> str:
        return self.tr("%n days", "", value)

    def valueFromText(self, text: str) -> int:
        digits = "".join(c for c in text if c.isdigit())
        return int(digits) if digits else self.minimum()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if text == self.specialValueText():
            return QValidator.State.Acceptable, text, pos
        digits = "".join(c for c in text if c.isdigit())
        if not digits:
            return QValidator.State.Intermediate, text, pos
        state = (
            QValidator.State.Acceptable
            if self.minimum() <= int(digits) <= self.maximum()
            else QValidator.State.Invalid
        )
        return state, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.valueFromText(text))


class ClientDialog(QDialog):
    """Edits a copy of ``client`` (or a new one); :meth:`client` gives the result, id and version kept."""

    def __init__(  # noqa: PLR0915 - a form, built top to bottom
        self,
        client: Client | None = None,
        parent: QWidget | None = None,
        *,
        projects: Sequence[Project] | None = None,
        ops: Operations | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._original = client
        self._id = client.id if client is not None else new_id()
        self._today = today or date.today()
        self._projects: list[Project] = list(projects or ())
        self._changed_projects: dict[str, Project] = {}
        self.setObjectName("clientDialog")
        self.setWindowTitle(
            self.tr("New client — ClientJournal")
            if client is None
            else self.tr("Edit client — ClientJournal")
        )
        self.setMinimumWidth(480)
        fit_window_title(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(
            heading(self.tr("New client") if client is None else self.tr("Edit client"), self, level=2)
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def line(label: str, accessible: str, value: str) -> QLineEdit:
            field = QLineEdit(value, self)
            field.setAccessibleName(accessible)
            form.addRow(label, field)
            return field

        c = client
        self.name = line(self.tr("&Name:"), self.tr("Name"), c.name if c else "")
        self.company = line(self.tr("C&ompany:"), self.tr("Company"), c.company if c else "")
        self.email = line(self.tr("&Email:"), self.tr("Email"), c.email if c else "")
        self.phone = line(self.tr("&Phone:"), self.tr("Phone"), c.phone if c else "")

        self.channel = QComboBox(self)
        self.channel.setAccessibleName(self.tr("Preferred channel"))
        self.channel.addItem(self.tr("Not agreed yet"), None)
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel)
        if c and c.preferred_channel is not None:
            self.channel.setCurrentIndex(self.channel.findData(c.preferred_channel))
        self.channel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("Preferred &channel:"), self.channel)

        self.cadence = DaysSpinBox(self)
        self.cadence.setAccessibleName(self.tr("Update every (days)"))
        self.cadence.setRange(0, 365)
        self.cadence.setMinimumWidth(170)
        self.cadence.setSpecialValueText(self.tr("Not agreed yet"))
        self.cadence.setValue((c.update_every_days or 0) if c else 0)
        form.addRow(self.tr("&Updates every:"), self.cadence)

        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("The client's language"))
        for code, name in CLIENT_LANGUAGES:
            self.language.addItem(name, code)
        # Empty means "the user's own language": show (and, on saving, keep) the one the window speaks.
        spoken = (c.language if c else "") or ui_language()
        self.language.setCurrentIndex(max(0, self.language.findData(spoken)))
        self.language.setToolTip(self.tr("The language the coach's drafts to this client are written in"))
        self.language.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("&Language:"), self.language)

        self.temperament = QPlainTextEdit(c.temperament if c else "", self)
        self.temperament.setAccessibleName(self.tr("Temperament"))
        self.temperament.setPlaceholderText(
            self.tr("How they like to be spoken to, what worries them, what delights them…")
        )
        self.temperament.setTabChangesFocus(True)
        self.temperament.setFixedHeight(80)
        form.addRow(self.tr("&Temperament:"), self.temperament)

        self.tags = line(self.tr("Ta&gs:"), self.tr("Tags"), ", ".join(c.tags) if c else "")
        self.tags.setPlaceholderText(self.tr("Comma separated, e.g. web, retainer"))

        self.archived = QCheckBox(self.tr("&Archived (hidden from the list)"), self)
        self.archived.setAccessibleName(self.tr("Archived"))
        self.archived.setChecked(bool(c and c.archived))
        form.addRow("", self.archived)
        layout.addLayout(form)
        layout.addWidget(self._build_projects())

        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        mark_primary(self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.setFocus()
        self._pristine = self.client()
        if ops is not None and projects is None:
            self.load_projects(ops)

    def client(self) -> Client:
        tags = tuple(dict.fromkeys(t.strip() for t in self.tags.text().split(",") if t.strip()))
        values = {
            "name": self.name.text().strip(),
            "company": self.company.text().strip(),
            "email": self.email.text().strip(),
            "phone": self.phone.text().strip(),
            "preferred_channel": self.channel.currentData(),
            "update_every_days": self.cadence.value() or None,
            "temperament": self.temperament.toPlainText().strip(),
            "tags": tags,
            "archived": self.archived.isChecked(),
            "language": self.language.currentData(),
        }
        if self._original is None:
            return Client(id=self._id, **values)  # type: ignore[arg-type, unused-ignore]
        return replace(self._original, **values)  # type: ignore[arg-type, unused-ignore]

    # ---- projects ------------------------------------------------------------------------------------------------

    def _build_projects(self) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(6)
        title = QLabel(self.tr("Projects"), box)
        title.setObjectName("sectionTitle")
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        column.addWidget(title)
        self.project_list = QTreeWidget(box)
        self.project_list.setObjectName("projectList")
        self.project_list.setAccessibleName(self.tr("Projects"))
        self.project_list.setRootIsDecorated(False)
        self.project_list.setUniformRowHeights(True)
        self.project_list.setAlternatingRowColors(True)
        self.project_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.project_list.setHeaderLabels([self.tr("Title"), self.tr("Status"), self.tr("Due")])
        self.project_list.setColumnWidth(0, 200)
        self.project_list.setColumnWidth(1, 100)
        self.project_list.setFixedHeight(120)
        self.project_list.setStyleSheet("QTreeWidget::item { padding: 4px 2px; }")
        self.project_list.itemDoubleClicked.connect(lambda _item, _column: self.edit_project())
        self.project_list.currentItemChanged.connect(lambda *_a: self._update_project_buttons())
        column.addWidget(self.project_list)
        self.projects_hint = QLabel(self.tr("No projects yet."), box)
        self.projects_hint.setObjectName("hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.projects_hint, 1)
        self.add_project_button = QPushButton(self.tr("Add p&roject…"), box)
        self.add_project_button.setAccessibleName(self.tr("Add a project"))
        self.add_project_button.clicked.connect(self.add_project)
        self.edit_project_button = QPushButton(self.tr("Edit pro&ject…"), box)
        self.edit_project_button.setAccessibleName(self.tr("Edit the selected project"))
        self.edit_project_button.clicked.connect(self.edit_project)
        buttons.addWidget(self.add_project_button)
        buttons.addWidget(self.edit_project_button)
        column.addLayout(buttons)
        self._fill_projects()
        return box

    def load_projects(self, ops: Operations) -> None:
        """Fetch the stored projects of the client being edited in the background."""
        if self._original is None:
            return
        client_id = self._original.id
        self.project_list.setEnabled(False)
        self.projects_hint.setText(self.tr("Loading projects…"))
        ops.query(lambda s: s.journal.list_projects(client_id), key=(self, "projects")).success(
            self._projects_loaded
        ).failure(self._projects_failed).run()

    def _projects_loaded(self, projects: list[Project]) -> None:
        changed = self._changed_projects
        self._projects = [changed.get(p.id, p) for p in projects]
        self._projects += [p for p in changed.values() if p.id not in {q.id for q in projects}]
        self.project_list.setEnabled(True)
        self._fill_projects()

    def _projects_failed(self, _exc: BaseException) -> None:
        self.project_list.setEnabled(True)
        self.projects_hint.setText(self.tr("The projects could not be loaded."))

    def _fill_projects(self) -> None:
        current = self.project_list.currentItem()
        keep = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        self.project_list.clear()
        for project in self._projects:
            due = short_date(QLocale(), project.due_on) if project.due_on else ""
            item = QTreeWidgetItem([project.title, project_status_label(project.status), due])
            item.setData(0, Qt.ItemDataRole.UserRole, project.id)
            self.project_list.addTopLevelItem(item)
            if project.id == keep:
                self.project_list.setCurrentItem(item)
        count = len(self._projects)
        hint = self.tr("%n projects", "", count) if count else self.tr("No projects yet.")
        self.projects_hint.setText(hint)
        self._update_project_buttons()

    def _update_project_buttons(self) -> None:
        self.edit_project_button.setEnabled(self.project_list.currentItem() is not None)

    def _project_dialog(self, project: Project | None) -> ProjectDialog:
        dialog = ProjectDialog(self._id, self._today, project, parent=self)
        dialog.accepted.connect(lambda: self._project_edited(dialog.project()))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def add_project(self) -> ProjectDialog:
        return self._project_dialog(None)

    def edit_project(self) -> ProjectDialog | None:
        item = self.project_list.currentItem()
        if item is None:
            return None
        project_id = item.data(0, Qt.ItemDataRole.UserRole)
        project = next((p for p in self._projects if p.id == project_id), None)
        return self._project_dialog(project) if project is not None else None

    def _project_edited(self, project: Project) -> None:
        self._changed_projects[project.id] = project
        for position, known in enumerate(self._projects):
            if known.id == project.id:
                self._projects[position] = project
                break
        else:
            self._projects.append(project)
        self._fill_projects()
        for row in range(self.project_list.topLevelItemCount()):
            item = self.project_list.topLevelItem(row)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == project.id:
                self.project_list.setCurrentItem(item)

    def projects(self) -> list[Project]:
        return list(self._projects)

    def changed_projects(self) -> list[Project]:
        """New and edited projects, to store after the client (same client id, versions kept)."""
        return list(self._changed_projects.values())

    def accept(self) -> None:
        if not self.name.text().strip():
            self.message.show_error(self.tr("A client needs a name."))
            self.name.setFocus()
            return
        super().accept()

    def is_dirty(self) -> bool:
        """Whether anything was changed since the dialog opened (a field, or a project added or edited)."""
        return self.client() != self._pristine or bool(self._changed_projects)

    def confirm_discard(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Discard changes — ClientJournal"))
        box.setText(self.tr("Close without saving? Your changes to this client will be lost."))
        box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        fit_window_title(box)
        return box.exec() == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        """Escape, Cancel and closing the window all come here: with changes, ask first."""
        if self.is_dirty() and not self.confirm_discard():
            return
        super().reject()
