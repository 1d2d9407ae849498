"""The client's moods in the entry dialog: a row of chips that is one Tab stop, driven by arrows and Space.

Eight (or, with the user's own tags, more) chips as eight Tab stops make the dialog tiring by keyboard, so the
chips take no focus themselves: the picker does, keeps a *current* chip, draws a focus ring around it, moves it
with the arrow keys (Home/End to the ends) and toggles it with Space. A mouse click toggles a chip as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from clientjournal.domain import DEFAULT_MOODS, MoodTag, Valence
from clientjournal.ui.labels import mood_label
from clientjournal.ui.widgets import text_colour_on

CHIPS_PER_ROW = 4
UNKNOWN_MOOD_COLOUR = "#9e9e9e"
"""For a mood an entry carries that the vault's catalogue no longer has: shown, so saving does not drop it."""
_RING_GAP = 3
"""Pixels between a chip and the focus ring drawn around it; the layout leaves this much room."""
_CHIP_SPACING = 2 * _RING_GAP + 2


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


class MoodPicker(QWidget):
    """Checkable chips for ``moods``; :meth:`selected` gives the checked names in catalogue order."""

    changed = Signal()
    """A chip was checked or unchecked (by the user or by :meth:`set_selected`)."""

    def __init__(self, moods: Sequence[MoodTag] = DEFAULT_MOODS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moodPicker")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Client's mood"))
        self.setAccessibleDescription(self.tr("Arrow keys choose a mood, Space ticks or unticks it."))
        self.chips: list[MoodChip] = []
        self._current = 0
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(_RING_GAP + 1, _RING_GAP + 1, _RING_GAP + 1, _RING_GAP + 1)
        self._rows.setSpacing(_CHIP_SPACING)
        self._base: list[MoodTag] = []
        self._shown: list[tuple[str, str]] = []
        self.set_catalogue(moods)

    # ---- the catalogue -------------------------------------------------------------------------------------------

    def set_catalogue(self, moods: Iterable[MoodTag]) -> None:
        """Show a chip for each of ``moods``, keeping what is ticked (ticked moods not among them stay, grey)."""
        self._base = list(moods)
        self._rebuild(self.selected())

    def _rebuild(self, ticked: Sequence[str]) -> None:
        known = {mood.name for mood in self._base}
        unknown = [name for name in dict.fromkeys(ticked) if name not in known]
        catalogue = self._base + [MoodTag(name, Valence.NEUTRAL, UNKNOWN_MOOD_COLOUR) for name in unknown]
        if [(m.name, m.colour) for m in catalogue] == self._shown:
            return
        self._shown = [(m.name, m.colour) for m in catalogue]
        current = self.current.mood if self.current is not None else None
        self._clear()
        row = QHBoxLayout()
        row.setSpacing(_CHIP_SPACING)
        for position, mood in enumerate(catalogue):
            if position and position % CHIPS_PER_ROW == 0:
                row.addStretch(1)
                self._rows.addLayout(row)
                row = QHBoxLayout()
                row.setSpacing(_CHIP_SPACING)
            chip = MoodChip(mood.name, mood_label(mood.name), mood.colour, self)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the picker is the one Tab stop
            chip.setChecked(mood.name in ticked)
            chip.toggled.connect(lambda _on: self.changed.emit())
            chip.clicked.connect(lambda _checked=False, c=chip: self._clicked(c))
            row.addWidget(chip)
            self.chips.append(chip)
        row.addStretch(1)
        self._rows.addLayout(row)
        names = [chip.mood for chip in self.chips]
        self._current = names.index(current) if current in names else 0
        self.update()

    def _clear(self) -> None:
        for chip in self.chips:
            chip.hide()  # gone from the form now, not only once the event loop deletes it
            chip.setParent(None)
            chip.deleteLater()
        self.chips = []
        while self._rows.count():
            item = self._rows.takeAt(0)
            layout = item.layout() if item is not None else None
            if layout is not None:
                while layout.count():
                    layout.takeAt(0)
                layout.deleteLater()

    # ---- selection -----------------------------------------------------------------------------------------------

    def selected(self) -> tuple[str, ...]:
        return tuple(chip.mood for chip in self.chips if chip.isChecked())

    def set_selected(self, names: Iterable[str]) -> None:
        wanted = list(dict.fromkeys(names))
        if any(name not in {chip.mood for chip in self.chips} for name in wanted):
            self._rebuild(wanted)  # an entry's moods the catalogue lacks get chips of their own
        for chip in self.chips:
            chip.setChecked(chip.mood in wanted)

    # ---- keyboard ------------------------------------------------------------------------------------------------

    @property
    def current(self) -> MoodChip | None:
        """The chip the arrow keys are on (ringed while the picker has focus)."""
        return self.chips[self._current] if self.chips else None

    def _clicked(self, chip: MoodChip) -> None:
        self._current = self.chips.index(chip)
        self.update()

    def _move_to(self, position: int) -> None:
        if self.chips:
            self._current = max(0, min(len(self.chips) - 1, position))
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        moves = {
            Qt.Key.Key_Left: self._current - 1,
            Qt.Key.Key_Right: self._current + 1,
            Qt.Key.Key_Up: self._current - CHIPS_PER_ROW,
            Qt.Key.Key_Down: self._current + CHIPS_PER_ROW,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(self.chips) - 1,
        }
        if key in moves and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not 0 <= moves[key] < len(self.chips):
                event.ignore()  # no row above or below: let the dialog have the key
                return
            self._move_to(moves[key])
            event.accept()
            return
        if key == Qt.Key.Key_Space and self.current is not None:
            self.current.toggle()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        chip = self.current
        if not self.hasFocus() or chip is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().highlight().color(), 2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        ring = QRectF(chip.geometry()).adjusted(-_RING_GAP + 1, -_RING_GAP + 1, _RING_GAP - 1, _RING_GAP - 1)
        radius = ring.height() / 2
        painter.drawRoundedRect(ring, radius, radius)
        painter.end()
