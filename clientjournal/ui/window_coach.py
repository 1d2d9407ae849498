"""The main window's coach slot: the fixed dock on its right holding the coach sidebar, wired to the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

if TYPE_CHECKING:
    from clientjournal.ui.coach import CoachSidebar
    from clientjournal.ui.mainwindow import MainWindow


def install(window: MainWindow, title: str) -> tuple[QDockWidget, CoachSidebar]:
    """Dock the coach on the window's right; it follows the shown client and opens clients and entries there."""
    dock = QDockWidget(title, window)
    dock.setObjectName("coachSlot")
    dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
    from clientjournal.ui.coach import CoachSidebar

    coach = CoachSidebar(window.context.ops, window.context.clock, lambda: window.session, parent=dock)
    # The editor (undo stack, autosaved entries) is built after this slot, hence the late lookup.
    coach.entry_dialog_opener = lambda dialog: window.editor.open_entry_dialog(dialog)  # noqa: PLW0108

    def edit_client(client_id: str) -> None:
        window.select_client(client_id)
        window.edit_client()

    coach.client_activated.connect(window.select_client)
    coach.evidence_activated.connect(window.show_entry)
    coach.edit_client_requested.connect(edit_client)
    window.timeline_loaded.connect(lambda: coach.show_client(window.current_client_id()))
    dock.setWidget(coach)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [360], Qt.Orientation.Horizontal)
    return dock, coach
