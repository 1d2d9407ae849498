"""The automatic backups' file names and which of them rotation keeps; pure, no I/O beyond listing a folder.

A name carries the moment it was taken, in UTC so names sort by time wherever the user travels, and its kind:
``clientjournal-2026-12-02T091200Z.backup.sqlite3`` (automatic) or
``clientjournal-2026-12-02T091200Z-before-restore.backup.sqlite3`` (the vault as it was just before a restore).
Two taken in the same second get ``-2``, ``-3`` … after the time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

AUTOMATIC = "automatic"
BEFORE_RESTORE = "before-restore"
KINDS = (AUTOMATIC, BEFORE_RESTORE)

KEEP_BEFORE_RESTORE = 3
"""How many copies taken before a restore are kept (the newest); rotation of the automatic ones leaves them be."""

_PREFIX = "clientjournal-"
_SUFFIX = ".backup.sqlite3"
_STAMP = "%Y-%m-%dT%H%M%S"
_NAME = re.compile(
    r"^clientjournal-(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})Z(?:-(?P<serial>[2-9]|[1-9]\d+))?"
    r"(?P<kind>-before-restore)?\.backup\.sqlite3$"
)


@dataclass(frozen=True, slots=True, order=True)
class BackupName:
    """A managed backup's file name, parsed; orders by time (then serial)."""

    taken_at: datetime
    """Aware, UTC, to the second."""
    serial: int
    kind: str

    def file_name(self) -> str:
        serial = f"-{self.serial}" if self.serial > 1 else ""
        kind = "-before-restore" if self.kind == BEFORE_RESTORE else ""
        return f"{_PREFIX}{self.taken_at.astimezone(UTC).strftime(_STAMP)}Z{serial}{kind}{_SUFFIX}"


def parse_name(file_name: str) -> BackupName | None:
    """The parsed name of a managed backup, or None for any other file."""
    match = _NAME.match(file_name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return BackupName(taken, int(match["serial"] or 1), BEFORE_RESTORE if match["kind"] else AUTOMATIC)


def new_name(folder: Path, now: datetime, kind: str) -> BackupName:
    """A name for a backup taken at ``now`` that no file in ``folder`` has yet."""
    taken = now.astimezone(UTC).replace(microsecond=0)
    serial = 1
    while (folder / BackupName(taken, serial, kind).file_name()).exists():
        serial += 1
    return BackupName(taken, serial, kind)


def managed_files(folder: Path) -> list[tuple[BackupName, Path]]:
    """The managed backups in ``folder``, newest first (an absent folder holds none)."""
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return []
    found = [(name, path) for path in candidates if (name := parse_name(path.name)) and path.is_file()]
    return sorted(found, reverse=True)


def to_keep(names: Iterable[BackupName], *, daily: int, weekly: int, zone: tzinfo | None) -> set[BackupName]:
    """Which backups rotation keeps: the newest of each of the ``daily`` most recent days that have one, the
    newest of each of the ``weekly`` most recent ISO weeks that have one (days and weeks in ``zone``), and the
    newest :data:`KEEP_BEFORE_RESTORE` copies taken before a restore. The newest automatic one is always kept."""
    ordered = sorted(names, reverse=True)
    automatic = [n for n in ordered if n.kind == AUTOMATIC]
    keep = set([n for n in ordered if n.kind == BEFORE_RESTORE][:KEEP_BEFORE_RESTORE])
    days: set[object] = set()
    weeks: set[object] = set()
    for name in automatic:
        moment = name.taken_at.astimezone(zone)
        day = moment.date()
        week = day.isocalendar()[:2]
        if day not in days and len(days) < daily:
            days.add(day)
            keep.add(name)
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            keep.add(name)
    if automatic:
        keep.add(automatic[0])
    return keep
