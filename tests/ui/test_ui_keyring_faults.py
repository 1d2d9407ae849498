"""The keyring fault matrix, through the real welcome and unlock dialogs (issue 14, findings 3 and 4).

Whatever the OS secret store does — nothing (null), refuse everything (fail), raise a foreign exception type on
get, set or delete (``RuntimeError``, ``OSError``, jeepney's real D-Bus error, secretstorage's own errors, a
backend's private class), lie about what it keeps, drop writes, or do any of that inside a chain — creating a vault
with "remember on this device" ticked always shows the recovery key and gives a usable session, unlocking
afterwards always lets the passphrase in, and nothing reaches the exception hook (the "something went wrong"
dialog). A store that is not a real secret store (a plaintext file store, alone or first in keyring's chain with a
good store behind it) is never written, nor read, and "remember" is not offered.

Each fault is tried in two phases: ``create`` (the store misbehaves from the start) and ``unlock`` (it works while
the vault is created and remembered, then misbehaves when the vault is unlocked again).
"""

from __future__ import annotations

import base64
import gc
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import Qt
from sqlalchemy import func, select
from support.constants import PASSPHRASE, WAIT_MS, fixed_clock
from support.keyring_backend import InMemoryKeyring

from clientjournal.crypto.device import DeviceKeyStore, trust_backend_for_tests
from clientjournal.crypto.keys import RecoveryKey
from clientjournal.services.access import KdfChoice
from clientjournal.services.devices import DeviceStore
from clientjournal.services.session import VaultSession
from clientjournal.storage.schema import device_unlocks
from clientjournal.ui import vaultops
from clientjournal.ui.unlock import UnlockDialog
from clientjournal.ui.welcome import WelcomeDialog


class BackendError(Exception):
    """A backend's own exception type, not a ``keyring.errors.KeyringError`` (like a raw D-Bus or Windows error)."""


def dbus_error(text: str) -> Exception:
    """The exception jeepney raises for a D-Bus error reply (what SecretService lets through on a broken bus);
    a look-alike of it where jeepney is not installed (it is a Linux-only dependency)."""
    try:
        from jeepney import DBusAddress, new_error, new_method_call
        from jeepney.wrappers import DBusErrorResponse
    except ImportError:
        return type("DBusErrorResponse", (Exception,), {})(f"[org.freedesktop.DBus.Error.NoReply] {text}")
    address = DBusAddress(
        "/org/freedesktop/secrets", "org.freedesktop.secrets", "org.freedesktop.Secret.Service"
    )
    call = new_method_call(address, "GetSecrets")
    call.header.serial = 1
    return DBusErrorResponse(new_error(call, "org.freedesktop.DBus.Error.NoReply", "s", (text,)))


def secretstorage_locked(text: str) -> Exception:
    """secretstorage's own error for a locked collection, not a ``keyring.errors.KeyringError``."""
    try:
        from secretstorage.exceptions import LockedException
    except ImportError:
        return type("LockedException", (Exception,), {})(text)
    return LockedException(text)


FOREIGN_ERRORS: dict[str, Callable[[str], Exception]] = {
    "RuntimeError": RuntimeError,
    "OSError": OSError,
    "custom": BackendError,
    "KeyError": KeyError,
    "dbus": dbus_error,
    "secretstorage-locked": secretstorage_locked,
}


class FaultyKeyring(KeyringBackend):
    """An in-memory store that, while :attr:`armed`, raises on some operations, lies on get or drops writes."""

    priority = 9  # above InMemoryKeyring, so it comes first in a chain

    def __init__(
        self,
        *,
        raise_on: tuple[str, ...] = (),
        error: Callable[[str], Exception] = RuntimeError,
        lie: Callable[[str | None], Any] | None = None,
        drop_writes: bool = False,
    ) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}
        self.raise_on = raise_on
        self.error = error
        self.lie = lie
        self.drop_writes = drop_writes
        self.armed = True

    def _fault(self, operation: str) -> None:
        if self.armed and operation in self.raise_on:
            raise self.error(f"org.freedesktop.DBus.Error.Failed: {operation} went wrong")

    def get_password(self, service: str, username: str) -> Any:
        self._fault("get")
        value = self.passwords.get((service, username))
        return self.lie(value) if self.armed and self.lie is not None else value

    def set_password(self, service: str, username: str, password: str) -> None:
        self._fault("set")
        if not (self.armed and self.drop_writes):
            self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._fault("delete")
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


# The fault backends are test classes, which the safety check (an allowlist of real secret stores) rightly
# refuses; trusting them, by the test-only door the check provides, lets their faults reach the code that must
# survive them, through the same DeviceKeyStore the app uses.
trust_backend_for_tests(FaultyKeyring)


class PlaintextStore(KeyringBackend):
    """Stands in for keyrings.alt's plaintext file store: it works, with a high priority, so keyring may pick it;
    it records every call so a test can prove the app never wrote to it nor read from it."""

    priority = 9

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}
        self.calls: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append("delete")
        self.passwords.pop((service, username), None)


PlaintextStore.__module__ = "keyrings.alt.file"  # judged by what it is: not on the allowlist


class UnansweringStore(DeviceKeyStore):
    """A store that cannot even say whether it is available."""

    def availability(self) -> str | None:
        raise BackendError("the secret service did not reply")


@dataclass
class Case:
    store: DeviceStore
    faulty: list[FaultyKeyring] = field(default_factory=list)
    """The faulty backends, disarmed while the vault is created in the ``unlock`` phase."""
    unsafe: list[PlaintextStore] = field(default_factory=list)
    """Backends that are not secret stores: never written nor read, whatever happens."""
    good: list[InMemoryKeyring] = field(default_factory=list)
    """Good stores behind an unsafe first backend of a chain: keys never fall through to them either."""


Factory = Callable[[pytest.MonkeyPatch], Case]


def _faulty(**kwargs: Any) -> Factory:
    def make(_monkeypatch: pytest.MonkeyPatch) -> Case:
        backend = FaultyKeyring(**kwargs)
        return Case(DeviceKeyStore(backend), [backend])

    return make


def _chain(**kwargs: Any) -> Factory:
    """A faulty backend first in a chain, a good one behind it (keys go to the first that takes them)."""

    def make(monkeypatch: pytest.MonkeyPatch) -> Case:
        backend = FaultyKeyring(**kwargs)
        monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [backend, InMemoryKeyring()])
        return Case(DeviceKeyStore(ChainerBackend()), [backend])

    return make


def _plaintext(chained: bool) -> Factory:
    """A plaintext store, alone or first in a chain with a good store behind it (the chain writes to its first)."""

    def make(monkeypatch: pytest.MonkeyPatch) -> Case:
        plain, good = PlaintextStore(), InMemoryKeyring()
        if not chained:
            return Case(DeviceKeyStore(plain), unsafe=[plain])
        monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [plain, good])
        chain = ChainerBackend()
        assert chain.backends[0] is plain  # keyring's own order: the higher priority first
        return Case(DeviceKeyStore(chain), unsafe=[plain], good=[good])

    return make


OTHER_KEY = base64.b64encode(bytes(32)).decode("ascii")

CASES: dict[str, Factory] = {
    # Judged by the real safety check: refused, so "remember" is not even offered.
    "null": lambda _mp: Case(DeviceKeyStore(keyring.backends.null.Keyring())),
    "fail": lambda _mp: Case(DeviceKeyStore(keyring.backends.fail.Keyring())),
    "availability-raises": lambda _mp: Case(UnansweringStore(InMemoryKeyring())),
    "plaintext": _plaintext(chained=False),
    "chain-plaintext-first": _plaintext(chained=True),
    # Trusted test backends, so that their faults reach the use cases.
    **{f"raise-on-get-{n}": _faulty(raise_on=("get",), error=e) for n, e in FOREIGN_ERRORS.items()},
    **{f"raise-on-set-{n}": _faulty(raise_on=("set",), error=e) for n, e in FOREIGN_ERRORS.items()},
    **{
        f"raise-on-set-and-delete-{n}": _faulty(raise_on=("set", "delete"), error=e)
        for n, e in FOREIGN_ERRORS.items()
    },
    **{f"raise-on-delete-{n}": _faulty(raise_on=("delete",), error=e) for n, e in FOREIGN_ERRORS.items()},
    "lie-another-key": _faulty(lie=lambda _value: OTHER_KEY),
    "lie-not-base64": _faulty(lie=lambda _value: "not base64 !!"),
    "lie-bytes": _faulty(lie=lambda _value: b"\xff\xfe not a key"),
    "lie-int": _faulty(lie=lambda _value: 42),
    "lie-none-after-set": _faulty(lie=lambda _value: None),
    "drop-writes": _faulty(drop_writes=True),
    "chain-raise-on-set": _chain(raise_on=("set",), error=RuntimeError),
    "chain-raise-on-get": _chain(raise_on=("get",), error=BackendError),
    "chain-raise-on-get-dbus": _chain(raise_on=("get",), error=dbus_error),
    "chain-drop-writes": _chain(drop_writes=True),
    "chain-lie-int": _chain(lie=lambda _value: 42),
}
RAISES_ON_GET = {name for name in CASES if "raise-on-get" in name or name.endswith("get")}
SAME_IN_BOTH_PHASES = {"null", "fail", "availability-raises", "plaintext", "chain-plaintext-first"}
NOT_OFFERED = SAME_IN_BOTH_PHASES  # judged unsafe or unanswering: "remember" is not even offered
MATRIX = [
    pytest.param(name, phase, id=f"{name}-{phase}")
    for name in CASES
    for phase in ("create", "unlock")
    if phase == "create" or name not in SAME_IN_BOTH_PHASES
]


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """Collect each test's widgets here, on the GUI thread, before the next test's worker thread could."""
    yield
    gc.collect()


@pytest.fixture
def hook_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    """Everything that reaches ``sys.excepthook`` (in the app, the friendly error dialog)."""
    seen: list[BaseException] = []

    def record(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        seen.append(exc)

    monkeypatch.setattr(sys, "excepthook", record)
    yield seen


def _device_rows(session: VaultSession) -> int:
    with session.vault.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(device_unlocks)).scalar_one())


@dataclass
class Created:
    session: VaultSession
    recovery_key: str
    offered: bool
    """Whether "remember on this device" was offered (and then ticked)."""
    device_note: str | None
    """The warning on the recovery-key page, if any."""
    dialog: WelcomeDialog
    """Kept alive until the test ends: a dialog left to the garbage collector could be collected on the worker
    thread (a Qt widget destroyed off the GUI thread crashes the process)."""


def _create(qtbot: Any, worker: Any, url: str, store: DeviceStore) -> Created:
    dialog = WelcomeDialog(worker, url, fixed_clock, kdf=KdfChoice.fastest(), device_store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, PASSPHRASE)
    offered = dialog.remember.isVisibleTo(dialog)
    assert offered != dialog.remember_unavailable.isVisibleTo(dialog)
    if offered:
        dialog.remember.setChecked(True)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1 or dialog.message.isVisible(), timeout=WAIT_MS)
    assert dialog.pages.currentIndex() == 1, dialog.message.text()  # the recovery key page, always
    key = dialog.recovery_field.text().replace("\n", "")
    RecoveryKey.parse(key)
    session = dialog.session
    assert session is not None
    note = dialog.device_note.text() if dialog.device_note.isVisibleTo(dialog) else None
    dialog.stored.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    return Created(session, key, offered, note, dialog)


@pytest.mark.parametrize(("name", "phase"), MATRIX)
def test_the_keyring_never_loses_the_recovery_key_nor_locks_the_user_out(
    qtbot: Any,
    worker: Any,
    vault_url: str,
    monkeypatch: pytest.MonkeyPatch,
    hook_calls: list[BaseException],
    name: str,
    phase: str,
) -> None:
    case = CASES[name](monkeypatch)
    if phase == "unlock":
        assert case.faulty
        for backend in case.faulty:
            backend.armed = False

    # Creating: the recovery key is shown and the session works, whatever the store did.
    created = _create(qtbot, worker, vault_url, case.store)
    session, key = created.session, created.recovery_key
    remembered = _device_rows(session) == 1
    assert created.offered == (name not in NOT_OFFERED)
    if created.offered and not remembered:
        assert created.device_note is not None
        assert "could not be remembered" in created.device_note and "passphrase" in created.device_note
    else:
        assert created.device_note is None
    if phase == "unlock":
        assert remembered  # the store worked while the vault was created
    assert session.journal.list_clients() == []
    vault = session.vault
    session.lock()
    assert vault.unlock_with_secret(key) is not None  # the key shown is the vault's recovery key
    session.close()

    # Unlocking: the remembered device opens the vault, or the passphrase does; never a dead end.
    for backend in case.faulty:
        backend.armed = True
    dialog = UnlockDialog(
        worker, lambda: vaultops.open_vault(vault_url, fixed_clock), device_store=lambda: case.store
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    if dialog.session is None:
        assert dialog.isVisible()
        assert dialog.passphrase.isEnabled() and dialog.unlock_button.isEnabled()
        if name in RAISES_ON_GET or name.endswith("int"):
            assert dialog.message.isVisible()
            assert "could not unlock" in dialog.message.text()
            assert "passphrase" in dialog.message.text()
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    else:
        assert remembered and "raise-on-get" not in name
    unlocked = dialog.session
    assert unlocked is not None
    assert unlocked.journal.list_clients() == []
    unlocked.close()
    assert hook_calls == []
    for plain in case.unsafe:  # never written, never even read: a store that is not one is not asked
        assert plain.calls == [] and plain.passwords == {}
    for good in case.good:  # nor did a key fall through the chain to a store that was not judged
        assert good.passwords == {}


def test_a_device_key_that_no_longer_opens_the_vault_gets_a_calm_note(
    qtbot: Any,
    worker: Any,
    vault_url: str,
    hook_calls: list[BaseException],
) -> None:
    """The stored value decodes but does not unwrap (the vault's row was forgotten elsewhere, or tampered with)."""
    backend = FaultyKeyring()  # with no fault: an honest store
    store = DeviceKeyStore(backend)
    created = _create(qtbot, worker, vault_url, store)
    session = created.session
    assert _device_rows(session) == 1
    vault_id = session.vault.vault_id
    session.close()
    (service_and_user,) = backend.passwords
    backend.passwords[service_and_user] = OTHER_KEY
    assert service_and_user[1] == vault_id

    dialog = UnlockDialog(
        worker, lambda: vaultops.open_vault(vault_url, fixed_clock), device_store=lambda: store
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    assert dialog.session is None and dialog.passphrase.isEnabled()
    assert "does not open this journal" in dialog.message.text()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.session is not None
    dialog.session.close()
    assert hook_calls == []


def test_a_store_factory_that_raises_still_lets_the_passphrase_in(
    qtbot: Any, worker: Any, vault_url: str, existing_vault: str, hook_calls: list[BaseException]
) -> None:
    def broken_factory() -> DeviceStore:
        raise BackendError("no secret service on the bus")

    dialog = UnlockDialog(
        worker, lambda: vaultops.open_vault(vault_url, fixed_clock), device_store=broken_factory
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    assert dialog.passphrase.isEnabled() and dialog.unlock_button.isEnabled()
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.session is not None
    dialog.session.close()
    assert hook_calls == []
