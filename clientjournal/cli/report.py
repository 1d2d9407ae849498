"""``clientjournal-cli report``: the client summary PDF (issue #11), the same file the window writes."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from clientjournal.config import Location
from clientjournal.errors import NotFoundError, ValidationError

HELP = "write a client summary PDF"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--client",
        action="append",
        required=True,
        metavar="C",
        help="a client's id or exact name; repeat for several clients in one PDF",
    )
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument(
        "--audience",
        choices=("self", "client"),
        default="self",
        help="self: everything, for your records; client: what can be handed to the client",
    )
    parser.add_argument("--from", dest="start", metavar="DATE", help="first day of the period (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", metavar="DATE", help="last day of the period (YYYY-MM-DD)")
    parser.add_argument(
        "--include-private", action="store_true", help="include private notes (entries without a channel)"
    )
    parser.add_argument(
        "--mask-contacts", action="store_true", help="hide most of the email and phone number"
    )
    parser.add_argument("--confidential", action="store_true", help='print "Confidential" on every page')
    parser.add_argument("--author", default="", help="the PDF's author (default: ClientJournal)")
    parser.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{option} wants a date as YYYY-MM-DD, not {text!r}") from None


def run(args: argparse.Namespace, location: Location) -> int:
    from clientjournal.cli.support import _clock, _emit, may_replace, unlocked, words_of
    from clientjournal.reports import (
        Audience,
        ReportExistsError,
        ReportOptions,
        build_report,
        check_target,
        page_count,
        write_report,
    )

    say = words_of(args)
    options = ReportOptions(
        clients=tuple(args.client),
        audience=Audience(args.audience),
        language=getattr(args, "lang", None),
        user_language=say.language,
        start=_day(args.start, "--from"),
        end=_day(args.end, "--to"),
        include_private=args.include_private,
        mask_contacts=args.mask_contacts,
        confidential=args.confidential,
        author=args.author,
    )
    out = Path(args.out).expanduser()
    replace = may_replace(out, args.force, say)
    check_target(out, replace=replace)  # before the passphrase and the work
    with unlocked(args, location) as session:
        now = _clock(args)()
        clients = []
        for wanted in options.clients:
            try:
                clients.append(session.journal.find_client(wanted).id)
            except NotFoundError:
                raise NotFoundError(f"no client with the id or name {wanted!r}") from None
        pdf = build_report(session, options, now)
    try:
        write_report(out, pdf, replace=replace)
    except ReportExistsError:
        raise ValidationError(say("{path} already exists; use --force to replace it", path=out)) from None
    pages = page_count(pdf)
    _emit(
        args,
        {
            "file": str(out.resolve()),
            "clients": list(dict.fromkeys(clients)),
            "audience": options.audience.value,
            "language": options.language,
            "pages": pages,
            "bytes": len(pdf),
        },
        say("Wrote {path} ({pages}).", path=out, pages=say.count(pages, "{n} page", "{n} pages")),
    )
    sys.stdout.flush()
    return 0
