"""Screenshots of the coach sidebar for docs/screenshots (not a test): a merged card and a filled-in draft.

    .venv/bin/python tests/ui/make_coach_screenshots.py [OUT_DIR]      # English and Norwegian, light scheme

It writes a small made-up journal into a throwaway vault (a client who asks for a change and sounds unsure in the
same entry, and a promise that is overdue), so the pictures show the same situations in both languages:
``coach-merged-card{,-nb}.png`` (the sidebar with the cause and the feeling on one card) and
``coach-draft{,-nb}.png`` (the drafted email, every placeholder filled from the journal and signed), and
``client-dialog-nb.png`` (the client's card in Norwegian, with the language drafts are written in; the English
``client-dialog.png`` comes from make_screenshots.py, over the demo vault). Runs offscreen unless QT_QPA_PLATFORM
says otherwise; settings go to a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from clientjournal.crypto.kdf import KdfParams
from clientjournal.domain import Channel, Client, Entry, EntryKind, Project, Promise
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.ui import theme
from clientjournal.ui.coach.dialogs import DraftDialog
from clientjournal.ui.i18n import install_translators
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.worker import BackgroundWorker

NOW = datetime(2026, 11, 27, 14, 0, tzinfo=timezone(timedelta(hours=1)))
WAIT_MS = 30_000


def now() -> datetime:
    return NOW


def settle(worker: BackgroundWorker, ms: int = 400) -> None:
    deadline = QDeadlineTimer(WAIT_MS)
    while worker.busy and not deadline.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    end = QDeadlineTimer(ms)
    while not end.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def fill(session: VaultSession, language: str) -> str:
    """The journal of one client; returns the client's id."""
    nb = language == "nb"
    journal = session.journal
    client = journal.save_client(
        Client(
            id="kari",
            name="Kari Nordmann",
            company="Fjordlys AS",
            email="kari@fjordlys.example",
            phone="+47 400 00 000",
            preferred_channel=Channel.EMAIL,
            update_every_days=14,
            temperament="Rolig og saklig." if nb else "Calm and factual.",
            language=language,
        )
    )
    site = journal.save_project(
        Project(id="web", client_id=client.id, title="Ny nettside" if nb else "New website",
                contract_signed_on=(NOW - timedelta(days=30)).date())
    )  # fmt: skip

    def add(days: float, kind: EntryKind, text: str, **fields: object) -> None:
        journal.save_entry(
            Entry(
                id=f"e{days}",
                client_id=client.id,
                occurred_at=NOW - timedelta(days=days),
                kind=kind,
                text=text,
                project_id=site.id,
                **fields,  # type: ignore[arg-type]
            )
        )

    add(
        30,
        EntryKind.CONTRACT_SIGNED,
        "Signert." if nb else "Signed.",
        channel=Channel.EMAIL,
        moods=("enthusiastic",),
    )
    add(
        29,
        EntryKind.CALL,
        "Oppstart: mål og plan." if nb else "Kick-off: goals and plan.",
        channel=Channel.PHONE,
        moods=("satisfied",),
    )
    add(
        12,
        EntryKind.PROMISE,
        "Skisser til logo etter oppstartsmøtet." if nb else "Logo sketches after the kick-off.",
        channel=Channel.EMAIL,
        promise=Promise((NOW - timedelta(days=2)).date(), title="Logoskisser" if nb else "Logo sketches"),
    )
    add(
        3,
        EntryKind.PROGRESS_UPDATE,
        "Sendte wireframes." if nb else "Sent the wireframes.",
        channel=Channel.EMAIL,
        moods=("satisfied",),
    )
    add(0.2, EntryKind.CHANGE_REQUEST,
        "Vil ha nettbutikk likevel. Usikker på budsjettet." if nb else "Wants a web shop after all. Unsure about the budget.",
        channel=Channel.EMAIL, moods=("uncertain",))  # fmt: skip
    session.settings.save_sender_name("Ola Hansen")
    return client.id


def save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print("wrote", path, flush=True)


def shoot(app: QApplication, worker: BackgroundWorker, out: Path, language: str) -> None:
    suffix = "" if language == "en" else f"-{language}"
    translators = install_translators(app, language)
    try:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{(Path(folder) / 'vault.sqlite3').as_posix()}"
            vault, keys, _recovery = Vault.create(
                url, "screenshot passphrase", clock=now, kdf=KdfParams.minimum()
            )
            session = VaultSession(vault, keys)
            client_id = fill(session, language)
            window = MainWindow(session, worker, now)
            window.resize(1480, 900)
            window.show()
            window.reload(select=client_id)
            settle(worker, 800)
            sidebar = window.coach
            save(sidebar, out / f"coach-merged-card{suffix}.png")
            card = next(c for c in sidebar.cards.cards() if c.action.action == "promise_overdue")
            card.draft_button.click()
            settle(worker)
            dialog = sidebar.last_dialog
            assert isinstance(dialog, DraftDialog)
            dialog.resize(620, 560)
            settle(worker, 200)
            save(dialog, out / f"coach-draft{suffix}.png")
            dialog.done(0)
            if language != "en":  # the English one is make_screenshots.py's, over the demo vault
                client_dialog = window.edit_client()
                assert client_dialog is not None, "no client dialog opened"
                deadline = QDeadlineTimer(WAIT_MS)
                while not client_dialog.project_list.isEnabled() and not deadline.hasExpired():
                    settle(worker, 50)
                settle(worker, 200)
                save(client_dialog, out / f"client-dialog{suffix}.png")
                client_dialog.done(0)
            window.hide()
            window.deleteLater()
            settle(worker, 200)
            session.close()
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setApplicationName("ClientJournal")
    with tempfile.TemporaryDirectory() as settings_dir:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, settings_dir)
        app = QApplication([])
        os.environ[theme.SCHEME_ENV] = "light"
        theme.apply_theme(app)
        worker = BackgroundWorker()
        try:
            for language in ("en", "nb"):
                shoot(app, worker, out, language)
        finally:
            worker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
