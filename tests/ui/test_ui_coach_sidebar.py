"""The coach sidebar, driven through the real main window: actions, Log it, Draft, Snooze, Dismiss, Today."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, unquote

import pytest
from coach_support import MovableClock, add_client, add_entry, add_project, settle, titles
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDockWidget
from support.constants import NOW, WAIT_MS

from clientjournal.domain import Channel, EntryKind, PromiseStatus
from clientjournal.services.changes import VaultChanges
from clientjournal.ui.coach.dialogs import DraftDialog, SnoozeDialog
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.models.roles import EntryRole


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def window(qtbot, worker, session, clock) -> MainWindow:
    main = MainWindow(session, worker, clock)
    qtbot.addWidget(main)
    main.show()
    main.reload(select=None)
    settle(qtbot, main)
    return main


def _select(qtbot, window: MainWindow, client_id: str | None) -> None:
    window.reload(select=client_id)
    settle(qtbot, window)


def _card(window: MainWindow, action: str):
    card = window.coach.cards.card_for(action)
    assert card is not None, f"no {action} card among {titles(window)}"
    return card


def test_the_sidebar_sits_in_the_coach_dock_and_starts_with_today(window: MainWindow):
    dock = window.findChild(QDockWidget, "coachSlot")
    assert dock is not None and dock.widget() is window.coach
    assert window.coach.mode() == "today"
    assert window.coach.today_empty.isVisible()
    assert "Nothing needs attention" in window.coach.today_empty.title.text()
    assert "All clients are up to date" in window.coach.today_empty.text.text()
    assert not window.coach.client_tab.isEnabled()
    assert window.coach.accessibleName() == "Coach"


def test_actions_appear_after_a_contract_is_logged(qtbot, window: MainWindow, session):
    kari = add_client(session, "Kari Nordmann", channel=None, cadence=None, email="kari@example.no")
    add_project(session, kari, "New website")
    _select(qtbot, window, kari.id)
    assert window.coach.mode() == "client"
    assert "kickoff_talk" not in titles(window)

    dialog = window.new_entry()
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData(EntryKind.CONTRACT_SIGNED))
    dialog.project.setCurrentIndex(dialog.project.findData(window._projects[0].id))
    qtbot.keyClicks(dialog.text, "Signed! She is thrilled.")
    dialog.accept()
    settle(qtbot, window)

    assert set(titles(window)) >= {"kickoff_talk", "agree_channel_cadence"}
    assert not window.coach.client_empty.isVisible()
    kickoff = _card(window, "kickoff_talk")
    assert kickoff.step_badge.text() == "Step 1"
    assert "New website" in kickoff.title.text()
    assert kickoff.due.text() == "Due in 3 days"
    assert window.coach.stepper.current() == 1
    assert window.coach.step_name.text().startswith("Step 1 of 8")
    assert kickoff.log_button.accessibleName().startswith("Log it: ")


def test_log_it_records_the_action_and_it_goes_away(qtbot, window: MainWindow, session):
    ola = add_client(session, "Ola Hansen", channel=Channel.PHONE, cadence=7)
    site = add_project(session, ola, "Shop")
    add_entry(session, ola, EntryKind.CONTRACT_SIGNED, 1, "Signed the shop project.", project=site)
    _select(qtbot, window, ola.id)
    card = _card(window, "kickoff_talk")

    qtbot.mouseClick(card.log_button, Qt.MouseButton.LeftButton)
    dialog = window.coach.last_dialog
    assert isinstance(dialog, EntryDialog) and dialog.isVisible()
    assert dialog.kind.currentData() == EntryKind.CALL  # a live talk, by phone as she prefers
    assert dialog.channel.currentData() == Channel.PHONE
    assert dialog.project.currentData() == site.id
    assert "kick-off" in dialog.text.toPlainText()
    dialog.accept()
    settle(qtbot, window)

    assert "kickoff_talk" not in titles(window)
    kinds = [e.kind for e in session.journal.journal(ola.id).entries]
    assert kinds.count(EntryKind.CALL) == 1


def test_log_it_on_a_promise_marks_it_kept(qtbot, window: MainWindow, session):
    ola = add_client(session, "Ola Hansen")
    add_entry(session, ola, EntryKind.PROMISE, 5, "Send the sketches", promise_due=NOW.date())
    _select(qtbot, window, ola.id)
    card = _card(window, "promise_due_today")
    assert card.due.text() == "Due today" and card.due.property("dueState") == "today"
    card.log_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, EntryDialog)
    assert dialog.status.currentData() == PromiseStatus.KEPT
    dialog.accept()
    settle(qtbot, window)
    assert "promise_due_today" not in titles(window)
    assert window.coach.ledger.numbers["kept"].text() == "1"
    assert "100 % kept on time" in window.coach.ledger.rate.text()


def test_snooze_hides_an_action_until_its_date(qtbot, window: MainWindow, session, clock):
    ola = add_client(session, "Ola Hansen", channel=Channel.PHONE)
    site = add_project(session, ola, "Shop")
    add_entry(session, ola, EntryKind.CONTRACT_SIGNED, 1, "Signed.", project=site)
    _select(qtbot, window, ola.id)
    card = _card(window, "kickoff_talk")
    key = card.action.key

    card.snooze_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, SnoozeDialog)
    assert dialog.calendar.minimumDate().toPython() == NOW.date() + timedelta(days=1)
    dialog.next_week.click()
    settle(qtbot, window)
    assert "kickoff_talk" not in titles(window)
    assert session.settings.coach_state().snoozed[key] == NOW.date() + timedelta(days=7)
    assert window.coach.undo_bar.isVisible()

    clock.advance(6)
    window.coach.refresh()
    settle(qtbot, window)
    assert "kickoff_talk" not in titles(window)
    clock.advance(1)
    window.coach.refresh()
    settle(qtbot, window)
    assert "kickoff_talk" in titles(window)


def test_dismiss_removes_an_action_and_undo_brings_it_back(qtbot, window: MainWindow, session):
    ola = add_client(session, "Ola Hansen", channel=Channel.PHONE)
    site = add_project(session, ola, "Shop")
    add_entry(session, ola, EntryKind.CONTRACT_SIGNED, 1, "Signed.", project=site)
    _select(qtbot, window, ola.id)
    key = _card(window, "kickoff_talk").action.key

    _card(window, "kickoff_talk").dismiss_button.click()
    settle(qtbot, window)
    assert "kickoff_talk" not in titles(window)
    assert key in session.settings.coach_state().dismissed
    window.reload()
    settle(qtbot, window)
    assert "kickoff_talk" not in titles(window)

    window.coach.undo_button.click()
    settle(qtbot, window)
    assert "kickoff_talk" in titles(window)
    assert key not in session.settings.coach_state().dismissed


def test_draft_opens_mailto_and_copies(qtbot, window: MainWindow, session, monkeypatch):
    kari = add_client(session, "Kari Nordmann", channel=Channel.EMAIL, cadence=7, email="kari@example.com")
    site = add_project(session, kari, "New website")
    add_entry(session, kari, EntryKind.CONTRACT_SIGNED, 20, "Signed.", project=site)
    add_entry(session, kari, EntryKind.PROGRESS_UPDATE, 8, "Sent the wireframes.", project=site)
    _select(qtbot, window, kari.id)
    card = _card(window, "progress_update_due")
    assert card.channel.text() == "Email"

    card.draft_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, DraftDialog) and dialog.isVisible()
    assert "Kari" in dialog.body.toPlainText()
    assert "New website" in dialog.subject.text()
    assert dialog.open_mail.isEnabled()

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.open_mail.click()
    assert len(opened) == 1
    url = opened[0]
    assert url.scheme() == "mailto" and url.path() == "kari@example.com"
    encoded = bytes(url.toEncoded()).decode("ascii")
    assert " " not in encoded and "\n" not in encoded
    query = parse_qs(encoded.split("?", 1)[1])
    assert query["subject"] == [dialog.subject.text()]
    assert "Kari" in unquote(query["body"][0])
    assert "\r\n" in query["body"][0]

    dialog.copy_button.click()
    assert "Kari" in QGuiApplication.clipboard().text()
    assert dialog.message.text() == "Copied to the clipboard."
    dialog.reject()


def test_draft_is_written_in_the_clients_language(qtbot, window: MainWindow, session):
    per = add_client(session, "Per Berg", channel=Channel.PHONE, cadence=7, language="nb")
    site = add_project(session, per, "Ny nettside")
    add_entry(session, per, EntryKind.CONTRACT_SIGNED, 1, "Signert.", project=site)
    _select(qtbot, window, per.id)
    _card(window, "kickoff_talk").draft_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, DraftDialog)
    assert dialog.language.currentData() == "nb"
    assert not dialog.open_mail.isVisible()  # a phone call: talking points to copy
    english = dialog.body.toPlainText()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.body.toPlainText() != english
    dialog.reject()


def test_today_lists_the_most_urgent_first_and_selects_the_client(qtbot, window: MainWindow, session):
    calm = add_client(session, "Anna Calm")
    late = add_client(session, "Bo Late")
    add_entry(session, calm, EntryKind.PROMISE, 2, "Mood board", promise_due=NOW.date() + timedelta(days=2))
    add_entry(session, late, EntryKind.PROMISE, 9, "Final logo", promise_due=NOW.date() - timedelta(days=3))
    _select(qtbot, window, None)
    coach = window.coach
    assert coach.mode() == "today"
    model = coach.today_actions
    names = [model.index(r, 0).data(Qt.ItemDataRole.AccessibleTextRole) for r in range(model.rowCount())]
    assert names[0].startswith("Bo Late") and "Overdue by 3 days" in names[0]
    assert any(n.startswith("Anna Calm") for n in names[1:])
    assert coach.today_summary.text().startswith("1 urgent")

    first = coach.today_list.visualRect(model.index(0, 0)).center()
    qtbot.mouseClick(coach.today_list.viewport(), Qt.MouseButton.LeftButton, pos=first)
    settle(qtbot, window)
    assert window.current_client_id() == late.id
    assert coach.mode() == "client"
    assert "promise_overdue" in titles(window)

    coach.today_tab.click()
    settle(qtbot, window)
    assert coach.mode() == "today" and coach.stack.currentWidget() is coach.today_page


def test_evidence_link_selects_the_entry_in_the_timeline(qtbot, window: MainWindow, session):
    kari = add_client(session, "Kari Nordmann")
    other = add_client(session, "Other Client")
    setback = add_entry(session, kari, EntryKind.SETBACK, 1, "The server migration slipped a week.")
    for day in range(2, 8):
        add_entry(session, kari, EntryKind.NOTE, day, f"Note {day}")
    _select(qtbot, window, other.id)
    _select(qtbot, window, kari.id)
    card = _card(window, "tell_setback")
    assert "Setback" in card.evidence.text()

    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS, raising=False):
        card.evidence.linkActivated.emit(f"entry:{setback.id}")
    current = window.timeline_view.currentIndex()
    assert current.isValid() and current.data(EntryRole).id == setback.id

    # from another client's timeline: the window switches client first
    _select(qtbot, window, other.id)
    window.coach.evidence_activated.emit(kari.id, setback.id)
    settle(qtbot, window)
    assert window.current_client_id() == kari.id
    assert window.timeline_view.currentIndex().data(EntryRole).id == setback.id


def test_projects_get_a_selector_stepper_and_ledger(qtbot, window: MainWindow, session):
    kari = add_client(session, "Kari Nordmann", channel=Channel.EMAIL, cadence=30)
    shop = add_project(session, kari, "Shop")
    logo = add_project(session, kari, "Logo")
    add_entry(session, kari, EntryKind.CONTRACT_SIGNED, 2, "Signed.", project=shop)
    add_entry(session, kari, EntryKind.CONTRACT_SIGNED, 20, "Signed.", project=logo)
    add_entry(session, kari, EntryKind.CALL, 19, "Kick-off.", project=logo)
    add_entry(session, kari, EntryKind.CHANGE_REQUEST, 1, "Wants a dark logo.", project=logo)
    _select(qtbot, window, kari.id)
    coach = window.coach
    assert coach.project.isVisibleTo(coach)
    assert coach.project.count() == 2
    coach.project.setCurrentIndex(coach.project.findData(logo.id))
    assert coach.stepper.current() == 3
    # every project's actions stay listed (the client list's badge counts them all), each naming its project
    assert {"discuss_change_request", "kickoff_talk"} <= set(titles(window))
    assert _card(window, "kickoff_talk").project_label.text() == "Shop"
    assert _card(window, "discuss_change_request").project_label.text() == "Logo"
    coach.project.setCurrentIndex(coach.project.findData(shop.id))
    assert coach.stepper.current() == 1
    assert {"discuss_change_request", "kickoff_talk"} <= set(titles(window))
    assert "Discuss changes" in coach.stepper.tooltip_for(3)
    assert coach.ledger.caption.text() == "PROMISES ON THIS PROJECT"


def test_locking_clears_the_sidebar(qtbot, window: MainWindow, session):
    ola = add_client(session, "Ola Hansen", channel=Channel.PHONE)
    site = add_project(session, ola, "Shop")
    add_entry(session, ola, EntryKind.CONTRACT_SIGNED, 1, "Signed.", project=site)
    _select(qtbot, window, ola.id)
    _card(window, "kickoff_talk").draft_button.click()
    draft = window.coach.last_dialog
    assert draft is not None and draft.isVisible()
    window.clear()
    assert window.coach.client_actions.rowCount() == 0
    assert window.coach.today_actions.rowCount() == 0
    assert window.coach.cards.cards() == []
    assert window.coach.stack.currentWidget() is window.coach.idle_page
    assert not draft.isVisible()


def test_a_change_request_with_doubt_shows_one_card_naming_both_reasons(qtbot, window: MainWindow, session):
    kari = add_client(session, "Kari Nordmann", channel=Channel.EMAIL, cadence=14, email="kari@example.com")
    site = add_project(session, kari, "New website")
    add_entry(session, kari, EntryKind.CONTRACT_SIGNED, 20, "Signed.", project=site)
    add_entry(
        session,
        kari,
        EntryKind.CALL,
        19,
        "Kick-off.",
        project=site,
        channel=Channel.PHONE,
        moods=("satisfied",),
    )
    request = add_entry(
        session,
        kari,
        EntryKind.CHANGE_REQUEST,
        0.1,
        "Wants a web shop after all. Unsure about the budget.",
        project=site,
        channel=Channel.EMAIL,
        moods=("uncertain",),
    )
    _select(qtbot, window, kari.id)
    assert titles(window) == ["discuss_change_request"]  # one conversation, one card
    card = _card(window, "discuss_change_request")
    assert card.step_badge.text() == "Step 3"
    assert card.action.channel.is_live  # feelings are heard: a live channel
    assert "no agreement has been logged" in card.reason.text()
    assert (
        len(card.also) == 1 and "uncertain" in card.also[0].text() and "listen first" in card.also[0].text()
    )
    assert "Change request" in card.evidence.text() and request.id in card.evidence.text()
    assert card.due.text() in ("Due today", "Due tomorrow")  # never "overdue" for an entry written today
    badge = session.coaching.badges([kari.id], NOW)[kari.id]
    assert badge.actions == len(window.coach.cards.cards()) == 1


def test_a_draft_is_signed_with_the_sender_name_and_quotes_the_journal(qtbot, window: MainWindow, session):
    session.settings.save_sender_name("Ada  Lovelace")
    kari = add_client(session, "Kari Nordmann", channel=Channel.EMAIL, cadence=7, email="kari@example.com")
    site = add_project(session, kari, "New website")
    add_entry(session, kari, EntryKind.CONTRACT_SIGNED, 20, "Signed.", project=site)
    add_entry(session, kari, EntryKind.PROGRESS_UPDATE, 2, "Sent the wireframes.", project=site)
    add_entry(
        session,
        kari,
        EntryKind.PROMISE,
        12,
        "Kick-off call notes.",
        project=site,
        channel=Channel.EMAIL,
        promise_due=NOW.date() - timedelta(days=2),
        promise_title="Logo sketches",
    )
    _select(qtbot, window, kari.id)
    card = _card(window, "promise_overdue")
    assert card.title.text() == "Overdue promise: Logo sketches"
    card.draft_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, DraftDialog)
    body = dialog.body.toPlainText()
    assert "“Logo sketches”" in body and body.rstrip().endswith("Ada Lovelace")
    assert "[what]" not in body
    dialog.reject()


def test_opening_the_mail_app_says_so_when_it_fails(qtbot, window: MainWindow, session, monkeypatch):
    kari = add_client(session, "Kari Nordmann", channel=Channel.EMAIL, cadence=7, email="kari@example.com")
    site = add_project(session, kari, "New website")
    add_entry(session, kari, EntryKind.CONTRACT_SIGNED, 20, "Signed.", project=site)
    add_entry(session, kari, EntryKind.PROGRESS_UPDATE, 8, "Sent the wireframes.", project=site)
    _select(qtbot, window, kari.id)
    _card(window, "progress_update_due").draft_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, DraftDialog)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    dialog.open_mail.click()
    assert "No mail app could be opened" in dialog.message.text()
    assert "Opened in your mail app" not in dialog.message.text()
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    dialog.open_mail.click()
    assert dialog.message.text() == "Opened in your mail app."
    dialog.reject()


def test_the_sidebar_refreshes_itself_when_the_vault_changes(qtbot, window: MainWindow, session):
    kari = add_client(session, "Kari Nordmann", channel=Channel.EMAIL, cadence=7)
    site = add_project(session, kari, "New website")
    add_entry(session, kari, EntryKind.CONTRACT_SIGNED, 20, "Signed.", project=site)
    add_entry(session, kari, EntryKind.PROGRESS_UPDATE, 2, "Sent the wireframes.", project=site)
    _select(qtbot, window, kari.id)
    assert "tell_setback" not in titles(window)
    add_entry(session, kari, EntryKind.SETBACK, 0.1, "The hosting provider is down.", project=site)
    with qtbot.waitSignal(window.coach.refreshed, timeout=WAIT_MS):
        window.hub.announce(VaultChanges.of_entries([kari.id]))  # as the CLI's write would arrive
    assert "tell_setback" in titles(window)


def test_preferences_keep_the_name_drafts_are_signed_with_in_the_vault(qtbot, window: MainWindow, session):
    session.settings.save_sender_name("Ada Lovelace")
    dialog = window.editor.open_preferences()
    field = dialog.sender_name
    assert field is not None
    qtbot.waitUntil(field.isEnabled, timeout=WAIT_MS)  # read on the worker before it can be edited
    assert field.text() == "Ada Lovelace"
    field.setText("  Ola   Hansen ")
    dialog.accept()
    settle(qtbot, window)
    assert session.settings.sender_name() == "Ola Hansen"  # the CLI reads the same setting
