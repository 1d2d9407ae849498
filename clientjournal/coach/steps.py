"""Which playbook step a project is at.

The step of the most important action about the project (or about the client as a whole), leaving
out the ``deliver_early`` opportunity, which is offered while work runs normally. Without such an
action, the phase: step 1 until the contract is signed, the kick-off held and a channel and rhythm
agreed; step 7 once delivered; step 2 (keep them informed) otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from clientjournal.coach.engine import ranked_findings
from clientjournal.coach.facts import JournalView, MoodCatalogue, catalogue_of, contract_start
from clientjournal.coach.rules_setup import kicked_off
from clientjournal.coach.values import ACTION_SPECS
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.enums import ProjectStatus
from clientjournal.domain.moods import MoodTag
from clientjournal.errors import NotFoundError

BACKGROUND_ACTIONS = frozenset({"deliver_early"})


def current_step(
    journal: ClientJournal,
    project_id: str,
    now: datetime,
    moods: Mapping[str, MoodTag] | MoodCatalogue | None = None,
) -> int:
    """``moods``: the vault's mood tags, as for :func:`~clientjournal.coach.engine.suggest`."""
    project = journal.project(project_id)
    if project is None:
        raise NotFoundError("no project with that id for this client")
    catalogue = catalogue_of(moods)
    for _, finding in ranked_findings(journal, now, catalogue):
        if finding.project in (project_id, None) and finding.action not in BACKGROUND_ACTIONS:
            return ACTION_SPECS[finding.action].step
    if project.status is ProjectStatus.DELIVERED:
        return 7
    view = JournalView.of(journal, now, catalogue)
    start = contract_start(view, project)
    client = journal.client
    if (
        start is None
        or not kicked_off(view, project, start)
        or client.preferred_channel is None
        or not client.update_every_days
    ):
        return 1
    return 2
