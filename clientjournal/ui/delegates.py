"""Painting for the client list (initials avatar, name and company) and the timeline (mood chips, stripe)."""

from __future__ import annotations

import zlib

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from clientjournal.ui.labels import mood_label
from clientjournal.ui.models.roles import IsAllRole, MoodColoursRole, MoodNamesRole, SubtitleRole
from clientjournal.ui.widgets import text_colour_on

_Index = QModelIndex | QPersistentModelIndex


def avatar_colour(key: str) -> QColor:
    hue = zlib.crc32(key.encode("utf-8")) % 360
    return QColor.fromHsl(hue, 120, 110)


def initials(name: str) -> str:
    parts = [p for p in name.split() if p[:1].isalpha()]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()


def _draw_background(painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
    opt = QStyleOptionViewItem(option)
    opt.text = ""
    opt.icon = QIcon()
    style = opt.widget.style() if opt.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)


class ClientDelegate(QStyledItemDelegate):
    """Two lines per client: a coloured initials avatar, the name, and the company in a muted colour."""

    ROW_HEIGHT = 48

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(200, self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        painter.save()
        _draw_background(painter, option, index)
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        subtitle = str(index.data(SubtitleRole) or "")
        is_all = bool(index.data(IsAllRole))

        size = 32
        avatar = QRect(rect.left() + 10, rect.center().y() - size // 2 + 1, size, size)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        colour = palette.color(QPalette.ColorRole.Highlight) if is_all else avatar_colour(name)
        if is_all and selected:
            colour = palette.color(QPalette.ColorRole.Base)
        painter.setBrush(colour)
        painter.drawEllipse(avatar)
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(max(option.font.pointSizeF() * 0.85, 7.0))
        painter.setFont(font)
        painter.setPen(text_colour_on(colour))
        painter.drawText(avatar, Qt.AlignmentFlag.AlignCenter, "∗" if is_all else initials(name))

        left = avatar.right() + 10
        width = rect.right() - left - 8
        name_font = QFont(option.font)
        name_font.setBold(True)
        name_font.setItalic(option.font.italic())
        painter.setFont(name_font)
        painter.setPen(palette.color(text_role))
        metrics = QFontMetrics(name_font)
        top = rect.top() + 6
        painter.drawText(
            QRect(left, top, width, metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, width),
        )
        if subtitle:
            sub_font = QFont(option.font)
            sub_font.setPointSizeF(max(option.font.pointSizeF() * 0.9, 7.0))
            painter.setFont(sub_font)
            muted = QColor(palette.color(text_role))
            muted.setAlphaF(0.65)
            painter.setPen(muted)
            sub_metrics = QFontMetrics(sub_font)
            painter.drawText(
                QRect(left, top + metrics.height() + 1, width, sub_metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                sub_metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, width),
            )
        painter.restore()


class MoodStripeDelegate(QStyledItemDelegate):
    """The first column: normal text, with a stripe in the entry's first mood colour on the left edge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, option, index)
        colours = index.data(MoodColoursRole) or []
        if colours:
            painter.save()
            painter.fillRect(
                QRect(option.rect.left(), option.rect.top() + 2, 4, option.rect.height() - 4),
                QColor(colours[0]),
            )
            painter.restore()


class MoodChipsDelegate(QStyledItemDelegate):
    """Mood tags as small rounded chips in their own colours."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        painter.save()
        _draw_background(painter, option, index)
        names: list[str] = index.data(MoodNamesRole) or []
        colours: list[str] = index.data(MoodColoursRole) or []
        font = QFont(option.font)
        font.setPointSizeF(max(option.font.pointSizeF() * 0.85, 7.0))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = option.rect.left() + 4
        height = min(metrics.height() + 4, option.rect.height() - 4)
        y = option.rect.center().y() - height // 2 + 1
        right = option.rect.right() - 4
        known = [n for n in names if n]
        for position, name in enumerate(known):
            label = mood_label(name)
            width = metrics.horizontalAdvance(label) + 12
            if x + width > right:
                remaining = len(known) - position
                painter.setPen(option.palette.color(QPalette.ColorRole.Text))
                painter.drawText(
                    QRect(x, y, right - x, height), Qt.AlignmentFlag.AlignVCenter, f"+{remaining}"
                )
                break
            colour = QColor(colours[position]) if position < len(colours) else QColor("#9e9e9e")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x, y, width, height), height / 2, height / 2)
            painter.setPen(text_colour_on(colour))
            painter.drawText(QRect(x, y, width, height), Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 160), hint.height())
