"""Logging the coach's "tell the client" suggestion through the real window marks the setback told
(``Entry.client_told_at``), and a setback logged with the client's channel but not told still asks for it."""

from __future__ import annotations

import pytest
from coach_support import add_client, add_entry, add_project, open_window, settle, titles

from clientjournal.domain import Channel, EntryKind
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.mainwindow import MainWindow


@pytest.fixture
def window(qtbot, worker, session) -> MainWindow:
    return open_window(qtbot, worker, session)


def test_logging_the_conversation_marks_the_setback_told(qtbot, window: MainWindow, session):
    ola = add_client(session, "Ola Hansen", channel=Channel.EMAIL, cadence=7)
    shop = add_project(session, ola, "Shop")
    add_entry(session, ola, EntryKind.CONTRACT_SIGNED, 6, "Signed the shop project.", project=shop)
    add_entry(session, ola, EntryKind.CALL, 5, "Kick-off call.", project=shop)
    # Logged with the channel the dialog pre-fills: that says nothing about telling him.
    setback = add_entry(
        session,
        ola,
        EntryKind.SETBACK,
        0.2,
        "The supplier broke our import.",
        project=shop,
        channel=Channel.EMAIL,
    )
    window.reload(select=ola.id)
    settle(qtbot, window)
    card = window.coach.cards.card_for("tell_setback")
    assert card is not None, titles(window)

    card.log_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, EntryDialog)
    dialog.accept()
    settle(qtbot, window)

    logged = [e for e in session.journal.journal(ola.id).entries if e.kind is EntryKind.EMAIL]
    assert len(logged) == 1
    told = session.journal.get_entry(ola.id, setback.id)
    assert told.client_told_at == logged[0].occurred_at
    assert "tell_setback" not in titles(window)
