"""'Remember on this device' through the OS secret store (keyring).

Only a random device key is kept in the store — never the passphrase, never the only copy of anything. Backends
that would silently drop the secret or keep it in a plain file are refused, and every write is read back.
"""

from __future__ import annotations

import base64
import contextlib
import secrets

import keyring
import keyring.backend
import keyring.errors

from clientjournal.errors import DeviceStoreError

SERVICE = "ClientJournal"

_UNSAFE_BACKEND_MODULES = ("keyring.backends.null", "keyring.backends.fail", "keyrings.alt")


def _backend_is_safe(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    if any(module.startswith(unsafe) for unsafe in _UNSAFE_BACKEND_MODULES):
        return False
    if module.startswith("keyring.backends.chainer"):
        return any(_backend_is_safe(inner) for inner in getattr(backend, "backends", ()))
    try:
        return float(backend.priority) > 0
    except Exception:
        return False


class DeviceKeyStore:
    """Stores one random device key per vault in the OS secret store."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def availability(self) -> str | None:
        """None when a secure store is usable, otherwise the reason it is not, for the user."""
        if not _backend_is_safe(self.backend):
            return (
                "no secure secret store (such as GNOME Keyring, KWallet, macOS Keychain or Windows "
                "Credential Manager) is available on this device; enter the passphrase instead"
            )
        return None

    def create(self, vault_id: str) -> bytes:
        reason = self.availability()
        if reason:
            raise DeviceStoreError(reason)
        device_key = secrets.token_bytes(32)
        encoded = base64.b64encode(device_key).decode("ascii")
        try:
            self.backend.set_password(SERVICE, vault_id, encoded)
            if self.backend.get_password(SERVICE, vault_id) != encoded:
                raise DeviceStoreError("the secret store did not keep the device key")
        except keyring.errors.KeyringError as exc:
            raise DeviceStoreError(f"the secret store refused the device key: {exc}") from exc
        return device_key

    def load(self, vault_id: str) -> bytes | None:
        if self.availability():
            return None
        try:
            encoded = self.backend.get_password(SERVICE, vault_id)
        except keyring.errors.KeyringError:
            return None
        if not encoded:
            return None
        try:
            return base64.b64decode(encoded, validate=True)
        except ValueError:
            return None

    def forget(self, vault_id: str) -> None:
        with contextlib.suppress(keyring.errors.KeyringError):
            self.backend.delete_password(SERVICE, vault_id)
