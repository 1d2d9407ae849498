"""What the four buttons on a coach card do — Log it, Draft, Snooze, Dismiss — and Undo.

:class:`CoachButtons` is the base of :class:`~clientjournal.ui.coach.sidebar.CoachSidebar`: the sidebar loads and
shows what the coach suggests; this turns clicks on its cards into dialogs, signals the main window acts on, and
small vault-settings writes (snooze, dismiss, undo) on the background worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QDialog, QFrame, QLabel, QWidget

from clientjournal.coach import Action, CoachState
from clientjournal.coach.merge import TELLING_ACTIONS
from clientjournal.services.changes import VaultChanges
from clientjournal.services.coaching import told_entry_ids
from clientjournal.ui.coach.data import log_plan
from clientjournal.ui.coach.dialogs import DraftDialog, SnoozeDialog
from clientjournal.ui.dates import day_full_month
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.entry_linked import LinkedEntryDialog, MarkTold

if TYPE_CHECKING:
    from clientjournal.domain import Entry
    from clientjournal.services.coaching import ClientCoach
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Clock
    from clientjournal.ui.operations import Operations

SessionSource = Callable[[], "VaultSession | None"]


class CoachButtons(QWidget):
    """The card buttons' behaviour; the sidebar provides the state below, its scope (``scope.py``) :meth:`refresh`."""

    edit_client_requested = Signal(str)
    """Open this client's card (to record a preferred channel and update rhythm)."""

    _ops: Operations
    _clock: Clock
    _session: SessionSource
    _coach: ClientCoach | None
    _dialogs: list[QDialog]
    _undo_state: CoachState | None
    last_dialog: QDialog | None
    entry_dialog_opener: Callable[[EntryDialog], None] | None
    undo_bar: QFrame
    undo_text: QLabel

    def refresh(self) -> None:
        raise NotImplementedError

    def _failed(self, exc: BaseException) -> None:
        raise NotImplementedError

    def _keep(self, dialog: QDialog) -> QDialog:
        self._dialogs.append(dialog)
        self.last_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)
        dialog.deleteLater()

    def log_it(self, action: Action) -> QDialog | None:
        """Open the entry dialog prefilled to record doing ``action`` (or the client's card for step 1)."""
        coach = self._coach
        if coach is None or self._session() is None:
            return None
        if action.action == "agree_channel_cadence":
            self.edit_client_requested.emit(action.client)
            return None
        plan = log_plan(action, coach.journal, self._clock().date())
        telling = action.action in TELLING_ACTIONS
        options: dict[str, Any] = {
            "client_id": coach.client.id,
            "projects": coach.journal.projects,
            "entry": plan.edit,
            "parent": self.window(),
        }
        dialog = (
            # Saved by the window's editor, the told marks are part of the save's undo step.
            LinkedEntryDialog(self._clock, [coach.client], follow_up=_told_by(action), **options)
            if telling and self.entry_dialog_opener is not None
            else EntryDialog(self._clock, [coach.client], **options)
        )
        if plan.edit is None:
            dialog.kind.setCurrentIndex(max(0, dialog.kind.findData(plan.kind)))
            dialog.channel.setCurrentIndex(max(0, dialog.channel.findData(plan.channel)))
            dialog.project.setCurrentIndex(max(0, dialog.project.findData(plan.project_id)))
            dialog.text.setPlainText(plan.text + "\n")
            cursor = dialog.text.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            dialog.text.setTextCursor(cursor)
        elif plan.promise_status is not None:
            dialog.status.setCurrentIndex(max(0, dialog.status.findData(plan.promise_status)))
        self.last_dialog = dialog
        if telling and not isinstance(dialog, LinkedEntryDialog):
            dialog.accepted.connect(lambda: self._mark_told(action, dialog.saved_entry))
        if self.entry_dialog_opener is not None:
            self.entry_dialog_opener(dialog)  # the window saves it (undo stack, autosaved drafts)
        else:
            self._keep(dialog).open()
        return dialog

    def _mark_told(self, action: Action, logged: Entry | None) -> None:
        """The conversation was logged: the setbacks and solved problems it told the client about say so."""
        if logged is None or self._session() is None:
            return
        self._ops.change(
            lambda session: session.coaching.mark_told(action, logged),
            VaultChanges.of_entries({action.client}),
        ).failure(self._failed).run()

    def draft(self, action: Action) -> DraftDialog | None:
        coach = self._coach
        if coach is None:
            return None
        client = coach.client
        language = coach.writes_in
        dialog = DraftDialog(
            coach.draft(action, language),
            client_name=client.name,
            email=client.email,
            language=language,
            redraft=lambda chosen: coach.draft(action, chosen),
            parent=self.window(),
        )
        self._keep(dialog).open()
        return dialog

    def snooze(self, action: Action) -> SnoozeDialog:
        dialog = SnoozeDialog(self._clock().date(), action.title, self.window())
        dialog.accepted.connect(lambda: self.snooze_until(action, dialog.until()))
        self._keep(dialog).open()
        return dialog

    def snooze_until(self, action: Action, until: date) -> None:
        when = day_full_month(QLocale(), until)
        self._change_state(
            lambda settings: settings.snooze(action.key, until),
            self.tr("Snoozed until %1.").replace("%1", when),
        )

    def dismiss(self, action: Action) -> None:
        self._change_state(lambda settings: settings.dismiss(action.key), self.tr("Dismissed."))

    def _change_state(self, change: Callable[..., object], done_text: str) -> None:
        if self._session() is None:
            return

        def job(session: VaultSession) -> CoachState:
            before = session.settings.coach_state()
            change(session.settings)
            return before

        def done(before: CoachState) -> None:
            self._undo_state = before
            self.undo_text.setText(done_text)
            self.undo_bar.show()

        # The announced change refreshes the sidebar (and the reminders), like any other write.
        self._ops.change(job, VaultChanges(settings=True)).success(done).failure(self._failed).run()

    def undo(self) -> None:
        state = self._undo_state
        if self._session() is None or state is None:
            return
        self._undo_state = None
        self.undo_bar.hide()
        self._ops.change(lambda s: s.settings.save_coach_state(state), VaultChanges(settings=True)).failure(
            self._failed
        ).run()


def _told_by(action: Action) -> MarkTold:
    """The follow-up of logging ``action``'s conversation: the setback or solved problem it told is marked told,
    as :meth:`CoachingService.tell` would; kept as ids, so the dialog's autosave brings it back after a lock."""
    return MarkTold(action.client, told_entry_ids(action))
