"""What to put in a client summary: the audience, the report's options, and one client's material.

What each audience sees is described in :mod:`~clientjournal.reports.section`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from clientjournal.coach import Action
from clientjournal.coach.playbook import LANGUAGES
from clientjournal.domain import ClientJournal
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag
from clientjournal.errors import ValidationError

__all__ = ["Audience", "ClientMaterial", "ReportOptions"]


class Audience(StrEnum):
    SELF = "self"
    """For my records: everything."""
    CLIENT = "client"
    """For the client: nothing about moods, temperament, private notes or the coach."""


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What to put in a report. ``clients`` are ids (or exact names), in the order their sections appear."""

    clients: tuple[str, ...]
    audience: Audience = Audience.SELF
    language: str | None = None
    """``en`` or ``nb`` for every section; None: each client's own language (see :func:`client_language`)."""
    user_language: str = "en"
    """The language of the sections of clients who have none of their own: the user's (unknown: English)."""
    start: date | None = None
    """The first day of the period (inclusive); None: from the first entry."""
    end: date | None = None
    """The last day of the period (inclusive); None: up to the last entry."""
    include_private: bool = False
    """Show private notes (entries without a channel); never in a report for the client."""
    mask_contacts: bool = False
    confidential: bool = False
    """Print "Confidential" in every page's footer."""
    author: str = ""
    """The PDF's author; empty: "ClientJournal"."""

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "audience", Audience(self.audience))  # "client" from a combo box is fine
        except ValueError:
            raise ValidationError(f"no such audience: {self.audience!r}") from None
        object.__setattr__(self, "clients", tuple(self.clients))
        if not self.clients:
            raise ValidationError("a report needs at least one client")
        if self.language is not None and self.language not in LANGUAGES:
            raise ValidationError(
                f"no report texts for language {self.language!r} (have: {', '.join(LANGUAGES)})"
            )
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValidationError("the period starts after it ends")

    @property
    def private_notes(self) -> bool:
        return self.include_private and self.audience is Audience.SELF

    def covers(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ClientMaterial:
    """One client's section before layout: the journal and what the coach made of it at ``now``."""

    journal: ClientJournal
    language: str
    steps: Mapping[str, int] = field(default_factory=dict)
    """The playbook step of each project (cancelled ones have none)."""
    actions: tuple[Action, ...] = ()
    """The coach's ranked actions (empty for a report for the client)."""
    moods: Mapping[str, MoodTag] = field(default_factory=lambda: dict(DEFAULT_MOODS_BY_NAME))
    """The vault's mood catalogue (the default tags and the user's own)."""
