"""The coach: journals + now (+ what the user snoozed or dismissed) -> ranked communication actions.

Pure and deterministic: the same journals, ``now``, state and language always give the same list.
The engine never reads the clock; ``now`` must be timezone-aware and defines "today".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
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
from clientjournal.coach.merge import merge_conversations
from clientjournal.coach.playbook import Playbook
from clientjournal.coach.playbook_reader import load_playbook
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
    hidden: Callable[[str], bool] | None = None,
) -> list[tuple[float, Finding]]:
    """One client's findings with their priorities, most important first (archived: none), each conversation
    in one finding (see :mod:`~clientjournal.coach.merge`).

    ``moods``: the vault's mood tags, defaults and the user's own (default: the default tags only). ``hidden``:
    the keys the user put aside: a hidden card hides its whole conversation, and a finding hidden on its own does
    not join another's card.
    """
    check_now(now)
    if journal.client.archived:
        return []
    view = JournalView.of(journal, now, moods)
    findings = [f for rule in RULES for f in rule(view)]
    if not findings:
        return []
    findings = not_due_before_evidence(view, findings)
    upset = is_upset(view)
    scored = [(priority(ACTION_SPECS[f.action], f.due_on, view.today, upset=upset), f) for f in findings]
    scored.sort(key=lambda item: (-item[0], item[1].key))
    merged = merge_conversations(scored, hidden)
    if len(merged) != len(scored):
        merged.sort(key=lambda item: (-item[0], item[1].key))
    return merged


def not_due_before_evidence(view: JournalView, findings: list[Finding]) -> list[Finding]:
    """``findings`` with no due date before the day the newest of their evidence was written.

    A promise logged today for a date already past is due today, not "overdue since yesterday": the user could
    not have acted on it before writing it down.
    """
    # Evidence is never written after today, so only an action due before today can be due too early.
    if all(f.due_on is None or f.due_on >= view.today for f in findings):
        return findings
    days = {entry.id: day for entry, day in zip(view.entries, view.days, strict=True)}
    result = []
    for finding in findings:
        due = finding.due_on
        written = max((days[e] for e in finding.evidence if e in days), default=None)
        late = due is not None and written is not None and due < written
        result.append(replace(finding, due_on=written) if late else finding)
    return result


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
    hidden = None if state is None else (lambda key: state.hides(key, today))
    actions = [
        to_action(finding, journal, book, score)
        for journal in items
        for score, finding in ranked_findings(journal, now, catalogue, hidden)
    ]
    return rank(actions)
