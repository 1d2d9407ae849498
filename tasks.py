#!/usr/bin/env python3
"""Developer tasks for ClientJournal: standard library only, on Windows, macOS and Linux.

    python3 tasks.py run [ARGS...]    install into .venv if needed, then start the app
    python3 tasks.py cli [ARGS...]    the same, for the headless clientjournal-cli
    python3 tasks.py test [ARGS...]   install the test tools, then run pytest with ARGS
    python3 tasks.py lint             ruff check, ruff format --check, mypy, lint-imports
    python3 tasks.py translations     update resources/translations/*.ts from the UI sources (lupdate)
    python3 tasks.py install          (re)install into .venv; --force reinstalls
    python3 tasks.py package [ARGS]   freeze the app with PyInstaller; on Linux also the tarball, .deb and AppDir
                                      (packaging/README.md; ARGS go to packaging/build.py)

The virtual environment lives in ``.venv`` beside this file and is created on first use. The
package is installed editable (``pip install -e .[extras]``); a stamp file in ``.venv`` remembers
a hash of pyproject.toml and the extras, so re-runs skip pip until pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".clientjournal-install.json"
WINDOWS = os.name == "nt"
BIN = VENV / ("Scripts" if WINDOWS else "bin")
PYTHON = BIN / ("python.exe" if WINDOWS else "python")
MIN_PYTHON = (3, 11)

RUN_EXTRAS = ("postgres",)
DEV_EXTRAS = ("postgres", "test")


def say(message: str) -> None:
    print(f"tasks.py: {message}", flush=True)


def call(argv: Sequence[str | os.PathLike[str]]) -> int:
    """Run a command in the project root and return its exit code (128+N if killed by signal N)."""
    code = subprocess.call([os.fspath(a) for a in argv], cwd=ROOT)
    return 128 - code if code < 0 else code


def check(argv: Sequence[str | os.PathLike[str]]) -> None:
    code = call(argv)
    if code != 0:
        say(f"failed ({code}): {' '.join(os.fspath(a) for a in argv)}")
        raise SystemExit(code)


def tool(name: str) -> Path:
    """A console script installed in the venv."""
    return BIN / (f"{name}.exe" if WINDOWS else name)


def ensure_venv() -> None:
    if PYTHON.exists():
        return
    if sys.version_info < MIN_PYTHON:
        raise SystemExit(
            f"tasks.py: ClientJournal needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; "
            f"this is {sys.version.split()[0]}. Run tasks.py with a newer python3."
        )
    say(f"creating {VENV.relative_to(ROOT)} with {sys.executable}")
    check([sys.executable, "-m", "venv", VENV])
    check([PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])


def install_fingerprint() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(os.fspath(ROOT).encode())
    return digest.hexdigest()


def read_stamp() -> dict[str, object]:
    try:
        data = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def ensure_installed(extras: Sequence[str], force: bool = False) -> None:
    """``pip install -e .[extras]`` unless the stamp says it is already done for this pyproject."""
    ensure_venv()
    stamp = read_stamp()
    installed = stamp.get("extras")
    fingerprint = install_fingerprint()
    if (
        not force
        and stamp.get("pyproject") == fingerprint
        and isinstance(installed, list)
        and set(extras) <= set(installed)
    ):
        return
    # Keep what an earlier install brought (e.g. `test`) when pyproject itself is unchanged.
    wanted = set(extras)
    if stamp.get("pyproject") == fingerprint and isinstance(installed, list):
        wanted |= {str(extra) for extra in installed}
    target = f".[{','.join(sorted(wanted))}]" if wanted else "."
    say(f"installing {target} into {VENV.relative_to(ROOT)} (pyproject.toml changed or new venv)")
    STAMP.unlink(missing_ok=True)
    check([PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-e", target])
    STAMP.write_text(
        json.dumps({"pyproject": fingerprint, "extras": sorted(wanted)}, indent=2) + "\n",
        encoding="utf-8",
    )


TRANSLATIONS = ROOT / "resources" / "translations"
TS_LANGUAGES = ("en", "nb")


def build_translations() -> None:
    """Compile every resources/translations/*.ts into its .qm (built, never committed) when out of date."""
    lrelease = tool("pyside6-lrelease")
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        if not lrelease.exists():
            say(f"{lrelease.name} not found in {BIN}; {ts.name} not compiled")
            return
        check([lrelease, "-silent", ts, "-qm", qm])


def ui_sources() -> list[Path]:
    """The Python files whose tr()/translate() texts belong in the catalogue."""
    return [*sorted((ROOT / "clientjournal" / "ui").rglob("*.py")), ROOT / "clientjournal" / "app.py"]


# --- commands ------------------------------------------------------------------------------------


def cmd_run(args: Sequence[str]) -> int:
    ensure_installed(RUN_EXTRAS)
    build_translations()
    return call([tool("clientjournal"), *args])


def cmd_cli(args: Sequence[str]) -> int:
    ensure_installed(RUN_EXTRAS)
    return call([tool("clientjournal-cli"), *args])


def cmd_test(args: Sequence[str]) -> int:
    ensure_installed(DEV_EXTRAS)
    build_translations()
    return call([PYTHON, "-m", "pytest", *args])


def cmd_translations(args: Sequence[str]) -> int:
    """Run lupdate over the UI sources into each .ts (obsolete texts dropped), then compile them."""
    ensure_installed(RUN_EXTRAS)
    sources = [os.fspath(path.relative_to(ROOT)) for path in ui_sources()]
    for language in TS_LANGUAGES:
        ts = TRANSLATIONS / f"clientjournal_{language}.ts"
        # English is the source language, so its catalogue needs only the plural forms ("1 entry", "2 entries").
        plurals_only = ["-pluralonly"] if language == "en" else []
        options = ["-no-obsolete", *plurals_only, "-locations", "none"]
        check([tool("pyside6-lupdate"), *options, *sources, "-ts", ts, *args])
    build_translations()
    return 0


def cmd_lint(args: Sequence[str]) -> int:
    ensure_installed(DEV_EXTRAS)
    steps: list[tuple[str, list[str | os.PathLike[str]]]] = [
        ("ruff check", [PYTHON, "-m", "ruff", "check", ".", *args]),
        ("ruff format --check", [PYTHON, "-m", "ruff", "format", "--check", "."]),
        ("mypy clientjournal", [PYTHON, "-m", "mypy", "clientjournal"]),
        ("lint-imports", [tool("lint-imports"), "--no-cache", "--no-logo"]),
    ]
    failed = []
    for title, argv in steps:
        say(f"--- {title}")
        if call(argv) != 0:
            failed.append(title)
    if failed:
        say(f"lint FAILED: {', '.join(failed)}")
        return 1
    say("lint passed")
    return 0


def cmd_install(args: Sequence[str]) -> int:
    ensure_installed(DEV_EXTRAS, force="--force" in args)
    return 0


PACKAGING_REQUIREMENTS = ROOT / "packaging" / "requirements.txt"  # the pinned PyInstaller


def cmd_package(args: Sequence[str]) -> int:
    """Build dist/clientjournal (both executables) and the platform's installers; see packaging/README.md."""
    ensure_installed(RUN_EXTRAS)
    build_translations()
    pip = [PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    check([*pip, "-r", PACKAGING_REQUIREMENTS])
    return call([PYTHON, ROOT / "packaging" / "build.py", *args])


COMMANDS = {
    "run": cmd_run,
    "cli": cmd_cli,
    "test": cmd_test,
    "lint": cmd_lint,
    "install": cmd_install,
    "translations": cmd_translations,
    "package": cmd_package,
}


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 0 if argv and argv[0] in {"-h", "--help", "help"} else 2
    command, *rest = argv
    try:
        return COMMANDS[command](rest)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
