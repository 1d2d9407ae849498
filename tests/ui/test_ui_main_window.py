"""The main window and the whole flow: clients and entries through the dialogs, locking, the error hook."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QMessageBox
from support.constants import NOW, PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.domain import Channel, Client, Entry, EntryKind, PromiseStatus
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME
from clientjournal.services.access import KdfChoice
from clientjournal.ui import errors as ui_errors
from clientjournal.ui.controller import AppController
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.models.roles import MoodColoursRole
from clientjournal.ui.models.timeline import Column


@pytest.fixture
def window(qtbot, worker, session) -> MainWindow:
    main = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select=None)
    return main


def _add_client(qtbot, window: MainWindow, name: str, **fields: object) -> None:
    dialog = window.new_client()
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name, name)
    dialog.company.setText(str(fields.get("company", "")))
    dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.EMAIL))
    dialog.cadence.setValue(7)
    dialog.tags.setText("web, retainer, web")
    dialog.archived.setChecked(bool(fields.get("archived", False)))
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        dialog.accept()


def test_window_layout_menus_and_shortcuts(window: MainWindow):
    assert "ClientJournal" in window.windowTitle()
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert {"File", "Edit", "Client"} <= set(menus)
    assert window.new_entry_action.shortcut().toString() == "Ctrl+N"
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    coach = window.findChild(QDockWidget, "coachSlot")
    assert coach is not None and coach.isVisible()
    assert window.timeline_view.uniformRowHeights()
    assert window.client_view.accessibleName() == "Clients"
    assert window.title.text() == "All clients"
    assert window.timeline_stack.currentWidget() is window.empty_label
    assert "No clients yet" in window.empty_label.text()


def test_add_a_client_and_an_entry_through_the_dialogs(qtbot, window: MainWindow, session):
    _add_client(qtbot, window, "Kari Nordmann", company="Nordlys AS")
    assert [c.name for c in window.clients.clients()] == ["Kari Nordmann"]
    assert window.current_client_id() == window.clients.clients()[0].id
    assert window.title.text() == "Kari Nordmann"
    assert "Nordlys AS" in window.subtitle.text() and "7 days" in window.subtitle.text()
    stored = session.journal.list_clients()[0]
    assert stored.preferred_channel is Channel.EMAIL and stored.tags == ("web", "retainer")

    dialog = window.new_entry()
    assert dialog is not None
    assert dialog.client.currentText() == "Kari Nordmann"
    assert dialog.channel.currentData() == Channel.EMAIL  # the client's preferred channel
    assert dialog.when.dateTime().toSecsSinceEpoch() == int(NOW.timestamp())
    assert not dialog.promise_box.isVisibleTo(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(EntryKind.PROMISE))
    assert dialog.promise_box.isVisibleTo(dialog)
    assert dialog.due.date().toPython() == NOW.date() + timedelta(days=7)
    qtbot.keyClicks(dialog.text, "Promised the first draft by Friday.")
    for chip in dialog.moods.chips:
        if chip.mood in ("enthusiastic", "calm"):
            qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert dialog.selected_moods() == ("enthusiastic", "calm")
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        dialog.accept()

    assert window.timeline.entry_count() == 1  # one entry under its day's header row
    assert window.timeline_stack.currentWidget() is window.timeline_view
    first = window.timeline.first_entry_row()
    row = window.timeline.index(first, Column.TEXT)
    assert row.data() == "Promised the first draft by Friday."
    assert window.timeline.index(first, Column.KIND).data() == "Promise · Open"
    assert row.data(MoodColoursRole) == [
        DEFAULT_MOODS_BY_NAME["enthusiastic"].colour,
        DEFAULT_MOODS_BY_NAME["calm"].colour,
    ]
    entry = next(session.journal.iter_entries())
    assert entry.occurred_at == NOW
    assert entry.promise is not None and entry.promise.due_on == date(2026, 12, 4)

    # The "All clients" row shows every journal, with the client column.
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.select_client(None)
    assert window.timeline.entry_count() == 1
    assert not window.timeline_view.isColumnHidden(Column.CLIENT)
    assert window.timeline.index(window.timeline.first_entry_row(), Column.CLIENT).data() == "Kari Nordmann"


def test_edit_an_entry_and_a_client(qtbot, window: MainWindow, session):
    client = session.journal.save_client(Client("c1", "Ola"))
    session.journal.save_entry(Entry("e1", "c1", NOW, EntryKind.PROMISE, text="Draft", promise=None))
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload(select=client.id)
    dialog = window._edit_entry_at(window.timeline.index(window.timeline.first_entry_row(), 0))
    assert dialog.text.toPlainText() == "Draft"
    dialog.status.setCurrentIndex(dialog.status.findData(PromiseStatus.KEPT_EARLY))
    dialog.set_moods(["satisfied"])
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        dialog.accept()
    saved = next(session.journal.iter_entries())
    assert saved.version == 2
    assert saved.promise.status is PromiseStatus.KEPT_EARLY and saved.promise.resolved_on == NOW.date()
    assert saved.moods == ("satisfied",)

    edit = window.edit_client()
    assert edit.name.text() == "Ola"
    edit.archived.setChecked(True)
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        edit.accept()
    assert session.journal.get_client("c1").archived
    assert window.show_archived.isChecked()  # still visible, since it is the one selected


def test_search_and_archived_filter_in_the_client_list(qtbot, window: MainWindow, session):
    for name, archived in (("Ada", False), ("Bjørn", False), ("Cecilie", True)):
        session.journal.save_client(Client(name.lower(), name, archived=archived))
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        window.reload(select=None)
    view_model = window.client_view.model()

    def shown() -> list[str]:
        return [view_model.index(r, 0).data() for r in range(view_model.rowCount())]

    assert shown() == ["All clients", "Ada", "Bjørn"]
    qtbot.keyClicks(window.search, "bj")
    assert shown() == ["All clients", "Bjørn"]
    window.search.clear()
    qtbot.mouseClick(window.show_archived, Qt.MouseButton.LeftButton)
    assert shown() == ["All clients", "Ada", "Bjørn", "Cecilie"]


def test_entry_dialog_needs_text_or_a_mood(qtbot, window: MainWindow, session):
    session.journal.save_client(Client("c1", "Ola"))
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload(select="c1")
    dialog = window.new_entry()
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    dialog.reject()


def test_the_whole_flow_welcome_lock_unlock(qtbot, worker, vault_url):
    controller = AppController(
        vault_url, fixed_clock, worker, vault_known_missing=True, kdf=KdfChoice.fastest()
    )
    quits: list[bool] = []
    controller.quit_requested.connect(lambda: quits.append(True))
    controller.start()
    welcome = controller.welcome
    assert welcome is not None and welcome.isVisible()
    welcome.passphrase.setText(PASSPHRASE)
    welcome.repeat.setText(PASSPHRASE)
    welcome.remember.setChecked(False)
    welcome.create_button.click()
    qtbot.waitUntil(lambda: welcome.pages.currentIndex() == 1, timeout=WAIT_MS)
    welcome.stored.setChecked(True)
    with qtbot.waitSignal(controller.main_window_shown, timeout=WAIT_MS):
        welcome.continue_button.click()
    window = controller.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    _add_client(qtbot, window, "Kari")
    assert window.clients.rowCount() == 2

    with qtbot.waitSignal(window.lock_requested):
        window.lock_action.trigger()  # Ctrl+L (shortcuts need an active window, which offscreen lacks)
    assert controller.session is None
    assert window.clients.rowCount() == 0 and window.timeline.rowCount() == 0
    assert window.title.text() == ""
    assert not window.isVisible()
    unlock = controller.unlock_dialog
    assert unlock is not None
    qtbot.waitUntil(unlock.passphrase.isEnabled, timeout=WAIT_MS)
    unlock.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        unlock.unlock_button.click()
    assert window.isVisible()
    assert [c.name for c in window.clients.clients()] == ["Kari"]
    assert not quits
    window.close()
    controller.shutdown()


def test_unlock_dialog_quit_asks_the_app_to_end(qtbot, worker, vault_url, existing_vault):
    controller = AppController(vault_url, fixed_clock, worker)
    controller.start()
    dialog = controller.unlock_dialog
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    with qtbot.waitSignal(controller.quit_requested):
        dialog.quit_button.click()
    controller.shutdown()


def test_unexpected_errors_are_logged_and_shown_kindly(qtbot, monkeypatch, caplog):
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or QDialog.DialogCode.Accepted)
    caplog.set_level(logging.ERROR, logger="clientjournal.ui")
    logging.getLogger("clientjournal").propagate = True
    try:
        raise RuntimeError("boom with a secret client name")
    except RuntimeError as exc:
        ui_errors.handle_exception(type(exc), exc, exc.__traceback__)
    assert "Traceback" in caplog.text and "boom" in caplog.text
    assert len(shown) == 1
    assert shown[0].text() == "Something unexpected went wrong."
    assert "secret client name" not in shown[0].detailedText()


def test_worker_errors_without_a_handler_reach_the_exception_hook(qtbot, worker, monkeypatch):
    seen: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda kind, exc, tb: seen.append(exc))

    def fail() -> None:
        raise ValueError("x")

    worker.run(fail)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert isinstance(seen[0], ValueError)


def test_a_job_after_pending_events_is_busy_at_once_and_starts_after_them(qtbot, worker):
    from PySide6.QtCore import QTimer

    order: list[str] = []
    QTimer.singleShot(0, lambda: order.append("event already waiting"))
    worker.run(lambda: order.append("job"), after_pending_events=True)
    assert worker.busy and order == []
    assert worker.wait_idle(WAIT_MS)
    assert order == ["event already waiting", "job"]
