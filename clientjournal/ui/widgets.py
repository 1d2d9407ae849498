"""Small shared widgets: headings, inline messages and a busy strip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox


def text_colour_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    luminance = (
        0.2126 * channel(background.redF())
        + 0.7152 * channel(background.greenF())
        + 0.0722 * channel(background.blueF())
    )
    return QColor("#1b1b1b") if luminance > 0.36 else QColor("#ffffff")


SELECTABLE_BY_MOUSE = 1
"""``Qt.TextInteractionFlag.TextSelectableByMouse`` as its number (a test holds them equal): naming the enum would
make PySide6 build its whole ``Qt`` namespace (~60 ms) before the unlock dialog, which uses :func:`paragraph`."""


def ok_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    """OK (styled as the primary action) and Cancel, wired to ``dialog``'s accept and reject."""
    from PySide6.QtWidgets import QDialogButtonBox  # not needed by the first window: keep it off start-up

    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    mark_primary(buttons.button(QDialogButtonBox.StandardButton.Ok))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


TITLE_BAR_ROOM = 180
"""Pixels a window manager's title bar needs besides the title text: the icon and the window buttons."""


def fit_window_title(window: QWidget) -> None:
    """Make ``window`` wide enough for its title bar to show the whole title (set the title first).

    Window managers cut a title that does not fit ("Rediger klient — Client…"). A message box sizes itself when
    shown, so it gets an invisible spacer of that width instead of a minimum width.
    """
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QGridLayout, QMessageBox, QSizePolicy, QSpacerItem

    bold = window.font()
    bold.setBold(True)  # many title bars set their title in bold
    width = QFontMetrics(bold).horizontalAdvance(window.windowTitle()) + TITLE_BAR_ROOM
    layout = window.layout()
    if isinstance(window, QMessageBox) and isinstance(layout, QGridLayout):
        spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())
    elif window.minimumWidth() < width:
        window.setMinimumWidth(width)


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
    label.setProperty("textInteractionFlags", SELECTABLE_BY_MOUSE)
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
