"""The entry editor's autosaved entries, kept encrypted in the vault (never in a plain file or QSettings).

The autosaves themselves are the core's (:mod:`clientjournal.services.autosave`: each sealed with its client's data
key, dropped when the client is deleted). An autosave is :meth:`EntryDialog.autosave_data` plus ``saved_at``, under
:meth:`EntryDialog.autosave_key` (a coach "Log it" dialog adds the ids of the entries its save marks told, see
:mod:`clientjournal.ui.entry_linked`). The functions here run on the background worker (they read and write the vault);
the :class:`AutosaveKeeper` runs on the GUI thread and schedules them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from clientjournal.services.autosave import AUTOSAVE_SETTING, Autosaves, latest_autosave
from clientjournal.services.changes import VaultChanges
from clientjournal.ui.entry_dialog import EntryDialog

if TYPE_CHECKING:
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.operations import Operations

log = logging.getLogger(__name__)

__all__ = [
    "AUTOSAVE_MS",
    "AUTOSAVE_SETTING",
    "AutosaveKeeper",
    "Autosaves",
    "drop_autosave",
    "latest_autosave",
    "read_autosaves",
    "store_autosave",
]

AUTOSAVE_MS = 3_000


# ---- worker-side: the session's autosaves -----------------------------------------------------------------------------


def read_autosaves(session: VaultSession) -> Autosaves:
    return session.autosave.all()


def store_autosave(session: VaultSession, key: str, data: dict[str, Any]) -> None:
    session.autosave.store(key, data)


def drop_autosave(session: VaultSession, key: str) -> None:
    session.autosave.drop(key)


# ---- GUI-side: autosave while a dialog is open ---------------------------------------------------------------------


class AutosaveKeeper(QObject):
    """Saves an open entry dialog's content to the vault every few seconds when it changed, and on demand."""

    def __init__(
        self,
        dialog: EntryDialog,
        ops: Operations,
        now: Callable[[], str],
        *,
        interval_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._ops = ops
        self._now = now
        self._key = dialog.autosave_key()
        self._last: dict[str, Any] | None = dialog.autosave_data()  # the untouched form is no autosave
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
        data = self._dialog.autosave_data()
        if data == self._last:
            return
        key = self._dialog.autosave_key()
        if key != self._key and self._stored:  # the user picked another client: move the autosave
            old = self._key
            self._write(lambda session: drop_autosave(session, old))
        self._key = key
        self._last = data
        self._stored = True
        stamped = {**data, "saved_at": self._now()}
        self._write(lambda session: store_autosave(session, key, stamped))

    def forget(self) -> None:
        """Saved or discarded: the autosave goes."""
        self.timer.stop()
        key = self._key
        self._write(lambda session: drop_autosave(session, key))
        self._last = self._dialog.autosave_data()
        self._stored = False

    def stop(self) -> None:
        self.timer.stop()

    def _write(self, call: Callable[[VaultSession], None]) -> None:
        # Autosaves show nowhere, so the write announces no change; a failure is logged, never shown.
        self._ops.change(call, VaultChanges()).failure(self._failed).run()

    @staticmethod
    def _failed(exc: BaseException) -> None:
        log.warning("autosave not saved: %s", type(exc).__name__)
