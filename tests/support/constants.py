"""Values shared by the tests: one passphrase, one fixed 'now', and how long to wait for background work."""

from __future__ import annotations

from datetime import UTC, datetime

PASSPHRASE = "correct horse battery staple"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
WAIT_MS = 15_000


def fixed_clock() -> datetime:
    return NOW
