"""A seeded generator of realistic demo journals, for screenshots, manual testing and benchmarks.

Pure and deterministic: the same ``seed`` and ``now`` give the same data on every machine (one
``random.Random`` per client, derived from the seed; no wall clock, no locale, no time-zone database).
Clients are yielded one at a time so 1,000 × 100 entries never need to be in memory together.

The journal's owner is assumed to live in Norway: entries carry Oslo's offsets (+01:00 in winter, +02:00 in
summer). Clients are Norwegian or English speaking, and their journals are written in their language.

The pieces: :mod:`~clientjournal.demo.dice` throws the dice, :mod:`~clientjournal.demo.card` makes up a
client's card and projects, :mod:`~clientjournal.demo.details` an entry's promise, moods, channel and time of
day (in Oslo's offsets, :mod:`~clientjournal.demo.oslo`), and this module tells each project's story as
entries in the words of :mod:`~clientjournal.demo.phrases`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from operator import attrgetter, itemgetter

from clientjournal.demo import phrases
from clientjournal.demo.card import client_card, client_projects
from clientjournal.demo.details import DAYS, LIVE, LIVE_CUMULATIVE, ROUND_MINUTES, EntryDetails
from clientjournal.demo.dice import Dice, cumulative
from clientjournal.demo.oslo import oslo_offset
from clientjournal.domain.entities import ClientJournal, Entry, Project, Promise
from clientjournal.domain.enums import EntryKind, ProjectStatus, PromiseStatus

__all__ = ["generate_demo"]

K = EntryKind

# Kinds in the middle of a project, with weights.
_MIDDLE_KINDS = (
    K.PROGRESS_UPDATE, K.EMAIL, K.CALL, K.MEETING, K.MESSAGE, K.NOTE, K.CHANGE_REQUEST, K.PROMISE,
    K.SETBACK, K.PROBLEM_SOLVED, K.DELIVERY,
)  # fmt: skip
_MIDDLE_WEIGHTS = (26, 9, 9, 5, 6, 8, 8, 10, 5, 4, 3)
_MOOD_EFFECT = {
    K.CONTRACT_SIGNED: 1.0, K.PROGRESS_UPDATE: 0.15, K.CHANGE_REQUEST: -0.35, K.CHANGE_AGREED: 0.4,
    K.SETBACK: -0.9, K.PROBLEM_SOLVED: 0.6, K.DELIVERY: 0.5, K.PROMISE: 0.1,
}  # fmt: skip
_GENERAL_KINDS = (K.NOTE, K.EMAIL, K.EMAIL, K.CALL, K.MESSAGE)
_OUTCOME = {PromiseStatus.KEPT: "kept", PromiseStatus.KEPT_EARLY: "early", PromiseStatus.BROKEN: "broken"}

_MIDDLE_CUMULATIVE = cumulative(_MIDDLE_WEIGHTS)


def generate_demo(
    clients: int, entries_per_client: int, *, seed: int, now: datetime
) -> Iterator[ClientJournal]:
    """Yield ``clients`` journals of ``entries_per_client`` entries each, all dated up to ``now``.

    ``now`` should be aware; a naive value is read as the machine's local time. The first ``k`` clients
    are the same whatever ``clients`` is, so a small demo is a prefix of a big one with the same seed.
    """
    if clients < 0 or entries_per_client < 0:
        raise ValueError("clients and entries_per_client must not be negative")
    if now.tzinfo is None or now.utcoffset() is None:
        now = now.astimezone()
    utc = now.astimezone(UTC).replace(tzinfo=None)
    local_now = utc + (oslo_offset(utc.date()).utcoffset(None) or timedelta())
    master = random.Random(seed)
    used_names: set[str] = set()
    for _ in range(clients):
        dice = Dice(master.getrandbits(64))
        lang = "nb" if dice.random() < 0.6 else "en"
        name = _unique_name(dice, lang, used_names)
        yield _ClientMaker(dice, lang, name, entries_per_client, local_now).journal()


def _unique_name(dice: Dice, lang: str, used: set[str]) -> str:
    first, last = phrases.FIRST[lang], phrases.LAST[lang]
    name = ""
    for attempt in range(50):
        name = f"{dice.pick(first)} {dice.pick(last)}"
        if attempt > 20:
            name = f"{dice.pick(first)} {dice.pick('ABCDEFGHJKLMNOPRSTV')}. {dice.pick(last)}"
        if name not in used:
            break
    else:
        name = f"{name} {len(used) + 1}"
    used.add(name)
    return name


class _ClientMaker(EntryDetails):
    """Makes up one client: the card, 1–3 projects, then each project's story as journal entries."""

    def __init__(self, dice: Dice, lang: str, name: str, count: int, now: datetime) -> None:
        self.dice, self.lang, self.name, self.count = dice, lang, name, count
        self.now = now
        self.today = now.date()
        self.first = name.split(" ", 1)[0]
        self.client_id = dice.uuid()
        self.archived = dice.random() < 0.1
        self.preferred = dice.weighted(LIVE, LIVE_CUMULATIVE) if dice.random() < 0.8 else None
        self.baseline = -0.3 + 1.2 * dice.random()
        self.entries: list[Entry] = []
        self.mood = 1.2
        self.previous = datetime.min
        self.last_part = ""

    def journal(self) -> ClientJournal:
        client = client_card(self.dice, self.lang, self.name, self.client_id, self.preferred, self.archived)
        projects = client_projects(self.dice, self.lang, self.client_id, self.archived, self.today)
        dice, count = self.dice, self.count
        general = round(count * 0.06) if count >= 10 else 0
        if count:
            with_entries = projects[: max(1, min(len(projects), count - general))]
            spans = [max(10, (self._end(p) - _signed(p)).days) for p in with_entries]
            for project, share in zip(with_entries, _split(count - general, spans), strict=True):
                self.mood, self.previous = 1.2, datetime.min
                self._project_entries(project, share)
            if general:
                first = min(_signed(p) for p in projects)
                last = max(self._end(p) for p in projects) if self.archived else self.today
                span = max(0, (last - first).days)
                for day in sorted(dice.between(0, span) for _ in range(general)):
                    self._general_entry(first + DAYS[day])
        self.entries.sort(key=_occurred_at)
        return ClientJournal(client, tuple(projects), tuple(self.entries))

    def _end(self, project: Project) -> date:
        if project.status is ProjectStatus.DELIVERED and project.delivered_on is not None:
            return project.delivered_on
        if project.status is ProjectStatus.CANCELLED:
            assert project.due_on is not None
            return min(project.due_on, self.today)
        # Active projects' stories end yesterday: today's hours are mostly still to come, and a story's last
        # entries squeezed into what is left of them would crowd the top of the timeline.
        return self.today - DAYS[1]

    def _project_entries(self, project: Project, count: int) -> None:
        """A project's story: signed, then updates, changes, promises, setbacks…, then its end."""
        dice = self.dice
        start, end = _signed(project), self._end(project)
        closing = project.status is not ProjectStatus.ACTIVE and count >= 2
        first_day = start + DAYS[1]
        span = (end - first_day).days - closing
        days = sorted(
            first_day + DAYS[dice.between(0, span)] if span >= 0 else start
            for _ in range(count - 1 - closing)
        )
        title = self._quoted(project.title)
        self._add(project.id, title, start, K.CONTRACT_SIGNED, "")
        # Follow-ups, soonest first: (not before, follow-up text, kind, the part it is about).
        pending: list[tuple[date, str, EntryKind, str]] = []
        for day in days:
            if pending and pending[0][0] <= day and dice.random() < 0.8:
                _, follow, kind, part = pending.pop(0)
                self._add(project.id, title, day, kind, follow, part)
                continue
            kind = dice.weighted(_MIDDLE_KINDS, _MIDDLE_CUMULATIVE)
            promise = self._add(project.id, title, day, kind, "")
            part = self.last_part
            if kind is K.CHANGE_REQUEST:
                pending.append((day + DAYS[dice.between(1, 8)], "", K.CHANGE_AGREED, part))
            elif kind is K.SETBACK:
                if dice.random() < 0.7:  # tell the client soon, in a live conversation
                    pending.append((day + DAYS[dice.between(0, 2)], "told", K.CALL, part))
                pending.append((day + DAYS[dice.between(2, 12)], "", K.PROBLEM_SOLVED, part))
            elif promise is not None and promise.resolved_on is not None:
                outcome = _OUTCOME[promise.status]
                follow_kind = K.SETBACK if outcome == "broken" else K.DELIVERY
                pending.append((promise.resolved_on, outcome, follow_kind, part))
            if len(pending) > 1:
                pending.sort(key=_first)
        if closing:
            final = "final" if project.status is ProjectStatus.DELIVERED else "cancel"
            self._add(project.id, title, end, K.DELIVERY if final == "final" else K.NOTE, final)

    def _general_entry(self, day: date) -> None:
        """An entry about the client rather than a project: invoices, referrals, greetings."""
        dice, lang = self.dice, self.lang
        kind = dice.pick(_GENERAL_KINDS)
        month = phrases.MONTHS[lang][(day.month - 2) % 12]
        text = dice.pick(phrases.GENERAL[lang]).format(n=self.first, x=month)
        moment = self._moment(day, kind)
        self.entries.append(
            Entry(
                dice.uuid(),
                self.client_id,
                moment,
                kind,
                text,
                self._channel(kind),
                self._moods(kind, self.baseline),
            )
        )

    def _add(
        self, project_id: str, title: str, day: date, kind: EntryKind, follow: str, part: str = ""
    ) -> Promise | None:
        """Make up one entry of a project; ``part`` is what a follow-up is about."""
        dice, lang = self.dice, self.lang
        r = dice.random
        promise = None
        parts = phrases.PARTS[lang]
        self.last_part = part = part or parts[int(r() * len(parts))]
        slots = _Slots(n=self.first, p=title, c=part)
        slots.maker, slots.day = self, day
        if kind is K.PROMISE:
            due = day + DAYS[4 + int(r() * 18)]
            slots["due"] = self._date_text(due)
            promise = self._promise(day, due)

        effect = -1.4 if follow == "broken" else 1.0 if follow == "early" else _MOOD_EFFECT.get(kind, 0.0)
        mood = self.mood + effect + (self.baseline - self.mood) * 0.15 + (r() - 0.5) * 0.87
        self.mood = mood = -2.2 if mood < -2.2 else 2.2 if mood > 2.2 else mood

        if follow:
            template = phrases.FOLLOW[(follow, lang)]
            if follow == "broken":
                template += "; " + dice.pick(phrases.DETAIL[(K.SETBACK, lang)]).lower() + "."
        else:
            template = dice.pick(phrases.OPEN[(kind, lang)])
            details = phrases.DETAIL.get((kind, lang))
            slots["x"] = dice.pick(details).format_map(slots) if details else ""
        text = template.format_map(slots)
        roll = r()
        if roll < 0.45:
            text += " " + dice.pick(phrases.TAILS[lang]).format_map(slots)
        elif roll < 0.6 and (mood > 0.8 or mood < -0.8):
            text += " " + dice.pick(phrases.MOOD_TAILS[(lang, 1 if mood > 0 else -1)]).format_map(slots)

        # When: office hours mostly, weekend work logged on Friday, and in the order made up.
        weekday = day.weekday()
        if weekday >= 5 and kind is not K.CONTRACT_SIGNED and r() < 0.85:
            day -= DAYS[weekday - 4]
        minute = 5 * int(r() * 12) if kind in ROUND_MINUTES else int(r() * 60)
        moment = datetime(day.year, day.month, day.day, self._hour(day), minute)
        if moment <= self.previous:
            moment = self.previous + timedelta(minutes=5 + int(r() * 86))
        if moment > self.now:
            # The story ran past today: fit the rest into the time left (rather than onto "now", where the
            # demo's last entries would otherwise all meet at the top of the timeline).
            moment = self.previous + (self.now - self.previous) * (0.2 + 0.6 * r())
            moment = max(moment.replace(microsecond=0), self.previous)
        self.previous = moment

        entry_id, at = dice.uuid(), moment.replace(tzinfo=oslo_offset(moment.date()))
        channel = self._channel(kind)  # before the moods: the dice are thrown in the order they always were
        told_at = at if kind is K.PROBLEM_SOLVED and channel is not None and channel.is_live else None
        if follow == "told":
            self._mark_told(project_id, at)
        self.entries.append(
            Entry(
                entry_id,
                self.client_id,
                at,
                kind,
                text,
                channel,
                self._moods(kind, mood),
                project_id,
                None if promise is None else replace(promise, title=part[:1].upper() + part[1:]),
                client_told_at=told_at,
            )
        )
        return promise

    def _mark_told(self, project_id: str, at: datetime) -> None:
        """The latest setback of the project not told yet was told at ``at`` (a call about the delay)."""
        for index in range(len(self.entries) - 1, -1, -1):
            entry = self.entries[index]
            if entry.project_id == project_id and entry.kind is K.SETBACK and entry.client_told_at is None:
                self.entries[index] = replace(entry, client_told_at=at)
                return


class _Slots(dict[str, str]):
    """The values of a text's ``{slots}``; the costlier ones are made up only when a text asks for them."""

    __slots__ = ("day", "maker")
    maker: _ClientMaker
    day: date

    def __missing__(self, key: str) -> str:
        maker = self.maker
        dice, lang = maker.dice, maker.lang
        if key == "c2":
            value = dice.pick(phrases.PARTS[lang])
            if value == self["c"]:
                value = phrases.PARTS[lang][(phrases.PARTS[lang].index(value) + 1) % len(phrases.PARTS[lang])]
        elif key == "due":
            value = maker._date_text(self.day + DAYS[dice.between(4, 21)])
        elif key == "pct":
            value = str(5 * dice.between(4, 18))
        elif key == "wd":
            value = dice.pick(phrases.WEEKDAYS[lang])
        elif key == "days":
            value = str(dice.between(2, 40))
        else:
            raise KeyError(key)
        self[key] = value
        return value


_occurred_at = attrgetter("occurred_at")
_first = itemgetter(0)


def _signed(project: Project) -> date:
    assert project.contract_signed_on is not None
    return project.contract_signed_on


def _split(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder), each part at least 1 if possible."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: parts[i] - raw[i])
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    for i, part in enumerate(parts):
        if part == 0 and total >= len(parts):
            donor = parts.index(max(parts))
            parts[donor] -= 1
            parts[i] = 1
    return parts
