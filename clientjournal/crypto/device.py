"""'Remember on this device' through the OS secret store (keyring).

Only a random device key is kept in the store — never the passphrase, never the only copy of anything. Only
backends known to be real secret stores are used (an allowlist), judged on the backend a write actually goes to,
and every write is read back.
"""

from __future__ import annotations

import base64
import contextlib
import secrets

import keyring
import keyring.backend
import keyring.errors
from keyring.backends.chainer import ChainerBackend

from clientjournal.errors import DeviceStoreError

SERVICE = "ClientJournal"

# An allowlist, not a denylist: only backends known to keep secrets in a real, encrypted OS secret store. Anything
# else (keyrings.alt's plaintext and "encrypted" file stores, null, fail, a third-party backend we do not know) is
# refused, because keyring may pick such a backend silently. Exact classes, named by module and class.
TRUSTED_BACKENDS: frozenset[str] = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
    }
)

_TEST_STORE_MARK = "_clientjournal_trusted_test_store"
"""The class attribute that :func:`trust_backend_for_tests` sets: the mark lives on the class, not in this module."""


def trust_backend_for_tests(backend_class: type[keyring.backend.KeyringBackend]) -> None:
    """Accept ``backend_class`` (and its subclasses) as a secret store: for a test suite's in-memory stand-in only.

    Only code already running in this process can call it (the test support module does, when it is imported), so
    it opens nothing to a file, an environment variable or a setting.
    """
    setattr(backend_class, _TEST_STORE_MARK, True)


def _qualified_name(backend: keyring.backend.KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def writing_backend(backend: keyring.backend.KeyringBackend) -> keyring.backend.KeyringBackend | None:
    """The backend a write actually goes to: for keyring's chain, its first backend (the chain writes there and
    only falls through to the next on NotImplementedError), else the backend itself; None for an empty chain."""
    seen = 0
    while isinstance(backend, ChainerBackend):
        inner = list(getattr(backend, "backends", ()))
        if not inner or seen > 8:
            return None
        backend, seen = inner[0], seen + 1
    return backend


def _backend_is_safe(backend: keyring.backend.KeyringBackend | None) -> bool:
    if backend is None or isinstance(backend, ChainerBackend):
        return False
    trusted = (
        _qualified_name(backend) in TRUSTED_BACKENDS
        or getattr(type(backend), _TEST_STORE_MARK, False) is True
    )
    if not trusted:
        return False
    try:  # a trusted backend that is not usable here (no D-Bus session, no keychain) reports priority <= 0 or raises
        return float(backend.priority) > 0
    except Exception:
        return False


class DeviceKeyStore:
    """Stores one random device key per vault in the OS secret store."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        """The backend every read and write goes to, judged by :meth:`availability`: for a chain, the one backend
        it would write to, used directly so that a failure there never falls through to a backend not judged."""
        chosen = self._backend if self._backend is not None else keyring.get_keyring()
        return writing_backend(chosen) or chosen

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
