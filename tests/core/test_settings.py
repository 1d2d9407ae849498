"""Settings kept encrypted in the vault: the coach's snoozes and dismissals, user mood tags."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from clientjournal.domain import Client, MoodTag, Valence
from clientjournal.errors import IntegrityError, ValidationError
from clientjournal.services.session import VaultSession


def test_snoozes_and_dismissals_persist(session: VaultSession) -> None:
    session.settings.snooze("c1|p1|progress_update_due|e1", date(2026, 12, 1))
    session.settings.dismiss("c2|-|highlight_delivery|e9")
    state = session.settings.coach_state()
    assert state.snoozed == {"c1|p1|progress_update_due|e1": date(2026, 12, 1)}
    assert state.dismissed == frozenset({"c2|-|highlight_delivery|e9"})
    assert state.hides("c1|p1|progress_update_due|e1", date(2026, 11, 30))
    assert not state.hides("c1|p1|progress_update_due|e1", date(2026, 12, 1))


def test_settings_are_stored_encrypted_and_authenticated(session: VaultSession) -> None:
    session.settings.save_mood_tags([MoodTag("Zq-relieved", Valence.POSITIVE, "#00aa88")])
    with session.vault.engine.begin() as connection:
        blob = connection.execute(text("SELECT payload FROM vault_items")).scalar()
        assert b"Zq-relieved" not in bytes(blob)
        tampered = bytearray(blob)
        tampered[-1] ^= 1
        connection.execute(text("UPDATE vault_items SET payload = :p"), {"p": bytes(tampered)})
    with pytest.raises(IntegrityError):
        session.settings.mood_tags()


def test_mood_tags_round_trip_and_need_unique_names(session: VaultSession) -> None:
    tags = [
        MoodTag("relieved", Valence.POSITIVE, "#00aa88"),
        MoodTag("rushed", Valence.NEGATIVE, "#aa5500", 2),
    ]
    session.settings.save_mood_tags(tags)
    assert session.settings.mood_tags() == tags
    with pytest.raises(ValidationError):
        session.settings.save_mood_tags([tags[0], tags[0]])


def test_deleting_a_client_forgets_its_snoozes(session: VaultSession) -> None:
    session.journal.save_client(Client(id="c1", name="Kari"))
    session.settings.snooze("c1|-|kickoff_talk|e1", date(2026, 12, 1))
    session.settings.dismiss("c2|-|kickoff_talk|e2")
    session.delete_client("c1")
    state = session.settings.coach_state()
    assert state.snoozed == {}
    assert state.dismissed == frozenset({"c2|-|kickoff_talk|e2"})
