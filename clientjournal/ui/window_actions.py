"""The main window's own actions (new entry, new client, edit client, find, lock, quit), its toolbar, and the two
places helpers put theirs: a menu right after File, actions right after "Edit client".

The texts keep the ``MainWindow`` translation context they were first written in, so the catalogue still matches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QStyle, QToolBar, QWidget

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class WindowCommands:
    """What the window's own actions do."""

    new_entry: Callable[[], object]
    new_client: Callable[[], object]
    edit_client: Callable[[], object]
    find_client: Callable[[], None]
    lock: Callable[[], None]
    quit: Callable[[], None]


class WindowActions:
    """The window's own actions, each with its shortcut and tip; added to the window so shortcuts work anywhere."""

    def __init__(self, window: QMainWindow, commands: WindowCommands) -> None:
        self._window = window
        self.new_entry = self._action(
            QCoreApplication.translate("MainWindow", "&New entry…"),
            "Ctrl+N",
            commands.new_entry,
            QCoreApplication.translate("MainWindow", "Write a new journal entry"),
        )
        self.lock = self._action(
            QCoreApplication.translate("MainWindow", "&Lock"),
            "Ctrl+L",
            commands.lock,
            QCoreApplication.translate("MainWindow", "Lock the vault"),
        )
        self.quit = self._action(
            QCoreApplication.translate("MainWindow", "&Quit"),
            QKeySequence.StandardKey.Quit,
            commands.quit,
            QCoreApplication.translate("MainWindow", "Quit ClientJournal"),
        )
        self.quit.setShortcuts([QKeySequence("Ctrl+Q")])
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.new_client = self._action(
            QCoreApplication.translate("MainWindow", "New &client…"),
            "Ctrl+Shift+N",
            commands.new_client,
            QCoreApplication.translate("MainWindow", "Add a client"),
        )
        self.edit_client = self._action(
            QCoreApplication.translate("MainWindow", "&Edit client…"),
            "Ctrl+E",
            commands.edit_client,
            QCoreApplication.translate("MainWindow", "Edit the selected client"),
        )
        self.find_client = self._action(
            QCoreApplication.translate("MainWindow", "&Find client"),
            QKeySequence.StandardKey.Find,
            commands.find_client,
            QCoreApplication.translate("MainWindow", "Search clients"),
        )

    def _action(self, text: str, shortcut: Shortcut, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def set_session_enabled(self, enabled: bool) -> None:
        """The actions that need an open vault."""
        for action in (self.new_entry, self.new_client, self.edit_client):
            action.setEnabled(enabled)

    def empty_timeline_hint(self, has_clients: bool) -> str:
        """What the empty timeline says: the next step, with the shortcut that takes it."""
        if has_clients:
            text, action = (
                QCoreApplication.translate("MainWindow", "No entries yet.\nPress %1 to write the first one."),
                self.new_entry,
            )
        else:
            text, action = (
                QCoreApplication.translate("MainWindow", "No clients yet.\nAdd your first client with %1."),
                self.new_client,
            )
        return text.replace("%1", action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))

    def build_client_menu(self, bar: QMenuBar) -> QMenu:
        menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Client"))
        menu.addAction(self.new_client)
        menu.addAction(self.edit_client)
        menu.addSeparator()
        menu.addAction(self.find_client)
        return menu

    def build_toolbar(self) -> QToolBar:
        toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Main toolbar"), self._window)
        toolbar.setObjectName("mainToolbar")
        # QToolBar reads its item spacing in its constructor, before it had the name the style sheet's rule
        # matches, and again only on a style change (a colour scheme change): read it now, so the buttons do not
        # move 3 px when Preferences are applied.
        toolbar.ensurePolished()
        layout, style = toolbar.layout(), toolbar.style()
        if layout is not None:
            layout.setSpacing(style.pixelMetric(QStyle.PixelMetric.PM_ToolBarItemSpacing, None, toolbar))
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_entry)
        toolbar.addAction(self.new_client)
        toolbar.addAction(self.edit_client)
        spacer = QWidget(toolbar)  # pushes Lock to the far end
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.lock)
        self._window.addToolBar(toolbar)
        return toolbar


def insert_menu_after_file(bar: QMenuBar, menu: QMenu) -> None:
    """Add a helper's menu right after File, the usual place for Edit."""
    actions = bar.actions()
    if len(actions) > 1:
        bar.insertMenu(actions[1], menu)
    else:
        bar.addMenu(menu)


def insert_actions_after(menu: QMenu, anchor: QAction, actions: Sequence[QAction]) -> None:
    """Put a helper's actions into ``menu`` right after ``anchor`` (the client actions after "Edit client")."""
    present = menu.actions()
    position = present.index(anchor) + 1
    before = present[position] if position < len(present) else None
    for action in actions:
        menu.insertAction(before, action)  # type: ignore[arg-type]
