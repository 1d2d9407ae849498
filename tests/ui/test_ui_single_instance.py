"""One running instance: a second launch knocks on the first one's local socket and exits."""

from __future__ import annotations

import os
import uuid

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from support.constants import WAIT_MS

from clientjournal.ui.single_instance import SingleInstance, bring_to_front, server_name


@pytest.fixture
def name() -> str:
    return f"clientjournal-test-{uuid.uuid4().hex[:12]}"


def test_server_name_is_per_user_and_data_folder(tmp_path):
    first = server_name(tmp_path / "a")
    assert first == server_name(tmp_path / "a")
    assert first != server_name(tmp_path / "b")
    assert first.startswith("clientjournal-") and len(first) < 40  # fits a Unix socket path


def test_a_second_instance_activates_the_first(qtbot, name):
    first = SingleInstance(name)
    assert not first.activate_running(timeout_ms=200)  # nobody there yet
    assert first.listen()
    second = SingleInstance(name)
    with qtbot.waitSignal(first.activation_requested, timeout=WAIT_MS):
        assert second.activate_running()
    first.close()
    assert not SingleInstance(name).activate_running(timeout_ms=200)


@pytest.mark.skipif(os.name == "nt", reason="named pipes leave no stale file behind")
def test_a_stale_socket_from_a_crash_is_replaced(qtbot, name):
    # A socket file that nobody listens on any more, as a crashed instance leaves behind.
    import socket

    probe = QLocalServer()
    assert probe.listen(name)
    path = probe.fullServerName()
    probe.close()
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)
    stale.close()
    assert os.path.exists(path)

    instance = SingleInstance(name)
    assert not instance.activate_running(timeout_ms=200)
    assert instance.listen()
    with qtbot.waitSignal(instance.activation_requested, timeout=WAIT_MS):
        assert SingleInstance(name).activate_running()
    instance.close()


def test_activation_brings_the_visible_window_to_the_front(qtbot):
    from PySide6.QtWidgets import QWidget

    class FakeController:
        welcome = None
        unlock_dialog = None
        window: QWidget | None = None

    controller = FakeController()
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    controller.window = window
    bring_to_front(controller)  # type: ignore[arg-type]
    assert window.isVisible() and not window.isMinimized()


def test_a_silent_connection_does_not_hold_up_the_next_knock(qtbot, name, monkeypatch):
    # The running instance reads knocks as they arrive; one launch that connects and says nothing must not
    # stall the GUI thread until it gives up on it.
    monkeypatch.setattr("clientjournal.ui.single_instance.KNOCK_TIMEOUT_MS", 60_000)
    first = SingleInstance(name)
    assert first.listen()
    silent = QLocalSocket()
    silent.connectToServer(name)
    assert silent.waitForConnected(WAIT_MS)
    qtbot.wait(50)  # the server accepts the silent connection
    with qtbot.waitSignal(first.activation_requested, timeout=WAIT_MS):
        assert SingleInstance(name).activate_running()
    silent.abort()
    first.close()
