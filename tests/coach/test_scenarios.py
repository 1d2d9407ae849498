"""Realistic journals, one per playbook step: the top suggestion is what a careful reader would do.

Plus ranking across clients, the calm client, snooze and dismiss, the current step, and to_json.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from clientjournal.coach import (
    URGENT_THRESHOLD,
    CoachState,
    current_step,
    suggest,
)
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus
from clientjournal.errors import NotFoundError, ValidationError

from .builders import NOW, client, day, entry, journal, project, running


def top(j: ClientJournal) -> tuple[int, str, Channel, object]:
    first = suggest(j, NOW)[0]
    return first.step, first.action, first.channel, first.due_on


def test_step1_a_fresh_contract_calls_for_an_enthusiastic_kickoff() -> None:
    c = client(channel=Channel.PHONE, every=14, temperament="Warm, talks fast.")
    j = journal(
        c,
        (project(signed=-1),),
        (entry(EntryKind.CONTRACT_SIGNED, 1, channel=Channel.EMAIL, moods=("enthusiastic",)),),
    )
    assert top(j) == (1, "kickoff_talk", Channel.PHONE, day(2))


def test_step2_a_client_left_without_news_past_the_rhythm() -> None:
    assert top(running(last_update=12)) == (2, "progress_update_overdue", Channel.EMAIL, day(-5))


def test_step3_a_change_request_waiting_for_an_answer() -> None:
    request = entry(EntryKind.CHANGE_REQUEST, 2, channel=Channel.EMAIL, text="Add a shop")
    assert top(running(request, last_update=1)) == (3, "discuss_change_request", Channel.EMAIL, day(0))


def test_step4_a_client_whose_mood_is_sliding() -> None:
    c = client(channel=Channel.VIDEO)
    j = running(
        entry(EntryKind.MEETING, 9, channel=Channel.VIDEO, moods=("satisfied",)),
        entry(EntryKind.EMAIL, 5, channel=Channel.EMAIL, moods=("uncertain",)),
        entry(EntryKind.EMAIL, 1, channel=Channel.EMAIL, moods=("frustrated",)),
        the_client=c,
        last_update=3,
    )
    assert top(j) == (4, "mirror_feelings", Channel.VIDEO, day(-1))


def test_step5_a_delay_the_client_does_not_know_about() -> None:
    c = client(temperament="Calm and formal; prefers facts over feelings.")
    setback = entry(EntryKind.SETBACK, 0.2, text="Supplier delay: photos two weeks late")
    first = suggest(running(setback, the_client=c), NOW)[0]
    assert (first.step, first.action, first.channel, first.due_on) == (
        5,
        "tell_setback",
        Channel.EMAIL,
        day(0),
    )
    assert "calm and factual" in first.reason


def test_step6_a_promise_that_slipped() -> None:
    made = entry(EntryKind.PROMISE, 10, channel=Channel.EMAIL, text="Logo sketches", due=-1)
    assert top(running(made)) == (6, "promise_overdue", Channel.EMAIL, day(-1))


def test_step7_a_fresh_delivery_to_show_off() -> None:
    delivery = entry(EntryKind.DELIVERY, 1, channel=Channel.EMAIL, text="Booking module")
    assert top(running(delivery, last_update=3)) == (7, "highlight_delivery", Channel.EMAIL, day(1))


def test_step7_a_quiet_project_with_room_to_over_deliver() -> None:
    made = entry(EntryKind.PROMISE, 6, channel=Channel.EMAIL, text="Style guide", due=9)
    assert top(running(made)) == (7, "deliver_early", Channel.EMAIL, day(9))


def test_step8_a_problem_fixed_behind_the_scenes() -> None:
    solved = entry(EntryKind.PROBLEM_SOLVED, 1, text="Backups were silently failing; fixed")
    c = client(channel=Channel.MESSAGE)
    assert top(running(solved, the_client=c)) == (8, "explain_solved_problem", Channel.MESSAGE, day(1))


# --- across clients -------------------------------------------------------------------------------


def test_the_more_urgent_action_ranks_first_across_clients() -> None:
    soon = running(
        entry(EntryKind.PROMISE, 4, due=2, client_id="a", entry_id="a-p"),
        the_client=client("a", "Anna"),
    )
    late = running(
        entry(EntryKind.PROMISE, 9, due=-3, client_id="b", entry_id="b-p"),
        the_client=client("b", "Bjørn"),
    )
    quiet = running(the_client=client("c", "Cecilie"))
    actions = suggest([soon, quiet, late], NOW)
    assert [(a.client, a.action) for a in actions] == [
        ("b", "promise_overdue"),
        ("a", "promise_due_soon"),
    ]
    assert suggest([late, quiet, soon], NOW) == actions


def test_strong_emotion_raises_priority_across_clients() -> None:
    calm = running(entry(EntryKind.PROMISE, 9, due=-1, client_id="a"), the_client=client("a"))
    upset = running(
        entry(EntryKind.PROMISE, 9, due=-1, client_id="b"),
        entry(EntryKind.CALL, 3, moods=("angry",), client_id="b"),
        entry(EntryKind.MEETING, 2, client_id="b"),  # heard, but still upset within 14 days
        the_client=client("b"),
        last_update=5,
    )
    promises = [a.client for a in suggest([calm, upset], NOW) if a.action == "promise_overdue"]
    assert promises == ["b", "a"]


def test_a_calm_up_to_date_client_gets_nothing_urgent() -> None:
    made = entry(EntryKind.PROMISE, 6, channel=Channel.EMAIL, due=12)
    actions = suggest(running(made, entry(EntryKind.CALL, 1, moods=("satisfied",))), NOW)
    assert all(a.priority < URGENT_THRESHOLD for a in actions)
    assert [a.action for a in actions] == ["deliver_early"]
    assert suggest(running(), NOW) == []


def test_archived_clients_get_no_suggestions() -> None:
    j = running(entry(EntryKind.PROMISE, 9, due=-3), the_client=client(archived=True))
    assert suggest(j, NOW) == []


# --- snooze and dismiss ---------------------------------------------------------------------------


def test_snoozed_actions_come_back_on_their_date_and_dismissed_ones_stay_gone() -> None:
    j = running(
        entry(EntryKind.PROMISE, 9, due=-3),
        entry(EntryKind.SETBACK, 0.5),
    )
    overdue, setback = (a.key for a in suggest(j, NOW))
    state = CoachState().snooze(overdue, day(2)).dismiss(setback)
    assert suggest(j, NOW, state=state) == []
    assert suggest(j, NOW + timedelta(days=1), state=state) == []
    later = suggest(j, NOW + timedelta(days=2), state=state)
    assert [a.key for a in later] == [overdue]


def test_keys_are_stable_and_independent_of_the_language() -> None:
    j = running(entry(EntryKind.PROMISE, 9, due=-3, entry_id="p-1"))
    (en,) = suggest(j, NOW)
    (nb,) = suggest(j, NOW, language="nb")
    assert en.key == nb.key == "c1|p1|promise_overdue|p-1"
    assert en.title != nb.title


# --- current step ---------------------------------------------------------------------------------


def test_current_step_follows_the_project() -> None:
    fresh = journal(entries=(entry(EntryKind.CONTRACT_SIGNED, 1),))
    assert current_step(fresh, "p1", NOW) == 1
    assert current_step(journal(projects=(project(),)), "p1", NOW) == 1  # not signed yet
    assert current_step(running(), "p1", NOW) == 2
    assert current_step(running(entry(EntryKind.PROMISE, 9, due=-3)), "p1", NOW) == 6
    assert current_step(running(entry(EntryKind.PROMISE, 5, due=9)), "p1", NOW) == 2
    delivered = journal(projects=(project(status=ProjectStatus.DELIVERED, signed=-60),))
    assert current_step(delivered, "p1", NOW) == 7
    with pytest.raises(NotFoundError):
        current_step(running(), "nope", NOW)


# --- output ---------------------------------------------------------------------------------------


def test_to_json_has_the_spec_fields() -> None:
    j = running(entry(EntryKind.PROMISE, 9, due=-3, entry_id="p-1", text="Logo"))
    (action,) = suggest(j, NOW)
    data = json.loads(json.dumps(action.to_json()))
    assert data == {
        "client": "c1",
        "project": "p1",
        "step": 6,
        "action": "promise_overdue",
        "title": "Overdue promise: Logo",
        "reason": action.reason,
        "channel": "email",
        "due_on": "2026-11-24",
        "priority": action.priority,
        "evidence": ["p-1"],
        "key": action.key,
    }
    assert "24 November 2026, 3 days ago" in action.reason


def test_now_must_be_aware() -> None:
    with pytest.raises(ValidationError):
        suggest(running(), NOW.replace(tzinfo=None))
