"""Automatic encrypted backups of a SQLite vault, each one verified with the vault's keys; restoring one; and
erasing a deleted client from every backup the app manages.

A backup is due once a day (or week) after the vault changed: the first change of a day takes it, later ones do
not. It is written with :func:`~clientjournal.services.maintenance.backup_vault` into a private folder (default:
``backups`` beside the vault file), then opened read-only and checked with the vault's keys, every record
decrypted (:func:`~clientjournal.services.maintenance.check_vault`). What was verified, and the last failure,
are recorded in the vault's encrypted settings; a damaged backup is reported and never counts as "last good".
Rotation keeps the newest of the last N days and M weeks (see :mod:`~clientjournal.services.backup_files`).

Backups share the vault key, and every client's data key is wrapped by it: an old backup plus the passphrase
would read a deleted client. So deleting a client rewrites each managed backup without it (:meth:`erase_client`,
:mod:`~clientjournal.services.backup_erasure`).

A PostgreSQL vault has no file to sit beside, and its server keeps backups of its own: automatic backups are not
offered there (:attr:`BackupService.supported`).

Next to this service: the backups' vocabulary and their record in the settings (``backup_record``), file names
and rotation (``backup_files``), the work on one backup file (``backup_checks``) and erasing a deleted client
(``backup_erasure``).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import IntegrityError, ValidationError, VaultError
from clientjournal.private_files import private_file, private_folder
from clientjournal.services.backup_checks import (
    backup_vault_id,
    check_backup_file,
    copy_vault_file,
    count_records,
    vault_fingerprint,
)
from clientjournal.services.backup_erasure import erase_client_from
from clientjournal.services.backup_files import (
    AUTOMATIC,
    BEFORE_RESTORE,
    managed_files,
    new_name,
    parse_name,
    to_keep,
)
from clientjournal.services.backup_record import (
    CHOSEN,
    DAMAGED,
    SETTING,
    UNVERIFIED,
    VERIFIED,
    Backup,
    BackupCopy,
    BackupErasure,
    BackupFailure,
    BackupJob,
    BackupPolicy,
    BackupStatus,
    ClientDeletion,
    RestoreResult,
    describe,
    failure_entry,
    file_stat,
    note_check,
    parse_failure,
    unchanged,
)
from clientjournal.services.journal import Progress
from clientjournal.services.maintenance import restore_vault
from clientjournal.services.recovery_seal import recovery_wrapping_problems
from clientjournal.services.settings import VaultSettings
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_path, sqlite_url
from clientjournal.storage.schema import clients, entries

__all__ = [  # the backups' vocabulary lives in backup_record; callers find it here with the service
    "DAMAGED",
    "UNVERIFIED",
    "VERIFIED",
    "Backup",
    "BackupCopy",
    "BackupErasure",
    "BackupFailure",
    "BackupJob",
    "BackupPolicy",
    "BackupService",
    "BackupStatus",
    "ClientDeletion",
    "RestoreResult",
]

log = logging.getLogger(__name__)

DEFAULT_FOLDER_NAME = "backups"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class BackupService:
    """The automatic backups of one unlocked vault. Every method takes ``now`` (aware) rather than reading a clock."""

    def __init__(self, vault: Vault, keys: KeyChain, settings: VaultSettings) -> None:
        self._vault = vault
        self._keys = keys
        self._settings = settings
        vault_file = sqlite_path(vault.engine.url)
        self._vault_file = vault_file.resolve() if vault_file is not None else None
        self._files = threading.Lock()
        """Held while a backup is copied and checked, while rotation deletes old ones, and while deleting a client
        rewrites them: a backup taken beside the worker must not land after the rewrite and keep a deleted
        client."""

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
            parse_failure(self._record().get("last_failure")),
        )

    def last_good(self) -> Backup | None:
        """The newest backup verified with the vault's keys and unchanged since; never a damaged one."""
        return next((b for b in self.backups() if b.verified), None)

    def backups(self) -> list[Backup]:
        """Every managed backup, newest first, with what it holds and whether it was verified."""
        files = self._record().get("files", {})
        found = [
            describe(path, name, files.get(str(path)))
            for folder in self._folders()
            for name, path in managed_files(folder)
        ]
        return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)

    def inspect(self, path: Path) -> Backup:
        """A file chosen by hand, as a restore would offer it: what it holds and whose vault it is."""
        path = path.resolve()
        name = parse_name(path.name)
        entry = self._record().get("files", {}).get(str(path))
        if name is not None and isinstance(entry, dict) and unchanged(path, entry):
            return describe(path, name, entry)
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
        VaultError when it cannot be written at all (a full disk, a folder that cannot be created).

        The three steps, :meth:`prepare`, :meth:`take` and :meth:`record`, can also run apart: the window takes
        its automatic backups beside its worker, so saving does not wait for a copy and its check."""
        return self.record(self.take(self.prepare(now, kind=kind), progress), rotate=rotate)

    def prepare_if_due(self, now: datetime) -> BackupJob | None:
        """The automatic backup to take when one is due; None when none is."""
        return self.prepare(now) if self.due(now) else None

    def prepare(self, now: datetime, *, kind: str = AUTOMATIC) -> BackupJob:
        """What :meth:`take` needs, read on the session's thread."""
        folder = self.folder()
        if folder is None or self._vault_file is None:
            raise ValidationError("automatic backups need a vault file; this vault is on a database server")
        recovery_wrapping_problems(
            self._vault.engine, self._keys
        )  # seals an older vault's digest, checked below
        fingerprint = vault_fingerprint(self._vault.engine, SETTING)
        keys = KeyChain(self._keys.vault_id, self._keys.vault_key)  # its own cipher cache, for another thread
        return BackupJob(self._vault_file, folder, kind, now, fingerprint, keys)

    def take(self, job: BackupJob, progress: Progress | None = None) -> BackupCopy:
        """Copy the vault into a new backup file and check it with the job's keys. Safe on any thread: it uses
        connections of its own and no session object, and one copy at a time (see :attr:`_files`)."""
        with self._files:
            try:
                private_folder(job.folder)
                name = new_name(job.folder, job.now, job.kind)
                path = job.folder / name.file_name()
                copy_vault_file(job.vault_file, path, progress)
                private_file(path, create=False)
            except (OSError, sqlite3.Error) as exc:
                job.keys.lock()
                return BackupCopy(job, problem=getattr(exc, "strerror", None) or str(exc).splitlines()[0])
            try:
                report = check_backup_file(path, job.keys)
                return BackupCopy(job, path, name, report, file_stat(path))
            finally:
                job.keys.lock()

    def record(self, copy: BackupCopy, *, rotate: bool = True) -> Backup:
        """Record what :meth:`take` did (on the session's thread) and rotate, unless ``rotate`` is False."""
        job = copy.job
        if self._vault.vault_id != job.keys.vault_id:  # another journal was restored in place meanwhile
            raise VaultError("the journal was replaced while this backup was taken; it is not recorded")
        record = self._record()
        if copy.path is None or copy.name is None or copy.report is None:
            record["last_failure"] = failure_entry(job.now, job.folder, copy.problem)
            self._save(record)
            raise VaultError(f"the backup could not be written to {job.folder}: {copy.problem}")
        path = copy.path
        # Rewritten since it was checked (a client deleted meanwhile): the rewrite recorded its own check.
        files = record.setdefault("files", {}) if file_stat(path) == copy.checked_stat else {}
        backup = note_check(files, path, copy.name, job.now, copy.report, copy.checked_stat)
        record.setdefault("folders", [])
        if str(job.folder) not in record["folders"]:
            record["folders"].append(str(job.folder))
        if backup.verified:
            record.pop("last_failure", None)
            if job.kind == AUTOMATIC:
                record["fingerprint"] = job.fingerprint
        else:
            log.warning("backup %s failed its verification: %s", path.name, backup.problem)
            record["last_failure"] = failure_entry(job.now, path, backup.problem)
        if rotate:
            with self._files:  # never deletes a file another backup is being checked against
                self._rotate(record, job.folder, job.now)
        self._save(record)
        return backup

    def verify(self, path: Path, now: datetime) -> Backup:
        """Check one managed backup again (opened read-only, every record decrypted) and record the result."""
        name = parse_name(path.name)
        if name is None:
            raise ValidationError(f"{path.name} is not a backup this app manages")
        record, path = self._record(), path.resolve()
        files = record.setdefault("files", {})
        backup = note_check(files, path, name, now, check_backup_file(path, self._keys))
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
        with self._files:  # a backup being copied now is in its folder before this looks
            record = self._record()
            paths = [path for folder in self._folders() for _name, path in managed_files(folder)]
            erasure = erase_client_from(
                paths, client_id, self._keys, self._vault.clock, record.setdefault("files", {})
            )
            if erasure.rewritten:
                self._save(record)
            return erasure

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

    def _rotate(self, record: dict[str, Any], folder: Path, now: datetime) -> None:
        """Delete what the policy no longer keeps; damaged backups hold no place, but one newer than every good
        backup stays, so the failure can be seen."""
        policy = self.policy()
        files = record.get("files", {})
        present = managed_files(folder)
        status = {name: describe(path, name, files.get(str(path))).status for name, path in present}
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
