"""Start-up as a user sees it: from spawning the process to its first window being mapped, watched from outside.

    .venv/bin/python benchmarks/bench_startup_outside.py                 # 7 interleaved runs of each kind
    .venv/bin/python benchmarks/bench_startup_outside.py --repeat 15

It starts its own Xvfb and connects to it as a plain X client (a few lines of the X11 protocol over its Unix
socket, no library): it selects SubstructureNotify on the root window, so the server tells it when any top-level
window is mapped (an X ``MapNotify``: there is no window manager, so a window is mapped when it is shown). For each
run it notes the time, spawns the process, and waits for that event. Three kinds run interleaved, the same way
(this interpreter, QT_QPA_PLATFORM=xcb on the same display, one HOME and XDG folders per kind kept across its runs,
as a user's are, and a fresh data folder for each app run):

* ``empty``: an empty PySide6 QMainWindow, the baseline;
* ``welcome``: the app on a fresh data folder (a first run: the welcome window);
* ``unlock``: the app on a data folder holding a vault (the unlock window).

A warm-up run of each kind comes first: the first start on a machine reads everything from disk, and a source
checkout without built ``.qm`` files compiles its translations into the user's cache once. Prints, for each kind
and as a ratio to ``empty``: the median and the fastest wall time, and the median CPU time the process (all its
threads) had used when its window was mapped, read from ``/proc``: steadier than wall time when other work shares
the machine. Goal: both app paths within 1.3x of the empty window.
The app is started without arguments (its data folder in ``CLIENTJOURNAL_DATA_DIR``), as from a desktop menu.
Python may cache bytecode, as it does for a user (an installed copy ships its ``.pyc`` files): the runs drop
``PYTHONDONTWRITEBYTECODE`` and keep the cache in a folder of their own (``PYTHONPYCACHEPREFIX``), filled by the
warm-up, so the checkout is left alone. ``--no-bytecode-cache`` compiles every module from source on every start
instead, as a sandbox that sets ``PYTHONDONTWRITEBYTECODE`` would.
After each run the benchmark waits (``--settle``, 0.3 s by default) before starting the next: a process that was
just stopped may still be tearing down, or busy with the work that follows its first window, and it slowed
whichever run came next (the empty window, after an app run, by up to 15 ms).
Prints figures; asserts nothing. Needs Xvfb (Debian: xvfb).
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "benchmark passphrase"
EMPTY_WINDOW = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv)\n"
    "window = QMainWindow()\n"
    "window.show()\n"
    "sys.exit(app.exec())\n"
)
APP = "import sys\nfrom clientjournal.app import main\nsys.exit(main())\n"
"""What the ``clientjournal`` console script runs."""

_MAP_NOTIFY = 19
_CW_EVENT_MASK = 0x800
_SUBSTRUCTURE_NOTIFY = 0x80000
_CHANGE_WINDOW_ATTRIBUTES = 2


class MapWatcher:
    """An X client that hears every MapNotify of the root window's children (the top-level windows)."""

    def __init__(self, display: int) -> None:
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._socket.connect(f"/tmp/.X11-unix/X{display}")
        # Connection setup: little-endian, protocol 11.0, no authorisation (Xvfb started without -auth).
        self._socket.sendall(struct.pack("<BxHHHHxx", 0x6C, 11, 0, 0, 0))
        head = self._read(8)
        if head[0] != 1:
            raise RuntimeError("the X server refused the connection")
        (words,) = struct.unpack_from("<H", head, 6)
        setup = self._read(words * 4)
        (vendor_length,) = struct.unpack_from("<H", setup, 16)
        formats = setup[21]
        (root,) = struct.unpack_from("<I", setup, 32 + (vendor_length + 3) // 4 * 4 + 8 * formats)
        self._socket.sendall(
            struct.pack("<BxHIII", _CHANGE_WINDOW_ATTRIBUTES, 4, root, _CW_EVENT_MASK, _SUBSTRUCTURE_NOTIFY)
        )

    def _read(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self._socket.recv(size - len(data))
            if not chunk:
                raise RuntimeError("the X server closed the connection")
            data += chunk
        return data

    def drain(self) -> None:
        """Forget events of earlier runs."""
        while select.select([self._socket], [], [], 0.05)[0]:
            self._read(32)

    def wait_for_map(self, deadline: float) -> float | None:
        """``time.perf_counter()`` when the next top-level window is mapped, or None by ``deadline``."""
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or not select.select([self._socket], [], [], left)[0]:
                return None
            event = self._read(32)
            if event[0] & 0x7F == _MAP_NOTIFY:
                return time.perf_counter()

    def close(self) -> None:
        self._socket.close()


def start_xvfb() -> tuple[subprocess.Popen[bytes], int]:
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        display = int(reader.readline())
    return server, display


def make_vault(data_dir: Path) -> None:
    from clientjournal.config import resolve_location
    from clientjournal.crypto.kdf import KdfParams
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Vault

    data_dir.mkdir(parents=True)
    url = resolve_location(str(data_dir), None).database_url
    vault, keys, _ = Vault.create(url, PASSPHRASE, clock=lambda: datetime.now(UTC), kdf=KdfParams.minimum())
    VaultSession(vault, keys).close()


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by every thread of ``pid`` (Linux: the scheduler's nanosecond counters), or 0."""
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[0])
        except (OSError, ValueError, IndexError):  # a thread that just ended
            continue
    return total / 1e9


Run = tuple[float, float]
"""(wall seconds from spawn to map, CPU seconds the process had used by then)"""


def one_run(
    watcher: MapWatcher,
    display: int,
    kind: str,
    work: Path,
    vault_template: Path,
    *,
    bytecode_cache: bool = True,
    settle_s: float = 0.3,
) -> Run | None:
    home = work / f"home-{kind}"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLIENTJOURNAL_", "QT_"))}
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")  # one cache for all kinds, as one machine has
    env.update(
        DISPLAY=f":{display}",
        QT_QPA_PLATFORM="xcb",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "share"),
    )
    argv = [sys.executable, "-c", EMPTY_WINDOW if kind == "empty" else APP]
    data_dir = Path(
        tempfile.mkdtemp(prefix="data-", dir=home)
    )  # a new one each run: a first run's, or a copy
    data_dir.rmdir()
    if kind != "empty":
        if kind == "unlock":
            shutil.copytree(vault_template, data_dir)
        env["CLIENTJOURNAL_DATA_DIR"] = str(data_dir)  # no arguments: started as from the desktop's menu
    watcher.drain()
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        mapped = watcher.wait_for_map(started + 30)
        cpu = cpu_seconds(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(data_dir, ignore_errors=True)
    time.sleep(settle_s)
    return None if mapped is None else (mapped - started, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each kind (default 7)")
    parser.add_argument(
        "--settle", type=float, default=0.3, help="seconds to wait after each run (default 0.3)"
    )
    parser.add_argument("--kinds", default="empty,welcome,unlock", help="comma-separated (default all three)")
    parser.add_argument(
        "--no-bytecode-cache",
        dest="bytecode_cache",
        action="store_false",
        help="compile every module from source on every start (as under PYTHONDONTWRITEBYTECODE)",
    )
    args = parser.parse_args()
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is not installed (Debian: apt install xvfb)")
    kinds = args.kinds.split(",")
    work = Path(tempfile.mkdtemp(prefix="cj-startup-"))
    server, display = start_xvfb()
    try:
        vault_template = work / "vault-template"
        make_vault(vault_template)
        watcher = MapWatcher(display)
        times: dict[str, list[Run]] = {kind: [] for kind in kinds}
        for kind in kinds:  # one warm-up each: the first start reads everything from disk
            one_run(watcher, display, kind, work, vault_template, bytecode_cache=args.bytecode_cache)
        for _ in range(args.repeat):
            for kind in kinds:
                run = one_run(
                    watcher,
                    display,
                    kind,
                    work,
                    vault_template,
                    bytecode_cache=args.bytecode_cache,
                    settle_s=args.settle,
                )
                if run is None:
                    print(f"{kind}: no window was mapped within 30 s", file=sys.stderr)
                else:
                    times[kind].append(run)
        watcher.close()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    report(times, args.repeat, bytecode_cache=args.bytecode_cache)


def report(times: dict[str, list[Run]], repeat: int, *, bytecode_cache: bool = True) -> None:
    cache = "bytecode cached" if bytecode_cache else "no bytecode cache"
    print(f"spawn to MapNotify under Xvfb, {repeat} interleaved runs of each ({cache})")
    print(f"  {'':8} {'median':>9} {'ratio':>6}  {'fastest':>9} {'ratio':>6}  {'CPU':>9} {'ratio':>6}")
    if not times.get("empty"):
        return

    def figures(runs: list[Run]) -> tuple[float, float, float]:
        return (
            statistics.median(w for w, _ in runs),
            min(w for w, _ in runs),
            statistics.median(c for _, c in runs),
        )

    base = figures(times["empty"])
    for kind, runs in times.items():
        if runs:
            print(
                "  "
                + f"{kind:8}"
                + "".join(
                    f" {v * 1000:6.1f} ms {v / b:5.2f}x" for v, b in zip(figures(runs), base, strict=True)
                )
            )
    print("goal: welcome and unlock within 1.3x empty")


if __name__ == "__main__":
    main()
