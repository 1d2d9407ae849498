"""A progress dialog for long work on the background worker (backup, import, export, check).

The core's long calls take a ``progress(done, total)`` callback (:data:`clientjournal.services.journal.Progress`),
which they call on the worker thread. :meth:`WorkProgress.report` is such a callback: it only emits a signal,
queued onto the GUI thread, where the dialog advances. The dialog is window-modal (the one worker is busy anyway)
and shows itself only when the work takes longer than a moment, so a quick job does not flash a window.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

if TYPE_CHECKING:
    from clientjournal.services.changes import VaultChanges
    from clientjournal.services.journal import Progress
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.operations import Operation, Operations

T = TypeVar("T")
SHOW_AFTER_MS = 400
"""Work shorter than this shows no dialog at all."""
STALE_POLL_MS = 500
"""How often a progress dialog looks whether its work was dropped (the vault locked while it ran)."""


class _UnstoppableProgress(QProgressDialog):
    """The core's calls cannot be interrupted halfway, so Escape and the close button do nothing."""

    def reject(self) -> None:
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


class WorkProgress(QObject):
    """One long job's progress: pass :meth:`report` to the core call, call :meth:`finish` when it is done."""

    advanced = Signal(int, int)
    """(done, total), emitted on whichever thread reports; received queued on the GUI thread."""

    def __init__(
        self, parent: QWidget, title: str, label: str, *, show_after_ms: int = SHOW_AFTER_MS
    ) -> None:
        super().__init__(parent)
        self.dialog = _UnstoppableProgress(label, "", 0, 0, parent)
        self.dialog.setObjectName("workProgress")
        self.dialog.setWindowTitle(title)
        self.dialog.setAccessibleName(title)
        self.dialog.setCancelButton(None)  # no button: the work cannot be stopped halfway
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(380)
        self.dialog.setMinimumDuration(show_after_ms)
        self.dialog.setValue(0)  # starts the minimum-duration timer: the dialog appears even without reports
        self.finished = False
        self.advanced.connect(self._advance, Qt.ConnectionType.QueuedConnection)

    def report(self, done: int, total: int) -> None:
        """The core's progress callback; safe to call from the worker thread."""
        with contextlib.suppress(RuntimeError):  # the window (and this object) is already gone
            self.advanced.emit(done, total)

    def _advance(self, done: int, total: int) -> None:
        if self.finished:
            return
        total = max(total, 1)
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(max(0, min(done, total)))

    def finish(self) -> None:
        """Close the dialog (the work finished, or failed)."""
        if self.finished:
            return
        self.finished = True
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()


def run_with_progress(
    ops: Operations,
    parent: QWidget,
    title: str,
    label: str,
    call: Callable[[VaultSession, Progress], T],
    done: Callable[[T], None],
    *,
    failed: Callable[[BaseException], None] | None = None,
    changes: VaultChanges | None = None,
) -> WorkProgress | None:
    """Run ``call(session, progress)`` as an operation (a change when ``changes`` is given) with a progress
    dialog; the dialog closes before ``done`` or ``failed`` (default: the operations' error path) is called.
    None when no vault is open."""
    if ops.session() is None:
        return None
    progress = WorkProgress(parent, title, label)
    op: Operation[T] = (
        ops.query(lambda s: call(s, progress.report))
        if changes is None
        else ops.change(lambda s: call(s, progress.report), changes)
    )
    poll = QTimer(progress)

    def succeeded(result: T) -> None:
        progress.finish()
        done(result)

    def went_wrong(exc: BaseException) -> None:
        progress.finish()
        (failed or ops.report_error)(exc)

    def drop_if_stale() -> None:
        if op.stale:  # the vault locked meanwhile: no result will come
            poll.stop()
            progress.finish()

    poll.timeout.connect(drop_if_stale)
    poll.start(STALE_POLL_MS)
    op.success(succeeded).failure(went_wrong).run()
    return progress
