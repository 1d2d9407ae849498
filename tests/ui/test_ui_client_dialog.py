"""The client dialog: the client's language, asking before edits are thrown away, unique mnemonics, "1 day"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from support.mnemonics import bound_twice

from clientjournal.domain import Client, Project
from clientjournal.ui import i18n
from clientjournal.ui.client_dialog import ClientDialog
from clientjournal.ui.project_dialog import ProjectDialog

TODAY = date(2026, 11, 27)


@pytest.fixture
def norwegian_ui() -> Iterator[None]:
    """The window speaks Norwegian: Preferences set Qt's default locale to nb."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def english_ui() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


def _dialog(qtbot, client: Client | None = None) -> ClientDialog:
    dialog = ClientDialog(client, today=TODAY, projects=[])
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))  # closing would ask about edits
    dialog.show()
    return dialog


class Answer:
    """Stands in for the "Discard changes?" box: counts the questions, gives one answer."""

    def __init__(self, monkeypatch, answer: QMessageBox.StandardButton) -> None:
        self.asked: list[str] = []

        def ask(box: QMessageBox) -> QMessageBox.StandardButton:
            self.asked.append(box.text())
            return answer

        monkeypatch.setattr(QMessageBox, "exec", ask)


@pytest.mark.usefixtures("english_ui")
def test_a_new_client_speaks_the_users_language_english(qtbot):
    dialog = _dialog(qtbot)
    assert dialog.language.currentData() == "en"
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == [
        "English",
        "Norsk bokmål",
    ]


@pytest.mark.usefixtures("norwegian_ui")
def test_a_new_client_speaks_the_users_language_norwegian(qtbot):
    dialog = _dialog(qtbot)
    assert dialog.language.currentData() == "nb"
    qtbot.keyClicks(dialog.name, "Kari")
    assert dialog.client().language == "nb"


@pytest.mark.usefixtures("norwegian_ui")
def test_a_clients_own_language_wins(qtbot):
    dialog = _dialog(qtbot, Client("c1", "Ada", language="en"))
    assert dialog.language.currentData() == "en"
    dialog.language.setCurrentIndex(dialog.language.findData("nb"))
    assert dialog.client().language == "nb"


def test_escape_with_edits_asks_and_cancel_keeps_the_dialog(qtbot, monkeypatch):
    dialog = _dialog(qtbot, Client("c1", "Ada"))
    answer = Answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    qtbot.keyClicks(dialog.company, "Nordlys AS")
    qtbot.keyClick(dialog.company, Qt.Key.Key_Escape)
    assert len(answer.asked) == 1 and dialog.isVisible()
    assert dialog.company.text() == "Nordlys AS"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert len(answer.asked) == 2 and dialog.isVisible()
    dialog.close()
    assert len(answer.asked) == 3 and dialog.isVisible()


def test_discard_closes_and_no_edits_close_without_asking(qtbot, monkeypatch):
    dialog = _dialog(qtbot, Client("c1", "Ada"))
    answer = Answer(monkeypatch, QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert answer.asked == [] and not dialog.isVisible()  # nothing changed: nothing to ask

    edited = _dialog(qtbot, Client("c1", "Ada"))
    edited.cadence.setValue(14)
    qtbot.keyClick(edited.name, Qt.Key.Key_Escape)
    assert len(answer.asked) == 1 and not edited.isVisible()
    assert edited.result() == 0


def test_an_added_project_counts_as_an_edit(qtbot, monkeypatch):
    dialog = _dialog(qtbot, Client("c1", "Ada"))
    answer = Answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    project = dialog.add_project()
    assert isinstance(project, ProjectDialog)
    qtbot.keyClicks(project.title, "Website")
    project.accept()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert len(answer.asked) == 1 and dialog.isVisible()


def test_every_mnemonic_is_bound_once(qtbot):
    dialog = _dialog(qtbot, Client("c1", "Ada"))
    assert bound_twice(dialog) == {}  # Alt+P was both "Phone" and "Add project"
    project = ProjectDialog("c1", TODAY, Project("p1", "c1", "Website"), parent=dialog)
    qtbot.addWidget(project)
    assert bound_twice(project) == {}


def _plural_translator(tmp_path: Path) -> QTranslator:
    """A catalogue with English plural forms for the days spin box, as lupdate -pluralonly makes them."""
    lrelease = i18n.find_lrelease()
    if lrelease is None:
        pytest.skip("lrelease is not installed")
    ts = tmp_path / "plural_en.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="en_US">\n'
        "<context><name>DaysSpinBox</name>"
        '<message numerus="yes"><source>%n days</source><translation>'
        "<numerusform>%n day</numerusform><numerusform>%n days</numerusform>"
        "</translation></message></context>\n</TS>\n",
        encoding="utf-8",
    )
    qm = tmp_path / "plural_en.qm"
    assert i18n.compile_catalogue(ts, qm, lrelease)
    translator = QTranslator()
    assert translator.load(str(qm))
    return translator


def test_update_every_uses_the_plural_of_the_catalogue(qtbot, tmp_path):
    translator = _plural_translator(tmp_path)
    QCoreApplication.installTranslator(translator)
    try:
        dialog = _dialog(qtbot, Client("c1", "Ada", update_every_days=1))
        assert dialog.cadence.text() == "1 day"
        dialog.cadence.setValue(14)
        assert dialog.cadence.text() == "14 days"
        dialog.cadence.setValue(0)
        assert dialog.cadence.text() == "Not agreed yet"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_update_every_can_be_typed(qtbot):
    dialog = _dialog(qtbot, Client("c1", "Ada"))
    dialog.cadence.setFocus()
    dialog.cadence.selectAll()
    qtbot.keyClicks(dialog.cadence, "21")
    qtbot.keyClick(dialog.cadence, Qt.Key.Key_Tab)
    assert dialog.cadence.value() == 21 and "21" in dialog.cadence.text()
    assert dialog.client().update_every_days == 21


def test_the_window_titles_fit(qtbot):
    from PySide6.QtGui import QFontMetrics

    for dialog in (_dialog(qtbot), ProjectDialog("c1", TODAY)):
        qtbot.addWidget(dialog)
        bold = dialog.font()
        bold.setBold(True)
        assert dialog.minimumWidth() > QFontMetrics(bold).horizontalAdvance(dialog.windowTitle())


def test_a_projects_due_date_can_be_typed_as_written(qtbot):
    dialog = ProjectDialog("c1", TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title, "Website")
    qtbot.keyClick(dialog.due.known, Qt.Key.Key_Space)
    field = dialog.due.edit
    field.setFocus()
    field.setSelectedSection(field.Section.YearSection)
    qtbot.keyClicks(field, "2027-03-05")
    assert dialog.project().due_on == date(2027, 3, 5)
