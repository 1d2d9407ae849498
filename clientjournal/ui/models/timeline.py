"""The timeline as a flat table: a header row for each day, week or month, then its entries, newest first.

The model keeps a :class:`~clientjournal.services.timeline.index.TimelineIndex` (decrypted entries plus precomputed
search and filter columns) and one list of ints for what is shown: a row number of the index for an entry, or
``~n`` for the header of group ``n``. Filtering or regrouping rebuilds that list with list comprehensions and
resets the model; no Qt object exists per row, and cell text is computed only when a view asks, so a
:class:`QTableView` that paints only its visible rows stays fast with 100,000 entries.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME
from clientjournal.services.timeline.index import Group, Grouping, TimelineFilter, TimelineIndex
from clientjournal.services.unreadable import UnreadableEntry
from clientjournal.ui.models.roles import ClientIdRole, EntryRole, MoodColoursRole, MoodNamesRole
from clientjournal.ui.models.timeline_text import Column, TimelineTexts

if TYPE_CHECKING:
    from clientjournal.domain import Entry, MoodTag

__all__ = ["NO_MOOD_COLOUR", "Column", "GroupCountRole", "GroupRole", "IsHeaderRole", "TimelineModel"]

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole
NO_MOOD_COLOUR = "#9e9e9e"
"""A tag the catalogue does not know (any more) shows in grey."""

_BASE = int(Qt.ItemDataRole.UserRole)
IsHeaderRole = _BASE + 60
"""True on a group header row."""
GroupRole = _BASE + 61
"""The :class:`~clientjournal.services.timeline.index.Group` of a header row."""
GroupCountRole = _BASE + 62
"""The header's "14 entries" text."""


_COLUMNS = len(Column)
_DISPLAY = int(_Role.DisplayRole)
_TOOLTIP = int(_Role.ToolTipRole)
_ACCESSIBLE = int(_Role.AccessibleTextRole)
_FONT = int(_Role.FontRole)
_ENTRY_ROLES = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        _ACCESSIBLE,
        _FONT,
        EntryRole,
        ClientIdRole,
        MoodNamesRole,
        MoodColoursRole,
        IsHeaderRole,
    }
)
_HEADER_ROLES = frozenset({_DISPLAY, _ACCESSIBLE, IsHeaderRole, GroupRole, GroupCountRole})
_ENTRY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_HEADER_FLAGS = Qt.ItemFlag.NoItemFlags


class TimelineModel(QAbstractTableModel):
    def __init__(self, parent: Any = None, moods: Mapping[str, MoodTag] | None = None) -> None:
        super().__init__(parent)
        self._index = TimelineIndex()
        self._client_names: Mapping[str, str] = {}
        self._moods = moods if moods is not None else DEFAULT_MOODS_BY_NAME
        self._filter = TimelineFilter()
        self._grouping = Grouping.DAY
        self._matching: list[int] = []
        self._groups: list[Group] = []
        self._rows: list[int] = []
        self._header_rows: list[int] = []
        """The display row of each group's header, ascending (for finding the group of a row)."""
        self.texts = TimelineTexts()
        """What the cells say (shown names looked up once, not per cell)."""
        self._colour_cache: dict[tuple[str, ...], list[str]] = {}
        self._plain_groups: tuple[tuple[int, int, Grouping], list[Group]] | None = None
        self._moods_of_groups: dict[int, float | None] = {}
        self._unreadable: tuple[tuple[int, int], int] = ((0, -1), 0)

    # ---- content -------------------------------------------------------------------------------------------------

    def set_index(self, index: TimelineIndex, client_names: Mapping[str, str]) -> None:
        """Show ``index`` (newest first) with the current filter and grouping."""
        self._index = index
        self._client_names = client_names
        self.refresh()

    def set_moods(self, moods: Mapping[str, MoodTag]) -> None:
        """Colour mood chips from ``moods`` (the vault's catalogue: the defaults and the user's own tags)."""
        if moods != self._moods:
            self._moods = moods
            self._colour_cache.clear()
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, Column.WHEN), self.index(len(self._rows) - 1, Column.MOODS)
                )

    @property
    def moods(self) -> Mapping[str, MoodTag]:
        return self._moods

    def set_entries(self, entries: Sequence[Entry], client_names: Mapping[str, str]) -> None:
        """Build an index of ``entries`` here (small sets; the app builds big ones on its worker)."""
        self.set_index(TimelineIndex.of(entries, self._moods), dict(client_names))

    def set_filter(self, flt: TimelineFilter, matching: list[int] | None = None) -> None:
        """Show what passes ``flt``; ``matching`` are its rows when already worked out (see :meth:`plan`)."""
        if flt == self._filter and matching is None:
            return
        if matching is None:
            criteria, rows = self.plan(flt)
            matching = self._index.matching(criteria, rows)
        self._filter = flt
        self.refresh(matching)

    def plan(self, flt: TimelineFilter) -> tuple[TimelineFilter, list[int] | None]:
        """What to match to go from the current filter to ``flt``: while the user types on, the new matches
        are among the current ones, so only those need searching (rows None: every row)."""
        old = self._filter
        narrower = replace(old, query="") == replace(flt, query="") and flt.query.startswith(old.query)
        if narrower and old.query.strip():
            return TimelineFilter(query=flt.query), self._matching
        return flt, None

    def set_grouping(self, grouping: Grouping) -> None:
        if grouping is not self._grouping:
            self._grouping = grouping
            self.texts.set_grouping(grouping)
            self.refresh()

    def clear(self) -> None:
        """Drop every entry (the vault locked); keeps the grouping, resets the filter."""
        self._filter = TimelineFilter()
        self.set_index(TimelineIndex(), {})

    def refresh(self, matching: list[int] | None = None) -> None:
        """Filter and group again (after the index or the criteria changed)."""
        if matching is None:
            matching = self._index.matching(self._filter)
        key = (id(self._index), len(self._index), self._grouping)
        everything = len(matching) == len(self._index)  # no filter, or one that every entry passes
        cached = self._plain_groups if everything else None
        if cached is not None and cached[0] == key:
            groups = cached[1]  # the same rows as last time: no need to regroup
        else:
            groups = self._index.group(matching, self._grouping, with_mood=False)
            if everything:
                self._plain_groups = (key, groups)
        rows: list[int] = []
        headers: list[int] = []
        for number, group in enumerate(groups):
            headers.append(len(rows))
            rows.append(~number)
            rows.extend(matching[group.first : group.first + group.count])
        self.beginResetModel()
        self._matching, self._groups, self._rows, self._header_rows = matching, groups, rows, headers
        self._moods_of_groups = {}
        self.endResetModel()

    # ---- queries -------------------------------------------------------------------------------------------------

    @property
    def index_data(self) -> TimelineIndex:
        return self._index

    @property
    def filter(self) -> TimelineFilter:
        return self._filter

    @property
    def grouping(self) -> Grouping:
        return self._grouping

    @property
    def matching_rows(self) -> list[int]:
        return self._matching

    @property
    def client_names(self) -> Mapping[str, str]:
        return self._client_names

    def groups(self) -> list[Group]:
        return list(self._groups)

    def mood_of(self, group: Group) -> float | None:
        """The mean mood of a shown group's entries (worked out when its header is first painted)."""
        if group.first not in self._moods_of_groups:
            rows = self._matching[group.first : group.first + group.count]
            self._moods_of_groups[group.first] = self._index.group_mood(rows)
        return self._moods_of_groups[group.first]

    def entry_count(self) -> int:
        """Entries shown (after filtering)."""
        return len(self._matching)

    def total_count(self) -> int:
        """Entries loaded (before filtering)."""
        return len(self._index)

    def is_header(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row] < 0

    def group_at(self, row: int) -> Group | None:
        """The group a row (header or entry) belongs to."""
        position = bisect.bisect_right(self._header_rows, row) - 1
        return self._groups[position] if 0 <= position < len(self._groups) and row < len(self._rows) else None

    def entry_at(self, row: int) -> Entry | None:
        if not 0 <= row < len(self._rows):
            return None
        value = self._rows[row]
        return self._index.entry(value) if value >= 0 else None

    def editable_entry_at(self, row: int) -> Entry | None:
        """:meth:`entry_at`, but None for an entry that cannot be read (there is nothing to edit)."""
        entry = self.entry_at(row)
        return None if isinstance(entry, UnreadableEntry) else entry

    def row_of(self, entry_id: str, client_id: str | None = None) -> int:
        for row, value in enumerate(self._rows):
            if value >= 0:
                entry = self._index.entry(value)
                if entry.id == entry_id and (client_id is None or entry.client_id == client_id):
                    return row
        return -1

    def first_entry_row(self) -> int:
        return next((row for row, value in enumerate(self._rows) if value >= 0), -1)

    # ---- formatting (clientjournal.ui.models.timeline_text) ----------------------------------------------------

    def when_samples(self) -> list[str]:
        return self.texts.when_samples()

    def kind_texts(self, *, with_promise_states: bool = True) -> list[str]:
        return self.texts.kind_texts(with_promise_states=with_promise_states)

    def channel_texts(self) -> list[str]:
        return self.texts.channel_texts()

    def mood_names(self) -> list[str]:
        """The mood tags the catalogue knows, defaults and the user's own."""
        return list(self._moods)

    def period_title(self, group: Group) -> str:
        return self.texts.period_title(group)

    def count_text(self, count: int) -> str:
        return self.tr("%n entries", "", count)

    def forget_labels(self) -> None:
        """Look the shown names up again (the language changed)."""
        self.texts.forget()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, _COLUMNS - 1))

    def _colours(self, entry: Entry) -> list[str]:
        colours = self._colour_cache.get(entry.moods)
        if colours is None:
            # One colour per tag, in order: a tag no longer in the catalogue is grey, not skipped.
            colours = [
                self._moods[name].colour if name in self._moods else NO_MOOD_COLOUR for name in entry.moods
            ]
            self._colour_cache[entry.moods] = colours
        return list(colours)

    # ---- Qt model ------------------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows) or self._rows[row] < 0:
            return _HEADER_FLAGS  # keyboard navigation and selection skip group headers
        return _ENTRY_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != _Role.DisplayRole:
            return None
        titles = {
            Column.WHEN: self.tr("When"),
            Column.CLIENT: self.tr("Client"),
            Column.KIND: self.tr("Kind"),
            Column.MOODS: self.tr("Mood"),
            Column.TEXT: self.tr("Entry"),
            Column.CHANNEL: self.tr("Channel"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell while painting: cheap tests first.
        if role not in _ENTRY_ROLES and role not in _HEADER_ROLES:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows) or not 0 <= column < _COLUMNS:  # an invalid index has row -1
            return None
        value = self._rows[row]
        if value < 0:
            return self._header_data(self._groups[~value], column, role)
        if role not in _ENTRY_ROLES:
            return None
        entry = self._index.entries[value]
        if isinstance(entry, UnreadableEntry):
            return self._unreadable_data(entry, column, role)
        if role == _DISPLAY:
            return self.texts.cell(entry, Column(column), self._client_names)
        if role == MoodColoursRole:
            return self._colours(entry)
        if role == MoodNamesRole:
            return list(entry.moods)
        if role == _TOOLTIP:
            return self.texts.tooltip(entry, Column(column))
        if role == _ACCESSIBLE:
            return self.texts.accessible(entry, self._client_names)
        if role == EntryRole:
            return entry
        if role == ClientIdRole:
            return entry.client_id
        if role == IsHeaderRole:
            return False
        return None

    def _unreadable_data(self, entry: UnreadableEntry, column: int, role: int) -> Any:
        """A row saying the entry cannot be read; no entry to edit or delete (EntryRole is None)."""
        if role == _DISPLAY:
            return self.texts.unreadable_cell(entry, Column(column), self._client_names)
        if role == _TOOLTIP:
            return self.texts.unreadable_tooltip()
        if role == _ACCESSIBLE:
            return self.texts.unreadable_accessible(entry)
        if role == _FONT:
            font = QFont()
            font.setItalic(True)
            return font
        if role == ClientIdRole:
            return entry.client_id
        if role == IsHeaderRole:
            return False
        return None

    def unreadable_count(self) -> int:
        """How many loaded entries cannot be read (stand-ins, shown as such)."""
        key = (id(self._index), len(self._index))
        if self._unreadable[0] != key:
            self._unreadable = (key, sum(1 for e in self._index.entries if isinstance(e, UnreadableEntry)))
        return self._unreadable[1]

    def _header_data(self, group: Group, column: int, role: int) -> Any:
        if role == IsHeaderRole:
            return True
        if role == GroupRole:
            return group
        if role in (_DISPLAY, _ACCESSIBLE):
            if column != Column.WHEN:
                return ""
            title = self.period_title(group)
            return title if role == _DISPLAY else f"{title}, {self.count_text(group.count)}"
        if role == GroupCountRole:
            return self.count_text(group.count)
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                EntryRole: QByteArray(b"entry"),
                ClientIdRole: QByteArray(b"clientId"),
                MoodNamesRole: QByteArray(b"moods"),
                MoodColoursRole: QByteArray(b"moodColours"),
                IsHeaderRole: QByteArray(b"isHeader"),
                GroupRole: QByteArray(b"group"),
            }
        )
        return names
