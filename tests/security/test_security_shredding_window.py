"""Deleting a client in the window, as a user does it (Client ▸ Delete client…, confirmed), leaves nothing of it
that any key still in the vault can open: the same survey of the database file as after
``clientjournal-cli delete-client`` (test_security_shredding.py), here after the window's own action, its
confirmation, its operation on the background worker and the change signal that follows."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QMessageBox
from secutil import new_vault, write_json
from support.constants import WAIT_MS, fixed_clock
from test_security_shredding import (
    GONE,
    STAYS,
    _add_autosaves,
    _assert_nothing_of_the_deleted_client_left,
    _data_key,
    _document,
    _markers,
    _open_session,
)

from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.worker import BackgroundWorker


def test_delete_client_in_the_window_leaves_nothing_any_key_opens(qtbot, tmp_path: Path, monkeypatch) -> None:
    m = _markers()
    vault = new_vault(tmp_path)
    vault.ok("import", write_json(tmp_path / "in.json", _document(m)))
    session = _open_session(vault.file)
    worker = BackgroundWorker()
    try:
        _add_autosaves(session, m, legacy=False)
        dead_key = _data_key(session, vault.file, GONE)
        window = MainWindow(session, worker, fixed_clock)
        qtbot.addWidget(window, before_close_func=lambda _w: worker.wait_idle())
        window.show()
        with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
            window.reload(select=GONE)
        assert worker.wait_idle(WAIT_MS)
        assert window.current_client_id() == GONE
        gone_autosaves = [d for d in session.autosave.all().values() if d["client_id"] == GONE]
        assert len(gone_autosaves) == 2  # the window has not dropped them on its own

        asked: list[str] = []
        monkeypatch.setattr(
            QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes
        )
        with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
            window.client_manager.delete_action.trigger()
        assert len(asked) == 1 and "Kari" in asked[0]
        assert worker.wait_idle(WAIT_MS)
        assert [c.id for c in window.clients_shown()] == [STAYS]
        window.clear()
    finally:
        worker.stop()
        session.close()

    _assert_nothing_of_the_deleted_client_left(vault.data_dir, m, dead_key)
