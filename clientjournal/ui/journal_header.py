"""The title above the timeline: the client's name, and a line of what to keep in mind (company, preferred
channel, how often they get updates, archived)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clientjournal.ui.labels import channel_label

if TYPE_CHECKING:
    from clientjournal.domain import Client


class JournalHeader(QHBoxLayout):
    """A row with the title and subtitle on the left; the timeline puts its search box at the right end."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__()
        self.title = QLabel(parent)
        self.title.setObjectName("journalTitle")
        self.subtitle = QLabel(parent)
        self.subtitle.setObjectName("journalSubtitle")
        for label in (self.title, self.subtitle):
            label.setIndent(0)
        self.subtitle.setWordWrap(True)  # a long subtitle wraps rather than widen the journal pane
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        self.addLayout(titles, 1)

    def show_client(self, client: Client | None) -> None:
        """The client's name and details, or the all-clients title for None."""
        if client is None:
            self.title.setText(QCoreApplication.translate("MainWindow", "All clients"))
            self.subtitle.setText(QCoreApplication.translate("MainWindow", "Every journal, newest first"))
            return
        self.title.setText(client.name)
        details = [client.company] if client.company else []
        if client.preferred_channel is not None:
            details.append(preference_text(client.preferred_channel))
        if client.update_every_days:
            details.append(self.tr("updates every %n days", "", client.update_every_days))
        if client.archived:
            details.append(QCoreApplication.translate("MainWindow", "archived"))
        self.subtitle.setText("  ·  ".join(details))

    def clear(self) -> None:
        self.title.clear()
        self.subtitle.clear()


def preference_text(channel: str) -> str:
    """ "prefers phone calls" and the like, for the client's preferred channel."""
    # Whole phrases rather than a lowercased channel name: the noun's form differs by language and word.
    phrases = {
        "email": QCoreApplication.translate("MainWindow", "prefers email"),
        "phone": QCoreApplication.translate("MainWindow", "prefers phone calls"),
        "video": QCoreApplication.translate("MainWindow", "prefers video calls"),
        "meeting": QCoreApplication.translate("MainWindow", "prefers meeting in person"),
        "message": QCoreApplication.translate("MainWindow", "prefers messages"),
        "other": QCoreApplication.translate("MainWindow", "prefers another channel"),
    }
    # A channel added later without its phrase still shows, if less elegantly.
    return phrases.get(channel) or QCoreApplication.translate("MainWindow", "prefers %1").replace(
        "%1", channel_label(channel)
    )
