"""Prove a frozen bundle complete, in the spirit of MusicBrainz Picard's ``check-cli-bundle``.

    python3 packaging/check_bundle.py [BUNDLE]        # default dist/clientjournal; exit 1 on any problem
    python3 packaging/check_bundle.py BUNDLE --xvfb   # also show the GUI's first window under Xvfb
    python3 packaging/check_bundle.py BUNDLE --startup 5   # frozen vs source time to first window (5 runs each)

Standard library only; needs no Python inside the bundle and runs with any python3 >= 3.11. It runs each frozen
executable and checks, from inside it (packaging/pyi_rth_clientjournal.py answers the request):

* every clientjournal module (the CLI: the core only) and every module loaded by name at run time (SQLAlchemy
  dialects, Alembic, keyring backends, Typst... packaging/layout.py) imports; the GUI also imports every Qt module
  the sources name;
* every file under resources/ is found through clientjournal.resources (translations as compiled .qm);
* Alembic finds its migration scripts on disk;
* the CLI has no Qt module loaded and no Qt library mapped (/proc/self/maps);

then uses the CLI as a user would, with a clean environment (no Python, no venv on PATH): ``init``, ``demo``,
``export`` and, once the command exists, ``report``, watching /proc/PID/maps of each run for Qt libraries; and starts
the GUI under QT_QPA_PLATFORM=offscreen (and Xvfb with --xvfb) until its first window is exposed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import layout

PASSPHRASE = "bundle check passphrase"
WINDOWS = os.name == "nt"
EXE = ".exe" if WINDOWS else ""
QT_LIBRARY = re.compile(r"(libQt6|libpyside6|libshiboken6|/PySide6/|/shiboken6/|Qt6Core|QtCore)")


class Problems(list[str]):
    def add(self, message: str) -> None:
        print(f"  FAIL {message}", flush=True)
        self.append(message)


def ok(message: str) -> None:
    print(f"  ok   {message}", flush=True)


def executable(bundle: Path, name: str) -> Path:
    if sys.platform == "darwin" and bundle.suffix == ".app":
        return bundle / "Contents" / "MacOS" / name
    return bundle / f"{name}{EXE}"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """No Python, venv or checkout on any path; a private HOME and XDG folders; the passphrase from env."""
    keep = ("LANG", "LC_ALL", "TZ", "SYSTEMROOT", "WINDIR", "TEMP", "TMP", "DISPLAY", "XAUTHORITY")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    path = r"C:\Windows\System32;C:\Windows" if WINDOWS else "/usr/bin:/bin"
    env.update(
        {
            "PATH": path,
            "HOME": str(home),
            "USERPROFILE": str(home),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_RUNTIME_DIR": str(home / "runtime"),
            "CLIENTJOURNAL_PASSPHRASE": PASSPHRASE,
            # No secret store in a check: the app then says so instead of waiting for one.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    (home / "runtime").mkdir(parents=True, mode=0o700, exist_ok=True)
    env.update(extra)
    return env


def module_names(*, gui: bool) -> list[str]:
    """Every clientjournal module (the CLI's: the core only), the by-name modules, and for the GUI its Qt modules."""
    names = [name for name in layout.clientjournal_modules() if gui or not layout.gui_only(name)]
    names += [m for m in layout.DYNAMIC_MODULES]
    names += [m for m in layout.PLATFORM_DYNAMIC_MODULES.get(layout.platform_key(), ())]
    if gui:
        names += qt_modules_used()
    return names


def qt_modules_used() -> list[str]:
    found = set()
    for path in layout.PACKAGE.rglob("*.py"):
        found.update(re.findall(r"\bPySide6\.(Qt[A-Za-z]+)", path.read_text(encoding="utf-8")))
    return [f"PySide6.{name}" for name in sorted(found)]


def optional_modules(bundle: Path) -> list[str]:
    """The optional by-name modules the bundle claims to carry (their folder is in _internal)."""
    internal = bundle / "_internal"
    if sys.platform == "darwin" and bundle.suffix == ".app":
        internal = bundle / "Contents" / "Frameworks"
    return [
        m
        for m in layout.OPTIONAL_DYNAMIC_MODULES
        if (internal / m).exists() and m not in layout.NOT_IMPORTED_ALONE
    ]


def self_check(exe: Path, modules: list[str], home: Path, problems: Problems, *, gui: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="cj-check-") as scratch:
        request = Path(scratch) / "request.json"
        out = Path(scratch) / "result.json"
        request.write_text(
            json.dumps(
                {
                    "modules": modules,
                    "resources": layout.expected_resources(),
                    "migrations": True,
                    "out": str(out),
                }
            ),
            encoding="utf-8",
        )
        env = clean_env(home, CLIENTJOURNAL_BUNDLE_CHECK=str(request))
        proc = subprocess.run([str(exe)], env=env, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603 - our own executables and tools
        if not out.is_file():
            problems.add(
                f"{exe.name}: no answer to the bundle check (exit {proc.returncode}): {proc.stderr[-2000:]}"
            )
            return
        result = json.loads(out.read_text(encoding="utf-8"))
    if not result.get("frozen"):
        problems.add(f"{exe.name}: sys.frozen is not set: not a PyInstaller executable?")
    failed = {name: error for name, error in result["modules"].items() if error}
    if failed:
        for name, error in sorted(failed.items()):
            problems.add(f"{exe.name}: module {name} does not import: {error}")
    else:
        ok(f"{exe.name}: {len(result['modules'])} modules import")
    if "resources_error" in result:
        problems.add(f"{exe.name}: resources: {result['resources_error']}")
    missing = sorted(name for name, present in result["resources"].items() if not present)
    if missing:
        problems.add(f"{exe.name}: resources missing: {missing}")
    else:
        ok(f"{exe.name}: {len(result['resources'])} resources present")
    heads = result.get("migration_heads")
    if isinstance(heads, list) and heads:
        ok(f"{exe.name}: Alembic migrations found (head {', '.join(heads)})")
    else:
        problems.add(f"{exe.name}: Alembic migration scripts not found: {heads}")
    if not gui:
        if result["qt_modules_loaded"]:
            problems.add(f"{exe.name}: Qt modules loaded: {result['qt_modules_loaded'][:5]}")
        elif result["qt_libraries_mapped"]:
            problems.add(f"{exe.name}: Qt libraries mapped: {result['qt_libraries_mapped'][:5]}")
        else:
            ok(f"{exe.name}: no Qt module loaded, no Qt library mapped after importing the whole core")


def qt_in_maps(pid: int) -> list[str]:
    try:
        text = Path(f"/proc/{pid}/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return sorted({line.split()[-1] for line in text.splitlines() if QT_LIBRARY.search(line)})


def run_cli(
    exe: Path, args: list[str], env: dict[str, str], problems: Problems
) -> subprocess.CompletedProcess[str] | None:
    """Run the frozen CLI, reading its /proc/PID/maps every few milliseconds while it runs (Linux)."""
    started = time.monotonic()
    proc = subprocess.Popen(  # noqa: S603 - our own executables and tools
        [str(exe), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    mapped: set[str] = set()
    samples = 0
    watching = Path(f"/proc/{proc.pid}/maps").exists()
    while watching and proc.poll() is None:
        mapped.update(qt_in_maps(proc.pid))
        samples += 1
        time.sleep(0.005)
    stdout, stderr = proc.communicate(timeout=300)
    elapsed = time.monotonic() - started
    result = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    words = [
        a for i, a in enumerate(args) if not a.startswith("-") and (i == 0 or args[i - 1] != "--data-dir")
    ]
    label = f"clientjournal-cli {words[0] if words else ' '.join(args)}"
    if proc.returncode != 0:
        problems.add(f"{label}: exit {proc.returncode}: {stderr.strip()[-1500:]}")
        return None
    if mapped:
        problems.add(f"{label}: Qt libraries mapped into the process: {sorted(mapped)[:5]}")
    else:
        note = f", no Qt library in /proc/PID/maps ({samples} samples)" if watching else ""
        ok(f"{label}: exit 0 in {elapsed:.2f} s{note}")
    return result


def cli_session(exe: Path, home: Path, problems: Problems) -> None:
    data = home / "vault"
    env = clean_env(home)
    base = ["--data-dir", str(data)]
    if run_cli(exe, ["--help"], env, problems) is None:
        return
    help_text = subprocess.run(  # noqa: S603 - our own executables and tools
        [str(exe), "--help"], env=env, capture_output=True, text=True, check=False
    ).stdout
    if run_cli(exe, [*base, "init"], env, problems) is None:
        return
    run_cli(
        exe, [*base, "demo", "--clients", "8", "--entries-per-client", "40", "--seed", "7"], env, problems
    )
    export = home / "export.json"
    if run_cli(exe, [*base, "export", "--out", str(export)], env, problems) is not None:
        try:
            document = json.loads(export.read_text(encoding="utf-8"))
            count = len(document["clients"])
            ok(f"export: a format-{document['version']} file with {count} clients")
        except (OSError, ValueError, KeyError) as exc:
            problems.add(f"export: not a readable export: {exc}")
    listed = run_cli(exe, [*base, "--json", "clients"], env, problems)
    if re.search(r"^\s+report\b|[{,]report[,}]", help_text, re.MULTILINE) and listed is not None:
        try:
            clients = json.loads(listed.stdout)
            first = clients[0] if isinstance(clients, list) else next(iter(clients.values()))[0]
            client = str(first.get("id") or first.get("name"))
        except (ValueError, KeyError, IndexError, StopIteration, AttributeError) as exc:
            problems.add(f"clients --json: cannot pick a client for the report: {exc}")
            return
        pdf = home / "report.pdf"
        if run_cli(exe, [*base, "report", "--client", client, "--out", str(pdf)], env, problems) is not None:
            if pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-":
                ok(f"report: a {pdf.stat().st_size // 1024} KB PDF")
            else:
                problems.add("report: no PDF written")
    else:
        print("  skip report: this build's clientjournal-cli has no report command yet", flush=True)


def first_window(exe: Path, data: Path, home: Path, *, xvfb: bool) -> tuple[float | None, str]:
    """Seconds from just before start until the GUI's first window is exposed (None on failure), and a detail."""
    with tempfile.TemporaryDirectory(prefix="cj-window-") as scratch:
        out = Path(scratch) / "window.txt"
        env = clean_env(home, CLIENTJOURNAL_FIRST_WINDOW_PROBE=str(out))
        env.pop("CLIENTJOURNAL_PASSPHRASE")
        command = [str(exe), "--data-dir", str(data)]
        if xvfb:
            env["QT_QPA_PLATFORM"] = "xcb"
            env["PATH"] = os.environ.get("PATH", env["PATH"])  # xvfb-run and xauth
            command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *command]
        start = time.perf_counter()
        env["CLIENTJOURNAL_FIRST_WINDOW_T0"] = repr(start)
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603 - our own executables and tools
        text = out.read_text(encoding="utf-8") if out.is_file() else ""
    match = re.match(r"EXPOSED (\S+) (\S+)", text)
    if match is None:
        return None, f"exit {proc.returncode}: {proc.stderr.strip()[-1500:]}"
    return float(match.group(1)), match.group(2)


SOURCE_CHILD = textwrap.dedent(
    """
    import os, sys, time
    t0 = float(sys.argv[1])
    from clientjournal.ui import controller as _controller
    _start = _controller.AppController.start

    def start(self):
        _start(self)
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

    _controller.AppController.start = start
    from clientjournal.app import main
    sys.exit(main(["clientjournal", "--data-dir", sys.argv[2]]))
    """
)


def first_window_from_source(python: str, data: Path, home: Path) -> float | None:
    env = clean_env(home)
    env.pop("CLIENTJOURNAL_PASSPHRASE")
    env["PYTHONPATH"] = str(layout.ROOT)
    start = time.perf_counter()
    proc = subprocess.run(  # noqa: S603 - our own executables and tools
        [python, "-c", SOURCE_CHILD, repr(start), str(data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    match = re.search(r"EXPOSED (\S+)", proc.stdout)
    return float(match.group(1)) if match else None


def startup_ratio(exe: Path, data: Path, home: Path, repeat: int, python: str) -> tuple[float, float, float]:
    """Median seconds to the first window, frozen and from source (interleaved runs, offscreen), and the ratio."""
    frozen, source = [], []
    for _ in range(repeat):
        f, _detail = first_window(exe, data, home, xvfb=False)
        s = first_window_from_source(python, data, home)
        if f is not None:
            frozen.append(f)
        if s is not None:
            source.append(s)
    if not frozen or not source:
        raise RuntimeError("could not time the first window")
    f_med, s_med = statistics.median(frozen), statistics.median(source)
    return f_med, s_med, f_med / s_med


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("bundle", nargs="?", default=str(layout.ROOT / "dist" / layout.BUNDLE_NAME))
    parser.add_argument("--xvfb", action="store_true", help="also start the GUI under xvfb-run (X11)")
    parser.add_argument("--no-gui", action="store_true", help="check the CLI only")
    parser.add_argument(
        "--startup", type=int, metavar="N", help="time the first window, frozen vs source, N runs"
    )
    parser.add_argument(
        "--python", default=str(layout.ROOT / ".venv" / "bin" / "python"), help="for --startup"
    )
    args = parser.parse_args(argv)
    bundle = Path(args.bundle).resolve()
    problems = Problems()
    cli, gui = executable(bundle, layout.CLI_NAME), executable(bundle, layout.GUI_NAME)
    for exe in (cli, gui):
        if not exe.is_file():
            problems.add(f"{exe} is missing")
    if problems:
        return 1
    with tempfile.TemporaryDirectory(prefix="cj-bundle-") as scratch:
        home = Path(scratch)
        print(f"{cli}:", flush=True)
        self_check(cli, module_names(gui=False) + optional_modules(bundle), home, problems, gui=False)
        cli_session(cli, home, problems)
        if not args.no_gui:
            print(f"{gui}:", flush=True)
            self_check(gui, module_names(gui=True) + optional_modules(bundle), home, problems, gui=True)
            platforms = [False] + ([True] if args.xvfb else [])
            for xvfb in platforms:
                if xvfb and shutil.which("xvfb-run") is None:
                    problems.add("--xvfb: xvfb-run is not installed")
                    continue
                seconds, detail = first_window(gui, home / "vault", home, xvfb=xvfb)
                where = "Xvfb" if xvfb else "offscreen"
                if seconds is None:
                    problems.add(f"GUI ({where}): no window: {detail}")
                else:
                    ok(f"GUI ({where}): first window ({detail}) exposed after {seconds:.3f} s")
            if args.startup and not problems:
                frozen, source, ratio = startup_ratio(gui, home / "vault", home, args.startup, args.python)
                print(
                    f"  time to first window (offscreen, median of {args.startup}): frozen {frozen:.3f} s, "
                    f"from source {source:.3f} s, ratio {ratio:.2f}",
                    flush=True,
                )
                print(f"STARTUP frozen={frozen:.6f} source={source:.6f} ratio={ratio:.4f}", flush=True)
    if problems:
        print(f"bundle check FAILED: {len(problems)} problem(s)", flush=True)
        return 1
    print("bundle check passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
