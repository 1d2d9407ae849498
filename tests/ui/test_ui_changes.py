"""One way to run work (operations), one change signal (vault_changed), and changes made outside the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from support.constants import NOW, PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.domain import Client, Entry, EntryKind
from clientjournal.errors import ValidationError
from clientjournal.services.changes import VaultChanges
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.operations import ChangeHub, Operations

CLI = Path(sys.executable).with_name("clientjournal-cli")


@pytest.fixture
def ops(worker, session) -> tuple[Operations, list[BaseException], list[VaultChanges]]:
    errors: list[BaseException] = []
    announced: list[VaultChanges] = []
    hub = ChangeHub()
    hub.vault_changed.connect(announced.append)
    operations = Operations(worker, hub, lambda: session, errors.append)
    return operations, errors, announced


def test_a_newer_query_of_the_same_key_supersedes_the_older(qtbot, worker, ops):
    operations, errors, _announced = ops
    got: list[int] = []
    for n in range(3):
        operations.query(lambda _s, n=n: n, key="k").success(got.append).run()
    operations.query(lambda _s: 10).success(got.append).run()  # no key: never superseded
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    assert got == [2, 10] and errors == []


def test_results_after_invalidate_are_dropped_and_failures_take_the_default_path(qtbot, worker, ops):
    operations, errors, announced = ops
    got: list[object] = []
    operations.query(lambda _s: "late").success(got.append).run()
    operations.invalidate()  # as when the vault locks
    problem = ValidationError("no")

    def fail(_session: object) -> None:
        raise problem

    operations.change(fail, VaultChanges.of_entries(["c1"])).run()
    own: list[BaseException] = []
    operations.query(fail).failure(own.append).run()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    assert got == []
    assert errors == [problem] and own == [problem]
    assert announced == [VaultChanges.of_entries(["c1"])]  # a refused write may mean it changed elsewhere


def test_a_change_announces_what_it_changed_after_its_success(qtbot, worker, ops, session):
    operations, errors, announced = ops
    order: list[str] = []
    operations.hub.vault_changed.connect(lambda _c: order.append("announced"))
    operations.change(
        lambda s: s.journal.save_client(Client(id="c1", name="Ada")),
        lambda saved: VaultChanges.of_clients([saved.id]),
    ).success(lambda _saved: order.append("success")).run()
    qtbot.waitUntil(lambda: bool(announced), timeout=WAIT_MS)
    assert announced == [VaultChanges.of_clients(["c1"])] and order == ["success", "announced"]
    assert errors == []


# ---- the window -------------------------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, worker, session) -> MainWindow:
    session.journal.save_client(Client(id="c1", name="Ada"))
    session.journal.save_entry(
        Entry(id="e1", client_id="c1", occurred_at=NOW, kind=EntryKind.NOTE, text="Called about the logo")
    )
    main = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select=None)
    yield main
    main.stop_watching()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)


def _texts(window: MainWindow) -> list[str]:
    model = window.timeline
    return [e.text for e in (model.entry_at(row) for row in range(model.rowCount())) if e is not None]


def test_a_write_refreshes_the_views_through_vault_changed(qtbot, window: MainWindow):
    announced: list[VaultChanges] = []
    window.hub.vault_changed.connect(announced.append)
    entry = window.timeline.entry_at(
        next(r for r in range(window.timeline.rowCount()) if window.timeline.entry_at(r))
    )
    assert entry is not None
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.editor.delete_entry(entry, confirm=False)
    assert announced == [VaultChanges.of_entries(["c1"])]
    assert _texts(window) == []


def test_an_entry_edited_with_the_cli_shows_without_locking(qtbot, window: MainWindow, session, tmp_path):
    watch = window.watch_external_changes()  # every second, as in the app
    qtbot.waitUntil(lambda: watch.running, timeout=WAIT_MS)
    assert _texts(window) == ["Called about the logo"]
    elsewhere: list[bool] = []
    watch.changed_elsewhere.connect(lambda: elsewhere.append(True))

    exported = tmp_path / "export.json"
    session.transfer.export_to_file(exported, exported_at=NOW)
    edited = tmp_path / "edited.json"
    edited.write_text(
        exported.read_text(encoding="utf-8").replace("Called about the logo", "Sent the new logo"),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLIENTJOURNAL_")}
    env.update(CLIENTJOURNAL_PASSPHRASE=PASSPHRASE, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    url = f"sqlite:///{(tmp_path / 'vault.sqlite3').as_posix()}"
    done = subprocess.run(
        [str(CLI), "--data-dir", str(tmp_path / "cli"), "--database-url", url, "import", str(edited)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # The window must show it within 2 s of the commit, without locking.
    qtbot.waitUntil(lambda: _texts(window) == ["Sent the new logo"], timeout=2_000)
    assert elsewhere and window.session is session  # still unlocked

    window.clear()  # as when the vault locks: the watch stops and its connection closes
    assert not watch.running and window.ops.worker.wrap_job is None


def test_our_own_writes_are_not_reported_as_changes_from_elsewhere(
    qtbot, window: MainWindow, worker, monkeypatch
):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"unexpected warning {a}"))
    watch = window.watch_external_changes(interval_ms=50)
    qtbot.waitUntil(lambda: watch.running, timeout=WAIT_MS)
    elsewhere: list[bool] = []
    watch.changed_elsewhere.connect(lambda: elsewhere.append(True))
    entry = next(e for e in (window.timeline.entry_at(r) for r in range(window.timeline.rowCount())) if e)
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.editor.delete_entry(entry, confirm=False)
    qtbot.wait(300)  # several polls
    assert elsewhere == []
