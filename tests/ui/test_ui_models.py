"""The item models, checked by Qt's model tester and for the data their views rely on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt

from clientjournal.domain import Client, Entry, EntryKind, Promise
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME
from clientjournal.ui.models import ClientFilterProxy, ClientListModel, TimelineModel
from clientjournal.ui.models.roles import (
    ArchivedRole,
    ClientIdRole,
    EntryRole,
    IsAllRole,
    MoodColoursRole,
)
from clientjournal.ui.models.timeline import Column

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _clients() -> list[Client]:
    return [
        Client("a", "Ada Lovelace", company="Engines Ltd", tags=("math",)),
        Client("b", "Bjørn Ås", company="Fjord AS"),
        Client("c", "Cecilie Old", archived=True),
    ]


def _entries(count: int = 30) -> list[Entry]:
    moods = list(DEFAULT_MOODS_BY_NAME)
    entries = [
        Entry(
            f"e{i}",
            "a" if i % 2 else "b",
            T0 + timedelta(hours=i),
            EntryKind.CALL if i % 3 else EntryKind.PROMISE,
            text=f"Entry number {i}\nsecond line",
            moods=(moods[i % len(moods)], moods[(i + 3) % len(moods)]) if i % 4 else (),
            promise=None if i % 3 else Promise(date(2026, 12, 1)),
        )
        for i in range(count)
    ]
    return sorted(entries, key=lambda e: e.occurred_at, reverse=True)


def test_client_model_passes_the_model_tester(qtmodeltester):
    model = ClientListModel()
    qtmodeltester.check(model)
    model.set_clients(_clients())
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_client_model_rows_and_roles():
    model = ClientListModel()
    model.set_clients(_clients())
    assert model.rowCount() == 4
    first = model.index(0, 0)
    assert first.data() == "All clients"
    assert first.data(IsAllRole) is True
    assert first.data(ClientIdRole) is None
    second = model.index(1, 0)
    assert second.data() == "Ada Lovelace"
    assert second.data(ClientIdRole) == "a"
    assert "Engines Ltd" in second.data(Qt.ItemDataRole.ToolTipRole)
    assert "archived" in model.index(3, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.row_of("b") == 2
    assert model.row_of(None) == 0


def test_client_filter_searches_and_hides_archived(qtmodeltester):
    model = ClientListModel()
    model.set_clients(_clients())
    proxy = ClientFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)

    def names() -> list[str]:
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    assert names() == ["All clients", "Ada Lovelace", "Bjørn Ås"]
    proxy.set_show_archived(True)
    assert "Cecilie Old" in names()
    proxy.set_search("fjord")
    assert names() == ["All clients", "Bjørn Ås"]
    proxy.set_search("ENGINES lovelace")
    assert names() == ["All clients", "Ada Lovelace"]
    proxy.set_search("MATH")
    assert names() == ["All clients", "Ada Lovelace"]
    proxy.set_search("")
    proxy.set_show_archived(False)
    assert all(not proxy.index(r, 0).data(ArchivedRole) for r in range(proxy.rowCount()))
    qtmodeltester.check(proxy)


def test_timeline_model_passes_the_model_tester(qtmodeltester):
    model = TimelineModel()
    qtmodeltester.check(model)
    model.set_entries(_entries(), {"a": "Ada Lovelace", "b": "Bjørn Ås"})
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_timeline_model_is_newest_first_with_mood_colours():
    model = TimelineModel()
    entries = _entries()
    model.set_entries(entries, {"a": "Ada Lovelace", "b": "Bjørn Ås"})
    assert model.entry_count() == 30
    assert model.rowCount() == 30 + len(model.groups())  # a header row per day
    assert model.columnCount() == len(Column)
    assert model.is_header(0)
    top = model.index(1, Column.TEXT)
    assert top.data(EntryRole) is entries[0]
    assert top.data() == "Entry number 29"  # first line only
    assert model.index(1, Column.CLIENT).data() == "Ada Lovelace"
    assert model.index(1, Column.WHEN).data().endswith("14:00")
    second = model.row_of(entries[1].id)
    colours = model.index(second, Column.MOODS).data(MoodColoursRole)
    assert colours == [DEFAULT_MOODS_BY_NAME[name].colour for name in entries[1].moods]
    promise = next(e for e in entries if e.promise is not None)
    assert model.index(model.row_of(promise.id), Column.KIND).data() == "Promise · Open"
    with_moods = next(e for e in entries if e.moods and e.client_id == "b")
    accessible = model.index(model.row_of(with_moods.id), Column.TEXT).data(
        Qt.ItemDataRole.AccessibleTextRole
    )
    assert "Bjørn Ås" in accessible and "mood:" in accessible
    assert model.headerData(Column.WHEN, Qt.Orientation.Horizontal) == "When"
    assert model.entry_at(model.row_of("e0")).id == "e0"
    assert model.row_of("e0") == model.rowCount() - 1


def test_timeline_model_handles_many_rows_cheaply(qtmodeltester):
    model = TimelineModel()
    entry = _entries(1)[0]
    model.set_entries([entry] * 100_000, {"a": "A"})
    assert model.entry_count() == 100_000
    assert model.rowCount() == 100_001  # one day: one header
    assert model.index(100_000, Column.TEXT).data() == "Entry number 0"
