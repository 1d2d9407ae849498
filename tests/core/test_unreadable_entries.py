"""One damaged entry never stops the bulk readers: journals (coach, badges) skip it, the timeline shows a stand-in.

Also the one newest-first order of entries of the same moment, the same in every reader.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select, update
from support.constants import NOW

from clientjournal.domain import Client, Entry, EntryKind, Project
from clientjournal.services.session import VaultSession
from clientjournal.services.timeline.index import TimelineFilter, TimelineIndex, sort_newest_first
from clientjournal.services.timeline.pages import client_index, load_page, refreshed
from clientjournal.services.unreadable import UnreadableEntry, is_unreadable
from clientjournal.storage.schema import entries


def corrupt(session: VaultSession, client_id: str, entry_id: str) -> None:
    """Flip one bit of an entry's stored ciphertext, as a failing disk or a careless edit would."""
    where = (entries.c.client_id == client_id, entries.c.id == entry_id)
    with session.journal.engine.begin() as connection:
        blob = connection.execute(select(entries.c.payload).where(*where)).scalar_one()
        connection.execute(update(entries).where(*where).values(payload=blob[:-1] + bytes([blob[-1] ^ 1])))
    session.journal.forget_cached()


def _seed(session: VaultSession) -> None:
    journal = session.journal
    journal.save_client(Client("kari", "Kari Nordmann"))
    journal.save_client(Client("ola", "Ola Hansen"))
    journal.save_project(Project("web", "kari", "New website"))
    for n in range(6):
        journal.save_entry(
            Entry(
                f"k{n}", "kari", NOW - timedelta(days=n), EntryKind.CALL, text=f"call {n}", project_id="web"
            )
        )
    journal.save_entry(Entry("o1", "ola", NOW - timedelta(hours=5), EntryKind.EMAIL, text="invoice sent"))


def test_journals_skip_a_damaged_entry_and_report_it_once(session: VaultSession, caplog) -> None:
    _seed(session)
    corrupt(session, "kari", "k2")
    with caplog.at_level(logging.WARNING, logger="clientjournal.services.unreadable"):
        kari, ola = session.journal.journals_of(["kari", "ola"])
        session.journal.forget_cached()
        every = list(session.journal.journals())
    assert [e.id for e in kari.entries] == ["k5", "k4", "k3", "k1", "k0"]  # oldest first, k2 left out
    assert [e.id for e in ola.entries] == ["o1"]
    assert sum(len(j.entries) for j in every) == 6
    assert list(session.journal.unreadable.found) == [("kari", "k2")]
    assert len([r for r in caplog.records if "unreadable" in r.getMessage()]) == 1  # read twice, logged once
    assert "k2" in caplog.text and "call 2" not in caplog.text  # the record named, never any text
    # The coach and the badges still work over what reads.
    assert set(session.coaching.badges(["kari", "ola"], NOW)) == {"kari", "ola"}
    assert session.coaching.client("kari", NOW).client.id == "kari"


def test_the_timeline_pages_show_a_stand_in_where_the_damaged_entry_was(session: VaultSession) -> None:
    _seed(session)
    corrupt(session, "kari", "k1")
    rows: list[Entry] = []
    cursor = None
    while True:
        page = load_page(session.journal, cursor, 3)
        rows.extend(page.chunk.entries)
        cursor = page.cursor
        if cursor is None:
            break
    assert [e.id for e in rows] == ["k0", "o1", "k1", "k2", "k3", "k4", "k5"]
    stand_in = rows[2]
    assert isinstance(stand_in, UnreadableEntry) and is_unreadable(stand_in)
    assert stand_in.client_id == "kari" and stand_in.project_id == "web" and stand_in.version == 1
    assert stand_in.occurred_at == NOW - timedelta(days=1)  # the clear column: its moment is known
    assert stand_in.text == "" and "kari/k1" in stand_in.problem and "failed" in stand_in.problem
    assert not any(is_unreadable(e) for i, e in enumerate(rows) if i != 2)

    index = TimelineIndex(load_page(session.journal, None, 100).chunk)
    assert index.matching(TimelineFilter(query="call")) == [0, 3, 4, 5, 6]  # a stand-in matches no search

    one = client_index(session.journal, "kari")
    assert [e.id for e in one.entries] == ["k0", "k1", "k2", "k3", "k4", "k5"]
    assert is_unreadable(one.entry(1))
    again = refreshed(session.journal, index, {"kari"})
    assert [e.id for e in again.entries] == [e.id for e in rows]
    assert is_unreadable(again.entry(2))


def test_an_entry_written_again_reads_and_is_no_longer_reported(session: VaultSession) -> None:
    _seed(session)
    corrupt(session, "kari", "k3")
    session.journal.journals_of(["kari"])
    assert ("kari", "k3") in session.journal.unreadable.found
    # Storing the entry anew (say, restored from an export) replaces the damaged ciphertext.
    session.journal.save_entry(
        Entry(
            "k3", "kari", NOW - timedelta(days=3), EntryKind.CALL, text="call 3", project_id="web", version=1
        )
    )
    kari = session.journal.journals_of(["kari"])[0]
    assert "k3" in [e.id for e in kari.entries]
    assert ("kari", "k3") not in session.journal.unreadable.found
    assert not any(is_unreadable(e) for e in client_index(session.journal, "kari").entries)


def test_entries_of_the_same_moment_keep_one_order_in_every_reader(session: VaultSession) -> None:
    journal = session.journal
    journal.save_client(Client("a", "Ada"))
    journal.save_client(Client("b", "Bea"))
    ids = ["e3", "e1", "e2"]
    for client_id in ("a", "b"):
        for entry_id in ids:
            journal.save_entry(Entry(entry_id, client_id, NOW, EntryKind.NOTE, text=entry_id))
    journal.save_entry(Entry("later", "a", NOW + timedelta(minutes=1), EntryKind.NOTE))
    expected = [("a", "later"), ("b", "e3"), ("a", "e3"), ("b", "e2"), ("a", "e2"), ("b", "e1"), ("a", "e1")]
    paged: list[Entry] = []
    cursor = None
    while True:
        page = load_page(journal, cursor, 2)
        paged.extend(page.chunk.entries)
        if (cursor := page.cursor) is None:
            break
    assert [(e.client_id, e.id) for e in paged] == expected
    assert [(e.client_id, e.id) for e in journal.iter_entries()] == expected
    assert [(e.client_id, e.id) for e in sort_newest_first(reversed(paged))] == expected
    oldest_first = [e for j in journal.journals_of(["a"]) for e in j.entries]
    assert [e.id for e in reversed(oldest_first)] == [i for c, i in expected if c == "a"]
    merged = TimelineIndex(load_page(journal, None, 100).chunk).replaced(
        {"b": list(journal.iter_entries("b"))}
    )
    assert [(e.client_id, e.id) for e in merged.entries] == expected
