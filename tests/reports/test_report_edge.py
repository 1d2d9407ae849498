"""Whatever a journal holds, the report is a valid PDF: markup, very long notes, emoji, right-to-left text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pdftools import pdf_info, pdf_text, qpdf_check, saved

from clientjournal.domain import Client, ClientJournal, Entry, Project, Promise
from clientjournal.domain.enums import Channel, EntryKind
from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME
from clientjournal.reports import Audience, ClientMaterial, ReportOptions, document_data
from clientjournal.reports.fonts import REPLACEMENT
from clientjournal.reports.render import compile_pdf, drawable

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
MARKUP = '#set page(width: 1cm) #panic("no") *bold* _it_ $x^2$ <label> @ref [link](x) ]] {{ \\ // /*'
LONG = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 900)[:49_990] + " THE-END" + "x" * 2
EMOJI = "Levert 😀👍🏽🇳🇴 ❤️ 👨‍👩‍👧 ferdig"
RTL = "שלום עולם — مرحبا بالعالم — and English"


def pdf_of(text: str, *, name: str = "Åse Ærø", audience: Audience = Audience.SELF) -> bytes:
    client = Client(
        "c", name, company=text[:200], temperament=text, email="a@b.no", preferred_channel=Channel.EMAIL
    )
    project = Project("p", "c", text[:300], date(2026, 11, 1))
    entries = tuple(
        Entry(
            f"e{kind}",
            "c",
            datetime(2026, 11, 2 + i, 9, tzinfo=UTC),
            kind,
            text,
            channel,
            ("angry",),
            "p",
            promise,
        )
        for i, (kind, channel, promise) in enumerate(
            [
                (EntryKind.PROMISE, Channel.EMAIL, Promise(date(2026, 11, 30))),
                (EntryKind.DELIVERY, Channel.EMAIL, None),
                (EntryKind.SETBACK, None, None),
                (EntryKind.NOTE, None, None),
            ]
        )
    )
    material = ClientMaterial(
        ClientJournal(client, (project,), entries), "nb", {"p": 6}, (), DEFAULT_MOODS_BY_NAME
    )
    options = ReportOptions(clients=("c",), audience=audience, include_private=True)
    return compile_pdf(document_data([material], options, NOW, drawable), NOW)


@pytest.mark.parametrize(
    "text", [MARKUP, LONG, EMOJI, RTL], ids=["markup", "50000-characters", "emoji", "rtl"]
)
def test_any_text_gives_a_valid_pdf(text: str, tmp_path: Path) -> None:
    path = saved(pdf_of(text), tmp_path)
    qpdf_check(path)
    info = pdf_info(path)
    assert info["Tagged"] == "yes" and int(info["Pages"]) <= 4
    shown = pdf_text(path)
    if text is MARKUP:
        assert shown.count("#set page(width: 1cm)") >= 3  # printed, not obeyed (the page is still A4)
        assert info["Page size"].startswith("595.276 x 841.89")
    if text is LONG:
        assert "tegn til i journalen" in shown and "THE-END" not in shown
    if text is EMOJI:
        assert "Levert" in shown and "ferdig" in shown and REPLACEMENT in shown
    if text is RTL:
        assert "English" in shown


def test_an_empty_journal_and_a_nameless_client(tmp_path: Path) -> None:
    for audience in Audience:
        material = ClientMaterial(ClientJournal(Client("c", "")), "en")
        pdf = compile_pdf(
            document_data([material], ReportOptions(clients=("c",), audience=audience), NOW, drawable), NOW
        )
        path = saved(pdf, tmp_path, f"{audience}.pdf")
        qpdf_check(path)
        assert "No journal entries in this period." in pdf_text(path)


def test_a_name_in_any_script_becomes_drawable() -> None:
    assert drawable("Ærlig Østbø Åsen") == "Ærlig Østbø Åsen"
    assert drawable("Ζωή Кира Łódź") == "Ζωή Кира Łódź"
    assert drawable("שלום مرحبا") == "שלום مرحبا"
    assert drawable("a😀b") == f"a{REPLACEMENT}b"
    assert drawable("👨‍👩‍👧 🇳🇴🇸🇪 👍🏽") == f"{REPLACEMENT} {REPLACEMENT}{REPLACEMENT} {REPLACEMENT}"
    assert drawable("a\tb\x00c\r\nd") == "a b c\nd"
    assert drawable("中文") == REPLACEMENT * 2
    assert "\u200b" in drawable("x" * 80)
