"""The journal editor's undo history: one step per stored change to an entry, undone and redone on the worker.

:class:`EntryHistory` owns the undo stack and the stored version of every entry touched here. The vault is written
in the background and can refuse a step (the entry was changed or deleted elsewhere), so a step stores the other
state first and moves the stack only once that worked: a failed step leaves the history where it was, matching the
data. Commands carry decrypted entries only in memory; the editor clears the history when the vault locks. The
history says nothing itself: the editor words a refused step (:attr:`EntryHistory.step_failed`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from clientjournal.services.changes import VaultChanges

if TYPE_CHECKING:
    from clientjournal.domain import Entry
    from clientjournal.ui.context import WindowContext
    from clientjournal.ui.entry_linked import Linked

_Key = tuple[str, str]


class _EntryCommand(QUndoCommand):
    """One stored change to an entry, from ``before`` to ``after`` (``None`` = not stored): create, edit, delete;
    with the other entries the save changed (``linked``), which undo puts back and redo changes again.

    The command's own redo() and undo() change nothing: :class:`EntryHistory` stores the data, then moves the stack.
    """

    def __init__(
        self, before: Entry | None, after: Entry | None, text: str, linked: Sequence[Linked] = ()
    ) -> None:
        super().__init__(text)
        self.before = before
        self.after = after
        self.linked = tuple(linked)


class EntryHistory(QObject):
    """The undo stack of entry changes, and the changes queued on the worker that undo and redo wait for."""

    busy_changed = Signal()
    """A change to entries was queued or finished: whether undo and redo can run now may differ."""
    step_failed = Signal(str, object, bool)
    """An undo (``True``) or redo (``False``) of the step named by the text was refused with the exception."""

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.stack = QUndoStack(self)
        self.versions: dict[_Key, int] = {}
        """The stored version of each entry touched here; written only by jobs on the worker thread."""
        self.changes_in_flight = 0
        """Entry saves, deletes and undo steps queued on the worker; undo and redo wait for them."""
        self._generation = 0
        """Bumped when the history is cleared, so results of jobs queued before no longer count."""

    def can_undo(self) -> bool:
        return self.changes_in_flight == 0 and self.stack.canUndo()

    def can_redo(self) -> bool:
        return self.changes_in_flight == 0 and self.stack.canRedo()

    def record(
        self, before: Entry | None, after: Entry | None, text: str, linked: Sequence[Linked] = ()
    ) -> None:
        """A change already stored becomes the next step (``text`` names it in the Edit menu)."""
        self.stack.push(_EntryCommand(before, after, text, linked))

    def run_change(
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
        generation = self._generation
        self.changes_in_flight += 1
        self.busy_changed.emit()

        def finish() -> bool:
            current = generation == self._generation
            if current:
                self.changes_in_flight -= 1
                self.busy_changed.emit()
            return current

        self.context.ops.change(lambda _session: job(), changes).success(
            lambda result: on_done(result, finish())
        ).failure(lambda exc: on_failed(exc, finish())).run()

    def undo(self) -> None:
        if self.context.session() is None or not self.can_undo():
            return
        command = self.stack.command(self.stack.index() - 1)
        assert isinstance(command, _EntryCommand)
        self._step(command, command.before, command.after, undoing=True)

    def redo(self) -> None:
        if self.context.session() is None or not self.can_redo():
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
            stored = session.journal.save_entry(replace(entry, version=self.versions.get(linked_key, 0)))
            self.versions[linked_key] = stored.version

        def job() -> None:
            # The service refuses to throw away what was changed elsewhere in the meantime: it deletes, updates
            # or stores again (a deleted entry) only while the entry is stored at the version this step expects.
            if undoing:  # the other entries first: they are the likelier to have changed elsewhere
                for linked_before, _after in command.linked:
                    store(linked_before)
            expected = self.versions.get(key, 0)
            if target is None:
                session.journal.delete_entry(subject.client_id, subject.id, expected_version=expected)
                self.versions[key] = 0
            else:
                stored = session.journal.save_entry(replace(target, version=expected))
                self.versions[key] = stored.version
            if not undoing:
                for _before, linked_after in command.linked:
                    store(linked_after)

        def done(_result: None, current: bool) -> None:
            if current and self.stack.index() == index:
                # The command's own undo()/redo() change nothing: the data is already stored.
                self.stack.setIndex(index - 1 if undoing else index + 1)

        def failed(exc: BaseException, _current: bool) -> None:
            self.step_failed.emit(command.text(), exc, undoing)

        clients = {subject.client_id, *(after.client_id for _before, after in command.linked)}
        self.run_change(job, done, failed, VaultChanges.of_entries(clients))

    def clear(self) -> None:
        """Forget every step (the vault locks, or a client was deleted); jobs still queued no longer count."""
        self.stack.clear()
        self.versions = {}
        self._generation += 1
        self.changes_in_flight = 0
        self.busy_changed.emit()
