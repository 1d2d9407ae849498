"""The timeline through real widgets: grouping headers, filters, search, the mood chart, locking."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from support.constants import NOW, WAIT_MS, fixed_clock

from clientjournal.domain import Channel, Client, Entry, EntryKind, Project
from clientjournal.services.timeline.index import Grouping
from clientjournal.ui import i18n
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.models.timeline import Column, GroupRole, IsHeaderRole
from clientjournal.ui.timeline.filterbar import FilterButton


def _seed(session) -> None:
    journal = session.journal
    journal.save_client(Client("kari", "Kari Nordmann", company="Nordlys AS"))
    journal.save_client(Client("ola", "Ola Hansen"))
    journal.save_project(Project("web", "kari", "New website"))
    journal.save_project(Project("app", "kari", "Booking app"))
    rows = [
        (
            "kari",
            0,
            EntryKind.CONTRACT_SIGNED,
            Channel.MEETING,
            ("enthusiastic",),
            "web",
            "Signed the contract",
        ),
        ("kari", 1, EntryKind.CALL, Channel.PHONE, ("calm",), "web", "Talked through the launch plan"),
        ("kari", 9, EntryKind.SETBACK, Channel.EMAIL, ("frustrated",), "app", "The payment provider is late"),
        ("kari", 30, EntryKind.NOTE, None, (), None, "Remember her dog is called Pixel"),
        ("ola", 2, EntryKind.EMAIL, Channel.EMAIL, ("neutral",), None, "Sent the invoice"),
        ("ola", 40, EntryKind.DELIVERY, Channel.EMAIL, ("satisfied",), None, "Delivered the launch video"),
    ]
    for client_id, days_ago, kind, channel, moods, project, text in rows:
        journal.save_entry(
            Entry(
                f"{client_id}-{days_ago}",
                client_id,
                NOW - timedelta(days=days_ago),
                kind,
                text=text,
                channel=channel,
                moods=moods,
                project_id=project,
            )
        )


@pytest.fixture
def english(qapp, tmp_path, monkeypatch) -> Iterator[None]:
    """English as the app sets it up: its catalogue spells the plural forms ("1 entry")."""
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "cache")
    previous = QLocale()
    translators = i18n.install_translators(qapp, "en")
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous)


@pytest.fixture
def window(qtbot, worker, session) -> MainWindow:
    _seed(session)
    main = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.resize(1300, 800)
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select=None)
    return main


def _tick(button: FilterButton, *keys: str) -> None:
    for action in button.menu_widget.actions():
        if action.isCheckable() and action.data() in keys:
            action.setChecked(True)


def _shown_ids(window: MainWindow) -> list[str]:
    model = window.timeline
    return [model.entry_at(r).id for r in range(model.rowCount()) if model.entry_at(r) is not None]


def test_all_clients_are_grouped_by_day_with_header_rows(window: MainWindow, english: None):
    model = window.timeline
    panel = window.timeline_panel
    assert model.entry_count() == 6
    assert _shown_ids(window) == ["kari-0", "kari-1", "ola-2", "kari-9", "kari-30", "ola-40"]
    assert model.is_header(0) and model.index(0, 0).data(IsHeaderRole)
    assert model.index(0, 0).data() == "Friday 27 November 2026"
    assert "1 entry" in model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.NoItemFlags  # skipped by keyboard and selection
    assert model.rowCount() == 6 + 6  # every entry on its own day here
    assert window.timeline_view.uniformRowHeights()
    assert panel.filters.isVisible() and panel.chart.isVisible()

    panel.filters.set_grouping(Grouping.MONTH)
    assert model.grouping is Grouping.MONTH
    months = [model.index(r, 0).data(GroupRole) for r in range(model.rowCount()) if model.is_header(r)]
    assert [(g.start.month, g.count) for g in months] == [(11, 4), (10, 2)]
    assert model.index(0, 0).data() == "November 2026"
    assert model.index(1, Column.WHEN).data().startswith(("Fri", "fre"))  # the day is in the row now
    panel.filters.set_grouping(Grouping.WEEK)
    assert model.index(0, 0).data().startswith("Week 48")
    assert not window.timeline_view.grab().isNull()  # headers paint


def test_each_filter_narrows_the_rows_and_clear_brings_them_back(qtbot, window: MainWindow):
    panel = window.timeline_panel
    filters = panel.filters
    _tick(filters.kind, "call", "setback")
    assert _shown_ids(window) == ["kari-1", "kari-9"]
    assert filters.kind.text().startswith("Kind: 2") and filters.kind.property("active")
    assert "2 of 6 entries" in panel.status_label.text()
    filters.clear()
    _tick(filters.step, "4")  # listen and mirror: strong or negative moods
    assert _shown_ids(window) == ["kari-0", "kari-9"]
    filters.clear()
    _tick(filters.mood, "calm", "satisfied")
    assert _shown_ids(window) == ["kari-1", "ola-40"]
    filters.clear()
    _tick(filters.channel, "email")
    assert _shown_ids(window) == ["ola-2", "kari-9", "ola-40"]
    assert filters.clear_button.isEnabled()
    qtbot.mouseClick(filters.clear_button, Qt.MouseButton.LeftButton)
    assert window.timeline.entry_count() == 6
    assert not filters.clear_button.isEnabled()
    assert panel.status_label.text() == "6 entries"
    assert not filters.project.isEnabled()  # only for one client

    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.select_client("kari")
    assert filters.project.isEnabled()
    assert {a.text() for a in filters.project.menu_widget.actions() if a.isCheckable()} >= {
        "New website",
        "Booking app",
    }
    _tick(filters.project, "app")
    assert _shown_ids(window) == ["kari-9"]
    _tick(filters.project, "")  # "No project"
    assert _shown_ids(window) == ["kari-9", "kari-30"]


def test_filtering_to_nothing_shows_a_message(window: MainWindow):
    panel = window.timeline_panel
    _tick(panel.filters.kind, "promise")
    assert window.timeline.entry_count() == 0
    assert window.timeline_stack.currentWidget() is window.empty_label
    assert "No entries match" in window.empty_label.text()
    panel.filters.clear()
    assert window.timeline_stack.currentWidget() is window.timeline_view


def test_search_finds_an_entry_by_a_word_in_its_text(qtbot, window: MainWindow):
    search = window.timeline_panel.filters.search
    assert search.accessibleName() == "Search the journal"
    qtbot.keyClicks(search, "LAUNCH")
    qtbot.waitUntil(lambda: window.timeline.entry_count() == 2, timeout=WAIT_MS)  # after the debounce
    assert _shown_ids(window) == ["kari-1", "ola-40"]
    search.setText("launch video")
    window.timeline_panel.filters.flush()
    assert _shown_ids(window) == ["ola-40"]
    search.setText("frustrated")  # moods are searched too
    window.timeline_panel.filters.flush()
    assert _shown_ids(window) == ["kari-9"]
    search.setText("Problem solved")  # and the kinds' shown names
    window.timeline_panel.filters.flush()
    assert _shown_ids(window) == []


def test_the_chart_gets_the_selected_clients_mood_trend(qtbot, window: MainWindow):
    chart = window.timeline_panel.chart
    assert chart.trend.points  # all clients together
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.select_client("kari")
    points = chart.trend.points
    assert sum(p.count for p in points) == 3  # the note has no mood
    assert "Kari Nordmann" in chart.accessibleDescription()
    assert chart.accessibleName() == "Mood trend"
    image = chart.grab()
    assert not image.isNull() and image.width() > 100
    assert chart.point_near(chart._x_of(points[-1].start, chart._plot_rect())) == points[-1]
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.select_client("ola")
    assert sum(p.count for p in chart.trend.points) == 2


def test_the_model_passes_the_model_tester_filtered_and_grouped(qtmodeltester, window: MainWindow):
    model = window.timeline
    qtmodeltester.check(model)
    window.timeline_panel.filters.set_grouping(Grouping.WEEK)
    _tick(window.timeline_panel.filters.channel, "email", "phone")
    qtmodeltester.check(model)
    window.timeline_panel.filters.search.setText("zzz-nothing")
    window.timeline_panel.filters.flush()
    qtmodeltester.check(model)


def test_new_entries_written_elsewhere_appear_when_all_clients_is_shown_again(qtbot, window, session):
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.select_client("ola")
    session.journal.save_entry(Entry("new", "kari", NOW, EntryKind.PROMISE, text="Brand new"))
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.select_client(None)
    assert "new" in _shown_ids(window)
    session.journal.delete_entry("ola", "ola-2")
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload()
    assert "ola-2" not in _shown_ids(window)


def test_locking_clears_the_timeline_its_cache_chart_and_search(qtbot, window: MainWindow):
    panel = window.timeline_panel
    panel.filters.search.setText("launch")
    panel.filters.flush()
    _tick(panel.filters.kind, "call")
    assert panel.loader.all_index is not None
    window.clear()
    assert window.timeline.rowCount() == 0 and window.timeline.total_count() == 0
    assert panel.loader.all_index is None and not panel.loader.all_loaded
    assert panel.chart.trend.points == ()
    assert panel.filters.search.text() == "" and not panel.filters.kind.selected()
    assert panel.status_label.text() == ""
    assert not panel.filters.isVisible()


def test_big_journals_filter_in_slices_and_the_newest_change_wins(qtbot, window: MainWindow):
    panel = window.timeline_panel
    panel.ASYNC_ROWS = 0  # as with 20,000 entries or more
    search = panel.filters.search
    search.setText("launch")
    panel.filters.flush()
    search.setText("launch video")  # overtakes the first before its slices are done
    with qtbot.waitSignal(panel.filtered, timeout=WAIT_MS):
        panel.filters.flush()
    qtbot.wait(50)
    assert _shown_ids(window) == ["ola-40"]
    assert window.timeline.filter.query == "launch video"


# ---- layout ------------------------------------------------------------------------------------------------------


@pytest.fixture
def norwegian(qapp, tmp_path, monkeypatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "cache")
    previous = QLocale()
    translators = i18n.install_translators(qapp, "nb")
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous)


def _sized(qtbot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width, timeout=WAIT_MS)
    qtbot.wait(20)  # the layout settles


def _lunchtime_entries(session) -> None:
    session.journal.save_entry(
        Entry(
            "lunch",
            "kari",
            NOW.replace(hour=12, minute=15),
            EntryKind.PROGRESS_UPDATE,
            text="Status after lunch",
        )
    )


def _uncut(view, column: Column) -> bool:
    """Whether every entry cell of ``column`` fits its text (as the view's delegate and style measure it)."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    model = view.model()
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    needed = [
        view.itemDelegateForIndex(model.index(row, column)).sizeHint(option, model.index(row, column)).width()
        for row in range(model.rowCount())
        if not model.is_header(row)
    ]
    return not view.isColumnHidden(column) and view.columnWidth(column) >= max(needed)


def test_times_and_the_entry_column_fit_at_1280_by_720_in_english(
    qtbot, english, window: MainWindow, session
):
    _lunchtime_entries(session)
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload(select=None)
    _sized(qtbot, window, 1280, 720)
    view, model = window.timeline_view, window.timeline
    row = model.row_of("lunch", "kari")
    assert model.index(row, Column.WHEN).data().replace("\u202f", " ") == "12:15 PM"  # 12-hour times, in full
    assert _uncut(view, Column.WHEN) and _uncut(view, Column.KIND)
    assert view.horizontalScrollBar().maximum() == 0  # nothing hides behind a scroll bar
    assert view.columnWidth(Column.TEXT) >= 200  # the part a user reads takes the free width
    head = view.horizontalHeader()
    assert head.visualIndex(Column.TEXT) == max(
        head.visualIndex(c) for c in Column if not view.isColumnHidden(c)
    )
    panel = window.timeline_panel
    panel.filters.set_grouping(Grouping.WEEK)  # the day and the time
    assert _uncut(view, Column.WHEN) and view.horizontalScrollBar().maximum() == 0
    _sized(qtbot, window, 1920, 1080)
    assert all(_uncut(view, c) for c in (Column.WHEN, Column.CLIENT, Column.KIND, Column.CHANNEL))


def test_norwegian_kinds_are_not_cut_and_a_narrow_window_keeps_a_client_list(
    qtbot, worker, session, norwegian
):
    _seed(session)
    _lunchtime_entries(session)
    main = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.resize(1280, 720)
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select="kari")
    view = main.timeline_view
    row = main.timeline.row_of("lunch", "kari")
    assert main.timeline.index(row, Column.KIND).data() == "Statusoppdatering"
    assert _uncut(view, Column.KIND) and _uncut(view, Column.WHEN)
    assert view.horizontalScrollBar().maximum() == 0
    _sized(qtbot, main, 1024, 700)
    assert main.client_view.width() >= 200  # names and badges stay readable
    assert main.client_view.horizontalScrollBar().maximum() == 0
    assert view.horizontalScrollBar().maximum() == 0 and view.columnWidth(Column.TEXT) >= 120
    assert _uncut(view, Column.KIND) and _uncut(view, Column.WHEN)


# ---- user mood tags ----------------------------------------------------------------------------------------------


def test_user_mood_tags_are_coloured_and_offered_as_filters(qtbot, window: MainWindow, session):
    from clientjournal.domain import MoodTag, Valence
    from clientjournal.services.changes import VaultChanges

    session.settings.save_mood_tags([MoodTag("relieved", Valence.POSITIVE, "#00aa88")])
    session.journal.save_entry(
        Entry(
            "relief", "ola", NOW + timedelta(hours=1), EntryKind.CALL, text="Paid", moods=("relieved", "calm")
        )
    )
    with qtbot.waitSignal(window.timeline_panel.loaded, timeout=WAIT_MS):
        window.hub.announce(VaultChanges(settings=True) | VaultChanges.of_entries(["ola"]))
    model = window.timeline
    row = model.row_of("relief", "ola")
    from clientjournal.ui.models.roles import MoodColoursRole

    assert model.index(row, Column.MOODS).data(MoodColoursRole) == ["#00aa88", "#4a9fd8"]
    options = {a.data() for a in window.timeline_panel.filters.mood.menu_widget.actions() if a.isCheckable()}
    assert "relieved" in options
    _tick(window.timeline_panel.filters.mood, "relieved")
    assert _shown_ids(window) == ["relief"]
    assert window.timeline.index_data.mood_samples()  # scored with the user's tag


# ---- changes -----------------------------------------------------------------------------------------------------


def test_the_timeline_refreshes_itself_from_vault_changed(qtbot, window: MainWindow, session):
    from clientjournal.services.changes import VaultChanges

    window.hub.vault_changed.disconnect(window._vault_changed)  # the window's own part plays no role here
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.select_client("kari")
    session.journal.save_entry(Entry("fresh", "kari", NOW, EntryKind.NOTE, text="Written elsewhere"))
    with qtbot.waitSignal(window.timeline_panel.loaded, timeout=WAIT_MS):
        window.hub.announce(VaultChanges.of_entries(["kari"]))
    assert "fresh" in _shown_ids(window)
    loads: list[object] = []
    window.timeline_panel.loaded.connect(lambda *args: loads.append(args))
    window.hub.announce(VaultChanges.of_entries(["ola"]))  # another client's journal: nothing to read
    qtbot.wait(200)
    assert loads == []
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.select_client(None)
    session.journal.delete_entry("ola", "ola-2")
    with qtbot.waitSignal(window.timeline_panel.loaded, timeout=WAIT_MS):
        window.hub.announce(VaultChanges.of_entries(["ola"]))  # every client's timeline: read what changed
    assert "ola-2" not in _shown_ids(window)


def test_two_entries_written_in_the_same_minute_list_in_the_order_written(qtbot, worker, session, english):
    from datetime import datetime

    session.journal.save_client(Client("kari", "Kari Nordmann"))
    moments = iter(
        [
            datetime(2026, 11, 27, 12, 15, 5, tzinfo=NOW.tzinfo),
            datetime(2026, 11, 27, 12, 15, 48, tzinfo=NOW.tzinfo),
        ]
    )
    now = [NOW]
    main = MainWindow(session, worker, lambda: now[0])
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select="kari")
    for text in ("First", "Second"):
        now[0] = next(moments)
        dialog = main.new_entry()
        assert dialog is not None
        dialog.text.setPlainText(text)
        with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
            dialog.accept()
    model = main.timeline
    texts = [e.text for e in (model.entry_at(r) for r in range(model.rowCount())) if e is not None]
    assert texts == ["Second", "First"]  # newest first: the one written last on top
