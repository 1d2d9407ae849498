"""The flow between the windows: welcome or unlock, the main window, locking and quitting."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QDialog

from clientjournal.ui import vaultops
from clientjournal.ui.preferences import PreferencesNotifier
from clientjournal.ui.worker import BackgroundWorker

if TYPE_CHECKING:
    from clientjournal.services.access import KdfChoice
    from clientjournal.services.devices import DeviceStore
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Clock, Vault
    from clientjournal.ui.mainwindow import MainWindow
    from clientjournal.ui.passphrase_dialog import RecoveryPassphraseDialog
    from clientjournal.ui.unlock import UnlockDialog
    from clientjournal.ui.welcome import WelcomeDialog

log = logging.getLogger(__name__)


class AppController(QObject):
    """Owns the session and the windows. ``quit_requested`` asks the application to end."""

    quit_requested = Signal()
    main_window_shown = Signal()
    locking = Signal()
    """The vault is about to lock: store autosaves and close editors now, while the keys still work."""

    def __init__(
        self,
        database_url: str,
        clock: Clock,
        worker: BackgroundWorker,
        *,
        vault_known_missing: bool = False,
        kdf: KdfChoice | None = None,
        device_store: Callable[[], DeviceStore | None] = vaultops.device_store,
        settings: QSettings | None = None,
        watch_ms: int | None = 1_000,
        parent: QObject | None = None,
    ) -> None:
        """``watch_ms``: how often the open window looks for changes made elsewhere (None: never)."""
        super().__init__(parent)
        self.preferences = PreferencesNotifier(self)
        """Saved preferences are announced here (the auto-lock timer listens)."""
        self._watch_ms = watch_ms
        self._url = database_url
        self._clock = clock
        self._kdf = kdf
        self._device_store = device_store
        self._settings = settings
        self._start_with_welcome = vault_known_missing
        self.worker = worker
        self.vault: Vault | None = None
        self.session: VaultSession | None = None
        self.window: MainWindow | None = None
        self.welcome: WelcomeDialog | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.recovery_dialog: RecoveryPassphraseDialog | None = None
        """Asks for a new passphrase after the recovery key unlocked the vault, before the main window."""
        self._unlock_visible = True
        self._minimised = False
        self.in_tray: Callable[[], bool] = lambda: False
        """Whether a tray icon keeps the app reachable with no window shown (set by the composition root)."""

    def start(self, *, background: bool = False) -> None:
        """Show the first window; ``background`` (``--background``, with a tray) shows none: a remembered device
        unlocks quietly, else the tray offers to unlock."""
        if self._start_with_welcome:
            self.show_welcome()
        else:
            tray = background and self.in_tray()  # asking the desktop costs ~20 ms: only when it matters
            self._minimised = background and not tray  # no tray to start in: start minimised instead
            dialog = self.show_unlock(try_device=True, visible=not (background and tray))
            if self._minimised:
                dialog.showMinimized()

    def open_window(self) -> None:
        """Bring the app to the front: the main window when unlocked, else the unlock (or welcome) dialog."""
        from clientjournal.ui.single_instance import raise_window

        if self.session is not None and self.window is not None:
            raise_window(self.window)
        elif self.welcome is not None:
            raise_window(self.welcome)
        elif self.recovery_dialog is not None:
            raise_window(self.recovery_dialog)
        elif self.unlock_dialog is not None:
            self._unlock_visible = True
            raise_window(self.unlock_dialog)
        else:
            self.show_unlock(try_device=False)

    # ---- dialogs -------------------------------------------------------------------------------------------------

    def show_welcome(self) -> WelcomeDialog:
        from clientjournal.ui.welcome import WelcomeDialog

        dialog = WelcomeDialog(
            self.worker, self._url, self._clock, kdf=self._kdf, device_store_factory=self._device_store
        )
        dialog.finished.connect(lambda result: self._welcome_finished(dialog, result))
        self.welcome = dialog
        dialog.show()
        dialog.raise_()
        return dialog

    def _welcome_finished(self, dialog: WelcomeDialog, result: int) -> None:
        self.welcome = None
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted and dialog.session is not None:
            self.vault = dialog.session.vault
            self.show_main(dialog.session)
        else:
            self.quit_requested.emit()

    def show_unlock(self, *, try_device: bool, visible: bool = True) -> UnlockDialog:
        from clientjournal.ui.unlock import UnlockDialog

        vault = self.vault
        url, clock = self._url, self._clock

        def open_vault() -> Vault:
            return vault if vault is not None else vaultops.open_vault(url, clock)

        dialog = UnlockDialog(
            self.worker,
            open_vault,
            device_store=self._device_store if try_device else None,
        )
        dialog.finished.connect(lambda result: self._unlock_finished(dialog, result))
        self.unlock_dialog = dialog
        self._unlock_visible = visible
        if visible:
            dialog.show()
            dialog.raise_()
        return dialog

    def _unlock_finished(self, dialog: UnlockDialog, result: int) -> None:
        self.unlock_dialog = None
        dialog.deleteLater()
        if dialog.vault is not None:
            self.vault = dialog.vault
        if result == QDialog.DialogCode.Accepted and dialog.session is not None and dialog.by_recovery_key:
            self.choose_new_passphrase(dialog.session)
        elif result == QDialog.DialogCode.Accepted and dialog.session is not None:
            self.show_main(dialog.session, show=self._unlock_visible or dialog.isVisible())
        elif dialog.missing:
            self.show_welcome()
        else:
            self.quit_requested.emit()

    def choose_new_passphrase(self, session: VaultSession) -> RecoveryPassphraseDialog:
        """The recovery key opened the vault: a new passphrase first; declining locks the vault again."""
        from clientjournal.ui.passphrase_dialog import RecoveryPassphraseDialog

        dialog = RecoveryPassphraseDialog(self.worker, session)
        self.recovery_dialog = dialog

        def finished(result: int) -> None:
            self.recovery_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                self.show_main(session)
            else:
                session.lock()  # nothing was changed; the keys go, the vault stays open for the next try
                log.info("vault locked again: no new passphrase chosen after the recovery key")
                self.show_unlock(try_device=False)

        dialog.finished.connect(finished)
        dialog.show()
        dialog.raise_()
        return dialog

    # ---- main window ---------------------------------------------------------------------------------------------

    def show_main(self, session: VaultSession, *, show: bool = True) -> MainWindow:
        from clientjournal.ui.mainwindow import MainWindow

        self.session = session
        if self.window is None:
            self.window = MainWindow(
                session, self.worker, self._clock, settings=self._settings, preferences=self.preferences
            )
            self.window.lock_requested.connect(self.lock)
            self.window.quit_requested.connect(self.quit_requested)
            self.locking.connect(self.window.editor.prepare_lock)
        else:
            self.window.set_session(session)
        if show and self._minimised:
            self._minimised = False
            self.window.showMinimized()
        elif show:
            # Unlocked by the user: a window minimised before the lock comes back, not just into the taskbar.
            # (QtCore.Qt looked up only here: importing Qt with the module builds PySide6's whole Qt namespace,
            # ~60 ms, before the first window.)
            minimised = QtCore.Qt.WindowState.WindowMinimized
            self.window.setWindowState(self.window.windowState() & ~minimised)
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()
        self.window.reload(select=None)
        if self._watch_ms is not None:
            self.window.watch_external_changes(self._watch_ms)
        self.main_window_shown.emit()
        return self.window

    def lock(self) -> None:
        """Drop the keys and every decrypted view, then ask for the passphrase again."""
        if self.session is None:
            return
        self.locking.emit()
        self.worker.wait_idle()  # let pending saves (autosaves too) land before the keys go
        self.worker.discard_results()
        shown = self.window is not None and self.window.isVisible()
        minimised = shown and self.window is not None and self.window.isMinimized()
        if self.window is not None:
            self.window.clear()
            self.window.hide()
        self.session.lock()
        self.session = None
        log.info("vault locked")
        # In the tray with no window shown (auto-lock, the tray's Lock), no dialog pops up: the tray unlocks.
        dialog = self.show_unlock(try_device=False, visible=shown or not self.in_tray())
        if (
            minimised
        ):  # auto-lock of a minimised window: ask in the taskbar, never pop up in front of other work
            dialog.showMinimized()

    def shutdown(self) -> None:
        """Finish pending work and close the vault; called once as the application quits."""
        if self.window is not None:
            self.window.stop_watching()
        self.worker.stop()
        if self.session is not None:
            self.session.close()
            self.session = None
        elif self.vault is not None:
            self.vault.close()
        self.vault = None
