"""Turning language-free findings into text from the playbook: action titles, reasons and message
drafts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from clientjournal.coach.playbook import Playbook
from clientjournal.coach.values import (
    ACTION_SPECS,
    Action,
    Draft,
    FieldValue,
    Finding,
    PhraseRef,
)
from clientjournal.domain.entities import ClientJournal
from clientjournal.domain.enums import Channel


class _Fields(dict[str, str]):
    """Placeholder values; an unknown placeholder renders empty instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _text(value: FieldValue, playbook: Playbook) -> str:
    if isinstance(value, Channel):
        return playbook.channels.get(value, value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return playbook.format_date(value)
    if isinstance(value, int):
        return playbook.format_days(value)
    if isinstance(value, PhraseRef):
        return playbook.phrase(value.key)
    return ", ".join(playbook.mood_name(name) for name in value.names)


def _fill(template: str, values: Mapping[str, str]) -> str:
    return template.format_map(_Fields(values))


def _project_title(journal: ClientJournal, project_id: str | None, playbook: Playbook) -> str:
    project = journal.project(project_id)
    return project.title if project is not None and project.title.strip() else playbook.phrase("no_project")


def to_action(finding: Finding, journal: ClientJournal, playbook: Playbook, priority: float) -> Action:
    texts = playbook.actions[finding.action]
    values = {
        "client_name": journal.client.name,
        "project_title": _project_title(journal, finding.project, playbook),
        "channel": _text(finding.channel, playbook),
        "due_on": playbook.format_date(finding.due_on) if finding.due_on else playbook.phrase("no_date"),
    }
    values.update({name: _text(value, playbook) for name, value in finding.fields.items()})
    return Action(
        client=finding.client,
        project=finding.project,
        step=ACTION_SPECS[finding.action].step,
        action=finding.action,
        title=_fill(texts.title, values),
        reason=_fill(texts.reason, values),
        channel=finding.channel,
        due_on=finding.due_on,
        priority=priority,
        evidence=finding.evidence,
        key=finding.key,
    )


def _promised_on(action: Action, journal: ClientJournal) -> date | None:
    """In a message, {due_on} is the date promised when the action is about a promise."""
    if not action.evidence:
        return None
    entry = next((e for e in journal.entries if e.id == action.evidence[0]), None)
    return entry.promise.due_on if entry is not None and entry.promise is not None else None


def draft(
    action: Action,
    journal: ClientJournal,
    playbook: Playbook,
    sender_name: str = "",
    channel: Channel | None = None,
) -> Draft:
    """The playbook's template for the action in its channel (or ``channel``), filled in."""
    chosen = channel or action.channel
    template = playbook.template(action.action, chosen)
    name = journal.client.name.strip()
    due_on = _promised_on(action, journal) or action.due_on
    values = {
        "client_name": name,
        "client_first_name": name.split()[0] if name else "",
        "project_title": _project_title(journal, action.project, playbook),
        "due_on": playbook.format_date(due_on) if due_on else playbook.phrase("no_date"),
        "sender_name": sender_name.strip(),
    }
    body = "\n".join(line.rstrip() for line in _fill(template.body, values).splitlines())
    return Draft(subject=_fill(template.subject, values).strip(), body=body.strip() + "\n", channel=chosen)
