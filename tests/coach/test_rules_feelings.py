"""Steps 4 and 5: mirroring feelings, and telling setbacks in the client's register."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clientjournal.coach import URGENT_THRESHOLD, Action, current_step, load_playbook, suggest
from clientjournal.domain.entities import Entry
from clientjournal.domain.enums import Channel, EntryKind, Valence
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag

from .builders import NOW, client, day, entry, journal, running


def named(actions: list[Action], name: str) -> list[Action]:
    return [a for a in actions if a.action == name]


EN = load_playbook("en")

# --- step 4: listen and mirror --------------------------------------------------------------------


def test_strong_negative_feeling_calls_for_a_live_talk_today() -> None:
    angry = entry(EntryKind.EMAIL, 0.2, channel=Channel.EMAIL, moods=("angry",))
    (mirror,) = named(suggest(running(angry), NOW), "mirror_feelings")
    assert mirror.step == 4
    assert mirror.channel is Channel.PHONE  # prefers email, but this needs a live conversation
    assert mirror.due_on == day(0)
    assert mirror.priority >= URGENT_THRESHOLD
    assert mirror.evidence[-1] == angry.id
    assert "angry" in mirror.reason
    assert EN.phrase("trend_strong") in mirror.reason


def test_the_users_own_mood_tags_count_when_the_catalogue_is_given() -> None:
    furious = MoodTag("furious", Valence.NEGATIVE, "#990000", 2)
    note = entry(EntryKind.NOTE, 0.2, moods=("furious",))
    j = running(note)
    assert named(suggest(j, NOW), "mirror_feelings") == []  # unknown tag: no reading
    moods = {**DEFAULT_MOODS_BY_NAME, "furious": furious}
    (mirror,) = named(suggest(j, NOW, moods=moods), "mirror_feelings")
    assert mirror.due_on == day(0) and mirror.evidence[-1] == note.id  # strong: today
    relieved = {**DEFAULT_MOODS_BY_NAME, "furious": replace(furious, valence=Valence.POSITIVE)}
    assert named(suggest(j, NOW, moods=relieved), "mirror_feelings") == []
    # The step follows the same catalogue.
    assert current_step(j, "p1", NOW, moods) == 4
    assert current_step(j, "p1", NOW) == 2


def test_falling_mood_is_mirrored_the_next_day() -> None:
    worried = entry(EntryKind.CALL, 1, moods=("anxious",), project_id=None)
    j = running(entry(EntryKind.EMAIL, 10, moods=("satisfied",)), worried)
    (mirror,) = named(suggest(j, NOW), "mirror_feelings")
    assert mirror.due_on == day(0)  # logged yesterday: due today
    assert mirror.project is None
    assert EN.phrase("trend_falling") in mirror.reason
    assert "c1-update" in mirror.evidence and worried.id in mirror.evidence


def test_a_steady_mild_worry_is_not_a_fall() -> None:
    fell = running(entry(EntryKind.EMAIL, 1, moods=("uncertain",)))
    assert named(suggest(fell, NOW), "mirror_feelings") != []  # satisfied -> uncertain is a fall
    steady = journal(entries=tuple(entry(EntryKind.EMAIL, d, moods=("uncertain",)) for d in (10, 5, 1)))
    assert named(suggest(steady, NOW), "mirror_feelings") == []


def test_a_later_live_contact_means_the_feelings_were_heard() -> None:
    angry = entry(EntryKind.EMAIL, 2, moods=("frustrated",))
    assert named(suggest(running(angry, entry(EntryKind.CALL, 1)), NOW), "mirror_feelings") == []
    written = entry(EntryKind.EMAIL, 1, channel=Channel.EMAIL)
    assert len(named(suggest(running(angry, written), NOW), "mirror_feelings")) == 1


def test_recovered_or_old_feelings_are_left_alone() -> None:
    recovered = running(
        entry(EntryKind.EMAIL, 3, moods=("angry",)), entry(EntryKind.CALL, 1, moods=("calm",))
    )
    assert named(suggest(recovered, NOW), "mirror_feelings") == []
    # Answered: an update went out after the angry e-mail, and that was over two weeks ago.
    answered = running(entry(EntryKind.EMAIL, 16, moods=("angry",)), last_update=15)
    assert named(suggest(answered, NOW), "mirror_feelings") == []
    # Unanswered but long gone: seven weeks of silence are the update rhythm's business, not a mood.
    ancient = running(entry(EntryKind.EMAIL, 50, moods=("angry",)), last_update=60)
    assert named(suggest(ancient, NOW), "mirror_feelings") == []


def test_an_angry_message_nobody_answered_is_still_the_clients_latest_word() -> None:
    # Angry 15 days ago and nothing heard or said since: as far as anyone knows, the client is still angry.
    silent = running(entry(EntryKind.EMAIL, 15, moods=("angry",)), last_update=20)
    (mirror,) = named(suggest(silent, NOW), "mirror_feelings")
    assert mirror.channel.is_live and mirror.priority >= URGENT_THRESHOLD
    assert mirror.due_on == day(-15)  # due since the day it was written, not since it turned two weeks old


# --- step 5: setbacks -----------------------------------------------------------------------------


def test_a_privately_noted_setback_is_to_be_told_today() -> None:
    setback = entry(EntryKind.SETBACK, 0.1, text="Hosting provider outage delays launch")
    (tell,) = named(suggest(running(setback), NOW), "tell_setback")
    assert tell.step == 5
    assert tell.due_on == day(0)
    assert tell.channel is Channel.EMAIL
    assert tell.priority >= URGENT_THRESHOLD
    assert "Hosting provider outage" in tell.reason


def test_a_setback_is_told_when_its_entry_says_so_not_when_it_has_a_channel() -> None:
    # The entry dialog pre-fills the client's channel on every entry: a channel says nothing about telling.
    with_channel = entry(EntryKind.SETBACK, 1, channel=Channel.EMAIL, text="Supplier broke our import")
    (tell,) = named(suggest(running(with_channel), NOW), "tell_setback")
    assert "Supplier broke our import" in tell.reason
    told = entry(EntryKind.SETBACK, 1, channel=Channel.PHONE, told=0.5)
    assert named(suggest(running(told), NOW), "tell_setback") == []


@pytest.mark.parametrize(
    ("later", "told"),
    [
        (entry(EntryKind.PROGRESS_UPDATE, 0.5), True),
        (entry(EntryKind.CALL, 0.5, project_id=None), True),
        (entry(EntryKind.NOTE, 0.5), False),
        (entry(EntryKind.CHANGE_REQUEST, 0.5, channel=Channel.EMAIL), False),
        (entry(EntryKind.EMAIL, 0.5, project_id="p2"), False),
    ],
)
def test_a_setback_counts_as_told_after_a_later_informing_contact(later: Entry, told: bool) -> None:
    setback = entry(EntryKind.SETBACK, 1)
    j = running(setback, later)
    assert (named(suggest(j, NOW), "tell_setback") == []) is told


@pytest.mark.parametrize(
    ("temperament", "tone"),
    [
        ("Calm, formal, wants the facts.", "tone_formal"),
        ("Warm and enthusiastic, loves a chat.", "tone_warm"),
        ("Very direct, busy, keep it brief.", "tone_direct"),
        ("Anxious about deadlines.", "tone_anxious"),
        ("Rolig og saklig.", "tone_formal"),
        ("Varm og engasjert.", "tone_warm"),
    ],
)
def test_tone_advice_follows_the_temperament_notes(temperament: str, tone: str) -> None:
    j = running(entry(EntryKind.SETBACK, 0.1), the_client=client(temperament=temperament))
    (tell,) = named(suggest(j, NOW), "tell_setback")
    assert tell.reason.endswith(EN.phrase(tone))


def test_neutral_tone_without_notes_or_mood_history() -> None:
    j = journal(entries=(entry(EntryKind.CALL, 3), entry(EntryKind.SETBACK, 0.1)))
    (tell,) = named(suggest(j, NOW), "tell_setback")
    assert tell.reason.endswith(EN.phrase("tone_neutral"))


def test_tone_advice_follows_the_mood_history_without_notes() -> None:
    history = tuple(entry(EntryKind.CALL, d, moods=("enthusiastic",)) for d in (9, 6, 3))
    j = running(*history, entry(EntryKind.SETBACK, 0.1), last_update=10)
    (tell,) = named(suggest(j, NOW), "tell_setback")
    assert tell.reason.endswith(EN.phrase("tone_warm"))


def test_setback_to_a_frustrated_client_is_told_live_and_weighs_more() -> None:
    calm = named(suggest(running(entry(EntryKind.SETBACK, 0.1)), NOW), "tell_setback")[0]
    frustrated = entry(EntryKind.EMAIL, 1, channel=Channel.EMAIL, moods=("frustrated",))
    j = running(frustrated, entry(EntryKind.SETBACK, 0.1), the_client=client(temperament="Calm."))
    (tell,) = named(suggest(j, NOW), "tell_setback")
    assert tell.channel is Channel.PHONE
    assert tell.reason.endswith(EN.phrase("tone_upset"))
    assert tell.priority > calm.priority


def test_norwegian_texts_for_a_setback() -> None:
    j = running(entry(EntryKind.SETBACK, 0.1, text="Forsinkelse"), the_client=client(temperament="Rolig."))
    (tell,) = named(suggest(j, NOW, language="nb"), "tell_setback")
    assert tell.title == "Fortell Kari Nordmann om tilbakeslaget i New website"
    assert "27. november 2026" in tell.reason
    assert "«Forsinkelse»" in tell.reason
    assert tell.reason.endswith(load_playbook("nb").phrase("tone_formal"))
