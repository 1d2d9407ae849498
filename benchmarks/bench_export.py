"""Export and import of a demo vault against the raw cost of the same rows, measured in one run.

    .venv/bin/python benchmarks/bench_export.py                      # 1,000 clients x 100 entries
    .venv/bin/python benchmarks/bench_export.py --clients 200        # smaller
    .venv/bin/python benchmarks/bench_export.py --data-dir /tmp/cj   # keep the vaults there

Raw read  = stdlib sqlite3 reading every entry row + AES-256-GCM decryption of each payload with one reused
            AESGCM object per client key (the keys come from the unlocked vault's KeyChain).
Export    = TransferService.export_to_file (decrypt, decode, JSON, temp file, fsync, rename).
Raw write = stdlib sqlite3 executemany of as many blobs of the same sizes, in one transaction with the vault's
            pragmas (WAL, synchronous=FULL, secure_delete), + AES-256-GCM encryption with a fresh nonce each.
Import    = read the exported file + parse_document + TransferService.import_document into a fresh vault.

Goal: export and import within 3x of their raw cost. The script measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import statistics
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from clientjournal.crypto.aead import LAYOUT_VERSION
from clientjournal.crypto.kdf import KdfParams
from clientjournal.crypto.keychain import KeyChain
from clientjournal.crypto.keys import unwrap_key
from clientjournal.demo import generate_demo
from clientjournal.exchange import parse_document
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url
from clientjournal.storage.records import entry_row_id

PASSPHRASE = "benchmark passphrase"
NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)
HEADER = struct.Struct(">BI")
NONCE = 12


def clock() -> datetime:
    return NOW


CPU: dict[str, float] = {}
"""Median CPU seconds of this process per measurement: steadier than wall time on a busy machine."""


def timed(name: str, function: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median wall time of ``repeat`` runs (after a full GC), and the last result; CPU time into CPU."""
    times, cpu = [], []
    result: object = None
    for _ in range(repeat):
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    CPU[name] = statistics.median(cpu)
    return statistics.median(times), result


def create_vault(path: Path) -> tuple[Vault, KeyChain]:
    vault, keys, _recovery = Vault.create(sqlite_url(path), PASSPHRASE, clock=clock, kdf=KdfParams.minimum())
    return vault, keys


def client_aeads(database: Path, keys: KeyChain) -> dict[str, AESGCM]:
    """One AESGCM per client, from the data keys the KeyChain unwraps (outside the timed part)."""
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute("SELECT id, wrapped_key, key_version FROM clients").fetchall()
    finally:
        connection.close()
    return {
        client_id: AESGCM(unwrap_key(keys.vault_key, wrapped, keys.client_key_ref(client_id, version)))
        for client_id, wrapped, version in rows
    }


def raw_read(database: Path, keys: KeyChain, aeads: dict[str, AESGCM]) -> int:
    """Read every entry row with sqlite3 and decrypt its payload; returns the plaintext bytes."""
    total = 0
    connection = sqlite3.connect(database)
    try:
        for client_id, entry_id, payload in connection.execute("SELECT client_id, id, payload FROM entries"):
            header = payload[: HEADER.size]
            ad = keys.ref("entries", entry_row_id(client_id, entry_id)).associated_data(header)
            total += len(
                aeads[client_id].decrypt(
                    payload[HEADER.size : HEADER.size + NONCE], payload[HEADER.size + NONCE :], ad
                )
            )
    finally:
        connection.close()
    return total


def raw_write(
    folder: Path, keys: KeyChain, rows: list[tuple[str, str, int, int]], aeads: dict[str, AESGCM]
) -> None:
    """Encrypt and insert as many blobs of the same plaintext sizes as the vault holds, in one transaction."""
    path = folder / f"raw-{time.perf_counter_ns()}.sqlite3"
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "secure_delete=ON", "foreign_keys=ON"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute(
            "CREATE TABLE entries (client_id VARCHAR(64) NOT NULL, id VARCHAR(64) NOT NULL, project_id VARCHAR(64),"
            " occurred_at_us BIGINT NOT NULL, payload BLOB NOT NULL, version INTEGER NOT NULL,"
            " PRIMARY KEY (client_id, id))"
        )
        connection.execute("CREATE INDEX ix_c ON entries (client_id, occurred_at_us)")
        connection.execute("CREATE INDEX ix_t ON entries (occurred_at_us)")
        header = HEADER.pack(LAYOUT_VERSION, 1)
        connection.execute("BEGIN")

        def sealed():  # type: ignore[no-untyped-def]
            for client_id, entry_id, occurred_at_us, size in rows:
                nonce = os.urandom(NONCE)
                ad = keys.ref("entries", entry_row_id(client_id, entry_id)).associated_data(header)
                blob = header + nonce + aeads[client_id].encrypt(nonce, bytes(size), ad)
                yield client_id, entry_id, None, occurred_at_us, blob, 1

        connection.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)", sealed())
        connection.execute("COMMIT")
    finally:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--entries-per-client", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (median is shown)")
    parser.add_argument("--data-dir", type=Path, help="folder for the vaults (default: a temporary one)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="cj-bench-") as temp:
        folder = args.data_dir or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        source_db = folder / "bench-source.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{source_db}{suffix}").unlink(missing_ok=True)

        print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs")
        print(
            f"Creating a demo vault of {args.clients} clients x {args.entries_per_client} entries...",
            flush=True,
        )
        started = time.perf_counter()
        vault, keys = create_vault(source_db)
        session = VaultSession(vault, keys)
        session.transfer.import_journals(
            generate_demo(args.clients, args.entries_per_client, seed=args.seed, now=NOW), total=args.clients
        )
        print(f"  done in {time.perf_counter() - started:.1f} s (not part of the figures)\n", flush=True)

        aeads = client_aeads(source_db, keys)
        entry_count = session.journal.count_entries()

        read_s, plaintext_bytes = timed("read", lambda: raw_read(source_db, keys, aeads), args.repeat)
        export_file = folder / "bench-export.json"
        export_s, _ = timed(
            "export", lambda: session.transfer.export_to_file(export_file, exported_at=NOW), args.repeat
        )

        connection = sqlite3.connect(source_db)
        rows = connection.execute(
            "SELECT client_id, id, occurred_at_us, length(payload) FROM entries"
        ).fetchall()
        connection.close()
        rows = [(c, e, t, size - HEADER.size - NONCE - 16) for c, e, t, size in rows]
        write_s, _ = timed("write", lambda: raw_write(folder, keys, rows, aeads), args.repeat)

        def import_fresh() -> tuple[float, float]:
            target = folder / f"bench-import-{time.perf_counter_ns()}.sqlite3"
            fresh, fresh_keys = create_vault(target)  # includes one minimum KDF: excluded below
            fresh_session = VaultSession(fresh, fresh_keys)
            try:
                started, started_cpu = time.perf_counter(), time.process_time()
                document = parse_document(export_file.read_bytes())
                parsed = time.perf_counter()
                fresh_session.transfer.import_document(document)
                done, done_cpu = time.perf_counter(), time.process_time()
            finally:
                fresh_session.close()
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{target}{suffix}").unlink(missing_ok=True)
            import_times.append((parsed - started, done - parsed))
            return done - started, done_cpu - started_cpu

        import_times: list[tuple[float, float]] = []
        totals = []
        for _ in range(args.repeat):
            gc.collect()
            totals.append(import_fresh())
        import_s = statistics.median(t[0] for t in totals)
        CPU["import"] = statistics.median(t[1] for t in totals)
        parse_s = statistics.median(t[0] for t in import_times)
        write_part_s = statistics.median(t[1] for t in import_times)

        search_s, found = timed("search", lambda: session.journal.search("zzqx-no-such-word"), args.repeat)
        check_s, report = timed("check", session.check, 1)
        session.close()

        size_mb = export_file.stat().st_size / 1e6
        per = 1e6 / max(entry_count, 1)
        print(
            f"{entry_count:,} entries, {plaintext_bytes / 1e6:.1f} MB of plaintext payloads, "
            f"export file {size_mb:.1f} MB; median of {args.repeat} runs\n"
        )
        rows = [
            ("raw read: sqlite3 + AES-GCM decrypt", read_s, "read", None),
            ("export: TransferService.export_to_file", export_s, "export", "read"),
            ("raw write: AES-GCM encrypt + executemany", write_s, "write", None),
            ("import: parse + import_document", import_s, "import", "write"),
            ("  of which parse_document", parse_s, None, None),
            ("  of which import_document", write_part_s, None, None),
            ("search, no match (scans every entry)", search_s, "search", None),
            ("check (structure + decrypt everything)", check_s, "check", None),
        ]
        walls = {"read": read_s, "write": write_s}
        print(f"{'measurement':<42}{'wall s':>8}{'µs/entry':>10}{'ratio':>8}{'CPU s':>8}{'ratio':>8}")
        print("-" * 84)
        for label, wall, key, base in rows:
            line = f"{label:<42}{wall:>8.3f}{wall * per:>10.1f}"
            line += f"{wall / walls[base]:>7.2f}x" if base else " " * 8
            if key:
                line += f"{CPU[key]:>8.3f}"
                line += f"{CPU[key] / CPU[base]:>7.2f}x" if base else ""
            print(line)
        print("-" * 84)
        print("goal: export and import at most 3x raw; search over 100,000 entries under 0.2 s")
        if found or not report.ok:  # type: ignore[attr-defined]
            print("warning: unexpected search hits or a failed check; the figures may not mean much")
    return 0


if __name__ == "__main__":
    sys.exit(main())
