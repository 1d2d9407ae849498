"""Plain domain types of ClientJournal: no I/O, no Qt, no storage."""

from clientjournal.domain.entities import (
    Client,
    ClientJournal,
    Entry,
    Project,
    Promise,
)
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus, Valence
from clientjournal.domain.moods import DEFAULT_MOODS, MoodTag

__all__ = [
    "DEFAULT_MOODS",
    "Channel",
    "Client",
    "ClientJournal",
    "Entry",
    "EntryKind",
    "MoodTag",
    "Project",
    "ProjectStatus",
    "Promise",
    "PromiseStatus",
    "Valence",
]
