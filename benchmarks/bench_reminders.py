"""Reminders of the demo vault recomputed after one change, with the journals in memory (issue #10).

    .venv/bin/python benchmarks/bench_reminders.py                  # 1,000 clients x 100 entries
    .venv/bin/python benchmarks/bench_reminders.py --clients 200    # smaller

Full         = the coach over every journal, then every reminder collected (ReminderBook.replace of all):
               what the tray does once after unlocking. The coach's share alone is measured by bench_suggest.py.
One change   = one client's journal changed (a promise added): the coach over that client only, its reminders
               replaced in the ReminderBook, the sorted list of all reminders rebuilt, and the scheduler's
               check over all of them (what the tray does when a VaultChanges touches one client).
Check alone  = the scheduler's check over every reminder (the 30–60 s tick, nothing changed).
State JSON   = encoding the stored state after every reminder was notified once (what is encrypted and written
               when something fires).
Vault        = the same through the service on a real SQLite vault of the demo (skip with --no-vault): one entry
               saved (JournalService.save_entry), ReminderService.refresh with its VaultChanges (reads and coaches
               that client again), and ReminderService.check over the book: what stands between a saved entry and
               a right tray count.

Goal: one change under 50 ms. The script measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from clientjournal.coach import CoachState, suggest
from clientjournal.coach.facts import MoodCatalogue
from clientjournal.coach.reminder_check import check
from clientjournal.coach.reminder_state import ReminderState
from clientjournal.demo import generate_demo
from clientjournal.domain import ClientJournal, Entry, EntryKind, Promise
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME
from clientjournal.services.reminder_book import ReminderBook
from clientjournal.services.reminder_store import state_to_json

NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Oslo")


def timed(function: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Median and worst wall time of ``repeat`` runs (a full GC before each, not timed), and the last result."""
    times: list[float] = []
    result: object = None
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--entries-per-client", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-vault", action="store_true", help="skip the measurement on a real vault")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    journals = list(generate_demo(args.clients, args.entries_per_client, seed=args.seed, now=NOW))
    print(
        f"demo: {len(journals)} clients x {args.entries_per_client} entries in {time.perf_counter() - started:.1f} s"
    )
    local_now = NOW.astimezone(ZONE)
    moods = MoodCatalogue.of(DEFAULT_MOODS_BY_NAME)
    coach_state = CoachState()

    def full() -> ReminderBook:
        book = ReminderBook(ZONE)
        book.replace(journals, suggest(journals, local_now, state=coach_state, moods=moods))
        book.all()
        return book

    full_median, full_worst, built = timed(full, max(3, args.repeat // 10))
    assert isinstance(built, ReminderBook)
    book = built
    every = book.all()
    kinds = {kind: sum(r.kind == kind for r in every) for kind in ("promise", "action")}
    print(f"reminders: {len(every)} ({kinds['promise']} promises, {kinds['action']} coach actions)")

    state = check(every, ReminderState(), NOW).state  # everything due was notified once
    changed = journals[len(journals) // 2]
    counter = iter(range(10**9))

    def one_change() -> object:
        n = next(counter)
        promise = Entry(
            f"bench-{n}",
            changed.client.id,
            NOW - timedelta(minutes=5),
            EntryKind.PROMISE,
            "Send the revised estimate",
            project_id=changed.projects[0].id if changed.projects else None,
            promise=Promise(date(2026, 11, 30)),
        )
        journal: ClientJournal = replace(changed, entries=(*changed.entries, promise))
        book.replace([journal], suggest([journal], local_now, state=coach_state, moods=moods))
        return check(book.all(), state, NOW + timedelta(seconds=30))

    change_median, change_worst, _ = timed(one_change, args.repeat)
    check_median, check_worst, _ = timed(
        lambda: check(every, state, NOW + timedelta(seconds=30)), args.repeat
    )
    json_median, _, encoded = timed(lambda: json.dumps(state_to_json(state)), 5)
    print()
    print(f"{'measurement':<14}{'median':>12}{'worst':>12}")
    print(f"{'full':<14}{full_median * 1000:>10.1f} ms{full_worst * 1000:>10.1f} ms")
    print(
        f"{'one change':<14}{change_median * 1000:>10.1f} ms{change_worst * 1000:>10.1f} ms   (goal < 50 ms)"
    )
    print(f"{'check alone':<14}{check_median * 1000:>10.1f} ms{check_worst * 1000:>10.1f} ms")
    print(
        f"{'state JSON':<14}{json_median * 1000:>10.1f} ms   ({len(str(encoded)) / 1024:.0f} KiB before encryption)"
    )
    if not args.no_vault:
        print()
        vault_figures(journals, args.repeat)
    return 0


def vault_figures(journals: list[ClientJournal], repeat: int) -> None:
    import tempfile
    from pathlib import Path

    from clientjournal.crypto.kdf import KdfParams
    from clientjournal.services.changes import VaultChanges
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Vault
    from clientjournal.storage.database import sqlite_url

    with tempfile.TemporaryDirectory(prefix="cj-bench-reminders-") as temp:
        started = time.perf_counter()
        vault, keys, _ = Vault.create(
            sqlite_url(Path(temp) / "vault.sqlite3"),
            "benchmark passphrase",
            clock=lambda: NOW,
            kdf=KdfParams.minimum(),
        )
        session = VaultSession(vault, keys)
        session.transfer.import_journals(iter(journals), total=len(journals))
        print(f"vault: imported in {time.perf_counter() - started:.1f} s (not part of the figures)")
        service = session.reminders
        book_median, _, built = timed(lambda: service.book(NOW, ZONE), 3)
        book = built
        assert isinstance(book, ReminderBook)
        changed = journals[len(journals) // 2]
        project_id = changed.projects[0].id if changed.projects else None
        counter = iter(range(10**9))
        parts: dict[str, list[float]] = {"save": [], "refresh": [], "check": []}

        def saved_entry() -> None:
            n = next(counter)
            entry = Entry(
                f"bench-vault-{n}",
                changed.client.id,
                NOW - timedelta(minutes=5),
                EntryKind.PROMISE,
                "Send the revised estimate",
                project_id=project_id,
                promise=Promise(date(2026, 11, 30)),
            )
            t0 = time.perf_counter()
            session.journal.save_entry(entry)
            t1 = time.perf_counter()
            service.refresh(book, VaultChanges.of_entries([changed.client.id]), NOW)
            t2 = time.perf_counter()
            service.check(NOW, ZONE, reminders=book.all())
            t3 = time.perf_counter()
            parts["save"].append(t1 - t0)
            parts["refresh"].append(t2 - t1)
            parts["check"].append(t3 - t2)

        total_median, total_worst, _ = timed(saved_entry, repeat)
        session.close()

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:>10.1f} ms{max(values) * 1000:>10.1f} ms"

    print(f"{'measurement':<22}{'median':>12}{'worst':>12}")
    print(f"{'vault: book (unlock)':<22}{book_median * 1000:>10.1f} ms")
    print(f"{'vault: save entry':<22}{ms(parts['save'])}")
    print(f"{'vault: refresh':<22}{ms(parts['refresh'])}")
    print(f"{'vault: check':<22}{ms(parts['check'])}")
    print(f"{'vault: all three':<22}{total_median * 1000:>10.1f} ms{total_worst * 1000:>10.1f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
