"""The CLI commands that look after the vault: create, check, back up and restore it, change its passphrase
and forget this device."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clientjournal.cli import terminal
from clientjournal.cli.support import _clock, _emit, unlocked, words_of
from clientjournal.config import Location
from clientjournal.errors import IntegrityError, ValidationError
from clientjournal.services import access


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
