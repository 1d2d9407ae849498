"""Filtering a big timeline in slices, one per turn of the event loop, so that typing in the search stays smooth."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from clientjournal.services.timeline.index import TimelineFilter
    from clientjournal.ui.models.timeline import TimelineModel


class SlicedFilter:
    """Runs one filter at a time over the model's index: a newer run, or :meth:`cancel`, stops the one under way."""

    def __init__(self) -> None:
        self._job = 0

    def cancel(self) -> None:
        """Stop the run under way (its rows refer to an index that is gone, or a newer filter wins)."""
        self._job += 1

    def run(self, model: TimelineModel, flt: TimelineFilter, done: Callable[[list[int]], None]) -> None:
        """Match ``flt`` a slice at a time; ``done`` gets the matching rows unless the run was overtaken."""
        self._job += 1
        job = self._job
        criteria, rows = model.plan(flt)
        steps = model.index_data.iter_matching(criteria, rows)

        def step() -> None:
            if job != self._job:
                return  # overtaken by a newer search or filter
            result = next(steps)
            if result is None:
                QTimer.singleShot(0, step)
            else:
                done(result)

        step()
