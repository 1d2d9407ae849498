"""Changes described (VaultChanges) and noticed when someone else commits them (ChangeWatcher)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from support.constants import PASSPHRASE, fixed_clock

from clientjournal.domain import Client
from clientjournal.services.changes import ChangeWatcher, VaultChanges
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault


def test_changes_combine_and_say_what_they_touch() -> None:
    entries = VaultChanges.of_entries(["c1"])
    assert entries.touches("c1") and entries.touches(None) and not entries.touches("c2")
    merged = entries | VaultChanges(settings=True)
    assert merged.settings and merged.entries and merged.clients == {"c1"}
    assert VaultChanges.all().touches("anyone")
    assert VaultChanges().empty and not VaultChanges(settings=True).journal


@pytest.fixture
def other(session: VaultSession, database_url: str) -> Iterator[VaultSession]:
    """A second session on the same vault, with its own engine: another process, as far as the database knows."""
    vault = Vault.open(database_url, clock=fixed_clock)
    second = VaultSession(vault, vault.unlock_with_secret(PASSPHRASE))
    yield second
    second.close()


def _poll_until(watcher: ChangeWatcher, seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if watcher.poll():
            return True
        time.sleep(0.02)
    return False


def test_the_watcher_reports_commits_of_others_only(session: VaultSession, other: VaultSession) -> None:
    watcher = session.watch_changes()
    try:
        assert not watcher.poll()
        other.journal.save_client(Client(id="c1", name="Ada"))
        assert _poll_until(watcher)
        assert not watcher.poll()  # reported once

        watcher.own_write(lambda: session.journal.save_client(Client(id="c2", name="Bea")))
        session.settings.snooze("c2|-|x|e1", fixed_clock().date())  # through the same engine as the watcher's
        time.sleep(0.2)
        if session.vault.engine.dialect.name == "sqlite":
            # Another connection of our own engine is "someone else" to data_version unless run as own_write.
            assert watcher.poll()
        else:
            assert not watcher.poll()  # our own notifications carry our origin
        assert not watcher.poll()

        other.settings.dismiss("c1|-|y|e2")
        assert _poll_until(watcher)
    finally:
        watcher.close()


def test_a_change_made_just_before_our_own_write_is_still_reported(
    session: VaultSession, other: VaultSession
) -> None:
    watcher = session.watch_changes()
    try:
        other.journal.save_client(Client(id="c1", name="Ada"))
        time.sleep(0.2)  # PostgreSQL delivers notifications asynchronously
        watcher.own_write(lambda: session.journal.save_client(Client(id="c2", name="Bea")))
        assert _poll_until(watcher)
    finally:
        watcher.close()
