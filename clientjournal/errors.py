"""The exceptions ClientJournal raises, one tree for every front end.

Catch :class:`ClientJournalError` to handle anything the core reports on purpose. Each class carries a message
meant for the user (no client data in it, since messages reach logs) and an ``exit_code`` used by the CLI.

    ClientJournalError
    ├── VaultError
    │   ├── VaultNotFoundError        no vault at the given place
    │   ├── VaultExistsError          init over an existing vault
    │   ├── VaultLockedError          an operation that needs the keys, on a locked vault
    │   └── UnsupportedVaultError     a vault written by a newer version, or with refused KDF parameters
    ├── AuthenticationError           wrong passphrase or recovery key (exit 3)
    ├── IntegrityError                tampered or corrupt data detected (exit 4)
    ├── ImportValidationError         an import file with problems; carries every problem with its JSON path
    ├── NotFoundError                 no client/project/entry with that id or name
    ├── AmbiguousNameError            several clients share the name given
    ├── ConcurrentEditError           the record changed since it was read (optimistic locking)
    ├── DeviceStoreError              the OS secret store is missing or unsafe
    └── ValidationError               a value the user gave is not acceptable
"""

from __future__ import annotations

from dataclasses import dataclass


class ClientJournalError(Exception):
    exit_code = 1


class VaultError(ClientJournalError):
    pass


class VaultNotFoundError(VaultError):
    pass


class VaultExistsError(VaultError):
    pass


class VaultLockedError(VaultError):
    pass


class UnsupportedVaultError(VaultError):
    exit_code = 4


class AuthenticationError(ClientJournalError):
    exit_code = 3


class IntegrityError(ClientJournalError):
    """Data failed authentication or a structural check. ``records`` names what failed, never its content."""

    exit_code = 4

    def __init__(self, message: str, records: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.records = records


@dataclass(frozen=True, slots=True)
class ImportProblem:
    path: str
    """A JSONPath-like location such as ``$.clients[0].entries[3].kind``."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ImportValidationError(ClientJournalError):
    def __init__(self, problems: list[ImportProblem]) -> None:
        count = len(problems)
        super().__init__(
            f"the import file has {count} problem{'s' if count != 1 else ''}; nothing was changed"
        )
        self.problems = problems


class NotFoundError(ClientJournalError):
    pass


class AmbiguousNameError(ClientJournalError):
    pass


class ConcurrentEditError(ClientJournalError):
    pass


class DeviceStoreError(ClientJournalError):
    pass


class ValidationError(ClientJournalError):
    pass
