"""The coach alone, journals already in memory: the whole demo vault, and one client after one entry changed.

    .venv/bin/python benchmarks/bench_coach.py                   # 1,000 clients x 100 entries
    .venv/bin/python benchmarks/bench_coach.py --clients 200     # smaller

Whole vault = ``suggest`` over every journal that is not archived, with a coach state and the default mood tags
              (what "Today", the badges and the reminders ask for), merging each client's conversations.
One client  = ``suggest`` for one journal after an entry was added to it (what the sidebar and the reminders
              recompute after a write), as the median over many clients.
Baseline    = building every journal's ``JournalView`` (sorting entries, local days, mood scores): the part of
              the work that does not depend on the rules, so the ratio means something on a busy machine.

Goals: the whole vault in at most 0.3 s; one client under 10 ms. The script measures and prints; it asserts
nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from clientjournal.coach import CoachState, suggest
from clientjournal.coach.facts import JournalView
from clientjournal.demo import generate_demo
from clientjournal.domain.entities import ClientJournal, Entry
from clientjournal.domain.enums import Channel, EntryKind

NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)


def timed(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The median wall time and the median CPU time of ``repeat`` runs, each after a full GC (not timed).

    CPU time is the steadier figure on a machine other processes keep busy.
    """
    times, cpu = [], []
    for _ in range(repeat):
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(times), statistics.median(cpu)


def with_new_entry(journal: ClientJournal, number: int) -> ClientJournal:
    """``journal`` with one more entry, as after the user saved one: a setback with a mood, not yet told."""
    entry = Entry(
        id=f"bench-{number}",
        client_id=journal.client.id,
        occurred_at=NOW - timedelta(hours=1),
        kind=EntryKind.SETBACK,
        text="The supplier broke our import; delivery slips a week.",
        channel=Channel.EMAIL,
        moods=("uncertain",),
        project_id=journal.projects[0].id if journal.projects else None,
    )
    return replace(journal, entries=(*journal.entries, entry))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--entries-per-client", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the whole-vault measurements (median)")
    args = parser.parse_args(argv)

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"Generating {args.clients} clients x {args.entries_per_client} entries in memory...", flush=True)
    journals = [j for j in generate_demo(args.clients, args.entries_per_client, seed=args.seed, now=NOW)]
    journals = [j for j in journals if not j.client.archived]
    state = CoachState(dismissed=frozenset({"nothing-dismissed"}))

    baseline, baseline_cpu = timed(lambda: [JournalView.of(j, NOW) for j in journals], args.repeat)
    whole, whole_cpu = timed(lambda: suggest(journals, NOW, state=state), args.repeat)
    actions = suggest(journals, NOW, state=state)

    changed = [with_new_entry(j, i) for i, j in enumerate(journals[:200])]
    one, one_cpu = [], []
    for journal in changed:
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        suggest(journal, NOW, state=state)
        one.append(time.perf_counter() - started)
        one_cpu.append(time.process_time() - started_cpu)
    merged = sum(1 for a in actions if a.merged)

    print(
        f"\n{len(journals)} clients, {sum(len(j.entries) for j in journals)} entries, {len(actions)} actions"
    )
    print(f"  of which {merged} merged cards (one conversation, several reasons)\n")
    print("                                    wall        CPU")
    print(f"Baseline (journal views only)   {baseline * 1000:7.1f} ms {baseline_cpu * 1000:7.1f} ms")
    print(
        f"Whole vault                     {whole * 1000:7.1f} ms {whole_cpu * 1000:7.1f} ms"
        f"   (goal <= 300 ms; {whole_cpu / baseline_cpu:.2f}x baseline)"
    )
    print(
        f"One client after a new entry    {statistics.median(one) * 1000:7.2f} ms "
        f"{statistics.median(one_cpu) * 1000:7.2f} ms   median (goal < 10 ms); "
        f"slowest {max(one_cpu) * 1000:.2f} ms CPU"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
