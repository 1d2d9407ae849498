"""The CLI commands that move journals in and out of the vault: import, export and made-up demo data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clientjournal.cli import terminal
from clientjournal.cli.support import _clock, _emit, may_replace, unlocked, words_of
from clientjournal.config import Location
from clientjournal.errors import ValidationError


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
