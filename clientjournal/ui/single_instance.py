"""One running instance per user and data folder: a second launch asks the first to show itself, then exits.

The first instance listens on a local socket (a named pipe on Windows, a Unix socket elsewhere) whose name is
derived from the user and the data folder, so two vaults in two folders can still be open side by side. A
server left behind by a crashed instance is detected (nobody answers) and removed before listening again.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from clientjournal.ui.controller import AppController

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
_TIMEOUT_MS = 500


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def server_name(data_dir: str | os.PathLike[str]) -> str:
    """A per-user, per-data-folder name, short enough for a Unix socket path."""
    folder = os.path.normcase(os.path.abspath(os.fspath(Path(data_dir).expanduser())))
    digest = hashlib.sha256(f"{_user()}\0{folder}".encode()).hexdigest()[:16]
    return f"clientjournal-{digest}"


class SingleInstance(QObject):
    """``activate_running()`` in the second instance; ``listen()`` in the first, which then emits
    ``activation_requested`` whenever a later launch knocks."""

    activation_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None

    def activate_running(self, timeout_ms: int = _TIMEOUT_MS) -> bool:
        """True if another instance answered (and was asked to come to the front)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(ACTIVATE)
        socket.flush()
        delivered = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(timeout_ms)
        return delivered or socket.bytesToWrite() == 0

    def listen(self) -> bool:
        """Become the running instance; a stale server from a crashed run is removed first."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Nobody answered activate_running(), so whatever holds the name is left over from a crash.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("single-instance server not started: %s", server.errorString())
                server.deleteLater()
                return False
        server.newConnection.connect(self._new_connection)
        self._server = server
        return True

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _new_connection(self) -> None:
        server = self._server
        if server is None:
            return
        while (socket := server.nextPendingConnection()) is not None:
            # A knock is one short line; wait for it here rather than keeping sockets (and their
            # signals) alive across event-loop turns.
            if socket.bytesAvailable() or socket.waitForReadyRead(_TIMEOUT_MS):
                self._read(socket)
            socket.abort()
            socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if ACTIVATE.strip() in data:
            log.info("another launch asked this instance to come to the front")
            self.activation_requested.emit()


def raise_window(widget: QWidget) -> None:
    if widget.isMinimized():
        widget.showNormal()
    widget.show()
    widget.raise_()
    widget.activateWindow()


def bring_to_front(controller: AppController) -> None:
    """Show whichever window the app is in: the main window, or the unlock or welcome dialog."""
    for widget in (controller.welcome, controller.unlock_dialog, controller.window):
        if widget is not None and (widget.isVisible() or widget is controller.window):
            raise_window(widget)
            return
