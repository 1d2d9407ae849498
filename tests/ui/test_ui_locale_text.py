"""Text that reads naturally in English and Norwegian: dates, plurals and channel names inside sentences."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from support.constants import WAIT_MS, fixed_clock

from clientjournal.coach import Action, Draft
from clientjournal.domain import Channel, Client, Entry, EntryKind, Project
from clientjournal.services.timeline.index import Group, Grouping
from clientjournal.ui import dates, i18n
from clientjournal.ui.client_dialog import ClientDialog
from clientjournal.ui.coach.dialogs import DraftDialog
from clientjournal.ui.coach.models import ActionListModel, DueTextRole
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.models import ClientListModel, TimelineModel
from clientjournal.ui.models.timeline import Column

NORWEGIAN = QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
FRIDAY = date(2026, 11, 20)
TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


@pytest.fixture(params=["en", "nb"])
def language(request, qapp, tmp_path, monkeypatch) -> Iterator[str]:
    """The UI language as the app sets it up: its translators and the default locale."""
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "cache")  # not the user's real cache
    previous = QLocale()
    translators = i18n.install_translators(qapp, request.param)
    assert translators, f"no catalogue for {request.param}"
    yield request.param
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous)


def _in(language: str, english: str, norwegian: str) -> str:
    return english if language == "en" else norwegian


# ---- dates -----------------------------------------------------------------------------------------------------------


def test_norwegian_dates_write_the_day_with_a_period():
    assert dates.day_month(NORWEGIAN, FRIDAY) == "20. nov."
    assert dates.day_month(NORWEGIAN, date(2026, 5, 3)) == "3. mai"  # no period where the month is not cut
    assert dates.day_full_month(NORWEGIAN, FRIDAY) == "20. november"
    assert dates.short_date(NORWEGIAN, FRIDAY) == "20. nov. 2026"
    assert dates.weekday_day_month(NORWEGIAN, FRIDAY) == "fre. 20. nov."
    assert dates.short_date_with_weekday(NORWEGIAN, FRIDAY) == "fre. 20. nov. 2026"
    assert dates.long_date(NORWEGIAN, FRIDAY) == "fredag 20. november 2026"
    assert dates.month_year(NORWEGIAN, FRIDAY) == "november 2026"


def test_english_dates_keep_their_look():
    assert dates.day_month(ENGLISH, FRIDAY) == "20 Nov"
    assert dates.day_full_month(ENGLISH, FRIDAY) == "20 November"
    assert dates.short_date(ENGLISH, FRIDAY) == "20 Nov 2026"
    assert dates.weekday_day_month(ENGLISH, FRIDAY) == "Fri 20 Nov"
    assert dates.short_date_with_weekday(ENGLISH, FRIDAY) == "Fri 20 Nov 2026"
    assert dates.long_date(ENGLISH, FRIDAY) == "Friday 20 November 2026"
    assert dates.month_year(ENGLISH, FRIDAY) == "November 2026"


def test_day_spans_name_the_month_and_year_only_where_they_change():
    assert dates.day_span(ENGLISH, date(2026, 11, 16), date(2026, 11, 22)) == "16–22 Nov 2026"
    assert dates.day_span(NORWEGIAN, date(2026, 11, 16), date(2026, 11, 22)) == "16.–22. nov. 2026"
    assert dates.day_span(NORWEGIAN, date(2026, 11, 30), date(2026, 12, 6)) == "30. nov.–6. des. 2026"
    assert dates.day_span(ENGLISH, date(2026, 12, 28), date(2027, 1, 3)) == "28 Dec 2026–3 Jan 2027"


def test_timeline_titles_and_times_follow_the_language(language):
    model = TimelineModel()
    friday = Entry("e1", "a", datetime(2026, 11, 20, 12, 0, tzinfo=UTC), EntryKind.NOTE, text="Hello")
    model.set_entries([friday], {"a": "Ada"})
    week = Group(date(2026, 11, 16), 0, 1, None)

    assert model.index(0, 0).data() == _in(language, "Friday 20 November 2026", "fredag 20. november 2026")
    model.set_grouping(Grouping.WEEK)
    week_title = _in(language, "Week 47  ·  16–22 Nov 2026", "Uke 47  ·  16.–22. nov. 2026")
    assert model.period_title(week) == week_title
    assert model.index(1, Column.WHEN).data().startswith(_in(language, "Fri 20 Nov  ", "fre. 20. nov.  "))
    model.set_grouping(Grouping.MONTH)
    assert model.index(0, 0).data() == _in(language, "November 2026", "november 2026")


def test_due_dates_of_coach_actions_follow_the_language(language):
    model = ActionListModel()
    later = Action("c", None, 3, "send_update", "Send an update", "", Channel.EMAIL, FRIDAY, 1.0, (), "k")
    model.set_actions([later], date(2026, 11, 1))
    assert model.index(0, 0).data(DueTextRole) == _in(language, "Due 20 Nov", "Forfaller 20. nov.")


# ---- plurals ---------------------------------------------------------------------------------------------------------


def test_entry_counts_use_plural_forms(language):
    model = TimelineModel()
    assert model.count_text(1) == _in(language, "1 entry", "1 notat")
    assert model.count_text(2) == _in(language, "2 entries", "2 notater")


def test_suggested_action_counts_use_plural_forms(language):
    model = ClientListModel()
    model.set_clients([Client("a", "Ada"), Client("b", "Bo")])
    model.set_status({"a": (None, 1), "b": (None, 2)})
    one, two = (model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) for row in (1, 2))
    assert one.endswith(_in(language, "\n1 suggested action", "\n1 foreslått handling"))
    assert two.endswith(_in(language, "\n2 suggested actions", "\n2 foreslåtte handlinger"))


@pytest.mark.parametrize("count", [1, 2])
def test_project_counts_use_plural_forms(qtbot, language, count):
    client = Client("a", "Ada")
    projects = [Project(id=f"p{i}", client_id="a", title=f"Site {i}") for i in range(count)]
    dialog = ClientDialog(client, projects=projects, today=FRIDAY)
    qtbot.addWidget(dialog)
    expected = {1: _in(language, "1 project", "1 prosjekt"), 2: _in(language, "2 projects", "2 prosjekter")}
    assert dialog.projects_hint.text() == expected[count]


def test_the_catalogues_spell_out_every_plural():
    for name in ("clientjournal_en.ts", "clientjournal_nb.ts"):
        plurals = ET.parse(TRANSLATIONS / name).getroot().findall("./context/message[@numerus='yes']")
        assert len(plurals) >= 5
        for message in plurals:
            forms = [form.text for form in message.iterfind("translation/numerusform")]
            assert len(forms) == 2 and all(forms), (name, message.findtext("source"))


# ---- channel names inside sentences ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "english", "norwegian"),
    [
        (Channel.MEETING, "Points to cover in the meeting", "Punkter å ta opp i møtet"),
        (Channel.VIDEO, "Points to cover in the video call", "Punkter å ta opp i videomøtet"),
        (Channel.MESSAGE, "A starting point for the message", "Et utgangspunkt for meldingen"),
        (Channel.OTHER, "A starting point — adapt", "Et utgangspunkt — tilpass"),
    ],
)
def test_the_draft_hint_names_the_channel_in_a_whole_sentence(qtbot, language, channel, english, norwegian):
    draft = Draft(subject="Hello", body="Text", channel=channel)
    dialog = DraftDialog(draft, client_name="Ada", email="ada@example.com", language="en")
    qtbot.addWidget(dialog)
    assert dialog.hint.text().startswith(_in(language, english, norwegian))


def test_the_client_header_names_the_preferred_channel_in_a_phrase(qtbot, worker, session, language):
    ada = session.journal.save_client(
        Client("ada", "Ada", company="Engines", preferred_channel=Channel.MEETING, update_every_days=1)
    )
    window = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(window, before_close_func=lambda _w: worker.wait_idle())
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload(select=ada.id)
    assert window.subtitle.text() == _in(
        language,
        "Engines  ·  prefers meeting in person  ·  updates every day",
        "Engines  ·  foretrekker å møtes fysisk  ·  oppdatering hver dag",
    )
