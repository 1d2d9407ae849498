"""The first dialog's background job waits until its window is on screen, so it does not compete with the first
paint, but never waits for a window that is not being shown."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget
from support.constants import WAIT_MS

from clientjournal.ui.on_screen import when_on_screen


class _Window:
    def __init__(self) -> None:
        self.exposed = False

    def isExposed(self) -> bool:
        return self.exposed


class _ShownWidget(QWidget):
    """Shown as far as the check can tell, its window exposed only when the test says so."""

    def __init__(self) -> None:
        super().__init__()
        self.window_handle = _Window()

    def isVisible(self) -> bool:
        return True

    def windowHandle(self) -> _Window:  # type: ignore[override]
        return self.window_handle


@pytest.fixture
def run_on_a_thread(qtbot):
    """Runs a job on a thread as the worker would; every thread is joined before the test's widgets go, so a
    job's last reference to a widget is never dropped (and the widget destroyed) off the GUI thread."""
    threads: list[threading.Thread] = []

    def run(job) -> threading.Event:
        done = threading.Event()
        thread = threading.Thread(target=lambda: (job(), done.set()), daemon=True)
        threads.append(thread)
        thread.start()
        return done

    yield run
    for thread in threads:
        thread.join(timeout=WAIT_MS / 1000)


def test_the_job_waits_until_the_window_is_exposed(qtbot, run_on_a_thread):
    widget = _ShownWidget()
    qtbot.addWidget(widget)
    ran: list[bool] = []
    done = run_on_a_thread(when_on_screen(widget, lambda: ran.append(widget.window_handle.exposed)))
    qtbot.wait(50)  # the event loop runs: the window is mapped but not yet painted
    assert not done.is_set()
    widget.window_handle.exposed = True
    qtbot.waitUntil(done.is_set, timeout=WAIT_MS)
    assert ran == [True]


def test_a_widget_that_is_not_shown_holds_nothing_up(qtbot, run_on_a_thread):
    widget = QWidget()  # hidden: in the tray, say
    qtbot.addWidget(widget)
    done = run_on_a_thread(when_on_screen(widget, lambda: None))
    qtbot.waitUntil(done.is_set, timeout=WAIT_MS)


def test_a_shown_widget_on_the_real_platform_lets_the_job_run(qtbot, run_on_a_thread):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    done = run_on_a_thread(when_on_screen(widget, lambda: None))
    qtbot.waitUntil(done.is_set, timeout=WAIT_MS)
    assert widget.windowHandle().isExposed()


def test_a_widget_deleted_before_it_was_exposed_releases_the_job(qtbot, run_on_a_thread):
    widget = _ShownWidget()
    done = run_on_a_thread(when_on_screen(widget, lambda: None, give_up_ms=60_000))
    qtbot.wait(20)
    assert not done.is_set()
    widget.deleteLater()
    qtbot.waitUntil(done.is_set, timeout=WAIT_MS)


def test_a_window_that_is_never_exposed_is_given_up_on(qtbot, run_on_a_thread):
    widget = _ShownWidget()  # on another workspace, say
    qtbot.addWidget(widget)
    done = run_on_a_thread(when_on_screen(widget, lambda: None, poll_ms=5, give_up_ms=50))
    qtbot.waitUntil(done.is_set, timeout=WAIT_MS)
    assert not widget.window_handle.exposed
