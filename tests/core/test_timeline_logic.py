"""The timeline's UI-free logic: steps of entries, filters, search, grouping, mood trend, and the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientjournal.domain import Channel, Client, Entry, EntryKind, Project, Promise, PromiseStatus
from clientjournal.domain.moods import mood_score
from clientjournal.services.journal import JournalService
from clientjournal.services.search import haystack, matches, search_words
from clientjournal.services.timeline.index import (
    NONE_KEY,
    Grouping,
    TimelineFilter,
    TimelineIndex,
    build_chunk,
    group_rows,
    period_start,
    sort_newest_first,
)
from clientjournal.services.timeline.pages import client_index, load_page, refreshed, stale_clients
from clientjournal.services.timeline.steps import entry_steps
from clientjournal.services.timeline.trend import mood_trend, trend_bucket

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday


def _entry(n: int, kind: EntryKind = EntryKind.CALL, **fields: object) -> Entry:
    defaults: dict[str, object] = {"client_id": "a", "occurred_at": T0 + timedelta(hours=n)}
    defaults.update(fields)
    return Entry(f"e{n}", kind=kind, **defaults)  # type: ignore[arg-type]


# ---- steps ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "step"),
    [
        (EntryKind.CONTRACT_SIGNED, 1),
        (EntryKind.PROGRESS_UPDATE, 2),
        (EntryKind.CALL, 2),
        (EntryKind.MEETING, 2),
        (EntryKind.EMAIL, 2),
        (EntryKind.MESSAGE, 2),
        (EntryKind.CHANGE_REQUEST, 3),
        (EntryKind.CHANGE_AGREED, 3),
        (EntryKind.SETBACK, 5),
        (EntryKind.PROMISE, 6),
        (EntryKind.DELIVERY, 7),
        (EntryKind.PROBLEM_SOLVED, 8),
    ],
)
def test_each_kind_maps_to_its_playbook_step(kind: EntryKind, step: int) -> None:
    assert entry_steps(_entry(1, kind)) == {step}


def test_a_note_has_no_step_and_strong_or_negative_moods_add_step_4() -> None:
    assert entry_steps(_entry(1, EntryKind.NOTE)) == frozenset()
    assert entry_steps(_entry(1, EntryKind.NOTE, moods=("calm",))) == frozenset()  # mild, positive
    assert entry_steps(_entry(1, EntryKind.NOTE, moods=("enthusiastic",))) == {4}  # strong
    assert entry_steps(_entry(1, EntryKind.SETBACK, moods=("anxious",))) == {4, 5}  # negative
    assert entry_steps(_entry(1, EntryKind.CALL, moods=("unknown-tag",))) == {2}


def test_a_promise_kept_early_is_also_over_delivery() -> None:
    kept = Promise(date(2026, 11, 20), PromiseStatus.KEPT_EARLY, date(2026, 11, 18))
    assert entry_steps(_entry(1, EntryKind.PROMISE, promise=kept)) == {6, 7}


# ---- search -----------------------------------------------------------------------------------------------------


def test_search_matches_every_word_in_text_kind_and_moods_casefolded() -> None:
    entry = _entry(1, EntryKind.CHANGE_REQUEST, text="Kari wants the LOGO in blå", moods=("anxious",))
    assert matches(entry, "logo kari")
    assert matches(entry, "BLÅ change_request")
    assert matches(entry, "anxious")
    assert not matches(entry, "logo angry")
    assert matches(entry, "")  # no words: everything
    labels = {"change_request": "Endringsønske", "anxious": "engstelig"}
    assert matches(entry, "endringsønske engstelig", labels)
    assert "endringsønske" in haystack(entry, labels)
    assert search_words("b  AAA b cc") == ["aaa", "cc", "b"]


# ---- filtering --------------------------------------------------------------------------------------------------


def _sample() -> list[Entry]:
    return [
        _entry(
            0, EntryKind.CONTRACT_SIGNED, channel=Channel.MEETING, moods=("enthusiastic",), project_id="p1"
        ),
        _entry(1, EntryKind.CALL, channel=Channel.PHONE, text="Talked about the launch", project_id="p1"),
        _entry(2, EntryKind.NOTE, text="Private thought"),
        _entry(3, EntryKind.SETBACK, channel=Channel.EMAIL, moods=("frustrated",), project_id="p2"),
        _entry(
            30,
            EntryKind.DELIVERY,
            channel=Channel.EMAIL,
            moods=("satisfied",),
            project_id="p1",
            client_id="b",
        ),
        _entry(200, EntryKind.PROGRESS_UPDATE, channel=Channel.EMAIL, text="Launch moved", client_id="b"),
    ]


def _ids(index: TimelineIndex, rows: list[int]) -> list[str]:
    return [index.entry(r).id for r in rows]


def test_the_index_is_newest_first_and_each_filter_narrows() -> None:
    index = TimelineIndex.of(_sample())
    assert _ids(index, index.matching(TimelineFilter())) == ["e200", "e30", "e3", "e2", "e1", "e0"]
    assert _ids(index, index.matching(TimelineFilter(kinds=frozenset({"call", "note"})))) == ["e2", "e1"]
    assert _ids(index, index.matching(TimelineFilter(steps=frozenset({4})))) == ["e3", "e0"]
    assert _ids(index, index.matching(TimelineFilter(steps=frozenset({2, 7})))) == ["e200", "e30", "e1"]
    assert _ids(index, index.matching(TimelineFilter(moods=frozenset({"frustrated", "satisfied"})))) == [
        "e30",
        "e3",
    ]
    assert _ids(index, index.matching(TimelineFilter(moods=frozenset({NONE_KEY})))) == ["e200", "e2", "e1"]
    assert _ids(index, index.matching(TimelineFilter(channels=frozenset({"email"})))) == ["e200", "e30", "e3"]
    assert _ids(index, index.matching(TimelineFilter(channels=frozenset({NONE_KEY})))) == ["e2"]
    assert _ids(index, index.matching(TimelineFilter(projects=frozenset({"p1"})))) == ["e30", "e1", "e0"]
    assert _ids(index, index.matching(TimelineFilter(projects=frozenset({NONE_KEY})))) == ["e200", "e2"]
    assert _ids(index, index.matching(TimelineFilter(query="LAUNCH"))) == ["e200", "e1"]
    both = TimelineFilter(query="launch", channels=frozenset({"phone"}))
    assert _ids(index, index.matching(both)) == ["e1"]
    assert both.active and not TimelineFilter(query="   ").active


def test_facet_counts_count_kinds_moods_channels_projects_and_steps() -> None:
    counts = TimelineIndex.of(_sample()).facet_counts()
    assert counts["kind"]["call"] == 1 and counts["kind"]["setback"] == 1
    assert counts["channel"]["email"] == 3 and counts["channel"][NONE_KEY] == 1
    assert counts["project"]["p1"] == 3 and counts["mood"][NONE_KEY] == 3
    assert counts["step"]["4"] == 2 and "6" not in counts["step"]


# ---- grouping ---------------------------------------------------------------------------------------------------


def test_grouping_by_day_week_and_month() -> None:
    index = TimelineIndex.of(_sample())
    rows = index.matching(TimelineFilter())
    days = index.group(rows, Grouping.DAY)
    assert [(g.start, g.count) for g in days] == [
        (date(2026, 11, 10), 1),
        (date(2026, 11, 3), 1),
        (date(2026, 11, 2), 4),
    ]
    assert days[2].first == 2
    weeks = index.group(rows, Grouping.WEEK)
    assert [(g.start, g.count) for g in weeks] == [(date(2026, 11, 9), 1), (date(2026, 11, 2), 5)]
    months = index.group(rows, Grouping.MONTH)
    assert [(g.start, g.count) for g in months] == [(date(2026, 11, 1), 6)]
    assert months[0].mood is not None
    assert group_rows(build_chunk([]), [], Grouping.DAY) == []


def test_period_start() -> None:
    sunday = date(2026, 11, 29)
    assert period_start(sunday, Grouping.DAY) == sunday
    assert period_start(sunday, Grouping.WEEK) == date(2026, 11, 23)
    assert period_start(sunday, Grouping.MONTH) == date(2026, 11, 1)


# ---- mood trend -------------------------------------------------------------------------------------------------


def test_mood_trend_buckets_smooths_and_tells_the_direction() -> None:
    start = date(2026, 1, 5)
    samples = [(start + timedelta(weeks=w, days=d), 1.0 - w * 0.4) for w in range(6) for d in (0, 2)]
    trend = mood_trend(samples, Grouping.WEEK)
    assert trend.bucket is Grouping.WEEK
    assert mood_trend(samples).bucket is Grouping.DAY  # under seven weeks: days
    assert len(trend.points) == 6 and all(p.count == 2 for p in trend.points)
    assert trend.points[0].score == pytest.approx(1.0)
    assert trend.smoothed[0] == pytest.approx(0.8)  # (1.0 * 2 + 0.6 * 2) / 4
    assert trend.direction == "steady"  # the last day is less than one step below the three before it
    drop = [*samples, (start + timedelta(weeks=6), -2.0)]
    assert mood_trend(drop, Grouping.WEEK).direction == mood_trend(drop).direction == "falling"
    assert trend.latest == pytest.approx(trend.smoothed[-1])
    assert mood_trend([]).points == ()
    assert mood_trend([(start, 1.0)]).direction is None
    assert trend_bucket(start, start + timedelta(days=30)) is Grouping.DAY
    assert trend_bucket(start, start + timedelta(days=3 * 365)) is Grouping.MONTH


def test_index_mood_samples_skip_entries_without_moods() -> None:
    index = TimelineIndex.of(_sample())
    assert len(list(index.mood_samples())) == 3


# ---- replacing a client's entries -------------------------------------------------------------------------------


def test_replaced_swaps_one_clients_entries_and_keeps_the_order() -> None:
    index = TimelineIndex.of(_sample())
    fresh = [_entry(5, EntryKind.DELIVERY, text="New"), _entry(0, EntryKind.CONTRACT_SIGNED)]
    merged = index.replaced({"a": fresh})
    assert [(e.client_id, e.id) for e in merged.entries] == [
        ("b", "e200"),
        ("b", "e30"),
        ("a", "e5"),
        ("a", "e0"),
    ]
    assert len(index) == 6  # the original is untouched
    assert _ids(merged, merged.matching(TimelineFilter(query="new"))) == ["e5"]
    assert sort_newest_first(reversed(_sample()))[0].id == "e200"


# ---- the store (SQLite and PostgreSQL) --------------------------------------------------------------------------


def _fill(journal: JournalService) -> None:
    for client_id in ("a", "b"):
        journal.save_client(Client(client_id, client_id.upper()))
    journal.save_project(Project("p1", "a", "Site"))
    journal.save_project(Project("p2", "a", "Shop"))
    journal.save_project(Project("p1", "b", "App"))
    for entry in _sample():
        journal.save_entry(entry)


def test_pages_read_every_entry_newest_first(session) -> None:
    journal = session.journal
    _fill(journal)
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = load_page(journal, cursor, 4)
        assert page.total == 6
        seen.extend(e.id for e in page.chunk.entries)
        cursor = page.cursor
        if cursor is None:
            break
    assert seen == ["e200", "e30", "e3", "e2", "e1", "e0"]
    index = client_index(journal, "a")
    assert [e.id for e in index.entries] == ["e3", "e2", "e1", "e0"]


def test_pages_reuse_entries_already_decrypted_unless_changed_since(session) -> None:
    journal = session.journal
    _fill(journal)
    kept = {e.id: e for e in journal.journals_of(["a"])[0].entries}
    page = load_page(journal, None, 10)
    reused = [e for e in page.chunk.entries if e.client_id == "a"]
    assert reused and all(e is kept[e.id] for e in reused)

    edited = journal.save_entry(replace(kept["e3"], text="changed"))  # drops a's kept journal
    journal.journals_of(["b"])
    page = load_page(journal, None, 10)
    assert next(e for e in page.chunk.entries if e.id == "e3") == edited
    assert all(e is not kept.get(e.id) for e in page.chunk.entries if e.client_id == "a")


def test_stale_clients_finds_added_edited_and_removed_entries(session) -> None:
    journal = session.journal
    _fill(journal)
    index = TimelineIndex(load_page(journal, None, 100).chunk)
    assert stale_clients(journal, index.versions()) == set()
    journal.save_entry(_entry(7, EntryKind.NOTE, text="added"))
    assert stale_clients(journal, index.versions()) == {"a"}
    index = refreshed(journal, index, {"a"})
    assert stale_clients(journal, index.versions()) == set()
    journal.delete_entry("b", "e30")
    assert stale_clients(journal, index.versions()) == {"b"}
    edited = next(e for e in index.entries if e.id == "e1")
    journal.save_entry(replace(edited, text="changed"))
    assert stale_clients(journal, index.versions()) == {"a", "b"}
    index = refreshed(journal, index, {"a", "b"})
    assert [e.id for e in index.entries] == ["e200", "e7", "e3", "e2", "e1", "e0"]
    assert index.entries[4].text == "changed"


# ---- the precomputed columns ------------------------------------------------------------------------------------

_MOOD_NAMES = (
    "enthusiastic",
    "satisfied",
    "calm",
    "neutral",
    "uncertain",
    "anxious",
    "frustrated",
    "angry",
    "own",
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.builds(
            _entry,
            st.integers(-100_000, 100_000),
            st.sampled_from(EntryKind),
            text=st.text(max_size=30),
            moods=st.lists(st.sampled_from(_MOOD_NAMES), max_size=3, unique=True).map(tuple),
            promise=st.none()
            | st.builds(Promise, st.just(date(2026, 12, 1)), st.sampled_from(PromiseStatus)),
        ),
        max_size=30,
    ),
    st.none() | st.just({"call": "Samtale", "calm": "Rolig", "angry": "Sint"}),
)
def test_the_index_columns_are_each_entrys_own_values(
    entries: list[Entry], labels: dict[str, str] | None
) -> None:
    """build_chunk shares work between entries with the same tags; the result must not show it."""
    chunk = build_chunk(entries, labels=labels)
    for i, entry in enumerate(entries):
        day = entry.occurred_at.date()
        assert chunk.hay[i] == haystack(entry, labels)
        assert chunk.steps[i] == sum(1 << step for step in entry_steps(entry))
        assert chunk.score[i] == (mood_score(entry.moods) if entry.moods else None)
        assert (chunk.day[i], chunk.week[i]) == (day.toordinal(), day.toordinal() - day.weekday())
        assert chunk.month[i] == day.year * 12 + day.month - 1
