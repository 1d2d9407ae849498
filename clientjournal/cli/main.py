"""Argument parsing, dispatch, and the translation of errors into one line and an exit code."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime

from clientjournal import __version__
from clientjournal.cli import commands, reminders, report
from clientjournal.cli.terminal import UsageProblem
from clientjournal.coach.playbook import LANGUAGES
from clientjournal.config import configure_logging, resolve_location
from clientjournal.errors import ClientJournalError, ImportValidationError, IntegrityError
from clientjournal.services.access import translate_database_errors

log = logging.getLogger("clientjournal.cli")


def _iso_datetime(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date and time: {text!r}") from None
    return moment if moment.tzinfo else moment.astimezone()


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _common_options(defaults: bool) -> argparse.ArgumentParser:
    """Options accepted before or after the command name (SUPPRESS keeps a later one from erasing an earlier)."""
    parser = argparse.ArgumentParser(add_help=False)
    default = None if defaults else argparse.SUPPRESS
    parser.add_argument("--data-dir", default=default, help="folder of the vault and logs")
    parser.add_argument("--database-url", default=default, help="SQLAlchemy URL of the vault database")
    parser.add_argument("--passphrase-file", default=default, help="read the passphrase from this file")
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if defaults else argparse.SUPPRESS,
        help="machine-readable output",
    )
    parser.add_argument(
        "--now", type=_iso_datetime, default=default, help="pretend it is this time (ISO 8601)"
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help="the language of everything printed, and of the coach's texts (default: the locale's, else en); "
        "for report: every section's language (default: each client's own)",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clientjournal-cli",
        description="ClientJournal: an encrypted client journal with a communication coach.",
        parents=[_common_options(defaults=True)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _common_options(defaults=False)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    init = command("init", "create a new vault and show its recovery key once")
    init.add_argument("--kdf-memory-mib", type=_positive, help="Argon2id memory (default: tuned here)")
    init.add_argument("--kdf-passes", type=_positive, help="Argon2id passes (default: tuned here)")
    init.add_argument(
        "--remember-device",
        action="store_true",
        help="let this device unlock the vault without the passphrase (a random key in the OS secret store)",
    )

    imp = command("import", "import clients and journals from a JSON exchange file")
    imp.add_argument("file", help="the JSON file, or - for standard input")

    exp = command("export", "export everything as a JSON exchange file")
    exp.add_argument("--out", help="file to write (default: standard output)")
    exp.add_argument("--force", action="store_true", help="replace the --out file if it exists")

    command("clients", "list clients")

    edit = command("edit-client", "change a client's card")
    edit.add_argument("client", help="id or exact name")
    edit.add_argument(
        "--language",
        choices=("en", "nb", "none"),
        help="the language to write to the client in (drafts, reports); none: your own",
    )

    search = command("search", "search the decrypted journal")
    search.add_argument("query")
    search.add_argument("--client", help="only this client (id or exact name)")
    search.add_argument(
        "--limit",
        type=_positive,
        default=50,
        help="show at most this many matches, newest first (default: 50; 0: all); when more match, the last "
        "line says how many",
    )

    suggest = command("suggest", "suggest the next communication actions")
    suggest.add_argument("--client", help="only this client (id or exact name)")

    command("check", "verify the database and decrypt every record")
    passwd = command("passwd", "change the passphrase (the recovery key also works as the old one)")
    passwd.add_argument("--new-passphrase-file", help="read the new passphrase from this file")

    delete = command("delete-client", "delete a client and destroy its data key")
    delete.add_argument("client", help="id or exact name")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    command("forget-device", "stop this device unlocking the vault without the passphrase")

    backup = command("backup", "write an encrypted backup of the vault")
    backup.add_argument("--out", required=True, help="backup file to write")

    restore = command("restore", "replace the vault's contents with a verified backup")
    restore.add_argument("file", help="backup file")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    demo = command("demo", "fill the vault with realistic demo clients and journals")
    demo.add_argument("--clients", type=_positive, default=20)
    demo.add_argument("--entries-per-client", type=_positive, default=40)
    demo.add_argument("--seed", type=int, default=1)

    reminders.add_parser(command, common)
    report.add_arguments(command("report", report.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    error = commands.words_of(args)("error:")  # the message after it is the CLI's own, or the core's English
    location = resolve_location(args.data_dir, args.database_url)
    try:
        configure_logging(location)
    except OSError as exc:
        print(
            f"{error} cannot write to the data folder {location.data_dir}: {exc.strerror}",
            file=sys.stderr,
        )
        return 1
    handler = commands.HANDLERS[args.command]
    try:
        with translate_database_errors():
            return handler(args, location)
    except UsageProblem as exc:
        print(f"{error} {exc}", file=sys.stderr)
        return 2
    except ImportValidationError as exc:
        print(f"{error} {exc}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        log.info("import refused: %d problems", len(exc.problems))
        return exc.exit_code
    except IntegrityError as exc:
        print(f"{error} {exc}", file=sys.stderr)
        for record in exc.records:
            print(f"  {record}", file=sys.stderr)
        log.warning("integrity error in %s", args.command, exc_info=True)
        return exc.exit_code
    except ClientJournalError as exc:
        print(f"{error} {exc}", file=sys.stderr)
        log.info("%s failed: %s", args.command, type(exc).__name__)
        return exc.exit_code
    except KeyboardInterrupt:
        print(commands.words_of(args)("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`export | head`): normal for a pipe. Point stdout at devnull so the
        # interpreter's final flush does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:
        log.info("%s failed: %s", args.command, type(exc).__name__)
        print(f"{error} {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", file=sys.stderr)
        return 1
    except Exception as exc:
        log.exception("unexpected error in %s", args.command)
        print(
            f"{error} unexpected {type(exc).__name__}; details are in {location.log_file}",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
