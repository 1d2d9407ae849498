"""Typing into the dialogs' date fields: digits only or with separators, after a click or a Tab, and refused
when the digits name no real date (the field keeps its value and a tooltip says why)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QToolTip, QVBoxLayout, QWidget
from support.constants import fixed_clock

from clientjournal.domain import Client, Entry, EntryKind
from clientjournal.ui.date_fields import TIME_FORMAT, TypedDateEdit, TypedDateTimeEdit
from clientjournal.ui.entry_dialog import EntryDialog

BEFORE = QDateTime(QDate(2026, 11, 27), QTime(9, 45))
KEPT: list[QWidget] = []


@pytest.fixture(autouse=True)
def _forget_windows():
    yield
    KEPT.clear()


def _field(qtbot, kind: type[TypedDateEdit] | type[TypedDateTimeEdit]):
    """A date field after a line edit in a shown window, holding ``BEFORE``; focus in the line edit."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    previous = QLineEdit(window)
    field = kind(window)
    field.setDisplayFormat("yyyy-MM-dd" if kind is TypedDateEdit else TIME_FORMAT)
    field.setDateTime(BEFORE)
    layout.addWidget(previous)
    layout.addWidget(field)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    previous.setFocus()
    KEPT.append(window)  # the window must outlive this function (qtbot closes it after the test)
    return field, previous


def _enter(qtbot, field, previous: QLineEdit, how: str) -> None:
    """Put the focus in ``field`` as a user does: Tab from the field before, a click, or a click and Select All."""
    if how == "tab":
        qtbot.keyClick(previous, Qt.Key.Key_Tab)
    else:
        editor = field.lineEdit()
        qtbot.mouseClick(editor, Qt.MouseButton.LeftButton, pos=QPoint(3, editor.height() // 2))
        if how == "select all":
            qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert field.hasFocus()


ENTERING = ["tab", "click", "select all"]


@pytest.mark.parametrize("how", ENTERING)
def test_a_date_typed_as_digits_only_is_that_date(qtbot, how):
    field, previous = _field(qtbot, TypedDateEdit)
    _enter(qtbot, field, previous, how)
    qtbot.keyClicks(field, "20261202")
    assert field.date() == QDate(2026, 12, 2)
    assert field.text() == "2026-12-02"
    previous.setFocus()
    assert field.date() == QDate(2026, 12, 2)  # leaving the field keeps it


@pytest.mark.parametrize("how", ENTERING)
def test_a_date_and_time_typed_as_digits_only_is_that_moment(qtbot, how):
    field, previous = _field(qtbot, TypedDateTimeEdit)
    _enter(qtbot, field, previous, how)
    qtbot.keyClicks(field, "202612021430")
    assert field.dateTime() == QDateTime(QDate(2026, 12, 2), QTime(14, 30))
    assert field.text() == "2026-12-02  14:30"


@pytest.mark.parametrize("how", ENTERING)
def test_dates_typed_with_separators_still_land_where_typed(qtbot, how):
    field, previous = _field(qtbot, TypedDateEdit)
    _enter(qtbot, field, previous, how)
    qtbot.keyClicks(field, "2027-1-9")
    assert field.date() == QDate(2027, 1, 9)
    moment, before = _field(qtbot, TypedDateTimeEdit)
    _enter(qtbot, moment, before, how)
    qtbot.keyClicks(moment, "2027-03-05  8:05")
    assert moment.dateTime() == QDateTime(QDate(2027, 3, 5), QTime(8, 5))


def test_one_section_selected_still_takes_just_that_section(qtbot):
    field, _previous = _field(qtbot, TypedDateTimeEdit)
    field.setFocus()
    field.setSelectedSection(field.Section.HourSection)
    qtbot.keyClicks(field, "16")
    assert field.dateTime() == QDateTime(QDate(2026, 11, 27), QTime(16, 45))


@pytest.mark.parametrize(
    ("kind", "typed"),
    [
        (TypedDateEdit, "20261332"),  # no 13th month: Qt alone made it 2026-12-27
        (TypedDateEdit, "20260230"),  # no 30 February: Qt alone made it 2026-02-03
        (TypedDateEdit, "20260931"),  # September has 30 days: Qt alone made it 2026-09-30
        (TypedDateTimeEdit, "202612022561"),  # no 25:61: Qt alone made it 21:00
    ],
)
@pytest.mark.parametrize("how", ["tab", "click"])
def test_an_impossible_date_is_refused_and_the_field_keeps_its_value(qtbot, kind, typed, how):
    field, previous = _field(qtbot, kind)
    kept = field.text()
    changes: list[QDateTime] = []
    _enter(qtbot, field, previous, how)
    qtbot.keyClicks(field, typed)
    assert field.dateTime() == BEFORE
    assert field.text() == kept
    assert QToolTip.isVisible()
    assert typed in QToolTip.text() and "not a date" in QToolTip.text() and kept in QToolTip.text()
    field.dateTimeChanged.connect(changes.append)
    previous.setFocus()
    assert changes == [] and field.text() == kept  # leaving the field changes nothing either
    # Still marked once the tooltip is gone: a red frame (app.qss) and the reason, for a screen reader too.
    assert field.property("refused") is True
    assert field.accessibleDescription() == QToolTip.text()

    _enter(qtbot, field, previous, how)  # a new try starts afresh
    qtbot.keyClicks(field, "20270105")
    assert field.date() == QDate(2027, 1, 5)
    assert field.property("refused") is False and field.accessibleDescription() == ""


class RecordingSaver:
    """Stands in for the window's saver: records each entry and reports it stored."""

    def __init__(self) -> None:
        self.saved: list[Entry] = []

    def __call__(self, entry, on_saved, _on_failed) -> None:
        self.saved.append(entry)
        on_saved(entry)


def test_a_promise_due_date_typed_as_digits_is_saved(qtbot):
    dialog = EntryDialog(fixed_clock, [Client("c1", "Kari")], client_id="c1")
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    saver = RecordingSaver()
    dialog.set_saver(saver)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.kind.setCurrentIndex(dialog.kind.findData(EntryKind.PROMISE))
    qtbot.keyClicks(dialog.text, "Will send the revised quote")
    editor = dialog.due.lineEdit()
    qtbot.mouseClick(editor, Qt.MouseButton.LeftButton, pos=QPoint(3, editor.height() // 2))
    qtbot.keyClicks(dialog.due, "20261202")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert [entry.promise.due_on.isoformat() for entry in saver.saved if entry.promise] == ["2026-12-02"]
