"""The bar at the top of the entry dialog that offers (or reports) the autosaved, not yet saved changes."""

from __future__ import annotations

import contextlib
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class AutosaveBar(QFrame):
    """Hidden until :meth:`offer` or :meth:`report_restored`; Restore and Discard say what the user chose."""

    restore_clicked = Signal()
    discard_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autosaveBar")
        self.setStyleSheet(
            "QFrame#autosaveBar { background: rgba(59, 111, 212, 0.10);"
            " border: 1px solid rgba(59, 111, 212, 0.30); border-radius: 6px; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setAccessibleName(self.tr("Restore the autosaved changes"))
        self.restore_button.clicked.connect(self.restore_clicked)
        self.discard_button = QPushButton(self.tr("Disc&ard"), self)
        self.discard_button.setAccessibleName(self.tr("Discard the autosaved changes"))
        self.discard_button.clicked.connect(self.discard_clicked)
        row.addWidget(self.restore_button)
        row.addWidget(self.discard_button)
        self.setVisible(False)

    @property
    def offering(self) -> bool:
        """Whether the bar offers an autosave not yet in the form (rather than reporting one restored)."""
        return not self.restore_button.isHidden()

    def offer(self, saved_at: str = "") -> None:
        when = ""
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(saved_at).strftime("%Y-%m-%d %H:%M")
        self.label.setText(
            self.tr("You have unsaved changes, autosaved at %1.").replace("%1", when)
            if when
            else self.tr("You have unsaved changes, autosaved.")
        )
        self.restore_button.setVisible(True)
        self.setVisible(True)

    def report_restored(self) -> None:
        self.label.setText(self.tr("Your unsaved entry was restored."))
        self.restore_button.setVisible(False)
        self.setVisible(True)
