"""Small things a user sees: the snooze calendar's weekday names fit in Norwegian, the toolbar keeps its height and its buttons their places."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QCalendarWidget, QTableView
from support.constants import WAIT_MS, fixed_clock

from clientjournal.ui import theme
from clientjournal.ui.coach.dialogs import SnoozeDialog
from clientjournal.ui.date_fields import TypedDateEdit
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.preferences import apply_color_scheme


@pytest.fixture(params=[QLocale.Language.English, QLocale.Language.NorwegianBokmal])
def locale(request) -> Iterator[QLocale]:
    before = QLocale()
    chosen = QLocale(request.param)
    QLocale.setDefault(chosen)
    yield chosen
    QLocale.setDefault(before)


def _assert_day_names_fit(calendar: QCalendarWidget, locale: QLocale) -> None:
    view = calendar.findChild(QTableView)
    assert view is not None
    bold = view.font()
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    widest = max(
        metrics.horizontalAdvance(locale.dayName(d, QLocale.FormatType.ShortFormat)) for d in range(1, 8)
    )
    assert min(view.columnWidth(c) for c in range(7)) >= widest + 4


def test_the_snooze_calendar_shows_whole_weekday_names(qtbot, locale):
    dialog = SnoozeDialog(date(2026, 11, 27), "Call Kari about the delay")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.calendar.isVisible)
    _assert_day_names_fit(dialog.calendar, locale)


def test_the_date_fields_calendar_popups_show_whole_weekday_names(qtbot, locale):
    field = TypedDateEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() - 6, field.height() // 2))
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)  # the arrow opened the popup
    try:
        _assert_day_names_fit(calendar, locale)
    finally:
        calendar.window().hide()


@pytest.fixture
def themed_app(qapp, monkeypatch) -> Iterator[QApplication]:
    """The app as it starts: the theme applied before the first window (undone for the next tests)."""
    monkeypatch.delenv(theme.SCHEME_ENV, raising=False)
    theme.apply_theme(qapp)
    yield qapp
    theme.set_preferred_scheme("system")
    theme.apply_theme(qapp)


def test_the_toolbar_keeps_its_height_when_preferences_are_applied(qtbot, worker, session, themed_app):
    window = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(window, before_close_func=lambda _w: worker.wait_idle())
    window.show()
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload(select=None)
    height = window.toolbar.height()
    toolbar = window.toolbar

    def places() -> list[tuple[int, int]]:
        buttons = [toolbar.widgetForAction(action) for action in toolbar.actions()]
        return [
            (button.x(), button.width()) for button in buttons if button is not None and button.isVisible()
        ]

    before = places()
    for scheme in ("dark", "light", "system", "system"):
        apply_color_scheme(themed_app, scheme)
        qtbot.wait(10)
        assert window.toolbar.sizeHint().height() == height
    assert window.toolbar.height() == height
    assert places() == before  # the buttons neither widen nor move
