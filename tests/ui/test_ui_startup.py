"""What the desktop app loads before its first window: the start-up goal (at most 1.3x an empty window) in a form that can fail.

The benchmark (benchmarks/bench_gui_startup.py) measures the time; this test pins down the causes it found, in a
fresh interpreter started as a user would start the app, on a data folder that holds a vault (so the unlock
dialog is the first window).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clientjournal.ui.recovery_key_page import ALIGN_CENTER
from clientjournal.ui.widgets import SELECTABLE_BY_MOUSE, paragraph

_CHILD = textwrap.dedent(
    """
    import json, os, sys
    import PySide6.QtCore as QtCore
    from clientjournal.ui import controller

    original_start = controller.AppController.start

    def start(self):
        original_start(self)
        from PySide6.QtWidgets import QApplication
        import PySide6.QtGui as QtGui, PySide6.QtWidgets as QtWidgets
        windows = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
        types = sorted(name for module in (QtCore, QtGui, QtWidgets) for name in vars(module))
        QApplication.instance().setStyleSheet("")  # the style sheet's style wraps the app's own, which has the name
        print(json.dumps({
            "windows": windows,
            "qt_namespace": "Qt" in vars(QtCore),
            "modules": sorted(sys.modules),
            "types": types,
            "style": QApplication.style().name(),
        }), flush=True)
        os._exit(0)

    controller.AppController.start = start
    from clientjournal.app import main
    sys.exit(main(["clientjournal", "--data-dir", sys.argv[1]]))
    """
)

# Each of these costs the first window from several to sixty milliseconds, and none is needed to show it.
_NOT_BEFORE_THE_FIRST_WINDOW = (
    "sqlalchemy",
    "cryptography",
    "argon2",
    "keyring",
    "clientjournal.services",
    "clientjournal.storage",
    "clientjournal.crypto",
    "clientjournal.coach",
    "clientjournal.ui.mainwindow",
    "clientjournal.ui.delegates",
    "clientjournal.ui.preferences_dialog",
    "PySide6.QtNetwork",
    "logging.handlers",
    "importlib.resources",
    "dataclasses",
)


@pytest.mark.parametrize("first_window", ["unlock", "welcome"])
def test_the_first_window_shows_before_anything_it_does_not_need_is_loaded(first_window, request, tmp_path):
    """The unlock dialog (a folder holding a vault) and the welcome dialog (a first run, a fresh folder)."""
    if first_window == "unlock":
        request.getfixturevalue("existing_vault")
        data_dir = Path(request.getfixturevalue("vault_url").removeprefix("sqlite:///")).parent
    else:
        data_dir = tmp_path / "fresh"
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "XDG_RUNTIME_DIR": str(tmp_path / "runtime"),
            "LANGUAGE": "en",
            "QT_STYLE_OVERRIDE": "Windows",  # the app's look is Fusion whatever the desktop asks for
        }
    )
    (tmp_path / "runtime").mkdir(mode=0o700)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    report = json.loads(lines[-1])
    assert any("ClientJournal" in title for title in report["windows"])
    # Touching Qt.<anything> makes PySide6 build its whole Qt namespace (~60 ms on the benchmark machine).
    assert not report["qt_namespace"]
    # PySide6 creates a Qt class's Python type, enums and all, when it is first named or handed to Python: QStyle
    # (setStyle's return value) alone costs ~5 ms. The style is still Fusion, given to QApplication instead.
    assert not {"QStyle", "QIcon", "QFont", "QFileDialog", "QStandardPaths"} & set(report["types"])
    assert report["style"].lower() == "fusion"
    loaded = [
        name
        for name in report["modules"]
        if any(name == heavy or name.startswith(heavy + ".") for heavy in _NOT_BEFORE_THE_FIRST_WINDOW)
    ]
    assert loaded == []


def test_paragraphs_are_selectable_by_mouse(qtbot):
    from PySide6.QtCore import Qt

    assert Qt.TextInteractionFlag(SELECTABLE_BY_MOUSE) == Qt.TextInteractionFlag.TextSelectableByMouse
    label = paragraph("Some text")
    qtbot.addWidget(label)
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse


def test_the_welcome_dialogs_alignment_number_is_qts_align_center():
    from PySide6.QtCore import Qt

    assert Qt.AlignmentFlag(ALIGN_CENTER) == Qt.AlignmentFlag.AlignCenter


class _SlowStore:
    """A secret store whose availability is known only once it is asked (on the worker)."""

    def __init__(self, problem: str | None) -> None:
        self.problem = problem
        self.asked_on_gui_thread = False

    def availability(self) -> str | None:
        from PySide6.QtCore import QCoreApplication, QThread

        self.asked_on_gui_thread = QThread.currentThread() is QCoreApplication.instance().thread()
        return self.problem


@pytest.mark.parametrize("problem", [None, "no secret store here"])
def test_the_welcome_dialog_looks_up_the_secret_store_on_the_worker(qtbot, worker, vault_url, problem):
    from support.constants import WAIT_MS, fixed_clock

    from clientjournal.services.access import KdfChoice
    from clientjournal.ui.welcome import WelcomeDialog

    store = _SlowStore(problem)
    dialog = WelcomeDialog(
        worker, vault_url, fixed_clock, kdf=KdfChoice.fastest(), device_store_factory=lambda: store
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember.isEnabled()  # shown at once, the box waits for the answer
    if problem is None:
        qtbot.waitUntil(dialog.remember.isEnabled, timeout=WAIT_MS)
        assert dialog.remember.isVisible() and not dialog.remember_unavailable.isVisible()
    else:
        qtbot.waitUntil(dialog.remember_unavailable.isVisible, timeout=WAIT_MS)
        assert not dialog.remember.isVisible()
        assert problem in dialog.remember_unavailable.text()
    assert not store.asked_on_gui_thread


def test_a_welcome_dialog_closed_before_the_secret_store_answers_is_left_alone(qtbot, worker, vault_url):
    import threading

    from support.constants import WAIT_MS, fixed_clock

    from clientjournal.services.access import KdfChoice
    from clientjournal.ui.welcome import WelcomeDialog

    answer = threading.Event()

    def slow_factory() -> _SlowStore:
        answer.wait(5)
        return _SlowStore(None)

    dialog = WelcomeDialog(
        worker, vault_url, fixed_clock, kdf=KdfChoice.fastest(), device_store_factory=slow_factory
    )
    dialog.show()
    dialog.close()
    dialog.deleteLater()
    qtbot.wait(10)
    answer.set()
    assert worker.wait_idle(WAIT_MS)  # the answer arrives for a deleted dialog: nothing raises
