"""The middle of the main window: search and filters, the mood-trend chart and the grouped timeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clientjournal.domain import Channel, EntryKind
from clientjournal.services.timeline.index import NONE_KEY, Grouping, TimelineFilter, TimelineIndex
from clientjournal.services.timeline.steps import STEPS
from clientjournal.services.unreadable import is_unreadable
from clientjournal.ui.labels import channel_label, kind_label, mood_label
from clientjournal.ui.models.timeline import TimelineModel
from clientjournal.ui.timeline.banner import DamageBanner
from clientjournal.ui.timeline.chart import MoodTrendChart
from clientjournal.ui.timeline.filterbar import FilterBar, step_label
from clientjournal.ui.timeline.loader import Loaded, TimelineLoader
from clientjournal.ui.timeline.position import current_key, restore_place, select_row, top_key
from clientjournal.ui.timeline.reading_pane import ReadingPane
from clientjournal.ui.timeline.sliced_filter import SlicedFilter
from clientjournal.ui.timeline.style import PANEL_STYLE
from clientjournal.ui.timeline.view import TimelineView

if TYPE_CHECKING:
    from clientjournal.domain import Project
    from clientjournal.services.changes import VaultChanges
    from clientjournal.services.vault import Clock
    from clientjournal.ui.operations import Operations


class TimelinePanel(QWidget):
    loaded = Signal(object, object)
    """(client id or None, that client's projects) once the timeline shows fresh data for the scope."""
    failed = Signal(object)
    filtered = Signal()
    """The timeline shows the current search and filters."""
    check_requested = Signal()
    """The damage banner's "Check the vault"; the window runs its File menu's check."""
    restore_requested = Signal()
    """The damage banner's "Restore from a backup"; the window runs its File menu's restore."""

    ASYNC_ROWS = 20_000
    """From this many entries on, filtering runs in slices between events."""

    def __init__(
        self,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        clock: Clock | None = None,
    ) -> None:
        """``clock``: the window's; the mood chart then counts entries up to now, as the coach does."""
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self.setStyleSheet(PANEL_STYLE)
        self._settings = settings
        self._client_id: str | None = None
        self._shown_scope: object = object()
        self._subject = ""
        self._index_for_counts: tuple[int, int] | None = None
        self._slices = SlicedFilter()
        self._projects: list[Project] = []
        self._client_names: Mapping[str, str] = {}
        self._active = False
        """A scope was asked for since the last :meth:`clear` (so changes to the vault concern this panel)."""
        ops.hub.vault_changed.connect(self._vault_changed)

        self.model = TimelineModel(self)
        self.loader = TimelineLoader(ops, self, clock=clock)
        self.loader.ready.connect(self._ready)
        self.loader.progress.connect(self._progress)
        self.loader.failed.connect(self.failed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.filters = FilterBar(self)
        layout.addWidget(self.filters)
        self.chart = MoodTrendChart(self)
        layout.addWidget(self.chart)
        self.banner = DamageBanner(self)
        self.banner.check_requested.connect(self.check_requested)
        self.banner.restore_requested.connect(self.restore_requested)
        layout.addWidget(self.banner)

        layout.addWidget(self._build_list_and_pane(ops), 1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("timelineStatus")
        self.status_label.setAccessibleName(self.tr("Timeline status"))

        self._fill_static_options()
        self._set_projects([])
        grouping = settings.value("timeline/grouping", Grouping.DAY.value) if settings is not None else None
        try:
            self.filters.set_grouping(Grouping(str(grouping)))
        except ValueError:
            self.filters.set_grouping(Grouping.DAY)
        self.model.set_grouping(self.filters.current_grouping())
        self.filters.changed.connect(self._apply_filter)
        self.filters.grouping_changed.connect(self._apply_grouping)
        for button in self.filters.buttons():
            button.menu_widget.aboutToShow.connect(self._update_counts)
        self._set_chrome_visible(False)

    def _build_list_and_pane(self, ops: Operations) -> QSplitter:
        """The timeline (or a message in its place) above the reading pane, in a splitter that is remembered."""
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("readingSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.stack = QStackedWidget(self.splitter)
        self.view = TimelineView(self.stack)
        self.view.setModel(self.model)
        self.empty_label = QLabel(self.stack)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)
        self.reading_pane = ReadingPane(ops, self.splitter)
        self.reading_pane.entry_activated.connect(self.select_entry)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.reading_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([300, 180])
        state = self._settings.value("timeline/readingSplitter") if self._settings is not None else None
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(self._save_splitter)
        self.view.selectionModel().currentChanged.connect(self._show_current)
        return self.splitter

    # ---- options -------------------------------------------------------------------------------------------------

    def _fill_static_options(self, counts: Mapping[str, Mapping[str, int]] | None = None) -> None:
        c = counts or {}
        self.filters.kind.set_options([(k.value, kind_label(k), None) for k in EntryKind], c.get("kind"))
        self.filters.step.set_options([(str(s), step_label(s), None) for s in STEPS], c.get("step"))
        moods = [(m.name, mood_label(m.name), m.colour) for m in self.model.moods.values()]
        self.filters.mood.set_options([*moods, (NONE_KEY, self.tr("No mood"), None)], c.get("mood"))
        channels = [(ch.value, channel_label(ch), None) for ch in Channel]
        self.filters.channel.set_options(
            [*channels, (NONE_KEY, self.tr("No channel"), None)], c.get("channel")
        )

    def _set_projects(self, projects: list[Project], counts: Mapping[str, int] | None = None) -> None:
        options = [(p.id, p.title, None) for p in projects]
        self.filters.project.set_options(
            [*options, (NONE_KEY, self.tr("No project"), None)] if options else [], counts
        )
        self.filters.project.setEnabled(bool(options))
        self.filters.project.setToolTip(
            self.tr("Filter by project")
            if options
            else self.tr("Select a client with projects to filter by project")
        )

    def _update_counts(self) -> None:
        """Show how many entries of the client (or vault) each option has, when a filter menu opens."""
        index = self.model.index_data
        key = (id(index), len(index))
        if key == self._index_for_counts:
            return
        self._index_for_counts = key
        counts = index.facet_counts()
        self._fill_static_options(counts)
        if self._client_id is not None:
            projects = self._projects
            self._set_projects(projects, counts.get("project"))

    # ---- loading -------------------------------------------------------------------------------------------------

    def show_scope(self, client_id: str | None, client_names: Mapping[str, str], subject: str) -> None:
        """Show one client's timeline (or every client's, for None); ``loaded`` fires when it is current."""
        self._client_names = client_names
        self._subject = subject
        self._active = True
        if client_id != self._client_id:
            self._client_id = client_id
            self._projects = []
            self._set_projects([])
            if client_id is not None:
                self.chart.set_message(self.tr("Loading…"))
        self.loader.load(client_id)

    def _ready(self, loaded: Loaded) -> None:
        if loaded.client_id != self._client_id:
            return
        same_scope = self._shown_scope == loaded.client_id
        keep = current_key(self.view, self.model) if same_scope else None
        top = top_key(self.view, self.model) if same_scope else None
        if loaded.client_id is not None:
            self._projects = loaded.projects
            self._set_projects(loaded.projects)
            self.reading_pane.remember_projects(loaded.client_id, loaded.projects)
        self._index_for_counts = None
        self._slices.cancel()  # rows of a filter still running refer to the old index
        if loaded.moods != self.model.moods:
            self.model.set_moods(loaded.moods)
            self._fill_static_options()
        self.model.set_index(loaded.index, self._client_names)
        if self.filters.criteria() != self.model.filter:
            self._apply_filter()
        self._shown_scope = loaded.client_id
        if loaded.trend is not None:
            self.chart.set_trend(loaded.trend, self._subject)
        elif not loaded.final:
            self.chart.set_message(self.tr("Loading the mood trend…"))
        restore_place(self.view, self.model, keep, top)
        self._update_state()
        self._show_damage()
        self._show_current()
        if loaded.final:
            self.loaded.emit(loaded.client_id, list(loaded.projects))

    def _vault_changed(self, changes: VaultChanges) -> None:
        """Read the shown scope again when a change touches it (a write here, or one made elsewhere).

        Changes to the list of clients (and unknown ones) are left to the window: it reads the list again and
        then shows the selected scope, which reads the timeline anyway. Settings may hold the mood tags.
        """
        self.reading_pane.forget_projects(None if changes.everything else changes.clients)
        if not self._active or changes.everything or changes.client_list:
            return
        if changes.settings or changes.touches(self._client_id):
            self.loader.load(self._client_id)

    def _show_damage(self) -> None:
        """The banner counts what cannot be read in the whole vault when known, else in what is shown."""
        every = self.loader.all_index
        count = self.model.unreadable_count()
        if self._client_id is not None and every is not None and self.loader.all_loaded:
            count = max(count, sum(1 for e in every.entries if is_unreadable(e)))
        self.banner.set_count(count)

    # ---- the reading pane ----------------------------------------------------------------------------------------

    def _show_current(self, *_indexes: QModelIndex) -> None:
        self.reading_pane.show_row(self.model, self.view.currentIndex().row())

    def select_entry(self, client_id: str, entry_id: str) -> bool:
        """Select and show an entry of the timeline; False when it is not shown (filtered out)."""
        row = self.model.row_of(entry_id, client_id)
        if row < 0:
            return False
        select_row(self.view, self.model, row)
        return True

    def _save_splitter(self, *_moved: int) -> None:
        if self._settings is not None:
            self._settings.setValue("timeline/readingSplitter", self.splitter.saveState())

    def _progress(self, done: int, total: int) -> None:
        if total and done < total:
            self.status_label.setText(
                self.tr("Loading the journal… %1 of %2")
                .replace("%1", f"{done:,}")
                .replace("%2", f"{total:,}")
            )
        elif not total:
            self.status_label.setText(self.tr("Loading the journal…"))

    def clear(self) -> None:
        """Forget every decrypted value: models, caches, chart, search text and filters."""
        self._slices.cancel()  # a filter still running in slices stops
        self.loader.clear()
        self.filters.blockSignals(True)
        self.filters.clear()
        self.filters.blockSignals(False)
        self._client_id = None
        self._shown_scope = object()
        self._projects = []
        self._set_projects([])
        self._client_names = {}
        self._index_for_counts = None
        self._active = False
        self.model.clear()
        self.reading_pane.clear()
        self.banner.set_count(0)
        self.chart.clear()
        self.empty_label.clear()
        self.status_label.clear()
        self._fill_static_options()
        self._set_chrome_visible(False)

    # ---- filtering -----------------------------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        """Filter again; over a big journal in slices, one per turn of the event loop (a newer change wins)."""
        flt = self.filters.criteria()
        if len(self.model.index_data) < self.ASYNC_ROWS:
            self._slices.cancel()
            self._filtered(flt, None)
        else:
            self._slices.run(self.model, flt, lambda matching: self._filtered(flt, matching))

    def _filtered(self, flt: TimelineFilter, matching: list[int] | None) -> None:
        keep = current_key(self.view, self.model)
        self.model.set_filter(flt, matching)
        restore_place(self.view, self.model, keep, None)
        self._update_state()
        self._show_current()  # the search's words highlighted anew
        self.filtered.emit()

    def _apply_grouping(self) -> None:
        grouping = self.filters.current_grouping()
        keep = current_key(self.view, self.model)
        self.model.set_grouping(grouping)
        if self._settings is not None:
            self._settings.setValue("timeline/grouping", grouping.value)
        restore_place(self.view, self.model, keep, None)

    def _update_state(self) -> None:
        total = self.model.total_count()
        shown = self.model.entry_count()
        self._set_chrome_visible(total > 0)
        if total and not shown:
            self.empty_label.setText(self.tr("No entries match the search and filters."))
            self.stack.setCurrentWidget(self.empty_label)
        elif total:
            self.stack.setCurrentWidget(self.view)
        if self.model.filter.active:
            text = (
                self.tr("%1 of %2 entries shown")
                .replace("%1", f"{shown:,}".replace(",", "\u202f"))
                .replace("%2", f"{total:,}".replace(",", "\u202f"))
            )
        else:
            text = self.model.count_text(total).replace(f"{total}", f"{total:,}".replace(",", "\u202f"))
        if not self.loader.all_loaded and self._client_id is None and total:
            return  # the progress text stays until the load completes
        self.status_label.setText(text)

    def show_empty(self, text: str) -> None:
        """Replace the timeline with a message (no entries or no clients at all)."""
        self.empty_label.setText(text)
        self.stack.setCurrentWidget(self.empty_label)

    def _set_chrome_visible(self, visible: bool) -> None:
        self.filters.setVisible(visible)
        self.filters.search.setVisible(visible)  # it may live in the window's header
        self.chart.setVisible(visible)

    def place_search(self, layout: QBoxLayout) -> None:
        """Put the search box into ``layout`` (next to the window's title) to leave the filter row room."""
        search = self.filters.search
        own = self.filters.layout()
        if own is not None:
            own.removeWidget(search)
        search.setMinimumWidth(160)  # narrower windows keep a usable client list
        search.setMaximumWidth(280)
        layout.addWidget(search, 1, Qt.AlignmentFlag.AlignVCenter)

    @property
    def has_entries(self) -> bool:
        return self.model.total_count() > 0

    def index(self) -> TimelineIndex:
        return self.model.index_data
