"""The UI language: Qt translators for ClientJournal's own texts and Qt's, chosen in Preferences or by the OS.

``resources/translations/clientjournal_<lang>.ts`` is the source; the ``.qm`` next to it is built
(``tasks.py`` runs ``pyside6-lrelease``) and never committed. When the ``.qm`` is missing or older than the
``.ts`` (an installed copy, a fresh clone started another way), the ``.ts`` is compiled with the lrelease that
ships with PySide6 into the user cache folder, once per version of the ``.ts``.
"""

from __future__ import annotations

import logging
import os
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from clientjournal.config import APP_NAME
from clientjournal.resources import resource

log = logging.getLogger(__name__)

TRANSLATED = ("nb",)
"""Languages with a full catalogue. English is the source language: its catalogue holds only the plural forms
("%n entries" as "1 entry", "2 entries"), which Qt cannot derive from the source text."""
_NORWEGIAN = ("nb", "no", "nn")
_STALE_TOLERANCE_S = 1.0
_LRELEASE_TIMEOUT_S = 60


def resolve_language(preference: str, ui_languages: Sequence[str] | None = None) -> str:
    """``en`` or ``nb`` for a preference of ``system``, ``en`` or ``nb`` (Norwegian systems get Bokmål)."""
    if preference in ("en", *TRANSLATED):
        return preference
    languages = QLocale.system().uiLanguages() if ui_languages is None else ui_languages
    for name in languages:
        base = name.replace("_", "-").split("-", 1)[0].lower()
        if base in _NORWEGIAN:
            return "nb"
        if base == "en":
            return "en"
    return "en"


def translations_dir() -> Path | None:
    node = resource("translations")
    try:
        path = Path(os.fspath(node))  # type: ignore[call-overload]
    except TypeError:
        return None
    return path if path.is_dir() else None


def find_lrelease() -> Path | None:
    """Qt's lrelease as shipped in the PySide6 wheel (or ``pyside6-lrelease`` beside this Python)."""
    import shutil

    import PySide6

    exe = ".exe" if os.name == "nt" else ""
    bindir = Path(sys.executable).parent
    candidates = [
        Path(PySide6.__file__).parent / f"lrelease{exe}",
        bindir / f"pyside6-lrelease{exe}",
    ]
    found = shutil.which("pyside6-lrelease")
    if found:
        candidates.append(Path(found))
    return next((c for c in candidates if c.is_file() and os.access(c, os.X_OK)), None)


def compile_catalogue(ts: Path, qm: Path, lrelease: Path | None = None) -> bool:
    import subprocess  # only on a first start after the .ts changed: not on every start's path

    tool = lrelease or find_lrelease()
    if tool is None:
        log.warning("lrelease not found; %s stays untranslated", ts.name)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    temporary = qm.with_suffix(".qm.tmp")
    try:
        done = subprocess.run(  # noqa: S603 - our own lrelease on our own files
            [os.fspath(tool), "-silent", os.fspath(ts), "-qm", os.fspath(temporary)],
            capture_output=True,
            timeout=_LRELEASE_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("lrelease failed for %s: %s", ts.name, exc)
        return False
    if done.returncode != 0 or not temporary.is_file():
        log.warning("lrelease failed for %s (exit %s)", ts.name, done.returncode)
        temporary.unlink(missing_ok=True)
        return False
    os.replace(temporary, qm)
    return True


def _cache_dir() -> Path:
    # Qt's cache location rather than platformdirs (~5 ms). On Linux and the BSDs it is worked out here as Qt does
    # (an absolute XDG_CACHE_HOME, else ~/.cache): QStandardPaths would have PySide6 build its enums on the way to
    # the first window.
    if sys.platform not in ("win32", "darwin", "cygwin"):
        generic = os.environ.get("XDG_CACHE_HOME", "")
        if not generic.startswith("/"):
            generic = os.path.join(os.path.expanduser("~"), ".cache")
    else:
        from PySide6.QtCore import QStandardPaths

        generic = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
    return Path(generic) / APP_NAME / "translations"


def catalogue(language: str, *, folder: Path | None = None, cache: Path | None = None) -> Path | None:
    """The compiled ``clientjournal_<language>.qm`` to load: the built one when current, else a cached build."""
    folder = folder if folder is not None else translations_dir()
    if folder is None:
        return None
    ts = folder / f"clientjournal_{language}.ts"
    qm = folder / f"clientjournal_{language}.qm"
    if not ts.is_file():
        return qm if qm.is_file() else None
    if qm.is_file() and qm.stat().st_mtime + _STALE_TOLERANCE_S >= ts.stat().st_mtime:
        return qm
    digest = f"{zlib.crc32(ts.read_bytes()):08x}"  # names the cached build of this very .ts; no security role
    cached = (cache if cache is not None else _cache_dir()) / f"clientjournal_{language}-{digest}.qm"
    if cached.is_file() or compile_catalogue(ts, cached):
        return cached
    return qm if qm.is_file() else None


def install_translators(app: QCoreApplication, preference: str) -> list[QTranslator]:
    """Install the translators for ``preference``; keep the returned list alive as long as the app runs."""
    language = resolve_language(preference)
    if preference != "system":
        QLocale.setDefault(QLocale(language))  # dates and numbers follow the chosen language too
    installed: list[QTranslator] = []
    if language != "en":
        # Only for Qt's own catalogue, not with the module: PySide6 builds QLibraryInfo's enum when it is named.
        from PySide6.QtCore import QLibraryInfo

        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(app)
        # Qt's own texts, when this Qt has them (PySide6 6.11 ships no qtbase_nb; our catalogue covers the
        # standard buttons and edit menus then).
        if qt.load(QLocale(language), "qtbase", "_", qt_dir) and app.installTranslator(qt):
            installed.append(qt)
    ours = catalogue(language)
    if ours is not None:
        translator = QTranslator(app)
        if translator.load(os.fspath(ours)) and app.installTranslator(translator):
            installed.append(translator)
        else:
            log.warning("could not load %s", ours)
    return installed
