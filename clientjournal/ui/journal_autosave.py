"""The journal editor's autosaves of its open entry dialogs: offered when a dialog opens, kept over a lock.

:class:`DialogAutosaves` gives each entry dialog the editor opens an :class:`~clientjournal.ui.autosave.AutosaveKeeper`,
offers a stored autosave of the same entry, forgets the autosave once the dialog is saved or discarded, and keeps
it when the vault locks. After unlocking it reopens the newest stored autosave in the dialog it was made in
(:func:`~clientjournal.ui.entry_linked.reopened_dialog`: a coach "Log it" dialog comes back as one, its save
marking the same entries told). Autosaves are the core's, sealed with the client's key
(:mod:`clientjournal.services.autosave`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from clientjournal.services.changes import VaultChanges
from clientjournal.ui.autosave import AUTOSAVE_MS, AutosaveKeeper
from clientjournal.ui.entry_linked import reopened_dialog

if TYPE_CHECKING:
    from clientjournal.domain import Entry, Project
    from clientjournal.ui.context import WindowContext
    from clientjournal.ui.entry_dialog import EntryDialog

log = logging.getLogger(__name__)

Reopen = Callable[["EntryDialog", dict[str, Any]], None]
"""Opens a dialog rebuilt after unlocking, filled from the autosave (the editor's open with ``restored``)."""


class DialogAutosaves(QObject):
    """The autosaves of the editor's open entry dialogs, and the one brought back after unlocking."""

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._open: dict[EntryDialog, AutosaveKeeper] = {}
        self.restore_pending = True
        """Whether the next listing of the clients (after unlocking) reopens the newest autosave."""

    def watch(
        self, dialog: EntryDialog, restored: dict[str, Any] | None = None, *, interval_ms: int = AUTOSAVE_MS
    ) -> None:
        """Open ``dialog`` and autosave it every ``interval_ms``; fill it from ``restored`` (after unlocking) or
        offer a stored autosave of the same entry."""
        keeper = AutosaveKeeper(
            dialog,
            self.context.ops,
            lambda: self.context.clock().isoformat(),
            interval_ms=interval_ms,
        )
        self._open[dialog] = keeper
        dialog.finished.connect(lambda _result: self._finished(dialog))
        dialog.autosave_discarded.connect(lambda: self._discard_offered(dialog))
        dialog.autosave_restored.connect(keeper.save_now)
        dialog.open()
        if restored is not None:
            dialog.show_restored(restored)
            keeper.mark_stored(dialog.autosave_data())
            return
        self.context.ops.query(lambda s: s.autosave.all()).success(
            lambda autosaves: self._offer(dialog, autosaves)
        ).failure(_autosave_error).run()

    def save_now(self, dialog: EntryDialog) -> None:
        """Store what ``dialog`` holds now (its save failed: what the user typed is safe in the vault as well)."""
        keeper = self._open.get(dialog)
        if keeper is not None:
            keeper.save_now()

    def _offer(self, dialog: EntryDialog, autosaves: dict[str, dict[str, Any]]) -> None:
        if dialog not in self._open or not dialog.isVisible():
            return
        found = autosaves.get(dialog.autosave_key())
        if found is not None:
            dialog.offer_autosave(found, str(found.get("saved_at", "")))

    def _discard_offered(self, dialog: EntryDialog) -> None:
        keeper = self._open.get(dialog)
        if keeper is None or self.context.session() is None:
            return
        key = dialog.autosave_key()
        # Autosaves show nowhere but in their dialog: nothing to announce.
        self.context.ops.change(lambda s: s.autosave.drop(key), VaultChanges()).failure(_autosave_error).run()
        keeper.mark_stored(dialog.autosave_data())

    def _finished(self, dialog: EntryDialog) -> None:
        keeper = self._open.pop(dialog, None)
        if keeper is not None:
            if dialog.keep_autosave:
                keeper.stop()  # the vault is locking; the autosave was stored and comes back after unlock
            else:
                keeper.forget()  # saved, or discarded by the user
        dialog.deleteLater()

    # ---- locking and unlocking -----------------------------------------------------------------------------------

    def keep_and_close(self) -> None:
        """The vault locks: store each open dialog's autosave, then close the dialog keeping it."""
        for dialog, keeper in list(self._open.items()):
            keeper.save_now()
            dialog.keep_autosave = True
            dialog.done(QDialog.DialogCode.Rejected)
        self.restore_pending = True

    def restore(self, reopen: Reopen) -> None:
        """After unlocking, once the clients are listed: reopen the entry dialog of the newest stored autosave."""
        session = self.context.session()
        if not self.restore_pending or session is None:
            return
        self.restore_pending = False
        known = {c.id for c in self.context.clients()}

        def job() -> tuple[dict[str, Any], Entry | None, list[Project]] | None:
            found = session.autosave.latest()
            if found is None:
                return None
            _key, data = found
            client_id = str(data.get("client_id"))
            if client_id not in known:
                return None
            entry_id = data.get("entry_id")
            entry = None
            if entry_id:
                entry = session.journal.find_entry(client_id, str(entry_id))
                if entry is None:
                    return None  # the entry is gone: nothing to edit any more
            return data, entry, session.journal.list_projects(client_id)

        self.context.ops.query(lambda _session: job()).success(
            lambda found: self._reopen(found, reopen)
        ).failure(_autosave_error).run()

    def _reopen(
        self, found: tuple[dict[str, Any], Entry | None, list[Project]] | None, reopen: Reopen
    ) -> None:
        if found is None or self.context.session() is None or self._open:
            return
        data, entry, projects = found
        dialog = reopened_dialog(
            data,
            self.context.clock,
            self.context.clients(),
            projects=projects,
            entry=entry,
            parent=self.context.parent,
        )
        reopen(dialog, data)


def _autosave_error(exc: BaseException) -> None:
    log.warning("autosaves not readable: %s", type(exc).__name__)
