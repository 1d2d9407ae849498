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
