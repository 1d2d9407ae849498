"""Talking to the terminal: passphrases, progress bars that stay quiet when piped, one-line errors."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from clientjournal.cli.words import Words
from clientjournal.errors import ValidationError

PASSPHRASE_ENV = "CLIENTJOURNAL_PASSPHRASE"
NEW_PASSPHRASE_ENV = "CLIENTJOURNAL_NEW_PASSPHRASE"


class UsageProblem(Exception):
    """A command line that cannot work as given (exit code 2)."""


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def read_secret_file(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"cannot read the passphrase file: {exc.strerror}") from None
    try:
        # utf-8-sig drops a leading byte order mark (editors on Windows add one); it is never part of a passphrase.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("the passphrase file is not UTF-8 text") from None
    return text.rstrip("\r\n")


def passphrase(file: str | None, *, prompt: str = "Passphrase: ") -> str:
    """The passphrase from ``file``, the environment, or asked at the terminal with ``prompt``."""
    if file:
        return read_secret_file(file)
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env
    if not interactive():
        raise UsageProblem(f"no passphrase given: use --passphrase-file FILE or set {PASSPHRASE_ENV}")
    return getpass.getpass(prompt)


def new_passphrase(file: str | None, *, env: str = PASSPHRASE_ENV, words: Words | None = None) -> str:
    """A passphrase being chosen: asked twice when typed, so a typo does not lock the user out."""
    say = words or Words()
    if file:
        return read_secret_file(file)
    from_env = os.environ.get(env)
    if from_env:
        return from_env
    if not interactive():
        raise UsageProblem(f"no new passphrase given: use a passphrase file or set {env}")
    first = getpass.getpass(say("New passphrase: "))
    if getpass.getpass(say("Repeat it: ")) != first:
        raise ValidationError("the two passphrases differ")
    return first


def confirm(question: str, assume_yes: bool, *, words: Words | None = None) -> bool:
    if assume_yes:
        return True
    if not interactive():
        raise UsageProblem("this command needs --yes when not run interactively")
    return input((words or Words()).question(question)).strip().lower() in ("y", "yes", "j", "ja")


@contextmanager
def progress_bar(description: str, unit: str = "") -> Iterator[Callable[[int, int], None]]:
    """A callback (done, total) drawing a bar on stderr when it is a terminal, and doing nothing otherwise."""
    if not sys.stderr.isatty():
        yield lambda _done, _total: None
        return
    bar = tqdm(desc=description, unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True)

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()
