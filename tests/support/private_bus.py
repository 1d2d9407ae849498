"""Private D-Bus buses for tests: a ``dbus-daemon`` of our own, without service activation (so no installed
notification server or logind starts by itself), plus the few helpers every D-Bus test needs."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Literal

SYSTEM_PYTHON = "/usr/bin/python3"
"""Debian's python3-dbusmock is installed for the system python, not for the venv."""

_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>{kind}</type>
  <listen>unix:tmpdir={tmp}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def have_dbus_daemon() -> bool:
    return shutil.which("dbus-daemon") is not None


def have_dbusmock() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import dbusmock"], capture_output=True, check=False)
    return probe.returncode == 0


def start_bus(kind: Literal["session", "system"], folder: Path) -> tuple[subprocess.Popen[str], str]:
    """A new bus of that kind and its address; stop it with :func:`stop`."""
    config = folder / f"{kind}-bus.conf"
    # The socket goes to the system temp folder: a tmp_path can be longer than a socket path may be.
    config.write_text(_CONFIG.format(kind=kind, tmp=tempfile.gettempdir()), encoding="utf-8")
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    if not address.startswith("unix:"):
        stop(daemon)
        raise AssertionError(f"dbus-daemon printed no address: {address!r}")
    return daemon, address


def stop(process: subprocess.Popen[Any]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_name(bus: str, name: str, timeout: float = 15.0) -> None:
    """Wait until someone owns ``name`` on ``bus`` ("SESSION", "SYSTEM" or an address)."""
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import unwrap_msg

    connection = open_dbus_connection(bus=bus)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            (owned,) = unwrap_msg(connection.send_and_get_reply(message_bus.NameHasOwner(name), timeout=5))
            if owned:
                return
            time.sleep(0.05)
    finally:
        connection.close()
    raise AssertionError(f"nobody took {name}")
