"""A rough passphrase-strength estimate for the meter in the welcome dialog (not a security guarantee)."""

from __future__ import annotations

import math
import re

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
