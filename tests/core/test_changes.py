"""Changes described (VaultChanges), noticed when someone else commits them (ChangeWatcher), and told apart by
the catch-up read (VaultSnapshot): which clients, whether the list of clients or the settings changed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from support.constants import NOW, PASSPHRASE, fixed_clock

from clientjournal.domain import Client, Entry, EntryKind
from clientjournal.services.changes import MANY_CLIENTS, ChangeWatcher, VaultChanges, VaultSnapshot
from clientjournal.services.maintenance import restore_vault
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault


def test_changes_combine_and_say_what_they_touch() -> None:
    entries = VaultChanges.of_entries(["c1"])
    assert entries.touches("c1") and entries.touches(None) and not entries.touches("c2")
    merged = entries | VaultChanges(settings=True)
    assert merged.settings and merged.entries and merged.clients == {"c1"}
    assert VaultChanges.all().touches("anyone")
    assert VaultChanges().empty and not VaultChanges(settings=True).journal


# ---- comparing snapshots (no database) --------------------------------------------------------------------------


def _snapshot(
    clients: dict[str, int], *, items: dict[str, int] | None = None, vault_id: str = "v1"
) -> VaultSnapshot:
    """Client id -> its manifest's version (the client row at version 1, the vault manifest built)."""
    rows: list[tuple[str, str, int, bytes]] = [("x", vault_id, 1, b"meta"), ("vault", "", 1, b"vault")]
    for client_id, version in clients.items():
        rows.append(("c", client_id, 1, b"card"))
        rows.append(("client", client_id, version, b"tag%d" % version))
    rows.extend(("i", name, version, b"item") for name, version in (items or {}).items())
    return VaultSnapshot.of_rows(rows)


def test_a_snapshot_names_the_clients_whose_journal_changed() -> None:
    before = _snapshot({"a": 3, "b": 5, "c": 1})
    assert _snapshot({"a": 3, "b": 6, "c": 1}).changes_since(before) == VaultChanges(
        clients=frozenset({"b"}), entries=True, projects=True
    )
    assert _snapshot({"a": 3, "b": 5, "c": 1}).changes_since(before).empty


def test_clients_added_or_deleted_change_the_list_and_settings_are_told_apart() -> None:
    before = _snapshot({"a": 3, "b": 5}, items={"coach_state": 1})
    added = _snapshot({"a": 3, "b": 5, "new": 1}, items={"coach_state": 1}).changes_since(before)
    assert added.client_list and added.clients == {"new"} and not added.everything
    deleted = _snapshot({"a": 3}, items={"coach_state": 1}).changes_since(before)
    assert deleted.client_list and deleted.clients == {"b"} and not deleted.everything
    settings = _snapshot({"a": 3, "b": 5}, items={"coach_state": 2}).changes_since(before)
    assert settings == VaultChanges(settings=True)


def test_it_says_everything_when_it_cannot_tell() -> None:
    every = {f"c{n}": 1 for n in range(40)}
    before = _snapshot(every)
    assert _snapshot(every).changes_since(None).everything  # the first look: nothing to compare with
    assert _snapshot(every, vault_id="v2").changes_since(before).everything  # another vault restored in place
    most = {client_id: 2 if n <= MANY_CLIENTS + 2 else 1 for n, client_id in enumerate(every)}
    assert _snapshot(most).changes_since(before).everything  # an import or restore that replaced much
    few = {client_id: 2 if n < 3 else 1 for n, client_id in enumerate(every)}
    assert _snapshot(few).changes_since(before).clients == {"c0", "c1", "c2"}
    unbuilt = VaultSnapshot.of_rows([("x", "v1", 1, b""), ("vault", "", 0, b""), ("c", "a", 1, b"")])
    assert unbuilt.changes_since(
        unbuilt
    ).everything  # writes do not keep unbuilt manifests: any commit may matter


# ---- the watcher, on both databases -----------------------------------------------------------------------------


@pytest.fixture
def other(session: VaultSession, database_url: str) -> Iterator[VaultSession]:
    """A second session on the same vault, with its own engine: another process, as far as the database knows."""
    vault = Vault.open(database_url, clock=fixed_clock)
    second = VaultSession(vault, vault.unlock_with_secret(PASSPHRASE))
    yield second
    second.close()


@pytest.fixture
def two_clients(session: VaultSession) -> VaultSession:
    for client_id, name in (("c1", "Ada"), ("c2", "Bea")):
        session.journal.save_client(Client(id=client_id, name=name))
        session.journal.save_entry(
            Entry(
                id=f"{client_id}-e1", client_id=client_id, occurred_at=NOW, kind=EntryKind.NOTE, text="Hello"
            )
        )
    return session


@pytest.fixture
def watcher(two_clients: VaultSession) -> Iterator[ChangeWatcher]:
    watcher = two_clients.watch_changes()
    yield watcher
    watcher.close()


def _poll_until(watcher: ChangeWatcher, seconds: float = 3.0) -> VaultChanges:
    """The first report (PostgreSQL delivers notifications asynchronously)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        changes = watcher.poll()
        if not changes.empty:
            return changes
        time.sleep(0.02)
    return VaultChanges()


def _settle(watcher: ChangeWatcher) -> VaultChanges:
    """Every report still on its way, combined."""
    time.sleep(0.2)
    return watcher.poll() | watcher.poll()


def _edit(session: VaultSession, client_id: str, text_now: str) -> None:
    entry = session.journal.get_entry(client_id, f"{client_id}-e1")
    session.journal.save_entry(replace(entry, text=text_now))


def test_an_entry_edited_elsewhere_names_only_its_client(watcher: ChangeWatcher, other: VaultSession) -> None:
    assert watcher.poll().empty
    _edit(other, "c1", "Edited elsewhere")
    assert _poll_until(watcher) == VaultChanges(clients=frozenset({"c1"}), entries=True, projects=True)
    assert _settle(watcher).empty  # reported once


def test_clients_added_renamed_and_deleted_elsewhere_change_the_list(
    watcher: ChangeWatcher, other: VaultSession
) -> None:
    other.journal.save_client(Client(id="c3", name="Cyd"))
    added = _poll_until(watcher)
    assert added.client_list and added.clients == {"c3"} and not added.everything

    other.journal.save_client(replace(other.journal.get_client("c1"), name="Ada Lovelace"))
    renamed = _poll_until(watcher)
    assert renamed.client_list and renamed.clients == {"c1"}

    other.delete_client("c2")
    deleted = _poll_until(watcher)
    assert deleted.client_list and deleted.clients == {"c2"} and not deleted.everything


def test_settings_changed_elsewhere_are_settings_only(watcher: ChangeWatcher, other: VaultSession) -> None:
    other.settings.dismiss("c1|-|y|e2")
    assert _poll_until(watcher) == VaultChanges(settings=True)


def test_a_change_to_nothing_a_view_shows_reports_nothing(
    watcher: ChangeWatcher, other: VaultSession
) -> None:
    other.change_passphrase("another long passphrase here")  # the vault row's wrapped keys only
    assert _settle(watcher).empty
    other.autosave.store("c1|", {"client_id": "c1", "entry_id": None, "text": "typing on another device"})
    assert _settle(watcher).empty  # an autosave: read when an editor opens, shown by no view meanwhile
    _edit(other, "c2", "and then this")  # still watching
    assert _poll_until(watcher).clients == {"c2"}


def test_our_own_writes_are_not_reported(two_clients: VaultSession, watcher: ChangeWatcher) -> None:
    session = two_clients
    watcher.own_write(lambda: _edit(session, "c1", "Written here"))
    assert _settle(watcher).empty  # a quiet poll leaves ours out of the next comparison
    session.journal.save_client(Client(id="c9", name="Through our engine"))  # not as own_write
    if session.vault.engine.dialect.name == "sqlite":
        # Another connection of our own engine is "someone else" to data_version unless run as own_write.
        changes = _settle(watcher)
        assert changes.clients == {"c9"} and changes.client_list
    else:
        assert _settle(watcher).empty  # our own notifications carry our origin
    assert watcher.poll().empty


def test_a_change_made_just_before_our_own_write_is_still_reported(
    two_clients: VaultSession, watcher: ChangeWatcher, other: VaultSession
) -> None:
    _edit(other, "c1", "Theirs")
    time.sleep(0.2)  # PostgreSQL delivers notifications asynchronously
    watcher.own_write(lambda: _edit(two_clients, "c2", "Ours"))
    changes = _poll_until(watcher)
    assert "c1" in changes.clients and not changes.everything
    if two_clients.vault.engine.dialect.name == "sqlite":
        assert changes.clients == {"c1"}  # ours told apart: it ran as own_write
    assert _settle(watcher).empty


def test_a_restored_backup_reports_the_clients_it_put_back(
    two_clients: VaultSession, watcher: ChangeWatcher, other: VaultSession, tmp_path: Path
) -> None:
    backup = tmp_path / "before.sqlite3"
    two_clients.backup(backup)
    _edit(other, "c1", "First edit")
    assert _poll_until(watcher).clients == {"c1"}
    # Put the backup back and edit again: the manifest is at the same version as last seen, sealed anew.
    restore_vault(other.vault.engine, backup, PASSPHRASE, clock=fixed_clock, keys=other.keys)
    other.journal.forget_cached()
    _edit(other, "c1", "Another history")
    changes = _poll_until(watcher)
    assert changes.clients == {"c1"} and not changes.everything
    assert two_clients.journal.get_entry("c1", "c1-e1").text == "Another history"


def test_a_lost_listening_connection_still_tells_what_changed(
    watcher: ChangeWatcher, other: VaultSession
) -> None:
    if other.vault.engine.dialect.name != "postgresql":
        pytest.skip("the SQLite watcher's connection is a file handle")
    with other.vault.engine.begin() as connection:  # the server ends every other session of this database
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    _edit(other, "c2", "While it was away")
    changes = _settle(watcher) | _poll_until(watcher, 1.0)  # one poll notices the loss, the next reconnects
    assert changes.clients == {"c2"} and not changes.everything


def test_only_the_journals_of_changed_clients_are_forgotten(two_clients: VaultSession) -> None:
    journal = two_clients.journal
    kept_one, kept_two = journal.journals_of(["c1", "c2"])
    journal.forget_changed(VaultChanges.of_entries(["c1"]))
    one, two = journal.journals_of(["c1", "c2"])
    assert two is kept_two and one is not kept_one  # c2 still kept, c1 read again
    journal.forget_changed(VaultChanges.all())
    assert journal.journals_of(["c2"])[0] is not kept_two
