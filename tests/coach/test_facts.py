"""The shared definitions the rules rely on."""

from __future__ import annotations

from itertools import product

import pytest

from clientjournal.coach import suggest
from clientjournal.coach.facts import (
    JournalView,
    excerpt,
    informs_client,
    is_contact,
    is_live_contact,
    is_told,
    mood_score,
)
from clientjournal.domain import moods
from clientjournal.domain.enums import Channel, EntryKind

from .builders import NOW, entry, journal


def test_the_fast_mood_score_matches_the_domain() -> None:
    names = [m.name for m in moods.DEFAULT_MOODS] + ["my-own-tag"]
    for size in range(4):
        for combo in product(names, repeat=size):
            assert mood_score(combo) == moods.mood_score(combo)


def test_contact_informing_and_live_kinds() -> None:
    assert not is_contact(entry(EntryKind.NOTE, 1, channel=Channel.PHONE))
    assert is_contact(entry(EntryKind.CONTRACT_SIGNED, 1))
    assert not is_contact(entry(EntryKind.SETBACK, 1))
    assert not informs_client(entry(EntryKind.CHANGE_REQUEST, 1, channel=Channel.EMAIL))
    assert is_live_contact(entry(EntryKind.CALL, 1))
    assert is_live_contact(entry(EntryKind.EMAIL, 1, channel=Channel.VIDEO))
    assert not is_live_contact(entry(EntryKind.MEETING, 1, channel=Channel.EMAIL))


def test_excerpt_takes_the_first_line_and_shortens_it() -> None:
    assert excerpt("  \n") == ""
    assert excerpt("First line\nsecond") == "First line"
    assert excerpt("x" * 100) == "x" * 79 + "…"


def test_excerpt_stops_at_the_first_sentence_but_not_at_a_date() -> None:
    assert excerpt("Sa til Bjørn at mailene kommer 6. desember. Vi holder samme rytme.") == (
        "Sa til Bjørn at mailene kommer 6. desember"
    )
    assert excerpt("Draft of the landing page. She wants blue.") == "Draft of the landing page"
    assert excerpt("Lovet fargepaletten innen 22. nov.") == "Lovet fargepaletten innen 22. nov"


@pytest.mark.parametrize("kind", [EntryKind.SETBACK, EntryKind.PROBLEM_SOLVED])
@pytest.mark.parametrize("channel", [None, *Channel])
def test_a_channel_never_says_the_client_was_told(kind: EntryKind, channel: Channel | None) -> None:
    """The entry dialog pre-fills the client's channel, so only ``client_told_at`` means "told"."""
    untold = entry(kind, 1, channel=channel)
    assert not is_told(untold)
    assert not informs_client(untold)
    assert not is_contact(untold)
    assert not is_live_contact(untold)


@pytest.mark.parametrize("kind", [EntryKind.SETBACK, EntryKind.PROBLEM_SOLVED])
def test_told_comes_from_the_field_alone(kind: EntryKind) -> None:
    told = entry(kind, 2, told=1)
    assert is_told(told)
    assert not informs_client(told)  # the mark tells the client of this entry only, not of earlier ones
    assert is_contact(told)
    assert not is_live_contact(told)  # no channel: how it was told is not known
    assert is_live_contact(entry(kind, 2, told=1, channel=Channel.PHONE))
    assert not is_live_contact(entry(kind, 2, told=None, channel=Channel.PHONE))


def test_a_later_conversation_tells_an_older_setback_and_an_untold_setback_does_not() -> None:
    """The rule for setbacks written before telling was recorded: a later conversation counts as told."""
    setback = entry(EntryKind.SETBACK, 5, channel=Channel.OTHER)
    second = entry(EntryKind.SETBACK, 3, channel=Channel.EMAIL)
    view = JournalView.of(journal(entries=(setback, second)), NOW)
    assert not view.told_after(0, "p1", informs_client)
    call = entry(EntryKind.CALL, 1)
    view = JournalView.of(journal(entries=(setback, second, call)), NOW)
    assert view.told_after(0, "p1", informs_client)


@pytest.mark.parametrize("kind", [EntryKind.SETBACK, EntryKind.PROBLEM_SOLVED])
def test_a_told_mark_on_a_later_entry_does_not_tell_an_earlier_one(kind: EntryKind) -> None:
    earlier = entry(kind, 5, channel=Channel.EMAIL, text="Supplier broke the import.")
    later = entry(kind, 1, channel=Channel.EMAIL, text="The test server is down.", told=0.5)
    j = journal(entries=(earlier, later))
    action = "tell_setback" if kind is EntryKind.SETBACK else "explain_solved_problem"
    found = [a for a in suggest(j, NOW) if a.action == action]
    assert [a.evidence for a in found] == [(earlier.id,)]
    call = entry(EntryKind.CALL, 0.2, channel=Channel.PHONE, text="Went through both with Kari.")
    assert action not in {a.action for a in suggest(journal(entries=(earlier, later, call)), NOW)}
