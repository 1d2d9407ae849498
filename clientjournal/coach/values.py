"""The coach's value types: what a rule finds, what the user sees, and what the user has put aside.

A rule produces :class:`Finding` values (language-free facts). The engine ranks them and renders
each into an :class:`Action` whose ``title`` and ``reason`` come from the playbook in the requested
language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from clientjournal.domain.enums import Channel

URGENT_THRESHOLD = 50.0
"""At or above this priority an action is urgent (act today); a calm, up-to-date client has none."""


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """What the engine knows about an action name: its step and how much it weighs."""

    name: str
    step: int
    base: float
    """The priority before the due date and the client's mood are taken into account."""
    ceiling: float | None = None
    """An upper bound for actions that are worth doing but never urgent."""
    emotional: bool = False
    """Whether a client who is strongly upset right now makes this action weigh more."""


ACTION_SPECS: Mapping[str, ActionSpec] = {
    spec.name: spec
    for spec in (
        ActionSpec("kickoff_talk", 1, 30.0),
        ActionSpec("agree_channel_cadence", 1, 25.0, ceiling=45.0),
        ActionSpec("progress_update_due", 2, 25.0, ceiling=49.0, emotional=True),
        ActionSpec("progress_update_overdue", 2, 50.0, emotional=True),
        ActionSpec("discuss_change_request", 3, 35.0),
        ActionSpec("mirror_feelings", 4, 40.0, emotional=True),
        ActionSpec("tell_setback", 5, 55.0, emotional=True),
        ActionSpec("promise_due_soon", 6, 30.0, emotional=True),
        ActionSpec("promise_due_today", 6, 40.0, emotional=True),
        ActionSpec("promise_overdue", 6, 60.0, emotional=True),
        ActionSpec("promise_at_risk", 6, 45.0, emotional=True),
        ActionSpec("confirm_promise", 6, 30.0),
        ActionSpec("deliver_early", 7, 10.0, ceiling=20.0),
        ActionSpec("highlight_delivery", 7, 20.0, ceiling=45.0),
        ActionSpec("explain_solved_problem", 8, 30.0, ceiling=49.0),
    )
}
"""Every action the engine can emit. The playbook must have texts for each of them."""


@dataclass(frozen=True, slots=True)
class PhraseRef:
    """A placeholder value that is a playbook phrase (so it is translated), e.g. tone advice."""

    key: str


@dataclass(frozen=True, slots=True)
class MoodNames:
    """Mood tag names, shown translated where the playbook knows them."""

    names: tuple[str, ...]


FieldValue = str | int | date | Channel | PhraseRef | MoodNames
"""What a rule may put into a placeholder. ``int`` values are always a number of days."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule noticed about one client, before ranking and rendering."""

    client: str
    project: str | None
    action: str
    channel: Channel
    due_on: date | None
    evidence: tuple[str, ...]
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    merged: tuple[Finding, ...] = ()
    """Findings about the same conversation folded into this one, the cause (see :mod:`~clientjournal.coach.merge`)."""
    listen_first: bool = False
    """The client is strongly upset right now: the conversation goes through a live channel and opens by hearing
    them out before the news (the playbook's ``listen_first`` texts for the action)."""

    @property
    def key(self) -> str:
        """The cause's own key: a card keeps its identity (and its snooze) when a symptom joins or leaves it."""
        return action_key(self.client, self.project, self.action, self.evidence)

    @property
    def all_evidence(self) -> tuple[str, ...]:
        """Every entry the card is based on: the cause's, then each merged finding's, without repeats."""
        seen = dict.fromkeys(self.evidence)
        for other in self.merged:
            seen.update(dict.fromkeys(other.evidence))
        return tuple(seen)


def action_key(client: str, project: str | None, action: str, evidence: tuple[str, ...]) -> str:
    """A stable identity for snoozing and dismissing: the same situation always gives the same key.

    It changes when the evidence changes (a new progress update starts a new "update due" action).
    """
    return "|".join((client, project if project is not None else "-", action, ",".join(evidence)))


@dataclass(frozen=True, slots=True)
class Action:
    """A next communication step suggested to the user."""

    client: str
    project: str | None
    step: int
    action: str
    title: str
    reason: str
    channel: Channel
    due_on: date | None
    priority: float
    evidence: tuple[str, ...]
    key: str
    merged: tuple[str, ...] = ()
    """The actions folded into this one because they are the same conversation (e.g. ``mirror_feelings`` in a
    ``discuss_change_request``); their reasons follow the cause's in ``reason``, their evidence is in ``evidence``."""
    reasons: tuple[str, ...] = ()
    """``reason`` in parts: the cause's, then one per merged action (in the order of ``merged``)."""
    facts: tuple[tuple[str, FieldValue], ...] = ()
    """The journal's words and dates behind the texts (what was promised, the setback, ...), for drafts."""
    listen_first: bool = False
    """The client is strongly upset right now: ``reason`` says to let them speak first, and a live channel's
    draft opens with that (see :attr:`Finding.listen_first`)."""

    @property
    def is_urgent(self) -> bool:
        return self.priority >= URGENT_THRESHOLD

    def fact(self, name: str) -> FieldValue | None:
        return next((value for key, value in self.facts if key == name), None)

    def to_json(self) -> dict[str, object]:
        return {
            "client": self.client,
            "project": self.project,
            "step": self.step,
            "action": self.action,
            "title": self.title,
            "reason": self.reason,
            "channel": self.channel.value,
            "due_on": self.due_on.isoformat() if self.due_on is not None else None,
            "priority": self.priority,
            "evidence": list(self.evidence),
            "key": self.key,
        }


@dataclass(frozen=True, slots=True)
class CoachState:
    """What the user put aside: snoozed keys (hidden until a date) and dismissed ones (gone)."""

    snoozed: Mapping[str, date] = field(default_factory=dict, hash=False)
    dismissed: frozenset[str] = frozenset()

    def hides(self, key: str, today: date) -> bool:
        """Snoozed until D means hidden before D and shown again on D."""
        if key in self.dismissed:
            return True
        until = self.snoozed.get(key)
        return until is not None and today < until

    def snooze(self, key: str, until: date) -> CoachState:
        return replace(self, snoozed={**self.snoozed, key: until})

    def dismiss(self, key: str) -> CoachState:
        return replace(self, dismissed=self.dismissed | {key})


@dataclass(frozen=True, slots=True)
class Draft:
    """A message the user can send or adapt; for live channels the body lists talking points."""

    subject: str
    body: str
    channel: Channel
