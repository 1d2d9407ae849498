"""Encoding entry times for the clear ordering column and back, exactly, with the writer's own offset."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from clientjournal.services.records import from_epoch_us, to_epoch_us


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2300, 1, 1)),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_times_survive_the_epoch_column_with_their_offset(moment: datetime, offset_minutes: int) -> None:
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
    back = from_epoch_us(to_epoch_us(aware), offset_minutes)
    assert back == aware
    assert back.isoformat() == aware.isoformat()
