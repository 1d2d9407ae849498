"""The tray and notifications on a real (private) desktop bus: Xvfb, a private D-Bus session bus, a fake
``org.kde.StatusNotifierWatcher`` (so Qt sees a tray) and python-dbusmock's notification server. The app side runs
in a subprocess (tests/ui/tray_probe.py) with its own QApplication on xcb, since this process's is offscreen.
It presses Snooze and Done by making the mock emit ``ActionInvoked`` and checks the vault afterwards."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jeepney")

from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import unwrap_msg
from support.private_bus import SYSTEM_PYTHON, have_dbus_daemon, have_dbusmock, start_bus, stop, wait_for_name

HERE = Path(__file__).parent
WATCHER = "org.kde.StatusNotifierWatcher"


def _have_tools() -> bool:
    return have_dbus_daemon() and shutil.which("Xvfb") is not None and have_dbusmock()


pytestmark = pytest.mark.skipif(not _have_tools(), reason="needs dbus-daemon, Xvfb and python3-dbusmock")


def _mock_call(address: str, bus_name: str, path: str, member: str, signature: str, body: tuple) -> None:
    connection = open_dbus_connection(bus=address)
    try:
        target = DBusAddress(path, bus_name=bus_name, interface="org.freedesktop.DBus.Mock")
        unwrap_msg(connection.send_and_get_reply(new_method_call(target, member, signature, body), timeout=5))
    finally:
        connection.close()


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Xvfb, a session bus, a StatusNotifierWatcher with a host, and a notification server (with buttons)."""
    processes: list[subprocess.Popen[Any]] = []
    try:
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "1024x768x24"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        processes.append(xvfb)
        assert xvfb.stdout is not None
        display = xvfb.stdout.readline().strip()
        daemon, address = start_bus("session", tmp_path)
        processes.append(daemon)
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
        processes.append(
            subprocess.Popen(
                [SYSTEM_PYTHON, "-m", "dbusmock", "--session", WATCHER, "/StatusNotifierWatcher", WATCHER],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for_name(address, WATCHER)
        for name, value in (
            ("IsStatusNotifierHostRegistered", ("b", True)),
            ("ProtocolVersion", ("i", 0)),
            ("RegisteredStatusNotifierItems", ("as", [])),
        ):
            _mock_call(
                address, WATCHER, "/StatusNotifierWatcher", "AddProperty", "ssv", (WATCHER, name, value)
            )
        _mock_call(address, WATCHER, "/StatusNotifierWatcher", "AddMethod", "sssss",
                   (WATCHER, "RegisterStatusNotifierItem", "s", "", ""))  # fmt: skip
        _mock_call(address, WATCHER, "/StatusNotifierWatcher", "AddMethod", "sssss",
                   (WATCHER, "RegisterStatusNotifierHost", "s", "", ""))  # fmt: skip
        processes.append(
            subprocess.Popen(
                [
                    SYSTEM_PYTHON,
                    "-m",
                    "dbusmock",
                    "--session",
                    "-t",
                    "notification_daemon",
                    "-p",
                    json.dumps({"capabilities": "body actions"}),
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for_name(address, "org.freedesktop.Notifications")
        yield {"DISPLAY": f":{display}", "DBUS_SESSION_BUS_ADDRESS": address}
    finally:
        for process in reversed(processes):
            stop(process)


def test_tray_and_notification_buttons_on_a_real_bus(desktop: dict[str, str], tmp_path: Path) -> None:
    env = {
        **os.environ,
        **desktop,
        "QT_QPA_PLATFORM": "xcb",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONPATH": os.pathsep.join([str(HERE.parents[1]), os.environ.get("PYTHONPATH", "")]),
    }
    args = [sys.executable, str(HERE / "tray_probe.py")]
    if os.environ.get("CLIENTJOURNAL_SCREENSHOTS"):
        args += ["--screenshot", os.environ["CLIENTJOURNAL_SCREENSHOTS"]]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["tray_available"] is True  # the fake watcher made Qt see a tray
    assert seen["tray_count"] >= 1 and seen["first"]
    assert seen["snoozed_until"].startswith("2026-11-27T11:10:15")
    assert seen["kept"] is True
