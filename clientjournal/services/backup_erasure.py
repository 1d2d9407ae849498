"""Erasing a deleted client from the managed backups.

Backups share the vault key, and every client's data key is wrapped by it: an old backup plus the passphrase
would read a deleted client. So each backup that holds the client is rewritten without it, checked, and put in
its place atomically (:func:`~clientjournal.services.backup_checks.rewrite_without_client`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import ClientJournalError
from clientjournal.services.backup_checks import holds_client, rewrite_without_client
from clientjournal.services.backup_record import BackupErasure, file_entry, unchanged
from clientjournal.services.vault import Clock

log = logging.getLogger(__name__)


def erase_client_from(
    paths: Iterable[Path], client_id: str, keys: KeyChain, clock: Clock, files: dict[str, Any]
) -> BackupErasure:
    """Rewrite each backup in ``paths`` that holds ``client_id`` without it, noting each new check in ``files``
    (the record's entries by path). A backup that was verified and is unchanged since must verify again to
    replace the original; its entries are not decrypted a second time (the same bytes)."""
    rewritten: list[Path] = []
    failed: list[tuple[Path, str]] = []
    for path in paths:
        try:
            if not holds_client(path, client_id):
                continue
            entry = files.get(str(path))
            trusted = isinstance(entry, dict) and bool(entry.get("ok")) and unchanged(path, entry)
            report = rewrite_without_client(path, client_id, keys, clock, verified_before=trusted)
            problem = "" if report.ok else report.problems[0]
            files[str(path)] = file_entry(path, clock(), report, problem)
            rewritten.append(path)
        except (ClientJournalError, OSError, sqlite3.Error, SQLAlchemyError) as exc:
            log.warning("backup %s could not be rewritten without a deleted client", path.name)
            failed.append((path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
    return BackupErasure(tuple(rewritten), tuple(failed))
