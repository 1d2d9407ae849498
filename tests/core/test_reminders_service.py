"""Reminders over a vault (services.reminders): snooze, done and dismiss kept encrypted, surviving a restart."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from support.constants import PASSPHRASE, fixed_clock

from clientjournal.coach.reminder_state import Snooze
from clientjournal.coach.reminders import ReminderKind
from clientjournal.domain import Channel, Client, Entry, EntryKind, Project, Promise, PromiseStatus
from clientjournal.errors import NotFoundError, ValidationError
from clientjournal.services.reminder_book import ReminderBook
from clientjournal.services.reminder_store import REMINDERS
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # 11:00 in Oslo


def _fill(session: VaultSession, due: date = date(2026, 11, 27)) -> None:
    session.journal.save_client(Client(id="c1", name="Kari Nordmann", update_every_days=30))
    session.journal.save_project(Project("p1", "c1", "New website", contract_signed_on=date(2026, 11, 2)))
    session.journal.save_entry(
        Entry("e1", "c1", datetime(2026, 11, 2, 14, 0, tzinfo=UTC), EntryKind.CALL, "Kick-off", Channel.PHONE,
              project_id="p1")
    )  # fmt: skip
    session.journal.save_entry(
        Entry("e2", "c1", datetime(2026, 11, 20, 9, 0, tzinfo=UTC), EntryKind.PROMISE, "Landing page draft",
              Channel.EMAIL, project_id="p1", promise=Promise(due))
    )  # fmt: skip


def _promise_id(session: VaultSession, now: datetime = NOW) -> str:
    (r,) = [r for r in session.reminders.reminders(now, OSLO) if r.kind is ReminderKind.PROMISE]
    return r.id


def test_a_promise_due_today_is_due_and_fires_once(session: VaultSession) -> None:
    _fill(session)
    rid = _promise_id(session)
    result = session.reminders.check(NOW, OSLO)
    assert rid in [r.id for r in result.due]
    assert rid in [r.id for r in result.fired]
    assert session.reminders.check(NOW + timedelta(minutes=1), OSLO).notices == ()


def test_snooze_done_and_dismiss_survive_a_restart_and_are_encrypted(
    session: VaultSession, database_url: str
) -> None:
    _fill(session)
    session.journal.save_entry(
        Entry("e3", "c1", datetime(2026, 11, 21, 9, 0, tzinfo=UTC), EntryKind.PROMISE, "Logo sketches",
              project_id="p1", promise=Promise(date(2026, 11, 26)))
    )  # fmt: skip
    ids = {r.entry_id: r.id for r in session.reminders.reminders(NOW, OSLO) if r.entry_id}
    _, until, _ = session.reminders.snooze(ids["e2"], Snooze.HOUR_1, NOW, OSLO)
    assert until == NOW + timedelta(hours=1)
    session.reminders.dismiss(ids["e3"], NOW, OSLO)
    with session.vault.engine.connect() as connection:
        blob = connection.execute(
            text("SELECT payload FROM vault_items WHERE name = :n"), {"n": REMINDERS}
        ).scalar()
    assert ids["e2"].encode() not in bytes(blob) and b"snoozed" not in bytes(blob)

    vault = Vault.open(database_url, clock=fixed_clock)
    try:
        again = VaultSession(vault, vault.unlock(PASSPHRASE))
        result = again.reminders.check(NOW + timedelta(minutes=5), OSLO, save=False)
        assert ids["e2"] not in [r.id for r in result.due] and ids["e3"] not in [r.id for r in result.due]
        assert ids["e2"] in [r.id for r in result.upcoming]
        assert result.next_at == NOW + timedelta(hours=1)
        later = again.reminders.check(NOW + timedelta(hours=1, seconds=5), OSLO, save=False)
        assert ids["e2"] in [r.id for r in later.due]
        again.lock()
    finally:
        vault.close()


def test_done_on_a_promise_marks_it_kept_in_the_journal_through_a_versioned_save(
    session: VaultSession,
) -> None:
    _fill(session, due=date(2026, 11, 30))
    rid = _promise_id(session)
    before = session.journal.get_entry("c1", "e2").version
    reminder, changes = session.reminders.done(rid[:6], NOW, OSLO)
    assert reminder.id == rid and changes.touches("c1")
    stored = session.journal.get_entry("c1", "e2")
    assert stored.promise is not None
    assert stored.promise.status is PromiseStatus.KEPT_EARLY and stored.promise.resolved_on == date(
        2026, 11, 27
    )
    assert stored.version == before + 1
    assert rid not in [r.id for r in session.reminders.reminders(NOW, OSLO)]
    with pytest.raises(NotFoundError):
        session.reminders.done(rid, NOW, OSLO)


def test_done_on_an_action_is_remembered(session: VaultSession) -> None:
    _fill(session)
    actions = [r for r in session.reminders.reminders(NOW, OSLO) if r.kind is ReminderKind.ACTION]
    assert actions, "the fixture's client should have a coach action with a due date"
    session.reminders.done(actions[0].id, NOW, OSLO)
    assert session.reminders.state().marks[actions[0].id].done
    assert actions[0].id not in [r.id for r in session.reminders.check(NOW, OSLO).due]


def test_unknown_ambiguous_and_past_snoozes_are_refused(session: VaultSession) -> None:
    _fill(session)
    rid = _promise_id(session)
    with pytest.raises(NotFoundError):
        session.reminders.done("ffffffffffff", NOW, OSLO)
    with pytest.raises(NotFoundError):
        session.reminders.done(rid[:3], NOW, OSLO)  # too short to be a prefix
    with pytest.raises(ValidationError):
        session.reminders.snooze(rid, NOW - timedelta(minutes=1), NOW, OSLO)


def test_deleting_a_client_forgets_its_marks(session: VaultSession) -> None:
    _fill(session)
    session.reminders.snooze(_promise_id(session), Snooze.TOMORROW, NOW, OSLO)
    assert session.reminders.state().marks
    session.delete_client("c1")
    assert not session.reminders.state().marks


def test_an_idle_check_writes_nothing(session: VaultSession) -> None:
    _fill(session, due=date(2026, 12, 20))
    session.reminders.check(NOW, OSLO)
    with session.vault.engine.connect() as connection:
        version = connection.execute(
            text("SELECT version FROM vault_items WHERE name = :n"), {"n": REMINDERS}
        ).scalar()
    session.reminders.check(NOW + timedelta(minutes=1), OSLO)
    session.reminders.check(NOW + timedelta(minutes=2), OSLO)
    with session.vault.engine.connect() as connection:
        after = connection.execute(
            text("SELECT version FROM vault_items WHERE name = :n"), {"n": REMINDERS}
        ).scalar()
    assert after == version


def test_the_book_recomputes_one_client(session: VaultSession) -> None:
    _fill(session)
    session.journal.save_client(Client(id="c2", name="Ola"))
    journals = list(session.journal.journals())
    book = ReminderBook(OSLO)
    book.replace(journals, session.coaching.actions(journals, NOW.astimezone(OSLO)))
    full = session.reminders.reminders(NOW, OSLO)
    assert book.all() == full
    c1 = session.journal.journal("c1")
    book.replace([c1], session.coaching.actions([c1], NOW.astimezone(OSLO)))
    assert book.all() == full
    book.drop(["c1"])
    assert all(r.client_id != "c1" for r in book.all())


def test_refresh_after_a_change_reads_only_what_it_touched_and_matches_a_full_read(
    session: VaultSession,
) -> None:
    from clientjournal.services.changes import VaultChanges

    _fill(session, due=date(2026, 12, 20))
    book = session.reminders.book(NOW, OSLO)
    session.journal.save_entry(
        Entry("e9", "c1", NOW - timedelta(hours=1), EntryKind.PROMISE, "Call back", project_id="p1",
              promise=Promise(date(2026, 11, 28)))
    )  # fmt: skip
    same = session.reminders.refresh(book, VaultChanges.of_entries(["c1"]), NOW)
    assert same is book
    assert book.all() == session.reminders.reminders(NOW, OSLO)
    assert "e9" in {r.entry_id for r in book.all()}
    tomorrow = NOW + timedelta(days=1)
    fresh = session.reminders.refresh(book, VaultChanges.of_entries(["c1"]), tomorrow)
    assert fresh is not book and fresh.day == date(2026, 11, 28)
    assert session.reminders.refresh(fresh, VaultChanges(), tomorrow) is fresh


def test_what_was_shown_while_locked_does_not_fire_again(session: VaultSession) -> None:
    _fill(session)
    (promise,) = [r for r in session.reminders.reminders(NOW, OSLO) if r.kind is ReminderKind.PROMISE]
    shown_at = promise.due_at  # the locked scheduler notified it for its due moment
    session.reminders.mark_notified([(promise.redacted(), shown_at)])
    assert session.reminders.state().marks[promise.id].notified_at == shown_at
    result = session.reminders.check(NOW, OSLO)
    assert promise.id in [r.id for r in result.due]  # still due: the tray lists it
    assert promise.id not in [r.id for r in result.fired]  # but no second notification


# --- the reminders' clock follows $TZ, like the window's ------------------------------------------------------


def _zone_with_tz(monkeypatch: pytest.MonkeyPatch, value: str) -> tzinfo:
    import time

    from clientjournal.services.reminder_zones import local_zone

    monkeypatch.setenv("TZ", value)
    time.tzset()
    try:
        return local_zone()
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_tz_naming_a_compiled_zone_file_is_that_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import zoneinfo
    from pathlib import Path

    tokyo = next(
        Path(root) / "Asia" / "Tokyo" for root in zoneinfo.TZPATH if (Path(root) / "Asia" / "Tokyo").exists()
    )
    zone = _zone_with_tz(monkeypatch, str(tokyo))
    assert datetime(2026, 7, 1, 12, tzinfo=UTC).astimezone(zone).utcoffset() == timedelta(hours=9)


def test_a_posix_tz_rule_gives_its_offset_not_the_systems(monkeypatch: pytest.MonkeyPatch) -> None:
    zone = _zone_with_tz(monkeypatch, "XYZ-5")  # a POSIX rule: five hours east of UTC, no DST
    assert datetime(2026, 7, 1, 12, tzinfo=UTC).astimezone(zone).utcoffset() == timedelta(hours=5)
