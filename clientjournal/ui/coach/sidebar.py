"""The coach sidebar: where the selected client's project stands, what to do next and why, and "Today".

The sidebar asks the core (``session.coaching``: :class:`~clientjournal.services.coaching.CoachingService`) on the
background worker for a client's coach or for "Today", and shows it. What its cards' buttons do (Log it, Draft,
Snooze, Dismiss, Undo) is in :class:`~clientjournal.ui.coach.buttons.CoachButtons`, and which view it shows and
when it loads it in :class:`~clientjournal.ui.coach.scope.CoachScope` (its base classes); the empty state and the
promise ledger are in :mod:`clientjournal.ui.coach.panels`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clientjournal.coach import CoachState, load_playbook
from clientjournal.services.coaching import ClientCoach, TodayCoach, language_code
from clientjournal.ui.coach.buttons import SessionSource
from clientjournal.ui.coach.cards import ActionCardList, coach_label
from clientjournal.ui.coach.models import ActionListModel
from clientjournal.ui.coach.panels import EmptyState, LedgerPanel
from clientjournal.ui.coach.scope import CoachScope
from clientjournal.ui.coach.stepper import StepperWidget
from clientjournal.ui.coach.style import stylesheet
from clientjournal.ui.coach.today import TodayList
from clientjournal.ui.dates import day_month
from clientjournal.ui.entry_dialog import EntryDialog
from clientjournal.ui.labels import kind_label
from clientjournal.ui.widgets import MessageLabel

if TYPE_CHECKING:
    from clientjournal.services.vault import Clock
    from clientjournal.ui.operations import Operations


class CoachSidebar(CoachScope):
    """The right-hand coach. ``show_client`` follows the main window's selection (None: all clients)."""

    evidence_activated = Signal(str, str)
    """(client id, entry id): show this journal entry."""
    refreshed = Signal()
    """New data is on screen."""

    def __init__(
        self,
        ops: Operations,
        clock: Clock,
        session: SessionSource,
        *,
        language: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        """Loads and writes go through the window's operations: a newer load, a lock or the window's end drops a
        result, and the buttons' writes announce their change instead of refreshing the sidebar by hand."""
        self._clock = clock
        self._session = session
        self._language = language_code(language or QLocale().name())
        self._client_id: str | None = None
        self._mode = "today"
        self._coach: ClientCoach | None = None
        self._today: TodayCoach | None = None
        self._dialogs: list[QDialog] = []
        self._undo_state: CoachState | None = None
        self.last_dialog: QDialog | None = None
        self.entry_dialog_opener: Callable[[EntryDialog], None] | None = None
        """Shows an entry dialog and saves what it produces; without one the dialog is only shown."""
        self.setObjectName("coachSidebar")
        self.setAccessibleName(self.tr("Coach"))
        self.setMinimumWidth(300)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.client_actions = ActionListModel(self)
        self.today_actions = ActionListModel(self)
        self._build()
        self.setStyleSheet(stylesheet())
        self._show_idle()
        ops.hub.vault_changed.connect(self._vault_changed)

    # ---- construction --------------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(10)
        switch = QFrame(self)
        switch.setObjectName("coachSwitch")
        switch_layout = QHBoxLayout(switch)
        switch_layout.setContentsMargins(2, 2, 2, 2)
        switch_layout.setSpacing(2)
        self.client_tab = QToolButton(switch)
        self.client_tab.setText(self.tr("This client"))
        self.client_tab.setAccessibleName(self.tr("Coach for the selected client"))
        self.today_tab = QToolButton(switch)
        self.today_tab.setText(self.tr("Today"))
        self.today_tab.setAccessibleName(self.tr("What needs attention across all clients"))
        self._tabs = QButtonGroup(self)
        for tab in (self.client_tab, self.today_tab):
            tab.setCheckable(True)
            tab.setCursor(Qt.CursorShape.PointingHandCursor)
            tab.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self._tabs.addButton(tab)
            switch_layout.addWidget(tab)
        self.client_tab.clicked.connect(lambda: self._switch("client"))
        self.today_tab.clicked.connect(lambda: self._switch("today"))
        layout.addWidget(switch)

        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("undoBar")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(2, 0, 2, 0)
        self.undo_text = coach_label("", "hint", self.undo_bar, wrap=True)
        self.undo_button = QToolButton(self.undo_bar)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setAccessibleName(self.tr("Undo snooze or dismiss"))
        self.undo_button.clicked.connect(self.undo)
        undo_layout.addWidget(self.undo_text, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        layout.addWidget(self.undo_bar)

        self.stack = QStackedWidget(self)
        self.idle_page = QWidget(self.stack)
        self.client_page = self._build_client_page()
        self.today_page = self._build_today_page()
        for page in (self.idle_page, self.client_page, self.today_page):
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)

    def _scroll(self, content: QWidget) -> QScrollArea:
        scroll = QScrollArea(self.stack)
        scroll.setObjectName("coachScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        content.setObjectName("coachPage")
        return scroll

    def _build_client_page(self) -> QScrollArea:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(12)

        self.step_panel = QFrame(page)
        self.step_panel.setObjectName("stepPanel")
        step_layout = QVBoxLayout(self.step_panel)
        step_layout.setContentsMargins(14, 12, 14, 14)
        step_layout.setSpacing(8)
        top = QHBoxLayout()
        self.step_caption = coach_label(self.tr("WHERE THE PROJECT STANDS"), "coachEyebrow", self.step_panel)
        top.addWidget(self.step_caption, 1)
        step_layout.addLayout(top)
        self.project = QComboBox(self.step_panel)
        self.project.setObjectName("projectSelector")
        self.project.setAccessibleName(self.tr("Project"))
        self.project.currentIndexChanged.connect(self._show_project)
        step_layout.addWidget(self.project)
        self.stepper = StepperWidget(self.step_panel)
        self.stepper.set_steps(load_playbook(self._language).steps)
        step_layout.addWidget(self.stepper)
        self.step_name = coach_label("", "stepName", self.step_panel, wrap=True)
        step_layout.addWidget(self.step_name)
        self.step_purpose = coach_label("", "stepPurpose", self.step_panel, wrap=True)
        step_layout.addWidget(self.step_purpose)
        layout.addWidget(self.step_panel)

        header = QHBoxLayout()
        self.actions_title = coach_label(self.tr("Next actions"), "sectionTitle", page)
        self.actions_count = coach_label("", "sectionCount", page)
        header.addWidget(self.actions_title)
        header.addStretch(1)
        header.addWidget(self.actions_count)
        layout.addLayout(header)
        self.cards = ActionCardList(self.client_actions, page)
        self.cards.log_clicked.connect(self.log_it)
        self.cards.draft_clicked.connect(self.draft)
        self.cards.snooze_clicked.connect(self.snooze)
        self.cards.dismiss_clicked.connect(self.dismiss)
        self.cards.evidence_clicked.connect(self.evidence_activated)
        layout.addWidget(self.cards)
        self.client_empty = EmptyState(page)
        layout.addWidget(self.client_empty)

        self.ledger = LedgerPanel(page)
        layout.addWidget(self.ledger)
        layout.addStretch(1)
        return self._scroll(page)

    def _build_today_page(self) -> QWidget:
        page = QWidget(self.stack)
        page.setObjectName("coachPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        header = QHBoxLayout()
        self.today_title = coach_label(self.tr("Needs attention"), "sectionTitle", page)
        self.today_summary = coach_label("", "sectionCount", page)
        header.addWidget(self.today_title)
        header.addStretch(1)
        header.addWidget(self.today_summary)
        layout.addLayout(header)
        self.today_list = TodayList(self.today_actions, page)
        self.today_list.client_activated.connect(self._today_clicked)
        layout.addWidget(self.today_list, 1)
        self.today_empty = EmptyState(page)
        layout.addWidget(self.today_empty)
        layout.addStretch(0)
        return page

    # ---- the selected client ------------------------------------------------------------------------------------

    def _client_ready(self, coach: ClientCoach) -> None:
        if self._session() is None:
            return
        self.message.clear_message()
        previous = self.project.currentData()
        self._coach = coach
        projects = coach.projects()
        self.project.blockSignals(True)
        self.project.clear()
        for project in projects:
            count = len([a for a in coach.actions if a.project == project.id])
            title = project.title or self.tr("Untitled project")
            self.project.addItem(title if not count else f"{title}  ({count})", project.id)
        wanted = previous
        if self.project.findData(wanted) < 0:
            top = next((a.project for a in coach.actions if a.project in coach.steps), None)
            wanted = top if top is not None else (projects[0].id if projects else None)
        self.project.setCurrentIndex(max(0, self.project.findData(wanted)))
        self.project.setVisible(len(projects) > 1)
        self.project.blockSignals(False)
        self._show_project()
        self.stack.setCurrentWidget(self.client_page)
        self.refreshed.emit()

    def selected_project(self) -> str | None:
        data = self.project.currentData()
        return str(data) if data is not None else None

    def _show_project(self) -> None:
        coach = self._coach
        if coach is None:
            return
        project_id = self.selected_project()
        several = self.project.count() > 1
        step = coach.steps.get(project_id or "", 0)
        self.stepper.setVisible(bool(step))
        self.stepper.set_current(step)
        if step:
            playbook = load_playbook(self._language)
            self.step_name.setText(
                self.tr("Step %1 of 8 · %2").replace("%1", str(step)).replace("%2", playbook.step(step).name)
            )
            self.step_purpose.setText(playbook.step(step).purpose)
            self.step_purpose.show()
        else:
            self.step_name.setText(self.tr("No active project"))
            self.step_purpose.setText(
                self.tr("When a contract is signed, the playbook shows here where the project stands.")
            )
        # Every project's actions, whichever project the stepper shows: the client list's badge counts them all,
        # and an action hidden under another project is one the user would miss.
        actions = list(coach.actions)
        self.cards.set_entry_label(self._entry_label)
        self.cards.set_project_label(self._project_label if several else None)
        self.client_actions.set_actions(actions, coach.today, {coach.client.id: coach.client.name})
        self._mark_client_card_actions()
        count = len(actions)
        self.actions_count.setText(str(count) if count else "")
        self.cards.setVisible(bool(count))
        self.client_empty.setVisible(not count)
        if not count:
            archived = coach.client.archived
            self.client_empty.show_message(
                self.tr("Nothing needs attention"),
                self.tr("%1 is archived, so the coach stays quiet.").replace("%1", coach.client.name)
                if archived
                else self.tr("You are up to date with %1.").replace("%1", coach.client.name),
            )
        self.ledger.caption.setText(self.tr("PROMISES ON THIS PROJECT") if several else self.tr("PROMISES"))
        self.ledger.set_ledger(coach.ledger(project_id if several else None))

    def _mark_client_card_actions(self) -> None:
        for card in self.cards.cards():
            if card.action.action == "agree_channel_cadence":
                card.log_button.setText(self.tr("Edit client…"))
                card.log_button.setToolTip(
                    self.tr("Record the agreed channel and update rhythm on the client's card")
                )
                card.log_button.setAccessibleName(self.tr("Edit client: %1").replace("%1", card.action.title))

    def _project_label(self, project_id: str | None) -> str:
        coach = self._coach
        project = coach.journal.project(project_id) if coach is not None else None
        if project is None:
            return ""
        return project.title or self.tr("Untitled project")

    def _entry_label(self, entry_id: str) -> str:
        coach = self._coach
        entry = coach.entry(entry_id) if coach is not None else None
        if entry is None:
            return ""
        day = entry.occurred_at.date()
        when = day_month(QLocale(), day)
        return f"{when} · {kind_label(entry.kind)}"

    # ---- today --------------------------------------------------------------------------------------------------

    def _today_ready(self, today: TodayCoach) -> None:
        if self._session() is None:
            return
        self.message.clear_message()
        self._today = today
        self.today_actions.set_actions(today.actions, today.today, today.names)
        count = len(today.actions)
        urgent = sum(1 for a in today.actions if a.is_urgent)
        self.today_list.setVisible(bool(count))
        self.today_empty.setVisible(not count)
        if count:
            self.today_summary.setText(
                self.tr("%1 urgent · %2 in all").replace("%1", str(urgent)).replace("%2", str(count))
            )
        else:
            self.today_summary.setText("")
            self.today_empty.show_message(
                self.tr("Nothing needs attention"),
                self.tr("All clients are up to date."),
            )
        self.stack.setCurrentWidget(self.today_page)
        self.refreshed.emit()

    # ---- appearance ---------------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            sheet = stylesheet()
            if sheet != self.styleSheet():
                self.setStyleSheet(sheet)
        super().changeEvent(event)
