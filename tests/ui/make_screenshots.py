"""Screenshots of the desktop app for docs/screenshots (not a test).

    CLIENTJOURNAL_PASSPHRASE=... .venv/bin/python tests/ui/make_screenshots.py DATA_DIR [OUT_DIR]

DATA_DIR holds a vault unlocked by CLIENTJOURNAL_PASSPHRASE (e.g. made with ``clientjournal-cli init`` and
``demo``). Runs offscreen unless QT_QPA_PLATFORM says otherwise; light and dark variants are written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clientjournal.config import resolve_location
from clientjournal.crypto.device import DeviceKeyStore
from clientjournal.crypto.kdf import KdfParams
from clientjournal.ui import theme
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.preferences import Preferences, PreferencesDialog
from clientjournal.ui.unlock import UnlockDialog
from clientjournal.ui.vaultops import open_vault, unlock
from clientjournal.ui.welcome import WelcomeDialog
from clientjournal.ui.worker import BackgroundWorker

if TYPE_CHECKING:
    from clientjournal.services.session import VaultSession


def now() -> datetime:
    return datetime.now().astimezone()


def settle(app: QApplication, worker: BackgroundWorker, ms: int = 300) -> None:
    worker.wait_idle(60_000)
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def busiest_client(session: VaultSession) -> str | None:
    """A client the coach has much to say about: several actions at different steps, and promises."""
    from clientjournal.coach import promise_ledger, suggest

    journals = {j.client.id: j for j in session.journal.journals() if not j.client.archived}
    actions = suggest(list(journals.values()), now())

    def score(client_id: str) -> tuple[int, int, int]:
        mine = [a for a in actions if a.client == client_id]
        return (min(len(mine), 3), len({a.step for a in mine}), promise_ledger(journals[client_id]).total)

    return max(sorted({a.client for a in actions}), key=score, default=None)


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print("wrote", path)


def main() -> int:
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    passphrase = os.environ["CLIENTJOURNAL_PASSPHRASE"]
    QCoreApplication.setApplicationName("ClientJournal")
    app = QApplication([])
    app.setWindowIcon(theme.app_icon())
    worker = BackgroundWorker()
    location = resolve_location(data_dir, None)
    for scheme in ("light", "dark"):
        os.environ[theme.SCHEME_ENV] = scheme
        theme.apply_theme(app)
        suffix = "" if scheme == "light" else "-dark"

        with tempfile.TemporaryDirectory() as empty:
            url = resolve_location(empty, None).database_url
            welcome = WelcomeDialog(worker, url, now, kdf=KdfParams.minimum(), device_store=DeviceKeyStore())
            welcome.show()
            welcome.passphrase.setText("plum orbit lantern")
            settle(app, worker)
            save(welcome, out / f"welcome{suffix}.png")
            welcome.repeat.setText("plum orbit lantern")
            welcome.create_button.click()
            settle(app, worker)
            save(welcome, out / f"recovery-key{suffix}.png")
            welcome.session.close()
            welcome.deleteLater()

        dialog = UnlockDialog(worker, lambda: open_vault(location.database_url, now))
        dialog.show()
        settle(app, worker)
        save(dialog, out / f"unlock{suffix}.png")
        vault = dialog.vault
        dialog.passphrase.setText("not my passphrase")
        dialog.unlock()
        settle(app, worker)
        save(dialog, out / f"unlock-wrong{suffix}.png")
        dialog.deleteLater()

        session = unlock(vault, passphrase)
        window = MainWindow(session, worker, now)
        window.resize(1400, 860)
        window.show()
        window.reload(select=None)
        settle(app, worker, 600)
        save(window, out / f"main-all-clients{suffix}.png")
        clients = [c for c in window.clients.clients() if not c.archived]
        window.select_client(clients[min(3, len(clients) - 1)].id)
        settle(app, worker, 600)
        save(window, out / f"main-client{suffix}.png")
        # The timeline: grouped by week, a filter on, the client's mood trend above (clientjournal/ui/timeline).
        filters = window.timeline_panel.filters
        filters.grouping.setCurrentIndex(filters.grouping.findData("week"))
        filters.kind.set_selected(frozenset({"call", "email", "meeting", "progress_update", "delivery"}))
        settle(app, worker, 300)
        save(window, out / f"timeline{suffix}.png")
        filters.clear()
        filters.grouping.setCurrentIndex(filters.grouping.findData("day"))
        window.resize(1480, 900)
        window.select_client(busiest_client(session))
        settle(app, worker, 600)
        save(window, out / f"coach-sidebar{suffix}.png")
        window.resize(1400, 860)
        entry_dialog = window.new_entry()
        if entry_dialog is not None:
            entry_dialog.set_moods(["satisfied", "uncertain"])
            entry_dialog.text.setPlainText("Called about the launch date; she is happy with the design.")
            settle(app, worker)
            save(entry_dialog, out / f"entry-dialog{suffix}.png")
            entry_dialog.done(0)  # reject() would ask before discarding the typed text
        client_dialog = window.edit_client()
        if client_dialog is not None:
            settle(app, worker)
            save(client_dialog, out / f"client-dialog{suffix}.png")  # with its Projects section
            if client_dialog.project_list.topLevelItemCount():
                client_dialog.project_list.setCurrentItem(client_dialog.project_list.topLevelItem(0))
                project_dialog = client_dialog.edit_project()
            else:
                project_dialog = client_dialog.add_project()
            if project_dialog is not None:
                settle(app, worker)
                save(project_dialog, out / f"project-dialog{suffix}.png")
                project_dialog.reject()
            client_dialog.reject()
        preferences = PreferencesDialog(Preferences(), window)
        preferences.show()
        settle(app, worker)
        save(preferences, out / f"preferences{suffix}.png")
        preferences.reject()
        window.clear()
        window.close()
        session.close()
    worker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
