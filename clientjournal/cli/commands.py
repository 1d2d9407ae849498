"""The CLI commands, by name (:data:`HANDLERS`), and those about clients: list, edit, search, delete, suggest.

Each takes the parsed arguments and the vault location and returns an exit code. The vault's own commands
are in :mod:`~clientjournal.cli.vault_commands`, import, export and demo in
:mod:`~clientjournal.cli.transfer_commands`, and what they all use in :mod:`~clientjournal.cli.support`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace

from clientjournal.cli import terminal
from clientjournal.cli.support import _clock, _emit, unlocked, words_of
from clientjournal.cli.transfer_commands import cmd_demo, cmd_export, cmd_import
from clientjournal.cli.vault_commands import (
    cmd_backup,
    cmd_check,
    cmd_forget_device,
    cmd_init,
    cmd_passwd,
    cmd_restore,
)
from clientjournal.coach import Action
from clientjournal.config import Location

# words_of too: the entry point words its errors with it.
__all__ = ["HANDLERS", "Handler", "words_of"]

Handler = Callable[[argparse.Namespace, Location], int]


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
