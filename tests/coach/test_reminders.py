"""Reminders (clientjournal.coach.reminders): collection, snoozes, the scheduler's check, DST, clock jumps."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientjournal.coach import suggest
from clientjournal.coach.reminder_check import (
    MAX_SINGLE,
    MAX_WAKE_DELAY,
    QT_TIMER_MAX_MS,
    check,
    notice_text,
    wake_delay_ms,
)
from clientjournal.coach.reminder_state import ReminderState, Snooze, snooze_until, tomorrow_morning
from clientjournal.coach.reminders import Reminder, ReminderKind, collect, morning_of
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus

from .builders import NOW, client, entry, project, running

OSLO = ZoneInfo("Europe/Oslo")
T0 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 09:00 in Oslo


def rem(rid: str, at: datetime, client_id: str = "c1", name: str = "Kari Nordmann") -> Reminder:
    return Reminder(
        id=rid,
        kind=ReminderKind.ACTION,
        client_id=client_id,
        client_name=name,
        title=f"Do {rid}",
        due_on=at.astimezone(OSLO).date(),
        due_at=at,
    )


def reminders_of(*journals: object, now: datetime = NOW) -> list[Reminder]:
    items = list(journals)
    return collect(items, suggest(items, now), OSLO)  # type: ignore[arg-type]


# ---- collecting --------------------------------------------------------------------------------------------------


def test_an_open_promise_is_one_reminder_at_nine_local_with_the_coach_title_folded_in() -> None:
    made = entry(EntryKind.PROMISE, 5, channel=Channel.EMAIL, text="Landing page draft. More.", due=0)
    found = reminders_of(running(made))
    promises = [r for r in found if r.kind is ReminderKind.PROMISE]
    assert len(promises) == 1
    (r,) = promises
    assert r.entry_id == made.id and r.client_name == "Kari Nordmann"
    assert r.due_at == datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 09:00 CET
    assert r.action == "promise_due_today" and "Landing page draft" in r.title
    assert not any(x.action in {"promise_due_today", "promise_due_soon"} for x in found if x is not r)


def test_a_promise_keeps_its_id_from_due_soon_to_overdue() -> None:
    made = entry(EntryKind.PROMISE, 5, channel=Channel.EMAIL, text="Draft", due=2, entry_id="pr")
    j = running(made)
    ids = {
        next(r.id for r in reminders_of(j, now=NOW + timedelta(days=d)) if r.entry_id == "pr")
        for d in (0, 2, 5)
    }
    assert len(ids) == 1


def test_a_promise_far_ahead_still_reminds_and_resolved_or_inactive_ones_do_not() -> None:
    far = entry(EntryKind.PROMISE, 1, text="Far", due=60, entry_id="far")
    kept = entry(EntryKind.PROMISE, 1, text="Kept", due=1, status=PromiseStatus.KEPT, entry_id="kept")
    other = entry(EntryKind.PROMISE, 1, text="Old project", due=1, project_id="p2", entry_id="old")
    j = running(far, kept, other)
    j = replace(j, projects=(*j.projects, project("p2", status=ProjectStatus.CANCELLED)))
    entries = {r.entry_id for r in reminders_of(j) if r.kind is ReminderKind.PROMISE}
    assert entries == {"far"}


def test_archived_clients_have_no_reminders() -> None:
    made = entry(EntryKind.PROMISE, 5, text="Draft", due=0)
    assert reminders_of(running(made, the_client=client(archived=True))) == []


def test_coach_actions_with_a_due_date_are_reminders_and_keep_their_id_from_due_to_overdue() -> None:
    j = running(last_update=12)  # weekly updates: overdue after 11 days
    late = [r for r in reminders_of(j) if r.kind is ReminderKind.ACTION]
    assert [r.action for r in late] == ["progress_update_overdue"]
    earlier = [r for r in reminders_of(j, now=NOW - timedelta(days=2)) if r.kind is ReminderKind.ACTION]
    assert [r.action for r in earlier] == ["progress_update_due"]
    assert earlier[0].id == late[0].id
    assert late[0].due_at == morning_of(late[0].due_on, OSLO)


def test_two_clients_with_the_same_entry_ids_get_different_reminder_ids() -> None:
    a = running(entry(EntryKind.PROMISE, 1, text="x", due=1, entry_id="e1"))
    b = running(
        entry(EntryKind.PROMISE, 1, text="x", due=1, entry_id="e1", client_id="c2"),
        the_client=client("c2", "Ola"),
    )
    ids = [r.id for r in reminders_of(a, b) if r.kind is ReminderKind.PROMISE]
    assert len(ids) == len(set(ids)) == 2


# ---- DST and mornings --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (date(2026, 3, 28), 8),  # CET, the day before spring forward
        (date(2026, 3, 29), 7),  # CEST from 03:00 that night
        (date(2026, 10, 24), 7),  # CEST, the day before falling back
        (date(2026, 10, 25), 8),  # CET again
    ],
)
def test_a_due_date_is_nine_local_time_on_both_sides_of_a_dst_change(day: date, utc_hour: int) -> None:
    moment = morning_of(day, OSLO)
    assert moment == datetime(day.year, day.month, day.day, utc_hour, 0, tzinfo=UTC)
    assert moment.astimezone(OSLO).hour == 9


def test_tomorrow_morning_across_spring_forward_is_nine_local_not_a_fixed_24_hours() -> None:
    now = datetime(2026, 3, 28, 21, 0, tzinfo=UTC)  # 22:00 CET
    assert tomorrow_morning(now, OSLO) == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # 09:00 CEST, 10 h later
    autumn = datetime(2026, 10, 24, 20, 0, tzinfo=UTC)  # 22:00 CEST
    assert tomorrow_morning(autumn, OSLO) == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)  # 12 h later


def test_a_morning_inside_the_spring_gap_or_the_autumn_overlap_is_well_defined() -> None:
    from datetime import time

    gap = morning_of(date(2026, 3, 29), OSLO, time(2, 30))
    assert gap == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST: as far past the gap's start
    overlap = morning_of(date(2026, 10, 25), OSLO, time(2, 30))
    assert overlap == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the first 02:30 (CEST)


def test_ten_minutes_and_an_hour_are_real_time_across_fall_back() -> None:
    now = datetime(2026, 10, 25, 0, 55, tzinfo=UTC)  # 02:55 CEST, five minutes before the clocks go back
    assert snooze_until(Snooze.MINUTES_10, now, OSLO) == now + timedelta(minutes=10)  # shows 02:05 CET
    assert snooze_until(Snooze.HOUR_1, now, OSLO) == now + timedelta(hours=1)
    chosen = datetime(2026, 10, 25, 12, 0, tzinfo=OSLO)
    assert snooze_until(chosen, now, OSLO) == datetime(2026, 10, 25, 11, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="timezone-aware"):
        snooze_until(datetime(2026, 10, 25, 12, 0), now, OSLO)


def test_a_reminder_due_on_the_spring_forward_day_fires_at_nine_cest() -> None:
    r = rem("a", morning_of(date(2026, 3, 29), OSLO))
    state = ReminderState(last_check=datetime(2026, 3, 29, 6, 59, 30, tzinfo=UTC))
    assert check([r], state, datetime(2026, 3, 29, 6, 59, 59, tzinfo=UTC)).notices == ()
    fired = check([r], state, datetime(2026, 3, 29, 7, 0, 30, tzinfo=UTC))
    assert fired.fired == (r,) and not fired.notices[0].digest


# ---- the scheduler's check ---------------------------------------------------------------------------------------


def test_due_fires_once_then_stays_due_without_firing_again() -> None:
    r = rem("a", T0)
    state = ReminderState(last_check=T0 - timedelta(seconds=30))
    before = check([r], state, T0 - timedelta(seconds=1))
    assert before.notices == () and before.due == () and before.upcoming == (r,)
    assert before.next_at == T0 and before.wake_delay_ms == 1001
    first = check([r], before.state, T0 + timedelta(seconds=20))
    assert first.fired == (r,) and first.due == (r,)
    again = check([r], first.state, T0 + timedelta(seconds=60))
    assert again.notices == () and again.due == (r,) and again.next_at is None


@pytest.mark.parametrize(
    ("choice", "until"),
    [
        (Snooze.MINUTES_10, T0 + timedelta(minutes=10)),
        (Snooze.HOUR_1, T0 + timedelta(hours=1)),
        (Snooze.TOMORROW, datetime(2026, 11, 28, 8, 0, tzinfo=UTC)),
        (datetime(2026, 11, 27, 15, 30, tzinfo=OSLO), datetime(2026, 11, 27, 14, 30, tzinfo=UTC)),
    ],
)
def test_a_snoozed_reminder_fires_again_when_the_snooze_ends(
    choice: Snooze | datetime, until: datetime
) -> None:
    r = rem("a", T0 - timedelta(hours=1))
    fired = check([r], ReminderState(last_check=T0 - timedelta(hours=2)), T0 - timedelta(hours=1))
    assert fired.fired == (r,)
    end = snooze_until(choice, T0, OSLO)
    assert end == until
    state = fired.state.snooze(r, end)
    quiet = check([r], state, end - timedelta(seconds=1))
    assert quiet.notices == () and quiet.due == () and quiet.upcoming == (r,) and quiet.next_at == end
    # checks went on every minute meanwhile (no gap): on time, it is a single notice again
    ticking = replace(quiet.state, last_check=end - timedelta(seconds=30))
    back = check([r], ticking, end + timedelta(seconds=5))
    assert back.fired == (r,) and not back.notices[0].digest


def test_a_snooze_never_brings_a_reminder_forward() -> None:
    r = rem("a", T0 + timedelta(days=3))
    state = ReminderState().snooze(r, T0 + timedelta(minutes=10))
    assert state.effective_at(r) == r.due_at


def test_done_and_dismissed_reminders_never_fire_nor_count() -> None:
    a, b, c = rem("a", T0), rem("b", T0), rem("c", T0)
    state = ReminderState(last_check=T0).done(a).dismiss(b)
    result = check([a, b, c], state, T0 + timedelta(seconds=30))
    assert result.fired == (c,) and result.due == (c,)


def test_missed_while_asleep_becomes_one_digest_and_a_just_due_one_its_own_notice() -> None:
    asleep_at = datetime(2026, 11, 26, 21, 0, tzinfo=UTC)
    wake = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)
    night = [rem(n, asleep_at + timedelta(hours=h)) for n, h in (("a", 2), ("b", 5), ("c", 8))]
    just = rem("d", wake - timedelta(minutes=5))
    result = check([*night, just], ReminderState(last_check=asleep_at), wake)
    digests = [n for n in result.notices if n.digest]
    assert len(digests) == 1 and digests[0].missed and set(digests[0].reminders) == set(night)
    assert [n.reminders for n in result.notices if not n.digest] == [(just,)]
    assert result.woke
    assert notice_text(digests[0], locked=False).summary == "3 reminders while you were away"
    assert check([*night, just], result.state, wake + timedelta(minutes=1)).notices == ()


def test_first_check_ever_folds_old_overdue_reminders_into_one_digest() -> None:
    old = [rem(f"r{i}", T0 - timedelta(days=i + 1)) for i in range(10)]
    result = check(old, ReminderState(), T0)
    assert len(result.notices) == 1 and result.notices[0].digest and len(result.notices[0].reminders) == 10


def test_many_due_at_the_same_moment_are_one_digest_not_a_burst() -> None:
    many = [rem(f"r{i}", T0) for i in range(MAX_SINGLE + 1)]
    result = check(many, ReminderState(last_check=T0 - timedelta(seconds=40)), T0 + timedelta(seconds=10))
    assert len(result.notices) == 1 and result.notices[0].digest and not result.notices[0].missed
    assert notice_text(result.notices[0], locked=False).summary == f"{MAX_SINGLE + 1} reminders due"
    few = many[:MAX_SINGLE]
    assert [
        n.digest for n in check(few, ReminderState(last_check=T0), T0 + timedelta(seconds=10)).notices
    ] == [False] * MAX_SINGLE


def test_a_reminder_created_already_overdue_while_awake_is_a_single_notice() -> None:
    r = rem("late", T0 - timedelta(days=3))
    result = check([r], ReminderState(last_check=T0 - timedelta(seconds=30)), T0)
    assert len(result.notices) == 1 and not result.notices[0].digest


def test_clock_jumping_forward_eight_hours_gives_one_digest_for_the_skipped_time() -> None:
    last = T0
    skipped = [rem("a", T0 + timedelta(hours=2)), rem("b", T0 + timedelta(hours=6))]
    later = rem("c", T0 + timedelta(hours=9))
    result = check([*skipped, later], ReminderState(last_check=last), T0 + timedelta(hours=8))
    assert [(n.digest, n.reminders) for n in result.notices] == [(True, tuple(skipped))]
    assert result.upcoming == (later,) and result.next_at == later.due_at


def test_clock_jumping_back_eight_hours_fires_nothing_again_and_does_not_stall_new_reminders() -> None:
    r = rem("a", T0)
    fired = check([r], ReminderState(last_check=T0 - timedelta(seconds=30)), T0 + timedelta(seconds=10))
    assert fired.fired == (r,)
    back = T0 - timedelta(hours=8)
    result = check([r], fired.state, back)
    assert result.notices == () and result.due == (r,)  # still due: the user has not acted on it
    assert result.state.last_check == back and result.woke
    snoozed = rem("b", back + timedelta(minutes=10))
    ticking = replace(result.state, last_check=back + timedelta(minutes=9, seconds=40))
    soon = check([r, snoozed], ticking, back + timedelta(minutes=10, seconds=5))
    assert soon.fired == (snoozed,) and not soon.notices[0].digest
    # and when the clock passes the old moment again, r does not fire twice
    assert check([r], soon.state, T0 + timedelta(minutes=1)).notices == ()


# ---- far ahead: the timer --------------------------------------------------------------------------------------


def test_a_reminder_months_ahead_gives_a_capped_wake_up_that_never_overflows_a_qt_timer() -> None:
    far = rem("far", T0 + timedelta(days=40))
    result = check([far], ReminderState(last_check=T0), T0)
    assert result.next_at == far.due_at
    assert result.wake_delay_ms == int(MAX_WAKE_DELAY.total_seconds() * 1000) < QT_TIMER_MAX_MS
    assert wake_delay_ms(T0 + timedelta(days=400), T0, cap=timedelta(days=365)) == QT_TIMER_MAX_MS
    assert wake_delay_ms(T0 + timedelta(minutes=5), T0) == 300_001
    assert wake_delay_ms(T0 - timedelta(minutes=5), T0) == 0
    assert wake_delay_ms(None, T0) == int(MAX_WAKE_DELAY.total_seconds() * 1000)


def test_check_needs_an_aware_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        check([], ReminderState(), datetime(2026, 11, 27, 9, 0))


# ---- privacy -----------------------------------------------------------------------------------------------------


def test_a_locked_notification_says_only_how_many() -> None:
    r = rem("a", T0, name="Kari Nordmann")
    result = check([r, rem("b", T0)], ReminderState(last_check=T0), T0 + timedelta(seconds=5))
    for notice in result.notices:
        text = notice_text(notice, locked=True)
        assert "Kari" not in text.summary + text.body and "Do " not in text.summary + text.body
    assert notice_text(2, locked=True).summary == "2 reminders — unlock to see them"
    assert notice_text(1, locked=False).summary == "1 reminder — unlock to see them"


def test_names_are_shown_only_when_the_setting_allows() -> None:
    r = rem("a", T0, name="Kari Nordmann")
    (notice,) = check([r], ReminderState(last_check=T0), T0 + timedelta(seconds=5)).notices
    assert notice_text(notice, locked=False).summary == "Kari Nordmann: Do a"
    hidden = notice_text(notice, locked=False, show_names=False)
    assert "Kari" not in hidden.summary + hidden.body and hidden.summary == "Do a"
    named = replace(r, title="Agree how often Kari Nordmann wants updates")
    (notice,) = check([named], ReminderState(last_check=T0), T0 + timedelta(seconds=5)).notices
    assert (
        notice_text(notice, locked=False, show_names=False).summary
        == "Agree how often the client wants updates"
    )


def test_a_redacted_reminder_schedules_the_same_and_says_nothing() -> None:
    rs = [rem("a", T0), rem("b", T0 + timedelta(hours=1))]
    state = ReminderState(last_check=T0 - timedelta(seconds=30))
    plain = check(rs, state, T0 + timedelta(seconds=5))
    hidden = check([r.redacted() for r in rs], state, T0 + timedelta(seconds=5))
    assert [r.id for r in hidden.fired] == [r.id for r in plain.fired] and hidden.next_at == plain.next_at
    assert all(r.client_name == "" and r.title == "" for r in hidden.due + hidden.upcoming)


# ---- properties --------------------------------------------------------------------------------------------------

offsets = st.integers(min_value=-3 * 24 * 60, max_value=3 * 24 * 60)  # minutes around T0


@settings(max_examples=150, deadline=None)
@given(
    dues=st.lists(offsets, max_size=12),
    steps=st.lists(st.integers(min_value=-9 * 60, max_value=12 * 60), min_size=1, max_size=12),
    snoozes=st.dictionaries(st.integers(0, 11), st.integers(1, 24 * 60), max_size=4),
)
def test_checks_never_burst_never_fire_early_and_fire_each_moment_once(
    dues: list[int], steps: list[int], snoozes: dict[int, int]
) -> None:
    reminders = [rem(f"r{i}", T0 + timedelta(minutes=m)) for i, m in enumerate(dues)]
    state = ReminderState(last_check=T0 - timedelta(days=4))
    now = T0
    fired_at: set[tuple[str, datetime]] = set()
    for step in steps:
        now = now + timedelta(minutes=step)
        result = check(reminders, state, now)
        assert sum(n.digest for n in result.notices) <= 1
        assert sum(not n.digest for n in result.notices) <= MAX_SINGLE
        for r in result.fired:
            at = state.effective_at(r)
            assert at <= now
            assert (r.id, at) not in fired_at
            fired_at.add((r.id, at))
        assert set(result.due).isdisjoint(result.upcoming)
        assert all(r in result.due for r in reminders if state.is_active(r) and state.effective_at(r) <= now)
        assert 0 <= result.wake_delay_ms <= QT_TIMER_MAX_MS
        state = result.state
        for index, minutes in snoozes.items():
            if index < len(reminders) and reminders[index] in result.fired:
                state = state.snooze(reminders[index], now + timedelta(minutes=minutes))
    for r in reminders:
        if state.is_active(r) and state.effective_at(r) <= now and state.marks.get(r.id) is not None:
            assert state.marks[r.id].notified_at is not None
