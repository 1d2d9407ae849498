"""Custom item-data roles shared by the models and their delegates."""

from __future__ import annotations

from PySide6.QtCore import Qt

_BASE = int(Qt.ItemDataRole.UserRole)

ClientRole = _BASE + 1
"""The :class:`~clientjournal.domain.Client` of a client row (None on the "All clients" row)."""
ClientIdRole = _BASE + 2
ArchivedRole = _BASE + 3
IsAllRole = _BASE + 4
SearchTextRole = _BASE + 5
SubtitleRole = _BASE + 6
EntryRole = _BASE + 10
MoodNamesRole = _BASE + 11
MoodColoursRole = _BASE + 12
"""A list of ``#rrggbb`` strings, one per known mood tag of the entry."""
MoodColourRole = _BASE + 30
"""The ``#rrggbb`` colour of a client's current mood (latest entry with mood tags), or None."""
DueCountRole = _BASE + 31
"""How many coach actions are due today or overdue for a client (0 when none or not computed yet)."""
