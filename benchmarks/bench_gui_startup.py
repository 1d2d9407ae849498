"""Time to the first window, against an empty PySide6 window started in the same run, and unlock to main window.

    .venv/bin/python benchmarks/bench_gui_startup.py                       # offscreen (+ xvfb when available)
    .venv/bin/python benchmarks/bench_gui_startup.py --repeat 7 --clients 1000 --entries-per-client 100
    .venv/bin/python benchmarks/bench_gui_startup.py --platform offscreen  # one platform only

Start-up: the parent takes a ``time.perf_counter()`` stamp (CLOCK_MONOTONIC: the same clock in every process
on the machine) and starts a child with it. The child is either

* ``empty``: import PySide6.QtWidgets, make a QApplication, show an empty QMainWindow; or
* ``app``: ``clientjournal.app.main`` on a data directory that holds a vault (so the unlock dialog is its
  first window), with ``AppController.start`` wrapped to watch for the first window;

and prints the time from the parent's stamp until a top-level window's ``windowHandle().isExposed()`` (polled
from a zero-delay timer right after ``show()``). Each kind runs ``--repeat`` times, interleaved, under
QT_QPA_PLATFORM=offscreen and under ``xvfb-run`` (xcb) when it is installed. Goal: app ≤ 1.5x empty.

Unlock to main window: in this process, with a demo vault of ``--clients`` x ``--entries-per-client``: the
KDF (Argon2id, the vault's own parameters) is reported on its own; then the MainWindow is built and shown and
its client list and the first page of the all-clients timeline are waited for. Goal: KDF + under 0.5 s.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "benchmark passphrase"
NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)

_WATCH = textwrap.dedent(
    """
    import os, sys, time
    t0 = float(sys.argv[1])

    def watch():
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def check():
            for widget in QApplication.topLevelWidgets():
                handle = widget.windowHandle()
                if widget.isVisible() and handle is not None and handle.isExposed():
                    print(f"EXPOSED {time.perf_counter() - t0:.6f} {type(widget).__name__}", flush=True)
                    os._exit(0)
            QTimer.singleShot(1, check)

        QTimer.singleShot(0, check)
    """
)

EMPTY_CHILD = _WATCH + textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("empty")
    window.resize(640, 480)
    window.show()
    watch()
    app.exec()
    """
)

APP_CHILD = _WATCH + textwrap.dedent(
    """
    from clientjournal.ui import controller as _controller
    _start = _controller.AppController.start

    def start(self):
        _start(self)
        watch()

    _controller.AppController.start = start
    from clientjournal.app import main
    sys.exit(main(["clientjournal", "--data-dir", sys.argv[2]]))
    """
)


def run_child(code: str, platform: str, data_dir: Path, home: Path) -> float | None:
    env = dict(os.environ)
    env.update(
        {
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_RUNTIME_DIR": str(home / "runtime"),
            "PYTHONPATH": str(ROOT),
        }
    )
    env.pop("CLIENTJOURNAL_PASSPHRASE", None)
    (home / "runtime").mkdir(mode=0o700, exist_ok=True)
    command = [sys.executable, "-c", code]
    if platform == "xcb":
        env["QT_QPA_PLATFORM"] = "xcb"
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *command]
    else:
        env["QT_QPA_PLATFORM"] = platform
    start = time.perf_counter()
    proc = subprocess.run(
        [*command, repr(start), str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("EXPOSED "):
            return float(line.split()[1])
    print(f"  child failed ({proc.returncode}): {proc.stderr.strip()[-400:]}", file=sys.stderr)
    return None


def startup(platform: str, repeat: int, data_dir: Path) -> None:
    empty: list[float] = []
    app: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        for _ in range(repeat):
            for code, times in ((EMPTY_CHILD, empty), (APP_CHILD, app)):
                value = run_child(code, platform, data_dir, Path(home))
                if value is not None:
                    times.append(value)
    if not empty or not app:
        print(f"{platform:<10} no result")
        return
    e, a = statistics.median(empty), statistics.median(app)
    note = " (xvfb-run: includes starting the X server)" if platform == "xcb" else ""
    print(
        f"{platform:<10} empty PySide6 window {e * 1000:7.0f} ms   clientjournal unlock window {a * 1000:7.0f} ms"
        f"   ratio {a / e:4.2f}x (goal <= 1.5x){note}"
    )
    print(f"{'':<10} runs: empty {[round(x * 1000) for x in empty]}  app {[round(x * 1000) for x in app]}")


def make_vault(data_dir: Path, clients: int, per_client: int) -> None:
    from clientjournal.config import resolve_location
    from clientjournal.crypto.kdf import KdfParams
    from clientjournal.demo import generate_demo
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Vault

    url = resolve_location(str(data_dir), None).database_url
    data_dir.mkdir(parents=True, exist_ok=True)
    kdf = KdfParams.minimum()
    vault, keys, _recovery = Vault.create(url, PASSPHRASE, clock=lambda: NOW, kdf=kdf)
    session = VaultSession(vault, keys)
    session.transfer.import_journals(generate_demo(clients, per_client, seed=1, now=NOW), total=clients)
    session.close()


def unlock_to_window(data_dir: Path, passphrase: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from clientjournal.config import resolve_location
    from clientjournal.ui import theme
    from clientjournal.ui.mainwindow import MainWindow
    from clientjournal.ui.vaultops import open_vault, unlock
    from clientjournal.ui.worker import BackgroundWorker

    app = QApplication.instance() or QApplication([])
    theme.apply_theme(app)  # type: ignore[arg-type]
    worker = BackgroundWorker()
    vault = open_vault(resolve_location(str(data_dir), None).database_url, lambda: NOW)
    start = time.perf_counter()
    session = unlock(vault, passphrase)
    kdf_s = time.perf_counter() - start

    marks: dict[str, float] = {}
    t0 = time.perf_counter()
    window = MainWindow(session, worker, lambda: NOW)
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    marks["window shown"] = time.perf_counter() - t0
    loop = QEventLoop()

    def mark(name: str) -> None:
        marks.setdefault(name, time.perf_counter() - t0)

    window.clients_loaded.connect(lambda: mark("clients listed"))
    window.timeline_panel.model.modelReset.connect(
        lambda: mark("first timeline page") if window.timeline.entry_count() else None
    )
    window.timeline_loaded.connect(lambda: (mark("whole timeline in memory"), loop.quit()))
    QTimer.singleShot(600_000, loop.quit)
    window.reload(select=None)
    loop.exec()
    print(f"KDF (unlock, the vault's Argon2id parameters)   {kdf_s * 1000:8.0f} ms")
    for name, seconds in marks.items():
        print(f"  unlock -> {name:<26} {seconds * 1000:8.0f} ms")
    print(f"  entries in memory: {window.timeline.total_count():,}")
    worker.wait_idle(600_000)
    window.clear()
    window.close()
    session.close()
    worker.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--entries-per-client", type=int, default=100)
    parser.add_argument("--platform", choices=("offscreen", "xcb", "both"), default="both")
    parser.add_argument("--data-dir", help="an existing vault (passphrase in CLIENTJOURNAL_PASSPHRASE)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as work:
        if args.data_dir:
            data_dir, passphrase = Path(args.data_dir), os.environ["CLIENTJOURNAL_PASSPHRASE"]
        else:
            data_dir, passphrase = Path(work) / "data", PASSPHRASE
            print(
                f"creating a demo vault of {args.clients} x {args.entries_per_client} (not timed)…",
                flush=True,
            )
            make_vault(data_dir, args.clients, args.entries_per_client)
        print(f"\ntime to the first window, median of {args.repeat} runs each (interleaved)")
        platforms = ["offscreen", "xcb"] if args.platform == "both" else [args.platform]
        for platform in platforms:
            if platform == "xcb" and shutil.which("xvfb-run") is None:
                print("xcb        skipped: xvfb-run is not installed")
                continue
            startup(platform, args.repeat, data_dir)
        print()
        unlock_to_window(data_dir, passphrase)
    return 0


if __name__ == "__main__":
    sys.exit(main())
