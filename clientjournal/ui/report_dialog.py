"""Client → Export summary PDF…: the options of :mod:`clientjournal.reports`, the work on the worker, the result.

The dialog gathers :class:`~clientjournal.reports.ReportOptions` and a file name, asks before replacing a file,
and runs :func:`~clientjournal.reports.build_report` and :func:`~clientjournal.reports.write_report` together as
one operation on the background worker (the same two calls the CLI makes, so both write the identical file).
The builder's progress callback runs on the worker thread; it reaches the progress bar through a queued signal.
Errors show inline, and the form keeps everything typed into it. Once the file is written, "Open" and "Show in
folder" hand it to the system through ``QDesktopServices``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clientjournal.errors import ValidationError
from clientjournal.reports import (
    Audience,
    ReportOptions,
    build_report,
    client_language,
    page_count,
    write_report,
)
from clientjournal.services.coaching import language_code
from clientjournal.ui.report_fields import (
    PeriodDay,
    ProgressRelay,
    default_folder,
    failure_text,
    safe_file_name,
    target_problem,
)
from clientjournal.ui.widgets import MessageLabel, heading, mark_primary

if TYPE_CHECKING:
    from clientjournal.domain import Client
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.context import WindowContext

log = logging.getLogger(__name__)

FOLDER_SETTING = "report/folder"
"""The folder the last report went to: the next one is suggested there."""
LANGUAGE_NAMES = {"en": "English", "nb": "Norsk bokmål"}
"""Language names are written in their own language (as in Preferences)."""


def _user_language() -> str:
    """The UI's language, for clients who have none of their own."""
    return language_code(QLocale().name())


class ReportDialog(QDialog):
    """Export a summary PDF of one or several clients; ``selected`` are checked to begin with."""

    exported = Signal(str)
    """The path of the PDF just written."""
    failed = Signal(str)
    """The message shown after an export that did not work."""

    def __init__(
        self,
        context: WindowContext,
        selected: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else context.parent)
        self.context = context
        self.running = False
        """True while the report is being made and written (tests wait for it)."""
        self.written: Path | None = None
        """The last file written."""
        self._key = object()
        self._auto_path = True
        """Whether the file name still follows the chosen clients (until the user types or chooses one)."""
        self._clients = self._listed_clients(selected)
        self.setObjectName("reportDialog")
        self.setWindowTitle(self.tr("Export summary PDF — ClientJournal"))
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Export summary PDF"), self, level=2))
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(self._build_client_column(selected), 2)
        columns.addLayout(self._build_options_column(), 3)
        layout.addLayout(columns, 1)
        layout.addLayout(self._build_file_row())
        self._build_progress(layout)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self._build_result(layout)
        self._build_buttons(layout)
        self._selection_changed()
        self.client_list.setFocus()

    # ---- construction --------------------------------------------------------------------------------------------

    def _listed_clients(self, selected: Sequence[str]) -> list[Client]:
        showing_archived = self.context.showing_archived()
        return [c for c in self.context.clients() if not c.archived or showing_archived or c.id in selected]

    def _build_client_column(self, selected: Sequence[str]) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        label = QLabel(self.tr("&Clients:"), self)
        column.addWidget(label)
        self.client_list = QListWidget(self)
        self.client_list.setObjectName("reportClients")
        self.client_list.setAccessibleName(self.tr("Clients in the report"))
        self.client_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.client_list.setUniformItemSizes(True)
        self.client_list.setMinimumHeight(180)
        label.setBuddy(self.client_list)
        wanted = set(selected)
        for client in self._clients:
            text = client.name if not client.archived else self.tr("%1 (archived)").replace("%1", client.name)
            item = QListWidgetItem(text, self.client_list)
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if client.id in wanted else Qt.CheckState.Unchecked)
        first = next((i for i in range(self.client_list.count()) if self._checked(i)), 0)
        self.client_list.setCurrentRow(first)
        self.client_list.itemChanged.connect(lambda _item: self._selection_changed())
        column.addWidget(self.client_list, 1)
        row = QHBoxLayout()
        self.select_all = QPushButton(self.tr("&All active"), self)
        self.select_all.setAccessibleName(self.tr("Choose all active clients"))
        self.select_all.clicked.connect(lambda: self._check_all(True))
        self.select_none = QPushButton(self.tr("&None"), self)
        self.select_none.setAccessibleName(self.tr("Choose no clients"))
        self.select_none.clicked.connect(lambda: self._check_all(False))
        row.addWidget(self.select_all)
        row.addWidget(self.select_none)
        row.addStretch(1)
        column.addLayout(row)
        return column

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("hint")
        label.setWordWrap(True)
        return label

    def _build_audience(self) -> QVBoxLayout:
        """For my records / for the client, each explained in a line under it."""
        audience = QVBoxLayout()
        audience.setSpacing(2)
        self.for_self = QRadioButton(self.tr("For &my records"), self)
        self.for_self.setAccessibleName(self.tr("For my records"))
        self.for_self.setAccessibleDescription(
            self.tr("Everything, with moods, temperament notes and the coach's suggestions: not for sharing.")
        )
        self.for_client = QRadioButton(self.tr("For the cl&ient"), self)
        self.for_client.setAccessibleName(self.tr("For the client"))
        self.for_client.setAccessibleDescription(
            self.tr("Projects, agreed changes, deliveries, solved problems and promises: ready to hand over.")
        )
        self.audience = QButtonGroup(self)
        self.audience.addButton(self.for_self)
        self.audience.addButton(self.for_client)
        self.for_self.setChecked(True)
        audience.addWidget(self.for_self)
        audience.addLayout(self._indented(self._hint(self.for_self.accessibleDescription())))
        audience.addSpacing(4)
        audience.addWidget(self.for_client)
        audience.addLayout(self._indented(self._hint(self.for_client.accessibleDescription())))
        return audience

    def _build_options_column(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("For:"), self._build_audience())

        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Report language"))
        self.language.addItem(self.tr("The client's language"), None)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("&Language:"), self.language)

        today = self.context.clock().date()
        period = QHBoxLayout()
        period.setSpacing(12)
        self.start = PeriodDay(
            self.tr("&From"),
            self.tr("Period from"),
            self.tr("Start the period on a date"),
            date(today.year, 1, 1),
            self,
        )
        self.end = PeriodDay(
            self.tr("&To"), self.tr("Period to"), self.tr("End the period on a date"), today, self
        )
        period.addWidget(self.start, 1)
        period.addWidget(self.end, 1)
        period_box = QVBoxLayout()
        period_box.setSpacing(4)
        period_box.addLayout(period)
        period_box.addWidget(self._hint(self.tr("Leave both unticked for the whole journal.")))
        form.addRow(self.tr("Period:"), period_box)

        self.include_private = QCheckBox(self.tr("Include &private notes (entries without a channel)"), self)
        self.include_private.setAccessibleName(self.tr("Include private notes"))
        self.mask_contacts = QCheckBox(self.tr("Mas&k contact details"), self)
        self.mask_contacts.setAccessibleName(self.tr("Mask contact details"))
        self.mask_contacts.setToolTip(self.tr("Show only the start of the email address and phone number"))
        self.confidential = QCheckBox(self.tr("Print “Confidential” on e&very page"), self)
        self.confidential.setAccessibleName(self.tr("Confidential footer"))
        options = QVBoxLayout()
        options.setSpacing(4)
        for box in (self.include_private, self.mask_contacts, self.confidential):
            options.addWidget(box)
        form.addRow(self.tr("Include:"), options)
        self.for_client.toggled.connect(self._audience_changed)
        return form

    def _indented(self, widget: QWidget) -> QHBoxLayout:
        """``widget`` lined up with the text of the radio button above it."""
        row = QHBoxLayout()
        indent = self.style().pixelMetric(self.style().PixelMetric.PM_ExclusiveIndicatorWidth) + 8
        row.setContentsMargins(indent, 0, 0, 0)
        row.addWidget(widget)
        return row

    def _build_file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        label = QLabel(self.tr("&Save as:"), self)
        self.path = QLineEdit(self)
        self.path.setObjectName("reportPath")
        self.path.setAccessibleName(self.tr("PDF file"))
        self.path.textEdited.connect(self._path_edited)
        label.setBuddy(self.path)
        self.choose = QPushButton(self.tr("C&hoose…"), self)
        self.choose.setAccessibleName(self.tr("Choose the PDF file"))
        self.choose.clicked.connect(self.choose_file)
        row.addWidget(label)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        return row

    def _build_progress(self, layout: QVBoxLayout) -> None:
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("hint")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("reportProgress")
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        self.progress.setRange(0, 3)
        for widget in (self.progress_label, self.progress):
            widget.hide()
            layout.addWidget(widget)

    def _build_result(self, layout: QVBoxLayout) -> None:
        self.result_row = QWidget(self)
        self.result_row.setObjectName("reportResult")
        row = QHBoxLayout(self.result_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.result_label = QLabel(self.result_row)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Result"))
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("&Open"), self.result_row)
        self.open_button.setAccessibleName(self.tr("Open the PDF"))
        self.open_button.clicked.connect(self.open_pdf)
        self.folder_button = QPushButton(self.tr("Show in fol&der"), self.result_row)
        self.folder_button.setAccessibleName(self.tr("Show the PDF in its folder"))
        self.folder_button.clicked.connect(self.show_folder)
        row.addWidget(self.result_label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        self.result_row.hide()
        layout.addWidget(self.result_row)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setAccessibleName(self.tr("Export the PDF"))
        mark_primary(self.export_button)
        self.export_button.setDefault(True)
        self.export_button.setAutoDefault(True)
        self.export_button.clicked.connect(self.export)
        layout.addWidget(self.buttons)

    # ---- the form ------------------------------------------------------------------------------------------------

    def _checked(self, row: int) -> bool:
        return self.client_list.item(row).checkState() == Qt.CheckState.Checked

    def chosen(self) -> list[str]:
        """The ids of the checked clients, in the list's order."""
        return [
            str(self.client_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.client_list.count())
            if self._checked(row)
        ]

    def set_chosen(self, client_ids: Sequence[str]) -> None:
        wanted = set(client_ids)
        for row in range(self.client_list.count()):
            item = self.client_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _check_all(self, checked: bool) -> None:
        self.set_chosen([c.id for c in self._clients if not c.archived] if checked else [])

    def _chosen_clients(self) -> list[Client]:
        ids = set(self.chosen())
        return [c for c in self._clients if c.id in ids]

    def _selection_changed(self) -> None:
        clients = self._chosen_clients()
        own = self.tr("The client's language")
        if len(clients) == 1:
            name = LANGUAGE_NAMES.get(client_language(clients[0], _user_language()), "")
            own = self.tr("The client's language (%1)").replace("%1", name) if name else own
        elif len(clients) > 1:
            own = self.tr("Each client's language")
        self.language.setItemText(0, own)
        if self._auto_path:
            self.path.setText(str(self._folder() / self.suggested_name(clients)))

    def suggested_name(self, clients: Sequence[Client]) -> str:
        if len(clients) == 1:
            name = self.tr("%1 – summary.pdf").replace("%1", clients[0].name)
        else:
            name = self.tr("Client summaries.pdf")
        return safe_file_name(name, self.tr("summary"))

    def _folder(self) -> Path:
        settings = self.context.settings
        remembered = settings.value(FOLDER_SETTING) if settings is not None else None
        if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
            return Path(remembered)
        return default_folder()

    def _path_edited(self, _text: str) -> None:
        self._auto_path = False

    def _audience_changed(self, for_client: bool) -> None:
        self.include_private.setEnabled(not for_client)
        self.include_private.setToolTip(
            self.tr("A report for the client never shows private notes") if for_client else ""
        )

    def choose_file(self) -> None:
        current = self.path.text().strip()
        start = current or str(self._folder() / self.suggested_name(self._chosen_clients()))
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the summary PDF"),
            start,
            self.tr("PDF files (*.pdf)"),
            "",
            QFileDialog.Option.DontConfirmOverwrite,  # Export asks, for a typed name too
        )
        if chosen:
            self._auto_path = False
            self.path.setText(chosen)

    def options(self) -> ReportOptions:
        """The report options as the form stands (ValidationError when they do not make a report)."""
        return ReportOptions(
            clients=tuple(self.chosen()),
            audience=Audience.CLIENT if self.for_client.isChecked() else Audience.SELF,
            language=self.language.currentData(),
            user_language=_user_language(),
            start=self.start.value(),
            end=self.end.value(),
            include_private=self.include_private.isChecked() and not self.for_client.isChecked(),
            mask_contacts=self.mask_contacts.isChecked(),
            confidential=self.confidential.isChecked(),
        )

    def target(self) -> Path | None:
        """The file to write, made absolute and ending in .pdf; None when no name is given."""
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self._folder() / path
        if path.suffix.casefold() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path

    # ---- exporting -----------------------------------------------------------------------------------------------

    def replace_confirmation(self, path: Path) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Replace file? — ClientJournal"))
        box.setText(self.tr("“%1” already exists. Replace it?").replace("%1", path.name))
        box.setInformativeText(
            self.tr("The file in %1 is overwritten with the new summary.").replace("%1", str(path.parent))
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Replace"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def export(self) -> None:
        if self.running or self.context.session() is None:
            return
        self.message.clear_message()
        self.result_row.hide()
        if not self.chosen():
            self._fail(self.tr("Tick at least one client to put in the report."), self.client_list)
            return
        path = self.target()
        if path is None:
            self._fail(self.tr("Give the PDF a file name."), self.path)
            return
        try:
            options = self.options()
        except ValidationError:
            self._fail(self.tr("The period starts after it ends."), self.start.edit)
            return
        problem = target_problem(path)
        if problem is not None:
            self._fail(problem, self.path)
            return
        replace = False
        if path.exists():
            if self.replace_confirmation(path).exec() != QMessageBox.StandardButton.Yes:
                self.message.show_info(self.tr("Nothing was written: choose another file name, or replace."))
                self.path.setFocus()
                return
            replace = True
        self.path.setText(str(path))
        self._start(path, options, replace)

    def _start(self, path: Path, options: ReportOptions, replace: bool) -> None:
        now = self.context.clock()
        relay = ProgressRelay()
        relay.advanced.connect(self._advanced, Qt.ConnectionType.QueuedConnection)

        def job(session: VaultSession) -> tuple[Path, int]:
            pdf = build_report(session, options, now, relay.report)
            write_report(path, pdf, replace=replace)
            return path, page_count(pdf)

        self._set_running(True)
        log.info("exporting a summary of %d client(s)", len(options.clients))
        self.context.ops.query(job, key=self._key).success(self._done).failure(self._failed).run()

    @Slot(int, int)
    def _advanced(self, done: int, total: int) -> None:
        if not self.running:
            return
        stages = (
            self.tr("Reading the journals…"),
            self.tr("Laying out the report…"),
            self.tr("Making the PDF…"),
            self.tr("Saving the file…"),
        )
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(stages[min(done, len(stages) - 1)])

    def _set_running(self, running: bool) -> None:
        self.running = running
        for widget in (
            self.client_list,
            self.select_all,
            self.select_none,
            self.for_self,
            self.for_client,
            self.language,
            self.start,
            self.end,
            self.include_private,
            self.mask_contacts,
            self.confidential,
            self.path,
            self.choose,
            self.export_button,
        ):
            widget.setEnabled(not running)
        if not running:
            self._audience_changed(self.for_client.isChecked())
        self.progress.setRange(0, 3)
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Waiting for the journal…"))
        self.progress.setVisible(running)
        self.progress_label.setVisible(running)

    def _done(self, result: tuple[Path, int]) -> None:
        path, pages = result
        self._set_running(False)
        self.written = path
        if self.context.settings is not None:
            self.context.settings.setValue(FOLDER_SETTING, str(path.parent))
        self.result_label.setText(self.tr("Saved “%1” (%n page(s)).", "", pages).replace("%1", path.name))
        self.result_label.setToolTip(str(path))
        self.result_row.show()
        self.adjustSize()  # room for the result row, without squeezing the wrapped hints
        self.export_button.setDefault(False)
        self.open_button.setDefault(True)
        self.open_button.setFocus()
        self.context.show_status(self.tr("Summary PDF saved"))
        self.exported.emit(str(path))

    def _failed(self, exc: BaseException) -> None:
        self._set_running(False)
        self._fail(failure_text(exc, self.target()), self.export_button)

    def _fail(self, text: str, focus: QWidget) -> None:
        self.message.show_error(text)
        focus.setFocus()
        self.failed.emit(text)

    # ---- the result ----------------------------------------------------------------------------------------------

    def _hand_over(self, target: Path, problem: Callable[[], str]) -> bool:
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        if opened:
            self.message.clear_message()
        else:
            self.message.show_error(problem())
        return bool(opened)

    def open_pdf(self) -> bool:
        """Open the PDF in the system's viewer; a message when none opened."""
        path = self.written
        if path is None:
            return False
        return self._hand_over(
            path,
            lambda: self.tr(
                "No PDF viewer opened. The file is saved as %1: open it from your file manager."
            ).replace("%1", str(path)),
        )

    def show_folder(self) -> bool:
        path = self.written
        if path is None:
            return False
        return self._hand_over(
            path.parent,
            lambda: self.tr("The folder %1 could not be opened.").replace("%1", str(path.parent)),
        )

    def done(self, code: int) -> None:
        if self.running:
            self.context.ops.supersede(self._key)  # it still finishes; its result has nobody to go to
            self.running = False
        super().done(code)
