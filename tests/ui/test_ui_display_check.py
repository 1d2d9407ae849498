"""Started without a display (or without the libraries of Qt's X11 plugin), the app says so in one line and exits
1, instead of Qt's abort ("xcb-cursor0 is needed", exit 134); so does a DISPLAY that names no X server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clientjournal.ui.display_check import (
    NO_DISPLAY,
    X_SERVER_SILENT,
    display_problem,
    missing_xcb_libraries,
)

NOTHING_MISSING: list[str] = []


def _problem(environ: dict[str, str], argv: list[str] | None = None, missing=NOTHING_MISSING) -> str | None:
    return display_problem(
        environ, argv or ["clientjournal"], platform="linux", missing_libraries=lambda: missing
    )


def test_no_display_at_all_is_one_clear_line():
    assert _problem({}) == NO_DISPLAY
    assert "DISPLAY/WAYLAND_DISPLAY is not set" in NO_DISPLAY and "\n" not in NO_DISPLAY


@pytest.mark.parametrize(
    "environ",
    [{"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}, {"QT_QPA_PLATFORM": "offscreen"},
     {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "w"}],
)  # fmt: skip
def test_a_display_or_a_headless_platform_is_enough(environ):
    assert _problem(environ) is None


def test_a_platform_on_the_command_line_counts():
    assert _problem({}, ["clientjournal", "-platform", "offscreen"]) is None
    assert _problem({}, ["clientjournal", "-platform", "xcb"]) is not None  # xcb without DISPLAY


def test_windows_and_macos_are_not_checked():
    for platform in ("win32", "darwin"):
        assert display_problem({}, [], platform=platform) is None


def test_missing_x11_libraries_are_named_with_their_debian_packages():
    line = _problem({"DISPLAY": ":0"}, missing=["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"])
    assert line is not None and "\n" not in line
    assert "libxcb-cursor.so.0" in line and "sudo apt install libxcb-cursor0 libxkbcommon-x11-0" in line
    # Wayland is used where both exist: the X11 plugin's libraries do not matter then
    assert _problem({"DISPLAY": ":0", "WAYLAND_DISPLAY": "w"}, missing=["libxcb-cursor.so.0"]) is None


def test_a_library_is_missing_only_when_neither_the_folders_nor_the_loader_know_it():
    asked: list[str] = []

    def loads(name: str) -> bool:
        asked.append(name)
        return name != "libxcb-cursor.so.0"

    found_on_disk = missing_xcb_libraries({}, exists=lambda path: "cursor" not in path, loads=loads)
    assert found_on_disk == ["libxcb-cursor.so.0"] and asked == ["libxcb-cursor.so.0"]
    assert missing_xcb_libraries({}, exists=lambda path: True, loads=lambda name: False) == []


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11 and Wayland displays")
def test_the_real_entry_point_without_a_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    done = subprocess.run(
        [sys.executable, "-m", "clientjournal.app", "--data-dir", str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == NO_DISPLAY  # one line, nothing from Qt
    assert not (tmp_path / "data").exists()  # nothing created either


def test_on_windows_the_app_id_is_set_before_qt_starts(monkeypatch):
    import clientjournal.notify.other as other
    from clientjournal.app import _before_qt
    from clientjournal.config import APP_ID

    calls: list[str] = []
    monkeypatch.setattr(other, "set_app_user_model_id", lambda app_id: calls.append(app_id) or True)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert _before_qt(["clientjournal"]) is None
    assert calls == [APP_ID]


# ---- a DISPLAY that names no X server ------------------------------------------------------------------------------


def _unused_display() -> str:
    """A display number no X server here holds (no socket, no lock file)."""
    for number in range(150, 400):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and not os.path.exists(f"/tmp/.X{number}-lock"):
            return f":{number}"
    pytest.skip("no unused X display number")


def _clientjournal_script() -> str:
    script = os.path.join(os.path.dirname(sys.executable), "clientjournal")
    if not os.path.exists(script):
        pytest.skip("the clientjournal console script is not installed next to this Python")
    return script


def _gui_env(tmp_path, display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(
        DISPLAY=display, XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache")
    )
    env.pop("CLIENTJOURNAL_DATA_DIR", None)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11")
def test_the_real_entry_point_with_a_display_that_names_no_server(tmp_path):
    display = _unused_display()
    done = subprocess.run(
        [_clientjournal_script(), "--data-dir", str(tmp_path / "data")],
        env=_gui_env(tmp_path, display),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # not Qt's abort (134)
    assert done.stderr.strip() == X_SERVER_SILENT.replace("{display}", display)  # one line, nothing from Qt
    assert not (tmp_path / "data").exists()  # nothing created either


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("Xvfb") is None,
    reason="needs Xvfb (Debian: xvfb)",
)
def test_the_real_entry_point_still_opens_its_window_on_a_live_x_server(tmp_path):
    """The check must not stand in the way: on a real X server the first window is mapped as before."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        from bench_startup_outside import MapWatcher, start_xvfb
    finally:
        sys.path.pop(0)

    server, number = start_xvfb()
    app = None
    try:
        watcher = MapWatcher(number)
        app = subprocess.Popen(
            [_clientjournal_script(), "--data-dir", str(tmp_path / "data")],
            env=_gui_env(tmp_path, f":{number}"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        mapped = watcher.wait_for_map(time.perf_counter() + 60)  # a deadline, not a measurement
        watcher.close()
        assert mapped is not None, "no window was mapped"
        assert app.poll() is None  # still running, showing the welcome window
    finally:
        if app is not None:
            app.terminate()
            app.communicate(timeout=30)
        server.terminate()
        server.wait()
