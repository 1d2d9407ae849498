"""One unlocked vault and the services over it: what the CLI and the GUI hold while the user works."""

from __future__ import annotations

from pathlib import Path

from clientjournal.crypto.keychain import KeyChain
from clientjournal.services.autosave import AutosaveStore
from clientjournal.services.changes import ChangeWatcher
from clientjournal.services.coaching import CoachingService
from clientjournal.services.journal import JournalService, Progress
from clientjournal.services.maintenance import (
    CheckReport,
    backup_vault,
    check_vault,
    scrub_freed_data,
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
        ensure_manifests(vault.engine, keys)  # an older vault's, built on its first unlock

    def delete_client(self, client_id: str) -> bool:
        """Crypto-shred a client: its autosaves, data key and rows go, and freed pages are scrubbed from file and WAL.

        Returns whether the scrub completed. False means the client *is* deleted, but another program holding the
        vault open kept the scrub from finishing, so the database file or its WAL may still hold the old pages
        (the data key and ciphertexts) until that program closes the vault.
        """
        self.autosave.drop_client(client_id)
        self.journal.delete_client(client_id)
        self.settings.forget_client(client_id)
        self.reminders.forget_client(client_id)
        return scrub_freed_data(self.vault.engine)

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
