"""Client → Export summary PDF…: the dialog, its form's state, the export on the worker, the result.

The dialog gathers :class:`~clientjournal.reports.ReportOptions` and a file name, asks before replacing a file,
and runs the export (:mod:`clientjournal.ui.report_export`: the same two calls the CLI makes, so both write the
identical file) as one operation on the background worker. Its widgets are built by
:mod:`clientjournal.ui.report_form` and wired here. The builder's progress callback runs on the worker thread;
it reaches the progress bar through a queued signal. Errors show inline, and the form keeps everything typed
into it. Once the file is written, "Open" and "Show in folder" hand it to the system through
``QDesktopServices``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QMessageBox, QVBoxLayout, QWidget

from clientjournal.errors import ValidationError
from clientjournal.reports import Audience, ReportOptions, client_language
from clientjournal.services.coaching import language_code
from clientjournal.ui import report_form
from clientjournal.ui.report_export import export_job, replace_confirmation, stage_text
from clientjournal.ui.report_fields import (
    ProgressRelay,
    default_folder,
    failure_text,
    safe_file_name,
    target_problem,
)
from clientjournal.ui.widgets import MessageLabel, heading

if TYPE_CHECKING:
    from clientjournal.domain import Client
    from clientjournal.ui.context import WindowContext

log = logging.getLogger(__name__)

FOLDER_SETTING = "report/folder"
"""The folder the last report went to: the next one is suggested there."""


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
        self._add_client_column(columns, selected)
        self._add_options_column(columns)
        layout.addLayout(columns, 1)
        self._add_file_row(layout)
        self.progress_label, self.progress = report_form.add_progress(self, layout)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self._add_result_row(layout)
        self.buttons, self.export_button = report_form.add_buttons(self, layout)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export)
        self._selection_changed()
        self.client_list.setFocus()

    # ---- construction (the widgets come from report_form; they are wired here) ----------------------------------

    def _add_client_column(self, columns: QHBoxLayout, selected: Sequence[str]) -> None:
        clients = report_form.client_column(self, self._clients, selected)
        self.client_list = clients.client_list
        self.select_all = clients.select_all
        self.select_none = clients.select_none
        self.client_list.itemChanged.connect(lambda _item: self._selection_changed())
        self.select_all.clicked.connect(lambda: self._check_all(True))
        self.select_none.clicked.connect(lambda: self._check_all(False))
        columns.addLayout(clients.layout, 2)

    def _add_options_column(self, columns: QHBoxLayout) -> None:
        options = report_form.options_column(self, self.context.clock().date())
        self.for_self = options.for_self
        self.for_client = options.for_client
        self.audience = options.audience
        self.language = options.language
        self.start = options.start
        self.end = options.end
        self.include_private = options.include_private
        self.mask_contacts = options.mask_contacts
        self.confidential = options.confidential
        self.for_client.toggled.connect(self._audience_changed)
        columns.addLayout(options.layout, 3)

    def _add_file_row(self, layout: QVBoxLayout) -> None:
        file_row = report_form.file_row(self)
        self.path = file_row.path
        self.choose = file_row.choose
        self.path.textEdited.connect(self._path_edited)
        self.choose.clicked.connect(self.choose_file)
        layout.addLayout(file_row.layout)

    def _add_result_row(self, layout: QVBoxLayout) -> None:
        result = report_form.add_result_row(self, layout)
        self.result_row = result.row
        self.result_label = result.label
        self.open_button = result.open_button
        self.folder_button = result.folder_button
        self.open_button.clicked.connect(self.open_pdf)
        self.folder_button.clicked.connect(self.show_folder)

    def _listed_clients(self, selected: Sequence[str]) -> list[Client]:
        showing_archived = self.context.showing_archived()
        return [c for c in self.context.clients() if not c.archived or showing_archived or c.id in selected]

    # ---- the form ------------------------------------------------------------------------------------------------

    def chosen(self) -> list[str]:
        """The ids of the checked clients, in the list's order."""
        return [
            str(self.client_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.client_list.count())
            if report_form.is_checked(self.client_list, row)
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
            name = report_form.LANGUAGE_NAMES.get(client_language(clients[0], _user_language()), "")
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
            if replace_confirmation(self, path).exec() != QMessageBox.StandardButton.Yes:
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
        job = export_job(path, options, now, replace=replace, progress=relay.report)
        self._set_running(True)
        log.info("exporting a summary of %d client(s)", len(options.clients))
        self.context.ops.query(job, key=self._key).success(self._done).failure(self._failed).run()

    @Slot(int, int)
    def _advanced(self, done: int, total: int) -> None:
        if not self.running:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(stage_text(done))

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
