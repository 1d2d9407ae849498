"""The journal editor: encrypted autosaves, undo/redo through the worker, deleting, concurrent edits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from support.constants import NOW, PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.crypto.kdf import KdfParams
from clientjournal.domain import Client, Entry, EntryKind
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.ui.autosave import AUTOSAVE_SETTING, read_autosaves
from clientjournal.ui.controller import AppController
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.models.roles import EntryRole


@pytest.fixture
def window(qtbot, worker, session) -> Iterator[MainWindow]:
    session.journal.save_client(Client("c1", "Kari"))
    main = MainWindow(session, worker, fixed_clock)
    main.editor.autosave_interval_ms = 100
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select="c1")
    yield main
    worker.wait_idle()  # no late results for a window that is gone


def _entries(session: VaultSession) -> list[Entry]:
    return list(session.journal.iter_entries())


def _idle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window._worker.busy, timeout=WAIT_MS)


def _timeline_ids(window: MainWindow) -> list[str]:
    model = window.timeline_view.model()
    entries = (model.index(row, 0).data(EntryRole) for row in range(model.rowCount()))
    return [e.id for e in entries if e is not None and hasattr(e, "id")]


def _select_entry(window: MainWindow, entry_id: str) -> None:
    model = window.timeline_view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        entry = index.data(EntryRole)
        if entry is not None and getattr(entry, "id", None) == entry_id:
            window.timeline_view.setCurrentIndex(index)
            return
    raise AssertionError(f"entry {entry_id} not in the timeline")


def test_edit_menu_has_undo_redo_with_shortcuts(window: MainWindow):
    editor = window.editor
    assert editor.undo_action.shortcut().toString() == "Ctrl+Z"
    assert editor.redo_action.shortcut().toString() == "Ctrl+Shift+Z"
    assert not editor.undo_action.isEnabled() and not editor.redo_action.isEnabled()
    texts = [a.text().replace("&", "") for a in editor.menu.actions() if a.text()]
    assert texts[:2] == ["Undo", "Redo"] and "Preferences…" in texts
    assert editor.delete_entry_action in window.timeline_view.actions()


def test_create_edit_delete_and_undo_redo_each(qtbot, window: MainWindow, session, monkeypatch):
    editor = window.editor
    dialog = window.new_entry()
    qtbot.keyClicks(dialog.text, "First call")
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        dialog.accept()
    assert [e.text for e in _entries(session)] == ["First call"]
    assert editor.undo_action.isEnabled()
    assert editor.undo_action.text().replace("&", "") == "Undo New entry"

    # Edit it.
    _select_entry(window, _entries(session)[0].id)
    entry_id = _entries(session)[0].id
    edit = window._edit_entry_at(window.timeline_view.currentIndex())
    edit.text.setPlainText("First call, edited")
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        edit.accept()
    assert _entries(session)[0].text == "First call, edited"

    # Delete it (confirmed).
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    _select_entry(window, entry_id)
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        editor.delete_entry_action.trigger()
    assert _entries(session) == []

    # Undo all three, one at a time.
    editor.undo_action.trigger()
    _idle(qtbot, window)
    assert [e.text for e in _entries(session)] == ["First call, edited"]
    editor.undo_action.trigger()
    _idle(qtbot, window)
    assert [e.text for e in _entries(session)] == ["First call"]
    editor.undo_action.trigger()
    _idle(qtbot, window)
    assert _entries(session) == []
    assert not editor.undo_action.isEnabled()

    # And redo them all.
    for _ in range(3):
        editor.redo_action.trigger()
        _idle(qtbot, window)
    assert _entries(session) == []
    editor.undo_action.trigger()
    _idle(qtbot, window)
    assert [e.text for e in _entries(session)] == ["First call, edited"]
    qtbot.waitUntil(lambda: len(_timeline_ids(window)) == 1, timeout=WAIT_MS)


def test_delete_asks_first_and_cancel_keeps_the_entry(qtbot, window: MainWindow, session, monkeypatch):
    session.journal.save_entry(Entry("e1", "c1", NOW, EntryKind.NOTE, text="Keep me"))
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload()
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: boxes.append(box) or QMessageBox.StandardButton.Cancel
    )
    _select_entry(window, "e1")
    window.editor.delete_entry_action.trigger()
    _idle(qtbot, window)
    assert "Keep me" in boxes[0].informativeText()
    assert [e.id for e in _entries(session)] == ["e1"]


def test_a_concurrent_edit_keeps_the_dialog_open_with_the_text(qtbot, window: MainWindow, session):
    session.journal.save_entry(Entry("e1", "c1", NOW, EntryKind.NOTE, text="Original"))
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload()
    _select_entry(window, "e1")
    dialog = window._edit_entry_at(window.timeline_view.currentIndex())
    # Meanwhile, another device changes the same entry.
    stored = _entries(session)[0]
    session.journal.save_entry(
        Entry("e1", "c1", NOW, EntryKind.NOTE, text="Changed elsewhere", version=stored.version)
    )
    dialog.text.setPlainText("My careful edit")
    dialog.accept()
    qtbot.waitUntil(dialog.message.isVisible, timeout=WAIT_MS)
    assert dialog.isVisible()
    assert "changed somewhere else" in dialog.message.text()
    assert dialog.text.toPlainText() == "My careful edit"
    assert _entries(session)[0].text == "Changed elsewhere"  # nothing overwritten
    _idle(qtbot, window)
    autosaves = read_autosaves(session)
    assert any(d["text"] == "My careful edit" for d in autosaves.values())  # and kept as an autosave
    dialog.done(0)


def test_entries_are_autosaved_encrypted_offered_and_cleared_on_save(
    qtbot, window: MainWindow, session, vault_url
):
    dialog = window.new_entry()
    qtbot.keyClicks(dialog.text, "Half a thought about the launch")
    dialog.set_moods(["uncertain"])
    qtbot.waitUntil(lambda: bool(read_autosaves(session)), timeout=WAIT_MS)
    _idle(qtbot, window)
    autosave = next(iter(read_autosaves(session).values()))
    assert autosave["text"] == "Half a thought about the launch" and autosave["moods"] == ["uncertain"]
    # Encrypted in the vault: the text is nowhere in the database file in the clear.
    database = Path(vault_url.removeprefix("sqlite:///"))
    session.vault.engine.dispose()
    for path in (database, database.with_name(database.name + "-wal")):
        if path.exists():
            assert b"Half a thought" not in path.read_bytes()

    # Closing with Discard drops it.
    dialog.keep_autosave = True  # as when the vault locks: the autosave stays
    dialog.done(0)
    _idle(qtbot, window)
    assert read_autosaves(session)

    # The next entry dialog for this client offers it.
    again = window.new_entry()
    qtbot.waitUntil(again.autosave_bar.isVisible, timeout=WAIT_MS)
    assert again.text.toPlainText() == ""
    again.restore_autosave_button.click()
    assert again.text.toPlainText() == "Half a thought about the launch"
    assert again.selected_moods() == ("uncertain",)
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        again.accept()
    _idle(qtbot, window)
    assert read_autosaves(session) == {}
    assert session.settings.read(AUTOSAVE_SETTING) is None


def test_discarding_an_offered_autosave_forgets_it(qtbot, window: MainWindow, session, monkeypatch):
    from clientjournal.ui.autosave import store_autosave

    dialog = window.new_entry()
    data = {**dialog.autosave_data(), "text": "old autosave", "saved_at": NOW.isoformat()}
    dialog.done(0)
    _idle(qtbot, window)
    store_autosave(session, "c1|", data)
    again = window.new_entry()
    qtbot.waitUntil(again.autosave_bar.isVisible, timeout=WAIT_MS)
    assert "2026-11-27" in again.autosave_label.text()
    again.discard_autosave_button.click()
    _idle(qtbot, window)
    assert read_autosaves(session) == {}
    # Cancel with typed text asks before throwing it away.
    qtbot.keyClicks(again.text, "new words")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    again.reject()
    assert again.isVisible()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    again.reject()
    assert not again.isVisible()


def test_an_autosave_survives_lock_and_unlock(qtbot, worker, vault_url, tmp_path):
    vault, keys, _recovery = Vault.create(vault_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    VaultSession(vault, keys).journal.save_client(Client("c1", "Kari"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    controller = AppController(vault_url, fixed_clock, worker, settings=settings)
    controller.vault = vault
    window = controller.show_main(VaultSession(vault, keys))
    qtbot.addWidget(window, before_close_func=lambda _w: worker.wait_idle())
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload(select="c1")
    dialog = window.new_entry()
    qtbot.keyClicks(dialog.text, "Typed just before the lock")
    dialog.when.setDateTime(dialog.when.dateTime().addDays(-1))
    # Lock at once (no autosave tick yet): the lock path itself stores the autosave.
    window.lock_action.trigger()
    assert controller.session is None
    assert not any(d.isVisible() for d in window.findChildren(EntryDialog))
    del dialog
    unlock = controller.unlock_dialog
    qtbot.waitUntil(unlock.passphrase.isEnabled, timeout=WAIT_MS)
    unlock.passphrase.setText(PASSPHRASE)
    unlock.unlock_button.click()
    qtbot.waitUntil(lambda: bool(window.findChildren(EntryDialog)), timeout=WAIT_MS)
    restored = next(d for d in window.findChildren(EntryDialog) if d.isVisible())
    assert restored.text.toPlainText() == "Typed just before the lock"
    assert restored.occurred_at() == NOW - timedelta(days=1)
    assert restored.autosave_bar.isVisible()
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        restored.accept()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    assert [e.text for e in controller.session.journal.iter_entries()] == ["Typed just before the lock"]
    assert read_autosaves(controller.session) == {}
    window.close()
    controller.shutdown()


def _undo_failed_box(window: MainWindow) -> QMessageBox | None:
    box = window.findChild(QMessageBox, "undoFailedBox")
    return box if box is not None and box.isVisible() else None


def _write_and_edit(qtbot, window: MainWindow, session) -> str:
    """An entry made and then edited through the dialogs: two steps on the undo stack."""
    dialog = window.new_entry()
    qtbot.keyClicks(dialog.text, "First call")
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        dialog.accept()
    entry_id = _entries(session)[0].id
    _select_entry(window, entry_id)
    edit = window._edit_entry_at(window.timeline_view.currentIndex())
    edit.text.setPlainText("First call, edited")
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        edit.accept()
    _idle(qtbot, window)
    assert window.editor.stack.index() == 2
    return entry_id


def _change_elsewhere(session, text: str) -> None:
    stored = _entries(session)[0]
    session.journal.save_entry(Entry(stored.id, "c1", NOW, EntryKind.NOTE, text=text, version=stored.version))


def test_undo_and_redo_move_the_stack_only_once_stored(qtbot, window: MainWindow, session):
    editor = window.editor
    _write_and_edit(qtbot, window, session)
    editor.undo_action.trigger()
    # Until the worker has stored the step, the history has not moved and no second step can start.
    assert editor.stack.index() == 2
    assert not editor.undo_action.isEnabled() and not editor.redo_action.isEnabled()
    _idle(qtbot, window)
    assert editor.stack.index() == 1
    assert [e.text for e in _entries(session)] == ["First call"]
    assert editor.undo_action.isEnabled() and editor.redo_action.isEnabled()
    editor.redo_action.trigger()
    _idle(qtbot, window)
    assert editor.stack.index() == 2
    assert [e.text for e in _entries(session)] == ["First call, edited"]


def test_a_failed_undo_leaves_the_history_and_the_data(qtbot, window: MainWindow, session):
    editor = window.editor
    _write_and_edit(qtbot, window, session)
    _change_elsewhere(session, "Changed on the phone")

    editor.undo_action.trigger()
    _idle(qtbot, window)
    assert editor.stack.index() == 2  # still right after "Edit entry"
    assert editor.stack.undoText() == "Edit entry"
    assert [e.text for e in _entries(session)] == ["Changed on the phone"]
    box = _undo_failed_box(window)
    assert box is not None
    assert box.text() == "Could not undo “Edit entry”."
    assert "changed or deleted somewhere else" in box.informativeText()
    assert "undo history stays where it was" in box.informativeText()
    box.done(0)
    # Undo is still offered (the user may try again), and trying again fails the same way, harmlessly.
    assert editor.undo_action.isEnabled()
    editor.undo_action.trigger()
    _idle(qtbot, window)
    assert editor.stack.index() == 2
    assert [e.text for e in _entries(session)] == ["Changed on the phone"]
    qtbot.waitUntil(lambda: _undo_failed_box(window) is not None, timeout=WAIT_MS)
    _undo_failed_box(window).done(0)  # type: ignore[union-attr]


def test_undoing_a_new_entry_changed_elsewhere_does_not_delete_it(qtbot, window: MainWindow, session):
    editor = window.editor
    dialog = window.new_entry()
    qtbot.keyClicks(dialog.text, "First call")
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        dialog.accept()
    _idle(qtbot, window)
    _change_elsewhere(session, "Added to on the laptop")

    editor.undo_action.trigger()
    _idle(qtbot, window)
    assert editor.stack.index() == 1
    assert [e.text for e in _entries(session)] == ["Added to on the laptop"]
    box = _undo_failed_box(window)
    assert box is not None and "New entry" in box.text()
    box.done(0)


def test_a_failed_redo_leaves_the_history_and_the_data(qtbot, window: MainWindow, session):
    editor = window.editor
    entry_id = _write_and_edit(qtbot, window, session)
    editor.undo_action.trigger()
    _idle(qtbot, window)
    assert editor.stack.index() == 1
    session.journal.delete_entry("c1", entry_id)  # deleted on another device

    editor.redo_action.trigger()
    _idle(qtbot, window)
    assert editor.stack.index() == 1
    assert editor.stack.redoText() == "Edit entry"
    assert _entries(session) == []
    box = _undo_failed_box(window)
    assert box is not None
    assert box.text() == "Could not redo “Edit entry”."
    assert "changed or deleted somewhere else" in box.informativeText()
    box.done(0)


def test_a_minimised_window_locks_into_the_taskbar_and_comes_back_after_unlock(
    qtbot, worker, vault_url, tmp_path
):
    vault, keys, _recovery = Vault.create(vault_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    controller = AppController(vault_url, fixed_clock, worker, settings=settings)
    controller.vault = vault
    window = controller.show_main(VaultSession(vault, keys))
    qtbot.addWidget(window, before_close_func=lambda _w: worker.wait_idle())
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=WAIT_MS)
    controller.lock()  # as auto-lock does while the user works in another program
    unlock = controller.unlock_dialog
    assert unlock.isMinimized()  # asked in the taskbar, not popped up in front
    unlock.showNormal()
    qtbot.waitUntil(unlock.passphrase.isEnabled, timeout=WAIT_MS)
    unlock.passphrase.setText(PASSPHRASE)
    unlock.unlock_button.click()
    qtbot.waitUntil(lambda: controller.session is not None and window.isVisible(), timeout=WAIT_MS)
    assert not window.isMinimized()  # unlocking brings the journal back, not just into the taskbar
    window.close()
    controller.shutdown()
