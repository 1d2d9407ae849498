"""Journals written apart from the rest of the test data, one situation each, read through the exchange format.

Each file under ``data/unseen/`` is a realistic journal (own wording, kinds, moods, channels, with and without the
optional fields). What a careful reader of the playbook would do next was decided before the coach was run; the
table below is that decision. The coach must put the same action on top (and, across clients, the same client).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from clientjournal.coach import current_step, draft_message, suggest
from clientjournal.coach.values import Action
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.enums import Channel
from clientjournal.exchange.read import parse_document

DATA = Path(__file__).parent / "data" / "unseen"
OSLO = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=OSLO)
"""A Wednesday morning; every file was written as of the evening before."""


def journals(name: str) -> tuple[ClientJournal, ...]:
    return parse_document((DATA / name).read_bytes(), local_tz=OSLO).journals


def actions(name: str, language: str = "en") -> list[Action]:
    return suggest(journals(name), NOW, language=language)


# file, the careful reader's next action (step, action), and why
CAREFUL_READER = [
    ("01-kickoff.json", 1, "kickoff_talk", "signed two days ago by email, no talk since"),
    (
        "02-channel-cadence.json",
        1,
        "agree_channel_cadence",
        "kicked off, but no channel or rhythm on the card",
    ),
    (
        "03-update-overdue.json",
        2,
        "progress_update_overdue",
        "weekly updates, last one 16 days ago; notes since",
    ),
    ("04-change-request-nb.json", 3, "discuss_change_request", "asked for a web shop yesterday"),
    ("05-mood-sliding.json", 4, "mirror_feelings", "satisfied, calm, neutral, then an anxious late e-mail"),
    ("06-setback-untold.json", 5, "tell_setback", "staging server lost, logged with the e-mail channel"),
    ("07-promise-overdue.json", 6, "promise_overdue", "floor plans promised in a meeting, five days late"),
    ("08-confirm-promise.json", 6, "confirm_promise", "promised on the phone yesterday, nothing in writing"),
    ("09-highlight-delivery.json", 7, "highlight_delivery", "delivered three days early yesterday"),
    ("10-deliver-early.json", 7, "deliver_early", "all calm, a promise twelve days out"),
    ("11-problem-solved.json", 8, "explain_solved_problem", "fixed double order mails, logged with e-mail"),
    ("13-promise-due-today.json", 6, "promise_due_today", "price schedule promised for today"),
    (
        "14-angry-client.json",
        4,
        "mirror_feelings",
        "furious e-mail yesterday outranks an open change request",
    ),
    ("15-setback-other-channel.json", 5, "tell_setback", "imported with channel other, no word of telling"),
    ("16-unsure-change.json", 3, "discuss_change_request", "asks for a change and doubts the budget"),
    ("19-setback-before-kickoff.json", 5, "tell_setback", "illustrator ill a day after signing"),
    ("20-setback-nb-anxious.json", 5, "tell_setback", "API changed this morning, test date in two days"),
    ("21-solved-after-delivery.json", 8, "explain_solved_problem", "spam filter fixed after the launch"),
    ("22-frustrated-then-silence.json", 4, "mirror_feelings", "losing patience 16 days ago, silence since"),
]


@pytest.mark.parametrize(
    ("name", "step", "action", "why"), CAREFUL_READER, ids=[c[0] for c in CAREFUL_READER]
)
def test_the_top_action_is_the_careful_readers(name: str, step: int, action: str, why: str) -> None:
    found = actions(name)
    assert found, why
    assert (found[0].step, found[0].action) == (step, action), (why, [(a.step, a.action) for a in found])
    in_norwegian = actions(name, "nb")[0]
    assert (in_norwegian.step, in_norwegian.action, in_norwegian.key) == (step, action, found[0].key)


@pytest.mark.parametrize("name", ["12-calm.json", "18-change-agreed-client-wide.json"])
def test_a_calm_client_gets_nothing(name: str) -> None:
    # Updates on rhythm, the change agreed (18: on the client as a whole), promises kept, the setback told.
    assert actions(name) == []
    assert actions(name, "nb") == []


def test_across_clients_the_untold_setback_comes_first_and_the_calm_client_has_nothing() -> None:
    found = actions("17-vault-ranking.json")
    assert [(a.client, a.step) for a in found] == [("bakke", 5), ("eide", 2), ("rahman", 6)]
    assert "lund" not in {a.client for a in found}


def test_a_setback_that_puts_a_promise_at_risk_is_one_conversation_in_the_clients_register() -> None:
    (first, *_rest) = actions("06-setback-untold.json")
    assert first.merged == ("promise_at_risk",)
    assert "short and direct" in first.reason  # "Very direct and busy" on the card
    assert "Test site with all projects" in first.reason


def test_an_unsure_change_request_is_one_live_call_about_the_change() -> None:
    (card,) = actions("16-unsure-change.json")
    assert card.merged == ("mirror_feelings",) and card.channel.is_live
    assert card.due_on is not None and card.due_on >= NOW.date()


def test_a_setback_logged_with_a_live_channel_is_no_kick_off() -> None:
    # The dialog pre-fills the client's channel (phone): the untold setback is not the kick-off talk.
    found = actions("19-setback-before-kickoff.json")
    assert "kickoff_talk" in {a.action for a in found}
    (journal,) = journals("19-setback-before-kickoff.json")
    assert current_step(journal, "brand", NOW) == 5


def test_an_agreement_about_the_client_as_a_whole_settles_a_projects_change_request() -> None:
    (journal,) = journals("18-change-agreed-client-wide.json")
    assert "discuss_change_request" not in {a.action for a in suggest(journal, NOW)}
    before = NOW - timedelta(days=8)  # 24 November: asked, not yet agreed
    assert "discuss_change_request" in {a.action for a in suggest(journal, before)}


def test_the_suggested_channels_follow_the_playbook() -> None:
    assert actions("05-mood-sliding.json")[0].channel is Channel.VIDEO  # feelings are heard: the video client
    assert actions("08-confirm-promise.json")[0].channel is Channel.EMAIL  # confirm in writing
    assert actions("14-angry-client.json")[0].channel is Channel.PHONE  # an e-mail client, but talk live
    # No channel on the card, last seen at a meeting, no phone: one question is asked by e-mail, not in a meeting.
    assert actions("02-channel-cadence.json")[0].channel is Channel.EMAIL


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_card_cuts_the_journals_words_at_a_word_and_the_draft_quotes_the_whole_sentence(
    language: str,
) -> None:
    (journal,) = journals("06-setback-untold.json")
    (first, *_rest) = suggest(journal, NOW, language=language)
    quoted = re.search(r"[“«]([^”»]*)[”»]", first.reason)
    assert quoted is not None and quoted.group(1).endswith("the test…")  # not "the test s…"
    body = draft_message(first, journal, language, "Ada Berg", channel=Channel.EMAIL).body
    assert "the test site has to be rebuilt, which costs about a week" in body
    assert "…" not in body.replace("[…]", "")


@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.MESSAGE, Channel.OTHER])
def test_a_written_message_about_the_setback_names_the_promise_it_puts_at_risk(
    language: str, channel: Channel
) -> None:
    # One conversation: the client reads of the setback and of the promised date it endangers in one message.
    (journal,) = journals("06-setback-untold.json")
    (first, *_rest) = suggest(journal, NOW, language=language)
    body = draft_message(first, journal, language, "Ada Berg", channel=channel).body
    assert "Test site with all projects" in body and "10" in body and "2026" in body
    alone = journals("15-setback-other-channel.json")[0]  # a setback that puts no promise at risk
    plain = draft_message(suggest(alone, NOW, language=language)[0], alone, language, "Ada", channel=channel)
    assert not [
        line for line in plain.body.splitlines() if "  " in line or line != line.strip()
    ]  # no gap left


def test_a_client_who_wrote_in_frustration_and_heard_nothing_since_gets_a_call_not_an_email_update() -> None:
    found = actions("22-frustrated-then-silence.json")
    assert (found[0].action, found[0].channel) == ("mirror_feelings", Channel.PHONE)
    assert "progress_update_due" in {a.action for a in found}  # still owed, after the call
