"""The "Today" list: what needs attention across every client, most important first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from clientjournal.ui.coach.icons import line_pixmap
from clientjournal.ui.coach.models import (
    ActionListModel,
    ChannelTextRole,
    ClientIdRole,
    ClientNameRole,
    DueStateRole,
    DueTextRole,
    StepRole,
)
from clientjournal.ui.coach.style import due_colour

_Index = QModelIndex | QPersistentModelIndex


class TodayDelegate(QStyledItemDelegate):
    """Three lines per action: the client and the due date, the title, the step and channel."""

    PADDING = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(220, 3 * metrics.height() + 2 * self.PADDING + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(0, 0, 0, -1)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected or hovered:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlphaF(0.16 if selected else 0.07)
            painter.fillRect(rect, fill)
        painter.setPen(palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        state = str(index.data(DueStateRole) or "none")
        accent = due_colour(state)
        if state in ("overdue", "today"):
            painter.fillRect(QRect(rect.left(), rect.top() + 6, 3, rect.height() - 12), accent)

        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        left = rect.left() + self.PADDING + 4
        right = rect.right() - self.PADDING
        width = right - left
        base = QFont(option.font)
        small = QFont(option.font)
        small.setPointSizeF(max(option.font.pointSizeF() * 0.88, 7.0))
        bold_small = QFont(small)
        bold_small.setBold(True)
        line = QFontMetrics(option.font).height()
        top = rect.top() + self.PADDING

        due = str(index.data(DueTextRole) or "")
        painter.setFont(bold_small)
        due_width = QFontMetrics(bold_small).horizontalAdvance(due) if due else 0
        if due:
            painter.setPen(accent)
            painter.drawText(
                QRect(right - due_width, top, due_width, line), Qt.AlignmentFlag.AlignVCenter, due
            )
        name = str(index.data(ClientNameRole) or "")
        painter.setPen(text)
        name_width = width - due_width - 8
        painter.drawText(
            QRect(left, top, name_width, line),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold_small).elidedText(name, Qt.TextElideMode.ElideRight, name_width),
        )
        painter.setFont(base)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(
            QRect(left, top + line + 2, width, line),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(base).elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(small)
        painter.setPen(muted)
        icon = line_pixmap(_channel_icon(index), muted, 12)
        icon_top = top + 2 * line + 4 + (line - 12) // 2
        painter.drawPixmap(left, icon_top, icon)
        meta = (
            self.tr("Step %1").replace("%1", str(index.data(StepRole) or ""))
            + "  ·  "
            + str(index.data(ChannelTextRole) or "")
        )
        painter.drawText(
            QRectF(left + 17, top + 2 * line + 4, width - 17, line), Qt.AlignmentFlag.AlignVCenter, meta
        )
        painter.restore()


def _channel_icon(index: _Index) -> str:
    from clientjournal.ui.coach.models import ActionRole

    action = index.data(ActionRole)
    return action.channel.value if action is not None else "other"


class TodayList(QListView):
    """Click (or press Enter on) an action to go to its client."""

    client_activated = Signal(str)

    def __init__(self, model: ActionListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayList")
        self.setAccessibleName(self.tr("Actions across all clients"))
        self.setModel(model)
        self.setItemDelegate(TodayDelegate(self))
        self.setMouseTracking(True)
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(self._go)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._go(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _go(self, index: QModelIndex) -> None:
        client_id = index.data(ClientIdRole)
        if client_id:
            self.client_activated.emit(str(client_id))
