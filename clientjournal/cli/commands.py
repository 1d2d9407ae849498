"""The CLI commands: each takes the parsed arguments and the vault location and returns an exit code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from clientjournal.cli import terminal
from clientjournal.config import Location
from clientjournal.errors import IntegrityError, ValidationError
from clientjournal.services import access
from clientjournal.services.session import VaultSession

Handler = Callable[[argparse.Namespace, Location], int]


def _clock(args: argparse.Namespace) -> Callable[[], datetime]:
    fixed: datetime | None = args.now
    if fixed is not None:
        return lambda: fixed
    return lambda: datetime.now(UTC).astimezone()


def _emit(args: argparse.Namespace, payload: object, text: str) -> None:
    if args.json:
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif text:
        print(text)


@contextmanager
def unlocked(args: argparse.Namespace, location: Location) -> Iterator[VaultSession]:
    vault = access.open_vault(location.database_url, clock=_clock(args))
    try:
        secret = terminal.passphrase(args.passphrase_file)
        session = access.unlock(vault, secret)
        try:
            yield session
        finally:
            session.lock()
    finally:
        vault.close()


def cmd_init(args: argparse.Namespace, location: Location) -> int:
    secret = terminal.new_passphrase(args.passphrase_file)
    kdf = access.KdfChoice(args.kdf_memory_mib or None, args.kdf_passes or None)
    remember = None
    if getattr(args, "remember_device", False):
        from clientjournal.services.devices import default_device_store

        remember = default_device_store()
    url = location.database_url
    created = access.create_vault(url, secret, clock=_clock(args), kdf=kdf, remember=remember)
    created.session.close()
    device = created.device
    payload: dict[str, object] = {"vault_id": created.session.vault.vault_id}
    payload["recovery_key"] = created.recovery_key
    text = (
        "Vault created.\n\n"
        f"Recovery key: {created.recovery_key}\n\n"
        "Write the recovery key down and keep it somewhere safe. It is shown only now; with it you can\n"
        "unlock the vault and choose a new passphrase if you forget yours."
    )
    if device is not None:
        payload["device_remembered"] = device.done
        payload["device_problem"] = device.problem
        if device.done:
            text += "\n\nThis device is remembered: the desktop app unlocks here without the passphrase."
    _emit(args, payload, text)
    if device is not None and device.problem is not None:
        # A warning, not an error: the vault exists and its recovery key was shown.
        print(
            f"warning: this device could not be remembered: {device.problem}; "
            "you will be asked for the passphrase",
            file=sys.stderr,
        )
    return 0


def cmd_import(args: argparse.Namespace, location: Location) -> int:
    if args.file == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            raise ValidationError(f"cannot read {args.file}: {exc.strerror}") from None
    with unlocked(args, location) as session:
        document = session.transfer.read_document(data)
        for warning in document.warnings:
            print(f"note: {warning}", file=sys.stderr)
        with terminal.progress_bar("Importing", "clients") as progress:
            summary = session.transfer.import_document(document, progress)
    _emit(
        args,
        {name: getattr(summary, name) for name in summary.__dataclass_fields__},
        f"Imported: {summary.clients_added} new and {summary.clients_updated} updated clients, "
        f"{summary.projects_added} new and {summary.projects_updated} updated projects, "
        f"{summary.entries_added} new and {summary.entries_updated} updated entries "
        f"({summary.unchanged} unchanged).",
    )
    return 0


def cmd_export(args: argparse.Namespace, location: Location) -> int:
    with unlocked(args, location) as session:
        exported_at = _clock(args)()
        with terminal.progress_bar("Exporting", "clients") as progress:
            if args.out:
                session.transfer.export_to_file(Path(args.out), exported_at=exported_at, progress=progress)
            else:
                for chunk in session.transfer.export_chunks(exported_at=exported_at, progress=progress):
                    sys.stdout.write(chunk)
                sys.stdout.flush()
    return 0


def cmd_clients(args: argparse.Namespace, location: Location) -> int:
    with unlocked(args, location) as session:
        every = session.journal.list_clients()
    rows = [
        {
            "id": c.id,
            "name": c.name,
            "company": c.company,
            "preferred_channel": c.preferred_channel,
            "update_every_days": c.update_every_days,
            "archived": c.archived,
        }
        for c in every
    ]
    width = max((len(c.name) for c in every), default=4)
    lines = [f"{c.id:36}  {c.name:{width}}  {c.company}{'  (archived)' if c.archived else ''}" for c in every]
    _emit(args, rows, "\n".join(lines) if lines else "No clients yet.")
    return 0


def cmd_search(args: argparse.Namespace, location: Location) -> int:
    with unlocked(args, location) as session:
        client_id = session.journal.find_client(args.client).id if args.client else None
        found = session.journal.search(args.query, client_id=client_id, limit=args.limit or None)
        names = {c.id: c.name for c in session.journal.list_clients()}
    rows = [
        {
            "client": e.client_id,
            "client_name": names.get(e.client_id, ""),
            "entry": e.id,
            "occurred_at": e.occurred_at.isoformat(),
            "kind": e.kind,
            "text": e.text,
        }
        for e in found
    ]
    lines = [
        f"{e.occurred_at:%Y-%m-%d %H:%M}  {names.get(e.client_id, '')}  [{e.kind}]  {e.text.splitlines()[0] if e.text else ''}"
        for e in found
    ]
    _emit(args, rows, "\n".join(lines) if lines else "Nothing found.")
    return 0


def cmd_check(args: argparse.Namespace, location: Location) -> int:
    with (
        unlocked(args, location) as session,
        terminal.progress_bar("Checking", "entries") as progress,
    ):
        report = session.check(progress)
    summary = {
        "ok": report.ok,
        "clients": report.clients,
        "projects": report.projects,
        "entries": report.entries,
        "problems": report.problems,
    }
    if not report.ok:
        if args.json:
            _emit(args, summary, "")
        raise IntegrityError(
            f"the vault failed its check: {len(report.problems)} problem(s)", tuple(report.problems)
        )
    _emit(
        args,
        summary,
        f"OK: {report.clients} clients, {report.projects} projects and {report.entries} entries verified.",
    )
    return 0


def cmd_passwd(args: argparse.Namespace, location: Location) -> int:
    with unlocked(args, location) as session:
        new = terminal.new_passphrase(args.new_passphrase_file, env=terminal.NEW_PASSPHRASE_ENV)
        session.change_passphrase(new)
    _emit(args, {"changed": True}, "Passphrase changed.")
    return 0


def cmd_delete_client(args: argparse.Namespace, location: Location) -> int:
    with unlocked(args, location) as session:
        client = session.journal.find_client(args.client)
        if not terminal.confirm(
            f"Delete {client.name} and everything written about them? This cannot be undone.",
            args.yes,
        ):
            print("Nothing deleted.")
            return 1
        scrubbed = session.delete_client(client.id)
    if not scrubbed:
        # Honest about what happened: deleted in the vault, but not yet gone from the file (exit 1).
        _emit(args, {"deleted": client.id, "scrubbed": False}, "")
        print(
            f"error: client {client.id} is deleted, but another program has the vault open, so its old data "
            "may remain in the database file until that program closes the vault",
            file=sys.stderr,
        )
        return 1
    _emit(
        args,
        {"deleted": client.id, "scrubbed": True},
        f"Deleted client {client.id}; its data key is destroyed.",
    )
    return 0


def cmd_forget_device(args: argparse.Namespace, location: Location) -> int:
    from clientjournal.services.devices import default_device_store, device_store_problem

    store = default_device_store()
    with unlocked(args, location) as session:
        forgotten = access.forget_device(session, store)
    if forgotten:
        text = "This device is forgotten: unlocking the vault here needs the passphrase again."
    elif device_store_problem(store):
        text = "Nothing to forget: this device has no secure secret store, so it was never remembered."
    else:
        text = "Nothing to forget: this device was not remembered for this vault."
    _emit(args, {"forgotten": forgotten}, text)
    return 0


def cmd_backup(args: argparse.Namespace, location: Location) -> int:
    with (
        unlocked(args, location) as session,
        terminal.progress_bar("Backing up", "pages") as progress,
    ):
        session.backup(Path(args.out), progress)
    _emit(args, {"backup": str(Path(args.out).resolve())}, f"Backup written to {args.out}.")
    return 0


def cmd_restore(args: argparse.Namespace, location: Location) -> int:
    from clientjournal.services.maintenance import restore_vault_at

    backup_file = Path(args.file)
    if not backup_file.is_file():
        raise ValidationError(f"no backup file at {args.file}")
    secret = terminal.passphrase(args.passphrase_file, prompt="Passphrase of the backup: ")
    if not terminal.confirm("Replace everything in the vault with the backup?", args.yes):
        print("Nothing restored.")
        return 1
    with terminal.progress_bar("Restoring", "tables") as progress:
        report = restore_vault_at(
            location.database_url, backup_file, secret, clock=_clock(args), progress=progress
        )
    _emit(
        args,
        {"restored": True, "clients": report.clients, "entries": report.entries},
        f"Restored {report.clients} clients and {report.entries} entries from {args.file}.",
    )
    return 0


def cmd_demo(args: argparse.Namespace, location: Location) -> int:
    from clientjournal.demo import generate_demo

    with unlocked(args, location) as session:
        journals = generate_demo(args.clients, args.entries_per_client, seed=args.seed, now=_clock(args)())
        with terminal.progress_bar("Creating demo data", "clients") as progress:
            summary = session.transfer.import_journals(journals, progress, total=args.clients)
    _emit(
        args,
        {"clients": summary.clients_added, "entries": summary.entries_added},
        f"Added {summary.clients_added} demo clients with {summary.entries_added} entries.",
    )
    return 0


def cmd_suggest(args: argparse.Namespace, location: Location) -> int:
    with unlocked(args, location) as session:
        now = _clock(args)()
        if args.client:
            coach = session.coaching.client(session.journal.find_client(args.client).id, now, args.lang)
            actions = list(coach.actions)
            names = {coach.client.id: coach.client.name}
            languages = {coach.client.id: coach.writes_in}
        else:
            today = session.coaching.today(now, args.lang)
            actions, names, languages = list(today.actions), dict(today.names), dict(today.languages)
    lines = [
        f"{a.priority:5.0f}  {names.get(a.client, a.client)} · step {a.step} · {a.title}\n"
        f"       {a.channel}{', due ' + a.due_on.isoformat() if a.due_on else ''} — {a.reason}"
        for a in actions
    ]
    rows = [{**a.to_json(), "client_language": languages.get(a.client, args.lang)} for a in actions]
    _emit(args, rows, "\n".join(lines) if lines else "Nothing needs attention now.")
    return 0


def cmd_reminders(args: argparse.Namespace, location: Location) -> int:
    from clientjournal.cli import reminders

    return reminders.run(args, location)


def cmd_report(args: argparse.Namespace, location: Location) -> int:
    from clientjournal.cli import report

    return report.run(args, location)


HANDLERS: dict[str, Handler] = {
    "init": cmd_init,
    "import": cmd_import,
    "export": cmd_export,
    "clients": cmd_clients,
    "search": cmd_search,
    "suggest": cmd_suggest,
    "check": cmd_check,
    "passwd": cmd_passwd,
    "delete-client": cmd_delete_client,
    "forget-device": cmd_forget_device,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "demo": cmd_demo,
    "reminders": cmd_reminders,
    "report": cmd_report,
}
