"""Whole-vault ``suggest`` against ``export`` of the same demo vault, measured in one run.

    .venv/bin/python benchmarks/bench_suggest.py                      # 1,000 clients x 100 entries
    .venv/bin/python benchmarks/bench_suggest.py --clients 200        # smaller
    .venv/bin/python benchmarks/bench_suggest.py --data-dir /tmp/cj   # keep the vault there

Export      = TransferService.export_to_file (read, decrypt, decode, JSON, temp file, fsync, rename).
Suggest     = CoachingService.today with nothing kept in memory (what ``clientjournal-cli suggest`` does: read
              and decrypt every journal in bulk, then the coach over every client that is not archived).
Coach alone = the same actions over journals already in memory (CoachingService.actions, state and mood tags
              given): the engine's share.
One by one  = reading the journals one client at a time (the way ``suggest`` read them before), for reference.
CLI         = ``clientjournal-cli export --out FILE`` and ``clientjournal-cli suggest --json`` run in this process
              (unlock with the minimum KDF, output to a file or discarded): what a user waits for, bar Python's
              start-up.

Goal: suggest within 1.5x of export. The script measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from clientjournal.cli.main import main as cli_main
from clientjournal.crypto.kdf import KdfParams
from clientjournal.demo import generate_demo
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url

PASSPHRASE = "benchmark passphrase"
NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)


def clock() -> datetime:
    return NOW


CPU: dict[str, float] = {}
"""Median CPU seconds of this process per measurement: steadier than wall time on a busy machine."""


def timed(
    name: str, function: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> tuple[float, object]:
    """The median wall time of ``repeat`` runs (each after ``before`` and a full GC, neither timed), and the last
    result; CPU time into CPU."""
    times, cpu = [], []
    result: object = None
    for _ in range(repeat):
        if before is not None:
            before()
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    CPU[name] = statistics.median(cpu)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--entries-per-client", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (median is shown)")
    parser.add_argument("--data-dir", type=Path, help="folder for the vault (default: a temporary one)")
    parser.add_argument("--no-cli", action="store_true", help="skip the two CLI measurements")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="cj-bench-") as temp:
        folder = args.data_dir or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        database = folder / "bench-suggest.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)

        print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs")
        print(
            f"Creating a demo vault of {args.clients} clients x {args.entries_per_client} entries...",
            flush=True,
        )
        started = time.perf_counter()
        vault, keys, _recovery = Vault.create(
            sqlite_url(database), PASSPHRASE, clock=clock, kdf=KdfParams.minimum()
        )
        session = VaultSession(vault, keys)
        session.transfer.import_journals(
            generate_demo(args.clients, args.entries_per_client, seed=args.seed, now=NOW), total=args.clients
        )
        print(f"  done in {time.perf_counter() - started:.1f} s (not part of the figures)\n", flush=True)
        entry_count = session.journal.count_entries()
        journal, coaching = session.journal, session.coaching

        export_file = folder / "bench-export.json"
        export_s, _ = timed(
            "export", lambda: session.transfer.export_to_file(export_file, exported_at=NOW), args.repeat
        )
        suggest_s, today = timed(
            "suggest", lambda: coaching.today(NOW, "en"), args.repeat, before=journal.forget_cached
        )
        journals = [j for j in journal.journals() if not j.client.archived]
        state, moods = session.settings.coach_state(), coaching.mood_catalogue()
        coach_s, _ = timed(
            "coach", lambda: coaching.actions(journals, NOW, "en", state=state, moods=moods), args.repeat
        )
        journals = []

        def one_by_one() -> int:
            return sum(len(journal.journal(client.id).entries) for client in journal.list_clients())

        single_s, _ = timed("single", one_by_one, 1, before=journal.forget_cached)
        session.close()

        cli_rows: list[tuple[str, float, str, str | None]] = []
        if not args.no_cli:
            secret = folder / "bench-passphrase.txt"
            secret.write_text(PASSPHRASE, encoding="utf-8")
            common = [
                "--data-dir",
                str(folder),
                "--database-url",
                sqlite_url(database),
                "--passphrase-file",
                str(secret),
                "--now",
                NOW.isoformat(),
            ]

            def cli(*command: str) -> int:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    code = cli_main([*common, *command])
                if code:
                    raise SystemExit(f"clientjournal-cli {command[0]} failed with exit code {code}")
                return code

            cli_export_s, _ = timed(
                "cli export", lambda: cli("export", "--out", str(export_file)), args.repeat
            )
            cli_suggest_s, _ = timed("cli suggest", lambda: cli("--json", "suggest"), args.repeat)
            cli_rows = [
                ("clientjournal-cli export --out FILE", cli_export_s, "cli export", None),
                ("clientjournal-cli suggest --json", cli_suggest_s, "cli suggest", "cli export"),
            ]

        per = 1e6 / max(entry_count, 1)
        actions = len(today.actions)  # type: ignore[attr-defined]
        print(f"{entry_count:,} entries, {actions:,} actions suggested; median of {args.repeat} runs\n")
        rows: list[tuple[str, float, str, str | None]] = [
            ("export: TransferService.export_to_file", export_s, "export", None),
            ("suggest: CoachingService.today, cold", suggest_s, "suggest", "export"),
            ("  coach alone, journals in memory", coach_s, "coach", "export"),
            ("  journals one client at a time (1 run)", single_s, "single", "export"),
            *cli_rows,
        ]
        walls = {key: wall for _label, wall, key, _base in rows}
        print(f"{'measurement':<42}{'wall s':>8}{'µs/entry':>10}{'ratio':>8}{'CPU s':>8}{'ratio':>8}")
        print("-" * 84)
        for label, wall, key, base in rows:
            line = f"{label:<42}{wall:>8.3f}{wall * per:>10.1f}"
            line += f"{wall / walls[base]:>7.2f}x" if base else " " * 8
            line += f"{CPU[key]:>8.3f}"
            line += f"{CPU[key] / CPU[base]:>7.2f}x" if base else ""
            print(line)
        print("-" * 84)
        print("ratios against export (the CLI's against the CLI's export); goal: suggest at most 1.5x export")
    return 0


if __name__ == "__main__":
    sys.exit(main())
