"""Qt item models over already-decrypted domain objects (loaded by the background worker)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientjournal.ui.models.clients import ClientFilterProxy, ClientListModel
    from clientjournal.ui.models.timeline import TimelineModel

__all__ = ["ClientFilterProxy", "ClientListModel", "TimelineModel"]


def __getattr__(name: str) -> object:
    # The models (and the timeline logic under them) load when first used, not with the unlock dialog, which
    # imports this package through the delegates' roles: start-up time counts (the first window must come within 1.3x an empty one).
    if name in ("ClientFilterProxy", "ClientListModel"):
        from clientjournal.ui.models import clients

        return getattr(clients, name)
    if name == "TimelineModel":
        from clientjournal.ui.models.timeline import TimelineModel

        return TimelineModel
    raise AttributeError(name)
