"""The frozen GUI's first window against the same app run from source, in the same run.

Build the bundle first (``python3 tasks.py package``), then::

    .venv/bin/python benchmarks/bench_bundle_startup.py [--runs 9]

Prints both medians and their ratio (goal: the frozen app within 1.5x the app run from source). It only measures;
it asserts nothing. The timing itself is ``packaging/check_bundle.py --startup``, which starts each one offscreen
and waits for its first window.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import layout  # noqa: E402  (packaging/layout.py: where the bundle lands)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="starts of each, interleaved (default 9)")
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="where tasks.py package put the bundle"
    )
    args = parser.parse_args()
    bundle = args.dist / layout.BUNDLE_NAME
    if not bundle.is_dir():
        print(f"no bundle at {bundle}: run `python3 tasks.py package` first", file=sys.stderr)
        return 1
    python = ROOT / ".venv" / "bin" / "python"
    command = [sys.executable, str(ROOT / "packaging" / "check_bundle.py"), str(bundle)]
    command += ["--startup", str(args.runs), "--python", str(python)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    for line in completed.stdout.splitlines():
        if line.startswith("STARTUP"):
            fields = dict(part.split("=", 1) for part in line.split()[1:])
            frozen, source, ratio = (float(fields[name]) for name in ("frozen", "source", "ratio"))
            print(f"first window, frozen bundle   {frozen * 1000:7.1f} ms (median of {args.runs})")
            print(f"first window, from source     {source * 1000:7.1f} ms")
            print(f"ratio                          {ratio:6.2f}x  (goal <= 1.5x)")
            return 0
    print(completed.stdout[-3000:] + completed.stderr[-2000:], file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
