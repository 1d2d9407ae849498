"""The closed vocabularies of the journal. Values are the stable names used in files."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    VIDEO = "video"
    MEETING = "meeting"
    MESSAGE = "message"
    OTHER = "other"

    @property
    def is_live(self) -> bool:
        """A conversation in real time, where tone and reactions can be read."""
        return self in (Channel.PHONE, Channel.VIDEO, Channel.MEETING)


class EntryKind(StrEnum):
    NOTE = "note"
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    MESSAGE = "message"
    CONTRACT_SIGNED = "contract_signed"
    PROGRESS_UPDATE = "progress_update"
    CHANGE_REQUEST = "change_request"
    CHANGE_AGREED = "change_agreed"
    SETBACK = "setback"
    PROMISE = "promise"
    DELIVERY = "delivery"
    PROBLEM_SOLVED = "problem_solved"

    @property
    def is_contact(self) -> bool:
        """Whether an entry of this kind records talking with the client (not a private note)."""
        return self is not EntryKind.NOTE


class ProjectStatus(StrEnum):
    ACTIVE = "active"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class PromiseStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    KEPT_EARLY = "kept_early"
    BROKEN = "broken"

    @property
    def is_resolved(self) -> bool:
        return self is not PromiseStatus.OPEN


class Valence(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"

    @property
    def score(self) -> int:
        return _VALENCE_SCORES[self]


_VALENCE_SCORES = {Valence.POSITIVE: 1, Valence.NEUTRAL: 0, Valence.NEGATIVE: -1}
