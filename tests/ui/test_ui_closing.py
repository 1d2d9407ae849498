"""Closing the main window right after start: the app stays in the tray where one exists, from the first moment.

A remembered device unlocks and shows the main window well before the tray and the reminders start (a little
after the first window). Closing the window in that moment used to quit the app. These run the real entry point
(``clientjournal.app.main``) in a fresh interpreter, with the device unlock stood in for by a passphrase unlock.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support.constants import PASSPHRASE

_CHILD = textwrap.dedent(
    """
    import json, os, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QSystemTrayIcon
    from clientjournal.ui import controller

    from PySide6.QtWidgets import QApplication

    data_dir, passphrase, tray = sys.argv[1], sys.argv[2], sys.argv[3] == "tray"
    quitting = []
    QSystemTrayIcon.isSystemTrayAvailable = staticmethod(lambda: tray)
    original_start = controller.AppController.start

    def start(self, *, background=False):
        try:
            started(self, background)
        except BaseException as exc:  # not the app's error dialog, which would wait for a click
            print(json.dumps({"error": repr(exc)}), flush=True)
            os._exit(1)

    def started(self, background):
        original_start(self, background=background)
        # What a remembered device does: the main window at once, long before the tray starts (250 ms later).
        from clientjournal.services import access
        from clientjournal.app import local_now

        self.unlock_dialog.hide()
        vault = access.open_vault(f"sqlite:///{data_dir}/vault.sqlite3", clock=local_now)
        window = self.show_main(access.unlock(vault, passphrase))

        QApplication.instance().aboutToQuit.connect(lambda: quitting.append(True))

        def report():  # may run while quitting waits for the worker
            print(json.dumps({"running": not quitting, "hidden": window.isHidden()}), flush=True)
            os._exit(0)

        QTimer.singleShot(0, window.close)  # the user closes it at once, before the tray starts (250 ms)
        QTimer.singleShot(1500, report)  # by then it has quit, or it stays

    controller.AppController.start = start
    from clientjournal.app import main
    main(["clientjournal", "--data-dir", data_dir])
    print(json.dumps({"running": False, "hidden": True}), flush=True)
    """
)


def _run(data_dir: Path, tmp_path: Path, tray: str) -> dict:
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
    (tmp_path / "runtime").mkdir(mode=0o700, exist_ok=True)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(data_dir), PASSPHRASE, tray],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"the app hung: {exc.stderr!r}") from None
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    return json.loads(lines[-1])


@pytest.mark.parametrize(("tray", "expected"), [("tray", {"running": True, "hidden": True}),
                                                ("none", {"running": False, "hidden": True})])  # fmt: skip
def test_closing_the_window_at_once_keeps_the_app_in_the_tray(
    existing_vault, vault_url, tmp_path, tray, expected
):
    data_dir = Path(vault_url.removeprefix("sqlite:///")).parent
    assert _run(data_dir, tmp_path, tray) == expected  # without a tray it quits as usual
