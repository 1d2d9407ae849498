"""Priorities that compare across clients, and the order of the list.

``priority = base(action) + urgency(due date) + 10 if the client is strongly upset and the action is
an emotional one``, capped at the action's ceiling (actions worth doing but never urgent). Urgency:

====================  ======================================
due in 4+ days/none   0
due in 3, 2, 1 days   4, 6, 8
due today             15
overdue by d days     20 + min(d, 60)  (older ranks higher)
====================  ======================================

So an overdue promise (60 + 21 and up) outranks one due today (40 + 15), which outranks one due soon
(30 + 4..8). ``model.URGENT_THRESHOLD`` (50) separates what needs doing today from the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from clientjournal.coach.values import Action, ActionSpec

EMOTION_BONUS = 10.0
MAX_LATE_DAYS = 60


def urgency(due_on: date | None, today: date) -> float:
    if due_on is None:
        return 0.0
    left = (due_on - today).days
    if left > 3:
        return 0.0
    if left > 0:
        return 10.0 - 2.0 * left
    if left == 0:
        return 15.0
    return 20.0 + min(-left, MAX_LATE_DAYS)


def priority(spec: ActionSpec, due_on: date | None, today: date, *, upset: bool) -> float:
    value = spec.base + urgency(due_on, today)
    if upset and spec.emotional:
        value += EMOTION_BONUS
    if spec.ceiling is not None:
        value = min(value, spec.ceiling)
    return round(value, 2)


def _sort_key(action: Action) -> tuple[float, date, int, str, str, str, str]:
    return (
        -action.priority,
        action.due_on or date.max,
        action.step,
        action.client,
        action.project or "",
        action.action,
        action.key,
    )


def rank(actions: Iterable[Action]) -> list[Action]:
    """Most important first, ties broken by due date, step and ids; one action per key."""
    ranked: list[Action] = []
    seen: set[str] = set()
    for action in sorted(actions, key=_sort_key):
        if action.key not in seen:
            seen.add(action.key)
            ranked.append(action)
    return ranked
