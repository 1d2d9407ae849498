"""The compact row above the timeline: search box, multi-select filter buttons, clear, and the grouping."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QLayout, QLayoutItem, QLineEdit, QMenu, QToolButton, QWidget

from clientjournal.services.timeline.index import Grouping, TimelineFilter

SEARCH_DELAY_MS = 150


def step_label(step: int) -> str:
    names = {
        1: QCoreApplication.translate("Timeline", "Kick-off"),
        2: QCoreApplication.translate("Timeline", "Keep them informed"),
        3: QCoreApplication.translate("Timeline", "Discuss changes"),
        4: QCoreApplication.translate("Timeline", "Listen and mirror"),
        5: QCoreApplication.translate("Timeline", "Bring news in their register"),
        6: QCoreApplication.translate("Timeline", "Commit and keep promises"),
        7: QCoreApplication.translate("Timeline", "Over-deliver"),
        8: QCoreApplication.translate("Timeline", "Solve problems visibly"),
    }
    return f"{step} · {names[step]}"


def dot_icon(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class _StickyMenu(QMenu):
    """A menu of checkboxes that stays open while the user ticks several."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class FilterButton(QToolButton):
    """A drop-down button with one checkable entry per option; nothing ticked means no filter."""

    changed = Signal()

    def __init__(self, title: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._labels: dict[str, str] = {}
        self.setObjectName("filterButton")
        self.setAccessibleName(accessible)
        self.setToolTip(accessible)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._menu = _StickyMenu(self)
        self.setMenu(self._menu)
        self._update_text()

    @property
    def menu_widget(self) -> QMenu:
        return self._menu

    def set_options(
        self, options: Sequence[tuple[str, str, str | None]], counts: Mapping[str, int] | None = None
    ) -> None:
        """(key, label, colour or None) per option; keeps what is still ticked."""
        ticked = self.selected()
        self._menu.clear()
        self._labels = {}
        for key, label, colour in options:
            count = counts.get(key) if counts is not None else None
            action = QAction(
                label if count is None else f"{label}    {count:,}".replace(",", "\u202f"), self._menu
            )
            action.setCheckable(True)
            action.setChecked(key in ticked)
            action.setData(key)
            if colour:
                action.setIcon(dot_icon(colour))
            action.toggled.connect(self._toggled)
            self._menu.addAction(action)
            self._labels[key] = label
        if options:
            self._menu.addSeparator()
            clear = self._menu.addAction(self.tr("Show all"))
            clear.triggered.connect(self.clear)
        self._update_text()

    def selected(self) -> frozenset[str]:
        return frozenset(str(a.data()) for a in self._menu.actions() if a.isCheckable() and a.isChecked())

    def set_selected(self, keys: frozenset[str]) -> None:
        for action in self._menu.actions():
            if action.isCheckable():
                action.blockSignals(True)
                action.setChecked(str(action.data()) in keys)
                action.blockSignals(False)
        self._update_text()
        self.changed.emit()

    def clear(self) -> None:
        if self.selected():
            self.set_selected(frozenset())

    def _toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = [self._labels.get(key, key) for key in sorted(self.selected())]
        if not chosen:
            text = self._title
        elif len(chosen) == 1:
            text = f"{self._title}: {chosen[0]}"
        else:
            text = f"{self._title}: {len(chosen)}"
        self.setText(f"{text} ▾")
        self.setProperty("active", bool(chosen))
        self.setAccessibleDescription(", ".join(chosen) if chosen else self.tr("no filter"))
        self.style().unpolish(self)
        self.style().polish(self)


class FilterBar(QWidget):
    """Search and filters; ``changed`` fires (search debounced by ~150 ms) with the new criteria."""

    changed = Signal()
    grouping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineFilters")
        layout = FlowRow(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("timelineSearch")
        self.search.setPlaceholderText(self.tr("Search the journal"))
        self.search.setAccessibleName(self.tr("Search the journal"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        layout.addWidget(self.search)  # the main window may move it next to the title
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self.flush)

        self.kind = FilterButton(self.tr("Kind"), self.tr("Filter by kind"), self)
        self.step = FilterButton(self.tr("Step"), self.tr("Filter by playbook step"), self)
        self.mood = FilterButton(self.tr("Mood"), self.tr("Filter by mood"), self)
        self.channel = FilterButton(self.tr("Channel"), self.tr("Filter by channel"), self)
        self.project = FilterButton(self.tr("Project"), self.tr("Filter by project"), self)
        for button in self.buttons():
            button.changed.connect(self.changed)
            layout.addWidget(button)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setAccessibleName(self.tr("Clear filters"))
        self.clear_button.setToolTip(self.tr("Show every entry again"))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)

        self.grouping = QComboBox(self)
        self.grouping.setAccessibleName(self.tr("Group the timeline by"))
        self.grouping.setToolTip(self.tr("Group the timeline by day, week or month"))
        for value, text in (
            (Grouping.DAY, self.tr("By day")),
            (Grouping.WEEK, self.tr("By week")),
            (Grouping.MONTH, self.tr("By month")),
        ):
            self.grouping.addItem(text, value.value)
        self.grouping.currentIndexChanged.connect(lambda _i: self.grouping_changed.emit())
        layout.addWidget(self.grouping)
        self.changed.connect(self._update_clear)
        self._update_clear()

    def buttons(self) -> tuple[FilterButton, ...]:
        return (self.kind, self.step, self.mood, self.channel, self.project)

    def flush(self) -> None:
        """Apply a pending search now."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.changed.emit()

    def current_grouping(self) -> Grouping:
        return Grouping(str(self.grouping.currentData()))

    def set_grouping(self, grouping: Grouping) -> None:
        self.grouping.setCurrentIndex(max(0, self.grouping.findData(grouping.value)))

    def criteria(self) -> TimelineFilter:
        return TimelineFilter(
            kinds=self.kind.selected(),
            steps=frozenset(int(key) for key in self.step.selected()),
            moods=self.mood.selected(),
            channels=self.channel.selected(),
            projects=self.project.selected(),
            query=self.search.text(),
        )

    def clear(self) -> None:
        self.blockSignals(True)
        try:
            for button in self.buttons():
                button.clear()
            self._debounce.stop()
            self.search.clear()
            self._debounce.stop()
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(self.criteria().active)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), 600), hint.height())


class FlowRow(QLayout):
    """Widgets left to right, wrapping onto another row where the width runs out; the last one (the grouping)
    sits at the right end of its row. Lets the window narrow (1,024 px with the coach) without the filter row
    forcing the client list narrower."""

    SPACING = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self.SPACING * max(0, len(shown) - 1)
        return QSize(width, max((item.sizeHint().height() for item in shown), default=0))

    def minimumSize(self) -> QSize:
        """As narrow as the widest single widget."""
        shown = self._shown()
        return QSize(
            max((item.minimumSize().width() for item in shown), default=0),
            max((item.minimumSize().height() for item in shown), default=0),
        )

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        shown = self._shown()
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in shown:
            width = item.sizeHint().width()
            if rows[-1] and used + self.SPACING + width > rect.width():
                rows.append([])
                used = 0
            used += width + (self.SPACING if rows[-1] else 0)
            rows[-1].append(item)
        y = rect.y()
        for row in rows:
            height = max((item.sizeHint().height() for item in row), default=0)
            x = rect.x()
            for item in row:
                hint = item.sizeHint()
                width = min(hint.width(), rect.width())
                if place:
                    left = rect.right() + 1 - width if item is shown[-1] else x
                    item.setGeometry(QRect(left, y + (height - hint.height()) // 2, width, hint.height()))
                x += width + self.SPACING
            y += height + self.SPACING
        return y - rect.y() - self.SPACING if shown else 0
