"""A coach "Log it" dialog of a "tell the client" card that the vault locked under comes back after unlocking as
the same dialog: saving it still marks the setback told, in the same undo step, through the real window, card,
lock and unlock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from coach_support import add_client, add_entry, add_project, settle, titles
from PySide6.QtCore import QSettings
from support.constants import PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.crypto.kdf import KdfParams
from clientjournal.domain import Channel, EntryKind
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.ui.autosave import read_autosaves
from clientjournal.ui.controller import AppController
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.mainwindow import MainWindow


@pytest.fixture
def controller(qtbot, worker, vault_url: str, tmp_path: Path) -> Iterator[AppController]:
    vault, keys, _recovery = Vault.create(vault_url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = AppController(vault_url, fixed_clock, worker, settings=settings)
    app.vault = vault
    app.show_main(VaultSession(vault, keys))
    assert app.window is not None
    qtbot.addWidget(app.window, before_close_func=lambda _w: worker.wait_idle())
    yield app
    worker.wait_idle()
    app.window.close()
    app.shutdown()


def _setback(session: VaultSession):
    ola = add_client(session, "Ola Hansen", channel=Channel.EMAIL, cadence=7)
    shop = add_project(session, ola, "Shop")
    add_entry(session, ola, EntryKind.CONTRACT_SIGNED, 6, "Signed the shop project.", project=shop)
    add_entry(session, ola, EntryKind.CALL, 5, "Kick-off call.", project=shop)
    setback = add_entry(
        session,
        ola,
        EntryKind.SETBACK,
        0.5,
        "The supplier broke our import.",
        project=shop,
        channel=Channel.EMAIL,
    )
    return ola, setback


def _unlock(qtbot, controller: AppController) -> MainWindow:
    unlock = controller.unlock_dialog
    assert unlock is not None
    unlock.showNormal()
    qtbot.waitUntil(unlock.passphrase.isEnabled, timeout=WAIT_MS)
    unlock.passphrase.setText(PASSPHRASE)
    unlock.unlock_button.click()
    qtbot.waitUntil(lambda: controller.session is not None, timeout=WAIT_MS)
    window = controller.window
    assert window is not None
    return window


def _visible_entry_dialog(window: MainWindow) -> EntryDialog | None:
    return next((d for d in window.findChildren(EntryDialog) if d.isVisible()), None)


def _typed_log_it(qtbot, controller: AppController):
    """The "tell the client" card's Log it dialog for a fresh setback, with the conversation typed in."""
    session = controller.session
    assert session is not None
    window = controller.window
    assert window is not None
    ola, setback = _setback(session)
    window.reload(select=ola.id)
    settle(qtbot, window)
    card = window.coach.cards.card_for("tell_setback")
    assert card is not None, titles(window)
    card.log_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, EntryDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.text, "Told Ola about the import.")
    return session, window, ola, setback, dialog


def _step(qtbot, window: MainWindow, action) -> None:
    qtbot.waitUntil(action.isEnabled, timeout=WAIT_MS)
    action.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.editor._changes_in_flight, timeout=WAIT_MS)
    settle(qtbot, window)


def test_a_log_it_dialog_restored_after_the_lock_still_marks_the_setback_told_and_undo_takes_it_back(
    qtbot, controller: AppController
) -> None:
    session, window, ola, setback, dialog = _typed_log_it(qtbot, controller)
    controller.lock()  # as auto-lock does: the lock path stores the autosave and closes the dialog
    assert controller.session is None
    assert _visible_entry_dialog(window) is None
    del dialog

    window = _unlock(qtbot, controller)
    session = controller.session
    assert session is not None
    qtbot.waitUntil(lambda: _visible_entry_dialog(window) is not None, timeout=WAIT_MS)
    restored = _visible_entry_dialog(window)
    assert restored is not None
    assert restored.text.toPlainText().endswith("Told Ola about the import.")
    settle(qtbot, window)
    # The autosave holds which entries the save marks told (their ids), besides what any autosave holds.
    (autosave,) = read_autosaves(session).values()
    assert autosave["mark_told"] == [setback.id]
    window.reload(select=ola.id)  # the coach beside the dialog: it still asks to tell the setback
    settle(qtbot, window)
    assert "tell_setback" in titles(window)

    restored.accept()
    settle(qtbot, window)
    qtbot.waitUntil(
        lambda: session.journal.get_entry(ola.id, setback.id).client_told_at is not None, timeout=WAIT_MS
    )
    (logged,) = [e for e in session.journal.journal(ola.id).entries if e.kind is EntryKind.EMAIL]
    assert logged.text.endswith("Told Ola about the import.")
    assert session.journal.get_entry(ola.id, setback.id).client_told_at == logged.occurred_at
    assert read_autosaves(session) == {}
    qtbot.waitUntil(lambda: "tell_setback" not in titles(window), timeout=WAIT_MS)
    editor = window.editor
    assert editor.stack.count() == 1  # one step: the conversation and what it told

    _step(qtbot, window, editor.undo_action)
    assert [e for e in session.journal.journal(ola.id).entries if e.kind is EntryKind.EMAIL] == []
    assert session.journal.get_entry(ola.id, setback.id).client_told_at is None
    qtbot.waitUntil(lambda: "tell_setback" in titles(window), timeout=WAIT_MS)

    _step(qtbot, window, editor.redo_action)
    assert session.journal.get_entry(ola.id, setback.id).client_told_at == logged.occurred_at
    assert window.findChild(object, "undoFailedBox") is None


def test_the_clients_plain_new_entry_is_not_offered_a_log_it_autosave(
    qtbot, controller: AppController
) -> None:
    """Saved from a plain "New entry", the conversation would leave the setback untold: the "Log it" autosave
    is offered again by "Log it" only, and the plain dialog's own autosave does not overwrite it."""
    session, window, _ola, setback, log_it = _typed_log_it(qtbot, controller)
    window.editor.autosaves.save_now(log_it)
    qtbot.waitUntil(lambda: len(read_autosaves(session)) == 1, timeout=WAIT_MS)
    log_it.keep_autosave = True  # closed as the lock closes it: the autosave stays
    log_it.done(0)
    settle(qtbot, window)

    plain = window.new_entry_action.trigger() or _visible_entry_dialog(window)
    assert plain is not None and plain is not log_it
    controller.worker.wait_idle()  # the offer is looked up on the worker
    settle(qtbot, window)
    assert not plain.autosave_bar.isVisible()  # nothing offered
    qtbot.keyClicks(plain.text, "A plain note.")
    window.editor.autosaves.save_now(plain)
    qtbot.waitUntil(lambda: len(read_autosaves(session)) == 2, timeout=WAIT_MS)
    plain.keep_autosave = True
    plain.done(0)
    settle(qtbot, window)

    card = window.coach.cards.card_for("tell_setback")
    assert card is not None
    card.log_button.click()
    again = window.coach.last_dialog
    assert isinstance(again, EntryDialog) and again.isVisible()
    qtbot.waitUntil(again.autosave_bar.isVisible, timeout=WAIT_MS)  # its own autosave, offered back
    (kept,) = [a for a in read_autosaves(session).values() if "mark_told" in a]
    assert kept["mark_told"] == [setback.id] and kept["text"].endswith("Told Ola about the import.")
    again.done(0)
