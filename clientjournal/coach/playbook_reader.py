"""Loading and checking a playbook file, ``resources/playbook/<language>.json``, into a :class:`Playbook`.

A file that is incomplete or uses an unknown placeholder is refused with every problem listed, so a
translation cannot silently break the coach.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from clientjournal.coach.feelings import Register
from clientjournal.coach.playbook import (
    LANGUAGES,
    ActionTexts,
    ListenFirst,
    MessageTemplate,
    Playbook,
    PlaybookError,
    PlaybookStep,
    normalize_language,
)
from clientjournal.coach.values import ACTION_SPECS
from clientjournal.domain.enums import Channel
from clientjournal.domain.moods import DEFAULT_MOODS
from clientjournal.resources import resource

STEP_NUMBERS = tuple(range(1, 9))

REASON_FIELDS = frozenset(
    {
        "client_name",
        "project_title",
        "channel",
        "due_on",
        "entry_on",
        "days",
        "ago",
        "due_in",
        "cadence",
        "what",
        "reason",
        "moods",
        "trend",
        "tone",
        "missing",
    }
)
"""Placeholders an action's title and reason may use."""

TEMPLATE_FIELDS = frozenset(
    {
        "client_name",
        "client_first_name",
        "project_title",
        "due_on",
        "sender_name",
        "what",
        "reason",
        "moods",
        "entry_on",
        "at_risk",
    }
)
"""Placeholders a message template may use: ``what`` is the promise's title, the setback's or the change's text
(quoted), ``reason`` the setback that puts a promise at risk, ``moods`` the client's latest moods, ``at_risk`` the
sentence (phrase ``draft_at_risk``) naming each promise a setback puts at risk when they share a card (else empty)."""

MERGEABLE_ACTIONS = frozenset({"mirror_feelings", "promise_at_risk"})
"""Actions that can join another's card (:mod:`clientjournal.coach.merge`): each needs an ``also`` text."""

LISTEN_FIRST_ACTIONS = frozenset({"progress_update_due", "progress_update_overdue"})
"""Actions a rule marks :attr:`~clientjournal.coach.values.Finding.listen_first` for a strongly upset client:
each needs a ``listen_first`` block (the reason to show then, and talking points that open a live draft)."""

REQUIRED_PHRASES = frozenset(
    {
        "no_project",
        "no_date",
        "no_description",
        "missing_channel",
        "missing_cadence",
        "missing_both",
        "trend_strong",
        "trend_falling",
        "draft_what",
        "draft_reason",
        "draft_moods",
        "draft_entry_on",
        "draft_at_risk",
        *(f"tone_{register.value}" for register in Register),
    }
)


PHRASE_FIELDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {"draft_at_risk": frozenset({"what", "due_on"})}
)
"""The placeholders of the phrases that have any: ``draft_at_risk`` names one promise at risk, in a message."""


@lru_cache(maxsize=len(LANGUAGES))
def load_playbook(language: str = "en") -> Playbook:
    """The playbook shipped for ``language`` (cached: the result is immutable)."""
    code = normalize_language(language)
    text = resource("playbook", f"{code}.json").read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlaybookError([f"{code}.json is not valid JSON: {exc}"]) from exc
    return parse_playbook(data)


def placeholders(text: str) -> frozenset[str]:
    """The ``{name}`` placeholders of a template (raises ValueError on a malformed one)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def parse_playbook(data: object) -> Playbook:
    """Check a decoded playbook file and build it; raises :class:`PlaybookError`."""
    reader = _Reader()
    playbook = reader.playbook(data)
    if reader.problems or playbook is None:
        raise PlaybookError(reader.problems or ["$: not a playbook"])
    return playbook


class _Reader:
    """Reads the JSON tree, collecting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def obj(self, value: object, path: str) -> dict[str, object]:
        if isinstance(value, dict):
            return value
        self.fail(path, "expected an object")
        return {}

    def text(self, value: object, path: str, allowed: frozenset[str] = frozenset()) -> str:
        if isinstance(value, list) and all(isinstance(line, str) for line in value):
            value = "\n".join(value)
        if not isinstance(value, str) or not value.strip():
            self.fail(path, "expected a non-empty text")
            return ""
        try:
            unknown = placeholders(value) - allowed
        except ValueError as exc:
            self.fail(path, f"malformed placeholder ({exc})")
            return value
        if unknown:
            self.fail(path, f"unknown placeholder(s) {', '.join(sorted(unknown))}")
        return value

    def texts(
        self,
        value: object,
        path: str,
        keys: frozenset[str],
        fields: Mapping[str, frozenset[str]] | None = None,
    ) -> dict[str, str]:
        """``fields``: the placeholders each key may use (none for a key it does not name)."""
        found = self.obj(value, path)
        for key in sorted(keys - found.keys()):
            self.fail(f"{path}.{key}", "missing")
        allowed = fields or {}
        return {
            key: self.text(item, f"{path}.{key}", allowed.get(key, frozenset()))
            for key, item in found.items()
        }

    def templates(self, value: object, path: str, *, required: bool) -> dict[Channel, MessageTemplate]:
        found = self.obj(value, path)
        if not found and not required:
            return {}
        result: dict[Channel, MessageTemplate] = {}
        for channel in Channel:
            if channel.value not in found:
                self.fail(f"{path}.{channel.value}", "missing")
                continue
            item = self.obj(found[channel.value], f"{path}.{channel.value}")
            result[channel] = MessageTemplate(
                subject=self.text(item.get("subject"), f"{path}.{channel.value}.subject", TEMPLATE_FIELDS),
                body=self.text(item.get("body"), f"{path}.{channel.value}.body", TEMPLATE_FIELDS),
            )
        for extra in sorted(set(found) - {c.value for c in Channel}):
            self.fail(f"{path}.{extra}", "not a channel")
        return result

    def step(self, value: object, path: str) -> PlaybookStep:
        item = self.obj(value, path)
        checklist = item.get("checklist")
        if not isinstance(checklist, list) or not 3 <= len(checklist) <= 5:
            self.fail(f"{path}.checklist", "expected a list of 3 to 5 items")
            checklist = []
        number = item.get("number")
        return PlaybookStep(
            number=number if isinstance(number, int) else 0,
            name=self.text(item.get("name"), f"{path}.name"),
            purpose=self.text(item.get("purpose"), f"{path}.purpose"),
            checklist=tuple(self.text(c, f"{path}.checklist[{i}]") for i, c in enumerate(checklist)),
            templates=MappingProxyType(
                self.templates(item.get("templates"), f"{path}.templates", required=True)
            ),
        )

    def action(self, name: str, value: object, path: str) -> ActionTexts:
        item = self.obj(value, path)
        spec = ACTION_SPECS.get(name)
        if spec is None:
            self.fail(path, "not an action the coach knows")
        elif item.get("step") != spec.step:
            self.fail(f"{path}.step", f"expected {spec.step}")
        return ActionTexts(
            name=name,
            step=spec.step if spec is not None else 0,
            title=self.text(item.get("title"), f"{path}.title", REASON_FIELDS),
            reason=self.text(item.get("reason"), f"{path}.reason", REASON_FIELDS),
            templates=MappingProxyType(
                self.templates(item.get("templates", {}), f"{path}.templates", required=False)
            ),
            also=self.text(item.get("also"), f"{path}.also", REASON_FIELDS)
            if name in MERGEABLE_ACTIONS or "also" in item
            else "",
            listen_first=self.listen_first(item.get("listen_first"), f"{path}.listen_first")
            if name in LISTEN_FIRST_ACTIONS or "listen_first" in item
            else None,
        )

    def listen_first(self, value: object, path: str) -> ListenFirst:
        item = self.obj(value, path)
        return ListenFirst(
            reason=self.text(item.get("reason"), f"{path}.reason", REASON_FIELDS),
            points=self.text(item.get("points"), f"{path}.points", TEMPLATE_FIELDS),
        )

    def playbook(self, data: object) -> Playbook | None:
        root = self.obj(data, "$")
        if root.get("format") != "clientjournal-playbook" or root.get("version") != 1:
            self.fail("$", "expected format 'clientjournal-playbook', version 1")
            return None
        language = root.get("language")
        if language not in LANGUAGES:
            self.fail("$.language", f"expected one of {', '.join(LANGUAGES)}")
        raw_steps = root.get("steps")
        steps = (
            [self.step(s, f"$.steps[{i}]") for i, s in enumerate(raw_steps)]
            if isinstance(raw_steps, list)
            else []
        )
        if [s.number for s in steps] != list(STEP_NUMBERS):
            self.fail("$.steps", "expected steps numbered 1 to 8, in order")
        actions_obj = self.obj(root.get("actions"), "$.actions")
        for name in sorted(ACTION_SPECS.keys() - actions_obj.keys()):
            self.fail(f"$.actions.{name}", "missing")
        actions = {n: self.action(n, v, f"$.actions.{n}") for n, v in actions_obj.items()}
        dates = self.obj(root.get("dates"), "$.dates")
        months = dates.get("months")
        if not isinstance(months, list) or len(months) != 12:
            self.fail("$.dates.months", "expected 12 month names")
            months = [""] * 12
        units = self.obj(root.get("units"), "$.units")
        channels = self.texts(root.get("channels"), "$.channels", frozenset(c.value for c in Channel))
        moods = self.texts(root.get("moods"), "$.moods", frozenset(m.name for m in DEFAULT_MOODS))
        phrases = self.texts(root.get("phrases"), "$.phrases", REQUIRED_PHRASES, PHRASE_FIELDS)
        month_names = tuple(self.text(m, f"$.dates.months[{i}]") for i, m in enumerate(months))
        date_format = self.text(dates.get("format"), "$.dates.format", frozenset({"day", "month", "year"}))
        day_one = self.text(units.get("day_one"), "$.units.day_one", frozenset({"n"}))
        day_other = self.text(units.get("day_other"), "$.units.day_other", frozenset({"n"}))
        ago_today = self.text(units.get("ago_today"), "$.units.ago_today")
        ago_yesterday = self.text(units.get("ago_yesterday"), "$.units.ago_yesterday")
        ago_other = self.text(units.get("ago_other"), "$.units.ago_other", frozenset({"n"}))
        in_one = self.text(units.get("in_one"), "$.units.in_one")
        in_other = self.text(units.get("in_other"), "$.units.in_other", frozenset({"n"}))
        language_name = self.text(root.get("language_name"), "$.language_name")
        if self.problems:
            return None
        channel_values = {c.value for c in Channel}
        return Playbook(
            language=str(language),
            language_name=language_name,
            steps=tuple(steps),
            actions=MappingProxyType(actions),
            channels=MappingProxyType({Channel(k): v for k, v in channels.items() if k in channel_values}),
            moods=MappingProxyType(moods),
            phrases=MappingProxyType(phrases),
            months=month_names,
            date_format=date_format,
            day_one=day_one,
            day_other=day_other,
            ago_today=ago_today,
            ago_yesterday=ago_yesterday,
            ago_other=ago_other,
            in_one=in_one,
            in_other=in_other,
        )
