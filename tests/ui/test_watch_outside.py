"""Changes made with ``clientjournal-cli`` while the window is open: the window shows them without locking, and
reads again only what they changed (the watcher's catch-up read names the clients)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from support.constants import NOW, PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.domain import Client, Entry, EntryKind
from clientjournal.services.changes import VaultChanges
from clientjournal.services.session import VaultSession
from clientjournal.ui.mainwindow import MainWindow

CLI = Path(sys.executable).with_name("clientjournal-cli")
CLIENTS = (("ada", "Ada"), ("bea", "Bea"), ("cyd", "Cyd"))


@pytest.fixture
def window(qtbot, worker, session: VaultSession, request: pytest.FixtureRequest) -> MainWindow:
    """The window over three clients, watching for outside changes (every second, as in the app, unless the test
    passes another interval)."""
    for client_id, name in CLIENTS:
        session.journal.save_client(Client(id=client_id, name=name))
        session.journal.save_entry(
            Entry(
                id=f"{client_id}-e1",
                client_id=client_id,
                occurred_at=NOW,
                kind=EntryKind.NOTE,
                text=f"First talk with {name}",
            )
        )
    main = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select=None)
    watch = main.watch_external_changes(getattr(request, "param", 1_000))
    qtbot.waitUntil(lambda: watch.running, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)  # badges and coach read every journal once
    yield main
    main.stop_watching()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)


def _texts(window: MainWindow) -> set[str]:
    model = window.timeline
    return {e.text for e in (model.entry_at(row) for row in range(model.rowCount())) if e is not None}


def _client_ids(window: MainWindow) -> set[str]:
    return {client.id for client in window.clients.clients()}


def _cli(tmp_path: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLIENTJOURNAL_")}
    env.update(CLIENTJOURNAL_PASSPHRASE=PASSPHRASE, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    url = f"sqlite:///{(tmp_path / 'vault.sqlite3').as_posix()}"
    done = subprocess.run(
        [str(CLI), "--data-dir", str(tmp_path / "cli"), "--database-url", url, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def journals_read(session: VaultSession, monkeypatch: pytest.MonkeyPatch) -> list[Sequence[str] | None]:
    """The clients of every bulk journal read from now on (None: the whole vault)."""
    calls: list[Sequence[str] | None] = []
    original = session.journal.iter_stored_journals

    def spy(*args, client_ids=None, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(None if client_ids is None else list(client_ids))
        return original(*args, client_ids=client_ids, **kwargs)

    monkeypatch.setattr(session.journal, "iter_stored_journals", spy)
    return calls


def test_an_entry_edited_with_the_cli_shows_and_only_its_client_is_read_again(
    qtbot, window: MainWindow, worker, session: VaultSession, tmp_path: Path, journals_read
):
    announced: list[VaultChanges] = []
    window.hub.vault_changed.connect(announced.append)
    assert "First talk with Bea" in _texts(window)
    exported = tmp_path / "export.json"
    session.transfer.export_to_file(exported, exported_at=NOW)
    edited = tmp_path / "edited.json"
    edited.write_text(
        exported.read_text(encoding="utf-8").replace("First talk with Bea", "Bea agreed to the offer"),
        encoding="utf-8",
    )

    journals_read.clear()  # the export above read every journal
    _cli(tmp_path, "import", str(edited))  # writes only what differs: one entry of Bea's
    qtbot.waitUntil(lambda: "Bea agreed to the offer" in _texts(window), timeout=2_000)
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)

    assert announced == [VaultChanges(clients=frozenset({"bea"}), entries=True, projects=True)]
    assert journals_read, "the views read Bea's journal again"
    assert all(clients == ["bea"] for clients in journals_read), journals_read
    assert _texts(window) == {"First talk with Ada", "Bea agreed to the offer", "First talk with Cyd"}
    assert window.session is session  # still unlocked


def test_a_client_deleted_with_the_cli_leaves_the_list_and_the_timeline(
    qtbot, window: MainWindow, worker, session: VaultSession, tmp_path: Path
):
    announced: list[VaultChanges] = []
    window.hub.vault_changed.connect(announced.append)
    assert _client_ids(window) == {"ada", "bea", "cyd"}

    _cli(tmp_path, "delete-client", "cyd", "--yes")
    qtbot.waitUntil(lambda: _client_ids(window) == {"ada", "bea"}, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "First talk with Cyd" not in _texts(window), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    assert announced and not any(changes.everything for changes in announced)
    assert all(changes.clients <= {"cyd"} for changes in announced)
    assert any(changes.client_list and "cyd" in changes.clients for changes in announced)
    assert _texts(window) == {"First talk with Ada", "First talk with Bea"}


def test_a_client_added_with_the_cli_joins_the_list(
    qtbot, window: MainWindow, worker, session: VaultSession, tmp_path: Path
):
    document = tmp_path / "new.json"
    exported = tmp_path / "export.json"
    session.transfer.export_to_file(exported, exported_at=NOW)
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["clients"] = [
        {**client, "id": "dag", "name": "Dag"} for client in data["clients"] if client["id"] == "ada"
    ]
    document.write_text(json.dumps(data), encoding="utf-8")

    _cli(tmp_path, "import", str(document))
    qtbot.waitUntil(lambda: _client_ids(window) == {"ada", "bea", "cyd", "dag"}, timeout=WAIT_MS)
    assert window.session is session


@pytest.mark.parametrize("window", [3_600_000], indirect=True)  # the regular poll: not within this test
def test_a_commit_elsewhere_wakes_the_watch_before_its_next_poll(
    qtbot, window: MainWindow, worker, session: VaultSession, tmp_path: Path
):
    exported = tmp_path / "export.json"
    session.transfer.export_to_file(exported, exported_at=NOW)
    edited = tmp_path / "edited.json"
    edited.write_text(
        exported.read_text(encoding="utf-8").replace("First talk with Cyd", "Cyd paid the invoice"),
        encoding="utf-8",
    )
    _cli(tmp_path, "import", str(edited))  # SQLite writes the WAL: the file watch wakes the poll
    qtbot.waitUntil(lambda: "Cyd paid the invoice" in _texts(window), timeout=WAIT_MS)


@pytest.mark.postgresql
def test_a_notification_from_another_device_wakes_the_watch_once(
    qtbot, worker, postgresql_url: str, monkeypatch: pytest.MonkeyPatch
):
    from clientjournal.crypto.kdf import KdfParams
    from clientjournal.services.vault import Vault
    from clientjournal.ui.operations import ChangeHub, Operations
    from clientjournal.ui.watch import ChangeWatch

    vault, keys, _recovery = Vault.create(
        postgresql_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum()
    )
    here = VaultSession(vault, keys)
    device = Vault.open(postgresql_url, clock=fixed_clock)
    there = VaultSession(device, device.unlock_with_secret(PASSPHRASE))
    try:
        here.journal.save_client(Client(id="ada", name="Ada"))
        polls: list[VaultChanges] = []
        original = here.journal.forget_changed
        monkeypatch.setattr(here.journal, "forget_changed", lambda c: (polls.append(c), original(c))[1])
        hub = ChangeHub()
        announced: list[VaultChanges] = []
        hub.vault_changed.connect(announced.append)
        errors: list[BaseException] = []
        watch = ChangeWatch(Operations(worker, hub, lambda: here, errors.append), interval_ms=3_600_000)
        watch.start()
        qtbot.waitUntil(lambda: watch.running, timeout=WAIT_MS)

        there.journal.save_entry(
            Entry(id="e1", client_id="ada", occurred_at=NOW, kind=EntryKind.NOTE, text="Hi")
        )
        qtbot.waitUntil(lambda: bool(announced), timeout=WAIT_MS)
        assert announced == [VaultChanges(clients=frozenset({"ada"}), entries=True, projects=True)]
        seen = len(polls)
        qtbot.wait(500)
        assert len(polls) == seen  # the socket read: no more wake-ups while nothing arrives
        assert errors == []
        watch.stop()
        qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    finally:
        there.close()
        here.close()
