"""The coach: journals + now (+ what the user snoozed or dismissed) -> ranked communication actions.

Pure and deterministic: the same journals, ``now``, state and language always give the same list.
The engine never reads the clock; ``now`` must be timezone-aware and defines "today".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from clientjournal.coach import (
    rules_feelings,
    rules_promises,
    rules_results,
    rules_setup,
    rules_work,
)
from clientjournal.coach.facts import JournalView, MoodCatalogue, catalogue_of
from clientjournal.coach.feelings import is_upset
from clientjournal.coach.playbook import Playbook, load_playbook
from clientjournal.coach.ranking import priority, rank
from clientjournal.coach.render import to_action
from clientjournal.coach.values import ACTION_SPECS, Action, CoachState, Finding
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.moods import MoodTag
from clientjournal.errors import ValidationError

Rule = Callable[[JournalView], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    rules_setup.find,  # step 1
    rules_work.find,  # steps 2, 3
    rules_feelings.find,  # steps 4, 5
    rules_promises.find,  # steps 6, 7
    rules_results.find,  # steps 7, 8
)


def check_now(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValidationError("the coach needs a timezone-aware 'now'")


def ranked_findings(
    journal: ClientJournal,
    now: datetime,
    moods: Mapping[str, MoodTag] | MoodCatalogue | None = None,
) -> list[tuple[float, Finding]]:
    """One client's findings with their priorities, most important first (archived: none).

    ``moods``: the vault's mood tags, defaults and the user's own (default: the default tags only).
    """
    check_now(now)
    if journal.client.archived:
        return []
    view = JournalView.of(journal, now, moods)
    upset = is_upset(view)
    scored = [
        (priority(ACTION_SPECS[f.action], f.due_on, view.today, upset=upset), f)
        for rule in RULES
        for f in rule(view)
    ]
    scored.sort(key=lambda item: (-item[0], item[1].key))
    return scored


def suggest(
    journals: ClientJournal | Iterable[ClientJournal],
    now: datetime,
    *,
    state: CoachState | None = None,
    language: str = "en",
    playbook: Playbook | None = None,
    moods: Mapping[str, MoodTag] | MoodCatalogue | None = None,
) -> list[Action]:
    """The next communication actions across ``journals``, most important first.

    Actions the ``state`` has snoozed (until a later date) or dismissed are left out. ``moods`` are the
    vault's mood tags, the defaults and the user's own (default: the default tags only).
    """
    check_now(now)
    book = playbook if playbook is not None else load_playbook(language)
    catalogue = catalogue_of(moods)
    items = (journals,) if isinstance(journals, ClientJournal) else tuple(journals)
    today = now.date()
    actions = [
        to_action(finding, journal, book, score)
        for journal in items
        for score, finding in ranked_findings(journal, now, catalogue)
        if state is None or not state.hides(finding.key, today)
    ]
    return rank(actions)
