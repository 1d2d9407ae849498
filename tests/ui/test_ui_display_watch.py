"""While the QApplication opens the display, an X server that does not answer ends the app with one clear line
(exit 1) instead of Qt's abort; every other message of Qt's goes where it went before. The real entry point is
driven against an unused display in ``test_ui_display_check.py``."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PySide6.QtCore import (
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
    qWarning,
)

from clientjournal.ui.display_check import X_SERVER_SILENT
from clientjournal.ui.display_watch import DisplayWatch


def _context(category: str) -> QMessageLogContext:
    context = QMessageLogContext()
    context.category = category
    return context


@pytest.fixture
def heard() -> Iterator[list[str]]:
    """The messages that reach the handler installed before the watch (standing in for Qt's own)."""
    messages: list[str] = []
    qInstallMessageHandler(lambda kind, context, message: messages.append(message))
    try:
        yield messages
    finally:
        qInstallMessageHandler(None)


def _watch() -> tuple[DisplayWatch, io.StringIO, list[int]]:
    stderr = io.StringIO()
    exits: list[int] = []
    return DisplayWatch(stderr=stderr, exit=exits.append), stderr, exits


def test_an_x_server_that_does_not_answer_is_one_line_and_exit_1():
    watch, stderr, exits = _watch()
    with watch:
        watch.handle(QtMsgType.QtWarningMsg, _context("qt.qpa.xcb"), "could not connect to display :42")
        watch.handle(QtMsgType.QtWarningMsg, _context("qt.qpa.plugin"), "xcb-cursor0 is needed…")
        # Qt's abort, handed over directly: a real qFatal would end the test run
        watch.handle(QtMsgType.QtFatalMsg, _context("default"), "no Qt platform plugin could be initialized")
    line = X_SERVER_SILENT.replace("{display}", ":42")
    assert exits == [1]
    assert stderr.getvalue().strip().splitlines()[-1] == line
    assert "xvfb-run" in line and "{" not in line


def test_a_fatal_message_for_another_reason_is_left_to_qt(heard):
    watch, stderr, exits = _watch()
    with watch:
        watch.handle(QtMsgType.QtFatalMsg, _context("default"), "something else went wrong")
    assert exits == []  # Qt aborts as it would, having said why
    assert heard == ["something else went wrong"] and stderr.getvalue() == ""


def test_the_connection_warning_is_kept_when_qt_carries_on():
    """A list of platforms (``xcb;wayland``) lets Qt fall back: its warning about the X server is then shown."""
    watch, stderr, exits = _watch()
    with watch:
        watch.handle(QtMsgType.QtWarningMsg, _context("qt.qpa.xcb"), "could not connect to display :42")
        assert stderr.getvalue() == ""  # held: it would be the second line of a one-line message
    assert exits == []
    assert "could not connect to display :42" in stderr.getvalue()


def test_qts_other_messages_reach_the_handler_before_and_it_is_back_afterwards(heard):
    watch, stderr, exits = _watch()
    with watch:
        qWarning("during the watch")  # through Qt itself
    qWarning("after the watch")
    assert heard == ["during the watch", "after the watch"]
    assert stderr.getvalue() == "" and exits == []
