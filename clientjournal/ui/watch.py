"""Noticing changes made outside this window (the CLI, another device) while the vault is open.

A :class:`ChangeWatch` asks the core's :class:`~clientjournal.services.changes.ChangeWatcher` about once a
second, on the background worker like every other database call, and at once when the database says something
was committed: SQLite's WAL file was written (a file-system watch) or PostgreSQL's listening socket has a
notification. When someone else committed something, the watcher's catch-up read says which clients (or
settings) changed: the session forgets what it kept decrypted of those clients only, and the
:class:`~clientjournal.services.changes.VaultChanges` is announced on the window's hub, so every view refreshes
just what it shows of them (:meth:`VaultChanges.all() <clientjournal.services.changes.VaultChanges.all>` only
when the watcher cannot tell). What this process writes itself is not reported back: every worker job runs
through :meth:`ChangeWatcher.own_write` while the watch is on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QSocketNotifier, QTimer, Signal

from clientjournal.services.changes import VaultChanges

if TYPE_CHECKING:
    from clientjournal.services.changes import ChangeWatcher
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.operations import Operations

log = logging.getLogger(__name__)

WAKE_DELAY_MS = 30
"""After the database signals a commit, wait this long before polling: one commit writes the WAL several times."""


class ChangeWatch(QObject):
    changed_elsewhere = Signal()
    """Someone else changed the vault (what changed is announced on the hub)."""

    def __init__(self, ops: Operations, interval_ms: int = 1_000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(WAKE_DELAY_MS)
        self._soon.timeout.connect(self._tick)
        self._files: QFileSystemWatcher | None = None
        self._file_names: tuple[str, ...] = ()
        self._socket: QSocketNotifier | None = None
        self._watcher: ChangeWatcher | None = None
        self._wanted = False
        self._opening = False
        self._polling = False
        self._again = False

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

        def open_watcher(session: VaultSession) -> tuple[ChangeWatcher, tuple[str, ...], int | None]:
            watcher = session.watch_changes()
            return watcher, watcher.wake_files(), watcher.wake_socket()

        self._ops.query(open_watcher, key=(self, "open")).success(self._opened).failure(
            self._open_failed
        ).run()

    def stop(self) -> None:
        """Stop polling and close the watcher's connection (queued behind the work already waiting)."""
        self._wanted = False
        self._opening = False
        self._polling = self._again = False  # a poll on its way is dropped (the vault locks) or ignored
        self._timer.stop()
        self._soon.stop()
        self._stop_waking()
        watcher, self._watcher = self._watcher, None
        worker = self._ops.worker
        if worker.wrap_job == self._own_write:
            worker.wrap_job = None
        if watcher is not None:
            worker.run(
                watcher.close, None, lambda exc: log.info("change watcher not closed: %s", type(exc).__name__)
            )

    # ---- waking up at once -----------------------------------------------------------------------------------

    def _watch_files(self, names: tuple[str, ...]) -> None:
        """Watch the files that exist (SQLite removes the WAL when the last connection closes: look again)."""
        if not names:
            return
        self._file_names = names
        if self._files is None:
            self._files = QFileSystemWatcher(self)
            self._files.fileChanged.connect(self._woken)
        missing = [name for name in names if name not in self._files.files() and Path(name).exists()]
        if missing:
            self._files.addPaths(missing)

    def _watch_socket(self, fd: int | None) -> None:
        """Readable while a notification waits unread: off from waking until the poll has read it."""
        if self._socket is not None and (fd is None or int(self._socket.socket()) != fd):
            self._socket.setEnabled(False)
            self._socket.deleteLater()
            self._socket = None
        if fd is None or fd < 0:
            return
        if self._socket is None:
            self._socket = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._socket.activated.connect(self._woken)
        self._socket.setEnabled(True)

    def _stop_waking(self) -> None:
        if self._files is not None:
            self._files.deleteLater()
            self._files = None
        self._watch_socket(None)

    def _woken(self, *_args: object) -> None:
        if self._socket is not None:
            self._socket.setEnabled(False)  # level-triggered: it would fire again until the poll reads
        if self._watcher is not None and not self._soon.isActive():
            self._soon.start()

    # ---- on the GUI thread, with results from the worker ---------------------------------------------------------

    def _opened(self, opened: tuple[ChangeWatcher, tuple[str, ...], int | None]) -> None:
        watcher, files, fd = opened
        self._opening = False
        if not self._wanted or self._watcher is not None:
            self._ops.worker.run(watcher.close)
            return
        self._watcher = watcher
        self._ops.worker.wrap_job = self._own_write
        self._watch_files(files)
        self._watch_socket(fd)
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
        if watcher is None or self._ops.session() is None:
            return
        if self._polling:
            self._again = True  # woken while a poll is on its way: once more after it
            return
        self._polling = True

        def poll(session: VaultSession) -> tuple[VaultChanges, int | None]:
            changes = watcher.poll()
            session.journal.forget_changed(changes)  # what it kept of those clients may be out of date
            return changes, watcher.wake_socket()

        self._ops.query(poll, key=(self, "poll")).success(self._polled).failure(self._poll_failed).run(
            quiet=True
        )

    def _polled(self, polled: tuple[VaultChanges, int | None]) -> None:
        changes, fd = polled
        self._polling = False
        if self._watcher is None:
            return
        self._watch_files(self._file_names)
        self._watch_socket(fd)
        if self._again:
            self._again = False
            self._soon.start()
        if changes.empty:
            return
        if changes.everything:
            log.info("the vault was changed elsewhere")
        else:
            log.info("the vault was changed elsewhere: %d clients", len(changes.clients))
        self.changed_elsewhere.emit()
        self._ops.hub.announce(changes)

    def _poll_failed(self, exc: BaseException) -> None:
        self._polling = False
        log.info("change watcher poll failed: %s", type(exc).__name__)
        if self._socket is not None and self._watcher is not None:
            self._socket.setEnabled(True)
