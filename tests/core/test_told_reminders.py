"""Done on a "tell the client" reminder (services.reminders) marks the setback or solved problem told, as the tray,
the notification and ``clientjournal-cli reminders done`` all do; logging the suggested conversation
(services.coaching) marks only the card's own setback."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from clientjournal.coach.reminder_state import Snooze
from clientjournal.coach.reminders import ReminderKind
from clientjournal.domain import Channel, Client, Entry, EntryKind, Project, Promise
from clientjournal.services.changes import VaultChanges
from clientjournal.services.session import VaultSession

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # 11:00 in Oslo


def _fill(session: VaultSession) -> None:
    session.journal.save_client(Client(id="c1", name="Kari Nordmann", update_every_days=30))
    session.journal.save_project(Project("p1", "c1", "New website", contract_signed_on=date(2026, 11, 2)))
    session.journal.save_entry(
        Entry("e1", "c1", datetime(2026, 11, 2, 14, 0, tzinfo=UTC), EntryKind.CALL, "Kick-off", Channel.PHONE,
              project_id="p1")
    )  # fmt: skip
    session.journal.save_entry(
        Entry("e2", "c1", datetime(2026, 11, 20, 9, 0, tzinfo=UTC), EntryKind.PROMISE, "Landing page draft",
              Channel.EMAIL, project_id="p1", promise=Promise(date(2026, 11, 27)))
    )  # fmt: skip


def _news(session: VaultSession) -> None:
    _fill(session)
    session.journal.save_entry(
        Entry("s1", "c1", datetime(2026, 11, 26, 14, 0, tzinfo=UTC), EntryKind.SETBACK,
              "The supplier broke our import; delivery slips a week.", Channel.EMAIL, project_id="p1")
    )  # fmt: skip
    session.journal.save_entry(
        Entry("ps", "c1", datetime(2026, 11, 23, 10, 0, tzinfo=UTC), EntryKind.PROBLEM_SOLVED,
              "Fixed the slow checkout page.", Channel.OTHER, project_id="p1")
    )  # fmt: skip


def _telling(session: VaultSession, now: datetime = NOW) -> dict[str, str]:
    """The "tell the client" reminders by action name: their ids."""
    return {
        r.action: r.id
        for r in session.reminders.reminders(now, OSLO)
        if r.kind is ReminderKind.ACTION and r.action in {"tell_setback", "explain_solved_problem"}
    }


def _coached(session: VaultSession, now: datetime = NOW) -> set[str]:
    return {a.action for a in session.coaching.client("c1", now, "en").actions}


def test_done_marks_the_setback_told_at_the_injected_now_and_the_advice_goes(session: VaultSession) -> None:
    _news(session)
    ids = _telling(session)
    assert set(ids) == {"tell_setback", "explain_solved_problem"}
    assert {"tell_setback", "explain_solved_problem"} <= _coached(session)

    reminder, changes = session.reminders.done(ids["tell_setback"], NOW, OSLO)

    assert reminder.entry_id == "s1" and changes == VaultChanges.of_entries(["c1"])
    setback = session.journal.get_entry("c1", "s1")
    assert setback.client_told_at == NOW and setback.version == 2
    assert "tell_setback" not in _coached(session)
    assert "tell_setback" not in _telling(session)
    # Only the journal says "told": unticking it in the entry dialog brings the advice and the reminder back.
    session.journal.save_entry(replace(setback, client_told_at=None))
    assert "tell_setback" in _coached(session)
    assert ids["tell_setback"] in [r.id for r in session.reminders.check(NOW, OSLO, save=False).due]


def test_the_trays_done_button_marks_the_solved_problem_told(session: VaultSession) -> None:
    _news(session)
    ids = _telling(session)
    later = NOW + timedelta(minutes=3)
    changes = session.reminders.respond("done", [ids["explain_solved_problem"]], later, OSLO)
    assert changes.clients == frozenset({"c1"})
    assert session.journal.get_entry("c1", "ps").client_told_at == later
    assert session.journal.get_entry("c1", "s1").client_told_at is None
    assert "explain_solved_problem" not in _coached(session)
    # A snooze of another reminder is untouched by it.
    session.reminders.snooze(ids["tell_setback"], Snooze.HOUR_1, later, OSLO)
    assert ids["tell_setback"] not in [r.id for r in session.reminders.check(later, OSLO, save=False).due]


def test_done_on_a_setback_told_meanwhile_is_remembered_as_done(session: VaultSession) -> None:
    _news(session)
    ids = _telling(session)
    among = session.reminders.reminders(NOW, OSLO)  # the tray's book, read before the change
    setback = session.journal.get_entry("c1", "s1")
    session.journal.save_entry(replace(setback, client_told_at=NOW - timedelta(hours=1)))
    _, changes = session.reminders.done(ids["tell_setback"], NOW, OSLO, among=among)
    assert changes == VaultChanges(settings=True)
    assert session.journal.get_entry("c1", "s1").client_told_at == NOW - timedelta(hours=1)


def test_logging_the_conversation_marks_only_the_cards_own_setback(session: VaultSession) -> None:
    """The card of a setback written with a strong mood merges the feeling; an earlier untold setback (whose mood
    the reading compared with) has its own card and stays untold when this card's conversation is logged."""
    _fill(session)
    session.journal.save_entry(
        Entry("s0", "c1", datetime(2026, 11, 24, 9, 0, tzinfo=UTC), EntryKind.SETBACK, "The host was down.",
              project_id="p1", moods=("anxious",))
    )  # fmt: skip
    session.journal.save_entry(
        Entry("s1", "c1", datetime(2026, 11, 26, 14, 0, tzinfo=UTC), EntryKind.SETBACK, "The import broke.",
              Channel.EMAIL, project_id="p1", moods=("frustrated",))
    )  # fmt: skip
    actions = session.coaching.client("c1", NOW, "en").actions
    (card,) = [a for a in actions if a.action == "tell_setback" and a.key.endswith("|s1")]
    # The merged feeling cites its own entry only, not the earlier readings it was compared with.
    assert "mirror_feelings" in card.merged and card.evidence == ("s1",)
    assert any(a.action == "tell_setback" and a.key.endswith("|s0") for a in actions)
    call = session.journal.save_entry(
        Entry("k1", "c1", NOW, EntryKind.CALL, "Told her about the import.", Channel.PHONE, project_id="p1")
    )
    told = session.coaching.tell(card, call)
    assert [(before.client_told_at, after.id, after.client_told_at) for before, after in told] == [
        (None, "s1", NOW)
    ]
    assert session.journal.get_entry("c1", "s0").client_told_at is None


def test_the_ids_a_logged_conversation_marks_are_the_telling_cards_own_and_never_the_logged_entry(
    session: VaultSession,
) -> None:
    """What the "Log it" dialog keeps (and its autosave carries) is what ``tell`` would mark: a telling card's
    cause's entries, none for another card; marking them by id at the logged entry's time skips the entry itself."""
    from clientjournal.services.coaching import told_entry_ids

    _news(session)
    actions = session.coaching.client("c1", NOW, "en").actions
    (card,) = [a for a in actions if a.action == "tell_setback"]
    assert told_entry_ids(card) == ("s1",)
    others = [a for a in actions if a.action not in {"tell_setback", "explain_solved_problem"}]
    assert others and all(told_entry_ids(a) == () for a in others)
    call = session.journal.save_entry(
        Entry("k1", "c1", NOW, EntryKind.CALL, "Told her about the import.", Channel.PHONE, project_id="p1")
    )
    told = session.coaching.tell_logged("c1", (*told_entry_ids(card), "k1"), call)
    assert [(after.id, after.client_told_at) for _before, after in told] == [("s1", NOW)]
    solved = session.journal.get_entry(
        "c1", "ps"
    )  # untold: marked when another entry tells it, never by itself
    assert session.coaching.tell_logged("c1", ("ps",), solved) == []
    assert session.journal.get_entry("c1", "ps").client_told_at is None
