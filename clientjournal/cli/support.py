"""What every CLI command uses: the clock, the words, JSON-or-text output, the unlocked vault, and asking
before a file is replaced."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from clientjournal.cli import terminal
from clientjournal.cli.words import Words, environment_language
from clientjournal.config import Location
from clientjournal.errors import ValidationError
from clientjournal.services import access
from clientjournal.services.session import VaultSession


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
