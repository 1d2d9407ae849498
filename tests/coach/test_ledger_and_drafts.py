"""The promise ledger and message drafts."""

from __future__ import annotations

import pytest

from clientjournal.coach import (
    ACTION_NAMES,
    Action,
    draft_message,
    promise_ledger,
    suggest,
)
from clientjournal.coach.ledger import promise_title
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.enums import Channel, EntryKind, PromiseStatus

from .builders import NOW, client, entry, journal, project, running


def test_ledger_counts_promises_and_the_kept_on_time_rate() -> None:
    j = journal(
        projects=(project("p1"), project("p2")),
        entries=(
            entry(EntryKind.PROMISE, 30, due=-20, status=PromiseStatus.KEPT, resolved=-20),
            entry(EntryKind.PROMISE, 30, due=-20, status=PromiseStatus.KEPT_EARLY, resolved=-22),
            entry(EntryKind.PROMISE, 30, due=-10, status=PromiseStatus.BROKEN, project_id="p2"),
            entry(EntryKind.PROMISE, 3, due=5),
            entry(EntryKind.PROMISE, 3, due=5, project_id=None),
            entry(EntryKind.CALL, 1),
        ),
    )
    ledger = promise_ledger(j)
    assert (ledger.kept, ledger.kept_early, ledger.broken, ledger.open) == (1, 1, 1, 2)
    assert ledger.kept_on_time_rate == pytest.approx(2 / 3)
    assert promise_ledger(j, "p1").kept_on_time_rate == 1.0
    assert promise_ledger(j, "p2").to_json() == {
        "kept": 0,
        "kept_early": 0,
        "broken": 1,
        "open": 0,
        "kept_on_time_rate": 0.0,
    }


def test_ledger_without_resolved_promises_has_no_rate() -> None:
    assert promise_ledger(running()).kept_on_time_rate is None
    assert promise_ledger(running(entry(EntryKind.PROMISE, 1, due=3))).open == 1


def only(j: ClientJournal, name: str, language: str = "en") -> Action:
    return next(a for a in suggest(j, NOW, language=language) if a.action == name)


def test_email_draft_for_a_progress_update() -> None:
    j = running(last_update=8)
    d = draft_message(only(j, "progress_update_due"), j, "en", sender_name="Ola")
    assert d.channel is Channel.EMAIL
    assert d.subject == "Progress on New website"
    assert d.body.startswith("Hi Kari,\n")
    assert d.body.endswith("Best regards,\nOla\n")


def test_norwegian_talking_points_for_a_live_channel() -> None:
    j = running(entry(EntryKind.SETBACK, 0.2), the_client=client(channel=Channel.PHONE))
    d = draft_message(only(j, "tell_setback", "nb"), j, "nb")
    assert d.channel is Channel.PHONE
    assert d.subject == "Telefon med Kari Nordmann: en viktig oppdatering om New website"
    assert all(line.startswith("- ") for line in d.body.splitlines())


def test_a_promise_draft_names_the_promised_date_not_the_reminder_date() -> None:
    made = entry(EntryKind.PROMISE, 1, channel=Channel.PHONE, due=10)
    j = running(made)
    action = only(j, "confirm_promise")
    d = draft_message(action, j, "en")
    assert "7 December 2026" in d.body  # due in 10 days, though the confirmation is due tomorrow
    assert d.subject == "Confirming what we agreed: New website"


def test_draft_in_another_channel_on_request() -> None:
    j = running(last_update=8)
    d = draft_message(only(j, "progress_update_due"), j, "en", channel=Channel.MESSAGE)
    assert d.channel is Channel.MESSAGE
    assert d.body.startswith("Hi Kari! A quick update on New website")


@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("name", ACTION_NAMES)
def test_every_action_drafts_cleanly_in_every_channel(name: str, language: str) -> None:
    action = Action(
        client="c1",
        project=None,
        step=1,
        action=name,
        title="",
        reason="",
        channel=Channel.EMAIL,
        due_on=None,
        priority=0.0,
        evidence=(),
        key="k",
    )
    j = running()
    for channel in Channel:
        d = draft_message(action, j, language, "Ola", channel=channel)
        assert "{" not in d.subject + d.body and "}" not in d.subject + d.body
        assert d.subject and d.body.strip()


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Meeting with Kari and Ola at their office. They liked the sketches. We will send the floor plans "
            "by Friday.",
            "We will send the floor plans by Friday",
        ),
        (
            "Møte hos Bjørn. Gikk gjennom tegningene.\nVi skal levere prisoverslaget innen 6. desember.",
            "Vi skal levere prisoverslaget innen 6. desember",
        ),
        ("Kick-off call. Goals and scope agreed.", "Kick-off call"),  # no sentence makes it: the first one
    ],
)
def test_an_untitled_promise_is_named_by_the_sentence_that_makes_it(text: str, title: str) -> None:
    made = entry(EntryKind.MEETING, 3, channel=Channel.MEETING, text=text, due=4)
    assert promise_title(made) == title
