"""One client's section of a summary: contact card, figures, projects, promises, highlights, notes, actions.

Two audiences (issue #11):

* ``self`` ("for my records"): everything — contact card with temperament and tags, projects, the mood trend,
  promises, highlights including setbacks and how they were told, private notes when asked for, and the
  coach's suggestions.
* ``client`` ("for the client"): what can be handed over — projects, agreed changes, deliveries, solved problems
  and promises. Never moods, temperament, tags, private notes or the coach's advice.

A *private note* is an entry without a channel, neither written on it nor implied by its kind (a call is by
phone): see :func:`is_private`. Private notes are left out unless ``include_private`` (and always for the client).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from clientjournal.coach.ledger import promise_ledger
from clientjournal.domain import Client, ClientJournal, Entry, Project
from clientjournal.domain.enums import EntryKind, ProjectStatus, PromiseStatus
from clientjournal.reports.mood_chart import mood_section
from clientjournal.reports.options import Audience, ClientMaterial, ReportOptions
from clientjournal.reports.words import (
    MAX_TITLE,
    Words,
    clip,
    first_upper,
    is_private,
    mask_email,
    mask_phone,
    project_titles,
    promise_title,
    rhythm,
    told_text,
)

__all__ = ["client_section"]

MAX_TEXT = 700
"""Characters of an entry's text shown in a highlight or a note; the rest is counted, not printed."""
MAX_HIGHLIGHTS = 30
MAX_NOTES = 30
MAX_RESOLVED_PROMISES = 40
MAX_ACTIONS = 8


def _projects_shown(
    journal: ClientJournal, entries: Sequence[Entry], options: ReportOptions
) -> list[Project]:
    if options.start is None and options.end is None:
        chosen = list(journal.projects)
    else:
        used = {e.project_id for e in entries}
        first, last = options.start or date.min, options.end or date.max
        chosen = []
        for project in journal.projects:
            begins = project.contract_signed_on or project.due_on or project.delivered_on
            ends = project.delivered_on or project.due_on or begins
            overlaps = begins is not None and ends is not None and begins <= last and ends >= first
            if project.id in used or overlaps or (project.status is ProjectStatus.ACTIVE and begins is None):
                chosen.append(project)
    return sorted(
        chosen,
        key=lambda p: (
            p.status is not ProjectStatus.ACTIVE,
            -(p.contract_signed_on or p.due_on or date.min).toordinal(),
            p.title.casefold(),
        ),
    )


def _project_rows(
    material: ClientMaterial, projects: Sequence[Project], words: Words
) -> list[dict[str, Any]]:
    rows = []
    for project in projects:
        step = material.steps.get(project.id)
        rows.append(
            {
                "title": clip(project.title, MAX_TITLE, words),
                "signed": words.day(project.contract_signed_on),
                "due": words.day(project.due_on),
                "delivered": words.day(project.delivered_on),
                "status": words(f"status_{project.status.value}"),
                "state": project.status.value,
                "step": words("step_n", n=step, name=words.playbook.step(step).name)
                if step is not None and project.status is not ProjectStatus.CANCELLED
                else words("not_given"),
                "step_number": step if project.status is not ProjectStatus.CANCELLED else None,
            }
        )
    return rows


def _ledger_section(
    entries: Sequence[Entry], journal: ClientJournal, today: date, words: Words
) -> dict[str, Any]:
    promised = [e for e in entries if e.promise is not None]
    ledger = promise_ledger(ClientJournal(journal.client, (), tuple(promised)))
    titles = project_titles(journal, words)

    def row(entry: Entry) -> dict[str, Any]:
        promise = entry.promise
        assert promise is not None
        state = promise.status.value
        label = words(state)
        if promise.status is PromiseStatus.OPEN and promise.due_on < today:
            state, label = "overdue", words("overdue")
        return {
            "title": clip(promise_title(entry), MAX_TITLE, words) or words("not_given"),
            "project": titles.get(entry.project_id or "", ""),
            "made": words.day(entry.occurred_at.date()),
            "due": words.day(promise.due_on),
            "resolved": words.day(promise.resolved_on) if promise.status.is_resolved else words("not_given"),
            "status": label,
            "state": state,
        }

    def due(entry: Entry) -> date:
        assert entry.promise is not None
        return entry.promise.due_on

    def settled(entry: Entry) -> date:
        assert entry.promise is not None
        return entry.promise.resolved_on or entry.promise.due_on

    still_open = sorted((e for e in promised if e.promise and not e.promise.status.is_resolved), key=due)
    resolved = sorted((e for e in promised if e.promise and e.promise.status.is_resolved), key=settled)
    listed = resolved[-MAX_RESOLVED_PROMISES:]
    rate = ledger.kept_on_time_rate
    if rate is None:
        rate_text = words("rate_none")
    else:
        rate_text = words(
            "rate_one" if ledger.resolved == 1 else "rate", rate=words.percent(rate), resolved=ledger.resolved
        )
    return {
        "total": ledger.total,
        "counts": [
            {"label": words("kept"), "n": ledger.kept, "state": "kept"},
            {"label": words("kept_early"), "n": ledger.kept_early, "state": "kept_early"},
            {"label": words("broken"), "n": ledger.broken, "state": "broken"},
            {"label": words("open"), "n": ledger.open, "state": "open"},
        ],
        "rate": rate_text,
        "rows": [row(e) for e in [*still_open, *reversed(listed)]],
        "more": words("more_promises", n=len(resolved) - len(listed)) if len(resolved) > len(listed) else "",
    }


_HIGHLIGHT_KINDS = {
    Audience.SELF: (EntryKind.DELIVERY, EntryKind.CHANGE_AGREED, EntryKind.PROBLEM_SOLVED, EntryKind.SETBACK),
    Audience.CLIENT: (EntryKind.DELIVERY, EntryKind.CHANGE_AGREED, EntryKind.PROBLEM_SOLVED),
}


def _highlights(
    entries: Sequence[Entry],
    every: Sequence[Entry],
    journal: ClientJournal,
    options: ReportOptions,
    words: Words,
) -> tuple[list[dict[str, Any]], str]:
    kinds = _HIGHLIGHT_KINDS[options.audience]
    chosen = [e for e in entries if e.kind in kinds]
    shown = chosen[-MAX_HIGHLIGHTS:]
    titles = project_titles(journal, words)
    position = {id(e): i for i, e in enumerate(every)}
    items = []
    for entry in shown:
        note, ok = "", True
        if entry.kind is EntryKind.SETBACK:
            note, ok = told_text(position[id(entry)], every, words)
        items.append(
            {
                "date": words.day(entry.occurred_at.date()),
                "kind": words(f"kind_{entry.kind.value}"),
                "state": entry.kind.value,
                "project": titles.get(entry.project_id or "", ""),
                "text": clip(entry.text, MAX_TEXT, words),
                "note": note,
                "ok": ok,
                "moods": ", ".join(words.mood(m) for m in entry.moods)
                if options.audience is Audience.SELF
                else "",
            }
        )
    more = words("more_highlights", n=len(chosen) - len(shown)) if len(chosen) > len(shown) else ""
    return items, more


def _notes(
    entries: Sequence[Entry], journal: ClientJournal, words: Words
) -> tuple[list[dict[str, Any]], str]:
    private = [e for e in entries if is_private(e)]
    shown = private[-MAX_NOTES:]
    titles = project_titles(journal, words)
    items = [
        {
            "date": words.day(e.occurred_at.date()),
            "kind": words.t.get(f"kind_{e.kind.value}", words.t["kind_note"]),
            "project": titles.get(e.project_id or "", ""),
            "text": clip(e.text, MAX_TEXT, words),
            "moods": ", ".join(words.mood(m) for m in e.moods),
        }
        for e in shown
    ]
    more = words("more_notes", n=len(private) - len(shown)) if len(private) > len(shown) else ""
    return items, more


def _actions(material: ClientMaterial, words: Words) -> tuple[list[dict[str, Any]], str]:
    titles = project_titles(material.journal, words)
    shown = material.actions[:MAX_ACTIONS]
    items = []
    for action in shown:
        meta = words("action_meta", step=action.step, channel=words.channel(action.channel))
        if action.due_on is not None:
            meta += " · " + words("action_due", date=words.day(action.due_on))
        project = titles.get(action.project or "", "")
        items.append(
            {
                "title": action.title,
                "reason": action.reason,
                "meta": meta + (f" · {project}" if project else ""),
                "step": action.step,
            }
        )
    rest = len(material.actions) - len(shown)
    return items, words("more_actions", n=rest) if rest > 0 else ""


def _contact(client: Client, options: ReportOptions, words: Words) -> list[list[str]]:
    email, phone = client.email.strip(), client.phone.strip()
    if options.mask_contacts:
        email, phone = mask_email(email) if email else "", mask_phone(phone) if phone else ""
    rows = [
        [words("email"), email or words("not_given")],
        [words("phone"), phone or words("not_given")],
        [words("channel"), first_upper(words.channel(client.preferred_channel))],
        [words("rhythm"), rhythm(client.update_every_days, words)],
    ]
    if options.audience is Audience.SELF and client.tags:
        rows.append([words("tags"), clip(", ".join(client.tags), MAX_TITLE, words)])
    return rows


def _figures(
    material: ClientMaterial,
    entries: Sequence[Entry],
    projects: Sequence[Project],
    ledger: Mapping[str, Any],
    options: ReportOptions,
    words: Words,
) -> list[dict[str, str]]:
    active = sum(p.status is ProjectStatus.ACTIVE for p in projects)
    counts = {c["state"]: c["n"] for c in ledger["counts"]}
    resolved = counts["kept"] + counts["kept_early"] + counts["broken"]
    kept = counts["kept"] + counts["kept_early"]
    figures = [
        {
            "label": words("figure_projects"),
            "value": str(active),
            "note": words("figure_projects_of", n=len(projects)),
        },
    ]
    if options.audience is Audience.SELF:
        figures.append(
            {
                "label": words("figure_entries"),
                "value": f"{len(entries)}",
                "note": words("figure_entries_note"),
            }
        )
    else:
        deliveries = sum(e.kind is EntryKind.DELIVERY for e in entries)
        figures.append(
            {
                "label": words("figure_deliveries"),
                "value": str(deliveries),
                "note": words("figure_deliveries_note"),
            }
        )
    figures.append(
        {
            "label": words("figure_kept"),
            "value": words.percent(kept / resolved) if resolved else words("not_given"),
            "note": words("figure_kept_note", kept=kept, resolved=resolved)
            if resolved
            else words("figure_kept_none"),
        }
    )
    if options.audience is Audience.SELF:
        latest = next((e for e in reversed(entries) if any(m in material.moods for m in e.moods)), None)
        figures.append(
            {
                "label": words("figure_mood"),
                "value": first_upper(words.mood(next(m for m in latest.moods if m in material.moods)))
                if latest
                else words("not_given"),
                "note": words.day(latest.occurred_at.date()) if latest else words("figure_mood_none"),
            }
        )
    else:
        changes = sum(e.kind is EntryKind.CHANGE_AGREED for e in entries)
        figures.append(
            {"label": words("figure_changes"), "value": str(changes), "note": words("figure_entries_note")}
        )
    return figures


def client_section(material: ClientMaterial, options: ReportOptions, now: datetime) -> dict[str, Any]:
    """The data of one client's section (not yet made drawable, see :func:`document_data`)."""
    journal, client = material.journal, material.journal.client
    words = Words.of(material.language)
    in_period = [e for e in journal.entries if options.covers(e.occurred_at.date())]
    entries = [e for e in in_period if options.private_notes or not is_private(e)]
    every = [e for e in journal.entries if options.private_notes or not is_private(e)]
    projects = _projects_shown(journal, entries, options)
    ledger = _ledger_section(entries, journal, now.date(), words)
    highlights, more_highlights = _highlights(entries, every, journal, options, words)
    section: dict[str, Any] = {
        "lang": material.language,
        "t": words.t,
        "name": clip(client.name, MAX_TITLE, words) or words("not_given"),
        "company": clip(client.company, MAX_TITLE, words),
        "contact": _contact(client, options, words),
        "temperament": clip(client.temperament, MAX_TEXT, words) if options.audience is Audience.SELF else "",
        "figures": _figures(material, entries, projects, ledger, options, words),
        "empty": not entries,
        "projects": _project_rows(material, projects, words),
        "ledger": ledger,
        "highlights": highlights,
        "more_highlights": more_highlights,
        "mood": None,
        "notes": None,
        "actions": None,
        "more_notes": "",
        "more_actions": "",
        "mood_shown": options.audience is Audience.SELF,
    }
    if options.audience is Audience.SELF:
        section["mood"] = mood_section(entries, material.moods, words)
        section["actions"], section["more_actions"] = _actions(material, words)
    if options.private_notes:
        section["notes"], section["more_notes"] = _notes(entries, journal, words)
    return section
