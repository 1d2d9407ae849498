"""Each client's current mood colour and actions badge: computed in the core in the background, painted in the
list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from clientjournal.ui.delegates import ClientDelegate, _draw_background
from clientjournal.ui.models.clients import ClientStatus
from clientjournal.ui.models.roles import DueCountRole, IsAllRole, MoodColourRole

if TYPE_CHECKING:
    from clientjournal.services.session import VaultSession

_Index = QModelIndex | QPersistentModelIndex

BADGE_COLOUR = "#d64545"
CHUNK = 100
"""Clients per background job, so other work (opening a client, saving) never waits long behind it."""


def compute_statuses(
    session: VaultSession, client_ids: Sequence[str], now: datetime
) -> dict[str, ClientStatus]:
    """Runs on the worker: per client, its mood colour and the count of coach actions the sidebar lists for it
    (see :meth:`~clientjournal.services.coaching.CoachingService.badges`)."""
    badges = session.coaching.badges(client_ids, now)
    return {client_id: (badge.mood_colour, badge.actions) for client_id, badge in badges.items()}


class ClientStatusDelegate(ClientDelegate):
    """The client row of :class:`ClientDelegate`, plus a mood dot on the avatar and a due-actions badge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if index.data(IsAllRole):
            super().paint(painter, option, index)
            return
        count = int(index.data(DueCountRole) or 0)
        colour = index.data(MoodColourRole)
        badge_font = QFont(option.font)
        badge_font.setBold(True)
        badge_font.setPointSizeF(max(option.font.pointSizeF() * 0.8, 7.0))
        metrics = QFontMetrics(badge_font)
        text = str(count) if count < 100 else "99+"
        badge_height = metrics.height() + 2
        badge_width = max(badge_height, metrics.horizontalAdvance(text) + 10)
        narrowed = QStyleOptionViewItem(option)
        if count:
            painter.save()
            self.initStyleOption(narrowed, index)
            _draw_background(painter, narrowed, index)
            painter.restore()
            narrowed.rect = QRect(option.rect.adjusted(0, 0, -(badge_width + 10), 0))
        super().paint(painter, narrowed, index)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ring = option.palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        rect = option.rect
        if colour:
            size = 32
            avatar = QRect(rect.left() + 10, rect.center().y() - size // 2 + 1, size, size)
            dot = QRectF(avatar.right() - 9, avatar.bottom() - 9, 12, 12)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ring)
            painter.drawEllipse(dot.adjusted(-2, -2, 2, 2))
            painter.setBrush(QColor(str(colour)))
            painter.drawEllipse(dot)
        if count:
            badge = QRectF(
                rect.right() - 8 - badge_width,
                rect.center().y() - badge_height / 2 + 1,
                badge_width,
                badge_height,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BADGE_COLOUR))
            painter.drawRoundedRect(badge, badge_height / 2, badge_height / 2)
            painter.setPen(QColor("#ffffff"))
            painter.setFont(badge_font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
