"""What the coach sidebar shows and when it loads it: a client's coach or "Today", following the main window.

:class:`CoachScope` sits between :class:`~clientjournal.ui.coach.buttons.CoachButtons` and
:class:`~clientjournal.ui.coach.sidebar.CoachSidebar`: it keeps which client and which view ("client" or "today") are
current, asks the core for them on the background worker (again after a change to the vault they depend on), and
forgets everything when the vault locks. The sidebar builds the widgets and shows what a load brings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from clientjournal.ui.coach.buttons import CoachButtons
from clientjournal.ui.errors import describe_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QStackedWidget, QToolButton, QWidget

    from clientjournal.services.changes import VaultChanges
    from clientjournal.services.coaching import ClientCoach, TodayCoach
    from clientjournal.ui.coach.models import ActionListModel
    from clientjournal.ui.widgets import MessageLabel


class CoachScope(CoachButtons):
    """Following the selection, switching views, loading and clearing; the sidebar provides the widgets below."""

    client_activated = Signal(str)
    """Select this client (a click in the "Today" list)."""

    _language: str
    _client_id: str | None
    _mode: str
    _today: TodayCoach | None
    client_actions: ActionListModel
    today_actions: ActionListModel
    client_tab: QToolButton
    today_tab: QToolButton
    message: MessageLabel
    project: QComboBox
    stack: QStackedWidget
    idle_page: QWidget

    def _client_ready(self, coach: ClientCoach) -> None:
        raise NotImplementedError

    def _today_ready(self, today: TodayCoach) -> None:
        raise NotImplementedError

    # ---- following the main window -------------------------------------------------------------------------------

    def show_client(self, client_id: str | None) -> None:
        """Follow the main window's selection: a client's coach, or "Today" for all clients (loaded again)."""
        changed = client_id != self._client_id
        self._client_id = client_id
        if client_id is None:
            self._mode = "today"
        elif changed:
            self._mode = "client"
        self.refresh()

    def _vault_changed(self, changes: VaultChanges) -> None:
        """Refresh after any write or outside change the coach's current view may depend on.

        "Today" covers every client; a client's view depends on its journal, the list of clients and the coach's
        settings (snoozes, dismissals, mood tags, the sender's name).
        """
        if self._session() is None or self.stack.currentWidget() is self.idle_page:
            return
        showing_client = self._mode == "client" and self._client_id is not None
        if not showing_client or changes.settings or changes.touches(self._client_id):
            self.refresh()

    def mode(self) -> str:
        return self._mode

    def _switch(self, mode: str) -> None:
        if mode == "client" and self._client_id is None:
            mode = "today"
        if mode != self._mode:
            self._mode = mode
            self.refresh()
        self._sync_tabs()

    def _today_clicked(self, client_id: str) -> None:
        self._mode = "client"
        self._client_id = None  # "changed" for show_client when the window follows
        self.client_activated.emit(client_id)

    def _sync_tabs(self) -> None:
        self.client_tab.setEnabled(self._client_id is not None)
        self.client_tab.setChecked(self._mode == "client")
        self.today_tab.setChecked(self._mode == "today")

    def refresh(self) -> None:
        """Load the current view again (after a journal change, a snooze, a new day)."""
        self._sync_tabs()
        session = self._session()
        if session is None:
            return
        now = self._clock()
        language = self._language
        client_id = self._client_id
        ops, key = self._ops, (self, "coach")
        if self._mode == "client" and client_id is not None:
            ops.query(lambda s: s.coaching.client(client_id, now, language), key=key).success(
                self._client_ready
            ).failure(self._failed).run()
        else:
            ops.query(lambda s: s.coaching.today(now, language), key=key).success(self._today_ready).failure(
                self._failed
            ).run()

    def clear(self) -> None:
        """Forget every decrypted value shown and close the coach's dialogs: used when the vault locks."""
        self._ops.supersede((self, "coach"))
        for dialog in self._dialogs:
            dialog.reject()
        self._dialogs = []
        self.last_dialog = None
        self._coach = None
        self._today = None
        self._client_id = None
        self._mode = "today"
        self._undo_state = None
        self.client_actions.clear()
        self.today_actions.clear()
        self.project.clear()
        self.message.clear_message()
        self.undo_bar.hide()
        self._show_idle()

    def _show_idle(self) -> None:
        self.stack.setCurrentWidget(self.idle_page)
        self._sync_tabs()

    def _failed(self, exc: BaseException) -> None:
        from clientjournal.errors import ClientJournalError

        if isinstance(exc, ClientJournalError):
            self.message.show_error(describe_error(exc))
        else:
            import sys

            sys.excepthook(type(exc), exc, exc.__traceback__)
