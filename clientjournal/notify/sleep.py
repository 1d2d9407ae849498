"""Sleep and wake on Linux: logind's ``PrepareForSleep`` signal on the *system* bus, through ``jeepney``. No Qt.

The scheduler uses it beside its wall-clock gap check (monotonic clocks stop during suspend)::

    watcher = SleepWatcher.connect()          # never raises; available() is False without a system bus or logind
    if (fd := watcher.fileno()) is not None:  # drive it from a QSocketNotifier on fd (or select)
        ...
        for going_to_sleep in watcher.poll(): # non-blocking: True = about to sleep, False = woke up
            ...                               # on False: wait a short grace period, then catch up
    watcher.close()

One connection, with a match rule (``AddMatch``) for ``org.freedesktop.login1.Manager.PrepareForSleep`` sent by
``org.freedesktop.login1``. Drive it from one thread. When the bus goes away (the system bus restarted) the
watcher closes itself: :meth:`SleepWatcher.available` turns False and the wall-clock check carries on alone.
``jeepney`` is imported only when connecting, so the module loads on every platform.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jeepney.io.blocking import DBusConnection

log = logging.getLogger("clientjournal.notify")

BUS_NAME = "org.freedesktop.login1"
OBJECT_PATH = "/org/freedesktop/login1"
INTERFACE = "org.freedesktop.login1.Manager"
SIGNAL = "PrepareForSleep"
CALL_TIMEOUT = 5.0


class SleepWatcher:
    """Reports logind's ``PrepareForSleep(b)`` signals; :meth:`connect` makes one."""

    def __init__(self, connection: DBusConnection | None = None) -> None:
        """Over ``connection`` (to the system bus, its match rule added), or unavailable when it is None."""
        self._connection = connection

    @classmethod
    def connect(cls, bus: str = "SYSTEM") -> SleepWatcher:
        """Connect to the system bus (``$DBUS_SYSTEM_BUS_ADDRESS`` or the standard socket) and subscribe.

        Never raises: without ``jeepney``, a system bus or logind (neither running nor activatable) the watcher
        is unavailable. ``bus`` may also be a D-Bus address.
        """
        if sys.platform in ("win32", "darwin"):
            return cls()
        connection: DBusConnection | None = None
        try:
            from jeepney import MatchRule
            from jeepney.bus_messages import message_bus
            from jeepney.io.blocking import open_dbus_connection
            from jeepney.wrappers import unwrap_msg

            connection = open_dbus_connection(bus=bus)
            (running,) = unwrap_msg(
                connection.send_and_get_reply(message_bus.NameHasOwner(BUS_NAME), timeout=CALL_TIMEOUT)
            )
            if not running:
                (names,) = unwrap_msg(
                    connection.send_and_get_reply(message_bus.ListActivatableNames(), timeout=CALL_TIMEOUT)
                )
                if BUS_NAME not in names:
                    log.info("no logind on the system bus: sleep and wake are detected by the clock only")
                    connection.close()
                    return cls()
            rule = MatchRule(
                type="signal", sender=BUS_NAME, interface=INTERFACE, member=SIGNAL, path=OBJECT_PATH
            )
            unwrap_msg(connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT))
        except Exception as exc:  # no jeepney, no bus, refused, timed out...: this must never stop the app
            log.info("cannot watch for sleep on the system bus (%s)", type(exc).__name__)
            if connection is not None:
                _quietly_close(connection)
            return cls()
        return cls(connection)

    def available(self) -> bool:
        """Whether sleep and wake are reported (connected, logind present when connecting)."""
        return self._connection is not None

    def fileno(self) -> int | None:
        """The socket to watch for readability; None when unavailable."""
        if self._connection is None:
            return None
        try:
            fd: int = self._connection.sock.fileno()
        except OSError:
            return None
        return fd if fd >= 0 else None

    def poll(self, timeout: float = 0.0) -> list[bool]:
        """The value of each ``PrepareForSleep`` that arrived, oldest first (True: going to sleep; False: woke
        up), waiting at most ``timeout`` seconds for the first (0: do not wait). Never raises."""
        found: list[bool] = []
        wait = timeout
        while self._connection is not None:
            try:
                message = self._connection.receive(timeout=wait)
            except (TimeoutError, BlockingIOError):
                break
            except Exception as exc:  # the bus went away (EOF, reset): stop watching, quietly
                log.info("the system bus connection ended (%s)", type(exc).__name__)
                self.close()
                break
            wait = 0.0
            value = _sleep_value(message)
            if value is not None:
                found.append(value)
        return found

    def close(self) -> None:
        """Close the connection; the watcher is unavailable afterwards. Safe to call twice."""
        connection, self._connection = self._connection, None
        if connection is not None:
            _quietly_close(connection)

    def __enter__(self) -> SleepWatcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _sleep_value(message: Any) -> bool | None:
    """The boolean of a ``PrepareForSleep`` signal, None for any other message."""
    from jeepney import HeaderFields, MessageType

    header = message.header
    if header.message_type is not MessageType.signal:
        return None
    fields = header.fields
    if (
        fields.get(HeaderFields.interface) != INTERFACE
        or fields.get(HeaderFields.member) != SIGNAL
        or fields.get(HeaderFields.path) != OBJECT_PATH
        or fields.get(HeaderFields.signature) != "b"
    ):
        return None
    (value,) = message.body
    return bool(value)


def _quietly_close(connection: DBusConnection) -> None:
    try:
        connection.close()
    except Exception:  # closing a broken socket: nothing left to do
        log.debug("closing the system bus connection failed", exc_info=True)


__all__ = ["BUS_NAME", "INTERFACE", "OBJECT_PATH", "SIGNAL", "SleepWatcher"]
