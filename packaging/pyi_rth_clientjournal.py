"""PyInstaller runtime hook of both frozen executables: two probes for packaging/check_bundle.py, dormant otherwise.

It runs inside the bundle before the entry script, and does nothing unless one of these is set:

``CLIENTJOURNAL_BUNDLE_CHECK=REQUEST.json``
    Import every module named in the request, look up every resource it names through
    ``clientjournal.resources`` (the code path the app uses), load the Alembic migration scripts from disk when
    asked, then write what it found to the request's ``out`` file (JSON) and exit without starting the app: which
    modules failed to import, which resources are missing, which Qt modules are in ``sys.modules`` and which Qt
    libraries are mapped into the process (``/proc/self/maps`` on Linux).

``CLIENTJOURNAL_FIRST_WINDOW_PROBE=OUT.txt`` (GUI only) with ``CLIENTJOURNAL_FIRST_WINDOW_T0=<perf_counter()>``
    Start the app as usual and, as soon as a top-level window is exposed, write ``EXPOSED <seconds since T0>
    <class>`` to OUT.txt and exit: the same measurement as benchmarks/bench_gui_startup.py makes from source.

Both write to a file rather than stdout because the Windows GUI executable has no console.
"""

import os


def _qt_maps() -> list[str]:
    try:
        with open(f"/proc/{os.getpid()}/maps", encoding="utf-8", errors="replace") as maps:
            lines = maps.read().splitlines()
    except OSError:
        return []
    found = set()
    for line in lines:
        parts = line.split(None, 5)
        path = parts[5] if len(parts) == 6 else ""
        name = os.path.basename(path)
        if (
            name.startswith(("libQt", "libpyside6", "libshiboken6"))
            or "/PySide6/" in path
            or "/shiboken6/" in path
        ):
            found.add(path)
    return sorted(found)


def _bundle_check(request_path: str) -> int:
    import importlib
    import json
    import sys
    import traceback

    with open(request_path, encoding="utf-8") as handle:
        request = json.load(handle)
    result: dict = {
        "executable": sys.executable,
        "frozen": bool(getattr(sys, "frozen", False)),
        "modules": {},
        "resources": {},
    }
    for name in request.get("modules", []):
        try:
            importlib.import_module(name)
            result["modules"][name] = None
        except BaseException as exc:
            result["modules"][name] = f"{type(exc).__name__}: {exc}"
    try:
        from clientjournal.resources import resource

        for relative in request.get("resources", []):
            result["resources"][relative] = resource(*relative.split("/")).is_file()
    except BaseException:
        result["resources_error"] = traceback.format_exc()
    if request.get("migrations"):
        try:
            from alembic.script import ScriptDirectory

            from clientjournal.storage.migrate import alembic_config

            result["migration_heads"] = list(ScriptDirectory.from_config(alembic_config()).get_heads())
        except BaseException:
            result["migration_heads"] = traceback.format_exc()
    result["qt_modules_loaded"] = sorted(
        name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6")
    )
    result["qt_libraries_mapped"] = _qt_maps()
    with open(request["out"], "w", encoding="utf-8") as out:
        json.dump(result, out, indent=2)
    return 0


def _first_window_probe(out_path: str, t0: float) -> None:
    import time

    from clientjournal.ui import controller as _controller

    original_start = _controller.AppController.start

    def watch() -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def check() -> None:
            for widget in QApplication.topLevelWidgets():
                handle = widget.windowHandle()
                if widget.isVisible() and handle is not None and handle.isExposed():
                    with open(out_path, "w", encoding="utf-8") as out:
                        out.write(f"EXPOSED {time.perf_counter() - t0:.6f} {type(widget).__name__}\n")
                    os._exit(0)
            QTimer.singleShot(1, check)

        QTimer.singleShot(0, check)

    def start(self):  # type: ignore[no-untyped-def]
        original_start(self)
        watch()

    _controller.AppController.start = start


_request = os.environ.get("CLIENTJOURNAL_BUNDLE_CHECK")
if _request:
    _code = 1
    try:
        _code = _bundle_check(_request)
    finally:
        os._exit(_code)

_probe = os.environ.get("CLIENTJOURNAL_FIRST_WINDOW_PROBE")
if _probe:
    _first_window_probe(_probe, float(os.environ.get("CLIENTJOURNAL_FIRST_WINDOW_T0", "0") or 0))
