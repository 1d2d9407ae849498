"""Painting for the client list (initials avatar, name and company) and the timeline (mood chips, stripe)."""

from __future__ import annotations

import zlib

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from clientjournal.ui.labels import mood_label
from clientjournal.ui.models.roles import IsAllRole, MoodColoursRole, MoodNamesRole, SubtitleRole
from clientjournal.ui.models.timeline import NO_MOOD_COLOUR
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
        return QSize(150, self.ROW_HEIGHT)  # narrow: the list never scrolls sideways (names elide instead)

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
    """Mood tags as rounded chips in their colours (the timeline's Mood column); "+n" for those that do not fit.

    Fonts, widths and colours are worked out once per tag: this paints in every visible row while scrolling.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._font: QFont | None = None
        self._chips: dict[tuple[str, str], tuple[str, int, QColor, QColor]] = {}

    def chip_font(self, base: QFont) -> QFont:
        font = QFont(base)
        font.setPointSizeF(max(base.pointSizeF() * 0.85, 7.0))
        return font

    def chip_width(self, name: str, base: QFont) -> int:
        """The width one chip of ``name`` takes in a row, with the gap after it."""
        return QFontMetrics(self.chip_font(base)).horizontalAdvance(mood_label(name)) + 12 + 4

    def _chip(self, name: str, colour: str, metrics: QFontMetrics) -> tuple[str, int, QColor, QColor]:
        chip = self._chips.get((name, colour))
        if chip is None:
            label = mood_label(name)
            fill = QColor(colour)
            chip = (label, metrics.horizontalAdvance(label) + 12, fill, text_colour_on(fill))
            self._chips[(name, colour)] = chip
        return chip

    def forget_labels(self) -> None:
        """Measure the chips again (the language or the font changed)."""
        self._font = None
        self._chips.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        names: list[str] = index.data(MoodNamesRole) or []
        style = option.widget.style() if option.widget is not None else QApplication.style()
        opt = QStyleOptionViewItem(option)
        opt.state = option.state
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, option.widget)
        if not names:
            return
        colours: list[str] = index.data(MoodColoursRole) or []
        if self._font is None or self._font.pointSizeF() <= 0:
            self._font = self.chip_font(option.font)
            self._chips.clear()
        metrics = QFontMetrics(self._font)
        painter.save()
        painter.setFont(self._font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        height = min(metrics.height() + 4, rect.height() - 4)
        y = rect.center().y() - height // 2 + 1
        x = rect.left() + 4
        right = rect.right() - 4
        for position, name in enumerate(names):
            colour = colours[position] if position < len(colours) else NO_MOOD_COLOUR
            label, width, fill, ink = self._chip(name, colour, metrics)
            more = f"+{len(names) - position}"
            room = right if position == len(names) - 1 else right - metrics.horizontalAdvance(more) - 4
            if x + width > room:
                painter.setPen(option.palette.color(QPalette.ColorRole.Text))
                painter.drawText(QRect(x, y, right - x, height), Qt.AlignmentFlag.AlignVCenter, more)
                break
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(x, y, width, height), height / 2, height / 2)
            painter.setPen(ink)
            painter.drawText(QRect(x, y, width, height), Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4
        painter.restore()
