"""Import updates stored rows through the same versioned path as the editor: a save made elsewhere between
import's read and its write is detected, never overwritten (on SQLite and on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

import clientjournal.services.transfer as transfer_module
from clientjournal.domain import Client, ClientJournal, Entry, EntryKind, Project
from clientjournal.errors import ConcurrentEditError
from clientjournal.services.journal import JournalService
from clientjournal.services.session import VaultSession
from clientjournal.storage.database import create_vault_engine

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@pytest.fixture
def elsewhere(session: VaultSession) -> Iterator[JournalService]:
    """The same vault through another engine (its own connections): another window or device."""
    engine = create_vault_engine(session.vault.engine.url)
    yield JournalService(engine, session.keys)
    engine.dispose()


def _stored(session: VaultSession) -> ClientJournal:
    journal = session.journal
    journal.save_client(Client("c1", "Kari"))
    journal.save_project(Project("p1", "c1", "Website"))
    journal.save_entry(Entry("e1", "c1", NOW, EntryKind.NOTE, text="as imported before", project_id="p1"))
    journal.save_entry(Entry("e2", "c1", NOW, EntryKind.NOTE, text="untouched"))
    journal.forget_cached()
    return journal.journal("c1")


def _save_elsewhere_before_sealing(
    monkeypatch: pytest.MonkeyPatch, elsewhere: JournalService, what: str
) -> list[str]:
    """Between import's read of the stored rows and its update of them, another writer saves ``what``."""
    done: list[str] = []
    originals = {
        name: getattr(transfer_module, name) for name in ("seal_client", "seal_project", "seal_entry")
    }

    def hooked(name: str) -> Any:
        def seal(record: Any, *args: Any, **kwargs: Any) -> bytes:
            if not done and name == f"seal_{what}":
                if what == "entry":
                    stored = elsewhere.get_entry("c1", "e1")
                    elsewhere.save_entry(replace(stored, text="saved elsewhere meanwhile"))
                elif what == "project":
                    stored_project = elsewhere.list_projects("c1")[0]
                    elsewhere.save_project(replace(stored_project, title="Renamed elsewhere"))
                else:
                    elsewhere.save_client(replace(elsewhere.get_client("c1"), name="Kari (elsewhere)"))
                done.append(what)
            return bytes(originals[name](record, *args, **kwargs))

        return seal

    for name in originals:
        monkeypatch.setattr(transfer_module, name, hooked(name))
    return done


@pytest.mark.parametrize("what", ["entry", "project", "client"])
def test_a_save_between_imports_read_and_write_is_not_overwritten(
    session: VaultSession, elsewhere: JournalService, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    before = _stored(session)
    # The file changes only that record (and adds an entry): on SQLite an earlier write of the import would hold
    # the write lock, and the other writer would wait for it instead of slipping in between.
    client, project, entries = before.client, before.projects[0], before.entries
    if what == "client":
        client = replace(client, name="Kari from the file")
    elif what == "project":
        project = replace(project, title="Website from the file")
    else:
        entries = tuple(replace(e, text="from the file") if e.id == "e1" else e for e in entries)
    edited = ClientJournal(
        client, (project,), (*entries, Entry("e3", "c1", NOW, EntryKind.NOTE, text="new in the file"))
    )
    done = _save_elsewhere_before_sealing(monkeypatch, elsewhere, what)
    with pytest.raises(ConcurrentEditError):
        session.transfer.import_journals([edited])
    assert done == [what]

    session.journal.forget_cached()
    after = session.journal.journal("c1")
    expected_client = "Kari (elsewhere)" if what == "client" else "Kari"
    expected_project = "Renamed elsewhere" if what == "project" else "Website"
    expected_e1 = "saved elsewhere meanwhile" if what == "entry" else "as imported before"
    assert after.client.name == expected_client
    assert after.projects[0].title == expected_project
    assert {e.id: e.text for e in after.entries} == {"e1": expected_e1, "e2": "untouched"}  # all or nothing

    # Imported again, against what is stored now, the file wins as usual.
    monkeypatch.undo()
    summary = session.transfer.import_journals([edited])
    assert summary.entries_added == 1 and summary.changed == 2
    session.journal.forget_cached()
    assert session.journal.journal("c1") == edited
