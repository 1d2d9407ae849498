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
        windows = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
        print(json.dumps({
            "windows": windows,
            "qt_namespace": "Qt" in vars(QtCore),
            "modules": sorted(sys.modules),
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


def test_the_unlock_dialog_shows_before_anything_it_does_not_need_is_loaded(
    existing_vault, vault_url, tmp_path
):
    data_dir = Path(vault_url.removeprefix("sqlite:///")).parent
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "XDG_RUNTIME_DIR": str(tmp_path / "runtime"),
            "LANGUAGE": "en",
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
