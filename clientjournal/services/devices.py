"""'Remember on this device': where a front end gets the store of device keys, and what it may ask of it.

A front end never builds the store itself: it calls :func:`default_device_store` (or is given a store, in tests)
and hands the result to the vault use cases. This module is light on purpose: the keyring bridge loads only when
a store is asked for.
"""

from __future__ import annotations

from typing import Protocol


class DeviceStore(Protocol):
    """Keeps one random device key per vault in a secret store (the OS keyring, or a test's stand-in)."""

    def availability(self) -> str | None:
        """None when the store is usable, otherwise the reason it is not, for the user to read."""

    def create(self, vault_id: str) -> bytes: ...

    def load(self, vault_id: str) -> bytes | None: ...

    def forget(self, vault_id: str) -> None: ...


def default_device_store() -> DeviceStore:
    """The OS secret store of this device (through ``keyring``)."""
    from clientjournal.crypto.device import DeviceKeyStore

    return DeviceKeyStore()


def device_store_problem(store: DeviceStore) -> str | None:
    """Why "remember on this device" cannot work here (no secure secret store), or None when it can."""
    return store.availability()
