"""Step 6, keep promises, and the promise side of step 7, over-deliver sometimes.

Promises are the entries carrying a :class:`~clientjournal.domain.entities.Promise`; only open ones on
an active project (or on no project) are watched. With ``d`` the days until the promise is due:

* ``promise_overdue``: ``d < 0``. Through a live channel when the client is strongly upset.
* ``promise_at_risk``: not overdue, and a setback about the same project (or the client as a whole)
  was logged after the promise was made, with no conversation informing the client since: tell the client
  early and honestly. While that setback is untold, this joins its ``tell_setback`` card.
* ``promise_due_today``: ``d == 0``; ``promise_due_soon``: ``0 < d <= 3``.
* ``confirm_promise``: a promise made in a live conversation at most two days ago with no written
  contact (email, message) about the project since: confirm what, by when and in what form, in
  writing.
* ``deliver_early``: the nearest open promise due in 4 to 21 days, not at risk, when the client has
  no overdue promise and no promise was kept early in the last 30 days. One per client; never
  urgent.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from clientjournal.coach.facts import (
    SOON_DAYS,
    JournalView,
    entry_channel,
    first_sentence,
    informs_client,
    is_contact,
    is_live_contact,
)
from clientjournal.coach.feelings import (
    live_channel,
    preferred_channel,
    read_moods,
    written_channel,
)
from clientjournal.coach.ledger import promise_title
from clientjournal.coach.values import FieldValue, Finding, PhraseRef
from clientjournal.domain.entities import Entry, Promise
from clientjournal.domain.enums import Channel, EntryKind, PromiseStatus

CONFIRM_WITHIN_DAYS = 2
EARLY_WINDOW_DAYS = 21
RECENT_OVERDELIVERY_DAYS = 30


def find(view: JournalView) -> Iterator[Finding]:
    open_promises = [
        (index, entry, entry.promise)
        for index, entry in view.indexed()
        if entry.promise is not None
        and entry.promise.status is PromiseStatus.OPEN
        and view.is_active(entry.project_id)
    ]
    upset = read_moods(view).strong
    early_candidates: list[tuple[int, Entry, Promise]] = []
    any_overdue = False
    for index, entry, promise in open_promises:
        left = (promise.due_on - view.today).days
        setback = _setback_since(view, index, entry)
        fields: dict[str, FieldValue] = {
            "what": promise_title(entry) or PhraseRef("no_description"),
            "entry_on": view.day(entry),
            "days": abs(left),
        }
        action: str | None = None
        evidence: tuple[str, ...] = (entry.id,)
        if left < 0:
            action, any_overdue = "promise_overdue", True
        elif setback is not None:
            action, evidence = "promise_at_risk", (entry.id, setback.id)
            fields["entry_on"] = view.day(setback)
            fields["reason"] = first_sentence(setback.text) or PhraseRef("no_description")
        elif left == 0:
            action = "promise_due_today"
        elif left <= SOON_DAYS:
            action = "promise_due_soon"
        elif left <= EARLY_WINDOW_DAYS:
            early_candidates.append((index, entry, promise))
        if action is not None:
            overdue_live = action == "promise_overdue" and upset
            yield Finding(
                client=view.client.id,
                project=entry.project_id,
                action=action,
                channel=live_channel(view.client) if overdue_live else preferred_channel(view.client),
                due_on=promise.due_on,
                evidence=evidence,
                fields=fields,
            )
        if _needs_confirmation(view, index, entry):
            yield Finding(
                client=view.client.id,
                project=entry.project_id,
                action="confirm_promise",
                channel=written_channel(view.client),
                due_on=view.day(entry) + timedelta(days=1),
                evidence=(entry.id,),
                fields={"what": fields["what"], "entry_on": view.day(entry)},
            )
    if early_candidates and not any_overdue and not _recently_over_delivered(view):
        yield _deliver_early(view, *min(early_candidates, key=lambda c: (c[2].due_on, c[0])))


def _setback_since(view: JournalView, index: int, promise_entry: Entry) -> Entry | None:
    """The first setback after the promise that the client has not heard about in a conversation since.

    A call, email or meeting after the setback (about the project or the client as a whole) is where the risk
    to the promise was talked through: logging the merged "tell the setback" card ends both.
    """
    project_id = promise_entry.project_id
    for later_index in range(index + 1, len(view.entries)):
        later = view.entries[later_index]
        if later.kind is not EntryKind.SETBACK or later.project_id not in (None, project_id):
            continue
        if not view.told_after(later_index, later.project_id, informs_client):
            return later
    return None


def _needs_confirmation(view: JournalView, index: int, entry: Entry) -> bool:
    if not is_live_contact(entry) or view.age(view.day(entry)) > CONFIRM_WITHIN_DAYS:
        return False
    return not any(
        is_contact(later) and entry_channel(later) in (Channel.EMAIL, Channel.MESSAGE)
        for later in view.after(index, entry.project_id)
    )


def _recently_over_delivered(view: JournalView) -> bool:
    for entry in view.journal.entries:
        promise = entry.promise
        if promise is None or promise.status is not PromiseStatus.KEPT_EARLY:
            continue
        resolved = promise.resolved_on or view.day(entry)
        if 0 <= view.age(resolved) <= RECENT_OVERDELIVERY_DAYS:
            return True
    return False


def _deliver_early(view: JournalView, index: int, entry: Entry, promise: Promise) -> Finding:
    return Finding(
        client=view.client.id,
        project=entry.project_id,
        action="deliver_early",
        channel=preferred_channel(view.client),
        due_on=promise.due_on,
        evidence=(entry.id,),
        fields={
            "what": promise_title(entry) or PhraseRef("no_description"),
            "entry_on": view.day(entry),
            "days": (promise.due_on - view.today).days,
        },
    )
