"""One way to run work from the UI: operations over the background worker, and one change signal.

In the spirit of Anki's ``CollectionOp``/``QueryOp``: a caller describes a core call, says what to do with the
result, and runs it::

    ops.query(lambda s: s.journal.list_clients(), key=(self, "clients")).success(self._show).run()
    ops.change(lambda s: s.journal.save_entry(entry), VaultChanges.of_entries([entry.client_id])).run()

* The call runs on the :class:`~clientjournal.ui.worker.BackgroundWorker` and gets the open session.
* A newer operation with the same ``key`` supersedes an older one: the older one's result (or error) is
  dropped, so no caller keeps its own "stale result" counter. :meth:`Operations.invalidate` (the vault locks)
  drops every result still on its way.
* Failures go to one default error path (a warning for errors the core raises on purpose, the friendly error
  dialog for anything else) unless the caller gives its own ``failure``.
* A change announces its :class:`~clientjournal.services.changes.VaultChanges` on the :class:`ChangeHub` once
  it finished (after ``success``), whether it worked or not: a refused write may well mean the data changed
  elsewhere. Every view refreshes from ``vault_changed``; nobody reloads by hand after a write.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from clientjournal.services.changes import VaultChanges

if TYPE_CHECKING:
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.worker import BackgroundWorker

T = TypeVar("T")
ErrorHandler = Callable[[BaseException], None]
SessionSource = Callable[[], "VaultSession | None"]


class ChangeHub(QObject):
    """Carries every change to the open vault, ours or someone else's, to whoever shows vault data."""

    vault_changed = Signal(object)
    """A :class:`~clientjournal.services.changes.VaultChanges`."""
    vault_changed_first = Signal(object)
    """The same, emitted just before ``vault_changed``: for a small, urgent refresh (the tray's reminder count), so
    its worker job is queued ahead of the views' longer reloads."""

    def announce(self, changes: VaultChanges) -> None:
        if not changes.empty:
            self.vault_changed_first.emit(changes)
            self.vault_changed.emit(changes)


class Operation(Generic[T]):
    """One core call to run on the worker; configure with :meth:`success`/:meth:`failure`, then :meth:`run`."""

    def __init__(
        self,
        ops: Operations,
        call: Callable[[VaultSession], T],
        *,
        key: object = None,
        changes: VaultChanges | Callable[[T], VaultChanges] | None = None,
    ) -> None:
        self._ops = ops
        self._call = call
        self._key = key
        self._changes = changes
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: ErrorHandler | None = None
        self._id = 0
        self._epoch = -1

    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        self._on_success = callback
        return self

    def failure(self, callback: ErrorHandler) -> Operation[T]:
        """Handle errors here instead of the default error path."""
        self._on_failure = callback
        return self

    @property
    def stale(self) -> bool:
        """True once the vault locked, or a newer operation with the same key was started."""
        return self._ops.is_stale(self._key, self._id, self._epoch)

    def run(self, *, after_pending_events: bool = False, quiet: bool = False) -> Operation[T]:
        """Queue the call; ``quiet`` ones do not show as busy. Nothing happens when no vault is open, nor once the
        worker has stopped: a change that arrives while the app closes refreshes nothing, in every view alike."""
        session = self._ops.session()
        if session is None or not self._ops.worker.running:
            return self
        self._id, self._epoch = self._ops.register(self._key)
        call = self._call
        self._ops.worker.run(
            lambda: call(session),
            self._done,
            self._failed,
            after_pending_events=after_pending_events,
            quiet=quiet,
        )
        return self

    def _done(self, result: T) -> None:
        if self.stale:
            return
        if self._on_success is not None:
            self._on_success(result)
        if self._changes is not None and not self._ops.locked_since(self._epoch):
            changes = self._changes(result) if callable(self._changes) else self._changes
            self._ops.hub.announce(changes)

    def _failed(self, exc: BaseException) -> None:
        if self.stale:
            return
        (self._on_failure or self._ops.report_error)(exc)
        if self._changes is not None and not self._ops.locked_since(self._epoch):
            self._ops.hub.announce(
                self._changes if isinstance(self._changes, VaultChanges) else VaultChanges.all()
            )


class Operations:
    """Starts operations for one window: its worker, its open session, its error path and its change hub."""

    def __init__(
        self,
        worker: BackgroundWorker,
        hub: ChangeHub,
        session: SessionSource,
        report_error: ErrorHandler,
    ) -> None:
        self.worker = worker
        self.hub = hub
        self.session = session
        self.report_error = report_error
        self._ids = itertools.count(1)
        self._latest: dict[object, int] = {}
        self._epoch = 0
        hub.destroyed.connect(self.invalidate)  # the window is gone: nobody is left to show results

    def query(self, call: Callable[[VaultSession], T], *, key: object = None) -> Operation[T]:
        """Read something; with a ``key``, only the newest query of that key delivers its result."""
        return Operation(self, call, key=key)

    def change(
        self,
        call: Callable[[VaultSession], T],
        changes: VaultChanges | Callable[[T], VaultChanges],
        *,
        key: object = None,
    ) -> Operation[T]:
        """Write something; ``changes`` (or ``changes(result)``) is announced on the hub when it finished."""
        return Operation(self, call, key=key, changes=changes)

    def supersede(self, key: object) -> None:
        """Drop the result of any operation of ``key`` still on its way."""
        self._latest[key] = next(self._ids)

    def invalidate(self) -> None:
        """Drop every result still on its way (the vault is locking)."""
        self._epoch += 1
        self._latest.clear()

    # ---- for Operation -------------------------------------------------------------------------------------------

    def register(self, key: object) -> tuple[int, int]:
        op_id = next(self._ids)
        if key is not None:
            self._latest[key] = op_id
        return op_id, self._epoch

    def is_stale(self, key: object, op_id: int, epoch: int) -> bool:
        if epoch != self._epoch:
            return True
        return key is not None and self._latest.get(key) != op_id

    def locked_since(self, epoch: int) -> bool:
        return epoch != self._epoch
