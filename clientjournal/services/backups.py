"""Automatic encrypted backups of a SQLite vault, each one verified with the vault's keys; restoring one; and
erasing a deleted client from every backup the app manages.

A backup is due once a day (or week) after the vault changed: the first change of a day takes it, later ones do
not. It is written with :func:`~clientjournal.services.maintenance.backup_vault` into a private folder (default:
``backups`` beside the vault file), then opened read-only and checked with the vault's keys, every record
decrypted (:func:`~clientjournal.services.maintenance.check_vault`). What was verified, and the last failure,
are recorded in the vault's encrypted settings; a damaged backup is reported and never counts as "last good".
Rotation keeps the newest of the last N days and M weeks (see :mod:`~clientjournal.services.backup_files`).

Backups share the vault key, and every client's data key is wrapped by it: an old backup plus the passphrase
would read a deleted client. So deleting a client rewrites each managed backup without it (:meth:`erase_client`).

A PostgreSQL vault has no file to sit beside, and its server keeps backups of its own: automatic backups are not
offered there (:attr:`BackupService.supported`).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import ClientJournalError, IntegrityError, ValidationError, VaultError
from clientjournal.private_files import private_file, private_folder
from clientjournal.services.backup_checks import (
    backup_vault_id,
    check_backup_file,
    count_records,
    holds_client,
    rewrite_without_client,
    vault_fingerprint,
)
from clientjournal.services.backup_files import (
    AUTOMATIC,
    BEFORE_RESTORE,
    BackupName,
    managed_files,
    new_name,
    parse_name,
    to_keep,
)
from clientjournal.services.journal import Progress
from clientjournal.services.maintenance import (
    CheckReport,
    backup_vault,
    restore_vault,
)
from clientjournal.services.recovery_seal import recovery_wrapping_problems
from clientjournal.services.settings import VaultSettings
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_path, sqlite_url
from clientjournal.storage.schema import clients, entries

log = logging.getLogger(__name__)

SETTING = "backups"
"""The vault setting holding the backup policy and the record of verified backups."""
DEFAULT_FOLDER_NAME = "backups"
VERIFIED, DAMAGED, UNVERIFIED = "verified", "damaged", "unverified"
CHOSEN = "chosen"
"""The kind of a file the user picked by hand (not a managed backup)."""
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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
class RestoreResult:
    report: CheckReport
    kept: Backup
    """The vault as it was just before the restore, kept as a backup first."""
    same_vault: bool
    """False when the backup came from another vault (its keys and passphrase are now this vault's)."""


class BackupService:
    """The automatic backups of one unlocked vault. Every method takes ``now`` (aware) rather than reading a clock."""

    def __init__(self, vault: Vault, keys: KeyChain, settings: VaultSettings) -> None:
        self._vault = vault
        self._keys = keys
        self._settings = settings
        vault_file = sqlite_path(vault.engine.url)
        self._vault_file = vault_file.resolve() if vault_file is not None else None

    @property
    def supported(self) -> bool:
        """Whether automatic backups work for this vault: a SQLite file, not a PostgreSQL server."""
        return self._vault_file is not None

    # ---- policy and status -------------------------------------------------------------------------------------

    def policy(self) -> BackupPolicy:
        raw = self._record().get("policy")
        if not isinstance(raw, dict):
            return BackupPolicy()
        try:
            return BackupPolicy(**{k: v for k, v in raw.items() if k in BackupPolicy.__dataclass_fields__})
        except TypeError:
            return BackupPolicy()

    def save_policy(self, policy: BackupPolicy) -> BackupPolicy:
        policy = policy.validated()
        record = self._record()
        record["policy"] = asdict(policy)
        self._save(record)
        return policy

    def folder(self) -> Path | None:
        if self._vault_file is None:
            return None
        chosen = self.policy().folder
        return (
            Path(chosen).expanduser().resolve() if chosen else self._vault_file.parent / DEFAULT_FOLDER_NAME
        )

    def status(self) -> BackupStatus:
        backups = self.backups()
        return BackupStatus(
            self.supported,
            self.policy(),
            self.folder(),
            self._vault_file.parent / DEFAULT_FOLDER_NAME if self._vault_file else None,
            next((b for b in backups if b.verified), None),
            _failure(self._record().get("last_failure")),
        )

    def last_good(self) -> Backup | None:
        """The newest backup verified with the vault's keys and unchanged since; never a damaged one."""
        return next((b for b in self.backups() if b.verified), None)

    def backups(self) -> list[Backup]:
        """Every managed backup, newest first, with what it holds and whether it was verified."""
        files = self._record().get("files", {})
        found = [
            self._describe(path, name, files.get(str(path)))
            for folder in self._folders()
            for name, path in managed_files(folder)
        ]
        return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)

    def inspect(self, path: Path) -> Backup:
        """A file chosen by hand, as a restore would offer it: what it holds and whose vault it is."""
        path = path.resolve()
        name = parse_name(path.name)
        entry = self._record().get("files", {}).get(str(path))
        if name is not None and isinstance(entry, dict) and _unchanged(path, entry):
            return self._describe(path, name, entry)
        try:
            taken_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            counted = count_records(path)
            of_this_vault = backup_vault_id(path) == self._keys.vault_id
        except (sqlite3.Error, OSError) as exc:
            return Backup(path, _EPOCH, CHOSEN, DAMAGED, problem=f"it is not a readable vault file ({exc})")
        return Backup(path, taken_at, CHOSEN, UNVERIFIED, *counted, of_this_vault=of_this_vault)

    def current_counts(self) -> tuple[int, int]:
        """(clients, entries) in the vault now: what a restore would replace."""
        with self._vault.engine.connect() as connection:
            client_count = connection.execute(select(func.count()).select_from(clients)).scalar_one()
            entry_count = connection.execute(select(func.count()).select_from(entries)).scalar_one()
        return int(client_count), int(entry_count)

    # ---- taking backups ----------------------------------------------------------------------------------------

    def due(self, now: datetime) -> bool:
        """Whether a backup is due: on, none taken in this interval yet, and the vault changed since the last."""
        policy = self.policy()
        folder = self.folder()
        if folder is None or not policy.enabled:
            return False
        newest = next((name for name, _path in managed_files(folder) if name.kind == AUTOMATIC), None)
        if newest is None:
            return True
        age = now.date() - newest.taken_at.astimezone(now.tzinfo).date()
        return age.days >= policy.interval_days and self._record().get("fingerprint") != vault_fingerprint(
            self._vault.engine, SETTING
        )

    def run_if_due(self, now: datetime, progress: Progress | None = None) -> Backup | None:
        """Take the automatic backup when it is due; None when it was not."""
        return self.back_up(now, progress=progress) if self.due(now) else None

    def back_up(
        self, now: datetime, *, kind: str = AUTOMATIC, progress: Progress | None = None, rotate: bool = True
    ) -> Backup:
        """Write a backup into the folder, verify it, record the result and rotate (unless ``rotate`` is False);
        a damaged one is returned with status :data:`DAMAGED` (and recorded as the last failure). Raises
        VaultError when it cannot be written at all (a full disk, a folder that cannot be created)."""
        folder = self.folder()
        if folder is None:
            raise ValidationError("automatic backups need a vault file; this vault is on a database server")
        recovery_wrapping_problems(
            self._vault.engine, self._keys
        )  # seals an older vault's digest, checked below
        fingerprint = vault_fingerprint(self._vault.engine, SETTING)
        record = self._record()
        try:
            private_folder(folder)
            name = new_name(folder, now, kind)
            path = folder / name.file_name()
            backup_vault(self._vault.engine, path, progress)
            private_file(path, create=False)
        except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
            problem = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
            record["last_failure"] = {"at": now.isoformat(), "path": str(folder), "problem": problem}
            self._save(record)
            raise VaultError(f"the backup could not be written to {folder}: {problem}") from exc
        backup = self._verify_into(record, path, name, now)
        record.setdefault("folders", [])
        if str(folder) not in record["folders"]:
            record["folders"].append(str(folder))
        if backup.verified:
            record.pop("last_failure", None)
            if kind == AUTOMATIC:
                record["fingerprint"] = fingerprint
        else:
            log.warning("backup %s failed its verification: %s", path.name, backup.problem)
            record["last_failure"] = {"at": now.isoformat(), "path": str(path), "problem": backup.problem}
        if rotate:
            self._rotate(record, folder, now)
        self._save(record)
        return backup

    def verify(self, path: Path, now: datetime) -> Backup:
        """Check one managed backup again (opened read-only, every record decrypted) and record the result."""
        name = parse_name(path.name)
        if name is None:
            raise ValidationError(f"{path.name} is not a backup this app manages")
        record = self._record()
        backup = self._verify_into(record, path.resolve(), name, now)
        self._save(record)
        return backup

    # ---- restoring ---------------------------------------------------------------------------------------------

    def restore(
        self,
        path: Path,
        now: datetime,
        *,
        passphrase: str | None = None,
        progress: Progress | None = None,
    ) -> RestoreResult:
        """Keep the current vault as a backup, then replace the vault's contents with the backup at ``path``.

        A backup of this vault opens with the vault's own keys; another vault's needs its ``passphrase``. Nothing
        changes unless the copy of the current vault is verified and the backup fully checks. Afterwards the
        vault's keys and passphrase are the backup's: lock the session and unlock again.
        """
        if self._vault_file is None:
            raise ValidationError(
                "restoring from the window needs a vault file; for a vault on a database server use "
                "'clientjournal-cli restore'"
            )
        kept = self.back_up(
            now, kind=BEFORE_RESTORE, rotate=False
        )  # rotating could delete the one to restore
        if not kept.verified:
            raise IntegrityError(
                "the current vault could not be kept as a verified backup; nothing was restored",
                (kept.problem,),
            )
        record = self._record()
        report = restore_vault(
            self._vault.engine, path, passphrase, clock=self._vault.clock, progress=progress, keys=self._keys
        )
        reopened = Vault.open(sqlite_url(self._vault_file), clock=self._vault.clock)
        try:
            same_vault = reopened.vault_id == self._keys.vault_id
            self._vault.info = reopened.info  # the backup's passphrase wrapping is the vault's now
        finally:
            reopened.close()
        if same_vault:  # the restored settings hold an older record: put back the one that knows every backup
            record.pop("fingerprint", None)
            self._save(record)
        return RestoreResult(report, kept, same_vault)

    # ---- erasing a deleted client --------------------------------------------------------------------------------

    def erase_client(self, client_id: str) -> BackupErasure:
        """Rewrite every managed backup that holds ``client_id`` without it, verified, replacing it atomically."""
        if self._vault_file is None:
            return BackupErasure(supported=False)
        record = self._record()
        rewritten: list[Path] = []
        failed: list[tuple[Path, str]] = []
        for folder in self._folders():
            for _name, path in managed_files(folder):
                try:
                    if not holds_client(path, client_id):
                        continue
                    entry = record.get("files", {}).get(str(path))
                    trusted = isinstance(entry, dict) and bool(entry.get("ok")) and _unchanged(path, entry)
                    report = rewrite_without_client(
                        path, client_id, self._keys, self._vault.clock, verified_before=trusted
                    )
                    problem = "" if report.ok else report.problems[0]
                    record.setdefault("files", {})[str(path)] = _file_entry(
                        path, self._vault.clock(), report, problem
                    )
                    rewritten.append(path)
                except (ClientJournalError, OSError, sqlite3.Error, SQLAlchemyError) as exc:
                    log.warning("backup %s could not be rewritten without a deleted client", path.name)
                    failed.append((path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        if rewritten:
            self._save(record)
        return BackupErasure(tuple(rewritten), tuple(failed))

    # ---- the record, verification and rotation -----------------------------------------------------------------

    def _record(self) -> dict[str, Any]:
        raw = self._settings.read(SETTING)
        return raw if isinstance(raw, dict) else {}

    def _save(self, record: dict[str, Any]) -> None:
        self._settings.write(SETTING, record)

    def _folders(self) -> list[Path]:
        """The current folder and every earlier one backups were written to (a deleted client goes from all)."""
        current = self.folder()
        known = [Path(f) for f in self._record().get("folders", []) if isinstance(f, str)]
        return list(dict.fromkeys([*([current] if current else []), *known]))

    def _verify_into(self, record: dict[str, Any], path: Path, name: BackupName, now: datetime) -> Backup:
        report = check_backup_file(path, self._keys)
        problem = "" if report.ok else report.problems[0]
        record.setdefault("files", {})[str(path)] = _file_entry(path, now, report, problem)
        return Backup(
            path,
            name.taken_at,
            name.kind,
            VERIFIED if report.ok else DAMAGED,
            report.clients,
            report.entries,
            problem,
        )

    def _describe(self, path: Path, name: BackupName, entry: Any) -> Backup:
        if isinstance(entry, dict) and _unchanged(path, entry):
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

    def _rotate(self, record: dict[str, Any], folder: Path, now: datetime) -> None:
        """Delete what the policy no longer keeps; damaged backups hold no place, but one newer than every good
        backup stays, so the failure can be seen."""
        policy = self.policy()
        files = record.get("files", {})
        present = managed_files(folder)
        status = {name: self._describe(path, name, files.get(str(path))).status for name, path in present}
        good = [name for name, _path in present if status[name] != DAMAGED]
        keep = to_keep(good, daily=policy.keep_daily, weekly=policy.keep_weekly, zone=now.tzinfo)
        newest_good = max(good, default=None)
        for name, path in present:
            if name in keep or (status[name] == DAMAGED and (newest_good is None or name > newest_good)):
                continue
            try:
                path.unlink()
            except OSError:
                log.warning("an old backup could not be deleted: %s", path.name)
                continue
            files.pop(str(path), None)


def _file_entry(path: Path, at: datetime, report: CheckReport, problem: str) -> dict[str, Any]:
    stat = path.stat()
    return {
        "verified_at": at.isoformat(),
        "ok": report.ok,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "clients": report.clients,
        "entries": report.entries,
        "problem": problem,
    }


def _unchanged(path: Path, entry: dict[str, Any]) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return False
    return entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns


def _failure(raw: Any) -> BackupFailure | None:
    if not isinstance(raw, dict):
        return None
    try:
        return BackupFailure(datetime.fromisoformat(raw["at"]), str(raw["path"]), str(raw["problem"]))
    except (KeyError, TypeError, ValueError):
        return None
