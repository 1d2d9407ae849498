"""Writing or editing one journal entry: kind, channel, time, project, moods, text and promise.

The dialog is built in layers, each in its own module: the form (:mod:`~clientjournal.ui.entry_form`), the fields
that follow the kind of entry (:mod:`~clientjournal.ui.entry_kinds`), the autosave
(:mod:`~clientjournal.ui.entry_autosave`), and here the entry it makes and how Save stores it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from clientjournal.domain import (
    DEFAULT_MOODS,
    Client,
    Entry,
    EntryKind,
    MoodTag,
    Project,
    Promise,
    PromiseStatus,
)
from clientjournal.domain.entities import new_id
from clientjournal.ui.entry_autosave import EntryAutosave
from clientjournal.ui.errors import describe_error
from clientjournal.ui.widgets import fit_window_title

if TYPE_CHECKING:
    from clientjournal.services.vault import Clock

Saver = Callable[[Entry, Callable[[Entry], None], Callable[[BaseException], None]], None]
"""Saves an entry in the background, then calls ``on_saved(stored)`` or ``on_failed(exc)`` on the GUI thread."""


class EntryDialog(EntryAutosave):
    """A new entry for one of ``clients`` (preselected ``client_id``), or an edit of ``entry``.

    Without a saver, Save simply accepts and the caller stores :meth:`entry`. With one (:meth:`set_saver`), Save
    stores the entry first and the dialog closes only when that worked, so a failed save (say, the entry was
    changed on another device) leaves the user's text in front of them.
    """

    def __init__(
        self,
        clock: Clock,
        clients: Sequence[Client],
        *,
        client_id: str | None = None,
        projects: Sequence[Project] = (),
        entry: Entry | None = None,
        moods: Sequence[MoodTag] = DEFAULT_MOODS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            clock, clients, client_id=client_id, projects=projects, entry=entry, moods=moods, parent=parent
        )
        self._saver: Saver | None = None
        self._saving = False
        self.saved_entry: Entry | None = None
        """The stored entry, once a saver has saved it."""
        self.keep_autosave = False
        """Set when the dialog closes without the user discarding it (the vault locks): keep the autosave."""
        self.autosave_bar.restore_clicked.connect(self._restore_offered)
        self.autosave_bar.discard_clicked.connect(self._discard_offered)
        self.client.currentIndexChanged.connect(self._client_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.channel.activated.connect(self._channel_picked)  # the user's own choice, never a program's
        self._fill(entry, clients)
        self._show_kind_fields()
        self.text.setFocus()
        self._pristine = self.autosave_data()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Return in a field never saves half an entry: Save (or Ctrl+Return) does. A focused button
            # handles Return itself before it gets here.
            event.accept()
            return
        super().keyPressEvent(event)

    # ---- result --------------------------------------------------------------------------------------------------

    def entry(self) -> Entry:
        kind = EntryKind(self.kind.currentData())
        promise = None
        if kind is EntryKind.PROMISE:
            status = PromiseStatus(self.status.currentData())
            qdue = self.due.date()
            resolved: date | None = None
            if status.is_resolved:
                previous = self._original.promise if self._original is not None else None
                resolved = (
                    previous.resolved_on
                    if previous is not None and previous.resolved_on is not None
                    else self._clock().date()
                )
            title = self.promise_title.text().strip()
            promise = Promise(date(qdue.year(), qdue.month(), qdue.day()), status, resolved, title)
        values = {
            "occurred_at": self.occurred_at(),
            "kind": kind,
            "text": self.text.toPlainText().strip(),
            "channel": self.channel.currentData(),
            "moods": self.selected_moods(),
            "project_id": self.project.currentData(),
            "promise": promise,
            "client_told_at": self._told_moment(),
        }
        if self._original is None:
            return Entry(id=new_id(), client_id=self.client.currentData(), **values)  # type: ignore[arg-type, unused-ignore]
        return replace(self._original, **values)  # type: ignore[arg-type, unused-ignore]

    def is_dirty(self) -> bool:
        return self.autosave_data() != self._pristine

    def confirm_discard(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Discard entry — ClientJournal"))
        box.setText(self.tr("Close without saving? What you wrote here will be lost."))
        box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        fit_window_title(box)
        return box.exec() == QMessageBox.StandardButton.Discard

    def set_saver(self, saver: Saver | None) -> None:
        self._saver = saver

    @property
    def saving(self) -> bool:
        return self._saving

    def accept(self) -> None:
        if self._saving:
            return
        if self.client.currentData() is None:
            self.message.show_error(self.tr("Add a client first: every entry belongs to a client."))
            return
        if not self.text.toPlainText().strip():
            # Nothing is saved and nothing is lost: the moods and fields stay as they are.
            self.message.show_error(self.tr("Write what happened first: an entry needs a few words."))
            self.text.setFocus()
            return
        if self._saver is None:
            super().accept()
            return
        self._set_saving(True)
        self.message.clear_message()
        self._saver(self.entry(), self._saved, self._save_failed)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.buttons.setEnabled(not saving)

    def _saved(self, stored: Entry) -> None:
        self._set_saving(False)
        self.saved_entry = stored
        super().accept()

    def _save_failed(self, exc: BaseException) -> None:
        from clientjournal.errors import ConcurrentEditError

        self._set_saving(False)
        if isinstance(exc, ConcurrentEditError):
            self.message.show_error(
                self.tr(
                    "This entry was changed somewhere else (another window or device) after you opened it, "
                    "so it was not saved. Your text is still here and autosaved: copy what you need, "
                    "close this window, open the entry again and apply your changes."
                )
            )
        else:
            self.message.show_error(describe_error(exc))
        self.text.setFocus()

    def reject(self) -> None:
        if self._saving:
            return
        if self.is_dirty() and self.text.toPlainText().strip() and not self.confirm_discard():
            return
        super().reject()
