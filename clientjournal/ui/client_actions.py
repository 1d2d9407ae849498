"""Client management in the main window: archive/unarchive, delete (crypto-shredding), the client list's
context menu, and each client's mood colour and due badge, refreshed in the background after every load."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from clientjournal.ui.client_status import CHUNK, ClientStatusDelegate, compute_statuses
from clientjournal.ui.drafts import drop_client_drafts
from clientjournal.ui.errors import describe_error

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from clientjournal.domain import Client, Project
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.mainwindow import MainWindow

log = logging.getLogger(__name__)


class ClientManager(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._generation = itertools.count(1)
        self._status_run = 0
        self.status_done = False
        """True when the last status computation finished (tests wait for it)."""
        self._build_actions()
        view = window.client_view
        view.setItemDelegate(ClientStatusDelegate(view))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        view.addAction(self.delete_action)
        view.selectionModel().currentChanged.connect(lambda *_args: self.update_actions())
        window.clients_loaded.connect(self.refresh_status)
        window.timeline_loaded.connect(self._refresh_current)
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
        menu = getattr(self.window, "client_menu", None)
        if isinstance(menu, QMenu):
            anchor = self.window.edit_client_action
            after = menu.actions()
            position = after.index(anchor) + 1 if anchor in after else len(after)
            before = after[position] if position < len(after) else None
            menu.insertAction(before, self.archive_action)  # type: ignore[arg-type]
            menu.insertAction(before, self.delete_action)  # type: ignore[arg-type]

    def update_actions(self) -> None:
        client = self.window.current_client()
        usable = client is not None and self.window.session is not None
        self.archive_action.setEnabled(usable)
        self.delete_action.setEnabled(usable)
        unarchive = client is not None and client.archived
        self.archive_action.setText(self.tr("Un&archive client") if unarchive else self.tr("&Archive client"))

    def _context_menu(self, position: QPoint) -> None:
        view = self.window.client_view
        index = view.indexAt(position)
        if index.isValid():
            view.setCurrentIndex(index)
        self.update_actions()
        menu = self.context_menu()
        menu.exec(view.viewport().mapToGlobal(position))
        menu.deleteLater()

    def context_menu(self) -> QMenu:
        menu = QMenu(self.window.client_view)
        menu.setObjectName("clientContextMenu")
        menu.addAction(self.window.new_entry_action)
        menu.addSeparator()
        menu.addAction(self.window.new_client_action)
        if self.window.current_client() is not None:
            menu.addAction(self.window.edit_client_action)
            menu.addAction(self.archive_action)
            menu.addSeparator()
            menu.addAction(self.delete_action)
        return menu

    # ---- archive -------------------------------------------------------------------------------------------------

    def toggle_archived(self) -> None:
        client = self.window.current_client()
        session = self.window.session
        if client is None or session is None:
            return
        changed = replace(client, archived=not client.archived)
        select = client.id if changed.archived is False or self.window.show_archived.isChecked() else None
        self.window._worker.run(
            lambda: session.journal.save_client(changed),
            lambda _saved: self.window.reload(select=select),
            self._show_error,
        )

    # ---- delete --------------------------------------------------------------------------------------------------

    def delete_confirmation(self, client: Client) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete client — ClientJournal"))
        box.setText(self.tr("Delete “%1” and their whole journal?").replace("%1", client.name))
        box.setInformativeText(
            self.tr(
                "Every entry, project and note about this client is destroyed, together with the key that "
                "encrypts them, so not even a backup can bring them back. This cannot be undone."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete for good"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def delete_current(self) -> None:
        client = self.window.current_client()
        if client is not None:
            self.delete_client(client)

    def delete_client(self, client: Client, *, confirm: bool = True) -> None:
        session = self.window.session
        if session is None:
            return
        if confirm and self.delete_confirmation(client).exec() != QMessageBox.StandardButton.Yes:
            return
        client_id = client.id

        def job() -> None:
            session.delete_client(client_id)
            drop_client_drafts(session, client_id)

        def done(_result: None) -> None:
            editor = getattr(self.window, "editor", None)
            if editor is not None:
                editor.clear_history()  # undo steps of its entries cannot be replayed any more
            self.window.statusBar().showMessage(self.tr("Client deleted"), 5000)
            self.window.reload(select=None)

        log.info("deleting client %s", client_id)
        self.window._worker.run(job, done, self._show_error)

    # ---- mood colour and due badge ------------------------------------------------------------------------------

    def refresh_status(self) -> None:
        """Compute every client's status in chunks on the worker, updating the list as each chunk lands."""
        session = self.window.session
        if session is None:
            return
        run = self._status_run = next(self._generation)
        ids = [c.id for c in self.window.clients.clients()]
        self.status_done = not ids
        now = self.window._clock()
        chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
        for number, chunk in enumerate(chunks, start=1):
            self._queue_status(session, chunk, now, run, last=number == len(chunks))

    def _queue_status(
        self, session: VaultSession, ids: list[str], now: datetime, run: int, *, last: bool
    ) -> None:
        self.window._worker.run(
            lambda: compute_statuses(session, ids, now),
            lambda statuses: self._status_ready(run, statuses, last),
            self._status_failed,
        )

    def _refresh_current(self) -> None:
        """After the selected client's journal loaded (say, after a save), refresh just that client."""
        session = self.window.session
        client_id = self.window.current_client_id()
        if session is None or client_id is None or not self.status_done:
            return
        run = self._status_run
        now = self.window._clock()
        self.window._worker.run(
            lambda: compute_statuses(session, [client_id], now),
            lambda statuses: self._status_ready(run, statuses, True),
            self._status_failed,
        )

    def _status_ready(self, run: int, statuses: dict[str, tuple[str | None, int]], last: bool) -> None:
        if run != self._status_run or self.window.session is None:
            return  # a newer load (or a lock) overtook this one
        self.window.clients.set_status(statuses)
        if last:
            self.status_done = True

    def _status_failed(self, exc: BaseException) -> None:
        log.warning("client status not computed: %s", type(exc).__name__)
        self.status_done = True

    def _show_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self.window, self.tr("ClientJournal"), describe_error(exc))
        self.window.reload()


def save_client_and_projects(session: VaultSession, client: Client, projects: Sequence[Project]) -> Client:
    """Runs on the worker: store the client, then its new and edited projects."""
    saved = session.journal.save_client(client)
    for project in projects:
        session.journal.save_project(replace(project, client_id=saved.id))
    return saved
