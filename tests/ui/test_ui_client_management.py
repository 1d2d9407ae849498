"""Client management: archive/unarchive, delete with confirmation, mood colour and due badge, projects."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from support.constants import NOW, WAIT_MS, fixed_clock

from clientjournal.domain import Client, Entry, EntryKind, Project, ProjectStatus, Promise
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.models.roles import DueCountRole, MoodColourRole
from clientjournal.ui.project_dialog import ProjectDialog


@pytest.fixture
def window(qtbot, worker, session) -> Iterator[MainWindow]:
    main = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select=None)
    yield main
    worker.wait_idle()  # no late results for a window that is gone


def _reload(qtbot, window: MainWindow, select: str | None) -> None:
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        window.reload(select=select)
    qtbot.waitUntil(lambda: window.client_manager.status_done, timeout=WAIT_MS)


def _row(window: MainWindow, client_id: str):
    return window.clients.index(window.clients.row_of(client_id), 0)


def test_archive_and_unarchive_from_the_client_menu(qtbot, window: MainWindow, session):
    session.journal.save_client(Client("c1", "Ada"))
    session.journal.save_client(Client("c2", "Bjørn"))
    _reload(qtbot, window, "c1")
    manager = window.client_manager
    assert manager.archive_action in window.client_menu.actions()
    assert manager.delete_action in window.client_menu.actions()
    assert manager.archive_action.text().replace("&", "") == "Archive client"
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        manager.archive_action.trigger()
    assert session.journal.get_client("c1").archived
    shown = [window.client_filter.index(r, 0).data() for r in range(window.client_filter.rowCount())]
    assert shown == ["All clients", "Bjørn"]  # hidden from the list

    window.show_archived.setChecked(True)
    window.select_client("c1")
    manager.update_actions()
    assert manager.archive_action.text().replace("&", "") == "Unarchive client"
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        manager.archive_action.trigger()
    assert not session.journal.get_client("c1").archived
    assert window.current_client_id() == "c1"


def test_client_context_menu_offers_the_client_actions(qtbot, window: MainWindow, session):
    session.journal.save_client(Client("c1", "Ada"))
    _reload(qtbot, window, "c1")
    menu = window.client_manager.context_menu()
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "New entry…",
        "New client…",
        "Edit client…",
        "Archive client",
        "Export summary PDF…",
        "Delete client…",
    ]
    window.select_client(None)
    texts = [a.text().replace("&", "") for a in window.client_manager.context_menu().actions() if a.text()]
    assert "Delete client…" not in texts


def test_delete_client_asks_naming_the_client_then_shreds(qtbot, window: MainWindow, session, monkeypatch):
    session.journal.save_client(Client("c1", "Kari Nordmann"))
    session.journal.save_entry(Entry("e1", "c1", NOW, EntryKind.NOTE, text="secret"))
    _reload(qtbot, window, "c1")
    shown: list[QMessageBox] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or answers.pop(0))

    window.client_manager.delete_action.trigger()
    qtbot.waitUntil(lambda: not window._worker.busy, timeout=WAIT_MS)
    assert len(shown) == 1
    assert "Kari Nordmann" in shown[0].text()
    assert "cannot be undone" in shown[0].informativeText()
    assert "ClientJournal" in shown[0].windowTitle()
    assert [c.id for c in session.journal.list_clients()] == ["c1"]  # cancelled: nothing happened

    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        window.client_manager.delete_action.trigger()
    assert session.journal.list_clients() == []
    assert session.journal.count_entries() == 0
    assert window.clients.clients() == []


def test_client_rows_show_mood_colour_and_due_badge(qtbot, window: MainWindow, session):
    session.journal.save_client(Client("c1", "Ada"))
    session.journal.save_client(Client("c2", "Bo"))
    earlier = NOW - timedelta(days=20)
    session.journal.save_entry(Entry("e1", "c1", earlier, EntryKind.CALL, moods=("angry",)))
    session.journal.save_entry(Entry("e2", "c1", NOW - timedelta(days=10), EntryKind.NOTE, moods=("calm",)))
    session.journal.save_entry(Entry("e3", "c1", NOW - timedelta(days=9), EntryKind.NOTE, text="no mood"))
    session.journal.save_entry(
        Entry(
            "e4",
            "c1",
            earlier,
            EntryKind.PROMISE,
            text="Draft by Friday",
            promise=Promise(due_on=date(2026, 11, 20)),
        )
    )
    _reload(qtbot, window, None)
    ada, bo = _row(window, "c1"), _row(window, "c2")
    assert ada.data(MoodColourRole) == DEFAULT_MOODS_BY_NAME["calm"].colour
    assert bo.data(MoodColourRole) is None
    assert ada.data(DueCountRole) >= 1  # the overdue promise at least
    assert bo.data(DueCountRole) == 0 or bo.data(DueCountRole) >= 0
    assert "suggested action" in ada.data(Qt.ItemDataRole.AccessibleTextRole)
    window.client_view.viewport().repaint()  # the delegate paints the dot and the badge without errors


def test_the_badge_counts_what_the_coach_lists_for_the_client(qtbot, window: MainWindow, session):
    from clientjournal.domain import Channel
    from clientjournal.ui.coach.models import ActionRole

    today = NOW.date()
    session.journal.save_client(Client("c1", "Ada", preferred_channel=Channel.EMAIL, update_every_days=7))
    session.journal.save_project(Project("p1", "c1", "Site", contract_signed_on=today - timedelta(days=30)))
    session.journal.save_project(Project("p2", "c1", "App", contract_signed_on=today - timedelta(days=3)))
    session.journal.save_entry(
        Entry("e1", "c1", NOW - timedelta(days=30), EntryKind.CONTRACT_SIGNED, project_id="p1")
    )
    session.journal.save_entry(
        Entry(
            "e2",
            "c1",
            NOW - timedelta(days=2),
            EntryKind.PROMISE,
            text="Mock-ups",
            project_id="p2",
            promise=Promise(due_on=today + timedelta(days=20)),
        )
    )
    _reload(qtbot, window, None)
    model = window.coach.today_actions
    qtbot.waitUntil(lambda: window.coach.mode() == "today" and model.rowCount() > 0, timeout=WAIT_MS)
    listed = [model.index(r, 0).data(ActionRole) for r in range(model.rowCount())]
    assert {a.project for a in listed} >= {"p1", "p2"}  # both projects
    assert any(a.due_on is None or a.due_on > today for a in listed)  # and some not due yet
    assert _row(window, "c1").data(DueCountRole) == len(listed)


def test_projects_in_the_client_dialog_are_saved_with_the_client(qtbot, window: MainWindow, session):
    session.journal.save_client(Client("c1", "Ada"))
    session.journal.save_project(Project("p1", "c1", "Old site", due_on=date(2026, 12, 1)))
    _reload(qtbot, window, "c1")
    dialog = window.edit_client()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.project_list.topLevelItemCount() == 1, timeout=WAIT_MS)
    assert dialog.project_list.topLevelItem(0).text(0) == "Old site"
    assert dialog.project_list.accessibleName() == "Projects"

    add = dialog.add_project()
    assert isinstance(add, ProjectDialog) and "ClientJournal" in add.windowTitle()
    add.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert add.message.isVisible()  # a title is needed
    qtbot.keyClicks(add.title, "New website")
    add.due.known.setChecked(True)
    add.due.edit.setDate(date(2027, 1, 15))
    add.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.project_list.topLevelItemCount() == 2

    dialog.project_list.setCurrentItem(dialog.project_list.topLevelItem(0))
    edit = dialog.edit_project()
    assert edit is not None and edit.title.text() == "Old site"
    edit.status.setCurrentIndex(edit.status.findData(ProjectStatus.DELIVERED))
    assert edit.delivered.value() == NOW.date()
    edit.accept()

    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    stored = {p.title: p for p in session.journal.list_projects("c1")}
    assert set(stored) == {"Old site", "New website"}
    assert stored["Old site"].status is ProjectStatus.DELIVERED and stored["Old site"].version == 2
    assert stored["New website"].due_on == date(2027, 1, 15)
    assert stored["New website"].contract_signed_on == NOW.date()


def test_a_new_client_can_get_projects_before_it_exists(qtbot, window: MainWindow, session):
    dialog = window.new_client()
    qtbot.keyClicks(dialog.name, "Cecilie")
    add = dialog.add_project()
    qtbot.keyClicks(add.title, "Brand book")
    add.accept()
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        dialog.accept()
    client = session.journal.list_clients()[0]
    assert [p.title for p in session.journal.list_projects(client.id)] == ["Brand book"]


def test_client_model_with_statuses_passes_the_model_tester(qtmodeltester):
    from clientjournal.ui.models import ClientListModel

    model = ClientListModel()
    model.set_clients([Client("a", "Ada"), Client("b", "Bo")])
    model.set_status({"a": ("#5cb85c", 2), "zzz": (None, 1)})  # an unknown id is ignored
    qtmodeltester.check(model)
    assert model.index(1, 0).data(DueCountRole) == 2
    assert model.index(2, 0).data(MoodColourRole) is None
    model.clear()
    assert model.status_of("a") == (None, 0)
