"""Mood tags: the default set every vault starts with, each with a valence and a colour."""

from __future__ import annotations

from dataclasses import dataclass

from clientjournal.domain.enums import Valence


@dataclass(frozen=True, slots=True)
class MoodTag:
    name: str
    valence: Valence
    colour: str
    """A CSS hex colour such as ``#2e7d32``; chosen to stay readable on light and dark backgrounds."""
    intensity: int = 1
    """1 for mild, 2 for strong emotions (strong negative ones call for a live conversation)."""


DEFAULT_MOODS: tuple[MoodTag, ...] = (
    MoodTag("enthusiastic", Valence.POSITIVE, "#2e9d5b", 2),
    MoodTag("satisfied", Valence.POSITIVE, "#5cb85c"),
    MoodTag("calm", Valence.POSITIVE, "#4a9fd8"),
    MoodTag("neutral", Valence.NEUTRAL, "#9e9e9e"),
    MoodTag("uncertain", Valence.NEGATIVE, "#e0b000"),
    MoodTag("anxious", Valence.NEGATIVE, "#f08c00"),
    MoodTag("frustrated", Valence.NEGATIVE, "#e8590c", 2),
    MoodTag("angry", Valence.NEGATIVE, "#d62828", 2),
)

DEFAULT_MOODS_BY_NAME: dict[str, MoodTag] = {mood.name: mood for mood in DEFAULT_MOODS}


def mood_score(names: tuple[str, ...], catalogue: dict[str, MoodTag] | None = None) -> float | None:
    """The mean valence of the tags an entry carries, or None when it carries none known."""
    known = catalogue if catalogue is not None else DEFAULT_MOODS_BY_NAME
    scores = [known[name].valence.score * known[name].intensity for name in names if name in known]
    if not scores:
        return None
    return sum(scores) / len(scores)
