"""The reading pane under the timeline: the selected entry in full, without opening the editor.

Kind, time, client, project, channel, moods as chips, the promise with its due date and status, when the client
was told, the whole text with the search's words highlighted, and links to related entries (the nearest ones of
the same client and project). An entry that cannot be read says so, and what to do about it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTime, QUrl, QUrlQuery, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QTextBrowser, QVBoxLayout, QWidget

from clientjournal.domain import EntryKind
from clientjournal.services.search import search_words
from clientjournal.services.unreadable import is_unreadable
from clientjournal.ui.dates import long_date, short_date, weekday_day_month
from clientjournal.ui.labels import channel_label, kind_label, mood_label, promise_status_label
from clientjournal.ui.models.timeline import NO_MOOD_COLOUR
from clientjournal.ui.widgets import text_colour_on

if TYPE_CHECKING:
    from datetime import datetime

    from clientjournal.domain import Entry, MoodTag, Project
    from clientjournal.ui.models.timeline import TimelineModel
    from clientjournal.ui.operations import Operations

RELATED_SHOWN = 4
"""How many related entries the pane links to."""
_SCHEME = "entry"


def highlighted(text: str, words: Sequence[str], mark: str) -> str:
    """``text`` as HTML (escaped, line breaks kept) with every occurrence of ``words`` (casefolded) marked."""
    wanted = [w for w in words if w]
    if not wanted:
        return html.escape(text).replace("\n", "<br>")
    pattern = re.compile("|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True)), re.IGNORECASE)
    parts: list[str] = []
    last = 0
    for found in pattern.finditer(text):
        parts.append(html.escape(text[last : found.start()]))
        parts.append(f'<span style="background-color:{mark}">{html.escape(found.group())}</span>')
        last = found.end()
    parts.append(html.escape(text[last:]))
    return "".join(parts).replace("\n", "<br>")


def related_entries(entry: Entry, candidates: Sequence[Entry], limit: int = RELATED_SHOWN) -> list[Entry]:
    """The entries of ``entry``'s client and project nearest to it in time (none without a project)."""
    if entry.project_id is None:
        return []
    same = [
        e
        for e in candidates
        if e.project_id == entry.project_id
        and e.client_id == entry.client_id
        and e.id != entry.id
        and not is_unreadable(e)
    ]
    same.sort(key=lambda e: abs((e.occurred_at - entry.occurred_at).total_seconds()))
    nearest = same[:limit]
    nearest.sort(key=lambda e: e.occurred_at, reverse=True)
    return nearest


class ReadingPane(QFrame):
    """Shows one entry; ``entry_activated(client id, entry id)`` when a related entry's link is clicked."""

    entry_activated = Signal(str, str)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._project_titles: dict[str, dict[str, str]] = {}
        """Project titles by client (read when an entry of a client not shown yet is selected)."""
        self.setObjectName("readingPane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("readingText")
        self.browser.setAccessibleName(self.tr("Selected entry"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        layout.addWidget(self.browser)
        self._entry: Entry | None = None
        self.show_nothing()

    @property
    def entry(self) -> Entry | None:
        """The entry shown, None when none is."""
        return self._entry

    def text(self) -> str:
        """What the pane shows, as plain text (for tests and screen readers)."""
        return self.browser.toPlainText()

    def clear(self) -> None:
        """Forget every decrypted value (the vault locked)."""
        self._project_titles = {}
        self.show_nothing()

    def remember_projects(self, client_id: str, projects: Sequence[Project]) -> None:
        self._project_titles[client_id] = {p.id: p.title for p in projects}

    def forget_projects(self, client_ids: Iterable[str] | None) -> None:
        """Drop the project titles of ``client_ids`` (None: of every client): they may have changed."""
        if client_ids is None:
            self._project_titles.clear()
        for client_id in client_ids or ():
            self._project_titles.pop(client_id, None)

    def show_row(self, model: TimelineModel, row: int) -> None:
        """Show the entry of ``model``'s ``row`` (nothing for a group header or no row)."""
        entry = model.entry_at(row)
        if entry is None:
            if self._entry is not None:
                self.show_nothing()
            return
        titles = self._project_titles.get(entry.client_id)
        if titles is None and entry.project_id is not None:
            self._read_project_titles(model, entry.client_id)
        self.show_entry(
            entry,
            client_name=model.client_names.get(entry.client_id, ""),
            project_title=(titles or {}).get(entry.project_id or "", ""),
            moods=model.moods,
            query=model.filter.query,
            related=related_entries(entry, model.index_data.entries),
        )

    def _read_project_titles(self, model: TimelineModel, client_id: str) -> None:
        def done(projects: list[Project]) -> None:
            self.remember_projects(client_id, projects)
            shown = self._entry
            if shown is not None and shown.client_id == client_id:
                self.show_row(model, model.row_of(shown.id, shown.client_id))

        # On failure the pane names no project; nothing else depends on it.
        self._ops.query(lambda s: s.journal.list_projects(client_id), key=(self, "projects")).success(
            done
        ).failure(lambda _exc: None).run()

    def show_nothing(self) -> None:
        self._entry = None
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        hint = html.escape(self.tr("Select an entry to read it here."))
        self.browser.setHtml(f'<p style="color:{muted}">{hint}</p>')

    def show_entry(
        self,
        entry: Entry,
        *,
        client_name: str = "",
        project_title: str = "",
        moods: Mapping[str, MoodTag] | None = None,
        query: str = "",
        related: Sequence[Entry] = (),
    ) -> None:
        """Show ``entry`` in full, the words of ``query`` highlighted."""
        self._entry = entry
        locale = QLocale()
        palette = self.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        when = html.escape(self._moment(locale, entry.occurred_at))
        if is_unreadable(entry):
            self.browser.setHtml(self._unreadable_html(when, client_name, muted))
            return
        head = html.escape(kind_label(entry.kind))
        facts = [html.escape(name) for name in (client_name, project_title) if name]
        if entry.channel is not None:
            facts.append(html.escape(self.tr("via %1").replace("%1", channel_label(entry.channel))))
        parts = [
            f'<p style="margin:0"><b style="font-size:large">{head}</b>'
            f'&nbsp;&nbsp;<span style="color:{muted}">{when}</span></p>'
        ]
        if facts:
            parts.append(f'<p style="margin:2px 0 0 0">{"  ·  ".join(facts)}</p>')
        if entry.moods:
            parts.append(f'<p style="margin:6px 0 0 0">{self._chips(entry.moods, moods or {})}</p>')
        parts.extend(self._promise_and_told(entry, locale))
        mark = QColor(palette.color(QPalette.ColorRole.Highlight))
        mark.setAlpha(90)
        text = highlighted(entry.text.strip(), search_words(query), mark.name(QColor.NameFormat.HexArgb))
        no_text = html.escape(self.tr("(no text)"))
        parts.append(f'<p style="margin:10px 0 0 0">{text or no_text}</p>')
        if related:
            links = "<br>".join(self._link_to(e, locale) for e in related)
            title = html.escape(self.tr("Related entries in this project"))
            parts.append(
                f'<p style="margin:12px 0 0 0"><span style="color:{muted}">{title}</span><br>{links}</p>'
            )
        self.browser.setHtml("".join(parts))

    # ---- pieces --------------------------------------------------------------------------------------------------

    @staticmethod
    def _moment(locale: QLocale, moment: datetime) -> str:
        clock = locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
        return f"{long_date(locale, moment.date())}, {clock}"

    def _unreadable_html(self, when: str, client_name: str, muted: str) -> str:
        title = html.escape(self.tr("This entry cannot be read"))
        detail = html.escape(
            self.tr(
                "Its stored copy is damaged, so only its time and client are known. Everything else in the "
                "journal is shown as usual. Check the vault to find every damaged record, or restore the "
                "vault from a backup."
            )
        )
        client = f"  ·  {html.escape(client_name)}" if client_name else ""
        return (
            f'<p style="margin:0"><b style="font-size:large">{title}</b></p>'
            f'<p style="margin:2px 0 0 0;color:{muted}">{when}{client}</p>'
            f'<p style="margin:10px 0 0 0">{detail}</p>'
        )

    @staticmethod
    def _chips(names: Sequence[str], moods: Mapping[str, MoodTag]) -> str:
        chips = []
        for name in names:
            tag = moods.get(name)
            fill = QColor(tag.colour if tag is not None else NO_MOOD_COLOUR)
            ink = text_colour_on(fill).name()
            label = html.escape(mood_label(name))
            chips.append(
                f'<span style="background-color:{fill.name()};color:{ink}">&nbsp;{label}&nbsp;</span>'
            )
        return "&nbsp;&nbsp;".join(chips)

    def _promise_and_told(self, entry: Entry, locale: QLocale) -> list[str]:
        parts = []
        promise = entry.promise
        if promise is not None:
            title = promise.title.strip()
            what = f"“{html.escape(title)}”  ·  " if title else ""
            due = html.escape(self.tr("due %1").replace("%1", short_date(locale, promise.due_on)))
            status = html.escape(promise_status_label(promise.status))
            resolved = ""
            if promise.resolved_on is not None:
                resolved = "  ·  " + html.escape(
                    self.tr("resolved %1").replace("%1", short_date(locale, promise.resolved_on))
                )
            label = html.escape(self.tr("Promise"))
            parts.append(
                f'<p style="margin:6px 0 0 0"><b>{label}:</b> {what}{due}  ·  {status}{resolved}</p>'
            )
        if entry.kind in (EntryKind.SETBACK, EntryKind.PROBLEM_SOLVED):
            told = entry.client_told_at
            text = (
                self.tr("The client was told on %1").replace("%1", self._moment(locale, told))
                if told is not None
                else self.tr("The client has not been told yet")
            )
            parts.append(f'<p style="margin:6px 0 0 0">{html.escape(text)}</p>')
        return parts

    def _link_to(self, entry: Entry, locale: QLocale) -> str:
        query = QUrlQuery()
        query.addQueryItem("client", entry.client_id)  # ids are any text (an import's own)
        query.addQueryItem("entry", entry.id)
        url = QUrl()
        url.setScheme(_SCHEME)
        url.setPath("show")
        url.setQuery(query)
        first = entry.text.strip().split("\n", 1)[0]
        preview = first if len(first) <= 70 else first[:69] + "…"
        day = weekday_day_month(locale, entry.occurred_at.date())
        label = f"{day}  ·  {kind_label(entry.kind)}  ·  {preview}"
        return f'<a href="{html.escape(url.toString(), quote=True)}">{html.escape(label)}</a>'

    def _link(self, url: QUrl) -> None:
        if url.scheme() != _SCHEME:
            return
        query = QUrlQuery(url)
        full = QUrl.ComponentFormattingOption.FullyDecoded
        client_id, entry_id = query.queryItemValue("client", full), query.queryItemValue("entry", full)
        if client_id and entry_id:
            self.entry_activated.emit(client_id, entry_id)
