"""The eight-step playbook as data: the steps, the actions' texts and the phrases of one language.

A playbook holds every text the coach shows: the steps (name, purpose, checklist, a message template
per channel), the title and reason of every action (plus optional action-specific templates, and
for some the reason and talking points for a strongly upset client), and the small phrases the
reasons are built from. It is read from ``resources/playbook/<language>.json`` and checked by
:mod:`clientjournal.coach.playbook_reader`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from clientjournal.domain.enums import Channel
from clientjournal.errors import ClientJournalError

LANGUAGES = ("en", "nb")


class PlaybookError(ClientJournalError):
    """A playbook file that cannot be used; ``problems`` lists each one with its JSON path."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("the playbook is invalid: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class MessageTemplate:
    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class PlaybookStep:
    number: int
    name: str
    purpose: str
    checklist: tuple[str, ...]
    templates: Mapping[Channel, MessageTemplate]


@dataclass(frozen=True, slots=True)
class ListenFirst:
    """An action's texts for a strongly upset client: hear them out first, then bring the news."""

    reason: str
    """The reason shown instead of the usual one."""
    points: str
    """Talking points (one per line) that open the draft of a live channel, before the template's own."""


@dataclass(frozen=True, slots=True)
class ActionTexts:
    name: str
    step: int
    title: str
    reason: str
    templates: Mapping[Channel, MessageTemplate]
    """Templates for this action when the step's own do not fit; empty or one per channel."""
    also: str = ""
    """The reason, as one sentence added to another action's card when this one joins it."""
    listen_first: ListenFirst | None = None
    """The texts to use when the client is strongly upset (required for the actions of
    :data:`~clientjournal.coach.playbook_reader.LISTEN_FIRST_ACTIONS`)."""


@dataclass(frozen=True, slots=True)
class Playbook:
    language: str
    language_name: str
    steps: tuple[PlaybookStep, ...]
    """Steps 1 to 8, in order."""
    actions: Mapping[str, ActionTexts]
    channels: Mapping[Channel, str]
    moods: Mapping[str, str]
    phrases: Mapping[str, str]
    months: tuple[str, ...]
    date_format: str
    day_one: str
    day_other: str
    ago_today: str = "today"
    ago_yesterday: str = "yesterday"
    ago_other: str = "{n} days ago"
    in_one: str = "tomorrow"
    in_other: str = "in {n} days"

    def step(self, number: int) -> PlaybookStep:
        return self.steps[number - 1]

    def phrase(self, key: str) -> str:
        return self.phrases.get(key, key)

    def format_date(self, day: date) -> str:
        return self.date_format.format(day=day.day, month=self.months[day.month - 1], year=day.year)

    def format_days(self, count: int) -> str:
        return (self.day_one if abs(count) == 1 else self.day_other).format(n=count)

    def format_ago(self, count: int) -> str:
        """How long ago, in words: "today", "yesterday", "3 days ago"."""
        if count == 0:
            return self.ago_today
        if count == 1:
            return self.ago_yesterday
        return self.ago_other.format(n=count)

    def format_due_in(self, count: int) -> str:
        """How soon, in words: "tomorrow", "in 3 days"."""
        return self.in_one if count == 1 else self.in_other.format(n=count)

    def mood_name(self, name: str) -> str:
        return self.moods.get(name, name)

    def template(self, action: str, channel: Channel) -> MessageTemplate:
        texts = self.actions[action]
        own = texts.templates.get(channel)
        return own if own is not None else self.step(texts.step).templates[channel]


def normalize_language(language: str) -> str:
    """``en``/``nb`` from forms such as ``nb_NO``, ``nb-NO``, ``no`` or ``EN``."""
    code = language.replace("_", "-").split("-")[0].lower()
    code = {"no": "nb", "nn": "nb"}.get(code, code)
    if code not in LANGUAGES:
        raise PlaybookError([f"no playbook for language {language!r} (have: {', '.join(LANGUAGES)})"])
    return code
