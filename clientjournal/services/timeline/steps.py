"""The playbook steps an entry belongs to, by its kind, its moods and its promise.

The steps of an entry; an entry can belong to several:

====================================  =====  ========================================================
kind or signal                         step   why
====================================  =====  ========================================================
contract_signed                        1      kick-off
progress_update                        2      keeping the client informed
call, meeting, email, message          2      any contact keeps the client informed (it "resets the
                                              clock", as Monica's users asked, #1814)
note                                   —      private; no step of its own
change_request, change_agreed          3      discussing changes
any strong or negative mood tag        4      listen and mirror (in addition to the kind's step)
setback                                5      bringing news in the client's register
promise                                6      committing and keeping promises
delivery; a promise kept early         7      over-delivering
problem_solved                         8      solving problems early and visibly
====================================  =====  ========================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from clientjournal.domain.entities import Entry
from clientjournal.domain.enums import EntryKind, PromiseStatus, Valence
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag

STEPS: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8)

STEP_OF_KIND: Mapping[EntryKind, int] = {
    EntryKind.CONTRACT_SIGNED: 1,
    EntryKind.PROGRESS_UPDATE: 2,
    EntryKind.CALL: 2,
    EntryKind.MEETING: 2,
    EntryKind.EMAIL: 2,
    EntryKind.MESSAGE: 2,
    EntryKind.CHANGE_REQUEST: 3,
    EntryKind.CHANGE_AGREED: 3,
    EntryKind.SETBACK: 5,
    EntryKind.PROMISE: 6,
    EntryKind.DELIVERY: 7,
    EntryKind.PROBLEM_SOLVED: 8,
}
"""The step of each kind; ``note`` has none (see the module's table)."""

LISTEN_STEP = 4
OVER_DELIVER_STEP = 7


def calls_for_listening(
    moods: Iterable[str], catalogue: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME
) -> bool:
    """Whether the moods include a strong or a negative one (step 4: listen and mirror)."""
    for name in moods:
        tag = catalogue.get(name)
        if tag is not None and (tag.valence is Valence.NEGATIVE or tag.intensity >= 2):
            return True
    return False


def entry_steps(entry: Entry, catalogue: Mapping[str, MoodTag] = DEFAULT_MOODS_BY_NAME) -> frozenset[int]:
    """The playbook steps (1–8) an entry belongs to; empty for a private note without strong moods."""
    steps = set()
    step = STEP_OF_KIND.get(entry.kind)
    if step is not None:
        steps.add(step)
    if entry.promise is not None and entry.promise.status is PromiseStatus.KEPT_EARLY:
        steps.add(OVER_DELIVER_STEP)
    if calls_for_listening(entry.moods, catalogue):
        steps.add(LISTEN_STEP)
    return frozenset(steps)


def steps_mask(steps: Iterable[int]) -> int:
    mask = 0
    for step in steps:
        mask |= 1 << step
    return mask
