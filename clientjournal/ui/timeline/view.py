"""The timeline table: entries with mood stripes and chips, and group headers painted across the full width."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from clientjournal.ui.delegates import MoodChipsDelegate, MoodStripeDelegate
from clientjournal.ui.models.timeline import Column, TimelineModel

POSITIVE = QColor("#2e9d5b")
NEGATIVE = QColor("#e8590c")
NEUTRAL = QColor("#9e9e9e")
ENTRY_MIN_WIDTH = 240
"""Other columns give way before the Entry column gets less than this, or a third of a narrower view…"""
ENTRY_FLOOR = 120
"""… but never less than this."""
CLIENT_MAX_WIDTH = 200
"""Longer client names are elided rather than widen the column."""


def mood_colour(score: float | None) -> QColor:
    """Green for a positive mean mood, orange-red for a negative one, grey in between."""
    if score is None:
        return QColor(NEUTRAL)
    if score >= 0.25:
        return QColor(POSITIVE)
    if score <= -0.25:
        return QColor(NEGATIVE)
    return QColor(NEUTRAL)


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
        self.setItemDelegateForColumn(Column.MOODS, MoodChipsDelegate(self))
        self._client_width: tuple[tuple[int, int], int] | None = None
        self._hidden: set[Column] = set()
        """Columns hidden by the window, as opposed to folded away by :meth:`fit_columns`."""
        self._apply_row_height()

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """As the table moves, but never onto a group header: from no current row (just after loading) or
        Home the keys reach the first entry, so Return and Delete have an entry to act on."""
        index = super().moveCursor(cursorAction, modifiers)
        model = self.model()
        if not isinstance(model, TimelineModel) or model.rowCount() == 0:
            return index
        row = index.row() if index.isValid() else 0
        if not model.is_header(row):
            return index
        back = cursorAction in (
            QAbstractItemView.CursorAction.MoveUp,
            QAbstractItemView.CursorAction.MovePageUp,
            QAbstractItemView.CursorAction.MoveEnd,
        )
        before, after = range(row - 1, -1, -1), range(row + 1, model.rowCount())
        rows = [*before, *after] if back else [*after, *before]  # the way the key points first
        found = next((r for r in rows if not model.is_header(r)), -1)
        if found < 0:
            return QModelIndex()
        return model.index(found, max(index.column(), 0) if index.isValid() else Column.TEXT)

    def uniformRowHeights(self) -> bool:
        """Always true: the vertical header is fixed, so the view never asks the model for row sizes."""
        return True

    def setModel(self, model: object) -> None:
        super().setModel(model)  # type: ignore[arg-type]
        head = self.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)  # the part a user reads
        head.moveSection(head.visualIndex(Column.CHANNEL), head.visualIndex(Column.MOODS))
        head.moveSection(head.visualIndex(Column.TEXT), head.count() - 1)
        self._client_width = None
        if isinstance(model, TimelineModel):
            model.modelReset.connect(self.fit_columns)
            self.fit_columns()

    # ---- column widths -------------------------------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Size each column but Entry to its content; Entry takes the rest of the width.

        In a narrow window the client and mood columns give way first (elided, down to a floor each), then the
        channel column folds away (the Kind tooltip and the reading pane still say it), then a promise's state
        may elide and at last the mood column folds, so that Entry keeps a readable width without a horizontal
        scroll bar. Times and kinds' names are never cut.
        """
        model = self.model()
        available = self.viewport().width()
        if not isinstance(model, TimelineModel) or available <= 0:
            return
        widths = self._natural_widths(model)
        shown = [column for column in widths if column not in self._hidden]
        entry = min(ENTRY_MIN_WIDTH, max(ENTRY_FLOOR, available // 3))
        excess = sum(widths[c] for c in shown) + entry - available
        floors = ((Column.CLIENT, 110), (Column.MOODS, self._floor_of_moods()))
        for column, floor in floors:
            if excess > 0 and column in shown:
                give = min(excess, max(0, widths[column] - floor))
                widths[column] -= give
                excess -= give
        fold_channel = excess > 0 and Column.CHANNEL in shown
        if fold_channel:
            excess -= widths[Column.CHANNEL]
        if excess > 0:  # the promise's state may elide ("Promise · Kept ea…"), never a kind's name
            plain = self._widest(model.kind_texts(with_promise_states=False)) + self._padding()
            give = min(excess, max(0, widths[Column.KIND] - plain))
            widths[Column.KIND] -= give
            excess -= give
        fold_moods = excess > 0 and Column.MOODS in shown  # the stripe and the reading pane still show them
        if fold_moods:
            excess -= widths[Column.MOODS]
        for column in (Column.CLIENT, Column.KIND):  # a very narrow view: elided rather than scrolled
            if excess > 0 and column in shown:
                give = min(excess, max(0, widths[column] - 72))
                widths[column] -= give
                excess -= give
        super().setColumnHidden(Column.CHANNEL, fold_channel or Column.CHANNEL in self._hidden)
        super().setColumnHidden(Column.MOODS, fold_moods or Column.MOODS in self._hidden)
        for column, width in widths.items():
            if column not in self._hidden and self.columnWidth(column) != width:
                self.setColumnWidth(column, width)

    def folded(self, column: Column) -> bool:
        """Whether ``column`` is folded away for want of room (not hidden by the window)."""
        return column not in self._hidden and self.isColumnHidden(column)

    def _padding(self) -> int:
        """What a cell adds around its text: the style sheet's 6 px each side and the style's text margins."""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        return 2 * 6 + 2 * margin + 4

    def _widest(self, texts: Iterable[str]) -> int:
        metrics = QFontMetrics(self.font())
        return max((metrics.horizontalAdvance(text) for text in texts), default=0)

    def _natural_widths(self, model: TimelineModel) -> dict[Column, int]:
        pad = self._padding()
        head = QFontMetrics(self.horizontalHeader().font())
        widest = self._widest

        def title(column: Column) -> int:
            return head.horizontalAdvance(str(model.headerData(column, Qt.Orientation.Horizontal))) + 20

        names = model.client_names
        key = (id(names), hash(tuple(names.values())))  # measured once per list of names, not per resize
        if self._client_width is None or self._client_width[0] != key:
            self._client_width = (key, min(widest(names.values()), CLIENT_MAX_WIDTH))
        chips = self._chips()
        moods = sorted((chips.chip_width(n, self.font()) for n in model.mood_names()), reverse=True)
        widths = {
            Column.WHEN: widest(model.when_samples()) + pad + 4,  # the mood stripe sits at the left edge
            Column.CLIENT: self._client_width[1] + pad,
            Column.KIND: widest(model.kind_texts()) + pad,
            Column.CHANNEL: widest(model.channel_texts()) + pad,
            Column.MOODS: sum(moods[:2]) + 8,
        }
        return {column: max(width, title(column)) for column, width in widths.items()}

    def _chips(self) -> MoodChipsDelegate:
        delegate = self.itemDelegateForColumn(Column.MOODS)
        assert isinstance(delegate, MoodChipsDelegate)
        return delegate

    def _floor_of_moods(self) -> int:
        """One chip and a "+2"."""
        model = self.model()
        names = model.mood_names() if isinstance(model, TimelineModel) else ()
        chip = max((self._chips().chip_width(n, self.font()) for n in names), default=60)
        return chip + QFontMetrics(self.font()).horizontalAdvance("+2") + 12

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def setColumnHidden(self, column: int, hide: bool) -> None:
        """Hide a column for good (the client column while one client is shown); the fit then works around it."""
        if hide:
            self._hidden.add(Column(column))
        else:
            self._hidden.discard(Column(column))
        super().setColumnHidden(column, hide)
        self.fit_columns()

    def _apply_row_height(self) -> None:
        height = QFontMetrics(self.font()).height()
        self.verticalHeader().setDefaultSectionSize(height + 14)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        self._apply_row_height()
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._chips().forget_labels()
            self._client_width = None
            self.fit_columns()

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
