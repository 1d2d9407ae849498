"""Autosaved drafts of the entry editor, kept encrypted in the vault (never in a plain file or QSettings).

The drafts themselves are the core's (:mod:`clientjournal.services.drafts`: each sealed with its client's data
key, dropped when the client is deleted). A draft is :meth:`EntryDialog.draft_data` plus ``saved_at``, under
:meth:`EntryDialog.draft_key`. The functions here run on the background worker (they read and write the vault);
the :class:`DraftKeeper` runs on the GUI thread and schedules them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from clientjournal.services.drafts import DRAFT_SETTING, Drafts, latest_draft
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.worker import BackgroundWorker

if TYPE_CHECKING:
    from clientjournal.services.session import VaultSession

log = logging.getLogger(__name__)

__all__ = [
    "AUTOSAVE_MS",
    "DRAFT_SETTING",
    "DraftKeeper",
    "Drafts",
    "drop_draft",
    "latest_draft",
    "read_drafts",
    "store_draft",
]

AUTOSAVE_MS = 3_000


# ---- worker-side: the session's drafts -----------------------------------------------------------------------------


def read_drafts(session: VaultSession) -> Drafts:
    return session.drafts.all()


def store_draft(session: VaultSession, key: str, data: dict[str, Any]) -> None:
    session.drafts.store(key, data)


def drop_draft(session: VaultSession, key: str) -> None:
    session.drafts.drop(key)


# ---- GUI-side: autosave while a dialog is open ---------------------------------------------------------------------


class DraftKeeper(QObject):
    """Saves an open entry dialog's content to the vault every few seconds when it changed, and on demand."""

    def __init__(
        self,
        dialog: EntryDialog,
        session: VaultSession,
        worker: BackgroundWorker,
        now: Callable[[], str],
        *,
        interval_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._session = session
        self._worker = worker
        self._now = now
        self._key = dialog.draft_key()
        self._last: dict[str, Any] | None = dialog.draft_data()  # the untouched form is no draft
        self._stored = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()

    @property
    def key(self) -> str:
        return self._key

    def mark_stored(self, data: dict[str, Any]) -> None:
        """The vault holds ``data`` for this dialog already (it was restored from there)."""
        self._last = dict(data)
        self._stored = True

    def save_now(self) -> None:
        """Store the dialog's content if it changed since the last save (a no-op otherwise)."""
        data = self._dialog.draft_data()
        if data == self._last:
            return
        key = self._dialog.draft_key()
        session = self._session
        if key != self._key and self._stored:  # the user picked another client: move the draft
            old = self._key
            self._worker.run(lambda: drop_draft(session, old), None, self._failed)
        self._key = key
        self._last = data
        self._stored = True
        stamped = {**data, "saved_at": self._now()}
        self._worker.run(lambda: store_draft(session, key, stamped), None, self._failed)

    def forget(self) -> None:
        """Saved or discarded: the draft goes."""
        self.timer.stop()
        session, key = self._session, self._key
        self._worker.run(lambda: drop_draft(session, key), None, self._failed)
        self._last = self._dialog.draft_data()
        self._stored = False

    def stop(self) -> None:
        self.timer.stop()

    @staticmethod
    def _failed(exc: BaseException) -> None:
        log.warning("draft not saved: %s", type(exc).__name__)
