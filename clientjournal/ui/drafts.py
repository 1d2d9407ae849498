"""Autosaved drafts of the entry editor, kept encrypted in the vault (never in a plain file or QSettings).

All drafts live in one vault setting, ``draft``: ``{"version": 1, "items": {key: draft}}`` where ``key`` is
``"<client id>|<entry id or empty>"`` and a draft is :meth:`EntryDialog.draft_data` plus ``saved_at``. The
functions here run on the background worker (they read and write the vault); the :class:`DraftKeeper` runs on
the GUI thread and schedules them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.worker import BackgroundWorker

if TYPE_CHECKING:
    from clientjournal.services.session import VaultSession

log = logging.getLogger(__name__)

DRAFT_SETTING = "draft"
AUTOSAVE_MS = 3_000

Drafts = dict[str, dict[str, Any]]


# ---- worker-side: read and write the vault setting ---------------------------------------------------------------


def read_drafts(session: VaultSession) -> Drafts:
    raw = session.settings.read(DRAFT_SETTING)
    if not isinstance(raw, dict) or not isinstance(raw.get("items"), dict):
        return {}
    return {str(k): v for k, v in raw["items"].items() if isinstance(v, dict)}


def _write(session: VaultSession, drafts: Drafts) -> None:
    session.settings.write(DRAFT_SETTING, {"version": 1, "items": drafts} if drafts else None)


def store_draft(session: VaultSession, key: str, data: dict[str, Any]) -> None:
    drafts = read_drafts(session)
    drafts[key] = data
    _write(session, drafts)


def drop_draft(session: VaultSession, key: str) -> None:
    drafts = read_drafts(session)
    if drafts.pop(key, None) is not None:
        _write(session, drafts)


def drop_client_drafts(session: VaultSession, client_id: str) -> None:
    drafts = read_drafts(session)
    kept = {k: v for k, v in drafts.items() if not k.startswith(f"{client_id}|")}
    if kept != drafts:
        _write(session, kept)


def latest_draft(drafts: Drafts) -> tuple[str, dict[str, Any]] | None:
    if not drafts:
        return None
    key = max(drafts, key=lambda k: str(drafts[k].get("saved_at", "")))
    return key, drafts[key]


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
