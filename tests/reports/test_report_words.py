"""The report's small rules: promise titles, masking, clipping, numbers and dates in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime

from clientjournal.domain import Entry, Promise
from clientjournal.domain.enums import EntryKind
from clientjournal.reports.words import (
    Words,
    clip,
    first_sentence,
    mask_email,
    mask_phone,
    promise_title,
    rhythm,
)


def test_a_promise_is_titled_by_its_first_sentence() -> None:
    assert first_sentence("Lovet Åse moodboardet innen 26. oktober. Hun vil ha to varianter.") == (
        "Lovet Åse moodboardet innen 26. oktober."
    )
    assert first_sentence("Draft by Friday! Then review.") == "Draft by Friday!"
    assert first_sentence("  First line\nsecond line") == "First line"
    entry = Entry("e", "c", datetime(2026, 11, 2, tzinfo=UTC), EntryKind.PROMISE, "Skisser innen fredag. Ja.")
    assert promise_title(entry) == "Skisser innen fredag."
    titled = Entry("e", "c", entry.occurred_at, EntryKind.PROMISE, "x", extra={"title": "Own title"})
    assert promise_title(titled) == "Own title"
    assert (
        promise_title(
            Entry("e", "c", entry.occurred_at, EntryKind.PROMISE, "", promise=Promise(date(2026, 1, 1)))
        )
        == ""
    )


def test_masked_contacts_keep_only_a_hint() -> None:
    assert mask_email("kari.nordmann@example.no") == "k•••@e•••.no"
    assert mask_email("not-an-address") == "••••••••"
    assert mask_phone("+47 400 12 345") == "+•• ••• •• •45"


def test_words_in_both_languages() -> None:
    nb, en = Words.of("nb"), Words.of("en")
    assert nb.day(date(2026, 9, 7)) == "07.09.2026" and en.day(date(2026, 9, 7)) == "7 Sep 2026"
    assert nb.long_day(date(2026, 11, 27)) == "27. november 2026"
    assert nb.number(-0.04) == "0,0" and nb.number(1.25) == "+1,2" and en.number(-1.5) == "−1.5"
    assert nb.percent(0.857) == "86\u00a0%" and en.percent(0.5) == "50%"
    assert (
        rhythm(7, nb) == "Ukentlig"
        and rhythm(3, en) == "Every 3 days"
        and rhythm(None, en) == "Not agreed yet"
    )
    assert set(nb.t) == set(en.t), "both languages have every text"


def test_long_texts_are_clipped_at_a_word_with_a_count_of_the_rest() -> None:
    text = "word " * 400
    clipped = clip(text, 100, Words.of("en"))
    assert clipped.startswith("word word") and len(clipped) < 160
    assert clipped.endswith("more characters in the journal)")
    assert clip("  short  ", 100, Words.of("en")) == "short"
