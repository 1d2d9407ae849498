"""Before Qt starts: is there a display to open a window on, and can Qt's X11 plugin load?

Without either, Qt aborts the process (exit 134) with a message that misleads ("xcb-cursor0 is needed" on a machine
that has no display at all). :func:`display_problem` finds both cases so the app can say one clear line and exit.
No Qt here, and cheap: a few ``os.path`` checks, the dynamic loader asked only about a library not found in the
usual folders. A DISPLAY naming an X server that does not answer is Qt's to find: ``ui/display_watch.py`` says it
in :data:`X_SERVER_SILENT`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence

XCB_LIBRARIES: Mapping[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
}
"""The libraries Qt's X11 plugin (``libqxcb.so``) loads that a minimal Linux install may lack, and the Debian and
Ubuntu package of each."""

NO_DISPLAY = (
    "ClientJournal needs a graphical display; DISPLAY/WAYLAND_DISPLAY is not set. Start it from a desktop "
    "session (or under xvfb-run); clientjournal-cli works without one."
)

X_SERVER_SILENT = (
    "ClientJournal cannot open its window: no X server answers on display {display} (from DISPLAY). Start it "
    "from a desktop session (or under xvfb-run); clientjournal-cli works without one."
)

_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")
"""Qt platforms that need no display server."""


def _requested_platform(environ: Mapping[str, str], argv: Sequence[str]) -> str:
    """The Qt platform asked for: ``-platform NAME`` on the command line, else ``QT_QPA_PLATFORM`` ("" for none)."""
    for index, argument in enumerate(argv):
        if argument in ("-platform", "--platform") and index + 1 < len(argv):
            return argv[index + 1]
    return environ.get("QT_QPA_PLATFORM", "")


def _uses_xcb(environ: Mapping[str, str], requested: str) -> bool:
    """Whether Qt will pick its X11 plugin: asked for, or chosen by default (a DISPLAY and no Wayland)."""
    if requested:
        return requested.startswith("xcb")
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def _library_folders(environ: Mapping[str, str]) -> list[str]:
    multiarch = getattr(sys.implementation, "_multiarch", "") or ""
    folders = [folder for folder in environ.get("LD_LIBRARY_PATH", "").split(os.pathsep) if folder]
    for root in ("/usr/lib", "/lib", "/usr/local/lib"):
        if multiarch:
            folders.append(f"{root}/{multiarch}")
        folders.append(root)
    folders += ["/usr/lib64", "/lib64"]
    return folders


def _loads(name: str) -> bool:
    import ctypes  # only for a library not found on disk: ~3 ms

    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing_xcb_libraries(
    environ: Mapping[str, str] = os.environ,
    *,
    exists: Callable[[str], bool] = os.path.exists,
    loads: Callable[[str], bool] = _loads,
) -> list[str]:
    """The libraries of :data:`XCB_LIBRARIES` the dynamic loader cannot find."""
    folders = _library_folders(environ)
    missing = []
    for name in XCB_LIBRARIES:
        if not any(exists(f"{folder}/{name}") for folder in folders) and not loads(name):
            missing.append(name)
    return missing


def display_problem(
    environ: Mapping[str, str] = os.environ,
    argv: Sequence[str] = (),
    *,
    platform: str = sys.platform,
    missing_libraries: Callable[[], list[str]] | None = None,
) -> str | None:
    """One line saying why Qt could not open a window here, or None when it should (or it cannot be told).

    Only Linux and the BSDs are checked (Windows and macOS always have their display), and only when no
    display-less Qt platform (``offscreen``…) was asked for.
    """
    if platform in ("win32", "darwin", "cygwin"):
        return None
    requested = _requested_platform(environ, argv)
    if requested.split(":", 1)[0] in _HEADLESS_PLATFORMS:
        return None
    has_x11 = bool(environ.get("DISPLAY"))
    has_wayland = bool(environ.get("WAYLAND_DISPLAY"))
    if not requested and not has_x11 and not has_wayland:
        return NO_DISPLAY
    if not _uses_xcb(environ, requested):
        return None
    if not has_x11:
        return NO_DISPLAY.replace("DISPLAY/WAYLAND_DISPLAY", "DISPLAY")
    missing = (missing_libraries or (lambda: missing_xcb_libraries(environ)))()
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(XCB_LIBRARIES[name] for name in missing))
    return (
        f"ClientJournal cannot open its window: Qt's X11 plugin needs {', '.join(missing)}, which this system "
        f"lacks. On Debian or Ubuntu: sudo apt install {packages}"
    )
