"""The playbook resource: complete, validated, and the same shape in English and Norwegian."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from clientjournal.coach import ACTION_NAMES, LANGUAGES, PlaybookError, load_playbook
from clientjournal.coach.playbook import normalize_language
from clientjournal.coach.playbook_reader import (
    REASON_FIELDS,
    TEMPLATE_FIELDS,
    parse_playbook,
    placeholders,
)
from clientjournal.coach.values import ACTION_SPECS
from clientjournal.domain.enums import Channel
from clientjournal.resources import resource


def raw(language: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource("playbook", f"{language}.json").read_text("utf-8"))
    return data


def leaves(node: object, path: str = "$") -> dict[str, str]:
    """Every text of the file by its path; a list of strings (body lines, a checklist) is one text."""
    if isinstance(node, dict):
        found: dict[str, str] = {}
        for key, value in node.items():
            found.update(leaves(value, f"{path}.{key}"))
        return found
    if isinstance(node, list) and all(isinstance(item, str) for item in node):
        return {path: "\n".join(node)}
    if isinstance(node, list):
        found = {}
        for index, value in enumerate(node):
            found.update(leaves(value, f"{path}[{index}]"))
        return found
    return {path: str(node)}


def test_english_and_norwegian_have_the_same_keys_and_placeholders() -> None:
    en, nb = leaves(raw("en")), leaves(raw("nb"))
    assert en.keys() == nb.keys()
    mismatched = [p for p in en if placeholders(en[p]) != placeholders(nb[p])]
    assert mismatched == []
    assert [p for p in en if en[p] == nb[p] and placeholders(en[p]) == frozenset()] == [
        "$.format",
        "$.version",
        "$.steps[0].number",
        "$.steps[1].number",
        "$.steps[2].number",
        "$.steps[3].number",
        "$.steps[4].number",
        "$.steps[5].number",
        "$.steps[6].number",
        "$.steps[7].number",
        "$.actions.kickoff_talk.step",
        "$.actions.agree_channel_cadence.step",
        "$.actions.progress_update_due.step",
        "$.actions.progress_update_overdue.step",
        "$.actions.discuss_change_request.step",
        "$.actions.mirror_feelings.step",
        "$.actions.tell_setback.step",
        "$.actions.promise_due_soon.step",
        "$.actions.promise_due_today.step",
        "$.actions.promise_overdue.step",
        "$.actions.promise_at_risk.step",
        "$.actions.confirm_promise.step",
        "$.actions.deliver_early.step",
        "$.actions.highlight_delivery.step",
        "$.actions.explain_solved_problem.step",
    ]  # everything else is translated


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_step_and_action_is_there(language: str) -> None:
    book = load_playbook(language)
    assert book.language == language
    assert [s.number for s in book.steps] == list(range(1, 9))
    for step in book.steps:
        assert 3 <= len(step.checklist) <= 5
        assert set(step.templates) == set(Channel)
        for channel in (Channel.PHONE, Channel.VIDEO, Channel.MEETING):
            assert step.templates[channel].body.startswith("- ")  # talking points
        assert "{client_first_name}" in step.templates[Channel.EMAIL].body
        assert step.templates[Channel.EMAIL].body.rstrip().endswith("{sender_name}")
    assert set(book.actions) == set(ACTION_NAMES)
    for name, texts in book.actions.items():
        assert texts.step == ACTION_SPECS[name].step
        assert placeholders(texts.title) <= REASON_FIELDS
        assert placeholders(texts.reason) <= REASON_FIELDS
        for channel in Channel:
            assert placeholders(book.template(name, channel).body) <= TEMPLATE_FIELDS


def test_step_five_owns_the_setback_instead_of_seeking_comfort() -> None:
    for language, word in (("en", "responsib"), ("nb", "ansvar")):
        step = load_playbook(language).step(5)
        texts = " ".join((step.purpose, *step.checklist, step.templates[Channel.EMAIL].body))
        assert word in texts.lower()
        for banned in ("pretend", "act upset", "comfort you", "opprørt", "berolige deg"):
            assert banned not in texts.lower()


def test_dates_and_day_counts_are_localised() -> None:
    from datetime import date

    en, nb = load_playbook("en"), load_playbook("nb")
    assert en.format_date(date(2026, 2, 3)) == "3 February 2026"
    assert nb.format_date(date(2026, 2, 3)) == "3. februar 2026"
    assert (en.format_days(1), en.format_days(2)) == ("1 day", "2 days")
    assert (nb.format_days(1), nb.format_days(2)) == ("1 dag", "2 dager")
    assert nb.mood_name("frustrated") == "frustrert"
    assert nb.mood_name("my-own-tag") == "my-own-tag"


@pytest.mark.parametrize(
    ("given", "code"), [("en", "en"), ("EN", "en"), ("nb_NO", "nb"), ("nb-NO", "nb"), ("no", "nb")]
)
def test_language_codes_are_normalised(given: str, code: str) -> None:
    assert normalize_language(given) == code
    assert load_playbook(given).language == code


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(PlaybookError, match="de"):
        load_playbook("de")


def broken(change: Any) -> list[str]:
    data = copy.deepcopy(raw("en"))
    change(data)
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(data)
    return caught.value.problems


def test_the_shipped_file_parses() -> None:
    assert parse_playbook(raw("nb")).language == "nb"


def test_a_missing_step_is_reported() -> None:
    problems = broken(lambda d: d["steps"].pop(3))
    assert problems == ["$.steps: expected steps numbered 1 to 8, in order"]


def test_a_missing_action_and_a_wrong_step_are_both_reported() -> None:
    def change(d: dict[str, Any]) -> None:
        del d["actions"]["tell_setback"]
        d["actions"]["deliver_early"]["step"] = 6

    assert set(broken(change)) == {
        "$.actions.tell_setback: missing",
        "$.actions.deliver_early.step: expected 7",
    }


def test_unknown_or_malformed_placeholders_are_reported() -> None:
    def change(d: dict[str, Any]) -> None:
        d["actions"]["kickoff_talk"]["title"] = "Call {client_nam}"
        d["steps"][0]["templates"]["email"]["subject"] = "Hello {oops"

    problems = broken(change)
    assert "$.actions.kickoff_talk.title: unknown placeholder(s) client_nam" in problems
    assert any(p.startswith("$.steps[0].templates.email.subject: malformed") for p in problems)


def test_templates_must_cover_every_channel() -> None:
    problems = broken(lambda d: d["steps"][1]["templates"].pop("video"))
    assert problems == ["$.steps[1].templates.video: missing"]


def test_missing_phrases_and_wrong_format_are_reported() -> None:
    assert broken(lambda d: d["phrases"].pop("tone_warm")) == ["$.phrases.tone_warm: missing"]
    assert broken(lambda d: d.update(version=2)) == ["$: expected format 'clientjournal-playbook', version 1"]
