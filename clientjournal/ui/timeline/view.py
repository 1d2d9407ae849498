"""The timeline table: entries with mood stripes and chips, and group headers painted across the full width."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from clientjournal.services.timeline.index import Grouping
from clientjournal.ui.delegates import MoodStripeDelegate
from clientjournal.ui.labels import mood_label
from clientjournal.ui.models.roles import MoodColoursRole, MoodNamesRole
from clientjournal.ui.models.timeline import Column, TimelineModel
from clientjournal.ui.widgets import text_colour_on

POSITIVE = QColor("#2e9d5b")
NEGATIVE = QColor("#e8590c")
NEUTRAL = QColor("#9e9e9e")


def mood_colour(score: float | None) -> QColor:
    """Green for a positive mean mood, orange-red for a negative one, grey in between."""
    if score is None:
        return QColor(NEUTRAL)
    if score >= 0.25:
        return QColor(POSITIVE)
    if score <= -0.25:
        return QColor(NEGATIVE)
    return QColor(NEUTRAL)


class ChipsDelegate(QStyledItemDelegate):
    """Mood tags as rounded chips in their colours; fonts, widths and colours are worked out once per tag."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._font: QFont | None = None
        self._chips: dict[tuple[str, str], tuple[str, int, QColor, QColor]] = {}

    def _chip(self, name: str, colour: str, metrics: QFontMetrics) -> tuple[str, int, QColor, QColor]:
        chip = self._chips.get((name, colour))
        if chip is None:
            label = mood_label(name)
            fill = QColor(colour)
            chip = (label, metrics.horizontalAdvance(label) + 12, fill, text_colour_on(fill))
            self._chips[(name, colour)] = chip
        return chip

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[override]
        names: list[str] = index.data(MoodNamesRole) or []
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            opt = QStyleOptionViewItem(option)
            opt.state = option.state
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, option.widget)
        if not names:
            return
        colours: list[str] = index.data(MoodColoursRole) or []
        if self._font is None or self._font.pointSizeF() <= 0:
            self._font = QFont(option.font)
            self._font.setPointSizeF(max(option.font.pointSizeF() * 0.85, 7.0))
            self._chips.clear()
        font = self._font
        metrics = QFontMetrics(font)
        painter.save()
        painter.setFont(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        height = min(metrics.height() + 4, rect.height() - 4)
        y = rect.center().y() - height // 2 + 1
        x = rect.left() + 4
        right = rect.right() - 4
        for position, name in enumerate(names):
            colour = colours[position] if position < len(colours) else "#9e9e9e"
            label, width, fill, ink = self._chip(name, colour, metrics)
            if x + width > right:
                painter.setPen(option.palette.color(QPalette.ColorRole.Text))
                painter.drawText(
                    QRect(x, y, right - x, height), Qt.AlignmentFlag.AlignVCenter, f"+{len(names) - position}"
                )
                break
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(x, y, width, height), height / 2, height / 2)
            painter.setPen(ink)
            painter.drawText(QRect(x, y, width, height), Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4
        painter.restore()


class TimelineView(QTableView):
    """A :class:`QTableView` (it touches only the visible rows, whatever the model's size) styled as a list.

    Rows all have the same height (a fixed vertical header); group header rows of the model are painted over
    the full width after the cells.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setAccessibleName(self.tr("Journal timeline"))
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(8)
        head = self.horizontalHeader()
        head.setHighlightSections(False)
        head.setSectionsMovable(True)
        head.setStretchLastSection(True)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setItemDelegateForColumn(Column.WHEN, MoodStripeDelegate(self))
        self.setItemDelegateForColumn(Column.MOODS, ChipsDelegate(self))
        self._apply_row_height()

    def uniformRowHeights(self) -> bool:
        """Always true: the vertical header is fixed, so the view never asks the model for row sizes."""
        return True

    def setModel(self, model: object) -> None:
        super().setModel(model)  # type: ignore[arg-type]
        head = self.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (Column.CLIENT, 150),
            (Column.KIND, 128),
            (Column.CHANNEL, 86),
            (Column.MOODS, 150),
        ):
            self.setColumnWidth(column, width)
        head.moveSection(head.visualIndex(Column.CHANNEL), head.visualIndex(Column.MOODS))
        head.moveSection(head.visualIndex(Column.TEXT), head.count() - 1)
        self._fitted_for: object = None
        if isinstance(model, TimelineModel):
            model.modelReset.connect(self._fit_when_column)
            self._fit_when_column()

    def _fit_when_column(self) -> None:
        """Time only when grouped by day (the header has the date); day and time otherwise."""
        model = self.model()
        if not isinstance(model, TimelineModel) or model.grouping == self._fitted_for:
            return
        self._fitted_for = model.grouping
        metrics = QFontMetrics(self.font())
        sample = "23:59" if model.grouping is Grouping.DAY else "Wed 28 Sep  23:59"
        self.setColumnWidth(Column.WHEN, metrics.horizontalAdvance(sample) + 34)

    def _apply_row_height(self) -> None:
        height = QFontMetrics(self.font()).height()
        self.verticalHeader().setDefaultSectionSize(height + 14)

    def changeEvent(self, event: object) -> None:
        super().changeEvent(event)  # type: ignore[arg-type]
        self._apply_row_height()

    # ---- group headers -------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not isinstance(model, TimelineModel) or model.rowCount() == 0:
            return
        viewport = self.viewport()
        first = self.rowAt(event.rect().top())
        last = self.rowAt(event.rect().bottom())
        if first < 0:
            return
        if last < 0:
            last = model.rowCount() - 1
        painter = QPainter(viewport)
        try:
            for row in range(first, last + 1):
                if model.is_header(row):
                    rect = QRect(0, self.rowViewportPosition(row), viewport.width(), self.rowHeight(row))
                    self._paint_header(painter, rect, model, row)
        finally:
            painter.end()

    def _paint_header(self, painter: QPainter, rect: QRect, model: TimelineModel, row: int) -> None:
        group = model.group_at(row)
        if group is None:
            return
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Window)
        painter.fillRect(rect, background)
        line = QColor(palette.color(QPalette.ColorRole.Mid))
        painter.fillRect(QRect(rect.left(), rect.bottom(), rect.width(), 1), line)
        if row > 0:
            painter.fillRect(QRect(rect.left(), rect.top(), rect.width(), 1), line)

        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dot = 8
        left = rect.left() + 12
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mood_colour(model.mood_of(group)))
        painter.drawEllipse(left, rect.center().y() - dot // 2 + 1, dot, dot)
        left += dot + 10

        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        title = model.period_title(group)
        metrics = QFontMetrics(bold)
        width = metrics.horizontalAdvance(title)
        text_rect = QRect(left, rect.top(), rect.width() - left - 12, rect.height())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)

        painter.setFont(self.font())
        muted = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.setPen(muted)
        count_rect = QRect(
            left + width + 12, rect.top(), max(0, rect.right() - left - width - 24), rect.height()
        )
        painter.drawText(
            count_rect,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            model.count_text(group.count),
        )
