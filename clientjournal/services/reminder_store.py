"""The reminder state as stored: the user's snoozes, dones and dismissals, encrypted in the vault (issue #10).

:class:`~clientjournal.coach.reminder_state.ReminderState` is kept as JSON in the vault item :data:`REMINDERS`
of :class:`~clientjournal.services.settings.VaultSettings`, so it survives restarts; empty marks are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from clientjournal.coach.reminder_state import Mark, ReminderState

REMINDERS = "reminders"
"""The vault item holding the :class:`ReminderState`."""


def _moment(text: object) -> datetime | None:
    return datetime.fromisoformat(text) if isinstance(text, str) else None


def state_from_json(raw: Mapping[str, Any] | None) -> ReminderState:
    if not raw:
        return ReminderState()
    marks = {
        rid: Mark(
            client_id=str(m.get("client", "")),
            snoozed_until=_moment(m.get("snoozed_until")),
            done=bool(m.get("done")),
            dismissed=bool(m.get("dismissed")),
            notified_at=_moment(m.get("notified_at")),
        )
        for rid, m in raw.get("marks", {}).items()
    }
    return ReminderState(marks, _moment(raw.get("last_check")))


def state_to_json(state: ReminderState) -> dict[str, Any]:
    def one(mark: Mark) -> dict[str, Any]:
        out: dict[str, Any] = {"client": mark.client_id}
        if mark.snoozed_until is not None:
            out["snoozed_until"] = mark.snoozed_until.isoformat()
        if mark.done:
            out["done"] = True
        if mark.dismissed:
            out["dismissed"] = True
        if mark.notified_at is not None:
            out["notified_at"] = mark.notified_at.isoformat()
        return out

    return {
        "marks": {rid: one(m) for rid, m in sorted(state.marks.items()) if not m.empty},
        "last_check": state.last_check.isoformat() if state.last_check is not None else None,
    }
