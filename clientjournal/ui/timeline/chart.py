"""A small mood-trend chart painted with QPainter (QtCharts is not part of PySide6-Essentials).

Mood scores run from -2 (strong negative) to +2 (strong positive). The upper half is tinted green, the lower half
orange; each bucket (day, week or month) is a dot, and a smoothed line runs through them. Colours come from the
palette, so the chart reads in light and dark; the accessible description says in words what the chart shows.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from clientjournal.services.timeline.index import Grouping
from clientjournal.services.timeline.trend import MoodTrend, TrendPoint
from clientjournal.ui.dates import short_date
from clientjournal.ui.timeline.view import NEGATIVE, POSITIVE, mood_colour

SCALE = 2.0
"""The largest mood score either way."""


class MoodTrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moodTrend")
        self.setAccessibleName(self.tr("Mood trend"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._trend = MoodTrend(Grouping.WEEK)
        self._subject = ""
        self._message = ""
        self._update_description()

    def sizeHint(self) -> QSize:
        return QSize(480, 128)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 128)

    # ---- content -------------------------------------------------------------------------------------------------

    @property
    def trend(self) -> MoodTrend:
        return self._trend

    def set_trend(self, trend: MoodTrend, subject: str) -> None:
        self._trend = trend
        self._subject = subject
        self._message = ""
        self._update_description()
        self.update()

    def set_message(self, message: str) -> None:
        """Show a line of text instead of the chart (while loading, or after locking)."""
        self._trend = MoodTrend(Grouping.WEEK)
        self._message = message
        self._subject = ""
        self._update_description()
        self.update()

    def clear(self) -> None:
        self.set_message("")

    def _bucket_text(self) -> str:
        return {
            Grouping.DAY: self.tr("daily"),
            Grouping.WEEK: self.tr("weekly"),
            Grouping.MONTH: self.tr("monthly"),
        }[self._trend.bucket]

    def _direction_text(self) -> str:
        return {
            "rising": self.tr("rising"),
            "falling": self.tr("falling"),
            "steady": self.tr("steady"),
        }.get(self._trend.direction or "", "")

    def summary(self) -> str:
        """The chart in one sentence (its accessible description)."""
        points = self._trend.points
        if self._message:
            return self._message
        if not points:
            return self.tr("No moods logged yet.")
        first, last = points[0].start, points[-1].start
        latest = self._trend.latest or 0.0
        text = (
            self.tr("Mood trend for %1, %2: %n points from %3 to %4; latest %5.", "", len(points))
            .replace("%1", self._subject)
            .replace("%2", self._bucket_text())
            .replace("%3", short_date(QLocale(), first))
            .replace("%4", short_date(QLocale(), last))
            .replace("%5", f"{latest:+.1f}")
        )
        direction = self._direction_text()
        if direction:
            text += " " + self.tr("The mood is %1.").replace("%1", direction)
        return text

    def _update_description(self) -> None:
        self.setAccessibleDescription(self.summary())
        self.setToolTip("")

    # ---- geometry ------------------------------------------------------------------------------------------------

    def _plot_rect(self) -> QRectF:
        metrics = QFontMetrics(self._small_font())
        top = 10 + metrics.height() + 6
        return QRectF(
            34, top, max(10.0, self.width() - 34 - 14), max(10.0, self.height() - top - metrics.height() - 10)
        )

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        return font

    def _x_of(self, day: date, plot: QRectF) -> float:
        points = self._trend.points
        first, last = points[0].start.toordinal(), points[-1].start.toordinal()
        if last == first:
            return plot.center().x()
        return plot.left() + (day.toordinal() - first) / (last - first) * plot.width()

    @staticmethod
    def _y_of(score: float, plot: QRectF) -> float:
        clamped = max(-SCALE, min(SCALE, score))
        return plot.center().y() - clamped / SCALE * plot.height() / 2

    # ---- painting ------------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(frame, 8, 8)

        small = self._small_font()
        metrics = QFontMetrics(small)
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
        title_font = QFont(small)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title_rect = QRect(12, 8, self.width() - 24, metrics.height() + 2)
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title()
        )
        painter.setFont(small)
        points = self._trend.points
        if self._message or not points:
            painter.setPen(muted)
            painter.drawText(
                QRectF(self.rect()).adjusted(12, metrics.height() + 8, -12, -8),
                Qt.AlignmentFlag.AlignCenter,
                self._message or self.tr("No moods logged yet: add mood tags to entries to see a trend."),
            )
            return
        direction = self._direction_text()
        if direction:
            painter.setPen(mood_colour(self._trend.latest))
            arrow = {"rising": "↗", "falling": "↘"}.get(self._trend.direction or "", "→")
            painter.drawText(
                title_rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{arrow} {direction}",
            )

        plot = self._plot_rect()
        self._paint_zones(painter, plot, metrics, muted)
        self._paint_series(painter, plot)

    def _paint_zones(self, painter: QPainter, plot: QRectF, metrics: QFontMetrics, muted: QColor) -> None:
        palette = self.palette()
        upper = QRectF(plot.left(), plot.top(), plot.width(), plot.height() / 2)
        lower = QRectF(plot.left(), plot.center().y(), plot.width(), plot.height() / 2)
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        for zone, colour in ((upper, POSITIVE), (lower, NEGATIVE)):
            tint = QColor(colour)
            tint.setAlphaF(0.12 if dark else 0.09)
            painter.fillRect(zone, tint)
        zero = QPen(palette.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine)
        painter.setPen(zero)
        painter.drawLine(QPointF(plot.left(), plot.center().y()), QPointF(plot.right(), plot.center().y()))

        painter.setPen(muted)
        gutter = QRectF(4, 0, 26, metrics.height())
        for score, label in ((SCALE, "+2"), (0.0, "0"), (-SCALE, "−2")):
            gutter.moveCenter(QPointF(gutter.center().x(), self._y_of(score, plot)))
            painter.drawText(gutter, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        self._paint_dates(painter, plot, metrics, muted)

    def _paint_series(self, painter: QPainter, plot: QRectF) -> None:
        palette = self.palette()
        points = self._trend.points
        if len(points) > 1:
            path = QPainterPath()
            for position, (point, value) in enumerate(zip(points, self._trend.smoothed, strict=True)):
                spot = QPointF(self._x_of(point.start, plot), self._y_of(value, plot))
                if position == 0:
                    path.moveTo(spot)
                else:
                    path.lineTo(spot)
            line = QColor(palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(
                QPen(line, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        radius = 3.0 if len(points) > 40 else 3.6
        for point in points:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1))
            painter.setBrush(mood_colour(point.score))
            painter.drawEllipse(
                QPointF(self._x_of(point.start, plot), self._y_of(point.score, plot)), radius, radius
            )

    def _title(self) -> str:
        if self._message or not self._trend.points:
            return self.tr("Mood trend")
        return self.tr("Mood trend · %1 · %2").replace("%1", self._subject).replace("%2", self._bucket_text())

    def _paint_dates(self, painter: QPainter, plot: QRectF, metrics: QFontMetrics, colour: QColor) -> None:
        points = self._trend.points
        locale = QLocale()
        y = plot.bottom() + 3
        painter.setPen(colour)
        labels = [points[0].start, points[-1].start] if len(points) > 1 else [points[0].start]
        for position, day in enumerate(labels):
            text = short_date(locale, day)
            width = metrics.horizontalAdvance(text)
            x = self._x_of(day, plot)
            if len(labels) == 1:
                left = x - width / 2
            elif position == 0:
                left = plot.left()
            else:
                left = plot.right() - width
            painter.drawText(QRectF(left, y, width + 2, metrics.height()), Qt.AlignmentFlag.AlignLeft, text)

    # ---- hover ---------------------------------------------------------------------------------------------------

    def point_near(self, x: float) -> TrendPoint | None:
        points = self._trend.points
        if not points or self._message:
            return None
        plot = self._plot_rect()
        best = min(points, key=lambda p: abs(self._x_of(p.start, plot) - x))
        return best if abs(self._x_of(best.start, plot) - x) <= 14 else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.point_near(event.position().x())
        if point is None:
            QToolTip.hideText()
            return
        text = (
            self.tr("%1: mood %2 (%3)")
            .replace("%1", short_date(QLocale(), point.start))
            .replace("%2", f"{point.score:+.1f}")
            .replace("%3", self.tr("%n entries", "", point.count))
        )
        QToolTip.showText(event.globalPosition().toPoint(), text, self)
