"""How a demo entry's details are rolled: a promise's fate, the moods, the channel, the time of day.

:class:`EntryDetails` is the base of the generator's client maker: its methods throw the maker's dice, in the
order the generator calls them (the same seed must keep giving the same journals).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from clientjournal.demo import phrases
from clientjournal.demo.dice import Dice, cumulative
from clientjournal.demo.oslo import oslo_offset
from clientjournal.domain.entities import Promise
from clientjournal.domain.enums import Channel, EntryKind, PromiseStatus
from clientjournal.domain.moods import DEFAULT_MOODS

__all__ = ["DAYS", "LIVE", "LIVE_CUMULATIVE", "ROUND_MINUTES", "EntryDetails"]

K = EntryKind

# Mood names from the most positive to the most negative.
_MOOD_LADDER = tuple(m.name for m in sorted(DEFAULT_MOODS, key=lambda m: -m.valence.score * m.intensity))
LIVE = (
    Channel.EMAIL,
    Channel.PHONE,
    Channel.MEETING,
    Channel.VIDEO,
    Channel.MESSAGE,
    Channel.OTHER,
)
_LIVE_WEIGHTS = (40, 20, 10, 10, 15, 5)
_KIND_CHANNEL = {K.CALL: Channel.PHONE, K.EMAIL: Channel.EMAIL, K.MESSAGE: Channel.MESSAGE}

_HOURS = (8, 9, 9, 10, 10, 11, 12, 13, 13, 14, 14, 15, 15, 16, 17, 19, 21)
DAYS = tuple(timedelta(days=n) for n in range(400))
LIVE_CUMULATIVE = cumulative(_LIVE_WEIGHTS)
ROUND_MINUTES = frozenset((K.MEETING, K.CALL))
_LAST_MOOD = len(_MOOD_LADDER) - 1
_HOUR_COUNT = len(_HOURS)

_STILL_OPEN_DAYS = 21
"""Older promises left open would be a freelancer's months-old backlog: they are marked broken instead."""


class EntryDetails:
    """The dice of one entry's details, for a maker that sets these attributes."""

    dice: Dice
    lang: str
    preferred: Channel | None
    """The client's preferred channel, if they have one."""
    now: datetime
    """Oslo's wall-clock time, naive."""
    today: date

    def _promise(self, day: date, due: date) -> Promise:
        """A promise's fate: kept, kept early, broken, or still open (sometimes overdue)."""
        dice, today = self.dice, self.today
        roll = dice.random()
        if due >= today:  # not due before today: not broken yet
            soonest = min(due, today)
            if roll < 0.2 and (soonest - day).days > 1:
                resolved = day + DAYS[dice.between(1, (soonest - day).days - 1)]
                return Promise(due, PromiseStatus.KEPT_EARLY, resolved)
            return Promise(due)
        if roll < 0.55:
            return Promise(due, PromiseStatus.KEPT, due)
        if roll < 0.8 and (due - day).days > 1:
            early = due - DAYS[dice.between(1, (due - day).days - 1)]
            return Promise(due, PromiseStatus.KEPT_EARLY, early)
        if roll < 0.95 or (today - due).days > _STILL_OPEN_DAYS:
            broken = min(due + DAYS[dice.between(1, 5)], today)
            return Promise(due, PromiseStatus.BROKEN, broken)
        return Promise(due)  # recently overdue and still open: the coach should notice

    def _moods(self, kind: EntryKind, mood: float) -> tuple[str, ...]:
        dice = self.dice
        if dice.random() > (0.3 if kind is K.NOTE else 0.8):
            return ()
        index = round((1.8 - mood) * 2.0 + (dice.random() - 0.5) * 1.4)
        index = 0 if index < 0 else _LAST_MOOD if index > _LAST_MOOD else index
        if dice.random() < 0.15:
            other = index + (1 if dice.random() < 0.5 else -1)
            if 0 <= other <= _LAST_MOOD:
                return (_MOOD_LADDER[index], _MOOD_LADDER[other])
        return (_MOOD_LADDER[index],)

    def _channel(self, kind: EntryKind) -> Channel | None:
        dice = self.dice
        if kind is K.NOTE:
            return None
        fixed = _KIND_CHANNEL.get(kind)
        if fixed is not None:
            return Channel.VIDEO if kind is K.CALL and dice.random() < 0.2 else fixed
        if kind is K.MEETING:
            return Channel.VIDEO if dice.random() < 0.3 else Channel.MEETING
        if self.preferred is not None and dice.random() < 0.65:
            return self.preferred
        return dice.weighted(LIVE, LIVE_CUMULATIVE)

    def _hour(self, day: date) -> int:
        """An hour of the working day; today, one that is over already."""
        hour = _HOURS[int(self.dice.random() * _HOUR_COUNT)]
        if day == self.today and hour >= self.now.hour:
            return max(0, self.now.hour - 1 - int(self.dice.random() * 7))
        return hour

    def _moment(self, day: date, kind: EntryKind) -> datetime:
        r = self.dice.random
        weekday = day.weekday()
        if weekday >= 5 and r() < 0.85:
            day -= DAYS[weekday - 4]
        minute = 5 * int(r() * 12) if kind in ROUND_MINUTES else int(r() * 60)
        moment = min(datetime(day.year, day.month, day.day, self._hour(day), minute), self.now)  # min: 00:xx
        return moment.replace(tzinfo=oslo_offset(moment.date()))

    def _date_text(self, day: date) -> str:
        if self.lang == "nb":
            return f"{day.day}. {phrases.MONTHS['nb'][day.month - 1]}"
        return f"{day.day} {phrases.MONTHS['en'][day.month - 1]}"

    def _quoted(self, title: str) -> str:
        left, right = phrases.QUOTES[self.lang]
        return left + title + right
