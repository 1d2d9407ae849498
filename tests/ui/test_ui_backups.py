"""Automatic backups in the window, through real widgets: the keeper takes the day's backup after the first change
(and at unlock when one is overdue), Preferences shows and edits the policy, and File ▸ Restore from a backup…
lists the backups, says what a restore replaces, restores on the worker and locks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from support.constants import PASSPHRASE, WAIT_MS

from clientjournal.crypto.kdf import KdfParams
from clientjournal.domain import Client, Entry, EntryKind
from clientjournal.services.backup_files import BEFORE_RESTORE
from clientjournal.services.backups import BackupPolicy, BackupStatus
from clientjournal.services.changes import VaultChanges
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url
from clientjournal.ui.backup_preferences import BackupSection, describe_moment
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.restore_dialog import RestoreDialog

OSLO = timezone(timedelta(hours=1))
MORNING = datetime(2026, 11, 30, 9, 12, tzinfo=OSLO)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(MORNING)


@pytest.fixture
def window(qtbot, worker, session: VaultSession, clock: Clock, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(session, worker, clock, settings=settings)
    qtbot.addWidget(shown)
    shown.backup_keeper.unlock_delay_ms = 0  # the overdue check at once, not after the first page loads
    shown.show()
    shown.reload(select=None)
    return shown


def _save_client(qtbot, window: MainWindow, client_id: str, name: str) -> None:
    done: list[object] = []
    window.ops.change(
        lambda s: s.journal.save_client(Client(id=client_id, name=name)), VaultChanges.of_clients([client_id])
    ).success(done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)


def _backups(session: VaultSession) -> list[Path]:
    return [b.path for b in session.backups.backups()]


def _idle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.backup_keeper._running, timeout=WAIT_MS)
    window.context.worker.wait_idle()
    qtbot.wait(20)


# ---- the keeper ---------------------------------------------------------------------------------------------


def test_the_keeper_backs_up_at_unlock_when_overdue_then_after_the_first_change_of_a_day(
    qtbot, window: MainWindow, session: VaultSession, clock: Clock
):
    keeper = window.backup_keeper
    qtbot.waitUntil(lambda: keeper.last is not None, timeout=WAIT_MS)  # none yet at all: overdue at unlock
    assert keeper.last is not None and keeper.last.verified
    _idle(qtbot, window)
    assert len(_backups(session)) == 1

    clock.now = MORNING + timedelta(days=1)
    _idle(qtbot, window)
    assert len(_backups(session)) == 1, "a new day alone takes no backup"
    _save_client(qtbot, window, "c1", "Kari Nordmann")
    qtbot.waitUntil(lambda: len(_backups(session)) == 2, timeout=WAIT_MS)
    _save_client(qtbot, window, "c2", "Ola Nordmann")
    _idle(qtbot, window)
    assert len(_backups(session)) == 2, "one a day"
    assert keeper.last is not None and (keeper.last.clients, keeper.last.entries) == (1, 0)


def test_the_keeper_says_a_failure_once_in_the_status_bar(
    qtbot, window: MainWindow, session: VaultSession, clock: Clock, tmp_path: Path
):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    session.backups.save_policy(BackupPolicy(folder=str(blocked / "backups")))
    _save_client(qtbot, window, "c1", "Kari Nordmann")
    qtbot.waitUntil(lambda: "could not be made" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    window.statusBar().clearMessage()
    clock.now = MORNING + timedelta(days=1)
    _save_client(qtbot, window, "c2", "Ola Nordmann")
    _idle(qtbot, window)
    assert window.statusBar().currentMessage() == "", "said once, not with every change"
    assert session.backups.status().last_failure is not None


# ---- Preferences --------------------------------------------------------------------------------------------


def test_preferences_show_the_last_good_backup_and_save_the_policy(
    qtbot, window: MainWindow, session: VaultSession, tmp_path: Path, monkeypatch
):
    qtbot.waitUntil(lambda: window.backup_keeper.last is not None, timeout=WAIT_MS)
    _idle(qtbot, window)
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(chosen))

    window.editor.preferences_action.trigger()
    section = window.findChild(BackupSection)
    assert section is not None and section.isVisible()
    qtbot.waitUntil(section.keep_daily.isEnabled, timeout=WAIT_MS)
    assert section.last_good.text().startswith("Last good backup: ")
    assert section.last_good.text().endswith(", verified")
    assert section.folder.text() == str(tmp_path / "backups")
    assert (
        section.enabled.isChecked() and section.keep_daily.value() == 7 and section.keep_weekly.value() == 4
    )

    section.keep_daily.setValue(10)
    section.keep_weekly.setValue(2)
    section.interval.setCurrentIndex(section.interval.findData(7))
    qtbot.mouseClick(section.choose_folder, Qt.MouseButton.LeftButton)
    assert section.folder.text() == str(chosen)
    section.enabled.setChecked(False)
    assert not section.keep_daily.isEnabled()
    dialog = section.window()
    dialog.accept()  # type: ignore[attr-defined]
    window.context.worker.wait_idle()
    qtbot.waitUntil(lambda: session.backups.policy().keep_daily == 10, timeout=WAIT_MS)
    assert session.backups.policy() == BackupPolicy(
        enabled=False, folder=str(chosen), interval_days=7, keep_daily=10, keep_weekly=2
    )


def test_the_section_says_when_the_last_good_backup_was(
    qtbot, window: MainWindow, session: VaultSession, clock
):
    backup = session.backups.back_up(MORNING)
    section = BackupSection(window.ops, clock=lambda: MORNING + timedelta(hours=3))
    qtbot.addWidget(section)
    section.load()
    qtbot.waitUntil(lambda: "verified" in section.last_good.text(), timeout=WAIT_MS)
    assert section.last_good.text() == "Last good backup: today 09:12, verified"
    assert section.last_good.toolTip() == str(backup.path)
    assert describe_moment(MORNING, MORNING + timedelta(days=1)) == "yesterday 09:12"


def test_a_journal_on_a_database_server_is_told_backups_are_not_offered(qtbot, window: MainWindow):
    section = BackupSection(window.ops)
    qtbot.addWidget(section)
    section.show_status(BackupStatus(False, BackupPolicy(), None, None, None, None))
    assert "database server" in section.last_good.text()
    assert not section.enabled.isEnabled() and not section.choose_folder.isEnabled()
    assert section.policy() is None


# ---- restore ------------------------------------------------------------------------------------------------


@pytest.fixture
def answer_yes(monkeypatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, title, *_args):
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _open_restore(qtbot, window: MainWindow) -> RestoreDialog:
    action = window.backup_keeper.restore_action
    assert action is not None and action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    dialog = window.backup_keeper.restore_dialog
    assert dialog is not None
    qtbot.waitUntil(
        lambda: dialog.list.topLevelItemCount() > 0 or "No backups" in dialog.summary.text(), timeout=WAIT_MS
    )
    return dialog


def test_restore_lists_the_backups_says_what_it_replaces_keeps_the_journal_and_locks(
    qtbot, window: MainWindow, session: VaultSession, answer_yes, clock: Clock
):
    session.journal.save_client(Client(id="c1", name="Kari Nordmann"))
    older = session.backups.back_up(MORNING - timedelta(days=1))
    session.journal.save_client(Client(id="c2", name="Ola Nordmann"))
    session.journal.save_entry(
        Entry(id="e1", client_id="c2", occurred_at=MORNING, kind=EntryKind.NOTE, text="Offer sent")
    )
    _idle(qtbot, window)
    dialog = _open_restore(qtbot, window)
    assert "2 clients, 1 entries" in dialog.current.text() or "2 clients" in dialog.current.text()
    rows = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    older_row = next(r for r in rows if r.data(0, Qt.ItemDataRole.UserRole) == str(older.path))
    assert older_row.text(2) == "Verified"
    dialog.list.setCurrentItem(older_row)
    assert "replaces everything in your journal now" in dialog.summary.text()
    assert dialog.restore_button.isEnabled()

    with qtbot.waitSignal(window.lock_requested, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert answer_yes == ["Restore this backup?"]
    result = dialog.result_of_restore
    assert result is not None and result.same_vault and result.kept.kind == BEFORE_RESTORE
    window.clear()
    session.lock()
    reopened = Vault.open(str(session.vault.engine.url), clock=clock)
    again = VaultSession(reopened, reopened.unlock(PASSPHRASE))
    try:
        assert [c.id for c in again.journal.list_clients()] == ["c1"]
        kept = next(b for b in again.backups.backups() if b.kind == BEFORE_RESTORE)
        assert (kept.clients, kept.entries) == (2, 1) and kept.verified
    finally:
        again.close()


def test_restore_offers_a_chosen_file_of_another_journal_with_its_passphrase(
    qtbot, window: MainWindow, session: VaultSession, tmp_path: Path, monkeypatch
):
    other_url = sqlite_url(tmp_path / "other" / "vault.sqlite3")
    vault, keys, _recovery = Vault.create(
        other_url, "another passphrase", clock=Clock(MORNING), kdf=KdfParams.minimum()
    )
    other = VaultSession(vault, keys)
    other.journal.save_client(Client(id="x1", name="Someone Else"))
    foreign = tmp_path / "foreign.sqlite3"
    other.backup(foreign)
    other.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(foreign), ""))

    dialog = _open_restore(qtbot, window)
    qtbot.mouseClick(dialog.choose_file, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.selected() is not None and dialog.selected().path == foreign, timeout=WAIT_MS
    )
    assert dialog.passphrase.isVisible()
    assert not dialog.restore_button.isEnabled(), "its passphrase is needed first"
    qtbot.keyClicks(dialog.passphrase, "another passphrase")
    assert dialog.restore_button.isEnabled()
    assert "1 clients" in dialog.summary.text() or "1 client" in dialog.summary.text()
    dialog.reject()


def test_a_damaged_backup_is_shown_as_damaged_and_cannot_be_restored(
    qtbot, window: MainWindow, session: VaultSession, answer_yes
):
    session.journal.save_client(Client(id="c1", name="Kari Nordmann"))
    backup = session.backups.back_up(MORNING)
    _idle(qtbot, window)
    backup.path.write_bytes(b"damaged" * 500)
    dialog = _open_restore(qtbot, window)
    rows = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    damaged = next(r for r in rows if r.data(0, Qt.ItemDataRole.UserRole) == str(backup.path))
    assert damaged.text(2) == "Damaged"
    assert not damaged.flags() & Qt.ItemFlag.ItemIsSelectable
    dialog.list.setCurrentItem(damaged)
    assert not dialog.restore_button.isEnabled()
    dialog.reject()


def test_after_a_restore_the_journal_unlocks_with_the_backups_passphrase(
    qtbot, worker, vault_url, existing_vault, answer_yes, tmp_path: Path
):
    """Through the real controller: unlock, back up, change the passphrase, restore, and unlock again with the
    passphrase that was in force when the backup was taken."""
    from clientjournal.ui.controller import AppController

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    controller = AppController(vault_url, Clock(MORNING), worker, settings=settings, watch_ms=None)
    controller.start()
    unlock = controller.unlock_dialog
    assert unlock is not None
    qtbot.waitUntil(unlock.passphrase.isEnabled, timeout=WAIT_MS)
    unlock.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(controller.main_window_shown, timeout=WAIT_MS):
        unlock.unlock_button.click()
    window = controller.window
    assert window is not None and controller.session is not None
    qtbot.addWidget(window)
    session = controller.session
    worker.wait_idle()
    session.journal.save_client(Client(id="c1", name="Kari Nordmann"))
    backup = session.backups.back_up(MORNING)
    session.journal.save_client(Client(id="c2", name="Ola Nordmann"))
    session.change_passphrase("a brand new passphrase")

    dialog = _open_restore(qtbot, window)
    row = next(
        dialog.list.topLevelItem(i)
        for i in range(dialog.list.topLevelItemCount())
        if dialog.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == str(backup.path)
    )
    dialog.list.setCurrentItem(row)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: controller.session is None, timeout=WAIT_MS)
    unlock = controller.unlock_dialog
    assert unlock is not None and not window.isVisible()
    qtbot.waitUntil(unlock.passphrase.isEnabled, timeout=WAIT_MS)
    unlock.passphrase.setText("a brand new passphrase")
    unlock.unlock_button.click()
    qtbot.waitUntil(unlock.message.isVisible, timeout=WAIT_MS)  # refused: the backup's is older
    unlock.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        unlock.unlock_button.click()
    assert [c.id for c in window.clients.clients()] == ["c1"]
    controller.shutdown()


def test_a_restore_that_fails_says_why_and_changes_nothing(
    qtbot, window: MainWindow, session: VaultSession, answer_yes
):
    session.journal.save_client(Client(id="c1", name="Kari Nordmann"))
    backup = session.backups.back_up(MORNING - timedelta(days=1))
    session.journal.save_client(Client(id="c2", name="Ola Nordmann"))
    _idle(qtbot, window)
    dialog = _open_restore(qtbot, window)
    row = next(
        dialog.list.topLevelItem(i)
        for i in range(dialog.list.topLevelItemCount())
        if dialog.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == str(backup.path)
    )
    dialog.list.setCurrentItem(row)
    backup.path.write_bytes(b"damaged after it was listed" * 200)
    dialog.restore_button.click()
    qtbot.waitUntil(dialog.message.isVisible, timeout=WAIT_MS)
    assert dialog.isVisible() and not dialog.running
    assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).isEnabled()
    assert "nothing was restored" in dialog.message.text()
    assert [c.id for c in session.journal.list_clients()] == ["c1", "c2"]
    dialog.reject()


def test_a_change_arriving_as_the_app_closes_starts_no_backup(
    qtbot, window: MainWindow, session: VaultSession, clock: Clock
):
    """The worker has stopped (the app is quitting) when a change comes in: neither the keeper nor any view asks
    for work, instead of raising in the event loop."""
    keeper = window.backup_keeper
    qtbot.waitUntil(lambda: keeper.last is not None, timeout=WAIT_MS)
    _idle(qtbot, window)
    window.context.worker.stop()
    clock.now = MORNING + timedelta(days=1)  # a new day: the first change of it would ask for a backup
    window.context.hub.vault_changed.emit(VaultChanges.of_clients(["c1"]))
    assert not keeper._running
    assert len(_backups(session)) == 1
