"""The entry dialog by keyboard: Return never saves from a field, empty text is refused, the moods are one Tab
stop, typed dates land where typed, the kind of contact sets the channel, and mnemonics are unique."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox
from support.constants import NOW, fixed_clock
from support.mnemonics import bound_twice

from clientjournal.domain import (
    DEFAULT_MOODS,
    Channel,
    Client,
    Entry,
    EntryKind,
    MoodTag,
    Project,
    Promise,
    Valence,
)
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.mood_picker import UNKNOWN_MOOD_COLOUR


class RecordingSaver:
    """Stands in for the window's saver: records each entry and reports it stored."""

    def __init__(self) -> None:
        self.saved: list[Entry] = []

    def __call__(self, entry, on_saved, _on_failed) -> None:
        self.saved.append(entry)
        on_saved(entry)


def _dialog(qtbot, clients=None, **options) -> tuple[EntryDialog, RecordingSaver]:
    dialog = EntryDialog(fixed_clock, clients or [Client("c1", "Kari")], client_id="c1", **options)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))  # closing would ask about the typed text
    saver = RecordingSaver()
    dialog.set_saver(saver)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # window shortcuts (Ctrl+Return) work only in the active window
    return dialog, saver


def _choose_kind(dialog: EntryDialog, kind: EntryKind) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))


def test_return_in_a_field_never_saves_only_save_or_ctrl_return_does(qtbot):
    dialog, saver = _dialog(qtbot)
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "First line")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.text, "second line")
    assert dialog.text.toPlainText() == "First line\nsecond line"  # a newline, not a save
    for field in (dialog.kind, dialog.channel, dialog.when, dialog.project, dialog.moods):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.keyClick(field, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert saver.saved == [] and dialog.isVisible()

    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [e.text for e in saver.saved] == ["First line\nsecond line"]
    assert not dialog.isVisible()


def test_return_on_the_focused_save_button_saves(qtbot):
    dialog, saver = _dialog(qtbot)
    qtbot.keyClicks(dialog.text, "Called about the launch")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setFocus()
    qtbot.keyClick(save, Qt.Key.Key_Return)
    assert [e.text for e in saver.saved] == ["Called about the launch"]


def test_empty_text_is_refused_with_a_message_and_nothing_is_lost(qtbot):
    dialog, saver = _dialog(qtbot)
    dialog.set_moods(["uncertain"])
    _choose_kind(dialog, EntryKind.SETBACK)
    qtbot.keyClicks(dialog.text, "   ")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert saver.saved == [] and dialog.isVisible()
    assert dialog.message.isVisible() and "needs a few words" in dialog.message.text()
    assert dialog.text.hasFocus()
    assert dialog.selected_moods() == ("uncertain",)
    assert dialog.kind.currentData() == EntryKind.SETBACK


def test_the_moods_are_one_tab_stop_driven_by_arrows_and_space(qtbot):
    dialog, _saver = _dialog(qtbot, projects=[Project("p1", "c1", "Website"), Project("p2", "c1", "Shop")])
    dialog.project.setFocus()
    assert dialog.project.hasFocus()
    qtbot.keyClick(dialog.project, Qt.Key.Key_Tab)
    assert dialog.moods.hasFocus()
    assert not any(chip.focusPolicy() & Qt.FocusPolicy.TabFocus for chip in dialog.moods.chips)
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Right)
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Right)
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Space)
    assert dialog.selected_moods() == ("enthusiastic", "calm")
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Down)  # the row below: "frustrated" under "calm"
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Home)
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Space)
    assert dialog.selected_moods() == ("calm", "frustrated")
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Tab)
    assert dialog.text.hasFocus()  # one Tab leaves all eight chips behind


def test_the_current_mood_chip_has_a_visible_focus_ring(qtbot):
    dialog, _saver = _dialog(qtbot)
    picker = dialog.moods
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Right)
    chip = picker.chips[1]
    ring = picker.palette().highlight().color()

    def ring_pixels() -> int:
        image = picker.grab().toImage()
        ratio = image.devicePixelRatio()
        top = chip.geometry().top() - 2  # just above the chip, inside the gap the ring is drawn in
        xs = range(chip.geometry().left() + 8, chip.geometry().right() - 8)
        return sum(_close(QColor(image.pixel(int(x * ratio), int(top * ratio))), ring) for x in xs)

    assert ring_pixels() > 10
    dialog.text.setFocus()
    assert ring_pixels() == 0  # no ring without focus


def _close(colour: QColor, other: QColor) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour.getRgb()[:3], other.getRgb()[:3], strict=True))


def test_typed_dates_land_in_the_sections_typed(qtbot):
    dialog, _saver = _dialog(qtbot)
    dialog.when.setFocus()
    dialog.when.setSelectedSection(dialog.when.Section.YearSection)
    qtbot.keyClicks(dialog.when, "2026-03-05  14:30")
    wall = dialog.occurred_at()
    assert (wall.year, wall.month, wall.day, wall.hour, wall.minute) == (2026, 3, 5, 14, 30)
    _choose_kind(dialog, EntryKind.PROMISE)
    dialog.due.setFocus()
    dialog.due.setSelectedSection(dialog.due.Section.YearSection)
    qtbot.keyClicks(dialog.due, "2027-1-9")
    assert dialog.due.date().toPython().isoformat() == "2027-01-09"


@pytest.mark.parametrize(
    ("kind", "channel"),
    [
        (EntryKind.CALL, Channel.PHONE),
        (EntryKind.MEETING, Channel.MEETING),
        (EntryKind.EMAIL, Channel.EMAIL),
        (EntryKind.MESSAGE, Channel.MESSAGE),
    ],
)
def test_the_kind_of_contact_sets_its_channel(qtbot, kind, channel):
    dialog, _saver = _dialog(qtbot)
    assert dialog.channel.currentData() is None
    _choose_kind(dialog, kind)
    assert dialog.channel.currentData() == channel
    qtbot.keyClicks(dialog.text, "Talked it through")
    assert dialog.entry().channel == channel


def test_a_channel_the_user_chose_is_kept_and_the_preferred_one_comes_back(qtbot):
    dialog, _saver = _dialog(qtbot, [Client("c1", "Kari", preferred_channel=Channel.EMAIL)])
    assert dialog.channel.currentData() == Channel.EMAIL
    _choose_kind(dialog, EntryKind.CALL)
    assert dialog.channel.currentData() == Channel.PHONE
    _choose_kind(dialog, EntryKind.SETBACK)
    assert dialog.channel.currentData() == Channel.EMAIL  # back to what the client prefers
    dialog.channel.setFocus()
    dialog.channel.activated.emit(dialog.channel.findData(Channel.VIDEO))  # as a pick in the list does
    dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.VIDEO))
    _choose_kind(dialog, EntryKind.CALL)
    assert dialog.channel.currentData() == Channel.VIDEO


def test_a_channel_picked_by_keyboard_counts_as_chosen(qtbot):
    dialog, _saver = _dialog(qtbot)
    dialog.channel.setFocus()
    qtbot.keyClick(dialog.channel, Qt.Key.Key_Down)  # None → Email
    assert dialog.channel.currentData() == Channel.EMAIL
    _choose_kind(dialog, EntryKind.CALL)
    assert dialog.channel.currentData() == Channel.EMAIL


def test_editing_never_changes_the_stored_channel_by_itself(qtbot):
    stored = Entry("e1", "c1", NOW, EntryKind.CALL, text="Old call", channel=None)
    dialog, _saver = _dialog(qtbot, entry=stored)
    assert dialog.channel.currentData() is None
    assert dialog.entry().channel is None
    assert not dialog.is_dirty()


def test_editing_a_note_into_a_call_sets_the_phone_but_never_replaces_a_stored_channel(qtbot):
    note = Entry("e1", "c1", NOW, EntryKind.NOTE, text="Thought about calling")
    dialog, _saver = _dialog(qtbot, entry=note)
    _choose_kind(dialog, EntryKind.CALL)
    assert dialog.channel.currentData() == Channel.PHONE
    email = Entry("e2", "c1", NOW, EntryKind.NOTE, text="Wrote", channel=Channel.EMAIL)
    other, _saver = _dialog(qtbot, entry=email)
    _choose_kind(other, EntryKind.CALL)
    assert other.channel.currentData() == Channel.EMAIL


def test_a_clients_only_project_is_preselected(qtbot):
    clients = [Client("c1", "Kari"), Client("c2", "Ola")]
    projects = [Project("p1", "c1", "Website"), Project("p2", "c2", "Shop"), Project("p3", "c2", "App")]
    dialog, _saver = _dialog(qtbot, clients, projects=projects)
    assert dialog.project.currentData() == "p1"
    dialog.client.setCurrentIndex(dialog.client.findData("c2"))
    assert dialog.project.currentData() is None  # two projects: the user says which
    dialog.client.setCurrentIndex(dialog.client.findData("c1"))
    assert dialog.project.currentData() == "p1"


def test_an_edited_entry_without_a_project_stays_without(qtbot):
    stored = Entry("e1", "c1", NOW, EntryKind.NOTE, text="General note")
    dialog, _saver = _dialog(qtbot, projects=[Project("p1", "c1", "Website")], entry=stored)
    assert dialog.project.currentData() is None


def test_told_check_box_for_setbacks_and_solved_problems(qtbot):
    dialog, saver = _dialog(qtbot)
    assert not dialog.told.isVisibleTo(dialog)
    _choose_kind(dialog, EntryKind.SETBACK)
    assert dialog.told.isVisibleTo(dialog)
    assert not dialog.told.told.isChecked() and not dialog.told.when.isEnabled()  # default: not told
    qtbot.keyClicks(dialog.text, "The supplier broke our import")
    assert dialog.entry().client_told_at is None
    dialog.told.told.setFocus()
    qtbot.keyClick(dialog.told.told, Qt.Key.Key_Space)
    assert dialog.told.when.isEnabled()
    assert dialog.entry().client_told_at == dialog.entry().occurred_at == NOW  # told then and there
    dialog.told.when.setFocus()
    dialog.told.when.setSelectedSection(dialog.told.when.Section.HourSection)
    local_hour = NOW.astimezone().hour
    qtbot.keyClicks(dialog.told.when, f"{(local_hour + 2) % 24:02d}")
    told = dialog.entry().client_told_at
    assert told is not None and told.tzinfo is not None
    assert told.astimezone().hour == (local_hour + 2) % 24

    _choose_kind(dialog, EntryKind.PROBLEM_SOLVED)
    assert dialog.entry().client_told_at == told
    _choose_kind(dialog, EntryKind.NOTE)
    assert not dialog.told.isVisibleTo(dialog) and dialog.entry().client_told_at is None
    _choose_kind(dialog, EntryKind.SETBACK)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saver.saved[-1].client_told_at == told


def test_a_stored_told_moment_comes_back_untouched(qtbot):
    told = datetime(2026, 11, 26, 9, 15, 42, tzinfo=UTC)
    stored = Entry("e1", "c1", NOW, EntryKind.SETBACK, text="Delay", client_told_at=told)
    dialog, _saver = _dialog(qtbot, entry=stored)
    assert dialog.told.told.isChecked()
    assert dialog.entry().client_told_at == told  # seconds and offset as stored
    dialog.told.told.setChecked(False)
    assert dialog.entry().client_told_at is None


def test_a_promise_has_a_title_and_the_text_stays_the_details(qtbot):
    dialog, saver = _dialog(qtbot)
    assert not dialog.promise_title.isVisibleTo(dialog)
    _choose_kind(dialog, EntryKind.PROMISE)
    assert dialog.promise_title.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.text, "Will send the revised quote with the new hosting prices.")
    dialog.promise_title.setFocus()
    qtbot.keyClicks(dialog.promise_title, "  Revised quote ")
    qtbot.keyClick(dialog.promise_title, Qt.Key.Key_Return)
    assert saver.saved == []  # Return in the title does not save either
    qtbot.keyClick(dialog.promise_title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = saver.saved[-1]
    assert saved.promise is not None and saved.promise.title == "Revised quote"
    assert saved.text == "Will send the revised quote with the new hosting prices."


def test_an_edited_promise_shows_its_title(qtbot):
    stored = Entry("e1", "c1", NOW, EntryKind.PROMISE, text="x", promise=Promise(NOW.date(), title="Quote"))
    dialog, _saver = _dialog(qtbot, entry=stored)
    assert dialog.promise_title.text() == "Quote"
    assert dialog.entry().promise.title == "Quote"


def test_new_fields_survive_an_autosave(qtbot):
    dialog, _saver = _dialog(qtbot)
    _choose_kind(dialog, EntryKind.SETBACK)
    dialog.told.told.setChecked(True)
    qtbot.keyClicks(dialog.text, "Delay")
    data = dialog.autosave_data()
    again, _saver = _dialog(qtbot)
    again.apply_autosave(data)
    assert again.kind.currentData() == EntryKind.SETBACK
    assert again.entry().client_told_at == NOW

    _choose_kind(dialog, EntryKind.PROMISE)
    dialog.promise_title.setText("Quote")
    third, _saver = _dialog(qtbot)
    third.apply_autosave(dialog.autosave_data())
    assert third.promise_title.text() == "Quote"


def test_the_vaults_own_mood_tags_are_offered_with_the_defaults(qtbot):
    dialog, saver = _dialog(qtbot)
    curious = MoodTag("curious", Valence.POSITIVE, "#7b61ff")
    dialog.set_moods(["calm"])
    dialog.set_mood_catalogue([*DEFAULT_MOODS, curious])
    names = [chip.mood for chip in dialog.moods.chips]
    assert names == [m.name for m in DEFAULT_MOODS] + ["curious"]
    assert dialog.selected_moods() == ("calm",)  # what was ticked stays ticked
    dialog.moods.setFocus()
    qtbot.keyClick(dialog.moods, Qt.Key.Key_End)
    qtbot.keyClick(dialog.moods, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.text, "Asked many questions")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saver.saved[-1].moods == ("calm", "curious")


def test_a_mood_the_catalogue_no_longer_has_is_shown_and_kept(qtbot):
    stored = Entry("e1", "c1", NOW, EntryKind.NOTE, text="x", moods=("calm", "wistful"))
    dialog, _saver = _dialog(qtbot, entry=stored)
    chip = next(c for c in dialog.moods.chips if c.mood == "wistful")
    assert UNKNOWN_MOOD_COLOUR in chip.styleSheet() and chip.isChecked()
    assert dialog.entry().moods == ("calm", "wistful")


@pytest.mark.parametrize("kind", [EntryKind.PROMISE, EntryKind.SETBACK])
def test_every_mnemonic_is_bound_once(qtbot, kind):
    dialog, _saver = _dialog(qtbot)
    dialog.offer_autosave({}, NOW.isoformat())
    _choose_kind(dialog, kind)
    assert bound_twice(dialog) == {}


def test_the_autosave_bar_says_autosaved_not_draft(qtbot):
    dialog, _saver = _dialog(qtbot)
    dialog.offer_autosave({}, NOW.isoformat())
    texts = [
        dialog.autosave_label.text(),
        dialog.restore_autosave_button.text(),
        dialog.discard_autosave_button.text(),
        dialog.restore_autosave_button.accessibleName(),
        dialog.discard_autosave_button.accessibleName(),
    ]
    assert "autosaved" in texts[0] and not any("draft" in t.lower() for t in texts)


def test_the_window_title_fits(qtbot):
    dialog, _saver = _dialog(qtbot)
    bold = dialog.font()
    bold.setBold(True)
    from PySide6.QtGui import QFontMetrics

    assert dialog.minimumWidth() > QFontMetrics(bold).horizontalAdvance(dialog.windowTitle())
