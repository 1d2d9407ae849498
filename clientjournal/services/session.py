"""One unlocked vault and the services over it: what the CLI and the GUI hold while the user works."""

from __future__ import annotations

from pathlib import Path

from clientjournal.crypto.keychain import KeyChain
from clientjournal.services.autosave import AutosaveStore
from clientjournal.services.backups import BackupService, ClientDeletion
from clientjournal.services.changes import ChangeWatcher
from clientjournal.services.coaching import CoachingService
from clientjournal.services.journal import JournalService, Progress
from clientjournal.services.maintenance import (
    CheckReport,
    backup_vault,
    check_vault,
    scrub_problem,
)
from clientjournal.services.manifests import ensure_manifests
from clientjournal.services.reminders import ReminderService
from clientjournal.services.settings import VaultSettings
from clientjournal.services.transfer import TransferService
from clientjournal.services.vault import Vault


class VaultSession:
    def __init__(self, vault: Vault, keys: KeyChain) -> None:
        self.vault = vault
        self.keys = keys
        self.journal = JournalService(vault.engine, keys)
        self.transfer = TransferService(self.journal)
        self.settings = VaultSettings(vault.engine, keys)
        self.coaching = CoachingService(self.journal, self.settings)
        self.reminders = ReminderService(self.journal, self.settings, self.coaching)
        self.autosave = AutosaveStore(self.settings, self.journal)
        self.backups = BackupService(vault, keys, self.settings)
        ensure_manifests(vault.engine, keys)  # an older vault's, built on its first unlock

    def delete_client(self, client_id: str) -> ClientDeletion:
        """Crypto-shred a client: its autosaves, data key and rows go, freed pages are scrubbed from file and WAL,
        and every backup the app manages is rewritten without it.

        ``scrubbed`` False means the client *is* deleted, but another program holding the vault open (or a disk too
        full for the scrub) kept the scrub from finishing, so the database file or its WAL may still hold the old
        pages (the data key and ciphertexts); ``scrub_problem`` says which. ``backups`` names the backups that could not be
        rewritten and may still hold the client.
        """
        self.forget_client_data(client_id)
        problem = scrub_problem(self.vault.engine)
        return ClientDeletion(not problem, self.backups.erase_client(client_id), problem)

    def forget_client_data(self, client_id: str) -> None:
        """The client's autosaves, data key, rows and settings, in this vault only (no scrub, no backups)."""
        self.autosave.drop_client(client_id)
        self.journal.delete_client(client_id)
        self.settings.forget_client(client_id)
        self.reminders.forget_client(client_id)

    def watch_changes(self) -> ChangeWatcher:
        """A watcher for changes others commit to this vault; use and close it on one thread."""
        return ChangeWatcher(self.vault.engine)

    def check(self, progress: Progress | None = None) -> CheckReport:
        return check_vault(self.vault.engine, self.keys, progress)

    def backup(self, destination: Path, progress: Progress | None = None) -> None:
        backup_vault(self.vault.engine, destination, progress)

    def change_passphrase(self, new_passphrase: str) -> None:
        self.vault.change_passphrase(self.keys, new_passphrase)

    def lock(self) -> None:
        self.journal.forget_cached()
        self.keys.lock()

    def close(self) -> None:
        self.lock()
        self.vault.close()
