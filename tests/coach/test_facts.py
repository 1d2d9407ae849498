"""The shared definitions the rules rely on."""

from __future__ import annotations

from itertools import product

from clientjournal.coach.facts import excerpt, informs_client, is_contact, is_live_contact, mood_score
from clientjournal.domain import moods
from clientjournal.domain.enums import Channel, EntryKind

from .builders import entry


def test_the_fast_mood_score_matches_the_domain() -> None:
    names = [m.name for m in moods.DEFAULT_MOODS] + ["my-own-tag"]
    for size in range(4):
        for combo in product(names, repeat=size):
            assert mood_score(combo) == moods.mood_score(combo)


def test_contact_informing_and_live_kinds() -> None:
    assert not is_contact(entry(EntryKind.NOTE, 1, channel=Channel.PHONE))
    assert is_contact(entry(EntryKind.CONTRACT_SIGNED, 1))
    assert not is_contact(entry(EntryKind.SETBACK, 1))
    assert is_contact(entry(EntryKind.SETBACK, 1, channel=Channel.EMAIL))
    assert not informs_client(entry(EntryKind.CHANGE_REQUEST, 1, channel=Channel.EMAIL))
    assert informs_client(entry(EntryKind.PROBLEM_SOLVED, 1, channel=Channel.EMAIL))
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
