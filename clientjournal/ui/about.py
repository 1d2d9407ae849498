"""The Help menu: About ClientJournal (version, licence, where the data lives, Qt and Python) and the keyboard
shortcuts, read from the window's own actions so the list cannot drift from what the keys do."""

from __future__ import annotations

import logging
import platform
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clientjournal.ui.widgets import heading, paragraph

if TYPE_CHECKING:
    from clientjournal.ui.context import WindowContext

LICENCE = "GPL-3.0-or-later"


def app_version() -> str:
    """The installed package's version (its metadata), else the source tree's."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("clientjournal")
    except PackageNotFoundError:
        from clientjournal import __version__

        return __version__


def licence() -> str:
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        return metadata("clientjournal")["License-Expression"] or LICENCE
    except (PackageNotFoundError, KeyError):
        return LICENCE


def log_file() -> Path | None:
    """The file the app logs to (set up by the composition root), if any."""
    for handler in logging.getLogger("clientjournal").handlers:
        name = getattr(handler, "baseFilename", None)
        if isinstance(name, str):
            return Path(name)
    return None


def _selectable(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    """``vault`` says where the vault is kept (its file, or the server); the data folder holds it and the logs."""

    def __init__(self, vault: str, data_folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6 import __version__ as pyside_version

        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About ClientJournal"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("ClientJournal %1").replace("%1", app_version()), self))
        layout.addWidget(
            paragraph(
                self.tr(
                    "An encrypted journal of your clients, with a coach that suggests whom to contact and what "
                    "to say. Everything stays on your computer, encrypted with your passphrase."
                ),
                self,
            )
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.facts: dict[str, str] = {}
        rows = [
            (
                self.tr("Licence:"),
                self.tr("%1 (free software: you may share and change it)").replace("%1", licence()),
            ),
            (
                self.tr("Data folder:"),
                str(data_folder) if data_folder is not None else self.tr("(not known)"),
            ),
            (self.tr("Journal:"), vault),
            (
                self.tr("Qt:"),
                self.tr("%1 (PySide6 %2)").replace("%1", qVersion()).replace("%2", pyside_version),
            ),
            (self.tr("Python:"), platform.python_version()),
        ]
        for name, value in rows:
            self.facts[name] = value
            form.addRow(name, _selectable(value, self))
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ShortcutsDialog(QDialog):
    """Every menu action with a shortcut: the key, then what it does."""

    def __init__(self, menus: list[QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts — ClientJournal"))
        self.setMinimumSize(480, 420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading(self.tr("Keyboard shortcuts"), self, level=2))
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.list.setAccessibleName(self.tr("Keyboard shortcuts"))
        for keys, text in shortcut_rows(menus):
            self.list.addTopLevelItem(QTreeWidgetItem([keys, text]))
        self.list.resizeColumnToContents(0)
        self.list.setColumnWidth(0, self.list.columnWidth(0) + 24)  # room between keys and action
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _plain(text: str) -> str:
    """A menu text without its mnemonic ampersand and trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…")


def shortcut_rows(menus: list[QMenu]) -> list[tuple[str, str]]:
    """(keys, action) for every action with a shortcut in ``menus`` and their submenus, in menu order."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu)
                continue
            if action.isSeparator() or id(action) in seen:
                continue
            keys = [k for k in action.shortcuts() if not k.isEmpty()]
            if keys:
                seen.add(id(action))
                shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
                rows.append((shown, _plain(action.text())))

    for menu in menus:
        walk(menu)
    return rows


class HelpActions(QObject):
    """The Help menu of the main window."""

    def __init__(self, context: WindowContext, menu_bar: QMenuBar | None = None) -> None:
        """With a ``menu_bar``, the Help menu is added to it at once (as its last menu, by convention)."""
        super().__init__(context.parent)
        self.context = context
        self.window = context.parent
        self.dialog: QDialog | None = None
        self.about_action = QAction(self.tr("&About ClientJournal"), self.window)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda _checked=False: self.about())
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), self.window)
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.window.addAction(self.shortcuts_action)
        self.shortcuts_action.triggered.connect(lambda _checked=False: self.shortcuts())
        if menu_bar is not None:
            self.add_to(menu_bar.addMenu(self.tr("&Help")))

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.shortcuts_action)
        menu.addSeparator()
        menu.addAction(self.about_action)

    def about(self) -> QDialog:
        from clientjournal.ui import vaultops

        session = self.context.session()
        place = vaultops.vault_place(session) if session is not None else None
        logs = log_file()
        if logs is not None:
            folder: Path | None = logs.parent.parent  # the data folder holds logs/clientjournal.log
        else:
            folder = place.file.parent if place is not None and place.file is not None else None
        vault = place.description if place is not None else self.tr("(locked)")
        return self._open(AboutDialog(vault, folder, self.window))

    def shortcuts(self) -> QDialog:
        menus: list[QMenu] = []
        if isinstance(self.window, QMainWindow):
            for action in self.window.menuBar().actions():
                menu = action.menu()
                if isinstance(menu, QMenu):
                    menus.append(menu)
        return self._open(ShortcutsDialog(menus, self.window))

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog
