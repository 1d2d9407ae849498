"""What goes into the frozen bundle, in one place: read by clientjournal.spec, check_bundle.py, build.py and the tests.

Standard library only, and no import of clientjournal: PyInstaller's spec, the build script and the tests each
load this file on their own.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
PACKAGE = ROOT / "clientjournal"

GUI_NAME = "clientjournal"
CLI_NAME = "clientjournal-cli"
BUNDLE_NAME = "clientjournal"
"""The one-dir bundle: dist/clientjournal/ holding both executables and their shared _internal/ folder."""

QT_TOP_LEVEL = ("PySide6", "shiboken6")

QT_MODULES_EXCLUDED = (
    # Qt modules ClientJournal never imports. PyInstaller collects only the modules it sees imported, but a stray
    # import (a plugin, PySide6's own helpers) would otherwise drag these and their libraries in.
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickTest",
    "PySide6.QtQuick3D",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DExtras",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPositioning",
    "PySide6.QtLocation",
    "PySide6.QtBluetooth",
    "PySide6.QtNfc",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtTextToSpeech",
    "PySide6.QtStateMachine",
    "PySide6.QtScxml",
    "PySide6.QtRemoteObjects",
    "PySide6.QtHttpServer",
    "PySide6.QtSpatialAudio",
    "PySide6.scripts",
)

QT_PLUGIN_DIRS_KEPT = (
    # PySide6/Qt/plugins/<dir>: the QPA platforms, the SVG icon engine and image formats (the app's icons are
    # SVG), input methods and platform themes (dark mode, native dialogs), the xcb GL integration, Wayland shells
    # and decorations, print support. Not TLS or network information: QtNetwork is only used for QLocalSocket (the
    # single-instance socket). Everything else (egldeviceintegrations, generic, tls, networkinformation) is dropped.
    "platforms",
    "platformthemes",
    "platforminputcontexts",
    "iconengines",
    "imageformats",
    "xcbglintegrations",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
    "styles",
    "printsupport",
)
QT_PLATFORMS_KEPT = ("xcb", "wayland", "offscreen", "minimal", "windows", "direct2d", "cocoa")
"""Platform plugins kept, by stem (libqxcb.so, qwindows.dll, libqcocoa.dylib); eglfs, linuxfb, vnc... go."""
QT_IMAGE_FORMATS_KEPT = ("svg", "ico", "jpeg", "gif")
QT_PLUGINS_DROPPED = ("libwl-shell-plugin", "libivi-shell", "libfullscreen-shell-v1", "libqgtk3")
"""Single plugins dropped inside kept folders: obsolete Wayland shells; the GTK 3 theme (it needs the host's
GTK; the XDG desktop portal theme gives native file dialogs and the colour scheme without it)."""
QT_LIBRARIES_DROPPED = ("libQt6EglFSDeviceIntegration", "libQt6EglFsKmsSupport", "libQt6WlShellIntegration")
"""Qt libraries only the dropped plugins need."""
QT_TRANSLATIONS_KEPT = ("qtbase_en", "qtbase_nb", "qtbase_no", "qt_en", "qt_nb", "qt_no")

UNUSED_PYTHON = (
    "tkinter",
    "PIL",
    "numpy",
    "MySQLdb",
    "pymysql",
    "pysqlite2",
    "sqlalchemy.dialects.mysql",
    "sqlalchemy.dialects.mssql",
    "sqlalchemy.dialects.oracle",
    "pydoc_data",
)
CLI_EXCLUDES = (*QT_TOP_LEVEL, "clientjournal.ui", "clientjournal.app", *UNUSED_PYTHON)
GUI_EXCLUDES = (*QT_MODULES_EXCLUDED, *UNUSED_PYTHON)

# Modules that are loaded by name at run time (entry points, dialect and backend lookups, importlib), which an
# import graph cannot see. The spec adds them as hidden imports; check_bundle.py imports each inside the bundle.
DYNAMIC_MODULES = (
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.postgresql.psycopg",
    "alembic.ddl.sqlite",
    "alembic.ddl.postgresql",
    "alembic.runtime.migration",
    "alembic.op",
    "alembic.context",
    "keyring.backends.SecretService",
    "keyring.backends.kwallet",
    "keyring.backends.libsecret",
    "keyring.backends.chainer",
    "keyring.backends.fail",
    "keyring.backends.null",
    "_argon2_cffi_bindings._ffi",
    "_cffi_backend",
    "cryptography.hazmat.bindings._rust",
    "orjson",
    "platformdirs",
    "tqdm",
)
OPTIONAL_DYNAMIC_MODULES = (
    # Collected when installed at build time (the postgres extra, the PDF report's Typst). psycopg_binary is
    # not imported on its own by the check: psycopg loads it.
    "psycopg",
    "psycopg_binary",
    "typst",
)
NOT_IMPORTED_ALONE = ("psycopg_binary",)
PLATFORM_DYNAMIC_MODULES = {
    "linux": ("keyring.backends.SecretService", "secretstorage", "jeepney"),
    "win32": ("keyring.backends.Windows", "win32ctypes"),
    "darwin": ("keyring.backends.macOS",),
}
PACKAGES_WITH_DATA = ("typst", "alembic", "keyring")
"""Packages whose data files (templates, fonts, metadata) the spec collects with collect_data_files."""
METADATA = ("keyring", "alembic", "SQLAlchemy", "typst", "psycopg", "clientjournal", "platformdirs")
"""Distributions whose metadata (entry points, versions) is read at run time; collected when installed."""


def app_id() -> str:
    text = (PACKAGE / "config.py").read_text(encoding="utf-8")
    match = re.search(r'^APP_ID = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise RuntimeError("APP_ID not found in clientjournal/config.py")
    return match.group(1)


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def numeric_version() -> tuple[int, int, int, int]:
    parts = [int(p) for p in re.findall(r"\d+", version())[:4]]
    return tuple([*parts, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def clientjournal_packages() -> list[str]:
    """Every package under clientjournal/ (folders with __init__.py), as dotted names."""
    return sorted(
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in init.parts
    )


def clientjournal_modules() -> list[str]:
    """Every module under clientjournal/ except Alembic's scripts (loaded from files), as dotted names."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" in path.parts or "migrations" in path.parts:
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(set(names) | set(clientjournal_packages()))


def gui_only(package: str) -> bool:
    return package == "clientjournal.ui" or package.startswith(("clientjournal.ui.", "clientjournal.app"))


def resource_entries() -> list[tuple[str, str]]:
    """(source file, destination folder in the bundle) for every file under resources/, wholesale.

    Translations ship compiled (.qm, built by tasks.py before the build); their .ts sources stay out, so the app
    never tries to recompile a catalogue inside the bundle.
    """
    entries = []
    for path in sorted(RESOURCES.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".ts"):
            continue
        if path.name == "__init__.py":
            continue  # the package itself is frozen into the archive as clientjournal._resources
        relative = path.parent.relative_to(RESOURCES)
        entries.append((str(path), str(Path("clientjournal", "_resources", relative))))
    return entries


def expected_resources() -> list[str]:
    """Every resource the bundle must hold, relative to resources/ (what check_bundle.py asks for)."""
    wanted = set()
    for path in RESOURCES.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts or path.name == "__init__.py":
            continue
        if path.suffix == ".pyc":
            continue
        shipped = path.with_suffix(".qm") if path.suffix == ".ts" else path
        wanted.add(shipped.relative_to(RESOURCES).as_posix())
    return sorted(wanted)


def resource_folders() -> list[str]:
    return sorted(
        p.relative_to(RESOURCES).as_posix()
        for p in RESOURCES.rglob("*")
        if p.is_dir() and p.name != "__pycache__" and any(f.is_file() for f in p.iterdir())
    )


def migration_entries() -> list[tuple[str, str]]:
    """Alembic reads env.py, script.py.mako and versions/*.py from disk: ship them as files too."""
    folder = PACKAGE / "storage" / "migrations"
    entries = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".mako"):
            entries.append((str(path), str(Path(path.parent.relative_to(ROOT)))))
    return entries


def platform_key() -> str:
    return "linux" if sys.platform.startswith("linux") else sys.platform
