"""The head start: the X server is asked and the fonts loaded on a thread while Qt is imported, and the start
waits for the server's answer (not for the fonts) before anything is created."""

from __future__ import annotations

import sys
import threading

import pytest

from clientjournal.ui.head_start import HeadStart, load_font_configuration


def test_an_x_server_that_does_not_answer_is_reported_and_no_fonts_are_loaded():
    asked: list[str] = []
    loaded: list[bool] = []

    def server_problem(display: str) -> str:
        asked.append(display)
        return "no X server answers on :9"

    start = HeadStart(":9", server_problem=server_problem, load_fonts=lambda: loaded.append(True))
    assert start.display_problem() == "no X server answers on :9"
    assert asked == [":9"] and loaded == []


def test_a_live_x_server_lets_the_fonts_load_on_the_thread():
    threads: list[str] = []

    def load_fonts() -> None:
        threads.append(threading.current_thread().name)

    start = HeadStart(":9", server_problem=lambda display: None, load_fonts=load_fonts)
    assert start.display_problem() is None
    assert start.finish()
    assert threads == ["clientjournal-head-start"]  # not the main thread: that one imports Qt meanwhile


def test_the_start_does_not_wait_for_the_fonts():
    fonts_may_finish = threading.Event()
    loaded: list[bool] = []

    def slow_fonts() -> None:
        fonts_may_finish.wait(10)
        loaded.append(True)

    start = HeadStart(":9", server_problem=lambda display: None, load_fonts=slow_fonts)
    assert start.display_problem(timeout_s=5) is None  # answered while the fonts are still loading
    assert loaded == [] and not start.finish(timeout_s=0.01)
    fonts_may_finish.set()
    assert start.finish() and loaded == [True]


def test_without_x11_only_the_fonts_load():
    asked: list[str] = []
    loaded: list[bool] = []
    start = HeadStart(None, server_problem=asked.append, load_fonts=lambda: loaded.append(True))
    assert start.display_problem() is None
    assert start.finish()
    assert asked == [] and loaded == [True]


def test_a_server_that_has_not_answered_in_time_is_left_to_qt_and_the_fonts_to_qt_too():
    answer = threading.Event()
    loaded: list[bool] = []

    def slow(display: str) -> None:
        answer.wait(10)

    start = HeadStart(":9", server_problem=slow, load_fonts=lambda: loaded.append(True))
    assert start.display_problem(timeout_s=0.01) is None  # Qt decides (and may load the fonts by now)
    answer.set()
    assert start.finish()
    assert loaded == []  # Qt was told to decide: it loads the fonts itself


def test_a_failing_check_does_not_stop_the_start():
    def broken(display: str) -> str:
        raise OSError("libxcb went away")

    assert HeadStart(":9", server_problem=broken, load_fonts=lambda: None).display_problem() is None


def _fontconfig_loads() -> bool:
    import ctypes

    try:
        ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        return False
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux") or not _fontconfig_loads(), reason="fontconfig")
def test_the_real_font_configuration_loads():
    assert load_font_configuration() is True
