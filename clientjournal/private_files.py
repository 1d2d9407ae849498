"""Folders and files private to the user: folders 0700 and files 0600, on creation and on every open.

A umask of 022 (the usual default) would otherwise leave the vault, its WAL and the logs readable by every
account on the machine. Older folders and files are tightened silently. On Windows the user's profile folders
are private through their ACLs already, and POSIX modes mean little there, so nothing is changed.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name != "nt"


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) if needed, and make it private to the user."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if _POSIX and path.stat().st_mode & 0o777 != FOLDER_MODE:
        path.chmod(FOLDER_MODE)
    return path


def private_file(path: Path, *, create: bool = True) -> Path:
    """Make ``path`` private to the user, creating it empty first when ``create`` and it is missing."""
    if create:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE))
    if _POSIX and path.exists() and path.stat().st_mode & 0o777 != FILE_MODE:
        path.chmod(FILE_MODE)
    return path


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as a 0600 file, atomically: a crash leaves the old file or the new one."""
    import tempfile

    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
