"""Sleep and wake (clientjournal.notify.sleep) against python-dbusmock's ``logind`` on a private system bus.

Each test starts its own bus (``dbus-daemon``, without service activation) and points ``DBUS_SYSTEM_BUS_ADDRESS``
at it for that test only; ``/usr/bin/python3 -m dbusmock --system -t logind`` plays logind, and a test "suspends"
the machine by making the mock emit ``PrepareForSleep``. Without those tools the tests are skipped (CI installs
``dbus`` and ``python3-dbusmock``).
"""

from __future__ import annotations

import os
import select
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jeepney")

from jeepney import DBusAddress, new_method_call, new_signal
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import unwrap_msg
from support.private_bus import SYSTEM_PYTHON, have_dbus_daemon, have_dbusmock, start_bus, stop, wait_for_name

from clientjournal.notify.sleep import BUS_NAME, INTERFACE, OBJECT_PATH, SleepWatcher

MOCK = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface="org.freedesktop.DBus.Mock")


needs_dbus = pytest.mark.skipif(not have_dbus_daemon(), reason="dbus-daemon is not installed")
needs_mock = pytest.mark.skipif(
    not have_dbusmock(), reason="python3-dbusmock (Debian) is not installed for /usr/bin/python3"
)


@pytest.fixture
def system_bus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    daemon, address = start_bus("system", tmp_path)
    try:
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
        yield daemon
    finally:
        stop(daemon)


@pytest.fixture
def logind(system_bus: subprocess.Popen[str]) -> Iterator[subprocess.Popen[Any]]:
    mock = subprocess.Popen(
        [SYSTEM_PYTHON, "-m", "dbusmock", "--system", "-t", "logind"],
        env=dict(os.environ),  # DBUS_SYSTEM_BUS_ADDRESS: the private bus
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_name("SYSTEM", BUS_NAME)
        yield mock
    finally:
        stop(mock)


def _emit(member: str, value: bool, interface: str = INTERFACE) -> None:
    """What logind does around a suspend: PrepareForSleep(true) before, PrepareForSleep(false) after."""
    connection = open_dbus_connection(bus="SYSTEM")
    try:
        message = new_method_call(MOCK, "EmitSignal", "sssav", (interface, member, "b", [("b", value)]))
        unwrap_msg(connection.send_and_get_reply(message, timeout=5))
    finally:
        connection.close()


def _wait(watcher: SleepWatcher, count: int, timeout: float = 5.0) -> list[bool]:
    found: list[bool] = []
    deadline = time.monotonic() + timeout
    while len(found) < count and time.monotonic() < deadline:
        found += watcher.poll(timeout=0.2)
    return found


@needs_dbus
@needs_mock
def test_sleep_and_wake_are_reported_in_order(logind: subprocess.Popen[Any]) -> None:
    watcher = SleepWatcher.connect()
    try:
        assert watcher.available()
        fd = watcher.fileno()
        assert fd is not None and fd >= 0
        started = time.monotonic()
        assert watcher.poll() == [] and time.monotonic() - started < 0.5  # poll() does not wait
        _emit("PrepareForSleep", True)
        readable, _, _ = select.select([fd], [], [], 5)  # what a QSocketNotifier on fileno() sees
        assert readable == [fd]
        _emit("PrepareForSleep", False)
        assert _wait(watcher, 2) == [True, False]
        assert watcher.poll() == []
    finally:
        watcher.close()
    assert not watcher.available() and watcher.fileno() is None and watcher.poll() == []
    watcher.close()  # twice is fine


@needs_dbus
@needs_mock
def test_other_signals_are_ignored(logind: subprocess.Popen[Any]) -> None:
    with SleepWatcher.connect() as watcher:
        _emit("PrepareForShutdown", True)  # the same interface, another signal
        _emit("PrepareForSleep", True, interface="org.example.NotLogind")
        impostor = open_dbus_connection(bus="SYSTEM")  # anyone may send that signal; only logind's counts
        try:
            fake = DBusAddress(OBJECT_PATH, interface=INTERFACE)
            impostor.send_message(new_signal(fake, "PrepareForSleep", "b", (True,)))
        finally:
            impostor.close()
        _emit("PrepareForSleep", False)
        assert _wait(watcher, 1) == [False]
        assert watcher.poll(timeout=0.3) == []


@needs_dbus
@needs_mock
def test_the_bus_going_away_makes_the_watcher_unavailable_quietly(
    system_bus: subprocess.Popen[str], logind: subprocess.Popen[Any]
) -> None:
    watcher = SleepWatcher.connect()
    assert watcher.available()
    stop(logind)  # logind restarting: the watcher stays, nothing is reported
    assert watcher.poll(timeout=0.3) == []
    stop(system_bus)  # the bus itself gone
    deadline = time.monotonic() + 5
    while watcher.available() and time.monotonic() < deadline:
        assert watcher.poll(timeout=0.2) == []
    assert not watcher.available() and watcher.fileno() is None
    watcher.close()


@needs_dbus
def test_a_system_bus_without_logind_is_unavailable(system_bus: subprocess.Popen[str]) -> None:
    watcher = SleepWatcher.connect()
    assert not watcher.available()
    assert watcher.fileno() is None and watcher.poll(timeout=0.1) == []
    watcher.close()


def test_no_system_bus_is_unavailable_and_never_raises(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path / 'no-such-socket'}")
    watcher = SleepWatcher.connect()
    assert not watcher.available() and watcher.fileno() is None and watcher.poll() == []
    watcher.close()
    assert not SleepWatcher.connect("nonsense:").available()
    assert not SleepWatcher().available()
