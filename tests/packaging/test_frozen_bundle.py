"""The frozen PyInstaller bundle, the .deb and the AppDir, run as a user would (slow: needs a built bundle).

.ci/run builds them with ``python3 tasks.py package`` and runs this file with ``CLIENTJOURNAL_BUNDLE_DIR=dist``.
Locally: the same, or ``CLIENTJOURNAL_BUILD_BUNDLE=1`` to have the first test build into dist/ (~3 minutes).
Without either the tests skip: the ordinary suite must not spend minutes freezing the app.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import layout  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.bundle,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux artefacts are built on Linux"),
]

PASSPHRASE = "frozen bundle passphrase"
CHECK = ROOT / "packaging" / "check_bundle.py"


@pytest.fixture(scope="module")
def dist() -> Path:
    configured = os.environ.get("CLIENTJOURNAL_BUNDLE_DIR")
    if configured:
        folder = Path(configured)
        folder = folder if folder.is_absolute() else ROOT / folder
    elif os.environ.get("CLIENTJOURNAL_BUILD_BUNDLE") == "1":
        subprocess.run(
            [sys.executable, str(ROOT / "tasks.py"), "package"], cwd=ROOT, check=True, timeout=1800
        )
        folder = ROOT / "dist"
    else:
        pytest.skip(
            "no frozen bundle: run `python3 tasks.py package` and set CLIENTJOURNAL_BUNDLE_DIR=dist "
            "(what .ci/run does), or set CLIENTJOURNAL_BUILD_BUNDLE=1"
        )
    assert (folder / layout.BUNDLE_NAME / layout.CLI_NAME).is_file(), f"no bundle in {folder}"
    return folder


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert found, f"no {pattern} in {folder}"
    return found[-1]


def _clean_env(home: Path) -> dict[str, str]:
    """No Python, venv or checkout anywhere on the paths: what a user's shell gives the installed commands."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "CLIENTJOURNAL_PASSPHRASE": PASSPHRASE,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return env


def test_bundle_check_passes(dist: Path) -> None:
    """packaging/check_bundle.py: modules, resources, migrations; CLI init/demo/export/report with no Qt mapped in
    its process; the GUI's first window offscreen and, where xvfb-run is installed, under Xvfb."""
    argv = [sys.executable, str(CHECK), str(dist / layout.BUNDLE_NAME)]
    if shutil.which("xvfb-run"):
        argv.append("--xvfb")
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=900, check=False)
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "no Qt module loaded, no Qt library mapped" in proc.stdout
    assert re.search(r"clientjournal-cli init: exit 0 .* no Qt library in /proc/PID/maps", proc.stdout)
    assert "GUI (offscreen): first window" in proc.stdout


def test_deb_in_a_scratch_root_gives_a_working_cli_and_gui(dist: Path, tmp_path: Path) -> None:
    deb = _one(dist, "clientjournal_*.deb")
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True, timeout=300)
    info = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Depends"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Package: clientjournal" in info.stdout and "libc6 (>= 2.34)" in info.stdout
    app_id = layout.app_id()
    for path in (
        f"opt/clientjournal/{layout.GUI_NAME}",
        f"opt/clientjournal/{layout.CLI_NAME}",
        f"usr/share/applications/{app_id}.desktop",
        f"usr/share/metainfo/{app_id}.metainfo.xml",
        f"usr/share/icons/hicolor/scalable/apps/{app_id}.svg",
        *(f"usr/share/icons/hicolor/{n}x{n}/apps/{app_id}.png" for n in (16, 32, 48, 64, 128, 256, 512)),
    ):
        assert (root / path).is_file(), path
    for name in (layout.GUI_NAME, layout.CLI_NAME):
        link = root / "usr" / "bin" / name
        assert link.is_symlink() and os.readlink(link) == f"../../opt/clientjournal/{name}"
    # Every file is dpkg's own (nothing made by maintainer scripts), so removing the package removes them all.
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    assert all(
        " ./opt/" in line or " ./usr/" in line or line.endswith(" ./") for line in listing.splitlines()
    )

    cli = root / "usr" / "bin" / layout.CLI_NAME
    env = _clean_env(tmp_path / "home")
    vault = ["--data-dir", str(tmp_path / "vault")]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [str(cli), *vault, *args], env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert proc.returncode == 0, f"{args}: {proc.stderr}"
        return proc

    run("init")
    run("demo", "--clients", "3", "--entries-per-client", "15", "--seed", "3")
    run("export", "--out", str(tmp_path / "out.json"))
    assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["clients"]) == 3
    if (
        "report"
        in subprocess.run([str(cli), "--help"], env=env, capture_output=True, text=True, check=False).stdout
    ):
        clients = json.loads(run("--json", "clients").stdout)
        first = clients[0] if isinstance(clients, list) else next(iter(clients.values()))[0]
        run("report", "--client", str(first.get("id") or first["name"]), "--out", str(tmp_path / "r.pdf"))
        assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"

    # The installed desktop app, started through its /usr/bin link, shows its first window (Xvfb when available).
    from check_bundle import first_window

    xvfb = shutil.which("xvfb-run") is not None
    seconds, detail = first_window(
        root / "usr" / "bin" / layout.GUI_NAME, tmp_path / "vault", tmp_path / "home", xvfb=xvfb
    )
    assert seconds is not None, f"no first window from the .deb's clientjournal: {detail}"


def test_deb_metadata_is_valid(dist: Path, tmp_path: Path) -> None:
    for tool in ("desktop-file-validate", "appstreamcli"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed here (.ci/run installs it)")
    root = tmp_path / "root"
    subprocess.run(
        ["dpkg-deb", "-x", str(_one(dist, "clientjournal_*.deb")), str(root)], check=True, timeout=300
    )
    app_id = layout.app_id()
    subprocess.run(
        ["desktop-file-validate", str(root / f"usr/share/applications/{app_id}.desktop")], check=True
    )
    subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(root / f"usr/share/metainfo/{app_id}.metainfo.xml")],
        check=True,
    )


def test_tarball_holds_the_bundle(dist: Path) -> None:
    with tarfile.open(_one(dist, "clientjournal-*-linux-*.tar.gz")) as archive:
        names = set(archive.getnames())
    top = f"clientjournal-{layout.version()}"
    for name in (layout.GUI_NAME, layout.CLI_NAME, "_internal/clientjournal/_resources/playbook/en.json"):
        assert f"{top}/{name}" in names, name
    assert f"{top}/share/{layout.app_id()}.desktop" in names


def test_appdir_is_ready_for_appimagetool(dist: Path, tmp_path: Path) -> None:
    appdir = dist / "ClientJournal.AppDir"
    app_id = layout.app_id()
    for name in (
        "AppRun",
        f"{app_id}.desktop",
        f"{app_id}.png",
        ".DirIcon",
        f"usr/share/metainfo/{app_id}.appdata.xml",
    ):
        assert (appdir / name).exists(), name
    assert os.access(appdir / "AppRun", os.X_OK)
    proc = subprocess.run(
        [str(appdir / "AppRun"), "--cli", "--help"],
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0 and "init" in proc.stdout, proc.stderr
