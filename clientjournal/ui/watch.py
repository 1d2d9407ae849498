"""Noticing changes made outside this window (the CLI, another device) while the vault is open.

A :class:`ChangeWatch` asks the core's :class:`~clientjournal.services.changes.ChangeWatcher` about once a
second, on the background worker like every other database call, and announces
:meth:`VaultChanges.all() <clientjournal.services.changes.VaultChanges.all>` on the window's hub when someone
else committed something. What this process writes itself is not reported back: every worker job runs through
:meth:`ChangeWatcher.own_write` while the watch is on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from clientjournal.services.changes import VaultChanges

if TYPE_CHECKING:
    from clientjournal.services.changes import ChangeWatcher
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.operations import Operations

log = logging.getLogger(__name__)


class ChangeWatch(QObject):
    changed_elsewhere = Signal()
    """Someone else changed the vault (announced on the hub as well)."""

    def __init__(self, ops: Operations, interval_ms: int = 1_000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._watcher: ChangeWatcher | None = None
        self._wanted = False
        self._opening = False
        self._polling = False

    @property
    def running(self) -> bool:
        return self._watcher is not None and self._timer.isActive()

    def start(self) -> None:
        """Open the watcher on the worker (its connection lives there) and poll from then on."""
        self._wanted = True
        if self._watcher is not None:
            self._timer.start()
            return
        if self._opening or self._ops.session() is None:
            return
        self._opening = True
        self._ops.query(lambda session: session.watch_changes(), key=(self, "open")).success(
            self._opened
        ).failure(self._open_failed).run()

    def stop(self) -> None:
        """Stop polling and close the watcher's connection (queued behind the work already waiting)."""
        self._wanted = False
        self._opening = False
        self._polling = False  # a poll on its way is dropped (the vault locks) or ignored
        self._timer.stop()
        watcher, self._watcher = self._watcher, None
        worker = self._ops.worker
        if worker.wrap_job == self._own_write:
            worker.wrap_job = None
        if watcher is not None:
            worker.run(
                watcher.close, None, lambda exc: log.info("change watcher not closed: %s", type(exc).__name__)
            )

    # ---- on the GUI thread, with results from the worker ---------------------------------------------------------

    def _opened(self, watcher: ChangeWatcher) -> None:
        self._opening = False
        if not self._wanted or self._watcher is not None:
            self._ops.worker.run(watcher.close)
            return
        self._watcher = watcher
        self._ops.worker.wrap_job = self._own_write
        self._timer.start()

    def _open_failed(self, exc: BaseException) -> None:
        self._opening = False
        log.warning("changes made elsewhere will not show until reopened: %s", type(exc).__name__)

    def _own_write(self, job: Callable[[], Any]) -> Callable[[], Any]:
        watcher = self._watcher
        if watcher is None:
            return job
        return lambda: watcher.own_write(job)

    def _tick(self) -> None:
        watcher = self._watcher
        if watcher is None or self._polling or self._ops.session() is None:
            return
        self._polling = True

        def poll(session: VaultSession) -> bool:
            changed = watcher.poll()
            if changed:  # what this session kept decrypted may be out of date: everyone reads again
                session.journal.forget_cached()
            return changed

        self._ops.query(poll, key=(self, "poll")).success(self._polled).failure(self._poll_failed).run(
            quiet=True
        )

    def _polled(self, changed: bool) -> None:
        self._polling = False
        if changed and self._watcher is not None:
            log.info("the vault was changed elsewhere")
            self.changed_elsewhere.emit()
            self._ops.hub.announce(VaultChanges.all())

    def _poll_failed(self, exc: BaseException) -> None:
        self._polling = False
        log.info("change watcher poll failed: %s", type(exc).__name__)
