"""One running instance per user and data folder: a second launch asks the first to show itself, then exits.

The first instance holds a lock file in the data folder (:meth:`SingleInstance.claim`, cheap enough for the
path to the first window) and, once its window is up, listens on a local socket (a named pipe on Windows, a
Unix socket elsewhere) whose name is derived from the user and the data folder, so two vaults in two folders can
still be open side by side. A lock or server left behind by a crashed instance is detected and replaced.
"""

from __future__ import annotations

import logging
import os
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    from clientjournal.ui.controller import AppController

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
_TIMEOUT_MS = 500
KNOCK_TIMEOUT_MS = 2_000
"""How long a connection to the running instance may take to say why it came."""


def _user() -> str:
    # What getpass.getuser does, without importing getpass (~2 ms with termios before the first window): the
    # environment first, then the password database.
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):  # Windows has no pwd; some sandboxes have no entry for the user
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def server_name(data_dir: str | os.PathLike[str]) -> str:
    """A per-user, per-data-folder name, short enough for a Unix socket path."""
    folder = os.path.normcase(os.path.abspath(os.fspath(Path(data_dir).expanduser())))
    digest = zlib.crc32(f"{_user()}\0{folder}".encode())  # a name, not a secret
    return f"clientjournal-{digest:08x}"


class SingleInstance(QObject):
    """``activate_running()`` in the second instance; ``listen()`` in the first, which then emits
    ``activation_requested`` whenever a later launch knocks."""

    activation_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None, *, lock_file: Path | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._lock = QLockFile(os.fspath(lock_file)) if lock_file is not None else None
        self._server: QLocalServer | None = None
        self._pending: set[QLocalSocket] = set()
        """Connections whose knock has not arrived yet."""

    def claim(self) -> bool:
        """Take the data folder's lock: False when another instance holds it (then knock and exit)."""
        if self._lock is None:
            return True
        # Only a dead holder makes the lock stale, never its age: the running instance holds it for hours.
        self._lock.setStaleLockTime(0)
        if self._lock.tryLock(0):
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return False
        log.warning("cannot create the single-instance lock file (%s); starting anyway", self._lock.error())
        return True

    def knock(self, wait_ms: int = KNOCK_TIMEOUT_MS) -> bool:
        """Ask the instance that holds the lock to come to the front, waiting for it to listen (it may be
        starting up itself); True if it answered."""
        deadline = time.monotonic() + wait_ms / 1000
        while not self.activate_running():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        return True

    def activate_running(self, timeout_ms: int = _TIMEOUT_MS) -> bool:
        """True if another instance answered (and was asked to come to the front)."""
        from PySide6.QtNetwork import QLocalSocket

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
        from PySide6.QtNetwork import QLocalServer

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
        for socket in list(self._pending):
            self._drop(socket)
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock is not None and self._lock.isLocked():
            self._lock.unlock()

    def _new_connection(self) -> None:
        server = self._server
        if server is None:
            return
        while (socket := server.nextPendingConnection()) is not None:
            # Read the knock when it arrives rather than waiting for it here: the GUI thread must not stall
            # on a launch that connects and then says nothing (it is dropped after a while).
            self._pending.add(socket)
            socket.readyRead.connect(lambda socket=socket: self._read(socket))
            QTimer.singleShot(KNOCK_TIMEOUT_MS, self, lambda socket=socket: self._drop(socket))
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return  # the rest of the line is on its way
        if bytes(socket.readLine().data()) == ACTIVATE:
            log.info("another launch asked this instance to come to the front")
            self.activation_requested.emit()
        self._drop(socket)

    def _drop(self, socket: QLocalSocket) -> None:
        if socket not in self._pending:
            return  # already read, or the server was closed
        self._pending.discard(socket)
        # No slot on ``disconnected``: the socket's destructor emits it, and a deleteLater() from there crashes.
        socket.readyRead.disconnect()
        socket.abort()
        socket.deleteLater()


def tell_not_responding() -> None:
    """Say why this launch shows nothing: another instance holds the data folder but does not answer."""
    from PySide6.QtWidgets import QMessageBox

    log.warning("another instance holds the data folder but did not answer")
    QMessageBox.warning(
        None,
        QCoreApplication.translate("SingleInstance", "ClientJournal is already running"),
        QCoreApplication.translate(
            "SingleInstance",
            "ClientJournal is already open with this journal but does not respond. Close it (or wait for it to "
            "finish what it is doing) and start ClientJournal again.",
        ),
    )


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
