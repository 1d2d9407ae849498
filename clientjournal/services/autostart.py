"""Start at login: the platform's own entry that starts ``clientjournal --background`` when the user logs in.

No Qt and nothing of the vault. Preferences and the tray use it like this::

    autostart = Autostart()
    if autostart.supported():
        autostart.enable()              # or disable(); both raise OSError when the entry cannot be written
        autostart.is_enabled()          # read from the entry itself: True only while it exists and is active
        autostart.location()            # where the entry lives, to show in Preferences
    autostart.refresh()                 # at start-up: rewrites an active entry whose command is out of date

What each platform gets (what KeePassXC learned in its issues #5724 and #6216):

* **Linux and the BSDs:** an XDG autostart entry ``$XDG_CONFIG_HOME/autostart/clientjournal.desktop`` with
  ``X-GNOME-Autostart-Delay`` and ``X-KDE-autostart-after=panel`` (and LXQt's ``X-LXQt-Need-Tray``), so the tray
  exists before the app asks for it. Written atomically. Turning it off removes it, or, when a system-wide entry
  of the same name exists (``$XDG_CONFIG_DIRS/autostart``), hides that one with ``Hidden=true``. An entry the user
  switched off (``Hidden=true``, or ``X-GNOME-Autostart-enabled=false`` from GNOME Tweaks) counts as off.
* **macOS:** a LaunchAgent ``~/Library/LaunchAgents/<APP_ID>.plist`` with ``ProgramArguments`` and
  ``RunAtLoad``; launchd reads it at the next login (it is not loaded now, which would start a second copy).
* **Windows:** the value ``ClientJournal`` under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``:
  the quoted absolute path of the executable and ``--background``. An entry switched off in Task Manager (its
  ``StartupApproved`` value) counts as off; turning it on clears that. ``winreg`` is imported only on Windows,
  behind :class:`~clientjournal.services.autostart_windows.Registry`, so tests pass a fake.

The Windows registry side lives in :mod:`clientjournal.services.autostart_windows`, the Desktop Entry file
format in :mod:`clientjournal.services.desktop_entry`.

Inside a Flatpak sandbox none of these reach the host (autostart there goes through the Background portal):
:meth:`Autostart.supported` is False and Preferences says so.
"""

from __future__ import annotations

import ntpath
import os
import plistlib
import posixpath
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from clientjournal.config import APP_ID, APP_NAME
from clientjournal.private_files import write_private_text
from clientjournal.services.autostart_windows import (
    APPROVED_KEY,
    RUN_KEY,
    RUN_VALUE,
    Registry,
    WindowsRegistry,
    windows_command_line,
)
from clientjournal.services.desktop_entry import desktop_exec, escape_string, read_desktop_group

BACKGROUND_OPTION = "--background"
DESKTOP_FILE = "clientjournal.desktop"
DELAY_SECONDS = 10
"""How long the session waits before starting the app (GNOME), so the panel and its tray come first."""

COMMENT = "Reminders from your client journal, in the system tray"
COMMENT_NB = "Påminnelser fra kundejournalen din, i systemstatusfeltet"


class Autostart:
    """The start-at-login entry of this platform, for the command :meth:`command` gives.

    ``platform``, ``environ`` and ``home`` say where the entry lives; ``executable`` and ``frozen`` how the app
    was started (default: ``sys.executable`` and ``sys.frozen``); ``registry`` replaces the Windows registry.
    """

    def __init__(
        self,
        platform: str = sys.platform,
        environ: Mapping[str, str] = os.environ,
        home: Path | None = None,
        *,
        executable: str | None = None,
        frozen: bool | None = None,
        registry: Registry | None = None,
    ) -> None:
        self.platform = platform
        self.environ = environ
        self.home = Path.home() if home is None else home
        self.executable = sys.executable if executable is None else executable
        self.frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
        self._registry = registry

    # ---- where and what ----------------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        """``windows``, ``macos`` or ``xdg`` (Linux, the BSDs and other freedesktop systems)."""
        if self.platform == "win32":
            return "windows"
        if self.platform == "darwin":
            return "macos"
        return "xdg"

    def supported(self) -> bool:
        """False where an entry written here would not reach the session (inside a Flatpak sandbox)."""
        return not (self.kind == "xdg" and self.environ.get("FLATPAK_ID"))

    def command(self) -> list[str]:
        """How the session starts the app in the background: absolute paths, ending with ``--background``.

        The frozen executable itself; the AppImage file (not its temporary mount point); else the installed
        ``clientjournal`` launcher next to the Python executable; else that Python running ``clientjournal.app``.
        """
        executable = self.executable
        if not (
            posixpath.isabs(executable) or ntpath.isabs(executable)
        ):  # either: tests pass the other's paths
            executable = os.path.abspath(executable)  # not resolve(): a venv's python is a symlink out of it
        if self.frozen:
            return [executable, BACKGROUND_OPTION]
        appimage = self.environ.get("APPIMAGE", "")
        if self.kind == "xdg" and appimage and os.path.isabs(appimage):
            return [appimage, BACKGROUND_OPTION]
        folder = Path(executable).parent
        if self.kind == "windows":
            candidates = [folder / "clientjournal.exe", folder / "Scripts" / "clientjournal.exe"]
        else:
            candidates = [folder / "clientjournal"]
        for script in candidates:
            if script.is_file():
                return [str(script), BACKGROUND_OPTION]
        if self.kind == "windows":
            windowless = folder / "pythonw.exe"  # no console window at login
            if windowless.is_file():
                executable = str(windowless)
        return [executable, "-m", "clientjournal.app", BACKGROUND_OPTION]

    def location(self) -> str:
        """Where the entry lives (or would), for Preferences: a file, or the registry value's full name."""
        if self.kind == "windows":
            return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}"
        return str(self._path())

    def _path(self) -> Path:
        if self.kind == "macos":
            return self.home / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
        return self._config_home() / "autostart" / DESKTOP_FILE

    def _config_home(self) -> Path:
        configured = self.environ.get("XDG_CONFIG_HOME", "")
        return Path(configured) if os.path.isabs(configured) else self.home / ".config"

    def _system_entries(self) -> Iterator[Path]:
        """Same-named entries installed for every user (``$XDG_CONFIG_DIRS``), which the user's file overrides."""
        folders = self.environ.get("XDG_CONFIG_DIRS", "") or "/etc/xdg"
        for folder in folders.split(os.pathsep):
            if os.path.isabs(folder):
                path = Path(folder) / "autostart" / DESKTOP_FILE
                if path.is_file():
                    yield path

    def _registry_or_default(self) -> Registry:
        if self._registry is None:
            self._registry = WindowsRegistry()
        return self._registry

    # ---- state ---------------------------------------------------------------------------------------------

    def is_enabled(self) -> bool:
        """Whether the entry exists and is active now (an entry the user removed or switched off: False)."""
        try:
            if self.kind == "windows":
                return self._windows_enabled()
            if self.kind == "macos":
                return self._launch_agent() is not None
            return self._xdg_enabled()
        except OSError:
            return False

    def enable(self) -> None:
        """Write the entry for :meth:`command`, replacing an older one. OSError when it cannot be written."""
        if self.kind == "windows":
            registry = self._registry_or_default()
            registry.write_string(RUN_KEY, RUN_VALUE, windows_command_line(self.command()))
            registry.delete(APPROVED_KEY, RUN_VALUE)  # switched off in Task Manager before: on again
        elif self.kind == "macos":
            self._write(self._path(), self.launch_agent_text())
        else:
            self._write(self._path(), self.desktop_entry_text())

    def disable(self) -> None:
        """Remove the entry (nothing happens when there is none). OSError when it cannot be removed."""
        if self.kind == "windows":
            registry = self._registry_or_default()
            registry.delete(RUN_KEY, RUN_VALUE)
            registry.delete(APPROVED_KEY, RUN_VALUE)
        elif self.kind == "xdg" and any(self._system_entries()):
            self._write(self._path(), self.desktop_entry_text(hidden=True))  # the only way to hide those
        else:
            self._path().unlink(missing_ok=True)

    def set_enabled(self, enabled: bool) -> None:
        if enabled:
            self.enable()
        else:
            self.disable()

    def refresh(self) -> bool:
        """Rewrite an active entry whose command is not :meth:`command` (the app moved, was updated or reinstalled
        elsewhere); True when it was rewritten. Call it at start-up; it never raises."""
        try:
            if not self.is_enabled() or self._current_command_matches():
                return False
            self.enable()
        except OSError:
            return False
        return True

    def _current_command_matches(self) -> bool:
        if self.kind == "windows":
            value = self._registry_or_default().read(RUN_KEY, RUN_VALUE)
            return value == windows_command_line(self.command())
        if self.kind == "macos":
            agent = self._launch_agent()
            return agent is not None and agent.get("ProgramArguments") == self.command()
        keys = read_desktop_group(self._path())
        return keys is not None and keys.get("Exec") == desktop_exec(self.command())

    # ---- per platform --------------------------------------------------------------------------------------

    def _xdg_enabled(self) -> bool:
        path = self._path()
        if path.exists():
            return _desktop_entry_active(read_desktop_group(path))
        return any(_desktop_entry_active(read_desktop_group(entry)) for entry in self._system_entries())

    def desktop_entry_text(self, *, hidden: bool = False) -> str:
        """The XDG autostart file (valid for ``desktop-file-validate``)."""
        command = self.command()
        lines = [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            f"Name={APP_NAME}",
            f"Comment={COMMENT}",
            f"Comment[nb]={COMMENT_NB}",
            f"Exec={desktop_exec(command)}",
            f"TryExec={escape_string(command[0])}",  # the app was uninstalled: the session skips the entry
            f"Icon={APP_ID}",
            "Terminal=false",
            "StartupNotify=false",  # no window comes: no busy cursor
            "X-GNOME-Autostart-enabled=true",
            f"X-GNOME-Autostart-Delay={DELAY_SECONDS}",
            "X-KDE-autostart-after=panel",
            "X-LXQt-Need-Tray=true",
        ]
        if hidden:
            lines.append("Hidden=true")
        return "\n".join(lines) + "\n"

    def _launch_agent(self) -> dict[str, object] | None:
        """The LaunchAgent's keys when it exists, can be read and is not disabled."""
        try:
            with self._path().open("rb") as stream:
                agent = plistlib.load(stream)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return None
        if not isinstance(agent, dict) or agent.get("Disabled") is True:
            return None
        return agent

    def launch_agent_text(self) -> str:
        """The LaunchAgent property list (XML)."""
        agent = {
            "Label": APP_ID,
            "ProgramArguments": self.command(),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",  # a graphical login, not an ssh session
        }
        return plistlib.dumps(agent, fmt=plistlib.FMT_XML).decode("utf-8")

    def _windows_enabled(self) -> bool:
        registry = self._registry_or_default()
        value = registry.read(RUN_KEY, RUN_VALUE)
        if not isinstance(value, str) or not value.strip():
            return False
        approved = registry.read(APPROVED_KEY, RUN_VALUE)
        return not (isinstance(approved, bytes) and approved[:1] and approved[0] & 1)

    @staticmethod
    def _write(path: Path, text: str) -> None:
        # The folder may be shared with other apps' entries: created if missing, its mode left alone.
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private_text(path, text)


def _desktop_entry_active(keys: dict[str, str] | None) -> bool:
    if keys is None:
        return False
    if keys.get("Hidden", "false").lower() == "true":
        return False
    return keys.get("X-GNOME-Autostart-enabled", "true").lower() != "false"


__all__ = ["BACKGROUND_OPTION", "Autostart"]
