"""From a saved entry to the right count on the tray, through the app's own objects (issue #10), offscreen.

    .venv/bin/python benchmarks/bench_reminders_tray.py                  # 1,000 clients x 100 entries
    .venv/bin/python benchmarks/bench_reminders_tray.py --clients 200    # smaller

A SQLite vault of the demo (minimum KDF, imported; not timed) is unlocked into the real main window
(``AppController.show_main``) with the real ``ReminderCenter``: the ``ReminderScheduler``, the ``ReminderTray`` and
the window's reminder list, with a notifier that shows nothing. Once the window has loaded the whole timeline and
the scheduler has built its book, each round saves one new promise that is already due for a client in the middle
of the list, the way the entry editor does (``ops.change(..., VaultChanges.of_entries([client]))``), and measures:

save to count     from submitting the save until the tray's count (``ReminderTray.count``, the number drawn on
                  the icon) is one higher: the save on the worker, ``vault_changed``, the scheduler's refresh of
                  that one client and its check, back on the GUI thread
scheduler job     the scheduler's own share on the worker: ``ReminderService.refresh`` of one client + ``check``
                  over every reminder (the "recompute after one change"; goal < 50 ms), measured while the GUI
                  thread handles the same change (both need the interpreter; bench_reminders.py times it alone)
all views         until the worker is idle again: the timeline, the client list and the coach sidebar refreshed too

Then (unless ``--no-external``) a second connection saves the entry instead, as ``clientjournal-cli`` would (its
own engine: another process, as far as SQLite knows). The window's change watcher, polling once a second, notices
the commit, and its catch-up read (the clients' and manifests' ids and versions, nothing decrypted) names the one
client that changed, so the scheduler refreshes that client only, as after a save in the window:

outside save to count   from the other connection's commit until the tray's count is one higher: the watch
                        wakes when the WAL file is written (a file-system watch; else the next poll, within 1 s)
  scheduler job         the scheduler's share, as above (goal < 50 ms)
  all views             until the worker is idle again
catch-up read           ``ChangeWatcher.poll()`` after one such commit, on the main thread with the window's own
                        watch stopped: the pragma, the snapshot of versions and its comparison with the previous one

Goal: the count right within a second of a save, in the window or outside it. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "benchmark passphrase"
NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)


def clock() -> datetime:
    return NOW


class SilentNotifier:
    """A notifier with no server: notices go to the tray's fallback list (nothing is shown offscreen)."""

    def available(self) -> bool:
        return False

    def capabilities(self) -> frozenset[str]:
        return frozenset()

    def notify(self, *_args: object, **_kwargs: object) -> int:
        raise RuntimeError("not shown")

    def close(self, notification_id: int) -> None:
        return None

    def fileno(self) -> int:
        return -1

    def poll(self, timeout: float = 0.0) -> list[object]:
        return []

    def shutdown(self) -> None:
        return None


def wait_for(app, condition, timeout_s: float = 60.0) -> float:  # type: ignore[no-untyped-def]
    """Process events until ``condition()``; the seconds it took (inf on timeout)."""
    from PySide6.QtCore import QEventLoop

    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout_s:
            return float("inf")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--entries-per-client", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--no-external", action="store_true", help="skip saves made by a second connection")
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from clientjournal.crypto.kdf import KdfParams
    from clientjournal.demo import generate_demo
    from clientjournal.domain import Entry, EntryKind, ProjectStatus, Promise
    from clientjournal.services.changes import VaultChanges
    from clientjournal.services.session import VaultSession
    from clientjournal.services.vault import Vault
    from clientjournal.storage.database import sqlite_url
    from clientjournal.ui.controller import AppController
    from clientjournal.ui.reminder_center import ReminderCenter
    from clientjournal.ui.scheduler import ReminderScheduler
    from clientjournal.ui.theme import app_icon
    from clientjournal.ui.worker import BackgroundWorker

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="cj-bench-tray-") as temp:
        url = sqlite_url(Path(temp) / "vault.sqlite3")
        started = time.perf_counter()
        journals = list(generate_demo(args.clients, args.entries_per_client, seed=args.seed, now=NOW))
        vault, keys, _ = Vault.create(url, PASSPHRASE, clock=clock, kdf=KdfParams.minimum())
        VaultSession(vault, keys).transfer.import_journals(iter(journals), total=len(journals))
        print(
            f"vault: {len(journals)} clients x {args.entries_per_client} entries, "
            f"made in {time.perf_counter() - started:.1f} s (not part of the figures)"
        )
        changed = journals[len(journals) // 2]
        # a promise on a finished project reminds of nothing: an active one, or none
        project_id = next((p.id for p in changed.projects if p.status is ProjectStatus.ACTIVE), None)

        worker = BackgroundWorker()
        controller = AppController(url, clock, worker, watch_ms=None)
        controller.vault = vault
        scheduler = ReminderScheduler(clock, zone=UTC, language="en", sleep_bus="")
        center = ReminderCenter(
            controller, clock, app_icon(), SilentNotifier, scheduler=scheduler, has_tray=lambda: True
        )
        job_times: list[float] = []

        started = time.perf_counter()
        window = controller.show_main(VaultSession(vault, vault.unlock(PASSPHRASE)))
        assert controller.session is not None
        reminders = controller.session.reminders
        original_refresh, original_check = reminders.refresh, reminders.check

        def timed_refresh(*a, **k):  # type: ignore[no-untyped-def]
            timed_refresh.started = time.perf_counter()  # type: ignore[attr-defined]
            return original_refresh(*a, **k)

        def timed_check(*a, **k):  # type: ignore[no-untyped-def]
            result = original_check(*a, **k)
            began = getattr(timed_refresh, "started", None)
            if began is not None:
                job_times.append(time.perf_counter() - began)
                timed_refresh.started = None  # type: ignore[attr-defined]
            return result

        reminders.refresh = timed_refresh  # type: ignore[method-assign]
        reminders.check = timed_check  # type: ignore[method-assign]
        first = wait_for(app, lambda: bool(scheduler.due) and not worker.busy, timeout_s=300)
        print(f"window: unlocked to the first tray count and an idle worker in {first:.1f} s")

        counter = iter(range(10**9))

        def promise() -> Entry:
            n = next(counter)
            return Entry(
                f"bench-tray-{n}",
                changed.client.id,
                NOW - timedelta(minutes=5),
                EntryKind.PROMISE,
                f"Send the revised estimate {n}",
                project_id=project_id,
                promise=Promise(date(2026, 11, 26)),  # overdue: due at once
            )

        to_count: list[float] = []
        to_idle: list[float] = []
        jobs_at_start = len(job_times)
        for _ in range(args.repeat):
            before = center.tray.count
            entry = promise()
            jobs_before = len(job_times)
            began = time.perf_counter()
            window.ops.change(
                lambda s, e=entry: s.journal.save_entry(e), VaultChanges.of_entries([changed.client.id])
            ).run()
            to_count.append(wait_for(app, lambda b=before: center.tray.count == b + 1))
            wait_for(app, lambda n=jobs_before: not worker.busy and len(job_times) > n)
            to_idle.append(time.perf_counter() - began)
            wait_for(app, lambda: False, timeout_s=0.2)  # let the window settle between rounds

        in_window_jobs = job_times[jobs_at_start:]
        external: list[float] = []
        external_idle: list[float] = []
        catch_up: list[float] = []
        jobs_at_start = len(job_times)
        if not args.no_external:
            window.watch_external_changes(1_000)
            other_vault = Vault.open(url, clock=clock)
            other = VaultSession(other_vault, other_vault.unlock(PASSPHRASE))
            for _ in range(max(3, args.repeat)):
                wait_for(app, lambda: False, timeout_s=0.3)
                before = center.tray.count
                jobs_before = len(job_times)
                other.journal.save_entry(promise())
                began = time.perf_counter()
                external.append(wait_for(app, lambda b=before: center.tray.count == b + 1))
                wait_for(app, lambda n=jobs_before: not worker.busy and len(job_times) > n)
                external_idle.append(time.perf_counter() - began)
            window.stop_watching()  # else the window's refresh after each commit competes for the interpreter
            wait_for(app, lambda: not worker.busy)
            watcher = controller.session.watch_changes()  # polled here, on this thread only
            for _ in range(max(3, args.repeat)):
                other.journal.save_entry(promise())
                began = time.perf_counter()
                found = watcher.poll()
                catch_up.append(time.perf_counter() - began)
                assert found.clients == {changed.client.id} and not found.everything, found
            watcher.close()
            wait_for(app, lambda: not worker.busy)
            other.close()

        def line(name: str, values: list[float], goal: str = "") -> str:
            return (
                f"{name:<22}{statistics.median(values) * 1000:>10.1f} ms"
                f"{max(values) * 1000:>10.1f} ms   {goal}"
            )

        print()
        print(f"{'measurement':<22}{'median':>13}{'worst':>13}")
        print(line("save to count", to_count, "(goal < 1 s)"))
        print(line("scheduler job", in_window_jobs, "(goal < 50 ms; beside the GUI thread's work)"))
        print(line("all views", to_idle))
        if external:
            print(line("outside save to count", external, "(goal < 1 s; woken by the WAL write)"))
            print(line("  scheduler job", job_times[jobs_at_start:], "(goal < 50 ms; the one client named)"))
            print(line("  all views", external_idle))
            print(line("catch-up read", catch_up, "(the watcher's poll after one outside commit)"))
        print(f"reminders: {len(scheduler.due)} due, {len(scheduler.upcoming)} upcoming")

        center.shutdown()
        worker.wait_idle()
        controller.shutdown()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
