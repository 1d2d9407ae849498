"""Steps 6-8: promises (due soon, today, overdue, at risk, to confirm), over-delivery, solved problems."""

from __future__ import annotations

import pytest

from clientjournal.coach import URGENT_THRESHOLD, Action, suggest
from clientjournal.domain.entities import Entry
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus

from .builders import NOW, client, day, entry, journal, project, running


def named(actions: list[Action], name: str) -> list[Action]:
    return [a for a in actions if a.action == name]


def promise(due: int) -> list[Action]:
    made = entry(EntryKind.PROMISE, 5, channel=Channel.EMAIL, text="Landing page draft", due=due)
    return [a for a in suggest(running(made), NOW) if a.evidence[:1] == (made.id,)]


# --- step 6 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "action"),
    [
        (-1, "promise_overdue"),
        (0, "promise_due_today"),
        (1, "promise_due_soon"),
        (3, "promise_due_soon"),
        (4, "deliver_early"),
    ],
)
def test_open_promise_by_due_date(due: int, action: str) -> None:
    (found,) = promise(due)
    assert found.action == action
    assert found.due_on == day(due)
    assert found.channel is Channel.EMAIL
    assert found.step == (7 if action == "deliver_early" else 6)


def test_promise_due_today_is_urgent_and_says_so() -> None:
    (today,) = promise(0)
    assert today.priority >= URGENT_THRESHOLD
    assert today.title == "Promise due today: Landing page draft"


def test_overdue_outranks_today_which_outranks_soon_and_older_overdue_ranks_higher() -> None:
    ranks = [promise(d)[0].priority for d in (-10, -1, 0, 1, 3)]
    assert ranks == sorted(ranks, reverse=True)
    assert len(set(ranks)) == len(ranks)
    assert "26 November 2026, yesterday," in promise(-1)[0].reason  # not "1 day ago"


def test_resolved_promises_and_inactive_projects_are_not_watched() -> None:
    for status in (PromiseStatus.KEPT, PromiseStatus.KEPT_EARLY, PromiseStatus.BROKEN):
        made = entry(EntryKind.PROMISE, 5, due=-1, status=status, resolved=-1)
        assert [a for a in suggest(running(made), NOW) if a.step == 6] == []
    p = project(status=ProjectStatus.CANCELLED)
    j = journal(projects=(p,), entries=(entry(EntryKind.PROMISE, 5, due=-1),))
    assert [a for a in suggest(j, NOW) if a.step == 6] == []


def test_a_setback_after_the_promise_puts_it_at_risk() -> None:
    made = entry(EntryKind.PROMISE, 5, channel=Channel.EMAIL, text="Shop launch", due=2)
    setback = entry(EntryKind.SETBACK, 1, channel=Channel.EMAIL, text="Payment API down", told=1)
    (risk,) = named(suggest(running(made, setback), NOW), "promise_at_risk")
    assert risk.evidence == (made.id, setback.id)
    assert risk.due_on == day(2)
    assert named(suggest(running(made, setback), NOW), "promise_due_soon") == []
    before = entry(EntryKind.SETBACK, 6, channel=Channel.EMAIL)
    assert named(suggest(running(before, made), NOW), "promise_at_risk") == []


def test_an_overdue_promise_to_an_upset_client_is_handled_live() -> None:
    made = entry(EntryKind.PROMISE, 9, due=-2)
    angry = entry(EntryKind.EMAIL, 1, moods=("angry",))
    (overdue,) = named(suggest(running(made, angry), NOW), "promise_overdue")
    assert overdue.channel is Channel.PHONE
    calm = named(suggest(running(made), NOW), "promise_overdue")[0]
    assert overdue.priority > calm.priority


@pytest.mark.parametrize(("ago", "channel", "expected"), [
    (1, Channel.PHONE, 1), (2, Channel.MEETING, 1), (3, Channel.PHONE, 0), (1, Channel.EMAIL, 0),
])  # fmt: skip
def test_a_spoken_promise_of_the_last_two_days_is_confirmed_in_writing(
    ago: int, channel: Channel, expected: int
) -> None:
    made = entry(EntryKind.PROMISE, ago, channel=channel, due=10)
    confirm = named(suggest(running(made), NOW), "confirm_promise")
    assert len(confirm) == expected
    if confirm:
        assert confirm[0].channel is Channel.EMAIL
        assert confirm[0].due_on == day(1 - ago)
        assert confirm[0].step == 6


def test_confirmation_is_written_to_a_message_client_and_settled_by_a_later_email() -> None:
    made = entry(EntryKind.PROMISE, 1, channel=Channel.PHONE, due=10)
    texting = client(channel=Channel.MESSAGE)
    assert named(suggest(running(made, the_client=texting), NOW), "confirm_promise")[0].channel is (
        Channel.MESSAGE
    )
    follow_up = entry(EntryKind.EMAIL, 0.5)
    assert named(suggest(running(made, follow_up), NOW), "confirm_promise") == []


# --- step 7 ---------------------------------------------------------------------------------------


def test_deliver_early_is_one_quiet_suggestion_for_the_nearest_promise() -> None:
    near = entry(EntryKind.PROMISE, 5, due=8, text="Near")
    far = entry(EntryKind.PROMISE, 5, due=15, text="Far")
    (early,) = named(suggest(running(far, near), NOW), "deliver_early")
    assert early.evidence == (near.id,)
    assert early.priority < URGENT_THRESHOLD
    assert "8 days from now" in early.reason


@pytest.mark.parametrize(
    "blocker",
    [
        entry(EntryKind.PROMISE, 20, due=-20, status=PromiseStatus.KEPT_EARLY, resolved=-10),
        entry(EntryKind.PROMISE, 20, due=-1),  # an overdue promise comes first
    ],
)
def test_no_early_delivery_after_a_recent_one_or_while_late(blocker: Entry) -> None:
    made = entry(EntryKind.PROMISE, 5, due=8)
    assert named(suggest(running(made, blocker), NOW), "deliver_early") == []


def test_no_early_delivery_far_ahead() -> None:
    assert promise(22) == []


@pytest.mark.parametrize(("ago", "expected"), [(0, 1), (7, 1), (8, 0)])
def test_a_recent_delivery_is_highlighted(ago: int, expected: int) -> None:
    delivery = entry(EntryKind.DELIVERY, ago, channel=Channel.EMAIL, text="Landing page live")
    found = named(suggest(running(delivery, last_update=ago + 1), NOW), "highlight_delivery")
    assert len(found) == expected
    if found:
        assert found[0].due_on == day(2 - ago)
        assert found[0].step == 7
        assert "Landing page live" in found[0].reason


def test_a_follow_up_after_the_delivery_ends_the_highlight() -> None:
    delivery = entry(EntryKind.DELIVERY, 3)
    follow_up = entry(EntryKind.PROGRESS_UPDATE, 1)
    assert named(suggest(running(delivery, follow_up), NOW), "highlight_delivery") == []


# --- step 8 ---------------------------------------------------------------------------------------


def test_a_privately_solved_problem_is_explained() -> None:
    solved = entry(EntryKind.PROBLEM_SOLVED, 1, text="Fixed a data-loss bug in the contact form")
    (explain,) = named(suggest(running(solved), NOW), "explain_solved_problem")
    assert explain.step == 8
    assert explain.due_on == day(1)
    assert explain.channel is Channel.EMAIL
    assert "data-loss bug" in explain.reason


@pytest.mark.parametrize(
    "settles",
    [
        (entry(EntryKind.PROBLEM_SOLVED, 1, channel=Channel.EMAIL, entry_id="told", told=0.5),),
        (entry(EntryKind.PROBLEM_SOLVED, 2), entry(EntryKind.MEETING, 1)),
    ],
)
def test_a_problem_told_in_its_entry_or_in_a_later_contact_is_explained(
    settles: tuple[Entry, ...],
) -> None:
    assert named(suggest(running(*settles), NOW), "explain_solved_problem") == []


def test_problems_of_a_cancelled_project_are_not_raised() -> None:
    p = project(status=ProjectStatus.CANCELLED)
    j = journal(projects=(p,), entries=(entry(EntryKind.PROBLEM_SOLVED, 1),))
    assert named(suggest(j, NOW), "explain_solved_problem") == []
