"""The composition root of the desktop app: ``clientjournal`` starts here.

Only Qt and a few small modules load before the first window is shown; the core (SQLAlchemy, cryptography,
Argon2) is imported by the background worker while the user reads the unlock dialog.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from clientjournal.ui.closing import WindowClosing
    from clientjournal.ui.controller import AppController
    from clientjournal.ui.preferences import Preferences

_SETTLE_MS = 250
"""How long after the first window is shown the rest of start-up runs."""


def local_now() -> datetime:
    """The app's clock: the current time, aware, in the machine's time zone."""
    from datetime import datetime  # here: the first window needs no clock, and datetime costs ~2 ms to load

    return datetime.now().astimezone()


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    if not argv:  # the usual launch: building the parser costs ~5 ms (gettext looks up the locale)
        return argparse.Namespace(data_dir=None, database_url=None, verbose=False, background=False)
    parser = argparse.ArgumentParser(prog="clientjournal", description="ClientJournal desktop app")
    parser.add_argument("--data-dir", help="where the vault and logs live (env CLIENTJOURNAL_DATA_DIR)")
    parser.add_argument("--database-url", help="a database URL (env CLIENTJOURNAL_DATABASE_URL)")
    parser.add_argument("--verbose", action="store_true", help="log more detail")
    parser.add_argument(
        "--background",
        action="store_true",
        help="start in the tray without a window (minimised where there is no tray)",
    )
    # Qt's own options (-platform, -style…) pass through to QApplication.
    args, _qt_args = parser.parse_known_args(list(argv))
    return args


def _sqlite_file(database_url: str) -> str | None:
    prefix = "sqlite:///"
    return database_url[len(prefix) :] if database_url.startswith(prefix) else None


def _start_reminders(
    app: QApplication, controller: AppController, settings: QSettings, closing: WindowClosing
) -> None:
    from clientjournal.ui.reminder_center import start_reminders

    start_reminders(app, controller, local_now, settings, closing)


def _start(
    app: QApplication,
    controller: AppController,
    settings: QSettings,
    preferences: Preferences,
    *,
    background: bool,
) -> WindowClosing:
    """Show the first window (or start in the tray), with auto-lock and the closing rules in place before the event
    loop runs; returns the closing rules. For the usual start they are made just after the first window is shown:
    their modules would delay it, and the main window they act on comes from the event loop at the earliest."""
    if background:  # the tray first: starting in it needs to know whether there is one
        from PySide6.QtCore import QTimer

        from clientjournal.ui.reminder_center import ASK_TO_UNLOCK_MS, start_reminders

        closing = _lock_and_closing(app, controller, preferences)
        center = start_reminders(app, controller, local_now, settings, closing)
        controller.start(background=True)
        QTimer.singleShot(ASK_TO_UNLOCK_MS, center.ask_to_unlock_if_locked)
        return closing
    controller.start()  # the first window; the reminders come once it is up
    return _lock_and_closing(app, controller, preferences)


def _lock_and_closing(
    app: QApplication, controller: AppController, preferences: Preferences
) -> WindowClosing:
    from clientjournal.ui.closing import WindowClosing
    from clientjournal.ui.idle import AutoLock

    AutoLock(controller, preferences.idle_minutes * 60_000)
    return WindowClosing(controller, preferences, app=app)


def _before_qt(argv: Sequence[str]) -> int | None:
    """What must hold before Qt starts; None to go on, else the exit code. Without a display (or without the
    libraries of Qt's X11 plugin) Qt would abort with a misleading message: say one clear line instead."""
    import os

    from clientjournal.ui.display_check import display_problem

    problem = display_problem(os.environ, argv)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    if sys.platform == "win32":  # before any window: toasts and the taskbar are attributed to the app
        from clientjournal.config import APP_ID
        from clientjournal.notify.other import set_app_user_model_id

        set_app_user_model_id(APP_ID)
    return None


def _application(argv: Sequence[str]) -> QApplication:
    """The application, which opens the display: if Qt's X11 plugin finds no X server answering, one clear line
    and exit 1 (Qt would abort with a misleading message), before anything is created (the data folder, the log)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from clientjournal.config import APP_ID, APP_NAME
    from clientjournal.ui.display_watch import DisplayWatch
    from clientjournal.ui.theme import STYLE_ARGUMENTS, style_given

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    with DisplayWatch():
        app = QApplication([*argv, *STYLE_ARGUMENTS])  # last: the app's look wins over a -style option
    style_given(app)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)  # packaging/linux/<APP_ID>.desktop: Wayland app id, taskbar grouping
    return app


def main(argv: Sequence[str] | None = None) -> int:
    import gc

    # Start-up makes many objects and next to no reference cycles, and the collector's passes over them cost the
    # first window ~5 ms; it collects again from the moment the window is shown.
    gc.disable()
    try:
        started = _start_up(list(sys.argv if argv is None else argv))
    finally:
        gc.enable()
    return started if isinstance(started, int) else started.exec()


def _start_up(argv: list[str]) -> QApplication | int:
    """Everything up to the first window shown: the application to run, or the exit code when it must not."""
    args = _parse_args(argv[1:])
    refused = _before_qt(argv)
    if refused is not None:
        return refused

    from pathlib import Path

    from PySide6.QtCore import QSettings, QTimer

    from clientjournal.config import configure_logging, resolve_location
    from clientjournal.ui.controller import AppController
    from clientjournal.ui.errors import install_exception_hook
    from clientjournal.ui.i18n import install_translators
    from clientjournal.ui.preferences import apply_color_scheme, load_preferences, use_vault_preferences
    from clientjournal.ui.single_instance import (
        SingleInstance,
        server_name,
        tell_not_responding,
    )
    from clientjournal.ui.theme import app_icon, follow_os_scheme
    from clientjournal.ui.worker import BackgroundWorker

    app = _application(argv)
    location = resolve_location(args.data_dir, args.database_url)
    configure_logging(location, verbose=args.verbose, rotate=False)  # also creates the data folder
    install_exception_hook()

    instance = SingleInstance(
        server_name(location.data_dir), app, lock_file=location.data_dir / "clientjournal.lock"
    )
    if not instance.claim():
        if not instance.knock():  # the running instance comes to the front instead
            tell_not_responding()
        return 0
    settings = QSettings()
    use_vault_preferences(settings, location.data_dir)  # auto-lock and privacy belong to the vault
    preferences = load_preferences(settings)
    install_translators(app, preferences.language)  # before any window exists
    apply_color_scheme(app, preferences.color_scheme)

    sqlite_path = _sqlite_file(location.database_url)
    missing = sqlite_path is not None and not Path(sqlite_path).exists()

    worker = BackgroundWorker()
    controller = AppController(
        location.database_url, local_now, worker, vault_known_missing=missing, settings=settings
    )
    instance.activation_requested.connect(controller.open_window)
    # Queued: quitting from inside the dialog's own signal would tear it down under its feet.
    controller.quit_requested.connect(lambda: QTimer.singleShot(0, app.quit))
    app.aboutToQuit.connect(controller.shutdown)
    app.aboutToQuit.connect(instance.close)
    # The closing rules exist before the event loop runs: a remembered device can show the main window from it,
    # before the tray starts (below).
    closing = _start(app, controller, settings, preferences, background=args.background)

    def when_the_first_window_is_up() -> None:
        # Nothing here is needed to show the first window, and each costs some start-up time: a later launch
        # waits for the listening socket (SingleInstance.knock), the log is not near its size limit after one
        # start, and the OS scheme rarely changes in a second.
        configure_logging(location, verbose=args.verbose)
        instance.listen()
        follow_os_scheme(app)
        app.setWindowIcon(app_icon())  # loading the SVG icon engine costs ~5 ms; windows take it when set
        if not args.background:
            _start_reminders(app, controller, settings, closing)  # the tray, notifications, the window's list

    QTimer.singleShot(_SETTLE_MS, when_the_first_window_is_up)
    return app


if __name__ == "__main__":
    sys.exit(main())
