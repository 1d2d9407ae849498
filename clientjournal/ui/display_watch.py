"""While the QApplication opens the display: an X server that does not answer, said in one clear line.

With a DISPLAY that names no X server (one that is gone, or never was), Qt's X11 plugin warns "could not connect to
display :N" and then aborts the process (exit 134) with advice about xcb-cursor0 that misleads. Qt's messages pass
through :class:`DisplayWatch` while the QApplication is made; on that abort it prints one line and exits 1 instead.
Asking Qt itself costs the first window nothing: no second connection to the X server, no thread, no ctypes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from PySide6.QtCore import QMessageLogContext, QtMsgType, qFormatLogMessage, qInstallMessageHandler

from clientjournal.ui.display_check import X_SERVER_SILENT

_NO_CONNECTION = "could not connect to display"
"""How Qt's X11 plugin (category ``qt.qpa.xcb``) says the X server did not take its connection."""

MessageHandler = Callable[[QtMsgType, QMessageLogContext, str], object]


class DisplayWatch:
    """A context manager around the QApplication's construction. Qt's other messages go where they went before."""

    def __init__(self, *, stderr: TextIO | None = None, exit: Callable[[int], object] = os._exit) -> None:
        """``exit`` ends the process from inside Qt's fatal message, before Qt aborts (the default skips Python's
        clean-up: nothing exists yet that needs it)."""
        self._stderr = stderr
        self._exit = exit
        self._display: str | None = None
        self._held: list[str] = []
        """Qt's messages from the failed connection on: written only if Qt carries on (a fallback platform), as
        the lines of Qt's abort would bury the one that explains it."""
        self._previous: MessageHandler | None = None

    def __enter__(self) -> DisplayWatch:
        self._previous = qInstallMessageHandler(self.handle)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        qInstallMessageHandler(self._previous)  # None: Qt's own handler again
        if self._held:
            self._write("".join(self._held))
            self._held.clear()

    def handle(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if (
            self._display is None
            and _category(context) == "qt.qpa.xcb"
            and message.startswith(_NO_CONNECTION)
        ):
            self._display = message[len(_NO_CONNECTION) :].strip() or "(none)"
        if self._display is not None:  # Qt is about to give up, or to try another platform
            if kind == QtMsgType.QtFatalMsg:
                self._held.clear()
                self._write(X_SERVER_SILENT.replace("{display}", self._display) + "\n")
                self._exit(1)
            else:
                self._held.append(qFormatLogMessage(kind, context, message) + "\n")
        elif self._previous is not None:
            self._previous(kind, context, message)
        else:
            self._write(qFormatLogMessage(kind, context, message) + "\n")

    def _write(self, text: str) -> None:
        stream = self._stderr or sys.stderr
        stream.write(text)
        stream.flush()


def _category(context: QMessageLogContext) -> str | None:
    try:
        return context.category
    # PySide6 reads the name of a category made in Python from memory already freed
    except UnicodeDecodeError:
        return None
