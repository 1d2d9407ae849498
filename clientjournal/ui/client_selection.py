"""Which client the main window's client list has selected, and selecting one there by its id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel

from clientjournal.ui.models.roles import ClientIdRole, IsAllRole

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractItemView

    from clientjournal.ui.models import ClientFilterProxy, ClientListModel


def select_client_row(
    view: QAbstractItemView, clients: ClientListModel, shown: ClientFilterProxy, client_id: str | None
) -> bool:
    """Make the client (None: "All clients", or the first row) current and scroll to it; True if it already was,
    in which case no ``currentChanged`` follows."""
    source_row = max(clients.row_of(client_id), 0)
    index = shown.mapFromSource(clients.index(source_row, 0))
    if not index.isValid():
        index = shown.index(0, 0)
    unchanged = index == view.currentIndex()
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.scrollTo(index)
    return unchanged


def selected_client_id(view: QAbstractItemView) -> str | None:
    """The selected client's id; None for "All clients" or no selection."""
    index = view.currentIndex()
    if not index.isValid() or index.data(IsAllRole):
        return None
    client_id = index.data(ClientIdRole)
    return str(client_id) if client_id is not None else None
