"""Start at login (clientjournal.services.autostart) on all three platforms, from Linux.

The XDG entry is written for real into a temporary ``XDG_CONFIG_HOME`` (and checked by ``desktop-file-validate``
when it is installed); the macOS LaunchAgent into a temporary home; the Windows Run value into a fake registry.
"""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clientjournal.config import APP_ID
from clientjournal.services.autostart import Autostart
from clientjournal.services.autostart_windows import APPROVED_KEY, RUN_KEY, RUN_VALUE, windows_command_line
from clientjournal.services.desktop_entry import desktop_exec, read_desktop_group


def _unquote_exec(value: str) -> list[str]:
    """The arguments a desktop environment runs for an ``Exec`` value (Desktop Entry spec 1.4, "The Exec key")."""
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    text, i = "", 0
    while i < len(value):  # first the string escapes
        if value[i] == "\\" and i + 1 < len(value):
            text += escapes.get(value[i + 1], "\\" + value[i + 1])
            i += 2
        else:
            text += value[i]
            i += 1
    arguments: list[str] = []
    current: str | None = None
    quoted = False
    i = 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
                current = (current or "") + text[i + 1]
                i += 1
            elif char == "%":  # GLib expands field codes before it splits the arguments: inside quotes too
                assert text[i + 1] == "%", "a field code where none was meant"
                current = (current or "") + "%"
                i += 1
            elif char == '"':
                quoted = False
            else:
                current = (current or "") + char
        elif char == '"':
            quoted, current = True, current or ""
        elif char == " ":
            if current is not None:
                arguments.append(current)
            current = None
        elif char == "%":
            assert text[i + 1] == "%", "a field code where none was meant"
            current = (current or "") + "%"
            i += 1
        else:
            assert char not in "\t\n'\\><~|&;$*?#()`", f"{char!r} must be quoted"
            current = (current or "") + char
        i += 1
    assert not quoted
    if current is not None:
        arguments.append(current)
    return arguments


def _fake_install(tmp_path: Path, folder: str = "bin/with space", script: str = "clientjournal") -> Path:
    """A Python executable with the ``clientjournal`` launcher beside it; returns the executable."""
    bin_dir = tmp_path / folder
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python3"
    python.write_text("", encoding="utf-8")
    (bin_dir / script).write_text("#!/bin/sh\n", encoding="utf-8")
    return python


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    for name in ("APPIMAGE", "FLATPAK_ID"):
        monkeypatch.delenv(name, raising=False)
    return config


# ---- the command ----------------------------------------------------------------------------------------------------


def test_the_command_prefers_the_frozen_executable_then_the_launcher(tmp_path: Path) -> None:
    python = _fake_install(tmp_path)
    launcher = str(python.parent / "clientjournal")
    assert Autostart("linux", {}, tmp_path, executable=str(python), frozen=False).command() == [
        launcher,
        "--background",
    ]
    frozen = Autostart("linux", {}, tmp_path, executable="/opt/ClientJournal/clientjournal", frozen=True)
    assert frozen.command() == ["/opt/ClientJournal/clientjournal", "--background"]
    appimage = {"APPIMAGE": "/home/kari/Apps/ClientJournal-x86_64.AppImage"}
    assert Autostart("linux", appimage, tmp_path, executable=str(python), frozen=False).command() == [
        "/home/kari/Apps/ClientJournal-x86_64.AppImage",
        "--background",
    ]
    bare = tmp_path / "bare" / "python3"
    assert Autostart("linux", {}, tmp_path, executable=str(bare), frozen=False).command() == [
        str(bare),
        "-m",
        "clientjournal.app",
        "--background",
    ]


def test_the_command_of_this_checkout_is_absolute_and_exists() -> None:
    command = Autostart().command()
    assert command[-1] == "--background"
    assert Path(command[0]).is_absolute() and Path(command[0]).exists()
    if getattr(sys, "frozen", False) is False and (Path(sys.executable).parent / "clientjournal").exists():
        assert Path(command[0]).name == "clientjournal"  # the installed gui-script, next to the venv's python


def test_windows_finds_the_launcher_in_scripts(tmp_path: Path) -> None:
    python = tmp_path / "Python311" / "python.exe"
    python.parent.mkdir()
    python.write_text("", encoding="utf-8")
    (python.parent / "pythonw.exe").write_text("", encoding="utf-8")
    bare = Autostart("win32", {}, tmp_path, executable=str(python), frozen=False, registry=FakeRegistry())
    assert bare.command() == [str(python.parent / "pythonw.exe"), "-m", "clientjournal.app", "--background"]
    (python.parent / "Scripts").mkdir()
    (python.parent / "Scripts" / "clientjournal.exe").write_text("", encoding="utf-8")
    assert bare.command() == [str(python.parent / "Scripts" / "clientjournal.exe"), "--background"]


# ---- Linux: XDG autostart -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        ["/usr/bin/clientjournal", "--background"],
        ["/home/kari/My Apps/Client Journal/clientjournal", "--background"],
        ['/opt/we"ird $HOME `x` 100%/back\\slash/clientjournal', "--background"],
        ["/opt/a;b&c|d(e)*?#~<>'/clientjournal", ""],
    ],
)
def test_exec_quoting_round_trips(arguments: list[str]) -> None:
    assert _unquote_exec(desktop_exec(arguments)) == arguments


def test_exec_quoting_examples() -> None:
    assert desktop_exec(["/usr/bin/clientjournal", "--background"]) == "/usr/bin/clientjournal --background"
    assert desktop_exec(["/a b/c", "--background"]) == '"/a b/c" --background'
    assert desktop_exec(["/a\\b c"]) == '"/a\\\\\\\\b c"'  # four backslashes for one (spec)
    assert desktop_exec(["/100%/x"]) == "/100%%/x"


def test_linux_entry_is_written_read_and_removed(xdg: Path, tmp_path: Path) -> None:
    python = _fake_install(tmp_path)
    autostart = Autostart("linux", executable=str(python), frozen=False)
    entry = xdg / "autostart" / "clientjournal.desktop"
    assert autostart.location() == str(entry)
    assert not autostart.is_enabled()
    autostart.disable()  # nothing to remove: fine

    autostart.enable()
    assert autostart.is_enabled() and entry.is_file()
    assert entry.stat().st_mode & 0o077 == 0
    assert list(entry.parent.iterdir()) == [entry]  # atomic: no temporary file left behind
    keys = read_desktop_group(entry)
    assert keys is not None
    assert keys["Type"] == "Application"
    assert keys["Name"] == "ClientJournal" and keys["Comment"] and keys["Comment[nb]"]
    assert keys["Icon"] == APP_ID
    assert keys["X-GNOME-Autostart-enabled"] == "true"
    assert keys["X-GNOME-Autostart-Delay"] == "10"
    assert keys["X-KDE-autostart-after"] == "panel"
    assert _unquote_exec(keys["Exec"]) == [str(python.parent / "clientjournal"), "--background"]
    assert keys["Exec"].startswith('"')  # the folder has a space in it
    assert "Hidden" not in keys

    autostart.enable()  # twice: still one entry
    assert list(entry.parent.iterdir()) == [entry]
    autostart.disable()
    assert not entry.exists() and not autostart.is_enabled()


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed"
)
@pytest.mark.parametrize("folder", ["bin", "bin/with space", "odd $dir (1)"])
def test_linux_entry_is_valid_for_desktop_file_validate(xdg: Path, tmp_path: Path, folder: str) -> None:
    autostart = Autostart("linux", executable=str(_fake_install(tmp_path, folder)), frozen=False)
    autostart.enable()
    checked = subprocess.run(
        ["desktop-file-validate", autostart.location()], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "error" not in (checked.stdout + checked.stderr).lower(), checked.stdout + checked.stderr


def test_linux_entry_removed_or_switched_off_by_the_user_counts_as_off(xdg: Path, tmp_path: Path) -> None:
    autostart = Autostart("linux", executable=str(_fake_install(tmp_path)), frozen=False)
    entry = Path(autostart.location())
    autostart.enable()
    entry.unlink()  # removed in a file manager
    assert not autostart.is_enabled()
    autostart.enable()
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"))
    assert not autostart.is_enabled()  # GNOME Tweaks' switch
    entry.write_text(text + "Hidden=true\n")
    assert not autostart.is_enabled()
    autostart.enable()
    assert autostart.is_enabled()


def test_linux_hides_a_system_wide_entry(xdg: Path, tmp_path: Path) -> None:
    system = tmp_path / "etc-xdg" / "autostart" / "clientjournal.desktop"
    system.parent.mkdir(parents=True)
    autostart = Autostart("linux", executable=str(_fake_install(tmp_path)), frozen=False)
    system.write_text(autostart.desktop_entry_text(), encoding="utf-8")
    assert autostart.is_enabled()  # installed for every user by a package
    autostart.disable()
    assert not autostart.is_enabled() and system.exists()
    keys = read_desktop_group(Path(autostart.location()))
    assert keys is not None and keys["Hidden"] == "true"
    autostart.enable()
    assert autostart.is_enabled()


def test_linux_xdg_config_home_defaults_and_flatpak(tmp_path: Path) -> None:
    for environ in ({}, {"XDG_CONFIG_HOME": ""}, {"XDG_CONFIG_HOME": "relative/path"}):
        autostart = Autostart("linux", environ, tmp_path)
        assert autostart.location() == str(tmp_path / ".config" / "autostart" / "clientjournal.desktop")
        assert autostart.supported()
    assert Autostart("freebsd14", {}, tmp_path).location().endswith("clientjournal.desktop")
    assert not Autostart("linux", {"FLATPAK_ID": APP_ID}, tmp_path).supported()


def test_linux_refresh_rewrites_an_outdated_command(xdg: Path, tmp_path: Path) -> None:
    old = Autostart("linux", executable=str(_fake_install(tmp_path, "old")), frozen=False)
    new = Autostart("linux", executable=str(_fake_install(tmp_path, "new")), frozen=False)
    assert not new.refresh()  # off: stays off
    assert not Path(new.location()).exists()
    old.enable()
    assert new.refresh()
    keys = read_desktop_group(Path(new.location()))
    assert keys is not None and _unquote_exec(keys["Exec"])[0] == str(tmp_path / "new" / "clientjournal")
    assert not new.refresh()  # up to date


def test_an_unwritable_folder_raises_oserror(xdg: Path, tmp_path: Path) -> None:
    xdg.mkdir()
    (xdg / "autostart").write_text("a file where the folder should be", encoding="utf-8")
    autostart = Autostart("linux", executable=str(_fake_install(tmp_path)), frozen=False)
    with pytest.raises(OSError):
        autostart.enable()
    assert not autostart.is_enabled()


# ---- macOS: a LaunchAgent -------------------------------------------------------------------------------------------


def test_macos_launch_agent(tmp_path: Path) -> None:
    bundle_exe = "/Applications/ClientJournal.app/Contents/MacOS/ClientJournal"
    autostart = Autostart("darwin", {}, tmp_path, executable=bundle_exe, frozen=True)
    plist = tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    assert autostart.location() == str(plist)
    assert not autostart.is_enabled()
    autostart.enable()
    assert autostart.is_enabled()
    with plist.open("rb") as stream:
        agent = plistlib.load(stream)
    assert agent["Label"] == APP_ID
    assert agent["ProgramArguments"] == [bundle_exe, "--background"]
    assert agent["RunAtLoad"] is True
    assert "KeepAlive" not in agent  # quitting from the tray must not bring it back
    assert not autostart.refresh()

    moved = Autostart("darwin", {}, tmp_path, executable="/Users/kari/Applications/CJ.app/Contents/MacOS/CJ", frozen=True)  # fmt: skip
    assert moved.refresh()
    with plist.open("rb") as stream:
        assert plistlib.load(stream)["ProgramArguments"][0].startswith("/Users/kari/")

    plist.write_bytes(plistlib.dumps({**agent, "Disabled": True}))
    assert not autostart.is_enabled()
    plist.write_text("not a plist", encoding="utf-8")
    assert not autostart.is_enabled()
    autostart.disable()
    assert not plist.exists() and not autostart.is_enabled()


# ---- Windows: the Run key -------------------------------------------------------------------------------------------


class FakeRegistry:
    """HKEY_CURRENT_USER as a dictionary: {key: {name: data}}."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, object]] = {}

    def read(self, key: str, name: str) -> object | None:
        return self.keys.get(key, {}).get(name)

    def write_string(self, key: str, name: str, value: str) -> None:
        assert isinstance(value, str)
        self.keys.setdefault(key, {})[name] = value

    def delete(self, key: str, name: str) -> None:
        self.keys.get(key, {}).pop(name, None)


def test_windows_run_value(tmp_path: Path) -> None:
    registry = FakeRegistry()
    exe = r"C:\Program Files\ClientJournal\ClientJournal.exe"
    autostart = Autostart("win32", {}, tmp_path, executable=exe, frozen=True, registry=registry)
    assert (
        autostart.location()
        == r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run\ClientJournal"
    )
    assert not autostart.is_enabled()
    autostart.enable()
    assert registry.keys[RUN_KEY] == {
        RUN_VALUE: r'"C:\Program Files\ClientJournal\ClientJournal.exe" --background'
    }
    assert autostart.is_enabled()
    assert not autostart.refresh()

    registry.keys[APPROVED_KEY] = {RUN_VALUE: bytes([3]) + bytes(11)}  # switched off in Task Manager
    assert not autostart.is_enabled()
    autostart.enable()  # on again
    assert autostart.is_enabled() and RUN_VALUE not in registry.keys[APPROVED_KEY]
    registry.keys[APPROVED_KEY][RUN_VALUE] = bytes([2]) + bytes(11)  # Task Manager's "enabled"
    assert autostart.is_enabled()

    del registry.keys[RUN_KEY][RUN_VALUE]  # removed by the user (regedit, a cleaner)
    assert not autostart.is_enabled()
    autostart.enable()
    autostart.disable()
    assert RUN_VALUE not in registry.keys[RUN_KEY] and RUN_VALUE not in registry.keys[APPROVED_KEY]
    assert not autostart.is_enabled()
    autostart.disable()  # nothing left: fine


def test_windows_command_line_quotes_the_path() -> None:
    assert windows_command_line([r"C:\Apps\cj.exe", "--background"]) == r'"C:\Apps\cj.exe" --background'
    assert (
        windows_command_line([r"C:\Py\pythonw.exe", "-m", "clientjournal.app", "--background"])
        == r'"C:\Py\pythonw.exe" -m clientjournal.app --background'
    )
    assert windows_command_line([r"C:\A B\x.exe", "an arg"]) == r'"C:\A B\x.exe" "an arg"'


def test_the_real_registry_is_not_touched_off_windows(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("this checks the non-Windows guard")
    autostart = Autostart("win32", {}, tmp_path, executable=r"C:\cj.exe", frozen=True)
    assert not autostart.is_enabled()  # the guard raises OSError, read as "off"
    with pytest.raises(OSError):
        autostart.enable()
