"""The timeline's item model; it lives in :mod:`clientjournal.ui.models.timeline` with the other models."""

from __future__ import annotations

from clientjournal.ui.models.timeline import (
    Column,
    GroupCountRole,
    GroupRole,
    IsHeaderRole,
    TimelineModel,
)

__all__ = ["Column", "GroupCountRole", "GroupRole", "IsHeaderRole", "TimelineModel"]
