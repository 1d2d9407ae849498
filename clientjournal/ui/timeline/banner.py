"""One calm line above the timeline when some entries cannot be read, with what the user can do about it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

_STYLE = """
QFrame#damageBanner {
    border: 1px solid #e0b000;
    border-radius: 8px;
    background: rgba(224, 176, 0, 0.14);
}
QFrame#damageBanner QLabel { background: transparent; border: none; }
"""


class DamageBanner(QFrame):
    """Hidden while every entry reads; otherwise says how many do not, and offers a check and a restore.

    The buttons only emit ``check_requested`` / ``restore_requested``: the window connects them to its File
    menu's "Check the vault" and "Restore from a backup".
    """

    check_requested = Signal()
    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("damageBanner")
        self.setStyleSheet(_STYLE)
        self.setAccessibleName(self.tr("Damaged entries"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(8)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.message, 1)
        self.check_button = QPushButton(self.tr("Check the vault"), self)
        self.check_button.setToolTip(self.tr("Find every damaged record and say what it holds"))
        self.check_button.clicked.connect(self.check_requested)
        layout.addWidget(self.check_button)
        self.restore_button = QPushButton(self.tr("Restore from a backup…"), self)
        self.restore_button.setToolTip(self.tr("Replace the vault with a backup made before the damage"))
        self.restore_button.clicked.connect(self.restore_requested)
        layout.addWidget(self.restore_button)
        self.count = 0
        self.hide()

    def set_count(self, count: int) -> None:
        """How many entries cannot be read; 0 hides the banner."""
        self.count = count
        self.message.setText(
            self.tr("%n entries cannot be read; everything else is shown.", "", count).replace(
                str(count), f"{count:,}".replace(",", "\u202f")
            )
        )
        self.message.setAccessibleName(self.message.text())
        self.setVisible(count > 0)
