"""The journal editor: the Edit menu and the entry dialog's saving, undo and redo, deleting and autosaves.

One :class:`JournalEditor` belongs to the main window, which hands it a
:class:`~clientjournal.ui.context.WindowContext` and places its Edit menu (Undo, Redo, Edit entry, Delete
entry, Preferences). Every change to the vault is an operation on the background worker that announces what it
changed, so the views refresh themselves. Its parts: the undo history (:mod:`clientjournal.ui.journal_undo`,
emptied when the vault locks), the autosaves of open entry dialogs (:mod:`clientjournal.ui.journal_autosave`),
and the dialog whose save changes other entries too (:mod:`clientjournal.ui.entry_linked`): a
:class:`~clientjournal.ui.entry_linked.LinkedEntryDialog` (the coach's "Log it" on a "tell the client" card)
runs its ``follow_up`` on the worker right after the save, and the one undo step of that save undoes and redoes
what the follow-up changed (the setback's "told" mark) with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QDialog, QMenu, QMessageBox

from clientjournal.errors import ConcurrentEditError, NotFoundError
from clientjournal.services.changes import VaultChanges
from clientjournal.ui.autosave import AUTOSAVE_MS
from clientjournal.ui.entry_linked import Linked, LinkedEntryDialog, MarkTold
from clientjournal.ui.errors import describe_error
from clientjournal.ui.journal_autosave import DialogAutosaves
from clientjournal.ui.journal_undo import EntryHistory
from clientjournal.ui.models.roles import EntryRole
from clientjournal.ui.preferences_dialog import open_preferences

if TYPE_CHECKING:
    from clientjournal.domain import Entry
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.context import WindowContext
    from clientjournal.ui.entry_dialog import EntryDialog, Saver

log = logging.getLogger(__name__)


class JournalEditor(QObject):
    """The window's Edit menu, and every write of an entry from the window: save, delete, undo, redo."""

    def __init__(self, context: WindowContext, timeline_view: QAbstractItemView) -> None:
        super().__init__(context.parent)
        self.context = context
        self.window = context.parent
        self.view = timeline_view
        self.history = EntryHistory(context, self)
        self.history.step_failed.connect(self._show_step_error)
        self.stack = self.history.stack
        self.autosaves = DialogAutosaves(context, self)
        self.autosave_interval_ms = AUTOSAVE_MS
        self._build_actions()
        self._build_menu()
        self._install_timeline_menu()

    # ---- actions and menus ---------------------------------------------------------------------------------------

    def _action(self, text: str, shortcuts: list[QKeySequence], tip: str, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts(shortcuts)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.undo_action = self._action(
            self.tr("&Undo"),
            [QKeySequence(QKeySequence.StandardKey.Undo)],
            self.tr("Undo the last change"),
            self.undo,
        )
        self.redo_action = self._action(
            self.tr("&Redo"),
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")],
            self.tr("Redo what was undone"),
            self.redo,
        )
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.history.busy_changed.connect(self._update_undo_actions)
        self.stack.canUndoChanged.connect(self._update_undo_actions)
        self.stack.canRedoChanged.connect(self._update_undo_actions)
        self.stack.undoTextChanged.connect(self._undo_text)
        self.stack.redoTextChanged.connect(self._redo_text)
        self.edit_entry_action = self._action(
            self.tr("&Edit entry…"),
            [QKeySequence("Return"), QKeySequence("Enter")],  # the keypad's Enter too
            self.tr("Edit the selected entry"),
            self.edit_current,
        )
        self.edit_entry_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_entry_action = self._action(
            self.tr("&Delete entry…"),
            [QKeySequence(QKeySequence.StandardKey.Delete)],
            self.tr("Delete the selected entry"),
            self.delete_current,
        )
        self.delete_entry_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.preferences_action = self._action(
            self.tr("&Preferences…"),
            [QKeySequence("Ctrl+,")],
            self.tr("Language, auto-lock and colour scheme"),
            self.open_preferences,
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        for action in (self.edit_entry_action, self.delete_entry_action):
            # Only where the timeline has focus: Return and Delete mean other things in text fields.
            self.window.removeAction(action)

    def _update_undo_actions(self, *_ignored: object) -> None:
        self.undo_action.setEnabled(self.history.can_undo())
        self.redo_action.setEnabled(self.history.can_redo())

    @property
    def _changes_in_flight(self) -> int:
        """Entry saves, deletes and undo steps still queued on the worker; undo and redo wait for them."""
        return self.history.changes_in_flight

    def _undo_text(self, text: str) -> None:
        self.undo_action.setText(self.tr("&Undo %1").replace("%1", text) if text else self.tr("&Undo"))

    def _redo_text(self, text: str) -> None:
        self.redo_action.setText(self.tr("&Redo %1").replace("%1", text) if text else self.tr("&Redo"))

    def _build_menu(self) -> None:
        """The Edit menu; the window places it in its menu bar."""
        menu = QMenu(self.tr("&Edit"), self.window)
        menu.setObjectName("editMenu")
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        menu.addAction(self.edit_entry_action)
        menu.addAction(self.delete_entry_action)
        menu.addSeparator()
        menu.addAction(self.preferences_action)
        self.menu = menu
        menu.aboutToShow.connect(self._update_entry_actions)

    def _install_timeline_menu(self) -> None:
        view = self.view
        view.addAction(self.edit_entry_action)
        view.addAction(self.delete_entry_action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        # Return and Delete are these actions' shortcuts: they must follow the selected row at once, not only
        # when the Edit menu opens (else a key pressed after selecting does nothing until the menu is opened).
        view.selectionModel().currentChanged.connect(lambda *_indexes: self._update_entry_actions())
        view.model().modelReset.connect(self._update_entry_actions)
        self._update_entry_actions()

    def _update_entry_actions(self) -> None:
        has_entry = self.current_entry() is not None and self.context.session() is not None
        self.edit_entry_action.setEnabled(has_entry)
        self.delete_entry_action.setEnabled(has_entry)

    def current_entry(self) -> Entry | None:
        index = self.view.currentIndex()
        entry = index.data(EntryRole) if index.isValid() else None
        return entry if entry is not None and hasattr(entry, "client_id") else None

    # ---- the entry dialog ----------------------------------------------------------------------------------------

    def open_entry_dialog(self, dialog: EntryDialog, *, restored: dict[str, Any] | None = None) -> None:
        """Show ``dialog`` with saving through the undo stack, autosaved entries, and any stored autosave offered."""
        session = self.context.session()
        if session is None:
            dialog.deleteLater()
            return
        dialog.set_saver(self._saver(dialog, session))
        dialog.load_mood_catalogue(self.context.ops)  # the user's own mood tags beside the defaults
        self.autosaves.watch(dialog, restored, interval_ms=self.autosave_interval_ms)

    def _saver(self, dialog: EntryDialog, session: VaultSession) -> Saver:
        before = dialog.original
        follow_up = dialog.follow_up if isinstance(dialog, LinkedEntryDialog) else None

        def save(
            entry: Entry, on_saved: Callable[[Entry], None], on_failed: Callable[[BaseException], None]
        ) -> None:
            key = (entry.client_id, entry.id)

            def job() -> tuple[Entry, list[Linked]]:
                stored = session.journal.save_entry(entry)
                self.history.versions[key] = stored.version
                linked = self._follow(follow_up, session, stored)
                return stored, linked

            def done(result: tuple[Entry, list[Linked]], current: bool) -> None:
                stored, linked = result
                text = self.tr("New entry") if before is None else self.tr("Edit entry")
                if current:
                    self.history.record(before, stored, text, linked)
                on_saved(stored)

            def failed(exc: BaseException, _current: bool) -> None:
                self.autosaves.save_now(dialog)  # what the user typed is safe in the vault as well
                on_failed(exc)

            self.history.run_change(job, done, failed, VaultChanges.of_entries({entry.client_id}))

        return save

    def _follow(self, follow_up: MarkTold | None, session: VaultSession, stored: Entry) -> list[Linked]:
        """Run a save's follow-up (on the worker) and note the versions it stored. The entry is saved by now: an
        other entry changed elsewhere meanwhile is left as it is (the coach keeps asking), not a failed save."""
        if follow_up is None:
            return []
        try:
            linked = list(follow_up(session, stored))
        except (ConcurrentEditError, NotFoundError) as exc:
            log.warning("a save's follow-up was refused: %s", type(exc).__name__)
            return []
        for _before, after in linked:
            self.history.versions[(after.client_id, after.id)] = after.version
        return linked

    def edit_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and self.context.session() is not None:
            self.context.edit_entry_at(index)

    # ---- deleting ------------------------------------------------------------------------------------------------

    def delete_confirmation(self, entry: Entry) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete entry — ClientJournal"))
        preview = entry.text.strip().split("\n", 1)[0][:80] or self.tr("(no text)")
        box.setText(self.tr("Delete this journal entry?"))
        box.setInformativeText(
            self.tr("“%1”\n\nYou can bring it back with Edit ▸ Undo until the journal is locked.").replace(
                "%1", preview
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def delete_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.delete_entry(entry)

    def delete_entry(self, entry: Entry, *, confirm: bool = True) -> None:
        session = self.context.session()
        if session is None:
            return
        if confirm and self.delete_confirmation(entry).exec() != QMessageBox.StandardButton.Yes:
            return
        key = (entry.client_id, entry.id)

        def job() -> None:
            session.journal.delete_entry(entry.client_id, entry.id)
            self.history.versions[key] = 0

        def done(_result: None, current: bool) -> None:
            if current:
                self.history.record(entry, None, self.tr("Delete entry"))

        self.history.run_change(
            job, done, lambda exc, _current: self._show_error(exc), VaultChanges.of_entries({entry.client_id})
        )

    # ---- undo and redo -------------------------------------------------------------------------------------------

    def undo(self) -> None:
        self.history.undo()

    def redo(self) -> None:
        self.history.redo()

    def _show_step_error(self, what: str, exc: BaseException, undoing: bool) -> QMessageBox:
        """Say why undoing (or redoing) the step ``what`` was refused; the history stays where it was."""
        box = QMessageBox(self.window)
        box.setObjectName("undoFailedBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("ClientJournal"))
        headline = self.tr("Could not undo “%1”.") if undoing else self.tr("Could not redo “%1”.")
        box.setText(headline.replace("%1", what))
        if isinstance(exc, ConcurrentEditError | NotFoundError):
            box.setInformativeText(
                self.tr(
                    "The entry was changed or deleted somewhere else (another window or device) since then. "
                    "Nothing was changed, and the undo history stays where it was."
                )
            )
        else:
            box.setInformativeText(describe_error(exc))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the step's result arrives from the worker, a nested event loop helps no one
        return box

    def clear_history(self) -> None:
        self.history.clear()

    # ---- locking and unlocking -----------------------------------------------------------------------------------

    def prepare_lock(self) -> None:
        """Store the autosaves of open entry dialogs, close every dialog, and forget the undo history."""
        self.autosaves.keep_and_close()
        for child in self.window.findChildren(QDialog):
            if child.isVisible():
                child.done(QDialog.DialogCode.Rejected)
        self.clear_history()

    def restore_autosave(self) -> None:
        """After unlocking, once the clients are listed: reopen the entry dialog of the newest stored autosave."""
        self.autosaves.restore(lambda dialog, data: self.open_entry_dialog(dialog, restored=data))

    # ---- errors --------------------------------------------------------------------------------------------------

    def _show_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self.window, self.tr("ClientJournal"), describe_error(exc))

    def settings(self) -> QSettings:
        return self.context.settings if self.context.settings is not None else QSettings()

    def open_preferences(self) -> QDialog:
        return open_preferences(
            self.window,
            self.settings(),
            self.context.preferences,
            worker=self.context.worker,
            session=self.context.session(),
            ops=self.context.ops,  # "Forget this device" runs as the File menu's operation
        )
