"""Jumping from a coach reason to the journal entry it is based on, in the main window's timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex
from PySide6.QtWidgets import QAbstractItemView

from clientjournal.ui.models.roles import EntryRole

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QStatusBar


class _Window(Protocol):
    """What :func:`reveal_entry` needs of the main window."""

    timeline_view: QAbstractItemView
    timeline_loaded: SignalInstance

    def current_client_id(self) -> str | None: ...
    def select_client(self, client_id: str | None) -> None: ...
    def statusBar(self) -> QStatusBar: ...


def index_of_entry(model: QAbstractItemModel, client_id: str, entry_id: str) -> QModelIndex:
    """The first-column index of the entry in ``model`` (flat, proxied or grouped in a tree), or invalid.

    Entry ids are unique per client only, so the client must match too. A flat model that offers
    ``row_of(entry_id)`` is asked directly; otherwise the model is searched through ``EntryRole``.
    """
    row_of = getattr(model, "row_of", None)
    if callable(row_of) and model.rowCount(model.index(0, 0)) == 0:
        try:
            row = row_of(entry_id, client_id)
        except TypeError:  # a model whose row_of takes the entry id only
            row = row_of(entry_id)
        if isinstance(row, int) and row >= 0:
            index = model.index(row, 0)
            entry = index.data(EntryRole)
            if entry is not None and entry.client_id == client_id:
                return index
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            entry = index.data(EntryRole)
            if entry is not None and getattr(entry, "id", None) == entry_id and entry.client_id == client_id:
                return index
            if model.rowCount(index) > 0:
                pending.append(index)
    return QModelIndex()


def select_entry(view: QAbstractItemView, client_id: str, entry_id: str) -> bool:
    """Select and scroll to the entry in ``view``; False when the view does not show it."""
    model = view.model()
    if model is None:
        return False
    index = index_of_entry(model, client_id, entry_id)
    if not index.isValid():
        return False
    view.setCurrentIndex(index)
    view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
    return True


def reveal_entry(window: _Window, client_id: str, entry_id: str) -> None:
    """Show the entry in the timeline, switching to its client first when another one is shown."""
    view = window.timeline_view
    shown = window.current_client_id()
    if shown is None or shown == client_id:
        if not select_entry(view, client_id, entry_id):
            _not_shown(window)
        return

    def loaded() -> None:
        window.timeline_loaded.disconnect(loaded)
        if not select_entry(view, client_id, entry_id):
            _not_shown(window)

    window.timeline_loaded.connect(loaded)
    window.select_client(client_id)


def _not_shown(window: _Window) -> None:
    window.statusBar().showMessage(
        QCoreApplication.translate(
            "CoachNavigation", "That entry is not in the timeline as it is filtered now."
        ),
        5000,
    )
