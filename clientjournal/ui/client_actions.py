"""Client management in the main window: archive/unarchive, delete (crypto-shredding), the client list's
context menu, and each client's mood colour and due badge, refreshed in the background after every load of the
list and after every change to a client's journal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QListView, QMenu, QMessageBox

from clientjournal.services.changes import VaultChanges
from clientjournal.ui.client_status import CHUNK, ClientStatusDelegate, compute_statuses

if TYPE_CHECKING:
    from datetime import datetime

    from clientjournal.domain import Client
    from clientjournal.services.backups import ClientDeletion
    from clientjournal.ui.context import WindowContext
    from clientjournal.ui.models import ClientListModel

log = logging.getLogger(__name__)


class ClientManager(QObject):
    client_deleted = Signal(str)
    """A client (and with it their journal) is gone for good."""

    def __init__(
        self,
        context: WindowContext,
        view: QListView,
        clients: ClientListModel,
        window_actions: tuple[QAction, QAction, QAction],
    ) -> None:
        """``window_actions`` (new entry, new client, edit client) join the list's context menu."""
        super().__init__(context.parent)
        self.context = context
        self.window = context.parent
        self.view = view
        self.clients = clients
        self._window_actions = window_actions
        self.status_done = False
        """True when the last status computation finished (tests wait for it)."""
        self._build_actions()
        view.setItemDelegate(ClientStatusDelegate(view))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        view.addAction(self.delete_action)
        view.selectionModel().currentChanged.connect(lambda *_args: self.update_actions())
        context.hub.vault_changed.connect(self._vault_changed)
        self.update_actions()

    # ---- actions -------------------------------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], Any], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.archive_action = self._action(
            self.tr("&Archive client"),
            self.toggle_archived,
            self.tr("Hide the client from the list (keeps the journal)"),
        )
        self.archive_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.window.addAction(self.archive_action)
        self.delete_action = self._action(
            self.tr("&Delete client…"),
            self.delete_current,
            self.tr("Delete the client and their whole journal for good"),
        )
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.report_action = self._action(
            self.tr("Export summary &PDF…"),
            self.export_report,
            self.tr("Write a summary of the client as a PDF, for your records or to hand over"),
        )
        self.report_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.window.addAction(self.report_action)
        self._report_separator = QAction(self.window)
        self._report_separator.setSeparator(True)

    def menu_actions(self) -> list[QAction]:
        """What the window's Client menu shows of this manager (after "Edit client")."""
        return [self.archive_action, self.delete_action, self._report_separator, self.report_action]

    def update_actions(self) -> None:
        client = self.context.current_client()
        usable = client is not None and self.context.session() is not None
        self.archive_action.setEnabled(usable)
        self.delete_action.setEnabled(usable)
        self.report_action.setEnabled(self.context.session() is not None and bool(self.context.clients()))
        unarchive = client is not None and client.archived
        self.archive_action.setText(self.tr("Un&archive client") if unarchive else self.tr("&Archive client"))

    def _context_menu(self, position: QPoint) -> None:
        view = self.view
        index = view.indexAt(position)
        if index.isValid():
            view.setCurrentIndex(index)
        self.update_actions()
        menu = self.context_menu()
        menu.exec(view.viewport().mapToGlobal(position))
        menu.deleteLater()

    def context_menu(self) -> QMenu:
        new_entry, new_client, edit_client = self._window_actions
        menu = QMenu(self.view)
        menu.setObjectName("clientContextMenu")
        menu.addAction(new_entry)
        menu.addSeparator()
        menu.addAction(new_client)
        if self.context.current_client() is not None:
            menu.addAction(edit_client)
            menu.addAction(self.archive_action)
            menu.addSeparator()
            menu.addAction(self.report_action)
            menu.addSeparator()
            menu.addAction(self.delete_action)
        return menu

    # ---- summary PDF ---------------------------------------------------------------------------------------------

    def export_report(self) -> QDialog | None:
        """Open the summary PDF dialog with the current client (or, on "All clients", every active one) ticked."""
        from clientjournal.ui.report_dialog import ReportDialog  # with the reports package: not at start-up

        clients = self.context.clients()
        if self.context.session() is None or not clients:
            return None
        client = self.context.current_client()
        chosen = [client.id] if client is not None else [c.id for c in clients if not c.archived]
        dialog = ReportDialog(self.context, chosen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ---- archive -------------------------------------------------------------------------------------------------

    def toggle_archived(self) -> None:
        client = self.context.current_client()
        if client is None:
            return
        changed = replace(client, archived=not client.archived)
        # Archived and hidden, it can stay selected only where archived clients show.
        keep = not changed.archived or self.context.showing_archived()
        self.context.ops.change(
            lambda s: s.journal.save_client(changed), VaultChanges.of_clients([client.id])
        ).success(lambda _saved: self.context.select_next(client.id if keep else None)).run()

    # ---- delete --------------------------------------------------------------------------------------------------

    def delete_confirmation(self, client: Client) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete client — ClientJournal"))
        box.setText(self.tr("Delete “%1” and their whole journal?").replace("%1", client.name))
        box.setInformativeText(
            self.tr(
                "Every entry, project and note about this client is destroyed in this journal, together with the "
                "key that encrypts them, and erased from the automatic backups ClientJournal keeps. Copies it "
                "cannot reach still hold them: file copies, sync folders, backups made by other programs, and "
                "for a journal on a database server, the server's old rows and backups. This cannot be undone."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete for good"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def delete_current(self) -> None:
        client = self.context.current_client()
        if client is not None:
            self.delete_client(client)

    def delete_client(self, client: Client, *, confirm: bool = True) -> None:
        if self.context.session() is None:
            return
        if confirm and self.delete_confirmation(client).exec() != QMessageBox.StandardButton.Yes:
            return
        client_id = client.id

        def done(deletion: ClientDeletion) -> None:
            self.client_deleted.emit(client_id)  # undo steps of its entries cannot be replayed any more
            if deletion.backups.failed:  # those backups may still hold the client: say so
                self.context.show_status(
                    self.tr(
                        "Client deleted, but %n backups could not be rewritten without them",
                        "",
                        len(deletion.backups.failed),
                    )
                )
            elif deletion.scrubbed:
                self.context.show_status(self.tr("Client deleted"))
            else:  # the core could not finish scrubbing: say so (issue #14, finding 7)
                self.context.show_status(
                    self.tr(
                        "Client deleted, but another program has the vault open: its old data may remain in "
                        "the database file until that program closes the vault"
                    )
                )
            self.context.select_next(None)

        log.info("deleting client %s", client_id)
        self.context.ops.change(
            lambda s: s.delete_client(client_id),  # its autosaves go too, before the scrub
            VaultChanges.of_clients([client_id]),
        ).success(done).run()

    # ---- mood colour and due badge ------------------------------------------------------------------------------

    def refresh_status(self) -> None:
        """Compute every client's status in chunks on the worker, updating the list as each chunk lands."""
        ids = [c.id for c in self.clients.clients()]
        self.status_done = not ids
        if ids:
            self._queue_status(ids, self.context.clock())

    def _queue_status(self, ids: list[str], now: datetime) -> None:
        """One chunk after the other, so other work runs in between; a newer refresh stops this one."""
        chunk, rest = ids[:CHUNK], ids[CHUNK:]

        def ready(statuses: dict[str, tuple[str | None, int]]) -> None:
            self.clients.set_status(statuses)
            if rest:
                self._queue_status(rest, now)
            else:
                self.status_done = True

        self.context.ops.query(lambda s: compute_statuses(s, chunk, now), key=(self, "status")).success(
            ready
        ).failure(self._status_failed).run()

    def _vault_changed(self, changes: VaultChanges) -> None:
        """Entries of some clients changed: refresh just theirs (a new list of clients refreshes every one)."""
        if changes.everything or changes.client_list or not changes.clients or not self.status_done:
            return
        known = {c.id for c in self.clients.clients()}
        ids = [client_id for client_id in sorted(changes.clients) if client_id in known]
        if ids:
            self._queue_status(ids, self.context.clock())

    def _status_failed(self, exc: BaseException) -> None:
        log.warning("client status not computed: %s", type(exc).__name__)
        self.status_done = True
