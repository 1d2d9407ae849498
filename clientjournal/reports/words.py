"""The report's words: its texts in each language (``resources/reports/texts.json``), dates, numbers and the
few rules for turning journal values into short, safe strings (clipping, masking, promise titles).

The playbook of the same language supplies channel, mood, month and step names, so the report and the coach
call things alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from clientjournal.coach import Playbook, load_playbook
from clientjournal.coach.facts import entry_channel, informs_client
from clientjournal.coach.playbook import LANGUAGES
from clientjournal.domain import Client, ClientJournal, Entry
from clientjournal.domain.enums import Channel
from clientjournal.resources import resource
from clientjournal.services.timeline.index import Grouping

MAX_TITLE = 140
"""Characters of a name or title shown; the rest is counted, not printed."""


@cache
def report_texts(language: str) -> Mapping[str, Any]:
    """The report's own texts in ``language`` (resources/reports/texts.json)."""
    every = json.loads(resource("reports", "texts.json").read_text(encoding="utf-8"))
    texts: Mapping[str, Any] = every[language]
    return texts


@dataclass(frozen=True, slots=True)
class Words:
    """The texts and formats of one language."""

    language: str
    t: Mapping[str, Any]
    playbook: Playbook

    @classmethod
    def of(cls, language: str) -> Words:
        return cls(language, report_texts(language), load_playbook(language))

    def __call__(self, key: str, **values: object) -> str:
        text: str = self.t[key]
        return text.format(**values) if values else text

    def day(self, day: date | None) -> str:
        """A date for tables: "27 Nov 2026", "27.11.2026"."""
        if day is None:
            return self("not_given")
        text: str = self.t["date_short"]
        return text.format(
            day=day.day, month=day.month, mon=self.t["months_short"][day.month - 1], year=day.year
        )

    def long_day(self, day: date) -> str:
        return self.playbook.format_date(day)

    def month(self, day: date) -> str:
        return f"{self.playbook.months[day.month - 1]} {day.year}".capitalize()

    def tick(self, day: date, bucket: Grouping, long_span: bool) -> str:
        short = self.t["months_short"][day.month - 1]
        if bucket is Grouping.MONTH or long_span:
            return f"{short} {day.year}"
        text: str = self.t["tick_day"]
        return text.format(day=day.day, mon=short)

    def number(self, value: float, signed: bool = True) -> str:
        """One decimal, a real minus sign, a decimal comma in Norwegian; no sign on a value that rounds to 0."""
        value = round(value, 1) or 0.0  # -0.04 gives "0.0", not "−0.0"
        text = f"{value:+.1f}" if signed and value else f"{value:.1f}"
        text = text.replace("-", "−")
        return text.replace(".", ",") if self.language == "nb" else text

    def percent(self, rate: float) -> str:
        return self("percent", n=round(rate * 100))

    def channel(self, channel: Channel | None) -> str:
        if channel is None:
            return self("not_given")
        return self.playbook.channels.get(channel, channel.value)

    def mood(self, name: str) -> str:
        return self.playbook.moods.get(name, name)


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def clip(text: str, limit: int, words: Words) -> str:
    """``text`` without surrounding space, cut at a word near ``limit`` characters with a note of the rest."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit - 60, limit)
    cut = cut if cut > 0 else limit
    return text[:cut].rstrip() + " " + words("truncated", n=f"{len(text) - cut:,}".replace(",", "\u202f"))


_SENTENCE_END = re.compile(r"(?<=[^\d\s][.!?…])\s|(?<=[!?…])\s|\n")
"""White space after a sentence's end: not after "26." ("innen 26. oktober", a Norwegian date)."""


def first_sentence(text: str) -> str:
    text = text.strip()
    match = _SENTENCE_END.search(text)
    return (text[: match.start()] if match else text).strip()


def promise_title(entry: Entry) -> str:
    """A promise's title: its own when it has one (a field another version may add), else its entry's first
    sentence."""
    own = getattr(entry.promise, "title", None) or entry.extra.get("title")
    if isinstance(own, str) and own.strip():
        return own.strip()
    return first_sentence(entry.text)


def is_private(entry: Entry) -> bool:
    """An entry without a channel: neither written on it nor implied by its kind."""
    return entry_channel(entry) is None


def client_language(client: Client, default: str = "en") -> str:
    """The language to write to ``client`` in: its own ``language`` when set, else ``default`` (the user's;
    English when the report has no texts in it)."""
    if client.language in LANGUAGES:
        return client.language
    return default if default in LANGUAGES else "en"


def told_text(index: int, entries: Sequence[Entry], words: Words) -> tuple[str, bool]:
    """How the setback ``entries[index]`` reached the client: the text, and whether it did."""
    setback, told = entries[index], None
    if setback.client_told_at is not None:  # the channel alone never says the client was told
        told = (setback.client_told_at, setback.channel)
    for later in entries[index + 1 :] if told is None else ():
        if (later.project_id is None or later.project_id == setback.project_id) and informs_client(later):
            told = (later.occurred_at, entry_channel(later))
            break
    if told is None:
        return words("not_told"), False
    day, channel = words.day(told[0].date()), told[1]
    if channel is None:
        return words("told_on", date=day), True
    return words("told_by_on", channel=words.channel(channel), date=day), True


def mask_email(email: str) -> str:
    local, at, domain = email.strip().partition("@")
    if not at:
        return "•" * min(len(local), 8)
    host, dot, tld = domain.rpartition(".")
    if not dot:
        host, tld = domain, ""
    return f"{local[:1]}•••@{host[:1]}•••{dot}{tld}"


def mask_phone(phone: str) -> str:
    digits = sum(c.isdigit() for c in phone)
    seen = 0
    out = []
    for char in phone.strip():
        if char.isdigit():
            seen += 1
            out.append(char if seen > digits - 2 else "•")
        else:
            out.append(char)
    return "".join(out)


def project_titles(journal: ClientJournal, words: Words) -> dict[str, str]:
    return {p.id: clip(p.title, MAX_TITLE, words) for p in journal.projects}


def rhythm(days: int | None, words: Words) -> str:
    if days is None or days <= 0:
        return words("rhythm_none")
    if days in (1, 7, 14, 30):
        return words(f"rhythm_{days}")
    return words("rhythm_n", n=days)
