"""The vault use cases survive any secret store (issue 14, findings 3 and 4), without Qt.

``create_vault`` never raises once the vault exists: the recovery key comes back with the outcome of
"remember on this device". ``unlock_with_device`` never raises: any failure gives no session and a reason.
"""

from __future__ import annotations

from typing import Any

import pytest
from support.constants import PASSPHRASE, fixed_clock

from clientjournal.crypto.keys import RecoveryKey
from clientjournal.errors import DeviceStoreError
from clientjournal.services import access


class Custom(Exception):
    """A backend's own exception type."""


class Store:
    """A device store that raises ``error`` from ``failing`` (create, load or forget) and else keeps one key."""

    def __init__(self, failing: str, error: BaseException | None = None, loaded: Any = None) -> None:
        self.failing, self.error, self.loaded = failing, error, loaded
        self.key: bytes | None = None
        self.forgotten = 0

    def availability(self) -> str | None:
        return None

    def create(self, vault_id: str) -> bytes:
        if self.failing == "create" and self.error is not None:
            raise self.error
        self.key = bytes(range(32))
        return self.key

    def load(self, vault_id: str) -> Any:
        if self.failing == "load":
            if self.error is not None:
                raise self.error
            return self.loaded
        return self.key

    def forget(self, vault_id: str) -> None:
        self.forgotten += 1
        if self.failing == "forget" and self.error is not None:
            raise self.error


RAW = "org.freedesktop.DBus.Error.NoReply"
ERRORS = [RuntimeError(RAW), OSError(5, RAW), Custom(RAW), KeyError(RAW), TypeError(RAW)]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_create_vault_keeps_the_recovery_key_when_remembering_raises(
    sqlite_url: str, error: Exception
) -> None:
    store = Store("create", error)
    created = access.create_vault(
        sqlite_url, PASSPHRASE, clock=fixed_clock, kdf=access.KdfChoice.fastest(), remember=store
    )
    try:
        RecoveryKey.parse(created.recovery_key)
        assert created.device == access.DeviceOutcome(
            False, created.device.problem if created.device else None
        )
        assert created.device is not None and created.device.problem
        assert type(error).__name__ in created.device.problem
        assert str(error) not in created.device.problem or isinstance(error, KeyError)
        assert store.forgotten == 1  # whatever the store may have kept is taken out again
        assert created.session.journal.list_clients() == []
        result = access.unlock_with_device(created.session.vault, store)
        assert result == access.DeviceUnlock(None)  # not remembered: no note needed
    finally:
        created.session.close()


@pytest.mark.parametrize(
    ("error", "loaded"),
    [(e, None) for e in ERRORS] + [(None, 42), (None, "a string"), (None, b""), (None, bytes(32))],
    ids=[type(e).__name__ for e in ERRORS] + ["int", "str", "empty-bytes", "other-key"],
)
def test_unlock_with_device_never_raises(sqlite_url: str, error: Exception | None, loaded: Any) -> None:
    store = Store("load", error, loaded)
    created = access.create_vault(
        sqlite_url, PASSPHRASE, clock=fixed_clock, kdf=access.KdfChoice.fastest(), remember=Store("none")
    )
    try:
        assert created.device == access.DeviceOutcome(True)
        result = access.unlock_with_device(created.session.vault, store)
        assert result.session is None and result.problem
        assert "passphrase" not in result.problem  # the front end says what to do next
        assert access.unlock(created.session.vault, PASSPHRASE) is not None
    finally:
        created.session.close()


@pytest.mark.parametrize("failing", ["load", "forget"])
def test_forget_device_reports_a_failing_store_in_the_cores_terms(sqlite_url: str, failing: str) -> None:
    store = Store("none")
    created = access.create_vault(
        sqlite_url, PASSPHRASE, clock=fixed_clock, kdf=access.KdfChoice.fastest(), remember=store
    )
    try:
        store.failing, store.error = failing, RuntimeError(RAW)
        with pytest.raises(DeviceStoreError) as caught:
            access.forget_device(created.session, store)
        assert "RuntimeError" in str(caught.value) and RAW not in str(caught.value)
    finally:
        created.session.close()
