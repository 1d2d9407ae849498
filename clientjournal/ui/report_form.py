"""The widgets of the summary PDF dialog (:class:`~clientjournal.ui.report_dialog.ReportDialog`), built top to
bottom: the client list with its All/None buttons, who the report is for, its language, the period, what to
include, the file row, the progress bar, the result row and the buttons.

Each function builds one part as children of the dialog and hands its widgets back; the dialog connects them
to its own slots. Their words keep the dialog's translation context, ``ReportDialog``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clientjournal.ui.report_fields import PeriodDay
from clientjournal.ui.widgets import mark_primary

if TYPE_CHECKING:
    from clientjournal.domain import Client

LANGUAGE_NAMES = {"en": "English", "nb": "Norsk bokmål"}
"""Language names are written in their own language (as in Preferences)."""


@dataclass(frozen=True)
class ClientColumn:
    """The list of clients to tick, and the buttons that tick all active ones or none."""

    layout: QVBoxLayout
    client_list: QListWidget
    select_all: QPushButton
    select_none: QPushButton


@dataclass(frozen=True)
class OptionsColumn:
    """Who the report is for, its language, the period and what it includes."""

    layout: QFormLayout
    for_self: QRadioButton
    for_client: QRadioButton
    audience: QButtonGroup
    language: QComboBox
    start: PeriodDay
    end: PeriodDay
    include_private: QCheckBox
    mask_contacts: QCheckBox
    confidential: QCheckBox


@dataclass(frozen=True)
class FileRow:
    """The PDF's file name and the button that chooses one."""

    layout: QHBoxLayout
    path: QLineEdit
    choose: QPushButton


@dataclass(frozen=True)
class ResultRow:
    """What was saved, with "Open" and "Show in folder"; hidden until a file is written."""

    row: QWidget
    label: QLabel
    open_button: QPushButton
    folder_button: QPushButton


def is_checked(client_list: QListWidget, row: int) -> bool:
    return client_list.item(row).checkState() == Qt.CheckState.Checked


def client_column(parent: QWidget, clients: Sequence[Client], selected: Sequence[str]) -> ClientColumn:
    """``clients`` as check boxes, ``selected`` ticked, the first ticked one current."""
    column = QVBoxLayout()
    column.setSpacing(6)
    label = QLabel(QCoreApplication.translate("ReportDialog", "&Clients:"), parent)
    column.addWidget(label)
    client_list = QListWidget(parent)
    client_list.setObjectName("reportClients")
    client_list.setAccessibleName(QCoreApplication.translate("ReportDialog", "Clients in the report"))
    client_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    client_list.setUniformItemSizes(True)
    client_list.setMinimumHeight(180)
    label.setBuddy(client_list)
    wanted = set(selected)
    for client in clients:
        text = (
            client.name
            if not client.archived
            else QCoreApplication.translate("ReportDialog", "%1 (archived)").replace("%1", client.name)
        )
        item = QListWidgetItem(text, client_list)
        item.setData(Qt.ItemDataRole.UserRole, client.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if client.id in wanted else Qt.CheckState.Unchecked)
    first = next((i for i in range(client_list.count()) if is_checked(client_list, i)), 0)
    client_list.setCurrentRow(first)
    column.addWidget(client_list, 1)
    row = QHBoxLayout()
    select_all = QPushButton(QCoreApplication.translate("ReportDialog", "&All active"), parent)
    select_all.setAccessibleName(QCoreApplication.translate("ReportDialog", "Choose all active clients"))
    select_none = QPushButton(QCoreApplication.translate("ReportDialog", "&None"), parent)
    select_none.setAccessibleName(QCoreApplication.translate("ReportDialog", "Choose no clients"))
    row.addWidget(select_all)
    row.addWidget(select_none)
    row.addStretch(1)
    column.addLayout(row)
    return ClientColumn(column, client_list, select_all, select_none)


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def _indented(widget: QWidget, parent: QWidget) -> QHBoxLayout:
    """``widget`` lined up with the text of the radio button above it."""
    row = QHBoxLayout()
    indent = parent.style().pixelMetric(parent.style().PixelMetric.PM_ExclusiveIndicatorWidth) + 8
    row.setContentsMargins(indent, 0, 0, 0)
    row.addWidget(widget)
    return row


def _audience(parent: QWidget) -> tuple[QVBoxLayout, QRadioButton, QRadioButton, QButtonGroup]:
    """For my records / for the client, each explained in a line under it."""
    audience = QVBoxLayout()
    audience.setSpacing(2)
    for_self = QRadioButton(QCoreApplication.translate("ReportDialog", "For &my records"), parent)
    for_self.setAccessibleName(QCoreApplication.translate("ReportDialog", "For my records"))
    for_self.setAccessibleDescription(
        QCoreApplication.translate(
            "ReportDialog",
            "Everything, with moods, temperament notes and the coach's suggestions: not for sharing.",
        )
    )
    for_client = QRadioButton(QCoreApplication.translate("ReportDialog", "For the cl&ient"), parent)
    for_client.setAccessibleName(QCoreApplication.translate("ReportDialog", "For the client"))
    for_client.setAccessibleDescription(
        QCoreApplication.translate(
            "ReportDialog",
            "Projects, agreed changes, deliveries, solved problems and promises: ready to hand over.",
        )
    )
    group = QButtonGroup(parent)
    group.addButton(for_self)
    group.addButton(for_client)
    for_self.setChecked(True)
    audience.addWidget(for_self)
    audience.addLayout(_indented(_hint(for_self.accessibleDescription(), parent), parent))
    audience.addSpacing(4)
    audience.addWidget(for_client)
    audience.addLayout(_indented(_hint(for_client.accessibleDescription(), parent), parent))
    return audience, for_self, for_client, group


def options_column(parent: QWidget, today: date) -> OptionsColumn:
    """The report's options; the period offered (unticked) runs from New Year to ``today``."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setVerticalSpacing(8)
    audience, for_self, for_client, group = _audience(parent)
    form.addRow(QCoreApplication.translate("ReportDialog", "For:"), audience)

    language = QComboBox(parent)
    language.setAccessibleName(QCoreApplication.translate("ReportDialog", "Report language"))
    language.addItem(QCoreApplication.translate("ReportDialog", "The client's language"), None)
    for code, name in LANGUAGE_NAMES.items():
        language.addItem(name, code)
    language.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    form.addRow(QCoreApplication.translate("ReportDialog", "&Language:"), language)

    period = QHBoxLayout()
    period.setSpacing(12)
    start = PeriodDay(
        QCoreApplication.translate("ReportDialog", "&From"),
        QCoreApplication.translate("ReportDialog", "Period from"),
        QCoreApplication.translate("ReportDialog", "Start the period on a date"),
        date(today.year, 1, 1),
        parent,
    )
    end = PeriodDay(
        QCoreApplication.translate("ReportDialog", "&To"),
        QCoreApplication.translate("ReportDialog", "Period to"),
        QCoreApplication.translate("ReportDialog", "End the period on a date"),
        today,
        parent,
    )
    period.addWidget(start, 1)
    period.addWidget(end, 1)
    period_box = QVBoxLayout()
    period_box.setSpacing(4)
    period_box.addLayout(period)
    period_box.addWidget(
        _hint(
            QCoreApplication.translate("ReportDialog", "Leave both unticked for the whole journal."), parent
        )
    )
    form.addRow(QCoreApplication.translate("ReportDialog", "Period:"), period_box)

    include_private = QCheckBox(
        QCoreApplication.translate("ReportDialog", "Include &private notes (entries without a channel)"),
        parent,
    )
    include_private.setAccessibleName(QCoreApplication.translate("ReportDialog", "Include private notes"))
    mask_contacts = QCheckBox(QCoreApplication.translate("ReportDialog", "Mas&k contact details"), parent)
    mask_contacts.setAccessibleName(QCoreApplication.translate("ReportDialog", "Mask contact details"))
    mask_contacts.setToolTip(
        QCoreApplication.translate(
            "ReportDialog", "Show only the start of the email address and phone number"
        )
    )
    confidential = QCheckBox(
        QCoreApplication.translate("ReportDialog", "Print “Confidential” on e&very page"), parent
    )
    confidential.setAccessibleName(QCoreApplication.translate("ReportDialog", "Confidential footer"))
    options = QVBoxLayout()
    options.setSpacing(4)
    for box in (include_private, mask_contacts, confidential):
        options.addWidget(box)
    form.addRow(QCoreApplication.translate("ReportDialog", "Include:"), options)
    return OptionsColumn(
        form, for_self, for_client, group, language, start, end, include_private, mask_contacts, confidential
    )


def file_row(parent: QWidget) -> FileRow:
    row = QHBoxLayout()
    row.setSpacing(8)
    label = QLabel(QCoreApplication.translate("ReportDialog", "&Save as:"), parent)
    path = QLineEdit(parent)
    path.setObjectName("reportPath")
    path.setAccessibleName(QCoreApplication.translate("ReportDialog", "PDF file"))
    label.setBuddy(path)
    choose = QPushButton(QCoreApplication.translate("ReportDialog", "C&hoose…"), parent)
    choose.setAccessibleName(QCoreApplication.translate("ReportDialog", "Choose the PDF file"))
    row.addWidget(label)
    row.addWidget(path, 1)
    row.addWidget(choose)
    return FileRow(row, path, choose)


def add_progress(parent: QWidget, layout: QVBoxLayout) -> tuple[QLabel, QProgressBar]:
    """The stage being worked on and a thin bar under it, both hidden until an export runs."""
    progress_label = QLabel(parent)
    progress_label.setObjectName("hint")
    progress = QProgressBar(parent)
    progress.setObjectName("reportProgress")
    progress.setAccessibleName(QCoreApplication.translate("ReportDialog", "Export progress"))
    progress.setTextVisible(False)
    progress.setFixedHeight(8)
    progress.setRange(0, 3)
    for widget in (progress_label, progress):
        widget.hide()
        layout.addWidget(widget)
    return progress_label, progress


def add_result_row(parent: QWidget, layout: QVBoxLayout) -> ResultRow:
    result_row = QWidget(parent)
    result_row.setObjectName("reportResult")
    row = QHBoxLayout(result_row)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(result_row)
    label.setWordWrap(True)
    label.setAccessibleName(QCoreApplication.translate("ReportDialog", "Result"))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_button = QPushButton(QCoreApplication.translate("ReportDialog", "&Open"), result_row)
    open_button.setAccessibleName(QCoreApplication.translate("ReportDialog", "Open the PDF"))
    folder_button = QPushButton(QCoreApplication.translate("ReportDialog", "Show in fol&der"), result_row)
    folder_button.setAccessibleName(QCoreApplication.translate("ReportDialog", "Show the PDF in its folder"))
    row.addWidget(label, 1)
    row.addWidget(open_button)
    row.addWidget(folder_button)
    result_row.hide()
    layout.addWidget(result_row)
    return ResultRow(result_row, label, open_button, folder_button)


def add_buttons(parent: QWidget, layout: QVBoxLayout) -> tuple[QDialogButtonBox, QPushButton]:
    """Close, and Export as the default button."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent)
    export_button = buttons.addButton(
        QCoreApplication.translate("ReportDialog", "&Export"), QDialogButtonBox.ButtonRole.ActionRole
    )
    export_button.setAccessibleName(QCoreApplication.translate("ReportDialog", "Export the PDF"))
    mark_primary(export_button)
    export_button.setDefault(True)
    export_button.setAutoDefault(True)
    layout.addWidget(buttons)
    return buttons, export_button
