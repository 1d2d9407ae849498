"""Clients, projects and entries stored encrypted and read back, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from clientjournal.domain import (
    Channel,
    Client,
    ClientJournal,
    Entry,
    EntryKind,
    Project,
    Promise,
    PromiseStatus,
)
from clientjournal.errors import (
    AmbiguousNameError,
    ConcurrentEditError,
    NotFoundError,
    ValidationError,
)
from clientjournal.services.session import VaultSession

OSLO = timezone(timedelta(hours=1))


def kari(**changes: object) -> Client:
    base = Client(
        id="c1",
        name="Kari Nordmann",
        company="Nordlys AS",
        email="kari@example.no",
        preferred_channel=Channel.EMAIL,
        update_every_days=7,
        temperament="Calm, precise",
        tags=("web",),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_client_round_trips_with_every_field(session: VaultSession) -> None:
    stored = session.journal.save_client(kari(extra={"crm_id": 42}))
    assert stored.version == 1
    loaded = session.journal.get_client("c1")
    assert loaded == stored
    assert loaded.extra == {"crm_id": 42}


def test_an_entry_keeps_its_offset_project_moods_and_promise(session: VaultSession) -> None:
    session.journal.save_client(kari())
    session.journal.save_project(
        Project(id="p1", client_id="c1", title="Nettside", due_on=date(2026, 12, 15))
    )
    entry = Entry(
        id="e2",
        client_id="c1",
        occurred_at=datetime(2026, 11, 5, 9, 30, tzinfo=OSLO),
        kind=EntryKind.PROMISE,
        channel=Channel.EMAIL,
        moods=("calm", "uncertain"),
        text="Første utkast – æøå",
        project_id="p1",
        promise=Promise(date(2026, 11, 20), PromiseStatus.KEPT_EARLY, date(2026, 11, 18)),
    )
    session.journal.save_entry(entry)
    (loaded,) = session.journal.journal("c1").entries
    assert loaded == replace(entry, version=1)
    assert loaded.occurred_at.utcoffset() == timedelta(hours=1)


def test_the_journal_is_ordered_oldest_first_and_listing_newest_first(
    session: VaultSession,
) -> None:
    session.journal.save_client(kari())
    for day in (3, 1, 2):
        session.journal.save_entry(
            Entry(
                id=f"e{day}",
                client_id="c1",
                occurred_at=datetime(2026, 1, day, tzinfo=UTC),
                kind=EntryKind.NOTE,
            )
        )
    assert [e.id for e in session.journal.journal("c1").entries] == ["e1", "e2", "e3"]
    assert [e.id for e in session.journal.iter_entries()] == ["e3", "e2", "e1"]


def test_two_clients_may_share_entry_ids(session: VaultSession) -> None:
    session.journal.save_client(kari())
    session.journal.save_client(kari(id="c2", name="Ola"))
    for client_id in ("c1", "c2"):
        session.journal.save_entry(
            Entry(
                id="e1",
                client_id=client_id,
                occurred_at=datetime(2026, 1, 1, tzinfo=UTC),
                kind=EntryKind.NOTE,
                text=client_id,
            )
        )
    assert session.journal.journal("c2").entries[0].text == "c2"


def test_a_stale_edit_is_refused_not_silently_applied(session: VaultSession) -> None:
    first = session.journal.save_client(kari())
    session.journal.save_client(replace(first, name="Kari N."))
    with pytest.raises(ConcurrentEditError):
        session.journal.save_client(replace(first, name="Kari Nordmann-Berg"))
    assert session.journal.get_client("c1").name == "Kari N."


def test_find_client_by_id_or_name(session: VaultSession) -> None:
    session.journal.save_client(kari())
    session.journal.save_client(kari(id="c2", name="Ola"))
    session.journal.save_client(kari(id="c3", name="Ola"))
    assert session.journal.find_client("c1").name == "Kari Nordmann"
    assert session.journal.find_client("kari nordmann").id == "c1"
    with pytest.raises(AmbiguousNameError, match="c2, c3"):
        session.journal.find_client("Ola")
    with pytest.raises(NotFoundError):
        session.journal.find_client("Nobody")


def test_search_matches_every_word_case_insensitively(session: VaultSession) -> None:
    session.journal.save_client(kari())
    texts = {"e1": "Sent the Blåbær logo", "e2": "Logo feedback: more blue", "e3": "Invoice"}
    for i, (entry_id, body) in enumerate(texts.items()):
        session.journal.save_entry(
            Entry(
                id=entry_id,
                client_id="c1",
                occurred_at=datetime(2026, 1, 1 + i, tzinfo=UTC),
                kind=EntryKind.NOTE,
                text=body,
            )
        )
    assert [e.id for e in session.journal.search("logo")] == ["e2", "e1"]
    assert [e.id for e in session.journal.search("BLÅBÆR logo")] == ["e1"]
    assert session.journal.search("   ") == []


def test_deleting_a_project_in_use_is_refused(session: VaultSession) -> None:
    session.journal.save_client(kari())
    session.journal.save_project(Project(id="p1", client_id="c1", title="Web"))
    session.journal.save_entry(
        Entry(
            id="e1",
            client_id="c1",
            occurred_at=datetime(2026, 1, 1, tzinfo=UTC),
            kind=EntryKind.NOTE,
            project_id="p1",
        )
    )
    with pytest.raises(ValidationError, match="1 journal entries"):
        session.journal.delete_project("c1", "p1")


def test_deleting_a_client_removes_its_key_and_rows(session: VaultSession) -> None:
    session.journal.save_client(kari())
    session.journal.save_entry(
        Entry(
            id="e1",
            client_id="c1",
            occurred_at=datetime(2026, 1, 1, tzinfo=UTC),
            kind=EntryKind.NOTE,
        )
    )
    session.delete_client("c1")
    with session.vault.engine.connect() as connection:
        for table in ("clients", "projects", "entries"):
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    with pytest.raises(NotFoundError):
        session.journal.get_client("c1")


def test_only_ids_times_and_versions_are_stored_in_clear(session: VaultSession) -> None:
    session.journal.save_client(kari(name="Zq-Secret-Name"))
    with session.vault.engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM clients")).one()
    assert b"Zq-Secret-Name" not in bytes(row.payload)
    assert set(row._mapping) == {"id", "key_version", "wrapped_key", "payload", "version"}


def test_a_reused_journal_reflects_every_write(session: VaultSession) -> None:
    session.journal.save_client(kari())
    first = session.journal.journal("c1")
    assert session.journal.journal("c1") is first  # read once, then reused
    entry = session.journal.save_entry(
        Entry(id="e1", client_id="c1", occurred_at=datetime(2026, 1, 1, tzinfo=UTC), kind=EntryKind.NOTE)
    )
    assert [e.id for e in session.journal.journal("c1").entries] == ["e1"]
    session.journal.save_entry(replace(entry, text="edited"))
    assert session.journal.journal("c1").entries[0].text == "edited"
    session.journal.save_project(Project(id="p1", client_id="c1", title="Web"))
    assert [p.id for p in session.journal.journal("c1").projects] == ["p1"]
    session.journal.save_client(replace(session.journal.get_client("c1"), name="Kari N."))
    assert session.journal.journal("c1").client.name == "Kari N."
    session.journal.delete_entry("c1", "e1")
    assert session.journal.journal("c1").entries == ()


def test_an_import_and_a_lock_drop_reused_journals(session: VaultSession) -> None:
    session.journal.save_client(kari())
    session.journal.journal("c1")
    later = Entry(id="e9", client_id="c1", occurred_at=datetime(2026, 2, 1, tzinfo=UTC), kind=EntryKind.CALL)
    session.transfer.import_journals([ClientJournal(kari(), (), (later,))])
    assert [e.id for e in session.journal.journal("c1").entries] == ["e9"]
    session.lock()
    assert session.journal._journals == {}


def test_the_bulk_export_writes_what_the_general_writer_writes(session: VaultSession) -> None:
    """Export reads stored rows straight into text; it must give exactly what writing the opened journals gives."""
    from clientjournal.exchange import dumps_document, parse_document

    ola = Client(id="c2", name="Ola", extra={"crm": {"id": 2**70}})
    site = Project(id="p1", client_id="c1", title="Nettside")
    entries = (
        Entry(
            "e2", "c1", datetime(2026, 3, 29, 3, tzinfo=OSLO), EntryKind.CALL, "Ring «Kari»", Channel.PHONE
        ),
        Entry(
            "e1",
            "c1",
            datetime(2026, 3, 29, 3, tzinfo=UTC),
            EntryKind.PROMISE,
            "Utkast",
            project_id="p1",
            moods=("calm",),
            promise=Promise(date(2026, 4, 2), PromiseStatus.OPEN),
        ),
        Entry(
            "e3", "c1", datetime(1969, 7, 20, 20, 17, 40, 5, tzinfo=UTC), EntryKind.NOTE, extra={"n": 2**65}
        ),
    )
    session.transfer.import_journals(
        [
            ClientJournal(kari(), (site,), entries),
            ClientJournal(ola, (), (replace(entries[0], client_id="c2"),)),
        ]
    )
    exported = "".join(session.transfer.export_chunks(exported_at=datetime(2026, 11, 27, tzinfo=UTC)))
    general = dumps_document(list(session.journal.journals()), exported_at=datetime(2026, 11, 27, tzinfo=UTC))
    assert exported == general
    assert '"n": 36893488147419103232' in exported
    assert [e.id for e in parse_document(exported.encode()).journals[0].entries] == ["e3", "e2", "e1"]


def test_journals_read_together_are_the_journals_read_one_by_one(session: VaultSession) -> None:
    site = Project(id="p1", client_id="c1", title="Nettside")
    first = ClientJournal(
        kari(),
        (site,),
        (
            Entry("e2", "c1", datetime(2026, 3, 2, tzinfo=OSLO), EntryKind.CALL, "B", project_id="p1"),
            Entry("e1", "c1", datetime(2026, 3, 1, tzinfo=OSLO), EntryKind.NOTE, "A"),
        ),
    )
    second = ClientJournal(Client(id="c2", name="Ola"), (), ())
    session.transfer.import_journals([first, second])
    together = session.journal.journals_of(["c2", "c1"])
    session.journal.forget_cached()
    assert together == [session.journal.journal("c2"), session.journal.journal("c1")]
    assert [e.id for e in together[1].entries] == ["e1", "e2"]
    with pytest.raises(NotFoundError):
        session.journal.journals_of(["c1", "gone"])
