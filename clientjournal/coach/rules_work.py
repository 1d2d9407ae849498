"""Steps 2 and 3 while the work runs: keep the client informed, and discuss every change.

* ``progress_update_due`` / ``progress_update_overdue``: for an active, signed project of a client
  with an update rhythm of N days, the clock starts at the last *contact* (see
  :mod:`clientjournal.coach.facts`: any logged call, meeting, email, message, progress update,
  delivery, or an entry logged with a channel) about the project or the client as a whole, and at
  the contract when there is none. The update is *due* from day N (due date = last contact + N, so
  exactly N days later it is due today) and *overdue* after ``max(ceil(1.5 N), N + 2)`` days, with a
  higher priority. Suggested through the preferred channel; through a live one while the client is strongly
  upset and has not been heard since (an update by e-mail to a client who wrote in anger reads as not
  listening), and then marked ``listen_first``: the card says to let them say how things are first,
  acknowledge it, and only then give the update.
* ``discuss_change_request``: a change request (active project, or none) with no later
  ``change_agreed`` about it: one about the same project, one about the client as a whole (an agreement
  logged without a project settles what was asked on any of them), or, for a request logged without a
  project, one about any project. Due two days after the request.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta

from clientjournal.coach.facts import (
    JournalView,
    contract_start,
    first_sentence,
    is_contact,
    since_start,
)
from clientjournal.coach.feelings import live_channel, preferred_channel, read_moods
from clientjournal.coach.values import Finding, PhraseRef
from clientjournal.domain.entities import Entry
from clientjournal.domain.enums import EntryKind

CHANGE_ANSWER_DAYS = 2


def overdue_after(cadence: int) -> int:
    """Days without contact after which an update counts as overdue rather than due."""
    return max(math.ceil(1.5 * cadence), cadence + 2)


def find(view: JournalView) -> Iterator[Finding]:
    yield from _progress(view)
    yield from _changes(view)


def _progress(view: JournalView) -> Iterator[Finding]:
    cadence = view.client.update_every_days
    if cadence is None or cadence <= 0:
        return
    upset = read_moods(view).strong
    channel = live_channel(view.client) if upset else preferred_channel(view.client)
    for project in view.active_projects():
        start = contract_start(view, project)
        if start is None:
            continue
        last = start.entry
        for entry in since_start(view, project, start):
            if is_contact(entry):
                last = entry
        since = view.day(last) if last is not None else start.day
        days = view.age(since)
        if days < cadence:
            continue
        yield Finding(
            client=view.client.id,
            project=project.id,
            action="progress_update_overdue" if days > overdue_after(cadence) else "progress_update_due",
            channel=channel,
            due_on=since + timedelta(days=cadence),
            evidence=(last.id,) if last is not None else (),
            fields={"entry_on": since, "days": days, "cadence": cadence},
            listen_first=upset,
        )


def _changes(view: JournalView) -> Iterator[Finding]:
    requests: list[tuple[int, Entry]] = []
    agreed: dict[str | None, int] = {}  # per project (None: the client as a whole), its latest agreement
    for index, entry in view.indexed():
        if entry.kind is EntryKind.CHANGE_AGREED:
            agreed[entry.project_id] = index
        elif entry.kind is EntryKind.CHANGE_REQUEST and view.is_active(entry.project_id):
            requests.append((index, entry))
    latest_any = max(agreed.values(), default=-1)
    for index, entry in requests:
        project_id = entry.project_id
        settled = latest_any if project_id is None else max(agreed.get(project_id, -1), agreed.get(None, -1))
        if settled > index:
            continue
        day = view.days[index]
        yield Finding(
            client=view.client.id,
            project=project_id,
            action="discuss_change_request",
            channel=preferred_channel(view.client),
            due_on=day + timedelta(days=CHANGE_ANSWER_DAYS),
            evidence=(entry.id,),
            fields={
                "entry_on": day,
                "days": view.age(day),
                "what": first_sentence(entry.text) or PhraseRef("no_description"),
            },
        )
