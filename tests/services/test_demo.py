"""The seeded demo-data generator."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from clientjournal.demo import generate_demo
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus
from clientjournal.domain.moods import DEFAULT_MOODS
from clientjournal.exchange import dumps_document, parse_document

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
NORWEGIAN = re.compile(r"[æøåÆØÅ]|\b(og|ikke|til|med)\b")
ENGLISH = re.compile(r"\b(the|with|about|and)\b")


@pytest.fixture(scope="module")
def demo() -> list[ClientJournal]:
    return list(generate_demo(40, 60, seed=7, now=NOW))


def test_counts_are_respected(demo: list[ClientJournal]) -> None:
    assert len(demo) == 40
    assert all(len(journal.entries) == 60 for journal in demo)
    assert all(1 <= len(journal.projects) <= 3 for journal in demo)
    assert list(generate_demo(0, 10, seed=1, now=NOW)) == []
    few = list(generate_demo(3, 0, seed=1, now=NOW))
    assert len(few) == 3 and all(journal.entries == () for journal in few)
    for count in (1, 2, 3, 5, 11):
        assert all(len(j.entries) == count for j in generate_demo(5, count, seed=count, now=NOW))


def test_is_deterministic_for_a_seed(demo: list[ClientJournal]) -> None:
    again = list(generate_demo(40, 60, seed=7, now=NOW))
    assert again == demo
    assert [j.entries[-1].text for j in again] == [j.entries[-1].text for j in demo]
    other = list(generate_demo(40, 60, seed=8, now=NOW))
    assert other != demo
    assert {j.client.name for j in other} != {j.client.name for j in demo}


def test_a_small_demo_is_a_prefix_of_a_bigger_one(demo: list[ClientJournal]) -> None:
    assert list(generate_demo(5, 60, seed=7, now=NOW)) == demo[:5]


def test_is_lazy() -> None:
    stream = generate_demo(10**9, 5, seed=1, now=NOW)
    assert len(next(iter(stream)).entries) == 5


def test_rejects_negative_counts() -> None:
    with pytest.raises(ValueError):
        list(generate_demo(-1, 5, seed=1, now=NOW))


def test_is_valid_exchange_data(demo: list[ClientJournal]) -> None:
    doc = parse_document(dumps_document(demo, exported_at=NOW).encode())
    assert doc.journals == tuple(demo)
    assert doc.warnings == ()


def test_all_entries_are_in_the_past_aware_and_oldest_first(demo: list[ClientJournal]) -> None:
    for journal in demo:
        times = [e.occurred_at for e in journal.entries]
        assert times == sorted(times)
        assert all(t.utcoffset() in (timedelta(hours=1), timedelta(hours=2)) for t in times)
        assert all(t <= NOW for t in times)
        assert all(t >= NOW - timedelta(days=400) for t in times)
        assert all(e.client_id == journal.client.id for e in journal.entries)
        project_ids = {p.id for p in journal.projects}
        assert all(e.project_id is None or e.project_id in project_ids for e in journal.entries)


def test_projects_tell_a_sensible_story(demo: list[ClientJournal]) -> None:
    today = NOW.date()
    for journal in demo:
        for project in journal.projects:
            entries = [e for e in journal.entries if e.project_id == project.id]
            assert project.contract_signed_on is not None and project.due_on is not None
            assert project.contract_signed_on <= today
            if project.status is ProjectStatus.DELIVERED:
                assert project.delivered_on is not None and project.delivered_on <= today
            else:
                assert project.delivered_on is None
            if not entries:
                continue
            assert entries[0].kind is EntryKind.CONTRACT_SIGNED
            assert entries[0].occurred_at.date() == project.contract_signed_on
            kinds = [e.kind for e in entries]
            if EntryKind.CHANGE_AGREED in kinds:
                assert EntryKind.CHANGE_REQUEST in kinds[: kinds.index(EntryKind.CHANGE_AGREED)]
            if project.status is ProjectStatus.DELIVERED and len(entries) > 1:
                assert entries[-1].kind is EntryKind.DELIVERY


def test_promises_are_consistent(demo: list[ClientJournal]) -> None:
    statuses: Counter[PromiseStatus] = Counter()
    for journal in demo:
        for entry in journal.entries:
            promise = entry.promise
            if promise is None:
                continue
            assert entry.kind is EntryKind.PROMISE
            statuses[promise.status] += 1
            assert promise.due_on > entry.occurred_at.date()
            if promise.status is PromiseStatus.OPEN:
                assert promise.resolved_on is None
                assert (NOW.date() - promise.due_on).days <= 21, "no months-old backlog of open promises"
            else:
                assert promise.resolved_on is not None and promise.resolved_on <= NOW.date()
            if promise.status is PromiseStatus.KEPT_EARLY:
                assert promise.resolved_on is not None and promise.resolved_on < promise.due_on
            if promise.status is PromiseStatus.BROKEN:
                assert promise.resolved_on is not None and promise.resolved_on > promise.due_on
    assert set(statuses) == set(PromiseStatus)


def test_is_varied(demo: list[ClientJournal]) -> None:
    entries = [e for journal in demo for e in journal.entries]
    assert {e.kind for e in entries} == set(EntryKind)
    moods = Counter(m for e in entries for m in e.moods)
    assert set(moods) == {m.name for m in DEFAULT_MOODS}
    assert {e.channel for e in entries} >= set(Channel)
    texts = [e.text for e in entries]
    assert len(set(texts)) > 0.8 * len(texts), "texts should rarely repeat"
    assert any(NORWEGIAN.search(t) for t in texts) and any(ENGLISH.search(t) for t in texts)
    clients = [j.client for j in demo]
    assert len({c.name for c in clients}) == len(clients), "names are unique"
    assert any("æ" in c.name.lower() or "ø" in c.name.lower() or "å" in c.name.lower() for c in clients)
    assert any(c.archived for c in clients) and not all(c.archived for c in clients)
    assert any(c.preferred_channel is None for c in clients)
    assert any(c.update_every_days is None for c in clients)
    assert any(c.update_every_days for c in clients)
    assert any(c.temperament for c in clients) and any(c.tags for c in clients)
    assert any(c.company.endswith(" AS") for c in clients)
    assert all("@" in c.email for c in clients if c.email)
    assert all(re.fullmatch(r"\+(47|44) [0-9 ]+", c.phone) for c in clients if c.phone)
    assert {len(j.projects) for j in demo} == {1, 2, 3}
    statuses = {p.status for j in demo for p in j.projects}
    assert statuses == set(ProjectStatus)


def test_moods_follow_events(demo: list[ClientJournal]) -> None:
    """Setbacks come with worse moods than deliveries, on average."""
    valence = {m.name: m.valence.score * m.intensity for m in DEFAULT_MOODS}

    def mean(kind: EntryKind) -> float:
        scores = [valence[m] for j in demo for e in j.entries if e.kind is kind for m in e.moods]
        return sum(scores) / len(scores)

    assert mean(EntryKind.SETBACK) < mean(EntryKind.PROGRESS_UPDATE) < mean(EntryKind.CONTRACT_SIGNED)


def test_naive_now_is_accepted() -> None:
    journal = next(iter(generate_demo(1, 5, seed=1, now=datetime(2026, 6, 1, 12))))
    assert all(e.occurred_at.tzinfo is not None for e in journal.entries)


def test_entries_do_not_pile_up_on_now(demo: list[ClientJournal]) -> None:
    # Stories that would run past "now" must not be stacked onto it: hundreds of the demo's entries once
    # shared the top line of its timeline.
    last_minutes = [
        e for journal in demo for e in journal.entries if NOW - e.occurred_at < timedelta(minutes=10)
    ]
    assert len(last_minutes) <= 2


def test_clients_have_their_language_promises_a_title_and_told_setbacks_say_when(
    demo: list[ClientJournal],
) -> None:
    for journal in demo:
        texts = " ".join(e.text for e in journal.entries)
        assert journal.client.language in ("en", "nb")
        if journal.client.language == "nb":
            assert NORWEGIAN.search(texts)
        else:
            assert ENGLISH.search(texts)
    entries = [e for j in demo for e in j.entries]
    promises = [e.promise for e in entries if e.promise is not None]
    assert promises and all(p.title and len(p.title) < 60 for p in promises)
    told = [e for e in entries if e.client_told_at is not None]
    assert {e.kind for e in told} == {EntryKind.SETBACK, EntryKind.PROBLEM_SOLVED}
    assert all(e.client_told_at >= e.occurred_at for e in told if e.client_told_at is not None)
    setbacks = [e for e in entries if e.kind is EntryKind.SETBACK]
    assert 0 < sum(e.client_told_at is None for e in setbacks) < len(setbacks), "some told, some not"
