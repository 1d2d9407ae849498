"""The dialogs the main window opens to write to the journal: a new or edited client (saved with its projects,
all or nothing) and a new or edited entry (saved through the journal editor's undo stack, with autosave)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from clientjournal.domain import Client, Entry, Project
from clientjournal.services.changes import VaultChanges
from clientjournal.ui.client_dialog import ClientDialog
from clientjournal.ui.entry_dialog import EntryDialog

if TYPE_CHECKING:
    from clientjournal.ui.context import WindowContext
    from clientjournal.ui.journal_editor import JournalEditor

ShownProjects = Callable[[], tuple[str | None, Sequence[Project]]]
"""The client whose timeline is shown (None: all clients) and the projects loaded with it."""


class WindowDialogs:
    def __init__(self, context: WindowContext, editor: JournalEditor, shown_projects: ShownProjects) -> None:
        self.context = context
        self.editor = editor
        self.shown_projects = shown_projects

    def new_client(self) -> ClientDialog | None:
        if self.context.session() is None:
            return None
        dialog = ClientDialog(parent=self.context.parent, today=self.context.clock().date())
        dialog.accepted.connect(lambda: self.save_client(dialog.client(), dialog.changed_projects()))
        dialog.open()
        return dialog

    def edit_client(self) -> ClientDialog | None:
        """Edit the selected client; None when none (or all clients) is selected."""
        client = self.context.current_client()
        if self.context.session() is None or client is None:
            return None
        dialog = ClientDialog(
            client, parent=self.context.parent, ops=self.context.ops, today=self.context.clock().date()
        )
        dialog.accepted.connect(lambda: self.save_client(dialog.client(), dialog.changed_projects()))
        dialog.open()
        return dialog

    def save_client(self, client: Client, projects: Sequence[Project] = ()) -> None:
        def saved(stored: Client) -> None:
            self.context.select_next(stored.id)  # the list read again after this change selects it

        self.context.ops.change(
            lambda s: s.journal.save_client_with_projects(client, projects),  # all or nothing
            lambda stored: VaultChanges.of_clients([stored.id]),
        ).success(saved).run()

    def new_entry(self) -> EntryDialog | None:
        """A new entry for the selected client (any client when all are shown); archived ones only if selected."""
        if self.context.session() is None:
            return None
        selected = self.context.current_client()
        selected_id = selected.id if selected is not None else None
        clients = [c for c in self.context.clients() if not c.archived or c.id == selected_id]
        if not clients:
            QMessageBox.information(
                self.context.parent,
                QCoreApplication.translate("MainWindow", "ClientJournal"),
                QCoreApplication.translate(
                    "MainWindow", "Add a client first: every entry belongs to a client."
                ),
            )
            return None
        _shown, projects = self.shown_projects()
        dialog = EntryDialog(
            self.context.clock,
            clients,
            client_id=selected_id,
            projects=projects,
            parent=self.context.parent,
        )
        self.editor.open_entry_dialog(dialog)
        return dialog

    def edit_entry(self, entry: Entry) -> EntryDialog | None:
        if self.context.session() is None:
            return None
        shown, projects = self.shown_projects()
        dialog = EntryDialog(
            self.context.clock,
            self.context.clients(),
            projects=projects if shown == entry.client_id else (),  # the project list is that client's
            entry=entry,
            parent=self.context.parent,
        )
        self.editor.open_entry_dialog(dialog)
        return dialog
