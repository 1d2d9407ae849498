"""The composition root of the desktop app: ``clientjournal`` starts here.

Only Qt and a few small modules load before the first window is shown; the core (SQLAlchemy, cryptography,
Argon2) is imported by the background worker while the user reads the unlock dialog.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime


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

    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from clientjournal.config import APP_NAME, configure_logging, resolve_location
    from clientjournal.ui.controller import AppController
    from clientjournal.ui.errors import install_exception_hook
    from clientjournal.ui.i18n import install_translators
    from clientjournal.ui.idle import AutoLock
    from clientjournal.ui.preferences import apply_color_scheme, load_preferences
    from clientjournal.ui.single_instance import SingleInstance, bring_to_front, server_name
    from clientjournal.ui.theme import app_icon, follow_os_scheme
    from clientjournal.ui.worker import BackgroundWorker

    location = resolve_location(args.data_dir, args.database_url)
    configure_logging(location, verbose=args.verbose)
    install_exception_hook()

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication(argv)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("clientjournal")
    instance = SingleInstance(server_name(location.data_dir), app)
    if instance.activate_running():
        return 0  # the running instance comes to the front instead
    instance.listen()
    settings = QSettings()
    preferences = load_preferences(settings)
    install_translators(app, preferences.language)  # before any window exists
    app.setWindowIcon(app_icon())
    apply_color_scheme(app, preferences.color_scheme)
    follow_os_scheme(app)

    sqlite_path = _sqlite_file(location.database_url)
    missing = sqlite_path is not None and not Path(sqlite_path).exists()
    if sqlite_path is not None:
        location.data_dir.mkdir(parents=True, exist_ok=True)

    worker = BackgroundWorker()
    controller = AppController(
        location.database_url, local_now, worker, vault_known_missing=missing, settings=settings
    )
    AutoLock(controller, preferences.idle_minutes * 60_000)
    instance.activation_requested.connect(lambda: bring_to_front(controller))
    controller.quit_requested.connect(app.quit, type=Qt.ConnectionType.QueuedConnection)
    app.aboutToQuit.connect(controller.shutdown)
    controller.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
