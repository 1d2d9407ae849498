"""Linux notifications (clientjournal.notify.freedesktop) in a private D-Bus session bus.

Each test starts its own session bus (``dbus-daemon``, without service activation) and points ``DBUS_SESSION_BUS_ADDRESS`` at it for that test
only. The server is python-dbusmock's ``notification_daemon`` template (Debian's ``python3-dbusmock``, run with
the system python), where a test "presses" a button by making the mock emit ``ActionInvoked``; or ``dunst``, a
strict real server, under a private Xvfb. Without those tools the tests are skipped (CI installs them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

jeepney = pytest.importorskip("jeepney")

from jeepney import DBusAddress, DBusErrorResponse, new_method_call  # noqa: E402
from jeepney.io.blocking import open_dbus_connection  # noqa: E402
from jeepney.wrappers import unwrap_msg  # noqa: E402
from support.constants import PASSPHRASE, fixed_clock  # noqa: E402
from support.private_bus import (  # noqa: E402
    SYSTEM_PYTHON,
    have_dbus_daemon,
    have_dbusmock,
    start_bus,
    stop,
    wait_for_name,
)

from clientjournal.coach.reminder_check import notice_text  # noqa: E402
from clientjournal.crypto.kdf import KdfParams  # noqa: E402
from clientjournal.domain import Channel, Client, Entry, EntryKind, Project, Promise, PromiseStatus  # noqa: E402
from clientjournal.notify import DONE, REMINDER_ACTIONS, SNOOZE, Event, default_notifier  # noqa: E402
from clientjournal.notify.freedesktop import (  # noqa: E402
    ADDRESS,
    BUS_NAME,
    INTERFACE,
    OBJECT_PATH,
    FreedesktopNotifier,
    notify_message,
)
from clientjournal.services.session import VaultSession  # noqa: E402
from clientjournal.services.vault import Vault  # noqa: E402

MOCK = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface="org.freedesktop.DBus.Mock")
OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


needs_dbus = pytest.mark.skipif(not have_dbus_daemon(), reason="dbus-daemon is not installed")
needs_mock = pytest.mark.skipif(
    not have_dbusmock(), reason="python3-dbusmock (Debian) is not installed for /usr/bin/python3"
)
needs_dunst = pytest.mark.skipif(
    shutil.which("dunst") is None or shutil.which("Xvfb") is None, reason="dunst and Xvfb are not installed"
)


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    daemon, address = start_bus("session", tmp_path)
    try:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address
    finally:
        stop(daemon)


def _mock_server(capabilities: str) -> subprocess.Popen[Any]:
    server = subprocess.Popen(
        [SYSTEM_PYTHON, "-m", "dbusmock", "--session", "-t", "notification_daemon",
         "-p", json.dumps({"capabilities": capabilities})],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for_name("SESSION", BUS_NAME)
    return server


@pytest.fixture
def mock_server(session_bus: str) -> Iterator[subprocess.Popen[Any]]:
    server = _mock_server("body actions")
    yield server
    stop(server)


def _mock_call(member: str, signature: str | None = None, body: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    connection = open_dbus_connection(bus="SESSION")
    try:
        message = (
            new_method_call(MOCK, member, signature, body) if signature else new_method_call(MOCK, member)
        )
        result: tuple[Any, ...] = unwrap_msg(connection.send_and_get_reply(message, timeout=5))
        return result
    finally:
        connection.close()


def _press(notification_id: int, key: str) -> None:
    """What a server does when the user presses a button."""
    _mock_call(
        "EmitSignal", "sssav", (INTERFACE, "ActionInvoked", "us", [("u", notification_id), ("s", key)])
    )


def _notify_calls() -> list[tuple[Any, ...]]:
    (calls,) = _mock_call("GetMethodCalls", "s", ("Notify",))
    return [tuple(args) for _, args in calls]


def _wait_events(notifier: FreedesktopNotifier, count: int = 1, timeout: float = 5.0) -> list[Event]:
    found: list[Event] = []
    deadline = time.monotonic() + timeout
    while len(found) < count and time.monotonic() < deadline:
        found += notifier.poll(timeout=0.2)
    return found


# ---- against the mock ----------------------------------------------------------------------------------------------


@needs_dbus
@needs_mock
def test_notify_sends_the_buttons_and_exact_types(mock_server: subprocess.Popen[Any]) -> None:
    notifier = FreedesktopNotifier.connect()
    try:
        assert notifier.available() and "actions" in notifier.capabilities()
        nid = notifier.notify("Kari Nordmann: Landing page", "Due 2026-11-27", REMINDER_ACTIONS)
        assert nid > 0
        (args,) = _notify_calls()
        # the mock records each argument as a variant: (its D-Bus type, its value)
        assert [sig for sig, _ in args] == ["s", "u", "s", "s", "s", "as", "a{sv}", "i"]
        app, replaces, _icon, summary, body, actions, hints, timeout = (value for _, value in args)
        assert (app, replaces, summary, body, timeout) == (
            "ClientJournal", 0, "Kari Nordmann: Landing page", "Due 2026-11-27", -1
        )  # fmt: skip
        assert list(actions) == ["snooze", "Snooze", "done", "Done", "open", "Open"]
        assert hints["desktop-entry"] == ("s", "clientjournal")
    finally:
        notifier.shutdown()
    message = notify_message("x", 7, "", "s", "b", REMINDER_ACTIONS, {}, -1)
    assert message.header.fields[jeepney.HeaderFields.signature] == "susssasa{sv}i"


@needs_dbus
@needs_mock
def test_no_buttons_when_the_server_lacks_actions(session_bus: str) -> None:
    server = _mock_server("body")
    try:
        notifier = FreedesktopNotifier.connect()
        try:
            assert notifier.notify("Two reminders", "", REMINDER_ACTIONS) > 0
            ((_, _, _, _, _, actions, _, _),) = _notify_calls()
            assert actions == ("as", [])
        finally:
            notifier.shutdown()
    finally:
        stop(server)


@needs_dbus
@needs_mock
def test_events_of_other_applications_are_ignored(mock_server: subprocess.Popen[Any]) -> None:
    notifier = FreedesktopNotifier.connect()
    try:
        nid = notifier.notify("Mine", "", REMINDER_ACTIONS)
        started = time.monotonic()
        assert notifier.poll() == [] and time.monotonic() - started < 0.5  # poll() does not wait
        _press(nid + 100, SNOOZE)  # someone else's notification
        _press(nid, "open")
        assert _wait_events(notifier) == [Event(nid, "action", action="open")]
        assert notifier.fileno() >= 0
    finally:
        notifier.shutdown()


def _vault_with_a_promise(tmp_path: Path) -> tuple[Vault, VaultSession]:
    url = f"sqlite:///{tmp_path / 'vault.sqlite3'}"
    vault, keys, _ = Vault.create(url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    session = VaultSession(vault, keys)
    session.journal.save_client(Client(id="c1", name="Kari Nordmann"))
    session.journal.save_project(Project("p1", "c1", "New website", contract_signed_on=date(2026, 11, 2)))
    session.journal.save_entry(
        Entry("e1", "c1", datetime(2026, 11, 20, 9, 0, tzinfo=UTC), EntryKind.PROMISE, "Landing page draft",
              Channel.EMAIL, project_id="p1", promise=Promise(date(2026, 11, 27)))
    )  # fmt: skip
    return vault, session


@needs_dbus
@needs_mock
def test_pressing_snooze_then_done_is_stored_in_the_vault(
    mock_server: subprocess.Popen[Any], tmp_path: Path
) -> None:
    _vault, session = _vault_with_a_promise(tmp_path)
    notifier = default_notifier()
    assert isinstance(notifier, FreedesktopNotifier)
    try:
        shown: dict[int, tuple[str, ...]] = {}

        def tick(now: datetime) -> None:
            for notice in session.reminders.check(now, OSLO).notices:
                text = notice_text(notice, locked=False)
                nid = notifier.notify(text.summary, text.body, REMINDER_ACTIONS)
                shown[nid] = tuple(r.id for r in notice.reminders)

        def press(key: str, now: datetime) -> None:
            (nid,) = list(shown)[-1:]
            _press(nid, key)
            (event,) = _wait_events(notifier)
            assert event == Event(nid, "action", action=key)
            session.reminders.respond(event.action, shown[event.notification_id], now, OSLO)

        nine = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 09:00 in Oslo, when the promise is due
        tick(nine - timedelta(minutes=1))  # the app is running: older coach actions come as one digest
        shown.clear()
        tick(nine + timedelta(seconds=10))
        assert len(shown) == 1
        (rid,) = next(iter(shown.values()))
        assert "Kari Nordmann" in _notify_calls()[-1][3][1]
        press(SNOOZE, nine + timedelta(seconds=20))
        mark = session.reminders.state().marks[rid]
        assert mark.snoozed_until == nine + timedelta(hours=1, seconds=20)

        tick(nine + timedelta(minutes=30))
        assert len(shown) == 1  # snoozed: nothing new
        tick(nine + timedelta(hours=1, seconds=30))
        assert len(shown) == 2  # the snooze ended: it is notified again
        press(DONE, nine + timedelta(hours=1, seconds=40))
    finally:
        notifier.shutdown()
        session.close()

    reopened = Vault.open(f"sqlite:///{tmp_path / 'vault.sqlite3'}", clock=fixed_clock)
    try:
        again = VaultSession(reopened, reopened.unlock(PASSPHRASE))
        stored = again.journal.get_entry("c1", "e1")
        assert stored.promise is not None and stored.promise.status is PromiseStatus.KEPT
        due = again.reminders.check(NOW + timedelta(hours=2), OSLO, save=False).due
        assert rid not in [r.id for r in due] and all(r.entry_id is None for r in due)
        again.lock()
    finally:
        reopened.close()


@needs_dbus
def test_without_a_server_the_notifier_is_unavailable(
    session_bus: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    notifier = FreedesktopNotifier.connect()
    try:
        assert not notifier.available()
    finally:
        notifier.shutdown()
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    assert not default_notifier().available()


# ---- against a strict real server ----------------------------------------------------------------------------------


@pytest.fixture
def dunst(session_bus: str, tmp_path: Path) -> Iterator[subprocess.Popen[Any]]:
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "800x600x24"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    server: subprocess.Popen[Any] | None = None
    try:
        assert xvfb.stdout is not None
        display = xvfb.stdout.readline().strip()
        assert display.isdigit(), display
        config = tmp_path / "dunstrc"
        config.write_text("[global]\n    timeout = 0\n", encoding="utf-8")
        env = {
            **os.environ,
            "DISPLAY": f":{display}",
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path),
            "WAYLAND_DISPLAY": "",
        }
        server = subprocess.Popen(
            ["dunst", "-config", str(config)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for_name("SESSION", BUS_NAME)
        yield server
    finally:
        if server is not None:
            stop(server)
        stop(xvfb)


@needs_dbus
@needs_dunst
def test_dunst_accepts_the_notification_and_reports_its_closing(dunst: subprocess.Popen[Any]) -> None:
    notifier = FreedesktopNotifier.connect()
    try:
        assert notifier.server_information()[0] == "dunst"
        assert "actions" in notifier.capabilities()
        nid = notifier.notify("2 reminders due", "Kari Nordmann: Landing page", REMINDER_ACTIONS)
        assert nid > 0
        again = notifier.notify("3 reminders due", "", REMINDER_ACTIONS, replaces=nid)
        assert again == nid
        notifier.close(nid)
        assert _wait_events(notifier) == [Event(nid, "closed", reason=3)]  # dunst sends it to us only
    finally:
        notifier.shutdown()


@needs_dbus
@needs_dunst
def test_dunst_rejects_an_int32_replaces_id(dunst: subprocess.Popen[Any]) -> None:
    """Why the types matter: what QtDBus sends for a Python int."""
    connection = open_dbus_connection(bus="SESSION")
    try:
        wrong = new_method_call(ADDRESS, "Notify", "sisssasa{sv}i", ("x", 0, "", "s", "b", [], {}, -1))
        with pytest.raises(DBusErrorResponse):
            unwrap_msg(connection.send_and_get_reply(wrong, timeout=5))
    finally:
        connection.close()
