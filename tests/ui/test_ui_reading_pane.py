"""The reading pane, keyboard use of the timeline, and a damaged entry that never breaks the view.

Through real widgets: the selected entry shows in full under the timeline (kind, time, client, project, channel,
moods, promise, search words highlighted, related entries linked); Return opens the editor and Delete deletes;
with one entry's ciphertext corrupted, the rest shows, the damaged one is a row saying so, one banner offers a
check and a restore, and nothing pops up.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QLocale, QSettings, Qt, QUrl, QUrlQuery
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select, update
from support.constants import NOW, PASSPHRASE, WAIT_MS, fixed_clock

from clientjournal.domain import Channel, Client, Entry, EntryKind, Project, Promise, PromiseStatus
from clientjournal.services.changes import VaultChanges
from clientjournal.services.session import VaultSession
from clientjournal.storage.schema import entries
from clientjournal.ui import i18n
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.models.timeline import Column
from clientjournal.ui.timeline.reading_pane import highlighted, related_entries

LONG_TEXT = "Went through the launch plan line by line.\nShe wants the Launch moved a week.\nWe agreed."


def corrupt(session: VaultSession, client_id: str, entry_id: str) -> None:
    """Flip one bit of an entry's stored ciphertext."""
    where = (entries.c.client_id == client_id, entries.c.id == entry_id)
    with session.journal.engine.begin() as connection:
        blob = connection.execute(select(entries.c.payload).where(*where)).scalar_one()
        connection.execute(update(entries).where(*where).values(payload=blob[:-1] + bytes([blob[-1] ^ 1])))
    session.journal.forget_cached()


def _seed(session: VaultSession) -> None:
    journal = session.journal
    journal.save_client(Client("kari", "Kari Nordmann", company="Nordlys AS"))
    journal.save_client(Client("ola", "Ola Hansen"))
    journal.save_project(Project("web", "kari", "New website"))
    journal.save_entry(
        Entry(
            "call",
            "kari",
            NOW - timedelta(days=1),
            EntryKind.CALL,
            text=LONG_TEXT,
            channel=Channel.PHONE,
            moods=("calm", "uncertain"),
            project_id="web",
        )
    )
    journal.save_entry(
        Entry(
            "promise",
            "kari",
            NOW - timedelta(days=2),
            EntryKind.PROMISE,
            text="Send the sitemap",
            project_id="web",
            promise=Promise(date(2026, 12, 4), PromiseStatus.OPEN, title="Sitemap draft"),
        )
    )
    journal.save_entry(
        Entry("setback", "kari", NOW - timedelta(days=3), EntryKind.SETBACK, text="Hosting down")
    )
    journal.save_entry(Entry("ola-1", "ola", NOW - timedelta(days=4), EntryKind.EMAIL, text="Invoice sent"))


@pytest.fixture
def english(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "cache")
    previous = QLocale()
    translators = i18n.install_translators(qapp, "en")
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous)


def _window(qtbot, worker, session, settings: QSettings | None = None) -> MainWindow:
    main = MainWindow(session, worker, fixed_clock, settings=settings)
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.resize(1280, 720)
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select=None)
    return main


@pytest.fixture
def window(qtbot, worker, session, english) -> MainWindow:
    _seed(session)
    return _window(qtbot, worker, session)


def _select(window: MainWindow, entry_id: str) -> None:
    model = window.timeline
    row = next(
        r for r in range(model.rowCount()) if (e := model.entry_at(r)) is not None and e.id == entry_id
    )
    window.timeline_view.selectionModel().setCurrentIndex(
        model.index(row, Column.TEXT),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def _focus_timeline(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    window.timeline_view.setFocus()
    qtbot.waitUntil(window.timeline_view.hasFocus, timeout=WAIT_MS)


def _open_dialogs() -> list[EntryDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, EntryDialog) and w.isVisible()]


# ---- the pane ------------------------------------------------------------------------------------------------------


def test_the_selected_entry_shows_in_full_without_opening_the_editor(qtbot, window: MainWindow):
    pane = window.timeline_panel.reading_pane
    assert "Select an entry" in pane.text()
    _select(window, "call")
    qtbot.waitUntil(lambda: "New website" in pane.text(), timeout=WAIT_MS)  # the client's projects, read once
    text = pane.text()
    assert pane.entry is not None and pane.entry.id == "call"
    for part in (
        "Call",
        "Kari Nordmann",
        "New website",
        "via Phone",
        "calm",
        "uncertain",
        "Thursday 26 November",
    ):
        assert part in text, part
    assert "She wants the Launch moved a week." in text and "We agreed." in text  # every line, not the first
    assert "#4a9fd8" in pane.browser.toHtml().lower()  # the chips in the moods' own colours
    assert _open_dialogs() == []

    _select(window, "promise")
    text = pane.text()
    assert "Promise" in text and "Sitemap draft" in text and "due 4 Dec 2026" in text and "Open" in text
    _select(window, "setback")
    assert "not been told" in pane.text()


def test_the_search_words_are_highlighted_in_the_pane(window: MainWindow):
    panel = window.timeline_panel
    panel.filters.search.setText("launch")
    panel.filters.flush()
    _select(window, "call")
    html = panel.reading_pane.browser.toHtml()
    assert html.count("background-color:#") >= 2  # both "launch" and "Launch"
    assert ">launch<" in html and ">Launch<" in html
    marked = highlighted("Ærlig ærlig <b>", ["ærlig"], "#ff0")
    assert marked.count('<span style="background-color:#ff0">') == 2 and "&lt;b&gt;" in marked


def test_related_entries_of_the_project_are_links_that_select_them(qtbot, window: MainWindow):
    pane = window.timeline_panel.reading_pane
    _select(window, "call")
    assert "Related entries in this project" in pane.text() and "Send the sitemap" in pane.text()
    assert "Hosting down" not in pane.text()  # no project: not related
    query = QUrlQuery()
    query.addQueryItem("client", "kari")
    query.addQueryItem("entry", "promise")
    url = QUrl("entry:show")
    url.setQuery(query)
    pane.browser.anchorClicked.emit(url)
    assert window.timeline.entry_at(window.timeline_view.currentIndex().row()).id == "promise"
    assert pane.entry is not None and pane.entry.id == "promise"
    call = window.timeline.index_data.entry(0)
    assert [e.id for e in related_entries(call, window.timeline.index_data.entries)] == ["promise"]


def test_the_splitter_between_timeline_and_pane_is_remembered(
    qtbot, worker, session, english, tmp_path: Path
):
    _seed(session)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = _window(qtbot, worker, session, settings)
    splitter = first.timeline_panel.splitter
    total = sum(splitter.sizes())
    splitter.setSizes([total - 120, 120])
    splitter.splitterMoved.emit(total - 120, 1)  # as a drag of the handle ends
    assert settings.value("timeline/readingSplitter") is not None
    second = _window(qtbot, worker, session, settings)
    assert second.timeline_panel.splitter.sizes()[1] == pytest.approx(120, abs=8)


# ---- the keyboard --------------------------------------------------------------------------------------------------


def test_return_opens_the_editor_and_delete_asks_whatever_was_selected_before(
    qtbot, window: MainWindow, monkeypatch
):
    view = window.timeline_view
    editor = window.editor
    view.setCurrentIndex(window.timeline.index(0, 0))  # a group header: nothing to edit
    editor.menu.aboutToShow.emit()  # the Edit menu opened with no entry selected disabled both actions
    assert not editor.edit_entry_action.isEnabled()
    _focus_timeline(qtbot, window)  # the keyboard lands on the first entry, never on a group header
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert window.timeline.entry_at(view.currentIndex().row()).id == "call"
    assert window.timeline_panel.reading_pane.entry.id == "call"  # the pane follows the keyboard
    assert editor.edit_entry_action.isEnabled() and editor.delete_entry_action.isEnabled()

    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialogs = _open_dialogs()
    assert len(dialogs) == 1 and dialogs[0].original is not None and dialogs[0].original.id == "call"
    dialogs[0].done(0)
    _focus_timeline(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # the keypad's Enter too
    dialogs = _open_dialogs()
    assert len(dialogs) == 1
    dialogs[0].done(0)

    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.No
    )
    _focus_timeline(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert asked == ["Delete this journal entry?"]


# ---- a damaged entry -----------------------------------------------------------------------------------------------


def _no_message_boxes(monkeypatch) -> None:
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, name=name, **k: pytest.fail(f"unexpected {name} {a}")
        )


def test_one_damaged_entry_shows_as_a_row_with_one_banner_and_nothing_pops_up(
    qtbot, qtmodeltester, worker, session, english, monkeypatch, caplog
):
    _seed(session)
    corrupt(session, "kari", "promise")
    _no_message_boxes(monkeypatch)
    window = _window(qtbot, worker, session)
    panel = window.timeline_panel
    model = window.timeline
    shown = [model.entry_at(r) for r in range(model.rowCount()) if model.entry_at(r) is not None]
    assert [e.id for e in shown] == ["call", "promise", "setback", "ola-1"]  # everything, in its place
    row = model.row_of("promise", "kari")
    assert model.index(row, Column.TEXT).data() == "This entry cannot be read"
    assert model.index(row, Column.KIND).data() == "Unreadable"
    assert model.index(row, Column.CLIENT).data() == "Kari Nordmann"
    assert "restore" in model.index(row, Column.TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, Column.TEXT).data(Qt.ItemDataRole.FontRole).italic()
    assert panel.banner.isVisible() and panel.banner.count == 1
    assert panel.banner.message.text().startswith("1 entr")  # (the plural form comes from the catalogue)
    assert panel.banner.message.text().endswith("cannot be read; everything else is shown.")
    assert "skipped an unreadable journal entry" in caplog.text  # the details go to the log
    assert window.timeline_panel.status_label.text() == "4 entries"
    qtmodeltester.check(model)  # with a stand-in row

    checks: list[bool] = []
    restores: list[bool] = []
    panel.check_requested.connect(lambda: checks.append(True))
    panel.restore_requested.connect(lambda: restores.append(True))
    qtbot.mouseClick(panel.banner.check_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.banner.restore_button, Qt.MouseButton.LeftButton)
    assert checks == [True] and restores == [True]

    # Selected, it explains itself; it cannot be edited or deleted as if it were a note.
    _select(window, "promise")
    assert "This entry cannot be read" in panel.reading_pane.text()
    assert "restore" in panel.reading_pane.text()
    assert (
        not window.editor.edit_entry_action.isEnabled() and not window.editor.delete_entry_action.isEnabled()
    )
    _focus_timeline(qtbot, window)
    qtbot.keyClick(window.timeline_view, Qt.Key.Key_Return)
    assert window._edit_entry_at(window.timeline_view.currentIndex()) is None and _open_dialogs() == []

    # One client's view says so too; the badges and the coach work over what reads.
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.select_client("kari")
    assert model.unreadable_count() == 1 and panel.banner.isVisible()
    qtbot.waitUntil(lambda: window.client_manager.status_done, timeout=WAIT_MS)
    assert window.coach.mode() == "client" and window.coach.client_tab.isEnabled()


def test_the_banner_goes_once_the_entry_reads_again(qtbot, worker, session, english):
    _seed(session)
    corrupt(session, "ola", "ola-1")
    window = _window(qtbot, worker, session)
    assert window.timeline_panel.banner.isVisible()
    session.journal.save_entry(Entry("ola-1", "ola", NOW - timedelta(days=4), EntryKind.EMAIL, version=1))
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.hub.announce(VaultChanges.of_entries(["ola"]))
    assert not window.timeline_panel.banner.isVisible()
    assert window.timeline.unreadable_count() == 0


@pytest.mark.slow
def test_one_corrupted_entry_in_the_big_demo_vault_leaves_the_rest_shown(
    qtbot, worker, tmp_path, monkeypatch
):
    """The 1,000 × 100 demo vault with one entry's ciphertext corrupted: 99,999 entries, badges, coach, a banner."""
    from clientjournal.crypto.kdf import KdfParams
    from clientjournal.demo import generate_demo
    from clientjournal.services.vault import Vault
    from clientjournal.storage.database import sqlite_url

    now = datetime(2026, 11, 27, 10, tzinfo=UTC)
    vault, keys, _recovery = Vault.create(
        sqlite_url(tmp_path / "demo.sqlite3"), PASSPHRASE, clock=lambda: now, kdf=KdfParams.minimum()
    )
    session = VaultSession(vault, keys)
    try:
        session.transfer.import_journals(generate_demo(1000, 100, seed=1, now=now), total=1000)
        with session.journal.engine.connect() as connection:
            victim = connection.execute(select(entries.c.client_id, entries.c.id).limit(1).offset(4321)).one()
        corrupt(session, victim.client_id, victim.id)
        _no_message_boxes(monkeypatch)
        window = MainWindow(session, worker, lambda: now)
        qtbot.addWidget(window, before_close_func=lambda _w: worker.wait_idle())
        window.resize(1280, 720)
        window.show()
        started = time.monotonic()
        with qtbot.waitSignal(window.timeline_loaded, timeout=120_000):
            window.reload(select=None)
        qtbot.waitUntil(lambda: window.timeline_panel.loader.all_loaded, timeout=120_000)
        model = window.timeline
        assert model.total_count() == 100_000 and model.unreadable_count() == 1
        assert model.row_of(victim.id, victim.client_id) >= 0
        assert window.timeline_panel.banner.isVisible()
        assert "Loading" not in window.timeline_panel.status_label.text()
        assert window.timeline_panel.chart.trend.points  # the mood trend came
        qtbot.waitUntil(lambda: window.client_manager.status_done, timeout=120_000)
        assert sum(window.clients.status_of(c.id)[1] for c in window.clients.clients()) > 0  # badges
        qtbot.waitUntil(lambda: window.coach.today_actions.rowCount() > 0, timeout=60_000)  # the coach
        assert time.monotonic() - started < 120
    finally:
        worker.wait_idle()
        session.close()
