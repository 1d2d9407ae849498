"""Qt item models over already-decrypted domain objects (loaded by the background worker)."""

from clientjournal.ui.models.clients import ClientFilterProxy, ClientListModel
from clientjournal.ui.models.timeline import TimelineModel

__all__ = ["ClientFilterProxy", "ClientListModel", "TimelineModel"]
