"""Where the vault and the logs live, from options, environment and platform conventions."""

from __future__ import annotations

import logging
import logging.handlers
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "ClientJournal"
DATA_DIR_ENV = "CLIENTJOURNAL_DATA_DIR"
DATABASE_URL_ENV = "CLIENTJOURNAL_DATABASE_URL"
VAULT_FILE = "vault.sqlite3"


@dataclass(frozen=True, slots=True)
class Location:
    data_dir: Path
    database_url: str

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "clientjournal.log"


def resolve_location(data_dir: str | os.PathLike[str] | None, database_url: str | None) -> Location:
    folder = Path(
        data_dir or os.environ.get(DATA_DIR_ENV) or user_data_path(APP_NAME, appauthor=False)
    ).expanduser()
    # Built by hand rather than with SQLAlchemy's URL so the GUI does not import SQLAlchemy before its window shows.
    url = database_url or os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{(folder / VAULT_FILE).as_posix()}"
    return Location(folder, url)


def configure_logging(location: Location, *, verbose: bool = False) -> None:
    """Log to a rotating file in the data folder. Log lines name records by id, never their content."""
    location.log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        location.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("clientjournal")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False
