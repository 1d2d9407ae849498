"""The Windows side of start at login: the ``Run`` registry value, Task Manager's switch, and its command line.

``winreg`` is imported only on Windows, behind :class:`Registry`, so tests pass a fake.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from typing import Protocol

from clientjournal.config import APP_NAME

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
"""Where Task Manager records an entry switched off (binary; an odd first byte means off)."""
RUN_VALUE = APP_NAME


class Registry(Protocol):
    """The few registry operations the Windows entry needs, on keys below ``HKEY_CURRENT_USER``."""

    def read(self, key: str, name: str) -> object | None:
        """The value's data (``str`` for REG_SZ, ``bytes`` for REG_BINARY), None when it or the key is missing."""
        ...

    def write_string(self, key: str, name: str, value: str) -> None:
        """Set a REG_SZ value, creating the key when needed."""
        ...

    def delete(self, key: str, name: str) -> None:
        """Remove the value; nothing happens when it or the key is missing."""
        ...


class WindowsRegistry:
    """:class:`Registry` over ``winreg`` (Windows only)."""

    def read(self, key: str, name: str) -> object | None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                data, _kind = winreg.QueryValueEx(handle, name)
        except FileNotFoundError:
            return None
        result: object = data
        return result

    def write_string(self, key: str, name: str, value: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

    def delete(self, key: str, name: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as handle:
                winreg.DeleteValue(handle, name)
        except FileNotFoundError:
            return


def windows_command_line(arguments: Sequence[str]) -> str:
    """The Run value: the executable's absolute path always in quotes (a path with spaces must not be split at
    the first one), the other arguments quoted as the C runtime expects."""
    executable, *rest = arguments
    quoted = f'"{executable}"'
    return f"{quoted} {subprocess.list2cmdline(rest)}" if rest else quoted


__all__ = ["APPROVED_KEY", "RUN_KEY", "RUN_VALUE", "Registry", "WindowsRegistry", "windows_command_line"]
