"""Property tests: on any valid journal the coach never crashes, is deterministic and stays consistent."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientjournal.coach import (
    ACTION_NAMES,
    CoachState,
    current_step,
    draft_message,
    promise_ledger,
    suggest,
)
from clientjournal.coach.facts import JournalView
from clientjournal.coach.feelings import read_moods
from clientjournal.coach.merge import CAUSES_OF_FEELINGS
from clientjournal.coach.trend import Direction
from clientjournal.coach.values import ACTION_SPECS
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.enums import Valence
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag, mood_score
from clientjournal.services.coaching import CoachingService
from clientjournal.services.timeline.index import TimelineIndex
from clientjournal.services.timeline.trend import mood_trend

from .strategies import client_journals, journal_lists, moments

# Generating journals dominates the run time; these counts keep the file at ~10 s on a CI machine.
LEFTOVER = re.compile(r"\[(?!…\])[^\]]*\]")
"""A bracketed placeholder other than "[…]" (where only the user knows what to write)."""

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(SETTINGS, max_examples=100)
@given(journals=journal_lists(), now=moments(), language=st.sampled_from(["en", "nb"]))
def test_suggest_is_total_consistent_and_deterministic(
    journals: list[ClientJournal], now: datetime, language: str
) -> None:
    actions = suggest(journals, now, language=language)
    assert suggest(list(reversed(journals)), now, language=language) == actions
    assert [a.priority for a in actions] == sorted((a.priority for a in actions), reverse=True)
    assert len({a.key for a in actions}) == len(actions)
    by_client = {j.client.id: j for j in journals}
    for action in actions:
        journal = by_client[action.client]
        assert not journal.client.archived
        assert action.action in ACTION_NAMES
        assert action.step == ACTION_SPECS[action.action].step
        assert 1 <= action.step <= 8
        assert math.isfinite(action.priority) and action.priority >= 0
        assert action.title and action.reason
        assert "{" not in action.title + action.reason and "}" not in action.title + action.reason
        assert action.channel.is_live or not action.listen_first  # hearing an upset client out is done live
        entry_ids = {e.id for e in journal.entries}
        assert set(action.evidence) <= entry_ids
        project_ids = {p.id for p in journal.projects} | {e.project_id for e in journal.entries}
        assert action.project is None or action.project in project_ids
        json.dumps(action.to_json())


@SETTINGS
@given(journal=client_journals(), now=moments())
def test_languages_agree_on_everything_but_the_words(journal: ClientJournal, now: datetime) -> None:
    def shape(language: str) -> list[tuple[object, ...]]:
        return [
            (a.key, a.step, a.channel, a.due_on, a.priority) for a in suggest(journal, now, language=language)
        ]

    assert shape("en") == shape("nb")


@SETTINGS
@given(journal=client_journals(), now=moments(), data=st.data())
def test_state_hides_exactly_what_it_names(
    journal: ClientJournal, now: datetime, data: st.DataObject
) -> None:
    actions = suggest(journal, now)
    keys = [a.key for a in actions]
    dismissed = frozenset(data.draw(st.lists(st.sampled_from(keys), unique=True)) if keys else [])
    state = CoachState(dismissed=dismissed)
    assert [a.key for a in suggest(journal, now, state=state)] == [k for k in keys if k not in dismissed]


@SETTINGS
@given(journal=client_journals(), now=moments())
def test_steps_ledger_and_drafts_never_fail(journal: ClientJournal, now: datetime) -> None:
    for project in journal.projects:
        assert 1 <= current_step(journal, project.id, now) <= 8
        assert current_step(journal, project.id, now) == current_step(journal, project.id, now)
    ledger = promise_ledger(journal)
    assert ledger.total == sum(1 for e in journal.entries if e.promise is not None)
    rate = ledger.kept_on_time_rate
    assert rate is None or 0.0 <= rate <= 1.0
    for action in suggest(journal, now)[:5]:
        for language in ("en", "nb"):
            draft = draft_message(action, journal, language, "Ola")
            assert "{" not in draft.subject + draft.body
            assert draft.channel is action.channel
            assert not LEFTOVER.search(draft.subject + draft.body)


@SETTINGS
@given(journal=client_journals(), now=moments())
def test_no_action_is_due_before_its_newest_evidence_was_written(
    journal: ClientJournal, now: datetime
) -> None:
    written = {e.id: e.occurred_at.astimezone(now.tzinfo).date() for e in journal.entries}
    for action in suggest(journal, now):
        days = [written[e] for e in action.evidence if e in written]
        if action.due_on is not None and days:
            assert action.due_on >= max(days), action


@SETTINGS
@given(journal=client_journals(), now=moments())
def test_one_card_per_conversation(journal: ClientJournal, now: datetime) -> None:
    actions = suggest(journal, now)
    about = {
        a.evidence[-1] for a in actions if a.action in CAUSES_OF_FEELINGS or "mirror_feelings" in a.merged
    }
    told = {a.evidence[0] for a in actions if a.action == "tell_setback"}
    for action in actions:
        if action.action == "mirror_feelings":
            assert action.evidence[-1] not in about  # the feeling is on its cause's card, not beside it
        if action.action == "promise_at_risk":
            assert action.evidence[-1] not in told  # the setback's card speaks for the promise
        assert len(action.reasons) == 1 + len(action.merged)
        assert action.reason == " ".join(action.reasons)
        assert set(action.merged) <= set(ACTION_NAMES) and action.action not in action.merged


@SETTINGS
@given(journals=journal_lists(), now=moments())
def test_the_count_per_client_is_what_that_clients_own_list_shows(
    journals: list[ClientJournal], now: datetime
) -> None:
    # The client list's badge counts the client's share of the whole-vault list; the sidebar lists the client's.
    every = Counter(a.client for a in suggest(journals, now))
    for journal in journals:
        assert every[journal.client.id] == len(suggest(journal, now))


@SETTINGS
@given(journal=client_journals(), now=moments())
def test_the_chart_and_the_coach_agree_on_the_trend(journal: ClientJournal, now: datetime) -> None:
    past = [e for e in journal.entries if e.occurred_at <= now]
    samples = [(e.occurred_at.date(), s) for e in past if (s := mood_score(e.moods)) is not None]
    coach = read_moods(JournalView.of(journal, now))
    assert mood_trend(samples).direction == (coach.direction.value if coach.direction else None)
    if coach.falling:
        assert coach.direction is Direction.FALLING


@SETTINGS
@given(journals=journal_lists(), now=moments(), language=st.sampled_from(["en", "nb"]))
def test_the_same_journals_and_moment_always_give_the_same_words(
    journals: list[ClientJournal], now: datetime, language: str
) -> None:
    # Deterministic down to the texts and drafts the user reads, not just the order of the keys.
    first = suggest(journals, now, language=language)
    again = suggest([replace(j) for j in journals], now, language=language)
    assert [(a.to_json(), a.reasons, a.merged, a.facts) for a in first] == [
        (a.to_json(), a.reasons, a.merged, a.facts) for a in again
    ]
    by_client = {j.client.id: j for j in journals}
    for action in first[:3]:
        journal = by_client[action.client]
        assert draft_message(action, journal, language, "Ola") == draft_message(
            action, journal, language, "Ola"
        )


class _Journals:
    """The part of JournalService the coach's use cases read, over journals in memory."""

    def __init__(self, journals: list[ClientJournal]) -> None:
        self._by_id = {j.client.id: j for j in journals}

    def journal(self, client_id: str) -> ClientJournal:
        return self._by_id[client_id]

    def journals_of(self, client_ids: list[str]) -> list[ClientJournal]:
        return [self._by_id[c] for c in client_ids]


class _Settings:
    """The part of VaultSettings the coach reads: what the user put aside, their own mood tags, the signature."""

    def __init__(self, state: CoachState, tags: list[MoodTag]) -> None:
        self.state, self.tags = state, tags

    def coach_state(self) -> CoachState:
        return self.state

    def mood_tags(self) -> list[MoodTag]:
        return self.tags

    def sender_name(self) -> str:
        return ""


USER_TAGS = [
    MoodTag("grateful", Valence.POSITIVE, "#00aa00", 2),
    MoodTag("calm", Valence.NEGATIVE, "#aa0000"),
]


@SETTINGS
@given(journals=journal_lists(), now=moments(), data=st.data())
def test_every_badge_counts_what_the_sidebar_lists_for_that_client(
    journals: list[ClientJournal], now: datetime, data: st.DataObject
) -> None:
    # Through the service the window uses: the vault's snoozes, dismissals and own mood tags (which may redefine
    # a default one) apply to the badge and to the sidebar alike; the sidebar lists every project's actions.
    plain = suggest(journals, now)
    keys = sorted({a.key for a in plain})
    put_aside = data.draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
    half = len(put_aside) // 2
    today = now.date()
    state = CoachState(
        snoozed={k: today + timedelta(days=data.draw(st.integers(-2, 3))) for k in put_aside[:half]},
        dismissed=frozenset(put_aside[half:]),
    )
    tags = data.draw(st.sampled_from([[], USER_TAGS]))
    service = CoachingService(_Journals(journals), _Settings(state, tags))  # type: ignore[arg-type]
    ids = [j.client.id for j in journals]
    badges = service.badges(ids, now)
    for client_id in ids:
        sidebar = service.client(client_id, now, "nb").actions_for(None)
        assert badges[client_id].actions == len(sidebar)
        assert badges[client_id].due == sum(1 for a in sidebar if a.due_on is not None and a.due_on <= today)


@SETTINGS
@given(journal=client_journals(), now=moments())
def test_the_chart_of_the_timeline_and_the_coach_agree_on_the_trend(
    journal: ClientJournal, now: datetime
) -> None:
    # The chart draws what the timeline index holds (every entry, with the vault's mood tags) up to ``now``; the
    # coach reads the journal at ``now``. Entries dated later (plans) count for neither: both say the same word.
    moods = {**DEFAULT_MOODS_BY_NAME, **{t.name: t for t in USER_TAGS}}
    for catalogue in (DEFAULT_MOODS_BY_NAME, moods):
        chart = mood_trend(TimelineIndex.of(journal.entries, catalogue).mood_samples(until=now))
        coach = read_moods(JournalView.of(journal, now, catalogue))
        assert chart.direction == (coach.direction.value if coach.direction else None)
