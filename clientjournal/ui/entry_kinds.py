"""The entry dialog's fields that follow the kind of entry: the channel it implies, the promise and "told" boxes,
the client's projects, and filling it all from a stored entry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate

from clientjournal.domain import Channel, Client, Entry, EntryKind
from clientjournal.ui.entry_form import EntryForm

AUTOMATIC_CHANNELS: dict[EntryKind, Channel] = {
    EntryKind.CALL: Channel.PHONE,
    EntryKind.MEETING: Channel.MEETING,
    EntryKind.EMAIL: Channel.EMAIL,
    EntryKind.MESSAGE: Channel.MESSAGE,
}
"""The channel a kind of contact implies, set for the user until they choose a channel themselves."""
TOLD_KINDS = (EntryKind.SETBACK, EntryKind.PROBLEM_SOLVED)
"""Kinds of entry the client has to hear about: the dialog asks whether (and when) they were told."""


class EntryKindFields(EntryForm):
    """The entry form whose channel, promise and "told" fields follow the kind of entry and the client."""

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
        self.project.addItem(QCoreApplication.translate("EntryDialog", "No project"), None)
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
