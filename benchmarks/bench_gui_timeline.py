"""The timeline with the whole demo vault in memory: load, model reset, filters, search, scrolling.

    .venv/bin/python benchmarks/bench_gui_timeline.py                                  # 1,000 x 100, fresh vault
    .venv/bin/python benchmarks/bench_gui_timeline.py --clients 200                     # smaller
    CLIENTJOURNAL_PASSPHRASE=... .venv/bin/python benchmarks/bench_gui_timeline.py --data-dir DIR   # an existing vault

Runs offscreen unless QT_QPA_PLATFORM says otherwise. Measures, in one process:

load        every entry read newest first in the app's growing pages (decrypt + index columns), as the
            worker does after unlocking (the app shows the first page at once and the rest as it arrives)
reset       TimelineModel.set_index: filter + group + model reset over every entry
filters     TimelineModel.set_filter for a kind, a mood, a step, a channel, and search queries (the model
            reset included), and the bare TimelineIndex.matching time of each
scrolling   a 1000x700 TimelineView scrolled a page at a time, each repaint timed (viewport().repaint()),
            next to the same view painting an empty model of the same size (this machine's floor)

Goals: no frame over 50 ms, search under 200 ms. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "benchmark passphrase"
NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def timed(function: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def open_session(args: argparse.Namespace, workdir: Path):  # type: ignore[no-untyped-def]
    from clientjournal.crypto.kdf import KdfParams
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Vault
    from clientjournal.storage.database import sqlite_url

    if args.data_dir:
        from clientjournal.config import resolve_location
        from clientjournal.ui.vaultops import open_vault, unlock

        location = resolve_location(args.data_dir, None)
        return unlock(open_vault(location.database_url, clock), os.environ["CLIENTJOURNAL_PASSPHRASE"])
    from clientjournal.demo import generate_demo

    vault, keys, _recovery = Vault.create(
        sqlite_url(workdir / "vault.sqlite3"), PASSPHRASE, clock=clock, kdf=KdfParams.minimum()
    )
    session = VaultSession(vault, keys)
    print(f"creating a demo vault of {args.clients} x {args.entries_per_client} (not timed)…", flush=True)
    session.transfer.import_journals(
        generate_demo(args.clients, args.entries_per_client, seed=1, now=NOW), total=args.clients
    )
    return session


def load_everything(session):  # type: ignore[no-untyped-def]
    from clientjournal.services.timeline.index import TimelineIndex
    from clientjournal.services.timeline.pages import load_page
    from clientjournal.ui.timeline.loader import PAGE_SIZES, search_labels

    labels = search_labels()
    index = TimelineIndex()
    cursor = None
    total = None
    first_page = 0.0
    start = time.perf_counter()
    while True:
        size = next((s for s in PAGE_SIZES if s > len(index)), PAGE_SIZES[-1])
        page = load_page(session.journal, cursor, size, total=total, labels=labels)
        total = page.total
        index.extend(page.chunk)
        if not first_page:
            first_page = time.perf_counter() - start
        cursor = page.cursor
        if cursor is None:
            break
    return index, first_page, time.perf_counter() - start


def scroll(app, view, pages: int) -> list[float]:  # type: ignore[no-untyped-def]
    bar = view.verticalScrollBar()
    frames = []
    for _ in range(pages):
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        start = time.perf_counter()
        view.viewport().repaint()
        frames.append(time.perf_counter() - start)
        app.processEvents()
    return frames


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--entries-per-client", type=int, default=100)
    parser.add_argument("--data-dir", help="use the vault there (passphrase in CLIENTJOURNAL_PASSPHRASE)")
    parser.add_argument("--pages", type=int, default=60, help="pages to scroll")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QAbstractTableModel, QModelIndex
    from PySide6.QtWidgets import QApplication

    from clientjournal.services.timeline.index import Grouping, TimelineFilter
    from clientjournal.ui import theme
    from clientjournal.ui.models.timeline import TimelineModel
    from clientjournal.ui.timeline.view import TimelineView

    app = QApplication([])
    theme.apply_theme(app)
    with tempfile.TemporaryDirectory() as work:
        session = open_session(args, Path(work))
        names = {c.id: c.name for c in session.journal.list_clients()}
        index, first_page, load_s = load_everything(session)
        session.close()
    count = len(index)
    print(f"\nentries: {count:,}   platform: {app.platformName()}")
    print(f"load (all pages, decrypt + index)   {ms(load_s)}   first page {ms(first_page)}")

    model = TimelineModel()
    reset_s, _ = timed(lambda: model.set_index(index, names))
    print(f"model reset (filter+group+reset)    {ms(reset_s)}   rows {model.rowCount():,}")
    for grouping in (Grouping.WEEK, Grouping.MONTH, Grouping.DAY):
        seconds, _ = timed(lambda g=grouping: (model.set_grouping(g), model.refresh()), 1)
        print(
            f"regroup by {grouping.value:<6}                   {ms(seconds)}   groups {len(model.groups()):,}"
        )

    cases = [
        ("kind = call", TimelineFilter(kinds=frozenset({"call"}))),
        ("mood = angry|frustrated", TimelineFilter(moods=frozenset({"angry", "frustrated"}))),
        ("step = 4", TimelineFilter(steps=frozenset({4}))),
        ("channel = phone", TimelineFilter(channels=frozenset({"phone"}))),
        ("search 'launch'", TimelineFilter(query="launch")),
        ("search 'e' (matches most)", TimelineFilter(query="e")),
        ("search 'zzqx' (matches none)", TimelineFilter(query="zzqx")),
        ("search 'budget delay call'", TimelineFilter(query="budget delay call")),
        (
            "kind + mood + search",
            TimelineFilter(kinds=frozenset({"call"}), moods=frozenset({"calm"}), query="the"),
        ),
    ]
    print("\nfilter                              model (reset incl.)   index only   matches")
    for title, flt in cases:
        bare, rows = timed(lambda f=flt: index.matching(f))
        full, _ = timed(lambda f=flt: (model.set_filter(TimelineFilter()), model.set_filter(f)), 3)
        clear_s, _ = timed(lambda: model.set_filter(TimelineFilter()), 1)
        print(f"{title:<34}  {ms(full - clear_s)}       {ms(bare)}   {len(rows):>7,}")  # type: ignore[arg-type]
    model.set_filter(TimelineFilter())

    print(
        "\nas the app runs it over 20,000+ entries: matching in slices between events, then one regroup+reset"
    )
    for title, flt in cases[:1] + cases[4:7]:
        model.set_filter(TimelineFilter())
        slices = []
        steps = index.iter_matching(flt)
        while True:
            start = time.perf_counter()
            result = next(steps)
            slices.append(time.perf_counter() - start)
            if result is not None:
                break
        start = time.perf_counter()
        model.set_filter(flt, result)
        final = time.perf_counter() - start
        print(
            f"{title:<34}  longest slice {ms(max(slices))}   regroup+reset {ms(final)}"
            f"   total {ms(sum(slices) + final)}"
        )
    model.set_filter(TimelineFilter())

    view = TimelineView()
    view.resize(1000, 700)
    view.setModel(model)
    view.show()
    app.processEvents()
    frames = scroll(app, view, args.pages)

    class Empty(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else count

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 6

        def data(self, index: QModelIndex, role: int = 0) -> object:
            return None

    floor_view = TimelineView()
    floor_view.resize(1000, 700)
    empty = Empty()
    floor_view.setModel(empty)
    floor_view.show()
    app.processEvents()
    floor = scroll(app, floor_view, args.pages)
    print(
        f"\nscrolling {args.pages} pages of a 1000x700 view ({view.verticalScrollBar().pageStep()} px each)"
    )
    print(
        f"  timeline frames   median {ms(statistics.median(frames))}   max {ms(max(frames))}   (goal < 50 ms)"
    )
    print(
        f"  empty model       median {ms(statistics.median(floor))}   max {ms(max(floor))}   (this machine's floor)"
    )
    jump = []
    bar = view.verticalScrollBar()
    for fraction in (0.25, 0.5, 0.75, 1.0, 0.0):
        bar.setValue(int(bar.maximum() * fraction))
        start = time.perf_counter()
        view.viewport().repaint()
        jump.append(time.perf_counter() - start)
    print(f"  jumps (drag the scrollbar)   max {ms(max(jump))}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process {rss:.0f} MB (goal for the app with the vault open: < 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
