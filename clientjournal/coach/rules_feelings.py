"""Steps 4 and 5: listen and mirror; bring news in the client's register.

* ``mirror_feelings``: the latest mood reading (see :mod:`clientjournal.coach.feelings`) is strongly
  negative or ends a falling trend, and no live contact has been logged since. Suggested through a
  live channel, due the same day for strong feelings and the next day otherwise.
* ``tell_setback``: a setback that has not been told: its entry does not say when the client was told
  (``Entry.client_told_at``; the channel only says how a contact happened), and no later entry informs
  the client (see :func:`~clientjournal.coach.facts.informs_client`) about the same project or the client
  as a whole. Due the day it was logged, through the preferred channel — a live one when the client is
  strongly upset — with tone advice for the client's register.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from clientjournal.coach.facts import JournalView, first_sentence, informs_client, is_live_contact, is_told
from clientjournal.coach.feelings import live_channel, preferred_channel, read_moods, register_for
from clientjournal.coach.values import Finding, MoodNames, PhraseRef
from clientjournal.domain.enums import EntryKind


def find(view: JournalView) -> Iterator[Finding]:
    yield from _mirror(view)
    yield from _setbacks(view)


def _mirror(view: JournalView) -> Iterator[Finding]:
    reading = read_moods(view)
    latest = reading.latest
    if latest is None or not (reading.strong or reading.falling):
        return
    if any(is_live_contact(entry) for entry in view.entries[reading.latest_index + 1 :]):
        return
    day = view.day(latest)
    yield Finding(
        client=view.client.id,
        project=latest.project_id,
        action="mirror_feelings",
        channel=live_channel(view.client),
        due_on=day if reading.strong else day + timedelta(days=1),
        evidence=(*(entry.id for entry in reading.earlier), latest.id),
        fields={
            "entry_on": day,
            "moods": MoodNames(latest.moods),
            "trend": PhraseRef("trend_strong" if reading.strong else "trend_falling"),
        },
    )


def _setbacks(view: JournalView) -> Iterator[Finding]:
    pending = [
        (index, entry)
        for index, entry in view.indexed()
        if entry.kind is EntryKind.SETBACK
        and not is_told(entry)
        and view.is_not_cancelled(entry.project_id)
        and not view.told_after(index, entry.project_id, informs_client)
    ]
    if not pending:
        return
    upset = read_moods(view).strong
    tone = PhraseRef(f"tone_{register_for(view).value}")
    channel = live_channel(view.client) if upset else preferred_channel(view.client)
    for index, entry in pending:
        day = view.days[index]
        yield Finding(
            client=view.client.id,
            project=entry.project_id,
            action="tell_setback",
            channel=channel,
            due_on=day,
            evidence=(entry.id,),
            fields={
                "entry_on": day,
                "days": view.age(day),
                "what": first_sentence(entry.text) or PhraseRef("no_description"),
                "tone": tone,
            },
        )
