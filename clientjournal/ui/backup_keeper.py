"""Takes the day's automatic backup in the background: after the first change of the day, and at unlock when one
is overdue (changes made elsewhere, or a day that ended without one).

The decision and the work are the core's; this only asks at the right moments, quietly (no busy bar). A failure
is said once in the status bar, not again until a backup has worked.

The copy and its check take seconds on a large vault, so they do not run on the window's one worker, where saves
would queue behind them: the worker prepares the backup
(:meth:`~clientjournal.services.backups.BackupService.prepare_if_due`), a thread of its own copies and checks it
with its own connections and key chain (:meth:`~clientjournal.services.backups.BackupService.take`), and the
worker records the result (:meth:`~clientjournal.services.backups.BackupService.record`).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from clientjournal.ui.errors import describe_error

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from clientjournal.services.backups import Backup, BackupCopy, BackupJob
    from clientjournal.services.changes import VaultChanges
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.context import WindowContext
    from clientjournal.ui.mainwindow import MainWindow
    from clientjournal.ui.restore_dialog import RestoreDialog

log = logging.getLogger(__name__)


UNLOCK_DELAY_MS = 4_000
"""How long after unlocking the overdue check waits: the first timeline page and the badges load first."""
QUIT_WAIT_S = 30.0
"""How long quitting waits for a backup being copied (it would otherwise leave a partial file behind)."""
POLL_MS = 100
"""How often the GUI thread looks whether the backup's thread is done (it makes no Qt call itself)."""


class BackupKeeper(QObject):
    def __init__(self, context: WindowContext) -> None:
        super().__init__(context.parent)
        self.context = context
        self.unlock_delay_ms = UNLOCK_DELAY_MS
        self._session: VaultSession | None = None
        """The session the overdue check ran for: it runs once per unlock."""
        self._done_on: date | None = None
        """The day a backup was taken or found not due after a change: later changes that day ask nothing."""
        self._running = False
        self._again = False
        self._failure_said = False
        self.last: Backup | None = None
        """The backup taken last in this window (tests look at it)."""
        self.restore_action: QAction | None = None
        self.restore_dialog: RestoreDialog | None = None
        """The last restore dialog opened."""
        self._threads: list[threading.Thread] = []
        self._taking: tuple[Future[BackupCopy], VaultSession, date] | None = None
        """The backup being copied: its result to come, the session it is for and its day."""
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_taken)
        context.hub.vault_changed.connect(self._vault_changed)

    def restore(self) -> None:
        """Open File ▸ Restore from a backup… (the damaged-record banner offers it too)."""
        if self.restore_action is not None:
            self.restore_action.trigger()

    def vault_opened(self) -> None:
        """After unlocking (the client list loaded): take the backup if one is overdue."""
        session = self.context.session()
        if session is None or session is self._session:
            return
        self._session = session
        self._done_on = None
        self._running = self._again = False  # a run cut short by locking never reported back
        QTimer.singleShot(self.unlock_delay_ms, self, lambda: self._run_for(session))

    def _run_for(self, session: VaultSession) -> None:
        if self.context.session() is session and not session.keys.is_locked:  # still the same unlock
            self._run()

    def _vault_changed(self, changes: VaultChanges) -> None:
        if changes.empty or self.context.session() is None:
            return
        if self._done_on == self.context.clock().date():
            return
        self._run()

    def _run(self) -> None:
        if self._running:  # a change while one runs: ask once more when it is done
            self._again = True
            return
        session = self.context.session()
        if session is None:
            return
        if not self.context.ops.worker.running:
            return  # the app is closing: a change that came in meanwhile asks for nothing
        self._running = True
        now = self.context.clock()
        self.context.ops.query(lambda s: s.backups.prepare_if_due(now), key=(self, "backup")).success(
            lambda job: self._take(session, now.date(), job)
        ).failure(self._failed).run(quiet=True)

    def _take(self, session: VaultSession, day: date, job: BackupJob | None) -> None:
        if job is None:
            self._finished(day, None)
            return
        backups = session.backups
        taken: Future[BackupCopy] = Future()

        def copy_and_check() -> None:  # on the backup's own thread: no session object, no Qt
            try:
                taken.set_result(backups.take(job))
            except BaseException as exc:
                taken.set_exception(exc)

        thread = threading.Thread(target=copy_and_check, name="automatic backup", daemon=True)
        self._threads = [*(t for t in self._threads if t.is_alive()), thread]
        self._taking = (taken, session, day)
        thread.start()
        self._poll.start()

    def _check_taken(self) -> None:
        if self._taking is None:
            self._poll.stop()
            return
        taken, session, day = self._taking
        if not taken.done():
            return
        self._taking = None
        self._poll.stop()
        if self.context.session() is not session:
            return  # locked meanwhile: the next unlock asks again
        failure = taken.exception()
        if failure is not None:
            self._failed(failure)
            return
        copy = taken.result()
        if not self.context.ops.worker.running:  # the app is closing; the file is checked again later
            log.info("automatic backup copied while the app was closing; not recorded")
            return
        self.context.ops.query(lambda s: s.backups.record(copy), key=(self, "backup")).success(
            lambda backup: self._finished(day, backup)
        ).failure(self._failed).run(quiet=True)

    def wait_for_backup(self, timeout_s: float = QUIT_WAIT_S) -> bool:
        """Wait for a backup being copied and checked (at quit); False when it is still running."""
        for thread in self._threads:
            thread.join(timeout_s)  # one at a time: the service's lock lets only one copy run
        return not any(thread.is_alive() for thread in self._threads)

    def _finished(self, day: date, backup: Backup | None) -> None:
        self._running = False
        if backup is not None:
            self.last = backup
            if backup.verified:
                log.info("automatic backup written and verified")
                self._failure_said = False
            else:
                self._say_failure(
                    self.tr("The automatic backup failed its check and is not counted as good: %1").replace(
                        "%1", backup.problem
                    )
                )
        self._done_on = day if backup is None or backup.verified else None
        self._repeat()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        log.warning("automatic backup failed: %s", type(exc).__name__)
        self._say_failure(
            self.tr("The automatic backup could not be made: %1").replace("%1", describe_error(exc))
        )
        self._done_on = self.context.clock().date()  # not again with every keystroke; tomorrow, or at unlock
        self._again = False

    def _say_failure(self, text: str) -> None:
        if not self._failure_said:
            self._failure_said = True
            self.context.show_status(text)

    def _repeat(self) -> None:
        if self._again:
            self._again = False
            if self._done_on != self.context.clock().date():
                self._run()


def install(window: MainWindow) -> BackupKeeper:
    """Automatic backups for the main window: the keeper (checking at each unlock, once the client list is in)
    and File ▸ Restore from a backup…, placed after "Back up now…"."""
    from PySide6.QtGui import QAction

    keeper = BackupKeeper(window.context)
    window.clients_loaded.connect(keeper.vault_opened)
    application = QCoreApplication.instance()
    if application is not None:
        application.aboutToQuit.connect(keeper.wait_for_backup)
    action = QAction(QCoreApplication.translate("BackupKeeper", "&Restore from a backup…"), window)
    tip = QCoreApplication.translate("BackupKeeper", "Replace the journal with one of its backups")
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.setObjectName("restoreBackupAction")

    def restore() -> None:
        from clientjournal.ui.restore_dialog import open_restore_dialog

        if window.context.session() is not None:
            keeper.restore_dialog = open_restore_dialog(window.context, window.lock_requested.emit)

    action.triggered.connect(lambda _checked=False: restore())
    window.file_actions.insert_after_backup(action)
    keeper.restore_action = action
    return keeper
