"""An update owed to a client who has been upset lately: talk live, let them speak first, then give the update."""

from __future__ import annotations

import copy

import pytest

from clientjournal.coach import PlaybookError, draft_message, load_playbook, suggest
from clientjournal.coach.playbook_reader import parse_playbook
from clientjournal.coach.values import Action
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.enums import Channel, EntryKind

from .builders import NOW, client, entry, running
from .test_playbook import raw

EMAIL_CLIENT = client(channel=Channel.EMAIL, phone="+47 400 00 000")

LISTEN_FIRST = {
    "en": ("frustrated lately", "talk live", "let them tell you", "acknowledge", "then give the update"),
    "nb": ("frustrert i det siste", "snakk sammen direkte", "la klienten først", "anerkjenn", "gi deretter"),
}
"""What the card says, in each language and in this order: why, how, who speaks first, that what they say is
acknowledged, and only then the update."""


def _update_owed(*moods: str, last_update: float = 15) -> ClientJournal:
    """The e-mail client's weekly update, last given ``last_update`` days ago; a note with ``moods`` yesterday."""
    note = entry(EntryKind.NOTE, 1, moods=moods, text="Furious about the delays.", client_id=EMAIL_CLIENT.id)
    return running(*((note,) if moods else ()), the_client=EMAIL_CLIENT, last_update=last_update)


def _update(journal: ClientJournal, language: str = "en") -> Action:
    (update,) = (
        a for a in suggest(journal, NOW, language=language) if a.action.startswith("progress_update")
    )
    return update


@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("mood", ["angry", "frustrated"])
def test_an_overdue_update_to_an_upset_client_says_to_listen_first_and_goes_live(
    language: str, mood: str
) -> None:
    update = _update(_update_owed(mood), language)
    assert update.action == "progress_update_overdue"
    assert update.channel is Channel.PHONE  # an e-mail client, but the update is given in a call
    assert update.listen_first
    reason = update.reason.lower()
    for words in LISTEN_FIRST[language]:
        assert words in reason, (words, update.reason)
    places = [reason.index(words) for words in LISTEN_FIRST[language]]
    assert places == sorted(places)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_call_about_the_update_opens_by_hearing_the_client_out(language: str) -> None:
    journal = _update_owed("angry")
    update = _update(journal)
    points = load_playbook(language).actions[update.action].listen_first
    assert points is not None
    body = draft_message(update, journal, language, "Ola").body
    opening = points.points.splitlines()
    lines = body.splitlines()
    assert lines[: len(opening)] == opening  # before any of the update's own points
    update_points = load_playbook(language).step(2).templates[Channel.PHONE].body.splitlines()
    assert lines[len(opening) :] == update_points
    for channel in (Channel.VIDEO, Channel.MEETING):
        live = draft_message(update, journal, language, "Ola", channel=channel).body.splitlines()
        assert live[: len(opening)] == opening


def test_the_update_due_before_it_is_overdue_says_the_same() -> None:
    update = _update(_update_owed("angry", last_update=8))
    assert update.action == "progress_update_due"
    assert update.channel.is_live and update.listen_first
    assert all(words in update.reason for words in LISTEN_FIRST["en"])


def test_the_upset_clients_card_is_the_same_card_as_the_calm_ones() -> None:
    # Snoozing or dismissing the update keeps working when the client's mood changes.
    assert _update(_update_owed("angry")).key == _update(_update_owed()).key


@pytest.mark.parametrize("moods", [(), ("satisfied",), ("uncertain",)])
def test_a_calm_clients_overdue_update_is_unchanged(moods: tuple[str, ...]) -> None:
    journal = _update_owed(*moods)
    update = _update(journal)
    assert (update.action, update.channel, update.listen_first) == (
        "progress_update_overdue",
        Channel.EMAIL,
        False,
    )
    assert update.reason == (
        "No contact since 12 November 2026 (15 days ago), well past the agreed interval of 7 days. "
        "Get in touch now so the client isn't left wondering how the work is going."
    )
    norwegian = _update(journal, "nb")
    assert norwegian.reason == load_playbook("nb").actions["progress_update_overdue"].reason.format(
        entry_on="12. november 2026", ago="for 15 dager siden", cadence="7 dager"
    )
    assert draft_message(update, journal, "en", "Ola").body.startswith("Hi Kari,\n\nHere is a short update")
    call = draft_message(update, journal, "en", "Ola", channel=Channel.PHONE).body
    assert call.splitlines() == load_playbook("en").step(2).templates[Channel.PHONE].body.splitlines()


def test_a_playbook_without_the_listen_first_texts_is_refused() -> None:
    data = copy.deepcopy(raw("nb"))
    del data["actions"]["progress_update_overdue"]["listen_first"]
    data["actions"]["progress_update_due"]["listen_first"]["points"] = "- Spør om {unknown}."
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(data)
    assert caught.value.problems == [
        "$.actions.progress_update_due.listen_first.points: unknown placeholder(s) unknown",
        "$.actions.progress_update_overdue.listen_first: expected an object",
        "$.actions.progress_update_overdue.listen_first.reason: expected a non-empty text",
        "$.actions.progress_update_overdue.listen_first.points: expected a non-empty text",
    ]
