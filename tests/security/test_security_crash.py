"""Crash safety: an import killed with SIGKILL at any moment leaves a vault that passes ``check`` and holds either
none or all of that import."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from secutil import CLI, SPEC_EXAMPLE, Vault, base_env, new_vault

from clientjournal.demo import generate_demo
from clientjournal.exchange import dumps_document

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

CLIENTS = 200
ENTRIES_PER_CLIENT = 100
SEED = 20261127
MOMENT = datetime(2026, 11, 27, 10, tzinfo=UTC)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "big.json"
    text = dumps_document(
        generate_demo(CLIENTS, ENTRIES_PER_CLIENT, seed=SEED, now=MOMENT), exported_at=MOMENT
    )
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    """A vault holding one client before the big import."""
    vault = new_vault(tmp_path_factory.mktemp("crash-base"))
    vault.ok("import", SPEC_EXAMPLE)
    return vault


def _copy(base: Vault, target: Path) -> Vault:
    shutil.copytree(base.data_dir, target)
    return Vault(target)


def _start_import(vault: Vault, source: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(CLI), "--data-dir", str(vault.data_dir), "import", str(source)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=base_env(),
    )


def _kill(process: subprocess.Popen[bytes]) -> bool:
    """SIGKILL; True when the process was still running (so the kill really interrupted it)."""
    running = process.poll() is None
    if running:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    return running


def _assert_none_or_all(vault: Vault, before: int) -> int:
    check = vault.run("check")
    assert check.returncode == 0, check
    count = vault.client_count()
    assert count in (before, before + CLIENTS), f"{count} clients: a partial import survived the kill"
    entries = vault.ok("check", "--json").json()["entries"]
    assert entries in (2, 2 + CLIENTS * ENTRIES_PER_CLIENT)
    assert (count == before) == (entries == 2)
    return count


def test_killed_import_leaves_none_or_all(base: Vault, big_file: Path, tmp_path: Path) -> None:
    # A complete run first: how long an import takes here, and what "all" looks like.
    reference = _copy(base, tmp_path / "reference")
    started = time.monotonic()
    process = _start_import(reference, big_file)
    assert process.wait(timeout=600) == 0, process.stderr.read() if process.stderr else ""
    duration = time.monotonic() - started
    assert _assert_none_or_all(reference, 1) == 1 + CLIENTS

    rng = random.Random(SEED)
    outcomes: list[tuple[str, bool, int]] = []
    # Kills at random moments over the whole run (start-up, parsing, writing, committing)...
    moments = [("random", rng.uniform(0.2, duration * 1.05)) for _ in range(4)]
    # ...and kills timed by the WAL growing, i.e. certainly inside the writing transaction.
    moments += [("wal", size) for size in (256 * 1024, 3 * 1024 * 1024)]
    for attempt, (how, when) in enumerate(moments):
        vault = _copy(base, tmp_path / f"attempt-{attempt}")
        wal = vault.data_dir / "vault.sqlite3-wal"
        process = _start_import(vault, big_file)
        if how == "random":
            time.sleep(when)
        else:
            deadline = time.monotonic() + duration * 3 + 30
            while process.poll() is None and time.monotonic() < deadline:
                if wal.exists() and wal.stat().st_size >= when:
                    break
                time.sleep(0.005)
        interrupted = _kill(process)
        outcomes.append((f"{how}:{when:.2f}", interrupted, _assert_none_or_all(vault, 1)))

    assert any(interrupted and count == 1 for _, interrupted, count in outcomes), outcomes
    # After a kill, the vault is fully usable: importing again brings everything in.
    last = Vault(tmp_path / f"attempt-{len(moments) - 1}")
    last.ok("import", big_file, timeout=600)
    assert _assert_none_or_all(last, 1) == 1 + CLIENTS
