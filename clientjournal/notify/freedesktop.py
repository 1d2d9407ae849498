"""``org.freedesktop.Notifications`` over D-Bus with ``jeepney`` (Linux, the BSDs). No Qt.

One connection to the session bus carries the calls (``GetCapabilities``, ``Notify``, ``CloseNotification``) and
receives the ``ActionInvoked`` and ``NotificationClosed`` signals. It must be one: dunst sends those signals
*unicast* to the connection that sent ``Notify`` (notification-daemon and python-dbusmock broadcast them, which
a match rule catches), so a second "listening" connection never hears dunst's buttons. Signals that arrive
while a call waits for its reply are kept and returned by the next :meth:`FreedesktopNotifier.poll`.

Drive it from one thread: watch :meth:`FreedesktopNotifier.fileno` with a ``QSocketNotifier`` (or ``select``)
and call ``poll()`` when it is readable, **and** once after each ``notify()``/``close()`` (events may have come
with the reply, already read from the socket); or call ``poll(timeout)`` in a loop on a thread of its own that
also makes the calls.

``Notify`` is sent with the exact signature ``susssasa{sv}i``: ``replaces_id`` is a uint32 and the timeout an
int32. PySide6's QtDBus sends a Python ``int`` as int32, which dunst and notification-daemon reject.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Sequence
from typing import Any

from jeepney import DBusAddress, DBusErrorResponse, HeaderFields, MatchRule, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import unwrap_msg

from clientjournal.notify import Event, NotificationError

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"
CALL_TIMEOUT = 5.0

ADDRESS = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)


def notify_message(
    app_name: str,
    replaces_id: int,
    icon: str,
    summary: str,
    body: str,
    actions: Sequence[tuple[str, str]],
    hints: dict[str, tuple[str, Any]],
    timeout_ms: int,
) -> Any:
    """The ``Notify`` method call, typed exactly (``actions`` as key/label pairs, flattened)."""
    if not 0 <= replaces_id < 2**32:
        raise ValueError("replaces_id must fit a uint32")
    flat = [part for pair in actions for part in pair]
    return new_method_call(
        ADDRESS,
        "Notify",
        NOTIFY_SIGNATURE,
        (app_name, replaces_id, icon, summary, body, flat, hints, timeout_ms),
    )


class FreedesktopNotifier:
    """A :class:`~clientjournal.notify.Notifier` for the freedesktop notification service."""

    def __init__(
        self,
        connection: DBusConnection,
        *,
        app_name: str = "ClientJournal",
        desktop_entry: str = "clientjournal",
        icon: str = "",
    ) -> None:
        self._connection = connection
        self.app_name = app_name
        self.desktop_entry = desktop_entry
        self.icon = icon
        self._capabilities: frozenset[str] | None = None
        self._sent: set[int] = set()
        self._pending: deque[Any] = deque()
        self._closed = False

    @classmethod
    def connect(
        cls, *, bus: str = "SESSION", app_name: str = "ClientJournal", desktop_entry: str = "clientjournal"
    ) -> FreedesktopNotifier:
        """Connect to the session bus (``$DBUS_SESSION_BUS_ADDRESS``); NotificationError when there is none."""
        if bus == "SESSION" and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise NotificationError("no D-Bus session bus")
        try:
            connection = open_dbus_connection(bus=bus)
        except (OSError, KeyError, ValueError) as exc:
            raise NotificationError(f"cannot reach the D-Bus session bus: {exc}") from None
        notifier = cls(connection, app_name=app_name, desktop_entry=desktop_entry)
        try:
            for member in ("ActionInvoked", "NotificationClosed"):
                rule = MatchRule(type="signal", interface=INTERFACE, member=member, path=OBJECT_PATH)
                notifier._call(message_bus.AddMatch(rule))
        except NotificationError:
            notifier.shutdown()
            raise
        return notifier

    # ---- calls -----------------------------------------------------------------------------------------------

    def _call(self, message: Any) -> tuple[Any, ...]:
        """Send ``message`` and wait for its reply, keeping the signals that come first for :meth:`poll`."""
        if self._closed:
            raise NotificationError("the notifier is shut down")
        serial = next(self._connection.outgoing_serial)
        deadline = time.monotonic() + CALL_TIMEOUT
        try:
            self._connection.send_message(message, serial=serial)
            while True:
                reply = self._connection.receive(timeout=max(0.0, deadline - time.monotonic()))
                if reply.header.fields.get(HeaderFields.reply_serial) == serial:
                    break
                self._pending.append(reply)
            body: tuple[Any, ...] = unwrap_msg(reply)
        except DBusErrorResponse as exc:
            self._capabilities = (
                None  # the server may have changed (restarted, replaced): ask again next time
            )
            raise NotificationError(f"the notification server refused: {exc.name}") from None
        except (OSError, TimeoutError) as exc:
            self._capabilities = None
            raise NotificationError(f"the notification server did not answer: {exc!r}") from None
        return body

    def available(self) -> bool:
        try:
            self.capabilities()
        except NotificationError:
            return False
        return True

    def capabilities(self) -> frozenset[str]:
        if self._capabilities is None:
            (names,) = self._call(new_method_call(ADDRESS, "GetCapabilities"))
            self._capabilities = frozenset(str(name) for name in names)
        return self._capabilities

    def server_information(self) -> tuple[str, str, str, str]:
        """(name, vendor, version, spec version) of the server."""
        name, vendor, version, spec = self._call(new_method_call(ADDRESS, "GetServerInformation"))
        return str(name), str(vendor), str(version), str(spec)

    def notify(
        self,
        summary: str,
        body: str = "",
        actions: Sequence[tuple[str, str]] = (),
        *,
        replaces: int = 0,
        urgency: int = 1,
        timeout_ms: int = -1,
    ) -> int:
        capabilities = self.capabilities()
        buttons = actions if "actions" in capabilities else ()
        hints: dict[str, tuple[str, Any]] = {
            "urgency": ("y", max(0, min(urgency, 2))),
            "category": ("s", "presence"),
        }
        if self.desktop_entry:
            hints["desktop-entry"] = ("s", self.desktop_entry)
        message = notify_message(
            self.app_name,
            replaces,
            self.icon,
            summary,
            body if "body" in capabilities else "",
            buttons,
            hints,
            timeout_ms,
        )
        (notification_id,) = self._call(message)
        notification_id = int(notification_id)
        if notification_id <= 0:
            raise NotificationError("the notification server gave no id")
        self._sent.add(notification_id)
        return notification_id

    def close(self, notification_id: int) -> None:
        self._call(new_method_call(ADDRESS, "CloseNotification", "u", (notification_id,)))

    # ---- events ----------------------------------------------------------------------------------------------

    def fileno(self) -> int:
        return -1 if self._closed else self._connection.sock.fileno()

    def poll(self, timeout: float = 0.0) -> list[Event]:
        found: list[Event] = []
        wait: float = 0.0 if self._pending else timeout
        while not self._closed:
            if self._pending:
                message = self._pending.popleft()
            else:
                try:
                    message = self._connection.receive(timeout=wait)
                except (TimeoutError, BlockingIOError):
                    break
            wait = 0.0
            event = self._event(message)
            if event is not None:
                found.append(event)
        return found

    def _event(self, message: Any) -> Event | None:
        header = message.header
        if header.message_type is not MessageType.signal:
            return None
        if header.fields.get(HeaderFields.interface) != INTERFACE:
            return None
        member = header.fields.get(HeaderFields.member)
        if member == "ActionInvoked":
            notification_id, key = message.body
            if int(notification_id) in self._sent:
                return Event(int(notification_id), "action", action=str(key))
        elif member == "NotificationClosed":
            notification_id, reason = message.body
            if int(notification_id) in self._sent:
                self._sent.discard(int(notification_id))
                return Event(int(notification_id), "closed", reason=int(reason))
        return None

    def shutdown(self) -> None:
        if not self._closed:
            self._closed = True
            self._connection.close()
