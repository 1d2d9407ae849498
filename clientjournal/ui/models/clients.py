"""The client list: one optional "All clients" row, then the clients in name order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from clientjournal.ui.models.roles import (
    ArchivedRole,
    ClientIdRole,
    ClientRole,
    DueCountRole,
    IsAllRole,
    MoodColourRole,
    SearchTextRole,
    SubtitleRole,
)

if TYPE_CHECKING:
    from clientjournal.domain import Client

ClientStatus = tuple[str | None, int]
"""A client's current mood colour (or None) and how many actions the coach lists for it (all projects)."""

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole


class ClientListModel(QAbstractListModel):
    def __init__(self, parent: Any = None, *, with_all_row: bool = True) -> None:
        super().__init__(parent)
        self._with_all = with_all_row
        self._loaded = False
        self._clients: list[Client] = []
        self._search: list[str] = []
        self._status: dict[str, ClientStatus] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # ---- content -------------------------------------------------------------------------------------------------

    def set_clients(self, clients: Sequence[Client]) -> None:
        self._reset(clients, loaded=True)

    def clear(self) -> None:
        """No rows at all, not even "All clients" (used when the vault locks)."""
        self._status = {}
        self._reset((), loaded=False)

    def set_status(self, statuses: dict[str, ClientStatus]) -> None:
        """Mood colours and due counts for some clients (computed in the background after loading)."""
        self._status.update(statuses)
        rows = [self.row_of(client_id) for client_id in statuses]
        rows = [row for row in rows if row >= 0]
        if rows:
            roles = [MoodColourRole, DueCountRole, int(_Role.AccessibleTextRole), int(_Role.ToolTipRole)]
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), 0), roles)

    def status_of(self, client_id: str) -> ClientStatus:
        return self._status.get(client_id, (None, 0))

    def _reset(self, clients: Sequence[Client], *, loaded: bool) -> None:
        self.beginResetModel()
        self._loaded = loaded
        self._clients = list(clients)
        self._search = [
            " ".join((c.name, c.company, c.email, " ".join(c.tags))).casefold() for c in self._clients
        ]
        self.endResetModel()

    def clients(self) -> list[Client]:
        return list(self._clients)

    def client_at(self, row: int) -> Client | None:
        offset = row - self._offset
        return self._clients[offset] if 0 <= offset < len(self._clients) else None

    def row_of(self, client_id: str | None) -> int:
        if client_id is None:
            return 0 if self._offset else -1
        for row, client in enumerate(self._clients):
            if client.id == client_id:
                return row + self._offset
        return -1

    @property
    def _offset(self) -> int:
        return 1 if self._with_all and self._loaded else 0

    # ---- Qt model ------------------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return len(self._clients) + self._offset

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = index.row()
        if self._offset and row == 0:
            return self._all_row(role)
        offset = row - self._offset
        if not 0 <= offset < len(self._clients):
            return None
        client = self._clients[offset]
        if role in (_Role.DisplayRole, _Role.EditRole):
            return client.name
        if role == SubtitleRole:
            return client.company or client.email
        if role == _Role.ToolTipRole:
            details = [part for part in (client.company, client.email, client.phone) if part]
            due = self.status_of(client.id)[1]
            if due:
                details.append(self._due_text(due))
            return "\n".join([client.name, *details])
        if role == _Role.AccessibleTextRole:
            parts = [client.name]
            if client.company:
                parts.append(client.company)
            if client.archived:
                parts.append(self.tr("archived"))
            due = self.status_of(client.id)[1]
            if due:
                parts.append(self._due_text(due))
            return ", ".join(parts)
        if role == MoodColourRole:
            return self.status_of(client.id)[0]
        if role == DueCountRole:
            return self.status_of(client.id)[1]
        if role == _Role.FontRole and client.archived:
            return self._italic
        if role == ClientRole:
            return client
        if role == ClientIdRole:
            return client.id
        if role == ArchivedRole:
            return client.archived
        if role == IsAllRole:
            return False
        if role == SearchTextRole:
            return self._search[offset]
        return None

    def _due_text(self, count: int) -> str:
        return self.tr("%n suggested actions", "", count)

    def _all_row(self, role: int) -> Any:
        if role in (_Role.DisplayRole, _Role.EditRole, _Role.AccessibleTextRole):
            return self.tr("All clients")
        if role == SubtitleRole:
            return self.tr("Every journal, newest first")
        if role == _Role.ToolTipRole:
            return self.tr("The journal of every client, newest first")
        if role == _Role.FontRole:
            return self._bold
        if role == IsAllRole:
            return True
        if role == ArchivedRole:
            return False
        if role == SearchTextRole:
            return ""
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                ClientRole: QByteArray(b"client"),
                ClientIdRole: QByteArray(b"clientId"),
                ArchivedRole: QByteArray(b"archived"),
                IsAllRole: QByteArray(b"isAll"),
                SubtitleRole: QByteArray(b"subtitle"),
            }
        )
        return names


class ClientFilterProxy(QSortFilterProxyModel):
    """Search as you type (name, company, email, tags) and hide archived clients unless asked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._show_archived = False

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_archived(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_archived = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if model.data(index, IsAllRole):
            return True
        if not self._show_archived and model.data(index, ArchivedRole):
            return False
        if not self._words:
            return True
        haystack = model.data(index, SearchTextRole) or ""
        return all(word in haystack for word in self._words)
