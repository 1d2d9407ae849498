"""Before Qt starts: is there a display to open a window on, can Qt's X11 plugin load, and does the X server answer?

Without any of them, Qt aborts the process (exit 134) with a message that misleads ("xcb-cursor0 is needed" on a
machine that has no display at all, or whose DISPLAY names a server that is gone). :func:`display_problem` finds
the first two cases, :func:`x_server_problem` the third, so the app can say one clear line and exit. No Qt here,
and cheap: :func:`display_problem` runs before the first window (a few ``os.path`` checks; the dynamic loader is
asked only about a library not found in the usual folders), and :func:`x_server_problem` opens one connection
through the same libxcb Qt uses, on a thread of its own while Qt is imported (``ui/head_start.py``).
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


def uses_display_server(
    environ: Mapping[str, str] = os.environ, argv: Sequence[str] = (), *, platform: str = sys.platform
) -> bool:
    """Whether Qt will talk to an X or Wayland server here (Linux and the BSDs, no display-less platform asked for)."""
    if platform in ("win32", "darwin", "cygwin"):
        return False
    return _requested_platform(environ, argv).split(":", 1)[0] not in _HEADLESS_PLATFORMS


def x_display(
    environ: Mapping[str, str] = os.environ, argv: Sequence[str] = (), *, platform: str = sys.platform
) -> str | None:
    """The X display Qt's X11 plugin will open (``-display NAME``, else DISPLAY), or None when Qt will not use that
    plugin here. A list of platforms to fall back on (``xcb;wayland``) is left to Qt."""
    if platform in ("win32", "darwin", "cygwin"):
        return None
    requested = _requested_platform(environ, argv)
    if not _uses_xcb(environ, requested) or ";" in requested:
        return None
    for index, argument in enumerate(argv):
        if argument in ("-display", "--display") and index + 1 < len(argv):
            return argv[index + 1]
    return environ.get("DISPLAY") or None


def xcb_connect_error(display: str) -> int | None:
    """libxcb's verdict on a connection to ``display``: 0 when the server accepted it, an ``XCB_CONN_*`` error code
    when not (no server, refused, not authorised), None when libxcb cannot be loaded (then Qt says why)."""
    import ctypes  # ~3 ms: loaded on the head-start thread, not on the way to the first window

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = (ctypes.c_char_p, ctypes.c_void_p)
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = (ctypes.c_void_p,)
    xcb.xcb_disconnect.restype = None
    xcb.xcb_disconnect.argtypes = (ctypes.c_void_p,)
    connection = xcb.xcb_connect(os.fsencode(display), None)
    if not connection:  # libxcb hands out a static error object rather than NULL, but be safe
        return -1
    try:
        return int(xcb.xcb_connection_has_error(connection))
    finally:
        xcb.xcb_disconnect(connection)  # a no-op on that error object


def x_server_problem(
    display: str, *, connect_error: Callable[[str], int | None] = xcb_connect_error
) -> str | None:
    """One line when the X server on ``display`` does not take a connection, else None (also when it cannot be
    told). Qt would print "could not connect to display" with advice about libxcb-cursor0, and abort."""
    error = connect_error(display)
    if not error:
        return None
    return X_SERVER_SILENT.replace("{display}", display)


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
