"""Writing or editing one journal entry: kind, channel, time, project, moods, text and promise."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clientjournal.domain import (
    DEFAULT_MOODS,
    Channel,
    Client,
    Entry,
    EntryKind,
    MoodTag,
    Project,
    Promise,
    PromiseStatus,
)
from clientjournal.domain.entities import new_id
from clientjournal.services.autosave import autosave_key
from clientjournal.ui.autosave_bar import AutosaveBar
from clientjournal.ui.date_fields import (
    TIME_FORMAT,
    ToldField,
    TypedDateEdit,
    TypedDateTimeEdit,
    local_moment,
    to_qdatetime,
    wall_of,
)
from clientjournal.ui.errors import describe_error
from clientjournal.ui.labels import channel_label, kind_label, promise_status_label
from clientjournal.ui.mood_picker import MoodPicker
from clientjournal.ui.widgets import MessageLabel, fit_window_title, heading, mark_primary

if TYPE_CHECKING:
    from clientjournal.services.vault import Clock
    from clientjournal.ui.operations import Operations

AUTOMATIC_CHANNELS: dict[EntryKind, Channel] = {
    EntryKind.CALL: Channel.PHONE,
    EntryKind.MEETING: Channel.MEETING,
    EntryKind.EMAIL: Channel.EMAIL,
    EntryKind.MESSAGE: Channel.MESSAGE,
}
"""The channel a kind of contact implies, set for the user until they choose a channel themselves."""
TOLD_KINDS = (EntryKind.SETBACK, EntryKind.PROBLEM_SOLVED)
"""Kinds of entry the client has to hear about: the dialog asks whether (and when) they were told."""

Saver = Callable[[Entry, Callable[[Entry], None], Callable[[BaseException], None]], None]
"""Saves an entry in the background, then calls ``on_saved(stored)`` or ``on_failed(exc)`` on the GUI thread."""


class EntryDialog(QDialog):
    """A new entry for one of ``clients`` (preselected ``client_id``), or an edit of ``entry``.

    Without a saver, Save simply accepts and the caller stores :meth:`entry`. With one (:meth:`set_saver`), Save
    stores the entry first and the dialog closes only when that worked, so a failed save (say, the entry was
    changed on another device) leaves the user's text in front of them.
    """

    autosave_discarded = Signal()
    """The user threw away an autosave offered in the autosave bar."""
    autosave_restored = Signal()

    def __init__(  # noqa: PLR0915 - a form, built top to bottom
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
        super().__init__(parent)
        self._clock = clock
        self._original = entry
        self._projects = list(projects)
        self._clients = list(clients)
        self._saver: Saver | None = None
        self._saving = False
        self._offered: Mapping[str, Any] | None = None
        self._shown_moment: datetime | None = None
        self._shown_wall: datetime | None = None
        self._default_channel: Channel | None = None
        self._channel_chosen = entry is not None and entry.channel is not None
        """Whether the channel is the user's (or the stored entry's): then a change of kind leaves it alone."""
        self.saved_entry: Entry | None = None
        """The stored entry, once a saver has saved it."""
        self.keep_autosave = False
        """Set when the dialog closes without the user discarding it (the vault locks): keep the autosave."""
        self.setObjectName("entryDialog")
        self.setWindowTitle(
            self.tr("New entry — ClientJournal") if entry is None else self.tr("Edit entry — ClientJournal")
        )
        self.setMinimumWidth(560)
        fit_window_title(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(
            heading(self.tr("New entry") if entry is None else self.tr("Edit entry"), self, level=2)
        )
        self.autosave_bar = AutosaveBar(self)
        self.autosave_bar.restore_clicked.connect(self._restore_offered)
        self.autosave_bar.discard_clicked.connect(self._discard_offered)
        self.autosave_label = self.autosave_bar.label
        self.restore_autosave_button = self.autosave_bar.restore_button
        self.discard_autosave_button = self.autosave_bar.discard_button
        layout.addWidget(self.autosave_bar)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.client = QComboBox(self)
        self.client.setAccessibleName(self.tr("Client"))
        for client in clients:
            self.client.addItem(client.name, client.id)
        chosen = entry.client_id if entry is not None else client_id
        if chosen is not None and self.client.findData(chosen) >= 0:
            self.client.setCurrentIndex(self.client.findData(chosen))
        self.client.setEnabled(entry is None and len(clients) > 1)
        self.client.currentIndexChanged.connect(self._client_changed)
        form.addRow(self.tr("C&lient:"), self.client)

        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind"))
        for kind in EntryKind:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("&Kind:"), self.kind)

        self.channel = QComboBox(self)
        self.channel.setAccessibleName(self.tr("Channel"))
        self.channel.addItem(self.tr("None (private note)"), None)
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel)
        self.channel.activated.connect(self._channel_picked)  # the user's own choice, never a program's
        form.addRow(self.tr("C&hannel:"), self.channel)

        self.when = TypedDateTimeEdit(self)
        self.when.setAccessibleName(self.tr("Date and time"))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(TIME_FORMAT)
        form.addRow(self.tr("&When:"), self.when)

        self.project = QComboBox(self)
        self.project.setAccessibleName(self.tr("Project"))
        form.addRow(self.tr("&Project:"), self.project)

        self.moods = MoodPicker(moods, self)
        form.addRow(self.tr("Client's &mood:"), self.moods)
        layout.addLayout(form)

        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("Entry text"))
        self.text.setPlaceholderText(self.tr("What happened, what was said, what you noticed…"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(120)
        layout.addWidget(self.text, 1)
        self.told = ToldField(self.when.dateTime, self)
        layout.addWidget(self.told)

        self.promise_box = QGroupBox(self.tr("Promise"), self)
        promise_form = QFormLayout(self.promise_box)
        self.promise_title = QLineEdit(self.promise_box)
        self.promise_title.setAccessibleName(self.tr("Promise title"))
        self.promise_title.setPlaceholderText(self.tr("A short name, e.g. Send the revised quote"))
        self.promise_title.setMaxLength(120)
        promise_form.addRow(self.tr("Short &title:"), self.promise_title)
        self.due = TypedDateEdit(self.promise_box)
        self.due.setAccessibleName(self.tr("Promise due date"))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        promise_form.addRow(self.tr("&Due:"), self.due)
        self.status = QComboBox(self.promise_box)
        self.status.setAccessibleName(self.tr("Promise status"))
        for status in PromiseStatus:
            self.status.addItem(promise_status_label(status), status)
        promise_form.addRow(self.tr("&Status:"), self.status)
        layout.addWidget(self.promise_box)

        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        mark_primary(self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        for combo in (self.client, self.kind, self.channel, self.project):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
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

    # ---- autosaves --------------------------------------------------------------------------------------------------

    def autosave_key(self) -> str:
        """Which autosave belongs to this dialog: the client's new entry, or this entry's edit."""
        return autosave_key(self.client.currentData(), self._original.id if self._original else None)

    def autosave_data(self) -> dict[str, Any]:
        """Everything typed so far, as plain JSON values (stored encrypted in the vault)."""
        qdue = self.due.date()
        return {
            "client_id": self.client.currentData(),
            "entry_id": self._original.id if self._original is not None else None,
            "kind": str(self.kind.currentData()),
            "channel": self.channel.currentData(),
            "occurred_at": self.occurred_at().isoformat(),
            "project_id": self.project.currentData(),
            "moods": list(self.selected_moods()),
            "text": self.text.toPlainText(),
            "promise_due_on": date(qdue.year(), qdue.month(), qdue.day()).isoformat(),
            "promise_status": str(self.status.currentData()),
            "promise_title": self.promise_title.text(),
            "client_told_at": told.isoformat() if (told := self._told_moment()) is not None else None,
        }

    def apply_autosave(self, data: Mapping[str, Any]) -> None:
        """Fill the form from :meth:`autosave_data` output (unknown or stale values are skipped)."""
        client = self.client.findData(data.get("client_id"))
        if client >= 0 and self._original is None:
            self.client.setCurrentIndex(client)
        for combo, key in ((self.kind, "kind"), (self.channel, "channel"), (self.status, "promise_status")):
            found = combo.findData(data.get(key))
            if found >= 0:
                combo.setCurrentIndex(found)
        with contextlib.suppress(KeyError, ValueError):
            self._show_moment(datetime.fromisoformat(str(data["occurred_at"])))
        if data.get("project_id") is not None:
            self._fill_projects(str(data["project_id"]))
        self.set_moods([str(name) for name in data.get("moods", ())])
        self.text.setPlainText(str(data.get("text", "")))
        self.promise_title.setText(str(data.get("promise_title") or ""))
        try:
            due = date.fromisoformat(str(data["promise_due_on"]))
            self.due.setDate(QDate(due.year, due.month, due.day))
        except (KeyError, ValueError):
            pass
        told: datetime | None = None
        with contextlib.suppress(TypeError, ValueError):
            told = datetime.fromisoformat(str(data.get("client_told_at")))
        self.told.show_moment(told)
        # A channel the autosave holds that the kind would not have set was the user's choice.
        self._channel_chosen |= self.channel.currentData() != self._automatic_channel()
        self._kind_changed()

    def offer_autosave(self, data: Mapping[str, Any], saved_at: str = "") -> None:
        """Show the bar that offers an autosaved entry; Restore fills the form, Discard forgets it."""
        self._offered = data
        self.autosave_bar.offer(saved_at)

    def show_restored(self, data: Mapping[str, Any]) -> None:
        """Fill the form from an autosave right away and say so (used after unlocking)."""
        self.apply_autosave(data)
        self._offered = data
        self.autosave_bar.report_restored()

    def _restore_offered(self) -> None:
        if self._offered is not None:
            self.apply_autosave(self._offered)
        self.autosave_bar.setVisible(False)
        self.text.setFocus()
        self.autosave_restored.emit()

    def _discard_offered(self) -> None:
        if not self.autosave_bar.offering and self._offered is not None:
            # The restored autosave goes: back to the form as it was first opened.
            if self._original is None:
                self.kind.setCurrentIndex(0)
                self.text.clear()
                self.set_moods(())
                self.promise_title.clear()
            original = self._original
            self._channel_chosen = original is not None and original.channel is not None
            self._fill(original, self._clients)
            self._show_kind_fields()
        self._offered = None
        self.autosave_bar.setVisible(False)
        self.autosave_discarded.emit()

    # ---- filling -------------------------------------------------------------------------------------------------

    def _fill(self, entry: Entry | None, clients: Sequence[Client]) -> None:
        now = self._clock()
        if entry is None:
            # The clock says when "now" is; the time is typed (and read back) as the system zone's wall time.
            # Seconds kept (the field shows minutes): two entries written in the same minute list in that order.
            self._show_moment(now.astimezone().replace(microsecond=0))
            self._default_channel = self._preferred_channel()
            self.channel.setCurrentIndex(max(0, self.channel.findData(self._automatic_channel())))
            due = now.date() + timedelta(days=7)
            self.due.setDate(QDate(due.year, due.month, due.day))
            self._fill_projects(None, pick_the_only_one=True)
            self.told.show_moment(None)
            return
        self.kind.setCurrentIndex(self.kind.findData(entry.kind))
        self.channel.setCurrentIndex(max(0, self.channel.findData(entry.channel)))
        self._show_moment(entry.occurred_at)
        self._fill_projects(entry.project_id)
        self.set_moods(entry.moods)
        self.text.setPlainText(entry.text)
        self.told.show_moment(entry.client_told_at)
        if entry.promise is not None:
            due = entry.promise.due_on
            self.due.setDate(QDate(due.year, due.month, due.day))
            self.status.setCurrentIndex(self.status.findData(entry.promise.status))
            self.promise_title.setText(entry.promise.title)

    def _preferred_channel(self) -> Channel | None:
        client = next((c for c in self._clients if c.id == self.client.currentData()), None)
        return client.preferred_channel if client is not None else None

    def _automatic_channel(self) -> Channel | None:
        """The channel the kind implies (a call is by phone), else the client's preferred one."""
        return AUTOMATIC_CHANNELS.get(self.kind.currentData(), self._default_channel)

    def _channel_picked(self) -> None:
        self._channel_chosen = True

    def _fill_projects(self, keep: str | None, *, pick_the_only_one: bool = False) -> None:
        self.project.clear()
        self.project.addItem(self.tr("No project"), None)
        client_id = self.client.currentData()
        for project in self._projects:
            if project.client_id == client_id:
                self.project.addItem(project.title, project.id)
        if keep is None and pick_the_only_one and self.project.count() == 2:
            self.project.setCurrentIndex(1)  # a client's only project is almost always the one meant
        if keep is not None:
            if self.project.findData(keep) < 0:
                self.project.addItem(keep, keep)  # a project this dialog was not given: keep the link
            self.project.setCurrentIndex(self.project.findData(keep))
        self.project.setEnabled(self.project.count() > 1)

    def _client_changed(self) -> None:
        self._fill_projects(None, pick_the_only_one=self._original is None)
        if self._original is None:
            self._default_channel = self._preferred_channel()
            self._kind_changed()

    def _show_kind_fields(self) -> None:
        kind = self.kind.currentData()
        self.promise_box.setVisible(kind == EntryKind.PROMISE)
        self.told.setVisible(kind in TOLD_KINDS)

    def _kind_changed(self) -> None:
        self._show_kind_fields()
        if not self._channel_chosen:
            self.channel.setCurrentIndex(max(0, self.channel.findData(self._automatic_channel())))

    # ---- telling the client --------------------------------------------------------------------------------------

    def _told_moment(self) -> datetime | None:
        """When the client was told, for a kind they have to hear about; None when not told (yet)."""
        if self.kind.currentData() not in TOLD_KINDS:
            return None
        return self.told.moment(lambda wall: self.occurred_at() if wall == self._wall_time() else None)

    # ---- result --------------------------------------------------------------------------------------------------

    def selected_moods(self) -> tuple[str, ...]:
        return self.moods.selected()

    def set_moods(self, names: Sequence[str]) -> None:
        self.moods.set_selected(names)

    def set_mood_catalogue(self, moods: Sequence[MoodTag]) -> None:
        """Offer ``moods`` (the vault's catalogue: the default tags and the user's own), keeping what is ticked."""
        self.moods.set_catalogue(moods)

    def load_mood_catalogue(self, ops: Operations) -> None:
        """Read the vault's mood catalogue in the background and offer it (the defaults show until then)."""
        key = (self, "moods")
        # The dialog may be closed and deleted before the answer arrives; then nobody is left to show it.
        self.destroyed.connect(lambda: ops.supersede(key))
        ops.query(lambda s: list(s.coaching.mood_catalogue().values()), key=key).success(
            self.set_mood_catalogue
        ).run(quiet=True)

    def _show_moment(self, moment: datetime) -> None:
        if moment.tzinfo is None:  # a hand-edited or old autosave: read it as the wall time it shows
            moment = local_moment(moment)
        self.when.setDateTime(to_qdatetime(moment))
        self._shown_moment = moment
        self._shown_wall = self._wall_time()

    def _wall_time(self) -> datetime:
        return wall_of(self.when)

    def occurred_at(self) -> datetime:
        """When it happened: the chosen local date and time, with the system zone's UTC offset on that date."""
        wall = self._wall_time()
        if self._shown_moment is not None and wall == self._shown_wall:
            # Untouched: keep the moment exactly as stored (seconds, and the offset it was written with, say
            # while travelling), so editing only the text never moves an entry in time.
            return self._shown_moment
        return local_moment(wall)

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

    @property
    def original(self) -> Entry | None:
        """The entry being edited, as it was opened (None for a new entry)."""
        return self._original

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
