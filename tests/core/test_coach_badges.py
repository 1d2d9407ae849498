"""The client list's badges count exactly what the coach sidebar lists for each client, on the demo vault."""

from __future__ import annotations

from support.constants import NOW

from clientjournal.demo import generate_demo
from clientjournal.services.session import VaultSession


def test_every_badge_counts_what_the_sidebar_lists_for_that_client(session: VaultSession) -> None:
    session.transfer.import_journals(generate_demo(24, 50, seed=9, now=NOW), total=24)
    clients = session.journal.list_clients()
    badges = session.coaching.badges([c.id for c in clients], NOW)
    several = 0
    for client in clients:
        coach = session.coaching.client(client.id, NOW, "en")
        listed = coach.actions_for(None)  # what the sidebar lists: every project's actions
        assert badges[client.id].actions == len(listed), client.name
        due = [a for a in listed if a.due_on is not None and a.due_on <= NOW.date()]
        assert badges[client.id].due == len(due), client.name
        several += len({a.project for a in listed}) > 1
    assert several, "the demo vault should have clients with actions on more than one project"
    today = session.coaching.today(NOW, "en")
    assert len(today.actions) == sum(b.actions for b in badges.values())
