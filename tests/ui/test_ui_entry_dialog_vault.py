"""The dialogs' new fields through the window into the vault and back: the user's own mood tags, "the client
has been told", a promise's title and a client's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from support.constants import NOW, WAIT_MS, fixed_clock

from clientjournal.domain import Channel, Client, EntryKind, MoodTag, Valence
from clientjournal.ui.mainwindow import MainWindow


@pytest.fixture
def window(qtbot, worker, session) -> Iterator[MainWindow]:
    main = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select=None)
    yield main
    worker.wait_idle()  # no late results for a window that is gone


def _with_client(qtbot, window: MainWindow, session) -> None:
    session.journal.save_client(Client("c1", "Kari"))
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload(select="c1")


def test_the_entry_dialog_offers_the_vaults_own_mood_tags(qtbot, window: MainWindow, session):
    session.settings.save_mood_tags([MoodTag("curious", Valence.POSITIVE, "#7b61ff")])
    _with_client(qtbot, window, session)
    dialog = window.new_entry()
    assert dialog is not None
    qtbot.waitUntil(lambda: "curious" in [c.mood for c in dialog.moods.chips], timeout=WAIT_MS)
    assert [c.mood for c in dialog.moods.chips][:8] == [
        "enthusiastic",
        "satisfied",
        "calm",
        "neutral",
        "uncertain",
        "anxious",
        "frustrated",
        "angry",
    ]
    dialog.moods.setFocus()
    qtbot.keyClick(dialog.moods, Qt.Key.Key_End)
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.text, "Asked about everything")
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        dialog.accept()
    assert next(session.journal.iter_entries()).moods == ("curious",)


def test_told_and_promise_title_reach_the_vault(qtbot, window: MainWindow, session):
    _with_client(qtbot, window, session)
    dialog = window.new_entry()
    dialog.kind.setCurrentIndex(dialog.kind.findData(EntryKind.SETBACK))
    qtbot.keyClicks(dialog.text, "The supplier broke our import; delivery slips a week.")
    dialog.told.told.setChecked(True)
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        dialog.accept()

    promise = window.new_entry()
    promise.kind.setCurrentIndex(promise.kind.findData(EntryKind.PROMISE))
    qtbot.keyClicks(promise.text, "Confirm in writing what we agreed on the kick-off call.")
    qtbot.keyClicks(promise.promise_title, "Written kick-off summary")
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        promise.accept()

    stored = {e.kind: e for e in session.journal.iter_entries()}
    assert stored[EntryKind.SETBACK].client_told_at == NOW
    assert stored[EntryKind.PROMISE].promise is not None
    assert stored[EntryKind.PROMISE].promise.title == "Written kick-off summary"
    assert stored[EntryKind.PROMISE].client_told_at is None


def test_a_setback_logged_with_the_defaults_is_not_told(qtbot, window: MainWindow, session):
    session.journal.save_client(Client("c1", "Kari", preferred_channel=Channel.EMAIL))
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload(select="c1")
    dialog = window.new_entry()
    dialog.kind.setCurrentIndex(dialog.kind.findData(EntryKind.SETBACK))
    qtbot.keyClicks(dialog.text, "Delivery slips a week.")
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        dialog.accept()
    assert next(session.journal.iter_entries()).client_told_at is None


def test_a_clients_language_reaches_the_vault(qtbot, window: MainWindow, session):
    dialog = window.new_client()
    qtbot.keyClicks(dialog.name, "Ada Lovelace")
    dialog.language.setCurrentIndex(dialog.language.findData("nb"))
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        dialog.accept()
    assert session.journal.list_clients()[0].language == "nb"

    edit = window.edit_client()
    assert edit is not None and edit.language.currentData() == "nb"
    edit.language.setCurrentIndex(edit.language.findData("en"))
    with qtbot.waitSignal(window.clients_loaded, timeout=WAIT_MS):
        edit.accept()
    assert session.journal.list_clients()[0].language == "en"
