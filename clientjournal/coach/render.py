"""Turning language-free findings into text from the playbook: action titles, reasons and message
drafts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from clientjournal.coach.facts import CARD_LIMIT, shorten
from clientjournal.coach.ledger import promise_title
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
from clientjournal.domain.enums import Channel, PromiseStatus


class _Fields(dict[str, str]):
    """Placeholder values; an unknown placeholder renders empty instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _text(value: FieldValue, playbook: Playbook, limit: int | None = CARD_LIMIT) -> str:
    """``value`` in the playbook's language; the journal's own words cut to ``limit`` (None: whole, for drafts)."""
    if isinstance(value, Channel):
        return playbook.channels.get(value, value.value)
    if isinstance(value, str):
        return value if limit is None else shorten(value, limit)
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


def _values(finding: Finding, journal: ClientJournal, playbook: Playbook) -> dict[str, str]:
    values = {
        "client_name": journal.client.name,
        "project_title": _project_title(journal, finding.project, playbook),
        "channel": _text(finding.channel, playbook),
        "due_on": playbook.format_date(finding.due_on) if finding.due_on else playbook.phrase("no_date"),
    }
    values.update({name: _text(value, playbook) for name, value in finding.fields.items()})
    days = finding.fields.get("days")
    if isinstance(days, int):
        values["ago"] = playbook.format_ago(days)
        values["due_in"] = playbook.format_due_in(days)
    return values


def to_action(finding: Finding, journal: ClientJournal, playbook: Playbook, priority: float) -> Action:
    """The action the user sees for ``finding``: the cause's title, and the reasons of every finding merged in."""
    texts = playbook.actions[finding.action]
    values = _values(finding, journal, playbook)
    listen = texts.listen_first if finding.listen_first else None
    reasons = [_fill(listen.reason if listen is not None else texts.reason, values)]
    for part in finding.merged:
        part_texts = playbook.actions[part.action]
        reasons.append(_fill(part_texts.also or part_texts.reason, _values(part, journal, playbook)))
    facts = dict(finding.fields)
    for part in finding.merged:
        for name, value in part.fields.items():
            facts.setdefault(name, value)  # the cause's own facts win: its draft is the cause's
    return Action(
        client=finding.client,
        project=finding.project,
        step=ACTION_SPECS[finding.action].step,
        action=finding.action,
        title=_fill(texts.title, values),
        reason=" ".join(reasons),
        channel=finding.channel,
        due_on=finding.due_on,
        priority=priority,
        evidence=_in_time_order(finding.all_evidence, journal) if finding.merged else finding.evidence,
        key=finding.key,
        merged=tuple(part.action for part in finding.merged),
        reasons=tuple(reasons),
        facts=tuple(sorted(facts.items())),
        listen_first=finding.listen_first,
    )


def _in_time_order(entry_ids: tuple[str, ...], journal: ClientJournal) -> tuple[str, ...]:
    """A merged card's evidence oldest first, so the card's newest links are the newest entries."""
    wanted = set(entry_ids)
    when = {e.id: e.occurred_at.timestamp() for e in journal.entries if e.id in wanted}
    return tuple(sorted(entry_ids, key=lambda entry_id: when.get(entry_id, float("-inf"))))


_QUOTES = {"en": ("“", "”"), "nb": ("«", "»")}


def _promised_on(action: Action, journal: ClientJournal) -> date | None:
    """In a message, {due_on} is the date promised when the action is about a promise."""
    for entry_id in action.evidence:
        entry = next((e for e in journal.entries if e.id == entry_id), None)
        if entry is not None and entry.promise is not None:
            return entry.promise.due_on
    return None


def _draft_text(action: Action, name: str, playbook: Playbook) -> str:
    """A fact of the journal for a message: the user's own words quoted, dates and moods in the language."""
    value = action.fact(name)
    if value is None or isinstance(value, PhraseRef):
        return playbook.phrase(f"draft_{name}")
    text = _text(value, playbook, limit=None)  # a message quotes the whole sentence, not the card's excerpt
    if isinstance(value, str):
        opening, closing = _QUOTES.get(playbook.language, _QUOTES["en"])
        return f"{opening}{text}{closing}"
    return text


def _at_risk(action: Action, journal: ClientJournal, playbook: Playbook) -> str:
    """For a setback's message, the sentence naming each promise it puts at risk when they share the card.

    A written message carries one text, not the talking points of every part: the promise at risk becomes a
    sentence of the setback's message (the template's ``{at_risk}``), so the client hears of both at once.
    """
    if "promise_at_risk" not in action.merged:
        return ""
    opening, closing = _QUOTES.get(playbook.language, _QUOTES["en"])
    wanted = set(action.evidence)
    sentences = [
        _fill(
            playbook.phrase("draft_at_risk"),
            {
                "what": f"{opening}{promise_title(entry) or playbook.phrase('draft_what')}{closing}",
                "due_on": playbook.format_date(entry.promise.due_on),
            },
        )
        for entry in journal.entries
        if entry.id in wanted and entry.promise is not None and entry.promise.status is PromiseStatus.OPEN
    ]
    return " ".join(sentences) + " " if sentences else ""


def draft(
    action: Action,
    journal: ClientJournal,
    playbook: Playbook,
    sender_name: str = "",
    channel: Channel | None = None,
) -> Draft:
    """The playbook's template for the action in its channel (or ``channel``), filled in from the journal.

    For a live channel the talking points of every action merged into this one follow the cause's, and for a
    strongly upset client (:attr:`Action.listen_first`) the points about hearing them out come before all of them.
    """
    chosen = channel or action.channel
    template = playbook.template(action.action, chosen)
    name = journal.client.name.strip()
    due_on = _promised_on(action, journal) or action.due_on
    # A live channel gets the promise's own talking points below; a written message names it in a sentence.
    at_risk = "" if chosen.is_live else _at_risk(action, journal, playbook)
    values = {
        "client_name": name,
        "client_first_name": name.split()[0] if name else "",
        "project_title": _project_title(journal, action.project, playbook),
        "due_on": playbook.format_date(due_on) if due_on else playbook.phrase("no_date"),
        "sender_name": sender_name.strip(),
        **{field: _draft_text(action, field, playbook) for field in ("what", "reason", "moods", "entry_on")},
        "at_risk": at_risk,
    }
    lines = _fill(template.body, values).splitlines()
    listen = playbook.actions[action.action].listen_first
    if chosen.is_live and action.listen_first and listen is not None:
        opening = [line for line in _fill(listen.points, values).splitlines() if line.strip()]
        lines = [*opening, *(line for line in lines if line not in opening)]
    if chosen.is_live:
        for merged in action.merged:
            extra = _fill(playbook.template(merged, chosen).body, values).splitlines()
            lines += [line for line in extra if line.strip() and line not in lines]
    body = "\n".join(line.rstrip() for line in lines)
    return Draft(subject=_fill(template.subject, values).strip(), body=body.strip() + "\n", channel=chosen)
