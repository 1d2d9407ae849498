"""The coach sidebar's item model, its helpers and small widgets, without the main window."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from urllib.parse import unquote

import pytest
from PySide6.QtCore import Qt
from support.constants import NOW

from clientjournal.coach import load_playbook, suggest
from clientjournal.domain import (
    Channel,
    Client,
    ClientJournal,
    Entry,
    EntryKind,
    Project,
    Promise,
    PromiseStatus,
)
from clientjournal.ui.coach.data import due_state, kind_for, log_plan
from clientjournal.ui.coach.dialogs import SnoozeDialog, mailto_url
from clientjournal.ui.coach.models import (
    ActionKeyRole,
    ActionListModel,
    ActionRole,
    ClientNameRole,
    DueStateRole,
    DueTextRole,
    StepRole,
    UrgentRole,
)
from clientjournal.ui.coach.navigation import index_of_entry
from clientjournal.ui.coach.stepper import StepperWidget
from clientjournal.ui.coach.today import TodayList

TODAY = NOW.date()


def _journal(name: str = "Kari Nordmann", **client: object) -> ClientJournal:
    kari = Client(id=f"c-{name}", name=name, preferred_channel=Channel.EMAIL, update_every_days=7, **client)  # type: ignore[arg-type]
    site = Project(id="p1", client_id=kari.id, title="New website")
    entries = (
        Entry("e1", kari.id, NOW - timedelta(days=30), EntryKind.CONTRACT_SIGNED, "Signed.", project_id="p1"),
        Entry(
            "e2", kari.id, NOW - timedelta(days=12), EntryKind.PROGRESS_UPDATE, "Wireframes.", project_id="p1"
        ),
        Entry(
            "e3",
            kari.id,
            NOW - timedelta(days=10),
            EntryKind.PROMISE,
            "Send the design",
            project_id="p1",
            promise=Promise(TODAY - timedelta(days=2)),
        ),
        Entry("e4", kari.id, NOW - timedelta(hours=3), EntryKind.SETBACK, "Server down", project_id="p1"),
    )
    return ClientJournal(kari, (site,), entries)


@pytest.fixture
def actions():
    return suggest([_journal(), _journal("Ola Hansen")], NOW)


def test_action_model_passes_the_model_tester(qtmodeltester, actions):
    model = ActionListModel()
    model.set_actions(actions, TODAY, {"c-Kari Nordmann": "Kari Nordmann", "c-Ola Hansen": "Ola Hansen"})
    qtmodeltester.check(model)
    assert model.rowCount() == len(actions) > 3
    first = model.index(0, 0)
    assert first.data(ActionRole) == actions[0]
    assert first.data(Qt.ItemDataRole.DisplayRole) == actions[0].title
    assert first.data(Qt.ItemDataRole.ToolTipRole) == actions[0].reason
    assert first.data(ActionKeyRole) == actions[0].key
    assert first.data(StepRole) == actions[0].step
    assert first.data(UrgentRole) is True
    assert first.data(ClientNameRole) in ("Kari Nordmann", "Ola Hansen")
    assert model.row_of(actions[2].key) == 2
    assert model.roleNames()[DueTextRole] == b"due"
    model.clear()
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_due_texts_and_states(qtmodeltester, actions):
    model = ActionListModel()
    model.set_actions(actions, TODAY)
    for offset, text, state in (
        (-3, "Overdue by 3 days", "overdue"),
        (-1, "Overdue since yesterday", "overdue"),
        (0, "Due today", "today"),
        (1, "Due tomorrow", "soon"),
        (3, "Due in 3 days", "soon"),
        (5, "Due in 5 days", "later"),
    ):
        action = replace(actions[0], due_on=TODAY + timedelta(days=offset))
        assert model.due_text(action) == text
        assert due_state(action, TODAY) == state
    assert model.due_text(replace(actions[0], due_on=None)) == ""
    assert model.index(0, 0).data(DueStateRole) in ("overdue", "today", "soon", "later", "none")


def test_log_plans_record_what_makes_the_action_go_away(actions):
    journal = _journal()
    by_name = {a.action: a for a in suggest(journal, NOW)}
    assert kind_for(by_name["tell_setback"]) is EntryKind.EMAIL  # her preferred channel, a conversation
    plan = log_plan(by_name["promise_overdue"], journal, TODAY)
    assert plan.edit is not None and plan.edit.id == "e3"
    assert plan.promise_status is PromiseStatus.KEPT
    setback = log_plan(by_name["tell_setback"], journal, TODAY)
    assert setback.edit is None and setback.project_id == "p1" and setback.text.endswith(".")
    # doing what the plan says makes the action go away
    told = Entry("e5", journal.client.id, NOW, setback.kind, setback.text, setback.channel, project_id="p1")
    after = suggest(replace(journal, entries=(*journal.entries, told)), NOW)
    assert "tell_setback" not in {a.action for a in after}
    progress = replace(by_name["tell_setback"], action="progress_update_due")
    assert kind_for(progress) is EntryKind.PROGRESS_UPDATE
    assert kind_for(replace(progress, action="discuss_change_request")) is EntryKind.CHANGE_AGREED
    assert kind_for(replace(progress, action="kickoff_talk", channel=Channel.PHONE)) is EntryKind.CALL
    assert kind_for(replace(progress, action="kickoff_talk", channel=Channel.VIDEO)) is EntryKind.MEETING
    assert kind_for(replace(progress, action="confirm_promise", channel=Channel.EMAIL)) is EntryKind.EMAIL


def test_mailto_url_is_percent_encoded():
    url = mailto_url("kari@example.no", "Status: æøå & more?", "Hi Kari,\n\nLine two = 100%\n")
    encoded = bytes(url.toEncoded()).decode("ascii")
    assert encoded.startswith("mailto:kari@example.no?subject=")
    assert " " not in encoded and "&body=" in encoded
    subject = encoded.split("subject=", 1)[1].split("&body=", 1)[0]
    body = encoded.split("&body=", 1)[1]
    assert unquote(subject) == "Status: æøå & more?"
    assert unquote(body) == "Hi Kari,\r\n\r\nLine two = 100%"


def test_stepper_tooltips_and_accessible_description(qtbot):
    stepper = StepperWidget()
    qtbot.addWidget(stepper)
    stepper.resize(320, 40)
    playbook = load_playbook("en")
    stepper.set_steps(playbook.steps)
    stepper.set_current(3)
    assert stepper.accessibleDescription() == f"Step 3 of 8: {playbook.step(3).name}"
    tip = stepper.tooltip_for(3)
    assert playbook.step(3).name in tip and "The project is here now." in tip
    assert "here now" not in stepper.tooltip_for(4)
    centres = stepper._centres()
    assert stepper.step_at(centres[4].x(), centres[4].y()) == 5
    assert stepper.step_at(centres[4].x(), -100) == 0
    stepper.show()
    stepper.grab()  # paints without error


def test_snooze_dialog_quick_choices(qtbot):
    dialog = SnoozeDialog(TODAY, "Send an update")
    qtbot.addWidget(dialog)
    assert dialog.until() == TODAY + timedelta(days=1)
    dialog.next_week.click()
    assert dialog.until() == TODAY + timedelta(days=7)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_today_list_emits_the_client_of_a_clicked_row(qtbot, qtmodeltester, actions):
    model = ActionListModel()
    model.set_actions(actions, TODAY, {"c-Kari Nordmann": "Kari Nordmann", "c-Ola Hansen": "Ola Hansen"})
    view = TodayList(model)
    qtbot.addWidget(view)
    view.resize(340, 500)
    view.show()
    rect = view.visualRect(model.index(1, 0))
    with qtbot.waitSignal(view.client_activated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [actions[1].client]
    view.setCurrentIndex(model.index(0, 0))
    with qtbot.waitSignal(view.client_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [actions[0].client]
    assert rect.height() > 3 * view.fontMetrics().height()
    assert view.grab().width() > 0


def test_index_of_entry_searches_flat_and_grouped_models(qtmodeltester):
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from clientjournal.ui.models.roles import EntryRole

    model = QStandardItemModel()
    group = QStandardItem("Today")
    model.appendRow(group)
    entries = _journal().entries
    for entry in entries:
        item = QStandardItem(entry.text)
        item.setData(entry, EntryRole)
        group.appendRow(item)
    found = index_of_entry(model, entries[2].client_id, entries[2].id)
    assert found.isValid() and found.data(EntryRole) == entries[2]
    assert not index_of_entry(model, "someone-else", entries[2].id).isValid()
    assert not index_of_entry(model, entries[2].client_id, "missing").isValid()
