"""The automatic backup's copy and check run on a thread of their own: while a backup is being taken, the window's
worker still saves (nothing queues behind a copy that takes seconds on a large vault)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings
from support.constants import WAIT_MS, fixed_clock

from clientjournal.domain import Client
from clientjournal.services import backups as backups_module
from clientjournal.services.changes import VaultChanges
from clientjournal.services.session import VaultSession
from clientjournal.ui.mainwindow import MainWindow


class HeldCopy:
    """The real copy, started only once released."""

    def __init__(self) -> None:
        self.real = backups_module.copy_vault_file
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, source: Path, destination: Path, progress=None) -> None:  # type: ignore[no-untyped-def]
        self.reached.set()
        assert self.release.wait(30)
        self.real(source, destination, progress)


def test_saving_goes_on_while_the_automatic_backup_is_copied(
    qtbot, worker, session: VaultSession, tmp_path: Path, monkeypatch
) -> None:
    held = HeldCopy()
    monkeypatch.setattr(backups_module, "copy_vault_file", held)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, worker, fixed_clock, settings=settings)
    qtbot.addWidget(window, before_close_func=lambda _w: held.release.set())
    keeper = window.backup_keeper
    keeper.unlock_delay_ms = 0  # the overdue check at once
    window.show()
    window.reload(select=None)
    qtbot.waitUntil(held.reached.is_set, timeout=WAIT_MS)  # the first backup is due at unlock: being copied

    saved: list[object] = []
    window.ops.change(
        lambda s: s.journal.save_client(Client(id="c1", name="Kari Nordmann")),
        VaultChanges.of_clients(["c1"]),
    ).success(saved.append).run()
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT_MS)  # the worker is free: the copy is elsewhere
    assert keeper.last is None and not held.release.is_set(), "the backup is still being copied"

    held.release.set()
    qtbot.waitUntil(lambda: keeper.last is not None, timeout=WAIT_MS)
    assert keeper.last is not None and keeper.last.verified
    assert keeper.last.clients == 1, "copied after the save that went ahead of it"
    assert session.backups.last_good() == keeper.last
    assert keeper.wait_for_backup(1.0)
    worker.wait_idle()
