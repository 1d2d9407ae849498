"""Entry autosaves in the core: sealed with their client's data key, dropped with the client, never a crash."""

from __future__ import annotations

import base64
import json

import pytest

from clientjournal.domain import Client
from clientjournal.errors import IntegrityError
from clientjournal.services.autosave import AUTOSAVE_SETTING, AutosaveStore, autosave_key
from clientjournal.services.session import VaultSession


@pytest.fixture
def two(session: VaultSession) -> VaultSession:
    session.journal.save_client(Client("c1", "Kari"))
    session.journal.save_client(Client("c2", "Ola"))
    return session


def _autosave(text: str, saved_at: str = "2026-11-27T10:00:00+00:00") -> dict[str, object]:
    return {"client_id": "c1", "text": text, "moods": ["uncertain"], "saved_at": saved_at}


def test_autosaves_are_stored_read_and_dropped(two: VaultSession) -> None:
    autosaves = two.autosave
    assert autosaves.all() == {} and autosaves.latest() is None
    autosaves.store(autosave_key("c1", None), _autosave("first thought"))
    autosaves.store(autosave_key("c1", "e1"), _autosave("an edit", "2026-11-27T11:00:00+00:00"))
    autosaves.store(autosave_key("c2", None), {**_autosave("Ola's"), "client_id": "c2"})
    assert autosaves.get("c1|")["text"] == "first thought"  # type: ignore[index]
    assert set(autosaves.all()) == {"c1|", "c1|e1", "c2|"}
    assert autosaves.latest() == ("c1|e1", _autosave("an edit", "2026-11-27T11:00:00+00:00"))
    autosaves.drop("c1|e1")
    autosaves.drop("c1|e1")  # dropping what is gone is fine
    assert set(autosaves.all()) == {"c1|", "c2|"}
    autosaves.drop_client("c1")
    assert set(autosaves.all()) == {"c2|"}
    autosaves.drop("c2|")
    assert two.settings.read(AUTOSAVE_SETTING) is None  # nothing left: no setting at all


def test_each_autosave_is_sealed_with_its_clients_key(two: VaultSession) -> None:
    two.autosave.store("c1|", _autosave("Zqx-secret-autosave"))
    stored = two.settings.read(AUTOSAVE_SETTING)  # decrypted with the vault-wide key
    assert "Zqx-secret-autosave" not in json.dumps(stored)
    blob = base64.b64decode(stored["items"]["c1|"])
    cipher = two.journal.client_cipher("c1")
    assert b"Zqx-secret-autosave" in cipher.decrypt(blob, two.autosave.ref("c1|"))
    with pytest.raises(IntegrityError):  # bound to its key: another client's key or place does not open it
        two.journal.client_cipher("c2").decrypt(blob, two.autosave.ref("c1|"))
    with pytest.raises(IntegrityError):
        cipher.decrypt(blob, two.autosave.ref("c1|e9"))


def test_an_autosave_moved_to_another_key_or_tampered_is_skipped(two: VaultSession) -> None:
    two.autosave.store("c1|", _autosave("mine"))
    items = two.settings.read(AUTOSAVE_SETTING)["items"]
    two.settings.write(
        AUTOSAVE_SETTING,
        {
            "version": 2,
            "items": {"c1|": items["c1|"], "c2|": items["c1|"], "c1|x": "not base64!", "c9|": "AA=="},
        },
    )
    assert set(two.autosave.all()) == {"c1|"}
    assert two.autosave.get("c2|") is None


def test_deleting_a_client_drops_its_autosaves_first(two: VaultSession) -> None:
    two.autosave.store("c1|", _autosave("goes"))
    two.autosave.store("c2|", {**_autosave("stays"), "client_id": "c2"})
    two.delete_client("c1")
    assert set(two.autosave.all()) == {"c2|"}
    assert set(two.settings.read(AUTOSAVE_SETTING)["items"]) == {"c2|"}


def test_autosaves_of_the_old_format_are_sealed_per_client_or_dropped(two: VaultSession) -> None:
    """Version 1 kept the autosaves themselves under the vault-wide key."""
    two.settings.write(
        AUTOSAVE_SETTING,
        {
            "version": 1,
            "items": {"c1|": _autosave("old one"), "gone|": _autosave("client deleted"), "c2|": "junk"},
        },
    )
    assert two.autosave.all() == {"c1|": _autosave("old one")}
    two.autosave.store("c2|", {**_autosave("new"), "client_id": "c2"})
    stored = two.settings.read(AUTOSAVE_SETTING)
    assert stored["version"] == 2 and set(stored["items"]) == {"c1|", "c2|"}
    assert "old one" not in json.dumps(stored)
    # Deleting a client rewrites an old-format setting even when none of its autosaves is there.
    two.settings.write(AUTOSAVE_SETTING, {"version": 1, "items": {"c2|": _autosave("legacy")}})
    two.delete_client("c1")
    assert "legacy" not in json.dumps(two.settings.read(AUTOSAVE_SETTING))
    assert two.autosave.all() == {"c2|": _autosave("legacy")}


@pytest.mark.parametrize("raw", [None, [], {"version": 2}, {"version": 7, "items": {"c1|": "x"}}, "text"])
def test_unexpected_settings_mean_no_autosaves(two: VaultSession, raw: object) -> None:
    two.settings.write(AUTOSAVE_SETTING, raw)
    assert two.autosave.all() == {}
    two.autosave.store("c1|", _autosave("fresh"))
    assert set(two.autosave.all()) == {"c1|"}


def test_the_store_is_the_sessions(two: VaultSession) -> None:
    assert isinstance(two.autosave, AutosaveStore)
