"""Steps 1-3: kick-off, channel and rhythm, progress updates (with their boundaries), change requests."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clientjournal.coach import URGENT_THRESHOLD, Action, suggest
from clientjournal.coach.rules_work import overdue_after
from clientjournal.domain.entities import Entry
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus

from .builders import NOW, client, day, entry, journal, project, running


def named(actions: list[Action], name: str) -> list[Action]:
    return [a for a in actions if a.action == name]


# --- step 1: kick-off -----------------------------------------------------------------------------


def test_contract_without_kickoff_suggests_a_live_kickoff_talk() -> None:
    contract = entry(EntryKind.CONTRACT_SIGNED, 1, channel=Channel.EMAIL, entry_id="sign")
    actions = suggest(journal(entries=(contract,)), NOW)
    (kickoff,) = named(actions, "kickoff_talk")
    assert kickoff.step == 1
    assert kickoff.project == "p1"
    assert kickoff.channel is Channel.PHONE  # email client with a phone number: a call
    assert kickoff.due_on == day(-1) + timedelta(days=3)
    assert kickoff.evidence == ("sign",)
    assert "New website" in kickoff.title


def test_kickoff_uses_the_clients_live_channel_when_they_prefer_one() -> None:
    c = client(channel=Channel.VIDEO)
    j = journal(c, entries=(entry(EntryKind.CONTRACT_SIGNED, 1),))
    assert named(suggest(j, NOW), "kickoff_talk")[0].channel is Channel.VIDEO


@pytest.mark.parametrize(
    ("kind", "channel"),
    [
        (EntryKind.CALL, None),
        (EntryKind.MEETING, None),
        (EntryKind.MESSAGE, Channel.VIDEO),
        (EntryKind.PROGRESS_UPDATE, Channel.EMAIL),
    ],
)
def test_a_later_live_contact_or_progress_talk_counts_as_kickoff(
    kind: EntryKind, channel: Channel | None
) -> None:
    j = journal(entries=(entry(EntryKind.CONTRACT_SIGNED, 3), entry(kind, 1, channel=channel)))
    assert named(suggest(j, NOW), "kickoff_talk") == []


def test_written_contact_or_a_note_is_not_a_kickoff() -> None:
    j = journal(
        entries=(
            entry(EntryKind.CONTRACT_SIGNED, 3, channel=Channel.MEETING),
            entry(EntryKind.EMAIL, 2, channel=Channel.EMAIL),
            entry(EntryKind.NOTE, 1, channel=Channel.PHONE),
        )
    )
    assert len(named(suggest(j, NOW), "kickoff_talk")) == 1


def test_a_contract_known_only_by_its_date_also_needs_a_kickoff() -> None:
    j = journal(projects=(project(signed=-2),))
    (kickoff,) = named(suggest(j, NOW), "kickoff_talk")
    assert kickoff.evidence == ()
    assert kickoff.due_on == day(1)


@pytest.mark.parametrize(("age", "expected"), [(30, 1), (31, 0)])
def test_kickoff_is_suggested_for_thirty_days(age: int, expected: int) -> None:
    j = journal(entries=(entry(EntryKind.CONTRACT_SIGNED, age),))
    assert len(named(suggest(j, NOW), "kickoff_talk")) == expected


def test_no_kickoff_for_a_project_that_is_not_active() -> None:
    p = project(status=ProjectStatus.CANCELLED)
    j = journal(projects=(p,), entries=(entry(EntryKind.CONTRACT_SIGNED, 1),))
    assert named(suggest(j, NOW), "kickoff_talk") == []


# --- step 1: channel and cadence ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "every", "phrase"),
    [
        (None, 7, "No preferred channel"),
        (Channel.PHONE, None, "No update rhythm"),
        (None, None, "Neither a preferred channel nor an update rhythm"),
    ],
)
def test_missing_channel_or_cadence_is_asked_for(
    channel: Channel | None, every: int | None, phrase: str
) -> None:
    j = running(the_client=client(channel=channel, every=every))
    (agree,) = named(suggest(j, NOW), "agree_channel_cadence")
    assert agree.step == 1
    assert agree.project is None
    assert agree.reason.startswith(phrase)
    assert agree.priority < URGENT_THRESHOLD


def test_agreed_channel_and_cadence_need_nothing() -> None:
    assert named(suggest(running(), NOW), "agree_channel_cadence") == []


def test_no_channel_question_without_an_active_project() -> None:
    p = project(status=ProjectStatus.DELIVERED)
    j = journal(client(channel=None, every=None), (p,))
    assert named(suggest(j, NOW), "agree_channel_cadence") == []


# --- step 2: progress updates ---------------------------------------------------------------------


def progress(j_last: float, every: int = 7) -> list[Action]:
    j = running(the_client=client(every=every), last_update=j_last)
    return [a for a in suggest(j, NOW) if a.step == 2]


def test_overdue_limit_is_one_and_a_half_cadences_and_at_least_two_days() -> None:
    assert [overdue_after(n) for n in (1, 2, 4, 7, 10, 14)] == [3, 4, 6, 11, 15, 21]


def test_update_not_due_one_day_before_the_cadence() -> None:
    assert progress(6) == []


def test_cadence_exactly_met_is_due_today() -> None:
    (due,) = progress(7)
    assert due.action == "progress_update_due"
    assert due.due_on == day(0)
    assert due.channel is Channel.EMAIL
    assert due.evidence == ("c1-update",)
    assert due.priority < URGENT_THRESHOLD


def test_one_day_over_the_cadence_is_due_since_yesterday_and_weighs_more() -> None:
    (late,) = progress(8)
    assert late.action == "progress_update_due"
    assert late.due_on == day(-1)
    assert late.priority > progress(7)[0].priority


def test_update_turns_overdue_one_day_past_the_limit() -> None:
    assert progress(11)[0].action == "progress_update_due"
    (overdue,) = progress(12)
    assert overdue.action == "progress_update_overdue"
    assert overdue.due_on == day(-5)
    assert overdue.priority >= URGENT_THRESHOLD > progress(11)[0].priority
    assert progress(20)[0].priority > overdue.priority


def test_reason_names_the_last_contact_and_the_cadence() -> None:
    (due,) = progress(8)
    assert "19 November 2026" in due.reason
    assert "8 days ago" in due.reason
    assert "7 days" in due.reason


@pytest.mark.parametrize(
    ("reset", "resets"),
    [
        (entry(EntryKind.EMAIL, 1, channel=Channel.EMAIL), True),
        (entry(EntryKind.CALL, 1, project_id=None), True),  # about the client as a whole
        (entry(EntryKind.DELIVERY, 1), True),
        (entry(EntryKind.CHANGE_AGREED, 1, channel=Channel.MEETING), True),
        (entry(EntryKind.NOTE, 1, channel=Channel.PHONE), False),
        (entry(EntryKind.SETBACK, 1), False),  # noted privately
        (entry(EntryKind.CALL, 1, project_id="other"), False),
    ],
)
def test_any_logged_contact_about_the_project_resets_the_clock(reset: Entry, resets: bool) -> None:
    j = running(reset, last_update=9)
    assert bool([a for a in suggest(j, NOW) if a.step == 2]) is not resets


def test_entries_after_now_are_ignored() -> None:
    future_update = entry(EntryKind.PROGRESS_UPDATE, -1)
    assert [a.action for a in suggest(running(future_update, last_update=9), NOW) if a.step == 2] == [
        "progress_update_due"
    ]


def test_the_contract_starts_the_clock_when_nothing_else_was_logged() -> None:
    j = journal(entries=(entry(EntryKind.CONTRACT_SIGNED, 8, entry_id="sign"),))
    (due,) = [a for a in suggest(j, NOW) if a.step == 2]
    assert due.due_on == day(-1)
    assert due.evidence == ("sign",)


def test_no_update_without_a_cadence() -> None:
    j = running(the_client=client(every=None), last_update=40)
    assert [a for a in suggest(j, NOW) if a.step == 2] == []


# --- step 3: change requests ----------------------------------------------------------------------


def test_undiscussed_change_request_is_suggested() -> None:
    request = entry(EntryKind.CHANGE_REQUEST, 1, channel=Channel.EMAIL, text="Add a blog\nDetails…")
    (change,) = named(suggest(running(request), NOW), "discuss_change_request")
    assert change.step == 3
    assert change.due_on == day(1)
    assert change.evidence == (request.id,)
    assert "“Add a blog”" in change.reason
    assert change.channel is Channel.EMAIL


def test_a_later_agreement_on_the_same_project_settles_the_request() -> None:
    request = entry(EntryKind.CHANGE_REQUEST, 3)
    agreed = entry(EntryKind.CHANGE_AGREED, 1, channel=Channel.PHONE)
    assert named(suggest(running(request, agreed), NOW), "discuss_change_request") == []


@pytest.mark.parametrize(("agreed_ago", "agreed_project"), [(4, "p1"), (1, "p2")])
def test_an_earlier_or_other_project_agreement_does_not(agreed_ago: int, agreed_project: str) -> None:
    request = entry(EntryKind.CHANGE_REQUEST, 3)
    agreed = entry(EntryKind.CHANGE_AGREED, agreed_ago, project_id=agreed_project)
    assert len(named(suggest(running(request, agreed), NOW), "discuss_change_request")) == 1


def test_an_old_unanswered_request_becomes_urgent() -> None:
    fresh = named(suggest(running(entry(EntryKind.CHANGE_REQUEST, 0)), NOW), "discuss_change_request")
    old = named(suggest(running(entry(EntryKind.CHANGE_REQUEST, 5)), NOW), "discuss_change_request")
    assert fresh[0].priority < URGENT_THRESHOLD <= old[0].priority
