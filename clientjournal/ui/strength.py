"""A rough passphrase-strength estimate and its meter under new-passphrase fields (not a security guarantee)."""

from __future__ import annotations

import math
import re

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

MIN_LENGTH = 8
"""Mirrors :data:`clientjournal.services.vault.MIN_PASSPHRASE_LENGTH` without importing the core at start-up."""

_COMMON = (
    "password",
    "passord",
    "qwerty",
    "123456",
    "letmein",
    "welcome",
    "admin",
    "iloveyou",
    "abc123",
    "sommer",
    "summer",
)


def estimate_bits(passphrase: str) -> float:
    """Entropy in bits: length × log2(alphabet), reduced for repeats, sequences and common words."""
    if not passphrase:
        return 0.0
    alphabet = 0
    if re.search(r"[a-zæøå]", passphrase):
        alphabet += 29
    if re.search(r"[A-ZÆØÅ]", passphrase):
        alphabet += 29
    if re.search(r"\d", passphrase):
        alphabet += 10
    if re.search(r"\s", passphrase):
        alphabet += 1
    if re.search(r"[^\w\s]", passphrase):
        alphabet += 33
    # Runs of one character and simple ascending sequences add little.
    effective = 0.0
    previous = ""
    for char in passphrase:
        if char == previous or (previous and ord(char) - ord(previous) == 1):
            effective += 0.25
        else:
            effective += 1.0
        previous = char
    bits = effective * math.log2(max(alphabet, 2))
    lowered = passphrase.casefold()
    for word in _COMMON:
        if word in lowered:
            bits -= len(word) * math.log2(max(alphabet, 2)) * 0.8
    return max(bits, 0.0)


def strength_level(bits: float) -> int:
    """0 very weak, 1 weak, 2 fair, 3 strong, 4 very strong."""
    for level, limit in enumerate((28, 40, 60, 80)):
        if bits < limit:
            return level
    return 4


class StrengthMeter(QWidget):
    """The bar and the words under a new passphrase field, shared by the welcome dialog and the passphrase dialogs."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("strength")
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.bar.setAccessibleName(self.tr("Passphrase strength"))
        self.label = QLabel(self)
        self.label.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)

    def show_strength(self, text: str) -> None:
        bits = estimate_bits(text)
        level = strength_level(bits)
        names = (
            self.tr("Very weak"),
            self.tr("Weak"),
            self.tr("Fair"),
            self.tr("Strong"),
            self.tr("Very strong"),
        )
        self.bar.setValue(0 if not text else max(8, min(100, int(bits))))
        self.bar.setProperty("level", level)
        if (
            self.bar.isVisible()
        ):  # else it is polished when shown; style() would load Qt's namespace at start-up
            self.bar.style().unpolish(self.bar)
            self.bar.style().polish(self.bar)
        if not text:
            self.label.setText(self.tr("Strength: type a passphrase"))
        elif len(text.strip()) < MIN_LENGTH:
            self.label.setText(
                self.tr("Too short: use at least %1 characters").replace("%1", str(MIN_LENGTH))
            )
        else:
            self.label.setText(self.tr("Strength: %1").replace("%1", names[level]))
        self.bar.setAccessibleDescription(self.label.text())
