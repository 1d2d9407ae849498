"""Step 1, kick-off with enthusiasm: a signed contract gets a kick-off talk, and every client an
agreed channel and update rhythm.

* ``kickoff_talk``: an active project whose contract is at most 30 days old, with no kick-off since.
  A kick-off is any later live contact about the project or the client as a whole (call, meeting,
  video; see :func:`~clientjournal.coach.facts.is_live_contact`), or an explicit progress update. The
  signing itself does not count: it is where the enthusiasm starts, the talk is where it becomes a plan.
  Nor does a setback the client has not been told about, whatever its channel says: the entry dialog
  pre-fills the client's channel, so a live channel on it is no conversation. Due three days after the
  contract; suggested through a live channel.
* ``agree_channel_cadence``: a client with an active project but no preferred channel or no update
  rhythm on their card. Due three days after the earliest active contract (today when there is
  none). Asked through the preferred channel, else the channel of the latest contact that was not a
  meeting, else email (a phone without an email address: a call).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from clientjournal.coach.facts import (
    JournalView,
    Start,
    contract_start,
    entry_channel,
    is_contact,
    is_live_contact,
    since_start,
)
from clientjournal.coach.feelings import live_channel, preferred_channel
from clientjournal.coach.values import Finding, PhraseRef
from clientjournal.domain.entities import Project
from clientjournal.domain.enums import Channel, EntryKind

KICKOFF_WITHIN_DAYS = 3
KICKOFF_RELEVANT_DAYS = 30


def find(view: JournalView) -> Iterator[Finding]:
    yield from _channel_and_cadence(view)
    for project in view.active_projects():
        start = contract_start(view, project)
        if start is None or view.age(start.day) > KICKOFF_RELEVANT_DAYS:
            continue
        if not kicked_off(view, project, start):
            yield Finding(
                client=view.client.id,
                project=project.id,
                action="kickoff_talk",
                channel=live_channel(view.client),
                due_on=start.day + timedelta(days=KICKOFF_WITHIN_DAYS),
                evidence=(start.entry.id,) if start.entry is not None else (),
                fields={"entry_on": start.day, "days": view.age(start.day)},
            )


def kicked_off(view: JournalView, project: Project, start: Start) -> bool:
    for entry in since_start(view, project, start):
        if entry.kind is EntryKind.PROGRESS_UPDATE:
            return True
        if is_live_contact(entry):
            return True
    return False


def _channel_and_cadence(view: JournalView) -> Iterator[Finding]:
    client = view.client
    has_channel = client.preferred_channel is not None
    has_cadence = client.update_every_days is not None and client.update_every_days > 0
    active = view.active_projects()
    if not active or (has_channel and has_cadence):
        return
    starts = [s for s in (contract_start(view, p) for p in active) if s is not None]
    first = min(starts, key=lambda s: s.day) if starts else None
    missing = "missing_cadence" if has_channel else "missing_channel" if has_cadence else "missing_both"
    # Asked the way the client last got in touch, unless that was a meeting: nobody arranges one for a question.
    channels = [entry_channel(entry) for entry in view.entries if is_contact(entry)]
    last_channel = next((c for c in reversed(channels) if c is not None and c is not Channel.MEETING), None)
    yield Finding(
        client=client.id,
        project=None,
        action="agree_channel_cadence",
        channel=client.preferred_channel or last_channel or preferred_channel(client),
        due_on=first.day + timedelta(days=KICKOFF_WITHIN_DAYS) if first else view.today,
        evidence=tuple(s.entry.id for s in starts if s.entry is not None),
        fields={"missing": PhraseRef(missing)},
    )
