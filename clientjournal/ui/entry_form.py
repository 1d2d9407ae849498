"""The entry dialog's form: its widgets built top to bottom, the moods, and the moment it shows.

:class:`EntryForm` lays out the fields; :class:`~clientjournal.ui.entry_kinds.EntryKindFields` makes them follow
the kind of entry, :class:`~clientjournal.ui.entry_autosave.EntryAutosave` offers and restores autosaves, and
:class:`~clientjournal.ui.entry_dialog.EntryDialog` builds the entry and saves it. The texts are the entry
dialog's (translation context ``EntryDialog``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
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
    PromiseStatus,
)
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
from clientjournal.ui.labels import channel_label, kind_label, promise_status_label
from clientjournal.ui.mood_picker import MoodPicker
from clientjournal.ui.widgets import MessageLabel, fit_window_title, heading, mark_primary

if TYPE_CHECKING:
    from clientjournal.services.vault import Clock
    from clientjournal.ui.operations import Operations


class EntryForm(QDialog):
    """The fields of an entry for one of ``clients`` (preselected ``client_id``), or of ``entry`` when editing."""

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
        self._offered: Mapping[str, Any] | None = None
        self._shown_moment: datetime | None = None
        self._shown_wall: datetime | None = None
        self._default_channel: Channel | None = None
        self._channel_chosen = entry is not None and entry.channel is not None
        """Whether the channel is the user's (or the stored entry's): then a change of kind leaves it alone."""
        self.setObjectName("entryDialog")
        self.setWindowTitle(
            QCoreApplication.translate("EntryDialog", "New entry — ClientJournal")
            if entry is None
            else QCoreApplication.translate("EntryDialog", "Edit entry — ClientJournal")
        )
        self.setMinimumWidth(560)
        fit_window_title(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(
            heading(
                QCoreApplication.translate("EntryDialog", "New entry")
                if entry is None
                else QCoreApplication.translate("EntryDialog", "Edit entry"),
                self,
                level=2,
            )
        )
        self.autosave_bar = AutosaveBar(self)
        self.autosave_label = self.autosave_bar.label
        self.restore_autosave_button = self.autosave_bar.restore_button
        self.discard_autosave_button = self.autosave_bar.discard_button
        layout.addWidget(self.autosave_bar)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.client = QComboBox(self)
        self.client.setAccessibleName(QCoreApplication.translate("EntryDialog", "Client"))
        for client in clients:
            self.client.addItem(client.name, client.id)
        chosen = entry.client_id if entry is not None else client_id
        if chosen is not None and self.client.findData(chosen) >= 0:
            self.client.setCurrentIndex(self.client.findData(chosen))
        self.client.setEnabled(entry is None and len(clients) > 1)
        form.addRow(QCoreApplication.translate("EntryDialog", "C&lient:"), self.client)

        self.kind = QComboBox(self)
        self.kind.setAccessibleName(QCoreApplication.translate("EntryDialog", "Kind"))
        for kind in EntryKind:
            self.kind.addItem(kind_label(kind), kind)
        form.addRow(QCoreApplication.translate("EntryDialog", "&Kind:"), self.kind)

        self.channel = QComboBox(self)
        self.channel.setAccessibleName(QCoreApplication.translate("EntryDialog", "Channel"))
        self.channel.addItem(QCoreApplication.translate("EntryDialog", "None (private note)"), None)
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel)
        form.addRow(QCoreApplication.translate("EntryDialog", "C&hannel:"), self.channel)

        self.when = TypedDateTimeEdit(self)
        self.when.setAccessibleName(QCoreApplication.translate("EntryDialog", "Date and time"))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(TIME_FORMAT)
        form.addRow(QCoreApplication.translate("EntryDialog", "&When:"), self.when)

        self.project = QComboBox(self)
        self.project.setAccessibleName(QCoreApplication.translate("EntryDialog", "Project"))
        form.addRow(QCoreApplication.translate("EntryDialog", "&Project:"), self.project)

        self.moods = MoodPicker(moods, self)
        form.addRow(QCoreApplication.translate("EntryDialog", "Client's &mood:"), self.moods)
        layout.addLayout(form)

        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(QCoreApplication.translate("EntryDialog", "Entry text"))
        self.text.setPlaceholderText(
            QCoreApplication.translate("EntryDialog", "What happened, what was said, what you noticed…")
        )
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(120)
        layout.addWidget(self.text, 1)
        self.told = ToldField(self.when.dateTime, self)
        layout.addWidget(self.told)

        self.promise_box = QGroupBox(QCoreApplication.translate("EntryDialog", "Promise"), self)
        promise_form = QFormLayout(self.promise_box)
        self.promise_title = QLineEdit(self.promise_box)
        self.promise_title.setAccessibleName(QCoreApplication.translate("EntryDialog", "Promise title"))
        self.promise_title.setPlaceholderText(
            QCoreApplication.translate("EntryDialog", "A short name, e.g. Send the revised quote")
        )
        self.promise_title.setMaxLength(120)
        promise_form.addRow(QCoreApplication.translate("EntryDialog", "Short &title:"), self.promise_title)
        self.due = TypedDateEdit(self.promise_box)
        self.due.setAccessibleName(QCoreApplication.translate("EntryDialog", "Promise due date"))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        promise_form.addRow(QCoreApplication.translate("EntryDialog", "&Due:"), self.due)
        self.status = QComboBox(self.promise_box)
        self.status.setAccessibleName(QCoreApplication.translate("EntryDialog", "Promise status"))
        for status in PromiseStatus:
            self.status.addItem(promise_status_label(status), status)
        promise_form.addRow(QCoreApplication.translate("EntryDialog", "&Status:"), self.status)
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

    # ---- moods and moment ------------------------------------------------------------------------------------------

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

    @property
    def original(self) -> Entry | None:
        """The entry being edited, as it was opened (None for a new entry)."""
        return self._original
