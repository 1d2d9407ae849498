"""One card per suggested action: step, channel, due date, title and reason, with the four one-click actions.

:class:`ActionCardList` is a view over :class:`~clientjournal.ui.coach.models.ActionListModel` made of real
widgets (so every button is keyboard-reachable and has an accessible name), rebuilt when the model changes.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clientjournal.coach import Action
from clientjournal.coach.values import ACTION_SPECS
from clientjournal.ui.coach.icons import line_icon, line_pixmap
from clientjournal.ui.coach.models import (
    ActionListModel,
    ActionRole,
    ChannelTextRole,
    DueStateRole,
    DueTextRole,
)
from clientjournal.ui.dates import long_date

EntryLabel = Callable[[str], str]
"""An entry id -> a short label such as "12 Nov · Setback" ("" when unknown)."""
ProjectLabel = Callable[[str | None], str]
"""A project id (None: the client as a whole) -> the name to show on a card ("" to show none)."""


EVIDENCE_LINKS = 4
"""At most this many evidence links on a card (the newest): a merged card names the entries of each reason."""


def _restyle(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def coach_label(text: str, name: str, parent: QWidget, *, wrap: bool = False) -> QLabel:
    """A label styled by its object name in coach.qss, wrapping top-left aligned when asked."""
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setIndent(0)
    label.setWordWrap(wrap)
    if wrap:
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class ActionCard(QFrame):
    log_clicked = Signal(object)
    draft_clicked = Signal(object)
    snooze_clicked = Signal(object)
    dismiss_clicked = Signal(object)
    evidence_clicked = Signal(str, str)

    def __init__(  # noqa: PLR0915 - a card, built top to bottom
        self,
        action: Action,
        *,
        channel_text: str,
        due_text: str,
        due_state: str,
        entry_label: EntryLabel | None = None,
        project_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.setObjectName("actionCard")
        self.setProperty("dueState", due_state)
        self.setProperty("urgent", action.is_urgent)
        self.setAccessibleName(action.title)
        self.setAccessibleDescription(action.reason)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 12, 10)
        layout.setSpacing(6)

        meta = QHBoxLayout()
        meta.setSpacing(6)
        self.step_badge = coach_label(self.tr("Step %1").replace("%1", str(action.step)), "stepBadge", self)
        meta.addWidget(self.step_badge)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.channel_icon = QLabel(self)
        self.channel_icon.setObjectName("channelIcon")
        self.channel_icon.setPixmap(line_pixmap(action.channel.value, muted, 13))
        self.channel_icon.setAccessibleName(channel_text)
        meta.addWidget(self.channel_icon)
        self.channel = coach_label(channel_text, "channelText", self)
        meta.addWidget(self.channel)
        meta.addStretch(1)
        self.due = coach_label(due_text, "duePill", self)
        self.due.setProperty("dueState", due_state)
        self.due.setVisible(bool(due_text))
        if action.due_on is not None:
            self.due.setToolTip(long_date(QLocale(), action.due_on))
        meta.addWidget(self.due)
        layout.addLayout(meta)

        self.project_label = coach_label(project_text, "projectLabel", self)
        self.project_label.setVisible(bool(project_text))
        layout.addWidget(self.project_label)
        self.title = coach_label(action.title, "actionTitle", self, wrap=True)
        layout.addWidget(self.title)
        reasons = action.reasons or (action.reason,)
        self.reason = coach_label(reasons[0], "actionReason", self, wrap=True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.reason)
        self.also: list[QLabel] = []
        """One label per action merged into this card (the same conversation), after the cause's reason."""
        for name, text in zip(action.merged, reasons[1:], strict=False):
            step = coach_label(
                self.tr("Also step %1").replace("%1", str(ACTION_SPECS[name].step)), "alsoStep", self
            )
            layout.addWidget(step)
            label = coach_label(text, "alsoReason", self, wrap=True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
            self.also.append(label)

        links = self._evidence_links(entry_label)
        self.evidence = coach_label(links, "evidence", self, wrap=True)
        self.evidence.setTextFormat(Qt.TextFormat.RichText)
        self.evidence.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.evidence.setAccessibleName(self.tr("Journal entries this is based on"))
        self.evidence.linkActivated.connect(self._link)
        self.evidence.setVisible(bool(links))
        layout.addWidget(self.evidence)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.setContentsMargins(0, 2, 0, 0)
        self.log_button = self._button(self.tr("Log it"), self.tr("Log it: %1"), "logButton")
        self.draft_button = self._button(self.tr("Draft"), self.tr("Draft a message: %1"), "draftButton")
        self.snooze_button = self._button(self.tr("Snooze"), self.tr("Snooze: %1"), "snoozeButton")
        self.dismiss_button = self._button(self.tr("Dismiss"), self.tr("Dismiss: %1"), "dismissButton")
        self.log_button.setToolTip(self.tr("Write a journal entry that records doing this"))
        self.draft_button.setToolTip(self.tr("A message from the playbook, to send or adapt"))
        self.snooze_button.setToolTip(self.tr("Snooze: hide this until a later date"))
        self.dismiss_button.setToolTip(self.tr("Dismiss: hide this for good"))
        self.log_button.clicked.connect(lambda: self.log_clicked.emit(self.action))
        self.draft_button.clicked.connect(lambda: self.draft_clicked.emit(self.action))
        self.snooze_button.clicked.connect(lambda: self.snooze_clicked.emit(self.action))
        self.dismiss_button.clicked.connect(lambda: self.dismiss_clicked.emit(self.action))
        for button in (self.log_button, self.draft_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button, icon in ((self.snooze_button, "clock"), (self.dismiss_button, "x")):
            button.setIcon(line_icon(icon, muted, 16))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def _button(self, text: str, accessible: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setAccessibleName(accessible.replace("%1", self.action.title))
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setAutoRaise(True)
        return button

    def _evidence_links(self, entry_label: EntryLabel | None) -> str:
        if not self.action.evidence or entry_label is None:
            return ""
        links = []
        for entry_id in self.action.evidence[-EVIDENCE_LINKS:]:
            label = entry_label(entry_id)
            if label:
                links.append(
                    f'<a href="entry:{escape(entry_id)}" style="text-decoration:none">{escape(label)}</a>'
                )
        if not links:
            return ""
        return escape(self.tr("Based on")) + " " + " · ".join(links)

    def _link(self, href: str) -> None:
        if href.startswith("entry:"):
            self.evidence_clicked.emit(self.action.client, href.removeprefix("entry:"))


class ActionCardList(QWidget):
    """The cards of every row of an :class:`ActionListModel`, top to bottom."""

    log_clicked = Signal(object)
    draft_clicked = Signal(object)
    snooze_clicked = Signal(object)
    dismiss_clicked = Signal(object)
    evidence_clicked = Signal(str, str)

    def __init__(self, model: ActionListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionCards")
        self.setAccessibleName(self.tr("Suggested actions"))
        self._model = model
        self._entry_label: EntryLabel | None = None
        self._project_label: ProjectLabel | None = None
        self._cards: list[ActionCard] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        for signal in (model.modelReset, model.layoutChanged):
            signal.connect(self.rebuild)
        model.rowsInserted.connect(self.rebuild)
        model.rowsRemoved.connect(self.rebuild)
        model.dataChanged.connect(self.rebuild)

    def set_entry_label(self, entry_label: EntryLabel | None) -> None:
        self._entry_label = entry_label

    def set_project_label(self, project_label: ProjectLabel | None) -> None:
        self._project_label = project_label

    def cards(self) -> list[ActionCard]:
        return list(self._cards)

    def card_for(self, action_name: str) -> ActionCard | None:
        return next((c for c in self._cards if c.action.action == action_name), None)

    def rebuild(self, *_args: object) -> None:
        for card in self._cards:
            self._layout.removeWidget(card)
            card.hide()
            card.deleteLater()
        self._cards = []
        for row in range(self._model.rowCount()):
            index = self._model.index(row, 0, QModelIndex())
            action = index.data(ActionRole)
            card = ActionCard(
                action,
                channel_text=str(index.data(ChannelTextRole) or ""),
                due_text=str(index.data(DueTextRole) or ""),
                due_state=str(index.data(DueStateRole) or "none"),
                entry_label=self._entry_label,
                project_text=self._project_label(action.project) if self._project_label is not None else "",
                parent=self,
            )
            card.log_clicked.connect(self.log_clicked)
            card.draft_clicked.connect(self.draft_clicked)
            card.snooze_clicked.connect(self.snooze_clicked)
            card.dismiss_clicked.connect(self.dismiss_clicked)
            card.evidence_clicked.connect(self.evidence_clicked)
            self._layout.addWidget(card)
            self._cards.append(card)
        self.updateGeometry()


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    _restyle(widget)
