"""Keyring backends for tests, so that no test ever reads or writes the OS secret store."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from clientjournal.crypto.device import trust_backend_for_tests


class InMemoryKeyring(KeyringBackend):
    """Keeps passwords in a dict on the instance; a fresh instance starts empty.

    ``tests/conftest.py`` installs a fresh one for every test with ``keyring.set_keyring``.
    """

    # A plain class attribute satisfies keyring's abstract ``priority`` class property.
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.passwords[(service, username)]
        except KeyError:
            raise PasswordDeleteError(f"no password for {username!r} in {service!r}") from None


class FileKeyring(KeyringBackend):
    """Keeps passwords in the JSON file named by ``CLIENTJOURNAL_TEST_KEYRING_FILE``: a secret store that a CLI
    run in a subprocess and the test that started it both see.

    Select it in the subprocess with ``PYTHON_KEYRING_BACKEND=support.keyring_backend.FileKeyring`` (with
    ``tests`` on ``PYTHONPATH``); in the test, pass ``FileKeyring(path)`` to a ``DeviceKeyStore``.
    """

    priority = 1
    ENV = "CLIENTJOURNAL_TEST_KEYRING_FILE"

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        self.path = Path(path if path is not None else os.environ[self.ENV])

    def _read(self) -> dict[str, str]:
        if not self.path.is_file():
            return {}
        data: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def _write(self, passwords: dict[str, str]) -> None:
        self.path.write_text(json.dumps(passwords), encoding="utf-8")

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}\n{username}"

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._write({**self._read(), self._key(service, username): password})

    def delete_password(self, service: str, username: str) -> None:
        passwords = self._read()
        if passwords.pop(self._key(service, username), None) is None:
            raise PasswordDeleteError(f"no password for {username!r} in {service!r}")
        self._write(passwords)


# The app accepts only an allowlist of real OS secret stores; these stand-ins (and test doubles built on them) are
# accepted through the explicit test hook. Registering here, on import, also covers a CLI subprocess that loads
# FileKeyring through PYTHON_KEYRING_BACKEND.
trust_backend_for_tests(InMemoryKeyring)
trust_backend_for_tests(FileKeyring)
