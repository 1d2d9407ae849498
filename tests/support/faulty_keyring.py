"""Secret stores that misbehave, for CLI runs in a subprocess (``PYTHON_KEYRING_BACKEND=support.faulty_keyring.X``
with ``tests`` on ``PYTHONPATH``). Built on :class:`support.keyring_backend.FileKeyring`, which the safety check
trusts in tests, so that their faults reach the code that must survive them."""

from __future__ import annotations

from support.keyring_backend import FileKeyring


class RaisingKeyring(FileKeyring):
    """Raises a foreign exception type (not a ``keyring.errors.KeyringError``) on every operation, like a raw
    D-Bus or Windows error. Needs no file."""

    def __init__(self) -> None:
        super().__init__("/nonexistent/keyring.json")

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("org.freedesktop.DBus.Error.NoReply: did not receive a reply")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("org.freedesktop.DBus.Error.NoReply: did not receive a reply")

    def delete_password(self, service: str, username: str) -> None:
        raise RuntimeError("org.freedesktop.DBus.Error.NoReply: did not receive a reply")
