"""A compact eight-step stepper: where a project stands in the playbook, each step explained on hover."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from clientjournal.coach import PlaybookStep

_DIAMETER = 22.0
_CURRENT = 26.0


class StepperWidget(QWidget):
    """Steps 1 to 8 as numbered dots on a line; the current one stands out, earlier ones are filled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coachStepper")
        self.setAccessibleName(self.tr("Playbook step"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._steps: list[PlaybookStep] = []
        self._current = 0

    def set_steps(self, steps: Sequence[PlaybookStep]) -> None:
        self._steps = list(steps)
        self._update_description()
        self.update()

    def set_current(self, step: int) -> None:
        self._current = step
        self._update_description()
        self.update()

    def current(self) -> int:
        return self._current

    def step_name(self, number: int) -> str:
        return self._steps[number - 1].name if 0 < number <= len(self._steps) else ""

    def _update_description(self) -> None:
        if self._current:
            self.setAccessibleDescription(
                self.tr("Step %1 of 8: %2")
                .replace("%1", str(self._current))
                .replace("%2", self.step_name(self._current))
            )
        else:
            self.setAccessibleDescription("")

    # ---- geometry ------------------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(260, int(_CURRENT) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(8 * int(_DIAMETER) + 7 * 4, int(_CURRENT) + 8)

    def _centres(self) -> list[QPointF]:
        margin = _CURRENT / 2 + 2
        width = max(self.width() - 2 * margin, 1.0)
        y = self.height() / 2
        return [QPointF(margin + width * i / 7, y) for i in range(8)]

    def step_at(self, x: float, y: float) -> int:
        for number, centre in enumerate(self._centres(), start=1):
            if abs(centre.x() - x) <= _CURRENT / 2 + 4 and abs(centre.y() - y) <= _CURRENT / 2 + 4:
                return number
        return 0

    # ---- events --------------------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            number = self.step_at(event.pos().x(), event.pos().y())
            if number and number <= len(self._steps):
                QToolTip.showText(event.globalPos(), self.tooltip_for(number), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_for(self, number: int) -> str:
        step = self._steps[number - 1]
        status = ""
        if number == self._current:
            status = "<br><i>" + escape(self.tr("The project is here now.")) + "</i>"
        return (
            f"<p style='white-space:pre-wrap; max-width:320px'><b>{number}. {escape(step.name)}</b><br>"
            f"{escape(step.purpose)}{status}</p>"
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        line = palette.color(QPalette.ColorRole.Mid)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        base = palette.color(QPalette.ColorRole.Base)
        centres = self._centres()
        for i in range(7):
            done = self._current and i + 1 < self._current
            painter.setPen(QPen(accent if done else line, 2.0))
            painter.drawLine(centres[i], centres[i + 1])
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.82, 7.0))
        font.setBold(True)
        painter.setFont(font)
        for number, centre in enumerate(centres, start=1):
            current = number == self._current
            done = bool(self._current) and number < self._current
            size = _CURRENT if current else _DIAMETER
            rect = QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
            if current:
                halo = QColor(accent)
                halo.setAlphaF(0.22)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(halo)
                painter.drawEllipse(rect.adjusted(-3, -3, 3, 3))
                painter.setBrush(accent)
                painter.drawEllipse(rect)
                painter.setPen(QColor("#ffffff"))
            elif done:
                tint = QColor(accent)
                tint.setAlphaF(0.18)
                painter.setPen(QPen(accent, 1.5))
                painter.setBrush(base)
                painter.drawEllipse(rect)
                painter.setBrush(tint)
                painter.drawEllipse(rect)
                painter.setPen(accent)
            else:
                painter.setPen(QPen(line, 1.5))
                painter.setBrush(base)
                painter.drawEllipse(rect)
                painter.setPen(muted)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(number))
        painter.end()
