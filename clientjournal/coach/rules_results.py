"""Step 7, draw attention to what was achieved, and step 8, make solved problems visible.

* ``highlight_delivery``: a ``delivery`` at most seven days old (project not cancelled) with no
  later entry informing the client about the project: follow up and point out what was achieved. Due
  two days after.
* ``explain_solved_problem``: a ``problem_solved`` whose entry does not say the client was told
  (``Entry.client_told_at``) with no later entry informing the client about the project: explain what
  the problem was, what it affected or could have affected, and what was done. Due two days after.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from clientjournal.coach.facts import JournalView, first_sentence, informs_client, is_told
from clientjournal.coach.feelings import preferred_channel
from clientjournal.coach.values import Finding, PhraseRef
from clientjournal.domain.enums import EntryKind

HIGHLIGHT_WITHIN_DAYS = 7
FOLLOW_UP_DAYS = 2


def find(view: JournalView) -> Iterator[Finding]:
    for index, entry in view.indexed():
        if entry.kind is EntryKind.DELIVERY:
            if view.age(view.days[index]) > HIGHLIGHT_WITHIN_DAYS:
                continue
            action = "highlight_delivery"
        elif entry.kind is EntryKind.PROBLEM_SOLVED and not is_told(entry):
            action = "explain_solved_problem"
        else:
            continue
        if not view.is_not_cancelled(entry.project_id):
            continue
        if view.told_after(index, entry.project_id, informs_client):
            continue
        day = view.days[index]
        yield Finding(
            client=view.client.id,
            project=entry.project_id,
            action=action,
            channel=preferred_channel(view.client),
            due_on=day + timedelta(days=FOLLOW_UP_DAYS),
            evidence=(entry.id,),
            fields={"entry_on": day, "what": first_sentence(entry.text) or PhraseRef("no_description")},
        )
