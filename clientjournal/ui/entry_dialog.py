"""Writing or editing one journal entry: kind, channel, time, project, moods, text and promise."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
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
from clientjournal.ui.errors import describe_error
from clientjournal.ui.labels import channel_label, kind_label, mood_label, promise_status_label
from clientjournal.ui.widgets import MessageLabel, MoodChip, heading, mark_primary

if TYPE_CHECKING:
    from clientjournal.services.vault import Clock

_CHIPS_PER_ROW = 4

Saver = Callable[[Entry, Callable[[Entry], None], Callable[[BaseException], None]], None]
"""Saves an entry in the background, then calls ``on_saved(stored)`` or ``on_failed(exc)`` on the GUI thread."""


def _to_qdatetime(moment: datetime) -> QDateTime:
    offset = moment.utcoffset() or timedelta()
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute),
        QTimeZone.fromSecondsAheadOfUtc(int(offset.total_seconds())),
    )


def local_moment(wall: datetime) -> datetime:
    """The naive wall time ``wall`` in the system time zone, with the UTC offset that zone has on that day.

    A wall time that does not exist (the hour skipped when clocks spring forward) becomes the moment it would
    have been had the clocks not changed yet, shown an hour later; one that happens twice (clocks falling back)
    is the first of the two. Qt follows the OS zone rules here, as the date/time field itself does.
    """
    chosen = QDateTime(
        QDate(wall.year, wall.month, wall.day),
        QTime(wall.hour, wall.minute, wall.second),
        QTimeZone(QTimeZone.Initialization.LocalTime),
    )
    if not chosen.isValid():  # outside what Qt can map; Python's own rules are the next best answer
        return wall.astimezone()
    offset = timezone(timedelta(seconds=chosen.offsetFromUtc()))
    return datetime.fromtimestamp(chosen.toSecsSinceEpoch(), offset)


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
        self.saved_entry: Entry | None = None
        """The stored entry, once a saver has saved it."""
        self.keep_autosave = False
        """Set when the dialog closes without the user discarding it (the vault locks): keep the autosave."""
        self.setObjectName("entryDialog")
        self.setWindowTitle(
            self.tr("New entry — ClientJournal") if entry is None else self.tr("Edit entry — ClientJournal")
        )
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(
            heading(self.tr("New entry") if entry is None else self.tr("Edit entry"), self, level=2)
        )
        layout.addWidget(self._build_autosave_bar())
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
        form.addRow(self.tr("C&hannel:"), self.channel)

        self.when = QDateTimeEdit(self)
        self.when.setAccessibleName(self.tr("Date and time"))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd  HH:mm")
        form.addRow(self.tr("&When:"), self.when)

        self.project = QComboBox(self)
        self.project.setAccessibleName(self.tr("Project"))
        form.addRow(self.tr("&Project:"), self.project)

        self._chips: list[MoodChip] = []
        chips = QVBoxLayout()
        chips.setSpacing(6)
        row = QHBoxLayout()
        for position, mood in enumerate(moods):
            if position and position % _CHIPS_PER_ROW == 0:
                row.addStretch(1)
                chips.addLayout(row)
                row = QHBoxLayout()
            chip = MoodChip(mood.name, mood_label(mood.name), mood.colour, self)
            row.addWidget(chip)
            self._chips.append(chip)
        row.addStretch(1)
        chips.addLayout(row)
        form.addRow(self.tr("Client's mood:"), chips)
        layout.addLayout(form)

        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("Entry text"))
        self.text.setPlaceholderText(self.tr("What happened, what was said, what you noticed…"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(120)
        layout.addWidget(self.text, 1)

        self.promise_box = QGroupBox(self.tr("Promise"), self)
        promise_form = QFormLayout(self.promise_box)
        self.due = QDateEdit(self.promise_box)
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
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)

        for combo in (self.client, self.kind, self.channel, self.project):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fill(entry, clients)
        self._kind_changed()
        self.text.setFocus()
        self._pristine = self.autosave_data()

    def _build_autosave_bar(self) -> QFrame:
        bar = QFrame(self)
        bar.setObjectName("autosaveBar")
        bar.setStyleSheet(
            "QFrame#autosaveBar { background: rgba(59, 111, 212, 0.10);"
            " border: 1px solid rgba(59, 111, 212, 0.30); border-radius: 6px; }"
        )
        row = QHBoxLayout(bar)
        row.setContentsMargins(10, 6, 6, 6)
        self.autosave_label = QLabel(bar)
        self.autosave_label.setWordWrap(True)
        row.addWidget(self.autosave_label, 1)
        self.restore_autosave_button = QPushButton(self.tr("&Restore"), bar)
        self.restore_autosave_button.setAccessibleName(self.tr("Restore the unsaved draft"))
        self.restore_autosave_button.clicked.connect(self._restore_offered)
        self.discard_autosave_button = QPushButton(self.tr("D&iscard draft"), bar)
        self.discard_autosave_button.setAccessibleName(self.tr("Discard the unsaved draft"))
        self.discard_autosave_button.clicked.connect(self._discard_offered)
        row.addWidget(self.restore_autosave_button)
        row.addWidget(self.discard_autosave_button)
        bar.setVisible(False)
        self.autosave_bar = bar
        return bar

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
        try:
            due = date.fromisoformat(str(data["promise_due_on"]))
            self.due.setDate(QDate(due.year, due.month, due.day))
        except (KeyError, ValueError):
            pass
        self._kind_changed()

    def offer_autosave(self, data: Mapping[str, Any], saved_at: str = "") -> None:
        """Show the bar that offers an autosaved entry; Restore fills the form, Discard forgets it."""
        self._offered = data
        when = ""
        try:
            moment = datetime.fromisoformat(saved_at)
            when = moment.strftime("%Y-%m-%d %H:%M")
        except ValueError:
            pass
        self.autosave_label.setText(
            self.tr("You have an unsaved draft from %1.").replace("%1", when)
            if when
            else self.tr("You have an unsaved draft.")
        )
        self.restore_autosave_button.setVisible(True)
        self.autosave_bar.setVisible(True)

    def show_restored(self, data: Mapping[str, Any]) -> None:
        """Fill the form from an autosave right away and say so (used after unlocking)."""
        self.apply_autosave(data)
        self._offered = data
        self.autosave_label.setText(self.tr("Your unsaved entry was restored."))
        self.restore_autosave_button.setVisible(False)
        self.autosave_bar.setVisible(True)

    def _restore_offered(self) -> None:
        if self._offered is not None:
            self.apply_autosave(self._offered)
        self.autosave_bar.setVisible(False)
        self.text.setFocus()
        self.autosave_restored.emit()

    def _discard_offered(self) -> None:
        if self.restore_autosave_button.isHidden() and self._offered is not None:
            # The restored autosave goes: back to the form as it was first opened.
            if self._original is None:
                self.kind.setCurrentIndex(0)
                self.text.clear()
                self.set_moods(())
            self._fill(self._original, self._clients)
            self._kind_changed()
        self._offered = None
        self.autosave_bar.setVisible(False)
        self.autosave_discarded.emit()

    # ---- filling -------------------------------------------------------------------------------------------------

    def _fill(self, entry: Entry | None, clients: Sequence[Client]) -> None:
        now = self._clock()
        if entry is None:
            # The clock says when "now" is; the time is typed (and read back) as the system zone's wall time.
            self._show_moment(now.astimezone().replace(second=0, microsecond=0))
            client = next((c for c in clients if c.id == self.client.currentData()), None)
            if client is not None and client.preferred_channel is not None:
                self.channel.setCurrentIndex(self.channel.findData(client.preferred_channel))
            due = now.date() + timedelta(days=7)
            self.due.setDate(QDate(due.year, due.month, due.day))
            self._fill_projects(None)
            return
        self.kind.setCurrentIndex(self.kind.findData(entry.kind))
        self.channel.setCurrentIndex(max(0, self.channel.findData(entry.channel)))
        self._show_moment(entry.occurred_at)
        self._fill_projects(entry.project_id)
        for chip in self._chips:
            chip.setChecked(chip.mood in entry.moods)
        self.text.setPlainText(entry.text)
        if entry.promise is not None:
            due = entry.promise.due_on
            self.due.setDate(QDate(due.year, due.month, due.day))
            self.status.setCurrentIndex(self.status.findData(entry.promise.status))

    def _fill_projects(self, keep: str | None) -> None:
        self.project.clear()
        self.project.addItem(self.tr("No project"), None)
        client_id = self.client.currentData()
        for project in self._projects:
            if project.client_id == client_id:
                self.project.addItem(project.title, project.id)
        if keep is not None:
            if self.project.findData(keep) < 0:
                self.project.addItem(keep, keep)  # a project this dialog was not given: keep the link
            self.project.setCurrentIndex(self.project.findData(keep))
        self.project.setEnabled(self.project.count() > 1)

    def _client_changed(self) -> None:
        self._fill_projects(None)

    def _kind_changed(self) -> None:
        self.promise_box.setVisible(self.kind.currentData() == EntryKind.PROMISE)

    # ---- result --------------------------------------------------------------------------------------------------

    def selected_moods(self) -> tuple[str, ...]:
        return tuple(chip.mood for chip in self._chips if chip.isChecked())

    def set_moods(self, names: Sequence[str]) -> None:
        for chip in self._chips:
            chip.setChecked(chip.mood in names)

    def _show_moment(self, moment: datetime) -> None:
        if moment.tzinfo is None:  # a hand-edited or old autosave: read it as the wall time it shows
            moment = local_moment(moment)
        self.when.setDateTime(_to_qdatetime(moment))
        self._shown_moment = moment
        self._shown_wall = self._wall_time()

    def _wall_time(self) -> datetime:
        chosen = self.when.dateTime()
        day, moment = chosen.date(), chosen.time()
        return datetime(day.year(), day.month(), day.day(), moment.hour(), moment.minute())

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
            promise = Promise(date(qdue.year(), qdue.month(), qdue.day()), status, resolved)
        values = {
            "occurred_at": self.occurred_at(),
            "kind": kind,
            "text": self.text.toPlainText().strip(),
            "channel": self.channel.currentData(),
            "moods": self.selected_moods(),
            "project_id": self.project.currentData(),
            "promise": promise,
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
        if not self.text.toPlainText().strip() and not self.selected_moods():
            self.message.show_error(self.tr("Write a few words, or pick the client's mood."))
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
                    "so it was not saved. Your text is still here and kept as a draft: copy what you need, "
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
