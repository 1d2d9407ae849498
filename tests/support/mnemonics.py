"""The keyboard mnemonics (Alt+letter) a window shows, to check that no letter is bound twice."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget


def mnemonic(text: str) -> str | None:
    """The letter after the first single "&" in ``text`` ("&&" is a literal ampersand), lower-cased."""
    position = 0
    while (found := text.find("&", position)) >= 0 and found + 1 < len(text):
        if text[found + 1] != "&":
            return text[found + 1].lower()
        position = found + 2
    return None


def shown_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every mnemonic on a widget of ``window`` that is shown (or would be, once it is)."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        letter = mnemonic(text)
        if letter is not None:
            found.append((letter, text))
    return found


def bound_twice(window: QWidget) -> dict[str, list[str]]:
    """Each letter bound by more than one shown widget, with those widgets' texts (empty when all are unique)."""
    shown = shown_mnemonics(window)
    counts = Counter(letter for letter, _text in shown)
    return {letter: [t for m, t in shown if m == letter] for letter, n in counts.items() if n > 1}
