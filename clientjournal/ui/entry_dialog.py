"""Writing or editing one journal entry: kind, channel, time, project, moods, text and promise."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
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
from clientjournal.domain.models import new_id
from clientjournal.ui.labels import channel_label, kind_label, mood_label, promise_status_label
from clientjournal.ui.vaultops import Clock
from clientjournal.ui.widgets import MessageLabel, MoodChip, heading, mark_primary

_CHIPS_PER_ROW = 4


def _to_qdatetime(moment: datetime) -> QDateTime:
    offset = moment.utcoffset() or timedelta()
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute),
        QTimeZone.fromSecondsAheadOfUtc(int(offset.total_seconds())),
    )


class EntryDialog(QDialog):
    """A new entry for one of ``clients`` (preselected ``client_id``), or an edit of ``entry``."""

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

    # ---- filling -------------------------------------------------------------------------------------------------

    def _fill(self, entry: Entry | None, clients: Sequence[Client]) -> None:
        now = self._clock()
        if entry is None:
            self.when.setDateTime(_to_qdatetime(now))
            client = next((c for c in clients if c.id == self.client.currentData()), None)
            if client is not None and client.preferred_channel is not None:
                self.channel.setCurrentIndex(self.channel.findData(client.preferred_channel))
            due = now.date() + timedelta(days=7)
            self.due.setDate(QDate(due.year, due.month, due.day))
            self._fill_projects(None)
            return
        self.kind.setCurrentIndex(self.kind.findData(entry.kind))
        self.channel.setCurrentIndex(max(0, self.channel.findData(entry.channel)))
        self.when.setDateTime(_to_qdatetime(entry.occurred_at))
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

    def occurred_at(self) -> datetime:
        """The chosen local wall time, in the offset of the clock's time zone."""
        chosen = self.when.dateTime()
        day, moment = chosen.date(), chosen.time()
        zone = self._clock().tzinfo
        return datetime(day.year(), day.month(), day.day(), moment.hour(), moment.minute(), tzinfo=zone)

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

    def accept(self) -> None:
        if self.client.currentData() is None:
            self.message.show_error(self.tr("Add a client first: every entry belongs to a client."))
            return
        if not self.text.toPlainText().strip() and not self.selected_moods():
            self.message.show_error(self.tr("Write a few words, or pick the client's mood."))
            self.text.setFocus()
            return
        super().accept()
