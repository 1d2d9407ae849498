"""The situations of issue 9, each as a careful reader of the playbook would handle it.

1. telling is explicit data, 2. one conversation is one card, 3. one mood trend, 4. (badges: see
tests/core/test_coach_badges.py), 5. promises have a title, 6. drafts a person could send.
"""

from __future__ import annotations

import re

import pytest

from clientjournal.coach import CoachState, draft_message, load_playbook, suggest
from clientjournal.coach.facts import JournalView
from clientjournal.coach.feelings import read_moods
from clientjournal.coach.reminders import collect
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.enums import Channel, EntryKind
from clientjournal.domain.moods import mood_score
from clientjournal.services.timeline.trend import mood_trend

from .builders import NOW, OSLO, TODAY, client, day, entry, running

LEFTOVER = re.compile(r"\[(?!…\])[^\]]*\]")
"""A bracketed placeholder other than "[…]" (the mark for what only the user can write)."""


def named(j: ClientJournal, action: str) -> list:
    return [a for a in suggest(j, NOW) if a.action == action]


# ---- 1. whether the client was told is explicit ------------------------------------------------------------


def test_a_setback_logged_with_the_dialogs_defaults_asks_to_tell_the_client_in_their_register() -> None:
    # The entry dialog pre-fills the client's preferred channel; "told" is off by default.
    c = client(temperament="Calm and formal, wants the facts.")
    setback = entry(
        EntryKind.SETBACK,
        0.2,
        channel=Channel.EMAIL,
        text="The supplier broke our import; delivery slips a week.",
    )
    (tell,) = named(running(setback, the_client=c), "tell_setback")
    assert (tell.step, tell.due_on) == (5, TODAY)
    assert "supplier broke our import" in tell.reason
    assert "calm and factual" in tell.reason  # the tone advice from the temperament
    told = entry(EntryKind.SETBACK, 0.2, channel=Channel.EMAIL, text="Supplier broke the import.", told=0.1)
    assert named(running(told, the_client=c), "tell_setback") == []


def test_a_solved_problem_logged_with_a_channel_asks_to_explain_it_until_told() -> None:
    solved = entry(
        EntryKind.PROBLEM_SOLVED, 1, channel=Channel.EMAIL, text="Fixed the data-loss bug in the form."
    )
    (explain,) = named(running(solved), "explain_solved_problem")
    assert explain.step == 8
    assert (
        named(
            running(solved, entry(EntryKind.EMAIL, 0.5, text="Explained the bug fix.")),
            "explain_solved_problem",
        )
        == []
    )
    told = entry(EntryKind.PROBLEM_SOLVED, 1, channel=Channel.EMAIL, told=0.5)
    assert named(running(told), "explain_solved_problem") == []


def test_an_imported_setback_with_channel_other_and_no_word_of_telling_needs_attention() -> None:
    imported = entry(EntryKind.SETBACK, 2, channel=Channel.OTHER, text="Hosting outage delayed the launch.")
    actions = suggest(running(imported), NOW)
    assert actions and actions[0].action == "tell_setback"


# ---- 2. one conversation, one card -------------------------------------------------------------------------


def _unsure_change_request() -> ClientJournal:
    request = entry(
        EntryKind.CHANGE_REQUEST,
        0.1,
        channel=Channel.EMAIL,
        moods=("uncertain",),
        text="Wants a web shop after all. Sounded unsure about the budget.",
        entry_id="request",
    )
    return running(request, the_client=client(channel=Channel.EMAIL), last_update=1)


def test_a_change_request_and_the_doubt_in_the_same_entry_are_one_call_about_the_change() -> None:
    actions = suggest(_unsure_change_request(), NOW)
    assert [a.action for a in actions] == ["discuss_change_request"]  # no separate "check in about feelings"
    (card,) = actions
    assert card.step == 3 and card.merged == ("mirror_feelings",)
    assert "request" in card.evidence
    assert len(card.reasons) == 2 and "uncertain" in card.reasons[1] and "listen first" in card.reasons[1]
    assert card.reason == " ".join(card.reasons)
    assert card.channel.is_live  # feelings are heard, not read
    assert (
        card.due_on is not None and card.due_on >= TODAY
    )  # never "due yesterday" for an entry written today


def test_a_setback_and_the_promise_it_puts_at_risk_are_one_conversation() -> None:
    made = entry(
        EntryKind.PROMISE, 5, channel=Channel.EMAIL, text="Kick-off call notes.", due=3, title="Shop launch"
    )
    setback = entry(EntryKind.SETBACK, 0.5, channel=Channel.EMAIL, text="Payment provider API is down.")
    actions = suggest(running(made, setback), NOW)
    assert [a.action for a in actions if a.action in ("tell_setback", "promise_at_risk")] == ["tell_setback"]
    (card,) = (a for a in actions if a.action == "tell_setback")
    assert card.step == 5 and card.merged == ("promise_at_risk",)
    assert set(card.evidence) == {made.id, setback.id}
    assert "“Shop launch”" in card.reasons[1]
    assert card.due_on == day(0)


def test_logging_the_conversation_about_the_setback_ends_the_promise_warning_too() -> None:
    made = entry(EntryKind.PROMISE, 5, channel=Channel.EMAIL, due=3, title="Shop launch")
    setback = entry(EntryKind.SETBACK, 1, channel=Channel.EMAIL, text="Payment provider API is down.")
    # What "Log it" on the merged card records: the conversation, and the setback marked told.
    talked = entry(
        EntryKind.CALL, 0.5, channel=Channel.PHONE, text="Told Kari about the API; new date agreed."
    )
    told = entry(EntryKind.SETBACK, 1, channel=Channel.EMAIL, text="Payment provider API is down.", told=0.5)
    actions = {a.action for a in suggest(running(made, told, talked), NOW)}
    assert not actions & {"tell_setback", "promise_at_risk"}
    assert "promise_at_risk" in {
        a.action for a in suggest(running(made, told), NOW)
    }  # told, risk not talked over
    assert "tell_setback" in {a.action for a in suggest(running(made, setback), NOW)}


def test_dismissing_a_merged_card_puts_the_whole_conversation_aside() -> None:
    (card,) = suggest(_unsure_change_request(), NOW)
    assert suggest(_unsure_change_request(), NOW, state=CoachState(dismissed=frozenset({card.key}))) == []


def test_a_promise_written_today_for_a_past_date_is_due_today_not_overdue_since_before() -> None:
    late = entry(EntryKind.PROMISE, 0.1, channel=Channel.EMAIL, due=-2, title="Logo sketches")
    (overdue,) = named(running(late), "promise_overdue")
    assert overdue.due_on == TODAY


# ---- 3. one mood trend -------------------------------------------------------------------------------------


def test_the_chart_and_the_coach_read_the_same_trend() -> None:
    # Weeks of good moods, then one bad day: the old chart's smoothed weekly line still said "rising".
    history = [entry(EntryKind.CALL, d, moods=("satisfied",)) for d in (40, 33, 26, 19)]
    history += [
        entry(EntryKind.EMAIL, 12, moods=("enthusiastic",)),
        entry(EntryKind.EMAIL, 2, moods=("anxious",)),
    ]
    j = running(*history, last_update=3)
    samples = [(e.occurred_at.date(), mood_score(e.moods)) for e in j.entries if e.moods]
    chart = mood_trend([(d, s) for d, s in samples if s is not None])
    coach = read_moods(JournalView.of(j, NOW))
    assert chart.direction == coach.direction == "falling"
    (mirror,) = named(j, "mirror_feelings")
    assert "falling" in mirror.reason


def test_a_small_dip_is_steady_everywhere_and_the_coach_stays_quiet() -> None:
    history = [entry(EntryKind.CALL, d, moods=("satisfied",)) for d in (9, 6, 4)]
    j = running(*history, entry(EntryKind.EMAIL, 1, moods=("neutral",)), last_update=1)
    samples = [(e.occurred_at.date(), s) for e in j.entries if (s := mood_score(e.moods)) is not None]
    assert mood_trend(samples).direction == read_moods(JournalView.of(j, NOW)).direction == "steady"
    assert named(j, "mirror_feelings") == []


# ---- 5. promises have a title ------------------------------------------------------------------------------


def test_a_promise_is_named_by_its_title_and_older_ones_by_their_first_sentence() -> None:
    titled = entry(
        EntryKind.PROMISE,
        1,
        channel=Channel.PHONE,
        text="Confirm in writing: Kick-off call.",
        due=1,
        title="Mood board",
    )
    untitled = entry(
        EntryKind.PROMISE, 3, channel=Channel.EMAIL, text="Send the price list. Also the terms.", due=0
    )
    j = running(titled, untitled)
    titles = {a.title for a in suggest(j, NOW)}
    assert "Promise due tomorrow: Mood board" in titles  # not "in 1 day"
    assert "Promise due today: Send the price list" in titles
    assert "Confirm in writing: Mood board" in titles
    reminders = {r.entry_id: r.title for r in collect([j], suggest(j, NOW), OSLO)}
    assert "Mood board" in reminders[titled.id] and "Send the price list" in reminders[untitled.id]


# ---- 6. drafts a person could send -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("channel", list(Channel))
def test_drafts_are_filled_from_the_journal_and_signed(language: str, channel: Channel) -> None:
    made = entry(EntryKind.PROMISE, 6, channel=Channel.EMAIL, due=2, title="Shop launch")
    setback = entry(EntryKind.SETBACK, 1, channel=Channel.EMAIL, text="Payment provider API is down", told=1)
    overdue = entry(EntryKind.PROMISE, 9, channel=Channel.EMAIL, due=-3, title="Logo sketches")
    problem = entry(EntryKind.PROBLEM_SOLVED, 1, text="Fixed the broken contact form")
    j = running(made, setback, overdue, problem)
    actions = suggest(j, NOW, language=language)
    assert {"promise_at_risk", "promise_overdue", "explain_solved_problem"} <= {a.action for a in actions}
    for action in actions:
        text = draft_message(action, j, language, "Ada Lovelace", channel=channel)
        whole = text.subject + "\n" + text.body
        assert not LEFTOVER.search(whole), whole
        assert "{" not in whole
        if not channel.is_live:
            assert "Ada Lovelace" in whole
    risk = next(a for a in actions if a.action == "promise_at_risk")
    body = draft_message(risk, j, language, "Ada", channel=Channel.EMAIL).body
    assert "Shop launch" in body and "Payment provider API is down" in body
    assert load_playbook(language).format_date(day(2)) in body


def test_reasons_say_today_and_yesterday_not_zero_or_one_days_ago() -> None:
    request = entry(EntryKind.CHANGE_REQUEST, 0.1, channel=Channel.EMAIL, text="Add a blog")
    earlier = entry(EntryKind.CHANGE_REQUEST, 1, channel=Channel.EMAIL, text="Add a shop", project_id=None)
    j = running(request, earlier)
    for language, today, yesterday in (("en", "(today)", "(yesterday)"), ("nb", "(i dag)", "(i går)")):
        reasons = [
            a.reason for a in suggest(j, NOW, language=language) if a.action == "discuss_change_request"
        ]
        assert any(today in r for r in reasons) and any(yesterday in r for r in reasons)
        assert not any(re.search(r"\b[01] (days?|dager?)\b", r) for r in reasons)


def test_a_setback_draft_in_the_clients_language_quotes_the_setback() -> None:
    setback = entry(EntryKind.SETBACK, 0.1, text="Serveren gikk ned i natt")
    j = running(setback, the_client=client(channel=Channel.EMAIL))
    (tell,) = (a for a in suggest(j, NOW, language="en") if a.action == "tell_setback")
    body = draft_message(tell, j, "nb", "Kari").body
    assert body.startswith("Hei Kari,") and "«Serveren gikk ned i natt»" in body


def test_a_mirrored_feeling_in_a_draft_names_the_mood() -> None:
    j = running(
        entry(EntryKind.MEETING, 9, channel=Channel.VIDEO, moods=("satisfied",)),
        entry(EntryKind.EMAIL, 1, channel=Channel.EMAIL, moods=("frustrated",)),
        last_update=3,
    )
    (mirror,) = (a for a in suggest(j, NOW) if a.action == "mirror_feelings")
    assert "you felt frustrated" in draft_message(mirror, j, "en", "Ada", channel=Channel.EMAIL).body


def test_an_overdue_update_to_a_client_who_wrote_in_anger_is_suggested_live() -> None:
    c = client(channel=Channel.EMAIL, phone="+47 400 00 000")
    angry = entry(EntryKind.NOTE, 1, moods=("angry",), text="Furious about the delays.", client_id=c.id)
    actions = suggest(running(angry, the_client=c, last_update=15), NOW)
    (update,) = (a for a in actions if a.action.startswith("progress_update"))
    assert update.channel.is_live
    calm = suggest(running(the_client=c, last_update=15), NOW)
    assert next(a for a in calm if a.action.startswith("progress_update")).channel is Channel.EMAIL


def test_a_merged_feeling_card_is_based_on_the_entries_that_carry_its_reasons_only() -> None:
    # The mood was compared with the contract's and the last update's: those explain the trend, not this call.
    (card,) = suggest(_unsure_change_request(), NOW)
    assert card.merged == ("mirror_feelings",)
    assert card.evidence == ("request",)
