"""Crash safety: an import, a restore or a passphrase change killed with SIGKILL at any moment leaves a vault that
passes ``check`` and is exactly as it was before or after: none or all of the import, the old vault or the whole
backup, the old passphrase or the new one (and the recovery key opens it either way). A killed restore leaves
nothing in the system temp folder, and the next restore clears what it left in the data folder; a killed export's
plaintext ``.part`` file is removed by the next export."""

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
from secutil import CLI, PASSPHRASE, SPEC_EXAMPLE, Vault, base_env, new_vault

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
    return _start(vault, "import", str(source))


def _start(vault: Vault, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(CLI), "--data-dir", str(vault.data_dir), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**base_env(), **(env or {})},
    )


def _timed(process: subprocess.Popen[bytes]) -> float:
    started = time.monotonic()
    assert process.wait(timeout=600) == 0, process.stderr.read() if process.stderr else ""
    return time.monotonic() - started


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


@pytest.fixture(scope="module")
def big_vault(base: Vault, big_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Vault:
    """The base client and the big import: exporting or restoring it takes a while."""
    big = _copy(base, tmp_path_factory.mktemp("crash-big") / "data")
    big.ok("import", big_file, timeout=600)
    return big


@pytest.fixture(scope="module")
def big_backup(big_vault: Vault, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash-backup") / "big-backup.sqlite3"
    big_vault.ok("backup", "--out", path, timeout=600)
    return path


def test_a_killed_export_leaves_no_plaintext_part_file_after_the_next_run(
    big_vault: Vault, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "export.json"
    for _attempt in range(5):  # until a kill lands while the plaintext .part file is being written
        process = _start(big_vault, "export", "--out", str(target))
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            parts = list(out.glob("*.part"))
            if parts and parts[0].stat().st_size > 64 * 1024:
                break
            time.sleep(0.002)
        if _kill(process) and list(out.glob("*.part")):
            break
        target.unlink(missing_ok=True)
    (part,) = out.glob("*.part")
    assert b'"clients"' in part.read_bytes()  # the killed run really left plaintext behind
    assert not target.exists()  # and no half export under the real name

    big_vault.ok("export", "--out", target, timeout=600)
    assert [p.name for p in out.iterdir()] == ["export.json"]


def test_killed_restore_leaves_the_old_vault_or_the_whole_backup_and_no_temp_files(
    base: Vault, big_backup: Path, tmp_path: Path
) -> None:
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    env = {"TMPDIR": str(system_temp), "TEMP": str(system_temp), "TMP": str(system_temp)}
    restore = ("restore", str(big_backup), "--yes")
    duration = _timed(_start(_copy(base, tmp_path / "reference"), *restore, env=env))

    rng = random.Random(SEED)
    outcomes: list[tuple[float, bool, int]] = []
    for attempt in range(5):
        vault = _copy(base, tmp_path / f"attempt-{attempt}")
        process = _start(vault, *restore, env=env)
        when = rng.uniform(0.1, duration * 1.05)
        time.sleep(when)
        interrupted = _kill(process)
        assert list(system_temp.iterdir()) == [], "a killed restore left files in the system temp folder"
        outcomes.append((when, interrupted, _assert_none_or_all(vault, 1)))
    assert any(interrupted for _, interrupted, _count in outcomes), outcomes

    # The next restore finishes the job and clears whatever the killed one left in the data folder.
    last = Vault(tmp_path / "attempt-4")
    last.ok(*restore, env=env, timeout=600)
    assert _assert_none_or_all(last, 1) == 1 + CLIENTS
    assert not [p for p in last.data_dir.iterdir() if p.name.startswith(".clientjournal-restore-")]
    assert list(system_temp.iterdir()) == []


def test_killed_passphrase_change_leaves_the_old_or_the_new_passphrase(base: Vault, tmp_path: Path) -> None:
    new = "a brand new passphrase for the test"
    env = {"CLIENTJOURNAL_NEW_PASSPHRASE": new}
    duration = _timed(_start(_copy(base, tmp_path / "reference"), "passwd", env=env))

    rng = random.Random(SEED)
    seen: list[tuple[float, bool, str]] = []
    for attempt in range(4):
        vault = _copy(base, tmp_path / f"attempt-{attempt}")
        process = _start(vault, "passwd", env=env)
        when = rng.uniform(0.05, duration * 1.05)
        time.sleep(when)
        interrupted = _kill(process)
        codes = {p: vault.run("check", passphrase=p).returncode for p in (PASSPHRASE, new)}
        assert sorted(codes.values()) == [0, 3], f"after a kill at {when:.2f}s: {codes}"  # one opens, whole
        opens = [p for p, code in codes.items() if code == 0]
        assert vault.run("clients", passphrase=base.recovery_key).returncode == 0  # the recovery key, always
        seen.append((when, interrupted, "new" if opens == [new] else "old"))
    assert any(interrupted for _, interrupted, _which in seen), seen
