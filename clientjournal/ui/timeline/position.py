"""Keeping the timeline's place: the current entry and the top row, across a new index, filter or grouping.

An entry is kept by its key, (client id, entry id), since its row changes whenever the rows are rebuilt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from clientjournal.ui.models.timeline import Column

if TYPE_CHECKING:
    from clientjournal.ui.models.timeline import TimelineModel

EntryKey = tuple[str, str]
"""(client id, entry id)."""


def current_key(view: QTableView, model: TimelineModel) -> EntryKey | None:
    """The key of the current entry, if the current row is one."""
    entry = model.entry_at(view.currentIndex().row())
    return (entry.client_id, entry.id) if entry is not None else None


def top_key(view: QTableView, model: TimelineModel) -> EntryKey | None:
    """The key of the entry in the view's top row, if it is one."""
    top = view.rowAt(0)
    entry = model.entry_at(top) if top >= 0 else None
    return (entry.client_id, entry.id) if entry is not None else None


def select_row(view: QTableView, model: TimelineModel, row: int) -> None:
    """Make ``row`` the current, selected row and scroll it into view."""
    index = model.index(row, Column.TEXT)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(index, flags)
    view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)


def restore_place(
    view: QTableView, model: TimelineModel, current: EntryKey | None, top: EntryKey | None
) -> None:
    """Select the ``current`` entry again if it is still shown, else scroll the ``top`` one (or the start) up."""
    if current is not None:
        row = model.row_of(current[1], current[0])
        if row >= 0:
            select_row(view, model, row)
            return
    if top is not None:
        row = model.row_of(top[1], top[0])
        if row >= 0:
            view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
            return
    view.scrollToTop()
