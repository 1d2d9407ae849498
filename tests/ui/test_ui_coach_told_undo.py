"""Undo of logging the coach's "tell the client" conversation takes back the "told" mark it set, and redo sets it
again: one step on the journal editor's undo stack, through the real window, card and entry dialog."""

from __future__ import annotations

from dataclasses import replace

import pytest
from coach_support import add_client, add_entry, add_project, open_window, settle, titles
from support.constants import WAIT_MS

from clientjournal.domain import Channel, EntryKind
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.mainwindow import MainWindow


@pytest.fixture
def window(qtbot, worker, session) -> MainWindow:
    return open_window(qtbot, worker, session)


def _step(qtbot, window: MainWindow, action) -> None:
    qtbot.waitUntil(action.isEnabled, timeout=WAIT_MS)
    action.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.editor._changes_in_flight, timeout=WAIT_MS)
    settle(qtbot, window)


def _with_news(session, kind: EntryKind, text: str):
    ola = add_client(session, "Ola Hansen", channel=Channel.EMAIL, cadence=7)
    shop = add_project(session, ola, "Shop")
    add_entry(session, ola, EntryKind.CONTRACT_SIGNED, 6, "Signed the shop project.", project=shop)
    add_entry(session, ola, EntryKind.CALL, 5, "Kick-off call.", project=shop)
    news = add_entry(session, ola, kind, 0.5, text, project=shop, channel=Channel.EMAIL)
    return ola, news


@pytest.mark.parametrize(
    ("kind", "text", "action"),
    [
        (EntryKind.SETBACK, "The supplier broke our import.", "tell_setback"),
        (EntryKind.PROBLEM_SOLVED, "Fixed the slow checkout page.", "explain_solved_problem"),
    ],
)
def test_undo_of_the_logged_conversation_takes_back_the_told_mark_and_redo_sets_it_again(
    qtbot, window: MainWindow, session, kind: EntryKind, text: str, action: str
) -> None:
    ola, news = _with_news(session, kind, text)
    window.reload(select=ola.id)
    settle(qtbot, window)
    card = window.coach.cards.card_for(action)
    assert card is not None, titles(window)

    card.log_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, EntryDialog)
    dialog.accept()
    settle(qtbot, window)
    qtbot.waitUntil(
        lambda: session.journal.get_entry(ola.id, news.id).client_told_at is not None, timeout=WAIT_MS
    )
    (logged,) = [e for e in session.journal.journal(ola.id).entries if e.kind is EntryKind.EMAIL]
    assert session.journal.get_entry(ola.id, news.id).client_told_at == logged.occurred_at
    qtbot.waitUntil(lambda: action not in titles(window), timeout=WAIT_MS)
    editor = window.editor
    assert editor.stack.count() == 1  # one step: the conversation and what it told
    assert editor.undo_action.text().replace("&", "") == "Undo New entry"

    _step(qtbot, window, editor.undo_action)
    assert [e.id for e in session.journal.journal(ola.id).entries if e.kind is EntryKind.EMAIL] == []
    restored = session.journal.get_entry(ola.id, news.id)
    assert restored.client_told_at is None and restored.text == text
    qtbot.waitUntil(lambda: action in titles(window), timeout=WAIT_MS)

    _step(qtbot, window, editor.redo_action)
    assert [e.id for e in session.journal.journal(ola.id).entries if e.kind is EntryKind.EMAIL] == [logged.id]
    assert session.journal.get_entry(ola.id, news.id).client_told_at == logged.occurred_at
    qtbot.waitUntil(lambda: action not in titles(window), timeout=WAIT_MS)

    # And back once more: each step keeps working on the versions the last one stored.
    _step(qtbot, window, editor.undo_action)
    assert session.journal.get_entry(ola.id, news.id).client_told_at is None
    assert window.findChild(object, "undoFailedBox") is None


def test_undo_keeps_a_told_mark_the_user_had_set_before(qtbot, window: MainWindow, session) -> None:
    """Logging the conversation of a setback already told marks nothing, so undo has nothing to take back."""
    ola, setback = _with_news(session, EntryKind.SETBACK, "The supplier broke our import.")
    window.reload(select=ola.id)
    settle(qtbot, window)
    card = window.coach.cards.card_for("tell_setback")
    assert card is not None
    card.log_button.click()
    dialog = window.coach.last_dialog
    assert isinstance(dialog, EntryDialog)
    # Meanwhile the setback was marked told elsewhere (the CLI's "reminders done").
    told_at = setback.occurred_at
    session.journal.save_entry(replace(session.journal.get_entry(ola.id, setback.id), client_told_at=told_at))
    dialog.accept()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.editor._changes_in_flight, timeout=WAIT_MS)
    _step(qtbot, window, window.editor.undo_action)
    assert session.journal.get_entry(ola.id, setback.id).client_told_at == told_at
