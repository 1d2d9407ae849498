"""Entry drafts in the core: sealed with their client's data key, dropped with the client, never a crash."""

from __future__ import annotations

import base64
import json

import pytest

from clientjournal.domain import Client
from clientjournal.errors import IntegrityError
from clientjournal.services.drafts import DRAFT_SETTING, DraftStore, draft_key
from clientjournal.services.session import VaultSession


@pytest.fixture
def two(session: VaultSession) -> VaultSession:
    session.journal.save_client(Client("c1", "Kari"))
    session.journal.save_client(Client("c2", "Ola"))
    return session


def _draft(text: str, saved_at: str = "2026-11-27T10:00:00+00:00") -> dict[str, object]:
    return {"client_id": "c1", "text": text, "moods": ["uncertain"], "saved_at": saved_at}


def test_drafts_are_stored_read_and_dropped(two: VaultSession) -> None:
    drafts = two.drafts
    assert drafts.all() == {} and drafts.latest() is None
    drafts.store(draft_key("c1", None), _draft("first thought"))
    drafts.store(draft_key("c1", "e1"), _draft("an edit", "2026-11-27T11:00:00+00:00"))
    drafts.store(draft_key("c2", None), {**_draft("Ola's"), "client_id": "c2"})
    assert drafts.get("c1|")["text"] == "first thought"  # type: ignore[index]
    assert set(drafts.all()) == {"c1|", "c1|e1", "c2|"}
    assert drafts.latest() == ("c1|e1", _draft("an edit", "2026-11-27T11:00:00+00:00"))
    drafts.drop("c1|e1")
    drafts.drop("c1|e1")  # dropping what is gone is fine
    assert set(drafts.all()) == {"c1|", "c2|"}
    drafts.drop_client("c1")
    assert set(drafts.all()) == {"c2|"}
    drafts.drop("c2|")
    assert two.settings.read(DRAFT_SETTING) is None  # nothing left: no setting at all


def test_each_draft_is_sealed_with_its_clients_key(two: VaultSession) -> None:
    two.drafts.store("c1|", _draft("Zqx-secret-draft"))
    stored = two.settings.read(DRAFT_SETTING)  # decrypted with the vault-wide key
    assert "Zqx-secret-draft" not in json.dumps(stored)
    blob = base64.b64decode(stored["items"]["c1|"])
    cipher = two.journal.client_cipher("c1")
    assert b"Zqx-secret-draft" in cipher.decrypt(blob, two.drafts.ref("c1|"))
    with pytest.raises(IntegrityError):  # bound to its key: another client's key or place does not open it
        two.journal.client_cipher("c2").decrypt(blob, two.drafts.ref("c1|"))
    with pytest.raises(IntegrityError):
        cipher.decrypt(blob, two.drafts.ref("c1|e9"))


def test_a_draft_moved_to_another_key_or_tampered_is_skipped(two: VaultSession) -> None:
    two.drafts.store("c1|", _draft("mine"))
    items = two.settings.read(DRAFT_SETTING)["items"]
    two.settings.write(
        DRAFT_SETTING,
        {
            "version": 2,
            "items": {"c1|": items["c1|"], "c2|": items["c1|"], "c1|x": "not base64!", "c9|": "AA=="},
        },
    )
    assert set(two.drafts.all()) == {"c1|"}
    assert two.drafts.get("c2|") is None


def test_deleting_a_client_drops_its_drafts_first(two: VaultSession) -> None:
    two.drafts.store("c1|", _draft("goes"))
    two.drafts.store("c2|", {**_draft("stays"), "client_id": "c2"})
    two.delete_client("c1")
    assert set(two.drafts.all()) == {"c2|"}
    assert set(two.settings.read(DRAFT_SETTING)["items"]) == {"c2|"}


def test_drafts_of_the_old_format_are_sealed_per_client_or_dropped(two: VaultSession) -> None:
    """Version 1 kept the drafts themselves under the vault-wide key."""
    two.settings.write(
        DRAFT_SETTING,
        {
            "version": 1,
            "items": {"c1|": _draft("old one"), "gone|": _draft("client deleted"), "c2|": "junk"},
        },
    )
    assert two.drafts.all() == {"c1|": _draft("old one")}
    two.drafts.store("c2|", {**_draft("new"), "client_id": "c2"})
    stored = two.settings.read(DRAFT_SETTING)
    assert stored["version"] == 2 and set(stored["items"]) == {"c1|", "c2|"}
    assert "old one" not in json.dumps(stored)
    # Deleting a client rewrites an old-format setting even when none of its drafts is there.
    two.settings.write(DRAFT_SETTING, {"version": 1, "items": {"c2|": _draft("legacy")}})
    two.delete_client("c1")
    assert "legacy" not in json.dumps(two.settings.read(DRAFT_SETTING))
    assert two.drafts.all() == {"c2|": _draft("legacy")}


@pytest.mark.parametrize("raw", [None, [], {"version": 2}, {"version": 7, "items": {"c1|": "x"}}, "text"])
def test_unexpected_settings_mean_no_drafts(two: VaultSession, raw: object) -> None:
    two.settings.write(DRAFT_SETTING, raw)
    assert two.drafts.all() == {}
    two.drafts.store("c1|", _draft("fresh"))
    assert set(two.drafts.all()) == {"c1|"}


def test_the_store_is_the_sessions(two: VaultSession) -> None:
    assert isinstance(two.drafts, DraftStore)
