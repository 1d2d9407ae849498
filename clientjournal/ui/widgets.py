"""Small shared widgets: headings, inline messages, a busy strip and mood-tag chips."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QProgressBar, QToolButton, QWidget

from clientjournal.ui.delegates import text_colour_on


def mark_primary(button: QWidget) -> None:
    """Style a button as the dialog's main action (``QPushButton#primary`` in app.qss)."""
    button.setObjectName("primary")
    button.style().unpolish(button)
    button.style().polish(button)


def heading(text: str, parent: QWidget | None = None, *, level: int = 1) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("heading" if level == 1 else "subheading")
    label.setWordWrap(True)
    label.setIndent(0)  # a styled QLabel otherwise indents its text by half an "x"
    return label


def paragraph(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setObjectName("paragraph")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MessageLabel(QLabel):
    """An inline message under a form: empty and hidden until there is something to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Message"))
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def show_info(self, text: str) -> None:
        self._show(text, "info")

    def _show(self, text: str, kind: str) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


class BusyBar(QProgressBar):
    """A thin indeterminate progress bar shown while the worker does something slow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busy")
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setFixedHeight(4)
        self.setAccessibleName(self.tr("Working"))
        self.setVisible(False)


class MoodChip(QToolButton):
    """A checkable chip for one mood tag, filled with the tag's colour when checked."""

    def __init__(self, name: str, label: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mood = name
        self.setText(label)
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(self.tr("Mood: %1").replace("%1", label))
        self.setToolTip(label)
        fill = QColor(colour)
        text = text_colour_on(fill).name()
        self.setObjectName("moodChip")
        self.setStyleSheet(
            f"QToolButton#moodChip {{ border: 2px solid {colour}; border-radius: 12px;"
            f" padding: 3px 10px; }}"
            f"QToolButton#moodChip:checked {{ background: {colour}; color: {text}; }}"
        )
