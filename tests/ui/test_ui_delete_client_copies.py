"""The delete-client confirmation says plainly which copies the deletion cannot reach (issue 14, finding 5).

The promise "crypto-shredding" is true only for this journal and the backups the app manages; the window must say
so before the user confirms, in the same terms as SECURITY.md "Copies outside the app's reach".
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from support.constants import NOW, WAIT_MS, fixed_clock

from clientjournal.domain import Client, Entry, EntryKind
from clientjournal.ui.mainwindow import MainWindow


@pytest.fixture
def window(qtbot, worker, session) -> Iterator[MainWindow]:
    main = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select=None)
    yield main
    worker.wait_idle()


def test_the_confirmation_names_the_copies_a_deletion_cannot_reach(
    qtbot, worker, window, session, monkeypatch
):
    session.journal.save_client(Client("c1", "Kari Nordmann"))
    session.journal.save_entry(Entry("e1", "c1", NOW, EntryKind.NOTE, text="secret"))
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        window.reload(select="c1")
    qtbot.waitUntil(lambda: window.client_manager.status_done, timeout=WAIT_MS)
    shown: list[QMessageBox] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(box) or QMessageBox.StandardButton.Cancel
    )

    window.client_manager.delete_action.trigger()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)

    (box,) = shown
    said = box.informativeText()
    assert "automatic backups" in said  # what it does reach
    for copy in ("file copies", "sync folders", "backups made by other programs", "server"):
        assert copy in said, (copy, said)  # what it cannot
    assert [c.id for c in session.journal.list_clients()] == ["c1"]  # cancelled: nothing happened
