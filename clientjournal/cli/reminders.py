"""``clientjournal-cli reminders``: list what is due, overdue and upcoming; snooze, done and dismiss.

    reminders [--within DAYS] [--tz ZONE] [--lang en|nb]
    reminders snooze ID (--for 10m|1h|DURATION | --until ISO | --tomorrow)
    reminders done ID
    reminders dismiss ID

``ID`` is a reminder's id as listed (or its first digits, at least 4, when they are unique). Times are shown in
``--tz`` (default: the system's zone); a ``--until`` without an offset is read in that zone too. The listing
only looks: it does not mark anything as notified.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

from clientjournal.cli.support import _clock, _emit, unlocked, words_of
from clientjournal.cli.terminal import UsageProblem
from clientjournal.cli.words import Words
from clientjournal.coach.reminder_state import ReminderState, Snooze
from clientjournal.coach.reminders import Reminder, ReminderKind
from clientjournal.config import Location
from clientjournal.services.reminder_zones import local_zone, zone_named

_DURATION = re.compile(r"^\s*(\d+)\s*(m|min|h|d)\s*$", re.IGNORECASE)


def add_parser(
    command: Callable[[str, str], argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = command("reminders", "list due and overdue reminders; snooze, done or dismiss one")
    parser.add_argument(
        "--within", type=float, default=0.0, metavar="DAYS", help="also list reminders due within DAYS"
    )
    _zone_options(parser)
    actions = parser.add_subparsers(dest="reminder_action", metavar="ACTION")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text, parents=[common])
        sub.add_argument("id", help="the reminder's id (or its first digits)")
        _zone_options(sub, suppress=True)
        return sub

    snooze = action("snooze", "hide a reminder until later")
    when = snooze.add_mutually_exclusive_group(required=True)
    when.add_argument("--for", dest="snooze_for", metavar="DURATION", help="10m, 1h, or e.g. 90m, 2h, 3d")
    when.add_argument("--until", metavar="ISO", help="until this moment (ISO 8601)")
    when.add_argument("--tomorrow", action="store_true", help="until tomorrow morning (09:00)")
    action("done", "mark a reminder done (a promise is marked kept)")
    action("dismiss", "dismiss a reminder for good")


def _zone_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--tz", default=default, metavar="ZONE", help="IANA time zone (default: the system's)"
    )


def _duration(text: str) -> timedelta:
    match = _DURATION.match(text)
    if match is None or int(match.group(1)) == 0:
        raise UsageProblem(f"not a duration: {text!r} (use e.g. 10m, 1h, 2d)")
    amount, unit = int(match.group(1)), match.group(2).lower()
    return (
        timedelta(minutes=amount)
        if unit.startswith("m")
        else timedelta(hours=amount if unit == "h" else amount * 24)
    )


def _until(text: str, zone: tzinfo) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageProblem(f"not an ISO 8601 date and time: {text!r}") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _local(moment: datetime, zone: tzinfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def run(args: argparse.Namespace, location: Location) -> int:
    zone = zone_named(args.tz) if getattr(args, "tz", None) else local_zone()
    say = words_of(args)
    language = say.language
    if args.within < 0:
        raise UsageProblem("--within must not be negative")
    with unlocked(args, location) as session:
        now = _clock(args)()
        service = session.reminders
        action = args.reminder_action
        if action is None:
            reminders = service.reminders(now, zone, language=language)
            state = service.state().adopted(reminders)
            result = service.check(now, zone, reminders=reminders, save=False)
            horizon = now + timedelta(days=args.within)
            rows = [_row(r, state, now, zone, "due") for r in result.due]
            rows += [
                _row(r, state, now, zone, "upcoming")
                for r in result.upcoming
                if state.effective_at(r) <= horizon
            ]
            _emit(args, rows, _table(rows, say) if rows else say("Nothing is due."))
            return 0
        if action == "snooze":
            choice: Snooze | datetime
            if args.tomorrow:
                choice = Snooze.TOMORROW
            elif args.until:
                choice = _until(args.until, zone)
            else:
                choice = now + _duration(args.snooze_for)
            reminder, until, _ = service.snooze(args.id, choice, now, zone)
            _emit(
                args,
                {"id": reminder.id, "snoozed_until": until.isoformat()},
                say("Snoozed {id} until {until}.", id=reminder.id, until=_local(until, zone)),
            )
            return 0
        if action == "done":
            reminder, changes = service.done(args.id, now, zone)
            kept = reminder.kind is ReminderKind.PROMISE and reminder.entry_id is not None
            told = not kept and reminder.entry_id is not None and bool(changes.clients)
            if kept:
                text = say("Done: {id} (the promise is marked kept).", id=reminder.id)
            elif told:
                text = say("Done: {id} (the client is marked told).", id=reminder.id)
            else:
                text = say("Done: {id}.", id=reminder.id)
            _emit(args, {"id": reminder.id, "done": True, "promise_kept": kept, "client_told": told}, text)
            return 0
        reminder, _ = service.dismiss(args.id, now, zone)
        _emit(args, {"id": reminder.id, "dismissed": True}, say("Dismissed {id}.", id=reminder.id))
        return 0


def _row(
    reminder: Reminder, state: ReminderState, now: datetime, zone: tzinfo, where: str
) -> dict[str, object]:
    effective = state.effective_at(reminder)
    mark = state.marks.get(reminder.id)
    snoozed = mark.snoozed_until if mark is not None and mark.snoozed_until is not None else None
    today = now.astimezone(zone).date()
    status = where if where == "upcoming" else "overdue" if reminder.due_on < today else "due"
    return {
        **reminder.to_json(),
        "status": status,
        "at": effective.astimezone(UTC).isoformat(),
        "snoozed_until": snoozed.astimezone(UTC).isoformat()
        if snoozed is not None and snoozed > now
        else None,
        "local_at": _local(effective, zone),
    }


def _table(rows: list[dict[str, object]], say: Words) -> str:
    width = max(len(str(r["client_name"])) for r in rows)
    promise = " " + say("[promise]")
    return "\n".join(
        f"{r['id']}  {say(str(r['status'])):8}  {r['local_at']}  {r['client_name']!s:{width}}  "
        f"{r['title']}{promise if r['kind'] == 'promise' else ''}"
        for r in rows
    )
