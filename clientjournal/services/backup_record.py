"""The backups' vocabulary and their record in the vault's encrypted settings.

The policy, one backup as a restore offers it, what Preferences shows, what deleting a client did to the backups,
and what a restore did. The record (setting :data:`SETTING`) keeps the policy, every folder backups were written
to, the last failure, and for each file what its last verification found: trusted only while the file keeps the
size and modification time it had then.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import ValidationError
from clientjournal.services.backup_checks import count_records
from clientjournal.services.backup_files import BackupName
from clientjournal.services.maintenance import CheckReport

SETTING = "backups"
"""The vault setting holding the backup policy and the record of verified backups."""
VERIFIED, DAMAGED, UNVERIFIED = "verified", "damaged", "unverified"
CHOSEN = "chosen"
"""The kind of a file the user picked by hand (not a managed backup)."""


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    enabled: bool = True
    folder: str = ""
    """Where backups go; empty: a ``backups`` folder beside the vault file."""
    interval_days: int = 1
    """1: daily, 7: weekly."""
    keep_daily: int = 7
    keep_weekly: int = 4

    def validated(self) -> BackupPolicy:
        if self.interval_days not in (1, 7):
            raise ValidationError("backups are taken daily (1) or weekly (7)")
        if not 1 <= self.keep_daily <= 99 or not 0 <= self.keep_weekly <= 99:
            raise ValidationError("keep between 1 and 99 daily and between 0 and 99 weekly backups")
        return replace(self, folder=self.folder.strip())


@dataclass(frozen=True, slots=True)
class Backup:
    """One managed backup file as a restore would offer it."""

    path: Path
    taken_at: datetime
    kind: str
    status: str
    """:data:`VERIFIED` (opened and fully checked with the vault's keys, unchanged since), :data:`DAMAGED` or
    :data:`UNVERIFIED` (not checked, or changed since it was)."""
    clients: int | None = None
    entries: int | None = None
    problem: str = ""
    of_this_vault: bool = True
    """False for a file chosen by hand that holds another vault: restoring it needs that vault's passphrase."""

    @property
    def verified(self) -> bool:
        return self.status == VERIFIED


@dataclass(frozen=True, slots=True)
class BackupFailure:
    at: datetime
    path: str
    problem: str


@dataclass(frozen=True, slots=True)
class BackupStatus:
    """What Preferences shows."""

    supported: bool
    policy: BackupPolicy
    folder: Path | None
    default_folder: Path | None
    last_good: Backup | None
    last_failure: BackupFailure | None


@dataclass(frozen=True, slots=True)
class BackupErasure:
    """What deleting a client did to the managed backups."""

    rewritten: tuple[Path, ...] = ()
    failed: tuple[tuple[Path, str], ...] = ()
    """(backup, why): backups that may still hold the client."""
    supported: bool = True
    """False for a PostgreSQL vault: the app manages no backups of it."""

    @property
    def complete(self) -> bool:
        return not self.failed


@dataclass(frozen=True, slots=True)
class ClientDeletion:
    scrubbed: bool
    """False: the scrub of freed pages could not be completed (``scrub_problem`` says why)."""
    backups: BackupErasure
    scrub_problem: str = ""
    """Why not, as a clause for the user: another program has the vault open, or the disk is too full."""


@dataclass(frozen=True, slots=True)
class BackupJob:
    """A backup to take, prepared on the session's thread: what the copy and its check need, and nothing of the
    session (its own key chain, locked once the check is done)."""

    vault_file: Path
    folder: Path
    kind: str
    now: datetime
    fingerprint: str
    """The vault's fingerprint when the job was prepared (see ``backup_checks.vault_fingerprint``)."""
    keys: KeyChain


@dataclass(frozen=True, slots=True)
class BackupCopy:
    """What taking a backup did: the file written and its check, or why it could not be written."""

    job: BackupJob
    path: Path | None = None
    name: BackupName | None = None
    report: CheckReport | None = None
    checked_stat: tuple[int, int] = (0, 0)
    """(size, mtime in ns) of the file as it was checked: a rewrite since (a client deleted) keeps its own record."""
    problem: str = ""
    """Why the file could not be written ("" when it was)."""


@dataclass(frozen=True, slots=True)
class RestoreResult:
    report: CheckReport
    kept: Backup
    """The vault as it was just before the restore, kept as a backup first."""
    same_vault: bool
    """False when the backup came from another vault (its keys and passphrase are now this vault's)."""


def file_entry(
    path: Path, at: datetime, report: CheckReport, problem: str, stat: tuple[int, int] | None = None
) -> dict[str, Any]:
    """What the record keeps of one verification of ``path``; its size and time (``stat``, or the file's now) tell
    later whether it changed."""
    size, mtime_ns = stat if stat is not None else file_stat(path)
    return {
        "verified_at": at.isoformat(),
        "ok": report.ok,
        "size": size,
        "mtime_ns": mtime_ns,
        "clients": report.clients,
        "entries": report.entries,
        "problem": problem,
    }


def note_check(
    files: dict[str, Any],
    path: Path,
    name: BackupName,
    now: datetime,
    report: CheckReport,
    stat: tuple[int, int] | None = None,
) -> Backup:
    """Note a check of the managed backup ``path`` in ``files`` (the record's entries by path); the backup it found."""
    problem = "" if report.ok else report.problems[0]
    files[str(path)] = file_entry(path, now, report, problem, stat)
    status = VERIFIED if report.ok else DAMAGED
    return Backup(path, name.taken_at, name.kind, status, report.clients, report.entries, problem)


def file_stat(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def unchanged(path: Path, entry: dict[str, Any]) -> bool:
    """Whether ``path`` is still the file ``entry`` recorded (a verification counts only for that file)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    return entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns


def failure_entry(at: datetime, path: Path, problem: str) -> dict[str, str]:
    """What the record keeps of the last failure (see :func:`parse_failure`)."""
    return {"at": at.isoformat(), "path": str(path), "problem": problem}


def parse_failure(raw: Any) -> BackupFailure | None:
    """The recorded last failure, or None when there is none (or it cannot be read)."""
    if not isinstance(raw, dict):
        return None
    try:
        return BackupFailure(datetime.fromisoformat(raw["at"]), str(raw["path"]), str(raw["problem"]))
    except (KeyError, TypeError, ValueError):
        return None


def describe(path: Path, name: BackupName, entry: Any) -> Backup:
    """A managed backup as the record knows it: verified or damaged while unchanged since its check, else
    unverified with what it holds counted (or damaged when it does not even open)."""
    if isinstance(entry, dict) and unchanged(path, entry):
        status = VERIFIED if entry.get("ok") else DAMAGED
        return Backup(
            path, name.taken_at, name.kind, status, entry.get("clients"), entry.get("entries"),
            str(entry.get("problem", "")),
        )  # fmt: skip
    try:
        counted = count_records(path)
    except (sqlite3.Error, OSError) as exc:
        return Backup(
            path, name.taken_at, name.kind, DAMAGED, problem=f"it is not a readable vault file ({exc})"
        )
    return Backup(path, name.taken_at, name.kind, UNVERIFIED, *counted)
