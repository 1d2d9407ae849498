"""The main window's middle pane: the shown client's title above the journal timeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from clientjournal.ui.journal_header import JournalHeader
from clientjournal.ui.models.timeline import Column
from clientjournal.ui.timeline.panel import TimelinePanel

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from clientjournal.domain import Client
    from clientjournal.services.vault import Clock
    from clientjournal.ui.operations import Operations


class JournalPane(QFrame):
    """The title (the journal search beside it) and the timeline panel; what they are for is the window's."""

    def __init__(self, ops: Operations, parent: QWidget, *, settings: QSettings | None, clock: Clock) -> None:
        super().__init__(parent)
        self.setObjectName("journalPane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 10, 10)
        layout.setSpacing(6)
        self.header = JournalHeader(self)
        layout.addLayout(self.header)
        # The timeline (clientjournal/ui/timeline): search, filters, mood-trend chart, grouped table.
        self.timeline_panel = TimelinePanel(ops, self, settings=settings, clock=clock)
        self.timeline_panel.place_search(self.header)  # the journal search sits right of the title
        layout.addWidget(self.timeline_panel, 1)

    def show_client(
        self, client_id: str | None, client: Client | None, names: Mapping[str, str], subject: str
    ) -> None:
        """Title the pane and load the timeline of one client (all of them for None); the panel's ``loaded``
        follows. ``names`` name each entry's client; ``subject`` names whose moods the trend chart shows."""
        self.header.show_client(client)
        self.timeline_panel.view.setColumnHidden(Column.CLIENT, client_id is not None)
        self.timeline_panel.show_scope(client_id, names, subject)
