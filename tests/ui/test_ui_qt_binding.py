"""The Qt binding in use must not leak references to None or True.

PySide6 6.12.0 under Python 3.11 drops one reference to None on every void call (and to True on every emit),
which aborts the interpreter after some thousands of calls; pyproject.toml keeps that combination out. This test
catches it, or a relapse, on whatever binding is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    fired = Signal(object)


def test_void_calls_and_emits_keep_none_and_true_alive(qapp):
    label = QLabel()
    emitter = _Emitter()
    seen: list[object] = []
    emitter.fired.connect(seen.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for value in range(5_000):
        label.setText("x")
        emitter.fired.emit(value)
    assert len(seen) == 5_000
    # Immortal objects (3.12+) report a huge constant; otherwise the count must not fall by one per call.
    assert none_before - sys.getrefcount(None) < 1_000
    assert true_before - sys.getrefcount(True) < 1_000
