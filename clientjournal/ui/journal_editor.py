"""The journal editor's behaviour around the entry dialog: saving, autosaved drafts, undo/redo and deleting.

One :class:`JournalEditor` belongs to the main window. It owns the Edit menu (Undo, Redo, Edit entry, Delete
entry, Preferences), the undo stack and the drafts of open entry dialogs. Every change to the vault goes
through the background worker; undo commands carry decrypted entries only in memory, and the stack is emptied
when the vault locks.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox

from clientjournal.ui.drafts import DraftKeeper, drop_draft, latest_draft, read_drafts
from clientjournal.ui.entry_dialog import EntryDialog, Saver
from clientjournal.ui.errors import describe_error
from clientjournal.ui.models.roles import EntryRole
from clientjournal.ui.preferences_dialog import open_preferences

if TYPE_CHECKING:
    from collections.abc import Callable

    from clientjournal.domain import Entry, Project
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.mainwindow import MainWindow

log = logging.getLogger(__name__)

_Key = tuple[str, str]


def _check_stored_version(session: VaultSession, entry: Entry, expected: int) -> None:
    """Raise unless ``entry`` is stored at version ``expected`` (0: not stored at all)."""
    from clientjournal.errors import ConcurrentEditError, NotFoundError

    stored = next((e for e in session.journal.iter_entries(entry.client_id) if e.id == entry.id), None)
    version = stored.version if stored is not None else 0
    if version == expected:
        return
    if version == 0:
        raise NotFoundError(f"no entry {entry.id}")
    raise ConcurrentEditError("this entry was changed elsewhere since this step was stored")


class _EntryCommand(QUndoCommand):
    """One stored change to an entry, from ``before`` to ``after`` (``None`` = not stored): create, edit, delete.

    The command's own redo() and undo() change nothing. The vault is written in the background and can refuse
    (the entry was changed or deleted elsewhere), so :class:`JournalEditor` stores the other state first and
    moves the stack only once that worked: a failed step leaves the history where it was, matching the data.
    """

    def __init__(self, before: Entry | None, after: Entry | None, text: str) -> None:
        super().__init__(text)
        self.before = before
        self.after = after


class JournalEditor(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.stack = QUndoStack(self)
        self._versions: dict[_Key, int] = {}
        """The stored version of each entry touched here; written only by jobs on the worker thread."""
        self._changes_in_flight = 0
        """Entry saves, deletes and undo steps queued on the worker; undo and redo wait for them."""
        self._history_generation = 0
        """Bumped when the history is cleared, so results of jobs queued before no longer count."""
        self._open: dict[EntryDialog, DraftKeeper] = {}
        self._restore_pending = True
        self.draft_interval_ms = 3_000
        self._build_actions()
        self._install_menu()
        self._install_timeline_menu()
        window.clients_loaded.connect(self._clients_loaded)

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
            [QKeySequence("Return")],
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

    def _install_menu(self) -> None:
        menu = QMenu(self.tr("&Edit"), self.window)
        menu.setObjectName("editMenu")
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        menu.addAction(self.edit_entry_action)
        menu.addAction(self.delete_entry_action)
        menu.addSeparator()
        menu.addAction(self.preferences_action)
        bar = self.window.menuBar()
        actions = bar.actions()
        # Right after File, the usual place.
        bar.insertMenu(actions[1], menu) if len(actions) > 1 else bar.addMenu(menu)
        self.menu = menu
        menu.aboutToShow.connect(self._update_entry_actions)

    def _install_timeline_menu(self) -> None:
        view = self.window.timeline_view
        view.addAction(self.edit_entry_action)
        view.addAction(self.delete_entry_action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _update_entry_actions(self) -> None:
        has_entry = self.current_entry() is not None and self.window.session is not None
        self.edit_entry_action.setEnabled(has_entry)
        self.delete_entry_action.setEnabled(has_entry)

    def current_entry(self) -> Entry | None:
        index = self.window.timeline_view.currentIndex()
        entry = index.data(EntryRole) if index.isValid() else None
        return entry if entry is not None and hasattr(entry, "client_id") else None

    # ---- the entry dialog ----------------------------------------------------------------------------------------

    def open_entry_dialog(self, dialog: EntryDialog, *, restored: dict[str, Any] | None = None) -> None:
        """Show ``dialog`` with saving through the undo stack, autosaved drafts, and any stored draft offered."""
        session = self.window.session
        if session is None:
            dialog.deleteLater()
            return
        dialog.set_saver(self._saver(dialog, session))
        keeper = DraftKeeper(
            dialog,
            session,
            self.window._worker,
            lambda: self.window._clock().isoformat(),
            interval_ms=self.draft_interval_ms,
        )
        self._open[dialog] = keeper
        dialog.finished.connect(lambda result: self._dialog_finished(dialog, result))
        dialog.draft_discarded.connect(lambda: self._discard_offered(dialog))
        dialog.draft_restored.connect(keeper.save_now)
        dialog.open()
        if restored is not None:
            dialog.show_restored(restored)
            keeper.mark_stored(dialog.draft_data())
            return
        self.window._worker.run(
            lambda: read_drafts(session), lambda drafts: self._offer(dialog, drafts), self._draft_error
        )

    def _offer(self, dialog: EntryDialog, drafts: dict[str, dict[str, Any]]) -> None:
        if dialog not in self._open or not dialog.isVisible():
            return
        found = drafts.get(dialog.draft_key())
        if found is not None:
            dialog.offer_draft(found, str(found.get("saved_at", "")))

    def _discard_offered(self, dialog: EntryDialog) -> None:
        keeper = self._open.get(dialog)
        session = self.window.session
        if keeper is None or session is None:
            return
        key = dialog.draft_key()
        self.window._worker.run(lambda: drop_draft(session, key), None, self._draft_error)
        keeper.mark_stored(dialog.draft_data())

    def _dialog_finished(self, dialog: EntryDialog, result: int) -> None:
        keeper = self._open.pop(dialog, None)
        if keeper is not None:
            if dialog.keep_draft:
                keeper.stop()  # the vault is locking; the draft was stored and comes back after unlock
            else:
                keeper.forget()  # saved, or discarded by the user
        dialog.deleteLater()

    def _saver(self, dialog: EntryDialog, session: VaultSession) -> Saver:
        before = dialog.original

        def save(
            entry: Entry, on_saved: Callable[[Entry], None], on_failed: Callable[[BaseException], None]
        ) -> None:
            key = (entry.client_id, entry.id)

            def job() -> Entry:
                stored = session.journal.save_entry(entry)
                self._versions[key] = stored.version
                return stored

            def done(stored: Entry, current: bool) -> None:
                text = self.tr("New entry") if before is None else self.tr("Edit entry")
                if current:
                    self.stack.push(_EntryCommand(before, stored, text))
                on_saved(stored)
                self.window.reload()

            def failed(exc: BaseException, _current: bool) -> None:
                keeper = self._open.get(dialog)
                if keeper is not None:
                    keeper.save_now()  # what the user typed is safe in the vault as well
                on_failed(exc)

            self._run_change(job, done, failed)

        return save

    def edit_current(self) -> None:
        index = self.window.timeline_view.currentIndex()
        if index.isValid() and self.window.session is not None:
            self.window._edit_entry_at(index)

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
        session = self.window.session
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
            self.window.reload()

        self._run_change(job, done, lambda exc, _current: self._show_error(exc))

    # ---- undo and redo -------------------------------------------------------------------------------------------

    def _run_change(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any, bool], None],
        on_failed: Callable[[BaseException, bool], None],
    ) -> None:
        """Run ``job``, which changes entries, on the worker; the callbacks also learn whether the history is
        still the one the job was queued against (``False`` once it has been cleared).

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

        self.window._worker.run(
            job,
            lambda result: on_done(result, finish()),
            lambda exc: on_failed(exc, finish()),
        )

    def undo(self) -> None:
        if self.window.session is None or self._changes_in_flight or not self.stack.canUndo():
            return
        command = self.stack.command(self.stack.index() - 1)
        assert isinstance(command, _EntryCommand)
        self._step(command, command.before, command.after, undoing=True)

    def redo(self) -> None:
        if self.window.session is None or self._changes_in_flight or not self.stack.canRedo():
            return
        command = self.stack.command(self.stack.index())
        assert isinstance(command, _EntryCommand)
        self._step(command, command.after, command.before, undoing=False)

    def _step(
        self, command: _EntryCommand, target: Entry | None, other: Entry | None, *, undoing: bool
    ) -> None:
        """Store ``target`` (or delete the entry when None) in the background; move the stack once it worked."""
        session = self.window.session
        subject = target if target is not None else other
        if session is None or subject is None:
            return
        key = (subject.client_id, subject.id)
        index = self.stack.index()

        def job() -> None:
            expected = self._versions.get(key, 0)
            if target is None or expected == 0:
                # The service checks the version only when updating; deleting, or storing a deleted entry
                # again, must not silently throw away what was changed elsewhere in the meantime.
                _check_stored_version(session, subject, expected)
            if target is None:
                session.journal.delete_entry(subject.client_id, subject.id)
                self._versions[key] = 0
            else:
                stored = session.journal.save_entry(replace(target, version=expected))
                self._versions[key] = stored.version

        def done(_result: None, current: bool) -> None:
            if current and self.stack.index() == index:
                # The command's own undo()/redo() change nothing: the data is already stored.
                self.stack.setIndex(index - 1 if undoing else index + 1)
            self.window.reload()

        def failed(exc: BaseException, _current: bool) -> None:
            self._show_step_error(command.text(), exc, undoing=undoing)
            self.window.reload()

        self._run_change(job, done, failed)

    def _show_step_error(self, what: str, exc: BaseException, *, undoing: bool) -> QMessageBox:
        from clientjournal.errors import ConcurrentEditError, NotFoundError

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
        """Store the drafts of open entry dialogs, close every dialog, and forget the undo history."""
        for dialog, keeper in list(self._open.items()):
            keeper.save_now()
            dialog.keep_draft = True
            dialog.done(QDialog.DialogCode.Rejected)
        for child in self.window.findChildren(QDialog):
            if child.isVisible():
                child.done(QDialog.DialogCode.Rejected)
        self.clear_history()
        self._restore_pending = True

    def _clients_loaded(self) -> None:
        session = self.window.session
        if not self._restore_pending or session is None:
            return
        self._restore_pending = False
        known = {c.id for c in self.window.clients.clients()}

        def job() -> tuple[dict[str, Any], Entry | None, list[Project]] | None:
            found = latest_draft(read_drafts(session))
            if found is None:
                return None
            _key, data = found
            client_id = str(data.get("client_id"))
            if client_id not in known:
                return None
            entry_id = data.get("entry_id")
            entry = None
            if entry_id:
                entry = next((e for e in session.journal.iter_entries(client_id) if e.id == entry_id), None)
                if entry is None:
                    return None  # the entry is gone: nothing to edit any more
            return data, entry, session.journal.list_projects(client_id)

        self.window._worker.run(job, self._reopen, self._draft_error)

    def _reopen(self, found: tuple[dict[str, Any], Entry | None, list[Project]] | None) -> None:
        if found is None or self.window.session is None or self._open:
            return
        data, entry, projects = found
        dialog = EntryDialog(
            self.window._clock,
            self.window.clients.clients(),
            client_id=str(data.get("client_id")),
            projects=projects,
            entry=entry,
            parent=self.window,
        )
        self.open_entry_dialog(dialog, restored=data)

    # ---- errors --------------------------------------------------------------------------------------------------

    def _show_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self.window, self.tr("ClientJournal"), describe_error(exc))
        self.window.reload()

    @staticmethod
    def _draft_error(exc: BaseException) -> None:
        log.warning("drafts not readable: %s", type(exc).__name__)

    def keeper_of(self, dialog: EntryDialog) -> DraftKeeper | None:
        return self._open.get(dialog)

    def settings(self) -> QSettings:
        return self.window._settings if self.window._settings is not None else QSettings()

    def open_preferences(self) -> QDialog:
        return open_preferences(self.window, self.settings())
