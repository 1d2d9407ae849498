"""One background thread for database and key-derivation work, with results delivered on the GUI thread.

Every job is a plain callable. It runs on the worker thread, one at a time in submission order, and its
result (or exception) comes back through a queued signal, so the callbacks always run on the GUI thread and
may touch widgets. Keeping to a single thread means jobs never race each other over the session.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]


class _Job:
    # A plain class with slots: importing dataclasses would delay the first window (the worker starts with it).
    __slots__ = ("discarded", "on_done", "on_error", "quiet")

    def __init__(self, on_done: OnDone | None, on_error: OnError | None, quiet: bool = False) -> None:
        self.on_done = on_done
        self.on_error = on_error
        self.discarded = False
        self.quiet = quiet


class _Runner(QObject):
    finished = Signal(int, bool, object)

    @Slot(int, object)
    def run(self, job_id: int, function: object) -> None:
        try:
            result = function()  # type: ignore[operator]
        except BaseException as exc:
            self.finished.emit(job_id, False, exc)
        else:
            self.finished.emit(job_id, True, result)


class BackgroundWorker(QObject):
    """Runs callables on one background thread; ``busy_changed`` tells the UI when work is pending."""

    busy_changed = Signal(bool)
    _submit = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._jobs: dict[int, _Job] = {}
        self.wrap_job: Callable[[Callable[[], Any]], Callable[[], Any]] | None = None
        """Applied to each job as it is queued (the change watcher marks what this process writes as its own)."""
        self._thread = QThread()
        self._thread.setObjectName("clientjournal-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._runner.finished.connect(self._on_finished)
        self._thread.start()

    @property
    def running(self) -> bool:
        """False once :meth:`stop` has ended the thread (the app is closing): :meth:`run` then refuses work."""
        return self._thread.isRunning()

    @property
    def busy(self) -> bool:
        """Whether work is queued or running (quiet jobs do not count)."""
        return any(not job.quiet for job in self._jobs.values())

    def run(
        self,
        function: Callable[[], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        *,
        after_pending_events: bool = False,
        quiet: bool = False,
    ) -> int:
        """Queue ``function``; ``on_done(result)`` or ``on_error(exc)`` is called later on the GUI thread.

        Without ``on_error`` an exception goes to ``sys.excepthook`` (the friendly error dialog). With
        ``after_pending_events`` the thread starts on it only once the GUI thread has handled the events already
        waiting (showing a window, say), so the two do not compete for the interpreter meanwhile; the worker is
        busy from this call on either way. A ``quiet`` job (a frequent check in the background) does not make
        the worker busy.
        """
        if not self._thread.isRunning():
            raise RuntimeError("the background worker has stopped")
        if self.wrap_job is not None:
            function = self.wrap_job(function)
        job_id = next(self._ids)
        was_busy = self.busy
        self._jobs[job_id] = _Job(on_done, on_error, quiet)
        if not was_busy and not quiet:
            self.busy_changed.emit(True)
        if after_pending_events:
            QTimer.singleShot(0, self, lambda: self._submit.emit(job_id, function))
        else:
            self._submit.emit(job_id, function)
        return job_id

    def discard_results(self) -> None:
        """Let the queued jobs finish, but drop their results (used when the vault locks)."""
        for job in self._jobs.values():
            job.discarded = True

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Process events until every queued job has finished; False if the time ran out."""
        if not self.busy:
            return True
        # Imported here: PySide6 builds each class on first use, and the worker starts with the first window.
        from PySide6.QtCore import QDeadlineTimer, QEventLoop

        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        self.busy_changed.connect(loop.quit)
        deadline = QDeadlineTimer(timeout_ms)
        try:
            while self.busy and not deadline.hasExpired():
                timer.start(max(1, int(deadline.remainingTime())))
                loop.exec()
        finally:
            timer.stop()
            self.busy_changed.disconnect(loop.quit)
        return not self.busy

    def stop(self, timeout_ms: int = 10_000) -> None:
        """Finish pending work (so no save is lost), then end the thread."""
        if not self._thread.isRunning():
            return
        if not self.wait_idle(timeout_ms):
            log.warning("background work still running at shutdown")
        self._thread.quit()
        self._thread.wait()

    @Slot(int, bool, object)
    def _on_finished(self, job_id: int, ok: bool, value: object) -> None:
        job = self._jobs.pop(job_id, None)
        counted = job is not None and not job.quiet
        try:
            if job is None or job.discarded:
                return
            if ok:
                if job.on_done is not None:
                    job.on_done(value)
            else:
                assert isinstance(value, BaseException)
                if job.on_error is not None:
                    job.on_error(value)
                else:
                    sys.excepthook(type(value), value, value.__traceback__)
        finally:
            if counted and not self.busy:
                self.busy_changed.emit(False)
