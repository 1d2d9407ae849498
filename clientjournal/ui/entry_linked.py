"""The entry dialog whose save also marks other entries told: the coach's "Log it" on a "tell the client" card.

A :class:`LinkedEntryDialog` carries a follow-up, :class:`MarkTold`, which the journal editor runs on the worker
right after the save; the save's one undo step undoes and redoes what the follow-up changed (the setback's "told"
mark) with it. The follow-up is plain data — the ids of the entries it marks told — so the dialog's autosave holds
it (under :data:`MARK_TOLD`), and a dialog the vault locked under comes back after unlocking as the same dialog
(:func:`reopened_dialog`), its save marking the same entries told.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clientjournal.ui.entry_dialog import EntryDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from clientjournal.domain import Client, Entry, Project
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Clock

Linked = tuple["Entry", "Entry"]
"""Another entry a save changed: as it was before and as it was stored."""

MARK_TOLD = "mark_told"
"""The autosave field of a :class:`LinkedEntryDialog`: the ids of the entries its save marks told."""


@dataclass(frozen=True)
class MarkTold:
    """The follow-up of logging a "tell the client" conversation: the client's setbacks and solved problems among
    ``entry_ids`` are marked told at the logged entry's time (the logged entry itself never is)."""

    client_id: str
    entry_ids: tuple[str, ...]

    def __call__(self, session: VaultSession, logged: Entry) -> list[Linked]:
        """Runs on the worker right after the save (given the stored entry); gives the entries it changed."""
        return session.coaching.tell_logged(self.client_id, self.entry_ids, logged)


class LinkedEntryDialog(EntryDialog):
    """An entry dialog whose save also marks other entries told (``follow_up``), in the same undo step."""

    def __init__(self, *args: Any, follow_up: MarkTold, **kwargs: Any) -> None:
        # Set first: the entry dialog reads autosave_data() while it is built (the form as it was opened).
        self.follow_up = follow_up
        self.marks_told = follow_up.entry_ids  # an autosave apart from the client's plain new entry
        super().__init__(*args, **kwargs)

    def autosave_data(self) -> dict[str, Any]:
        """The form's autosave, and which entries the save marks told (ids only: their text stays where it is)."""
        return {**super().autosave_data(), MARK_TOLD: list(self.follow_up.entry_ids)}


def reopened_dialog(
    data: Mapping[str, Any],
    clock: Clock,
    clients: Sequence[Client],
    *,
    projects: Sequence[Project],
    entry: Entry | None,
    parent: QWidget | None,
) -> EntryDialog:
    """The dialog the autosave ``data`` was made in, to restore it into after unlocking: a "Log it" dialog again
    (with its follow-up, and only its client to choose, as it was opened) when the autosave says what it marks told.
    """
    client_id = str(data.get("client_id"))
    marks = data.get(MARK_TOLD)
    if isinstance(marks, list) and all(isinstance(entry_id, str) for entry_id in marks):
        return LinkedEntryDialog(
            clock,
            [client for client in clients if client.id == client_id],
            follow_up=MarkTold(client_id, tuple(marks)),
            client_id=client_id,
            projects=projects,
            entry=entry,
            parent=parent,
        )
    return EntryDialog(clock, clients, client_id=client_id, projects=projects, entry=entry, parent=parent)
