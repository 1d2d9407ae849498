"""The user's time zone for reminders: from ``$TZ``, the system's, or an IANA name the user gave (issue #10)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from clientjournal.errors import ValidationError


def local_zone() -> tzinfo:
    """The user's time zone: ``$TZ`` if set (an IANA name or a compiled zone file), else the system's
    (``/etc/localtime``), else the current fixed offset (which knows no DST).

    A ``$TZ`` that names no zone we can read (a POSIX rule such as ``CET-1CEST``) falls back to the offset
    the C library derives from it, never to ``/etc/localtime``: the window shows times on the ``$TZ`` clock,
    and reminders must fire on the same one."""
    variable = os.environ.get("TZ", "").lstrip(":")
    if variable:
        zone = _zone_from(variable)
        return zone or datetime.now(UTC).astimezone().tzinfo or UTC
    try:
        target = Path("/etc/localtime").resolve()
        if "zoneinfo" in target.parts:
            zone = _zone_from("/".join(target.parts[target.parts.index("zoneinfo") + 1 :]))
            if zone is not None:
                return zone
    except OSError:
        pass
    return datetime.now(UTC).astimezone().tzinfo or UTC


def _zone_from(name: str) -> tzinfo | None:
    """A zone from an IANA name or the path of a compiled zone file; None if neither."""
    try:
        if os.path.isabs(name):
            with open(name, "rb") as zone_file:
                return ZoneInfo.from_file(zone_file, key=name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone_named(name: str) -> tzinfo:
    """A zone by IANA name; ValidationError if unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"unknown time zone {name!r}") from None
