"""Screenshots of the desktop app for docs/screenshots (not a test).

    CLIENTJOURNAL_PASSPHRASE=... .venv/bin/python tests/ui/make_screenshots.py DATA_DIR [OUT_DIR]

DATA_DIR holds a vault unlocked by CLIENTJOURNAL_PASSPHRASE (e.g. made with ``clientjournal-cli init`` and
``demo``). Runs offscreen unless QT_QPA_PLATFORM says otherwise; light and dark variants are written.

Nothing here may wait forever: dialogs are opened with open()/show() and grabbed, never exec()'d; every wait
has a deadline; and a watchdog ends the script with exit status 2 and a message naming the step when one
takes longer than SCREENSHOT_STEP_TIMEOUT seconds (default 120), even if something else opened a modal
dialog or blocked the GUI thread. Settings go to a temporary folder, so the user's own are neither read nor
changed. SCREENSHOT_LANGUAGE=nb takes them in Norwegian, light only, as NAME-nb.png.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QSettings, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from clientjournal.config import resolve_location
from clientjournal.crypto.device import DeviceKeyStore
from clientjournal.services.access import KdfChoice
from clientjournal.ui import theme
from clientjournal.ui.i18n import install_translators
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.preferences import Preferences
from clientjournal.ui.preferences_dialog import PreferencesDialog
from clientjournal.ui.unlock import UnlockDialog
from clientjournal.ui.vaultops import open_vault, unlock
from clientjournal.ui.welcome import WelcomeDialog
from clientjournal.ui.worker import BackgroundWorker

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support.keyring_backend import InMemoryKeyring

if TYPE_CHECKING:
    from clientjournal.services.session import VaultSession
    from clientjournal.ui.timeline.panel import TimelinePanel

EXIT_TIMEOUT = 2
STEP_TIMEOUT_S = float(os.environ.get("SCREENSHOT_STEP_TIMEOUT", "120"))
WAIT_MS = 60_000
"""The longest any single wait inside a step may take (the step's watchdog is the outer limit)."""
_BLOCKED_GRACE_S = 15.0
"""How much longer than the step the watchdog thread waits before deciding the GUI thread is stuck."""


class StepFailed(RuntimeError):
    """The app did not reach the state the next screenshot needs: a wait ran out of time, or an error showed."""


def now() -> datetime:
    return datetime.now().astimezone()


def _stop(message: str) -> None:
    print(f"make_screenshots: {message}", file=sys.stderr, flush=True)
    os._exit(EXIT_TIMEOUT)  # from inside a nested event loop, nothing short of this gets out


def _open_dialog_texts() -> list[str]:
    found = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            text = widget.text() if isinstance(widget, QMessageBox) else ""
            found.append(f"“{widget.windowTitle()}” {text}".strip())
    return found


class Watchdog:
    """Ends the script when a step overruns.

    A QTimer notices first: it still fires inside a modal dialog's nested event loop, and can say which
    dialogs are open. A plain thread is the backstop for a GUI thread that is blocked outside any event loop;
    it dumps every thread's stack, since the widgets cannot be asked from there.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._step = ""
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._overran_in_event_loop)
        self._thread_timer: threading.Timer | None = None

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        self._step = name
        self._timer.start(int(self.seconds * 1000))
        self._thread_timer = threading.Timer(self.seconds + _BLOCKED_GRACE_S, self._overran_blocked)
        self._thread_timer.daemon = True
        self._thread_timer.start()
        try:
            yield
        finally:
            self._timer.stop()
            self._thread_timer.cancel()

    def _overran_in_event_loop(self) -> None:
        dialogs = _open_dialog_texts()
        detail = f"; open dialogs: {'; '.join(dialogs)}" if dialogs else ""
        _stop(f"step “{self._step}” did not finish within {self.seconds:.0f} s{detail}")

    def _overran_blocked(self) -> None:
        print(
            f"make_screenshots: step “{self._step}” did not finish within {self.seconds:.0f} s "
            "and the GUI thread is blocked; stacks follow",
            file=sys.stderr,
            flush=True,
        )
        faulthandler.dump_traceback(all_threads=True)
        _stop("gave up")


def wait_until(condition: Callable[[], bool], what: str, timeout_ms: int = WAIT_MS) -> None:
    """Process events until ``condition()`` holds; StepFailed naming ``what`` if it does not in time."""
    deadline = QDeadlineTimer(timeout_ms)
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    while not condition():
        if deadline.hasExpired():
            raise StepFailed(f"timed out after {timeout_ms / 1000:.0f} s waiting for {what}")
        timer.start(min(50, max(1, int(deadline.remainingTime()))))
        loop.exec()


@contextmanager
def expect_signal(signal: SignalInstance, what: str, timeout_ms: int = WAIT_MS) -> Iterator[None]:
    """Wait, after the ``with`` body, until ``signal`` was emitted (connected first, so none is missed)."""
    seen: list[object] = []

    def note(*_args: object) -> None:
        seen.append(True)

    signal.connect(note)
    try:
        yield
        wait_until(lambda: bool(seen), what, timeout_ms)
    finally:
        signal.disconnect(note)


def settle(worker: BackgroundWorker, ms: int = 300) -> None:
    """Let background work finish, then give layouts and paints ``ms`` to catch up."""
    if not worker.wait_idle(WAIT_MS):
        raise StepFailed(f"timed out after {WAIT_MS / 1000:.0f} s waiting for background work")
    until = time.monotonic() + ms / 1000
    wait_until(lambda: time.monotonic() >= until, "the window to settle", ms + 5_000)
    QApplication.processEvents()


def busiest_client(session: VaultSession) -> str | None:
    """A client the coach has much to say about: several actions at different steps, and promises."""
    from clientjournal.coach import promise_ledger, suggest

    journals = {j.client.id: j for j in session.journal.journals() if not j.client.archived}
    actions = suggest(list(journals.values()), now())

    def score(client_id: str) -> tuple[int, int, int]:
        mine = [a for a in actions if a.client == client_id]
        return (min(len(mine), 3), len({a.step for a in mine}), promise_ledger(journals[client_id]).total)

    return max(sorted({a.client for a in actions}), key=score, default=None)


def search_word(panel: TimelinePanel, text: str) -> str:
    """A word of ``text`` that many shown entries share: the search then highlights it in the reading pane and
    still leaves a timeline to look at (the longest word of one entry matched that entry alone: 2 of 40)."""
    model = panel.model
    texts = [e.text.casefold() for e in (model.entry_at(r) for r in range(model.rowCount())) if e is not None]
    words = {w.strip(".,:;!?“”«»()'\"") for w in text.split()}
    candidates = [w for w in words if len(w) >= 4]
    if not candidates:
        return ""
    return max(sorted(candidates), key=lambda w: (sum(w.casefold() in t for t in texts), len(w)))


def save(widget: QWidget, path: Path) -> None:
    # A message box that popped up instead (an error) would otherwise pass unnoticed behind the grab.
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    if boxes:
        raise StepFailed(f"an unexpected message is open instead of {path.name}: {boxes[0].text()}")
    if not widget.isVisible():
        raise StepFailed(f"{type(widget).__name__} is not on screen for {path.name}")
    if not widget.grab().save(str(path)):
        raise StepFailed(f"could not write {path}")
    print("wrote", path, flush=True)


def close_dialog(dialog: QDialog) -> None:
    # done() rather than reject(): a dialog with typed text asks before discarding it, and nobody answers here.
    dialog.done(QDialog.DialogCode.Rejected)


def shoot_scheme(
    app: QApplication, worker: BackgroundWorker, watchdog: Watchdog, data_dir: Path, out: Path, suffix: str
) -> None:
    passphrase = os.environ["CLIENTJOURNAL_PASSPHRASE"]
    location = resolve_location(data_dir, None)

    with watchdog.step(f"welcome{suffix}"), tempfile.TemporaryDirectory() as empty:
        url = resolve_location(empty, None).database_url
        # A keyring of its own: the dialog looks as on a desktop with a secret store, and the throwaway vault
        # never reaches the real one.
        store = DeviceKeyStore(InMemoryKeyring())
        welcome = WelcomeDialog(worker, url, now, kdf=KdfChoice.fastest(), device_store=store)
        welcome.show()
        welcome.passphrase.setText("plum orbit lantern")
        settle(worker)
        save(welcome, out / f"welcome{suffix}.png")
        welcome.repeat.setText("plum orbit lantern")
        welcome.create_button.click()
        wait_until(lambda: welcome.session is not None, "the new vault to be created")
        settle(worker)
        save(welcome, out / f"recovery-key{suffix}.png")
        session = welcome.session
        assert session is not None
        session.close()
        welcome.hide()
        welcome.deleteLater()

    with watchdog.step(f"unlock{suffix}"):
        dialog = UnlockDialog(worker, lambda: open_vault(location.database_url, now))
        dialog.show()
        wait_until(lambda: dialog.vault is not None, "the vault to open")
        settle(worker)
        save(dialog, out / f"unlock{suffix}.png")
        vault = dialog.vault
        assert vault is not None
        dialog.passphrase.setText("not my passphrase")
        dialog.unlock()
        wait_until(dialog.message.isVisible, "the wrong-passphrase message")
        settle(worker)
        save(dialog, out / f"unlock-wrong{suffix}.png")
        dialog.hide()
        dialog.deleteLater()

    with watchdog.step(f"unlock the vault{suffix}"):
        session = unlock(vault, passphrase)
    window = MainWindow(session, worker, now)
    window.resize(1400, 860)
    window.show()

    with watchdog.step(f"main window{suffix}"):
        with expect_signal(window.timeline_loaded, "every client's timeline"):
            window.reload(select=None)
        settle(worker, 600)
        save(window, out / f"main-all-clients{suffix}.png")
        clients = [c for c in window.clients.clients() if not c.archived]
        if not clients:
            raise StepFailed("the vault has no active clients to show; fill it with clientjournal-cli demo")
        with expect_signal(window.timeline_loaded, "one client's timeline"):
            window.select_client(clients[min(3, len(clients) - 1)].id)
        settle(worker, 600)
        save(window, out / f"main-client{suffix}.png")

    with watchdog.step(f"timeline{suffix}"):
        # At 1280 x 720: grouped by week, a filter on, the client's mood trend above, and the first entry in the
        # reading pane with a word of it searched for (clientjournal/ui/timeline).
        window.resize(1280, 720)
        panel = window.timeline_panel
        filters = panel.filters
        filters.grouping.setCurrentIndex(filters.grouping.findData("week"))
        filters.kind.set_selected(frozenset({"call", "email", "meeting", "progress_update", "delivery"}))
        settle(worker, 300)
        first = panel.model.entry_at(panel.model.first_entry_row())
        if first is not None:
            filters.search.setText(search_word(panel, first.text))
            filters.flush()
            panel.select_entry(first.client_id, first.id)
        settle(worker, 300)
        save(window, out / f"timeline{suffix}.png")
        filters.clear()
        filters.grouping.setCurrentIndex(filters.grouping.findData("day"))
        with expect_signal(window.timeline_loaded, "every client's timeline"):
            window.select_client(None)
        settle(worker, 300)
        newest = panel.model.entry_at(panel.model.first_entry_row())
        if newest is not None:
            panel.select_entry(newest.client_id, newest.id)
        settle(worker, 300)
        save(window, out / f"timeline-all-clients{suffix}.png")
        window.resize(1400, 860)

    with watchdog.step(f"coach sidebar{suffix}"):
        window.resize(1480, 900)
        busiest = busiest_client(session)
        if busiest is not None:
            with expect_signal(window.timeline_loaded, "the busiest client's timeline"):
                window.select_client(busiest)
        settle(worker, 600)
        save(window, out / f"coach-sidebar{suffix}.png")
        window.resize(1400, 860)

    with watchdog.step(f"entry dialog{suffix}"):
        entry_dialog = window.new_entry()
        if entry_dialog is None:
            raise StepFailed("no entry dialog opened")
        entry_dialog.set_moods(["satisfied", "uncertain"])
        entry_dialog.text.setPlainText("Called about the launch date; she is happy with the design.")
        settle(worker)
        save(entry_dialog, out / f"entry-dialog{suffix}.png")
        close_dialog(entry_dialog)
        settle(worker, 100)  # the closed dialog drops its autosave in the background

    with watchdog.step(f"client dialog{suffix}"):
        client_dialog = window.edit_client()
        if client_dialog is None:
            raise StepFailed("no client dialog opened (no client selected?)")
        wait_until(client_dialog.project_list.isEnabled, "the client's projects to load")
        settle(worker)
        save(client_dialog, out / f"client-dialog{suffix}.png")  # with its Projects section

    with watchdog.step(f"project dialog{suffix}"):
        first_project = client_dialog.project_list.topLevelItem(0)
        if first_project is not None:
            client_dialog.project_list.setCurrentItem(first_project)
            project_dialog = client_dialog.edit_project()
        else:
            project_dialog = client_dialog.add_project()
        if project_dialog is None:
            raise StepFailed("no project dialog opened")
        settle(worker)
        save(project_dialog, out / f"project-dialog{suffix}.png")
        close_dialog(project_dialog)
        close_dialog(client_dialog)

    with watchdog.step(f"preferences{suffix}"):
        preferences = PreferencesDialog(Preferences(), window)
        preferences.open()
        settle(worker)
        save(preferences, out / f"preferences{suffix}.png")
        close_dialog(preferences)

    with watchdog.step(f"report dialog{suffix}"):
        report = window.client_manager.export_report()  # Client → Export summary PDF…
        if report is None:
            raise StepFailed("no report dialog opened")
        settle(worker)
        save(report, out / f"report-dialog{suffix}.png")
        close_dialog(report)

    with watchdog.step(f"closing{suffix}"):
        window.clear()
        window.close()
        settle(worker, 100)
        session.close()
    app.processEvents()


def main() -> int:
    if len(sys.argv) < 2 or "CLIENTJOURNAL_PASSPHRASE" not in os.environ:
        print(__doc__, file=sys.stderr)
        return 1
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setApplicationName("ClientJournal")
    with tempfile.TemporaryDirectory() as settings_dir:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, settings_dir)
        app = QApplication([])
        # English needs its catalogue too (plural forms); the list keeps the translators alive.
        _translators = install_translators(app, os.environ.get("SCREENSHOT_LANGUAGE", "en"))
        app.setWindowIcon(theme.app_icon())
        worker = BackgroundWorker()
        watchdog = Watchdog(STEP_TIMEOUT_S)
        language = os.environ.get("SCREENSHOT_LANGUAGE", "en")
        # Norwegian in the light scheme only, named *-nb.png beside the English ones (the README links both).
        schemes = ("light", "dark") if language == "en" else ("light",)
        try:
            for scheme in schemes:
                os.environ[theme.SCHEME_ENV] = scheme
                theme.apply_theme(app)
                suffix = ("" if scheme == "light" else "-dark") + ("" if language == "en" else f"-{language}")
                shoot_scheme(app, worker, watchdog, data_dir, out, suffix)
        except StepFailed as exc:
            print(f"make_screenshots: {exc}", file=sys.stderr, flush=True)
            worker.stop(5_000)
            return EXIT_TIMEOUT
        worker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
