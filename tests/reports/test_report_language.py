"""Which language each section of a report is written in: the one asked for, else the client's own, else the
user's — never a guess from a phone number or an address."""

from __future__ import annotations

import report_sample as sample

from clientjournal.reports import ReportOptions
from clientjournal.reports.builder import gather
from clientjournal.services.session import VaultSession


def languages(session: VaultSession, **options: object) -> list[str]:
    chosen = ReportOptions(clients=("kari", "zoe", "empty"), **options)  # type: ignore[arg-type]
    return [material.language for material in gather(session, chosen, sample.NOW)]


def test_each_client_in_their_own_language_and_the_rest_in_the_users(report_session: VaultSession) -> None:
    assert languages(report_session) == ["nb", "en", "en"]
    assert languages(report_session, user_language="nb") == ["nb", "en", "nb"]


def test_a_chosen_language_is_every_sections(report_session: VaultSession) -> None:
    assert languages(report_session, language="en", user_language="nb") == ["en", "en", "en"]
    assert languages(report_session, language="nb") == ["nb", "nb", "nb"]


def test_an_unknown_user_language_is_english(report_session: VaultSession) -> None:
    assert languages(report_session, user_language="de") == ["nb", "en", "en"]
