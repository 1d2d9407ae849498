"""The coach's actions as a Qt list model, shared by the client's action cards and the "Today" list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from clientjournal.coach import Action
from clientjournal.ui.coach.data import due_state
from clientjournal.ui.dates import day_month
from clientjournal.ui.labels import channel_label

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole
_BASE = int(_Role.UserRole) + 40

ActionRole = _BASE + 1
"""The :class:`~clientjournal.coach.Action` of a row."""
ActionKeyRole = _BASE + 2
ClientIdRole = _BASE + 3
ClientNameRole = _BASE + 4
StepRole = _BASE + 5
ChannelTextRole = _BASE + 6
DueTextRole = _BASE + 7
DueStateRole = _BASE + 8
"""``overdue``, ``today``, ``soon``, ``later`` or ``none`` (see :func:`data.due_state`)."""
UrgentRole = _BASE + 9
ReasonRole = _BASE + 10


class ActionListModel(QAbstractListModel):
    """Ranked actions, one row each, in the order the engine gave them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._actions: list[Action] = []
        self._names: Mapping[str, str] = {}
        self._today = date.min
        self._locale = QLocale()

    # ---- content -------------------------------------------------------------------------------------------------

    def set_actions(
        self, actions: Sequence[Action], today: date, names: Mapping[str, str] | None = None
    ) -> None:
        self.beginResetModel()
        self._actions = list(actions)
        self._today = today
        self._names = dict(names or {})
        self.endResetModel()

    def clear(self) -> None:
        self.set_actions((), date.min)

    def actions(self) -> list[Action]:
        return list(self._actions)

    def action_at(self, row: int) -> Action | None:
        return self._actions[row] if 0 <= row < len(self._actions) else None

    def row_of(self, key: str) -> int:
        return next((row for row, a in enumerate(self._actions) if a.key == key), -1)

    # ---- formatting ----------------------------------------------------------------------------------------------

    def due_text(self, action: Action) -> str:
        if action.due_on is None:
            return ""
        left = (action.due_on - self._today).days
        if left < -1:
            return self.tr("Overdue by %1 days").replace("%1", str(-left))
        if left == -1:
            return self.tr("Overdue since yesterday")
        if left == 0:
            return self.tr("Due today")
        if left == 1:
            return self.tr("Due tomorrow")
        if left <= 6:
            return self.tr("Due in %1 days").replace("%1", str(left))
        return self.tr("Due %1").replace("%1", day_month(self._locale, action.due_on))

    def _accessible(self, action: Action) -> str:
        parts = []
        name = self._names.get(action.client)
        if name:
            parts.append(name)
        parts += [
            action.title,
            self.tr("step %1").replace("%1", str(action.step)),
            channel_label(action.channel),
        ]
        due = self.due_text(action)
        if due:
            parts.append(due)
        return ", ".join(parts)

    # ---- Qt model ------------------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._actions)

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or index.column() != 0:
            return None
        action = self.action_at(index.row())
        if action is None:
            return None
        if role in (_Role.DisplayRole, _Role.EditRole):
            return action.title
        if role in (_Role.ToolTipRole, ReasonRole):
            return action.reason
        if role == _Role.AccessibleTextRole:
            return self._accessible(action)
        values: dict[int, Any] = {
            ActionRole: action,
            ActionKeyRole: action.key,
            ClientIdRole: action.client,
            ClientNameRole: self._names.get(action.client, ""),
            StepRole: action.step,
            ChannelTextRole: channel_label(action.channel),
            DueTextRole: self.due_text(action),
            DueStateRole: due_state(action, self._today),
            UrgentRole: action.is_urgent,
        }
        return values.get(role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                ActionRole: QByteArray(b"action"),
                ActionKeyRole: QByteArray(b"key"),
                ClientIdRole: QByteArray(b"clientId"),
                ClientNameRole: QByteArray(b"clientName"),
                StepRole: QByteArray(b"step"),
                ChannelTextRole: QByteArray(b"channel"),
                DueTextRole: QByteArray(b"due"),
                DueStateRole: QByteArray(b"dueState"),
                UrgentRole: QByteArray(b"urgent"),
                ReasonRole: QByteArray(b"reason"),
            }
        )
        return names
