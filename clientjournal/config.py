"""Where the vault and the logs live, from options, environment and platform conventions."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import NamedTuple

APP_NAME = "ClientJournal"
APP_ID = "no.clientjournal.ClientJournal"
"""Reverse-DNS id: the desktop file's and AppStream/Flatpak id, the macOS bundle id, the Windows AppUserModelID."""
DATA_DIR_ENV = "CLIENTJOURNAL_DATA_DIR"
DATABASE_URL_ENV = "CLIENTJOURNAL_DATABASE_URL"
VAULT_FILE = "vault.sqlite3"


class Location(NamedTuple):  # not a dataclass: importing dataclasses delays the desktop app's first window
    data_dir: Path
    database_url: str

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "clientjournal.log"


def resolve_location(data_dir: str | os.PathLike[str] | None, database_url: str | None) -> Location:
    folder = Path(data_dir or os.environ.get(DATA_DIR_ENV) or _default_data_dir()).expanduser()
    # Built by hand rather than with SQLAlchemy's URL so the GUI does not import SQLAlchemy before its window shows.
    url = database_url or os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{(folder / VAULT_FILE).as_posix()}"
    return Location(folder, url)


def _default_data_dir() -> Path:
    from platformdirs import user_data_path  # only when no folder is given: it costs start-up time

    return user_data_path(APP_NAME, appauthor=False)


def configure_logging(location: Location, *, verbose: bool = False, rotate: bool = True) -> None:
    """Log to a rotating file in the data folder. Log lines name records by id, never their content.

    ``rotate=False`` appends to the same file without the size check, sparing the desktop app ~20 ms of imports
    (``logging.handlers``) before its first window; it calls this again with ``rotate=True`` soon after.
    """
    from clientjournal.private_files import private_file, private_folder

    private_folder(location.data_dir)
    private_folder(location.log_file.parent)
    for old_log in location.log_file.parent.glob(location.log_file.name + "*"):
        private_file(old_log, create=False)
    # Created 0600 before the handler opens it; a rotated-in file starts as a rename of this one.
    private_file(location.log_file)
    handler: logging.Handler
    if rotate:
        from logging.handlers import RotatingFileHandler

        handler = RotatingFileHandler(location.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.rotator = _private_rotator
    else:
        handler = logging.FileHandler(location.log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("clientjournal")
    for previous in root.handlers:
        previous.close()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False


def _private_rotator(source: str, destination: str) -> None:
    """Rotate a log file, then create the new one 0600 before the handler opens it (not 0644 under umask 022)."""
    from clientjournal.private_files import private_file

    os.replace(source, destination)
    private_file(Path(source))
