"""Core calls the window and the CLI share: one entry by id, versioned deletes and restores, a client with its
projects in one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from clientjournal.domain import Client, Entry, EntryKind, Project
from clientjournal.errors import ConcurrentEditError, NotFoundError, ValidationError
from clientjournal.services.session import VaultSession

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@pytest.fixture
def filled(session: VaultSession) -> VaultSession:
    session.journal.save_client(Client("c1", "Kari"))
    session.journal.save_client(Client("c2", "Ola"))
    for i in range(3):
        session.journal.save_entry(Entry(f"e{i}", "c1", NOW, EntryKind.NOTE, text=f"entry {i}"))
    session.journal.save_entry(Entry("e0", "c2", NOW, EntryKind.CALL, text="Ola's e0"))
    return session


def test_one_entry_by_id(filled: VaultSession) -> None:
    journal = filled.journal
    assert journal.get_entry("c1", "e1").text == "entry 1"
    assert journal.get_entry("c2", "e0").text == "Ola's e0"
    with pytest.raises(NotFoundError):
        journal.get_entry("c1", "nope")
    with pytest.raises(NotFoundError):
        journal.get_entry("c9", "e0")
    assert journal.find_entry("c1", "nope") is None
    # A kept journal's entry is reused only at the stored version.
    kept = journal.journal("c1").entries[0]
    assert journal.get_entry("c1", kept.id) is kept
    journal.save_entry(replace(kept, text="changed"))
    assert journal.get_entry("c1", kept.id).text == "changed"


def test_get_entry_does_not_decrypt_the_journal(
    filled: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = filled.journal
    journal.forget_cached()
    monkeypatch.setattr(journal, "journals_of", lambda *_a: pytest.fail("whole journal read"))
    monkeypatch.setattr(journal, "iter_entries", lambda *_a: pytest.fail("whole journal read"))
    assert journal.get_entry("c1", "e2").version == 1


def test_delete_only_at_the_expected_version(filled: VaultSession) -> None:
    journal = filled.journal
    journal.save_entry(replace(journal.get_entry("c1", "e0"), text="edited elsewhere"))  # now version 2
    with pytest.raises(ConcurrentEditError):
        journal.delete_entry("c1", "e0", expected_version=1)
    assert journal.get_entry("c1", "e0").text == "edited elsewhere"  # nothing deleted
    with pytest.raises(ConcurrentEditError):
        journal.delete_entry("c1", "e0", expected_version=0)
    journal.delete_entry("c1", "e0", expected_version=2)
    with pytest.raises(NotFoundError):
        journal.delete_entry("c1", "e0", expected_version=2)
    with pytest.raises(NotFoundError):
        journal.delete_entry("c1", "e0")
    assert journal.get_entry("c2", "e0").text == "Ola's e0"  # another client's entry of that id stays


def test_storing_a_deleted_entry_again_refuses_one_stored_meanwhile(filled: VaultSession) -> None:
    journal = filled.journal
    deleted = journal.get_entry("c1", "e1")
    journal.delete_entry("c1", "e1", expected_version=deleted.version)
    assert journal.save_entry(replace(deleted, version=0)).version == 1  # undo of the delete
    with pytest.raises(ConcurrentEditError):  # stored again elsewhere: a second restore must not overwrite it
        journal.save_entry(replace(deleted, text="other", version=0))
    assert journal.get_entry("c1", "e1").text == "entry 1"


def test_client_with_projects_in_one_transaction(session: VaultSession) -> None:
    journal = session.journal
    client = Client("c1", "Kari")
    saved = journal.save_client_with_projects(client, [Project("p1", "ignored", "Website")])
    assert saved.version == 1
    assert [(p.client_id, p.title, p.version) for p in journal.list_projects("c1")] == [("c1", "Website", 1)]
    # Everything or nothing: a stale project keeps the client unchanged as well.
    stale = replace(journal.list_projects("c1")[0], title="Stale", version=7)
    with pytest.raises(ConcurrentEditError):
        journal.save_client_with_projects(replace(saved, name="Kari N."), [stale, Project("p2", "c1", "New")])
    assert journal.get_client("c1").name == "Kari" and journal.get_client("c1").version == 1
    assert [p.id for p in journal.list_projects("c1")] == ["p1"]
    with pytest.raises(ValidationError):
        journal.save_client_with_projects(replace(saved, name="Kari N."), [Project("p3", "c1", " ")])
    assert journal.get_client("c1").version == 1
    # A new client whose project fails is not stored at all.
    with pytest.raises(ConcurrentEditError):
        journal.save_client_with_projects(Client("c2", "Ola"), [Project("p1", "c2", "Old", version=3)])
    with pytest.raises(NotFoundError):
        journal.get_client("c2")
    again = journal.save_client_with_projects(Client("c2", "Ola"), [Project("p1", "c2", "Fine")])
    assert again.version == 1 and journal.list_projects("c2")[0].title == "Fine"
