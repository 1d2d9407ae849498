"""Through the real window: a setback logged with the entry dialog's defaults asks for step 5 (with the tone its
temperament calls for) and a solved problem for step 8; ticking "told" in the dialog or logging the suggested
conversation makes each go away. The same for a file imported without ``client_told_at``."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from coach_support import MovableClock, add_client, add_entry, settle, titles
from support.constants import WAIT_MS

from clientjournal.domain import Channel, EntryKind
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.models.roles import EntryRole

CALM = "Calm and formal, wants the facts."
TELLING = ("tell_setback", "explain_solved_problem")


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def window(qtbot, worker, session, clock: MovableClock) -> MainWindow:
    main = MainWindow(session, worker, clock)
    qtbot.addWidget(main)
    main.show()
    main.reload(select=None)
    settle(qtbot, main)
    return main


def _card(qtbot, window: MainWindow, name: str):
    qtbot.waitUntil(lambda: window.coach.cards.card_for(name) is not None, timeout=WAIT_MS)
    card = window.coach.cards.card_for(name)
    assert card is not None
    return card


def _gone(qtbot, window: MainWindow, name: str) -> None:
    settle(qtbot, window)
    qtbot.waitUntil(lambda: name not in titles(window), timeout=WAIT_MS)


def _log_with_defaults(qtbot, window: MainWindow, kind: EntryKind, text: str) -> None:
    dialog = window.new_entry()
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    qtbot.keyClicks(dialog.text, text)
    assert not dialog.told.told.isChecked()  # the default: not told
    assert dialog.channel.currentData() == Channel.EMAIL  # pre-filled with the client's preferred channel
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        dialog.accept()
    settle(qtbot, window)


def _tick_told(qtbot, window: MainWindow, entry_id: str) -> None:
    """Open the entry in its dialog (as a double click in the timeline does), tick "told" and save."""
    model = window.timeline_view.model()
    rows = [model.index(row, 0) for row in range(model.rowCount())]
    (index,) = [i for i in rows if getattr(i.data(EntryRole), "id", None) == entry_id]
    window.timeline_view.setCurrentIndex(index)
    dialog = window._edit_entry_at(index)
    assert isinstance(dialog, EntryDialog)
    dialog.told.told.setChecked(True)
    dialog.accept()
    settle(qtbot, window)


def _log_the_suggestion(qtbot, window: MainWindow, name: str) -> None:
    _card(qtbot, window, name).log_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, EntryDialog)
    dialog.accept()
    settle(qtbot, window)


def _assert_asked(qtbot, window: MainWindow) -> None:
    tell = _card(qtbot, window, "tell_setback").action
    assert tell.step == 5 and "calm and factual" in tell.reason  # the tone advice from the temperament
    explain = _card(qtbot, window, "explain_solved_problem").action
    assert explain.step == 8


def test_logged_with_the_dialogs_defaults_then_told_by_ticking_or_by_the_suggested_conversation(
    qtbot, window: MainWindow, session, clock: MovableClock
) -> None:
    ola = add_client(session, "Ola Hansen", channel=Channel.EMAIL, cadence=7)
    ola = session.journal.save_client(replace(ola, temperament=CALM))
    add_entry(session, ola, EntryKind.CONTRACT_SIGNED, 9, "Signed the shop project.")
    add_entry(session, ola, EntryKind.CALL, 8, "Kick-off call.", channel=Channel.PHONE)
    clock.advance(-1)
    window.reload(select=ola.id)
    settle(qtbot, window)
    _log_with_defaults(
        qtbot, window, EntryKind.SETBACK, "The supplier broke our import; delivery slips a week."
    )
    clock.advance(1)  # the solved problem a day later: telling it must not be what tells the setback
    _log_with_defaults(qtbot, window, EntryKind.PROBLEM_SOLVED, "Fixed the slow checkout page.")
    _assert_asked(qtbot, window)

    (setback,) = [e for e in session.journal.journal(ola.id).entries if e.kind is EntryKind.SETBACK]
    _tick_told(qtbot, window, setback.id)
    _gone(qtbot, window, "tell_setback")
    assert session.journal.get_entry(ola.id, setback.id).client_told_at is not None
    assert "explain_solved_problem" in titles(window)

    _log_the_suggestion(qtbot, window, "explain_solved_problem")
    _gone(qtbot, window, "explain_solved_problem")
    (solved,) = [e for e in session.journal.journal(ola.id).entries if e.kind is EntryKind.PROBLEM_SOLVED]
    assert solved.client_told_at is not None


def _document() -> str:
    entry = {"project": "p1", "moods": [], "promise": None}
    return json.dumps(
        {
            "format": "clientjournal",
            "version": 1,
            "exported_at": "2026-11-27T09:00:00+00:00",
            "clients": [
                {
                    "id": "kari",
                    "name": "Kari Nordmann",
                    "email": "kari@example.no",
                    "preferred_channel": "email",
                    "update_every_days": 7,
                    "temperament": CALM,
                    "projects": [
                        {"id": "p1", "title": "New website", "contract_signed_on": "2026-11-02",
                         "due_on": "2026-12-15", "status": "active", "delivered_on": None},
                        {"id": "p2", "title": "Shop", "contract_signed_on": "2026-11-02",
                         "due_on": "2026-12-20", "status": "active", "delivered_on": None},
                    ],
                    "entries": [
                        {**entry, "id": "e1", "occurred_at": "2026-11-02T14:00:00+01:00",
                         "kind": "contract_signed", "channel": "meeting", "text": "Signed."},
                        {**entry, "id": "e2", "occurred_at": "2026-11-03T10:00:00+01:00",
                         "kind": "call", "channel": "phone", "text": "Kick-off call."},
                        # Neither says the client was told; one has a channel, the other "other".
                        {**entry, "id": "s1", "occurred_at": "2026-11-25T15:00:00+01:00",
                         "kind": "setback", "channel": "other", "text": "The host lost a day of orders."},
                        # On another project: telling one is not telling the other.
                        {**entry, "project": "p2", "id": "s2", "occurred_at": "2026-11-26T11:00:00+01:00",
                         "kind": "problem_solved", "channel": "email", "text": "Fixed the lost orders."},
                    ],
                }
            ],
        }
    )  # fmt: skip


def test_a_file_imported_without_the_told_field_asks_too_and_each_goes_away(
    qtbot, window: MainWindow, session
) -> None:
    session.transfer.import_document(session.transfer.read_document(_document()))
    window.reload(select="kari")
    settle(qtbot, window)
    assert all(e.client_told_at is None for e in session.journal.journal("kari").entries)
    _assert_asked(qtbot, window)

    _log_the_suggestion(qtbot, window, "tell_setback")
    _gone(qtbot, window, "tell_setback")
    assert session.journal.get_entry("kari", "s1").client_told_at is not None
    assert "explain_solved_problem" in titles(window)

    _tick_told(qtbot, window, "s2")
    _gone(qtbot, window, "explain_solved_problem")
    assert session.journal.get_entry("kari", "s2").client_told_at is not None
    assert not set(TELLING) & set(titles(window))
