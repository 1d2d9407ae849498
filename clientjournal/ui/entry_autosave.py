"""The entry dialog's autosaves: what it holds as plain values, filling the form from one, and the bar that
offers an autosave to restore or discard."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, Signal

from clientjournal.services.autosave import autosave_key
from clientjournal.ui.entry_kinds import EntryKindFields


class EntryAutosave(EntryKindFields):
    """The entry form with its autosave: :meth:`autosave_data` out, :meth:`apply_autosave` back in."""

    autosave_discarded = Signal()
    """The user threw away an autosave offered in the autosave bar."""
    autosave_restored = Signal()

    marks_told: tuple[str, ...] = ()
    """The entries this dialog's save also marks told (a coach "Log it"): its autosave is kept apart by them."""

    def autosave_key(self) -> str:
        """Which autosave belongs to this dialog: the client's new entry, or this entry's edit."""
        original = self._original.id if self._original else None
        return autosave_key(self.client.currentData(), original, marks_told=self.marks_told)

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
