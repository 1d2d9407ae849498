"""The entry dialog's date and time: back-dating across a daylight-saving change gets that day's UTC offset."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime

from clientjournal.domain import Client, Entry, EntryKind
from clientjournal.ui.date_fields import local_moment
from clientjournal.ui.entry_dialog import EntryDialog

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset to switch the time zone")

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
NOVEMBER_NOW = datetime(2026, 11, 27, 11, 0, tzinfo=CET)
"""What the app's clock (``datetime.now().astimezone()``) says in Oslo in November: a fixed +01:00 offset."""


def november_clock() -> datetime:
    return NOVEMBER_NOW


@pytest.fixture
def oslo() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Europe/Oslo")
        time.tzset()
        try:
            summer = time.localtime(datetime(2026, 7, 1, tzinfo=UTC).timestamp())
            if summer.tm_gmtoff != 2 * 3600:
                pytest.skip("the Europe/Oslo zone rules are not installed")
            yield
        finally:
            patch.undo()
            time.tzset()  # the zone the rest of the session runs in


def _dialog(qtbot, entry: Entry | None = None) -> EntryDialog:
    dialog = EntryDialog(november_clock, [Client("c1", "Kari")], client_id="c1", entry=entry)
    qtbot.addWidget(dialog)
    return dialog


def _type_when(dialog: EntryDialog, year: int, month: int, day: int, hour: int, minute: int) -> None:
    dialog.when.setDateTime(QDateTime(QDate(year, month, day), QTime(hour, minute)))


def _is_valid_local(moment: datetime) -> bool:
    """Whether ``moment`` carries the offset the system zone really has at that instant."""
    return moment.astimezone().utcoffset() == moment.utcoffset()


@pytest.mark.usefixtures("oslo")
def test_back_dating_from_november_to_july_gets_summer_time(qtbot):
    dialog = _dialog(qtbot)
    _type_when(dialog, 2026, 7, 15, 14, 30)
    chosen = dialog.occurred_at()
    assert chosen == datetime(2026, 7, 15, 14, 30, tzinfo=CEST)
    assert chosen.utcoffset() == timedelta(hours=2)
    dialog.text.setPlainText("Called about the summer launch")
    assert dialog.entry().occurred_at.utcoffset() == timedelta(hours=2)


@pytest.mark.usefixtures("oslo")
def test_a_november_day_gets_winter_time(qtbot):
    dialog = _dialog(qtbot)
    _type_when(dialog, 2026, 11, 3, 9, 15)
    chosen = dialog.occurred_at()
    assert chosen == datetime(2026, 11, 3, 9, 15, tzinfo=CET)
    assert chosen.utcoffset() == timedelta(hours=1)


@pytest.mark.usefixtures("oslo")
def test_an_untouched_new_entry_is_now(qtbot):
    dialog = _dialog(qtbot)
    assert dialog.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-27 11:00"
    assert dialog.occurred_at() == NOVEMBER_NOW
    assert dialog.occurred_at().utcoffset() == timedelta(hours=1)


@pytest.mark.usefixtures("oslo")
def test_a_utc_clock_shows_and_stores_local_wall_time(qtbot):
    dialog = EntryDialog(lambda: datetime(2026, 7, 1, 8, 0, tzinfo=UTC), [Client("c1", "Kari")])
    qtbot.addWidget(dialog)
    assert dialog.when.dateTime().toString("HH:mm") == "10:00"
    _type_when(dialog, 2026, 6, 30, 10, 0)  # back one day, same wall time
    assert dialog.occurred_at() == datetime(2026, 6, 30, 10, 0, tzinfo=CEST)


@pytest.mark.usefixtures("oslo")
def test_a_time_in_the_spring_forward_gap_gives_a_real_moment(qtbot):
    # 02:00-03:00 on 29 March 2026 never happened in Oslo: the clocks jumped from 02:00 to 03:00.
    moved = local_moment(datetime(2026, 3, 29, 2, 30))
    assert moved == datetime(2026, 3, 29, 3, 30, tzinfo=CEST)
    assert _is_valid_local(moved)

    dialog = _dialog(qtbot)
    _type_when(dialog, 2026, 3, 29, 2, 30)
    chosen = dialog.occurred_at()
    assert _is_valid_local(chosen)
    assert chosen.date() == datetime(2026, 3, 29).date()
    assert datetime(2026, 3, 29, 1, 0, tzinfo=CET) <= chosen <= datetime(2026, 3, 29, 4, 0, tzinfo=CEST)
    dialog.text.setPlainText("Late call")
    assert dialog.entry().occurred_at == chosen


@pytest.mark.usefixtures("oslo")
def test_a_time_in_the_autumn_overlap_is_the_first_of_the_two(qtbot):
    # 02:30 on 25 October 2026 happened twice in Oslo; the first one was still summer time.
    first = local_moment(datetime(2026, 10, 25, 2, 30))
    assert first == datetime(2026, 10, 25, 2, 30, tzinfo=CEST)
    dialog = _dialog(qtbot)
    _type_when(dialog, 2026, 10, 25, 2, 30)
    assert _is_valid_local(dialog.occurred_at())


@pytest.mark.usefixtures("oslo")
def test_editing_only_the_text_keeps_the_stored_moment(qtbot):
    # Written while travelling (New York, -05:00), with seconds: an edit of the text must not move it.
    travelled = datetime(2026, 7, 2, 9, 45, 17, tzinfo=timezone(timedelta(hours=-5)))
    dialog = _dialog(qtbot, Entry("e1", "c1", travelled, EntryKind.NOTE, text="Met at the fair", version=3))
    dialog.text.setPlainText("Met at the fair, with Ola")
    edited = dialog.entry()
    assert edited.occurred_at == travelled
    assert edited.occurred_at.utcoffset() == timedelta(hours=-5)
    assert edited.version == 3


@pytest.mark.usefixtures("oslo")
def test_changing_an_entrys_date_uses_that_dates_local_offset(qtbot):
    summer = datetime(2026, 7, 2, 9, 45, tzinfo=CEST)
    dialog = _dialog(qtbot, Entry("e1", "c1", summer, EntryKind.NOTE, text="Call"))
    assert dialog.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-07-02 09:45"
    _type_when(dialog, 2026, 11, 2, 9, 45)
    assert dialog.occurred_at() == datetime(2026, 11, 2, 9, 45, tzinfo=CET)


@pytest.mark.usefixtures("oslo")
def test_an_autosave_brings_back_the_same_moment(qtbot):
    dialog = _dialog(qtbot)
    _type_when(dialog, 2026, 7, 15, 14, 30)
    data = dialog.autosave_data()
    again = _dialog(qtbot)
    again.apply_autosave(data)
    assert again.occurred_at() == datetime(2026, 7, 15, 14, 30, tzinfo=CEST)
    assert again.occurred_at().utcoffset() == timedelta(hours=2)
