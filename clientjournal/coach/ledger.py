"""The promise ledger: how many promises a client (or one project) has had kept, kept early,
broken, open."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clientjournal.coach.facts import excerpt, sentences
from clientjournal.domain.entities import ClientJournal, Entry
from clientjournal.domain.enums import PromiseStatus

# Words that make a sentence the promise itself ("I will send...", "vi skal levere...", "promised the plans").
_PROMISE_WORDS = re.compile(
    r"\b(?:i will|i'll|we will|we'll|i promised?|we promised?|promised|jeg skal|vi skal|jeg lover|vi lover|"
    r"lovet|lovte)\b",
    re.IGNORECASE,
)


def promise_title(entry: Entry) -> str:
    """What was promised, in a few words: the promise's own title, else the sentence of its entry that makes
    the promise ("We will send the floor plans by Friday"), else the entry's first sentence ("" if none).

    Promises written before titles existed have none; a sentence of their entry stands in wherever a promise is
    named (cards, drafts, reminders, reports). A meeting's notes often start with who came and what was said;
    the promise is in the sentence that says "I will" or "vi skal", not in the first one.
    """
    own = entry.promise.title.strip() if entry.promise is not None else ""
    if own:
        return own
    for sentence in sentences(entry.text):
        if _PROMISE_WORDS.search(sentence):
            return excerpt(sentence)
    return excerpt(entry.text)


@dataclass(frozen=True, slots=True)
class PromiseLedger:
    kept: int = 0
    kept_early: int = 0
    broken: int = 0
    open: int = 0

    @property
    def resolved(self) -> int:
        return self.kept + self.kept_early + self.broken

    @property
    def total(self) -> int:
        return self.resolved + self.open

    @property
    def kept_on_time_rate(self) -> float | None:
        """(kept + kept early) / resolved promises; None while none is resolved."""
        if self.resolved == 0:
            return None
        return (self.kept + self.kept_early) / self.resolved

    def to_json(self) -> dict[str, object]:
        return {
            "kept": self.kept,
            "kept_early": self.kept_early,
            "broken": self.broken,
            "open": self.open,
            "kept_on_time_rate": self.kept_on_time_rate,
        }


def promise_ledger(journal: ClientJournal, project_id: str | None = None) -> PromiseLedger:
    """Counts over every promise of the client, or of one project when ``project_id`` is given."""
    counts = dict.fromkeys(PromiseStatus, 0)
    for entry in journal.entries:
        if entry.promise is None or (project_id is not None and entry.project_id != project_id):
            continue
        counts[entry.promise.status] += 1
    return PromiseLedger(
        kept=counts[PromiseStatus.KEPT],
        kept_early=counts[PromiseStatus.KEPT_EARLY],
        broken=counts[PromiseStatus.BROKEN],
        open=counts[PromiseStatus.OPEN],
    )
