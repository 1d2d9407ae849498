"""Started without a display (or without the libraries of Qt's X11 plugin), the app says so in one line and exits
1, instead of Qt's abort ("xcb-cursor0 is needed", exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from clientjournal.ui.display_check import NO_DISPLAY, display_problem, missing_xcb_libraries

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
