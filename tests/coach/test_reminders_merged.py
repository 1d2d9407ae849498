"""A merged card's reminder keeps its id while parts join and leave it, so what the user did with it holds.

One conversation is one card (``coach/merge.py``): a setback, the promise it puts at risk and the mood written in
the setback's entry. The card's reminder id comes from the cause alone; these tests snooze (or dismiss) it, let the
journal change so that a part joins or leaves, and check the snooze still holds.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from clientjournal.coach import Action, suggest
from clientjournal.coach.merge import cause_evidence
from clientjournal.coach.reminder_check import check
from clientjournal.coach.reminder_state import ReminderState
from clientjournal.coach.reminders import Reminder, collect, reminder_id
from clientjournal.domain.entities import ClientJournal, Entry
from clientjournal.domain.enums import Channel, EntryKind, PromiseStatus

from .builders import NOW, entry, running
from .test_reminders import OSLO

SNOOZE_END = NOW + timedelta(days=2)


def _setback(moods: tuple[str, ...] = ()) -> Entry:
    return entry(
        EntryKind.SETBACK,
        1,
        channel=Channel.EMAIL,  # the channel the dialog pre-fills: it says nothing about telling her
        moods=moods,
        text="The supplier broke our import; delivery slips a week.",
        entry_id="s1",
    )


def _promise(status: PromiseStatus = PromiseStatus.OPEN) -> Entry:
    # Made before the setback, due after today: the setback puts it at risk while it is open.
    return entry(
        EntryKind.PROMISE, 3, channel=Channel.EMAIL, text="Shop live.", due=5, status=status, entry_id="pr"
    )


def _card(journal: ClientJournal) -> tuple[Action, Reminder]:
    actions = suggest(journal, NOW)
    (action,) = [a for a in actions if a.action == "tell_setback"]
    (reminder,) = [r for r in collect([journal], actions, OSLO) if r.action == "tell_setback"]
    return action, reminder


def _held(journal: ClientJournal, state: ReminderState) -> Reminder:
    """The card's reminder after the change: neither due nor fired, upcoming at the snooze's end."""
    _, reminder = _card(journal)
    result = check(collect([journal], suggest(journal, NOW), OSLO), state, NOW)
    assert reminder.id not in [r.id for r in result.due]
    assert reminder.id not in [r.id for r in result.fired]
    assert state.effective_at(reminder) == SNOOZE_END
    return reminder


def _snoozed(journal: ClientJournal) -> tuple[Reminder, ReminderState]:
    _, reminder = _card(journal)
    assert reminder.due_at < NOW  # due yesterday: it would fire now
    assert reminder.id in [r.id for r in check([reminder], ReminderState(), NOW).fired]
    return reminder, ReminderState().snooze(reminder, SNOOZE_END)


def test_a_snoozed_card_stays_snoozed_when_the_mood_of_its_entry_and_a_promise_at_risk_join() -> None:
    alone = running(_setback())
    action, reminder = _card(alone)
    assert action.merged == ()
    _, state = _snoozed(alone)

    # The user adds how she sounded to the setback's entry, then logs the promise made three days ago.
    upset = running(_setback(("frustrated",)))
    action, after = _card(upset)
    assert action.merged == ("mirror_feelings",)
    assert _held(upset, state).id == reminder.id

    at_risk = running(_setback(("frustrated",)), _promise())
    action, after = _card(at_risk)
    assert set(action.merged) == {"mirror_feelings", "promise_at_risk"} and "pr" in action.evidence
    assert after.id == reminder.id and after.entry_id == "s1"
    assert _held(at_risk, state).id == reminder.id


def test_a_snoozed_or_dismissed_card_holds_when_its_parts_leave() -> None:
    whole = running(_setback(("frustrated",)), _promise())
    action, reminder = _card(whole)
    assert set(action.merged) == {"mirror_feelings", "promise_at_risk"}
    _, state = _snoozed(whole)

    # The promise is kept, and a later note says she is angry: the feeling is a card of its own now.
    later_mood = entry(EntryKind.NOTE, 0.5, moods=("angry",), text="Angry on the phone with support.")
    parted = running(_setback(("frustrated",)), _promise(PromiseStatus.KEPT), later_mood)
    action, after = _card(parted)
    assert action.merged == () and action.evidence == ("s1",)
    assert "mirror_feelings" in [a.action for a in suggest(parted, NOW)]
    assert _held(parted, state).id == reminder.id

    dismissed = ReminderState().dismiss(reminder)
    assert after.id not in [r.id for r in check([after], dismissed, NOW).due]


def test_a_mark_stored_under_the_id_a_merged_card_had_before_still_counts() -> None:
    """Earlier versions made a merged card's id from all its evidence: such a stored snooze is taken over."""
    whole = running(_setback(("frustrated",)), _promise())
    action, reminder = _card(whole)
    family = action.action
    old = reminder_id("action", action.client, action.project, family, ",".join(action.evidence))
    assert old != reminder.id and reminder.former_ids == (old,)
    stored = ReminderState().snooze(replace(reminder, id=old), SNOOZE_END)

    result = check([reminder], stored, NOW)
    assert result.due == () and result.fired == ()
    assert reminder.id in result.state.marks and old not in result.state.marks
    assert result.state.effective_at(reminder) == SNOOZE_END


def test_an_unmerged_card_keeps_the_id_it_always_had() -> None:
    alone = running(_setback())
    action, reminder = _card(alone)
    assert reminder.id == reminder_id("action", action.client, action.project, "tell_setback", "s1")
    assert reminder.former_ids == ()


def test_only_the_cause_is_told_not_the_setbacks_in_the_mood_reading_before_it() -> None:
    """A mood reading's earlier entries (here an earlier setback) stay off the card it joins, so telling this
    setback must not mark that one told."""
    first = entry(EntryKind.SETBACK, 4, moods=("anxious",), text="The host was down.", entry_id="s0")
    journal = running(first, _setback(("frustrated",)))
    action, reminder = _card_of(journal, "s1")
    assert "s0" not in action.evidence and cause_evidence(action) == ("s1",)
    assert reminder.entry_id == "s1"


def _card_of(journal: ClientJournal, setback_id: str) -> tuple[Action, Reminder]:
    actions = suggest(journal, NOW)
    (action,) = [a for a in actions if a.action == "tell_setback" and a.key.endswith(setback_id)]
    (reminder,) = [r for r in collect([journal], actions, OSLO) if r.action_key == action.key]
    return action, reminder
