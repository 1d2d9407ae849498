"""Background work that waits until the first window is on screen.

The first dialog's background job (opening the vault, looking up the secret store) imports the core: ~150 ms of
work that holds the interpreter lock most of the time. Started while the window is still being mapped and painted,
it competes with the painting (every call Qt makes into the dialog's Python class needs the lock) and, on a
2-core machine, with the X server and the compositor for the CPU: the window shows later. :func:`when_on_screen`
lets it wait, on the worker thread, until Qt has exposed (and so painted) the window. The job is queued at once,
so the worker is busy from the start as before (the dialog ignores Escape meanwhile, tests wait for it). Exposure
is polled with ``isExposed()`` rather than watched with an event filter: filtering would have PySide6 build
QEvent's large Type enum in the middle of the first paint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

T = TypeVar("T")

POLL_MS = 10
GIVE_UP_MS = 1_000
"""Run anyway after this long: a window manager may leave a window unexposed (on another workspace, say)."""


class _OnScreen(QObject):
    """Runs ``action`` once; a child of the widget, so a widget deleted first takes the action with it."""

    def __init__(self, widget: QWidget, action: Callable[[], object], poll_ms: int, give_up_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._action: Callable[[], object] | None = action
        self._polls_left = max(1, give_up_ms // max(1, poll_ms))
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._check)
        QTimer.singleShot(0, self, self._check)  # once the code that made the widget has shown it (or not)

    def _check(self) -> None:
        if self._action is None:
            return
        widget = self._widget
        window = widget.windowHandle()
        waiting = widget.isVisible() and not widget.isMinimized() and self._polls_left > 0
        if waiting and (window is None or not window.isExposed()):
            self._polls_left -= 1
            if not self._timer.isActive():
                self._timer.start()
            return
        self._timer.stop()
        action, self._action = self._action, None
        # No deleteLater(): the idle watcher goes with its widget. Deleting it here raced with the widget's own
        # deletion (a posted DeferredDelete for an object its parent had already destroyed crashed in ~QObject).
        action()


def when_on_screen(
    widget: QWidget, job: Callable[[], T], *, poll_ms: int = POLL_MS, give_up_ms: int = GIVE_UP_MS
) -> Callable[[], T]:
    """``job`` made to wait, on the thread that runs it, until ``widget``'s window is exposed (mapped and painted);
    it waits for nothing when the widget is not being shown (hidden in the tray, minimised, never shown) or is
    deleted first, and no longer than ``give_up_ms``. Call this on the GUI thread, just before queuing the job."""
    on_screen = threading.Event()
    watcher = _OnScreen(widget, on_screen.set, poll_ms, give_up_ms)
    watcher.destroyed.connect(lambda *_args: on_screen.set())  # the widget went first: nothing to wait for

    def wait_then_run() -> T:
        on_screen.wait(give_up_ms / 1000)
        return job()

    return wait_then_run
