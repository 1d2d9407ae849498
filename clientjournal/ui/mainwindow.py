"""The main window: clients on the left, the journal timeline in the middle, a slot for the coach on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from clientjournal.services.changes import VaultChanges
from clientjournal.ui import about, backup_keeper, file_actions
from clientjournal.ui.client_actions import ClientManager
from clientjournal.ui.client_dialog import ClientDialog
from clientjournal.ui.context import WindowContext
from clientjournal.ui.delegates import ClientDelegate
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.errors import show_error
from clientjournal.ui.journal_editor import JournalEditor
from clientjournal.ui.labels import channel_label
from clientjournal.ui.models import ClientFilterProxy, ClientListModel
from clientjournal.ui.models.roles import ClientIdRole, IsAllRole
from clientjournal.ui.models.timeline import Column
from clientjournal.ui.operations import ChangeHub, Operations
from clientjournal.ui.preferences import PreferencesNotifier
from clientjournal.ui.timeline.panel import TimelinePanel
from clientjournal.ui.widgets import BusyBar
from clientjournal.ui.worker import BackgroundWorker

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from clientjournal.domain import Client, Project
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Clock
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
        self.close_action: Callable[[], str] = lambda: "quit"
        """What closing the window does: ``quit``, ``tray`` (hide; the tray keeps the app) or ``minimise``."""
        """The client to select once the list is read again (a client just added)."""
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
        self._insert_menu(self.editor.menu)
        self.clients_loaded.connect(self.editor.restore_autosave)
        # archive, delete, mood colour and due badges
        self.client_manager = ClientManager(
            self.context,
            self.client_view,
            self.clients,
            (self.new_entry_action, self.new_client_action, self.edit_client_action),
        )
        self._add_client_actions(self.client_manager.menu_actions())
        self.client_manager.client_deleted.connect(lambda _client_id: self.editor.clear_history())
        self.clients_loaded.connect(self.client_manager.refresh_status)
        self.hub.vault_changed.connect(self._vault_changed)  # after the helpers: their work is queued first
        self._restore_geometry()

    # ---- construction --------------------------------------------------------------------------------------------

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: Any, tip: str
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_entry_action = self._action(
            self.tr("&New entry…"), "Ctrl+N", self.new_entry, self.tr("Write a new journal entry")
        )
        self.lock_action = self._action(
            self.tr("&Lock"), "Ctrl+L", self._request_lock, self.tr("Lock the vault")
        )
        self.quit_action = self._action(
            self.tr("&Quit"), QKeySequence.StandardKey.Quit, self._quit, self.tr("Quit ClientJournal")
        )
        self.quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.new_client_action = self._action(
            self.tr("New &client…"), "Ctrl+Shift+N", self.new_client, self.tr("Add a client")
        )
        self.edit_client_action = self._action(
            self.tr("&Edit client…"), "Ctrl+E", self.edit_client, self.tr("Edit the selected client")
        )
        self.find_action = self._action(
            self.tr("&Find client"),
            QKeySequence.StandardKey.Find,
            self._focus_search,
            self.tr("Search clients"),
        )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_entry_action)
        file_menu.addSeparator()
        self.file_actions = file_actions.FileActions(self.context, file_menu)  # backup, import, export, …
        self.backup_keeper = backup_keeper.install(self)  # automatic backups; File ▸ Restore from a backup…
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        client_menu = self.menuBar().addMenu(self.tr("&Client"))
        self.client_menu = client_menu
        client_menu.addAction(self.new_client_action)
        client_menu.addAction(self.edit_client_action)
        client_menu.addSeparator()
        client_menu.addAction(self.find_action)
        self.help_actions = about.HelpActions(self.context, self.menuBar())  # the last menu

        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_entry_action)
        toolbar.addAction(self.new_client_action)
        toolbar.addAction(self.edit_client_action)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.lock_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _insert_menu(self, menu: QMenu) -> None:
        """Add a helper's menu right after File, the usual place for Edit."""
        bar = self.menuBar()
        actions = bar.actions()
        if len(actions) > 1:
            bar.insertMenu(actions[1], menu)
        else:
            bar.addMenu(menu)

    def _add_client_actions(self, actions: Sequence[QAction]) -> None:
        """Put a helper's client actions into the Client menu, right after "Edit client"."""
        present = self.client_menu.actions()
        position = present.index(self.edit_client_action) + 1
        before = present[position] if position < len(present) else None
        for action in actions:
            self.client_menu.insertAction(before, action)  # type: ignore[arg-type]

    def _build_central(self) -> None:  # noqa: PLR0915 - a form, built top to bottom
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)

        left = QFrame(splitter)
        left.setObjectName("clientPane")
        left.setMinimumWidth(230)  # names and badges stay readable however narrow the window
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(10, 10, 6, 10)
        left_layout.setSpacing(8)
        self.search = QLineEdit(left)
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(self.tr("Search clients"))
        self.search.setAccessibleName(self.tr("Search clients"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.client_filter.set_search)
        left_layout.addWidget(self.search)
        self.client_view = QListView(left)
        self.client_view.setObjectName("clientList")
        self.client_view.setAccessibleName(self.tr("Clients"))
        self.client_view.setModel(self.client_filter)
        self.client_view.setUniformItemSizes(True)
        self.client_view.setItemDelegate(ClientDelegate(self.client_view))
        self.client_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.client_view.selectionModel().currentChanged.connect(self._client_changed)
        self.client_view.doubleClicked.connect(lambda _index: self.edit_client())
        left_layout.addWidget(self.client_view, 1)
        self.show_archived = QCheckBox(self.tr("Show &archived clients"), left)
        self.show_archived.setAccessibleName(self.tr("Show archived clients"))
        self.show_archived.toggled.connect(self.client_filter.set_show_archived)
        left_layout.addWidget(self.show_archived)

        middle = QFrame(splitter)
        middle.setObjectName("journalPane")
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(6, 10, 10, 10)
        middle_layout.setSpacing(6)
        header = QHBoxLayout()
        self.title = QLabel(middle)
        self.title.setObjectName("journalTitle")
        self.subtitle = QLabel(middle)
        self.subtitle.setObjectName("journalSubtitle")
        for label in (self.title, self.subtitle):
            label.setIndent(0)
        self.subtitle.setWordWrap(True)  # a long subtitle wraps rather than widen the journal pane
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        middle_layout.addLayout(header)

        # The timeline (clientjournal/ui/timeline): search, filters, mood-trend chart, grouped table.
        self.timeline_panel = TimelinePanel(self.ops, middle, settings=self._settings)
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
        self.timeline_panel.place_search(header)  # the journal search sits right of the title
        middle_layout.addWidget(self.timeline_panel, 1)

        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.setStretchFactor(0, 1)  # a narrower window takes a little from the client list too
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([290, 900])
        self.splitter = splitter
        self.setCentralWidget(splitter)

    def _build_coach_slot(self) -> None:
        dock = QDockWidget(self.tr("Coach"), self)
        dock.setObjectName("coachSlot")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        from clientjournal.ui.coach import CoachSidebar

        self.coach = CoachSidebar(self.context.ops, self._clock, lambda: self.session, parent=dock)
        # The editor (undo stack, autosaved entries) is built after this slot, hence the late lookup.
        self.coach.entry_dialog_opener = lambda dialog: self.editor.open_entry_dialog(dialog)  # noqa: PLW0108
        self.coach.client_activated.connect(self.select_client)
        self.coach.evidence_activated.connect(self.show_entry)
        self.coach.edit_client_requested.connect(self._edit_client_for_coach)
        self.timeline_loaded.connect(lambda: self.coach.show_client(self.current_client_id()))
        dock.setWidget(self.coach)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [360], Qt.Orientation.Horizontal)
        self.coach_slot = dock

    def _edit_client_for_coach(self, client_id: str) -> None:
        self.select_client(client_id)
        self.edit_client()

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

    # ---- settings ------------------------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        if self._settings is None:
            return
        geometry = self._settings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self._settings.value("mainWindow/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def _save_geometry(self) -> None:
        if self._settings is not None:
            self._settings.setValue("mainWindow/geometry", self.saveGeometry())
            self._settings.setValue("mainWindow/state", self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_geometry()
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
        self._set_enabled(True)

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
        self.title.clear()
        self.subtitle.clear()
        self.empty_label.clear()
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for action in (self.new_entry_action, self.new_client_action, self.edit_client_action):
            action.setEnabled(enabled)

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
        source_row = self.clients.row_of(client_id)
        source_row = max(source_row, 0)
        index = self.client_filter.mapFromSource(self.clients.index(source_row, 0))
        if not index.isValid():
            index = self.client_filter.index(0, 0)
        unchanged = index == self.client_view.currentIndex()
        self.client_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.client_view.scrollTo(index)
        if unchanged:  # otherwise currentChanged has loaded it
            self._load_timeline()

    def current_client_id(self) -> str | None:
        index = self.client_view.currentIndex()
        if not index.isValid() or index.data(IsAllRole):
            return None
        client_id = index.data(ClientIdRole)
        return str(client_id) if client_id is not None else None

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
        self._show_header(client)
        self.timeline_panel.view.setColumnHidden(Column.CLIENT, client_id is not None)
        names = {c.id: c.name for c in self.clients.clients()}
        subject = client.name if client is not None else self.tr("all clients")
        self.timeline_panel.show_scope(client_id, names, subject)  # loaded -> _timeline_ready

    def _timeline_ready(self, client_id: str | None, projects: list[Project]) -> None:
        if self.session is None or client_id != self.current_client_id():
            return  # a lock, or another client selected meanwhile
        self._projects = projects
        self._timeline_client = client_id
        if not self.timeline_panel.has_entries:
            self.timeline_panel.show_empty(
                self.tr("No entries yet.\nPress %1 to write the first one.").replace(
                    "%1", self.new_entry_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                )
                if self.clients.clients()
                else self.tr("No clients yet.\nAdd your first client with %1.").replace(
                    "%1",
                    self.new_client_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                )
            )
        self.timeline_loaded.emit()

    def _show_header(self, client: Client | None) -> None:
        if client is None:
            self.title.setText(self.tr("All clients"))
            self.subtitle.setText(self.tr("Every journal, newest first"))
            return
        self.title.setText(client.name)
        details = [client.company] if client.company else []
        if client.preferred_channel is not None:
            details.append(self._preference_text(client.preferred_channel))
        if client.update_every_days:
            details.append(self.tr("updates every %n days", "", client.update_every_days))
        if client.archived:
            details.append(self.tr("archived"))
        self.subtitle.setText("  ·  ".join(details))

    def _preference_text(self, channel: str) -> str:
        # Whole phrases rather than a lowercased channel name: the noun's form differs by language and word.
        phrases = {
            "email": self.tr("prefers email"),
            "phone": self.tr("prefers phone calls"),
            "video": self.tr("prefers video calls"),
            "meeting": self.tr("prefers meeting in person"),
            "message": self.tr("prefers messages"),
            "other": self.tr("prefers another channel"),
        }
        # A channel added later without its phrase still shows, if less elegantly.
        return phrases.get(channel) or self.tr("prefers %1").replace("%1", channel_label(channel))

    # ---- commands ------------------------------------------------------------------------------------------------

    def _request_lock(self) -> None:
        self.lock_requested.emit()  # not connected directly: triggered(bool) would pass "checked"

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_client(self) -> ClientDialog | None:
        if self.session is None:
            return None
        dialog = ClientDialog(parent=self, today=self._clock().date())
        dialog.accepted.connect(lambda: self._save_client(dialog.client(), dialog.changed_projects()))
        dialog.open()
        return dialog

    def edit_client(self) -> ClientDialog | None:
        client = self.current_client()
        if self.session is None or client is None:
            return None
        dialog = ClientDialog(client, parent=self, ops=self.context.ops, today=self._clock().date())
        dialog.accepted.connect(lambda: self._save_client(dialog.client(), dialog.changed_projects()))
        dialog.open()
        return dialog

    def _save_client(self, client: Client, projects: Sequence[Project] = ()) -> None:
        def saved(stored: Client) -> None:
            self._select_next = stored.id  # the list read again after this change selects it

        self.ops.change(
            lambda s: s.journal.save_client_with_projects(client, projects),  # all or nothing
            lambda stored: VaultChanges.of_clients([stored.id]),
        ).success(saved).run()

    def new_entry(self) -> EntryDialog | None:
        if self.session is None:
            return None
        clients = [c for c in self.clients.clients() if not c.archived or c.id == self.current_client_id()]
        if not clients:
            QMessageBox.information(
                self,
                self.tr("ClientJournal"),
                self.tr("Add a client first: every entry belongs to a client."),
            )
            return None
        dialog = EntryDialog(
            self._clock,
            clients,
            client_id=self.current_client_id(),
            projects=self._projects,
            parent=self,
        )
        self.editor.open_entry_dialog(dialog)  # saves through the undo stack, with autosave
        return dialog

    def _edit_entry_at(self, index: QModelIndex) -> EntryDialog | None:
        entry = self.timeline.editable_entry_at(index.row())  # None for a damaged entry, too
        if entry is None or self.session is None:
            return None
        dialog = EntryDialog(
            self._clock,
            self.clients.clients(),
            projects=self._projects if self._timeline_client == entry.client_id else (),
            entry=entry,
            parent=self,
        )
        self.editor.open_entry_dialog(dialog)  # saves through the undo stack, with autosave
        return dialog

    def _show_error(self, exc: BaseException) -> None:
        show_error(self, exc)
