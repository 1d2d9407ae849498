"""The main window: clients on the left, the journal timeline in the middle, a slot for the coach on the right.

The window wires its parts together and keeps which client is shown; the parts live next to it: its actions,
menus and toolbar (``window_actions``), the client pane (``client_pane``) and its selection (``client_selection``),
the title above the timeline (``journal_pane``, ``journal_header``), the coach's dock (``window_coach``), the client
and entry dialogs (``window_dialogs``) and the saved layout (``window_layout``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMainWindow,
    QSplitter,
    QWidget,
)

from clientjournal.services.changes import VaultChanges
from clientjournal.ui import about, backup_keeper, file_actions, window_coach
from clientjournal.ui.client_actions import ClientManager
from clientjournal.ui.client_pane import ClientPane
from clientjournal.ui.client_selection import select_client_row, selected_client_id
from clientjournal.ui.context import WindowContext
from clientjournal.ui.errors import show_error
from clientjournal.ui.journal_editor import JournalEditor
from clientjournal.ui.journal_pane import JournalPane
from clientjournal.ui.models import ClientFilterProxy, ClientListModel
from clientjournal.ui.operations import ChangeHub, Operations
from clientjournal.ui.preferences import PreferencesNotifier
from clientjournal.ui.widgets import BusyBar
from clientjournal.ui.window_actions import (
    WindowActions,
    WindowCommands,
    insert_actions_after,
    insert_menu_after_file,
)
from clientjournal.ui.window_dialogs import WindowDialogs
from clientjournal.ui.window_layout import restore_window_layout, save_window_layout
from clientjournal.ui.worker import BackgroundWorker

if TYPE_CHECKING:
    from collections.abc import Callable

    from clientjournal.domain import Client, Project
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Clock
    from clientjournal.ui.client_dialog import ClientDialog
    from clientjournal.ui.entry_dialog import EntryDialog
    from clientjournal.ui.watch import ChangeWatch

_KEEP = object()


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()  # the menu's Quit; closing the window may keep the app in the tray
    timeline_loaded = Signal()
    clients_loaded = Signal()
    hidden_to_tray = Signal()

    def __init__(
        self,
        session: VaultSession,
        worker: BackgroundWorker,
        clock: Clock,
        *,
        settings: QSettings | None = None,
        preferences: PreferencesNotifier | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session: VaultSession | None = session
        self._worker = worker
        self._clock = clock
        self._settings = settings
        self.hub = ChangeHub(self)
        """Every change to the vault, ours or someone else's: the views refresh from it."""
        self.ops = Operations(worker, self.hub, lambda: self.session, self._show_error)
        self.context = WindowContext(
            session=lambda: self.session,
            worker=worker,
            ops=self.ops,
            hub=self.hub,
            clock=clock,
            settings=settings,
            preferences=preferences if preferences is not None else PreferencesNotifier(self),
            parent=self,
            clients=self.clients_shown,
            current_client=self.current_client,
            showing_archived=lambda: self.show_archived.isChecked(),  # noqa: PLW0108 - built later
            select_next=self._select_after_change,
            edit_entry_at=self._edit_entry_at,
            show_entry=self.show_entry,
            show_status=lambda text: self.statusBar().showMessage(text, 5000),
        )
        self._select_next: object = _KEEP
        """The client to select once the list is read again (a client just added)."""
        self.close_action: Callable[[], str] = lambda: "quit"
        """What closing the window does: ``quit``, ``tray`` (hide; the tray keeps the app) or ``minimise``."""
        self.watch: ChangeWatch | None = None
        self._projects: list[Project] = []
        self._timeline_client: str | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("ClientJournal"))
        self.resize(1280, 800)

        self.clients = ClientListModel(self)
        self.client_filter = ClientFilterProxy(self)
        self.client_filter.setSourceModel(self.clients)

        self._build_actions()
        self._build_menus()
        self._build_central()
        self._build_coach_slot()
        self._build_status_bar()
        self.editor = JournalEditor(self.context, self.timeline_view)  # undo/redo, autosave, deleting
        insert_menu_after_file(self.menuBar(), self.editor.menu)
        self.clients_loaded.connect(self.editor.restore_autosave)
        self.dialogs = WindowDialogs(
            self.context, self.editor, lambda: (self._timeline_client, self._projects)
        )
        # archive, delete, mood colour and due badges
        self.client_manager = ClientManager(
            self.context,
            self.client_view,
            self.clients,
            (self.new_entry_action, self.new_client_action, self.edit_client_action),
        )
        insert_actions_after(self.client_menu, self.edit_client_action, self.client_manager.menu_actions())
        self.client_manager.client_deleted.connect(lambda _client_id: self.editor.clear_history())
        self.clients_loaded.connect(self.client_manager.refresh_status)
        self.hub.vault_changed.connect(self._vault_changed)  # after the helpers: their work is queued first
        restore_window_layout(self, self._settings)

    # ---- construction --------------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        commands = WindowCommands(
            new_entry=self.new_entry,
            new_client=self.new_client,
            edit_client=self.edit_client,
            find_client=self._focus_search,
            lock=self._request_lock,
            quit=self._quit,
        )
        self.window_actions = WindowActions(self, commands)
        self.new_entry_action = self.window_actions.new_entry
        self.new_client_action = self.window_actions.new_client
        self.edit_client_action = self.window_actions.edit_client
        self.find_action = self.window_actions.find_client
        self.lock_action = self.window_actions.lock
        self.quit_action = self.window_actions.quit

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_entry_action)
        file_menu.addSeparator()
        self.file_actions = file_actions.FileActions(self.context, file_menu)  # backup, import, export, …
        self.backup_keeper = backup_keeper.install(self)  # automatic backups; File ▸ Restore from a backup…
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.client_menu = self.window_actions.build_client_menu(self.menuBar())
        self.help_actions = about.HelpActions(self.context, self.menuBar())  # the last menu
        self.toolbar = self.window_actions.build_toolbar()

    def _build_central(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)

        self.client_pane = ClientPane(self.client_filter, splitter)
        self.search = self.client_pane.search
        self.client_view = self.client_pane.view
        self.show_archived = self.client_pane.show_archived
        self.client_view.selectionModel().currentChanged.connect(self._client_changed)
        self.client_view.doubleClicked.connect(lambda _index: self.edit_client())

        self.journal_pane = JournalPane(self.ops, splitter, settings=self._settings, clock=self._clock)
        self.header = self.journal_pane.header
        self.title = self.header.title
        self.subtitle = self.header.subtitle
        self.timeline_panel = self.journal_pane.timeline_panel
        self.timeline = self.timeline_panel.model
        self.timeline_panel.check_requested.connect(self.file_actions.check_vault)
        self.timeline_panel.restore_requested.connect(self.backup_keeper.restore)
        self.timeline_view: QAbstractItemView = self.timeline_panel.view
        self.timeline_stack = self.timeline_panel.stack
        self.empty_label = self.timeline_panel.empty_label
        self.timeline_view.doubleClicked.connect(self._edit_entry_at)
        self.timeline_panel.loaded.connect(self._timeline_ready)
        self.timeline_panel.failed.connect(self._show_error)
        self.statusBar().addWidget(self.timeline_panel.status_label, 1)

        splitter.addWidget(self.client_pane)
        splitter.addWidget(self.journal_pane)
        splitter.setStretchFactor(0, 1)  # a narrower window takes a little from the client list too
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([290, 900])
        self.splitter = splitter
        self.setCentralWidget(splitter)

    def _build_coach_slot(self) -> None:
        self.coach_slot, self.coach = window_coach.install(self, self.tr("Coach"))

    def show_entry(self, client_id: str, entry_id: str) -> None:
        """Select an entry in the timeline (the coach's evidence links), switching client when needed."""
        from clientjournal.ui.coach import reveal_entry

        reveal_entry(self, client_id, entry_id)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.busy = BusyBar(bar)
        self.busy.setFixedWidth(120)
        bar.addPermanentWidget(self.busy)
        self._worker.busy_changed.connect(self.busy.setVisible)

    def closeEvent(self, event: QCloseEvent) -> None:
        save_window_layout(self, self._settings)
        action = self.close_action()
        if action not in ("tray", "minimise"):
            super().closeEvent(event)
            return
        event.ignore()
        if action == "tray":
            self.hide()
            self.hidden_to_tray.emit()
        else:
            self.showMinimized()

    def _quit(self) -> None:
        self.close_action = lambda: "quit"
        self.close()
        self.quit_requested.emit()

    # ---- session -------------------------------------------------------------------------------------------------

    def set_session(self, session: VaultSession) -> None:
        self.session = session
        self.window_actions.set_session_enabled(True)

    def clear(self) -> None:
        """Forget every decrypted value shown: used when the vault locks."""
        self.session = None
        self.stop_watching()
        self.ops.invalidate()  # results still on their way are dropped
        self._select_next = _KEEP
        self._projects = []
        self._timeline_client = None
        self.search.clear()
        self.timeline_panel.clear()
        self.coach.clear()
        self.clients.clear()
        self.header.clear()
        self.empty_label.clear()
        self.window_actions.set_session_enabled(False)

    def reload(self, select: object = _KEEP) -> None:
        """Load the client list again (then the timeline of the selected or given client)."""
        session = self.session
        if session is None:
            return
        wanted = self.current_client_id() if select is _KEEP else select
        self.ops.query(lambda s: s.journal.list_clients(), key=(self, "clients")).success(
            lambda clients: self._clients_loaded(clients, wanted)
        ).run()

    def _vault_changed(self, changes: VaultChanges) -> None:
        """Refresh the client list (then the timeline); the timeline and the coach listen themselves."""
        if self.session is None:
            return
        select, self._select_next = self._select_next, _KEEP
        if changes.everything or changes.client_list or select is not _KEEP:
            self.reload(select=select)

    def _select_after_change(self, client_id: str | None) -> None:
        self._select_next = client_id

    def watch_external_changes(self, interval_ms: int = 1_000) -> ChangeWatch:
        """Notice changes made outside this window (the CLI, another device) and refresh the views."""
        from clientjournal.ui.watch import ChangeWatch

        if self.watch is None:
            self.watch = ChangeWatch(self.ops, interval_ms, self)
        self.watch.start()
        return self.watch

    def stop_watching(self) -> None:
        if self.watch is not None:
            self.watch.stop()

    def _clients_loaded(self, clients: list[Client], wanted: object) -> None:
        if self.session is None:
            return
        self.clients.set_clients(clients)
        if wanted is not None and any(c.id == wanted and c.archived for c in clients):
            self.show_archived.setChecked(True)
        self.select_client(wanted if isinstance(wanted, str) else None)
        self.clients_loaded.emit()

    def select_client(self, client_id: str | None) -> None:
        if select_client_row(self.client_view, self.clients, self.client_filter, client_id):
            self._load_timeline()  # otherwise currentChanged has loaded it

    def current_client_id(self) -> str | None:
        return selected_client_id(self.client_view)

    def clients_shown(self) -> list[Client]:
        return self.clients.clients()

    def current_client(self) -> Client | None:
        client_id = self.current_client_id()
        return next((c for c in self.clients.clients() if c.id == client_id), None)

    # ---- timeline ------------------------------------------------------------------------------------------------

    def _client_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._load_timeline()

    def _load_timeline(self) -> None:
        if self.session is None:
            return
        client_id = self.current_client_id()
        client = self.current_client()
        names = {c.id: c.name for c in self.clients.clients()}
        subject = client.name if client is not None else self.tr("all clients")
        self.journal_pane.show_client(client_id, client, names, subject)  # loaded -> _timeline_ready

    def _timeline_ready(self, client_id: str | None, projects: list[Project]) -> None:
        if self.session is None or client_id != self.current_client_id():
            return  # a lock, or another client selected meanwhile
        self._projects = projects
        self._timeline_client = client_id
        if not self.timeline_panel.has_entries:
            self.timeline_panel.show_empty(
                self.window_actions.empty_timeline_hint(bool(self.clients.clients()))
            )
        self.timeline_loaded.emit()

    # ---- commands ------------------------------------------------------------------------------------------------

    def _request_lock(self) -> None:
        self.lock_requested.emit()  # not connected directly: triggered(bool) would pass "checked"

    def _focus_search(self) -> None:
        self.client_pane.focus_search()

    def new_client(self) -> ClientDialog | None:
        return self.dialogs.new_client()

    def edit_client(self) -> ClientDialog | None:
        return self.dialogs.edit_client()

    def new_entry(self) -> EntryDialog | None:
        return self.dialogs.new_entry()

    def _edit_entry_at(self, index: QModelIndex) -> EntryDialog | None:
        entry = self.timeline.editable_entry_at(index.row())  # None for a damaged entry, too
        return None if entry is None else self.dialogs.edit_entry(entry)

    def _show_error(self, exc: BaseException) -> None:
        show_error(self, exc)
