"""The client summary PDF: one client with 2,000 entries, and 20 clients in one PDF, beyond unlocking.

    .venv/bin/python benchmarks/bench_report.py                       # + 200 clients x 100 entries around them
    .venv/bin/python benchmarks/bench_report.py --clients 1000        # the SPEC's 1,000 x 100 vault
    .venv/bin/python benchmarks/bench_report.py --data-dir /tmp/cj    # keep the vault there

Each measurement starts from an unlocked vault with nothing kept in memory (``forget_cached``) and ends with the
PDF written (``build_report`` + ``write_report``: read and decrypt the journals, the coach, the layout, Typst,
temp file, fsync, rename). "First" is the first report of the process: it also imports Typst and reads the
fonts, as each ``clientjournal-cli report`` does. The others are medians of later runs, as in the window.
Each run is a day later than the one before (a new document for the coach and for Typst's caches). The split
(read + coach / data / Typst) is of one later run.

Goals: a 2,000-entry client's report in at most 0.5 s beyond unlocking, 20 clients in at most 3 s.
The script measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clientjournal.crypto.kdf import KdfParams
from clientjournal.demo import generate_demo
from clientjournal.reports import ReportOptions, build_report, document_data, gather, page_count, write_report
from clientjournal.reports.render import compile_pdf, drawable
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault

PASSPHRASE = "benchmark passphrase"
NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def median_time(function: Callable[[], object], repeat: int, before: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        before()
        gc.collect()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=200, help="clients of 100 entries around the big one")
    parser.add_argument("--big", type=int, default=2000, help="entries of the big client")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args(argv)

    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="cj-bench-report-"))
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{(folder / 'vault.sqlite3').as_posix()}"
    vault, keys, _ = Vault.create(url, PASSPHRASE, clock=clock, kdf=KdfParams.minimum())
    session = VaultSession(vault, keys)
    started = time.perf_counter()
    big = next(iter(generate_demo(1, args.big, seed=7, now=NOW)))
    session.transfer.import_journals([big])
    session.transfer.import_journals(generate_demo(args.clients, 100, seed=1, now=NOW), total=args.clients)
    print(
        f"vault: 1 client x {args.big} + {args.clients} x 100 entries, made in {time.perf_counter() - started:.1f} s"
    )
    others = [c.id for c in session.journal.list_clients() if c.id != big.client.id][:20]
    out = folder / "report.pdf"

    runs = iter(range(1_000_000))

    def moment() -> datetime:
        # A new day each run, so neither the coach nor Typst's caches see the same document twice.
        return NOW + timedelta(days=next(runs))

    def one() -> bytes:
        pdf = build_report(session, ReportOptions(clients=(big.client.id,)), moment())
        write_report(out, pdf, replace=True)
        return pdf

    def twenty() -> bytes:
        pdf = build_report(session, ReportOptions(clients=tuple(others)), moment())
        write_report(out, pdf, replace=True)
        return pdf

    session.journal.forget_cached()
    t0 = time.perf_counter()
    first_pdf = one()
    first = time.perf_counter() - t0
    single = median_time(one, args.repeat, session.journal.forget_cached)
    combined = median_time(twenty, args.repeat, session.journal.forget_cached)
    pages_one, pages_twenty = page_count(first_pdf), page_count(twenty())

    session.journal.forget_cached()
    t0 = time.perf_counter()
    options = ReportOptions(clients=(big.client.id,))
    now = moment()
    materials = gather(session, options, now)
    t1 = time.perf_counter()
    data = document_data(materials, options, now, drawable)
    t2 = time.perf_counter()
    compile_pdf(data, now)
    t3 = time.perf_counter()

    cli = [str(Path(sys.executable).with_name("clientjournal-cli")), "--data-dir", str(folder)]
    cli += ["report", "--client", big.client.id, "--out", str(out), "--force", "--now", NOW.isoformat()]
    env = {"CLIENTJOURNAL_PASSPHRASE": PASSPHRASE, "PATH": "/usr/bin:/bin"}
    t4 = time.perf_counter()
    subprocess.run(cli, check=True, env=env, capture_output=True)
    whole_cli = time.perf_counter() - t4
    session.close()

    print(
        f"2,000-entry client, {pages_one} pages:  first {first:.3f} s, then {single:.3f} s   (goal <= 0.5 s)"
    )
    print(
        f"  split of a later run: read + coach {t1 - t0:.3f} s, data {t2 - t1:.3f} s, Typst {t3 - t2:.3f} s"
    )
    print(f"20 clients x 100 entries, {pages_twenty} pages:  {combined:.3f} s   (goal <= 3 s)")
    print(
        f"clientjournal-cli report of the 2,000-entry client (process start, unlock, report): {whole_cli:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
