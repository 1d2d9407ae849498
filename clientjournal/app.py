"""The composition root of the desktop app: ``clientjournal`` starts here.

Only Qt and a few small modules load before the first window is shown; the core (SQLAlchemy, cryptography,
Argon2) is imported by the background worker while the user reads the unlock dialog.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime

_SETTLE_MS = 250
"""How long after the first window is shown the rest of start-up runs."""


def local_now() -> datetime:
    """The app's clock: the current time, aware, in the machine's time zone."""
    return datetime.now().astimezone()


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="clientjournal", description="ClientJournal desktop app")
    parser.add_argument("--data-dir", help="where the vault and logs live (env CLIENTJOURNAL_DATA_DIR)")
    parser.add_argument("--database-url", help="a database URL (env CLIENTJOURNAL_DATABASE_URL)")
    parser.add_argument("--verbose", action="store_true", help="log more detail")
    # Qt's own options (-platform, -style…) pass through to QApplication.
    args, _qt_args = parser.parse_known_args(list(argv))
    return args


def _sqlite_file(database_url: str) -> str | None:
    prefix = "sqlite:///"
    return database_url[len(prefix) :] if database_url.startswith(prefix) else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = _parse_args(argv[1:])

    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from clientjournal.config import APP_ID, APP_NAME, configure_logging, resolve_location
    from clientjournal.ui.controller import AppController
    from clientjournal.ui.errors import install_exception_hook
    from clientjournal.ui.i18n import install_translators
    from clientjournal.ui.idle import AutoLock
    from clientjournal.ui.preferences import apply_color_scheme, load_preferences
    from clientjournal.ui.single_instance import (
        SingleInstance,
        bring_to_front,
        server_name,
        tell_not_responding,
    )
    from clientjournal.ui.theme import app_icon, follow_os_scheme
    from clientjournal.ui.worker import BackgroundWorker

    location = resolve_location(args.data_dir, args.database_url)
    configure_logging(location, verbose=args.verbose, rotate=False)  # also creates the data folder
    install_exception_hook()

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication(argv)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)  # packaging/linux/<APP_ID>.desktop: Wayland app id, taskbar grouping
    instance = SingleInstance(
        server_name(location.data_dir), app, lock_file=location.data_dir / "clientjournal.lock"
    )
    if not instance.claim():
        if not instance.knock():  # the running instance comes to the front instead
            tell_not_responding()
        return 0
    settings = QSettings()
    preferences = load_preferences(settings)
    install_translators(app, preferences.language)  # before any window exists
    app.setWindowIcon(app_icon())
    apply_color_scheme(app, preferences.color_scheme)

    sqlite_path = _sqlite_file(location.database_url)
    missing = sqlite_path is not None and not Path(sqlite_path).exists()

    worker = BackgroundWorker()
    controller = AppController(
        location.database_url, local_now, worker, vault_known_missing=missing, settings=settings
    )
    AutoLock(controller, preferences.idle_minutes * 60_000)
    instance.activation_requested.connect(lambda: bring_to_front(controller))
    # Queued: quitting from inside the dialog's own signal would tear it down under its feet.
    controller.quit_requested.connect(lambda: QTimer.singleShot(0, app.quit))
    app.aboutToQuit.connect(controller.shutdown)
    app.aboutToQuit.connect(instance.close)
    controller.start()

    def when_the_first_window_is_up() -> None:
        # Nothing here is needed to show the first window, and each costs some start-up time: a later launch
        # waits for the listening socket (SingleInstance.knock), the log is not near its size limit after one
        # start, and the OS scheme rarely changes in a second.
        configure_logging(location, verbose=args.verbose)
        instance.listen()
        follow_os_scheme(app)

    QTimer.singleShot(_SETTLE_MS, when_the_first_window_is_up)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
