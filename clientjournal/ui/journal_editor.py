"""The journal editor's behaviour around the entry dialog: saving, autosaved entries, undo/redo and deleting.

One :class:`JournalEditor` belongs to the main window, which hands it a
:class:`~clientjournal.ui.context.WindowContext` and places its Edit menu (Undo, Redo, Edit entry, Delete
entry, Preferences). It owns the undo stack and the autosaves of open entry dialogs. Every change to the vault is
an operation on the background worker that announces what it changed, so the views refresh themselves; undo
commands carry decrypted entries only in memory, and the stack is emptied when the vault locks.

A save can change other entries too: a :class:`LinkedEntryDialog` (the coach's "Log it" on a "tell the client"
card) runs its ``follow_up`` on the worker right after the save, and the one undo step of that save undoes and
redoes what the follow-up changed (the setback's "told" mark) with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QDialog, QMenu, QMessageBox

from clientjournal.errors import ConcurrentEditError, NotFoundError
from clientjournal.services.changes import VaultChanges
from clientjournal.ui.autosave import AutosaveKeeper
from clientjournal.ui.entry_dialog import EntryDialog, Saver
from clientjournal.ui.errors import describe_error
from clientjournal.ui.models.roles import EntryRole
from clientjournal.ui.preferences_dialog import open_preferences

if TYPE_CHECKING:
    from clientjournal.domain import Entry, Project
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.context import WindowContext

log = logging.getLogger(__name__)

_Key = tuple[str, str]

Linked = tuple["Entry", "Entry"]
"""Another entry a save changed: as it was before and as it was stored."""

FollowUp = Callable[["VaultSession", "Entry"], "Sequence[Linked]"]
"""Runs on the worker right after a dialog's entry was saved (given the stored entry); gives the other entries it
changed."""


class LinkedEntryDialog(EntryDialog):
    """An entry dialog whose save also changes other entries (``follow_up``), in the same undo step."""

    def __init__(self, *args: Any, follow_up: FollowUp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.follow_up = follow_up


class _EntryCommand(QUndoCommand):
    """One stored change to an entry, from ``before`` to ``after`` (``None`` = not stored): create, edit, delete;
    with the other entries the save changed (``linked``), which undo puts back and redo changes again.

    The command's own redo() and undo() change nothing. The vault is written in the background and can refuse
    (the entry was changed or deleted elsewhere), so :class:`JournalEditor` stores the other state first and
    moves the stack only once that worked: a failed step leaves the history where it was, matching the data.
    """

    def __init__(
        self, before: Entry | None, after: Entry | None, text: str, linked: Sequence[Linked] = ()
    ) -> None:
        super().__init__(text)
        self.before = before
        self.after = after
        self.linked = tuple(linked)


class JournalEditor(QObject):
    def __init__(self, context: WindowContext, timeline_view: QAbstractItemView) -> None:
        super().__init__(context.parent)
        self.context = context
        self.window = context.parent
        self.view = timeline_view
        self.stack = QUndoStack(self)
        self._versions: dict[_Key, int] = {}
        """The stored version of each entry touched here; written only by jobs on the worker thread."""
        self._changes_in_flight = 0
        """Entry saves, deletes and undo steps queued on the worker; undo and redo wait for them."""
        self._history_generation = 0
        """Bumped when the history is cleared, so results of jobs queued before no longer count."""
        self._open: dict[EntryDialog, AutosaveKeeper] = {}
        self._restore_pending = True
        self.autosave_interval_ms = 3_000
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
        idle = self._changes_in_flight == 0
        self.undo_action.setEnabled(idle and self.stack.canUndo())
        self.redo_action.setEnabled(idle and self.stack.canRedo())

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
        keeper = AutosaveKeeper(
            dialog,
            self.context.ops,
            lambda: self.context.clock().isoformat(),
            interval_ms=self.autosave_interval_ms,
        )
        self._open[dialog] = keeper
        dialog.finished.connect(lambda result: self._dialog_finished(dialog, result))
        dialog.autosave_discarded.connect(lambda: self._discard_offered(dialog))
        dialog.autosave_restored.connect(keeper.save_now)
        dialog.open()
        if restored is not None:
            dialog.show_restored(restored)
            keeper.mark_stored(dialog.autosave_data())
            return
        self.context.ops.query(lambda s: s.autosave.all()).success(
            lambda autosaves: self._offer(dialog, autosaves)
        ).failure(self._autosave_error).run()

    def _offer(self, dialog: EntryDialog, autosaves: dict[str, dict[str, Any]]) -> None:
        if dialog not in self._open or not dialog.isVisible():
            return
        found = autosaves.get(dialog.autosave_key())
        if found is not None:
            dialog.offer_autosave(found, str(found.get("saved_at", "")))

    def _discard_offered(self, dialog: EntryDialog) -> None:
        keeper = self._open.get(dialog)
        if keeper is None or self.context.session() is None:
            return
        key = dialog.autosave_key()
        # Autosaves show nowhere but in their dialog: nothing to announce.
        self.context.ops.change(lambda s: s.autosave.drop(key), VaultChanges()).failure(
            self._autosave_error
        ).run()
        keeper.mark_stored(dialog.autosave_data())

    def _dialog_finished(self, dialog: EntryDialog, result: int) -> None:
        keeper = self._open.pop(dialog, None)
        if keeper is not None:
            if dialog.keep_autosave:
                keeper.stop()  # the vault is locking; the autosave was stored and comes back after unlock
            else:
                keeper.forget()  # saved, or discarded by the user
        dialog.deleteLater()

    def _saver(self, dialog: EntryDialog, session: VaultSession) -> Saver:
        before = dialog.original
        follow_up = dialog.follow_up if isinstance(dialog, LinkedEntryDialog) else None

        def save(
            entry: Entry, on_saved: Callable[[Entry], None], on_failed: Callable[[BaseException], None]
        ) -> None:
            key = (entry.client_id, entry.id)

            def job() -> tuple[Entry, list[Linked]]:
                stored = session.journal.save_entry(entry)
                self._versions[key] = stored.version
                linked = self._follow(follow_up, session, stored)
                return stored, linked

            def done(result: tuple[Entry, list[Linked]], current: bool) -> None:
                stored, linked = result
                text = self.tr("New entry") if before is None else self.tr("Edit entry")
                if current:
                    self.stack.push(_EntryCommand(before, stored, text, linked))
                on_saved(stored)

            def failed(exc: BaseException, _current: bool) -> None:
                keeper = self._open.get(dialog)
                if keeper is not None:
                    keeper.save_now()  # what the user typed is safe in the vault as well
                on_failed(exc)

            self._run_change(job, done, failed, VaultChanges.of_entries({entry.client_id}))

        return save

    def _follow(self, follow_up: FollowUp | None, session: VaultSession, stored: Entry) -> list[Linked]:
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
            self._versions[(after.client_id, after.id)] = after.version
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
            self._versions[key] = 0

        def done(_result: None, current: bool) -> None:
            if current:
                self.stack.push(_EntryCommand(entry, None, self.tr("Delete entry")))

        self._run_change(
            job, done, lambda exc, _current: self._show_error(exc), VaultChanges.of_entries({entry.client_id})
        )

    # ---- undo and redo -------------------------------------------------------------------------------------------

    def _run_change(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any, bool], None],
        on_failed: Callable[[BaseException, bool], None],
        changes: VaultChanges,
    ) -> None:
        """Run ``job``, which changes entries, as an operation announcing ``changes`` (whether it worked or not);
        the callbacks also learn whether the history is still the one the job was queued against (``False``
        once it has been cleared).

        Undo and redo stay off while such a job is queued: a step must see the stack and the data as they will
        be once everything before it is stored, or a failure could not put the history back where it was.
        """
        generation = self._history_generation
        self._changes_in_flight += 1
        self._update_undo_actions()

        def finish() -> bool:
            current = generation == self._history_generation
            if current:
                self._changes_in_flight -= 1
                self._update_undo_actions()
            return current

        self.context.ops.change(lambda _session: job(), changes).success(
            lambda result: on_done(result, finish())
        ).failure(lambda exc: on_failed(exc, finish())).run()

    def undo(self) -> None:
        if self.context.session() is None or self._changes_in_flight or not self.stack.canUndo():
            return
        command = self.stack.command(self.stack.index() - 1)
        assert isinstance(command, _EntryCommand)
        self._step(command, command.before, command.after, undoing=True)

    def redo(self) -> None:
        if self.context.session() is None or self._changes_in_flight or not self.stack.canRedo():
            return
        command = self.stack.command(self.stack.index())
        assert isinstance(command, _EntryCommand)
        self._step(command, command.after, command.before, undoing=False)

    def _step(
        self, command: _EntryCommand, target: Entry | None, other: Entry | None, *, undoing: bool
    ) -> None:
        """Store ``target`` (or delete the entry when None) in the background; move the stack once it worked."""
        session = self.context.session()
        subject = target if target is not None else other
        if session is None or subject is None:
            return
        key = (subject.client_id, subject.id)
        index = self.stack.index()

        def store(entry: Entry) -> None:
            linked_key = (entry.client_id, entry.id)
            stored = session.journal.save_entry(replace(entry, version=self._versions.get(linked_key, 0)))
            self._versions[linked_key] = stored.version

        def job() -> None:
            # The service refuses to throw away what was changed elsewhere in the meantime: it deletes, updates
            # or stores again (a deleted entry) only while the entry is stored at the version this step expects.
            if undoing:  # the other entries first: they are the likelier to have changed elsewhere
                for linked_before, _after in command.linked:
                    store(linked_before)
            expected = self._versions.get(key, 0)
            if target is None:
                session.journal.delete_entry(subject.client_id, subject.id, expected_version=expected)
                self._versions[key] = 0
            else:
                stored = session.journal.save_entry(replace(target, version=expected))
                self._versions[key] = stored.version
            if not undoing:
                for _before, linked_after in command.linked:
                    store(linked_after)

        def done(_result: None, current: bool) -> None:
            if current and self.stack.index() == index:
                # The command's own undo()/redo() change nothing: the data is already stored.
                self.stack.setIndex(index - 1 if undoing else index + 1)

        def failed(exc: BaseException, _current: bool) -> None:
            self._show_step_error(command.text(), exc, undoing=undoing)

        clients = {subject.client_id, *(after.client_id for _before, after in command.linked)}
        self._run_change(job, done, failed, VaultChanges.of_entries(clients))

    def _show_step_error(self, what: str, exc: BaseException, *, undoing: bool) -> QMessageBox:
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
        self.stack.clear()
        self._versions = {}
        self._history_generation += 1
        self._changes_in_flight = 0
        self._update_undo_actions()

    # ---- locking and unlocking -----------------------------------------------------------------------------------

    def prepare_lock(self) -> None:
        """Store the autosaves of open entry dialogs, close every dialog, and forget the undo history."""
        for dialog, keeper in list(self._open.items()):
            keeper.save_now()
            dialog.keep_autosave = True
            dialog.done(QDialog.DialogCode.Rejected)
        for child in self.window.findChildren(QDialog):
            if child.isVisible():
                child.done(QDialog.DialogCode.Rejected)
        self.clear_history()
        self._restore_pending = True

    def restore_autosave(self) -> None:
        """After unlocking, once the clients are listed: reopen the entry dialog of the newest stored autosave."""
        session = self.context.session()
        if not self._restore_pending or session is None:
            return
        self._restore_pending = False
        known = {c.id for c in self.context.clients()}

        def job() -> tuple[dict[str, Any], Entry | None, list[Project]] | None:
            found = session.autosave.latest()
            if found is None:
                return None
            _key, data = found
            client_id = str(data.get("client_id"))
            if client_id not in known:
                return None
            entry_id = data.get("entry_id")
            entry = None
            if entry_id:
                entry = session.journal.find_entry(client_id, str(entry_id))
                if entry is None:
                    return None  # the entry is gone: nothing to edit any more
            return data, entry, session.journal.list_projects(client_id)

        self.context.ops.query(lambda _session: job()).success(self._reopen).failure(
            self._autosave_error
        ).run()

    def _reopen(self, found: tuple[dict[str, Any], Entry | None, list[Project]] | None) -> None:
        if found is None or self.context.session() is None or self._open:
            return
        data, entry, projects = found
        dialog = EntryDialog(
            self.context.clock,
            self.context.clients(),
            client_id=str(data.get("client_id")),
            projects=projects,
            entry=entry,
            parent=self.window,
        )
        self.open_entry_dialog(dialog, restored=data)

    # ---- errors --------------------------------------------------------------------------------------------------

    def _show_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self.window, self.tr("ClientJournal"), describe_error(exc))

    @staticmethod
    def _autosave_error(exc: BaseException) -> None:
        log.warning("autosaves not readable: %s", type(exc).__name__)

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
