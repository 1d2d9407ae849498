"""The coach over the vault (services.coaching): one client, "Today", the client badges, languages, mood tags."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from support.constants import NOW

from clientjournal.coach import suggest
from clientjournal.domain import (
    Channel,
    Client,
    Entry,
    EntryKind,
    MoodTag,
    Project,
    Promise,
    Valence,
)
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME
from clientjournal.errors import NotFoundError
from clientjournal.services.coaching import client_language, language_code
from clientjournal.services.session import VaultSession
from clientjournal.services.timeline.index import TimelineIndex

TODAY = NOW.date()
FURIOUS = MoodTag("furious", Valence.NEGATIVE, "#990000", 2)


def _days(n: int) -> date:
    return TODAY + timedelta(days=n)


def _entry(entry_id: str, client_id: str, days_ago: float, kind: EntryKind, **fields: object) -> Entry:
    return Entry(entry_id, client_id, NOW - timedelta(days=days_ago), kind, **fields)  # type: ignore[arg-type]


@pytest.fixture
def vault(session: VaultSession) -> VaultSession:
    """Kari: two running projects with an overdue promise, a far-off promise and an untold setback. Ola: one
    project, quiet. Arne: archived. Per: a user mood tag on his latest entry."""
    journal = session.journal
    kari = Client(
        "kari",
        "Kari",
        email="kari@firma.no",
        preferred_channel=Channel.EMAIL,
        update_every_days=7,
        language="nb",
    )
    journal.save_client(kari)
    journal.save_project(Project("web", "kari", "Website", contract_signed_on=_days(-30)))
    journal.save_project(Project("app", "kari", "App", contract_signed_on=_days(-20)))
    journal.save_entry(
        _entry("k1", "kari", 30, EntryKind.CONTRACT_SIGNED, project_id="web", channel=Channel.EMAIL)
    )
    journal.save_entry(
        _entry("k2", "kari", 20, EntryKind.CONTRACT_SIGNED, project_id="app", channel=Channel.EMAIL)
    )
    journal.save_entry(
        _entry(
            "k3", "kari", 10, EntryKind.PROMISE, project_id="web", text="Draft", promise=Promise(_days(-2))
        )
    )
    journal.save_entry(
        _entry(
            "k4", "kari", 2, EntryKind.PROMISE, project_id="app", text="Mock-ups", promise=Promise(_days(20))
        )
    )
    journal.save_entry(_entry("k5", "kari", 1, EntryKind.SETBACK, project_id="app", text="Server down"))
    journal.save_client(Client("ola", "Ola", tags=("lang:nb",), email="ola@x.no", language="en"))
    journal.save_project(Project("o1", "ola", "Brochure", contract_signed_on=_days(-3)))
    journal.save_client(Client("arne", "Arne", archived=True))
    journal.save_entry(_entry("a1", "arne", 5, EntryKind.SETBACK, text="Lost files"))
    journal.save_client(Client("per", "Per", phone="+47 400 00 000", preferred_channel=Channel.PHONE))
    journal.save_entry(_entry("p0", "per", 40, EntryKind.CALL, moods=("calm",)))
    journal.save_entry(_entry("p1", "per", 1, EntryKind.NOTE, text="Shouting", moods=("furious",)))
    return session


def test_client_language_is_the_clients_own_else_the_users():
    base = Client(id="c", name="X")
    assert client_language(base, "en") == "en"
    assert client_language(base, "nb") == "nb"
    assert client_language(replace(base, language="nb"), "en") == "nb"
    assert client_language(replace(base, language="en", email="a@b.no"), "nb") == "en"
    # Nothing is guessed from a Norwegian address, phone number or tag any more.
    assert client_language(replace(base, email="kari@firma.no", phone="+47 400 00 000"), "en") == "en"
    assert client_language(replace(base, tags=("norsk", "lang:nb")), "en") == "en"
    assert language_code("nb_NO") == "nb"
    assert language_code("de_DE") == "en"
    assert language_code("C") == "en"


def test_one_client_has_its_actions_steps_and_language(vault: VaultSession):
    coach = vault.coaching.client("kari", NOW, "en")
    assert coach.language == "en" and coach.writes_in == "nb" and coach.today == TODAY
    assert {"promise_overdue", "tell_setback"} <= {a.action for a in coach.actions}
    assert set(coach.steps) == {"web", "app"}
    assert coach.draft(coach.actions[0]).body  # in the client's language by default
    with pytest.raises(NotFoundError):
        vault.coaching.client("nobody", NOW)


def test_today_covers_every_client_not_archived_with_state_and_languages(vault: VaultSession):
    today = vault.coaching.today(NOW, "nb")
    assert set(today.names) == {"kari", "ola", "per"}
    assert today.languages == {"kari": "nb", "ola": "en", "per": "nb"}
    assert "arne" not in {a.client for a in today.actions}
    # The same as the engine over the same journals with the vault's state and mood tags.
    journals = [j for j in vault.journal.journals() if not j.client.archived]
    state = vault.settings.coach_state()
    assert list(today.actions) == suggest(
        journals, NOW, state=state, language="nb", moods=vault.coaching.mood_catalogue()
    )
    # A dismissed action goes from both "Today" and the client's list.
    first = today.actions[0]
    vault.settings.dismiss(first.key)
    assert first not in vault.coaching.today(NOW, "nb").actions
    assert first.key not in {a.key for a in vault.coaching.client(first.client, NOW, "nb").actions}


def test_badges_count_what_the_sidebar_lists_across_all_projects(vault: VaultSession):
    ids = ["kari", "ola", "arne", "per"]
    badges = vault.coaching.badges(ids, NOW)
    assert set(badges) == set(ids)
    today = vault.coaching.today(NOW, "en")
    for client_id in ids:
        coach = vault.coaching.client(client_id, NOW, "en")
        listed = coach.actions_for(None)  # every project (the sidebar with one or no project selector)
        by_project = {a.key for p in coach.projects() for a in coach.actions_for(p.id)}
        assert {a.key for a in listed} >= by_project
        assert badges[client_id].actions == len(listed) == sum(a.client == client_id for a in today.actions)
        due = [a for a in listed if a.due_on is not None and a.due_on <= TODAY]
        assert badges[client_id].due == len(due)
    # Kari's far-off promise is at risk from the setback: one conversation, counted once, on the setback's card.
    assert badges["kari"].actions >= badges["kari"].due >= 2
    kari = vault.coaching.client("kari", NOW, "en")
    assert [a.merged for a in kari.actions if a.action == "tell_setback"] == [("promise_at_risk",)]
    assert badges["arne"].actions == 0  # archived: the coach stays quiet
    # Chunks give the same as the whole list.
    assert vault.coaching.badges(["per"], NOW) == {"per": badges["per"]}


def test_user_mood_tags_are_honoured_by_the_coach_the_badges_and_the_timeline(vault: VaultSession):
    before = vault.coaching.client("per", NOW, "en")
    assert "mirror_feelings" not in {a.action for a in before.actions}  # "furious" is unknown so far
    assert vault.coaching.badges(["per"], NOW)["per"].mood_colour == DEFAULT_MOODS_BY_NAME["calm"].colour

    vault.settings.save_mood_tags([FURIOUS])
    assert vault.coaching.mood_catalogue()["furious"] == FURIOUS
    assert set(DEFAULT_MOODS_BY_NAME) < set(vault.coaching.mood_catalogue())
    after = vault.coaching.client("per", NOW, "en")
    mirror = [a for a in after.actions if a.action == "mirror_feelings"]
    assert mirror and mirror[0].due_on == TODAY - timedelta(days=1)  # strong: due the day it was noted
    assert mirror[0].evidence[-1] == "p1"
    assert any(a.action == "mirror_feelings" for a in vault.coaching.today(NOW, "en").actions)
    badge = vault.coaching.badges(["per"], NOW)["per"]
    assert badge.mood_colour == FURIOUS.colour and badge.actions == len(after.actions)

    entries = list(vault.journal.iter_entries("per"))
    samples = list(TimelineIndex.of(entries, vault.coaching.mood_catalogue()).mood_samples())
    assert min(score for _when, score in samples) == -2  # the user's tag, at its intensity


def test_journals_reads_in_bulk_with_or_without_kept_journals(vault: VaultSession):
    journal = vault.journal
    journal.forget_cached()
    names = [c.name for c in journal.list_clients()]
    fresh = list(journal.journals())
    assert [j.client.name for j in fresh] == names
    assert [j.entries for j in fresh] == [journal.journal(j.client.id).entries for j in fresh]
    journal.forget_cached("kari")
    again = list(journal.journals())  # some kept, some read again
    assert [j.client.name for j in again] == names
    assert again[names.index("Ola")] is fresh[names.index("Ola")]
    assert again[names.index("Kari")].entries == fresh[names.index("Kari")].entries


def test_logging_the_tell_the_client_action_marks_the_setback_told(vault: VaultSession):
    coach = vault.coaching.client("kari", NOW, "en")
    (tell,) = [a for a in coach.actions if "tell_setback" in (a.action, *a.merged)]
    assert vault.journal.get_entry("kari", "k5").client_told_at is None
    call = vault.journal.save_entry(
        _entry("k6", "kari", 0.1, EntryKind.CALL, project_id="app", text="Told her about the server")
    )

    saved = vault.coaching.mark_told(tell, call)

    assert [e.id for e in saved] == ["k5"]  # the setback, not the promise it put at risk
    setback = vault.journal.get_entry("kari", "k5")
    assert setback.client_told_at == call.occurred_at and setback.version == 2
    assert vault.journal.get_entry("kari", "k4").client_told_at is None
    after = vault.coaching.client("kari", NOW, "en")
    assert not [a for a in after.actions if "tell_setback" in (a.action, *a.merged)]
    # Marking again changes nothing: the first time the client was told stays.
    assert vault.coaching.mark_told(tell, call) == []


def test_actions_that_tell_nothing_mark_nothing(vault: VaultSession):
    coach = vault.coaching.client("kari", NOW, "en")
    other = next(a for a in coach.actions if "tell_setback" not in (a.action, *a.merged))
    call = vault.journal.save_entry(_entry("k7", "kari", 0.1, EntryKind.CALL, project_id="web"))
    assert vault.coaching.mark_told(replace(other, evidence=(*other.evidence, "k5")), call) == []
    assert vault.journal.get_entry("kari", "k5").client_told_at is None
