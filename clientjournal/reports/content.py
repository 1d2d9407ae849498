"""What a client summary says, as plain data: the options, and the JSON the Typst template lays out.

:func:`document_data` is pure: journals, the coach's actions and the options in; a dictionary of strings, numbers
and lists out, in the report's language, with every user text already cut to length and made drawable by the
shipped fonts. The template (``resources/reports/summary.typ``) only arranges it, so no user text is ever read
as markup.

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from clientjournal.coach import Action
from clientjournal.coach.ledger import promise_ledger
from clientjournal.coach.playbook import LANGUAGES
from clientjournal.domain import Client, ClientJournal, Entry, Project
from clientjournal.domain.enums import EntryKind, ProjectStatus, PromiseStatus
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME, MoodTag, mood_score
from clientjournal.errors import ValidationError
from clientjournal.reports.words import (
    MAX_TITLE,
    Words,
    client_language,
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
from clientjournal.services.timeline.index import Grouping, MoodTrend, mood_trend

__all__ = [
    "Audience",
    "ClientMaterial",
    "ReportOptions",
    "client_language",
    "client_section",
    "document_data",
]

MAX_TEXT = 700
"""Characters of an entry's text shown in a highlight or a note; the rest is counted, not printed."""
MAX_HIGHLIGHTS = 30
MAX_NOTES = 30
MAX_RESOLVED_PROMISES = 40
MAX_ACTIONS = 8
MAX_MOOD_ROWS = 12


class Audience(StrEnum):
    SELF = "self"
    """For my records: everything."""
    CLIENT = "client"
    """For the client: nothing about moods, temperament, private notes or the coach."""


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What to put in a report. ``clients`` are ids (or exact names), in the order their sections appear."""

    clients: tuple[str, ...]
    audience: Audience = Audience.SELF
    language: str | None = None
    """``en`` or ``nb`` for every section; None: each client's own language (see :func:`client_language`)."""
    user_language: str = "en"
    """The language of the sections of clients who have none of their own: the user's (unknown: English)."""
    start: date | None = None
    """The first day of the period (inclusive); None: from the first entry."""
    end: date | None = None
    """The last day of the period (inclusive); None: up to the last entry."""
    include_private: bool = False
    """Show private notes (entries without a channel); never in a report for the client."""
    mask_contacts: bool = False
    confidential: bool = False
    """Print "Confidential" in every page's footer."""
    author: str = ""
    """The PDF's author; empty: "ClientJournal"."""

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "audience", Audience(self.audience))  # "client" from a combo box is fine
        except ValueError:
            raise ValidationError(f"no such audience: {self.audience!r}") from None
        object.__setattr__(self, "clients", tuple(self.clients))
        if not self.clients:
            raise ValidationError("a report needs at least one client")
        if self.language is not None and self.language not in LANGUAGES:
            raise ValidationError(
                f"no report texts for language {self.language!r} (have: {', '.join(LANGUAGES)})"
            )
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValidationError("the period starts after it ends")

    @property
    def private_notes(self) -> bool:
        return self.include_private and self.audience is Audience.SELF

    def covers(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ClientMaterial:
    """One client's section before layout: the journal and what the coach made of it at ``now``."""

    journal: ClientJournal
    language: str
    steps: Mapping[str, int] = field(default_factory=dict)
    """The playbook step of each project (cancelled ones have none)."""
    actions: tuple[Action, ...] = ()
    """The coach's ranked actions (empty for a report for the client)."""
    moods: Mapping[str, MoodTag] = field(default_factory=lambda: dict(DEFAULT_MOODS_BY_NAME))
    """The vault's mood catalogue (the default tags and the user's own)."""


# ---- one client's section ----------------------------------------------------------------------------------


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


def _mood_section(
    entries: Sequence[Entry], moods: Mapping[str, MoodTag], words: Words
) -> dict[str, Any] | None:
    catalogue = dict(moods)
    samples = []
    for entry in entries:
        if entry.moods:
            score = mood_score(entry.moods, catalogue)
            if score is not None:
                samples.append((entry.occurred_at.date(), score))
    trend = mood_trend(samples)
    if not trend.points:
        return None
    first, last = trend.points[0].start, trend.points[-1].start
    span = max((last - first).days, 1)
    long_span = (last - first).days > 300

    def x(day: date) -> float:
        return 0.5 if first == last else (day - first).days / span

    points = [{"x": x(p.start), "y": p.score, "n": p.count} for p in trend.points]
    line = [[x(p.start), s] for p, s in zip(trend.points, trend.smoothed, strict=True)]
    ticks = _ticks(trend, words, long_span, x)
    monthly = mood_trend(samples, Grouping.MONTH)
    rows = [
        [words.month(p.start), words.number(p.score), str(p.count)] for p in monthly.points[-MAX_MOOD_ROWS:]
    ]
    lowest = min(trend.points, key=lambda p: (p.score, p.start))
    highest = max(trend.points, key=lambda p: (p.score, p.start))
    bucket = trend.bucket.value

    def period(day: date) -> str:
        if trend.bucket is Grouping.MONTH:
            return words.month(day)
        if trend.bucket is Grouping.WEEK:
            return words("week_of", date=words.day(day))
        return words.day(day)

    mean = sum(score for _, score in samples) / len(samples)
    alt = words(
        "mood_alt",
        bucket=words(f"bucket_{bucket}"),
        first=words.long_day(first),
        last=words.long_day(last),
        count=len(samples),
        points=len(trend.points),
        mean=words.number(mean),
        low=words.number(lowest.score),
        low_at=period(lowest.start),
        high=words.number(highest.score),
        high_at=period(highest.start),
        direction=words(f"direction_{trend.direction or 'none'}"),
    )
    return {
        "points": points,
        "line": line,
        "ticks": ticks,
        "alt": alt,
        "intro": words("mood_intro", buckets=words(f"buckets_{bucket}")),
        "rows": rows,
        "table_caption": words("mood_table")
        if len(monthly.points) <= MAX_MOOD_ROWS
        else words("mood_table_recent", n=MAX_MOOD_ROWS),
    }


def _ticks(
    trend: MoodTrend, words: Words, long_span: bool, x: Callable[[date], float]
) -> list[tuple[float, str]]:
    points = trend.points
    if len(points) == 1:
        return [(0.5, words.tick(points[0].start, trend.bucket, long_span))]
    first, last = points[0].start, points[-1].start
    count = 5
    ticks: list[tuple[float, str]] = []
    seen: set[str] = set()
    for i in range(count):
        day = date.fromordinal(first.toordinal() + round((last - first).days * i / (count - 1)))
        # The nearest period start, so a tick names a real point.
        nearest = min(points, key=lambda p: abs((p.start - day).days)).start
        label = words.tick(nearest, trend.bucket, long_span)
        # One label per period, none closer than an eighth of the width to the one before (they would overlap).
        if label in seen:
            continue
        if ticks and x(nearest) - ticks[-1][0] < 0.125:
            if i < count - 1 or len(ticks) == 1:
                continue
            ticks.pop()  # the last period is always named
        seen.add(label)
        ticks.append((x(nearest), label))
    return ticks


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
        section["mood"] = _mood_section(entries, material.moods, words)
        section["actions"], section["more_actions"] = _actions(material, words)
    if options.private_notes:
        section["notes"], section["more_notes"] = _notes(entries, journal, words)
    return section


# ---- the whole document --------------------------------------------------------------------------------------


def _period(options: ReportOptions, words: Words, today: date) -> str:
    if options.start is not None:
        return f"{words.long_day(options.start)} – {words.long_day(options.end or today)}"
    return words("since_start", end=words.long_day(options.end or today))


def document_data(
    materials: Sequence[ClientMaterial], options: ReportOptions, now: datetime, drawable: Callable[[str], str]
) -> dict[str, Any]:
    """Everything the template needs, every string passed through ``drawable``."""
    language = options.language or (materials[0].language if materials else "en")
    words = Words.of(language)
    today = now.date()
    title = words("title_one") if len(materials) == 1 else words("title_many")
    names = [m.journal.client.name.strip() for m in materials]
    audience = words(f"audience_{options.audience.value}")
    period = _period(options, words, today)
    shown_names = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
    data: dict[str, Any] = {
        "lang": language,
        "t": words.t,
        "title": f"{title}: {names[0] if len(names) == 1 else shown_names}",
        "heading": title,
        "count": words("clients_n", n=len(materials)),
        "subject": words("subject", title=title, audience=audience.lower(), names=shown_names, period=period),
        "author": options.author.strip() or "ClientJournal",
        "audience": options.audience.value,
        "audience_label": audience,
        "audience_note": words(f"audience_{options.audience.value}_note"),
        "period": period,
        "prepared": words.long_day(today),
        "confidential": options.confidential,
        "toc": len(materials) > 1,
        "sections": [client_section(m, options, now) for m in materials],
    }
    made: dict[str, Any] = _made_drawable(data, drawable)
    return made


def _made_drawable(value: Any, drawable: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return drawable(value)
    if isinstance(value, Mapping):
        return {key: _made_drawable(item, drawable) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_made_drawable(item, drawable) for item in value]
    return value
