"""The coach: what to say to which client next, through which channel, and why.

UI-free and deterministic. ``suggest`` turns journals and a moment into ranked :class:`Action`
values whose texts come from the playbook resource (English or Norwegian Bokmål); ``draft_message``
fills in the playbook's message template for an action.
"""

from __future__ import annotations

from clientjournal.coach.engine import suggest
from clientjournal.coach.ledger import PromiseLedger, promise_ledger
from clientjournal.coach.playbook import (
    LANGUAGES,
    MessageTemplate,
    Playbook,
    PlaybookError,
    PlaybookStep,
)
from clientjournal.coach.playbook_reader import load_playbook
from clientjournal.coach.render import draft
from clientjournal.coach.steps import current_step
from clientjournal.coach.values import (
    ACTION_SPECS,
    URGENT_THRESHOLD,
    Action,
    CoachState,
    Draft,
    action_key,
)
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.enums import Channel

ACTION_NAMES: tuple[str, ...] = tuple(ACTION_SPECS)


def draft_message(
    action: Action,
    journal: ClientJournal,
    language: str = "en",
    sender_name: str = "",
    *,
    channel: Channel | None = None,
) -> Draft:
    """A message for ``action`` in its channel (or ``channel``) and ``language``, to adapt."""
    return draft(action, journal, load_playbook(language), sender_name, channel)


__all__ = [
    "ACTION_NAMES",
    "LANGUAGES",
    "URGENT_THRESHOLD",
    "Action",
    "CoachState",
    "Draft",
    "MessageTemplate",
    "Playbook",
    "PlaybookError",
    "PlaybookStep",
    "PromiseLedger",
    "action_key",
    "current_step",
    "draft_message",
    "load_playbook",
    "promise_ledger",
    "suggest",
]
