"""File menu ▸ back up, import, export, change passphrase, check, forget this device; Help ▸ About, shortcuts.

Each action is driven through the window's real actions and widgets (only the system's file dialogs and the
static message boxes are answered by the test), and the vault is checked afterwards.
"""

from __future__ import annotations

import copy
import json
import stat
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox
from support.constants import NOW, PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.crypto.device import DeviceKeyStore
from clientjournal.domain import Client, Entry, EntryKind
from clientjournal.errors import AuthenticationError
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.ui.about import AboutDialog, ShortcutsDialog, app_version
from clientjournal.ui.file_actions import FileActions
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.passphrase_dialog import ChangePassphraseDialog
from clientjournal.ui.problems_dialog import ProblemsDialog
from clientjournal.ui.progress import WorkProgress

SPEC_EXAMPLE = Path(__file__).parents[1] / "services" / "data" / "spec_example.json"
NEW_PASSPHRASE = "a brand new passphrase for the journal"


class Answers:
    """Stands in for the static message boxes: records what they said and answers questions."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.said: list[tuple[str, str]] = []
        self.replies: list[QMessageBox.StandardButton] = []

        def tell(kind: str):
            def show(_parent, _title, text, *_args, **_kwargs):
                self.said.append((kind, text))
                if kind == "question":
                    return self.replies.pop(0) if self.replies else QMessageBox.StandardButton.Yes
                return QMessageBox.StandardButton.Ok

            return show

        for kind in ("information", "warning", "question", "critical"):
            monkeypatch.setattr(QMessageBox, kind, tell(kind))

    def texts(self, kind: str) -> list[str]:
        return [text for said_kind, text in self.said if said_kind == kind]


@pytest.fixture
def answers(monkeypatch) -> Answers:
    return Answers(monkeypatch)


@pytest.fixture
def window(qtbot, worker, session, tmp_path) -> Iterator[MainWindow]:
    session.journal.save_client(Client("c1", "Kari Nordmann", "Nordlys AS"))
    session.journal.save_entry(
        Entry("e1", "c1", NOW - timedelta(days=3), EntryKind.CALL, "Agreed the launch date.")
    )
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(session, worker, fixed_clock, settings=settings)
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.show()
    with qtbot.waitSignal(main.clients_loaded, timeout=WAIT_MS):
        main.reload(select="c1")
    yield main
    worker.wait_idle()


def _choose(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def _menu_texts(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_file_and_help_menus_hold_every_action_with_shortcuts(window: MainWindow):
    file_menu = _menu_texts(window, "&File")
    for text in (
        "&Back up now…",
        "&Import…",
        "E&xport…",
        "Change &passphrase…",
        "C&heck the vault",
        "&Forget this device",
    ):
        assert text in file_menu
    assert file_menu.index("&Back up now…") < file_menu.index("&Lock")
    actions = window.file_actions
    assert actions.backup_action.shortcut().toString() == "Ctrl+Shift+B"
    assert actions.import_action.shortcut().toString() == "Ctrl+I"
    assert actions.export_action.shortcut().toString() == "Ctrl+Shift+E"
    assert _menu_texts(window, "&Help") == ["&Keyboard shortcuts", "&About ClientJournal"]
    shortcuts = {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    assert len(shortcuts) == len([a for a in window.actions() if not a.shortcut().isEmpty()])  # no key twice


def test_back_up_writes_a_private_file_that_opens_with_the_passphrase_and_holds_the_data(
    qtbot, window: MainWindow, tmp_path, monkeypatch, answers: Answers
):
    target = tmp_path / "backups" / "monday.sqlite3"
    target.parent.mkdir()
    _choose(monkeypatch, target)
    with qtbot.waitSignal(window.file_actions.backup_written, timeout=WAIT_MS):
        window.file_actions.backup_action.trigger()
    assert not window.file_actions.busy
    assert any(str(target) in text for text in answers.texts("information"))
    assert _private(target)
    copy_of = Vault.open(f"sqlite:///{target.as_posix()}", clock=fixed_clock)
    try:
        restored = VaultSession(copy_of, copy_of.unlock(PASSPHRASE))
        assert [c.name for c in restored.journal.list_clients()] == ["Kari Nordmann"]
        assert [e.text for e in restored.journal.journal("c1").entries] == ["Agreed the launch date."]
        assert restored.check().ok
    finally:
        copy_of.close()


def test_an_existing_file_is_replaced_only_when_the_user_agrees(
    qtbot, window: MainWindow, worker, tmp_path, monkeypatch, answers: Answers
):
    target = tmp_path / "export.json"
    target.write_text("keep me", encoding="utf-8")
    _choose(monkeypatch, target)
    answers.replies = [QMessageBox.StandardButton.Cancel]
    window.file_actions.export_action.trigger()
    worker.wait_idle()
    assert target.read_text(encoding="utf-8") == "keep me"
    assert "already exists" in answers.texts("question")[0]
    assert not window.file_actions.busy

    answers.replies = [QMessageBox.StandardButton.Yes]
    with qtbot.waitSignal(window.file_actions.exported, timeout=WAIT_MS):
        window.file_actions.export_action.trigger()
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported["format"] == "clientjournal" and exported["version"] == 1
    assert [c["name"] for c in exported["clients"]] == ["Kari Nordmann"]
    assert [e["text"] for e in exported["clients"][0]["entries"]] == ["Agreed the launch date."]
    assert _private(target)
    assert any("not encrypted" in text for text in answers.texts("information"))


def test_a_backup_over_the_journal_itself_is_refused(
    window: MainWindow, session, worker, monkeypatch, answers: Answers
):
    vault_file = Path(session.vault.engine.url.database)
    _choose(monkeypatch, vault_file)
    window.file_actions.back_up()
    worker.wait_idle()
    assert any("journal itself" in text for text in answers.texts("warning"))
    assert session.check().ok


def test_import_adds_the_entries_and_shows_the_summary(
    qtbot, window: MainWindow, session, tmp_path, monkeypatch, answers: Answers
):
    source = tmp_path / "in.json"
    source.write_bytes(SPEC_EXAMPLE.read_bytes())
    _choose(monkeypatch, source)
    with qtbot.waitSignal(window.file_actions.imported, timeout=WAIT_MS) as imported:
        window.file_actions.import_action.trigger()
    assert imported.args[0].clients_added == 1 and imported.args[0].entries_added == 2
    summary = answers.texts("information")[-1]
    assert "1 new and 0 updated clients" in summary and "2 new and 0 updated entries" in summary
    names = sorted(c.name for c in session.journal.list_clients())
    assert names == ["Kari Nordmann", "Kari Nordmann"]  # the file's own client beside the window's
    qtbot.waitUntil(lambda: window.clients.rowCount() == 3, timeout=WAIT_MS)  # "All clients" and two


def test_a_file_with_errors_changes_nothing_and_lists_every_problem_with_its_path(
    qtbot, window: MainWindow, session, tmp_path, monkeypatch, answers: Answers
):
    document: dict[str, Any] = json.loads(SPEC_EXAMPLE.read_text(encoding="utf-8"))
    bad = copy.deepcopy(document)
    bad["clients"][0]["id"] = "other"
    bad["clients"][0]["entries"][0]["kind"] = "gossip"
    bad["clients"][0]["entries"][1]["occurred_at"] = "yesterday"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad), encoding="utf-8")
    _choose(monkeypatch, source)
    window.file_actions.import_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.file_actions.dialog, ProblemsDialog), timeout=WAIT_MS)
    dialog = window.file_actions.dialog
    assert isinstance(dialog, ProblemsDialog)
    qtbot.waitExposed(dialog)
    rows = dialog.rows()
    assert any(row.startswith("$.clients[0].entries[0].kind:") for row in rows), rows
    assert any(row.startswith("$.clients[0].entries[1].occurred_at:") for row in rows), rows
    assert any("Nothing in your journal was changed" in label.text() for label in dialog.findChildren(QLabel))
    dialog.copy_to_clipboard()
    assert "$.clients[0].entries[0].kind" in QApplication.clipboard().text()
    assert [c.id for c in session.journal.list_clients()] == ["c1"]
    assert len(session.journal.journal("c1").entries) == 1
    assert not answers.texts("information")
    dialog.reject()


def test_change_passphrase_refuses_a_wrong_current_one_then_changes_it(
    qtbot, window: MainWindow, worker, vault_url, answers: Answers
):
    dialog = window.file_actions.change_passphrase()
    assert isinstance(dialog, ChangePassphraseDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.current, "not my passphrase")
    qtbot.keyClicks(dialog.fields.passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.fields.repeat, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.message.isVisibleTo(dialog) and dialog.ok_button.isEnabled(), timeout=WAIT_MS
    )
    assert "not your current passphrase" in dialog.message.text()
    assert dialog.isVisible()

    dialog.current.clear()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    with qtbot.waitSignal(window.file_actions.passphrase_changed, timeout=WAIT_MS):
        qtbot.keyClick(dialog.fields.repeat, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    reopened = Vault.open(vault_url, clock=fixed_clock)
    try:
        reopened.unlock(NEW_PASSPHRASE).lock()
        with pytest.raises(AuthenticationError):
            reopened.unlock(PASSPHRASE)
    finally:
        reopened.close()


def test_change_passphrase_checks_the_new_one_before_any_work(qtbot, window: MainWindow, worker):
    dialog = window.file_actions.change_passphrase()
    assert isinstance(dialog, ChangePassphraseDialog)
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.fields.passphrase, "short")
    dialog.submit()
    assert "too short" in dialog.message.text() and not dialog.busy_now
    dialog.fields.passphrase.clear()
    qtbot.keyClicks(dialog.fields.passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.fields.repeat, NEW_PASSPHRASE + "x")
    dialog.submit()
    assert "not the same" in dialog.message.text() and not dialog.busy_now
    assert "Strength:" in dialog.fields.strength_label.text()
    dialog.reject()


def test_check_reports_ok_then_names_a_tampered_record(qtbot, window: MainWindow, session, answers: Answers):
    with qtbot.waitSignal(window.file_actions.check_finished, timeout=WAIT_MS) as checked:
        window.file_actions.check_action.trigger()
    assert checked.args[0].ok
    assert "in good order. Verified: clients 1, projects 0, entries 1." in answers.texts("information")[-1]

    with session.vault.engine.begin() as connection:
        payload = connection.exec_driver_sql("SELECT payload FROM entries WHERE id = 'e1'").scalar_one()
        flipped = bytearray(payload)
        flipped[len(flipped) // 2] ^= 0x01
        connection.exec_driver_sql("UPDATE entries SET payload = ? WHERE id = 'e1'", (bytes(flipped),))
    with qtbot.waitSignal(window.file_actions.check_finished, timeout=WAIT_MS) as checked:
        assert window.file_actions.check_vault()
    report = checked.args[0]
    assert not report.ok
    dialog = window.file_actions.dialog
    assert isinstance(dialog, ProblemsDialog)
    assert dialog.rows() == report.problems and any("e1" in row for row in dialog.rows())
    dialog.reject()


def test_forget_this_device_from_the_file_menu_removes_the_device_unlock(
    qtbot, window: MainWindow, session, in_memory_keyring, answers: Answers
):
    session.vault.remember_device(session.keys, DeviceKeyStore())
    assert session.vault.unlock_with_device(DeviceKeyStore()) is not None
    with qtbot.waitSignal(window.file_actions.device_forgotten, timeout=WAIT_MS) as forgotten:
        window.file_actions.forget_action.trigger()
    assert forgotten.args == [True]
    assert "passphrase or your recovery key" in answers.texts("question")[0]
    assert "forgotten" in answers.texts("information")[-1]
    assert in_memory_keyring.passwords == {}
    with session.vault.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM device_unlocks").scalar_one() == 0
    assert session.vault.unlock_with_device(DeviceKeyStore()) is None


def test_forget_this_device_asks_first(window: MainWindow, session, worker, in_memory_keyring, answers):
    session.vault.remember_device(session.keys, DeviceKeyStore())
    answers.replies = [QMessageBox.StandardButton.Cancel]
    window.file_actions.forget_device()
    worker.wait_idle()
    assert session.vault.unlock_with_device(DeviceKeyStore()) is not None


def test_progress_reported_from_the_worker_thread_reaches_the_dialog(qtbot, window: MainWindow):
    progress = WorkProgress(window, "Title", "Working…", show_after_ms=0)
    thread = threading.Thread(target=lambda: [progress.report(done, 10) for done in range(1, 8)])
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: progress.dialog.value() == 7, timeout=WAIT_MS)
    assert progress.dialog.maximum() == 10 and progress.dialog.isVisible()
    progress.dialog.reject()  # Escape cannot stop work that cannot be stopped
    assert progress.dialog.isVisible()
    progress.finish()
    assert not progress.dialog.isVisible()


def test_no_action_starts_work_while_the_vault_is_locked(window: MainWindow, worker, monkeypatch):
    worker.wait_idle()  # the window's own first loads
    window.session = None
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: pytest.fail("no dialog when locked")
    )
    actions: FileActions = window.file_actions
    actions.back_up()
    actions.export_journal()
    assert not actions.check_vault()
    assert actions.change_passphrase() is None
    assert not worker.busy


def test_about_names_the_version_licence_and_data_folder(qtbot, window: MainWindow, session):
    dialog = window.help_actions.about()
    assert isinstance(dialog, AboutDialog)
    qtbot.waitExposed(dialog)
    facts = dialog.facts
    assert any(label.text() == f"ClientJournal {app_version()}" for label in dialog.findChildren(QLabel))
    assert "GPL-3.0-or-later" in facts["Licence:"]
    assert facts["Journal:"] == str(Path(session.vault.engine.url.database))
    assert facts["Python:"] and "PySide6" in facts["Qt:"]
    dialog.reject()


def test_the_shortcuts_list_is_read_from_the_menus(qtbot, window: MainWindow):
    window.help_actions.shortcuts_action.trigger()
    dialog = window.help_actions.dialog
    assert isinstance(dialog, ShortcutsDialog)
    rows = {
        dialog.list.topLevelItem(i).text(1): dialog.list.topLevelItem(i).text(0)
        for i in range(dialog.list.topLevelItemCount())
    }
    assert rows["Back up now"] == "Ctrl+Shift+B"
    assert rows["Import"] == "Ctrl+I"
    assert rows["New entry"] == "Ctrl+N"
    dialog.reject()


def test_locking_while_a_job_runs_closes_its_progress_quietly(
    qtbot, window: MainWindow, worker, tmp_path, monkeypatch, answers: Answers
):
    _choose(monkeypatch, tmp_path / "export.json")
    window.file_actions.export_action.trigger()
    progress = window.file_actions.running
    assert progress is not None and window.file_actions.busy
    window.ops.invalidate()  # what locking does: every result still on its way is dropped
    worker.wait_idle()
    qtbot.waitUntil(lambda: not window.file_actions.busy, timeout=WAIT_MS)
    assert not answers.said  # no result is announced for a vault that is locked
