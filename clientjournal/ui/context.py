"""What the main window's helpers (journal editor, client manager, coach) get instead of the window itself.

A :class:`WindowContext` holds the session access, the worker and its operations, the clock, the settings, the
change hub, the preferences notifier and the few window actions helpers call. It is built by the main window
and handed down, so no helper imports the window or reaches into its private attributes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QSettings
    from PySide6.QtWidgets import QWidget

    from clientjournal.domain import Client
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Clock
    from clientjournal.ui.operations import ChangeHub, Operations
    from clientjournal.ui.preferences import PreferencesNotifier
    from clientjournal.ui.worker import BackgroundWorker


@dataclass(frozen=True, eq=False)
class WindowContext:
    session: Callable[[], VaultSession | None]
    """The open session, or None while the vault is locked."""
    worker: BackgroundWorker
    ops: Operations
    hub: ChangeHub
    clock: Clock
    settings: QSettings | None
    preferences: PreferencesNotifier
    parent: QWidget
    """The window: the parent of dialogs and message boxes."""
    clients: Callable[[], list[Client]]
    """The clients the window lists (all of them, archived ones too)."""
    current_client: Callable[[], Client | None]
    showing_archived: Callable[[], bool]
    """Whether the client list shows archived clients too."""
    select_next: Callable[[str | None], None]
    """Select this client (None: all clients) when the list is read again after the change being made."""
    edit_entry_at: Callable[[QModelIndex], object]
    """Open the entry dialog for the timeline row at this index."""
    show_entry: Callable[[str, str], None]
    """(client id, entry id): select that entry in the timeline, switching client when needed."""
    show_status: Callable[[str], None]
    """A short message in the status bar."""
