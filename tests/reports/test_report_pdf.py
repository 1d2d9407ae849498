"""The client summary PDF as its readers and their tools see it (issue #11)."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
import report_sample as sample
from pdftools import alt_texts, fonts_embedded, pdf_info, pdf_text, qpdf_check, saved

from clientjournal.coach.playbook_reader import load_playbook
from clientjournal.errors import NotFoundError, ValidationError
from clientjournal.reports import (
    Audience,
    ReportExistsError,
    ReportOptions,
    build_report,
    page_count,
    write_report,
)
from clientjournal.services.session import VaultSession

NOW = sample.NOW


def report(session: VaultSession, *clients: str, **options: object) -> bytes:
    return build_report(session, ReportOptions(clients=clients, **options), NOW)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def norwegian_pdf(report_session: VaultSession) -> bytes:
    return report(report_session, "kari")


@pytest.fixture(scope="module")
def english_pdf(report_session: VaultSession) -> bytes:
    return report(report_session, "kari", language="en")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_tagged_pdf_with_embedded_fonts_metadata_and_the_journals_text(
    language: str, norwegian_pdf: bytes, english_pdf: bytes, tmp_path: Path
) -> None:
    path = saved(norwegian_pdf if language == "nb" else english_pdf, tmp_path)
    info = pdf_info(path)
    title = {"nb": "Kundeoversikt", "en": "Client summary"}[language]
    assert info["Title"] == f"{title}: {sample.NB_NAME}"
    assert info["Tagged"] == "yes"
    assert info["Author"] == "ClientJournal"
    assert sample.NB_NAME in info["Subject"]
    assert info["CreationDate"].endswith("2026 UTC")
    pages = int(info["Pages"])
    assert pages == page_count(path.read_bytes()) >= 2
    assert {"Inter-Regular", "Inter-SemiBold"} <= {
        name.split("+")[1].split("-Identity")[0] for name in fonts_embedded(path)
    }
    qpdf_check(path)
    text = pdf_text(path)
    assert sample.NB_NAME in text and sample.NB_COMPANY in text
    for title_text in sample.PROMISE_TITLES.values():
        assert title_text in text
    page_words = {"nb": "Side {} av {}", "en": "Page {} of {}"}[language]
    for number in range(1, pages + 1):
        assert page_words.format(number, pages) in text
    assert (sample.NB_TEMPERAMENT in text) and sample.DELIVERY in text and sample.SOLVED in text
    # The mood chart is a figure with an alternative text in the report's language.
    (alt,) = alt_texts(path.read_bytes())
    assert alt.startswith(
        {"nb": "Linjediagram over kundens humør", "en": "Line chart of the client's mood"}[language]
    )
    # The catalogue's mood names in the report's language.
    assert load_playbook(language).moods["anxious"] in text.casefold()
    # Private notes (entries without a channel, such as the setback noted privately) only when asked for.
    assert sample.PRIVATE_NOTE not in text and sample.SETBACK not in text


def test_private_notes_when_asked_for_and_how_a_setback_was_told(
    report_session: VaultSession, tmp_path: Path
) -> None:
    text = pdf_text(saved(report(report_session, "kari", include_private=True), tmp_path))
    assert sample.PRIVATE_NOTE in text and sample.SETBACK in text
    assert "Private notater" in text
    told = sample.NOW.date() - timedelta(days=58)
    assert f"Fortalt via telefon {told:%d.%m.%Y}" in text


def test_the_pdf_language_is_the_clients_unless_chosen(norwegian_pdf: bytes, english_pdf: bytes) -> None:
    assert b"/Lang(nb)" in norwegian_pdf
    assert b"/Lang(en)" in english_pdf


def test_the_same_input_gives_the_same_bytes(report_session: VaultSession, norwegian_pdf: bytes) -> None:
    report_session.journal.forget_cached()
    assert report(report_session, "kari") == norwegian_pdf


def test_for_the_client_leaves_out_moods_temperament_private_notes_and_the_coach(
    report_session: VaultSession, tmp_path: Path
) -> None:
    for language in ("nb", "en"):
        options = {"audience": Audience.CLIENT, "include_private": True, "language": language}
        path = saved(report(report_session, "kari", "zoe", **options), tmp_path, f"client-{language}.pdf")
        text = pdf_text(path).casefold()
        qpdf_check(path)
        playbook = load_playbook(language)
        for mood in sample.MOODS:
            assert mood not in text
            assert playbook.moods[mood].casefold() not in text
        for secret in (
            sample.NB_TEMPERAMENT,
            sample.EN_TEMPERAMENT,
            sample.PRIVATE_NOTE,
            sample.EN_PRIVATE_NOTE,
        ):
            assert secret.casefold() not in text
        for client in ("kari", "zoe"):
            advice = report_session.coaching.client(client, NOW, language).actions
            assert advice, "the sample should give the coach something to say"
            for action in advice:
                assert action.reason.casefold() not in text
                assert action.title.casefold() not in text
        # What the client may see is there.
        for kept in (sample.DELIVERY, sample.CHANGE, sample.SOLVED, *sample.PROMISE_TITLES.values()):
            assert kept.casefold() in text
        assert sample.SETBACK.casefold() not in text
        assert {"nb": "til kunden", "en": "for the client"}[language] in text


def test_for_my_records_shows_the_coach_and_private_notes_when_asked(
    report_session: VaultSession, tmp_path: Path
) -> None:
    path = saved(report(report_session, "zoe", include_private=True), tmp_path)
    text = pdf_text(path)
    assert sample.EN_PRIVATE_NOTE in text and sample.EN_TEMPERAMENT in text
    first = report_session.coaching.client("zoe", NOW, "en").actions[0]
    assert first.title in text
    assert "Suggested next steps" in text and "Mood trend" in text


def test_several_clients_get_a_contents_page_bookmarks_and_a_section_each(
    report_session: VaultSession, tmp_path: Path
) -> None:
    path = saved(report(report_session, "kari", sample.EN_NAME, "empty", language="en"), tmp_path)
    text = pdf_text(path)
    assert "Contents" in text and "Client summaries" in text
    for name in (sample.NB_NAME, sample.EN_NAME, sample.EMPTY_NAME):
        assert name in text
    assert "No journal entries in this period." in text  # the empty journal
    outline = json.loads(
        subprocess.run(
            ["qpdf", "--json", "--json-key=outlines", str(path)], capture_output=True, check=True
        ).stdout
    )["outlines"]
    assert [entry["title"] for entry in outline] == [sample.NB_NAME, sample.EN_NAME, sample.EMPTY_NAME]
    assert "Projects" in [kid["title"] for kid in outline[0]["kids"]]
    pages = [entry["destpageposfrom1"] for entry in outline]
    assert pages == sorted(pages) and pages[0] >= 2


def test_the_period_masking_and_the_confidential_footer(report_session: VaultSession, tmp_path: Path) -> None:
    options = {
        "language": "en",
        "start": date(2026, 9, 1),
        "end": date(2026, 11, 27),
        "mask_contacts": True,
        "confidential": True,
    }
    text = pdf_text(saved(report(report_session, "kari", **options), tmp_path))
    assert sample.OLD_DELIVERY not in text  # April, before the period
    assert sample.DELIVERY in text
    assert "1 September 2026 – 27 November 2026" in text
    assert sample.NB_EMAIL not in text and sample.NB_PHONE not in text
    assert "k•••@f•••.no" in text and text.count("CONFIDENTIAL") >= 2
    whole = pdf_text(saved(report(report_session, "kari", language="en"), tmp_path, "whole.pdf"))
    assert sample.OLD_DELIVERY in whole and "CONFIDENTIAL" not in whole


def test_unknown_clients_and_bad_options_are_refused(report_session: VaultSession) -> None:
    with pytest.raises(NotFoundError):
        report(report_session, "nobody")
    with pytest.raises(ValidationError):
        ReportOptions(clients=("kari",), start=date(2026, 2, 1), end=date(2026, 1, 1))
    with pytest.raises(ValidationError):
        ReportOptions(clients=())
    with pytest.raises(ValidationError):
        ReportOptions(clients=("kari",), language="de")


def test_write_report_is_atomic_private_and_never_clobbers(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    write_report(target, b"%PDF-first")
    assert target.read_bytes() == b"%PDF-first"
    assert target.stat().st_mode & 0o777 == 0o600
    with pytest.raises(ReportExistsError):
        write_report(target, b"%PDF-second")
    assert target.read_bytes() == b"%PDF-first"
    write_report(target, b"%PDF-second", replace=True)
    assert target.read_bytes() == b"%PDF-second"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]  # no temporary file left
    with pytest.raises(ValidationError):
        write_report(tmp_path / "missing" / "x.pdf", b"%PDF")


def test_progress_is_reported(report_session: VaultSession) -> None:
    seen: list[tuple[int, int]] = []
    build_report(
        report_session, ReportOptions(clients=("empty",)), NOW, lambda done, total: seen.append((done, total))
    )
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
