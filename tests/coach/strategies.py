"""Hypothesis strategies for valid journals: any client, projects and entries the domain allows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import strategies as st

from clientjournal.domain.entities import Client, ClientJournal, Entry, Project, Promise
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus
from clientjournal.domain.moods import DEFAULT_MOODS

BASE = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
ZONES = tuple(timezone(timedelta(hours=h)) for h in (0, 1, 2, -5, -8, 9, 14, -12))
TEMPERAMENTS = (
    "",
    "Calm and formal, likes facts.",
    "Warm, enthusiastic, chatty.",
    "Direct and busy; keep it brief.",
    "Anxious about deadlines.",
    "Rolig og saklig.",
    "Varm og entusiastisk, men utålmodig.",
    "Bekymret og usikker.",
)
MOOD_NAMES = (*(m.name for m in DEFAULT_MOODS), "grateful", "")

# Texts without braces (so a leftover placeholder in rendered output is always a bug). Picked from a list
# rather than generated letter by letter: generation dominates the run time of the property tests.
SAMPLE_TEXTS = (
    "",
    " ",
    "\n\n",
    "Signed; she wants weekly email updates.",
    "First draft of the landing page.\nSecond line with details.",
    "Forsinkelse hos leverandøren – bildene kommer to uker senere.",
    "Løste en feil i kontaktskjemaet «Send» som mistet data.",
    "x" * 200,
    "Émoji 🎉 and “quotes” … 100 %",
)
safe_text = st.sampled_from(SAMPLE_TEXTS)
zones = st.sampled_from(ZONES)
days_around = st.integers(min_value=-120, max_value=60)
# Strategies are built once: building them inside the draw loop makes generation ten times slower.
dates_around = days_around.map(lambda offset: BASE.date() + timedelta(days=offset))
maybe_dates = st.none() | dates_around
minutes_around = st.integers(min_value=-90 * 1440, max_value=90 * 1440)
maybe_channels = st.none() | st.sampled_from(Channel)
kinds = st.sampled_from(EntryKind)
statuses = st.sampled_from(PromiseStatus)
project_statuses = st.sampled_from(ProjectStatus)
mood_lists = st.lists(st.sampled_from(MOOD_NAMES), max_size=3).map(tuple)
temperaments = st.sampled_from(TEMPERAMENTS) | safe_text
cadences = st.none() | st.integers(min_value=1, max_value=45)
one_in_ten = st.integers(min_value=0, max_value=9)


@st.composite
def moments(draw: st.DrawFn) -> datetime:
    """An aware moment within a few months of BASE, in any of several offsets."""
    return (BASE + timedelta(minutes=draw(minutes_around))).astimezone(draw(zones))


@st.composite
def promises(draw: st.DrawFn) -> Promise:
    status = draw(statuses)
    resolved = draw(maybe_dates) if status is not PromiseStatus.OPEN else None
    title = draw(st.sampled_from(("", "", "Logo sketches", "Nye bilder til forsiden")))
    return Promise(due_on=draw(dates_around), status=status, resolved_on=resolved, title=title)


@st.composite
def client_journals(draw: st.DrawFn, client_id: str | None = None) -> ClientJournal:
    cid = client_id or draw(st.text(alphabet="abcdef0123456789-", min_size=1, max_size=12))
    the_client = Client(
        id=cid,
        name=draw(safe_text),
        email=draw(st.sampled_from(("", "kari@example.no"))),
        phone=draw(st.sampled_from(("", "+47 400 00 000"))),
        preferred_channel=draw(maybe_channels),
        update_every_days=draw(cadences),
        temperament=draw(temperaments),
        archived=draw(st.sampled_from((False, False, False, True))),
        language=draw(st.sampled_from(("", "en", "nb"))),
    )
    project_ids = [f"p{i}" for i in range(draw(st.integers(min_value=0, max_value=3)))]
    projects = tuple(
        Project(
            id=pid,
            client_id=cid,
            title=draw(safe_text),
            contract_signed_on=draw(maybe_dates),
            due_on=draw(maybe_dates),
            status=draw(project_statuses),
        )
        for pid in project_ids
    )
    project_refs = st.sampled_from([None, *project_ids])
    entries = []
    for index in range(draw(st.integers(min_value=0, max_value=15))):
        kind = draw(kinds)
        has_promise = kind is EntryKind.PROMISE or draw(one_in_ten) == 0
        occurred_at = draw(moments())
        told = kind in (EntryKind.SETBACK, EntryKind.PROBLEM_SOLVED) and draw(st.booleans())
        entries.append(
            Entry(
                id=f"e{index}",
                client_id=cid,
                occurred_at=occurred_at,
                kind=kind,
                text=draw(safe_text),
                channel=draw(maybe_channels),
                moods=draw(mood_lists),
                project_id=draw(project_refs),
                promise=draw(promises()) if has_promise else None,
                client_told_at=occurred_at + timedelta(hours=draw(st.integers(0, 48))) if told else None,
            )
        )
    entries.sort(key=lambda e: e.occurred_at)
    return ClientJournal(client=the_client, projects=projects, entries=tuple(entries))


@st.composite
def journal_lists(draw: st.DrawFn) -> list[ClientJournal]:
    count = draw(st.integers(min_value=0, max_value=3))
    return [draw(client_journals(client_id=f"client-{i}")) for i in range(count)]
