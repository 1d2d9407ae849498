"""The journal timeline: entries newest first, one row each, in a table that views can show lazily.

The model holds already-decrypted :class:`~clientjournal.domain.Entry` values in a list and computes cell
text only when a view asks, so a view that paints only its visible rows (QTreeView/QTableView with uniform
row heights) stays fast however many entries are loaded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)

from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME
from clientjournal.ui.labels import channel_label, kind_label, mood_label, promise_status_label
from clientjournal.ui.models.roles import ClientIdRole, EntryRole, MoodColoursRole, MoodNamesRole

if TYPE_CHECKING:
    from clientjournal.domain import Entry, MoodTag

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole
_TEXT_PREVIEW = 240
_TOOLTIP_TEXT = 1_000


class Column(IntEnum):
    WHEN = 0
    CLIENT = 1
    KIND = 2
    MOODS = 3
    TEXT = 4


class TimelineModel(QAbstractTableModel):
    def __init__(self, parent: Any = None, moods: Mapping[str, MoodTag] | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._client_names: Mapping[str, str] = {}
        self._moods = moods if moods is not None else DEFAULT_MOODS_BY_NAME
        self._locale = QLocale()

    # ---- content -------------------------------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[Entry], client_names: Mapping[str, str]) -> None:
        """Replace the rows; ``entries`` must already be newest first."""
        self.beginResetModel()
        self._entries = list(entries)
        self._client_names = dict(client_names)
        self.endResetModel()

    def clear(self) -> None:
        self.set_entries((), {})

    def entry_at(self, row: int) -> Entry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, entry_id: str) -> int:
        return next((row for row, e in enumerate(self._entries) if e.id == entry_id), -1)

    # ---- formatting ----------------------------------------------------------------------------------------------

    def _when(self, moment: datetime) -> str:
        day = QDate(moment.year, moment.month, moment.day)
        clock = QTime(moment.hour, moment.minute)
        return (
            self._locale.toString(day, "ddd d MMM yyyy")
            + "  "
            + self._locale.toString(clock, QLocale.FormatType.ShortFormat)
        )

    def _kind(self, entry: Entry) -> str:
        text = kind_label(entry.kind)
        if entry.promise is not None:
            text += " · " + promise_status_label(entry.promise.status)
        return text

    def _colours(self, entry: Entry) -> list[str]:
        return [self._moods[name].colour for name in entry.moods if name in self._moods]

    # ---- Qt model ------------------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != _Role.DisplayRole:
            return None
        titles = {
            Column.WHEN: self.tr("When"),
            Column.CLIENT: self.tr("Client"),
            Column.KIND: self.tr("Kind"),
            Column.MOODS: self.tr("Mood"),
            Column.TEXT: self.tr("Entry"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._entries) or not 0 <= column < len(Column):
            return None
        entry = self._entries[row]
        if role == _Role.DisplayRole:
            return self._display(entry, Column(column))
        if role == _Role.ToolTipRole:
            return self._tooltip(entry, Column(column))
        if role == _Role.AccessibleTextRole:
            return self._accessible(entry)
        if role == EntryRole:
            return entry
        if role == ClientIdRole:
            return entry.client_id
        if role == MoodNamesRole:
            return list(entry.moods)
        if role == MoodColoursRole:
            return self._colours(entry)
        return None

    def _display(self, entry: Entry, column: Column) -> str:
        if column is Column.WHEN:
            return self._when(entry.occurred_at)
        if column is Column.CLIENT:
            return self._client_names.get(entry.client_id, "")
        if column is Column.KIND:
            return self._kind(entry)
        if column is Column.MOODS:
            return ", ".join(mood_label(name) for name in entry.moods)
        first_line = entry.text.strip().split("\n", 1)[0]
        return first_line[:_TEXT_PREVIEW]

    def _tooltip(self, entry: Entry, column: Column) -> str | None:
        if column is Column.TEXT and entry.text:
            text = entry.text.strip()
            return text if len(text) <= _TOOLTIP_TEXT else text[:_TOOLTIP_TEXT] + "…"
        if column is Column.KIND:
            parts = [self._kind(entry)]
            if entry.channel is not None:
                parts.append(self.tr("via %1").replace("%1", channel_label(entry.channel)))
            if entry.promise is not None:
                parts.append(self.tr("due %1").replace("%1", entry.promise.due_on.isoformat()))
            return "\n".join(parts)
        return None

    def _accessible(self, entry: Entry) -> str:
        parts = [self._when(entry.occurred_at)]
        name = self._client_names.get(entry.client_id)
        if name:
            parts.append(name)
        parts.append(self._kind(entry))
        if entry.moods:
            parts.append(self.tr("mood: %1").replace("%1", ", ".join(mood_label(n) for n in entry.moods)))
        parts.append(entry.text.strip().split("\n", 1)[0][:_TEXT_PREVIEW])
        return "; ".join(parts)

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                EntryRole: QByteArray(b"entry"),
                ClientIdRole: QByteArray(b"clientId"),
                MoodNamesRole: QByteArray(b"moods"),
                MoodColoursRole: QByteArray(b"moodColours"),
            }
        )
        return names
