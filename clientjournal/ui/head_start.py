"""Start-up work that runs on a second core while the main thread imports Qt and the app's modules.

Both jobs are calls into C libraries that let go of the interpreter lock, so they take little from the imports:

* asking the X server whether it takes a connection (``display_check.x_server_problem``): with a DISPLAY that
  names no server, Qt's X11 plugin would abort the process with a misleading message;
* loading the font configuration (fontconfig's ``FcInit``: a few dozen XML files parsed and the font caches
  mapped). Qt does it the first time a window lays out text, which cost the first window ~4 ms on one core; done
  here first, Qt's own call finds it loaded. The empty window the start-up is measured against shows no text.

No Qt here: this runs before Qt is imported. The start waits for the X server's answer only, not for the fonts:
fontconfig sets up its configuration atomically (a thread that loses the race drops its copy), so Qt may ask for
fonts while this thread still loads them; at worst Qt loads them itself, as it would without a head start.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from clientjournal.ui.display_check import x_server_problem

JOIN_TIMEOUT_S = 10.0
"""How long the start waits for the X server's answer (a remote display may be slow); after that Qt decides."""


def load_font_configuration() -> bool:
    """Initialise fontconfig's default configuration, as Qt's font database would; False when it cannot."""
    import ctypes

    try:
        fontconfig = ctypes.CDLL("libfontconfig.so.1")
    except OSError:  # no fontconfig: Qt says so itself (display_check names its package)
        return False
    fontconfig.FcInit.restype = ctypes.c_int
    return bool(fontconfig.FcInit())


class HeadStart:
    """Runs the checks on a thread from construction; :meth:`display_problem` waits for them."""

    def __init__(
        self,
        x_display: str | None,
        *,
        fonts: bool = True,
        server_problem: Callable[[str], str | None] = x_server_problem,
        load_fonts: Callable[[], object] = load_font_configuration,
    ) -> None:
        """``x_display``: the X display Qt will open (None: Qt will not use X11, nothing to ask)."""
        self._x_display = x_display
        self._fonts = fonts
        self._server_problem = server_problem
        self._load_fonts = load_fonts
        self._problem: str | None = None
        self._answered = threading.Event()
        """Set once the X server has answered (or there was nothing to ask): the fonts may still be loading."""
        self._abandoned = threading.Event()
        """Set when the start stopped waiting for the answer: Qt decides about the display, and the fonts too."""
        self._thread = threading.Thread(target=self._run, name="clientjournal-head-start", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            if self._x_display is not None:
                self._problem = self._server_problem(self._x_display)
        except Exception:  # a head start only: Qt connects again and reports what fails
            self._problem = None
        finally:
            self._answered.set()
        if self._fonts and self._problem is None and not self._abandoned.is_set():
            with contextlib.suppress(Exception):  # Qt loads the fonts itself, and says what is missing
                self._load_fonts()

    def display_problem(self, timeout_s: float = JOIN_TIMEOUT_S) -> str | None:
        """One line when the X server does not answer, else None (also when it had not answered in time)."""
        if not self._answered.wait(timeout_s):
            self._abandoned.set()
            return None
        return self._problem

    def finish(self, timeout_s: float = JOIN_TIMEOUT_S) -> bool:
        """Wait for the whole head start, the fonts included; False if it is still running."""
        self._thread.join(timeout_s)
        return not self._thread.is_alive()
