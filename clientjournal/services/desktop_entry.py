"""The Desktop Entry file format as the XDG autostart entry needs it: ``Exec`` quoting, escapes, one group's keys.

Written and read by :class:`clientjournal.services.autostart.Autostart`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
"""Characters that make the Desktop Entry spec's Exec key quote an argument."""


def desktop_exec(arguments: Sequence[str]) -> str:
    """The value of a desktop entry's ``Exec`` key that runs ``arguments`` as they are (Desktop Entry spec 1.4).

    An argument with a reserved character is double-quoted, with ``"``, `````, ``$`` and ``\\`` escaped by a
    backslash; ``%`` is doubled (it starts a field code); then the string escapes (``\\\\``, ``\\n``...) apply
    to the whole value, so a backslash inside quotes is written as four.
    """
    parts: list[str] = []
    for argument in arguments:
        text = argument.replace("%", "%%")
        if not text or any(char in _RESERVED for char in text):
            text = '"' + "".join("\\" + c if c in '"`$\\' else c for c in text) + '"'
        parts.append(text)
    return escape_string(" ".join(parts))


def escape_string(value: str) -> str:
    """A desktop entry string value: backslash, newline, tab and carriage return escaped."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def read_desktop_group(path: Path, group: str = "Desktop Entry") -> dict[str, str] | None:
    """The keys of one group of a desktop file (raw values), None when the file or the group is missing."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    found: dict[str, str] | None = None
    current = ""
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            if current == group and found is None:
                found = {}
            continue
        if current == group and found is not None and "=" in line:
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), value.strip())
    return found


__all__ = ["desktop_exec", "escape_string", "read_desktop_group"]
