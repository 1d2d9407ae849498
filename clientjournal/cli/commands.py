"""The CLI commands: each takes the parsed arguments and the vault location and returns an exit code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from clientjournal.cli import terminal
from clientjournal.cli.words import Words, environment_language
from clientjournal.coach import Action
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


def words_of(args: argparse.Namespace) -> Words:
    """The CLI's words in ``--lang``, else in the language of the environment's locale."""
    return Words(getattr(args, "lang", None) or environment_language())


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
        secret = terminal.passphrase(args.passphrase_file, prompt=words_of(args)("Passphrase: "))
        session = access.unlock(vault, secret)
        try:
            yield session
        finally:
            session.lock()
    finally:
        vault.close()


def cmd_init(args: argparse.Namespace, location: Location) -> int:
    say = words_of(args)
    secret = terminal.new_passphrase(args.passphrase_file, words=say)
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
        say("Vault created.")
        + "\n\n"
        + say("Recovery key: {key}", key=created.recovery_key)
        + "\n\n"
        + say(
            "Write the recovery key down and keep it somewhere safe. It is shown only now; with it you can\n"
            "unlock the vault and choose a new passphrase if you forget yours."
        )
    )
    if device is not None:
        payload["device_remembered"] = device.done
        payload["device_problem"] = device.problem
        if device.done:
            text += "\n\n" + say(
                "This device is remembered: the desktop app unlocks here without the passphrase."
            )
    _emit(args, payload, text)
    if device is not None and device.problem is not None:
        # A warning, not an error: the vault exists and its recovery key was shown.
        print(
            say(
                "warning: this device could not be remembered: {problem}; you will be asked for the passphrase",
                problem=device.problem,
            ),
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
    say = words_of(args)
    with unlocked(args, location) as session:
        document = session.transfer.read_document(data)
        for warning in document.warnings:
            print(say("note: {warning}", warning=warning), file=sys.stderr)
        with terminal.progress_bar(say("Importing"), say("clients")) as progress:
            summary = session.transfer.import_document(document, progress)
    _emit(
        args,
        {name: getattr(summary, name) for name in summary.__dataclass_fields__},
        say(
            "Imported: {clients}, {projects}, {entries} ({unchanged} unchanged).",
            clients=say(
                "{added} new and {updated} updated clients",
                added=summary.clients_added,
                updated=summary.clients_updated,
            ),
            projects=say(
                "{added} new and {updated} updated projects",
                added=summary.projects_added,
                updated=summary.projects_updated,
            ),
            entries=say(
                "{added} new and {updated} updated entries",
                added=summary.entries_added,
                updated=summary.entries_updated,
            ),
            unchanged=summary.unchanged,
        ),
    )
    return 0


def cmd_export(args: argparse.Namespace, location: Location) -> int:
    """The export to standard output, or to ``--out``: never over an existing file without ``--force`` (or a yes
    at the prompt), and then saying what was written."""
    from clientjournal.services.transfer import ExportExistsError

    say = words_of(args)
    out = Path(args.out).expanduser() if args.out else None
    replace = out is not None and may_replace(out, args.force, say)
    with unlocked(args, location) as session:
        exported_at = _clock(args)()
        with terminal.progress_bar(say("Exporting"), say("clients")) as progress:
            if out is None:
                for chunk in session.transfer.export_chunks(exported_at=exported_at, progress=progress):
                    sys.stdout.write(chunk)
                sys.stdout.flush()
                return 0
            try:
                summary = session.transfer.export_to_file(
                    out, exported_at=exported_at, progress=progress, replace=replace
                )
            except ExportExistsError:
                raise ValidationError(
                    say("{path} already exists; use --force to replace it", path=out)
                ) from None
    _emit(
        args,
        {"file": str(out.resolve()), "clients": summary.clients, "entries": summary.entries},
        say(
            "Exported {clients}, {entries} to {path}.",
            clients=say.count(summary.clients, "{n} client", "{n} clients"),
            entries=say.count(summary.entries, "{n} entry", "{n} entries"),
            path=out,
        ),
    )
    return 0


def may_replace(path: Path, force: bool, say: Words) -> bool:
    """Whether an existing ``path`` may be replaced: with --force, or when the user says so at a prompt.

    Without a terminal to ask at, an existing file is refused (exit 1) and nothing is written.
    """
    if force or not path.exists():
        return force
    if not terminal.interactive():
        raise ValidationError(say("{path} already exists; use --force to replace it", path=path))
    answer = input(say("{path} already exists. Replace it? [y/N] ", path=path)).strip().casefold()
    if answer not in ("y", "yes", "j", "ja"):
        raise ValidationError(say("{path} already exists; nothing written", path=path))
    return True


def cmd_clients(args: argparse.Namespace, location: Location) -> int:
    say = words_of(args)
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
            "language": c.language or None,
        }
        for c in every
    ]
    width = max((len(c.name) for c in every), default=4)
    archived = "  " + say("(archived)")
    lines = [f"{c.id:36}  {c.name:{width}}  {c.company}{archived if c.archived else ''}" for c in every]
    _emit(args, rows, "\n".join(lines) if lines else say("No clients yet."))
    return 0


def cmd_edit_client(args: argparse.Namespace, location: Location) -> int:
    """Change what a client's card says; today the language drafts, the report and ``suggest``'s
    ``client_language`` use for them (``none``: the user's own)."""
    say = words_of(args)
    language = "" if args.language == "none" else args.language
    with unlocked(args, location) as session:
        client = session.journal.find_client(args.client)
        if language is not None and language != client.language:
            client = session.journal.save_client(replace(client, language=language))
    _emit(
        args,
        {"id": client.id, "name": client.name, "language": client.language or None},
        say(
            "{name} is written to in {language}.",
            name=client.name,
            language=say(LANGUAGE_NAMES.get(client.language, "your own language")),
        ),
    )
    return 0


LANGUAGE_NAMES = {"en": "English", "nb": "Norwegian Bokmål"}


def cmd_search(args: argparse.Namespace, location: Location) -> int:
    say = words_of(args)
    with unlocked(args, location) as session:
        client_id = session.journal.find_client(args.client).id if args.client else None
        every = session.journal.search(args.query, client_id=client_id)
        names = {c.id: c.name for c in session.journal.list_clients()}
    found = every[: args.limit] if args.limit else every
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
        f"{e.occurred_at:%Y-%m-%d %H:%M}  {names.get(e.client_id, '')}  [{say.kind(e.kind)}]  "
        + (e.text.splitlines()[0] if e.text else "")
        for e in found
    ]
    if len(found) < len(every):  # never stop silently
        lines.append(
            say(
                "Showing {shown} of {total} matches; use --limit to see more.",
                shown=len(found),
                total=len(every),
            )
        )
    _emit(args, rows, "\n".join(lines) if lines else say("Nothing found."))
    return 0


def cmd_check(args: argparse.Namespace, location: Location) -> int:
    say = words_of(args)
    with (
        unlocked(args, location) as session,
        terminal.progress_bar(say("Checking"), say("entries")) as progress,
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
        say(
            "OK: {clients}, {projects} and {entries} verified.",
            clients=say.count(report.clients, "{n} client", "{n} clients"),
            projects=say.count(report.projects, "{n} project", "{n} projects"),
            entries=say.count(report.entries, "{n} entry", "{n} entries"),
        ),
    )
    return 0


def cmd_passwd(args: argparse.Namespace, location: Location) -> int:
    with unlocked(args, location) as session:
        say = words_of(args)
        new = terminal.new_passphrase(args.new_passphrase_file, env=terminal.NEW_PASSPHRASE_ENV, words=say)
        session.change_passphrase(new)
    _emit(args, {"changed": True}, say("Passphrase changed."))
    return 0


def cmd_delete_client(args: argparse.Namespace, location: Location) -> int:
    say = words_of(args)
    with unlocked(args, location) as session:
        client = session.journal.find_client(args.client)
        if not terminal.confirm(
            say("Delete {name} and everything written about them? This cannot be undone.", name=client.name),
            args.yes,
            words=say,
        ):
            print(say("Nothing deleted."))
            return 1
        deletion = session.delete_client(client.id)
    scrubbed, erased = deletion.scrubbed, deletion.backups
    backups = {"rewritten": [str(p) for p in erased.rewritten], "failed": [str(p) for p, _ in erased.failed]}
    if erased.failed:  # one line about backups: those that may still hold the client
        print(
            f"warning: {len(erased.failed)} backup(s) could not be rewritten without the client and may still "
            f"hold it: {', '.join(f'{p} ({why})' for p, why in erased.failed)}",
            file=sys.stderr,
        )
    elif erased.rewritten and not args.json:
        print(f"Rewrote {len(erased.rewritten)} backup(s) of this vault without the client.")
    if not scrubbed:
        # Honest about what happened: deleted in the vault, but not yet gone from the file (exit 1).
        _emit(args, {"deleted": client.id, "scrubbed": False, "backups": backups}, "")
        print(f"error: client {client.id} is deleted, but {deletion.scrub_problem}", file=sys.stderr)
        return 1
    _emit(
        args,
        {"deleted": client.id, "scrubbed": True, "backups": backups},
        say("Deleted client {id}; its data key is destroyed.", id=client.id),
    )
    return 1 if erased.failed else 0


def cmd_forget_device(args: argparse.Namespace, location: Location) -> int:
    from clientjournal.services.devices import default_device_store, device_store_problem

    say = words_of(args)
    store = default_device_store()
    with unlocked(args, location) as session:
        forgotten = access.forget_device(session, store)
    if forgotten:
        text = say("This device is forgotten: unlocking the vault here needs the passphrase again.")
    elif device_store_problem(store):
        text = say("Nothing to forget: this device has no secure secret store, so it was never remembered.")
    else:
        text = say("Nothing to forget: this device was not remembered for this vault.")
    _emit(args, {"forgotten": forgotten}, text)
    return 0


def cmd_backup(args: argparse.Namespace, location: Location) -> int:
    say = words_of(args)
    with (
        unlocked(args, location) as session,
        terminal.progress_bar(say("Backing up"), say("pages")) as progress,
    ):
        session.backup(Path(args.out), progress)
    _emit(args, {"backup": str(Path(args.out).resolve())}, say("Backup written to {path}.", path=args.out))
    return 0


def cmd_restore(args: argparse.Namespace, location: Location) -> int:
    from clientjournal.services.maintenance import restore_vault_at

    backup_file = Path(args.file)
    if not backup_file.is_file():
        raise ValidationError(f"no backup file at {args.file}")
    say = words_of(args)
    secret = terminal.passphrase(args.passphrase_file, prompt=say("Passphrase of the backup: "))
    if not terminal.confirm(say("Replace everything in the vault with the backup?"), args.yes, words=say):
        print(say("Nothing restored."))
        return 1
    with terminal.progress_bar(say("Restoring"), say("tables")) as progress:
        report = restore_vault_at(
            location.database_url, backup_file, secret, clock=_clock(args), progress=progress
        )
    _emit(
        args,
        {"restored": True, "clients": report.clients, "entries": report.entries},
        say(
            "Restored {clients} and {entries} from {path}.",
            clients=say.count(report.clients, "{n} client", "{n} clients"),
            entries=say.count(report.entries, "{n} entry", "{n} entries"),
            path=args.file,
        ),
    )
    return 0


def cmd_demo(args: argparse.Namespace, location: Location) -> int:
    from clientjournal.demo import generate_demo

    say = words_of(args)
    with unlocked(args, location) as session:
        journals = generate_demo(args.clients, args.entries_per_client, seed=args.seed, now=_clock(args)())
        with terminal.progress_bar(say("Creating demo data"), say("clients")) as progress:
            summary = session.transfer.import_journals(journals, progress, total=args.clients)
    _emit(
        args,
        {"clients": summary.clients_added, "entries": summary.entries_added},
        say(
            "Added {clients} with {entries}.",
            clients=say.count(summary.clients_added, "{n} demo client", "{n} demo clients"),
            entries=say.count(summary.entries_added, "{n} entry", "{n} entries"),
        ),
    )
    return 0


def cmd_suggest(args: argparse.Namespace, location: Location) -> int:
    """The coach's actions in the CLI's language; ``client_language`` says which language to write to each
    client in (the client's own, else the CLI's)."""
    say = words_of(args)
    language = say.language
    with unlocked(args, location) as session:
        now = _clock(args)()
        if args.client:
            coach = session.coaching.client(session.journal.find_client(args.client).id, now, language)
            actions = list(coach.actions)
            names = {coach.client.id: coach.client.name}
            languages = {coach.client.id: coach.writes_in}
        else:
            today = session.coaching.today(now, language)
            actions, names, languages = list(today.actions), dict(today.names), dict(today.languages)

    def frame(action: Action) -> str:
        due = ", " + say("due {day}", day=action.due_on.isoformat()) if action.due_on else ""
        return (
            f"{action.priority:5.0f}  {names.get(action.client, action.client)} · {say('step {n}', n=action.step)}"
            f" · {action.title}\n       {say.channel(action.channel)}{due} — {action.reason}"
        )

    rows = [{**a.to_json(), "client_language": languages.get(a.client, language)} for a in actions]
    _emit(
        args, rows, "\n".join(frame(a) for a in actions) if actions else say("Nothing needs attention now.")
    )
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
    "edit-client": cmd_edit_client,
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
